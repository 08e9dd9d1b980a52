/* tend-mastodon-client.c: the Mastodon API, for one account on one server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The calls Tend makes, over one TendWebClient that knows Mastodon's
 * X-RateLimit-* headers: registering the app, OAuth 2 with PKCE, the
 * owner's account, and following, unfollowing and removing followers.
 * Every reply is checked member by member; names and bios become plain
 * text. Paging through lists is the sync's business
 * (tend-mastodon-sync.c).
 */
#define G_LOG_DOMAIN "tend-mastodon-client"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tend-html-text.h"
#include "tend-json-check.h"
#include "tend-mastodon-client.h"

struct _TendMastodonClient
{
  GObject parent_instance;

  /* owned */
  TendWebClient *web;
  char          *host;
};

G_DEFINE_FINAL_TYPE (TendMastodonClient, tend_mastodon_client, G_TYPE_OBJECT)

static const TendRateLimitHeaders mastodon_rate_limit = {
  "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", TEND_RATE_RESET_ISO8601,
};

void
tend_mastodon_account_free (TendMastodonAccount *account)
{
  if (account == NULL)
    return;

  g_free (account->id);
  g_free (account->acct);
  g_free (account->name);
  g_free (account->note);
  g_free (account->url);
  g_free (account->avatar);
  g_free (account);
}

