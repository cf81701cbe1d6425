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

import io.atrium.lms.api.Access;
import io.atrium.lms.api.SiteConfig;
import io.atrium.lms.api.User;
import io.atrium.lms.api.Users;
import io.atrium.store.api.Store;
import io.atrium.ws.api.Caller;
import io.atrium.ws.api.FunctionSpec;
import io.atrium.ws.api.FunctionType;
import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.WsCall;
import io.atrium.ws.api.WsException;
import io.atrium.ws.api.WsFunction;
import io.atrium.ws.api.WsFunctionName;

/**
 * {@code core_webservice_get_site_info}: the site, the caller and the functions the caller's
 * service may call, in Moodle's shape and key order. The version reported is that of the Moodle
 * release whose web services Atrium reproduces, so that clients enable what they should.
 */
@Component
@WsFunctionName("core_webservice_get_site_info")
public final class GetSiteInfo implements WsFunction {

    /** Moodle 4.5's version and release, whose wire formats Atrium speaks. */
    static final String VERSION = "2024100700";
    static final String RELEASE = "4.5 (Atrium)";

    private static final FunctionSpec SPEC = FunctionSpec.builder()
            .description("Return some site info / user info / list web service functions")
            .type(FunctionType.READ)
            .services(TokenService.MOBILE)
            .parameters(single(key("serviceshortnames", multiple(value(ParamType.ALPHANUMEXT, "service shortname"),
                    "DEPRECATED PARAMETER - it was a design error in the original implementation. It is ignored now.")
                    .withDefault(List.of()))))
            .returns(single(
                    key("sitename", value(ParamType.RAW, "site name")),
                    key("username", value(ParamType.RAW, "username")),
                    key("firstname", value(ParamType.TEXT, "first name")),
                    key("lastname", value(ParamType.TEXT, "last name")),
                    key("fullname", value(ParamType.TEXT, "user full name")),
                    key("lang", value(ParamType.LANG, "Current language.")),
                    key("userid", value(ParamType.INT, "user id")),
                    key("siteurl", value(ParamType.RAW, "site url")),
                    key("userpictureurl", value(ParamType.URL, "the user profile picture.\n"
                            + "                    Warning: this url is the public URL that only works when forcelogin is set to NO and guestaccess is set to YES.\n"
                            + "                    In order to retrieve user profile pictures independently of the Moodle config, replace \"pluginfile.php\" by\n"
                            + "                    \"webservice/pluginfile.php?token=WSTOKEN&file=\"\n"
                            + "                    Of course the user can only see profile picture depending\n"
                            + "                    on his/her permissions. Moreover it is recommended to use HTTPS too.")),
                    key("functions", multiple(single(
                            key("name", value(ParamType.RAW, "function name")),
                            key("version", value(ParamType.TEXT, "The version number of the component to which the function belongs"))),
                            "functions that are available")),
                    key("downloadfiles", value(ParamType.INT, "1 if users are allowed to download files, 0 if not").optional()),
                    key("uploadfiles", value(ParamType.INT, "1 if users are allowed to upload files, 0 if not").optional()),
                    key("release", value(ParamType.TEXT, "Moodle release number").optional()),
                    key("version", value(ParamType.TEXT, "Moodle version number").optional()),
                    key("mobilecssurl", value(ParamType.URL, "Mobile custom CSS theme").optional()),
                    key("advancedfeatures", multiple(single(
                            key("name", value(ParamType.ALPHANUMEXT, "feature name")),
                            key("value", value(ParamType.INT, "feature value. Usually 1 means enabled."))),
                            "Advanced features availability").optional()),
                    key("usercanmanageownfiles", value(ParamType.BOOL, "true if the user can manage his own files").optional()),
                    key("userquota", value(ParamType.INT, "user quota (bytes). 0 means user can ignore the quota").optional()),
                    key("usermaxuploadfilesize", value(ParamType.INT, "user max upload file size (bytes). -1 means the user can ignore the upload file size").optional()),
                    key("userhomepage", value(ParamType.INT, "the default home page for the user: 0 for the site home, 1 for dashboard").optional()),
                    key("userhomepageurl", value(ParamType.URL, "the URL of the custom user home page when userhomepage is 3").optional()),
                    key("userprivateaccesskey", value(ParamType.ALPHANUM, "Private user access key for fetching files.").optional()),
                    key("siteid", value(ParamType.INT, "Site course ID").optional()),
                    key("sitecalendartype", value(ParamType.PLUGIN, "Calendar type set in the site.").optional()),
                    key("usercalendartype", value(ParamType.PLUGIN, "Calendar typed used by the user.").optional()),
                    key("userissiteadmin", value(ParamType.BOOL, "Whether the user is a site admin or not.").optional()),
                    key("theme", value(ParamType.PLUGIN, "Current theme for the user.").optional()),
                    key("limitconcurrentlogins", value(ParamType.INT, "Number of concurrent sessions allowed").optional()),
                    key("usersessionscount", value(ParamType.INT, "Number of active sessions for current user. Only returned when limitconcurrentlogins is used.").optional()),
                    key("policyagreed", value(ParamType.INT, "Whether user accepted all the policies.").optional())))
            .build();

