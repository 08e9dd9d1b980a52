/* tend-import-result.c: what one import did, per source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The summary is one line per source, as the owner reads it after an
 * import: "LinkedIn: 512 connections added, 3 updated, 2 rows skipped
 * (line 45: 2 columns where 7 were expected)".
 */
#define G_LOG_DOMAIN "tend-import-result"

#include "config.h"

#include <glib/gi18n.h>

#include "tend-import-result.h"

/* The summary shows the first few reasons; the result keeps them all. */
#define MAX_REASONS_SHOWN 3

TendImportSourceResult *
tend_import_source_result_new (TendSourceKind kind)
{
  TendImportSourceResult *result = g_new0 (TendImportSourceResult, 1);

  result->kind = kind;
  result->title = g_strdup (tend_source_kind_get_label (kind));
  result->skipped = g_ptr_array_new_with_free_func ((GDestroyNotify) tend_import_skip_free);
  return result;
}

void
tend_import_source_result_free (TendImportSourceResult *result)
{
  if (result == NULL)
    return;

  g_free (result->title);
  g_ptr_array_unref (result->skipped);
  g_clear_pointer (&result->joined, g_array_unref);
  g_clear_pointer (&result->left, g_array_unref);
  g_free (result);
}

TendImportResult *
tend_import_result_new (void)
{
  TendImportResult *result = g_new0 (TendImportResult, 1);

  result->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) tend_import_source_result_free);
  return result;
}

void
tend_import_result_free (TendImportResult *result)
{
  if (result == NULL)
    return;

  g_ptr_array_unref (result->sources);
  g_free (result);
}

/**
 * tend_import_result_find_source:
 *
 * Returns: (nullable): what the import did to the source of @kind
 */
const TendImportSourceResult *
tend_import_result_find_source (const TendImportResult *result,
                                TendSourceKind          kind)
{
  g_return_val_if_fail (result != NULL, NULL);

  for (guint i = 0; i < result->sources->len; i++)
    {
      const TendImportSourceResult *source = g_ptr_array_index (result->sources, i);

      if (source->kind == kind)
        return source;
    }

  return NULL;
}

static gboolean
skips_span_files (GPtrArray *skipped)
{
  const TendImportSkip *first;

  if (skipped->len == 0)
    return FALSE;

  first = g_ptr_array_index (skipped, 0);
  for (guint i = 1; i < skipped->len; i++)
    {
      const TendImportSkip *skip = g_ptr_array_index (skipped, i);

      if (g_strcmp0 (skip->file, first->file) != 0)
        return TRUE;
    }

  return FALSE;
}

static void
append_part (GString    *line,
             const char *separator,
             const char *part)
{
  if (line->len > 0)
    g_string_append (line, separator);
  g_string_append (line, part);
}

/**
 * tend_import_source_result_to_string:
 *
 * Returns: (transfer full): one line, translated, without a newline
 */
