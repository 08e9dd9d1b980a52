/* tend-prune-one-by-one-page.c: the third step of pruning: everyone else, one card at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * K keeps, P prunes, S skips and Ctrl+Z undoes, wherever the focus is on
 * the page; each writes through the session at once.
 */
#define G_LOG_DOMAIN "tend-prune-one-by-one-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tend-prune-one-by-one-page.h"
#include "tend-prune-page.h"
#include "tend-prune-review-card.h"

struct _TendPruneOneByOnePage
{
  AdwBin parent_instance;

  /* template widgets */
  GtkCheckButton *not_following_check;
  GtkCheckButton *inactive_check;
  GtkLabel *counter_label;
  GtkStack *card_stack;
  TendPruneReviewCard *card;
  AdwStatusPage *done_status;

  /* owned references */
  TendPruneSession *session;

  gboolean syncing;
};

static void tend_prune_one_by_one_page_iface_init (TendPrunePageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TendPruneOneByOnePage, tend_prune_one_by_one_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (TEND_TYPE_PRUNE_PAGE,
                                                      tend_prune_one_by_one_page_iface_init))

enum {
  PROP_0,
  PROP_FIRST_PAGE_PROP,
};

static char *
dup_counter_text (TendPruneSession *session)
{
  guint length = tend_prune_session_get_review_length (session);
  guint index = tend_prune_session_get_review_index (session);
  guint kept = tend_prune_session_count_reviewed (session, TEND_DECISION_KEEP);
  guint pruned = tend_prune_session_count_reviewed (session, TEND_DECISION_PRUNE);
  g_autofree char *position = NULL;
  g_autofree char *kept_text = NULL;
  g_autofree char *pruned_text = NULL;

  if (index < length)
    /* Translators: the card shown and how many there are, e.g. "41 of 180" */
    position = g_strdup_printf (_("%u of %u"), index + 1, length);
  else
    position = g_strdup_printf (ngettext ("All %u seen", "All %u seen", length), length);

  kept_text = g_strdup_printf (ngettext ("%u kept", "%u kept", kept), kept);
  pruned_text = g_strdup_printf (ngettext ("%u pruned", "%u pruned", pruned), pruned);

  /* Translators: the review's counter, e.g. "41 of 180 · 23 kept · 12 pruned" */
  return g_strdup_printf (_("%s · %s · %s"), position, kept_text, pruned_text);
}

static void
refresh (TendPruneOneByOnePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *counter = NULL;
  TendConnection *current;

  if (self->session == NULL)
    return;

  current = tend_prune_session_get_review_current (self->session);
  counter = dup_counter_text (self->session);
  gtk_label_set_text (self->counter_label, counter);

  if (current != NULL)
    {
      if (!tend_prune_review_card_set_connection (self->card,
                                                  tend_prune_session_get_store (self->session),
                                                  current, &error))
        g_warning ("Could not read the latest interactions: %s", error->message);
      gtk_stack_set_visible_child_name (self->card_stack, "card");
    }
  else
    {
      adw_status_page_set_description (self->done_status,
                                       tend_prune_session_get_filter (self->session) != TEND_PRUNE_FILTER_NONE
                                       ? _("Nobody left who matches the filters. Clear them to see the others, or continue to your core.")
                                       : _("You have seen everyone. Continue to your core."));
      gtk_stack_set_visible_child_name (self->card_stack, "done");
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.keep", current != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.prune", current != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.skip", current != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.undo",
                                 tend_prune_session_can_undo (self->session));
}

static void
on_filter_toggled (TendPruneOneByOnePage *self)
{
  g_autoptr(GError) error = NULL;
  TendPruneFilter filter = TEND_PRUNE_FILTER_NONE;

  if (self->syncing || self->session == NULL)
    return;

  if (gtk_check_button_get_active (self->not_following_check))
    filter |= TEND_PRUNE_FILTER_NOT_FOLLOWING;
  if (gtk_check_button_get_active (self->inactive_check))
    filter |= TEND_PRUNE_FILTER_INACTIVE;

  if (!tend_prune_session_set_filter (self->session, filter, &error))
    tend_prune_page_show_error (TEND_PRUNE_PAGE (self), _("The Filter Could Not Be Saved"), error);

  refresh (self);
}

static void
decide (TendPruneOneByOnePage *self,
        TendDecision           decision)
{
  g_autoptr(GError) error = NULL;

  if (!tend_prune_session_review_decide (self->session, decision, &error))
    tend_prune_page_show_error (TEND_PRUNE_PAGE (self), _("The Decision Could Not Be Saved"), error);

  refresh (self);
}

static void
keep_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  decide (TEND_PRUNE_ONE_BY_ONE_PAGE (widget), TEND_DECISION_KEEP);
}

static void
on_confirm_response (AdwMessageDialog      *dialog,
                     const char            *response,
                     TendPruneOneByOnePage *self)
{
  if (g_strcmp0 (response, "prune") == 0)
    decide (self, TEND_DECISION_PRUNE);
}

