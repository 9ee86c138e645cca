/*
 * The JSON shapes of the API's answers, from the data the store and the
 * snapshot give: list entries, trips, reports, versioned documents and
 * their histories, import reports.
 */
#include "config.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/daemon.h"

/* Set a member; jansson's _new steals the value even on failure. */
static void
set(json_t *o, const char *key, json_t *v)
{
	if (v == NULL || json_object_set_new(o, key, v) != 0)
		abort();
}

/* A string, or null. */
static json_t *
str(const char *s)
{
	return (s != NULL ? json_string(s) : json_null());
}

/* Hundredths as kg. */
static json_t *
kg(long long x100)
{
	return (json_real((double)x100 / 100.0));
}

/* A day as "YYYY-MM-DD", or null for an open end. */
static json_t *
day(long d)
{
	char	buf[16];

	if (d == LONG_MIN || d == LONG_MAX)
		return (json_null());
	dec_date_format(d, buf, sizeof buf);
	return (json_string(buf));
}

/* A list entry with what the snapshot derives. */
json_t *
encode_entry(const struct dst_entry *e)
{
	return (dst_entry_to_json(e, DST_ENTRY_DERIVED));
}

/* A trip (see daemon.h). */
json_t *
encode_trip(const struct dst_trip *t, int with_decision)
{
	json_t	*o, *dec;

	/* The decision it was ruled under, as it was stored. */
	dec = t->decision != NULL ? json_loads(t->decision, 0, NULL) : NULL;
	if ((o = json_object()) == NULL)
		abort();
	set(o, "id", json_integer(t->id));
	set(o, "reference", json_string(t->reference));
	set(o, "status", json_string(t->status));
	set(o, "compliant", json_boolean(t->compliant));
	set(o, "created_at", json_string(t->created_at));
	set(o, "created_by", str(t->created_by));
	set(o, "traveller", json_pack("{s:o, s:o, s:o}", "name",
	    str(t->traveller_name), "email", str(t->traveller_email),
	    "department", str(t->department)));
	set(o, "chosen_mode", str(t->chosen_mode));
	set(o, "exception", t->exception_reason == NULL ? json_null() :
	    json_pack("{s:o, s:o}", "reason", str(t->exception_reason), "text",
	    str(t->exception_text)));
	set(o, "justification", str(t->justification));
	set(o, "destination", json_is_object(json_object_get(dec,
	    "destination")) ? json_incref(json_object_get(dec,
	    "destination")) : json_null());
	set(o, "departure_date", json_string(t->departure_date));
	set(o, "return_date", json_string(t->return_date));
	set(o, "travellers", json_integer(t->travellers));
	set(o, "ruling", json_is_object(json_object_get(dec, "ruling")) ?
	    json_incref(json_object_get(dec, "ruling")) : json_null());
	set(o, "co2e_kg_chosen", kg(t->co2e_chosen_x100));
	set(o, "co2e_kg_ruled", kg(t->co2e_ruled_x100));
	set(o, "co2e_kg_plane", kg(t->co2e_plane_x100));
	set(o, "co2e_kg_difference", kg(t->co2e_chosen_x100 -
	    t->co2e_ruled_x100));
	set(o, "policy_version", json_integer(t->policy_version));
	set(o, "factor_set", str(t->factor_set));
	if (with_decision)
		set(o, "decision", dec != NULL ? json_incref(dec) :
		    json_null());
	set(o, "approval", t->approval_decision == NULL ? json_null() :
	    json_pack("{s:o, s:o, s:o, s:o}", "decision",
	    str(t->approval_decision), "note", str(t->approval_note), "by",
	    str(t->approval_by), "at", str(t->approval_at)));
	json_decref(dec);
	return (o);
}

/* A page of trips: {"count", "limit", "offset", "trips"}. */
json_t *
encode_trip_list(const struct dst_trip_list *l,
    const struct dst_trip_filter *f)
{
	json_t	*trips, *o;
	size_t	 i;

	if ((trips = json_array()) == NULL)
		abort();
	for (i = 0; i < l->n; i++)
		if (json_array_append_new(trips, encode_trip(&l->v[i], 0)) != 0)
			abort();
	if ((o = json_pack("{s:I, s:I, s:I, s:o}", "count",
	    (json_int_t)l->count, "limit", (json_int_t)f->limit, "offset",
	    (json_int_t)f->offset, "trips", trips)) == NULL)
		abort();
	return (o);
}

