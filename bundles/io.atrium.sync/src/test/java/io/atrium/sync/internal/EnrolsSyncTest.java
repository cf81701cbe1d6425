package io.atrium.sync.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atrium.sync.internal.EnrolsSync.Command;
import io.atrium.sync.internal.EnrolsSync.GroupCommand;

class EnrolsSyncTest {

    private static final long ACTOR = 2;

    private FakeLms lms;
    private EnrolsSync sync;
    private long jdoe;
    private long c1;
    private long student;
    private long teacher;

    @BeforeEach
    void setUp() throws Exception {
        lms = new FakeLms();
        sync = new EnrolsSync(lms.domain(), () -> ZoneOffset.UTC);
        jdoe = lms.user("jdoe", "U0001", "jdoe@example.org");
        c1 = lms.course("C1", "COURSE-1");
        student = lms.role("student");
        teacher = lms.role("editingteacher");
    }

    /** Runs one line of a file with this header; the header is given as "a;b;c", the line likewise. */
    private String line(String header, String values) throws Processor.LineFailure {
        Processor.Columns columns = new Processor.Columns(Arrays.asList(header.split(";", -1)));
        String problem = sync.checkHeader(columns);
        if (problem != null) {
            throw new AssertionError(problem);
        }
        return sync.line(new CsvTable.Row(2, Arrays.asList(values.split(";", -1))), columns, ACTOR);
    }

    private String failure(String header, String values) {
        return assertThrows(Processor.LineFailure.class, () -> line(header, values)).getMessage();
    }

    @Test
    void commandsAndGroupCommandsParseAndNameTheAllowedValuesWhenWrong() {
        assertEquals(Command.ADD, Command.parse("add"));
        assertEquals(Command.DEL, Command.parse("del"));
        assertEquals(Command.DEL, Command.parse("delete"));
        assertEquals(Command.SHIFT, Command.parse(" Shift "));
        assertEquals(Command.DISABLE, Command.parse("disable"));
        assertEquals(Command.ENABLE, Command.parse("enable"));
        String m = assertThrows(IllegalArgumentException.class, () -> Command.parse("remove")).getMessage();
        assertEquals("Unknown cmd 'remove'; the commands are add, del (or delete), shift, disable, enable", m);
        assertThrows(IllegalArgumentException.class, () -> Command.parse(""));

        assertEquals(Optional.empty(), GroupCommand.parse(""));
        assertEquals(Optional.empty(), GroupCommand.parse(null));
        assertEquals(Optional.of(GroupCommand.GADD), GroupCommand.parse("gadd"));
        assertEquals(Optional.of(GroupCommand.GADDCREATE), GroupCommand.parse("GADDCREATE"));
        assertEquals(Optional.of(GroupCommand.GREPLACE), GroupCommand.parse("greplace"));
        assertEquals(Optional.of(GroupCommand.GREPLACECREATE), GroupCommand.parse("greplacecreate"));
        assertEquals(Optional.of(GroupCommand.GDEL), GroupCommand.parse("gdel"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GroupCommand.parse("gjoin")).getMessage()
                .endsWith("gadd, gaddcreate, greplace, greplacecreate, gdel"));
        assertTrue(GroupCommand.GREPLACECREATE.creates && GroupCommand.GREPLACECREATE.replaces());
        assertFalse(GroupCommand.GADD.creates || GroupCommand.GADD.replaces());
        assertFalse(GroupCommand.GDEL.joins);
    }

    @Test
    void onlyTheManualMethodIsAvailable() throws Exception {
        EnrolsSync.checkMethod("");
        EnrolsSync.checkMethod(null);
        EnrolsSync.checkMethod("manual");
        assertTrue(assertThrows(Processor.LineFailure.class, () -> EnrolsSync.checkMethod("sync")).getMessage()
                .startsWith("The enrol method 'sync' is not available"));
        assertTrue(failure("cmd;cid;uid;rolename;enrol", "add;C1;jdoe;student;self").contains("'self'"));
        assertTrue(lms.journal.isEmpty());
    }

