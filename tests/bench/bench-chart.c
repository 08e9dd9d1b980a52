/* bench-chart.c: how long the reciprocity chart takes to draw
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-chart --connections 100000 --width 1280 --height 800
 *   bench-chart --sample --connections 100000 --interactions 1000000
 *
 * draws the chart onto an image surface, as the widget does, and prints
 * one "name: value" line per measure on stdout, each the median of
 * --runs runs: "first" with an empty cache (a new widget or size), "cold"
 * when the data changed (everything drawn again), "warm" when only the
 * focus ring moved, "uncached" the way the PNG export and printing draw.
 * Needs no display.
 */
#define G_LOG_DOMAIN "bench-chart"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <math.h>

#include "tend-chart-renderer.h"
#include "tend-connection.h"
#include "tend-reciprocity.h"
#include "tend-sample-generator.h"
#include "tend-store.h"
#include "tend-bench-utils.h"
#include "tend-test-utils.h"

/* Spread out like real weights: many zeros, the rest over five decades. */
static void
fill_random (TendChartData *data,
             guint          n_connections,
             guint64        seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed ((guint32) seed);

  tend_chart_data_splice (data, 0, 0, n_connections);
  for (guint i = 0; i < n_connections; i++)
    {
      double out_weight = 0;
      double in_weight = 0;

      if (g_rand_double (rand) > 0.3)
        out_weight = exp (g_rand_double_range (rand, log (0.05), log (2000)));
      if (g_rand_double (rand) > 0.3)
        in_weight = exp (g_rand_double_range (rand, log (0.05), log (2000)));

      tend_chart_data_set_dot (data, i, out_weight, in_weight);
    }
}

/* One drawing of the chart onto @surface, in milliseconds. */
static double
time_render (cairo_surface_t      *surface,
             double                width,
             double                height,
             const TendChartData  *data,
             const TendChartStyle *style,
             TendChartCache       *cache)
{
  cairo_t *cr = cairo_create (surface);
  gint64 start = g_get_monotonic_time ();
  double ms;

  tend_chart_render (cr, width, height, data, style, cache);
  cairo_surface_flush (surface);
  ms = tend_bench_ms_since (start);
  cairo_destroy (cr);

  return ms;
}

/* The sample business at that size, measured the way the app does. */
static gboolean
fill_sample (TendChartData  *data,
             guint           n_connections,
             guint           n_interactions,
             GError        **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(TendStore) store = NULL;
  g_autoptr(GListModel) connections = NULL;
  TendReciprocityParams params;
  TendSampleOptions options;
  gboolean ok = FALSE;
  guint n;

  dir = g_dir_make_tmp ("bench-chart-XXXXXX", error);
  if (dir == NULL)
    return FALSE;
  path = tend_store_build_path (dir);

  tend_sample_options_init_default (&options);
  options.n_connections = n_connections;
  options.n_interactions = n_interactions;

  store = tend_store_open (path, error);
  if (store == NULL)
    goto out;
  if (!tend_sample_generate (store, &options, NULL, error))
    goto out;
  connections = tend_store_list_connections (store, error);
  if (connections == NULL)
    goto out;
  tend_reciprocity_params_init_default (&params);
  if (!tend_reciprocity_apply (store, connections, &params, options.now, error))
    goto out;

  n = g_list_model_get_n_items (connections);
  tend_chart_data_splice (data, 0, 0, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TendConnection) connection = g_list_model_get_item (connections, i);

      tend_chart_data_set_dot (data, i,
                               tend_connection_get_out_weight (connection),
                               tend_connection_get_in_weight (connection));
    }
  ok = TRUE;

