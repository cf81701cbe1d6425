package io.atrium.lms.internal.functions;

import java.util.Map;

import io.atrium.lms.api.Access;
import io.atrium.lms.api.Context;
import io.atrium.lms.api.ContextLevel;
import io.atrium.lms.api.Contexts;
import io.atrium.lms.api.Roles;
import io.atrium.ws.api.Params;
import io.atrium.ws.api.WsException;

/**
 * The context a call names, by {@code contextid} or by {@code contextlevel} and
 * {@code instanceid}, with the errors of Moodle's {@code get_context_from_params} and
 * {@code validate_context}.
 */
final class ParamContexts {

    /** Moodle's context level names as the functions take them. */
    private static final Map<String, ContextLevel> LEVELS = Map.of("system", ContextLevel.SYSTEM,
            "user", ContextLevel.USER, "coursecat", ContextLevel.COURSECAT, "course", ContextLevel.COURSE,
            "module", ContextLevel.MODULE, "block", ContextLevel.BLOCK);

    private ParamContexts() {
    }

    static Context of(Contexts contexts, Params p) throws WsException {
        Long contextId = p.getLong("contextid");
        String level = p.getString("contextlevel");
        Context found;
        if (contextId != null && contextId != 0) {
            found = contexts.byId(contextId).orElse(null);
        } else if (level != null && !level.isEmpty() && p.has("instanceid") && p.getLong("instanceid") != null) {
            ContextLevel l = LEVELS.get(level);
            if (l == null) {
                throw WsException.invalidParameter("Invalid context level = " + level);
            }
            found = l == ContextLevel.SYSTEM ? contexts.system() : contexts.of(l, p.getLong("instanceid")).orElse(null);
        } else {
            throw WsException.invalidParameter(
                    "Missing parameters, please provide either context level with instance id or contextid");
        }
        if (found == null) {
            throw WsException.invalidParameter("Context does not exist");
        }
        return found;
    }

    /**
     * What assigning and unassigning a role both check, in Moodle's order: the context the
     * item names, {@code moodle/role:assign} there, and that the caller may hand out that role.
     *
     * @param verb {@code assign} or {@code unassign}, for the message
     * @return the context
     */
    static Context forRoleChange(Contexts contexts, Access access, Roles roles, long caller, Params item,
            String verb) throws WsException {
        Context context = of(contexts, item);
        access.require(caller, "moodle/role:assign", context);
        long roleId = item.getLong("roleid");
        if (!roles.assignable(caller, context).contains(roleId)) {
            throw WsException.invalidParameter("Can not " + verb + " roleid=" + roleId + " in contextid="
                    + givenId(item));
        }
        return context;
    }

    /** The {@code contextid} as Moodle's messages print it: empty when it was not given. */
    static String givenId(Params p) {
        Long id = p.getLong("contextid");
        return id == null ? "" : id.toString();
    }
}
