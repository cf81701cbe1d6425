package io.atrium.lms.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The one identifier resolver: every bundle finds users, courses, cohorts, groups, roles and
 * categories through it, by any identifier they have. Missing and ambiguous identifiers are
 * errors, never the first match. Deleted users are never found.
 */
@ProviderType
public interface Identifiers {

    /** A course by {@code id}, {@code shortname} or {@code idnumber}. */
    long course(String by, String value) throws IdentifierException;

    /** A user by {@code id}, {@code username}, {@code idnumber} or {@code email}. */
    long user(String by, String value) throws IdentifierException;

    /**
     * A cohort by {@code id}, {@code idnumber} or {@code name} (since 1.2; names need not be
     * unique, and a name two cohorts share is ambiguous).
     */
    long cohort(String by, String value) throws IdentifierException;

    /** A group by {@code id}, or by {@code name} given as {@code courseid@name}. */
    long group(String by, String value) throws IdentifierException;

    /** A role by {@code id} or {@code shortname}. */
    long role(String by, String value) throws IdentifierException;

    /** A category by {@code id} or {@code idnumber}. */
    long category(String by, String value) throws IdentifierException;
}