    @Test
    void addEnrolsWithTheRoleAndCreatesGroupsAndASecondRunChangesNothing() throws Exception {
        String header = "cmd;cid;uid;rolename;enrol;gcmd;g1;g2;g3";
        assertEquals("enrolled user jdoe in course C1 as editingteacher, created group GROUP1A, "
                + "created group GROUP1B, added to group GROUP1A, added to group GROUP1B",
                line(header, "add;C1;jdoe;editingteacher;manual;gaddcreate;GROUP1A;GROUP1B;"));
        assertEquals(List.of("enrol " + c1 + " " + jdoe + " 0 0 0", "assign editingteacher " + jdoe + "@"
                + FakeLms.courseContext(c1).id(), "create group GROUP1A", "create group GROUP1B",
                "join GROUP1A " + jdoe, "join GROUP1B " + jdoe), lms.journal);
        lms.journal.clear();
        assertEquals("user jdoe in course C1 was enrolled as editingteacher already, in group GROUP1A already, "
                + "in group GROUP1B already", line(header, "add;C1;jdoe;editingteacher;manual;gaddcreate;GROUP1A;GROUP1B;"));
        assertEquals(List.of(), lms.journal);
    }

    @Test
    void theDefaultCommandAndIdentifiersComeFromTheSettings() throws Exception {
        lms.setting("enrols", "useridentifier", "idnumber");
        lms.setting("enrols", "courseidentifier", "idnumber");
        assertEquals("enrolled user U0001 in course COURSE-1 as student", line("cid;uid;rolename", "COURSE-1;U0001;student"));
        lms.setting("enrols", "defaultcmd", "del");
        assertEquals("unenrolled user U0001 in course COURSE-1", line("cid;uid;rolename", "COURSE-1;U0001;"));
        assertEquals("user U0001 in course COURSE-1 is not enrolled manually: nothing to remove",
                line("cmd;cid;uid;rolename", ";COURSE-1;U0001;"));
    }

    @Test
    void timesAreReadAndMissingTimesKeepTheEnrolmentsOwn() throws Exception {
        String header = "cid;uid;rolename;starttime;endtime";
        line(header, "C1;jdoe;student;2025-01-01;1767225600");
        assertEquals(1735689600, lms.enrolled.values().iterator().next().timestart());
        assertEquals(1767225600, lms.enrolled.values().iterator().next().timeend());
        lms.journal.clear();
        assertEquals("user jdoe in course C1 was enrolled as student already", line("cid;uid;rolename", "C1;jdoe;student"));
        assertEquals(List.of(), lms.journal);
        assertTrue(line(header, "C1;jdoe;student;;0").endsWith("; enrolment updated"));
        assertEquals(List.of("update " + c1 + " " + jdoe + " 0 1735689600 0"), lms.journal);
        assertEquals("Invalid starttime: 'next week' is neither a Unix timestamp nor a date YYYY-MM-DD[ hh:mm[:ss]]",
                failure(header, "C1;jdoe;student;next week;"));
        assertEquals("Invalid endtime: '2025-02-30' is not a date: Invalid date 'FEBRUARY 30'",
                failure(header, "C1;jdoe;student;;2025-02-30"));
        assertEquals("endtime 2024-01-01 is before starttime 2025-01-01", failure(header, "C1;jdoe;student;2025-01-01;2024-01-01"));
    }

    @Test
    void shiftDropsTheOtherRolesGivenByHandOrByTheManualEnrolment() throws Exception {
        line("cid;uid;rolename", "C1;jdoe;editingteacher");
        long ctx = FakeLms.courseContext(c1).id();
        lms.roleService.assign(lms.role("manager"), jdoe, FakeLms.courseContext(c1), "enrol_cohort", 7, ACTOR);
        lms.journal.clear();
        assertEquals("gave student to user jdoe in course C1 (enrolled already); dropped editingteacher; "
                + "kept manager (managed by enrol_cohort)", line("cmd;cid;uid;rolename", "shift;C1;jdoe;student"));
        assertEquals(List.of("unassign editingteacher " + jdoe + "@" + ctx, "assign student " + jdoe + "@" + ctx),
                lms.journal);
    }

    @Test
    void delUnenrolsAndSaysSoWhenThereIsNothingToRemove() throws Exception {
        String header = "cmd;cid;uid;rolename";
        assertEquals("user jdoe in course C1 is not enrolled manually: nothing to remove", line(header, "del;C1;jdoe;"));
        line(header, "add;C1;jdoe;student");
        assertEquals("unenrolled user jdoe in course C1", line(header, "delete;C1;jdoe;student"));
        assertTrue(lms.enrolled.isEmpty());
        assertTrue(lms.assignments.isEmpty());
    }

