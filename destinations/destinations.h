/*
 * destinations — the frequent-destination list, the policy, the factor
 * sets and the zones: SQLite storage (migrations, seed) and the immutable
 * in-memory snapshot that rulings read.
 *
 * Only this module knows about SQLite and GEOS.  A store is one SQLite
 * connection and is used by one thread at a time.  A snapshot is immutable
 * and reference-counted: any thread may read it concurrently; whoever holds
 * a reference calls dst_snapshot_unref when done.
 *
 * Errors: functions return 0 / -1 (or NULL) and, on failure, set *cause to
 * a malloc'd message the caller shows and frees.
 */
#ifndef TRIPMODE_DESTINATIONS_H
#define TRIPMODE_DESTINATIONS_H

#include <stddef.h>

#include "decision/decision.h"

#define DST_MAX_ALIASES		8
#define DST_MAX_SUGGESTIONS	5
#define DST_NOTES_MAX		512

/* One destination of the list as stored (a version of it). */
struct dst_entry {
	char	 id[DEC_ID_MAX];		/* [a-z0-9-], stable */
	char	 name[DEC_NAME_MAX];		/* local name, "Köln" */
	char	 name_nl[DEC_NAME_MAX];		/* "Keulen" ("" if none) */
	char	 name_en[DEC_NAME_MAX];		/* "Cologne" ("" if none) */
	int	 naliases;
	char	 aliases[DST_MAX_ALIASES][DEC_NAME_MAX];
	char	 country[3];			/* ISO 3166-1 alpha-2 */
	double	 lat, lon;
	char	 coord_source[DEC_SOURCE_MAX];
	enum dec_mode mode;
	enum dec_strength strength;
	double	 rail_hours;			/* < 0: no rail connection */
	int	 rail_estimated;		/* rail_hours is an estimate */
	char	 rail_source[DEC_SOURCE_MAX];	/* required when rail_hours >= 0 */
	char	 rail_source_date[11];		/* "YYYY-MM-DD" or "" */
	int	 night_train;
	char	 night_train_note[DEC_TEXT_MAX];
	char	 notes[DST_NOTES_MAX];
	long	 active_from;			/* days since epoch; LONG_MIN: always */
	long	 retired;			/* days since epoch; LONG_MAX: not */
	int	 version;			/* 1, 2, ... per id */
	char	 updated_at[32];		/* ISO 8601 UTC */
	char	 updated_by[DEC_NAME_MAX];

	/* Derived when the snapshot is built (not stored). */
	double	 distance_km;			/* great circle from the origin */
	int	 in_rail_zone;
};

/* Is the entry active (on the list, ruling) on this day? */
int	dst_entry_active(const struct dst_entry *, long day);

/* --- store ---------------------------------------------------------- */

struct dst_store;

/*
 * Open (creating if needed) the database at path, apply pending
 * migrations, and seed it from the embedded data on first start.
 * Safe to call again on an existing database (nothing is re-seeded).
 */
struct dst_store *dst_store_open(const char *path, char **cause);
void	 dst_store_close(struct dst_store *);
/* PRAGMA user_version after migrations. */
int	 dst_store_schema_version(struct dst_store *);
/* PRAGMA data_version: changes when another connection commits. */
int	 dst_store_data_version(struct dst_store *);

/* Roles of API keys, each allowed what the ones before it are. */
enum dst_role {
	DST_ROLE_NONE,		/* no key (open endpoints only) */
	DST_ROLE_STAFF,
	DST_ROLE_HR,
	DST_ROLE_ADMIN
};

/* --- API keys -------------------------------------------------------- */

/* "staff", "hr", "admin" ("none" for DST_ROLE_NONE). */
const char	*dst_role_name(enum dst_role);
/* Parse a role name; 0, or -1 if it is none of staff, hr, admin. */
int		 dst_role_parse(const char *, enum dst_role *);

/*
 * Make a key for a role under a name (1-64 printable characters, unique
 * among active keys).  The key ("tm_" and 64 hex digits) is returned in
 * *key, malloc'd, the only time it exists outside the caller: only a
 * salted SHA-256 is stored.
 */
int	 dst_key_create(struct dst_store *, enum dst_role, const char *name,
	    char **key, char **cause);
/* Revoke the active key of that name; -1 with a cause if there is none. */
int	 dst_key_revoke(struct dst_store *, const char *name, char **cause);
/*
 * Every key ever made, oldest first, as a malloc'd JSON text: an array of
 * {name, role, key_id, created_at, revoked_at|null}.  NULL on error.
 */
