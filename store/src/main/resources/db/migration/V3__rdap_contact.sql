-- Version 3 of the store's schema: the RDAP abuse contacts cache (intel's ContactCache).
-- Portable SQL for SQLite and PostgreSQL. Times are UTC epoch milliseconds.
-- One row per registry and network range. Addresses are fixed-width lower-case hex (8 digits for
-- IPv4, 32 for IPv6), so that comparing the text compares the addresses in both databases and
-- "which cached range holds this address" is a range condition on an index.
-- contact is NULL for a negative answer (the registry named no abuse e-mail, or had no record).
CREATE TABLE rdap_contact (
  registry VARCHAR(500) NOT NULL,
  ip_version SMALLINT NOT NULL,
  first_address VARCHAR(32) NOT NULL,
  last_address VARCHAR(32) NOT NULL,
  contact VARCHAR(320),
  reason VARCHAR(2000) NOT NULL,
  answered_by VARCHAR(1000),
  fetched_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  CONSTRAINT rdap_contact_key PRIMARY KEY (registry, ip_version, first_address, last_address),
  CONSTRAINT rdap_contact_ip_version CHECK (ip_version IN (4, 6)),
  CONSTRAINT rdap_contact_range CHECK (first_address <= last_address),
  CONSTRAINT rdap_contact_period CHECK (expires_at >= fetched_at)
);

-- Purging what has expired.
CREATE INDEX rdap_contact_by_expiry ON rdap_contact (expires_at);
