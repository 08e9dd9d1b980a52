/* tend-prune-session.c: the pruning wizard's state, kept in the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything the wizard knows lives in the profile's settings under
 * "prune.*" and is written as it changes, so the wizard can be closed at
 * any step and opened again exactly there. A review step (decide, skip,
 * undo) writes the decision and the new position in one transaction: after
 * a crash either both happened or neither, and nobody is decided twice.
 */
#define G_LOG_DOMAIN "tend-prune-session"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "tend-prune-session.h"

#define KEY_STEP    "prune.step"
#define KEY_SOURCES "prune.sources"
#define KEY_TARGET  "prune.target"
#define KEY_FILTER  "prune.filter"
#define KEY_QUEUE   "prune.queue"
#define KEY_CURSOR  "prune.cursor"
#define KEY_UNDO    "prune.undo"

/* Someone who has not interacted either way, or not posted, for half a
 * year is "inactive" for the review's filter. */
#define INACTIVE_SECONDS (180 * 24 * 60 * 60)

/* The circles of acquaintance people keep (Dunbar's layers). */
static const guint layers[] = { 5, 15, 50, 150 };

typedef struct {
  gint64       connection_id;
  TendDecision previous;
  guint        cursor;
  gboolean     decided;
} UndoEntry;

struct _TendPruneSession
{
  GObject parent_instance;

  /* owned references */
  TendStore *store;
  GListModel *connections;
  GHashTable *by_id;    /* gint64 id → borrowed TendConnection */

  /* the saved state */
  TendPruneStep step;
  GArray *sources;      /* gint64, chosen source ids */
  guint target;
  TendPruneFilter filter;
  GArray *queue;        /* gint64, connection ids in review order */
  guint cursor;         /* index into queue of the next card to show */
  GArray *undo;         /* UndoEntry, newest last */

  gint64 now;
};

G_DEFINE_FINAL_TYPE (TendPruneSession, tend_prune_session, G_TYPE_OBJECT)

/* Saving */

static gboolean
save_uint (TendPruneSession  *self,
           const char        *key,
           guint              value,
           GError           **error)
{
  char text[16];

  g_snprintf (text, sizeof text, "%u", value);
  return tend_store_set_setting (self->store, key, text, error);
}

static gboolean
save_ids (TendPruneSession  *self,
          const char        *key,
          GArray            *ids,
          GError           **error)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT,
                            i > 0 ? "," : "", g_array_index (ids, gint64, i));

  return tend_store_set_setting (self->store, key, text->str, error);
}

static gboolean
save_undo (TendPruneSession  *self,
           GArray            *undo,
           GError           **error)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < undo->len; i++)
    {
      const UndoEntry *entry = &g_array_index (undo, UndoEntry, i);

      g_string_append_printf (text, "%s%" G_GINT64_FORMAT ":%d:%u:%d",
                              i > 0 ? "," : "", entry->connection_id,
                              entry->previous, entry->cursor, entry->decided);
    }

  return tend_store_set_setting (self->store, KEY_UNDO, text->str, error);
}

/* Loading: a value that does not parse is treated as never saved. */

static gboolean
load_uint (TendPruneSession  *self,
           const char        *key,
           guint             *out_value,
           GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = tend_store_get_setting (self->store, key, &local_error);
  guint64 value;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (text != NULL && text[0] != '\0' &&
      g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &value, NULL))
    *out_value = value;

  return TRUE;
}

/* Returns: (nullable): the saved ids, %NULL when none were saved */
static GArray *
load_ids (TendPruneSession  *self,
          const char        *key,
          GError           **error)
{
  g_autofree char *text = tend_store_get_setting (self->store, key, error);
  g_auto(GStrv) parts = NULL;
  GArray *ids;

  if (text == NULL || text[0] == '\0')
    return NULL;

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gint64 id;

      if (g_ascii_string_to_signed (parts[i], 10, 1, G_MAXINT64, &id, NULL))
        g_array_append_val (ids, id);
    }

  return ids;
}

