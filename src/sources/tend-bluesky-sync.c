/* tend-bluesky-sync.c: bring a Bluesky account into the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads, in order: the owner's profile; followers and follows, 100 a
 * page; notifications (likes, reposts, replies, mentions and quotes:
 * what others did to the owner) back a year; the owner's own like,
 * repost and post records (likes, reposts, replies, quotes and
 * mentions: what the owner did to others), whose addresses name whom
 * they are about. Lists end when the server leaves the cursor out or
 * sends an empty page (listRecords always sends a cursor); a cursor
 * seen before ends the sync with an error. The lists of interactions
 * come newest first, so a later sync stops each at the first one
 * already stored. Then everything is written in one transaction
 * (tend-sync-writer.c): a sync that fails keeps the previous data whole.
 */
#define G_LOG_DOMAIN "tend-bluesky-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tend-bluesky-sync.h"
#include "tend-json-check.h"
#include "tend-page-guard.h"
#include "tend-sync-writer.h"

/* More pages than this in one list is no real account. */
#define MAX_PAGES 20000

typedef enum {
  PHASE_ACCOUNT,
  PHASE_FOLLOWERS,
  PHASE_FOLLOWING,
  PHASE_NOTIFICATIONS,
  PHASE_LIKES,
  PHASE_REPOSTS,
  PHASE_POSTS,
  PHASE_SAVING,
  N_PHASES
} Phase;

typedef struct {
  /* owned */
  TendBlueskyClient *client;
  TendSyncProgress  *progress;
  TendPageGuard     *guard;
  TendSyncData      *data;
  char              *database_path;
  char              *account;
  char              *cursor;
  GHashTable        *known;         /* external ids a previous sync stored */

  gint64             cutoff;
  gint64             followers_count;
  gint64             following_count;
  Phase              phase;
  guint64            done;
} Sync;

