/* tend-bluesky-client.c: XRPC calls to a Bluesky server, for one account
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every call, app.bsky.* included, goes to the account's server (PDS),
 * which forwards what it does not serve itself. A session is an access
 * token, good for about two hours, and a refresh token, good for about
 * ninety days. When a call is refused for its token (a 401, or a 400
 * saying "ExpiredToken" or "InvalidToken") the session is refreshed
 * once, the new tokens are kept in the keyring, and the call is sent
 * again; only when the refresh fails too must the person sign in again.
 * Paging through lists is the sync's business (tend-bluesky-sync.c).
 */
#define G_LOG_DOMAIN "tend-bluesky-client"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tend-bluesky-client.h"
#include "tend-json-check.h"

struct _TendBlueskyClient
{
  GObject parent_instance;

  /* owned */
  TendWebClient   *web;
  TendSecretStore *secrets;
  char            *account;
  char            *did;
  char            *handle;
  char            *access;
  char            *refresh;
};

G_DEFINE_FINAL_TYPE (TendBlueskyClient, tend_bluesky_client, G_TYPE_OBJECT)

G_DEFINE_QUARK (tend-bluesky-error-quark, tend_bluesky_error)

static const TendRateLimitHeaders bluesky_rate_limit = {
  "ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", TEND_RATE_RESET_UNIX_SECONDS,
};

void
tend_bluesky_profile_free (TendBlueskyProfile *profile)
{
  if (profile == NULL)
    return;

  g_free (profile->did);
  g_free (profile->handle);
  g_free (profile->name);
  g_free (profile->bio);
  g_free (profile->avatar);
  g_free (profile->following);
  g_free (profile);
}

static gboolean
invalid (GError     **error,
         const char  *member,
         const char  *what)
{
  g_set_error (error, TEND_JSON_CHECK_ERROR, TEND_JSON_CHECK_ERROR_INVALID,
               _("“%s” is not %s"), member, what);
  return FALSE;
}

static gboolean
is_did (const char *text)
{
  return g_str_has_prefix (text, "did:") && strlen (text) <= 2048 &&
         strpbrk (text, "/?# ") == NULL;
}

/* Text as a person sees it: valid UTF-8, no surrounding space, or NULL. */
static char *
dup_text (const char *text)
{
  g_autofree char *valid = NULL;

  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, -1);
  g_strstrip (valid);
  return valid[0] != '\0' ? g_steal_pointer (&valid) : NULL;
}

/**
 * tend_bluesky_profile_parse:
 *
 * Reads an app.bsky.actor.defs#profileView (or its basic and detailed
 * forms).
 *
 * Returns: (transfer full): the profile, or %NULL with @error set when
 *   a member is missing or of the wrong type
 */
TendBlueskyProfile *
tend_bluesky_profile_parse (JsonNode  *node,
                            GError   **error)
{
  g_autoptr(TendBlueskyProfile) profile = g_new0 (TendBlueskyProfile, 1);
  JsonObject *object, *viewer;
  const char *did, *handle, *display_name, *description, *avatar;
  const char *following = NULL;

  if (!tend_json_check_object (node, _("a profile"), &object, error) ||
      !tend_json_get_string (object, "did", TRUE, &did, error) ||
      !tend_json_get_string (object, "handle", TRUE, &handle, error) ||
      !tend_json_get_string (object, "displayName", FALSE, &display_name, error) ||
      !tend_json_get_string (object, "description", FALSE, &description, error) ||
      !tend_json_get_string (object, "avatar", FALSE, &avatar, error) ||
      !tend_json_get_object (object, "viewer", FALSE, &viewer, error))
    return NULL;

  if (viewer != NULL && !tend_json_get_string (viewer, "following", FALSE, &following, error))
    return NULL;

  if (!is_did (did))
    {
      invalid (error, "did", _("an account identifier"));
      return NULL;
    }
  if (handle[0] == '\0' || g_utf8_strlen (handle, -1) > 253 || strpbrk (handle, "/@ ") != NULL)
    {
      invalid (error, "handle", _("an account name"));
      return NULL;
    }
  if (following != NULL && !g_str_has_prefix (following, "at://"))
    {
      invalid (error, "following", _("a record address"));
      return NULL;
    }

  profile->did = g_strdup (did);
  profile->handle = g_utf8_strdown (handle, -1);
  profile->name = dup_text (display_name);
  if (profile->name == NULL)
    profile->name = g_strdup (profile->handle);
  profile->bio = dup_text (description);
  if (avatar != NULL && g_str_has_prefix (avatar, "https://"))
    profile->avatar = g_strdup (avatar);
  profile->following = g_strdup (following);
  /* Lists leave out accounts that are deactivated, suspended or gone. */
  profile->state = TEND_ACCOUNT_STATE_ACTIVE;

  return g_steal_pointer (&profile);
}

