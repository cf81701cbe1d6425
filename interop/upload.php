<?php
// PHP's curl against Atrium's webservice/upload.php, as a Moodle integration script does it:
// a token from login/token.php, then a multipart upload; checks Moodle's answer array and
// downloads the file back through webservice/pluginfile.php.
// Environment: ATRIUM_URL (http://localhost:8080), ATRIUM_ADMIN_PASSWORD.

function fail($message) {
    fwrite(STDERR, "upload.php: FAILED: $message\n");
    exit(1);
}

function post($url, $fields) {
    $ch = curl_init($url);
    curl_setopt_array($ch, [CURLOPT_POST => true, CURLOPT_POSTFIELDS => $fields, CURLOPT_RETURNTRANSFER => true]);
    $body = curl_exec($ch);
    if ($body === false) {
        fail('curl: ' . curl_error($ch));
    }
    $status = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
    curl_close($ch);
    return [$status, $body];
}

$wwwroot = rtrim(getenv('ATRIUM_URL') ?: 'http://localhost:8080', '/');
$password = getenv('ATRIUM_ADMIN_PASSWORD');

[$status, $body] = post("$wwwroot/login/token.php", http_build_query(
    ['username' => 'admin', 'password' => $password, 'service' => 'moodle_mobile_app']));
$login = json_decode($body, true);
if ($status !== 200 || empty($login['token'])) {
    fail("login/token.php answered $status: $body");
}
$token = $login['token'];
echo "ok token from login/token.php\n";

$file = tempnam(sys_get_temp_dir(), 'atrium');
$content = "username,firstname,lastname\nphpcurl,PHP,Curl\n";
file_put_contents($file, $content);
[$status, $body] = post("$wwwroot/webservice/upload.php", [
    'token' => $token,
    'filepath' => '/',
    'file_1' => new CURLFile($file, 'text/csv', 'users.csv'),
]);
unlink($file);
$answer = json_decode($body, true);
if ($status !== 200 || !is_array($answer) || count($answer) !== 1) {
    fail("webservice/upload.php answered $status: $body");
}
$keys = ['component', 'contextid', 'userid', 'filearea', 'filename', 'filepath', 'itemid', 'license', 'author',
    'source', 'filesize'];
if (array_keys($answer[0]) !== $keys) {
    fail('the answer has the keys ' . implode(',', array_keys($answer[0])) . ', not Moodle\'s ' . implode(',', $keys));
}
if ($answer[0]['component'] !== 'user' || $answer[0]['filearea'] !== 'draft' || $answer[0]['filename'] !== 'users.csv'
        || $answer[0]['userid'] !== '2' || !is_int($answer[0]['itemid'])
        || $answer[0]['filesize'] !== strlen($content)) {
    fail("unexpected answer: $body");
}
echo "ok webservice/upload.php: draft item {$answer[0]['itemid']}, $body\n";

$url = "$wwwroot/webservice/pluginfile.php/{$answer[0]['contextid']}/user/draft/{$answer[0]['itemid']}/users.csv"
    . "?token=$token";
$ch = curl_init($url);
curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
$back = curl_exec($ch);
$status = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
curl_close($ch);
if ($status !== 200 || $back !== $content) {
    fail("webservice/pluginfile.php answered $status with " . strlen((string) $back) . ' bytes');
}
echo "ok webservice/pluginfile.php gave the same bytes back\n";

[$status, $body] = post("$wwwroot/webservice/upload.php", ['token' => str_repeat('0', 32), 'filepath' => '/']);
$error = json_decode($body, true);
if ($status !== 200 || ($error['errorcode'] ?? null) !== 'invalidtoken') {
    fail("an unknown token got $status: $body");
}
echo "ok an unknown token is Moodle's invalidtoken\n";
echo "upload.php: all checks passed\n";
