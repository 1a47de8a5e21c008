-- Version 1 of the store's schema: the bans that must outlive a restart.
-- Portable SQL for SQLite and PostgreSQL; the one thing they spell differently, a generated key,
-- comes in as the placeholder ${id_column} (see Backend). Times are UTC epoch milliseconds.
-- One row per target: a new offense after a ban ended reopens the row, so offenses counts them all.
-- A ban is open while removed_at is NULL; removed_at = expires_at means it ran out, earlier means
-- it was lifted.
CREATE TABLE ban (
  id ${id_column},
  target VARCHAR(64) NOT NULL,
  prefix_length SMALLINT NOT NULL,
  ip_version SMALLINT NOT NULL,
  scenario VARCHAR(200) NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  offenses INTEGER NOT NULL,
  removed_at BIGINT,
  CONSTRAINT ban_target_unique UNIQUE (target),
  CONSTRAINT ban_prefix_length CHECK (prefix_length BETWEEN 0 AND 128),
  CONSTRAINT ban_ip_version CHECK (ip_version IN (4, 6)),
  CONSTRAINT ban_period CHECK (expires_at >= created_at),
  CONSTRAINT ban_offenses CHECK (offenses >= 1)
);

-- "What is active at T" and "what has run out by T" both look only at open bans, by expiry.
CREATE INDEX ban_open_by_expiry ON ban (expires_at) WHERE removed_at IS NULL;
