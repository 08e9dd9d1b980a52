/* tend-history-view.h: the journal in plain words, with a way back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tend-store.h"

G_BEGIN_DECLS

/* What the kind filter shows; the values follow its menu. */
typedef enum {
  TEND_HISTORY_SHOW_ALL,
  TEND_HISTORY_SHOW_DECISIONS,
  TEND_HISTORY_SHOW_TAGS,
  TEND_HISTORY_SHOW_ACTIONS,
} TendHistoryShow;

#define TEND_TYPE_HISTORY_VIEW (tend_history_view_get_type ())

G_DECLARE_FINAL_TYPE (TendHistoryView, tend_history_view, TEND, HISTORY_VIEW, GtkWidget)

GtkWidget  *tend_history_view_new          (TendStore       *store);
TendStore  *tend_history_view_get_store    (TendHistoryView *self);
void        tend_history_view_reload       (TendHistoryView *self);
guint       tend_history_view_get_n_shown  (TendHistoryView *self);

G_END_DECLS
