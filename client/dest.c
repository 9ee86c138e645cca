/*
 * The commands that change the destination list, show its history, and
 * move it as CSV: destinations add, edit, retire, history, export, import.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "client/client.h"
#include "decision/decision.h"

/* How the value of a field option becomes JSON. */
enum field_kind {
	FK_TEXT,	/* a string */
	FK_ALIASES,	/* every --alias, as an array */
	FK_COUNTRY,	/* two letters, upper-cased */
	FK_LAT,
	FK_LON,
	FK_MODE,
	FK_STRENGTH,
	FK_HOURS,	/* a number >= 0, or "none" for null */
	FK_DATE,	/* YYYY-MM-DD, or "none" for null */
	FK_TRUE,	/* a flag that sets true */
	FK_FALSE	/* a flag that sets false */
};

/* The field options of add and edit, and the entry field each sets. */
static const struct field_opt {
	int		 opt;
	const char	*field;
	enum field_kind	 kind;
} field_opts[] = {
	{ OPT_ID,		"id",			FK_TEXT },
	{ OPT_NAME,		"name",			FK_TEXT },
	{ OPT_NAME_NL,		"name_nl",		FK_TEXT },
	{ OPT_NAME_EN,		"name_en",		FK_TEXT },
	{ OPT_ALIAS,		"aliases",		FK_ALIASES },
	{ OPT_COUNTRY,		"country",		FK_COUNTRY },
	{ OPT_LAT,		"lat",			FK_LAT },
	{ OPT_LON,		"lon",			FK_LON },
	{ OPT_COORD_SOURCE,	"coord_source",		FK_TEXT },
	{ OPT_MODE,		"mode",			FK_MODE },
	{ OPT_STRENGTH,		"strength",		FK_STRENGTH },
	{ OPT_RAIL_HOURS,	"rail_hours",		FK_HOURS },
	{ OPT_RAIL_SOURCE,	"rail_source",		FK_TEXT },
	{ OPT_RAIL_SOURCE_DATE,	"rail_source_date",	FK_DATE },
	{ OPT_RAIL_ESTIMATED,	"rail_estimated",	FK_TRUE },
	{ OPT_NO_RAIL_ESTIMATED, "rail_estimated",	FK_FALSE },
	{ OPT_NIGHT_TRAIN,	"night_train",		FK_TRUE },
	{ OPT_NO_NIGHT_TRAIN,	"night_train",		FK_FALSE },
	{ OPT_NIGHT_TRAIN_NOTE,	"night_train_note",	FK_TEXT },
	{ OPT_NOTES,		"notes",		FK_TEXT },
	{ OPT_ACTIVE_FROM,	"active_from",		FK_DATE },
};
#define NFIELD_OPTS	(sizeof field_opts / sizeof field_opts[0])

/* Fields the server adds to an entry it sends, and ignores in one it gets. */
static const char *const read_only[] = { "distance_km", "in_rail_zone",
    "version", "updated_at", "updated_by", NULL };

/* The option that is the opposite of id, or -1. */
static int
field_opposite(int id)
{
	switch (id) {
	case OPT_RAIL_ESTIMATED:
		return (OPT_NO_RAIL_ESTIMATED);
	case OPT_NIGHT_TRAIN:
		return (OPT_NO_NIGHT_TRAIN);
	}
	return (-1);
}

/* The aliases given, as an array; NULL after a usage error. */
static json_t *
field_aliases(const struct args *a)
{
	json_t	*arr, *s;
	int	 i;

	if ((arr = json_array()) == NULL)
		fatal_nomem();
	/* A single empty --alias '' means "none". */
	if (a->nall[OPT_ALIAS] == 1 && *a->all[OPT_ALIAS][0] == '\0')
		return (arr);
	for (i = 0; i < a->nall[OPT_ALIAS]; i++) {
		if (*a->all[OPT_ALIAS][i] == '\0') {
			usage_error("--alias: empty (use --alias '' alone to "
			    "remove every alias)");
			json_decref(arr);
			return (NULL);
		}
		if ((s = arg_string("--alias", a->all[OPT_ALIAS][i])) ==
		    NULL) {
			json_decref(arr);
			return (NULL);
		}
		if (json_array_append_new(arr, s) == -1)
			fatal_nomem();
	}
	return (arr);
}

