/* tend-mastodon-sync.c: bring a Mastodon account into the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sync reads everything first and writes only at the end, in one
 * transaction, so one that fails or is cancelled halfway leaves the
 * store exactly as it was. It reads, in order: the owner's account;
 * followers and follows, 80 a page, following the Link header only;
 * notifications (mentions, replies, favourites, boosts, quotes: what
 * others did to the owner) back a year; the owner's statuses (replies,
 * mentions and boosts: what the owner did to others) and favourites.
 * Follow and "new post" notifications are no interaction with the
 * owner and are not asked for. The lists of interactions come newest
 * first, so a later sync stops each at the first one already stored:
 * the previous sync, complete or not written at all, read on from
 * there. (Older interactions of someone who was no connection then
 * are not read again.)
 *
 * Writing is tend-sync-writer.c's: one transaction in a worker thread.
 */
#define G_LOG_DOMAIN "tend-mastodon-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tend-json-check.h"
#include "tend-mastodon-connect.h"
#include "tend-mastodon-sync.h"
#include "tend-page-guard.h"
#include "tend-sync-writer.h"

/* More pages than this in one list is no real account. */
#define MAX_PAGES 20000

typedef enum {
  PHASE_ACCOUNT,
  PHASE_FOLLOWERS,
  PHASE_FOLLOWING,
  PHASE_NOTIFICATIONS,
  PHASE_STATUSES,
  PHASE_FAVOURITES,
  PHASE_SAVING,
  N_PHASES
} Phase;

/* A follower or follow, flagged by which list named it. */
typedef struct {
  TendMastodonAccount *account;
  gboolean             follows_me;
  gboolean             i_follow;
} Person;

typedef struct {
  char                *acct;
  char                *external_id;
  TendDirection        direction;
  TendInteractionKind  kind;
  gint64               occurred_at;
} Event;

typedef struct {
  /* owned */
  TendMastodonClient  *client;
  TendSyncProgress    *progress;
  TendMastodonAccount *own;
  TendPageGuard       *guard;
  char                *database_path;
  char                *account;
  char                *server;
  GHashTable          *people;        /* acct → Person */
  GHashTable          *acct_by_id;    /* remote id → acct (borrowed from people) */
  GArray              *events;        /* Event */
  GHashTable          *known;         /* external ids a previous sync stored */
  TendSyncData        *data;          /* what the writer writes */

  gint64               source_id;
  gint64               cutoff;
  gint64               followers_count;
  gint64               following_count;
  Phase                phase;
  guint64              done;
  guint                n_old_on_page;
} Sync;

static void
person_free (Person *person)
{
  tend_mastodon_account_free (person->account);
  g_free (person);
}

static void
event_clear (Event *event)
{
  g_free (event->acct);
  g_free (event->external_id);
}

static void
sync_free (Sync *sync)
{
  if (sync->progress != NULL)
    tend_sync_progress_unwatch_client (sync->progress);
  g_clear_object (&sync->client);
  g_clear_object (&sync->progress);
  tend_mastodon_account_free (sync->own);
  g_clear_pointer (&sync->guard, tend_page_guard_free);
  g_free (sync->database_path);
  g_free (sync->account);
  g_free (sync->server);
  g_hash_table_unref (sync->acct_by_id);
  g_hash_table_unref (sync->people);
  g_array_unref (sync->events);
  g_clear_pointer (&sync->known, g_hash_table_unref);
  tend_sync_data_free (sync->data);
  g_free (sync);
}

static const char *
phase_label (Phase phase)
{
  switch (phase)
    {
    case PHASE_ACCOUNT:
      return _("Checking your account");
    case PHASE_FOLLOWERS:
      return _("Followers");
    case PHASE_FOLLOWING:
      return _("Following");
    case PHASE_NOTIFICATIONS:
      return _("Notifications");
    case PHASE_STATUSES:
      return _("Your posts");
    case PHASE_FAVOURITES:
      return _("Your favourites");
    case PHASE_SAVING:
    case N_PHASES:
    default:
      return _("Saving");
    }
}

