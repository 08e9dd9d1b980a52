/* tend-prune-checklist-page.h: step 6 of pruning: what to remove by hand, per export-only source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TEND_TYPE_PRUNE_CHECKLIST_PAGE (tend_prune_checklist_page_get_type ())

G_DECLARE_FINAL_TYPE (TendPruneChecklistPage, tend_prune_checklist_page, TEND, PRUNE_CHECKLIST_PAGE, GtkWidget)

G_END_DECLS
