-- Failed logins, counted per username and per address in windows, in the database so that every
-- node sharing it applies the same limit.
CREATE TABLE atrium_login_failures (
    throttlekey VARCHAR(300) PRIMARY KEY,
    failures INT NOT NULL DEFAULT 0,
    windowstart BIGINT NOT NULL
);
