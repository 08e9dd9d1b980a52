/* test-window.c: the main window on empty, sample, filled and broken profiles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <adwaita.h>

#include "tend-application.h"
#include "tend-connection-detail.h"
#include "tend-connection-list.h"
#include "tend-preferences-window.h"
#include "tend-prune-goal-page.h"
#include "tend-prune-wizard.h"
#include "tend-reciprocity-chart.h"
#include "tend-sample-generator.h"
#include "tend-sidebar.h"
#include "tend-source-row.h"
#include "tend-store.h"
#include "tend-test-utils.h"
#include "tend-test-window.h"
#include "tend-window.h"

static char *
make_profile_dir (const char *name)
{
  char *dir = g_build_filename (g_get_user_data_dir (), name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);

  return dir;
}

static gint64
count_connections_at (const char *path)
{
  g_autoptr(TendStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 count;

  store = tend_store_open (path, &error);
  g_assert_no_error (error);

  count = tend_store_count_connections (store, &error);
  g_assert_no_error (error);

  return count;
}

/* (1) An empty profile greets the owner with a way forward. */
static void
test_window_welcome (void)
{
  g_autofree char *dir = make_profile_dir ("empty");
  g_autofree char *sample_path = tend_store_build_sample_path (dir);
  TendApplication *application;
  TendWindow *window;
  GtkWidget *button;

  window = tend_test_open_window (dir, &application);

  g_assert_cmpstr (tend_window_get_page (window), ==, "welcome");
  g_assert_false (tend_window_get_showing_sample (window));
  g_assert_nonnull (tend_window_get_store (window));

  button = tend_test_find_widget (GTK_WIDGET (window), tend_test_is_button_for_action, (gpointer) "win.explore-sample");
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Explore Sample Data");
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_true (gtk_widget_get_focusable (button));

  /* Importing the owner's own export is the way forward; the sample is a detour. */
  button = tend_test_find_widget (GTK_WIDGET (window), tend_test_is_button_for_action, (gpointer) "win.import");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  button = tend_test_find_widget (adw_status_page_get_child (ADW_STATUS_PAGE (tend_test_find_widget (GTK_WIDGET (window), tend_test_is_widget_of_type, GSIZE_TO_POINTER (ADW_TYPE_STATUS_PAGE)))),
                        tend_test_is_button_for_action, (gpointer) "win.import");
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Import an Export…");
  g_assert_true (gtk_widget_has_css_class (button, "suggested-action"));

  g_assert_nonnull (tend_test_find_widget (GTK_WIDGET (window), tend_test_is_label_with_text, (gpointer) "Welcome to Tend"));

  /* Looking is not writing: no sample profile appears by itself. */
  g_assert_false (g_file_test (sample_path, G_FILE_TEST_EXISTS));

  /* Quitting closes the window, which is what ends the application. */
  g_action_group_activate_action (G_ACTION_GROUP (application), "quit", NULL);
  tend_test_spin (50);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (application)));

  tend_test_close_window (application);
}

