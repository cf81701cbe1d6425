package io.atrium.ws.docs.internal;

import static io.atrium.ws.api.Descriptors.key;
import static io.atrium.ws.api.Descriptors.single;
import static io.atrium.ws.api.Descriptors.value;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonParser;

import io.atrium.ws.api.ParamType;

class SamplesTest {

    @Test
    void jsonSkeletonOfAList() {
        assertEquals("[\n    {\n        \"fullname\": \"string\",\n        \"greeting\": \"string\"\n    }\n]",
                Samples.jsonSkeleton(Fixtures.GREET.returns()));
    }

    @Test
    void jsonSkeletonShowsJsonTypes() {
        assertEquals(JsonParser.parseString("""
                {"item": {"id": 0, "name": "string", "price": 0.0, "visible": false, "tags": ["string"],
                          "details": {"color": "string", "size": 0}},
                 "note": "string",
                 "warnings": [{"item": "string", "itemid": 0, "warningcode": "string", "message": "string"}]}
                """), JsonParser.parseString(Samples.jsonSkeleton(Fixtures.ECHO.returns())));
        assertEquals("[\n    {\n        \"id\": 0,\n        \"username\": \"string\"\n    }\n]",
                Samples.jsonSkeleton(Fixtures.CREATE_USERS_RETURNS));
    }

    @Test
    void jsonSkeletonOfNothingIsNull() {
        assertEquals("null", Samples.jsonSkeleton(null));
    }

    @Test
    void jsonParametersUseDefaultsAndValidPlaceholders() {
        assertEquals(JsonParser.parseString("{\"people\": [{\"firstname\": \"string\", \"lastname\": \"string\"}],"
                + " \"punctuation\": \"!\"}"), Samples.jsonParameters(Fixtures.GREET.parameters()));
        assertEquals(JsonParser.parseString("{\"item\": {\"id\": 0, \"name\": \"string\", \"price\": 0.0, "
                + "\"visible\": true, \"tags\": [\"string\"], \"details\": {\"color\": \"blue\", \"size\": 0}}}"),
                Samples.jsonParameters(Fixtures.ECHO.parameters()));
        assertEquals(JsonParser.parseString("{\"e\": \"user@example.com\", \"u\": \"https://example.com/\"}"),
                Samples.jsonParameters(single(key("e", value(ParamType.EMAIL, "")),
                        key("u", value(ParamType.URL, "")))));
        assertEquals("{}", Samples.pretty(Samples.jsonParameters(single())));
    }

    @Test
    void formParametersArePhpStyle() {
        assertEquals(List.of(new Samples.FormField("people[0][firstname]", "string"),
                new Samples.FormField("people[0][lastname]", "string"),
                new Samples.FormField("punctuation", "!")), Samples.formParameters(Fixtures.GREET.parameters()));
        assertEquals(List.of(new Samples.FormField("item[id]", "0"), new Samples.FormField("item[name]", "string"),
                new Samples.FormField("item[price]", "0.0"), new Samples.FormField("item[visible]", "1"),
                new Samples.FormField("item[tags][0]", "string"),
                new Samples.FormField("item[details][color]", "blue"),
                new Samples.FormField("item[details][size]", "0")),
                Samples.formParameters(Fixtures.ECHO.parameters()));
        assertEquals(List.of(), Samples.formParameters(single()));
    }

    @Test
    void oddDefaultsStillMakeJson() {
        assertEquals(JsonParser.parseString("[1, \"NaN\", {\"a\": null}, \"x\"]"),
                Samples.json(List.of(1, Double.NaN, java.util.Collections.singletonMap("a", null),
                        new StringBuilder("x"))));
    }
}
