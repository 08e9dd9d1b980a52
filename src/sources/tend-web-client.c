/* tend-web-client.c: JSON over HTTPS for one account on one server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What every network client needs and Mastodon and Bluesky share: one
 * SoupSession, certificate checks always on (plain HTTP only to this
 * machine, for tests), replies read up to a size cap whatever their
 * Content-Length says, the status checked before the body is parsed, and
 * JSON nested absurdly deep refused before json-glib recurses into it.
 *
 * Requests go one at a time. The rate limit the server reports in its
 * reply headers is tracked: when few requests are left the next ones are
 * spread over the rest of the window, when none are left the client
 * waits for the reset, and a 429 is waited out the same way. While it
 * waits, :waiting-until says until when, for the progress to show. 5xx
 * replies and timeouts are tried again after 1, 2, 4 and 8 seconds.
 * Every wait goes through a TendClock, which tests run faster.
 */
#define G_LOG_DOMAIN "tend-web-client"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tend-web-client.h"

#define READ_CHUNK (64 * 1024)
#define TIMEOUT_SECONDS 30
/* Waited beyond a reset, for clocks that disagree a little. */
#define RESET_MARGIN_USEC (G_USEC_PER_SEC)
/* Without any hint, a 429 is waited out this long. */
#define DEFAULT_RATE_WAIT_USEC (60 * G_USEC_PER_SEC)
/* Shorter pauses are not worth telling the person about. */
#define SHOW_WAIT_USEC (5 * G_USEC_PER_SEC)
/* The longest server error text quoted in a message. */
#define MAX_QUOTED_CHARS 200

struct _TendWebClient
{
  GObject parent_instance;

  /* owned */
  SoupSession *session;
  GUri        *base;
  char        *base_url;
  char        *server_name;
  char        *bearer;
  TendClock   *clock;
  char        *limit_header;
  char        *remaining_header;
  char        *reset_header;
  GHashTable  *error_names;    /* a 400's "error" → TendWebError + 1 */

  TendRateResetFormat reset_format;
  gsize    max_reply_bytes;
  guint    n_requests;
  gint64   waiting_until;     /* wall clock, Unix seconds; 0 when not waiting */

  /* The server's latest word on its limit; reset_at by self->clock. */
  gboolean rate_known;
  gint64   rate_limit;
  gint64   rate_remaining;
  gint64   rate_reset_at;
};

G_DEFINE_FINAL_TYPE (TendWebClient, tend_web_client, G_TYPE_OBJECT)

G_DEFINE_QUARK (tend-web-error-quark, tend_web_error)

enum {
  PROP_0,
  PROP_WAITING_UNTIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct {
  char          *method;
  char          *url;
  char          *encoded_form;
  GBytes        *json_body;
  guint          n_retries;
  guint          n_rate_limited;
  SoupMessage   *message;
  GInputStream  *stream;
  GByteArray    *body;
} Request;

static void
request_free (Request *request)
{
  g_free (request->method);
  g_free (request->url);
  g_free (request->encoded_form);
  g_clear_pointer (&request->json_body, g_bytes_unref);
  g_clear_object (&request->message);
  g_clear_object (&request->stream);
  g_clear_pointer (&request->body, g_byte_array_unref);
  g_free (request);
}

void
tend_web_reply_free (TendWebReply *reply)
{
  if (reply == NULL)
    return;

  g_clear_pointer (&reply->root, json_node_unref);
  g_free (reply->next_url);
  g_free (reply);
}

static gboolean
is_loopback_host (const char *host)
{
  return host != NULL &&
         (g_str_equal (host, "127.0.0.1") || g_str_equal (host, "localhost") ||
          g_str_equal (host, "::1") || g_str_equal (host, "[::1]"));
}

gboolean
tend_web_is_loopback_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  return uri != NULL && is_loopback_host (g_uri_get_host (uri));
}

/**
 * tend_web_normalize_server:
 * @input: what a person typed: "mastodon.social", "https://mastodon.social/"
 *
 * Only https:// is accepted, except http:// to this machine (tests and
 * development servers).
 *
 * Returns: (transfer full): "https://host[:port]", or %NULL with @error
 */
