/* tend-mastodon-test-server.c: a Mastodon server on 127.0.0.1 for tests
 *
 * One SoupServer handler routes every request. Lists are kept sorted by
 * their pagination id, ascending, so a page is a binary search and a walk;
 * that keeps benchmarks with 100,000 accounts honest about the client's
 * cost rather than the server's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tend-mastodon-test-server"

#include "config.h"

#include "tend-mastodon-test-server.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#define OWNER_ID 1
#define FIRST_ACCOUNT_ID 1001
#define ACCOUNTS_DEFAULT_LIMIT 40
#define ACCOUNTS_MAX_LIMIT 80
#define NOTIFICATIONS_DEFAULT_LIMIT 40
#define NOTIFICATIONS_MAX_LIMIT 80
#define STATUSES_DEFAULT_LIMIT 20
#define STATUSES_MAX_LIMIT 40
#define OVERSIZED_BODY_BYTES (64 * 1024 * 1024)
#define OVERSIZED_CHUNK_BYTES (64 * 1024)
#define INVALID_TOKEN_MESSAGE "The access token is invalid"
/* libsoup 3.2 has no name for it. */
#define STATUS_TOO_MANY_REQUESTS 429

typedef struct _TestAccount TestAccount;
typedef struct _TestStatus TestStatus;

struct _TestAccount {
  guint64 id;
  char *id_str;
  char *username;
  char *acct;
  char *domain;                 /* NULL for local accounts */
  char *display_name;
  char *note;
  gboolean custom_emoji;
  gboolean with_field;
  gint64 created_at;
  gint64 last_status_at;        /* 0: null */
  gboolean locked;
  gboolean bot;
  gboolean suspended;
  gboolean limited;
  TestAccount *moved;           /* borrowed */
  guint followers_count;
  guint following_count;
  guint statuses_count;
  /* Relation to the owner: the follow record ids, 0 when absent. */
  guint64 follower_record;
  guint64 following_record;
  gboolean requested;
};

/* Every paged item starts with its pagination id. */
typedef struct {
  guint64 id;
  TestAccount *account;         /* borrowed */
} FollowRecord;

struct _TestStatus {
  guint64 id;
  TestAccount *account;         /* borrowed */
  gint64 created_at;
  char *content;
  TestStatus *in_reply_to;      /* borrowed; may be NULL while in_reply_to_account is set */
  TestAccount *in_reply_to_account;
  GPtrArray *mentions;          /* TestAccount, borrowed */
  TestStatus *reblog;           /* borrowed */
  TestStatus *quote;            /* borrowed */
};

typedef struct {
  guint64 id;
  const char *type;             /* static */
  TestAccount *account;         /* borrowed */
  TestStatus *status;           /* borrowed, may be NULL */
  gint64 created_at;
} TestNotification;

typedef struct {
  guint64 id;
  TestStatus *status;           /* borrowed */
} TestFavourite;

typedef struct {
  char *client_id;
  char *client_secret;
  char *name;
  char *website;
  char **redirect_uris;
  char **scopes;
  guint64 id;
} TestApp;

typedef struct {
  char *client_id;
  char *redirect_uri;
  char *scopes;
  char *code_challenge;
} TestGrant;

typedef struct {
  char *client_id;              /* NULL when issued directly by a test */
  char *scopes;
} TestToken;

typedef struct {
  TendMastodonMisbehaviour what;
  char *path_prefix;
  guint after;
  guint times;
  guint seen;
} TestRule;

typedef enum {
  WRONG_NONE = 0,
  WRONG_ID = 1 << 0,
  WRONG_DISPLAY_NAME = 1 << 1,
} WrongType;

/* One request on its way through the handler; lives until replied to. */
typedef struct {
  TendMastodonTestServer *self;  /* borrowed: requests die with the server */
  SoupServerMessage *msg;
  char *method;
  char *path;
  char *query;                   /* raw, may be NULL */
  GPtrArray *query_params;       /* key, value, key, value… */
  GPtrArray *params;             /* the query and then the body */
  TendMastodonMisbehaviour misbehaviour;
  gboolean is_api;
  GSource *slow_timeout;
} TestRequest;

struct _TendMastodonTestServer {
  GObject parent_instance;

  /* Held by every entry point: the server may serve from its own thread. */
  GRecMutex lock;
  GMainContext *context;         /* where it serves */
  GMainLoop *loop;               /* only when serving from its own thread */
  GThread *thread;

  /* owned */
  SoupServer *server;
  char *base_url;
  TestAccount *owner;
  GPtrArray *accounts;           /* TestAccount, id order */
  GHashTable *accounts_by_id;    /* id_str → TestAccount, borrowed */
  GPtrArray *followers;          /* FollowRecord, ascending */
  GPtrArray *following;          /* FollowRecord, ascending */
  GPtrArray *statuses;           /* TestStatus, every one; owns them */
  GPtrArray *owner_statuses;     /* TestStatus, borrowed, ascending */
  GPtrArray *notifications;      /* TestNotification, ascending */
  GPtrArray *favourites;         /* TestFavourite, ascending */
  GPtrArray *interactions;       /* TendMastodonTestInteraction */
  GHashTable *apps;              /* client_id → TestApp */
  GHashTable *grants;            /* code → TestGrant */
  GHashTable *tokens;            /* token → TestToken */
  GPtrArray *rules;              /* TestRule */
  GPtrArray *requests;           /* char * */
  GHashTable *pending_requests;  /* TestRequest set, until replied to */

  gint64 now;
  guint64 next_follow_record;
  guint64 next_app_id;
  guint status_sequence;
  guint slow_delay_ms;
  gboolean deny_authorization;

  /* Rate limit, on a clock that may run faster than the real one. */
  guint rate_limit;
  guint window_seconds;
  double clock_scale;
  gint64 clock_origin_us;        /* real time at which the server clock is 0 */
  gint64 current_window;
  guint requests_in_window;
  guint max_requests_in_window;
  guint n_rate_limited;
};

G_DEFINE_FINAL_TYPE (TendMastodonTestServer, tend_mastodon_test_server, G_TYPE_OBJECT)

#define LOCK(self) \
  g_autoptr(GRecMutexLocker) locker G_GNUC_UNUSED = g_rec_mutex_locker_new (&(self)->lock)

static void
test_account_free (gpointer data)
{
  TestAccount *account = data;

  g_free (account->id_str);
  g_free (account->username);
  g_free (account->acct);
  g_free (account->domain);
  g_free (account->display_name);
  g_free (account->note);
  g_free (account);
}

static void
test_status_free (gpointer data)
{
  TestStatus *status = data;

  g_free (status->content);
  g_clear_pointer (&status->mentions, g_ptr_array_unref);
  g_free (status);
}

static void
test_app_free (gpointer data)
{
  TestApp *app = data;

  g_free (app->client_id);
  g_free (app->client_secret);
  g_free (app->name);
  g_free (app->website);
  g_strfreev (app->redirect_uris);
  g_strfreev (app->scopes);
  g_free (app);
}

static void
test_grant_free (gpointer data)
{
  TestGrant *grant = data;

  g_free (grant->client_id);
  g_free (grant->redirect_uri);
  g_free (grant->scopes);
  g_free (grant->code_challenge);
  g_free (grant);
}

static void
test_token_free (gpointer data)
{
  TestToken *token = data;

  g_free (token->client_id);
  g_free (token->scopes);
  g_free (token);
}

static void
test_rule_free (gpointer data)
{
  TestRule *rule = data;

  g_free (rule->path_prefix);
  g_free (rule);
}

static void
interaction_free (gpointer data)
{
  TendMastodonTestInteraction *interaction = data;

  g_free (interaction->account_id);
  g_free (interaction->object_id);
  g_free (interaction);
}

static void
test_request_free (TestRequest *request)
{
  if (request->slow_timeout != NULL)
    {
      g_source_destroy (request->slow_timeout);
      g_clear_pointer (&request->slow_timeout, g_source_unref);
    }
  g_clear_object (&request->msg);
  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_clear_pointer (&request->query_params, g_ptr_array_unref);
  g_clear_pointer (&request->params, g_ptr_array_unref);
  g_free (request);
}

/* Helpers: text, time, ids */

static char *
random_token (void)
{
  guint8 bytes[32];
  g_autofree char *base64 = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bytes); i++)
    bytes[i] = (guint8) g_random_int_range (0, 256);
  base64 = g_base64_encode (bytes, sizeof bytes);
  /* base64url without padding, like the real server's tokens. */
  g_strdelimit (base64, "+", '-');
  g_strdelimit (base64, "/", '_');
  return g_strndup (base64, strcspn (base64, "="));
}

static char *
pkce_challenge (const char *verifier)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize digest_len = sizeof digest;
  g_autofree char *base64 = NULL;

  g_checksum_update (checksum, (const guchar *) verifier, strlen (verifier));
  g_checksum_get_digest (checksum, digest, &digest_len);
  base64 = g_base64_encode (digest, digest_len);
  g_strdelimit (base64, "+", '-');
  g_strdelimit (base64, "/", '_');
  return g_strndup (base64, strcspn (base64, "="));
}

static char *
format_timestamp (gint64 unix_seconds)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (unix_seconds);

  return g_date_time_format (when, "%Y-%m-%dT%H:%M:%S.000Z");
}

static char *
format_date (gint64 unix_seconds)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (unix_seconds);

  return g_date_time_format (when, "%Y-%m-%d");
}

static char *
format_real_time_us (gint64 real_us)
{
  g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_utc (real_us / G_USEC_PER_SEC);
  g_autofree char *date = g_date_time_format (seconds, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%06" G_GINT64_FORMAT "Z", date, real_us % G_USEC_PER_SEC);
}

static char *
id_to_string (guint64 id)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT, id);
}

static gboolean
parse_id (const char *text,
          guint64    *out)
{
  return text != NULL && g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT64, out, NULL);
}

/* Parameters: a flat list of pairs, so repeated keys (types[]) survive. */

static void
params_add (GPtrArray  *params,
            const char *key,
            const char *value)
{
  g_ptr_array_add (params, g_strdup (key));
  g_ptr_array_add (params, g_strdup (value));
}

static char *
form_unescape (const char *text,
               gssize      length)
{
  g_autofree char *plus = g_strndup (text, length < 0 ? strlen (text) : (gsize) length);
  char *unescaped;

  g_strdelimit (plus, "+", ' ');
  unescaped = g_uri_unescape_string (plus, NULL);
  return unescaped != NULL ? unescaped : g_steal_pointer (&plus);
}

static void
params_parse_form (GPtrArray  *params,
                   const char *form)
{
  g_auto(GStrv) pairs = NULL;

  if (form == NULL || *form == '\0')
    return;

  pairs = g_strsplit (form, "&", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *equals = strchr (pairs[i], '=');
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;

      if (*pairs[i] == '\0')
        continue;
      key = form_unescape (pairs[i], equals != NULL ? equals - pairs[i] : -1);
      value = equals != NULL ? form_unescape (equals + 1, -1) : g_strdup ("");
      params_add (params, key, value);
    }
}

static void
params_parse_json (GPtrArray  *params,
                   const char *data,
                   gsize       length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  g_autoptr(GList) members = NULL;

  if (!json_parser_load_from_data (parser, data, length, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;

  object = json_node_get_object (json_parser_get_root (parser));
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (object, l->data);

      if (JSON_NODE_HOLDS_VALUE (node))
        {
          g_autofree char *text = NULL;

          if (json_node_get_value_type (node) == G_TYPE_STRING)
            text = g_strdup (json_node_get_string (node));
          else if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
            text = g_strdup (json_node_get_boolean (node) ? "true" : "false");
          else if (json_node_get_value_type (node) == G_TYPE_INT64)
            text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
          if (text != NULL)
            params_add (params, l->data, text);
        }
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          g_autofree char *key = g_strconcat (l->data, "[]", NULL);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *element = json_array_get_element (array, i);

              if (JSON_NODE_HOLDS_VALUE (element) &&
                  json_node_get_value_type (element) == G_TYPE_STRING)
                params_add (params, key, json_node_get_string (element));
            }
        }
    }
}

