/* tend-mastodon-test-server.h: a Mastodon server on 127.0.0.1 for tests
 *
 * Speaks the parts of the Mastodon API that Tend uses, with the reply
 * shapes of the real server, and can be told to misbehave.
 *
 * Accounts: the owner has id "1" and username "owner"; populated accounts
 * have decimal ids from "1001" up. Pagination ids (max_id, since_id,
 * min_id) are opaque record ids, as on the real server: follow records for
 * followers/following, favourite records for favourites, notification ids
 * for notifications, status ids for statuses. Follow the Link header.
 *
 * Endpoints: POST /api/v1/apps; GET /oauth/authorize (approves at once:
 * 302 to redirect_uri?code=…&state=…, or for urn:ietf:wg:oauth:2.0:oob a
 * page with the code in <input class="oauth-code" value="…">; PKCE with
 * S256 is required); POST /oauth/token (authorization_code only; checks
 * the client, redirect_uri, code_verifier; a code works once); POST
 * /oauth/revoke. Client credentials in the form or as HTTP Basic. Bearer
 * token and scope checked on every /api/ call but apps (401 {"error":"The
 * access token is invalid"}, 403 outside the scopes): GET
 * /api/v1/accounts/verify_credentials, /api/v1/accounts/:id,
 * /api/v1/accounts/relationships?id[]=, /api/v1/accounts/:id/followers and
 * /following (40 by default, 80 at most; a next link only after a full
 * page), /api/v1/accounts/:id/statuses (20, 40 at most; exclude_replies,
 * exclude_reblogs), /api/v1/favourites (20, 40), /api/v1/notifications
 * (40, 80; types[], exclude_types[]; a next link after any non-empty
 * page); POST /api/v1/accounts/:id/follow, /unfollow,
 * /remove_from_followers (Relationship; following a locked account makes
 * a request instead). Unknown ids and paths: 404 {"error":"Record not
 * found"}. Links keep the other query parameters and are absolute.
 *
 * Rate limit: every /api/ request counts against a fixed window (300
 * requests per 300 s by default); every /api/ reply carries
 * X-RateLimit-Limit, -Remaining and -Reset (ISO 8601 with microseconds, in
 * real wall-clock time, so a client that waits until Reset is right even
 * when the clock is scaled).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * TendMastodonMisbehaviour:
 * @TEND_MASTODON_MISBEHAVIOUR_NONE: clears every rule set so far
 * @TEND_MASTODON_MISBEHAVIOUR_RATE_LIMIT_429: 429 with X-RateLimit-Remaining 0
 *   and X-RateLimit-Reset two seconds of server clock ahead
 * @TEND_MASTODON_MISBEHAVIOUR_SERVER_ERROR_500: 500 with {"error": …}
 * @TEND_MASTODON_MISBEHAVIOUR_SLOW: the correct reply, after
 *   tend_mastodon_test_server_set_slow_delay() milliseconds (default 1500)
 * @TEND_MASTODON_MISBEHAVIOUR_TRUNCATED_JSON: the correct body cut in half,
 *   with a matching Content-Length
 * @TEND_MASTODON_MISBEHAVIOUR_WRONG_TYPE_JSON: in a list of accounts (or of
 *   notifications/statuses, for their accounts) the first item's "id" is a
 *   number and the second item's "display_name" is an object; a single
 *   account (verify_credentials) gets a numeric "id"; Link headers unchanged
 * @TEND_MASTODON_MISBEHAVIOUR_PAGE_NOT_ARRAY: a list endpoint replies with a
 *   JSON object instead of an array
 * @TEND_MASTODON_MISBEHAVIOUR_PAGINATION_LOOP: correct page, but its next
 *   link points back to the first page
 * @TEND_MASTODON_MISBEHAVIOUR_SAME_PAGE_FOREVER: correct page, but its next
 *   link is the URL just requested
 * @TEND_MASTODON_MISBEHAVIOUR_OVERSIZED_BODY: 200 with a 64 MiB JSON array,
 *   streamed in chunks (no Content-Length)
 * @TEND_MASTODON_MISBEHAVIOUR_EXPIRED_TOKEN: 401 with
 *   {"error":"The access token is invalid"}
 */
