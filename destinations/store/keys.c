/*
 * API keys: made once and shown once, stored as a salted SHA-256, checked
 * against the snapshot in memory in constant time.
 *
 * A key is "tm_" + 16 hex digits of key id + 48 hex digits of secret.  The
 * key id finds the row; the hash of (salt, whole key) proves the rest.
 * Keys carry 256 random bits, so one round of SHA-256 suffices: there is no
 * password to guess, only a random string.
 */

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "destinations/store/store-int.h"

#define KEY_PREFIX	"tm_"
#define KEY_ID_HEX	16
#define KEY_SECRET_HEX	48
#define KEY_LEN		(3 + KEY_ID_HEX + KEY_SECRET_HEX)

static const char *const role_names[] = { "none", "staff", "hr", "admin" };

/* A role's wire name. */
const char *
dst_role_name(enum dst_role r)
{
	return ((unsigned)r < 4 ? role_names[r] : "none");
}

/* Parse staff, hr or admin. */
int
dst_role_parse(const char *s, enum dst_role *r)
{
	int	i;

	for (i = DST_ROLE_STAFF; i <= DST_ROLE_ADMIN; i++)
		if (strcmp(s, role_names[i]) == 0) {
			*r = (enum dst_role)i;
			return (0);
		}
	return (-1);
}

/* Bytes to lower-case hex (out holds 2n+1). */
static void
hex_encode(const unsigned char *in, size_t n, char *out)
{
	static const char	digits[] = "0123456789abcdef";
	size_t			i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 15];
	}
	out[2 * n] = '\0';
}

