/* test-json-scanner.c: the streaming JSON scanner
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Most cases write the tokens read as one line of text and compare it.
 * Each is read twice: from memory at once, and through a stream that
 * gives one byte per read, so that every token, escape and UTF-8
 * sequence is also cut by the end of the buffer.
 */
#include "config.h"

#include <string.h>

#include "tend-import-json.h"
#include "tend-importer.h"
#include "tend-json-scanner.h"
#include "fuzz/tend-trickle-stream.h"

static GInputStream *
stream_for (const char *text,
            gsize       len,
            gboolean    trickle)
{
  g_autoptr(GInputStream) memory = g_memory_input_stream_new_from_data (g_memdup2 (text, len), len, g_free);

  if (!trickle)
    return g_steal_pointer (&memory);

  return tend_trickle_stream_new (memory);
}

static void
append_text (GString    *out,
             const char *text,
             gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if ((guchar) text[i] < 0x20)
        g_string_append_printf (out, "\\x%02x", (guchar) text[i]);
      else
        g_string_append_c (out, text[i]);
    }
}

/* Reads every token: "{ m:a n:1 }" and so on, "!code" for an error. */
static char *
read_tokens (TendJsonScanner  *scanner,
             GError          **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  while (TRUE)
    {
      TendJsonToken token = tend_json_scanner_next (scanner, NULL, error);
      const char *text;
      gsize len;
      gint64 value;

      if (out->len > 0)
        g_string_append_c (out, ' ');

      switch (token)
        {
        case TEND_JSON_TOKEN_END:
          g_string_append_c (out, '$');
          return g_string_free (g_steal_pointer (&out), FALSE);
        case TEND_JSON_TOKEN_ERROR:
          g_string_append_printf (out, "!%d", (*error)->code);
          return g_string_free (g_steal_pointer (&out), FALSE);
        case TEND_JSON_TOKEN_BEGIN_OBJECT:
          g_string_append_c (out, '{');
          break;
        case TEND_JSON_TOKEN_END_OBJECT:
          g_string_append_c (out, '}');
          break;
        case TEND_JSON_TOKEN_BEGIN_ARRAY:
          g_string_append_c (out, '[');
          break;
        case TEND_JSON_TOKEN_END_ARRAY:
          g_string_append_c (out, ']');
          break;
        case TEND_JSON_TOKEN_MEMBER:
        case TEND_JSON_TOKEN_STRING:
          text = tend_json_scanner_get_string (scanner, &len);
          g_string_append (out, token == TEND_JSON_TOKEN_MEMBER ? "m:" : "s:");
          append_text (out, text, len);
          break;
        case TEND_JSON_TOKEN_NUMBER:
          g_string_append_printf (out, "n:%s", tend_json_scanner_get_string (scanner, NULL));
          if (tend_json_scanner_get_int (scanner, &value))
            g_string_append_printf (out, "=%" G_GINT64_FORMAT, value);
          else
            g_string_append_printf (out, "~%g", tend_json_scanner_get_double (scanner));
          break;
        case TEND_JSON_TOKEN_TRUE:
          g_string_append (out, "true");
          break;
        case TEND_JSON_TOKEN_FALSE:
          g_string_append (out, "false");
          break;
        case TEND_JSON_TOKEN_NULL:
          g_string_append (out, "null");
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

/* The tokens of @len bytes of @text (-1: all), the same both ways. */
static char *
scan_len (const char  *text,
          gssize       len,
          gsize        max_string,
          GError     **error)
{
  char *result = NULL;

  if (len < 0)
    len = strlen (text);

  for (int trickle = 0; trickle <= 1; trickle++)
    {
      g_autoptr(GInputStream) stream = stream_for (text, len, trickle);
      g_autoptr(TendJsonScanner) scanner = tend_json_scanner_new (stream);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *tokens = NULL;

      if (max_string > 0)
        tend_json_scanner_set_max_string (scanner, max_string);
      tokens = read_tokens (scanner, &local_error);

      if (result == NULL)
        {
          result = g_steal_pointer (&tokens);
          if (local_error != NULL)
            g_propagate_error (error, g_steal_pointer (&local_error));
        }
      else
        {
          g_assert_cmpstr (tokens, ==, result);
        }
    }

  return result;
}

static void
assert_tokens (const char *text,
               const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tokens = scan_len (text, -1, 0, &error);

  g_test_message ("%s → %s", text, tokens);
  g_assert_no_error (error);
  g_assert_cmpstr (tokens, ==, expected);
}

/* @text fails with @code, and a message that holds @part. */
static void
assert_fails (const char *text,
              gssize      len,
              int         code,
              const char *part)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tokens = scan_len (text, len, 0, &error);

  g_test_message ("%s → %s: %s", text, tokens, error ? error->message : "no error");
  g_assert_error (error, TEND_IMPORT_ERROR, code);
  if (part != NULL)
    g_assert_nonnull (strstr (error->message, part));
}

static void
test_tokens (void)
{
  assert_tokens ("{\"a\": [1, -2.5, \"x\", true, false, null, {}, []], \"b\": {\"c\": \"d\"}}",
                 "{ m:a [ n:1=1 n:-2.5~-2.5 s:x true false null { } [ ] ] m:b { m:c s:d } } $");
  assert_tokens (" \t\r\n[ ]\n ", "[ ] $");
  assert_tokens ("\"alone\"", "s:alone $");
  assert_tokens ("0", "n:0=0 $");
  assert_tokens ("{\"\": \"\"}", "{ m: s: } $");

  /* Nothing but space, or a byte order mark, is an empty text. */
  assert_tokens ("", "$");
  assert_tokens ("  \n ", "$");
  assert_tokens ("\xef\xbb\xbf{}", "{ } $");
}

static void
test_escapes (void)
{
  assert_tokens ("[\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"]", "[ s:\" \\ / \\x08 \\x0c \\x0a \\x0d \\x09 ] $");
  assert_tokens ("[\"caf\\u00e9 \\u00C3\\u00A9 \\u7F8E\"]", "[ s:café Ã© 美 ] $");
  assert_tokens ("[\"Zoë 美咲\"]", "[ s:Zoë 美咲 ] $");

  /* A NUL is kept; the length counts past it. */
  assert_tokens ("[\"a\\u0000b\"]", "[ s:a\\x00b ] $");

  assert_fails ("[\"\\x\"]", -1, TEND_IMPORT_ERROR_INVALID, "no escape");
  assert_fails ("[\"\\u12G4\"]", -1, TEND_IMPORT_ERROR_INVALID, "four hexadecimal digits");
  assert_fails ("[\"\\u12\"]", -1, TEND_IMPORT_ERROR_INVALID, "four hexadecimal digits");
  assert_fails ("[\"a\nb\"]", -1, TEND_IMPORT_ERROR_INVALID, "control character");
  assert_fails ("[\"a\tb\"]", -1, TEND_IMPORT_ERROR_INVALID, "control character");
}

static void
test_surrogates (void)
{
  assert_tokens ("[\"\\ud83d\\ude00\", \"\\uD83D\\uDE00!\"]", "[ s:😀 s:😀! ] $");

  /* Half a pair is U+FFFD; what follows it is read on its own. */
  assert_tokens ("[\"\\ud83d\"]", "[ s:\xef\xbf\xbd ] $");
  assert_tokens ("[\"\\ud83dx\"]", "[ s:\xef\xbf\xbdx ] $");
  assert_tokens ("[\"\\ude00\\ud83d\"]", "[ s:\xef\xbf\xbd\xef\xbf\xbd ] $");
  assert_tokens ("[\"\\ud83d\\u0041\"]", "[ s:\xef\xbf\xbd" "A ] $");
  assert_tokens ("[\"\\ud83d\\ud83d\\ude00\"]", "[ s:\xef\xbf\xbd😀 ] $");
  assert_tokens ("[\"\\ud83d\\n\"]", "[ s:\xef\xbf\xbd\\x0a ] $");
  assert_fails ("[\"\\ud83d\\uXYZW\"]", -1, TEND_IMPORT_ERROR_INVALID, "four hexadecimal digits");
}

static void
test_numbers (void)
{
  assert_tokens ("[9223372036854775807, -9223372036854775808, -0, 1700000000000]",
                 "[ n:9223372036854775807=9223372036854775807 n:-9223372036854775808=-9223372036854775808 "
                 "n:-0=0 n:1700000000000=1700000000000 ] $");

  /* Beyond 64 bits: a number still, but not a whole one to read. */
  assert_tokens ("[9223372036854775808, -9223372036854775809, 99999999999999999999]",
                 "[ n:9223372036854775808~9.22337e+18 n:-9223372036854775809~-9.22337e+18 "
                 "n:99999999999999999999~1e+20 ] $");

  assert_tokens ("[1.5, -0.25e+2, 1E3, 2e-1, 1e400]",
                 "[ n:1.5~1.5 n:-0.25e+2~-25 n:1E3~1000 n:2e-1~0.2 n:1e400~inf ] $");

  assert_fails ("[01]", -1, TEND_IMPORT_ERROR_INVALID, "“,” or “]” missing");
  assert_fails ("[-]", -1, TEND_IMPORT_ERROR_INVALID, "digit missing");
  assert_fails ("[1.]", -1, TEND_IMPORT_ERROR_INVALID, "digit missing");
  assert_fails ("[1e+]", -1, TEND_IMPORT_ERROR_INVALID, "digit missing");
  assert_fails ("[.5]", -1, TEND_IMPORT_ERROR_INVALID, "a value is missing");
  assert_fails ("[+1]", -1, TEND_IMPORT_ERROR_INVALID, "a value is missing");
  assert_fails ("[0x10]", -1, TEND_IMPORT_ERROR_INVALID, "“,” or “]” missing");
  assert_fails ("[- 1]", -1, TEND_IMPORT_ERROR_INVALID, "digit missing");
}

static void
test_syntax (void)
{
  /* What other readers let through. */
  assert_fails ("[1, 2,]", -1, TEND_IMPORT_ERROR_INVALID, "a value is missing");
  assert_fails ("{\"a\": 1,}", -1, TEND_IMPORT_ERROR_INVALID, "member name");
  assert_fails ("{'a': 1}", -1, TEND_IMPORT_ERROR_INVALID, "member name");
  assert_fails ("{a: 1}", -1, TEND_IMPORT_ERROR_INVALID, "member name");
  assert_fails ("{\"a\" 1}", -1, TEND_IMPORT_ERROR_INVALID, "“:” missing");
  assert_fails ("{\"a\": 1 \"b\": 2}", -1, TEND_IMPORT_ERROR_INVALID, "“,” or “}” missing");
  assert_fails ("[1 2]", -1, TEND_IMPORT_ERROR_INVALID, "“,” or “]” missing");
  assert_fails ("[1}", -1, TEND_IMPORT_ERROR_INVALID, "“,” or “]” missing");
  assert_fails ("{\"a\": 1]", -1, TEND_IMPORT_ERROR_INVALID, "“,” or “}” missing");
  assert_fails ("/* comment */ {}", -1, TEND_IMPORT_ERROR_INVALID, "a value is missing");
  assert_fails ("var x = {}", -1, TEND_IMPORT_ERROR_INVALID, "a value is missing");
  assert_fails ("{} {}", -1, TEND_IMPORT_ERROR_INVALID, "more after the end");
  assert_fails ("[tru]", -1, TEND_IMPORT_ERROR_INVALID, "true, false or null");
  assert_fails ("[True]", -1, TEND_IMPORT_ERROR_INVALID, "a value is missing");
  assert_fails ("[nul]", -1, TEND_IMPORT_ERROR_INVALID, "true, false or null");
  assert_fails ("[truex]", -1, TEND_IMPORT_ERROR_INVALID, "“,” or “]” missing");
  assert_fails ("]", -1, TEND_IMPORT_ERROR_INVALID, "a value is missing");

  /* The error names the line and the byte in it. */
  assert_fails ("{\n  \"a\": [1,\n  2,,]\n}", -1, TEND_IMPORT_ERROR_INVALID, "line 3, position 5:");
}

static void
test_truncated (void)
{
  const char *text = "\xef\xbb\xbf{\"a\": [1, -2.5e+3, \"x\\u00e9\\ud83d\\ude00\\n\", true, false, null],"
                     " \"b\": {\"c\": {}}, \"d\": \"Zoë\"}";
  gsize len = strlen (text);

  /* Every cut but none and the whole is an error, never an end. */
  for (gsize cut = 4; cut < len; cut++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *tokens = scan_len (text, cut, 0, &error);

      g_test_message ("%" G_GSIZE_FORMAT ": %s", cut, tokens);
      g_assert_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID);
      g_assert_true (strstr (error->message, "cut short") != NULL ||
                     strstr (error->message, "UTF-8") != NULL);
    }

  assert_fails ("{\"a\": \"unterminated", -1, TEND_IMPORT_ERROR_INVALID, "line 1, position 20: the file ends");
  assert_fails ("[tr", -1, TEND_IMPORT_ERROR_INVALID, "cut short");
  assert_fails ("{\"a\"", -1, TEND_IMPORT_ERROR_INVALID, "cut short");
}

static void
test_invalid_utf8 (void)
{
  const char *cases[] = {
    "[\"\xff\"]",                 /* never in UTF-8 */
    "[\"\x80\"]",                 /* a continuation alone */
    "[\"\xc0\x80\"]",             /* overlong NUL */
    "[\"\xe0\x80\xaf\"]",         /* overlong '/' */
    "[\"\xed\xa0\x80\"]",         /* a surrogate */
    "[\"\xf4\x90\x80\x80\"]",     /* beyond U+10FFFF */
    "[\"\xc3\"]",                 /* cut: the quote is no continuation */
    "[\"ab\xe7\xbe\"]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_fails (cases[i], -1, TEND_IMPORT_ERROR_INVALID, "not valid UTF-8, so the file is damaged");

  /* Member names, and values being skipped, are checked too. */
  assert_fails ("{\"\xff\": 1}", -1, TEND_IMPORT_ERROR_INVALID, "line 1, position 3: the text is not valid UTF-8");
  {
    g_autoptr(GInputStream) stream = stream_for ("{\"a\": [\"\xff\"]}", 12, FALSE);
    g_autoptr(TendJsonScanner) scanner = tend_json_scanner_new (stream);
    g_autoptr(GError) error = NULL;

    g_assert_cmpint (tend_json_scanner_next (scanner, NULL, &error), ==, TEND_JSON_TOKEN_BEGIN_OBJECT);
    g_assert_cmpint (tend_json_scanner_next (scanner, NULL, &error), ==, TEND_JSON_TOKEN_MEMBER);
    g_assert_false (tend_json_scanner_skip_value (scanner, NULL, &error));
    g_assert_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "UTF-8"));
  }
}

