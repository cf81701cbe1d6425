package io.atrium.ws.api.spi;

import org.osgi.annotation.versioning.ConsumerType;

import io.atrium.ws.api.Caller;

/**
 * Decides the capabilities the pipeline checks: the protocol's ({@code webservice/rest:use}) and
 * those a function declares, all in the system context. The pipeline uses the highest-ranked
 * service; without one it asks the {@link Caller} itself. The learning-system domain provides
 * one with Moodle's {@code has_capability}. Capabilities in narrower contexts (a course, a
 * category) are the function's own business.
 */
@ConsumerType
public interface WsAuthorizer {

    /** Whether the caller has the capability in the system context. */
    boolean hasCapability(Caller caller, String capability);
}
