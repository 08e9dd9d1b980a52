/* test-window.c: the main window on empty, sample, filled and broken profiles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <adwaita.h>

#include "tend-application.h"
#include "tend-sample-generator.h"
#include "tend-source-row.h"
#include "tend-store.h"
#include "tend-window.h"

/* Generous: the sample is written by a worker thread, and sanitizer builds
 * are slow. A timeout is a failure, never a measurement.
 */
#define PAGE_TIMEOUT_MS 120000

typedef gboolean (*WidgetMatchFunc) (GtkWidget *widget,
                                     gpointer   data);

static gboolean
timeout_cb (gpointer data)
{
  gboolean *done = data;

  *done = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms milliseconds. */
static void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
wait_for_page (TendWindow *window,
               const char *page)
{
  gint64 deadline = g_get_monotonic_time () + PAGE_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;

  while (g_strcmp0 (tend_window_get_page (window), page) != 0)
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      spin (10);
    }

  return TRUE;
}

static GtkWidget *
find_widget (GtkWidget       *root,
             WidgetMatchFunc  match,
             gpointer         data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_button_for_action (GtkWidget *widget,
                      gpointer   data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

static gboolean
is_label_with_text (GtkWidget *widget,
                    gpointer   data)
{
  return GTK_IS_LABEL (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static gboolean
is_boxed_list (GtkWidget *widget,
               gpointer   data)
{
  return GTK_IS_LIST_BOX (widget) && gtk_widget_has_css_class (widget, "boxed-list");
}

static gboolean
is_stack (GtkWidget *widget,
          gpointer   data)
{
  return GTK_IS_STACK (widget);
}

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

/* Starts the application on @data_dir the way `tend --data-dir` does,
 * without a session bus, and returns its window once it is on screen.
 */
static TendWindow *
open_window (const char       *data_dir,
             TendApplication **application)
{
  g_autoptr(GError) error = NULL;
  GtkStack *stack;
  GList *windows;

  *application = tend_application_new (data_dir);
  g_assert_true (g_application_register (G_APPLICATION (*application), NULL, &error));
  g_assert_no_error (error);

  g_application_activate (G_APPLICATION (*application));

  windows = gtk_application_get_windows (GTK_APPLICATION (*application));
  g_assert_nonnull (windows);
  g_assert_null (windows->next);
  g_assert_true (TEND_IS_WINDOW (windows->data));

  while (!gtk_widget_get_mapped (windows->data))
    spin (10);

  stack = GTK_STACK (find_widget (windows->data, is_stack, NULL));
  while (gtk_stack_get_transition_running (stack))
    spin (10);

  return windows->data;
}

static void
close_window (TendApplication *application)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (application))))
    gtk_window_destroy (windows->data);

  spin (50);
  g_object_unref (application);
}

/* Lets the page settle (the stack cross-fades) so a picture shows it whole. */
static void
settle (TendWindow *window)
{
  GtkStack *stack = GTK_STACK (find_widget (GTK_WIDGET (window), is_stack, NULL));

  spin (50);
  while (gtk_stack_get_transition_running (stack))
    spin (10);
  spin (300);
}

static void
render_to_png (GtkWidget  *widget,
               const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) reloaded = NULL;
  g_autoptr(GHashTable) colours = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guchar *pixels = NULL;
  g_autofree char *path = NULL;
  const char *output_dir;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width, height;
  gsize stride;

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 100);
  g_assert_cmpint (height, >, 100);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (GTK_NATIVE (widget));
  g_assert_nonnull (renderer);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_nonnull (texture);

  output_dir = g_getenv ("TEND_TEST_OUTPUT_DIR");
  if (output_dir == NULL)
    output_dir = g_get_user_cache_dir ();
  g_assert_cmpint (g_mkdir_with_parents (output_dir, 0700), ==, 0);
  path = g_build_filename (output_dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Rendered %s (%d×%d)", path, width, height);

  /* The file reads back, and holds a picture rather than a blank: text,
   * an icon and buttons give many shades.
   */
  reloaded = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (reloaded), ==, width);
  g_assert_cmpint (gdk_texture_get_height (reloaded), ==, height);

  stride = (gsize) width * 4;
  pixels = g_malloc (stride * height);
  gdk_texture_download (reloaded, pixels, stride);

  colours = g_hash_table_new (NULL, NULL);
  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (gpointer) (pixels + y * stride);

      for (int x = 0; x < width; x++)
        g_hash_table_add (colours, GUINT_TO_POINTER (row[x]));
    }

  g_test_message ("%s has %u colours", name, g_hash_table_size (colours));
  g_assert_cmpuint (g_hash_table_size (colours), >, 32);
}

