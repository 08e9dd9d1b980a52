/* tend-apply-engine.c: turns prune decisions into actions on each network
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Planning: a pruned person on Mastodon is unfollowed when the owner
 * follows them, removed as a follower when they follow the owner, both
 * when mutual. Bluesky can only unfollow; its followers stay, and the
 * plan says how many. Every export-only source gets one checklist item
 * per pruned person, ticked by hand. Actions are queued in the store at
 * most once (tend_store_queue_action()), after a CSV backup of every
 * connection has been written.
 *
 * Running: each source with an executor works through its own queue,
 * one action at a time (the executor waits out its server's rate
 * limits); the sources run side by side. An action is marked running
 * before its call and done or failed after it, and the executor journals
 * the call itself, before and after.
 *
 * After a crash, an action still marked running had an unknown outcome.
 * The follow state decides (tend_apply_engine_recover()): the executor
 * records the new state and the journal entry together, so a state that
 * no longer needs the action means the call succeeded and was recorded,
 * and the action is marked done without calling again; a state that
 * still needs it means the result never reached the store, and the
 * action waits to be sent again. Sending an unfollow or a removal twice
 * is harmless on the server (it is idempotent there), and the journal
 * still holds one "unfollow" per unfollow done, since only a recorded
 * result writes one.
 */
#define G_LOG_DOMAIN "tend-apply-engine"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "tend-apply-engine.h"
#include "tend-csv-export.h"
#include "tend-reciprocity.h"

typedef struct {
  TendApplyEngine    *engine;     /* borrowed: the engine owns its workers */
  gint64              source_id;
  TendActionExecutor *executor;
  guint               n_done;
  guint               n_total;
  gboolean            active;
} SourceRun;

struct _TendApplyEngine
{
  GObject parent_instance;

  /* owned */
  TendStore       *store;
  GHashTable      *executors;   /* gint64 source id → TendActionExecutor */
  GHashTable      *runs;        /* gint64 source id → SourceRun */
  GTask           *task;        /* the run in progress */
  GCancellable    *cancellable; /* what the executors get: the owner's Cancel */
  TendApplyResult *result;
  char            *current_name;

  guint            n_done;
  guint            n_total;
  guint            n_active;
  gboolean         cancel_requested;
};

