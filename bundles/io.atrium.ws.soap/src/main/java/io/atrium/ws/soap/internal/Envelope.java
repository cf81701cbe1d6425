package io.atrium.ws.soap.internal;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atrium.ws.core.xml.SafeXml;
import io.atrium.ws.core.xml.XmlElement;

/**
 * A SOAP 1.1 request envelope, read with {@link SafeXml}: the operation is the first element of
 * the body (whatever the SOAPAction header says, since ILIAS plugins share SOAPAction values),
 * and its parts are its child elements, qualified or not, typed or not. Multi-reference values
 * ({@code href="#id"} pointing at a body-level element with that {@code id}) are followed.
 */
final class Envelope {

    static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";

    /** A request that is not a usable envelope; the message says why. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;
        final String code;

        Invalid(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    private final XmlElement operation;
    private final Map<String, XmlElement> references;

    private Envelope(XmlElement operation, Map<String, XmlElement> references) {
        this.operation = operation;
        this.references = references;
    }

    static Envelope read(InputStream in, SafeXml.Limits limits) throws Invalid {
        XmlElement root;
        try {
            root = SafeXml.parse(in, limits);
        } catch (SafeXml.Refused e) {
            throw new Invalid("SOAP-ENV:Client", "Bad Request: " + e.getMessage());
        }
        if (root.is(SOAP12, "Envelope")) {
            throw new Invalid("SOAP-ENV:VersionMismatch", "Wrong Version: SOAP 1.2 is not served; send a SOAP 1.1 "
                    + "envelope (" + SoapWriter.ENV + ")");
        }
        if (!root.is(SoapWriter.ENV, "Envelope")) {
            throw new Invalid("SOAP-ENV:VersionMismatch", "Wrong Version: the document is not a SOAP 1.1 envelope");
        }
        XmlElement body = null;
        for (XmlElement c : root.children()) {
            if (c.is(SoapWriter.ENV, "Body")) {
                body = c;
                break;
            }
        }
        if (body == null || body.children().isEmpty()) {
            throw new Invalid("SOAP-ENV:Client", "Bad Request: the envelope has no body or no operation in it");
        }
        Map<String, XmlElement> references = new LinkedHashMap<>();
        for (XmlElement c : body.children()) {
            String id = c.attribute("", "id");
            if (id != null) {
                references.put(id, c);
            }
        }
        return new Envelope(body.children().get(0), references);
    }

    /** The operation's name: the local name of the body's first element. */
    String operation() {
        return operation.name();
    }

    /** The operation element's namespace. */
    String namespace() {
        return operation.namespace();
    }

    /** The part elements, in document order (their values may be references: see {@link #deref}). */
    List<XmlElement> parts() {
        return operation.children();
    }

    /** The element an {@code href} points at, else the element itself. */
    XmlElement deref(XmlElement e) throws Invalid {
        return deref(e, 0);
    }

    private XmlElement deref(XmlElement e, int depth) throws Invalid {
        String href = e.attribute("", "href");
        if (href == null) {
            return e;
        }
        if (depth > 16 || !href.startsWith("#") || !references.containsKey(href.substring(1))) {
            throw new Invalid("SOAP-ENV:Client", "Bad Request: unresolved reference href=\"" + href + "\"");
        }
        return deref(references.get(href.substring(1)), depth + 1);
    }
}
