-- Version 8: routing rows, one per stored rendition (API.md "Embed content": the minimum needed to route, in the
-- clear), so that a download reads one row instead of unwrapping a data key and decrypting the embed content to find
-- its object. The backend is the embed's blob_backend (one place, moved by storage migration). etag is derived from
-- the immutable object key, not from the plaintext. Embeds finished before this version get their rows on their
-- first download (the content is decrypted once then), see DefaultEmbedService.
CREATE TABLE images_embed_file (
  embed_id VARCHAR(64) NOT NULL REFERENCES images_embed(id) ON DELETE CASCADE,
  format VARCHAR(16) NOT NULL,
  object_key VARCHAR(255) NOT NULL,
  size_bytes BIGINT NOT NULL,
  width INT NOT NULL,
  height INT NOT NULL,
  file_format VARCHAR(16) NOT NULL,
  media_type VARCHAR(64) NOT NULL,
  etag VARCHAR(64) NOT NULL,
  PRIMARY KEY (embed_id, format)
);
