package io.atrium.sync.internal;

import io.atrium.lms.api.Access;
import io.atrium.lms.api.Categories;
import io.atrium.lms.api.Cohorts;
import io.atrium.lms.api.Contexts;
import io.atrium.lms.api.Courses;
import io.atrium.lms.api.Enrolments;
import io.atrium.lms.api.Groups;
import io.atrium.lms.api.IdentifierException;
import io.atrium.lms.api.Identifiers;
import io.atrium.lms.api.Roles;
import io.atrium.lms.api.Users;
import io.atrium.store.api.Store;

/** The domain services the processors work through (never the tables: events are logged, webhooks see them). */
record Domain(Store store, Users users, Identifiers identifiers, Courses courses, Categories categories,
        Enrolments enrolments, Roles roles, Groups groups, Cohorts cohorts, Contexts contexts, Access access,
        Settings settings) {

    /** The same services with other settings (a run's snapshot). */
    Domain with(Settings other) {
        return new Domain(store, users, identifiers, courses, categories, enrolments, roles, groups, cohorts, contexts,
                access, other);
    }

    /** An identifier lookup, {@code -1} when nothing has it; ambiguous identifiers fail the line. */
    static long find(Lookup lookup) throws Processor.LineFailure {
        try {
            return lookup.find();
        } catch (IdentifierException e) {
            if (IdentifierException.NOT_FOUND.equals(e.code())) {
                return -1;
            }
            throw new Processor.LineFailure(e.getMessage());
        }
    }

    /** An identifier lookup that must find its record. */
    static long require(Lookup lookup) throws Processor.LineFailure {
        try {
            return lookup.find();
        } catch (IdentifierException e) {
            throw new Processor.LineFailure(e.getMessage());
        }
    }

    @FunctionalInterface
    interface Lookup {
        long find() throws IdentifierException;
    }
}
