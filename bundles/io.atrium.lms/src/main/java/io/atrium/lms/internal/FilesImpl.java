package io.atrium.lms.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atrium.lms.api.Context;
import io.atrium.lms.api.ContextLevel;
import io.atrium.lms.api.FileRecord;
import io.atrium.lms.api.StoredFile;
import io.atrium.store.api.Db;
import io.atrium.store.api.RowMapper;
import io.atrium.store.api.Schema;
import io.atrium.store.api.Store;
import io.atrium.ws.api.WsException;

/**
 * Content under {@code <data>/filedir/ab/cd/abcd...} by SHA-1, metadata in {@code mdl_files}.
 * Content is written to a temporary file and moved into place before the row is inserted, so a
 * row never names missing content; content left by a rolled-back transaction is harmless.
 */
@Component
public final class FilesImpl implements io.atrium.lms.api.Files {

    private static final RowMapper<StoredFile> ROW = rs -> new StoredFile(rs.getLong("id"), rs.getString("contenthash"),
            rs.getLong("contextid"), rs.getString("component"), rs.getString("filearea"), rs.getLong("itemid"),
            rs.getString("filepath"), rs.getString("filename"), Rows.longOrNull(rs, "userid"), rs.getLong("filesize"),
            rs.getString("mimetype"), rs.getString("author"), rs.getString("license"), rs.getLong("timecreated"),
            rs.getLong("timemodified"));

    private final Store store;
    private final Path filedir;
    private final SecureRandom random = new SecureRandom();

    @Activate
    public FilesImpl(BundleContext context, @Reference Store store,
            @Reference(target = "(" + Schema.BUNDLE + "=io.atrium.lms)") Schema schema) {
        this.store = store;
        String data = context.getProperty("atrium.data");
        this.filedir = Path.of(data == null ? "data" : data).resolve("filedir");
    }

    @Override
    public StoredFile create(FileRecord where, InputStream content, long maxBytes) throws WsException, IOException {
        checkPlace(where.filepath(), where.filename());
        Files.createDirectories(filedir.resolve("temp"));
        Path temp = Files.createTempFile(filedir.resolve("temp"), "upload", ".part");
        String hash;
        long size = 0;
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            try (OutputStream out = Files.newOutputStream(temp)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = content.read(buffer)) > 0;) {
                    size += n;
                    if (size > maxBytes) {
                        throw WsException.of("filetoolarge", "The file is larger than the limit of " + maxBytes
                                + " bytes", where.filename());
                    }
                    sha1.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            hash = HexFormat.of().formatHex(sha1.digest());
            Path target = contentPath(hash);
            Files.createDirectories(target.getParent());
            if (!Files.exists(target)) {
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException e) {
                    // the same content, stored meanwhile by another call
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            Files.deleteIfExists(temp);
        }
        long filesize = size;
        return store.inTransaction(false, db -> {
            if (find(db, where.contextid(), where.component(), where.filearea(), where.itemid(), where.filepath(),
                    where.filename()).isPresent()) {
                throw WsException.of("fileexists", "A file with that name already exists: " + where.filepath()
                        + where.filename());
            }
            long now = Rows.now();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("contenthash", hash);
            row.put("pathnamehash", pathnamehash(where.contextid(), where.component(), where.filearea(), where.itemid(),
                    where.filepath(), where.filename()));
            row.put("contextid", where.contextid());
            row.put("component", where.component());
            row.put("filearea", where.filearea());
            row.put("itemid", where.itemid());
            row.put("filepath", where.filepath());
            row.put("filename", where.filename());
            row.put("userid", where.userid());
            row.put("filesize", filesize);
            row.put("mimetype", mimetype(where.filename()));
            row.put("source", where.source());
            row.put("author", where.author());
            row.put("license", where.license());
            row.put("timecreated", now);
            row.put("timemodified", now);
            long id = db.insert("mdl_files", row);
            return db.first("SELECT * FROM mdl_files WHERE id = ?", ROW, id).orElseThrow();
        });
    }

    @Override
    public Optional<StoredFile> get(long contextid, String component, String filearea, long itemid, String filepath,
            String filename) {
        return store.inTransaction(true, db -> find(db, contextid, component, filearea, itemid, filepath, filename));
    }

    private static Optional<StoredFile> find(Db db, long contextid, String component, String filearea, long itemid,
            String filepath, String filename) {
        return db.first("SELECT * FROM mdl_files WHERE pathnamehash = ?", ROW,
                pathnamehash(contextid, component, filearea, itemid, filepath, filename));
    }

    @Override
    public Optional<StoredFile> byId(long id) {
        return store.inTransaction(true, db -> db.first("SELECT * FROM mdl_files WHERE id = ?", ROW, id));
    }

