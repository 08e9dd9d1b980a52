/* test-reciprocity-chart.c: the chart draws, selects and speaks what it shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-reciprocity-chart"

#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "tend-chart-renderer.h"
#include "tend-connection.h"
#include "tend-reciprocity-chart.h"
#include "tend-test-utils.h"

#define MARKUP_NAME "<b>x</b> & y"

typedef struct
{
  const char *name;
  double in_weight;
  double out_weight;
  TendQuadrant quadrant;
} Person;

/* At the default threshold of 2: two dots in every quadrant but Dormant,
 * which has three, two of them at the origin.
 */
static const Person people[] = {
  { "Ana Souza",    12.3,  4.0, TEND_QUADRANT_SOLID },
  { "Bo Lindqvist", 30.0, 25.0, TEND_QUADRANT_SOLID },
  { "Chidi Okafor",  0.5,  8.0, TEND_QUADRANT_YOU_INVEST },
  { "Dana Kim",      0.0, 40.0, TEND_QUADRANT_YOU_INVEST },
  { "Emil Novak",    6.0,  0.0, TEND_QUADRANT_THEY_INVEST },
  { MARKUP_NAME,    15.0,  1.0, TEND_QUADRANT_THEY_INVEST },
  { "Gia Rossi",     0.0,  0.0, TEND_QUADRANT_DORMANT },
  { "Hana Ito",      1.0,  1.5, TEND_QUADRANT_DORMANT },
  { "Ivo Petrov",    0.0,  0.0, TEND_QUADRANT_DORMANT },
};

enum { ANA, BO, CHIDI, DANA, EMIL, MARKUP, GIA, HANA, IVO };

typedef struct
{
  guint8 red;
  guint8 green;
  guint8 blue;
} Pixel;

static GListStore *
make_people (void)
{
  GListStore *store = g_list_store_new (TEND_TYPE_CONNECTION);

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(TendConnection) connection = tend_connection_new (i + 1, 1);

      tend_connection_set_name (connection, people[i].name);
      tend_connection_set_measures (connection, 0, 0,
                                    people[i].in_weight, people[i].out_weight,
                                    people[i].quadrant, 50);
      g_list_store_append (store, connection);
    }

  return store;
}

