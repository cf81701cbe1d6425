package io.atrium.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atrium.lms.api.Course;
import io.atrium.lms.api.Courses;
import io.atrium.lms.api.Enrolments;
import io.atrium.lms.api.SiteConfig;
import io.atrium.lpi.api.Choice;
import io.atrium.lpi.api.LicenceRecord;
import io.atrium.lpi.api.Licences;
import io.atrium.lpi.api.Page;
import io.atrium.lpi.api.State;

/**
 * The audit view of the licence records: every classified record that is not administrative,
 * with the course dissociated. A course appears as a pseudonym, the first 16 hex digits of
 * HMAC-SHA256 over its id with a site key of this bundle ({@code local_lpi_audit} /
 * {@code pseudonymkey} in the plugin settings, made when the bundle first starts): stable for
 * the site, the same on every node, and not reversible without the key.
 */
@Component(service = Auditor.class)
public final class Auditor {

    static final String PLUGIN = "local_lpi_audit";
    private static final String KEY = "pseudonymkey";

    /** What the teacher's choice says the licence is, where the licence office has not said. */
    private static final Map<Choice, String> CHOICE_LICENCES = Map.of(Choice.NO_PROTECTED_CONTENT, "noprotectedcontent",
            Choice.ADMINISTRATIVE, "administrative", Choice.BY_TEACHERS, "ownedbyteachers", Choice.BY_UNIVERSITY,
            "editedbyuniversity", Choice.PUBLIC_DOMAIN, "publicdomain", Choice.HAVE_LICENCE, "havelicense",
            Choice.FRAGMENT_LOE10, "lt10fragment", Choice.GT10_REQUEST_LICENCE, "gt10");

    private final Licences licences;
    private final Courses courses;
    private final Enrolments enrolments;
    private final SiteConfig config;
    private final SecureRandom random = new SecureRandom();

    @Activate
    public Auditor(@Reference Licences licences, @Reference Courses courses, @Reference Enrolments enrolments,
            @Reference SiteConfig config) {
        this.licences = licences;
        this.courses = courses;
        this.enrolments = enrolments;
        this.config = config;
        // Made here, outside any call: the audit function runs in a read-only transaction.
        if (config.get(PLUGIN, KEY).filter(k -> k.length() == 64).isEmpty()) {
            byte[] fresh = new byte[32];
            random.nextBytes(fresh);
            config.set(PLUGIN, KEY, HexFormat.of().formatHex(fresh));
        }
    }

    /** A page of auditable records, as the web service answers it. */
    Map<String, Object> page(int page, int count) {
        Page<LicenceRecord> p = licences.auditable(Math.max(0, page), Math.max(1, count));
        byte[] key = key();
        List<Map<String, Object>> data = new ArrayList<>();
        // Records of one course share its creation time and its enrolments: read once per course.
        Map<Long, Course> seen = new LinkedHashMap<>();
        Map<Long, Long> enroled = new LinkedHashMap<>();
        for (LicenceRecord r : p.items()) {
            Course course = seen.computeIfAbsent(r.courseid(), id -> courses.get(id).orElse(null));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.id());
            m.put("state", r.state().wireName());
            m.put("coursetimecreated", course == null ? 0L : course.timecreated());
            m.put("enroled", enroled.computeIfAbsent(r.courseid(),
                    id -> (long) enrolments.enrolledUsers(id, Enrolments.Query.all()).size()));
            m.put("timemodified", r.timemodified());
            m.put("license", r.documentcontent() != null ? r.documentcontent().wireName()
                    : r.choice() == null ? null : CHOICE_LICENCES.get(r.choice()));
            m.put("title", r.title());
            m.put("author", r.author());
            m.put("publisher", r.publisher());
            m.put("identification", r.identification());
            m.put("pages", r.pages());
            m.put("totalpages", r.totalpages());
            m.put("timeendlicense", r.timeendlicense());
            m.put("comments", r.comments());
            m.put("courseid", pseudonym(key, r.courseid()));
            m.put("downloadurl", config.wwwroot() + AuditDownloadServlet.PATH + "?id=" + r.id());
            data.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", p.total());
        out.put("data", data);
        return out;
    }

    /** An auditable record, or empty (unknown, unclassified, deleted or administrative). */
    Optional<LicenceRecord> auditable(long id) {
        return licences.get(id).filter(r -> r.state() != State.NONE && r.state() != State.DELETED
                && r.choice() != Choice.ADMINISTRATIVE
                && (r.documentcontent() == null || !"administrative".equals(r.documentcontent().wireName())));
    }

    Licences licences() {
        return licences;
    }

    static String pseudonym(byte[] key, long courseId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(("course:" + courseId).getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** The site's pseudonym key, as stored (read each time, so that every node uses the stored one). */
    private byte[] key() {
        return HexFormat.of().parseHex(config.get(PLUGIN, KEY).orElseThrow(
                () -> new IllegalStateException("the audit pseudonym key is missing")));
    }
}
