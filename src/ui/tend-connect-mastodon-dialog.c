/* tend-connect-mastodon-dialog.c: connect a Mastodon account, step by step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server, then the browser's consent page (or the page showing a
 * code to paste, where the browser cannot come back to Tend), then the
 * account or what went wrong. Closing the dialog cancels whatever step
 * is under way. Server names, accounts and error messages come from the
 * network and are shown as text.
 */
#define G_LOG_DOMAIN "tend-connect-mastodon-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tend-connect-mastodon-dialog.h"
#include "tend-mastodon-connect.h"
#include "tend-status-page-text.h"

struct _TendConnectMastodonDialog
{
  AdwWindow parent_instance;

  /* template widgets */
  GtkStack      *stack;
  AdwEntryRow   *server_row;
  GtkLabel      *server_error_label;
  GtkButton     *continue_button;
  AdwStatusPage *working_page;
  GtkSpinner    *working_spinner;
  AdwStatusPage *waiting_page;
  GtkSpinner    *waiting_spinner;
  GtkButton     *open_again_button;
  AdwEntryRow   *code_row;
  AdwStatusPage *done_page;
  GtkButton     *sync_button;
  AdwStatusPage *error_page;
  GtkButton     *try_again_button;

  /* owned references */
  TendStore           *store;
  TendMastodonConnect *connect;
  GCancellable        *cancellable;
  char                *account;
};

G_DEFINE_FINAL_TYPE (TendConnectMastodonDialog, tend_connect_mastodon_dialog, ADW_TYPE_WINDOW)

enum {
  SHOW_URI,
  CONNECTED,
  SYNC_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_step (TendConnectMastodonDialog *self,
           const char                *name)
{
  GtkWidget *focus = NULL;

  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_spinner_set_spinning (self->working_spinner, g_str_equal (name, "working"));
  gtk_spinner_set_spinning (self->waiting_spinner, g_str_equal (name, "waiting"));

  if (g_str_equal (name, "server"))
    focus = GTK_WIDGET (self->server_row);
  else if (g_str_equal (name, "waiting"))
    focus = GTK_WIDGET (self->open_again_button);
  else if (g_str_equal (name, "done"))
    focus = GTK_WIDGET (self->sync_button);
  else if (g_str_equal (name, "error"))
    focus = GTK_WIDGET (self->try_again_button);

  if (focus != NULL)
    gtk_widget_grab_focus (focus);
}

static void
show_error (TendConnectMastodonDialog *self,
            const GError              *error)
{
  tend_status_page_set_plain_description (self->error_page, error->message);
  show_step (self, "error");
}

static const char *
get_host (TendConnectMastodonDialog *self)
{
  return tend_mastodon_client_get_host (tend_mastodon_connect_get_client (self->connect));
}

static void
show_uri (TendConnectMastodonDialog *self,
          const char                *uri)
{
  gboolean handled = FALSE;

  g_signal_emit (self, signals[SHOW_URI], 0, uri, &handled);
  if (!handled)
    gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

/* Drops the attempt under way, if any. */
static void
stop (TendConnectMastodonDialog *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->connect);
}

static void
waited_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TendConnectMastodonDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *account = NULL;
  g_autofree char *text = NULL;

  account = tend_mastodon_connect_wait_finish (TEND_MASTODON_CONNECT (object), result, &error);

  /* Closed, or started over: this attempt is no longer shown. */
  if (self->stack == NULL || object != (GObject *) self->connect)
    return;

  if (account == NULL)
    {
      show_error (self, error);
      return;
    }

  g_free (self->account);
  self->account = g_steal_pointer (&account);

  /* Translators: the account just connected: “@me@mastodon.social is connected. …” */
  text = g_strdup_printf (_("@%s is connected. Sync to bring in your followers, follows and a "
                            "year of interactions; Tend syncs only when you ask it to."),
                          self->account);
  tend_status_page_set_plain_description (self->done_page, text);
  show_step (self, "done");

  g_signal_emit (self, signals[CONNECTED], 0, self->account);
}

