/* tend-reciprocity-chart.c: who gives and who takes, one dot per connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The chart shows the items of a model (the list's filtered connections)
 * and selects through a selection model over the same items, which may
 * hold them in another order (the list's sorted one). Drawing, layout and
 * hit testing are tend-chart-renderer's; this file keeps the dots in step
 * with the models and turns pointer, keyboard and accessibility requests
 * into selections.
 */
#define G_LOG_DOMAIN "tend-reciprocity-chart"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "tend-chart-renderer.h"
#include "tend-connection.h"
#include "tend-reciprocity-chart.h"

/* How far the pointer moves before a press becomes a rectangle. */
#define DRAG_THRESHOLD 4.0

typedef struct
{
  GObject *item;
  gulong notify_handler;
} Watched;

struct _TendReciprocityChart
{
  GtkWidget parent_instance;

  /* owned references */
  GListModel *model;
  GtkSelectionModel *selection;
  GArray *items;              /* Watched, the model's items in its order */
  GHashTable *indices;        /* item → its index in items + 1; built when needed */
  TendChartData *data;
  TendChartCache *cache;
  GtkGesture *drag;

  /* state */
  double threshold;
  gboolean weights_changed;
  gboolean selection_changed;
  guint refresh_source;
  double drag_start_x;
  double drag_start_y;
  gboolean banding;
  gboolean band_cancelled;
};

G_DEFINE_FINAL_TYPE (TendReciprocityChart, tend_reciprocity_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_SELECTION,
  PROP_THRESHOLD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
tend_reciprocity_chart_new (void)
{
  return g_object_new (TEND_TYPE_RECIPROCITY_CHART, NULL);
}

/* Style {{{ */

static void
get_font_size (GtkWidget *widget,
               double    *size)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  double resolution = pango_cairo_context_get_resolution (context);

  *size = 14;
  if (font == NULL || pango_font_description_get_size (font) <= 0)
    return;

  if (resolution <= 0)
    resolution = 96;

  *size = (double) pango_font_description_get_size (font) / PANGO_SCALE;
  if (!pango_font_description_get_size_is_absolute (font))
    *size *= resolution / 72.0;
}

/* Colours from the theme, so the chart follows the light and dark styles
 * and the accent colour.
 */
static void
get_style (TendReciprocityChart *self,
           TendChartStyle       *style)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkStyleContext *context;

  tend_chart_style_init_default (style);

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  context = gtk_widget_get_style_context (widget);
  gtk_style_context_get_color (context, &style->foreground);
  style->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  if (!gtk_style_context_lookup_color (context, "view_bg_color", &style->background))
    gdk_rgba_parse (&style->background, style->dark ? "#1e1e1e" : "#ffffff");
  if (!gtk_style_context_lookup_color (context, "accent_bg_color", &style->accent))
    gdk_rgba_parse (&style->accent, "#3584e4");
G_GNUC_END_IGNORE_DEPRECATIONS

  style->font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
  get_font_size (widget, &style->font_size);
  style->scale_factor = gtk_widget_get_scale_factor (widget);
}

static void
get_layout (TendReciprocityChart *self,
            TendChartLayout      *layout)
{
  TendChartStyle style;

  get_style (self, &style);
  tend_chart_layout_init (layout,
                          gtk_widget_get_width (GTK_WIDGET (self)),
                          gtk_widget_get_height (GTK_WIDGET (self)),
                          self->data, &style);
}

/* }}} */

/* Keeping the dots in step {{{ */

static TendConnection *
get_connection (TendReciprocityChart *self,
                guint                 index)
{
  GObject *item = g_array_index (self->items, Watched, index).item;

  return TEND_IS_CONNECTION (item) ? TEND_CONNECTION (item) : NULL;
}

static void
load_dot (TendReciprocityChart *self,
          guint                 index)
{
  TendConnection *connection = get_connection (self, index);

  if (connection != NULL)
    tend_chart_data_set_dot (self->data, index,
                             tend_connection_get_out_weight (connection),
                             tend_connection_get_in_weight (connection));
  else
    tend_chart_data_set_dot (self->data, index, 0, 0);
}

static char *
format_counts (TendReciprocityChart *self)
{
  GString *text = g_string_new (NULL);

  for (guint q = 0; q < TEND_N_QUADRANTS; q++)
    {
      if (q > 0)
        g_string_append (text, ", ");
      /* The same words as the chart's labels, like "Solid 23". */
      g_string_append_printf (text, _("%s %u"), tend_quadrant_get_label (q), self->data->counts[q]);
    }

  return g_string_free (text, FALSE);
}

