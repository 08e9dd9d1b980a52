/* tend-import-util.h: dates, URLs, names and keys shared by importers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean  tend_import_parse_date      (const char   *text,
                                       gint64       *out_unix);
char     *tend_import_normalize_url   (const char   *url);
char     *tend_import_url_key         (const char   *url);
char     *tend_import_name_key        (const char   *name,
                                       gint64        since);
char     *tend_import_email_key       (const char   *email);
char     *tend_import_dedup_key       (GHashTable   *seen,
                                       const char   *key);
int       tend_import_find_column     (const char * const *header,
                                       const char   *name);
int       tend_import_find_any_column (const char * const *header,
                                       const char   *name,
                                       const char   *other_name);
gboolean  tend_import_name_matches    (const char   *name,
                                       const char   *pattern);
char     *tend_import_join_name       (const char   *first,
                                       const char   *middle,
                                       const char   *last);
char     *tend_import_clean_text      (const char   *text);
char     *tend_import_casefold        (const char   *text);

GInputStream *tend_import_buffer_stream (GInputStream   *stream,
                                        const guint8  **head,
                                        gsize          *head_len,
                                        GCancellable   *cancellable,
                                        GError        **error);
gboolean      tend_import_fill_head     (GBufferedInputStream  *buffered,
                                         const guint8         **head,
                                         gsize                 *head_len,
                                         GCancellable          *cancellable,
                                         GError               **error);
gsize         tend_import_skip_bom_and_space (const guint8     *head,
                                              gsize             head_len);

G_END_DECLS