static Pixel
pixel_at (const guint8 *pixels,
          gsize         stride,
          double        x,
          double        y)
{
  const guint32 *row = (const guint32 *) (gconstpointer) (pixels + (gsize) floor (y) * stride);
  guint32 value = row[(gsize) floor (x)];

  /* Native-endian premultiplied ARGB, opaque here. */
  return (Pixel) { (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff };
}

static double
luminance (Pixel pixel)
{
  return (0.2126 * pixel.red + 0.7152 * pixel.green + 0.0722 * pixel.blue) / 255;
}

static gboolean
pixel_is (Pixel          pixel,
          const GdkRGBA *color,
          int            tolerance)
{
  return abs (pixel.red - (int) round (color->red * 255)) <= tolerance &&
         abs (pixel.green - (int) round (color->green * 255)) <= tolerance &&
         abs (pixel.blue - (int) round (color->blue * 255)) <= tolerance;
}

/* Most of each quadrant's area shows its tint, and the tints differ. */
static void
check_areas (const guint8          *pixels,
             gsize                  stride,
             const TendChartLayout *layout,
             const TendChartStyle  *style)
{
  for (guint q = 0; q < TEND_N_QUADRANTS; q++)
    {
      graphene_rect_t area;
      GdkRGBA tint;
      guint tinted = 0;
      guint total = 0;

      tend_chart_layout_get_area (layout, q, &area);
      tend_chart_style_get_tint (style, q, &tint);

      for (int y = (int) ceil (area.origin.y) + 2; y < area.origin.y + area.size.height - 2; y++)
        for (int x = (int) ceil (area.origin.x) + 2; x < area.origin.x + area.size.width - 2; x++)
          {
            total++;
            tinted += pixel_is (pixel_at (pixels, stride, x, y), &tint, 2);
          }

      g_test_message ("%s: %u of %u pixels tinted", tend_quadrant_to_key (q), tinted, total);
      g_assert_cmpuint (total, >, 100);
      g_assert_cmpuint (tinted, >, total / 2);

      for (guint other = 0; other < q; other++)
        {
          GdkRGBA other_tint;

          tend_chart_style_get_tint (style, other, &other_tint);
          g_assert_false (gdk_rgba_equal (&tint, &other_tint));
        }
    }
}

/* Each dot is drawn where the layout maps it, inside its quadrant's area,
 * clearly darker than the tint around it.
 */
static void
check_dot (const guint8          *pixels,
           gsize                  stride,
           const TendChartLayout *layout,
           const TendChartStyle  *style,
           guint                  person,
           double                 x,
           double                 y)
{
  TendQuadrant quadrant = people[person].quadrant;
  graphene_rect_t area;
  GdkRGBA tint;
  Pixel pixel;
  Pixel tint_pixel;

  tend_chart_layout_get_area (layout, quadrant, &area);
  tend_chart_style_get_tint (style, quadrant, &tint);
  tint_pixel = (Pixel) { round (tint.red * 255), round (tint.green * 255), round (tint.blue * 255) };

  /* Inside, even at 0: zero sits a little way in from the axes. */
  g_assert_true (graphene_rect_contains_point (&area, &GRAPHENE_POINT_INIT (x, y)));
  g_assert_cmpfloat (x, >, area.origin.x + layout->dot_radius);
  g_assert_cmpfloat (y, <, area.origin.y + area.size.height - layout->dot_radius);

  pixel = pixel_at (pixels, stride, MIN (x, layout->width - 1), MIN (y, layout->height - 1));
  g_test_message ("%s at %.1f,%.1f: %02x%02x%02x on %02x%02x%02x",
                  people[person].name, x, y, pixel.red, pixel.green, pixel.blue,
                  tint_pixel.red, tint_pixel.green, tint_pixel.blue);
  g_assert_cmpfloat (luminance (pixel), <, luminance (tint_pixel) - 0.25);
}

static TendChartData *
make_data (void)
{
  TendChartData *data = tend_chart_data_new (2);

  tend_chart_data_splice (data, 0, 0, G_N_ELEMENTS (people));
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    tend_chart_data_set_dot (data, i, people[i].out_weight, people[i].in_weight);
  tend_chart_data_changed (data);

  return data;
}

/* The drawing function alone, on an image surface. */
static void
test_chart_renderer (void)
{
  g_autoptr(TendChartData) data = make_data ();
  g_autoptr(TendChartCache) cache = tend_chart_cache_new ();
  g_autofree char *path = tend_test_output_path ("reciprocity-chart-renderer.png");
  TendChartLayout layout;
  TendChartStyle style;
  cairo_surface_t *surface;
  cairo_t *cr;
  Pixel pixel;

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    g_assert_cmpint (data->dots[i].quadrant, ==, people[i].quadrant);
  g_assert_cmpuint (data->counts[TEND_QUADRANT_SOLID], ==, 2);
  g_assert_cmpuint (data->counts[TEND_QUADRANT_YOU_INVEST], ==, 2);
  g_assert_cmpuint (data->counts[TEND_QUADRANT_THEY_INVEST], ==, 2);
  g_assert_cmpuint (data->counts[TEND_QUADRANT_DORMANT], ==, 3);
  g_assert_cmpfloat (data->axis_max, ==, 50);

  /* The scale: 0 on the axis, the threshold at 1, a decade per unit. */
  g_assert_cmpfloat (tend_chart_scale (0, 2), ==, 0);
  g_assert_cmpfloat (tend_chart_scale (1, 2), ==, 0.5);
  g_assert_cmpfloat (tend_chart_scale (2, 2), ==, 1);
  g_assert_cmpfloat_with_epsilon (tend_chart_scale (20, 2), 2, 1e-9);

  tend_chart_data_set_selected (data, BO, TRUE);
  tend_chart_data_selection_changed (data);
  tend_chart_style_init_default (&style);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 600);
  cr = cairo_create (surface);
  tend_chart_render (cr, 800, 600, data, &style, cache);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  g_test_message ("Rendered %s", path);

  tend_chart_layout_init (&layout, 800, 600, data, &style);
  g_assert_cmpuint (layout.legend_lines, ==, 0);

  check_areas (cairo_image_surface_get_data (surface), cairo_image_surface_get_stride (surface),
               &layout, &style);

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      double x, y, dot_x, dot_y;

      tend_chart_layout_map (&layout, people[i].out_weight, people[i].in_weight, &x, &y);
      tend_chart_layout_map_dot (&layout, &data->dots[i], &dot_x, &dot_y);
      g_assert_cmpfloat_with_epsilon (x, dot_x, 0.01);
      g_assert_cmpfloat_with_epsilon (y, dot_y, 0.01);

      check_dot (cairo_image_surface_get_data (surface), cairo_image_surface_get_stride (surface),
                 &layout, &style, i, x, y);

      /* What the pointer finds there is that dot, or its twin. */
      if (i == IVO)
        g_assert_cmpuint (tend_chart_hit_test (&layout, data, x, y, NULL), ==, GIA);
      else
        g_assert_cmpuint (tend_chart_hit_test (&layout, data, x, y, NULL), ==, i);
    }

  /* The selected dot is in the accent colour. */
  {
    double x, y;

    tend_chart_layout_map_dot (&layout, &data->dots[BO], &x, &y);
    pixel = pixel_at (cairo_image_surface_get_data (surface), cairo_image_surface_get_stride (surface), x, y);
    g_assert_true (pixel_is (pixel, &style.accent, 8));
  }

  /* Far from any dot, nothing to hit. */
  g_assert_cmpuint (tend_chart_hit_test (&layout, data, 790, 10, NULL), ==, TEND_CHART_NO_DOT);

  cairo_surface_destroy (surface);
}

