/* tend-connection-list.h: every connection as a sortable, filterable table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tend-connection-filter.h"
#include "tend-connection-sorter.h"

G_BEGIN_DECLS

#define TEND_TYPE_CONNECTION_LIST (tend_connection_list_get_type ())

G_DECLARE_FINAL_TYPE (TendConnectionList, tend_connection_list, TEND, CONNECTION_LIST, AdwBin)

GtkWidget            *tend_connection_list_new           (void);
GListModel           *tend_connection_list_get_model     (TendConnectionList *self);
void                  tend_connection_list_set_model     (TendConnectionList *self,
                                                          GListModel         *connections);
TendConnectionFilter *tend_connection_list_get_filter    (TendConnectionList *self);
void                  tend_connection_list_refresh       (TendConnectionList *self);
GtkSelectionModel    *tend_connection_list_get_selection (TendConnectionList *self);
TendConnectionSorter *tend_connection_list_get_sorter    (TendConnectionList *self);
GtkColumnView        *tend_connection_list_get_column_view (TendConnectionList *self);
GtkColumnViewColumn  *tend_connection_list_get_column    (TendConnectionList *self,
                                                          TendSortKey         key);
void                  tend_connection_list_sort_by       (TendConnectionList *self,
                                                          TendSortKey         key,
                                                          gboolean            descending);

G_END_DECLS