static void
load_undo (TendPruneSession *self,
           const char       *text)
{
  g_auto(GStrv) entries = g_strsplit (text, ",", -1);

  for (guint i = 0; entries[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (entries[i], ":", -1);
      gint64 id, previous, cursor, decided;
      UndoEntry entry;

      if (g_strv_length (fields) != 4 ||
          !g_ascii_string_to_signed (fields[0], 10, 1, G_MAXINT64, &id, NULL) ||
          !g_ascii_string_to_signed (fields[1], 10, TEND_DECISION_UNDECIDED, TEND_DECISION_PRUNE, &previous, NULL) ||
          !g_ascii_string_to_signed (fields[2], 10, 0, self->queue->len, &cursor, NULL) ||
          !g_ascii_string_to_signed (fields[3], 10, 0, 1, &decided, NULL))
        continue;

      entry = (UndoEntry) { id, previous, cursor, decided };
      g_array_append_val (self->undo, entry);
    }
}

static TendConnection *
lookup (TendPruneSession *self,
        gint64            connection_id)
{
  return g_hash_table_lookup (self->by_id, &connection_id);
}

static gint
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Every source that has connections: what a new session reviews. */
static GArray *
all_source_ids (TendPruneSession *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n_items = g_list_model_get_n_items (self->connections);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(TendConnection) connection = g_list_model_get_item (self->connections, i);
      gint64 source_id = tend_connection_get_source_id (connection);
      guint found;

      if (!g_array_binary_search (ids, &source_id, compare_ids, &found))
        {
          g_array_append_val (ids, source_id);
          g_array_sort (ids, compare_ids);
        }
    }

  return ids;
}

static gboolean
tend_prune_session_load (TendPruneSession  *self,
                         GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *undo = NULL;
  guint step = TEND_PRUNE_STEP_GOAL;
  guint filter = TEND_PRUNE_FILTER_NONE;
  GArray *ids;

  if (!load_uint (self, KEY_STEP, &step, error) ||
      !load_uint (self, KEY_FILTER, &filter, error) ||
      !load_uint (self, KEY_CURSOR, &self->cursor, error))
    return FALSE;
  self->step = MIN (step, TEND_PRUNE_STEP_DONE);
  self->filter = filter & (TEND_PRUNE_FILTER_NOT_FOLLOWING | TEND_PRUNE_FILTER_INACTIVE);

  if (!(ids = load_ids (self, KEY_SOURCES, &local_error)))
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      ids = all_source_ids (self);
    }
  g_array_sort (ids, compare_ids);
  g_array_unref (self->sources);
  self->sources = ids;

  self->target = tend_prune_session_suggest_target (self);
  if (!load_uint (self, KEY_TARGET, &self->target, error))
    return FALSE;

  if (!(ids = load_ids (self, KEY_QUEUE, &local_error)) && local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (ids != NULL)
    {
      g_array_unref (self->queue);
      self->queue = ids;
    }
  self->cursor = MIN (self->cursor, self->queue->len);

  if (!(undo = tend_store_get_setting (self->store, KEY_UNDO, &local_error)) && local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (undo != NULL && undo[0] != '\0')
    load_undo (self, undo);

  return TRUE;
}

static void
tend_prune_session_finalize (GObject *object)
{
  TendPruneSession *self = (TendPruneSession *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->connections);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->sources, g_array_unref);
  g_clear_pointer (&self->queue, g_array_unref);
  g_clear_pointer (&self->undo, g_array_unref);

  G_OBJECT_CLASS (tend_prune_session_parent_class)->finalize (object);
}

static void
tend_prune_session_class_init (TendPruneSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tend_prune_session_finalize;
}

static void
tend_prune_session_init (TendPruneSession *self)
{
  self->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->sources = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->queue = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->undo = g_array_new (FALSE, FALSE, sizeof (UndoEntry));
}

/**
 * tend_prune_session_exists:
 *
 * Returns: whether a wizard was left unfinished in @store, to be resumed
 */
gboolean
tend_prune_session_exists (TendStore *store)
{
  g_autofree char *step = NULL;

  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);

  step = tend_store_get_setting (store, KEY_STEP, NULL);
  return step != NULL && step[0] != '\0';
}

/**
 * tend_prune_session_new:
 * @store: the profile
 * @connections: (element-type TendConnection): every connection of @store,
 *   measured; the session decides on these objects and keeps them current
 * @now: the time the measures were taken at, in Unix seconds
 *
 * Opens the saved wizard state of @store, or starts a new one at the goal.
 *
 * Returns: (transfer full) (nullable): the session, %NULL if the saved
 *   state could not be read
 */
