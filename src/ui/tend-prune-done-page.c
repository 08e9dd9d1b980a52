/* tend-prune-done-page.c: the last step of pruning: before and after, the core, the printed summary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Before" counts who is connected now plus whom an applied action
 * removed; "after" counts who is connected now minus whom the owner
 * ticked off a checklist, since an export only learns of that with the
 * next import.
 */
#define G_LOG_DOMAIN "tend-prune-done-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tend-apply-engine.h"
#include "tend-prune-done-page.h"
#include "tend-prune-page.h"
#include "tend-summary-print-operation.h"

struct _TendPruneDonePage
{
  GtkWidget parent_instance;

  /* template widgets */
  GtkListBox          *sources_list;
  AdwPreferencesGroup *core_group;
  GtkListBox          *core_list;
  GtkButton           *print_button;

  /* owned references */
  TendPruneSession *session;
};

static void tend_prune_done_page_iface_init (TendPrunePageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TendPruneDonePage, tend_prune_done_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (TEND_TYPE_PRUNE_PAGE,
                                                      tend_prune_done_page_iface_init))

enum {
  PROP_0,
  PROP_FIRST_PAGE_PROP,
};

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, child);
}

static GtkWidget *
new_row (const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* Names and titles come from other people and files: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

/* Adds one to @source_id's count in @counts. */
static void
count_for (GHashTable *counts,
           gint64      source_id)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, &source_id));

  g_hash_table_replace (counts, g_memdup2 (&source_id, sizeof source_id), GUINT_TO_POINTER (n + 1));
}

static gboolean
fill_sources (TendPruneDonePage  *self,
              GError            **error)
{
  TendStore *store = tend_prune_session_get_store (self->session);
  g_autoptr(GListModel) sources = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GHashTable) removed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) ticked = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  clear_list (self->sources_list);

  if (!(sources = tend_store_list_sources (store, error)) ||
      !(actions = tend_store_list_actions (store, error)))
    return FALSE;

  for (guint i = 0; i < actions->len; i++)
    {
      TendActionItem *item = g_ptr_array_index (actions, i);
      gint64 id = item->person.connection_id;

      /* A person counts once, however many actions it took. */
      if (item->state != TEND_ACTION_STATE_DONE || g_hash_table_contains (seen, &id))
        continue;

      if (item->kind == TEND_ACTION_CHECKLIST && item->person.present)
        count_for (ticked, item->person.source_id);
      else if (item->kind != TEND_ACTION_CHECKLIST && !item->person.present)
        count_for (removed, item->person.source_id);
      else
        continue;

      g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
    }

  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(TendSource) source = g_list_model_get_item (sources, i);
      gint64 id = tend_source_get_id (source);
      guint now = tend_source_get_connection_count (source);
      guint before = now + GPOINTER_TO_UINT (g_hash_table_lookup (removed, &id));
      guint after = now - MIN (now, GPOINTER_TO_UINT (g_hash_table_lookup (ticked, &id)));
      g_autofree char *title = tend_apply_describe_source (tend_source_get_kind (source),
                                                           tend_source_get_title (source));
      g_autofree char *subtitle = NULL;

      if (before == 0)
        continue;

      /* Translators: connections of one source, e.g. "Before: 120 · After: 35" */
      subtitle = g_strdup_printf (_("Before: %u · After: %u"), before, after);
      gtk_list_box_append (self->sources_list, new_row (title, subtitle));
    }

  return TRUE;
}

static void
fill_core (TendPruneDonePage *self)
{
  g_autoptr(GPtrArray) core = tend_prune_session_list_decided (self->session, TEND_DECISION_KEEP);
  g_autofree char *description = NULL;

  clear_list (self->core_list);

  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u person you keep close.",
                                              "%u people you keep close.",
                                              core->len),
                                 core->len);
  adw_preferences_group_set_description (self->core_group, description);

  for (guint i = 0; i < core->len; i++)
    {
      TendConnection *connection = g_ptr_array_index (core, i);

      gtk_list_box_append (self->core_list,
                           new_row (tend_connection_get_name (connection),
                                    tend_source_kind_get_label (tend_connection_get_source_kind (connection))));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->core_list), core->len > 0);
}

static void
on_print (TendPruneDonePage *self)
{
  g_autoptr(TendSummaryPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (!(operation = tend_summary_print_operation_new (tend_prune_session_get_store (self->session), &error)))
    {
      tend_prune_page_show_error (TEND_PRUNE_PAGE (self), _("The Summary Could Not Be Prepared"), error);
      return;
    }

  tend_summary_print_operation_run (operation, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
}

/* TendPrunePage */

static void
tend_prune_done_page_enter (TendPrunePage    *page,
                            TendPruneSession *session)
{
  TendPruneDonePage *self = TEND_PRUNE_DONE_PAGE (page);
  g_autoptr(GError) error = NULL;

  g_set_object (&self->session, session);

  if (!fill_sources (self, &error))
    tend_prune_page_show_error (page, _("The Figures Could Not Be Read"), error);
  fill_core (self);
}

static void
tend_prune_done_page_iface_init (TendPrunePageInterface *iface)
{
  iface->enter = tend_prune_done_page_enter;
}

/* GObject */

static void
tend_prune_done_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  switch (prop_id - PROP_FIRST_PAGE_PROP)
    {
    case TEND_PRUNE_PAGE_PROP_TITLE:
      g_value_set_string (value, _("Done"));
      break;

    case TEND_PRUNE_PAGE_PROP_FORWARD_LABEL:
      g_value_set_string (value, _("_Finish"));
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
tend_prune_done_page_dispose (GObject *object)
{
  TendPruneDonePage *self = (TendPruneDonePage *)object;
  GtkWidget *root;

  gtk_widget_dispose_template (GTK_WIDGET (self), TEND_TYPE_PRUNE_DONE_PAGE);
  /* The template's root has no id, so it is not among the children
   * disposed above. */
  if ((root = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (root);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (tend_prune_done_page_parent_class)->dispose (object);
}

static void
tend_prune_done_page_class_init (TendPruneDonePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_prune_done_page_dispose;
  object_class->get_property = tend_prune_done_page_get_property;

  tend_prune_page_override_properties (object_class, PROP_FIRST_PAGE_PROP);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/tend-prune-done-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TendPruneDonePage, sources_list);
  gtk_widget_class_bind_template_child (widget_class, TendPruneDonePage, core_group);
  gtk_widget_class_bind_template_child (widget_class, TendPruneDonePage, core_list);
  gtk_widget_class_bind_template_child (widget_class, TendPruneDonePage, print_button);
  gtk_widget_class_bind_template_callback (widget_class, on_print);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tend_prune_done_page_init (TendPruneDonePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