G_DEFINE_FINAL_TYPE (TendApplyEngine, tend_apply_engine, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_RUNNING,
  PROP_N_DONE,
  PROP_N_TOTAL,
  PROP_CURRENT_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Where a store keeps a pointer to its shared engine, without a reference. */
#define ENGINE_KEY "tend-apply-engine"

enum {
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gint64 *
int64_key (gint64 value)
{
  return g_memdup2 (&value, sizeof value);
}

void
tend_apply_result_free (TendApplyResult *result)
{
  if (result == NULL)
    return;

  g_clear_pointer (&result->finished, g_ptr_array_unref);
  g_free (result);
}

static void
source_plan_clear (TendApplySourcePlan *plan)
{
  g_clear_pointer (&plan->source_title, g_free);
}

/* What applying a prune decision asks of a source, given the relation;
 * %TRUE in @out_kept_follower when the person follows on and the network
 * offers no way to change that. */
static guint
actions_for (TendSourceKind   source_kind,
             TendFollowState  state,
             TendActionKind   out_kinds[2],
             gboolean        *out_kept_follower)
{
  gboolean i_follow = state == TEND_FOLLOW_STATE_MUTUAL || state == TEND_FOLLOW_STATE_I_FOLLOW;
  gboolean follows_me = state == TEND_FOLLOW_STATE_MUTUAL || state == TEND_FOLLOW_STATE_FOLLOWS_ME;
  guint n = 0;

  *out_kept_follower = FALSE;

  switch (source_kind)
    {
    case TEND_SOURCE_KIND_MASTODON:
      if (i_follow)
        out_kinds[n++] = TEND_ACTION_UNFOLLOW;
      if (follows_me)
        out_kinds[n++] = TEND_ACTION_REMOVE_FOLLOWER;
      return n;

    case TEND_SOURCE_KIND_BLUESKY:
      if (i_follow)
        out_kinds[n++] = TEND_ACTION_UNFOLLOW;
      *out_kept_follower = follows_me;
      return n;

    case TEND_SOURCE_KIND_FACEBOOK:
    case TEND_SOURCE_KIND_INSTAGRAM:
    case TEND_SOURCE_KIND_LINKEDIN:
    case TEND_SOURCE_KIND_X:
    case TEND_SOURCE_KIND_MASTODON_CSV:
    case TEND_SOURCE_KIND_GOOGLE_CONTACTS:
    case TEND_SOURCE_KIND_VCARD:
    default:
      out_kinds[n++] = TEND_ACTION_CHECKLIST;
      return n;
    }
}

/* Whether the relation the store holds still calls for @kind. */
static gboolean
action_needed (TendActionKind  kind,
               TendFollowState state,
               gboolean        present)
{
  gboolean i_follow = present && (state == TEND_FOLLOW_STATE_MUTUAL || state == TEND_FOLLOW_STATE_I_FOLLOW);
  gboolean follows_me = present && (state == TEND_FOLLOW_STATE_MUTUAL || state == TEND_FOLLOW_STATE_FOLLOWS_ME);

  switch (kind)
    {
    case TEND_ACTION_UNFOLLOW:
      return i_follow;
    case TEND_ACTION_REMOVE_FOLLOWER:
      return follows_me;
    case TEND_ACTION_FOLLOW:
      return !i_follow;
    case TEND_ACTION_CHECKLIST:
    default:
      return TRUE;
    }
}

static TendApplySourcePlan *
find_plan (GArray *plans,
           gint64  source_id)
{
  for (guint i = 0; i < plans->len; i++)
    {
      TendApplySourcePlan *plan = &g_array_index (plans, TendApplySourcePlan, i);

      if (plan->source_id == source_id)
        return plan;
    }

  return NULL;
}

/* Plans (and with @queue, queues) what the prune decisions ask of each
 * source; the plans come in the sidebar's source order. */
static GArray *
plan_actions (TendStore   *store,
              GHashTable  *executors,
              gboolean     queue,
              guint       *out_n_queued,
              GError     **error)
{
  g_autoptr(GArray) plans = g_array_new (FALSE, TRUE, sizeof (TendApplySourcePlan));
  g_autoptr(GListModel) sources = NULL;
  g_autoptr(GListModel) connections = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GHashTable) ticked = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n_queued = 0;

  g_array_set_clear_func (plans, (GDestroyNotify) source_plan_clear);

  if (!(sources = tend_store_list_sources (store, error)) ||
      !(connections = tend_store_list_connections (store, error)) ||
      !(actions = tend_store_list_actions (store, error)))
    return NULL;

  for (guint i = 0; i < actions->len; i++)
    {
      TendActionItem *item = g_ptr_array_index (actions, i);

      if (item->kind == TEND_ACTION_CHECKLIST && item->state == TEND_ACTION_STATE_DONE)
        g_hash_table_add (ticked, int64_key (item->person.connection_id));
    }

  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(TendSource) source = g_list_model_get_item (sources, i);
      TendApplySourcePlan plan = { 0, };

      plan.source_id = tend_source_get_id (source);
      plan.source_kind = tend_source_get_kind (source);
      plan.source_title = g_strdup (tend_source_get_title (source));
      plan.has_executor = g_hash_table_contains (executors, &plan.source_id);
      g_array_append_val (plans, plan);
    }

  for (guint i = 0; i < g_list_model_get_n_items (connections); i++)
    {
      g_autoptr(TendConnection) connection = g_list_model_get_item (connections, i);
      gint64 id = tend_connection_get_id (connection);
      TendApplySourcePlan *plan;
      TendActionKind kinds[2];
      gboolean kept_follower;
      guint n_kinds;

      if (tend_connection_get_decision (connection) != TEND_DECISION_PRUNE)
        continue;

      plan = find_plan (plans, tend_connection_get_source_id (connection));
      if (plan == NULL)
        continue;

      n_kinds = actions_for (plan->source_kind, tend_connection_get_follow_state (connection),
                             kinds, &kept_follower);
      plan->n_people++;
      plan->n_kept_followers += kept_follower;

      for (guint k = 0; k < n_kinds; k++)
        {
          gboolean queued = FALSE;

          if (kinds[k] == TEND_ACTION_UNFOLLOW)
            plan->n_unfollow++;
          else if (kinds[k] == TEND_ACTION_REMOVE_FOLLOWER)
            plan->n_remove_follower++;
          else if (kinds[k] == TEND_ACTION_CHECKLIST)
            {
              plan->n_checklist++;
              plan->n_checklist_done += g_hash_table_contains (ticked, &id);
            }

          if (queue && tend_store_queue_action (store, id, kinds[k], &queued, error) == 0)
            return NULL;
          n_queued += queued;
        }
    }

  if (out_n_queued != NULL)
    *out_n_queued = n_queued;

  return g_steal_pointer (&plans);
}

/**
 * tend_apply_describe_source:
 * @title: (nullable): the source's title, untrusted text
 *
 * Names a source for a person: the network, and its title when that
 * says more, as "Facebook · Rosa Martins".
 *
 * Returns: (transfer full): plain text
 */
