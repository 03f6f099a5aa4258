-- Version 9: API keys that expire, can be revoked and record their last use, and users that can be disabled
-- (security review M10). Times are epoch milliseconds; NULL means "never" / "not yet".
ALTER TABLE images_api_key ADD COLUMN expires_at BIGINT;
ALTER TABLE images_api_key ADD COLUMN revoked_at BIGINT;
ALTER TABLE images_api_key ADD COLUMN last_used_at BIGINT;
ALTER TABLE images_user ADD COLUMN disabled_at BIGINT;
CREATE INDEX images_api_key_user ON images_api_key (user_id, created_at);
CREATE INDEX images_api_key_prefix ON images_api_key (key_prefix);
