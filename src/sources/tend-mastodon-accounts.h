/* tend-mastodon-accounts.h: the Mastodon accounts Tend is connected to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tend-mastodon-client.h"
#include "tend-store.h"

G_BEGIN_DECLS

GPtrArray          *tend_mastodon_list_accounts      (TendStore            *store,
                                                      GError              **error);

void                tend_mastodon_open_async         (TendStore            *store,
                                                      const char           *account,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
TendMastodonClient *tend_mastodon_open_finish        (GAsyncResult         *result,
                                                      GError              **error);

void                tend_mastodon_disconnect_async   (TendStore            *store,
                                                      const char           *account,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean            tend_mastodon_disconnect_finish  (GAsyncResult         *result,
                                                      GError              **error);

G_END_DECLS
