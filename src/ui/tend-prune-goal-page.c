/* tend-prune-goal-page.c: the first step of pruning: why, which sources, how big a core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tend-prune-goal-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tend-prune-goal-page.h"
#include "tend-prune-page.h"

struct _TendPruneGoalPage
{
  AdwBin parent_instance;

  /* template widgets */
  AdwPreferencesGroup *target_group;
  GtkListBox *sources_list;
  GtkBox *layers_box;
  GtkSpinButton *target_spin;

  /* owned references */
  TendPruneSession *session;

  /* borrowed: children of layers_box, one a layer */
  GPtrArray *layer_buttons;
  gboolean syncing;
};

static void tend_prune_goal_page_iface_init (TendPrunePageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TendPruneGoalPage, tend_prune_goal_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (TEND_TYPE_PRUNE_PAGE,
                                                      tend_prune_goal_page_iface_init))

enum {
  PROP_0,
  PROP_FIRST_PAGE_PROP,
};

static gboolean
has_chosen_source (TendPruneGoalPage *self)
{
  g_autoptr(GPtrArray) chosen = NULL;

  if (self->session == NULL)
    return FALSE;

  chosen = tend_prune_session_list_chosen (self->session);
  return chosen->len > 0;
}

/* The layer buttons show which layer the target is, if any. */
static void
sync_layers (TendPruneGoalPage *self)
{
  guint target = gtk_spin_button_get_value_as_int (self->target_spin);
  const guint *layers;
  guint n_layers;

  layers = tend_prune_session_get_layers (&n_layers);
  self->syncing = TRUE;
  for (guint i = 0; i < self->layer_buttons->len; i++)
    gtk_toggle_button_set_active (g_ptr_array_index (self->layer_buttons, i), layers[i] == target);
  self->syncing = FALSE;
}

static void
on_target_changed (TendPruneGoalPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->syncing || self->session == NULL)
    return;

  if (!tend_prune_session_set_target (self->session,
                                      gtk_spin_button_get_value_as_int (self->target_spin),
                                      &error))
    tend_prune_page_show_error (TEND_PRUNE_PAGE (self), _("The Target Could Not Be Saved"), error);

  sync_layers (self);
}

static void
on_layer_toggled (TendPruneGoalPage *self,
                  GtkToggleButton   *button)
{
  const guint *layers;
  guint n_layers, index;

  if (self->syncing || !gtk_toggle_button_get_active (button) ||
      !g_ptr_array_find (self->layer_buttons, button, &index))
    return;

  layers = tend_prune_session_get_layers (&n_layers);
  gtk_spin_button_set_value (self->target_spin, layers[index]);
}

static void
on_source_toggled (TendPruneGoalPage *self,
                   GtkCheckButton    *check)
{
  g_autoptr(GError) error = NULL;
  gint64 source_id = *(gint64 *) g_object_get_data (G_OBJECT (check), "source-id");

  if (self->syncing || self->session == NULL)
    return;

  if (!tend_prune_session_set_source_chosen (self->session, source_id,
                                             gtk_check_button_get_active (check), &error))
    {
      tend_prune_page_show_error (TEND_PRUNE_PAGE (self), _("The Choice Could Not Be Saved"), error);
      self->syncing = TRUE;
      gtk_check_button_set_active (check, !gtk_check_button_get_active (check));
      self->syncing = FALSE;
    }

  g_object_notify (G_OBJECT (self), "can-forward");
}

static GtkWidget *
create_source_row (TendPruneGoalPage *self,
                   TendSource        *source)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *subtitle = NULL;
  guint n = tend_source_get_connection_count (source);
  gint64 *source_id = g_new (gint64, 1);

  *source_id = tend_source_get_id (source);
  g_object_set_data_full (G_OBJECT (check), "source-id", source_id, g_free);

  /* Titles come from files and servers: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tend_source_get_title (source));
  /* Translators: the network, then how many connections it has, e.g. "Instagram · 80 connections" */
  subtitle = g_strdup_printf (ngettext ("%s · %u connection", "%s · %u connections", n),
                              tend_source_kind_get_label (tend_source_get_kind (source)), n);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                               tend_prune_session_is_source_chosen (self->session, *source_id));
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tend_source_get_title (source),
                                  -1);
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_source_toggled), self, G_CONNECT_SWAPPED);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

  return row;
}

