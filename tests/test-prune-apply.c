/* test-prune-apply.c: the wizard's last steps: review and apply,
 * the checklist, and done, at a phone's width
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "tend-apply-engine.h"
#include "tend-prune-checklist-page.h"
#include "tend-prune-done-page.h"
#include "tend-prune-page.h"
#include "tend-prune-review-page.h"
#include "tend-test-network.h"
#include "tend-test-utils.h"

#define NARROW_WIDTH 360

typedef struct {
  char             *dir;
  TendStore        *store;
  GListModel       *connections;
  TendPruneSession *session;
  TendApplyEngine  *engine;
  TendTestNetwork  *network;
  GtkWindow        *window;
  gint64            ada;
  gint64            bea;
  gint64            kim;
} Fixture;

static gint64
add (TendStore       *store,
     gint64           source_id,
     const char      *name,
     const char      *profile_url,
     TendFollowState  state,
     TendDecision     decision)
{
  TendConnectionRecord record = { .stable_key = name, .name = name, .profile_url = profile_url,
                                  .follow_state = state };
  g_autoptr(GError) error = NULL;
  gint64 id = tend_store_upsert_connection (store, source_id, &record, &error);

  g_assert_no_error (error);
  g_assert_true (tend_store_set_decision (store, id, decision, NULL, &error));
  return id;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  TendStore *store;
  gint64 mastodon, bluesky, linkedin;

  fixture->dir = tend_test_make_tmp_dir ("tend-prune-apply-XXXXXX");
  path = g_build_filename (fixture->dir, "tend.db", NULL);
  fixture->store = store = tend_store_open (path, &error);
  g_assert_no_error (error);

  mastodon = tend_store_ensure_source (store, TEND_SOURCE_KIND_MASTODON, "me@example.org", "Mastodon", NULL);
  bluesky = tend_store_ensure_source (store, TEND_SOURCE_KIND_BLUESKY, "me.bsky.social", "Bluesky", NULL);
  linkedin = tend_store_ensure_source (store, TEND_SOURCE_KIND_LINKEDIN, "me", "Rosa at work", NULL);
  fixture->ada = add (store, mastodon, "Ada Lovelace", NULL, TEND_FOLLOW_STATE_MUTUAL, TEND_DECISION_PRUNE);
  fixture->bea = add (store, mastodon, "Bea", NULL, TEND_FOLLOW_STATE_I_FOLLOW, TEND_DECISION_PRUNE);
  add (store, mastodon, "Dee <i>the</i> baker", NULL, TEND_FOLLOW_STATE_MUTUAL, TEND_DECISION_KEEP);
  add (store, bluesky, "Gus", NULL, TEND_FOLLOW_STATE_FOLLOWS_ME, TEND_DECISION_PRUNE);
  fixture->kim = add (store, linkedin, "Kim Lee", "https://www.linkedin.com/in/kimlee",
                      TEND_FOLLOW_STATE_FRIENDS, TEND_DECISION_PRUNE);
  add (store, linkedin, "Lee Kim", NULL, TEND_FOLLOW_STATE_FRIENDS, TEND_DECISION_PRUNE);

  fixture->connections = tend_store_list_connections (store, &error);
  g_assert_no_error (error);
  fixture->session = tend_prune_session_new (store, fixture->connections,
                                             g_get_real_time () / G_USEC_PER_SEC, &error);
  g_assert_no_error (error);
  for (gint64 id = mastodon; id <= linkedin; id++)
    g_assert_true (tend_prune_session_set_source_chosen (fixture->session, id, TRUE, &error));

  fixture->engine = tend_apply_engine_dup_for_store (store);
  fixture->network = tend_test_network_new (TEND_TEST_KIND (TEND_ACTION_UNFOLLOW) |
                                            TEND_TEST_KIND (TEND_ACTION_REMOVE_FOLLOWER));
  tend_apply_engine_set_executor (fixture->engine, mastodon, TEND_ACTION_EXECUTOR (fixture->network));

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, NARROW_WIDTH, 720);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->connections);
  g_clear_object (&fixture->engine);
  g_clear_object (&fixture->network);
  g_clear_object (&fixture->store);
  g_assert_true (tend_test_remove_tree (fixture->dir));
  g_free (fixture->dir);
}

static gboolean
is_allocated (gpointer widget)
{
  return gtk_widget_get_width (widget) > 0;
}

/* Shows @page alone in the narrow window, entered with the session. */
static TendPrunePage *
show_page (Fixture *fixture,
           GType    type)
{
  GtkWidget *page = g_object_new (type, NULL);

  gtk_window_set_child (fixture->window, page);
  gtk_window_present (fixture->window);
  tend_prune_page_enter (TEND_PRUNE_PAGE (page), fixture->session);
  g_assert_true (tend_test_wait_until (is_allocated, fixture->window, 30000));
  /* Nothing in the page asks for more than a phone's width. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), ==, NARROW_WIDTH);
  return TEND_PRUNE_PAGE (page);
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  return tend_test_find_widget (root, tend_test_is_label_with_text, (gpointer) text);
}

static gboolean
can_forward (gpointer page)
{
  return tend_prune_page_get_can_forward (page);
}

static gboolean
one_done (gpointer engine)
{
  return tend_apply_engine_get_running (engine) && tend_apply_engine_get_n_done (engine) >= 1;
}

static void
on_finished (TendPrunePage *page,
             gboolean      *finished)
{
  *finished = TRUE;
}

static void
test_review_and_apply (Fixture       *fixture,
                       gconstpointer  data)
{
  TendPrunePage *page = show_page (fixture, TEND_TYPE_PRUNE_REVIEW_PAGE);
  g_autofree char *label = NULL;
  g_autofree char *calls = NULL;
  gboolean finished = FALSE;

  /* What happens on each network, in plain words. */
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Unfollow 2 people. Remove 1 follower."));
  g_assert_nonnull (find_label (GTK_WIDGET (page),
                                "Bluesky has no way to remove a follower: 1 person will still follow you."));
  g_assert_nonnull (find_label (GTK_WIDGET (page),
                                "LinkedIn offers no way for Tend to do it: a checklist of 2 people "
                                "to remove on the website follows (0 done)."));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "LinkedIn · Rosa at work"));
  label = tend_prune_page_dup_forward_label (page);
  g_assert_cmpstr (label, ==, "_Apply");
  g_assert_true (tend_prune_page_get_can_forward (page));
  tend_test_render_to_png (GTK_WIDGET (fixture->window), "prune-review-360.png", NULL);

  /* Apply: the backup first, then the queue, then the result. */
  g_signal_connect (page, "finished", G_CALLBACK (on_finished), &finished);
  tend_test_network_set_delay (fixture->network, 200);
  tend_prune_page_forward (page);
  g_assert_false (tend_prune_page_get_can_go_back (page));

  /* Under way: a bar, whose change is on its way, and a way to stop. */
  g_assert_true (tend_test_wait_until (one_done, fixture->engine, 30000));
  g_assert_true (gtk_widget_get_mapped (tend_test_find_widget (GTK_WIDGET (page), tend_test_is_widget_of_type,
                                                               GSIZE_TO_POINTER (GTK_TYPE_PROGRESS_BAR))));
  g_assert_nonnull (tend_test_find_widget (GTK_WIDGET (page), tend_test_is_mapped_label_with_text,
                                           (gpointer) "Stop Applying"));
  g_assert_false (tend_prune_page_get_can_forward (page));
  tend_test_render_to_png (GTK_WIDGET (fixture->window), "prune-review-applying-360.png", NULL);

  g_assert_true (tend_test_wait_until (can_forward, page, 30000));
  g_assert_false (finished);
  g_assert_true (tend_prune_page_get_can_go_back (page));

  g_assert_nonnull (find_label (GTK_WIDGET (page), "Done: 3. Failed: 0. Waiting: 0. Still to remove by hand: 2."));
  calls = tend_test_network_dup_calls (fixture->network);
  g_assert_cmpuint (tend_test_network_get_n_calls (fixture->network), ==, 3);
  g_assert_nonnull (strstr (calls, "remove_follower"));
  g_clear_pointer (&label, g_free);
  label = tend_prune_page_dup_forward_label (page);
  g_assert_cmpstr (label, ==, "_Continue");
  tend_test_render_to_png (GTK_WIDGET (fixture->window), "prune-review-applied-360.png", NULL);

  tend_prune_page_forward (page);
  g_assert_true (finished);
}

