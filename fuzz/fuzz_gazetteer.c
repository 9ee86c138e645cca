/*
 * Fuzz the gazetteer: places built from the input's lines ("name|alt|alt"
 * each, the last line the name looked up), the index sorted and walked
 * for suggestions, and a lookup by that name with and without a country.
 * Whatever the names (any bytes, any length, shared prefixes, empty
 * alternates), the walk must stay inside the index and the pool.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "destinations/geo/geo.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct geo_gazetteer	*g;
	struct geo_place	 p;
	struct geo_place_hit	 hit;
	struct dst_suggestions	 sugg;
	char			*text, *line, *next, *bar;
	const char		*query = "";
	long			 id = 1;

	if (size > 65536 || (text = malloc(size + 1)) == NULL)
		return (0);
	memcpy(text, data, size);
	text[size] = '\0';
	if ((g = geo_gazetteer_new()) == NULL) {
		free(text);
		return (0);
	}
	for (line = text; line != NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (next == NULL) {
			query = line;
			break;
		}
		memset(&p, 0, sizeof p);
		if ((bar = strchr(line, '|')) != NULL) {
			*bar = '\0';
			p.alt = bar + 1;
		}
		if (*line == '\0')
			continue;
		p.geonameid = id;
		p.name = line;
		p.ascii = line;
		p.country = id % 2 ? "BE" : "NL";
		p.lat = (double)(id % 90);
		p.lon = (double)(id % 180);
		p.population = (id * 7919) % 100000;
		p.partner = id % 11 == 0;
		if (geo_gazetteer_add(g, &p) != 0)
			break;
		id++;
	}
	if (geo_gazetteer_finish(g) == 0) {
		(void)geo_gazetteer_find(g, query, NULL, &hit, &sugg);
		(void)geo_gazetteer_find(g, query, "NL", &hit, &sugg);
		(void)geo_gazetteer_by_id(g, id / 2, &hit);
	}
	geo_gazetteer_unref(g);
	free(text);
	return (0);
}