char	*dst_key_list(struct dst_store *, char **cause);

/* --- snapshot -------------------------------------------------------- */

struct dst_snapshot;

/* Read everything (list, current policy, current factor set, zones) into a
 * new snapshot with one reference. */
struct dst_snapshot *dst_snapshot_load(struct dst_store *, char **cause);
void	 dst_snapshot_ref(struct dst_snapshot *);
void	 dst_snapshot_unref(struct dst_snapshot *);

const struct dec_policy		*dst_snapshot_policy(const struct dst_snapshot *);
const struct dec_factor_set	*dst_snapshot_factors(const struct dst_snapshot *);
const struct dec_calibration	*dst_snapshot_calibration(const struct dst_snapshot *);

/* All entries, retired ones included, sorted by id. */
size_t	 dst_snapshot_count(const struct dst_snapshot *);
const struct dst_entry *dst_snapshot_entry(const struct dst_snapshot *, size_t);
/* By exact id; NULL if none. */
const struct dst_entry *dst_snapshot_find(const struct dst_snapshot *, const char *id);

/*
 * Check a presented API key against the snapshot's active keys (salted
 * SHA-256, compared in constant time).  Return its role and copy its name
 * to name (DEC_NAME_MAX bytes), or DST_ROLE_NONE if it is not valid.
 */
enum dst_role dst_snapshot_authenticate(const struct dst_snapshot *,
	    const char *key, char *name);

/*
 * Is (lat, lon) inside the rail-connected zone?  Return 1 or 0, and copy
 * the id of the zone that contains it (or of the zone tested) to zone_id
 * (DEC_ID_MAX bytes) if not NULL.  Thread-safe: each thread keeps its own
 * GEOS context and prepared geometry.
 */
int	 dst_snapshot_in_rail_zone(const struct dst_snapshot *, double lat,
	    double lon, char *zone_id);

/* --- resolution ------------------------------------------------------ */

/*
 * Normalise a name for matching: UTF-8 -> lower case, accents removed
 * ("KÖLN" -> "koln", "Liège" -> "liege", "Gdańsk" -> "gdansk"), runs of
 * space, '-', '_', '.', '\'' folded to one space, trimmed.  Writes at most
 * outlen bytes including the NUL.
 */
void	 dst_normalize(const char *in, char *out, size_t outlen);

struct dst_suggestions {
	int	 n;
	char	 names[DST_MAX_SUGGESTIONS][DEC_NAME_MAX];	/* display names */
	char	 ids[DST_MAX_SUGGESTIONS][DEC_ID_MAX];
};

/*
 * Resolve a name, alias or id (any case, accents optional; Dutch, English
 * and local names) to a list entry.  If country is not NULL/"" only
 * entries of that country match.  Return the entry (retired ones included:
 * the caller checks dst_entry_active), or NULL and fill sugg with the
 * closest names (edit distance on normalised names), best first.
 */
const struct dst_entry *dst_snapshot_resolve(const struct dst_snapshot *,
	    const char *text, const char *country, struct dst_suggestions *sugg);

/*
 * Fill the decision's view of a place from a list entry on a given day:
 * listed only if active that day; rail time from the entry; zone from the
 * snapshot.
 */
void	 dst_place_from_entry(const struct dst_snapshot *, const struct dst_entry *,
	    long day, struct dec_place *);

/*
 * An unlisted place given by coordinates: name (may be ""), country (ISO
 * alpha-2; NULL or "": dst_snapshot_country_at, and "" if the point is in
 * no country), lat/lon (validated by the caller).  Rail time is left
 * unknown (the decision estimates it); zone from the snapshot.
 */
void	 dst_place_from_point(const struct dst_snapshot *, const char *name,
	    const char *country, double lat, double lon, struct dec_place *);

/* Does a string look like an ISO 3166-1 alpha-2 code we know?  1 / 0.
 * Capitals only ("DE", not "de"); XK (Kosovo) is accepted too. */
int	 dst_country_valid(const char *);

/*
 * The current policy and factor set as stored (JSON text, with the
 * "sources" of every figure), for the API to show.  Borrowed from the
 * snapshot.
 */
const char	*dst_snapshot_policy_json(const struct dst_snapshot *);
const char	*dst_snapshot_factors_json(const struct dst_snapshot *);

