/*
 * tripmode — ask a tripmoded how to travel, read its destination list, and
 * (with an administrator's key) change the list, the policy and see the
 * factor set.
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
#define CMD_DECIDE		0x0001
#define CMD_DEST_LIST		0x0002
#define CMD_DEST_SHOW		0x0004
#define CMD_DEST_ADD		0x0008
#define CMD_DEST_EDIT		0x0010
#define CMD_DEST_RETIRE		0x0020
#define CMD_DEST_HISTORY	0x0040
#define CMD_DEST_EXPORT		0x0080
#define CMD_DEST_IMPORT		0x0100
#define CMD_POLICY_SHOW		0x0200
#define CMD_POLICY_SET		0x0400
#define CMD_FACTORS_SHOW	0x0800
#define CMD_ROUTE		0x1000
#define CMD_RAIL_EXPORT		0x2000
#define CMD_RAIL_IMPORT		0x4000
#define CMD_RULING		(CMD_DECIDE | CMD_ROUTE)
#define CMD_DEST_FIELDS		(CMD_DEST_ADD | CMD_DEST_EDIT)
#define CMD_ALL			0xffffffffU

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
	[OPT_FROM] =		{ "from", 0, 1, CMD_RULING },
	[OPT_TO] =		{ "to", 0, 1, CMD_RULING },
	[OPT_TRAVELLERS] =	{ "travellers", 0, 1, CMD_RULING },
	[OPT_ONLINE] =		{ "online", 0, 0, CMD_RULING },
	[OPT_CABIN] =		{ "cabin", 0, 1, CMD_RULING },
	[OPT_COUNTRY] =		{ "country", 0, 1,
				    CMD_RULING | CMD_DEST_LIST | CMD_DEST_FIELDS },
	[OPT_LAT] =		{ "lat", 0, 1, CMD_RULING | CMD_DEST_FIELDS },
	[OPT_LON] =		{ "lon", 0, 1, CMD_RULING | CMD_DEST_FIELDS },
	[OPT_Q] =		{ "q", 0, 1, CMD_DEST_LIST },
	[OPT_INCLUDE_RETIRED] =	{ "include-retired", 0, 0,
				    CMD_DEST_LIST | CMD_DEST_EXPORT },
	[OPT_ID] =		{ "id", 0, 1, CMD_DEST_ADD },
	[OPT_NAME] =		{ "name", 0, 1, CMD_DEST_FIELDS },
	[OPT_NAME_NL] =		{ "name-nl", 0, 1, CMD_DEST_FIELDS },
	[OPT_NAME_EN] =		{ "name-en", 0, 1, CMD_DEST_FIELDS },
	[OPT_ALIAS] =		{ "alias", 0, 1, CMD_DEST_FIELDS },
	[OPT_COORD_SOURCE] =	{ "coord-source", 0, 1, CMD_DEST_FIELDS },
	[OPT_MODE] =		{ "mode", 0, 1, CMD_DEST_FIELDS },
	[OPT_STRENGTH] =	{ "strength", 0, 1, CMD_DEST_FIELDS },
	[OPT_RAIL_HOURS] =	{ "rail-hours", 0, 1, CMD_DEST_FIELDS },
	[OPT_RAIL_SOURCE] =	{ "rail-source", 0, 1, CMD_DEST_FIELDS },
	[OPT_RAIL_SOURCE_DATE] = { "rail-source-date", 0, 1, CMD_DEST_FIELDS },
	[OPT_RAIL_ESTIMATED] =	{ "rail-estimated", 0, 0, CMD_DEST_FIELDS },
	[OPT_NO_RAIL_ESTIMATED] = { "no-rail-estimated", 0, 0,
				    CMD_DEST_FIELDS },
	[OPT_NIGHT_TRAIN] =	{ "night-train", 0, 0, CMD_DEST_FIELDS },
	[OPT_NO_NIGHT_TRAIN] =	{ "no-night-train", 0, 0, CMD_DEST_FIELDS },
	[OPT_NIGHT_TRAIN_NOTE] = { "night-train-note", 0, 1, CMD_DEST_FIELDS },
	[OPT_NOTES] =		{ "notes", 0, 1, CMD_DEST_FIELDS },
	[OPT_ACTIVE_FROM] =	{ "active-from", 0, 1, CMD_DEST_FIELDS },
	[OPT_FILE] =		{ "file", 0, 1, CMD_DEST_ADD },
	[OPT_OUTPUT] =		{ "output", 0, 1,
				    CMD_DEST_EXPORT | CMD_RAIL_EXPORT },
	[OPT_DRY_RUN] =		{ "dry-run", 0, 0, CMD_DEST_IMPORT },
	[OPT_IF_VERSION] =	{ "if-version", 0, 1, CMD_DEST_EDIT },
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
static int	cmd_route(struct client *, const struct args *, char **, int);
static int	cmd_dest_list(struct client *, const struct args *, char **,
		    int);
static int	cmd_dest_show(struct client *, const struct args *, char **,
		    int);

static const char help_main[] =
"usage: tripmode [--url URL] [--key KEY] [--json] [--timeout SECONDS]\n"
"                COMMAND ...\n"
"\n"
"Ask a tripmode server how to travel on a business trip, and read its list\n"
"of frequent destinations; with an administrator's key, change the list\n"
"and the policy.\n"
"\n"
"Commands:\n"
"  decide PLACE --from YYYY-MM-DD --to YYYY-MM-DD [...]\n"
"                       the ruling and CO2 and time estimates for a trip\n"
"  route PLACE [--from YYYY-MM-DD --to YYYY-MM-DD] [...]\n"
"                       the train journey over the rail network, leg by leg\n"
"  destinations list [--q TEXT] [--country CC] [--include-retired]\n"
"                       the frequent-destination list\n"
"  destinations show ID one entry of the list\n"
"  destinations add --id ID --name NAME ... | --file FILE\n"
"  destinations edit ID --FIELD VALUE ...\n"
"  destinations retire ID\n"
"                       change the list (admin)\n"
"  destinations history ID\n"
"                       every version of an entry: who, when, what\n"
"  destinations export [--output FILE]\n"
"  destinations import FILE [--dry-run]\n"
"                       the list as CSV, and back (import: admin)\n"
"  policy show          the thresholds of the scheme, with their sources\n"
"  policy set KEY=VALUE ...\n"
"                       change the policy (admin)\n"
"  factors show         the current set of emission factors\n"
"  rail-network export [--output FILE]\n"
"  rail-network import FILE\n"
"                       the rail network as JSON, and back (import: admin)\n"
"  help [COMMAND]       this text, or the help of a command\n"
"\n"
"Options, before or after the command:\n"
"  --url URL            the server; default $TRIPMODE_URL, else\n"
"                       " DEFAULT_URL " (http only; a path prefix is kept)\n"
"  --key KEY            API key, sent as a bearer token with every request;\n"
"                       default $TRIPMODE_KEY\n"
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

static const char help_route[] =
"usage: tripmode route PLACE [--from YYYY-MM-DD] [--to YYYY-MM-DD]\n"
"                [--travellers N] [--country CC] [--lat LAT --lon LON]\n"
"                [--json]\n"
"\n"
"Show the train journey to PLACE over the server's rail network, leg by\n"
"leg: from, to, operator, minutes, km and the countries crossed, and the\n"
"kg CO2e of each leg (all travellers, there and back) with the factor it\n"
"is charged at (an operator's through train, or the country's rail).  The\n"
"total and the number of changes come first, and whether the network's\n"
"time decides the ruling or the list's does.  Night trains count for the\n"
"days of the trip: --from defaults to today, --to to two days later.\n"
"PLACE and the other options are as for decide (tripmode help decide).\n"
"\n"
"Example:\n"
"  tripmode route Marseille --from 2027-03-08\n"
"\n"
"The options --url, --key and --timeout apply too (see tripmode --help).\n";

static const char help_rail_network[] =
"usage: tripmode rail-network export [--output FILE]\n"
"       tripmode rail-network import FILE [--json]\n"
"\n"
"export writes the rail network in force as JSON (to standard output, or\n"
"to FILE): its stations (hubs) and services (edges), each edge with its\n"
"minutes, operator, source and date.  Edit it, then import it: the server\n"
"checks every hub and edge (known hubs, positive minutes, every hub\n"
"reachable from the origin and back), stores it as a new version and\n"
"rules by it at once.  import needs an administrator's key; it is refused\n"
"if someone else changed the network since it was exported.  The server\n"
"keeps every version (GET /v1/rail-network/history).\n"
"\n"
"The options --url, --key and --timeout apply too (see tripmode --help).\n";

static const char help_destinations[] =
"usage: tripmode destinations list [--q TEXT] [--country CC]\n"
"                [--include-retired] [--json]\n"
"       tripmode destinations show ID [--json]\n"
"       tripmode destinations add --id ID --name NAME ... | --file FILE\n"
"       tripmode destinations edit ID --FIELD VALUE ...\n"
"       tripmode destinations retire ID [--json]\n"
"       tripmode destinations history ID [--json]\n"
"       tripmode destinations export [--output FILE] [--include-retired]\n"
"       tripmode destinations import FILE [--dry-run] [--json]\n"
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
"add and edit create and change an entry: see tripmode help destinations\n"
"add.  retire ID ends an entry: from today it no longer rules, but it is\n"
"kept, listed with --include-retired, and in its history.  export and\n"
"import move the whole list as CSV: see tripmode help destinations import.\n"
"add, edit, retire and import need an administrator's key (--key or\n"
"TRIPMODE_KEY).\n"
"\n"
"history ID prints every version of an entry, oldest first: the version,\n"
"when (UTC), who, and what (create, update, import or retire), then each\n"
"field that changed as \"old → new\".\n"
"\n"
"The options --url, --key and --timeout apply too (see tripmode --help).\n";

static const char help_dest_fields[] =
"usage: tripmode destinations add --id ID --name NAME --country CC\n"
"                --lat LAT --lon LON --mode MODE --strength STRENGTH\n"
"                [FIELD OPTIONS] [--json]\n"
"       tripmode destinations add --file ENTRY.json [FIELD OPTIONS] [--json]\n"
"       tripmode destinations edit ID FIELD OPTIONS [--if-version N] [--json]\n"
"\n"
"add creates an entry on the list and prints it.  With --file the entry is\n"
"read from a JSON file (\"-\": standard input) in the shape that tripmode\n"
"destinations show --json prints; field options replace what it says.\n"
"\n"
"edit reads the entry, changes the fields given and writes it back on the\n"
"condition (If-Match) that nobody changed it in between.  If someone did,\n"
"nothing is written and edit says who and when (exit 1): run it again to\n"
"apply the change to the new version.  At least one field option is needed.\n"
"With --if-version N the change is made only if the entry is still at\n"
"version N (for scripts that read it earlier).\n"
"\n"
"Both need an administrator's key (--key or TRIPMODE_KEY).\n"
"\n"
"Field options:\n"
"  --id ID              add only: a-z, 0-9 and '-', at most 63 characters\n"
"  --name NAME          the name on the list (usually the local name)\n"
"  --name-nl NAME       the Dutch name\n"
"  --name-en NAME       the English name\n"
"  --alias NAME         another name to find it by; repeat for several (at\n"
"                       most 8).  With edit the aliases given replace the\n"
"                       old ones, and --alias '' removes them all\n"
"  --country CC         ISO 3166-1 country code, two letters\n"
"  --lat LAT            latitude in decimal degrees\n"
"  --lon LON            longitude in decimal degrees\n"
"  --coord-source TEXT  where the coordinates come from\n"
"  --mode MODE          the listed mode: train, plane, car or coach\n"
"  --strength STRENGTH  free, recommended or mandatory\n"
"  --rail-hours H       train time from the origin station, one way, in\n"
"                       hours; none: no figure\n"
"  --rail-source TEXT   where that time comes from (required with\n"
"                       --rail-hours for add)\n"
"  --rail-source-date DATE\n"
"                       when the source was read, YYYY-MM-DD; none: unset\n"
"  --rail-estimated, --no-rail-estimated\n"
"                       the rail time is, or is not, an estimate\n"
"  --night-train, --no-night-train\n"
"                       a night train runs there, or not\n"
"  --night-train-note TEXT\n"
"  --notes TEXT\n"
"  --active-from DATE   the first day the entry rules, YYYY-MM-DD; none:\n"
"                       from now on\n"
"\n"
"Examples:\n"
"  tripmode destinations add --id aachen --name Aachen --name-nl Aken \\\n"
"      --country DE --lat 50.7678 --lon 6.0915 --mode train \\\n"
"      --strength mandatory --rail-hours 2.1 --rail-source 'SNCB timetable'\n"
"  tripmode destinations edit cologne --rail-hours 2.5 \\\n"
"      --rail-source 'DB timetable 2027'\n"
"\n"
"The options --url, --key and --timeout apply too (see tripmode --help).\n";

static const char help_dest_csv[] =
"usage: tripmode destinations export [--output FILE] [--include-retired]\n"
"                [--json]\n"
"       tripmode destinations import FILE [--dry-run] [--json]\n"
"\n"
"export writes the list as CSV exactly as the server sends it: a header of\n"
"the JSON field names, then one row per entry (UTF-8, CRLF line ends,\n"
"aliases joined by '|').  With --json it writes the list as JSON instead.\n"
"\n"
"  --output FILE        write to FILE rather than to standard output\n"
"  --include-retired    also export retired entries\n"
"\n"
"import sends a CSV file (\"-\": standard input) to the server, which takes\n"
"every row as a whole entry: an unknown id is created, a known one is\n"
"replaced if any field differs, and entries not in the file stay as they\n"
"are.  A file saved by a spreadsheet is fine (',' or ';', with or without\n"
"a byte-order mark).  It is all or nothing: if any row is bad, nothing\n"
"changes and every bad row and field is listed (exit 1).  It prints\n"
"\n"
"  created: IDS; updated: IDS; unchanged: N\n"
"\n"
"  --dry-run            check the file and report what would change, but\n"
"                       store nothing\n"
"\n"
"import needs an administrator's key (--key or TRIPMODE_KEY).\n"
"\n"
"The options --url, --key and --timeout apply too (see tripmode --help).\n";

static const char help_policy[] =
"usage: tripmode policy show [--json]\n"
"       tripmode policy set KEY=VALUE ... [--json]\n"
"\n"
"show prints the policy in force: every threshold of the choice scheme and\n"
"every assumption of the estimates as \"key: value\", the source of each\n"
"figure beside it, and the version, when and by whom it was last changed.\n"
"\n"
"set changes one or more fields and prints the new policy; rulings use it\n"
"at once.  The keys are those that show prints; a number for a number\n"
"(near_km=450), text for text (origin_name='Gent-Sint-Pieters').\n"
"sources.KEY=TEXT records where a figure comes from.  The policy is\n"
"written on the condition (If-Match) that nobody changed it since it was\n"
"read; if someone did, nothing is written and set says who and when (exit\n"
"1): run it again.  set needs an administrator's key.\n"
"\n"
"Example:\n"
"  tripmode policy set working_day_hours=7 \\\n"
"      sources.working_day_hours='Board decision 2027-01'\n"
"\n"
"The options --url, --key and --timeout apply too (see tripmode --help).\n";

static const char help_factors[] =
"usage: tripmode factors show [--json]\n"
"\n"
"Print the emission factor set that rulings use: its name, year, version\n"
"and source, then every factor with its value, unit and source.  Flight\n"
"factors are per distance band (short or long haul), with or without\n"
"radiative forcing (RF), per cabin class.  The stored sets are listed\n"
"last.\n"
"\n"
"The options --url, --key and --timeout apply too (see tripmode --help).\n";

static const struct cmd cmds[] = {
	{ "decide", { "decide", NULL }, 1, CMD_DECIDE, cmd_decide,
	    help_decide },
	{ "route", { "route", NULL }, 1, CMD_ROUTE, cmd_route, help_route },
	{ "rail-network export", { "rail-network", "export" }, 2,
	    CMD_RAIL_EXPORT, cmd_rail_export, help_rail_network },
	{ "rail-network import", { "rail-network", "import" }, 2,
	    CMD_RAIL_IMPORT, cmd_rail_import, help_rail_network },
	{ "destinations list", { "destinations", "list" }, 2, CMD_DEST_LIST,
	    cmd_dest_list, help_destinations },
	{ "destinations show", { "destinations", "show" }, 2, CMD_DEST_SHOW,
	    cmd_dest_show, help_destinations },
	{ "destinations add", { "destinations", "add" }, 2, CMD_DEST_ADD,
	    cmd_dest_add, help_dest_fields },
	{ "destinations edit", { "destinations", "edit" }, 2, CMD_DEST_EDIT,
	    cmd_dest_edit, help_dest_fields },
	{ "destinations retire", { "destinations", "retire" }, 2,
	    CMD_DEST_RETIRE, cmd_dest_retire, help_destinations },
	{ "destinations history", { "destinations", "history" }, 2,
	    CMD_DEST_HISTORY, cmd_dest_history, help_destinations },
	{ "destinations export", { "destinations", "export" }, 2,
	    CMD_DEST_EXPORT, cmd_dest_export, help_dest_csv },
	{ "destinations import", { "destinations", "import" }, 2,
	    CMD_DEST_IMPORT, cmd_dest_import, help_dest_csv },
	{ "policy show", { "policy", "show" }, 2, CMD_POLICY_SHOW,
	    cmd_policy_show, help_policy },
	{ "policy set", { "policy", "set" }, 2, CMD_POLICY_SET,
	    cmd_policy_set, help_policy },
	{ "factors show", { "factors", "show" }, 2, CMD_FACTORS_SHOW,
	    cmd_factors_show, help_factors },
};
#define NCMDS	(sizeof cmds / sizeof cmds[0])

/* Commands of two words: the first word, its help and its second words. */
static const struct group {
	const char	*word;
	const char	*help;
	const char	*choices;
} groups[] = {
	{ "destinations", help_destinations,
	    "list, show, add, edit, retire, history, export or import" },
	{ "policy", help_policy, "show or set" },
	{ "factors", help_factors, "show" },
	{ "rail-network", help_rail_network, "export or import" },
};
#define NGROUPS	(sizeof groups / sizeof groups[0])

