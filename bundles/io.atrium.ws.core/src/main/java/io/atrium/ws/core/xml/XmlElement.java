package io.atrium.ws.core.xml;

import java.util.List;
import java.util.Map;

/**
 * An element of a parsed document: its name, its attributes, its text (the character data
 * directly inside it, joined) and its child elements. Immutable.
 */
public final class XmlElement {

    /** An attribute's namespace and local name. */
    public record Name(String namespace, String local) {
        public Name {
            namespace = namespace == null ? "" : namespace;
        }
    }

    private final String namespace;
    private final String local;
    private final Map<Name, String> attributes;
    private final Map<String, String> scope;
    private final String text;
    private final List<XmlElement> children;

    XmlElement(String namespace, String local, Map<Name, String> attributes, Map<String, String> scope, String text,
            List<XmlElement> children) {
        this.namespace = namespace == null ? "" : namespace;
        this.local = local;
        this.attributes = attributes;
        this.scope = scope;
        this.text = text;
        this.children = children;
    }

    /** The namespace URI, {@code ""} for none. */
    public String namespace() {
        return namespace;
    }

    /** The local name. */
    public String name() {
        return local;
    }

    /** Whether the element has this namespace and local name. */
    public boolean is(String namespace, String local) {
        return this.local.equals(local) && this.namespace.equals(namespace);
    }

    /** An attribute's value, or {@code null}; {@code namespace} is {@code ""} for an unqualified attribute. */
    public String attribute(String namespace, String local) {
        return attributes.get(new Name(namespace, local));
    }

    /** All attributes. */
    public Map<Name, String> attributes() {
        return attributes;
    }

    /**
     * Resolves a qualified name written in content (such as {@code xsi:type="xsd:int"}) with the
     * namespace declarations in scope here; {@code null} when the prefix is not declared.
     */
    public Name resolve(String qname) {
        if (qname == null) {
            return null;
        }
        String q = qname.strip();
        int colon = q.indexOf(':');
        String prefix = colon < 0 ? "" : q.substring(0, colon);
        String uri = scope.get(prefix);
        if (uri == null && !prefix.isEmpty()) {
            return null;
        }
        return new Name(uri, q.substring(colon + 1));
    }

    /** The character data directly inside this element, joined; {@code ""} for none. */
    public String text() {
        return text;
    }

    /** The child elements, in document order. */
    public List<XmlElement> children() {
        return children;
    }

    /** The first child with this local name (in any namespace), or {@code null}. */
    public XmlElement child(String local) {
        for (XmlElement c : children) {
            if (c.local.equals(local)) {
                return c;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return namespace.isEmpty() ? local : "{" + namespace + "}" + local;
    }
}