    @Test
    void disableAndEnableChangeTheStatusAndKeepTheTimesAndRoles() throws Exception {
        String header = "cmd;cid;uid;rolename;starttime";
        assertEquals("user jdoe in course C1 is not enrolled manually: nothing to disable", line(header, "disable;C1;jdoe;;"));
        assertEquals("user jdoe in course C1 is not enrolled manually: nothing to enable (cmd add enrols)",
                failure(header, "enable;C1;jdoe;;"));
        line(header, "add;C1;jdoe;student;2025-01-01");
        lms.journal.clear();
        assertEquals("suspended the enrolment of user jdoe in course C1", line(header, "disable;C1;jdoe;;"));
        assertEquals("user jdoe in course C1 was suspended already", line(header, "disable;C1;jdoe;;"));
        assertEquals("reactivated the enrolment of user jdoe in course C1", line(header, "enable;C1;jdoe;;"));
        assertEquals(List.of("update " + c1 + " " + jdoe + " 1 1735689600 0", "update " + c1 + " " + jdoe
                + " 0 1735689600 0"), lms.journal);
        assertEquals(1, lms.assignments.size());
    }

    @Test
    void addReactivatesASuspendedEnrolment() throws Exception {
        line("cid;uid;rolename", "C1;jdoe;student");
        line("cmd;cid;uid;rolename", "disable;C1;jdoe;");
        assertEquals("user jdoe in course C1 was enrolled as student already; enrolment updated and reactivated",
                line("cid;uid;rolename", "C1;jdoe;student"));
        assertFalse(lms.enrolled.values().iterator().next().suspended());
    }

    @Test
    void groupCommands() throws Exception {
        String header = "cid;uid;rolename;gcmd;g1;g2";
        line(header, "C1;jdoe;student;gaddcreate;A;B");
        assertEquals("course C1 has no group C (gaddcreate would create it)", failure(header, "C1;jdoe;student;gadd;A;C"));
        lms.journal.clear();
        assertEquals("user jdoe in course C1 was enrolled as student already, created group C, removed from group A, "
                + "in group B already, added to group C", line(header, "C1;jdoe;student;greplacecreate;B;C"));
        assertEquals(List.of("create group C", "leave A " + jdoe, "join C " + jdoe), lms.journal);
        assertEquals("user jdoe in course C1 was enrolled as student already, removed from group B, not in group A",
                line("cmd;cid;uid;rolename;gcmd;g1;g2", "add;C1;jdoe;student;gdel;B;A"));
        assertTrue(line("cmd;cid;uid;rolename;gcmd;g1", "add;C1;jdoe;student;greplace;").endsWith("removed from group C"));
        assertEquals("The line names groups (A) but no gcmd: say gadd, gaddcreate, greplace, greplacecreate, gdel",
                failure(header, "C1;jdoe;student;;A;"));
        assertEquals("gcmd gadd needs the user enrolled, and cmd del unenrols them",
                failure("cmd;cid;uid;rolename;gcmd;g1", "del;C1;jdoe;;gadd;A"));
    }

    @Test
    void badLinesFailNamingTheCause() throws Exception {
        String header = "cmd;cid;uid;rolename";
        assertEquals("user username=nobody not exists", failure(header, "add;C1;nobody;student"));
        assertEquals("course shortname=C9 not exists", failure(header, "add;C9;jdoe;student"));
        assertEquals("role shortname=professor not exists", failure(header, "add;C1;jdoe;professor"));
        assertEquals("No rolename: cmd add needs a role", failure(header, "add;C1;jdoe;"));
        assertEquals("No uid", failure(header, "add;C1;;student"));
        assertEquals("No cid", failure(header, "add;;jdoe;student"));
        assertTrue(failure(header, "enrol;C1;jdoe;student").startsWith("Unknown cmd 'enrol'"));
        lms.user("jdoe2", "U0002", "JDOE@example.org");
        lms.setting("enrols", "useridentifier", "email");
        assertEquals("user email=jdoe@example.org matches more than one record",
                failure(header, "add;C1;jdoe@example.org;student"));
        lms.withoutManualInstance.add(c1);
        lms.setting("enrols", "useridentifier", "username");
        assertTrue(failure(header, "add;C1;jdoe;student").startsWith("no manual instance"));
        assertTrue(lms.journal.isEmpty());
    }
}
