/* bench-list.c: how quick the connections list is at 100,000 rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   xvfb-run -a env GSK_RENDERER=cairo GSETTINGS_BACKEND=memory \
 *     GSETTINGS_SCHEMA_DIR=_build/data _build/tests/bench/bench-list \
 *     --connections 100000 --interactions 1000000
 *
 * prints one "name: value" line per measure on stdout. Without --data-dir
 * the profile goes to a temporary folder that is removed afterwards; with
 * it, an existing profile is opened as it is and a missing one generated.
 *
 * Targets: first frame ≤ 1 s, each sort ≤ 150 ms, a keystroke ≤ 50 ms,
 * peak RSS ≤ 250 MB.
 */
#define G_LOG_DOMAIN "bench-list"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "tend-connection-filter.h"
#include "tend-connection-list.h"
#include "tend-connection-sorter.h"
#include "tend-reciprocity.h"
#include "tend-sample-generator.h"
#include "tend-store.h"
#include "tend-bench-utils.h"
#include "tend-test-utils.h"

/* {{{ Sorting a model alone, without a view */

/* Sets @sorter on a fresh sort list model over @model and returns how
 * long the (synchronous) sort took. */
static double
time_model_sort (GListModel *model,
                 GtkSorter  *sorter)
{
  g_autoptr(GtkSortListModel) sorted = gtk_sort_list_model_new (g_object_ref (model), NULL);
  gint64 start;

  gtk_sort_list_model_set_incremental (sorted, FALSE);

  start = g_get_monotonic_time ();
  gtk_sort_list_model_set_sorter (sorted, sorter);
  g_assert (g_list_model_get_n_items (G_LIST_MODEL (sorted)) == g_list_model_get_n_items (model));

  return tend_bench_ms_since (start);
}

static GtkWidget *
column_view_with_sorters (GtkSorter *(*make_sorter) (TendSortKey key))
{
  GtkColumnView *view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));

  for (TendSortKey key = 0; key < TEND_N_SORT_KEYS; key++)
    {
      g_autoptr(GtkColumnViewColumn) column = gtk_column_view_column_new (tend_sort_key_to_id (key), NULL);
      g_autoptr(GtkSorter) sorter = make_sorter (key);

      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_append_column (view, column);
    }

  return g_object_ref_sink (GTK_WIDGET (view));
}

static GtkSorter *
make_tend_sorter (TendSortKey key)
{
  return GTK_SORTER (tend_connection_sorter_new (key));
}

static int
custom_compare (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  return tend_connection_sorter_compare (user_data, (TendConnection *) a, (TendConnection *) b);
}

static GtkSorter *
make_custom_sorter (TendSortKey key)
{
  return GTK_SORTER (gtk_custom_sorter_new (custom_compare, tend_connection_sorter_new (key), g_object_unref));
}

static void
compare_sort_options (GListModel *connections)
{
  g_autoptr(GtkWidget) plain_widget = column_view_with_sorters (make_tend_sorter);
  g_autoptr(GtkWidget) custom_widget = column_view_with_sorters (make_custom_sorter);
  GtkColumnView *plain_view = GTK_COLUMN_VIEW (plain_widget);
  GtkColumnView *custom_view = GTK_COLUMN_VIEW (custom_widget);
  g_autoptr(TendConnectionSorter) direct = tend_connection_sorter_new (TEND_SORT_KEY_NAME);
  GListModel *columns = gtk_column_view_get_columns (plain_view);
  GListModel *custom_columns = gtk_column_view_get_columns (custom_view);
  double worst_direct = 0, worst_view = 0, worst_custom = 0;

  /* The stock sorters on GObject properties, for reference. */
  {
    g_autoptr(GtkSorter) string_sorter =
      GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (TEND_TYPE_CONNECTION, NULL, "name")));
    g_autoptr(GtkSorter) numeric_sorter =
      GTK_SORTER (gtk_numeric_sorter_new (gtk_property_expression_new (TEND_TYPE_CONNECTION, NULL, "score")));

    g_print ("option_stock_string_sorter_name_ms: %.1f\n", time_model_sort (connections, string_sorter));
    g_print ("option_stock_numeric_sorter_score_ms: %.1f\n", time_model_sort (connections, numeric_sorter));
  }

  for (TendSortKey key = 0; key < TEND_N_SORT_KEYS; key++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, key);
      g_autoptr(GtkColumnViewColumn) custom_column = g_list_model_get_item (custom_columns, key);
      double direct_ms, view_ms, custom_ms;

      /* (a) one TendConnectionSorter on the model, as the list does */
      tend_connection_sorter_set_sort (direct, key, FALSE);
      direct_ms = time_model_sort (connections, GTK_SORTER (direct));

      /* (b) the column view's sorter over TendConnectionSorter columns */
      gtk_column_view_sort_by_column (plain_view, column, GTK_SORT_ASCENDING);
      view_ms = time_model_sort (connections, gtk_column_view_get_sorter (plain_view));

      /* (c) the same over GtkCustomSorter columns, which the list uses to
       * find the sorted column */
      gtk_column_view_sort_by_column (custom_view, custom_column, GTK_SORT_ASCENDING);
      custom_ms = time_model_sort (connections, gtk_column_view_get_sorter (custom_view));

      g_print ("option_sort_%s_ms: direct %.1f, column_view %.1f, column_view_custom %.1f\n",
               tend_sort_key_to_id (key), direct_ms, view_ms, custom_ms);

      worst_direct = MAX (worst_direct, direct_ms);
      worst_view = MAX (worst_view, view_ms);
      worst_custom = MAX (worst_custom, custom_ms);
    }

  g_print ("option_worst_sort_ms: direct %.1f, column_view %.1f, column_view_custom %.1f\n",
           worst_direct, worst_view, worst_custom);
}