static void
report (Sync *sync)
{
  guint64 total = 0;

  if (sync->progress == NULL)
    return;

  if (sync->phase == PHASE_FOLLOWERS)
    total = MAX (sync->followers_count, (gint64) sync->done);
  else if (sync->phase == PHASE_FOLLOWING)
    total = MAX (sync->following_count, (gint64) sync->done);

  tend_sync_progress_set_phase (sync->progress, phase_label (sync->phase), sync->phase,
                                N_PHASES, sync->done, total);
}

static Person *
add_person (Sync                *sync,
            TendMastodonAccount *account)
{
  Person *person = g_hash_table_lookup (sync->people, account->acct);

  if (person != NULL)
    {
      tend_mastodon_account_free (account);
      return person;
    }

  person = g_new0 (Person, 1);
  person->account = account;
  g_hash_table_insert (sync->people, account->acct, person);
  g_hash_table_insert (sync->acct_by_id, account->id, account->acct);
  return person;
}

/* Takes @external_id. Returns %FALSE when a previous sync stored the
 * event: the lists come newest first, so it got this far back. */
static gboolean
add_event (Sync                *sync,
           const char          *acct,
           TendDirection        direction,
           TendInteractionKind  kind,
           gint64               occurred_at,
           char                *external_id)
{
  Event event = { NULL, external_id, direction, kind, occurred_at };

  if (g_hash_table_contains (sync->known, external_id))
    {
      g_free (external_id);
      return FALSE;
    }

  event.acct = g_strdup (acct);
  g_array_append_val (sync->events, event);
  return TRUE;
}

/* An account inside a notification or status: its normalized acct. */
static char *
dup_acct_of (Sync        *sync,
             JsonObject  *object,
             const char  *member,
             GError     **error)
{
  g_autoptr(TendMastodonAccount) account = NULL;

  account = tend_mastodon_account_parse (json_object_get_member (object, member),
                                         tend_mastodon_client_get_host (sync->client), error);
  return account != NULL ? g_strdup (account->acct) : NULL;
}

/* Handles one item of a page; *stop ends the list after this page. */
typedef gboolean (*ItemFunc) (Sync        *sync,
                              JsonNode    *item,
                              gboolean    *stop,
                              GError     **error);

static gboolean
read_follower (Sync      *sync,
               JsonNode  *item,
               gboolean  *stop,
               GError   **error)
{
  TendMastodonAccount *account;

  account = tend_mastodon_account_parse (item, tend_mastodon_client_get_host (sync->client), error);
  if (account == NULL)
    return FALSE;

  if (sync->phase == PHASE_FOLLOWERS)
    add_person (sync, account)->follows_me = TRUE;
  else
    add_person (sync, account)->i_follow = TRUE;

  return TRUE;
}

static gboolean
read_notification (Sync      *sync,
                   JsonNode  *item,
                   gboolean  *stop,
                   GError   **error)
{
  JsonObject *object;
  JsonObject *status;
  const char *id, *type, *reply_to = NULL;
  g_autofree char *acct = NULL;
  TendInteractionKind kind;
  gint64 created_at;

  if (!tend_json_check_object (item, "notification", &object, error) ||
      !tend_json_get_id (object, "id", &id, error) ||
      !tend_json_get_string (object, "type", TRUE, &type, error) ||
      !tend_json_get_time (object, "created_at", &created_at, error) ||
      !tend_json_get_object (object, "status", FALSE, &status, error))
    return FALSE;

  /* Newest first: one older than the window ends the list. */
  if (created_at < sync->cutoff)
    {
      *stop = TRUE;
      return TRUE;
    }

  if (status != NULL &&
      !tend_json_get_string (status, "in_reply_to_account_id", FALSE, &reply_to, error))
    return FALSE;

  if (g_str_equal (type, "mention"))
    kind = g_strcmp0 (reply_to, sync->own->id) == 0 ? TEND_INTERACTION_REPLY : TEND_INTERACTION_MENTION;
  else if (g_str_equal (type, "favourite"))
    kind = TEND_INTERACTION_LIKE;
  else if (g_str_equal (type, "reblog"))
    kind = TEND_INTERACTION_REPOST;
  else if (g_str_equal (type, "quote"))
    kind = TEND_INTERACTION_QUOTE;
  else
    return TRUE;

  acct = dup_acct_of (sync, object, "account", error);
  if (acct == NULL)
    return FALSE;

  if (!add_event (sync, acct, TEND_DIRECTION_IN, kind, created_at,
                  g_strconcat ("notification:", id, NULL)))
    *stop = TRUE;
  return TRUE;
}

