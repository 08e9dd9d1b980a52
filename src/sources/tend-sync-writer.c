/* tend-sync-writer.c: write what a sync fetched, in one transaction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sync of a network account reads everything first and writes only
 * at the end, so one that fails or is cancelled halfway leaves the
 * store as it was. Writing runs in a worker thread with its own
 * connection to the database: people are compared with what is stored
 * and written only when something changed, interactions carry the
 * network's ids so a second sync adds none twice, and people no longer
 * following or followed are marked removed and the snapshot taken, as
 * an import of a complete export does, so "new" and "gone" show the
 * same way.
 */
#define G_LOG_DOMAIN "tend-sync-writer"

#include "config.h"

#include <glib/gi18n.h>

#include "tend-sync-writer.h"

static void
person_free (TendSyncPerson *person)
{
  g_free (person->key);
  g_free (person->handle);
  g_free (person->name);
  g_free (person->url);
  g_free (person->avatar);
  g_free (person->remote_id);
  g_free (person->bio);
  g_free (person->follow_record);
  g_free (person);
}

static void
event_clear (TendSyncEvent *event)
{
  g_free (event->key);
  g_free (event->external_id);
}

/**
 * tend_sync_data_new:
 *
 * Returns: (transfer full): empty data; the sync fills in the rest
 */
TendSyncData *
tend_sync_data_new (TendSourceKind kind,
                    gint64         source_id)
{
  TendSyncData *data = g_new0 (TendSyncData, 1);

  data->kind = kind;
  data->source_id = source_id;
  data->people = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) person_free);
  data->events = g_array_new (FALSE, FALSE, sizeof (TendSyncEvent));
  g_array_set_clear_func (data->events, (GDestroyNotify) event_clear);
  return data;
}

void
tend_sync_data_free (TendSyncData *data)
{
  if (data == NULL)
    return;

  g_free (data->title);
  g_free (data->server);
  g_free (data->remote_id);
  g_hash_table_unref (data->people);
  g_array_unref (data->events);
  g_free (data);
}

/**
 * tend_sync_data_add_person:
 *
 * Returns: (transfer none): the person with @key, added when new
 */
TendSyncPerson *
tend_sync_data_add_person (TendSyncData *data,
                           const char   *key)
{
  TendSyncPerson *person = g_hash_table_lookup (data->people, key);

  if (person != NULL)
    return person;

  person = g_new0 (TendSyncPerson, 1);
  person->key = g_strdup (key);
  g_hash_table_insert (data->people, person->key, person);
  return person;
}

void
tend_sync_data_add_event (TendSyncData        *data,
                          const char          *key,
                          TendDirection        direction,
                          TendInteractionKind  kind,
                          gint64               occurred_at,
                          const char          *external_id)
{
  TendSyncEvent event = { g_strdup (key), g_strdup (external_id), direction, kind, occurred_at };

  g_array_append_val (data->events, event);
}

static gboolean
write_people (TendSyncData    *data,
              TendStore       *store,
              TendSyncResult  *result,
              GHashTable      *ids_by_key,
              GArray          *kept,
              GCancellable    *cancellable,
              GError         **error)
{
  g_autoptr(GHashTable) before = NULL;
  GHashTableIter iter;
  TendSyncPerson *person;
  guint i = 0;

  before = tend_store_get_follow_states (store, data->source_id, error);
  if (before == NULL)
    return FALSE;

  g_hash_table_iter_init (&iter, data->people);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &person))
    {
      TendConnectionRecord record = { 0, };
      TendConnectionChange change = TEND_CONNECTION_UNCHANGED;
      gboolean present = FALSE;
      gboolean same = FALSE;
      gint64 id;

      if (++i % 512 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      record.stable_key = person->key;
      record.name = person->name;
      record.handle = person->handle;
      record.profile_url = person->url;
      record.avatar_url = person->avatar;
      record.remote_id = person->remote_id;
      record.bio = person->bio;
      record.account_state = person->state;
      record.last_active_at = person->last_active_at;
      if (person->follows_me && person->i_follow)
        record.follow_state = TEND_FOLLOW_STATE_MUTUAL;
      else if (person->follows_me)
        record.follow_state = TEND_FOLLOW_STATE_FOLLOWS_ME;
      else
        record.follow_state = TEND_FOLLOW_STATE_I_FOLLOW;

      /* Only what changed is written. */
      if (!tend_store_compare_connection (store, data->source_id, &record, &id, &present, &same, error))
        return FALSE;
      if (!same)
        id = tend_store_import_connection (store, data->source_id, &record, &change, error);
      if (id == 0)
        return FALSE;

      if (data->keep_follow_records && person->remote_id != NULL &&
          !tend_store_set_follow_record (store, data->source_id, person->remote_id,
                                         person->follow_record, error))
        return FALSE;

      tend_import_source_result_count (result->source, change);
      g_array_append_val (kept, id);
      g_hash_table_insert (ids_by_key, person->key, g_memdup2 (&id, sizeof id));
    }

  /* Who followed the owner before and does not now. */
  {
    GHashTableIter before_iter;
    const char *key;
    gpointer state;

    g_hash_table_iter_init (&before_iter, before);
    while (g_hash_table_iter_next (&before_iter, (gpointer *) &key, &state))
      {
        TendFollowState was = GPOINTER_TO_INT (state) - 1;

        person = g_hash_table_lookup (data->people, key);
        if ((was == TEND_FOLLOW_STATE_MUTUAL || was == TEND_FOLLOW_STATE_FOLLOWS_ME) &&
            (person == NULL || !person->follows_me))
          g_ptr_array_add (result->unfollowed,
                           g_strdup (person != NULL && person->handle != NULL ? person->handle : key));
      }
    g_ptr_array_sort (result->unfollowed, (GCompareFunc) g_strcmp0);
  }

  return TRUE;
}