/*
 * Free the calling thread's GEOS context and prepared zones (see
 * dst_snapshot_in_rail_zone).  Threads that exit have theirs freed
 * automatically; call this in the main thread before exit to be clean.
 */
void	 dst_thread_cleanup(void);

/* --- places ---------------------------------------------------------- */

/*
 * The gazetteer: places that are not on the list (GeoNames: every European
 * place of 15 000 inhabitants or more and every national capital), found
 * by name when the list does not know the name.  Loaded into the snapshot
 * with an index of the normalised (dst_normalize) name, ASCII name, Dutch
 * and English name of every place.
 */

/* A place of the gazetteer, as found. */
struct dst_place_hit {
	char	 name[DEC_NAME_MAX];		/* GeoNames' name, "Liège" */
	char	 name_nl[DEC_NAME_MAX];		/* "Luik" ("" if none) */
	char	 name_en[DEC_NAME_MAX];		/* "" if none */
	char	 country[3];			/* ISO 3166-1 alpha-2 */
	double	 lat, lon;
	long	 population;
	long	 geonameid;
	int	 capital;			/* a national capital */
	int	 nsame;				/* other places with that name */
};

/*
 * Find a place by name: its name, ASCII name, Dutch or English name, or
 * its name without a qualifier in parentheses ("Frankfurt" for "Frankfurt
 * (Oder)"); any case, accents optional.  If country is not NULL/"" only
 * places of that country match.  Several places of that name: the one
 * with the most inhabitants, and nsame says how many others there were.
 * A name that matches no place whole matches the places whose name starts
 * with it as whole words ("Offenbach": Offenbach am Main).  Return 1 and
 * fill *hit, or 0 and fill sugg (if not NULL) with the closest names of
 * places (ids "", best first).
 */
int	 dst_snapshot_find_place(const struct dst_snapshot *, const char *text,
	    const char *country, struct dst_place_hit *,
	    struct dst_suggestions *);
/* How many places the snapshot's gazetteer holds. */
size_t	 dst_snapshot_place_count(const struct dst_snapshot *);

/*
 * Replace the places and countries tables by the extracts compiled in
 * (data/places.tsv, data/countries.geojson), in one transaction, and
 * return how many rows each got.  Nothing changes on error.  The rail
 * zone built from the countries is not rebuilt here (the caller does,
 * with dst_rail_zone_rebuild).
 */
int	 dst_places_import(struct dst_store *, size_t *nplaces,
	    size_t *ncountries, char **cause);

/* --- countries ------------------------------------------------------- */

/*
 * The borders of every country (Natural Earth, the countries table) and
 * what is built from them.  The queries below are thread-safe: each thread
 * keeps its own GEOS context, prepared borders and STRtrees, rebuilt when
 * it first sees a new snapshot (a snapshot's borders are turned into WKB
 * once, by the first thread that needs them).
 */

/*
 * The country of (lat, lon): 1 and its ISO 3166-1 alpha-2 code in cc, or
 * 0 and "" when the point is in no country.  A point just off a coast (at
 * sea, or in a gap the simplified coastline leaves) gets the nearest
 * country within 25 km.  A point on a border gets the first code.
 */
int	 dst_snapshot_country_at(const struct dst_snapshot *, double lat,
	    double lon, char cc[3]);

/*
 * The list entry active on day (dst_entry_active) nearest to (lat, lon),
 * and in *km (if not NULL) its great-circle distance; NULL (and *km -1)
 * if no entry is active.  The point itself counts: a listed place is its
 * own nearest.  Context for answers only: it never decides a ruling.
 */
const struct dst_entry *dst_snapshot_nearest_listed(const struct dst_snapshot *,
	    double lat, double lon, long day, double *km);

/*
 * Build the rail-connected zone from the countries table and the list
 * compiled in (data/rail-countries.json: the rail-connected countries,
 * their connected islands, clips and mainland points) and store it as a
 * new version of zone "rail-europe" by who, through dst_zone_put (as if
 * an administrator had PUT it; the same zone again writes nothing).  A new
 * database gets it as version 1 when it is seeded.  0, or -1 with *cause
 * (the countries table is empty, GEOS failed, the zone was refused).
 */
int	 dst_rail_zone_rebuild(struct dst_store *, const char *who,
	    char **cause);

/* --- JSON ------------------------------------------------------------ */

struct json_t;		/* jansson's json_t */

