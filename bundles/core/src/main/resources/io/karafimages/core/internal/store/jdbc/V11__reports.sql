-- Version 11: reports users file about their embeds (artifacts, harmful, wrong prompt), for the operators
-- (images:reports). No foreign key to the embed: a report outlives the image it is about, as the operators'
-- record. The comment is the user's words to the operators, kept readable; nothing of the encrypted content.
CREATE TABLE images_report (
  id VARCHAR(64) PRIMARY KEY,
  owner_id VARCHAR(64) NOT NULL,
  embed_id VARCHAR(64) NOT NULL,
  reason VARCHAR(32) NOT NULL,
  comment VARCHAR(1000),
  created_at BIGINT NOT NULL
);
CREATE INDEX images_report_created ON images_report (created_at, id);
CREATE INDEX images_report_owner ON images_report (owner_id, created_at);