char *
tend_web_normalize_server (const char  *input,
                           GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *with_scheme = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;
  const char *path;

  g_return_val_if_fail (input != NULL, NULL);

  trimmed = g_strstrip (g_strdup (input));
  if (trimmed[0] == '\0')
    {
      g_set_error (error, TEND_WEB_ERROR, TEND_WEB_ERROR_INVALID_SERVER,
                   _("Type the name of your server, for example “mastodon.social”."));
      return NULL;
    }

  if (strstr (trimmed, "://") == NULL)
    with_scheme = g_strconcat ("https://", trimmed, NULL);
  else
    with_scheme = g_strdup (trimmed);

  uri = g_uri_parse (with_scheme, G_URI_FLAGS_NONE, NULL);
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  path = uri != NULL ? g_uri_get_path (uri) : NULL;

  if (uri == NULL || host == NULL || host[0] == '\0' || strchr (host, ' ') != NULL ||
      g_uri_get_userinfo (uri) != NULL || g_uri_get_query (uri) != NULL ||
      g_uri_get_fragment (uri) != NULL || (path[0] != '\0' && !g_str_equal (path, "/")))
    {
      g_set_error (error, TEND_WEB_ERROR, TEND_WEB_ERROR_INVALID_SERVER,
                   _("“%s” is not a server name. Type only the server, for example "
                     "“mastodon.social” or “https://mastodon.social”."),
                   trimmed);
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") == 0 && !is_loopback_host (host))
    {
      g_set_error (error, TEND_WEB_ERROR, TEND_WEB_ERROR_INSECURE,
                   _("Tend connects to “%s” only over a secure connection. Use the "
                     "address starting with “https://”."),
                   host);
      return NULL;
    }

  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    {
      g_set_error (error, TEND_WEB_ERROR, TEND_WEB_ERROR_INVALID_SERVER,
                   _("“%s” is not a web address. Type the server’s name, for example "
                     "“mastodon.social”."),
                   trimmed);
      return NULL;
    }

  {
    g_autofree char *lower_host = g_ascii_strdown (host, -1);
    g_autofree char *lower_scheme = g_ascii_strdown (scheme, -1);
    int port = g_uri_get_port (uri);

    if (port > 0)
      return g_strdup_printf ("%s://%s:%d", lower_scheme, lower_host, port);
    return g_strdup_printf ("%s://%s", lower_scheme, lower_host);
  }
}

/* Whether a comma-separated link's parameters say rel="next". */
static gboolean
link_is_next (const char *params)
{
  g_auto(GStrv) parts = g_strsplit (params, ";", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *part = g_strstrip (g_strdup (parts[i]));
      g_auto(GStrv) rels = NULL;
      gsize len = strlen (part);
      char *value;

      /* The last parameter runs up to the comma before the next link. */
      while (len > 0 && (part[len - 1] == ',' || g_ascii_isspace (part[len - 1])))
        part[--len] = '\0';

      if (g_ascii_strncasecmp (part, "rel", 3) != 0)
        continue;
      value = strchr (part, '=');
      if (value == NULL)
        continue;
      value = g_strstrip (value + 1);
      if (value[0] == '"')
        {
          len = strlen (value);

          if (len < 2 || value[len - 1] != '"')
            continue;
          value[len - 1] = '\0';
          value++;
        }

      rels = g_strsplit (value, " ", -1);
      for (guint j = 0; rels[j] != NULL; j++)
        if (g_ascii_strcasecmp (rels[j], "next") == 0)
          return TRUE;
    }

  return FALSE;
}

/**
 * tend_web_parse_link_next:
 * @link_header: (nullable): an RFC 8288 Link header
 *
 * Returns: (transfer full) (nullable): the target of rel="next"
 */
char *
tend_web_parse_link_next (const char *link_header)
{
  const char *p = link_header;

  if (p == NULL)
    return NULL;

  while (*p != '\0')
    {
      const char *open = strchr (p, '<');
      const char *close;
      const char *end;
      g_autofree char *params = NULL;

      if (open == NULL)
        return NULL;
      close = strchr (open, '>');
      if (close == NULL)
        return NULL;

      /* Parameters run to the next link, which starts with '<'. */
      end = strchr (close, '<');
      if (end == NULL)
        end = close + strlen (close);
      params = g_strndup (close + 1, end - (close + 1));

      if (link_is_next (params))
        return g_strndup (open + 1, close - (open + 1));

      p = end;
    }

  return NULL;
}

static void
tend_web_client_finalize (GObject *object)
{
  TendWebClient *self = (TendWebClient *)object;

  g_clear_object (&self->session);
  g_clear_pointer (&self->base, g_uri_unref);
  g_free (self->base_url);
  g_free (self->server_name);
  if (self->bearer != NULL)
    memset (self->bearer, 0, strlen (self->bearer));
  g_free (self->bearer);
  g_clear_object (&self->clock);
  g_free (self->limit_header);
  g_free (self->remaining_header);
  g_free (self->reset_header);
  g_clear_pointer (&self->error_names, g_hash_table_unref);

  G_OBJECT_CLASS (tend_web_client_parent_class)->finalize (object);
}

static void
tend_web_client_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TendWebClient *self = TEND_WEB_CLIENT (object);

  switch (prop_id)
    {
    case PROP_WAITING_UNTIL:
      g_value_set_int64 (value, self->waiting_until);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_web_client_class_init (TendWebClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tend_web_client_finalize;
  object_class->get_property = tend_web_client_get_property;

  /**
   * TendWebClient:waiting-until:
   *
   * While the client waits for the server's rate limit, when it goes on
   * (wall clock, Unix seconds); 0 when it is not waiting.
   */
  properties[PROP_WAITING_UNTIL] =
    g_param_spec_int64 ("waiting-until", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tend_web_client_init (TendWebClient *self)
{
  self->clock = tend_clock_new ();
  self->max_reply_bytes = TEND_WEB_CLIENT_MAX_REPLY_BYTES;
}

/**
 * tend_web_client_new:
 * @server: a server as a person typed it; see tend_web_normalize_server()
 *
 * Returns: (transfer full): a client, or %NULL with @error set
 */
TendWebClient *
tend_web_client_new (const char  *server,
                     GError     **error)
{
  g_autoptr(TendWebClient) self = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *user_agent = NULL;

  g_return_val_if_fail (server != NULL, NULL);

  base_url = tend_web_normalize_server (server, error);
  if (base_url == NULL)
    return NULL;

  self = g_object_new (TEND_TYPE_WEB_CLIENT, NULL);
  self->base = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  self->base_url = g_steal_pointer (&base_url);
  if (g_uri_get_port (self->base) > 0)
    self->server_name = g_strdup_printf ("%s:%d", g_uri_get_host (self->base), g_uri_get_port (self->base));
  else
    self->server_name = g_strdup (g_uri_get_host (self->base));

  /* The session checks certificates against the system's authorities;
   * nothing here ever lets a bad one through. */
  user_agent = g_strdup_printf ("Tend/%s", PACKAGE_VERSION);
  self->session = soup_session_new_with_options ("user-agent", user_agent,
                                                 "timeout", TIMEOUT_SECONDS,
                                                 "max-conns-per-host", 1,
                                                 NULL);
  return g_steal_pointer (&self);
}

const char *
tend_web_client_get_base_url (TendWebClient *self)
{
  g_return_val_if_fail (TEND_IS_WEB_CLIENT (self), NULL);
  return self->base_url;
}

/**
 * tend_web_client_get_server_name:
 *
 * Returns: the server as a person names it: "mastodon.social"
 */
const char *
tend_web_client_get_server_name (TendWebClient *self)
{
  g_return_val_if_fail (TEND_IS_WEB_CLIENT (self), NULL);
  return self->server_name;
}

/**
 * tend_web_client_set_rate_limit_headers:
 *
 * Says where this server reports its rate limit; without it, only 429
 * replies are waited out.
 */
void
tend_web_client_set_rate_limit_headers (TendWebClient              *self,
                                        const TendRateLimitHeaders *headers)
{
  g_return_if_fail (TEND_IS_WEB_CLIENT (self));
  g_return_if_fail (headers != NULL);

  g_free (self->limit_header);
  g_free (self->remaining_header);
  g_free (self->reset_header);
  self->limit_header = g_strdup (headers->limit);
  self->remaining_header = g_strdup (headers->remaining);
  self->reset_header = g_strdup (headers->reset);
  self->reset_format = headers->reset_format;
}

void
tend_web_client_set_clock (TendWebClient *self,
                           TendClock     *clock)
{
  g_return_if_fail (TEND_IS_WEB_CLIENT (self));
  g_return_if_fail (TEND_IS_CLOCK (clock));

  g_set_object (&self->clock, clock);
}

/**
 * tend_web_client_get_clock:
 *
 * Returns: (transfer none): the clock the client waits on
 */
TendClock *
tend_web_client_get_clock (TendWebClient *self)
{
  g_return_val_if_fail (TEND_IS_WEB_CLIENT (self), NULL);
  return self->clock;
}

void
tend_web_client_set_max_reply_bytes (TendWebClient *self,
                                     gsize          max_bytes)
{
  g_return_if_fail (TEND_IS_WEB_CLIENT (self));
  self->max_reply_bytes = max_bytes;
}

/**
 * tend_web_client_set_timeout:
 * @seconds: how long a request may go without an answer, wall clock
 *
 * A request that times out is tried again, as a 5xx reply is.
 */
void
tend_web_client_set_timeout (TendWebClient *self,
                             guint          seconds)
{
  g_return_if_fail (TEND_IS_WEB_CLIENT (self));
  g_object_set (self->session, "timeout", seconds, NULL);
}

/**
 * tend_web_client_set_bearer_token:
 * @token: (nullable): the account's access token, sent with every request
 */
void
tend_web_client_set_bearer_token (TendWebClient *self,
                                  const char    *token)
{
  g_return_if_fail (TEND_IS_WEB_CLIENT (self));

  if (self->bearer != NULL)
    memset (self->bearer, 0, strlen (self->bearer));
  g_free (self->bearer);
  self->bearer = g_strdup (token);
}

gint64
tend_web_client_get_waiting_until (TendWebClient *self)
{
  g_return_val_if_fail (TEND_IS_WEB_CLIENT (self), 0);
  return self->waiting_until;
}

/**
 * tend_web_client_get_n_requests:
 *
 * Returns: how many requests went to the server, retries included
 */
guint
tend_web_client_get_n_requests (TendWebClient *self)
{
  g_return_val_if_fail (TEND_IS_WEB_CLIENT (self), 0);
  return self->n_requests;
}

static void
set_waiting_until (TendWebClient *self,
                   gint64         clock_usec)
{
  gint64 wall = 0;

  if (clock_usec > 0)
    wall = (tend_clock_to_wall (self->clock, clock_usec) + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC;

  if (wall == self->waiting_until)
    return;

  self->waiting_until = wall;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WAITING_UNTIL]);
}

static gboolean
parse_reset (TendWebClient *self,
             const char    *text,
             gint64        *out_clock_usec)
{
  gint64 wall_usec;

  if (self->reset_format == TEND_RATE_RESET_ISO8601)
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (text, utc);

      if (time == NULL)
        return FALSE;
      wall_usec = g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);
    }
  else
    {
      guint64 seconds;

      if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64 / G_USEC_PER_SEC, &seconds, NULL))
        return FALSE;
      wall_usec = (gint64) seconds * G_USEC_PER_SEC;
    }

  *out_clock_usec = tend_clock_from_wall (self->clock, wall_usec);
  return TRUE;
}