char *
tend_apply_describe_source (TendSourceKind  kind,
                            const char     *title)
{
  const char *network = tend_source_kind_get_label (kind);

  if (title == NULL || *title == '\0' || g_strcmp0 (title, network) == 0)
    return g_strdup (network);

  /* Translators: a network and the title of its source, e.g. "Facebook · Rosa Martins" */
  return g_strdup_printf (_("%s · %s"), network, title);
}

/**
 * tend_apply_engine_new:
 * @store: the profile whose decisions are applied
 */
TendApplyEngine *
tend_apply_engine_new (TendStore *store)
{
  g_return_val_if_fail (TEND_IS_STORE (store), NULL);

  return g_object_new (TEND_TYPE_APPLY_ENGINE, "store", store, NULL);
}

/**
 * tend_apply_engine_dup_for_store:
 *
 * The window, the wizard's pages and History share one engine per
 * profile, so that its executors and its run are the same for all. The
 * store does not hold it: it lives while one of them does.
 *
 * Returns: (transfer full): the engine of @store
 */
TendApplyEngine *
tend_apply_engine_dup_for_store (TendStore *store)
{
  TendApplyEngine *engine;

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);

  engine = g_object_get_data (G_OBJECT (store), ENGINE_KEY);
  if (engine != NULL)
    return g_object_ref (engine);

  engine = tend_apply_engine_new (store);
  g_object_set_data (G_OBJECT (store), ENGINE_KEY, engine);
  return engine;
}

TendStore *
tend_apply_engine_get_store (TendApplyEngine *self)
{
  g_return_val_if_fail (TEND_IS_APPLY_ENGINE (self), NULL);

  return self->store;
}

/**
 * tend_apply_engine_set_executor:
 * @executor: (nullable): what carries out actions on @source_id's
 *   network, or %NULL when it can no longer (the account was
 *   disconnected)
 *
 * Registers the network client of a live source. Its actions wait in
 * the queue until one is registered, and a run does not touch them.
 */
void
tend_apply_engine_set_executor (TendApplyEngine    *self,
                                gint64              source_id,
                                TendActionExecutor *executor)
{
  g_return_if_fail (TEND_IS_APPLY_ENGINE (self));
  g_return_if_fail (executor == NULL || TEND_IS_ACTION_EXECUTOR (executor));

  if (executor != NULL)
    g_hash_table_replace (self->executors, int64_key (source_id), g_object_ref (executor));
  else
    g_hash_table_remove (self->executors, &source_id);
}

/**
 * tend_apply_engine_get_executor:
 *
 * Returns: (transfer none) (nullable): the executor of @source_id
 */
TendActionExecutor *
tend_apply_engine_get_executor (TendApplyEngine *self,
                                gint64           source_id)
{
  g_return_val_if_fail (TEND_IS_APPLY_ENGINE (self), NULL);

  return g_hash_table_lookup (self->executors, &source_id);
}

/**
 * tend_apply_engine_plan:
 *
 * Says what applying the prune decisions would do, source by source,
 * without writing anything.
 *
 * Returns: (transfer full) (element-type TendApplySourcePlan): one plan
 *   per source, or %NULL with @error set
 */
GArray *
tend_apply_engine_plan (TendApplyEngine  *self,
                        GError          **error)
{
  g_return_val_if_fail (TEND_IS_APPLY_ENGINE (self), NULL);

  return plan_actions (self->store, self->executors, FALSE, NULL, error);
}

/**
 * tend_apply_engine_build_backup_dir:
 *
 * Returns: (transfer full): the folder beside the profile's database
 *   where backups are written
 */
char *
tend_apply_engine_build_backup_dir (TendStore *store)
{
  g_autofree char *profile_dir = NULL;

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);

  profile_dir = g_path_get_dirname (tend_store_get_path (store));
  return g_build_filename (profile_dir, "backups", NULL);
}

/* Creates a new file for the backup, private to the owner; a second
 * backup in the same second gets a number rather than replacing it. */
static GFileOutputStream *
create_backup_file (const char  *dir,
                    char       **out_path,
                    GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Tend could not create the backup folder “%s” (%s), so nothing "
                     "was applied. Check that you may write there and try again."),
                   display, g_strerror (saved_errno));
      return NULL;
    }

  for (guint attempt = 1; ; attempt++)
    {
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;
      g_autoptr(GFile) file = NULL;
      g_autoptr(GError) local_error = NULL;
      GFileOutputStream *output;

      if (attempt == 1)
        name = g_strdup_printf ("tend-backup-%s.csv", stamp);
      else
        name = g_strdup_printf ("tend-backup-%s-%u.csv", stamp, attempt);

      path = g_build_filename (dir, name, NULL);
      file = g_file_new_for_path (path);
      output = g_file_create (file, G_FILE_CREATE_PRIVATE, NULL, &local_error);

      if (output != NULL)
        {
          *out_path = g_steal_pointer (&path);
          return output;
        }

      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS) || attempt >= 100)
        {
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (error, G_IO_ERROR, local_error->code,
                       _("Tend could not write the backup “%s” (%s), so nothing was "
                         "applied. Free some disk space or check the folder, then try again."),
                       display, local_error->message);
          return NULL;
        }
    }
}