/*
 * An entry as a JSON object whose member names are the stored fields of
 * struct dst_entry (not distance_km / in_rail_zone): aliases is an array;
 * rail_hours is null when there is no rail connection; rail_source_date,
 * active_from and retired are "YYYY-MM-DD" or null.  A new reference, or
 * NULL if out of memory.
 */
struct json_t	*dst_entry_to_json(const struct dst_entry *);

/*
 * Parse and validate such an object into *e.  Required: id ([a-z0-9-]),
 * name, country, lat, lon, mode, strength; the rest default to "", false,
 * no rail (rail_hours absent, null or negative), always active, version 1.
 * rail_source is required when rail_hours is given.  Unknown members are
 * errors.  On failure *cause reads "field: what is wrong".
 */
int	 dst_entry_from_json(const struct json_t *, struct dst_entry *e,
	    char **cause);

/* --- list writes ----------------------------------------------------- */

/*
 * Administrators' changes to the list.  Every write is one SQLite
 * transaction (BEGIN IMMEDIATE, ROLLBACK on any error) that updates the
 * entry's row in destinations and appends a version to
 * destination_versions: the full entry as JSON, who (who is "" or NULL:
 * "anonymous"), when (now, UTC) and the changes, field by field,
 * {"field": {"from": ..., "to": ...}}.  Nothing is published: the caller
 * loads a new snapshot after a successful write.
 */

#define DST_MAX_ERRORS	40
#define DST_ANONYMOUS	"anonymous"

/* Every invalid field of one entry, not only the first. */
struct dst_errors {
	int	 n;
	int	 structural;	/* an unknown field or a wrong type */
	struct dst_error {
		char	 field[DEC_ID_MAX];
		char	 message[256];
	}	 e[DST_MAX_ERRORS];
};

/*
 * Validate an entry given as JSON (the members of dst_entry_to_json; the
 * read-only members distance_km, in_rail_zone, version, updated_at and
 * updated_by are accepted and ignored) and fill *e.  Checks: id [a-z0-9-]
 * 1..63 bytes and not "import"; name not blank; aliases at most
 * DST_MAX_ALIASES non-empty names without '|'; country (dst_country_valid);
 * lat -90..90, lon -180..180; mode; strength; rail_hours >= 0 or null, with
 * rail_source; dates YYYY-MM-DD; retired after active_from; lengths.
 * Return 0, or -1 with every bad field in errs (zeroed first;
 * errs->structural set for unknown members and wrong types).
 */
int	 dst_entry_validate(const struct json_t *, struct dst_entry *e,
	    struct dst_errors *errs);

/* Why a write did not happen. */
enum dst_write_status {
	DST_WRITE_OK,
	DST_WRITE_FAILED,	/* database or memory: see *cause */
	DST_WRITE_NOT_FOUND,	/* no entry with that id */
	DST_WRITE_EXISTS,	/* create: the id is taken (retired included) */
	DST_WRITE_STALE,	/* the expected version is not the current one */
	DST_WRITE_RETIRED,	/* retire: already retired */
	DST_WRITE_NOT_ACTIVE	/* retire: not active yet (active_from) */
};

struct dst_write_result {
	enum dst_write_status	 status;
	int			 changed;	/* a new version was written */
	/*
	 * On success the entry as stored now; on DST_WRITE_STALE,
	 * DST_WRITE_RETIRED and DST_WRITE_NOT_ACTIVE the current one (its
	 * version, updated_by and updated_at tell who changed it when).
	 */
	struct dst_entry	 entry;
};

/*
 * Add a new entry (version 1, action "create").  Return 0, or -1 with
 * res->status (DST_WRITE_EXISTS) and *cause.
 */
int	 dst_destination_create(struct dst_store *, const struct dst_entry *,
	    const char *who, struct dst_write_result *res, char **cause);
/*
 * Replace the entry of e->id by e (action "update"), if expected is its
 * current version (expected 0: whatever it is).  Replacing with what is
 * there already writes nothing (res->changed 0, same version).  Return
 * 0, or -1 with res->status (NOT_FOUND, STALE) and *cause.
 */
int	 dst_destination_update(struct dst_store *, const struct dst_entry *e,
	    int expected, const char *who, struct dst_write_result *res,
	    char **cause);
/*
 * Retire an entry as of day (days since the epoch: it stops ruling that
 * day), action "retire", with the same version check.  Return 0, or -1
 * with res->status (NOT_FOUND, STALE, RETIRED, NOT_ACTIVE) and *cause.
 */
