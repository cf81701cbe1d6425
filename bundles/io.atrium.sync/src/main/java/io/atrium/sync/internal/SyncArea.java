package io.atrium.sync.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

import io.atrium.lms.api.ContextLevel;
import io.atrium.lms.api.Contexts;
import io.atrium.lms.api.FileRecord;
import io.atrium.lms.api.Files;
import io.atrium.lms.api.StoredFile;
import io.atrium.store.api.Store;
import io.atrium.ws.api.WsException;

/**
 * The sync file area, as the original keeps it: system context, component {@code tool_sync},
 * file area {@code syncfiles}, item 0. A location names a file in it ({@code users.csv},
 * {@code nightly/users.csv}); nothing outside it can be named.
 */
final class SyncArea {

    static final String COMPONENT = "tool_sync";
    static final String AREA = "syncfiles";
    private static final long SYSTEM_CONTEXT = 1;
    /** Reports, tryback files and archives are generated, not uploaded: no size limit but the store's. */
    private static final long NO_LIMIT = Long.MAX_VALUE;

    /** A file's place in the area. */
    record Place(String path, String name) {
        String location() {
            return path.substring(1) + name;
        }
    }

    private final Files files;
    private final Contexts contexts;
    private final Store store;

    SyncArea(Files files, Contexts contexts, Store store) {
        this.files = files;
        this.contexts = contexts;
        this.store = store;
    }

    /**
     * Checks a location: relative, segments of printable characters, no {@code .} or
     * {@code ..}, no backslash or drive letter, at most 255 characters per segment.
     *
     * @return the location as given (without surrounding spaces)
     */
    static String checkLocation(String location) throws WsException {
        String l = location.strip();
        String why = null;
        if (l.isEmpty()) {
            why = "it is empty";
        } else if (l.startsWith("/") || l.startsWith("~") || l.matches("^[A-Za-z]:.*")) {
            why = "it is absolute; name a file inside the sync file area, such as users.csv or nightly/users.csv";
        } else if (l.indexOf('\\') >= 0) {
            why = "it contains a backslash";
        } else if (l.endsWith("/")) {
            why = "it names a folder, not a file";
        } else {
            for (String segment : l.split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    why = "it has an empty, '.' or '..' segment, which could leave the sync file area";
                    break;
                }
                if (segment.length() > 255 || segment.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                    why = "a segment is longer than 255 characters or holds control characters";
                    break;
                }
            }
        }
        if (why != null) {
            throw WsException.invalidParameter("Invalid file location '" + location + "': " + why);
        }
        return l;
    }

    static Place place(String location) {
        int slash = location.lastIndexOf('/');
        return slash < 0 ? new Place("/", location)
                : new Place("/" + location.substring(0, slash + 1), location.substring(slash + 1));
    }

    Optional<StoredFile> find(Place place) {
        return files.get(SYSTEM_CONTEXT, COMPONENT, AREA, 0, place.path(), place.name());
    }

    InputStream open(StoredFile file) throws IOException {
        return files.open(file);
    }

    /** The files of the area. */
    List<StoredFile> list() {
        return files.area(SYSTEM_CONTEXT, COMPONENT, AREA, 0L);
    }

    /** Writes a file, replacing one of the same place; in a transaction of its own. */
    StoredFile write(Place place, byte[] content) {
        return store.inTransaction(false, db -> {
            find(place).ifPresent(files::delete);
            try {
                return files.create(new FileRecord(SYSTEM_CONTEXT, COMPONENT, AREA, 0, place.path(), place.name(), null,
                        null, null, null), new ByteArrayInputStream(content), NO_LIMIT);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (WsException e) {
                // The names are ours and the place was just cleared: a bug, not bad input.
                throw new IllegalStateException("cannot write " + place + ": " + e.getMessage(), e);
            }
        });
    }

    /** Removes a file. */
    void delete(StoredFile file) {
        store.inTransaction(false, db -> {
            files.delete(file);
            return null;
        });
    }

    /**
     * Moves a user's draft files into the area, replacing files of the same path and name.
     *
     * @throws WsException {@code invalidparameter} for a draft area the user does not have or
     *                     that is empty (also when it is another user's)
     */
    List<StoredFile> commit(long userId, long draftItemId) throws WsException {
        return store.inTransaction(false, db -> {
            long userContext = contexts.of(ContextLevel.USER, userId).map(c -> c.id()).orElse(-1L);
            List<StoredFile> draft = files.area(userContext, "user", "draft", draftItemId);
            if (draft.isEmpty()) {
                throw WsException.invalidParameter("Draft item " + draftItemId + " holds no file of yours: upload "
                        + "the file to webservice/upload.php with your token first, then commit the itemid it returns");
            }
            for (StoredFile f : draft) {
                if (!".".equals(f.filename())) {
                    find(new Place(f.filepath(), f.filename())).ifPresent(files::delete);
                }
            }
            return files.moveDraft(userId, draftItemId, SYSTEM_CONTEXT, COMPONENT, AREA, 0);
        });
    }
}