static void
update_rate_limit (TendWebClient      *self,
                   SoupMessageHeaders *headers)
{
  const char *limit_text;
  const char *remaining_text;
  const char *reset_text;
  guint64 limit;
  gint64 remaining;
  gint64 reset_at;

  if (self->limit_header == NULL)
    return;

  limit_text = soup_message_headers_get_one (headers, self->limit_header);
  remaining_text = soup_message_headers_get_one (headers, self->remaining_header);
  reset_text = soup_message_headers_get_one (headers, self->reset_header);

  /* Headers that do not parse are ignored, never half believed. */
  if (limit_text == NULL || remaining_text == NULL || reset_text == NULL ||
      !g_ascii_string_to_unsigned (limit_text, 10, 1, G_MAXINT32, &limit, NULL) ||
      !g_ascii_string_to_signed (remaining_text, 10, G_MININT32, G_MAXINT32, &remaining, NULL) ||
      !parse_reset (self, reset_text, &reset_at))
    return;

  self->rate_known = TRUE;
  self->rate_limit = limit;
  self->rate_remaining = MAX (remaining, 0);
  self->rate_reset_at = reset_at;
}

/* How long to hold the next request back, in clock µs. */
static gint64
rate_limit_delay (TendWebClient *self)
{
  gint64 now = tend_clock_get_now (self->clock);
  gint64 low_water;

  if (!self->rate_known)
    return 0;

  if (now >= self->rate_reset_at + RESET_MARGIN_USEC)
    {
      /* A new window: the next reply says how it stands. */
      self->rate_known = FALSE;
      return 0;
    }

  if (self->rate_remaining <= 0)
    return self->rate_reset_at + RESET_MARGIN_USEC - now;

  /* Running low: spread what is left over the rest of the window. */
  low_water = MAX (self->rate_limit / 10, 1);
  if (self->rate_remaining < low_water && now < self->rate_reset_at)
    return (self->rate_reset_at - now) / (self->rate_remaining + 1);

  return 0;
}

