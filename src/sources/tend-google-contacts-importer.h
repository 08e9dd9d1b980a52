/* tend-google-contacts-importer.h: a Google Contacts CSV export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tend-importer.h"

G_BEGIN_DECLS

#define TEND_TYPE_GOOGLE_CONTACTS_IMPORTER (tend_google_contacts_importer_get_type ())

G_DECLARE_FINAL_TYPE (TendGoogleContactsImporter, tend_google_contacts_importer,
                      TEND, GOOGLE_CONTACTS_IMPORTER, GObject)

TendImporter *tend_google_contacts_importer_new (void);

G_END_DECLS