/* (2) The sample fills its own profile, and the owner's stays empty. */
static void
test_window_explore_sample (void)
{
  g_autofree char *dir = make_profile_dir ("explore");
  g_autofree char *own_path = tend_store_build_path (dir);
  g_autofree char *sample_path = tend_store_build_sample_path (dir);
  TendApplication *application;
  TendWindow *window;
  GtkWidget *button;
  gint64 n_sample;

  window = tend_test_open_window (dir, &application);
  g_assert_cmpstr (tend_window_get_page (window), ==, "welcome");

  button = tend_test_find_widget (GTK_WIDGET (window), tend_test_is_button_for_action, (gpointer) "win.explore-sample");
  g_assert_nonnull (button);
  /* A click; keyboard activation would first show the button pressed. */
  g_signal_emit_by_name (button, "clicked");

  /* The worker reports back through the main loop, so the window waits. */
  g_assert_cmpstr (tend_window_get_page (window), ==, "loading");
  g_assert_nonnull (tend_test_find_widget (GTK_WIDGET (window), tend_test_is_button_for_action, (gpointer) "win.cancel-sample"));

  g_assert_true (tend_test_wait_for_page (window, "connections"));
  g_assert_true (tend_window_get_showing_sample (window));
  g_assert_cmpstr (tend_store_get_path (tend_window_get_store (window)), ==, sample_path);
  /* The sample says it is the sample, with the way back at hand. */
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (tend_test_find_widget (GTK_WIDGET (window), tend_test_is_widget_of_type,
                                                                                      GSIZE_TO_POINTER (GTK_TYPE_REVEALER)))));

  n_sample = count_connections_at (sample_path);
  g_assert_cmpint (n_sample, >, 0);
  g_assert_cmpint (count_connections_at (own_path), ==, 0);

  /* Back to the owner's profile, still empty. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.leave-sample", NULL);
  g_assert_cmpstr (tend_window_get_page (window), ==, "welcome");
  g_assert_false (tend_window_get_showing_sample (window));
  g_assert_cmpstr (tend_store_get_path (tend_window_get_store (window)), ==, own_path);

  /* A second visit opens the sample as it was, without writing it again. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.explore-sample", NULL);
  g_assert_true (tend_test_wait_for_page (window, "connections"));
  g_assert_true (tend_window_get_showing_sample (window));
  g_assert_cmpint (count_connections_at (sample_path), ==, n_sample);
  g_assert_cmpint (count_connections_at (own_path), ==, 0);

  tend_test_close_window (application);
}

/* Cancelling leaves the window on the welcome page, ready to try again. */
static void
test_window_cancel_sample (void)
{
  g_autofree char *dir = make_profile_dir ("cancel");
  g_autofree char *own_path = tend_store_build_path (dir);
  g_autofree char *sample_path = tend_store_build_sample_path (dir);
  gint64 deadline = g_get_monotonic_time () + TEND_TEST_PAGE_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
  TendApplication *application;
  TendWindow *window;

  window = tend_test_open_window (dir, &application);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.explore-sample", NULL);
  g_assert_cmpstr (tend_window_get_page (window), ==, "loading");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-sample", NULL);

  /* Either the worker saw the cancellation, or it had already finished. */
  while (g_strcmp0 (tend_window_get_page (window), "loading") == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      tend_test_spin (10);
    }

  if (tend_window_get_showing_sample (window))
    {
      g_test_message ("The sample was written before the cancellation");
      g_assert_true (tend_test_wait_for_page (window, "connections"));
    }
  else
    {
      g_test_message ("The sample was cancelled");

      /* Nothing half written: the next visit starts over. */
      g_assert_cmpstr (tend_window_get_page (window), ==, "welcome");
      g_assert_cmpint (count_connections_at (sample_path), ==, 0);
    }

  g_assert_cmpint (count_connections_at (own_path), ==, 0);

  tend_test_close_window (application);
}

/* A sample profile that cannot be made is reported in a toast. */
static void
test_window_sample_error (void)
{
  g_autofree char *dir = make_profile_dir ("blocked");
  g_autofree char *own_path = tend_store_build_path (dir);
  g_autofree char *sample_path = tend_store_build_sample_path (dir);
  g_autofree char *sample_dir = g_path_get_dirname (sample_path);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TendStore) store = NULL;
  g_autoptr(GList) toplevels = NULL;
  AdwMessageDialog *dialog = NULL;
  TendApplication *application;
  TendWindow *window;
  GtkWidget *button;

  /* A file where the sample folder should go. */
  g_assert_true (g_file_set_contents (sample_dir, "not a folder", -1, &error));
  g_assert_no_error (error);

  store = tend_store_open (sample_path, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  expected = g_strdup (error->message);

  window = tend_test_open_window (dir, &application);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.explore-sample", NULL);
  tend_test_spin (50);

  g_assert_cmpstr (tend_window_get_page (window), ==, "welcome");
  g_assert_false (tend_window_get_showing_sample (window));
  g_assert_nonnull (tend_test_find_widget (GTK_WIDGET (window), tend_test_is_label_with_text, expected));
  g_assert_cmpint (count_connections_at (own_path), ==, 0);

  /* The toast has one line; its button shows the whole message. */
  button = tend_test_find_widget (GTK_WIDGET (window), tend_test_is_button_for_action, (gpointer) "win.show-error");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  tend_test_spin (50);

  toplevels = gtk_window_list_toplevels ();
  for (const GList *iter = toplevels; iter != NULL; iter = iter->next)
    {
      if (ADW_IS_MESSAGE_DIALOG (iter->data))
        {
          dialog = iter->data;
          break;
        }
    }
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, expected);
  g_assert_false (adw_message_dialog_get_body_use_markup (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));

  tend_test_close_window (application);
}

/* (3) A filled profile lists its connections, read without blocking the
 * window, and its sources with their counts in the sidebar. */
