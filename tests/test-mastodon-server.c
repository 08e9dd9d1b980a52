/* test-mastodon-server.c: the test Mastodon server speaks the API as
 * documented and misbehaves only when told to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "tend-mastodon-test-server.h"
#include "tend-test-utils.h"

#define LOOPBACK_REDIRECT "http://127.0.0.1:9/callback"
#define OOB_REDIRECT "urn:ietf:wg:oauth:2.0:oob"
#define SCOPES "read:accounts read:follows read:notifications read:statuses read:favourites write:follows"
#define VERIFIER "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
/* base64url (SHA-256 (VERIFIER)), computed apart. */
#define CHALLENGE "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"

typedef struct {
  TendMastodonTestServer *server;
  SoupSession *session;
  char *base_url;
  char *token;
} Fixture;

typedef struct {
  guint status;
  SoupMessageHeaders *headers;
  GBytes *body;
} Reply;

static void
reply_free (Reply *reply)
{
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_free (reply);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->server = tend_mastodon_test_server_new (&error);
  g_assert_no_error (error);
  f->session = soup_session_new ();
  f->base_url = tend_mastodon_test_server_dup_base_url (f->server);
  g_assert_true (g_str_has_prefix (f->base_url, "http://127.0.0.1:"));
  tend_mastodon_test_server_populate (f->server, 60, 30, 40);
  f->token = tend_mastodon_test_server_issue_token (f->server, SCOPES);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_free (f->token);
  g_free (f->base_url);
  g_clear_object (&f->session);
  g_clear_object (&f->server);
}

static SoupMessage *
new_message (Fixture    *f,
             const char *method,
             const char *path_or_url,
             const char *token,
             const char *form)
{
  g_autofree char *url = g_str_has_prefix (path_or_url, "http")
    ? g_strdup (path_or_url) : g_strconcat (f->base_url, path_or_url, NULL);
  SoupMessage *msg = soup_message_new (method, url);

  g_assert_nonnull (msg);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  if (token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
    }
  if (form != NULL)
    {
      g_autoptr(GBytes) body = g_bytes_new (form, strlen (form));
      soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
    }
  return msg;
}

static Reply *
send (Fixture     *f,
      SoupMessage *msg)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Reply *reply = g_new0 (Reply, 1);

  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL,
                                    tend_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  reply->body = soup_session_send_and_read_finish (f->session, result, &error);
  g_assert_no_error (error);
  reply->status = soup_message_get_status (msg);
  reply->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  return reply;
}

static Reply *
request (Fixture    *f,
         const char *method,
         const char *path_or_url,
         const char *token,
         const char *form)
{
  g_autoptr(SoupMessage) msg = new_message (f, method, path_or_url, token, form);

  return send (f, msg);
}

static JsonNode *
parse_body (Reply   *reply,
            GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size;
  const char *data = g_bytes_get_data (reply->body, &size);

  if (!json_parser_load_from_data (parser, data, size, error))
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

static JsonNode *
parse_ok (Reply *reply)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root = parse_body (reply, &error);

  g_assert_no_error (error);
  return root;
}

/* The URL of a Link header's @rel ("next", "prev"), or NULL. */
static char *
find_link (Reply      *reply,
           const char *rel)
{
  const char *link = soup_message_headers_get_one (reply->headers, "Link");
  g_autofree char *wanted = g_strdup_printf ("rel=\"%s\"", rel);
  g_auto(GStrv) parts = NULL;

  if (link == NULL)
    return NULL;
  parts = g_strsplit (link, ", ", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *start = strchr (parts[i], '<');
      const char *end = strchr (parts[i], '>');

      if (start != NULL && end != NULL && strstr (end, wanted) != NULL)
        return g_strndup (start + 1, end - start - 1);
    }
  return NULL;
}

static char *
next_link (Reply *reply)
{
  return find_link (reply, "next");
}

/* Follows next links from @path; the ids of every item, in order. */
static GPtrArray *
walk_pages (Fixture    *f,
            const char *path,
            guint      *n_pages)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *url = g_strdup (path);

  *n_pages = 0;
  while (url != NULL)
    {
      g_autoptr(Reply) reply = request (f, "GET", url, f->token, NULL);
      g_autoptr(JsonNode) root = NULL;
      JsonArray *array;

      g_assert_cmpuint (reply->status, ==, 200);
      root = parse_ok (reply);
      g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
      array = json_node_get_array (root);
      for (guint i = 0; i < json_array_get_length (array); i++)
        g_ptr_array_add (ids, g_strdup (json_object_get_string_member (json_array_get_object_element (array, i), "id")));
      (*n_pages)++;
      g_free (url);
      url = next_link (reply);
      if (url != NULL)
        g_assert_true (g_str_has_prefix (url, f->base_url));
      g_assert_cmpuint (*n_pages, <, 1000);
    }
  return ids;
}

