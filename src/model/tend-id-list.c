/* tend-id-list.c: sets of row ids packed into a few bytes each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A snapshot holds every connection of a source, a hundred thousand ids
 * for a large account, once per import. Sorted, each id is stored as
 * its distance from the one before, seven bits to a byte (the high bit
 * saying another byte follows), so that most take one or two bytes and
 * a snapshot is one value rather than a row per member.
 */
#define G_LOG_DOMAIN "tend-id-list"

#include "config.h"

#include "tend-id-list.h"

/* A distance between positive gint64 ids has at most 63 bits: nine
 * bytes of seven. */
#define MAX_VARINT_BYTES 9

/**
 * tend_id_list_encode:
 * @ids: (array length=n_ids): positive ids in ascending order, each once
 *
 * Returns: (transfer full): the packed list
 */
GByteArray *
tend_id_list_encode (const gint64 *ids,
                     gsize         n_ids)
{
  GByteArray *packed = g_byte_array_sized_new (n_ids * 2);
  guint64 previous = 0;

  for (gsize i = 0; i < n_ids; i++)
    {
      guint64 delta;
      guint8 bytes[MAX_VARINT_BYTES];
      guint n_bytes = 0;

      g_return_val_if_fail (ids[i] > 0 && (guint64) ids[i] > previous, packed);

      delta = (guint64) ids[i] - previous;
      previous = ids[i];

      do
        {
          bytes[n_bytes] = delta & 0x7f;
          delta >>= 7;
          if (delta != 0)
            bytes[n_bytes] |= 0x80;
          n_bytes++;
        }
      while (delta != 0);

      g_byte_array_append (packed, bytes, n_bytes);
    }

  return packed;
}

/**
 * tend_id_list_decode:
 * @data: (array length=len): a list tend_id_list_encode() packed
 *
 * Returns: (transfer full) (nullable): the ids in ascending order, or
 *   %NULL when @data is not such a list (a damaged file)
 */
GArray *
tend_id_list_decode (const guint8 *data,
                     gsize         len)
{
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), len);
  guint64 previous = 0;
  gsize i = 0;

  while (i < len)
    {
      guint64 delta = 0;
      guint shift = 0;
      gint64 id;

      do
        {
          if (i == len || shift >= 7 * MAX_VARINT_BYTES)
            return NULL;
          delta |= (guint64) (data[i] & 0x7f) << shift;
          shift += 7;
        }
      while (data[i++] & 0x80);

      if (delta == 0 || delta > (guint64) G_MAXINT64 - previous)
        return NULL;

      previous += delta;
      id = previous;
      g_array_append_val (ids, id);
    }

  return g_steal_pointer (&ids);
}

/**
 * tend_id_list_diff:
 * @first: ids in ascending order
 * @second: ids in ascending order
 * @only_in_first: (out caller-allocates): gets the ids of @first missing
 *   from @second, in ascending order
 * @only_in_second: (out caller-allocates): and those of @second missing
 *   from @first
 */
void
tend_id_list_diff (GArray *first,
                   GArray *second,
                   GArray *only_in_first,
                   GArray *only_in_second)
{
  guint i = 0;
  guint j = 0;

  while (i < first->len || j < second->len)
    {
      gint64 a = i < first->len ? g_array_index (first, gint64, i) : G_MAXINT64;
      gint64 b = j < second->len ? g_array_index (second, gint64, j) : G_MAXINT64;

      if (i < first->len && (j == second->len || a < b))
        {
          g_array_append_val (only_in_first, a);
          i++;
        }
      else if (j < second->len && (i == first->len || b < a))
        {
          g_array_append_val (only_in_second, b);
          j++;
        }
      else
        {
          i++;
          j++;
        }
    }
}
