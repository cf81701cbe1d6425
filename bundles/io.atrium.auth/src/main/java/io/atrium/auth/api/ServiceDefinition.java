package io.atrium.auth.api;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What an external service is, as Moodle's {@code db/services.php} declares one.
 *
 * @param shortname          the name clients ask login/token.php for ({@code [a-z0-9_]}, up to
 *                           255 characters)
 * @param name               the human name, unique
 * @param enabled            whether tokens for it work
 * @param restrictedUsers    whether only authorised users may use it
 * @param requiredCapability a capability every user of it needs (in the system context), or
 *                           {@code null}
 * @param uploadFiles        whether its tokens may upload files (webservice/upload.php)
 * @param downloadFiles      whether its tokens may download files (webservice/pluginfile.php)
 * @param functions          functions it includes besides those whose own spec names it
 */
public record ServiceDefinition(String shortname, String name, boolean enabled, boolean restrictedUsers,
        String requiredCapability, boolean uploadFiles, boolean downloadFiles, List<String> functions) {

    private static final Pattern SHORTNAME = Pattern.compile("[a-z0-9_]{1,255}");

    public ServiceDefinition {
        Objects.requireNonNull(shortname, "shortname");
        Objects.requireNonNull(name, "name");
        if (!SHORTNAME.matcher(shortname).matches()) {
            throw new IllegalArgumentException("A service shortname is 1 to 255 characters of a-z, 0-9 and _: "
                    + shortname);
        }
        if (name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("A service name is 1 to 200 characters: '" + name + "'");
        }
        requiredCapability = requiredCapability == null || requiredCapability.isBlank() ? null
                : requiredCapability.trim();
        functions = List.copyOf(functions);
    }

    /** An enabled, unrestricted service without file transfer, with these extra functions. */
    public static ServiceDefinition of(String shortname, String name, String... functions) {
        return new ServiceDefinition(shortname, name, true, false, null, false, false, List.of(functions));
    }

    /** This definition, enabled or not. */
    public ServiceDefinition withEnabled(boolean on) {
        return new ServiceDefinition(shortname, name, on, restrictedUsers, requiredCapability, uploadFiles,
                downloadFiles, functions);
    }
}