static void
params_parse_multipart (GPtrArray          *params,
                        SoupMessageHeaders *headers,
                        GBytes             *body)
{
  g_autoptr(SoupMultipart) multipart = soup_multipart_new_from_message (headers, body);

  if (multipart == NULL)
    return;

  for (int i = 0; i < soup_multipart_get_length (multipart); i++)
    {
      SoupMessageHeaders *part_headers;
      GBytes *part_body;
      g_autoptr(GHashTable) disposition_params = NULL;
      const char *name;
      gsize size;
      const char *data;
      g_autofree char *value = NULL;

      if (!soup_multipart_get_part (multipart, i, &part_headers, &part_body) ||
          !soup_message_headers_get_content_disposition (part_headers, NULL, &disposition_params))
        continue;
      name = g_hash_table_lookup (disposition_params, "name");
      if (name == NULL)
        continue;
      data = g_bytes_get_data (part_body, &size);
      value = g_strndup (data, size);
      params_add (params, name, value);
    }
}

static const char *
params_get (GPtrArray  *params,
            const char *key)
{
  const char *found = NULL;

  for (guint i = 0; i + 1 < params->len; i += 2)
    if (g_str_equal (g_ptr_array_index (params, i), key))
      found = g_ptr_array_index (params, i + 1);
  return found;
}

static gboolean
params_has_value (GPtrArray  *params,
                  const char *key,
                  const char *value)
{
  for (guint i = 0; i + 1 < params->len; i += 2)
    if (g_str_equal (g_ptr_array_index (params, i), key) &&
        g_str_equal (g_ptr_array_index (params, i + 1), value))
      return TRUE;
  return FALSE;
}

static gboolean
params_has_key (GPtrArray  *params,
                const char *key)
{
  for (guint i = 0; i + 1 < params->len; i += 2)
    if (g_str_equal (g_ptr_array_index (params, i), key))
      return TRUE;
  return FALSE;
}

static void
append_param (GString    *out,
              const char *key,
              const char *value)
{
  if (out->len > 0)
    g_string_append_c (out, '&');
  g_string_append_uri_escaped (out, key, NULL, FALSE);
  g_string_append_c (out, '=');
  g_string_append_uri_escaped (out, value, NULL, FALSE);
}

static int
compare_pair_keys (gconstpointer a,
                   gconstpointer b)
{
  const char * const *pair_a = *(const char * const **) a;
  const char * const *pair_b = *(const char * const **) b;
  int by_key = strcmp (pair_a[0], pair_b[0]);

  return by_key != 0 ? by_key : strcmp (pair_a[1], pair_b[1]);
}

/* The body's fields, url-encoded and sorted, for the request log. */
static char *
body_params_for_log (TestRequest *request)
{
  guint first_body = request->query_params->len;
  g_autoptr(GPtrArray) pairs = g_ptr_array_new ();
  GString *out = g_string_new (NULL);

  for (guint i = first_body; i + 1 < request->params->len; i += 2)
    g_ptr_array_add (pairs, &request->params->pdata[i]);
  g_ptr_array_sort (pairs, compare_pair_keys);
  for (guint i = 0; i < pairs->len; i++)
    {
      char **pair = g_ptr_array_index (pairs, i);
      append_param (out, pair[0], pair[1]);
    }
  return g_string_free (out, FALSE);
}

/* Accounts */

static const struct {
  const char *username;
  const char *display_name;
} people[] = {
  { "zoe", "Zoë Müller" },
  { "lukasz", "Łukasz Wójcik" },
  { "xiaolong", "李小龍" },
  { "olafur", "Ólafur Arnalds" },
  { "amelie", "Amélie Poulain" },
  { "chidi", "Chidi Okafor" },
  { "soren", "Søren Kierkegaard" },
  { "maya", "Maya Angelou" },
  { "jose", "José Saramago" },
  { "alexandros", "Αλέξανδρος Παπαδόπουλος" },
  { "darya", "Дарья Иванова" },
  { "mohammed", "محمد العلي" },
  { "yuki", "佐藤 由紀" },
  { "priya", "प्रिया शर्मा" },
  { "noa", "נועה כהן" },
  { "minjun", "김민준" },
};

static const char *domains[] = {
  NULL, "mastodon.social", "fosstodon.org", "hachyderm.io", "social.example",
};

static const char *notes[] = {
  "<p>Sourdough, coffee &amp; small business.</p>",
  "<p>Baker at <a href=\"https://example.com\" rel=\"nofollow noopener\" target=\"_blank\">example.com</a><br />she/her</p>",
  "",
  "<p>Writes about <a href=\"https://mastodon.social/tags/food\" class=\"mention hashtag\" rel=\"tag\">#<span>food</span></a> &lt;script&gt; is just text</p>",
  "<p>Ceramics · 陶芸 · керамика</p>",
};

static char *
account_url (TendMastodonTestServer *self,
             TestAccount            *account)
{
  if (account->domain == NULL)
    return g_strdup_printf ("%s/@%s", self->base_url, account->username);
  return g_strdup_printf ("https://%s/@%s", account->domain, account->username);
}

static TestAccount *
account_new (TendMastodonTestServer *self,
             guint                   index,
             GRand                  *rand)
{
  TestAccount *account = g_new0 (TestAccount, 1);
  guint person = index % G_N_ELEMENTS (people);
  const char *domain = domains[index % G_N_ELEMENTS (domains)];

  account->id = FIRST_ACCOUNT_ID + index;
  account->id_str = id_to_string (account->id);
  account->username = g_strdup_printf ("%s%u", people[person].username, index);
  account->domain = g_strdup (domain);
  account->acct = domain != NULL ? g_strdup_printf ("%s@%s", account->username, domain)
                                 : g_strdup (account->username);

  /* Some names carry what a careless client would render: markup,
   * shortcodes, nothing at all. */
  if (index % 13 == 12)
    account->display_name = g_strdup ("");
  else if (index % 11 == 5)
    account->display_name = g_strdup_printf ("<b>%s</b> & Co", people[person].display_name);
  else if (index % 7 == 3)
    {
      account->display_name = g_strdup_printf ("%s :blobcat:", people[person].display_name);
      account->custom_emoji = TRUE;
    }
  else
    account->display_name = g_strdup (people[person].display_name);

  account->note = g_strdup (notes[index % G_N_ELEMENTS (notes)]);
  account->with_field = index % 3 == 1;
  account->created_at = self->now - g_rand_int_range (rand, 30, 2000) * 86400;
  account->created_at -= account->created_at % 86400;
  if (index % 5 != 0)
    account->last_status_at = self->now - g_rand_int_range (rand, 0, 400) * 86400;
  account->locked = index % 9 == 4;
  account->bot = index % 19 == 7;
  account->limited = index % 43 == 31;
  if (index % 41 == 23)
    {
      /* Suspended accounts come back emptied. */
      account->suspended = TRUE;
      g_clear_pointer (&account->display_name, g_free);
      account->display_name = g_strdup ("");
      g_clear_pointer (&account->note, g_free);
      account->note = g_strdup ("");
      account->custom_emoji = FALSE;
      account->with_field = FALSE;
    }
  account->followers_count = g_rand_int_range (rand, 0, 5000);
  account->following_count = g_rand_int_range (rand, 0, 2000);
  account->statuses_count = g_rand_int_range (rand, 0, 20000);
  return account;
}

static TestAccount *
owner_new (TendMastodonTestServer *self)
{
  TestAccount *owner = g_new0 (TestAccount, 1);

  owner->id = OWNER_ID;
  owner->id_str = id_to_string (OWNER_ID);
  owner->username = g_strdup ("owner");
  owner->acct = g_strdup ("owner");
  owner->display_name = g_strdup ("Crumb & Co. Bakery");
  owner->note = g_strdup ("<p>Bread, cakes and coffee on the corner.</p>");
  owner->created_at = self->now - 900 * 86400;
  owner->created_at -= owner->created_at % 86400;
  return owner;
}

static void
build_account (JsonBuilder            *builder,
               TendMastodonTestServer *self,
               TestAccount            *account,
               WrongType               wrong)
{
  g_autofree char *url = account_url (self, account);
  g_autofree char *created_at = format_timestamp (account->created_at);
  const char *host = account->domain != NULL ? account->domain : "files.example";
  g_autofree char *avatar = g_strdup_printf ("https://%s/avatars/%s.png", host, account->id_str);
  g_autofree char *header = g_strdup_printf ("https://%s/headers/%s.png", host, account->id_str);
  g_autofree char *uri = account->domain != NULL
    ? g_strdup_printf ("https://%s/users/%s", account->domain, account->username)
    : g_strdup_printf ("%s/users/%s", self->base_url, account->username);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  if (wrong & WRONG_ID)
    json_builder_add_int_value (builder, (gint64) account->id);
  else
    json_builder_add_string_value (builder, account->id_str);
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, account->username);
  json_builder_set_member_name (builder, "acct");
  json_builder_add_string_value (builder, account->acct);
  json_builder_set_member_name (builder, "display_name");
  if (wrong & WRONG_DISPLAY_NAME)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, account->display_name);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_string_value (builder, account->display_name);
  json_builder_set_member_name (builder, "locked");
  json_builder_add_boolean_value (builder, account->locked);
  json_builder_set_member_name (builder, "bot");
  json_builder_add_boolean_value (builder, account->bot);
  json_builder_set_member_name (builder, "discoverable");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "group");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_string_value (builder, created_at);
  json_builder_set_member_name (builder, "note");
  json_builder_add_string_value (builder, account->note);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, url);
  json_builder_set_member_name (builder, "uri");
  json_builder_add_string_value (builder, uri);
  json_builder_set_member_name (builder, "avatar");
  json_builder_add_string_value (builder, avatar);
  json_builder_set_member_name (builder, "avatar_static");
  json_builder_add_string_value (builder, avatar);
  json_builder_set_member_name (builder, "header");
  json_builder_add_string_value (builder, header);
  json_builder_set_member_name (builder, "header_static");
  json_builder_add_string_value (builder, header);
  json_builder_set_member_name (builder, "followers_count");
  json_builder_add_int_value (builder, account->followers_count);
  json_builder_set_member_name (builder, "following_count");
  json_builder_add_int_value (builder, account->following_count);
  json_builder_set_member_name (builder, "statuses_count");
  json_builder_add_int_value (builder, account->statuses_count);
  json_builder_set_member_name (builder, "last_status_at");
  if (account->last_status_at != 0)
    {
      g_autofree char *date = format_date (account->last_status_at);
      json_builder_add_string_value (builder, date);
    }
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "emojis");
  json_builder_begin_array (builder);
  if (account->custom_emoji)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "shortcode");
      json_builder_add_string_value (builder, "blobcat");
      json_builder_set_member_name (builder, "url");
      json_builder_add_string_value (builder, "https://files.example/emoji/blobcat.png");
      json_builder_set_member_name (builder, "static_url");
      json_builder_add_string_value (builder, "https://files.example/emoji/blobcat.png");
      json_builder_set_member_name (builder, "visible_in_picker");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "fields");
  json_builder_begin_array (builder);
  if (account->with_field)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, "Shop");
      json_builder_set_member_name (builder, "value");
      json_builder_add_string_value (builder, "<a href=\"https://shop.example\" rel=\"nofollow noopener me\">shop.example</a>");
      json_builder_set_member_name (builder, "verified_at");
      json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (account->moved != NULL)
    {
      json_builder_set_member_name (builder, "moved");
      build_account (builder, self, account->moved, WRONG_NONE);
    }
  if (account->suspended)
    {
      json_builder_set_member_name (builder, "suspended");
      json_builder_add_boolean_value (builder, TRUE);
    }
  if (account->limited)
    {
      json_builder_set_member_name (builder, "limited");
      json_builder_add_boolean_value (builder, TRUE);
    }
  json_builder_end_object (builder);
}