/* A mention's acct, with the domain local accounts leave out. */
static gboolean
read_mention (Sync        *sync,
              JsonNode    *node,
              const char **out_id,
              char       **out_acct,
              GError     **error)
{
  JsonObject *mention;
  const char *acct;

  if (!tend_json_check_object (node, "mention", &mention, error) ||
      !tend_json_get_id (mention, "id", out_id, error) ||
      !tend_json_get_string (mention, "acct", TRUE, &acct, error))
    return FALSE;

  if (strchr (acct, '@') != NULL)
    *out_acct = g_utf8_strdown (acct, -1);
  else
    {
      g_autofree char *full = g_strconcat (acct, "@", tend_mastodon_client_get_host (sync->client), NULL);

      *out_acct = g_utf8_strdown (full, -1);
    }

  return TRUE;
}

static gboolean
read_status (Sync      *sync,
             JsonNode  *item,
             gboolean  *stop,
             GError   **error)
{
  JsonObject *status;
  JsonArray *mentions;
  const char *id, *reply_to;
  g_autofree char *reply_acct = NULL;
  gint64 created_at;

  if (!tend_json_check_object (item, "status", &status, error) ||
      !tend_json_get_id (status, "id", &id, error) ||
      !tend_json_get_time (status, "created_at", &created_at, error) ||
      !tend_json_get_string (status, "in_reply_to_account_id", FALSE, &reply_to, error) ||
      !tend_json_get_array (status, "mentions", &mentions, error))
    return FALSE;

  if (created_at < sync->cutoff)
    {
      *stop = TRUE;
      return TRUE;
    }

  if (json_object_has_member (status, "reblog") &&
      !JSON_NODE_HOLDS_NULL (json_object_get_member (status, "reblog")))
    {
      JsonObject *reblog;
      g_autofree char *acct = NULL;

      if (!tend_json_get_object (status, "reblog", TRUE, &reblog, error) ||
          (acct = dup_acct_of (sync, reblog, "account", error)) == NULL)
        return FALSE;

      if (!g_str_equal (acct, sync->own->acct) &&
          !add_event (sync, acct, TEND_DIRECTION_OUT, TEND_INTERACTION_REPOST, created_at,
                      g_strconcat ("status:", id, ":reblog", NULL)))
        *stop = TRUE;
      return TRUE;
    }

  if (reply_to != NULL && !g_str_equal (reply_to, sync->own->id))
    {
      const char *known = g_hash_table_lookup (sync->acct_by_id, reply_to);

      reply_acct = g_strdup (known);
    }

  for (guint i = 0; mentions != NULL && i < json_array_get_length (mentions); i++)
    {
      g_autofree char *acct = NULL;
      const char *mention_id;

      if (!read_mention (sync, json_array_get_element (mentions, i), &mention_id, &acct, error))
        return FALSE;

      if (g_strcmp0 (mention_id, reply_to) == 0 && reply_acct == NULL)
        reply_acct = g_strdup (acct);

      if (g_strcmp0 (mention_id, reply_to) == 0 || g_str_equal (mention_id, sync->own->id))
        continue;

      if (!add_event (sync, acct, TEND_DIRECTION_OUT, TEND_INTERACTION_MENTION, created_at,
                      g_strconcat ("status:", id, ":mention", NULL)))
        *stop = TRUE;
    }

  if (reply_acct != NULL &&
      !add_event (sync, reply_acct, TEND_DIRECTION_OUT, TEND_INTERACTION_REPLY, created_at,
                  g_strconcat ("status:", id, ":reply", NULL)))
    *stop = TRUE;

  return TRUE;
}