static void
test_follow_pages (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) followers = NULL;
  g_autoptr(GPtrArray) following = NULL;
  g_autoptr(Reply) capped = NULL;
  g_autoptr(JsonNode) capped_root = NULL;
  g_autofree char *capped_next = NULL;
  guint n_pages;

  followers = walk_pages (f, "/api/v1/accounts/1/followers?limit=40", &n_pages);
  g_assert_cmpuint (followers->len, ==, 100);
  g_assert_cmpuint (tend_mastodon_test_server_count_accounts (f->server, TEND_MASTODON_TEST_FOLLOWED_BY), ==, 100);
  /* Three full pages, the last with 20, and no next link after a short page. */
  g_assert_cmpuint (n_pages, ==, 3);
  for (guint i = 0; i < followers->len; i++)
    {
      const char *id = g_ptr_array_index (followers, i);

      g_assert_true (g_hash_table_add (seen, (gpointer) id));
      g_assert_true (tend_mastodon_test_server_get_follow (f->server, id) & TEND_MASTODON_TEST_FOLLOWED_BY);
    }

  following = walk_pages (f, "/api/v1/accounts/1/following", &n_pages);
  g_assert_cmpuint (following->len, ==, 70);
  g_assert_cmpuint (tend_mastodon_test_server_count_accounts (f->server, TEND_MASTODON_TEST_FOLLOWING), ==, 70);
  g_assert_cmpuint (tend_mastodon_test_server_count_accounts (f->server,
                                                              TEND_MASTODON_TEST_FOLLOWING | TEND_MASTODON_TEST_FOLLOWED_BY),
                    ==, 40);
  /* Default page size 40: 40 + 30, the short page ends it. */
  g_assert_cmpuint (n_pages, ==, 2);

  /* limit is capped at 80, and the next link keeps it. */
  capped = request (f, "GET", "/api/v1/accounts/1/followers?limit=500", f->token, NULL);
  capped_root = parse_ok (capped);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (capped_root)), ==, 80);
  capped_next = next_link (capped);
  g_assert_nonnull (capped_next);
  g_assert_nonnull (strstr (capped_next, "limit=500"));
  g_assert_nonnull (strstr (capped_next, "max_id="));
}

static void
test_account_shapes (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(Reply) me = request (f, "GET", "/api/v1/accounts/verify_credentials", f->token, NULL);
  g_autoptr(JsonNode) root = parse_ok (me);
  JsonObject *owner = json_node_get_object (root);
  g_autoptr(GPtrArray) ids = tend_mastodon_test_server_dup_account_ids (f->server);
  gboolean any_moved = FALSE, any_suspended = FALSE, any_null_date = FALSE, any_date = FALSE;

  g_assert_cmpstr (json_object_get_string_member (owner, "id"), ==, "1");
  g_assert_cmpstr (json_object_get_string_member (owner, "acct"), ==, "owner");
  g_assert_cmpint (json_object_get_int_member (owner, "followers_count"), ==, 100);
  g_assert_cmpint (json_object_get_int_member (owner, "following_count"), ==, 70);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *json = tend_mastodon_test_server_dup_account_json (f->server, g_ptr_array_index (ids, i));
      g_autoptr(JsonNode) node = json_from_string (json, NULL);
      JsonObject *account = json_node_get_object (node);
      JsonNode *last = json_object_get_member (account, "last_status_at");

      g_assert_cmpstr (json_object_get_string_member (account, "id"), ==, g_ptr_array_index (ids, i));
      g_assert_cmpstr (json_object_get_string_member (account, "acct"), ==,
                       tend_mastodon_test_server_get_account_acct (f->server, g_ptr_array_index (ids, i)));
      g_assert_true (json_object_has_member (account, "display_name"));
      g_assert_true (json_object_has_member (account, "note"));
      any_moved |= json_object_has_member (account, "moved");
      any_suspended |= json_object_has_member (account, "suspended");
      if (JSON_NODE_HOLDS_NULL (last))
        any_null_date = TRUE;
      else
        {
          /* A date, no time: "2024-05-01". */
          g_assert_cmpuint (strlen (json_node_get_string (last)), ==, 10);
          any_date = TRUE;
        }
    }
  g_assert_true (any_moved);
  g_assert_true (any_suspended);
  g_assert_true (any_null_date);
  g_assert_true (any_date);
  g_assert_null (tend_mastodon_test_server_dup_account_json (f->server, "999999"));
}