int	 dst_destination_retire(struct dst_store *, const char *id, int expected,
	    long day, const char *who, struct dst_write_result *res,
	    char **cause);
/*
 * Every version of an entry, oldest first, as a new JSON object
 * {"id", "versions": [{"version", "changed_at", "changed_by", "action",
 * "changes": {field: {from, to}}, "entry": {...}}]}; "versions" is empty
 * when there is no such id.  NULL with *cause on error.
 */
struct json_t	*dst_destination_history(struct dst_store *, const char *id,
	    char **cause);
/*
 * Import n full entries in one transaction: an unknown id is created, a
 * known one replaced when it differs (both as action "import"), an
 * identical one left alone; entries not given stay as they are.  The ids
 * must be distinct.  With dry_run everything is done and then rolled
 * back, so that the report is exact.  Return a new JSON object
 * {"dry_run", "created": [id...], "updated": [id...], "unchanged": N,
 * "rows": n}, or NULL with *cause (and nothing changed).
 */
struct json_t	*dst_destination_import(struct dst_store *,
	    const struct dst_entry *, size_t n, int dry_run, const char *who,
	    char **cause);

/* --- end of list writes ---------------------------------------------- */

/* --- policy, factors, zones ----------------------------------------- */

/*
 * The policy, the factor sets and the zones are versioned documents: a
 * write appends a version (never changes one), in one BEGIN IMMEDIATE
 * transaction, after checking that the writer edited the current version.
 * The snapshot reads the policy of the highest version, the factor set
 * marked current and the highest version of every zone.
 *
 * Documents (JSON, as GET shows them):
 *   policy	every field of struct dec_policy, "description", "sources"
 *		(field -> where the figure comes from)
 *   factor set	the shape of data/factors-desnz-2025.json; factor-set
 *		versions are numbered across all sets, so that a version
 *		(and the ETag made of it) names one set unambiguously
 *   zone	a GeoJSON Feature {"type", "id", "properties": {name, source,
 *		description}, "geometry": Polygon | MultiPolygon} in lon/lat
 * Reads add "version", "updated_at", "updated_by" (for a zone, inside
 * "properties"); writes accept and ignore those read-only members.
 */

/* expected version for the writes below */
#define DST_VERSION_ANY	0	/* no check ("If-Match: *" or none needed) */
#define DST_VERSION_NEW	(-1)	/* the document must not exist yet */

enum dst_settings_outcome {
	DST_SETTINGS_STORED,	/* a new version was written */
	DST_SETTINGS_UNCHANGED,	/* same as the current version: no new one */
	DST_SETTINGS_CREATED,	/* a zone that did not exist (version 1) */
	DST_SETTINGS_MALFORMED,	/* not JSON, unknown member, wrong type */
	DST_SETTINGS_INVALID,	/* bad values, invalid geometry */
	DST_SETTINGS_STALE,	/* expected is not the current version */
	DST_SETTINGS_EXISTS	/* DST_VERSION_NEW, but it exists */
};

/*
 * What a write did.  version, changed_at and changed_by describe the
 * version that is current afterwards (for STALE and EXISTS: the one the
 * writer did not expect; version 0 if there is none).  doc is the
 * document as GET shows it (STORED, UNCHANGED, CREATED); errors lists
 * every {field, message} (MALFORMED, INVALID).  Release both with
 * dst_settings_result_free.
 */
struct dst_settings_result {
	enum dst_settings_outcome outcome;
	int		 version;
	char		 changed_at[32];
	char		 changed_by[DEC_NAME_MAX];
	struct json_t	*doc;
	struct json_t	*errors;
};
void	 dst_settings_result_free(struct dst_settings_result *);

/*
 * Replace the policy (body: JSON text of len bytes) as who, if expected
 * is the current version (or DST_VERSION_ANY).  Every field is checked
 * and every error listed.  "sources" and "description" left out are
 * carried over from the current version; a field whose value changes
 * while its source stays the same gets the source "changed by WHO on
 * DATE (policy version N)".  Return 0 with the outcome in *res, or -1 on
 * a database or memory error (*cause).
 */
int	 dst_policy_put(struct dst_store *, const char *body, size_t len,
	    int expected, const char *who, struct dst_settings_result *res,
	    char **cause);
/* The current policy (+ version, updated_at, updated_by) in *doc, a new
 * reference. */
int	 dst_policy_current(struct dst_store *, struct json_t **doc,
	    char **cause);
