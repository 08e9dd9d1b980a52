/* tend-import-json.h: reading the JSON exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* How deep JSON exports may nest; none comes near. */
#define TEND_IMPORT_JSON_MAX_DEPTH 64

JsonNode   *tend_import_json_load       (GInputStream  *stream,
                                         gboolean       js_assignment,
                                         char         **out_assigned,
                                         GCancellable  *cancellable,
                                         GError       **error);
gboolean    tend_import_json_head_has   (const guint8  *head,
                                         gsize          head_len,
                                         const char    *needle);
char       *tend_import_json_first_key  (const guint8  *head,
                                         gsize          head_len,
                                         char          *out_open);
const char *tend_import_json_get_string (JsonObject    *object,
                                         const char    *member);
gboolean    tend_import_json_get_int    (JsonObject    *object,
                                         const char    *member,
                                         gint64        *out_value);

G_END_DECLS
