package io.atrium.sync.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atrium.sync.internal.EnrolFunctions.EnrolRequest;
import io.atrium.sync.internal.EnrolFunctions.Operations;
import io.atrium.sync.internal.EnrolFunctions.UnenrolRequest;
import io.atrium.ws.api.Params;
import io.atrium.ws.api.WsException;

class EnrolFunctionsTest {

    private static final long ADMIN = 2;
    private static final long TEACHER = 3;

    private FakeLms lms;
    private Operations ops;
    private long jdoe;
    private long c1;
    private long c2;

    @BeforeEach
    void setUp() {
        lms = new FakeLms();
        ops = new Operations(lms.identifiers, lms.enrolments, lms.roleService, lms.contexts, lms.access);
        lms.admins.add(ADMIN);
        jdoe = lms.user("jdoe", "U0001", "jdoe@example.org");
        c1 = lms.course("C1", "COURSE-1");
        c2 = lms.course("C2", "COURSE-2");
        lms.role("student");
        lms.role("manager");
    }

    /** An item as the pipeline validates it: the defaults filled in. */
    private static Params enrol(String roleBy, String role, String userBy, String user, String courseBy,
            String course, Object... more) {
        Map<String, Object> m = new HashMap<>(Map.of("roleidsource", roleBy, "roleid", role, "useridsource", userBy,
                "userid", user, "courseidsource", courseBy, "courseid", course, "method", "manual", "timestart", 0L,
                "timeend", 0L, "suspend", 0L));
        for (int i = 0; i < more.length; i += 2) {
            m.put((String) more[i], more[i + 1]);
        }
        return new Params(m);
    }

    private static Params unenrol(String userBy, String user, String courseBy, String course, String roleBy,
            String role) {
        return new Params(Map.of("useridsource", userBy, "userid", user, "courseidsource", courseBy, "courseid", course,
                "roleidsource", roleBy, "roleid", role, "method", "manual"));
    }

    private static String debuginfo(WsException e) {
        return e.debuginfo();
    }

    @Test
    void identifierSourcesAreCheckedNamingTheAllowedValues() throws Exception {
        assertEquals("shortname", EnrolFunctions.source("roleidsource", "shortname", EnrolFunctions.ROLE_SOURCES));
        WsException e = assertThrows(WsException.class,
                () -> EnrolFunctions.source("roleidsource", "name", EnrolFunctions.ROLE_SOURCES));
        assertEquals("invalidparameter", e.errorcode());
        assertEquals("Invalid roleidsource 'name'; allowed values: id, shortname", debuginfo(e));
        e = assertThrows(WsException.class, () -> EnrolFunctions.enrolRequest(enrol("id", "5", "login", "jdoe", "id",
                "7")));
        assertEquals("Invalid useridsource 'login'; allowed values: id, username, idnumber, email", debuginfo(e));
        e = assertThrows(WsException.class, () -> EnrolFunctions.enrolRequest(enrol("id", "5", "id", "9", "fullname",
                "x")));
        assertEquals("Invalid courseidsource 'fullname'; allowed values: id, shortname, idnumber", debuginfo(e));
        e = assertThrows(WsException.class, () -> EnrolFunctions.enrolRequest(enrol("id", "5", "id", "9", "id", "7",
                "method", "self")));
        assertTrue(debuginfo(e).endsWith("allowed values: manual"), debuginfo(e));
        e = assertThrows(WsException.class, () -> EnrolFunctions.enrolRequest(enrol("id", "5", "id", "9", "id", "7",
                "timestart", 200L, "timeend", 100L)));
        assertEquals("timeend 100 is before timestart 200", debuginfo(e));
        EnrolRequest r = EnrolFunctions.enrolRequest(enrol("shortname", "student", "email", " jdoe@example.org ",
                "idnumber", "COURSE-1", "suspend", 1L));
        assertEquals(new EnrolRequest("shortname", "student", "email", "jdoe@example.org", "idnumber", "COURSE-1", 0,
                0, true), r);
    }

