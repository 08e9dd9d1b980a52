/* tend-prune-page.c: what every page of the pruning wizard offers the wizard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tend-prune-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tend-prune-page.h"

G_DEFINE_INTERFACE (TendPrunePage, tend_prune_page, GTK_TYPE_WIDGET)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
tend_prune_page_real_is_needed (TendPrunePage    *page,
                                TendPruneSession *session)
{
  return TRUE;
}

static void
tend_prune_page_real_enter (TendPrunePage    *page,
                            TendPruneSession *session)
{
}

static void
tend_prune_page_real_forward (TendPrunePage *page)
{
  tend_prune_page_finish (page);
}

static void
tend_prune_page_default_init (TendPrunePageInterface *iface)
{
  iface->is_needed = tend_prune_page_real_is_needed;
  iface->enter = tend_prune_page_real_enter;
  iface->forward = tend_prune_page_real_forward;

  g_object_interface_install_property (iface,
      g_param_spec_string ("title", NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_interface_install_property (iface,
      g_param_spec_string ("forward-label", NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_interface_install_property (iface,
      g_param_spec_boolean ("can-forward", NULL, NULL, TRUE,
                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_interface_install_property (iface,
      g_param_spec_boolean ("can-go-back", NULL, NULL, TRUE,
                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * TendPrunePage::finished:
   *
   * The page has done what its forward button asked; the wizard moves on.
   */
  signals[FINISHED] = g_signal_new ("finished",
                                    G_TYPE_FROM_INTERFACE (iface),
                                    G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 0);
}

gboolean
tend_prune_page_is_needed (TendPrunePage    *page,
                           TendPruneSession *session)
{
  g_return_val_if_fail (TEND_IS_PRUNE_PAGE (page), FALSE);
  g_return_val_if_fail (TEND_IS_PRUNE_SESSION (session), FALSE);

  return TEND_PRUNE_PAGE_GET_IFACE (page)->is_needed (page, session);
}

void
tend_prune_page_enter (TendPrunePage    *page,
                       TendPruneSession *session)
{
  g_return_if_fail (TEND_IS_PRUNE_PAGE (page));
  g_return_if_fail (TEND_IS_PRUNE_SESSION (session));

  TEND_PRUNE_PAGE_GET_IFACE (page)->enter (page, session);
}

void
tend_prune_page_forward (TendPrunePage *page)
{
  g_return_if_fail (TEND_IS_PRUNE_PAGE (page));

  TEND_PRUNE_PAGE_GET_IFACE (page)->forward (page);
}

/* Called by the page itself when its forward work is done. */
void
tend_prune_page_finish (TendPrunePage *page)
{
  g_return_if_fail (TEND_IS_PRUNE_PAGE (page));

  g_signal_emit (page, signals[FINISHED], 0);
}

char *
tend_prune_page_dup_title (TendPrunePage *page)
{
  char *title = NULL;

  g_return_val_if_fail (TEND_IS_PRUNE_PAGE (page), NULL);

  g_object_get (page, "title", &title, NULL);
  return title;
}

char *
tend_prune_page_dup_forward_label (TendPrunePage *page)
{
  char *label = NULL;

  g_return_val_if_fail (TEND_IS_PRUNE_PAGE (page), NULL);

  g_object_get (page, "forward-label", &label, NULL);
  return label;
}

gboolean
tend_prune_page_get_can_forward (TendPrunePage *page)
{
  gboolean can_forward = FALSE;

  g_return_val_if_fail (TEND_IS_PRUNE_PAGE (page), FALSE);

  g_object_get (page, "can-forward", &can_forward, NULL);
  return can_forward;
}

gboolean
tend_prune_page_get_can_go_back (TendPrunePage *page)
{
  gboolean can_go_back = FALSE;

  g_return_val_if_fail (TEND_IS_PRUNE_PAGE (page), FALSE);

  g_object_get (page, "can-go-back", &can_go_back, NULL);
  return can_go_back;
}

/**
 * tend_prune_page_show_error:
 * @heading: what could not be done, e.g. "The Decision Could Not Be Saved"
 *
 * Tells the person over the wizard; the message is shown as plain text.
 */
void
tend_prune_page_show_error (TendPrunePage *page,
                            const char    *heading,
                            const GError  *error)
{
  GtkRoot *root;
  GtkWidget *dialog;

  g_return_if_fail (TEND_IS_PRUNE_PAGE (page));
  g_return_if_fail (heading != NULL);
  g_return_if_fail (error != NULL);

  root = gtk_widget_get_root (GTK_WIDGET (page));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * tend_prune_page_override_properties:
 * @first_prop_id: the id of "title"; the others follow in the order of
 *   #TendPrunePageProperty
 *
 * Installs the interface's properties on a page's class.
 */
void
tend_prune_page_override_properties (GObjectClass *klass,
                                     guint         first_prop_id)
{
  g_return_if_fail (G_IS_OBJECT_CLASS (klass));

  g_object_class_override_property (klass, first_prop_id + TEND_PRUNE_PAGE_PROP_TITLE, "title");
  g_object_class_override_property (klass, first_prop_id + TEND_PRUNE_PAGE_PROP_FORWARD_LABEL, "forward-label");
  g_object_class_override_property (klass, first_prop_id + TEND_PRUNE_PAGE_PROP_CAN_FORWARD, "can-forward");
  g_object_class_override_property (klass, first_prop_id + TEND_PRUNE_PAGE_PROP_CAN_GO_BACK, "can-go-back");
}
