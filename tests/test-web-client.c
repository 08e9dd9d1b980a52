/* test-web-client.c: the parts every network client shares: plain text
 * from HTML, checked JSON members, Link headers, server names, loop
 * detection, and a rate limit that is never exceeded
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tend-html-text.h"
#include "tend-json-check.h"
#include "tend-mastodon-client.h"
#include "tend-mastodon-test-server.h"
#include "tend-page-guard.h"
#include "tend-sync-progress.h"
#include "tend-test-utils.h"
#include "tend-web-client.h"

static void
assert_text (const char *html,
             const char *expected)
{
  g_autofree char *text = tend_html_to_text (html);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_html_text (void)
{
  g_autofree char *huge = NULL;
  g_autofree char *huge_text = NULL;
  g_autofree char *deep = NULL;
  GString *builder;

  assert_text (NULL, NULL);
  assert_text ("", NULL);
  assert_text ("<p></p>", NULL);
  assert_text ("<p>Baker &amp; café</p><p>Open <b>daily</b><br>7–19</p>",
               "Baker & café\n\nOpen daily\n7–19");
  assert_text ("a < b and c > d", "a < b and c > d");
  assert_text ("&lt;script&gt;alert(1)&lt;/script&gt;", "<script>alert(1)</script>");
  assert_text ("<script>alert('x')</script>Hi<style>p{}</style>!", "Hi!");
  assert_text ("<SCRIPT>never closed", NULL);
  assert_text ("<a href=\"javascript:x\" onclick='y'>link</a>", "link");
  assert_text ("&#65;&#x42;&#x1F35E;&nbsp;&unknown;&#xD800;&#99999999;&", "AB🍞 &unknown;&#99999999;&");
  assert_text ("<!-- hidden --> shown <!-- unterminated", "shown");
  assert_text ("tab\there\r\nbell\a\x1b[31m", "tab here\nbell[31m");
  assert_text ("\xff\xfe broken UTF-8", "�� broken UTF-8");
  assert_text ("<img src=x onerror=alert(1)//", NULL);
  assert_text ("text <unclosed attr=\"", "text");

  builder = g_string_new (NULL);
  for (guint i = 0; i < 100000; i++)
    g_string_append (builder, "<i>x</i>");
  huge = g_string_free (builder, FALSE);
  huge_text = tend_html_to_text (huge);
  g_assert_cmpint (g_utf8_strlen (huge_text, -1), ==, TEND_HTML_TEXT_MAX_CHARS + 1);
  g_assert_true (g_str_has_suffix (huge_text, "…"));

  /* A '<' that starts no tag is text, however many there are. */
  deep = g_strnfill (50000, '<');
  g_free (huge_text);
  huge_text = tend_html_to_text (deep);
  g_assert_cmpint (g_utf8_strlen (huge_text, -1), ==, TEND_HTML_TEXT_MAX_CHARS + 1);
  g_assert_true (g_str_has_prefix (huge_text, "<<<<"));
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  root = json_parser_get_root (parser);
  return json_object_ref (json_node_get_object (root));
}

static void
test_json_check (void)
{
  g_autoptr(JsonObject) object = parse_object ("{\"id\":\"7\",\"n\":3,\"b\":true,\"s\":\"x\","
                                               "\"o\":{},\"a\":[],\"null\":null,\"num_id\":7,"
                                               "\"t\":\"2024-05-01T10:00:00.000Z\",\"d\":\"2024-05-01\","
                                               "\"bad_t\":\"yesterday\",\"empty\":\"\"}");
  g_autoptr(GError) error = NULL;
  const char *text;
  gint64 number;
  gboolean flag;
  JsonObject *inner;
  JsonArray *array;

  g_assert_true (tend_json_get_id (object, "id", &text, &error));
  g_assert_cmpstr (text, ==, "7");
  g_assert_true (tend_json_get_int (object, "n", &number, &error));
  g_assert_cmpint (number, ==, 3);
  g_assert_true (tend_json_get_bool (object, "b", &flag, &error));
  g_assert_true (flag);
  g_assert_true (tend_json_get_object (object, "o", TRUE, &inner, &error));
  g_assert_nonnull (inner);
  g_assert_true (tend_json_get_array (object, "a", &array, &error));
  g_assert_nonnull (array);
  g_assert_true (tend_json_get_time (object, "t", &number, &error));
  g_assert_cmpint (number, ==, 1714557600);
  g_assert_true (tend_json_get_time (object, "d", &number, &error));
  g_assert_cmpint (number, ==, 1714521600);

  /* Absent and null optional members read as absent. */
  g_assert_true (tend_json_get_string (object, "missing", FALSE, &text, &error));
  g_assert_null (text);
  g_assert_true (tend_json_get_string (object, "null", FALSE, &text, &error));
  g_assert_null (text);
  g_assert_true (tend_json_get_object (object, "null", FALSE, &inner, &error));
  g_assert_null (inner);
  g_assert_no_error (error);

  /* The wrong type is an error naming the member, never a crash. */
  g_assert_false (tend_json_get_id (object, "num_id", &text, &error));
  g_assert_error (error, TEND_JSON_CHECK_ERROR, TEND_JSON_CHECK_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "num_id"));
  g_clear_error (&error);
  g_assert_false (tend_json_get_id (object, "empty", &text, &error));
  g_clear_error (&error);
  g_assert_false (tend_json_get_string (object, "missing", TRUE, &text, &error));
  g_clear_error (&error);
  g_assert_false (tend_json_get_int (object, "s", &number, &error));
  g_clear_error (&error);
  g_assert_false (tend_json_get_bool (object, "n", &flag, &error));
  g_clear_error (&error);
  g_assert_false (tend_json_get_object (object, "a", FALSE, &inner, &error));
  g_clear_error (&error);
  g_assert_false (tend_json_get_array (object, "o", &array, &error));
  g_clear_error (&error);
  g_assert_false (tend_json_get_time (object, "bad_t", &number, &error));
  g_clear_error (&error);
  g_assert_false (tend_json_get_time (object, "n", &number, &error));
  g_clear_error (&error);
}

