/* fuzz-json-scanner.c: the streaming JSON scanner on arbitrary bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads every token, skipping some values, and checks what a reader
 * relies on: objects and arrays close in order and no deeper than the
 * limit, strings are UTF-8 within the length limit, the end stays the
 * end, and an error is set exactly when one is returned. The input is
 * read at once and one byte per read; both must give the same.
 */
#define G_LOG_DOMAIN "fuzz-json-scanner"

#include "config.h"

#include <string.h>

#include "tend-fuzz.h"
#include "tend-import-json.h"
#include "tend-json-scanner.h"
#include "tend-trickle-stream.h"

/* Small, so that the fuzzer reaches it with small inputs. */
#define FUZZ_MAX_STRING 64

static void
check_text (const char *text,
            gsize       len,
            gsize       max_string)
{
  const char *end = text + len;

  g_assert (len <= max_string);
  g_assert (text[len] == '\0');

  /* UTF-8 between the escaped NULs. */
  while (text < end)
    {
      gsize piece = strnlen (text, end - text);

      g_assert (g_utf8_validate_len (text, piece, NULL));
      text += piece + 1;
    }
}

/* The tokens read, as text; the value of a member whose name starts
 * with 's' is skipped, and so is an object or array that is the value
 * of one whose name starts with 'r'. */
static char *
read_all (const uint8_t *data,
          size_t         size,
          gboolean       trickle,
          gsize          max_string)
{
  g_autoptr(GInputStream) stream = tend_fuzz_stream_new (data, size);
  g_autoptr(TendJsonScanner) scanner = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  guint64 objects = 0;
  guint depth = 0;
  gboolean skip_rest = FALSE;

  if (trickle)
    {
      GInputStream *memory = g_steal_pointer (&stream);

      stream = tend_trickle_stream_new (memory);
      g_object_unref (memory);
    }

  scanner = tend_json_scanner_new (stream);
  if (max_string > 0)
    tend_json_scanner_set_max_string (scanner, max_string);
  else
    max_string = TEND_JSON_SCANNER_MAX_STRING;

  while (TRUE)
    {
      TendJsonToken token = tend_json_scanner_next (scanner, NULL, &error);
      gboolean is_begin = token == TEND_JSON_TOKEN_BEGIN_OBJECT || token == TEND_JSON_TOKEN_BEGIN_ARRAY;
      const char *text;
      gsize len;
      gint64 value;

      g_string_append_printf (out, "%d", token);

      if (token == TEND_JSON_TOKEN_ERROR)
        {
          g_assert (error != NULL && error->domain == TEND_IMPORT_ERROR);
          g_string_append_printf (out, ":%d:%s", error->code, error->message);
          break;
        }
      g_assert (error == NULL);

      if (token == TEND_JSON_TOKEN_END)
        {
          g_assert (depth == 0);
          g_assert (tend_json_scanner_next (scanner, NULL, &error) == TEND_JSON_TOKEN_END);
          break;
        }

      text = tend_json_scanner_get_string (scanner, &len);
      if (token == TEND_JSON_TOKEN_MEMBER || token == TEND_JSON_TOKEN_STRING || token == TEND_JSON_TOKEN_NUMBER)
        {
          check_text (text, len, max_string);
          g_string_append_c (out, ':');
          g_string_append_len (out, text, len);
        }
      else
        {
          g_assert (len == 0);
        }
      if (tend_json_scanner_get_int (scanner, &value))
        {
          g_assert (token == TEND_JSON_TOKEN_NUMBER);
          g_assert (g_ascii_strtoll (text, NULL, 10) == value);
        }
      g_string_append_c (out, ' ');

      if (is_begin)
        {
          g_assert (depth < TEND_IMPORT_JSON_MAX_DEPTH);
          if (token == TEND_JSON_TOKEN_BEGIN_OBJECT)
            objects |= G_GUINT64_CONSTANT (1) << depth;
          else
            objects &= ~(G_GUINT64_CONSTANT (1) << depth);
          depth++;
        }
      else if (token == TEND_JSON_TOKEN_END_OBJECT || token == TEND_JSON_TOKEN_END_ARRAY)
        {
          g_assert (depth > 0);
          depth--;
          g_assert (((objects >> depth) & 1) == (token == TEND_JSON_TOKEN_END_OBJECT));
        }

      if ((token == TEND_JSON_TOKEN_MEMBER && text[0] == 's') || (skip_rest && is_begin))
        {
          if (is_begin)
            depth--;
          if (!tend_json_scanner_skip_value (scanner, NULL, &error))
            {
              g_assert (error != NULL && error->domain == TEND_IMPORT_ERROR);
              g_string_append_printf (out, "skip:%d:%s", error->code, error->message);
              break;
            }
          g_string_append (out, "- ");
        }
      skip_rest = token == TEND_JSON_TOKEN_MEMBER && text[0] == 'r';
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *at_once = NULL;
  g_autofree char *trickled = NULL;
  g_autofree char *unlimited = NULL;

  tend_fuzz_init ();

  at_once = read_all (data, size, FALSE, FUZZ_MAX_STRING);
  trickled = read_all (data, size, TRUE, FUZZ_MAX_STRING);
  g_assert (g_str_equal (at_once, trickled));

  unlimited = read_all (data, size, FALSE, 0);

  return 0;
}
