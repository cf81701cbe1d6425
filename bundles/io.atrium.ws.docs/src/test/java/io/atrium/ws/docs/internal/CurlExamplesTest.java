package io.atrium.ws.docs.internal;

import static io.atrium.ws.api.Descriptors.key;
import static io.atrium.ws.api.Descriptors.single;
import static io.atrium.ws.api.Descriptors.value;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.atrium.ws.api.ParamType;

class CurlExamplesTest {

    @Test
    void restExampleForGreet() {
        assertEquals("""
                curl 'https://lms.example.org/webservice/rest/server.php' \\
                    --data-urlencode 'wstoken=YOUR_TOKEN' \\
                    --data-urlencode 'wsfunction=local_hello_greet' \\
                    --data-urlencode 'moodlewsrestformat=json' \\
                    --data-urlencode 'people[0][firstname]=string' \\
                    --data-urlencode 'people[0][lastname]=string' \\
                    --data-urlencode 'punctuation=!'
                """, CurlExamples.rest("https://lms.example.org", "local_hello_greet",
                Fixtures.GREET.parameters()));
    }

    @Test
    void apiExampleForGreet() {
        assertEquals("""
                curl 'https://lms.example.org/api/v1/local_hello_greet' \\
                    -H 'Authorization: Bearer YOUR_TOKEN' \\
                    -H 'Content-Type: application/json' \\
                    --data-raw '{
                    "people": [
                        {
                            "firstname": "string",
                            "lastname": "string"
                        }
                    ],
                    "punctuation": "!"
                }'
                """, CurlExamples.api("https://lms.example.org", "local_hello_greet", Fixtures.GREET.parameters()));
    }

    @Test
    void examplesWithoutParameters() {
        assertEquals("curl 'http://localhost:8080/webservice/rest/server.php' \\\n"
                + "    --data-urlencode 'wstoken=YOUR_TOKEN' \\\n"
                + "    --data-urlencode 'wsfunction=local_x_purge' \\\n"
                + "    --data-urlencode 'moodlewsrestformat=json'\n",
                CurlExamples.rest("http://localhost:8080", "local_x_purge", single()));
        assertEquals("curl 'http://localhost:8080/api/v1/local_x_purge' \\\n"
                + "    -H 'Authorization: Bearer YOUR_TOKEN' \\\n"
                + "    -H 'Content-Type: application/json' \\\n"
                + "    --data-raw '{}'\n", CurlExamples.api("http://localhost:8080", "local_x_purge", single()));
    }

    @Test
    void singleQuotesAreQuotedForTheShell() {
        assertEquals("'it'\\''s'", CurlExamples.quote("it's"));
        String rest = CurlExamples.rest("http://h", "f",
                single(key("q", value(ParamType.RAW, "").withDefault("it's $HOME"))));
        assertEquals(true, rest.contains("--data-urlencode 'q=it'\\''s $HOME'"), rest);
        String api = CurlExamples.api("http://h", "f",
                single(key("q", value(ParamType.RAW, "").withDefault("it's"))));
        assertEquals(true, api.contains("\"q\": \"it'\\''s\""), api);
    }
}
