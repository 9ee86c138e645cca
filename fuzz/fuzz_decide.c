/*
 * Fuzz the decision request: the JSON body of POST /v1/decisions read
 * into a trip, resolved and ruled on against the seeded list, gazetteer
 * and borders (a real database, made once), and the answer written as
 * JSON, as the daemon does.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <jansson.h>

#include "daemon/daemon.h"

int LLVMFuzzerInitialize(int *, char ***);
int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct dst_snapshot	*snap;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct dst_store	*st;
	char			 dir[] = "/tmp/tripmode-fuzz.XXXXXX", db[64];
	char			*cause = NULL;

	(void)argc;
	(void)argv;
	if (mkdtemp(dir) == NULL)
		abort();
	snprintf(db, sizeof db, "%s/fuzz.db", dir);
	if ((st = dst_store_open(db, &cause)) == NULL ||
	    (snap = dst_snapshot_load(st, NULL, &cause)) == NULL) {
		fprintf(stderr, "fuzz_decide: %s\n", cause);
		abort();
	}
	dst_snapshot_warm(snap);
	dst_store_close(st);
	unlink(db);
	rmdir(dir);
	return (0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct decide_input	 in;
	struct decide_answer	 ans;
	struct dec_errors	 errs;
	struct evbuffer		*out;
	struct jw		 w;
	json_t			*body;

	memset(&errs, 0, sizeof errs);
	if ((body = dst_json_object_body((const char *)data, size, "a trip",
	    &errs)) == NULL) {
		dec_errors_clear(&errs);
		return (0);
	}
	if (decide_from_json(body, "", &in, &errs) == 0 &&
	    decide_run(snap, &in, "", &ans, &errs) == 0) {
		if ((out = evbuffer_new()) == NULL)
			abort();
		jw_init(&w, out);
		encode_decision(&w, snap, &ans);
		jw_finish(&w);
		evbuffer_free(out);
	}
	dec_errors_clear(&errs);
	json_decref(body);
	return (0);
}
