/* test-bluesky.c: Tend against a real Bluesky network
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under tests/bluesky/run-with-network, which starts the AT
 * Protocol reference servers on 127.0.0.1 and seeds them, and under
 * tests/with-keyring. The cases share one profile and run in order:
 * connecting, syncing and checking counts first, then what writes to
 * the network (unfollow, follow), which the last cases undo.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "tend-action-executor.h"
#include "tend-bluesky-accounts.h"
#include "tend-bluesky-executor.h"
#include "tend-bluesky-sync.h"
#include "tend-test-utils.h"

static struct {
  JsonParser *network;
  JsonObject *summary;
  JsonArray  *accounts;
  const char *pds;
  const char *owner;
  const char *app_password;
  char       *dir;
  TendStore  *store;
  gint64      source_id;
} net;

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static char *
connect_owner (const char  *password,
               GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tend_bluesky_connect_async (net.store, net.owner, password, net.pds, NULL,
                              tend_test_store_result, &result);
  return tend_bluesky_connect_finish (wait_for (&result), &net.source_id, error);
}

static TendBlueskyClient *
open_owner (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  TendBlueskyClient *client;

  tend_bluesky_open_async (net.store, net.owner, NULL, tend_test_store_result, &result);
  client = tend_bluesky_open_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  return client;
}

static TendSyncResult *
sync_owner (TendBlueskyClient  *client,
            GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tend_bluesky_sync_async (client, net.store, net.owner, NULL, NULL, tend_test_store_result, &result);
  return tend_bluesky_sync_finish (client, wait_for (&result), error);
}

static char *
lookup_secret (TendSecretKind kind)
{
  g_autoptr(TendSecretStore) secrets = tend_secret_store_new ();
  g_autoptr(GError) error = NULL;
  char *secret;

  secret = tend_secret_store_lookup_sync (secrets, kind, net.pds, net.owner, NULL, &error);
  g_assert_no_error (error);
  return secret;
}

static void
store_secret (TendSecretKind  kind,
              const char     *secret)
{
  g_autoptr(TendSecretStore) secrets = tend_secret_store_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (tend_secret_store_store_sync (secrets, kind, net.pds, net.owner, secret, NULL, &error));
  g_assert_no_error (error);
}

static gint64
query_int (const char *sql,
           const char *text)
{
  g_autofree char *path = tend_store_build_path (net.dir);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static TendFollowState
expected_state (JsonObject *account)
{
  const char *state = json_object_get_string_member (account, "follow_state");

  if (g_str_equal (state, "mutual"))
    return TEND_FOLLOW_STATE_MUTUAL;
  if (g_str_equal (state, "following"))
    return TEND_FOLLOW_STATE_I_FOLLOW;
  if (g_str_equal (state, "follower"))
    return TEND_FOLLOW_STATE_FOLLOWS_ME;
  return (TendFollowState) -1;
}

/* The store's follow states equal the seed's, account by account. */
static void
assert_graph_as_seeded (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) states = tend_store_get_follow_states (net.store, net.source_id, &error);
  guint counts[3] = { 0, };

  g_assert_no_error (error);
  for (guint i = 1; i < json_array_get_length (net.accounts); i++)
    {
      JsonObject *account = json_array_get_object_element (net.accounts, i);
      const char *did = json_object_get_string_member (account, "did");
      gpointer state = g_hash_table_lookup (states, did);
      TendFollowState expected = expected_state (account);

      if ((int) expected < 0)
        {
          g_assert_null (state);
          continue;
        }

      g_assert_nonnull (state);
      g_assert_cmpint (GPOINTER_TO_INT (state) - 1, ==, expected);
      counts[expected]++;
    }

  g_assert_cmpuint (g_hash_table_size (states), ==,
                    json_object_get_int_member (net.summary, "mutual") +
                    json_object_get_int_member (net.summary, "following_only") +
                    json_object_get_int_member (net.summary, "followers_only"));
  g_assert_cmpuint (counts[TEND_FOLLOW_STATE_MUTUAL], ==, json_object_get_int_member (net.summary, "mutual"));
  /* More than one page of follows: all 115 are there. */
  g_assert_cmpuint (counts[TEND_FOLLOW_STATE_MUTUAL] + counts[TEND_FOLLOW_STATE_I_FOLLOW], ==,
                    json_object_get_int_member (net.summary, "follows"));
  g_assert_cmpint (json_object_get_int_member (net.summary, "follows"), >, TEND_BLUESKY_PAGE);
  g_assert_cmpuint (counts[TEND_FOLLOW_STATE_MUTUAL] + counts[TEND_FOLLOW_STATE_FOLLOWS_ME], ==,
                    json_object_get_int_member (net.summary, "followers"));
}