static void
test_window_connections (void)
{
  g_autofree char *dir = make_profile_dir ("filled");
  g_autofree char *path = tend_store_build_path (dir);
  g_autofree char *expected_total = NULL;
  g_autoptr(GListModel) sources = NULL;
  g_autoptr(GError) error = NULL;
  TendApplication *application;
  TendSampleOptions options;
  TendWindow *window;
  GtkWidget *list;
  GtkWidget *sidebar;
  guint n_sources;
  guint n_rows = 0;
  gint64 n_connections;

  {
    g_autoptr(TendStore) store = tend_store_open (path, &error);

    g_assert_no_error (error);
    tend_sample_options_init_default (&options);
    g_assert_true (tend_sample_generate (store, &options, NULL, &error));
    g_assert_no_error (error);

    n_connections = tend_store_count_connections (store, &error);
    g_assert_no_error (error);
    g_assert_cmpint (n_connections, >, 0);

    sources = tend_store_list_sources (store, &error);
    g_assert_no_error (error);
    n_sources = g_list_model_get_n_items (sources);
    g_assert_cmpuint (n_sources, >, 1);
  }

  window = tend_test_open_window (dir, &application);

  /* The worker reads the profile; the window shows that it is busy. */
  g_assert_cmpstr (tend_window_get_page (window), ==, "opening");
  g_assert_true (tend_test_wait_for_page (window, "connections"));
  g_assert_false (tend_window_get_showing_sample (window));

  list = tend_test_find_widget (GTK_WIDGET (window), tend_test_is_widget_of_type, GSIZE_TO_POINTER (TEND_TYPE_CONNECTION_LIST));
  g_assert_nonnull (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tend_connection_list_get_selection (TEND_CONNECTION_LIST (list)))),
                    ==, n_connections);

  sidebar = tend_test_find_widget (GTK_WIDGET (window), tend_test_is_widget_of_type, GSIZE_TO_POINTER (TEND_TYPE_SIDEBAR));
  g_assert_nonnull (sidebar);
  expected_total = g_strdup_printf ("%u", (guint) n_connections);
  g_assert_nonnull (tend_test_find_widget (sidebar, tend_test_is_label_with_text, expected_total));

  for (GtkWidget *child = tend_test_find_widget (sidebar, tend_test_is_widget_of_type, GSIZE_TO_POINTER (TEND_TYPE_SOURCE_ROW));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      g_autoptr(TendSource) source = NULL;
      g_autofree char *count = NULL;
      TendSourceRow *row = TEND_SOURCE_ROW (child);

      source = g_list_model_get_item (sources, n_rows);
      n_rows++;

      /* Titles come from files and servers: shown as text, never markup. */
      g_assert_false (adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (row)));
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                       tend_source_get_title (source));
      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                       tend_source_kind_get_label (tend_source_get_kind (source)));

      count = g_strdup_printf ("%u", tend_source_get_connection_count (source));
      g_assert_nonnull (tend_test_find_widget (child, tend_test_is_label_with_text, count));
    }

  g_assert_cmpuint (n_rows, ==, n_sources);

  tend_test_close_window (application);
}

/* Fills the profile in @dir with the sample business. */
static void
fill_with_sample (const char *dir)
{
  g_autofree char *path = tend_store_build_path (dir);
  g_autoptr(TendStore) store = NULL;
  g_autoptr(GError) error = NULL;
  TendSampleOptions options;

  store = tend_store_open (path, &error);
  g_assert_no_error (error);
  tend_sample_options_init_default (&options);
  g_assert_true (tend_sample_generate (store, &options, NULL, &error));
  g_assert_no_error (error);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (const GList *iter = toplevels; iter != NULL; iter = iter->next)
    {
      if (ADW_IS_MESSAGE_DIALOG (iter->data))
        return iter->data;
    }

  return NULL;
}

/* A LinkedIn export dropped on the welcome page is imported into the
 * owner's profile, with a summary, and its connections are listed. */
static gboolean
is_row_with_subtitle (GtkWidget *widget,
                      gpointer   data)
{
  return ADW_IS_ACTION_ROW (widget) &&
         g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), data) == 0;
}

