package io.atrium.sync.internal;

import static io.atrium.ws.api.Descriptors.key;
import static io.atrium.ws.api.Descriptors.multiple;
import static io.atrium.ws.api.Descriptors.single;
import static io.atrium.ws.api.Descriptors.value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atrium.lms.api.Access;
import io.atrium.lms.api.Context;
import io.atrium.lms.api.ContextLevel;
import io.atrium.lms.api.Contexts;
import io.atrium.lms.api.Course;
import io.atrium.lms.api.Enrolments;
import io.atrium.lms.api.IdentifierException;
import io.atrium.lms.api.Identifiers;
import io.atrium.lms.api.RoleAssignment;
import io.atrium.lms.api.Roles;
import io.atrium.ws.api.Descriptors;
import io.atrium.ws.api.FunctionSpec;
import io.atrium.ws.api.FunctionType;
import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.Params;
import io.atrium.ws.api.SingleStructure;
import io.atrium.ws.api.WsCall;
import io.atrium.ws.api.WsException;
import io.atrium.ws.api.WsFunction;
import io.atrium.ws.api.WsFunctionName;

/**
 * tool_sync's enrolment functions: enrol and unenrol users by any identifier, with the
 * original's names, parameters and returns. The original declares no capability and hands the
 * work to {@code enrol_manual}'s functions, which check theirs in the course; here the same
 * checks are made before anything is written: {@code enrol/manual:enrol} (to enrol) or
 * {@code enrol/manual:unenrol} (to unenrol) in the course context, and, for a role, that the
 * caller may assign it there ({@code moodle/role:assign} and the role-assignment rules), so that
 * nobody gives a role they could not give by hand. Site administrators pass every check.
 * Only the manual enrolment method is available.
 */
final class EnrolFunctions {

    private static final Logger LOG = LoggerFactory.getLogger(EnrolFunctions.class);

    static final List<String> ROLE_SOURCES = List.of("id", "shortname");
    static final List<String> COURSE_SOURCES = List.of("id", "shortname", "idnumber");
    static final List<String> USER_SOURCES = List.of("id", "username", "idnumber", "email");
    static final String MANUAL = "manual";

    static final String ENROL = "enrol/manual:enrol";
    static final String UNENROL = "enrol/manual:unenrol";

    private EnrolFunctions() {
    }

    private static final Descriptors.Key[] ENROL_KEYS = {
            key("roleidsource", value(ParamType.TEXT, "The source for role identification: id or shortname")),
            key("roleid", value(ParamType.TEXT, "The role id")),
            key("useridsource", value(ParamType.TEXT,
                    "The source for user identification: id, username, idnumber or email")),
            key("userid", value(ParamType.TEXT, "The user id")),
            key("courseidsource", value(ParamType.TEXT,
                    "The source for course identification: id, shortname or idnumber")),
            key("courseid", value(ParamType.TEXT, "The course identifier")),
            key("method", value(ParamType.TEXT, "The enrol method (manual)").withDefault(MANUAL)),
            key("timestart", value(ParamType.INT, "Time start of the enrol period").withDefault(0L)),
            key("timeend", value(ParamType.INT, "Time end of the enrol period").withDefault(0L)),
            key("suspend", value(ParamType.INT, "Suspension").withDefault(0L)) };

    private static final Descriptors.Key[] UNENROL_KEYS = {
            key("useridsource", value(ParamType.TEXT,
                    "The source for user identification: id, username, idnumber or email")),
            key("userid", value(ParamType.TEXT, "The user id")),
            key("courseidsource", value(ParamType.TEXT,
                    "The source for course identification: id, shortname or idnumber")),
            key("courseid", value(ParamType.TEXT, "The course identifier")),
            key("roleidsource", value(ParamType.TEXT,
                    "The source for role identification: id or shortname; empty to unenrol").withDefault("")),
            key("roleid", value(ParamType.TEXT, "The role id; empty to unenrol").withDefault("")),
            key("method", value(ParamType.TEXT, "The enrol method (manual)").withDefault(MANUAL)) };

    private static FunctionSpec.Builder enrolSpec(String description) {
        return FunctionSpec.builder().description(description).type(FunctionType.WRITE)
                .services(SyncFunctions.SERVICE);
    }

    // ---- checking what a call asks, before anything is looked up ----

    /** An identifier source, or {@code invalidparameter} naming the allowed ones. */
    static String source(String parameter, String value, List<String> allowed) throws WsException {
        String v = value == null ? "" : value.strip();
        if (!allowed.contains(v)) {
            throw WsException.invalidParameter("Invalid " + parameter + " '" + (value == null ? "" : value)
                    + "'; allowed values: " + String.join(", ", allowed));
        }
        return v;
    }

