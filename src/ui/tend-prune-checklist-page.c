/* tend-prune-checklist-page.c: step 6 of pruning: what to remove by hand, per export-only source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One group per source, one row per person: "Open Profile" opens the
 * profile in the browser, "Done" ticks the checklist item in the store
 * (journaled) and unticking takes it back. Each group says how far it is.
 */
#define G_LOG_DOMAIN "tend-prune-checklist-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tend-apply-engine.h"
#include "tend-prune-checklist-page.h"
#include "tend-prune-page.h"

struct _TendPruneChecklistPage
{
  GtkWidget parent_instance;

  /* template widgets */
  GtkBox *groups_box;

  /* owned references */
  TendPruneSession *session;

  /* borrowed: the groups appended to groups_box, one a source */
  GPtrArray *groups;
  gboolean   syncing;
};

static void tend_prune_checklist_page_iface_init (TendPrunePageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TendPruneChecklistPage, tend_prune_checklist_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (TEND_TYPE_PRUNE_PAGE,
                                                      tend_prune_checklist_page_iface_init))

enum {
  PROP_0,
  PROP_FIRST_PAGE_PROP,
};

/* The checklist items worth showing: not those dropped since. */
static GPtrArray *
list_items (TendStore  *store,
            GError    **error)
{
  g_autoptr(GPtrArray) actions = tend_store_list_actions (store, error);
  GPtrArray *items;

  if (actions == NULL)
    return NULL;

  items = g_ptr_array_new_with_free_func ((GDestroyNotify) tend_action_item_free);
  for (guint i = 0; i < actions->len; i++)
    {
      TendActionItem *item = g_ptr_array_index (actions, i);

      if (item->kind == TEND_ACTION_CHECKLIST &&
          (item->state == TEND_ACTION_STATE_PENDING || item->state == TEND_ACTION_STATE_DONE))
        g_ptr_array_add (items, g_ptr_array_steal_index (actions, i--));
    }

  return items;
}

/* "2 of 5 done", from the checks of the group's rows. */
static void
update_group (AdwPreferencesGroup *group)
{
  GPtrArray *checks = g_object_get_data (G_OBJECT (group), "checks");
  g_autofree char *text = NULL;
  guint done = 0;

  for (guint i = 0; i < checks->len; i++)
    done += gtk_check_button_get_active (g_ptr_array_index (checks, i));

  /* Translators: progress of a checklist, e.g. "2 of 5 done" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u done", "%u of %u done", checks->len),
                          done, checks->len);
  adw_preferences_group_set_description (group, text);
}

static void
on_done_toggled (TendPruneChecklistPage *self,
                 GtkCheckButton         *check)
{
  gint64 action_id = *(gint64 *) g_object_get_data (G_OBJECT (check), "action-id");
  gboolean done = gtk_check_button_get_active (check);
  g_autoptr(GError) error = NULL;

  if (self->syncing)
    return;

  if (!tend_store_set_checklist_done (tend_prune_session_get_store (self->session), action_id, done, &error))
    {
      tend_prune_page_show_error (TEND_PRUNE_PAGE (self), _("The Tick Could Not Be Saved"), error);
      self->syncing = TRUE;
      gtk_check_button_set_active (check, !done);
      self->syncing = FALSE;
    }

  update_group (g_object_get_data (G_OBJECT (check), "group"));
}

static void
on_open_profile (GtkButton *button)
{
  const char *url = g_object_get_data (G_OBJECT (button), "url");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, url, GDK_CURRENT_TIME);
}

static GtkWidget *
create_row (TendPruneChecklistPage *self,
            AdwPreferencesGroup    *group,
            TendActionItem         *item)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new_with_mnemonic (_("_Done"));
  g_autofree char *done_name = NULL;
  const char *url = item->person.profile_url;

  /* Names come from other people's profiles: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->person.name);
  if (item->person.handle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), item->person.handle);

  g_object_set_data_full (G_OBJECT (check), "action-id", g_memdup2 (&item->id, sizeof item->id), g_free);
  g_object_set_data (G_OBJECT (check), "group", group);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), item->state == TEND_ACTION_STATE_DONE);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  /* Translators: the accessible name of a checklist tick, e.g. "Done: remove Kim Lee" */
  done_name = g_strdup_printf (_("Done: remove %s"), item->person.name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, done_name, -1);
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_done_toggled), self, G_CONNECT_SWAPPED);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);

  if (url != NULL && (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://")))
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("web-browser-symbolic");
      g_autofree char *open_name = NULL;

      /* Translators: the accessible name of a button, e.g. "Open the profile of Kim Lee" */
      open_name = g_strdup_printf (_("Open the profile of %s"), item->person.name);
      gtk_widget_set_tooltip_text (button, _("Open Profile"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, open_name, -1);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      g_object_set_data_full (G_OBJECT (button), "url", g_strdup (url), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_open_profile), NULL);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  else
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("No profile address is known: search for the name on the website."));
    }

  g_ptr_array_add (g_object_get_data (G_OBJECT (group), "checks"), check);
  return row;
}

