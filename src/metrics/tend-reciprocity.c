/* tend-reciprocity.c: who gives, who takes, measured from interactions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every number here follows DESIGN.md's "Measures" so that the detail
 * pane can explain it in plain words.
 */
#define G_LOG_DOMAIN "tend-reciprocity"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

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

/* Keys of the per-profile settings; the values are plain C-locale numbers. */
#define SETTING_WINDOW_DAYS      "reciprocity.window-days"
#define SETTING_HALF_LIFE_DAYS   "reciprocity.half-life-days"
#define SETTING_ACTIVE_THRESHOLD "reciprocity.active-threshold"

static gboolean
load_number (TendStore   *store,
             const char  *key,
             double       min,
             double       max,
             double      *value,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = tend_store_get_setting (store, key, &local_error);
  double parsed;
  char *end = NULL;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* A missing or damaged value keeps the default rather than failing. */
  if (text == NULL)
    return TRUE;

  parsed = g_ascii_strtod (text, &end);
  if (end != text && *end == '\0' && parsed >= min && parsed <= max)
    *value = parsed;
  else
    g_warning ("Ignoring the setting %s = “%s”: not a number from %g to %g", key, text, min, max);

  return TRUE;
}

static gboolean
save_number (TendStore   *store,
             const char  *key,
             double       value,
             GError     **error)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return tend_store_set_setting (store, key, g_ascii_dtostr (buffer, sizeof buffer, value), error);
}

/**
 * tend_reciprocity_params_load:
 *
 * Reads the profile's own window, half-life and threshold, keeping the
 * defaults for what it never set.
 */
gboolean
tend_reciprocity_params_load (TendReciprocityParams  *params,
                              TendStore              *store,
                              GError                **error)
{
  double window_days;

  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);

  tend_reciprocity_params_init_default (params);
  window_days = params->window_days;

  if (!load_number (store, SETTING_WINDOW_DAYS, 1, TEND_RECIPROCITY_MAX_WINDOW_DAYS, &window_days, error) ||
      !load_number (store, SETTING_HALF_LIFE_DAYS, 1, TEND_RECIPROCITY_MAX_WINDOW_DAYS, &params->half_life_days, error) ||
      !load_number (store, SETTING_ACTIVE_THRESHOLD, 0.1, 1000, &params->active_threshold, error))
    return FALSE;

  params->window_days = (guint) window_days;
  return TRUE;
}

gboolean
tend_reciprocity_params_save (const TendReciprocityParams  *params,
                              TendStore                    *store,
                              GError                      **error)
{
  gboolean saved;

  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);

  if (!tend_store_begin (store, error))
    return FALSE;

  saved = save_number (store, SETTING_WINDOW_DAYS, params->window_days, error) &&
          save_number (store, SETTING_HALF_LIFE_DAYS, params->half_life_days, error) &&
          save_number (store, SETTING_ACTIVE_THRESHOLD, params->active_threshold, error);

  if (!saved)
    {
      tend_store_rollback (store);
      return FALSE;
    }

  return tend_store_commit (store, error);
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

static guint
score_recency (gint64 last_contact,
               gint64 now)
{
  double days;

  if (last_contact <= 0)
    return 0;

  days = MAX (0, (double) (now - last_contact) / SECONDS_PER_DAY);
  return (guint) lround (SCORE_RECENCY * pow (0.5, days / RECENCY_HALF_LIFE_DAYS));
}

/**
 * tend_reciprocity_score:
 * @points: (out caller-allocates) (optional): each factor's share
 *
 * The score is the sum of the factors' whole points, so an explanation
 * that lists them adds up to the number shown.
 *
 * Returns: 0–100 from volume, balance, recency, mutual follow and tags
 */
