-- 004: the gazetteer and the country borders.  Both tables are reference
-- data, not history: they are filled from the embedded extracts
-- (data/places.tsv from GeoNames, data/countries.geojson from Natural
-- Earth) on the first start at this schema version, and replaced as a
-- whole by `tripmoded import-places`; meta 'places_loaded_at' says when.
--
-- places: every European place of 15 000 inhabitants or more and every
-- national capital.  name is GeoNames' name, ascii its ASCII form; name_nl
-- and name_en are the Dutch and English names where they differ ('' if
-- none).  capital is 1 for a national capital.
CREATE TABLE places (
	geonameid		INTEGER PRIMARY KEY CHECK (geonameid > 0),
	name			TEXT NOT NULL CHECK (length(name) > 0),
	ascii			TEXT NOT NULL DEFAULT '',
	name_nl			TEXT NOT NULL DEFAULT '',
	name_en			TEXT NOT NULL DEFAULT '',
	country			TEXT NOT NULL
				CHECK (length(country) = 2
				    AND country NOT GLOB '*[^A-Z]*'),
	lat			REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
	lon			REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
	population		INTEGER NOT NULL DEFAULT 0
				CHECK (population >= 0),
	capital			INTEGER NOT NULL DEFAULT 0
				CHECK (capital IN (0, 1))
) STRICT;

CREATE INDEX places_country ON places (country);

-- countries: one row per country, its border as a GeoJSON geometry
-- (Polygon or MultiPolygon, lon/lat).
CREATE TABLE countries (
	iso_a2			TEXT PRIMARY KEY
				CHECK (length(iso_a2) = 2
				    AND iso_a2 NOT GLOB '*[^A-Z]*'),
	name			TEXT NOT NULL CHECK (length(name) > 0),
	geojson			TEXT NOT NULL CHECK (json_valid(geojson))
) STRICT;
