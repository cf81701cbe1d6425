package io.atrium.lms.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.atrium.store.api.Schema;
import io.atrium.store.api.Store;

/**
 * The first start: gives the admin account (id 2) its password, from {@code ATRIUM_ADMIN_PASSWORD}
 * ({@code atrium.admin.password}) or else a generated one, which is logged once and written to
 * {@code <data>/admin-password.txt}, readable by the owner only.
 */
@Component(immediate = true, service = SiteSetup.class)
public final class SiteSetup {

    private static final Logger LOG = LoggerFactory.getLogger(SiteSetup.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    @Activate
    public SiteSetup(BundleContext context, @Reference Store store,
            @Reference(target = "(" + Schema.BUNDLE + "=io.atrium.lms)") Schema schema) throws IOException {
        String given = context.getProperty("atrium.admin.password");
        Path data = Path.of(context.getProperty("atrium.data") == null ? "data" : context.getProperty("atrium.data"));
        boolean first = store.inTransaction(true,
                db -> db.number("SELECT COUNT(*) FROM mdl_user WHERE id = 2 AND password = ''") == 1);
        if (!first) {
            return; // hashing costs a tenth of a second: only on the first start
        }
        String password = given == null || given.isEmpty() ? generate() : given;
        boolean set = store.inTransaction(false, db -> db.update(
                "UPDATE mdl_user SET password = ? WHERE id = 2 AND password = ''", UsersImpl.hash(password)) == 1);
        if (set && (given == null || given.isEmpty())) {
            Path file = data.resolve("admin-password.txt");
            Files.createDirectories(data);
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.writeString(file, password + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            LOG.warn("First start: the administrator is 'admin' with the password {} (also in {}); "
                    + "set ATRIUM_ADMIN_PASSWORD to choose it", password, file);
        } else if (set) {
            LOG.info("First start: the administrator is 'admin' with the password from ATRIUM_ADMIN_PASSWORD");
        }
    }

    private static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder b = new StringBuilder("At-");
        for (int i = 0; i < 16; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.append("#7").toString();
    }
}
