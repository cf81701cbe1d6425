package io.atrium.lpi.internal;

import io.atrium.lpi.api.RecordDownloadServlet;
import io.atrium.lpi.api.State;
import io.atrium.ws.api.WsException;

/** local_lpi's own errors, with the original's exception classes and error codes. */
final class Errors {

    private static final String PREFIX = "local_lpi\\exception\\";

    private Errors() {
    }

    /** A record or file that does not exist. */
    static WsException fileNotFound(long id) {
        return RecordDownloadServlet.fileNotFound(id);
    }

    /** A file that is not in the course named. */
    static WsException fileNotInCourse(long fileid, long courseid) {
        return new WsException(PREFIX + "file_not_found", "error_filenotfound",
                "File " + fileid + " not found in course " + courseid, null);
    }

    /** A transition the record's state does not allow: {@code Cannot set state ok to metadata 1}. */
    static WsException notSupportedState(String target, long id) {
        return new WsException(PREFIX + "not_supported_state_exception", "error_notsupportedstate",
                "Cannot set state " + target + " to metadata " + id, null);
    }

    /** A read of a record outside the licence queue. */
    static WsException notInQueue(long id, State state) {
        return new WsException(PREFIX + "not_supported_state_exception", "error_notsupportedstate",
                "Metadata " + id + " is in state " + state.wireName() + ", not " + State.GT10.wireName(), null);
    }

    /** A parameter the function does not accept in this combination. */
    static WsException invalidParameter(String debuginfo) {
        return WsException.invalidParameter(debuginfo);
    }
}
