/* tend-live-accounts.c: the network accounts Tend is connected to, on every network
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window and the command line sync and disconnect accounts without
 * knowing their network: each network that can be connected has one
 * entry in the table below, with its way to open a client (its secret
 * from the keyring), to sync, and to disconnect.
 */
#define G_LOG_DOMAIN "tend-live-accounts"

#include "config.h"

#include <glib/gi18n.h>

#include "tend-bluesky-accounts.h"
#include "tend-bluesky-executor.h"
#include "tend-bluesky-sync.h"
#include "tend-live-accounts.h"
#include "tend-mastodon-accounts.h"
#include "tend-mastodon-executor.h"
#include "tend-mastodon-sync.h"

typedef struct {
  TendSourceKind kind;

  void             (*open_async)        (TendStore           *store,
                                         const char          *account,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
  GObject         *(*open_finish)       (GAsyncResult        *result,
                                         GError             **error);
  void             (*sync_async)        (GObject             *client,
                                         TendStore           *store,
                                         const char          *account,
                                         TendSyncProgress    *progress,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
  TendSyncResult  *(*sync_finish)       (GObject             *client,
                                         GAsyncResult        *result,
                                         GError             **error);
  void             (*disconnect_async)  (TendStore           *store,
                                         const char          *account,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
  gboolean         (*disconnect_finish) (GAsyncResult        *result,
                                         GError             **error);
  TendActionExecutor *(*new_executor)   (GObject             *client,
                                         TendStore           *store,
                                         gint64               source_id);
} Network;

static GObject *
mastodon_open_finish (GAsyncResult  *result,
                      GError       **error)
{
  return (GObject *) tend_mastodon_open_finish (result, error);
}

static void
mastodon_sync_async (GObject             *client,
                     TendStore           *store,
                     const char          *account,
                     TendSyncProgress    *progress,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  tend_mastodon_sync_async (TEND_MASTODON_CLIENT (client), store, account, progress,
                            cancellable, callback, user_data);
}

static TendSyncResult *
mastodon_sync_finish (GObject       *client,
                      GAsyncResult  *result,
                      GError       **error)
{
  return tend_mastodon_sync_finish (TEND_MASTODON_CLIENT (client), result, error);
}

static TendActionExecutor *
mastodon_new_executor (GObject   *client,
                       TendStore *store,
                       gint64     source_id)
{
  return TEND_ACTION_EXECUTOR (tend_mastodon_executor_new (TEND_MASTODON_CLIENT (client), store, source_id));
}

static GObject *
bluesky_open_finish (GAsyncResult  *result,
                     GError       **error)
{
  return (GObject *) tend_bluesky_open_finish (result, error);
}

static void
bluesky_sync_async (GObject             *client,
                    TendStore           *store,
                    const char          *account,
                    TendSyncProgress    *progress,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  tend_bluesky_sync_async (TEND_BLUESKY_CLIENT (client), store, account, progress,
                           cancellable, callback, user_data);
}

static TendSyncResult *
bluesky_sync_finish (GObject       *client,
                     GAsyncResult  *result,
                     GError       **error)
{
  return tend_bluesky_sync_finish (TEND_BLUESKY_CLIENT (client), result, error);
}

static TendActionExecutor *
bluesky_new_executor (GObject   *client,
                      TendStore *store,
                      gint64     source_id)
{
  return TEND_ACTION_EXECUTOR (tend_bluesky_executor_new (TEND_BLUESKY_CLIENT (client), store, source_id));
}

static const Network networks[] = {
  {
    TEND_SOURCE_KIND_MASTODON,
    tend_mastodon_open_async, mastodon_open_finish,
    mastodon_sync_async, mastodon_sync_finish,
    tend_mastodon_disconnect_async, tend_mastodon_disconnect_finish,
    mastodon_new_executor,
  },
  {
    TEND_SOURCE_KIND_BLUESKY,
    tend_bluesky_open_async, bluesky_open_finish,
    bluesky_sync_async, bluesky_sync_finish,
    tend_bluesky_disconnect_async, tend_bluesky_disconnect_finish,
    bluesky_new_executor,
  },
};

static const Network *
find_network (TendSourceKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (networks); i++)
    if (networks[i].kind == kind)
      return &networks[i];

  return NULL;
}

/**
 * tend_live_accounts_list:
 *
 * Returns: (transfer full) (element-type TendLiveSource): the connected
 *   accounts of every network, network by network, oldest first; %NULL
 *   with @error set
 */
GPtrArray *
tend_live_accounts_list (TendStore  *store,
                         GError    **error)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) tend_live_source_free);

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (networks); i++)
    {
      g_autoptr(GPtrArray) some = tend_store_list_live_sources (store, networks[i].kind, TRUE, error);

      if (some == NULL)
        return NULL;

      for (guint j = 0; j < some->len; j++)
        g_ptr_array_add (all, g_steal_pointer (&some->pdata[j]));
    }

  return g_steal_pointer (&all);
}

/**
 * tend_live_accounts_mark_sources:
 * @sources: #TendSource items, as tend_store_list_sources() gives them
 *
 * Marks the sources that are connected accounts.
 */
gboolean
tend_live_accounts_mark_sources (TendStore   *store,
                                 GListModel  *sources,
                                 GError     **error)
{
  g_autoptr(GPtrArray) live = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint n_items;

  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_LIST_MODEL (sources), FALSE);

  live = tend_live_accounts_list (store, error);
  if (live == NULL)
    return FALSE;

  for (guint i = 0; i < live->len; i++)
    g_hash_table_add (ids, &((TendLiveSource *) g_ptr_array_index (live, i))->id);

  n_items = g_list_model_get_n_items (sources);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(TendSource) source = g_list_model_get_item (sources, i);
      gint64 id = tend_source_get_id (source);

      tend_source_set_connected (source, g_hash_table_contains (ids, &id));
    }

  return TRUE;
}

