/* tend-bluesky-executor.c: unfollow and follow on Bluesky
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A follow on Bluesky is a record in the owner's repository: following
 * creates one, unfollowing deletes the one the last sync saw (its key
 * is the last part of its address). Bluesky has no way to make someone
 * stop following the owner, so removing a follower is not offered.
 * Deleting a record that is already gone succeeds too, so each change
 * is confirmed by reading the record back from the owner's server,
 * which answers for its own repository at once.
 */
#define G_LOG_DOMAIN "tend-bluesky-executor"

#include "config.h"

#include <glib/gi18n.h>

#include "tend-bluesky-executor.h"
#include "tend-json-check.h"

#define FOLLOW_COLLECTION "app.bsky.graph.follow"

struct _TendBlueskyExecutor
{
  GObject parent_instance;

  /* owned */
  TendBlueskyClient *client;
  TendStore         *store;

  gint64             source_id;
};

static void tend_bluesky_executor_iface_init (TendActionExecutorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TendBlueskyExecutor, tend_bluesky_executor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TEND_TYPE_ACTION_EXECUTOR,
                                                      tend_bluesky_executor_iface_init))

typedef struct {
  TendActionKind  kind;
  char           *did;          /* the other account */
  char           *record_uri;   /* the owner's follow record */
} Change;

static void
change_free (Change *change)
{
  g_free (change->did);
  g_free (change->record_uri);
  g_free (change);
}

static gboolean
tend_bluesky_executor_can_run (TendActionExecutor *executor,
                               TendActionKind      kind)
{
  return kind == TEND_ACTION_UNFOLLOW || kind == TEND_ACTION_FOLLOW;
}

static JsonNode *
record_input (TendBlueskyExecutor *self,
              const char          *rkey,
              const char          *subject)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "repo");
  json_builder_add_string_value (builder, tend_bluesky_client_get_did (self->client));
  json_builder_set_member_name (builder, "collection");
  json_builder_add_string_value (builder, FOLLOW_COLLECTION);
  if (rkey != NULL)
    {
      json_builder_set_member_name (builder, "rkey");
      json_builder_add_string_value (builder, rkey);
    }
  if (subject != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *created_at = g_date_time_format_iso8601 (now);

      json_builder_set_member_name (builder, "record");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "$type");
      json_builder_add_string_value (builder, FOLLOW_COLLECTION);
      json_builder_set_member_name (builder, "subject");
      json_builder_add_string_value (builder, subject);
      json_builder_set_member_name (builder, "createdAt");
      json_builder_add_string_value (builder, created_at);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
