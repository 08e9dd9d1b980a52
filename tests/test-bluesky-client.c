/* test-bluesky-client.c: the Bluesky client against a small local server:
 * rate limits, refused tokens, and replies a sync must not trust
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tend-bluesky-sync.h"
#include "tend-test-utils.h"

typedef enum {
  MODE_OK,
  MODE_RATE_LIMITED,
  MODE_CURSOR_LOOP,
  MODE_TOO_LARGE,
  MODE_WRONG_TYPE,
  MODE_EXPIRED,
  MODE_REFRESH_FAILS,
} Mode;

typedef struct {
  SoupServer        *server;
  TendStore         *store;
  TendBlueskyClient *client;
  char              *dir;
  Mode               mode;
  guint              n_followers_calls;
  guint              n_refreshes;
  char              *token;          /* the access token the server accepts */
} Fixture;

#define OWNER_DID "did:plc:owner"

static void
reply_json (SoupServerMessage *msg,
            guint              status,
            const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, strlen (json));
}

static void
handle (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  g_autofree char *expected = g_strconcat ("Bearer ", f->token, NULL);

  if (g_str_equal (path, "/xrpc/com.atproto.server.refreshSession"))
    {
      f->n_refreshes++;
      if (f->mode == MODE_REFRESH_FAILS || g_strcmp0 (authorization, "Bearer refresh-1") != 0)
        {
          reply_json (msg, 400, "{\"error\":\"ExpiredToken\",\"message\":\"Token has expired\"}");
          return;
        }
      g_free (f->token);
      f->token = g_strdup ("access-2");
      reply_json (msg, 200, "{\"accessJwt\":\"access-2\",\"refreshJwt\":\"refresh-2\","
                            "\"did\":\"" OWNER_DID "\",\"handle\":\"owner.test\"}");
      return;
    }

  if (g_strcmp0 (authorization, expected) != 0)
    {
      reply_json (msg, 400, "{\"error\":\"ExpiredToken\",\"message\":\"Token has expired\"}");
      return;
    }

  if (g_str_equal (path, "/xrpc/app.bsky.actor.getProfile"))
    reply_json (msg, 200, "{\"did\":\"" OWNER_DID "\",\"handle\":\"owner.test\","
                          "\"followersCount\":1,\"followsCount\":0}");
  else if (g_str_equal (path, "/xrpc/app.bsky.graph.getFollowers"))
    {
      f->n_followers_calls++;
      switch (f->mode)
        {
        case MODE_RATE_LIMITED:
          if (f->n_followers_calls == 1)
            {
              SoupMessageHeaders *out = soup_server_message_get_response_headers (msg);
              g_autofree char *reset = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                        g_get_real_time () / G_USEC_PER_SEC + 1);

              soup_message_headers_replace (out, "ratelimit-limit", "3000");
              soup_message_headers_replace (out, "ratelimit-remaining", "0");
              soup_message_headers_replace (out, "ratelimit-reset", reset);
              reply_json (msg, 429, "{\"error\":\"RateLimitExceeded\"}");
              return;
            }
          break;
        case MODE_CURSOR_LOOP:
          reply_json (msg, 200, "{\"followers\":[{\"did\":\"did:plc:a\",\"handle\":\"a.test\"}],"
                                "\"cursor\":\"same\"}");
          return;
        case MODE_TOO_LARGE:
          {
            g_autofree char *padding = g_strnfill (TEND_WEB_CLIENT_MAX_REPLY_BYTES + 1, ' ');
            g_autofree char *body = g_strconcat ("{\"followers\":[]", padding, "}", NULL);

            reply_json (msg, 200, body);
            return;
          }
        case MODE_WRONG_TYPE:
          reply_json (msg, 200, "{\"followers\":[{\"did\":7,\"handle\":\"a.test\"}]}");
          return;
        case MODE_OK:
        case MODE_EXPIRED:
        case MODE_REFRESH_FAILS:
        default:
          break;
        }
      reply_json (msg, 200, "{\"followers\":[{\"did\":\"did:plc:a\",\"handle\":\"a.test\","
                            "\"displayName\":\"A <b>baker</b>\"}]}");
    }
  else if (g_str_equal (path, "/xrpc/app.bsky.graph.getFollows"))
    reply_json (msg, 200, "{\"follows\":[]}");
  else if (g_str_equal (path, "/xrpc/app.bsky.notification.listNotifications"))
    reply_json (msg, 200, "{\"notifications\":[]}");
  else if (g_str_equal (path, "/xrpc/com.atproto.repo.listRecords"))
    /* listRecords sends a cursor even on its last, empty page. */
    reply_json (msg, 200, "{\"records\":[],\"cursor\":\"end\"}");
  else
    reply_json (msg, 400, "{\"error\":\"MethodNotImplemented\"}");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *path = NULL;
  g_autofree char *base = NULL;
  gint64 source_id;

  f->mode = GPOINTER_TO_INT (data);
  f->token = g_strdup (f->mode == MODE_EXPIRED || f->mode == MODE_REFRESH_FAILS ? "access-2" : "access-1");
  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, "/xrpc", handle, f, NULL);
  g_assert_true (soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  base = g_uri_to_string (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  f->dir = tend_test_make_tmp_dir ("tend-bluesky-client-XXXXXX");
  path = tend_store_build_path (f->dir);
  f->store = tend_store_open (path, &error);
  g_assert_no_error (error);

  f->client = tend_bluesky_client_new (base, &error);
  g_assert_no_error (error);
  tend_bluesky_client_set_session (f->client, OWNER_DID, "owner.test", "access-1", "refresh-1");

  source_id = tend_store_ensure_source (f->store, TEND_SOURCE_KIND_BLUESKY, "owner.test", "@owner.test", &error);
  g_assert_no_error (error);
  g_assert_true (tend_store_set_source_live (f->store, source_id,
                                             tend_bluesky_client_get_base_url (f->client), OWNER_DID, &error));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->client);
  g_clear_object (&f->store);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  tend_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->token);
}

