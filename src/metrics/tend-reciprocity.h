/* tend-reciprocity.h: who gives, who takes, measured from interactions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tend-store.h"

G_BEGIN_DECLS

/* Ten years: longer windows only slow the measures down. */
#define TEND_RECIPROCITY_MAX_WINDOW_DAYS 3650

typedef struct {
  guint  window_days;
  double half_life_days;
  double active_threshold;
} TendReciprocityParams;

/* The parts of the score, in the order the explanation lists them. */
typedef enum {
  TEND_SCORE_VOLUME,
  TEND_SCORE_BALANCE,
  TEND_SCORE_RECENCY,
  TEND_SCORE_MUTUAL,
  TEND_SCORE_TAGGED,
} TendScoreFactor;

#define TEND_N_SCORE_FACTORS (TEND_SCORE_TAGGED + 1)

typedef struct {
  double          in_weight;
  double          out_weight;
  gint64          last_contact;
  TendFollowState follow_state;
  gboolean        tagged;
} TendScoreInputs;

void     tend_reciprocity_params_init_default (TendReciprocityParams        *params);
gboolean tend_reciprocity_params_load         (TendReciprocityParams        *params,
                                               TendStore                    *store,
                                               GError                      **error);
gboolean tend_reciprocity_params_save         (const TendReciprocityParams  *params,
                                               TendStore                    *store,
                                               GError                      **error);

double   tend_reciprocity_decayed_weight      (const TendReciprocityParams  *params,
                                               TendInteractionKind           kind,
                                               gint64                        occurred_at,
                                               gint64                        now);
TendQuadrant tend_reciprocity_classify        (const TendReciprocityParams  *params,
                                               double                        in_weight,
                                               double                        out_weight);
guint    tend_reciprocity_score               (const TendScoreInputs        *inputs,
                                               gint64                        now,
                                               guint                         points[TEND_N_SCORE_FACTORS]);
void     tend_reciprocity_rescore             (TendConnection               *connection,
                                               gint64                        now);
char    *tend_reciprocity_explain             (TendConnection               *connection,
                                               gint64                        now);

gboolean tend_reciprocity_apply               (TendStore                    *store,
                                               GListModel                   *connections,
                                               const TendReciprocityParams  *params,
                                               gint64                        now,
                                               GError                      **error);

gboolean tend_reciprocity_update              (TendStore                    *store,
                                               GPtrArray                    *connections,
                                               const TendReciprocityParams  *params,
                                               gint64                        now,
                                               GError                      **error);

G_END_DECLS
