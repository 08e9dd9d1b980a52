/* test-print.c: the relationship summary and card, exported as PDF and read back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PDFs are exported without a dialog, through the print operation and
 * through `tend --print-summary`, then read with pdftotext and pdftoppm.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "tend-chart-renderer.h"
#include "tend-preferences-window.h"
#include "tend-reciprocity.h"
#include "tend-sample-generator.h"
#include "tend-store.h"
#include "tend-summary-document.h"
#include "tend-summary-print-operation.h"
#include "tend-test-utils.h"

#define GREEK_NAME  "Ζωή Παπαδοπούλου"
#define HEBREW_NAME "נועה כהן"
#define MARKUP_NAME "Smith <&> Sons"

typedef struct {
  char      *dir;
  TendStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = tend_test_make_tmp_dir ("tend-print-XXXXXX");
  path = tend_store_build_path (fixture->dir);
  fixture->store = tend_store_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_assert_true (tend_test_remove_tree (fixture->dir));
  g_free (fixture->dir);
}

static void
generate (Fixture *fixture,
          guint    n_connections)
{
  g_autoptr(GError) error = NULL;
  TendSampleOptions options;

  tend_sample_options_init_default (&options);
  if (n_connections > 0)
    options.n_connections = n_connections;
  tend_sample_generate (fixture->store, &options, NULL, &error);
  g_assert_no_error (error);
}

/* Three kept connections whose names test scripts, direction and markup. */
static void
add_special_connections (Fixture *fixture)
{
  const char *names[] = { GREEK_NAME, HEBREW_NAME, MARKUP_NAME };
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 source_id;

  source_id = tend_store_ensure_source (fixture->store, TEND_SOURCE_KIND_MASTODON,
                                        "owner@print.example", "Print test", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *key = g_strdup_printf ("print-%u", i);
      g_autofree char *handle = g_strdup_printf ("@special%u@print.example", i);
      TendConnectionRecord record = {
        .stable_key = key,
        .name = names[i],
        .handle = handle,
        .follow_state = TEND_FOLLOW_STATE_MUTUAL,
        .connected_since = now - 400 * 24 * 3600,
      };
      gint64 id = tend_store_upsert_connection (fixture->store, source_id, &record, &error);

      g_assert_no_error (error);
      for (guint j = 0; j < 4; j++)
        {
          g_autofree char *in_id = g_strdup_printf ("in-%u-%u", i, j);
          g_autofree char *out_id = g_strdup_printf ("out-%u-%u", i, j);

          tend_store_add_interaction (fixture->store, id, TEND_DIRECTION_IN,
                                      TEND_INTERACTION_MESSAGE, now - (j + 1) * 20 * 24 * 3600,
                                      in_id, &error);
          g_assert_no_error (error);
          tend_store_add_interaction (fixture->store, id, TEND_DIRECTION_OUT,
                                      TEND_INTERACTION_REPLY, now - (j + 1) * 30 * 24 * 3600,
                                      out_id, &error);
          g_assert_no_error (error);
        }
      tend_store_set_decision (fixture->store, id, TEND_DECISION_KEEP,
                               "Bakes <b>bread</b> & more", &error);
      g_assert_no_error (error);
    }
}

static TendConnection *
find_connection (Fixture    *fixture,
                 const char *name)
{
  g_autoptr(GListModel) connections = NULL;
  g_autoptr(GError) error = NULL;
  TendReciprocityParams params;

  connections = tend_store_list_connections (fixture->store, &error);
  g_assert_no_error (error);
  tend_reciprocity_params_init_default (&params);
  tend_reciprocity_apply (fixture->store, connections, &params,
                          g_get_real_time () / G_USEC_PER_SEC, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < g_list_model_get_n_items (connections); i++)
    {
      g_autoptr(TendConnection) connection = g_list_model_get_item (connections, i);

      if (g_strcmp0 (tend_connection_get_name (connection), name) == 0)
        return g_steal_pointer (&connection);
    }

  g_assert_not_reached ();
}

