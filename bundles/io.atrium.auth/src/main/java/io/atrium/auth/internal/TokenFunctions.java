package io.atrium.auth.internal;

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
import org.osgi.service.component.annotations.Reference;

import io.atrium.auth.api.Tokens;
import io.atrium.lms.api.IdentifierException;
import io.atrium.lms.api.Identifiers;
import io.atrium.ws.api.FunctionSpec;
import io.atrium.ws.api.FunctionType;
import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.WsCall;
import io.atrium.ws.api.WsException;
import io.atrium.ws.api.WsFunction;
import io.atrium.ws.api.WsFunctionName;

/**
 * Scripted token administration, in the built-in service {@code atrium_admin}: a site
 * administrator gets a token for it from login/token.php and creates, lists and revokes tokens
 * with curl alone.
 */
final class TokenFunctions {

    static final String SERVICE = "atrium_admin";
    static final String CAPABILITY = "moodle/site:config";
    static final String CAPABILITY_TITLE = "Change site configuration";

    private TokenFunctions() {
    }

    private static final io.atrium.ws.api.SingleStructure TOKEN = single(
            key("id", value(ParamType.INT, "Token id")),
            key("userid", value(ParamType.INT, "The user the token is for")),
            key("service", value(ParamType.ALPHANUMEXT, "The service's shortname")),
            key("name", value(ParamType.TEXT, "The token's name").optional()),
            key("validuntil", value(ParamType.INT, "Expiry, Unix seconds; 0 for none")),
            key("iprestriction", value(ParamType.RAW, "Addresses the token may be used from").optional()),
            key("timecreated", value(ParamType.INT, "Creation time, Unix seconds")),
            key("lastaccess", value(ParamType.INT, "Last use, Unix seconds, at most a minute late; 0 if never")));

    static long user(Identifiers identifiers, String username) throws WsException {
        try {
            return identifiers.user("username", username);
        } catch (IdentifierException e) {
            throw WsException.invalidParameter(e.getMessage());
        }
    }

    /** {@code atrium_token_create}. */
    @Component
    @WsFunctionName("atrium_token_create")
    public static final class Create implements WsFunction {

        private static final FunctionSpec SPEC = FunctionSpec.builder()
                .description("Creates a permanent web-service token for a user and a service. The token is shown "
                        + "only in this answer.")
                .type(FunctionType.WRITE)
                .capability(CAPABILITY, CAPABILITY_TITLE)
                .services(SERVICE)
                .parameters(single(
                        key("username", value(ParamType.USERNAME, "The user the token is for")),
                        key("service", value(ParamType.ALPHANUMEXT, "The service's shortname")),
                        key("name", value(ParamType.TEXT, "A name for the token").withDefault("")),
                        key("validuntil", value(ParamType.INT, "Expiry, Unix seconds; 0 for none").withDefault(0)),
                        key("iprestriction", value(ParamType.RAW,
                                "Addresses or CIDR ranges it may be used from, comma-separated").withDefault(""))))
                .returns(single(
                        key("id", value(ParamType.INT, "Token id")),
                        key("token", value(ParamType.ALPHANUM, "The token"))))
                .build();

        private final Tokens tokens;
        private final Identifiers identifiers;

        @Activate
        public Create(@Reference Tokens tokens, @Reference Identifiers identifiers) {
            this.tokens = tokens;
            this.identifiers = identifiers;
        }

        @Override
        public FunctionSpec spec() {
            return SPEC;
        }

        @Override
        public Object execute(WsCall call) throws WsException {
            long user = user(identifiers, call.params().getString("username"));
            String name = call.params().getString("name");
            Tokens.Created t = tokens.create(user, call.params().getString("service"), name.isEmpty() ? null : name,
                    call.params().getLong("validuntil"), call.params().getString("iprestriction"),
                    call.caller().userId());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("id", t.id());
            answer.put("token", t.token());
            return answer;
        }
    }

    /** {@code atrium_token_revoke}. */
    @Component
    @WsFunctionName("atrium_token_revoke")
    public static final class Revoke implements WsFunction {

        private static final FunctionSpec SPEC = FunctionSpec.builder()
                .description("Revokes a token; it stops working at once.")
                .type(FunctionType.WRITE)
                .capability(CAPABILITY, CAPABILITY_TITLE)
                .services(SERVICE)
                .parameters(single(key("id", value(ParamType.INT, "Token id"))))
                .returns(single(key("revoked", value(ParamType.BOOL, "Whether there was such a token"))))
                .build();

        private final Tokens tokens;

        @Activate
        public Revoke(@Reference Tokens tokens) {
            this.tokens = tokens;
        }

        @Override
        public FunctionSpec spec() {
            return SPEC;
        }

        @Override
        public Object execute(WsCall call) throws WsException {
            return Map.of("revoked", tokens.revoke(call.params().getLong("id")));
        }
    }

    /** {@code atrium_token_list}. */
    @Component
    @WsFunctionName("atrium_token_list")
    public static final class ListTokens implements WsFunction {

        private static final FunctionSpec SPEC = FunctionSpec.builder()
                .description("Lists tokens, without their values: a user's, or everybody's.")
                .type(FunctionType.READ)
                .capability(CAPABILITY, CAPABILITY_TITLE)
                .services(SERVICE)
                .parameters(single(key("username", value(ParamType.USERNAME, "Only this user's tokens").withDefault(""))))
                .returns(multiple(TOKEN))
                .build();

        private final Tokens tokens;
        private final Identifiers identifiers;

        @Activate
        public ListTokens(@Reference Tokens tokens, @Reference Identifiers identifiers) {
            this.tokens = tokens;
            this.identifiers = identifiers;
        }

        @Override
        public FunctionSpec spec() {
            return SPEC;
        }

        @Override
        public Object execute(WsCall call) throws WsException {
            String username = call.params().getString("username");
            Long user = username.isEmpty() ? null : user(identifiers, username);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Tokens.Info t : tokens.list(user)) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", t.id());
                row.put("userid", t.userid());
                row.put("service", t.service());
                row.put("name", t.name());
                row.put("validuntil", t.validuntil());
                row.put("iprestriction", t.iprestriction());
                row.put("timecreated", t.timecreated());
                row.put("lastaccess", t.lastaccess());
                rows.add(row);
            }
            return rows;
        }
    }
}
