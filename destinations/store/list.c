/*
 * The administrators' changes to the list: add, replace, retire, import,
 * and the history they leave.  Each write is one BEGIN IMMEDIATE
 * transaction that rewrites the entry's row and appends a version with
 * the full entry and what changed, field by field; any error rolls back.
 */

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "destinations/store/store-int.h"

/* Read the entry of an id: 0 with *found set, or -1. */
static int
entry_load(sqlite3 *db, const char *id, struct dst_entry *e, int *found,
    char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	*found = 0;
	memset(e, 0, sizeof *e);
	if ((st = dst_sql_prepare(db, "SELECT " DST_ENTRY_COLUMNS " FROM "
	    "destinations WHERE id = ?1", cause, "t", id)) == NULL)
		return (-1);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		sqlite3_finalize(st);
		return (0);
	}
	if (rc != SQLITE_ROW) {
		dst_sql_cause(db, id, cause);
		sqlite3_finalize(st);
		return (-1);
	}
	rc = dst_entry_read(st, e, cause);
	sqlite3_finalize(st);
	if (rc != 0)
		return (-1);
	*found = 1;
	return (0);
}

/*
 * Insert a new entry: its row and its first version, with the changes
 * JSON text ({"action": "create"}).  The caller holds a write
 * transaction.
 */
int
dst_entry_insert(sqlite3 *db, const struct dst_entry *e, const char *changes,
    char **cause)
{
	sqlite3_stmt	*st = NULL;
	json_t		*j;
	char		*data;
	int		 rc = -1;

	j = dst_entry_to_json(e, 0);
	if ((data = json_dumps(j, DST_DUMP_FLAGS)) == NULL)
		abort();
	json_decref(j);
	if (sqlite3_prepare_v2(db, "INSERT INTO destinations ("
	    DST_ENTRY_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
	    "?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, "
	    "?23)", -1, &st, NULL) != SQLITE_OK ||
	    dst_entry_bind(st, e) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_DONE) {
		dst_sql_cause(db, e->id, cause);
		goto out;
	}
	if (dst_sql_done(db, dst_sql_prepare(db, "INSERT INTO "
	    "destination_versions (id, version, data, changed_by, changed_at, "
	    "changes) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", cause, "titttt",
	    e->id, e->version, data, e->updated_by, e->updated_at, changes),
	    cause) != 0)
		goto out;
	rc = 0;
out:
	sqlite3_finalize(st);
	free(data);
	return (rc);
}

/* Rewrite the row of an existing entry with e (its new version). */
static int
entry_update(sqlite3 *db, const struct dst_entry *e, char **cause)
{
	static const char sql[] = "UPDATE destinations SET name = ?2, "
	    "name_nl = ?3, name_en = ?4, aliases = ?5, country = ?6, "
	    "lat = ?7, lon = ?8, coord_source = ?9, mode = ?10, "
	    "strength = ?11, rail_hours = ?12, rail_estimated = ?13, "
	    "rail_source = ?14, rail_source_date = ?15, night_train = ?16, "
	    "night_train_note = ?17, notes = ?18, active_from = ?19, "
	    "retired = ?20, version = ?21, updated_at = ?22, "
	    "updated_by = ?23 WHERE id = ?1";
	sqlite3_stmt	*st = NULL;
	int		 rc = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		goto sqlfail;
	if (dst_entry_bind(st, e) != SQLITE_OK)
		goto sqlfail;
	if (sqlite3_step(st) != SQLITE_DONE)
		goto sqlfail;
	if (sqlite3_changes(db) != 1) {
		dst_set_cause(cause, "%s: no such row", e->id);
		goto out;
	}
	rc = 0;
	goto out;

sqlfail:
	dst_sql_cause(db, e->id, cause);
out:
	sqlite3_finalize(st);
	return (rc);
}

