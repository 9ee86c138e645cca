/* POST /v1/decisions and GET /healthz. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/http.h>

#include "daemon/daemon.h"

/* GET /healthz */
void
api_healthz(struct request *r)
{
	reply_json(r->req, 200, "OK", json_pack("{s:s, s:s, s:i, s:i, s:s}",
	    "status", "ok",
	    "version", PACKAGE_VERSION,
	    "destinations", (int)dst_snapshot_count(r->snap),
	    "policy_version", dst_snapshot_policy(r->snap)->version,
	    "factor_set", dst_snapshot_factors(r->snap)->name));
}

/* POST /v1/decisions */
void
api_decisions(struct request *r)
{
	struct decide_input	 in;
	struct decide_answer	 ans;
	struct problem		 p;
	struct jw		 w;
	json_t			*body;

	if ((body = request_json(r, "a trip")) == NULL)
		return;
	problem_init(&p, 422, "Invalid request");
	if (decide_from_json(body, "", &in, &p.errs) != 0 ||
	    decide_run(r->snap, &in, "", &ans, &p.errs) != 0) {
		if (dec_errors_find(&p.errs, DEC_E_UNKNOWN_PLACE) != NULL)
			problem_unknown_place(&p, in.name, &ans.sugg);
		problem_settle(&p);
		problem_send(r->req, &p);
	} else {
		problem_clear(&p);
		jw_init(&w, evhttp_request_get_output_buffer(r->req));
		encode_decision(&w, r->snap, &ans);
		jw_newline(&w);
		jw_finish(&w);
		reply_written(r->req, 200, "OK", "application/json");
	}
	json_decref(body);
}
