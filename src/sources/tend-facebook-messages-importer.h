/* tend-facebook-messages-importer.h: Facebook Messenger's messages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tend-importer.h"

G_BEGIN_DECLS

#define TEND_TYPE_FACEBOOK_MESSAGES_IMPORTER (tend_facebook_messages_importer_get_type ())

G_DECLARE_FINAL_TYPE (TendFacebookMessagesImporter, tend_facebook_messages_importer,
                      TEND, FACEBOOK_MESSAGES_IMPORTER, GObject)

TendImporter *tend_facebook_messages_importer_new (void);

G_END_DECLS