    /** The enrol method: manual only. */
    static void method(String value) throws WsException {
        String v = value == null ? "" : value.strip();
        if (!v.isEmpty() && !v.equals(MANUAL)) {
            throw WsException.invalidParameter("Invalid method '" + value + "': the enrol method " + v
                    + " is not available here; allowed values: " + MANUAL);
        }
    }

    private static String text(Params p, String key) {
        String v = p.getString(key);
        return v == null ? "" : v.strip();
    }

    private static long number(Params p, String key) {
        Long v = p.getLong(key);
        return v == null ? 0 : v;
    }

    /** An enrolment asked for, its sources and times checked. */
    record EnrolRequest(String roleSource, String role, String userSource, String user, String courseSource,
            String course, long timestart, long timeend, boolean suspend) {
    }

    static EnrolRequest enrolRequest(Params p) throws WsException {
        String roleSource = source("roleidsource", p.getString("roleidsource"), ROLE_SOURCES);
        String userSource = source("useridsource", p.getString("useridsource"), USER_SOURCES);
        String courseSource = source("courseidsource", p.getString("courseidsource"), COURSE_SOURCES);
        method(p.getString("method"));
        long timestart = number(p, "timestart");
        long timeend = number(p, "timeend");
        if (timestart < 0 || timeend < 0) {
            throw WsException.invalidParameter("timestart and timeend are Unix seconds, 0 for none; not negative");
        }
        if (timeend != 0 && timeend < timestart) {
            throw WsException.invalidParameter("timeend " + timeend + " is before timestart " + timestart);
        }
        return new EnrolRequest(roleSource, text(p, "roleid"), userSource, text(p, "userid"), courseSource,
                text(p, "courseid"), timestart, timeend, number(p, "suspend") != 0);
    }

    /** An unenrolment asked for; without a role ({@code roleSource} null) the user is unenrolled. */
    record UnenrolRequest(String userSource, String user, String courseSource, String course, String roleSource,
            String role) {
    }

    static UnenrolRequest unenrolRequest(Params p) throws WsException {
        String userSource = source("useridsource", p.getString("useridsource"), USER_SOURCES);
        String courseSource = source("courseidsource", p.getString("courseidsource"), COURSE_SOURCES);
        method(p.getString("method"));
        String roleSource = text(p, "roleidsource");
        String role = text(p, "roleid");
        if (roleSource.isEmpty() != role.isEmpty()) {
            throw WsException.invalidParameter("roleidsource and roleid go together: give both to unassign a role, "
                    + "neither to unenrol");
        }
        return new UnenrolRequest(userSource, text(p, "userid"), courseSource, text(p, "courseid"),
                roleSource.isEmpty() ? null : source("roleidsource", roleSource, ROLE_SOURCES), role);
    }

    // ---- the lookups and checks, then the change ----

    /** A change whose checks have all passed. */
    @FunctionalInterface
    interface Change {
        void apply() throws WsException;
    }

    /** The domain services the functions use, and what they do with them; one component the four functions share. */
    @Component(service = Operations.class)
    public static final class Operations {
        private final Identifiers identifiers;
        private final Enrolments enrolments;
        private final Roles roles;
        private final Contexts contexts;
        private final Access access;

        @Activate
        public Operations(@Reference Identifiers identifiers, @Reference Enrolments enrolments, @Reference Roles roles,
                @Reference Contexts contexts, @Reference Access access) {
            this.identifiers = identifiers;
            this.enrolments = enrolments;
            this.roles = roles;
            this.contexts = contexts;
            this.access = access;
        }

        /**
         * Looks everything up and checks the caller's rights, writing nothing; the change it
         * returns then cannot fail on the request's account.
         */
        Change enrol(EnrolRequest r, long caller) throws WsException {
            long courseId = lookup(() -> identifiers.course(r.courseSource(), r.course()), "course");
            long userId = lookup(() -> identifiers.user(r.userSource(), r.user()), "user");
            long roleId = lookup(() -> identifiers.role(r.roleSource(), r.role()), "role");
            Context context = courseContext(courseId);
            access.require(caller, ENROL, context);
            requireAssignable(caller, context, roleId, userId, courseId);
            if (courseId == Course.SITE_ID) {
                throw WsException.invalidParameter("Users cannot be enrolled in the site course");
            }
            if (enrolments.manualInstance(courseId).isEmpty()) {
                throw noInstance(courseId);
            }
            return () -> enrolments.enrol(courseId, userId, roleId, r.timestart(), r.timeend(), r.suspend(), caller);
        }

