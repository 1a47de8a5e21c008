-- Version 4 of the store's schema: the outbox of abuse reports and what came back.
-- Portable SQL for SQLite and PostgreSQL (${id_column} as in V1). Times are UTC epoch milliseconds.
-- outbox_message: one mail to one abuse desk, with the Message-ID every attempt reuses.
-- outbox_report: one report (source, scenario, window), unique by its stable report id; message_id
--   names the message that carries it, NULL before it is batched.
-- outbox_report_status: every status a report took, in order.
-- outbox_reply: each reply counted once per report it is about.
-- mailbox_cursor: how far the IMAP tracker read a mailbox.
CREATE TABLE outbox_message (
  id ${id_column},
  message_id VARCHAR(250) NOT NULL,
  tag VARCHAR(16) NOT NULL,
  contact VARCHAR(320) NOT NULL,
  subject VARCHAR(1000) NOT NULL,
  body TEXT NOT NULL,
  message_references VARCHAR(2000),
  status VARCHAR(16) NOT NULL,
  attempts INTEGER NOT NULL,
  next_attempt_at BIGINT,
  claimed_at BIGINT,
  sent_at BIGINT,
  last_error VARCHAR(2000),
  created_at BIGINT NOT NULL,
  CONSTRAINT outbox_message_id_unique UNIQUE (message_id),
  CONSTRAINT outbox_message_status CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  CONSTRAINT outbox_message_attempts CHECK (attempts >= 0)
);

CREATE INDEX outbox_message_by_status ON outbox_message (status, next_attempt_at);
CREATE INDEX outbox_message_by_contact ON outbox_message (contact, created_at);
CREATE INDEX outbox_message_by_tag ON outbox_message (tag);

CREATE TABLE outbox_report (
  id ${id_column},
  report_id VARCHAR(36) NOT NULL,
  source VARCHAR(64) NOT NULL,
  scenario VARCHAR(200) NOT NULL,
  window_start BIGINT NOT NULL,
  window_end BIGINT NOT NULL,
  provider VARCHAR(200),
  contact VARCHAR(320) NOT NULL,
  format VARCHAR(32) NOT NULL,
  body TEXT NOT NULL,
  status VARCHAR(16) NOT NULL,
  queued_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  message_id VARCHAR(250),
  sent_at BIGINT,
  first_answer_at BIGINT,
  last_seen_at BIGINT NOT NULL,
  follows VARCHAR(36),
  last_error VARCHAR(2000),
  CONSTRAINT outbox_report_id_unique UNIQUE (report_id),
  CONSTRAINT outbox_report_message FOREIGN KEY (message_id) REFERENCES outbox_message (message_id),
  CONSTRAINT outbox_report_window CHECK (window_end >= window_start),
  CONSTRAINT outbox_report_status CHECK (status IN ('queued', 'approved', 'sending', 'sent', 'failed', 'bounced',
    'acknowledged', 'answered', 'resolved', 're-offended'))
);

CREATE INDEX outbox_report_by_source ON outbox_report (source, window_end);
CREATE INDEX outbox_report_by_status ON outbox_report (status, queued_at);
CREATE INDEX outbox_report_by_message ON outbox_report (message_id);

CREATE TABLE outbox_report_status (
  id ${id_column},
  report_id VARCHAR(36) NOT NULL,
  status VARCHAR(16) NOT NULL,
  at BIGINT NOT NULL,
  note VARCHAR(2000) NOT NULL,
  CONSTRAINT outbox_report_status_report FOREIGN KEY (report_id) REFERENCES outbox_report (report_id)
);

CREATE INDEX outbox_report_status_by_report ON outbox_report_status (report_id, id);

CREATE TABLE outbox_reply (
  id ${id_column},
  message_id VARCHAR(250) NOT NULL,
  report_id VARCHAR(36) NOT NULL,
  kind VARCHAR(16) NOT NULL,
  received_at BIGINT NOT NULL,
  note VARCHAR(2000) NOT NULL,
  CONSTRAINT outbox_reply_once UNIQUE (message_id, report_id),
  CONSTRAINT outbox_reply_report FOREIGN KEY (report_id) REFERENCES outbox_report (report_id)
);

CREATE TABLE mailbox_cursor (
  mailbox VARCHAR(400) NOT NULL,
  uid_validity BIGINT NOT NULL,
  last_uid BIGINT NOT NULL,
  CONSTRAINT mailbox_cursor_key PRIMARY KEY (mailbox)
);