/* Append e's version row: the full entry, who, when, what changed. */
static int
version_insert(sqlite3 *db, const struct dst_entry *e, const char *action,
    json_t *fields, char **cause)
{
	static const char sql[] = "INSERT INTO destination_versions (id, "
	    "version, data, changed_by, changed_at, changes) VALUES (?1, ?2, "
	    "?3, ?4, ?5, ?6)";
	sqlite3_stmt	*st = NULL;
	json_t		*j = NULL, *ch = NULL;
	char		*data = NULL, *changes = NULL;
	int		 rc = -1;

	j = dst_entry_to_json(e, 0);
	if ((data = json_dumps(j, DST_DUMP_FLAGS)) == NULL ||
	    (ch = json_pack("{s:s, s:O}", "action", action, "fields",
	    fields)) == NULL ||
	    (changes = json_dumps(ch, DST_DUMP_FLAGS)) == NULL) {
		dst_set_cause(cause, "%s: out of memory", e->id);
		goto out;
	}
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, e->id, -1, SQLITE_STATIC) ||
	    sqlite3_bind_int(st, 2, e->version) ||
	    sqlite3_bind_text(st, 3, data, -1, SQLITE_STATIC) ||
	    sqlite3_bind_text(st, 4, e->updated_by, -1, SQLITE_STATIC) ||
	    sqlite3_bind_text(st, 5, e->updated_at, -1, SQLITE_STATIC) ||
	    sqlite3_bind_text(st, 6, changes, -1, SQLITE_STATIC) ||
	    sqlite3_step(st) != SQLITE_DONE) {
		dst_sql_cause(db, e->id, cause);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	free(changes);
	json_decref(ch);
	free(data);
	json_decref(j);
	return (rc);
}

/* --- changes --------------------------------------------------------- */

/*
 * What differs between two entries, as a new object {field: {from, to}}
 * (empty when nothing does); the members the store sets are not changes.
 */
static json_t *
entry_changes(const struct dst_entry *from, const struct dst_entry *to)
{
	json_t		*a, *b, *out;
	const char	*key;
	json_t		*v;
	void		*tmp;

	a = dst_entry_to_json(from, 0);
	b = dst_entry_to_json(to, 0);
	json_object_foreach_safe(a, tmp, key, v)
		if (dst_entry_readonly(key))
			json_object_del(a, key);
	json_object_foreach_safe(b, tmp, key, v)
		if (dst_entry_readonly(key))
			json_object_del(b, key);
	out = dst_diff(a, b);
	json_decref(a);
	json_decref(b);
	return (out);
}

/* Mark a new version of e: who, now. */
static void
stamp(struct dst_entry *e, int version, const char *who, const char *now)
{
	e->version = version;
	dec_copy(e->updated_at, sizeof e->updated_at, now);
	dec_copy(e->updated_by, sizeof e->updated_by,
	    who != NULL && *who != '\0' ? who : DST_ANONYMOUS);
}

/*
 * Replace cur by next (same id) under an action, if anything differs:
 * the row and a new version.  next is stamped; *changed tells.
 */
static int
entry_replace(sqlite3 *db, const struct dst_entry *cur, struct dst_entry *next,
    const char *action, const char *who, const char *now, int *changed,
    char **cause)
{
	json_t	*fields;
	int	 rc = -1;

	*changed = 0;
	if ((fields = entry_changes(cur, next)) == NULL) {
		dst_set_cause(cause, "%s: out of memory", cur->id);
		return (-1);
	}
	if (json_object_size(fields) == 0) {
		*next = *cur;
		json_decref(fields);
		return (0);
	}
	stamp(next, cur->version + 1, who, now);
	if (entry_update(db, next, cause) == 0 &&
	    version_insert(db, next, action, fields, cause) == 0) {
		*changed = 1;
		rc = 0;
	}
	json_decref(fields);
	return (rc);
}

/* Start a write result as a failure until it succeeds. */
static void
result_init(struct dst_write_result *res)
{
	memset(res, 0, sizeof *res);
	res->status = DST_WRITE_FAILED;
}

/* --- the writes ------------------------------------------------------ */

/* Add a new entry (see store.h). */
int
dst_destination_create(struct dst_store *s, const struct dst_entry *in,
    const char *who, struct dst_write_result *res, char **cause)
{
	struct dst_entry	cur;
	char			now[32];
	int			found;

	result_init(res);
	if (dst_tx_begin(s->db, cause) != 0)
		return (-1);
	if (entry_load(s->db, in->id, &cur, &found, cause) != 0)
		goto fail;
	if (found) {
		res->status = DST_WRITE_EXISTS;
		res->entry = cur;
		dst_set_cause(cause, "there is already a destination \"%s\"%s",
		    in->id, cur.retired != LONG_MAX ? " (retired)" : "");
		goto fail;
	}
	res->entry = *in;
	dst_now(now, sizeof now);
	stamp(&res->entry, 1, who, now);
	if (dst_entry_insert(s->db, &res->entry, "{\"action\":\"create\"}",
	    cause) != 0 || dst_tx_commit(s->db, cause) != 0)
		goto fail;
	res->status = DST_WRITE_OK;
	res->changed = 1;
	return (0);

fail:
	dst_tx_rollback(s->db);
	return (-1);
}

