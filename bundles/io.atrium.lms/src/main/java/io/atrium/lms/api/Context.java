package io.atrium.lms.api;

/**
 * A context: where roles are assigned and capabilities decided.
 *
 * @param id         the context id
 * @param level      its level
 * @param instanceId the id of the user, category, course or module it is the context of; 0 for the system
 * @param path       the ids from the system context down, {@code /1/3/24}
 * @param depth      the number of ids in the path
 */
public record Context(long id, ContextLevel level, long instanceId, String path, int depth) {

    /** The context ids of the path, from the system context to this one. */
    public long[] pathIds() {
        String[] parts = path.substring(1).split("/");
        long[] ids = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            ids[i] = Long.parseLong(parts[i]);
        }
        return ids;
    }
}
