/* tend-chart-renderer.c: the reciprocity chart as one plain drawing function
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both axes use a symmetric log scale whose linear part ends at the
 * activity threshold: weights from 0 to the threshold fill the first unit
 * linearly, so 0 sits on the axis and the threshold is where the quadrants
 * split, and every decade above it takes one more unit.
 *
 * Speed comes from two things. Dots are counted per small cell of the
 * device pixel grid first, and each occupied cell is drawn once, darker
 * and larger the more dots it holds, so a million dots cost about as much
 * as the cells they cover. Everything but the focus ring and a rectangle
 * being dragged is then kept as one image, keyed by the size, the data
 * and selection generations and the style, so moving the focus or
 * hovering repaints one image.
 */
#define G_LOG_DOMAIN "tend-chart-renderer"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "tend-chart-renderer.h"

/* Up to this many occupied cells are drawn as paths; beyond, as an image. */
#define VECTOR_CELL_LIMIT 3000
/* Up to this many selected dots get a ring each; beyond, only the colour. */
#define RING_LIMIT 5000
/* How many sizes a cell's dot takes as the number of dots in it grows. */
#define N_LEVELS 4

struct _TendChartCache
{
  cairo_surface_t *surface;
  double width;
  double height;
  guint64 generation;
  guint64 selection_generation;
  TendChartStyle style;
  PangoFontDescription *font;   /* owned copy of style.font */
};

typedef struct
{
  double radius;
  double alpha;
} Level;

static const Level levels[N_LEVELS] = {
  { 1.00, 0.72 },   /* one dot */
  { 1.25, 0.82 },   /* 2–9 */
  { 1.55, 0.90 },   /* 10–99 */
  { 1.90, 1.00 },   /* 100 and more */
};

/* GNOME palette: green 4, orange 3, blue 3, light 5 */
static const GdkRGBA quadrant_hues[TEND_N_QUADRANTS] = {
  [TEND_QUADRANT_SOLID]       = { 0.180, 0.761, 0.494, 1 },
  [TEND_QUADRANT_YOU_INVEST]  = { 1.000, 0.471, 0.000, 1 },
  [TEND_QUADRANT_THEY_INVEST] = { 0.208, 0.518, 0.894, 1 },
  [TEND_QUADRANT_DORMANT]     = { 0.604, 0.600, 0.588, 1 },
};

static guint
level_for_count (guint count)
{
  if (count < 2)
    return 0;
  if (count < 10)
    return 1;
  if (count < 100)
    return 2;
  return 3;
}

/**
 * tend_chart_scale:
 * @weight: a weighted number of interactions, ≥ 0
 * @threshold: where a direction becomes active
 *
 * Returns: @weight on the chart's axes: 0 → 0, the threshold → 1, and one
 *   more for every decade above it
 */
double
tend_chart_scale (double weight,
                  double threshold)
{
  threshold = MAX (threshold, 1e-3);

  if (!(weight > 0))
    return 0;
  if (weight <= threshold)
    return weight / threshold;

  return 1 + log10 (weight / threshold);
}

/* The smallest of 1, 2, 5 × 10ⁿ at or above @value. */
static double
round_up_nicely (double value)
{
  double decade;

  if (!(value > 0))
    return 1;

  decade = pow (10, floor (log10 (value)));
  for (guint i = 0; i < 4; i++)
    {
      static const double steps[] = { 1, 2, 5, 10 };
      double candidate = steps[i] * decade;

      /* A little slack for rounding in pow() and log10(). */
      if (candidate >= value * (1 - 1e-9))
        return candidate;
    }

  return 10 * decade;
}

/* TendChartData {{{ */

TendChartData *
tend_chart_data_new (double threshold)
{
  TendChartData *data = g_new0 (TendChartData, 1);

  data->threshold = threshold > 0 ? threshold : 2;
  data->focus = TEND_CHART_NO_DOT;
  tend_chart_data_changed (data);

  return data;
}

void
tend_chart_data_free (TendChartData *data)
{
  if (data == NULL)
    return;

  g_free (data->dots);
  g_free (data);
}

/**
 * tend_chart_data_splice:
 *
 * Removes @n_removed dots at @position and puts @n_added blank ones in
 * their place, the way a #GListModel reports items-changed. Fill them with
 * tend_chart_data_set_dot(), then call tend_chart_data_changed().
 */
void
tend_chart_data_splice (TendChartData *data,
                        guint          position,
                        guint          n_removed,
                        guint          n_added)
{
  guint n_after;

  g_return_if_fail (data != NULL);
  g_return_if_fail (position <= data->n_dots);
  g_return_if_fail (n_removed <= data->n_dots - position);

  n_after = data->n_dots - n_removed + n_added;
  if (n_removed == 0 && n_added == 0)
    return;

  if (n_after > data->allocated)
    {
      data->allocated = MAX (n_after, data->allocated * 2);
      data->dots = g_renew (TendChartDot, data->dots, data->allocated);
    }

  memmove (data->dots + position + n_added,
           data->dots + position + n_removed,
           (data->n_dots - position - n_removed) * sizeof (TendChartDot));
  memset (data->dots + position, 0, n_added * sizeof (TendChartDot));
  for (guint i = position; i < position + n_added; i++)
    data->dots[i].quadrant = TEND_QUADRANT_DORMANT;

  if (data->focus != TEND_CHART_NO_DOT && data->focus >= position)
    {
      if (data->focus < position + n_removed)
        data->focus = TEND_CHART_NO_DOT;
      else
        data->focus = data->focus - n_removed + n_added;
    }

  data->n_dots = n_after;
}

static TendQuadrant
classify (double in_weight,
          double out_weight,
          double threshold)
{
  /* The same rule as tend_reciprocity_classify(). */
  gboolean in_active = in_weight >= threshold;
  gboolean out_active = out_weight >= threshold;

  if (in_active && out_active)
    return TEND_QUADRANT_SOLID;
  if (out_active)
    return TEND_QUADRANT_YOU_INVEST;
  if (in_active)
    return TEND_QUADRANT_THEY_INVEST;
  return TEND_QUADRANT_DORMANT;
}

void
tend_chart_data_set_dot (TendChartData *data,
                         guint          index,
                         double         out_weight,
                         double         in_weight)
{
  TendChartDot *dot;

  g_return_if_fail (data != NULL);
  g_return_if_fail (index < data->n_dots);

  dot = &data->dots[index];
  dot->out_weight = MAX (out_weight, 0);
  dot->in_weight = MAX (in_weight, 0);
  dot->scaled_out = tend_chart_scale (dot->out_weight, data->threshold);
  dot->scaled_in = tend_chart_scale (dot->in_weight, data->threshold);
  dot->quadrant = classify (dot->in_weight, dot->out_weight, data->threshold);
}

