-- Version 6: the owner's embeds and tasks listed newest first with keyset cursors (created_at, id), the task of an
-- embed found by its embed id, and tombstones of deleted embeds (id, owner and time only: nothing to decrypt), so
-- that deleting an embed twice answers like the first time while an unknown id stays unknown.
CREATE INDEX images_embed_owner_created ON images_embed (owner_id, created_at, id);
CREATE INDEX images_task_owner_created ON images_task (owner_id, created_at, id);
CREATE INDEX images_task_owner_status_created ON images_task (owner_id, status, created_at, id);
CREATE INDEX images_task_embed ON images_task (embed_id);
CREATE TABLE images_embed_deleted (
  id VARCHAR(64) PRIMARY KEY,
  owner_id VARCHAR(64) NOT NULL,
  deleted_at BIGINT NOT NULL
);