static void
export (TendSummaryPrintOperation *operation,
        const char                *path)
{
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (operation), path);
  result = gtk_print_operation_run (GTK_PRINT_OPERATION (operation),
                                    GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static char *
export_summary (Fixture    *fixture,
                const char *name)
{
  g_autoptr(TendSummaryPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  operation = tend_summary_print_operation_new (fixture->store, &error);
  g_assert_no_error (error);
  export (operation, path);

  return path;
}

/* A copy to look at by eye, next to the other suites' pictures. */
static void
keep_copy (const char *path,
           const char *name)
{
  g_autofree char *target = tend_test_output_path (name);
  g_autoptr(GFile) from = g_file_new_for_path (path);
  g_autoptr(GFile) to = g_file_new_for_path (target);
  g_autoptr(GError) error = NULL;

  g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* The pages' text, one string per page. */
static GStrv
pdf_pages (const char *path)
{
  const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", path, "-", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  GStrv pages;
  guint n;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  /* Every page ends with a form feed. */
  pages = g_strsplit (out, "\f", -1);
  n = g_strv_length (pages);
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpstr (g_strstrip (pages[n - 1]), ==, "");
  g_free (pages[n - 1]);
  pages[n - 1] = NULL;

  return pages;
}

static gboolean
pages_contain (GStrv       pages,
               const char *text)
{
  for (guint i = 0; pages[i] != NULL; i++)
    if (strstr (pages[i], text) != NULL)
      return TRUE;

  return FALSE;
}

static void
assert_frames (GStrv       pages,
               const char *business_name)
{
  guint n = g_strv_length (pages);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *footer = g_strdup_printf ("Page %u of %u", i + 1, n);

      g_assert_nonnull (strstr (pages[i], business_name));
      g_assert_nonnull (strstr (pages[i], footer));
    }
}

static gboolean
close_to (const guchar  *pixel,
          const GdkRGBA *colour)
{
  const double expected[3] = { colour->red, colour->green, colour->blue };

  for (guint c = 0; c < 3; c++)
    if (ABS ((int) pixel[c] - (int) (expected[c] * 255 + 0.5)) > 4)
      return FALSE;

  return TRUE;
}

/* Renders page 1 and looks for each quadrant's tint. */
static void
assert_quadrant_tints (const char *pdf,
                       const char *dir)
{
  g_autofree char *prefix = g_build_filename (dir, "page1", NULL);
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  const char *argv[] = { "pdftoppm", "-r", "50", "-f", "1", "-l", "1", "-png",
                         "-singlefile", pdf, prefix, NULL };
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  TendChartStyle style;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  pixbuf = gdk_pixbuf_new_from_file (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_n_channels (pixbuf), >=, 3);

  tend_chart_style_init_default (&style);
  for (guint q = 0; q < TEND_N_QUADRANTS; q++)
    {
      int width = gdk_pixbuf_get_width (pixbuf);
      int height = gdk_pixbuf_get_height (pixbuf);
      int stride = gdk_pixbuf_get_rowstride (pixbuf);
      int channels = gdk_pixbuf_get_n_channels (pixbuf);
      const guchar *pixels = gdk_pixbuf_read_pixels (pixbuf);
      guint found = 0;
      GdkRGBA tint;

      tend_chart_style_get_tint (&style, q, &tint);
      for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
          if (close_to (pixels + y * stride + x * channels, &tint))
            found++;

      /* A quadrant is a sizeable area, not a stray pixel. */
      g_assert_cmpuint (found, >, 100);
    }
}

static void
test_print_sample (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *again = NULL;
  g_autofree char *total = NULL;
  g_autofree char *figures = NULL;
  g_auto(GStrv) pages = NULL;
  g_auto(GStrv) later = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n_connections;

  generate (fixture, 0);
  add_special_connections (fixture);
  tend_store_set_setting (fixture->store, TEND_SUMMARY_SETTING_BUSINESS_NAME,
                          "Rosa's Bakery & <Café>", &error);
  g_assert_no_error (error);

  path = export_summary (fixture, "summary.pdf");
  keep_copy (path, "print-summary.pdf");
  pages = pdf_pages (path);
  assert_frames (pages, "Rosa's Bakery & <Café>");

  n_connections = tend_store_count_connections (fixture->store, &error);
  g_assert_no_error (error);
  total = g_strdup_printf ("%" G_GINT64_FORMAT " connections from 10 sources", n_connections);
  g_assert_true (pages_contain (pages, total));
  g_assert_true (pages_contain (pages, "Key Figures"));
  g_assert_true (pages_contain (pages, "All sources"));
  g_assert_true (pages_contain (pages, "Your Core"));
  g_assert_true (pages_contain (pages, "Pruned"));
  g_assert_true (pages_contain (pages, "This is your first summary"));
  g_assert_true (pages_contain (pages, GREEK_NAME));
  g_assert_true (pages_contain (pages, MARKUP_NAME));
  g_assert_true (pages_contain (pages, "Bakes <b>bread</b> & more"));
  /* pdftotext may give right-to-left text in either order. */
  g_assert_true (pages_contain (pages, HEBREW_NAME) ||
                 (pages_contain (pages, "נועה") && pages_contain (pages, "כהן")));

  assert_quadrant_tints (path, fixture->dir);

  /* Printing remembered the figures; the next summary compares with them. */
  figures = tend_store_get_setting (fixture->store, TEND_SUMMARY_SETTING_LAST_FIGURES, &error);
  g_assert_no_error (error);
  g_assert_nonnull (figures);

  again = export_summary (fixture, "again.pdf");
  later = pdf_pages (again);
  g_assert_true (pages_contain (later, "Since the summary of"));
  g_assert_true (pages_contain (later, "±0 connections"));
}

static void
test_print_remembered (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(TendSummaryPrintOperation) operation = NULL;
  g_autoptr(TendSummaryPrintOperation) next = NULL;
  g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();
  g_autoptr(GtkPageSetup) page_setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) letter = gtk_paper_size_new (GTK_PAPER_NAME_LETTER);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "remembered.pdf", NULL);
  g_autofree char *stored = NULL;
  GtkPageSetup *next_setup;

  gtk_print_settings_set (settings, "tend-test-key", "kept");
  gtk_page_setup_set_paper_size (page_setup, letter);

  operation = tend_summary_print_operation_new (fixture->store, &error);
  g_assert_no_error (error);
  gtk_print_operation_set_print_settings (GTK_PRINT_OPERATION (operation), settings);
  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (operation), page_setup);
  export (operation, path);

  /* In the profile, for the next start… */
  stored = tend_store_get_setting (fixture->store, TEND_SUMMARY_SETTING_PRINT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_nonnull (strstr (stored, "[Print Settings]"));
  g_assert_nonnull (strstr (stored, "tend-test-key=kept"));
  g_assert_nonnull (strstr (stored, "[Page Setup]"));

  /* …and for the next print in this one. */
  next = tend_summary_print_operation_new (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gtk_print_settings_get (gtk_print_operation_get_print_settings (GTK_PRINT_OPERATION (next)),
                                           "tend-test-key"), ==, "kept");
  next_setup = gtk_print_operation_get_default_page_setup (GTK_PRINT_OPERATION (next));
  g_assert_nonnull (next_setup);
  g_assert_cmpstr (gtk_paper_size_get_name (gtk_page_setup_get_paper_size (next_setup)), ==,
                   GTK_PAPER_NAME_LETTER);
}

