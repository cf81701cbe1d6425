/** The domain's implementation, its schema (db/migration) and the core_* functions. */
@Migrations("db/migration")
package io.atrium.lms.internal;

import io.atrium.store.api.Migrations;
