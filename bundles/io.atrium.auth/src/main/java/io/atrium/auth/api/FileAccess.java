package io.atrium.auth.api;

import org.osgi.annotation.versioning.ConsumerType;

import io.atrium.lms.api.StoredFile;

/**
 * A bundle's rule for who may download the files of its component through
 * {@code webservice/pluginfile.php}, as a Moodle plugin's {@code pluginfile} callback decides.
 * Register it as a service with the property {@value #COMPONENT} naming the component (such as
 * {@code local_lpi}); it is asked only for files of that component. Without a rule, a user gets
 * the files of their own user context and a site administrator every file; a rule can open more,
 * never less, and a file refused is answered as missing.
 */
@ConsumerType
public interface FileAccess {

    /** The service property naming the component (one or several) the rule is for. */
    String COMPONENT = "atrium.file.component";

    /**
     * Whether the user may download the file. Runs in the download's read-only transaction.
     *
     * @param userId the token's user
     * @param file   a file of the rule's component
     */
    boolean mayRead(long userId, StoredFile file);
}
