/* tend-csv-export.c: every connection as one CSV row, safe for spreadsheets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RFC 4180: CRLF line ends, cells with commas, quotes or line breaks are
 * quoted, quotes doubled. Names and notes come from other people's
 * profiles, so a text cell that a spreadsheet would run as a formula is
 * prefixed with an apostrophe.
 */
#define G_LOG_DOMAIN "tend-csv-export"

#include "config.h"

#include "tend-connection.h"
#include "tend-csv-export.h"

static gboolean
looks_like_formula (const char *text)
{
  return text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
         text[0] == '\t' || text[0] == '\r';
}

static void
append_cell (GString    *line,
             const char *cell)
{
  if (strpbrk (cell, ",\"\r\n") == NULL)
    {
      g_string_append (line, cell);
      return;
    }

  g_string_append_c (line, '"');
  for (const char *p = cell; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

/**
 * tend_csv_append_text_cell:
 * @text: (nullable): untrusted text; %NULL gives an empty cell
 *
 * Appends one cell of free text, neutralised and quoted as needed.
 */
void
tend_csv_append_text_cell (GString    *line,
                           const char *text)
{
  g_autofree char *neutralised = NULL;

  g_return_if_fail (line != NULL);

  if (text == NULL)
    return;

  if (looks_like_formula (text))
    text = neutralised = g_strconcat ("'", text, NULL);

  append_cell (line, text);
}

static void
append_date (GString *line,
             gint64   unix_time)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *formatted = NULL;

  if (unix_time <= 0)
    return;

  date = g_date_time_new_from_unix_utc (unix_time);
  if (date == NULL)
    return;

  formatted = g_date_time_format_iso8601 (date);
  g_string_append (line, formatted);
}

static void
append_number (GString    *line,
               const char *format,
               double      value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (line, g_ascii_formatd (buffer, sizeof buffer, format, value));
}

static void
append_row (GString        *line,
            TendConnection *connection)
{
  g_autofree char *tags = g_strjoinv ("; ", (char **) tend_connection_get_tags (connection));

  g_string_append (line, tend_source_kind_to_key (tend_connection_get_source_kind (connection)));
  g_string_append_c (line, ',');
  tend_csv_append_text_cell (line, tend_connection_get_name (connection));
  g_string_append_c (line, ',');
  tend_csv_append_text_cell (line, tend_connection_get_handle (connection));
  g_string_append_c (line, ',');
  tend_csv_append_text_cell (line, tend_connection_get_profile_url (connection));
  g_string_append_c (line, ',');
  g_string_append (line, tend_follow_state_to_key (tend_connection_get_follow_state (connection)));
  g_string_append_c (line, ',');
  append_date (line, tend_connection_get_connected_since (connection));
  g_string_append_c (line, ',');
  append_date (line, tend_connection_get_last_in (connection));
  g_string_append_c (line, ',');
  append_date (line, tend_connection_get_last_out (connection));
  g_string_append_c (line, ',');
  append_number (line, "%.2f", tend_connection_get_in_weight (connection));
  g_string_append_c (line, ',');
  append_number (line, "%.2f", tend_connection_get_out_weight (connection));
  g_string_append_c (line, ',');
  if (tend_connection_has_balance (connection))
    append_number (line, "%.3f", tend_connection_get_balance (connection));
  g_string_append_c (line, ',');
  g_string_append (line, tend_quadrant_to_key (tend_connection_get_quadrant (connection)));
  g_string_append_c (line, ',');
  g_string_append_printf (line, "%u", tend_connection_get_score (connection));
  g_string_append_c (line, ',');
  tend_csv_append_text_cell (line, tags[0] != '\0' ? tags : NULL);
  g_string_append_c (line, ',');
  g_string_append (line, tend_decision_to_key (tend_connection_get_decision (connection)));
  g_string_append_c (line, ',');
  tend_csv_append_text_cell (line, tend_connection_get_note (connection));
  g_string_append (line, "\r\n");
}

/**
 * tend_csv_export_write:
 * @connections: a list of #TendConnection with their measures set
 *
 * Writes the fixed header of DESIGN.md, then one row per connection.
 */
gboolean
tend_csv_export_write (GListModel     *connections,
                       GOutputStream  *output,
                       GCancellable   *cancellable,
                       GError        **error)
{
  g_autoptr(GString) chunk = g_string_new (TEND_CSV_EXPORT_HEADER "\r\n");
  guint n_items;

  g_return_val_if_fail (G_IS_LIST_MODEL (connections), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), FALSE);

  n_items = g_list_model_get_n_items (connections);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(TendConnection) connection = g_list_model_get_item (connections, i);

      append_row (chunk, connection);

      /* Write in chunks: one syscall per row is slow at 100,000 rows. */
      if (chunk->len >= 64 * 1024 || i + 1 == n_items)
        {
          if (!g_output_stream_write_all (output, chunk->str, chunk->len, NULL, cancellable, error))
            return FALSE;
          g_string_truncate (chunk, 0);
        }
    }

  if (chunk->len > 0 &&
      !g_output_stream_write_all (output, chunk->str, chunk->len, NULL, cancellable, error))
    return FALSE;

  return TRUE;
}
