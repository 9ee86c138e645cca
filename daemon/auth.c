/* API keys and roles.  Until keys exist only open endpoints answer. */
#include "config.h"

#include "daemon/daemon.h"

struct auth_config auth_config = { 1 };

/* Check the caller against the role an endpoint needs. */
int
auth_check(struct request *r, enum dst_role needed)
{
	if (needed == DST_ROLE_NONE)
		return (0);
	problem_reply(r->req, 403, "Forbidden", NULL,
	    "this endpoint needs an API key");
	return (-1);
}
