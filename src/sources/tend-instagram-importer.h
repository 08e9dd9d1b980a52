/* tend-instagram-importer.h: Instagram's followers and following
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tend-importer.h"

G_BEGIN_DECLS

#define TEND_TYPE_INSTAGRAM_IMPORTER (tend_instagram_importer_get_type ())

G_DECLARE_FINAL_TYPE (TendInstagramImporter, tend_instagram_importer,
                      TEND, INSTAGRAM_IMPORTER, GObject)

TendImporter *tend_instagram_importer_new (void);

G_END_DECLS
