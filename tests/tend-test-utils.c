/* tend-test-utils.c: helpers the test suites share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tend-test-utils"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdarg.h>
#include <sys/wait.h>

#include "tend-test-utils.h"

/* A widget not drawn yet has nothing to show: under a sanitizer build the
 * first frame can take long. A timeout is a failure, never a measurement.
 */
#define RENDER_TIMEOUT_MS 60000

/* Prepares a suite that opens windows: call it instead of g_test_init(). */
void
tend_test_init_display (int    *argc,
                        char ***argv)
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
   * test).
   */
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/dev/null/no-session-bus", TRUE);

  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();
  adw_init ();
}

static gboolean
timeout_cb (gpointer data)
{
  gboolean *done = data;

  *done = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms milliseconds. */
void
tend_test_spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Runs the main loop until @predicate holds; FALSE if it still does not
 * after @timeout_ms milliseconds.
 */
gboolean
tend_test_wait_until (TendTestPredicate predicate,
                      gpointer          data,
                      guint             timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * G_TIME_SPAN_MILLISECOND;

  g_return_val_if_fail (predicate != NULL, FALSE);

  while (!predicate (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      tend_test_spin (10);
    }

  return TRUE;
}

/* A GAsyncReadyCallback that keeps the result in the GAsyncResult *
 * that @slot points to, for a test to wait on and finish. */
void
tend_test_store_result (GObject      *source,
                        GAsyncResult *result,
                        gpointer      slot)
{
  GAsyncResult **out = slot;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

/* The first widget, depth first from @root itself, that @match accepts. */
GtkWidget *
tend_test_find_widget (GtkWidget               *root,
                       TendTestWidgetMatchFunc  match,
                       gpointer                 data)
{
  g_return_val_if_fail (GTK_IS_WIDGET (root), NULL);
  g_return_val_if_fail (match != NULL, NULL);

  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = tend_test_find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The first event controller of @type on @widget, borrowed. */
GtkEventController *
tend_test_find_controller (GtkWidget *widget,
                           GType      type)
{
  g_autoptr(GListModel) controllers = NULL;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  controllers = gtk_widget_observe_controllers (widget);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }

  return NULL;
}

/* @type: a GType, through GSIZE_TO_POINTER(). */
gboolean
tend_test_is_widget_of_type (GtkWidget *widget,
                             gpointer   type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

/* For the types private to GTK: @type_name such as "GtkColumnViewTitle". */
gboolean
tend_test_is_widget_type_named (GtkWidget *widget,
                                gpointer   type_name)
{
  return g_strcmp0 (G_OBJECT_TYPE_NAME (widget), type_name) == 0;
}

gboolean
tend_test_is_label_with_text (GtkWidget *widget,
                              gpointer   text)
{
  return GTK_IS_LABEL (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

/* A label with @text that is on screen, not one on a hidden page. */
gboolean
tend_test_is_mapped_label_with_text (GtkWidget *widget,
                                     gpointer   text)
{
  return tend_test_is_label_with_text (widget, text) && gtk_widget_get_mapped (widget);
}

gboolean
tend_test_is_button_for_action (GtkWidget *widget,
                                gpointer   action_name)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0;
}

/* Where a suite writes a picture called @name to look at by eye. */
char *
tend_test_output_path (const char *name)
{
  const char *dir = g_getenv ("TEND_TEST_OUTPUT_DIR");

  g_return_val_if_fail (name != NULL, NULL);

  if (dir == NULL)
    dir = g_get_user_cache_dir ();
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);

  return g_build_filename (dir, name, NULL);
}

typedef struct {
  GdkPaintable  *paintable;
  int            width;
  int            height;
  GskRenderNode *node;
} SnapshotWait;

static gboolean
snapshot_has_node (gpointer data)
{
  SnapshotWait *wait = data;
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (wait->paintable, snapshot, wait->width, wait->height);
  wait->node = gtk_snapshot_free_to_node (snapshot);
  if (wait->node != NULL)
    return TRUE;

  /* Not drawn yet: ask for a frame and look again. */
  gtk_widget_queue_draw (gtk_widget_paintable_get_widget (GTK_WIDGET_PAINTABLE (wait->paintable)));
  return FALSE;
}

static void
assert_many_colours (GdkTexture *texture,
                     const char *name)
{
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  g_autofree guchar *pixels = NULL;
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  gsize stride = (gsize) width * 4;

  pixels = g_malloc (stride * height);
  gdk_texture_download (texture, pixels, stride);

  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (gpointer) (pixels + y * stride);

      for (int x = 0; x < width; x++)
        g_hash_table_add (colours, GUINT_TO_POINTER (row[x]));
    }

  /* A picture rather than a blank: text, icons and buttons give many shades. */
  g_test_message ("%s has %u colours", name, g_hash_table_size (colours));
  g_assert_cmpuint (g_hash_table_size (colours), >, 32);
}

/* Draws @widget (on screen, larger than 100×100) as the renderer of its
 * window does, over @background if given, into the PNG @name in
 * $TEND_TEST_OUTPUT_DIR; checks that the file reads back whole and holds a
 * picture, and returns what was drawn.
 */
GdkTexture *
tend_test_render_to_png (GtkWidget     *widget,
                         const char    *name,
                         const GdkRGBA *background)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  SnapshotWait wait;
  GskRenderer *renderer;
  int width, height;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 100);
  g_assert_cmpint (height, >, 100);

  paintable = gtk_widget_paintable_new (widget);
  wait = (SnapshotWait) { paintable, width, height, NULL };
  if (!tend_test_wait_until (snapshot_has_node, &wait, RENDER_TIMEOUT_MS))
    g_test_message ("%s: the widget was not drawn within %d ms", name, RENDER_TIMEOUT_MS);
  g_assert_nonnull (wait.node);

  if (background != NULL)
    {
      /* Parts of a page have no background of their own: give them the
       * window's, as on screen.
       */
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      gtk_snapshot_append_color (snapshot, background, &GRAPHENE_RECT_INIT (0, 0, width, height));
      gtk_snapshot_append_node (snapshot, wait.node);
      gsk_render_node_unref (wait.node);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  else
    {
      node = wait.node;
    }
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  g_assert_nonnull (renderer);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_nonnull (texture);

  path = tend_test_output_path (name);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Rendered %s (%d×%d)", path, width, height);

  reloaded = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (reloaded), ==, width);
  g_assert_cmpint (gdk_texture_get_height (reloaded), ==, height);
  assert_many_colours (reloaded, name);

  return g_steal_pointer (&texture);
}

static char *
data_path_va (const char *first,
              va_list     args)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *data_dir = g_getenv ("TEND_TEST_DATA_DIR");

  g_assert_nonnull (data_dir);
  g_ptr_array_add (parts, (char *) data_dir);
  for (const char *part = first; part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (char *) part);
  g_ptr_array_add (parts, NULL);

  return g_build_filenamev ((char **) parts->pdata);
}

