/** Tokens, external services, the authenticator, login/token.php and get_site_info. */
@Migrations("db/migration")
package io.atrium.auth.internal;

import io.atrium.store.api.Migrations;