static void send_request (GTask *task);

static void
wait_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TendWebClient *self = g_task_get_source_object (task);
  GError *error = NULL;

  set_waiting_until (self, 0);

  if (!tend_clock_sleep_finish (TEND_CLOCK (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  send_request (g_steal_pointer (&task));
}

/* Sends after @delay clock µs; a long wait is shown as waiting. Takes
 * over the caller's reference to @task, as send_request() does. */
static void
send_after (GTask  *task,
            gint64  delay)
{
  TendWebClient *self = g_task_get_source_object (task);

  if (delay <= 0)
    {
      send_request (task);
      return;
    }

  if (delay >= SHOW_WAIT_USEC)
    set_waiting_until (self, tend_clock_get_now (self->clock) + delay);

  tend_clock_sleep_async (self->clock, delay, g_task_get_cancellable (task), wait_done, task);
}

static void
schedule_request (GTask *task)
{
  TendWebClient *self = g_task_get_source_object (task);

  send_after (task, rate_limit_delay (self));
}

/* The "error" member of a JSON error reply, unchecked for length. */
static char *
dup_server_error (GByteArray *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonNode *member;

  if (body == NULL || body->len == 0 ||
      !json_parser_load_from_data (parser, (const char *) body->data, body->len, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  member = json_object_get_member (json_node_get_object (root), "error");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
      json_node_get_value_type (member) != G_TYPE_STRING)
    return NULL;

  return g_utf8_make_valid (json_node_get_string (member), -1);
}

static char *
quote_server_error (GByteArray *body)
{
  g_autofree char *valid = dup_server_error (body);

  if (valid == NULL)
    return NULL;

  if (g_utf8_strlen (valid, -1) > MAX_QUOTED_CHARS)
    {
      g_autofree char *head = g_utf8_substring (valid, 0, MAX_QUOTED_CHARS);

      return g_strconcat (head, "…", NULL);
    }

  return g_steal_pointer (&valid);
}

/* Refuses JSON nested deeper than any API needs before parsing it. */
static gboolean
check_depth (const guint8 *data,
             gsize         len)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      guint8 c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > TEND_WEB_CLIENT_MAX_JSON_DEPTH)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return TRUE;
}

static gboolean
same_origin (GUri *a,
             GUri *b)
{
  return g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (a), g_uri_get_host (b)) == 0 &&
         g_uri_get_port (a) == g_uri_get_port (b);
}

