/* tend-tag-edit.c: offering tags and putting them on a person
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the detail pane and the pruning wizard's core, so both offer
 * the same tags and keep a person's object the way the store has it.
 */
#define G_LOG_DOMAIN "tend-tag-edit"

#include "config.h"

#include <string.h>

#include "tend-reciprocity.h"
#include "tend-tag-edit.h"

/* Menu labels take underscores as mnemonics; tags show them as typed. */
static char *
escape_mnemonic (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "_", -1);

  return g_strjoinv ("__", parts);
}

/**
 * tend_tag_compare:
 *
 * Orders an array of tag strings as the store lists them: regardless of
 * ASCII case first.
 */
int
tend_tag_compare (gconstpointer a,
                  gconstpointer b)
{
  const char * const *tag_a = a;
  const char * const *tag_b = b;
  int cmp = g_ascii_strcasecmp (*tag_a, *tag_b);

  return cmp != 0 ? cmp : strcmp (*tag_a, *tag_b);
}

static gboolean
strv_has_tag (const char * const *tags,
              const char         *tag)
{
  for (guint i = 0; tags[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (tags[i], tag) == 0)
        return TRUE;
    }

  return FALSE;
}

GHashTable *
tend_tag_set_new (void)
{
  /* Tags match regardless of ASCII case, as in the store. */
  return g_hash_table_new_full ((GHashFunc) g_str_hash, (GEqualFunc) g_str_equal, g_free, NULL);
}

void
tend_tag_set_add (GHashTable *set,
                  const char *tag)
{
  g_hash_table_add (set, g_ascii_strdown (tag, -1));
}

gboolean
tend_tag_set_contains (GHashTable *set,
                       const char *tag)
{
  g_autofree char *folded = g_ascii_strdown (tag, -1);

  return g_hash_table_contains (set, folded);
}

/**
 * tend_tag_menu_new:
 * @action_name: an action taking the tag as its "s" target
 *
 * Returns: (transfer full): a menu with one item a tag
 */
GMenu *
tend_tag_menu_new (const char * const *tags,
                   const char         *action_name)
{
  GMenu *menu = g_menu_new ();

  for (guint i = 0; tags[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;

      label = escape_mnemonic (tags[i]);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, action_name, "s", tags[i]);
      g_menu_append_item (menu, item);
    }

  return menu;
}

/**
 * tend_tag_menu_new_offered:
 * @connection: (nullable): whose tags are left out
 * @n_offered: (out): how many items the menu has
 *
 * Returns: (transfer full) (nullable): the store's tags that @connection
 *   does not have yet, %NULL if the store could not list them
 */
GMenu *
tend_tag_menu_new_offered (TendStore       *store,
                           TendConnection  *connection,
                           const char      *action_name,
                           guint           *n_offered,
                           GError         **error)
{
  g_autoptr(GHashTable) present = tend_tag_set_new ();
  g_autoptr(GPtrArray) offered = g_ptr_array_new ();
  g_auto(GStrv) tags = NULL;

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);
  g_return_val_if_fail (connection == NULL || TEND_IS_CONNECTION (connection), NULL);
  g_return_val_if_fail (n_offered != NULL, NULL);

  if (!(tags = tend_store_list_tags (store, error)))
    return NULL;

  if (connection != NULL)
    {
      const char * const *own = tend_connection_get_tags (connection);

      for (guint i = 0; own[i] != NULL; i++)
        tend_tag_set_add (present, own[i]);
    }

  for (guint i = 0; tags[i] != NULL; i++)
    {
      if (!tend_tag_set_contains (present, tags[i]))
        g_ptr_array_add (offered, tags[i]);
    }
  *n_offered = offered->len;
  g_ptr_array_add (offered, NULL);

  return tend_tag_menu_new ((const char * const *) offered->pdata, action_name);
}

/**
 * tend_tag_edit_add_to_object:
 *
 * Gives @connection's object the tag the store was given, and scores it
 * again, since being tagged counts. Tags are unique regardless of ASCII
 * case in the store, and listed in that order: the object keeps the same
 * names in the same order.
 */
void
tend_tag_edit_add_to_object (TendConnection *connection,
                             const char     *tag)
{
  const char * const *tags;
  g_autoptr(GPtrArray) array = NULL;

  g_return_if_fail (TEND_IS_CONNECTION (connection));
  g_return_if_fail (tag != NULL);

  tags = tend_connection_get_tags (connection);
  if (strv_has_tag (tags, tag))
    return;

  array = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; tags[i] != NULL; i++)
    g_ptr_array_add (array, g_strdup (tags[i]));
  g_ptr_array_add (array, g_strdup (tag));
  g_ptr_array_sort (array, tend_tag_compare);
  g_ptr_array_add (array, NULL);

  tend_connection_set_tags (connection, (const char * const *) array->pdata);
  tend_reciprocity_rescore (connection, g_get_real_time () / G_USEC_PER_SEC);
}

void
tend_tag_edit_remove_from_object (TendConnection *connection,
                                  const char     *tag)
{
  const char * const *tags;
  g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_free);

  g_return_if_fail (TEND_IS_CONNECTION (connection));
  g_return_if_fail (tag != NULL);

  tags = tend_connection_get_tags (connection);
  for (guint i = 0; tags[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (tags[i], tag) != 0)
        g_ptr_array_add (array, g_strdup (tags[i]));
    }
  g_ptr_array_add (array, NULL);

  tend_connection_set_tags (connection, (const char * const *) array->pdata);
  tend_reciprocity_rescore (connection, g_get_real_time () / G_USEC_PER_SEC);
}
