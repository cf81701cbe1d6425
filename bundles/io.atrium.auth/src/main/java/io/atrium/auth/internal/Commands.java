package io.atrium.auth.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import io.atrium.auth.api.ExternalService;
import io.atrium.auth.api.ExternalServices;
import io.atrium.auth.api.Tokens;
import io.atrium.lms.api.IdentifierException;
import io.atrium.lms.api.Identifiers;
import io.atrium.ws.api.WsException;
import io.atrium.ws.core.WsRuntime;

/**
 * The Gogo commands {@code atrium:functions}, {@code atrium:services}, {@code atrium:tokens},
 * {@code atrium:token-create} and {@code atrium:token-revoke}. Each is a Gogo {@link Function}
 * service, because command names with a hyphen cannot be method names.
 */
@Component(service = {})
public final class Commands {

    private final WsRuntime runtime;
    private final ExternalServices services;
    private final Tokens tokens;
    private final Identifiers identifiers;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Activate
    public Commands(BundleContext context, @Reference WsRuntime runtime, @Reference ExternalServices services,
            @Reference Tokens tokens, @Reference Identifiers identifiers) {
        this.runtime = runtime;
        this.services = services;
        this.tokens = tokens;
        this.identifiers = identifiers;
        register(context, "functions", "atrium:functions - the web-service functions served, and those rejected",
                this::functions);
        register(context, "services", "atrium:services - the external services", this::services);
        register(context, "tokens", "atrium:tokens [USERNAME] - tokens, without their values", this::tokens);
        register(context, "token-create", "atrium:token-create USERNAME SERVICE [NAME [VALIDUNTIL [IPRESTRICTION]]]"
                + " - a permanent token, shown once (VALIDUNTIL: Unix seconds or an ISO instant, 0 for none)",
                this::tokenCreate);
        register(context, "token-revoke", "atrium:token-revoke ID - revokes a token at once", this::tokenRevoke);
    }

    @Deactivate
    void deactivate() {
        registrations.forEach(ServiceRegistration::unregister);
    }

    /** A command's body: the arguments as strings, the text to print. */
    private interface Body {
        String run(List<String> args) throws Exception;
    }

    private void register(BundleContext context, String name, String usage, Body body) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("osgi.command.scope", "atrium");
        props.put("osgi.command.function", name);
        Function f = (CommandSession session, List<Object> arguments) -> {
            List<String> args = arguments.stream().map(String::valueOf).toList();
            if (args.contains("--help") || args.contains("-h")) {
                return usage;
            }
            try {
                return body.run(args);
            } catch (UsageException e) {
                return e.getMessage() + "\nusage: " + usage;
            } catch (WsException e) {
                return "error: " + e.getMessage();
            }
        };
        registrations.add(context.registerService(Function.class, f, props));
    }

    private static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private String functions(List<String> args) {
        StringBuilder out = new StringBuilder();
        List<WsRuntime.Function> served = runtime.functions();
        out.append(String.format("%-45s %-6s %-30s %s%n", "FUNCTION", "TYPE", "BUNDLE", "SERVICES"));
        for (WsRuntime.Function f : served) {
            out.append(String.format("%-45s %-6s %-30s %s%n", f.name(), f.spec().type().name().toLowerCase(),
                    f.bundle() + " " + f.bundleVersion(), String.join(",", f.spec().services())));
        }
        out.append(served.size()).append(" functions");
        List<WsRuntime.Rejected> rejected = runtime.rejected();
        if (!rejected.isEmpty()) {
            out.append("\n\nREJECTED\n");
            for (WsRuntime.Rejected r : rejected) {
                out.append(String.format("%-45s %-30s %s%n", r.name(), r.bundle() + " " + r.bundleVersion(),
                        r.reason()));
            }
        }
        return out.toString();
    }

    private String services(List<String> args) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-4s %-25s %-8s %-20s %-9s %s%n", "ID", "SHORTNAME", "ENABLED", "DECLARED BY",
                "FUNCTIONS", "NAME"));
        for (ExternalService s : services.list()) {
            out.append(String.format("%-4d %-25s %-8s %-20s %-9d %s%n", s.id(), s.shortname(),
                    s.definition().enabled() ? "yes" : "no", s.component() == null ? "(admin)" : s.component(),
                    s.functions().size(), s.definition().name()));
        }
        services.rejected().forEach(r -> out.append("rejected: ").append(r.shortname()).append(" of ")
                .append(r.bundle()).append(": ").append(r.reason()).append('\n'));
        return out.toString().stripTrailing();
    }

    private String tokens(List<String> args) throws Exception {
        Long user = args.isEmpty() ? null : user(args.get(0));
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-6s %-7s %-25s %-20s %-20s %s%n", "ID", "USERID", "SERVICE", "VALID UNTIL",
                "LAST ACCESS", "NAME"));
        for (Tokens.Info t : tokens.list(user)) {
            out.append(String.format("%-6d %-7d %-25s %-20s %-20s %s%n", t.id(), t.userid(), t.service(),
                    t.validuntil() == 0 ? "-" : Instant.ofEpochSecond(t.validuntil()).toString(),
                    t.lastaccess() == 0 ? "never" : Instant.ofEpochSecond(t.lastaccess()).toString(),
                    t.name() == null ? "" : t.name()));
        }
        return out.toString().stripTrailing();
    }

    private String tokenCreate(List<String> args) throws Exception {
        if (args.size() < 2 || args.size() > 5) {
            throw new UsageException("expected a username and a service");
        }
        long user = user(args.get(0));
        String name = args.size() > 2 ? args.get(2) : null;
        long validuntil = args.size() > 3 ? instant(args.get(3)) : 0;
        String ip = args.size() > 4 ? args.get(4) : null;
        // The console has no user of its own: the token is recorded as made by its holder.
        Tokens.Created t = tokens.create(user, args.get(1), name, validuntil, ip, user);
        return "token " + t.id() + ": " + t.token() + "\n(shown only now; the server keeps only its hash)";
    }

    private String tokenRevoke(List<String> args) throws Exception {
        if (args.size() != 1 || !args.get(0).matches("[0-9]{1,18}")) {
            throw new UsageException("expected a token id");
        }
        return tokens.revoke(Long.parseLong(args.get(0))) ? "token " + args.get(0) + " revoked"
                : "no token " + args.get(0);
    }

    private long user(String username) throws UsageException {
        try {
            return identifiers.user("username", username);
        } catch (IdentifierException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static long instant(String value) throws UsageException {
        if (value.matches("[0-9]{1,12}")) {
            return Long.parseLong(value);
        }
        try {
            return Instant.parse(value).getEpochSecond();
        } catch (java.time.format.DateTimeParseException e) {
            throw new UsageException("VALIDUNTIL is Unix seconds or an ISO instant such as 2027-01-31T00:00:00Z: "
                    + value);
        }
    }
}
