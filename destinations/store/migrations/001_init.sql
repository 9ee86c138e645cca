-- 001: the destination list with its history, the versioned policy,
-- factor sets and zones.  Applied in one transaction by store.c, which
-- then sets PRAGMA user_version = 1.
--
-- Versioning: every change to a destination writes a new row in
-- destination_versions (the full JSON of the entry as it is after the
-- change, and what changed) and updates the one row in destinations, whose
-- version is the latest.  Policies, factor sets and zones are append-only:
-- a change inserts a new version.
--
-- Dates are ISO 8601 text: days "YYYY-MM-DD", instants
-- "YYYY-MM-DDTHH:MM:SSZ" (UTC).

CREATE TABLE destinations (
	id			TEXT PRIMARY KEY
				CHECK (length(id) BETWEEN 1 AND 63
				    AND id NOT GLOB '*[^a-z0-9-]*'),
	name			TEXT NOT NULL CHECK (length(name) > 0),
	name_nl			TEXT NOT NULL DEFAULT '',
	name_en			TEXT NOT NULL DEFAULT '',
	aliases			TEXT NOT NULL DEFAULT '[]'
				CHECK (json_valid(aliases)
				    AND json_type(aliases) = 'array'),
	country			TEXT NOT NULL
				CHECK (length(country) = 2
				    AND country NOT GLOB '*[^A-Z]*'),
	lat			REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
	lon			REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
	coord_source		TEXT NOT NULL DEFAULT '',
	mode			TEXT NOT NULL
				CHECK (mode IN ('train', 'plane', 'car', 'coach')),
	strength		TEXT NOT NULL
				CHECK (strength IN ('free', 'recommended',
				    'mandatory')),
	-- NULL: no rail connection.
	rail_hours		REAL CHECK (rail_hours IS NULL OR rail_hours >= 0),
	rail_estimated		INTEGER NOT NULL DEFAULT 0
				CHECK (rail_estimated IN (0, 1)),
	rail_source		TEXT NOT NULL DEFAULT '',
	rail_source_date	TEXT,
	night_train		INTEGER NOT NULL DEFAULT 0
				CHECK (night_train IN (0, 1)),
	night_train_note	TEXT NOT NULL DEFAULT '',
	notes			TEXT NOT NULL DEFAULT '',
	-- NULL: always active / never retired.
	active_from		TEXT,
	retired			TEXT,
	version			INTEGER NOT NULL CHECK (version >= 1),
	updated_at		TEXT NOT NULL,
	updated_by		TEXT NOT NULL,
	CHECK (rail_hours IS NULL OR length(rail_source) > 0)
) STRICT;

CREATE INDEX destinations_country ON destinations (country);

-- changes: {"action": "create"}, {"action": "retire"} or
-- {"action": "update", "fields": {"name": {"from": ..., "to": ...}, ...}}
CREATE TABLE destination_versions (
	id			TEXT NOT NULL REFERENCES destinations (id),
	version			INTEGER NOT NULL CHECK (version >= 1),
	data			TEXT NOT NULL CHECK (json_valid(data)),
	changed_by		TEXT NOT NULL,
	changed_at		TEXT NOT NULL,
	changes			TEXT NOT NULL DEFAULT '{}'
				CHECK (json_valid(changes)),
	PRIMARY KEY (id, version)
) STRICT;

-- The current policy is the one with the highest version.
CREATE TABLE policies (
	version			INTEGER PRIMARY KEY CHECK (version >= 1),
	data			TEXT NOT NULL CHECK (json_valid(data)),
	created_at		TEXT NOT NULL,
	created_by		TEXT NOT NULL
) STRICT;

-- Exactly one row is current (is_current = 1).
CREATE TABLE factor_sets (
	name			TEXT NOT NULL CHECK (length(name) > 0),
	version			INTEGER NOT NULL CHECK (version >= 1),
	year			INTEGER NOT NULL,
	data			TEXT NOT NULL CHECK (json_valid(data)),
	is_current		INTEGER NOT NULL DEFAULT 0
				CHECK (is_current IN (0, 1)),
	created_at		TEXT NOT NULL,
	created_by		TEXT NOT NULL,
	PRIMARY KEY (name, version)
) STRICT;

CREATE UNIQUE INDEX factor_sets_one_current ON factor_sets (is_current)
    WHERE is_current = 1;

-- A zone is a GeoJSON Feature (or bare Polygon / MultiPolygon geometry)
-- in lon/lat; the current zone of an id is its highest version.  Every
-- current zone is part of the rail-connected zone.
CREATE TABLE zones (
	id			TEXT NOT NULL
				CHECK (length(id) BETWEEN 1 AND 63
				    AND id NOT GLOB '*[^a-z0-9-]*'),
	version			INTEGER NOT NULL CHECK (version >= 1),
	geojson			TEXT NOT NULL CHECK (json_valid(geojson)),
	created_at		TEXT NOT NULL,
	created_by		TEXT NOT NULL,
	PRIMARY KEY (id, version)
) STRICT;

-- seeded_at: when the embedded seed data was loaded (never re-seeded).
CREATE TABLE meta (
	key			TEXT PRIMARY KEY,
	value			TEXT NOT NULL
) STRICT;
