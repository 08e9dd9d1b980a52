/* test-apply-engine.c: prune decisions become actions on each network,
 * queued once, run one at a time, and never done twice after a crash
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "tend-apply-engine.h"
#include "tend-csv-export.h"
#include "tend-test-network.h"
#include "tend-test-utils.h"

typedef struct {
  char            *dir;
  TendStore       *store;
  TendApplyEngine *engine;
  TendTestNetwork *mastodon;
  TendTestNetwork *bluesky;
  gint64           mastodon_id;
  gint64           bluesky_id;
  gint64           linkedin_id;
  gint64           facebook_id;
  /* Mastodon */
  gint64           ada;   /* mutual, pruned */
  gint64           bea;   /* I follow, pruned */
  gint64           cy;    /* follows me, pruned */
  gint64           dee;   /* mutual, kept */
  /* Bluesky */
  gint64           fay;   /* mutual, pruned */
  gint64           gus;   /* follows me, pruned */
  gint64           hal;   /* I follow, pruned */
  /* export-only */
  gint64           kim;   /* LinkedIn, pruned */
  gint64           lee;   /* Facebook, pruned */
} Fixture;

static gint64
add (Fixture         *fixture,
     gint64           source_id,
     const char      *name,
     TendFollowState  state,
     TendDecision     decision)
{
  TendConnectionRecord record = { .stable_key = name, .name = name, .follow_state = state };
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = tend_store_upsert_connection (fixture->store, source_id, &record, &error);
  g_assert_no_error (error);
  g_assert_true (tend_store_set_decision (fixture->store, id, decision, NULL, &error));
  g_assert_no_error (error);
  return id;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  TendStore *store;

  fixture->dir = tend_test_make_tmp_dir ("tend-apply-XXXXXX");
  path = g_build_filename (fixture->dir, "tend.db", NULL);
  fixture->store = store = tend_store_open (path, &error);
  g_assert_no_error (error);

  fixture->mastodon_id = tend_store_ensure_source (store, TEND_SOURCE_KIND_MASTODON, "me@example.org", "Mastodon", NULL);
  fixture->bluesky_id = tend_store_ensure_source (store, TEND_SOURCE_KIND_BLUESKY, "me.bsky.social", "Bluesky", NULL);
  fixture->linkedin_id = tend_store_ensure_source (store, TEND_SOURCE_KIND_LINKEDIN, "me", "LinkedIn", NULL);
  fixture->facebook_id = tend_store_ensure_source (store, TEND_SOURCE_KIND_FACEBOOK, "me", "Facebook", NULL);

  fixture->ada = add (fixture, fixture->mastodon_id, "Ada Lovelace", TEND_FOLLOW_STATE_MUTUAL, TEND_DECISION_PRUNE);
  fixture->bea = add (fixture, fixture->mastodon_id, "Bea", TEND_FOLLOW_STATE_I_FOLLOW, TEND_DECISION_PRUNE);
  fixture->cy = add (fixture, fixture->mastodon_id, "Cy", TEND_FOLLOW_STATE_FOLLOWS_ME, TEND_DECISION_PRUNE);
  fixture->dee = add (fixture, fixture->mastodon_id, "Dee", TEND_FOLLOW_STATE_MUTUAL, TEND_DECISION_KEEP);
  fixture->fay = add (fixture, fixture->bluesky_id, "Fay", TEND_FOLLOW_STATE_MUTUAL, TEND_DECISION_PRUNE);
  fixture->gus = add (fixture, fixture->bluesky_id, "Gus", TEND_FOLLOW_STATE_FOLLOWS_ME, TEND_DECISION_PRUNE);
  fixture->hal = add (fixture, fixture->bluesky_id, "Hal", TEND_FOLLOW_STATE_I_FOLLOW, TEND_DECISION_PRUNE);
  fixture->kim = add (fixture, fixture->linkedin_id, "Kim Lee", TEND_FOLLOW_STATE_FRIENDS, TEND_DECISION_PRUNE);
  fixture->lee = add (fixture, fixture->facebook_id, "=Lee, \"the\" baker", TEND_FOLLOW_STATE_FRIENDS, TEND_DECISION_PRUNE);

  fixture->engine = tend_apply_engine_new (store);
  fixture->mastodon = tend_test_network_new (TEND_TEST_KIND (TEND_ACTION_UNFOLLOW) |
                                             TEND_TEST_KIND (TEND_ACTION_REMOVE_FOLLOWER) |
                                             TEND_TEST_KIND (TEND_ACTION_FOLLOW));
  fixture->bluesky = tend_test_network_new (TEND_TEST_KIND (TEND_ACTION_UNFOLLOW) |
                                            TEND_TEST_KIND (TEND_ACTION_FOLLOW));
  tend_apply_engine_set_executor (fixture->engine, fixture->mastodon_id, TEND_ACTION_EXECUTOR (fixture->mastodon));
  tend_apply_engine_set_executor (fixture->engine, fixture->bluesky_id, TEND_ACTION_EXECUTOR (fixture->bluesky));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->engine);
  g_clear_object (&fixture->mastodon);
  g_clear_object (&fixture->bluesky);
  g_clear_object (&fixture->store);
  g_assert_true (tend_test_remove_tree (fixture->dir));
  g_free (fixture->dir);
}