        /** As {@link #enrol}: every check first, then a change. */
        Change unenrol(UnenrolRequest r, long caller) throws WsException {
            long courseId = lookup(() -> identifiers.course(r.courseSource(), r.course()), "course");
            long userId = lookup(() -> identifiers.user(r.userSource(), r.user()), "user");
            Context context = courseContext(courseId);
            access.require(caller, UNENROL, context);
            if (r.roleSource() != null) {
                long roleId = lookup(() -> identifiers.role(r.roleSource(), r.role()), "role");
                requireAssignable(caller, context, roleId, userId, courseId);
                // The role as a person or the manual enrolment gave it (another plugin's stays
                // its business); the enrolment stays.
                return () -> {
                    for (RoleAssignment a : roles.assignments(userId, context)) {
                        if (a.roleId() == roleId && (a.component().isEmpty() || a.component().equals("enrol_manual"))) {
                            roles.unassign(roleId, userId, context, a.component(), a.itemId(), caller);
                        }
                    }
                };
            }
            if (enrolments.manualEnrolment(courseId, userId).isEmpty()) {
                return () -> {
                }; // not enrolled manually: nothing to undo, as enrol_manual
            }
            return () -> enrolments.unenrol(courseId, userId, caller);
        }

        private Context courseContext(long courseId) throws WsException {
            return contexts.of(ContextLevel.COURSE, courseId)
                    .orElseThrow(() -> WsException.invalidRecord("context", "no context for course " + courseId));
        }

        private void requireAssignable(long caller, Context context, long roleId, long userId, long courseId)
                throws WsException {
            if (!roles.assignable(caller, context).contains(roleId)) {
                throw WsException.of("wsusercannotassign", "You don't have the permission to assign this role ("
                        + roleId + ") to this user (" + userId + ") in this course(" + courseId + ").");
            }
        }
    }

    @FunctionalInterface
    interface Lookup {
        long find() throws IdentifierException;
    }

    /** An identifier lookup; what it does not find is named in the error's message. */
    static long lookup(Lookup lookup, String table) throws WsException {
        try {
            return lookup.find();
        } catch (IdentifierException e) {
            throw error(e, table);
        }
    }

    /** The error for an identifier that names nothing, more than one thing, or is malformed. */
    static WsException error(IdentifierException e, String table) {
        return switch (e.code()) {
        case IdentifierException.NOT_FOUND -> new WsException("dml_missing_record_exception", "invalidrecord",
                "Can't find data record in database table " + table + ": " + e.getMessage() + ".", e.getMessage());
        case IdentifierException.AMBIGUOUS -> new WsException("dml_multiple_records_exception",
                "multiplerecordsfound", "Multiple records found, only one record expected: " + e.getMessage() + ".",
                e.getMessage());
        default -> WsException.invalidParameter(e.getMessage());
        };
    }

    static WsException noInstance(long courseId) {
        return WsException.of("wsnoinstance", "Manual enrolment plugin instance doesn't exist or is disabled for "
                + "the course (id = " + courseId + ")");
    }

