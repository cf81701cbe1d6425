package io.atrium.lms.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.atrium.ws.api.WsException;

/**
 * Enrolments through a course's manual enrolment instance, as Moodle's {@code enrol_manual}
 * plugin makes them: a {@code mdl_user_enrolments} row plus the role assignment in the course
 * context (component {@code ''}), with the events {@code user_enrolment_created} and
 * {@code role_assigned}; unenrolling removes both again, and on the user's last enrolment in the
 * course every role assignment in the course and every group membership of the course.
 */
@ProviderType
public interface Enrolments {

    /** The status of an active enrolment ({@code mdl_user_enrolments.status}). */
    int ACTIVE = 0;
    /** The status of a suspended enrolment. */
    int SUSPENDED = 1;

    /** Which enrolled users {@link #enrolledUsers} lists, and in which order. */
    record Query(boolean onlyActive, long groupId, String sortBy, boolean descending, int limitFrom,
            int limitNumber) {

        /** Every enrolled user (active or not), by id, no limit. */
        public static Query all() {
            return new Query(false, 0, "id", false, 0, 0);
        }

        /** Only users whose enrolment is active now (status, instance and time window). */
        public Query active(boolean active) {
            return new Query(active, groupId, sortBy, descending, limitFrom, limitNumber);
        }

        /** Only members of this group (0: no filter). */
        public Query inGroup(long group) {
            return new Query(onlyActive, group, sortBy, descending, limitFrom, limitNumber);
        }

        /**
         * The order: {@code id}, {@code firstname}, {@code lastname} or {@code siteorder}
         * (last name, first name, id as the site lists people).
         */
        public Query sorted(String by, boolean desc) {
            return new Query(onlyActive, groupId, by, desc, limitFrom, limitNumber);
        }

        /** Skips {@code from} users and returns at most {@code number} (0: all). */
        public Query limit(int from, int number) {
            return new Query(onlyActive, groupId, sortBy, descending, from, number);
        }
    }

    /** The id of the course's enabled manual enrolment instance ({@code mdl_enrol}), if it has one. */
    Optional<Long> manualInstance(long courseId);

    /**
     * Enrols a user through the course's manual instance and assigns the role in the course
     * context. An existing enrolment is updated when its times or status differ (no new event);
     * an existing role assignment is kept.
     *
     * @param roleId    the role to assign, 0 for none
     * @param timestart Unix seconds, 0 for no start
     * @param timeend   Unix seconds, 0 for no end
     * @param suspended whether the enrolment is suspended
     * @return the {@code mdl_user_enrolments} id
     * @throws WsException {@code invalidrecord} for a missing course, {@code wsnoinstance} when the
     *                     course has no enabled manual instance, {@code codingerror} for a missing
     *                     or deleted user (as Moodle's {@code role_assign})
     */
    long enrol(long courseId, long userId, long roleId, long timestart, long timeend, boolean suspended, long actor)
            throws WsException;

    /**
     * Removes the user's manual enrolment in the course and the role assignments it gave; when it
     * was the user's last enrolment in the course, also every other role assignment in the course
     * context and every membership of the course's groups. Nothing happens when the user is not
     * enrolled manually.
     *
     * @throws WsException {@code invalidrecord} for a missing course, {@code wsnoinstance} when the
     *                     course has no manual instance
     */
    void unenrol(long courseId, long userId, long actor) throws WsException;

    /** Whether the user has an enrolment in the course (any, or only an active one). */
    boolean isEnrolled(long courseId, long userId, boolean onlyActive);

    /** The ids of the users enrolled in the course (deleted users never), as the query says. */
    List<Long> enrolledUsers(long courseId, Query query);

    /** The ids of the courses the user is enrolled in (any, or only actively), by course sort order. */
    List<Long> courses(long userId, boolean onlyActive);
}
