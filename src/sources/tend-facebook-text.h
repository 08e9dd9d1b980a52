/* tend-facebook-text.h: repairing Facebook's text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

/* Kept for the callers that read Facebook's JSON through this header. */
#include "tend-import-json.h"

G_BEGIN_DECLS

char       *tend_facebook_text_repair   (const char    *text);
char       *tend_facebook_text_clean    (const char    *text);

G_END_DECLS
