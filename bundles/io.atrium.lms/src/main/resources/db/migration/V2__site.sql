-- A new site, as Moodle installs one: the system context, the guest (id 1) and admin (id 2)
-- users, the site course (id 1), the default category (id 1), the standard roles with their
-- default capabilities. The admin's password is set at the first start, not here.

INSERT INTO mdl_context (contextlevel, instanceid, path, depth) VALUES (10, 0, '/1', 1);

INSERT INTO mdl_user (auth, username, firstname, lastname, email, confirmed, lang)
    VALUES ('manual', 'guest', 'Guest user', ' ', 'root@localhost', 1, 'en');
INSERT INTO mdl_user (auth, username, firstname, lastname, email, confirmed, lang)
    VALUES ('manual', 'admin', 'Admin', 'User', 'root@localhost', 1, 'en');

INSERT INTO mdl_course (category, sortorder, fullname, shortname, idnumber, summary, summaryformat, format,
        newsitems, visible)
    VALUES (0, 1, 'Atrium', 'atrium', '', '', 1, 'site', 3, 1);
INSERT INTO mdl_course_categories (name, idnumber, description, descriptionformat, parent, sortorder, depth, path)
    VALUES ('Category 1', NULL, '', 0, 0, 10000, 1, '/1');

INSERT INTO mdl_context (contextlevel, instanceid, path, depth) VALUES (50, 1, '/1/2', 2);
INSERT INTO mdl_context (contextlevel, instanceid, path, depth) VALUES (40, 1, '/1/3', 2);
INSERT INTO mdl_context (contextlevel, instanceid, path, depth) VALUES (30, 1, '/1/4', 2);
INSERT INTO mdl_context (contextlevel, instanceid, path, depth) VALUES (30, 2, '/1/5', 2);

INSERT INTO mdl_course_sections (course, section, summary, summaryformat, sequence, visible)
    VALUES (1, 0, '', 1, '', 1);

INSERT INTO mdl_role (shortname, sortorder, archetype, description) VALUES ('manager', 1, 'manager', 'Managers can access courses and modify them, but usually do not participate in them.');
INSERT INTO mdl_role (shortname, sortorder, archetype, description) VALUES ('coursecreator', 2, 'coursecreator', 'Course creators can create new courses.');
INSERT INTO mdl_role (shortname, sortorder, archetype, description) VALUES ('editingteacher', 3, 'editingteacher', 'Teachers can do anything within a course, including changing the activities and grading students.');
INSERT INTO mdl_role (shortname, sortorder, archetype, description) VALUES ('teacher', 4, 'teacher', 'Non-editing teachers can teach in courses and grade students, but may not alter activities.');
INSERT INTO mdl_role (shortname, sortorder, archetype, description) VALUES ('student', 5, 'student', 'Students generally have fewer privileges within a course.');
INSERT INTO mdl_role (shortname, sortorder, archetype, description) VALUES ('guest', 6, 'guest', 'Guests have minimal privileges and usually can not enter text anywhere.');
INSERT INTO mdl_role (shortname, sortorder, archetype, description) VALUES ('user', 7, 'user', 'All logged in users.');