/* The long name of an option. */
const char *
opt_name(int id)
{
	return (opts[id].name);
}

/* Print "tripmode: message" and an optional suffix on stderr. */
static void __attribute__((format(printf, 2, 0)))
client_vwarn(const char *suffix, const char *fmt, va_list ap)
{
	fputs("tripmode: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputs(suffix, stderr);
	fputc('\n', stderr);
}

/* Report a transport, protocol or local error. */
void
client_warn(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	client_vwarn("", fmt, ap);
	va_end(ap);
}

/* A usage error: one line, and the exit status that goes with it. */
int
usage_error(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	client_vwarn("", fmt, ap);
	va_end(ap);
	return (EXIT_USAGE);
}

/* A usage error about the shape of the command line: point to the help. */
int
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
	const char	**all;
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
		all = xreallocarray(a->all[id], (size_t)a->nall[id] + 1,
		    sizeof *all);
		all[a->nall[id]++] = a->val[id];
		a->all[id] = all;
	}
	return (0);
}

/* Free what args_parse allocated. */
static void
args_free(struct args *a)
{
	int	i;

	for (i = 0; i < OPT_COUNT; i++)
		free(a->all[i]);
	free(a->words);
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
	size_t			 i;

	if (nwords == 0) {
		fputs(help_main, stdout);
		return (EXIT_OK);
	}
	if ((c = cmd_find(words, nwords)) != NULL) {
		fputs(c->help, stdout);
		return (EXIT_OK);
	}
	for (i = 0; i < NGROUPS; i++) {
		if (strcmp(words[0], groups[i].word) == 0) {
			fputs(groups[i].help, stdout);
			return (EXIT_OK);
		}
	}
	if (strcmp(words[0], "help") == 0) {
		fputs(help_main, stdout);
		return (EXIT_OK);
	}
	return (usage_hint("no such command: %s", words[0]));
}