static void
test_depth (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *tokens = NULL;

  for (guint i = 0; i < TEND_IMPORT_JSON_MAX_DEPTH; i++)
    {
      g_string_append (deep, i % 2 ? "[" : "{\"a\":");
      g_string_append (expected, i % 2 ? "[ " : "{ m:a ");
    }
  g_string_append (deep, "1");
  g_string_append (expected, "n:1=1");
  for (guint i = TEND_IMPORT_JSON_MAX_DEPTH; i > 0; i--)
    {
      g_string_append (deep, (i - 1) % 2 ? "]" : "}");
      g_string_append (expected, (i - 1) % 2 ? " ]" : " }");
    }
  g_string_append (expected, " $");
  assert_tokens (deep->str, expected->str);

  /* One more level is refused where it opens, skipped or not. */
  g_string_truncate (deep, 0);
  for (guint i = 0; i <= TEND_IMPORT_JSON_MAX_DEPTH; i++)
    g_string_append_c (deep, '[');
  tokens = scan_len (deep->str, -1, 0, &error);
  g_assert_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_SUSPICIOUS);
  g_assert_nonnull (strstr (error->message, "line 1, position 65: the data is nested more than 64 levels"));
  g_clear_error (&error);

  {
    g_autoptr(GInputStream) stream = stream_for (deep->str, deep->len, FALSE);
    g_autoptr(TendJsonScanner) scanner = tend_json_scanner_new (stream);

    g_assert_cmpint (tend_json_scanner_next (scanner, NULL, &error), ==, TEND_JSON_TOKEN_BEGIN_ARRAY);
    g_assert_false (tend_json_scanner_skip_value (scanner, NULL, &error));
    g_assert_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_SUSPICIOUS);
  }
}

