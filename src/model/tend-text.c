/* tend-text.c: text compared the way people read it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tend-text"

#include "config.h"

#include <string.h>

#include "tend-text.h"

/* Letters that do not decompose into a base letter and an accent, written
 * the way people type them without the accent.
 */
static const char *
fold_letter (gunichar c)
{
  switch (c)
    {
    case 0x00E6: return "ae";  /* æ */
    case 0x00F0: return "d";   /* ð */
    case 0x00F8: return "o";   /* ø */
    case 0x00FE: return "th";  /* þ */
    case 0x0111: return "d";   /* đ */
    case 0x0127: return "h";   /* ħ */
    case 0x0131: return "i";   /* ı */
    case 0x0142: return "l";   /* ł */
    case 0x0153: return "oe";  /* œ */
    default:     return NULL;
    }
}

/**
 * tend_text_fold:
 * @text: (nullable): UTF-8 text
 *
 * Folds @text the way search and sorting compare it: “Émile Ørsted” becomes
 * “emile orsted”.
 *
 * Returns: (transfer full): the folded text
 */
char *
tend_text_fold (const char *text)
{
  g_autofree char *folded = NULL;
  g_autofree char *decomposed = NULL;
  gboolean ascii = TRUE;
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  for (const char *p = text; *p != '\0'; p++)
    {
      if ((guchar) *p >= 0x80)
        {
          ascii = FALSE;
          break;
        }
    }

  /* Most names, nearly all handles. */
  if (ascii)
    return g_ascii_strdown (text, -1);

  folded = g_utf8_casefold (text, -1);
  decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
  if (decomposed == NULL)
    return g_steal_pointer (&folded);

  out = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *replacement;

      switch (g_unichar_type (c))
        {
        case G_UNICODE_NON_SPACING_MARK:
        case G_UNICODE_SPACING_MARK:
        case G_UNICODE_ENCLOSING_MARK:
          continue;

        default:
          if ((replacement = fold_letter (c)) != NULL)
            g_string_append (out, replacement);
          else
            g_string_append_unichar (out, c);
        }
    }

  return g_string_free (out, FALSE);
}
