/* tend-facebook-text.c: repairing Facebook's text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Facebook's "Download your information" writes every byte of its UTF-8
 * text as a "\u00XX" escape: "Renée" (52 65 6E C3 A9 65) arrives as
 * "Ren\u00c3\u00a9e", which a JSON parser turns into "RenÃ©e". The
 * repair takes the parsed text back to those bytes, one code point ≤ U+00FF
 * per byte, and reads them as UTF-8 again. It must come before anything
 * else touches the text: "à" is C3 A0, and U+00A0 is a no-break space
 * that trimming would cut off. Text that does not come back as valid
 * UTF-8 that way, or holds a code point above U+00FF, was not mangled
 * and is kept as it is.
 */
#define G_LOG_DOMAIN "tend-facebook-text"

#include "config.h"

#include <string.h>

#include "tend-facebook-text.h"
#include "tend-import-util.h"

/**
 * tend_facebook_text_repair:
 *
 * Returns: (transfer full) (nullable): @text re-decoded as described
 *   above, or a copy of @text when it was not mangled
 */
char *
tend_facebook_text_repair (const char *text)
{
  g_autoptr(GString) bytes = NULL;
  gboolean high = FALSE;

  if (text == NULL)
    return NULL;

  if (!g_utf8_validate (text, -1, NULL))
    return NULL;

  bytes = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c > 0xFF)
        return g_strdup (text);
      if (c >= 0x80)
        high = TRUE;
      g_string_append_c (bytes, (char) c);
    }

  if (!high || !g_utf8_validate_len (bytes->str, bytes->len, NULL))
    return g_strdup (text);

  return g_string_free (g_steal_pointer (&bytes), FALSE);
}

/**
 * tend_facebook_text_clean:
 *
 * Repairs @text, then normalises and trims it, in that order.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL when nothing
 *   is left
 */
char *
tend_facebook_text_clean (const char *text)
{
  g_autofree char *repaired = tend_facebook_text_repair (text);

  return tend_import_clean_text (repaired);
}