/* Load the current entry and check the expected version. */
static int
load_checked(struct dst_store *s, const char *id, int expected,
    struct dst_write_result *res, char **cause)
{
	int	found;

	if (entry_load(s->db, id, &res->entry, &found, cause) != 0)
		return (-1);
	if (!found) {
		res->status = DST_WRITE_NOT_FOUND;
		dst_set_cause(cause, "no destination with id \"%s\"", id);
		return (-1);
	}
	if (expected != 0 && res->entry.version != expected) {
		res->status = DST_WRITE_STALE;
		dst_set_cause(cause, "version %d of \"%s\" is not the current "
		    "one: it is at version %d, changed by %s at %s", expected,
		    id, res->entry.version, res->entry.updated_by,
		    res->entry.updated_at);
		return (-1);
	}
	return (0);
}

/* Replace an entry (see store.h). */
int
dst_destination_update(struct dst_store *s, const struct dst_entry *e,
    int expected, const char *who, struct dst_write_result *res,
    char **cause)
{
	struct dst_entry	cur, next;
	char			now[32];

	result_init(res);
	if (dst_tx_begin(s->db, cause) != 0)
		return (-1);
	if (load_checked(s, e->id, expected, res, cause) != 0)
		goto fail;
	cur = res->entry;
	next = *e;
	dst_now(now, sizeof now);
	if (entry_replace(s->db, &cur, &next, "update", who, now,
	    &res->changed, cause) != 0 || dst_tx_commit(s->db, cause) != 0)
		goto fail;
	res->entry = next;
	res->status = DST_WRITE_OK;
	return (0);

fail:
	dst_tx_rollback(s->db);
	return (-1);
}

/* Retire an entry (see store.h). */
int
dst_destination_retire(struct dst_store *s, const char *id, int expected,
    long day, const char *who, struct dst_write_result *res, char **cause)
{
	struct dst_entry	cur, next;
	char			now[32], date[16];

	result_init(res);
	if (dst_tx_begin(s->db, cause) != 0)
		return (-1);
	if (load_checked(s, id, expected, res, cause) != 0)
		goto fail;
	cur = res->entry;
	if (cur.retired != LONG_MAX && cur.retired <= day) {
		dec_date_format(cur.retired, date, sizeof date);
		res->status = DST_WRITE_RETIRED;
		dst_set_cause(cause, "\"%s\" is retired already (since %s)", id,
		    date);
		goto fail;
	}
	if (cur.active_from != LONG_MIN && cur.active_from >= day) {
		dec_date_format(cur.active_from, date, sizeof date);
		res->status = DST_WRITE_NOT_ACTIVE;
		dst_set_cause(cause, "\"%s\" is not active before %s: change "
		    "its active_from instead", id, date);
		goto fail;
	}
	next = cur;
	next.retired = day;
	dst_now(now, sizeof now);
	if (entry_replace(s->db, &cur, &next, "retire", who, now,
	    &res->changed, cause) != 0 || dst_tx_commit(s->db, cause) != 0)
		goto fail;
	res->entry = next;
	res->status = DST_WRITE_OK;
	return (0);

fail:
	dst_tx_rollback(s->db);
	return (-1);
}

/* One row of destination_versions as a version. */
static int
history_version(sqlite3_stmt *st, struct dst_version *v, char **cause)
{
	const char	*data, *changes;
	json_t		*ch, *action, *fields;

	memset(v, 0, sizeof *v);
	v->doc.version = sqlite3_column_int(st, 0);
	data = (const char *)sqlite3_column_text(st, 1);
	dst_column_copy(st, 2, v->doc.by, sizeof v->doc.by);
	dst_column_copy(st, 3, v->doc.at, sizeof v->doc.at);
	changes = (const char *)sqlite3_column_text(st, 4);
	v->doc.data = data != NULL ? json_loads(data, 0, NULL) : NULL;
	ch = changes != NULL ? json_loads(changes, 0, NULL) : NULL;
	if (v->doc.data == NULL || !json_is_object(ch)) {
		dst_set_cause(cause, "version %d: bad JSON in the database",
		    v->doc.version);
		json_decref(ch);
		return (-1);
	}
	action = json_object_get(ch, "action");
	v->action = !json_is_string(action) ? "update" :
	    strcmp(json_string_value(action), "create") == 0 ? "create" :
	    strcmp(json_string_value(action), "retire") == 0 ? "retire" :
	    strcmp(json_string_value(action), "import") == 0 ? "import" :
	    "update";
	fields = json_object_get(ch, "fields");
	v->changes = json_is_object(fields) ? json_incref(fields) :
	    json_object();
	json_decref(ch);
	if (v->changes == NULL)
		abort();
	return (0);
}