/**
 * tend_web_client_fail_bad_reply:
 * @error: what a check of the reply found, e.g. from tend-json-check
 *
 * Turns @error into a #TEND_WEB_ERROR_BAD_REPLY that names the server.
 *
 * Returns: %FALSE, for returning from the caller
 */
gboolean
tend_web_client_fail_bad_reply (TendWebClient  *self,
                                GError        **error)
{
  GError *wrapped;

  g_return_val_if_fail (TEND_IS_WEB_CLIENT (self), FALSE);

  if (error == NULL || *error == NULL)
    return FALSE;

  wrapped = g_error_new (TEND_WEB_ERROR, TEND_WEB_ERROR_BAD_REPLY,
                         _("%s sent a reply Tend cannot read (%s). Try again later."),
                         self->server_name, (*error)->message);
  g_clear_error (error);
  *error = wrapped;
  return FALSE;
}

static void
return_bad_reply (GTask      *task,
                  const char *detail)
{
  TendWebClient *self = g_task_get_source_object (task);

  g_task_return_new_error (task, TEND_WEB_ERROR, TEND_WEB_ERROR_BAD_REPLY,
                           _("%s sent a reply Tend cannot read (%s). Try again later."),
                           self->server_name, detail);
}

static void
return_reply (GTask *task)
{
  TendWebClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (request->message);
  g_autoptr(TendWebReply) reply = g_new0 (TendWebReply, 1);
  g_autofree char *next = NULL;

  reply->status = soup_message_get_status (request->message);

  next = tend_web_parse_link_next (soup_message_headers_get_one (headers, "Link"));
  if (next != NULL)
    {
      g_autoptr(GUri) next_uri = g_uri_parse_relative (self->base, next, G_URI_FLAGS_NONE, NULL);

      /* The token goes with every request: never to another server. */
      if (next_uri == NULL || !same_origin (next_uri, self->base))
        {
          return_bad_reply (task, _("a link to the next page points elsewhere"));
          return;
        }
      reply->next_url = g_uri_to_string (next_uri);
    }

  if (request->body->len > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      g_autoptr(GError) error = NULL;

      if (!check_depth (request->body->data, request->body->len))
        {
          return_bad_reply (task, _("nested too deeply"));
          return;
        }

      if (!json_parser_load_from_data (parser, (const char *) request->body->data,
                                       request->body->len, &error))
        {
          return_bad_reply (task, error->message);
          return;
        }

      reply->root = json_parser_steal_root (parser);
    }

  g_task_return_pointer (task, g_steal_pointer (&reply), (GDestroyNotify) tend_web_reply_free);
}

