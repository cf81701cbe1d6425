package io.atrium.lms.internal.functions;

import static io.atrium.ws.api.Descriptors.key;
import static io.atrium.ws.api.Descriptors.multiple;
import static io.atrium.ws.api.Descriptors.single;
import static io.atrium.ws.api.Descriptors.value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atrium.lms.api.Access;
import io.atrium.lms.api.Context;
import io.atrium.lms.api.ContextLevel;
import io.atrium.lms.api.Contexts;
import io.atrium.store.api.Db;
import io.atrium.store.api.Store;
import io.atrium.ws.api.FunctionSpec;
import io.atrium.ws.api.FunctionType;
import io.atrium.ws.api.ParamType;
import io.atrium.ws.api.Params;
import io.atrium.ws.api.WsCall;
import io.atrium.ws.api.WsException;
import io.atrium.ws.api.WsFunction;
import io.atrium.ws.api.WsFunctionName;

/**
 * {@code core_course_get_categories}: the categories matching every criterion (AND), with their
 * subcategories unless {@code addsubcategories} is 0, in sort order. Hidden categories only for
 * those who may see them; ID number, visibility, time and theme only for category managers.
 */
@Component
@WsFunctionName("core_course_get_categories")
public final class GetCategories implements WsFunction {

    private static final FunctionSpec SPEC = FunctionSpec.builder()
            .description("Return category details")
            .type(FunctionType.READ)
            .services("moodle_mobile_app")
            .parameters(single(
                    key("criteria", multiple(single(
                            key("key", value(ParamType.ALPHA, "The category column to search, expected keys (value format) are:"
                                    + "\"id\" (int) the category id,"
                                    + "\"ids\" (string) category ids separated by commas,"
                                    + "\"name\" (string) the category name,"
                                    + "\"parent\" (int) the parent category id,"
                                    + "\"idnumber\" (string) category idnumber"
                                    + " - user must have 'moodle/category:manage' to search on idnumber,"
                                    + "\"visible\" (int) whether the returned categories must be visible or hidden. "
                                    + "If the key is not passed, then the function return all categories that the user can see."
                                    + " - user must have 'moodle/category:manage' or 'moodle/category:viewhiddencategories' to search on visible,"
                                    + "\"theme\" (string) only return the categories having this theme"
                                    + " - user must have 'moodle/category:manage' to search on theme")),
                            key("value", value(ParamType.RAW, "the value to match"))),
                            "criteria").withDefault(List.of())),
                    key("addsubcategories", value(ParamType.BOOL, "return the sub categories infos (1 - default) otherwise only the category info (0)").withDefault(true))))
            .returns(multiple(single("List of categories",
                    key("id", value(ParamType.INT, "category id")),
                    key("name", value(ParamType.RAW, "category name")),
                    key("idnumber", value(ParamType.RAW, "category id number").optional()),
                    key("description", value(ParamType.RAW, "category description")),
                    key("descriptionformat", value(ParamType.INT, "description" + CourseOutput.FORMAT_DESCRIPTION)),
                    key("parent", value(ParamType.INT, "parent category id")),
                    key("sortorder", value(ParamType.INT, "category sorting order")),
                    key("coursecount", value(ParamType.INT, "number of courses in this category")),
                    key("visible", value(ParamType.INT, "1: available, 0:not available").optional()),
                    key("visibleold", value(ParamType.INT, "1: available, 0:not available").optional()),
                    key("timemodified", value(ParamType.INT, "timestamp").optional()),
                    key("depth", value(ParamType.INT, "category depth")),
                    key("path", value(ParamType.TEXT, "category path")),
                    key("theme", value(ParamType.PLUGIN, "category theme").optional()))))
            .build();

    private final Store store;
    private final Access access;
    private final Contexts contexts;

    @Activate
    public GetCategories(@Reference Store store, @Reference Access access, @Reference Contexts contexts) {
        this.store = store;
        this.access = access;
        this.contexts = contexts;
    }

    @Override
    public FunctionSpec spec() {
        return SPEC;
    }