void
tend_chart_data_set_threshold (TendChartData *data,
                               double         threshold)
{
  g_return_if_fail (data != NULL);
  g_return_if_fail (threshold > 0);

  data->threshold = threshold;
  for (guint i = 0; i < data->n_dots; i++)
    tend_chart_data_set_dot (data, i, data->dots[i].out_weight, data->dots[i].in_weight);
  tend_chart_data_changed (data);
}

/**
 * tend_chart_data_changed:
 *
 * Counts the quadrants and fits the axes after dots were set.
 */
void
tend_chart_data_changed (TendChartData *data)
{
  double largest = 0;

  g_return_if_fail (data != NULL);

  memset (data->counts, 0, sizeof data->counts);
  data->n_selected = 0;

  for (guint i = 0; i < data->n_dots; i++)
    {
      const TendChartDot *dot = &data->dots[i];

      data->counts[dot->quadrant]++;
      data->n_selected += dot->selected != 0;
      largest = MAX (largest, MAX (dot->out_weight, dot->in_weight));
    }

  /* Both axes share one scale, so the diagonal is a balanced exchange,
   * and go at least a decade past the threshold so "active" has room.
   */
  data->axis_max = round_up_nicely (MAX (largest, data->threshold * 10));
  data->generation++;
  data->selection_generation++;
}

void
tend_chart_data_set_selected (TendChartData *data,
                              guint          index,
                              gboolean       selected)
{
  g_return_if_fail (data != NULL);
  g_return_if_fail (index < data->n_dots);

  data->dots[index].selected = selected != FALSE;
}

void
tend_chart_data_selection_changed (TendChartData *data)
{
  g_return_if_fail (data != NULL);

  data->n_selected = 0;
  for (guint i = 0; i < data->n_dots; i++)
    data->n_selected += data->dots[i].selected != 0;
  data->selection_generation++;
}

/* }}} */

/* Style {{{ */

void
tend_chart_style_init_default (TendChartStyle *style)
{
  g_return_if_fail (style != NULL);

  memset (style, 0, sizeof *style);
  gdk_rgba_parse (&style->foreground, "rgba(0,0,0,0.8)");
  gdk_rgba_parse (&style->background, "#ffffff");
  gdk_rgba_parse (&style->accent, "#1c71d8");
  style->dark = FALSE;
  style->font = NULL;
  style->font_size = 14;
  style->scale_factor = 1;
}

static void
mix (const GdkRGBA *from,
     const GdkRGBA *to,
     double         amount,
     GdkRGBA       *result)
{
  result->red = from->red + (to->red - from->red) * amount;
  result->green = from->green + (to->green - from->green) * amount;
  result->blue = from->blue + (to->blue - from->blue) * amount;
  result->alpha = 1;
}

/**
 * tend_chart_style_get_tint:
 *
 * Gets the opaque colour that shades @quadrant's area: a little of the
 * quadrant's hue over the background, a little more in the dark style.
 */
void
tend_chart_style_get_tint (const TendChartStyle *style,
                           TendQuadrant          quadrant,
                           GdkRGBA              *tint)
{
  GdkRGBA background;

  g_return_if_fail (style != NULL);
  g_return_if_fail ((guint) quadrant < TEND_N_QUADRANTS);
  g_return_if_fail (tint != NULL);

  background = style->background;
  background.alpha = 1;
  mix (&background, &quadrant_hues[quadrant], style->dark ? 0.22 : 0.16, tint);
}

static gboolean
style_equal (const TendChartStyle       *a,
             const PangoFontDescription *a_font,
             const TendChartStyle       *b)
{
  if (!gdk_rgba_equal (&a->foreground, &b->foreground) ||
      !gdk_rgba_equal (&a->background, &b->background) ||
      !gdk_rgba_equal (&a->accent, &b->accent) ||
      a->dark != b->dark ||
      a->font_size != b->font_size ||
      a->scale_factor != b->scale_factor)
    return FALSE;

  if (a_font == NULL || b->font == NULL)
    return a_font == b->font;

  return pango_font_description_equal (a_font, b->font);
}

static void
set_source (cairo_t       *cr,
            const GdkRGBA *color,
            double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/* }}} */

/* Layout {{{ */

/* A rough width of @text without a font at hand: layout decisions must
 * be the same in the widget, which hit-tests without drawing, and when
 * drawing. Generous, so that real text fits where the estimate does.
 */
static double
estimate_width (const char *text,
                double      font_size)
{
  double width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iswide (c))
        width += 1.0;
      else if (c == ' ' || c == '.' || c == ',')
        width += 0.33;
      else
        width += 0.62;
    }

  return width * font_size;
}

static char *
format_weight (double weight)
{
  if (weight >= 1e6)
    return g_strdup_printf ("%gM", weight / 1e6);
  if (weight >= 1e4)
    return g_strdup_printf ("%gk", weight / 1e3);

  return g_strdup_printf ("%g", weight);
}

static char *
format_quadrant_label (const TendChartData *data,
                       TendQuadrant         quadrant)
{
  /* Translators: a quadrant of the chart and how many dots are in it,
   * like "Solid 23" */
  return g_strdup_printf (_("%s %u"), tend_quadrant_get_label (quadrant), data->counts[quadrant]);
}

static double
label_padding (const TendChartLayout *layout)
{
  return layout->font_size * 0.4;
}

static double
label_height (const TendChartLayout *layout)
{
  return layout->font_size * 1.5;
}

static double
legend_line_height (const TendChartLayout *layout)
{
  return layout->font_size * 1.7;
}

/* Lines the legend takes when it is @available units wide. */
static guint
count_legend_lines (const TendChartLayout *layout,
                    const TendChartData   *data,
                    double                 available)
{
  double x = 0;
  guint lines = 1;

  for (guint q = 0; q < TEND_N_QUADRANTS; q++)
    {
      g_autofree char *text = format_quadrant_label (data, q);
      double item = layout->font_size * 1.4 + estimate_width (text, layout->font_size);

      if (x > 0 && x + item > available)
        {
          lines++;
          x = 0;
        }
      x += item + layout->font_size * 1.2;
    }

  return lines;
}

static double
x_for_scaled (const TendChartLayout *layout,
              double                 scaled)
{
  const graphene_rect_t *plot = &layout->plot;

  return plot->origin.x + layout->inset + (plot->size.width - layout->inset) * scaled / layout->scaled_max;
}

static double
y_for_scaled (const TendChartLayout *layout,
              double                 scaled)
{
  const graphene_rect_t *plot = &layout->plot;

  return plot->origin.y + (plot->size.height - layout->inset) * (1 - scaled / layout->scaled_max);
}

