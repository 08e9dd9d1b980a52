/* test-prune-wizard.c: the pruning wizard, driven as a person would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-prune-wizard"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "tend-prune-core-page.h"
#include "tend-prune-goal-page.h"
#include "tend-prune-one-by-one-page.h"
#include "tend-prune-page.h"
#include "tend-prune-quick-wins-page.h"
#include "tend-prune-review-page.h"
#include "tend-prune-review-card.h"
#include "tend-prune-session.h"
#include "tend-prune-wizard.h"
#include "tend-reciprocity.h"
#include "tend-sample-generator.h"
#include "tend-store.h"
#include "tend-test-utils.h"

/* The sample's histories end here: 8 March 2026, 20:00 UTC. */
#define SAMPLE_NOW G_GINT64_CONSTANT (1773000000)
#define SAMPLE_SEED 7
/* Enough for every step to have people, few enough for the sanitizers. */
#define SAMPLE_CONNECTIONS 150

/* The narrowest a phone shows the wizard. */
#define NARROW_WIDTH 360

typedef struct {
  char            *path;
  TendStore       *store;
  GListModel      *connections;
  TendPruneSession *session;
  TendPruneWizard *wizard;
} Fixture;

static void
open_profile (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  TendReciprocityParams params;

  fixture->store = tend_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->connections = tend_store_list_connections (fixture->store, &error);
  g_assert_no_error (error);
  tend_reciprocity_params_init_default (&params);
  g_assert_true (tend_reciprocity_apply (fixture->store, fixture->connections, &params, SAMPLE_NOW, &error));
  g_assert_no_error (error);
}

static void
open_wizard (Fixture *fixture,
             int      width)
{
  g_autoptr(GError) error = NULL;

  fixture->session = tend_prune_session_new (fixture->store, fixture->connections, SAMPLE_NOW, &error);
  g_assert_no_error (error);
  fixture->wizard = g_object_ref_sink (tend_prune_wizard_new (NULL, fixture->session));
  gtk_window_set_default_size (GTK_WINDOW (fixture->wizard), width, 720);
  gtk_window_present (GTK_WINDOW (fixture->wizard));
  tend_test_spin (200);
}

/* Closes the wizard and the profile, as quitting the application does. */
static void
close_all (Fixture *fixture)
{
  if (fixture->wizard != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (fixture->wizard));
      g_clear_object (&fixture->wizard);
    }
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->connections);
  g_clear_object (&fixture->store);
  tend_test_spin (50);
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
  open_profile (fixture);

  tend_sample_options_init_default (&options);
  options.seed = SAMPLE_SEED;
  options.n_connections = SAMPLE_CONNECTIONS;
  options.now = SAMPLE_NOW;
  g_assert_true (tend_sample_generate (fixture->store, &options, NULL, &error));
  g_assert_no_error (error);

  g_clear_object (&fixture->connections);
  g_clear_object (&fixture->store);
  open_profile (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  close_all (fixture);
  g_free (fixture->path);
}

static GtkWidget *
current_page (Fixture *fixture)
{
  return tend_prune_wizard_get_page (fixture->wizard);
}

static void
forward (Fixture *fixture)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->wizard), "wizard.forward", NULL));
  tend_test_spin (100);
}

static gboolean
is_window_title (GtkWidget *widget,
                 gpointer   data)
{
  return ADW_IS_WINDOW_TITLE (widget);
}

static gboolean
is_forward_button (GtkWidget *widget,
                   gpointer   data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "wizard.forward") == 0;
}

static void
assert_frame (Fixture    *fixture,
              const char *title,
              const char *subtitle)
{
  AdwWindowTitle *window_title = ADW_WINDOW_TITLE (tend_test_find_widget (GTK_WIDGET (fixture->wizard),
                                                                          is_window_title, NULL));

  g_assert_cmpstr (adw_window_title_get_title (window_title), ==, title);
  g_assert_cmpstr (adw_window_title_get_subtitle (window_title), ==, subtitle);
}