/* A JSON string from command-line text, which must be UTF-8 (jansson
 * checks); NULL after a usage error. */
json_t *
arg_string(const char *what, const char *s)
{
	json_t	*j;

	if ((j = json_string(s)) == NULL)
		usage_error("%s: not valid UTF-8", what);
	return (j);
}

/* Check that command-line text is UTF-8; 0, or -1 after a usage error. */
int
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
int
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
int
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

/*
 * The one word ID of a command as the path /v1/destinations/ID + suffix;
 * NULL after a usage error.
 */
char *
arg_dest_path(const char *cmd, char **words, int nwords, const char *suffix)
{
	char	*enc, *path;

	if (nwords == 0) {
		usage_hint("%s: ID is missing", cmd);
		return (NULL);
	}
	if (nwords > 1) {
		usage_error("%s: unexpected argument: %s", cmd, words[1]);
		return (NULL);
	}
	if (*words[0] == '\0') {
		usage_error("%s: ID is empty", cmd);
		return (NULL);
	}
	if (arg_utf8("ID", words[0]) != 0)
		return (NULL);
	if ((enc = evhttp_uriencode(words[0], -1, 0)) == NULL)
		fatal_nomem();
	path = xasprintf("/v1/destinations/%s%s", enc, suffix);
	free(enc);
	return (path);
}

