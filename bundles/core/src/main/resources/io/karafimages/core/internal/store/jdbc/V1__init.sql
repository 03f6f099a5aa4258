-- Version 1 of the Karaf Images schema. Portable SQL (H2 in PostgreSQL mode and PostgreSQL 15).
-- Times are epoch milliseconds. Nothing here holds a plaintext data key, prompt or image.
CREATE TABLE images_user (
  id VARCHAR(64) PRIMARY KEY,
  name VARCHAR(64) NOT NULL UNIQUE,
  created_at BIGINT NOT NULL
);
CREATE TABLE images_api_key (
  key_hash CHAR(64) PRIMARY KEY,
  user_id VARCHAR(64) NOT NULL REFERENCES images_user(id),
  key_prefix VARCHAR(16) NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE images_embed (
  id VARCHAR(64) PRIMARY KEY,
  owner_id VARCHAR(64) NOT NULL,
  status VARCHAR(16) NOT NULL,
  key_backend VARCHAR(32) NOT NULL,
  wrapped_key VARCHAR(4096) NOT NULL,
  blob_backend VARCHAR(32),
  content BYTEA,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE images_task (
  id VARCHAR(64) PRIMARY KEY,
  owner_id VARCHAR(64) NOT NULL,
  skill VARCHAR(64) NOT NULL,
  embed_id VARCHAR(64) NOT NULL REFERENCES images_embed(id),
  status VARCHAR(16) NOT NULL,
  progress DOUBLE PRECISION NOT NULL,
  input BYTEA NOT NULL,
  attempts INT NOT NULL,
  not_before BIGINT,
  lease_owner VARCHAR(64),
  lease_until BIGINT,
  cancel_requested BOOLEAN NOT NULL,
  error_code VARCHAR(64),
  error_message VARCHAR(2000),
  error_retryable BOOLEAN NOT NULL,
  result_json VARCHAR(4000),
  idempotency_key VARCHAR(255),
  request_hash VARCHAR(64),
  estimated_finish_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  started_at BIGINT,
  finished_at BIGINT,
  duration_ms BIGINT,
  version BIGINT NOT NULL
);
CREATE UNIQUE INDEX images_task_idempotency ON images_task (owner_id, idempotency_key);
CREATE INDEX images_task_claim ON images_task (status, not_before);
CREATE INDEX images_task_lease ON images_task (lease_owner);
CREATE INDEX images_task_created ON images_task (created_at);
CREATE INDEX images_task_skill_done ON images_task (skill, finished_at);