static char *
prepare (Fixture *fixture,
         guint   *n_queued)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *backup;

  tend_apply_engine_prepare_async (fixture->engine, NULL, tend_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  backup = tend_apply_engine_prepare_finish (fixture->engine, result, n_queued, &error);
  g_assert_no_error (error);
  g_assert_nonnull (backup);
  return backup;
}

static TendApplyResult *
run (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  TendApplyResult *applied;

  tend_apply_engine_run_async (fixture->engine, NULL, tend_test_store_result, &result);
  /* A run with something to send is under way until its callback. */
  g_assert_true (tend_apply_engine_get_running (fixture->engine) ==
                 (tend_apply_engine_get_n_total (fixture->engine) > 0));
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  applied = tend_apply_engine_run_finish (fixture->engine, result, &error);
  g_assert_no_error (error);
  g_assert_false (tend_apply_engine_get_running (fixture->engine));
  return applied;
}

/* "kind:state" of every action of @connection_id, in order. */
static char *
actions_of (TendStore *store,
            gint64     connection_id)
{
  g_autoptr(GPtrArray) actions = tend_store_list_actions (store, NULL);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < actions->len; i++)
    {
      TendActionItem *item = g_ptr_array_index (actions, i);

      if (item->person.connection_id == connection_id)
        g_string_append_printf (text, "%s:%s;", tend_action_kind_to_key (item->kind),
                                tend_action_state_to_key (item->state));
    }

  return g_string_free (text, FALSE);
}

static guint
count_journal (TendStore  *store,
               const char *action,
               gint64      connection_id)
{
  g_autoptr(GPtrArray) journal = tend_store_list_journal (store, NULL);
  guint n = 0;

  for (guint i = 0; i < journal->len; i++)
    {
      TendJournalEntry *entry = g_ptr_array_index (journal, i);

      n += g_strcmp0 (entry->action, action) == 0 &&
           (connection_id == 0 || entry->connection_id == connection_id);
    }

  return n;
}

static char *
follow_state_of (TendStore *store,
                 gint64     connection_id)
{
  TendFollowState state;
  gboolean present;

  g_assert_true (tend_store_get_follow_state (store, connection_id, &state, &present, NULL));
  return g_strdup (present ? tend_follow_state_to_key (state) : "removed");
}

static void
assert_follow_state (TendStore  *store,
                     gint64      connection_id,
                     const char *expected)
{
  g_autofree char *state = follow_state_of (store, connection_id);

  g_assert_cmpstr (state, ==, expected);
}

static void
assert_actions (TendStore  *store,
                gint64      connection_id,
                const char *expected)
{
  g_autofree char *actions = actions_of (store, connection_id);

  g_assert_cmpstr (actions, ==, expected);
}

