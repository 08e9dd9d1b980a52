/* tend-status-page-text.c: plain text on a status page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tend-status-page-text"

#include "config.h"

#include "tend-status-page-text.h"

/**
 * tend_status_page_set_plain_description:
 * @text: plain text, such as a server's message or a person's name
 *
 * A status page's description is markup: @text is escaped, so that
 * whatever it holds is shown as it is.
 */
void
tend_status_page_set_plain_description (AdwStatusPage *page,
                                        const char    *text)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (ADW_IS_STATUS_PAGE (page));
  g_return_if_fail (text != NULL);

  escaped = g_markup_escape_text (text, -1);
  adw_status_page_set_description (page, escaped);
}
