-- Version 8 (PostgreSQL): firewall_change also notes 'remove' (abuseloop firewall remove deleted the
-- table; a running watch stops applying bans to the kernel until a 'rebuild'). The CHECK constraint is
-- replaced in place; rows and the identity's sequence stay as they are.
ALTER TABLE firewall_change DROP CONSTRAINT firewall_change_kind;
ALTER TABLE firewall_change ADD CONSTRAINT firewall_change_kind
  CHECK (kind IN ('ban', 'unban', 'rebuild', 'remove'));
