package io.atrium.ws.docs.internal;

import static io.atrium.ws.api.Descriptors.key;
import static io.atrium.ws.api.Descriptors.multiple;
import static io.atrium.ws.api.Descriptors.single;
import static io.atrium.ws.api.Descriptors.value;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.SingleStructure;

class ProtocolExamplesTest {

    private static final String BASE = "https://lms.example.org";

    @Test
    void soapExampleForEchoNestsStructuresAndLists() {
        assertEquals("""
                $client = new SoapClient('https://lms.example.org/webservice/soap/server.php?wsdl=1&wstoken=YOUR_TOKEN', \
                ['cache_wsdl' => WSDL_CACHE_NONE]);
                $result = $client->local_hello_echo([
                    'id' => 0,
                    'name' => 'string',
                    'price' => 0.0,
                    'visible' => true,
                    'tags' => ['string'],
                    'details' => [
                        'color' => 'blue',
                        'size' => 0,
                    ],
                ]);
                print_r($result);
                """, ProtocolExamples.soapPhp(BASE, "local_hello_echo", Fixtures.ECHO.parameters()));
    }

    @Test
    void xmlrpcExampleForEchoNestsStructuresAndLists() {
        assertEquals("""
                import xmlrpc.client
                server = xmlrpc.client.ServerProxy('https://lms.example.org/webservice/xmlrpc/server.php?wstoken=YOUR_TOKEN')
                print(server.local_hello_echo({
                    'id': 0,
                    'name': 'string',
                    'price': 0.0,
                    'visible': True,
                    'tags': ['string'],
                    'details': {
                        'color': 'blue',
                        'size': 0,
                    },
                }))
                """, ProtocolExamples.xmlrpcPython(BASE, "local_hello_echo", Fixtures.ECHO.parameters()));
    }

    @Test
    void argumentsArePositionalInDescriptorOrder() {
        assertEquals("""
                $result = $client->local_hello_greet([[
                    'firstname' => 'string',
                    'lastname' => 'string',
                ]], '!');
                """, secondLine(ProtocolExamples.soapPhp(BASE, "local_hello_greet", Fixtures.GREET.parameters())));
        assertEquals("""
                print(server.local_hello_greet([{
                    'firstname': 'string',
                    'lastname': 'string',
                }], '!'))
                """, thirdLine(ProtocolExamples.xmlrpcPython(BASE, "local_hello_greet", Fixtures.GREET.parameters())));

        SingleStructure byField = single(
                key("field", value(ParamType.ALPHA, "the search field")),
                key("values", multiple(value(ParamType.RAW, "the value to match"))));
        assertEquals("$result = $client->core_user_get_users_by_field('string', ['string']);\n",
                secondLine(ProtocolExamples.soapPhp(BASE, "core_user_get_users_by_field", byField)));
        assertEquals("print(server.core_user_get_users_by_field('string', ['string']))\n",
                thirdLine(ProtocolExamples.xmlrpcPython(BASE, "core_user_get_users_by_field", byField)));
    }

    @Test
    void listsOfStructuresInsideStructuresAreIndented() {
        String php = ProtocolExamples.soapPhp(BASE, "core_user_create_users", Fixtures.CREATE_USERS_PARAMETERS);
        assertEquals(true, php.contains("""
                    'calendartype' => 'gregorian',
                    'theme' => 'string',
                    'mailformat' => 0,
                    'customfields' => [[
                        'type' => 'string',
                        'value' => 'string',
                    ]],
                    'preferences' => [[
                        'type' => 'string',
                        'value' => 'string',
                    ]],
                ]]);
                """), php);
        assertEquals(true, php.contains("\n    'createpassword' => false,\n    'username' => 'string',\n"
                + "    'auth' => 'manual',\n"), php);
    }

