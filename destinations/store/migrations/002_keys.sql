-- 002: API keys.  Only a salted SHA-256 of each key is stored; the key
-- itself is shown once, when it is made.  key_id is the public part of
-- the key ("tm_" + key_id + secret) that finds the row.  A revoked key
-- keeps its row (who had access, and until when); a name can be reused
-- once its key is revoked.
CREATE TABLE api_keys (
	key_id		TEXT PRIMARY KEY CHECK (length(key_id) = 16),
	name		TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
	role		TEXT NOT NULL CHECK (role IN ('staff', 'hr', 'admin')),
	salt		TEXT NOT NULL CHECK (length(salt) = 32),
	hash		TEXT NOT NULL CHECK (length(hash) = 64),
	created_at	TEXT NOT NULL,
	revoked_at	TEXT
) STRICT;

CREATE UNIQUE INDEX api_keys_active_name ON api_keys (name)
    WHERE revoked_at IS NULL;