static void
test_link_header (void)
{
  const struct {
    const char *header;
    const char *next;
  } cases[] = {
    { "<https://m.example/api/v1/a?max_id=7>; rel=\"next\", <https://m.example/api/v1/a?min_id=9>; rel=\"prev\"",
      "https://m.example/api/v1/a?max_id=7" },
    { "<https://m.example/p?min_id=9>; rel=\"prev\", <https://m.example/n?max_id=1>; rel=\"next\"",
      "https://m.example/n?max_id=1" },
    { "<https://m.example/x>; rel=next", "https://m.example/x" },
    { "<https://m.example/x>; title=\"a;b\"; rel=\"prev next\"", "https://m.example/x" },
    { "<https://m.example/x>; rel=\"prev\"", NULL },
    { "<https://m.example/x; rel=\"next\"", NULL },
    { "garbage", NULL },
    { "", NULL },
    { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *next = tend_web_parse_link_next (cases[i].header);

      g_assert_cmpstr (next, ==, cases[i].next);
    }
}

static void
test_normalize_server (void)
{
  const struct {
    const char *input;
    const char *expected;
    int         code;
  } cases[] = {
    { "mastodon.social", "https://mastodon.social", 0 },
    { "  Mastodon.Social/ ", "https://mastodon.social", 0 },
    { "https://mastodon.social", "https://mastodon.social", 0 },
    { "https://mastodon.social:8443/", "https://mastodon.social:8443", 0 },
    { "http://127.0.0.1:3000", "http://127.0.0.1:3000", 0 },
    { "http://localhost:3000/", "http://localhost:3000", 0 },
    { "http://mastodon.social", NULL, TEND_WEB_ERROR_INSECURE },
    { "ftp://mastodon.social", NULL, TEND_WEB_ERROR_INVALID_SERVER },
    { "https://user:pw@mastodon.social", NULL, TEND_WEB_ERROR_INVALID_SERVER },
    { "mastodon.social/@someone", NULL, TEND_WEB_ERROR_INVALID_SERVER },
    { "https://mastodon.social/?q=1", NULL, TEND_WEB_ERROR_INVALID_SERVER },
    { "", NULL, TEND_WEB_ERROR_INVALID_SERVER },
    { "two words", NULL, TEND_WEB_ERROR_INVALID_SERVER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = tend_web_normalize_server (cases[i].input, &error);

      g_test_message ("%s", cases[i].input);
      g_assert_cmpstr (url, ==, cases[i].expected);
      if (cases[i].expected == NULL)
        g_assert_error (error, TEND_WEB_ERROR, cases[i].code);
    }
}

static void
test_page_guard (void)
{
  g_autoptr(TendPageGuard) guard = tend_page_guard_new ("example.org", 4);
  g_autoptr(TendPageGuard) cursors = tend_page_guard_new ("example.org", 100);
  g_autoptr(TendPageGuard) same = tend_page_guard_new ("example.org", 100);
  g_autoptr(GError) error = NULL;

  g_assert_true (tend_page_guard_check (guard, "a", "1,2,", &error));
  g_assert_true (tend_page_guard_check (guard, "b", "3,4,", &error));
  g_assert_true (tend_page_guard_check (guard, "c", NULL, &error));
  g_assert_true (tend_page_guard_check (guard, NULL, "5,", &error));
  g_assert_no_error (error);
  g_assert_false (tend_page_guard_check (guard, "d", "6,", &error));
  g_assert_error (error, TEND_WEB_ERROR, TEND_WEB_ERROR_LOOP);
  g_clear_error (&error);

  g_assert_true (tend_page_guard_check (cursors, "a", "1,", &error));
  g_assert_true (tend_page_guard_check (cursors, "b", "2,", &error));
  g_assert_false (tend_page_guard_check (cursors, "a", "3,", &error));
  g_assert_error (error, TEND_WEB_ERROR, TEND_WEB_ERROR_LOOP);
  g_clear_error (&error);

  g_assert_true (tend_page_guard_check (same, "a", "1,", &error));
  g_assert_false (tend_page_guard_check (same, "b", "1,", &error));
  g_assert_error (error, TEND_WEB_ERROR, TEND_WEB_ERROR_LOOP);
}

static void
test_progress_text (void)
{
  g_autoptr(TendSyncProgress) progress = tend_sync_progress_new ();

  tend_sync_progress_set_phase (progress, "Followers", 1, 4, 2400, 5310);
  g_assert_true (g_str_has_prefix (tend_sync_progress_get_text (progress), "Followers 2"));
  g_assert_nonnull (strstr (tend_sync_progress_get_text (progress), " of 5"));
  g_assert_cmpfloat_with_epsilon (tend_sync_progress_get_fraction (progress),
                                  (1 + 2400.0 / 5310) / 4, 1e-9);
  tend_sync_progress_set_phase (progress, "Notifications", 2, 4, 0, 0);
  g_assert_cmpstr (tend_sync_progress_get_text (progress), ==, "Notifications");
  g_assert_cmpfloat (tend_sync_progress_get_fraction (progress), ==, 0.5);
}

typedef struct {
  TendWebClient *web;
  guint          n_left;
  guint          n_done;
  gboolean       saw_waiting;
  GError        *error;
} Burst;

static void
burst_next (Burst *burst);

static void
burst_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Burst *burst = user_data;
  g_autoptr(TendWebReply) reply = NULL;

  reply = tend_web_client_request_finish (burst->web, result, &burst->error);
  if (reply == NULL)
    return;

  burst->n_done++;
  burst_next (burst);
}

static void
burst_next (Burst *burst)
{
  if (burst->n_left == 0)
    return;

  burst->n_left--;
  tend_web_client_request_async (burst->web, "GET", "/api/v1/accounts/verify_credentials",
                                 NULL, NULL, burst_done, burst);
}

static void
waiting_seen (TendWebClient *web,
              GParamSpec    *pspec,
              Burst         *burst)
{
  if (tend_web_client_get_waiting_until (web) != 0)
    burst->saw_waiting = TRUE;
}

/* 50 requests against 12 per window: the client waits for each reset
 * and spreads the last few, and the server never refuses one. */
static void
test_rate_limit (void)
{
  g_autoptr(TendMastodonTestServer) server = tend_mastodon_test_server_new (NULL);
  g_autofree char *base = tend_mastodon_test_server_dup_base_url (server);
  g_autofree char *token = NULL;
  g_autoptr(TendMastodonClient) client = tend_mastodon_client_new (base, NULL);
  g_autoptr(TendClock) clock = tend_clock_new_scaled (100);
  Burst burst = { 0 };

  tend_mastodon_test_server_set_rate_limit (server, 12, 60);
  tend_mastodon_test_server_set_clock_scale (server, 100);
  token = tend_mastodon_test_server_issue_token (server, "read");

  burst.web = tend_mastodon_client_get_web_client (client);
  burst.n_left = 50;
  tend_web_client_set_clock (burst.web, clock);
  tend_mastodon_client_set_token (client, token);
  g_signal_connect (burst.web, "notify::waiting-until", G_CALLBACK (waiting_seen), &burst);

  burst_next (&burst);
  while (burst.n_done < 50 && burst.error == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_no_error (burst.error);
  g_assert_true (burst.saw_waiting);
  g_assert_cmpuint (tend_web_client_get_waiting_until (burst.web), ==, 0);
  g_assert_cmpuint (tend_mastodon_test_server_get_max_requests_in_window (server), <=, 12);
  g_assert_cmpuint (tend_mastodon_test_server_get_n_rate_limited (server), ==, 0);
  g_assert_cmpuint (tend_web_client_get_n_requests (burst.web), ==, 50);
}

static void
test_refuses_other_servers (void)
{
  g_autoptr(TendWebClient) web = tend_web_client_new ("https://mastodon.example", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(TendWebReply) reply = NULL;
  g_autoptr(GError) error = NULL;

  /* The token would go along: a link elsewhere is never followed. */
  tend_web_client_set_bearer_token (web, "secret");
  tend_web_client_request_async (web, "GET", "https://evil.example/steal", NULL, NULL,
                                 tend_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  reply = tend_web_client_request_finish (web, result, &error);
  g_assert_null (reply);
  g_assert_error (error, TEND_WEB_ERROR, TEND_WEB_ERROR_BAD_REPLY);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/web-client/html-text", test_html_text);
  g_test_add_func ("/web-client/json-check", test_json_check);
  g_test_add_func ("/web-client/link-header", test_link_header);
  g_test_add_func ("/web-client/normalize-server", test_normalize_server);
  g_test_add_func ("/web-client/page-guard", test_page_guard);
  g_test_add_func ("/web-client/progress-text", test_progress_text);
  g_test_add_func ("/web-client/rate-limit", test_rate_limit);
  g_test_add_func ("/web-client/refuses-other-servers", test_refuses_other_servers);

  return g_test_run ();
}
