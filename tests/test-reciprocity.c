/* test-reciprocity.c: the measures of DESIGN.md, number by number
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "tend-reciprocity.h"
#include "tend-sample-generator.h"
#include "tend-test-utils.h"

#define DAY (24 * 60 * 60)
#define NOW ((gint64) 1767225600)

static void
test_decay (void)
{
  TendReciprocityParams params;

  tend_reciprocity_params_init_default (&params);
  g_assert_cmpuint (params.window_days, ==, 365);
  g_assert_cmpfloat (params.half_life_days, ==, 90);
  g_assert_cmpfloat (params.active_threshold, ==, 2);

  g_assert_cmpfloat_with_epsilon (tend_reciprocity_decayed_weight (&params, TEND_INTERACTION_MESSAGE, NOW, NOW), 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (tend_reciprocity_decayed_weight (&params, TEND_INTERACTION_REPLY, NOW, NOW), 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (tend_reciprocity_decayed_weight (&params, TEND_INTERACTION_MENTION, NOW, NOW), 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (tend_reciprocity_decayed_weight (&params, TEND_INTERACTION_QUOTE, NOW, NOW), 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (tend_reciprocity_decayed_weight (&params, TEND_INTERACTION_REPOST, NOW, NOW), 1, 1e-9);
  g_assert_cmpfloat_with_epsilon (tend_reciprocity_decayed_weight (&params, TEND_INTERACTION_LIKE, NOW, NOW), 1, 1e-9);

  /* Half the weight after one half-life, a quarter after two. */
  g_assert_cmpfloat_with_epsilon (tend_reciprocity_decayed_weight (&params, TEND_INTERACTION_MESSAGE, NOW - 90 * DAY, NOW), 1.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (tend_reciprocity_decayed_weight (&params, TEND_INTERACTION_MESSAGE, NOW - 180 * DAY, NOW), 0.75, 1e-9);
  /* Outside the window it no longer counts; from the future it counts as now. */
  g_assert_cmpfloat (tend_reciprocity_decayed_weight (&params, TEND_INTERACTION_MESSAGE, NOW - 366 * DAY, NOW), ==, 0);
  g_assert_cmpfloat_with_epsilon (tend_reciprocity_decayed_weight (&params, TEND_INTERACTION_LIKE, NOW + DAY, NOW), 1, 1e-9);
}

static void
test_quadrants (void)
{
  TendReciprocityParams params;

  tend_reciprocity_params_init_default (&params);
  g_assert_cmpint (tend_reciprocity_classify (&params, 2, 2), ==, TEND_QUADRANT_SOLID);
  g_assert_cmpint (tend_reciprocity_classify (&params, 1.99, 5), ==, TEND_QUADRANT_YOU_INVEST);
  g_assert_cmpint (tend_reciprocity_classify (&params, 5, 1.99), ==, TEND_QUADRANT_THEY_INVEST);
  g_assert_cmpint (tend_reciprocity_classify (&params, 0, 0), ==, TEND_QUADRANT_DORMANT);

  params.active_threshold = 6;
  g_assert_cmpint (tend_reciprocity_classify (&params, 5, 5), ==, TEND_QUADRANT_DORMANT);
}

static guint
score (double          in_weight,
       double          out_weight,
       gint64          last_contact,
       TendFollowState follow_state,
       gboolean        tagged)
{
  TendScoreInputs inputs = { in_weight, out_weight, last_contact, follow_state, tagged };
  guint points[TEND_N_SCORE_FACTORS];
  guint total;
  guint sum = 0;

  total = tend_reciprocity_score (&inputs, NOW, points);
  for (guint i = 0; i < TEND_N_SCORE_FACTORS; i++)
    sum += points[i];
  g_assert_cmpuint (sum, ==, total);

  return total;
}

static void
test_score (void)
{
  guint busy = score (30, 30, NOW, TEND_FOLLOW_STATE_MUTUAL, TRUE);
  guint stale = score (30, 30, NOW - 300 * DAY, TEND_FOLLOW_STATE_MUTUAL, TRUE);

  g_assert_cmpuint (score (0, 0, 0, TEND_FOLLOW_STATE_FOLLOWS_ME, FALSE), ==, 0);
  g_assert_cmpuint (busy, ==, 100);
  g_assert_cmpuint (score (0, 60, NOW, TEND_FOLLOW_STATE_MUTUAL, TRUE), ==, 80);
  g_assert_cmpuint (stale, <, busy);
  /* One half-life after the last contact, recency gives half its 20. */
  g_assert_cmpuint (busy - score (30, 30, NOW - 90 * DAY, TEND_FOLLOW_STATE_MUTUAL, TRUE), ==, 10);
  g_assert_cmpuint (score (0, 0, 0, TEND_FOLLOW_STATE_FRIENDS, FALSE), ==, 10);
  g_assert_cmpuint (score (0, 0, 0, TEND_FOLLOW_STATE_CONTACT, TRUE), ==, 10);
}

