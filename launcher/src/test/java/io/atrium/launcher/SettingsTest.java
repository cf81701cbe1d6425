package io.atrium.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @TempDir
    Path home;

    private Settings read(List<String> args, Map<String, String> env) throws Exception {
        return Settings.read(home, args, env, Path.of("/work"));
    }

    @Test
    void defaultsLiveInTheDistribution() throws Exception {
        Settings s = read(List.of(), Map.of());
        assertEquals(8080, s.port());
        assertEquals("", s.host());
        assertEquals(home.resolve("data"), s.data());
        assertEquals(home.resolve("deploy"), s.deploy());
        assertEquals(home.resolve("etc"), s.etc());
        assertNull(s.features());
        assertNull(s.adminPassword());
        assertEquals("localhost", s.displayHost());
    }

    @Test
    void commandLineBeatsEnvironmentBeatsFileBeatsDefault() throws Exception {
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/atrium.properties"),
                "port=7000\nhost=10.0.0.1\ndata=var/data\nfeatures=examples\nadmin.password=from-file\n");
        Settings file = read(List.of(), Map.of());
        assertEquals(7000, file.port());
        assertEquals("10.0.0.1", file.host());
        assertEquals(home.resolve("var/data"), file.data(), "file paths are relative to the distribution");
        assertEquals(List.of("examples"), file.features());
        assertEquals("from-file", file.adminPassword());

        Settings env = read(List.of(), Map.of("ATRIUM_PORT", "7001", "ATRIUM_DATA", "d",
                "ATRIUM_ADMIN_PASSWORD", "from-env"));
        assertEquals(7001, env.port());
        assertEquals(Path.of("/work/d"), env.data(), "environment paths are relative to the working directory");
        assertEquals("from-env", env.adminPassword());

        Settings cli = read(List.of("--port", "7002", "--data=/srv/atrium", "--features", "platform, examples"),
                Map.of("ATRIUM_PORT", "7001"));
        assertEquals(7002, cli.port());
        assertEquals(Path.of("/srv/atrium"), cli.data());
        assertEquals(List.of("platform", "examples"), cli.features());
    }

    @Test
    void etcComesFromTheCommandLineOrEnvironmentAndHoldsTheProperties() throws Exception {
        Path etc = Files.createDirectories(home.resolve("elsewhere"));
        Files.writeString(etc.resolve("atrium.properties"), "port=7100\n");
        Settings s = read(List.of("--etc", etc.toString()), Map.of());
        assertEquals(etc, s.etc());
        assertEquals(7100, s.port());
    }

    @Test
    void everyInterfaceIsSpelledEmpty() throws Exception {
        assertEquals("", read(List.of("--host", "0.0.0.0"), Map.of()).host());
        assertEquals("[::1]", read(List.of("--host", "::1"), Map.of()).displayHost());
    }

    @Test
    void malformedSettingsAreRefusedWithAReason() {
        assertEquals("unknown option '--prot' (see --help)",
                assertThrows(Settings.UsageException.class, () -> read(List.of("--prot", "1"), Map.of())).getMessage());
        assertEquals("--port needs a value (see --help)",
                assertThrows(Settings.UsageException.class, () -> read(List.of("--port"), Map.of())).getMessage());
        assertEquals("the port must be a number from 0 to 65535, not '70000'",
                assertThrows(Settings.UsageException.class, () -> read(List.of(), Map.of("ATRIUM_PORT", "70000")))
                        .getMessage());
        assertThrows(Settings.UsageException.class, () -> read(List.of("--admin-password", "x"), Map.of()),
                "a password on the command line would be visible to every user of the machine");
    }
}