static void
test_print_card (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(TendConnection) connection = NULL;
  g_autoptr(TendSummaryPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "card.pdf", NULL);
  g_autofree char *figures = NULL;
  g_auto(GStrv) pages = NULL;

  add_special_connections (fixture);
  connection = find_connection (fixture, MARKUP_NAME);

  operation = tend_summary_print_operation_new_card (fixture->store, connection, &error);
  g_assert_no_error (error);
  export (operation, path);
  keep_copy (path, "print-card.pdf");

  pages = pdf_pages (path);
  g_assert_cmpuint (g_strv_length (pages), ==, 1);
  assert_frames (pages, "Your relationships");
  g_assert_true (pages_contain (pages, MARKUP_NAME));
  g_assert_true (pages_contain (pages, "Relationship Card"));
  g_assert_true (pages_contain (pages, "@special2@print.example"));
  g_assert_true (pages_contain (pages, "They → you"));
  g_assert_true (pages_contain (pages, "You → them"));
  g_assert_true (pages_contain (pages, "Keep, since"));
  g_assert_true (pages_contain (pages, "Bakes <b>bread</b> & more"));

  /* A card changes nothing the next summary compares with. */
  figures = tend_store_get_setting (fixture->store, TEND_SUMMARY_SETTING_LAST_FIGURES, &error);
  g_assert_no_error (error);
  g_assert_null (figures);
}

