/* The rail network: rail-network export and import. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "client/client.h"

#define NETWORK_PATH	"/v1/rail-network"

/* tripmode rail-network export [--output FILE]: the network as JSON. */
int
cmd_rail_export(struct client *cl, const struct args *a, char **words,
    int nwords)
{
	struct http_response	 r;
	struct http_req		 rq;
	const char		*file = a->val[OPT_OUTPUT];
	json_t			*root = NULL;
	FILE			*f = stdout;
	int			 rv;

	if (nwords > 0)
		return (usage_hint("rail-network export: unexpected argument: "
		    "%s", words[0]));
	if (file != NULL && *file == '\0')
		return (usage_error("--output: empty"));
	memset(&rq, 0, sizeof rq);
	rq.method = "GET";
	rq.path = NETWORK_PATH;
	if ((rv = client_send(cl, &rq, &r)) != 0)
		return (rv);
	if ((rv = client_answer(cl, &r, &root)) != EXIT_OK)
		goto out;
	/* Only now, with the whole answer in hand, is the file touched. */
	if (file != NULL && (f = fopen(file, "wb")) == NULL) {
		client_warn("--output %s: %s", file, strerror(errno));
		rv = EXIT_USAGE;
		goto out;
	}
	if (json_dumpf(root, f, JSON_INDENT(1) | JSON_REAL_PRECISION(15)) !=
	    0 || fputc('\n', f) == EOF) {
		client_warn("%s: cannot write", file != NULL ? file :
		    "standard output");
		rv = EXIT_USAGE;
	}
	if (f != stdout && (ferror(f) | (fclose(f) == EOF))) {
		client_warn("--output %s: %s", file, strerror(errno));
		rv = EXIT_USAGE;
	}
out:
	json_decref(root);
	http_response_free(&r);
	return (rv);
}

/*
 * tripmode rail-network import FILE: PUT the file as the new network, if
 * the version it was exported from (its "version") is still the one in
 * force; a file without a version replaces whatever is in force.
 */
int
cmd_rail_import(struct client *cl, const struct args *a, char **words,
    int nwords)
{
	struct http_response	 r;
	struct http_req		 rq;
	json_error_t		 jerr;
	json_t			*doc = NULL, *v, *root = NULL;
	char			*buf = NULL, *cause = NULL, *etag = NULL;
	size_t			 len;
	int			 rv;

	(void)a;
	if (nwords == 0)
		return (usage_hint("rail-network import: FILE is missing"));
	if (nwords > 1)
		return (usage_hint("rail-network import: unexpected argument: "
		    "%s", words[1]));
	if (read_file(words[0], &buf, &len, &cause) == -1) {
		client_warn("%s", cause);
		free(cause);
		return (EXIT_USAGE);
	}
	if ((doc = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr)) ==
	    NULL || !json_is_object(doc)) {
		rv = usage_error("rail-network import: %s: %s", words[0],
		    doc == NULL ? jerr.text : "not a JSON object");
		goto out;
	}
	v = json_object_get(doc, "version");
	if (json_is_integer(v) && json_integer_value(v) > 0)
		etag = xasprintf("\"%lld\"", (long long)json_integer_value(v));
	else {
		if ((rv = client_get_for_edit(cl, NETWORK_PATH,
		    "the rail network", &root, &etag)) != EXIT_OK)
			goto out;
		json_decref(root);
		root = NULL;
	}

	memset(&rq, 0, sizeof rq);
	rq.method = "PUT";
	rq.path = NETWORK_PATH;
	rq.body = buf;
	rq.len = len;
	rq.if_match = etag;
	if ((rv = client_send(cl, &rq, &r)) != 0)
		goto out;
	if (r.status == 412)
		rv = client_conflict(cl, NETWORK_PATH, "the rail network", &r);
	else if ((rv = client_answer(cl, &r, &root)) == EXIT_OK)
		client_print(cl, root, ANSWER_RAIL_NETWORK, r.etag, stdout);
	http_response_free(&r);
out:
	json_decref(root);
	json_decref(doc);
	free(etag);
	free(buf);
	return (rv);
}
