/* tend-cli.c: what `tend` does from a terminal, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Results go to standard output; main () reports errors on standard error
 * and exits non-zero.
 */
#define G_LOG_DOMAIN "tend-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tend-cli.h"
#include "tend-bluesky-accounts.h"
#include "tend-csv-export.h"
#include "tend-import.h"
#include "tend-live-accounts.h"
#include "tend-mastodon-accounts.h"
#include "tend-mastodon-connect.h"
#include "tend-reciprocity.h"
#include "tend-sample-generator.h"
#include "tend-store.h"
#include "tend-summary-document.h"

/* Exporting must not create an empty profile where none was. */
static TendStore *
open_existing_profile (const char  *data_dir,
                       GError     **error)
{
  g_autofree char *path = tend_store_build_path (data_dir);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   _("There is no Tend profile at “%s”. Check the folder given "
                     "with --data-dir, or import something first."),
                   display);
      return NULL;
    }

  return tend_store_open (path, error);
}

gboolean
tend_cli_load_sample (const char  *data_dir,
                      GError     **error)
{
  g_autofree char *path = tend_store_build_path (data_dir);
  g_autoptr(TendStore) store = NULL;
  g_autoptr(GListModel) sources = NULL;
  TendSampleOptions options;
  gint64 n_connections;
  gint64 n_interactions;

  store = tend_store_open (path, error);
  if (store == NULL)
    return FALSE;

  n_connections = tend_store_count_connections (store, error);
  if (n_connections < 0)
    return FALSE;

  if (n_connections > 0)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("The profile at “%s” already holds connections, so the sample "
                     "business was not added to it. Choose an empty folder with "
                     "--data-dir."),
                   display);
      return FALSE;
    }

  tend_sample_options_init_default (&options);
  if (!tend_sample_generate (store, &options, NULL, error))
    return FALSE;

  n_connections = tend_store_count_connections (store, error);
  n_interactions = tend_store_count_interactions (store, error);
  sources = tend_store_list_sources (store, error);
  if (n_connections < 0 || n_interactions < 0 || sources == NULL)
    return FALSE;

  g_print (_("Loaded the sample business into %s: %" G_GINT64_FORMAT " connections "
             "from %u sources, %" G_GINT64_FORMAT " interactions.\n"),
           path, n_connections, g_list_model_get_n_items (sources), n_interactions);
  return TRUE;
}

gboolean
tend_cli_export_csv (const char  *data_dir,
                     const char  *csv_path,
                     GError     **error)
{
  g_autoptr(TendStore) store = NULL;
  g_autoptr(GListModel) connections = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) output = NULL;
  TendReciprocityParams params;

  g_return_val_if_fail (csv_path != NULL, FALSE);

  store = open_existing_profile (data_dir, error);
  if (store == NULL)
    return FALSE;

  connections = tend_store_list_connections (store, error);
  if (connections == NULL)
    return FALSE;

  tend_reciprocity_params_init_default (&params);
  if (!tend_reciprocity_apply (store, connections, &params, g_get_real_time () / G_USEC_PER_SEC, error))
    return FALSE;

  /* Replacing goes through a temporary file: a failed export leaves any
   * earlier file as it was. */
  file = g_file_new_for_commandline_arg (csv_path);
  output = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  if (output == NULL)
    return FALSE;

  if (!tend_csv_export_write (connections, G_OUTPUT_STREAM (output), NULL, error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (output), NULL, error))
    return FALSE;

  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "Wrote %u connection to %s.\n",
                        "Wrote %u connections to %s.\n",
                        g_list_model_get_n_items (connections)),
           g_list_model_get_n_items (connections), csv_path);
  return TRUE;
}

/**
 * tend_cli_import:
 * @paths: (array zero-terminated=1): files, folders or .zip exports
 *
 * Imports into the profile, creating it when needed, and prints one
 * summary line per source. On error nothing is imported.
 */
gboolean
tend_cli_import (const char          *data_dir,
                 const char * const  *paths,
                 GError             **error)
{
  g_autofree char *path = tend_store_build_path (data_dir);
  g_autoptr(TendStore) store = NULL;
  g_autoptr(TendImport) import = NULL;
  g_autoptr(TendImportResult) result = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (paths != NULL, FALSE);

  store = tend_store_open (path, error);
  if (store == NULL)
    return FALSE;

  import = tend_import_new ();
  result = tend_import_run (import, store, paths, NULL, error);
  if (result == NULL)
    return FALSE;

  summary = tend_import_result_to_string (result);
  g_print ("%s", summary);
  return TRUE;
}

/**
 * tend_cli_print_summary:
 * @pdf_path: where to write the PDF
 *
 * Writes the relationship summary as a PDF on the locale's paper, without
 * a display, and remembers its figures for the next summary.
 */
