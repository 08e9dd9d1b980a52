/* tend-x-archive-importer.h: the X archive's followers, following and messages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tend-importer.h"

G_BEGIN_DECLS

#define TEND_TYPE_X_ARCHIVE_IMPORTER (tend_x_archive_importer_get_type ())

G_DECLARE_FINAL_TYPE (TendXArchiveImporter, tend_x_archive_importer,
                      TEND, X_ARCHIVE_IMPORTER, GObject)

TendImporter *tend_x_archive_importer_new (void);

G_END_DECLS
