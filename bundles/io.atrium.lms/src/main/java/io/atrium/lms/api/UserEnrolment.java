package io.atrium.lms.api;

/**
 * A user's enrolment through an enrolment instance ({@code mdl_user_enrolments}).
 *
 * @param id           the user enrolment id
 * @param enrolId      the enrolment instance ({@code mdl_enrol})
 * @param userId       the enrolled user
 * @param status       {@link Enrolments#ACTIVE} or {@link Enrolments#SUSPENDED}
 * @param timestart    Unix seconds, 0 for no start
 * @param timeend      Unix seconds, 0 for no end
 * @param timecreated  Unix seconds
 * @param timemodified Unix seconds
 * @since 1.2
 */
public record UserEnrolment(long id, long enrolId, long userId, int status, long timestart, long timeend,
        long timecreated, long timemodified) {

    /** Whether the enrolment is suspended. */
    public boolean suspended() {
        return status == Enrolments.SUSPENDED;
    }
}