static void
place_plot (TendChartLayout     *layout,
            const TendChartData *data)
{
  double font = layout->font_size;
  double pad = font * 0.75;
  double tick = font * 0.35;
  g_autofree char *widest = format_weight (data->axis_max);
  double left, right, top, bottom;

  left = pad + font * 1.4 + estimate_width (widest, font) + tick + font * 0.3;
  bottom = pad + font * 1.4 + font * 1.3 + tick;
  top = pad + layout->legend_lines * legend_line_height (layout);
  right = pad + estimate_width (widest, font) / 2;

  graphene_rect_init (&layout->plot,
                      left, top,
                      MAX (1, layout->width - left - right),
                      MAX (1, layout->height - top - bottom));

  layout->split_x = x_for_scaled (layout, 1);
  layout->split_y = y_for_scaled (layout, 1);
}

static gboolean
labels_fit_in_areas (const TendChartLayout *layout,
                     const TendChartData   *data)
{
  double pad = label_padding (layout);

  for (guint q = 0; q < TEND_N_QUADRANTS; q++)
    {
      g_autofree char *text = format_quadrant_label (data, q);
      graphene_rect_t area;

      tend_chart_layout_get_area (layout, q, &area);
      if (estimate_width (text, layout->font_size) + 4 * pad > area.size.width ||
          label_height (layout) + 2 * pad > area.size.height)
        return FALSE;
    }

  return TRUE;
}

/**
 * tend_chart_layout_init:
 * @width: the whole chart's width in units: pixels on screen, points on paper
 *
 * Works out where everything goes. Text sizes follow @style's font size,
 * shrunk when the chart is too small for it.
 */
void
tend_chart_layout_init (TendChartLayout      *layout,
                        double                width,
                        double                height,
                        const TendChartData  *data,
                        const TendChartStyle *style)
{
  g_return_if_fail (layout != NULL);
  g_return_if_fail (data != NULL);
  g_return_if_fail (style != NULL);

  memset (layout, 0, sizeof *layout);
  layout->width = MAX (width, 1);
  layout->height = MAX (height, 1);
  layout->threshold = data->threshold;
  layout->scaled_max = MAX (tend_chart_scale (data->axis_max, data->threshold), 1.1);

  layout->font_size = style->font_size > 0 ? style->font_size : 14;
  layout->font_size = MIN (layout->font_size, MAX (6, MIN (width, height) / 20));

  /* Big enough to see and to hit; smaller when there are many. */
  if (data->n_dots <= 2000)
    layout->dot_radius = layout->font_size * 0.3;
  else if (data->n_dots <= 20000)
    layout->dot_radius = layout->font_size * 0.2;
  else
    layout->dot_radius = layout->font_size * 0.15;
  layout->dot_radius = MAX (layout->dot_radius, 1.5);
  layout->inset = ceil (layout->dot_radius * 2);

  place_plot (layout, data);

  if (!labels_fit_in_areas (layout, data))
    {
      layout->legend_lines = count_legend_lines (layout, data,
                                                 layout->width - layout->font_size * 1.5);
      place_plot (layout, data);
    }
}

void
tend_chart_layout_map (const TendChartLayout *layout,
                       double                 out_weight,
                       double                 in_weight,
                       double                *x,
                       double                *y)
{
  g_return_if_fail (layout != NULL);

  *x = x_for_scaled (layout, tend_chart_scale (out_weight, layout->threshold));
  *y = y_for_scaled (layout, tend_chart_scale (in_weight, layout->threshold));
}

void
tend_chart_layout_map_dot (const TendChartLayout *layout,
                           const TendChartDot    *dot,
                           double                *x,
                           double                *y)
{
  *x = x_for_scaled (layout, dot->scaled_out);
  *y = y_for_scaled (layout, dot->scaled_in);
}

/**
 * tend_chart_layout_get_area:
 *
 * Gets the part of the plot that @quadrant's dots fall in.
 */
void
tend_chart_layout_get_area (const TendChartLayout *layout,
                            TendQuadrant           quadrant,
                            graphene_rect_t       *area)
{
  const graphene_rect_t *plot;
  double left, right, top, bottom;
  gboolean out_active;
  gboolean in_active;

  g_return_if_fail (layout != NULL);
  g_return_if_fail (area != NULL);

  plot = &layout->plot;
  out_active = quadrant == TEND_QUADRANT_SOLID || quadrant == TEND_QUADRANT_YOU_INVEST;
  in_active = quadrant == TEND_QUADRANT_SOLID || quadrant == TEND_QUADRANT_THEY_INVEST;

  left = out_active ? layout->split_x : plot->origin.x;
  right = out_active ? plot->origin.x + plot->size.width : layout->split_x;
  top = in_active ? plot->origin.y : layout->split_y;
  bottom = in_active ? layout->split_y : plot->origin.y + plot->size.height;

  graphene_rect_init (area, left, top, right - left, bottom - top);
}

/* }}} */

/* Lookups {{{ */

static gboolean
same_spot (double ax,
           double ay,
           double bx,
           double by)
{
  return fabs (ax - bx) < 0.5 && fabs (ay - by) < 0.5;
}

/**
 * tend_chart_hit_test:
 * @n_here: (out) (optional): how many dots are drawn at the same spot
 *
 * Returns: the dot nearest to (@x, @y) within reach of the pointer, the
 *   first one of those drawn at the same spot, or %TEND_CHART_NO_DOT
 */
guint
tend_chart_hit_test (const TendChartLayout *layout,
                     const TendChartData   *data,
                     double                 x,
                     double                 y,
                     guint                 *n_here)
{
  double reach = layout->dot_radius + MAX (3, layout->dot_radius * 0.5);
  double best_distance = reach * reach;
  guint best = TEND_CHART_NO_DOT;
  double best_x = 0, best_y = 0;

  g_return_val_if_fail (layout != NULL, TEND_CHART_NO_DOT);
  g_return_val_if_fail (data != NULL, TEND_CHART_NO_DOT);

  if (n_here != NULL)
    *n_here = 0;

  for (guint i = 0; i < data->n_dots; i++)
    {
      double dx, dy, distance;

      tend_chart_layout_map_dot (layout, &data->dots[i], &dx, &dy);
      distance = (dx - x) * (dx - x) + (dy - y) * (dy - y);
      if (distance < best_distance ||
          (distance <= best_distance && best == TEND_CHART_NO_DOT))
        {
          best_distance = distance;
          best = i;
          best_x = dx;
          best_y = dy;
        }
    }

  if (best == TEND_CHART_NO_DOT || n_here == NULL)
    return best;

  for (guint i = 0; i < data->n_dots; i++)
    {
      double dx, dy;

      tend_chart_layout_map_dot (layout, &data->dots[i], &dx, &dy);
      if (same_spot (dx, dy, best_x, best_y))
        {
          if (*n_here == 0)
            best = i;
          (*n_here)++;
        }
    }

  return best;
}

