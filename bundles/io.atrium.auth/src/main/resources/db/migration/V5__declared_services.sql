-- The built-in services are now declared by this bundle (io.atrium.auth), like any bundle's; the
-- functions the administration service had from V4 come from its declaration.
UPDATE mdl_external_services SET component = 'io.atrium.auth'
    WHERE shortname IN ('moodle_mobile_app', 'atrium_admin');
DELETE FROM mdl_external_services_functions
    WHERE functionname IN ('core_user_create_users', 'core_user_get_users_by_field')
      AND externalserviceid = (SELECT id FROM mdl_external_services WHERE shortname = 'atrium_admin');
