/* tend-mastodon-connect.c: connect a Mastodon account with OAuth
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * OAuth 2 authorization code with PKCE (S256), as RFC 8252 asks of a
 * native app: Tend listens on 127.0.0.1 on a port of its own, opens the
 * server's consent page in the browser, and the server sends the
 * browser back to that port with a code, which only this Tend can turn
 * into a token, since only it knows the code verifier. The state
 * parameter must match, or the request is not ours and is ignored.
 * Where the browser cannot come back (another machine, a sandbox), the
 * manual address has the server show the code, and the person pastes
 * it: tend_mastodon_connect_submit_code().
 *
 * Tend registers itself once per server, with its loopback address and
 * the out-of-band one; the registration is kept in the store and its
 * client secret in the keyring, and reused while the loopback port can
 * be had again (servers compare redirect addresses exactly). The token
 * goes to the keyring only, never to the database, settings or logs.
 */
#define G_LOG_DOMAIN "tend-mastodon-connect"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <sys/random.h>

#include "tend-mastodon-connect.h"
#include "tend-secret-store.h"

#define CALLBACK_PATH "/callback"
#define MAX_CODE_LENGTH 512

struct _TendMastodonConnect
{
  GObject parent_instance;

  /* owned */
  TendStore          *store;
  TendMastodonClient *client;
  TendSecretStore    *secrets;
  SoupServer         *loopback;
  GTask              *wait_task;
  char               *client_id;
  char               *client_secret;
  char               *loopback_redirect;
  char               *verifier;
  char               *state;
  char               *authorize_url;
  char               *manual_url;
  char               *pending_code;
  char               *pending_redirect;

  GCancellable       *wait_cancellable;
  gulong              cancelled_id;
  guint               cancel_idle_id;
  gboolean            exchanging;
};

G_DEFINE_FINAL_TYPE (TendMastodonConnect, tend_mastodon_connect, G_TYPE_OBJECT)

G_DEFINE_QUARK (tend-mastodon-error-quark, tend_mastodon_error)

static void stop_watching_cancel (TendMastodonConnect *self);

static void
tend_mastodon_connect_dispose (GObject *object)
{
  TendMastodonConnect *self = (TendMastodonConnect *)object;

  if (self->loopback != NULL)
    soup_server_disconnect (self->loopback);
  g_clear_object (&self->loopback);

  G_OBJECT_CLASS (tend_mastodon_connect_parent_class)->dispose (object);
}

static void
tend_mastodon_connect_finalize (GObject *object)
{
  TendMastodonConnect *self = (TendMastodonConnect *)object;

  stop_watching_cancel (self);
  g_clear_object (&self->store);
  g_clear_object (&self->client);
  g_clear_object (&self->secrets);
  g_clear_object (&self->wait_task);
  g_free (self->client_id);
  g_free (self->client_secret);
  g_free (self->loopback_redirect);
  g_free (self->verifier);
  g_free (self->state);
  g_free (self->authorize_url);
  g_free (self->manual_url);
  g_free (self->pending_code);
  g_free (self->pending_redirect);

  G_OBJECT_CLASS (tend_mastodon_connect_parent_class)->finalize (object);
}

static void
tend_mastodon_connect_class_init (TendMastodonConnectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tend_mastodon_connect_dispose;
  object_class->finalize = tend_mastodon_connect_finalize;
}

static void
tend_mastodon_connect_init (TendMastodonConnect *self)
{
}

/**
 * tend_mastodon_connect_new:
 * @server: what the person typed: "mastodon.social" or a full URL
 *
 * Returns: (transfer full): a connection attempt, or %NULL with @error
 *   set when @server is no server Tend may connect to
 */
