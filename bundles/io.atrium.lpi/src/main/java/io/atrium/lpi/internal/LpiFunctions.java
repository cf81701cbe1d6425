package io.atrium.lpi.internal;

import static io.atrium.ws.api.Descriptors.key;
import static io.atrium.ws.api.Descriptors.multiple;
import static io.atrium.ws.api.Descriptors.single;
import static io.atrium.ws.api.Descriptors.value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atrium.auth.api.ServiceDeclaration;
import io.atrium.auth.api.ServiceDefinition;
import io.atrium.lms.api.Access;
import io.atrium.lms.api.Context;
import io.atrium.lms.api.ContextLevel;
import io.atrium.lms.api.Contexts;
import io.atrium.lms.api.Enrolments;
import io.atrium.lms.api.Files;
import io.atrium.lms.api.SiteConfig;
import io.atrium.lms.api.StoredFile;
import io.atrium.lms.api.User;
import io.atrium.lms.api.Users;
import io.atrium.lpi.api.Choice;
import io.atrium.lpi.api.DocumentContent;
import io.atrium.lpi.api.LicenceRecord;
import io.atrium.lpi.api.Licences;
import io.atrium.lpi.api.Page;
import io.atrium.ws.api.FunctionSpec;
import io.atrium.ws.api.FunctionType;
import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.Params;
import io.atrium.ws.api.SingleStructure;
import io.atrium.ws.api.WsCall;
import io.atrium.ws.api.WsException;
import io.atrium.ws.api.WsFunction;
import io.atrium.ws.api.WsFunctionName;

/**
 * local_lpi's functions: the licence office's three (the original's names, parameters and
 * returns) and the teacher's side, which the original does in Moodle's pages.
 */
final class LpiFunctions {

    static final String SERVICE = "local_lpi";
    static final String CLASSIFY_TITLE = "Classify course files for intellectual property";
    static final String MANAGE_TITLE = "Manage intellectual-property licences";
    /** Editing teachers hold it in their courses by default; it lets them classify too (see docs/lpi.md). */
    static final String COURSE_UPDATE = "moodle/course:update";

    private LpiFunctions() {
    }

    private static FunctionSpec.Builder manage(String description, FunctionType type) {
        return FunctionSpec.builder().description(description).type(type)
                .capability(Licences.CAPABILITY_MANAGE, MANAGE_TITLE).services(SERVICE);
    }

    private static FunctionSpec.Builder teacher(String description, FunctionType type) {
        return FunctionSpec.builder().description(description).type(type).services(SERVICE);
    }

    /** The external service {@code local_lpi}: downloads allowed (the queue's files). */
    @Component
    public static final class Service implements ServiceDeclaration {
        private static final ServiceDefinition DEFINITION = new ServiceDefinition(SERVICE,
                "Intellectual property (LPI)", true, false, null, false, true, List.of());

        @Override
        public ServiceDefinition definition() {
            return DEFINITION;
        }
    }

    /** The course context, once the caller may classify its files. */
    static Context classifier(Access access, Contexts contexts, long userId, long courseId) throws WsException {
        Context course = contexts.of(ContextLevel.COURSE, courseId)
                .orElseThrow(() -> WsException.invalidRecord("course", "course " + courseId));
        if (!access.hasCapability(userId, Licences.CAPABILITY_CLASSIFY, course)
                && !access.hasCapability(userId, COURSE_UPDATE, course)) {
            throw WsException.noPermissions(CLASSIFY_TITLE);
        }
        return course;
    }

    private static final SingleStructure SUMMARY = single(key("id", value(ParamType.INT, "metadata id")),
            key("fileid", value(ParamType.INT, "file id")),
            key("courseid", value(ParamType.INT, "course id")),
            key("cmid", value(ParamType.INT, "course module id, null for a file of the course itself")),
            key("state", value(ParamType.ALPHANUM, "none, ok, loe10, gt10, forbidden or deleted")),
            key("choice", value(ParamType.INT, "the classification 0-7, null before one")),
            key("hidden", value(ParamType.BOOL, "whether LPI hid the course module")));

