-- Version 3: embeds that are not images (search results hold content only, no files), and the owner's
-- finished embeds listed newest first (the offline reverse search compares the caller's own images).
ALTER TABLE images_embed ADD COLUMN type VARCHAR(32) DEFAULT 'image' NOT NULL;
CREATE INDEX images_embed_owner_type ON images_embed (owner_id, type, status, created_at);
