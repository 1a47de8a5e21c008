-- Version 5 of the store's schema: the outbox delivers each report the way its desk takes it.
-- Portable SQL for SQLite and PostgreSQL (${id_column} as in V1). Times are UTC epoch milliseconds.
-- outbox_message.channel: how the message goes: smtp, abuseipdb (AbuseIPDB v2 API) or msrc (Microsoft's
--   Report Abuse API); format: the report format it carries (text, xarf, xarf-mail, arf, iodef, aws-csv,
--   abuseipdb, msrc-api), which decides its MIME structure or API call.
-- outbox_report gains two statuses: manual (the desk has only a web form: the prefilled fields are in
--   form_file, the form's address is the contact) and uncertain (an API call was made and a crash came
--   before its answer was recorded: never repeated on a guess); protocol (tcp, udp, ... or NULL when the
--   logs do not say: an API that refuses UDP checks it again); text_body (the plain text for a person when
--   body is in a machine format).
-- SQLite cannot alter a CHECK constraint, so outbox_report and the two tables referring to it are rebuilt
-- and renamed (the same statements work on PostgreSQL). Rows are copied in id order, so the new ids keep
-- the order the queries sort by.
ALTER TABLE outbox_message ADD COLUMN channel VARCHAR(16) DEFAULT 'smtp' NOT NULL;
ALTER TABLE outbox_message ADD COLUMN format VARCHAR(32) DEFAULT 'text' NOT NULL;

CREATE TABLE outbox_report_v5 (
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
  protocol VARCHAR(8),
  text_body TEXT,
  form_file VARCHAR(1000),
  CONSTRAINT outbox_report_v5_id_unique UNIQUE (report_id),
  CONSTRAINT outbox_report_message FOREIGN KEY (message_id) REFERENCES outbox_message (message_id),
  CONSTRAINT outbox_report_window CHECK (window_end >= window_start),
  CONSTRAINT outbox_report_status CHECK (status IN ('queued', 'approved', 'sending', 'sent', 'failed', 'bounced',
    'acknowledged', 'answered', 'resolved', 're-offended', 'manual', 'uncertain'))
);

INSERT INTO outbox_report_v5 (report_id, source, scenario, window_start, window_end, provider, contact, format, body,
    status, queued_at, updated_at, message_id, sent_at, first_answer_at, last_seen_at, follows, last_error)
  SELECT report_id, source, scenario, window_start, window_end, provider, contact, format, body,
    status, queued_at, updated_at, message_id, sent_at, first_answer_at, last_seen_at, follows, last_error
  FROM outbox_report ORDER BY id;

CREATE TABLE outbox_report_status_v5 (
  id ${id_column},
  report_id VARCHAR(36) NOT NULL,
  status VARCHAR(16) NOT NULL,
  at BIGINT NOT NULL,
  note VARCHAR(2000) NOT NULL,
  CONSTRAINT outbox_report_status_report FOREIGN KEY (report_id) REFERENCES outbox_report_v5 (report_id)
);

INSERT INTO outbox_report_status_v5 (report_id, status, at, note)
  SELECT report_id, status, at, note FROM outbox_report_status ORDER BY id;

CREATE TABLE outbox_reply_v5 (
  id ${id_column},
  message_id VARCHAR(250) NOT NULL,
  report_id VARCHAR(36) NOT NULL,
  kind VARCHAR(16) NOT NULL,
  received_at BIGINT NOT NULL,
  note VARCHAR(2000) NOT NULL,
  CONSTRAINT outbox_reply_v5_once UNIQUE (message_id, report_id),
  CONSTRAINT outbox_reply_report FOREIGN KEY (report_id) REFERENCES outbox_report_v5 (report_id)
);

INSERT INTO outbox_reply_v5 (message_id, report_id, kind, received_at, note)
  SELECT message_id, report_id, kind, received_at, note FROM outbox_reply ORDER BY id;

DROP TABLE outbox_reply;
DROP TABLE outbox_report_status;
DROP TABLE outbox_report;

ALTER TABLE outbox_report_v5 RENAME TO outbox_report;
ALTER TABLE outbox_report_status_v5 RENAME TO outbox_report_status;
ALTER TABLE outbox_reply_v5 RENAME TO outbox_reply;

CREATE INDEX outbox_report_by_source ON outbox_report (source, window_end);
CREATE INDEX outbox_report_by_status ON outbox_report (status, queued_at);
CREATE INDEX outbox_report_by_message ON outbox_report (message_id);
CREATE INDEX outbox_report_status_by_report ON outbox_report_status (report_id, id);
