package io.atrium.ws.core.xml;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Parses untrusted XML into {@link XmlElement}s. A document with a DTD is refused before any
 * of it is used, so no entity can be declared, expanded or fetched (XXE, "billion laughs");
 * the document's size, its depth and its number of elements are bounded. The JDK's own StAX
 * parser is used whatever other implementation the framework offers.
 */
public final class SafeXml {

    /** What a document may be. */
    public record Limits(long maxBytes, int maxDepth, int maxElements) {

        /** 16 MB, 64 levels, 1,000,000 elements. */
        public static final Limits DEFAULT = new Limits(16L << 20, 64, 1_000_000);
    }

    /** A document refused: not well-formed, with a DTD, or beyond the limits. The message says which. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private static final XMLInputFactory FACTORY = factory();

    private SafeXml() {
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setXMLResolver((publicId, systemId, base, ns) -> {
            throw new XMLStreamException("external entities are not allowed");
        });
        return f;
    }

    /**
     * Parses a document; the stream is read up to {@code limits.maxBytes()} and not closed.
     *
     * @return the document element
     */
    public static XmlElement parse(InputStream in, Limits limits) throws Refused {
        Bounded bounded = new Bounded(in, limits.maxBytes());
        XMLStreamReader r = null;
        try {
            r = FACTORY.createXMLStreamReader(bounded);
            return read(r, limits);
        } catch (XMLStreamException | RuntimeException e) {
            if (bounded.exceeded) {
                throw new Refused("The document is larger than " + limits.maxBytes() + " bytes");
            }
            throw new Refused("The document is not well-formed XML: " + clean(e.getMessage()));
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing held
                }
            }
        }
    }

    private static XmlElement read(XMLStreamReader r, Limits limits) throws XMLStreamException, Refused {
        Deque<Builder> open = new ArrayDeque<>();
        XmlElement root = null;
        int elements = 0;
        while (r.hasNext()) {
            int event = r.next();
            switch (event) {
                case XMLStreamConstants.DTD -> throw new Refused("DTDs and entity declarations are not allowed");
                case XMLStreamConstants.ENTITY_REFERENCE -> throw new Refused(
                        "Entity references are not allowed: &" + r.getLocalName() + ";");
                case XMLStreamConstants.START_ELEMENT -> {
                    if (root != null) {
                        throw new Refused("The document has content after its root element");
                    }
                    if (open.size() >= limits.maxDepth()) {
                        throw new Refused("The document is nested deeper than " + limits.maxDepth() + " elements");
                    }
                    if (++elements > limits.maxElements()) {
                        throw new Refused("The document has more than " + limits.maxElements() + " elements");
                    }
                    open.push(new Builder(r, open.peek()));
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!open.isEmpty()) {
                        open.peek().text.append(r.getText());
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    XmlElement done = open.pop().build();
                    if (open.isEmpty()) {
                        root = done;
                    } else {
                        open.peek().children.add(done);
                    }
                }
                default -> {
                    // comments, processing instructions, the XML declaration: ignored
                }
            }
        }
        if (root == null) {
            throw new Refused("The document has no root element");
        }
        return root;
    }

    private static String clean(String message) {
        if (message == null) {
            return "unexpected end";
        }
        // StAX prefixes "ParseError at [row,col]:[1,2]\nMessage: ..."; keep one line.
        return message.replace('\n', ' ').replaceAll("\\s+", " ").strip();
    }

    private static final class Builder {
        final String namespace;
        final String local;
        final Map<XmlElement.Name, String> attributes;
        final Map<String, String> scope;
        final StringBuilder text = new StringBuilder();
        final List<XmlElement> children = new ArrayList<>(4);

        Builder(XMLStreamReader r, Builder parent) {
            namespace = r.getNamespaceURI();
            local = r.getLocalName();
            int n = r.getAttributeCount();
            Map<XmlElement.Name, String> attrs = n == 0 ? Map.of() : new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                attrs.put(new XmlElement.Name(r.getAttributeNamespace(i), r.getAttributeLocalName(i)),
                        r.getAttributeValue(i));
            }
            attributes = attrs.isEmpty() ? Map.of() : Collections.unmodifiableMap(attrs);
            Map<String, String> inherited = parent == null ? Map.of() : parent.scope;
            int declared = r.getNamespaceCount();
            if (declared == 0) {
                scope = inherited;
            } else {
                Map<String, String> s = new HashMap<>(inherited);
                for (int i = 0; i < declared; i++) {
                    String prefix = r.getNamespacePrefix(i);
                    s.put(prefix == null ? "" : prefix, r.getNamespaceURI(i));
                }
                scope = Collections.unmodifiableMap(s);
            }
        }

        XmlElement build() {
            return new XmlElement(namespace, local, attributes, scope, text.toString(),
                    children.isEmpty() ? List.of() : List.copyOf(children));
        }
    }

    /** Stops reading past the limit; the parser then fails and the flag tells why. */
    private static final class Bounded extends FilterInputStream {
        private long left;
        boolean exceeded;

        Bounded(InputStream in, long max) {
            super(in);
            this.left = max;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return overflow();
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return overflow();
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        private int overflow() throws IOException {
            if (super.read() < 0) {
                return -1;
            }
            exceeded = true;
            throw new IOException("document too large");
        }

        @Override
        public void close() {
            // the caller owns the stream
        }
    }
}