/* Send a request with the client's key; 0, or EXIT_USAGE after a line. */
int
client_send(struct client *cl, const struct http_req *rq,
    struct http_response *r)
{
	char	*cause = NULL;

	if (http_request(&cl->target, rq, cl->key, cl->timeout, r,
	    &cause) == -1) {
		client_warn("%s", cause);
		free(cause);
		return (EXIT_USAGE);
	}
	return (0);
}

/*
 * Check an answer and parse its JSON object into *root.  Return the exit
 * status; the body of r is released either way.
 */
int
client_answer(struct client *cl, struct http_response *r, json_t **root)
{
	json_error_t	 jerr;
	char		*out;
	int		 rv = EXIT_USAGE;

	*root = NULL;
	if (r->status >= 400) {
		render_problem(r, cl->key != NULL);
		rv = EXIT_REFUSED;
		goto out;
	}
	if (r->status < 200 || r->status >= 300) {
		out = text_sanitize(r->reason != NULL ? r->reason : "");
		client_warn("%s: unexpected answer: HTTP %d %s", cl->target.url,
		    r->status, out);
		free(out);
		goto out;
	}
	if ((*root = json_loadb(r->body, r->len, JSON_REJECT_DUPLICATES,
	    &jerr)) == NULL) {
		out = text_sanitize(jerr.text);
		client_warn("%s: the answer is not valid JSON: %s (line %d, "
		    "column %d)", cl->target.url, out, jerr.line,
		    jerr.column);
		free(out);
		goto out;
	}
	if (!json_is_object(*root)) {
		client_warn("%s: the answer is not a JSON object",
		    cl->target.url);
		json_decref(*root);
		*root = NULL;
		goto out;
	}
	rv = EXIT_OK;

out:
	free(r->body);		/* a long list is large: hold it once */
	r->body = NULL;
	r->len = 0;
	return (rv);
}

