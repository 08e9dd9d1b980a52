/* test-mastodon.c: connect, sync, act and disconnect against the
 * Mastodon test server, with the keyring of tests/with-keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "tend-action-executor.h"
#include "tend-mastodon-accounts.h"
#include "tend-mastodon-connect.h"
#include "tend-mastodon-executor.h"
#include "tend-mastodon-sync.h"
#include "tend-mastodon-test-server.h"
#include "tend-secret-store.h"
#include "tend-test-utils.h"

#define N_FOLLOWERS_ONLY 95
#define N_FOLLOWING_ONLY 70
#define N_MUTUAL 30
#define CLOCK_FACTOR 200.0

typedef struct {
  TendMastodonTestServer *server;
  SoupSession            *browser;
  TendClock              *clock;
  TendStore              *store;
  char                   *base_url;
  char                   *dir;
  char                   *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->server = tend_mastodon_test_server_new (&error);
  g_assert_no_error (error);
  tend_mastodon_test_server_populate (f->server, N_FOLLOWERS_ONLY, N_FOLLOWING_ONLY, N_MUTUAL);
  tend_mastodon_test_server_set_clock_scale (f->server, CLOCK_FACTOR);
  f->base_url = tend_mastodon_test_server_dup_base_url (f->server);
  f->browser = soup_session_new ();
  f->clock = tend_clock_new_scaled (CLOCK_FACTOR);
  f->dir = tend_test_make_tmp_dir ("tend-mastodon-XXXXXX");
  f->path = g_build_filename (f->dir, "tend.db", NULL);
  f->store = tend_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->browser);
  g_clear_object (&f->clock);
  g_clear_object (&f->server);
  tend_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->base_url);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

/* What a browser does with a page: load it, following redirects. */
static GBytes *
browse (Fixture    *f,
        const char *url)
{
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *body;

  soup_session_send_and_read_async (f->browser, message, G_PRIORITY_DEFAULT, NULL,
                                    tend_test_store_result, &result);
  body = soup_session_send_and_read_finish (f->browser, wait_for (&result), &error);
  g_assert_no_error (error);
  return body;
}

static TendMastodonConnect *
begin_connect (Fixture *f)
{
  g_autoptr(TendMastodonConnect) connect = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  connect = tend_mastodon_connect_new (f->store, f->base_url, &error);
  g_assert_no_error (error);
  tend_mastodon_connect_begin_async (connect, NULL, tend_test_store_result, &result);
  g_assert_true (tend_mastodon_connect_begin_finish (connect, wait_for (&result), &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (tend_mastodon_connect_get_authorize_url (connect), f->base_url));
  return g_steal_pointer (&connect);
}

static char *
finish_connect (TendMastodonConnect  *connect,
                GAsyncResult        **slot,
                GError              **error)
{
  return tend_mastodon_connect_wait_finish (connect, wait_for (slot), error);
}

/* The whole OAuth dance, the browser allowing Tend in. */
static char *
connect_account (Fixture *f)
{
  g_autoptr(TendMastodonConnect) connect = begin_connect (f);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) page = NULL;
  g_autoptr(GError) error = NULL;
  char *account;

  tend_mastodon_connect_wait_async (connect, NULL, tend_test_store_result, &result);
  page = browse (f, tend_mastodon_connect_get_authorize_url (connect));
  g_assert_nonnull (strstr (g_bytes_get_data (page, NULL), "Tend is connected"));
  account = finish_connect (connect, &result, &error);
  g_assert_no_error (error);
  return account;
}

static TendMastodonClient *
open_account (Fixture    *f,
              const char *account)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  TendMastodonClient *client;

  tend_mastodon_open_async (f->store, account, NULL, tend_test_store_result, &result);
  client = tend_mastodon_open_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  tend_web_client_set_clock (tend_mastodon_client_get_web_client (client), f->clock);
  return client;
}

static TendSyncResult *
sync_account (TendMastodonClient  *client,
              Fixture             *f,
              const char          *account,
              TendSyncProgress    *progress,
              GCancellable        *cancellable,
              GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tend_mastodon_sync_async (client, f->store, account, progress, cancellable,
                            tend_test_store_result, &result);
  return tend_mastodon_sync_finish (client, wait_for (&result), error);
}

