/* tend-sync-progress.h: how far a sync is, for a progress bar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "tend-web-client.h"

G_BEGIN_DECLS

#define TEND_TYPE_SYNC_PROGRESS (tend_sync_progress_get_type ())

G_DECLARE_FINAL_TYPE (TendSyncProgress, tend_sync_progress, TEND, SYNC_PROGRESS, GObject)

TendSyncProgress *tend_sync_progress_new               (void);

const char       *tend_sync_progress_get_text          (TendSyncProgress *self);
double            tend_sync_progress_get_fraction      (TendSyncProgress *self);
gint64            tend_sync_progress_get_waiting_until (TendSyncProgress *self);

void              tend_sync_progress_set_phase         (TendSyncProgress *self,
                                                        const char       *label,
                                                        guint             phase,
                                                        guint             n_phases,
                                                        guint64           done,
                                                        guint64           total);
void              tend_sync_progress_watch_client      (TendSyncProgress *self,
                                                        TendWebClient    *client);
void              tend_sync_progress_unwatch_client    (TendSyncProgress *self);

char             *tend_sync_progress_format_count      (guint64           n);

G_END_DECLS
