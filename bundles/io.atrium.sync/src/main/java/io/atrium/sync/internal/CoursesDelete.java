package io.atrium.sync.internal;

import java.util.List;

import io.atrium.lms.api.Course;
import io.atrium.ws.api.WsException;

/**
 * {@code courses}/{@code delete}: a file without a header, one course identifier per line
 * (its first value; more values are a comment), matched by {@code courses_filedeleteidentifier}.
 * Each course is deleted with everything that hangs on it; a course that does not exist fails
 * its line, so that it lands in the tryback file.
 */
final class CoursesDelete implements Processor {

    private final Domain domain;

    CoursesDelete(Domain domain) {
        this.domain = domain;
    }

    @Override
    public boolean hasHeader() {
        return false;
    }

    @Override
    public List<String> required() {
        return List.of();
    }

    @Override
    public String line(CsvTable.Row row, Columns columns, long actor) throws LineFailure {
        String by = domain.settings().get("courses", "filedeleteidentifier");
        String value = row.values().get(0);
        if (value.isEmpty()) {
            throw new LineFailure("No course " + by + " (the first value of the line)");
        }
        long id = Domain.find(() -> domain.identifiers().course(by, value));
        if (id < 0) {
            throw new LineFailure("No course with " + by + " " + value + ": nothing deleted");
        }
        String shortname = domain.courses().get(id).map(Course::shortname).orElse(value);
        try {
            domain.courses().delete(id, actor);
        } catch (WsException e) {
            throw LineFailure.of(e);
        }
        return "deleted course " + shortname + " (id " + id + ")";
    }
}