/* GTK 4.8 has no accessible objects for parts of a widget, so the dots
 * cannot be children in the accessibility tree. Instead the chart's own
 * label names the focused dot: screen readers announce a change of the
 * focused object's name, so moving the focus among the dots is heard as
 * "Ana Souza — gives you 12.3, you give 4.0, Solid". The description
 * always holds the quadrant counts.
 */
static void
update_accessible (TendReciprocityChart *self)
{
  g_autofree char *counts = format_counts (self);
  g_autofree char *label = NULL;

  if (self->data->focus < self->data->n_dots)
    label = tend_reciprocity_chart_dup_dot_text (self, self->data->focus);
  else
    label = g_strdup (_("Reciprocity chart"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, counts,
                                  -1);
}

static void
refresh_weights (TendReciprocityChart *self)
{
  if (!self->weights_changed)
    return;

  self->weights_changed = FALSE;
  for (guint i = 0; i < self->items->len; i++)
    load_dot (self, i);
  tend_chart_data_changed (self->data);
  update_accessible (self);
}

static gboolean
refresh_cb (gpointer user_data)
{
  TendReciprocityChart *self = user_data;

  self->refresh_source = 0;
  refresh_weights (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  return G_SOURCE_REMOVE;
}

static void
item_notify_cb (GObject              *item,
                GParamSpec           *pspec,
                TendReciprocityChart *self)
{
  /* Many items change at once after a recomputation: read them all once,
   * before the next frame.
   */
  if (g_strcmp0 (pspec->name, "in-weight") != 0 && g_strcmp0 (pspec->name, "out-weight") != 0)
    return;

  self->weights_changed = TRUE;
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, refresh_cb, self, NULL);
}

static void
unwatch_range (TendReciprocityChart *self,
               guint                 position,
               guint                 n_items)
{
  for (guint i = position; i < position + n_items; i++)
    {
      Watched *watched = &g_array_index (self->items, Watched, i);

      g_clear_signal_handler (&watched->notify_handler, watched->item);
      g_clear_object (&watched->item);
    }

  g_array_remove_range (self->items, position, n_items);
}

static void
items_changed_cb (GListModel           *model,
                  guint                 position,
                  guint                 removed,
                  guint                 added,
                  TendReciprocityChart *self)
{
  unwatch_range (self, position, removed);
  g_array_set_size (self->items, self->items->len + added);
  if (added > 0)
    memmove (&g_array_index (self->items, Watched, position + added),
             &g_array_index (self->items, Watched, position),
             (self->items->len - position - added) * sizeof (Watched));

  tend_chart_data_splice (self->data, position, removed, added);

  for (guint i = position; i < position + added; i++)
    {
      Watched *watched = &g_array_index (self->items, Watched, i);

      watched->item = g_list_model_get_item (model, i);
      watched->notify_handler = g_signal_connect (watched->item, "notify",
                                                  G_CALLBACK (item_notify_cb), self);
      load_dot (self, i);
    }

  tend_chart_data_changed (self->data);
  g_clear_pointer (&self->indices, g_hash_table_unref);
  self->selection_changed = TRUE;

  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
ensure_indices (TendReciprocityChart *self)
{
  if (self->indices != NULL)
    return;

  self->indices = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < self->items->len; i++)
    g_hash_table_insert (self->indices,
                         g_array_index (self->items, Watched, i).item,
                         GUINT_TO_POINTER (i + 1));
}

/* Whether the selection holds the very items of the model, in its order. */
static gboolean
selection_has_same_order (TendReciprocityChart *self)
{
  g_autoptr(GListModel) underlying = NULL;

  if (self->selection == NULL || self->model == NULL)
    return FALSE;
  if (G_LIST_MODEL (self->selection) == self->model)
    return TRUE;
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (self->selection), "model") == NULL)
    return FALSE;

  g_object_get (self->selection, "model", &underlying, NULL);

  return underlying == self->model &&
         g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == self->items->len;
}

