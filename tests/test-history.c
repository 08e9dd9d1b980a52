/* test-history.c: the journal in plain words, filtered, with a way back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "tend-apply-engine.h"
#include "tend-history-view.h"
#include "tend-test-network.h"
#include "tend-test-utils.h"
#include "tend-window.h"

typedef struct {
  char            *dir;
  TendStore       *store;
  TendApplyEngine *engine;
  TendTestNetwork *network;
  GtkWindow       *window;
  TendHistoryView *view;
  gint64           ada;
  gint64           bea;
  gint64           kim;
} Fixture;

static gint64
add (TendStore      *store,
     gint64          source_id,
     const char     *name,
     const char     *handle,
     TendFollowState state)
{
  TendConnectionRecord record = { .stable_key = name, .name = name, .handle = handle, .follow_state = state,
                                  .profile_url = "https://example.org/profile" };
  g_autoptr(GError) error = NULL;
  gint64 id = tend_store_upsert_connection (store, source_id, &record, &error);

  g_assert_no_error (error);
  return id;
}

static void
wait_for_run (TendApplyEngine *engine,
              gboolean         prepare)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(TendApplyResult) applied = NULL;
  g_autoptr(GError) error = NULL;

  if (prepare)
    {
      tend_apply_engine_prepare_async (engine, NULL, tend_test_store_result, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_free (tend_apply_engine_prepare_finish (engine, result, NULL, &error));
      g_assert_no_error (error);
      g_clear_object (&result);
    }

  tend_apply_engine_run_async (engine, NULL, tend_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  applied = tend_apply_engine_run_finish (engine, result, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  TendStore *store;
  gint64 mastodon, linkedin;

  fixture->dir = tend_test_make_tmp_dir ("tend-history-XXXXXX");
  path = g_build_filename (fixture->dir, "tend.db", NULL);
  fixture->store = store = tend_store_open (path, &error);
  g_assert_no_error (error);

  mastodon = tend_store_ensure_source (store, TEND_SOURCE_KIND_MASTODON, "me@example.org", "Mastodon", NULL);
  linkedin = tend_store_ensure_source (store, TEND_SOURCE_KIND_LINKEDIN, "me", "LinkedIn", NULL);
  fixture->ada = add (store, mastodon, "Ada Lovelace", "@ada@example.org", TEND_FOLLOW_STATE_I_FOLLOW);
  fixture->bea = add (store, mastodon, "Bea <b>Bold</b>", "@bea@example.org", TEND_FOLLOW_STATE_MUTUAL);
  fixture->kim = add (store, linkedin, "Kim Lee", NULL, TEND_FOLLOW_STATE_FRIENDS);

  g_assert_true (tend_store_add_tag (store, fixture->ada, "Customer", &error));
  g_assert_true (tend_store_set_decision (store, fixture->ada, TEND_DECISION_PRUNE, NULL, &error));
  g_assert_true (tend_store_set_decision (store, fixture->kim, TEND_DECISION_PRUNE, NULL, &error));
  g_assert_true (tend_store_set_decision (store, fixture->bea, TEND_DECISION_KEEP, NULL, &error));
  g_assert_no_error (error);

  /* Ada is unfollowed through the network; Kim ticked off by hand. */
  fixture->engine = tend_apply_engine_dup_for_store (store);
  fixture->network = tend_test_network_new (TEND_TEST_KIND (TEND_ACTION_UNFOLLOW) |
                                            TEND_TEST_KIND (TEND_ACTION_FOLLOW));
  tend_apply_engine_set_executor (fixture->engine, mastodon, TEND_ACTION_EXECUTOR (fixture->network));
  wait_for_run (fixture->engine, TRUE);

  actions = tend_store_list_actions (store, &error);
  for (guint i = 0; i < actions->len; i++)
    {
      TendActionItem *item = g_ptr_array_index (actions, i);

      if (item->kind == TEND_ACTION_CHECKLIST)
        g_assert_true (tend_store_set_checklist_done (store, item->id, TRUE, &error));
    }

  /* Bea is pruned after all, but not applied yet. */
  g_assert_true (tend_store_set_decision (store, fixture->bea, TEND_DECISION_PRUNE, "met at the fair", &error));
  g_assert_no_error (error);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 360, 640);
  fixture->view = TEND_HISTORY_VIEW (tend_history_view_new (store));
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->engine);
  g_clear_object (&fixture->network);
  g_clear_object (&fixture->store);
  g_assert_true (tend_test_remove_tree (fixture->dir));
  g_free (fixture->dir);
}

