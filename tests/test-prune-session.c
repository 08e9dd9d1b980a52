/* test-prune-session.c: the pruning wizard's state, candidates and review
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-prune-session"

#include "config.h"

#include <glib/gstdio.h>

#include "tend-prune-session.h"
#include "tend-reciprocity.h"
#include "tend-sample-generator.h"
#include "tend-store.h"
#include "tend-test-utils.h"

/* The sample's histories end here: 8 March 2026, 20:00 UTC. */
#define SAMPLE_NOW G_GINT64_CONSTANT (1773000000)
#define SAMPLE_SEED 7

typedef struct {
  char       *path;
  TendStore  *store;
  GListModel *connections;
} Fixture;

static void
load_connections (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  TendReciprocityParams params;

  g_clear_object (&fixture->connections);
  fixture->connections = tend_store_list_connections (fixture->store, &error);
  g_assert_no_error (error);

  tend_reciprocity_params_init_default (&params);
  g_assert_true (tend_reciprocity_apply (fixture->store, fixture->connections, &params, SAMPLE_NOW, &error));
  g_assert_no_error (error);
}

/* Closes and opens the profile again, as a restart of the application. */
static void
reopen (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&fixture->connections);
  g_clear_object (&fixture->store);
  fixture->store = tend_store_open (fixture->path, &error);
  g_assert_no_error (error);
  load_connections (fixture);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "profile", NULL);
  TendSampleOptions options;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  fixture->path = tend_store_build_path (dir);
  fixture->store = tend_store_open (fixture->path, &error);
  g_assert_no_error (error);

  tend_sample_options_init_default (&options);
  options.seed = SAMPLE_SEED;
  options.now = SAMPLE_NOW;
  g_assert_true (tend_sample_generate (fixture->store, &options, NULL, &error));
  g_assert_no_error (error);

  load_connections (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->connections);
  g_clear_object (&fixture->store);
  g_free (fixture->path);
}

static TendPruneSession *
open_session (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  TendPruneSession *session;

  session = tend_prune_session_new (fixture->store, fixture->connections, SAMPLE_NOW, &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);

  return session;
}

static TendConnection *
find_connection (Fixture *fixture,
                 gint64   id)
{
  guint n_items = g_list_model_get_n_items (fixture->connections);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(TendConnection) connection = g_list_model_get_item (fixture->connections, i);

      if (tend_connection_get_id (connection) == id)
        return connection;
    }

  g_assert_not_reached ();
}

static guint
count_journal (Fixture    *fixture,
               const char *action,
               gint64      connection_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) journal = tend_store_list_journal (fixture->store, &error);
  guint count = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < journal->len; i++)
    {
      TendJournalEntry *entry = g_ptr_array_index (journal, i);

      count += g_strcmp0 (entry->action, action) == 0 && entry->connection_id == connection_id;
    }

  return count;
}

static void
test_new_session (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(TendPruneSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) sources = NULL;
  const guint *layers;
  guint n_layers, target;

  g_assert_false (tend_prune_session_exists (fixture->store));
  session = open_session (fixture);
  g_assert_cmpint (tend_prune_session_get_step (session), ==, TEND_PRUNE_STEP_GOAL);

  /* Every source is chosen at first. */
  sources = tend_store_list_sources (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (sources), >, 1);
  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(TendSource) source = g_list_model_get_item (sources, i);

      g_assert_true (tend_prune_session_is_source_chosen (session, tend_source_get_id (source)));
    }

  /* The target is one of the layers. */
  layers = tend_prune_session_get_layers (&n_layers);
  g_assert_cmpuint (n_layers, ==, 4);
  target = tend_prune_session_get_target (session);
  g_assert_cmpuint (target, ==, tend_prune_session_suggest_target (session));
  g_assert_true (target == layers[0] || target == layers[1] || target == layers[2] || target == layers[3]);

  /* Nothing is saved until a step is. */
  g_assert_false (tend_prune_session_exists (fixture->store));
  g_assert_true (tend_prune_session_set_step (session, TEND_PRUNE_STEP_QUICK_WINS, &error));
  g_assert_no_error (error);
  g_assert_true (tend_prune_session_exists (fixture->store));

  g_assert_true (tend_prune_session_discard (session, &error));
  g_assert_no_error (error);
  g_assert_false (tend_prune_session_exists (fixture->store));
}