static void
build_owner (JsonBuilder            *builder,
             TendMastodonTestServer *self,
             WrongType               wrong)
{
  self->owner->followers_count = self->followers->len;
  self->owner->following_count = self->following->len;
  self->owner->statuses_count = self->owner_statuses->len;
  build_account (builder, self, self->owner, wrong);
}

static void
build_relationship (JsonBuilder *builder,
                    TestAccount *account)
{
  static const char *always_false[] = {
    "blocking", "blocked_by", "muting", "muting_notifications",
    "requested_by", "domain_blocking", "endorsed",
  };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, account->id_str);
  json_builder_set_member_name (builder, "following");
  json_builder_add_boolean_value (builder, account->following_record != 0);
  json_builder_set_member_name (builder, "showing_reblogs");
  json_builder_add_boolean_value (builder, account->following_record != 0);
  json_builder_set_member_name (builder, "notifying");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "languages");
  json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "followed_by");
  json_builder_add_boolean_value (builder, account->follower_record != 0);
  json_builder_set_member_name (builder, "requested");
  json_builder_add_boolean_value (builder, account->requested);
  for (guint i = 0; i < G_N_ELEMENTS (always_false); i++)
    {
      json_builder_set_member_name (builder, always_false[i]);
      json_builder_add_boolean_value (builder, FALSE);
    }
  json_builder_set_member_name (builder, "note");
  json_builder_add_string_value (builder, "");
  json_builder_end_object (builder);
}

static void
build_status (JsonBuilder            *builder,
              TendMastodonTestServer *self,
              TestStatus             *status,
              WrongType               wrong_account)
{
  g_autofree char *id = id_to_string (status->id);
  g_autofree char *created_at = format_timestamp (status->created_at);
  g_autofree char *author_url = account_url (self, status->account);
  g_autofree char *url = g_strdup_printf ("%s/%s", author_url, id);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "uri");
  json_builder_add_string_value (builder, url);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, url);
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_string_value (builder, created_at);
  json_builder_set_member_name (builder, "account");
  build_account (builder, self, status->account, wrong_account);
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, status->content);
  json_builder_set_member_name (builder, "visibility");
  json_builder_add_string_value (builder, "public");
  json_builder_set_member_name (builder, "sensitive");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "spoiler_text");
  json_builder_add_string_value (builder, "");
  json_builder_set_member_name (builder, "language");
  json_builder_add_string_value (builder, "en");
  json_builder_set_member_name (builder, "in_reply_to_id");
  if (status->in_reply_to != NULL)
    {
      g_autofree char *reply_id = id_to_string (status->in_reply_to->id);
      json_builder_add_string_value (builder, reply_id);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "in_reply_to_account_id");
  if (status->in_reply_to_account != NULL)
    json_builder_add_string_value (builder, status->in_reply_to_account->id_str);
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "mentions");
  json_builder_begin_array (builder);
  for (guint i = 0; status->mentions != NULL && i < status->mentions->len; i++)
    {
      TestAccount *mentioned = g_ptr_array_index (status->mentions, i);
      g_autofree char *mentioned_url = account_url (self, mentioned);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, mentioned->id_str);
      json_builder_set_member_name (builder, "username");
      json_builder_add_string_value (builder, mentioned->username);
      json_builder_set_member_name (builder, "url");
      json_builder_add_string_value (builder, mentioned_url);
      json_builder_set_member_name (builder, "acct");
      json_builder_add_string_value (builder, mentioned->acct);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "reblog");
  if (status->reblog != NULL)
    build_status (builder, self, status->reblog, WRONG_NONE);
  else
    json_builder_add_null_value (builder);
  if (status->quote != NULL)
    {
      json_builder_set_member_name (builder, "quote");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "state");
      json_builder_add_string_value (builder, "accepted");
      json_builder_set_member_name (builder, "quoted_status");
      build_status (builder, self, status->quote, WRONG_NONE);
      json_builder_end_object (builder);
    }

  json_builder_set_member_name (builder, "media_attachments");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "emojis");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "replies_count");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "reblogs_count");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "favourites_count");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "edited_at");
  json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "poll");
  json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "card");
  json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

static void
build_notification (JsonBuilder            *builder,
                    TendMastodonTestServer *self,
                    TestNotification       *notification,
                    WrongType               wrong_account)
{
  g_autofree char *id = id_to_string (notification->id);
  g_autofree char *created_at = format_timestamp (notification->created_at);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, notification->type);
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_string_value (builder, created_at);
  json_builder_set_member_name (builder, "account");
  build_account (builder, self, notification->account, wrong_account);
  if (notification->status != NULL)
    {
      json_builder_set_member_name (builder, "status");
      build_status (builder, self, notification->status, WRONG_NONE);
    }
  json_builder_end_object (builder);
}

/* Populating */

static void
clear_data (TendMastodonTestServer *self)
{
  g_ptr_array_set_size (self->interactions, 0);
  g_ptr_array_set_size (self->favourites, 0);
  g_ptr_array_set_size (self->notifications, 0);
  g_ptr_array_set_size (self->owner_statuses, 0);
  g_ptr_array_set_size (self->statuses, 0);
  g_ptr_array_set_size (self->following, 0);
  g_ptr_array_set_size (self->followers, 0);
  g_hash_table_remove_all (self->accounts_by_id);
  g_ptr_array_set_size (self->accounts, 0);
  g_clear_pointer (&self->owner, test_account_free);
  self->owner = owner_new (self);
  self->next_follow_record = 1;
  self->status_sequence = 0;
}

static void
add_interaction (TendMastodonTestServer          *self,
                 TendMastodonTestInteractionKind  kind,
                 TestAccount                     *account,
                 guint64                          object_id,
                 gint64                           created_at)
{
  TendMastodonTestInteraction *interaction = g_new0 (TendMastodonTestInteraction, 1);

  interaction->kind = kind;
  interaction->account_id = g_strdup (account->id_str);
  interaction->object_id = id_to_string (object_id);
  interaction->created_at = created_at;
  g_ptr_array_add (self->interactions, interaction);
}

static TestStatus *
add_status (TendMastodonTestServer *self,
            TestAccount            *author,
            gint64                  created_at,
            const char             *content)
{
  TestStatus *status = g_new0 (TestStatus, 1);

  /* Snowflake-like ids: milliseconds then a sequence, like the real server. */
  status->id = ((guint64) created_at * 1000) << 16 | (self->status_sequence++ & 0xffff);
  status->account = author;
  status->created_at = created_at;
  status->content = g_strdup (content);
  status->mentions = g_ptr_array_new ();
  g_ptr_array_add (self->statuses, status);
  if (author == self->owner)
    g_ptr_array_add (self->owner_statuses, status);
  return status;
}

static char *
mention_html (TendMastodonTestServer *self,
              TestAccount            *account)
{
  g_autofree char *url = account_url (self, account);

  return g_strdup_printf ("<span class=\"h-card\"><a href=\"%s\" class=\"u-url mention\">@<span>%s</span></a></span>",
                          url, account->username);
}

static void
add_notification (GPtrArray   *pending,
                  const char  *type,
                  TestAccount *account,
                  TestStatus  *status,
                  gint64       created_at)
{
  TestNotification *notification = g_new0 (TestNotification, 1);

  notification->type = type;
  notification->account = account;
  notification->status = status;
  notification->created_at = created_at;
  g_ptr_array_add (pending, notification);
}

static int
compare_notifications (gconstpointer a,
                       gconstpointer b)
{
  const TestNotification *na = *(TestNotification * const *) a;
  const TestNotification *nb = *(TestNotification * const *) b;

  if (na->created_at != nb->created_at)
    return na->created_at < nb->created_at ? -1 : 1;
  return na->account->id < nb->account->id ? -1 : na->account->id > nb->account->id;
}

static int
compare_status_times (gconstpointer a,
                      gconstpointer b)
{
  const TestStatus *sa = *(TestStatus * const *) a;
  const TestStatus *sb = *(TestStatus * const *) b;

  return sa->id < sb->id ? -1 : sa->id > sb->id;
}

static int
compare_favourites (gconstpointer a,
                    gconstpointer b)
{
  const TestFavourite *fa = *(TestFavourite * const *) a;
  const TestFavourite *fb = *(TestFavourite * const *) b;

  return compare_status_times (&fa->status, &fb->status);
}

static gint64
random_time (GRand  *rand,
             gint64  now,
             gint64  not_before)
{
  gint64 year_ago = now - 365 * 86400;
  gint64 start = MAX (year_ago, not_before);

  if (start >= now)
    return now;
  return start + (gint64) (g_rand_double (rand) * (double) (now - start));
}

static void
add_follow_records (TendMastodonTestServer *self,
                    GPtrArray              *accounts,
                    gboolean                followers,
                    GRand                  *rand)
{
  /* Follow order differs from id order, as it does on a real server. */
  for (guint i = accounts->len; i > 1; i--)
    {
      guint j = g_rand_int_range (rand, 0, i);
      gpointer swap = accounts->pdata[i - 1];

      accounts->pdata[i - 1] = accounts->pdata[j];
      accounts->pdata[j] = swap;
    }
  for (guint i = 0; i < accounts->len; i++)
    {
      TestAccount *account = g_ptr_array_index (accounts, i);
      FollowRecord *record = g_new0 (FollowRecord, 1);

      record->id = self->next_follow_record++;
      record->account = account;
      if (followers)
        {
          account->follower_record = record->id;
          g_ptr_array_add (self->followers, record);
        }
      else
        {
          account->following_record = record->id;
          g_ptr_array_add (self->following, record);
        }
    }
}

