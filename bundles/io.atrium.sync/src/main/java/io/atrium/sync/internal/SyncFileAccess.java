package io.atrium.sync.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atrium.auth.api.FileAccess;
import io.atrium.lms.api.Access;
import io.atrium.lms.api.Contexts;
import io.atrium.lms.api.StoredFile;

/**
 * Who may download the sync file area (reports, tryback files, archives) through
 * {@code webservice/pluginfile.php/1/tool_sync/syncfiles/0/<path>}: whoever may configure the
 * sync tool ({@code moodle/site:config}).
 */
@Component(property = FileAccess.COMPONENT + "=" + SyncArea.COMPONENT)
public final class SyncFileAccess implements FileAccess {

    private final Access access;
    private final Contexts contexts;

    @Activate
    public SyncFileAccess(@Reference Access access, @Reference Contexts contexts) {
        this.access = access;
        this.contexts = contexts;
    }

    @Override
    public boolean mayRead(long userId, StoredFile file) {
        return SyncArea.AREA.equals(file.filearea())
                && access.hasCapability(userId, SyncFunctions.CAPABILITY, contexts.system());
    }
}