static void
test_sources_and_target_persist (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(TendPruneSession) session = open_session (fixture);
  g_autoptr(TendPruneSession) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) sources = tend_store_list_sources (fixture->store, &error);
  g_autoptr(TendSource) first = g_list_model_get_item (sources, 0);
  g_autoptr(GPtrArray) chosen = NULL;
  gint64 first_id = tend_source_get_id (first);

  g_assert_true (tend_prune_session_set_source_chosen (session, first_id, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (tend_prune_session_set_target (session, 50, &error));
  g_assert_true (tend_prune_session_set_filter (session, TEND_PRUNE_FILTER_INACTIVE, &error));
  g_assert_true (tend_prune_session_set_step (session, TEND_PRUNE_STEP_CORE, &error));
  g_assert_no_error (error);

  chosen = tend_prune_session_list_chosen (session);
  g_assert_cmpuint (chosen->len, >, 0);
  for (guint i = 0; i < chosen->len; i++)
    g_assert_cmpint (tend_connection_get_source_id (g_ptr_array_index (chosen, i)), !=, first_id);

  reopen (fixture);
  again = open_session (fixture);
  g_assert_false (tend_prune_session_is_source_chosen (again, first_id));
  g_assert_cmpuint (tend_prune_session_get_target (again), ==, 50);
  g_assert_cmpint (tend_prune_session_get_filter (again), ==, TEND_PRUNE_FILTER_INACTIVE);
  g_assert_cmpint (tend_prune_session_get_step (again), ==, TEND_PRUNE_STEP_CORE);
}

static void
test_quick_wins (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(TendPruneSession) session = open_session (fixture);
  g_autoptr(GPtrArray) quick_wins = tend_prune_session_list_quick_wins (session);
  g_autoptr(GPtrArray) prune = g_ptr_array_new ();
  g_autoptr(GPtrArray) keep = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  guint n_items = g_list_model_get_n_items (fixture->connections);
  guint n_protected_dormant = 0;
  TendConnection *kept;

  g_assert_cmpuint (quick_wins->len, >, 2);
  for (guint i = 0; i < quick_wins->len; i++)
    {
      TendConnection *connection = g_ptr_array_index (quick_wins, i);
      g_autofree char *reason = tend_prune_session_dup_quick_win_reason (session, connection);

      g_assert_false (tend_prune_connection_is_protected (connection));
      g_assert_cmpint (tend_connection_get_decision (connection), ==, TEND_DECISION_UNDECIDED);
      g_assert_true (tend_connection_get_quadrant (connection) == TEND_QUADRANT_DORMANT ||
                     tend_connection_get_account_state (connection) != TEND_ACCOUNT_STATE_ACTIVE);
      g_assert_nonnull (reason);
      g_assert_cmpstr (reason, !=, "");
    }

  /* Accounts the network reports gone come first. */
  g_assert_cmpint (tend_connection_get_account_state (g_ptr_array_index (quick_wins, 0)), !=,
                   TEND_ACCOUNT_STATE_ACTIVE);
  for (guint i = 1; i < quick_wins->len; i++)
    g_assert_true (tend_connection_get_account_state (g_ptr_array_index (quick_wins, i - 1)) != TEND_ACCOUNT_STATE_ACTIVE ||
                   tend_connection_get_account_state (g_ptr_array_index (quick_wins, i)) == TEND_ACCOUNT_STATE_ACTIVE);

  /* Protected people are never suggested, even when Dormant. */
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(TendConnection) connection = g_list_model_get_item (fixture->connections, i);

      if (tend_prune_connection_is_protected (connection) &&
          tend_connection_get_quadrant (connection) == TEND_QUADRANT_DORMANT)
        {
          n_protected_dormant++;
          g_assert_false (tend_prune_session_is_quick_win (session, connection));
        }
    }
  g_assert_cmpuint (n_protected_dormant, >, 0);

  /* The first one unchecked is kept; the rest pruned, journaled. */
  kept = g_ptr_array_index (quick_wins, 0);
  g_ptr_array_add (keep, kept);
  for (guint i = 1; i < quick_wins->len; i++)
    g_ptr_array_add (prune, g_ptr_array_index (quick_wins, i));
  g_assert_true (tend_prune_session_decide_quick_wins (session, prune, keep, &error));
  g_assert_no_error (error);

  g_assert_cmpint (tend_connection_get_decision (kept), ==, TEND_DECISION_KEEP);
  for (guint i = 0; i < prune->len; i++)
    {
      TendConnection *connection = g_ptr_array_index (prune, i);

      g_assert_cmpint (tend_connection_get_decision (connection), ==, TEND_DECISION_PRUNE);
      g_assert_cmpuint (count_journal (fixture, "decision", tend_connection_get_id (connection)), ==, 1);
    }

  /* None left, and the store agrees with the objects. */
  g_clear_pointer (&quick_wins, g_ptr_array_unref);
  quick_wins = tend_prune_session_list_quick_wins (session);
  g_assert_cmpuint (quick_wins->len, ==, 0);
  reopen (fixture);
  g_assert_cmpint (tend_connection_get_decision (find_connection (fixture, tend_connection_get_id (kept))),
                   ==, TEND_DECISION_KEEP);
}