/* "at://DID/collection/rkey" → the part at @index (0: DID, 2: rkey). */
static char *
uri_part (const char *at_uri,
          guint       index)
{
  g_auto(GStrv) parts = NULL;

  if (at_uri == NULL || !g_str_has_prefix (at_uri, "at://"))
    return NULL;

  parts = g_strsplit (at_uri + strlen ("at://"), "/", 4);
  if (g_strv_length (parts) != 3 || parts[index][0] == '\0')
    return NULL;
  if (index == 0 && !is_did (parts[0]))
    return NULL;

  return g_strdup (parts[index]);
}

/**
 * tend_bluesky_did_of_uri:
 *
 * Returns: (transfer full) (nullable): whose repository an at:// record
 *   address is in, or %NULL when it is no record address
 */
char *
tend_bluesky_did_of_uri (const char *at_uri)
{
  return uri_part (at_uri, 0);
}

/**
 * tend_bluesky_rkey_of_uri:
 *
 * Returns: (transfer full) (nullable): the record's key: the last part
 */
char *
tend_bluesky_rkey_of_uri (const char *at_uri)
{
  return uri_part (at_uri, 2);
}

static void
clear_secret (char **secret)
{
  if (*secret != NULL)
    memset (*secret, 0, strlen (*secret));
  g_clear_pointer (secret, g_free);
}

static void
tend_bluesky_client_finalize (GObject *object)
{
  TendBlueskyClient *self = (TendBlueskyClient *)object;

  g_clear_object (&self->web);
  g_clear_object (&self->secrets);
  g_free (self->account);
  g_free (self->did);
  g_free (self->handle);
  clear_secret (&self->access);
  clear_secret (&self->refresh);

  G_OBJECT_CLASS (tend_bluesky_client_parent_class)->finalize (object);
}

static void
tend_bluesky_client_class_init (TendBlueskyClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tend_bluesky_client_finalize;
}

static void
tend_bluesky_client_init (TendBlueskyClient *self)
{
}

/**
 * tend_bluesky_client_new:
 * @service: (nullable): the account's server, "https://bsky.social" when
 *   %NULL; plain http:// only to this machine
 *
 * Returns: (transfer full): a client without a session, or %NULL with
 *   @error set
 */
TendBlueskyClient *
tend_bluesky_client_new (const char  *service,
                         GError     **error)
{
  g_autoptr(TendBlueskyClient) self = g_object_new (TEND_TYPE_BLUESKY_CLIENT, NULL);

  self->web = tend_web_client_new (service != NULL ? service : TEND_BLUESKY_DEFAULT_SERVICE, error);
  if (self->web == NULL)
    return NULL;

  tend_web_client_set_rate_limit_headers (self->web, &bluesky_rate_limit);
  tend_web_client_map_error (self->web, "ExpiredToken", TEND_WEB_ERROR_UNAUTHORIZED);
  tend_web_client_map_error (self->web, "InvalidToken", TEND_WEB_ERROR_UNAUTHORIZED);
  tend_web_client_map_error (self->web, "RecordNotFound", TEND_WEB_ERROR_NOT_FOUND);
  return g_steal_pointer (&self);
}

/**
 * tend_bluesky_client_get_web_client:
 *
 * Returns: (transfer none): the connection, for its clock, its waits
 *   and its request count
 */
TendWebClient *
tend_bluesky_client_get_web_client (TendBlueskyClient *self)
{
  g_return_val_if_fail (TEND_IS_BLUESKY_CLIENT (self), NULL);
  return self->web;
}

