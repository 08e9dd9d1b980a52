/* tend-linkedin-messages-importer.h: LinkedIn's messages.csv
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tend-importer.h"

G_BEGIN_DECLS

#define TEND_TYPE_LINKEDIN_MESSAGES_IMPORTER (tend_linkedin_messages_importer_get_type ())

G_DECLARE_FINAL_TYPE (TendLinkedinMessagesImporter, tend_linkedin_messages_importer,
                      TEND, LINKEDIN_MESSAGES_IMPORTER, GObject)

TendImporter *tend_linkedin_messages_importer_new (void);

G_END_DECLS
