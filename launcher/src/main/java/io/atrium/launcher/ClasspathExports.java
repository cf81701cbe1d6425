package io.atrium.launcher;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The libraries on the launcher's class path that bundles use through the system bundle:
 * SLF4J and Logback. Their packages are exported exactly as their own manifests export them
 * (names and versions; directives dropped), so an upgrade needs no list kept by hand.
 */
final class ClasspathExports {

    /** Bundle-SymbolicNames of the class path libraries bundles see. */
    static final Set<String> SHARED = Set.of("slf4j.api", "ch.qos.logback.classic", "ch.qos.logback.core");

    private final List<Path> jars;
    private final String packages;

    private ClasspathExports(List<Path> jars, String packages) {
        this.jars = jars;
        this.packages = packages;
    }

    /** Reads the shared libraries in {@code lib/}. */
    static ClasspathExports of(Path lib) throws IOException {
        List<Path> jars = new ArrayList<>();
        List<String> exports = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(lib, "*.jar")) {
            for (Path jar : files) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    Manifest mf = file.getManifest();
                    Attributes main = mf == null ? null : mf.getMainAttributes();
                    String bsn = main == null ? null : main.getValue("Bundle-SymbolicName");
                    if (bsn != null && SHARED.contains(bsn.split(";")[0].trim())) {
                        jars.add(jar);
                        exports.addAll(withoutDirectives(main.getValue("Export-Package")));
                    }
                }
            }
        }
        jars.sort(null);
        return new ClasspathExports(List.copyOf(jars), String.join(",", exports));
    }

    /** The jars, to put on a class path. */
    List<Path> jars() {
        return jars;
    }

    /** The value for {@code org.osgi.framework.system.packages.extra}. */
    String packages() {
        return packages;
    }

    /**
     * Splits an Export-Package header into clauses and drops their directives ({@code uses:=}
     * would tie the system bundle to packages it does not export).
     */
    static List<String> withoutDirectives(String header) {
        List<String> clauses = new ArrayList<>();
        if (header == null) {
            return clauses;
        }
        for (String clause : split(header, ',')) {
            StringBuilder kept = new StringBuilder();
            for (String part : split(clause, ';')) {
                if (part.contains(":=")) {
                    continue;
                }
                if (kept.length() > 0) {
                    kept.append(';');
                }
                kept.append(part.trim());
            }
            if (kept.length() > 0) {
                clauses.add(kept.toString());
            }
        }
        return clauses;
    }

    /** Splits on a separator that is not inside double quotes. */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : text.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.toString().isBlank()) {
            parts.add(current.toString());
        }
        return parts;
    }
}
