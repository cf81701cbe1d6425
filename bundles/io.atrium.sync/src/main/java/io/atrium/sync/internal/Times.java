package io.atrium.sync.internal;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.atrium.lms.api.SiteConfig;

/**
 * Times in sync files: a Unix timestamp ({@code 1735689600}) or a date with an optional time of
 * day ({@code 2025-01-01}, {@code 2025-01-01 08:30}, {@code 2025-01-01 08:30:15}, a {@code T}
 * instead of the space too), read in the site's time zone. The original's help promises
 * timestamps and its code reads dates; both are accepted here.
 */
final class Times {

    private static final Pattern TIMESTAMP = Pattern.compile("\\d{1,12}");
    private static final Pattern DATE = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?");

    /** Moodle's "the server's time zone" in its timezone settings. */
    private static final String SERVER_ZONE = "99";

    private Times() {
    }

    /**
     * A time from a file.
     *
     * @return empty for an empty value (the caller's default applies)
     * @throws IllegalArgumentException for anything else than the forms above, naming them
     */
    static OptionalLong parse(String value, ZoneId zone) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            return OptionalLong.empty();
        }
        if (TIMESTAMP.matcher(v).matches()) {
            return OptionalLong.of(Long.parseLong(v));
        }
        Matcher m = DATE.matcher(v);
        if (m.matches()) {
            try {
                LocalDateTime t = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)), m.group(4) == null ? 0 : Integer.parseInt(m.group(4)),
                        m.group(5) == null ? 0 : Integer.parseInt(m.group(5)),
                        m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
                long seconds = t.atZone(zone).toEpochSecond();
                if (seconds < 0) {
                    throw new IllegalArgumentException("'" + v + "' is before 1970");
                }
                return OptionalLong.of(seconds);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("'" + v + "' is not a date: " + e.getMessage());
            }
        }
        throw new IllegalArgumentException("'" + v + "' is neither a Unix timestamp nor a date "
                + "YYYY-MM-DD[ hh:mm[:ss]]");
    }

    /**
     * The site's time zone, as Moodle chooses it: {@code forcetimezone}, else {@code timezone},
     * else (unset, {@code 99} or unknown) the server's.
     */
    static ZoneId zone(SiteConfig config) {
        for (String setting : new String[] { "forcetimezone", "timezone" }) {
            String z = config.get(setting).map(String::strip).orElse("");
            if (!z.isEmpty() && !z.equals(SERVER_ZONE)) {
                try {
                    return ZoneId.of(z);
                } catch (DateTimeException e) {
                    // not a zone Java knows: the next setting, or the server's
                }
            }
        }
        return ZoneId.systemDefault();
    }
}
