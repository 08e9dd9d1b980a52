/* tend-mastodon-client.h: the Mastodon API, for one account on one server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "tend-enums.h"
#include "tend-web-client.h"

G_BEGIN_DECLS

/* DESIGN.md: what Tend asks of a server, and no more. */
#define TEND_MASTODON_SCOPES \
  "read:accounts read:follows read:notifications read:statuses read:favourites write:follows"
#define TEND_MASTODON_OOB_REDIRECT "urn:ietf:wg:oauth:2.0:oob"

/* Page sizes: the most the API gives per request. */
#define TEND_MASTODON_ACCOUNTS_PAGE      80
#define TEND_MASTODON_NOTIFICATIONS_PAGE 80
#define TEND_MASTODON_STATUSES_PAGE      40

/* One account as a reply describes it, reduced to what Tend keeps. */
typedef struct {
  char             *id;
  char             *acct;           /* always "user@domain" */
  char             *name;           /* plain text, never empty */
  char             *note;           /* plain text, or NULL */
  char             *url;
  char             *avatar;
  gint64            last_status_at; /* Unix seconds; 0 when never */
  TendAccountState  state;
} TendMastodonAccount;

TendMastodonAccount *tend_mastodon_account_parse (JsonNode            *node,
                                                  const char          *server_host,
                                                  GError             **error);
void                 tend_mastodon_account_free  (TendMastodonAccount *account);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendMastodonAccount, tend_mastodon_account_free)

#define TEND_TYPE_MASTODON_CLIENT (tend_mastodon_client_get_type ())

G_DECLARE_FINAL_TYPE (TendMastodonClient, tend_mastodon_client, TEND, MASTODON_CLIENT, GObject)

TendMastodonClient *tend_mastodon_client_new            (const char          *server,
                                                         GError             **error);
TendWebClient      *tend_mastodon_client_get_web_client (TendMastodonClient  *self);
const char         *tend_mastodon_client_get_base_url   (TendMastodonClient  *self);
const char         *tend_mastodon_client_get_host       (TendMastodonClient  *self);
void                tend_mastodon_client_set_token      (TendMastodonClient  *self,
                                                         const char          *token);

void                tend_mastodon_client_register_app_async  (TendMastodonClient  *self,
                                                              const char          *redirect_uris,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
gboolean            tend_mastodon_client_register_app_finish (TendMastodonClient  *self,
                                                              GAsyncResult        *result,
                                                              char               **out_client_id,
                                                              char               **out_client_secret,
                                                              GError             **error);
char               *tend_mastodon_client_build_authorize_url (TendMastodonClient  *self,
                                                              const char          *client_id,
                                                              const char          *redirect_uri,
                                                              const char          *state,
                                                              const char          *code_challenge);
void                tend_mastodon_client_exchange_code_async  (TendMastodonClient  *self,
                                                               const char          *client_id,
                                                               const char          *client_secret,
                                                               const char          *redirect_uri,
                                                               const char          *code,
                                                               const char          *code_verifier,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
char               *tend_mastodon_client_exchange_code_finish (TendMastodonClient  *self,
                                                               GAsyncResult        *result,
                                                               GError             **error);
void                tend_mastodon_client_revoke_async   (TendMastodonClient  *self,
                                                         const char          *client_id,
                                                         const char          *client_secret,
                                                         const char          *token,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean            tend_mastodon_client_revoke_finish  (TendMastodonClient  *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

void                tend_mastodon_client_verify_credentials_async  (TendMastodonClient  *self,
                                                                    GCancellable        *cancellable,
                                                                    GAsyncReadyCallback  callback,
                                                                    gpointer             user_data);
TendMastodonAccount *tend_mastodon_client_verify_credentials_finish (TendMastodonClient *self,
                                                                    GAsyncResult        *result,
                                                                    gint64              *out_followers_count,
                                                                    gint64              *out_following_count,
                                                                    GError             **error);

void                tend_mastodon_client_account_action_async  (TendMastodonClient  *self,
                                                                const char          *account_id,
                                                                const char          *action,
                                                                GCancellable        *cancellable,
                                                                GAsyncReadyCallback  callback,
                                                                gpointer             user_data);
gboolean            tend_mastodon_client_account_action_finish (TendMastodonClient  *self,
                                                                GAsyncResult        *result,
                                                                GError             **error);

G_END_DECLS