    /** Moodle's advanced features as the captured site had them. */
    private static final String[][] FEATURES = { { "usecomments", "1" }, { "usetags", "1" }, { "enablenotes", "1" },
            { "messaging", "1" }, { "enableblogs", "1" }, { "enablecompletion", "1" }, { "enablebadges", "1" },
            { "messagingallusers", "0" }, { "enablecustomreports", "1" }, { "enableglobalsearch", "0" },
            { "mnet_dispatcher_mode", "0" }, { "enablecompetencies", "1" } };

    private final TokenService tokens;
    private final Users users;
    private final Access access;
    private final SiteConfig config;
    private final Store store;

    @Activate
    public GetSiteInfo(@Reference TokenService tokens, @Reference Users users, @Reference Access access,
            @Reference SiteConfig config, @Reference Store store) {
        this.tokens = tokens;
        this.users = users;
        this.access = access;
        this.config = config;
        this.store = store;
    }

    @Override
    public FunctionSpec spec() {
        return SPEC;
    }

    @Override
    public Object execute(WsCall call) throws WsException {
        Caller caller = call.caller();
        User user = users.get(caller.userId())
                .orElseThrow(() -> WsException.invalidRecord("user", "id=" + caller.userId()));
        record Service(long id, String shortname, int download, int upload) {
        }
        Service service = caller instanceof TokenService.TokenCaller t
                ? new Service(t.row().serviceId(), t.row().service(), t.row().downloadfiles() ? 1 : 0,
                        t.row().uploadfiles() ? 1 : 0)
                : store.current().first("SELECT id, shortname, downloadfiles, uploadfiles FROM mdl_external_services "
                        + "WHERE shortname = ?", rs -> new Service(rs.getLong(1), rs.getString(2), rs.getInt(3),
                                rs.getInt(4)), caller.service()).orElse(new Service(0, caller.service(), 0, 0));
        String wwwroot = config.wwwroot();
        String themerev = config.get("themerev").orElse("1");
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("sitename", config.get("sitename").orElse("Atrium"));
        info.put("username", user.username());
        info.put("firstname", user.firstname());
        info.put("lastname", user.lastname());
        info.put("fullname", user.fullname());
        info.put("lang", user.lang().isEmpty() ? "en" : user.lang());
        info.put("userid", user.id());
        info.put("siteurl", wwwroot);
        info.put("userpictureurl", wwwroot + "/theme/image.php/boost/core/" + themerev + "/u/f1");
        List<Map<String, Object>> functions = new ArrayList<>();
        for (String name : tokens.functions(service.id(), service.shortname())) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", name);
            f.put("version", VERSION);
            functions.add(f);
        }
        info.put("functions", functions);
        info.put("downloadfiles", service.download());
        info.put("uploadfiles", service.upload());
        info.put("release", RELEASE);
        info.put("version", VERSION);
        info.put("mobilecssurl", "");
        List<Map<String, Object>> features = new ArrayList<>();
        for (String[] f : FEATURES) {
            Map<String, Object> feature = new LinkedHashMap<>();
            feature.put("name", f[0]);
            feature.put("value", Integer.parseInt(f[1]));
            features.add(feature);
        }
        info.put("advancedfeatures", features);
        info.put("usercanmanageownfiles", true);
        info.put("userquota", 0);
        info.put("usermaxuploadfilesize", -1);
        info.put("userhomepage", 1);
        info.put("userprivateaccesskey", tokens.secret().userKey(user.id()));
        info.put("siteid", 1);
        info.put("sitecalendartype", "gregorian");
        info.put("usercalendartype", "gregorian");
        info.put("userissiteadmin", access.isSiteAdmin(user.id()));
        info.put("theme", "boost");
        info.put("limitconcurrentlogins", 0);
        info.put("policyagreed", 0);
        return info;
    }
}
