package io.atrium.ws.soap.internal;

import java.util.Map;

/**
 * The type a value is encoded (and decoded) with: what the WSDL declares for it. {@link Any}
 * is the absence of a declaration, where the encoder goes by the Java value as PHP's
 * SoapServer goes by the PHP value.
 */
sealed interface SoapType {

    String XSD = "http://www.w3.org/2001/XMLSchema";

    /** An XSD simple type such as {@code xsd:int}. */
    record Scalar(String local) implements SoapType {
        static final Scalar INT = new Scalar("int");
        static final Scalar DOUBLE = new Scalar("double");
        static final Scalar FLOAT = new Scalar("float");
        static final Scalar STRING = new Scalar("string");
        static final Scalar BOOLEAN = new Scalar("boolean");

        boolean integral() {
            return switch (local) {
                case "int", "integer", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
                        "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong", "unsignedShort",
                        "unsignedByte" -> true;
                default -> false;
            };
        }

        boolean decimal() {
            return local.equals("double") || local.equals("float") || local.equals("decimal");
        }
    }

    /** A named complex type with elements, in order. */
    record Struct(String namespace, String name, Map<String, SoapType> members) implements SoapType {
    }

    /** A SOAP-encoded array; {@code item} is {@link Any} for an untyped array. */
    record Array(SoapType item) implements SoapType {
    }

    /** A type declared by name elsewhere, looked up when used (types may refer to each other). */
    record Ref(String name, Map<String, SoapType> table) implements SoapType {
        SoapType resolve() {
            SoapType t = table.get(name);
            return t instanceof Ref r ? r.resolve() : t == null ? ANY : t;
        }
    }

    /** No declaration: encoded by the value's own type. */
    record Any() implements SoapType {
    }

    Any ANY = new Any();
}
