package io.atrium.sync.internal;

import static io.atrium.ws.api.Descriptors.key;
import static io.atrium.ws.api.Descriptors.single;
import static io.atrium.ws.api.Descriptors.value;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atrium.lms.api.Contexts;
import io.atrium.lms.api.Course;
import io.atrium.lms.api.Courses;
import io.atrium.lms.api.Files;
import io.atrium.lms.api.IdentifierException;
import io.atrium.lms.api.Identifiers;
import io.atrium.lms.api.StoredFile;
import io.atrium.store.api.Store;
import io.atrium.ws.api.FunctionSpec;
import io.atrium.ws.api.FunctionType;
import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.WsCall;
import io.atrium.ws.api.WsException;
import io.atrium.ws.api.WsFunction;
import io.atrium.ws.api.WsFunctionName;

/**
 * Course deployment: {@code tool_sync_deploy_course} (the original's name, parameters and
 * return) makes a course from a template course or from a course archive in the sync file area
 * and applies the replacements; {@code tool_sync_archive_course}, which the original lacks,
 * writes such an archive. Both need {@code moodle/site:config}, as the original's admin
 * functions. docs/sync.md, "Course deployment", describes them.
 */
final class DeployFunctions {

    /** The {@code templateidsource} that names an archive in the sync file area. */
    static final String FILE_SOURCE = "file";

    private DeployFunctions() {
    }

    private static FunctionSpec.Builder admin(String description, FunctionType type) {
        return FunctionSpec.builder().description(description).type(type)
                .capability(SyncFunctions.CAPABILITY, SyncFunctions.CAPABILITY_NAME).services(SyncFunctions.SERVICE);
    }

    private static void oneOf(String name, String value, List<String> allowed) throws WsException {
        if (!allowed.contains(value)) {
            throw WsException.invalidParameter("Invalid " + name + " '" + value + "'; allowed values: "
                    + String.join(", ", allowed));
        }
    }

    @Component
    @WsFunctionName("tool_sync_deploy_course")
    public static final class DeployCourse implements WsFunction {
        private static final FunctionSpec SPEC = admin("Creates a course from a template: a course (templateidsource "
                + "id, idnumber or shortname), copied with its sections and activities, or a course archive in the sync "
                + "file area (templateidsource file, templateid its location, as tool_sync_archive_course writes it). "
                + "The new course gets the short name, full name and ID number given, in the category given; then the "
                + "replacements change section and activity texts. All or nothing: a bad replacement creates nothing.",
                FunctionType.WRITE)
                .parameters(single(key("categoryidsource", value(ParamType.TEXT, "id or idnumber")),
                        key("categoryid", value(ParamType.TEXT, "the category's id or idnumber")),
                        key("templateidsource", value(ParamType.TEXT, "id, idnumber, shortname, or file for an archive")),
                        key("templateid", value(ParamType.TEXT, "the template course's identifier, or the archive's "
                                + "location in the sync file area")),
                        key("shortname", value(ParamType.TEXT, "the new course's short name")),
                        key("fullname", value(ParamType.TEXT, "the new course's full name")),
                        key("idnumber", value(ParamType.TEXT, "the new course's ID number, empty for none")),
                        // RAW, where the original says TEXT: its values are section summaries and
                        // descriptions, which are HTML; TEXT would refuse every tag. The JSON is
                        // checked by Replacements.
                        key("replacements", value(ParamType.RAW, "Replacement JSON structure").withDefault(""))))
                .returns(value(ParamType.INT, "Course ID")).build();

        private final Store store;
        private final Identifiers identifiers;
        private final CourseDeployer deployer;
        private final SyncArea area;

        @Activate
        public DeployCourse(@Reference Store store, @Reference Identifiers identifiers, @Reference Courses courses,
                @Reference Files files, @Reference Contexts contexts) {
            this.store = store;
            this.identifiers = identifiers;
            this.deployer = new CourseDeployer(courses);
            this.area = new SyncArea(files, contexts, store);
        }

        @Override
        public FunctionSpec spec() {
            return SPEC;
        }