TendPruneSession *
tend_prune_session_new (TendStore   *store,
                        GListModel  *connections,
                        gint64       now,
                        GError     **error)
{
  g_autoptr(TendPruneSession) self = NULL;
  guint n_items;

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (connections), NULL);

  self = g_object_new (TEND_TYPE_PRUNE_SESSION, NULL);
  self->store = g_object_ref (store);
  self->connections = g_object_ref (connections);
  self->now = now;

  n_items = g_list_model_get_n_items (connections);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(TendConnection) connection = g_list_model_get_item (connections, i);
      gint64 *id = g_new (gint64, 1);

      *id = tend_connection_get_id (connection);
      g_hash_table_insert (self->by_id, id, connection);
    }

  if (!tend_prune_session_load (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

TendStore *
tend_prune_session_get_store (TendPruneSession *self)
{
  g_return_val_if_fail (TEND_IS_PRUNE_SESSION (self), NULL);

  return self->store;
}

GListModel *
tend_prune_session_get_connections (TendPruneSession *self)
{
  g_return_val_if_fail (TEND_IS_PRUNE_SESSION (self), NULL);

  return self->connections;
}

gint64
tend_prune_session_get_now (TendPruneSession *self)
{
  g_return_val_if_fail (TEND_IS_PRUNE_SESSION (self), 0);

  return self->now;
}

/**
 * tend_prune_session_discard:
 *
 * Forgets the saved wizard: the next one starts at the goal again. The
 * decisions made stay.
 */
gboolean
tend_prune_session_discard (TendPruneSession  *self,
                            GError           **error)
{
  static const char * const keys[] = {
    KEY_STEP, KEY_SOURCES, KEY_TARGET, KEY_FILTER, KEY_QUEUE, KEY_CURSOR, KEY_UNDO,
  };

  g_return_val_if_fail (TEND_IS_PRUNE_SESSION (self), FALSE);

  if (!tend_store_begin (self->store, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      if (!tend_store_set_setting (self->store, keys[i], "", error))
        {
          tend_store_rollback (self->store);
          return FALSE;
        }
    }

  if (!tend_store_commit (self->store, error))
    return FALSE;

  self->step = TEND_PRUNE_STEP_GOAL;
  self->filter = TEND_PRUNE_FILTER_NONE;
  self->cursor = 0;
  g_array_set_size (self->queue, 0);
  g_array_set_size (self->undo, 0);
  g_array_unref (self->sources);
  self->sources = all_source_ids (self);
  self->target = tend_prune_session_suggest_target (self);

  return TRUE;
}

TendPruneStep
tend_prune_session_get_step (TendPruneSession *self)
{
  g_return_val_if_fail (TEND_IS_PRUNE_SESSION (self), TEND_PRUNE_STEP_GOAL);

  return self->step;
}

/* Saving the step is what makes the session exist. */
gboolean
tend_prune_session_set_step (TendPruneSession  *self,
                             TendPruneStep      step,
                             GError           **error)
{
  g_return_val_if_fail (TEND_IS_PRUNE_SESSION (self), FALSE);
  g_return_val_if_fail (step <= TEND_PRUNE_STEP_DONE, FALSE);

  if (!save_uint (self, KEY_STEP, step, error))
    return FALSE;

  self->step = step;
  return TRUE;
}

/**
 * tend_prune_session_get_layers:
 * @n_layers: (out): how many there are
 *
 * Returns: the sizes a core can aim for, smallest first
 */
const guint *
tend_prune_session_get_layers (guint *n_layers)
{
  g_return_val_if_fail (n_layers != NULL, NULL);

  *n_layers = G_N_ELEMENTS (layers);
  return layers;
}

/**
 * tend_prune_connection_is_protected:
 *
 * Returns: whether a tag (Customer, Partner, Supplier, Family) keeps
 *   @connection out of every suggestion
 */
gboolean
tend_prune_connection_is_protected (TendConnection *connection)
{
  const char * const *tags;

  g_return_val_if_fail (TEND_IS_CONNECTION (connection), FALSE);

  tags = tend_connection_get_tags (connection);
  for (guint i = 0; tags[i] != NULL; i++)
    {
      if (tend_store_is_tag_protected (tags[i]))
        return TRUE;
    }

  return FALSE;
}

/* Sources */

gboolean
tend_prune_session_is_source_chosen (TendPruneSession *self,
                                     gint64            source_id)
{
  guint index;

  g_return_val_if_fail (TEND_IS_PRUNE_SESSION (self), FALSE);

  return g_array_binary_search (self->sources, &source_id, compare_ids, &index);
}

/* The review's order depends on the sources; a new choice starts it over. */
gboolean
tend_prune_session_set_source_chosen (TendPruneSession  *self,
                                      gint64             source_id,
                                      gboolean           chosen,
                                      GError           **error)
{
  g_autoptr(GArray) sources = NULL;
  g_autoptr(GArray) none = NULL;
  guint index;

  g_return_val_if_fail (TEND_IS_PRUNE_SESSION (self), FALSE);

  if (chosen == tend_prune_session_is_source_chosen (self, source_id))
    return TRUE;

  sources = g_array_copy (self->sources);
  if (chosen)
    {
      g_array_append_val (sources, source_id);
      g_array_sort (sources, compare_ids);
    }
  else if (g_array_binary_search (sources, &source_id, compare_ids, &index))
    {
      g_array_remove_index (sources, index);
    }

  none = g_array_new (FALSE, FALSE, sizeof (UndoEntry));
  if (!tend_store_begin (self->store, error))
    return FALSE;
  if (!save_ids (self, KEY_SOURCES, sources, error) ||
      !tend_store_set_setting (self->store, KEY_QUEUE, "", error) ||
      !save_uint (self, KEY_CURSOR, 0, error) ||
      !save_undo (self, none, error))
    {
      tend_store_rollback (self->store);
      return FALSE;
    }
  if (!tend_store_commit (self->store, error))
    return FALSE;

  g_array_unref (self->sources);
  self->sources = g_steal_pointer (&sources);
  g_array_set_size (self->queue, 0);
  g_array_set_size (self->undo, 0);
  self->cursor = 0;

  return TRUE;
}

static gboolean
is_chosen (TendPruneSession *self,
           TendConnection   *connection)
{
  return tend_prune_session_is_source_chosen (self, tend_connection_get_source_id (connection));
}

/**
 * tend_prune_session_list_chosen:
 *
 * Returns: (transfer container) (element-type TendConnection): the
 *   connections of the chosen sources
 */
GPtrArray *
tend_prune_session_list_chosen (TendPruneSession *self)
{
  GPtrArray *chosen;
  guint n_items;

  g_return_val_if_fail (TEND_IS_PRUNE_SESSION (self), NULL);

  chosen = g_ptr_array_new_with_free_func (g_object_unref);
  n_items = g_list_model_get_n_items (self->connections);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(TendConnection) connection = g_list_model_get_item (self->connections, i);

      if (is_chosen (self, connection))
        g_ptr_array_add (chosen, g_steal_pointer (&connection));
    }

  return chosen;
}

/* Target */

guint
tend_prune_session_get_target (TendPruneSession *self)
{
  g_return_val_if_fail (TEND_IS_PRUNE_SESSION (self), 0);

  return self->target;
}

gboolean
tend_prune_session_set_target (TendPruneSession  *self,
                               guint              target,
                               GError           **error)
{
  g_return_val_if_fail (TEND_IS_PRUNE_SESSION (self), FALSE);

  if (!save_uint (self, KEY_TARGET, target, error))
    return FALSE;

  self->target = target;
  return TRUE;
}

/**
 * tend_prune_session_suggest_target:
 *
 * The core should at least hold everyone who already gives as much as
 * they get, and everyone protected by a tag: the smallest layer that fits
 * them, and never more than the largest layer.
 *
 * Returns: a suggested size for the core
 */
guint
tend_prune_session_suggest_target (TendPruneSession *self)
{
  g_autoptr(GPtrArray) chosen = NULL;
  guint n_core = 0;

  g_return_val_if_fail (TEND_IS_PRUNE_SESSION (self), 0);

  chosen = tend_prune_session_list_chosen (self);
  for (guint i = 0; i < chosen->len; i++)
    {
      TendConnection *connection = g_ptr_array_index (chosen, i);

      if (tend_connection_get_quadrant (connection) == TEND_QUADRANT_SOLID ||
          tend_prune_connection_is_protected (connection))
        n_core++;
    }

  for (guint i = 0; i < G_N_ELEMENTS (layers); i++)
    {
      if (n_core <= layers[i])
        return layers[i];
    }

  return layers[G_N_ELEMENTS (layers) - 1];
}

/* Decisions */

/* The store stamps a decision when it changes; so does the object. */
static void
set_object_decision (TendPruneSession *self,
                     TendConnection   *connection,
                     TendDecision      decision)
{
  if (tend_connection_get_decision (connection) == decision)
    return;

  tend_connection_set_decision (connection, decision);
  tend_connection_set_decided_at (connection, g_get_real_time () / G_USEC_PER_SEC);
}

static gboolean
write_decision (TendPruneSession  *self,
                TendConnection    *connection,
                TendDecision       decision,
                GError           **error)
{
  if (tend_connection_get_decision (connection) == decision)
    return TRUE;

  return tend_store_set_decision (self->store, tend_connection_get_id (connection),
                                  decision, tend_connection_get_note (connection), error);
}

/**
 * tend_prune_session_decide:
 *
 * Keeps, prunes or undecides @connection, journaled, keeping its note.
 */
gboolean
tend_prune_session_decide (TendPruneSession  *self,
                           TendConnection    *connection,
                           TendDecision       decision,
                           GError           **error)
{
  g_return_val_if_fail (TEND_IS_PRUNE_SESSION (self), FALSE);
  g_return_val_if_fail (TEND_IS_CONNECTION (connection), FALSE);

  if (!write_decision (self, connection, decision, error))
    return FALSE;

  set_object_decision (self, connection, decision);
  return TRUE;
}

/* Strongest first: the score, then the name, then the order of arrival. */
static gint
compare_by_score_desc (gconstpointer a,
                       gconstpointer b)
{
  TendConnection *x = *(TendConnection * const *) a;
  TendConnection *y = *(TendConnection * const *) b;
  guint sx = tend_connection_get_score (x), sy = tend_connection_get_score (y);
  gint64 ix, iy;
  int cmp;

  if (sx != sy)
    return sx > sy ? -1 : 1;
  if ((cmp = g_strcmp0 (tend_connection_get_name_sort_key (x),
                        tend_connection_get_name_sort_key (y))) != 0)
    return cmp;

  ix = tend_connection_get_id (x);
  iy = tend_connection_get_id (y);
  return ix < iy ? -1 : ix > iy;
}

static gint
compare_by_score_asc (gconstpointer a,
                      gconstpointer b)
{
  return compare_by_score_desc (b, a);
}

/**
 * tend_prune_session_list_decided:
 *
 * Returns: (transfer container) (element-type TendConnection): the
 *   connections of the chosen sources with @decision, highest score first;
 *   with %TEND_DECISION_KEEP, the core
 */
GPtrArray *
tend_prune_session_list_decided (TendPruneSession *self,
                                 TendDecision      decision)
{
  GPtrArray *decided;
  guint n_items;

  g_return_val_if_fail (TEND_IS_PRUNE_SESSION (self), NULL);

  decided = g_ptr_array_new_with_free_func (g_object_unref);
  n_items = g_list_model_get_n_items (self->connections);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(TendConnection) connection = g_list_model_get_item (self->connections, i);

      if (is_chosen (self, connection) && tend_connection_get_decision (connection) == decision)
        g_ptr_array_add (decided, g_steal_pointer (&connection));
    }

  g_ptr_array_sort (decided, compare_by_score_desc);
  return decided;
}

/* Quick wins */

/**
 * tend_prune_session_is_quick_win:
 *
 * A quick win is someone undecided, unprotected and either Dormant (no
 * exchange either way within the measures' window) or whose account the
 * network reports moved, suspended, deactivated or gone.
 */
gboolean
tend_prune_session_is_quick_win (TendPruneSession *self,
                                 TendConnection   *connection)
{
  g_return_val_if_fail (TEND_IS_PRUNE_SESSION (self), FALSE);
  g_return_val_if_fail (TEND_IS_CONNECTION (connection), FALSE);

  return is_chosen (self, connection) &&
         tend_connection_get_decision (connection) == TEND_DECISION_UNDECIDED &&
         !tend_prune_connection_is_protected (connection) &&
         (tend_connection_get_account_state (connection) != TEND_ACCOUNT_STATE_ACTIVE ||
          tend_connection_get_quadrant (connection) == TEND_QUADRANT_DORMANT);
}

/**
 * tend_prune_session_dup_quick_win_reason:
 *
 * Returns: (transfer full): why @connection is a quick win, for a person
 */
char *
tend_prune_session_dup_quick_win_reason (TendPruneSession *self,
                                         TendConnection   *connection)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *when = NULL;
  gint64 last;

  g_return_val_if_fail (TEND_IS_PRUNE_SESSION (self), NULL);
  g_return_val_if_fail (TEND_IS_CONNECTION (connection), NULL);

  switch (tend_connection_get_account_state (connection))
    {
    case TEND_ACCOUNT_STATE_MOVED:
      return g_strdup (_("The account moved elsewhere"));
    case TEND_ACCOUNT_STATE_SUSPENDED:
      return g_strdup (_("The account is suspended"));
    case TEND_ACCOUNT_STATE_DEACTIVATED:
      return g_strdup (_("The account was deactivated"));
    case TEND_ACCOUNT_STATE_GONE:
      return g_strdup (_("The account no longer exists"));
    case TEND_ACCOUNT_STATE_ACTIVE:
    default:
      break;
    }

  last = MAX (tend_connection_get_last_in (connection), tend_connection_get_last_out (connection));
  if (last <= 0)
    return g_strdup (_("Dormant: no exchange either way on record"));

  date = g_date_time_new_from_unix_local (last);
  when = g_date_time_format (date, "%x");
  /* Translators: %s is a date */
  return g_strdup_printf (_("Dormant: no exchange either way since %s"), when);
}

