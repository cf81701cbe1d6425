/**
 * The learning-system domain as other bundles use it: contexts and capabilities
 * ({@link io.atrium.lms.api.Access}), the one identifier resolver
 * ({@link io.atrium.lms.api.Identifiers}), the event log ({@link io.atrium.lms.api.EventLog}),
 * site configuration, and the services that change users, courses, cohorts, groups, roles and
 * enrolments. Every method that reads or writes joins the caller's store transaction (every
 * web-service call has one) or runs in its own; every change appends its Moodle event to the log
 * in the same transaction.
 * <p>
 * Methods that change something take the acting user's id ({@code actor}): it becomes the event's
 * {@code userid}. Use {@link io.atrium.lms.api.Access#SYSTEM_ACTOR} for work no user asked for.
 */
@Export
@Version("1.2.0")
package io.atrium.lms.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
