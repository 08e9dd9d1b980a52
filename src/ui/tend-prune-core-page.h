/* tend-prune-core-page.h: the fourth step of pruning: the people kept, against the target
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TEND_TYPE_PRUNE_CORE_PAGE (tend_prune_core_page_get_type ())

G_DECLARE_FINAL_TYPE (TendPruneCorePage, tend_prune_core_page, TEND, PRUNE_CORE_PAGE, AdwBin)

G_END_DECLS