static void
test_deterministic (void)
{
  g_autoptr(TendMastodonTestServer) a = tend_mastodon_test_server_new (NULL);
  g_autoptr(TendMastodonTestServer) b = tend_mastodon_test_server_new (NULL);
  GPtrArray *ia, *ib;
  g_autoptr(GPtrArray) ids = NULL;

  tend_mastodon_test_server_set_now (a, 1735689600);
  tend_mastodon_test_server_set_now (b, 1735689600);
  tend_mastodon_test_server_populate (a, 20, 10, 15);
  tend_mastodon_test_server_populate (b, 20, 10, 15);

  ids = tend_mastodon_test_server_dup_account_ids (a);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *ja = tend_mastodon_test_server_dup_account_json (a, g_ptr_array_index (ids, i));
      g_autofree char *jb = tend_mastodon_test_server_dup_account_json (b, g_ptr_array_index (ids, i));

      /* The URLs hold each server's port; the rest must match. */
      g_assert_cmpuint (strlen (ja), >, 0);
      g_assert_cmpstr (tend_mastodon_test_server_get_account_acct (a, g_ptr_array_index (ids, i)), ==,
                       tend_mastodon_test_server_get_account_acct (b, g_ptr_array_index (ids, i)));
    }
  ia = tend_mastodon_test_server_get_interactions (a);
  ib = tend_mastodon_test_server_get_interactions (b);
  g_assert_cmpuint (ia->len, ==, ib->len);
  g_assert_cmpuint (ia->len, >, 0);
  for (guint i = 0; i < ia->len; i++)
    {
      TendMastodonTestInteraction *x = g_ptr_array_index (ia, i);
      TendMastodonTestInteraction *y = g_ptr_array_index (ib, i);

      g_assert_cmpint (x->kind, ==, y->kind);
      g_assert_cmpstr (x->account_id, ==, y->account_id);
      g_assert_cmpstr (x->object_id, ==, y->object_id);
      g_assert_cmpint (x->created_at, ==, y->created_at);
      g_assert_cmpint (x->created_at, <=, 1735689600);
      g_assert_cmpint (x->created_at, >=, 1735689600 - 366 * 86400);
    }
}

static void
test_notifications (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) mentions = NULL;
  guint n_in = 0;
  guint n_pages;
  GPtrArray *interactions = tend_mastodon_test_server_get_interactions (f->server);

  for (guint i = 0; i < interactions->len; i++)
    if (((TendMastodonTestInteraction *) g_ptr_array_index (interactions, i))->kind <= TEND_MASTODON_TEST_QUOTE_IN)
      n_in++;

  all = walk_pages (f, "/api/v1/notifications?limit=80", &n_pages);
  g_assert_cmpuint (all->len, ==, n_in);
  g_assert_cmpuint (n_pages, >, 1);

  mentions = walk_pages (f, "/api/v1/notifications?limit=80&types[]=mention", &n_pages);
  g_assert_cmpuint (mentions->len, ==,
                    tend_mastodon_test_server_count_interactions (f->server, TEND_MASTODON_TEST_MENTION_IN, NULL));
  g_assert_cmpuint (mentions->len, >, 0);
  /* The filter travels in the next links. */
  g_assert_cmpuint (tend_mastodon_test_server_count_requests (f->server, "GET /api/v1/notifications?limit=80&types%5B%5D=mention&max_id="),
                    ==, n_pages - 1);
}

static void
test_statuses_and_favourites (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GPtrArray) favourites = NULL;
  g_autoptr(Reply) first = NULL;
  g_autoptr(JsonNode) root = NULL;
  guint n_pages;

  statuses = walk_pages (f, "/api/v1/accounts/1/statuses?limit=40", &n_pages);
  g_assert_cmpuint (statuses->len, >=,
                    tend_mastodon_test_server_count_interactions (f->server, TEND_MASTODON_TEST_REPLY_OUT, NULL) +
                    tend_mastodon_test_server_count_interactions (f->server, TEND_MASTODON_TEST_MENTION_OUT, NULL) +
                    tend_mastodon_test_server_count_interactions (f->server, TEND_MASTODON_TEST_REBLOG_OUT, NULL));

  favourites = walk_pages (f, "/api/v1/favourites?limit=40", &n_pages);
  g_assert_cmpuint (favourites->len, ==,
                    tend_mastodon_test_server_count_interactions (f->server, TEND_MASTODON_TEST_FAVOURITE_OUT, NULL));

  /* limit is capped at 40 for statuses. */
  first = request (f, "GET", "/api/v1/accounts/1/statuses?limit=80", f->token, NULL);
  root = parse_ok (first);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), <=, 40);
}