static void
test_window_drop_import (void)
{
  g_autofree char *dir = make_profile_dir ("drop");
  g_autofree char *own_path = tend_store_build_path (dir);
  g_autofree char *export = g_build_filename (g_getenv ("TEND_TEST_DATA_DIR"), "import", "linkedin",
                                              "Connections.csv", NULL);
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GFile) file = g_file_new_for_path (export);
  GSList files = { file, NULL };
  TendApplication *application;
  AdwMessageDialog *dialog;
  GtkDropTarget *target;
  TendWindow *window;
  gboolean accepted = FALSE;

  window = tend_test_open_window (dir, &application);
  g_assert_cmpstr (tend_window_get_page (window), ==, "welcome");

  target = GTK_DROP_TARGET (tend_test_find_controller (GTK_WIDGET (window), GTK_TYPE_DROP_TARGET));
  g_assert_nonnull (target);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_set_boxed (&value, &files);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_assert_true (accepted);

  g_assert_true (tend_test_wait_for_page (window, "connections"));
  g_assert_false (tend_window_get_showing_sample (window));
  g_assert_cmpstr (tend_store_get_path (tend_window_get_store (window)), ==, own_path);
  g_assert_cmpint (count_connections_at (own_path), >, 0);

  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Import Finished");
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog), "LinkedIn: "));
  g_assert_false (adw_message_dialog_get_body_use_markup (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A newer export of the same network: the sidebar says who is new and
   * who is gone. */
  {
    g_autofree char *newer = g_build_filename (g_getenv ("TEND_TEST_DATA_DIR"), "import", "linkedin-newer", NULL);
    g_autoptr(GFile) newer_file = g_file_new_for_path (newer);
    GSList newer_files = { newer_file, NULL };
    GtkWidget *sidebar;

    g_value_set_boxed (&value, &newer_files);
    g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
    g_assert_true (accepted);
    g_assert_true (tend_test_wait_for_page (window, "connections"));

    dialog = find_message_dialog ();
    g_assert_nonnull (dialog);
    gtk_window_destroy (GTK_WINDOW (dialog));

    sidebar = tend_test_find_widget (GTK_WIDGET (window), tend_test_is_widget_of_type, GSIZE_TO_POINTER (TEND_TYPE_SIDEBAR));
    g_assert_nonnull (tend_test_find_widget (sidebar, is_row_with_subtitle, (gpointer) "LinkedIn · 1 new, 1 gone"));
  }

  tend_test_close_window (application);
}

/* A file that is not an export is refused, and nothing is written. */
static void
test_window_import_error (void)
{
  g_autofree char *dir = make_profile_dir ("import-error");
  g_autofree char *own_path = tend_store_build_path (dir);
  g_autofree char *export = g_build_filename (g_getenv ("TEND_TEST_DATA_DIR"), "import", "unknown.txt", NULL);
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GFile) file = g_file_new_for_path (export);
  GSList files = { file, NULL };
  TendApplication *application;
  AdwMessageDialog *dialog;
  TendWindow *window;
  gboolean accepted = FALSE;

  window = tend_test_open_window (dir, &application);

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_set_boxed (&value, &files);
  g_signal_emit_by_name (tend_test_find_controller (GTK_WIDGET (window), GTK_TYPE_DROP_TARGET),
                         "drop", &value, 10.0, 10.0, &accepted);

  g_assert_true (tend_test_wait_for_page (window, "welcome"));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Nothing Was Imported");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "unknown.txt"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpint (count_connections_at (own_path), ==, 0);

  tend_test_close_window (application);
}

