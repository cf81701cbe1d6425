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

// A service to look with, made by the administration service.
$admin = token('atrium_admin');
$look = "interop_look_$run";
$made = ws('atrium_service_create', ['shortname' => $look, 'name' => "Interop look $run",
    'functions' => ['core_course_get_courses_by_field', 'core_enrol_get_enrolled_users', 'core_cohort_get_cohorts']],
    $admin);
check(is_array($made) && ($made['shortname'] ?? '') === $look, 'a service to look with');
$eye = token($look);

// Courses, into a category path; one line without a short name.
$C = strtoupper("IP$run");
send("courses-$run.csv", "shortname;fullname;category;idnumber\n"
    . "{$C}1;Interop course one;Interop $run/Sciences;{$C}-1\n"
    . ";No short name;Interop $run;\n", 'courses', 'fileuploadlocation');
$report = ws('tool_sync_process', ['service' => 'courses', 'action' => 'create']);
check(str_contains($report, '2 line(s) processed, 1 failed'), 'courses processed, the bad line reported');
$courses = ws('core_course_get_courses_by_field', ['field' => 'shortname', 'value' => "{$C}1"], $eye)['courses'] ?? [];
check(count($courses) === 1 && $courses[0]['fullname'] === 'Interop course one', 'the course exists');
$courseid = $courses[0]['id'];
check(ws('tool_sync_check_course', ['courseidsource' => 'idnumber', 'courseid' => "{$C}-1"]) === true,
    'tool_sync_check_course finds it');

// Enrolments, with a group; one line for a course that does not exist.
send("enrols-$run.csv", "cmd;cid;uid;rolename;gcmd;g1\n"
    . "add;{$C}1;ip{$run}a;student;gaddcreate;Team $run\n"
    . "add;{$C}1;ip{$run}c;editingteacher;;\n"
    . "add;NOPE$run;ip{$run}c;student;;\n", 'enrols', 'filelocation');
$report = ws('tool_sync_process', ['service' => 'enrols', 'action' => 'sync']);
check(str_contains($report, '3 line(s) processed, 1 failed') && str_contains($report, 'Error at line 4'),
    'enrolments processed, the bad line named');
$enrolled = ws('core_enrol_get_enrolled_users', ['courseid' => $courseid], $eye);
$names = array_map(fn($u) => $u['username'], is_array($enrolled) ? $enrolled : []);
sort($names);
check($names === ["ip{$run}a", "ip{$run}c"], 'both users are enrolled: ' . json_encode($names));

// Cohorts.
check(ws('tool_sync_set_config', ['service' => 'cohorts', 'confkey' => 'useridentifier', 'confvalue' => 'username'])
    === true, 'cohorts match users by username');
send("cohorts-$run.csv", "cmd;cidnumber;cname;userid\n"
    . "add;COH$run;Cohort $run;ip{$run}a\n"
    . "add;COH$run;Cohort $run;ip{$run}c\n", 'cohorts', 'filelocation');
$report = ws('tool_sync_process', ['service' => 'cohorts', 'action' => 'sync']);
check(str_contains($report, '2 line(s) processed, 0 failed'), 'cohort lines processed');
check(preg_match('/created cohort idnumber=COH' . $run . ' \(id (\d+)\)/', $report, $m) === 1,
    'the report names the new cohort');
$cohorts = ws('core_cohort_get_cohorts', ['cohortids' => [(int) $m[1]]], $eye);
check(is_array($cohorts) && ($cohorts[0]['idnumber'] ?? '') === "COH$run", 'the cohort exists');

// A template deploy with replacements: archive the course (after giving its first section a
// text with a placeholder through a deploy of its own), deploy from the template, read the
// new course's sections from its archive.
$template = ws('tool_sync_deploy_course', ['categoryidsource' => 'id', 'categoryid' => '1',
    'templateidsource' => 'shortname', 'templateid' => "{$C}1", 'shortname' => "{$C}T", 'fullname' => 'Template',
    'idnumber' => "{$C}-T", 'replacements' => json_encode(['section0:summary' => '<p>Welcome to data1</p>',
        'section1:name' => 'Week {{n}}'])]);
check(is_int($template), 'a template made by deploying with whole-field replacements');
$deployed = ws('tool_sync_deploy_course', ['categoryidsource' => 'id', 'categoryid' => '1',
    'templateidsource' => 'idnumber', 'templateid' => "{$C}-T", 'shortname' => "{$C}D", 'fullname' => 'Deployed',
    'idnumber' => "{$C}-D", 'replacements' => json_encode(['section0:summary:data1' => 'Biology {course:idnumber}',
        'section1:name:{{n}}' => 'one'])]);
check(is_int($deployed), "tool_sync_deploy_course from the template: course $deployed");
$bad = ws('tool_sync_deploy_course', ['categoryidsource' => 'id', 'categoryid' => '1',
    'templateidsource' => 'idnumber', 'templateid' => "{$C}-T", 'shortname' => "{$C}X", 'fullname' => 'Never',
    'idnumber' => "{$C}-X", 'replacements' => '{"section99:summary": "x"}']);
check(is_array($bad) && ($bad['errorcode'] ?? '') === 'invalidparameter', 'a replacement for a missing section is refused');
$archived = ws('tool_sync_archive_course', ['courseidsource' => 'id', 'courseid' => (string) $deployed,
    'location' => "archives/$run.zip"]);
check(is_array($archived) && ($archived['sections'] ?? 0) > 1, 'the deployed course archived');
$zipfile = tempnam(sys_get_temp_dir(), 'zip');
file_put_contents($zipfile, http($url . "/webservice/pluginfile.php/1/tool_sync/syncfiles/0/archives/$run.zip?token=$token"));
$zip = new ZipArchive();
check($zip->open($zipfile) === true, 'the archive is a zip');
$course = json_decode($zip->getFromName('course.json'), true);
$zip->close();
unlink($zipfile);
check($course['sections'][0]['summary'] === "<p>Welcome to Biology {$C}-D</p>" && $course['sections'][1]['name'] === 'Week one',
    'the deployed sections say what the replacements said: ' . json_encode([$course['sections'][0]['summary'],
    $course['sections'][1]['name']]));

fwrite(STDOUT, "sync.php: all checks passed\n");
