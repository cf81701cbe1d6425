package io.atrium.ws.docs.internal;

import static io.atrium.ws.api.Descriptors.key;
import static io.atrium.ws.api.Descriptors.multiple;
import static io.atrium.ws.api.Descriptors.single;
import static io.atrium.ws.api.Descriptors.value;
import static io.atrium.ws.api.Descriptors.warnings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.atrium.ws.api.FunctionSpec;
import io.atrium.ws.api.FunctionType;
import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.SingleStructure;
import io.atrium.ws.core.WsRuntime;

/** Specs and a runtime for the tests: the example bundle's functions and Moodle's core_user_create_users. */
final class Fixtures {

    private Fixtures() {
    }

    /** local_hello_greet, as io.atrium.examples.hello declares it. */
    static final FunctionSpec GREET = FunctionSpec.builder()
            .description("Greets people by name.")
            .type(FunctionType.READ)
            .capability("local/hello:greet", "Greet people")
            .services("local_hello")
            .parameters(single(
                    key("people", multiple(single(
                            key("firstname", value(ParamType.NOTAGS, "First name")),
                            key("lastname", value(ParamType.NOTAGS, "Last name").optional())),
                            "The people to greet")),
                    key("punctuation", value(ParamType.RAW, "What ends the greeting").withDefault("!"))))
            .returns(multiple(single(
                    key("fullname", value(ParamType.TEXT, "The person's full name")),
                    key("greeting", value(ParamType.TEXT, "The greeting"))),
                    "One greeting per person"))
            .build();

    /** local_hello_echo's item, as io.atrium.examples.hello declares it. */
    static final SingleStructure ITEM = single("An item",
            key("id", value(ParamType.INT, "Identifier")),
            key("name", value(ParamType.TEXT, "Name")),
            key("price", value(ParamType.FLOAT, "Price").optional()),
            key("visible", value(ParamType.BOOL, "Whether it shows").withDefault(true)),
            key("tags", multiple(value(ParamType.ALPHANUMEXT, "A tag"), "Tags").optional()),
            key("details", single("Details",
                    key("color", value(ParamType.ALPHA, "Colour").withDefault("blue")),
                    key("size", value(ParamType.INT, "Size").optional())).optional()));

    /** local_hello_echo, as io.atrium.examples.hello declares it. */
    static final FunctionSpec ECHO = FunctionSpec.builder()
            .description("Returns the item it is given, validated and cleaned.")
            .type(FunctionType.READ)
            .services("local_hello")
            .parameters(single(key("item", ITEM)))
            .returns(single(
                    key("item", ITEM),
                    key("note", value(ParamType.TEXT, "Always null: an example of a null value")),
                    key("warnings", warnings())))
            .build();

    /** A write function with neither parameters nor return value. */
    static final FunctionSpec PURGE = FunctionSpec.builder()
            .description("Purges the caches.")
            .type(FunctionType.WRITE)
            .capability("moodle/site:config", "Change site configuration")
            .deprecated()
            .build();