/* Searching, filtering and the chart, on a filled profile. */
static void
test_window_search_and_chart (void)
{
  g_autofree char *dir = make_profile_dir ("search");
  TendApplication *application;
  TendWindow *window;
  TendConnectionList *list;
  GtkWidget *search_entry;
  GListModel *shown;
  guint n_all;

  fill_with_sample (dir);
  window = tend_test_open_window (dir, &application);
  g_assert_true (tend_test_wait_for_page (window, "connections"));

  list = TEND_CONNECTION_LIST (tend_test_find_widget (GTK_WIDGET (window), tend_test_is_widget_of_type,
                                            GSIZE_TO_POINTER (TEND_TYPE_CONNECTION_LIST)));
  shown = G_LIST_MODEL (tend_connection_list_get_selection (list));
  n_all = g_list_model_get_n_items (shown);

  /* Ctrl+F's action puts the keyboard in the search entry. */
  search_entry = tend_test_find_widget (GTK_WIDGET (window), tend_test_is_widget_of_type, GSIZE_TO_POINTER (GTK_TYPE_SEARCH_ENTRY));
  gtk_widget_grab_focus (GTK_WIDGET (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  g_assert_true (gtk_widget_is_focus (search_entry) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), search_entry));

  gtk_editable_set_text (GTK_EDITABLE (search_entry), "anna");
  while (g_list_model_get_n_items (shown) == n_all)
    tend_test_spin (50);
  g_assert_cmpuint (g_list_model_get_n_items (shown), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(TendConnection) connection = g_list_model_get_item (shown, i);
      g_autofree char *haystack = g_utf8_casefold (tend_connection_get_name (connection), -1);
      g_autofree char *handle = g_utf8_casefold (tend_connection_get_handle (connection) ? tend_connection_get_handle (connection) : "", -1);
      g_autofree char *note = g_utf8_casefold (tend_connection_get_note (connection) ? tend_connection_get_note (connection) : "", -1);

      g_assert_true (strstr (haystack, "anna") || strstr (handle, "anna") || strstr (note, "anna"));
    }

  /* The chart shows what the list shows. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-filters", NULL);
  gtk_editable_set_text (GTK_EDITABLE (search_entry), "");
  while (g_list_model_get_n_items (shown) != n_all)
    tend_test_spin (50);

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (tend_test_find_widget (GTK_WIDGET (window), tend_test_is_widget_of_type,
                                                                     GSIZE_TO_POINTER (ADW_TYPE_VIEW_STACK))),
                                         "reciprocity");
  g_assert_true (gtk_widget_get_mapped (tend_test_find_widget (GTK_WIDGET (window), tend_test_is_widget_of_type,
                                                     GSIZE_TO_POINTER (TEND_TYPE_RECIPROCITY_CHART))));
  tend_test_settle (window);
  g_object_unref (tend_test_render_to_png (GTK_WIDGET (window), "window-reciprocity.png", NULL));

  /* Choosing a dot selects that connection in the list, and the detail
   * pane follows. */
  {
    TendReciprocityChart *chart = TEND_RECIPROCITY_CHART (tend_test_find_widget (GTK_WIDGET (window), tend_test_is_widget_of_type,
                                                                                  GSIZE_TO_POINTER (TEND_TYPE_RECIPROCITY_CHART)));
    TendConnectionDetail *detail = TEND_CONNECTION_DETAIL (tend_test_find_widget (GTK_WIDGET (window), tend_test_is_widget_of_type,
                                                                                  GSIZE_TO_POINTER (TEND_TYPE_CONNECTION_DETAIL)));
    g_autoptr(TendConnection) chosen = g_list_model_get_item (shown, 7);

    tend_reciprocity_chart_set_focus_position (chart, 7);
    gtk_widget_activate_action (GTK_WIDGET (chart), "chart.select-focused", NULL);
    tend_test_spin (50);

    g_assert_true (gtk_selection_model_is_selected (tend_connection_list_get_selection (list), 7));
    g_assert_cmpstr (tend_connection_detail_get_page (detail), ==, "single");
    g_assert_true (tend_connection_detail_get_connection (detail) == chosen);
  }

  tend_test_close_window (application);
}

/* Deciding in the detail pane shows up at once in the sidebar's counts. */
static void
test_window_decision_counts (void)
{
  g_autofree char *dir = make_profile_dir ("decisions");
  g_autofree char *path = tend_store_build_path (dir);
  g_autofree char *before = NULL;
  TendApplication *application;
  TendWindow *window;
  TendConnectionList *list;
  GtkWidget *sidebar;
  GtkWidget *prune;
  GListModel *shown;
  guint n_keep = 0;
  guint n_prune = 0;

  fill_with_sample (dir);
  window = tend_test_open_window (dir, &application);
  g_assert_true (tend_test_wait_for_page (window, "connections"));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (tend_test_find_widget (GTK_WIDGET (window), tend_test_is_widget_of_type,
                                                                                       GSIZE_TO_POINTER (GTK_TYPE_REVEALER)))));

  list = TEND_CONNECTION_LIST (tend_test_find_widget (GTK_WIDGET (window), tend_test_is_widget_of_type,
                                                      GSIZE_TO_POINTER (TEND_TYPE_CONNECTION_LIST)));
  shown = G_LIST_MODEL (tend_connection_list_get_selection (list));
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(TendConnection) connection = g_list_model_get_item (shown, i);

      n_keep += tend_connection_get_decision (connection) == TEND_DECISION_KEEP;
      n_prune += tend_connection_get_decision (connection) == TEND_DECISION_PRUNE;
    }

  sidebar = tend_test_find_widget (GTK_WIDGET (window), tend_test_is_widget_of_type, GSIZE_TO_POINTER (TEND_TYPE_SIDEBAR));
  before = g_strdup_printf ("%u to keep · %u to prune", n_keep, n_prune);
  g_assert_nonnull (tend_test_find_widget (sidebar, tend_test_is_label_with_text, before));

  /* Prune three undecided people at once from the detail pane. */
  for (guint i = 0, n = 0; n < 3; i++)
    {
      g_autoptr(TendConnection) connection = g_list_model_get_item (shown, i);

      if (tend_connection_get_decision (connection) != TEND_DECISION_UNDECIDED)
        continue;
      gtk_selection_model_select_item (tend_connection_list_get_selection (list), i, n == 0);
      n++;
    }

  prune = tend_test_find_widget (tend_test_find_widget (GTK_WIDGET (window), tend_test_is_widget_of_type,
                                                        GSIZE_TO_POINTER (TEND_TYPE_CONNECTION_DETAIL)),
                                 tend_test_is_button_for_action, (gpointer) "detail.decide-all");
  g_assert_nonnull (prune);
  gtk_widget_activate_action (prune, "detail.decide-all", "s", "prune");

  {
    g_autofree char *after = g_strdup_printf ("%u to keep · %u to prune", n_keep, n_prune + 3);

    g_assert_nonnull (tend_test_find_widget (sidebar, tend_test_is_label_with_text, after));
  }

  tend_test_close_window (application);
}

