/*
 * Files compiled into the binary by embed.sh: store/migrations/NNN_name.sql and
 * the files under data/.  Each data[] is NUL-terminated; len excludes the NUL.
 */
#ifndef TRIPMODE_EMBEDDED_H
#define TRIPMODE_EMBEDDED_H

#include <stddef.h>

struct dst_embedded {
	const char		*path;	/* "store/migrations/001_init.sql" */
	const unsigned char	*data;
	size_t			 len;
};

/* Terminated by an entry whose path is NULL. */
extern const struct dst_embedded dst_embedded_files[];

#endif
