/* tend-mastodon-executor.c: unfollow, remove and follow on Mastodon
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The actions the pruning wizard applies and History undoes, for one
 * connected account. Journaling is tend_action_executor_run_async()'s
 * business; this only finds the person's account id, which the sync
 * stored, and asks the server.
 */
#define G_LOG_DOMAIN "tend-mastodon-executor"

#include "config.h"

#include <glib/gi18n.h>

#include "tend-mastodon-executor.h"

struct _TendMastodonExecutor
{
  GObject parent_instance;

  /* owned */
  TendMastodonClient *client;
  TendStore          *store;

  gint64              source_id;
};

static void tend_mastodon_executor_iface_init (TendActionExecutorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TendMastodonExecutor, tend_mastodon_executor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TEND_TYPE_ACTION_EXECUTOR,
                                                      tend_mastodon_executor_iface_init))

static const char *
action_path (TendActionKind kind)
{
  switch (kind)
    {
    case TEND_ACTION_UNFOLLOW:
      return "unfollow";
    case TEND_ACTION_REMOVE_FOLLOWER:
      return "remove_from_followers";
    case TEND_ACTION_FOLLOW:
      return "follow";
    case TEND_ACTION_CHECKLIST:
    default:
      return NULL;
    }
}

static gboolean
tend_mastodon_executor_can_run (TendActionExecutor *executor,
                                TendActionKind      kind)
{
  return action_path (kind) != NULL;
}

static void
action_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (tend_mastodon_client_account_action_finish (TEND_MASTODON_CLIENT (object), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
tend_mastodon_executor_run_async (TendActionExecutor  *executor,
                                  TendActionKind       kind,
                                  gint64               connection_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  TendMastodonExecutor *self = TEND_MASTODON_EXECUTOR (executor);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *remote_id = NULL;
  GError *error = NULL;
  gint64 source_id = 0;

  g_task_set_source_tag (task, tend_mastodon_executor_run_async);

  remote_id = tend_store_dup_connection_remote_id (self->store, connection_id, &source_id, &error);
  if (remote_id == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* An id means something only on the server that gave it. */
  if (source_id != self->source_id)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("This person is not connected through %s. Apply the change "
                                 "from the account they belong to."),
                               tend_mastodon_client_get_host (self->client));
      return;
    }

  tend_mastodon_client_account_action_async (self->client, remote_id, action_path (kind),
                                             cancellable, action_done, g_steal_pointer (&task));
}

static gboolean
tend_mastodon_executor_run_finish (TendActionExecutor  *executor,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
tend_mastodon_executor_iface_init (TendActionExecutorInterface *iface)
{
  iface->can_run = tend_mastodon_executor_can_run;
  iface->run_async = tend_mastodon_executor_run_async;
  iface->run_finish = tend_mastodon_executor_run_finish;
}

static void
tend_mastodon_executor_finalize (GObject *object)
{
  TendMastodonExecutor *self = (TendMastodonExecutor *)object;

  g_clear_object (&self->client);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tend_mastodon_executor_parent_class)->finalize (object);
}

static void
tend_mastodon_executor_class_init (TendMastodonExecutorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tend_mastodon_executor_finalize;
}

static void
tend_mastodon_executor_init (TendMastodonExecutor *self)
{
}

/**
 * tend_mastodon_executor_new:
 * @client: a client with the account's token (tend_mastodon_open_async())
 * @source_id: the account's source in @store
 *
 * Returns: (transfer full): the account's actions, to run through
 *   tend_action_executor_run_async()
 */
TendMastodonExecutor *
tend_mastodon_executor_new (TendMastodonClient *client,
                            TendStore          *store,
                            gint64              source_id)
{
  TendMastodonExecutor *self;

  g_return_val_if_fail (TEND_IS_MASTODON_CLIENT (client), NULL);
  g_return_val_if_fail (TEND_IS_STORE (store), NULL);

  self = g_object_new (TEND_TYPE_MASTODON_EXECUTOR, NULL);
  self->client = g_object_ref (client);
  self->store = g_object_ref (store);
  self->source_id = source_id;
  return self;
}
