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
 * alpha-2, required), lat/lon (validated by the caller).  Rail time is left
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

#endif /* TRIPMODE_DESTINATIONS_H */
