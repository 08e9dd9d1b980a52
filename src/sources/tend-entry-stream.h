/* tend-entry-stream.h: one file or archive entry, read under limits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <archive.h>
#include <gio/gio.h>

G_BEGIN_DECLS

#define TEND_TYPE_ENTRY_STREAM (tend_entry_stream_get_type ())

G_DECLARE_FINAL_TYPE (TendEntryStream, tend_entry_stream, TEND, ENTRY_STREAM, GInputStream)

/* Called after every read with the bytes read so far. */
typedef void (*TendEntryStreamReadFunc) (TendEntryStream *stream,
                                         guint64          bytes_read,
                                         gpointer         user_data);

GInputStream *tend_entry_stream_new_for_stream  (GInputStream    *base,
                                                 guint64          max_bytes);
GInputStream *tend_entry_stream_new_for_archive (struct archive  *archive,
                                                 guint64          max_bytes,
                                                 guint            max_ratio);
guint64       tend_entry_stream_get_bytes_read  (TendEntryStream *self);
void          tend_entry_stream_set_read_func   (TendEntryStream *self,
                                                 TendEntryStreamReadFunc func,
                                                 gpointer         user_data);

G_END_DECLS
