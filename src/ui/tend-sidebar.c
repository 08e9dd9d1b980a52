/* tend-sidebar.c: the profile's sources, to narrow the list by source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tend-sidebar"

#include "config.h"

#include <glib/gi18n.h>

#include "tend-sidebar.h"
#include "tend-source-row.h"

struct _TendSidebar
{
  GtkWidget parent_instance;

  /* template widgets */
  GtkListBox *list_box;
  AdwActionRow *all_row;
  GtkLabel *all_count_label;
  GtkLabel *decisions_label;

  gint64 selected_source_id;
};

G_DEFINE_FINAL_TYPE (TendSidebar, tend_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTED_SOURCE_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_row_selected (TendSidebar   *self,
                 GtkListBoxRow *row)
{
  gint64 source_id = 0;

  if (TEND_IS_SOURCE_ROW (row))
    source_id = tend_source_get_id (tend_source_row_get_source (TEND_SOURCE_ROW (row)));

  if (self->selected_source_id == source_id)
    return;

  self->selected_source_id = source_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_SOURCE_ID]);
}

static void
tend_sidebar_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), TEND_TYPE_SIDEBAR);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (tend_sidebar_parent_class)->dispose (object);
}

static void
tend_sidebar_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TendSidebar *self = TEND_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_SELECTED_SOURCE_ID:
      g_value_set_int64 (value, self->selected_source_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_sidebar_class_init (TendSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_sidebar_dispose;
  object_class->get_property = tend_sidebar_get_property;

  properties[PROP_SELECTED_SOURCE_ID] =
    g_param_spec_int64 ("selected-source-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/tend-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, TendSidebar, list_box);
  gtk_widget_class_bind_template_child (widget_class, TendSidebar, all_row);
  gtk_widget_class_bind_template_child (widget_class, TendSidebar, all_count_label);
  gtk_widget_class_bind_template_child (widget_class, TendSidebar, decisions_label);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "tendsidebar");
}

static void
tend_sidebar_init (TendSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_select_row (self->list_box, GTK_LIST_BOX_ROW (self->all_row));
}

GtkWidget *
tend_sidebar_new (void)
{
  return g_object_new (TEND_TYPE_SIDEBAR, NULL);
}

/**
 * tend_sidebar_set_sources:
 * @sources: a list of #TendSource
 * @n_connections: how many connections there are in all
 *
 * Shows "All Connections" and one row per source, and selects "All".
 */
void
tend_sidebar_set_sources (TendSidebar *self,
                          GListModel  *sources,
                          guint        n_connections)
{
  GtkWidget *child;
  g_autofree char *total = NULL;
  guint n_items;

  g_return_if_fail (TEND_IS_SIDEBAR (self));
  g_return_if_fail (G_IS_LIST_MODEL (sources));

  gtk_list_box_select_row (self->list_box, GTK_LIST_BOX_ROW (self->all_row));

  while ((child = gtk_widget_get_next_sibling (GTK_WIDGET (self->all_row))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  total = g_strdup_printf ("%u", n_connections);
  gtk_label_set_text (self->all_count_label, total);

  n_items = g_list_model_get_n_items (sources);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(TendSource) source = g_list_model_get_item (sources, i);

      gtk_list_box_append (self->list_box, GTK_WIDGET (tend_source_row_new (source)));
    }
}

/**
 * tend_sidebar_set_decision_counts:
 *
 * Shows how many connections the owner decided to keep and to prune.
 */
void
tend_sidebar_set_decision_counts (TendSidebar *self,
                                  guint        n_keep,
                                  guint        n_prune)
{
  g_autofree char *keep = NULL;
  g_autofree char *prune = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (TEND_IS_SIDEBAR (self));

  if (n_keep == 0 && n_prune == 0)
    {
      gtk_label_set_text (self->decisions_label, _("No decisions yet"));
      return;
    }

  keep = g_strdup_printf (ngettext ("%u to keep", "%u to keep", n_keep), n_keep);
  prune = g_strdup_printf (ngettext ("%u to prune", "%u to prune", n_prune), n_prune);
  /* Translators: “5 to keep · 12 to prune” */
  text = g_strdup_printf (_("%s · %s"), keep, prune);
  gtk_label_set_text (self->decisions_label, text);
}

gint64
tend_sidebar_get_selected_source_id (TendSidebar *self)
{
  g_return_val_if_fail (TEND_IS_SIDEBAR (self), 0);

  return self->selected_source_id;
}