/* Small and huge: the layout holds, the dots stay in their areas. */
static void
test_chart_renderer_sizes (void)
{
  static const struct { int width; int height; const char *name; } sizes[] = {
    { 360, 300, "reciprocity-chart-360.png" },
    { 3840, 2160, "reciprocity-chart-4k.png" },
  };
  g_autoptr(TendChartData) data = make_data ();

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autofree char *path = tend_test_output_path (sizes[s].name);
      TendChartLayout layout;
      TendChartStyle style;
      cairo_surface_t *surface;
      cairo_t *cr;

      tend_chart_style_init_default (&style);
      style.font_size = 14 * MAX (1, MIN (sizes[s].width / 960.0, sizes[s].height / 600.0));

      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, sizes[s].width, sizes[s].height);
      cr = cairo_create (surface);
      tend_chart_render (cr, sizes[s].width, sizes[s].height, data, &style, NULL);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
      g_test_message ("Rendered %s", path);

      tend_chart_layout_init (&layout, sizes[s].width, sizes[s].height, data, &style);
      g_test_message ("%s: font %.1f, dot %.1f, plot %.0f×%.0f, legend lines %u",
                      sizes[s].name, layout.font_size, layout.dot_radius,
                      layout.plot.size.width, layout.plot.size.height, layout.legend_lines);

      check_areas (cairo_image_surface_get_data (surface), cairo_image_surface_get_stride (surface),
                   &layout, &style);
      for (guint i = 0; i < G_N_ELEMENTS (people); i++)
        {
          double x, y;

          tend_chart_layout_map_dot (&layout, &data->dots[i], &x, &y);
          check_dot (cairo_image_surface_get_data (surface), cairo_image_surface_get_stride (surface),
                     &layout, &style, i, x, y);
        }

      cairo_surface_destroy (surface);
    }
}

