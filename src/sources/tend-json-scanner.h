/* tend-json-scanner.h: JSON tokens pulled from a stream, with hard limits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* No export has a text anywhere near this; a hostile file may. */
#define TEND_JSON_SCANNER_MAX_STRING (1024 * 1024)

typedef enum {
  TEND_JSON_TOKEN_END,            /* the end of the text */
  TEND_JSON_TOKEN_BEGIN_OBJECT,
  TEND_JSON_TOKEN_END_OBJECT,
  TEND_JSON_TOKEN_BEGIN_ARRAY,
  TEND_JSON_TOKEN_END_ARRAY,
  TEND_JSON_TOKEN_MEMBER,         /* a member's name; its value follows */
  TEND_JSON_TOKEN_STRING,
  TEND_JSON_TOKEN_NUMBER,
  TEND_JSON_TOKEN_TRUE,
  TEND_JSON_TOKEN_FALSE,
  TEND_JSON_TOKEN_NULL,
  TEND_JSON_TOKEN_ERROR,
} TendJsonToken;

#define TEND_TYPE_JSON_SCANNER (tend_json_scanner_get_type ())

G_DECLARE_FINAL_TYPE (TendJsonScanner, tend_json_scanner, TEND, JSON_SCANNER, GObject)

TendJsonScanner *tend_json_scanner_new             (GInputStream     *stream);
void             tend_json_scanner_set_max_string  (TendJsonScanner  *self,
                                                    gsize             max_string);
TendJsonToken    tend_json_scanner_next            (TendJsonScanner  *self,
                                                    GCancellable     *cancellable,
                                                    GError          **error);
gboolean         tend_json_scanner_skip_value      (TendJsonScanner  *self,
                                                    GCancellable     *cancellable,
                                                    GError          **error);
const char      *tend_json_scanner_get_string      (TendJsonScanner  *self,
                                                    gsize            *out_length);
gboolean         tend_json_scanner_get_int         (TendJsonScanner  *self,
                                                    gint64           *out_value);
double           tend_json_scanner_get_double      (TendJsonScanner  *self);

G_END_DECLS
