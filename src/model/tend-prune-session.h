/* tend-prune-session.h: the pruning wizard's state, kept in the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tend-store.h"

G_BEGIN_DECLS

/* The wizard's steps, in order; the values are saved, so they never change. */
typedef enum {
  TEND_PRUNE_STEP_GOAL,
  TEND_PRUNE_STEP_QUICK_WINS,
  TEND_PRUNE_STEP_ONE_BY_ONE,
  TEND_PRUNE_STEP_CORE,
  TEND_PRUNE_STEP_REVIEW,
  TEND_PRUNE_STEP_CHECKLIST,
  TEND_PRUNE_STEP_DONE,
} TendPruneStep;

#define TEND_PRUNE_N_STEPS (TEND_PRUNE_STEP_DONE + 1)

/* Filters of the one-by-one review. */
typedef enum {
  TEND_PRUNE_FILTER_NONE          = 0,
  TEND_PRUNE_FILTER_NOT_FOLLOWING = 1 << 0,
  TEND_PRUNE_FILTER_INACTIVE      = 1 << 1,
} TendPruneFilter;

#define TEND_TYPE_PRUNE_SESSION (tend_prune_session_get_type ())

G_DECLARE_FINAL_TYPE (TendPruneSession, tend_prune_session, TEND, PRUNE_SESSION, GObject)

gboolean          tend_prune_session_exists          (TendStore         *store);
TendPruneSession *tend_prune_session_new             (TendStore         *store,
                                                      GListModel        *connections,
                                                      gint64             now,
                                                      GError           **error);
TendStore        *tend_prune_session_get_store       (TendPruneSession  *self);
GListModel       *tend_prune_session_get_connections (TendPruneSession  *self);
gint64            tend_prune_session_get_now         (TendPruneSession  *self);
gboolean          tend_prune_session_discard         (TendPruneSession  *self,
                                                      GError           **error);

TendPruneStep     tend_prune_session_get_step        (TendPruneSession  *self);
gboolean          tend_prune_session_set_step        (TendPruneSession  *self,
                                                      TendPruneStep      step,
                                                      GError           **error);

const guint      *tend_prune_session_get_layers      (guint             *n_layers);
gboolean          tend_prune_connection_is_protected (TendConnection    *connection);

gboolean          tend_prune_session_is_source_chosen  (TendPruneSession *self,
                                                        gint64            source_id);
gboolean          tend_prune_session_set_source_chosen (TendPruneSession *self,
                                                        gint64            source_id,
                                                        gboolean          chosen,
                                                        GError          **error);
GPtrArray        *tend_prune_session_list_chosen     (TendPruneSession  *self);
guint             tend_prune_session_get_target      (TendPruneSession  *self);
gboolean          tend_prune_session_set_target      (TendPruneSession  *self,
                                                      guint              target,
                                                      GError           **error);
guint             tend_prune_session_suggest_target  (TendPruneSession  *self);

gboolean          tend_prune_session_decide          (TendPruneSession  *self,
                                                      TendConnection    *connection,
                                                      TendDecision       decision,
                                                      GError           **error);
GPtrArray        *tend_prune_session_list_decided    (TendPruneSession  *self,
                                                      TendDecision       decision);

gboolean          tend_prune_session_is_quick_win    (TendPruneSession  *self,
                                                      TendConnection    *connection);
char             *tend_prune_session_dup_quick_win_reason (TendPruneSession *self,
                                                      TendConnection    *connection);
GPtrArray        *tend_prune_session_list_quick_wins (TendPruneSession  *self);
gboolean          tend_prune_session_decide_quick_wins (TendPruneSession *self,
                                                      GPtrArray         *prune,
                                                      GPtrArray         *keep,
                                                      GError           **error);

gboolean          tend_prune_session_prepare_review  (TendPruneSession  *self,
                                                      GError           **error);
TendPruneFilter   tend_prune_session_get_filter      (TendPruneSession  *self);
gboolean          tend_prune_session_set_filter      (TendPruneSession  *self,
                                                      TendPruneFilter    filter,
                                                      GError           **error);
guint             tend_prune_session_get_review_length (TendPruneSession *self);
guint             tend_prune_session_get_review_index  (TendPruneSession *self);
guint             tend_prune_session_count_reviewed    (TendPruneSession *self,
                                                        TendDecision      decision);
TendConnection   *tend_prune_session_get_review_current (TendPruneSession *self);
gboolean          tend_prune_session_review_decide     (TendPruneSession *self,
                                                        TendDecision      decision,
                                                        GError          **error);
gboolean          tend_prune_session_review_skip       (TendPruneSession *self,
                                                        GError          **error);
gboolean          tend_prune_session_can_undo          (TendPruneSession *self);
gboolean          tend_prune_session_review_undo       (TendPruneSession *self,
                                                        GError          **error);

G_END_DECLS