typedef struct
{
  GListStore *store;
  GtkSelectionModel *selection;
  GtkWidget *window;
  TendReciprocityChart *chart;
} Fixture;

/* The chart in a window, showing the store in its own order and selecting
 * through the store sorted by name, as the main window's list does.
 */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  gboolean sorted = GPOINTER_TO_INT (user_data);
  GListModel *selection_items;

  fixture->store = make_people ();

  if (sorted)
    {
      GtkExpression *expression = gtk_property_expression_new (TEND_TYPE_CONNECTION, NULL, "name");
      GtkSorter *sorter = GTK_SORTER (gtk_string_sorter_new (expression));

      selection_items = G_LIST_MODEL (gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (fixture->store)), sorter));
    }
  else
    {
      selection_items = g_object_ref (G_LIST_MODEL (fixture->store));
    }
  fixture->selection = GTK_SELECTION_MODEL (gtk_multi_selection_new (selection_items));

  fixture->chart = TEND_RECIPROCITY_CHART (tend_reciprocity_chart_new ());
  tend_reciprocity_chart_set_model (fixture->chart, G_LIST_MODEL (fixture->store));
  tend_reciprocity_chart_set_selection (fixture->chart, fixture->selection);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 800, 600);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->chart));
  gtk_window_present (GTK_WINDOW (fixture->window));

  while (!gtk_widget_get_mapped (GTK_WIDGET (fixture->chart)) ||
         gtk_widget_get_width (GTK_WIDGET (fixture->chart)) < 100)
    tend_test_spin (10);
  tend_test_spin (100);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  tend_test_spin (50);
  g_clear_object (&fixture->selection);
  g_clear_object (&fixture->store);
}

static guint
selection_position_of (Fixture *fixture,
                       guint    person)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (fixture->selection));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TendConnection) connection = g_list_model_get_item (G_LIST_MODEL (fixture->selection), i);

      if (g_strcmp0 (tend_connection_get_name (connection), people[person].name) == 0)
        return i;
    }

  g_assert_not_reached ();
}

/* The people selected in the selection model, as a bit mask. */
static guint
selected_people (Fixture *fixture)
{
  guint mask = 0;

  for (guint person = 0; person < G_N_ELEMENTS (people); person++)
    if (gtk_selection_model_is_selected (fixture->selection, selection_position_of (fixture, person)))
      mask |= 1u << person;

  return mask;
}

/* What a press and release (far apart or not) make the gesture report. */
static void
drag (GtkWidget *widget,
      double     x,
      double     y,
      double     offset_x,
      double     offset_y)
{
  GtkGesture *gesture = GTK_GESTURE (tend_test_find_controller (widget, GTK_TYPE_GESTURE_DRAG));

  g_assert_nonnull (gesture);
  g_signal_emit_by_name (gesture, "drag-begin", x, y);
  if (offset_x != 0 || offset_y != 0)
    g_signal_emit_by_name (gesture, "drag-update", offset_x, offset_y);
  g_signal_emit_by_name (gesture, "drag-end", offset_x, offset_y);
}

