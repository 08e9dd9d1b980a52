/* tend-page-guard.h: ends paging that goes round in circles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _TendPageGuard TendPageGuard;

TendPageGuard *tend_page_guard_new   (const char    *server_name,
                                      guint          max_pages);
void           tend_page_guard_free  (TendPageGuard *self);
gboolean       tend_page_guard_check (TendPageGuard *self,
                                      const char    *next_cursor,
                                      const char    *page_signature,
                                      GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendPageGuard, tend_page_guard_free)

G_END_DECLS
