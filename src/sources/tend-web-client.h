/* tend-web-client.h: JSON over HTTPS for one account on one server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "tend-clock.h"

G_BEGIN_DECLS

#define TEND_WEB_ERROR (tend_web_error_quark ())

typedef enum {
  TEND_WEB_ERROR_INVALID_SERVER,
  TEND_WEB_ERROR_INSECURE,
  TEND_WEB_ERROR_NETWORK,
  TEND_WEB_ERROR_UNAUTHORIZED,
  TEND_WEB_ERROR_NOT_FOUND,
  TEND_WEB_ERROR_REFUSED,
  TEND_WEB_ERROR_RATE_LIMITED,
  TEND_WEB_ERROR_SERVER,
  TEND_WEB_ERROR_TOO_LARGE,
  TEND_WEB_ERROR_BAD_REPLY,
  TEND_WEB_ERROR_LOOP,
} TendWebError;

/* Replies larger than this are refused, whatever they claim to be. */
#define TEND_WEB_CLIENT_MAX_REPLY_BYTES (4 * 1024 * 1024)
/* Deeper JSON is refused before parsing; no API nests half as deep. */
#define TEND_WEB_CLIENT_MAX_JSON_DEPTH 64
/* 5xx replies and timeouts are tried again this many times. */
#define TEND_WEB_CLIENT_MAX_RETRIES 4
/* 429 replies are waited out this many times in a row. */
#define TEND_WEB_CLIENT_MAX_RATE_LIMITED 5

typedef enum {
  TEND_RATE_RESET_ISO8601,        /* Mastodon: an absolute time */
  TEND_RATE_RESET_UNIX_SECONDS,   /* Bluesky: an absolute time in Unix seconds */
} TendRateResetFormat;

/* Where a server reports its rate limit. */
typedef struct {
  const char          *limit;
  const char          *remaining;
  const char          *reset;
  TendRateResetFormat  reset_format;
} TendRateLimitHeaders;

typedef struct {
  guint               status;
  JsonNode           *root;          /* NULL for an empty body */
  char               *next_url;      /* the Link header's rel="next", same server only */
} TendWebReply;

GQuark         tend_web_error_quark                (void);

char          *tend_web_normalize_server           (const char                  *input,
                                                    GError                     **error);
gboolean       tend_web_is_loopback_url            (const char                  *url);
char          *tend_web_parse_link_next            (const char                  *link_header);

#define TEND_TYPE_WEB_CLIENT (tend_web_client_get_type ())

G_DECLARE_FINAL_TYPE (TendWebClient, tend_web_client, TEND, WEB_CLIENT, GObject)

TendWebClient *tend_web_client_new                 (const char                  *server,
                                                    GError                     **error);
const char    *tend_web_client_get_base_url        (TendWebClient               *self);
const char    *tend_web_client_get_server_name     (TendWebClient               *self);
void           tend_web_client_set_rate_limit_headers (TendWebClient            *self,
                                                    const TendRateLimitHeaders  *headers);
void           tend_web_client_set_clock           (TendWebClient               *self,
                                                    TendClock                   *clock);
TendClock     *tend_web_client_get_clock           (TendWebClient               *self);
void           tend_web_client_set_max_reply_bytes (TendWebClient               *self,
                                                    gsize                        max_bytes);
void           tend_web_client_set_timeout         (TendWebClient               *self,
                                                    guint                        seconds);
void           tend_web_client_set_bearer_token    (TendWebClient               *self,
                                                    const char                  *token);
void           tend_web_client_map_error           (TendWebClient               *self,
                                                    const char                  *name,
                                                    TendWebError                 code);
gint64         tend_web_client_get_waiting_until   (TendWebClient               *self);
guint          tend_web_client_get_n_requests      (TendWebClient               *self);

gboolean       tend_web_client_fail_bad_reply      (TendWebClient               *self,
                                                    GError                     **error);

void           tend_web_client_request_async       (TendWebClient               *self,
                                                    const char                  *method,
                                                    const char                  *path,
                                                    GHashTable                  *form,
                                                    GCancellable                *cancellable,
                                                    GAsyncReadyCallback          callback,
                                                    gpointer                     user_data);
void           tend_web_client_request_json_async  (TendWebClient               *self,
                                                    const char                  *method,
                                                    const char                  *path,
                                                    JsonNode                    *body,
                                                    GCancellable                *cancellable,
                                                    GAsyncReadyCallback          callback,
                                                    gpointer                     user_data);
TendWebReply  *tend_web_client_request_finish      (TendWebClient               *self,
                                                    GAsyncResult                *result,
                                                    GError                     **error);

void           tend_web_reply_free                 (TendWebReply                *reply);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendWebReply, tend_web_reply_free)

G_END_DECLS
