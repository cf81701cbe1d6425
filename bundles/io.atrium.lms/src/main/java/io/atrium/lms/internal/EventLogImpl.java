package io.atrium.lms.internal;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.reflect.TypeToken;

import io.atrium.lms.api.EventLog;
import io.atrium.lms.api.LmsEvent;
import io.atrium.store.api.Db;
import io.atrium.store.api.RowMapper;
import io.atrium.store.api.Schema;
import io.atrium.store.api.Store;

/** The standard log table, posted to EventAdmin after commit, read by cursor. */
@Component
public final class EventLogImpl implements EventLog {

    /** A gap in the ids younger than this may still be a transaction in flight. */
    static final long GAP_SECONDS = 5;

    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();
    private static final Type OTHER = new TypeToken<LinkedHashMap<String, Object>>() { }.getType();

    private static final RowMapper<LmsEvent> ROW = rs -> new LmsEvent(rs.getLong("id"), rs.getString("eventname"),
            rs.getString("component"), rs.getString("action"), rs.getString("target"), rs.getString("objecttable"),
            Rows.longOrNull(rs, "objectid"), rs.getString("crud"), rs.getInt("edulevel"), rs.getLong("contextid"),
            rs.getInt("contextlevel"), rs.getLong("contextinstanceid"), rs.getLong("userid"), rs.getLong("courseid"),
            Rows.longOrNull(rs, "relateduserid"), rs.getInt("anonymous"), other(rs.getString("other")),
            rs.getLong("timecreated"));

    private final Store store;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    @Activate
    public EventLogImpl(@Reference Store store,
            @Reference(target = "(" + Schema.BUNDLE + "=io.atrium.lms)") Schema schema) {
        this.store = store;
    }

    @Override
    public LmsEvent append(LmsEvent.Builder builder) {
        return store.inTransaction(false, db -> append(db, builder));
    }

    private LmsEvent append(Db db, LmsEvent.Builder builder) {
        LmsEvent e = builder.build(0, Rows.now());
        Map<String, Object> row = new LinkedHashMap<>(e.data());
        row.put("other", e.other() == null ? null : GSON.toJson(e.other()));
        row.put("origin", "ws");
        long id = db.insert("mdl_logstore_standard_log", row);
        LmsEvent stored = new LmsEvent(id, e.eventname(), e.component(), e.action(), e.target(), e.objecttable(),
                e.objectid(), e.crud(), e.edulevel(), e.contextid(), e.contextlevel(), e.contextinstanceid(),
                e.userid(), e.courseid(), e.relateduserid(), e.anonymous(), e.other(), e.timecreated());
        db.afterCommit(() -> post(stored));
        return stored;
    }

    private void post(LmsEvent e) {
        EventAdmin admin = eventAdmin;
        if (admin == null) {
            return;
        }
        Map<String, Object> props = new HashMap<>();
        e.data().forEach((k, v) -> {
            if (v != null) {
                props.put(k, v);
            }
        });
        props.put(ID, e.id());
        admin.postEvent(new Event(topic(e.eventname()), props));
    }

    static String topic(String eventname) {
        return TOPIC_PREFIX + eventname.substring(1).replace('\\', '/');
    }

    @Override
    public List<LmsEvent> read(String consumer, int max) {
        return store.inTransaction(true, db -> {
            long cursor = cursor(db, consumer);
            List<LmsEvent> rows = db.list("SELECT * FROM mdl_logstore_standard_log WHERE id > ? ORDER BY id LIMIT ?",
                    ROW, cursor, Math.max(1, max));
            List<LmsEvent> ready = new ArrayList<>();
            long expected = cursor + 1;
            long now = Rows.now();
            for (LmsEvent e : rows) {
                if (e.id() != expected && now - e.timecreated() < GAP_SECONDS) {
                    break; // an earlier id may still commit
                }
                ready.add(e);
                expected = e.id() + 1;
            }
            return ready;
        });
    }

    @Override
    public void acknowledge(String consumer, long lastId) {
        store.inTransaction(false, db -> {
            int moved = db.update("UPDATE atrium_event_cursor SET lastid = ?, timemodified = ? "
                    + "WHERE consumer = ? AND lastid < ?", lastId, Rows.now(), consumer, lastId);
            if (moved == 0 && db.number("SELECT COUNT(*) FROM atrium_event_cursor WHERE consumer = ?", consumer) == 0) {
                db.update("INSERT INTO atrium_event_cursor (consumer, lastid, timemodified) VALUES (?, ?, ?)",
                        consumer, lastId, Rows.now());
            }
            return null;
        });
    }

    @Override
    public long cursor(String consumer) {
        return store.inTransaction(true, db -> cursor(db, consumer));
    }

    private static long cursor(Db db, String consumer) {
        return db.number("SELECT lastid FROM atrium_event_cursor WHERE consumer = ?", consumer);
    }

    private static Map<String, Object> other(String json) {
        return json == null || json.isEmpty() ? null : GSON.fromJson(json, OTHER);
    }
}