static gboolean
read_favourite (Sync      *sync,
                JsonNode  *item,
                gboolean  *stop,
                GError   **error)
{
  JsonObject *status;
  const char *id;
  g_autofree char *acct = NULL;
  gint64 created_at;

  if (!tend_json_check_object (item, "status", &status, error) ||
      !tend_json_get_id (status, "id", &id, error) ||
      !tend_json_get_time (status, "created_at", &created_at, error) ||
      (acct = dup_acct_of (sync, status, "account", error)) == NULL)
    return FALSE;

  /* Favourites come in the order they were given, which the API does
   * not date: the status's own date stands in, and old ones are left. */
  if (created_at >= sync->cutoff && !g_str_equal (acct, sync->own->acct))
    {
      if (!add_event (sync, acct, TEND_DIRECTION_OUT, TEND_INTERACTION_LIKE, created_at,
                      g_strconcat ("favourite:", id, NULL)))
        *stop = TRUE;
    }
  else if (created_at < sync->cutoff)
    {
      sync->n_old_on_page++;
    }

  return TRUE;
}

static void fetch_phase (GTask *task);
static void write_all (GTask *task);

static void
next_phase (GTask *task)
{
  Sync *sync = g_task_get_task_data (task);

  sync->phase++;
  sync->done = 0;
  g_clear_pointer (&sync->guard, tend_page_guard_free);
  sync->guard = tend_page_guard_new (tend_mastodon_client_get_host (sync->client), MAX_PAGES);
  report (sync);

  if (sync->phase == PHASE_SAVING)
    write_all (task);
  else
    fetch_phase (task);
}

static ItemFunc
phase_item_func (Phase phase)
{
  switch (phase)
    {
    case PHASE_FOLLOWERS:
    case PHASE_FOLLOWING:
      return read_follower;
    case PHASE_NOTIFICATIONS:
      return read_notification;
    case PHASE_STATUSES:
      return read_status;
    case PHASE_FAVOURITES:
      return read_favourite;
    case PHASE_ACCOUNT:
    case PHASE_SAVING:
    case N_PHASES:
    default:
      g_assert_not_reached ();
    }
}