static gboolean
retry_later (GTask *task)
{
  Request *request = g_task_get_task_data (task);

  if (request->n_retries >= TEND_WEB_CLIENT_MAX_RETRIES)
    return FALSE;

  send_after (g_object_ref (task), G_USEC_PER_SEC << request->n_retries);
  request->n_retries++;
  return TRUE;
}

static void
handle_status (GTask *task)
{
  TendWebClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (request->message);
  guint status = soup_message_get_status (request->message);
  g_autofree char *quoted = NULL;

  update_rate_limit (self, headers);

  if (status >= 200 && status < 300)
    {
      return_reply (task);
      return;
    }

  if (status == 429)
    {
      const char *retry_after = soup_message_headers_get_one (headers, "Retry-After");
      gint64 now = tend_clock_get_now (self->clock);
      guint64 seconds;
      gint64 delay;

      if (++request->n_rate_limited > TEND_WEB_CLIENT_MAX_RATE_LIMITED)
        {
          g_task_return_new_error (task, TEND_WEB_ERROR, TEND_WEB_ERROR_RATE_LIMITED,
                                   _("%s kept refusing requests for its rate limit. "
                                     "Try again in a few minutes."),
                                   self->server_name);
          return;
        }

      if (self->rate_known && self->rate_reset_at > now)
        delay = self->rate_reset_at + RESET_MARGIN_USEC - now;
      else if (retry_after != NULL &&
               g_ascii_string_to_unsigned (retry_after, 10, 0, 24 * 3600, &seconds, NULL))
        delay = seconds * G_USEC_PER_SEC + RESET_MARGIN_USEC;
      else
        delay = DEFAULT_RATE_WAIT_USEC;

      self->rate_remaining = 0;
      set_waiting_until (self, now + delay);
      tend_clock_sleep_async (self->clock, delay, g_task_get_cancellable (task), wait_done,
                              g_object_ref (task));
      return;
    }

  if (status >= 500 && retry_later (task))
    return;

  quoted = quote_server_error (request->body);

  /* APIs that answer 400 for everything say what they mean in "error". */
  if (status == SOUP_STATUS_BAD_REQUEST && self->error_names != NULL && quoted != NULL)
    {
      gpointer code = g_hash_table_lookup (self->error_names, quoted);

      if (code == GINT_TO_POINTER (TEND_WEB_ERROR_UNAUTHORIZED + 1))
        status = SOUP_STATUS_UNAUTHORIZED;
      else if (code == GINT_TO_POINTER (TEND_WEB_ERROR_NOT_FOUND + 1))
        status = SOUP_STATUS_NOT_FOUND;
    }

  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    g_task_return_new_error (task, TEND_WEB_ERROR, TEND_WEB_ERROR_UNAUTHORIZED,
                             _("%s no longer accepts Tend’s access to this account (%s). "
                               "Connect the account again."),
                             self->server_name, quoted != NULL ? quoted : soup_status_get_phrase (status));
  else if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE)
    g_task_return_new_error (task, TEND_WEB_ERROR, TEND_WEB_ERROR_NOT_FOUND,
                             _("%s does not know what Tend asked for (%s). The account may "
                               "have been deleted, or the server runs other software."),
                             self->server_name, quoted != NULL ? quoted : soup_status_get_phrase (status));
  else if (status >= 500)
    g_task_return_new_error (task, TEND_WEB_ERROR, TEND_WEB_ERROR_SERVER,
                             _("%s is having trouble (error %u). Try again later."),
                             self->server_name, status);
  else
    g_task_return_new_error (task, TEND_WEB_ERROR, TEND_WEB_ERROR_REFUSED,
                             _("%s refused the request (error %u: %s)."),
                             self->server_name, status,
                             quoted != NULL ? quoted : soup_status_get_phrase (status));
}

