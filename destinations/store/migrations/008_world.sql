-- 008: the gazetteer goes worldwide.  places gains alt, the alternate
-- names GeoNames knows a place by in Latin script ("Heraklion" for
-- Irákleion), separated by '|'; a place is found by any of them; and
-- partner, 1 for the city's partner places, which win over larger places
-- of their name (Saint-Raphaël in France, not in Haiti).
-- airports: the airports with scheduled passenger service (OurAirports),
-- by IATA code, each with the gazetteer place it serves (geonameid, 0 if
-- none).  Both are reference data like places: filled from the embedded
-- extracts (data/places.tsv, data/airports.tsv) on the first start at
-- this schema version (meta 'places_loaded_at' is cleared here so that
-- an upgraded database is filled again) and replaced as a whole by
-- `tripmoded import-places`.
ALTER TABLE places ADD COLUMN alt TEXT NOT NULL DEFAULT '';
ALTER TABLE places ADD COLUMN partner INTEGER NOT NULL DEFAULT 0
	CHECK (partner IN (0, 1));

CREATE TABLE airports (
	iata			TEXT PRIMARY KEY
				CHECK (length(iata) = 3
				    AND iata NOT GLOB '*[^A-Z]*'),
	icao			TEXT NOT NULL DEFAULT '',
	name			TEXT NOT NULL CHECK (length(name) > 0),
	municipality		TEXT NOT NULL DEFAULT '',
	country			TEXT NOT NULL
				CHECK (length(country) = 2
				    AND country NOT GLOB '*[^A-Z]*'),
	lat			REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
	lon			REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
	type			TEXT NOT NULL
				CHECK (type IN ('large', 'medium', 'small')),
	geonameid		INTEGER NOT NULL DEFAULT 0
				CHECK (geonameid >= 0)
) STRICT;

DELETE FROM meta WHERE key = 'places_loaded_at';