    @Override
    public List<StoredFile> area(long contextid, String component, String filearea, Long itemid) {
        return store.inTransaction(true, db -> itemid == null
                ? db.list("SELECT * FROM mdl_files WHERE contextid = ? AND component = ? AND filearea = ? "
                        + "ORDER BY itemid, filepath, filename", ROW, contextid, component, filearea)
                : db.list("SELECT * FROM mdl_files WHERE contextid = ? AND component = ? AND filearea = ? "
                        + "AND itemid = ? ORDER BY filepath, filename", ROW, contextid, component, filearea, itemid));
    }

    @Override
    public InputStream open(StoredFile file) throws IOException {
        return Files.newInputStream(contentPath(file.contenthash()));
    }

    @Override
    public void delete(StoredFile file) {
        store.inTransaction(false, db -> db.update("DELETE FROM mdl_files WHERE id = ?", file.id()));
    }

    @Override
    public long newDraftItemId(long userid) {
        return store.inTransaction(false, db -> {
            Context user = ContextStore.create(db, ContextLevel.USER, userid, ContextStore.SYSTEM);
            while (true) {
                long candidate = 1 + random.nextInt(999_999_999);
                if (db.number("SELECT COUNT(*) FROM mdl_files WHERE contextid = ? AND component = 'user' "
                        + "AND filearea = 'draft' AND itemid = ?", user.id(), candidate) == 0) {
                    return candidate;
                }
            }
        });
    }

    @Override
    public List<StoredFile> moveDraft(long userid, long draftItemId, long contextid, String component,
            String filearea, long itemid) throws WsException {
        return store.inTransaction(false, db -> {
            Context user = ContextStore.of(db, ContextLevel.USER, userid)
                    .orElseThrow(() -> WsException.invalidParameter("The user has no draft area"));
            List<StoredFile> drafts = db.list("SELECT * FROM mdl_files WHERE contextid = ? AND component = 'user' "
                    + "AND filearea = 'draft' AND itemid = ? ORDER BY filepath, filename", ROW, user.id(), draftItemId);
            if (drafts.isEmpty()) {
                throw WsException.invalidParameter("No draft files with item id " + draftItemId
                        + " belong to the caller");
            }
            long now = Rows.now();
            for (StoredFile f : drafts) {
                if (find(db, contextid, component, filearea, itemid, f.filepath(), f.filename()).isPresent()) {
                    throw WsException.of("fileexists", "A file with that name already exists: " + f.filepath()
                            + f.filename());
                }
                db.update("UPDATE mdl_files SET contextid = ?, component = ?, filearea = ?, itemid = ?, "
                        + "pathnamehash = ?, timemodified = ? WHERE id = ?", contextid, component, filearea, itemid,
                        pathnamehash(contextid, component, filearea, itemid, f.filepath(), f.filename()), now, f.id());
            }
            return db.list("SELECT * FROM mdl_files WHERE contextid = ? AND component = ? AND filearea = ? "
                    + "AND itemid = ? ORDER BY filepath, filename", ROW, contextid, component, filearea, itemid);
        });
    }

    private Path contentPath(String hash) {
        return filedir.resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4)).resolve(hash);
    }

    /** Moodle's path name hash: SHA-1 of {@code /contextid/component/filearea/itemid/filepath/filename}. */
    static String pathnamehash(long contextid, String component, String filearea, long itemid, String filepath,
            String filename) {
        try {
            String path = "/" + contextid + "/" + component + "/" + filearea + "/" + itemid + filepath + filename;
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(path.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A path starts and ends with a slash and has no empty, "." or ".." part; a name is a plain name. */
    static void checkPlace(String filepath, String filename) throws WsException {
        boolean pathOk = filepath != null && filepath.startsWith("/") && filepath.endsWith("/");
        if (pathOk && filepath.length() > 1) {
            for (String part : filepath.substring(1, filepath.length() - 1).split("/", -1)) {
                if (part.isEmpty() || part.equals(".") || part.equals("..") || part.contains("\\")) {
                    pathOk = false;
                }
            }
        }
        if (!pathOk) {
            throw WsException.invalidParameter("Invalid file path: " + filepath);
        }
        if (filename == null || filename.isBlank() || filename.equals(".") || filename.equals("..")
                || filename.contains("/") || filename.contains("\\") || filename.chars().anyMatch(c -> c < 32)) {
            throw WsException.invalidParameter("Invalid file name: " + filename);
        }
    }

    private static String mimetype(String filename) {
        String guessed = URLConnection.guessContentTypeFromName(filename);
        return guessed == null ? "application/octet-stream" : guessed;
    }
}
