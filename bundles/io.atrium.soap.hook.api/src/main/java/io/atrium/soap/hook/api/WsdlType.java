package io.atrium.soap.hook.api;

import java.util.List;
import java.util.Objects;

/**
 * A type a {@link SoapHookPlugin} adds to the WSDL's schema (ILIAS's {@code ilWsdlType}, the
 * arguments of nusoap's {@code addComplexType}). Build one with {@link #struct} or
 * {@link #array}; other shapes with the constructor.
 *
 * @param name            the type's name; parameters refer to it as {@code tns:<name>}
 * @param typeClass       a complex or a simple type
 * @param compound        a struct (named elements) or an array (a SOAP-encoded array)
 * @param compositor      how a struct's elements are grouped
 * @param restrictionBase the base type restricted, such as {@code SOAP-ENC:Array} for an
 *                        array or {@code xsd:string} for a simple type; {@code ""} for none
 * @param elements        a struct's elements, in order
 * @param attributes      attributes of the restriction, such as an array's
 *                        {@code SOAP-ENC:arrayType}
 * @param arrayType       an array's item type, such as {@code xsd:int}; {@code ""} for none
 */
public record WsdlType(String name, TypeClass typeClass, Compound compound, Compositor compositor,
        String restrictionBase, List<Element> elements, List<Attribute> attributes, String arrayType) {

    /** {@code complexType} or {@code simpleType}. */
    public enum TypeClass {
        COMPLEX_TYPE, SIMPLE_TYPE
    }

    /** nusoap's "php type": a struct or an array. */
    public enum Compound {
        STRUCT, ARRAY
    }

    /** The model group of a struct. */
    public enum Compositor {
        ALL, SEQUENCE, CHOICE, NONE
    }

    /**
     * An element of a struct.
     *
     * @param type      an XSD type such as {@code xsd:string}, or {@code tns:<type>}
     * @param minOccurs 0 for an optional element
     * @param maxOccurs {@code "1"}, a number, or {@code "unbounded"}
     */
    public record Element(String name, String type, int minOccurs, String maxOccurs, boolean nillable) {
        public Element {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            maxOccurs = maxOccurs == null ? "1" : maxOccurs;
        }

        /** A required, non-nillable element that occurs once. */
        public static Element of(String name, String type) {
            return new Element(name, type, 1, "1", false);
        }

        /** This element, optional and nillable. */
        public Element optional() {
            return new Element(name, type, 0, maxOccurs, true);
        }
    }

    /**
     * An attribute of a restriction: {@code ref} such as {@code SOAP-ENC:arrayType} and its
     * {@code wsdl:arrayType} value such as {@code xsd:int[]}.
     */
    public record Attribute(String ref, String arrayType) {
        public Attribute {
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(arrayType, "arrayType");
        }
    }

    public WsdlType {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException("a type name is an XML name: " + name);
        }
        Objects.requireNonNull(typeClass, "typeClass");
        Objects.requireNonNull(compound, "compound");
        Objects.requireNonNull(compositor, "compositor");
        restrictionBase = restrictionBase == null ? "" : restrictionBase;
        elements = List.copyOf(elements);
        attributes = List.copyOf(attributes);
        arrayType = arrayType == null ? "" : arrayType;
    }

    /** A struct whose elements come in any order ({@code xsd:all}). */
    public static WsdlType struct(String name, Element... elements) {
        return new WsdlType(name, TypeClass.COMPLEX_TYPE, Compound.STRUCT, Compositor.ALL, "", List.of(elements),
                List.of(), "");
    }

    /** A SOAP-encoded array of {@code itemType} (such as {@code xsd:int} or {@code tns:myStruct}). */
    public static WsdlType array(String name, String itemType) {
        return new WsdlType(name, TypeClass.COMPLEX_TYPE, Compound.ARRAY, Compositor.NONE, "SOAP-ENC:Array",
                List.of(), List.of(new Attribute("SOAP-ENC:arrayType", itemType + "[]")), itemType);
    }
}
