package io.atrium.ws.docs.internal;

import java.util.List;

import io.atrium.ws.api.FunctionSpec;

/**
 * The errors every function can answer with, as Atrium raises them: the error code clients
 * match on, the exception class reported with it (Moodle 4.5's names, from
 * {@link io.atrium.ws.api.WsException}'s factories), the HTTP status {@code /api/v1} answers
 * with (Moodle's REST server always answers 200), and when it happens. One table serves the
 * documentation page and the OpenAPI document, so they cannot disagree.
 */
final class ErrorCodes {

    /** One error. */
    record ErrorCode(String errorcode, String exception, int status, String when) {
    }

    /** The common errors, in the order a call meets them. */
    static final List<ErrorCode> COMMON = List.of(
            new ErrorCode("invalidtoken", "core\\exception\\moodle_exception", 401,
                    "No token was sent, or nobody issued it."),
            new ErrorCode("accessexception", "webservice_access_exception", 403,
                    "The token may not be used for this call: the function is not in the token's service, "
                            + "the protocol is not allowed, or a restriction of the service or token applies."),
            new ErrorCode("invalidrecord", "dml_missing_record_exception", 404,
                    "There is no function of that name, or no longer (\"Can't find data record in database "
                            + "table external_functions.\")."),
            new ErrorCode("invalidparameter", "core\\exception\\invalid_parameter_exception", 400,
                    "A parameter is missing, unexpected or not of its type; debuginfo says which and why."),
            new ErrorCode("nopermissions", "core\\exception\\required_capability_exception", 403,
                    "The caller lacks one of the capabilities the function requires."),
            new ErrorCode("toomanyrequests", "core\\exception\\moodle_exception", 429,
                    "The caller sent too many requests (when a rate limit is configured)."),
            new ErrorCode("invalidresponse", "core\\exception\\invalid_response_exception", 500,
                    "The function returned something its returns description does not allow."),
            new ErrorCode("generalexceptionmessage", "core\\exception\\moodle_exception", 500,
                    "The function failed unexpectedly; the server log has the details under the reference "
                            + "the message gives."));

    private ErrorCodes() {
    }

    /**
     * The errors a function can answer with: the common ones, without {@code nopermissions}
     * when it requires no capability.
     */
    static List<ErrorCode> of(FunctionSpec spec) {
        return COMMON.stream()
                .filter(e -> !e.errorcode().equals("nopermissions") || !spec.capabilities().isEmpty())
                .toList();
    }

    /** A sample of Moodle's JSON error body. */
    static final String JSON_SAMPLE = "{\"exception\":\"core\\\\exception\\\\invalid_parameter_exception\","
            + "\"errorcode\":\"invalidparameter\",\"message\":\"Invalid parameter value detected\","
            + "\"debuginfo\":\"Missing required key in single structure: people\"}";

    /** The same error in Moodle's REST XML (with {@code moodlewsrestformat=xml}, the default). */
    static final String XML_SAMPLE = "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n"
            + "<EXCEPTION class=\"core\\exception\\invalid_parameter_exception\">\n"
            + "<ERRORCODE>invalidparameter</ERRORCODE>\n"
            + "<MESSAGE>Invalid parameter value detected</MESSAGE>\n"
            + "<DEBUGINFO>Missing required key in single structure: people</DEBUGINFO>\n"
            + "</EXCEPTION>\n";
}