static GtkWidget *
find_label (Fixture    *fixture,
            const char *text)
{
  return tend_test_find_widget (GTK_WIDGET (fixture->view), tend_test_is_label_with_text, (gpointer) text);
}

/* The button of the row that says @text. */
static GtkWidget *
find_row_button (Fixture    *fixture,
                 const char *text)
{
  GtkWidget *label = find_label (fixture, text);
  GtkWidget *row;

  g_assert_nonnull (label);
  row = gtk_widget_get_ancestor (label, GTK_TYPE_LIST_BOX_ROW);
  g_assert_nonnull (row);
  return tend_test_find_widget (row, tend_test_is_widget_of_type, GSIZE_TO_POINTER (GTK_TYPE_BUTTON));
}

static TendDecision
decision_of (Fixture *fixture,
             gint64   connection_id)
{
  g_autoptr(GHashTable) people = tend_store_index_people (fixture->store, NULL);
  TendPerson *person = g_hash_table_lookup (people, &connection_id);

  return person->decision;
}

static gboolean
is_allocated (gpointer widget)
{
  return gtk_widget_get_width (widget) > 0;
}

static void
test_words_and_filters (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *button;

  /* Everything, newest first, in plain words; names stay text. */
  g_assert_nonnull (find_label (fixture, "Pruned Bea <b>Bold</b>"));
  g_assert_nonnull (find_label (fixture, "Marked done: remove Kim Lee on LinkedIn"));
  g_assert_nonnull (find_label (fixture, "Unfollowed @ada@example.org on Mastodon"));
  g_assert_nonnull (find_label (fixture, "Pruned Ada Lovelace"));
  g_assert_nonnull (find_label (fixture, "Tagged Ada Lovelace as Customer"));
  g_assert_nonnull (find_label (fixture, "Changed the note on Bea <b>Bold</b>"));
  g_assert_null (find_label (fixture, "unfollow-requested: Ada Lovelace"));
  /* decisions 5 (Ada, Kim, Bea ×2 … Bea's keep and prune), note, tag,
   * unfollow, checklist */
  g_assert_cmpuint (tend_history_view_get_n_shown (fixture->view), ==, 8);

  /* Only the latest decision on a person can be reversed. */
  button = find_row_button (fixture, "Pruned Bea <b>Bold</b>");
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Reverse");
  g_assert_null (find_row_button (fixture, "Kept Bea <b>Bold</b>"));
  g_assert_nonnull (find_row_button (fixture, "Unfollowed @ada@example.org on Mastodon"));
  g_assert_true (gtk_widget_get_sensitive (find_row_button (fixture, "Unfollowed @ada@example.org on Mastodon")));

  /* 360 pixels wide, nothing clipped. */
  g_assert_true (tend_test_wait_until (is_allocated, fixture->window, 30000));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), ==, 360);
  tend_test_render_to_png (GTK_WIDGET (fixture->window), "history-360.png", NULL);

  /* By kind… */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (tend_test_find_widget (GTK_WIDGET (fixture->view),
                                                                    tend_test_is_widget_of_type,
                                                                    GSIZE_TO_POINTER (GTK_TYPE_DROP_DOWN))),
                              TEND_HISTORY_SHOW_DECISIONS);
  g_assert_cmpuint (tend_history_view_get_n_shown (fixture->view), ==, 5);
  g_assert_null (find_label (fixture, "Tagged Ada Lovelace as Customer"));
  g_assert_nonnull (find_label (fixture, "Changed the note on Bea <b>Bold</b>"));
}