static void
refresh_selection (TendReciprocityChart *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  gboolean same_order;
  guint position;

  if (!self->selection_changed)
    return;

  self->selection_changed = FALSE;

  for (guint i = 0; i < self->data->n_dots; i++)
    tend_chart_data_set_selected (self->data, i, FALSE);

  if (self->selection != NULL)
    {
      same_order = selection_has_same_order (self);
      if (!same_order)
        ensure_indices (self);

      selected = gtk_selection_model_get_selection (self->selection);
      for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position);
           more;
           more = gtk_bitset_iter_next (&iter, &position))
        {
          if (same_order)
            {
              if (position < self->data->n_dots)
                tend_chart_data_set_selected (self->data, position, TRUE);
            }
          else
            {
              g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
              guint index = GPOINTER_TO_UINT (g_hash_table_lookup (self->indices, item));

              if (index > 0)
                tend_chart_data_set_selected (self->data, index - 1, TRUE);
            }
        }
    }

  tend_chart_data_selection_changed (self->data);
}

static void
selection_changed_cb (GtkSelectionModel    *selection,
                      guint                 position,
                      guint                 n_items,
                      TendReciprocityChart *self)
{
  self->selection_changed = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
selection_items_changed_cb (GListModel           *selection,
                            guint                 position,
                            guint                 removed,
                            guint                 added,
                            TendReciprocityChart *self)
{
  self->selection_changed = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* }}} */

/* Selecting {{{ */

/* Returns: where the dot's item is in the selection model */
static guint
selection_position (TendReciprocityChart *self,
                    guint                 index)
{
  GObject *item;
  guint n_items;

  if (selection_has_same_order (self))
    return index;

  item = g_array_index (self->items, Watched, index).item;
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  for (guint position = 0; position < n_items; position++)
    {
      g_autoptr(GObject) other = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

      if (other == item)
        return position;
    }

  return GTK_INVALID_LIST_POSITION;
}

static void
set_focus_index (TendReciprocityChart *self,
                 guint                 index)
{
  if (index >= self->data->n_dots)
    index = TEND_CHART_NO_DOT;
  if (self->data->focus == index)
    return;

  self->data->focus = index;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
select_index (TendReciprocityChart *self,
              guint                 index,
              GdkModifierType       state)
{
  guint position;

  if (self->selection == NULL || index >= self->data->n_dots)
    return;

  position = selection_position (self, index);
  if (position == GTK_INVALID_LIST_POSITION)
    return;

  if (state & GDK_CONTROL_MASK)
    {
      if (gtk_selection_model_is_selected (self->selection, position))
        gtk_selection_model_unselect_item (self->selection, position);
      else
        gtk_selection_model_select_item (self->selection, position, FALSE);
    }
  else
    {
      gtk_selection_model_select_item (self->selection, position, !(state & GDK_SHIFT_MASK));
    }
}

/* What a click does: select the dot under the pointer (Ctrl toggles it,
 * Shift adds it), or unselect everything on an empty spot.
 */
static void
click_at (TendReciprocityChart *self,
          double                x,
          double                y,
          GdkModifierType       state)
{
  TendChartLayout layout;
  guint index;

  get_layout (self, &layout);
  index = tend_chart_hit_test (&layout, self->data, x, y, NULL);

  if (index == TEND_CHART_NO_DOT)
    {
      if (self->selection != NULL && !(state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK)))
        gtk_selection_model_unselect_all (self->selection);
      return;
    }

  set_focus_index (self, index);
  select_index (self, index, state);
}

/* What dragging a rectangle does: select the dots inside, instead of the
 * selection or (with Ctrl or Shift) as well as it.
 */
static void
select_in_rect (TendReciprocityChart  *self,
                const graphene_rect_t *rect,
                GdkModifierType        state)
{
  g_autoptr(GArray) found = NULL;
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(GtkBitset) mask = NULL;
  gboolean adding = (state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK)) != 0;
  TendChartLayout layout;
  guint n_positions;

  if (self->selection == NULL)
    return;

  get_layout (self, &layout);
  found = tend_chart_find_in_rect (&layout, self->data, rect);
  n_positions = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  selected = gtk_bitset_new_empty ();

  if (selection_has_same_order (self))
    {
      for (guint i = 0; i < found->len; i++)
        gtk_bitset_add (selected, g_array_index (found, guint, i));
    }
  else if (found->len > 0)
    {
      g_autoptr(GHashTable) wanted = g_hash_table_new (NULL, NULL);

      for (guint i = 0; i < found->len; i++)
        g_hash_table_add (wanted, g_array_index (self->items, Watched, g_array_index (found, guint, i)).item);

      for (guint position = 0; position < n_positions; position++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

          if (g_hash_table_contains (wanted, item))
            gtk_bitset_add (selected, position);
        }
    }

  mask = adding ? gtk_bitset_copy (selected) : gtk_bitset_new_range (0, n_positions);

  if (!gtk_selection_model_set_selection (self->selection, selected, mask) && found->len > 0)
    {
      /* A single selection takes one: the first dot inside. */
      select_index (self, g_array_index (found, guint, 0), state);
    }
}

