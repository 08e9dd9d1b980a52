/* tend-import-owner.c: telling who the owner of a message export is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Message exports (Facebook Messenger, X direct messages) do not say
 * whose they are. The owner takes part in every conversation, so the
 * owner is the one participant found in all of them; when several are
 * (one conversation, or all with the same person), the one who sent the
 * most messages, if one sent strictly more. When nobody stands out, the
 * messages are skipped with that reason rather than guessed.
 */
#define G_LOG_DOMAIN "tend-import-owner"

#include "config.h"

#include <glib/gi18n.h>

#include "tend-import-owner.h"

/**
 * tend_import_owner_count:
 * @counts: participant → count, keys owned by the table
 *
 * Adds @n to the count of @participant.
 */
void
tend_import_owner_count (GHashTable *counts,
                         const char *participant,
                         guint       n)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, participant));

  g_hash_table_insert (counts, g_strdup (participant), GUINT_TO_POINTER (count + n));
}

/**
 * tend_import_owner_find:
 * @n_conversations: participant → conversations in which it appears
 * @n_sent: participant → messages it sent
 * @n_total: how many conversations there are
 *
 * Returns: (transfer full) (nullable): the owner, as described above,
 *   or %NULL when nobody stands out
 */
char *
tend_import_owner_find (GHashTable *n_conversations,
                        GHashTable *n_sent,
                        guint       n_total)
{
  GHashTableIter iter;
  gpointer key;
  gpointer value;
  const char *best = NULL;
  guint best_sent = 0;
  gboolean tied = FALSE;

  g_hash_table_iter_init (&iter, n_conversations);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint sent;

      if (GPOINTER_TO_UINT (value) != n_total)
        continue;

      sent = GPOINTER_TO_UINT (g_hash_table_lookup (n_sent, key));
      if (best == NULL || sent > best_sent)
        {
          best = key;
          best_sent = sent;
          tied = FALSE;
        }
      else if (sent == best_sent)
        {
          tied = TRUE;
        }
    }

  return tied ? NULL : g_strdup (best);
}

/**
 * tend_import_owner_skip_unknown:
 * @n_messages: how many messages are left out, more than 0
 *
 * Skips @n_messages messages with one reason: the owner is not known.
 */
void
tend_import_owner_skip_unknown (TendImportSink *sink,
                                guint           n_messages)
{
  tend_import_sink_skip_row (sink, 0,
                             g_dngettext (GETTEXT_PACKAGE,
                                          "%u message left out: cannot tell which "
                                          "participant is you, so not whether it came "
                                          "in or went out",
                                          "%u messages left out: cannot tell which "
                                          "participant is you, so not whether they came "
                                          "in or went out",
                                          n_messages),
                             n_messages);
}