    @Test
    void withoutParameters() {
        assertEquals("$client = new SoapClient('http://localhost:8080/webservice/soap/server.php?wsdl=1"
                + "&wstoken=YOUR_TOKEN', ['cache_wsdl' => WSDL_CACHE_NONE]);\n"
                + "$result = $client->local_x_purge();\n"
                + "print_r($result);\n", ProtocolExamples.soapPhp("http://localhost:8080", "local_x_purge", single()));
        assertEquals("import xmlrpc.client\n"
                + "server = xmlrpc.client.ServerProxy('http://localhost:8080/webservice/xmlrpc/server.php"
                + "?wstoken=YOUR_TOKEN')\n"
                + "print(server.local_x_purge())\n",
                ProtocolExamples.xmlrpcPython("http://localhost:8080", "local_x_purge", single()));
        SingleStructure empty = single(key("options", single("No options")));
        assertEquals("$result = $client->f([]);\n", secondLine(ProtocolExamples.soapPhp(BASE, "f", empty)));
        assertEquals("print(server.f({}))\n", thirdLine(ProtocolExamples.xmlrpcPython(BASE, "f", empty)));
    }

    @Test
    void quotesAndBackslashesAreEscaped() {
        SingleStructure p = single(key("path", value(ParamType.RAW, "").withDefault("it's C:\\dir\\")));
        assertEquals("$result = $client->f('it\\'s C:\\\\dir\\\\');\n",
                secondLine(ProtocolExamples.soapPhp(BASE, "f", p)));
        assertEquals("print(server.f('it\\'s C:\\\\dir\\\\'))\n",
                thirdLine(ProtocolExamples.xmlrpcPython(BASE, "f", p)));
        assertEquals("'it\\'s \\\\'", ProtocolExamples.Literals.PHP.string("it's \\"));
        assertEquals("'it\\'s \\\\'", ProtocolExamples.Literals.PYTHON.string("it's \\"));
        assertEquals("'$HOME \"x\" {$y} \\\\n'", ProtocolExamples.Literals.PHP.string("$HOME \"x\" {$y} \\n"),
                "nothing else is special in a single-quoted PHP string");
        assertEquals("$client = new SoapClient('http://h/it\\'s/webservice/soap/server.php?wsdl=1&wstoken=YOUR_TOKEN'",
                ProtocolExamples.soapPhp("http://h/it's", "f", single()).split(", ")[0]);
    }

    @Test
    void pythonStringsStayOnOneLine() {
        assertEquals("'a\\nb\\r\\tc\\x00\\x7f é ✓'", ProtocolExamples.Literals.PYTHON.string("a\nb\r\tc\0\u007f é ✓"));
        assertEquals("'a\nb é'", ProtocolExamples.Literals.PHP.string("a\nb é"), "a PHP string may span lines");
    }

    @Test
    void defaultsKeepTheirTypes() {
        SingleStructure p = single(
                key("limit", value(ParamType.INT, "").withDefault(10)),
                key("ratio", value(ParamType.FLOAT, "").withDefault(1.5)),
                key("whole", value(ParamType.FLOAT, "").withDefault(2.0)),
                key("big", value(ParamType.FLOAT, "").withDefault(1e20)),
                key("all", value(ParamType.BOOL, "").withDefault(false)),
                key("email", value(ParamType.EMAIL, "")));
        assertEquals("$result = $client->f(10, 1.5, 2.0, 1.0E20, false, 'user@example.com');\n",
                secondLine(ProtocolExamples.soapPhp(BASE, "f", p)));
        assertEquals("print(server.f(10, 1.5, 2.0, 1.0E20, False, 'user@example.com'))\n",
                thirdLine(ProtocolExamples.xmlrpcPython(BASE, "f", p)));
    }

    /** The PHP example's call: from its second line up to {@code print_r}. */
    private static String secondLine(String php) {
        return php.substring(php.indexOf('\n') + 1, php.indexOf("print_r("));
    }

    /** The Python example's call: its last line(s), after the {@code ServerProxy}. */
    private static String thirdLine(String python) {
        return python.substring(python.indexOf("print("));
    }
}