static void
sync_free (Sync *sync)
{
  if (sync->progress != NULL)
    tend_sync_progress_unwatch_client (sync->progress);
  g_clear_object (&sync->client);
  g_clear_object (&sync->progress);
  g_clear_pointer (&sync->guard, tend_page_guard_free);
  tend_sync_data_free (sync->data);
  g_free (sync->database_path);
  g_free (sync->account);
  g_free (sync->cursor);
  g_clear_pointer (&sync->known, g_hash_table_unref);
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
    case PHASE_LIKES:
      return _("Your likes");
    case PHASE_REPOSTS:
      return _("Your reposts");
    case PHASE_POSTS:
      return _("Your posts");
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

/* Returns %FALSE when a previous sync stored the event: the lists come
 * newest first, so it got this far back. */
static gboolean
add_event (Sync                *sync,
           const char          *did,
           TendDirection        direction,
           TendInteractionKind  kind,
           gint64               occurred_at,
           const char          *external_id)
{
  if (g_hash_table_contains (sync->known, external_id))
    return FALSE;

  tend_sync_data_add_event (sync->data, did, direction, kind, occurred_at, external_id);
  return TRUE;
}

/* Handles one item of a page; *stop ends the list after this page. */
typedef gboolean (*ItemFunc) (Sync        *sync,
                              JsonNode    *item,
                              gboolean    *stop,
                              GError     **error);

static gboolean
read_profile (Sync      *sync,
              JsonNode  *item,
              gboolean  *stop,
              GError   **error)
{
  g_autoptr(TendBlueskyProfile) profile = tend_bluesky_profile_parse (item, error);
  TendSyncPerson *person;

  if (profile == NULL)
    return FALSE;

  person = tend_sync_data_add_person (sync->data, profile->did);
  if (person->remote_id == NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (profile->handle, NULL, FALSE);

      person->remote_id = g_strdup (profile->did);
      person->handle = g_strdup (profile->handle);
      person->name = g_strdup (profile->name);
      person->bio = g_strdup (profile->bio);
      person->avatar = g_strdup (profile->avatar);
      person->url = g_strconcat ("https://bsky.app/profile/", escaped, NULL);
      person->state = profile->state;
    }
  if (profile->following != NULL && person->follow_record == NULL)
    person->follow_record = g_strdup (profile->following);

  if (sync->phase == PHASE_FOLLOWERS)
    person->follows_me = TRUE;
  else
    person->i_follow = TRUE;

  return TRUE;
}

static gboolean
notification_kind (const char          *reason,
                   TendInteractionKind *out_kind)
{
  static const struct { const char *reason; TendInteractionKind kind; } kinds[] = {
    { "like", TEND_INTERACTION_LIKE },
    { "repost", TEND_INTERACTION_REPOST },
    { "reply", TEND_INTERACTION_REPLY },
    { "mention", TEND_INTERACTION_MENTION },
    { "quote", TEND_INTERACTION_QUOTE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (reason, kinds[i].reason))
      {
        *out_kind = kinds[i].kind;
        return TRUE;
      }

  return FALSE;
}

static gboolean
read_notification (Sync      *sync,
                   JsonNode  *item,
                   gboolean  *stop,
                   GError   **error)
{
  g_autoptr(TendBlueskyProfile) author = NULL;
  g_autofree char *external_id = NULL;
  JsonObject *object;
  const char *uri, *reason;
  TendInteractionKind kind;
  gint64 at;

  if (!tend_json_check_object (item, _("a notification"), &object, error) ||
      !tend_json_get_string (object, "uri", TRUE, &uri, error) ||
      !tend_json_get_string (object, "reason", TRUE, &reason, error) ||
      !tend_json_get_time (object, "indexedAt", &at, error))
    return FALSE;

  author = tend_bluesky_profile_parse (json_object_get_member (object, "author"), error);
  if (author == NULL)
    return FALSE;

  if (at != 0 && at < sync->cutoff)
    {
      *stop = TRUE;
      return TRUE;
    }

  if (!notification_kind (reason, &kind) ||
      g_strcmp0 (author->did, tend_bluesky_client_get_did (sync->client)) == 0)
    return TRUE;

  external_id = g_strconcat ("in:", reason, ":", uri, NULL);
  if (!add_event (sync, author->did, TEND_DIRECTION_IN, kind, at, external_id))
    *stop = TRUE;

  return TRUE;
}

/* A strong reference's record address; NULL member is no error. */
static gboolean
get_ref_uri (JsonObject  *object,
             const char  *member,
             const char **out_uri,
             GError     **error)
{
  JsonObject *ref;

  *out_uri = NULL;
  if (!tend_json_get_object (object, member, FALSE, &ref, error))
    return FALSE;

  return ref == NULL || tend_json_get_string (ref, "uri", TRUE, out_uri, error);
}

/* An out event about whoever owns @subject_uri, unless the owner does. */
static gboolean
add_out (Sync                *sync,
         const char          *subject_uri,
         TendInteractionKind  kind,
         gint64               at,
         const char          *external_id)
{
  g_autofree char *did = tend_bluesky_did_of_uri (subject_uri);

  if (did == NULL || g_str_equal (did, tend_bluesky_client_get_did (sync->client)))
    return TRUE;

  return add_event (sync, did, TEND_DIRECTION_OUT, kind, at, external_id);
}

/* Mentions in a post's facets; a mention of the owner is none. */
static gboolean
read_mentions (Sync        *sync,
               JsonObject  *value,
               const char  *uri,
               gint64       at,
               gboolean    *stop,
               GError     **error)
{
  JsonArray *facets;

  if (!tend_json_get_array (value, "facets", &facets, error))
    return FALSE;

  for (guint i = 0; facets != NULL && i < json_array_get_length (facets); i++)
    {
      JsonObject *facet;
      JsonArray *features;

      if (!tend_json_check_object (json_array_get_element (facets, i), _("a facet"), &facet, error) ||
          !tend_json_get_array (facet, "features", &features, error))
        return FALSE;

      for (guint j = 0; features != NULL && j < json_array_get_length (features); j++)
        {
          g_autofree char *external_id = NULL;
          JsonObject *feature;
          const char *type, *did;

          if (!tend_json_check_object (json_array_get_element (features, j), _("a facet"),
                                       &feature, error) ||
              !tend_json_get_string (feature, "$type", FALSE, &type, error))
            return FALSE;

          if (g_strcmp0 (type, "app.bsky.richtext.facet#mention") != 0)
            continue;
          if (!tend_json_get_string (feature, "did", TRUE, &did, error))
            return FALSE;
          if (g_str_equal (did, tend_bluesky_client_get_did (sync->client)))
            continue;

          external_id = g_strconcat ("out:mention:", uri, "#", did, NULL);
          if (!add_event (sync, did, TEND_DIRECTION_OUT, TEND_INTERACTION_MENTION, at, external_id))
            *stop = TRUE;
        }
    }

  return TRUE;
}

/* A like, repost or post record of the owner's. */
static gboolean
read_record (Sync      *sync,
             JsonNode  *item,
             gboolean  *stop,
             GError   **error)
{
  g_autofree char *external_id = NULL;
  JsonObject *object, *value;
  const char *uri, *subject = NULL;
  gint64 at;

  if (!tend_json_check_object (item, _("a record"), &object, error) ||
      !tend_json_get_string (object, "uri", TRUE, &uri, error) ||
      !tend_json_get_object (object, "value", TRUE, &value, error) ||
      !tend_json_get_time (value, "createdAt", &at, error))
    return FALSE;

  if (at != 0 && at < sync->cutoff)
    {
      *stop = TRUE;
      return TRUE;
    }

  if (sync->phase == PHASE_LIKES || sync->phase == PHASE_REPOSTS)
    {
      TendInteractionKind kind = sync->phase == PHASE_LIKES ? TEND_INTERACTION_LIKE
                                                            : TEND_INTERACTION_REPOST;

      if (!get_ref_uri (value, "subject", &subject, error))
        return FALSE;
      if (subject == NULL)
        return TRUE;

      external_id = g_strconcat ("out:", uri, NULL);
      if (!add_out (sync, subject, kind, at, external_id))
        *stop = TRUE;
      return TRUE;
    }

  /* A post: a reply, a quote, mentions, or none of these. */
  {
    JsonObject *reply, *embed;
    const char *type = NULL;

    if (!tend_json_get_object (value, "reply", FALSE, &reply, error) ||
        !tend_json_get_object (value, "embed", FALSE, &embed, error))
      return FALSE;

    if (reply != NULL)
      {
        if (!get_ref_uri (reply, "parent", &subject, error))
          return FALSE;
        external_id = g_strconcat ("out:reply:", uri, NULL);
        if (subject != NULL && !add_out (sync, subject, TEND_INTERACTION_REPLY, at, external_id))
          *stop = TRUE;
        g_clear_pointer (&external_id, g_free);
      }

    if (embed != NULL && !tend_json_get_string (embed, "$type", FALSE, &type, error))
      return FALSE;
    if (g_strcmp0 (type, "app.bsky.embed.record") == 0 ||
        g_strcmp0 (type, "app.bsky.embed.recordWithMedia") == 0)
      {
        JsonObject *record = embed;

        /* With media, the quoted record is one level further in. */
        if (g_strcmp0 (type, "app.bsky.embed.recordWithMedia") == 0 &&
            !tend_json_get_object (embed, "record", TRUE, &record, error))
          return FALSE;
        if (!get_ref_uri (record, "record", &subject, error))
          return FALSE;
        external_id = g_strconcat ("out:quote:", uri, NULL);
        if (subject != NULL && !add_out (sync, subject, TEND_INTERACTION_QUOTE, at, external_id))
          *stop = TRUE;
      }

    return read_mentions (sync, value, uri, at, stop, error);
  }
}

static void fetch_phase (GTask *task);
static void write_all (GTask *task);

static void
next_phase (GTask *task)
{
  Sync *sync = g_task_get_task_data (task);

  sync->phase++;
  sync->done = 0;
  g_clear_pointer (&sync->cursor, g_free);
  g_clear_pointer (&sync->guard, tend_page_guard_free);
  sync->guard = tend_page_guard_new (tend_web_client_get_server_name (
                                       tend_bluesky_client_get_web_client (sync->client)),
                                     MAX_PAGES);
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
      return read_profile;
    case PHASE_NOTIFICATIONS:
      return read_notification;
    case PHASE_LIKES:
    case PHASE_REPOSTS:
    case PHASE_POSTS:
      return read_record;
    case PHASE_ACCOUNT:
    case PHASE_SAVING:
    case N_PHASES:
    default:
      g_assert_not_reached ();
    }
}

static const char *
phase_list_member (Phase phase)
{
  switch (phase)
    {
    case PHASE_FOLLOWERS:
      return "followers";
    case PHASE_FOLLOWING:
      return "follows";
    case PHASE_NOTIFICATIONS:
      return "notifications";
    case PHASE_LIKES:
    case PHASE_REPOSTS:
    case PHASE_POSTS:
      return "records";
    case PHASE_ACCOUNT:
    case PHASE_SAVING:
    case N_PHASES:
    default:
      g_assert_not_reached ();
    }
}

/* What the page held, to tell a page sent again. */
static void
sign_item (GString  *signature,
           JsonNode *item)
{
  JsonObject *object;
  JsonNode *id;

  if (!JSON_NODE_HOLDS_OBJECT (item))
    return;

  object = json_node_get_object (item);
  id = json_object_get_member (object, "uri");
  if (id == NULL)
    id = json_object_get_member (object, "did");
  if (id != NULL && JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_STRING)
    g_string_append_printf (signature, "%s,", json_node_get_string (id));
}

static void
fail (GTask  *task,
      GError *error)
{
  Sync *sync = g_task_get_task_data (task);

  if (error->domain == TEND_JSON_CHECK_ERROR)
    tend_web_client_fail_bad_reply (tend_bluesky_client_get_web_client (sync->client), &error);
  g_task_return_error (task, error);
}

static void
page_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Sync *sync = g_task_get_task_data (task);
  g_autoptr(TendWebReply) reply = NULL;
  g_autoptr(GString) signature = g_string_new (NULL);
  ItemFunc read_item = phase_item_func (sync->phase);
  GError *error = NULL;
  JsonObject *page;
  JsonArray *items;
  const char *cursor;
  gboolean stop = FALSE;
  guint n;

  reply = tend_bluesky_client_call_finish (sync->client, result, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (!tend_json_check_object (reply->root, _("a page"), &page, &error) ||
      !tend_json_get_array (page, phase_list_member (sync->phase), &items, &error) ||
      !tend_json_get_string (page, "cursor", FALSE, &cursor, &error))
    {
      fail (task, error);
      return;
    }

  n = items != NULL ? json_array_get_length (items) : 0;
  for (guint i = 0; i < n; i++)
    {
      JsonNode *item = json_array_get_element (items, i);

      if (!read_item (sync, item, &stop, &error))
        {
          fail (task, error);
          return;
        }
      sign_item (signature, item);
    }

  sync->done += n;
  report (sync);

  if (!tend_page_guard_check (sync->guard, cursor, n > 0 ? signature->str : NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (stop || n == 0 || cursor == NULL || cursor[0] == '\0')
    {
      next_phase (g_steal_pointer (&task));
      return;
    }

  g_free (sync->cursor);
  sync->cursor = g_strdup (cursor);
  fetch_phase (g_steal_pointer (&task));
}

static void
fetch_phase (GTask *task)
{
  Sync *sync = g_task_get_task_data (task);
  g_autofree char *did = g_uri_escape_string (tend_bluesky_client_get_did (sync->client), NULL, FALSE);
  g_autoptr(GString) query = g_string_new (NULL);
  const char *nsid;

  switch (sync->phase)
    {
    case PHASE_FOLLOWERS:
      nsid = "app.bsky.graph.getFollowers";
      g_string_append_printf (query, "actor=%s&", did);
      break;
    case PHASE_FOLLOWING:
      nsid = "app.bsky.graph.getFollows";
      g_string_append_printf (query, "actor=%s&", did);
      break;
    case PHASE_NOTIFICATIONS:
      nsid = "app.bsky.notification.listNotifications";
      break;
    case PHASE_LIKES:
    case PHASE_REPOSTS:
    case PHASE_POSTS:
      nsid = "com.atproto.repo.listRecords";
      g_string_append_printf (query, "repo=%s&collection=%s&", did,
                              sync->phase == PHASE_LIKES ? "app.bsky.feed.like" :
                              sync->phase == PHASE_REPOSTS ? "app.bsky.feed.repost" :
                              "app.bsky.feed.post");
      break;
    case PHASE_ACCOUNT:
    case PHASE_SAVING:
    case N_PHASES:
    default:
      g_assert_not_reached ();
    }

  g_string_append_printf (query, "limit=%d", TEND_BLUESKY_PAGE);
  if (sync->cursor != NULL)
    {
      g_autofree char *cursor = g_uri_escape_string (sync->cursor, NULL, FALSE);

      g_string_append_printf (query, "&cursor=%s", cursor);
    }

  tend_bluesky_client_call_async (sync->client, nsid, query->str, NULL,
                                  g_task_get_cancellable (task), page_done, task);
}

static void
profile_read (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Sync *sync = g_task_get_task_data (task);
  g_autoptr(TendWebReply) reply = NULL;
  g_autoptr(TendBlueskyProfile) own = NULL;
  GError *error = NULL;

  reply = tend_bluesky_client_call_finish (sync->client, result, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  own = tend_bluesky_profile_parse (reply->root, &error);
  if (own == NULL ||
      !tend_json_get_int (json_node_get_object (reply->root), "followersCount",
                          &sync->followers_count, &error) ||
      !tend_json_get_int (json_node_get_object (reply->root), "followsCount",
                          &sync->following_count, &error))
    {
      fail (task, error);
      return;
    }

  /* The session must still be the account's own: a server that answers
   * for someone else would mix two people's connections. */
  if (!g_str_equal (own->did, tend_bluesky_client_get_did (sync->client)))
    {
      g_task_return_new_error (task, TEND_BLUESKY_ERROR, TEND_BLUESKY_ERROR_SIGN_IN_AGAIN,
                               _("%s answers for @%s, not for @%s. Disconnect the account and "
                                 "connect it again."),
                               tend_bluesky_client_get_base_url (sync->client),
                               own->handle, sync->account);
      return;
    }

  next_phase (g_steal_pointer (&task));
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

  sync_result = tend_sync_write_finish (result, tend_bluesky_client_get_web_client (sync->client),
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

  sync->data->server = g_strdup (tend_bluesky_client_get_base_url (sync->client));
  sync->data->remote_id = g_strdup (tend_bluesky_client_get_did (sync->client));
  tend_sync_write_async (sync->database_path, sync->data, g_task_get_cancellable (task),
                         written, task);
}

/**
 * tend_bluesky_sync_async:
 * @client: a client with the account's session
 * @store: the profile; the writing opens its own connection to its file
 * @account: the account, its handle as connected
 * @progress: (nullable): where to report how far the sync is
 *
 * Fetches the account's followers, follows and a year of interactions,
 * then writes them in one transaction. On error or cancellation the
 * store is as it was.
 */
void
tend_bluesky_sync_async (TendBlueskyClient   *client,
                         TendStore           *store,
                         const char          *account,
                         TendSyncProgress    *progress,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(TendLiveSource) source = NULL;
  g_autofree char *did = NULL;
  g_autofree char *query = NULL;
  GHashTable *known;
  GError *error = NULL;
  Sync *sync;

  g_return_if_fail (TEND_IS_BLUESKY_CLIENT (client));
  g_return_if_fail (TEND_IS_STORE (store));
  g_return_if_fail (account != NULL);
  g_return_if_fail (progress == NULL || TEND_IS_SYNC_PROGRESS (progress));

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, tend_bluesky_sync_async);

  source = tend_store_find_live_source (store, TEND_SOURCE_KIND_BLUESKY, account, &error);
  if (source == NULL || tend_bluesky_client_get_did (client) == NULL)
    {
      if (error == NULL)
        error = g_error_new (TEND_BLUESKY_ERROR, TEND_BLUESKY_ERROR_NOT_CONNECTED,
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
  sync->data = tend_sync_data_new (TEND_SOURCE_KIND_BLUESKY, source->id);
  sync->data->title = g_strconcat ("@", account, NULL);
  sync->data->keep_follow_records = TRUE;
  sync->cutoff = g_get_real_time () / G_USEC_PER_SEC - TEND_BLUESKY_SYNC_DAYS * 24 * 3600;
  sync->phase = PHASE_ACCOUNT;
  g_task_set_task_data (task, sync, (GDestroyNotify) sync_free);

  if (progress != NULL)
    tend_sync_progress_watch_client (progress, tend_bluesky_client_get_web_client (client));
  report (sync);

  did = g_uri_escape_string (tend_bluesky_client_get_did (client), NULL, FALSE);
  query = g_strconcat ("actor=", did, NULL);
  tend_bluesky_client_call_async (client, "app.bsky.actor.getProfile", query, NULL, cancellable,
                                  profile_read, g_steal_pointer (&task));
}

/**
 * tend_bluesky_sync_finish:
 *
 * Returns: (transfer full): what the sync did, or %NULL with @error set
 */
TendSyncResult *
tend_bluesky_sync_finish (TendBlueskyClient  *client,
                          GAsyncResult       *result,
                          GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
