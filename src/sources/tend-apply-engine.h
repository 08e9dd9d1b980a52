/* tend-apply-engine.h: turns prune decisions into actions on each network
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tend-action-executor.h"
#include "tend-store.h"

G_BEGIN_DECLS

/* What applying the prune decisions does through one source. */
typedef struct {
  gint64          source_id;
  TendSourceKind  source_kind;
  char           *source_title;
  guint           n_people;           /* pruned people of this source */
  guint           n_unfollow;
  guint           n_remove_follower;
  guint           n_checklist;
  guint           n_checklist_done;
  guint           n_kept_followers;   /* followers the network cannot remove */
  gboolean        has_executor;       /* whether the network calls can run now */
} TendApplySourcePlan;

/* How a run ended. */
typedef struct {
  guint      n_succeeded;
  guint      n_failed;
  guint      n_cancelled;
  guint      n_waiting;   /* network actions of sources with no executor */
  GPtrArray *finished;    /* (element-type TendActionItem): what the run did, in order */
} TendApplyResult;

void             tend_apply_result_free           (TendApplyResult      *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendApplyResult, tend_apply_result_free)

#define TEND_TYPE_APPLY_ENGINE (tend_apply_engine_get_type ())

G_DECLARE_FINAL_TYPE (TendApplyEngine, tend_apply_engine, TEND, APPLY_ENGINE, GObject)

TendApplyEngine *tend_apply_engine_new            (TendStore            *store);
TendApplyEngine *tend_apply_engine_dup_for_store  (TendStore            *store);
TendStore       *tend_apply_engine_get_store      (TendApplyEngine      *self);

void             tend_apply_engine_set_executor   (TendApplyEngine      *self,
                                                   gint64                source_id,
                                                   TendActionExecutor   *executor);
TendActionExecutor *tend_apply_engine_get_executor (TendApplyEngine     *self,
                                                   gint64                source_id);

GArray          *tend_apply_engine_plan           (TendApplyEngine      *self,
                                                   GError              **error);

void             tend_apply_engine_prepare_async  (TendApplyEngine      *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
char            *tend_apply_engine_prepare_finish (TendApplyEngine      *self,
                                                   GAsyncResult         *result,
                                                   guint                *out_n_queued,
                                                   GError              **error);

gboolean         tend_apply_engine_recover        (TendApplyEngine      *self,
                                                   guint                *out_n_ready,
                                                   guint                *out_n_waiting,
                                                   GError              **error);

void             tend_apply_engine_run_async      (TendApplyEngine      *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
TendApplyResult *tend_apply_engine_run_finish     (TendApplyEngine      *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void             tend_apply_engine_cancel         (TendApplyEngine      *self);

gboolean         tend_apply_engine_restore        (TendApplyEngine      *self,
                                                   gint64                connection_id,
                                                   GError              **error);

gboolean         tend_apply_engine_get_running    (TendApplyEngine      *self);
guint            tend_apply_engine_get_n_done     (TendApplyEngine      *self);
guint            tend_apply_engine_get_n_total    (TendApplyEngine      *self);
const char      *tend_apply_engine_get_current_name (TendApplyEngine    *self);
gboolean         tend_apply_engine_get_source_progress (TendApplyEngine *self,
                                                   gint64                source_id,
                                                   guint                *out_n_done,
                                                   guint                *out_n_total);

char            *tend_apply_engine_build_backup_dir (TendStore          *store);
char            *tend_apply_describe_source       (TendSourceKind        kind,
                                                   const char           *title);

G_END_DECLS