static void
populate_interactions (TendMastodonTestServer *self,
                       TestAccount            *account,
                       GPtrArray              *owner_posts,
                       GPtrArray              *pending_notifications,
                       GRand                  *rand)
{
  gint64 now = self->now;
  gboolean follows_owner = account->follower_record != 0;
  gboolean followed = account->following_record != 0;
  guint n;

  if (follows_owner && g_rand_boolean (rand))
    {
      gint64 when = random_time (rand, now, 0);
      add_notification (pending_notifications, "follow", account, NULL, when);
    }

  n = g_rand_int_range (rand, 0, 10) < 4 ? g_rand_int_range (rand, 1, 4) : 0;
  for (guint i = 0; i < n; i++)
    {
      gint64 when = random_time (rand, now, 0);
      g_autofree char *mention = mention_html (self, self->owner);
      g_autofree char *content = g_strdup_printf ("<p>%s Are the croissants back tomorrow?</p>", mention);
      TestStatus *status = add_status (self, account, when, content);

      g_ptr_array_add (status->mentions, self->owner);
      if (i % 2 == 1)
        {
          TestStatus *replied = g_ptr_array_index (owner_posts, g_rand_int_range (rand, 0, owner_posts->len));
          status->in_reply_to = replied;
          status->in_reply_to_account = self->owner;
        }
      add_notification (pending_notifications, "mention", account, status, when);
    }

  for (guint kind = 0; kind < 2; kind++)
    {
      n = g_rand_int_range (rand, 0, 10) < (kind == 0 ? 5 : 2) ? g_rand_int_range (rand, 1, kind == 0 ? 5 : 3) : 0;
      for (guint i = 0; i < n; i++)
        {
          TestStatus *post = g_ptr_array_index (owner_posts, g_rand_int_range (rand, 0, owner_posts->len));
          gint64 when = random_time (rand, now, post->created_at);

          add_notification (pending_notifications, kind == 0 ? "favourite" : "reblog", account, post, when);
        }
    }

  if (followed && g_rand_int_range (rand, 0, 10) == 0)
    {
      gint64 when = random_time (rand, now, 0);
      TestStatus *status = add_status (self, account, when, "<p>New bake schedule is up.</p>");

      add_notification (pending_notifications, "status", account, status, when);
    }

  if (g_rand_int_range (rand, 0, 20) == 0)
    {
      TestStatus *post = g_ptr_array_index (owner_posts, g_rand_int_range (rand, 0, owner_posts->len));
      gint64 when = random_time (rand, now, post->created_at);
      TestStatus *status = add_status (self, account, when, "<p>This, absolutely.</p>");

      status->quote = post;
      add_notification (pending_notifications, "quote", account, status, when);
    }

  /* What the owner did to them. */
  n = followed && g_rand_int_range (rand, 0, 10) < 4 ? g_rand_int_range (rand, 1, 4) : 0;
  for (guint i = 0; i < n; i++)
    {
      gint64 theirs_at = random_time (rand, now, 0);
      TestStatus *theirs = add_status (self, account, theirs_at, "<p>Anyone know a good rye flour?</p>");
      gint64 when = random_time (rand, now, theirs_at);
      g_autofree char *mention = mention_html (self, account);
      g_autofree char *content = g_strdup_printf ("<p>%s Try the mill on Elm Street!</p>", mention);
      TestStatus *reply = add_status (self, self->owner, when, content);

      reply->in_reply_to = theirs;
      reply->in_reply_to_account = account;
      g_ptr_array_add (reply->mentions, account);
      add_interaction (self, TEND_MASTODON_TEST_REPLY_OUT, account, reply->id, when);
    }

  if (g_rand_int_range (rand, 0, 10) < 2)
    {
      gint64 when = random_time (rand, now, 0);
      g_autofree char *mention = mention_html (self, account);
      g_autofree char *content = g_strdup_printf ("<p>Thanks to %s for the photos!</p>", mention);
      TestStatus *status = add_status (self, self->owner, when, content);

      g_ptr_array_add (status->mentions, account);
      add_interaction (self, TEND_MASTODON_TEST_MENTION_OUT, account, status->id, when);
    }

  if (followed && g_rand_int_range (rand, 0, 10) < 2)
    {
      gint64 theirs_at = random_time (rand, now, 0);
      TestStatus *theirs = add_status (self, account, theirs_at, "<p>Our new menu &amp; hours.</p>");
      gint64 when = random_time (rand, now, theirs_at);
      TestStatus *boost = add_status (self, self->owner, when, "");

      boost->reblog = theirs;
      add_interaction (self, TEND_MASTODON_TEST_REBLOG_OUT, account, boost->id, when);
    }

  n = g_rand_int_range (rand, 0, 10) < 3 ? g_rand_int_range (rand, 1, 4) : 0;
  for (guint i = 0; i < n; i++)
    {
      gint64 when = random_time (rand, now, 0);
      TestStatus *theirs = add_status (self, account, when, "<p>Fresh out of the oven 🍞</p>");
      TestFavourite *favourite = g_new0 (TestFavourite, 1);

      favourite->status = theirs;
      g_ptr_array_add (self->favourites, favourite);
      add_interaction (self, TEND_MASTODON_TEST_FAVOURITE_OUT, account, theirs->id, when);
    }
}

static const struct {
  const char *type;
  TendMastodonTestInteractionKind kind;
} notification_kinds[] = {
  { "mention", TEND_MASTODON_TEST_MENTION_IN },
  { "favourite", TEND_MASTODON_TEST_FAVOURITE_IN },
  { "reblog", TEND_MASTODON_TEST_REBLOG_IN },
  { "follow", TEND_MASTODON_TEST_FOLLOW_IN },
  { "status", TEND_MASTODON_TEST_STATUS_IN },
  { "quote", TEND_MASTODON_TEST_QUOTE_IN },
};

/* Notification ids follow time, as on the real server; the interactions
 * they stand for are recorded once the ids are known. */
static void
assign_notification_ids (TendMastodonTestServer *self,
                         GPtrArray              *pending)
{
  g_ptr_array_sort (pending, compare_notifications);
  for (guint i = 0; i < pending->len; i++)
    {
      TestNotification *notification = g_ptr_array_index (pending, i);

      notification->id = i + 1;
      g_ptr_array_add (self->notifications, notification);
      for (guint k = 0; k < G_N_ELEMENTS (notification_kinds); k++)
        if (g_str_equal (notification->type, notification_kinds[k].type))
          add_interaction (self, notification_kinds[k].kind, notification->account,
                           notification->id, notification->created_at);
    }
}

void
tend_mastodon_test_server_populate (TendMastodonTestServer *self,
                                    guint                   n_followers_only,
                                    guint                   n_following_only,
                                    guint                   n_mutual)
{
  guint n_linked = n_followers_only + n_following_only + n_mutual;
  guint n_strangers = 2 + n_linked / 25;
  guint total = n_linked + n_strangers;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GPtrArray) followers = g_ptr_array_new ();
  g_autoptr(GPtrArray) following = g_ptr_array_new ();
  g_autoptr(GPtrArray) owner_posts = g_ptr_array_new ();
  g_autoptr(GPtrArray) pending = g_ptr_array_new ();
  guint n_posts = 5 + total / 10;

  g_return_if_fail (TEND_IS_MASTODON_TEST_SERVER (self));
  LOCK (self);

  clear_data (self);
  rand = g_rand_new_with_seed ((n_followers_only * 2654435761u) ^ (n_following_only * 40503u) ^ n_mutual ^ (guint32) self->now);

  for (guint i = 0; i < total; i++)
    {
      TestAccount *account = account_new (self, i, rand);

      g_ptr_array_add (self->accounts, account);
      g_hash_table_insert (self->accounts_by_id, account->id_str, account);
      if (i < n_followers_only || (i >= n_followers_only + n_following_only && i < n_linked))
        g_ptr_array_add (followers, account);
      if (i >= n_followers_only && i < n_linked)
        g_ptr_array_add (following, account);
    }
  for (guint i = 0; i < total; i++)
    {
      TestAccount *account = g_ptr_array_index (self->accounts, i);
      TestAccount *target = g_ptr_array_index (self->accounts, (i + 1) % total);

      if (i % 37 == 17 && target != account && target->moved == NULL && !account->suspended)
        account->moved = target;
    }
  add_follow_records (self, followers, TRUE, rand);
  add_follow_records (self, following, FALSE, rand);

  /* A pending request to a locked stranger: not in following. */
  {
    TestAccount *stranger = g_ptr_array_index (self->accounts, n_linked);

    stranger->locked = TRUE;
    stranger->requested = TRUE;
  }

  for (guint i = 0; i < n_posts; i++)
    {
      TestStatus *post = add_status (self, self->owner, random_time (rand, self->now, 0),
                                     "<p>Today's loaves: seeded rye, spelt &amp; a classic sourdough.</p>");
      g_ptr_array_add (owner_posts, post);
    }
  /* A thread: the owner replying to themselves is no interaction with anyone. */
  {
    TestStatus *first = g_ptr_array_index (owner_posts, 0);
    TestStatus *reply = add_status (self, self->owner, random_time (rand, self->now, first->created_at),
                                    "<p>Update: sold out by noon.</p>");
    reply->in_reply_to = first;
    reply->in_reply_to_account = self->owner;
  }

  for (guint i = 0; i < total; i++)
    populate_interactions (self, g_ptr_array_index (self->accounts, i), owner_posts, pending, rand);

  assign_notification_ids (self, pending);
  g_ptr_array_sort (self->owner_statuses, compare_status_times);
  g_ptr_array_sort (self->favourites, compare_favourites);
  for (guint i = 0; i < self->favourites->len; i++)
    ((TestFavourite *) g_ptr_array_index (self->favourites, i))->id = i + 1;
}

/* Paging */

typedef struct {
  guint64 max_id;               /* 0: none */
  guint64 since_id;
  guint64 min_id;
  guint limit;
} PageParams;

typedef gboolean (*PageFilter) (gconstpointer item,
                                gpointer      data);

static guint64
item_id (GPtrArray *items,
         guint      index)
{
  return *(guint64 *) g_ptr_array_index (items, index);
}

/* First index whose id is greater than or equal to @id. */
static guint
lower_bound (GPtrArray *items,
             guint64    id)
{
  guint low = 0, high = items->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (item_id (items, middle) < id)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

static void
page_params_parse (GPtrArray  *params,
                   guint       default_limit,
                   guint       max_limit,
                   PageParams *page)
{
  guint64 limit;

  memset (page, 0, sizeof *page);
  parse_id (params_get (params, "max_id"), &page->max_id);
  parse_id (params_get (params, "since_id"), &page->since_id);
  parse_id (params_get (params, "min_id"), &page->min_id);
  page->limit = default_limit;
  if (params_get (params, "limit") != NULL &&
      g_ascii_string_to_unsigned (params_get (params, "limit"), 10, 1, G_MAXUINT, &limit, NULL))
    page->limit = MIN ((guint) limit, max_limit);
}

/* Newest first, as every Mastodon list is. */
static GPtrArray *
select_page (GPtrArray        *items,
             const PageParams *page,
             PageFilter        filter,
             gpointer          filter_data)
{
  GPtrArray *selected = g_ptr_array_new ();

  if (page->min_id != 0)
    {
      /* The oldest items just above min_id, still returned newest first. */
      for (guint i = lower_bound (items, page->min_id + 1); i < items->len && selected->len < page->limit; i++)
        {
          if (page->max_id != 0 && item_id (items, i) >= page->max_id)
            break;
          if (filter == NULL || filter (g_ptr_array_index (items, i), filter_data))
            g_ptr_array_add (selected, g_ptr_array_index (items, i));
        }
      for (guint i = 0; i < selected->len / 2; i++)
        {
          gpointer swap = selected->pdata[i];

          selected->pdata[i] = selected->pdata[selected->len - 1 - i];
          selected->pdata[selected->len - 1 - i] = swap;
        }
      return selected;
    }

  for (guint i = page->max_id != 0 ? lower_bound (items, page->max_id) : items->len;
       i > 0 && selected->len < page->limit; i--)
    {
      if (item_id (items, i - 1) <= page->since_id)
        break;
      if (filter == NULL || filter (g_ptr_array_index (items, i - 1), filter_data))
        g_ptr_array_add (selected, g_ptr_array_index (items, i - 1));
    }
  return selected;
}

static char *
page_url (TestRequest *request,
          const char  *extra_key,
          guint64      extra_value)
{
  GString *query = g_string_new (NULL);
  g_autofree char *value = NULL;
  char *url;

  for (guint i = 0; i + 1 < request->query_params->len; i += 2)
    {
      const char *key = g_ptr_array_index (request->query_params, i);

      if (g_str_equal (key, "max_id") || g_str_equal (key, "since_id") || g_str_equal (key, "min_id"))
        continue;
      append_param (query, key, g_ptr_array_index (request->query_params, i + 1));
    }
  if (extra_key != NULL)
    {
      value = id_to_string (extra_value);
      append_param (query, extra_key, value);
    }
  url = g_strdup_printf ("%s%s%s%s", request->self->base_url, request->path,
                         query->len > 0 ? "?" : "", query->str);
  g_string_free (query, TRUE);
  return url;
}

static void
set_link_header (TestRequest *request,
                 GPtrArray   *page,
                 gboolean     has_next)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (request->msg);
  GString *link = g_string_new (NULL);
  g_autofree char *next = NULL;
  g_autofree char *prev = NULL;

  switch (request->misbehaviour)
    {
    case TEND_MASTODON_MISBEHAVIOUR_PAGINATION_LOOP:
      next = page_url (request, NULL, 0);
      break;
    case TEND_MASTODON_MISBEHAVIOUR_SAME_PAGE_FOREVER:
      next = g_strdup_printf ("%s%s%s%s", request->self->base_url, request->path,
                              request->query != NULL ? "?" : "",
                              request->query != NULL ? request->query : "");
      break;
    default:
      if (has_next && page->len > 0)
        next = page_url (request, "max_id", *(guint64 *) g_ptr_array_index (page, page->len - 1));
      break;
    }
  if (page->len > 0)
    prev = page_url (request, "min_id", *(guint64 *) g_ptr_array_index (page, 0));

  if (next != NULL)
    g_string_append_printf (link, "<%s>; rel=\"next\"", next);
  if (prev != NULL)
    g_string_append_printf (link, "%s<%s>; rel=\"prev\"", link->len > 0 ? ", " : "", prev);
  if (link->len > 0)
    soup_message_headers_replace (headers, "Link", link->str);
  g_string_free (link, TRUE);
}