/* The widget on screen: the same picture as the renderer's. */
static void
test_chart_widget_render (Fixture       *fixture,
                          gconstpointer  user_data)
{
  GtkWidget *widget = GTK_WIDGET (fixture->chart);
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guint8 *pixels = NULL;
  TendChartLayout layout;
  TendChartStyle style;
  gsize stride;
  int width, height;

  gtk_selection_model_select_item (fixture->selection, selection_position_of (fixture, BO), TRUE);
  tend_test_spin (50);

  texture = tend_test_render_to_png (widget, "reciprocity-chart.png", NULL);
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  stride = (gsize) width * 4;
  pixels = g_malloc (stride * height);
  gdk_texture_download (texture, pixels, stride);

  /* The widget's layout, from the renderer, with the widget's font. */
  tend_chart_style_init_default (&style);
  {
    g_autoptr(TendChartData) data = make_data ();
    PangoContext *context = gtk_widget_get_pango_context (widget);
    const PangoFontDescription *font = pango_context_get_font_description (context);
    graphene_point_t point;
    double x, y;

    style.font_size = (double) pango_font_description_get_size (font) / PANGO_SCALE;
    if (!pango_font_description_get_size_is_absolute (font))
      style.font_size *= pango_cairo_context_get_resolution (context) / 72.0;
    tend_chart_layout_init (&layout, width, height, data, &style);

    g_assert_true (tend_reciprocity_chart_get_dot_point (fixture->chart, ANA, &point));
    tend_chart_layout_map_dot (&layout, &data->dots[ANA], &x, &y);
    g_assert_cmpfloat_with_epsilon (x, point.x, 0.01);
    g_assert_cmpfloat_with_epsilon (y, point.y, 0.01);
  }

  check_areas (pixels, stride, &layout, &style);

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      graphene_point_t point;

      g_assert_true (tend_reciprocity_chart_get_dot_point (fixture->chart, i, &point));
      if (i == BO)
        {
          Pixel pixel = pixel_at (pixels, stride, point.x, point.y);

          g_assert_cmpint (pixel.blue, >, pixel.red + 60);
          continue;
        }
      check_dot (pixels, stride, &layout, &style, i, point.x, point.y);
    }

  /* The focus ring: an accent circle round the focused dot. */
  tend_reciprocity_chart_set_focus_position (fixture->chart, HANA);
  tend_test_spin (50);
  {
    g_autoptr(GdkTexture) focused = tend_test_render_to_png (widget, "reciprocity-chart-focus.png", NULL);
    g_autofree guint8 *focused_pixels = g_malloc (stride * height);
    double ring = layout.dot_radius + MAX (4, layout.dot_radius);
    graphene_point_t point;
    Pixel pixel;

    gdk_texture_download (focused, focused_pixels, stride);
    g_assert_true (tend_reciprocity_chart_get_dot_point (fixture->chart, HANA, &point));
    pixel = pixel_at (focused_pixels, stride, point.x + ring, point.y);
    g_assert_cmpint (pixel.blue, >, pixel.red + 60);
  }
  tend_reciprocity_chart_set_focus_position (fixture->chart, GTK_INVALID_LIST_POSITION);

  /* The dark style: light dots on dark areas, still four tints. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  tend_test_spin (200);
  {
    g_autoptr(GdkTexture) dark = tend_test_render_to_png (widget, "reciprocity-chart-dark.png", NULL);
    g_autofree guint8 *dark_pixels = g_malloc (stride * height);
    graphene_point_t point;
    graphene_rect_t area;
    Pixel dot, around;

    gdk_texture_download (dark, dark_pixels, stride);
    g_assert_true (tend_reciprocity_chart_get_dot_point (fixture->chart, CHIDI, &point));
    dot = pixel_at (dark_pixels, stride, point.x, point.y);
    tend_chart_layout_get_area (&layout, TEND_QUADRANT_YOU_INVEST, &area);
    around = pixel_at (dark_pixels, stride, point.x, area.origin.y + 3);
    g_assert_cmpfloat (luminance (dot), >, luminance (around) + 0.25);
    g_assert_cmpfloat (luminance (around), <, 0.3);
  }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  tend_test_spin (50);
}

/* A click selects that person in the selection, in its own order. */
static void
test_chart_widget_click (Fixture       *fixture,
                         gconstpointer  user_data)
{
  GtkWidget *widget = GTK_WIDGET (fixture->chart);
  graphene_point_t point;
  guint mask;

  g_assert_true (tend_reciprocity_chart_get_dot_point (fixture->chart, CHIDI, &point));
  g_assert_cmpuint (tend_reciprocity_chart_get_position_at (fixture->chart, point.x + 1, point.y - 1), ==, CHIDI);

  drag (widget, point.x + 1, point.y - 1, 0, 0);
  g_assert_cmpuint (selected_people (fixture), ==, 1u << CHIDI);
  g_assert_cmpuint (tend_reciprocity_chart_get_focus_position (fixture->chart), ==, CHIDI);

  /* Another click replaces it. */
  g_assert_true (tend_reciprocity_chart_get_dot_point (fixture->chart, DANA, &point));
  drag (widget, point.x, point.y, 1, 1);
  g_assert_cmpuint (selected_people (fixture), ==, 1u << DANA);

  /* A rectangle round the two Solid dots selects exactly those. */
  {
    graphene_point_t a, b;
    double left, top, right, bottom;

    g_assert_true (tend_reciprocity_chart_get_dot_point (fixture->chart, ANA, &a));
    g_assert_true (tend_reciprocity_chart_get_dot_point (fixture->chart, BO, &b));
    left = MIN (a.x, b.x) - 4;
    right = MAX (a.x, b.x) + 4;
    top = MIN (a.y, b.y) - 4;
    bottom = MAX (a.y, b.y) + 4;

    drag (widget, left, bottom, right - left, top - bottom);
    mask = selected_people (fixture);
    g_assert_cmpuint (mask, ==, (1u << ANA) | (1u << BO));
  }

  /* A click on nothing clears the selection. */
  drag (widget, gtk_widget_get_width (widget) - 3, 3, 0, 0);
  g_assert_cmpuint (selected_people (fixture), ==, 0);

  /* The drawing follows: spin a frame and the selected dot is blue. */
  gtk_selection_model_select_item (fixture->selection, selection_position_of (fixture, EMIL), TRUE);
  tend_test_spin (50);
  {
    g_autoptr(GdkTexture) texture = tend_test_render_to_png (widget, "reciprocity-chart-selected.png", NULL);
    int width = gdk_texture_get_width (texture);
    gsize stride = (gsize) width * 4;
    g_autofree guint8 *pixels = g_malloc (stride * gdk_texture_get_height (texture));
    Pixel pixel;

    gdk_texture_download (texture, pixels, stride);
    g_assert_true (tend_reciprocity_chart_get_dot_point (fixture->chart, EMIL, &point));
    pixel = pixel_at (pixels, stride, point.x, point.y);
    g_assert_cmpint (pixel.blue, >, pixel.red + 60);
  }
}

