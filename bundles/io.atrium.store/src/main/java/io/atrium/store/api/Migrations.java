package io.atrium.store.api;

import static java.lang.annotation.ElementType.PACKAGE;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.CLASS;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import org.osgi.annotation.bundle.Header;
import org.osgi.annotation.bundle.Requirement;

/**
 * Declares that the bundle ships schema migrations, and where: put it on any class or
 * {@code package-info.java} of the bundle. The build then writes the {@value #HEADER} header and
 * a requirement on the store's migration extender, so the bundle only resolves where a store
 * will migrate it.
 * <p>
 * The folder holds Flyway SQL migrations: {@code V1__create_courses.sql}, {@code V2__add_index.sql},
 * applied in version order, each once, recorded in a history table of the bundle's own
 * ({@code flyway_} + the symbolic name with dots as underscores). Write SQL that PostgreSQL and
 * H2 in PostgreSQL mode both accept. On PostgreSQL a migration is one transaction; H2 commits
 * each DDL statement, so on H2 keep one DDL statement per migration or make them repeatable
 * ({@code IF NOT EXISTS}).
 */
@Retention(CLASS)
@Target({ TYPE, PACKAGE })
@Requirement(namespace = "osgi.extender", name = Migrations.EXTENDER, version = "1.0.0")
@Header(name = Migrations.HEADER, value = "${#value}")
public @interface Migrations {

    /** The bundle header naming the migrations folder. */
    String HEADER = "Atrium-Migrations";

    /** The name of the store's migration extender capability. */
    String EXTENDER = "io.atrium.store.migrations";

    /** The folder in the bundle that holds the migrations. */
    String value() default "db/migration";
}