    static Map<String, Object> summary(LicenceRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("fileid", r.fileid());
        m.put("courseid", r.courseid());
        m.put("cmid", r.cmid());
        m.put("state", r.state().wireName());
        m.put("choice", r.choice() == null ? null : (long) r.choice().number());
        m.put("hidden", r.hidden());
        return m;
    }

    private static String text(Params p, String key) {
        String s = p.getString(key);
        return s == null || s.isEmpty() ? null : s;
    }

    private static long number(Params p, String key) {
        Long n = p.getLong(key);
        return n == null ? 0 : n;
    }

    @Component
    @WsFunctionName("local_lpi_track_file")
    public static final class TrackFile implements WsFunction {
        private static final FunctionSpec SPEC = teacher("Starts tracking a course file (in the course's context "
                + "or one of its modules'): state none until a teacher classifies it; the hide job hides its module "
                + "when it stays unclassified. Needs local/lpi:classify in the course.", FunctionType.WRITE)
                .parameters(single(key("courseid", value(ParamType.INT, "course id")),
                        key("fileid", value(ParamType.INT, "file id"))))
                .returns(SUMMARY).build();

        private final Lpi lpi;
        private final Access access;
        private final Contexts contexts;

        @Activate
        public TrackFile(@Reference Lpi lpi, @Reference Access access, @Reference Contexts contexts) {
            this.lpi = lpi;
            this.access = access;
            this.contexts = contexts;
        }

        @Override
        public FunctionSpec spec() {
            return SPEC;
        }

        @Override
        public Object execute(WsCall call) throws WsException {
            long course = call.params().getLong("courseid");
            classifier(access, contexts, call.caller().userId(), course);
            return summary(lpi.track(course, call.params().getLong("fileid"), call.caller().userId()));
        }
    }

    @Component
    @WsFunctionName("local_lpi_classify_file")
    public static final class ClassifyFile implements WsFunction {
        private static final FunctionSpec SPEC = teacher("Classifies a course file: choice 0 no protected content, "
                + "1 administrative or legal, 2 by the course's teachers, 3 edited by the university, 4 public domain, "
                + "5 I have a licence (these publish the file), 6 a fragment of at most 10% (published), 7 a complete "
                + "work or more than 10% without a licence: paid licence processing (the licence queue). Needs "
                + "local/lpi:classify in the course.", FunctionType.WRITE)
                .parameters(single(key("courseid", value(ParamType.INT, "course id")),
                        key("fileid", value(ParamType.INT, "file id")),
                        key("choice", value(ParamType.INT, "0-7")),
                        key("title", value(ParamType.TEXT, "the work's title").withDefault("")),
                        key("author", value(ParamType.TEXT, "the work's author").withDefault("")),
                        key("publisher", value(ParamType.TEXT, "the publisher").withDefault("")),
                        key("identification", value(ParamType.TEXT, "ISBN, ISSN, DOI...").withDefault("")),
                        key("pages", value(ParamType.TEXT, "the pages used").withDefault("")),
                        key("totalpages", value(ParamType.INT, "the work's pages").withDefault(0L)),
                        key("firstpage", value(ParamType.INT, "the fragment's first page").withDefault(0L)),
                        key("lastpage", value(ParamType.INT, "the fragment's last page").withDefault(0L)),
                        key("fragment", value(ParamType.BOOL, "whether a fragment is used").withDefault(false)),
                        key("fragmenttitle", value(ParamType.TEXT, "the fragment's title").withDefault("")),
                        key("fragmentauthor", value(ParamType.TEXT, "the fragment's author").withDefault("")),
                        key("timeendlicense", value(ParamType.INT, "the licence's end, Unix time; 0 for none or "
                                + "perpetual").withDefault(0L)),
                        key("comments", value(ParamType.TEXT, "comments").withDefault(""))))
                .returns(SUMMARY).build();

        private final Lpi lpi;
        private final Access access;
        private final Contexts contexts;

        @Activate
        public ClassifyFile(@Reference Lpi lpi, @Reference Access access, @Reference Contexts contexts) {
            this.lpi = lpi;
            this.access = access;
            this.contexts = contexts;
        }

        @Override
        public FunctionSpec spec() {
            return SPEC;
        }

