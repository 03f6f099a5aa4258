-- Version 4: one row per task owner, locked (SELECT ... FOR UPDATE) while a task is created within the owner's
-- budget, so that parallel creates on any node are serialised per owner and cannot overspend it.
CREATE TABLE images_owner_lock (
  owner_id VARCHAR(64) PRIMARY KEY
);
