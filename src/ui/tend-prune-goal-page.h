/* tend-prune-goal-page.h: the first step of pruning: why, which sources, how big a core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TEND_TYPE_PRUNE_GOAL_PAGE (tend_prune_goal_page_get_type ())

G_DECLARE_FINAL_TYPE (TendPruneGoalPage, tend_prune_goal_page, TEND, PRUNE_GOAL_PAGE, AdwBin)

G_END_DECLS
