/* tend-mastodon-sync.h: bring a Mastodon account into the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tend-mastodon-client.h"
#include "tend-store.h"
#include "tend-sync-progress.h"
#include "tend-sync-result.h"

G_BEGIN_DECLS

/* Interactions this far back are read. */
#define TEND_MASTODON_SYNC_DAYS 365

void            tend_mastodon_sync_async  (TendMastodonClient   *client,
                                           TendStore            *store,
                                           const char           *account,
                                           TendSyncProgress     *progress,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
TendSyncResult *tend_mastodon_sync_finish (TendMastodonClient   *client,
                                           GAsyncResult         *result,
                                           GError              **error);

G_END_DECLS
