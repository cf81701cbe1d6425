package io.atrium.auth.internal;

import static io.atrium.ws.api.Descriptors.key;
import static io.atrium.ws.api.Descriptors.multiple;
import static io.atrium.ws.api.Descriptors.single;
import static io.atrium.ws.api.Descriptors.value;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atrium.auth.api.ExternalService;
import io.atrium.auth.api.ExternalServices;
import io.atrium.auth.api.ServiceDefinition;
import io.atrium.lms.api.Identifiers;
import io.atrium.ws.api.Descriptors.Key;
import io.atrium.ws.api.FunctionSpec;
import io.atrium.ws.api.FunctionType;
import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.Params;
import io.atrium.ws.api.SingleStructure;
import io.atrium.ws.api.ValueDescriptor;
import io.atrium.ws.api.WsCall;
import io.atrium.ws.api.WsException;
import io.atrium.ws.api.WsFunction;
import io.atrium.ws.api.WsFunctionName;

/**
 * Scripted administration of external services, in the built-in service {@code atrium_admin}:
 * list, create, change, delete, and authorise users for restricted services.
 */
final class ServiceFunctions {

    private ServiceFunctions() {
    }

    static final SingleStructure SERVICE = single(
            key("id", value(ParamType.INT, "Service id")),
            key("shortname", value(ParamType.ALPHANUMEXT, "The name clients ask login/token.php for")),
            key("name", value(ParamType.TEXT, "The human name")),
            key("component", value(ParamType.RAW, "The bundle that declares it; empty for a service an "
                    + "administrator created")),
            key("enabled", value(ParamType.BOOL, "Whether its tokens work")),
            key("restrictedusers", value(ParamType.BOOL, "Whether only authorised users may use it")),
            key("requiredcapability", value(ParamType.RAW, "A capability its users need; empty for none")),
            key("uploadfiles", value(ParamType.BOOL, "Whether its tokens may upload files")),
            key("downloadfiles", value(ParamType.BOOL, "Whether its tokens may download files")),
            key("addedfunctions", multiple(value(ParamType.RAW, "Function name"), "Functions an administrator "
                    + "added (for a created service: all the functions it was given)")),
            key("functions", multiple(value(ParamType.RAW, "Function name"), "The functions it gives access to "
                    + "now")));

    static Map<String, Object> describe(ExternalService s) {
        ServiceDefinition d = s.definition();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", s.id());
        row.put("shortname", d.shortname());
        row.put("name", d.name());
        row.put("component", s.component() == null ? "" : s.component());
        row.put("enabled", d.enabled());
        row.put("restrictedusers", d.restrictedUsers());
        row.put("requiredcapability", d.requiredCapability() == null ? "" : d.requiredCapability());
        row.put("uploadfiles", d.uploadFiles());
        row.put("downloadfiles", d.downloadFiles());
        row.put("addedfunctions", d.functions());
        row.put("functions", s.functions());
        return row;
    }

    private static FunctionSpec.Builder admin(String description, FunctionType type) {
        return FunctionSpec.builder().description(description).type(type)
                .capability(TokenFunctions.CAPABILITY, TokenFunctions.CAPABILITY_TITLE)
                .services(TokenFunctions.SERVICE);
    }

    /**
     * The settings of a service besides its names: with their defaults (to create one) or
     * optional (to change one, where an absent setting stays as it is).
     */
    private static Key[] settings(boolean optional) {
        return new Key[] {
                key("enabled", given(value(ParamType.BOOL, "Whether its tokens work"), optional, true)),
                key("restrictedusers", given(value(ParamType.BOOL, "Whether only authorised users may use it"),
                        optional, false)),
                key("requiredcapability", given(value(ParamType.RAW, "A capability its users need"), optional, "")),
                key("uploadfiles", given(value(ParamType.BOOL, "Whether its tokens may upload files"), optional,
                        false)),
                key("downloadfiles", given(value(ParamType.BOOL, "Whether its tokens may download files"), optional,
                        false)),
                key("functions", optional
                        ? multiple(value(ParamType.RAW, "Function name"), "The added functions, replacing those "
                                + "added before").optional()
                        : multiple(value(ParamType.RAW, "Function name"), "Its functions").withDefault(List.of())) };
    }

    private static ValueDescriptor given(ValueDescriptor v, boolean optional, Object byDefault) {
        return optional ? v.optional() : v.withDefault(byDefault);
    }

    /** The names, then the settings. */
    private static Key[] keys(Key[] settings, Key... names) {
        Key[] all = Arrays.copyOf(names, names.length + settings.length);
        System.arraycopy(settings, 0, all, names.length, settings.length);
        return all;
    }

    /**
     * Builds a definition from parameters, each absent one taken from {@code base}; without a
     * base (creating), every parameter is present, with its default.
     */
    static ServiceDefinition definition(Params p, ServiceDefinition base) throws WsException {
        String shortname = base == null ? p.getString("shortname")
                : p.has("newshortname") ? p.getString("newshortname") : base.shortname();
        try {
            return new ServiceDefinition(shortname,
                    p.has("name") ? p.getString("name") : base.name(),
                    p.has("enabled") ? p.getBoolean("enabled") : base.enabled(),
                    p.has("restrictedusers") ? p.getBoolean("restrictedusers") : base.restrictedUsers(),
                    p.has("requiredcapability") ? p.getString("requiredcapability") : base.requiredCapability(),
                    p.has("uploadfiles") ? p.getBoolean("uploadfiles") : base.uploadFiles(),
                    p.has("downloadfiles") ? p.getBoolean("downloadfiles") : base.downloadFiles(),
                    p.has("functions") ? p.getStringList("functions") : base.functions());
        } catch (IllegalArgumentException e) {
            throw WsException.invalidParameter(e.getMessage());
        }
    }

