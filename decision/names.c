/*
 * Wire names of the decision enums, as the API and the data files spell
 * them, and the parsers back from those names.
 */

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "decision/decision-int.h"

#define nitems(a)	(sizeof (a) / sizeof (a)[0])

static const char *mode_names[] = {
	"train", "plane", "car", "coach"
};

static const char *strength_names[] = {
	"free", "recommended", "mandatory"
};

static const char *scope_names[] = {
	"multi_day_foreign", "day_trip_foreign", "domestic"
};

static const char *rule_names[] = {
	"listed", "no_rail", "near", "working_day", "night_or_long_day", "far"
};

static const char *requires_names[] = {
	NULL, "justification", "exception", "not_offered"
};

static const char *cabin_names[] = {
	"economy", "premium_economy", "business", "first", "average"
};

/* Look up value v in a table of n names; NULL when out of range. */
static const char *
name_of(const char **names, size_t n, int v)
{
	if (v < 0 || (size_t)v >= n)
		return (NULL);
	return (names[v]);
}

/* Find s in a table of n names; return its index or -1. */
static int
index_of(const char **names, size_t n, const char *s)
{
	size_t	i;

	if (s == NULL)
		return (-1);
	for (i = 0; i < n; i++) {
		if (names[i] != NULL && strcmp(names[i], s) == 0)
			return ((int)i);
	}
	return (-1);
}

/* Wire name of a mode. */
const char *
dec_mode_name(enum dec_mode m)
{
	return (name_of(mode_names, nitems(mode_names), (int)m));
}

/* Wire name of a strength. */
const char *
dec_strength_name(enum dec_strength s)
{
	return (name_of(strength_names, nitems(strength_names), (int)s));
}

/* Wire name of a scope. */
const char *
dec_scope_name(enum dec_scope s)
{
	return (name_of(scope_names, nitems(scope_names), (int)s));
}

/* Wire name of a rule. */
const char *
dec_rule_name(enum dec_rule r)
{
	return (name_of(rule_names, nitems(rule_names), (int)r));
}

/* Wire name of what another mode requires; NULL for nothing. */
const char *
dec_requires_name(enum dec_requires r)
{
	return (name_of(requires_names, nitems(requires_names), (int)r));
}

/* Wire name of a cabin class. */
const char *
dec_cabin_name(enum dec_cabin c)
{
	return (name_of(cabin_names, nitems(cabin_names), (int)c));
}

/* Parse a mode name. */
int
dec_mode_parse(const char *s, enum dec_mode *out)
{
	int	i;

	if ((i = index_of(mode_names, nitems(mode_names), s)) == -1)
		return (-1);
	*out = (enum dec_mode)i;
	return (0);
}

/* Parse a strength name. */
int
dec_strength_parse(const char *s, enum dec_strength *out)
{
	int	i;

	if ((i = index_of(strength_names, nitems(strength_names), s)) == -1)
		return (-1);
	*out = (enum dec_strength)i;
	return (0);
}

/* Parse a cabin class name. */
int
dec_cabin_parse(const char *s, enum dec_cabin *out)
{
	int	i;

	if ((i = index_of(cabin_names, nitems(cabin_names), s)) == -1)
		return (-1);
	*out = (enum dec_cabin)i;
	return (0);
}
