/* tend-reciprocity.c: who gives, who takes, measured from interactions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every number here follows DESIGN.md's "Measures" so that the detail
 * pane can explain it in plain words.
 */
#define G_LOG_DOMAIN "tend-reciprocity"

#include "config.h"

#include <math.h>

#include "tend-reciprocity.h"

#define SECONDS_PER_DAY (24 * 60 * 60)

/* Score parts, out of 100 in all. */
#define SCORE_VOLUME      40.0
#define SCORE_BALANCE     20.0
#define SCORE_RECENCY     20.0
#define SCORE_MUTUAL      10.0
#define SCORE_TAGGED      10.0
/* Weighted, decayed interactions at which the volume part is full. */
#define VOLUME_FOR_FULL_SCORE 40.0
/* Days after the last contact at which the recency part is halved. */
#define RECENCY_HALF_LIFE_DAYS 90.0

typedef struct {
  gint64 last_in;
  gint64 last_out;
  double in_weight;
  double out_weight;
} Totals;

typedef struct {
  const TendReciprocityParams *params;
  gint64 now;
  GHashTable *totals;   /* connection id → Totals */
} Aggregation;

void
tend_reciprocity_params_init_default (TendReciprocityParams *params)
{
  g_return_if_fail (params != NULL);

  params->window_days = 365;
  params->half_life_days = 90;
  params->active_threshold = 2;
}

/**
 * tend_reciprocity_decayed_weight:
 *
 * Returns: the interaction's weight, halved every half-life, or 0 when it
 *   is outside the window
 */
double
tend_reciprocity_decayed_weight (const TendReciprocityParams *params,
                                 TendInteractionKind          kind,
                                 gint64                       occurred_at,
                                 gint64                       now)
{
  double age_days;

  g_return_val_if_fail (params != NULL, 0);

  /* Clocks disagree: an event from "the future" counts as happening now. */
  age_days = MAX (0, (double) (now - occurred_at) / SECONDS_PER_DAY);
  if (age_days > params->window_days)
    return 0;

  return tend_interaction_kind_get_weight (kind) * pow (0.5, age_days / params->half_life_days);
}

TendQuadrant
tend_reciprocity_classify (const TendReciprocityParams *params,
                           double                       in_weight,
                           double                       out_weight)
{
  gboolean in_active;
  gboolean out_active;

  g_return_val_if_fail (params != NULL, TEND_QUADRANT_DORMANT);

  in_active = in_weight >= params->active_threshold;
  out_active = out_weight >= params->active_threshold;

  if (in_active && out_active)
    return TEND_QUADRANT_SOLID;
  if (out_active)
    return TEND_QUADRANT_YOU_INVEST;
  if (in_active)
    return TEND_QUADRANT_THEY_INVEST;
  return TEND_QUADRANT_DORMANT;
}

/**
 * tend_reciprocity_score:
 * @last_contact: the latest interaction either way (Unix seconds), 0 if none
 * @tagged: whether the owner gave the connection any tag
 *
 * Returns: 0–100 from volume, balance, recency, mutual follow and tags
 */
guint
tend_reciprocity_score (double          in_weight,
                        double          out_weight,
                        gint64          last_contact,
                        TendFollowState follow_state,
                        gboolean        tagged,
                        gint64          now)
{
  double volume = in_weight + out_weight;
  double score = 0;

  score += SCORE_VOLUME * MIN (1.0, log1p (volume) / log1p (VOLUME_FOR_FULL_SCORE));

  if (volume > 0)
    score += SCORE_BALANCE * (1.0 - fabs ((in_weight - out_weight) / volume));

  if (last_contact > 0)
    score += SCORE_RECENCY * pow (0.5, MAX (0, (double) (now - last_contact) / SECONDS_PER_DAY) / RECENCY_HALF_LIFE_DAYS);

  if (follow_state == TEND_FOLLOW_STATE_MUTUAL || follow_state == TEND_FOLLOW_STATE_FRIENDS)
    score += SCORE_MUTUAL;

  if (tagged)
    score += SCORE_TAGGED;

  return (guint) CLAMP (lround (score), 0, 100);
}

static void
add_interaction (gint64              connection_id,
                 TendDirection       direction,
                 TendInteractionKind kind,
                 gint64              occurred_at,
                 gpointer            user_data)
{
  Aggregation *aggregation = user_data;
  Totals *totals = g_hash_table_lookup (aggregation->totals, &connection_id);
  double weight;

  if (totals == NULL)
    {
      gint64 *key = g_new (gint64, 1);

      *key = connection_id;
      totals = g_new0 (Totals, 1);
      g_hash_table_insert (aggregation->totals, key, totals);
    }

  weight = tend_reciprocity_decayed_weight (aggregation->params, kind, occurred_at, aggregation->now);

  if (direction == TEND_DIRECTION_IN)
    {
      totals->in_weight += weight;
      totals->last_in = MAX (totals->last_in, occurred_at);
    }
  else
    {
      totals->out_weight += weight;
      totals->last_out = MAX (totals->last_out, occurred_at);
    }
}

/**
 * tend_reciprocity_apply:
 * @connections: a list of #TendConnection loaded from @store
 *
 * Reads every interaction once and sets each connection's measures.
 */
gboolean
tend_reciprocity_apply (TendStore                    *store,
                        GListModel                   *connections,
                        const TendReciprocityParams  *params,
                        gint64                        now,
                        GError                      **error)
{
  g_autoptr(GHashTable) totals = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  Aggregation aggregation = { params, now, totals };
  guint n_items;

  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_LIST_MODEL (connections), FALSE);
  g_return_val_if_fail (params != NULL, FALSE);

  /* Last-in and last-out look at all history; weights only at the window. */
  if (!tend_store_foreach_interaction (store, 0, add_interaction, &aggregation, error))
    return FALSE;

  n_items = g_list_model_get_n_items (connections);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(TendConnection) connection = g_list_model_get_item (connections, i);
      gint64 id = tend_connection_get_id (connection);
      const Totals none = { 0 };
      const Totals *found = g_hash_table_lookup (totals, &id);
      guint score;

      if (found == NULL)
        found = &none;

      score = tend_reciprocity_score (found->in_weight, found->out_weight,
                                      MAX (found->last_in, found->last_out),
                                      tend_connection_get_follow_state (connection),
                                      tend_connection_get_tags (connection)[0] != NULL,
                                      now);
      tend_connection_set_measures (connection, found->last_in, found->last_out,
                                    found->in_weight, found->out_weight,
                                    tend_reciprocity_classify (params, found->in_weight,
                                                               found->out_weight),
                                    score);
    }

  return TRUE;
}