/* Accounts that moved or closed first, the surest to let go; then the
 * lowest scores. */
static gint
compare_quick_wins (gconstpointer a,
                    gconstpointer b)
{
  TendConnection *x = *(TendConnection * const *) a;
  TendConnection *y = *(TendConnection * const *) b;
  gboolean gone_x = tend_connection_get_account_state (x) != TEND_ACCOUNT_STATE_ACTIVE;
  gboolean gone_y = tend_connection_get_account_state (y) != TEND_ACCOUNT_STATE_ACTIVE;

  if (gone_x != gone_y)
    return gone_x ? -1 : 1;

  return compare_by_score_asc (a, b);
}

/**
 * tend_prune_session_list_quick_wins:
 *
 * Returns: (transfer container) (element-type TendConnection): the quick
 *   wins, accounts gone first, then the weakest
 */
GPtrArray *
tend_prune_session_list_quick_wins (TendPruneSession *self)
{
  GPtrArray *quick_wins;
  guint n_items;

  g_return_val_if_fail (TEND_IS_PRUNE_SESSION (self), NULL);

  quick_wins = g_ptr_array_new_with_free_func (g_object_unref);
  n_items = g_list_model_get_n_items (self->connections);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(TendConnection) connection = g_list_model_get_item (self->connections, i);

      if (tend_prune_session_is_quick_win (self, connection))
        g_ptr_array_add (quick_wins, g_steal_pointer (&connection));
    }

  g_ptr_array_sort (quick_wins, compare_quick_wins);
  return quick_wins;
}