static gboolean
write_backup (TendStore  *store,
              char      **out_path,
              GError    **error)
{
  g_autoptr(GListModel) connections = NULL;
  g_autoptr(GFileOutputStream) output = NULL;
  g_autofree char *dir = tend_apply_engine_build_backup_dir (store);
  g_autofree char *path = NULL;
  TendReciprocityParams params;

  if (!tend_reciprocity_params_load (&params, store, error) ||
      !(connections = tend_store_list_connections (store, error)) ||
      !tend_reciprocity_apply (store, connections, &params,
                               g_get_real_time () / G_USEC_PER_SEC, error))
    return FALSE;

  output = create_backup_file (dir, &path, error);
  if (output == NULL)
    return FALSE;

  if (!tend_csv_export_write (connections, G_OUTPUT_STREAM (output), NULL, error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (output), NULL, error))
    {
      g_unlink (path);
      return FALSE;
    }

  *out_path = g_steal_pointer (&path);
  return TRUE;
}

typedef struct {
  char       *path;        /* the database */
  GHashTable *executors;   /* a copy of the keys only matters to planning */
  char       *backup_path;
  guint       n_queued;
} PrepareJob;

static void
prepare_job_free (PrepareJob *job)
{
  g_free (job->path);
  g_clear_pointer (&job->executors, g_hash_table_unref);
  g_free (job->backup_path);
  g_free (job);
}

