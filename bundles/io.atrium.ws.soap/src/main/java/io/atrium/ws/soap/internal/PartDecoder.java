package io.atrium.ws.soap.internal;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.nio.charset.StandardCharsets;

import io.atrium.ws.api.Descriptor;
import io.atrium.ws.api.MultipleStructure;
import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.SingleStructure;
import io.atrium.ws.api.ValueDescriptor;
import io.atrium.ws.core.xml.XmlElement;

/**
 * Turns the parts of a request into Java values, leniently in form and strictly in meaning:
 * parts and struct members are matched by local name (qualified or not), by position when no
 * name matches; {@code xsi:type} is used when present and not required; a list may come as a
 * SOAP-encoded array, as an element of {@code item}s, or as repeated elements; a struct may
 * come as elements or as an Apache SOAP {@code Map}. For Moodle functions the values are left
 * for the pipeline to validate (text stays text unless the descriptor wants a number or a
 * boolean and the type says so); for hook methods they are converted to the declared XSD type.
 */
final class PartDecoder {

    private final Envelope envelope;

    PartDecoder(Envelope envelope) {
        this.envelope = envelope;
    }

    /** A part whose value cannot be read as its declared type. */
    static final class BadValue extends Exception {
        private static final long serialVersionUID = 1L;

        BadValue(String message) {
            super(message);
        }
    }

    // ---- Matching parts to parameters

    /**
     * The part elements for each parameter name, in parameter order: by local name, or by
     * position when no part's name is a parameter name. A parameter without a part is absent.
     */
    Map<String, List<XmlElement>> match(List<String> names, List<XmlElement> parts) {
        Map<String, List<XmlElement>> byName = new LinkedHashMap<>();
        boolean anyNamed = false;
        for (XmlElement p : parts) {
            if (names.contains(p.name())) {
                anyNamed = true;
                byName.computeIfAbsent(p.name(), k -> new ArrayList<>(1)).add(p);
            }
        }
        if (!anyNamed && !parts.isEmpty()) {
            for (int i = 0; i < parts.size() && i < names.size(); i++) {
                byName.put(names.get(i), List.of(parts.get(i)));
            }
        }
        Map<String, List<XmlElement>> ordered = new LinkedHashMap<>();
        for (String n : names) {
            if (byName.containsKey(n)) {
                ordered.put(n, byName.get(n));
            }
        }
        return ordered;
    }

    // ---- Moodle functions: by descriptor

    /** The value of a parameter given as one or more elements (repeated elements make a list). */
    Object decode(List<XmlElement> elements, Descriptor d) throws Envelope.Invalid {
        if (elements.size() > 1 && d instanceof MultipleStructure m) {
            List<Object> list = new ArrayList<>(elements.size());
            for (XmlElement e : elements) {
                list.add(decode(envelope.deref(e), m.content()));
            }
            return list;
        }
        return decode(envelope.deref(elements.get(0)), d);
    }

    private Object decode(XmlElement e, Descriptor d) throws Envelope.Invalid {
        if (nil(e)) {
            return null;
        }
        if (d instanceof ValueDescriptor v) {
            return e.children().isEmpty() ? scalar(e, v.type()) : generic(e);
        }
        if (d instanceof MultipleStructure m) {
            List<Object> list = new ArrayList<>();
            Set<String> keys = m.content() instanceof SingleStructure s ? s.keys().keySet() : Set.of();
            for (XmlElement item : items(e, keys)) {
                list.add(decode(envelope.deref(item), m.content()));
            }
            return list;
        }
        SingleStructure s = (SingleStructure) d;
        if (isMap(e)) {
            return map(e, s);
        }
        if (e.children().isEmpty()) {
            return e.text().strip().isEmpty() ? Map.of() : e.text();
        }
        Map<String, List<XmlElement>> members = new LinkedHashMap<>();
        for (XmlElement c : e.children()) {
            members.computeIfAbsent(c.name(), k -> new ArrayList<>(1)).add(c);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<XmlElement>> m : members.entrySet()) {
            Descriptor kd = s.keys().get(m.getKey());
            out.put(m.getKey(), kd == null ? generic(envelope.deref(m.getValue().get(0))) : decode(m.getValue(), kd));
        }
        return out;
    }

    private Object map(XmlElement e, SingleStructure s) throws Envelope.Invalid {
        Map<String, Object> out = new LinkedHashMap<>();
        for (XmlElement item : e.children()) {
            XmlElement key = item.child("key");
            XmlElement value = item.child("value");
            if (key == null) {
                continue;
            }
            String k = key.text();
            Descriptor kd = s == null ? null : s.keys().get(k);
            XmlElement v = value == null ? null : envelope.deref(value);
            out.put(k, v == null ? null : kd == null ? generic(v) : decode(v, kd));
        }
        return out;
    }

