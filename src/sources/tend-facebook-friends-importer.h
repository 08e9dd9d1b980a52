/* tend-facebook-friends-importer.h: Facebook's friends and followers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tend-importer.h"

G_BEGIN_DECLS

#define TEND_TYPE_FACEBOOK_FRIENDS_IMPORTER (tend_facebook_friends_importer_get_type ())

G_DECLARE_FINAL_TYPE (TendFacebookFriendsImporter, tend_facebook_friends_importer,
                      TEND, FACEBOOK_FRIENDS_IMPORTER, GObject)

TendImporter *tend_facebook_friends_importer_new (void);

G_END_DECLS
