/* The policy and the factor sets: policy show, policy set, factors show. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "client/client.h"

#define POLICY_PATH	"/v1/policy"

/* Fields of the policy the server keeps itself. */
static int
policy_read_only(const char *key)
{
	return (strcmp(key, "version") == 0 ||
	    strcmp(key, "updated_at") == 0 ||
	    strcmp(key, "updated_by") == 0);
}

/* Is word KEY=VALUE with a key?  A usage error if not. */
static int
policy_word_check(const char *word)
{
	const char	*eq = strchr(word, '=');

	if (eq == NULL || eq == word)
		return (usage_error("policy set: not KEY=VALUE: %s (see "
		    "tripmode help policy)", word));
	return (arg_utf8("policy set", word) == 0 ? 0 : EXIT_USAGE);
}

/* A number from text, strictly: 0, or -1. */
static int
policy_number(const char *v, double *d)
{
	char	*end;

	errno = 0;
	*d = strtod(v, &end);
	if (*v == '\0' || isspace((unsigned char)*v) || *end != '\0' ||
	    errno != 0 || !isfinite(*d))
		return (-1);
	return (0);
}

/*
 * The new value of one field, typed like the old one; NULL after a
 * usage error.
 */
static json_t *
policy_value(const char *key, const json_t *old, const char *v)
{
	double	d;

	switch (json_typeof(old)) {
	case JSON_INTEGER:
	case JSON_REAL:
		if (policy_number(v, &d) != 0) {
			usage_error("policy set: %s: not a number: %s", key, v);
			return (NULL);
		}
		/* A whole number stays an integer where it was one. */
		if (json_is_integer(old) && d == floor(d) && fabs(d) < 1e15)
			return (json_integer((json_int_t)d));
		return (json_real(d));
	case JSON_TRUE:
	case JSON_FALSE:
		if (strcmp(v, "true") == 0 || strcmp(v, "yes") == 0)
			return (json_true());
		if (strcmp(v, "false") == 0 || strcmp(v, "no") == 0)
			return (json_false());
		usage_error("policy set: %s: not true or false: %s", key, v);
		return (NULL);
	case JSON_STRING:
		return (arg_string(key, v));
	default:
		usage_error("policy set: %s cannot be set from the command "
		    "line", key);
		return (NULL);
	}
}

/* Apply one KEY=VALUE (already checked) to the policy; 0, or EXIT_USAGE. */
static int
policy_apply(json_t *p, const char *word)
{
	const char	*eq = strchr(word, '='), *v = eq + 1, *field;
	json_t		*old, *nv, *src;
	char		*key;
	int		 rv = EXIT_USAGE;

	key = xasprintf("%.*s", (int)(eq - word), word);
	if (strncmp(key, "sources.", 8) == 0) {
		field = key + 8;
		if (json_object_get(p, field) == NULL ||
		    policy_read_only(field) || strcmp(field, "sources") == 0 ||
		    strcmp(field, "description") == 0) {
			usage_error("policy set: %s: no policy figure %s (see "
			    "tripmode policy show)", key, field);
			goto out;
		}
		if ((src = json_object_get(p, "sources")) == NULL ||
		    !json_is_object(src)) {
			if ((src = json_object()) == NULL ||
			    json_object_set_new(p, "sources", src) == -1)
				fatal_nomem();
		}
		if ((nv = arg_string(key, v)) == NULL)
			goto out;
		if (json_object_set_new(src, field, nv) == -1)
			fatal_nomem();
		rv = 0;
		goto out;
	}
	if (strcmp(key, "sources") == 0) {
		usage_error("policy set: sources cannot be set as a whole: "
		    "use sources.KEY=TEXT");
		goto out;
	}
	if (policy_read_only(key)) {
		usage_error("policy set: %s is kept by the server and cannot "
		    "be set", key);
		goto out;
	}
	if ((old = json_object_get(p, key)) == NULL) {
		usage_error("policy set: no policy field %s (see tripmode "
		    "policy show)", key);
		goto out;
	}
	if ((nv = policy_value(key, old, v)) == NULL)
		goto out;
	if (json_object_set_new(p, key, nv) == -1)
		fatal_nomem();
	rv = 0;

out:
	free(key);
	return (rv);
}

/* tripmode policy show */
int
cmd_policy_show(struct client *cl, const struct args *a, char **words,
    int nwords)
{
	if (nwords > 0)
		return (usage_hint("policy show: unexpected argument: %s",
		    words[0]));
	return (client_call(cl, "GET", POLICY_PATH, NULL, ANSWER_POLICY));
}

/*
 * tripmode policy set KEY=VALUE ...: GET the policy, change the fields,
 * PUT it back with If-Match: the ETag of what was read.
 */
int
cmd_policy_set(struct client *cl, const struct args *a, char **words,
    int nwords)
{
	struct http_response	 r;
	struct http_req		 rq;
	json_t			*p = NULL;
	char			*etag = NULL, *body = NULL;
	int			 i, rv;

	if (nwords == 0)
		return (usage_hint("policy set: give at least one KEY=VALUE"));
	for (i = 0; i < nwords; i++)
		if ((rv = policy_word_check(words[i])) != 0)
			return (rv);

	if ((rv = client_get_for_edit(cl, POLICY_PATH, "the policy", &p,
	    &etag)) != 0)
		goto out;

	for (i = 0; i < nwords; i++)
		if ((rv = policy_apply(p, words[i])) != 0)
			goto out;
	json_object_del(p, "version");
	json_object_del(p, "updated_at");
	json_object_del(p, "updated_by");
	if ((body = json_dumps(p, JSON_COMPACT)) == NULL)
		fatal_nomem();
	json_decref(p);
	p = NULL;

	memset(&rq, 0, sizeof rq);
	rq.method = "PUT";
	rq.path = POLICY_PATH;
	rq.body = body;
	rq.len = strlen(body);
	rq.if_match = etag;
	if ((rv = client_send(cl, &rq, &r)) != 0)
		goto out;
	if (r.status == 412)
		rv = client_conflict(cl, POLICY_PATH, "the policy", &r);
	else if ((rv = client_answer(cl, &r, &p)) == EXIT_OK)
		client_print(cl, p, ANSWER_POLICY, r.etag, stdout);
	http_response_free(&r);

out:
	json_decref(p);
	free(body);
	free(etag);
	return (rv);
}

/* tripmode factors show */
int
cmd_factors_show(struct client *cl, const struct args *a, char **words,
    int nwords)
{
	if (nwords > 0)
		return (usage_hint("factors show: unexpected argument: %s",
		    words[0]));
	return (client_call(cl, "GET", "/v1/factors", NULL, ANSWER_FACTORS));
}