/* Hex to bytes; -1 unless exactly 2n hex digits. */
static int
hex_decode(const char *in, unsigned char *out, size_t n)
{
	size_t	i;
	int	hi, lo;

	if (strlen(in) != 2 * n)
		return (-1);
	for (i = 0; i < n; i++) {
		hi = isxdigit((unsigned char)in[2 * i]) ?
		    (isdigit((unsigned char)in[2 * i]) ? in[2 * i] - '0' :
		    (tolower((unsigned char)in[2 * i]) - 'a' + 10)) : -1;
		lo = isxdigit((unsigned char)in[2 * i + 1]) ?
		    (isdigit((unsigned char)in[2 * i + 1]) ?
		    in[2 * i + 1] - '0' :
		    (tolower((unsigned char)in[2 * i + 1]) - 'a' + 10)) : -1;
		if (hi < 0 || lo < 0)
			return (-1);
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return (0);
}

/* Fill with random bytes (OpenSSL's generator, seeded by the kernel). */
static int
random_bytes(unsigned char *buf, size_t n, char **cause)
{
	const char	*why;

	if (n > INT_MAX || RAND_bytes(buf, (int)n) != 1) {
		why = ERR_reason_error_string(ERR_get_error());
		dst_set_cause(cause, "no random bytes: %s", why != NULL ? why :
		    "RAND_bytes failed");
		return (-1);
	}
	return (0);
}

/* SHA-256 of a then b (see store-int.h). */
void
dst_sha256(const void *a, size_t alen, const void *b, size_t blen,
    unsigned char out[32])
{
	EVP_MD_CTX	*c;
	unsigned int	 n = 0;

	if ((c = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestInit_ex(c, EVP_sha256(), NULL) != 1 ||
	    EVP_DigestUpdate(c, a, alen) != 1 ||
	    EVP_DigestUpdate(c, b, blen) != 1 ||
	    EVP_DigestFinal_ex(c, out, &n) != 1 || n != 32)
		abort();		/* out of memory: nothing to hash with */
	EVP_MD_CTX_free(c);
}

/* Is a key name acceptable: 1-64 printable ASCII, no spaces at the ends? */
static int
name_valid(const char *name)
{
	size_t	n = strlen(name), i;

	if (n < 1 || n > 64 || name[0] == ' ' || name[n - 1] == ' ')
		return (0);
	for (i = 0; i < n; i++)
		if (!isprint((unsigned char)name[i]))
			return (0);
	return (1);
}

/* Make and store a key; return it once. */
int
dst_key_create(struct dst_store *s, enum dst_role role, const char *name,
    char **key, char **cause)
{
	unsigned char	 raw[KEY_ID_HEX / 2 + KEY_SECRET_HEX / 2], salt[16];
	unsigned char	 hash[32];
	char		 keybuf[KEY_LEN + 1], saltx[33], hashx[65], id[17];
	char		 now[32];
	sqlite3_stmt	*st = NULL;
	int		 rc = -1;

	*key = NULL;
	if (role < DST_ROLE_STAFF || role > DST_ROLE_ADMIN) {
		dst_set_cause(cause, "role: must be staff, hr or admin");
		return (-1);
	}
	if (!name_valid(name)) {
		dst_set_cause(cause, "name: 1 to 64 printable characters");
		return (-1);
	}
	if (random_bytes(raw, sizeof raw, cause) != 0 ||
	    random_bytes(salt, sizeof salt, cause) != 0)
		return (-1);
	memcpy(keybuf, KEY_PREFIX, 3);
	hex_encode(raw, sizeof raw, keybuf + 3);
	memcpy(id, keybuf + 3, KEY_ID_HEX);
	id[KEY_ID_HEX] = '\0';
	dst_sha256(salt, sizeof salt, keybuf, KEY_LEN, hash);
	hex_encode(salt, sizeof salt, saltx);
	hex_encode(hash, sizeof hash, hashx);
	dst_now(now, sizeof now);

	if (sqlite3_prepare_v2(s->db, "INSERT INTO api_keys (key_id, name, "
	    "role, salt, hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	    -1, &st, NULL) != SQLITE_OK) {
		dst_sql_cause(s->db, "keys", cause);
		goto out;
	}
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, dst_role_name(role), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, saltx, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, hashx, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, now, -1, SQLITE_STATIC);
	switch (sqlite3_step(st) & 0xff) {
	case SQLITE_DONE:
		if ((*key = strdup(keybuf)) == NULL)
			dst_set_cause(cause, "out of memory");
		else
			rc = 0;
		break;
	case SQLITE_CONSTRAINT:
		dst_set_cause(cause, "name: an active key named \"%s\" "
		    "exists; revoke it first", name);
		break;
	default:
		dst_sql_cause(s->db, "keys", cause);
		break;
	}
out:
	sqlite3_finalize(st);
	explicit_bzero(keybuf, sizeof keybuf);
	explicit_bzero(raw, sizeof raw);
	return (rc);
}

/* Revoke the active key of a name. */
int
dst_key_revoke(struct dst_store *s, const char *name, char **cause)
{
	sqlite3_stmt	*st;
	char		 now[32];
	int		 rc = -1;

	dst_now(now, sizeof now);
	if (sqlite3_prepare_v2(s->db, "UPDATE api_keys SET revoked_at = ?1 "
	    "WHERE name = ?2 AND revoked_at IS NULL", -1, &st,
	    NULL) != SQLITE_OK) {
		dst_sql_cause(s->db, "keys", cause);
		return (-1);
	}
	sqlite3_bind_text(st, 1, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		dst_sql_cause(s->db, "keys", cause);
	else if (sqlite3_changes(s->db) == 0)
		dst_set_cause(cause, "no active key named \"%s\"", name);
	else
		rc = 0;
	sqlite3_finalize(st);
	return (rc);
}

/* Read the key rows into *keys (see store.h). */
int
dst_keys_read(struct dst_store *s, int active_only, struct dst_key **keys,
    size_t *n, char **cause)
{
	sqlite3_stmt	*st;
	struct dst_key	*k;
	size_t		 cap = 0;
	int		 rc;

	*keys = NULL;
	*n = 0;
	if ((st = dst_sql_prepare(s->db, active_only ? "SELECT key_id, name, "
	    "role, salt, hash, created_at, revoked_at FROM api_keys WHERE "
	    "revoked_at IS NULL ORDER BY key_id" : "SELECT key_id, name, "
	    "role, salt, hash, created_at, revoked_at FROM api_keys ORDER BY "
	    "created_at, rowid", cause, "")) == NULL)
		return (-1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			if ((*keys = reallocarray(*keys, cap,
			    sizeof **keys)) == NULL)
				abort();
		}
		k = &(*keys)[*n];
		memset(k, 0, sizeof *k);
		dst_column_copy(st, 0, k->key_id, sizeof k->key_id);
		dst_column_copy(st, 1, k->name, sizeof k->name);
		dst_column_copy(st, 5, k->created_at, sizeof k->created_at);
		dst_column_copy(st, 6, k->revoked_at, sizeof k->revoked_at);
		if (dst_role_parse((const char *)sqlite3_column_text(st, 2),
		    &k->role) != 0 ||
		    hex_decode((const char *)sqlite3_column_text(st, 3),
		    k->salt, sizeof k->salt) != 0 ||
		    hex_decode((const char *)sqlite3_column_text(st, 4),
		    k->hash, sizeof k->hash) != 0) {
			dst_set_cause(cause, "key %s is damaged", k->key_id);
			goto fail;
		}
		(*n)++;
	}
	if (rc != SQLITE_DONE) {
		dst_sql_cause(s->db, "reading the keys", cause);
		goto fail;
	}
	sqlite3_finalize(st);
	return (0);
fail:
	sqlite3_finalize(st);
	if (*keys != NULL)
		explicit_bzero(*keys, cap * sizeof **keys);
	free(*keys);
	*keys = NULL;
	*n = 0;
	return (-1);
}

/* Compare 32 bytes in constant time. */
static int
equal32(const unsigned char *a, const unsigned char *b)
{
	return (CRYPTO_memcmp(a, b, 32) == 0);
}

/*
 * The active key of n that a presented key is, or NULL.  The hash is
 * computed even for an unknown key id, so that timing says nothing about
 * which ids exist.
 */
const struct dst_key *
dst_key_find(const struct dst_key *keys, size_t n, const char *key)
{
	static const unsigned char	 nosalt[16];
	const struct dst_key		*k = NULL;
	unsigned char			 hash[32];
	size_t				 i;

	if (key == NULL || strlen(key) != KEY_LEN ||
	    strncmp(key, KEY_PREFIX, 3) != 0)
		return (NULL);
	for (i = 0; i < n; i++)
		if (keys[i].revoked_at[0] == '\0' &&
		    strncmp(keys[i].key_id, key + 3, KEY_ID_HEX) == 0)
			k = &keys[i];
	dst_sha256(k != NULL ? k->salt : nosalt, 16, key, KEY_LEN, hash);
	return (k != NULL && equal32(hash, k->hash) ? k : NULL);
}