gboolean
tend_cli_print_summary (const char  *data_dir,
                        const char  *pdf_path,
                        GError     **error)
{
  g_autoptr(TendStore) store = NULL;
  g_autoptr(TendSummaryDocument) document = NULL;

  g_return_val_if_fail (pdf_path != NULL, FALSE);

  store = open_existing_profile (data_dir, error);
  if (store == NULL)
    return FALSE;

  document = tend_summary_document_new_summary (store, g_get_real_time () / G_USEC_PER_SEC, error);
  if (document == NULL ||
      !tend_summary_document_write_pdf (document, pdf_path, error) ||
      !tend_summary_document_remember (document, error))
    return FALSE;

  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "Wrote the summary, %u page, to %s.\n",
                        "Wrote the summary, %u pages, to %s.\n",
                        tend_summary_document_get_n_pages (document)),
           tend_summary_document_get_n_pages (document), pdf_path);
  return TRUE;
}

/* The terminal has no window to keep alive: wait for each step. */
static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

typedef struct {
  TendMastodonConnect *connect;
  guint                watch;
} CodeInput;

static gboolean
code_typed (GIOChannel   *channel,
            GIOCondition  condition,
            gpointer      user_data)
{
  CodeInput *input = user_data;
  TendMastodonConnect *connect = input->connect;
  g_autofree char *line = NULL;

  /* At the end of the input, the browser may still come back. */
  if (g_io_channel_read_line (channel, &line, NULL, NULL, NULL) != G_IO_STATUS_NORMAL)
    {
      input->watch = 0;
      return G_SOURCE_REMOVE;
    }

  if (g_strstrip (line)[0] != '\0')
    tend_mastodon_connect_submit_code (connect, line);

  return G_SOURCE_CONTINUE;
}

/**
 * tend_cli_connect_mastodon:
 * @server: "mastodon.social" or a full URL
 *
 * Prints the consent page's address and waits for the browser to come
 * back, or for the code the server shows, typed on standard input.
 */
gboolean
tend_cli_connect_mastodon (const char  *data_dir,
                           const char  *server,
                           GError     **error)
{
  g_autofree char *path = tend_store_build_path (data_dir);
  g_autoptr(TendStore) store = NULL;
  g_autoptr(TendMastodonConnect) connect = NULL;
  g_autoptr(GAsyncResult) begun = NULL;
  g_autoptr(GAsyncResult) waited = NULL;
  g_autoptr(GIOChannel) channel = NULL;
  g_autofree char *account = NULL;
  CodeInput input = { NULL, 0 };

  g_return_val_if_fail (server != NULL, FALSE);

  store = tend_store_open (path, error);
  if (store == NULL)
    return FALSE;

  connect = tend_mastodon_connect_new (store, server, error);
  if (connect == NULL)
    return FALSE;

  tend_mastodon_connect_begin_async (connect, NULL, store_result, &begun);
  if (!tend_mastodon_connect_begin_finish (connect, wait_for (&begun), error))
    return FALSE;

  g_print (_("Open this address in your browser and allow Tend to use your account:\n"
             "  %s\n"
             "If your browser cannot come back to Tend, open this one instead, then type\n"
             "the code it shows here and press Enter:\n"
             "  %s\n"),
           tend_mastodon_connect_get_authorize_url (connect),
           tend_mastodon_connect_get_manual_url (connect));
  fflush (stdout);

  channel = g_io_channel_unix_new (STDIN_FILENO);
  input.connect = connect;
  input.watch = g_io_add_watch (channel, G_IO_IN | G_IO_HUP | G_IO_ERR, code_typed, &input);

  tend_mastodon_connect_wait_async (connect, NULL, store_result, &waited);
  account = tend_mastodon_connect_wait_finish (connect, wait_for (&waited), error);
  g_clear_handle_id (&input.watch, g_source_remove);

  if (account == NULL)
    return FALSE;

  g_print (_("Connected @%s. Run “tend --sync” to bring in your connections.\n"), account);
  return TRUE;
}

/**
 * tend_cli_disconnect_mastodon:
 * @account: "user@host"
 */
gboolean
tend_cli_disconnect_mastodon (const char  *data_dir,
                              const char  *account,
                              GError     **error)
{
  g_autoptr(TendStore) store = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  const char *bare;

  g_return_val_if_fail (account != NULL, FALSE);

  store = open_existing_profile (data_dir, error);
  if (store == NULL)
    return FALSE;

  bare = account[0] == '@' ? account + 1 : account;
  tend_mastodon_disconnect_async (store, bare, NULL, store_result, &result);
  if (!tend_mastodon_disconnect_finish (wait_for (&result), error))
    return FALSE;

  g_print (_("Disconnected @%s. Its connections stay in the profile.\n"), bare);
  return TRUE;
}