guint
tend_reciprocity_score (const TendScoreInputs *inputs,
                        gint64                 now,
                        guint                  points[TEND_N_SCORE_FACTORS])
{
  double volume;
  guint parts[TEND_N_SCORE_FACTORS] = { 0 };
  guint total = 0;

  g_return_val_if_fail (inputs != NULL, 0);

  volume = inputs->in_weight + inputs->out_weight;

  parts[TEND_SCORE_VOLUME] = (guint) lround (SCORE_VOLUME * MIN (1.0, log1p (volume) / log1p (VOLUME_FOR_FULL_SCORE)));

  if (volume > 0)
    parts[TEND_SCORE_BALANCE] = (guint) lround (SCORE_BALANCE * (1.0 - fabs ((inputs->in_weight - inputs->out_weight) / volume)));

  parts[TEND_SCORE_RECENCY] = score_recency (inputs->last_contact, now);

  if (inputs->follow_state == TEND_FOLLOW_STATE_MUTUAL || inputs->follow_state == TEND_FOLLOW_STATE_FRIENDS)
    parts[TEND_SCORE_MUTUAL] = SCORE_MUTUAL;

  if (inputs->tagged)
    parts[TEND_SCORE_TAGGED] = SCORE_TAGGED;

  for (guint i = 0; i < TEND_N_SCORE_FACTORS; i++)
    total += parts[i];

  if (points != NULL)
    memcpy (points, parts, sizeof parts);

  return MIN (total, 100);
}

static void
score_inputs_from_connection (TendConnection  *connection,
                              TendScoreInputs *inputs)
{
  inputs->in_weight = tend_connection_get_in_weight (connection);
  inputs->out_weight = tend_connection_get_out_weight (connection);
  inputs->last_contact = MAX (tend_connection_get_last_in (connection),
                              tend_connection_get_last_out (connection));
  inputs->follow_state = tend_connection_get_follow_state (connection);
  inputs->tagged = tend_connection_get_tags (connection)[0] != NULL;
}

/**
 * tend_reciprocity_rescore:
 *
 * Updates the score of one connection after the owner changed what it
 * depends on (tags), without reading any interaction again.
 */
void
tend_reciprocity_rescore (TendConnection *connection,
                          gint64          now)
{
  TendScoreInputs inputs;

  g_return_if_fail (TEND_IS_CONNECTION (connection));

  score_inputs_from_connection (connection, &inputs);
  tend_connection_set_measures (connection,
                                tend_connection_get_last_in (connection),
                                tend_connection_get_last_out (connection),
                                inputs.in_weight, inputs.out_weight,
                                tend_connection_get_quadrant (connection),
                                tend_reciprocity_score (&inputs, now, NULL));
}

static char *
describe_volume (const TendScoreInputs *inputs)
{
  double volume = inputs->in_weight + inputs->out_weight;

  if (volume <= 0)
    return g_strdup (_("no interactions in the last year"));

  /* Translators: %.1f is a weighted count, e.g. “14.2” */
  return g_strdup_printf (_("%.1f weighted interactions in the last year"), volume);
}

static char *
describe_balance (const TendScoreInputs *inputs)
{
  double volume = inputs->in_weight + inputs->out_weight;
  double balance = (inputs->in_weight - inputs->out_weight) / volume;

  if (fabs (balance) < 0.2)
    return g_strdup (_("balanced"));
  if (balance > 0)
    return g_strdup (_("they give more than you do"));
  return g_strdup (_("you give more than they do"));
}

static char *
describe_recency (const TendScoreInputs *inputs,
                  gint64                 now)
{
  gint64 days = MAX (0, (now - inputs->last_contact) / SECONDS_PER_DAY);

  if (days == 0)
    return g_strdup (_("last contact today"));

  return g_strdup_printf (ngettext ("last contact %" G_GINT64_FORMAT " day ago",
                                    "last contact %" G_GINT64_FORMAT " days ago",
                                    (gulong) days),
                          days);
}

/**
 * tend_reciprocity_explain:
 * @connection: a connection whose measures are set
 *
 * Returns: (transfer full): the score in words, each factor with its
 *   points, e.g. “Score 72: 14.2 weighted interactions in the last year
 *   (+30), balanced (+20), last contact 12 days ago (+12), you follow
 *   each other (+10)”
 */