TendMastodonConnect *
tend_mastodon_connect_new (TendStore   *store,
                           const char  *server,
                           GError     **error)
{
  g_autoptr(TendMastodonConnect) self = NULL;

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);
  g_return_val_if_fail (server != NULL, NULL);

  self = g_object_new (TEND_TYPE_MASTODON_CONNECT, NULL);
  self->store = g_object_ref (store);
  self->secrets = tend_secret_store_new ();
  self->client = tend_mastodon_client_new (server, error);
  if (self->client == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * tend_mastodon_connect_get_client:
 *
 * Returns: (transfer none): the client, which has the token once
 *   connected
 */
TendMastodonClient *
tend_mastodon_connect_get_client (TendMastodonConnect *self)
{
  g_return_val_if_fail (TEND_IS_MASTODON_CONNECT (self), NULL);
  return self->client;
}

/* base64url without padding (RFC 7636, appendix A). */
static char *
encode_base64url (const guint8 *data,
                  gsize         len)
{
  char *text = g_base64_encode (data, len);
  char *end;

  g_strdelimit (text, "+", '-');
  g_strdelimit (text, "/", '_');
  end = strchr (text, '=');
  if (end != NULL)
    *end = '\0';
  return text;
}

static char *
random_token (void)
{
  guint8 bytes[32];
  gsize filled = 0;

  /* getrandom() reads the kernel's CSPRNG; it only fails on
   * interruption, or before the pool is ready at early boot. */
  while (filled < sizeof bytes)
    {
      ssize_t n = getrandom (bytes + filled, sizeof bytes - filled, 0);

      if (n > 0)
        filled += n;
    }

  return encode_base64url (bytes, sizeof bytes);
}

static char *
pkce_challenge (const char *verifier)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;

  g_checksum_update (checksum, (const guchar *) verifier, strlen (verifier));
  g_checksum_get_digest (checksum, digest, &len);
  return encode_base64url (digest, len);
}

static void
reply_page (SoupServerMessage *msg,
            guint              status,
            const char        *heading,
            const char        *text)
{
  g_autofree char *heading_escaped = g_markup_escape_text (heading, -1);
  g_autofree char *text_escaped = g_markup_escape_text (text, -1);
  g_autofree char *page = NULL;

  page = g_strdup_printf ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                          "<title>Tend</title></head>"
                          "<body style=\"font-family: sans-serif; margin: 3em\">"
                          "<h1>%s</h1><p>%s</p></body></html>\n",
                          heading_escaped, text_escaped);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_COPY,
                                    page, strlen (page));
}

static void
stop_listening (TendMastodonConnect *self)
{
  if (self->loopback != NULL)
    soup_server_disconnect (self->loopback);
  g_clear_object (&self->loopback);
}

static void
stop_watching_cancel (TendMastodonConnect *self)
{
  g_clear_handle_id (&self->cancel_idle_id, g_source_remove);
  if (self->cancelled_id != 0)
    g_cancellable_disconnect (self->wait_cancellable, self->cancelled_id);
  self->cancelled_id = 0;
  g_clear_object (&self->wait_cancellable);
}

static void
finish_wait (TendMastodonConnect *self,
             char                *account,
             GError              *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->wait_task);

  stop_listening (self);
  stop_watching_cancel (self);
  self->exchanging = FALSE;

  if (task == NULL)
    {
      g_free (account);
      g_clear_error (&error);
      return;
    }

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, account, g_free);
}

typedef struct {
  TendMastodonConnect *self;
  char                *account;
  char                *token;
  gint64               source_id;
  char                *remote_id;
} Exchange;

static void
exchange_free (Exchange *exchange)
{
  g_object_unref (exchange->self);
  g_free (exchange->account);
  if (exchange->token != NULL)
    memset (exchange->token, 0, strlen (exchange->token));
  g_free (exchange->token);
  g_free (exchange->remote_id);
  g_free (exchange);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Exchange, exchange_free)