static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PrepareJob *job = task_data;
  g_autoptr(TendStore) store = NULL;
  g_autoptr(GArray) plans = NULL;
  g_autoptr(GError) error = NULL;

  /* A store belongs to the thread that opened it. */
  if (!(store = tend_store_open (job->path, &error)) ||
      !write_backup (store, &job->backup_path, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The backup is on disk before anything is queued; the queue lands
   * whole or not at all. */
  if (!tend_store_begin (store, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  plans = plan_actions (store, job->executors, TRUE, &job->n_queued, &error);
  if (plans == NULL || !tend_store_commit (store, &error))
    {
      tend_store_rollback (store);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * tend_apply_engine_prepare_async:
 *
 * Writes a CSV backup of every connection into the profile's
 * `backups` folder, then queues the actions the prune decisions ask for,
 * in a worker thread. Nothing runs yet: see tend_apply_engine_run_async().
 */
void
tend_apply_engine_prepare_async (TendApplyEngine     *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PrepareJob *job;
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (TEND_IS_APPLY_ENGINE (self));

  job = g_new0 (PrepareJob, 1);
  job->path = g_strdup (tend_store_get_path (self->store));
  job->executors = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_hash_table_iter_init (&iter, self->executors);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (job->executors, int64_key (*(gint64 *) key));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tend_apply_engine_prepare_async);
  g_task_set_task_data (task, job, (GDestroyNotify) prepare_job_free);
  g_task_run_in_thread (task, prepare_thread);
}

/**
 * tend_apply_engine_prepare_finish:
 * @out_n_queued: (out) (optional): how many actions were newly queued
 *
 * Returns: (transfer full): the path of the backup written, or %NULL
 *   with @error set, in which case nothing was queued
 */
char *
tend_apply_engine_prepare_finish (TendApplyEngine  *self,
                                  GAsyncResult     *result,
                                  guint            *out_n_queued,
                                  GError          **error)
{
  PrepareJob *job;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  job = g_task_get_task_data (G_TASK (result));
  if (out_n_queued != NULL)
    *out_n_queued = job->n_queued;

  return g_steal_pointer (&job->backup_path);
}

/**
 * tend_apply_engine_recover:
 * @out_n_ready: (out) (optional): network actions waiting whose source
 *   has an executor: what a run would do now
 * @out_n_waiting: (out) (optional): network actions waiting for their
 *   account to be connected
 *
 * Settles what a previous process left running, by the rule at the top
 * of this file, and counts what waits. Call it at start, before a run.
 */
gboolean
tend_apply_engine_recover (TendApplyEngine  *self,
                           guint            *out_n_ready,
                           guint            *out_n_waiting,
                           GError          **error)
{
  g_autoptr(GPtrArray) actions = NULL;
  guint n_ready = 0;
  guint n_waiting = 0;

  g_return_val_if_fail (TEND_IS_APPLY_ENGINE (self), FALSE);

  /* A run of this engine owns its running actions. */
  if (self->task != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PENDING,
                   _("Changes are being applied already. Wait for them to finish."));
      return FALSE;
    }

  actions = tend_store_list_actions (self->store, error);
  if (actions == NULL)
    return FALSE;

  for (guint i = 0; i < actions->len; i++)
    {
      TendActionItem *item = g_ptr_array_index (actions, i);

      if (item->kind == TEND_ACTION_CHECKLIST)
        continue;

      if (item->state == TEND_ACTION_STATE_RUNNING)
        {
          TendActionState settled = TEND_ACTION_STATE_DONE;

          if (action_needed (item->kind, item->person.follow_state, item->person.present))
            settled = TEND_ACTION_STATE_PENDING;

          g_debug ("Action %" G_GINT64_FORMAT " was running when Tend stopped: %s",
                   item->id, tend_action_state_to_key (settled));

          if (!tend_store_set_action_state (self->store, item->id, settled, NULL, error))
            return FALSE;
          item->state = settled;
        }

      if (item->state != TEND_ACTION_STATE_PENDING)
        continue;

      if (g_hash_table_contains (self->executors, &item->person.source_id))
        n_ready++;
      else
        n_waiting++;
    }

  if (out_n_ready != NULL)
    *out_n_ready = n_ready;
  if (out_n_waiting != NULL)
    *out_n_waiting = n_waiting;

  return TRUE;
}

static void
set_current_name (TendApplyEngine *self,
                  const char      *name)
{
  if (g_strcmp0 (self->current_name, name) == 0)
    return;

  g_free (self->current_name);
  self->current_name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_NAME]);
}

static void
run_next (SourceRun *run);

/* Stopped from outside (the window closed): what is left waits for the
 * next start, rather than being cancelled. */
static gboolean
is_interrupted (TendApplyEngine *self)
{
  return !self->cancel_requested &&
         (g_cancellable_is_cancelled (self->cancellable) ||
          g_cancellable_is_cancelled (g_task_get_cancellable (self->task)));
}

/* Ends the run when the last source's queue is through. */
static void
source_finished (SourceRun *run)
{
  TendApplyEngine *self = run->engine;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  run->active = FALSE;
  g_assert (self->n_active > 0);
  if (--self->n_active > 0)
    return;

  set_current_name (self, NULL);

  if (is_interrupted (self))
    {
      task = g_steal_pointer (&self->task);
      g_clear_pointer (&self->result, tend_apply_result_free);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("Applying was interrupted; it continues the next time Tend starts."));
    }
  else if ((task = g_steal_pointer (&self->task)),
           !tend_apply_engine_recover (self, NULL, &self->result->n_waiting, &error))
    {
      g_clear_pointer (&self->result, tend_apply_result_free);
      g_task_return_error (task, g_steal_pointer (&error));
    }
  else
    {
      g_task_return_pointer (task, g_steal_pointer (&self->result),
                             (GDestroyNotify) tend_apply_result_free);
    }

  g_clear_object (&self->cancellable);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

/* Records how one action ended; %FALSE when the store refused and the
 * source's queue has stopped. */
static gboolean
finish_action (SourceRun       *run,
               TendActionItem  *item,
               TendActionState  state,
               const char      *failure)
{
  TendApplyEngine *self = run->engine;
  g_autoptr(GError) error = NULL;

  if (!tend_store_set_action_state (self->store, item->id, state, failure, &error))
    {
      /* The store refuses writes: stop here, the action stays running
       * and the next start settles it. */
      g_warning ("Could not record action %" G_GINT64_FORMAT ": %s", item->id, error->message);
      tend_action_item_free (item);
      g_cancellable_cancel (self->cancellable);
      source_finished (run);
      return FALSE;
    }

  item->state = state;
  g_free (item->error);
  item->error = g_strdup (failure);

  switch (state)
    {
    case TEND_ACTION_STATE_DONE:
      self->result->n_succeeded++;
      break;
    case TEND_ACTION_STATE_FAILED:
      self->result->n_failed++;
      break;
    case TEND_ACTION_STATE_CANCELLED:
      self->result->n_cancelled++;
      break;
    case TEND_ACTION_STATE_PENDING:
    case TEND_ACTION_STATE_RUNNING:
    default:
      break;
    }

  if (state == TEND_ACTION_STATE_PENDING)
    tend_action_item_free (item);
  else
    g_ptr_array_add (self->result->finished, item);

  run->n_done++;
  self->n_done++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DONE]);
  g_signal_emit (self, signals[PROGRESS], 0, run->source_id);

  return TRUE;
}

