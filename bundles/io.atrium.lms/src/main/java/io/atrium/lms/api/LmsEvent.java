package io.atrium.lms.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One event of the log, with Moodle's 17 standard fields in Moodle's order, and the id the log
 * gave it (ascending in commit order for readers that keep a cursor).
 *
 * @param eventname         {@code \core\event&#92;user_created}
 * @param component         {@code core}
 * @param action            {@code created}
 * @param target            {@code user}
 * @param objecttable       the table of {@code objectid}, {@code user}
 * @param objectid          the id of the object the event is about, or {@code null}
 * @param crud              {@code c}, {@code r}, {@code u} or {@code d}
 * @param edulevel          0 other, 1 teaching, 2 participating
 * @param contextid         the context the event happened in
 * @param contextlevel      its level number
 * @param contextinstanceid the instance of that context
 * @param userid            who did it; 0 nobody logged in, -1 the system
 * @param courseid          the course, 0 above course level
 * @param relateduserid     the user it happened to, or {@code null}
 * @param anonymous         0 or 1
 * @param other             more data, JSON-compatible, or {@code null}
 * @param timecreated       Unix seconds
 */
public record LmsEvent(long id, String eventname, String component, String action, String target,
        String objecttable, Long objectid, String crud, int edulevel, long contextid, int contextlevel,
        long contextinstanceid, long userid, long courseid, Long relateduserid, int anonymous,
        Map<String, Object> other, long timecreated) {

    /** The standard fields as Moodle's {@code get_data()} returns them, in order. */
    public Map<String, Object> data() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("eventname", eventname);
        d.put("component", component);
        d.put("action", action);
        d.put("target", target);
        d.put("objecttable", objecttable);
        d.put("objectid", objectid);
        d.put("crud", crud);
        d.put("edulevel", edulevel);
        d.put("contextid", contextid);
        d.put("contextlevel", contextlevel);
        d.put("contextinstanceid", contextinstanceid);
        d.put("userid", userid);
        d.put("courseid", courseid);
        d.put("relateduserid", relateduserid);
        d.put("anonymous", anonymous);
        d.put("other", other);
        d.put("timecreated", timecreated);
        return d;
    }

    /** Starts an event: {@code LmsEvent.named("\\core\\event\&#92;user_created")}. */
    public static Builder named(String eventname) {
        return new Builder(eventname);
    }

    /** An event being described; {@link EventLog#append} completes and stores it. */
    public static final class Builder {
        final String eventname;
        String crud = "r";
        int edulevel;
        String objecttable;
        Long objectid;
        Context context;
        Long userid;
        long courseid;
        Long relateduserid;
        Map<String, Object> other;

        Builder(String eventname) {
            if (!eventname.matches("\\\\[a-z0-9_]+\\\\event\\\\[a-z0-9_]+_[a-z0-9]+")) {
                throw new IllegalArgumentException("not a Moodle event name: " + eventname);
            }
            this.eventname = eventname;
        }

        /** {@code c}, {@code r}, {@code u} or {@code d}. */
        public Builder crud(String crud) {
            if (!crud.matches("[crud]")) {
                throw new IllegalArgumentException("crud is one of c, r, u, d");
            }
            this.crud = crud;
            return this;
        }

        public Builder edulevel(int edulevel) {
            this.edulevel = edulevel;
            return this;
        }

        public Builder object(String table, long id) {
            this.objecttable = table;
            this.objectid = id;
            return this;
        }

        public Builder context(Context context) {
            this.context = Objects.requireNonNull(context);
            return this;
        }

        /** Who did it; {@link Access#SYSTEM_ACTOR} for the system. */
        public Builder user(long userid) {
            this.userid = userid;
            return this;
        }

        public Builder course(long courseid) {
            this.courseid = courseid;
            return this;
        }

        public Builder relatedUser(long relateduserid) {
            this.relateduserid = relateduserid;
            return this;
        }

        public Builder other(Map<String, Object> other) {
            this.other = other == null ? null : new LinkedHashMap<>(other);
            return this;
        }

        public String eventname() {
            return eventname;
        }

        /** The event with everything but its id and time; for the log's implementation. */
        public LmsEvent build(long id, long timecreated) {
            if (context == null) {
                throw new IllegalStateException(eventname + " needs a context");
            }
            String[] parts = eventname.substring(1).split("\\\\");
            String name = parts[2];
            int cut = name.lastIndexOf('_');
            long courseOf = courseid != 0 ? courseid
                    : context.level() == ContextLevel.COURSE ? context.instanceId() : 0;
            return new LmsEvent(id, eventname, parts[0], name.substring(cut + 1), name.substring(0, cut),
                    objecttable, objectid, crud, edulevel, context.id(), context.level().level(),
                    context.instanceId(), userid == null ? Access.SYSTEM_ACTOR : userid, courseOf, relateduserid,
                    0, other, timecreated);
        }
    }
}