static void
fill (TendPruneChecklistPage *self)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) lists = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < self->groups->len; i++)
    gtk_box_remove (self->groups_box, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);

  if (!(items = list_items (tend_prune_session_get_store (self->session), &error)))
    {
      tend_prune_page_show_error (TEND_PRUNE_PAGE (self), _("The Checklist Could Not Be Read"), error);
      return;
    }

  self->syncing = TRUE;

  for (guint i = 0; i < items->len; i++)
    {
      TendActionItem *item = g_ptr_array_index (items, i);
      GtkListBox *list = g_hash_table_lookup (lists, &item->person.source_id);
      AdwPreferencesGroup *group;

      if (list == NULL)
        {
          g_autofree char *title = tend_apply_describe_source (item->person.source_kind,
                                                               item->person.source_title);

          group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          adw_preferences_group_set_title (group, title);
          g_object_set_data_full (G_OBJECT (group), "checks", g_ptr_array_new (), (GDestroyNotify) g_ptr_array_unref);

          list = GTK_LIST_BOX (gtk_list_box_new ());
          gtk_list_box_set_selection_mode (list, GTK_SELECTION_NONE);
          gtk_widget_add_css_class (GTK_WIDGET (list), "boxed-list");
          gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
          g_object_set_data (G_OBJECT (list), "group", group);
          adw_preferences_group_add (group, GTK_WIDGET (list));

          gtk_box_append (self->groups_box, GTK_WIDGET (group));
          g_ptr_array_add (self->groups, group);
          g_hash_table_insert (lists, g_memdup2 (&item->person.source_id, sizeof (gint64)), list);
        }

      group = g_object_get_data (G_OBJECT (list), "group");
      gtk_list_box_append (list, create_row (self, group, item));
    }

  for (guint i = 0; i < self->groups->len; i++)
    update_group (g_ptr_array_index (self->groups, i));

  self->syncing = FALSE;
}

/* TendPrunePage */

static gboolean
tend_prune_checklist_page_is_needed (TendPrunePage    *page,
                                     TendPruneSession *session)
{
  g_autoptr(GPtrArray) items = list_items (tend_prune_session_get_store (session), NULL);

  return items != NULL && items->len > 0;
}

static void
tend_prune_checklist_page_enter (TendPrunePage    *page,
                                 TendPruneSession *session)
{
  TendPruneChecklistPage *self = TEND_PRUNE_CHECKLIST_PAGE (page);

  g_set_object (&self->session, session);
  fill (self);
}

static void
tend_prune_checklist_page_iface_init (TendPrunePageInterface *iface)
{
  iface->is_needed = tend_prune_checklist_page_is_needed;
  iface->enter = tend_prune_checklist_page_enter;
}

/* GObject */

static void
tend_prune_checklist_page_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  switch (prop_id - PROP_FIRST_PAGE_PROP)
    {
    case TEND_PRUNE_PAGE_PROP_TITLE:
      g_value_set_string (value, _("Checklist"));
      break;

    case TEND_PRUNE_PAGE_PROP_FORWARD_LABEL:
      g_value_set_string (value, _("_Continue"));
      break;

    case TEND_PRUNE_PAGE_PROP_CAN_FORWARD:
    case TEND_PRUNE_PAGE_PROP_CAN_GO_BACK:
      /* Ticks are saved as they change; the rest can wait for another day. */
      g_value_set_boolean (value, TRUE);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_prune_checklist_page_dispose (GObject *object)
{
  TendPruneChecklistPage *self = (TendPruneChecklistPage *)object;
  GtkWidget *root;

  gtk_widget_dispose_template (GTK_WIDGET (self), TEND_TYPE_PRUNE_CHECKLIST_PAGE);
  /* The template's root has no id, so it is not among the children
   * disposed above. */
  if ((root = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (root);

  g_clear_object (&self->session);
  g_clear_pointer (&self->groups, g_ptr_array_unref);

  G_OBJECT_CLASS (tend_prune_checklist_page_parent_class)->dispose (object);
}

static void
tend_prune_checklist_page_class_init (TendPruneChecklistPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_prune_checklist_page_dispose;
  object_class->get_property = tend_prune_checklist_page_get_property;

  tend_prune_page_override_properties (object_class, PROP_FIRST_PAGE_PROP);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/tend-prune-checklist-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TendPruneChecklistPage, groups_box);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tend_prune_checklist_page_init (TendPruneChecklistPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->groups = g_ptr_array_new ();
}
