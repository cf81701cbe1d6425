package io.atrium.itests.support;

import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code bin/atrium} of the distribution under test as a process, with everything it printed. */
public final class AtriumProcess implements AutoCloseable {

    private static final Pattern STARTED = Pattern.compile("Atrium \\S+ started in [0-9.]+ s: (http://\\S+)");

    public final Process process;
    public final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    public AtriumProcess(Path work, String... args) throws IOException {
        this(work, Map.of(), args);
    }

    public AtriumProcess(Path work, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Atrium.dist().resolve("bin/atrium").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("ATRIUM_"));
        pb.environment().putAll(env);
        if (work != null) {
            pb.directory(work.toFile());
        }
        process = pb.start();
        CompletableFuture.runAsync(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(output lost: " + e + ")");
            }
        });
    }

    public int exit(Duration timeout) throws InterruptedException {
        assertTrue("bin/atrium did not exit within " + timeout + ":\n" + output(),
                process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS));
        Thread.sleep(100); // the reader drains what is left
        return process.exitValue();
    }

    public String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    /** Waits for the start-up line and returns the address it names. */
    public String awaitStarted() {
        String line = Await.until("the start-up line", Duration.ofSeconds(60), () -> {
            synchronized (lines) {
                for (String l : lines) {
                    if (STARTED.matcher(l).find()) {
                        return l;
                    }
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError("bin/atrium exited with " + process.exitValue() + ":\n" + output());
            }
            return null;
        }, l -> l != null);
        Matcher m = STARTED.matcher(line);
        assertTrue(m.find());
        return m.group(1);
    }
}