/* The JSON value of one field option; NULL after a usage error. */
static json_t *
field_value(const struct args *a, const struct field_opt *fo)
{
	const char		*v = a->val[fo->opt], *name = opt_name(fo->opt);
	enum dec_mode		 mode;
	enum dec_strength	 strength;
	char			 cc[3], date[11];
	double			 d;
	long			 day;

	switch (fo->kind) {
	case FK_TEXT:
		return (arg_string(name, v));
	case FK_ALIASES:
		return (field_aliases(a));
	case FK_COUNTRY:
		if (arg_country(a, cc) != 0)
			return (NULL);
		return (json_string(cc));
	case FK_LAT:
		if (arg_double(a, fo->opt, -90, 90, &d) != 0)
			return (NULL);
		return (json_real(d));
	case FK_LON:
		if (arg_double(a, fo->opt, -180, 180, &d) != 0)
			return (NULL);
		return (json_real(d));
	case FK_MODE:
		if (dec_mode_parse(v, &mode) != 0) {
			usage_error("--mode: not one of train, plane, car, "
			    "coach: %s", v);
			return (NULL);
		}
		return (json_string(dec_mode_name(mode)));
	case FK_STRENGTH:
		if (dec_strength_parse(v, &strength) != 0) {
			usage_error("--strength: not one of free, "
			    "recommended, mandatory: %s", v);
			return (NULL);
		}
		return (json_string(dec_strength_name(strength)));
	case FK_HOURS:
		if (strcmp(v, "none") == 0)
			return (json_null());
		if (arg_double(a, fo->opt, 0, 1000, &d) != 0)
			return (NULL);
		return (json_real(d));
	case FK_DATE:
		if (strcmp(v, "none") == 0)
			return (json_null());
		if (dec_date_parse(v, &day) == -1) {
			usage_error("--%s: not a date (YYYY-MM-DD) or none: %s",
			    name, v);
			return (NULL);
		}
		dec_date_format(day, date, sizeof date);
		return (json_string(date));
	case FK_TRUE:
		return (json_true());
	case FK_FALSE:
		return (json_false());
	}
	return (NULL);
}

/*
 * The fields the options give, as an object (caller decrefs); *count says
 * how many.  NULL after a usage error.
 */
static json_t *
field_changes(const struct args *a, int *count)
{
	const struct field_opt	*fo;
	json_t			*ch, *v;
	size_t			 i;
	int			 opp;

	*count = 0;
	if ((ch = json_object()) == NULL)
		fatal_nomem();
	for (i = 0; i < NFIELD_OPTS; i++) {
		fo = &field_opts[i];
		if (a->val[fo->opt] == NULL)
			continue;
		opp = field_opposite(fo->opt);
		if (opp != -1 && a->val[opp] != NULL) {
			usage_error("--%s and --%s contradict each other",
			    opt_name(fo->opt), opt_name(opp));
			json_decref(ch);
			return (NULL);
		}
		if ((v = field_value(a, fo)) == NULL) {
			json_decref(ch);
			return (NULL);
		}
		if (json_object_set_new(ch, fo->field, v) == -1)
			fatal_nomem();
		(*count)++;
	}
	return (ch);
}

/* An entry as a request body (caller frees). */
static char *
entry_body(const json_t *e)
{
	char	*body;

	/* Full precision: a value read back is sent back unchanged. */
	if ((body = json_dumps(e, JSON_COMPACT)) == NULL)
		fatal_nomem();
	return (body);
}

/*
 * tripmode destinations add --id ID --name NAME ... | --file FILE: POST
 * /v1/destinations, and print the entry created.
 */