static void
drag_begin_cb (GtkGestureDrag       *gesture,
               double                x,
               double                y,
               TendReciprocityChart *self)
{
  self->drag_start_x = x;
  self->drag_start_y = y;
  self->banding = FALSE;
  self->band_cancelled = FALSE;

  if (gtk_widget_get_focusable (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
drag_update_cb (GtkGestureDrag       *gesture,
                double                offset_x,
                double                offset_y,
                TendReciprocityChart *self)
{
  if (self->band_cancelled)
    return;
  if (!self->banding && hypot (offset_x, offset_y) < DRAG_THRESHOLD)
    return;

  self->banding = TRUE;
  self->data->has_band = TRUE;
  graphene_rect_init (&self->data->band, self->drag_start_x, self->drag_start_y, offset_x, offset_y);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_end_cb (GtkGestureDrag       *gesture,
             double                offset_x,
             double                offset_y,
             TendReciprocityChart *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  if (self->band_cancelled)
    ;
  else if (self->banding || hypot (offset_x, offset_y) >= DRAG_THRESHOLD)
    {
      graphene_rect_t rect;

      graphene_rect_init (&rect, self->drag_start_x, self->drag_start_y, offset_x, offset_y);
      select_in_rect (self, &rect, state);
    }
  else
    {
      click_at (self, self->drag_start_x, self->drag_start_y, state);
    }

  self->banding = FALSE;
  self->band_cancelled = FALSE;
  self->data->has_band = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* }}} */

/* Actions {{{ */

static void
move_focus_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TendReciprocityChart *self = TEND_RECIPROCITY_CHART (widget);
  TendChartDirection direction = g_variant_get_int32 (parameter);
  TendChartLayout layout;
  guint next;

  if (direction < TEND_CHART_DIRECTION_LEFT || direction > TEND_CHART_DIRECTION_PREVIOUS)
    return;

  get_layout (self, &layout);
  next = tend_chart_find_neighbor (&layout, self->data, self->data->focus, direction);
  if (next == TEND_CHART_NO_DOT)
    {
      gtk_widget_error_bell (widget);
      return;
    }

  set_focus_index (self, next);
  gtk_widget_trigger_tooltip_query (widget);
}

static void
select_focused_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TendReciprocityChart *self = TEND_RECIPROCITY_CHART (widget);
  gboolean toggle = g_strcmp0 (action_name, "chart.toggle-focused") == 0;

  select_index (self, self->data->focus, toggle ? GDK_CONTROL_MASK : 0);
}

static void
unselect_all_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TendReciprocityChart *self = TEND_RECIPROCITY_CHART (widget);

  if (self->banding)
    {
      /* Escape while dragging drops the rectangle, nothing else. */
      self->band_cancelled = TRUE;
      self->banding = FALSE;
      self->data->has_band = FALSE;
      gtk_widget_queue_draw (widget);
      return;
    }

  if (self->selection != NULL)
    gtk_selection_model_unselect_all (self->selection);
}

/* }}} */

/* GtkWidget {{{ */

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  TendReciprocityChart *self = TEND_RECIPROCITY_CHART (widget);
  g_autofree char *text = NULL;
  TendChartLayout layout;
  guint n_here = 1;
  guint index;
  double dot_x, dot_y;

  refresh_weights (self);
  get_layout (self, &layout);

  if (keyboard_mode)
    index = self->data->focus;
  else
    index = tend_chart_hit_test (&layout, self->data, x, y, &n_here);

  if (index >= self->data->n_dots)
    return FALSE;

  text = tend_reciprocity_chart_dup_dot_text (self, index);
  if (n_here > 1)
    {
      g_autofree char *dot_text = g_steal_pointer (&text);
      g_autofree char *others = NULL;

      others = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "and %u other at the same spot",
                                             "and %u others at the same spot",
                                             n_here - 1),
                                n_here - 1);
      text = g_strdup_printf ("%s\n%s", dot_text, others);
    }

  /* Names are untrusted: plain text, never markup. */
  gtk_tooltip_set_text (tooltip, text);

  /* A new tooltip as soon as the pointer leaves this dot. */
  tend_chart_layout_map_dot (&layout, &self->data->dots[index], &dot_x, &dot_y);
  gtk_tooltip_set_tip_area (tooltip,
                            &(GdkRectangle) {
                              (int) floor (dot_x - layout.dot_radius),
                              (int) floor (dot_y - layout.dot_radius),
                              (int) ceil (2 * layout.dot_radius) + 1,
                              (int) ceil (2 * layout.dot_radius) + 1,
                            });

  return TRUE;
}