typedef enum {
  TEND_MASTODON_MISBEHAVIOUR_NONE,
  TEND_MASTODON_MISBEHAVIOUR_RATE_LIMIT_429,
  TEND_MASTODON_MISBEHAVIOUR_SERVER_ERROR_500,
  TEND_MASTODON_MISBEHAVIOUR_SLOW,
  TEND_MASTODON_MISBEHAVIOUR_TRUNCATED_JSON,
  TEND_MASTODON_MISBEHAVIOUR_WRONG_TYPE_JSON,
  TEND_MASTODON_MISBEHAVIOUR_PAGE_NOT_ARRAY,
  TEND_MASTODON_MISBEHAVIOUR_PAGINATION_LOOP,
  TEND_MASTODON_MISBEHAVIOUR_SAME_PAGE_FOREVER,
  TEND_MASTODON_MISBEHAVIOUR_OVERSIZED_BODY,
  TEND_MASTODON_MISBEHAVIOUR_EXPIRED_TOKEN,
} TendMastodonMisbehaviour;

/* How an account relates to the owner; flags. */
typedef enum {
  TEND_MASTODON_TEST_FOLLOW_NONE = 0,
  TEND_MASTODON_TEST_FOLLOWED_BY = 1 << 0, /* they follow the owner */
  TEND_MASTODON_TEST_FOLLOWING = 1 << 1,   /* the owner follows them */
  TEND_MASTODON_TEST_REQUESTED = 1 << 2,   /* the owner asked to follow a locked account */
} TendMastodonTestFollow;

/* Every interaction populate() creates, from the owner's point of view. */
typedef enum {
  /* Notifications: the account did something to the owner. */
  TEND_MASTODON_TEST_MENTION_IN,     /* "mention" */
  TEND_MASTODON_TEST_FAVOURITE_IN,   /* "favourite" */
  TEND_MASTODON_TEST_REBLOG_IN,      /* "reblog" */
  TEND_MASTODON_TEST_FOLLOW_IN,      /* "follow" */
  TEND_MASTODON_TEST_STATUS_IN,      /* "status" (the owner gets notified of their posts) */
  TEND_MASTODON_TEST_QUOTE_IN,       /* "quote" */
  /* The owner's statuses and favourites: the owner did something to the account. */
  TEND_MASTODON_TEST_REPLY_OUT,      /* owner status with in_reply_to_account_id = account */
  TEND_MASTODON_TEST_MENTION_OUT,    /* account in the mentions of an owner status that
                                      * is not a reply to that same account */
  TEND_MASTODON_TEST_REBLOG_OUT,     /* owner status whose "reblog" is by the account */
  TEND_MASTODON_TEST_FAVOURITE_OUT,  /* in /api/v1/favourites, status by the account */
} TendMastodonTestInteractionKind;

typedef struct {
  TendMastodonTestInteractionKind kind;
  char *account_id;  /* the other account */
  char *object_id;   /* notification id (_IN) or status id (_OUT) */
  gint64 created_at; /* Unix seconds: the notification's created_at, the owner
                      * status's created_at, or (favourites) the favourited
                      * status's created_at */
} TendMastodonTestInteraction;

#define TEND_TYPE_MASTODON_TEST_SERVER (tend_mastodon_test_server_get_type ())
G_DECLARE_FINAL_TYPE (TendMastodonTestServer, tend_mastodon_test_server, TEND, MASTODON_TEST_SERVER, GObject)

/* Listens on 127.0.0.1, a free port; replies from the thread-default main
 * context of the caller, so iterate it (or run the client async there). */
TendMastodonTestServer *tend_mastodon_test_server_new (GError **error);
/* The same, serving from a thread of its own: for clients that block the
 * caller's thread (sync calls, running the tend binary with
 * tend_test_run_tend). Every function here may be called from the test's
 * thread meanwhile; the arrays that get_requests() and get_interactions()
 * return are only safe to read while no request is being served. The
 * thread stops when the last reference goes. */
TendMastodonTestServer *tend_mastodon_test_server_new_threaded (GError **error);

/* "http://127.0.0.1:PORT", no trailing slash. */
char *tend_mastodon_test_server_dup_base_url (TendMastodonTestServer *self);

/* The "now" the populated dates are relative to, in Unix seconds; default:
 * the wall clock when the server was created. Set it before populate(). */
void tend_mastodon_test_server_set_now (TendMastodonTestServer *self,
                                        gint64                  now);

/* Replaces all accounts with deterministic ones: n_followers_only follow
 * the owner, n_following_only are followed by the owner, n_mutual both, and
 * a few strangers who only appear in notifications. Then notifications,
 * owner statuses and favourites involving some of them, spread over the
 * year before "now". Same arguments and "now", same data. */
void tend_mastodon_test_server_populate (TendMastodonTestServer *self,
                                         guint                   n_followers_only,
                                         guint                   n_following_only,
                                         guint                   n_mutual);

