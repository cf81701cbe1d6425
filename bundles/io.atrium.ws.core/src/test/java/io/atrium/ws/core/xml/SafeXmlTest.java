package io.atrium.ws.core.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeXmlTest {

    private static XmlElement parse(String xml) throws SafeXml.Refused {
        return SafeXml.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), SafeXml.Limits.DEFAULT);
    }

    private static String refused(String xml, SafeXml.Limits limits) {
        return assertThrows(SafeXml.Refused.class,
                () -> SafeXml.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), limits))
                .getMessage();
    }

    @Test
    void readsNamesAttributesTextAndScope() throws Exception {
        XmlElement root = parse("""
                <?xml version="1.0"?><a:root xmlns:a="urn:a" xmlns:xsd="http://www.w3.org/2001/XMLSchema" \
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><v xsi:type="xsd:int">4&amp;2&#65;<![CDATA[<x>]]></v>\
                <w/></a:root>""");
        assertTrue(root.is("urn:a", "root"));
        XmlElement v = root.child("v");
        assertEquals("4&2A<x>", v.text());
        assertEquals("xsd:int", v.attribute("http://www.w3.org/2001/XMLSchema-instance", "type"));
        assertEquals(new XmlElement.Name("http://www.w3.org/2001/XMLSchema", "int"), v.resolve("xsd:int"));
        assertEquals(null, v.resolve("nope:int"));
        assertEquals(2, root.children().size());
    }

    @Test
    void refusesExternalEntitiesAndReadsNoFile(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"" + secret.toUri()
                + "\">]><r>&x;</r>";
        String message = refused(xml, SafeXml.Limits.DEFAULT);
        assertTrue(message.contains("DTD"), message);
        assertTrue(!message.contains("TOP-SECRET"), message);
    }

    @Test
    void refusesEntityExpansion() {
        String xml = """
                <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\
                <lolz>&lol2;</lolz>""";
        assertTrue(refused(xml, SafeXml.Limits.DEFAULT).contains("DTD"));
    }

    @Test
    void refusesUndeclaredEntities() {
        assertTrue(refused("<r>&nope;</r>", SafeXml.Limits.DEFAULT).startsWith("The document is not well-formed XML"));
    }

    @Test
    void boundsDepthElementsAndSize() {
        String deep = "<a>".repeat(10) + "</a>".repeat(10);
        assertEquals("The document is nested deeper than 5 elements", refused(deep, new SafeXml.Limits(1000, 5, 100)));
        String wide = "<a>" + "<b/>".repeat(20) + "</a>";
        assertEquals("The document has more than 10 elements", refused(wide, new SafeXml.Limits(1000, 5, 10)));
        String big = "<a>" + "x".repeat(5000) + "</a>";
        assertEquals("The document is larger than 1000 bytes", refused(big, new SafeXml.Limits(1000, 5, 10)));
    }

    @Test
    void refusesBrokenDocuments() {
        assertTrue(refused("<a><b></a>", SafeXml.Limits.DEFAULT).startsWith("The document is not well-formed XML"));
        assertTrue(refused("", SafeXml.Limits.DEFAULT).startsWith("The document is not well-formed XML"));
    }
}