/* Only web addresses are kept as links; anything else is dropped. */
static char *
dup_web_url (const char *url)
{
  if (url == NULL ||
      !(g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://")))
    return NULL;

  return g_strdup (url);
}

static gboolean
prefix_error (GError     **error,
              const char  *what)
{
  g_prefix_error (error, "%s: ", what);
  return FALSE;
}

/**
 * tend_mastodon_account_parse:
 * @server_host: the server the reply came from, for local accounts'
 *   "acct", which has no domain
 *
 * Returns: (transfer full): the account, or %NULL with @error set when
 *   a member is missing or of the wrong type
 */
TendMastodonAccount *
tend_mastodon_account_parse (JsonNode    *node,
                             const char  *server_host,
                             GError     **error)
{
  g_autoptr(TendMastodonAccount) account = g_new0 (TendMastodonAccount, 1);
  JsonObject *object;
  JsonObject *moved;
  const char *id, *acct, *username, *display_name, *note, *url, *avatar;
  gboolean suspended, memorial;

  if (!tend_json_check_object (node, "account", &object, error) ||
      !tend_json_get_id (object, "id", &id, error) ||
      !tend_json_get_string (object, "acct", TRUE, &acct, error) ||
      !tend_json_get_string (object, "username", TRUE, &username, error) ||
      !tend_json_get_string (object, "display_name", FALSE, &display_name, error) ||
      !tend_json_get_string (object, "note", FALSE, &note, error) ||
      !tend_json_get_string (object, "url", FALSE, &url, error) ||
      !tend_json_get_string (object, "avatar", FALSE, &avatar, error) ||
      !tend_json_get_time (object, "last_status_at", &account->last_status_at, error) ||
      !tend_json_get_object (object, "moved", FALSE, &moved, error) ||
      !tend_json_get_bool (object, "suspended", &suspended, error) ||
      !tend_json_get_bool (object, "memorial", &memorial, error))
    {
      prefix_error (error, _("an account"));
      return NULL;
    }

  if (acct[0] == '\0' || strchr (acct, '@') == acct || g_utf8_strlen (acct, -1) > 512)
    {
      g_set_error (error, TEND_JSON_CHECK_ERROR, TEND_JSON_CHECK_ERROR_INVALID,
                   _("“%s” is not %s"), "acct", _("an account name"));
      return NULL;
    }

  account->id = g_strdup (id);
  if (strchr (acct, '@') != NULL)
    account->acct = g_utf8_strdown (acct, -1);
  else
    {
      g_autofree char *full = g_strconcat (acct, "@", server_host, NULL);

      account->acct = g_utf8_strdown (full, -1);
    }

  account->name = tend_html_to_text (display_name);
  if (account->name == NULL)
    account->name = tend_html_to_text (username);
  if (account->name == NULL)
    account->name = g_strdup (account->acct);

  account->note = tend_html_to_text (note);
  account->url = dup_web_url (url);
  account->avatar = dup_web_url (avatar);

  if (suspended)
    account->state = TEND_ACCOUNT_STATE_SUSPENDED;
  else if (moved != NULL)
    account->state = TEND_ACCOUNT_STATE_MOVED;
  else if (memorial)
    account->state = TEND_ACCOUNT_STATE_DEACTIVATED;
  else
    account->state = TEND_ACCOUNT_STATE_ACTIVE;

  return g_steal_pointer (&account);
}

static void
tend_mastodon_client_finalize (GObject *object)
{
  TendMastodonClient *self = (TendMastodonClient *)object;

  g_clear_object (&self->web);
  g_free (self->host);

  G_OBJECT_CLASS (tend_mastodon_client_parent_class)->finalize (object);
}

static void
tend_mastodon_client_class_init (TendMastodonClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tend_mastodon_client_finalize;
}

static void
tend_mastodon_client_init (TendMastodonClient *self)
{
}

/**
 * tend_mastodon_client_new:
 * @server: "mastodon.social" or a full https:// URL
 *
 * Returns: (transfer full): a client without a token, or %NULL with
 *   @error set when @server is not a server Tend may connect to
 */
TendMastodonClient *
tend_mastodon_client_new (const char  *server,
                          GError     **error)
{
  g_autoptr(TendMastodonClient) self = g_object_new (TEND_TYPE_MASTODON_CLIENT, NULL);
  g_autoptr(GUri) uri = NULL;

  self->web = tend_web_client_new (server, error);
  if (self->web == NULL)
    return NULL;

  tend_web_client_set_rate_limit_headers (self->web, &mastodon_rate_limit);
  uri = g_uri_parse (tend_web_client_get_base_url (self->web), G_URI_FLAGS_NONE, NULL);
  self->host = g_strdup (g_uri_get_host (uri));

  return g_steal_pointer (&self);
}

/**
 * tend_mastodon_client_get_web_client:
 *
 * Returns: (transfer none): the client's connection, for its clock, its
 *   rate-limit waits and its request count
 */
TendWebClient *
tend_mastodon_client_get_web_client (TendMastodonClient *self)
{
  g_return_val_if_fail (TEND_IS_MASTODON_CLIENT (self), NULL);
  return self->web;
}

const char *
tend_mastodon_client_get_base_url (TendMastodonClient *self)
{
  g_return_val_if_fail (TEND_IS_MASTODON_CLIENT (self), NULL);
  return tend_web_client_get_base_url (self->web);
}

/**
 * tend_mastodon_client_get_host:
 *
 * Returns: the server's host name, as in "user@host"
 */
const char *
tend_mastodon_client_get_host (TendMastodonClient *self)
{
  g_return_val_if_fail (TEND_IS_MASTODON_CLIENT (self), NULL);
  return self->host;
}

void
tend_mastodon_client_set_token (TendMastodonClient *self,
                                const char         *token)
{
  g_return_if_fail (TEND_IS_MASTODON_CLIENT (self));
  tend_web_client_set_bearer_token (self->web, token);
}

/* Sends a request; the task gets the reply, or the error. */
static void
request_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  TendWebReply *reply;

  reply = tend_web_client_request_finish (TEND_WEB_CLIENT (object), result, &error);
  if (reply == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, reply, (GDestroyNotify) tend_web_reply_free);
}

static void
send (TendMastodonClient *self,
      const char         *method,
      const char         *path,
      GHashTable         *form,
      GTask              *task)
{
  tend_web_client_request_async (self->web, method, path, form, g_task_get_cancellable (task),
                                 request_done, task);
}

static GTask *
new_task (TendMastodonClient  *self,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data,
          gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  return task;
}

static gboolean
bad_reply (TendMastodonClient  *self,
           GError             **error)
{
  return tend_web_client_fail_bad_reply (self->web, error);
}

/**
 * tend_mastodon_client_register_app_async:
 * @redirect_uris: space-separated, as the API takes them
 *
 * Registers Tend with the server, asking for %TEND_MASTODON_SCOPES.
 */
void
tend_mastodon_client_register_app_async (TendMastodonClient  *self,
                                         const char          *redirect_uris,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GHashTable) form = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_if_fail (TEND_IS_MASTODON_CLIENT (self));

  g_hash_table_insert (form, "client_name", "Tend");
  g_hash_table_insert (form, "redirect_uris", (char *) redirect_uris);
  g_hash_table_insert (form, "scopes", TEND_MASTODON_SCOPES);
  g_hash_table_insert (form, "website", "https://github.com/tendapp/tend");

  send (self, "POST", "/api/v1/apps", form,
        new_task (self, cancellable, callback, user_data, tend_mastodon_client_register_app_async));
}