typedef struct {
  const Network    *network;
  TendStore        *store;
  TendSyncProgress *progress;
  GObject          *client;
  char             *account;
} SyncJob;

static void
sync_job_free (SyncJob *job)
{
  g_clear_object (&job->store);
  g_clear_object (&job->progress);
  g_clear_object (&job->client);
  g_free (job->account);
  g_free (job);
}

static void
synced (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SyncJob *job = g_task_get_task_data (task);
  GError *error = NULL;
  TendSyncResult *sync_result;

  sync_result = job->network->sync_finish (job->client, result, &error);
  if (sync_result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, sync_result, (GDestroyNotify) tend_sync_result_free);
}

static void
opened (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SyncJob *job = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;

  job->client = job->network->open_finish (result, &error);
  if (job->client == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  job->network->sync_async (job->client, job->store, job->account, job->progress,
                            cancellable, synced, g_steal_pointer (&task));
}

/**
 * tend_live_accounts_sync_async:
 * @source: a connected account, as tend_live_accounts_list() gives it
 * @progress: (nullable): where to report how far the sync is
 *
 * Gets the account's secret from the keyring and syncs it: one
 * transaction, so an error or cancelling leaves the profile as it was.
 */
void
tend_live_accounts_sync_async (TendStore            *store,
                               const TendLiveSource *source,
                               TendSyncProgress     *progress,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  SyncJob *job;

  g_return_if_fail (TEND_IS_STORE (store));
  g_return_if_fail (source != NULL);
  g_return_if_fail (progress == NULL || TEND_IS_SYNC_PROGRESS (progress));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tend_live_accounts_sync_async);

  job = g_new0 (SyncJob, 1);
  job->network = find_network (source->kind);
  job->store = g_object_ref (store);
  job->progress = progress != NULL ? g_object_ref (progress) : NULL;
  job->account = g_strdup (source->account);
  g_task_set_task_data (task, job, (GDestroyNotify) sync_job_free);

  if (job->network == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Tend cannot sync %s accounts yet."),
                               tend_source_kind_get_label (source->kind));
      return;
    }

  job->network->open_async (store, job->account, cancellable, opened, g_steal_pointer (&task));
}

/**
 * tend_live_accounts_sync_finish:
 *
 * Returns: (transfer full): what the sync did, or %NULL with @error set
 */
TendSyncResult *
tend_live_accounts_sync_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
disconnected (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const Network *network = g_task_get_task_data (task);
  GError *error = NULL;

  if (!network->disconnect_finish (result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * tend_live_accounts_disconnect_async:
 * @account: the account as the store has it ("user@host")
 *
 * Revokes Tend's access on the server and removes the secret from the
 * keyring; the account's people and history stay in the profile.
 */
void
tend_live_accounts_disconnect_async (TendStore           *store,
                                     TendSourceKind       kind,
                                     const char          *account,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const Network *network = find_network (kind);

  g_return_if_fail (TEND_IS_STORE (store));
  g_return_if_fail (account != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tend_live_accounts_disconnect_async);
  g_task_set_task_data (task, (gpointer) network, NULL);

  if (network == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Tend cannot disconnect %s accounts."),
                               tend_source_kind_get_label (kind));
      return;
    }

  network->disconnect_async (store, account, cancellable, disconnected, g_steal_pointer (&task));
}

gboolean
tend_live_accounts_disconnect_finish (GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct {
  const Network *network;
  TendStore     *store;
  gint64         source_id;
} ExecutorJob;

static void
executor_job_free (ExecutorJob *job)
{
  g_clear_object (&job->store);
  g_free (job);
}

static void
executor_client_opened (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ExecutorJob *job = g_task_get_task_data (task);
  g_autoptr(GObject) client = NULL;
  GError *error = NULL;

  client = job->network->open_finish (result, &error);
  if (client == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, job->network->new_executor (client, job->store, job->source_id),
                           g_object_unref);
}

/**
 * tend_live_accounts_open_executor_async:
 * @source: a connected account, as tend_live_accounts_list() gives it
 *
 * Opens the account's client with its secret from the keyring, to carry
 * out what the apply engine queues for that source.
 */
void
tend_live_accounts_open_executor_async (TendStore            *store,
                                        const TendLiveSource *source,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  ExecutorJob *job;

  g_return_if_fail (TEND_IS_STORE (store));
  g_return_if_fail (source != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tend_live_accounts_open_executor_async);

  job = g_new0 (ExecutorJob, 1);
  job->network = find_network (source->kind);
  job->store = g_object_ref (store);
  job->source_id = source->id;
  g_task_set_task_data (task, job, (GDestroyNotify) executor_job_free);

  if (job->network == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Tend cannot change %s accounts yet."),
                               tend_source_kind_get_label (source->kind));
      return;
    }

  job->network->open_async (store, source->account, cancellable, executor_client_opened,
                            g_steal_pointer (&task));
}

/**
 * tend_live_accounts_open_executor_finish:
 * @out_source_id: (out): the source the executor acts for
 *
 * Returns: (transfer full): the executor, or %NULL with @error set
 */
TendActionExecutor *
tend_live_accounts_open_executor_finish (GAsyncResult  *result,
                                         gint64        *out_source_id,
                                         GError       **error)
{
  ExecutorJob *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (out_source_id != NULL, NULL);

  job = g_task_get_task_data (G_TASK (result));
  *out_source_id = job->source_id;
  return g_task_propagate_pointer (G_TASK (result), error);
}
