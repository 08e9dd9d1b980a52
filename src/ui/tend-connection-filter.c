/* tend-connection-filter.c: which connections the list shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every keystroke in the search entry filters up to 100,000 rows, so each
 * connection carries, once made, its name, handle and note folded for
 * search (case-folded, compatibility-decomposed, accents dropped): a
 * keystroke is then one substring scan per row. The folded text lives on
 * the connection and is dropped when one of the three changes.
 */
#define G_LOG_DOMAIN "tend-connection-filter"

#include "config.h"

#include <string.h>

#include "tend-connection-filter.h"
#include "tend-text.h"

#define ALL_QUADRANTS ((1u << TEND_N_QUADRANTS) - 1)

struct _TendConnectionFilter
{
  GtkFilter parent_instance;

  /* owned */
  char *search_text;
  char *search_folded;  /* NULL when nothing is searched */
  char *tag;

  gint64 source_id;
  guint quadrants;
  int decision;
};

G_DEFINE_FINAL_TYPE (TendConnectionFilter, tend_connection_filter, GTK_TYPE_FILTER)

enum {
  PROP_0,
  PROP_SEARCH_TEXT,
  PROP_SOURCE_ID,
  PROP_QUADRANTS,
  PROP_TAG,
  PROP_DECISION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GQuark search_key_quark;

static void
search_source_notify_cb (TendConnection *connection,
                         GParamSpec     *pspec,
                         gpointer        user_data)
{
  if (g_strcmp0 (pspec->name, "name") != 0 &&
      g_strcmp0 (pspec->name, "handle") != 0 &&
      g_strcmp0 (pspec->name, "note") != 0)
    return;

  g_signal_handlers_disconnect_by_func (connection, search_source_notify_cb, user_data);
  g_object_set_qdata (G_OBJECT (connection), search_key_quark, NULL);
}

static const char *
get_search_key (TendConnection *connection)
{
  const char *key = g_object_get_qdata (G_OBJECT (connection), search_key_quark);

  if (G_UNLIKELY (key == NULL))
    {
      g_autofree char *name = tend_text_fold (tend_connection_get_name (connection));
      g_autofree char *handle = tend_text_fold (tend_connection_get_handle (connection));
      g_autofree char *note = tend_text_fold (tend_connection_get_note (connection));
      char *joined;

      /* A newline keeps a search from matching across two fields. */
      joined = g_strjoin ("\n", name, handle, note, NULL);
      g_object_set_qdata_full (G_OBJECT (connection), search_key_quark, joined, g_free);
      g_signal_connect (connection, "notify",
                        G_CALLBACK (search_source_notify_cb), NULL);
      key = joined;
    }

  return key;
}

/**
 * tend_connection_filter_prepare:
 * @connections: a list of #TendConnection
 * @position: the first to prepare
 * @n_items: how many
 *
 * Folds the search text of these connections now rather than on the
 * first keystroke, so a caller can spread the work over idle time.
 */
void
tend_connection_filter_prepare (GListModel *connections,
                                guint       position,
                                guint       n_items)
{
  guint end;

  g_return_if_fail (G_IS_LIST_MODEL (connections));

  end = MIN (position + n_items, g_list_model_get_n_items (connections));
  for (guint i = position; i < end; i++)
    {
      g_autoptr(TendConnection) connection = g_list_model_get_item (connections, i);

      get_search_key (connection);
    }
}

static gboolean
tend_connection_filter_match (GtkFilter *filter,
                              gpointer   item)
{
  TendConnectionFilter *self = TEND_CONNECTION_FILTER (filter);
  TendConnection *connection = item;

  if (self->source_id != 0 &&
      tend_connection_get_source_id (connection) != self->source_id)
    return FALSE;

  if (self->quadrants != 0 &&
      (self->quadrants & (1u << tend_connection_get_quadrant (connection))) == 0)
    return FALSE;

  if (self->decision >= 0 &&
      (int) tend_connection_get_decision (connection) != self->decision)
    return FALSE;

  if (self->tag != NULL && !tend_connection_has_tag (connection, self->tag))
    return FALSE;

  if (self->search_folded != NULL &&
      strstr (get_search_key (connection), self->search_folded) == NULL)
    return FALSE;

  return TRUE;
}

static GtkFilterMatch
tend_connection_filter_get_strictness (GtkFilter *filter)
{
  TendConnectionFilter *self = TEND_CONNECTION_FILTER (filter);

  return tend_connection_filter_is_empty (self) ? GTK_FILTER_MATCH_ALL : GTK_FILTER_MATCH_SOME;
}

static void
tend_connection_filter_finalize (GObject *object)
{
  TendConnectionFilter *self = (TendConnectionFilter *)object;

  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->search_folded, g_free);
  g_clear_pointer (&self->tag, g_free);