/* Replies */

static void
send_body (TestRequest *request,
           guint        status,
           const char  *content_type,
           char        *body)
{
  gsize length = strlen (body);

  if (request->misbehaviour == TEND_MASTODON_MISBEHAVIOUR_TRUNCATED_JSON)
    length /= 2;
  soup_server_message_set_status (request->msg, status, NULL);
  soup_server_message_set_response (request->msg, content_type, SOUP_MEMORY_TAKE, body, length);
}

static void
send_json (TestRequest *request,
           guint        status,
           JsonNode    *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, root);
  send_body (request, status, "application/json; charset=utf-8",
             json_generator_to_data (generator, NULL));
}

static void
send_builder (TestRequest *request,
              JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  if (request->misbehaviour == TEND_MASTODON_MISBEHAVIOUR_PAGE_NOT_ARRAY && JSON_NODE_HOLDS_ARRAY (root))
    {
      g_autoptr(JsonObject) wrapper = json_object_new ();
      g_autoptr(JsonNode) object = json_node_new (JSON_NODE_OBJECT);

      json_object_set_member (wrapper, "data", g_steal_pointer (&root));
      json_node_set_object (object, wrapper);
      send_json (request, SOUP_STATUS_OK, object);
      return;
    }
  send_json (request, SOUP_STATUS_OK, root);
}

static void
send_error (TestRequest *request,
            guint        status,
            const char  *error,
            const char  *description)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  TendMastodonMisbehaviour misbehaviour = request->misbehaviour;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, error);
  if (description != NULL)
    {
      json_builder_set_member_name (builder, "error_description");
      json_builder_add_string_value (builder, description);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  /* Errors are never what a misbehaviour garbles. */
  request->misbehaviour = TEND_MASTODON_MISBEHAVIOUR_NONE;
  send_json (request, status, root);
  request->misbehaviour = misbehaviour;
}

static WrongType
wrong_for_index (TestRequest *request,
                 guint        index)
{
  if (request->misbehaviour != TEND_MASTODON_MISBEHAVIOUR_WRONG_TYPE_JSON)
    return WRONG_NONE;
  return index == 0 ? WRONG_ID : index == 1 ? WRONG_DISPLAY_NAME : WRONG_NONE;
}

/* Rate limit */

static double
server_clock (TendMastodonTestServer *self,
              gint64                  real_us)
{
  return (double) (real_us - self->clock_origin_us) / G_USEC_PER_SEC * self->clock_scale;
}

static gint64
real_time_of (TendMastodonTestServer *self,
              double                  server_seconds)
{
  return self->clock_origin_us + (gint64) (server_seconds / self->clock_scale * G_USEC_PER_SEC);
}

static void
set_rate_limit_headers (TestRequest *request,
                        guint        remaining,
                        gint64       reset_real_us)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (request->msg);
  g_autofree char *limit = g_strdup_printf ("%u", request->self->rate_limit);
  g_autofree char *left = g_strdup_printf ("%u", remaining);
  g_autofree char *reset = format_real_time_us (reset_real_us);

  soup_message_headers_replace (headers, "X-RateLimit-Limit", limit);
  soup_message_headers_replace (headers, "X-RateLimit-Remaining", left);
  soup_message_headers_replace (headers, "X-RateLimit-Reset", reset);
}

/* Counts the request in its window; FALSE when it is over the limit. */
static gboolean
count_rate_limit (TestRequest *request)
{
  TendMastodonTestServer *self = request->self;
  gint64 real_now = g_get_real_time ();
  double clock = server_clock (self, real_now);
  gint64 window = (gint64) (clock / self->window_seconds);
  gint64 reset_us = real_time_of (self, (double) (window + 1) * self->window_seconds);

  if (window != self->current_window)
    {
      self->current_window = window;
      self->requests_in_window = 0;
    }
  self->requests_in_window++;
  self->max_requests_in_window = MAX (self->max_requests_in_window, self->requests_in_window);

  set_rate_limit_headers (request,
                          self->requests_in_window >= self->rate_limit ? 0 : self->rate_limit - self->requests_in_window,
                          reset_us);
  return self->requests_in_window <= self->rate_limit;
}

/* Authorization */

static gboolean
scope_allows (const char *granted,
              const char *needed)
{
  g_auto(GStrv) scopes = g_strsplit (granted != NULL ? granted : "", " ", -1);
  g_autofree char *family = g_strndup (needed, strcspn (needed, ":"));

  for (guint i = 0; scopes[i] != NULL; i++)
    {
      if (g_str_equal (scopes[i], needed) || g_str_equal (scopes[i], family))
        return TRUE;
      /* The deprecated "follow" scope covers follow reads and writes. */
      if (g_str_equal (scopes[i], "follow") && g_str_has_suffix (needed, ":follows"))
        return TRUE;
    }
  return FALSE;
}

static gboolean
scopes_subset (const char  *requested,
               char       **allowed)
{
  g_auto(GStrv) wanted = g_strsplit (requested, " ", -1);

  for (guint i = 0; wanted[i] != NULL; i++)
    {
      gboolean found = FALSE;

      if (*wanted[i] == '\0')
        continue;
      for (guint j = 0; allowed[j] != NULL && !found; j++)
        found = g_str_equal (wanted[i], allowed[j]) ||
                (g_str_has_prefix (wanted[i], allowed[j]) && wanted[i][strlen (allowed[j])] == ':');
      if (!found)
        return FALSE;
    }
  return TRUE;
}

static TestToken *
authorize (TestRequest *request,
           const char  *needed_scope)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (request->msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  TestToken *token = NULL;

  if (authorization != NULL && g_ascii_strncasecmp (authorization, "Bearer ", 7) == 0)
    token = g_hash_table_lookup (request->self->tokens, authorization + 7);
  if (token == NULL)
    {
      send_error (request, SOUP_STATUS_UNAUTHORIZED, INVALID_TOKEN_MESSAGE, NULL);
      return NULL;
    }
  if (!scope_allows (token->scopes, needed_scope))
    {
      send_error (request, SOUP_STATUS_FORBIDDEN, "This action is outside the authorized scopes", NULL);
      return NULL;
    }
  return token;
}

/* OAuth */

/* Client credentials come in the form or, as RFC 6749 prefers, as HTTP
 * Basic authentication; the real server takes both. */
static TestApp *
lookup_client (TestRequest *request)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (request->msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  const char *client_id = params_get (request->params, "client_id");
  const char *secret = params_get (request->params, "client_secret");
  g_autofree char *basic = NULL;
  TestApp *app;

  if (client_id == NULL && authorization != NULL && g_ascii_strncasecmp (authorization, "Basic ", 6) == 0)
    {
      gsize length;
      guchar *decoded = g_base64_decode (authorization + 6, &length);
      char *colon;

      basic = g_strndup ((const char *) decoded, length);
      g_free (decoded);
      colon = strchr (basic, ':');
      if (colon != NULL)
        {
          *colon = '\0';
          client_id = basic;
          secret = colon + 1;
        }
    }

  app = g_hash_table_lookup (request->self->apps, client_id != NULL ? client_id : "");
  if (app == NULL || secret == NULL || !g_str_equal (secret, app->client_secret))
    return NULL;
  return app;
}

static void
handle_apps (TestRequest *request)
{
  TendMastodonTestServer *self = request->self;
  const char *name = params_get (request->params, "client_name");
  const char *redirects = params_get (request->params, "redirect_uris");
  const char *scopes = params_get (request->params, "scopes");
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GStrvBuilder) uris = g_strv_builder_new ();
  g_autofree char *app_id = NULL;
  TestApp *app;

  if (redirects != NULL)
    {
      g_auto(GStrv) split = g_strsplit_set (redirects, " \n", -1);

      for (guint i = 0; split[i] != NULL; i++)
        if (*split[i] != '\0')
          g_strv_builder_add (uris, split[i]);
    }
  for (guint i = 0; i + 1 < request->params->len; i += 2)
    if (g_str_equal (g_ptr_array_index (request->params, i), "redirect_uris[]"))
      g_strv_builder_add (uris, g_ptr_array_index (request->params, i + 1));

  app = g_new0 (TestApp, 1);
  app->redirect_uris = g_strv_builder_end (uris);
  app->scopes = g_strsplit (scopes != NULL && *scopes != '\0' ? scopes : "read", " ", -1);
  if (name == NULL || *name == '\0' || app->redirect_uris[0] == NULL)
    {
      test_app_free (app);
      send_error (request, SOUP_STATUS_UNPROCESSABLE_ENTITY,
                  "Validation failed: Name can't be blank, Redirect URI can't be blank", NULL);
      return;
    }
  for (guint i = 0; app->redirect_uris[i] != NULL; i++)
    {
      g_autoptr(GUri) uri = g_uri_parse (app->redirect_uris[i], G_URI_FLAGS_NONE, NULL);

      if (uri == NULL && !g_str_equal (app->redirect_uris[i], "urn:ietf:wg:oauth:2.0:oob"))
        {
          test_app_free (app);
          send_error (request, SOUP_STATUS_UNPROCESSABLE_ENTITY,
                      "Validation failed: Redirect URI must be an absolute URI.", NULL);
          return;
        }
    }
  app->id = self->next_app_id++;
  app->name = g_strdup (name);
  app->website = g_strdup (params_get (request->params, "website"));
  app->client_id = random_token ();
  app->client_secret = random_token ();
  g_hash_table_insert (self->apps, app->client_id, app);

  app_id = id_to_string (app->id);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, app_id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, app->name);
  json_builder_set_member_name (builder, "website");
  if (app->website != NULL)
    json_builder_add_string_value (builder, app->website);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "scopes");
  json_builder_begin_array (builder);
  for (guint i = 0; app->scopes[i] != NULL; i++)
    json_builder_add_string_value (builder, app->scopes[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "redirect_uri");
  {
    g_autofree char *joined = g_strjoinv ("\n", app->redirect_uris);
    json_builder_add_string_value (builder, joined);
  }
  json_builder_set_member_name (builder, "redirect_uris");
  json_builder_begin_array (builder);
  for (guint i = 0; app->redirect_uris[i] != NULL; i++)
    json_builder_add_string_value (builder, app->redirect_uris[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "client_id");
  json_builder_add_string_value (builder, app->client_id);
  json_builder_set_member_name (builder, "client_secret");
  json_builder_add_string_value (builder, app->client_secret);
  json_builder_set_member_name (builder, "client_secret_expires_at");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "vapid_key");
  json_builder_add_string_value (builder, "BCk-QqERU0q-CfYZjcuB6lnyyOYfJ2AifKqfeGIm7Z-HiTU5T9eTG5GxVA0_OH5mMlI4UkkDTpaZwozy0TzdZ2M=");
  json_builder_end_object (builder);
  send_builder (request, builder);
}

static void
send_html (TestRequest *request,
           guint        status,
           const char  *heading,
           const char  *text)
{
  g_autofree char *escaped_heading = g_markup_escape_text (heading, -1);
  g_autofree char *escaped_text = g_markup_escape_text (text, -1);

  send_body (request, status, "text/html; charset=utf-8",
             g_strdup_printf ("<!DOCTYPE html>\n<html><head><title>%s</title></head><body>"
                              "<h1>%s</h1><input class=\"oauth-code\" readonly type=\"text\" value=\"%s\">"
                              "</body></html>\n",
                              escaped_heading, escaped_heading, escaped_text));
}

static void
redirect_with (TestRequest *request,
               const char  *redirect_uri,
               GString     *params)
{
  g_autofree char *location = g_strdup_printf ("%s%c%s", redirect_uri,
                                               strchr (redirect_uri, '?') != NULL ? '&' : '?',
                                               params->str);

  soup_server_message_set_redirect (request->msg, SOUP_STATUS_FOUND, location);
}