/* Everything a sync may write, as text, to tell whether it changed. */
static char *
dump_store_queries (const char *path,
                    guint       n_queries)
{
  static const char *queries[] = {
    "SELECT id, stable_key, name, follow_state, removed_at IS NULL, remote_id, bio,"
    " account_state, last_active_at FROM connections ORDER BY id",
    "SELECT connection_id, direction, kind, occurred_at, external_id FROM interactions ORDER BY id",
    "SELECT id, connection_count FROM snapshots ORDER BY id",
    "SELECT id, server, remote_id, last_sync_at FROM sources ORDER BY id",
  };
  GString *dump = g_string_new (NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint q = 0; q < MIN (n_queries, G_N_ELEMENTS (queries)); q++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (dump, "%s|", (const char *) sqlite3_column_text (stmt, c));
          g_string_append_c (dump, '\n');
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_string_free (dump, FALSE);
}

static char *
dump_store (const char *path)
{
  return dump_store_queries (path, G_MAXUINT);
}

/* People and interactions only, which a sync that finds nothing new
 * leaves alone; it does take a snapshot and note the time. */
static char *
dump_people (const char *path)
{
  return dump_store_queries (path, 2);
}

static gint64
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* Whether @needle appears in the file at @path, or in its WAL. */
static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  const char *files[] = { path, wal };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *contents = NULL;
      gsize len = 0;

      if (!g_file_get_contents (files[i], &contents, &len, NULL))
        continue;
      /* Not a string: the file holds NUL bytes. */
      for (gsize at = 0; at + strlen (needle) <= len; at++)
        if (memcmp (contents + at, needle, strlen (needle)) == 0)
          return TRUE;
    }

  return FALSE;
}

static char *
lookup_token (Fixture    *f,
              const char *account)
{
  g_autoptr(TendSecretStore) secrets = tend_secret_store_new ();
  g_autoptr(GError) error = NULL;
  char *token;

  token = tend_secret_store_lookup_sync (secrets, TEND_SECRET_KIND_ACCESS_TOKEN, f->base_url,
                                         account, NULL, &error);
  g_assert_no_error (error);
  return token;
}

/* Interactions the server made with the owner's connections, as Tend
 * counts them: follows and "new post" notifications are none. */
static guint
count_expected_interactions (Fixture *f)
{
  GPtrArray *interactions = tend_mastodon_test_server_get_interactions (f->server);
  guint n = 0;

  for (guint i = 0; i < interactions->len; i++)
    {
      TendMastodonTestInteraction *interaction = g_ptr_array_index (interactions, i);
      TendMastodonTestFollow follow = tend_mastodon_test_server_get_follow (f->server, interaction->account_id);

      if (interaction->kind == TEND_MASTODON_TEST_FOLLOW_IN ||
          interaction->kind == TEND_MASTODON_TEST_STATUS_IN)
        continue;
      if ((follow & (TEND_MASTODON_TEST_FOLLOWED_BY | TEND_MASTODON_TEST_FOLLOWING)) == 0)
        continue;
      n++;
    }

  return n;
}

static void
text_seen (TendSyncProgress *progress,
           GParamSpec       *pspec,
           GPtrArray        *texts)
{
  g_ptr_array_add (texts, g_strdup (tend_sync_progress_get_text (progress)));
}

static gboolean
texts_contain (GPtrArray  *texts,
               const char *prefix,
               const char *part)
{
  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);

      if (g_str_has_prefix (text, prefix) && strstr (text, part) != NULL)
        return TRUE;
    }

  return FALSE;
}

static char *
issue_owner_token (Fixture *f)
{
  return tend_mastodon_test_server_issue_token (f->server, TEND_MASTODON_SCOPES);
}

/* The owner removes a follower on the website, behind Tend's back. */
static void
remove_follower_on_website (Fixture    *f,
                            const char *account_id)
{
  g_autofree char *token = issue_owner_token (f);
  g_autofree char *url = g_strdup_printf ("%s/api/v1/accounts/%s/remove_from_followers",
                                          f->base_url, account_id);
  g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", authorization);
  soup_session_send_and_read_async (f->browser, message, G_PRIORITY_DEFAULT, NULL,
                                    tend_test_store_result, &result);
  body = soup_session_send_and_read_finish (f->browser, wait_for (&result), NULL);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);
}