/* Arrows move the focus to the nearest dot that way; Enter selects it;
 * Escape clears; a screen reader hears the focused dot.
 */
static void
test_chart_widget_keyboard (Fixture       *fixture,
                            gconstpointer  user_data)
{
  GtkWidget *widget = GTK_WIDGET (fixture->chart);
  g_autofree char *expected = NULL;

  gtk_widget_grab_focus (widget);
  g_assert_cmpuint (tend_reciprocity_chart_get_focus_position (fixture->chart), ==, GTK_INVALID_LIST_POSITION);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, "Reciprocity chart");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Solid 2, You invest 2, They invest 2, Dormant 3");

  /* Entering with Right starts at the leftmost dot: the first at 0. */
  g_assert_true (gtk_widget_activate_action (widget, "chart.move-focus", "i", TEND_CHART_DIRECTION_RIGHT));
  g_assert_cmpuint (tend_reciprocity_chart_get_focus_position (fixture->chart), ==, EMIL);

  tend_reciprocity_chart_set_focus_position (fixture->chart, GIA);
  /* The twin at the same spot, and back round. */
  gtk_widget_activate_action (widget, "chart.move-focus", "i", TEND_CHART_DIRECTION_NEXT);
  g_assert_cmpuint (tend_reciprocity_chart_get_focus_position (fixture->chart), ==, IVO);
  gtk_widget_activate_action (widget, "chart.move-focus", "i", TEND_CHART_DIRECTION_NEXT);
  g_assert_cmpuint (tend_reciprocity_chart_get_focus_position (fixture->chart), ==, GIA);

  /* From the origin, right is Hana (up a little), then up is the name
   * with markup in it, then Enter selects it.
   */
  gtk_widget_activate_action (widget, "chart.move-focus", "i", TEND_CHART_DIRECTION_RIGHT);
  g_assert_cmpuint (tend_reciprocity_chart_get_focus_position (fixture->chart), ==, HANA);
  gtk_widget_activate_action (widget, "chart.move-focus", "i", TEND_CHART_DIRECTION_UP);
  g_assert_cmpuint (tend_reciprocity_chart_get_focus_position (fixture->chart), ==, MARKUP);
  gtk_widget_activate_action (widget, "chart.move-focus", "i", TEND_CHART_DIRECTION_RIGHT);
  g_assert_cmpuint (tend_reciprocity_chart_get_focus_position (fixture->chart), ==, ANA);
  gtk_widget_activate_action (widget, "chart.move-focus", "i", TEND_CHART_DIRECTION_LEFT);
  g_assert_cmpuint (tend_reciprocity_chart_get_focus_position (fixture->chart), ==, MARKUP);

  expected = g_strdup ("<b>x</b> & y — gives you 15.0, you give 1.0, They invest");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, expected);

  gtk_widget_activate_action (widget, "chart.select-focused", NULL);
  g_assert_cmpuint (selected_people (fixture), ==, 1u << MARKUP);

  /* Down from there: Emil, straight below at out = 0, before Hana. */
  gtk_widget_activate_action (widget, "chart.move-focus", "i", TEND_CHART_DIRECTION_DOWN);
  g_assert_cmpuint (tend_reciprocity_chart_get_focus_position (fixture->chart), ==, EMIL);
  gtk_widget_activate_action (widget, "chart.toggle-focused", NULL);
  g_assert_cmpuint (selected_people (fixture), ==, (1u << MARKUP) | (1u << EMIL));

  /* Nothing further left than out = 0. */
  gtk_widget_activate_action (widget, "chart.move-focus", "i", TEND_CHART_DIRECTION_LEFT);
  g_assert_cmpuint (tend_reciprocity_chart_get_focus_position (fixture->chart), ==, EMIL);

  gtk_widget_activate_action (widget, "chart.unselect-all", NULL);
  g_assert_cmpuint (selected_people (fixture), ==, 0);
}