/* (1) An empty profile greets the owner with one way forward. */
static void
test_window_welcome (void)
{
  g_autofree char *dir = make_profile_dir ("empty");
  g_autofree char *sample_path = tend_store_build_sample_path (dir);
  TendApplication *application;
  TendWindow *window;
  GtkWidget *button;

  window = open_window (dir, &application);

  g_assert_cmpstr (tend_window_get_page (window), ==, "welcome");
  g_assert_false (tend_window_get_showing_sample (window));
  g_assert_nonnull (tend_window_get_store (window));

  button = find_widget (GTK_WIDGET (window), is_button_for_action, (gpointer) "win.explore-sample");
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Explore Sample Data");
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_true (gtk_widget_get_focusable (button));
  g_assert_true (gtk_widget_has_css_class (button, "suggested-action"));

  g_assert_nonnull (find_widget (GTK_WIDGET (window), is_label_with_text, (gpointer) "Welcome to Tend"));

  /* Only the sample button: nothing for features that are not there yet. */
  g_assert_null (find_widget (GTK_WIDGET (window), is_button_for_action, (gpointer) "win.import"));

  /* Looking is not writing: no sample profile appears by itself. */
  g_assert_false (g_file_test (sample_path, G_FILE_TEST_EXISTS));

  /* Quitting closes the window, which is what ends the application. */
  g_action_group_activate_action (G_ACTION_GROUP (application), "quit", NULL);
  spin (50);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (application)));

  close_window (application);
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

  window = open_window (dir, &application);
  g_assert_cmpstr (tend_window_get_page (window), ==, "welcome");

  button = find_widget (GTK_WIDGET (window), is_button_for_action, (gpointer) "win.explore-sample");
  g_assert_nonnull (button);
  /* A click; keyboard activation would first show the button pressed. */
  g_signal_emit_by_name (button, "clicked");

  /* The worker reports back through the main loop, so the window waits. */
  g_assert_cmpstr (tend_window_get_page (window), ==, "loading");
  g_assert_nonnull (find_widget (GTK_WIDGET (window), is_button_for_action, (gpointer) "win.cancel-sample"));

  g_assert_true (wait_for_page (window, "sources"));
  g_assert_true (tend_window_get_showing_sample (window));
  g_assert_cmpstr (tend_store_get_path (tend_window_get_store (window)), ==, sample_path);

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
  g_assert_cmpstr (tend_window_get_page (window), ==, "sources");
  g_assert_true (tend_window_get_showing_sample (window));
  g_assert_cmpint (count_connections_at (sample_path), ==, n_sample);
  g_assert_cmpint (count_connections_at (own_path), ==, 0);

  close_window (application);
}

/* Cancelling leaves the window on the welcome page, ready to try again. */
static void
test_window_cancel_sample (void)
{
  g_autofree char *dir = make_profile_dir ("cancel");
  g_autofree char *own_path = tend_store_build_path (dir);
  g_autofree char *sample_path = tend_store_build_sample_path (dir);
  gint64 deadline = g_get_monotonic_time () + PAGE_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
  TendApplication *application;
  TendWindow *window;

  window = open_window (dir, &application);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.explore-sample", NULL);
  g_assert_cmpstr (tend_window_get_page (window), ==, "loading");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-sample", NULL);

  /* Either the worker saw the cancellation, or it had already finished. */
  while (g_strcmp0 (tend_window_get_page (window), "loading") == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      spin (10);
    }

  if (tend_window_get_showing_sample (window))
    {
      g_test_message ("The sample was written before the cancellation");
      g_assert_cmpstr (tend_window_get_page (window), ==, "sources");
    }
  else
    {
      g_test_message ("The sample was cancelled");

      /* Nothing half written: the next visit starts over. */
      g_assert_cmpstr (tend_window_get_page (window), ==, "welcome");
      g_assert_cmpint (count_connections_at (sample_path), ==, 0);
    }

  g_assert_cmpint (count_connections_at (own_path), ==, 0);

  close_window (application);
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

  window = open_window (dir, &application);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.explore-sample", NULL);
  spin (50);

  g_assert_cmpstr (tend_window_get_page (window), ==, "welcome");
  g_assert_false (tend_window_get_showing_sample (window));
  g_assert_nonnull (find_widget (GTK_WIDGET (window), is_label_with_text, expected));
  g_assert_cmpint (count_connections_at (own_path), ==, 0);

  /* The toast has one line; its button shows the whole message. */
  button = find_widget (GTK_WIDGET (window), is_button_for_action, (gpointer) "win.show-error");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  spin (50);

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

  close_window (application);
}