char *
tend_import_source_result_to_string (const TendImportSourceResult *result)
{
  g_autoptr(GString) parts = g_string_new (NULL);
  g_autofree char *text = NULL;

  g_return_val_if_fail (result != NULL, NULL);

  if (result->snapshot_id != 0 || result->n_added + result->n_updated + result->n_unchanged > 0)
    {
      g_autofree char *added = NULL;
      g_autofree char *updated = NULL;

      added = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u connection added", "%u connections added",
                                            result->n_added),
                               result->n_added);
      updated = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u updated", "%u updated",
                                              result->n_updated),
                                 result->n_updated);
      append_part (parts, ", ", added);
      append_part (parts, ", ", updated);

      if (result->n_unchanged > 0)
        {
          g_autofree char *unchanged =
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unchanged", "%u unchanged",
                                          result->n_unchanged),
                             result->n_unchanged);

          append_part (parts, ", ", unchanged);
        }
    }

  if (result->n_interactions_read > 0)
    {
      g_autofree char *added =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u interaction added", "%u interactions added",
                                      result->n_interactions_added),
                         result->n_interactions_added);

      append_part (parts, ", ", added);
    }

  if (result->n_interactions_unmatched > 0)
    {
      g_autofree char *unmatched =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u interaction with someone not among your connections left out",
                                      "%u interactions with people not among your connections left out",
                                      result->n_interactions_unmatched),
                         result->n_interactions_unmatched);

      append_part (parts, ", ", unmatched);
    }

  if (result->skipped->len > 0)
    {
      gboolean name_files = skips_span_files (result->skipped);
      g_autoptr(GString) reasons = g_string_new (NULL);
      g_autoptr(GString) skipped = g_string_new (NULL);

      for (guint i = 0; i < MIN (result->skipped->len, MAX_REASONS_SHOWN); i++)
        {
          const TendImportSkip *skip = g_ptr_array_index (result->skipped, i);
          g_autofree char *reason = NULL;

          if (name_files)
            /* Translators: a file name, a line number and why a row was skipped */
            reason = g_strdup_printf (_("%s line %u: %s"), skip->file, skip->line, skip->reason);
          else
            /* Translators: a line number and why a row was skipped */
            reason = g_strdup_printf (_("line %u: %s"), skip->line, skip->reason);

          append_part (reasons, "; ", reason);
        }

      if (result->skipped->len > MAX_REASONS_SHOWN)
        g_string_append (reasons, "; …");

      g_string_append_printf (skipped,
                              g_dngettext (GETTEXT_PACKAGE, "%u row skipped", "%u rows skipped",
                                           result->skipped->len),
                              result->skipped->len);
      g_string_append_printf (skipped, " (%s)", reasons->str);
      append_part (parts, ", ", skipped->str);
    }

  if (result->has_previous_snapshot && result->joined != NULL && result->left != NULL)
    {
      g_autofree char *joined =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u joined", "%u joined", result->joined->len),
                         result->joined->len);
      g_autofree char *left =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u left", "%u left", result->left->len),
                         result->left->len);
      /* Translators: the first %s is "N joined", the second "N left" */
      g_autofree char *since = g_strdup_printf (_("since the last import: %s, %s"), joined, left);

      append_part (parts, "; ", since);
    }

  if (parts->len == 0)
    append_part (parts, "", _("nothing found"));

  /* Translators: a source such as "LinkedIn", then what its import did */
  text = g_strdup_printf (_("%s: %s"), result->title, parts->str);
  return g_steal_pointer (&text);
}

/**
 * tend_import_source_result_count:
 *
 * Counts what storing one connection did.
 */
void
tend_import_source_result_count (TendImportSourceResult *result,
                                 TendConnectionChange    change)
{
  g_return_if_fail (result != NULL);

  switch (change)
    {
    case TEND_CONNECTION_ADDED:
      result->n_added++;
      break;
    case TEND_CONNECTION_UPDATED:
      result->n_updated++;
      break;
    case TEND_CONNECTION_UNCHANGED:
      result->n_unchanged++;
      break;
    default:
      g_assert_not_reached ();
    }
}

/**
 * tend_import_source_result_write_roster:
 * @kept: (element-type gint64): the connections a complete list (an
 *   export of people, a sync) still holds
 *
 * Marks everyone else of the source removed, takes a snapshot and
 * compares it with the previous one, so the sidebar and the detail pane
 * can tell who is new and who is gone. Inside the caller's transaction.
 */
gboolean
tend_import_source_result_write_roster (TendImportSourceResult  *result,
                                        TendStore               *store,
                                        GArray                  *kept,
                                        gint64                   now,
                                        GError                 **error)
{
  gint64 previous;

  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);

  if (!tend_store_mark_connections_removed (store, result->source_id, kept, now,
                                            &result->n_removed, error))
    return FALSE;

  previous = tend_store_get_latest_snapshot (store, result->source_id, error);
  if (previous < 0)
    return FALSE;

  result->snapshot_id = tend_store_take_snapshot (store, result->source_id, error);
  if (result->snapshot_id == 0)
    return FALSE;

  if (previous > 0)
    {
      result->has_previous_snapshot = TRUE;
      if (!tend_store_diff_snapshots (store, previous, result->snapshot_id,
                                      &result->joined, &result->left, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * tend_import_result_to_string:
 *
 * Returns: (transfer full): one line per source, each ending in a newline
 */
char *
tend_import_result_to_string (const TendImportResult *result)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (result != NULL, NULL);

  for (guint i = 0; i < result->sources->len; i++)
    {
      g_autofree char *line = tend_import_source_result_to_string (g_ptr_array_index (result->sources, i));

      g_string_append (text, line);
      g_string_append_c (text, '\n');
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}
