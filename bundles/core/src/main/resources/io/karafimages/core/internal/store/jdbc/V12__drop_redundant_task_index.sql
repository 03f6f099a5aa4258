-- Version 12 (the 11th script): images_task_owner_status (owner_id, status) is a prefix of
-- images_task_owner_status_created (owner_id, status, created_at, id), which answers every query the shorter one
-- did; each task insert and status change wrote both. images_task keeps nine indexes.
DROP INDEX IF EXISTS images_task_owner_status;
