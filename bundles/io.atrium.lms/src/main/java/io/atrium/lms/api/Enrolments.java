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

    /**
     * Which enrolled users {@link #enrolledUsers} lists, and in which order.
     *
     * @param onlyActive    only users with an enrolment active now (enrolment and instance enabled, now
     *                      within its time window)
     * @param onlySuspended only users with no active enrolment
     * @param groupId       only members of this group; 0 for no filter
     * @param sortBy        {@code id}, {@code firstname}, {@code lastname} or {@code siteorder}
     *                      (last name, first name, id, as the site lists people)
     * @param descending    the direction
     * @param limitFrom     how many users to skip
     * @param limitNumber   the most users to return, 0 for all
     */
    record Query(boolean onlyActive, boolean onlySuspended, long groupId, String sortBy, boolean descending,
            int limitFrom, int limitNumber) {

        /** Every enrolled user (active or not), by id, no limit. */
        public static Query all() {
            return new Query(false, false, 0, "id", false, 0, 0);
        }

        /** Only users whose enrolment is active now. */
        public Query active(boolean active) {
            return new Query(active, onlySuspended, groupId, sortBy, descending, limitFrom, limitNumber);
        }

        /** Only users who have no active enrolment. */
        public Query suspended(boolean suspended) {
            return new Query(onlyActive, suspended, groupId, sortBy, descending, limitFrom, limitNumber);
        }

        /** Only members of this group (0: no filter). */
        public Query inGroup(long group) {
            return new Query(onlyActive, onlySuspended, group, sortBy, descending, limitFrom, limitNumber);
        }

        /** The order, see {@link #sortBy()}. */
        public Query sorted(String by, boolean desc) {
            return new Query(onlyActive, onlySuspended, groupId, by, desc, limitFrom, limitNumber);
        }

        /** Skips {@code from} users and returns at most {@code number} (0: all). */
        public Query limit(int from, int number) {
            return new Query(onlyActive, onlySuspended, groupId, sortBy, descending, from, number);
        }
    }

    /** The id of the course's enabled manual enrolment instance ({@code mdl_enrol}), if it has one. */
    Optional<Long> manualInstance(long courseId);

    /**
     * The user's enrolment through the course's manual instance (the first by sort order, enabled
     * or not), if there is one: its status and time window, for callers that change one of them
     * and keep the others.
     *
     * @since 1.2
     */
    Optional<UserEnrolment> manualEnrolment(long courseId, long userId);

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

    /**
     * The ids of the users enrolled in the course (deleted users never), as the query says.
     *
     * @throws IllegalArgumentException for an order not named above, or both onlyActive and onlySuspended
     */
    List<Long> enrolledUsers(long courseId, Query query);

    /** The ids of the courses the user is enrolled in (any, or only actively), by course sort order. */
    List<Long> courses(long userId, boolean onlyActive);
}
