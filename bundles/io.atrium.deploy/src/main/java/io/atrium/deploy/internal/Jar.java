package io.atrium.deploy.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipException;

import org.osgi.framework.Constants;
import org.osgi.framework.Version;

/** The identity of a bundle jar, read before the framework is asked to install it. */
record Jar(String symbolicName, Version version) {

    /**
     * Reads the manifest of a jar and checks that it is a bundle.
     *
     * @throws DeployException naming what is wrong, in words an administrator understands
     */
    static Jar read(Path file) throws DeployException {
        Manifest manifest;
        try (JarFile jar = new JarFile(file.toFile())) {
            manifest = jar.getManifest();
        } catch (ZipException e) {
            throw new DeployException("not a jar file (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new DeployException("cannot be read: " + e.getMessage());
        }
        if (manifest == null) {
            throw new DeployException("not an OSGi bundle: the jar has no META-INF/MANIFEST.MF");
        }
        Attributes main = manifest.getMainAttributes();
        String bsn = main.getValue(Constants.BUNDLE_SYMBOLICNAME);
        if (bsn == null || bsn.isBlank()) {
            throw new DeployException("not an OSGi bundle: META-INF/MANIFEST.MF has no Bundle-SymbolicName");
        }
        String version = main.getValue(Constants.BUNDLE_VERSION);
        try {
            return new Jar(bsn.split(";", 2)[0].trim(),
                    version == null ? Version.emptyVersion : Version.parseVersion(version.trim()));
        } catch (IllegalArgumentException e) {
            throw new DeployException("invalid Bundle-Version '" + version + "': " + e.getMessage());
        }
    }
}
