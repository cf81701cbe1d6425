/** The admin shell: sign-in, pages, the services and tokens page, the Web Console's security. */
package io.atrium.admin.internal;
