/* tend-summary-print-operation.c: printing the summary or a card with GTK
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The operation lays the document out with the print context's own cairo
 * context and size in begin-print, and draws each page through
 * tend_summary_document_draw_page(): the dialog's preview, the printer
 * and "Print to File" all take this one path, the same one as
 * `tend --print-summary`.
 *
 * The print settings and page setup the owner last used are remembered
 * twice: for the rest of the process in two static objects, and in the
 * profile as one key file ("Print Settings" and "Page Setup" groups, as
 * gtk_print_settings_to_key_file() and gtk_page_setup_to_key_file() write
 * them) under the setting "print.settings", so they survive a restart.
 */
#define G_LOG_DOMAIN "tend-summary-print-operation"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "tend-reciprocity.h"
#include "tend-summary-print-operation.h"

struct _TendSummaryPrintOperation
{
  GtkPrintOperation parent_instance;

  /* owned references */
  TendStore           *store;
  TendSummaryDocument *document;
};

G_DEFINE_FINAL_TYPE (TendSummaryPrintOperation, tend_summary_print_operation, GTK_TYPE_PRINT_OPERATION)

/* What this process printed with last; restored from the profile once. */
static GtkPrintSettings *last_settings;
static GtkPageSetup *last_page_setup;

static void
load_remembered (TendStore *store)
{
  g_autofree char *data = NULL;
  g_autoptr(GKeyFile) key_file = NULL;
  g_autoptr(GError) error = NULL;

  if (last_settings != NULL)
    return;

  data = tend_store_get_setting (store, TEND_SUMMARY_SETTING_PRINT, &error);
  if (data == NULL)
    {
      if (error != NULL)
        g_debug ("Could not read the print settings: %s", error->message);
      return;
    }

  key_file = g_key_file_new ();
  if (!g_key_file_load_from_data (key_file, data, -1, G_KEY_FILE_NONE, &error))
    {
      g_debug ("Ignoring unreadable print settings: %s", error->message);
      return;
    }

  last_settings = gtk_print_settings_new_from_key_file (key_file, NULL, NULL);
  last_page_setup = gtk_page_setup_new_from_key_file (key_file, NULL, NULL);
}

static void
save_remembered (TendSummaryPrintOperation *self)
{
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (self);
  GtkPrintSettings *settings = gtk_print_operation_get_print_settings (operation);
  GtkPageSetup *page_setup = gtk_print_operation_get_default_page_setup (operation);
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;

  if (settings != NULL)
    g_set_object (&last_settings, settings);
  if (page_setup != NULL)
    g_set_object (&last_page_setup, page_setup);

  if (last_settings != NULL)
    gtk_print_settings_to_key_file (last_settings, key_file, NULL);
  if (last_page_setup != NULL)
    gtk_page_setup_to_key_file (last_page_setup, key_file, NULL);

  data = g_key_file_to_data (key_file, NULL, NULL);
  if (!tend_store_set_setting (self->store, TEND_SUMMARY_SETTING_PRINT, data, &error))
    g_warning ("Could not save the print settings: %s", error->message);
}

static void
tend_summary_print_operation_begin_print (GtkPrintOperation *operation,
                                          GtkPrintContext   *context)
{
  TendSummaryPrintOperation *self = TEND_SUMMARY_PRINT_OPERATION (operation);

  tend_summary_document_paginate (self->document,
                                  gtk_print_context_get_cairo_context (context),
                                  gtk_print_context_get_width (context),
                                  gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation,
                                   tend_summary_document_get_n_pages (self->document));
}

static void
tend_summary_print_operation_draw_page (GtkPrintOperation *operation,
                                        GtkPrintContext   *context,
                                        int                page_nr)
{
  TendSummaryPrintOperation *self = TEND_SUMMARY_PRINT_OPERATION (operation);

  if (page_nr < 0 || (guint) page_nr >= tend_summary_document_get_n_pages (self->document))
    return;

  tend_summary_document_draw_page (self->document,
                                   gtk_print_context_get_cairo_context (context),
                                   (guint) page_nr);
}

