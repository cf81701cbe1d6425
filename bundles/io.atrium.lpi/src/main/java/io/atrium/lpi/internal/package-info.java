/** local_lpi: records, state transitions, web-service functions, the hide job and the download endpoint. */
@Migrations("db/migration")
package io.atrium.lpi.internal;

import io.atrium.store.api.Migrations;