static void
token_stored (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Exchange) exchange = user_data;
  TendMastodonConnect *self = exchange->self;
  GError *error = NULL;
  g_autofree char *title = NULL;
  gint64 source_id;

  if (!tend_secret_store_store_finish (TEND_SECRET_STORE (object), result, &error))
    {
      finish_wait (self, NULL, error);
      return;
    }

  title = g_strconcat ("@", exchange->account, NULL);
  source_id = tend_store_ensure_source (self->store, TEND_SOURCE_KIND_MASTODON,
                                        exchange->account, title, &error);
  if (source_id == 0 ||
      !tend_store_set_source_live (self->store, source_id,
                                   tend_mastodon_client_get_base_url (self->client),
                                   exchange->remote_id, &error))
    {
      finish_wait (self, NULL, error);
      return;
    }

  finish_wait (self, g_steal_pointer (&exchange->account), NULL);
}

static void
verified (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Exchange) exchange = user_data;
  TendMastodonConnect *self = exchange->self;
  g_autoptr(TendMastodonAccount) account = NULL;
  Exchange *storing;
  GError *error = NULL;

  account = tend_mastodon_client_verify_credentials_finish (self->client, result, NULL, NULL, &error);
  if (account == NULL)
    {
      finish_wait (self, NULL, error);
      return;
    }

  exchange->account = g_strdup (account->acct);
  exchange->remote_id = g_strdup (account->id);
  storing = g_steal_pointer (&exchange);
  tend_secret_store_store_async (self->secrets, TEND_SECRET_KIND_ACCESS_TOKEN,
                                 tend_mastodon_client_get_base_url (self->client),
                                 storing->account, storing->token,
                                 g_task_get_cancellable (self->wait_task),
                                 token_stored, storing);
}

static void
code_exchanged (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Exchange) exchange = user_data;
  TendMastodonConnect *self = exchange->self;
  GError *error = NULL;

  exchange->token = tend_mastodon_client_exchange_code_finish (self->client, result, &error);
  if (exchange->token == NULL)
    {
      if (g_error_matches (error, TEND_WEB_ERROR, TEND_WEB_ERROR_REFUSED) ||
          g_error_matches (error, TEND_WEB_ERROR, TEND_WEB_ERROR_UNAUTHORIZED))
        {
          GError *bad_code = g_error_new (TEND_MASTODON_ERROR, TEND_MASTODON_ERROR_BAD_CODE,
                                          _("%s did not accept the code (%s). Connect again, "
                                            "and paste the code exactly as the page shows it."),
                                          tend_mastodon_client_get_host (self->client),
                                          error->message);

          g_error_free (error);
          error = bad_code;
        }
      finish_wait (self, NULL, error);
      return;
    }

  tend_mastodon_client_set_token (self->client, exchange->token);
  tend_mastodon_client_verify_credentials_async (self->client, g_task_get_cancellable (self->wait_task),
                                                 verified, g_steal_pointer (&exchange));
}

static void
exchange_code (TendMastodonConnect *self,
               const char          *code,
               const char          *redirect_uri)
{
  Exchange *exchange;

  if (self->wait_task == NULL)
    {
      g_free (self->pending_code);
      g_free (self->pending_redirect);
      self->pending_code = g_strdup (code);
      self->pending_redirect = g_strdup (redirect_uri);
      return;
    }

  if (self->exchanging)
    return;

  self->exchanging = TRUE;
  exchange = g_new0 (Exchange, 1);
  exchange->self = g_object_ref (self);
  tend_mastodon_client_exchange_code_async (self->client, self->client_id, self->client_secret,
                                            redirect_uri, code, self->verifier,
                                            g_task_get_cancellable (self->wait_task),
                                            code_exchanged, exchange);
}

static gboolean
is_plausible_code (const char *code)
{
  gsize len = strlen (code);

  if (len == 0 || len > MAX_CODE_LENGTH)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isgraph (code[i]))
      return FALSE;

  return TRUE;
}

static gboolean
deny_later (gpointer user_data)
{
  TendMastodonConnect *self = user_data;

  finish_wait (self, NULL,
               g_error_new (TEND_MASTODON_ERROR, TEND_MASTODON_ERROR_DENIED,
                            _("You did not allow Tend to use your account on %s. "
                              "Connect again if you change your mind."),
                            tend_mastodon_client_get_host (self->client)));
  return G_SOURCE_REMOVE;
}