        @Override
        public Object execute(WsCall call) throws WsException {
            Params p = call.params();
            long course = p.getLong("courseid");
            classifier(access, contexts, call.caller().userId(), course);
            long number = p.getLong("choice");
            if (number < 0 || number > 7) {
                throw WsException.invalidParameter("choice is 0 to 7, not " + number);
            }
            Classification c = new Classification(Choice.of((int) number), text(p, "title"), text(p, "author"),
                    text(p, "publisher"), text(p, "identification"), text(p, "pages"), number(p, "totalpages"),
                    number(p, "firstpage"), number(p, "lastpage"), Boolean.TRUE.equals(p.getBoolean("fragment")),
                    text(p, "fragmenttitle"), text(p, "fragmentauthor"), number(p, "timeendlicense"),
                    text(p, "comments"));
            return summary(lpi.classify(course, p.getLong("fileid"), c, call.caller().userId()));
        }
    }

    @Component
    @WsFunctionName("local_lpi_get_course_files")
    public static final class GetCourseFiles implements WsFunction {
        private static final FunctionSpec SPEC = teacher("The tracked files of a course with their state. Needs "
                + "local/lpi:classify in the course.", FunctionType.READ)
                .parameters(single(key("courseid", value(ParamType.INT, "course id"))))
                .returns(multiple(single(key("id", value(ParamType.INT, "metadata id")),
                        key("fileid", value(ParamType.INT, "file id")),
                        key("filename", value(ParamType.FILE, "the file's name, null when it is gone")),
                        key("cmid", value(ParamType.INT, "course module id, null for a file of the course itself")),
                        key("state", value(ParamType.ALPHANUM, "none, ok, loe10, gt10, forbidden or deleted")),
                        key("choice", value(ParamType.INT, "the classification 0-7, null before one")),
                        key("hidden", value(ParamType.BOOL, "whether LPI hid the course module")),
                        key("title", value(ParamType.RAW, "the work's title")),
                        key("author", value(ParamType.RAW, "the work's author")))))
                .build();

        private final Lpi lpi;
        private final Access access;
        private final Contexts contexts;
        private final Files files;

        @Activate
        public GetCourseFiles(@Reference Lpi lpi, @Reference Access access, @Reference Contexts contexts,
                @Reference Files files) {
            this.lpi = lpi;
            this.access = access;
            this.contexts = contexts;
            this.files = files;
        }

        @Override
        public FunctionSpec spec() {
            return SPEC;
        }

        @Override
        public Object execute(WsCall call) throws WsException {
            long course = call.params().getLong("courseid");
            classifier(access, contexts, call.caller().userId(), course);
            List<Map<String, Object>> out = new ArrayList<>();
            for (LicenceRecord r : lpi.ofCourse(course)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", r.id());
                m.put("fileid", r.fileid());
                m.put("filename", files.byId(r.fileid()).map(StoredFile::filename).orElse(null));
                m.put("cmid", r.cmid());
                m.put("state", r.state().wireName());
                m.put("choice", r.choice() == null ? null : (long) r.choice().number());
                m.put("hidden", r.hidden());
                m.put("title", r.title());
                m.put("author", r.author());
                out.add(m);
            }
            return out;
        }
    }

    @Component
    @WsFunctionName("local_lpi_get_pending_files")
    public static final class GetPendingFiles implements WsFunction {
        private static final FunctionSpec SPEC = manage("The files waiting for licence processing (state gt10), "
                + "page by page, optionally only those whose author, title, fragment author or fragment title "
                + "contains the search text; count is the total of the files found.", FunctionType.READ)
                .parameters(single(key("page", value(ParamType.INT, "the page, from 0").withDefault(0L)),
                        key("count", value(ParamType.INT, "files per page; 0 for all").withDefault(0L)),
                        key("search", value(ParamType.TEXT, "text to look for").withDefault(""))))
                .returns(single(key("count", value(ParamType.INT, "the total of files found")),
                        key("data", multiple(single(key("id", value(ParamType.INT, "metadata id")),
                                key("title", value(ParamType.RAW, "title")),
                                key("author", value(ParamType.RAW, "author")),
                                key("fragment", value(ParamType.BOOL, "whether a fragment is used")),
                                key("state", value(ParamType.ALPHANUM, "always gt10")),
                                key("metadatauserid", value(ParamType.INT, "who classified it")),
                                key("metadatauseridnumber", value(ParamType.RAW, "their idnumber")),
                                key("metadatauseremail", value(ParamType.RAW, "their email")),
                                key("metadatatimecreated", value(ParamType.INT, "when it was classified")))))))
                .build();

