package io.atrium.feature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FeatureReaderTest {

    private static Feature read(String json) throws FeatureException {
        return FeatureReader.read(new StringReader(json), "test.json", Map.of("atrium.data", "/srv/data")::get);
    }

    private static String error(String json) {
        return assertThrows(FeatureException.class, () -> read(json)).getMessage();
    }

    @Test
    void readsBundlesConfigurationsAndFrameworkProperties() throws Exception {
        Feature f = read("""
                {
                  // comments are allowed
                  "id": "io.atrium:atrium-features:slingosgifeature:platform:1.0.0",
                  "title": "Platform",
                  "variables": { "level": "INFO" },
                  "bundles": [
                    "org.example:plain:1.2",
                    { "id": "org.example:ordered:2.0", "start-order": "1" },
                    { "id": "org.example:numbered:3.0", "start-order": 7 }
                  ],
                  "configurations": {
                    "org.example.pid": {
                      "name": "x", "count": 3, "ratio": 0.5, "on": true,
                      "tags": ["a", "b"], "port:Integer": "8080", "ids:Long[]": [1, "2"],
                      "dir": "${atrium.data}/files", "level": "${level}"
                    },
                    "org.example.factory~one": { }
                  },
                  "framework-properties": { "org.example.prop": "${atrium.data}" }
                }
                """);
        assertEquals("platform", f.id().classifier());
        assertEquals("Platform", f.title());
        assertEquals(3, f.bundles().size());
        assertEquals(new FeatureBundle(ArtifactId.parse("org.example:plain:1.2"), 0), f.bundles().get(0));
        assertEquals(1, f.bundles().get(1).startOrder());
        assertEquals(7, f.bundles().get(2).startOrder());

        Map<String, Object> p = f.configurations().get(0).properties();
        assertEquals("x", p.get("name"));
        assertEquals(3L, p.get("count"));
        assertEquals(0.5d, p.get("ratio"));
        assertEquals(Boolean.TRUE, p.get("on"));
        assertArrayEquals(new String[] {"a", "b"}, (String[]) p.get("tags"));
        assertEquals(8080, p.get("port"));
        assertArrayEquals(new Long[] {1L, 2L}, (Long[]) p.get("ids"));
        assertEquals("/srv/data/files", p.get("dir"));
        assertEquals("INFO", p.get("level"));

        FeatureConfiguration factory = f.configurations().get(1);
        assertTrue(factory.isFactory());
        assertEquals("org.example.factory", factory.factoryPid());
        assertEquals("one", factory.name());
        assertNull(f.configurations().get(0).factoryPid());
        assertEquals("/srv/data", f.frameworkProperties().get("org.example.prop"));
    }

    @Test
    void artifactIdsMapToTheMavenRepositoryLayout() {
        assertEquals("org/apache/felix/org.apache.felix.scr/2.2.18/org.apache.felix.scr-2.2.18.jar",
                ArtifactId.parse("org.apache.felix:org.apache.felix.scr:2.2.18").repositoryPath());
        assertEquals("g/a/1/a-1-c.zip", ArtifactId.parse("g:a:zip:c:1").repositoryPath());
        assertEquals("g:a:zip:c:1", ArtifactId.parse("g:a:zip:c:1").toString());
        assertEquals("g:a:1", ArtifactId.parse(" g:a:1 ").toString());
    }

    @Test
    void rejectsArtifactIdsThatCouldLeaveTheRepository() {
        assertThrows(IllegalArgumentException.class, () -> ArtifactId.parse("g:..:1"));
        assertThrows(IllegalArgumentException.class, () -> ArtifactId.parse("g:a/b:1"));
        assertThrows(IllegalArgumentException.class, () -> ArtifactId.parse("g:a"));
    }

    @Test
    void errorsNameTheFileAndTheElement() {
        assertEquals("test.json: id: is required", error("{}"));
        assertTrue(error("{\"id\": \"g:a:1\", \"bundles\": [\"nope\"]}")
                .startsWith("test.json: bundles[0]: invalid artifact id 'nope'"));
        assertEquals("test.json: bundles[0].start-order: must be a positive integer, not \"soon\"",
                error("{\"id\": \"g:a:1\", \"bundles\": [{\"id\": \"g:b:1\", \"start-order\": \"soon\"}]}"));
        assertEquals("test.json: configurations.p.x: unknown variable ${nowhere}",
                error("{\"id\": \"g:a:1\", \"configurations\": {\"p\": {\"x\": \"${nowhere}\"}}}"));
        assertEquals("test.json: configurations.p.n:Integer: 'ten' is not a valid Integer",
                error("{\"id\": \"g:a:1\", \"configurations\": {\"p\": {\"n:Integer\": \"ten\"}}}"));
        assertEquals("test.json: configurations.p.m: array elements must all have the same type",
                error("{\"id\": \"g:a:1\", \"configurations\": {\"p\": {\"m\": [1, \"x\"]}}}"));
        assertTrue(error("{\"id\": \"g:a:1\", \"bundels\": []}").startsWith("test.json: bundels: unknown key"));
        assertTrue(error("{\"id\": \"g:a:1\", \"prototype\": {}}").contains("prototypes are not supported"));
        assertTrue(error("{\"id\": \"g:a:1\", \"api-regions:JSON|true\": []}")
                .contains("required extension 'api-regions' is not supported"));
        assertTrue(error("{\"id\": \"g:a:1\",").startsWith("test.json: not valid JSON: "));
        assertEquals("test.json: a feature must be a JSON object", error("[]"));
    }

    @Test
    void optionalExtensionsAreIgnored() throws Exception {
        assertEquals(0, read("{\"id\": \"g:a:1\", \"api-regions:JSON|false\": []}").bundles().size());
    }
}