read_back_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TendBlueskyExecutor *self = g_task_get_source_object (task);
  Change *change = g_task_get_task_data (task);
  g_autoptr(TendWebReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  GError *store_error = NULL;
  gboolean exists;

  reply = tend_bluesky_client_call_finish (self->client, result, &error);
  if (reply == NULL && !g_error_matches (error, TEND_WEB_ERROR, TEND_WEB_ERROR_NOT_FOUND))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  exists = reply != NULL;
  if (exists != (change->kind == TEND_ACTION_FOLLOW))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               change->kind == TEND_ACTION_FOLLOW
                               ? _("%s accepted the follow but does not show it. Sync, then try again.")
                               : _("%s accepted the unfollow but still shows the follow. Sync, then try again."),
                               tend_bluesky_client_get_base_url (self->client));
      return;
    }

  if (!tend_store_set_follow_record (self->store, self->source_id, change->did,
                                     exists ? change->record_uri : NULL, &store_error))
    {
      g_task_return_error (task, store_error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
read_back (GTask *task)
{
  TendBlueskyExecutor *self = g_task_get_source_object (task);
  Change *change = g_task_get_task_data (task);
  g_autofree char *repo = g_uri_escape_string (tend_bluesky_client_get_did (self->client), NULL, FALSE);
  g_autofree char *rkey = tend_bluesky_rkey_of_uri (change->record_uri);
  g_autofree char *rkey_q = g_uri_escape_string (rkey, NULL, FALSE);
  g_autofree char *query = g_strdup_printf ("repo=%s&collection=" FOLLOW_COLLECTION "&rkey=%s",
                                            repo, rkey_q);

  tend_bluesky_client_call_async (self->client, "com.atproto.repo.getRecord", query, NULL,
                                  g_task_get_cancellable (task), read_back_done, task);
}

static void
written (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TendBlueskyExecutor *self = g_task_get_source_object (task);
  Change *change = g_task_get_task_data (task);
  g_autoptr(TendWebReply) reply = NULL;
  GError *error = NULL;

  reply = tend_bluesky_client_call_finish (self->client, result, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (change->kind == TEND_ACTION_FOLLOW)
    {
      JsonObject *record;
      const char *uri;
      g_autofree char *rkey = NULL;

      if (!tend_json_check_object (reply->root, _("a record"), &record, &error) ||
          !tend_json_get_string (record, "uri", TRUE, &uri, &error) ||
          (rkey = tend_bluesky_rkey_of_uri (uri)) == NULL)
        {
          if (error == NULL)
            g_set_error (&error, TEND_JSON_CHECK_ERROR, TEND_JSON_CHECK_ERROR_INVALID,
                         _("“%s” is not %s"), "uri", _("a record address"));
          tend_web_client_fail_bad_reply (tend_bluesky_client_get_web_client (self->client), &error);
          g_task_return_error (task, error);
          return;
        }
      change->record_uri = g_strdup (uri);
    }

  read_back (g_steal_pointer (&task));
}

static void
tend_bluesky_executor_run_async (TendActionExecutor  *executor,
                                 TendActionKind       kind,
                                 gint64               connection_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  TendBlueskyExecutor *self = TEND_BLUESKY_EXECUTOR (executor);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(JsonNode) input = NULL;
  g_autofree char *rkey = NULL;
  GError *error = NULL;
  gint64 source_id = 0;
  Change *change;

  g_task_set_source_tag (task, tend_bluesky_executor_run_async);

  if (!tend_bluesky_executor_can_run (executor, kind))
    {
      g_task_return_new_error (task, TEND_BLUESKY_ERROR, TEND_BLUESKY_ERROR_UNSUPPORTED,
                               _("Bluesky has no way to make someone stop following you. You "
                                 "can block them in Bluesky instead."));
      return;
    }

  change = g_new0 (Change, 1);
  change->kind = kind;
  g_task_set_task_data (task, change, (GDestroyNotify) change_free);

  change->did = tend_store_dup_connection_remote_id (self->store, connection_id, &source_id, &error);
  if (change->did == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* A record belongs to the account whose repository holds it. */
  if (source_id != self->source_id)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("This person is not connected through @%s. Apply the change "
                                 "from the account they belong to."),
                               tend_bluesky_client_get_handle (self->client));
      return;
    }

  if (kind == TEND_ACTION_FOLLOW)
    {
      input = record_input (self, NULL, change->did);
      tend_bluesky_client_call_async (self->client, "com.atproto.repo.createRecord", NULL, input,
                                      cancellable, written, g_steal_pointer (&task));
      return;
    }

  change->record_uri = tend_store_dup_follow_record (self->store, connection_id, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  rkey = tend_bluesky_rkey_of_uri (change->record_uri);
  if (rkey == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("Tend does not know your follow of this person yet. Sync the "
                                 "account, then try again."));
      return;
    }

  input = record_input (self, rkey, NULL);
  tend_bluesky_client_call_async (self->client, "com.atproto.repo.deleteRecord", NULL, input,
                                  cancellable, written, g_steal_pointer (&task));
}

static gboolean
tend_bluesky_executor_run_finish (TendActionExecutor  *executor,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
tend_bluesky_executor_iface_init (TendActionExecutorInterface *iface)
{
  iface->can_run = tend_bluesky_executor_can_run;
  iface->run_async = tend_bluesky_executor_run_async;
  iface->run_finish = tend_bluesky_executor_run_finish;
}

static void
tend_bluesky_executor_finalize (GObject *object)
{
  TendBlueskyExecutor *self = (TendBlueskyExecutor *)object;

  g_clear_object (&self->client);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tend_bluesky_executor_parent_class)->finalize (object);
}

static void
tend_bluesky_executor_class_init (TendBlueskyExecutorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tend_bluesky_executor_finalize;
}

static void
tend_bluesky_executor_init (TendBlueskyExecutor *self)
{
}

/**
 * tend_bluesky_executor_new:
 * @client: a client with the account's session (tend_bluesky_open_async())
 * @source_id: the account's source in @store
 *
 * Returns: (transfer full): the account's actions, to run through
 *   tend_action_executor_run_async()
 */
TendBlueskyExecutor *
tend_bluesky_executor_new (TendBlueskyClient *client,
                           TendStore         *store,
                           gint64             source_id)
{
  TendBlueskyExecutor *self;

  g_return_val_if_fail (TEND_IS_BLUESKY_CLIENT (client), NULL);
  g_return_val_if_fail (TEND_IS_STORE (store), NULL);

  self = g_object_new (TEND_TYPE_BLUESKY_EXECUTOR, NULL);
  self->client = g_object_ref (client);
  self->store = g_object_ref (store);
  self->source_id = source_id;
  return self;
}