/*
 * Every version, oldest first, in *doc: {"versions": [{version,
 * changed_at, changed_by, action: create|update, changes: {field: {from,
 * to}}, policy: {...}}]}.  Nested members are named with dots
 * ("sources.near_km").
 */
int	 dst_policy_history(struct dst_store *, struct json_t **doc,
	    char **cause);

/*
 * Store a factor set as a new version of its name and make it the
 * current one, if expected is the current set's version.  Every factor
 * must be > 0 with its unit ("kg CO2e/pkm"; the car's "kg CO2e/vkm") and
 * source; all five cabins in both bands, with and without RF.
 */
int	 dst_factors_put(struct dst_store *, const char *body, size_t len,
	    int expected, const char *who, struct dst_settings_result *res,
	    char **cause);
/* The current set (+ version, updated_at, updated_by and "sets": [{name,
 * year, version, current}], the latest version of each name); a write's
 * doc has the same shape. */
int	 dst_factors_current(struct dst_store *, struct json_t **doc,
	    char **cause);
/*
 * Every version of every set (or of one name, if not NULL), oldest first:
 * {"versions": [{name, version, year, changed_at, changed_by, action:
 * create|update, current, changes, factor_set}]}.  The changes are
 * against the version before (of whatever name): the set it replaced as
 * the current one.
 */
int	 dst_factors_history(struct dst_store *, const char *name,
	    struct json_t **doc, char **cause);

/*
 * Store a zone as a new version (a new id is created: CREATED).  The
 * geometry is checked ring by ring (positions in range, rings closed, at
 * least 4 positions) and then by GEOS (GEOSisValidDetail_r: "Self-
 * intersection at or near (lon, lat)").  The body may also be a bare
 * Polygon or MultiPolygon; properties left out are carried over.
 */
int	 dst_zone_put(struct dst_store *, const char *id, const char *body,
	    size_t len, int expected, const char *who,
	    struct dst_settings_result *res, char **cause);
/* The current version of a zone as a Feature, or *doc = NULL if there
 * is no zone of that id. */
int	 dst_zone_get(struct dst_store *, const char *id, struct json_t **doc,
	    char **cause);
/* Every version of a zone ({"id", "versions": [...]}; the geometry's
 * change is summarised: type, polygons, points, bbox), or *doc = NULL. */
int	 dst_zone_history(struct dst_store *, const char *id,
	    struct json_t **doc, char **cause);

/* --- trips ---------------------------------------------------------- */

/*
 * Trip requests (SPEC §4): filed by staff with the decision answer they
 * were ruled under, approved or rejected once by HR, summed in CO2
 * reports.  Trips are not part of the snapshot: these functions read and
 * write the store directly; every write is one BEGIN IMMEDIATE
 * transaction (ROLLBACK on any error).  The caller validates the input
 * (the store's CHECK constraints are a last line of defence).
 *
 * CO2 figures are integer hundredths of a kg CO2e ("_x100"), so that sums
 * are exact: a report's groups add up to its total, and both equal the
 * stored trips.  JSON shows them as kg (x100 / 100).
 *
 * A trip as JSON (a new object; member order as listed):
 *   {"id", "reference": "TR-2027-000001", "status": pending|approved|
 *    rejected, "compliant", "created_at", "created_by",
 *    "traveller": {name, email, department}, "chosen_mode",
 *    "exception": {reason, text|null} | null, "justification" | null,
 *    "destination" and then "departure_date", "return_date", "travellers",
 *    "ruling" (copied from the decision), "co2e_kg_chosen",
 *    "co2e_kg_ruled", "co2e_kg_plane", "co2e_kg_difference" (chosen -
 *    ruled), "policy_version", "factor_set", "decision" (the whole
 *    decision answer; left out of lists), "approval": null |
 *    {decision: approve|reject, note|null, by, at}}
 */

