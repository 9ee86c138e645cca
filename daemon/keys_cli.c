/* `tripmoded keys create|list|revoke` against --db. */
#include "config.h"

#include <stdio.h>

#include "daemon/daemon.h"

/* Run a keys subcommand; return the exit status. */
int
keys_main(const char *db, int argc, char **argv)
{
	(void)db;
	(void)argc;
	(void)argv;
	fprintf(stderr, "tripmoded: keys: not built yet\n");
	return (2);
}
