/*
 * Fuzz the route matcher: a method byte, then a request path.  A match
 * must allow the method, and its segment must be what a route's {id} or
 * {file} takes: [a-z0-9-] (and '.' for a file, never ".."), short.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <event2/http.h>

#include "daemon/daemon.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const int methods[] = {
	EVHTTP_REQ_GET, EVHTTP_REQ_HEAD, EVHTTP_REQ_POST, EVHTTP_REQ_PUT,
	EVHTTP_REQ_DELETE, EVHTTP_REQ_OPTIONS, EVHTTP_REQ_PATCH
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	 id[DEC_ID_MAX], *path;
	size_t	 i;
	int	 cmd, allowed, hit;

	if (size < 1)
		return (0);
	cmd = methods[data[0] % (sizeof methods / sizeof methods[0])];
	if ((path = malloc(size)) == NULL)
		return (0);
	memcpy(path, data + 1, size - 1);
	path[size - 1] = '\0';
	memset(id, 'x', sizeof id);
	hit = routes_find(cmd, path, id, sizeof id, &allowed);
	if (hit >= 0) {
		if ((allowed & cmd) == 0)
			abort();
		if (memchr(id, '\0', sizeof id) == NULL ||
		    strstr(id, "..") != NULL)
			abort();
		for (i = 0; id[i] != '\0'; i++)
			if (!((id[i] >= 'a' && id[i] <= 'z') ||
			    (id[i] >= '0' && id[i] <= '9') || id[i] == '-' ||
			    id[i] == '.'))
				abort();
	}
	free(path);
	return (0);
}
