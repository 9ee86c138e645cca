/* `tripmoded keys create|list|revoke`, run on the server against --db. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/daemon.h"

/* Help for the keys subcommands. */
static void
keys_usage(FILE *f)
{
	fprintf(f,
"usage: tripmoded [--db FILE] keys create --role staff|hr|admin --name NAME\n"
"       tripmoded [--db FILE] keys list\n"
"       tripmoded [--db FILE] keys revoke NAME\n"
"\n"
"create prints the new key once, alone on standard output; only a salted\n"
"hash is stored.  A running tripmoded picks up changes within a second.\n");
}

/* keys create: print the new key alone on stdout. */
static int
keys_create(struct dst_store *st, int argc, char **argv)
{
	const char	*role = NULL, *name = NULL;
	enum dst_role	 r;
	char		*key = NULL, *cause = NULL;
	int		 i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--role") == 0 && i + 1 < argc)
			role = argv[++i];
		else if (strncmp(argv[i], "--role=", 7) == 0)
			role = argv[i] + 7;
		else if (strcmp(argv[i], "--name") == 0 && i + 1 < argc)
			name = argv[++i];
		else if (strncmp(argv[i], "--name=", 7) == 0)
			name = argv[i] + 7;
		else {
			fprintf(stderr, "tripmoded: keys create: unexpected "
			    "\"%s\"\n", argv[i]);
			return (2);
		}
	}
	if (role == NULL || name == NULL) {
		fprintf(stderr, "tripmoded: keys create: --role and --name "
		    "are required\n");
		return (2);
	}
	if (dst_role_parse(role, &r) != 0) {
		fprintf(stderr, "tripmoded: keys create: --role: must be "
		    "staff, hr or admin, not \"%s\"\n", role);
		return (2);
	}
	if (dst_key_create(st, r, name, &key, &cause) != 0) {
		fprintf(stderr, "tripmoded: keys create: %s\n", cause);
		free(cause);
		return (1);
	}
	fprintf(stderr, "tripmoded: key \"%s\" (%s) created; it is shown "
	    "once, store it now:\n", name, role);
	printf("%s\n", key);
	explicit_bzero(key, strlen(key));
	free(key);
	return (0);
}

/*
 * Every key ever made, oldest first, as JSON: [{name, role, key_id,
 * created_at, revoked_at|null}].  Never the key itself: only its id.
 */
static int
keys_list(struct dst_store *st, char **cause)
{
	struct dst_key	*keys;
	size_t		 i, n;
	json_t		*arr;
	char		*s;

	if (dst_keys_read(st, 0, &keys, &n, cause) != 0)
		return (-1);
	if ((arr = json_array()) == NULL)
		abort();
	for (i = 0; i < n; i++)
		if (json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s, "
		    "s:o}", "name", keys[i].name, "role",
		    dst_role_name(keys[i].role), "key_id", keys[i].key_id,
		    "created_at", keys[i].created_at, "revoked_at",
		    keys[i].revoked_at[0] != '\0' ?
		    json_string(keys[i].revoked_at) : json_null())) != 0)
			abort();
	if (keys != NULL)		/* none: nothing to wipe */
		explicit_bzero(keys, n * sizeof *keys);
	free(keys);
	if ((s = json_dumps(arr, JSON_INDENT(2))) == NULL)
		abort();
	json_decref(arr);
	printf("%s\n", s);
	free(s);
	return (0);
}

/* Run a keys subcommand; return the exit status. */
int
keys_main(const char *db, int argc, char **argv)
{
	struct dst_store	*st;
	char			*cause = NULL;
	int			 rc = 0;

	if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		keys_usage(argc < 2 ? stderr : stdout);
		return (argc < 2 ? 2 : 0);
	}
	if (strcmp(argv[1], "create") != 0 && strcmp(argv[1], "list") != 0 &&
	    strcmp(argv[1], "revoke") != 0) {
		fprintf(stderr, "tripmoded: keys: unknown command \"%s\"\n",
		    argv[1]);
		keys_usage(stderr);
		return (2);
	}
	if (strcmp(argv[1], "revoke") == 0 && argc != 3) {
		fprintf(stderr, "tripmoded: keys revoke: give one NAME\n");
		return (2);
	}
	if (strcmp(argv[1], "list") == 0 && argc != 2) {
		fprintf(stderr, "tripmoded: keys list: no arguments\n");
		return (2);
	}
	if ((st = dst_store_open(db, &cause)) == NULL) {
		fprintf(stderr, "tripmoded: %s: %s\n", db, cause);
		free(cause);
		return (1);
	}
	if (strcmp(argv[1], "create") == 0)
		rc = keys_create(st, argc - 1, argv + 1);
	else if (strcmp(argv[1], "revoke") == 0) {
		if (dst_key_revoke(st, argv[2], &cause) != 0) {
			fprintf(stderr, "tripmoded: keys revoke: %s\n", cause);
			free(cause);
			rc = 1;
		} else
			fprintf(stderr, "tripmoded: key \"%s\" revoked\n",
			    argv[2]);
	} else {
		if (keys_list(st, &cause) != 0) {
			fprintf(stderr, "tripmoded: keys list: %s\n", cause);
			free(cause);
			rc = 1;
		}
	}
	dst_store_close(st);
	dst_thread_cleanup();
	return (rc);
}
