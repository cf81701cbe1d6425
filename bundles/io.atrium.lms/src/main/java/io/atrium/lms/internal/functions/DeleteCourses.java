package io.atrium.lms.internal.functions;

import static io.atrium.ws.api.Descriptors.key;
import static io.atrium.ws.api.Descriptors.multiple;
import static io.atrium.ws.api.Descriptors.single;
import static io.atrium.ws.api.Descriptors.value;
import static io.atrium.ws.api.Descriptors.warnings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atrium.lms.api.Access;
import io.atrium.lms.api.Context;
import io.atrium.lms.api.ContextLevel;
import io.atrium.lms.api.Contexts;
import io.atrium.lms.api.Course;
import io.atrium.lms.api.Courses;
import io.atrium.ws.api.FunctionSpec;
import io.atrium.ws.api.FunctionType;
import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.WsCall;
import io.atrium.ws.api.WsException;
import io.atrium.ws.api.WsFunction;
import io.atrium.ws.api.WsFunctionName;

/**
 * {@code core_course_delete_courses}: as Moodle, a course that does not exist or may not be
 * deleted is a warning, not an error; the others are deleted.
 */
@Component
@WsFunctionName("core_course_delete_courses")
public final class DeleteCourses implements WsFunction {

    private static final FunctionSpec SPEC = FunctionSpec.builder()
            .description("Deletes all specified courses")
            .type(FunctionType.WRITE)
            .parameters(single(key("courseids", multiple(value(ParamType.INT, "course ID")))))
            .returns(single(key("warnings", warnings())))
            .build();

    private final Courses courses;
    private final Contexts contexts;
    private final Access access;

    @Activate
    public DeleteCourses(@Reference Courses courses, @Reference Contexts contexts, @Reference Access access) {
        this.courses = courses;
        this.contexts = contexts;
        this.access = access;
    }

    @Override
    public FunctionSpec spec() {
        return SPEC;
    }

    @Override
    public Object execute(WsCall call) throws WsException {
        long caller = call.caller().userId();
        List<Map<String, Object>> warnings = new ArrayList<>();
        for (long id : call.params().getLongList("courseids")) {
            Optional<Course> course = courses.get(id);
            if (course.isEmpty()) {
                warnings.add(warning(id, "unknowncourseidnumber", "Unknown course ID " + id));
                continue;
            }
            Optional<Context> context = contexts.of(ContextLevel.COURSE, id);
            // Moodle's can_delete_course(): never the site course; otherwise moodle/course:delete.
            if (id == Course.SITE_ID || context.isEmpty()
                    || !access.hasCapability(caller, "moodle/course:delete", context.get())) {
                warnings.add(warning(id, "cannotdeletecourse",
                        "You don't have the permission to delete the course with id: " + id));
                continue;
            }
            courses.delete(id, caller);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("warnings", warnings);
        return result;
    }

    private static Map<String, Object> warning(long id, String code, String message) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("item", "course");
        w.put("itemid", id);
        w.put("warningcode", code);
        w.put("message", message);
        return w;
    }
}
