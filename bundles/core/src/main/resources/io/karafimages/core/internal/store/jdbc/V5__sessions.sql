-- Version 5: web app logins. A user's password hash (a self-describing Argon2id string with its salt and
-- parameters), server-side sessions keyed by the SHA-256 of the secret cookie value (never the value itself),
-- and recent login failures (per user name and per client address) so that every node rate-limits alike.
ALTER TABLE images_user ADD COLUMN password_hash VARCHAR(512);
CREATE TABLE images_session (
  id_hash CHAR(64) PRIMARY KEY,
  user_id VARCHAR(64) NOT NULL REFERENCES images_user(id),
  csrf_token VARCHAR(64) NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  idle_expires_at BIGINT NOT NULL,
  absolute_expires_at BIGINT NOT NULL
);
CREATE INDEX images_session_user ON images_session (user_id);
CREATE INDEX images_session_idle ON images_session (idle_expires_at);
CREATE INDEX images_session_absolute ON images_session (absolute_expires_at);
CREATE TABLE images_login_failure (
  fail_key VARCHAR(320) NOT NULL,
  failed_at BIGINT NOT NULL
);
CREATE INDEX images_login_failure_key ON images_login_failure (fail_key, failed_at);
CREATE INDEX images_login_failure_at ON images_login_failure (failed_at);
