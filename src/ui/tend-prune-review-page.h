/* tend-prune-review-page.h: step 5 of pruning: what applying does, per source, and applying it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TEND_TYPE_PRUNE_REVIEW_PAGE (tend_prune_review_page_get_type ())

G_DECLARE_FINAL_TYPE (TendPruneReviewPage, tend_prune_review_page, TEND, PRUNE_REVIEW_PAGE, GtkWidget)

G_END_DECLS
