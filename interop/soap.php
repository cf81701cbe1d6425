<?php
// PHP's own SoapClient (Debian php-soap) against both of Atrium's SOAP dialects: Moodle's
// (a WSDL per token, an array parameter, a Receiver fault, a bad token) and the ILIAS-style
// hook slot (login, the example plugin's methods and complex type, its faults, logout).
// Prints one line per check; exits 1 at the first failure.
// Environment: ATRIUM_URL (http://localhost:8080), ATRIUM_ADMIN_PASSWORD.
declare(strict_types=1);

$url = rtrim(getenv('ATRIUM_URL') ?: 'http://localhost:8080', '/');
$password = getenv('ATRIUM_ADMIN_PASSWORD');
$options = ['cache_wsdl' => WSDL_CACHE_NONE, 'exceptions' => true, 'trace' => true];

function check(bool $ok, string $what): void {
    if (!$ok) {
        fwrite(STDOUT, "FAILED $what\n");
        exit(1);
    }
    fwrite(STDOUT, "ok $what\n");
}

function fault(callable $call): ?SoapFault {
    try {
        $call();
    } catch (SoapFault $f) {
        return $f;
    }
    return null;
}

// --- Moodle's dialect
$reply = json_decode(file_get_contents($url . '/login/token.php?' . http_build_query(
    ['username' => 'admin', 'password' => $password, 'service' => 'moodle_mobile_app'])), true);
check(isset($reply['token']) && preg_match('/^[0-9a-f]{32}$/', $reply['token']) === 1,
    'a token for moodle_mobile_app');
$token = $reply['token'];

$moodle = new SoapClient($url . '/webservice/soap/server.php?wsdl=1&wstoken=' . $token, $options);
$functions = $moodle->__getFunctions();
check(count(array_filter($functions, fn($f) => str_contains($f, 'core_user_get_users_by_field('))) === 1,
    'the WSDL lists core_user_get_users_by_field (' . count($functions) . ' operations)');

$info = $moodle->core_webservice_get_site_info();
check($info instanceof stdClass && $info->username === 'admin' && $info->userid === 2,
    'core_webservice_get_site_info: ' . $info->sitename);
check(is_array($info->functions) && count($info->functions) > 0, 'site info lists the functions as an array');

$users = $moodle->core_user_get_users_by_field('username', ['admin', 'nobody-here']);
check(is_array($users) && count($users) === 1 && $users[0]['username'] === 'admin' && $users[0]['id'] === 2,
    'core_user_get_users_by_field with an array parameter');

$f = fault(fn() => $moodle->core_user_get_users_by_field('bogus', ['admin']));
check($f !== null && $f->faultcode === 'Receiver' && str_ends_with($f->faultstring, '| ERRORCODE: codingerror'),
    'a failed call is a Receiver fault: ' . ($f ? $f->faultstring : 'none'));

$f = fault(fn() => $moodle->__soapCall('core_no_such_function', []));
check($f !== null, 'an operation not in the WSDL is refused by the client itself');

$bad = new SoapClient($url . '/webservice/soap/server.php?wsdl=1&wstoken=' . $token, $options + [
    'location' => $url . '/webservice/soap/server.php?wstoken=deadbeefdeadbeefdeadbeefdeadbeef']);
$f = fault(fn() => $bad->core_webservice_get_site_info());
check($f !== null && $f->faultcode === 'MOODLE:error' && $f->faultstring === 'Invalid token - token not found',
    'a bad token is MOODLE:error: ' . ($f ? $f->faultstring : 'none'));

// --- The ILIAS dialect
$ilias = new SoapClient($url . '/webservice/soap/server.php?client_id=default&wsdl', $options);
$ops = implode("\n", $ilias->__getFunctions());
check(str_contains($ops, 'getObjectTitleByRefId(') && str_contains($ops, 'atriumObject getObjectByRefId('),
    'the hook WSDL has the example plugin\'s methods and complex type');

$f = fault(fn() => $ilias->login('default', 'admin', 'wrong' . $password));
check($f !== null && $f->faultcode === 'SOAP-ENV:Client', 'a wrong password is a Client fault: '
    . ($f ? $f->faultstring : 'none'));

$sid = $ilias->login('default', 'admin', $password);
check(is_string($sid) && preg_match('/^[^:]+::default$/', $sid) === 1, 'login gives <session>::default');

$site = $moodle->core_course_get_courses(['ids' => [1]]);
$title = $ilias->getObjectTitleByRefId($sid, 2);
check($title === $site[0]['fullname'], "getObjectTitleByRefId(sid, 2) is the site course's name: $title");

$object = $ilias->getObjectByRefId($sid, 3);
check($object instanceof stdClass && $object->ref_id === 3 && $object->type === 'cat',
    'getObjectByRefId returns tns:atriumObject: ' . json_encode($object));

$f = fault(fn() => $ilias->getObjectTitleByRefId($sid, 0));
check($f !== null && $f->faultcode === 'SOAP-ENV:Client' && $f->faultstring === 'No valid Ref-Id provided',
    'ref id 0 is the sample\'s fault');
$f = fault(fn() => $ilias->getObjectTitleByRefId($sid, 999999));
check($f !== null && $f->faultstring === 'Could not load object', 'an unknown ref id is the sample\'s fault');
$f = fault(fn() => $ilias->getObjectTitleByRefId('nope::default', 2));
check($f !== null && $f->faultstring === 'Session invalid', 'a made-up session is invalid');

check($ilias->logout($sid) === true, 'logout');
$f = fault(fn() => $ilias->getObjectTitleByRefId($sid, 2));
check($f !== null && $f->faultstring === 'Session invalid', 'the session is gone after logout');

fwrite(STDOUT, "soap.php: all checks passed\n");