        private final Lpi lpi;
        private final Users users;

        @Activate
        public GetPendingFiles(@Reference Lpi lpi, @Reference Users users) {
            this.lpi = lpi;
            this.users = users;
        }

        @Override
        public FunctionSpec spec() {
            return SPEC;
        }

        @Override
        public Object execute(WsCall call) throws WsException {
            Params p = call.params();
            long page = p.getLong("page");
            long count = p.getLong("count");
            if (page < 0 || count < 0 || page > Integer.MAX_VALUE || count > Integer.MAX_VALUE) {
                throw WsException.invalidParameter("page and count are 0 or more");
            }
            Page<LicenceRecord> found = lpi.pending((int) page, (int) count, p.getString("search"));
            List<Map<String, Object>> data = new ArrayList<>();
            for (LicenceRecord r : found.items()) {
                Optional<User> u = users.get(r.userid());
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", r.id());
                m.put("title", r.title());
                m.put("author", r.author());
                m.put("fragment", r.fragment());
                m.put("state", r.state().wireName());
                m.put("metadatauserid", r.userid());
                m.put("metadatauseridnumber", u.map(User::idnumber).orElse(null));
                m.put("metadatauseremail", u.map(User::email).orElse(null));
                m.put("metadatatimecreated", r.timeclassified());
                data.add(m);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("count", found.total());
            out.put("data", data);
            return out;
        }
    }

    @Component
    @WsFunctionName("local_lpi_get_file_metadata")
    public static final class GetFileMetadata implements WsFunction {
        private static final FunctionSpec SPEC = manage("The metadata of a file waiting for licence processing "
                + "(state gt10), with the address to download it from (add token=...).", FunctionType.READ)
                .parameters(single(key("id", value(ParamType.INT, "metadata id"))))
                .returns(single(key("id", value(ParamType.INT, "metadata id")),
                        key("title", value(ParamType.RAW, "title")),
                        key("author", value(ParamType.RAW, "author")),
                        key("fragmenttitle", value(ParamType.RAW, "the fragment's title")),
                        key("fragmentauthor", value(ParamType.RAW, "the fragment's author")),
                        key("publisher", value(ParamType.RAW, "publisher")),
                        key("url", value(ParamType.RAW, "download address")),
                        key("identification", value(ParamType.RAW, "ISBN, ISSN, DOI...")),
                        key("firstpage", value(ParamType.INT, "the fragment's first page")),
                        key("lastpage", value(ParamType.INT, "the fragment's last page")),
                        key("totalpages", value(ParamType.INT, "the work's pages")),
                        key("enroled", value(ParamType.INT, "users enrolled in the course")),
                        key("metadatauserid", value(ParamType.INT, "who classified it")),
                        key("metadatauseridnumber", value(ParamType.RAW, "their idnumber")),
                        key("metadatauseremail", value(ParamType.RAW, "their email")),
                        key("metadatatimecreated", value(ParamType.INT, "when it was classified")),
                        key("uploaduserid", value(ParamType.INT, "who uploaded the file")),
                        key("uploadtimecreated", value(ParamType.INT, "when the file was uploaded")),
                        key("mimetype", value(ParamType.RAW, "the file's content type")),
                        key("filesize", value(ParamType.INT, "the file's size in bytes"))))
                .build();

        private final Lpi lpi;
        private final Users users;
        private final Files files;
        private final Enrolments enrolments;
        private final SiteConfig config;

        @Activate
        public GetFileMetadata(@Reference Lpi lpi, @Reference Users users, @Reference Files files,
                @Reference Enrolments enrolments, @Reference SiteConfig config) {
            this.lpi = lpi;
            this.users = users;
            this.files = files;
            this.enrolments = enrolments;
            this.config = config;
        }

        @Override
        public FunctionSpec spec() {
            return SPEC;
        }