static const char *
forward_label (Fixture *fixture)
{
  GtkWidget *button = tend_test_find_widget (GTK_WIDGET (fixture->wizard), is_forward_button, NULL);

  return gtk_button_get_label (GTK_BUTTON (button));
}

static gboolean
is_counter_label (GtkWidget *widget,
                  gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), " kept · ") != NULL;
}

static char *
dup_counter (Fixture *fixture)
{
  GtkWidget *label = tend_test_find_widget (current_page (fixture), is_counter_label, NULL);

  g_assert_nonnull (label);
  return g_strdup (gtk_label_get_text (GTK_LABEL (label)));
}

static void
collect_checks (GtkWidget *widget,
                GPtrArray *checks)
{
  if (GTK_IS_CHECK_BUTTON (widget))
    g_ptr_array_add (checks, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_checks (child, checks);
}

static TendDecision
stored_decision (Fixture *fixture,
                 gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) connections = tend_store_list_connections (fixture->store, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (connections); i++)
    {
      g_autoptr(TendConnection) connection = g_list_model_get_item (connections, i);

      if (tend_connection_get_id (connection) == id)
        return tend_connection_get_decision (connection);
    }

  g_assert_not_reached ();
}

static guint
count_journal (Fixture *fixture,
               gint64   connection_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) journal = tend_store_list_journal (fixture->store, &error);
  guint count = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < journal->len; i++)
    {
      TendJournalEntry *entry = g_ptr_array_index (journal, i);

      count += g_strcmp0 (entry->action, "decision") == 0 && entry->connection_id == connection_id;
    }

  return count;
}

static gint64
current_card_id (Fixture *fixture)
{
  TendConnection *current = tend_prune_session_get_review_current (fixture->session);

  g_assert_nonnull (current);
  return tend_connection_get_id (current);
}

/* Presses a review key through the page's own action, as its shortcut does. */
static void
review (Fixture    *fixture,
        const char *action)
{
  g_assert_true (gtk_widget_activate_action (current_page (fixture), action, NULL));
  tend_test_spin (20);
}

/* The page binds K, P, S and Ctrl+Z to its actions. */
static void
assert_review_shortcuts (GtkWidget *page)
{
  static const struct {
    guint           keyval;
    GdkModifierType modifiers;
    const char     *action;
  } expected[] = {
    { GDK_KEY_k, 0, "review.keep" },
    { GDK_KEY_p, 0, "review.prune" },
    { GDK_KEY_s, 0, "review.skip" },
    { GDK_KEY_z, GDK_CONTROL_MASK, "review.undo" },
  };
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (page);

  for (guint e = 0; e < G_N_ELEMENTS (expected); e++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < g_list_model_get_n_items (controllers) && !found; i++)
        {
          g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

          if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
            continue;

          for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)) && !found; j++)
            {
              g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
              GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
              GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

              found = GTK_IS_KEYVAL_TRIGGER (trigger) &&
                      gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == expected[e].keyval &&
                      gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == expected[e].modifiers &&
                      GTK_IS_NAMED_ACTION (action) &&
                      g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), expected[e].action) == 0;
            }
        }

      g_assert_true (found);
    }
}

/* Goal → quick wins (one unchecked) → ten cards with K/P/S/Undo → core,
 * then closing mid-review and coming back. */