/* Registers an app; returns its client id and secret. */
static void
register_app (Fixture     *f,
              const char  *redirect,
              char       **client_id,
              char       **client_secret)
{
  g_autofree char *form = NULL;
  g_autoptr(Reply) reply = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *app;
  GString *encoded = g_string_new (NULL);

  g_string_append (encoded, "client_name=Tend&redirect_uris=");
  g_string_append_uri_escaped (encoded, redirect, NULL, FALSE);
  g_string_append (encoded, "&scopes=");
  g_string_append_uri_escaped (encoded, SCOPES, NULL, FALSE);
  form = g_string_free (encoded, FALSE);
  reply = request (f, "POST", "/api/v1/apps", NULL, form);
  g_assert_cmpuint (reply->status, ==, 200);
  root = parse_ok (reply);
  app = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (app, "redirect_uri"), ==, redirect);
  *client_id = g_strdup (json_object_get_string_member (app, "client_id"));
  *client_secret = g_strdup (json_object_get_string_member (app, "client_secret"));
}

static char *
authorize_url (Fixture    *f,
               const char *client_id,
               const char *redirect,
               const char *challenge)
{
  GString *url = g_string_new (f->base_url);

  g_string_append (url, "/oauth/authorize?response_type=code&client_id=");
  g_string_append_uri_escaped (url, client_id, NULL, FALSE);
  g_string_append (url, "&redirect_uri=");
  g_string_append_uri_escaped (url, redirect, NULL, FALSE);
  g_string_append (url, "&scope=");
  g_string_append_uri_escaped (url, SCOPES, NULL, FALSE);
  g_string_append (url, "&state=xyz&code_challenge_method=S256&code_challenge=");
  g_string_append (url, challenge);
  return g_string_free (url, FALSE);
}

static char *
token_form (const char *client_id,
            const char *client_secret,
            const char *code,
            const char *redirect,
            const char *verifier)
{
  GString *form = g_string_new ("grant_type=authorization_code&client_id=");

  g_string_append_uri_escaped (form, client_id, NULL, FALSE);
  g_string_append (form, "&client_secret=");
  g_string_append_uri_escaped (form, client_secret, NULL, FALSE);
  g_string_append (form, "&code=");
  g_string_append_uri_escaped (form, code, NULL, FALSE);
  g_string_append (form, "&redirect_uri=");
  g_string_append_uri_escaped (form, redirect, NULL, FALSE);
  g_string_append (form, "&code_verifier=");
  g_string_append_uri_escaped (form, verifier, NULL, FALSE);
  return g_string_free (form, FALSE);
}

static void
test_oauth (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *client_id = NULL;
  g_autofree char *client_secret = NULL;
  g_autofree char *url = NULL;
  g_autofree char *code = NULL;
  g_autofree char *wrong = NULL;
  g_autofree char *right = NULL;
  g_autofree char *revoke = NULL;
  g_autoptr(Reply) authorized = NULL;
  g_autoptr(Reply) refused = NULL;
  g_autoptr(Reply) granted = NULL;
  g_autoptr(Reply) again = NULL;
  g_autoptr(Reply) me = NULL;
  g_autoptr(Reply) revoked = NULL;
  g_autoptr(Reply) after = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GUri) location = NULL;
  g_autoptr(GHashTable) params = NULL;
  const char *access_token;

  register_app (f, LOOPBACK_REDIRECT, &client_id, &client_secret);
  g_assert_cmpuint (tend_mastodon_test_server_get_n_apps (f->server), ==, 1);

  url = authorize_url (f, client_id, LOOPBACK_REDIRECT, CHALLENGE);
  authorized = request (f, "GET", url, NULL, NULL);
  g_assert_cmpuint (authorized->status, ==, 302);
  location = g_uri_parse (soup_message_headers_get_one (authorized->headers, "Location"), G_URI_FLAGS_NONE, NULL);
  g_assert_nonnull (location);
  g_assert_cmpstr (g_uri_get_path (location), ==, "/callback");
  params = g_uri_parse_params (g_uri_get_query (location), -1, "&", G_URI_PARAMS_NONE, NULL);
  g_assert_cmpstr (g_hash_table_lookup (params, "state"), ==, "xyz");
  code = g_strdup (g_hash_table_lookup (params, "code"));
  g_assert_nonnull (code);

  /* A wrong verifier is refused and does not use the code up. */
  wrong = token_form (client_id, client_secret, code, LOOPBACK_REDIRECT, "not-the-verifier-not-the-verifier-not-the-v");
  refused = request (f, "POST", "/oauth/token", NULL, wrong);
  g_assert_cmpuint (refused->status, ==, 400);
  g_assert_nonnull (strstr (g_bytes_get_data (refused->body, NULL), "invalid_grant"));

  right = token_form (client_id, client_secret, code, LOOPBACK_REDIRECT, VERIFIER);
  granted = request (f, "POST", "/oauth/token", NULL, right);
  g_assert_cmpuint (granted->status, ==, 200);
  root = parse_ok (granted);
  access_token = json_object_get_string_member (json_node_get_object (root), "access_token");
  g_assert_true (tend_mastodon_test_server_is_token_valid (f->server, access_token));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "scope"), ==, SCOPES);

  /* A code works once. */
  again = request (f, "POST", "/oauth/token", NULL, right);
  g_assert_cmpuint (again->status, ==, 400);

  me = request (f, "GET", "/api/v1/accounts/verify_credentials", access_token, NULL);
  g_assert_cmpuint (me->status, ==, 200);

  /* The client authenticates with HTTP Basic here, with form fields above. */
  revoke = g_strdup_printf ("token=%s", access_token);
  {
    g_autoptr(SoupMessage) msg = new_message (f, "POST", "/oauth/revoke", NULL, revoke);
    g_autofree char *pair = g_strconcat (client_id, ":", client_secret, NULL);
    g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
    g_autofree char *basic = g_strconcat ("Basic ", encoded, NULL);

    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", basic);
    revoked = send (f, msg);
  }
  g_assert_cmpuint (revoked->status, ==, 200);
  g_assert_false (tend_mastodon_test_server_is_token_valid (f->server, access_token));
  after = request (f, "GET", "/api/v1/accounts/verify_credentials", access_token, NULL);
  g_assert_cmpuint (after->status, ==, 401);
  g_assert_nonnull (strstr (g_bytes_get_data (after->body, NULL), "The access token is invalid"));

  g_assert_cmpuint (tend_mastodon_test_server_count_requests (f->server, "POST /oauth/token"), ==, 3);
}