/**
 * tend_chart_find_in_rect:
 *
 * Returns: (transfer full) (element-type guint): the dots whose centres
 *   are inside @rect, in order
 */
GArray *
tend_chart_find_in_rect (const TendChartLayout *layout,
                         const TendChartData   *data,
                         const graphene_rect_t *rect)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (guint));
  graphene_rect_t normalized;

  g_return_val_if_fail (layout != NULL, found);
  g_return_val_if_fail (data != NULL, found);
  g_return_val_if_fail (rect != NULL, found);

  graphene_rect_normalize_r (rect, &normalized);

  for (guint i = 0; i < data->n_dots; i++)
    {
      double x, y;

      tend_chart_layout_map_dot (layout, &data->dots[i], &x, &y);
      if (x >= normalized.origin.x && x <= normalized.origin.x + normalized.size.width &&
          y >= normalized.origin.y && y <= normalized.origin.y + normalized.size.height)
        g_array_append_val (found, i);
    }

  return found;
}

/* The dot where the keyboard enters the chart: at the edge the arrow
 * points away from.
 */
static guint
find_entry (const TendChartLayout *layout,
            const TendChartData   *data,
            TendChartDirection     direction)
{
  guint best = TEND_CHART_NO_DOT;
  double best_key = 0;

  for (guint i = 0; i < data->n_dots; i++)
    {
      double x, y, key;

      tend_chart_layout_map_dot (layout, &data->dots[i], &x, &y);
      switch (direction)
        {
        case TEND_CHART_DIRECTION_RIGHT: key = x; break;
        case TEND_CHART_DIRECTION_LEFT: key = -x; break;
        case TEND_CHART_DIRECTION_UP: key = -y; break;
        case TEND_CHART_DIRECTION_DOWN: key = y; break;
        default: key = 0; break;
        }

      if (best == TEND_CHART_NO_DOT || key < best_key - 0.5)
        {
          best = i;
          best_key = key;
        }
    }

  return best;
}

/**
 * tend_chart_find_neighbor:
 * @from: the focused dot, or %TEND_CHART_NO_DOT to enter the chart
 *
 * Finds where an arrow key takes the focus: the nearest dot at another
 * spot in @direction, straight ahead counting more than off to the side.
 * Of several dots at one spot it is the first; %TEND_CHART_DIRECTION_NEXT
 * and %TEND_CHART_DIRECTION_PREVIOUS go through the dots at the same spot.
 *
 * Returns: the dot, or %TEND_CHART_NO_DOT when there is none that way
 */
guint
tend_chart_find_neighbor (const TendChartLayout *layout,
                          const TendChartData   *data,
                          guint                  from,
                          TendChartDirection     direction)
{
  guint best = TEND_CHART_NO_DOT;
  double best_cost = G_MAXDOUBLE;
  double fx, fy;

  g_return_val_if_fail (layout != NULL, TEND_CHART_NO_DOT);
  g_return_val_if_fail (data != NULL, TEND_CHART_NO_DOT);

  if (from >= data->n_dots)
    {
      if (direction == TEND_CHART_DIRECTION_NEXT || direction == TEND_CHART_DIRECTION_PREVIOUS)
        return data->n_dots > 0 ? 0 : TEND_CHART_NO_DOT;
      return find_entry (layout, data, direction);
    }

  tend_chart_layout_map_dot (layout, &data->dots[from], &fx, &fy);

  if (direction == TEND_CHART_DIRECTION_NEXT || direction == TEND_CHART_DIRECTION_PREVIOUS)
    {
      gboolean forward = direction == TEND_CHART_DIRECTION_NEXT;
      guint n = data->n_dots;

      /* Round the spot, wrapping at the ends. */
      for (guint step = 1; step < n; step++)
        {
          guint i = forward ? (from + step) % n : (from + n - step) % n;
          double x, y;

          tend_chart_layout_map_dot (layout, &data->dots[i], &x, &y);
          if (same_spot (x, y, fx, fy))
            return i;
        }

      return TEND_CHART_NO_DOT;
    }

  for (guint i = 0; i < data->n_dots; i++)
    {
      double x, y, ahead, aside, cost;

      tend_chart_layout_map_dot (layout, &data->dots[i], &x, &y);

      switch (direction)
        {
        case TEND_CHART_DIRECTION_RIGHT: ahead = x - fx; aside = y - fy; break;
        case TEND_CHART_DIRECTION_LEFT: ahead = fx - x; aside = y - fy; break;
        case TEND_CHART_DIRECTION_UP: ahead = fy - y; aside = x - fx; break;
        case TEND_CHART_DIRECTION_DOWN: ahead = y - fy; aside = x - fx; break;
        default: g_return_val_if_reached (TEND_CHART_NO_DOT);
        }

      if (ahead < 0.5)
        continue;

      cost = ahead * ahead + 4 * aside * aside;
      /* Strictly less: of dots at one spot, the first wins. */
      if (cost < best_cost - 1e-9)
        {
          best_cost = cost;
          best = i;
        }
    }

  return best;
}

/* }}} */

/* Drawing {{{ */

typedef struct
{
  cairo_t *cr;
  PangoLayout *text;
  PangoFontDescription *font;
  const TendChartStyle *style;
  const TendChartLayout *layout;
  const TendChartData *data;
  double line_width;
} Painter;

static void
painter_init (Painter               *painter,
              cairo_t               *cr,
              const TendChartLayout *layout,
              const TendChartData   *data,
              const TendChartStyle  *style)
{
  painter->cr = cr;
  painter->style = style;
  painter->layout = layout;
  painter->data = data;
  painter->line_width = MAX (1, layout->font_size / 14);
  painter->text = pango_cairo_create_layout (cr);
  painter->font = style->font != NULL ? pango_font_description_copy (style->font)
                                      : pango_font_description_from_string ("Sans");
}

static void
painter_clear (Painter *painter)
{
  g_clear_object (&painter->text);
  g_clear_pointer (&painter->font, pango_font_description_free);
}

/* Sets @text (plain text, never markup: names are untrusted) and returns
 * its logical size.
 */
