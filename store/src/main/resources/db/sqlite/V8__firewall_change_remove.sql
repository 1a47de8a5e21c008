-- Version 8 (SQLite): firewall_change also notes 'remove' (abuseloop firewall remove deleted the
-- table; a running watch stops applying bans to the kernel until a 'rebuild'). SQLite cannot alter a
-- CHECK constraint, so the table is rebuilt with the same columns and rows (ids kept: a running watch
-- remembers the ids it handled; AUTOINCREMENT goes on after the highest id copied).
CREATE TABLE firewall_change_v8 (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind VARCHAR(16) NOT NULL,
  target VARCHAR(64),
  changed_at BIGINT NOT NULL,
  CONSTRAINT firewall_change_kind CHECK (kind IN ('ban', 'unban', 'rebuild', 'remove'))
);
INSERT INTO firewall_change_v8 (id, kind, target, changed_at)
  SELECT id, kind, target, changed_at FROM firewall_change ORDER BY id;
DROP TABLE firewall_change;
ALTER TABLE firewall_change_v8 RENAME TO firewall_change;
