package io.atrium.admin.internal;

import java.net.URL;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atrium.admin.api.AdminPage;
import io.atrium.auth.api.ExternalService;
import io.atrium.auth.api.ExternalServices;
import io.atrium.ws.core.WsRuntime;

/**
 * External services and tokens: the services with their functions (enable, disable, create,
 * delete), the tokens (create — shown once —, list, revoke), and the functions being served with
 * those rejected. The lists are drawn by {@code services.js} from the {@code atrium_service_*}
 * and {@code atrium_token_*} functions; the function list is drawn here.
 */
@Component
public final class ServicesPage implements AdminPage {

    private final WsRuntime runtime;
    private final ExternalServices services;

    @Activate
    public ServicesPage(@Reference WsRuntime runtime, @Reference ExternalServices services) {
        this.runtime = runtime;
        this.services = services;
    }

    @Override
    public String id() {
        return "services";
    }

    @Override
    public String title() {
        return "External services and tokens";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public URL script() {
        return ServicesPage.class.getResource("/admin/services.js");
    }

    @Override
    public String body() {
        StringBuilder b = new StringBuilder();
        b.append("""
                <p class="status" role="status" id="status"></p>
                <section id="token-section">
                <h2>Create a token</h2>
                <form id="token-form" class="row">
                <label>User <input name="username" required placeholder="username"></label>
                <label>Service <select name="service" id="token-service" required></select></label>
                <label>Name <input name="name" placeholder="optional"></label>
                <label>Valid until <input type="date" name="validuntil"></label>
                <label>IP restriction <input name="iprestriction" placeholder="e.g. 10.0.0.0/8"></label>
                <button type="submit">Create token</button>
                </form>
                <div id="new-token" class="new-token" hidden>
                <p>The new token, shown only now (the server keeps only its hash):</p>
                <p><code id="new-token-value"></code></p>
                </div>
                <h2>Tokens</h2>
                <table id="tokens"><thead><tr><th>Id</th><th>User</th><th>Service</th><th>Name</th>
                <th>Valid until</th><th>IP restriction</th><th>Last access</th><th></th></tr></thead><tbody></tbody></table>
                </section>
                <section>
                <h2>External services</h2>
                <table id="services"><thead><tr><th>Shortname</th><th>Name</th><th>Declared by</th><th>Enabled</th>
                <th>Functions</th><th></th></tr></thead><tbody></tbody></table>
                <h3>Add a service</h3>
                <form id="service-form" class="row">
                <label>Shortname <input name="shortname" required pattern="[a-z0-9_]+"></label>
                <label>Name <input name="name" required></label>
                <label>Functions <input name="functions" placeholder="comma-separated" size="40"></label>
                <label>Required capability <input name="requiredcapability"></label>
                <label><input type="checkbox" name="uploadfiles"> Uploads</label>
                <label><input type="checkbox" name="downloadfiles"> Downloads</label>
                <button type="submit">Add service</button>
                </form>
                </section>
                <section>
                <h2>Functions</h2>
                <table id="functions"><thead><tr><th>Function</th><th>Type</th><th>Bundle</th><th>Services</th>
                </tr></thead><tbody>
                """);
        Map<String, List<String>> serviceNames = new HashMap<>();
        for (ExternalService service : services.list()) {
            for (String f : service.functions()) {
                serviceNames.computeIfAbsent(f, k -> new ArrayList<>()).add(service.shortname());
            }
        }
        List<WsRuntime.Function> functions = new ArrayList<>(runtime.functions());
        functions.sort(Comparator.comparing(WsRuntime.Function::name));
        for (WsRuntime.Function f : functions) {
            b.append("<tr><td><a href=\"/webservice/docs#").append(Html.esc(f.name())).append("\">")
                    .append(Html.esc(f.name())).append("</a></td><td>")
                    .append(f.spec().type().name().toLowerCase(java.util.Locale.ROOT)).append("</td><td>")
                    .append(Html.esc(f.bundle())).append(' ').append(Html.esc(f.bundleVersion())).append("</td><td>")
                    .append(Html.esc(String.join(", ", serviceNames.getOrDefault(f.name(), List.of()))))
                    .append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
        if (!runtime.rejected().isEmpty()) {
            b.append("<h3>Rejected functions</h3>\n<table id=\"rejected\"><thead><tr><th>Function</th><th>Bundle</th>"
                    + "<th>Reason</th></tr></thead><tbody>\n");
            for (WsRuntime.Rejected r : runtime.rejected()) {
                b.append("<tr><td>").append(Html.esc(r.name())).append("</td><td>").append(Html.esc(r.bundle()))
                        .append("</td><td>").append(Html.esc(r.reason())).append("</td></tr>\n");
            }
            b.append("</tbody></table>\n");
        }
        b.append("</section>\n");
        return b.toString();
    }
}