static void
progress_waiting (TendSyncProgress *progress,
                  GParamSpec       *pspec,
                  gpointer          user_data)
{
  if (tend_sync_progress_get_waiting_until (progress) != 0)
    g_printerr ("%s\n", tend_sync_progress_get_text (progress));
}

static gboolean
sync_account (TendStore       *store,
              TendLiveSource  *source,
              GError         **error)
{
  g_autoptr(GAsyncResult) synced = NULL;
  g_autoptr(TendSyncProgress) progress = tend_sync_progress_new ();
  g_autoptr(TendSyncResult) result = NULL;
  g_autofree char *summary = NULL;

  g_signal_connect (progress, "notify::waiting-until", G_CALLBACK (progress_waiting), NULL);
  tend_live_accounts_sync_async (store, source, progress, NULL, store_result, &synced);
  result = tend_live_accounts_sync_finish (wait_for (&synced), error);
  if (result == NULL)
    return FALSE;

  summary = tend_sync_result_to_string (result);
  g_print ("%s\n", summary);
  return TRUE;
}

/**
 * tend_cli_sync:
 *
 * Syncs every connected network account, one after the other, and
 * prints one summary line each. Each sync is one transaction: an error
 * leaves that account as it was.
 */
gboolean
tend_cli_sync (const char  *data_dir,
               GError     **error)
{
  g_autoptr(TendStore) store = NULL;
  g_autoptr(GPtrArray) accounts = NULL;

  store = open_existing_profile (data_dir, error);
  if (store == NULL)
    return FALSE;

  accounts = tend_live_accounts_list (store, error);
  if (accounts == NULL)
    return FALSE;

  if (accounts->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("No network account is connected to this profile. Connect one with "
                     "“tend --connect-mastodon SERVER” or “tend --connect-bluesky HANDLE”."));
      return FALSE;
    }

  for (guint i = 0; i < accounts->len; i++)
    {
      TendLiveSource *source = g_ptr_array_index (accounts, i);

      if (!sync_account (store, source, error))
        {
          g_prefix_error (error, "@%s: ", source->account);
          return FALSE;
        }
    }

  return TRUE;
}

/* The app password, from the first line of standard input. */
static char *
read_app_password (GError **error)
{
  g_autoptr(GIOChannel) channel = g_io_channel_unix_new (STDIN_FILENO);
  g_autofree char *line = NULL;

  if (isatty (STDIN_FILENO))
    {
      g_print (_("App password (make one in Bluesky’s Settings → Privacy and security → "
                 "App passwords): "));
      fflush (stdout);
    }

  if (g_io_channel_read_line (channel, &line, NULL, NULL, error) == G_IO_STATUS_ERROR)
    return NULL;

  if (line == NULL || g_strstrip (line)[0] == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("No app password was given. Type it, or pipe it, on standard input."));
      return NULL;
    }

  return g_steal_pointer (&line);
}

/**
 * tend_cli_connect_bluesky:
 * @handle: "name.bsky.social"
 * @service: (nullable): the account's server
 *
 * Signs in with the app password read from standard input.
 */
gboolean
tend_cli_connect_bluesky (const char  *data_dir,
                          const char  *handle,
                          const char  *service,
                          GError     **error)
{
  g_autofree char *path = tend_store_build_path (data_dir);
  g_autoptr(TendStore) store = NULL;
  g_autoptr(GAsyncResult) connected = NULL;
  g_autofree char *password = NULL;
  g_autofree char *account = NULL;

  g_return_val_if_fail (handle != NULL, FALSE);

  password = read_app_password (error);
  if (password == NULL)
    return FALSE;

  store = tend_store_open (path, error);
  if (store == NULL)
    return FALSE;

  tend_bluesky_connect_async (store, handle, password, service, NULL, store_result, &connected);
  account = tend_bluesky_connect_finish (wait_for (&connected), NULL, error);
  memset (password, 0, strlen (password));
  if (account == NULL)
    return FALSE;

  g_print (_("Connected @%s. Run “tend --sync” to bring in your connections.\n"), account);
  return TRUE;
}

/**
 * tend_cli_disconnect_bluesky:
 * @handle: the account's handle
 */
gboolean
tend_cli_disconnect_bluesky (const char  *data_dir,
                             const char  *handle,
                             GError     **error)
{
  g_autoptr(TendStore) store = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  const char *bare;

  g_return_val_if_fail (handle != NULL, FALSE);

  store = open_existing_profile (data_dir, error);
  if (store == NULL)
    return FALSE;

  bare = handle[0] == '@' ? handle + 1 : handle;
  tend_bluesky_disconnect_async (store, bare, NULL, store_result, &result);
  if (!tend_bluesky_disconnect_finish (wait_for (&result), error))
    return FALSE;

  g_print (_("Disconnected @%s. Its connections stay in the profile.\n"), bare);
  return TRUE;
}
