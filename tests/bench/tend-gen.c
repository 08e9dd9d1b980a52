/* tend-gen.c: fill a fresh profile with the sample business and measure it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   tend-gen --connections 100000 --interactions 1000000
 *
 * prints one "name: value" line per measure on stdout. Without
 * --data-dir or --output the profile goes to a temporary folder that is
 * removed afterwards.
 */
#define G_LOG_DOMAIN "tend-gen"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "tend-reciprocity.h"
#include "tend-sample-generator.h"
#include "tend-store.h"
#include "tend-bench-utils.h"
#include "tend-test-utils.h"

static goffset
file_size (const char *path)
{
  GStatBuf buf;

  if (g_stat (path, &buf) != 0)
    return 0;

  return buf.st_size;
}

static gboolean
run (const char                *db_path,
     const TendSampleOptions   *options,
     GError                   **error)
{
  g_autoptr(TendStore) store = NULL;
  g_autoptr(GListModel) connections = NULL;
  g_autofree char *wal_path = g_strconcat (db_path, "-wal", NULL);
  TendReciprocityParams params;
  gint64 n_connections;
  gint64 n_interactions;
  double generate_seconds;
  double load_seconds;
  double reciprocity_seconds;
  gint64 start;

  store = tend_store_open (db_path, error);
  if (store == NULL)
    return FALSE;

  start = g_get_monotonic_time ();
  if (!tend_sample_generate (store, options, NULL, error))
    return FALSE;
  generate_seconds = tend_bench_seconds_since (start);

  n_connections = tend_store_count_connections (store, error);
  if (n_connections < 0)
    return FALSE;
  n_interactions = tend_store_count_interactions (store, error);
  if (n_interactions < 0)
    return FALSE;

  start = g_get_monotonic_time ();
  connections = tend_store_list_connections (store, error);
  if (connections == NULL)
    return FALSE;
  load_seconds = tend_bench_seconds_since (start);

  tend_reciprocity_params_init_default (&params);
  start = g_get_monotonic_time ();
  if (!tend_reciprocity_apply (store, connections, &params, options->now, error))
    return FALSE;
  reciprocity_seconds = tend_bench_seconds_since (start);

  g_print ("connections: %" G_GINT64_FORMAT "\n", n_connections);
  g_print ("interactions: %" G_GINT64_FORMAT "\n", n_interactions);
  g_print ("generate_seconds: %.3f\n", generate_seconds);
  g_print ("load_connections_seconds: %.3f\n", load_seconds);
  g_print ("reciprocity_seconds: %.3f\n", reciprocity_seconds);
  g_print ("peak_rss_mib: %.1f\n", tend_bench_peak_rss_mib ());

  /* Closing the last connection checkpoints the write-ahead log into
   * the database file, so its size is the size a profile takes. */
  g_clear_object (&connections);
  g_clear_object (&store);
  g_print ("database_mib: %.1f\n",
           (double) (file_size (db_path) + file_size (wal_path)) / (1024.0 * 1024.0));

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *output = NULL;
  g_autofree char *temp_dir = NULL;
  g_autofree char *db_path = NULL;
  TendSampleOptions options;
  int n_connections;
  int n_interactions;
  gint64 seed;
  gint64 now;
  gboolean ok;

  tend_sample_options_init_default (&options);
  n_connections = options.n_connections;
  n_interactions = options.n_interactions;
  seed = options.seed;
  now = options.now;

  {
    const GOptionEntry entries[] = {
      { "connections", 'c', 0, G_OPTION_ARG_INT, &n_connections,
        "How many connections to generate", "N" },
      { "interactions", 'i', 0, G_OPTION_ARG_INT, &n_interactions,
        "How many interactions to generate (0: as many as the sample naturally has)", "M" },
      { "seed", 's', 0, G_OPTION_ARG_INT64, &seed,
        "The generator's seed", "S" },
      { "now", 0, 0, G_OPTION_ARG_INT64, &now,
        "Where histories end, in Unix seconds (default: the current time)", "SECONDS" },
      { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, &data_dir,
        "Write the profile to DIR/tend.db", "DIR" },
      { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
        "Write the profile to this database file", "FILE.db" },
      { NULL }
    };

    context = g_option_context_new ("— fill a fresh profile with the sample business and measure it");
    g_option_context_add_main_entries (context, entries, NULL);
  }


  if (!tend_bench_parse_options (context, &argc, &argv, &n_connections, &n_interactions))
    return 2;

  if (data_dir != NULL && output != NULL)
    {
      g_printerr ("tend-gen: give either --data-dir or --output, not both\n");
      return 2;
    }

  if (output != NULL)
    db_path = g_strdup (output);
  else if (data_dir != NULL)
    db_path = tend_store_build_path (data_dir);
  else
    {
      temp_dir = g_dir_make_tmp ("tend-gen-XXXXXX", &error);
      if (temp_dir == NULL)
        {
          g_printerr ("tend-gen: %s\n", error->message);
          return 1;
        }
      db_path = tend_store_build_path (temp_dir);
    }

  if (g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      g_printerr ("tend-gen: %s already exists; give a path for a fresh profile\n", db_path);
      return 1;
    }

  options.seed = (guint64) seed;
  options.n_connections = (guint) n_connections;
  options.n_interactions = (guint) n_interactions;
  options.now = now;

  ok = run (db_path, &options, &error);

  if (temp_dir != NULL && !tend_test_remove_tree (temp_dir))
    g_printerr ("tend-gen: could not remove %s\n", temp_dir);

  if (!ok)
    {
      g_printerr ("tend-gen: %s\n", error->message);
      return 1;
    }

  return 0;
}