static void
test_oauth_refusals (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *client_id = NULL;
  g_autofree char *client_secret = NULL;
  g_autofree char *s256_url = NULL;
  g_autofree char *plain_url = NULL;
  g_autofree char *oob_url = NULL;
  g_autofree char *denied_url = NULL;
  g_autoptr(Reply) plain = NULL;
  g_autoptr(Reply) oob = NULL;
  g_autoptr(Reply) denied = NULL;
  g_autoptr(Reply) no_auth = NULL;
  g_autoptr(Reply) read_only = NULL;
  g_autofree char *read_token = tend_mastodon_test_server_issue_token (f->server, "read");
  g_autofree char *body = NULL;

  register_app (f, OOB_REDIRECT, &client_id, &client_secret);

  /* Only S256: a "plain" challenge is refused. */
  s256_url = authorize_url (f, client_id, OOB_REDIRECT, VERIFIER);
  plain_url = g_strconcat (s256_url, "&code_challenge_method=plain", NULL);
  plain = request (f, "GET", plain_url, NULL, NULL);
  g_assert_cmpuint (plain->status, ==, 400);

  /* Out of band: the code is on the page. */
  oob_url = authorize_url (f, client_id, OOB_REDIRECT, CHALLENGE);
  oob = request (f, "GET", oob_url, NULL, NULL);
  g_assert_cmpuint (oob->status, ==, 200);
  body = g_strndup (g_bytes_get_data (oob->body, NULL), g_bytes_get_size (oob->body));
  g_assert_nonnull (strstr (body, "class=\"oauth-code\""));

  tend_mastodon_test_server_set_deny_authorization (f->server, TRUE);
  denied_url = authorize_url (f, client_id, OOB_REDIRECT, CHALLENGE);
  denied = request (f, "GET", denied_url, NULL, NULL);
  g_assert_cmpuint (denied->status, ==, 400);
  g_assert_nonnull (strstr (g_bytes_get_data (denied->body, NULL), "access_denied"));

  no_auth = request (f, "GET", "/api/v1/notifications", NULL, NULL);
  g_assert_cmpuint (no_auth->status, ==, 401);

  /* Writing needs write:follows. */
  read_only = request (f, "POST", "/api/v1/accounts/1001/unfollow", read_token, "");
  g_assert_cmpuint (read_only->status, ==, 403);
}