    @Override
    public Object execute(WsCall call) throws WsException {
        long caller = call.caller().userId();
        Context system = contexts.system();
        boolean manager = access.hasCapability(caller, "moodle/category:manage", system);
        StringBuilder where = new StringBuilder("1 = 1");
        List<Object> args = new ArrayList<>();
        List<Params> criteria = call.params().getParamsList("criteria");
        for (Params c : criteria == null ? List.<Params>of() : criteria) {
            String key = c.getString("key");
            String value = c.getString("value") == null ? "" : c.getString("value");
            switch (key) {
            case "id", "parent" -> {
                where.append(" AND ").append(key).append(" = ?");
                args.add(integer(key, value));
            }
            case "ids" -> {
                List<String> ids = new ArrayList<>();
                for (String id : value.split(",")) {
                    if (!id.isBlank()) {
                        args.add(integer(key, id.trim()));
                        ids.add("?");
                    }
                }
                where.append(ids.isEmpty() ? " AND 1 = 0" : " AND id IN (" + String.join(", ", ids) + ")");
            }
            case "name" -> {
                where.append(" AND name = ?");
                args.add(value);
            }
            case "idnumber", "theme" -> {
                if (!manager) {
                    throw WsException.noPermissions(access.title("moodle/category:manage"));
                }
                where.append(" AND ").append(key).append(" = ?");
                args.add(value);
            }
            case "visible" -> {
                if (!manager && !access.hasCapability(caller, "moodle/category:viewhiddencategories", system)) {
                    throw WsException.noPermissions(access.title("moodle/category:viewhiddencategories"));
                }
                where.append(" AND visible = ?");
                args.add(integer(key, value));
            }
            default -> throw WsException.of("invalidextparam", "Invalid external api parameter: " + key);
            }
        }
        Db db = store.current();
        record Row(long id, String path, Map<String, Object> info, boolean visible) {
        }
        String columns = "id, name, idnumber, description, descriptionformat, parent, sortorder, coursecount, "
                + "visible, visibleold, timemodified, depth, path, theme";
        io.atrium.store.api.RowMapper<Row> mapper = rs -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", rs.getLong("id"));
            m.put("name", rs.getString("name"));
            m.put("idnumber", rs.getString("idnumber"));
            m.put("description", CourseOutput.formatText(rs.getString("description"), rs.getInt("descriptionformat")));
            m.put("descriptionformat", 1);
            m.put("parent", rs.getLong("parent"));
            m.put("sortorder", rs.getLong("sortorder"));
            m.put("coursecount", rs.getLong("coursecount"));
            m.put("visible", rs.getInt("visible"));
            m.put("visibleold", rs.getInt("visibleold"));
            m.put("timemodified", rs.getLong("timemodified"));
            m.put("depth", rs.getInt("depth"));
            m.put("path", rs.getString("path"));
            m.put("theme", rs.getString("theme") == null ? "" : rs.getString("theme"));
            return new Row(rs.getLong("id"), rs.getString("path"), m, rs.getInt("visible") != 0);
        };
        Map<Long, Row> found = new LinkedHashMap<>();
        for (Row r : db.list("SELECT " + columns + " FROM mdl_course_categories WHERE " + where + " ORDER BY sortorder",
                mapper, args.toArray())) {
            found.put(r.id(), r);
        }
        if (call.params().getBoolean("addsubcategories") == null || call.params().getBoolean("addsubcategories")) {
            for (Row r : List.copyOf(found.values())) {
                for (Row sub : db.list("SELECT " + columns + " FROM mdl_course_categories WHERE path LIKE ? "
                        + "ORDER BY sortorder", mapper, r.path() + "/%")) {
                    found.putIfAbsent(sub.id(), sub);
                }
            }
        }
        List<Row> sorted = new ArrayList<>(found.values());
        sorted.sort((a, b) -> Long.compare((Long) a.info().get("sortorder"), (Long) b.info().get("sortorder")));
        List<Map<String, Object>> result = new ArrayList<>();
        for (Row r : sorted) {
            Context context = contexts.of(ContextLevel.COURSECAT, r.id()).orElse(system);
            if (!r.visible() && !access.hasCapability(caller, "moodle/category:viewhiddencategories", context)) {
                continue;
            }
            Map<String, Object> info = r.info();
            if (!access.hasCapability(caller, "moodle/category:manage", context)) {
                for (String k : List.of("idnumber", "visible", "visibleold", "timemodified", "theme")) {
                    info.remove(k);
                }
            }
            result.add(info);
        }
        return result;
    }

    private static long integer(String key, String value) throws WsException {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw WsException.invalidParameter(key + " => Invalid parameter value detected: the value is \"" + value
                    + "\", the server was expecting \"int\" type");
        }
    }
}