static void
test_print_empty (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = export_summary (fixture, "empty.pdf");
  g_auto(GStrv) pages = pdf_pages (path);

  g_assert_cmpuint (g_strv_length (pages), ==, 1);
  assert_frames (pages, "Your relationships");
  g_assert_true (pages_contain (pages, "0 connections from 0 sources"));
  g_assert_true (pages_contain (pages, "No connection is marked Keep yet"));
  g_assert_true (pages_contain (pages, "Nothing has been pruned"));
}

static void
test_print_large (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GListModel) connections = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_auto(GStrv) pages = NULL;
  guint n_pages, n_core_pages = 0;
  guint first_core = 0;

  generate (fixture, 5000);
  connections = tend_store_list_connections (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (connections), ==, 5000);

  tend_store_begin (fixture->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (connections); i++)
    {
      g_autoptr(TendConnection) connection = g_list_model_get_item (connections, i);

      tend_store_set_decision (fixture->store, tend_connection_get_id (connection),
                               TEND_DECISION_KEEP, NULL, &error);
      g_assert_no_error (error);
    }
  tend_store_commit (fixture->store, &error);
  g_assert_no_error (error);

  path = export_summary (fixture, "large.pdf");
  keep_copy (path, "print-large.pdf");
  pages = pdf_pages (path);
  n_pages = g_strv_length (pages);
  g_assert_cmpuint (n_pages, >, 20);
  assert_frames (pages, "Your relationships");
  g_assert_true (pages_contain (pages, "5000 kept connections, highest score first."));

  /* The core's table continues on every page under its header. */
  for (guint i = 0; i < n_pages; i++)
    if (strstr (pages[i], "Last Contact") != NULL)
      {
        if (n_core_pages++ == 0)
          first_core = i;
      }
  g_assert_cmpuint (n_core_pages, >, 20);
  for (guint i = first_core; i < first_core + n_core_pages; i++)
    g_assert_nonnull (strstr (pages[i], "Last Contact"));
  g_assert_true (pages_contain (pages, "5000"));
  g_assert_true (strstr (pages[n_pages - 1], "What Changed") != NULL);
}

