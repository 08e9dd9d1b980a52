/* tend-sync-result.h: what one sync of a network account did
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "tend-import-result.h"

G_BEGIN_DECLS

typedef struct {
  TendImportSourceResult *source;      /* counts, as an import reports them */
  GPtrArray              *unfollowed;  /* handles of people who stopped following the owner */
  guint                   n_requests;  /* requests the sync sent, retries included */
} TendSyncResult;

TendSyncResult *tend_sync_result_new       (TendSourceKind        kind,
                                            const char           *title);
void            tend_sync_result_free      (TendSyncResult       *result);
char           *tend_sync_result_to_string (const TendSyncResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendSyncResult, tend_sync_result_free)

G_END_DECLS