gboolean
tend_mastodon_client_register_app_finish (TendMastodonClient  *self,
                                          GAsyncResult        *result,
                                          char               **out_client_id,
                                          char               **out_client_secret,
                                          GError             **error)
{
  g_autoptr(TendWebReply) reply = NULL;
  JsonObject *object;
  const char *client_id, *client_secret;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  reply = g_task_propagate_pointer (G_TASK (result), error);
  if (reply == NULL)
    return FALSE;

  if (!tend_json_check_object (reply->root, "app", &object, error) ||
      !tend_json_get_id (object, "client_id", &client_id, error) ||
      !tend_json_get_id (object, "client_secret", &client_secret, error))
    return bad_reply (self, error);

  *out_client_id = g_strdup (client_id);
  *out_client_secret = g_strdup (client_secret);
  return TRUE;
}

/**
 * tend_mastodon_client_build_authorize_url:
 * @code_challenge: base64url SHA-256 of the code verifier (PKCE S256)
 *
 * Returns: (transfer full): the page where the owner allows Tend in
 */
char *
tend_mastodon_client_build_authorize_url (TendMastodonClient *self,
                                          const char         *client_id,
                                          const char         *redirect_uri,
                                          const char         *state,
                                          const char         *code_challenge)
{
  g_autofree char *client_id_q = NULL;
  g_autofree char *redirect_q = NULL;
  g_autofree char *scope_q = NULL;
  g_autofree char *state_q = NULL;
  g_autofree char *challenge_q = NULL;

  g_return_val_if_fail (TEND_IS_MASTODON_CLIENT (self), NULL);

  client_id_q = g_uri_escape_string (client_id, NULL, FALSE);
  redirect_q = g_uri_escape_string (redirect_uri, NULL, FALSE);
  scope_q = g_uri_escape_string (TEND_MASTODON_SCOPES, NULL, FALSE);
  state_q = g_uri_escape_string (state, NULL, FALSE);
  challenge_q = g_uri_escape_string (code_challenge, NULL, FALSE);

  return g_strdup_printf ("%s/oauth/authorize?response_type=code&client_id=%s"
                          "&redirect_uri=%s&scope=%s&state=%s"
                          "&code_challenge=%s&code_challenge_method=S256",
                          tend_web_client_get_base_url (self->web),
                          client_id_q, redirect_q, scope_q, state_q, challenge_q);
}

void
tend_mastodon_client_exchange_code_async (TendMastodonClient  *self,
                                          const char          *client_id,
                                          const char          *client_secret,
                                          const char          *redirect_uri,
                                          const char          *code,
                                          const char          *code_verifier,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GHashTable) form = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_if_fail (TEND_IS_MASTODON_CLIENT (self));

  g_hash_table_insert (form, "grant_type", "authorization_code");
  g_hash_table_insert (form, "client_id", (char *) client_id);
  g_hash_table_insert (form, "client_secret", (char *) client_secret);
  g_hash_table_insert (form, "redirect_uri", (char *) redirect_uri);
  g_hash_table_insert (form, "code", (char *) code);
  g_hash_table_insert (form, "code_verifier", (char *) code_verifier);
  g_hash_table_insert (form, "scope", TEND_MASTODON_SCOPES);

  send (self, "POST", "/oauth/token", form,
        new_task (self, cancellable, callback, user_data, tend_mastodon_client_exchange_code_async));
}

/**
 * tend_mastodon_client_exchange_code_finish:
 *
 * Returns: (transfer full): the access token, or %NULL with @error set
 */
char *
tend_mastodon_client_exchange_code_finish (TendMastodonClient  *self,
                                           GAsyncResult        *result,
                                           GError             **error)
{
  g_autoptr(TendWebReply) reply = NULL;
  JsonObject *object;
  const char *token;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  reply = g_task_propagate_pointer (G_TASK (result), error);
  if (reply == NULL)
    return NULL;

  if (!tend_json_check_object (reply->root, "token", &object, error) ||
      !tend_json_get_id (object, "access_token", &token, error))
    {
      bad_reply (self, error);
      return NULL;
    }

  return g_strdup (token);
}