static void
test_search_and_source (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *search = tend_test_find_widget (GTK_WIDGET (fixture->view), tend_test_is_widget_of_type,
                                             GSIZE_TO_POINTER (GTK_TYPE_SEARCH_ENTRY));
  GtkWidget *bar = gtk_widget_get_parent (search);
  GtkWidget *source = gtk_widget_get_last_child (gtk_widget_get_last_child (bar));

  /* By source: LinkedIn is the second source, item 2 of the menu. */
  g_assert_true (GTK_IS_DROP_DOWN (source));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (source), 2);
  g_assert_cmpuint (tend_history_view_get_n_shown (fixture->view), ==, 2);
  g_assert_nonnull (find_label (fixture, "Pruned Kim Lee"));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (source), 0);

  /* By name or handle, whatever the case. */
  gtk_editable_set_text (GTK_EDITABLE (search), "ADA@EXAMPLE");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpuint (tend_history_view_get_n_shown (fixture->view), ==, 3);
  g_assert_null (find_label (fixture, "Pruned Kim Lee"));

  gtk_editable_set_text (GTK_EDITABLE (search), "nobody");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpuint (tend_history_view_get_n_shown (fixture->view), ==, 0);
  g_assert_nonnull (find_label (fixture, "Nothing matches. Change the search or the filters."));
}

static void
test_reverse (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) journal = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GHashTable) people = NULL;
  TendJournalEntry *last;
  gint64 queued;

  /* Something waits to be applied for Bea; reversing drops it. */
  queued = tend_store_queue_action (fixture->store, fixture->bea, TEND_ACTION_UNFOLLOW, NULL, NULL);
  g_assert_cmpint (queued, >, 0);

  g_signal_emit_by_name (find_row_button (fixture, "Pruned Bea <b>Bold</b>"), "clicked");
  g_assert_cmpint (decision_of (fixture, fixture->bea), ==, TEND_DECISION_KEEP);

  journal = tend_store_list_journal (fixture->store, NULL);
  last = g_ptr_array_index (journal, journal->len - 1);
  g_assert_cmpstr (last->action, ==, "decision");
  g_assert_cmpstr (last->before, ==, "prune");
  g_assert_cmpstr (last->after, ==, "keep");

  /* The note stays as it was. */
  people = tend_store_index_people (fixture->store, NULL);
  g_assert_cmpstr (((TendPerson *) g_hash_table_lookup (people, &fixture->bea))->note, ==, "met at the fair");

  actions = tend_store_list_actions (fixture->store, NULL);
  for (guint i = 0; i < actions->len; i++)
    {
      TendActionItem *item = g_ptr_array_index (actions, i);

      if (item->id == queued)
        g_assert_cmpint (item->state, ==, TEND_ACTION_STATE_CANCELLED);
    }

  /* The list shows it, and the new latest decision can be reversed. */
  g_assert_nonnull (find_row_button (fixture, "Kept Bea <b>Bold</b>"));
  g_assert_null (find_row_button (fixture, "Pruned Bea <b>Bold</b>"));
}

static gboolean
engine_idle (gpointer data)
{
  return !tend_apply_engine_get_running (data);
}

static void
test_restore (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *calls = NULL;
  g_autofree char *expected = NULL;
  TendFollowState state;
  gboolean present;

  g_assert_true (tend_store_get_follow_state (fixture->store, fixture->ada, &state, &present, NULL));
  g_assert_false (present);

  /* Following again goes through the network, and the decision is undone. */
  g_signal_emit_by_name (find_row_button (fixture, "Unfollowed @ada@example.org on Mastodon"), "clicked");
  g_assert_true (tend_test_wait_until (engine_idle, fixture->engine, 30000));
  tend_test_spin (50);

  calls = tend_test_network_dup_calls (fixture->network);
  expected = g_strdup_printf ("unfollow %" G_GINT64_FORMAT ";follow %" G_GINT64_FORMAT ";",
                              fixture->ada, fixture->ada);
  g_assert_cmpstr (calls, ==, expected);
  g_assert_true (tend_store_get_follow_state (fixture->store, fixture->ada, &state, &present, NULL));
  g_assert_true (present);
  g_assert_cmpint (state, ==, TEND_FOLLOW_STATE_I_FOLLOW);
  g_assert_cmpint (decision_of (fixture, fixture->ada), ==, TEND_DECISION_UNDECIDED);

  g_assert_nonnull (find_label (fixture, "Followed @ada@example.org again on Mastodon"));
  g_assert_null (find_row_button (fixture, "Unfollowed @ada@example.org on Mastodon"));
}