    @Test
    void anUnenrolmentHasARoleWithItsSourceOrNeither() throws Exception {
        assertEquals(new UnenrolRequest("username", "jdoe", "shortname", "C1", null, ""),
                EnrolFunctions.unenrolRequest(unenrol("username", "jdoe", "shortname", "C1", "", "")));
        assertEquals(new UnenrolRequest("username", "jdoe", "shortname", "C1", "shortname", "student"),
                EnrolFunctions.unenrolRequest(unenrol("username", "jdoe", "shortname", "C1", "shortname", "student")));
        WsException e = assertThrows(WsException.class,
                () -> EnrolFunctions.unenrolRequest(unenrol("username", "jdoe", "shortname", "C1", "shortname", "")));
        assertTrue(debuginfo(e).startsWith("roleidsource and roleid go together"));
        e = assertThrows(WsException.class,
                () -> EnrolFunctions.unenrolRequest(unenrol("username", "jdoe", "shortname", "C1", "name", "x")));
        assertEquals("Invalid roleidsource 'name'; allowed values: id, shortname", debuginfo(e));
    }

    @Test
    void enrolsByAnyIdentifierAndUnenrols() throws Exception {
        ops.enrol(EnrolFunctions.enrolRequest(enrol("shortname", "student", "email", "JDOE@example.org", "idnumber",
                "COURSE-1", "timestart", 100L, "suspend", 1L)), ADMIN).apply();
        assertEquals(List.of("enrol " + c1 + " " + jdoe + " 1 100 0", "assign student " + jdoe + "@"
                + FakeLms.courseContext(c1).id()), lms.journal);
        lms.journal.clear();
        ops.unenrol(EnrolFunctions.unenrolRequest(unenrol("id", "" + jdoe, "id", "" + c1, "", "")), ADMIN).apply();
        assertEquals(List.of("unenrol " + c1 + " " + jdoe), lms.journal);
        // Not enrolled: nothing to do, and no error.
        ops.unenrol(EnrolFunctions.unenrolRequest(unenrol("id", "" + jdoe, "id", "" + c1, "", "")), ADMIN).apply();
        assertEquals(1, lms.journal.size());
    }

    @Test
    void withARoleUnenrolOnlyRemovesThatRole() throws Exception {
        ops.enrol(EnrolFunctions.enrolRequest(enrol("shortname", "student", "username", "jdoe", "shortname", "C1")),
                ADMIN).apply();
        ops.enrol(EnrolFunctions.enrolRequest(enrol("shortname", "manager", "username", "jdoe", "shortname", "C1")),
                ADMIN).apply();
        long manager = lms.identifiers.role("shortname", "manager");
        lms.roleService.assign(manager, jdoe, FakeLms.courseContext(c1), "enrol_cohort", 7, ADMIN);
        lms.journal.clear();
        ops.unenrol(EnrolFunctions.unenrolRequest(unenrol("username", "jdoe", "shortname", "C1", "shortname",
                "manager")), ADMIN).apply();
        assertEquals(List.of("unassign manager " + jdoe + "@" + FakeLms.courseContext(c1).id()), lms.journal);
        assertEquals(1, lms.enrolled.size());
        // The student role and the role another plugin manages stay.
        assertEquals(List.of("student", "manager"), lms.assignments.stream().map(a -> a.roleShortname()).toList());
    }

    @Test
    void unknownRecordsAreNamed() throws Exception {
        WsException e = assertThrows(WsException.class, () -> ops.enrol(EnrolFunctions.enrolRequest(enrol("shortname",
                "student", "username", "nobody", "shortname", "C1")), ADMIN));
        assertEquals("invalidrecord", e.errorcode());
        assertEquals("Can't find data record in database table user: user username=nobody not exists.", e.getMessage());
        e = assertThrows(WsException.class, () -> ops.enrol(EnrolFunctions.enrolRequest(enrol("shortname", "student",
                "username", "jdoe", "shortname", "C9")), ADMIN));
        assertEquals("Can't find data record in database table course: course shortname=C9 not exists.", e.getMessage());
        e = assertThrows(WsException.class, () -> ops.enrol(EnrolFunctions.enrolRequest(enrol("id", "abc", "username",
                "jdoe", "shortname", "C1")), ADMIN));
        assertEquals("invalidparameter", e.errorcode());
        assertEquals("role id=abc is not a number", e.debuginfo());
        lms.user("jdoe2", "U0001", "other@example.org");
        e = assertThrows(WsException.class, () -> ops.enrol(EnrolFunctions.enrolRequest(enrol("shortname", "student",
                "idnumber", "U0001", "shortname", "C1")), ADMIN));
        assertEquals("multiplerecordsfound", e.errorcode());
        assertTrue(lms.journal.isEmpty());
    }