int
cmd_dest_add(struct client *cl, const struct args *a, char **words,
    int nwords)
{
	static const int required[] = { OPT_ID, OPT_NAME, OPT_COUNTRY,
	    OPT_LAT, OPT_LON, OPT_MODE, OPT_STRENGTH };
	json_error_t	 jerr;
	json_t		*e = NULL, *ch = NULL;
	const char	*file = a->val[OPT_FILE];
	char		*buf = NULL, *body = NULL, *missing = NULL, *tmp;
	char		*cause = NULL;
	size_t		 i, len;
	int		 n, rv = EXIT_USAGE;

	if (nwords > 0)
		return (usage_hint("destinations add: unexpected argument: %s "
		    "(fields are given as options, e.g. --name)", words[0]));
	if ((ch = field_changes(a, &n)) == NULL)
		return (EXIT_USAGE);

	if (file != NULL) {
		if (read_file(file, &buf, &len, &cause) == -1) {
			client_warn("--file %s", cause);
			free(cause);
			goto out;
		}
		if ((e = json_loadb(buf, len, JSON_REJECT_DUPLICATES,
		    &jerr)) == NULL) {
			tmp = text_sanitize(jerr.text);
			usage_error("--file %s: not valid JSON: %s (line %d, "
			    "column %d)", file, tmp, jerr.line, jerr.column);
			free(tmp);
			goto out;
		}
		if (!json_is_object(e)) {
			usage_error("--file %s: not a JSON object", file);
			goto out;
		}
	} else {
		for (i = 0; i < sizeof required / sizeof required[0]; i++) {
			if (a->val[required[i]] != NULL)
				continue;
			tmp = xasprintf("%s%s--%s", missing != NULL ? missing :
			    "", missing != NULL ? ", " : "",
			    opt_name(required[i]));
			free(missing);
			missing = tmp;
		}
		if (missing != NULL) {
			usage_hint("destinations add: missing %s (or give "
			    "--file)", missing);
			goto out;
		}
		if (a->val[OPT_RAIL_HOURS] != NULL &&
		    strcmp(a->val[OPT_RAIL_HOURS], "none") != 0 &&
		    a->val[OPT_RAIL_SOURCE] == NULL) {
			usage_error("--rail-hours needs --rail-source: where "
			    "does the figure come from?");
			goto out;
		}
		if ((e = json_object()) == NULL)
			fatal_nomem();
	}
	if (json_object_update(e, ch) == -1)
		fatal_nomem();
	body = entry_body(e);
	rv = client_call(cl, "POST", "/v1/destinations", body, ANSWER_ENTRY);

out:
	free(body);
	free(missing);
	free(buf);
	json_decref(e);
	json_decref(ch);
	return (rv);
}

/*
 * tripmode destinations edit ID --FIELD VALUE ...: GET the entry, change
 * the fields given, PUT it back with If-Match: the ETag of what was read.
 */
int
cmd_dest_edit(struct client *cl, const struct args *a, char **words,
    int nwords)
{
	struct http_response	 r;
	struct http_req		 rq;
	json_t			*ch = NULL, *e = NULL;
	char			*path, *etag = NULL, *body = NULL;
	size_t			 i;
	int			 n, rv;

	if ((path = arg_dest_path("destinations edit", words, nwords,
	    "")) == NULL)
		return (EXIT_USAGE);
	/* Check every option before anything is sent. */
	if ((ch = field_changes(a, &n)) == NULL) {
		free(path);
		return (EXIT_USAGE);
	}
	if (a->val[OPT_IF_VERSION] != NULL &&
	    (*a->val[OPT_IF_VERSION] == '\0' ||
	    strspn(a->val[OPT_IF_VERSION], "0123456789") !=
	    strlen(a->val[OPT_IF_VERSION]))) {
		rv = usage_error("--if-version: not a version number: %s",
		    a->val[OPT_IF_VERSION]);
		goto out;
	}
	if (n == 0) {
		rv = usage_error("destinations edit: nothing to change: give "
		    "at least one field option, e.g. --rail-hours 2.5 (see "
		    "tripmode help destinations edit)");
		goto out;
	}

	if ((rv = client_get_for_edit(cl, path, words[0], &e, &etag)) != 0)
		goto out;
	/* A version the caller read earlier replaces the one just read. */
	if (a->val[OPT_IF_VERSION] != NULL) {
		free(etag);
		etag = xasprintf("\"%s\"", a->val[OPT_IF_VERSION]);
	}

	for (i = 0; read_only[i] != NULL; i++)
		json_object_del(e, read_only[i]);
	if (json_object_update(e, ch) == -1)
		fatal_nomem();
	body = entry_body(e);

	memset(&rq, 0, sizeof rq);
	rq.method = "PUT";
	rq.path = path;
	rq.body = body;
	rq.len = strlen(body);
	rq.if_match = etag;
	json_decref(e);
	e = NULL;
	if ((rv = client_send(cl, &rq, &r)) != 0)
		goto out;
	if (r.status == 412)
		rv = client_conflict(cl, path, words[0], &r);
	else if ((rv = client_answer(cl, &r, &e)) == EXIT_OK)
		client_print(cl, e, ANSWER_ENTRY, r.etag, stdout);
	http_response_free(&r);

out:
	json_decref(e);
	json_decref(ch);
	free(body);
	free(etag);
	free(path);
	return (rv);
}

/* tripmode destinations retire ID: DELETE, and print the retired entry. */
int
cmd_dest_retire(struct client *cl, const struct args *a, char **words,
    int nwords)
{
	char	*path;
	int	 rv;

	if ((path = arg_dest_path("destinations retire", words, nwords,
	    "")) == NULL)
		return (EXIT_USAGE);
	rv = client_call(cl, "DELETE", path, NULL, ANSWER_ENTRY);
	free(path);
	return (rv);
}

