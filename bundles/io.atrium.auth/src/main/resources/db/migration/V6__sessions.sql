-- Signed-in browser sessions: the admin shell and the AJAX endpoint. The key itself is not
-- stored, only its SHA-256, so a copy of the database opens no session.
CREATE TABLE atrium_sessions (
    keyhash VARCHAR(64) PRIMARY KEY,
    userid BIGINT NOT NULL,
    sesskey VARCHAR(32) NOT NULL,
    passwordstamp VARCHAR(64) NOT NULL,
    address VARCHAR(45),
    timecreated BIGINT NOT NULL,
    lastseen BIGINT NOT NULL
);
CREATE INDEX atrium_sessions_user_ix ON atrium_sessions (userid);
