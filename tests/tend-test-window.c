/* tend-test-window.c: the application's window in display tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tend-test-utils.h"
#include "tend-test-window.h"

typedef struct {
  TendWindow *window;
  const char *page;
} PageWait;

static gboolean
is_on_page (gpointer data)
{
  const PageWait *wait = data;

  return g_strcmp0 (tend_window_get_page (wait->window), wait->page) == 0;
}

gboolean
tend_test_wait_for_page (TendWindow *window,
                         const char *page)
{
  PageWait wait = { window, page };

  return tend_test_wait_until (is_on_page, &wait, TEND_TEST_PAGE_TIMEOUT_MS);
}

/* Starts the application on @data_dir the way `tend --data-dir` does,
 * without a session bus, and returns its window once it is on screen.
 */
TendWindow *
tend_test_open_window (const char       *data_dir,
                       TendApplication **application)
{
  g_autoptr(GError) error = NULL;
  GtkStack *stack;
  GList *windows;

  *application = tend_application_new (data_dir);
  g_application_register (G_APPLICATION (*application), NULL, &error);
  g_assert_no_error (error);

  g_application_activate (G_APPLICATION (*application));

  windows = gtk_application_get_windows (GTK_APPLICATION (*application));
  g_assert_nonnull (windows);
  g_assert_null (windows->next);
  g_assert_true (TEND_IS_WINDOW (windows->data));

  while (!gtk_widget_get_mapped (windows->data))
    tend_test_spin (10);

  stack = GTK_STACK (tend_test_find_widget (windows->data, tend_test_is_widget_of_type, GSIZE_TO_POINTER (GTK_TYPE_STACK)));
  while (gtk_stack_get_transition_running (stack))
    tend_test_spin (10);

  return windows->data;
}

void
tend_test_close_window (TendApplication *application)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (application))))
    gtk_window_destroy (windows->data);

  tend_test_spin (50);
  g_object_unref (application);
}

/* Lets the page settle (the stack cross-fades) so a picture shows it whole. */
void
tend_test_settle (TendWindow *window)
{
  GtkStack *stack = GTK_STACK (tend_test_find_widget (GTK_WIDGET (window), tend_test_is_widget_of_type, GSIZE_TO_POINTER (GTK_TYPE_STACK)));

  tend_test_spin (50);
  while (gtk_stack_get_transition_running (stack))
    tend_test_spin (10);
  tend_test_spin (300);
}

/* A shown toplevel of @type, or %NULL. */
GtkWindow *
tend_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_mapped (GTK_WIDGET (window)) &&
          gtk_widget_get_width (GTK_WIDGET (window)) > 0)
        return GTK_WINDOW (window);
    }

  return NULL;
}

static gboolean
has_shown_toplevel (gpointer type)
{
  return tend_test_find_toplevel (GPOINTER_TO_SIZE (type)) != NULL;
}

/* Waits for a window of @type (a dialog the window opened) to be shown. */
GtkWindow *
tend_test_wait_for_toplevel (GType type)
{
  g_assert_true (tend_test_wait_until (has_shown_toplevel, GSIZE_TO_POINTER (type), TEND_TEST_PAGE_TIMEOUT_MS));
  return tend_test_find_toplevel (type);
}