static const char *
find_account (Fixture                *f,
              TendMastodonTestFollow  exactly)
{
  g_autoptr(GPtrArray) ids = tend_mastodon_test_server_dup_account_ids (f->server);
  static char found[64];

  for (guint i = 0; i < ids->len; i++)
    if (tend_mastodon_test_server_get_follow (f->server, g_ptr_array_index (ids, i)) == exactly)
      {
        g_strlcpy (found, g_ptr_array_index (ids, i), sizeof found);
        return found;
      }

  g_assert_not_reached ();
}

static void
test_flow (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *account = NULL;
  g_autofree char *again = NULL;
  g_autofree char *token = NULL;
  g_autoptr(TendMastodonClient) client = NULL;
  g_autoptr(TendSyncProgress) progress = tend_sync_progress_new ();
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TendSyncResult) first = NULL;
  g_autoptr(TendSyncResult) second = NULL;
  g_autoptr(TendSyncResult) third = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GAsyncResult) disconnected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *unfollower = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *expected_account = NULL;
  guint n_people = N_FOLLOWERS_ONLY + N_FOLLOWING_ONLY + N_MUTUAL;
  const char *leaving;

  /* Connect: the app is registered, PKCE checked by the server, the
   * token kept in the keyring and nowhere in the database. */
  account = connect_account (f);
  expected_account = g_strconcat ("owner@127.0.0.1", NULL);
  g_assert_cmpstr (account, ==, expected_account);
  g_assert_cmpuint (tend_mastodon_test_server_get_n_apps (f->server), ==, 1);
  g_assert_cmpuint (tend_mastodon_test_server_count_requests (f->server, "POST /oauth/token"), ==, 1);
  token = lookup_token (f, account);
  g_assert_nonnull (token);
  g_assert_true (tend_mastodon_test_server_is_token_valid (f->server, token));
  g_assert_false (file_contains (f->path, token));

  accounts = tend_mastodon_list_accounts (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (accounts->len, ==, 1);
  g_assert_cmpstr (((TendLiveSource *) accounts->pdata[0])->server, ==, f->base_url);
  g_assert_cmpstr (((TendLiveSource *) accounts->pdata[0])->remote_id, ==, "1");

  /* Sync: every follower and follow, 80 a page, and the interactions. */
  client = open_account (f, account);
  g_signal_connect (progress, "notify::text", G_CALLBACK (text_seen), texts);
  first = sync_account (client, f, account, progress, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->source->n_added, ==, n_people);
  g_assert_cmpuint (first->source->n_removed, ==, 0);
  g_assert_cmpuint (first->unfollowed->len, ==, 0);
  g_assert_cmpint (query_int (f->path, "SELECT count (*) FROM connections WHERE follow_state = 'mutual'"),
                   ==, N_MUTUAL);
  g_assert_cmpint (query_int (f->path, "SELECT count (*) FROM connections WHERE follow_state = 'follows_me'"),
                   ==, N_FOLLOWERS_ONLY);
  g_assert_cmpint (query_int (f->path, "SELECT count (*) FROM connections WHERE remote_id IS NULL"), ==, 0);
  g_assert_cmpint (query_int (f->path, "SELECT count (*) FROM connections WHERE account_state = 'moved'"), >, 0);
  g_assert_cmpint (query_int (f->path, "SELECT count (*) FROM connections WHERE last_active_at > 0"), >, 0);
  g_assert_cmpint (query_int (f->path, "SELECT count (*) FROM connections"
                                        " WHERE bio LIKE '%<p>%' OR bio LIKE '%<a %' OR bio LIKE '%<span>%'"), ==, 0);
  g_assert_cmpint (query_int (f->path, "SELECT count (*) FROM connections"
                                        " WHERE bio = 'Writes about #food <script> is just text'"), >, 0);
  g_assert_cmpint (query_int (f->path, "SELECT count (*) FROM interactions"), ==,
                   count_expected_interactions (f));
  g_assert_cmpint (query_int (f->path, "SELECT count (DISTINCT direction) FROM interactions"), ==, 2);
  g_assert_cmpuint (tend_mastodon_test_server_count_requests (f->server, "GET /api/v1/accounts/1/followers"),
                    ==, (N_FOLLOWERS_ONLY + N_MUTUAL + 79) / 80);
  g_assert_true (texts_contain (texts, "Followers", " of "));
  g_assert_true (texts_contain (texts, "Notifications", ""));
  g_assert_cmpfloat (tend_sync_progress_get_fraction (progress), ==, 1.0);

  /* Again, with nothing changed: nothing is written, and the lists of
   * interactions are read only up to what the first sync stored. */
  tend_mastodon_test_server_clear_requests (f->server);
  second = sync_account (client, f, account, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tend_mastodon_test_server_count_requests (f->server, "GET /api/v1/notifications"), ==, 1);
  g_assert_cmpuint (tend_mastodon_test_server_count_requests (f->server, "GET /api/v1/accounts/1/statuses"), ==, 1);
  g_assert_cmpuint (tend_mastodon_test_server_count_requests (f->server, "GET /api/v1/favourites"), ==, 1);
  g_assert_cmpuint (second->source->n_added, ==, 0);
  g_assert_cmpuint (second->source->n_updated, ==, 0);
  g_assert_cmpuint (second->source->n_unchanged, ==, n_people);
  g_assert_cmpuint (second->source->n_interactions_added, ==, 0);
  g_assert_cmpint (query_int (f->path, "SELECT count (*) FROM interactions"), ==,
                   count_expected_interactions (f));

  /* Someone stops following: the next sync says who. */
  leaving = find_account (f, TEND_MASTODON_TEST_FOLLOWED_BY);
  unfollower = g_strdup_printf ("%s@127.0.0.1", tend_mastodon_test_server_get_account_acct (f->server, leaving));
  remove_follower_on_website (f, leaving);
  third = sync_account (client, f, account, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (third->unfollowed->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (third->unfollowed, 0), ==, unfollower);
  g_assert_cmpuint (third->source->n_removed, ==, 1);
  g_assert_cmpuint (third->source->left->len, ==, 1);
  summary = tend_sync_result_to_string (third);
  g_assert_nonnull (strstr (summary, unfollower));

  /* Connecting again reuses the registration. */
  again = connect_account (f);
  g_assert_cmpstr (again, ==, account);
  g_assert_cmpuint (tend_mastodon_test_server_get_n_apps (f->server), ==, 1);
  g_clear_pointer (&token, g_free);
  token = lookup_token (f, account);

  /* Disconnect: revoked on the server, gone from the keyring, the
   * people kept. */
  tend_mastodon_disconnect_async (f->store, account, NULL, tend_test_store_result, &disconnected);
  g_assert_true (tend_mastodon_disconnect_finish (wait_for (&disconnected), &error));
  g_assert_no_error (error);
  g_assert_false (tend_mastodon_test_server_is_token_valid (f->server, token));
  g_clear_pointer (&token, g_free);
  token = lookup_token (f, account);
  g_assert_null (token);
  g_clear_pointer (&accounts, g_ptr_array_unref);
  accounts = tend_mastodon_list_accounts (f->store, &error);
  g_assert_cmpuint (accounts->len, ==, 0);
  g_assert_cmpint (tend_store_count_connections (f->store, NULL), ==, n_people - 1);
}

typedef struct {
  TendMastodonMisbehaviour what;
  const char              *path;
  guint                    after;
  guint                    times;
  int                      code;    /* -1: the sync succeeds */
} Misbehaviour;

static void
test_misbehaviour (Fixture       *f,
                   gconstpointer  data)
{
  static const Misbehaviour cases[] = {
    { TEND_MASTODON_MISBEHAVIOUR_RATE_LIMIT_429, "/api/v1/accounts/1/following", 0, 2, -1 },
    { TEND_MASTODON_MISBEHAVIOUR_SERVER_ERROR_500, "/api/v1/notifications", 0, 2, -1 },
    { TEND_MASTODON_MISBEHAVIOUR_SERVER_ERROR_500, "/api/v1/notifications", 0, 0, TEND_WEB_ERROR_SERVER },
    { TEND_MASTODON_MISBEHAVIOUR_SLOW, "/api/v1/accounts/1/followers", 1, 1, -1 },
    { TEND_MASTODON_MISBEHAVIOUR_TRUNCATED_JSON, "/api/v1/accounts/1/followers", 1, 0, TEND_WEB_ERROR_BAD_REPLY },
    { TEND_MASTODON_MISBEHAVIOUR_WRONG_TYPE_JSON, "/api/v1/accounts/1/following", 0, 0, TEND_WEB_ERROR_BAD_REPLY },
    { TEND_MASTODON_MISBEHAVIOUR_WRONG_TYPE_JSON, "/api/v1/accounts/verify_credentials", 0, 0, TEND_WEB_ERROR_BAD_REPLY },
    { TEND_MASTODON_MISBEHAVIOUR_WRONG_TYPE_JSON, "/api/v1/notifications", 0, 0, TEND_WEB_ERROR_BAD_REPLY },
    { TEND_MASTODON_MISBEHAVIOUR_WRONG_TYPE_JSON, "/api/v1/favourites", 0, 0, TEND_WEB_ERROR_BAD_REPLY },
    { TEND_MASTODON_MISBEHAVIOUR_PAGE_NOT_ARRAY, "/api/v1/accounts/1/statuses", 0, 0, TEND_WEB_ERROR_BAD_REPLY },
    { TEND_MASTODON_MISBEHAVIOUR_PAGINATION_LOOP, "/api/v1/accounts/1/followers", 0, 0, TEND_WEB_ERROR_LOOP },
    { TEND_MASTODON_MISBEHAVIOUR_SAME_PAGE_FOREVER, "/api/v1/accounts/1/following", 0, 0, TEND_WEB_ERROR_LOOP },
    { TEND_MASTODON_MISBEHAVIOUR_OVERSIZED_BODY, "/api/v1/accounts/1/followers", 1, 0, TEND_WEB_ERROR_TOO_LARGE },
    { TEND_MASTODON_MISBEHAVIOUR_EXPIRED_TOKEN, "/api/v1/favourites", 0, 0, TEND_WEB_ERROR_UNAUTHORIZED },
  };
  g_autofree char *account = connect_account (f);
  g_autoptr(TendMastodonClient) client = open_account (f, account);
  g_autoptr(TendSyncResult) first = NULL;
  g_autoptr(GError) error = NULL;

  first = sync_account (client, f, account, NULL, NULL, &error);
  g_assert_no_error (error);

  tend_mastodon_test_server_set_slow_delay (f->server, 4000);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean succeeds = cases[i].code < 0;
      g_autofree char *before = succeeds ? dump_people (f->path) : dump_store (f->path);
      g_autofree char *after = NULL;
      g_autoptr(TendSyncResult) result = NULL;
      g_autoptr(TendSyncProgress) progress = tend_sync_progress_new ();
      g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

      g_test_message ("case %u", i);
      tend_mastodon_test_server_set_misbehaviour (f->server, cases[i].what, cases[i].path,
                                                  cases[i].after, cases[i].times);
      g_signal_connect (progress, "notify::text", G_CALLBACK (text_seen), texts);
      /* Only the slow reply may time out, even on a loaded machine. */
      tend_web_client_set_timeout (tend_mastodon_client_get_web_client (client),
                                   cases[i].what == TEND_MASTODON_MISBEHAVIOUR_SLOW ? 2 : 30);
      result = sync_account (client, f, account, progress, NULL, &error);
      tend_mastodon_test_server_set_misbehaviour (f->server, TEND_MASTODON_MISBEHAVIOUR_NONE, NULL, 0, 0);

      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_nonnull (result);
          g_assert_cmpuint (result->source->n_added + result->source->n_updated, ==, 0);
          if (cases[i].what == TEND_MASTODON_MISBEHAVIOUR_RATE_LIMIT_429)
            g_assert_true (texts_contain (texts, "Waiting for 127.0.0.1:", "’s limit, continuing at "));
        }
      else
        {
          g_assert_error (error, TEND_WEB_ERROR, cases[i].code);
          g_assert_null (result);
          g_clear_error (&error);
        }

      /* Whatever happened, the store is whole: the same rows as before. */
      after = succeeds ? dump_people (f->path) : dump_store (f->path);
      g_assert_cmpstr (after, ==, before);
    }

  g_assert_cmpuint (tend_mastodon_test_server_get_n_rate_limited (f->server), ==, 0);
}