        @Override
        public Object execute(WsCall call) throws WsException {
            long id = call.params().getLong("id");
            LicenceRecord r = lpi.queued(id);
            StoredFile f = files.byId(r.fileid()).orElseThrow(() -> Errors.fileNotFound(id));
            Optional<User> u = users.get(r.userid());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.id());
            m.put("title", r.title());
            m.put("author", r.author());
            m.put("fragmenttitle", r.fragmenttitle());
            m.put("fragmentauthor", r.fragmentauthor());
            m.put("publisher", r.publisher());
            m.put("url", config.wwwroot() + DownloadServlet.PATH + "?id=" + r.id());
            m.put("identification", r.identification());
            m.put("firstpage", r.firstpage());
            m.put("lastpage", r.lastpage());
            m.put("totalpages", r.totalpages());
            m.put("enroled", (long) enrolments.enrolledUsers(r.courseid(), Enrolments.Query.all()).size());
            m.put("metadatauserid", r.userid());
            m.put("metadatauseridnumber", u.map(User::idnumber).orElse(null));
            m.put("metadatauseremail", u.map(User::email).orElse(null));
            m.put("metadatatimecreated", r.timeclassified());
            m.put("uploaduserid", f.userid());
            m.put("uploadtimecreated", f.timecreated());
            m.put("mimetype", f.mimetype());
            m.put("filesize", f.filesize());
            return m;
        }
    }

    @Component
    @WsFunctionName("local_lpi_set_file_authorization")
    public static final class SetFileAuthorization implements WsFunction {
        private static final FunctionSpec SPEC = manage("The licence office's decision on a queued file: ok "
                + "publishes it (documentcontent says what it is; timeendlicense is required for havelicense and "
                + "other), forbidden refuses it and hides its module (denyreason required).", FunctionType.WRITE)
                .parameters(single(key("id", value(ParamType.INT, "metadata id")),
                        key("authz", value(ParamType.ALPHA, "ok or forbidden")),
                        key("documentcontent", value(ParamType.ALPHANUM, "notprintable, administrative, "
                                + "ownedbyteachers, editedbyuniversity, publicdomain, havelicense, lt10fragment or other")),
                        key("timeendlicense", value(ParamType.INT, "the licence's end, Unix time").withDefault(0L)),
                        key("denyreason", value(ParamType.TEXT, "why it is refused").withDefault(""))))
                .returns(single(key("id", value(ParamType.INT, "metadata id")),
                        key("authz", value(ParamType.ALPHA, "ok or forbidden")),
                        key("document_content", value(ParamType.ALPHANUM, "the document content")),
                        key("timeendlicense", value(ParamType.INT, "the licence's end (ok)").optional()),
                        key("denystate", value(ParamType.RAW, "why it was refused (forbidden)").optional())))
                .build();

        private final Lpi lpi;

        @Activate
        public SetFileAuthorization(@Reference Lpi lpi) {
            this.lpi = lpi;
        }

        @Override
        public FunctionSpec spec() {
            return SPEC;
        }

        @Override
        public Object execute(WsCall call) throws WsException {
            Params p = call.params();
            String authz = p.getString("authz");
            if (!"ok".equals(authz) && !"forbidden".equals(authz)) {
                throw WsException.invalidParameter("authz is ok or forbidden, not " + authz);
            }
            DocumentContent content = DocumentContent.ofWireName(p.getString("documentcontent"));
            if (content == null) {
                throw WsException.invalidParameter("documentcontent is one of notprintable, administrative, "
                        + "ownedbyteachers, editedbyuniversity, publicdomain, havelicense, lt10fragment, other");
            }
            boolean ok = "ok".equals(authz);
            long end = p.getLong("timeendlicense");
            String reason = p.getString("denyreason");
            if (ok && content.needsLicenceEnd() && end <= 0) {
                throw WsException.invalidParameter("timeendlicense is required for " + content.wireName());
            }
            if (!ok && (reason == null || reason.isBlank())) {
                throw WsException.invalidParameter("denyreason is required for forbidden");
            }
            LicenceRecord r = lpi.authorize(p.getLong("id"), ok, content, ok ? Math.max(0, end) : 0, reason,
                    call.caller().userId());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.id());
            m.put("authz", authz);
            m.put("document_content", content.wireName());
            if (ok) {
                m.put("timeendlicense", r.timeendlicense());
            } else {
                m.put("denystate", r.denyreason());
            }
            return m;
        }
    }
}
