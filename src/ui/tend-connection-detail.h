/* tend-connection-detail.h: the selected connections, and the owner's say on them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tend-connection.h"
#include "tend-store.h"

G_BEGIN_DECLS

#define TEND_TYPE_CONNECTION_DETAIL (tend_connection_detail_get_type ())

G_DECLARE_FINAL_TYPE (TendConnectionDetail, tend_connection_detail, TEND, CONNECTION_DETAIL, AdwBin)

GtkWidget         *tend_connection_detail_new            (void);
TendStore         *tend_connection_detail_get_store      (TendConnectionDetail *self);
void               tend_connection_detail_set_store      (TendConnectionDetail *self,
                                                          TendStore            *store);
GtkSelectionModel *tend_connection_detail_get_selection  (TendConnectionDetail *self);
void               tend_connection_detail_set_selection  (TendConnectionDetail *self,
                                                          GtkSelectionModel    *selection);
TendConnection    *tend_connection_detail_get_connection (TendConnectionDetail *self);
const char        *tend_connection_detail_get_page       (TendConnectionDetail *self);
gboolean           tend_connection_detail_focus          (TendConnectionDetail *self);
gboolean           tend_connection_detail_save_note      (TendConnectionDetail *self);

G_END_DECLS
