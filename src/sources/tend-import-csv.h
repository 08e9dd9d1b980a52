/* tend-import-csv.h: header rows and row loops shared by the CSV importers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tend-csv-reader.h"
#include "tend-import-sink.h"

G_BEGIN_DECLS

/* Whether @record is the header row of one export. */
typedef gboolean (*TendImportCsvHeaderFunc) (const char * const *record);

typedef struct {
  const char *name;
  const char *other_name;   /* nullable: the name in other versions */
  int        *index;        /* out: the column's index, or -1 */
} TendImportCsvColumn;

gboolean tend_import_csv_head_has_header   (const guint8             *head,
                                            gsize                     head_len,
                                            char                      delimiter,
                                            guint                     max_records,
                                            const char               *first_column,
                                            TendImportCsvHeaderFunc   is_header);
void     tend_import_csv_find_columns      (const char * const       *header,
                                            const TendImportCsvColumn *columns,
                                            gsize                     n_columns);
gboolean tend_import_csv_read_header       (TendCsvReader            *reader,
                                            guint                     max_records,
                                            TendImportCsvHeaderFunc   is_header,
                                            GStrv                    *out_header,
                                            GCancellable             *cancellable,
                                            GError                  **error);
gboolean tend_import_csv_next_record       (TendCsvReader            *reader,
                                            char                   ***out_record,
                                            guint                    *out_line,
                                            GCancellable             *cancellable,
                                            GError                  **error);
void     tend_import_csv_skip_column_count (TendImportSink           *sink,
                                            guint                     line,
                                            guint                     n_fields,
                                            guint                     n_columns);

G_END_DECLS
