/*
 * Shared between the files of destinations/ only: the concrete store and
 * snapshot, and the helpers one file provides to another.
 */
#ifndef TRIPMODE_DESTINATIONS_INTERNAL_H
#define TRIPMODE_DESTINATIONS_INTERNAL_H

#include <stdatomic.h>
#include <stddef.h>

#include <jansson.h>
#include <sqlite3.h>

#include "destinations/destinations.h"

/* Who wrote the rows that come from the embedded seed data. */
#define DST_SEED_USER	"seed"

struct dst_store {
	sqlite3		*db;
	int		 schema_version;
};

/* One zone of the rail-connected zone set, as WKB (lon/lat). */
struct dst_zone {
	char		 id[DEC_ID_MAX];
	int		 version;
	unsigned char	*wkb;
	size_t		 wkblen;
};

/* One key of the name index: a normalised name pointing at an entry. */
struct dst_name {
	const char	*key;		/* normalised, in the snapshot's pool */
	size_t		 keylen;
	const char	*display;	/* the name as written in the entry */
	size_t		 entry;		/* index into entries */
	int		 prio;		/* 0 name, 1 name_nl, ... id last */
};

/* An active API key as the snapshot keeps it: never the key itself. */
struct dst_key {
	char		 key_id[17];
	char		 name[DEC_NAME_MAX];
	enum dst_role	 role;
	unsigned char	 salt[16];
	unsigned char	 hash[32];
};

struct dst_snapshot {
	atomic_int		 refs;
	unsigned long		 generation;	/* unique per snapshot */

	struct dec_policy	 policy;
	char			*policy_json;
	struct dec_factor_set	 factors;
	char			*factors_json;
	struct dec_calibration	 calibration;

	struct dst_entry	*entries;	/* sorted by id */
	int			*entry_zone;	/* per entry: zone index, -1 */
	size_t			 nentries;

	struct dst_name		*names;		/* sorted by key, entry */
	size_t			 nnames;
	char			*pool;		/* the keys */

	struct dst_zone		*zones;		/* sorted by id */
	size_t			 nzones;

	struct dst_key		*keys;		/* active keys */
	size_t			 nkeys;

	struct dst_places	*places;	/* the gazetteer (places.c) */
	struct dst_countries	*countries;	/* the borders (countries.c) */
};

/* util (store.c) */
void	 dst_set_cause(char **, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 dst_copy(char *, size_t, const char *);
void	 dst_now(char *, size_t);
const struct dst_embedded *dst_embedded_find(const char *);
int	 dst_exec(sqlite3 *, const char *, char **);
void	 dst_sql_cause(sqlite3 *, const char *, char **);

/* seed.c */
int	 dst_seed(struct dst_store *, char **);
int	 dst_entry_insert(sqlite3 *, const struct dst_entry *, const char *,
	    char **);
int	 dst_entry_bind(sqlite3_stmt *, const struct dst_entry *,
	    const char *aliases);
char	*dst_aliases_json(const struct dst_entry *);

/* sha256.c: SHA-256 of a then b. */
void	 dst_sha256(const void *, size_t, const void *, size_t,
	    unsigned char[32]);

/* keys.c */
int	 dst_keys_load(struct dst_snapshot *, sqlite3 *, char **);

/* json.c */
int	 dst_policy_from_json(const json_t *, struct dec_policy *, char **);
int	 dst_factors_from_json(const json_t *, struct dec_factor_set *,
	    char **);
json_t	*dst_load_json(const char *, size_t, const char *, char **);

/* zones.c */
int	 dst_zone_from_geojson(const char *, const char *, struct dst_zone *,
	    char **);
void	 dst_zones_free(struct dst_zone *, size_t);
int	 dst_zone_locate(const struct dst_snapshot *, double, double);
/* The calling thread's GEOS context (NULL if out of memory); *slot is
 * where countries.c keeps its per-thread state, freed with the context by
 * dst_countries_thread_free. */
struct GEOSContextHandle_HS *dst_geos_thread(void ***slot);

/* names.c */
int	 dst_names_build(struct dst_snapshot *, char **);

/* places.c: load the gazetteer into a snapshot (inside its read
 * transaction) and free it; fill the places and countries tables on the
 * first start at schema 4 (the caller holds the write transaction). */
int	 dst_places_load(struct dst_snapshot *, sqlite3 *, char **);
void	 dst_places_free(struct dst_places *);
int	 dst_places_seed(sqlite3 *, const char *, char **);

/* countries.c: load the borders into a snapshot (inside its read
 * transaction) and free them; free a thread's state; on a new database
 * (the caller holds the seed's write transaction) store the rail zone
 * built from the borders as version 1: 1, or 0 if there are no borders
 * (the caller seeds the hand-drawn zone), or -1. */
int	 dst_countries_load(struct dst_snapshot *, sqlite3 *, char **);
void	 dst_countries_free(struct dst_countries *);
void	 dst_countries_thread_free(struct GEOSContextHandle_HS *, void *);
int	 dst_rail_zone_seed(sqlite3 *, const char *, char **);

#endif /* TRIPMODE_DESTINATIONS_INTERNAL_H */