/* Print JSON for scripts. */
void
json_print(const json_t *root, FILE *f)
{
	/*
	 * 15 significant digits: jansson's default of 17 prints 50.943 as
	 * 50.942999999999998; 15 gives back what a server writing decimals
	 * sent, and every double it could mean.
	 */
	if (json_dumpf(root, f, JSON_INDENT(2) |
	    JSON_REAL_PRECISION(15)) == 0)
		fputc('\n', f);
}

/* Print an answer: the server's JSON with --json, else a rendering. */
void
client_print(struct client *cl, json_t *root, enum answer_kind kind,
    const char *etag, FILE *f)
{
	if (cl->json) {
		json_print(root, f);
		return;
	}
	json_sanitize(root);
	switch (kind) {
	case ANSWER_DECISION:
		render_decision(root, f);
		break;
	case ANSWER_LIST:
		render_destinations(root, f);
		break;
	case ANSWER_ENTRY:
		render_destination(root, etag, f);
		break;
	case ANSWER_HISTORY:
		render_history(root, f);
		break;
	case ANSWER_IMPORT:
		render_import(root, f);
		break;
	case ANSWER_POLICY:
		render_policy(root, f);
		break;
	case ANSWER_FACTORS:
		render_factors(root, f);
		break;
	case ANSWER_ROUTE:
		render_route(root, f);
		break;
	case ANSWER_RAIL_NETWORK:
		render_rail_network(root, f);
		break;
	}
}

