/* test-action-executor.c: actions on a network are journaled and change
 * the follow state as the network did
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tend-action-executor.h"
#include "tend-test-network.h"
#include "tend-test-utils.h"

static gboolean
run (TendActionExecutor  *executor,
     TendStore           *store,
     TendActionKind       kind,
     gint64               connection_id,
     GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tend_action_executor_run_async (executor, store, kind, connection_id, NULL,
                                  tend_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return tend_action_executor_run_finish (executor, result, error);
}

static TendConnection *
find_connection (TendStore *store,
                 gint64     id)
{
  g_autoptr(GListModel) connections = tend_store_list_connections (store, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (connections); i++)
    {
      g_autoptr(TendConnection) connection = g_list_model_get_item (connections, i);

      if (tend_connection_get_id (connection) == id)
        return g_steal_pointer (&connection);
    }

  return NULL;
}

static void
assert_journal_tail (TendStore  *store,
                     guint       n,
                     const char *expected)
{
  g_autoptr(GPtrArray) journal = tend_store_list_journal (store, NULL);
  g_autoptr(GString) tail = g_string_new (NULL);

  g_assert_cmpuint (journal->len, >=, n);
  for (guint i = journal->len - n; i < journal->len; i++)
    {
      TendJournalEntry *entry = g_ptr_array_index (journal, i);

      g_string_append_printf (tail, "%s %s→%s;", entry->action,
                              entry->before != NULL ? entry->before : "",
                              entry->after != NULL ? entry->after : "");
    }

  g_assert_cmpstr (tail->str, ==, expected);
}

static void
test_actions (void)
{
  g_autofree char *dir = tend_test_make_tmp_dir ("tend-actions-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "tend.db", NULL);
  g_autoptr(TendStore) store = tend_store_open (path, NULL);
  /* A network that unfollows and follows but cannot remove followers. */
  g_autoptr(TendTestNetwork) network = tend_test_network_new (TEND_TEST_KIND (TEND_ACTION_UNFOLLOW) |
                                                              TEND_TEST_KIND (TEND_ACTION_FOLLOW));
  TendActionExecutor *executor = TEND_ACTION_EXECUTOR (network);
  TendConnectionRecord mutual = { .stable_key = "a", .name = "Ada", .follow_state = TEND_FOLLOW_STATE_MUTUAL };
  TendConnectionRecord chased = { .stable_key = "b", .name = "Bea", .follow_state = TEND_FOLLOW_STATE_I_FOLLOW };
  g_autoptr(TendConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  gint64 source_id;
  gint64 ada, bea;

  source_id = tend_store_ensure_source (store, TEND_SOURCE_KIND_MASTODON, "me@example.org", "Mastodon", NULL);
  ada = tend_store_upsert_connection (store, source_id, &mutual, NULL);
  bea = tend_store_upsert_connection (store, source_id, &chased, NULL);

  /* Unfollowing someone who follows back leaves them following. */
  g_assert_true (run (executor, store, TEND_ACTION_UNFOLLOW, ada, &error));
  g_assert_no_error (error);
  connection = find_connection (store, ada);
  g_assert_cmpint (tend_connection_get_follow_state (connection), ==, TEND_FOLLOW_STATE_FOLLOWS_ME);
  assert_journal_tail (store, 2, "unfollow-requested mutual→;unfollow mutual→follows_me;");
  g_clear_object (&connection);

  /* Unfollowing someone who does not ends the connection; following
   * again brings it back. */
  g_assert_true (run (executor, store, TEND_ACTION_UNFOLLOW, bea, &error));
  g_assert_null (find_connection (store, bea));
  g_assert_true (run (executor, store, TEND_ACTION_FOLLOW, bea, &error));
  connection = find_connection (store, bea);
  g_assert_cmpint (tend_connection_get_follow_state (connection), ==, TEND_FOLLOW_STATE_I_FOLLOW);
  assert_journal_tail (store, 4,
                       "unfollow-requested i_follow→;unfollow i_follow→removed;"
                       "follow-requested removed→;follow removed→i_follow;");
  g_clear_object (&connection);

  /* A refusal is journaled with its reason and changes nothing. */
  tend_test_network_refuse (network, ada, "The server said no");
  g_assert_false (run (executor, store, TEND_ACTION_FOLLOW, ada, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  connection = find_connection (store, ada);
  g_assert_cmpint (tend_connection_get_follow_state (connection), ==, TEND_FOLLOW_STATE_FOLLOWS_ME);
  assert_journal_tail (store, 2, "follow-requested follows_me→;follow-failed follows_me→The server said no;");

  /* What the network does not offer is refused before anything is
   * written or sent. */
  g_assert_false (run (executor, store, TEND_ACTION_REMOVE_FOLLOWER, ada, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_cmpuint (tend_test_network_get_n_calls (network), ==, 4);
  assert_journal_tail (store, 1, "follow-failed follows_me→The server said no;");

  g_clear_object (&store);
  tend_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/action-executor/journal-and-follow-state", test_actions);

  return g_test_run ();
}