/* }}} */
/* {{{ The list in a window */

typedef struct {
  GtkWidget *list;
  gint64 start;
  double first_frame_ms;
} FirstFrame;

static gboolean
is_list_view (GtkWidget *widget)
{
  return GTK_IS_LIST_VIEW (widget);
}

static GtkWidget *
find_list_view (GtkWidget *root)
{
  if (is_list_view (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_view (child);

      if (found)
        return found;
    }

  return NULL;
}

static void
after_paint_cb (GdkFrameClock *clock,
                FirstFrame    *frame)
{
  GtkWidget *list_view;

  if (frame->first_frame_ms > 0)
    return;

  /* Drawn with rows: the list view has row widgets and they are mapped. */
  list_view = find_list_view (frame->list);
  if (list_view == NULL || gtk_widget_get_first_child (list_view) == NULL ||
      !gtk_widget_get_mapped (gtk_widget_get_first_child (list_view)))
    return;

  frame->first_frame_ms = tend_bench_ms_since (frame->start);
}

static void
settle (void)
{
  gint64 deadline = g_get_monotonic_time () + 50 * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
}

static double
time_search (TendConnectionFilter *filter,
             const char           *text)
{
  gint64 start = g_get_monotonic_time ();

  tend_connection_filter_set_search_text (filter, text);

  return tend_bench_ms_since (start);
}

static void
measure_list (GListModel *connections)
{
  GtkWindow *window;
  TendConnectionList *list;
  TendConnectionFilter *filter;
  GListModel *shown;
  FirstFrame frame = { 0 };
  gulong handler;
  GdkFrameClock *clock;
  double worst_sort = 0;

  frame.start = g_get_monotonic_time ();

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1280, 800);
  frame.list = tend_connection_list_new ();
  list = TEND_CONNECTION_LIST (frame.list);
  tend_connection_list_sort_by (list, TEND_SORT_KEY_NAME, FALSE);
  tend_connection_list_set_model (list, connections);
  g_print ("set_model_ms: %.1f\n", tend_bench_ms_since (frame.start));
  gtk_window_set_child (window, frame.list);
  gtk_window_present (window);

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_assert (clock != NULL);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &frame);
  while (frame.first_frame_ms == 0)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);

  g_print ("first_frame_ms: %.1f\n", frame.first_frame_ms);

  /* Let the idle folding of search text finish, as it would while the
   * owner looks at the list. */
  {
    gint64 start = g_get_monotonic_time ();

    while (g_main_context_pending (NULL))
      g_main_context_iteration (NULL, FALSE);
    g_print ("idle_after_first_frame_ms: %.1f\n", tend_bench_ms_since (start));
  }

  /* A header click: the column view's sorter changes, the list finds the
   * column and re-sorts 100,000 rows, the view takes the new order. */
  for (TendSortKey key = 0; key < TEND_N_SORT_KEYS; key++)
    {
      for (int descending = 0; descending <= 1; descending++)
        {
          gint64 start;
          double ms;

          /* Not the same column twice in a row: that would be no change. */
          if (key == TEND_SORT_KEY_NAME && !descending)
            tend_connection_list_sort_by (list, TEND_SORT_KEY_SCORE, FALSE);

          start = g_get_monotonic_time ();
          tend_connection_list_sort_by (list, key, descending);
          ms = tend_bench_ms_since (start);
          worst_sort = MAX (worst_sort, ms);

          g_print ("sort_%s_%s_ms: %.1f\n", tend_sort_key_to_id (key),
                   descending ? "descending" : "ascending", ms);
          settle ();
        }
    }
  g_print ("worst_sort_ms: %.1f\n", worst_sort);

  /* Typing in the search entry, sorted by name. */
  tend_connection_list_sort_by (list, TEND_SORT_KEY_NAME, FALSE);
  filter = tend_connection_list_get_filter (list);
  shown = G_LIST_MODEL (tend_connection_list_get_selection (list));

  {
    static const char * const typed[] = { "a", "an", "ann", "an", NULL };
    static const char * const names[] = { "a", "an", "ann", "backspace_an", "clear" };

    /* "ann" after "an" is the keystroke the target is about. */
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        double ms = time_search (filter, typed[i]);

        g_print ("keystroke_%s_ms: %.1f (%u rows)\n", names[i], ms,
                 g_list_model_get_n_items (shown));
        settle ();
      }
  }

  {
    gint64 start = g_get_monotonic_time ();

    tend_connection_filter_set_quadrants (filter, 1u << TEND_QUADRANT_SOLID);
    g_print ("filter_quadrant_ms: %.1f (%u rows)\n", tend_bench_ms_since (start),
             g_list_model_get_n_items (shown));
    tend_connection_filter_set_quadrants (filter, 0);
  }

  g_print ("peak_rss_mib: %.1f\n", tend_bench_peak_rss_mib ());

  gtk_window_destroy (window);
}