    /** A scalar for the pipeline: a number or boolean only when the descriptor wants one and the text is one. */
    private static Object scalar(XmlElement e, ParamType type) {
        String text = e.text();
        String t = text.strip();
        XmlElement.Name xsiType = e.resolve(e.attribute(SoapWriter.XSI, "type"));
        String declared = xsiType != null && xsiType.namespace().equals(SoapType.XSD) ? xsiType.local() : null;
        if (type == ParamType.BOOL) {
            if (t.equals("true") || "boolean".equals(declared) && t.equals("1")) {
                return Boolean.TRUE;
            }
            if (t.equals("false") || "boolean".equals(declared) && t.equals("0")) {
                return Boolean.FALSE;
            }
        }
        if ("base64Binary".equals(declared)) {
            try {
                return new String(Base64.getMimeDecoder().decode(t), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException ex) {
                return text;
            }
        }
        return text;
    }

    /** A value without a descriptor: lists, maps and text as they come. */
    Object generic(XmlElement e) throws Envelope.Invalid {
        if (nil(e)) {
            return null;
        }
        if (e.children().isEmpty()) {
            return isArray(e) ? List.of() : e.text();
        }
        if (isMap(e)) {
            return map(e, null);
        }
        if (isArray(e) || sameNames(e) && (e.children().size() > 1 || e.children().get(0).name().equals("item"))) {
            List<Object> list = new ArrayList<>();
            for (XmlElement item : e.children()) {
                list.add(generic(envelope.deref(item)));
            }
            return list;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (XmlElement c : e.children()) {
            out.put(c.name(), generic(envelope.deref(c)));
        }
        return out;
    }

    // ---- Hook methods: by declared XSD type

    /** A value converted to its declared type. */
    Object typed(XmlElement e, SoapType type, String what) throws Envelope.Invalid, BadValue {
        e = envelope.deref(e);
        if (nil(e)) {
            return null;
        }
        if (type instanceof SoapType.Ref r) {
            type = r.resolve();
        }
        if (type instanceof SoapType.Scalar s) {
            if (!e.children().isEmpty()) {
                throw new BadValue(what + ": expected xsd:" + s.local() + ", got a structure");
            }
            String t = e.text().strip();
            try {
                if (s.integral()) {
                    return Long.valueOf(t.startsWith("+") ? t.substring(1) : t);
                }
                if (s.decimal()) {
                    return Double.valueOf(t);
                }
            } catch (NumberFormatException ex) {
                throw new BadValue(what + ": expected xsd:" + s.local() + ", got '" + t + "'");
            }
            if (s.local().equals("boolean")) {
                if (t.equals("true") || t.equals("1")) {
                    return Boolean.TRUE;
                }
                if (t.equals("false") || t.equals("0")) {
                    return Boolean.FALSE;
                }
                throw new BadValue(what + ": expected xsd:boolean, got '" + t + "'");
            }
            return e.text();
        }
        if (type instanceof SoapType.Array a) {
            List<Object> list = new ArrayList<>();
            int i = 0;
            SoapType it = a.item() instanceof SoapType.Ref r ? r.resolve() : a.item();
            Set<String> keys = it instanceof SoapType.Struct s ? s.members().keySet() : Set.of();
            for (XmlElement item : items(e, keys)) {
                list.add(typed(item, a.item(), what + "[" + i++ + "]"));
            }
            return list;
        }
        if (type instanceof SoapType.Struct s) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (XmlElement c : e.children()) {
                SoapType mt = s.members().get(c.name());
                out.put(c.name(), mt == null ? generic(envelope.deref(c)) : typed(c, mt, what + "." + c.name()));
            }
            return out;
        }
        return generic(e);
    }

    // ---- Shapes

    private static boolean nil(XmlElement e) {
        String nil = e.attribute(SoapWriter.XSI, "nil");
        return "true".equals(nil) || "1".equals(nil);
    }

    /**
     * The items of a list element: its children when it is an array, or when they all have one
     * name that is not a key of the item structure ({@code <values><item>a</item></values>},
     * node-soap's {@code <values><values>a</values></values>}); else the element itself.
     *
     * @param keys the keys of the item structure; empty for scalar items
     */
    private static List<XmlElement> items(XmlElement e, Set<String> keys) {
        if (isArray(e) || !e.children().isEmpty() && sameNames(e) && !keys.contains(e.children().get(0).name())) {
            return e.children();
        }
        if (e.children().isEmpty() && e.text().strip().isEmpty()) {
            return List.of();
        }
        return List.of(e);
    }

    private static boolean isArray(XmlElement e) {
        if (e.attribute(SoapWriter.ENC, "arrayType") != null) {
            return true;
        }
        XmlElement.Name t = e.resolve(e.attribute(SoapWriter.XSI, "type"));
        return t != null && t.local().equals("Array");
    }

    private static boolean isMap(XmlElement e) {
        XmlElement.Name t = e.resolve(e.attribute(SoapWriter.XSI, "type"));
        if (t != null && t.local().equals("Map") && t.namespace().equals(SoapWriter.MAP)) {
            return true;
        }
        if (e.children().isEmpty()) {
            return false;
        }
        for (XmlElement c : e.children()) {
            if (!c.name().equals("item") || c.child("key") == null) {
                return false;
            }
        }
        return t == null || t.namespace().equals(SoapWriter.MAP);
    }

    private static boolean sameNames(XmlElement e) {
        List<XmlElement> c = e.children();
        if (c.isEmpty()) {
            return false;
        }
        for (XmlElement x : c) {
            if (!x.name().equals(c.get(0).name())) {
                return false;
            }
        }
        return true;
    }
}
