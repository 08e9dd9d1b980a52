/* tend-status-page-text.h: plain text on a status page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void tend_status_page_set_plain_description (AdwStatusPage *page,
                                             const char    *text);

G_END_DECLS