static void
test_full_run (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  g_autoptr(GPtrArray) quick_wins = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *counter = NULL;
  g_autofree char *expected_label = NULL;
  g_autofree char *counter_after = NULL;
  g_autofree char *counter_again = NULL;
  gint64 unchecked_id, resume_id, undone_id = 0;
  guint n_quick, length, kept = 0;
  /* What is pressed on each of the cards, and what it leaves. */
  static const char * const presses[] = {
    "review.keep", "review.prune", "review.skip", "review.keep", "review.undo",
    "review.prune", "review.keep", "review.prune", "review.skip", "review.keep",
    "review.keep", "review.prune",
  };
  TendDecision decided[G_N_ELEMENTS (presses)];
  gint64 card_ids[G_N_ELEMENTS (presses)];
  guint n_cards = 0;

  open_wizard (fixture, 640);

  /* 1. Goal: every source chosen, a target from the layers. */
  g_assert_true (TEND_IS_PRUNE_GOAL_PAGE (current_page (fixture)));
  g_assert_false (tend_prune_session_exists (fixture->store) &&
                  tend_prune_session_get_step (fixture->session) != TEND_PRUNE_STEP_GOAL);
  g_object_unref (tend_test_render_to_png (GTK_WIDGET (fixture->wizard), "prune-goal.png", NULL));
  g_assert_cmpstr (forward_label (fixture), ==, "_Continue");
  forward (fixture);

  /* 2. Quick wins: uncheck the first one, prune the rest. */
  g_assert_true (TEND_IS_PRUNE_QUICK_WINS_PAGE (current_page (fixture)));
  quick_wins = tend_prune_session_list_quick_wins (fixture->session);
  n_quick = quick_wins->len;
  g_assert_cmpuint (n_quick, >, 2);
  collect_checks (current_page (fixture), checks);
  g_assert_cmpuint (checks->len, ==, n_quick);
  expected_label = g_strdup_printf ("_Prune These %u", n_quick);
  g_assert_cmpstr (forward_label (fixture), ==, expected_label);
  g_object_unref (tend_test_render_to_png (GTK_WIDGET (fixture->wizard), "prune-quick-wins.png", NULL));

  gtk_check_button_set_active (g_ptr_array_index (checks, 0), FALSE);
  unchecked_id = tend_connection_get_id (g_ptr_array_index (quick_wins, 0));
  g_free (expected_label);
  expected_label = g_strdup_printf ("_Prune These %u", n_quick - 1);
  g_assert_cmpstr (forward_label (fixture), ==, expected_label);
  forward (fixture);

  g_assert_cmpint (stored_decision (fixture, unchecked_id), ==, TEND_DECISION_KEEP);
  for (guint i = 1; i < n_quick; i++)
    {
      gint64 id = tend_connection_get_id (g_ptr_array_index (quick_wins, i));

      g_assert_cmpint (stored_decision (fixture, id), ==, TEND_DECISION_PRUNE);
      g_assert_cmpuint (count_journal (fixture, id), ==, 1);
    }

  /* 3. One by one: ten cards, with an undo on the way. */
  g_assert_true (TEND_IS_PRUNE_ONE_BY_ONE_PAGE (current_page (fixture)));
  assert_frame (fixture, "One by One", "Step 3 of 7");
  assert_review_shortcuts (current_page (fixture));
  length = tend_prune_session_get_review_length (fixture->session);
  counter = dup_counter (fixture);
  {
    g_autofree char *expected = g_strdup_printf ("1 of %u · 0 kept · 0 pruned", length);

    g_assert_cmpstr (counter, ==, expected);
  }
  g_object_unref (tend_test_render_to_png (GTK_WIDGET (fixture->wizard), "prune-card.png", NULL));

  for (guint i = 0; i < G_N_ELEMENTS (presses); i++)
    {
      if (g_str_equal (presses[i], "review.undo"))
        {
          /* The last card comes back, undecided as before. */
          n_cards--;
          undone_id = card_ids[n_cards];
          review (fixture, presses[i]);
          g_assert_cmpint (current_card_id (fixture), ==, undone_id);
          g_assert_cmpint (stored_decision (fixture, undone_id), ==, TEND_DECISION_UNDECIDED);
          g_assert_cmpuint (count_journal (fixture, undone_id), ==, 2);
          continue;
        }

      /* No protected person comes this early; the prune goes through. */
      g_assert_false (tend_prune_connection_is_protected (tend_prune_session_get_review_current (fixture->session)));
      card_ids[n_cards] = current_card_id (fixture);
      decided[n_cards] = g_str_equal (presses[i], "review.keep") ? TEND_DECISION_KEEP
                       : g_str_equal (presses[i], "review.prune") ? TEND_DECISION_PRUNE
                       : TEND_DECISION_UNDECIDED;
      review (fixture, presses[i]);
      n_cards++;
    }
  g_assert_cmpuint (n_cards, ==, 10);

  for (guint i = 0; i < n_cards; i++)
    {
      g_assert_cmpint (stored_decision (fixture, card_ids[i]), ==, decided[i]);
      kept += decided[i] == TEND_DECISION_KEEP;
    }
  g_assert_cmpuint (kept, ==, 4);

  counter_after = dup_counter (fixture);
  {
    g_autofree char *expected = g_strdup_printf ("11 of %u · 4 kept · 4 pruned", length);

    g_assert_cmpstr (counter_after, ==, expected);
  }
  resume_id = current_card_id (fixture);

  /* Closed mid-review and the application restarted: the same card, the
   * same counts, nobody decided twice. */
  close_all (fixture);
  open_profile (fixture);
  g_assert_true (tend_prune_session_exists (fixture->store));
  open_wizard (fixture, 640);
  g_assert_true (TEND_IS_PRUNE_ONE_BY_ONE_PAGE (current_page (fixture)));
  g_assert_cmpint (current_card_id (fixture), ==, resume_id);
  counter_again = dup_counter (fixture);
  g_assert_cmpstr (counter_again, ==, counter_after);
  for (guint i = 0; i < n_cards; i++)
    {
      guint expected = decided[i] == TEND_DECISION_UNDECIDED ? 0 : 1;

      /* The undone card was decided, taken back and decided again. */
      if (card_ids[i] == undone_id)
        expected = 3;
      g_assert_cmpuint (count_journal (fixture, card_ids[i]), ==, expected);
    }

  /* 4. The core: everyone kept, highest score first. */
  forward (fixture);
  g_assert_true (TEND_IS_PRUNE_CORE_PAGE (current_page (fixture)));
  {
    g_autoptr(GPtrArray) core = tend_prune_session_list_decided (fixture->session, TEND_DECISION_KEEP);
    g_autofree char *expected = g_strdup_printf ("%u kept, aiming for %u", core->len,
                                                 tend_prune_session_get_target (fixture->session));

    g_assert_nonnull (tend_test_find_widget (current_page (fixture), tend_test_is_mapped_label_with_text,
                                             expected));
  }
  g_object_unref (tend_test_render_to_png (GTK_WIDGET (fixture->wizard), "prune-core.png", NULL));

  /* 5. On to what applying will do. */
  forward (fixture);
  g_assert_true (TEND_IS_PRUNE_REVIEW_PAGE (current_page (fixture)));
  assert_frame (fixture, "Review and Apply", "Step 5 of 7");
  g_assert_cmpint (tend_prune_session_get_step (fixture->session), ==, TEND_PRUNE_STEP_REVIEW);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->wizard), "wizard.back", NULL));
  tend_test_spin (50);

  /* Back walks the steps in reverse, the review where it was left. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->wizard), "wizard.back", NULL));
  tend_test_spin (50);
  g_assert_true (TEND_IS_PRUNE_ONE_BY_ONE_PAGE (current_page (fixture)));
  g_assert_cmpint (current_card_id (fixture), ==, resume_id);
}

static gboolean
find_message_dialog (gpointer data)
{
  AdwMessageDialog **dialog = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        {
          *dialog = ADW_MESSAGE_DIALOG (window);
          return TRUE;
        }
    }

  return FALSE;
}

/* Protected people are never quick wins, come last in the review, and
 * are pruned by hand only after a question. */