static void
tend_summary_print_operation_done (GtkPrintOperation       *operation,
                                   GtkPrintOperationResult  result)
{
  TendSummaryPrintOperation *self = TEND_SUMMARY_PRINT_OPERATION (operation);
  g_autoptr(GError) error = NULL;

  if (result != GTK_PRINT_OPERATION_RESULT_APPLY)
    return;

  save_remembered (self);

  /* The next summary shows the change since this one. */
  if (!tend_summary_document_remember (self->document, &error))
    g_warning ("Could not remember the summary's figures: %s", error->message);
}

static void
tend_summary_print_operation_dispose (GObject *object)
{
  TendSummaryPrintOperation *self = TEND_SUMMARY_PRINT_OPERATION (object);

  g_clear_object (&self->document);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tend_summary_print_operation_parent_class)->dispose (object);
}

static void
tend_summary_print_operation_class_init (TendSummaryPrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->dispose = tend_summary_print_operation_dispose;
  operation_class->begin_print = tend_summary_print_operation_begin_print;
  operation_class->draw_page = tend_summary_print_operation_draw_page;
  operation_class->done = tend_summary_print_operation_done;
}

static void
tend_summary_print_operation_init (TendSummaryPrintOperation *self)
{
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (self);

  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, FALSE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
}

static TendSummaryPrintOperation *
operation_new (TendStore           *store,
               TendSummaryDocument *document)
{
  TendSummaryPrintOperation *self = g_object_new (TEND_TYPE_SUMMARY_PRINT_OPERATION, NULL);
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (self);

  self->store = g_object_ref (store);
  self->document = document;

  load_remembered (store);
  if (last_settings != NULL)
    gtk_print_operation_set_print_settings (operation, last_settings);
  if (last_page_setup != NULL)
    gtk_print_operation_set_default_page_setup (operation, last_page_setup);

  gtk_print_operation_set_job_name (operation,
                                    tend_summary_document_is_card (document)
                                    ? _("Relationship Card") : _("Relationship Summary"));

  return self;
}

/**
 * tend_summary_print_operation_new:
 *
 * Returns: (transfer full): an operation printing the profile's
 *   relationship summary, or %NULL when the store could not be read
 */
TendSummaryPrintOperation *
tend_summary_print_operation_new (TendStore  *store,
                                  GError    **error)
{
  TendSummaryDocument *document;

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);

  document = tend_summary_document_new_summary (store, g_get_real_time () / G_USEC_PER_SEC, error);
  if (document == NULL)
    return NULL;

  return operation_new (store, document);
}

/**
 * tend_summary_print_operation_new_card:
 * @connection: the connection to print, with its measures applied
 *
 * Returns: (transfer full): an operation printing one relationship card
 */
TendSummaryPrintOperation *
tend_summary_print_operation_new_card (TendStore       *store,
                                       TendConnection  *connection,
                                       GError         **error)
{
  TendSummaryDocument *document;

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);
  g_return_val_if_fail (TEND_IS_CONNECTION (connection), NULL);

  document = tend_summary_document_new_card (store, connection,
                                             g_get_real_time () / G_USEC_PER_SEC, error);
  if (document == NULL)
    return NULL;

  return operation_new (store, document);
}

TendSummaryDocument *
tend_summary_print_operation_get_document (TendSummaryPrintOperation *self)
{
  g_return_val_if_fail (TEND_IS_SUMMARY_PRINT_OPERATION (self), NULL);

  return self->document;
}

/**
 * tend_summary_print_operation_run:
 * @parent: (nullable): the window the dialog belongs to
 *
 * Shows the print dialog, with its preview, and prints; a failure is
 * shown in a message dialog.
 */
void
tend_summary_print_operation_run (TendSummaryPrintOperation *self,
                                  GtkWindow                 *parent)
{
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  g_return_if_fail (TEND_IS_SUMMARY_PRINT_OPERATION (self));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  result = gtk_print_operation_run (GTK_PRINT_OPERATION (self),
                                    GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    parent, &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      GtkWidget *dialog;

      /* The message is shown as text, never as markup. */
      dialog = adw_message_dialog_new (parent, _("Could Not Print"), error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}