    /** {@code atrium_service_list}. */
    @Component
    @WsFunctionName("atrium_service_list")
    public static final class ListServices implements WsFunction {

        private static final FunctionSpec SPEC = admin("Lists the external services with the functions each gives "
                + "access to.", FunctionType.READ).returns(multiple(SERVICE)).build();

        private final ExternalServices services;

        @Activate
        public ListServices(@Reference ExternalServices services) {
            this.services = services;
        }

        @Override
        public FunctionSpec spec() {
            return SPEC;
        }

        @Override
        public Object execute(WsCall call) {
            return services.list().stream().map(ServiceFunctions::describe).toList();
        }
    }

    /** {@code atrium_service_create}. */
    @Component
    @WsFunctionName("atrium_service_create")
    public static final class Create implements WsFunction {

        private static final FunctionSpec SPEC = admin("Creates an external service.", FunctionType.WRITE)
                .parameters(single(keys(settings(false),
                        key("shortname", value(ParamType.ALPHANUMEXT, "The name clients ask login/token.php for "
                                + "(a-z, 0-9, _)")),
                        key("name", value(ParamType.TEXT, "The human name, unique")))))
                .returns(SERVICE).build();

        private final ExternalServices services;

        @Activate
        public Create(@Reference ExternalServices services) {
            this.services = services;
        }

        @Override
        public FunctionSpec spec() {
            return SPEC;
        }

        @Override
        public Object execute(WsCall call) throws WsException {
            return describe(services.create(definition(call.params(), null)));
        }
    }

    /** {@code atrium_service_update}. */
    @Component
    @WsFunctionName("atrium_service_update")
    public static final class Update implements WsFunction {

        private static final FunctionSpec SPEC = admin("Changes an external service; what is not given stays. "
                + "For a service a bundle declares, only enabled, restrictedusers and functions (the added ones) "
                + "may change.", FunctionType.WRITE)
                .parameters(single(keys(settings(true),
                        key("shortname", value(ParamType.ALPHANUMEXT, "The service")),
                        key("newshortname", value(ParamType.ALPHANUMEXT, "A new shortname").optional()),
                        key("name", value(ParamType.TEXT, "A new name").optional()))))
                .returns(SERVICE).build();

        private final ExternalServices services;

        @Activate
        public Update(@Reference ExternalServices services) {
            this.services = services;
        }

        @Override
        public FunctionSpec spec() {
            return SPEC;
        }

        @Override
        public Object execute(WsCall call) throws WsException {
            String shortname = call.params().getString("shortname");
            ExternalService current = services.get(shortname)
                    .orElseThrow(() -> WsException.invalidParameter("No external service with the shortname "
                            + shortname));
            return describe(services.update(shortname, definition(call.params(), current.definition())));
        }
    }

    /** {@code atrium_service_delete}. */
    @Component
    @WsFunctionName("atrium_service_delete")
    public static final class Delete implements WsFunction {

        private static final FunctionSpec SPEC = admin("Deletes an external service an administrator created, "
                + "with its tokens.", FunctionType.WRITE)
                .parameters(single(key("shortname", value(ParamType.ALPHANUMEXT, "The service"))))
                .returns(single(key("deleted", value(ParamType.BOOL, "Always true; errors are exceptions"))))
                .build();

        private final ExternalServices services;

        @Activate
        public Delete(@Reference ExternalServices services) {
            this.services = services;
        }

        @Override
        public FunctionSpec spec() {
            return SPEC;
        }

        @Override
        public Object execute(WsCall call) throws WsException {
            services.delete(call.params().getString("shortname"));
            return Map.of("deleted", true);
        }
    }

    /** {@code atrium_service_authorise_user}. */
    @Component
    @WsFunctionName("atrium_service_authorise_user")
    public static final class Authorise implements WsFunction {

        private static final FunctionSpec SPEC = admin("Authorises a user for a restricted service, or withdraws "
                + "the authorisation.", FunctionType.WRITE)
                .parameters(single(
                        key("service", value(ParamType.ALPHANUMEXT, "The service's shortname")),
                        key("username", value(ParamType.USERNAME, "The user")),
                        key("allowed", value(ParamType.BOOL, "Authorise (true) or withdraw (false)")
                                .withDefault(true)),
                        key("validuntil", value(ParamType.INT, "Until when, Unix seconds; 0 for ever")
                                .withDefault(0)),
                        key("iprestriction", value(ParamType.RAW, "Addresses or CIDR ranges, comma-separated")
                                .withDefault(""))))
                .returns(single(key("allowed", value(ParamType.BOOL, "Whether the user is now authorised"))))
                .build();

        private final ExternalServices services;
        private final Identifiers identifiers;

        @Activate
        public Authorise(@Reference ExternalServices services, @Reference Identifiers identifiers) {
            this.services = services;
            this.identifiers = identifiers;
        }

        @Override
        public FunctionSpec spec() {
            return SPEC;
        }

        @Override
        public Object execute(WsCall call) throws WsException {
            Params p = call.params();
            long user = TokenFunctions.user(identifiers, p.getString("username"));
            services.authorise(p.getString("service"), user, p.getBoolean("allowed"), p.getLong("validuntil"),
                    p.getString("iprestriction"));
            return Map.of("allowed", p.getBoolean("allowed"));
        }
    }
}
