/* test-csv-export.c: RFC 4180 cells, neutralised formulas, the fixed header
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "tend-csv-export.h"
#include "tend-reciprocity.h"
#include "tend-store.h"

static char *
text_cell (const char *text)
{
  GString *line = g_string_new (NULL);

  tend_csv_append_text_cell (line, text);
  return g_string_free (line, FALSE);
}

static void
test_text_cells (void)
{
  const struct {
    const char *text;
    const char *cell;
  } cases[] = {
    { NULL, "" },
    { "", "" },
    { "Émile Durand", "Émile Durand" },
    { "Durand, Émile", "\"Durand, Émile\"" },
    { "The \"Bakery\"", "\"The \"\"Bakery\"\"\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "cr\r\nlf", "\"cr\r\nlf\"" },
    { "=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"" },
    { "+1 555 0100", "'+1 555 0100" },
    { "-2+3", "'-2+3" },
    { "@SUM(A1:A2)", "'@SUM(A1:A2)" },
    { "\tindented", "'\tindented" },
    { "\rreturn", "\"'\rreturn\"" },
    { "a=b", "a=b" },
    { "mail@example.org", "mail@example.org" },
    { "ساره", "ساره" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *cell = text_cell (cases[i].text);

      g_assert_cmpstr (cell, ==, cases[i].cell);
    }
}

/* A small RFC 4180 reader, so the test checks what a spreadsheet sees. */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *cell = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (quoted)
        {
          if (*p == '"' && p[1] == '"')
            {
              g_string_append_c (cell, '"');
              p++;
            }
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (cell, *p);
        }
      else if (*p == '"')
        quoted = TRUE;
      else if (*p == ',')
        {
          g_ptr_array_add (row, g_strdup (cell->str));
          g_string_truncate (cell, 0);
        }
      else if (*p == '\r' && p[1] == '\n')
        {
          g_ptr_array_add (row, g_strdup (cell->str));
          g_string_truncate (cell, 0);
          g_ptr_array_add (rows, row);
          row = g_ptr_array_new_with_free_func (g_free);
          p++;
        }
      else
        g_string_append_c (cell, *p);
    }

  g_assert_cmpuint (row->len, ==, 0);
  g_assert_cmpuint (cell->len, ==, 0);
  g_ptr_array_unref (row);
  g_string_free (cell, TRUE);
  return rows;
}

