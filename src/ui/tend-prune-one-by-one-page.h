/* tend-prune-one-by-one-page.h: the third step of pruning: everyone else, one card at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TEND_TYPE_PRUNE_ONE_BY_ONE_PAGE (tend_prune_one_by_one_page_get_type ())

G_DECLARE_FINAL_TYPE (TendPruneOneByOnePage, tend_prune_one_by_one_page, TEND, PRUNE_ONE_BY_ONE_PAGE, AdwBin)

G_END_DECLS
