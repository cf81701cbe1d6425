package io.atrium.examples.hello.internal;

import static io.atrium.ws.api.Descriptors.key;
import static io.atrium.ws.api.Descriptors.multiple;
import static io.atrium.ws.api.Descriptors.single;
import static io.atrium.ws.api.Descriptors.value;
import static io.atrium.ws.api.Descriptors.warnings;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import io.atrium.ws.api.FunctionSpec;
import io.atrium.ws.api.FunctionType;
import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.Params;
import io.atrium.ws.api.WsCall;
import io.atrium.ws.api.WsFunction;
import io.atrium.ws.api.WsFunctionName;

/**
 * {@code local_hello_echo}: returns the item it is given, as validated and cleaned, which shows
 * every rule at once: nested structures, optional keys left out, defaults filled in, lists
 * renumbered, and a value that is {@code null}.
 */
@Component
@WsFunctionName("local_hello_echo")
public final class Echo implements WsFunction {

    /** The item's shape, shared by the parameter and the return value. */
    private static final io.atrium.ws.api.SingleStructure ITEM = single("An item",
            key("id", value(ParamType.INT, "Identifier")),
            key("name", value(ParamType.TEXT, "Name")),
            key("price", value(ParamType.FLOAT, "Price").optional()),
            key("visible", value(ParamType.BOOL, "Whether it shows").withDefault(true)),
            key("tags", multiple(value(ParamType.ALPHANUMEXT, "A tag"), "Tags").optional()),
            key("details", single("Details",
                    key("color", value(ParamType.ALPHA, "Colour").withDefault("blue")),
                    key("size", value(ParamType.INT, "Size").optional())).optional()));

    private static final FunctionSpec SPEC = FunctionSpec.builder()
            .description("Returns the item it is given, validated and cleaned.")
            .type(FunctionType.READ)
            .services("local_hello")
            .parameters(single(key("item", ITEM)))
            .returns(single(
                    key("item", ITEM),
                    key("note", value(ParamType.TEXT, "Always null: an example of a null value")),
                    key("warnings", warnings())))
            .build();

    @Override
    public FunctionSpec spec() {
        return SPEC;
    }

    @Override
    public Object execute(WsCall call) {
        Params item = call.params().getParams("item");
        Map<String, Object> result = new java.util.LinkedHashMap<>();
        result.put("item", item.asMap());
        result.put("note", null);
        result.put("warnings", List.of());
        return result;
    }
}
