/* Policy, factor sets and zones: read, and (admin) replace, with history. */
#include "config.h"

#include "daemon/daemon.h"

/* Not yet built: 501 as problem+json. */
static void
not_yet(struct request *r)
{
	problem_reply(r->req, 501, "Not implemented", NULL, "%s", r->path);
}

void api_policy_get(struct request *r) { not_yet(r); }
void api_policy_put(struct request *r) { not_yet(r); }
void api_policy_history(struct request *r) { not_yet(r); }
void api_factors_get(struct request *r) { not_yet(r); }
void api_factors_put(struct request *r) { not_yet(r); }
void api_factors_history(struct request *r) { not_yet(r); }
void api_zone_get(struct request *r) { not_yet(r); }
void api_zone_put(struct request *r) { not_yet(r); }
void api_zone_history(struct request *r) { not_yet(r); }
