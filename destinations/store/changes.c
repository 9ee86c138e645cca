/*
 * What changed between two versions of a document: every member that
 * differs, objects followed down and named with dots
 * ({"sources.near_km": {"from": 500, "to": 400}}).
 */

#include <stdio.h>
#include <string.h>

#include "destinations/store/store-int.h"

/*
 * Are two values the same as the API shows them?  Numbers are compared
 * with the 10 significant digits they are shown with (8 is 8.0), so that
 * an export imported again changes nothing.
 */
int
dst_same_value(const json_t *a, const json_t *b)
{
	const char	*key;
	json_t		*v;
	char		 sa[32], sb[32];
	size_t		 i;

	if (a == NULL || b == NULL)
		return (a == b);
	if (json_is_number(a) && json_is_number(b)) {
		snprintf(sa, sizeof sa, "%.10g", json_number_value(a));
		snprintf(sb, sizeof sb, "%.10g", json_number_value(b));
		return (strcmp(sa, sb) == 0);
	}
	if (json_is_array(a) && json_is_array(b)) {
		if (json_array_size(a) != json_array_size(b))
			return (0);
		for (i = 0; i < json_array_size(a); i++) {
			if (!dst_same_value(json_array_get(a, i),
			    json_array_get(b, i)))
				return (0);
		}
		return (1);
	}
	if (json_is_object(a) && json_is_object(b)) {
		if (json_object_size(a) != json_object_size(b))
			return (0);
		json_object_foreach((json_t *)a, key, v) {
			if (!dst_same_value(v, json_object_get(b, key)))
				return (0);
		}
		return (1);
	}
	return (json_equal(a, b));
}

/* prefix.key in buf (len bytes); -1 if it does not fit. */
static int
member_name(char *buf, size_t len, const char *prefix, const char *key)
{
	int	n;

	n = snprintf(buf, len, "%s%s%s", prefix, *prefix != '\0' ? "." : "",
	    key);
	return (n < 0 || (size_t)n >= len ? -1 : 0);
}

/*
 * Record in changes every member that differs between a and b, objects
 * followed down and named with dots: {"sources.near_km": {from, to}}.
 */
int
dst_diff_into(json_t *changes, const char *prefix, json_t *a, json_t *b)
{
	const char	*key;
	json_t		*v;
	char		 name[256];

	if (json_is_object(a) && json_is_object(b)) {
		json_object_foreach(a, key, v) {
			if (member_name(name, sizeof name, prefix, key) != 0)
				return (-1);
			if (dst_diff_into(changes, name, v,
			    json_object_get(b, key)) != 0)
				return (-1);
		}
		json_object_foreach(b, key, v) {
			if (json_object_get(a, key) != NULL)
				continue;
			if (member_name(name, sizeof name, prefix, key) != 0)
				return (-1);
			if (dst_diff_into(changes, name, NULL, v) != 0)
				return (-1);
		}
		return (0);
	}
	if (dst_same_value(a, b))
		return (0);
	return (json_object_set_new(changes, prefix, json_pack("{s:O?, s:O?}",
	    "from", a, "to", b)));
}

/* The changes from a to b as a new object; NULL if out of memory. */
json_t *
dst_diff(json_t *a, json_t *b)
{
	json_t	*changes;

	if ((changes = json_object()) == NULL)
		return (NULL);
	if (a != NULL && dst_diff_into(changes, "", a, b) != 0) {
		json_decref(changes);
		return (NULL);
	}
	return (changes);
}

