<?php
// tool_sync driven the way its own PHP test client drives it, with PHP's curl: upload a CSV to
// webservice/upload.php, tool_sync_commit_file with the returned item id, tool_sync_set_config,
// tool_sync_process; then check what the files said exists, that bad lines are reported and
// land in a tryback file holding exactly them, and that a location outside the sync file area
// is refused. Prints one line per check; exits 1 at the first failure.
// Environment: ATRIUM_URL (http://localhost:8080), ATRIUM_ADMIN_PASSWORD.
declare(strict_types=1);

$url = rtrim(getenv('ATRIUM_URL') ?: 'http://localhost:8080', '/');
$password = getenv('ATRIUM_ADMIN_PASSWORD');
$run = substr(bin2hex(random_bytes(4)), 0, 6);

function check(bool $ok, string $what): void {
    if (!$ok) {
        fwrite(STDOUT, "FAILED $what\n");
        exit(1);
    }
    fwrite(STDOUT, "ok $what\n");
}

/** A GET, or a POST of fields (a string: form-encoded; an array: multipart). */
function http(string $url, $post = null): string {
    $ch = curl_init($url);
    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
    if ($post !== null) {
        curl_setopt($ch, CURLOPT_POST, true);
        curl_setopt($ch, CURLOPT_POSTFIELDS, $post);
    }
    $body = curl_exec($ch);
    if ($body === false) {
        check(false, 'curl ' . $url . ': ' . curl_error($ch));
    }
    curl_close($ch);
    return $body;
}

/** A function over REST (JSON); the tool_sync token unless another is given. */
function ws(string $function, array $params = [], ?string $with = null) {
    global $url, $token;
    return json_decode(http($url . '/webservice/rest/server.php', http_build_query(array_merge(['wstoken' => $with
        ?? $token, 'wsfunction' => $function, 'moodlewsrestformat' => 'json'], $params))), true);
}

/** A token for another service, to look at what the files did. */
function token(string $service): string {
    global $url, $password;
    $reply = json_decode(http($url . '/login/token.php', ['username' => 'admin', 'password' => $password,
        'service' => $service]), true);
    check(isset($reply['token']), "a token for $service");
    return $reply['token'];
}

function send(string $name, string $csv, string $service, string $key): void {
    global $url, $token;
    $tmp = tempnam(sys_get_temp_dir(), 'sync');
    file_put_contents($tmp, $csv);
    $uploaded = json_decode(http($url . '/webservice/upload.php', ['token' => $token,
        'file_1' => new CURLFile($tmp, 'text/csv', $name)]), true);
    unlink($tmp);
    check(isset($uploaded[0]['itemid']), "upload.php took $name");
    check(ws('tool_sync_commit_file', ['draftitemid' => $uploaded[0]['itemid']]) === true, "tool_sync_commit_file $name");
    check(ws('tool_sync_set_config', ['service' => $service, 'confkey' => $key, 'confvalue' => $name]) === true,
        "tool_sync_set_config $service $key=$name");
}

$reply = json_decode(http($url . '/login/token.php', ['username' => 'admin', 'password' => $password,
    'service' => 'tool_sync']), true);
check(isset($reply['token']), 'a token for the tool_sync service');
$token = $reply['token'];

// A path outside the sync file area is refused.
$refused = ws('tool_sync_set_config', ['service' => 'users', 'confkey' => 'filelocation', 'confvalue' => '../../etc/passwd']);
check(is_array($refused) && ($refused['errorcode'] ?? '') === 'invalidparameter', 'a path-escaping location is refused');

// Users, one line bad.
send("users-$run.csv", "username;firstname;lastname;email;idnumber\n"
    . "ip{$run}a;Ada;Lovelace;ada$run@example.org;IP{$run}A\n"
    . "ip $run bad;No;Good;bad$run@example.org;IP{$run}B\n"
    . "ip{$run}c;Charles;Babbage;charles$run@example.org;IP{$run}C\n", 'users', 'filelocation');
$report = ws('tool_sync_process', ['service' => 'users', 'action' => 'sync']);
check(is_string($report) && str_contains($report, 'created user ip' . $run . 'a'), 'users processed');
check(str_contains($report, 'Error at line 3: Invalid username'), 'the bad line is named in the report');
$found = ws('core_user_get_users_by_field', ['field' => 'username', 'values' => ["ip{$run}a", "ip{$run}c"]],
    token('atrium_admin'));
check(is_array($found) && count($found) === 2, 'both good users exist');
check(preg_match('/The failed lines are in (\S+)/', $report, $m) === 1, 'the report names the tryback file');
$tryback = http($url . '/webservice/pluginfile.php/1/tool_sync/syncfiles/0/' . $m[1] . '?token=' . $token);
check($tryback === "username;firstname;lastname;email;idnumber\nip $run bad;No;Good;bad$run@example.org;IP{$run}B\n",
    'the tryback file holds exactly the bad line: ' . json_encode($tryback));

fwrite(STDOUT, "sync.php: all checks passed\n");