  G_OBJECT_CLASS (tend_connection_filter_parent_class)->finalize (object);
}

static void
tend_connection_filter_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  TendConnectionFilter *self = TEND_CONNECTION_FILTER (object);

  switch (prop_id)
    {
    case PROP_SEARCH_TEXT:
      g_value_set_string (value, self->search_text);
      break;

    case PROP_SOURCE_ID:
      g_value_set_int64 (value, self->source_id);
      break;

    case PROP_QUADRANTS:
      g_value_set_uint (value, self->quadrants);
      break;

    case PROP_TAG:
      g_value_set_string (value, self->tag);
      break;

    case PROP_DECISION:
      g_value_set_int (value, self->decision);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_connection_filter_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  TendConnectionFilter *self = TEND_CONNECTION_FILTER (object);

  switch (prop_id)
    {
    case PROP_SEARCH_TEXT:
      tend_connection_filter_set_search_text (self, g_value_get_string (value));
      break;

    case PROP_SOURCE_ID:
      tend_connection_filter_set_source_id (self, g_value_get_int64 (value));
      break;

    case PROP_QUADRANTS:
      tend_connection_filter_set_quadrants (self, g_value_get_uint (value));
      break;

    case PROP_TAG:
      tend_connection_filter_set_tag (self, g_value_get_string (value));
      break;

    case PROP_DECISION:
      tend_connection_filter_set_decision (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_connection_filter_class_init (TendConnectionFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkFilterClass *filter_class = GTK_FILTER_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = tend_connection_filter_finalize;
  object_class->get_property = tend_connection_filter_get_property;
  object_class->set_property = tend_connection_filter_set_property;

  filter_class->match = tend_connection_filter_match;
  filter_class->get_strictness = tend_connection_filter_get_strictness;

  /* What the owner typed; matches the name, handle or note, ignoring
   * case and accents. */
  properties[PROP_SEARCH_TEXT] =
    g_param_spec_string ("search-text", NULL, NULL, NULL, flags);
  /* One source's connections, or all of them with 0. */
  properties[PROP_SOURCE_ID] =
    g_param_spec_int64 ("source-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  /* A set of TendQuadrant bits (1 << quadrant), or all of them with 0. */
  properties[PROP_QUADRANTS] =
    g_param_spec_uint ("quadrants", NULL, NULL, 0, ALL_QUADRANTS, 0, flags);
  /* Connections with this tag, or any with NULL. */
  properties[PROP_TAG] =
    g_param_spec_string ("tag", NULL, NULL, NULL, flags);
  /* A TendDecision, or any with -1. */
  properties[PROP_DECISION] =
    g_param_spec_int ("decision", NULL, NULL, -1, TEND_DECISION_PRUNE, -1, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  search_key_quark = g_quark_from_static_string ("tend-connection-filter-search-key");
}

static void
tend_connection_filter_init (TendConnectionFilter *self)
{
  self->decision = -1;
}

TendConnectionFilter *
tend_connection_filter_new (void)
{
  return g_object_new (TEND_TYPE_CONNECTION_FILTER, NULL);
}

const char *
tend_connection_filter_get_search_text (TendConnectionFilter *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION_FILTER (self), NULL);

  return self->search_text;
}

void
tend_connection_filter_set_search_text (TendConnectionFilter *self,
                                        const char           *search_text)
{
  g_autofree char *folded = NULL;
  g_autofree char *old_folded = NULL;
  GtkFilterChange change;

  g_return_if_fail (TEND_IS_CONNECTION_FILTER (self));

  if (g_strcmp0 (self->search_text, search_text) == 0)
    return;

  g_free (self->search_text);
  self->search_text = g_strdup (search_text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_TEXT]);

  folded = tend_text_fold (search_text);
  g_strstrip (folded);
  if (folded[0] == '\0')
    g_clear_pointer (&folded, g_free);

  old_folded = g_steal_pointer (&self->search_folded);
  self->search_folded = g_steal_pointer (&folded);

  if (g_strcmp0 (old_folded, self->search_folded) == 0)
    return;

  /* Typing on narrows, deleting widens: the filter list model then
   * looks only at the rows that can change. */
  if (old_folded == NULL ||
      (self->search_folded != NULL && strstr (self->search_folded, old_folded) != NULL))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (self->search_folded == NULL || strstr (old_folded, self->search_folded) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  gtk_filter_changed (GTK_FILTER (self), change);
}

gint64
tend_connection_filter_get_source_id (TendConnectionFilter *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION_FILTER (self), 0);

  return self->source_id;
}

void
tend_connection_filter_set_source_id (TendConnectionFilter *self,
                                      gint64                source_id)
{
  gint64 old;

  g_return_if_fail (TEND_IS_CONNECTION_FILTER (self));
  g_return_if_fail (source_id >= 0);

  if (self->source_id == source_id)
    return;

  old = self->source_id;
  self->source_id = source_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE_ID]);

  gtk_filter_changed (GTK_FILTER (self),
                      old == 0 ? GTK_FILTER_CHANGE_MORE_STRICT :
                      source_id == 0 ? GTK_FILTER_CHANGE_LESS_STRICT :
                      GTK_FILTER_CHANGE_DIFFERENT);
}

guint
tend_connection_filter_get_quadrants (TendConnectionFilter *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION_FILTER (self), 0);

  return self->quadrants;
}

