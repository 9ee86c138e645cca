/*
 * Fuzz the CSV import: the reader, the destination list's columns, and
 * every row checked as an entry, as POST /v1/destinations/import does.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "daemon/daemon.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dec_errors	 errs, one;
	struct dst_entry	 e;
	struct csv		 c;
	json_t			*list = NULL;
	int			*rows = NULL;
	size_t			 i;

	memset(&errs, 0, sizeof errs);
	memset(&one, 0, sizeof one);
	if (csv_read((const char *)data, size, &c, &errs) == 0)
		csv_free(&c);
	dec_errors_clear(&errs);
	if (csv_entries((const char *)data, size, &list, &rows, &errs) == 0) {
		for (i = 0; i < json_array_size(list); i++) {
			dst_entry_from_json(json_array_get(list, i), 0, &e,
			    &one);
			dec_errors_clear(&one);
		}
		json_decref(list);
		free(rows);
	}
	dec_errors_clear(&errs);
	return (0);
}
