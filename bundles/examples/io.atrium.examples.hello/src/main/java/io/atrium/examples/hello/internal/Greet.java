package io.atrium.examples.hello.internal;

import static io.atrium.ws.api.Descriptors.key;
import static io.atrium.ws.api.Descriptors.multiple;
import static io.atrium.ws.api.Descriptors.single;
import static io.atrium.ws.api.Descriptors.value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.atrium.ws.api.FunctionSpec;
import io.atrium.ws.api.FunctionType;
import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.Params;
import io.atrium.ws.api.WsCall;
import io.atrium.ws.api.WsException;
import io.atrium.ws.api.WsFunction;
import io.atrium.ws.api.WsFunctionName;

/**
 * {@code local_hello_greet}: greets each person given. The greeting comes from the
 * configuration {@code io.atrium.examples.hello} ({@code etc/io.atrium.examples.hello.cfg}), so
 * editing that file changes the next answer.
 */
@Component(configurationPid = Greet.PID)
@Designate(ocd = Greet.Config.class)
@WsFunctionName("local_hello_greet")
public final class Greet implements WsFunction {

    static final String PID = "io.atrium.examples.hello";

    @ObjectClassDefinition(name = "Atrium example: hello", description = "How local_hello_greet greets.")
    public @interface Config {
        @AttributeDefinition(description = "The greeting.")
        String greeting() default "Hello";
    }

    private static final FunctionSpec SPEC = FunctionSpec.builder()
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

    private final String greeting;

    @Activate
    public Greet(Config config) {
        this.greeting = config.greeting();
    }

    @Override
    public FunctionSpec spec() {
        return SPEC;
    }

    @Override
    public Object execute(WsCall call) throws WsException {
        String punctuation = call.params().getString("punctuation");
        List<Map<String, Object>> greetings = new ArrayList<>();
        for (Params person : call.params().getParamsList("people")) {
            String first = person.getString("firstname").trim();
            if (first.isEmpty()) {
                throw WsException.of("emptyname", "Everybody greeted needs a first name");
            }
            String full = person.has("lastname") ? first + " " + person.getString("lastname").trim() : first;
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("fullname", full);
            g.put("greeting", greeting + ", " + full + punctuation);
            greetings.add(g);
        }
        return greetings;
    }
}