static void
test_wrong_password (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autofree char *handle = connect_owner ("aaaa-bbbb-cccc-dddd", &error);

  g_assert_null (handle);
  g_assert_error (error, TEND_BLUESKY_ERROR, TEND_BLUESKY_ERROR_SIGN_IN);
  g_assert_nonnull (strstr (error->message, "app password"));

  accounts = tend_bluesky_list_accounts (net.store, NULL);
  g_assert_cmpuint (accounts->len, ==, 0);
  g_assert_null (lookup_secret (TEND_SECRET_KIND_ACCESS_TOKEN));
}

static void
test_connect (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *handle = connect_owner (net.app_password, &error);
  g_autofree char *access = NULL;
  g_autofree char *refresh = NULL;
  g_autofree char *path = tend_store_build_path (net.dir);
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_no_error (error);
  g_assert_cmpstr (handle, ==, net.owner);
  g_assert_cmpint (net.source_id, >, 0);

  access = lookup_secret (TEND_SECRET_KIND_ACCESS_TOKEN);
  refresh = lookup_secret (TEND_SECRET_KIND_REFRESH_TOKEN);
  g_assert_nonnull (access);
  g_assert_nonnull (refresh);

  /* Secrets live in the keyring only. */
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_null (g_strstr_len (contents, len, access));
  g_assert_null (g_strstr_len (contents, len, refresh));
  g_assert_null (g_strstr_len (contents, len, net.app_password));
}

static void
assert_interactions (void)
{
  static const char *kinds[] = { "like", "repost", "reply", "mention", "quote" };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (guint d = 0; d < 2; d++)
      {
        const char *direction = d == 0 ? "in" : "out";
        g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM interactions "
                                                "WHERE direction = '%s' AND kind = ?1", direction);
        gint64 expected = 0;

        /* Strangers are no connection: theirs are left out. */
        for (guint i = 1; i < json_array_get_length (net.accounts); i++)
          {
            JsonObject *account = json_array_get_object_element (net.accounts, i);

            if ((int) expected_state (account) >= 0)
              expected += json_object_get_int_member (json_object_get_object_member (account, direction),
                                                      kinds[k]);
          }

        g_test_message ("%s %s: %" G_GINT64_FORMAT, direction, kinds[k], expected);
        g_assert_cmpint (query_int (sql, kinds[k]), ==, expected);
      }
}

