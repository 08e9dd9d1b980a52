/* tend-sync-result.c: what one sync of a network account did
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sync reports like an import ("@me@mastodon.social: 12 connections
 * added, …"), and names who stopped following the owner since the last
 * sync, which is what the owner most wants to know.
 */
#define G_LOG_DOMAIN "tend-sync-result"

#include "config.h"

#include <glib/gi18n.h>

#include "tend-sync-result.h"

/* The summary names this many; the result keeps them all. */
#define MAX_NAMES_SHOWN 10

TendSyncResult *
tend_sync_result_new (TendSourceKind  kind,
                      const char     *title)
{
  TendSyncResult *result = g_new0 (TendSyncResult, 1);

  result->source = tend_import_source_result_new (kind);
  if (title != NULL)
    {
      g_free (result->source->title);
      result->source->title = g_strdup (title);
    }
  result->unfollowed = g_ptr_array_new_with_free_func (g_free);
  return result;
}

void
tend_sync_result_free (TendSyncResult *result)
{
  if (result == NULL)
    return;

  tend_import_source_result_free (result->source);
  g_ptr_array_unref (result->unfollowed);
  g_free (result);
}

/**
 * tend_sync_result_to_string:
 *
 * Returns: (transfer full): one line, translated, without a newline
 */
char *
tend_sync_result_to_string (const TendSyncResult *result)
{
  g_autofree char *counts = NULL;
  g_autoptr(GString) names = NULL;

  g_return_val_if_fail (result != NULL, NULL);

  counts = tend_import_source_result_to_string (result->source);
  if (result->unfollowed->len == 0)
    return g_steal_pointer (&counts);

  names = g_string_new (NULL);
  for (guint i = 0; i < MIN (result->unfollowed->len, MAX_NAMES_SHOWN); i++)
    {
      if (i > 0)
        g_string_append (names, ", ");
      g_string_append_printf (names, "@%s", (const char *) g_ptr_array_index (result->unfollowed, i));
    }
  if (result->unfollowed->len > MAX_NAMES_SHOWN)
    g_string_append (names, ", …");

  /* Translators: what a sync did, then the people who stopped following */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s; %u stopped following you: %s",
                                       "%s; %u stopped following you: %s",
                                       result->unfollowed->len),
                          counts, result->unfollowed->len, names->str);
}