static void
test_follow_actions (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = tend_mastodon_test_server_dup_account_ids (f->server);
  const char *follower = NULL;
  const char *followed = NULL;
  const char *stranger = NULL;
  g_autofree char *unfollow = NULL;
  g_autofree char *remove = NULL;
  g_autofree char *follow = NULL;
  g_autoptr(Reply) r1 = NULL;
  g_autoptr(Reply) r2 = NULL;
  g_autoptr(Reply) r3 = NULL;
  g_autoptr(JsonNode) relationship = NULL;
  g_autoptr(GPtrArray) following = NULL;
  g_autofree char *newer = NULL;
  guint n_pages;

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      TendMastodonTestFollow state = tend_mastodon_test_server_get_follow (f->server, id);
      g_autofree char *json = tend_mastodon_test_server_dup_account_json (f->server, id);
      gboolean locked = strstr (json, "\"locked\":true") != NULL;

      if (state == TEND_MASTODON_TEST_FOLLOWED_BY && follower == NULL)
        follower = id;
      else if (state == TEND_MASTODON_TEST_FOLLOWING && followed == NULL)
        followed = id;
      else if (state == TEND_MASTODON_TEST_FOLLOW_NONE && !locked && stranger == NULL)
        stranger = id;
    }
  g_assert_nonnull (follower);
  g_assert_nonnull (followed);
  g_assert_nonnull (stranger);

  unfollow = g_strdup_printf ("/api/v1/accounts/%s/unfollow", followed);
  r1 = request (f, "POST", unfollow, f->token, "");
  g_assert_cmpuint (r1->status, ==, 200);
  relationship = parse_ok (r1);
  g_assert_false (json_object_get_boolean_member (json_node_get_object (relationship), "following"));
  g_assert_cmpint (tend_mastodon_test_server_get_follow (f->server, followed), ==, TEND_MASTODON_TEST_FOLLOW_NONE);

  remove = g_strdup_printf ("/api/v1/accounts/%s/remove_from_followers", follower);
  r2 = request (f, "POST", remove, f->token, "");
  g_assert_cmpuint (r2->status, ==, 200);
  g_assert_cmpint (tend_mastodon_test_server_get_follow (f->server, follower), ==, TEND_MASTODON_TEST_FOLLOW_NONE);

  /* The first page's prev link asks for what is newer than it. */
  {
    g_autoptr(Reply) first = request (f, "GET", "/api/v1/accounts/1/following", f->token, NULL);

    newer = find_link (first, "prev");
    g_assert_nonnull (newer);
    g_assert_nonnull (strstr (newer, "min_id="));
  }

  follow = g_strdup_printf ("/api/v1/accounts/%s/follow", stranger);
  r3 = request (f, "POST", follow, f->token, "");
  g_assert_cmpuint (r3->status, ==, 200);
  g_assert_cmpint (tend_mastodon_test_server_get_follow (f->server, stranger), ==, TEND_MASTODON_TEST_FOLLOWING);

  /* Later pages show the change: one out, one in. */
  following = walk_pages (f, "/api/v1/accounts/1/following", &n_pages);
  g_assert_cmpuint (following->len, ==, 70);
  g_assert_false (g_ptr_array_find_with_equal_func (following, followed, g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (following, stranger, g_str_equal, NULL));

  /* …and so does the prev link: only the new follow is newer. */
  {
    g_autoptr(Reply) since = request (f, "GET", newer, f->token, NULL);
    g_autoptr(JsonNode) root = parse_ok (since);
    JsonArray *array = json_node_get_array (root);

    g_assert_cmpuint (json_array_get_length (array), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "id"), ==, stranger);
  }

  g_assert_cmpuint (tend_mastodon_test_server_count_requests (f->server, "POST /api/v1/accounts/"), ==, 3);
}

static void
test_rate_limit (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(Reply) limited = NULL;
  g_autoptr(GDateTime) reset = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  tend_mastodon_test_server_set_rate_limit (f->server, 3, 300);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(Reply) reply = request (f, "GET", "/api/v1/accounts/verify_credentials", f->token, NULL);
      g_autofree char *remaining = g_strdup_printf ("%u", 2 - i);

      g_assert_cmpuint (reply->status, ==, 200);
      g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "X-RateLimit-Limit"), ==, "3");
      g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "X-RateLimit-Remaining"), ==, remaining);
    }
  limited = request (f, "GET", "/api/v1/accounts/verify_credentials", f->token, NULL);
  g_assert_cmpuint (limited->status, ==, 429);
  g_assert_cmpstr (soup_message_headers_get_one (limited->headers, "X-RateLimit-Remaining"), ==, "0");
  reset = g_date_time_new_from_iso8601 (soup_message_headers_get_one (limited->headers, "X-RateLimit-Reset"), NULL);
  g_assert_nonnull (reset);
  g_assert_cmpint (g_date_time_compare (reset, now), >, 0);
  g_assert_cmpint (g_date_time_difference (reset, now), <=, 301 * G_TIME_SPAN_SECOND);
  g_assert_cmpuint (tend_mastodon_test_server_get_n_rate_limited (f->server), ==, 1);
  g_assert_cmpuint (tend_mastodon_test_server_get_max_requests_in_window (f->server), ==, 4);

  /* A faster clock: the window passes, and requests go through again. */
  tend_mastodon_test_server_set_clock_scale (f->server, 3000.0);
  {
    g_autoptr(Reply) first = request (f, "GET", "/api/v1/accounts/verify_credentials", f->token, NULL);
    g_autoptr(GDateTime) fast_reset = NULL;
    g_autoptr(GDateTime) fast_now = g_date_time_new_now_utc ();

    g_assert_cmpuint (first->status, ==, 200);
    fast_reset = g_date_time_new_from_iso8601 (soup_message_headers_get_one (first->headers, "X-RateLimit-Reset"), NULL);
    /* 300 s of server clock are 0.1 s of real time. */
    g_assert_cmpint (g_date_time_difference (fast_reset, fast_now), <=, G_TIME_SPAN_SECOND / 10 + G_TIME_SPAN_MILLISECOND);
  }
}

