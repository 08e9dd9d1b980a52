/* tend-sync-page.h: the connected accounts syncing, with their progress and a way out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tend-store.h"

G_BEGIN_DECLS

#define TEND_TYPE_SYNC_PAGE (tend_sync_page_get_type ())

G_DECLARE_FINAL_TYPE (TendSyncPage, tend_sync_page, TEND, SYNC_PAGE, GtkWidget)

GtkWidget *tend_sync_page_new     (void);
gboolean   tend_sync_page_start   (TendSyncPage  *self,
                                   TendStore     *store,
                                   GError       **error);
gboolean   tend_sync_page_is_busy (TendSyncPage  *self);

G_END_DECLS