static void
painter_set_text (Painter    *painter,
                  const char *text,
                  double      size,
                  PangoWeight weight,
                  double     *width,
                  double     *height)
{
  PangoRectangle logical;

  pango_font_description_set_absolute_size (painter->font, size * PANGO_SCALE);
  pango_font_description_set_weight (painter->font, weight);
  pango_layout_set_font_description (painter->text, painter->font);
  pango_layout_set_text (painter->text, text, -1);
  pango_layout_get_extents (painter->text, NULL, &logical);

  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

static void
painter_show_text (Painter *painter,
                   double   x,
                   double   y)
{
  cairo_move_to (painter->cr, x, y);
  pango_cairo_show_layout (painter->cr, painter->text);
}

static void
rounded_rectangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   width,
                   double   height,
                   double   radius)
{
  radius = MIN (radius, MIN (width, height) / 2);

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI_2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI_2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI_2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI_2);
  cairo_close_path (cr);
}

static void
draw_areas (Painter *painter)
{
  cairo_t *cr = painter->cr;

  for (guint q = 0; q < TEND_N_QUADRANTS; q++)
    {
      graphene_rect_t area;
      GdkRGBA tint;

      tend_chart_layout_get_area (painter->layout, q, &area);
      tend_chart_style_get_tint (painter->style, q, &tint);
      gdk_cairo_set_source_rgba (cr, &tint);
      cairo_rectangle (cr, area.origin.x, area.origin.y, area.size.width, area.size.height);
      cairo_fill (cr);
    }
}

typedef struct
{
  double value;
  double position;
  double extent;
} Tick;

/* Picks the ticks that fit without touching: 0, the threshold and the end
 * first, then decades, then 5s and 2s. @along_x: whether the labels sit
 * side by side (or stacked, on the y axis).
 */
static GArray *
choose_ticks (const TendChartLayout *layout,
              const TendChartData   *data,
              gboolean               along_x)
{
  GArray *ticks = g_array_new (FALSE, FALSE, sizeof (Tick));
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (double));
  double gap = layout->font_size * (along_x ? 0.8 : 0.3);
  double threshold = data->threshold;
  double top = data->axis_max;

  {
    double first[] = { 0, threshold, top };

    g_array_append_vals (candidates, first, G_N_ELEMENTS (first));
  }

  for (guint round = 0; round < 3; round++)
    {
      static const double steps[] = { 1, 5, 2 };

      for (double decade = pow (10, floor (log10 (threshold)));
           decade < top;
           decade *= 10)
        {
          double value = steps[round] * decade;

          if (value > threshold * 1.0001 && value < top * 0.9999)
            g_array_append_val (candidates, value);
        }
    }

  /* Halfway up the linear part, when that is a round number. */
  {
    double half = threshold / 2;

    if (fabs (half - round (half)) < 1e-9 || fabs (half * 10 - round (half * 10)) < 1e-9)
      g_array_append_val (candidates, half);
  }

  for (guint i = 0; i < candidates->len; i++)
    {
      double value = g_array_index (candidates, double, i);
      g_autofree char *text = format_weight (value);
      double scaled = tend_chart_scale (value, threshold);
      gboolean fits = TRUE;
      Tick tick;

      tick.value = value;
      tick.extent = along_x ? estimate_width (text, layout->font_size) : layout->font_size * 1.2;
      tick.position = along_x ? x_for_scaled (layout, scaled) : y_for_scaled (layout, scaled);

      for (guint j = 0; j < ticks->len && fits; j++)
        {
          const Tick *other = &g_array_index (ticks, Tick, j);

          if (fabs (other->position - tick.position) < (other->extent + tick.extent) / 2 + gap)
            fits = FALSE;
        }

      if (fits)
        g_array_append_val (ticks, tick);
    }

  return ticks;
}

static void
draw_axes (Painter *painter)
{
  const TendChartLayout *layout = painter->layout;
  const graphene_rect_t *plot = &layout->plot;
  const GdkRGBA *fg = &painter->style->foreground;
  cairo_t *cr = painter->cr;
  double font = layout->font_size * 0.85;
  double tick_length = layout->font_size * 0.35;
  double left = plot->origin.x;
  double right = plot->origin.x + plot->size.width;
  double top = plot->origin.y;
  double bottom = plot->origin.y + plot->size.height;
  g_autoptr(GArray) x_ticks = choose_ticks (layout, painter->data, TRUE);
  g_autoptr(GArray) y_ticks = choose_ticks (layout, painter->data, FALSE);
  double width, height;

  cairo_set_line_width (cr, painter->line_width);

  /* Grid lines, faint, then the tick marks and their numbers. */
  set_source (cr, fg, 0.08);
  for (guint i = 0; i < x_ticks->len; i++)
    {
      double x = round (g_array_index (x_ticks, Tick, i).position) + 0.5;

      cairo_move_to (cr, x, top);
      cairo_line_to (cr, x, bottom);
    }
  for (guint i = 0; i < y_ticks->len; i++)
    {
      double y = round (g_array_index (y_ticks, Tick, i).position) + 0.5;

      cairo_move_to (cr, left, y);
      cairo_line_to (cr, right, y);
    }
  cairo_stroke (cr);

  set_source (cr, fg, 0.5);
  for (guint i = 0; i < x_ticks->len; i++)
    {
      double x = round (g_array_index (x_ticks, Tick, i).position) + 0.5;

      cairo_move_to (cr, x, bottom);
      cairo_line_to (cr, x, bottom + tick_length);
    }
  for (guint i = 0; i < y_ticks->len; i++)
    {
      double y = round (g_array_index (y_ticks, Tick, i).position) + 0.5;

      cairo_move_to (cr, left - tick_length, y);
      cairo_line_to (cr, left, y);
    }
  cairo_stroke (cr);

  set_source (cr, fg, 0.7);
  for (guint i = 0; i < x_ticks->len; i++)
    {
      const Tick *tick = &g_array_index (x_ticks, Tick, i);
      g_autofree char *text = format_weight (tick->value);

      painter_set_text (painter, text, font, PANGO_WEIGHT_NORMAL, &width, &height);
      painter_show_text (painter, tick->position - width / 2, bottom + tick_length + font * 0.15);
    }
  for (guint i = 0; i < y_ticks->len; i++)
    {
      const Tick *tick = &g_array_index (y_ticks, Tick, i);
      g_autofree char *text = format_weight (tick->value);

      painter_set_text (painter, text, font, PANGO_WEIGHT_NORMAL, &width, &height);
      painter_show_text (painter, left - tick_length - font * 0.3 - width, tick->position - height / 2);
    }

  /* The axes' titles. */
  set_source (cr, fg, 0.85);
  painter_set_text (painter, _("You give (out)"), layout->font_size, PANGO_WEIGHT_NORMAL, &width, &height);
  painter_show_text (painter,
                     left + (plot->size.width - width) / 2,
                     layout->height - layout->font_size * 0.75 - height);

  painter_set_text (painter, _("They give you (in)"), layout->font_size, PANGO_WEIGHT_NORMAL, &width, &height);
  cairo_save (cr);
  cairo_translate (cr, layout->font_size * 0.6, top + (plot->size.height + width) / 2);
  cairo_rotate (cr, -G_PI_2);
  painter_show_text (painter, 0, 0);
  cairo_restore (cr);

  /* Where the threshold splits the plot, then the axes themselves. */
  set_source (cr, fg, 0.35);
  cairo_move_to (cr, round (layout->split_x) + 0.5, top);
  cairo_line_to (cr, round (layout->split_x) + 0.5, bottom);
  cairo_move_to (cr, left, round (layout->split_y) + 0.5);
  cairo_line_to (cr, right, round (layout->split_y) + 0.5);
  cairo_stroke (cr);

  set_source (cr, fg, 0.55);
  cairo_move_to (cr, left, top);
  cairo_line_to (cr, left, bottom);
  cairo_line_to (cr, right, bottom);
  cairo_stroke (cr);
}

