-- The built-in service for scripted administration: its functions declare it; only users with
-- moodle/site:config may use it.
INSERT INTO mdl_external_services (name, enabled, requiredcapability, restrictedusers, component, timecreated,
        shortname, downloadfiles, uploadfiles)
    VALUES ('Atrium administration', 1, 'moodle/site:config', 0, 'atrium', 0, 'atrium_admin', 0, 0);
