/* main.c: the `tend` command, with or without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tend"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "tend-application.h"
#include "tend-cli.h"

static int
fail (GError *error)
{
  g_printerr ("tend: %s\n", error->message);
  g_error_free (error);
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GApplication) app = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *pdf_path = NULL;
  g_autofree char *connect_mastodon = NULL;
  g_autofree char *disconnect_mastodon = NULL;
  g_autofree char *connect_bluesky = NULL;
  g_autofree char *disconnect_bluesky = NULL;
  g_autofree char *service = NULL;
  g_auto(GStrv) import_paths = NULL;
  g_auto(GStrv) rest = NULL;
  gboolean load_sample = FALSE;
  gboolean sync = FALSE;
  gboolean version = FALSE;
  GError *error = NULL;
  const GOptionEntry entries[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("Use the profile in DIR (its database is DIR/tend.db)"), N_("DIR") },
    { "load-sample", 0, 0, G_OPTION_ARG_NONE, &load_sample,
      N_("Fill the profile with the sample business"), NULL },
    { "export-csv", 0, 0, G_OPTION_ARG_FILENAME, &csv_path,
      N_("Write every connection to FILE as CSV"), N_("FILE") },
    { "print-summary", 0, 0, G_OPTION_ARG_FILENAME, &pdf_path,
      N_("Write the relationship summary to FILE as PDF"), N_("FILE") },
    { "import", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &import_paths,
      N_("Import files, folders or .zip exports"), N_("PATH…") },
    { "connect-mastodon", 0, 0, G_OPTION_ARG_STRING, &connect_mastodon,
      N_("Connect the Mastodon account on SERVER"), N_("SERVER") },
    { "disconnect-mastodon", 0, 0, G_OPTION_ARG_STRING, &disconnect_mastodon,
      N_("Disconnect the Mastodon account ACCOUNT (user@server)"), N_("ACCOUNT") },
    { "connect-bluesky", 0, 0, G_OPTION_ARG_STRING, &connect_bluesky,
      N_("Connect the Bluesky account HANDLE; its app password is read from standard input"),
      N_("HANDLE") },
    { "service", 0, 0, G_OPTION_ARG_STRING, &service,
      N_("With --connect-bluesky: the account’s server (default https://bsky.social)"), N_("URL") },
    { "disconnect-bluesky", 0, 0, G_OPTION_ARG_STRING, &disconnect_bluesky,
      N_("Disconnect the Bluesky account HANDLE"), N_("HANDLE") },
    { "sync", 0, 0, G_OPTION_ARG_NONE, &sync,
      N_("Sync every connected network account"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version,
      N_("Show the version and quit"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Keep the relationships that matter: see who engages "
                                  "with you, and prune the rest."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (error);

  /* "--import A B C": the paths after the first are left over. */
  if (import_paths != NULL && rest != NULL && rest[0] != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      g_strv_builder_addv (builder, (const char **) import_paths);
      g_strv_builder_addv (builder, (const char **) rest);
      g_strfreev (import_paths);
      import_paths = g_strv_builder_end (builder);
      g_clear_pointer (&rest, g_strfreev);
    }

  if (rest != NULL && rest[0] != NULL)
    {
      g_printerr (_("tend: unexpected argument “%s”. Run “tend --help” to see the options.\n"),
                  rest[0]);
      return 1;
    }

  if (version)
    {
      g_print ("Tend %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (load_sample && !tend_cli_load_sample (data_dir, &error))
    return fail (error);

  if (import_paths != NULL &&
      !tend_cli_import (data_dir, (const char * const *) import_paths, &error))
    return fail (error);

  if (connect_mastodon != NULL && !tend_cli_connect_mastodon (data_dir, connect_mastodon, &error))
    return fail (error);

  if (connect_bluesky != NULL &&
      !tend_cli_connect_bluesky (data_dir, connect_bluesky, service, &error))
    return fail (error);

  if (sync && !tend_cli_sync (data_dir, &error))
    return fail (error);

  if (disconnect_mastodon != NULL &&
      !tend_cli_disconnect_mastodon (data_dir, disconnect_mastodon, &error))
    return fail (error);

  if (disconnect_bluesky != NULL &&
      !tend_cli_disconnect_bluesky (data_dir, disconnect_bluesky, &error))
    return fail (error);

  if (csv_path != NULL && !tend_cli_export_csv (data_dir, csv_path, &error))
    return fail (error);

  if (pdf_path != NULL && !tend_cli_print_summary (data_dir, pdf_path, &error))
    return fail (error);

  if (load_sample || import_paths != NULL || csv_path != NULL || pdf_path != NULL ||
      connect_mastodon != NULL || sync || disconnect_mastodon != NULL ||
      connect_bluesky != NULL || disconnect_bluesky != NULL)
    return 0;

  app = G_APPLICATION (tend_application_new (data_dir));
  return g_application_run (app, 1, argv);
}