static void
test_protected (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) quick_wins = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog = NULL;
  gint64 protected_id;

  open_wizard (fixture, 640);
  quick_wins = tend_prune_session_list_quick_wins (fixture->session);
  for (guint i = 0; i < quick_wins->len; i++)
    g_assert_false (tend_prune_connection_is_protected (g_ptr_array_index (quick_wins, i)));

  forward (fixture);
  forward (fixture);
  g_assert_true (TEND_IS_PRUNE_ONE_BY_ONE_PAGE (current_page (fixture)));

  /* Skip through to the first protected card. */
  while (!tend_prune_connection_is_protected (tend_prune_session_get_review_current (fixture->session)))
    g_assert_true (tend_prune_session_review_skip (fixture->session, &error));
  g_assert_no_error (error);
  tend_prune_page_enter (TEND_PRUNE_PAGE (current_page (fixture)), fixture->session);
  protected_id = current_card_id (fixture);

  review (fixture, "review.prune");
  g_assert_true (tend_test_wait_until (find_message_dialog, &dialog, 2000));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Prune Someone Protected?");
  g_assert_cmpint (stored_decision (fixture, protected_id), ==, TEND_DECISION_UNDECIDED);
  adw_message_dialog_response (dialog, "cancel");
  tend_test_spin (50);
  g_assert_cmpint (stored_decision (fixture, protected_id), ==, TEND_DECISION_UNDECIDED);
  g_assert_cmpint (current_card_id (fixture), ==, protected_id);

  dialog = NULL;
  review (fixture, "review.prune");
  g_assert_true (tend_test_wait_until (find_message_dialog, &dialog, 2000));
  adw_message_dialog_response (dialog, "prune");
  tend_test_spin (50);
  g_assert_cmpint (stored_decision (fixture, protected_id), ==, TEND_DECISION_PRUNE);
  g_assert_cmpint (current_card_id (fixture), !=, protected_id);
}

