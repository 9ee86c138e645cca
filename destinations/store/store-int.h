/*
 * Shared by the files of store/ only: the connection, SQL helpers, and
 * what one file of the store provides to another.
 */
#ifndef TRIPMODE_STORE_INT_H
#define TRIPMODE_STORE_INT_H

#include <stddef.h>

#include <jansson.h>
#include <sqlite3.h>

#include "destinations/embedded.h"
#include "destinations/geo/geo.h"
#include "destinations/store/store.h"

/* The columns of an entry, in the order dst_entry_bind and dst_entry_read
 * use (?1..?23, columns 0..22). */
#define DST_ENTRY_COLUMNS "id, name, name_nl, name_en, aliases, country, " \
	"lat, lon, coord_source, mode, strength, rail_hours, rail_estimated, " \
	"rail_source, rail_source_date, night_train, night_train_note, " \
	"notes, active_from, retired, version, updated_at, updated_by"
/* Stored JSON: entries with exact doubles; the policy, factor sets and
 * zones with the 15 digits their documents have always been kept in. */
#define DST_DUMP_FLAGS	(JSON_COMPACT | JSON_REAL_PRECISION(17))
#define DST_DOC_FLAGS	(JSON_COMPACT | JSON_REAL_PRECISION(15))

struct dst_store {
	sqlite3		*db;
	int		 schema_version;
};

/* sql.c */
void	 dst_sql_cause(sqlite3 *, const char *, char **);
void	 dst_now(char *, size_t);
int	 dst_exec(sqlite3 *, const char *, char **);
const struct dst_embedded *dst_embedded_find(const char *);
/* Prepare sql, binding one argument per letter of types: 'i' int, 'I'
 * long long, 'd' double, 't' text (copied; NULL or "" bound as NULL when
 * 'n'). */
sqlite3_stmt *dst_sql_prepare(sqlite3 *, const char *sql, char **cause,
	    const char *types, ...);
/* Step a prepared write to its end and finalize it. */
int	 dst_sql_done(sqlite3 *, sqlite3_stmt *, char **);
/* A column's text copied into buf ("" for NULL). */
void	 dst_column_copy(sqlite3_stmt *, int, char *, size_t);
int	 dst_tx_begin(sqlite3 *, char **);
void	 dst_tx_rollback(sqlite3 *);
int	 dst_tx_commit(sqlite3 *, char **);

/* entry.c */
int	 dst_entry_bind(sqlite3_stmt *, const struct dst_entry *);
int	 dst_entry_read(sqlite3_stmt *, struct dst_entry *, char **);

/* documents.c */
const char *const *dst_factors_keys(void);
int	 dst_document_read_only(const char *);

/* changes.c: what differs between two documents. */
int	 dst_same_value(const json_t *, const json_t *);
json_t	*dst_diff(json_t *from, json_t *to);
int	 dst_diff_into(json_t *changes, const char *prefix, json_t *,
	    json_t *);

/* list.c: a new entry's row and first version (in a transaction). */
int	 dst_entry_insert(sqlite3 *, const struct dst_entry *,
	    const char *action, char **);

/* places.c: the gazetteer's tables on a new database (in the seed's
 * transaction), or once after the upgrade to schema 4. */
int	 dst_places_seed(sqlite3 *, const char *now, char **);

/* railzone.c: the zone built from the borders as a Feature, or NULL when
 * there are no borders (in the caller's transaction). */
int	 dst_rail_zone_text(sqlite3 *, char **text, char **cause);

/* keys.c: SHA-256 of a then b (OpenSSL's libcrypto). */
void	 dst_sha256(const void *, size_t, const void *, size_t,
	    unsigned char[32]);

/* seed.c */
int	 dst_seed(struct dst_store *, char **);

/* migrate.c */
int	 dst_migrate(struct dst_store *, char **);

#endif /* TRIPMODE_STORE_INT_H */