typedef struct
{
  guint32 *counts;
  GArray *occupied;     /* cell indices, in the order first seen */
  int columns;
  int rows;
  double cell;          /* in units */
  double origin_x;
  double origin_y;
} Grid;

/* Counts the dots per cell of about half a dot's radius, on the device
 * pixel grid: dots closer than that are drawn as one.
 */
static void
grid_fill (Grid                  *grid,
           const TendChartLayout *layout,
           const TendChartData   *data,
           double                 scale_factor,
           gboolean               selected_only)
{
  const graphene_rect_t *plot = &layout->plot;
  double device_cell = MAX (1, floor (layout->dot_radius * scale_factor / 2));

  grid->cell = device_cell / scale_factor;
  grid->origin_x = plot->origin.x - grid->cell / 2;
  grid->origin_y = plot->origin.y - grid->cell / 2;
  grid->columns = (int) ceil (plot->size.width / grid->cell) + 2;
  grid->rows = (int) ceil (plot->size.height / grid->cell) + 2;
  grid->counts = g_new0 (guint32, (gsize) grid->columns * grid->rows);
  grid->occupied = g_array_sized_new (FALSE, FALSE, sizeof (guint32), 1024);

  for (guint i = 0; i < data->n_dots; i++)
    {
      const TendChartDot *dot = &data->dots[i];
      double x, y;
      int column, row;
      guint32 index;

      if (selected_only && !dot->selected)
        continue;

      tend_chart_layout_map_dot (layout, dot, &x, &y);
      column = CLAMP ((int) ((x - grid->origin_x) / grid->cell), 0, grid->columns - 1);
      row = CLAMP ((int) ((y - grid->origin_y) / grid->cell), 0, grid->rows - 1);
      index = (guint32) row * grid->columns + column;

      if (grid->counts[index]++ == 0)
        g_array_append_val (grid->occupied, index);
    }
}

static void
grid_clear (Grid *grid)
{
  g_clear_pointer (&grid->counts, g_free);
  g_clear_pointer (&grid->occupied, g_array_unref);
}

static void
grid_cell_center (const Grid *grid,
                  guint32     index,
                  double     *x,
                  double     *y)
{
  *x = grid->origin_x + (index % grid->columns + 0.5) * grid->cell;
  *y = grid->origin_y + (index / grid->columns + 0.5) * grid->cell;
}

static void
draw_grid_as_paths (Painter       *painter,
                    const Grid    *grid,
                    const GdkRGBA *color,
                    double         radius)
{
  cairo_t *cr = painter->cr;

  for (guint level = 0; level < N_LEVELS; level++)
    {
      gboolean any = FALSE;

      for (guint i = 0; i < grid->occupied->len; i++)
        {
          guint32 index = g_array_index (grid->occupied, guint32, i);
          double x, y;

          if (level_for_count (grid->counts[index]) != level)
            continue;

          grid_cell_center (grid, index, &x, &y);
          cairo_new_sub_path (cr);
          cairo_arc (cr, x, y, radius * levels[level].radius, 0, 2 * G_PI);
          any = TRUE;
        }

      if (any)
        {
          set_source (cr, color, levels[level].alpha);
          cairo_fill (cr);
        }
    }
}

/* The same as draw_grid_as_paths(), stamped into one alpha mask: each
 * pixel keeps the most opaque of the dots covering it.
 */
typedef struct
{
  int size;
  guint8 *values;       /* size × size coverage × alpha */
  int *first;           /* per row: the first and last column that count */
  int *last;
} Stamp;

/* One antialiased disc of @radius device pixels. */
static void
stamp_init (Stamp  *stamp,
            double  radius,
            double  alpha)
{
  int half = (int) ceil (radius + 0.5);

  stamp->size = 2 * half + 1;
  stamp->values = g_malloc ((gsize) stamp->size * stamp->size);
  stamp->first = g_new (int, stamp->size);
  stamp->last = g_new (int, stamp->size);

  for (int y = 0; y < stamp->size; y++)
    {
      stamp->first[y] = stamp->size;
      stamp->last[y] = -1;

      for (int x = 0; x < stamp->size; x++)
        {
          double distance = hypot (x - half, y - half);
          double coverage = CLAMP (radius + 0.5 - distance, 0, 1);
          guint8 value = (guint8) round (coverage * alpha * 255);

          stamp->values[y * stamp->size + x] = value;
          if (value > 0)
            {
              stamp->first[y] = MIN (stamp->first[y], x);
              stamp->last[y] = x;
            }
        }
    }
}

static void
stamp_clear (Stamp *stamp)
{
  g_clear_pointer (&stamp->values, g_free);
  g_clear_pointer (&stamp->first, g_free);
  g_clear_pointer (&stamp->last, g_free);
}

/* The same as draw_grid_as_paths(), stamped into one alpha mask: each
 * pixel keeps the most opaque of the dots covering it.
 */
