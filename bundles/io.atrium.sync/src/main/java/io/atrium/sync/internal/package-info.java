/** tool_sync: settings, the sync file area, CSV runs, course deployment, enrolment by any identifier. */
@Migrations("db/migration")
package io.atrium.sync.internal;

import io.atrium.store.api.Migrations;
