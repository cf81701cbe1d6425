// The npm package moodle-client (https://www.npmjs.com/package/moodle-client) against Atrium:
// a token from login/token.php, core_webservice_get_site_info, and core functions by GET and
// POST. Prints one line per check; exits 1 at the first failure.
// Environment: ATRIUM_URL (http://localhost:8080), ATRIUM_ADMIN_PASSWORD.
'use strict';
const assert = require('node:assert/strict');
const moodleClient = require('moodle-client');

const wwwroot = (process.env.ATRIUM_URL || 'http://localhost:8080').replace(/\/$/, '');
const password = process.env.ATRIUM_ADMIN_PASSWORD;

async function main() {
  const client = await moodleClient.init({ wwwroot, username: 'admin', password });
  assert.match(client.token, /^[0-9a-f]{32}$/, 'login/token.php gave a 32-hex token');
  console.log('ok token from login/token.php');

  const info = await client.call({ wsfunction: 'core_webservice_get_site_info' });
  assert.equal(info.username, 'admin');
  assert.equal(info.userid, 2);
  assert.equal(info.siteurl, wwwroot);
  assert.ok(Array.isArray(info.functions) && info.functions.some(f => f.name === 'core_course_get_courses'),
    'site info lists the service functions');
  console.log('ok core_webservice_get_site_info: ' + info.sitename + ', ' + info.functions.length + ' functions');

  const courses = await client.call({ wsfunction: 'core_course_get_courses' });
  assert.ok(courses.some(c => c.id === 1 && c.format === 'site'), 'the site course is listed');
  console.log('ok core_course_get_courses: ' + courses.length + ' course(s)');

  // The administration service holds the user functions: a second token, for it.
  const admin = await moodleClient.init({ wwwroot, username: 'admin', password, service: 'atrium_admin' });
  assert.notEqual(admin.token, client.token);

  const username = 'mc' + Date.now();
  const created = await admin.call({
    wsfunction: 'core_user_create_users', method: 'POST',
    args: { users: [{ username, password: 'Interop-1x!', firstname: 'Moodle', lastname: 'Client',
      email: username + '@example.org' }] }
  });
  assert.equal(created.length, 1);
  assert.equal(created[0].username, username);
  console.log('ok core_user_create_users (POST): id ' + created[0].id);

  const found = await admin.call({
    wsfunction: 'core_user_get_users_by_field', args: { field: 'username', values: [username] }
  });
  assert.equal(found.length, 1);
  assert.equal(found[0].id, created[0].id);
  assert.equal(found[0].email, username + '@example.org');
  console.log('ok core_user_get_users_by_field (GET)');

  const refused = await client.call({ wsfunction: 'core_no_such_function' });
  assert.equal(refused.errorcode, 'invalidrecord');
  assert.equal(refused.exception, 'dml_missing_record_exception');
  console.log('ok an unknown function is Moodle\'s invalidrecord');

  let rejected = null;
  try {
    await moodleClient.init({ wwwroot, username: 'admin', password: 'wrong' + password });
  } catch (e) {
    rejected = e;
  }
  assert.ok(rejected, 'a wrong password is refused');
  console.log('ok a wrong password is refused: ' + rejected);
}

main().then(() => console.log('moodle-client: all checks passed'), e => {
  console.error('moodle-client: FAILED: ' + (e && e.stack ? e.stack : e));
  process.exit(1);
});