const char *
tend_bluesky_client_get_base_url (TendBlueskyClient *self)
{
  g_return_val_if_fail (TEND_IS_BLUESKY_CLIENT (self), NULL);
  return tend_web_client_get_base_url (self->web);
}

const char *
tend_bluesky_client_get_did (TendBlueskyClient *self)
{
  g_return_val_if_fail (TEND_IS_BLUESKY_CLIENT (self), NULL);
  return self->did;
}

const char *
tend_bluesky_client_get_handle (TendBlueskyClient *self)
{
  g_return_val_if_fail (TEND_IS_BLUESKY_CLIENT (self), NULL);
  return self->handle;
}

const char *
tend_bluesky_client_get_access_token (TendBlueskyClient *self)
{
  g_return_val_if_fail (TEND_IS_BLUESKY_CLIENT (self), NULL);
  return self->access;
}

const char *
tend_bluesky_client_get_refresh_token (TendBlueskyClient *self)
{
  g_return_val_if_fail (TEND_IS_BLUESKY_CLIENT (self), NULL);
  return self->refresh;
}

/**
 * tend_bluesky_client_set_session:
 * @did: (nullable): the account's DID
 * @handle: (nullable): its handle
 *
 * Uses the tokens for the calls that follow.
 */
void
tend_bluesky_client_set_session (TendBlueskyClient *self,
                                 const char        *did,
                                 const char        *handle,
                                 const char        *access_token,
                                 const char        *refresh_token)
{
  g_return_if_fail (TEND_IS_BLUESKY_CLIENT (self));

  if (did != NULL && did != self->did)
    {
      g_free (self->did);
      self->did = g_strdup (did);
    }
  if (handle != NULL)
    {
      g_free (self->handle);
      self->handle = g_utf8_strdown (handle, -1);
    }
  clear_secret (&self->access);
  clear_secret (&self->refresh);
  self->access = g_strdup (access_token);
  self->refresh = g_strdup (refresh_token);
  tend_web_client_set_bearer_token (self->web, access_token);
}

/**
 * tend_bluesky_client_keep_tokens_in:
 * @account: the key the account's tokens are stored under
 *
 * Tokens a refresh brings are stored in @secrets before the call that
 * needed them is sent again.
 */
void
tend_bluesky_client_keep_tokens_in (TendBlueskyClient *self,
                                    TendSecretStore   *secrets,
                                    const char        *account)
{
  g_return_if_fail (TEND_IS_BLUESKY_CLIENT (self));
  g_return_if_fail (TEND_IS_SECRET_STORE (secrets));

  g_set_object (&self->secrets, secrets);
  g_free (self->account);
  self->account = g_strdup (account);
}

/* Reads a session from createSession's or refreshSession's reply. */
static gboolean
read_session (TendBlueskyClient  *self,
              TendWebReply       *reply,
              GError            **error)
{
  JsonObject *object;
  const char *access, *refresh, *did, *handle;

  if (!tend_json_check_object (reply->root, _("a session"), &object, error) ||
      !tend_json_get_string (object, "accessJwt", TRUE, &access, error) ||
      !tend_json_get_string (object, "refreshJwt", TRUE, &refresh, error) ||
      !tend_json_get_string (object, "did", TRUE, &did, error) ||
      !tend_json_get_string (object, "handle", TRUE, &handle, error))
    return tend_web_client_fail_bad_reply (self->web, error);

  if (!is_did (did))
    {
      invalid (error, "did", _("an account identifier"));
      return tend_web_client_fail_bad_reply (self->web, error);
    }

  /* A refresh must not turn the session into someone else's. */
  if (self->did != NULL && !g_str_equal (self->did, did))
    {
      g_set_error (error, TEND_BLUESKY_ERROR, TEND_BLUESKY_ERROR_SIGN_IN_AGAIN,
                   _("%s answered for another account. Connect the account again."),
                   tend_web_client_get_server_name (self->web));
      return FALSE;
    }

  tend_bluesky_client_set_session (self, did, handle, access, refresh);
  return TRUE;
}

