/* tend-live-accounts.h: the network accounts Tend is connected to, on every network
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tend-action-executor.h"
#include "tend-store.h"
#include "tend-sync-progress.h"
#include "tend-sync-result.h"

G_BEGIN_DECLS

GPtrArray      *tend_live_accounts_list          (TendStore            *store,
                                                  GError              **error);
gboolean        tend_live_accounts_mark_sources  (TendStore            *store,
                                                  GListModel           *sources,
                                                  GError              **error);

void            tend_live_accounts_sync_async    (TendStore            *store,
                                                  const TendLiveSource *source,
                                                  TendSyncProgress     *progress,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
TendSyncResult *tend_live_accounts_sync_finish   (GAsyncResult         *result,
                                                  GError              **error);

void            tend_live_accounts_disconnect_async  (TendStore            *store,
                                                      TendSourceKind        kind,
                                                      const char           *account,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean        tend_live_accounts_disconnect_finish (GAsyncResult         *result,
                                                      GError              **error);

void                tend_live_accounts_open_executor_async  (TendStore            *store,
                                                             const TendLiveSource *source,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
TendActionExecutor *tend_live_accounts_open_executor_finish (GAsyncResult         *result,
                                                             gint64               *out_source_id,
                                                             GError              **error);

G_END_DECLS