/* Changing how the measures are taken is kept in the profile and measures
 * again. */
static void
test_window_preferences (void)
{
  g_autofree char *dir = make_profile_dir ("preferences");
  g_autofree char *path = tend_store_build_path (dir);
  g_autoptr(GList) toplevels = NULL;
  g_autoptr(TendStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  TendPreferencesWindow *preferences = NULL;
  TendApplication *application;
  GtkSpinButton *threshold = NULL;
  TendWindow *window;

  fill_with_sample (dir);
  window = tend_test_open_window (dir, &application);
  g_assert_true (tend_test_wait_for_page (window, "connections"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL);
  toplevels = gtk_window_list_toplevels ();
  for (const GList *iter = toplevels; iter != NULL; iter = iter->next)
    {
      if (TEND_IS_PREFERENCES_WINDOW (iter->data))
        preferences = iter->data;
    }
  g_assert_nonnull (preferences);

  /* The third spin button is the activity threshold. */
  for (GtkWidget *spin_button = tend_test_find_widget (GTK_WIDGET (preferences), tend_test_is_widget_of_type, GSIZE_TO_POINTER (GTK_TYPE_SPIN_BUTTON));
       spin_button != NULL;
       spin_button = NULL)
    threshold = GTK_SPIN_BUTTON (spin_button);
  g_assert_nonnull (threshold);
  gtk_spin_button_set_value (threshold, gtk_spin_button_get_value (threshold) + 30);

  /* The window reads and measures again. */
  g_assert_true (tend_test_wait_for_page (window, "connections"));
  gtk_window_destroy (GTK_WINDOW (preferences));

  store = tend_store_open (path, &error);
  g_assert_no_error (error);
  saved = tend_store_get_setting (store, "reciprocity.window-days", &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved);

  tend_test_close_window (application);
}

/* Tab, as the window would get it: the list's own key handler first. */
static void
press_tab (TendWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  GtkWidget *view = focus ? gtk_widget_get_ancestor (focus, GTK_TYPE_COLUMN_VIEW) : NULL;

  if (view != NULL)
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (view);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
          gboolean handled = FALSE;

          if (!GTK_IS_EVENT_CONTROLLER_KEY (controller))
            continue;

          g_signal_emit_by_name (controller, "key-pressed", GDK_KEY_Tab, 0, 0, &handled);
          if (handled)
            return;
        }
    }

  gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
}

/* Everything on the connections page is reachable with Tab, and Tab
 * leaves the list instead of walking its rows. */
static void
test_window_keyboard (void)
{
  g_autofree char *dir = make_profile_dir ("keyboard");
  g_autoptr(GHashTable) reached = g_hash_table_new (NULL, NULL);
  TendApplication *application;
  TendWindow *window;
  TendConnectionList *list;
  const GType expected[] = {
    GTK_TYPE_SEARCH_ENTRY, GTK_TYPE_MENU_BUTTON, GTK_TYPE_COLUMN_VIEW, TEND_TYPE_CONNECTION_DETAIL, TEND_TYPE_SIDEBAR,
  };

  fill_with_sample (dir);
  window = tend_test_open_window (dir, &application);
  g_assert_true (tend_test_wait_for_page (window, "connections"));

  /* The window opens on the view it was left on; this walk is about the list. */
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (tend_test_find_widget (GTK_WIDGET (window), tend_test_is_widget_of_type,
                                                                     GSIZE_TO_POINTER (ADW_TYPE_VIEW_STACK))),
                                         "list");
  list = TEND_CONNECTION_LIST (tend_test_find_widget (GTK_WIDGET (window), tend_test_is_widget_of_type,
                                            GSIZE_TO_POINTER (TEND_TYPE_CONNECTION_LIST)));
  gtk_selection_model_select_item (tend_connection_list_get_selection (list), 0, TRUE);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);

  /* Forty presses are far fewer than the rows: leaving the list is a must. */
  for (guint i = 0; i < 40; i++)
    {
      press_tab (window);
      for (GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window)); focus != NULL; focus = gtk_widget_get_parent (focus))
        g_hash_table_add (reached, GSIZE_TO_POINTER (G_OBJECT_TYPE (focus)));
    }

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_test_message ("reached %s: %d", g_type_name (expected[i]),
                      g_hash_table_contains (reached, GSIZE_TO_POINTER (expected[i])));
      g_assert_true (g_hash_table_contains (reached, GSIZE_TO_POINTER (expected[i])));
    }

  tend_test_close_window (application);
}