static void
tend_reciprocity_chart_snapshot (GtkWidget   *widget,
                                 GtkSnapshot *snapshot)
{
  TendReciprocityChart *self = TEND_RECIPROCITY_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  TendChartStyle style;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  refresh_weights (self);
  refresh_selection (self);
  get_style (self, &style);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  tend_chart_render (cr, width, height, self->data, &style, self->cache);
  cairo_destroy (cr);

  /* With the keyboard in the chart but no dot focused yet, show where
   * the keyboard is the way GTK shows focus: an accent outline.
   */
  if (gtk_widget_has_visible_focus (widget) && self->data->focus >= self->data->n_dots)
    {
      TendChartLayout layout;
      GdkRGBA accent = style.accent;
      float line = 2;

      tend_chart_layout_init (&layout, width, height, self->data, &style);
      accent.alpha *= 0.5;
      gtk_snapshot_append_border (snapshot,
                                  &GSK_ROUNDED_RECT_INIT (layout.plot.origin.x - line,
                                                          layout.plot.origin.y - line,
                                                          layout.plot.size.width + 2 * line,
                                                          layout.plot.size.height + 2 * line),
                                  (float[4]) { line, line, line, line },
                                  (GdkRGBA[4]) { accent, accent, accent, accent });
    }
}

static void
tend_reciprocity_chart_measure (GtkWidget      *widget,
                                GtkOrientation  orientation,
                                int             for_size,
                                int            *minimum,
                                int            *natural,
                                int            *minimum_baseline,
                                int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 640;
    }
  else
    {
      *minimum = 200;
      *natural = 480;
    }
}

static void
tend_reciprocity_chart_css_changed (GtkWidget         *widget,
                                    GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (tend_reciprocity_chart_parent_class)->css_changed (widget, change);

  /* The cache compares colours and fonts itself. */
  gtk_widget_queue_draw (widget);
}

static void
focus_changed_cb (TendReciprocityChart *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* }}} */

/* GObject {{{ */

static void
tend_reciprocity_chart_dispose (GObject *object)
{
  TendReciprocityChart *self = (TendReciprocityChart *)object;

  tend_reciprocity_chart_set_model (self, NULL);
  tend_reciprocity_chart_set_selection (self, NULL);
  g_clear_handle_id (&self->refresh_source, g_source_remove);

  G_OBJECT_CLASS (tend_reciprocity_chart_parent_class)->dispose (object);
}

static void
tend_reciprocity_chart_finalize (GObject *object)
{
  TendReciprocityChart *self = (TendReciprocityChart *)object;

  g_clear_pointer (&self->items, g_array_unref);
  g_clear_pointer (&self->indices, g_hash_table_unref);
  g_clear_pointer (&self->data, tend_chart_data_free);
  g_clear_pointer (&self->cache, tend_chart_cache_free);

  G_OBJECT_CLASS (tend_reciprocity_chart_parent_class)->finalize (object);
}