static gboolean
cancel_after_requests (gpointer data)
{
  Fixture *f = g_object_get_data (data, "fixture");

  if (tend_mastodon_test_server_count_requests (f->server, "GET /api/v1/accounts/1/following") == 0)
    return G_SOURCE_CONTINUE;

  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *account = connect_account (f);
  g_autoptr(TendMastodonClient) client = open_account (f, account);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(TendSyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump_store (f->path);
  g_autofree char *after = NULL;

  g_object_set_data (G_OBJECT (cancellable), "fixture", f);
  g_timeout_add (1, cancel_after_requests, cancellable);
  result = sync_account (client, f, account, NULL, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
  after = dump_store (f->path);
  g_assert_cmpstr (after, ==, before);
}

static gint64
connection_by_remote_id (Fixture    *f,
                         const char *remote_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM connections WHERE remote_id = '%s'", remote_id);

  return query_int (f->path, sql);
}

static void
run_action (Fixture            *f,
            TendActionExecutor *executor,
            TendActionKind      kind,
            gint64              connection_id,
            GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tend_action_executor_run_async (executor, f->store, kind, connection_id, NULL,
                                  tend_test_store_result, &result);
  tend_action_executor_run_finish (executor, wait_for (&result), error);
}

static void
test_actions (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *account = connect_account (f);
  g_autoptr(TendMastodonClient) client = open_account (f, account);
  g_autoptr(TendSyncResult) synced = NULL;
  g_autoptr(TendMastodonExecutor) executor = NULL;
  g_autoptr(TendLiveSource) source = NULL;
  g_autoptr(GPtrArray) journal = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *mutual = g_strdup (find_account (f, TEND_MASTODON_TEST_FOLLOWED_BY | TEND_MASTODON_TEST_FOLLOWING));
  g_autofree char *follower = g_strdup (find_account (f, TEND_MASTODON_TEST_FOLLOWED_BY));
  g_autofree char *unfollow_request = g_strdup_printf ("POST /api/v1/accounts/%s/unfollow", mutual);
  g_autofree char *follow_request = g_strdup_printf ("POST /api/v1/accounts/%s/follow", mutual);
  g_autofree char *remove_request = g_strdup_printf ("POST /api/v1/accounts/%s/remove_from_followers", follower);
  TendActionExecutor *actions;
  guint n_before;

  synced = sync_account (client, f, account, NULL, NULL, &error);
  g_assert_no_error (error);
  source = tend_store_find_live_source (f->store, TEND_SOURCE_KIND_MASTODON, account, &error);
  executor = tend_mastodon_executor_new (client, f->store, source->id);
  actions = TEND_ACTION_EXECUTOR (executor);

  g_assert_true (tend_action_executor_can_run (actions, TEND_ACTION_UNFOLLOW));
  g_assert_true (tend_action_executor_can_run (actions, TEND_ACTION_REMOVE_FOLLOWER));
  g_assert_true (tend_action_executor_can_run (actions, TEND_ACTION_FOLLOW));
  g_assert_false (tend_action_executor_can_run (actions, TEND_ACTION_CHECKLIST));

  journal = tend_store_list_journal (f->store, NULL);
  n_before = journal->len;
  g_clear_pointer (&journal, g_ptr_array_unref);

  run_action (f, actions, TEND_ACTION_UNFOLLOW, connection_by_remote_id (f, mutual), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tend_mastodon_test_server_count_requests (f->server, unfollow_request), ==, 1);
  g_assert_cmpint (tend_mastodon_test_server_get_follow (f->server, mutual), ==, TEND_MASTODON_TEST_FOLLOWED_BY);

  run_action (f, actions, TEND_ACTION_FOLLOW, connection_by_remote_id (f, mutual), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tend_mastodon_test_server_count_requests (f->server, follow_request), ==, 1);
  g_assert_true (tend_mastodon_test_server_get_follow (f->server, mutual) & TEND_MASTODON_TEST_FOLLOWING);

  run_action (f, actions, TEND_ACTION_REMOVE_FOLLOWER, connection_by_remote_id (f, follower), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tend_mastodon_test_server_count_requests (f->server, remove_request), ==, 1);
  g_assert_cmpint (tend_mastodon_test_server_get_follow (f->server, follower), ==, TEND_MASTODON_TEST_FOLLOW_NONE);

  /* A refused action is journaled as failed. */
  tend_mastodon_test_server_set_misbehaviour (f->server, TEND_MASTODON_MISBEHAVIOUR_EXPIRED_TOKEN,
                                              "/api/v1/accounts/", 0, 0);
  run_action (f, actions, TEND_ACTION_UNFOLLOW, connection_by_remote_id (f, mutual), &error);
  g_assert_error (error, TEND_WEB_ERROR, TEND_WEB_ERROR_UNAUTHORIZED);

  journal = tend_store_list_journal (f->store, NULL);
  g_assert_cmpuint (journal->len, ==, n_before + 8);
  g_assert_cmpstr (((TendJournalEntry *) journal->pdata[n_before])->action, ==, "unfollow-requested");
  g_assert_cmpstr (((TendJournalEntry *) journal->pdata[n_before + 1])->action, ==, "unfollow");
  g_assert_cmpstr (((TendJournalEntry *) journal->pdata[n_before + 1])->after, ==, "follows_me");
  g_assert_cmpstr (((TendJournalEntry *) journal->pdata[n_before + 3])->action, ==, "follow");
  g_assert_cmpstr (((TendJournalEntry *) journal->pdata[n_before + 3])->after, ==, "mutual");
  g_assert_cmpstr (((TendJournalEntry *) journal->pdata[n_before + 5])->action, ==, "remove_follower");
  g_assert_cmpstr (((TendJournalEntry *) journal->pdata[n_before + 7])->action, ==, "unfollow-failed");
}

/* The out-of-band code, pasted; and a person who says no. */
static void
test_manual_code_and_denial (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(TendMastodonConnect) connect = begin_connect (f);
  g_autoptr(TendMastodonConnect) denied = NULL;
  g_autoptr(TendMastodonConnect) garbled = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) denied_result = NULL;
  g_autoptr(GAsyncResult) garbled_result = NULL;
  g_autoptr(GBytes) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *account = NULL;
  g_autofree char *code = NULL;
  g_autofree char *pasted = NULL;
  const char *html;
  const char *value;

  tend_mastodon_connect_wait_async (connect, NULL, tend_test_store_result, &result);
  page = browse (f, tend_mastodon_connect_get_manual_url (connect));
  html = g_bytes_get_data (page, NULL);
  value = strstr (html, "value=\"");
  g_assert_nonnull (value);
  code = g_strndup (value + 7, strchr (value + 7, '"') - (value + 7));
  pasted = g_strdup_printf ("  %s \n", code);
  tend_mastodon_connect_submit_code (connect, pasted);
  account = finish_connect (connect, &result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (account, ==, "owner@127.0.0.1");

  garbled = begin_connect (f);
  tend_mastodon_connect_wait_async (garbled, NULL, tend_test_store_result, &garbled_result);
  tend_mastodon_connect_submit_code (garbled, "not a code");
  g_assert_null (finish_connect (garbled, &garbled_result, &error));
  g_assert_error (error, TEND_MASTODON_ERROR, TEND_MASTODON_ERROR_BAD_CODE);
  g_clear_error (&error);

  tend_mastodon_test_server_set_deny_authorization (f->server, TRUE);
  denied = begin_connect (f);
  tend_mastodon_connect_wait_async (denied, NULL, tend_test_store_result, &denied_result);
  g_clear_pointer (&page, g_bytes_unref);
  page = browse (f, tend_mastodon_connect_get_authorize_url (denied));
  g_assert_null (finish_connect (denied, &denied_result, &error));
  g_assert_error (error, TEND_MASTODON_ERROR, TEND_MASTODON_ERROR_DENIED);
}

static void
test_refuses_insecure (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendMastodonClient) client = tend_mastodon_client_new ("http://mastodon.example", &error);

  g_assert_null (client);
  g_assert_error (error, TEND_WEB_ERROR, TEND_WEB_ERROR_INSECURE);
}

typedef struct {
  Fixture       *f;
  GSubprocess   *process;
  GDataInputStream *out;
  GString       *out_text;
  char          *url;
  gboolean       done;
} CliRun;

static void
cli_line_read (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CliRun *run = user_data;
  g_autofree char *line = g_data_input_stream_read_line_finish_utf8 (run->out, result, NULL, NULL);

  if (line == NULL)
    {
      run->done = TRUE;
      return;
    }

  g_string_append_printf (run->out_text, "%s\n", line);
  if (run->url == NULL && g_str_has_prefix (line, "  ") && strstr (line, "redirect_uri=http") != NULL)
    run->url = g_strstrip (g_strdup (line));

  g_data_input_stream_read_line_async (run->out, G_PRIORITY_DEFAULT, NULL, cli_line_read, run);
}

/* Runs `tend` while this process's test server answers it. */
static int
run_cli (Fixture     *f,
         gboolean     approve,
         char       **out_text,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDIN_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) waited = NULL;
  CliRun run = { f, NULL, NULL, g_string_new (NULL), NULL, FALSE };
  const char *arg;
  va_list args;
  int status;

  g_ptr_array_add (argv, (char *) g_getenv ("TEND_BINARY"));
  va_start (args, out_text);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  run.process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  run.out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (run.process));
  g_data_input_stream_read_line_async (run.out, G_PRIORITY_DEFAULT, NULL, cli_line_read, &run);

  if (approve)
    {
      g_autoptr(GBytes) page = NULL;

      while (run.url == NULL && !run.done)
        g_main_context_iteration (NULL, TRUE);
      g_assert_nonnull (run.url);
      page = browse (f, run.url);
    }

  g_subprocess_wait_async (run.process, NULL, tend_test_store_result, &waited);
  g_assert_true (g_subprocess_wait_finish (run.process, wait_for (&waited), &error));
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);

  status = g_subprocess_get_if_exited (run.process) ? g_subprocess_get_exit_status (run.process) : -1;
  g_test_message ("exit %d: %s", status, run.out_text->str);
  *out_text = g_string_free (run.out_text, FALSE);
  g_free (run.url);
  g_object_unref (run.out);
  g_object_unref (run.process);
  return status;
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *connected = NULL;
  g_autofree char *synced = NULL;
  g_autofree char *disconnected = NULL;
  g_autofree char *nothing = NULL;

  /* The store of the fixture is not used: the binary opens its own. */
  g_clear_object (&f->store);

  g_assert_cmpint (run_cli (f, TRUE, &connected, "--data-dir", f->dir,
                            "--connect-mastodon", f->base_url, NULL), ==, 0);
  g_assert_nonnull (strstr (connected, "Connected @owner@127.0.0.1"));

  g_assert_cmpint (run_cli (f, FALSE, &synced, "--data-dir", f->dir, "--sync", NULL), ==, 0);
  g_assert_nonnull (strstr (synced, "@owner@127.0.0.1: 195 connections added"));

  g_assert_cmpint (run_cli (f, FALSE, &disconnected, "--data-dir", f->dir,
                            "--disconnect-mastodon", "@owner@127.0.0.1", NULL), ==, 0);
  g_assert_nonnull (strstr (disconnected, "Disconnected @owner@127.0.0.1"));

  g_assert_cmpint (run_cli (f, FALSE, &nothing, "--data-dir", f->dir, "--sync", NULL), !=, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/mastodon/flow", Fixture, NULL, fixture_set_up, test_flow, fixture_tear_down);
  g_test_add ("/mastodon/misbehaviour", Fixture, NULL, fixture_set_up, test_misbehaviour, fixture_tear_down);
  g_test_add ("/mastodon/cancel", Fixture, NULL, fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/mastodon/actions", Fixture, NULL, fixture_set_up, test_actions, fixture_tear_down);
  g_test_add ("/mastodon/manual-code-and-denial", Fixture, NULL, fixture_set_up,
              test_manual_code_and_denial, fixture_tear_down);
  g_test_add_func ("/mastodon/refuses-insecure", test_refuses_insecure);
  g_test_add ("/mastodon/cli", Fixture, NULL, fixture_set_up, test_cli, fixture_tear_down);

  return g_test_run ();
}
