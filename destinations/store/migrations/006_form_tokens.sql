-- 006: a trip request form is sent once.  The form's token (its SHA-256,
-- hex) is stored with the trip it filed, in the trip's transaction; the
-- same token again files nothing and names that trip.  Not a table a
-- snapshot holds: no generation trigger.
CREATE TABLE IF NOT EXISTS form_tokens (
	token_sha256	TEXT PRIMARY KEY NOT NULL
			CHECK (length(token_sha256) = 64),
	trip_id		INTEGER NOT NULL REFERENCES trips (id),
	used_at		TEXT NOT NULL
) WITHOUT ROWID;
