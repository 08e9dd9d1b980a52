/* tend-prune-core-page.c: the fourth step of pruning: the people kept, against the target
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tend-prune-core-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tend-prune-core-page.h"
#include "tend-prune-page.h"
#include "tend-tag-edit.h"

struct _TendPruneCorePage
{
  AdwBin parent_instance;

  /* template widgets */
  GtkLabel *count_label;
  GtkLevelBar *level_bar;
  GtkLabel *hint_label;
  GtkListBox *list_box;

  /* owned references */
  TendPruneSession *session;
};

static void tend_prune_core_page_iface_init (TendPrunePageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TendPruneCorePage, tend_prune_core_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (TEND_TYPE_PRUNE_PAGE,
                                                      tend_prune_core_page_iface_init))

enum {
  PROP_0,
  PROP_FIRST_PAGE_PROP,
};

static char *
dup_row_subtitle (TendConnection *connection)
{
  g_autofree char *tags = g_strjoinv (", ", (char **) tend_connection_get_tags (connection));

  if (tags[0] == '\0')
    /* Translators: a score out of 100, then the source's title */
    return g_strdup_printf (_("Score %u · %s"), tend_connection_get_score (connection),
                            tend_connection_get_source_title (connection));

  /* Translators: a score out of 100, the source's title, then the person's tags */
  return g_strdup_printf (_("Score %u · %s · %s"), tend_connection_get_score (connection),
                          tend_connection_get_source_title (connection), tags);
}

/* Each row's tag menu is built when opened, from the store's tags now. */
static void
create_tag_popup (GtkMenuButton *button,
                  gpointer       user_data)
{
  TendPruneCorePage *self = user_data;
  TendConnection *connection = g_object_get_data (G_OBJECT (button), "connection");
  g_autoptr(GMenu) menu = NULL;
  g_autoptr(GError) error = NULL;
  guint n_offered;

  menu = tend_tag_menu_new_offered (tend_prune_session_get_store (self->session), connection,
                                    "row.add-tag", &n_offered, &error);
  if (menu == NULL)
    {
      tend_prune_page_show_error (TEND_PRUNE_PAGE (self), _("The Tags Could Not Be Read"), error);
      return;
    }

  if (n_offered == 0)
    g_menu_append (menu, _("No other tags yet: add them in the main window"), "row.none");

  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

static void
add_tag_cb (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  AdwActionRow *row = user_data;
  TendConnection *connection = g_object_get_data (G_OBJECT (row), "connection");
  TendPruneCorePage *self = g_object_get_data (G_OBJECT (row), "page");
  const char *tag = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;

  if (!tend_store_add_tag (tend_prune_session_get_store (self->session),
                           tend_connection_get_id (connection), tag, &error))
    {
      tend_prune_page_show_error (TEND_PRUNE_PAGE (self), _("The Tag Could Not Be Added"), error);
      return;
    }

  tend_tag_edit_add_to_object (connection, tag);
  subtitle = dup_row_subtitle (connection);
  adw_action_row_set_subtitle (row, subtitle);
}

static GtkWidget *
create_row (TendPruneCorePage *self,
            TendConnection    *connection)
{
  static const GActionEntry entries[] = {
    { "add-tag", add_tag_cb, "s" },
  };
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_menu_button_new ();
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autofree char *subtitle = dup_row_subtitle (connection);
  g_autofree char *button_name = NULL;
  const char *name = tend_connection_get_name (connection);

  /* Names come from files and servers: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  g_object_set_data_full (G_OBJECT (row), "connection", g_object_ref (connection), g_object_unref);
  g_object_set_data (G_OBJECT (row), "page", self);

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), row);
  gtk_widget_insert_action_group (row, "row", G_ACTION_GROUP (group));

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "list-add-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  /* Translators: %s is a person's name */
  button_name = g_strdup_printf (_("Add a tag to %s"), name);
  gtk_widget_set_tooltip_text (button, button_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, button_name,
                                  -1);
  g_object_set_data (G_OBJECT (button), "connection", connection);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_tag_popup, self, NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
fill (TendPruneCorePage *self)
{
  g_autoptr(GPtrArray) core = tend_prune_session_list_decided (self->session, TEND_DECISION_KEEP);
  guint target = tend_prune_session_get_target (self->session);
  g_autofree char *count = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))))
    gtk_list_box_remove (self->list_box, child);

  for (guint i = 0; i < core->len; i++)
    gtk_list_box_append (self->list_box, create_row (self, g_ptr_array_index (core, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->list_box), core->len > 0);

  /* Translators: how many people are kept, then the target, e.g. "12 kept, aiming for 15" */
  count = g_strdup_printf (ngettext ("%u kept, aiming for %u", "%u kept, aiming for %u", core->len),
                           core->len, target);
  gtk_label_set_text (self->count_label, count);

  gtk_level_bar_set_max_value (self->level_bar, MAX (target, 1));
  gtk_level_bar_set_value (self->level_bar, MIN (core->len, MAX (target, 1)));

  if (core->len == 0)
    gtk_label_set_text (self->hint_label, _("Nobody is kept yet. Go back to keep the people who matter."));
  else if (core->len > target)
    gtk_label_set_text (self->hint_label,
                        _("More than you aimed for. The lowest scores are at the bottom: "
                          "go back to prune some, or keep them all."));
  else
    gtk_label_set_text (self->hint_label,
                        _("Tag the people who matter as Customer, Partner, Supplier or Family "
                          "to keep them out of future suggestions."));
}

/* TendPrunePage */

static void
tend_prune_core_page_enter (TendPrunePage    *page,
                            TendPruneSession *session)
{
  TendPruneCorePage *self = TEND_PRUNE_CORE_PAGE (page);

  g_set_object (&self->session, session);
  fill (self);
}

static void
tend_prune_core_page_iface_init (TendPrunePageInterface *iface)
{
  iface->enter = tend_prune_core_page_enter;
}

/* GObject */

static void
tend_prune_core_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  switch (prop_id - PROP_FIRST_PAGE_PROP)
    {
    case TEND_PRUNE_PAGE_PROP_TITLE:
      g_value_set_string (value, _("Your Core"));
      break;
    case TEND_PRUNE_PAGE_PROP_FORWARD_LABEL:
      g_value_set_string (value, _("_Continue"));
      break;
    case TEND_PRUNE_PAGE_PROP_CAN_FORWARD:
    case TEND_PRUNE_PAGE_PROP_CAN_GO_BACK:
      g_value_set_boolean (value, TRUE);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_prune_core_page_dispose (GObject *object)
{
  TendPruneCorePage *self = (TendPruneCorePage *)object;

  /* The bin owns its child; the template would unparent it behind its back. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TEND_TYPE_PRUNE_CORE_PAGE);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (tend_prune_core_page_parent_class)->dispose (object);
}

static void
tend_prune_core_page_class_init (TendPruneCorePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_prune_core_page_dispose;
  object_class->get_property = tend_prune_core_page_get_property;
  tend_prune_page_override_properties (object_class, PROP_FIRST_PAGE_PROP);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/tend-prune-core-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TendPruneCorePage, count_label);
  gtk_widget_class_bind_template_child (widget_class, TendPruneCorePage, level_bar);
  gtk_widget_class_bind_template_child (widget_class, TendPruneCorePage, hint_label);
  gtk_widget_class_bind_template_child (widget_class, TendPruneCorePage, list_box);

}

static void
tend_prune_core_page_init (TendPruneCorePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
