/* tend-test-window.c: the application's window in display tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "tend-reciprocity-chart.h"
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

/* Appends the path of every visible control without a name to @unnamed. */
void
tend_test_find_unnamed_controls (GtkWidget *widget,
                                 GString   *unnamed)
{
  gboolean is_control = GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) ||
                        GTK_IS_DROP_DOWN (widget) || GTK_IS_SEARCH_ENTRY (widget) ||
                        GTK_IS_SPIN_BUTTON (widget) || GTK_IS_COLUMN_VIEW (widget) ||
                        GTK_IS_LIST_BOX (widget) || TEND_IS_RECIPROCITY_CHART (widget);

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
    tend_test_find_unnamed_controls (child, unnamed);
}

