/* tend-import-page.h: an import under way, with its progress and a way out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TEND_TYPE_IMPORT_PAGE (tend_import_page_get_type ())

G_DECLARE_FINAL_TYPE (TendImportPage, tend_import_page, TEND, IMPORT_PAGE, GtkWidget)

GtkWidget *tend_import_page_new     (void);
gboolean   tend_import_page_start   (TendImportPage     *self,
                                     const char         *database_path,
                                     const char * const *paths);
gboolean   tend_import_page_is_busy (TendImportPage     *self);

G_END_DECLS
