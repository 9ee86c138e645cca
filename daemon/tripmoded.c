/*
 * tripmoded: the tripmode daemon.  Opens (creating, migrating, seeding) the
 * SQLite database, loads a snapshot, serves the HTTP API.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daemon/daemon.h"

#define DEFAULT_LISTEN	"127.0.0.1:8080"
#define DEFAULT_DB	"./tripmode.db"

/* Print the help text. */
static void
usage(FILE *f)
{
	fprintf(f,
"usage: tripmoded [--listen ADDR:PORT] [--db FILE] [--threads N]\n"
"                 [--timeout SECONDS] [--open-reads yes|no] [--open-form yes|no]\n"
"                 [--web-dir DIR] [--allowed-host NAME ...] [--verbose]\n"
"                 [--max-connections N] [--head-timeout SECONDS]\n"
"                 [--body-rate BYTES]\n"
"       tripmoded [--db FILE] keys create --role staff|hr|admin --name NAME\n"
"       tripmoded [--db FILE] keys list | keys revoke NAME\n"
"       tripmoded [--db FILE] import-places\n"
"       tripmoded --help | --version\n"
"\n"
"tripmoded answers how city staff travel, by the city's travel choice scheme,\n"
"over HTTP (JSON API; see README.md).\n"
"\n"
"  --listen ADDR:PORT  address to listen on (default " DEFAULT_LISTEN ");\n"
"                      port 0 picks a free port, printed in the log\n"
"  --db FILE           SQLite database (default " DEFAULT_DB "); created,\n"
"                      migrated and seeded on first start\n"
"  --threads N         worker threads (default: one per CPU)\n"
"  --timeout SECONDS   drop a client silent this long (default 10)\n"
"  --open-reads yes|no rulings and reads without an API key (default: yes\n"
"                      when listening on loopback, no otherwise); writes\n"
"                      always need an admin key\n"
"  --open-form yes|no  the staff form files trips without an API key,\n"
"                      recorded as \"web form (ADDRESS)\" (default no: a\n"
"                      staff key, as for POST /v1/trips; needs open reads)\n"
"  --web-dir DIR       the web pages' assets (style sheet, admin page;\n"
"                      default " TRIPMODE_DATADIR "/web)\n"
"  --allowed-host NAME a Host name this server answers for besides\n"
"                      localhost, 127.0.0.1 and [::1] (repeatable; on a\n"
"                      loopback address nothing else is answered: 421)\n"
"  --max-connections N connections open at once; more are closed at once\n"
"                      (default: 3/4 of the open-files limit, less what\n"
"                      the daemon needs itself)\n"
"  --head-timeout SECONDS  a request's line and headers must arrive within\n"
"                      this, from its first byte (default 10)\n"
"  --body-rate BYTES   then its body at least this many bytes a second,\n"
"                      measured every 5 seconds (default 1024)\n"
"  --verbose           log every request\n"
"  --help              this text\n"
"  --version           the version\n"
"\n"
"import-places replaces the gazetteer (GeoNames), the country borders\n"
"(Natural Earth) and the airports (OurAirports) by the extracts built in,\n"
"and rebuilds the rail zone from the borders; a running tripmoded picks the\n"
"change up by itself.\n");
}

/*
 * tripmoded import-places: refill the places and countries tables from
 * the embedded extracts (one transaction), then rebuild the rail zone.
 */
static int
import_places(const char *db, int argc, char **argv)
{
	struct dst_store	*st;
	char			*cause = NULL;
	size_t			 np, nc, na;
	int			 rc = 1;

	if (argc > 1) {
		fprintf(stderr, "tripmoded: import-places: unexpected \"%s\"\n",
		    argv[1]);
		return (2);
	}
	if ((st = dst_store_open(db, &cause)) == NULL) {
		fprintf(stderr, "tripmoded: %s: %s\n", db, cause);
		free(cause);
		return (1);
	}
	if (dst_places_import(st, &np, &nc, &na, &cause) != 0) {
		fprintf(stderr, "tripmoded: import-places: %s\n", cause);
		goto out;
	}
	printf("%zu places, %zu countries, %zu airports\n", np, nc, na);
	if (dst_rail_zone_rebuild(st, "import-places", &cause) != 0) {
		fprintf(stderr, "tripmoded: import-places: the rail zone: %s\n",
		    cause);
		goto out;
	}
	printf("rail zone rebuilt from the borders\n");
	rc = 0;
out:
	free(cause);
	dst_store_close(st);
	return (rc);
}

