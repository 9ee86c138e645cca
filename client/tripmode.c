/*
 * tripmode — ask a tripmoded how to travel, and read its destination list.
 *
 * Arguments are parsed by hand rather than with getopt_long so that options
 * may come before or after the command on every libc, and so that an option
 * that does not belong to the command is refused by name.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/http.h>
#include <jansson.h>

#include "client/client.h"
#include "decision/decision.h"

#define DEFAULT_URL	"http://127.0.0.1:8080"
#define DEFAULT_TIMEOUT	30.0

/* Commands, as bits so that an option can name where it applies. */
#define CMD_DECIDE	0x01
#define CMD_DEST_LIST	0x02
#define CMD_DEST_SHOW	0x04
#define CMD_ALL		0xff

enum opt_id {
	OPT_URL,
	OPT_KEY,
	OPT_JSON,
	OPT_TIMEOUT,
	OPT_HELP,
	OPT_VERSION,
	OPT_FROM,
	OPT_TO,
	OPT_TRAVELLERS,
	OPT_ONLINE,
	OPT_CABIN,
	OPT_COUNTRY,
	OPT_LAT,
	OPT_LON,
	OPT_Q,
	OPT_INCLUDE_RETIRED,
	OPT_COUNT
};

static const struct opt {
	const char	*name;
	char		 letter;	/* short form, or 0 */
	int		 has_arg;
	unsigned int	 where;
} opts[OPT_COUNT] = {
	[OPT_URL] =		{ "url", 0, 1, CMD_ALL },
	[OPT_KEY] =		{ "key", 0, 1, CMD_ALL },
	[OPT_JSON] =		{ "json", 0, 0, CMD_ALL },
	[OPT_TIMEOUT] =		{ "timeout", 0, 1, CMD_ALL },
	[OPT_HELP] =		{ "help", 'h', 0, CMD_ALL },
	[OPT_VERSION] =		{ "version", 'V', 0, CMD_ALL },
	[OPT_FROM] =		{ "from", 0, 1, CMD_DECIDE },
	[OPT_TO] =		{ "to", 0, 1, CMD_DECIDE },
	[OPT_TRAVELLERS] =	{ "travellers", 0, 1, CMD_DECIDE },
	[OPT_ONLINE] =		{ "online", 0, 0, CMD_DECIDE },
	[OPT_CABIN] =		{ "cabin", 0, 1, CMD_DECIDE },
	[OPT_COUNTRY] =		{ "country", 0, 1, CMD_DECIDE | CMD_DEST_LIST },
	[OPT_LAT] =		{ "lat", 0, 1, CMD_DECIDE },
	[OPT_LON] =		{ "lon", 0, 1, CMD_DECIDE },
	[OPT_Q] =		{ "q", 0, 1, CMD_DEST_LIST },
	[OPT_INCLUDE_RETIRED] =	{ "include-retired", 0, 0, CMD_DEST_LIST },
};

/* The command line, split: option values (last one wins) and words. */
struct args {
	const char	 *val[OPT_COUNT];	/* NULL: not given */
	char		**words;
	int		  nwords;
};

/* What every command needs to talk to the server. */
struct client {
	struct http_target	 target;
	const char		*key;		/* NULL: none */
	int			 json;
	double			 timeout;
};

struct cmd {
	const char	*name;		/* "decide", "destinations list" */
	const char	*word[2];	/* the name as words; word[1] may be NULL */
	int		 nname;		/* words in name */
	unsigned int	 id;
	int		(*run)(struct client *, const struct args *, char **,
			    int);
	const char	*help;
};

static int	cmd_decide(struct client *, const struct args *, char **, int);
static int	cmd_dest_list(struct client *, const struct args *, char **,
		    int);
static int	cmd_dest_show(struct client *, const struct args *, char **,
		    int);

