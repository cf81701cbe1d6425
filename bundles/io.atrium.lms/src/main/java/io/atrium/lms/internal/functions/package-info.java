/**
 * The core_* web-service functions: Moodle's names, parameters, returns and errors, each a thin
 * layer over the domain services.
 */
package io.atrium.lms.internal.functions;