static TendSyncResult *
run_sync (Fixture  *f,
          GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tend_bluesky_sync_async (f->client, f->store, "owner.test", NULL, NULL, tend_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return tend_bluesky_sync_finish (f->client, result, error);
}

static void
assert_nothing_stored (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (tend_store_count_connections (f->store, &error), ==, 0);
  g_assert_no_error (error);
}

static void
test_ok (Fixture       *f,
         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendSyncResult) result = run_sync (f, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (result->source->n_added, ==, 1);
  g_assert_cmpuint (f->n_refreshes, ==, 0);
}

static void
test_rate_limited (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendSyncResult) result = run_sync (f, &error);

  /* The 429 was waited out and the page asked for again. */
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_followers_calls, ==, 2);
  g_assert_cmpuint (result->source->n_added, ==, 1);
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendSyncResult) result = run_sync (f, &error);
  static const int expected[] = {
    [MODE_CURSOR_LOOP] = TEND_WEB_ERROR_LOOP,
    [MODE_TOO_LARGE] = TEND_WEB_ERROR_TOO_LARGE,
    [MODE_WRONG_TYPE] = TEND_WEB_ERROR_BAD_REPLY,
  };

  g_assert_null (result);
  g_assert_error (error, TEND_WEB_ERROR, expected[f->mode]);
  assert_nothing_stored (f);
}

static void
test_expired (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendSyncResult) result = run_sync (f, &error);

  if (f->mode == MODE_EXPIRED)
    {
      g_assert_no_error (error);
      g_assert_cmpuint (f->n_refreshes, ==, 1);
      g_assert_cmpstr (tend_bluesky_client_get_access_token (f->client), ==, "access-2");
      g_assert_cmpstr (tend_bluesky_client_get_refresh_token (f->client), ==, "refresh-2");
      g_assert_cmpuint (result->source->n_added, ==, 1);
    }
  else
    {
      g_assert_null (result);
      g_assert_error (error, TEND_BLUESKY_ERROR, TEND_BLUESKY_ERROR_SIGN_IN_AGAIN);
      g_assert_cmpuint (f->n_refreshes, ==, 1);
      assert_nothing_stored (f);
    }
}

static void
test_uris (void)
{
  g_autofree char *did = tend_bluesky_did_of_uri ("at://did:plc:abc/app.bsky.graph.follow/3k2");
  g_autofree char *rkey = tend_bluesky_rkey_of_uri ("at://did:plc:abc/app.bsky.graph.follow/3k2");
  g_autofree char *bad = tend_bluesky_did_of_uri ("https://did:plc:abc/x/y");
  g_autofree char *short_uri = tend_bluesky_rkey_of_uri ("at://did:plc:abc/app.bsky.graph.follow");

  g_assert_cmpstr (did, ==, "did:plc:abc");
  g_assert_cmpstr (rkey, ==, "3k2");
  g_assert_null (bad);
  g_assert_null (short_uri);
}

static void
test_insecure_service (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendBlueskyClient) client = tend_bluesky_client_new ("http://pds.example.com", &error);

  g_assert_null (client);
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, mode, func) \
  g_test_add ("/bluesky-client/" name, Fixture, GINT_TO_POINTER (mode), \
              fixture_set_up, func, fixture_tear_down)

  ADD ("ok", MODE_OK, test_ok);
  ADD ("rate-limited", MODE_RATE_LIMITED, test_rate_limited);
  ADD ("cursor-loop", MODE_CURSOR_LOOP, test_refused);
  ADD ("too-large", MODE_TOO_LARGE, test_refused);
  ADD ("wrong-type", MODE_WRONG_TYPE, test_refused);
  ADD ("expired-token", MODE_EXPIRED, test_expired);
  ADD ("refresh-fails", MODE_REFRESH_FAILS, test_expired);
  g_test_add_func ("/bluesky-client/uris", test_uris);
  g_test_add_func ("/bluesky-client/insecure-service", test_insecure_service);

  return g_test_run ();
}
