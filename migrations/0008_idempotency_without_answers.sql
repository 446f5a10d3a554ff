-- A retried contact creation is now answered from the contact the key points to (resource_id), as it is when
-- the retry arrives, instead of from a stored copy of the first answer. The copy held the caller's details for a
-- day and cost a second write per contact; the claim is written by the same statement as the contact, so a key
-- whose contact is missing never becomes visible.
ALTER TABLE idempotency_keys DROP COLUMN response;
