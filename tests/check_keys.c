/* Check tests for API keys: SHA-256, making, checking, revoking. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "destinations/snapshot/snapshot.h"
#include "destinations/store/store-int.h"

static char	dbdir[] = "/tmp/check_keys.XXXXXX";
static char	dbpath[256];

/* A fresh database per test (runs in the forked child). */
static void
setup(void)
{
	ck_assert_ptr_nonnull(mkdtemp(strcpy(dbdir, "/tmp/check_keys.XXXXXX")));
	snprintf(dbpath, sizeof dbpath, "%s/t.db", dbdir);
}

/* Remove the database. */
static void
teardown(void)
{
	char	cmd[300];

	snprintf(cmd, sizeof cmd, "rm -rf %s", dbdir);
	(void)system(cmd);
}

/* Hex of a digest. */
static void
hex(const unsigned char *d, char *out)
{
	int	i;

	for (i = 0; i < 32; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
}

START_TEST(test_sha256_vectors)
{
	unsigned char	d[32];
	char		x[65], *big;

	/* FIPS 180-4 examples. */
	dst_sha256("", 0, "abc", 3, d);
	hex(d, x);
	ck_assert_str_eq(x, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");
	dst_sha256("", 0, "", 0, d);
	hex(d, x);
	ck_assert_str_eq(x, "e3b0c44298fc1c149afbf4c8996fb924"
	    "27ae41e4649b934ca495991b7852b855");
	/* Split across the two inputs: the same digest as one input. */
	dst_sha256("abcdbcdecdefdefgefghfghighijhijk", 32,
	    "ijkljklmklmnlmnomnopnopq", 24, d);
	hex(d, x);
	ck_assert_str_eq(x, "248d6a61d20638b8e5c026930c3e6039"
	    "a33ce45964ff2167f6ecedd419db06c1");
	/* One million 'a': many blocks. */
	big = malloc(1000000);
	memset(big, 'a', 1000000);
	dst_sha256(big, 500000, big + 500000, 500000, d);
	free(big);
	hex(d, x);
	ck_assert_str_eq(x, "cdc76e5c9914fb9281a1c7e284d73e67"
	    "f1809a48a497200e046d39ccc7112cd0");
}
END_TEST

START_TEST(test_roles)
{
	enum dst_role	r;

	ck_assert_int_eq(dst_role_parse("admin", &r), 0);
	ck_assert_int_eq(r, DST_ROLE_ADMIN);
	ck_assert_int_eq(dst_role_parse("hr", &r), 0);
	ck_assert_int_eq(r, DST_ROLE_HR);
	ck_assert_int_eq(dst_role_parse("staff", &r), 0);
	ck_assert_int_eq(r, DST_ROLE_STAFF);
	ck_assert_int_eq(dst_role_parse("root", &r), -1);
	ck_assert_int_eq(dst_role_parse("Admin", &r), -1);
	ck_assert(DST_ROLE_STAFF < DST_ROLE_HR && DST_ROLE_HR < DST_ROLE_ADMIN);
	ck_assert_str_eq(dst_role_name(DST_ROLE_HR), "hr");
}
END_TEST

START_TEST(test_create_check_revoke)
{
	struct dst_store	*st;
	struct dst_snapshot	*snap;
	char			*cause = NULL, *k1 = NULL, *k2 = NULL, *k3;
	struct dst_key		*keys;
	size_t			 nkeys;
	char			 name[DEC_NAME_MAX], bad[80];
	sqlite3_stmt		*q;

	st = dst_store_open(dbpath, &cause);
	ck_assert_msg(st != NULL, "%s", cause);
	ck_assert_int_eq(dst_key_create(st, DST_ROLE_ADMIN, "ops", &k1,
	    &cause), 0);
	ck_assert_int_eq(dst_key_create(st, DST_ROLE_STAFF, "desk", &k2,
	    &cause), 0);
	ck_assert_int_eq((int)strlen(k1), 67);
	ck_assert(strncmp(k1, "tm_", 3) == 0);
	ck_assert_str_ne(k1, k2);

	/* The key itself is nowhere in the database. */
	ck_assert_int_eq(sqlite3_prepare_v2(st->db, "SELECT count(*) FROM "
	    "api_keys WHERE hash = ?1 OR salt = ?1 OR key_id = ?1", -1, &q,
	    NULL), SQLITE_OK);
	sqlite3_bind_text(q, 1, k1 + 3, -1, SQLITE_STATIC);
	ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
	ck_assert_int_eq(sqlite3_column_int(q, 0), 0);
	sqlite3_finalize(q);

	/* A second active key of the same name is refused. */
	ck_assert_int_eq(dst_key_create(st, DST_ROLE_HR, "ops", &k3, &cause),
	    -1);
	ck_assert_ptr_null(k3);
	ck_assert_ptr_nonnull(strstr(cause, "ops"));
	free(cause);
	cause = NULL;

	snap = dst_snapshot_load(st, NULL, &cause);
	ck_assert_msg(snap != NULL, "%s", cause);
	ck_assert_int_eq(dst_snapshot_authenticate(snap, k1, name),
	    DST_ROLE_ADMIN);
	ck_assert_str_eq(name, "ops");
	ck_assert_int_eq(dst_snapshot_authenticate(snap, k2, name),
	    DST_ROLE_STAFF);
	ck_assert_str_eq(name, "desk");
	/* One changed digit, a truncated key, nonsense: no role. */
	strcpy(bad, k1);
	bad[40] = bad[40] == '0' ? '1' : '0';
	ck_assert_int_eq(dst_snapshot_authenticate(snap, bad, name),
	    DST_ROLE_NONE);
	ck_assert_str_eq(name, "");
	bad[40] = '\0';
	ck_assert_int_eq(dst_snapshot_authenticate(snap, bad, name),
	    DST_ROLE_NONE);
	ck_assert_int_eq(dst_snapshot_authenticate(snap, "", name),
	    DST_ROLE_NONE);
	dst_snapshot_unref(snap);

	/* Revoked: gone from the next snapshot, still listed. */
	ck_assert_int_eq(dst_key_revoke(st, "desk", &cause), 0);
	ck_assert_int_eq(dst_key_revoke(st, "desk", &cause), -1);
	free(cause);
	cause = NULL;
	snap = dst_snapshot_load(st, NULL, &cause);
	ck_assert_int_eq(dst_snapshot_authenticate(snap, k2, name),
	    DST_ROLE_NONE);
	ck_assert_int_eq(dst_snapshot_authenticate(snap, k1, name),
	    DST_ROLE_ADMIN);
	dst_snapshot_unref(snap);
	ck_assert_int_eq(dst_keys_read(st, 0, &keys, &nkeys, &cause), 0);
	ck_assert_uint_eq(nkeys, 2);
	ck_assert_str_eq(keys[1].name, "desk");
	ck_assert(keys[1].revoked_at[0] != '\0');
	ck_assert_str_eq(keys[0].revoked_at, "");
	/* The listing has the key's id, never the key. */
	ck_assert_int_eq(strncmp(keys[0].key_id, k1 + 3, 16), 0);
	ck_assert_uint_eq(strlen(keys[0].key_id), 16);
	free(keys);
	/* The name is free again once revoked. */
	free(k2);
	ck_assert_int_eq(dst_key_create(st, DST_ROLE_HR, "desk", &k2, &cause),
	    0);
	free(k1);
	free(k2);
	dst_store_close(st);
}
END_TEST

START_TEST(test_bad_names_and_roles)
{
	struct dst_store	*st;
	char			*cause = NULL, *k = NULL;

	st = dst_store_open(dbpath, &cause);
	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(dst_key_create(st, DST_ROLE_ADMIN, "", &k, &cause),
	    -1);
	ck_assert_ptr_nonnull(strstr(cause, "name"));
	free(cause);
	ck_assert_int_eq(dst_key_create(st, DST_ROLE_NONE, "x", &k, &cause),
	    -1);
	ck_assert_ptr_nonnull(strstr(cause, "role"));
	free(cause);
	ck_assert_int_eq(dst_key_create(st, DST_ROLE_ADMIN, "tab\there", &k,
	    &cause), -1);
	free(cause);
	ck_assert_ptr_null(k);
	dst_store_close(st);
}
END_TEST

/* The suite. */
static Suite *
keys_suite(void)
{
	Suite	*s = suite_create("keys");
	TCase	*tc = tcase_create("keys");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_sha256_vectors);
	tcase_add_test(tc, test_roles);
	tcase_add_test(tc, test_create_check_revoke);
	tcase_add_test(tc, test_bad_names_and_roles);
	suite_add_tcase(s, tc);
	return (s);
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(keys_suite());
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return (failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
}