static gboolean
is_message_dialog (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        {
          *(GtkWindow **) data = g_object_ref (window);
          return TRUE;
        }
    }

  return FALSE;
}

static void
test_restore_checklist (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GtkWindow) dialog = NULL;

  g_signal_emit_by_name (find_row_button (fixture, "Marked done: remove Kim Lee on LinkedIn"), "clicked");

  /* The tick is taken back, with a reminder to reconnect by hand. */
  actions = tend_store_list_actions (fixture->store, NULL);
  for (guint i = 0; i < actions->len; i++)
    {
      TendActionItem *item = g_ptr_array_index (actions, i);

      if (item->kind == TEND_ACTION_CHECKLIST)
        g_assert_cmpint (item->state, ==, TEND_ACTION_STATE_PENDING);
    }

  g_assert_true (tend_test_wait_until (is_message_dialog, &dialog, 10000));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Reconnect by Hand");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "Kim Lee"));
  gtk_window_destroy (dialog);

  g_assert_nonnull (find_label (fixture, "Marked not done: remove Kim Lee on LinkedIn"));
}

static gboolean
find_history_window (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_window_get_title (window), "History") == 0 &&
          tend_test_find_widget (GTK_WIDGET (window), tend_test_is_widget_of_type,
                                 GSIZE_TO_POINTER (TEND_TYPE_HISTORY_VIEW)) != NULL)
        {
          *(GtkWindow **) data = g_object_ref (window);
          return TRUE;
        }
    }

  return FALSE;
}

/* The main window continues what a closed or crashed run left, in view,
 * and opens History from its menu. */
static void
test_window_resumes (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(TendApplication) application = tend_application_new (fixture->dir);
  g_autoptr(GtkWindow) history = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *calls = NULL;
  g_autofree char *expected = NULL;
  TendWindow *window;
  gint64 bea_unfollow;

  /* Bea's unfollow was queued and marked running when Tend stopped. */
  bea_unfollow = tend_store_queue_action (fixture->store, fixture->bea, TEND_ACTION_UNFOLLOW, NULL, &error);
  g_assert_true (tend_store_set_action_state (fixture->store, bea_unfollow, TEND_ACTION_STATE_RUNNING, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  window = tend_window_new (application);
  gtk_window_present (GTK_WINDOW (window));
  tend_window_set_store (window, fixture->store, FALSE);

  g_assert_true (tend_window_get_apply_engine (window) == fixture->engine);
  g_assert_true (tend_apply_engine_get_running (fixture->engine));
  g_assert_nonnull (tend_test_find_widget (GTK_WIDGET (window), tend_test_is_label_with_text,
                                           (gpointer) "Continuing to apply 1 change…"));
  g_assert_true (tend_test_wait_until (engine_idle, fixture->engine, 30000));

  calls = tend_test_network_dup_calls (fixture->network);
  expected = g_strdup_printf ("unfollow %" G_GINT64_FORMAT ";unfollow %" G_GINT64_FORMAT ";",
                              fixture->ada, fixture->bea);
  g_assert_cmpstr (calls, ==, expected);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.history", NULL));
  g_assert_true (tend_test_wait_until (find_history_window, &history, 10000));
  gtk_window_destroy (history);

  gtk_window_destroy (GTK_WINDOW (window));
  tend_test_spin (50);
}

int
main (int   argc,
      char *argv[])
{
  tend_test_init_display (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/history/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("words-and-filters", test_words_and_filters);
  ADD ("search-and-source", test_search_and_source);
  ADD ("reverse", test_reverse);
  ADD ("restore", test_restore);
  ADD ("restore-checklist", test_restore_checklist);
  ADD ("window-resumes", test_window_resumes);

#undef ADD

  return g_test_run ();
}