/* A file under tests/data, such as ("import", "linkedin", NULL). */
char *
tend_test_data_path (const char *first,
                     ...)
{
  va_list args;
  char *path;

  va_start (args, first);
  path = data_path_va (first, args);
  va_end (args);

  return path;
}

/* What the file under tests/data holds. */
GBytes *
tend_test_read_data (const char *first,
                     ...)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;
  va_list args;

  va_start (args, first);
  path = data_path_va (first, args);
  va_end (args);

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

/* A new empty folder from @tmpl, such as "tend-cli-XXXXXX". */
char *
tend_test_make_tmp_dir (const char *tmpl)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dir);
  return dir;
}

/* Removes @path and everything below it, as far as it can; FALSE if
 * anything was left.
 */
gboolean
tend_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  gboolean ok = TRUE;
  const char *name;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_file_test (path, G_FILE_TEST_IS_SYMLINK) || !g_file_test (path, G_FILE_TEST_IS_DIR))
    return g_remove (path) == 0;

  dir = g_dir_open (path, 0, NULL);
  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          ok = tend_test_remove_tree (child) && ok;
        }
    }

  return g_rmdir (path) == 0 && ok;
}

void
tend_test_run_clear (TendTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

/* Runs $TEND_BINARY with the arguments after @run, without a display and
 * in a known locale, as a person at a terminal would.
 */
void
tend_test_run_tend (TendTestRun *run,
                    ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();
  const char *binary = g_getenv ("TEND_BINARY");
  const char *arg;
  va_list args;
  int wait_status;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (char *) binary);
  va_start (args, run);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);

  tend_test_run_clear (run);
  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  g_test_message ("exit %d\nstdout: %s\nstderr: %s", run->status, run->out, run->err);
}

/* A control a screen reader can name: its own text, a tooltip, an
 * accessible label, or a label that names it. */
static gboolean
has_accessible_name (GtkWidget *widget)
{
  const char *text = NULL;

  if (GTK_IS_BUTTON (widget))
    text = gtk_button_get_label (GTK_BUTTON (widget));
  else if (GTK_IS_MENU_BUTTON (widget))
    text = gtk_menu_button_get_label (GTK_MENU_BUTTON (widget));
  else if (GTK_IS_CHECK_BUTTON (widget))
    text = gtk_check_button_get_label (GTK_CHECK_BUTTON (widget));

  return (text != NULL && text[0] != '\0') ||
         gtk_widget_get_tooltip_text (widget) != NULL ||
         gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
         gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/**
 * tend_test_collect_unnamed_controls:
 * @extra_control: a widget type of the application that is a control too,
 *   or %G_TYPE_INVALID
 * @unnamed: where the path of each visible control without a name is
 *   appended, "; " after each
 *
 * Needs GTK_A11Y=test, which keeps accessible properties where this reads
 * them.
 */
void
tend_test_collect_unnamed_controls (GtkWidget *widget,
                                    GType      extra_control,
                                    GString   *unnamed)
{
  gboolean is_control = GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) ||
                        GTK_IS_DROP_DOWN (widget) || GTK_IS_SEARCH_ENTRY (widget) ||
                        GTK_IS_SPIN_BUTTON (widget) || GTK_IS_COLUMN_VIEW (widget) ||
                        GTK_IS_LIST_BOX (widget) || GTK_IS_CHECK_BUTTON (widget) ||
                        (extra_control != G_TYPE_INVALID &&
                         g_type_is_a (G_OBJECT_TYPE (widget), extra_control));

  /* The parts of a named control (a menu button's toggle, a drop-down's
   * button and its popup's search) are named by it. */
  if (is_control && gtk_widget_get_visible (widget) && !has_accessible_name (widget) &&
      !GTK_IS_MENU_BUTTON (gtk_widget_get_parent (widget)) &&
      gtk_widget_get_ancestor (widget, GTK_TYPE_DROP_DOWN) == NULL)
    {
      g_autofree char *path = NULL;

      for (GtkWidget *up = widget; up != NULL; up = gtk_widget_get_parent (up))
        {
          char *longer = g_strconcat (G_OBJECT_TYPE_NAME (up), path ? "/" : "", path, NULL);

          g_free (path);
          path = longer;
        }
      g_string_append_printf (unnamed, "%s; ", path);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    tend_test_collect_unnamed_controls (child, extra_control, unnamed);
}