char *
tend_reciprocity_explain (TendConnection *connection,
                          gint64          now)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint points[TEND_N_SCORE_FACTORS];
  TendScoreInputs inputs;
  guint score;

  g_return_val_if_fail (TEND_IS_CONNECTION (connection), NULL);

  score_inputs_from_connection (connection, &inputs);
  score = tend_reciprocity_score (&inputs, now, points);

  g_string_append_printf (text, _("Score %u:"), score);

  for (guint factor = 0; factor < TEND_N_SCORE_FACTORS; factor++)
    {
      g_autofree char *words = NULL;

      switch ((TendScoreFactor) factor)
        {
        case TEND_SCORE_VOLUME:
          words = describe_volume (&inputs);
          break;
        case TEND_SCORE_BALANCE:
          words = points[factor] > 0 ? describe_balance (&inputs) : NULL;
          break;
        case TEND_SCORE_RECENCY:
          words = points[factor] > 0 ? describe_recency (&inputs, now) : NULL;
          break;
        case TEND_SCORE_MUTUAL:
          if (points[factor] > 0)
            words = g_strdup (inputs.follow_state == TEND_FOLLOW_STATE_FRIENDS
                              ? _("connected both ways") : _("you follow each other"));
          break;
        case TEND_SCORE_TAGGED:
          if (points[factor] > 0)
            {
              g_autofree char *tags = g_strjoinv (", ", (char **) tend_connection_get_tags (connection));

              /* Translators: %s lists the owner's tags, e.g. “Customer, Friend” */
              words = g_strdup_printf (_("tagged %s"), tags);
            }
          break;
        default:
          g_assert_not_reached ();
        }

      if (words == NULL)
        continue;

      /* Translators: one factor of the score and its points, e.g. “balanced (+20)” */
      g_string_append_printf (text, factor == 0 ? _(" %s (+%u)") : _(", %s (+%u)"), words, points[factor]);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
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

static void
set_measures (TendConnection              *connection,
              const Totals                *totals,
              const TendReciprocityParams *params,
              gint64                       now)
{
  TendScoreInputs inputs = {
    totals->in_weight, totals->out_weight, MAX (totals->last_in, totals->last_out),
    tend_connection_get_follow_state (connection),
    tend_connection_get_tags (connection)[0] != NULL,
  };

  tend_connection_set_measures (connection, totals->last_in, totals->last_out,
                                totals->in_weight, totals->out_weight,
                                tend_reciprocity_classify (params, totals->in_weight, totals->out_weight),
                                tend_reciprocity_score (&inputs, now, NULL));
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
  const Totals none = { 0 };
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
      const Totals *found = g_hash_table_lookup (totals, &id);

      set_measures (connection, found != NULL ? found : &none, params, now);
    }

  return TRUE;
}

/**
 * tend_reciprocity_update:
 * @connections: (element-type TendConnection): the connections to measure again
 *
 * Measures only these connections, from their own interactions: what an
 * import, a sync or an edit touched. The result equals a full
 * tend_reciprocity_apply() for them.
 */
gboolean
tend_reciprocity_update (TendStore                    *store,
                         GPtrArray                    *connections,
                         const TendReciprocityParams  *params,
                         gint64                        now,
                         GError                      **error)
{
  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);
  g_return_val_if_fail (connections != NULL, FALSE);
  g_return_val_if_fail (params != NULL, FALSE);

  for (guint i = 0; i < connections->len; i++)
    {
      TendConnection *connection = g_ptr_array_index (connections, i);
      g_autoptr(GHashTable) totals = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
      Aggregation aggregation = { params, now, totals };
      gint64 id = tend_connection_get_id (connection);
      const Totals none = { 0 };
      const Totals *found;

      if (!tend_store_foreach_interaction_with (store, id, add_interaction, &aggregation, error))
        return FALSE;

      found = g_hash_table_lookup (totals, &id);
      set_measures (connection, found != NULL ? found : &none, params, now);
    }

  return TRUE;
}
