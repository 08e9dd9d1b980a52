/* tend-vcard-importer.h: vCard 2.1, 3.0 and 4.0 files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tend-importer.h"

G_BEGIN_DECLS

#define TEND_TYPE_VCARD_IMPORTER (tend_vcard_importer_get_type ())

G_DECLARE_FINAL_TYPE (TendVcardImporter, tend_vcard_importer,
                      TEND, VCARD_IMPORTER, GObject)

TendImporter *tend_vcard_importer_new (void);

G_END_DECLS
