/* tend-html-text.h: HTML from a server reduced to plain text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Longer text is cut: a bio is a few lines, not a book. */
#define TEND_HTML_TEXT_MAX_CHARS 4000

char *tend_html_to_text (const char *html);

G_END_DECLS
