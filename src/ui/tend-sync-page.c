/* tend-sync-page.c: the connected accounts syncing, with their progress and a way out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every connected account is synced in turn, each in one transaction:
 * cancelling, or an error, leaves the account under way as it was (and
 * keeps the ones already synced). While a server's rate limit holds the
 * sync back, the line under the bar says until when.
 */
#define G_LOG_DOMAIN "tend-sync-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tend-live-accounts.h"
#include "tend-progress-page.h"
#include "tend-sync-page.h"

struct _TendSyncPage
{
  GtkWidget parent_instance;

  /* template widgets */
  TendProgressPage *progress_page;

  /* owned references, while a sync runs */
  TendStore        *store;
  GPtrArray        *accounts;   /* TendLiveSource */
  GPtrArray        *results;    /* TendSyncResult */
  TendSyncProgress *progress;
  guint             current;

  /* borrowed: the progress page keeps it while the sync runs */
  GCancellable     *cancellable;
};

G_DEFINE_FINAL_TYPE (TendSyncPage, tend_sync_page, GTK_TYPE_WIDGET)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void sync_next (TendSyncPage *self);

static void
clear_progress (TendSyncPage *self)
{
  if (self->progress != NULL)
    g_signal_handlers_disconnect_by_data (self->progress, self);
  g_clear_object (&self->progress);
}

static void
finish (TendSyncPage *self,
        GError       *error)
{
  g_autoptr(GPtrArray) results = g_steal_pointer (&self->results);
  g_autoptr(GError) owned_error = error;

  clear_progress (self);
  g_clear_pointer (&self->accounts, g_ptr_array_unref);
  g_clear_object (&self->store);
  self->cancellable = NULL;
  tend_progress_page_end (self->progress_page);

  g_signal_emit (self, signals[FINISHED], 0, results, owned_error);
}

static void
on_progress (TendSyncPage *self)
{
  guint n = self->accounts->len;

  /* Text from the network's sync, translated, or the rate limit's wait. */
  tend_progress_page_set_text (self->progress_page, tend_sync_progress_get_text (self->progress));
  tend_progress_page_set_fraction (self->progress_page,
                                   (self->current + tend_sync_progress_get_fraction (self->progress)) / n);
}

static void
synced (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(TendSyncPage) self = user_data;
  TendSyncResult *sync_result;
  GError *error = NULL;

  sync_result = tend_live_accounts_sync_finish (result, &error);

  /* The page went away: the window with it. */
  if (self->progress_page == NULL)
    {
      g_clear_error (&error);
      g_clear_pointer (&sync_result, tend_sync_result_free);
      return;
    }

  if (sync_result == NULL)
    {
      const TendLiveSource *source = g_ptr_array_index (self->accounts, self->current);

      /* With several accounts, say which one failed. */
      if (self->accounts->len > 1 && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_prefix_error (&error, "%s: ", source->title);
      finish (self, error);
      return;
    }

  g_ptr_array_add (self->results, sync_result);
  self->current++;
  sync_next (self);
}

static void
sync_next (TendSyncPage *self)
{
  const TendLiveSource *source;
  g_autofree char *title = NULL;

  clear_progress (self);

  if (self->current == self->accounts->len)
    {
      finish (self, NULL);
      return;
    }

  source = g_ptr_array_index (self->accounts, self->current);
  if (self->accounts->len == 1)
    /* Translators: the account being synced: “Syncing @me@mastodon.social…” */
    title = g_strdup_printf (_("Syncing %s…"), source->title);
  else
    /* Translators: the account being synced, and which of how many: “Syncing @me@mastodon.social (1 of 2)…” */
    title = g_strdup_printf (_("Syncing %s (%u of %u)…"), source->title,
                             self->current + 1, self->accounts->len);
  tend_progress_page_set_title (self->progress_page, title);

  self->progress = tend_sync_progress_new ();
  g_signal_connect_swapped (self->progress, "notify::text", G_CALLBACK (on_progress), self);
  g_signal_connect_swapped (self->progress, "notify::fraction", G_CALLBACK (on_progress), self);
  on_progress (self);

  tend_live_accounts_sync_async (self->store, source, self->progress, self->cancellable,
                                 synced, g_object_ref (self));
}

static void
tend_sync_page_dispose (GObject *object)
{
  TendSyncPage *self = TEND_SYNC_PAGE (object);

  clear_progress (self);
  g_clear_pointer (&self->accounts, g_ptr_array_unref);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_object (&self->store);
  self->cancellable = NULL;

  /* The progress page cancels the sync under way as it goes. */
  gtk_widget_dispose_template (GTK_WIDGET (self), TEND_TYPE_SYNC_PAGE);

  G_OBJECT_CLASS (tend_sync_page_parent_class)->dispose (object);
}

static void
tend_sync_page_class_init (TendSyncPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_sync_page_dispose;

  /**
   * TendSyncPage::finished:
   * @results: (element-type TendSyncResult): the accounts synced, valid
   *   during the emission
   * @error: (nullable): why the sync stopped before the last account
   */
  signals[FINISHED] = g_signal_new ("finished",
                                    G_TYPE_FROM_CLASS (klass),
                                    G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 2,
                                    G_TYPE_PTR_ARRAY | G_SIGNAL_TYPE_STATIC_SCOPE,
                                    G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/tend-sync-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TendSyncPage, progress_page);

  g_type_ensure (TEND_TYPE_PROGRESS_PAGE);
}

static void
tend_sync_page_init (TendSyncPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
tend_sync_page_new (void)
{
  return g_object_new (TEND_TYPE_SYNC_PAGE, NULL);
}

/**
 * tend_sync_page_start:
 * @store: the owner's profile
 *
 * Syncs every account connected in @store, one after the other, and
 * emits #TendSyncPage::finished at the end.
 *
 * Returns: %FALSE when a sync is already under way, or (with @error
 *   set) when the accounts could not be listed
 */
gboolean
tend_sync_page_start (TendSyncPage  *self,
                      TendStore     *store,
                      GError       **error)
{
  g_autoptr(GPtrArray) accounts = NULL;

  g_return_val_if_fail (TEND_IS_SYNC_PAGE (self), FALSE);
  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);

  if (tend_progress_page_is_busy (self->progress_page))
    return FALSE;

  if (!(accounts = tend_live_accounts_list (store, error)))
    return FALSE;

  if (accounts->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("No network account is connected to this profile. Connect one "
                             "first, with Connect Mastodon in the main menu."));
      return FALSE;
    }

  self->cancellable = tend_progress_page_begin (self->progress_page);
  self->store = g_object_ref (store);
  self->accounts = g_steal_pointer (&accounts);
  self->results = g_ptr_array_new_with_free_func ((GDestroyNotify) tend_sync_result_free);
  self->current = 0;
  sync_next (self);
  return TRUE;
}

gboolean
tend_sync_page_is_busy (TendSyncPage *self)
{
  g_return_val_if_fail (TEND_IS_SYNC_PAGE (self), FALSE);

  return tend_progress_page_is_busy (self->progress_page);
}
