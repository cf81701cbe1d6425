package io.atrium.deploy.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;

/**
 * Keeps what was deployed across a restart of this component (an update of this bundle, a
 * refresh). File Install does not replay artifacts it already handed over, so without this
 * a later deletion could not be undone properly. The file lives in the bundle's data area,
 * which lasts exactly as long as the installed bundles do.
 */
final class StateFile {

    private static final Logger LOG = LoggerFactory.getLogger(StateFile.class);

    /** The persisted form of a {@link Deployment}. */
    record Entry(String name, String kind, String featureId, List<Long> bundleIds, List<Long> ownedBundleIds,
            List<String> configurationPids, String failure, Map<Long, String> startFailures) {
    }

    private final Path file;
    private final Gson gson = new Gson();

    StateFile(Path file) {
        this.file = file;
    }

    List<Deployment> load() {
        if (file == null || !Files.isRegularFile(file)) {
            return List.of();
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<Entry> entries = gson.fromJson(in, new TypeToken<List<Entry>>() { }.getType());
            List<Deployment> deployments = new ArrayList<>();
            for (Entry e : entries == null ? List.<Entry>of() : entries) {
                if (e == null || e.name() == null || e.kind() == null) {
                    continue;
                }
                Deployment d = new Deployment(e.name(), e.kind());
                d.featureId = e.featureId();
                d.bundleIds = copy(e.bundleIds());
                d.ownedBundleIds = copy(e.ownedBundleIds());
                d.configurationPids = copy(e.configurationPids());
                d.failure = e.failure();
                d.startFailures = e.startFailures() == null ? Map.of() : Map.copyOf(e.startFailures());
                deployments.add(d);
            }
            return deployments;
        } catch (IOException | JsonParseException e) {
            LOG.warn("Ignoring unreadable deployment state {}: {}", file, e.toString());
            return List.of();
        }
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    void save(Collection<Deployment> deployments) {
        if (file == null) {
            return;
        }
        List<Entry> entries = new ArrayList<>();
        for (Deployment d : deployments) {
            entries.add(new Entry(d.name, d.kind, d.featureId, d.bundleIds, d.ownedBundleIds, d.configurationPids,
                    d.failure, d.startFailures));
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                gson.toJson(entries, out);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.warn("Could not save deployment state to {}: {}", file, e.toString());
        }
    }
}
