/* tend-bluesky-accounts.h: connect, open and disconnect Bluesky accounts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tend-bluesky-client.h"
#include "tend-store.h"

G_BEGIN_DECLS

GPtrArray         *tend_bluesky_list_accounts     (TendStore            *store,
                                                   GError              **error);

void               tend_bluesky_connect_async     (TendStore            *store,
                                                   const char           *handle,
                                                   const char           *app_password,
                                                   const char           *service,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
char              *tend_bluesky_connect_finish    (GAsyncResult         *result,
                                                   gint64               *out_source_id,
                                                   GError              **error);

void               tend_bluesky_open_async        (TendStore            *store,
                                                   const char           *account,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
TendBlueskyClient *tend_bluesky_open_finish       (GAsyncResult         *result,
                                                   GError              **error);

void               tend_bluesky_disconnect_async  (TendStore            *store,
                                                   const char           *account,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean           tend_bluesky_disconnect_finish (GAsyncResult         *result,
                                                   GError              **error);

G_END_DECLS
