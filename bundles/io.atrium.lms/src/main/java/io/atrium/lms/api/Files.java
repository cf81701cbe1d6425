package io.atrium.lms.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.atrium.ws.api.WsException;

/**
 * Files: content-addressed storage under {@code <data>/filedir} (one copy per distinct content,
 * written completely before its metadata row) and metadata in the database, in Moodle's areas
 * ({@code contextid, component, filearea, itemid, filepath, filename}). Uploads land in the
 * uploading user's draft area ({@code user}/{@code draft} in the user's context, under a draft
 * item id); a function then moves them where they belong.
 */
@ProviderType
public interface Files {

    /**
     * Stores a file; joins the current transaction.
     *
     * @param maxBytes the most bytes accepted; a longer content is refused and nothing is kept
     * @throws WsException {@code invalidparameter} for a bad path or name, {@code filetoolarge} beyond
     *                     {@code maxBytes}, {@code fileexists} when the area already has that path and name
     * @throws IOException when the content cannot be read or written
     */
    StoredFile create(FileRecord where, InputStream content, long maxBytes) throws WsException, IOException;

    /** A file by its place. */
    Optional<StoredFile> get(long contextid, String component, String filearea, long itemid, String filepath,
            String filename);

    /** A file by id. */
    Optional<StoredFile> byId(long id);

    /** The files of an area, by path and name; {@code itemid} {@code null} for every item. */
    List<StoredFile> area(long contextid, String component, String filearea, Long itemid);

    /** The content. Close the stream. */
    InputStream open(StoredFile file) throws IOException;

    /** Deletes the file's metadata; content still used by other files stays. */
    void delete(StoredFile file);

    /** A draft item id not yet used by the user, for a new upload. */
    long newDraftItemId(long userid);

    /**
     * Moves the files of one of the user's draft areas to another area, keeping path and name.
     *
     * @return the moved files, in their new place
     * @throws WsException {@code invalidparameter} when the user has no such draft area or it is
     *                     empty, or a file of that name exists at the destination
     */
    List<StoredFile> moveDraft(long userid, long draftItemId, long contextid, String component, String filearea,
            long itemid) throws WsException;
}
