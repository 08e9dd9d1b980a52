/* tend-connect-bluesky-dialog.c: connect a Bluesky account with an app password
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The handle and an app password (never the main password), with the
 * server under "Advanced" for accounts that live elsewhere than
 * bsky.social; then the account or what went wrong. Closing the dialog
 * cancels a sign-in under way. Handles and error messages come from the
 * network and are shown as text.
 */
#define G_LOG_DOMAIN "tend-connect-bluesky-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tend-bluesky-accounts.h"
#include "tend-connect-bluesky-dialog.h"
#include "tend-status-page-text.h"

struct _TendConnectBlueskyDialog
{
  AdwWindow parent_instance;

  /* template widgets */
  GtkStack      *stack;
  AdwEntryRow   *handle_row;
  AdwEntryRow   *password_row;
  AdwEntryRow   *service_row;
  GtkButton     *connect_button;
  AdwStatusPage *done_page;
  GtkButton     *sync_button;
  AdwStatusPage *error_page;
  GtkButton     *try_again_button;
  GtkSpinner    *working_spinner;

  /* owned references */
  TendStore    *store;
  GCancellable *cancellable;
  char         *account;
};

G_DEFINE_FINAL_TYPE (TendConnectBlueskyDialog, tend_connect_bluesky_dialog, ADW_TYPE_WINDOW)

enum {
  CONNECTED,
  SYNC_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_step (TendConnectBlueskyDialog *self,
           const char               *name)
{
  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_spinner_set_spinning (self->working_spinner, g_str_equal (name, "working"));

  if (g_str_equal (name, "account"))
    gtk_widget_grab_focus (GTK_WIDGET (self->handle_row));
  else if (g_str_equal (name, "done"))
    gtk_widget_grab_focus (GTK_WIDGET (self->sync_button));
  else if (g_str_equal (name, "error"))
    gtk_widget_grab_focus (GTK_WIDGET (self->try_again_button));
}

static char *
dup_trimmed (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
on_fields_changed (TendConnectBlueskyDialog *self)
{
  g_autofree char *handle = dup_trimmed (self->handle_row);
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button),
                            handle[0] != '\0' && password[0] != '\0' && self->cancellable == NULL);
}

static void
connected_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TendConnectBlueskyDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *account = NULL;
  g_autofree char *text = NULL;
  gint64 source_id = 0;

  account = tend_bluesky_connect_finish (result, &source_id, &error);

  /* Closed meanwhile. */
  if (self->stack == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);

  if (account == NULL)
    {
      tend_status_page_set_plain_description (self->error_page, error->message);
      show_step (self, "error");
      return;
    }

  g_free (self->account);
  self->account = g_steal_pointer (&account);

  /* Translators: the account just connected: “@me.bsky.social is connected. …” */
  text = g_strdup_printf (_("@%s is connected. Sync to bring in your followers, follows and a "
                            "year of interactions; Tend syncs only when you ask it to."),
                          self->account);
  tend_status_page_set_plain_description (self->done_page, text);
  show_step (self, "done");

  g_signal_emit (self, signals[CONNECTED], 0, self->account);
}

static void
on_connect (TendConnectBlueskyDialog *self)
{
  g_autofree char *handle = dup_trimmed (self->handle_row);
  g_autofree char *service = dup_trimmed (self->service_row);
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (handle[0] == '\0' || password[0] == '\0' || self->cancellable != NULL)
    return;

  /* A handle typed with its "@" is the same handle. */
  self->cancellable = g_cancellable_new ();
  show_step (self, "working");
  tend_bluesky_connect_async (self->store, handle[0] == '@' ? handle + 1 : handle, password,
                              service[0] != '\0' ? service : NULL, self->cancellable,
                              connected_cb, g_object_ref (self));
}

static void
on_try_again (TendConnectBlueskyDialog *self)
{
  /* The app password is asked again: it may have been the wrong one. */
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  show_step (self, "account");
}

