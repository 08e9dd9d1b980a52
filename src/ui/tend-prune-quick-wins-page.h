/* tend-prune-quick-wins-page.h: the second step of pruning: the people who are easy to let go
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TEND_TYPE_PRUNE_QUICK_WINS_PAGE (tend_prune_quick_wins_page_get_type ())

G_DECLARE_FINAL_TYPE (TendPruneQuickWinsPage, tend_prune_quick_wins_page, TEND, PRUNE_QUICK_WINS_PAGE, AdwBin)

G_END_DECLS
