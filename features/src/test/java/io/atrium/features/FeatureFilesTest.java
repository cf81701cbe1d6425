package io.atrium.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.atrium.feature.Feature;
import io.atrium.feature.FeatureBundle;
import io.atrium.feature.FeatureReader;

/** The feature files as the build delivers them: every version filled in, every file a valid feature. */
class FeatureFilesTest {

    private static List<Path> files() throws Exception {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(Path.of("target/classes/features"), "*.json")) {
            dir.forEach(files::add);
        }
        return files;
    }

    @Test
    void everyFeatureReadsAndNamesItselfAfterItsFile() throws Exception {
        List<Path> files = files();
        assertTrue(files.stream().anyMatch(f -> f.endsWith("platform.json")), "platform.json is missing");
        for (Path file : files) {
            String text = Files.readString(file);
            assertFalse(text.contains("${"), file + " has a placeholder the build did not fill in");
            Feature feature = FeatureReader.read(file, name -> null);
            String name = file.getFileName().toString().replace(".json", "");
            assertEquals(name, feature.id().classifier(), file + ": the id's classifier must be the file name");
            Set<String> seen = new HashSet<>();
            for (FeatureBundle b : feature.bundles()) {
                assertTrue(seen.add(b.id().groupId() + ":" + b.id().artifactId()), file + " lists " + b.id() + " twice");
            }
        }
    }
}