    /**
     * The parameters of Moodle 4.5's core_user_create_users
     * ({@code user/externallib.php}, {@code create_users_parameters}), all 29 keys of a user.
     */
    static final SingleStructure CREATE_USERS_PARAMETERS = single(key("users", multiple(single(
            key("createpassword", value(ParamType.BOOL, "True if password should be created and mailed to user.")
                    .optional()),
            key("username", value(ParamType.USERNAME, "Username policy is defined in Moodle security config.")),
            key("auth", value(ParamType.PLUGIN, "Auth plugins include manual, ldap, etc").withDefault("manual")),
            key("password", value(ParamType.RAW, "Plain text password consisting of any characters").optional()),
            key("firstname", value(ParamType.NOTAGS, "The first name(s) of the user")),
            key("lastname", value(ParamType.NOTAGS, "The family name of the user")),
            key("email", value(ParamType.RAW_TRIMMED, "A valid and unique email address")),
            key("maildisplay", value(ParamType.INT, "Email visibility").optional()),
            key("city", value(ParamType.NOTAGS, "Home city of the user").optional()),
            key("country", value(ParamType.ALPHA, "Home country code of the user, such as AU or CZ").optional()),
            key("timezone", value(ParamType.TIMEZONE, "Timezone code such as Australia/Perth, or 99 for default")
                    .optional()),
            key("description", value(ParamType.TEXT, "User profile description, no HTML").optional()),
            key("firstnamephonetic", value(ParamType.NOTAGS, "The first name(s) phonetically of the user").optional()),
            key("lastnamephonetic", value(ParamType.NOTAGS, "The family name phonetically of the user").optional()),
            key("middlename", value(ParamType.NOTAGS, "The middle name of the user").optional()),
            key("alternatename", value(ParamType.NOTAGS, "The alternate name of the user").optional()),
            key("interests", value(ParamType.TEXT, "User interests (separated by commas)").optional()),
            key("idnumber", value(ParamType.RAW, "An arbitrary ID code number perhaps from the institution")
                    .withDefault("")),
            key("institution", value(ParamType.TEXT, "institution").optional()),
            key("department", value(ParamType.TEXT, "department").optional()),
            key("phone1", value(ParamType.NOTAGS, "Phone 1").optional()),
            key("phone2", value(ParamType.NOTAGS, "Phone 2").optional()),
            key("address", value(ParamType.TEXT, "Postal address").optional()),
            key("lang", value(ParamType.LANG, "Language code such as \"en\", must exist on server").withDefault("en")),
            key("calendartype", value(ParamType.PLUGIN, "Calendar type such as \"gregorian\", must exist on server")
                    .withDefault("gregorian")),
            key("theme", value(ParamType.PLUGIN, "Theme name such as \"standard\", must exist on server").optional()),
            key("mailformat", value(ParamType.INT, "Mail format code is 0 for plain text, 1 for HTML etc").optional()),
            key("customfields", multiple(single(
                    key("type", value(ParamType.ALPHANUMEXT, "The name of the custom field")),
                    key("value", value(ParamType.RAW, "The value of the custom field"))),
                    "User custom fields (also known as user profil fields)").optional()),
            key("preferences", multiple(single(
                    key("type", value(ParamType.RAW, "The name of the preference")),
                    key("value", value(ParamType.RAW, "The value of the preference"))),
                    "User preferences").optional())))));

    /** The returns of core_user_create_users. */
    static final io.atrium.ws.api.MultipleStructure CREATE_USERS_RETURNS = multiple(single(
            key("id", value(ParamType.INT, "user id")),
            key("username", value(ParamType.USERNAME, "user name"))));

    static WsRuntime.Function function(String name, FunctionSpec spec) {
        return new WsRuntime.Function(name, spec, "io.atrium.examples.hello", "0.1.0.SNAPSHOT", 42);
    }

    /** A runtime with these functions; {@link #changes} bumps its change count. */
    static final class Runtime implements WsRuntime {
        final List<Function> functions = new ArrayList<>();
        final List<Rejected> rejected = new ArrayList<>();
        final AtomicLong changes = new AtomicLong();
        final AtomicInteger reads = new AtomicInteger();

        @Override
        public List<Function> functions() {
            reads.incrementAndGet();
            return List.copyOf(functions);
        }

        @Override
        public Function function(String name) {
            return functions.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
        }

        @Override
        public List<Rejected> rejected() {
            return List.copyOf(rejected);
        }

        @Override
        public long changeCount() {
            return changes.get();
        }
    }

    static Runtime hello() {
        Runtime r = new Runtime();
        r.functions.add(function("local_hello_greet", GREET));
        r.functions.add(function("local_hello_echo", ECHO));
        return r;
    }

    // ------------------------------------------------------------------ the captured Moodle page

    /** Where the captures of a real Moodle 4.5 are (testdata/moodle-golden). */
    static Path golden(String file) {
        return Path.of(System.getProperty("atrium.golden", "../../testdata/moodle-golden"), file);
    }

    /**
     * The text of each {@code <pre>} box of the captured documentation fragment, without its
     * title: {@code <br />} as a line break, tags removed, entities decoded.
     */
    static List<String> capturedBoxes() throws IOException {
        String html = Files.readString(golden("docs_api_documentation_core_user_create_users.txt"),
                StandardCharsets.UTF_8);
        List<String> boxes = new ArrayList<>();
        Matcher m = Pattern.compile("<pre><b>([^<]*)</b><br />\n(.*?)\n</pre>", Pattern.DOTALL).matcher(html);
        while (m.find()) {
            boxes.add(text(m.group(2)));
        }
        return boxes;
    }

    /** The text a browser shows for an HTML fragment in a {@code <pre>}. */
    static String text(String html) {
        return html.replace("<br />", "\n").replaceAll("<[^>]+>", "").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&#039;", "'").replace("&nbsp;", "\u00a0").replace("&amp;", "&");
    }
}
