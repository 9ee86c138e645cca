-- 007: the rail network journeys are ruled by, as versioned documents
-- (hubs and edges, each edge with its source); the current network is
-- the highest version.  Append-only like the policy.  A new version bumps
-- the snapshot generation.  The first version is seeded from the
-- embedded data (store/seed.c), on a new database and on one upgraded to
-- this schema.
CREATE TABLE IF NOT EXISTS rail_networks (
	version			INTEGER PRIMARY KEY CHECK (version >= 1),
	data			TEXT NOT NULL CHECK (json_valid(data)),
	created_at		TEXT NOT NULL,
	created_by		TEXT NOT NULL
) STRICT;

CREATE TRIGGER IF NOT EXISTS rail_networks_generation AFTER INSERT ON rail_networks
BEGIN
	UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)
	    WHERE key = 'generation';
END;
