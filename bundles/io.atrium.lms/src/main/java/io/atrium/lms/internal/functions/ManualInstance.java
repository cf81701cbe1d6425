package io.atrium.lms.internal.functions;

import io.atrium.ws.api.WsException;

/** The error both manual enrolment functions give for a course without a manual instance. */
final class ManualInstance {

    private ManualInstance() {
    }

    /**
     * Moodle's {@code wsnoinstance}. Its functions hand the course id to the exception where the
     * link goes rather than as the string's argument, so clients receive the placeholder
     * unreplaced; we send the same text.
     */
    static WsException missing() {
        return WsException.of("wsnoinstance",
                "Manual enrolment plugin instance doesn't exist or is disabled for the course (id = {$a->courseid})");
    }
}