static void
denied_page_sent (SoupServerMessage   *msg,
                  TendMastodonConnect *self)
{
  /* Not from inside the server's own signal: finishing stops it. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, deny_later, g_object_ref (self), g_object_unref);
}

static void
handle_callback (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  TendMastodonConnect *self = user_data;
  const char *state = query != NULL ? g_hash_table_lookup (query, "state") : NULL;
  const char *code = query != NULL ? g_hash_table_lookup (query, "code") : NULL;
  const char *error = query != NULL ? g_hash_table_lookup (query, "error") : NULL;

  /* Any program on this machine can reach the port: only the browser
   * coming back from the sign-in Tend started carries the state. */
  if (state == NULL || self->state == NULL || !g_str_equal (state, self->state))
    {
      reply_page (msg, SOUP_STATUS_BAD_REQUEST, _("This page is not for you"),
                  _("Tend did not expect this request. If you are connecting an account, "
                    "use the address Tend showed you."));
      return;
    }

  if (error != NULL)
    {
      reply_page (msg, SOUP_STATUS_OK, _("Tend was not connected"),
                  _("You did not allow Tend to use your account. You can close this page "
                    "and go back to Tend."));
      /* Listening stops with the wait: first let the page reach the browser. */
      g_signal_connect_object (msg, "finished", G_CALLBACK (denied_page_sent), self, 0);
      return;
    }

  if (code == NULL || !is_plausible_code (code))
    {
      reply_page (msg, SOUP_STATUS_BAD_REQUEST, _("Tend was not connected"),
                  _("The server sent no usable code. Go back to Tend and connect again."));
      return;
    }

  reply_page (msg, SOUP_STATUS_OK, _("Tend is connected"),
              _("You can close this page and go back to Tend."));
  exchange_code (self, code, self->loopback_redirect);
}