static char *
dup_protected_tags (TendConnection *connection)
{
  const char * const *tags = tend_connection_get_tags (connection);
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  for (guint i = 0; tags[i] != NULL; i++)
    {
      if (tend_store_is_tag_protected (tags[i]))
        g_ptr_array_add (found, (gpointer) tags[i]);
    }
  g_ptr_array_add (found, NULL);

  return g_strjoinv (", ", (char **) found->pdata);
}

/* Tags like Customer keep people out of suggestions; pruning one of them
 * by hand is allowed, after a question. */
static void
prune_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TendPruneOneByOnePage *self = TEND_PRUNE_ONE_BY_ONE_PAGE (widget);
  TendConnection *current = tend_prune_session_get_review_current (self->session);
  g_autofree char *tags = NULL;
  g_autofree char *body = NULL;
  GtkRoot *root;
  GtkWidget *dialog;

  if (current == NULL || !tend_prune_connection_is_protected (current))
    {
      decide (self, TEND_DECISION_PRUNE);
      return;
    }

  tags = dup_protected_tags (current);
  /* Translators: a person's name, then their tags, e.g. "María García is tagged Customer, …" */
  body = g_strdup_printf (_("%s is tagged %s, which keeps people out of every suggestion. "
                            "Pruning them lets them go all the same."),
                          tend_connection_get_name (current), tags);
  root = gtk_widget_get_root (widget);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Prune Someone Protected?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "prune", _("_Prune"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "prune",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
skip_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TendPruneOneByOnePage *self = TEND_PRUNE_ONE_BY_ONE_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!tend_prune_session_review_skip (self->session, &error))
    tend_prune_page_show_error (TEND_PRUNE_PAGE (self), _("The Review Could Not Be Saved"), error);

  refresh (self);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TendPruneOneByOnePage *self = TEND_PRUNE_ONE_BY_ONE_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!tend_prune_session_review_undo (self->session, &error))
    tend_prune_page_show_error (TEND_PRUNE_PAGE (self), _("The Change Could Not Be Undone"), error);

  refresh (self);
}

/* TendPrunePage */

static void
tend_prune_one_by_one_page_enter (TendPrunePage    *page,
                                  TendPruneSession *session)
{
  TendPruneOneByOnePage *self = TEND_PRUNE_ONE_BY_ONE_PAGE (page);
  g_autoptr(GError) error = NULL;
  TendPruneFilter filter;

  g_set_object (&self->session, session);

  if (!tend_prune_session_prepare_review (session, &error))
    tend_prune_page_show_error (page, _("The Review Could Not Be Prepared"), error);

  filter = tend_prune_session_get_filter (session);
  self->syncing = TRUE;
  gtk_check_button_set_active (self->not_following_check, filter & TEND_PRUNE_FILTER_NOT_FOLLOWING);
  gtk_check_button_set_active (self->inactive_check, filter & TEND_PRUNE_FILTER_INACTIVE);
  self->syncing = FALSE;

  refresh (self);
}

static void
tend_prune_one_by_one_page_iface_init (TendPrunePageInterface *iface)
{
  iface->enter = tend_prune_one_by_one_page_enter;
}

/* GObject */

static void
tend_prune_one_by_one_page_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  switch (prop_id - PROP_FIRST_PAGE_PROP)
    {
    case TEND_PRUNE_PAGE_PROP_TITLE:
      g_value_set_string (value, _("One by One"));
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
tend_prune_one_by_one_page_dispose (GObject *object)
{
  TendPruneOneByOnePage *self = (TendPruneOneByOnePage *)object;

  /* The bin owns its child; the template would unparent it behind its back. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TEND_TYPE_PRUNE_ONE_BY_ONE_PAGE);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (tend_prune_one_by_one_page_parent_class)->dispose (object);
}

static void
tend_prune_one_by_one_page_class_init (TendPruneOneByOnePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_prune_one_by_one_page_dispose;
  object_class->get_property = tend_prune_one_by_one_page_get_property;
  tend_prune_page_override_properties (object_class, PROP_FIRST_PAGE_PROP);

  g_type_ensure (TEND_TYPE_PRUNE_REVIEW_CARD);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/tend-prune-one-by-one-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TendPruneOneByOnePage, not_following_check);
  gtk_widget_class_bind_template_child (widget_class, TendPruneOneByOnePage, inactive_check);
  gtk_widget_class_bind_template_child (widget_class, TendPruneOneByOnePage, counter_label);
  gtk_widget_class_bind_template_child (widget_class, TendPruneOneByOnePage, card_stack);
  gtk_widget_class_bind_template_child (widget_class, TendPruneOneByOnePage, card);
  gtk_widget_class_bind_template_child (widget_class, TendPruneOneByOnePage, done_status);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_toggled);

  gtk_widget_class_install_action (widget_class, "review.keep", NULL, keep_action);
  gtk_widget_class_install_action (widget_class, "review.prune", NULL, prune_action);
  gtk_widget_class_install_action (widget_class, "review.skip", NULL, skip_action);
  gtk_widget_class_install_action (widget_class, "review.undo", NULL, undo_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, 0, "review.keep", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, 0, "review.prune", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, 0, "review.skip", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "review.undo", NULL);

}

static void
tend_prune_one_by_one_page_init (TendPruneOneByOnePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