/* The review's order: You invest, then They invest, then the rest, each
 * by rising score; protected people last. */
static void
test_review_order (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(TendPruneSession) session = open_session (fixture);
  g_autoptr(GError) error = NULL;
  guint length, last_group = 0, last_score = 0;

  g_assert_true (tend_prune_session_prepare_review (session, &error));
  g_assert_no_error (error);
  length = tend_prune_session_get_review_length (session);
  g_assert_cmpuint (length, >, 10);

  for (guint i = 0; i < length; i++)
    {
      TendConnection *connection = tend_prune_session_get_review_current (session);
      guint group, score;

      g_assert_nonnull (connection);
      g_assert_cmpuint (tend_prune_session_get_review_index (session), ==, i);
      g_assert_false (tend_prune_session_is_quick_win (session, connection));

      if (tend_prune_connection_is_protected (connection))
        group = 4;
      else if (tend_connection_get_quadrant (connection) == TEND_QUADRANT_YOU_INVEST)
        group = 0;
      else if (tend_connection_get_quadrant (connection) == TEND_QUADRANT_THEY_INVEST)
        group = 1;
      else
        group = 2;

      score = tend_connection_get_score (connection);
      g_assert_cmpuint (group, >=, last_group);
      if (group == last_group && i > 0 && group < 2)
        g_assert_cmpuint (score, >=, last_score);
      last_group = group;
      last_score = score;

      g_assert_true (tend_prune_session_review_skip (session, &error));
      g_assert_no_error (error);
    }

  g_assert_null (tend_prune_session_get_review_current (session));
  g_assert_cmpuint (tend_prune_session_get_review_index (session), ==, length);
  g_assert_false (tend_prune_session_review_skip (session, &error));
  g_assert_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_NOT_FOUND);
}

