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
};

/* index.c */
int	 dst_names_build(struct dst_snapshot *, char **);

#endif /* TRIPMODE_SNAPSHOT_INT_H */