static gboolean
is_retryable (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT);
}

static void
fail_transfer (GTask  *task,
               GError *error)
{
  TendWebClient *self = g_task_get_source_object (task);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      return;
    }

  if (is_retryable (error) && retry_later (task))
    {
      g_error_free (error);
      return;
    }

  if (error->domain == G_TLS_ERROR)
    g_task_return_new_error (task, TEND_WEB_ERROR, TEND_WEB_ERROR_INSECURE,
                             _("The connection to %s is not secure (%s), so Tend did not use "
                               "it. Check the server’s name, or try again on another network."),
                             self->server_name, error->message);
  else
    g_task_return_new_error (task, TEND_WEB_ERROR, TEND_WEB_ERROR_NETWORK,
                             _("Tend could not reach %s (%s). Check your internet connection "
                               "and the server’s name, then try again."),
                             self->server_name, error->message);
  g_error_free (error);
}

static void
read_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  TendWebClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      fail_transfer (task, error);
      g_object_unref (task);
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      g_clear_object (&request->stream);
      handle_status (task);
      g_object_unref (task);
      return;
    }

  if (request->body->len + g_bytes_get_size (chunk) > self->max_reply_bytes)
    {
      g_autofree char *size = g_format_size (self->max_reply_bytes);

      g_task_return_new_error (task, TEND_WEB_ERROR, TEND_WEB_ERROR_TOO_LARGE,
                               _("%s sent a reply larger than %s, which Tend does not read. "
                                 "Try again later."),
                               self->server_name, size);
      g_object_unref (task);
      return;
    }

  g_byte_array_append (request->body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  g_input_stream_read_bytes_async (request->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), read_done, task);
}

static void
send_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);
  GError *error = NULL;

  request->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (request->stream == NULL)
    {
      fail_transfer (task, error);
      g_object_unref (task);
      return;
    }

  g_clear_pointer (&request->body, g_byte_array_unref);
  request->body = g_byte_array_new ();
  g_input_stream_read_bytes_async (request->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), read_done, task);
}

