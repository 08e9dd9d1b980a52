/* tend-sidebar.h: the profile's sources, to narrow the list by source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TEND_TYPE_SIDEBAR (tend_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (TendSidebar, tend_sidebar, TEND, SIDEBAR, GtkWidget)

GtkWidget *tend_sidebar_new                   (void);
void       tend_sidebar_set_sources           (TendSidebar *self,
                                               GListModel  *sources,
                                               guint        n_connections);
void       tend_sidebar_set_decision_counts   (TendSidebar *self,
                                               guint        n_keep,
                                               guint        n_prune);
gint64     tend_sidebar_get_selected_source_id (TendSidebar *self);

G_END_DECLS
