/* tend-source-row.c: one source and its number of connections
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tend-source-row"

#include "config.h"

#include <glib/gi18n.h>

#include "tend-source-row.h"

struct _TendSourceRow
{
  AdwActionRow parent_instance;

  /* template widgets */
  GtkMenuButton *menu_button;
  GtkLabel *count_label;

  /* owned references */
  TendSource *source;
};

G_DEFINE_FINAL_TYPE (TendSourceRow, tend_source_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_SOURCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

TendSourceRow *
tend_source_row_new (TendSource *source)
{
  g_return_val_if_fail (TEND_IS_SOURCE (source), NULL);

  return g_object_new (TEND_TYPE_SOURCE_ROW,
                       "source", source,
                       NULL);
}

/**
 * tend_source_row_get_source:
 * @self: a #TendSourceRow
 *
 * Returns: (transfer none): the source the row shows
 */
TendSource *
tend_source_row_get_source (TendSourceRow *self)
{
  g_return_val_if_fail (TEND_IS_SOURCE_ROW (self), NULL);

  return self->source;
}

static void
tend_source_row_update (TendSourceRow *self)
{
  g_autofree char *count = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *subtitle = NULL;
  const char *kind = tend_source_kind_get_label (tend_source_get_kind (self->source));
  guint n_joined = tend_source_get_joined_count (self->source);
  guint n_left = tend_source_get_left_count (self->source);
  guint n_connections;

  n_connections = tend_source_get_connection_count (self->source);
  count = g_strdup_printf ("%u", n_connections);
  tooltip = g_strdup_printf (ngettext ("%u connection", "%u connections", n_connections),
                             n_connections);

  /* Since the import before the latest: who is new, who is gone. */
  if (n_joined > 0 || n_left > 0)
    {
      g_autofree char *joined = g_strdup_printf (ngettext ("%u new", "%u new", n_joined), n_joined);
      g_autofree char *left = g_strdup_printf (ngettext ("%u gone", "%u gone", n_left), n_left);

      /* Translators: “LinkedIn · 3 new, 1 gone” */
      subtitle = g_strdup_printf (_("%s · %s, %s"), kind, joined, left);
    }
  else
    subtitle = g_strdup (kind);

  /* Titles come from export files and servers: the row shows them as
   * text (use-markup is off in the template).
   */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 tend_source_get_title (self->source));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  gtk_label_set_text (self->count_label, count);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);

  /* A connected account can be synced and disconnected from its row. */
  if (tend_source_get_connected (self->source))
    {
      g_autoptr(GMenu) menu = g_menu_new ();
      g_autoptr(GMenuItem) disconnect = NULL;

      g_menu_append (menu, _("_Sync Now"), "win.sync");
      disconnect = g_menu_item_new (_("_Disconnect…"), NULL);
      g_menu_item_set_action_and_target_value (disconnect, "win.disconnect-source",
                                               g_variant_new_int64 (tend_source_get_id (self->source)));
      g_menu_append_item (menu, disconnect);
      gtk_menu_button_set_menu_model (self->menu_button, G_MENU_MODEL (menu));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->menu_button), tend_source_get_connected (self->source));
}

static void
tend_source_row_constructed (GObject *object)
{
  TendSourceRow *self = (TendSourceRow *)object;

  G_OBJECT_CLASS (tend_source_row_parent_class)->constructed (object);

  g_return_if_fail (self->source != NULL);

  tend_source_row_update (self);
}

static void
tend_source_row_dispose (GObject *object)
{
  TendSourceRow *self = (TendSourceRow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), TEND_TYPE_SOURCE_ROW);

  g_clear_object (&self->source);

  G_OBJECT_CLASS (tend_source_row_parent_class)->dispose (object);
}

static void
tend_source_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TendSourceRow *self = TEND_SOURCE_ROW (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_source_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TendSourceRow *self = TEND_SOURCE_ROW (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      self->source = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_source_row_class_init (TendSourceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = tend_source_row_constructed;
  object_class->dispose = tend_source_row_dispose;
  object_class->get_property = tend_source_row_get_property;
  object_class->set_property = tend_source_row_set_property;

  /**
   * TendSourceRow:source:
   *
   * The source the row shows.
   */
  properties[PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL,
                         TEND_TYPE_SOURCE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/tend-source-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TendSourceRow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, TendSourceRow, count_label);
}

static void
tend_source_row_init (TendSourceRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