/* Counts follow the data: new weights, removed items, a new threshold. */
static void
test_chart_widget_updates (Fixture       *fixture,
                           gconstpointer  user_data)
{
  GtkWidget *widget = GTK_WIDGET (fixture->chart);
  g_autoptr(TendConnection) gia = g_list_model_get_item (G_LIST_MODEL (fixture->store), GIA);

  g_assert_cmpuint (tend_reciprocity_chart_get_count (fixture->chart, TEND_QUADRANT_DORMANT), ==, 3);

  /* Gia becomes solid. */
  tend_connection_set_measures (gia, 0, 0, 5, 5, TEND_QUADRANT_SOLID, 80);
  tend_test_spin (50);
  g_assert_cmpuint (tend_reciprocity_chart_get_count (fixture->chart, TEND_QUADRANT_SOLID), ==, 3);
  g_assert_cmpuint (tend_reciprocity_chart_get_count (fixture->chart, TEND_QUADRANT_DORMANT), ==, 2);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Solid 3, You invest 2, They invest 2, Dormant 2");

  /* Dana leaves the list (a filter, say). */
  g_list_store_remove (fixture->store, DANA);
  g_assert_cmpuint (tend_reciprocity_chart_get_count (fixture->chart, TEND_QUADRANT_YOU_INVEST), ==, 1);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Solid 3, You invest 1, They invest 2, Dormant 2");

  /* A higher threshold: only Bo is active both ways. */
  tend_reciprocity_chart_set_threshold (fixture->chart, 10);
  g_assert_cmpfloat (tend_reciprocity_chart_get_threshold (fixture->chart), ==, 10);
  g_assert_cmpuint (tend_reciprocity_chart_get_count (fixture->chart, TEND_QUADRANT_SOLID), ==, 1);

  /* No model: nothing to count, nothing to hit. */
  tend_reciprocity_chart_set_model (fixture->chart, NULL);
  g_assert_cmpuint (tend_reciprocity_chart_get_count (fixture->chart, TEND_QUADRANT_DORMANT), ==, 0);
  g_assert_cmpuint (tend_reciprocity_chart_get_position_at (fixture->chart, 100, 100), ==, GTK_INVALID_LIST_POSITION);
  tend_test_spin (50);
}

