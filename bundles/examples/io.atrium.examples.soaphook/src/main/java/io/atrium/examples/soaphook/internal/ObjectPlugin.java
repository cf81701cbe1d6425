package io.atrium.examples.soaphook.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atrium.lms.api.Access;
import io.atrium.lms.api.Categories;
import io.atrium.lms.api.Category;
import io.atrium.lms.api.Context;
import io.atrium.lms.api.ContextLevel;
import io.atrium.lms.api.Contexts;
import io.atrium.lms.api.Course;
import io.atrium.lms.api.CourseModule;
import io.atrium.lms.api.Courses;
import io.atrium.soap.hook.api.AbstractSoapMethod;
import io.atrium.soap.hook.api.SoapHookPlugin;
import io.atrium.soap.hook.api.SoapMethod;
import io.atrium.soap.hook.api.SoapPluginException;
import io.atrium.soap.hook.api.SoapSession;
import io.atrium.soap.hook.api.WsdlType;

/**
 * The example SOAP hook plugin, after ILIAS's TestSoapHook: {@code getObjectTitleByRefId(sid,
 * ref_id)} returns the title of the object a ref id names, and {@code getObjectByRefId(sid,
 * ref_id)} the object as the complex type {@code tns:atriumObject}. A ref id is a context id:
 * of a course category, a course or a course module. Hidden objects are found only by users
 * who may see hidden ones there.
 */
@Component
public final class ObjectPlugin implements SoapHookPlugin {

    /** The namespace of the plugin's operations. */
    static final String NAMESPACE = "urn:atrium:examples:soaphook";

    /** An object a ref id names. */
    record Found(long refId, String type, String title) {
    }

    private final Contexts contexts;
    private final Categories categories;
    private final Courses courses;
    private final Access access;

    @Activate
    public ObjectPlugin(@Reference Contexts contexts, @Reference Categories categories, @Reference Courses courses,
            @Reference Access access) {
        this.contexts = contexts;
        this.categories = categories;
        this.courses = courses;
        this.access = access;
    }

    @Override
    public List<SoapMethod> soapMethods() {
        return List.of(new Method("getObjectTitleByRefId", Map.of("title", "xsd:string"),
                "Returns the title of the object (course category, course or course module) with the given ref id, "
                        + "a context id.") {
            @Override
            Object result(Found found) {
                return found.title();
            }
        }, new Method("getObjectByRefId", Map.of("object", "tns:atriumObject"),
                "Returns the object (course category, course or course module) with the given ref id, a context id: "
                        + "its ref id, type (cat, crs or the module's type) and title.") {
            @Override
            Object result(Found found) {
                Map<String, Object> object = new LinkedHashMap<>();
                object.put("ref_id", found.refId());
                object.put("type", found.type());
                object.put("title", found.title());
                return object;
            }
        });
    }

    @Override
    public List<WsdlType> wsdlTypes() {
        return List.of(WsdlType.struct("atriumObject", WsdlType.Element.of("ref_id", "xsd:int"),
                WsdlType.Element.of("type", "xsd:string"), WsdlType.Element.of("title", "xsd:string")));
    }

    /** The two methods: same parameters and lookup, different results. */
    private abstract class Method extends AbstractSoapMethod {

        Method(String name, Map<String, String> output, String documentation) {
            super(name, Map.of("ref_id", "xsd:int"), output, NAMESPACE, documentation);
        }

        @Override
        protected Object execute(SoapSession session, List<Object> params) throws SoapPluginException {
            long refId = (Long) params.get(1);
            if (refId <= 0) {
                throw new SoapPluginException("No valid Ref-Id provided", SoapPluginException.CLIENT);
            }
            return result(find(session.userId(), refId)
                    .orElseThrow(() -> new SoapPluginException("Could not load object", SoapPluginException.CLIENT)));
        }

        abstract Object result(Found found);
    }

    /** The category, course or module of a context, if the user may see it. */
    Optional<Found> find(long userId, long refId) {
        Optional<Context> context = contexts.byId(refId);
        if (context.isEmpty()) {
            return Optional.empty();
        }
        Context c = context.get();
        if (c.level() == ContextLevel.COURSECAT) {
            return categories.get(c.instanceId())
                    .filter(cat -> cat.visible() || access.hasCapability(userId, "moodle/category:viewhiddencategories", c))
                    .map((Category cat) -> new Found(refId, "cat", cat.name()));
        }
        if (c.level() == ContextLevel.COURSE) {
            return courses.get(c.instanceId())
                    .filter(course -> course.visible() || access.hasCapability(userId, "moodle/course:viewhiddencourses", c))
                    .map((Course course) -> new Found(refId, "crs", course.fullname()));
        }
        if (c.level() == ContextLevel.MODULE) {
            return courses.module(c.instanceId())
                    .filter(cm -> cm.visible() || access.hasCapability(userId, "moodle/course:viewhiddenactivities", c))
                    .map((CourseModule cm) -> new Found(refId, cm.modname(), cm.name()));
        }
        return Optional.empty();
    }
}
