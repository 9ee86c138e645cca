/*
 * Fuzz the rail network reader of PUT /v1/rail-network and what a
 * snapshot does with a network it read: solve it for a week of
 * departures, find the night trains reaching each hub, and route a few
 * places over it.  Whatever the document, a network that reads clean
 * must solve and route without a fault.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "decision/railnet.h"
#include "destinations/store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const double	 at[][2] = { { 51.05, 3.72 }, { 48.85, 2.35 },
	    { 61.5, 23.76 }, { -33.9, 151.2 } };
	struct dst_rail_network	 rn;
	struct dec_errors	 errs;
	struct dec_policy	 p;
	struct rail_routes	 r;
	struct rail_model	 m;
	struct dec_route	 rt;
	json_error_t		 jerr;
	json_t			*doc;
	int			*night_in;
	size_t			 i;

	if ((doc = json_loadb((const char *)data, size,
	    JSON_REJECT_DUPLICATES, &jerr)) == NULL)
		return (0);
	memset(&errs, 0, sizeof errs);
	if (dst_rail_network_from_json(doc, &rn, &errs) != 0) {
		dec_errors_clear(&errs);
		json_decref(doc);
		return (0);
	}
	json_decref(doc);
	dec_policy_defaults(&p);
	if (rail_solve(&rn.net, rn.origin, 15, RAIL_ALL_DAYS, &r) == 0) {
		if ((night_in = calloc(rn.nhubs + 1, sizeof *night_in)) !=
		    NULL) {
			rail_night_arrivals(&r, RAIL_ALL_DAYS, 15, night_in);
			memset(&m, 0, sizeof m);
			m.net = &rn.net;
			m.routes = &r;
			m.night_in = night_in;
			m.policy = &p;
			for (i = 0; i < sizeof at / sizeof at[0]; i++)
				(void)rail_route(&m, "fuzz", i % 2 ? "FR" : "BE",
				    at[i][0], at[i][1], &rt);
			free(night_in);
		}
		rail_routes_free(&r);
	}
	dst_rail_network_free(&rn);
	return (0);
}