/* The explanation lists each factor's points, and they add up. */
static void
test_explain (void)
{
  g_autoptr(TendConnection) connection = tend_connection_new (1, 1);
  const char * const tags[] = { "Customer", NULL };
  g_autofree char *text = NULL;
  g_autofree char *quiet_text = NULL;
  g_autoptr(TendConnection) quiet = tend_connection_new (2, 1);
  guint sum = 0;
  guint stated;
  const char *p;

  tend_connection_set_follow_state (connection, TEND_FOLLOW_STATE_MUTUAL);
  tend_connection_set_tags (connection, tags);
  tend_connection_set_measures (connection, NOW - 12 * DAY, NOW - 40 * DAY, 9, 5.2,
                                TEND_QUADRANT_SOLID, 0);

  text = tend_reciprocity_explain (connection, NOW);
  g_test_message ("%s", text);
  g_assert_true (sscanf (text, "Score %u:", &stated) == 1);
  g_assert_nonnull (strstr (text, "14.2 weighted interactions in the last year (+"));
  g_assert_nonnull (strstr (text, "they give more than you do (+"));
  g_assert_nonnull (strstr (text, "last contact 12 days ago (+"));
  g_assert_nonnull (strstr (text, "you follow each other (+10)"));
  g_assert_nonnull (strstr (text, "tagged Customer (+10)"));

  for (p = strstr (text, "(+"); p != NULL; p = strstr (p + 1, "(+"))
    sum += (guint) g_ascii_strtoull (p + 2, NULL, 10);
  g_assert_cmpuint (sum, ==, stated);

  tend_connection_set_follow_state (quiet, TEND_FOLLOW_STATE_FOLLOWS_ME);
  quiet_text = tend_reciprocity_explain (quiet, NOW);
  g_assert_cmpstr (quiet_text, ==, "Score 0: no interactions in the last year (+0)");
}

static void
test_apply (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tend-reciprocity-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "tend.db", NULL);
  g_autoptr(TendStore) store = tend_store_open (path, &error);
  g_autoptr(GListModel) connections = NULL;
  TendReciprocityParams params;
  const char *names[] = { "solid", "giver", "taker", "quiet" };
  const TendQuadrant expected[] = {
    TEND_QUADRANT_SOLID, TEND_QUADRANT_YOU_INVEST, TEND_QUADRANT_THEY_INVEST, TEND_QUADRANT_DORMANT,
  };
  gint64 ids[4];
  gint64 source_id;

  g_assert_no_error (error);
  source_id = tend_store_ensure_source (store, TEND_SOURCE_KIND_BLUESKY, "me", "Bluesky", &error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      TendConnectionRecord record = { .stable_key = names[i], .name = names[i], .follow_state = TEND_FOLLOW_STATE_MUTUAL };

      ids[i] = tend_store_upsert_connection (store, source_id, &record, &error);
      g_assert_no_error (error);
    }

  tend_store_add_interaction (store, ids[0], TEND_DIRECTION_IN, TEND_INTERACTION_MESSAGE, NOW - DAY, NULL, &error);
  tend_store_add_interaction (store, ids[0], TEND_DIRECTION_OUT, TEND_INTERACTION_MESSAGE, NOW - 2 * DAY, NULL, &error);
  tend_store_add_interaction (store, ids[1], TEND_DIRECTION_OUT, TEND_INTERACTION_MESSAGE, NOW, NULL, &error);
  tend_store_add_interaction (store, ids[1], TEND_DIRECTION_IN, TEND_INTERACTION_LIKE, NOW, NULL, &error);
  tend_store_add_interaction (store, ids[2], TEND_DIRECTION_IN, TEND_INTERACTION_QUOTE, NOW, NULL, &error);
  /* Two years ago: it sets the date, not the weight. */
  tend_store_add_interaction (store, ids[3], TEND_DIRECTION_IN, TEND_INTERACTION_MESSAGE, NOW - 730 * DAY, NULL, &error);
  g_assert_no_error (error);

  connections = tend_store_list_connections (store, &error);
  tend_reciprocity_params_init_default (&params);
  g_assert_true (tend_reciprocity_apply (store, connections, &params, NOW, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(TendConnection) connection = g_list_model_get_item (connections, i);

      g_assert_cmpint (tend_connection_get_quadrant (connection), ==, expected[i]);
      g_assert_cmpuint (tend_connection_get_score (connection), <=, 100);
    }

  {
    g_autoptr(TendConnection) giver = g_list_model_get_item (connections, 1);
    g_autoptr(TendConnection) quiet = g_list_model_get_item (connections, 3);

    g_assert_cmpfloat_with_epsilon (tend_connection_get_out_weight (giver), 3, 1e-9);
    g_assert_cmpfloat_with_epsilon (tend_connection_get_in_weight (giver), 1, 1e-9);
    g_assert_cmpfloat_with_epsilon (tend_connection_get_balance (giver), -0.5, 1e-9);
    g_assert_cmpint (tend_connection_get_last_out (giver), ==, NOW);

    g_assert_false (tend_connection_has_balance (quiet));
    g_assert_cmpint (tend_connection_get_last_in (quiet), ==, NOW - 730 * DAY);
    g_assert_cmpint (tend_connection_get_last_out (quiet), ==, 0);
  }
}

