package io.atrium.lms.api;

/**
 * A file's metadata, as Moodle's {@code files} table keeps it. The content is stored once per
 * distinct content, named by its SHA-1 ({@code contenthash}); read it with {@link Files#open}.
 */
public record StoredFile(long id, String contenthash, long contextid, String component, String filearea, long itemid,
        String filepath, String filename, Long userid, long filesize, String mimetype, String author,
        String license, long timecreated, long timemodified) {
}