typedef struct {
  SourceRun      *run;
  TendActionItem *item;
} StepData;

static void
step_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  StepData *step = user_data;
  SourceRun *run = step->run;
  TendActionItem *item = step->item;
  TendApplyEngine *self = run->engine;
  g_autoptr(GError) error = NULL;
  TendActionState state = TEND_ACTION_STATE_DONE;

  g_free (step);

  if (!tend_action_executor_run_finish (TEND_ACTION_EXECUTOR (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        state = TEND_ACTION_STATE_FAILED;
      else if (self->cancel_requested)
        state = TEND_ACTION_STATE_CANCELLED;
      else
        state = TEND_ACTION_STATE_PENDING;
    }

  if (finish_action (run, item, state, error != NULL ? error->message : NULL))
    run_next (run);
  g_object_unref (self);
}

/* Sends the source's next waiting action; what needs no call is settled
 * on the way, in a loop rather than by recursion, as thousands may be. */
static void
run_next (SourceRun *run)
{
  TendApplyEngine *self = run->engine;
  g_autoptr(GError) error = NULL;
  TendActionItem *item = NULL;
  StepData *step;

  while (TRUE)
    {
      TendActionState settled;

      if (!tend_store_dup_next_action (self->store, run->source_id, &item, &error))
        {
          g_warning ("Could not read the queue: %s", error->message);
          source_finished (run);
          return;
        }

      if (item == NULL || is_interrupted (self))
        {
          g_clear_pointer (&item, tend_action_item_free);
          source_finished (run);
          return;
        }

      /* Counted when it was queued after the run started (a restore). */
      run->n_total = MAX (run->n_total, run->n_done + 1);
      if (self->n_total < self->n_done + 1)
        {
          self->n_total = self->n_done + 1;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_TOTAL]);
        }

      if (g_cancellable_is_cancelled (self->cancellable))
        settled = TEND_ACTION_STATE_CANCELLED;
      /* The owner changed their mind since it was queued. */
      else if (item->kind != TEND_ACTION_FOLLOW && item->person.decision != TEND_DECISION_PRUNE)
        settled = TEND_ACTION_STATE_CANCELLED;
      /* Already as wished (synced since, or done by hand): nothing to send. */
      else if (!action_needed (item->kind, item->person.follow_state, item->person.present))
        settled = TEND_ACTION_STATE_DONE;
      else
        break;

      if (!finish_action (run, g_steal_pointer (&item), settled, NULL))
        return;
    }

  if (!tend_store_set_action_state (self->store, item->id, TEND_ACTION_STATE_RUNNING, NULL, &error))
    {
      g_warning ("Could not mark action %" G_GINT64_FORMAT " running: %s", item->id, error->message);
      tend_action_item_free (item);
      source_finished (run);
      return;
    }

  set_current_name (self, item->person.name);

  step = g_new0 (StepData, 1);
  step->run = run;
  step->item = item;
  tend_action_executor_run_async (run->executor, self->store, item->kind,
                                  item->person.connection_id, self->cancellable,
                                  step_cb, step);
  g_object_ref (self);
}

static void
start_source (TendApplyEngine    *self,
              gint64              source_id,
              TendActionExecutor *executor,
              guint               n_total)
{
  SourceRun *run = g_hash_table_lookup (self->runs, &source_id);

  if (run == NULL)
    {
      run = g_new0 (SourceRun, 1);
      run->engine = self;
      run->source_id = source_id;
      g_hash_table_insert (self->runs, int64_key (source_id), run);
    }

  g_set_object (&run->executor, executor);
  run->n_total = run->n_done + n_total;
  run->active = TRUE;
  self->n_active++;
}

/**
 * tend_apply_engine_run_async:
 * @cancellable: (nullable): stops the run after the action on its way
 *   and leaves what is left waiting for the next start, as closing the
 *   window does; the owner's own Cancel is tend_apply_engine_cancel()
 *
 * Runs every waiting network action of the sources with an executor,
 * one at a time per source, and settles first what a previous process
 * left running. Progress is told through the properties and the
 * #TendApplyEngine::progress signal.
 */