/* The card works on a phone: nothing wider than the screen. */
static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  int minimum;

  open_wizard (fixture, NARROW_WIDTH);
  g_object_unref (tend_test_render_to_png (GTK_WIDGET (fixture->wizard), "prune-goal-narrow.png", NULL));
  forward (fixture);
  g_object_unref (tend_test_render_to_png (GTK_WIDGET (fixture->wizard), "prune-quick-wins-narrow.png", NULL));
  forward (fixture);
  g_assert_true (TEND_IS_PRUNE_ONE_BY_ONE_PAGE (current_page (fixture)));
  tend_test_spin (200);

  gtk_widget_measure (GTK_WIDGET (fixture->wizard), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, NARROW_WIDTH);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->wizard)), <=, NARROW_WIDTH);
  g_object_unref (tend_test_render_to_png (GTK_WIDGET (fixture->wizard), "prune-card-narrow.png", NULL));

  forward (fixture);
  g_object_unref (tend_test_render_to_png (GTK_WIDGET (fixture->wizard), "prune-core-narrow.png", NULL));
}

/* Every control of every page has a name a screen reader can say. */
static void
test_accessible_names (Fixture       *fixture,
                       gconstpointer  data)
{
  open_wizard (fixture, 640);

  for (guint step = 0; step < 4; step++)
    {
      g_autoptr(GString) unnamed = g_string_new (NULL);

      tend_test_collect_unnamed_controls (GTK_WIDGET (fixture->wizard), TEND_TYPE_PRUNE_REVIEW_CARD, unnamed);
      g_assert_cmpstr (unnamed->str, ==, "");
      if (step < 3)
        forward (fixture);
    }
}

int
main (int   argc,
      char *argv[])
{
  /* The test backend keeps accessible properties where the test reads them. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  tend_test_init_display (&argc, &argv);
  /* Pages switch at once, so pictures show the page alone. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, func) g_test_add ("/prune-wizard/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("full-run", test_full_run);
  ADD ("protected", test_protected);
  ADD ("narrow", test_narrow);
  ADD ("accessible-names", test_accessible_names);
#undef ADD

  return g_test_run ();
}