static void
handle_authorize (TestRequest *request)
{
  TendMastodonTestServer *self = request->self;
  const char *client_id = params_get (request->params, "client_id");
  TestApp *app = client_id != NULL ? g_hash_table_lookup (self->apps, client_id) : NULL;
  const char *redirect_uri = params_get (request->params, "redirect_uri");
  const char *scope = params_get (request->params, "scope");
  const char *state = params_get (request->params, "state");
  const char *challenge = params_get (request->params, "code_challenge");
  const char *method = params_get (request->params, "code_challenge_method");
  gboolean oob;
  g_autoptr(GString) reply = g_string_new (NULL);
  const char *error = NULL;

  if (app == NULL)
    {
      send_html (request, SOUP_STATUS_UNAUTHORIZED, "Client authentication failed", "invalid_client");
      return;
    }
  if (redirect_uri == NULL || !g_strv_contains ((const char * const *) app->redirect_uris, redirect_uri))
    {
      send_html (request, SOUP_STATUS_BAD_REQUEST, "The redirect uri included is not valid.", "invalid_redirect_uri");
      return;
    }
  oob = g_str_equal (redirect_uri, "urn:ietf:wg:oauth:2.0:oob");

  if (g_strcmp0 (params_get (request->params, "response_type"), "code") != 0)
    error = "unsupported_response_type";
  else if (!scopes_subset (scope != NULL ? scope : "read", app->scopes))
    error = "invalid_scope";
  else if (challenge == NULL || g_strcmp0 (method, "S256") != 0)
    error = "invalid_request";
  else if (self->deny_authorization)
    error = "access_denied";

  if (error == NULL)
    {
      TestGrant *grant = g_new0 (TestGrant, 1);
      g_autofree char *code = random_token ();

      grant->client_id = g_strdup (app->client_id);
      grant->redirect_uri = g_strdup (redirect_uri);
      grant->scopes = g_strdup (scope != NULL ? scope : "read");
      grant->code_challenge = g_strdup (challenge);
      g_hash_table_insert (self->grants, g_strdup (code), grant);
      if (oob)
        {
          send_html (request, SOUP_STATUS_OK, "Authorization code", code);
          return;
        }
      append_param (reply, "code", code);
    }
  else
    {
      if (oob)
        {
          send_html (request, SOUP_STATUS_BAD_REQUEST, "An error has occurred", error);
          return;
        }
      append_param (reply, "error", error);
    }
  if (state != NULL)
    append_param (reply, "state", state);
  redirect_with (request, redirect_uri, reply);
}

static void
handle_token (TestRequest *request)
{
  TendMastodonTestServer *self = request->self;
  TestApp *app = lookup_client (request);
  const char *code = params_get (request->params, "code");
  const char *verifier = params_get (request->params, "code_verifier");
  TestGrant *grant;
  g_autofree char *challenge = NULL;
  g_autofree char *access_token = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  TestToken *token;

  if (g_strcmp0 (params_get (request->params, "grant_type"), "authorization_code") != 0)
    {
      send_error (request, SOUP_STATUS_BAD_REQUEST, "unsupported_grant_type",
                  "The authorization grant type is not supported by the authorization server.");
      return;
    }
  if (app == NULL)
    {
      send_error (request, SOUP_STATUS_UNAUTHORIZED, "invalid_client",
                  "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.");
      return;
    }
  grant = g_hash_table_lookup (self->grants, code != NULL ? code : "");
  if (grant != NULL && verifier != NULL)
    challenge = pkce_challenge (verifier);
  if (grant == NULL ||
      !g_str_equal (grant->client_id, app->client_id) ||
      g_strcmp0 (grant->redirect_uri, params_get (request->params, "redirect_uri")) != 0 ||
      challenge == NULL || !g_str_equal (challenge, grant->code_challenge))
    {
      send_error (request, SOUP_STATUS_BAD_REQUEST, "invalid_grant",
                  "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.");
      return;
    }

  token = g_new0 (TestToken, 1);
  token->client_id = g_strdup (app->client_id);
  token->scopes = g_strdup (grant->scopes);
  access_token = random_token ();
  g_hash_table_insert (self->tokens, g_strdup (access_token), token);
  g_hash_table_remove (self->grants, code);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "access_token");
  json_builder_add_string_value (builder, access_token);
  json_builder_set_member_name (builder, "token_type");
  json_builder_add_string_value (builder, "Bearer");
  json_builder_set_member_name (builder, "scope");
  json_builder_add_string_value (builder, token->scopes);
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_int_value (builder, g_get_real_time () / G_USEC_PER_SEC);
  json_builder_end_object (builder);
  send_builder (request, builder);
}

static void
handle_revoke (TestRequest *request)
{
  TestApp *app = lookup_client (request);
  const char *token_text = params_get (request->params, "token");
  TestToken *token;
  g_autoptr(JsonNode) empty = json_node_new (JSON_NODE_OBJECT);

  if (app == NULL)
    {
      send_error (request, SOUP_STATUS_FORBIDDEN, "unauthorized_client",
                  "You are not authorized to revoke this token");
      return;
    }
  token = g_hash_table_lookup (request->self->tokens, token_text != NULL ? token_text : "");
  if (token != NULL && g_strcmp0 (token->client_id, app->client_id) == 0)
    g_hash_table_remove (request->self->tokens, token_text);
  json_node_take_object (empty, json_object_new ());
  send_json (request, SOUP_STATUS_OK, empty);
}

/* API */

static TestAccount *
lookup_account (TestRequest *request,
                const char  *id)
{
  TestAccount *account;

  if (g_strcmp0 (id, request->self->owner->id_str) == 0)
    return request->self->owner;
  account = g_hash_table_lookup (request->self->accounts_by_id, id);
  if (account == NULL)
    send_error (request, SOUP_STATUS_NOT_FOUND, "Record not found", NULL);
  return account;
}

static void
handle_verify_credentials (TestRequest *request)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (authorize (request, "read:accounts") == NULL)
    return;
  build_owner (builder, request->self, wrong_for_index (request, 0));
  send_builder (request, builder);
}

static void
handle_account (TestRequest *request,
                const char  *id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  TestAccount *account;

  if (authorize (request, "read:accounts") == NULL || (account = lookup_account (request, id)) == NULL)
    return;
  if (account == request->self->owner)
    build_owner (builder, request->self, wrong_for_index (request, 0));
  else
    build_account (builder, request->self, account, wrong_for_index (request, 0));
  send_builder (request, builder);
}

static void
handle_follow_list (TestRequest *request,
                    const char  *id,
                    gboolean     followers)
{
  TendMastodonTestServer *self = request->self;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) nothing = g_ptr_array_new ();
  PageParams params;
  TestAccount *account;

  if (authorize (request, "read:accounts") == NULL || (account = lookup_account (request, id)) == NULL)
    return;

  /* Only the owner's lists exist here; everyone else's are empty. */
  page_params_parse (request->params, ACCOUNTS_DEFAULT_LIMIT, ACCOUNTS_MAX_LIMIT, &params);
  page = select_page (account != self->owner ? nothing : followers ? self->followers : self->following,
                      &params, NULL, NULL);
  json_builder_begin_array (builder);
  for (guint i = 0; i < page->len; i++)
    build_account (builder, self, ((FollowRecord *) g_ptr_array_index (page, i))->account,
                   wrong_for_index (request, i));
  json_builder_end_array (builder);
  /* Like the real server: a next link only after a full page. */
  set_link_header (request, page, page->len == params.limit);
  send_builder (request, builder);
}

static gboolean
notification_filter (gconstpointer item,
                     gpointer      data)
{
  const TestNotification *notification = item;
  GPtrArray *params = data;

  if (params_has_key (params, "types[]") && !params_has_value (params, "types[]", notification->type))
    return FALSE;
  return !params_has_value (params, "exclude_types[]", notification->type);
}

static void
handle_notifications (TestRequest *request)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) page = NULL;
  PageParams params;

  if (authorize (request, "read:notifications") == NULL)
    return;
  page_params_parse (request->params, NOTIFICATIONS_DEFAULT_LIMIT, NOTIFICATIONS_MAX_LIMIT, &params);
  page = select_page (request->self->notifications, &params, notification_filter, request->params);
  json_builder_begin_array (builder);
  for (guint i = 0; i < page->len; i++)
    build_notification (builder, request->self, g_ptr_array_index (page, i), wrong_for_index (request, i));
  json_builder_end_array (builder);
  /* Notifications give a next link whenever the page is not empty. */
  set_link_header (request, page, TRUE);
  send_builder (request, builder);
}

static gboolean
status_filter (gconstpointer item,
               gpointer      data)
{
  const TestStatus *status = item;
  GPtrArray *params = data;

  if (g_strcmp0 (params_get (params, "exclude_reblogs"), "true") == 0 && status->reblog != NULL)
    return FALSE;
  /* Replies to oneself stay, as on the real server. */
  if (g_strcmp0 (params_get (params, "exclude_replies"), "true") == 0 &&
      status->in_reply_to_account != NULL && status->in_reply_to_account != status->account)
    return FALSE;
  return g_strcmp0 (params_get (params, "only_media"), "true") != 0 &&
         g_strcmp0 (params_get (params, "pinned"), "true") != 0;
}

static void
handle_statuses (TestRequest *request,
                 const char  *id)
{
  TendMastodonTestServer *self = request->self;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) nothing = g_ptr_array_new ();
  PageParams params;
  TestAccount *account;

  if (authorize (request, "read:statuses") == NULL || (account = lookup_account (request, id)) == NULL)
    return;
  page_params_parse (request->params, STATUSES_DEFAULT_LIMIT, STATUSES_MAX_LIMIT, &params);
  page = select_page (account == self->owner ? self->owner_statuses : nothing, &params, status_filter, request->params);
  json_builder_begin_array (builder);
  for (guint i = 0; i < page->len; i++)
    build_status (builder, self, g_ptr_array_index (page, i), wrong_for_index (request, i));
  json_builder_end_array (builder);
  set_link_header (request, page, page->len == params.limit);
  send_builder (request, builder);
}

static void
handle_favourites (TestRequest *request)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) page = NULL;
  PageParams params;

  if (authorize (request, "read:favourites") == NULL)
    return;
  page_params_parse (request->params, STATUSES_DEFAULT_LIMIT, STATUSES_MAX_LIMIT, &params);
  page = select_page (request->self->favourites, &params, NULL, NULL);
  json_builder_begin_array (builder);
  for (guint i = 0; i < page->len; i++)
    build_status (builder, request->self, ((TestFavourite *) g_ptr_array_index (page, i))->status,
                  wrong_for_index (request, i));
  json_builder_end_array (builder);
  /* The ids in the links are favourite ids, which no status shows. */
  set_link_header (request, page, page->len == params.limit);
  send_builder (request, builder);
}

static void
handle_relationships (TestRequest *request)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (authorize (request, "read:follows") == NULL)
    return;
  json_builder_begin_array (builder);
  for (guint i = 0; i + 1 < request->params->len; i += 2)
    {
      TestAccount *account;

      if (!g_str_equal (g_ptr_array_index (request->params, i), "id[]"))
        continue;
      account = g_hash_table_lookup (request->self->accounts_by_id, g_ptr_array_index (request->params, i + 1));
      if (account != NULL)
        build_relationship (builder, account);
    }
  json_builder_end_array (builder);
  send_builder (request, builder);
}

static void
remove_follow_record (GPtrArray *records,
                      guint64    id)
{
  guint index = lower_bound (records, id);

  if (index < records->len && item_id (records, index) == id)
    g_ptr_array_remove_index (records, index);
}

