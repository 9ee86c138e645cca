/*
 * Fuzz the query and form parser (k=v&k=v, percent-decoded) and the staff
 * form's fields read into a trip to rule on.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/daemon.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct form		 f;
	struct decide_input	 in;
	struct dec_errors	 errs;
	int			 i;

	if (form_parse((const char *)data, size, &f) != 0)
		return (0);
	for (i = 0; i < f.n; i++) {
		/* Every key and value is a C string, as form_get gives. */
		if (f.key[i] == NULL || f.value[i] == NULL ||
		    form_get(&f, f.key[i]) == NULL)
			abort();
	}
	memset(&errs, 0, sizeof errs);
	decide_from_form(&f, &in, &errs);
	dec_errors_clear(&errs);
	form_free(&f);
	return (0);
}
