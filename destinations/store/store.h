/*
 * store — the SQLite database: migrations and the first start's seed,
 * the entry codec, the list and its history, the versioned policy, factor
 * sets and zones, API keys, trip requests, the gazetteer's tables, and
 * what a snapshot reads.  The only library that knows SQLite.  Answers are
 * data (structs, stored JSON documents); how the API shows them is the
 * daemon's business.
 *
 * A store is one SQLite connection, used by one thread at a time.  Every
 * write is one BEGIN IMMEDIATE transaction (ROLLBACK on any error), and
 * every write to what a snapshot holds bumps the snapshot generation in
 * the same transaction (database triggers), so that readers reload when,
 * and only when, that changes.
 *
 * Errors: 0 / -1 (or NULL); *cause is then a malloc'd message the caller
 * shows and frees.  Bad input is not a failure: validators fill a
 * struct dec_errors with every field that is wrong.
 */
#ifndef TRIPMODE_STORE_H
#define TRIPMODE_STORE_H

#include <stddef.h>

#include <jansson.h>

#include "decision/decision.h"
#include "decision/railnet.h"
#include "destinations/names/names.h"

#define DST_MAX_ALIASES		8
#define DST_NOTES_MAX		512
#define DST_ANONYMOUS		"anonymous"
#define DST_SEED_USER		"seed"

struct dst_store;

/* Set *cause (if cause is not NULL) to a malloc'd, valid UTF-8 message. */
void	 dst_set_cause(char **, const char *, ...)
	    __attribute__((format(printf, 2, 3)));

/* Open (creating if needed) the database at path, apply pending
 * migrations, and seed it from the embedded data on first start. */
struct dst_store *dst_store_open(const char *path, char **cause);
void	 dst_store_close(struct dst_store *);
/* PRAGMA user_version after migrations. */
int	 dst_store_schema_version(struct dst_store *);
/* PRAGMA data_version: changes when another connection commits. */
int	 dst_store_data_version(struct dst_store *);
/*
 * The generations of what a snapshot holds: *all changes with every write
 * to the list, the policy, the factor sets, the zones, the keys or the
 * gazetteer; *geo only with the gazetteer's tables (places, countries).
 * Trips change neither.  0, or -1 with *cause.
 */
int	 dst_store_generation(struct dst_store *, long long *all,
	    long long *geo, char **cause);

/* --- reading JSON input -------------------------------------------------- */

/* Parse text as JSON (duplicate keys refused); what names it in *cause. */
json_t	*dst_load_json(const char *, size_t, const char *what, char **cause);
/* A request body that must be a JSON object (what it should be, for the
 * message), or NULL after adding the error on field "body". */
json_t	*dst_json_object_body(const char *, size_t, const char *what,
	    struct dec_errors *);
/* "a string", "an integer", "null", ... */
const char *dst_json_type_name(const json_t *);
int	 dst_json_key_in(const char *key, const char *const *names);
/* Add an "unknown field" error for every member of o in neither
 * NULL-terminated list (also may be NULL), named prefix + key; 1 if any. */
int	 dst_json_unknown(const json_t *o, const char *prefix,
	    const char *const *names, const char *const *also,
	    struct dec_errors *);
/*
 * Members, checked: the value, or NULL / 0 when absent or null (an error
 * when required), -1 (or NULL) after adding an error (wrong type, out of
 * range, too long, a NUL, blank but required).  field names the member
 * in errors ("traveller.name").
 */
const char *dst_json_string(const json_t *, const char *key,
	    const char *field, int required, size_t max_bytes,
	    struct dec_errors *);
int	 dst_json_number(const json_t *, const char *key, const char *field,
	    int required, double lo, double hi, int lo_open, double *,
	    struct dec_errors *);
int	 dst_json_int(const json_t *, const char *key, const char *field,
	    int required, long long lo, long long hi, long long *,
	    struct dec_errors *);
int	 dst_json_bool(const json_t *, const char *key, const char *field,
	    int *, struct dec_errors *);
int	 dst_json_date(const json_t *, const char *key, const char *field,
	    long *day, struct dec_errors *);

/* --- the rail network document (railnet.c) ------------------------------ */

/* A rail network as read: edges both ways (source[i]: the document's
 * edge that edge i comes from), checked as a graph from origin. */
