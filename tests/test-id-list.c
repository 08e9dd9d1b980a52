/* test-id-list.c: packed id lists, as snapshots keep their members
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tend-id-list.h"

static GArray *
ids_of (const gint64 *ids,
        gsize         n_ids)
{
  GArray *array = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_array_append_vals (array, ids, n_ids);
  return array;
}

static void
assert_same_ids (GArray       *array,
                 const gint64 *ids,
                 gsize         n_ids)
{
  g_assert_nonnull (array);
  g_assert_cmpuint (array->len, ==, n_ids);
  for (gsize i = 0; i < n_ids; i++)
    g_assert_cmpint (g_array_index (array, gint64, i), ==, ids[i]);
}

static void
test_round_trip (void)
{
  /* Distances of one byte, of two, of several, and the largest id. */
  const gint64 ids[] = { 1, 2, 3, 130, 131, 20000, 4000000000, G_MAXINT64 - 1, G_MAXINT64 };
  g_autoptr(GByteArray) packed = tend_id_list_encode (ids, G_N_ELEMENTS (ids));
  g_autoptr(GArray) decoded = NULL;

  /* The first distances, 1, 1, 1 and 127, take a byte each. */
  g_assert_cmphex (packed->data[0], ==, 0x01);
  g_assert_cmphex (packed->data[3], ==, 0x7f);

  decoded = tend_id_list_decode (packed->data, packed->len);
  assert_same_ids (decoded, ids, G_N_ELEMENTS (ids));
}

static void
test_empty (void)
{
  g_autoptr(GByteArray) packed = tend_id_list_encode (NULL, 0);
  g_autoptr(GArray) decoded = NULL;

  g_assert_cmpuint (packed->len, ==, 0);
  decoded = tend_id_list_decode (NULL, 0);
  assert_same_ids (decoded, NULL, 0);
}

static void
test_size (void)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GByteArray) packed = NULL;
  g_autoptr(GArray) decoded = NULL;

  /* A source's connections are mostly near each other in id order. */
  for (gint64 id = 1; id <= 100000; id++)
    if (id % 7 != 0)
      g_array_append_val (ids, id);

  packed = tend_id_list_encode ((const gint64 *) (gpointer) ids->data, ids->len);
  g_assert_cmpuint (packed->len, ==, ids->len);

  decoded = tend_id_list_decode (packed->data, packed->len);
  assert_same_ids (decoded, (const gint64 *) (gpointer) ids->data, ids->len);
}

static void
test_damaged (void)
{
  /* A byte saying another follows, at the end. */
  const guint8 cut[] = { 0x01, 0x81 };
  /* A distance of zero: the same id twice. */
  const guint8 repeated[] = { 0x05, 0x00 };
  /* Ten bytes of seven bits: more than a 63-bit distance. */
  const guint8 too_long[] = { 0x81, 0x81, 0x81, 0x81, 0x81, 0x81, 0x81, 0x81, 0x81, 0x01 };
  /* Two ids that add up past the largest. */
  const guint8 overflow[] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 0x02 };

  g_assert_null (tend_id_list_decode (cut, sizeof cut));
  g_assert_null (tend_id_list_decode (repeated, sizeof repeated));
  g_assert_null (tend_id_list_decode (too_long, sizeof too_long));
  g_assert_null (tend_id_list_decode (overflow, sizeof overflow));
}

static void
test_diff (void)
{
  const gint64 older[] = { 2, 4, 6, 8 };
  const gint64 newer[] = { 1, 4, 5, 8, 9 };
  const gint64 joined[] = { 1, 5, 9 };
  const gint64 left[] = { 2, 6 };
  g_autoptr(GArray) older_ids = ids_of (older, G_N_ELEMENTS (older));
  g_autoptr(GArray) newer_ids = ids_of (newer, G_N_ELEMENTS (newer));
  g_autoptr(GArray) empty = ids_of (NULL, 0);
  g_autoptr(GArray) only_newer = ids_of (NULL, 0);
  g_autoptr(GArray) only_older = ids_of (NULL, 0);

  tend_id_list_diff (newer_ids, older_ids, only_newer, only_older);
  assert_same_ids (only_newer, joined, G_N_ELEMENTS (joined));
  assert_same_ids (only_older, left, G_N_ELEMENTS (left));

  g_array_set_size (only_newer, 0);
  g_array_set_size (only_older, 0);
  tend_id_list_diff (newer_ids, empty, only_newer, only_older);
  assert_same_ids (only_newer, newer, G_N_ELEMENTS (newer));
  assert_same_ids (only_older, NULL, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/id-list/round-trip", test_round_trip);
  g_test_add_func ("/id-list/empty", test_empty);
  g_test_add_func ("/id-list/size", test_size);
  g_test_add_func ("/id-list/damaged", test_damaged);
  g_test_add_func ("/id-list/diff", test_diff);

  return g_test_run ();
}