static void
page_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Sync *sync = g_task_get_task_data (task);
  TendWebClient *web = TEND_WEB_CLIENT (object);
  g_autoptr(TendWebReply) reply = NULL;
  g_autoptr(GString) signature = g_string_new (NULL);
  ItemFunc read_item = phase_item_func (sync->phase);
  GCancellable *cancellable;
  GError *error = NULL;
  JsonArray *items;
  gboolean stop = FALSE;
  guint n;

  reply = tend_web_client_request_finish (web, result, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (!tend_json_check_array (reply->root, _("a page"), &items, &error))
    {
      tend_web_client_fail_bad_reply (web, &error);
      g_task_return_error (task, error);
      return;
    }

  n = json_array_get_length (items);
  sync->n_old_on_page = 0;
  for (guint i = 0; i < n; i++)
    {
      JsonNode *item = json_array_get_element (items, i);

      if (!read_item (sync, item, &stop, &error))
        {
          tend_web_client_fail_bad_reply (web, &error);
          g_task_return_error (task, error);
          return;
        }

      /* What the page held, to tell a page sent again. */
      if (JSON_NODE_HOLDS_OBJECT (item))
        {
          JsonNode *id = json_object_get_member (json_node_get_object (item), "id");

          if (id != NULL && JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_STRING)
            g_string_append_printf (signature, "%s,", json_node_get_string (id));
        }
    }

  sync->done += n;
  report (sync);

  if (!tend_page_guard_check (sync->guard, reply->next_url, n > 0 ? signature->str : NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* Favourites end once a whole page is older than the window. */
  if (sync->phase == PHASE_FAVOURITES && n > 0 && sync->n_old_on_page == n)
    stop = TRUE;

  if (stop || n == 0 || reply->next_url == NULL)
    {
      next_phase (g_steal_pointer (&task));
      return;
    }

  cancellable = g_task_get_cancellable (task);
  tend_web_client_request_async (web, "GET", reply->next_url, NULL, cancellable,
                                 page_done, g_steal_pointer (&task));
}

static void
fetch_phase (GTask *task)
{
  Sync *sync = g_task_get_task_data (task);
  g_autofree char *id = g_uri_escape_string (sync->own->id, NULL, FALSE);
  g_autofree char *path = NULL;

  switch (sync->phase)
    {
    case PHASE_FOLLOWERS:
      path = g_strdup_printf ("/api/v1/accounts/%s/followers?limit=%d", id, TEND_MASTODON_ACCOUNTS_PAGE);
      break;
    case PHASE_FOLLOWING:
      path = g_strdup_printf ("/api/v1/accounts/%s/following?limit=%d", id, TEND_MASTODON_ACCOUNTS_PAGE);
      break;
    case PHASE_NOTIFICATIONS:
      path = g_strdup_printf ("/api/v1/notifications?limit=%d&types%%5B%%5D=mention"
                              "&types%%5B%%5D=favourite&types%%5B%%5D=reblog&types%%5B%%5D=quote",
                              TEND_MASTODON_NOTIFICATIONS_PAGE);
      break;
    case PHASE_STATUSES:
      path = g_strdup_printf ("/api/v1/accounts/%s/statuses?limit=%d", id, TEND_MASTODON_STATUSES_PAGE);
      break;
    case PHASE_FAVOURITES:
      path = g_strdup_printf ("/api/v1/favourites?limit=%d", TEND_MASTODON_STATUSES_PAGE);
      break;
    case PHASE_ACCOUNT:
    case PHASE_SAVING:
    case N_PHASES:
    default:
      g_assert_not_reached ();
    }

  tend_web_client_request_async (tend_mastodon_client_get_web_client (sync->client), "GET", path,
                                 NULL, g_task_get_cancellable (task), page_done, task);
}

static void
credentials_checked (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Sync *sync = g_task_get_task_data (task);
  GError *error = NULL;

  sync->own = tend_mastodon_client_verify_credentials_finish (sync->client, result,
                                                              &sync->followers_count,
                                                              &sync->following_count, &error);
  if (sync->own == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* The token must still be the account's own: a server that answers
   * for someone else would mix two people's connections. */
  if (!g_str_equal (sync->own->acct, sync->account))
    {
      g_task_return_new_error (task, TEND_MASTODON_ERROR, TEND_MASTODON_ERROR_OTHER_ACCOUNT,
                               _("%s answers for @%s, not for @%s. Disconnect the account and "
                                 "connect it again."),
                               tend_mastodon_client_get_host (sync->client),
                               sync->own->acct, sync->account);
      return;
    }

  next_phase (g_steal_pointer (&task));
}

/* Hands what was fetched to the shared writer. */
static TendSyncData *
build_data (Sync *sync)
{
  TendSyncData *data = tend_sync_data_new (TEND_SOURCE_KIND_MASTODON, sync->source_id);
  GHashTableIter iter;
  Person *person;

  data->title = g_strconcat ("@", sync->account, NULL);
  data->server = g_strdup (sync->server);
  data->remote_id = g_strdup (sync->own->id);

  g_hash_table_iter_init (&iter, sync->people);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &person))
    {
      TendMastodonAccount *account = person->account;
      TendSyncPerson *out = tend_sync_data_add_person (data, account->acct);

      out->handle = g_strdup (account->acct);
      out->name = g_strdup (account->name);
      out->url = g_strdup (account->url);
      out->avatar = g_strdup (account->avatar);
      out->remote_id = g_strdup (account->id);
      out->bio = g_strdup (account->note);
      out->state = account->state;
      out->last_active_at = account->last_status_at;
      out->follows_me = person->follows_me;
      out->i_follow = person->i_follow;
    }

  for (guint i = 0; i < sync->events->len; i++)
    {
      const Event *event = &g_array_index (sync->events, Event, i);

      tend_sync_data_add_event (data, event->acct, event->direction, event->kind,
                                event->occurred_at, event->external_id);
    }

  return data;
}

static void
written (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Sync *sync = g_task_get_task_data (task);
  GError *error = NULL;
  TendSyncResult *sync_result;

  sync_result = tend_sync_write_finish (result, tend_mastodon_client_get_web_client (sync->client),
                                        sync->progress, N_PHASES, &error);
  if (sync_result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, sync_result, (GDestroyNotify) tend_sync_result_free);
}

static void
write_all (GTask *task)
{
  Sync *sync = g_task_get_task_data (task);

  sync->data = build_data (sync);
  tend_sync_write_async (sync->database_path, sync->data, g_task_get_cancellable (task),
                         written, task);
}

/**
 * tend_mastodon_sync_async:
 * @client: a client with the account's token
 * @store: the profile; the writing opens its own connection to its file
 * @account: the account, "user@host", as connected
 * @progress: (nullable): where to report how far the sync is
 *
 * Fetches the account's followers, follows and a year of interactions,
 * then writes them in one transaction. On error or cancellation the
 * store is as it was.
 */
void
tend_mastodon_sync_async (TendMastodonClient  *client,
                          TendStore           *store,
                          const char          *account,
                          TendSyncProgress    *progress,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(TendLiveSource) source = NULL;
  GHashTable *known;
  GError *error = NULL;
  Sync *sync;

  g_return_if_fail (TEND_IS_MASTODON_CLIENT (client));
  g_return_if_fail (TEND_IS_STORE (store));
  g_return_if_fail (account != NULL);
  g_return_if_fail (progress == NULL || TEND_IS_SYNC_PROGRESS (progress));

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, tend_mastodon_sync_async);

  source = tend_store_find_live_source (store, TEND_SOURCE_KIND_MASTODON, account, &error);
  if (source == NULL)
    {
      if (error == NULL)
        error = g_error_new (TEND_MASTODON_ERROR, TEND_MASTODON_ERROR_NOT_CONNECTED,
                             _("@%s is not connected to Tend. Connect it first."), account);
      g_task_return_error (task, error);
      return;
    }

  known = tend_store_list_external_ids (store, source->id, &error);
  if (known == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  sync = g_new0 (Sync, 1);
  sync->known = known;
  sync->client = g_object_ref (client);
  sync->progress = progress != NULL ? g_object_ref (progress) : NULL;
  sync->database_path = g_strdup (tend_store_get_path (store));
  sync->account = g_strdup (account);
  sync->server = g_strdup (tend_mastodon_client_get_base_url (client));
  sync->source_id = source->id;
  sync->people = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) person_free);
  sync->acct_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  sync->events = g_array_new (FALSE, FALSE, sizeof (Event));
  g_array_set_clear_func (sync->events, (GDestroyNotify) event_clear);
  sync->cutoff = g_get_real_time () / G_USEC_PER_SEC - TEND_MASTODON_SYNC_DAYS * 24 * 3600;
  sync->phase = PHASE_ACCOUNT;
  g_task_set_task_data (task, sync, (GDestroyNotify) sync_free);

  if (progress != NULL)
    tend_sync_progress_watch_client (progress, tend_mastodon_client_get_web_client (client));
  report (sync);

  tend_mastodon_client_verify_credentials_async (client, cancellable, credentials_checked,
                                                 g_steal_pointer (&task));
}

/**
 * tend_mastodon_sync_finish:
 *
 * Returns: (transfer full): what the sync did, or %NULL with @error set
 */
TendSyncResult *
tend_mastodon_sync_finish (TendMastodonClient  *client,
                           GAsyncResult        *result,
                           GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
