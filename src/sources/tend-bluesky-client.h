/* tend-bluesky-client.h: XRPC calls to a Bluesky server, for one account
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "tend-enums.h"
#include "tend-secret-store.h"
#include "tend-web-client.h"

G_BEGIN_DECLS

#define TEND_BLUESKY_DEFAULT_SERVICE "https://bsky.social"
/* The most items XRPC lists give per page; more is a 400. */
#define TEND_BLUESKY_PAGE 100

#define TEND_BLUESKY_ERROR (tend_bluesky_error_quark ())

typedef enum {
  TEND_BLUESKY_ERROR_SIGN_IN,        /* handle or app password refused */
  TEND_BLUESKY_ERROR_SIGN_IN_AGAIN,  /* the session ended and could not be renewed */
  TEND_BLUESKY_ERROR_NOT_CONNECTED,
  TEND_BLUESKY_ERROR_UNSUPPORTED,
} TendBlueskyError;

GQuark tend_bluesky_error_quark (void);

/* One account as a profile view describes it, reduced to what Tend keeps. */
typedef struct {
  char             *did;
  char             *handle;
  char             *name;           /* never empty */
  char             *bio;            /* or NULL */
  char             *avatar;
  char             *following;      /* the owner's follow record URI, or NULL */
  TendAccountState  state;
} TendBlueskyProfile;

TendBlueskyProfile *tend_bluesky_profile_parse (JsonNode           *node,
                                                GError            **error);
void                tend_bluesky_profile_free  (TendBlueskyProfile *profile);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendBlueskyProfile, tend_bluesky_profile_free)

char               *tend_bluesky_did_of_uri    (const char         *at_uri);
char               *tend_bluesky_rkey_of_uri   (const char         *at_uri);

#define TEND_TYPE_BLUESKY_CLIENT (tend_bluesky_client_get_type ())

G_DECLARE_FINAL_TYPE (TendBlueskyClient, tend_bluesky_client, TEND, BLUESKY_CLIENT, GObject)

TendBlueskyClient *tend_bluesky_client_new            (const char          *service,
                                                       GError             **error);
TendWebClient     *tend_bluesky_client_get_web_client (TendBlueskyClient   *self);
const char        *tend_bluesky_client_get_base_url   (TendBlueskyClient   *self);
const char        *tend_bluesky_client_get_did        (TendBlueskyClient   *self);
const char        *tend_bluesky_client_get_handle     (TendBlueskyClient   *self);
const char        *tend_bluesky_client_get_access_token  (TendBlueskyClient *self);
const char        *tend_bluesky_client_get_refresh_token (TendBlueskyClient *self);
void               tend_bluesky_client_set_session    (TendBlueskyClient   *self,
                                                       const char          *did,
                                                       const char          *handle,
                                                       const char          *access_token,
                                                       const char          *refresh_token);
void               tend_bluesky_client_keep_tokens_in (TendBlueskyClient   *self,
                                                       TendSecretStore     *secrets,
                                                       const char          *account);

void               tend_bluesky_client_save_tokens_async  (TendBlueskyClient   *self,
                                                           TendSecretStore     *secrets,
                                                           const char          *account,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean           tend_bluesky_client_save_tokens_finish (TendBlueskyClient   *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

void               tend_bluesky_client_create_session_async  (TendBlueskyClient   *self,
                                                              const char          *identifier,
                                                              const char          *password,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
gboolean           tend_bluesky_client_create_session_finish (TendBlueskyClient   *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);

void               tend_bluesky_client_call_async     (TendBlueskyClient   *self,
                                                       const char          *nsid,
                                                       const char          *query,
                                                       JsonNode            *input,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
TendWebReply      *tend_bluesky_client_call_finish    (TendBlueskyClient   *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

G_END_DECLS
