-- Version 7: the changes made to the firewall by hand (abuseloop ban, unban, firewall restore and
-- every command that rebuilt the table), so that a running `abuseloop watch` learns of them.
-- Portable SQL for SQLite and PostgreSQL (${id_column} as in V1). Times are UTC epoch milliseconds.
-- kind: 'ban' (target banned by hand), 'unban' (target and every ban inside it lifted by hand),
-- 'rebuild' (the table was installed afresh from the store and the remembered rules; target NULL).
-- watch reads the count and the highest id once a second and the rows it has not handled when they
-- change; rows beyond the newest 10,000 are deleted as new ones come.
CREATE TABLE firewall_change (
  id ${id_column},
  kind VARCHAR(16) NOT NULL,
  target VARCHAR(64),
  changed_at BIGINT NOT NULL,
  CONSTRAINT firewall_change_kind CHECK (kind IN ('ban', 'unban', 'rebuild'))
);