void
tend_connection_filter_set_quadrants (TendConnectionFilter *self,
                                      guint                 quadrants)
{
  guint old_set, new_set;

  g_return_if_fail (TEND_IS_CONNECTION_FILTER (self));
  g_return_if_fail ((quadrants & ~ALL_QUADRANTS) == 0);

  if (self->quadrants == quadrants)
    return;

  old_set = self->quadrants != 0 ? self->quadrants : ALL_QUADRANTS;
  new_set = quadrants != 0 ? quadrants : ALL_QUADRANTS;

  self->quadrants = quadrants;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUADRANTS]);

  if (old_set == new_set)
    return;

  gtk_filter_changed (GTK_FILTER (self),
                      (new_set & ~old_set) == 0 ? GTK_FILTER_CHANGE_MORE_STRICT :
                      (old_set & ~new_set) == 0 ? GTK_FILTER_CHANGE_LESS_STRICT :
                      GTK_FILTER_CHANGE_DIFFERENT);
}

const char *
tend_connection_filter_get_tag (TendConnectionFilter *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION_FILTER (self), NULL);

  return self->tag;
}

void
tend_connection_filter_set_tag (TendConnectionFilter *self,
                                const char           *tag)
{
  gboolean had_tag;

  g_return_if_fail (TEND_IS_CONNECTION_FILTER (self));

  if (g_strcmp0 (self->tag, tag) == 0)
    return;

  had_tag = self->tag != NULL;
  g_free (self->tag);
  self->tag = g_strdup (tag);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAG]);

  gtk_filter_changed (GTK_FILTER (self),
                      !had_tag ? GTK_FILTER_CHANGE_MORE_STRICT :
                      tag == NULL ? GTK_FILTER_CHANGE_LESS_STRICT :
                      GTK_FILTER_CHANGE_DIFFERENT);
}

int
tend_connection_filter_get_decision (TendConnectionFilter *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION_FILTER (self), -1);

  return self->decision;
}

void
tend_connection_filter_set_decision (TendConnectionFilter *self,
                                     int                   decision)
{
  int old;

  g_return_if_fail (TEND_IS_CONNECTION_FILTER (self));
  g_return_if_fail (decision >= -1 && decision <= TEND_DECISION_PRUNE);

  if (self->decision == decision)
    return;

  old = self->decision;
  self->decision = decision;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DECISION]);

  gtk_filter_changed (GTK_FILTER (self),
                      old < 0 ? GTK_FILTER_CHANGE_MORE_STRICT :
                      decision < 0 ? GTK_FILTER_CHANGE_LESS_STRICT :
                      GTK_FILTER_CHANGE_DIFFERENT);
}

/**
 * tend_connection_filter_is_empty:
 * @self: a #TendConnectionFilter
 *
 * Returns: %TRUE when nothing is filtered out: no search text, every
 *   source, quadrant, tag and decision
 */
gboolean
tend_connection_filter_is_empty (TendConnectionFilter *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION_FILTER (self), TRUE);

  return self->search_folded == NULL &&
         self->source_id == 0 &&
         (self->quadrants == 0 || self->quadrants == ALL_QUADRANTS) &&
         self->tag == NULL &&
         self->decision < 0;
}