/* Every version of an entry (see store.h). */
int
dst_destination_history(struct dst_store *s, const char *id,
    struct dst_history *h, char **cause)
{
	sqlite3_stmt		*st;
	struct dst_version	*nv;
	size_t			 cap = 0;
	int			 rc;

	memset(h, 0, sizeof *h);
	if ((st = dst_sql_prepare(s->db, "SELECT version, data, changed_by, "
	    "changed_at, changes FROM destination_versions WHERE id = ?1 "
	    "ORDER BY version", cause, "t", id)) == NULL)
		return (-1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (h->n == cap) {
			cap = cap == 0 ? 8 : cap * 2;
			if ((nv = reallocarray(h->v, cap, sizeof *nv)) == NULL)
				abort();
			h->v = nv;
		}
		if (history_version(st, &h->v[h->n], cause) != 0) {
			dst_doc_clear(&h->v[h->n].doc);
			goto fail;
		}
		dec_copy(h->v[h->n].doc.name, sizeof h->v[h->n].doc.name, id);
		h->n++;
	}
	if (rc != SQLITE_DONE) {
		dst_sql_cause(s->db, id, cause);
		goto fail;
	}
	sqlite3_finalize(st);
	return (0);

fail:
	sqlite3_finalize(st);
	dst_history_clear(h);
	return (-1);
}

/* Order entry pointers by id. */
static int
entry_ptr_cmp(const void *a, const void *b)
{
	const struct dst_entry *const	*x = a, *const *y = b;

	return (strcmp((*x)->id, (*y)->id));
}

/* Are the ids distinct?  Else name one that is not. */
static int
ids_distinct(const struct dst_entry *entries, size_t n, char **cause)
{
	const struct dst_entry	**p;
	size_t			  i;
	int			  rc = 0;

	if (n < 2)
		return (0);
	if ((p = calloc(n, sizeof *p)) == NULL) {
		dst_set_cause(cause, "out of memory");
		return (-1);
	}
	for (i = 0; i < n; i++)
		p[i] = &entries[i];
	qsort(p, n, sizeof *p, entry_ptr_cmp);
	for (i = 1; i < n; i++) {
		if (strcmp(p[i - 1]->id, p[i]->id) == 0) {
			dst_set_cause(cause, "id \"%s\" is given more than "
			    "once", p[i]->id);
			rc = -1;
			break;
		}
	}
	free(p);
	return (rc);
}

/* Free what a report holds. */
void
dst_import_report_clear(struct dst_import_report *r)
{
	free(r->created);
	free(r->updated);
	memset(r, 0, sizeof *r);
}

/* Import entries in one transaction (see store.h). */
int
dst_destination_import(struct dst_store *s, const struct dst_entry *entries,
    size_t n, int dry_run, const char *who, struct dst_import_report *r,
    char **cause)
{
	struct dst_entry	 cur, next;
	char			 now[32];
	size_t			 i;
	int			 found, changed;

	memset(r, 0, sizeof *r);
	r->dry_run = dry_run;
	r->rows = n;
	if (ids_distinct(entries, n, cause) != 0)
		return (-1);
	if ((r->created = calloc(n + 1, sizeof *r->created)) == NULL ||
	    (r->updated = calloc(n + 1, sizeof *r->updated)) == NULL)
		abort();
	if (dst_tx_begin(s->db, cause) != 0) {
		dst_import_report_clear(r);
		return (-1);
	}
	dst_now(now, sizeof now);
	for (i = 0; i < n; i++) {
		next = entries[i];
		if (entry_load(s->db, next.id, &cur, &found, cause) != 0)
			goto fail;
		if (!found) {
			stamp(&next, 1, who, now);
			if (dst_entry_insert(s->db, &next,
			    "{\"action\":\"import\",\"fields\":{}}",
			    cause) != 0)
				goto fail;
			dec_copy(r->created[r->ncreated++], DEC_ID_MAX,
			    next.id);
			continue;
		}
		if (entry_replace(s->db, &cur, &next, "import", who, now,
		    &changed, cause) != 0)
			goto fail;
		if (changed)
			dec_copy(r->updated[r->nupdated++], DEC_ID_MAX,
			    next.id);
		else
			r->unchanged++;
	}
	if (dry_run)
		dst_tx_rollback(s->db);
	else if (dst_tx_commit(s->db, cause) != 0)
		goto fail;
	return (0);

fail:
	dst_tx_rollback(s->db);
	dst_import_report_clear(r);
	return (-1);
}