/* Send a request and print the answer; return the exit status. */
int
client_run(struct client *cl, const struct http_req *rq,
    enum answer_kind kind)
{
	struct http_response	 r;
	json_t			*root = NULL;
	int			 rv;

	if ((rv = client_send(cl, rq, &r)) != 0)
		return (rv);
	if ((rv = client_answer(cl, &r, &root)) == EXIT_OK)
		client_print(cl, root, kind, r.etag, stdout);
	json_decref(root);
	http_response_free(&r);
	return (rv);
}

/* The same for a request with at most a JSON body. */
int
client_call(struct client *cl, const char *method, const char *path,
    const char *body, enum answer_kind kind)
{
	struct http_req	rq;

	memset(&rq, 0, sizeof rq);
	rq.method = method;
	rq.path = path;
	if ((rq.body = body) != NULL)
		rq.len = strlen(body);
	return (client_run(cl, &rq, kind));
}

/*
 * GET what is to be edited (path; what names it in messages): 0 with the
 * object in *root and its ETag in *etag (the caller frees both), or an
 * exit status after saying why (a refusal, or no ETag to send back).
 */
int
client_get_for_edit(struct client *cl, const char *path, const char *what,
    json_t **root, char **etag)
{
	struct http_response	 r;
	struct http_req		 rq;
	int			 rv;

	*root = NULL;
	*etag = NULL;
	memset(&rq, 0, sizeof rq);
	rq.method = "GET";
	rq.path = path;
	if ((rv = client_send(cl, &rq, &r)) != 0)
		return (rv);
	rv = client_answer(cl, &r, root);
	if (rv == EXIT_OK && r.etag != NULL)
		*etag = xstrdup(r.etag);
	http_response_free(&r);
	if (rv == EXIT_OK && *etag == NULL) {
		client_warn("%s: the server sent no ETag with %s, so it cannot "
		    "be changed safely", cl->target.url, what);
		rv = EXIT_USAGE;
	}
	if (rv != EXIT_OK) {
		json_decref(*root);
		*root = NULL;
	}
	return (rv);
}