static void
fill_sources (TendPruneGoalPage *self)
{
  g_autoptr(GListModel) sources = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sources_list))))
    gtk_list_box_remove (self->sources_list, child);

  if (!(sources = tend_store_list_sources (tend_prune_session_get_store (self->session), &error)))
    {
      tend_prune_page_show_error (TEND_PRUNE_PAGE (self), _("The Sources Could Not Be Read"), error);
      return;
    }

  self->syncing = TRUE;
  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(TendSource) source = g_list_model_get_item (sources, i);

      if (tend_source_get_connection_count (source) > 0)
        gtk_list_box_append (self->sources_list, create_source_row (self, source));
    }
  self->syncing = FALSE;
}

/* TendPrunePage */

static void
tend_prune_goal_page_enter (TendPrunePage    *page,
                            TendPruneSession *session)
{
  TendPruneGoalPage *self = TEND_PRUNE_GOAL_PAGE (page);
  g_autofree char *description = NULL;
  guint suggested;

  g_set_object (&self->session, session);
  fill_sources (self);

  suggested = tend_prune_session_suggest_target (session);
  description = g_strdup_printf (_("People keep up with circles of about 5, 15, 50 and 150. "
                                   "From who already gives as much as they get, %u is a good aim."),
                                 suggested);
  adw_preferences_group_set_description (self->target_group, description);

  self->syncing = TRUE;
  gtk_spin_button_set_value (self->target_spin, tend_prune_session_get_target (session));
  self->syncing = FALSE;
  sync_layers (self);

  g_object_notify (G_OBJECT (self), "can-forward");
}

static void
tend_prune_goal_page_iface_init (TendPrunePageInterface *iface)
{
  iface->enter = tend_prune_goal_page_enter;
}

/* GObject */

static void
tend_prune_goal_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TendPruneGoalPage *self = TEND_PRUNE_GOAL_PAGE (object);

  switch (prop_id - PROP_FIRST_PAGE_PROP)
    {
    case TEND_PRUNE_PAGE_PROP_TITLE:
      g_value_set_string (value, _("Why and Goal"));
      break;
    case TEND_PRUNE_PAGE_PROP_FORWARD_LABEL:
      g_value_set_string (value, _("_Continue"));
      break;
    case TEND_PRUNE_PAGE_PROP_CAN_FORWARD:
      g_value_set_boolean (value, has_chosen_source (self));
      break;
    case TEND_PRUNE_PAGE_PROP_CAN_GO_BACK:
      g_value_set_boolean (value, TRUE);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_prune_goal_page_dispose (GObject *object)
{
  TendPruneGoalPage *self = (TendPruneGoalPage *)object;

  /* The bin owns its child; the template would unparent it behind its back. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TEND_TYPE_PRUNE_GOAL_PAGE);
  g_clear_object (&self->session);
  g_clear_pointer (&self->layer_buttons, g_ptr_array_unref);

  G_OBJECT_CLASS (tend_prune_goal_page_parent_class)->dispose (object);
}

static void
tend_prune_goal_page_class_init (TendPruneGoalPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_prune_goal_page_dispose;
  object_class->get_property = tend_prune_goal_page_get_property;
  tend_prune_page_override_properties (object_class, PROP_FIRST_PAGE_PROP);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/tend-prune-goal-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TendPruneGoalPage, target_group);
  gtk_widget_class_bind_template_child (widget_class, TendPruneGoalPage, sources_list);
  gtk_widget_class_bind_template_child (widget_class, TendPruneGoalPage, layers_box);
  gtk_widget_class_bind_template_child (widget_class, TendPruneGoalPage, target_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_target_changed);

}

static void
tend_prune_goal_page_init (TendPruneGoalPage *self)
{
  const guint *layers;
  guint n_layers;
  GtkToggleButton *group = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->layer_buttons = g_ptr_array_new ();
  layers = tend_prune_session_get_layers (&n_layers);
  for (guint i = 0; i < n_layers; i++)
    {
      g_autofree char *label = g_strdup_printf ("%u", layers[i]);
      g_autofree char *name = NULL;
      GtkWidget *button = gtk_toggle_button_new_with_label (label);

      /* Translators: %u is a number of people, e.g. "Aim for 15 people" */
      name = g_strdup_printf (ngettext ("Aim for %u person", "Aim for %u people", layers[i]), layers[i]);
      gtk_widget_set_tooltip_text (button, name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
      else
        group = GTK_TOGGLE_BUTTON (button);
      g_signal_connect_object (button, "toggled", G_CALLBACK (on_layer_toggled), self, G_CONNECT_SWAPPED);
      gtk_box_append (self->layers_box, button);
      g_ptr_array_add (self->layer_buttons, button);
    }
}
