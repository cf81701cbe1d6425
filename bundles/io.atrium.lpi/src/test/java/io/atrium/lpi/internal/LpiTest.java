package io.atrium.lpi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.atrium.lms.api.Context;
import io.atrium.lms.api.ContextLevel;
import io.atrium.lms.api.Contexts;
import io.atrium.lms.api.Courses;
import io.atrium.lms.api.EventLog;
import io.atrium.lms.api.Files;
import io.atrium.lms.api.LmsEvent;
import io.atrium.lms.api.StoredFile;
import io.atrium.lpi.api.Choice;
import io.atrium.lpi.api.DocumentContent;
import io.atrium.lpi.api.LicenceRecord;
import io.atrium.lpi.api.Page;
import io.atrium.lpi.api.State;
import io.atrium.ws.api.WsException;

/** The state machine and the hide job on an in-memory H2, with a clock the test moves. */
class LpiTest {

    private static final long COURSE = 5;
    private static final long CM = 9;
    private static final long DAY = 86400;

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        Instant now = Instant.ofEpochSecond(1_700_000_000L);

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void plus(long seconds) {
            now = now.plusSeconds(seconds);
        }
    }

    private final MovableClock clock = new MovableClock();
    private final List<LmsEvent.Builder> events = new ArrayList<>();
    private final Map<Long, Integer> visible = new HashMap<>();
    private final Map<Long, StoredFile> fileStore = new HashMap<>();
    private Lpi lpi;

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, java.lang.reflect.InvocationHandler h) {
        return (T) Proxy.newProxyInstance(LpiTest.class.getClassLoader(), new Class<?>[] { type }, h);
    }

    @BeforeEach
    void setUp() throws Exception {
        Context system = new Context(1, ContextLevel.SYSTEM, 0, "/1", 1);
        Context course = new Context(20, ContextLevel.COURSE, COURSE, "/1/3/20", 3);
        Context module = new Context(30, ContextLevel.MODULE, CM, "/1/3/20/30", 4);
        Context other = new Context(40, ContextLevel.MODULE, 99, "/1/3/41/40", 4);
        Map<Long, Context> byId = Map.of(1L, system, 20L, course, 30L, module, 40L, other);
        Contexts contexts = proxy(Contexts.class, (p, m, a) -> switch (m.getName()) {
            case "system" -> system;
            case "byId" -> Optional.ofNullable(byId.get((Long) a[0]));
            case "of" -> a[0] == ContextLevel.COURSE && (Long) a[1] == COURSE ? Optional.of(course) : Optional.empty();
            default -> throw new UnsupportedOperationException(m.getName());
        });
        Files files = proxy(Files.class, (p, m, a) -> switch (m.getName()) {
            case "byId" -> Optional.ofNullable(fileStore.get((Long) a[0]));
            default -> throw new UnsupportedOperationException(m.getName());
        });
        Courses courses = proxy(Courses.class, (p, m, a) -> {
            if (!m.getName().equals("updateModule")) {
                throw new UnsupportedOperationException(m.getName());
            }
            visible.put((Long) a[0], (Integer) ((Map<?, ?>) a[1]).get("visible"));
            return null;
        });
        EventLog log = proxy(EventLog.class, (p, m, a) -> {
            events.add((LmsEvent.Builder) a[0]);
            return null;
        });
        file(100, 30);
        file(101, 30);
        file(102, 20);
        file(103, 40);
        lpi = new Lpi(new H2Store(), files, contexts, courses, log, clock);
    }

    private void file(long id, long contextid) {
        fileStore.put(id, new StoredFile(id, "h" + id, contextid, "mod_resource", "content", 0, "/", "f" + id + ".pdf",
                2L, 10, "application/pdf", null, null, 0, 0));
    }

    private static Classification choice(int n, String title, String author) {
        return new Classification(Choice.of(n), title, author, null, null, null, 0, 0, 0, false, null, null, 0, null);
    }

    private List<String> eventNames() {
        return events.stream().map(LmsEvent.Builder::eventname).toList();
    }

    @Test
    void aFileOutsideTheCourseIsRefused() {
        WsException e = assertThrows(WsException.class, () -> lpi.track(COURSE, 103, 2));
        assertEquals("error_filenotfound", e.errorcode());
        assertEquals("local_lpi\\exception\\file_not_found", e.exceptionClass());
        assertThrows(WsException.class, () -> lpi.track(COURSE, 555, 2));
    }

    @Test
    void choicesLeadToTheirStates() throws Exception {
        assertEquals(State.OK, lpi.classify(COURSE, 100, choice(3, "t", "a"), 2).state());
        assertEquals(State.LOE10, lpi.classify(COURSE, 101, choice(6, "t", "a"), 2).state());
        LicenceRecord r = lpi.classify(COURSE, 102, choice(7, "t", "a"), 2);
        assertEquals(State.GT10, r.state());
        assertNull(r.cmid());
        assertEquals(List.of("\\local_lpi\\event\\file_tracked", "\\local_lpi\\event\\file_classified",
                "\\local_lpi\\event\\file_tracked", "\\local_lpi\\event\\file_classified",
                "\\local_lpi\\event\\file_tracked", "\\local_lpi\\event\\file_classified"), eventNames());
    }

    @Test
    void authorisingOutsideTheQueueIsRefusedWithTheOriginalsError() throws Exception {
        LicenceRecord r = lpi.classify(COURSE, 100, choice(0, null, null), 2);
        WsException e = assertThrows(WsException.class,
                () -> lpi.authorize(r.id(), true, DocumentContent.PUBLIC_DOMAIN, 0, null, 2));
        assertEquals("local_lpi\\exception\\not_supported_state_exception", e.exceptionClass());
        assertEquals("error_notsupportedstate", e.errorcode());
        assertEquals("Cannot set state ok to metadata " + r.id(), e.getMessage());
        WsException f = assertThrows(WsException.class,
                () -> lpi.authorize(r.id(), false, DocumentContent.OTHER, 0, "no", 2));
        assertEquals("Cannot set state forbidden to metadata " + r.id(), f.getMessage());
        assertEquals("error_filenotfound", assertThrows(WsException.class,
                () -> lpi.authorize(4242, true, DocumentContent.OTHER, 1, null, 2)).errorcode());
    }

    @Test
    void theHideJobHidesUnclassifiedAndQueuedFilesAfterTheDelayAndAnAuthorisationShowsThemAgain() throws Exception {
        LicenceRecord queued = lpi.classify(COURSE, 100, choice(7, "Book", "Author"), 2);
        clock.plus(DAY - 1);
        assertEquals(0, lpi.hideExpired(DAY));
        assertTrue(visible.isEmpty());
        clock.plus(1);
        assertEquals(1, lpi.hideExpired(DAY));
        assertEquals(0, visible.get(CM));
        assertTrue(lpi.get(queued.id()).orElseThrow().hidden());
        assertEquals(0, lpi.hideExpired(DAY), "hidden once");

        events.clear();
        LicenceRecord ok = lpi.authorize(queued.id(), true, DocumentContent.HAVE_LICENSE, clock.now.getEpochSecond()
                + 10 * DAY, null, 3);
        assertEquals(State.OK, ok.state());
        assertFalse(ok.hidden());
        assertEquals(1, visible.get(CM));
        assertEquals(List.of("\\local_lpi\\event\\file_authorized", "\\local_lpi\\event\\module_unhidden"),
                eventNames());

        // the licence ends: hidden again
        clock.plus(10 * DAY);
        assertEquals(1, lpi.hideExpired(DAY));
        assertEquals(0, visible.get(CM));
    }

    @Test
    void anUnclassifiedFileIsHiddenAndItsClassificationPublishesIt() throws Exception {
        LicenceRecord r = lpi.track(COURSE, 101, 2);
        clock.plus(DAY);
        lpi.track(COURSE, 102, 2); // a file of the course itself: no module to hide
        clock.plus(DAY);
        assertEquals(1, lpi.hideExpired(DAY));
        assertEquals(0, visible.get(CM));
        LicenceRecord published = lpi.classify(COURSE, 101, choice(6, "t", "a"), 2);
        assertEquals(State.LOE10, published.state());
        assertEquals(1, visible.get(CM));
        assertEquals(r.id(), published.id());
    }

    @Test
    void aForbiddenFileIsHiddenAndCannotBeReclassified() throws Exception {
        LicenceRecord r = lpi.classify(COURSE, 100, choice(7, "t", "a"), 2);
        LicenceRecord denied = lpi.authorize(r.id(), false, DocumentContent.OTHER, 0, "too long", 3);
        assertEquals(State.FORBIDDEN, denied.state());
        assertEquals("too long", denied.denyreason());
        assertTrue(denied.hidden());
        assertEquals(0, visible.get(CM));
        WsException e = assertThrows(WsException.class, () -> lpi.classify(COURSE, 100, choice(0, null, null), 2));
        assertEquals("Cannot set state ok to metadata " + r.id(), e.getMessage());
    }

    @Test
    void pendingFilesArePagedWithTheTotalAndSearched() throws Exception {
        lpi.classify(COURSE, 100, choice(7, "Quantum Mechanics", "Dirac"), 2);
        lpi.classify(COURSE, 101, choice(7, "Relativity", "Einstein"), 2);
        lpi.classify(COURSE, 102, new Classification(Choice.of(7), "Essays", "Various", null, null, null, 0, 3, 9, true,
                "On 50% of things", "Dirac", 0, null), 2);
        Page<LicenceRecord> first = lpi.pending(0, 2, "");
        assertEquals(3, first.total());
        assertEquals(2, first.items().size());
        Page<LicenceRecord> second = lpi.pending(1, 2, null);
        assertEquals(3, second.total());
        assertEquals(1, second.items().size());
        assertEquals(3, lpi.pending(0, 0, "").items().size());
        Page<LicenceRecord> dirac = lpi.pending(0, 10, "dirac");
        assertEquals(2, dirac.total());
        assertEquals(1, lpi.pending(0, 10, "50%").total());
        assertEquals(0, lpi.pending(0, 10, "_x").total());
        assertEquals(3, lpi.processed(0, 10).total());
        assertEquals(State.GT10, lpi.queued(first.items().get(0).id()).state());
    }
}
