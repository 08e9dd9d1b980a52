/* tend-connection-sorter.c: the order of the connections list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A header click re-sorts every row, up to 100,000 of them: about two
 * million comparisons. So a comparison only reads values that are already
 * there (numbers, enums, the name's collation key cached on the
 * connection) and never formats, folds or collates text. Ties fall to the
 * name and then to the id, so the order is total and the same every time.
 *
 * Descending reverses the sorted column only: among equal scores the names
 * still read A to Z. A missing balance and a missing tag sort last either
 * way, like blank cells in a spreadsheet.
 */
#define G_LOG_DOMAIN "tend-connection-sorter"

#include "config.h"

#include <string.h>

#include "tend-connection-sorter.h"
#include "tend-text.h"

struct _TendConnectionSorter
{
  GtkSorter parent_instance;

  TendSortKey key;
  gboolean descending;

  /* owned: tag name → collation key of its folded form; few tags,
   * many rows, so each tag is collated once */
  GHashTable *tag_keys;
};

G_DEFINE_FINAL_TYPE (TendConnectionSorter, tend_connection_sorter, GTK_TYPE_SORTER)

enum {
  PROP_0,
  PROP_KEY,
  PROP_DESCENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Sources sort by the label the column shows, in the user's language. */
static guint8 source_rank[TEND_N_SOURCE_KINDS];

static const GEnumValue sort_key_values[] = {
  { TEND_SORT_KEY_NAME,         "TEND_SORT_KEY_NAME",         "name" },
  { TEND_SORT_KEY_SOURCE,       "TEND_SORT_KEY_SOURCE",       "source" },
  { TEND_SORT_KEY_FOLLOW_STATE, "TEND_SORT_KEY_FOLLOW_STATE", "follow-state" },
  { TEND_SORT_KEY_LAST_IN,      "TEND_SORT_KEY_LAST_IN",      "last-in" },
  { TEND_SORT_KEY_LAST_OUT,     "TEND_SORT_KEY_LAST_OUT",     "last-out" },
  { TEND_SORT_KEY_IN,           "TEND_SORT_KEY_IN",           "in" },
  { TEND_SORT_KEY_OUT,          "TEND_SORT_KEY_OUT",          "out" },
  { TEND_SORT_KEY_BALANCE,      "TEND_SORT_KEY_BALANCE",      "balance" },
  { TEND_SORT_KEY_QUADRANT,     "TEND_SORT_KEY_QUADRANT",     "quadrant" },
  { TEND_SORT_KEY_SCORE,        "TEND_SORT_KEY_SCORE",        "score" },
  { TEND_SORT_KEY_TAGS,         "TEND_SORT_KEY_TAGS",         "tags" },
  { TEND_SORT_KEY_DECISION,     "TEND_SORT_KEY_DECISION",     "decision" },
  { 0, NULL, NULL }
};

GType
tend_sort_key_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GType type = g_enum_register_static (g_intern_static_string ("TendSortKey"),
                                           sort_key_values);
      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

/**
 * tend_sort_key_to_id:
 * @key: a #TendSortKey
 *
 * Returns: the stable id GSettings stores for @key, such as "last-in"
 */
const char *
tend_sort_key_to_id (TendSortKey key)
{
  g_return_val_if_fail (key < TEND_N_SORT_KEYS, NULL);

  return sort_key_values[key].value_nick;
}

gboolean
tend_sort_key_from_id (const char  *id,
                       TendSortKey *key)
{
  g_return_val_if_fail (key != NULL, FALSE);

  if (id == NULL)
    return FALSE;

  for (guint i = 0; i < TEND_N_SORT_KEYS; i++)
    {
      if (strcmp (sort_key_values[i].value_nick, id) == 0)
        {
          *key = sort_key_values[i].value;
          return TRUE;
        }
    }

  return FALSE;
}

static inline int
compare_int64 (gint64 a,
               gint64 b)
{
  return (a > b) - (a < b);
}

static inline int
compare_double (double a,
                double b)
{
  return (a > b) - (a < b);
}

static const char *
lookup_tag_key (TendConnectionSorter *self,
                const char           *tag)
{
  char *key = g_hash_table_lookup (self->tag_keys, tag);

  if (key == NULL)
    {
      g_autofree char *folded = tend_text_fold (tag);

      key = g_utf8_collate_key (folded, -1);
      g_hash_table_insert (self->tag_keys, g_strdup (tag), key);
    }

  return key;
}

/* Compares on the sorted column only. Sets @last when one side has no
 * value, which sorts last whatever the direction.
 */
static int
compare_column (TendConnectionSorter *self,
                TendConnection       *a,
                TendConnection       *b,
                gboolean             *last)
{
  switch (self->key)
    {
    case TEND_SORT_KEY_NAME:
      return strcmp (tend_connection_get_name_sort_key (a),
                     tend_connection_get_name_sort_key (b));

    case TEND_SORT_KEY_SOURCE:
      return (int) source_rank[tend_connection_get_source_kind (a)] -
             (int) source_rank[tend_connection_get_source_kind (b)];

    case TEND_SORT_KEY_FOLLOW_STATE:
      return (int) tend_connection_get_follow_state (a) -
             (int) tend_connection_get_follow_state (b);

    case TEND_SORT_KEY_LAST_IN:
      return compare_int64 (tend_connection_get_last_in (a),
                            tend_connection_get_last_in (b));

    case TEND_SORT_KEY_LAST_OUT:
      return compare_int64 (tend_connection_get_last_out (a),
                            tend_connection_get_last_out (b));

    case TEND_SORT_KEY_IN:
      return compare_double (tend_connection_get_in_weight (a),
                             tend_connection_get_in_weight (b));

    case TEND_SORT_KEY_OUT:
      return compare_double (tend_connection_get_out_weight (a),
                             tend_connection_get_out_weight (b));

    case TEND_SORT_KEY_BALANCE:
      {
        gboolean has_a = tend_connection_has_balance (a);
        gboolean has_b = tend_connection_has_balance (b);

        if (has_a != has_b)
          {
            *last = TRUE;
            return has_a ? -1 : 1;
          }
        if (!has_a)
          return 0;

        return compare_double (tend_connection_get_balance (a),
                               tend_connection_get_balance (b));
      }

    case TEND_SORT_KEY_QUADRANT:
      return (int) tend_connection_get_quadrant (a) -
             (int) tend_connection_get_quadrant (b);

    case TEND_SORT_KEY_SCORE:
      return compare_int64 (tend_connection_get_score (a),
                            tend_connection_get_score (b));

    case TEND_SORT_KEY_TAGS:
      {
        const char *tag_a = tend_connection_get_tags (a)[0];
        const char *tag_b = tend_connection_get_tags (b)[0];

        if ((tag_a == NULL) != (tag_b == NULL))
          {
            *last = TRUE;
            return tag_a != NULL ? -1 : 1;
          }
        if (tag_a == NULL || strcmp (tag_a, tag_b) == 0)
          return 0;

        return strcmp (lookup_tag_key (self, tag_a), lookup_tag_key (self, tag_b));
      }

    case TEND_SORT_KEY_DECISION:
      return (int) tend_connection_get_decision (a) -
             (int) tend_connection_get_decision (b);

    default:
      g_assert_not_reached ();
    }
}

/**
 * tend_connection_sorter_compare:
 * @self: a #TendConnectionSorter
 * @a: a connection
 * @b: another connection
 *
 * Compares the way the list sorts: on the sorted column (reversed when
 * descending, missing values last), then the name, then the id.
 *
 * Returns: negative, 0 or positive, like strcmp()
 */
int
tend_connection_sorter_compare (TendConnectionSorter *self,
                                TendConnection       *a,
                                TendConnection       *b)
{
  gboolean last = FALSE;
  int result;

  if (a == b)
    return 0;

  result = compare_column (self, a, b, &last);
  if (self->descending && !last)
    result = -result;

  if (result == 0 && self->key != TEND_SORT_KEY_NAME)
    result = strcmp (tend_connection_get_name_sort_key (a),
                     tend_connection_get_name_sort_key (b));

  if (result == 0)
    result = compare_int64 (tend_connection_get_id (a), tend_connection_get_id (b));

  return result;
}

static GtkOrdering
tend_connection_sorter_compare_items (GtkSorter *sorter,
                                      gpointer   item1,
                                      gpointer   item2)
{
  /* Called two million times a sort: no checked casts here. */
  return gtk_ordering_from_cmpfunc (tend_connection_sorter_compare ((TendConnectionSorter *) sorter,
                                                                    item1, item2));
}

static GtkSorterOrder
tend_connection_sorter_get_order (GtkSorter *sorter)
{
  return GTK_SORTER_ORDER_TOTAL;
}

static void
tend_connection_sorter_finalize (GObject *object)
{
  TendConnectionSorter *self = (TendConnectionSorter *)object;

  g_clear_pointer (&self->tag_keys, g_hash_table_unref);

  G_OBJECT_CLASS (tend_connection_sorter_parent_class)->finalize (object);
}

static void
tend_connection_sorter_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  TendConnectionSorter *self = TEND_CONNECTION_SORTER (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_enum (value, self->key);
      break;

    case PROP_DESCENDING:
      g_value_set_boolean (value, self->descending);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_connection_sorter_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  TendConnectionSorter *self = TEND_CONNECTION_SORTER (object);

  switch (prop_id)
    {
    case PROP_KEY:
      tend_connection_sorter_set_key (self, g_value_get_enum (value));
      break;

    case PROP_DESCENDING:
      tend_connection_sorter_set_descending (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static int
compare_source_labels (gconstpointer a,
                       gconstpointer b)
{
  return g_utf8_collate (tend_source_kind_get_label (*(const TendSourceKind *) a),
                         tend_source_kind_get_label (*(const TendSourceKind *) b));
}

static void
tend_connection_sorter_class_init (TendConnectionSorterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkSorterClass *sorter_class = GTK_SORTER_CLASS (klass);
  TendSourceKind kinds[TEND_N_SOURCE_KINDS];

  object_class->finalize = tend_connection_sorter_finalize;
  object_class->get_property = tend_connection_sorter_get_property;
  object_class->set_property = tend_connection_sorter_set_property;

  sorter_class->compare = tend_connection_sorter_compare_items;
  sorter_class->get_order = tend_connection_sorter_get_order;

  properties[PROP_KEY] =
    g_param_spec_enum ("key", NULL, NULL,
                       TEND_TYPE_SORT_KEY, TEND_SORT_KEY_NAME,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCENDING] =
    g_param_spec_boolean ("descending", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  for (guint i = 0; i < TEND_N_SOURCE_KINDS; i++)
    kinds[i] = i;
  qsort (kinds, TEND_N_SOURCE_KINDS, sizeof kinds[0], compare_source_labels);
  for (guint i = 0; i < TEND_N_SOURCE_KINDS; i++)
    source_rank[kinds[i]] = i;
}

static void
tend_connection_sorter_init (TendConnectionSorter *self)
{
  self->key = TEND_SORT_KEY_NAME;
  self->tag_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

TendConnectionSorter *
tend_connection_sorter_new (TendSortKey key)
{
  g_return_val_if_fail (key < TEND_N_SORT_KEYS, NULL);

  return g_object_new (TEND_TYPE_CONNECTION_SORTER,
                       "key", key,
                       NULL);
}

TendSortKey
tend_connection_sorter_get_key (TendConnectionSorter *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION_SORTER (self), TEND_SORT_KEY_NAME);

  return self->key;
}

void
tend_connection_sorter_set_key (TendConnectionSorter *self,
                                TendSortKey           key)
{
  g_return_if_fail (TEND_IS_CONNECTION_SORTER (self));

  tend_connection_sorter_set_sort (self, key, self->descending);
}

gboolean
tend_connection_sorter_get_descending (TendConnectionSorter *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION_SORTER (self), FALSE);

  return self->descending;
}

void
tend_connection_sorter_set_descending (TendConnectionSorter *self,
                                       gboolean              descending)
{
  g_return_if_fail (TEND_IS_CONNECTION_SORTER (self));

  tend_connection_sorter_set_sort (self, self->key, descending);
}

/**
 * tend_connection_sorter_set_sort:
 * @self: a #TendConnectionSorter
 * @key: the column to sort by
 * @descending: whether to sort from the highest value down
 *
 * Sets both at once, so a list model sorts once rather than twice.
 */
void
tend_connection_sorter_set_sort (TendConnectionSorter *self,
                                 TendSortKey           key,
                                 gboolean              descending)
{
  gboolean key_changed, direction_changed;

  g_return_if_fail (TEND_IS_CONNECTION_SORTER (self));
  g_return_if_fail (key < TEND_N_SORT_KEYS);

  descending = !!descending;
  key_changed = self->key != key;
  direction_changed = self->descending != descending;

  if (!key_changed && !direction_changed)
    return;

  self->key = key;
  self->descending = descending;

  if (key_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEY]);
  if (direction_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCENDING]);

  /* Not INVERTED even for the direction alone: ties and missing values
   * keep their places, so the new order is not the old one reversed. */
  gtk_sorter_changed (GTK_SORTER (self), GTK_SORTER_CHANGE_DIFFERENT);
}