static void
test_long_string (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tokens = NULL;

  tokens = scan_len ("[\"12345678\", \"\\u00e9\\u00e9\\u00e9\\u00e9\", 1234567.]", -1, 8, &error);
  g_assert_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID);
  g_assert_cmpstr (tokens, ==, "[ s:12345678 s:éééé !1");
  g_clear_error (&error);
  g_clear_pointer (&tokens, g_free);

  tokens = scan_len ("[\"123456789\"]", -1, 8, &error);
  g_assert_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "line 1, position 2: a text is longer than 8 bytes"));
  g_clear_error (&error);
  g_clear_pointer (&tokens, g_free);

  /* Escapes count as what they stand for; numbers and names count too. */
  tokens = scan_len ("[\"\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\"]", -1, 8, &error);
  g_assert_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_TOO_LARGE);
  g_clear_error (&error);
  g_clear_pointer (&tokens, g_free);
  tokens = scan_len ("[123456789]", -1, 8, &error);
  g_assert_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_TOO_LARGE);
  g_clear_error (&error);
  g_clear_pointer (&tokens, g_free);
  tokens = scan_len ("{\"123456789\": 1}", -1, 8, &error);
  g_assert_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* What is skipped is not kept, so not limited. */
  {
    g_autoptr(GInputStream) stream = stream_for ("{\"a\": \"123456789\", \"b\": 1}", 26, TRUE);
    g_autoptr(TendJsonScanner) scanner = tend_json_scanner_new (stream);

    tend_json_scanner_set_max_string (scanner, 8);
    g_assert_cmpint (tend_json_scanner_next (scanner, NULL, &error), ==, TEND_JSON_TOKEN_BEGIN_OBJECT);
    g_assert_cmpint (tend_json_scanner_next (scanner, NULL, &error), ==, TEND_JSON_TOKEN_MEMBER);
    g_assert_true (tend_json_scanner_skip_value (scanner, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (tend_json_scanner_next (scanner, NULL, &error), ==, TEND_JSON_TOKEN_MEMBER);
    g_assert_cmpstr (tend_json_scanner_get_string (scanner, NULL), ==, "b");
  }
}

/* Skips the value after each member called "skip", and the rest of
 * each object or array that begins right after one called "rest". */
static char *
read_skipping (const char *text,
               gboolean    trickle)
{
  g_autoptr(GInputStream) stream = stream_for (text, strlen (text), trickle);
  g_autoptr(TendJsonScanner) scanner = tend_json_scanner_new (stream);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  gboolean rest = FALSE;

  while (TRUE)
    {
      TendJsonToken token = tend_json_scanner_next (scanner, NULL, &error);
      const char *name = tend_json_scanner_get_string (scanner, NULL);

      g_assert_no_error (error);
      if (token == TEND_JSON_TOKEN_END)
        break;

      g_string_append_printf (out, "%d%s ", token, name);
      if (token == TEND_JSON_TOKEN_MEMBER && g_str_equal (name, "skip"))
        {
          g_assert_true (tend_json_scanner_skip_value (scanner, NULL, &error));
          g_assert_no_error (error);
          g_string_append (out, "- ");
        }
      else if (rest && token != TEND_JSON_TOKEN_MEMBER)
        {
          g_assert_true (tend_json_scanner_skip_value (scanner, NULL, &error));
          g_assert_no_error (error);
          g_string_append (out, "- ");
        }
      rest = token == TEND_JSON_TOKEN_MEMBER && g_str_equal (name, "rest");
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_skip_value (void)
{
  const char *text = "{\"skip\": {\"a\": [1, {\"]\": \"}\\\"]\"}, [[]]], \"b\": null},"
                     " \"keep\": 1,"
                     " \"skip\": \"text\","
                     " \"skip\": [],"
                     " \"rest\": [1, [2], {\"c\": 3}],"
                     " \"rest\": 5,"
                     " \"rest\": {\"d\": {\"e\": []}, \"f\": \"g\"},"
                     " \"last\": true}";
  g_autofree char *skipped = read_skipping (text, FALSE);
  g_autofree char *trickled = read_skipping (text, TRUE);
  g_autofree char *expected = g_strdup_printf ("%d %dskip - %dkeep %d1 %dskip - %dskip - "
                                               "%drest %d - %drest %d5 - %drest %d - "
                                               "%dlast %d %d ",
                                               TEND_JSON_TOKEN_BEGIN_OBJECT,
                                               TEND_JSON_TOKEN_MEMBER, TEND_JSON_TOKEN_MEMBER,
                                               TEND_JSON_TOKEN_NUMBER, TEND_JSON_TOKEN_MEMBER,
                                               TEND_JSON_TOKEN_MEMBER,
                                               TEND_JSON_TOKEN_MEMBER, TEND_JSON_TOKEN_BEGIN_ARRAY,
                                               TEND_JSON_TOKEN_MEMBER, TEND_JSON_TOKEN_NUMBER,
                                               TEND_JSON_TOKEN_MEMBER, TEND_JSON_TOKEN_BEGIN_OBJECT,
                                               TEND_JSON_TOKEN_MEMBER, TEND_JSON_TOKEN_TRUE,
                                               TEND_JSON_TOKEN_END_OBJECT);

  g_assert_cmpstr (skipped, ==, expected);
  g_assert_cmpstr (trickled, ==, expected);

  /* Bad JSON inside a skipped value is still an error. */
  {
    g_autoptr(GInputStream) stream = stream_for ("{\"a\": [1, 2,]}", 14, FALSE);
    g_autoptr(TendJsonScanner) scanner = tend_json_scanner_new (stream);
    g_autoptr(GError) error = NULL;

    g_assert_cmpint (tend_json_scanner_next (scanner, NULL, &error), ==, TEND_JSON_TOKEN_BEGIN_OBJECT);
    g_assert_cmpint (tend_json_scanner_next (scanner, NULL, &error), ==, TEND_JSON_TOKEN_MEMBER);
    g_assert_false (tend_json_scanner_skip_value (scanner, NULL, &error));
    g_assert_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID);
  }
}

/* Far more than the scanner's buffer holds, so that reading it whole
 * from memory also crosses buffer ends in the middle of everything. */
static void
test_large (void)
{
  g_autoptr(GString) text = g_string_new ("[");
  g_autoptr(GString) expected = g_string_new ("[");
  g_autoptr(GError) error = NULL;
  g_autofree char *tokens = NULL;
  g_autofree char *long_text = g_strnfill (70000, 'x');

  for (guint i = 0; i < 5000; i++)
    {
      g_string_append_printf (text, "%s{\"n\": %u, \"s\": \"Zoë \\u00c3\\u00a9 \\ud83d\\ude00 美\"}",
                              i > 0 ? ",\n" : "", i);
      g_string_append_printf (expected, " { m:n n:%u=%u m:s s:Zoë Ã© 😀 美 }", i, i);
    }
  g_string_append_printf (text, ", \"%s\"]", long_text);
  g_string_append_printf (expected, " s:%s ] $", long_text);

  tokens = scan_len (text->str, text->len, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tokens, ==, expected->str);
}

static void
test_cancelled (void)
{
  g_autoptr(GInputStream) stream = stream_for ("[1]", 3, FALSE);
  g_autoptr(TendJsonScanner) scanner = tend_json_scanner_new (stream);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_cmpint (tend_json_scanner_next (scanner, cancellable, &error), ==, TEND_JSON_TOKEN_ERROR);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/json-scanner/tokens", test_tokens);
  g_test_add_func ("/json-scanner/escapes", test_escapes);
  g_test_add_func ("/json-scanner/surrogates", test_surrogates);
  g_test_add_func ("/json-scanner/numbers", test_numbers);
  g_test_add_func ("/json-scanner/syntax", test_syntax);
  g_test_add_func ("/json-scanner/truncated", test_truncated);
  g_test_add_func ("/json-scanner/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/json-scanner/depth", test_depth);
  g_test_add_func ("/json-scanner/long-string", test_long_string);
  g_test_add_func ("/json-scanner/skip-value", test_skip_value);
  g_test_add_func ("/json-scanner/large", test_large);
  g_test_add_func ("/json-scanner/cancelled", test_cancelled);

  return g_test_run ();
}