static void
handle_follow_action (TestRequest *request,
                      const char  *id,
                      const char  *action)
{
  TendMastodonTestServer *self = request->self;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  TestAccount *account;

  if (authorize (request, "write:follows") == NULL || (account = lookup_account (request, id)) == NULL)
    return;
  if (account == self->owner)
    {
      send_error (request, SOUP_STATUS_FORBIDDEN, "This action is not allowed", NULL);
      return;
    }

  if (g_str_equal (action, "follow"))
    {
      if (account->following_record == 0 && account->locked)
        account->requested = TRUE;
      else if (account->following_record == 0)
        {
          FollowRecord *record = g_new0 (FollowRecord, 1);

          record->id = self->next_follow_record++;
          record->account = account;
          account->following_record = record->id;
          g_ptr_array_add (self->following, record);
        }
    }
  else if (g_str_equal (action, "unfollow"))
    {
      remove_follow_record (self->following, account->following_record);
      account->following_record = 0;
      account->requested = FALSE;
    }
  else
    {
      remove_follow_record (self->followers, account->follower_record);
      account->follower_record = 0;
    }

  build_relationship (builder, account);
  send_builder (request, builder);
}

/* Routing */

static void
route (TestRequest *request)
{
  g_auto(GStrv) parts = g_strsplit (request->path, "/", -1);
  guint n_parts = g_strv_length (parts);
  gboolean get = g_str_equal (request->method, "GET");
  gboolean post = g_str_equal (request->method, "POST");

  /* parts[0] is the empty string before the leading slash. */
  if (post && g_str_equal (request->path, "/api/v1/apps"))
    handle_apps (request);
  else if (get && g_str_equal (request->path, "/oauth/authorize"))
    handle_authorize (request);
  else if (post && g_str_equal (request->path, "/oauth/token"))
    handle_token (request);
  else if (post && g_str_equal (request->path, "/oauth/revoke"))
    handle_revoke (request);
  else if (get && g_str_equal (request->path, "/api/v1/accounts/verify_credentials"))
    handle_verify_credentials (request);
  else if (get && g_str_equal (request->path, "/api/v1/accounts/relationships"))
    handle_relationships (request);
  else if (get && g_str_equal (request->path, "/api/v1/notifications"))
    handle_notifications (request);
  else if (get && g_str_equal (request->path, "/api/v1/favourites"))
    handle_favourites (request);
  else if (n_parts == 5 && get && g_str_equal (parts[1], "api") && g_str_equal (parts[3], "accounts") &&
           g_str_equal (parts[2], "v1"))
    handle_account (request, parts[4]);
  else if (n_parts == 6 && g_str_equal (parts[1], "api") && g_str_equal (parts[2], "v1") &&
           g_str_equal (parts[3], "accounts"))
    {
      const char *id = parts[4];
      const char *what = parts[5];

      if (get && g_str_equal (what, "followers"))
        handle_follow_list (request, id, TRUE);
      else if (get && g_str_equal (what, "following"))
        handle_follow_list (request, id, FALSE);
      else if (get && g_str_equal (what, "statuses"))
        handle_statuses (request, id);
      else if (post && (g_str_equal (what, "follow") || g_str_equal (what, "unfollow") ||
                        g_str_equal (what, "remove_from_followers")))
        handle_follow_action (request, id, what);
      else
        send_error (request, SOUP_STATUS_NOT_FOUND, "Record not found", NULL);
    }
  else
    send_error (request, SOUP_STATUS_NOT_FOUND, "Record not found", NULL);
}

/* Misbehaviour */

static TendMastodonMisbehaviour
pick_misbehaviour (TendMastodonTestServer *self,
                   const char             *path)
{
  TendMastodonMisbehaviour picked = TEND_MASTODON_MISBEHAVIOUR_NONE;

  for (guint i = 0; i < self->rules->len; i++)
    {
      TestRule *rule = g_ptr_array_index (self->rules, i);

      if (rule->path_prefix != NULL && !g_str_has_prefix (path, rule->path_prefix))
        continue;
      rule->seen++;
      if (picked == TEND_MASTODON_MISBEHAVIOUR_NONE && rule->seen > rule->after &&
          (rule->times == 0 || rule->seen <= rule->after + rule->times))
        picked = rule->what;
    }
  return picked;
}

static const char *
oversized_chunk (void)
{
  static char *chunk = NULL;

  if (g_once_init_enter (&chunk))
    {
      static const char item[] = "{\"id\":\"1\",\"username\":\"padding\",\"acct\":\"padding\"},";
      char *filled = g_malloc (OVERSIZED_CHUNK_BYTES);
      gsize item_len = sizeof item - 1;

      for (gsize at = 0; at < OVERSIZED_CHUNK_BYTES; at++)
        filled[at] = item[at % item_len];
      g_once_init_leave (&chunk, filled);
    }
  return chunk;
}

static void
write_oversized_chunk (SoupServerMessage *msg,
                       gpointer           user_data)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  guint *chunks_left = g_object_get_data (G_OBJECT (msg), "tend-chunks-left");

  if (*chunks_left > 0)
    {
      (*chunks_left)--;
      soup_message_body_append (body, SOUP_MEMORY_STATIC, oversized_chunk (), OVERSIZED_CHUNK_BYTES);
    }
  else
    {
      soup_message_body_append (body, SOUP_MEMORY_STATIC, "{}]", 3);
      soup_message_body_complete (body);
      g_signal_handlers_disconnect_by_func (msg, write_oversized_chunk, user_data);
    }
  soup_server_message_unpause (msg);
}

static void
send_oversized (TestRequest *request)
{
  SoupServerMessage *msg = request->msg;
  guint *chunks_left = g_new (guint, 1);

  *chunks_left = OVERSIZED_BODY_BYTES / OVERSIZED_CHUNK_BYTES;
  g_object_set_data_full (G_OBJECT (msg), "tend-chunks-left", chunks_left, g_free);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg), SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg), "application/json", NULL);
  soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_STATIC, "[", 1);
  g_signal_connect (msg, "wrote-chunk", G_CALLBACK (write_oversized_chunk), NULL);
}

static void
finish_request (TestRequest *request)
{
  g_hash_table_remove (request->self->pending_requests, request);
}

static gboolean
slow_reply_cb (gpointer user_data)
{
  TestRequest *request = user_data;
  LOCK (request->self);

  g_clear_pointer (&request->slow_timeout, g_source_unref);
  route (request);
  soup_server_message_unpause (request->msg);
  finish_request (request);
  return G_SOURCE_REMOVE;
}

static void
respond (TestRequest *request)
{
  TendMastodonTestServer *self = request->self;
  gboolean within_limit = TRUE;

  request->misbehaviour = pick_misbehaviour (self, request->path);
  if (request->is_api)
    within_limit = count_rate_limit (request);

  if (!within_limit)
    {
      self->n_rate_limited++;
      send_error (request, STATUS_TOO_MANY_REQUESTS, "Too many requests", NULL);
      finish_request (request);
      return;
    }

  switch (request->misbehaviour)
    {
    case TEND_MASTODON_MISBEHAVIOUR_RATE_LIMIT_429:
      {
        double clock = server_clock (self, g_get_real_time ());

        set_rate_limit_headers (request, 0, real_time_of (self, clock + 2.0));
        send_error (request, STATUS_TOO_MANY_REQUESTS, "Too many requests", NULL);
      }
      break;
    case TEND_MASTODON_MISBEHAVIOUR_SERVER_ERROR_500:
      send_error (request, SOUP_STATUS_INTERNAL_SERVER_ERROR,
                  "We're sorry, but something went wrong on our end.", NULL);
      break;
    case TEND_MASTODON_MISBEHAVIOUR_EXPIRED_TOKEN:
      send_error (request, SOUP_STATUS_UNAUTHORIZED, INVALID_TOKEN_MESSAGE, NULL);
      break;
    case TEND_MASTODON_MISBEHAVIOUR_OVERSIZED_BODY:
      send_oversized (request);
      break;
    case TEND_MASTODON_MISBEHAVIOUR_SLOW:
      soup_server_message_pause (request->msg);
      request->slow_timeout = g_timeout_source_new (self->slow_delay_ms);
      g_source_set_callback (request->slow_timeout, slow_reply_cb, request, NULL);
      g_source_attach (request->slow_timeout, self->context);
      return;
    default:
      route (request);
      break;
    }
  finish_request (request);
}

static void
handle_request (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  TendMastodonTestServer *self = user_data;
  LOCK (self);
  TestRequest *request = g_new0 (TestRequest, 1);
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  const char *content_type = soup_message_headers_get_content_type (request_headers, NULL);
  GString *entry;

  request->self = self;
  request->msg = g_object_ref (msg);
  request->method = g_strdup (soup_server_message_get_method (msg));
  request->path = g_strdup (path);
  request->query = g_strdup (g_uri_get_query (soup_server_message_get_uri (msg)));
  request->query_params = g_ptr_array_new_with_free_func (g_free);
  request->params = g_ptr_array_new_with_free_func (g_free);
  request->is_api = g_str_has_prefix (path, "/api/");
  params_parse_form (request->query_params, request->query);
  for (guint i = 0; i < request->query_params->len; i++)
    g_ptr_array_add (request->params, g_strdup (g_ptr_array_index (request->query_params, i)));

  if (body->length > 0 && content_type != NULL)
    {
      g_autofree char *data = g_strndup (body->data, body->length);

      if (g_ascii_strcasecmp (content_type, "application/x-www-form-urlencoded") == 0)
        params_parse_form (request->params, data);
      else if (g_ascii_strcasecmp (content_type, "application/json") == 0)
        params_parse_json (request->params, body->data, body->length);
      else if (g_ascii_strcasecmp (content_type, "multipart/form-data") == 0)
        {
          g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
          params_parse_multipart (request->params, request_headers, bytes);
        }
    }

  entry = g_string_new (NULL);
  g_string_append_printf (entry, "%s %s", request->method, path);
  if (request->query != NULL)
    g_string_append_printf (entry, "?%s", request->query);
  if (request->params->len > request->query_params->len)
    {
      g_autofree char *fields = body_params_for_log (request);
      g_string_append_printf (entry, " %s", fields);
    }
  g_ptr_array_add (self->requests, g_string_free (entry, FALSE));

  g_hash_table_add (self->pending_requests, request);
  respond (request);
}

/* GObject */

static void
tend_mastodon_test_server_dispose (GObject *object)
{
  TendMastodonTestServer *self = TEND_MASTODON_TEST_SERVER (object);

  if (self->thread != NULL)
    {
      g_main_loop_quit (self->loop);
      g_clear_pointer (&self->thread, g_thread_join);
      g_clear_pointer (&self->loop, g_main_loop_unref);
    }
  /* Whatever is torn down here belongs to the serving context. */
  if (self->context != NULL)
    g_main_context_push_thread_default (self->context);
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_hash_table_remove_all (self->pending_requests);
  if (self->context != NULL)
    g_main_context_pop_thread_default (self->context);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (tend_mastodon_test_server_parent_class)->dispose (object);
}

static void
tend_mastodon_test_server_finalize (GObject *object)
{
  TendMastodonTestServer *self = TEND_MASTODON_TEST_SERVER (object);

  g_free (self->base_url);
  g_ptr_array_unref (self->interactions);
  g_ptr_array_unref (self->favourites);
  g_ptr_array_unref (self->notifications);
  g_ptr_array_unref (self->owner_statuses);
  g_ptr_array_unref (self->statuses);
  g_ptr_array_unref (self->following);
  g_ptr_array_unref (self->followers);
  g_hash_table_unref (self->accounts_by_id);
  g_ptr_array_unref (self->accounts);
  g_clear_pointer (&self->owner, test_account_free);
  g_hash_table_unref (self->apps);
  g_hash_table_unref (self->grants);
  g_hash_table_unref (self->tokens);
  g_ptr_array_unref (self->rules);
  g_ptr_array_unref (self->requests);
  g_hash_table_unref (self->pending_requests);
  g_rec_mutex_clear (&self->lock);

  G_OBJECT_CLASS (tend_mastodon_test_server_parent_class)->finalize (object);
}