void
tend_apply_engine_run_async (TendApplyEngine     *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) started = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (TEND_IS_APPLY_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tend_apply_engine_run_async);

  if (self->task != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("Changes are being applied already. Wait for them to finish."));
      return;
    }

  if (!tend_apply_engine_recover (self, NULL, NULL, &error) ||
      !(actions = tend_store_list_actions (self->store, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < actions->len; i++)
    {
      TendActionItem *item = g_ptr_array_index (actions, i);
      gint64 source_id = item->person.source_id;
      guint n;

      if (item->kind == TEND_ACTION_CHECKLIST || item->state != TEND_ACTION_STATE_PENDING ||
          !g_hash_table_contains (self->executors, &source_id))
        continue;

      n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, &source_id));
      g_hash_table_replace (counts, int64_key (source_id), GUINT_TO_POINTER (n + 1));
    }

  g_hash_table_remove_all (self->runs);
  self->result = g_new0 (TendApplyResult, 1);
  self->result->finished = g_ptr_array_new_with_free_func ((GDestroyNotify) tend_action_item_free);
  self->cancellable = g_cancellable_new ();
  self->cancel_requested = FALSE;
  self->n_done = 0;
  self->n_total = 0;
  self->n_active = 0;

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 source_id = *(gint64 *) key;

      start_source (self, source_id, g_hash_table_lookup (self->executors, &source_id),
                    GPOINTER_TO_UINT (value));
      self->n_total += GPOINTER_TO_UINT (value);
      g_ptr_array_add (started, g_hash_table_lookup (self->runs, &source_id));
    }

  self->task = g_steal_pointer (&task);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_TOTAL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DONE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  if (started->len == 0)
    {
      /* Nothing to send: the run ends with what waits. */
      self->n_active = 1;
      source_finished (&(SourceRun) { .engine = self });
      return;
    }

  for (guint i = 0; i < started->len; i++)
    run_next (g_ptr_array_index (started, i));
}

/**
 * tend_apply_engine_run_finish:
 *
 * Returns: (transfer full): what the run did, or %NULL with @error set
 *   (%G_IO_ERROR_CANCELLED when it was stopped from outside)
 */
TendApplyResult *
tend_apply_engine_run_finish (TendApplyEngine  *self,
                              GAsyncResult     *result,
                              GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * tend_apply_engine_cancel:
 *
 * The owner's Cancel: the action on its way is asked to stop, and what
 * has not been sent yet is marked cancelled; applying again queues it
 * again.
 */
void
tend_apply_engine_cancel (TendApplyEngine *self)
{
  g_return_if_fail (TEND_IS_APPLY_ENGINE (self));

  if (self->task == NULL)
    return;

  self->cancel_requested = TRUE;
  g_cancellable_cancel (self->cancellable);
}

/* When the owner's current decision is prune, the one before it, which a
 * restore brings back (@out_change); every decision is journaled, so the
 * latest "decision" entry holds the current one. */
static gboolean
decision_before_prune (TendStore     *store,
                       gint64         connection_id,
                       gboolean      *out_change,
                       TendDecision  *out_decision,
                       GError       **error)
{
  g_autoptr(GPtrArray) journal = tend_store_list_journal (store, error);

  if (journal == NULL)
    return FALSE;

  *out_change = FALSE;
  *out_decision = TEND_DECISION_UNDECIDED;

  for (guint i = journal->len; i > 0; i--)
    {
      TendJournalEntry *entry = g_ptr_array_index (journal, i - 1);

      if (entry->connection_id != connection_id || g_strcmp0 (entry->action, "decision") != 0)
        continue;

      *out_change = g_strcmp0 (entry->after, "prune") == 0;
      if (!tend_decision_from_key (entry->before, out_decision) || *out_decision == TEND_DECISION_PRUNE)
        *out_decision = TEND_DECISION_UNDECIDED;
      break;
    }

  return TRUE;
}

/**
 * tend_apply_engine_restore:
 *
 * Takes back an applied unfollow: a prune decision returns to what it
 * was before (journaled), and following again is queued for the
 * source's executor. A run in progress picks it up; otherwise start one.
 */
gboolean
tend_apply_engine_restore (TendApplyEngine  *self,
                           gint64            connection_id,
                           GError          **error)
{
  g_autoptr(TendActionItem) item = NULL;
  TendActionExecutor *executor;
  TendDecision decision;
  gboolean change;
  gint64 action_id;

  g_return_val_if_fail (TEND_IS_APPLY_ENGINE (self), FALSE);

  if (!decision_before_prune (self->store, connection_id, &change, &decision, error) ||
      !tend_store_begin (self->store, error))
    return FALSE;

  if ((change &&
       !tend_store_set_decision (self->store, connection_id, decision, NULL, error)) ||
      (action_id = tend_store_queue_action (self->store, connection_id, TEND_ACTION_FOLLOW, NULL, error)) == 0 ||
      !tend_store_commit (self->store, error))
    {
      tend_store_rollback (self->store);
      return FALSE;
    }

  item = tend_store_get_action (self->store, action_id, error);
  if (item == NULL)
    return FALSE;

  executor = g_hash_table_lookup (self->executors, &item->person.source_id);

  /* A run whose queue for that source is through starts it again. */
  if (self->task != NULL && executor != NULL)
    {
      SourceRun *run = g_hash_table_lookup (self->runs, &item->person.source_id);

      if (run == NULL || !run->active)
        {
          start_source (self, item->person.source_id, executor, 1);
          self->n_total++;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_TOTAL]);
          run_next (g_hash_table_lookup (self->runs, &item->person.source_id));
        }
    }

  return TRUE;
}

