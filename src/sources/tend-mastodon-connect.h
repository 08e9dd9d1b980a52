/* tend-mastodon-connect.h: connect a Mastodon account with OAuth
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tend-mastodon-client.h"
#include "tend-store.h"

G_BEGIN_DECLS

#define TEND_MASTODON_ERROR (tend_mastodon_error_quark ())

typedef enum {
  TEND_MASTODON_ERROR_DENIED,
  TEND_MASTODON_ERROR_BAD_CODE,
  TEND_MASTODON_ERROR_NOT_CONNECTED,
  TEND_MASTODON_ERROR_OTHER_ACCOUNT,
} TendMastodonError;

GQuark tend_mastodon_error_quark (void);

#define TEND_TYPE_MASTODON_CONNECT (tend_mastodon_connect_get_type ())

G_DECLARE_FINAL_TYPE (TendMastodonConnect, tend_mastodon_connect, TEND, MASTODON_CONNECT, GObject)

TendMastodonConnect *tend_mastodon_connect_new                (TendStore            *store,
                                                               const char           *server,
                                                               GError              **error);
TendMastodonClient  *tend_mastodon_connect_get_client         (TendMastodonConnect  *self);

void                 tend_mastodon_connect_begin_async        (TendMastodonConnect  *self,
                                                               GCancellable         *cancellable,
                                                               GAsyncReadyCallback   callback,
                                                               gpointer              user_data);
gboolean             tend_mastodon_connect_begin_finish       (TendMastodonConnect  *self,
                                                               GAsyncResult         *result,
                                                               GError              **error);
const char          *tend_mastodon_connect_get_authorize_url  (TendMastodonConnect  *self);
const char          *tend_mastodon_connect_get_manual_url     (TendMastodonConnect  *self);

void                 tend_mastodon_connect_wait_async         (TendMastodonConnect  *self,
                                                               GCancellable         *cancellable,
                                                               GAsyncReadyCallback   callback,
                                                               gpointer              user_data);
char                *tend_mastodon_connect_wait_finish        (TendMastodonConnect  *self,
                                                               GAsyncResult         *result,
                                                               GError              **error);
void                 tend_mastodon_connect_submit_code        (TendMastodonConnect  *self,
                                                               const char           *code);

G_END_DECLS
