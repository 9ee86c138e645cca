/*
 * A rail network as data, and the fastest journeys over it.
 *
 * Hubs are stations; edges are the fastest regular direct service between
 * two of them (minutes as scheduled), a night train (with the days it
 * leaves), or a change between two stations of one city (Paris-Nord to
 * Paris-Gare-de-Lyon).  Changing trains at a hub costs a transfer
 * allowance, except between the legs of one through service (the same
 * service name) and around an explicit change edge, which is its own
 * allowance.  rail_solve finds, from one origin hub, the fastest journey
 * to every hub: it runs once per network and policy, and a request looks
 * its hubs up.  Pure C, no I/O.
 */
#ifndef TRIPMODE_RAILNET_H
#define TRIPMODE_RAILNET_H

#include <stddef.h>

#include "decision/decision.h"

#define RAIL_NAME_MAX		64
#define RAIL_OPERATOR_MAX	64
#define RAIL_SERVICE_MAX	80
#define RAIL_ALL_DAYS		0x7fu	/* bit 0 Monday ... bit 6 Sunday */
#define RAIL_UNREACHABLE	(-1)

enum rail_kind {
	RAIL_DAY,		/* a daytime service */
	RAIL_NIGHT,		/* a night train, on its days */
	RAIL_CHANGE		/* between stations of one city */
};

struct rail_hub {
	char	 id[DEC_ID_MAX];		/* [a-z0-9-] */
	char	 name[RAIL_NAME_MAX];		/* "Paris-Nord" */
	char	 country[3];			/* ISO 3166-1 alpha-2 */
	double	 lat, lon;
};

struct rail_edge {
	int		 from, to;		/* hub indexes */
	int		 minutes;		/* > 0 */
	enum rail_kind	 kind;
	unsigned	 days;			/* night: the days it leaves */
	char		 operator[RAIL_OPERATOR_MAX];
	char		 service[RAIL_SERVICE_MAX];	/* "" or a through
							 * service's name */
	int		 ferry;			/* crosses the sea by ship */
	int		 estimate;		/* minutes are an estimate */
};

struct rail_net {
	const struct rail_hub	*hubs;
	size_t			 nhubs;
	const struct rail_edge	*edges;
	size_t			 nedges;
	const char		(*no_rail)[3];	/* countries without
						 * passenger rail */
	size_t			 nno_rail;
};

/*
 * Check a network as a graph: hub ids given and distinct (their form is
 * the reader's), coordinates in range, edges between two known, different
 * hubs, minutes positive (at most two days), a night edge's days given,
 * and every hub reachable from the origin's hub and back.  Every error is
 * added to errs, fields named "hubs[I].id", "edges[I].minutes"; 0 if
 * none.
 */
int	 rail_net_check(const struct rail_net *, int origin,
	    struct dec_errors *);

/* The fastest journeys from one hub: for each hub, its minutes (door of
 * the origin hub to the hub, RAIL_UNREACHABLE if none), the last edge, the
 * changes made and whether a night train is taken. */
struct rail_best {
	int	 minutes;
	int	 edge;		/* the last edge, -1 at the origin */
	int	 changes;
	int	 night;
};
struct rail_routes {
	const struct rail_net	*net;
	int			 origin;
	struct rail_best	*best;		/* nhubs */
	int			*prev;		/* per edge: the edge before */
};

/*
 * Solve from origin with transfer_minutes per change; night edges are
 * taken only when they leave on one of night_days (0: none).  0, or -1
 * out of memory.  rail_routes_free frees the result.
 */
int	 rail_solve(const struct rail_net *, int origin, int transfer_minutes,
	    unsigned night_days, struct rail_routes *);
void	 rail_routes_free(struct rail_routes *);
/* The edges of the fastest journey to hub, in order, into v (at most
 * max): how many there are (0 at the origin or unreachable). */
size_t	 rail_path(const struct rail_routes *, int hub, int *v, size_t max);

/*
 * From the network to a place.  Per edge of the network, its rail
 * distance and the stretches it is charged by (by country, or one for an
 * operator's through train), as whoever holds the borders splits it; NULL
 * edges: the great circle x rail_detour, one stretch.
 */
struct rail_edge_km {
	int			 ncountries;	/* crossed, in order */
	char			 countries[DEC_LEG_PARTS][3];
	int			 nparts;
	struct dec_leg_part	 parts[DEC_LEG_PARTS];
};
struct rail_model {
	const struct rail_net		*net;
	const struct rail_routes	*routes;	/* solved with the
							 * trip's night
							 * trains */
	const int			*night_in;	/* per hub: a night
							 * train of the trip
							 * reaching it, or -1;
							 * NULL: none */
	const struct rail_edge_km	*edges;	/* per edge, or NULL */
	const struct dec_policy		*policy;
	const struct dec_factor_set	*factors;	/* NULL: the rail
							 * factor for all */
};
/*
 * The fastest journey to a place (lat, lon) of a country: from the
 * policy's origin to the network's origin hub (when it is 1 km or more
 * away), over the network, and the last leg from one of the
 * rail_nearest_hubs nearest hubs, chosen for the fastest whole journey;
 * the last leg is a regional train (rail_detour, rail_regional_kmh), or a
 * bus (coach_detour, rail_bus_kmh) when the hub is farther than
 * rail_station_km (and only from a hub of the place's own country: not
 * across a border or the sea), and each change of trains costs
 * rail_transfer_minutes.
 * The legs and their stretches into *rt (CO2 left 0), and whether a night
 * train (m->night_in) reaches a hub with the place near, boarded within
 * the policy's working day of leaving.  A place of a
 * country the network says has no passenger rail is reached by bus.  0,
 * or -1 when no hub near is reachable (rt->found 0).
 */
int	 rail_route(const struct rail_model *, const char *place,
	    const char *country, double lat, double lon, struct dec_route *);
/*
 * For each hub of r's network, the night train leaving on one of days
 * that reaches it from a hub r reaches without passing it first (the one
 * arriving soonest after the journey to its start), or -1, into night_in
 * (nhubs).
 */
void	 rail_night_arrivals(const struct rail_routes *r, unsigned days,
	    int transfer_minutes, int *night_in);

#endif /* TRIPMODE_RAILNET_H */
