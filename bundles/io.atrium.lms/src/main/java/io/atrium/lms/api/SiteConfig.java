package io.atrium.lms.api;

import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Site configuration ({@code mdl_config}) and per-plugin configuration ({@code mdl_config_plugins}). */
@ProviderType
public interface SiteConfig {

    /**
     * A site setting. Settings are read as a snapshot a few seconds old at most: a change made
     * through {@link #set} shows at once, one made by another node within two seconds.
     */
    Optional<String> get(String name);

    /** Sets a site setting. */
    void set(String name, String value);

    /** A plugin's setting ({@code tool_sync}, {@code filelocation}). */
    Optional<String> get(String plugin, String name);

    /** Every setting of a plugin. */
    Map<String, String> plugin(String plugin);

    /** Sets a plugin's setting; {@code null} removes it. */
    void set(String plugin, String name, String value);

    /**
     * The site's address for the URLs functions return, without a trailing slash: the
     * {@code wwwroot} setting, else the framework property {@code atrium.wwwroot}, else
     * {@code http://localhost:<port>}.
     */
    String wwwroot();
}