static void
test_misbehaviours (Fixture       *f,
                    gconstpointer  data)
{
  const char *followers = "/api/v1/accounts/1/followers";

  /* Two 500s after one good reply, then good again. */
  tend_mastodon_test_server_set_misbehaviour (f->server, TEND_MASTODON_MISBEHAVIOUR_SERVER_ERROR_500, followers, 1, 2);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(Reply) reply = request (f, "GET", followers, f->token, NULL);
      g_assert_cmpuint (reply->status, ==, i == 1 || i == 2 ? 500 : 200);
    }
  tend_mastodon_test_server_set_misbehaviour (f->server, TEND_MASTODON_MISBEHAVIOUR_NONE, NULL, 0, 0);

  {
    g_autoptr(Reply) reply = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) root = NULL;

    tend_mastodon_test_server_set_misbehaviour (f->server, TEND_MASTODON_MISBEHAVIOUR_TRUNCATED_JSON, followers, 0, 1);
    reply = request (f, "GET", followers, f->token, NULL);
    g_assert_cmpuint (reply->status, ==, 200);
    root = parse_body (reply, &error);
    g_assert_null (root);
    g_assert_nonnull (error);
  }
  {
    g_autoptr(Reply) reply = NULL;
    g_autoptr(JsonNode) root = NULL;
    JsonArray *array;

    tend_mastodon_test_server_set_misbehaviour (f->server, TEND_MASTODON_MISBEHAVIOUR_NONE, NULL, 0, 0);
    tend_mastodon_test_server_set_misbehaviour (f->server, TEND_MASTODON_MISBEHAVIOUR_WRONG_TYPE_JSON, followers, 0, 1);
    reply = request (f, "GET", followers, f->token, NULL);
    root = parse_ok (reply);
    array = json_node_get_array (root);
    g_assert_cmpint (json_node_get_value_type (json_object_get_member (json_array_get_object_element (array, 0), "id")), ==, G_TYPE_INT64);
    g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (json_array_get_object_element (array, 1), "display_name")));
  }
  {
    g_autoptr(Reply) reply = NULL;
    g_autoptr(JsonNode) root = NULL;

    tend_mastodon_test_server_set_misbehaviour (f->server, TEND_MASTODON_MISBEHAVIOUR_NONE, NULL, 0, 0);
    tend_mastodon_test_server_set_misbehaviour (f->server, TEND_MASTODON_MISBEHAVIOUR_PAGE_NOT_ARRAY, followers, 0, 1);
    reply = request (f, "GET", followers, f->token, NULL);
    root = parse_ok (reply);
    g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  }
  {
    g_autoptr(Reply) first = NULL;
    g_autoptr(Reply) second = NULL;
    g_autofree char *next = NULL;
    g_autofree char *loop = NULL;
    g_autofree char *first_url = g_strconcat (f->base_url, followers, NULL);

    tend_mastodon_test_server_set_misbehaviour (f->server, TEND_MASTODON_MISBEHAVIOUR_NONE, NULL, 0, 0);
    tend_mastodon_test_server_set_misbehaviour (f->server, TEND_MASTODON_MISBEHAVIOUR_PAGINATION_LOOP, followers, 1, 0);
    first = request (f, "GET", followers, f->token, NULL);
    next = next_link (first);
    g_assert_nonnull (strstr (next, "max_id="));
    second = request (f, "GET", next, f->token, NULL);
    loop = next_link (second);
    g_assert_cmpstr (loop, ==, first_url);
  }
  {
    g_autoptr(Reply) reply = NULL;
    g_autofree char *next = NULL;
    g_autofree char *url = g_strconcat (f->base_url, followers, "?limit=80&max_id=50", NULL);

    tend_mastodon_test_server_set_misbehaviour (f->server, TEND_MASTODON_MISBEHAVIOUR_NONE, NULL, 0, 0);
    tend_mastodon_test_server_set_misbehaviour (f->server, TEND_MASTODON_MISBEHAVIOUR_SAME_PAGE_FOREVER, followers, 0, 0);
    reply = request (f, "GET", url, f->token, NULL);
    next = next_link (reply);
    g_assert_cmpstr (next, ==, url);
  }
  {
    g_autoptr(Reply) reply = NULL;

    tend_mastodon_test_server_set_misbehaviour (f->server, TEND_MASTODON_MISBEHAVIOUR_NONE, NULL, 0, 0);
    tend_mastodon_test_server_set_misbehaviour (f->server, TEND_MASTODON_MISBEHAVIOUR_EXPIRED_TOKEN, "/api/", 0, 1);
    reply = request (f, "GET", "/api/v1/notifications", f->token, NULL);
    g_assert_cmpuint (reply->status, ==, 401);
    g_assert_nonnull (strstr (g_bytes_get_data (reply->body, NULL), "The access token is invalid"));
  }
  {
    g_autoptr(Reply) reply = NULL;

    tend_mastodon_test_server_set_misbehaviour (f->server, TEND_MASTODON_MISBEHAVIOUR_NONE, NULL, 0, 0);
    tend_mastodon_test_server_set_misbehaviour (f->server, TEND_MASTODON_MISBEHAVIOUR_RATE_LIMIT_429, NULL, 0, 1);
    reply = request (f, "GET", "/api/v1/notifications", f->token, NULL);
    g_assert_cmpuint (reply->status, ==, 429);
    g_assert_nonnull (soup_message_headers_get_one (reply->headers, "X-RateLimit-Reset"));
    g_assert_cmpuint (tend_mastodon_test_server_get_n_rate_limited (f->server), ==, 0);
  }
  {
    g_autoptr(Reply) reply = NULL;
    g_autoptr(JsonNode) root = NULL;

    tend_mastodon_test_server_set_misbehaviour (f->server, TEND_MASTODON_MISBEHAVIOUR_NONE, NULL, 0, 0);
    tend_mastodon_test_server_set_misbehaviour (f->server, TEND_MASTODON_MISBEHAVIOUR_SLOW, followers, 0, 1);
    tend_mastodon_test_server_set_slow_delay (f->server, 50);
    reply = request (f, "GET", followers, f->token, NULL);
    g_assert_cmpuint (reply->status, ==, 200);
    root = parse_ok (reply);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 40);
  }
}