static void
begun_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(TendConnectMastodonDialog) self = user_data;
  TendMastodonConnect *connect = TEND_MASTODON_CONNECT (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!tend_mastodon_connect_begin_finish (connect, result, &error))
    {
      if (self->stack != NULL && connect == self->connect)
        show_error (self, error);
      return;
    }

  if (self->stack == NULL || connect != self->connect)
    return;

  /* Translators: a server's name */
  text = g_strdup_printf (_("Your browser shows a page of %s that asks whether Tend may use your "
                            "account. Approve it there, then come back here."),
                          get_host (self));
  tend_status_page_set_plain_description (self->waiting_page, text);
  gtk_editable_set_text (GTK_EDITABLE (self->code_row), "");
  show_step (self, "waiting");

  tend_mastodon_connect_wait_async (connect, self->cancellable, waited_cb, g_object_ref (self));
  show_uri (self, tend_mastodon_connect_get_authorize_url (connect));
}

static void
on_server_changed (TendConnectMastodonDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->server_row));
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  gtk_widget_set_sensitive (GTK_WIDGET (self->continue_button), trimmed[0] != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->server_error_label), FALSE);
}

static void
on_continue (TendConnectMastodonDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->server_row));
  g_autofree char *server = g_strstrip (g_strdup (text));
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (server[0] == '\0' || self->connect != NULL)
    return;

  /* A typing mistake is shown where it can be fixed. */
  if (!(self->connect = tend_mastodon_connect_new (self->store, server, &error)))
    {
      gtk_label_set_text (self->server_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->server_error_label), TRUE);
      return;
    }

  self->cancellable = g_cancellable_new ();

  /* Translators: a server's name: “Contacting mastodon.social…” */
  title = g_strdup_printf (_("Contacting %s…"), get_host (self));
  adw_status_page_set_title (self->working_page, title);
  show_step (self, "working");

  tend_mastodon_connect_begin_async (self->connect, self->cancellable, begun_cb, g_object_ref (self));
}

static void
on_open_again (TendConnectMastodonDialog *self)
{
  if (self->connect != NULL)
    show_uri (self, tend_mastodon_connect_get_authorize_url (self->connect));
}

static void
on_open_manual (TendConnectMastodonDialog *self)
{
  if (self->connect != NULL)
    show_uri (self, tend_mastodon_connect_get_manual_url (self->connect));
}

static void
on_submit_code (TendConnectMastodonDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->code_row));
  g_autofree char *code = g_strstrip (g_strdup (text));

  if (code[0] == '\0' || self->connect == NULL)
    return;

  adw_status_page_set_title (self->working_page, _("Checking the Code…"));
  show_step (self, "working");
  tend_mastodon_connect_submit_code (self->connect, code);
}

static void
on_try_again (TendConnectMastodonDialog *self)
{
  stop (self);
  show_step (self, "server");
}