/* (4) What the owner sees, as pictures to look at. */
static void
test_window_render (void)
{
  g_autofree char *dir = make_profile_dir ("render");
  TendApplication *application;
  TendWindow *window;

  window = tend_test_open_window (dir, &application);
  g_assert_cmpstr (tend_window_get_page (window), ==, "welcome");
  tend_test_settle (window);
  g_object_unref (tend_test_render_to_png (GTK_WIDGET (window), "window-welcome.png", NULL));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.explore-sample", NULL);
  g_assert_true (tend_test_wait_for_page (window, "connections"));
  tend_test_settle (window);
  g_object_unref (tend_test_render_to_png (GTK_WIDGET (window), "window-sample.png", NULL));

  tend_test_close_window (application);
}

/* The window opens at the size it was closed at. */
static void
test_window_size (void)
{
  g_autofree char *dir = make_profile_dir ("size");
  g_autoptr(GSettings) settings = g_settings_new ("io.github.tendapp.Tend");
  TendApplication *application;
  TendWindow *window;
  int width, height;

  g_settings_set_int (settings, "window-width", 1000);
  g_settings_set_int (settings, "window-height", 700);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  window = tend_test_open_window (dir, &application);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1000);
  g_assert_cmpint (height, ==, 700);
  g_assert_false (gtk_window_is_maximized (GTK_WINDOW (window)));

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 740);
  gtk_window_close (GTK_WINDOW (window));
  tend_test_spin (50);

  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (application)));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1100);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 740);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  tend_test_close_window (application);

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "window-maximized");
}

/* (5) A damaged database is reported, and left exactly as it was. */
static void
test_window_broken_store (void)
{
  g_autofree char *dir = make_profile_dir ("broken");
  g_autofree char *path = tend_store_build_path (dir);
  g_autofree char *contents = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (1234);
  g_autoptr(GError) error = NULL;
  TendApplication *application;
  TendWindow *window;
  gsize length = 8192;
  gsize after_length;

  contents = g_malloc (length);
  for (gsize i = 0; i < length; i++)
    contents[i] = (char) g_rand_int_range (rand, 0, 256);
  g_assert_true (g_file_set_contents (path, contents, length, &error));
  g_assert_no_error (error);

  window = tend_test_open_window (dir, &application);

  g_assert_cmpstr (tend_window_get_page (window), ==, "error");
  g_assert_null (tend_window_get_store (window));
  g_assert_false (tend_window_get_showing_sample (window));

  /* Nothing to click that could write over the file. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.explore-sample", NULL) &&
                  g_strcmp0 (tend_window_get_page (window), "error") != 0);
  g_assert_cmpstr (tend_window_get_page (window), ==, "error");

  tend_test_settle (window);
  g_object_unref (tend_test_render_to_png (GTK_WIDGET (window), "window-error.png", NULL));

  tend_test_close_window (application);

  g_assert_true (g_file_get_contents (path, &after, &after_length, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (contents, length, after, after_length);
}

static GtkWidget *
find_prune_wizard (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (const GList *iter = toplevels; iter != NULL; iter = iter->next)
    {
      if (TEND_IS_PRUNE_WIZARD (iter->data) && gtk_widget_get_visible (iter->data))
        return iter->data;
    }

  return NULL;
}

/* The header offers pruning; a wizard left open is offered to be
 * continued (test-prune-wizard checks it resumes at the step it was
 * left at). */
static void
test_window_start_pruning (void)
{
  g_autofree char *dir = make_profile_dir ("pruning");
  g_autofree char *path = tend_store_build_path (dir);
  g_autoptr(TendStore) store = NULL;
  g_autoptr(GError) error = NULL;
  TendSampleOptions options;
  TendApplication *application;
  TendWindow *window;
  TendConnectionList *list;
  GListModel *rows;
  GtkWidget *button;
  GtkWidget *wizard;
  guint n_undecided;

  /* A small business is enough to open the wizard on. */
  store = tend_store_open (path, &error);
  g_assert_no_error (error);
  tend_sample_options_init_default (&options);
  options.n_connections = 60;
  g_assert_true (tend_sample_generate (store, &options, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  window = tend_test_open_window (dir, &application);
  g_assert_true (tend_test_wait_for_page (window, "connections"));

  button = tend_test_find_widget (GTK_WIDGET (window), tend_test_is_button_for_action, (gpointer) "win.start-pruning");
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Start _Pruning");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.start-pruning", NULL));
  tend_test_spin (100);
  wizard = find_prune_wizard ();
  g_assert_nonnull (wizard);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (wizard)) == GTK_WINDOW (window));
  g_assert_true (TEND_IS_PRUNE_GOAL_PAGE (tend_prune_wizard_get_page (TEND_PRUNE_WIZARD (wizard))));

  g_assert_true (gtk_widget_activate_action (wizard, "wizard.save-close", NULL));
  tend_test_spin (100);
  g_assert_null (find_prune_wizard ());
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Continue _Pruning");

  /* The list shows the undecided; what the wizard decides leaves it
   * when the wizard closes. */
  list = TEND_CONNECTION_LIST (tend_test_find_widget (GTK_WIDGET (window), tend_test_is_widget_of_type,
                                                      GSIZE_TO_POINTER (TEND_TYPE_CONNECTION_LIST)));
  rows = G_LIST_MODEL (tend_connection_list_get_selection (list));
  tend_connection_filter_set_decision (tend_connection_list_get_filter (list), TEND_DECISION_UNDECIDED);
  tend_test_spin (100);
  n_undecided = g_list_model_get_n_items (rows);
  g_assert_cmpuint (n_undecided, >, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.start-pruning", NULL));
  tend_test_spin (100);
  wizard = find_prune_wizard ();
  g_assert_nonnull (wizard);
  g_assert_true (TEND_IS_PRUNE_GOAL_PAGE (tend_prune_wizard_get_page (TEND_PRUNE_WIZARD (wizard))));
  {
    g_autoptr(TendConnection) decided = g_list_model_get_item (rows, 0);

    tend_connection_set_decision (decided, TEND_DECISION_KEEP);
  }
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_undecided);
  g_assert_true (gtk_widget_activate_action (wizard, "wizard.save-close", NULL));
  tend_test_spin (100);
  g_assert_null (find_prune_wizard ());
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_undecided - 1);

  tend_test_close_window (application);
}