    @Test
    void rightsAreCheckedInTheCourseBeforeAnythingIsWritten() throws Exception {
        EnrolRequest r = EnrolFunctions.enrolRequest(enrol("shortname", "manager", "username", "jdoe", "shortname",
                "C1"));
        WsException e = assertThrows(WsException.class, () -> ops.enrol(r, TEACHER));
        assertEquals("nopermissions", e.errorcode());
        long ctx = FakeLms.courseContext(c1).id();
        lms.granted.add(EnrolFunctions.ENROL + "@" + ctx);
        e = assertThrows(WsException.class, () -> ops.enrol(r, TEACHER));
        assertEquals("wsusercannotassign", e.errorcode());
        lms.granted.add("moodle/role:assign@" + ctx);
        ops.enrol(r, TEACHER).apply();
        // The right in C1 is no right in C2.
        assertThrows(WsException.class, () -> ops.enrol(EnrolFunctions.enrolRequest(enrol("shortname", "manager",
                "username", "jdoe", "shortname", "C2")), TEACHER));
        UnenrolRequest u = EnrolFunctions.unenrolRequest(unenrol("username", "jdoe", "shortname", "C1", "", ""));
        assertEquals("nopermissions", assertThrows(WsException.class, () -> ops.unenrol(u, TEACHER)).errorcode());
        lms.granted.add(EnrolFunctions.UNENROL + "@" + ctx);
        ops.unenrol(u, TEACHER).apply();
        assertTrue(lms.enrolled.isEmpty());
        lms.withoutManualInstance.add(c2);
        assertEquals("wsnoinstance", assertThrows(WsException.class, () -> ops.enrol(EnrolFunctions.enrolRequest(
                enrol("shortname", "manager", "username", "jdoe", "shortname", "C2")), ADMIN)).errorcode());
    }

    @Test
    void pluralCallsGoOnPastAFailingItemWhichWritesNothing() throws Exception {
        List<Params> items = List.of(enrol("shortname", "student", "username", "jdoe", "shortname", "C1"),
                enrol("shortname", "student", "username", "nobody", "shortname", "C1"),
                enrol("shortname", "professor", "username", "jdoe", "shortname", "C2"),
                enrol("shortname", "student", "username", "jdoe", "shortname", "C2"));
        List<EnrolRequest> requests = EnrolFunctions.requests(items, EnrolFunctions::enrolRequest);
        List<Map<String, Object>> out = EnrolFunctions.each("test", requests,
                requests.stream().map(EnrolRequest::user).toList(), r -> ops.enrol(r, ADMIN));
        assertEquals(List.of(Map.of("userid", "jdoe", "status", true), Map.of("userid", "nobody", "status", false),
                Map.of("userid", "jdoe", "status", false), Map.of("userid", "jdoe", "status", true)), out);
        assertEquals(2, lms.enrolled.size());
    }

    @Test
    void aMalformedItemRefusesThePluralCallNamingIt() {
        List<Params> items = List.of(enrol("shortname", "student", "username", "jdoe", "shortname", "C1"),
                enrol("shortname", "student", "login", "jdoe", "shortname", "C1"));
        WsException e = assertThrows(WsException.class,
                () -> EnrolFunctions.requests(items, EnrolFunctions::enrolRequest));
        assertEquals("enrols[1] => Invalid parameter value detected: Invalid useridsource 'login'; allowed values: "
                + "id, username, idnumber, email", e.debuginfo());
    }
}