/* The figures of a group: trips, kg, kg avoided, train share. */
static json_t *
sums(const struct dst_sums *x, int with_key)
{
	double	share = 0;
	json_t	*o;

	if (x->trips > 0)
		share = round((double)x->train * 10000.0 / (double)x->trips) /
		    10000.0;
	if ((o = json_object()) == NULL)
		abort();
	if (with_key)
		set(o, "key", json_string(x->key));
	set(o, "trips", json_integer(x->trips));
	set(o, "co2e_kg", kg(x->co2e_x100));
	set(o, "co2e_kg_avoided", kg(x->avoided_x100));
	set(o, "train_share", json_real(share));
	return (o);
}

/* A CO2 report: {"from", "to", "group_by", "groups", "total"}. */
json_t *
encode_report(const struct dst_report *r)
{
	json_t	*groups, *o;
	size_t	 i;

	if ((groups = json_array()) == NULL)
		abort();
	for (i = 0; i < r->n; i++)
		if (json_array_append_new(groups, sums(&r->groups[i], 1)) != 0)
			abort();
	if ((o = json_pack("{s:o, s:o, s:s, s:o, s:o}", "from", day(r->from),
	    "to", day(r->to), "group_by", dst_trip_group_name(r->group),
	    "groups", groups, "total", sums(&r->total, 0))) == NULL)
		abort();
	return (o);
}

/* A document with its version first (a zone: inside its properties). */
json_t *
encode_doc(const struct dst_doc *d, int zone)
{
	const char	*key;
	json_t		*out, *meta, *v, *props;

	if ((meta = json_pack("{s:i, s:s, s:s}", "version", d->version,
	    "updated_at", d->at, "updated_by", d->by)) == NULL)
		abort();
	if (zone) {
		if ((out = json_deep_copy(d->data)) == NULL)
			abort();
		props = json_object_get(out, "properties");
		if (!json_is_object(props)) {
			props = json_object();
			set(out, "properties", props);
		}
		json_object_update(props, meta);
		json_decref(meta);
		return (out);
	}
	out = meta;
	json_object_foreach(d->data, key, v)
		if (json_object_get(out, key) == NULL &&
		    json_object_set(out, key, v) != 0)
			abort();
	return (out);
}

/* Versions of a document (see daemon.h). */
json_t *
encode_history(const struct dst_history *h, const char *id,
    const char *what)
{
	const struct dst_version	*v;
	json_t				*versions, *o, *one;
	size_t				 i;

	if ((versions = json_array()) == NULL)
		abort();
	for (i = 0; i < h->n; i++) {
		v = &h->v[i];
		if ((one = json_object()) == NULL)
			abort();
		if (strcmp(what, "factor_set") == 0) {
			set(one, "name", json_string(v->doc.name));
			set(one, "version", json_integer(v->doc.version));
			set(one, "year", json_integer(v->doc.year));
		} else
			set(one, "version", json_integer(v->doc.version));
		set(one, "changed_at", json_string(v->doc.at));
		set(one, "changed_by", json_string(v->doc.by));
		set(one, "action", json_string(v->action));
		if (strcmp(what, "factor_set") == 0)
			set(one, "current", json_boolean(v->doc.current));
		set(one, "changes", json_incref(v->changes));
		set(one, what, json_incref(v->doc.data));
		if (json_array_append_new(versions, one) != 0)
			abort();
	}
	if ((o = json_object()) == NULL)
		abort();
	if (id != NULL)
		set(o, "id", json_string(id));
	set(o, "versions", versions);
	return (o);
}

/* The latest version of every factor set. */
json_t *
encode_sets(const struct dst_set_info *s, size_t n)
{
	json_t	*a;
	size_t	 i;

	if ((a = json_array()) == NULL)
		abort();
	for (i = 0; i < n; i++)
		if (json_array_append_new(a, json_pack("{s:s, s:i, s:i, s:b}",
		    "name", s[i].name, "year", s[i].year, "version",
		    s[i].version, "current", s[i].current)) != 0)
			abort();
	return (a);
}

/* What an import did. */
json_t *
encode_import(const struct dst_import_report *r)
{
	json_t	*created, *updated, *o;
	size_t	 i;

	if ((created = json_array()) == NULL || (updated = json_array()) ==
	    NULL)
		abort();
	for (i = 0; i < r->ncreated; i++)
		if (json_array_append_new(created, json_string(
		    r->created[i])) != 0)
			abort();
	for (i = 0; i < r->nupdated; i++)
		if (json_array_append_new(updated, json_string(
		    r->updated[i])) != 0)
			abort();
	if ((o = json_pack("{s:b, s:o, s:o, s:I, s:I}", "dry_run", r->dry_run,
	    "created", created, "updated", updated, "unchanged",
	    (json_int_t)r->unchanged, "rows", (json_int_t)r->rows)) == NULL)
		abort();
	return (o);
}