static void
test_export (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tend-csv-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "tend.db", NULL);
  g_autoptr(TendStore) store = tend_store_open (path, &error);
  g_autoptr(GListModel) connections = NULL;
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) header = NULL;
  TendReciprocityParams params;
  const gint64 now = 1767225600; /* 2026-01-01 */
  TendConnectionRecord hostile = {
    .stable_key = "hostile",
    .name = "=cmd|' /C calc'!A0",
    .handle = "@evil, \"quoted\"",
    .profile_url = "https://example.org/evil",
    .follow_state = TEND_FOLLOW_STATE_I_FOLLOW,
    .connected_since = 1700000000,
  };
  TendConnectionRecord quiet = {
    .stable_key = "quiet",
    .name = "Zoë Quiet",
    .follow_state = TEND_FOLLOW_STATE_CONTACT,
  };
  gint64 source_id;
  gint64 hostile_id;
  GPtrArray *row;

  g_assert_no_error (error);
  source_id = tend_store_ensure_source (store, TEND_SOURCE_KIND_X, "archive", "X", &error);
  hostile_id = tend_store_upsert_connection (store, source_id, &hostile, &error);
  tend_store_upsert_connection (store, source_id, &quiet, &error);
  g_assert_no_error (error);
  tend_store_add_interaction (store, hostile_id, TEND_DIRECTION_IN, TEND_INTERACTION_MESSAGE, now, NULL, &error);
  tend_store_add_interaction (store, hostile_id, TEND_DIRECTION_OUT, TEND_INTERACTION_LIKE, now - 86400, NULL, &error);
  tend_store_add_tag (store, hostile_id, "-Suspicious", &error);
  tend_store_set_decision (store, hostile_id, TEND_DECISION_PRUNE, "+note, with comma\nand a line", &error);
  g_assert_no_error (error);

  connections = tend_store_list_connections (store, &error);
  tend_reciprocity_params_init_default (&params);
  tend_reciprocity_apply (store, connections, &params, now, &error);
  g_assert_no_error (error);

  g_assert_true (tend_csv_export_write (connections, output, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_write_all (output, "", 1, NULL, NULL, NULL);
  g_output_stream_close (output, NULL, NULL);
  text = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (output));

  g_assert_true (g_str_has_prefix (text, TEND_CSV_EXPORT_HEADER "\r\n"));
  g_assert_true (g_utf8_validate (text, -1, NULL));

  rows = parse_csv (text);
  g_assert_cmpuint (rows->len, ==, 3);
  header = g_strsplit (TEND_CSV_EXPORT_HEADER, ",", -1);
  g_assert_cmpuint (g_strv_length (header), ==, 16);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpuint (((GPtrArray *) g_ptr_array_index (rows, i))->len, ==, 16);

  row = g_ptr_array_index (rows, 1);
  g_assert_cmpstr (g_ptr_array_index (row, 0), ==, "x");
  g_assert_cmpstr (g_ptr_array_index (row, 1), ==, "'=cmd|' /C calc'!A0");
  g_assert_cmpstr (g_ptr_array_index (row, 2), ==, "'@evil, \"quoted\"");
  g_assert_cmpstr (g_ptr_array_index (row, 3), ==, "https://example.org/evil");
  g_assert_cmpstr (g_ptr_array_index (row, 4), ==, "i_follow");
  g_assert_cmpstr (g_ptr_array_index (row, 5), ==, "2023-11-14T22:13:20Z");
  g_assert_cmpstr (g_ptr_array_index (row, 6), ==, "2026-01-01T00:00:00Z");
  g_assert_cmpstr (g_ptr_array_index (row, 7), ==, "2025-12-31T00:00:00Z");
  g_assert_cmpstr (g_ptr_array_index (row, 8), ==, "3.00");
  g_assert_cmpstr (g_ptr_array_index (row, 9), ==, "0.99");
  g_assert_cmpstr (g_ptr_array_index (row, 10), ==, "0.503");
  g_assert_cmpstr (g_ptr_array_index (row, 11), ==, "they_invest");
  g_assert_true (g_ascii_isdigit (((char *) g_ptr_array_index (row, 12))[0]));
  g_assert_cmpstr (g_ptr_array_index (row, 13), ==, "'-Suspicious");
  g_assert_cmpstr (g_ptr_array_index (row, 14), ==, "prune");
  g_assert_cmpstr (g_ptr_array_index (row, 15), ==, "'+note, with comma\nand a line");

  /* No interactions: no balance, no dates, plain zeros. */
  row = g_ptr_array_index (rows, 2);
  g_assert_cmpstr (g_ptr_array_index (row, 1), ==, "Zoë Quiet");
  g_assert_cmpstr (g_ptr_array_index (row, 5), ==, "");
  g_assert_cmpstr (g_ptr_array_index (row, 6), ==, "");
  g_assert_cmpstr (g_ptr_array_index (row, 8), ==, "0.00");
  g_assert_cmpstr (g_ptr_array_index (row, 10), ==, "");
  g_assert_cmpstr (g_ptr_array_index (row, 11), ==, "dormant");
  g_assert_cmpstr (g_ptr_array_index (row, 13), ==, "");
  g_assert_cmpstr (g_ptr_array_index (row, 14), ==, "undecided");

  g_clear_object (&store);
  g_remove (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/csv-export/text-cells", test_text_cells);
  g_test_add_func ("/csv-export/export", test_export);

  return g_test_run ();
}