/* A number for FLAG between MIN and MAX: 0, or -1 with the error said. */
static int
parse_number(const char *flag, const char *s, long min, long max,
    const char *unit, int *out)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || v < min || v > max) {
		fprintf(stderr, "tripmoded: --%s: expected %ld to %ld%s%s, "
		    "not \"%s\"\n", flag, min, max, *unit != '\0' ? " " : "",
		    unit, s);
		return (-1);
	}
	*out = (int)v;
	return (0);
}

/* Split "ADDR:PORT" ("[::1]:8080" for IPv6); return 0 or -1. */
static int
parse_listen(const char *s, struct server_config *cfg)
{
	const char	*colon;
	char		*end;
	size_t		 hlen;
	long		 port;

	colon = strrchr(s, ':');
	if (colon == NULL)
		return (-1);
	hlen = (size_t)(colon - s);
	if (hlen >= 2 && s[0] == '[' && s[hlen - 1] == ']') {
		s++;
		hlen -= 2;
	}
	if (hlen >= sizeof cfg->host)
		return (-1);
	errno = 0;
	port = strtol(colon + 1, &end, 10);
	if (colon[1] == '\0' || *end != '\0' || errno != 0 || port < 0 ||
	    port > 65535)
		return (-1);
	memcpy(cfg->host, s, hlen);
	cfg->host[hlen] = '\0';
	cfg->port = (int)port;
	return (0);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "listen",	required_argument,	NULL, 'l' },
		{ "db",		required_argument,	NULL, 'd' },
		{ "threads",	required_argument,	NULL, 't' },
		{ "timeout",	required_argument,	NULL, 'T' },
		{ "open-reads",	required_argument,	NULL, 'o' },
		{ "web-dir",	required_argument,	NULL, 'w' },
		{ "allowed-host", required_argument,	NULL, 'H' },
		{ "open-form",	required_argument,	NULL, 'F' },
		{ "max-connections", required_argument,	NULL, 'M' },
		{ "head-timeout", required_argument,	NULL, 'D' },
		{ "body-rate",	required_argument,	NULL, 'R' },
		{ "verbose",	no_argument,		NULL, 'v' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "version",	no_argument,		NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct server_config	 cfg;
	struct dst_store	*store;
	struct dst_snapshot	*snap;
	const char		*db = DEFAULT_DB;
	char			*cause = NULL, css[4096];
	long			 ncpu;
	int			 ch, verbose = 0, rc, open_reads = -1;
	int			 max_connections = 0, head_seconds, limit;

	memset(&cfg, 0, sizeof cfg);
	parse_listen(DEFAULT_LISTEN, &cfg);
	ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	cfg.threads = ncpu > 0 ? (int)ncpu : 1;
	cfg.grace_msec = TM_GRACE_MSEC;
	cfg.timeout = TM_TIMEOUT_SECONDS;

	while ((ch = getopt_long(argc, argv, "+l:d:t:T:o:w:H:F:M:D:R:vhV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'l':
			if (parse_listen(optarg, &cfg) != 0) {
				fprintf(stderr, "tripmoded: --listen: expected "
				    "ADDR:PORT (port 0-65535), not \"%s\"\n",
				    optarg);
				return (2);
			}
			break;
		case 'd':
			db = optarg;
			break;
		case 't':
			if (parse_number("threads", optarg, 1, 64, "",
			    &cfg.threads) != 0)
				return (2);
			break;
		case 'T':
			if (parse_number("timeout", optarg, 1, 3600, "seconds",
			    &cfg.timeout) != 0)
				return (2);
			break;
		case 'M':
			if (parse_number("max-connections", optarg, 1,
			    TM_MAX_CONNECTIONS_CAP, "", &max_connections) != 0)
				return (2);
			break;
		case 'D':
			if (parse_number("head-timeout", optarg, 1, 3600,
			    "seconds", &head_seconds) != 0)
				return (2);
			conn_limits.head_msec = head_seconds * 1000;
			break;
		case 'R':
			if (parse_number("body-rate", optarg, 1, 1 << 30,
			    "bytes a second", &conn_limits.body_rate) != 0)
				return (2);
			break;
		case 'o':
			if (strcmp(optarg, "yes") == 0)
				open_reads = 1;
			else if (strcmp(optarg, "no") == 0)
				open_reads = 0;
			else {
				fprintf(stderr, "tripmoded: --open-reads: "
				    "expected yes or no, not \"%s\"\n", optarg);
				return (2);
			}
			break;
		case 'w':
			if (*optarg == '\0') {
				fprintf(stderr,
				    "tripmoded: --web-dir: expected "
				    "a directory\n");
				return (2);
			}
			pages_web_dir = optarg;
			break;
		case 'F':
			if (strcmp(optarg, "yes") == 0)
				auth_config.open_form = 1;
			else if (strcmp(optarg, "no") == 0)
				auth_config.open_form = 0;
			else {
				fprintf(stderr, "tripmoded: --open-form: "
				    "expected yes or no, not \"%s\"\n", optarg);
				return (2);
			}
			break;
		case 'H':
			if (*optarg == '\0' || strpbrk(optarg, ":/ ") != NULL ||
			    strlen(optarg) > 253) {
				fprintf(stderr, "tripmoded: --allowed-host: "
				    "expected a host name (no port), not "
				    "\"%s\"\n", optarg);
				return (2);
			}
			if (auth_config.nhosts == AUTH_MAX_HOSTS) {
				fprintf(stderr, "tripmoded: --allowed-host: "
				    "at most %d\n", AUTH_MAX_HOSTS);
				return (2);
			}
			auth_config.hosts[auth_config.nhosts++] = optarg;
			break;
		case 'v':
			verbose = 1;
			break;
		case 'h':
			usage(stdout);
			return (0);
		case 'V':
			printf("tripmoded %s\n", PACKAGE_VERSION);
			return (0);
		default:
			usage(stderr);
			return (2);
		}
	}
	if (optind < argc && strcmp(argv[optind], "keys") == 0)
		return (keys_main(db, argc - optind, argv + optind));
	if (optind < argc && strcmp(argv[optind], "import-places") == 0)
		return (import_places(db, argc - optind, argv + optind));
	if (optind != argc) {
		fprintf(stderr, "tripmoded: unexpected argument \"%s\"\n",
		    argv[optind]);
		usage(stderr);
		return (2);
	}
	log_init(verbose);
	limit = conn_default_max(cfg.threads);
	if (max_connections == 0)
		max_connections = limit;
	else if (max_connections > limit)
		log_warnx("--max-connections %d: more than the open-files "
		    "limit leaves room for (%d); accept() may run out of "
		    "descriptors first", max_connections, limit);
	conn_limits.max_connections = max_connections;
	/* Default: no key needed for reads and rulings on loopback only. */
	auth_config.loopback = strncmp(cfg.host, "127.", 4) == 0 ||
	    strcmp(cfg.host, "::1") == 0 || strcmp(cfg.host, "localhost") == 0;
	auth_config.open_reads = open_reads != -1 ? open_reads :
	    auth_config.loopback;

	if ((store = dst_store_open(db, &cause)) == NULL) {
		log_warnx("%s: %s", db, cause != NULL ? cause : "cannot open");
		free(cause);
		return (1);
	}
	if ((snap = dst_snapshot_load(store, NULL, &cause)) == NULL) {
		log_warnx("%s: %s", db, cause != NULL ? cause : "cannot load");
		free(cause);
		dst_store_close(store);
		return (1);
	}
	log_info("tripmoded %s: database %s (schema %d), %zu destinations, "
	    "%zu places, policy v%d, factors %s; %s", PACKAGE_VERSION, db,
	    dst_store_schema_version(store), dst_snapshot_count(snap),
	    dst_snapshot_place_count(snap),
	    dst_snapshot_policy(snap)->version,
	    dst_snapshot_factors(snap)->name,
	    auth_config.open_reads ? "rulings and reads open, writes need an "
	    "admin key" : "every request needs an API key");
	snprintf(css, sizeof css, "%s/style.css", pages_web_dir);
	if (access(css, R_OK) != 0)
		log_warnx("web pages: cannot read %s "
		    "(see --web-dir): the pages "
		    "come without their style sheet", css);
	cfg.db = db;
	cfg.store = store;
	cfg.snap = snap;	/* the server takes it */

	rc = server_run(&cfg, &cause);
	if (rc != 0) {
		log_warnx("%s", cause != NULL ? cause : "server failed");
		free(cause);
	}
	dst_store_close(store);
	dst_thread_cleanup();
	return (rc == 0 ? 0 : 1);
}
