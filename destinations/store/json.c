/*
 * Reading JSON input, checked member by member, every error kept with
 * its field and code: the one unknown-member check, the type names of
 * messages, and readers for the kinds of members the API and the stored
 * documents have.
 */

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "destinations/store/store-int.h"

/* Parse text as JSON; what names the text in a cause. */
json_t *
dst_load_json(const char *text, size_t len, const char *what, char **cause)
{
	json_error_t	 e;
	json_t		*j;

	if ((j = json_loadb(text, len, JSON_REJECT_DUPLICATES, &e)) == NULL)
		dst_set_cause(cause, "%s: line %d: %s", what, e.line, e.text);
	return (j);
}

/*
 * Parse a request body that must be a JSON object; NULL after adding the
 * error (field "body": empty, malformed at line and column, not an
 * object).  what says what was expected ("a destination").
 */
json_t *
dst_json_object_body(const char *body, size_t len, const char *what,
    struct dec_errors *errs)
{
	json_error_t	 je;
	json_t		*j;

	if (len == 0) {
		dec_errors_add(errs, "body", DEC_E_REQUIRED, "empty: expected "
		    "%s (a JSON object)", what);
		return (NULL);
	}
	if ((j = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je)) == NULL) {
		dec_errors_add(errs, "body", DEC_E_MALFORMED, "malformed JSON "
		    "at line %d, column %d: %s", je.line, je.column, je.text);
		return (NULL);
	}
	if (!json_is_object(j)) {
		dec_errors_add(errs, "body", DEC_E_TYPE,
		    "must be a JSON object "
		    "(%s), not %s", what, dst_json_type_name(j));
		json_decref(j);
		return (NULL);
	}
	return (j);
}

/* A JSON value's type in words, for messages ("a string", "null"). */
const char *
dst_json_type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return ("an object");
	case JSON_ARRAY:
		return ("an array");
	case JSON_STRING:
		return ("a string");
	case JSON_INTEGER:
		return ("an integer");
	case JSON_REAL:
		return ("a number");
	case JSON_TRUE:
	case JSON_FALSE:
		return ("a boolean");
	default:
		return ("null");
	}
}

/* Is key one of the NULL-terminated names? */
int
dst_json_key_in(const char *key, const char *const *names)
{
	for (; names != NULL && *names != NULL; names++)
		if (strcmp(key, *names) == 0)
			return (1);
	return (0);
}

/*
 * Name every member of o that is in neither list (also may be NULL), as
 * prefix + key ("destination.foo"), "unknown field".  1 if there was one.
 */
int
dst_json_unknown(const json_t *o, const char *prefix,
    const char *const *names, const char *const *also,
    struct dec_errors *errs)
{
	const char	*key;
	json_t		*v;
	char		 k[96], field[192];
	int		 bad = 0;

	json_object_foreach((json_t *)o, key, v) {
		if (dst_json_key_in(key, names) || dst_json_key_in(key, also))
			continue;
		snprintf(field, sizeof field, "%s%s", prefix != NULL ? prefix :
		    "", dec_clip(k, sizeof k, key, 80));
		dec_errors_add(errs, field, DEC_E_UNKNOWN_FIELD,
		    "unknown field");
		bad = 1;
	}
	return (bad);
}

/*
 * A string member: its value, or NULL when it is absent, null or bad (an
 * error is added when it is required, of another type, holds a NUL, is
 * longer than max bytes, or is blank but required).
 */
const char *
dst_json_string(const json_t *o, const char *key, const char *field,
    int required, size_t max, struct dec_errors *errs)
{
	json_t		*v = json_object_get(o, key);
	const char	*s;
	size_t		 n;

	if (v == NULL || json_is_null(v)) {
		if (required)
			dec_errors_add(errs, field, DEC_E_REQUIRED, "missing");
		return (NULL);
	}
	if (!json_is_string(v)) {
		dec_errors_add(errs, field, DEC_E_TYPE, "must be a string, not "
		    "%s", dst_json_type_name(v));
		return (NULL);
	}
	s = json_string_value(v);
	n = json_string_length(v);
	if (memchr(s, '\0', n) != NULL) {
		dec_errors_add(errs, field, DEC_E_ENCODING, "contains a NUL "
		    "character");
		return (NULL);
	}
	if (n > max) {
		dec_errors_add(errs, field, DEC_E_TOO_LONG, "longer than %zu "
		    "bytes", max);
		return (NULL);
	}
	if (required && strspn(s, " \t\r\n") == n) {
		dec_errors_add(errs, field, DEC_E_EMPTY, "must not be empty");
		return (NULL);
	}
	return (s);
}