out:
  g_clear_object (&connections);
  g_clear_object (&store);
  tend_test_remove_tree (dir);
  return ok;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TendChartData) data = NULL;
  g_autoptr(TendChartCache) cache = NULL;
  g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cold = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) warm = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) uncached = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) neighbors = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *png = NULL;
  int n_connections = 100000;
  int n_interactions = 0;
  int width = 1280;
  int height = 800;
  int runs = 11;
  int n_selected = 100;
  double scale = 1;
  gboolean sample = FALSE;
  TendChartLayout layout;
  TendChartStyle style;
  cairo_surface_t *surface;
  double data_ms;
  gint64 start;

  {
    const GOptionEntry entries[] = {
      { "connections", 'c', 0, G_OPTION_ARG_INT, &n_connections, "How many dots", "N" },
      { "sample", 0, 0, G_OPTION_ARG_NONE, &sample,
        "Use the sample business and its measures instead of random weights", NULL },
      { "interactions", 'i', 0, G_OPTION_ARG_INT, &n_interactions,
        "With --sample: how many interactions (0: as many as the sample naturally has)", "M" },
      { "width", 'w', 0, G_OPTION_ARG_INT, &width, "Chart width", "PIXELS" },
      { "height", 'h', 0, G_OPTION_ARG_INT, &height, "Chart height", "PIXELS" },
      { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale, "Device pixels per unit (2 on HiDPI)", "S" },
      { "selected", 0, 0, G_OPTION_ARG_INT, &n_selected, "How many dots are selected", "N" },
      { "runs", 'r', 0, G_OPTION_ARG_INT, &runs, "Runs per measure (the median is printed)", "N" },
      { "png", 0, 0, G_OPTION_ARG_FILENAME, &png, "Also save the chart here", "FILE.png" },
      { NULL }
    };

    context = g_option_context_new ("— time the reciprocity chart's drawing");
    g_option_context_add_main_entries (context, entries, NULL);
  }

  if (!tend_bench_parse_options (context, &argc, &argv, &n_connections, &n_interactions))
    return 2;

  if (n_connections < 0 || width < 1 || height < 1 || runs < 1 || scale <= 0 || n_selected < 0)
    {
      g_printerr ("bench-chart: sizes, counts and runs must be positive\n");
      return 2;
    }

  data = tend_chart_data_new (2);
  start = g_get_monotonic_time ();
  if (sample)
    {
      if (!fill_sample (data, n_connections, n_interactions, &error))
        {
          g_printerr ("bench-chart: %s\n", error->message);
          return 1;
        }
    }
  else
    {
      fill_random (data, n_connections, 42);
    }
  for (guint i = 0; i < data->n_dots && i < (guint) n_selected; i++)
    tend_chart_data_set_selected (data, (i * 7919u) % data->n_dots, TRUE);
  tend_chart_data_changed (data);
  data_ms = tend_bench_ms_since (start);

  tend_chart_style_init_default (&style);
  style.scale_factor = scale;
  cache = tend_chart_cache_new ();
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                        (int) ceil (width * scale), (int) ceil (height * scale));
  cairo_surface_set_device_scale (surface, scale, scale);

  for (int run = 0; run < runs; run++)
    {
      double ms;

      /* First: a new widget or a new size, an empty cache. */
      tend_chart_cache_invalidate (cache);
      data->focus = TEND_CHART_NO_DOT;
      ms = time_render (surface, width, height, data, &style, cache);
      g_array_append_val (first, ms);

      /* Cold: the data changed, everything is drawn again. */
      data->generation++;
      ms = time_render (surface, width, height, data, &style, cache);
      g_array_append_val (cold, ms);

      /* Warm: the focus ring moved, nothing else. */
      data->focus = data->n_dots > 0 ? (guint) (run * 104729u) % data->n_dots : TEND_CHART_NO_DOT;
      ms = time_render (surface, width, height, data, &style, cache);
      g_array_append_val (warm, ms);

      /* Uncached, as exporting and printing draw. */
      ms = time_render (surface, width, height, data, &style, NULL);
      g_array_append_val (uncached, ms);
    }

  /* What the pointer and the arrow keys cost: one pass over the dots. */
  tend_chart_layout_init (&layout, width, height, data, &style);
  for (int run = 0; run < runs; run++)
    {
      double ms;

      start = g_get_monotonic_time ();
      tend_chart_hit_test (&layout, data, width / 2.0 + run, height / 2.0, NULL);
      ms = tend_bench_ms_since (start);
      g_array_append_val (hits, ms);

      start = g_get_monotonic_time ();
      tend_chart_find_neighbor (&layout, data, data->n_dots > 0 ? (guint) run % data->n_dots : 0,
                                TEND_CHART_DIRECTION_RIGHT);
      ms = tend_bench_ms_since (start);
      g_array_append_val (neighbors, ms);
    }

  if (png != NULL)
    {
      cairo_status_t status = cairo_surface_write_to_png (surface, png);

      if (status != CAIRO_STATUS_SUCCESS)
        g_printerr ("bench-chart: could not write %s: %s\n", png, cairo_status_to_string (status));
    }
  cairo_surface_destroy (surface);

  g_print ("dots: %u\n", data->n_dots);
  g_print ("size: %dx%d@%g\n", width, height, scale);
  g_print ("counts: solid %u, you_invest %u, they_invest %u, dormant %u\n",
           data->counts[TEND_QUADRANT_SOLID], data->counts[TEND_QUADRANT_YOU_INVEST],
           data->counts[TEND_QUADRANT_THEY_INVEST], data->counts[TEND_QUADRANT_DORMANT]);
  g_print ("runs: %d\n", runs);
  g_print ("data_ms: %.2f\n", data_ms);
  g_print ("first_render_ms: %.2f\n", tend_bench_median (first));
  g_print ("cold_render_ms: %.2f\n", tend_bench_median (cold));
  g_print ("warm_render_ms: %.2f\n", tend_bench_median (warm));
  g_print ("uncached_render_ms: %.2f\n", tend_bench_median (uncached));
  g_print ("hit_test_ms: %.2f\n", tend_bench_median (hits));
  g_print ("find_neighbor_ms: %.2f\n", tend_bench_median (neighbors));

  return 0;
}
