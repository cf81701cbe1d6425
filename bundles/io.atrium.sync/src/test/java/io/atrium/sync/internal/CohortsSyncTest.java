package io.atrium.sync.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atrium.lms.api.Cohort;
import io.atrium.sync.internal.CohortsSync.Command;

class CohortsSyncTest {

    private FakeLms lms;
    private CohortsSync sync;
    private long u1;
    private long u2;

    @BeforeEach
    void setUp() {
        lms = new FakeLms();
        sync = new CohortsSync(lms.domain());
        u1 = lms.user("alice", "U0001", "alice@example.org");
        u2 = lms.user("bob", "U0002", "bob@example.org");
    }

    private String line(String header, String values) throws Processor.LineFailure {
        Processor.Columns columns = new Processor.Columns(Arrays.asList(header.split(";", -1)));
        String problem = sync.checkHeader(columns);
        if (problem != null) {
            throw new AssertionError(problem);
        }
        return sync.line(new CsvTable.Row(2, Arrays.asList(values.split(";", -1))), columns, 2);
    }

    private String failure(String header, String values) {
        return assertThrows(Processor.LineFailure.class, () -> line(header, values)).getMessage();
    }

    private Cohort only() {
        assertEquals(1, lms.cohortsById.size());
        return lms.cohortsById.values().iterator().next();
    }

    @Test
    void commands() {
        assertEquals(Command.ADD, Command.parse(""));
        assertEquals(Command.ADD, Command.parse("add"));
        assertEquals(Command.DEL, Command.parse("del"));
        assertEquals(Command.FREE, Command.parse("FREE"));
        assertEquals("Unknown cmd 'purge'; the commands are add, del, free",
                assertThrows(IllegalArgumentException.class, () -> Command.parse("purge")).getMessage());
    }

    @Test
    void theKeyColumnFollowsTheCohortIdentifierAndTheHeaderMustHaveIt() throws Exception {
        assertEquals("cidnumber", CohortsSync.keyColumn("idnumber"));
        assertEquals("cid", CohortsSync.keyColumn("id"));
        assertEquals("cname", CohortsSync.keyColumn("name"));
        Processor.Columns named = new Processor.Columns(List.of("cmd", "cname", "userid"));
        assertEquals("Cohorts are identified by idnumber (cohorts_cohortidentifier) but the file has no cidnumber "
                + "column; nothing was processed", sync.checkHeader(named));
        lms.setting("cohorts", "cohortidentifier", "name");
        assertNull(sync.checkHeader(named));
        assertTrue(sync.required().isEmpty());
    }

    @Test
    void addCreatesTheCohortWhenAllowedAndAddsTheMember() throws Exception {
        // The example of the original's documentation, with its default settings but users by username.
        lms.setting("cohorts", "useridentifier", "idnumber");
        String header = "cmd;cname;userid;cdescription;cidnumber";
        assertEquals("created cohort idnumber=COH001 (id " + (u2 + 1) + "), added user idnumber=U0001 to cohort "
                + "idnumber=COH001",
                line(header, "add;COHORT1;U0001;Teacher Cohort 1;COH001"));
        Cohort c = only();
        assertEquals("COHORT1", c.name());
        assertEquals("COH001", c.idnumber());
        assertEquals("Teacher Cohort 1", c.description());
        assertEquals(FakeLms.SYSTEM.id(), c.contextId());
        assertEquals("user idnumber=U0001 was a member of cohort idnumber=COH001 already",
                line(header, "add;COHORT1;U0001;Teacher Cohort 1;COH001"));
        assertEquals("added user idnumber=U0002 to cohort idnumber=COH001", line(header, ";COHORT1;U0002;;COH001"));
        assertEquals(Set.of(u1, u2), lms.cohortMembers.get(c.id()));
        assertEquals("cohort idnumber=COH001 exists; no userid: nothing to do", line(header, "add;COHORT1;;;COH001"));
    }

    @Test
    void creationFollowsTheSettingsAndTheCategoryColumns() throws Exception {
        long cat = lms.category("CAT-A");
        lms.setting("cohorts", "useridentifier", "username");
        assertTrue(line("cidnumber;ccatcontext", "K1;" + cat).startsWith("created cohort idnumber=K1"));
        assertEquals(FakeLms.categoryContext(cat).id(), lms.cohortsById.get(lms.cohortsById.keySet().iterator().next())
                .contextId());
        assertTrue(line("cidnumber;ccatcontextidnumber;cname", "K2;CAT-A;Second").startsWith("created"));
        assertEquals("Invalid parameter value detected: category not exists: category idnumber = CAT-Z",
                failure("cidnumber;ccatcontextidnumber", "K3;CAT-Z"));
        assertEquals("no cohort idnumber=K2b, and it cannot be created: a cohort named Second exists already",
                failure("cidnumber;cname", "K2b;Second"));
        lms.setting("cohorts", "autocreate", "0");
        assertEquals("no cohort idnumber=K4, and cohorts_autocreate is off", failure("cidnumber;userid", "K4;alice"));
        lms.setting("cohorts", "autocreate", "1");
        lms.setting("cohorts", "cohortidentifier", "id");
        assertEquals("no cohort id=999 (a cohort cannot be created with a given id)", failure("cid;userid", "999;alice"));
        lms.setting("cohorts", "cohortidentifier", "name");
        assertTrue(line("cname;cidnumber;userid", "By name;K5;bob").startsWith("created cohort name=By name"));
        assertEquals(3, lms.cohortsById.size());
    }

    @Test
    void delRemovesAMemberOrTheWholeCohortAndFreeEmptiesIt() throws Exception {
        lms.setting("cohorts", "useridentifier", "username");
        String header = "cmd;cidnumber;userid";
        line(header, "add;K1;alice");
        line(header, "add;K1;bob");
        long k1 = only().id();
        assertEquals("removed user username=alice from cohort idnumber=K1", line(header, "del;K1;alice"));
        assertEquals("user username=alice was not a member of cohort idnumber=K1", line(header, "del;K1;alice"));
        assertEquals("removed 1 member(s) from cohort idnumber=K1", line(header, "free;K1;"));
        assertEquals(Set.of(), lms.cohortMembers.get(k1));
        line(header, "add;K1;alice");
        lms.journal.clear();
        assertEquals("deleted cohort idnumber=K1 (id " + k1 + ", 1 member(s))", line(header, "del;K1;"));
        assertEquals(List.of("delete cohort " + k1), lms.journal);
        assertEquals("no cohort idnumber=K1: nothing to delete", line(header, "del;K1;"));
        assertEquals("no cohort idnumber=K1: nothing to free", line(header, "free;K1;"));
    }

    @Test
    void badLinesFailNamingTheCause() throws Exception {
        lms.setting("cohorts", "useridentifier", "username");
        assertEquals("No cidnumber: cohorts are identified by idnumber (cohorts_cohortidentifier)",
                failure("cmd;cidnumber;userid", "add;;alice"));
        assertEquals("user username=carol not exists", failure("cmd;cidnumber;userid", "add;K1;carol"));
        assertTrue(failure("cmd;cidnumber;userid", "join;K1;alice").startsWith("Unknown cmd 'join'"));
        lms.setting("cohorts", "cohortidentifier", "name");
        line("cname;cidnumber", "Twin;T1");
        lms.cohorts.create(FakeLms.SYSTEM, java.util.Map.of("name", "Twin", "idnumber", "T2"), 2);
        assertEquals("cohort name=Twin matches more than one record", failure("cname;userid", "Twin;alice"));
    }
}