static void
test_backup_shown (Fixture       *fixture,
                   gconstpointer  data)
{
  TendPrunePage *page = show_page (fixture, TEND_TYPE_PRUNE_REVIEW_PAGE);
  g_autofree char *dir = tend_apply_engine_build_backup_dir (fixture->store);
  g_autoptr(GDir) backups = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *display = NULL;
  const char *name;

  tend_prune_page_forward (page);
  g_assert_true (tend_test_wait_until (can_forward, page, 30000));

  /* The one backup written, named where the person reads it. */
  backups = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (backups);
  name = g_dir_read_name (backups);
  g_assert_nonnull (name);
  expected = g_build_filename (dir, name, NULL);
  display = g_strdup_printf ("A backup of every connection was written to %s", expected);
  g_assert_nonnull (find_label (GTK_WIDGET (page), display));
  g_assert_null (g_dir_read_name (backups));
}

static void
test_checklist (Fixture       *fixture,
                gconstpointer  data)
{
  TendPrunePage *page;
  g_autoptr(GPtrArray) actions = NULL;
  GtkWidget *kim;
  GtkWidget *row;
  GtkWidget *check;

  /* Nothing is queued yet: the step is skipped. */
  page = show_page (fixture, TEND_TYPE_PRUNE_CHECKLIST_PAGE);
  g_assert_false (tend_prune_page_is_needed (page, fixture->session));

  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;

    tend_apply_engine_prepare_async (fixture->engine, NULL, tend_test_store_result, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_free (tend_apply_engine_prepare_finish (fixture->engine, result, NULL, &error));
    g_assert_no_error (error);
  }

  g_assert_true (tend_prune_page_is_needed (page, fixture->session));
  tend_prune_page_enter (page, fixture->session);
  g_assert_nonnull (find_label (GTK_WIDGET (page), "0 of 2 done"));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "No profile address is known: search for the name on the website."));

  /* Ticking Kim persists in the store and counts. */
  kim = find_label (GTK_WIDGET (page), "Kim Lee");
  g_assert_nonnull (kim);
  row = gtk_widget_get_ancestor (kim, ADW_TYPE_ACTION_ROW);
  check = tend_test_find_widget (row, tend_test_is_widget_of_type, GSIZE_TO_POINTER (GTK_TYPE_CHECK_BUTTON));
  g_assert_nonnull (tend_test_find_widget (row, tend_test_is_widget_of_type, GSIZE_TO_POINTER (GTK_TYPE_BUTTON)));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  g_assert_nonnull (find_label (GTK_WIDGET (page), "1 of 2 done"));

  actions = tend_store_list_actions (fixture->store, NULL);
  for (guint i = 0; i < actions->len; i++)
    {
      TendActionItem *item = g_ptr_array_index (actions, i);

      if (item->kind == TEND_ACTION_CHECKLIST)
        g_assert_cmpint (item->state, ==,
                         item->person.connection_id == fixture->kim ? TEND_ACTION_STATE_DONE
                                                                    : TEND_ACTION_STATE_PENDING);
    }

  /* Coming back shows the tick as saved. */
  tend_prune_page_enter (page, fixture->session);
  g_assert_nonnull (find_label (GTK_WIDGET (page), "1 of 2 done"));
  tend_test_render_to_png (GTK_WIDGET (fixture->window), "prune-checklist-360.png", NULL);
}