static void
test_plan (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GArray) plans = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  TendApplySourcePlan *plan;

  tend_apply_engine_set_executor (fixture->engine, fixture->bluesky_id, NULL);
  plans = tend_apply_engine_plan (fixture->engine, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plans->len, ==, 4);

  /* Mutual: both ways; the kept person: nothing. */
  plan = &g_array_index (plans, TendApplySourcePlan, 0);
  g_assert_cmpint (plan->source_id, ==, fixture->mastodon_id);
  g_assert_cmpuint (plan->n_people, ==, 3);
  g_assert_cmpuint (plan->n_unfollow, ==, 2);
  g_assert_cmpuint (plan->n_remove_follower, ==, 2);
  g_assert_cmpuint (plan->n_checklist, ==, 0);
  g_assert_cmpuint (plan->n_kept_followers, ==, 0);
  g_assert_true (plan->has_executor);

  /* Bluesky unfollows only; its followers stay. */
  plan = &g_array_index (plans, TendApplySourcePlan, 1);
  g_assert_cmpint (plan->source_kind, ==, TEND_SOURCE_KIND_BLUESKY);
  g_assert_cmpuint (plan->n_unfollow, ==, 2);
  g_assert_cmpuint (plan->n_remove_follower, ==, 0);
  g_assert_cmpuint (plan->n_kept_followers, ==, 2);
  g_assert_false (plan->has_executor);

  for (guint i = 2; i < 4; i++)
    {
      plan = &g_array_index (plans, TendApplySourcePlan, i);
      g_assert_cmpuint (plan->n_people, ==, 1);
      g_assert_cmpuint (plan->n_checklist, ==, 1);
      g_assert_cmpuint (plan->n_checklist_done, ==, 0);
      g_assert_cmpuint (plan->n_unfollow + plan->n_remove_follower, ==, 0);
    }

  /* A plan writes nothing. */
  actions = tend_store_list_actions (fixture->store, &error);
  g_assert_cmpuint (actions->len, ==, 0);
}

