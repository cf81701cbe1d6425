package io.atrium.lms.api;

/**
 * Where a new file goes and who it is by.
 *
 * @param filepath starts and ends with {@code /}; {@code /} for the area's root
 * @param filename a plain name: no {@code /}, not {@code .} or {@code ..}
 * @param userid   the owner, or {@code null}
 */
public record FileRecord(long contextid, String component, String filearea, long itemid, String filepath,
        String filename, Long userid, String author, String license, String source) {

    /** A file in a user's draft area (where uploads land), by that user. */
    public static FileRecord draft(long userContextId, long draftItemId, String filename, long userid) {
        return new FileRecord(userContextId, "user", "draft", draftItemId, "/", filename, userid, null, null, null);
    }
}