INSERT INTO mdl_capabilities (name, captype, contextlevel, component, title) VALUES
    ('moodle/site:config', 'write', 10, 'moodle', 'Change site configuration'),
    ('moodle/user:create', 'write', 10, 'moodle', 'Create users'),
    ('moodle/user:update', 'write', 10, 'moodle', 'Update user profiles'),
    ('moodle/user:delete', 'write', 10, 'moodle', 'Delete users'),
    ('moodle/user:viewdetails', 'read', 50, 'moodle', 'View user profiles'),
    ('moodle/user:viewalldetails', 'read', 30, 'moodle', 'View user full information'),
    ('moodle/user:viewhiddendetails', 'read', 50, 'moodle', 'View hidden details of users'),
    ('moodle/category:manage', 'write', 40, 'moodle', 'Manage course categories'),
    ('moodle/category:viewhiddencategories', 'read', 40, 'moodle', 'See hidden categories'),
    ('moodle/course:create', 'write', 40, 'moodle', 'Create courses'),
    ('moodle/course:view', 'read', 50, 'moodle', 'View courses without participation'),
    ('moodle/course:update', 'write', 50, 'moodle', 'Update course settings'),
    ('moodle/course:delete', 'write', 50, 'moodle', 'Delete courses'),
    ('moodle/course:viewhiddencourses', 'read', 50, 'moodle', 'View hidden courses'),
    ('moodle/course:viewparticipants', 'read', 50, 'moodle', 'View participants'),
    ('moodle/course:enrolreview', 'read', 50, 'moodle', 'Review course enrolments'),
    ('moodle/course:managegroups', 'write', 50, 'moodle', 'Manage groups'),
    ('moodle/course:reset', 'write', 50, 'moodle', 'Reset course'),
    ('moodle/cohort:manage', 'write', 40, 'moodle', 'Create, delete and move cohorts'),
    ('moodle/cohort:assign', 'write', 40, 'moodle', 'Add and remove cohort members'),
    ('moodle/cohort:view', 'read', 50, 'moodle', 'View site-wide cohorts'),
    ('moodle/role:assign', 'write', 50, 'moodle', 'Assign roles to users'),
    ('moodle/role:review', 'read', 50, 'moodle', 'Review permissions for others'),
    ('enrol/manual:enrol', 'write', 50, 'enrol_manual', 'Enrol users'),
    ('enrol/manual:unenrol', 'write', 50, 'enrol_manual', 'Unenrol users from the course'),
    ('moodle/webservice:createtoken', 'write', 10, 'moodle', 'Create a web service token'),
    ('webservice/rest:use', 'read', 50, 'webservice_rest', 'Use REST protocol'),
    ('webservice/soap:use', 'read', 50, 'webservice_soap', 'Use SOAP protocol'),
    ('webservice/xmlrpc:use', 'read', 50, 'webservice_xmlrpc', 'Use XML-RPC protocol');

-- Defaults of the role archetypes, in the system context (1 = allow).
INSERT INTO mdl_role_capabilities (contextid, roleid, capability, permission)
    SELECT 1, 1, name, 1 FROM mdl_capabilities WHERE name NOT LIKE 'webservice/%';
INSERT INTO mdl_role_capabilities (contextid, roleid, capability, permission) VALUES
    (1, 2, 'moodle/course:create', 1),
    (1, 2, 'moodle/category:viewhiddencategories', 1),
    (1, 3, 'moodle/course:update', 1),
    (1, 3, 'moodle/course:view', 1),
    (1, 3, 'moodle/course:viewhiddencourses', 1),
    (1, 3, 'moodle/course:viewparticipants', 1),
    (1, 3, 'moodle/course:enrolreview', 1),
    (1, 3, 'moodle/course:managegroups', 1),
    (1, 3, 'moodle/course:reset', 1),
    (1, 3, 'moodle/role:assign', 1),
    (1, 3, 'moodle/role:review', 1),
    (1, 3, 'moodle/user:viewdetails', 1),
    (1, 3, 'moodle/user:viewhiddendetails', 1),
    (1, 3, 'enrol/manual:enrol', 1),
    (1, 3, 'enrol/manual:unenrol', 1),
    (1, 4, 'moodle/course:viewhiddencourses', 1),
    (1, 4, 'moodle/course:viewparticipants', 1),
    (1, 4, 'moodle/user:viewdetails', 1),
    (1, 4, 'moodle/user:viewhiddendetails', 1),
    (1, 5, 'moodle/course:viewparticipants', 1),
    (1, 5, 'moodle/user:viewdetails', 1);

INSERT INTO mdl_config (name, value) VALUES ('siteadmins', '2');
INSERT INTO mdl_config (name, value) VALUES ('defaultuserroleid', '7');
INSERT INTO mdl_config (name, value) VALUES ('guestroleid', '6');
INSERT INTO mdl_config (name, value) VALUES ('creatornewroleid', '3');
INSERT INTO mdl_config (name, value) VALUES ('sitename', 'Atrium');
INSERT INTO mdl_config (name, value) VALUES ('passwordchangetokendeletion', '1');
