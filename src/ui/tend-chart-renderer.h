/* tend-chart-renderer.h: the reciprocity chart as one plain drawing function
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The widget, the PNG export and printing all draw through
 * tend_chart_render(), so screen and paper match. Everything that turns
 * data into pixel positions (the layout, hit testing, neighbours for the
 * keyboard) lives here too, without any widget, so it can be tested and
 * benchmarked on its own.
 */
#pragma once

#include <cairo.h>
#include <gdk/gdk.h>
#include <graphene.h>
#include <pango/pango.h>

#include "tend-enums.h"

G_BEGIN_DECLS

/* Returned by the lookups below when no dot matches. */
#define TEND_CHART_NO_DOT G_MAXUINT

/* One connection: x is what the owner gives (out), y what they get (in). */
typedef struct
{
  double out_weight;
  double in_weight;
  /* both weights on the chart's scale, see tend_chart_scale() */
  float  scaled_out;
  float  scaled_in;
  guint8 quadrant;     /* a TendQuadrant, at the data's threshold */
  guint8 selected;
} TendChartDot;

typedef struct
{
  /* owned: one dot per connection, in the order of the model */
  TendChartDot *dots;
  guint         n_dots;
  guint         allocated;

  /* a direction is active at ≥ threshold weighted interactions */
  double        threshold;
  /* the weight at the end of both axes, a round number ≥ every dot */
  double        axis_max;

  guint         counts[TEND_N_QUADRANTS];
  guint         n_selected;

  /* the dot with the keyboard focus, or TEND_CHART_NO_DOT */
  guint         focus;
  /* a rectangle being dragged out, in the chart's units */
  gboolean      has_band;
  graphene_rect_t band;

  /* bumped by tend_chart_data_changed() and
   * tend_chart_data_selection_changed(); caches are keyed by them */
  guint64       generation;
  guint64       selection_generation;
} TendChartData;

typedef struct
{
  GdkRGBA foreground;
  GdkRGBA background;
  GdkRGBA accent;
  gboolean dark;
  /* borrowed; the family and style of every text, NULL for "Sans" */
  const PangoFontDescription *font;
  /* body text height in the chart's units (pixels on screen) */
  double font_size;
  /* device pixels per unit, for the parts drawn as images */
  double scale_factor;
} TendChartStyle;

typedef struct
{
  double width;
  double height;
  double font_size;
  double dot_radius;
  /* the plotting area; x grows with out, y with in (upwards) */
  graphene_rect_t plot;
  /* 0 sits this far inside the plot's left and bottom edges, so that
   * dots at 0 show whole */
  double inset;
  /* where the threshold splits the plot */
  double split_x;
  double split_y;
  /* scaled values at the plot's right and top edges */
  double scaled_max;
  double threshold;
  /* when the quadrant labels do not fit in their areas, they go in a
   * legend of this many lines above the plot */
  guint legend_lines;
} TendChartLayout;

typedef enum {
  TEND_CHART_DIRECTION_LEFT,
  TEND_CHART_DIRECTION_RIGHT,
  TEND_CHART_DIRECTION_UP,
  TEND_CHART_DIRECTION_DOWN,
  /* through the dots drawn at the same spot */
  TEND_CHART_DIRECTION_NEXT,
  TEND_CHART_DIRECTION_PREVIOUS,
} TendChartDirection;

typedef struct _TendChartCache TendChartCache;

double          tend_chart_scale                 (double                 weight,
                                                  double                 threshold);

TendChartData  *tend_chart_data_new              (double                 threshold);
void            tend_chart_data_free             (TendChartData         *data);
void            tend_chart_data_splice           (TendChartData         *data,
                                                  guint                  position,
                                                  guint                  n_removed,
                                                  guint                  n_added);
void            tend_chart_data_set_dot          (TendChartData         *data,
                                                  guint                  index,
                                                  double                 out_weight,
                                                  double                 in_weight);
void            tend_chart_data_set_threshold    (TendChartData         *data,
                                                  double                 threshold);
void            tend_chart_data_changed          (TendChartData         *data);
void            tend_chart_data_set_selected     (TendChartData         *data,
                                                  guint                  index,
                                                  gboolean               selected);
void            tend_chart_data_selection_changed (TendChartData        *data);

void            tend_chart_style_init_default    (TendChartStyle        *style);
void            tend_chart_style_get_tint        (const TendChartStyle  *style,
                                                  TendQuadrant           quadrant,
                                                  GdkRGBA               *tint);

void            tend_chart_layout_init           (TendChartLayout       *layout,
                                                  double                 width,
                                                  double                 height,
                                                  const TendChartData   *data,
                                                  const TendChartStyle  *style);
void            tend_chart_layout_map            (const TendChartLayout *layout,
                                                  double                 out_weight,
                                                  double                 in_weight,
                                                  double                *x,
                                                  double                *y);
void            tend_chart_layout_map_dot        (const TendChartLayout *layout,
                                                  const TendChartDot    *dot,
                                                  double                *x,
                                                  double                *y);
void            tend_chart_layout_get_area       (const TendChartLayout *layout,
                                                  TendQuadrant           quadrant,
                                                  graphene_rect_t       *area);

guint           tend_chart_hit_test              (const TendChartLayout *layout,
                                                  const TendChartData   *data,
                                                  double                 x,
                                                  double                 y,
                                                  guint                 *n_here);
GArray         *tend_chart_find_in_rect          (const TendChartLayout *layout,
                                                  const TendChartData   *data,
                                                  const graphene_rect_t *rect);
guint           tend_chart_find_neighbor         (const TendChartLayout *layout,
                                                  const TendChartData   *data,
                                                  guint                  from,
                                                  TendChartDirection     direction);

TendChartCache *tend_chart_cache_new             (void);
void            tend_chart_cache_free            (TendChartCache        *cache);
void            tend_chart_cache_invalidate      (TendChartCache        *cache);

void            tend_chart_render                (cairo_t               *cr,
                                                  double                 width,
                                                  double                 height,
                                                  const TendChartData   *data,
                                                  const TendChartStyle  *style,
                                                  TendChartCache        *cache);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendChartData, tend_chart_data_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendChartCache, tend_chart_cache_free)

G_END_DECLS
