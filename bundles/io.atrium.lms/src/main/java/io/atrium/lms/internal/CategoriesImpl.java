package io.atrium.lms.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.atrium.lms.api.Categories;
import io.atrium.lms.api.Category;
import io.atrium.lms.api.Context;
import io.atrium.lms.api.ContextLevel;
import io.atrium.lms.api.EventLog;
import io.atrium.lms.api.LmsEvent;
import io.atrium.store.api.Db;
import io.atrium.store.api.RowMapper;
import io.atrium.store.api.Schema;
import io.atrium.store.api.Store;
import io.atrium.ws.api.WsException;

/** Course categories as Moodle's {@code core_course_category} keeps them. */
@Component
public final class CategoriesImpl implements Categories {

    static final Set<String> FIELDS = Set.of("name", "parent", "idnumber", "description", "descriptionformat",
            "visible", "theme");

    static final String COLUMNS = "id, name, idnumber, description, descriptionformat, parent, sortorder, "
            + "coursecount, visible, timemodified, depth, path, theme";

    static final RowMapper<Category> CATEGORY = rs -> new Category(rs.getLong("id"), rs.getString("name"),
            rs.getString("idnumber"), Rows.text(rs, "description"), rs.getInt("descriptionformat"),
            rs.getLong("parent"), rs.getLong("sortorder"), rs.getLong("coursecount"), rs.getInt("visible") != 0,
            rs.getLong("timemodified"), rs.getInt("depth"), rs.getString("path"), rs.getString("theme"));

    private final Store store;
    private final EventLog events;

    @Activate
    public CategoriesImpl(@Reference Store store, @Reference EventLog events,
            @Reference(target = "(" + Schema.BUNDLE + "=io.atrium.lms)") Schema schema) {
        this.store = store;
        this.events = events;
    }

    @Override
    public Optional<Category> get(long id) {
        return store.inTransaction(true, db -> find(db, id));
    }

    @Override
    public List<Category> children(long parent) {
        return store.inTransaction(true, db -> db.list("SELECT " + COLUMNS + " FROM mdl_course_categories "
                + "WHERE parent = ? ORDER BY sortorder, id", CATEGORY, parent));
    }

    static Optional<Category> find(Db db, long id) {
        return db.first("SELECT " + COLUMNS + " FROM mdl_course_categories WHERE id = ?", CATEGORY, id);
    }

    @Override
    public long create(Map<String, Object> fields, long actor) throws WsException {
        return store.inTransaction(false, db -> {
            for (String f : fields.keySet()) {
                if (!FIELDS.contains(f)) {
                    throw WsException.invalidParameter("Unknown category field: " + f);
                }
            }
            String name = fields.get("name") == null ? "" : fields.get("name").toString().trim();
            if (name.isEmpty()) {
                throw WsException.of("categorynamerequired", "A category name is required.");
            }
            if (name.length() > 255) {
                throw WsException.of("categorytoolong", "Category name too long");
            }
            long parentId = number(fields.get("parent"), 0);
            Category parent = null;
            Context parentContext = ContextStore.SYSTEM;
            if (parentId != 0) {
                parent = find(db, parentId).orElseThrow(() -> WsException.invalidRecord("course_categories",
                        "SELECT * FROM {course_categories} WHERE id = ?\n[array (\n  0 => " + parentId + ",\n)]"));
                parentContext = ContextStore.of(db, ContextLevel.COURSECAT, parentId)
                        .orElseThrow(() -> new IllegalStateException("category " + parentId + " has no context"));
            }
            Object idnumber = fields.get("idnumber");
            String idn = idnumber == null ? null : idnumber.toString();
            if (idn != null && !idn.isEmpty()) {
                if (idn.length() > 100) {
                    throw WsException.of("idnumbertoolong", "ID number is too long");
                }
                if (db.number("SELECT COUNT(*) FROM mdl_course_categories WHERE idnumber = ?", idn) > 0) {
                    throw WsException.of("categoryidnumbertaken", "ID number is already used for another category");
                }
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", name);
            row.put("idnumber", idn == null || idn.isEmpty() ? null : idn);
            row.put("description", fields.get("description") == null ? null : fields.get("description").toString());
            row.put("descriptionformat", number(fields.get("descriptionformat"), 1));
            row.put("parent", parentId);
            row.put("sortorder", CourseOrder.LAST);
            row.put("coursecount", 0);
            long visible = parent != null && !parent.visible() ? 0 : number(fields.get("visible"), 1);
            row.put("visible", visible);
            row.put("visibleold", visible);
            row.put("timemodified", Rows.now());
            row.put("depth", parent == null ? 1 : parent.depth() + 1);
            row.put("theme", fields.get("theme") == null ? null : fields.get("theme").toString());
            long id = db.insert("mdl_course_categories", row);
            db.update("UPDATE mdl_course_categories SET path = ? WHERE id = ?",
                    (parent == null ? "" : parent.path()) + "/" + id, id);
            Context context = ContextStore.create(db, ContextLevel.COURSECAT, id, parentContext);
            CourseOrder.fix(db);
            events.append(LmsEvent.named("\\core\\event\\course_category_created").crud("c").edulevel(0)
                    .object("course_categories", id).context(context).user(actor));
            return id;
        });
    }

    /** A number given as Long, Integer, Boolean or text; the fallback when absent. */
    static long number(Object v, long fallback) throws WsException {
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        try {
            return Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            throw WsException.invalidParameter("Not a number: " + v);
        }
    }
}