void
tend_mastodon_client_revoke_async (TendMastodonClient  *self,
                                   const char          *client_id,
                                   const char          *client_secret,
                                   const char          *token,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GHashTable) form = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_if_fail (TEND_IS_MASTODON_CLIENT (self));

  g_hash_table_insert (form, "client_id", (char *) client_id);
  g_hash_table_insert (form, "client_secret", (char *) client_secret);
  g_hash_table_insert (form, "token", (char *) token);

  send (self, "POST", "/oauth/revoke", form,
        new_task (self, cancellable, callback, user_data, tend_mastodon_client_revoke_async));
}

gboolean
tend_mastodon_client_revoke_finish (TendMastodonClient  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_autoptr(TendWebReply) reply = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  reply = g_task_propagate_pointer (G_TASK (result), error);
  return reply != NULL;
}

void
tend_mastodon_client_verify_credentials_async (TendMastodonClient  *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data)
{
  g_return_if_fail (TEND_IS_MASTODON_CLIENT (self));

  send (self, "GET", "/api/v1/accounts/verify_credentials", NULL,
        new_task (self, cancellable, callback, user_data,
                  tend_mastodon_client_verify_credentials_async));
}

/**
 * tend_mastodon_client_verify_credentials_finish:
 * @out_followers_count: (out) (optional): what the server counts
 * @out_following_count: (out) (optional): likewise
 *
 * Returns: (transfer full): the owner's account, or %NULL with @error
 */
TendMastodonAccount *
tend_mastodon_client_verify_credentials_finish (TendMastodonClient  *self,
                                                GAsyncResult        *result,
                                                gint64              *out_followers_count,
                                                gint64              *out_following_count,
                                                GError             **error)
{
  g_autoptr(TendWebReply) reply = NULL;
  g_autoptr(TendMastodonAccount) account = NULL;
  gint64 followers = 0, following = 0;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  reply = g_task_propagate_pointer (G_TASK (result), error);
  if (reply == NULL)
    return NULL;

  account = tend_mastodon_account_parse (reply->root, self->host, error);
  if (account == NULL ||
      !tend_json_get_int (json_node_get_object (reply->root), "followers_count", &followers, error) ||
      !tend_json_get_int (json_node_get_object (reply->root), "following_count", &following, error))
    {
      bad_reply (self, error);
      return NULL;
    }

  if (out_followers_count != NULL)
    *out_followers_count = MAX (followers, 0);
  if (out_following_count != NULL)
    *out_following_count = MAX (following, 0);

  return g_steal_pointer (&account);
}

/**
 * tend_mastodon_client_account_action_async:
 * @account_id: the other account's id on this server
 * @action: "follow", "unfollow" or "remove_from_followers"
 */
void
tend_mastodon_client_account_action_async (TendMastodonClient  *self,
                                           const char          *account_id,
                                           const char          *action,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (TEND_IS_MASTODON_CLIENT (self));
  g_return_if_fail (account_id != NULL && action != NULL);

  escaped = g_uri_escape_string (account_id, NULL, FALSE);
  path = g_strdup_printf ("/api/v1/accounts/%s/%s", escaped, action);
  send (self, "POST", path, NULL,
        new_task (self, cancellable, callback, user_data,
                  tend_mastodon_client_account_action_async));
}

/**
 * tend_mastodon_client_account_action_finish:
 *
 * Returns: %TRUE when the server answered with the new relationship
 */
gboolean
tend_mastodon_client_account_action_finish (TendMastodonClient  *self,
                                            GAsyncResult        *result,
                                            GError             **error)
{
  g_autoptr(TendWebReply) reply = NULL;
  JsonObject *object;
  const char *id;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  reply = g_task_propagate_pointer (G_TASK (result), error);
  if (reply == NULL)
    return FALSE;

  if (!tend_json_check_object (reply->root, "relationship", &object, error) ||
      !tend_json_get_id (object, "id", &id, error))
    return bad_reply (self, error);

  return TRUE;
}