/* Names are text: the tooltip shows the markup as typed. */
static void
test_chart_widget_tooltip (Fixture       *fixture,
                           gconstpointer  user_data)
{
  GtkWidget *widget = GTK_WIDGET (fixture->chart);
  g_autofree char *text = tend_reciprocity_chart_dup_dot_text (fixture->chart, MARKUP);
  g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  graphene_point_t point;
  gboolean shown = FALSE;

  g_assert_cmpstr (text, ==, "<b>x</b> & y — gives you 15.0, you give 1.0, They invest");

  text = (g_free (text), tend_reciprocity_chart_dup_dot_text (fixture->chart, ANA));
  g_assert_cmpstr (text, ==, "Ana Souza — gives you 12.3, you give 4.0, Solid");

  g_assert_true (tend_reciprocity_chart_get_dot_point (fixture->chart, MARKUP, &point));
  g_signal_emit_by_name (widget, "query-tooltip", (int) point.x, (int) point.y, FALSE, tooltip, &shown);
  g_assert_true (shown);

  /* Nothing on an empty spot. */
  g_signal_emit_by_name (widget, "query-tooltip", gtk_widget_get_width (widget) - 2, 2, FALSE, tooltip, &shown);
  g_assert_false (shown);
}

/* The export is a PNG of the size asked for, with the chart in it. */
static void
test_chart_widget_export (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *path = tend_test_output_path ("reciprocity-chart-export.png");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad = g_file_new_for_path ("/nonexistent/folder/chart.png");
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (tend_reciprocity_chart_export_png (fixture->chart, file, 1200, 900, &error));
  g_assert_no_error (error);

  texture = gdk_texture_new_from_file (file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 1200);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 900);

  g_assert_false (tend_reciprocity_chart_export_png (fixture->chart, bad, 100, 100, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The sizes to look at by eye. */
  {
    g_autofree char *small_path = tend_test_output_path ("reciprocity-chart-export-360.png");
    g_autofree char *large_path = tend_test_output_path ("reciprocity-chart-export-4k.png");
    g_autoptr(GFile) small = g_file_new_for_path (small_path);
    g_autoptr(GFile) large = g_file_new_for_path (large_path);

    g_assert_true (tend_reciprocity_chart_export_png (fixture->chart, small, 360, 300, &error));
    g_assert_no_error (error);
    g_assert_true (tend_reciprocity_chart_export_png (fixture->chart, large, 3840, 2160, &error));
    g_assert_no_error (error);
  }
}

int
main (int   argc,
      char *argv[])
{
  /* Keep the accessible properties where the test can read them. */
  g_setenv ("GTK_A11Y", "test", TRUE);

  tend_test_init_display (&argc, &argv);

  g_test_add_func ("/chart/renderer", test_chart_renderer);
  g_test_add_func ("/chart/renderer-sizes", test_chart_renderer_sizes);
  g_test_add ("/chart/widget/render", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_chart_widget_render, fixture_tear_down);
  g_test_add ("/chart/widget/click", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_chart_widget_click, fixture_tear_down);
  g_test_add ("/chart/widget/click-same-order", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_chart_widget_click, fixture_tear_down);
  g_test_add ("/chart/widget/keyboard", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_chart_widget_keyboard, fixture_tear_down);
  g_test_add ("/chart/widget/updates", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_chart_widget_updates, fixture_tear_down);
  g_test_add ("/chart/widget/tooltip", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_chart_widget_tooltip, fixture_tear_down);
  g_test_add ("/chart/widget/export", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_chart_widget_export, fixture_tear_down);

  return g_test_run ();
}