/* Listens on 127.0.0.1:@port (0: any free port); sets the redirect. */
static gboolean
listen_loopback (TendMastodonConnect  *self,
                 guint                 port,
                 GError              **error)
{
  g_autoptr(SoupServer) server = soup_server_new ("server-header", "Tend", NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  GSList *uris;

  if (!soup_server_listen (server, address, 0, error))
    return FALSE;

  uris = soup_server_get_uris (server);
  g_free (self->loopback_redirect);
  self->loopback_redirect = g_strdup_printf ("http://127.0.0.1:%d" CALLBACK_PATH,
                                             g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  soup_server_add_handler (server, CALLBACK_PATH, handle_callback, self, NULL);
  stop_listening (self);
  self->loopback = g_steal_pointer (&server);
  return TRUE;
}

static guint
port_of (const char *redirect)
{
  g_autoptr(GUri) uri = g_uri_parse (redirect, G_URI_FLAGS_NONE, NULL);

  return uri != NULL && g_uri_get_port (uri) > 0 ? g_uri_get_port (uri) : 0;
}

static void
make_urls (TendMastodonConnect *self)
{
  g_autofree char *challenge = NULL;

  g_free (self->verifier);
  g_free (self->state);
  self->verifier = random_token ();
  self->state = random_token ();
  challenge = pkce_challenge (self->verifier);

  g_free (self->authorize_url);
  g_free (self->manual_url);
  self->authorize_url = tend_mastodon_client_build_authorize_url (self->client, self->client_id,
                                                                  self->loopback_redirect,
                                                                  self->state, challenge);
  self->manual_url = tend_mastodon_client_build_authorize_url (self->client, self->client_id,
                                                               TEND_MASTODON_OOB_REDIRECT,
                                                               self->state, challenge);
}

static void
secret_saved (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TendMastodonConnect *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!tend_secret_store_store_finish (TEND_SECRET_STORE (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (!tend_store_save_server_app (self->store, tend_mastodon_client_get_base_url (self->client),
                                   self->client_id, self->loopback_redirect,
                                   TEND_MASTODON_SCOPES, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  make_urls (self);
  g_task_return_boolean (task, TRUE);
}

static void
app_registered (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TendMastodonConnect *self = g_task_get_source_object (task);
  GCancellable *cancellable;
  GError *error = NULL;

  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->client_secret, g_free);
  if (!tend_mastodon_client_register_app_finish (self->client, result, &self->client_id,
                                                 &self->client_secret, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  cancellable = g_task_get_cancellable (task);
  tend_secret_store_store_async (self->secrets, TEND_SECRET_KIND_CLIENT_SECRET,
                                 tend_mastodon_client_get_base_url (self->client), NULL,
                                 self->client_secret, cancellable,
                                 secret_saved, g_steal_pointer (&task));
}

static void
register_app (GTask *task)
{
  TendMastodonConnect *self = g_task_get_source_object (task);
  g_autofree char *redirects = NULL;
  GError *error = NULL;

  if (!listen_loopback (self, 0, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  redirects = g_strconcat (self->loopback_redirect, " " TEND_MASTODON_OOB_REDIRECT, NULL);
  tend_mastodon_client_register_app_async (self->client, redirects, g_task_get_cancellable (task),
                                           app_registered, task);
}

static void
client_secret_found (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TendMastodonConnect *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  self->client_secret = tend_secret_store_lookup_finish (TEND_SECRET_STORE (object), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The registration is reused only with its very redirect address. */
  if (self->client_secret != NULL &&
      listen_loopback (self, port_of (self->loopback_redirect), NULL))
    {
      make_urls (self);
      g_task_return_boolean (task, TRUE);
      return;
    }

  register_app (g_steal_pointer (&task));
}

/**
 * tend_mastodon_connect_begin_async:
 *
 * Registers Tend with the server unless it was before, and starts
 * listening for the browser. Then tend_mastodon_connect_get_authorize_url()
 * is the page to open, and tend_mastodon_connect_wait_async() waits for
 * the person to allow Tend in.
 */
void
tend_mastodon_connect_begin_async (TendMastodonConnect *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *redirect = NULL;
  g_autofree char *scopes = NULL;
  const char *server;

  g_return_if_fail (TEND_IS_MASTODON_CONNECT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tend_mastodon_connect_begin_async);

  server = tend_mastodon_client_get_base_url (self->client);
  g_clear_pointer (&self->client_id, g_free);
  if (!tend_store_get_server_app (self->store, server, &self->client_id, &redirect, &scopes, &error))
    {
      if (error != NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      register_app (g_steal_pointer (&task));
      return;
    }

  /* A registration with other scopes is from another version of Tend. */
  if (!g_str_equal (scopes, TEND_MASTODON_SCOPES))
    {
      register_app (g_steal_pointer (&task));
      return;
    }

  g_free (self->loopback_redirect);
  self->loopback_redirect = g_steal_pointer (&redirect);
  tend_secret_store_lookup_async (self->secrets, TEND_SECRET_KIND_CLIENT_SECRET, server, NULL, cancellable,
                                      client_secret_found, g_steal_pointer (&task));
}

gboolean
tend_mastodon_connect_begin_finish (TendMastodonConnect  *self,
                                    GAsyncResult         *result,
                                    GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * tend_mastodon_connect_get_authorize_url:
 *
 * Returns: (nullable): the consent page, which sends the browser back
 *   to Tend; %NULL before begin finished
 */
const char *
tend_mastodon_connect_get_authorize_url (TendMastodonConnect *self)
{
  g_return_val_if_fail (TEND_IS_MASTODON_CONNECT (self), NULL);
  return self->authorize_url;
}

/**
 * tend_mastodon_connect_get_manual_url:
 *
 * Returns: (nullable): the consent page that shows a code to paste,
 *   for when the browser cannot come back to Tend
 */
const char *
tend_mastodon_connect_get_manual_url (TendMastodonConnect *self)
{
  g_return_val_if_fail (TEND_IS_MASTODON_CONNECT (self), NULL);
  return self->manual_url;
}

static gboolean
wait_cancelled_idle (gpointer user_data)
{
  TendMastodonConnect *self = user_data;

  self->cancel_idle_id = 0;

  /* A request under way fails by itself, cancelled too. */
  if (!self->exchanging)
    finish_wait (self, NULL, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                  _("Connecting was cancelled.")));
  return G_SOURCE_REMOVE;
}

static void
wait_cancelled (GCancellable *cancellable,
                gpointer      user_data)
{
  TendMastodonConnect *self = user_data;

  /* Called with the cancellable's lock held: answer from the loop. */
  if (self->cancel_idle_id == 0)
    self->cancel_idle_id = g_idle_add (wait_cancelled_idle, self);
}

/**
 * tend_mastodon_connect_wait_async:
 *
 * Waits for the browser to come back, or for a pasted code, then gets
 * the token, checks it, keeps it in the keyring and adds the account to
 * the store as a source. Cancelling stops listening.
 */
void
tend_mastodon_connect_wait_async (TendMastodonConnect *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TEND_IS_MASTODON_CONNECT (self));
  g_return_if_fail (self->wait_task == NULL);
  g_return_if_fail (self->authorize_url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tend_mastodon_connect_wait_async);
  g_task_set_check_cancellable (task, FALSE);
  self->wait_task = g_steal_pointer (&task);

  if (cancellable != NULL)
    {
      self->wait_cancellable = g_object_ref (cancellable);
      self->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (wait_cancelled),
                                                  self, NULL);
    }

  if (self->pending_code != NULL)
    {
      g_autofree char *code = g_steal_pointer (&self->pending_code);
      g_autofree char *redirect = g_steal_pointer (&self->pending_redirect);

      exchange_code (self, code, redirect);
    }
}

/**
 * tend_mastodon_connect_wait_finish:
 *
 * Returns: (transfer full): the account connected, "user@host", or
 *   %NULL with @error set
 */
char *
tend_mastodon_connect_wait_finish (TendMastodonConnect  *self,
                                   GAsyncResult         *result,
                                   GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * tend_mastodon_connect_submit_code:
 * @code: what the person pasted: the code the server showed, or the
 *   whole address the browser ended on
 *
 * Completes the wait as the browser's return would have.
 */
void
tend_mastodon_connect_submit_code (TendMastodonConnect *self,
                                   const char          *code)
{
  g_autofree char *trimmed = NULL;

  g_return_if_fail (TEND_IS_MASTODON_CONNECT (self));
  g_return_if_fail (code != NULL);

  trimmed = g_strstrip (g_strdup (code));

  /* A whole address came back through the loopback redirect. */
  if (strstr (trimmed, "code=") != NULL)
    {
      g_autoptr(GUri) uri = g_uri_parse (trimmed, G_URI_FLAGS_NONE, NULL);
      g_autoptr(GHashTable) query = NULL;
      const char *found;

      if (uri != NULL && g_uri_get_query (uri) != NULL)
        query = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
      found = query != NULL ? g_hash_table_lookup (query, "code") : NULL;

      if (found != NULL && is_plausible_code (found) &&
          g_strcmp0 (g_hash_table_lookup (query, "state"), self->state) == 0)
        {
          exchange_code (self, found, self->loopback_redirect);
          return;
        }
    }

  if (!is_plausible_code (trimmed))
    {
      finish_wait (self, NULL,
                   g_error_new (TEND_MASTODON_ERROR, TEND_MASTODON_ERROR_BAD_CODE,
                                _("That is not a code %s gives. Copy the code the page shows, "
                                  "without anything around it, and try again."),
                                tend_mastodon_client_get_host (self->client)));
      return;
    }

  exchange_code (self, trimmed, TEND_MASTODON_OOB_REDIRECT);
}