static gboolean
write_decisions (TendPruneSession  *self,
                 GPtrArray         *connections,
                 TendDecision       decision,
                 GError           **error)
{
  for (guint i = 0; connections != NULL && i < connections->len; i++)
    {
      if (!write_decision (self, g_ptr_array_index (connections, i), decision, error))
        return FALSE;
    }

  return TRUE;
}

static void
set_object_decisions (TendPruneSession *self,
                      GPtrArray        *connections,
                      TendDecision      decision)
{
  for (guint i = 0; connections != NULL && i < connections->len; i++)
    set_object_decision (self, g_ptr_array_index (connections, i), decision);
}

/**
 * tend_prune_session_decide_quick_wins:
 * @prune: (element-type TendConnection) (nullable): the quick wins left checked
 * @keep: (element-type TendConnection) (nullable): the ones unchecked to keep
 *
 * Decides all of them in one transaction.
 */
gboolean
tend_prune_session_decide_quick_wins (TendPruneSession  *self,
                                      GPtrArray         *prune,
                                      GPtrArray         *keep,
                                      GError           **error)
{
  g_return_val_if_fail (TEND_IS_PRUNE_SESSION (self), FALSE);

  if (!tend_store_begin (self->store, error))
    return FALSE;

  if (!write_decisions (self, prune, TEND_DECISION_PRUNE, error) ||
      !write_decisions (self, keep, TEND_DECISION_KEEP, error))
    {
      tend_store_rollback (self->store);
      return FALSE;
    }

  if (!tend_store_commit (self->store, error))
    return FALSE;

  set_object_decisions (self, prune, TEND_DECISION_PRUNE);
  set_object_decisions (self, keep, TEND_DECISION_KEEP);
  return TRUE;
}