static void
tend_reciprocity_chart_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  TendReciprocityChart *self = TEND_RECIPROCITY_CHART (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    case PROP_SELECTION:
      g_value_set_object (value, self->selection);
      break;

    case PROP_THRESHOLD:
      g_value_set_double (value, self->threshold);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_reciprocity_chart_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  TendReciprocityChart *self = TEND_RECIPROCITY_CHART (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      tend_reciprocity_chart_set_model (self, g_value_get_object (value));
      break;

    case PROP_SELECTION:
      tend_reciprocity_chart_set_selection (self, g_value_get_object (value));
      break;

    case PROP_THRESHOLD:
      tend_reciprocity_chart_set_threshold (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_move_binding (GtkWidgetClass     *widget_class,
                  guint               keyval,
                  guint               keypad_keyval,
                  TendChartDirection  direction)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, 0,
                                       "chart.move-focus", "i", direction);
  gtk_widget_class_add_binding_action (widget_class, keypad_keyval, 0,
                                       "chart.move-focus", "i", direction);
}

static void
tend_reciprocity_chart_class_init (TendReciprocityChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_reciprocity_chart_dispose;
  object_class->finalize = tend_reciprocity_chart_finalize;
  object_class->get_property = tend_reciprocity_chart_get_property;
  object_class->set_property = tend_reciprocity_chart_set_property;

  widget_class->snapshot = tend_reciprocity_chart_snapshot;
  widget_class->measure = tend_reciprocity_chart_measure;
  widget_class->css_changed = tend_reciprocity_chart_css_changed;

  /**
   * TendReciprocityChart:model:
   *
   * The #TendConnection items to show, one dot each.
   */
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * TendReciprocityChart:selection:
   *
   * Where clicking, dragging and the keyboard select: a selection model
   * over the same items as #TendReciprocityChart:model, in any order.
   */
  properties[PROP_SELECTION] =
    g_param_spec_object ("selection", NULL, NULL,
                         GTK_TYPE_SELECTION_MODEL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * TendReciprocityChart:threshold:
   *
   * The weighted interactions at which a direction is active: where the
   * quadrants split.
   */
  properties[PROP_THRESHOLD] =
    g_param_spec_double ("threshold", NULL, NULL,
                         0.01, 10000, 2,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "chart.move-focus", "i", move_focus_action);
  gtk_widget_class_install_action (widget_class, "chart.select-focused", NULL, select_focused_action);
  gtk_widget_class_install_action (widget_class, "chart.toggle-focused", NULL, select_focused_action);
  gtk_widget_class_install_action (widget_class, "chart.unselect-all", NULL, unselect_all_action);

  add_move_binding (widget_class, GDK_KEY_Left, GDK_KEY_KP_Left, TEND_CHART_DIRECTION_LEFT);
  add_move_binding (widget_class, GDK_KEY_Right, GDK_KEY_KP_Right, TEND_CHART_DIRECTION_RIGHT);
  add_move_binding (widget_class, GDK_KEY_Up, GDK_KEY_KP_Up, TEND_CHART_DIRECTION_UP);
  add_move_binding (widget_class, GDK_KEY_Down, GDK_KEY_KP_Down, TEND_CHART_DIRECTION_DOWN);
  /* Several people can share a spot: Page Down and Page Up go round them. */
  add_move_binding (widget_class, GDK_KEY_Page_Down, GDK_KEY_KP_Page_Down, TEND_CHART_DIRECTION_NEXT);
  add_move_binding (widget_class, GDK_KEY_Page_Up, GDK_KEY_KP_Page_Up, TEND_CHART_DIRECTION_PREVIOUS);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "chart.select-focused", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "chart.select-focused", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_ISO_Enter, 0, "chart.select-focused", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "chart.select-focused", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Space, 0, "chart.select-focused", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, GDK_CONTROL_MASK, "chart.toggle-focused", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "chart.unselect-all", NULL);

  gtk_widget_class_set_css_name (widget_class, "reciprocitychart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
tend_reciprocity_chart_init (TendReciprocityChart *self)
{
  GtkEventController *focus;

  self->threshold = 2;
  self->items = g_array_new (FALSE, TRUE, sizeof (Watched));
  self->data = tend_chart_data_new (self->threshold);
  self->cache = tend_chart_cache_new ();

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);

  self->drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (self->drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (self->drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (self->drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (self->drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (self->drag));

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (focus_changed_cb), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (focus_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);

  update_accessible (self);
}

/* }}} */

/* Public API {{{ */

/**
 * tend_reciprocity_chart_get_model:
 *
 * Returns: (transfer none) (nullable): the items the chart shows
 */
GListModel *
tend_reciprocity_chart_get_model (TendReciprocityChart *self)
{
  g_return_val_if_fail (TEND_IS_RECIPROCITY_CHART (self), NULL);

  return self->model;
}

void
tend_reciprocity_chart_set_model (TendReciprocityChart *self,
                                  GListModel           *model)
{
  guint n_old;

  g_return_if_fail (TEND_IS_RECIPROCITY_CHART (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  n_old = self->items->len;
  if (self->model != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);
      g_clear_object (&self->model);
    }

  /* Drop the old dots, then take the new ones as if they were added. */
  if (n_old > 0)
    {
      unwatch_range (self, 0, n_old);
      tend_chart_data_splice (self->data, 0, n_old, 0);
      tend_chart_data_changed (self->data);
      g_clear_pointer (&self->indices, g_hash_table_unref);
    }

  if (model != NULL)
    {
      self->model = g_object_ref (model);
      g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), self);
      items_changed_cb (model, 0, 0, g_list_model_get_n_items (model), self);
    }
  else
    {
      update_accessible (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/**
 * tend_reciprocity_chart_get_selection:
 *
 * Returns: (transfer none) (nullable): where the chart selects
 */
GtkSelectionModel *
tend_reciprocity_chart_get_selection (TendReciprocityChart *self)
{
  g_return_val_if_fail (TEND_IS_RECIPROCITY_CHART (self), NULL);

  return self->selection;
}

void
tend_reciprocity_chart_set_selection (TendReciprocityChart *self,
                                      GtkSelectionModel    *selection)
{
  g_return_if_fail (TEND_IS_RECIPROCITY_CHART (self));
  g_return_if_fail (selection == NULL || GTK_IS_SELECTION_MODEL (selection));

  if (self->selection == selection)
    return;

  if (self->selection != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->selection, selection_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->selection, selection_items_changed_cb, self);
      g_clear_object (&self->selection);
    }

  if (selection != NULL)
    {
      self->selection = g_object_ref (selection);
      g_signal_connect (selection, "selection-changed", G_CALLBACK (selection_changed_cb), self);
      /* The selection may be over items in another order: when they move,
       * the selected dots are looked up again.
       */
      g_signal_connect (selection, "items-changed", G_CALLBACK (selection_items_changed_cb), self);
    }

  self->selection_changed = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
}

double
tend_reciprocity_chart_get_threshold (TendReciprocityChart *self)
{
  g_return_val_if_fail (TEND_IS_RECIPROCITY_CHART (self), 2);

  return self->threshold;
}

void
tend_reciprocity_chart_set_threshold (TendReciprocityChart *self,
                                      double                threshold)
{
  g_return_if_fail (TEND_IS_RECIPROCITY_CHART (self));
  g_return_if_fail (threshold > 0);

  if (self->threshold == threshold)
    return;

  self->threshold = threshold;
  tend_chart_data_set_threshold (self->data, threshold);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THRESHOLD]);
}

/**
 * tend_reciprocity_chart_get_count:
 *
 * Returns: how many dots are in @quadrant, at the chart's threshold
 */
guint
tend_reciprocity_chart_get_count (TendReciprocityChart *self,
                                  TendQuadrant          quadrant)
{
  g_return_val_if_fail (TEND_IS_RECIPROCITY_CHART (self), 0);
  g_return_val_if_fail ((guint) quadrant < TEND_N_QUADRANTS, 0);

  refresh_weights (self);

  return self->data->counts[quadrant];
}

/**
 * tend_reciprocity_chart_get_position_at:
 *
 * Returns: the model position of the dot at (@x, @y) in the widget, the
 *   one a click there selects, or %GTK_INVALID_LIST_POSITION
 */
guint
tend_reciprocity_chart_get_position_at (TendReciprocityChart *self,
                                        double                x,
                                        double                y)
{
  TendChartLayout layout;
  guint index;

  g_return_val_if_fail (TEND_IS_RECIPROCITY_CHART (self), GTK_INVALID_LIST_POSITION);

  refresh_weights (self);
  get_layout (self, &layout);
  index = tend_chart_hit_test (&layout, self->data, x, y, NULL);

  return index == TEND_CHART_NO_DOT ? GTK_INVALID_LIST_POSITION : index;
}

/**
 * tend_reciprocity_chart_get_dot_point:
 * @position: a position in the model
 * @point: (out): the dot's centre in the widget's coordinates
 *
 * Returns: whether there is such a dot
 */
gboolean
tend_reciprocity_chart_get_dot_point (TendReciprocityChart *self,
                                      guint                 position,
                                      graphene_point_t     *point)
{
  TendChartLayout layout;
  double x, y;

  g_return_val_if_fail (TEND_IS_RECIPROCITY_CHART (self), FALSE);
  g_return_val_if_fail (point != NULL, FALSE);

  refresh_weights (self);
  if (position >= self->data->n_dots)
    return FALSE;

  get_layout (self, &layout);
  tend_chart_layout_map_dot (&layout, &self->data->dots[position], &x, &y);
  graphene_point_init (point, x, y);

  return TRUE;
}

/**
 * tend_reciprocity_chart_get_focus_position:
 *
 * Returns: the model position of the dot with the keyboard focus, or
 *   %GTK_INVALID_LIST_POSITION
 */
guint
tend_reciprocity_chart_get_focus_position (TendReciprocityChart *self)
{
  g_return_val_if_fail (TEND_IS_RECIPROCITY_CHART (self), GTK_INVALID_LIST_POSITION);

  return self->data->focus < self->data->n_dots ? self->data->focus : GTK_INVALID_LIST_POSITION;
}

/**
 * tend_reciprocity_chart_set_focus_position:
 * @position: a position in the model, or %GTK_INVALID_LIST_POSITION
 *
 * Moves the keyboard focus to that dot, for example the one selected in
 * the list, so the arrow keys go on from there.
 */
void
tend_reciprocity_chart_set_focus_position (TendReciprocityChart *self,
                                           guint                 position)
{
  g_return_if_fail (TEND_IS_RECIPROCITY_CHART (self));

  set_focus_index (self, position);
}

/**
 * tend_reciprocity_chart_dup_dot_text:
 * @position: a position in the model
 *
 * Returns: (transfer full) (nullable): the dot's name and numbers, as the
 *   tooltip shows and a screen reader says them: plain text, never markup
 */
char *
tend_reciprocity_chart_dup_dot_text (TendReciprocityChart *self,
                                     guint                 position)
{
  TendConnection *connection;
  const TendChartDot *dot;
  const char *name = NULL;

  g_return_val_if_fail (TEND_IS_RECIPROCITY_CHART (self), NULL);

  if (position >= self->data->n_dots)
    return NULL;

  connection = get_connection (self, position);
  dot = &self->data->dots[position];

  if (connection != NULL)
    {
      name = tend_connection_get_name (connection);
      if (name == NULL || *name == '\0')
        name = tend_connection_get_handle (connection);
    }
  if (name == NULL || *name == '\0')
    name = _("Unnamed connection");

  /* Translators: a connection's name, the weighted interactions they gave
   * and received, and their quadrant, like
   * "Ana Souza — gives you 12.3, you give 4.0, Solid" */
  return g_strdup_printf (_("%s — gives you %.1f, you give %.1f, %s"),
                          name, dot->in_weight, dot->out_weight,
                          tend_quadrant_get_label (dot->quadrant));
}

typedef struct
{
  GOutputStream *stream;
  GError **error;
} PngWriter;

static cairo_status_t
write_png_cb (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  PngWriter *writer = closure;

  if (!g_output_stream_write_all (writer->stream, data, length, NULL, NULL, writer->error))
    return CAIRO_STATUS_WRITE_ERROR;

  return CAIRO_STATUS_SUCCESS;
}

/**
 * tend_reciprocity_chart_export_png:
 * @width: the picture's width in pixels
 * @height: the picture's height in pixels
 *
 * Saves the chart as a PNG picture of that size, drawn the way it is on
 * screen but in the light style, which reads best in documents and on
 * paper, and without the keyboard focus. Text grows with big pictures.
 *
 * Returns: whether the picture was written
 */
gboolean
tend_reciprocity_chart_export_png (TendReciprocityChart  *self,
                                   GFile                 *file,
                                   int                    width,
                                   int                    height,
                                   GError               **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) write_error = NULL;
  TendChartStyle widget_style;
  TendChartStyle style;
  TendChartData data;
  cairo_surface_t *surface;
  cairo_status_t status;
  PngWriter writer;
  cairo_t *cr;

  g_return_val_if_fail (TEND_IS_RECIPROCITY_CHART (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (width > 0 && width <= 16384, FALSE);
  g_return_val_if_fail (height > 0 && height <= 16384, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  refresh_weights (self);
  refresh_selection (self);
  get_style (self, &widget_style);

  tend_chart_style_init_default (&style);
  style.font = widget_style.font;
  style.font_size = widget_style.font_size * MAX (1, MIN (width / 960.0, height / 600.0));
  style.accent = widget_style.accent;

  /* The same dots, without the focus ring or a rectangle being dragged. */
  data = *self->data;
  data.focus = TEND_CHART_NO_DOT;
  data.has_band = FALSE;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  tend_chart_render (cr, width, height, &data, &style, NULL);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not draw the chart: %s"), cairo_status_to_string (status));
      return FALSE;
    }

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (stream == NULL)
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }

  writer.stream = G_OUTPUT_STREAM (stream);
  writer.error = &write_error;
  status = cairo_surface_write_to_png_stream (surface, write_png_cb, &writer);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      if (write_error != NULL)
        g_propagate_error (error, g_steal_pointer (&write_error));
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                     _("Could not save the chart: %s"), cairo_status_to_string (status));
      return FALSE;
    }

  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}

/* }}} */
