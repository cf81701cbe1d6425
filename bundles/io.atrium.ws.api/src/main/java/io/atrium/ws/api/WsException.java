package io.atrium.ws.api;

import java.util.Objects;

/**
 * A web-service error as Moodle reports it: an error code that clients match on, a message
 * for people, optional debugging information, and the name of the exception class Moodle
 * would have thrown (clients print it; some check it). REST sends these as
 * {@code {"exception":..., "errorcode":..., "message":..., "debuginfo":...}} with HTTP 200;
 * SOAP as a fault; XML-RPC as a fault with a code derived from the error code.
 * <p>
 * Use the factories for the codes the pipeline itself raises, and {@link #of} for a
 * function's own codes ({@code categoryidnumbertaken}, {@code shortnametaken}, ...).
 */
public class WsException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Moodle's generic exception class, for function-specific error codes. */
    public static final String MOODLE_EXCEPTION = "core\\exception\\moodle_exception";

    private final String exceptionClass;
    private final String errorcode;
    private final String debuginfo;

    /**
     * @param exceptionClass the Moodle exception class name, such as {@value #MOODLE_EXCEPTION}
     * @param errorcode      the error code, such as {@code invalidparameter}
     * @param message        the message for people
     * @param debuginfo      details for developers, or {@code null}; sent only when the server
     *                       is configured to send debugging information
     */
    public WsException(String exceptionClass, String errorcode, String message, String debuginfo) {
        super(Objects.requireNonNull(message, "message"));
        this.exceptionClass = Objects.requireNonNull(exceptionClass, "exceptionClass");
        this.errorcode = Objects.requireNonNull(errorcode, "errorcode");
        this.debuginfo = debuginfo;
    }

    /** A function's own error, as Moodle's {@code moodle_exception}. */
    public static WsException of(String errorcode, String message) {
        return new WsException(MOODLE_EXCEPTION, errorcode, message, null);
    }

    /** A function's own error with debugging information. */
    public static WsException of(String errorcode, String message, String debuginfo) {
        return new WsException(MOODLE_EXCEPTION, errorcode, message, debuginfo);
    }

    /** {@code invalidparameter}: a parameter is malformed; {@code debuginfo} says which and why. */
    public static WsException invalidParameter(String debuginfo) {
        return new WsException("core\\exception\\invalid_parameter_exception", "invalidparameter",
                "Invalid parameter value detected", debuginfo);
    }

    /** {@code invalidresponse}: the function returned something its returns descriptor does not allow. */
    public static WsException invalidResponse(String debuginfo) {
        return new WsException("core\\exception\\invalid_response_exception", "invalidresponse",
                "Invalid response value detected", debuginfo);
    }

    /** {@code invalidtoken}: no token, or a token nobody issued. */
    public static WsException invalidToken() {
        return new WsException(MOODLE_EXCEPTION, "invalidtoken", "Invalid token - token not found", null);
    }

    /** {@code accessexception}: the token may not be used for this call; {@code debuginfo} says why. */
    public static WsException accessException(String debuginfo) {
        return new WsException("webservice_access_exception", "accessexception", "Access control exception",
                debuginfo);
    }

    /**
     * {@code invalidrecord}: a record does not exist ({@code dml_missing_record_exception}).
     *
     * @param table the table Moodle would have looked in, such as {@code external_functions}
     */
    public static WsException invalidRecord(String table, String debuginfo) {
        return new WsException("dml_missing_record_exception", "invalidrecord",
                "Can't find data record in database table " + table + ".", debuginfo);
    }

    /**
     * {@code nopermissions}: the caller lacks a capability.
     *
     * @param action what was refused, in words (Moodle shows the capability's name, such as
     *               "Create users"; without a name, the capability itself)
     */
    public static WsException noPermissions(String action) {
        return new WsException("core\\exception\\required_capability_exception", "nopermissions",
                "Sorry, but you do not currently have permissions to do that (" + action + ").", null);
    }

    /** {@code codingerror}: the function was used in a way its author did not allow. */
    public static WsException codingError(String problem, String debuginfo) {
        return new WsException("core\\exception\\coding_exception", "codingerror",
                "Coding error detected, it must be fixed by a programmer: " + problem, debuginfo);
    }

    /** The Moodle exception class name. */
    public String exceptionClass() {
        return exceptionClass;
    }

    /** The error code. */
    public String errorcode() {
        return errorcode;
    }

    /** Details for developers, or {@code null}. */
    public String debuginfo() {
        return debuginfo;
    }

    /**
     * This error with debugging information prefixed, as Moodle nests parameter errors:
     * {@code users => Invalid parameter value detected: ...}.
     */
    public WsException prefixed(String prefix) {
        return new WsException(exceptionClass, errorcode, getMessage(),
                prefix + " => " + getMessage() + ": " + (debuginfo == null ? "" : debuginfo));
    }
}