static void
test_oversized_body (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(SoupMessage) msg = new_message (f, "GET", "/api/v1/notifications", f->token, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *buffer = g_malloc (256 * 1024);
  guint64 total = 0;

  tend_mastodon_test_server_set_misbehaviour (f->server, TEND_MASTODON_MISBEHAVIOUR_OVERSIZED_BODY, "/api/v1/notifications", 0, 1);
  soup_session_send_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, tend_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  stream = soup_session_send_finish (f->session, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpint (soup_message_headers_get_content_length (soup_message_get_response_headers (msg)), ==, 0);

  for (;;)
    {
      g_autoptr(GAsyncResult) read = NULL;
      gssize n;

      g_input_stream_read_async (stream, buffer, 256 * 1024, G_PRIORITY_DEFAULT, NULL, tend_test_store_result, &read);
      while (read == NULL)
        g_main_context_iteration (NULL, TRUE);
      n = g_input_stream_read_finish (stream, read, &error);
      g_assert_no_error (error);
      if (n == 0)
        break;
      total += n;
    }
  g_assert_cmpuint (total, >=, 64 * 1024 * 1024);
}

/* A client that blocks its thread still gets answers. */
static void
test_threaded (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendMastodonTestServer) server = tend_mastodon_test_server_new_threaded (&error);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *base_url = NULL;
  g_autofree char *token = NULL;
  g_autofree char *url = NULL;
  g_autofree char *bearer = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_assert_no_error (error);
  tend_mastodon_test_server_populate (server, 10, 5, 5);
  token = tend_mastodon_test_server_issue_token (server, "read");
  base_url = tend_mastodon_test_server_dup_base_url (server);
  url = g_strconcat (base_url, "/api/v1/accounts/1/followers?limit=80", NULL);
  bearer = g_strconcat ("Bearer ", token, NULL);
  msg = soup_message_new ("GET", url);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);

  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  root = json_from_string (g_bytes_get_data (body, NULL), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 15);
  g_assert_cmpuint (tend_mastodon_test_server_count_requests (server, "GET /api/v1/accounts/1/followers"), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/mastodon-server/follow-pages", test_follow_pages);
  ADD ("/mastodon-server/account-shapes", test_account_shapes);
  ADD ("/mastodon-server/notifications", test_notifications);
  ADD ("/mastodon-server/statuses-and-favourites", test_statuses_and_favourites);
  ADD ("/mastodon-server/oauth", test_oauth);
  ADD ("/mastodon-server/oauth-refusals", test_oauth_refusals);
  ADD ("/mastodon-server/follow-actions", test_follow_actions);
  ADD ("/mastodon-server/rate-limit", test_rate_limit);
  ADD ("/mastodon-server/misbehaviours", test_misbehaviours);
  ADD ("/mastodon-server/oversized-body", test_oversized_body);
  g_test_add_func ("/mastodon-server/deterministic", test_deterministic);
  g_test_add_func ("/mastodon-server/threaded", test_threaded);

#undef ADD

  return g_test_run ();
}
