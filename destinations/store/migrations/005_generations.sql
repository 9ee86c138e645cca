-- 005: generations of what a snapshot holds.  Every write to the list,
-- the policy, the factor sets, the zones or the API keys bumps
-- "generation" in its own transaction (the triggers below); a refill of
-- the gazetteer (places, countries) bumps both "generation" and
-- "geo_generation" (the one function that writes those tables does it).
-- Readers reload a snapshot when "generation" changes, and rebuild the
-- geographic data only when "geo_generation" does; filing a trip changes
-- neither.
INSERT OR IGNORE INTO meta (key, value) VALUES ('generation', '1');
INSERT OR IGNORE INTO meta (key, value) VALUES ('geo_generation', '1');

CREATE TRIGGER IF NOT EXISTS destinations_generation_insert AFTER INSERT ON destinations
BEGIN
	UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)
	    WHERE key = 'generation';
END;
CREATE TRIGGER IF NOT EXISTS destinations_generation_update AFTER UPDATE ON destinations
BEGIN
	UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)
	    WHERE key = 'generation';
END;
CREATE TRIGGER IF NOT EXISTS destinations_generation_delete AFTER DELETE ON destinations
BEGIN
	UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)
	    WHERE key = 'generation';
END;
CREATE TRIGGER IF NOT EXISTS policies_generation AFTER INSERT ON policies
BEGIN
	UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)
	    WHERE key = 'generation';
END;
CREATE TRIGGER IF NOT EXISTS factor_sets_generation_insert AFTER INSERT ON factor_sets
BEGIN
	UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)
	    WHERE key = 'generation';
END;
CREATE TRIGGER IF NOT EXISTS factor_sets_generation_update AFTER UPDATE ON factor_sets
BEGIN
	UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)
	    WHERE key = 'generation';
END;
CREATE TRIGGER IF NOT EXISTS zones_generation AFTER INSERT ON zones
BEGIN
	UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)
	    WHERE key = 'generation';
END;
CREATE TRIGGER IF NOT EXISTS api_keys_generation_insert AFTER INSERT ON api_keys
BEGIN
	UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)
	    WHERE key = 'generation';
END;
CREATE TRIGGER IF NOT EXISTS api_keys_generation_update AFTER UPDATE ON api_keys
BEGIN
	UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)
	    WHERE key = 'generation';
END;
