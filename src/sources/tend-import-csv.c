/* tend-import-csv.c: header rows and row loops shared by the CSV importers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every CSV export starts with a header row, perhaps after a preamble,
 * and is read a record at a time; a row with the wrong number of cells
 * is skipped with the same reason whichever export it came from.
 */
#define G_LOG_DOMAIN "tend-import-csv"

#include "config.h"

#include <glib/gi18n.h>

#include "tend-import-csv.h"
#include "tend-import-util.h"

/**
 * tend_import_csv_head_has_header:
 * @delimiter: the delimiter, or 0 to sniff it from the head
 * @max_records: how many records of the head to look through
 * @first_column: (nullable): passed on to tend_csv_parse_head()
 *
 * Returns: whether the head of an entry holds a header row that
 *   @is_header accepts
 */
gboolean
tend_import_csv_head_has_header (const guint8            *head,
                                 gsize                    head_len,
                                 char                     delimiter,
                                 guint                    max_records,
                                 const char              *first_column,
                                 TendImportCsvHeaderFunc  is_header)
{
  g_auto(GStrv) header = tend_csv_parse_head (head, head_len, delimiter, max_records, first_column, NULL);

  return header != NULL && is_header ((const char * const *) header);
}

/**
 * tend_import_csv_find_columns:
 * @columns: (array length=n_columns): the columns to look for
 *
 * Sets every column's index in @header (tend_import_find_any_column()),
 * -1 for those it does not have.
 */
void
tend_import_csv_find_columns (const char * const        *header,
                              const TendImportCsvColumn *columns,
                              gsize                      n_columns)
{
  for (gsize i = 0; i < n_columns; i++)
    *columns[i].index = tend_import_find_any_column (header, columns[i].name, columns[i].other_name);
}

/**
 * tend_import_csv_read_header:
 * @max_records: how many records a preamble may take, the header included
 * @out_header: (out) (transfer full): the header row, or %NULL when none
 *   of the first @max_records records is one
 *
 * Reads records until one is a header row.
 *
 * Returns: %FALSE with @error set when reading failed
 */
gboolean
tend_import_csv_read_header (TendCsvReader            *reader,
                             guint                     max_records,
                             TendImportCsvHeaderFunc   is_header,
                             GStrv                    *out_header,
                             GCancellable             *cancellable,
                             GError                  **error)
{
  g_return_val_if_fail (TEND_IS_CSV_READER (reader), FALSE);
  g_return_val_if_fail (out_header != NULL, FALSE);

  *out_header = NULL;

  for (guint i = 0; i < max_records; i++)
    {
      char **record = NULL;

      if (!tend_import_csv_next_record (reader, &record, NULL, cancellable, error))
        return FALSE;
      if (record == NULL)
        break;

      if (is_header ((const char * const *) record))
        {
          *out_header = g_strdupv (record);
          break;
        }
    }

  return TRUE;
}

/**
 * tend_import_csv_next_record:
 * @out_record: (out) (transfer none): the next record, or %NULL at the
 *   end; see tend_csv_reader_next_record()
 * @out_line: (out) (optional): the line where the record starts
 *
 * Returns: %FALSE with @error set when reading failed
 */
gboolean
tend_import_csv_next_record (TendCsvReader  *reader,
                             char         ***out_record,
                             guint          *out_line,
                             GCancellable   *cancellable,
                             GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (TEND_IS_CSV_READER (reader), FALSE);
  g_return_val_if_fail (out_record != NULL, FALSE);

  *out_record = tend_csv_reader_next_record (reader, cancellable, &local_error);
  if (local_error != NULL)
    {
      *out_record = NULL;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (out_line != NULL)
    *out_line = tend_csv_reader_get_record_line (reader);

  return TRUE;
}

/**
 * tend_import_csv_skip_column_count:
 *
 * Skips the row at @line, which has @n_fields cells where the header
 * has @n_columns.
 */
void
tend_import_csv_skip_column_count (TendImportSink *sink,
                                   guint           line,
                                   guint           n_fields,
                                   guint           n_columns)
{
  tend_import_sink_skip_row (sink, line,
                             g_dngettext (GETTEXT_PACKAGE,
                                          "%u column where %u were expected",
                                          "%u columns where %u were expected",
                                          n_fields),
                             n_fields, n_columns);
}