static const char help_main[] =
"usage: tripmode [--url URL] [--key KEY] [--json] [--timeout SECONDS]\n"
"                COMMAND ...\n"
"\n"
"Ask a tripmode server how to travel on a business trip, and read its list\n"
"of frequent destinations.\n"
"\n"
"Commands:\n"
"  decide PLACE --from YYYY-MM-DD --to YYYY-MM-DD [...]\n"
"                       the ruling and CO2 and time estimates for a trip\n"
"  destinations list [--q TEXT] [--country CC] [--include-retired]\n"
"                       the frequent-destination list\n"
"  destinations show ID one entry of the list\n"
"  help [COMMAND]       this text, or the help of a command\n"
"\n"
"Options, before or after the command:\n"
"  --url URL            the server; default $TRIPMODE_URL, else\n"
"                       " DEFAULT_URL " (http only; a path prefix is kept)\n"
"  --key KEY            API key, sent as a bearer token; default $TRIPMODE_KEY\n"
"  --json               print the server's JSON instead of tables\n"
"  --timeout SECONDS    give up after this long (default 30)\n"
"  -h, --help           show help and exit\n"
"  -V, --version        show the version and exit\n"
"\n"
"Exit status: 0 done; 1 the server refused the request; 2 usage error, or\n"
"the server could not be reached or gave no valid answer.\n";

static const char help_decide[] =
"usage: tripmode decide PLACE --from YYYY-MM-DD --to YYYY-MM-DD\n"
"                [--travellers N] [--online] [--cabin CLASS] [--country CC]\n"
"                [--lat LAT --lon LON] [--json]\n"
"\n"
"Ask for the ruling on a trip: the mandatory or recommended transport mode,\n"
"the rule that decided it, and CO2 and time estimates for train, plane, car\n"
"and coach.  Nothing is stored.\n"
"\n"
"PLACE is a name or alias in any language, with or without accents\n"
"(\"Keulen\", \"Köln\", \"Cologne\"), or a list id.  Several words are\n"
"joined by spaces: tripmode decide Den Haag ...\n"
"\n"
"  --from DATE          departure date, YYYY-MM-DD\n"
"  --to DATE            return date, YYYY-MM-DD (the same day for a day trip)\n"
"  --travellers N       travellers on this trip (default 1)\n"
"  --online             the meeting could also be held online\n"
"  --cabin CLASS        economy (default), premium_economy, business, first\n"
"                       or average\n"
"  --country CC         the country of PLACE (ISO 3166-1, two letters)\n"
"  --lat LAT --lon LON  coordinates of a place that is not on the list\n"
"                       (decimal degrees; --country is then required)\n"
"\n"
"In the table, hours are one way, door to door; km per traveller and kg CO2e\n"
"for all travellers are for the return trip.  (est.) marks estimated hours.\n"
"\n"
"Example:\n"
"  tripmode decide Keulen --from 2027-03-08 --to 2027-03-10 --travellers 2\n"
"\n"
"The options --url, --key and --timeout apply too (see tripmode --help).\n";

static const char help_destinations[] =
"usage: tripmode destinations list [--q TEXT] [--country CC]\n"
"                [--include-retired] [--json]\n"
"       tripmode destinations show ID [--json]\n"
"\n"
"list prints the frequent-destination list: id, name (with the Dutch name\n"
"in parentheses when it differs), country, great-circle km from the origin,\n"
"rail hours ((est.) when estimated), and the listed mode and strength.\n"
"\n"
"  --q TEXT             only entries whose name or alias matches TEXT\n"
"  --country CC         only entries in this country (two letters)\n"
"  --include-retired    also list retired entries\n"
"\n"
"show prints every field of one entry, and its ETag.\n"
"\n"
"The options --url, --key and --timeout apply too (see tripmode --help).\n";

static const struct cmd cmds[] = {
	{ "decide", { "decide", NULL }, 1, CMD_DECIDE, cmd_decide,
	    help_decide },
	{ "destinations list", { "destinations", "list" }, 2, CMD_DEST_LIST,
	    cmd_dest_list, help_destinations },
	{ "destinations show", { "destinations", "show" }, 2, CMD_DEST_SHOW,
	    cmd_dest_show, help_destinations },
};
#define NCMDS	(sizeof cmds / sizeof cmds[0])