static void
draw_grid_as_image (Painter       *painter,
                    const Grid    *grid,
                    const GdkRGBA *color,
                    double         radius)
{
  double scale = painter->style->scale_factor;
  const graphene_rect_t *plot = &painter->layout->plot;
  double largest = radius * levels[N_LEVELS - 1].radius * scale;
  int margin = (int) ceil (largest) + 2;
  double origin_x = floor (plot->origin.x * scale) - margin;
  double origin_y = floor (plot->origin.y * scale) - margin;
  int width = (int) ceil (plot->size.width * scale) + 2 * margin + 1;
  int height = (int) ceil (plot->size.height * scale) + 2 * margin + 1;
  Stamp stamps[N_LEVELS];
  cairo_surface_t *mask;
  guint8 *pixels;
  int stride;

  mask = cairo_image_surface_create (CAIRO_FORMAT_A8, width, height);
  if (cairo_surface_status (mask) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (mask);
      return;
    }

  cairo_surface_flush (mask);
  pixels = cairo_image_surface_get_data (mask);
  stride = cairo_image_surface_get_stride (mask);

  for (guint level = 0; level < N_LEVELS; level++)
    stamp_init (&stamps[level], radius * levels[level].radius * scale, levels[level].alpha);

  for (guint i = 0; i < grid->occupied->len; i++)
    {
      guint32 index = g_array_index (grid->occupied, guint32, i);
      const Stamp *stamp = &stamps[level_for_count (grid->counts[index])];
      int half = stamp->size / 2;
      double x, y;
      int left, top;

      grid_cell_center (grid, index, &x, &y);
      left = (int) floor (x * scale - origin_x) - half;
      top = (int) floor (y * scale - origin_y) - half;

      for (int row = MAX (0, -top); row < stamp->size && top + row < height; row++)
        {
          const guint8 *source = stamp->values + row * stamp->size;
          guint8 *line = pixels + (gsize) (top + row) * stride + left;
          int first = MAX (stamp->first[row], -left);
          int last = MIN (stamp->last[row], width - 1 - left);

          for (int column = first; column <= last; column++)
            line[column] = MAX (line[column], source[column]);
        }
    }

  for (guint level = 0; level < N_LEVELS; level++)
    stamp_clear (&stamps[level]);

  cairo_surface_mark_dirty (mask);
  cairo_surface_set_device_scale (mask, scale, scale);

  set_source (painter->cr, color, 1);
  cairo_mask_surface (painter->cr, mask, origin_x / scale, origin_y / scale);
  cairo_surface_destroy (mask);
}

static void
draw_dots (Painter *painter)
{
  const TendChartLayout *layout = painter->layout;
  const TendChartData *data = painter->data;
  const TendChartStyle *style = painter->style;
  cairo_t *cr = painter->cr;
  double radius = layout->dot_radius;
  Grid grid = { 0, };

  if (data->n_dots == 0)
    return;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, layout->width, layout->height);
  cairo_clip (cr);

  grid_fill (&grid, layout, data, style->scale_factor, FALSE);
  if (grid.occupied->len <= VECTOR_CELL_LIMIT)
    draw_grid_as_paths (painter, &grid, &style->foreground, radius);
  else
    draw_grid_as_image (painter, &grid, &style->foreground, radius);
  grid_clear (&grid);

  /* The selected ones on top, in the accent colour, each with a ring. */
  if (data->n_selected > RING_LIMIT)
    {
      grid_fill (&grid, layout, data, style->scale_factor, TRUE);
      draw_grid_as_image (painter, &grid, &style->accent, radius * 1.15);
      grid_clear (&grid);
    }
  else if (data->n_selected > 0)
    {
      double ring = radius + MAX (2, radius * 0.6);

      for (guint i = 0; i < data->n_dots; i++)
        {
          double x, y;

          if (!data->dots[i].selected)
            continue;

          tend_chart_layout_map_dot (layout, &data->dots[i], &x, &y);
          cairo_new_sub_path (cr);
          cairo_arc (cr, x, y, radius * 1.15, 0, 2 * G_PI);
        }
      set_source (cr, &style->accent, 1);
      cairo_fill (cr);

      for (guint i = 0; i < data->n_dots; i++)
        {
          double x, y;

          if (!data->dots[i].selected)
            continue;

          tend_chart_layout_map_dot (layout, &data->dots[i], &x, &y);
          cairo_new_sub_path (cr);
          cairo_arc (cr, x, y, ring, 0, 2 * G_PI);
        }
      cairo_set_line_width (cr, MAX (1.2, radius * 0.35));
      set_source (cr, &style->accent, 0.9);
      cairo_stroke (cr);
    }

  cairo_restore (cr);
}

static void
draw_label (Painter    *painter,
            const char *text,
            double      x,
            double      y,
            gboolean    align_right,
            gboolean    align_bottom)
{
  const TendChartLayout *layout = painter->layout;
  double pad = label_padding (layout);
  cairo_t *cr = painter->cr;
  double width, height, box_width, box_height;

  painter_set_text (painter, text, layout->font_size, PANGO_WEIGHT_BOLD, &width, &height);
  box_width = width + 2 * pad;
  box_height = height + pad;

  if (align_right)
    x -= box_width;
  if (align_bottom)
    y -= box_height;

  set_source (cr, &painter->style->background, 0.85);
  rounded_rectangle (cr, x, y, box_width, box_height, pad);
  cairo_fill (cr);

  set_source (cr, &painter->style->foreground, 1);
  painter_show_text (painter, x + pad, y + pad / 2);
}

static void
draw_quadrant_labels (Painter *painter)
{
  const TendChartLayout *layout = painter->layout;
  double pad = label_padding (layout);

  if (layout->legend_lines > 0)
    return;

  /* In the top right corners, where dots are fewest: 0 either way is
   * common (the left and bottom edges), the most either way rare.
   */
  for (guint q = 0; q < TEND_N_QUADRANTS; q++)
    {
      g_autofree char *text = format_quadrant_label (painter->data, q);
      graphene_rect_t area;

      tend_chart_layout_get_area (layout, q, &area);
      draw_label (painter, text,
                  area.origin.x + area.size.width - pad,
                  area.origin.y + pad,
                  TRUE, FALSE);
    }
}

static void
draw_legend (Painter *painter)
{
  const TendChartLayout *layout = painter->layout;
  double font = layout->font_size;
  double line = legend_line_height (layout);
  double start = font * 0.75;
  double available = layout->width - font * 1.5;
  cairo_t *cr = painter->cr;
  double x = start;
  double y = font * 0.75;

  if (layout->legend_lines == 0)
    return;

  for (guint q = 0; q < TEND_N_QUADRANTS; q++)
    {
      g_autofree char *text = format_quadrant_label (painter->data, q);
      double item = font * 1.4 + estimate_width (text, font);
      double width, height;
      GdkRGBA tint;

      /* The same breaks as count_legend_lines(). */
      if (x > start && x - start + item > available)
        {
          x = start;
          y += line;
        }

      tend_chart_style_get_tint (painter->style, q, &tint);
      rounded_rectangle (cr, x, y + (line - font) / 2 - font * 0.1, font, font, font * 0.2);
      gdk_cairo_set_source_rgba (cr, &tint);
      cairo_fill_preserve (cr);
      set_source (cr, &painter->style->foreground, 0.35);
      cairo_set_line_width (cr, painter->line_width);
      cairo_stroke (cr);

      painter_set_text (painter, text, font, PANGO_WEIGHT_BOLD, &width, &height);
      set_source (cr, &painter->style->foreground, 1);
      painter_show_text (painter, x + font * 1.4, y + (line - height) / 2 - font * 0.1);

      x += item + font * 1.2;
    }
}