/* (3) A filled profile lists its sources with their counts. */
static void
test_window_sources (void)
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

  window = open_window (dir, &application);

  g_assert_cmpstr (tend_window_get_page (window), ==, "sources");
  g_assert_false (tend_window_get_showing_sample (window));

  expected_total = g_strdup_printf ("%u connections across %u sources",
                                    (guint) n_connections, n_sources);
  g_assert_nonnull (find_widget (GTK_WIDGET (window), is_label_with_text, expected_total));

  list = find_widget (GTK_WIDGET (window), is_boxed_list, NULL);
  g_assert_nonnull (list);

  for (GtkWidget *child = gtk_widget_get_first_child (list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      g_autoptr(TendSource) source = NULL;
      g_autofree char *count = NULL;
      TendSourceRow *row;

      if (!TEND_IS_SOURCE_ROW (child))
        continue;

      row = TEND_SOURCE_ROW (child);
      source = g_list_model_get_item (sources, n_rows);
      n_rows++;

      /* Titles come from files and servers: shown as text, never markup. */
      g_assert_false (adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (row)));
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                       tend_source_get_title (source));
      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                       tend_source_kind_get_label (tend_source_get_kind (source)));

      count = g_strdup_printf (tend_source_get_connection_count (source) == 1
                               ? "%u connection" : "%u connections",
                               tend_source_get_connection_count (source));
      g_assert_nonnull (find_widget (child, is_label_with_text, count));
    }

  g_assert_cmpuint (n_rows, ==, n_sources);

  close_window (application);
}

/* (4) What the owner sees, as pictures to look at. */
static void
test_window_render (void)
{
  g_autofree char *dir = make_profile_dir ("render");
  TendApplication *application;
  TendWindow *window;

  window = open_window (dir, &application);
  g_assert_cmpstr (tend_window_get_page (window), ==, "welcome");
  settle (window);
  render_to_png (GTK_WIDGET (window), "window-welcome.png");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.explore-sample", NULL);
  g_assert_true (wait_for_page (window, "sources"));
  settle (window);
  render_to_png (GTK_WIDGET (window), "window-sample.png");

  close_window (application);
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

  g_settings_set_int (settings, "window-width", 800);
  g_settings_set_int (settings, "window-height", 600);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  window = open_window (dir, &application);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 800);
  g_assert_cmpint (height, ==, 600);
  g_assert_false (gtk_window_is_maximized (GTK_WINDOW (window)));

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  gtk_window_close (GTK_WINDOW (window));
  spin (50);

  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (application)));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  close_window (application);

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

  window = open_window (dir, &application);

  g_assert_cmpstr (tend_window_get_page (window), ==, "error");
  g_assert_null (tend_window_get_store (window));
  g_assert_false (tend_window_get_showing_sample (window));

  /* Nothing to click that could write over the file. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.explore-sample", NULL) &&
                  g_strcmp0 (tend_window_get_page (window), "error") != 0);
  g_assert_cmpstr (tend_window_get_page (window), ==, "error");

  settle (window);
  render_to_png (GTK_WIDGET (window), "window-error.png");

  close_window (application);

  g_assert_true (g_file_get_contents (path, &after, &after_length, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (contents, length, after, after_length);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) mime_dirs = g_ptr_array_new_with_free_func (g_free);

  /* The isolated data folders hold no MIME database, without which
   * gdk-pixbuf cannot tell an SVG icon from any other file: keep reading
   * the system's.
   */
  for (const char * const *dir = g_get_system_data_dirs (); *dir != NULL; dir++)
    g_ptr_array_add (mime_dirs, g_build_filename (*dir, "mime", NULL));
  g_ptr_array_add (mime_dirs, NULL);
  g_content_type_set_mime_dirs ((const char * const *) mime_dirs->pdata);

  /* Without a session bus, GIO would try to start one for every
   * application registered (seconds each, and a bus that outlives the
   * test). The application is not unique with a profile folder, so it
   * needs none.
   */
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/dev/null/no-session-bus", TRUE);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/window/welcome", test_window_welcome);
  g_test_add_func ("/window/explore-sample", test_window_explore_sample);
  g_test_add_func ("/window/cancel-sample", test_window_cancel_sample);
  g_test_add_func ("/window/sample-error", test_window_sample_error);
  g_test_add_func ("/window/sources", test_window_sources);
  g_test_add_func ("/window/render", test_window_render);
  g_test_add_func ("/window/size", test_window_size);
  g_test_add_func ("/window/broken-store", test_window_broken_store);

  return g_test_run ();
}