/* One by one */

/* The review shows the strongest suggestions first, so an owner who stops
 * early has still seen the ones that matter most:
 *  0. You invest: the owner gives and gets nothing back, the clearest case;
 *  1. They invest: they reach out and the owner does not answer, a case
 *     for letting go, but they do value the owner;
 *  2. Solid and 3. Dormant (the Dormant ones left after the quick wins);
 *  4. anyone protected by a tag last, since nothing is suggested for them.
 * Within a group a lower score is a stronger suggestion.
 */
static guint
review_group (TendConnection *connection)
{
  if (tend_prune_connection_is_protected (connection))
    return 4;

  switch (tend_connection_get_quadrant (connection))
    {
    case TEND_QUADRANT_YOU_INVEST:  return 0;
    case TEND_QUADRANT_THEY_INVEST: return 1;
    case TEND_QUADRANT_SOLID:       return 2;
    case TEND_QUADRANT_DORMANT:
    default:                        return 3;
    }
}

static gint
compare_review_order (gconstpointer a,
                      gconstpointer b)
{
  TendConnection *x = *(TendConnection * const *) a;
  TendConnection *y = *(TendConnection * const *) b;
  guint gx = review_group (x), gy = review_group (y);

  if (gx != gy)
    return gx < gy ? -1 : 1;

  /* Same group: the lowest score first, the reverse of the core. */
  return compare_by_score_asc (a, b);
}

/**
 * tend_prune_session_prepare_review:
 *
 * Lays out the one-by-one review, unless it already is: everyone
 * undecided in the chosen sources who is not a quick win, strongest
 * suggestion first. The order is saved, so it survives a restart even
 * when the measures shift.
 */
