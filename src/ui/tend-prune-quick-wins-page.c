/* tend-prune-quick-wins-page.c: the second step of pruning: the people who are easy to let go
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tend-prune-quick-wins-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tend-prune-page.h"
#include "tend-prune-quick-wins-page.h"

struct _TendPruneQuickWinsPage
{
  AdwBin parent_instance;

  /* template widgets */
  GtkStack *stack;
  GtkListBox *list_box;

  /* owned references */
  TendPruneSession *session;
  GPtrArray *quick_wins;  /* TendConnection, in the list's order */

  /* borrowed: one check button a quick win, in the same order */
  GPtrArray *checks;
};

static void tend_prune_quick_wins_page_iface_init (TendPrunePageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TendPruneQuickWinsPage, tend_prune_quick_wins_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (TEND_TYPE_PRUNE_PAGE,
                                                      tend_prune_quick_wins_page_iface_init))

enum {
  PROP_0,
  PROP_FIRST_PAGE_PROP,
};

static guint
count_checked (TendPruneQuickWinsPage *self)
{
  guint n = 0;

  for (guint i = 0; i < self->checks->len; i++)
    n += gtk_check_button_get_active (g_ptr_array_index (self->checks, i));

  return n;
}

static char *
dup_forward_label (TendPruneQuickWinsPage *self)
{
  guint n = count_checked (self);

  if (self->checks->len == 0)
    return g_strdup (_("_Continue"));
  if (n == 0)
    return g_strdup (_("_Keep All"));

  /* Translators: the forward button of the quick wins step */
  return g_strdup_printf (ngettext ("_Prune This %u", "_Prune These %u", n), n);
}

static void
on_check_toggled (TendPruneQuickWinsPage *self)
{
  g_object_notify (G_OBJECT (self), "forward-label");
}

static GtkWidget *
create_row (TendPruneQuickWinsPage *self,
            TendConnection         *connection)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *reason = tend_prune_session_dup_quick_win_reason (self->session, connection);
  g_autofree char *subtitle = NULL;
  g_autofree char *check_name = NULL;
  const char *name = tend_connection_get_name (connection);

  /* Names come from files and servers: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  /* Translators: the source's title, then why someone is a quick win */
  subtitle = g_strdup_printf (_("%s · %s"), tend_connection_get_source_title (connection), reason);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  /* Translators: %s is a person's name */
  check_name = g_strdup_printf (_("Prune %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, check_name,
                                  -1);
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_check_toggled), self, G_CONNECT_SWAPPED);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_ptr_array_add (self->checks, check);

  return row;
}

/* TendPrunePage */

static void
tend_prune_quick_wins_page_enter (TendPrunePage    *page,
                                  TendPruneSession *session)
{
  TendPruneQuickWinsPage *self = TEND_PRUNE_QUICK_WINS_PAGE (page);
  GtkWidget *child;

  g_set_object (&self->session, session);

  g_ptr_array_set_size (self->checks, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))))
    gtk_list_box_remove (self->list_box, child);

  g_clear_pointer (&self->quick_wins, g_ptr_array_unref);
  self->quick_wins = tend_prune_session_list_quick_wins (session);
  for (guint i = 0; i < self->quick_wins->len; i++)
    gtk_list_box_append (self->list_box, create_row (self, g_ptr_array_index (self->quick_wins, i)));

  gtk_stack_set_visible_child_name (self->stack, self->quick_wins->len > 0 ? "list" : "empty");
  g_object_notify (G_OBJECT (self), "forward-label");
}

static void
tend_prune_quick_wins_page_forward (TendPrunePage *page)
{
  TendPruneQuickWinsPage *self = TEND_PRUNE_QUICK_WINS_PAGE (page);
  g_autoptr(GPtrArray) prune = g_ptr_array_new ();
  g_autoptr(GPtrArray) keep = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->checks, i);

      g_ptr_array_add (gtk_check_button_get_active (check) ? prune : keep,
                       g_ptr_array_index (self->quick_wins, i));
    }

  if (!tend_prune_session_decide_quick_wins (self->session, prune, keep, &error))
    {
      tend_prune_page_show_error (page, _("The Decisions Could Not Be Saved"), error);
      return;
    }

  tend_prune_page_finish (page);
}

static void
tend_prune_quick_wins_page_iface_init (TendPrunePageInterface *iface)
{
  iface->enter = tend_prune_quick_wins_page_enter;
  iface->forward = tend_prune_quick_wins_page_forward;
}

/* GObject */

static void
tend_prune_quick_wins_page_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  TendPruneQuickWinsPage *self = TEND_PRUNE_QUICK_WINS_PAGE (object);

  switch (prop_id - PROP_FIRST_PAGE_PROP)
    {
    case TEND_PRUNE_PAGE_PROP_TITLE:
      g_value_set_string (value, _("Quick Wins"));
      break;
    case TEND_PRUNE_PAGE_PROP_FORWARD_LABEL:
      g_value_take_string (value, dup_forward_label (self));
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
tend_prune_quick_wins_page_dispose (GObject *object)
{
  TendPruneQuickWinsPage *self = (TendPruneQuickWinsPage *)object;

  /* The bin owns its child; the template would unparent it behind its back. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TEND_TYPE_PRUNE_QUICK_WINS_PAGE);
  g_clear_object (&self->session);
  g_clear_pointer (&self->quick_wins, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);

  G_OBJECT_CLASS (tend_prune_quick_wins_page_parent_class)->dispose (object);
}

static void
tend_prune_quick_wins_page_class_init (TendPruneQuickWinsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_prune_quick_wins_page_dispose;
  object_class->get_property = tend_prune_quick_wins_page_get_property;
  tend_prune_page_override_properties (object_class, PROP_FIRST_PAGE_PROP);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/tend-prune-quick-wins-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TendPruneQuickWinsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TendPruneQuickWinsPage, list_box);

}

static void
tend_prune_quick_wins_page_init (TendPruneQuickWinsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->checks = g_ptr_array_new ();
}
