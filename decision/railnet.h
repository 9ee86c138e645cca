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
};

struct rail_net {
	const struct rail_hub	*hubs;
	size_t			 nhubs;
	const struct rail_edge	*edges;
	size_t			 nedges;
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
 * From the network to a place: the last leg from a hub to (lat, lon) by
 * regional rail or bus at kmh over the great circle times detour, chosen
 * over the `hubs` nearest hubs for the fastest whole journey.  A place
 * farther than max_station_km from the hub chosen has no station of its
 * own on the network: its last leg is a bus (by_bus).
 */
struct rail_last_leg {
	double	 kmh;
	double	 detour;
	double	 max_station_km;
	int	 hubs;
};
struct rail_door {
	int	 hub;			/* -1: no hub near is reachable */
	int	 hub_minutes;		/* origin hub to the hub */
	double	 last_km;		/* the hub to the place, great circle */
	int	 last_minutes;
	int	 minutes;		/* the whole journey */
	int	 by_bus;
};
/* 0, or -1 when none of the nearest hubs is reachable (d->hub -1). */
int	 rail_door_to_door(const struct rail_routes *, double lat, double lon,
	    const struct rail_last_leg *, struct rail_door *);

#endif /* TRIPMODE_RAILNET_H */