gboolean
tend_prune_session_prepare_review (TendPruneSession  *self,
                                   GError           **error)
{
  g_autoptr(GPtrArray) chosen = NULL;
  g_autoptr(GArray) queue = NULL;
  g_autoptr(GArray) none = NULL;

  g_return_val_if_fail (TEND_IS_PRUNE_SESSION (self), FALSE);

  if (self->queue->len > 0)
    return TRUE;

  chosen = tend_prune_session_list_chosen (self);
  g_ptr_array_sort (chosen, compare_review_order);

  queue = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < chosen->len; i++)
    {
      TendConnection *connection = g_ptr_array_index (chosen, i);
      gint64 id = tend_connection_get_id (connection);

      if (tend_connection_get_decision (connection) == TEND_DECISION_UNDECIDED &&
          !tend_prune_session_is_quick_win (self, connection))
        g_array_append_val (queue, id);
    }

  none = g_array_new (FALSE, FALSE, sizeof (UndoEntry));
  if (!tend_store_begin (self->store, error))
    return FALSE;
  if (!save_ids (self, KEY_QUEUE, queue, error) ||
      !save_uint (self, KEY_CURSOR, 0, error) ||
      !save_undo (self, none, error))
    {
      tend_store_rollback (self->store);
      return FALSE;
    }
  if (!tend_store_commit (self->store, error))
    return FALSE;

  g_array_unref (self->queue);
  self->queue = g_steal_pointer (&queue);
  self->cursor = 0;
  g_array_set_size (self->undo, 0);

  return TRUE;
}

TendPruneFilter
tend_prune_session_get_filter (TendPruneSession *self)
{
  g_return_val_if_fail (TEND_IS_PRUNE_SESSION (self), TEND_PRUNE_FILTER_NONE);

  return self->filter;
}

gboolean
tend_prune_session_set_filter (TendPruneSession  *self,
                               TendPruneFilter    filter,
                               GError           **error)
{
  g_return_val_if_fail (TEND_IS_PRUNE_SESSION (self), FALSE);

  if (!save_uint (self, KEY_FILTER, filter, error))
    return FALSE;

  self->filter = filter;
  return TRUE;
}

/* No exchange either way, or no post of their own, for half a year. */
static gboolean
is_inactive (TendPruneSession *self,
             TendConnection   *connection)
{
  gint64 limit = self->now - INACTIVE_SECONDS;
  gint64 last = MAX (tend_connection_get_last_in (connection),
                     tend_connection_get_last_out (connection));
  gint64 active = tend_connection_get_last_active_at (connection);

  return last < limit || (active > 0 && active < limit);
}

static TendConnection *
queue_connection (TendPruneSession *self,
                  guint             index)
{
  return lookup (self, g_array_index (self->queue, gint64, index));
}

static gboolean
matches_filter (TendPruneSession *self,
                guint             index)
{
  TendConnection *connection = queue_connection (self, index);

  if (connection == NULL)
    return FALSE;
  if ((self->filter & TEND_PRUNE_FILTER_NOT_FOLLOWING) &&
      tend_connection_get_follow_state (connection) != TEND_FOLLOW_STATE_I_FOLLOW)
    return FALSE;
  if ((self->filter & TEND_PRUNE_FILTER_INACTIVE) && !is_inactive (self, connection))
    return FALSE;

  return TRUE;
}

/* The card to show from @from on: matching the filters and not decided
 * elsewhere meanwhile. Returns the queue's length at the end. */
static guint
next_card (TendPruneSession *self,
           guint             from)
{
  for (guint i = from; i < self->queue->len; i++)
    {
      if (matches_filter (self, i) &&
          tend_connection_get_decision (queue_connection (self, i)) == TEND_DECISION_UNDECIDED)
        return i;
    }

  return self->queue->len;
}

/**
 * tend_prune_session_get_review_length:
 *
 * Returns: how many people the review holds with the current filters
 */
guint
tend_prune_session_get_review_length (TendPruneSession *self)
{
  guint length = 0;

  g_return_val_if_fail (TEND_IS_PRUNE_SESSION (self), 0);

  for (guint i = 0; i < self->queue->len; i++)
    length += matches_filter (self, i);

  return length;
}

/**
 * tend_prune_session_get_review_index:
 *
 * Returns: how many of the filtered review come before the current card;
 *   the review's length when every card has been seen
 */
guint
tend_prune_session_get_review_index (TendPruneSession *self)
{
  guint current, index = 0;

  g_return_val_if_fail (TEND_IS_PRUNE_SESSION (self), 0);

  current = next_card (self, self->cursor);
  for (guint i = 0; i < current; i++)
    index += matches_filter (self, i);

  return index;
}

/**
 * tend_prune_session_count_reviewed:
 *
 * Returns: how many in the whole review (whatever the filters) now have
 *   @decision
 */
guint
tend_prune_session_count_reviewed (TendPruneSession *self,
                                   TendDecision      decision)
{
  guint count = 0;

  g_return_val_if_fail (TEND_IS_PRUNE_SESSION (self), 0);

  for (guint i = 0; i < self->queue->len; i++)
    {
      TendConnection *connection = queue_connection (self, i);

      count += connection != NULL && tend_connection_get_decision (connection) == decision;
    }

  return count;
}

