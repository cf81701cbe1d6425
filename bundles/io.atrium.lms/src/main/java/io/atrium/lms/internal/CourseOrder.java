package io.atrium.lms.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.atrium.store.api.Db;

/**
 * Moodle's {@code fix_course_sortorder()}: categories are numbered depth first in steps of
 * 10000 (Moodle's MAX_COURSES_IN_CATEGORY), and a category's courses follow it (category sort
 * order plus 1, 2, ...), so that one ORDER BY sortorder lists the whole tree. Also recounts
 * each category's courses. The site course (category 0) is left alone.
 */
final class CourseOrder {

    static final long STEP = 10000;
    /** A sort order that places a new category after its siblings until the renumbering. */
    static final long LAST = Long.MAX_VALUE / 2;

    private CourseOrder() {
    }

    static void fix(Db db) {
        List<Cat> cats = db.list("SELECT id, parent, sortorder FROM mdl_course_categories ORDER BY sortorder, id",
                rs -> new Cat(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
        Map<Long, List<Cat>> children = new HashMap<>();
        for (Cat c : cats) {
            children.computeIfAbsent(c.parent(), k -> new ArrayList<>()).add(c);
        }
        List<Long> order = new ArrayList<>();
        walk(children, 0, order);
        for (int i = 0; i < order.size(); i++) {
            long catId = order.get(i);
            long sortorder = STEP * (i + 1);
            db.update("UPDATE mdl_course_categories SET sortorder = ? WHERE id = ? AND sortorder <> ?", sortorder,
                    catId, sortorder);
            courses(db, catId, sortorder);
        }
    }

    /**
     * Renumbers and recounts the courses of one category, when only its courses changed (a
     * course created, deleted or moved): the categories' own numbers stay as they are.
     */
    static void category(Db db, long catId) {
        db.first("SELECT sortorder FROM mdl_course_categories WHERE id = ?", rs -> rs.getLong(1), catId)
                .ifPresent(sortorder -> courses(db, catId, sortorder));
    }

    private static void courses(Db db, long catId, long sortorder) {
        // A new course comes in with sort order 0, so it is listed first, as in Moodle.
        List<Long> courses = db.list("SELECT id FROM mdl_course WHERE category = ? ORDER BY sortorder, id DESC",
                rs -> rs.getLong(1), catId);
        for (int j = 0; j < courses.size(); j++) {
            db.update("UPDATE mdl_course SET sortorder = ? WHERE id = ? AND sortorder <> ?",
                    sortorder + j + 1, courses.get(j), sortorder + j + 1);
        }
        db.update("UPDATE mdl_course_categories SET coursecount = ? WHERE id = ?", courses.size(), catId);
    }

    private record Cat(long id, long parent, long sortorder) {
    }

    private static void walk(Map<Long, List<Cat>> children, long parent, List<Long> order) {
        for (Cat c : children.getOrDefault(parent, List.of())) {
            order.add(c.id());
            walk(children, c.id(), order);
        }
    }
}