/* }}} */

static GListModel *
load (const char               *db_path,
      const TendSampleOptions  *options,
      GError                  **error)
{
  g_autoptr(TendStore) store = NULL;
  g_autoptr(GListModel) connections = NULL;
  TendReciprocityParams params;
  gint64 start;
  gint64 n;

  store = tend_store_open (db_path, error);
  if (store == NULL)
    return NULL;

  n = tend_store_count_connections (store, error);
  if (n < 0)
    return NULL;

  if (n == 0)
    {
      start = g_get_monotonic_time ();
      if (!tend_sample_generate (store, options, NULL, error))
        return NULL;
      g_print ("generate_ms: %.1f\n", tend_bench_ms_since (start));
    }

  start = g_get_monotonic_time ();
  connections = tend_store_list_connections (store, error);
  if (connections == NULL)
    return NULL;
  g_print ("connections: %u\n", g_list_model_get_n_items (connections));
  g_print ("load_connections_ms: %.1f\n", tend_bench_ms_since (start));

  tend_reciprocity_params_init_default (&params);
  start = g_get_monotonic_time ();
  if (!tend_reciprocity_apply (store, connections, &params, options->now, error))
    return NULL;
  g_print ("reciprocity_ms: %.1f\n", tend_bench_ms_since (start));
  g_print ("rss_after_load_mib: %.1f\n", tend_bench_peak_rss_mib ());

  return g_steal_pointer (&connections);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) connections = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *temp_dir = NULL;
  g_autofree char *db_path = NULL;
  TendSampleOptions options;
  int n_connections = 100000;
  int n_interactions = 1000000;
  gboolean skip_options = FALSE;
  gint64 seed;
  gint64 now;

  tend_sample_options_init_default (&options);
  seed = options.seed;
  now = options.now;

  {
    const GOptionEntry entries[] = {
      { "connections", 'c', 0, G_OPTION_ARG_INT, &n_connections,
        "How many connections to generate (default 100000)", "N" },
      { "interactions", 'i', 0, G_OPTION_ARG_INT, &n_interactions,
        "How many interactions to generate (default 1000000)", "M" },
      { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "The generator's seed", "S" },
      { "now", 0, 0, G_OPTION_ARG_INT64, &now, "Where histories end, in Unix seconds", "SECONDS" },
      { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, &data_dir,
        "Open the profile DIR/tend.db, generating it when empty", "DIR" },
      { "skip-options", 0, 0, G_OPTION_ARG_NONE, &skip_options,
        "Do not compare the ways of sorting (the stock string sorter takes seconds)", NULL },
      { NULL }
    };

    context = g_option_context_new ("— measure the connections list");
    g_option_context_add_main_entries (context, entries, NULL);
  }

  if (!tend_bench_parse_options (context, &argc, &argv, &n_connections, &n_interactions))
    return 2;

  options.seed = (guint64) seed;
  options.n_connections = (guint) n_connections;
  options.n_interactions = (guint) n_interactions;
  options.now = now;

  if (data_dir != NULL)
    {
      if (g_mkdir_with_parents (data_dir, 0700) != 0)
        {
          g_printerr ("bench-list: cannot create %s\n", data_dir);
          return 1;
        }
      db_path = tend_store_build_path (data_dir);
    }
  else
    {
      temp_dir = g_dir_make_tmp ("bench-list-XXXXXX", &error);
      if (temp_dir == NULL)
        {
          g_printerr ("bench-list: %s\n", error->message);
          return 1;
        }
      db_path = tend_store_build_path (temp_dir);
    }

  gtk_init ();
  adw_init ();

  connections = load (db_path, &options, &error);
  if (temp_dir != NULL)
    tend_test_remove_tree (temp_dir);
  if (connections == NULL)
    {
      g_printerr ("bench-list: %s\n", error->message);
      return 1;
    }

  measure_list (connections);

  if (!skip_options)
    compare_sort_options (connections);

  g_print ("peak_rss_mib_end: %.1f\n", tend_bench_peak_rss_mib ());

  return 0;
}
