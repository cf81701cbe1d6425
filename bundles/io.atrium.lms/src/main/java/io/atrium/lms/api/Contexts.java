package io.atrium.lms.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Finds contexts; the domain services create and delete them with their instances. */
@ProviderType
public interface Contexts {

    /** The system context (id 1); known without a query. */
    Context system();

    /** A context by id. */
    Optional<Context> byId(long id);

    /** The context of an instance at a level (a course's context: {@code COURSE, courseid}). */
    Optional<Context> of(ContextLevel level, long instanceId);
}
