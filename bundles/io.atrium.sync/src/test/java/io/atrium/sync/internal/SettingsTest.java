package io.atrium.sync.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.atrium.ws.api.WsException;

class SettingsTest {

    @ParameterizedTest
    @ValueSource(strings = { "/etc/passwd", "../x.csv", "a/../../x.csv", "a/./x.csv", "a//x.csv", "C:\\x.csv",
            "C:x.csv", "a\\b.csv", "dir/", "~/x.csv", "a\u0000b.csv", "" })
    void locationsThatCouldLeaveTheAreaAreRefused(String location) {
        WsException e = assertThrows(WsException.class, () -> SyncArea.checkLocation(location));
        assertEquals("invalidparameter", e.errorcode());
        assertTrue(e.debuginfo().startsWith("Invalid file location"), e.debuginfo());
    }

    @ParameterizedTest
    @ValueSource(strings = { "users.csv", "nightly/users.csv", "a b/ü.csv", "..hidden.csv", "x..y.csv" })
    void locationsInsideTheAreaAreKept(String location) throws WsException {
        assertEquals(location, SyncArea.checkLocation(location));
    }

    @Test
    void aLocationIsAPathAndAName() {
        assertEquals(new SyncArea.Place("/", "users.csv"), SyncArea.place("users.csv"));
        assertEquals(new SyncArea.Place("/a/b/", "users.csv"), SyncArea.place("a/b/users.csv"));
        assertEquals("a/b/users.csv", SyncArea.place("a/b/users.csv").location());
    }

    @Test
    void keysAndValuesAreCheckedAgainstTheirDomains() throws WsException {
        assertEquals("idnumber", Settings.check(Settings.key("users", "primaryidentity"), "idnumber"));
        assertEquals("fileexistlocation", Settings.key("courses", "fileexistslocation").name());
        WsException value = assertThrows(WsException.class,
                () -> Settings.check(Settings.key("users", "primaryidentity"), "shoesize"));
        assertEquals("Invalid value 'shoesize' for users primaryidentity; allowed values: idnumber, email, username",
                value.debuginfo());
        WsException flag = assertThrows(WsException.class,
                () -> Settings.check(Settings.key("global", "filefailed"), "yes"));
        assertTrue(flag.debuginfo().endsWith("allowed values: 0, 1"));
        WsException service = assertThrows(WsException.class, () -> Settings.key("grades", "x"));
        assertEquals("Unknown service 'grades'; the services are courses, users, enrols, cohorts, global",
                service.debuginfo());
        assertEquals("", Settings.check(Settings.key("users", "filelocation"), "  "));
    }
}