static void
test_done (Fixture       *fixture,
           gconstpointer  data)
{
  TendPrunePage *review = show_page (fixture, TEND_TYPE_PRUNE_REVIEW_PAGE);
  TendPrunePage *page;
  g_autoptr(GPtrArray) actions = NULL;

  tend_prune_page_forward (review);
  g_assert_true (tend_test_wait_until (can_forward, review, 30000));

  actions = tend_store_list_actions (fixture->store, NULL);
  for (guint i = 0; i < actions->len; i++)
    {
      TendActionItem *item = g_ptr_array_index (actions, i);

      if (item->person.connection_id == fixture->kim)
        g_assert_true (tend_store_set_checklist_done (fixture->store, item->id, TRUE, NULL));
    }

  page = show_page (fixture, TEND_TYPE_PRUNE_DONE_PAGE);

  /* Mastodon lost Ada and Bea; LinkedIn, Kim, ticked by hand. */
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Mastodon"));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Before: 3 · After: 1"));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "LinkedIn · Rosa at work"));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Before: 2 · After: 1"));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Before: 1 · After: 1"));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "1 person you keep close."));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Dee <i>the</i> baker"));
  g_assert_nonnull (tend_test_find_widget (GTK_WIDGET (page), tend_test_is_widget_of_type,
                                           GSIZE_TO_POINTER (GTK_TYPE_BUTTON)));
  tend_test_render_to_png (GTK_WIDGET (fixture->window), "prune-done-360.png", NULL);
}

int
main (int   argc,
      char *argv[])
{
  tend_test_init_display (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/prune-apply/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("review-and-apply", test_review_and_apply);
  ADD ("backup-shown", test_backup_shown);
  ADD ("checklist", test_checklist);
  ADD ("done", test_done);

#undef ADD

  return g_test_run ();
}
