/* tend-secret-store.h: sign-in secrets in the desktop keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TEND_SECRET_STORE_ERROR (tend_secret_store_error_quark ())

typedef enum {
  /* No Secret Service could be reached: nothing was stored anywhere. */
  TEND_SECRET_STORE_ERROR_UNAVAILABLE,
  /* The keyring is there but stayed locked. */
  TEND_SECRET_STORE_ERROR_LOCKED,
  /* The keyring refused for another reason. */
  TEND_SECRET_STORE_ERROR_FAILED,
} TendSecretStoreError;

/* What a secret is; each kind is one entry per server (and account). */
typedef enum {
  TEND_SECRET_KIND_ACCESS_TOKEN,   /* OAuth access token; per server and account */
  TEND_SECRET_KIND_CLIENT_SECRET,  /* OAuth client secret of the app registered on a server */
  TEND_SECRET_KIND_REFRESH_TOKEN,  /* per server and account */
  TEND_SECRET_KIND_APP_PASSWORD,   /* per server and account */
} TendSecretKind;

#define TEND_TYPE_SECRET_STORE (tend_secret_store_get_type ())
G_DECLARE_FINAL_TYPE (TendSecretStore, tend_secret_store, TEND, SECRET_STORE, GObject)

GQuark           tend_secret_store_error_quark  (void);

TendSecretStore *tend_secret_store_new          (void);

/* @server: e.g. "https://mastodon.social"; @account: the account's id on
 * that server, or NULL for secrets of the server alone (client secrets).
 * Storing again under the same kind, server and account replaces the
 * secret. */
void             tend_secret_store_store_async  (TendSecretStore      *self,
                                                 TendSecretKind        kind,
                                                 const char           *server,
                                                 const char           *account,
                                                 const char           *secret,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean         tend_secret_store_store_finish (TendSecretStore      *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
gboolean         tend_secret_store_store_sync   (TendSecretStore      *self,
                                                 TendSecretKind        kind,
                                                 const char           *server,
                                                 const char           *account,
                                                 const char           *secret,
                                                 GCancellable         *cancellable,
                                                 GError              **error);

/* The secret (free with g_free), or NULL: with @error set when the keyring
 * failed, without when nothing is stored. */
void             tend_secret_store_lookup_async  (TendSecretStore     *self,
                                                  TendSecretKind       kind,
                                                  const char          *server,
                                                  const char          *account,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
char            *tend_secret_store_lookup_finish (TendSecretStore     *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
char            *tend_secret_store_lookup_sync   (TendSecretStore     *self,
                                                  TendSecretKind       kind,
                                                  const char          *server,
                                                  const char          *account,
                                                  GCancellable        *cancellable,
                                                  GError             **error);

/* Removes the secret; TRUE also when there was none. */
void             tend_secret_store_clear_async  (TendSecretStore      *self,
                                                 TendSecretKind        kind,
                                                 const char           *server,
                                                 const char           *account,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean         tend_secret_store_clear_finish (TendSecretStore      *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
gboolean         tend_secret_store_clear_sync   (TendSecretStore      *self,
                                                 TendSecretKind        kind,
                                                 const char           *server,
                                                 const char           *account,
                                                 GCancellable         *cancellable,
                                                 GError              **error);

G_END_DECLS
