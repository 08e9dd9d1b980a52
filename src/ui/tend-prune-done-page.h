/* tend-prune-done-page.h: the last step of pruning: before and after, the core, the printed summary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TEND_TYPE_PRUNE_DONE_PAGE (tend_prune_done_page_get_type ())

G_DECLARE_FINAL_TYPE (TendPruneDonePage, tend_prune_done_page, TEND, PRUNE_DONE_PAGE, GtkWidget)

G_END_DECLS
