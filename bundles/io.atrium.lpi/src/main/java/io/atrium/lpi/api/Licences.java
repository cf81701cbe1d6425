package io.atrium.lpi.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.atrium.lms.api.StoredFile;

/**
 * The licence records, read-only, for an audit: those a teacher has classified, page by page,
 * one by id, and the file each is about. Registered by {@code io.atrium.lpi}.
 */
@ProviderType
public interface Licences {

    /** Classifying the files of a course (teachers), checked in the course's context. */
    String CAPABILITY_CLASSIFY = "local/lpi:classify";

    /** Working through the licence queue (the licence office), in the system context. */
    String CAPABILITY_MANAGE = "local/lpi:manage";

    /** Auditing the records (a rights entity), in the system context. */
    String CAPABILITY_AUDIT = "local/lpi:audit";

    /**
     * Classified records (every state but {@link State#NONE} and {@link State#DELETED}), by id.
     *
     * @param page  the page, from 0
     * @param count records per page (1 or more)
     */
    Page<LicenceRecord> processed(int page, int count);

    /**
     * What a rights entity may audit: the classified records (as {@link #processed}) that are
     * not administrative, neither by the teacher's choice ({@link Choice#ADMINISTRATIVE}) nor by
     * the licence office's finding ({@link DocumentContent#ADMINISTRATIVE}), by id.
     *
     * @param page  the page, from 0
     * @param count records per page (1 or more)
     */
    Page<LicenceRecord> auditable(int page, int count);

    /** A record by id, in any state. */
    Optional<LicenceRecord> get(long id);

    /** The file a record is about; empty when it is gone. */
    Optional<StoredFile> file(LicenceRecord record);

    /** The file's content; close the stream. */
    InputStream open(LicenceRecord record) throws IOException;
}