/* Every control of the connections page, list and chart alike, has a name. */
static void
test_window_accessible_names (void)
{
  g_autofree char *dir = make_profile_dir ("accessible");
  g_autoptr(GString) unnamed = g_string_new (NULL);
  TendApplication *application;
  TendWindow *window;
  TendConnectionList *list;

  fill_with_sample (dir);
  window = tend_test_open_window (dir, &application);
  g_assert_true (tend_test_wait_for_page (window, "connections"));
  list = TEND_CONNECTION_LIST (tend_test_find_widget (GTK_WIDGET (window), tend_test_is_widget_of_type,
                                                      GSIZE_TO_POINTER (TEND_TYPE_CONNECTION_LIST)));
  gtk_selection_model_select_item (tend_connection_list_get_selection (list), 0, TRUE);
  tend_test_spin (100);

  tend_test_collect_unnamed_controls (GTK_WIDGET (window), TEND_TYPE_RECIPROCITY_CHART, unnamed);
  g_assert_cmpstr (unnamed->str, ==, "");

  tend_test_close_window (application);
}

int
main (int   argc,
      char *argv[])
{
  /* The test backend keeps accessible properties where the test reads them. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  tend_test_init_display (&argc, &argv);

  g_test_add_func ("/window/welcome", test_window_welcome);
  g_test_add_func ("/window/explore-sample", test_window_explore_sample);
  g_test_add_func ("/window/cancel-sample", test_window_cancel_sample);
  g_test_add_func ("/window/sample-error", test_window_sample_error);
  g_test_add_func ("/window/connections", test_window_connections);
  g_test_add_func ("/window/drop-import", test_window_drop_import);
  g_test_add_func ("/window/import-error", test_window_import_error);
  g_test_add_func ("/window/search-and-chart", test_window_search_and_chart);
  g_test_add_func ("/window/preferences", test_window_preferences);
  g_test_add_func ("/window/decision-counts", test_window_decision_counts);
  g_test_add_func ("/window/keyboard", test_window_keyboard);
  g_test_add_func ("/window/start-pruning", test_window_start_pruning);
  g_test_add_func ("/window/accessible-names", test_window_accessible_names);
  g_test_add_func ("/window/render", test_window_render);
  g_test_add_func ("/window/size", test_window_size);
  g_test_add_func ("/window/broken-store", test_window_broken_store);

  return g_test_run ();
}
