/* tend-action-executor.c: carries out a decision on one network
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each live source implements this for the actions its API offers. The
 * wrapper, not the implementations, keeps the journal: "unfollow-requested"
 * before the request leaves, then "unfollow" with the relation it left, or
 * "unfollow-failed" with the reason. So whoever calls it (the apply engine,
 * History's restore, the command line) leaves the same trail.
 */
#define G_LOG_DOMAIN "tend-action-executor"

#include "config.h"

#include <glib/gi18n.h>

#include "tend-action-executor.h"

G_DEFINE_INTERFACE (TendActionExecutor, tend_action_executor, G_TYPE_OBJECT)

typedef struct {
  TendStore      *store;
  TendActionKind  kind;
  gint64          connection_id;
} RunData;

static void
run_data_free (RunData *data)
{
  g_clear_object (&data->store);
  g_free (data);
}

static void
tend_action_executor_default_init (TendActionExecutorInterface *iface)
{
}

gboolean
tend_action_executor_can_run (TendActionExecutor *self,
                              TendActionKind      kind)
{
  g_return_val_if_fail (TEND_IS_ACTION_EXECUTOR (self), FALSE);
  return TEND_ACTION_EXECUTOR_GET_IFACE (self)->can_run (self, kind);
}

static void
run_done (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  TendActionExecutor *self = TEND_ACTION_EXECUTOR (object);
  g_autoptr(GTask) task = user_data;
  RunData *data = g_task_get_task_data (task);
  g_autoptr(GError) failure = NULL;
  g_autoptr(GError) error = NULL;

  TEND_ACTION_EXECUTOR_GET_IFACE (self)->run_finish (self, result, &failure);

  /* A cancelled request may or may not have reached the server; the
   * "requested" entry already says so, and the next sync tells. */
  if (!tend_store_record_action_result (data->store, data->connection_id, data->kind,
                                        failure, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (failure != NULL)
    g_task_return_error (task, g_steal_pointer (&failure));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * tend_action_executor_run_async:
 * @store: the profile whose journal and follow states record the action
 *
 * Asks the network to carry out @kind for @connection_id, journaled
 * before and after. An action this network does not offer fails with
 * %G_IO_ERROR_NOT_SUPPORTED before anything is written.
 */
void
tend_action_executor_run_async (TendActionExecutor  *self,
                                TendStore           *store,
                                TendActionKind       kind,
                                gint64               connection_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  RunData *data;

  g_return_if_fail (TEND_IS_ACTION_EXECUTOR (self));
  g_return_if_fail (TEND_IS_STORE (store));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tend_action_executor_run_async);

  if (!tend_action_executor_can_run (self, kind))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("This network offers no way to do that. Do it on the network’s website instead."));
      return;
    }

  if (!tend_store_journal_action_requested (store, connection_id, kind, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (RunData, 1);
  data->store = g_object_ref (store);
  data->kind = kind;
  data->connection_id = connection_id;
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);

  TEND_ACTION_EXECUTOR_GET_IFACE (self)->run_async (self, kind, connection_id, cancellable,
                                                    run_done, g_steal_pointer (&task));
}

gboolean
tend_action_executor_run_finish (TendActionExecutor  *self,
                                 GAsyncResult        *result,
                                 GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
