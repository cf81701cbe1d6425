package io.atrium.auth.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Derives token values: {@code HMAC-SHA256(secret, salt)}, cut to Moodle's 32 hexadecimal
 * characters. The database keeps the salt and the SHA-256 of the token, never the token; the
 * secret lives outside the database, so a copy of the database reveals no token, while the
 * server can hand a user's valid token out again as Moodle's login/token.php does. Nodes sharing
 * a database must share the secret (configuration {@code io.atrium.auth}, {@code tokenSecret}).
 */
final class Secret {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;
    /** Mac.getInstance looks the provider up each time; a thread keeps its own, keyed once. */
    private final ThreadLocal<Mac> macs;

    Secret(byte[] key) {
        this.key = key.clone();
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The configured secret, or the one in {@code <data>/auth-secret}, made on first use (owner-only). */
    static Secret load(String configured, Path data) {
        if (configured != null && !configured.isBlank()) {
            return new Secret(configured.trim().getBytes(StandardCharsets.UTF_8));
        }
        Path file = data.resolve("auth-secret");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(data);
                byte[] fresh = new byte[32];
                RANDOM.nextBytes(fresh);
                Path temp = Files.createTempFile(data, "auth-secret", ".tmp");
                try {
                    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system
                }
                Files.writeString(temp, HexFormat.of().formatHex(fresh) + "\n");
                try {
                    Files.move(temp, file); // not replacing: another start may have won
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    Files.delete(temp);
                }
            }
            return new Secret(Files.readString(file).trim().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the token secret " + file, e);
        }
    }

    /** A new salt: 16 random bytes, hexadecimal. */
    static String salt() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** The token of a salt. */
    String token(String salt) {
        return hmac("token:" + salt).substring(0, 32);
    }

    /** A per-user key that is stable across calls (get_site_info's userprivateaccesskey). */
    String userKey(long userid) {
        return hmac("user:" + userid).substring(0, 32);
    }

    private String hmac(String message) {
        return HexFormat.of().formatHex(macs.get().doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    /** SHA-256, hexadecimal: how tokens and password hashes are recorded. */
    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
