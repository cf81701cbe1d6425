package io.atrium.lms.internal.functions;

import io.atrium.lms.api.Context;
import io.atrium.lms.api.ContextLevel;
import io.atrium.lms.api.Contexts;
import io.atrium.ws.api.WsException;

/** A course's context as the course functions validate it, with Moodle's wrapped error. */
final class CourseContexts {

    private CourseContexts() {
    }

    /**
     * The course's context.
     *
     * @throws WsException {@code errorcoursecontextnotvalid}, wrapping the message of the context
     *                     check that failed (Moodle's {@code validate_context}: "Context does not exist",
     *                     an invalid parameter)
     */
    static Context valid(Contexts contexts, long courseId) throws WsException {
        return contexts.of(ContextLevel.COURSE, courseId).orElseThrow(() -> notValid(courseId,
                WsException.invalidParameter("Context does not exist")));
    }

    static WsException notValid(long courseId, WsException cause) {
        return WsException.of("errorcoursecontextnotvalid", "You cannot execute functions in the course context "
                + "(course id:" + courseId + "). The context error message was: " + cause.getMessage());
    }
}