static void
test_review_resume_and_undo (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(TendPruneSession) session = open_session (fixture);
  g_autoptr(GError) error = NULL;
  gint64 pruned_id, kept_id, current_id;
  guint length;

  g_assert_true (tend_prune_session_prepare_review (session, &error));
  g_assert_true (tend_prune_session_set_step (session, TEND_PRUNE_STEP_ONE_BY_ONE, &error));
  length = tend_prune_session_get_review_length (session);

  kept_id = tend_connection_get_id (tend_prune_session_get_review_current (session));
  g_assert_true (tend_prune_session_review_decide (session, TEND_DECISION_KEEP, &error));
  pruned_id = tend_connection_get_id (tend_prune_session_get_review_current (session));
  g_assert_true (tend_prune_session_review_decide (session, TEND_DECISION_PRUNE, &error));
  g_assert_true (tend_prune_session_review_skip (session, &error));
  g_assert_no_error (error);
  current_id = tend_connection_get_id (tend_prune_session_get_review_current (session));
  g_assert_cmpuint (tend_prune_session_get_review_index (session), ==, 3);
  g_assert_cmpuint (tend_prune_session_count_reviewed (session, TEND_DECISION_KEEP), ==, 1);
  g_assert_cmpuint (tend_prune_session_count_reviewed (session, TEND_DECISION_PRUNE), ==, 1);

  /* A restart resumes at the same card, with the same counts. */
  g_clear_object (&session);
  reopen (fixture);
  session = open_session (fixture);
  g_assert_true (tend_prune_session_exists (fixture->store));
  g_assert_cmpint (tend_prune_session_get_step (session), ==, TEND_PRUNE_STEP_ONE_BY_ONE);
  g_assert_true (tend_prune_session_prepare_review (session, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tend_prune_session_get_review_length (session), ==, length);
  g_assert_cmpint (tend_connection_get_id (tend_prune_session_get_review_current (session)), ==, current_id);
  g_assert_cmpuint (tend_prune_session_get_review_index (session), ==, 3);
  g_assert_cmpuint (tend_prune_session_count_reviewed (session, TEND_DECISION_KEEP), ==, 1);
  g_assert_cmpuint (tend_prune_session_count_reviewed (session, TEND_DECISION_PRUNE), ==, 1);

  /* Undo walks back: the skip, then the prune, journaled as a change. */
  g_assert_true (tend_prune_session_can_undo (session));
  g_assert_true (tend_prune_session_review_undo (session, &error));
  g_assert_true (tend_prune_session_review_undo (session, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tend_connection_get_id (tend_prune_session_get_review_current (session)), ==, pruned_id);
  g_assert_cmpint (tend_connection_get_decision (find_connection (fixture, pruned_id)), ==, TEND_DECISION_UNDECIDED);
  g_assert_cmpuint (count_journal (fixture, "decision", pruned_id), ==, 2);
  g_assert_cmpuint (tend_prune_session_get_review_index (session), ==, 1);

  /* The undo itself survives a restart. */
  g_clear_object (&session);
  reopen (fixture);
  session = open_session (fixture);
  g_assert_cmpint (tend_connection_get_id (tend_prune_session_get_review_current (session)), ==, pruned_id);
  g_assert_cmpint (tend_connection_get_decision (find_connection (fixture, pruned_id)), ==, TEND_DECISION_UNDECIDED);
  g_assert_true (tend_prune_session_review_undo (session, &error));
  g_assert_cmpint (tend_connection_get_id (tend_prune_session_get_review_current (session)), ==, kept_id);
  g_assert_false (tend_prune_session_can_undo (session));
  g_assert_false (tend_prune_session_review_undo (session, &error));
  g_assert_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_NOT_FOUND);
}

static void
test_review_filters (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(TendPruneSession) session = open_session (fixture);
  g_autoptr(GError) error = NULL;
  guint all, not_following, inactive;

  g_assert_true (tend_prune_session_prepare_review (session, &error));
  all = tend_prune_session_get_review_length (session);

  g_assert_true (tend_prune_session_set_filter (session, TEND_PRUNE_FILTER_NOT_FOLLOWING, &error));
  not_following = tend_prune_session_get_review_length (session);
  g_assert_cmpuint (not_following, >, 0);
  g_assert_cmpuint (not_following, <, all);
  for (guint i = 0; i < not_following; i++)
    {
      TendConnection *connection = tend_prune_session_get_review_current (session);

      g_assert_cmpint (tend_connection_get_follow_state (connection), ==, TEND_FOLLOW_STATE_I_FOLLOW);
      g_assert_true (tend_prune_session_review_skip (session, &error));
    }
  g_assert_null (tend_prune_session_get_review_current (session));

  g_assert_true (tend_prune_session_set_filter (session, TEND_PRUNE_FILTER_INACTIVE, &error));
  inactive = tend_prune_session_get_review_length (session);
  g_assert_cmpuint (inactive, <, all);

  g_assert_true (tend_prune_session_set_filter (session, TEND_PRUNE_FILTER_NONE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tend_prune_session_get_review_length (session), ==, all);
}

static void
test_core (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(TendPruneSession) session = open_session (fixture);
  g_autoptr(GPtrArray) core = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (tend_prune_session_prepare_review (session, &error));
  for (guint i = 0; i < 6; i++)
    g_assert_true (tend_prune_session_review_decide (session, TEND_DECISION_KEEP, &error));
  g_assert_no_error (error);

  core = tend_prune_session_list_decided (session, TEND_DECISION_KEEP);
  g_assert_cmpuint (core->len, >=, 6);
  for (guint i = 1; i < core->len; i++)
    g_assert_cmpuint (tend_connection_get_score (g_ptr_array_index (core, i - 1)), >=,
                      tend_connection_get_score (g_ptr_array_index (core, i)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add ("/prune-session/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("new", test_new_session);
  ADD ("sources-and-target-persist", test_sources_and_target_persist);
  ADD ("quick-wins", test_quick_wins);
  ADD ("review-order", test_review_order);
  ADD ("review-resume-and-undo", test_review_resume_and_undo);
  ADD ("review-filters", test_review_filters);
  ADD ("core", test_core);
#undef ADD

  return g_test_run ();
}