struct dst_rail_network {
	struct rail_hub		*hubs;
	size_t			 nhubs;
	struct rail_edge	*edges;
	int			*source;
	size_t			 nedges;
	char			(*no_rail)[3];
	size_t			 nno_rail;
	int			 origin;
	struct rail_net		 net;
};
/* Read and check a network document (see railnet.c for its members):
 * 0, or -1 with every error in errs (fields "hubs[3].lat",
 * "edges[12].source"). */
int	 dst_rail_network_from_json(const json_t *,
	    struct dst_rail_network *, struct dec_errors *);
void	 dst_rail_network_free(struct dst_rail_network *);

/* --- the entry codec ----------------------------------------------------- */

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
	char	 rail_source[DEC_SOURCE_MAX];	/* required when
						 * rail_hours >= 0 */
	char	 rail_source_date[11];		/* "YYYY-MM-DD" or "" */
	int	 night_train;
	char	 night_train_note[DEC_TEXT_MAX];
	char	 notes[DST_NOTES_MAX];
	long	 active_from;			/* days since epoch;
						 * LONG_MIN: always */
	long	 retired;			/* days since epoch;
						 * LONG_MAX: not */
	int	 version;			/* 1, 2, ... per id */
	char	 updated_at[32];		/* ISO 8601 UTC */
	char	 updated_by[DEC_NAME_MAX];

	/* Derived by a snapshot (not stored). */
	double	 distance_km;			/* great circle
						 * from the origin */
	int	 in_rail_zone;
	double	 network_hours;			/* over the rail network
						 * (a Monday), < 0: none */
};

/* Is the entry active (on the list, ruling) on this day? */
int	 dst_entry_active(const struct dst_entry *, long day);
/* Is a member one the store sets (version, updated_at, updated_by) or a
 * snapshot derives (distance_km, in_rail_zone, network_hours)? */
int	 dst_entry_readonly(const char *key);

#define DST_ENTRY_STORED	0x1	/* a stored document (seed, history) */
#define DST_ENTRY_DERIVED	0x2	/* to_json: distance_km, in_rail_zone,
					 * network_hours */
/*
 * An entry from JSON, every member checked and every error added to
 * errs: id (1-63 of [a-z0-9-], not "import"), name, country, lat, lon,
 * mode and strength required; name_nl, name_en, aliases (at most
 * DST_MAX_ALIASES distinct names without '|'), coord_source, rail_hours
 * (>= 0 or null, with rail_source), rail_estimated, rail_source_date,
 * night_train, night_train_note, notes, active_from, retired (after
 * active_from) optional; unknown members are errors.  Input (flags 0)
 * may repeat the read-only members, which are ignored (version 0);
 * DST_ENTRY_STORED takes version, updated_at and updated_by, and a
 * negative rail_hours as "no rail".  0, or -1.
 */
int	 dst_entry_from_json(const json_t *, int flags, struct dst_entry *,
	    struct dec_errors *);
/* An entry as a new JSON object, members in the order of the CSV columns
 * (with DST_ENTRY_DERIVED, the derived ones before version). */
json_t	*dst_entry_to_json(const struct dst_entry *, int flags);

/* --- documents: the policy and the factor sets --------------------------- */

/*
 * A policy from its document: every field of struct dec_policy, in range,
 * long_day_hours >= working_day_hours; "description" and "sources"
 * (field -> its source) may accompany them, and the read-only members
 * are ignored.  Every error added to errs; 0, or -1.
 */
int	 dst_policy_from_json(const json_t *, struct dec_policy *,
	    struct dec_errors *);
/* Is name a field of the policy? */
int	 dst_policy_field(const char *);
/*
 * A factor set from its document (the shape of
 * data/factors-desnz-2025.json): name, year, source, short_haul_max_km,
 * rail, coach (kg CO2e/pkm), car (kg CO2e/vkm), flight.{short_haul,
 * long_haul}.{with_rf, without_rf}.{five cabins}, each factor {value > 0,
 * unit, source}, without RF not above with RF.  0, or -1.
 */
int	 dst_factors_from_json(const json_t *, struct dec_factor_set *,
	    struct dec_errors *);

/* A version of a document as stored. */
struct dst_doc {
	int	 version;
	char	 at[32];			/* stored when, UTC */
	char	 by[DEC_NAME_MAX];		/* by whom */
	char	 name[DEC_ID_MAX];		/* factor set's name,
						 * zone's id */
	int	 year;				/* factor sets */
	int	 current;			/* factor sets */
	json_t	*data;				/* the document; owned */
};
void	 dst_doc_clear(struct dst_doc *);