/* A trip to store.  Every pointer is borrowed for the call. */
struct dst_trip_new {
	const char	*traveller_name;	/* not blank */
	const char	*traveller_email;
	const char	*department;		/* not blank */
	const char	*destination_id;	/* list id; NULL or "": unlisted */
	const char	*destination_name;
	const char	*country;		/* ISO 3166-1 alpha-2 */
	long		 departure, return_day;	/* days since the epoch */
	int		 travellers;
	enum dec_mode	 chosen;
	enum dec_mode	 ruled;
	enum dec_strength strength;		/* of the ruling */
	int		 compliant;		/* 0 needs an exception_reason */
	const char	*exception_reason;	/* NULL: no exception */
	const char	*exception_text;	/* NULL: none */
	const char	*justification;		/* NULL: none */
	long long	 co2e_chosen_x100;	/* kg CO2e x 100, >= 0 */
	long long	 co2e_ruled_x100;
	long long	 co2e_plane_x100;
	int		 policy_version;
	const char	*factor_set;
	const char	*decision;		/* the decision answer, JSON text */
	const char	*created_by;		/* NULL or "": DST_ANONYMOUS */
};

/*
 * Store a new trip, status "pending", created now, with the next
 * reference of its departure year ("TR-2027-000001", then ...02; up to
 * 999999 a year).  Return the trip as JSON (with "decision"), or NULL
 * with *cause (nothing stored).
 */
struct json_t	*dst_trip_create(struct dst_store *,
		    const struct dst_trip_new *, char **cause);

/* One trip by id (with "decision") in *trip, or *trip = NULL if there is
 * no such trip.  0, or -1 with *cause. */
int	 dst_trip_get(struct dst_store *, long long id, struct json_t **trip,
	    char **cause);

/* Which trips a list shows: every condition optional. */
struct dst_trip_filter {
	const char	*status;	/* pending|approved|rejected; NULL any */
	const char	*department;	/* exact; NULL any */
	long		 from, to;	/* departure, inclusive; LONG_MIN /
					 * LONG_MAX: open */
	long long	 limit;		/* >= 1 */
	long long	 offset;	/* >= 0 */
};

/*
 * The trips that match, newest first (by id), one page: a new object
 * {"count": all that match, "limit", "offset", "trips": [trip without
 * "decision", ...]}, counted and read in one read transaction.  NULL
 * with *cause.
 */
struct json_t	*dst_trips_list(struct dst_store *,
		    const struct dst_trip_filter *, char **cause);

/* Why an approval did not happen. */
enum dst_trip_outcome {
	DST_TRIP_OK,
	DST_TRIP_FAILED,	/* database or memory: see *cause */
	DST_TRIP_NOT_FOUND,	/* no trip with that id */
	DST_TRIP_DECIDED	/* approved or rejected already */
};

/*
 * Approve (approve 1) or reject (0) a pending trip as who (NULL or "":
 * DST_ANONYMOUS), now, with a note (NULL: none).  Return 0 with the trip
 * as it is now in *trip; or -1 with *outcome and *cause, and, for
 * DST_TRIP_DECIDED, the trip as it was decided in *trip (its "approval"
 * says by whom and when).  *trip is a new reference or NULL.
 */
int	 dst_trip_decide(struct dst_store *, long long id, int approve,
	    const char *note, const char *who, struct json_t **trip,
	    enum dst_trip_outcome *outcome, char **cause);

/* What a CO2 report groups by. */
enum dst_trip_group {
	DST_GROUP_DEPARTMENT,	/* the traveller's department */
	DST_GROUP_MODE,		/* the chosen mode */
	DST_GROUP_DESTINATION,	/* the list id, or the name if unlisted */
	DST_GROUP_MONTH		/* "YYYY-MM" of departure */
};
/* "department", "mode", "destination", "month"; parse: 0, or -1. */
const char	*dst_trip_group_name(enum dst_trip_group);
int		 dst_trip_group_parse(const char *, enum dst_trip_group *);

/*
 * CO2 of the trips departing from..to (inclusive; LONG_MIN / LONG_MAX:
 * open), rejected ones excluded, grouped: a new object
 * {"from": "YYYY-MM-DD"|null, "to", "group_by",
 *  "groups": [{"key", "trips", "co2e_kg", "co2e_kg_avoided",
 *   "train_share"}] (ordered by key), "total": {"trips", "co2e_kg",
 *  "co2e_kg_avoided", "train_share"}}
 * co2e_kg sums the chosen modes; co2e_kg_avoided sums plane - chosen (it
 * is negative where the choice emits more than flying); train_share is
 * trips by train / trips, rounded to 4 decimals (0 without trips).  Sums
 * are exact (hundredths).  NULL with *cause.
 */
struct json_t	*dst_trips_report(struct dst_store *, long from, long to,
		    enum dst_trip_group, char **cause);

/* --- end of trips ---------------------------------------------------- */

#endif /* TRIPMODE_DESTINATIONS_H */