/*
 * A conditional write was refused (412): say in one sentence who changed
 * what since it was read: from the problem's changed_by and changed_at,
 * else from a fresh read, else from the problem's detail.
 */
int
client_conflict(struct client *cl, const char *path, const char *what,
    const struct http_response *stale)
{
	struct http_response	 r;
	struct http_req		 rq;
	json_t			*root = NULL, *p = NULL;
	const char		*who = NULL, *when = NULL, *detail = NULL;
	char			*cause = NULL, *w;

	if (stale->len > 0 && (p = json_loadb(stale->body, stale->len, 0,
	    NULL)) != NULL && json_is_object(p)) {
		json_sanitize(p);
		who = jstr(p, "changed_by");
		when = jstr(p, "changed_at");
		if ((detail = jstr(p, "detail")) != NULL &&
		    (*detail == '\0' || strchr(detail, '\n') != NULL))
			detail = NULL;
	}
	if (who == NULL || *who == '\0' || when == NULL || *when == '\0') {
		memset(&rq, 0, sizeof rq);
		rq.method = "GET";
		rq.path = path;
		if (http_request(&cl->target, &rq, cl->key, cl->timeout, &r,
		    &cause) == 0) {
			if (r.status >= 200 && r.status < 300 &&
			    (root = json_loadb(r.body, r.len, 0, NULL)) !=
			    NULL) {
				json_sanitize(root);
				who = jstr(root, "updated_by");
				when = jstr(root, "updated_at");
			}
			http_response_free(&r);
		}
		free(cause);
	}
	w = text_sanitize(what);
	if (who != NULL && *who != '\0' && when != NULL && *when != '\0')
		client_warn("%s was changed by %s at %s since it was read; "
		    "run the command again to apply your change to the new "
		    "version", w, who, when);
	else
		client_warn("%s was changed since it was read%s%s%s; run the "
		    "command again to apply your change to the new version", w,
		    detail != NULL ? " (" : "", detail != NULL ? detail : "",
		    detail != NULL ? ")" : "");
	free(w);
	json_decref(p);
	json_decref(root);
	return (EXIT_REFUSED);
}

