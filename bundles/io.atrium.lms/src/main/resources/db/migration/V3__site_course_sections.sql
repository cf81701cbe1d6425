-- The site course as Moodle installs it: sections 0 and 1, and its one course format option
-- (numsections = 1), which core_course_get_courses reports.
INSERT INTO mdl_course_sections (course, section, summary, summaryformat, sequence, visible)
    VALUES (1, 1, '', 1, '', 1);
INSERT INTO mdl_course_format_options (courseid, format, sectionid, name, value)
    VALUES (1, 'site', 0, 'numsections', '1');
