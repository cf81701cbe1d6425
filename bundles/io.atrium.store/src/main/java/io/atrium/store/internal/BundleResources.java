package io.atrium.store.internal;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;

import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;
import org.osgi.framework.Bundle;

/**
 * Flyway's view of one bundle's migration folder: the entries of the bundle itself (not its
 * class path), so a bundle's migrations are found wherever it was installed from.
 */
final class BundleResources implements ResourceProvider {

    private final Bundle bundle;
    private final String folder;

    BundleResources(Bundle bundle, String folder) {
        this.bundle = bundle;
        this.folder = trim(folder);
    }

    @Override
    public LoadableResource getResource(String name) {
        String path = folder.isEmpty() ? trim(name) : folder + "/" + trim(name);
        URL url = bundle.getEntry(path);
        return url == null ? null : new Entry(url, path, trim(name));
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        List<LoadableResource> found = new ArrayList<>();
        Enumeration<URL> entries = bundle.findEntries(folder.isEmpty() ? "/" : folder, "*", true);
        if (entries == null) {
            return found;
        }
        while (entries.hasMoreElements()) {
            URL url = entries.nextElement();
            String path = trim(url.getPath());
            if (path.endsWith("/")) {
                continue;
            }
            String relative = folder.isEmpty() ? path : path.substring(folder.length() + 1);
            String file = relative.substring(relative.lastIndexOf('/') + 1);
            if (!file.startsWith(prefix)) {
                continue;
            }
            for (String suffix : suffixes) {
                if (file.endsWith(suffix)) {
                    found.add(new Entry(url, path, relative));
                    break;
                }
            }
        }
        return found;
    }

    /** The folder that holds the migrations, for messages. */
    String folder() {
        return folder;
    }

    private static String trim(String path) {
        String p = path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/") && p.length() > 1) {
            p = p.substring(0, p.length() - 1);
        }
        return p.equals("/") ? "" : p;
    }

    private static final class Entry extends LoadableResource {
        private final URL url;
        private final String path;
        private final String relative;

        Entry(URL url, String path, String relative) {
            this.url = url;
            this.path = path;
            this.relative = relative;
        }

        @Override
        public Reader read() {
            try {
                return new InputStreamReader(url.openStream(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }

        @Override
        public String getAbsolutePath() {
            return path;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return url.toString();
        }

        @Override
        public String getFilename() {
            return relative.substring(relative.lastIndexOf('/') + 1);
        }

        @Override
        public String getRelativePath() {
            return relative;
        }
    }
}
