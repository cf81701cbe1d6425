-- What an administrator's script needs besides the token functions: creating the integration user.
INSERT INTO mdl_external_services_functions (externalserviceid, functionname)
    SELECT id, 'core_user_create_users' FROM mdl_external_services WHERE shortname = 'atrium_admin';
INSERT INTO mdl_external_services_functions (externalserviceid, functionname)
    SELECT id, 'core_user_get_users_by_field' FROM mdl_external_services WHERE shortname = 'atrium_admin';
