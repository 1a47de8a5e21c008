-- Version 2: where `abuseloop watch` resumes each log source after a restart.
-- Portable SQL for SQLite and PostgreSQL. Times are UTC epoch milliseconds.
-- position is the source's own resume point (Position.toText(): a file identity and offset, a
-- journal cursor); decided_lines counts the lines after that point whose bans were already decided
-- and recorded in the same transaction as this row, so a restart reads them again to rebuild the
-- detector's counts but bans nothing for them.
CREATE TABLE source_checkpoint (
  source VARCHAR(1000) NOT NULL,
  position VARCHAR(4000) NOT NULL,
  decided_lines BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CONSTRAINT source_checkpoint_pk PRIMARY KEY (source),
  CONSTRAINT source_checkpoint_lines CHECK (decided_lines >= 0)
);