/* tripmode decide PLACE --from --to [...] */
/*
 * The body of POST /v1/decisions from the words and options of decide (or
 * route: the dates may then be left out, for a trip leaving today and
 * back in two days).  0 with *bodyp (caller frees), or EXIT_USAGE.
 */
static int
decision_body(const char *cmd, const struct args *a, char **words,
    int nwords, int dates_optional, char **bodyp)
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

	*bodyp = NULL;
	if (nwords == 0)
		return (usage_hint("%s: PLACE is missing", cmd));
	place = xstrdup(words[0]);
	for (i = 1; i < nwords; i++) {
		tmp = xasprintf("%s %s", place, words[i]);
		free(place);
		place = tmp;
	}
	if (*place == '\0') {
		usage_error("%s: PLACE is empty", cmd);
		goto out;
	}
	if ((name = arg_string("PLACE", place)) == NULL)
		goto out;

	if (dates_optional && a->val[OPT_FROM] == NULL) {
		dfrom = (long)(time(NULL) / 86400);
		dec_date_format(dfrom, from, sizeof from);
	} else if (arg_date(a, OPT_FROM, &dfrom, from, sizeof from) != 0)
		goto out;
	if (dates_optional && a->val[OPT_TO] == NULL) {
		dto = dfrom + 2;
		dec_date_format(dto, to, sizeof to);
	} else if (arg_date(a, OPT_TO, &dto, to, sizeof to) != 0)
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
	*bodyp = body;
	rv = 0;

out:
	json_decref(req);
	json_decref(dest);
	json_decref(name);
	free(place);
	return (rv);
}

/* tripmode decide PLACE --from DATE --to DATE [...] */
static int
cmd_decide(struct client *cl, const struct args *a, char **words, int nwords)
{
	char	*body;
	int	 rv;

	if ((rv = decision_body("decide", a, words, nwords, 0, &body)) != 0)
		return (rv);
	rv = client_call(cl, "POST", "/v1/decisions", body, ANSWER_DECISION);
	free(body);
	return (rv);
}

/* tripmode route PLACE [--from DATE] [--to DATE] [...]: the legs. */
static int
cmd_route(struct client *cl, const struct args *a, char **words, int nwords)
{
	char	*body;
	int	 rv;

	if ((rv = decision_body("route", a, words, nwords, 1, &body)) != 0)
		return (rv);
	rv = client_call(cl, "POST", "/v1/decisions", body, ANSWER_ROUTE);
	free(body);
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
	char	*path;
	int	 rv;

	if ((path = arg_dest_path("destinations show", words, nwords,
	    "")) == NULL)
		return (EXIT_USAGE);
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
	size_t			 g;
	int			 i, rv;

	memset(&cl, 0, sizeof cl);
	memset(&a, 0, sizeof a);
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
		for (g = 0; g < NGROUPS; g++)
			if (strcmp(a.words[0], groups[g].word) == 0)
				break;
		if (g < NGROUPS && a.nwords == 1)
			rv = usage_hint("%s: which one? %s", groups[g].word,
			    groups[g].choices);
		else if (g < NGROUPS)
			rv = usage_hint("no such command: %s %s (%s)",
			    groups[g].word, a.words[1], groups[g].choices);
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
	args_free(&a);
	return (rv);
}
