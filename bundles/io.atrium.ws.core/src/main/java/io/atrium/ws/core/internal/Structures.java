package io.atrium.ws.core.internal;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atrium.ws.api.Descriptor;
import io.atrium.ws.api.MultipleStructure;
import io.atrium.ws.api.Params;
import io.atrium.ws.api.Presence;
import io.atrium.ws.api.SingleStructure;
import io.atrium.ws.api.ValueDescriptor;
import io.atrium.ws.api.WsException;

/**
 * Walks descriptors the way Moodle's {@code external_api} does: {@link #validate} is
 * {@code validate_parameters} (what a client sent, against the parameters), {@link #clean} is
 * {@code clean_returnvalue} (what a function returned, against its returns). Scalars go to
 * {@link ParamTypes}. Error texts, and the {@code key => message: detail} path built on the
 * way out of nested structures, are Moodle's.
 * <p>
 * Input structures are what the protocols parse: {@code Map}s (PHP arrays, JSON objects) and
 * {@code List}s (JSON arrays), which count alike as PHP arrays. Results are
 * {@code LinkedHashMap}s in descriptor order, {@code ArrayList}s and typed scalars.
 */
final class Structures {

    private final ParamTypes types;

    Structures(ParamTypes types) {
        this.types = types;
    }

    /** {@code validate_parameters}: throws {@code invalidparameter} with Moodle's debuginfo. */
    Object validate(Descriptor d, Object value) throws WsException {
        if (value == null && d.allowNull()) {
            return null;
        }
        if (d instanceof ValueDescriptor v) {
            return types.validateParameter(v.type(), value, v.allowNull());
        }
        if (d instanceof SingleStructure s) {
            Map<String, Object> input = phpArray(value);
            if (input == null) {
                throw WsException.invalidParameter("Only arrays accepted. The bad value is: '" + printR(value) + "'");
            }
            Map<String, Object> rest = new LinkedHashMap<>(input);
            Map<String, Object> result = new LinkedHashMap<>();
            for (Map.Entry<String, Descriptor> e : s.keys().entrySet()) {
                String key = e.getKey();
                Descriptor sub = e.getValue();
                if (!rest.containsKey(key)) {
                    if (sub.presence() == Presence.REQUIRED) {
                        throw WsException.invalidParameter("Missing required key in single structure: " + key);
                    }
                    if (sub.presence() == Presence.DEFAULT) {
                        result.put(key, nested(key, () -> validate(sub, sub.defaultValue())));
                    }
                } else {
                    Object given = rest.get(key);
                    result.put(key, nested(key, () -> validate(sub, given)));
                }
                rest.remove(key);
            }
            if (!rest.isEmpty()) {
                throw WsException.invalidParameter(
                        "Unexpected keys (" + String.join(", ", rest.keySet()) + ") detected in parameter array.");
            }
            return result;
        }
        MultipleStructure m = (MultipleStructure) d;
        Map<String, Object> input = phpArray(value);
        if (input == null) {
            throw WsException.invalidParameter("Only arrays accepted. The bad value is: '" + printR(value) + "'");
        }
        List<Object> result = new ArrayList<>(input.size());
        for (Object element : input.values()) {
            result.add(validate(m.content(), element));
        }
        return result;
    }

    /** {@code clean_returnvalue}: throws {@code invalidresponse} with Moodle's debuginfo. */
    Object clean(Descriptor d, Object value) throws WsException {
        if (value == null && d.allowNull()) {
            return null;
        }
        if (d instanceof ValueDescriptor v) {
            return types.cleanReturn(v.type(), value, v.allowNull());
        }
        if (d instanceof SingleStructure s) {
            Map<String, Object> input = javaObject(value);
            if (input == null) {
                throw WsException.invalidResponse("Only arrays/objects accepted. The bad value is: '" + printR(value) + "'");
            }
            Map<String, Object> result = new LinkedHashMap<>();
            for (Map.Entry<String, Descriptor> e : s.keys().entrySet()) {
                String key = e.getKey();
                Descriptor sub = e.getValue();
                if (!input.containsKey(key)) {
                    if (sub.presence() == Presence.REQUIRED) {
                        throw WsException.invalidResponse(
                                "Error in response - Missing following required key in a single structure: " + key);
                    }
                    // Moodle fills defaults of scalars only; an absent structure stays absent.
                    if (sub instanceof ValueDescriptor && sub.presence() == Presence.DEFAULT) {
                        result.put(key, nested(key, () -> clean(sub, sub.defaultValue())));
                    }
                } else {
                    Object given = input.get(key);
                    result.put(key, nested(key, () -> clean(sub, given)));
                }
            }
            return result;
        }
        MultipleStructure m = (MultipleStructure) d;
        List<Object> input = javaList(value);
        if (input == null) {
            throw WsException.invalidResponse("Only arrays accepted. The bad value is: '" + printR(value) + "'");
        }
        List<Object> result = new ArrayList<>(input.size());
        for (Object element : input) {
            result.add(clean(m.content(), element));
        }
        return result;
    }

    @FunctionalInterface
    private interface Step {
        Object run() throws WsException;
    }

    /** Runs a step for a key, prefixing its error with the key as Moodle builds the path. */
    private static Object nested(String key, Step step) throws WsException {
        try {
            return step.run();
        } catch (WsException e) {
            throw e.prefixed(key);
        }
    }

    /** A parameter as a PHP array (a map or a list, keys as strings), or {@code null}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> phpArray(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> m = new LinkedHashMap<>();
            map.forEach((k, v) -> m.put(String.valueOf(k), v));
            return m;
        }
        if (value instanceof List<?> list) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < list.size(); i++) {
                m.put(String.valueOf(i), list.get(i));
            }
            return m;
        }
        return null;
    }

    /**
     * A returned value as a PHP array with named keys: a map, or a record's components (as
     * Moodle casts an object to an array), or {@code null} when it is neither.
     */
    private static Map<String, Object> javaObject(Object value) throws WsException {
        if (value instanceof Params p) {
            return p.asMap();
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            return phpArray(value);
        }
        if (value != null && value.getClass().isRecord()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (RecordComponent c : value.getClass().getRecordComponents()) {
                try {
                    c.getAccessor().setAccessible(true);
                    m.put(c.getName(), c.getAccessor().invoke(value));
                } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
                    throw WsException.invalidResponse("The record " + value.getClass().getName()
                            + " cannot be read: " + e);
                }
            }
            return m;
        }
        return null;
    }

    /** A returned value as a list: a list, an iterable, an array, or a map's values; else {@code null}. */
    private static List<Object> javaList(Object value) {
        if (value instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        if (value instanceof Map<?, ?> map) {
            return new ArrayList<>(map.values());
        }
        if (value instanceof Iterable<?> iterable) {
            List<Object> l = new ArrayList<>();
            for (Iterator<?> i = iterable.iterator(); i.hasNext();) {
                l.add(i.next());
            }
            return l;
        }
        if (value != null && value.getClass().isArray()) {
            int n = Array.getLength(value);
            List<Object> l = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                l.add(Array.get(value, i));
            }
            return l;
        }
        return null;
    }

    /** PHP's {@code print_r($v, true)} for the scalars that reach it: PHP's string conversion. */
    private static String printR(Object value) {
        return PhpStrings.toPhpString(value);
    }
}
