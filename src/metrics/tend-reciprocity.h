/* tend-reciprocity.h: who gives, who takes, measured from interactions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tend-store.h"

G_BEGIN_DECLS

typedef struct {
  guint  window_days;
  double half_life_days;
  double active_threshold;
} TendReciprocityParams;

void     tend_reciprocity_params_init_default (TendReciprocityParams        *params);

double   tend_reciprocity_decayed_weight      (const TendReciprocityParams  *params,
                                               TendInteractionKind           kind,
                                               gint64                        occurred_at,
                                               gint64                        now);
TendQuadrant tend_reciprocity_classify        (const TendReciprocityParams  *params,
                                               double                        in_weight,
                                               double                        out_weight);
guint    tend_reciprocity_score               (double                        in_weight,
                                               double                        out_weight,
                                               gint64                        last_contact,
                                               TendFollowState               follow_state,
                                               gboolean                      tagged,
                                               gint64                        now);

gboolean tend_reciprocity_apply               (TendStore                    *store,
                                               GListModel                   *connections,
                                               const TendReciprocityParams  *params,
                                               gint64                        now,
                                               GError                      **error);

G_END_DECLS