    /**
     * Runs the items of a plural call: each is checked (looked up, rights) and then changed, in
     * order. An item whose checks fail has status false and has written nothing; the others go
     * on. A change that fails after its checks passed fails the whole call, which the pipeline's
     * transaction then undoes entirely.
     */
    static <R> List<Map<String, Object>> each(String function, List<R> requests, List<String> userids,
            Check<R> check) throws WsException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            Change change;
            try {
                change = check.check(requests.get(i));
            } catch (WsException e) {
                LOG.info("{}: item {} (userid {}) refused: {} {}", function, i, userids.get(i), e.errorcode(),
                        e.debuginfo() == null ? e.getMessage() : e.debuginfo());
                change = null;
            }
            if (change != null) {
                change.apply();
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("userid", userids.get(i));
            r.put("status", change != null);
            out.add(r);
        }
        return out;
    }

    @FunctionalInterface
    interface Check<R> {
        Change check(R request) throws WsException;
    }

    /** The items of a plural call, each checked for its form before any is looked up. */
    static <R> List<R> requests(List<Params> items, Parser<R> parser) throws WsException {
        List<R> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                out.add(parser.parse(items.get(i)));
            } catch (WsException e) {
                throw e.prefixed("enrols[" + i + "]");
            }
        }
        return out;
    }

    @FunctionalInterface
    interface Parser<R> {
        R parse(Params p) throws WsException;
    }

    private static final SingleStructure RESULTS_ITEM = single(
            key("userid", value(ParamType.TEXT, "The user id, as given")),
            key("status", value(ParamType.BOOL, "Whether it was done")));

    // ---- the functions ----

    @Component
    @WsFunctionName("tool_sync_enrol_user_enrol")
    public static final class UserEnrol implements WsFunction {
        private static final FunctionSpec SPEC = enrolSpec("Enrols a user in a course through its manual enrolment "
                + "instance, with a role, user, course and role each given by any of their identifiers. Needs "
                + ENROL + " in the course and the right to assign the role there.")
                .parameters(single(ENROL_KEYS)).returns(value(ParamType.BOOL, "Operation status")).build();

        private final Operations operations;

        @Activate
        public UserEnrol(@Reference Operations operations) {
            this.operations = operations;
        }

        @Override
        public FunctionSpec spec() {
            return SPEC;
        }

        @Override
        public Object execute(WsCall call) throws WsException {
            operations.enrol(enrolRequest(call.params()), call.caller().userId()).apply();
            return true;
        }
    }

    @Component
    @WsFunctionName("tool_sync_enrol_user_unenrol")
    public static final class UserUnenrol implements WsFunction {
        private static final FunctionSpec SPEC = enrolSpec("Unenrols a user from a course's manual enrolment (with "
                + "the roles and groups it gave), or with a role only removes that role, the user and course "
                + "given by any of their identifiers. Needs " + UNENROL + " in the course, and for a role the "
                + "right to assign it there.")
                .parameters(single(UNENROL_KEYS)).returns(value(ParamType.BOOL, "Success status")).build();

        private final Operations operations;

        @Activate
        public UserUnenrol(@Reference Operations operations) {
            this.operations = operations;
        }

        @Override
        public FunctionSpec spec() {
            return SPEC;
        }

        @Override
        public Object execute(WsCall call) throws WsException {
            operations.unenrol(unenrolRequest(call.params()), call.caller().userId()).apply();
            return true;
        }
    }

    @Component
    @WsFunctionName("tool_sync_enrol_users_enrol")
    public static final class UsersEnrol implements WsFunction {
        private static final FunctionSpec SPEC = enrolSpec("Enrols users as tool_sync_enrol_user_enrol does, each "
                + "on its own: one that cannot be enrolled (unknown user, course or role, missing rights) has "
                + "status false and the others go on. A malformed item (an unknown identifier source or "
                + "method) refuses the whole call.")
                .parameters(single(key("enrols", multiple(single(ENROL_KEYS)))))
                .returns(multiple(RESULTS_ITEM)).build();

        private final Operations operations;

        @Activate
        public UsersEnrol(@Reference Operations operations) {
            this.operations = operations;
        }

        @Override
        public FunctionSpec spec() {
            return SPEC;
        }

        @Override
        public Object execute(WsCall call) throws WsException {
            long caller = call.caller().userId();
            List<EnrolRequest> requests = requests(call.params().getParamsList("enrols"), EnrolFunctions::enrolRequest);
            return each("tool_sync_enrol_users_enrol", requests, requests.stream().map(EnrolRequest::user).toList(),
                    r -> operations.enrol(r, caller));
        }
    }

    @Component
    @WsFunctionName("tool_sync_enrol_users_unenrol")
    public static final class UsersUnenrol implements WsFunction {
        private static final FunctionSpec SPEC = enrolSpec("Unenrols users (or removes a role) as "
                + "tool_sync_enrol_user_unenrol does, each on its own: one that cannot be unenrolled (unknown "
                + "user, course or role, missing rights) has status false and the others go on. A malformed item "
                + "(an unknown identifier source or method) refuses the whole call.")
                .parameters(single(key("enrols", multiple(single(UNENROL_KEYS)))))
                .returns(multiple(RESULTS_ITEM)).build();

        private final Operations operations;

        @Activate
        public UsersUnenrol(@Reference Operations operations) {
            this.operations = operations;
        }

        @Override
        public FunctionSpec spec() {
            return SPEC;
        }

        @Override
        public Object execute(WsCall call) throws WsException {
            long caller = call.caller().userId();
            List<UnenrolRequest> requests = requests(call.params().getParamsList("enrols"),
                    EnrolFunctions::unenrolRequest);
            return each("tool_sync_enrol_users_unenrol", requests,
                    requests.stream().map(UnenrolRequest::user).toList(), r -> operations.unenrol(r, caller));
        }
    }
}