static gboolean
write_events (TendSyncData    *data,
              TendStore       *store,
              TendSyncResult  *result,
              GHashTable      *ids_by_key,
              GError         **error)
{
  gint64 before, after;

  before = tend_store_count_interactions (store, error);
  if (before < 0)
    return FALSE;

  for (guint i = 0; i < data->events->len; i++)
    {
      const TendSyncEvent *event = &g_array_index (data->events, TendSyncEvent, i);
      const gint64 *id = g_hash_table_lookup (ids_by_key, event->key);

      result->source->n_interactions_read++;
      if (id == NULL)
        {
          result->source->n_interactions_unmatched++;
          continue;
        }

      if (!tend_store_add_interaction (store, *id, event->direction, event->kind,
                                       event->occurred_at, event->external_id, error))
        return FALSE;
    }

  after = tend_store_count_interactions (store, error);
  if (after < 0)
    return FALSE;

  result->source->n_interactions_added = after - before;
  return TRUE;
}

static TendSyncResult *
write_sync (TendSyncData  *data,
            TendStore     *store,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(TendSyncResult) result = NULL;
  g_autoptr(GHashTable) ids_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  result = tend_sync_result_new (data->kind, data->title);
  result->source->source_id = data->source_id;

  if (!tend_store_begin (store, error))
    return NULL;

  if (!write_people (data, store, result, ids_by_key, kept, cancellable, error) ||
      !write_events (data, store, result, ids_by_key, error) ||
      !tend_import_source_result_write_roster (result->source, store, kept, now, error) ||
      !tend_store_set_source_live (store, data->source_id, data->server, data->remote_id, error) ||
      !tend_store_set_source_synced (store, data->source_id, now, error) ||
      /* The last chance to cancel: after this, everything is kept. */
      g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      tend_store_rollback (store);
      return NULL;
    }

  if (!tend_store_commit (store, error))
    return NULL;

  return g_steal_pointer (&result);
}

static void
write_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  const char *database_path = g_object_get_data (G_OBJECT (task), "database-path");
  g_autoptr(TendStore) store = NULL;
  GError *error = NULL;
  TendSyncResult *result;

  /* SQLite connections are not shared between threads here. */
  store = tend_store_open (database_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  result = write_sync (task_data, store, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) tend_sync_result_free);
}

/**
 * tend_sync_write_async:
 * @database_path: the profile's file; the worker opens its own connection
 * @data: what was fetched; it must stay untouched until the callback runs
 *
 * Writes @data in one transaction, in a worker thread. On error or
 * cancellation the store is as it was.
 */
void
tend_sync_write_async (const char          *database_path,
                       TendSyncData        *data,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, tend_sync_write_async);
  g_task_set_task_data (task, data, NULL);
  g_object_set_data_full (G_OBJECT (task), "database-path", g_strdup (database_path), g_free);
  g_task_run_in_thread (task, write_in_thread);
}

/**
 * tend_sync_write_finish:
 * @web: the client that fetched, for its request count
 * @progress: (nullable): told the sync is done, as phase @n_phases
 *
 * Returns: (transfer full): what the sync did, or %NULL with @error
 */
TendSyncResult *
tend_sync_write_finish (GAsyncResult      *result,
                        TendWebClient     *web,
                        TendSyncProgress  *progress,
                        guint              n_phases,
                        GError           **error)
{
  TendSyncResult *sync_result;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (TEND_IS_WEB_CLIENT (web), NULL);

  sync_result = g_task_propagate_pointer (G_TASK (result), error);
  if (sync_result == NULL)
    return NULL;

  sync_result->n_requests = tend_web_client_get_n_requests (web);
  if (progress != NULL)
    tend_sync_progress_set_phase (progress, _("Done"), n_phases, n_phases, 0, 0);
  return sync_result;
}