gboolean
tend_apply_engine_get_running (TendApplyEngine *self)
{
  g_return_val_if_fail (TEND_IS_APPLY_ENGINE (self), FALSE);

  return self->task != NULL;
}

guint
tend_apply_engine_get_n_done (TendApplyEngine *self)
{
  g_return_val_if_fail (TEND_IS_APPLY_ENGINE (self), 0);

  return self->n_done;
}

guint
tend_apply_engine_get_n_total (TendApplyEngine *self)
{
  g_return_val_if_fail (TEND_IS_APPLY_ENGINE (self), 0);

  return self->n_total;
}

/**
 * tend_apply_engine_get_current_name:
 *
 * Returns: (nullable): the name of the person whose action is on its
 *   way, untrusted text
 */
const char *
tend_apply_engine_get_current_name (TendApplyEngine *self)
{
  g_return_val_if_fail (TEND_IS_APPLY_ENGINE (self), NULL);

  return self->current_name;
}

/**
 * tend_apply_engine_get_source_progress:
 *
 * Returns: %TRUE when the latest run touched @source_id
 */
gboolean
tend_apply_engine_get_source_progress (TendApplyEngine *self,
                                       gint64           source_id,
                                       guint           *out_n_done,
                                       guint           *out_n_total)
{
  SourceRun *run;

  g_return_val_if_fail (TEND_IS_APPLY_ENGINE (self), FALSE);

  run = g_hash_table_lookup (self->runs, &source_id);
  if (out_n_done != NULL)
    *out_n_done = run != NULL ? run->n_done : 0;
  if (out_n_total != NULL)
    *out_n_total = run != NULL ? run->n_total : 0;

  return run != NULL;
}

static void
source_run_free (SourceRun *run)
{
  g_clear_object (&run->executor);
  g_free (run);
}

static void
tend_apply_engine_dispose (GObject *object)
{
  TendApplyEngine *self = (TendApplyEngine *)object;

  /* Each call on its way holds the engine, so a run is over here. */
  g_assert (self->task == NULL);

  g_clear_pointer (&self->executors, g_hash_table_unref);
  g_clear_pointer (&self->runs, g_hash_table_unref);

  G_OBJECT_CLASS (tend_apply_engine_parent_class)->dispose (object);
}

static void
tend_apply_engine_finalize (GObject *object)
{
  TendApplyEngine *self = (TendApplyEngine *)object;

  if (g_object_get_data (G_OBJECT (self->store), ENGINE_KEY) == self)
    g_object_set_data (G_OBJECT (self->store), ENGINE_KEY, NULL);
  g_clear_object (&self->store);
  g_clear_pointer (&self->current_name, g_free);

  G_OBJECT_CLASS (tend_apply_engine_parent_class)->finalize (object);
}

static void
tend_apply_engine_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TendApplyEngine *self = TEND_APPLY_ENGINE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, self->task != NULL);
      break;

    case PROP_N_DONE:
      g_value_set_uint (value, self->n_done);
      break;

    case PROP_N_TOTAL:
      g_value_set_uint (value, self->n_total);
      break;

    case PROP_CURRENT_NAME:
      g_value_set_string (value, self->current_name);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_apply_engine_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TendApplyEngine *self = TEND_APPLY_ENGINE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_apply_engine_class_init (TendApplyEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tend_apply_engine_dispose;
  object_class->finalize = tend_apply_engine_finalize;
  object_class->get_property = tend_apply_engine_get_property;
  object_class->set_property = tend_apply_engine_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         TEND_TYPE_STORE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_STATIC_STRINGS));

  properties[PROP_N_DONE] =
    g_param_spec_uint ("n-done", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_N_TOTAL] =
    g_param_spec_uint ("n-total", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE |
                        G_PARAM_STATIC_STRINGS));

  /**
   * TendApplyEngine:current-name:
   *
   * The person whose action is on its way: untrusted text.
   */
  properties[PROP_CURRENT_NAME] =
    g_param_spec_string ("current-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TendApplyEngine::progress:
   * @source_id: the source whose action just ended
   *
   * One action ended; read the counts from the engine.
   */
  signals[PROGRESS] = g_signal_new ("progress",
                                    G_TYPE_FROM_CLASS (klass),
                                    G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
tend_apply_engine_init (TendApplyEngine *self)
{
  self->executors = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->runs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                      (GDestroyNotify) source_run_free);
}
