/* tend-bluesky-sync.h: bring a Bluesky account into the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tend-bluesky-client.h"
#include "tend-store.h"
#include "tend-sync-progress.h"
#include "tend-sync-result.h"

G_BEGIN_DECLS

/* Interactions this far back are read. */
#define TEND_BLUESKY_SYNC_DAYS 365

void            tend_bluesky_sync_async  (TendBlueskyClient    *client,
                                          TendStore            *store,
                                          const char           *account,
                                          TendSyncProgress     *progress,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
TendSyncResult *tend_bluesky_sync_finish (TendBlueskyClient    *client,
                                          GAsyncResult         *result,
                                          GError              **error);

G_END_DECLS
