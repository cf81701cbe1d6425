package io.atrium.sync.internal;

import java.util.List;

import io.atrium.lms.api.Course;

/**
 * {@code courses}/{@code check}: a file without a header, {@code identifier[;description]} per
 * line, matched by {@code courses_existfileidentifier}. An existing course is reported; a
 * missing one fails its line, so the tryback file lists exactly the missing courses.
 */
final class CoursesCheck implements Processor {

    private final Domain domain;

    CoursesCheck(Domain domain) {
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
        String by = domain.settings().get("courses", "existfileidentifier");
        String value = row.values().get(0);
        String description = row.values().size() > 1 && !row.values().get(1).isEmpty() ? " (" + row.values().get(1)
                + ")" : "";
        if (value.isEmpty()) {
            throw new LineFailure("No course " + by + " (the first value of the line)" + description);
        }
        long id = Domain.find(() -> domain.identifiers().course(by, value));
        if (id < 0) {
            throw new LineFailure("course " + by + " " + value + description + " is missing");
        }
        String shortname = domain.courses().get(id).map(Course::shortname).orElse(value);
        return "course " + by + " " + value + description + " exists: " + shortname + " (id " + id + ")";
    }
}