/* Accounts, in id order. (element-type utf8) (transfer full) */
GPtrArray *tend_mastodon_test_server_dup_account_ids (TendMastodonTestServer *self);
/* The account exactly as the server serializes it; NULL when unknown. (transfer full) */
char *tend_mastodon_test_server_dup_account_json (TendMastodonTestServer *self,
                                                  const char             *account_id);
/* "username" for local-looking accounts or "username@domain"; NULL when unknown. */
const char *tend_mastodon_test_server_get_account_acct (TendMastodonTestServer *self,
                                                        const char             *account_id);
/* Current state, reflecting follow/unfollow/remove_from_followers calls. */
TendMastodonTestFollow tend_mastodon_test_server_get_follow (TendMastodonTestServer *self,
                                                             const char             *account_id);
/* Accounts whose state includes every flag of @follow (NONE: all accounts). */
guint tend_mastodon_test_server_count_accounts (TendMastodonTestServer *self,
                                                TendMastodonTestFollow  follow);

/* Every interaction populate() created. (element-type TendMastodonTestInteraction) (transfer none) */
GPtrArray *tend_mastodon_test_server_get_interactions (TendMastodonTestServer *self);
guint tend_mastodon_test_server_count_interactions (TendMastodonTestServer         *self,
                                                    TendMastodonTestInteractionKind kind,
                                                    const char                     *account_id);

/* Misbehave on requests whose path starts with @path_prefix (NULL: every
 * request): the first @after_n_matching_requests matching requests are
 * answered correctly, the next @times (0: all further) misbehave, later
 * ones are correct again. Rules accumulate; the first matching rule that
 * fires wins. NONE clears all rules. */
void tend_mastodon_test_server_set_misbehaviour (TendMastodonTestServer  *self,
                                                 TendMastodonMisbehaviour what,
                                                 const char              *path_prefix,
                                                 guint                    after_n_matching_requests,
                                                 guint                    times);
void tend_mastodon_test_server_set_slow_delay (TendMastodonTestServer *self,
                                               guint                   milliseconds);

/* Rate limit of @limit /api/ requests per fixed window of @window_seconds
 * of server clock (default 300 per 300). */
void tend_mastodon_test_server_set_rate_limit (TendMastodonTestServer *self,
                                               guint                   limit,
                                               guint                   window_seconds);
/* The server clock runs @factor times faster than the real one (default
 * 1.0); Reset headers stay in real time. Restarts the current window. */
void tend_mastodon_test_server_set_clock_scale (TendMastodonTestServer *self,
                                                double                  factor);
/* Most /api/ requests received in any one window, 429s included. */
guint tend_mastodon_test_server_get_max_requests_in_window (TendMastodonTestServer *self);
/* 429 replies sent because the limit was exceeded (not by misbehaviour). */
guint tend_mastodon_test_server_get_n_rate_limited (TendMastodonTestServer *self);

/* A valid access token without going through OAuth, for tests of syncing
 * alone. @scopes space-separated, e.g. "read write:follows". (transfer full) */
char *tend_mastodon_test_server_issue_token (TendMastodonTestServer *self,
                                             const char             *scopes);
/* Whether @token is currently valid (issued and not revoked). */
gboolean tend_mastodon_test_server_is_token_valid (TendMastodonTestServer *self,
                                                   const char             *token);
/* When TRUE, GET /oauth/authorize redirects with error=access_denied (and
 * the out-of-band page says so) instead of a code. */
void tend_mastodon_test_server_set_deny_authorization (TendMastodonTestServer *self,
                                                       gboolean                deny);
/* Apps registered through POST /api/v1/apps. */
guint tend_mastodon_test_server_get_n_apps (TendMastodonTestServer *self);

/* Every request received, oldest first, as "METHOD /path" plus "?query"
 * when there is one, plus " form-fields" (url-encoded, sorted by name) for
 * POST bodies, e.g. "POST /api/v1/accounts/1001/unfollow",
 * "GET /api/v1/accounts/1/followers?limit=80".
 * (element-type utf8) (transfer none) */
GPtrArray *tend_mastodon_test_server_get_requests (TendMastodonTestServer *self);
/* Requests whose "METHOD /path" starts with @prefix, e.g. "POST /oauth/token". */
guint tend_mastodon_test_server_count_requests (TendMastodonTestServer *self,
                                                const char             *prefix);
void tend_mastodon_test_server_clear_requests (TendMastodonTestServer *self);

G_END_DECLS