/**
 * tend_prune_session_get_review_current:
 *
 * Returns: (transfer none) (nullable): the person to decide on now, %NULL
 *   when the review (with its filters) is through
 */
TendConnection *
tend_prune_session_get_review_current (TendPruneSession *self)
{
  guint current;

  g_return_val_if_fail (TEND_IS_PRUNE_SESSION (self), NULL);

  current = next_card (self, self->cursor);
  return current < self->queue->len ? queue_connection (self, current) : NULL;
}

/* Writes @decision for the current card (unless @decided is FALSE: a
 * skip), the new position and the undo step together. */
static gboolean
review_step (TendPruneSession  *self,
             gboolean           decided,
             TendDecision       decision,
             GError           **error)
{
  g_autoptr(GArray) undo = NULL;
  TendConnection *connection;
  UndoEntry entry;
  guint current, next;

  current = next_card (self, self->cursor);
  if (current >= self->queue->len)
    {
      g_set_error_literal (error, TEND_STORE_ERROR, TEND_STORE_ERROR_NOT_FOUND,
                           _("Everyone in the review has been seen. Continue to your core."));
      return FALSE;
    }

  connection = queue_connection (self, current);
  entry = (UndoEntry) { tend_connection_get_id (connection),
                        tend_connection_get_decision (connection),
                        self->cursor, decided };
  undo = g_array_copy (self->undo);
  g_array_append_val (undo, entry);
  next = current + 1;

  if (!tend_store_begin (self->store, error))
    return FALSE;
  if ((decided && !write_decision (self, connection, decision, error)) ||
      !save_uint (self, KEY_CURSOR, next, error) ||
      !save_undo (self, undo, error))
    {
      tend_store_rollback (self->store);
      return FALSE;
    }
  if (!tend_store_commit (self->store, error))
    return FALSE;

  if (decided)
    set_object_decision (self, connection, decision);
  self->cursor = next;
  g_array_unref (self->undo);
  self->undo = g_steal_pointer (&undo);

  return TRUE;
}

/**
 * tend_prune_session_review_decide:
 *
 * Keeps or prunes the current card's person and moves to the next card.
 */
gboolean
tend_prune_session_review_decide (TendPruneSession  *self,
                                  TendDecision       decision,
                                  GError           **error)
{
  g_return_val_if_fail (TEND_IS_PRUNE_SESSION (self), FALSE);

  return review_step (self, TRUE, decision, error);
}

/**
 * tend_prune_session_review_skip:
 *
 * Leaves the current card's person undecided and moves to the next card.
 */
gboolean
tend_prune_session_review_skip (TendPruneSession  *self,
                                GError           **error)
{
  g_return_val_if_fail (TEND_IS_PRUNE_SESSION (self), FALSE);

  return review_step (self, FALSE, TEND_DECISION_UNDECIDED, error);
}

gboolean
tend_prune_session_can_undo (TendPruneSession *self)
{
  g_return_val_if_fail (TEND_IS_PRUNE_SESSION (self), FALSE);

  return self->undo->len > 0;
}

/**
 * tend_prune_session_review_undo:
 *
 * Takes back the last keep, prune or skip of the review, journaled, and
 * shows that card again.
 */
gboolean
tend_prune_session_review_undo (TendPruneSession  *self,
                                GError           **error)
{
  g_autoptr(GArray) undo = NULL;
  TendConnection *connection;
  UndoEntry entry;

  g_return_val_if_fail (TEND_IS_PRUNE_SESSION (self), FALSE);

  if (self->undo->len == 0)
    {
      g_set_error_literal (error, TEND_STORE_ERROR, TEND_STORE_ERROR_NOT_FOUND,
                           _("There is nothing left to undo in this review."));
      return FALSE;
    }

  entry = g_array_index (self->undo, UndoEntry, self->undo->len - 1);
  undo = g_array_copy (self->undo);
  g_array_set_size (undo, undo->len - 1);
  connection = lookup (self, entry.connection_id);

  if (!tend_store_begin (self->store, error))
    return FALSE;
  if ((entry.decided && connection != NULL &&
       !write_decision (self, connection, entry.previous, error)) ||
      !save_uint (self, KEY_CURSOR, entry.cursor, error) ||
      !save_undo (self, undo, error))
    {
      tend_store_rollback (self->store);
      return FALSE;
    }
  if (!tend_store_commit (self->store, error))
    return FALSE;

  if (entry.decided && connection != NULL)
    set_object_decision (self, connection, entry.previous);
  self->cursor = entry.cursor;
  g_array_unref (self->undo);
  self->undo = g_steal_pointer (&undo);

  return TRUE;
}
