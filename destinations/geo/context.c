/*
 * One GEOS context per thread, with the thread's caches of prepared
 * geometries: GEOS prepared geometries and STRtrees build their indexes
 * lazily and none of them is thread-safe, so every thread keeps its own,
 * made from the shared, immutable WKB of an object.  The caches are slots
 * that the other files of geo/ fill, each with the function that frees it
 * when the thread ends.
 */

#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <geos_c.h>

#include "destinations/geo/geo-int.h"

struct geo_tls {
	GEOSContextHandle_t	 ctx;
	char			 msg[256];	/* what GEOS said last */
	struct geo_slot		 slots[GEO_SLOTS];
};

static pthread_key_t	tls_key;
static pthread_once_t	tls_once = PTHREAD_ONCE_INIT;
static int		tls_key_ok;
static atomic_ulong	next_serial;

/* A number no other geo object has (0 is never one). */
unsigned long
geo_serial(void)
{
	return (atomic_fetch_add(&next_serial, 1) + 1);
}

/* GEOS notices: not wanted. */
static void
notice(const char *fmt, ...)
{
	(void)fmt;
}

/* GEOS errors: kept for the message. */
static void
error_r(const char *message, void *arg)
{
	struct geo_tls	*t = arg;

	snprintf(t->msg, sizeof t->msg, "%s", message);
	dec_utf8_scrub(t->msg);
}

/* Free a thread's context and caches (the thread key's destructor). */
static void
tls_free(void *p)
{
	struct geo_tls	*t = p;
	int		 i;

	if (t == NULL)
		return;
	for (i = 0; i < GEO_SLOTS; i++)
		if (t->slots[i].state != NULL && t->slots[i].free != NULL)
			t->slots[i].free(t->ctx, t->slots[i].state);
	GEOS_finish_r(t->ctx);
	free(t);
}

static void
tls_key_init(void)
{
	tls_key_ok = pthread_key_create(&tls_key, tls_free) == 0;
}

/* The calling thread's state, made on first use; NULL if out of memory. */
static struct geo_tls *
tls_get(void)
{
	struct geo_tls	*t;

	pthread_once(&tls_once, tls_key_init);
	if (!tls_key_ok)
		return (NULL);
	if ((t = pthread_getspecific(tls_key)) != NULL)
		return (t);
	if ((t = calloc(1, sizeof *t)) == NULL)
		return (NULL);
	if ((t->ctx = GEOS_init_r()) == NULL) {
		free(t);
		return (NULL);
	}
	GEOSContext_setNoticeHandler_r(t->ctx, notice);
	GEOSContext_setErrorMessageHandler_r(t->ctx, error_r, t);
	if (pthread_setspecific(tls_key, t) != 0) {
		tls_free(t);
		return (NULL);
	}
	return (t);
}

/* The calling thread's GEOS context; NULL if out of memory. */
GEOSContextHandle_t
geo_ctx(void)
{
	struct geo_tls	*t = tls_get();

	return (t != NULL ? t->ctx : NULL);
}

/* The calling thread's cache slot of a kind, and its context. */
struct geo_slot *
geo_slot(enum geo_slot_kind kind, GEOSContextHandle_t *ctx)
{
	struct geo_tls	*t;

	if ((t = tls_get()) == NULL)
		return (NULL);
	*ctx = t->ctx;
	return (&t->slots[kind]);
}

/* What GEOS last said on this thread ("" if nothing). */
const char *
geo_message(void)
{
	struct geo_tls	*t = tls_get();

	return (t != NULL ? t->msg : "out of memory");
}

/* Forget what GEOS said, before a call whose message matters. */
void
geo_message_clear(void)
{
	struct geo_tls	*t = tls_get();

	if (t != NULL)
		t->msg[0] = '\0';
}

/* Free the calling thread's context and caches. */
void
geo_thread_cleanup(void)
{
	struct geo_tls	*t;

	pthread_once(&tls_once, tls_key_init);
	if (!tls_key_ok)
		return;
	if ((t = pthread_getspecific(tls_key)) != NULL) {
		pthread_setspecific(tls_key, NULL);
		tls_free(t);
	}
}
