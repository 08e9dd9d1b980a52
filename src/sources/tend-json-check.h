/* tend-json-check.h: read JSON members with their types checked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define TEND_JSON_CHECK_ERROR (tend_json_check_error_quark ())

typedef enum {
  TEND_JSON_CHECK_ERROR_INVALID,
} TendJsonCheckError;

GQuark      tend_json_check_error_quark (void);

gboolean    tend_json_check_object      (JsonNode     *node,
                                         const char   *what,
                                         JsonObject  **out_object,
                                         GError      **error);
gboolean    tend_json_check_array       (JsonNode     *node,
                                         const char   *what,
                                         JsonArray   **out_array,
                                         GError      **error);

gboolean    tend_json_get_string        (JsonObject   *object,
                                         const char   *member,
                                         gboolean      required,
                                         const char  **out_value,
                                         GError      **error);
gboolean    tend_json_get_id            (JsonObject   *object,
                                         const char   *member,
                                         const char  **out_value,
                                         GError      **error);
gboolean    tend_json_get_int           (JsonObject   *object,
                                         const char   *member,
                                         gint64       *out_value,
                                         GError      **error);
gboolean    tend_json_get_bool          (JsonObject   *object,
                                         const char   *member,
                                         gboolean     *out_value,
                                         GError      **error);
gboolean    tend_json_get_object        (JsonObject   *object,
                                         const char   *member,
                                         gboolean      required,
                                         JsonObject  **out_value,
                                         GError      **error);
gboolean    tend_json_get_array         (JsonObject   *object,
                                         const char   *member,
                                         JsonArray   **out_value,
                                         GError      **error);
gboolean    tend_json_get_time          (JsonObject   *object,
                                         const char   *member,
                                         gint64       *out_unix,
                                         GError      **error);

G_END_DECLS