static void
draw_empty (Painter *painter)
{
  const graphene_rect_t *plot = &painter->layout->plot;
  double width, height;

  if (painter->data->n_dots > 0)
    return;

  painter_set_text (painter, _("No connections to show"), painter->layout->font_size,
                    PANGO_WEIGHT_NORMAL, &width, &height);
  set_source (painter->cr, &painter->style->foreground, 0.6);
  painter_show_text (painter,
                     plot->origin.x + (plot->size.width - width) / 2,
                     plot->origin.y + (plot->size.height - height) / 2);
}

/* Everything that only changes with the data, the selection, the size or
 * the style.
 */
static void
draw_base (cairo_t               *cr,
           const TendChartLayout *layout,
           const TendChartData   *data,
           const TendChartStyle  *style)
{
  Painter painter;

  painter_init (&painter, cr, layout, data, style);

  cairo_save (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  set_source (cr, &style->background, 1);
  cairo_paint (cr);
  cairo_restore (cr);

  draw_areas (&painter);
  draw_axes (&painter);
  draw_dots (&painter);
  draw_quadrant_labels (&painter);
  draw_legend (&painter);
  draw_empty (&painter);

  painter_clear (&painter);
}

/* What moves from frame to frame: the focus ring and the rectangle being
 * dragged.
 */
static void
draw_overlay (cairo_t               *cr,
              const TendChartLayout *layout,
              const TendChartData   *data,
              const TendChartStyle  *style)
{
  double line_width = MAX (1, layout->font_size / 14);

  if (data->focus < data->n_dots)
    {
      double ring = layout->dot_radius + MAX (4, layout->dot_radius);
      double x, y;

      tend_chart_layout_map_dot (layout, &data->dots[data->focus], &x, &y);
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, ring, 0, 2 * G_PI);
      set_source (cr, &style->background, 1);
      cairo_set_line_width (cr, 4 * line_width);
      cairo_stroke_preserve (cr);
      set_source (cr, &style->accent, 1);
      cairo_set_line_width (cr, 2 * line_width);
      cairo_stroke (cr);
    }

  if (data->has_band)
    {
      graphene_rect_t band;

      graphene_rect_normalize_r (&data->band, &band);
      cairo_rectangle (cr, band.origin.x, band.origin.y, band.size.width, band.size.height);
      set_source (cr, &style->accent, 0.15);
      cairo_fill_preserve (cr);
      set_source (cr, &style->accent, 0.8);
      cairo_set_line_width (cr, line_width);
      cairo_stroke (cr);
    }
}

/* }}} */

/* Cache {{{ */

TendChartCache *
tend_chart_cache_new (void)
{
  return g_new0 (TendChartCache, 1);
}

void
tend_chart_cache_invalidate (TendChartCache *cache)
{
  g_return_if_fail (cache != NULL);

  g_clear_pointer (&cache->surface, cairo_surface_destroy);
  g_clear_pointer (&cache->font, pango_font_description_free);
}

void
tend_chart_cache_free (TendChartCache *cache)
{
  if (cache == NULL)
    return;

  tend_chart_cache_invalidate (cache);
  g_free (cache);
}

static gboolean
cache_is_valid (const TendChartCache *cache,
                double                width,
                double                height,
                const TendChartData  *data,
                const TendChartStyle *style)
{
  return cache->surface != NULL &&
         cache->width == width &&
         cache->height == height &&
         cache->generation == data->generation &&
         cache->selection_generation == data->selection_generation &&
         style_equal (&cache->style, cache->font, style);
}

static void
cache_update (TendChartCache        *cache,
              const TendChartLayout *layout,
              const TendChartData   *data,
              const TendChartStyle  *style)
{
  double scale = style->scale_factor;
  int pixel_width = (int) ceil (layout->width * scale);
  int pixel_height = (int) ceil (layout->height * scale);
  cairo_surface_t *surface = g_steal_pointer (&cache->surface);
  cairo_t *cr;

  /* Drawing over the old picture saves clearing fresh memory; the
   * background covers it all.
   */
  if (surface != NULL &&
      (cairo_image_surface_get_width (surface) != pixel_width ||
       cairo_image_surface_get_height (surface) != pixel_height))
    g_clear_pointer (&surface, cairo_surface_destroy);

  tend_chart_cache_invalidate (cache);

  if (surface == NULL)
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pixel_width, pixel_height);
  cache->surface = surface;
  cairo_surface_set_device_scale (cache->surface, scale, scale);
  cache->width = layout->width;
  cache->height = layout->height;
  cache->generation = data->generation;
  cache->selection_generation = data->selection_generation;
  cache->style = *style;
  cache->font = style->font != NULL ? pango_font_description_copy (style->font) : NULL;
  cache->style.font = NULL;

  cr = cairo_create (cache->surface);
  draw_base (cr, layout, data, style);
  cairo_destroy (cr);
  cairo_surface_flush (cache->surface);
}

/* }}} */

/**
 * tend_chart_render:
 * @cr: where to draw, in units: pixels on screen, points on paper
 * @width: the chart's width in units
 * @height: the chart's height in units
 * @cache: (nullable): what to keep between frames; %NULL draws everything
 *   directly, text and areas as vectors (for printing)
 *
 * Draws the whole chart: background, shaded and counted quadrants, axes,
 * dots, selection, focus ring and the rectangle being dragged.
 */
void
tend_chart_render (cairo_t              *cr,
                   double                width,
                   double                height,
                   const TendChartData  *data,
                   const TendChartStyle *style,
                   TendChartCache       *cache)
{
  TendChartLayout layout;
  TendChartStyle fixed;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (data != NULL);
  g_return_if_fail (style != NULL);

  if (width < 1 || height < 1)
    return;

  fixed = *style;
  if (!(fixed.scale_factor > 0))
    fixed.scale_factor = 1;
  fixed.scale_factor = CLAMP (fixed.scale_factor, 0.25, 8);

  tend_chart_layout_init (&layout, width, height, data, &fixed);

  cairo_save (cr);

  if (cache != NULL)
    {
      if (!cache_is_valid (cache, width, height, data, &fixed))
        cache_update (cache, &layout, data, &fixed);

      cairo_set_source_surface (cr, cache->surface, 0, 0);
      cairo_paint (cr);
    }
  else
    {
      draw_base (cr, &layout, data, &fixed);
    }

  draw_overlay (cr, &layout, data, &fixed);

  cairo_restore (cr);
}