static void
send_request (GTask *task)
{
  TendWebClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  g_clear_object (&request->message);
  g_clear_object (&request->stream);

  if (request->encoded_form != NULL)
    request->message = soup_message_new_from_encoded_form (request->method, request->url,
                                                           g_strdup (request->encoded_form));
  else
    request->message = soup_message_new (request->method, request->url);

  if (request->json_body != NULL)
    soup_message_set_request_body_from_bytes (request->message, "application/json",
                                              request->json_body);

  headers = soup_message_get_request_headers (request->message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (self->bearer != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", self->bearer, NULL);

      soup_message_headers_replace (headers, "Authorization", authorization);
    }

  self->n_requests++;
  if (self->rate_known)
    self->rate_remaining--;

  soup_session_send_async (self->session, request->message, G_PRIORITY_DEFAULT,
                           g_task_get_cancellable (task), send_done, task);
}

static void
start_request (TendWebClient       *self,
               const char          *method,
               const char          *path,
               GHashTable          *form,
               JsonNode            *json_body,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GUri) uri = NULL;
  Request *request;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tend_web_client_request_async);

  uri = g_uri_parse_relative (self->base, path, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL || !same_origin (uri, self->base))
    {
      return_bad_reply (task, _("a link points elsewhere"));
      return;
    }

  request = g_new0 (Request, 1);
  request->method = g_strdup (method);
  request->url = g_uri_to_string (uri);
  if (form != NULL)
    request->encoded_form = soup_form_encode_hash (form);
  if (json_body != NULL)
    {
      gsize len;
      char *text = json_to_string (json_body, FALSE);

      len = strlen (text);
      request->json_body = g_bytes_new_take (text, len);
    }
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  schedule_request (g_steal_pointer (&task));
}

/**
 * tend_web_client_request_async:
 * @method: "GET" or "POST"
 * @path: a path with its query ("/api/v1/apps"), or a full URL on the
 *   same server (a next-page link)
 * @form: (nullable) (element-type utf8 utf8): fields sent url-encoded
 *
 * Sends one request when the rate limit allows, and reads the reply.
 */
void
tend_web_client_request_async (TendWebClient       *self,
                               const char          *method,
                               const char          *path,
                               GHashTable          *form,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (TEND_IS_WEB_CLIENT (self));
  g_return_if_fail (method != NULL);
  g_return_if_fail (path != NULL);

  start_request (self, method, path, form, NULL, cancellable, callback, user_data);
}

/**
 * tend_web_client_request_json_async:
 * @body: sent as an application/json body
 *
 * Like tend_web_client_request_async(), for APIs that take JSON (XRPC
 * procedures). Finish with tend_web_client_request_finish().
 */
void
tend_web_client_request_json_async (TendWebClient       *self,
                                    const char          *method,
                                    const char          *path,
                                    JsonNode            *body,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (TEND_IS_WEB_CLIENT (self));
  g_return_if_fail (method != NULL);
  g_return_if_fail (path != NULL);
  g_return_if_fail (body != NULL);

  start_request (self, method, path, NULL, body, cancellable, callback, user_data);
}

/**
 * tend_web_client_map_error:
 * @name: a value of a 400 reply's "error" member, as XRPC sends
 *   "ExpiredToken" or "RecordNotFound"
 * @code: %TEND_WEB_ERROR_UNAUTHORIZED or %TEND_WEB_ERROR_NOT_FOUND
 *
 * Such replies then fail as a 401 or a 404 does.
 */
void
tend_web_client_map_error (TendWebClient *self,
                           const char    *name,
                           TendWebError   code)
{
  g_return_if_fail (TEND_IS_WEB_CLIENT (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (code == TEND_WEB_ERROR_UNAUTHORIZED || code == TEND_WEB_ERROR_NOT_FOUND);

  if (self->error_names == NULL)
    self->error_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_replace (self->error_names, g_strdup (name), GINT_TO_POINTER (code + 1));
}

/**
 * tend_web_client_request_finish:
 *
 * Returns: (transfer full): the reply of a 2xx status, or %NULL with
 *   @error set (a #TEND_WEB_ERROR, or %G_IO_ERROR_CANCELLED)
 */
TendWebReply *
tend_web_client_request_finish (TendWebClient  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
