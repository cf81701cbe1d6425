// Chromium (Debian's, driven by playwright-core) against the admin shell: signs in, creates a
// token on the services page, uses it over REST, revokes it on the page and sees it refused.
// Also: the OSGi console sends a stranger to the sign-in page and lets the administrator in.
// Environment: ATRIUM_URL (http://localhost:8080), ATRIUM_ADMIN_PASSWORD, CHROMIUM (/usr/bin/chromium),
// SCREENSHOT (optional: where to save a PNG of the services page).
'use strict';
const assert = require('node:assert/strict');
const { chromium } = require('playwright-core');

const base = (process.env.ATRIUM_URL || 'http://localhost:8080').replace(/\/$/, '');
const password = process.env.ATRIUM_ADMIN_PASSWORD;

async function rest(token, wsfunction) {
  const response = await fetch(base + '/webservice/rest/server.php?moodlewsrestformat=json&wsfunction=' +
    wsfunction + '&wstoken=' + token);
  return response.json();
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync']
  });
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on('pageerror', e => problems.push('page error: ' + e.message));
    // Failed loads are reported by address below; the console repeats them without it.
    page.on('console', m => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push('console: ' + m.text());
    });
    page.on('response', r => {
      if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) {
        problems.push(r.status() + ' ' + r.url());
      }
    });

    await page.goto(base + '/admin/services');
    assert.match(page.url(), /\/admin\/login\?return=%2Fadmin%2Fservices$/, 'a stranger is sent to sign in');
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', 'not-' + password);
    await page.click('button[type=submit]');
    assert.equal(await page.textContent('.error'), 'Invalid login, please try again');
    console.log('ok a wrong password is refused on the sign-in page');

    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', password);
    await Promise.all([page.waitForURL(base + '/admin/services'), page.click('button[type=submit]')]);
    const cookie = (await page.context().cookies()).find(c => c.name === 'AtriumSession');
    assert.ok(cookie && cookie.httpOnly && cookie.sameSite === 'Strict', 'the session cookie is HttpOnly, Strict');
    console.log('ok signed in; back on the services page');

    await page.waitForSelector('#services tr[data-shortname=moodle_mobile_app]');
    await page.fill('#token-form input[name=username]', 'admin');
    await page.selectOption('#token-service', 'moodle_mobile_app');
    await page.fill('#token-form input[name=name]', 'browser test');
    await page.click('#token-form button[type=submit]');
    await page.waitForSelector('#new-token:not([hidden])');
    const token = (await page.textContent('#new-token-value')).trim();
    assert.match(token, /^[0-9a-f]{32}$/);
    console.log('ok created a token on the page');

    const info = await rest(token, 'core_webservice_get_site_info');
    assert.equal(info.username, 'admin', JSON.stringify(info));
    console.log('ok the token works over REST: ' + info.sitename);

    const row = page.locator('#tokens tbody tr', { hasText: 'browser test' });
    assert.match(await row.textContent(), /admin \(2\)/, 'the token list names the user');
    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.waitFor({ state: 'detached' });
    const refused = await rest(token, 'core_webservice_get_site_info');
    assert.equal(refused.errorcode, 'invalidtoken', JSON.stringify(refused));
    console.log('ok revoked on the page; the token is refused at once');

    if (process.env.SCREENSHOT) {
      await page.screenshot({ path: process.env.SCREENSHOT, fullPage: true });
    }

    await page.goto(base + '/system/console/bundles');
    assert.equal(page.url(), base + '/system/console/bundles', 'the administrator gets into the console');
    assert.ok((await page.content()).includes('org.apache.felix.framework'));
    console.log('ok the OSGi console lets the signed-in administrator in');

    await page.goto(base + '/admin/');
    await Promise.all([page.waitForURL(/\/admin\/login$/), page.click('header form button')]);
    await page.goto(base + '/system/console/bundles');
    assert.match(page.url(), /\/admin\/login\?return=%2Fsystem%2Fconsole%2Fbundles$/,
      'after signing out the console sends to sign in');
    console.log('ok signed out; the console sends to the sign-in page');

    assert.deepEqual(problems, [], 'no script errors in the pages');
  } finally {
    await browser.close();
  }
}

main().then(() => console.log('browser: all checks passed'), e => {
  console.error('browser: FAILED: ' + (e && e.stack ? e.stack : e));
  process.exit(1);
});