/* Measuring a few connections again gives what measuring all of them does. */
static void
test_update_equals_apply (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tend-update-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "tend.db", NULL);
  g_autoptr(TendStore) store = tend_store_open (path, &error);
  g_autoptr(GListModel) full = NULL;
  g_autoptr(GListModel) partial = NULL;
  g_autoptr(GPtrArray) touched = g_ptr_array_new_with_free_func (g_object_unref);
  TendReciprocityParams params;
  TendSampleOptions options;
  guint n_items;

  g_assert_no_error (error);
  tend_sample_options_init_default (&options);
  options.now = NOW;
  g_assert_true (tend_sample_generate (store, &options, NULL, &error));
  g_assert_no_error (error);
  tend_reciprocity_params_init_default (&params);

  full = tend_store_list_connections (store, &error);
  g_assert_true (tend_reciprocity_apply (store, full, &params, NOW, &error));
  g_assert_no_error (error);

  /* Every seventh connection, as if an import had touched only those. */
  partial = tend_store_list_connections (store, &error);
  n_items = g_list_model_get_n_items (partial);
  for (guint i = 0; i < n_items; i += 7)
    g_ptr_array_add (touched, g_list_model_get_item (partial, i));
  g_assert_true (tend_reciprocity_update (store, touched, &params, NOW, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < n_items; i += 7)
    {
      g_autoptr(TendConnection) a = g_list_model_get_item (full, i);
      g_autoptr(TendConnection) b = g_list_model_get_item (partial, i);

      g_assert_cmpfloat_with_epsilon (tend_connection_get_in_weight (a), tend_connection_get_in_weight (b), 1e-9);
      g_assert_cmpfloat_with_epsilon (tend_connection_get_out_weight (a), tend_connection_get_out_weight (b), 1e-9);
      g_assert_cmpint (tend_connection_get_last_in (a), ==, tend_connection_get_last_in (b));
      g_assert_cmpint (tend_connection_get_last_out (a), ==, tend_connection_get_last_out (b));
      g_assert_cmpint (tend_connection_get_quadrant (a), ==, tend_connection_get_quadrant (b));
      g_assert_cmpuint (tend_connection_get_score (a), ==, tend_connection_get_score (b));
    }

  /* The others were left alone. */
  {
    g_autoptr(TendConnection) untouched = g_list_model_get_item (partial, 1);

    g_assert_cmpuint (tend_connection_get_score (untouched), ==, 0);
    g_assert_cmpfloat (tend_connection_get_in_weight (untouched), ==, 0);
  }

  g_clear_object (&store);
  tend_test_remove_tree (dir);
}

/* Each profile keeps its own window, half-life and threshold. */
static void
test_params (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tend-params-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "tend.db", NULL);
  g_autoptr(TendStore) store = tend_store_open (path, &error);
  TendReciprocityParams params;
  TendReciprocityParams loaded;

  g_assert_no_error (error);
  g_assert_true (tend_reciprocity_params_load (&loaded, store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (loaded.window_days, ==, 365);

  params.window_days = 180;
  params.half_life_days = 30.5;
  params.active_threshold = 4;
  g_assert_true (tend_reciprocity_params_save (&params, store, &error));
  g_assert_no_error (error);

  g_clear_object (&store);
  store = tend_store_open (path, &error);
  g_assert_true (tend_reciprocity_params_load (&loaded, store, &error));
  g_assert_cmpuint (loaded.window_days, ==, 180);
  g_assert_cmpfloat (loaded.half_life_days, ==, 30.5);
  g_assert_cmpfloat (loaded.active_threshold, ==, 4);

  /* A value out of range keeps the default. */
  g_assert_true (tend_store_set_setting (store, "reciprocity.half-life-days", "-3", &error));
  g_test_expect_message ("tend-reciprocity", G_LOG_LEVEL_WARNING, "*half-life*");
  g_assert_true (tend_reciprocity_params_load (&loaded, store, &error));
  g_test_assert_expected_messages ();
  g_assert_cmpfloat (loaded.half_life_days, ==, 90);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/reciprocity/decay", test_decay);
  g_test_add_func ("/reciprocity/quadrants", test_quadrants);
  g_test_add_func ("/reciprocity/score", test_score);
  g_test_add_func ("/reciprocity/explain", test_explain);
  g_test_add_func ("/reciprocity/apply", test_apply);
  g_test_add_func ("/reciprocity/params", test_params);
  g_test_add_func ("/reciprocity/update-equals-apply", test_update_equals_apply);

  return g_test_run ();
}
