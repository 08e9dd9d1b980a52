/* tend-csv-export.h: every connection as one CSV row, safe for spreadsheets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TEND_CSV_EXPORT_HEADER \
  "source,name,handle,profile_url,follow_state,connected_since,last_in,last_out," \
  "in_w,out_w,balance,quadrant,score,tags,decision,note"

void     tend_csv_append_text_cell (GString       *line,
                                    const char    *text);
gboolean tend_csv_export_write     (GListModel    *connections,
                                    GOutputStream *output,
                                    GCancellable  *cancellable,
                                    GError       **error);

G_END_DECLS
