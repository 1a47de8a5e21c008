-- Version 6 of the store's schema: a sender's lease on the messages it claimed.
-- Portable SQL for SQLite and PostgreSQL. lease_token is the random token of the sender that holds the
-- message (status 'sending'); every step out of 'sending' a sender takes compares it, so a sender whose
-- lease was taken over can no longer mark, retry or release the message.
ALTER TABLE outbox_message ADD COLUMN lease_token VARCHAR(36);

CREATE INDEX outbox_message_by_lease ON outbox_message (lease_token);