/* Versions of a document, oldest first, with what changed. */
struct dst_version {
	struct dst_doc	 doc;
	const char	*action;		/* "create", "update", ... */
	json_t		*changes;		/* {field: {from, to}}; owned */
};
struct dst_history {
	size_t			 n;
	struct dst_version	*v;
};
void	 dst_history_clear(struct dst_history *);

/* --- the list: writes and history ---------------------------------------- */

/* Why a write did not happen. */
enum dst_write_status {
	DST_WRITE_OK,
	DST_WRITE_FAILED,	/* database or memory: see *cause */
	DST_WRITE_NOT_FOUND,	/* no entry with that id */
	DST_WRITE_EXISTS,	/* create: the id is taken (retired included) */
	DST_WRITE_STALE,	/* the expected version
				 * is not the current one */
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
 * Every write updates the entry's row and appends a version to
 * destination_versions: the entry as JSON, who (NULL or "": anonymous),
 * when (now, UTC) and what changed, field by field.
 */
/* Add a new entry (version 1, "create"); -1 with DST_WRITE_EXISTS. */
int	 dst_destination_create(struct dst_store *, const struct dst_entry *,
	    const char *who, struct dst_write_result *, char **cause);
/* Replace the entry of e->id ("update") if expected is its version (0:
 * any); the same entry again writes nothing (changed 0). */
int	 dst_destination_update(struct dst_store *, const struct dst_entry *,
	    int expected, const char *who, struct dst_write_result *,
	    char **cause);
/* Retire an entry as of day ("retire"), with the same version check. */
int	 dst_destination_retire(struct dst_store *, const char *id,
	    int expected, long day, const char *who, struct dst_write_result *,
	    char **cause);
/* Every version of an entry (data: the entry), oldest first; none (n 0)
 * when there is no such id. */
int	 dst_destination_history(struct dst_store *, const char *id,
	    struct dst_history *, char **cause);

/* What an import did. */
struct dst_import_report {
	int	 dry_run;
	size_t	 rows, unchanged;
	size_t	 ncreated, nupdated;
	char	(*created)[DEC_ID_MAX];		/* ids, owned */
	char	(*updated)[DEC_ID_MAX];
};
void	 dst_import_report_clear(struct dst_import_report *);
/*
 * Import n entries (distinct ids) in one transaction: an unknown id is
 * created, a known one replaced when it differs (both "import"); entries
 * not given stay.  With dry_run everything is done, then rolled back, so
 * that the report is exact.  0, or -1 with *cause (nothing changed).
 */
int	 dst_destination_import(struct dst_store *, const struct dst_entry *,
	    size_t n, int dry_run, const char *who,
	    struct dst_import_report *, char **cause);

/* --- policy, factors, zones ---------------------------------------------- */

/* expected version for the writes below */
#define DST_VERSION_ANY	0	/* no check ("If-Match: *" or none needed) */
#define DST_VERSION_NEW	(-1)	/* the document must not exist yet */

enum dst_settings_outcome {
	DST_SETTINGS_STORED,	/* a new version was written */
	DST_SETTINGS_UNCHANGED,	/* same as the current version: no new one */
	DST_SETTINGS_CREATED,	/* a zone that did not exist (version 1) */
	DST_SETTINGS_INVALID,	/* errors lists what is wrong */
	DST_SETTINGS_STALE,	/* expected is not the current version */
	DST_SETTINGS_EXISTS	/* DST_VERSION_NEW, but it exists */
};

/* The latest version of a factor set, for the list of sets. */
struct dst_set_info {
	char	 name[DEC_ID_MAX];
	int	 year, version, current;
};

/*
 * What a write did.  doc is the version current afterwards (STORED,
 * UNCHANGED, CREATED: with its data; STALE, EXISTS: the one the writer did
 * not expect, without data; version 0 if there is none).  errors: every
 * bad field (INVALID).  sets: factor writes, every set's latest version.
 * Release with dst_settings_result_clear.
 */
struct dst_settings_result {
	enum dst_settings_outcome outcome;
	struct dst_doc		 doc;
	struct dec_errors	 errors;
	struct dst_set_info	*sets;
	size_t			 nsets;
};
void	 dst_settings_result_clear(struct dst_settings_result *);

/*
 * Replace the policy (body: the document, JSON of len bytes) as who, if
 * expected is the current version.  "sources" and "description" left out
 * are carried over; a value that changes while its source stays the same
 * gets the source "changed by WHO on DATE (policy version N)".  0 with
 * the outcome in *res, or -1 on a database failure.
 */
int	 dst_policy_put(struct dst_store *, const json_t *body, int expected,
	    const char *who, struct dst_settings_result *, char **cause);
int	 dst_policy_current(struct dst_store *, struct dst_doc *,
	    char **cause);
/* Every version; changes name nested members with dots
 * ("sources.near_km"). */
int	 dst_policy_history(struct dst_store *, struct dst_history *,
	    char **cause);

/* Store a factor set as a new version of its name and make it current;
 * versions are numbered across all sets. */
int	 dst_factors_put(struct dst_store *, const json_t *body, int expected,
	    const char *who, struct dst_settings_result *, char **cause);
/* The current set, and every set's latest version in *sets (malloc'd). */
int	 dst_factors_current(struct dst_store *, struct dst_doc *,
	    struct dst_set_info **sets, size_t *nsets, char **cause);
/* Every version of every set (or of one name, if not NULL); the changes
 * are against the set it replaced as the current one. */
int	 dst_factors_history(struct dst_store *, const char *name,
	    struct dst_history *, char **cause);

/*
 * Store a zone (a GeoJSON Feature, or a bare Polygon or MultiPolygon) as
 * a new version of id (a new id: CREATED).  The geometry is checked
 * position by position, then by GEOS; properties left out are carried
 * over.  The stored document is the Feature with id, name, source and
 * description.
 */
int	 dst_zone_put(struct dst_store *, const char *id, const json_t *body,
	    int expected, const char *who, struct dst_settings_result *,
	    char **cause);
/* The current version of a zone, or doc->version 0 when there is none. */
int	 dst_zone_get(struct dst_store *, const char *id, struct dst_doc *,
	    char **cause);
/* Every version of a zone (the data a Feature; the geometry's change
 * summarised as {type, polygons, points, bbox}). */
int	 dst_zone_history(struct dst_store *, const char *id,
	    struct dst_history *, char **cause);
/*
 * The rail network (a document dst_rail_network_from_json reads): store a
 * new version if expected is the current one (CREATED for the first), the
 * read-only members dropped; the same network again writes nothing.
 */
int	 dst_rail_network_put(struct dst_store *, const json_t *body,
	    int expected, const char *who, struct dst_settings_result *,
	    char **cause);
int	 dst_rail_network_current(struct dst_store *, struct dst_doc *,
	    char **cause);
/* Every version; changes name hubs by id and edges by "from>to/kind"
 * ("edges.paris-nord>lille-europe/day.minutes"). */
int	 dst_rail_network_history(struct dst_store *, struct dst_history *,
	    char **cause);

/*
 * Build the rail-connected zone from the borders in the countries table
 * and store it as a new version of zone "rail-europe" by who (the same
 * zone again writes nothing).  -1 when there are no borders or the zone
 * was refused.
 */
int	 dst_rail_zone_rebuild(struct dst_store *, const char *who,
	    char **cause);

/* --- API keys ------------------------------------------------------------ */

/* Roles of API keys, each allowed what the ones before it are. */
enum dst_role {
	DST_ROLE_NONE,		/* no key (open endpoints only) */
	DST_ROLE_STAFF,
	DST_ROLE_HR,
	DST_ROLE_ADMIN
};
/* "staff", "hr", "admin" ("none" for DST_ROLE_NONE). */
const char	*dst_role_name(enum dst_role);
int		 dst_role_parse(const char *, enum dst_role *);

/*
 * Make a key for a role under a name (1-64 printable characters, unique
 * among active keys).  The key ("tm_" and 64 hex digits) is returned in
 * *key, malloc'd, the only time it exists: only a salted SHA-256 is kept.
 */
int	 dst_key_create(struct dst_store *, enum dst_role, const char *name,
	    char **key, char **cause);
/* Revoke the active key of that name; -1 with a cause if there is none. */
int	 dst_key_revoke(struct dst_store *, const char *name, char **cause);

/* A key as listed and as a snapshot keeps it (never the key itself). */
struct dst_key {
	char		 key_id[17];
	char		 name[DEC_NAME_MAX];
	enum dst_role	 role;
	unsigned char	 salt[16];
	unsigned char	 hash[32];
	char		 created_at[32];
	char		 revoked_at[32];	/* "" while active */
};
/* Every key ever made, oldest first (active_only: the active ones), in
 * *keys (malloc'd). */
int	 dst_keys_read(struct dst_store *, int active_only,
	    struct dst_key **keys, size_t *n, char **cause);
/* The active key among n that a presented key is (salted SHA-256, in
 * constant time), or NULL. */
const struct dst_key *dst_key_find(const struct dst_key *, size_t n,
	    const char *key);

/* --- trips --------------------------------------------------------------- */

/*
 * Trip requests: filed by staff with the decision answer they were ruled
 * under, approved or rejected once by HR, summed in CO2 reports.  Trips
 * are not part of a snapshot.  CO2 figures are integer hundredths of a kg
 * CO2e ("_x100"), so that sums are exact.
 */

/* A trip to store.  Every pointer is borrowed for the call. */
struct dst_trip_new {
	const char	*traveller_name;	/* not blank */
	const char	*traveller_email;
	const char	*department;		/* not blank */
	const char	*destination_id;	/* list id;
						 * NULL or "": unlisted */
	const char	*destination_name;
	const char	*country;		/* ISO 3166-1 alpha-2 */
	long		 departure, return_day;	/* days since the epoch */
	int		 travellers;
	enum dec_mode	 chosen;
	enum dec_mode	 ruled;
	enum dec_strength strength;		/* of the ruling */
	int		 compliant;		/* 0 needs an
						 * exception_reason */
	const char	*exception_reason;	/* NULL: no exception */
	const char	*exception_text;	/* NULL: none */
	const char	*justification;		/* NULL: none */
	long long	 co2e_chosen_x100;	/* kg CO2e x 100, >= 0 */
	long long	 co2e_ruled_x100;
	long long	 co2e_plane_x100;
	int		 policy_version;
	const char	*factor_set;
	const char	*decision;		/* the decision answer,
						 * JSON text */
	const char	*created_by;		/* NULL or "": DST_ANONYMOUS */
	const char	*form_token;		/* the web form's token, or
						 * NULL (the API) */
};

/* A trip as stored.  The strings are owned (dst_trip_clear); optional
 * ones are NULL when absent. */
struct dst_trip {
	long long	 id;
	char		 reference[24];		/* "TR-2027-000001" */
	char		 status[16];		/* pending|approved|rejected */
	int		 compliant;
	char		 created_at[32];
	char		*created_by;
	char		*traveller_name, *traveller_email, *department;
	char		*chosen_mode;
	char		*exception_reason, *exception_text;
	char		*justification;
	char		 departure_date[11], return_date[11];
	int		 travellers;
	long long	 co2e_chosen_x100, co2e_ruled_x100, co2e_plane_x100;
	int		 policy_version;
	char		*factor_set;
	char		*decision;		/* the decision answer, JSON */
	char		*approval_decision;	/* approve|reject, or NULL */
	char		*approval_note, *approval_by, *approval_at;
};
void	 dst_trip_clear(struct dst_trip *);

/*
 * Store a new trip, "pending", with the next reference of its departure
 * year (up to 999999 a year); 0 with the trip as stored in *out.  A form
 * token already used files nothing: 1 with the trip it filed in *out.
 * -1 on failure.
 */
int	 dst_trip_create(struct dst_store *, const struct dst_trip_new *,
	    struct dst_trip *out, char **cause);
/* One trip by id: 1 with *out, 0 if there is none, -1. */
int	 dst_trip_get(struct dst_store *, long long id, struct dst_trip *out,
	    char **cause);

/* Which trips a list shows: every condition optional. */
struct dst_trip_filter {
	const char	*status;	/* pending|approved|rejected;
					 * NULL any */
	const char	*department;	/* exact; NULL any */
	long		 from, to;	/* departure, inclusive; LONG_MIN /
					 * LONG_MAX: open */
	long long	 limit;		/* >= 1 */
	long long	 offset;	/* >= 0 */
};
/* A page of trips, newest first, each with its decision (from which its
 * ruling is read), and how many match in all, read in one transaction. */
struct dst_trip_list {
	long long	 count;
	size_t		 n;
	struct dst_trip	*v;
};
void	 dst_trip_list_clear(struct dst_trip_list *);
int	 dst_trips_list(struct dst_store *, const struct dst_trip_filter *,
	    struct dst_trip_list *, char **cause);

/* Why an approval did not happen. */
enum dst_trip_outcome {
	DST_TRIP_OK,
	DST_TRIP_FAILED,	/* database or memory: see *cause */
	DST_TRIP_NOT_FOUND,	/* no trip with that id */
	DST_TRIP_DECIDED	/* approved or rejected already */
};
/*
 * Approve (1) or reject (0) a pending trip as who, now, with a note (NULL:
 * none).  0 with the trip as it is now in *out; or -1 with *outcome and
 * *cause, and for DST_TRIP_DECIDED the trip as it was decided in *out.
 */
int	 dst_trip_decide(struct dst_store *, long long id, int approve,
	    const char *note, const char *who, struct dst_trip *out,
	    enum dst_trip_outcome *, char **cause);

/* What a CO2 report groups by. */
enum dst_trip_group {
	DST_GROUP_DEPARTMENT,	/* the traveller's department */
	DST_GROUP_MODE,		/* the chosen mode */
	DST_GROUP_DESTINATION,	/* the list id, or the name if unlisted */
	DST_GROUP_MONTH		/* "YYYY-MM" of departure */
};
const char	*dst_trip_group_name(enum dst_trip_group);
int		 dst_trip_group_parse(const char *, enum dst_trip_group *);

/* The sums of a group: trips, by train, CO2 chosen, CO2 avoided against
 * flying (plane - chosen; negative where the choice emits more). */
struct dst_sums {
	char		 key[DEC_NAME_MAX];
	long long	 trips, train;
	long long	 co2e_x100, avoided_x100;
};
struct dst_report {
	long			 from, to;
	enum dst_trip_group	 group;
	size_t			 n;
	struct dst_sums		*groups;	/* ordered by key */
	struct dst_sums		 total;
};
void	 dst_report_clear(struct dst_report *);
/* CO2 of the trips departing from..to (LONG_MIN / LONG_MAX: open),
 * rejected ones left out, by group; sums exact. */
int	 dst_trips_report(struct dst_store *, long from, long to,
	    enum dst_trip_group, struct dst_report *, char **cause);

/* --- what a snapshot reads ----------------------------------------------- */

/*
 * One read transaction (dst_read_begin ... dst_read_end) gives a
 * consistent view of every table the readers below use.
 */
int	 dst_read_begin(struct dst_store *, char **cause);
void	 dst_read_end(struct dst_store *);
/* Every entry, sorted by id (retired ones included), in *v (malloc'd). */
int	 dst_read_entries(struct dst_store *, struct dst_entry **v, size_t *n,
	    char **cause);
/* The current policy (the highest version: p->version is it) and its
 * document (*doc, a new reference; may be NULL). */
int	 dst_read_policy(struct dst_store *, struct dec_policy *, json_t **doc,
	    char **cause);
/* The current rail network, read and checked, its version, and its
 * document (*doc, a new reference; doc may be NULL). */
int	 dst_read_rail_network(struct dst_store *, struct dst_rail_network *,
	    int *version, json_t **doc, char **cause);
/* The current factor set. */
int	 dst_read_factors(struct dst_store *, struct dec_factor_set *,
	    char **cause);
/* The current version of every zone, by id: fn(arg, id, version, geojson)
 * for each; fn returns 0 or -1 (which ends the walk). */
int	 dst_read_zones(struct dst_store *, int (*fn)(void *, const char *,
	    int, const char *, char **), void *arg, char **cause);
/* The places table, fn for each row (geonameid order). */
struct geo_place;
struct geo_airport;
int	 dst_read_places(struct dst_store *, int (*fn)(void *,
	    const struct geo_place *), void *arg, char **cause);
/* The airports table, fn for each row (code order). */
int	 dst_read_airports(struct dst_store *, int (*fn)(void *,
	    const struct geo_airport *), void *arg, char **cause);
/* The countries table: fn(arg, iso_a2, geojson) for each, by code. */
int	 dst_read_countries(struct dst_store *, int (*fn)(void *, const char *,
	    const char *, char **), void *arg, char **cause);

/*
 * Replace the places, countries and airports tables by the extracts
 * compiled in (data/places.tsv, data/countries.geojson,
 * data/airports.tsv), in one transaction; how many
 * rows each got.  The rail zone is not rebuilt here (see
 * dst_rail_zone_rebuild).
 */
int	 dst_places_import(struct dst_store *, size_t *nplaces,
	    size_t *ncountries, size_t *nairports, char **cause);

#endif /* TRIPMODE_STORE_H */