static void
on_sync (TendConnectBlueskyDialog *self)
{
  g_signal_emit (self, signals[SYNC_REQUESTED], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
tend_connect_bluesky_dialog_dispose (GObject *object)
{
  TendConnectBlueskyDialog *self = TEND_CONNECT_BLUESKY_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), TEND_TYPE_CONNECT_BLUESKY_DIALOG);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (tend_connect_bluesky_dialog_parent_class)->dispose (object);
}

static void
tend_connect_bluesky_dialog_finalize (GObject *object)
{
  TendConnectBlueskyDialog *self = TEND_CONNECT_BLUESKY_DIALOG (object);

  g_free (self->account);

  G_OBJECT_CLASS (tend_connect_bluesky_dialog_parent_class)->finalize (object);
}

static void
tend_connect_bluesky_dialog_class_init (TendConnectBlueskyDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_connect_bluesky_dialog_dispose;
  object_class->finalize = tend_connect_bluesky_dialog_finalize;

  /**
   * TendConnectBlueskyDialog::connected:
   * @account: the account now connected, its handle
   */
  signals[CONNECTED] = g_signal_new ("connected",
                                     G_TYPE_FROM_CLASS (klass),
                                     G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 1,
                                     G_TYPE_STRING);

  /**
   * TendConnectBlueskyDialog::sync-requested:
   *
   * The owner asked to sync the account just connected.
   */
  signals[SYNC_REQUESTED] = g_signal_new ("sync-requested",
                                          G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/tend-connect-bluesky-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TendConnectBlueskyDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TendConnectBlueskyDialog, handle_row);
  gtk_widget_class_bind_template_child (widget_class, TendConnectBlueskyDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, TendConnectBlueskyDialog, service_row);
  gtk_widget_class_bind_template_child (widget_class, TendConnectBlueskyDialog, connect_button);
  gtk_widget_class_bind_template_child (widget_class, TendConnectBlueskyDialog, working_spinner);
  gtk_widget_class_bind_template_child (widget_class, TendConnectBlueskyDialog, done_page);
  gtk_widget_class_bind_template_child (widget_class, TendConnectBlueskyDialog, sync_button);
  gtk_widget_class_bind_template_child (widget_class, TendConnectBlueskyDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, TendConnectBlueskyDialog, try_again_button);
  gtk_widget_class_bind_template_callback (widget_class, on_fields_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_connect);
  gtk_widget_class_bind_template_callback (widget_class, on_try_again);
  gtk_widget_class_bind_template_callback (widget_class, on_sync);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tend_connect_bluesky_dialog_init (TendConnectBlueskyDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  show_step (self, "account");
}

/**
 * tend_connect_bluesky_dialog_new:
 * @parent: the window the dialog belongs to
 * @store: the owner's profile, which gets the account
 */
TendConnectBlueskyDialog *
tend_connect_bluesky_dialog_new (GtkWindow *parent,
                                 TendStore *store)
{
  TendConnectBlueskyDialog *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TEND_IS_STORE (store), NULL);

  self = g_object_new (TEND_TYPE_CONNECT_BLUESKY_DIALOG,
                       "transient-for", parent,
                       "application", gtk_window_get_application (parent),
                       NULL);
  self->store = g_object_ref (store);
  return self;
}

/**
 * tend_connect_bluesky_dialog_get_step:
 *
 * Returns: the step shown: "account", "working", "done" or "error"
 */
const char *
tend_connect_bluesky_dialog_get_step (TendConnectBlueskyDialog *self)
{
  g_return_val_if_fail (TEND_IS_CONNECT_BLUESKY_DIALOG (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * tend_connect_bluesky_dialog_get_account:
 *
 * Returns: (nullable): the handle connected, once done
 */
const char *
tend_connect_bluesky_dialog_get_account (TendConnectBlueskyDialog *self)
{
  g_return_val_if_fail (TEND_IS_CONNECT_BLUESKY_DIALOG (self), NULL);

  return self->account;
}
