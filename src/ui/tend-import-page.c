/* tend-import-page.c: an import under way, with its progress and a way out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import runs in a worker with its own SQLite connection, as one
 * transaction: cancelling it, or any error, leaves the profile as it was.
 */
#define G_LOG_DOMAIN "tend-import-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tend-import.h"
#include "tend-import-page.h"
#include "tend-progress-page.h"

struct _TendImportPage
{
  GtkWidget parent_instance;

  /* template widgets */
  TendProgressPage *progress_page;
};

G_DEFINE_FINAL_TYPE (TendImportPage, tend_import_page, GTK_TYPE_WIDGET)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_progress (guint        entries_done,
             guint64      bytes_done,
             guint64      bytes_total,
             const char  *current,
             gpointer     user_data)
{
  TendImportPage *self = user_data;

  /* A report may arrive after the page was disposed, before the worker saw the cancellation. */
  if (self->progress_page == NULL)
    return;

  if (bytes_total > 0)
    tend_progress_page_set_fraction (self->progress_page, (double) bytes_done / bytes_total);
  else
    tend_progress_page_pulse (self->progress_page);

  /* Entry names come from the export: plain text. */
  tend_progress_page_set_text (self->progress_page, current);
}

static void
import_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TendImportPage) self = user_data;
  g_autoptr(TendImportResult) import_result = NULL;
  g_autoptr(GError) error = NULL;

  import_result = tend_import_run_finish (TEND_IMPORT (object), result, &error);
  if (self->progress_page != NULL)
    tend_progress_page_end (self->progress_page);

  g_signal_emit (self, signals[FINISHED], 0, import_result, error);
}

static void
tend_import_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TEND_TYPE_IMPORT_PAGE);

  G_OBJECT_CLASS (tend_import_page_parent_class)->dispose (object);
}

static void
tend_import_page_class_init (TendImportPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_import_page_dispose;

  /**
   * TendImportPage::finished:
   * @result: (nullable): a TendImportResult, valid during the emission
   * @error: (nullable): why nothing was imported
   */
  signals[FINISHED] = g_signal_new ("finished",
                                    G_TYPE_FROM_CLASS (klass),
                                    G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 2,
                                    G_TYPE_POINTER,
                                    G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/tend-import-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TendImportPage, progress_page);

  g_type_ensure (TEND_TYPE_PROGRESS_PAGE);
}

static void
tend_import_page_init (TendImportPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
tend_import_page_new (void)
{
  return g_object_new (TEND_TYPE_IMPORT_PAGE, NULL);
}

/**
 * tend_import_page_start:
 * @database_path: the profile to import into
 * @paths: (array zero-terminated=1): files, folders or .zip exports
 *
 * Returns: %FALSE when an import is already running
 */
gboolean
tend_import_page_start (TendImportPage     *self,
                        const char         *database_path,
                        const char * const *paths)
{
  g_autoptr(TendImport) import = NULL;
  GCancellable *cancellable;

  g_return_val_if_fail (TEND_IS_IMPORT_PAGE (self), FALSE);
  g_return_val_if_fail (database_path != NULL, FALSE);
  g_return_val_if_fail (paths != NULL && paths[0] != NULL, FALSE);

  if ((cancellable = tend_progress_page_begin (self->progress_page)) == NULL)
    return FALSE;

  import = tend_import_new ();
  tend_import_set_progress_func (import, on_progress, self, NULL);
  tend_import_run_async (import, database_path, paths, cancellable,
                         import_cb, g_object_ref (self));
  return TRUE;
}

gboolean
tend_import_page_is_busy (TendImportPage *self)
{
  g_return_val_if_fail (TEND_IS_IMPORT_PAGE (self), FALSE);

  return tend_progress_page_is_busy (self->progress_page);
}
