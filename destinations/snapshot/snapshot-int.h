/*
 * Shared by the files of snapshot/ only: the concrete snapshot.
 */
#ifndef TRIPMODE_SNAPSHOT_INT_H
#define TRIPMODE_SNAPSHOT_INT_H

#include <stdatomic.h>

#include "destinations/snapshot/snapshot.h"

/* One key of the name index: a normalised name pointing at an entry. */
struct dst_name {
	const char	*key;		/* normalised, in the snapshot's pool */
	size_t		 keylen;
	const char	*display;	/* the name as written in the entry */
	size_t		 entry;		/* index into entries */
	int		 prio;		/* 0 name, 1 name_nl, ... id last */
};

/* An edge's rail distance and its shares of the countries it crosses. */
struct dst_rail_split {
	double	 km;
	int	 n;
	char	 cc[DEC_LEG_PARTS][3];
	double	 share[DEC_LEG_PARTS];
};

/* The rail network with its journeys solved (see rail.c); shared
 * between snapshots. */
struct dst_rail {
	atomic_int		 refs;
	int			 version;	/* the network's */
	int			 policy_version;
	long long		 geo_generation;
	double			 detour;
	json_t			*doc;
	struct dst_rail_network	 rn;
	struct rail_routes	 week[7];	/* departing Monday ... */
	int			*night_in[7];	/* per hub, that day */
	struct dst_rail_split	*split;		/* per edge */
	char			**source_json;	/* per document edge: its
						 * source and date as JSON
						 * values, quoted once */
	char			**date_json;
	size_t			 ndoc_edges;
};

struct dst_snapshot {
	atomic_int		 refs;
	long long		 generation;	/* the store's, when read */
	long long		 geo_generation;

	struct dec_policy	 policy;
	struct dec_factor_set	 factors;
	struct dec_calibration	 calibration;

	struct dst_entry	*entries;	/* sorted by id */
	int			*entry_zone;	/* per entry: zone index, -1 */
	size_t			 nentries;
	struct geo_points	*points;	/* the entries' coordinates */

	struct dst_name		*names;		/* sorted by key, entry */
	size_t			 nnames;
	char			*pool;		/* the keys */

	struct dst_key		*keys;		/* active keys */
	size_t			 nkeys;

	struct geo_zones	*zones;		/* shared while unchanged */
	struct geo_borders	*borders;	/* shared per geo generation */
	struct geo_gazetteer	*gazetteer;	/* shared per geo generation */
	struct geo_airports	*airports;	/* shared per geo generation */

	struct dst_rail		*rail;		/* shared, see rail.c */
	struct rail_edge_km	*rail_edges;	/* per edge, this set's
						 * factors */
	char			*factor_source_json[DEC_RAIL_FACTORS + 2];
						/* [i + 2]: the source of
						 * stretch factor i, quoted */
};

/* rail.c */
int	 dst_rail_load(struct dst_snapshot *, struct dst_store *,
	    const struct dst_snapshot *prev, char **);
void	 dst_rail_derive(struct dst_snapshot *);
void	 dst_rail_unref(struct dst_rail *);

/* index.c */
int	 dst_names_build(struct dst_snapshot *, char **);

#endif /* TRIPMODE_SNAPSHOT_INT_H */