static void
tend_mastodon_test_server_class_init (TendMastodonTestServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tend_mastodon_test_server_dispose;
  object_class->finalize = tend_mastodon_test_server_finalize;
}

static void
tend_mastodon_test_server_init (TendMastodonTestServer *self)
{
  g_rec_mutex_init (&self->lock);
  self->accounts = g_ptr_array_new_with_free_func (test_account_free);
  self->accounts_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->followers = g_ptr_array_new_with_free_func (g_free);
  self->following = g_ptr_array_new_with_free_func (g_free);
  self->statuses = g_ptr_array_new_with_free_func (test_status_free);
  self->owner_statuses = g_ptr_array_new ();
  self->notifications = g_ptr_array_new_with_free_func (g_free);
  self->favourites = g_ptr_array_new_with_free_func (g_free);
  self->interactions = g_ptr_array_new_with_free_func (interaction_free);
  self->apps = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, test_app_free);
  self->grants = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, test_grant_free);
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, test_token_free);
  self->rules = g_ptr_array_new_with_free_func (test_rule_free);
  self->requests = g_ptr_array_new_with_free_func (g_free);
  self->pending_requests = g_hash_table_new_full (NULL, NULL, (GDestroyNotify) test_request_free, NULL);

  self->now = g_get_real_time () / G_USEC_PER_SEC;
  self->next_app_id = 1;
  self->slow_delay_ms = 1500;
  self->rate_limit = 300;
  self->window_seconds = 300;
  self->clock_scale = 1.0;
  self->clock_origin_us = g_get_real_time ();
  self->current_window = -1;
  clear_data (self);
}

static TendMastodonTestServer *
start_serving (GMainContext  *context,
               GError       **error)
{
  g_autoptr(TendMastodonTestServer) self = g_object_new (TEND_TYPE_MASTODON_TEST_SERVER, NULL);
  gboolean listening;
  GSList *uris;

  /* The server's sources go to the context it will be served from. */
  self->context = g_main_context_ref (context);
  g_main_context_push_thread_default (context);
  self->server = soup_server_new ("server-header", "Mastodon ", NULL);
  soup_server_add_handler (self->server, NULL, handle_request, self, NULL);
  listening = soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, error);
  g_main_context_pop_thread_default (context);
  if (!listening)
    return NULL;

  uris = soup_server_get_uris (self->server);
  self->base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return g_steal_pointer (&self);
}

TendMastodonTestServer *
tend_mastodon_test_server_new (GError **error)
{
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();

  return start_serving (context, error);
}

static gpointer
serve (gpointer data)
{
  TendMastodonTestServer *self = data;

  g_main_context_push_thread_default (self->context);
  g_main_loop_run (self->loop);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

TendMastodonTestServer *
tend_mastodon_test_server_new_threaded (GError **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  TendMastodonTestServer *self = start_serving (context, error);

  if (self == NULL)
    return NULL;
  self->loop = g_main_loop_new (context, FALSE);
  self->thread = g_thread_new ("mastodon-test-server", serve, self);
  return self;
}

char *
tend_mastodon_test_server_dup_base_url (TendMastodonTestServer *self)
{
  g_return_val_if_fail (TEND_IS_MASTODON_TEST_SERVER (self), NULL);

  return g_strdup (self->base_url);
}

void
tend_mastodon_test_server_set_now (TendMastodonTestServer *self,
                                   gint64                  now)
{
  g_return_if_fail (TEND_IS_MASTODON_TEST_SERVER (self));
  LOCK (self);

  self->now = now;
}

GPtrArray *
tend_mastodon_test_server_dup_account_ids (TendMastodonTestServer *self)
{
  GPtrArray *ids;

  g_return_val_if_fail (TEND_IS_MASTODON_TEST_SERVER (self), NULL);
  LOCK (self);

  ids = g_ptr_array_new_full (self->accounts->len, g_free);
  for (guint i = 0; i < self->accounts->len; i++)
    g_ptr_array_add (ids, g_strdup (((TestAccount *) g_ptr_array_index (self->accounts, i))->id_str));
  return ids;
}

char *
tend_mastodon_test_server_dup_account_json (TendMastodonTestServer *self,
                                            const char             *account_id)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  TestAccount *account;

  g_return_val_if_fail (TEND_IS_MASTODON_TEST_SERVER (self), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);
  LOCK (self);

  account = g_hash_table_lookup (self->accounts_by_id, account_id);
  if (account == NULL)
    return NULL;
  builder = json_builder_new ();
  build_account (builder, self, account, WRONG_NONE);
  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

const char *
tend_mastodon_test_server_get_account_acct (TendMastodonTestServer *self,
                                            const char             *account_id)
{
  TestAccount *account;

  g_return_val_if_fail (TEND_IS_MASTODON_TEST_SERVER (self), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);
  LOCK (self);

  account = g_hash_table_lookup (self->accounts_by_id, account_id);
  return account != NULL ? account->acct : NULL;
}

static TendMastodonTestFollow
follow_of (TestAccount *account)
{
  return (account->follower_record != 0 ? TEND_MASTODON_TEST_FOLLOWED_BY : 0) |
         (account->following_record != 0 ? TEND_MASTODON_TEST_FOLLOWING : 0) |
         (account->requested ? TEND_MASTODON_TEST_REQUESTED : 0);
}

TendMastodonTestFollow
tend_mastodon_test_server_get_follow (TendMastodonTestServer *self,
                                      const char             *account_id)
{
  TestAccount *account;

  g_return_val_if_fail (TEND_IS_MASTODON_TEST_SERVER (self), TEND_MASTODON_TEST_FOLLOW_NONE);
  g_return_val_if_fail (account_id != NULL, TEND_MASTODON_TEST_FOLLOW_NONE);
  LOCK (self);

  account = g_hash_table_lookup (self->accounts_by_id, account_id);
  return account != NULL ? follow_of (account) : TEND_MASTODON_TEST_FOLLOW_NONE;
}

guint
tend_mastodon_test_server_count_accounts (TendMastodonTestServer *self,
                                          TendMastodonTestFollow  follow)
{
  guint count = 0;

  g_return_val_if_fail (TEND_IS_MASTODON_TEST_SERVER (self), 0);
  LOCK (self);

  for (guint i = 0; i < self->accounts->len; i++)
    if ((follow_of (g_ptr_array_index (self->accounts, i)) & follow) == follow)
      count++;
  return count;
}

GPtrArray *
tend_mastodon_test_server_get_interactions (TendMastodonTestServer *self)
{
  g_return_val_if_fail (TEND_IS_MASTODON_TEST_SERVER (self), NULL);
  LOCK (self);

  return self->interactions;
}

guint
tend_mastodon_test_server_count_interactions (TendMastodonTestServer          *self,
                                              TendMastodonTestInteractionKind  kind,
                                              const char                      *account_id)
{
  guint count = 0;

  g_return_val_if_fail (TEND_IS_MASTODON_TEST_SERVER (self), 0);
  LOCK (self);

  for (guint i = 0; i < self->interactions->len; i++)
    {
      TendMastodonTestInteraction *interaction = g_ptr_array_index (self->interactions, i);

      if (interaction->kind == kind && (account_id == NULL || g_str_equal (account_id, interaction->account_id)))
        count++;
    }
  return count;
}

void
tend_mastodon_test_server_set_misbehaviour (TendMastodonTestServer  *self,
                                            TendMastodonMisbehaviour what,
                                            const char              *path_prefix,
                                            guint                    after_n_matching_requests,
                                            guint                    times)
{
  TestRule *rule;

  g_return_if_fail (TEND_IS_MASTODON_TEST_SERVER (self));
  LOCK (self);

  if (what == TEND_MASTODON_MISBEHAVIOUR_NONE)
    {
      g_ptr_array_set_size (self->rules, 0);
      return;
    }
  rule = g_new0 (TestRule, 1);
  rule->what = what;
  rule->path_prefix = g_strdup (path_prefix);
  rule->after = after_n_matching_requests;
  rule->times = times;
  g_ptr_array_add (self->rules, rule);
}

void
tend_mastodon_test_server_set_slow_delay (TendMastodonTestServer *self,
                                          guint                   milliseconds)
{
  g_return_if_fail (TEND_IS_MASTODON_TEST_SERVER (self));
  LOCK (self);

  self->slow_delay_ms = milliseconds;
}

void
tend_mastodon_test_server_set_rate_limit (TendMastodonTestServer *self,
                                          guint                   limit,
                                          guint                   window_seconds)
{
  g_return_if_fail (TEND_IS_MASTODON_TEST_SERVER (self));
  g_return_if_fail (limit > 0 && window_seconds > 0);
  LOCK (self);

  self->rate_limit = limit;
  self->window_seconds = window_seconds;
}

void
tend_mastodon_test_server_set_clock_scale (TendMastodonTestServer *self,
                                           double                  factor)
{
  g_return_if_fail (TEND_IS_MASTODON_TEST_SERVER (self));
  g_return_if_fail (factor > 0);
  LOCK (self);

  self->clock_scale = factor;
  self->clock_origin_us = g_get_real_time ();
  self->current_window = -1;
  self->requests_in_window = 0;
}

guint
tend_mastodon_test_server_get_max_requests_in_window (TendMastodonTestServer *self)
{
  g_return_val_if_fail (TEND_IS_MASTODON_TEST_SERVER (self), 0);
  LOCK (self);

  return self->max_requests_in_window;
}

guint
tend_mastodon_test_server_get_n_rate_limited (TendMastodonTestServer *self)
{
  g_return_val_if_fail (TEND_IS_MASTODON_TEST_SERVER (self), 0);
  LOCK (self);

  return self->n_rate_limited;
}

char *
tend_mastodon_test_server_issue_token (TendMastodonTestServer *self,
                                       const char             *scopes)
{
  TestToken *token;
  char *access_token;

  g_return_val_if_fail (TEND_IS_MASTODON_TEST_SERVER (self), NULL);
  g_return_val_if_fail (scopes != NULL, NULL);
  LOCK (self);

  token = g_new0 (TestToken, 1);
  token->scopes = g_strdup (scopes);
  access_token = random_token ();
  g_hash_table_insert (self->tokens, g_strdup (access_token), token);
  return access_token;
}

gboolean
tend_mastodon_test_server_is_token_valid (TendMastodonTestServer *self,
                                          const char             *token)
{
  g_return_val_if_fail (TEND_IS_MASTODON_TEST_SERVER (self), FALSE);
  LOCK (self);

  return token != NULL && g_hash_table_contains (self->tokens, token);
}

void
tend_mastodon_test_server_set_deny_authorization (TendMastodonTestServer *self,
                                                  gboolean                deny)
{
  g_return_if_fail (TEND_IS_MASTODON_TEST_SERVER (self));
  LOCK (self);

  self->deny_authorization = deny;
}

guint
tend_mastodon_test_server_get_n_apps (TendMastodonTestServer *self)
{
  g_return_val_if_fail (TEND_IS_MASTODON_TEST_SERVER (self), 0);
  LOCK (self);

  return g_hash_table_size (self->apps);
}

GPtrArray *
tend_mastodon_test_server_get_requests (TendMastodonTestServer *self)
{
  g_return_val_if_fail (TEND_IS_MASTODON_TEST_SERVER (self), NULL);
  LOCK (self);

  return self->requests;
}

guint
tend_mastodon_test_server_count_requests (TendMastodonTestServer *self,
                                          const char             *prefix)
{
  guint count = 0;

  g_return_val_if_fail (TEND_IS_MASTODON_TEST_SERVER (self), 0);
  g_return_val_if_fail (prefix != NULL, 0);
  LOCK (self);

  for (guint i = 0; i < self->requests->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (self->requests, i), prefix))
      count++;
  return count;
}

void
tend_mastodon_test_server_clear_requests (TendMastodonTestServer *self)
{
  g_return_if_fail (TEND_IS_MASTODON_TEST_SERVER (self));
  LOCK (self);

  g_ptr_array_set_size (self->requests, 0);
}
