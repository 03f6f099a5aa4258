-- Version 2: the usage ledger (one row per charged task: the primary key makes charging idempotent)
-- and each task's expected cost, counted against the owner's budget while it is queued or running.
CREATE TABLE images_usage (
  task_id VARCHAR(64) PRIMARY KEY,
  owner_id VARCHAR(64) NOT NULL,
  skill VARCHAR(64) NOT NULL,
  model VARCHAR(128),
  usd DOUBLE PRECISION NOT NULL,
  credits BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX images_usage_owner ON images_usage (owner_id, created_at);
ALTER TABLE images_task ADD COLUMN estimated_credits BIGINT DEFAULT 0 NOT NULL;
CREATE INDEX images_task_owner_status ON images_task (owner_id, status);
