/* tend-id-list.h: sets of row ids packed into a few bytes each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GByteArray *tend_id_list_encode (const gint64  *ids,
                                 gsize          n_ids);
GArray     *tend_id_list_decode (const guint8  *data,
                                 gsize          len);
void        tend_id_list_diff   (GArray        *first,
                                 GArray        *second,
                                 GArray        *only_in_first,
                                 GArray        *only_in_second);

G_END_DECLS