/*
 * A number member in [lo, hi] (or (lo, hi] with lo_open): 1 with *out, 0
 * when absent or null (an error if required), -1 after an error.
 */
int
dst_json_number(const json_t *o, const char *key, const char *field,
    int required, double lo, double hi, int lo_open, double *out,
    struct dec_errors *errs)
{
	json_t	*v = json_object_get(o, key);
	double	 d;

	if (v == NULL || json_is_null(v)) {
		if (!required)
			return (0);
		dec_errors_add(errs, field, DEC_E_REQUIRED, "missing");
		return (-1);
	}
	if (!json_is_number(v)) {
		dec_errors_add(errs, field, DEC_E_TYPE, "must be a number, not "
		    "%s", dst_json_type_name(v));
		return (-1);
	}
	d = json_number_value(v);
	if (!isfinite(d) || (lo_open ? d <= lo : d < lo) || d > hi) {
		if (lo_open)
			dec_errors_add(errs, field, DEC_E_RANGE, "must be more "
			    "than %g and at most %g", lo, hi);
		else
			dec_errors_add(errs, field, DEC_E_RANGE, "must be "
			    "between %g and %g", lo, hi);
		return (-1);
	}
	*out = d;
	return (1);
}

/* An integer member in [lo, hi]: as dst_json_number. */
int
dst_json_int(const json_t *o, const char *key, const char *field,
    int required, long long lo, long long hi, long long *out,
    struct dec_errors *errs)
{
	json_t		*v = json_object_get(o, key);
	json_int_t	 i;

	if (v == NULL || json_is_null(v)) {
		if (!required)
			return (0);
		dec_errors_add(errs, field, DEC_E_REQUIRED, "missing");
		return (-1);
	}
	if (!json_is_integer(v)) {
		dec_errors_add(errs, field, DEC_E_TYPE, "must be an integer, "
		    "not %s", dst_json_type_name(v));
		return (-1);
	}
	i = json_integer_value(v);
	if (i < lo || i > hi) {
		dec_errors_add(errs, field, DEC_E_RANGE, "must be between %lld "
		    "and %lld", lo, hi);
		return (-1);
	}
	*out = i;
	return (1);
}

/* A boolean member: 1 with *out, 0 absent or null (*out 0), -1 bad. */
int
dst_json_bool(const json_t *o, const char *key, const char *field, int *out,
    struct dec_errors *errs)
{
	json_t	*v = json_object_get(o, key);

	*out = 0;
	if (v == NULL || json_is_null(v))
		return (0);
	if (!json_is_boolean(v)) {
		dec_errors_add(errs, field, DEC_E_TYPE,
		    "must be true or false, "
		    "not %s", dst_json_type_name(v));
		return (-1);
	}
	*out = json_is_true(v);
	return (1);
}

/* A date member "YYYY-MM-DD": 1 with *day, 0 absent or null, -1 bad. */
int
dst_json_date(const json_t *o, const char *key, const char *field,
    long *day, struct dec_errors *errs)
{
	const char	*s;
	char		 clip[48];
	size_t		 n = errs->n;

	if ((s = dst_json_string(o, key, field, 0, 64, errs)) == NULL)
		return (errs->n > n ? -1 : 0);
	if (*s == '\0')
		return (0);
	if (dec_date_parse(s, day) != 0) {
		dec_errors_add(errs, field, DEC_E_DATE,
		    "not a date YYYY-MM-DD: "
		    "\"%s\"", dec_clip(clip, sizeof clip, s, 20));
		return (-1);
	}
	return (1);
}