static void
test_sync (void)
{
  g_autoptr(TendBlueskyClient) client = open_owner ();
  g_autoptr(TendSyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *in = json_object_get_object_member (net.summary, "in");
  JsonObject *out = json_object_get_object_member (net.summary, "out");
  gint64 total = 0;
  GList *members;

  result = sync_owner (client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->source->n_added, ==, 135);

  assert_graph_as_seeded ();
  assert_interactions ();

  members = json_object_get_members (in);
  for (GList *l = members; l != NULL; l = l->next)
    total += json_object_get_int_member (in, l->data) + json_object_get_int_member (out, l->data);
  g_list_free (members);
  g_assert_cmpint (result->source->n_interactions_read, ==, total);
  g_assert_cmpint (result->source->n_interactions_added + result->source->n_interactions_unmatched,
                   ==, total);

  /* Follow records, for unfollowing: one per account the owner follows. */
  g_assert_cmpint (query_int ("SELECT count(*) FROM connections WHERE follow_record LIKE ?1",
                              "at://%/app.bsky.graph.follow/%"),
                   ==, json_object_get_int_member (net.summary, "follows"));
}

static void
test_refresh (void)
{
  g_autoptr(TendSyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *access = NULL;
  g_autofree char *renewed = NULL;

  /* An access token the server refuses is renewed on the way. */
  store_secret (TEND_SECRET_KIND_ACCESS_TOKEN, "not-a-token");
  {
    g_autoptr(TendBlueskyClient) client = open_owner ();

    result = sync_owner (client, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (result->source->n_added, ==, 0);
  }
  renewed = lookup_secret (TEND_SECRET_KIND_ACCESS_TOKEN);
  g_assert_cmpstr (renewed, !=, "not-a-token");
  assert_graph_as_seeded ();

  /* When the refresh token is refused too, the person signs in again,
   * and nothing changed. */
  store_secret (TEND_SECRET_KIND_ACCESS_TOKEN, "not-a-token");
  store_secret (TEND_SECRET_KIND_REFRESH_TOKEN, "not-a-token-either");
  {
    g_autoptr(TendBlueskyClient) client = open_owner ();
    g_autoptr(TendSyncResult) failed = sync_owner (client, &error);

    g_assert_null (failed);
    g_assert_error (error, TEND_BLUESKY_ERROR, TEND_BLUESKY_ERROR_SIGN_IN_AGAIN);
    g_assert_nonnull (strstr (error->message, "app password"));
    g_clear_error (&error);
  }
  assert_graph_as_seeded ();

  access = connect_owner (net.app_password, &error);
  g_assert_no_error (error);
}

/* Whether the owner follows @did, as the server says now. */
static gboolean
server_says_following (TendBlueskyClient *client,
                       const char        *did)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(TendWebReply) reply = NULL;
  g_autoptr(TendBlueskyProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *query = g_strconcat ("actor=", did, NULL);

  tend_bluesky_client_call_async (client, "app.bsky.actor.getProfile", query, NULL, NULL,
                                  tend_test_store_result, &result);
  reply = tend_bluesky_client_call_finish (client, wait_for (&result), &error);
  g_assert_no_error (error);
  profile = tend_bluesky_profile_parse (reply->root, &error);
  g_assert_no_error (error);
  return profile->following != NULL;
}

/* The AppView indexes a little after the server writes. */
static void
assert_server_soon (TendBlueskyClient *client,
                    const char        *did,
                    gboolean           following)
{
  for (guint i = 0; i < 100; i++)
    {
      if (server_says_following (client, did) == following)
        return;
      tend_test_spin (100);
    }
  g_assert_cmpint (server_says_following (client, did), ==, following);
}

static void
run_action (TendActionExecutor *executor,
            TendActionKind      kind,
            gint64              connection_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  tend_action_executor_run_async (executor, net.store, kind, connection_id, NULL,
                                  tend_test_store_result, &result);
  g_assert_true (tend_action_executor_run_finish (executor, wait_for (&result), &error));
  g_assert_no_error (error);
}

static void
test_unfollow_and_follow (void)
{
  g_autoptr(TendBlueskyClient) client = open_owner ();
  g_autoptr(TendBlueskyExecutor) executor = tend_bluesky_executor_new (client, net.store, net.source_id);
  g_autoptr(GPtrArray) journal = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *account = json_array_get_object_element (net.accounts, 1);
  const char *did = json_object_get_string_member (account, "did");
  gint64 connection_id;
  guint journal_before;

  g_assert_cmpstr (json_object_get_string_member (account, "follow_state"), ==, "mutual");
  connection_id = query_int ("SELECT id FROM connections WHERE remote_id = ?1", did);
  g_assert_cmpint (connection_id, >, 0);
  g_assert_false (tend_action_executor_can_run (TEND_ACTION_EXECUTOR (executor),
                                                TEND_ACTION_REMOVE_FOLLOWER));

  journal = tend_store_list_journal (net.store, &error);
  g_assert_no_error (error);
  journal_before = journal->len;
  g_clear_pointer (&journal, g_ptr_array_unref);

  run_action (TEND_ACTION_EXECUTOR (executor), TEND_ACTION_UNFOLLOW, connection_id);
  assert_server_soon (client, did, FALSE);
  g_assert_cmpint (query_int ("SELECT count(*) FROM connections WHERE remote_id = ?1 "
                              "AND follow_record IS NULL", did), ==, 1);
  {
    g_autoptr(GHashTable) states = tend_store_get_follow_states (net.store, net.source_id, &error);

    g_assert_no_error (error);
    g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (states, did)) - 1, ==,
                     TEND_FOLLOW_STATE_FOLLOWS_ME);
  }

  journal = tend_store_list_journal (net.store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (journal->len, >, journal_before);
  journal_before = journal->len;
  g_clear_pointer (&journal, g_ptr_array_unref);

  run_action (TEND_ACTION_EXECUTOR (executor), TEND_ACTION_FOLLOW, connection_id);
  assert_server_soon (client, did, TRUE);
  g_assert_cmpint (query_int ("SELECT count(*) FROM connections WHERE remote_id = ?1 "
                              "AND follow_record LIKE 'at://%'", did), ==, 1);

  journal = tend_store_list_journal (net.store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (journal->len, >, journal_before);
}

static void
test_resync (void)
{
  g_autoptr(TendBlueskyClient) client = open_owner ();
  g_autoptr(TendSyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* Wait for the follow to be indexed everywhere the sync reads. */
  for (guint i = 0; i < 100; i++)
    {
      g_clear_pointer (&result, tend_sync_result_free);
      result = sync_owner (client, &error);
      g_assert_no_error (error);
      if (result->unfollowed->len == 0 && result->source->n_interactions_added == 0)
        {
          g_autoptr(GHashTable) states = tend_store_get_follow_states (net.store, net.source_id, NULL);
          JsonObject *account = json_array_get_object_element (net.accounts, 1);

          if (GPOINTER_TO_INT (g_hash_table_lookup (states, json_object_get_string_member (account, "did"))) - 1 ==
              TEND_FOLLOW_STATE_MUTUAL)
            break;
        }
      tend_test_spin (200);
    }

  g_assert_cmpuint (result->source->n_added, ==, 0);
  assert_graph_as_seeded ();
  assert_interactions ();
}

/* Runs tend with @input on standard input. */
static int
run_tend_with_input (const char  *input,
                     char       **out_stdout,
                     char       **out_stderr,
                     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("TEND_BINARY"));
  va_start (args, out_stderr);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, input, NULL, out_stdout, out_stderr, &error));
  g_assert_no_error (error);
  g_test_message ("stdout: %s\nstderr: %s", *out_stdout, *out_stderr);
  return g_subprocess_get_exit_status (process);
}

static void
test_cli (void)
{
  g_autofree char *dir = tend_test_make_tmp_dir ("tend-bluesky-cli-XXXXXX");
  g_autofree char *password_line = g_strconcat (net.app_password, "\n", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_tend_with_input ("wrong-password\n", &out, &err, "--data-dir", dir,
                                        "--connect-bluesky", net.owner, "--service", net.pds,
                                        NULL), ==, 1);
  g_assert_nonnull (strstr (err, "app password"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_tend_with_input (password_line, &out, &err, "--data-dir", dir,
                                        "--connect-bluesky", net.owner, "--service", net.pds,
                                        NULL), ==, 0);
  g_assert_nonnull (strstr (out, net.owner));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_tend_with_input ("", &out, &err, "--data-dir", dir, "--sync", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "135 connections added"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_tend_with_input ("", &out, &err, "--data-dir", dir,
                                        "--disconnect-bluesky", net.owner, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Nothing connected any more: --sync says so and fails. */
  g_assert_cmpint (run_tend_with_input ("", &out, &err, "--data-dir", dir, "--sync", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "--connect-bluesky"));

  tend_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  const char *network_path = g_getenv ("TEND_BLUESKY_NETWORK");
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  JsonObject *root, *owner;
  int status;

  g_test_init (&argc, &argv, NULL);

  if (network_path == NULL)
    {
      g_printerr ("test-bluesky runs under tests/bluesky/run-with-network\n");
      return 1;
    }

  net.network = json_parser_new ();
  json_parser_load_from_file (net.network, network_path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (net.network));
  net.pds = json_object_get_string_member (root, "pds");
  net.owner = json_object_get_string_member (root, "owner");
  net.summary = json_object_get_object_member (root, "owner_summary");
  net.accounts = json_object_get_array_member (root, "accounts");
  owner = json_array_get_object_element (net.accounts, 0);
  net.app_password = json_object_get_string_member (owner, "app_password");

  net.dir = tend_test_make_tmp_dir ("tend-bluesky-XXXXXX");
  db_path = tend_store_build_path (net.dir);
  net.store = tend_store_open (db_path, &error);
  g_assert_no_error (error);

  g_test_add_func ("/bluesky/1-wrong-password", test_wrong_password);
  g_test_add_func ("/bluesky/2-connect", test_connect);
  g_test_add_func ("/bluesky/3-sync", test_sync);
  g_test_add_func ("/bluesky/4-refresh", test_refresh);
  g_test_add_func ("/bluesky/5-unfollow-and-follow", test_unfollow_and_follow);
  g_test_add_func ("/bluesky/6-resync", test_resync);
  g_test_add_func ("/bluesky/7-cli", test_cli);

  status = g_test_run ();

  g_clear_object (&net.store);
  tend_test_remove_tree (net.dir);
  g_free (net.dir);
  g_clear_object (&net.network);
  return status;
}
