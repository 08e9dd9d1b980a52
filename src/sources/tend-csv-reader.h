/* tend-csv-reader.h: RFC 4180 records from a stream, with hard limits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* No export has a cell anywhere near this; a hostile file may. */
#define TEND_CSV_READER_MAX_FIELD   (1024 * 1024)
#define TEND_CSV_READER_MAX_RECORD  (4 * 1024 * 1024)
#define TEND_CSV_READER_MAX_FIELDS  1024

#define TEND_TYPE_CSV_READER (tend_csv_reader_get_type ())

G_DECLARE_FINAL_TYPE (TendCsvReader, tend_csv_reader, TEND, CSV_READER, GObject)

TendCsvReader *tend_csv_reader_new              (GInputStream   *stream);
void           tend_csv_reader_set_delimiter    (TendCsvReader  *self,
                                                 char            delimiter);
void           tend_csv_reader_set_limits       (TendCsvReader  *self,
                                                 gsize           max_field,
                                                 gsize           max_record,
                                                 guint           max_fields);
char         **tend_csv_reader_next_record      (TendCsvReader  *self,
                                                 GCancellable   *cancellable,
                                                 GError        **error);
GStrv          tend_csv_reader_read_record      (TendCsvReader  *self,
                                                 GCancellable   *cancellable,
                                                 GError        **error);
guint          tend_csv_reader_get_record_line  (TendCsvReader  *self);

char           tend_csv_sniff_delimiter         (const char     *line,
                                                 gsize           len);
GStrv          tend_csv_parse_head              (const guint8   *head,
                                                 gsize           head_len,
                                                 char            delimiter,
                                                 guint           max_records,
                                                 const char     *first_column,
                                                 guint          *out_n_records);

G_END_DECLS