static void
on_sync (TendConnectMastodonDialog *self)
{
  g_signal_emit (self, signals[SYNC_REQUESTED], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
tend_connect_mastodon_dialog_dispose (GObject *object)
{
  TendConnectMastodonDialog *self = TEND_CONNECT_MASTODON_DIALOG (object);

  stop (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), TEND_TYPE_CONNECT_MASTODON_DIALOG);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (tend_connect_mastodon_dialog_parent_class)->dispose (object);
}

static void
tend_connect_mastodon_dialog_finalize (GObject *object)
{
  TendConnectMastodonDialog *self = TEND_CONNECT_MASTODON_DIALOG (object);

  g_free (self->account);

  G_OBJECT_CLASS (tend_connect_mastodon_dialog_parent_class)->finalize (object);
}

static void
tend_connect_mastodon_dialog_class_init (TendConnectMastodonDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_connect_mastodon_dialog_dispose;
  object_class->finalize = tend_connect_mastodon_dialog_finalize;

  /**
   * TendConnectMastodonDialog::show-uri:
   * @uri: a page of the server to show in the browser
   *
   * Emitted to open the server's pages. Without a handler that returns
   * %TRUE, the page opens in the default browser; tests play the
   * browser here.
   *
   * Returns: %TRUE when the page was taken care of
   */
  signals[SHOW_URI] = g_signal_new ("show-uri",
                                    G_TYPE_FROM_CLASS (klass),
                                    G_SIGNAL_RUN_LAST,
                                    0, g_signal_accumulator_true_handled, NULL, NULL,
                                    G_TYPE_BOOLEAN, 1,
                                    G_TYPE_STRING);

  /**
   * TendConnectMastodonDialog::connected:
   * @account: the account now connected, "user@host"
   */
  signals[CONNECTED] = g_signal_new ("connected",
                                     G_TYPE_FROM_CLASS (klass),
                                     G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 1,
                                     G_TYPE_STRING);

  /**
   * TendConnectMastodonDialog::sync-requested:
   *
   * The owner asked to sync the account just connected.
   */
  signals[SYNC_REQUESTED] = g_signal_new ("sync-requested",
                                          G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/tend-connect-mastodon-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TendConnectMastodonDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TendConnectMastodonDialog, server_row);
  gtk_widget_class_bind_template_child (widget_class, TendConnectMastodonDialog, server_error_label);
  gtk_widget_class_bind_template_child (widget_class, TendConnectMastodonDialog, continue_button);
  gtk_widget_class_bind_template_child (widget_class, TendConnectMastodonDialog, working_page);
  gtk_widget_class_bind_template_child (widget_class, TendConnectMastodonDialog, working_spinner);
  gtk_widget_class_bind_template_child (widget_class, TendConnectMastodonDialog, waiting_page);
  gtk_widget_class_bind_template_child (widget_class, TendConnectMastodonDialog, waiting_spinner);
  gtk_widget_class_bind_template_child (widget_class, TendConnectMastodonDialog, open_again_button);
  gtk_widget_class_bind_template_child (widget_class, TendConnectMastodonDialog, code_row);
  gtk_widget_class_bind_template_child (widget_class, TendConnectMastodonDialog, done_page);
  gtk_widget_class_bind_template_child (widget_class, TendConnectMastodonDialog, sync_button);
  gtk_widget_class_bind_template_child (widget_class, TendConnectMastodonDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, TendConnectMastodonDialog, try_again_button);
  gtk_widget_class_bind_template_callback (widget_class, on_server_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_continue);
  gtk_widget_class_bind_template_callback (widget_class, on_open_again);
  gtk_widget_class_bind_template_callback (widget_class, on_open_manual);
  gtk_widget_class_bind_template_callback (widget_class, on_submit_code);
  gtk_widget_class_bind_template_callback (widget_class, on_try_again);
  gtk_widget_class_bind_template_callback (widget_class, on_sync);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tend_connect_mastodon_dialog_init (TendConnectMastodonDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  show_step (self, "server");
}

/**
 * tend_connect_mastodon_dialog_new:
 * @parent: the window the dialog belongs to
 * @store: the owner's profile, which gets the account
 */
TendConnectMastodonDialog *
tend_connect_mastodon_dialog_new (GtkWindow *parent,
                                  TendStore *store)
{
  TendConnectMastodonDialog *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TEND_IS_STORE (store), NULL);

  self = g_object_new (TEND_TYPE_CONNECT_MASTODON_DIALOG,
                       "transient-for", parent,
                       "application", gtk_window_get_application (parent),
                       NULL);
  self->store = g_object_ref (store);
  return self;
}

/**
 * tend_connect_mastodon_dialog_get_step:
 *
 * Returns: the step shown: "server", "working", "waiting", "done" or "error"
 */
const char *
tend_connect_mastodon_dialog_get_step (TendConnectMastodonDialog *self)
{
  g_return_val_if_fail (TEND_IS_CONNECT_MASTODON_DIALOG (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * tend_connect_mastodon_dialog_get_account:
 *
 * Returns: (nullable): the account connected, "user@host", once done
 */
const char *
tend_connect_mastodon_dialog_get_account (TendConnectMastodonDialog *self)
{
  g_return_val_if_fail (TEND_IS_CONNECT_MASTODON_DIALOG (self), NULL);

  return self->account;
}