static void
session_created (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TendBlueskyClient *self = g_task_get_source_object (task);
  g_autoptr(TendWebReply) reply = NULL;
  GError *error = NULL;

  reply = tend_web_client_request_finish (TEND_WEB_CLIENT (object), result, &error);
  if (reply == NULL)
    {
      if (g_error_matches (error, TEND_WEB_ERROR, TEND_WEB_ERROR_UNAUTHORIZED))
        {
          g_clear_error (&error);
          error = g_error_new (TEND_BLUESKY_ERROR, TEND_BLUESKY_ERROR_SIGN_IN,
                               _("%s did not accept this handle and app password. Check the "
                                 "handle, and use an app password made for Tend in Bluesky’s "
                                 "Settings → Privacy and security → App passwords, not your "
                                 "main password."),
                               tend_web_client_get_server_name (self->web));
        }
      g_task_return_error (task, error);
      return;
    }

  if (!read_session (self, reply, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * tend_bluesky_client_create_session_async:
 * @identifier: the handle (or the DID, or the e-mail address)
 * @password: an app password
 *
 * Signs in; the client then calls with the new session.
 */
void
tend_bluesky_client_create_session_async (TendBlueskyClient   *self,
                                          const char          *identifier,
                                          const char          *password,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) input = NULL;
  GTask *task;

  g_return_if_fail (TEND_IS_BLUESKY_CLIENT (self));
  g_return_if_fail (identifier != NULL && password != NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "identifier");
  json_builder_add_string_value (builder, identifier);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_end_object (builder);
  input = json_builder_get_root (builder);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tend_bluesky_client_create_session_async);

  g_clear_pointer (&self->did, g_free);
  tend_web_client_set_bearer_token (self->web, NULL);
  tend_web_client_request_json_async (self->web, "POST", "/xrpc/com.atproto.server.createSession",
                                      input, cancellable, session_created, task);
}

gboolean
tend_bluesky_client_create_session_finish (TendBlueskyClient  *self,
                                           GAsyncResult       *result,
                                           GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* One call, sent again once after a refresh. */
typedef struct {
  char     *path;
  JsonNode *input;
  gboolean  refreshed;
} Call;

static void
call_free (Call *call)
{
  g_free (call->path);
  g_clear_pointer (&call->input, json_node_unref);
  g_free (call);
}

static void call_done (GObject *object, GAsyncResult *result, gpointer user_data);

static void
send_call (GTask *task)
{
  TendBlueskyClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);

  if (call->input != NULL)
    tend_web_client_request_json_async (self->web, "POST", call->path, call->input,
                                        g_task_get_cancellable (task), call_done, task);
  else
    tend_web_client_request_async (self->web, "GET", call->path, NULL,
                                   g_task_get_cancellable (task), call_done, task);
}

static void
sign_in_again (GTask        *task,
               const GError *cause)
{
  TendBlueskyClient *self = g_task_get_source_object (task);

  g_task_return_new_error (task, TEND_BLUESKY_ERROR, TEND_BLUESKY_ERROR_SIGN_IN_AGAIN,
                           _("%s ended Tend’s session with @%s (%s). Connect the account "
                             "again with an app password."),
                           tend_web_client_get_server_name (self->web),
                           self->handle != NULL ? self->handle : "?",
                           cause != NULL ? cause->message : _("no session"));
}

static void
refresh_token_stored (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!tend_secret_store_store_finish (TEND_SECRET_STORE (object), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
access_token_stored (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TendBlueskyClient *self = g_task_get_source_object (task);
  const char *account = g_task_get_task_data (task);
  GError *error = NULL;

  if (!tend_secret_store_store_finish (TEND_SECRET_STORE (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  tend_secret_store_store_async (TEND_SECRET_STORE (object), TEND_SECRET_KIND_REFRESH_TOKEN,
                                 tend_web_client_get_base_url (self->web), account,
                                 self->refresh, g_task_get_cancellable (task),
                                 refresh_token_stored, g_object_ref (task));
}

/**
 * tend_bluesky_client_save_tokens_async:
 * @account: the key to store them under
 *
 * Stores the session's access and refresh tokens in @secrets.
 */
void
tend_bluesky_client_save_tokens_async (TendBlueskyClient   *self,
                                       TendSecretStore     *secrets,
                                       const char          *account,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (TEND_IS_BLUESKY_CLIENT (self));
  g_return_if_fail (TEND_IS_SECRET_STORE (secrets));
  g_return_if_fail (account != NULL && self->access != NULL && self->refresh != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tend_bluesky_client_save_tokens_async);
  g_task_set_task_data (task, g_strdup (account), g_free);
  tend_secret_store_store_async (secrets, TEND_SECRET_KIND_ACCESS_TOKEN,
                                 tend_web_client_get_base_url (self->web), account,
                                 self->access, cancellable, access_token_stored, task);
}

gboolean
tend_bluesky_client_save_tokens_finish (TendBlueskyClient  *self,
                                        GAsyncResult       *result,
                                        GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
tokens_saved (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!tend_bluesky_client_save_tokens_finish (TEND_BLUESKY_CLIENT (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  send_call (g_steal_pointer (&task));
}

static void
refreshed (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TendBlueskyClient *self = g_task_get_source_object (task);
  g_autoptr(TendWebReply) reply = NULL;
  GError *error = NULL;

  reply = tend_web_client_request_finish (TEND_WEB_CLIENT (object), result, &error);
  if (reply == NULL)
    {
      /* Only a refusal ends the session; a network error may pass. */
      tend_web_client_set_bearer_token (self->web, self->access);
      if (g_error_matches (error, TEND_WEB_ERROR, TEND_WEB_ERROR_UNAUTHORIZED) ||
          g_error_matches (error, TEND_WEB_ERROR, TEND_WEB_ERROR_REFUSED))
        sign_in_again (task, error);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      g_clear_error (&error);
      return;
    }

  if (!read_session (self, reply, &error))
    {
      tend_web_client_set_bearer_token (self->web, self->access);
      g_task_return_error (task, error);
      return;
    }

  g_debug ("Renewed the session of %s", self->did);
  if (self->secrets == NULL)
    {
      send_call (g_steal_pointer (&task));
      return;
    }

  tend_bluesky_client_save_tokens_async (self, self->secrets, self->account,
                                         g_task_get_cancellable (task), tokens_saved,
                                         g_object_ref (task));
}

static void
call_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TendBlueskyClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  GError *error = NULL;
  TendWebReply *reply;

  reply = tend_web_client_request_finish (TEND_WEB_CLIENT (object), result, &error);
  if (reply != NULL)
    {
      g_task_return_pointer (task, reply, (GDestroyNotify) tend_web_reply_free);
      return;
    }

  if (!g_error_matches (error, TEND_WEB_ERROR, TEND_WEB_ERROR_UNAUTHORIZED))
    {
      g_task_return_error (task, error);
      return;
    }

  if (call->refreshed || self->refresh == NULL)
    {
      sign_in_again (task, error);
      g_error_free (error);
      return;
    }

  g_error_free (error);
  call->refreshed = TRUE;
  /* refreshSession takes the refresh token where the access token goes. */
  tend_web_client_set_bearer_token (self->web, self->refresh);
  tend_web_client_request_async (self->web, "POST", "/xrpc/com.atproto.server.refreshSession",
                                 NULL, g_task_get_cancellable (task), refreshed,
                                 g_object_ref (task));
}

/**
 * tend_bluesky_client_call_async:
 * @nsid: the method, e.g. "app.bsky.graph.getFollows"
 * @query: (nullable): its parameters, URL-encoded ("actor=…&limit=100")
 * @input: (nullable): a procedure's JSON input; the call is a POST when
 *   given, a GET otherwise
 *
 * Calls one XRPC method with the session, renewing it once if needed.
 */
void
tend_bluesky_client_call_async (TendBlueskyClient   *self,
                                const char          *nsid,
                                const char          *query,
                                JsonNode            *input,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  Call *call;

  g_return_if_fail (TEND_IS_BLUESKY_CLIENT (self));
  g_return_if_fail (nsid != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tend_bluesky_client_call_async);

  call = g_new0 (Call, 1);
  call->path = g_strconcat ("/xrpc/", nsid, query != NULL ? "?" : NULL, query, NULL);
  call->input = input != NULL ? json_node_ref (input) : NULL;
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);

  send_call (task);
}

/**
 * tend_bluesky_client_call_finish:
 *
 * Returns: (transfer full): the reply, or %NULL with @error set
 */
TendWebReply *
tend_bluesky_client_call_finish (TendBlueskyClient  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
