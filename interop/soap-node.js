// The npm package soap (https://www.npmjs.com/package/soap) against Atrium's Moodle SOAP
// dialect: the WSDL of a token, a call without parameters, a call with an array parameter
// (node-soap sends a JavaScript array as repeated elements, untyped) and a fault.
// Prints one line per check; exits 1 at the first failure.
// Environment: ATRIUM_URL (http://localhost:8080), ATRIUM_ADMIN_PASSWORD.
'use strict';
const assert = require('node:assert/strict');
const soap = require('soap');

const wwwroot = (process.env.ATRIUM_URL || 'http://localhost:8080').replace(/\/$/, '');
const password = process.env.ATRIUM_ADMIN_PASSWORD;

// node-soap keeps an xsi:typed value as { $value, attributes }.
const v = x => (x !== null && typeof x === 'object' && '$value' in x ? x.$value : x);

async function main() {
  const reply = await (await fetch(wwwroot + '/login/token.php?' + new URLSearchParams(
    { username: 'admin', password, service: 'moodle_mobile_app' }))).json();
  assert.match(reply.token, /^[0-9a-f]{32}$/);
  console.log('ok a token for moodle_mobile_app');

  const client = await soap.createClientAsync(wwwroot + '/webservice/soap/server.php?wsdl=1&wstoken=' + reply.token);
  const description = client.describe();
  const operations = Object.keys(Object.values(Object.values(description)[0])[0]);
  assert.ok(operations.includes('core_user_get_users_by_field'), 'the WSDL describes the token\'s functions');
  console.log('ok the WSDL describes ' + operations.length + ' operations');

  const [info] = await client.core_webservice_get_site_infoAsync({});
  assert.equal(v(info.return.username), 'admin');
  assert.equal(Number(v(info.return.userid)), 2);
  console.log('ok core_webservice_get_site_info: ' + v(info.return.sitename));

  const [found, raw] = await client.core_user_get_users_by_fieldAsync({ field: 'username', values: ['admin', 'nobody'] });
  assert.match(raw, /<key xsi:type="xsd:string">username<\/key><value xsi:type="xsd:string">admin<\/value>/);
  assert.ok(found.return, 'a result came back: ' + JSON.stringify(found));
  console.log('ok core_user_get_users_by_field with an array as repeated elements');

  let fault = null;
  try {
    await client.core_user_get_users_by_fieldAsync({ field: 'bogus', values: ['admin'] });
  } catch (e) {
    fault = e;
  }
  assert.ok(fault, 'the call fails');
  assert.equal(fault.root.Envelope.Body.Fault.faultcode, 'Receiver');
  assert.match(fault.root.Envelope.Body.Fault.faultstring, /\| ERRORCODE: codingerror$/);
  console.log('ok a failed call is a Receiver fault: ' + fault.root.Envelope.Body.Fault.faultstring);

  console.log('soap-node: all checks passed');
}

main().catch(e => {
  console.log('FAILED ' + (e && e.stack || e));
  process.exit(1);
});