/* tripmode destinations history ID */
int
cmd_dest_history(struct client *cl, const struct args *a, char **words,
    int nwords)
{
	char	*path;
	int	 rv;

	if ((path = arg_dest_path("destinations history", words, nwords,
	    "/history")) == NULL)
		return (EXIT_USAGE);
	rv = client_call(cl, "GET", path, NULL, ANSWER_HISTORY);
	free(path);
	return (rv);
}

/*
 * tripmode destinations export [--output FILE] [--include-retired]: the
 * CSV bytes as the server sent them (the list as JSON with --json).
 */
int
cmd_dest_export(struct client *cl, const struct args *a, char **words,
    int nwords)
{
	struct http_response	 r;
	struct http_req		 rq;
	const char		*file = a->val[OPT_OUTPUT], *ct;
	json_t			*root = NULL;
	FILE			*f = stdout;
	char			*tmp;
	int			 rv;

	if (nwords > 0)
		return (usage_hint("destinations export: unexpected argument: "
		    "%s", words[0]));
	if (file != NULL && *file == '\0')
		return (usage_error("--output: empty"));

	memset(&rq, 0, sizeof rq);
	rq.method = "GET";
	rq.path = a->val[OPT_INCLUDE_RETIRED] != NULL ?
	    "/v1/destinations?include_retired=true" : "/v1/destinations";
	rq.accept = cl->json ? "application/json" : "text/csv";
	if ((rv = client_send(cl, &rq, &r)) != 0)
		return (rv);
	if (cl->json) {
		if ((rv = client_answer(cl, &r, &root)) != EXIT_OK)
			goto out;
	} else if (r.status < 200 || r.status >= 300) {
		/* A refusal or an oddity: reported as for any command. */
		rv = client_answer(cl, &r, &root);
		if (rv == EXIT_OK)
			rv = EXIT_USAGE;
		goto out;
	} else {
		ct = r.content_type != NULL ? r.content_type : "";
		if (strncasecmp(ct, "text/csv", 8) != 0 ||
		    (ct[8] != '\0' && ct[8] != ';' && ct[8] != ' ')) {
			tmp = text_sanitize(ct);
			client_warn("%s: the answer is not CSV (Content-Type: "
			    "%s)", cl->target.url, *tmp != '\0' ? tmp :
			    "none");
			free(tmp);
			rv = EXIT_USAGE;
			goto out;
		}
	}

	/* Only now, with the whole answer in hand, is the file touched. */
	if (file != NULL && (f = fopen(file, "wb")) == NULL) {
		client_warn("--output %s: %s", file, strerror(errno));
		rv = EXIT_USAGE;
		goto out;
	}
	if (root != NULL)
		json_print(root, f);
	else if (r.len > 0)
		(void)fwrite(r.body, 1, r.len, f);
	if (f != stdout) {
		if (ferror(f) | (fclose(f) == EOF)) {
			client_warn("--output %s: %s", file, strerror(errno));
			rv = EXIT_USAGE;
		}
	}
	/* Standard output is checked, and reported, by main(). */

out:
	json_decref(root);
	http_response_free(&r);
	return (rv);
}

/*
 * tripmode destinations import FILE [--dry-run]: POST the file as CSV,
 * and print what was (or would be) created, updated and left unchanged.
 */
int
cmd_dest_import(struct client *cl, const struct args *a, char **words,
    int nwords)
{
	struct http_req	 rq;
	char		*buf = NULL, *cause = NULL;
	size_t		 len;
	int		 rv;

	if (nwords == 0)
		return (usage_hint("destinations import: FILE is missing"));
	if (nwords > 1)
		return (usage_hint("destinations import: unexpected argument: "
		    "%s", words[1]));
	if (read_file(words[0], &buf, &len, &cause) == -1) {
		client_warn("%s", cause);
		free(cause);
		return (EXIT_USAGE);
	}
	if (len == 0) {
		free(buf);
		return (usage_error("destinations import: %s is empty",
		    words[0]));
	}

	memset(&rq, 0, sizeof rq);
	rq.method = "POST";
	rq.path = a->val[OPT_DRY_RUN] != NULL ?
	    "/v1/destinations/import?dry_run=true" :
	    "/v1/destinations/import";
	rq.body = buf;
	rq.len = len;
	rq.content_type = "text/csv";
	rv = client_run(cl, &rq, ANSWER_IMPORT);
	free(buf);
	return (rv);
}