        @Override
        public Object execute(WsCall call) throws WsException {
            String categorySource = call.params().getString("categoryidsource");
            String templateSource = call.params().getString("templateidsource");
            String templateId = call.params().getString("templateid");
            oneOf("categoryidsource", categorySource, List.of("id", "idnumber"));
            oneOf("templateidsource", templateSource, List.of("id", "idnumber", "shortname", FILE_SOURCE));
            long category;
            try {
                category = identifiers.category(categorySource, call.params().getString("categoryid"));
            } catch (IdentifierException e) {
                throw WsException.invalidParameter(IdentifierException.AMBIGUOUS.equals(e.code()) ? e.getMessage()
                        : "Category does not exist.");
            }
            String shortname = call.params().getString("shortname").strip();
            String fullname = call.params().getString("fullname").strip();
            String idnumber = call.params().getString("idnumber").strip();
            if (shortname.isEmpty()) {
                throw WsException.invalidParameter("The new course needs a shortname");
            }
            if (fullname.isEmpty()) {
                throw WsException.invalidParameter("The new course needs a fullname");
            }
            List<Replacements.Entry> entries = Replacements.parse(call.params().getString("replacements"));
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("shortname", shortname);
            fields.put("fullname", fullname);
            fields.put("idnumber", idnumber);
            fields.put("category", category);
            Replacements.CourseValues values = CourseDeployer.values(fields);
            long actor = call.caller().userId();
            if (templateSource.equals(FILE_SOURCE)) {
                CourseArchive archive = archive(templateId);
                deployer.check(entries, values, archive);
                return store.inTransaction(false, db -> {
                    long id = deployer.fromArchive(archive, fields, actor);
                    deployer.replace(id, entries, values.withId(id), actor);
                    return id;
                });
            }
            long template;
            try {
                template = identifiers.course(templateSource, templateId);
            } catch (IdentifierException e) {
                throw WsException.invalidParameter(IdentifierException.AMBIGUOUS.equals(e.code()) ? e.getMessage()
                        : "Template course does not exist.");
            }
            deployer.check(entries, values, template);
            return store.inTransaction(false, db -> {
                long id = deployer.fromTemplate(template, fields, actor);
                deployer.replace(id, entries, values.withId(id), actor);
                return id;
            });
        }

        private CourseArchive archive(String location) throws WsException {
            String l = SyncArea.checkLocation(location);
            StoredFile file = area.find(SyncArea.place(l)).orElseThrow(() -> WsException.invalidParameter("No file '"
                    + l + "' in the sync file area: write one with tool_sync_archive_course, or upload it and commit it "
                    + "with tool_sync_commit_file"));
            try (InputStream in = area.open(file)) {
                return CourseArchive.read(in);
            } catch (CourseArchive.Invalid e) {
                throw CourseArchive.invalid(l, e.getMessage());
            } catch (IOException e) {
                throw CourseArchive.invalid(l, "it cannot be read: " + e.getMessage());
            }
        }
    }

    @Component
    @WsFunctionName("tool_sync_archive_course")
    public static final class ArchiveCourse implements WsFunction {
        private static final FunctionSpec SPEC = admin("Writes a course archive into the sync file area: a zip whose "
                + "course.json holds the course's settings, sections and activities, for tool_sync_deploy_course with "
                + "templateidsource file. A file at that location is replaced.", FunctionType.WRITE)
                .parameters(single(key("courseidsource", value(ParamType.TEXT, "id, idnumber or shortname")),
                        key("courseid", value(ParamType.TEXT, "the course's identifier")),
                        key("location", value(ParamType.TEXT, "where in the sync file area, such as "
                                + "templates/biology.zip"))))
                .returns(single(key("location", value(ParamType.RAW, "the archive's location in the sync file area")),
                        key("filesize", value(ParamType.INT, "its size in bytes")),
                        key("sections", value(ParamType.INT, "the sections archived")),
                        key("modules", value(ParamType.INT, "the activities archived"))))
                .build();

        private final Identifiers identifiers;
        private final Courses courses;
        private final SyncArea area;

        @Activate
        public ArchiveCourse(@Reference Store store, @Reference Identifiers identifiers, @Reference Courses courses,
                @Reference Files files, @Reference Contexts contexts) {
            this.identifiers = identifiers;
            this.courses = courses;
            this.area = new SyncArea(files, contexts, store);
        }

        @Override
        public FunctionSpec spec() {
            return SPEC;
        }

        @Override
        public Object execute(WsCall call) throws WsException {
            String source = call.params().getString("courseidsource");
            oneOf("courseidsource", source, List.of("id", "idnumber", "shortname"));
            long id;
            try {
                id = identifiers.course(source, call.params().getString("courseid"));
            } catch (IdentifierException e) {
                throw WsException.invalidParameter(IdentifierException.AMBIGUOUS.equals(e.code()) ? e.getMessage()
                        : "Course does not exist.");
            }
            if (id == Course.SITE_ID) {
                throw WsException.invalidParameter("The site course cannot be archived");
            }
            String location = SyncArea.checkLocation(call.params().getString("location"));
            Map<String, Object> fields = courses.fields(id).orElseThrow(() -> WsException.invalidParameter(
                    "Course does not exist."));
            CourseArchive archive = CourseArchive.of(fields, courses.sections(id), courses.modules(id));
            byte[] zip = archive.write();
            area.write(SyncArea.place(location), zip);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("location", location);
            out.put("filesize", zip.length);
            out.put("sections", archive.sections().size());
            out.put("modules", archive.modules().size());
            return out;
        }
    }
}
