/* tend-action-executor.h: carries out a decision on one network
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tend-enums.h"
#include "tend-store.h"

G_BEGIN_DECLS

#define TEND_TYPE_ACTION_EXECUTOR (tend_action_executor_get_type ())

G_DECLARE_INTERFACE (TendActionExecutor, tend_action_executor, TEND, ACTION_EXECUTOR, GObject)

struct _TendActionExecutorInterface
{
  GTypeInterface parent_iface;

  gboolean (*can_run)    (TendActionExecutor   *self,
                          TendActionKind        kind);
  void     (*run_async)  (TendActionExecutor   *self,
                          TendActionKind        kind,
                          gint64                connection_id,
                          GCancellable         *cancellable,
                          GAsyncReadyCallback   callback,
                          gpointer              user_data);
  gboolean (*run_finish) (TendActionExecutor   *self,
                          GAsyncResult         *result,
                          GError              **error);
};

gboolean tend_action_executor_can_run    (TendActionExecutor   *self,
                                          TendActionKind        kind);
void     tend_action_executor_run_async  (TendActionExecutor   *self,
                                          TendStore            *store,
                                          TendActionKind        kind,
                                          gint64                connection_id,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gboolean tend_action_executor_run_finish (TendActionExecutor   *self,
                                          GAsyncResult         *result,
                                          GError              **error);

G_END_DECLS