static void
test_backup_and_queue (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *backup = NULL;
  g_autofree char *second = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *backup_dir = NULL;
  g_autofree char *expected_dir = NULL;
  g_autofree char *dir_of_backup = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  guint n_queued = 0;

  backup = prepare (fixture, &n_queued);
  g_assert_cmpuint (n_queued, ==, 8);

  /* In the profile's backups folder, readable by the owner only. */
  backup_dir = tend_apply_engine_build_backup_dir (fixture->store);
  expected_dir = g_build_filename (fixture->dir, "backups", NULL);
  g_assert_cmpstr (backup_dir, ==, expected_dir);
  dir_of_backup = g_path_get_dirname (backup);
  g_assert_cmpstr (dir_of_backup, ==, expected_dir);
  g_assert_true (g_str_has_prefix (strrchr (backup, '/'), "/tend-backup-"));
  g_assert_true (g_str_has_suffix (backup, ".csv"));
  g_assert_cmpint (g_stat (backup, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* Every connection, with its decision, as it was before applying. */
  g_file_get_contents (backup, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 9 + 1);
  g_assert_cmpstr (lines[0], ==, TEND_CSV_EXPORT_HEADER);
  g_assert_true (g_str_has_prefix (lines[1], "mastodon,Ada Lovelace,,,mutual,"));
  g_assert_true (g_str_has_suffix (lines[1], ",prune,"));
  g_assert_true (g_str_has_prefix (lines[4], "mastodon,Dee,,,mutual,"));
  g_assert_true (g_str_has_suffix (lines[4], ",keep,"));
  g_assert_true (g_str_has_prefix (lines[8], "linkedin,Kim Lee,,,friends,"));
  /* Untrusted names stay inert in a spreadsheet. */
  g_assert_true (g_str_has_prefix (lines[9], "facebook,\"'=Lee, \"\"the\"\" baker\",,,friends,"));
  g_assert_cmpstr (lines[10], ==, "");

  assert_actions (fixture->store, fixture->ada, "unfollow:pending;remove_follower:pending;");
  assert_actions (fixture->store, fixture->bea, "unfollow:pending;");
  assert_actions (fixture->store, fixture->cy, "remove_follower:pending;");
  assert_actions (fixture->store, fixture->dee, "");
  assert_actions (fixture->store, fixture->fay, "unfollow:pending;");
  assert_actions (fixture->store, fixture->gus, "");
  assert_actions (fixture->store, fixture->kim, "checklist:pending;");

  /* Preparing again writes a new backup but queues nothing twice. */
  second = prepare (fixture, &n_queued);
  g_assert_cmpuint (n_queued, ==, 0);
  g_assert_cmpstr (second, !=, backup);
  g_assert_true (g_file_test (second, G_FILE_TEST_IS_REGULAR));
  assert_actions (fixture->store, fixture->ada, "unfollow:pending;remove_follower:pending;");
}

static void
on_progress (TendApplyEngine *engine,
             gint64           source_id,
             GString         *seen)
{
  guint done, total;

  g_assert_true (tend_apply_engine_get_source_progress (engine, source_id, &done, &total));
  g_assert_cmpuint (done, <=, total);
  g_string_append_printf (seen, "%u/%u;", tend_apply_engine_get_n_done (engine),
                          tend_apply_engine_get_n_total (engine));
}

static void
test_run (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(TendApplyResult) applied = NULL;
  g_autoptr(TendApplyResult) again = NULL;
  g_autoptr(TendApplyResult) retried = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autofree char *mastodon_calls = NULL;
  g_autofree char *bluesky_calls = NULL;
  g_autofree char *expected = NULL;
  guint n_queued;

  g_free (prepare (fixture, NULL));
  tend_test_network_refuse (fixture->mastodon, fixture->cy, "This account is locked");
  g_signal_connect (fixture->engine, "progress", G_CALLBACK (on_progress), seen);

  applied = run (fixture);
  g_assert_cmpuint (applied->n_succeeded, ==, 5);
  g_assert_cmpuint (applied->n_failed, ==, 1);
  g_assert_cmpuint (applied->n_cancelled, ==, 0);
  g_assert_cmpuint (applied->n_waiting, ==, 0);
  g_assert_cmpuint (applied->finished->len, ==, 6);
  g_assert_cmpstr (seen->str, ==, "1/6;2/6;3/6;4/6;5/6;6/6;");

  for (guint i = 0; i < applied->finished->len; i++)
    {
      TendActionItem *item = g_ptr_array_index (applied->finished, i);

      if (item->person.connection_id == fixture->cy)
        {
          g_assert_cmpint (item->state, ==, TEND_ACTION_STATE_FAILED);
          g_assert_cmpstr (item->error, ==, "This account is locked");
          g_assert_cmpstr (item->person.name, ==, "Cy");
        }
      else
        {
          g_assert_cmpint (item->state, ==, TEND_ACTION_STATE_DONE);
          g_assert_null (item->error);
        }
    }

  /* One at a time per source, in the order queued. */
  mastodon_calls = tend_test_network_dup_calls (fixture->mastodon);
  expected = g_strdup_printf ("unfollow %" G_GINT64_FORMAT ";remove_follower %" G_GINT64_FORMAT ";"
                              "unfollow %" G_GINT64_FORMAT ";remove_follower %" G_GINT64_FORMAT ";",
                              fixture->ada, fixture->ada, fixture->bea, fixture->cy);
  g_assert_cmpstr (mastodon_calls, ==, expected);
  g_clear_pointer (&expected, g_free);
  bluesky_calls = tend_test_network_dup_calls (fixture->bluesky);
  expected = g_strdup_printf ("unfollow %" G_GINT64_FORMAT ";unfollow %" G_GINT64_FORMAT ";",
                              fixture->fay, fixture->hal);
  g_assert_cmpstr (bluesky_calls, ==, expected);

  /* The store and the journal say what the networks did. */
  assert_follow_state (fixture->store, fixture->ada, "removed");
  assert_follow_state (fixture->store, fixture->bea, "removed");
  assert_follow_state (fixture->store, fixture->cy, "follows_me");
  assert_follow_state (fixture->store, fixture->dee, "mutual");
  assert_follow_state (fixture->store, fixture->fay, "follows_me");
  assert_follow_state (fixture->store, fixture->gus, "follows_me");
  assert_follow_state (fixture->store, fixture->hal, "removed");
  assert_actions (fixture->store, fixture->ada, "unfollow:done;remove_follower:done;");
  assert_actions (fixture->store, fixture->cy, "remove_follower:failed;");
  assert_actions (fixture->store, fixture->kim, "checklist:pending;");
  g_assert_cmpuint (count_journal (fixture->store, "unfollow", 0), ==, 4);
  g_assert_cmpuint (count_journal (fixture->store, "remove_follower", 0), ==, 1);
  g_assert_cmpuint (count_journal (fixture->store, "remove_follower-failed", fixture->cy), ==, 1);

  /* Running again sends nothing: done stays done, a failure waits for
   * the owner to apply again. */
  again = run (fixture);
  g_assert_cmpuint (again->n_succeeded + again->n_failed, ==, 0);
  g_assert_cmpuint (tend_test_network_get_n_calls (fixture->mastodon), ==, 4);

  /* Applying again retries the failure only. */
  g_free (prepare (fixture, &n_queued));
  g_assert_cmpuint (n_queued, ==, 1);
  retried = run (fixture);
  g_assert_cmpuint (retried->n_failed, ==, 1);
  g_assert_cmpuint (tend_test_network_get_n_calls (fixture->mastodon), ==, 5);
  g_assert_cmpuint (tend_test_network_get_n_calls (fixture->bluesky), ==, 2);
}

static void
test_waiting_and_changed_mind (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(TendApplyResult) applied = NULL;
  g_autoptr(GError) error = NULL;
  guint n_ready, n_waiting;

  g_free (prepare (fixture, NULL));

  /* Bluesky is not connected: its actions wait and are not touched. */
  tend_apply_engine_set_executor (fixture->engine, fixture->bluesky_id, NULL);
  g_assert_true (tend_apply_engine_recover (fixture->engine, &n_ready, &n_waiting, &error));
  g_assert_cmpuint (n_ready, ==, 4);
  g_assert_cmpuint (n_waiting, ==, 2);

  /* Bea is kept after all: her queued unfollow is dropped, unsent. */
  g_assert_true (tend_store_set_decision (fixture->store, fixture->bea, TEND_DECISION_KEEP, NULL, &error));

  applied = run (fixture);
  g_assert_cmpuint (applied->n_succeeded, ==, 3);
  g_assert_cmpuint (applied->n_cancelled, ==, 1);
  g_assert_cmpuint (applied->n_waiting, ==, 2);
  assert_actions (fixture->store, fixture->bea, "unfollow:cancelled;");
  assert_follow_state (fixture->store, fixture->bea, "i_follow");
  assert_actions (fixture->store, fixture->fay, "unfollow:pending;");
  g_assert_cmpuint (tend_test_network_get_n_calls (fixture->bluesky), ==, 0);
  g_assert_cmpuint (count_journal (fixture->store, "unfollow-requested", fixture->bea), ==, 0);
}

static void
cancel_on_first (TendApplyEngine *engine,
                 gint64           source_id,
                 gpointer         data)
{
  if (tend_apply_engine_get_n_done (engine) == 1)
    tend_apply_engine_cancel (engine);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(TendApplyResult) applied = NULL;

  g_free (prepare (fixture, NULL));
  tend_apply_engine_set_executor (fixture->engine, fixture->bluesky_id, NULL);
  tend_test_network_set_delay (fixture->mastodon, 20);
  g_signal_connect (fixture->engine, "progress", G_CALLBACK (cancel_on_first), NULL);

  applied = run (fixture);
  g_assert_cmpuint (applied->n_succeeded, ==, 1);
  g_assert_cmpuint (applied->n_cancelled, ==, 3);
  g_assert_cmpuint (tend_test_network_get_n_calls (fixture->mastodon), ==, 1);
  assert_actions (fixture->store, fixture->ada, "unfollow:done;remove_follower:cancelled;");
  assert_actions (fixture->store, fixture->cy, "remove_follower:cancelled;");
}

static void
test_interrupted (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(TendApplyResult) applied = NULL;
  g_autoptr(GError) error = NULL;

  g_free (prepare (fixture, NULL));
  tend_apply_engine_set_executor (fixture->engine, fixture->bluesky_id, NULL);
  tend_test_network_set_delay (fixture->mastodon, 20);

  /* Closing the window stops the run; what is left waits, not cancelled,
   * for the next start. */
  tend_apply_engine_run_async (fixture->engine, cancellable, tend_test_store_result, &result);
  g_cancellable_cancel (cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (tend_apply_engine_run_finish (fixture->engine, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* The request on its way is answered and recorded; nothing more is sent. */
  g_assert_cmpuint (tend_test_network_get_n_calls (fixture->mastodon), ==, 1);
  assert_actions (fixture->store, fixture->ada, "unfollow:done;remove_follower:pending;");
  assert_actions (fixture->store, fixture->cy, "remove_follower:pending;");

  applied = run (fixture);
  g_assert_cmpuint (applied->n_succeeded, ==, 3);
  assert_actions (fixture->store, fixture->ada, "unfollow:done;remove_follower:done;");
  g_assert_cmpuint (count_journal (fixture->store, "unfollow", fixture->ada), ==, 1);
}

/* A process that stopped with actions marked running: one whose result
 * was recorded, one whose request may or may not have left. */
static void
test_recover (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(TendApplyResult) applied = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *calls = NULL;
  g_autofree char *expected = NULL;
  gint64 ada_unfollow = 0, bea_unfollow = 0;
  guint n_ready, n_waiting;

  g_free (prepare (fixture, NULL));
  tend_apply_engine_set_executor (fixture->engine, fixture->bluesky_id, NULL);
  actions = tend_store_list_actions (fixture->store, NULL);
  for (guint i = 0; i < actions->len; i++)
    {
      TendActionItem *item = g_ptr_array_index (actions, i);

      if (item->kind != TEND_ACTION_UNFOLLOW)
        continue;
      if (item->person.connection_id == fixture->ada)
        ada_unfollow = item->id;
      else if (item->person.connection_id == fixture->bea)
        bea_unfollow = item->id;
    }

  /* Ada's unfollow reached the network and its result was recorded
   * just before the crash; Bea's request was journaled, then nothing. */
  g_assert_true (tend_store_set_action_state (fixture->store, ada_unfollow, TEND_ACTION_STATE_RUNNING, NULL, &error));
  g_assert_true (tend_store_journal_action_requested (fixture->store, fixture->ada, TEND_ACTION_UNFOLLOW, &error));
  g_assert_true (tend_store_record_action_result (fixture->store, fixture->ada, TEND_ACTION_UNFOLLOW, NULL, &error));
  g_assert_true (tend_store_set_action_state (fixture->store, bea_unfollow, TEND_ACTION_STATE_RUNNING, NULL, &error));
  g_assert_true (tend_store_journal_action_requested (fixture->store, fixture->bea, TEND_ACTION_UNFOLLOW, &error));
  g_assert_no_error (error);

  g_assert_true (tend_apply_engine_recover (fixture->engine, &n_ready, &n_waiting, &error));
  g_assert_no_error (error);
  assert_actions (fixture->store, fixture->ada, "unfollow:done;remove_follower:pending;");
  assert_actions (fixture->store, fixture->bea, "unfollow:pending;");
  g_assert_cmpuint (n_ready, ==, 3);
  g_assert_cmpuint (n_waiting, ==, 2);

  applied = run (fixture);
  g_assert_cmpuint (applied->n_succeeded, ==, 3);

  /* Ada is not unfollowed again; Bea is sent once more, and the journal
   * claims one unfollow each. */
  calls = tend_test_network_dup_calls (fixture->mastodon);
  expected = g_strdup_printf ("remove_follower %" G_GINT64_FORMAT ";unfollow %" G_GINT64_FORMAT ";"
                              "remove_follower %" G_GINT64_FORMAT ";",
                              fixture->ada, fixture->bea, fixture->cy);
  g_assert_cmpstr (calls, ==, expected);
  g_assert_cmpuint (count_journal (fixture->store, "unfollow", fixture->ada), ==, 1);
  g_assert_cmpuint (count_journal (fixture->store, "unfollow", fixture->bea), ==, 1);
  g_assert_cmpuint (count_journal (fixture->store, "unfollow-requested", fixture->bea), ==, 2);
  assert_follow_state (fixture->store, fixture->ada, "removed");
  assert_follow_state (fixture->store, fixture->bea, "removed");
}

static void
test_checklist (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GArray) plans = NULL;
  g_autoptr(GError) error = NULL;
  gint64 kim_item = 0, ada_item = 0;
  guint n_queued;

  g_free (prepare (fixture, NULL));
  actions = tend_store_list_actions (fixture->store, NULL);
  for (guint i = 0; i < actions->len; i++)
    {
      TendActionItem *item = g_ptr_array_index (actions, i);

      if (item->person.connection_id == fixture->kim)
        kim_item = item->id;
      else if (item->person.connection_id == fixture->ada)
        ada_item = item->id;
    }

  /* A tick persists, is journaled once, and counts as progress. */
  g_assert_true (tend_store_set_checklist_done (fixture->store, kim_item, TRUE, &error));
  g_assert_true (tend_store_set_checklist_done (fixture->store, kim_item, TRUE, &error));
  g_assert_no_error (error);
  assert_actions (fixture->store, fixture->kim, "checklist:done;");
  g_assert_cmpuint (count_journal (fixture->store, "checklist-done", fixture->kim), ==, 1);
  plans = tend_apply_engine_plan (fixture->engine, &error);
  g_assert_cmpuint (g_array_index (plans, TendApplySourcePlan, 2).n_checklist_done, ==, 1);

  /* A ticked item is not queued again. */
  g_free (prepare (fixture, &n_queued));
  g_assert_cmpuint (n_queued, ==, 0);
  assert_actions (fixture->store, fixture->kim, "checklist:done;");

  /* Unticking restores it. */
  g_assert_true (tend_store_set_checklist_done (fixture->store, kim_item, FALSE, &error));
  assert_actions (fixture->store, fixture->kim, "checklist:pending;");
  g_assert_cmpuint (count_journal (fixture->store, "checklist-undone", fixture->kim), ==, 1);

  /* Network actions are not ticked by hand. */
  g_assert_false (tend_store_set_checklist_done (fixture->store, ada_item, TRUE, &error));
  g_assert_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_INVALID);
}

static void
test_restore (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(TendApplyResult) applied = NULL;
  g_autoptr(TendApplyResult) restored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *calls = NULL;
  g_autofree char *expected = NULL;

  g_free (prepare (fixture, NULL));
  applied = run (fixture);
  assert_follow_state (fixture->store, fixture->bea, "removed");

  /* Following again, through the network, after the decision is undone. */
  g_assert_true (tend_apply_engine_restore (fixture->engine, fixture->bea, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_journal (fixture->store, "decision", fixture->bea), ==, 2);
  restored = run (fixture);
  g_assert_cmpuint (restored->n_succeeded, ==, 1);
  calls = tend_test_network_dup_calls (fixture->mastodon);
  expected = g_strdup_printf ("follow %" G_GINT64_FORMAT ";", fixture->bea);
  g_assert_true (g_str_has_suffix (calls, expected));
  assert_follow_state (fixture->store, fixture->bea, "i_follow");
  assert_actions (fixture->store, fixture->bea, "unfollow:done;follow:done;");
  g_assert_cmpuint (count_journal (fixture->store, "follow", fixture->bea), ==, 1);

  /* The decision is back to undecided, so applying again leaves Bea be. */
  g_clear_pointer (&applied, tend_apply_result_free);
  g_free (prepare (fixture, NULL));
  applied = run (fixture);
  g_assert_cmpuint (applied->n_succeeded, ==, 0);
  assert_follow_state (fixture->store, fixture->bea, "i_follow");
}

static guint
count_lines (const char *path)
{
  g_autofree char *contents = NULL;
  guint n = 0;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return 0;

  for (const char *p = contents; *p != '\0'; p++)
    n += *p == ';';

  return n;
}

static guint
count_calls (const char *log,
             const char *call)
{
  g_auto(GStrv) calls = g_strsplit (log, ";", -1);
  guint n = 0;

  for (guint i = 0; calls[i] != NULL; i++)
    n += g_str_equal (calls[i], call);

  return n;
}

/* The real thing: a process applying through a slow network is killed
 * with SIGKILL after its third request, then applying starts again. */
static void
test_killed (void)
{
  g_autofree char *dir = tend_test_make_tmp_dir ("tend-apply-kill-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "tend.db", NULL);
  g_autofree char *log = g_build_filename (dir, "requests.log", NULL);
  g_autofree char *source_arg = NULL;
  g_autofree char *requests = NULL;
  g_autofree char *out = NULL;
  g_autoptr(TendStore) store = tend_store_open (path, NULL);
  g_autoptr(TendApplyEngine) engine = tend_apply_engine_new (store);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *helper = g_getenv ("TEND_APPLY_HELPER");
  gint64 ids[6];
  gint64 source_id;
  GPid pid;
  int status;
  guint n_queued;

  g_assert_nonnull (helper);
  source_id = tend_store_ensure_source (store, TEND_SOURCE_KIND_MASTODON, "me@example.org", "Mastodon", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %u", i);
      TendConnectionRecord record = { .stable_key = name, .name = name,
                                      .follow_state = TEND_FOLLOW_STATE_I_FOLLOW };

      ids[i] = tend_store_upsert_connection (store, source_id, &record, NULL);
      g_assert_true (tend_store_set_decision (store, ids[i], TEND_DECISION_PRUNE, NULL, NULL));
    }

  tend_apply_engine_prepare_async (engine, NULL, tend_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_free (tend_apply_engine_prepare_finish (engine, result, &n_queued, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_queued, ==, 6);
  g_clear_object (&engine);
  g_clear_object (&store);

  source_arg = g_strdup_printf ("%" G_GINT64_FORMAT, source_id);
  {
    const char *argv[] = { helper, path, log, "500", source_arg, NULL };

    g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error);
    g_assert_no_error (error);
  }

  /* Wait for the third request, whatever the machine's speed. */
  for (guint waited = 0; count_lines (log) < 3; waited++)
    {
      g_assert_cmpuint (waited, <, 12000);
      g_usleep (5000);
    }
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_spawn_close_pid (pid);

  /* Start again, with a network that answers at once. */
  {
    const char *argv[] = { helper, path, log, "0", source_arg, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }

  store = tend_store_open (path, &error);
  g_assert_no_error (error);
  g_file_get_contents (log, &requests, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("Requests received: %s; second run: %s", requests, out);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *call = g_strdup_printf ("unfollow %" G_GINT64_FORMAT, ids[i]);
      guint n = count_calls (requests, call);

      /* Only the request on its way when the process died may have gone
       * out twice (harmless on the server); everyone is unfollowed, and
       * the journal says so once each. */
      if (i == 2)
        g_assert_cmpuint (n, >=, 1);
      else
        g_assert_cmpuint (n, ==, 1);
      g_assert_cmpuint (n, <=, 2);
      assert_actions (store, ids[i], "unfollow:done;");
      assert_follow_state (store, ids[i], "removed");
      g_assert_cmpuint (count_journal (store, "unfollow", ids[i]), ==, 1);
    }

  g_clear_object (&store);
  g_assert_true (tend_test_remove_tree (dir));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/apply-engine/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("plan", test_plan);
  ADD ("backup-and-queue", test_backup_and_queue);
  ADD ("run", test_run);
  ADD ("waiting-and-changed-mind", test_waiting_and_changed_mind);
  ADD ("cancel", test_cancel);
  ADD ("interrupted", test_interrupted);
  ADD ("recover", test_recover);
  ADD ("checklist", test_checklist);
  ADD ("restore", test_restore);
  g_test_add_func ("/apply-engine/killed-and-resumed", test_killed);

#undef ADD

  return g_test_run ();
}