/* Print "tripmode: message" and an optional suffix on stderr. */
static void __attribute__((format(printf, 2, 0)))
client_vwarn(const char *suffix, const char *fmt, va_list ap)
{
	fputs("tripmode: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputs(suffix, stderr);
	fputc('\n', stderr);
}

/* Report a transport or protocol error. */
static void __attribute__((format(printf, 1, 2)))
client_warn(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	client_vwarn("", fmt, ap);
	va_end(ap);
}

/* A usage error: one line, and the exit status that goes with it. */
static int __attribute__((format(printf, 1, 2)))
usage_error(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	client_vwarn("", fmt, ap);
	va_end(ap);
	return (EXIT_USAGE);
}

/* A usage error about the shape of the command line: point to the help. */
static int __attribute__((format(printf, 1, 2)))
usage_hint(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	client_vwarn(" (see tripmode --help)", fmt, ap);
	va_end(ap);
	return (EXIT_USAGE);
}

/* Find an option by long name (len bytes of name). */
static int
opt_find(const char *name, size_t len)
{
	int	i;

	for (i = 0; i < OPT_COUNT; i++)
		if (strlen(opts[i].name) == len &&
		    strncmp(opts[i].name, name, len) == 0)
			return (i);
	return (-1);
}

/* Find an option by its letter. */
static int
opt_find_letter(char c)
{
	int	i;

	for (i = 0; i < OPT_COUNT; i++)
		if (opts[i].letter != 0 && opts[i].letter == c)
			return (i);
	return (-1);
}

/*
 * Split argv into options and words.  Return 0, or -1 with *cause.  A
 * value is taken from "--opt=value" or from the next argument, whatever it
 * looks like, so that "--lat -33.9" works.
 */
static int
args_parse(int argc, char **argv, struct args *a, char **cause)
{
	const char	*arg, *eq;
	int		 i, id, only_words = 0;

	memset(a, 0, sizeof *a);
	a->words = xcalloc((size_t)argc + 1, sizeof *a->words);
	for (i = 1; i < argc; i++) {
		arg = argv[i];
		if (only_words || arg[0] != '-' || arg[1] == '\0') {
			a->words[a->nwords++] = argv[i];
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			only_words = 1;
			continue;
		}
		if (arg[1] != '-') {
			if (arg[2] != '\0' || (id = opt_find_letter(arg[1])) ==
			    -1) {
				*cause = xasprintf("unknown option: %s", arg);
				return (-1);
			}
			a->val[id] = "";
			continue;
		}
		arg += 2;
		eq = strchr(arg, '=');
		id = opt_find(arg, eq != NULL ? (size_t)(eq - arg) :
		    strlen(arg));
		if (id == -1) {
			*cause = xasprintf("unknown option: --%.*s",
			    eq != NULL ? (int)(eq - arg) : (int)strlen(arg),
			    arg);
			return (-1);
		}
		if (!opts[id].has_arg) {
			if (eq != NULL) {
				*cause = xasprintf("--%s takes no value",
				    opts[id].name);
				return (-1);
			}
			a->val[id] = "";
		} else if (eq != NULL)
			a->val[id] = eq + 1;
		else if (i + 1 < argc)
			a->val[id] = argv[++i];
		else {
			*cause = xasprintf("--%s needs a value",
			    opts[id].name);
			return (-1);
		}
	}
	return (0);
}

/* The command named by the first words, or NULL. */
static const struct cmd *
cmd_find(char **words, int nwords)
{
	size_t	i;
	int	j;

	for (i = 0; i < NCMDS; i++) {
		if (nwords < cmds[i].nname)
			continue;
		for (j = 0; j < cmds[i].nname; j++)
			if (strcmp(words[j], cmds[i].word[j]) != 0)
				break;
		if (j == cmds[i].nname)
			return (&cmds[i]);
	}
	return (NULL);
}

/* Print the help for the command the words name; return the exit status. */
static int
help(char **words, int nwords)
{
	const struct cmd	*c;

	if (nwords == 0) {
		fputs(help_main, stdout);
		return (EXIT_OK);
	}
	if ((c = cmd_find(words, nwords)) != NULL) {
		fputs(c->help, stdout);
		return (EXIT_OK);
	}
	if (strcmp(words[0], "destinations") == 0) {
		fputs(help_destinations, stdout);
		return (EXIT_OK);
	}
	if (strcmp(words[0], "help") == 0) {
		fputs(help_main, stdout);
		return (EXIT_OK);
	}
	return (usage_hint("no such command: %s", words[0]));
}

/* A JSON string from command-line text, which must be UTF-8 (jansson
 * checks); NULL after a usage error. */
static json_t *
arg_string(const char *what, const char *s)
{
	json_t	*j;

	if ((j = json_string(s)) == NULL)
		usage_error("%s: not valid UTF-8", what);
	return (j);
}

/* Check that command-line text is UTF-8; 0, or -1 after a usage error. */
static int
arg_utf8(const char *what, const char *s)
{
	json_t	*j;

	if ((j = arg_string(what, s)) == NULL)
		return (-1);
	json_decref(j);
	return (0);
}

/* Parse a date option into canonical "YYYY-MM-DD"; 0, or -1 after a usage
 * error. */
static int
arg_date(const struct args *a, int id, long *day, char *buf, size_t len)
{
	const char	*v = a->val[id];

	if (v == NULL) {
		usage_error("decide: --%s YYYY-MM-DD is required",
		    opts[id].name);
		return (-1);
	}
	if (dec_date_parse(v, day) == -1) {
		usage_error("--%s: not a date (YYYY-MM-DD): %s", opts[id].name,
		    v);
		return (-1);
	}
	dec_date_format(*day, buf, len);
	return (0);
}

/* Parse a decimal number in [min, max]; 0, or -1 after a usage error. */
static int
arg_double(const struct args *a, int id, double min, double max,
    double *out)
{
	const char	*v = a->val[id];
	char		*end;
	double		 d;

	errno = 0;
	d = strtod(v, &end);
	if (*v == '\0' || isspace((unsigned char)*v) || *end != '\0' ||
	    errno != 0 || !isfinite(d) || d < min || d > max) {
		usage_error("--%s: not a number from %g to %g: %s",
		    opts[id].name, min, max, v);
		return (-1);
	}
	*out = d;
	return (0);
}

/* Two ASCII letters, upper-cased into cc[3]. */
static int
arg_country(const struct args *a, char cc[3])
{
	const char	*v = a->val[OPT_COUNTRY];

	/* No setlocale(): isalpha() is ASCII only. */
	if (strlen(v) != 2 || !isalpha((unsigned char)v[0]) ||
	    !isalpha((unsigned char)v[1])) {
		usage_error("--country: not a two-letter country code: %s", v);
		return (-1);
	}
	cc[0] = (char)toupper((unsigned char)v[0]);
	cc[1] = (char)toupper((unsigned char)v[1]);
	cc[2] = '\0';
	return (0);
}

/* Which human rendering an answer gets. */
enum answer_kind {
	ANSWER_DECISION,
	ANSWER_LIST,
	ANSWER_ENTRY
};

/*
 * Send a request and print the answer: the server's JSON with --json,
 * else the rendering for kind.  Return the exit status.
 */
static int
client_call(struct client *cl, const char *method, const char *path,
    const char *body, enum answer_kind kind)
{
	struct http_response	 r;
	json_error_t		 jerr;
	json_t			*root = NULL;
	char			*cause = NULL, *out;
	int			 rv = EXIT_USAGE;

	if (http_request(&cl->target, method, path, body, cl->key,
	    cl->timeout, &r, &cause) == -1) {
		client_warn("%s", cause);
		free(cause);
		return (EXIT_USAGE);
	}
	if (r.status >= 400) {
		render_problem(&r, cl->key != NULL);
		rv = EXIT_REFUSED;
		goto out;
	}
	if (r.status < 200 || r.status >= 300) {
		out = text_sanitize(r.reason != NULL ? r.reason : "");
		client_warn("%s: unexpected answer: HTTP %d %s", cl->target.url,
		    r.status, out);
		free(out);
		goto out;
	}
	if ((root = json_loadb(r.body, r.len, JSON_REJECT_DUPLICATES,
	    &jerr)) == NULL) {
		out = text_sanitize(jerr.text);
		client_warn("%s: the answer is not valid JSON: %s (line %d, "
		    "column %d)", cl->target.url, out, jerr.line,
		    jerr.column);
		free(out);
		goto out;
	}
	if (!json_is_object(root)) {
		client_warn("%s: the answer is not a JSON object", cl->target.url);
		goto out;
	}
	free(r.body);		/* a long list is large: hold it once */
	r.body = NULL;
	r.len = 0;

	if (cl->json) {
		/*
		 * 15 significant digits: jansson's default of 17 prints
		 * 50.943 as 50.942999999999998; 15 gives back what a server
		 * writing decimals sent, and every double it could mean.
		 */
		if (json_dumpf(root, stdout, JSON_INDENT(2) |
		    JSON_REAL_PRECISION(15)) == 0)
			fputc('\n', stdout);
	} else {
		json_sanitize(root);
		switch (kind) {
		case ANSWER_DECISION:
			render_decision(root, stdout);
			break;
		case ANSWER_LIST:
			render_destinations(root, stdout);
			break;
		case ANSWER_ENTRY:
			render_destination(root, r.etag, stdout);
			break;
		}
	}
	rv = EXIT_OK;

out:
	json_decref(root);
	http_response_free(&r);
	return (rv);
}

/* tripmode decide PLACE --from --to [...] */
static int
cmd_decide(struct client *cl, const struct args *a, char **words, int nwords)
{
	json_t		*req = NULL, *dest = NULL, *name = NULL;
	char		*place = NULL, *tmp, *body = NULL, from[11], to[11];
	char		 cc[3];
	const char	*cabin_name, *v;
	enum dec_cabin	 cabin;
	long		 dfrom, dto, n;
	double		 lat = 0, lon = 0;
	char		*end;
	int		 i, rv = EXIT_USAGE;

	if (nwords == 0)
		return (usage_hint("decide: PLACE is missing"));
	place = xstrdup(words[0]);
	for (i = 1; i < nwords; i++) {
		tmp = xasprintf("%s %s", place, words[i]);
		free(place);
		place = tmp;
	}
	if (*place == '\0') {
		usage_error("decide: PLACE is empty");
		goto out;
	}
	if ((name = arg_string("PLACE", place)) == NULL)
		goto out;

	if (arg_date(a, OPT_FROM, &dfrom, from, sizeof from) != 0 ||
	    arg_date(a, OPT_TO, &dto, to, sizeof to) != 0)
		goto out;
	if (dto < dfrom) {
		usage_error("--to: the return date %s is before the departure "
		    "date %s", to, from);
		goto out;
	}
	if (a->val[OPT_COUNTRY] != NULL && arg_country(a, cc) != 0)
		goto out;
	if ((a->val[OPT_LAT] != NULL) != (a->val[OPT_LON] != NULL)) {
		usage_error("--lat and --lon go together");
		goto out;
	}
	if (a->val[OPT_LAT] != NULL) {
		if (a->val[OPT_COUNTRY] == NULL) {
			usage_error("--lat/--lon need --country");
			goto out;
		}
		if (arg_double(a, OPT_LAT, -90, 90, &lat) != 0 ||
		    arg_double(a, OPT_LON, -180, 180, &lon) != 0)
			goto out;
		dest = json_pack("{s:O, s:s, s:f, s:f}", "name", name,
		    "country", cc, "lat", lat, "lon", lon);
	} else if (a->val[OPT_COUNTRY] != NULL)
		dest = json_pack("{s:O, s:s}", "name", name, "country", cc);
	else
		dest = json_incref(name);
	if (dest == NULL)
		fatal_nomem();

	if ((req = json_pack("{s:O, s:s, s:s}", "destination", dest,
	    "departure_date", from, "return_date", to)) == NULL)
		fatal_nomem();
	if ((v = a->val[OPT_TRAVELLERS]) != NULL) {
		errno = 0;
		n = strtol(v, &end, 10);
		if (!isdigit((unsigned char)*v) || *end != '\0' ||
		    errno != 0 || n < 1 || n > INT_MAX) {
			usage_error("--travellers: not a number of travellers "
			    "(1 or more): %s", v);
			goto out;
		}
		if (json_object_set_new(req, "travellers",
		    json_integer(n)) == -1)
			fatal_nomem();
	}
	if (a->val[OPT_ONLINE] != NULL &&
	    json_object_set_new(req, "online_possible", json_true()) == -1)
		fatal_nomem();
	if ((v = a->val[OPT_CABIN]) != NULL) {
		if (dec_cabin_parse(v, &cabin) == -1) {
			usage_error("--cabin: not one of economy, "
			    "premium_economy, business, first, average: %s",
			    v);
			goto out;
		}
		cabin_name = dec_cabin_name(cabin);
		if (json_object_set_new(req, "cabin_class",
		    json_string(cabin_name)) == -1)
			fatal_nomem();
	}

	/* Ten significant digits keep coordinates to about a millimetre. */
	if ((body = json_dumps(req, JSON_COMPACT |
	    JSON_REAL_PRECISION(10))) == NULL)
		fatal_nomem();
	rv = client_call(cl, "POST", "/v1/decisions", body, ANSWER_DECISION);

out:
	free(body);
	json_decref(req);
	json_decref(dest);
	json_decref(name);
	free(place);
	return (rv);
}

/* Append "name=value" (value URL-encoded) to a query string. */
static char *
query_add(char *q, const char *name, const char *value)
{
	char	*enc, *nq;

	if ((enc = evhttp_uriencode(value, -1, 0)) == NULL)
		fatal_nomem();
	nq = xasprintf("%s%c%s=%s", q, strchr(q, '?') == NULL ? '?' : '&',
	    name, enc);
	free(enc);
	free(q);
	return (nq);
}

/* tripmode destinations list [--q TEXT] [--country CC] [--include-retired] */
static int
cmd_dest_list(struct client *cl, const struct args *a, char **words,
    int nwords)
{
	char	*path, cc[3];
	int	 rv;

	if (nwords > 0)
		return (usage_error("destinations list: unexpected argument: "
		    "%s", words[0]));
	path = xstrdup("/v1/destinations");
	if (a->val[OPT_Q] != NULL && *a->val[OPT_Q] != '\0') {
		if (arg_utf8("--q", a->val[OPT_Q]) != 0) {
			free(path);
			return (EXIT_USAGE);
		}
		path = query_add(path, "q", a->val[OPT_Q]);
	}
	if (a->val[OPT_COUNTRY] != NULL) {
		if (arg_country(a, cc) != 0) {
			free(path);
			return (EXIT_USAGE);
		}
		path = query_add(path, "country", cc);
	}
	if (a->val[OPT_INCLUDE_RETIRED] != NULL)
		path = query_add(path, "include_retired", "true");
	rv = client_call(cl, "GET", path, NULL, ANSWER_LIST);
	free(path);
	return (rv);
}

/* tripmode destinations show ID */
static int
cmd_dest_show(struct client *cl, const struct args *a, char **words,
    int nwords)
{
	char	*enc, *path;
	int	 rv;

	if (nwords == 0)
		return (usage_hint("destinations show: ID is missing"));
	if (nwords > 1)
		return (usage_error("destinations show: unexpected argument: "
		    "%s", words[1]));
	if (*words[0] == '\0')
		return (usage_error("destinations show: ID is empty"));
	if (arg_utf8("ID", words[0]) != 0)
		return (EXIT_USAGE);
	if ((enc = evhttp_uriencode(words[0], -1, 0)) == NULL)
		fatal_nomem();
	path = xasprintf("/v1/destinations/%s", enc);
	free(enc);
	rv = client_call(cl, "GET", path, NULL, ANSWER_ENTRY);
	free(path);
	return (rv);
}

/* Fill the client from options and the environment; exit status or 0. */
static int
client_setup(struct client *cl, const struct args *a)
{
	const char	*url, *what, *p;
	char		*cause;

	memset(cl, 0, sizeof *cl);
	if ((url = a->val[OPT_URL]) != NULL)
		what = "--url";
	else if ((url = getenv("TRIPMODE_URL")) != NULL && *url != '\0')
		what = "TRIPMODE_URL";
	else {
		url = DEFAULT_URL;
		what = "default URL";
	}
	if (http_target_parse(url, &cl->target, &cause) == -1) {
		usage_error("%s: %s", what, cause);
		free(cause);
		return (EXIT_USAGE);
	}

	if ((cl->key = a->val[OPT_KEY]) != NULL) {
		what = "--key";
		if (*cl->key == '\0')
			return (usage_error("--key: empty"));
	} else {
		what = "TRIPMODE_KEY";
		if ((cl->key = getenv("TRIPMODE_KEY")) != NULL &&
		    *cl->key == '\0')
			cl->key = NULL;
	}
	for (p = cl->key; p != NULL && *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return (usage_error("%s: the key contains control "
			    "characters", what));

	cl->json = a->val[OPT_JSON] != NULL;
	cl->timeout = DEFAULT_TIMEOUT;
	if (a->val[OPT_TIMEOUT] != NULL && (arg_double(a, OPT_TIMEOUT,
	    0.001, 86400, &cl->timeout) != 0))
		return (EXIT_USAGE);
	return (0);
}

/* Parse, check the options against the command, run it, check stdout. */
int
main(int argc, char **argv)
{
	const struct cmd	*c;
	struct client		 cl;
	struct args		 a;
	char			*cause;
	int			 i, rv;

	memset(&cl, 0, sizeof cl);
	if (args_parse(argc, argv, &a, &cause) == -1) {
		rv = usage_hint("%s", cause);
		free(cause);
		goto out;
	}
	if (a.val[OPT_VERSION] != NULL) {
		printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
		rv = EXIT_OK;
		goto out;
	}
	if (a.nwords > 0 && strcmp(a.words[0], "help") == 0) {
		rv = help(a.words + 1, a.nwords - 1);
		goto out;
	}
	if (a.val[OPT_HELP] != NULL) {
		rv = help(a.words, a.nwords);
		goto out;
	}
	if (a.nwords == 0) {
		rv = usage_hint("no command given");
		goto out;
	}
	if ((c = cmd_find(a.words, a.nwords)) == NULL) {
		if (strcmp(a.words[0], "destinations") == 0 && a.nwords == 1)
			rv = usage_hint("destinations: list or show?");
		else if (strcmp(a.words[0], "destinations") == 0)
			rv = usage_hint("no such command: destinations %s",
			    a.words[1]);
		else
			rv = usage_hint("no such command: %s", a.words[0]);
		goto out;
	}
	for (i = 0; i < OPT_COUNT; i++) {
		if (a.val[i] != NULL && (opts[i].where & c->id) == 0) {
			rv = usage_hint("%s: no option --%s", c->name,
			    opts[i].name);
			goto out;
		}
	}
	if ((rv = client_setup(&cl, &a)) != 0)
		goto out;
	rv = c->run(&cl, &a, a.words + c->nname, a.nwords - c->nname);

out:
	if (fflush(stdout) == EOF || ferror(stdout)) {
		client_warn("cannot write the output: %s", strerror(errno));
		if (rv == EXIT_OK)
			rv = EXIT_USAGE;
	}
	http_target_free(&cl.target);
	free(a.words);
	return (rv);
}