static void
test_print_business_name (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *parent = gtk_window_new ();
  TendPreferencesWindow *preferences;
  GtkWidget *row;
  g_autofree char *saved = NULL;
  g_autofree char *path = NULL;
  g_auto(GStrv) pages = NULL;
  g_autoptr(GError) error = NULL;

  tend_store_set_setting (fixture->store, TEND_SUMMARY_SETTING_BUSINESS_NAME, "Old Name", &error);
  g_assert_no_error (error);

  preferences = tend_preferences_window_new (GTK_WINDOW (parent), fixture->store);
  row = tend_test_find_widget (GTK_WIDGET (preferences), tend_test_is_widget_of_type,
                               GSIZE_TO_POINTER (ADW_TYPE_ENTRY_ROW));
  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Old Name");

  gtk_editable_set_text (GTK_EDITABLE (row), "Rosa <Bakes> & Co");
  saved = tend_store_get_setting (fixture->store, TEND_SUMMARY_SETTING_BUSINESS_NAME, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (saved, ==, "Rosa <Bakes> & Co");

  gtk_window_destroy (GTK_WINDOW (preferences));
  gtk_window_destroy (GTK_WINDOW (parent));

  path = export_summary (fixture, "named.pdf");
  pages = pdf_pages (path);
  assert_frames (pages, "Rosa <Bakes> & Co");
}

static void
test_print_cli (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (fixture->dir, "cli.pdf", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "no-profile", NULL);
  g_autofree char *missing_pdf = g_build_filename (fixture->dir, "missing.pdf", NULL);
  g_auto(TendTestRun) load = { 0 };
  g_auto(TendTestRun) print = { 0 };
  g_auto(TendTestRun) bad = { 0 };
  g_auto(GStrv) pages = NULL;

  /* The CLI opens the profile itself. */
  g_clear_object (&fixture->store);

  tend_test_run_tend (&load, "--data-dir", fixture->dir, "--load-sample", NULL);
  g_assert_cmpint (load.status, ==, 0);

  tend_test_run_tend (&print, "--data-dir", fixture->dir, "--print-summary", pdf, NULL);
  g_assert_cmpint (print.status, ==, 0);
  g_assert_cmpstr (print.err, ==, "");
  g_assert_nonnull (strstr (print.out, "Wrote the summary"));
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  pages = pdf_pages (pdf);
  assert_frames (pages, "Your relationships");
  g_assert_true (pages_contain (pages, "Relationship Summary"));
  g_assert_true (pages_contain (pages, "400 connections from 9 sources"));
  assert_quadrant_tints (pdf, fixture->dir);

  tend_test_run_tend (&bad, "--data-dir", missing, "--print-summary", missing_pdf, NULL);
  g_assert_cmpint (bad.status, !=, 0);
  g_assert_nonnull (strstr (bad.err, "no Tend profile"));
  g_assert_false (g_file_test (missing_pdf, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

/* Whether a line of the pages starts with @label (after spaces) and ends
 * with @last, as a table row does in pdftotext's layout. */
static gboolean
line_matches (char       **pages,
              const char  *label,
              const char  *last)
{
  for (guint i = 0; pages[i] != NULL; i++)
    {
      g_auto(GStrv) lines = g_strsplit (pages[i], "\n", -1);

      for (guint j = 0; lines[j] != NULL; j++)
        {
          g_autofree char *line = g_strstrip (g_strdup (lines[j]));

          if (g_str_has_prefix (line, label) && g_str_has_suffix (line, last) &&
              g_ascii_isspace (line[strlen (line) - strlen (last) - 1]))
            return TRUE;
        }
    }

  return FALSE;
}

/* Per source, the checklist items not yet ticked. */
static void
test_print_checklist (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_auto(GStrv) pages = NULL;
  gint64 linkedin, facebook;

  linkedin = tend_store_ensure_source (fixture->store, TEND_SOURCE_KIND_LINKEDIN, "me", "Rosa at work", &error);
  facebook = tend_store_ensure_source (fixture->store, TEND_SOURCE_KIND_FACEBOOK, "me", "Facebook", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %u", i);
      TendConnectionRecord record = { .stable_key = name, .name = name,
                                      .follow_state = TEND_FOLLOW_STATE_FRIENDS };
      gint64 id = tend_store_upsert_connection (fixture->store, i < 3 ? linkedin : facebook, &record, &error);
      gint64 action;

      tend_store_set_decision (fixture->store, id, TEND_DECISION_PRUNE, NULL, &error);
      action = tend_store_queue_action (fixture->store, id, TEND_ACTION_CHECKLIST, NULL, &error);
      g_assert_no_error (error);
      if (i == 0 || i == 4)
        g_assert_true (tend_store_set_checklist_done (fixture->store, action, TRUE, &error));
    }

  /* LinkedIn: 2 of 3 left; Facebook: 1 of 2 left. */
  path = export_summary (fixture, "checklist.pdf");
  pages = pdf_pages (path);
  g_assert_true (pages_contain (pages, "Still to Remove by Hand"));
  g_assert_true (pages_contain (pages, "Not Yet Done"));
  g_assert_true (line_matches (pages, "LinkedIn · Rosa at work", "2"));
  g_assert_true (line_matches (pages, "Facebook", "1"));

  /* Once every item is ticked, the section goes. */
  {
    g_autoptr(GPtrArray) actions = tend_store_list_actions (fixture->store, &error);

    for (guint j = 0; j < actions->len; j++)
      tend_store_set_checklist_done (fixture->store,
                                     ((TendActionItem *) g_ptr_array_index (actions, j))->id, TRUE, &error);
    g_assert_no_error (error);
  }
  g_clear_pointer (&pages, g_strfreev);
  g_free (path);
  path = export_summary (fixture, "checklist-done.pdf");
  pages = pdf_pages (path);
  g_assert_false (pages_contain (pages, "Still to Remove by Hand"));
}

int
main (int   argc,
      char *argv[])
{
  tend_test_init_display (&argc, &argv);

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("/print/sample", test_print_sample);
  ADD_TEST ("/print/card", test_print_card);
  ADD_TEST ("/print/remembered", test_print_remembered);
  ADD_TEST ("/print/empty", test_print_empty);
  ADD_TEST ("/print/large", test_print_large);
  ADD_TEST ("/print/business-name", test_print_business_name);
  ADD_TEST ("/print/cli", test_print_cli);
  ADD_TEST ("/print/checklist", test_print_checklist);

  return g_test_run ();
}
