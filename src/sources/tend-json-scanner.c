/* tend-json-scanner.c: JSON tokens pulled from a stream, with hard limits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads RFC 8259 JSON one token at a time through a fixed buffer, so
 * that an export is never held whole in memory, and builds no tree:
 * the caller keeps what it needs and skips the rest with
 * tend_json_scanner_skip_value(), which stores nothing.
 *
 * Strict: no comments, trailing commas, single quotes, leading zeros,
 * control characters inside strings or text after the value; a leading
 * UTF-8 byte order mark is allowed. Strings must be valid UTF-8. A
 * \uXXXX escape naming half of a surrogate pair without the other half
 * reads as U+FFFD, as RFC 8259 leaves such strings to the reader. An
 * escaped U+0000 is kept, so a string's length may go past a NUL.
 *
 * Limits, each a clear error: nesting deeper than
 * TEND_IMPORT_JSON_MAX_DEPTH, and a string, member name or number
 * longer than the maximum string length (strings that are skipped are
 * not kept, so not limited). Errors name the line and the position in
 * it, in bytes from 1.
 */
#define G_LOG_DOMAIN "tend-json-scanner"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tend-import-json.h"
#include "tend-importer.h"
#include "tend-json-scanner.h"

#define BUFFER_SIZE (64 * 1024)

/* Which container each level is, one bit per level. */
G_STATIC_ASSERT (TEND_IMPORT_JSON_MAX_DEPTH <= 64);

typedef enum {
  EXPECT_VALUE,           /* the text's value, or after ':' or ',' in an array */
  EXPECT_VALUE_OR_END,    /* after '[' */
  EXPECT_MEMBER,          /* after ',' in an object */
  EXPECT_MEMBER_OR_END,   /* after '{' */
  EXPECT_COMMA_OR_END,    /* after a value inside an array or object */
  EXPECT_END_OF_TEXT,     /* after the text's value */
} Expect;

struct _TendJsonScanner
{
  GObject parent_instance;

  /* owned */
  GInputStream *stream;
  guint8       *buffer;
  GString      *text;         /* the last string, member name or number */

  /* borrowed, for the length of one call */
  GCancellable *cancellable;

  gsize    pos;
  gsize    len;
  guint64  offset;            /* where buffer[0] is in the stream */
  gboolean at_start;
  gboolean at_eof;

  Expect   expect;
  guint    depth;
  guint64  objects;           /* bit n: level n + 1 is an object */
  gsize    max_string;

  guint    line;              /* from 1 */
  guint64  line_start;        /* where the line starts in the stream */
  guint    token_position;    /* where the token being read starts in the line */

  TendJsonToken token;        /* the last one read */
  gboolean      has_int;      /* the last number is whole and fits */
  gint64        int_value;
};

G_DEFINE_FINAL_TYPE (TendJsonScanner, tend_json_scanner, G_TYPE_OBJECT)

static void
tend_json_scanner_finalize (GObject *object)
{
  TendJsonScanner *self = (TendJsonScanner *)object;

  g_clear_object (&self->stream);
  g_free (self->buffer);
  g_string_free (self->text, TRUE);

  G_OBJECT_CLASS (tend_json_scanner_parent_class)->finalize (object);
}

static void
tend_json_scanner_class_init (TendJsonScannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tend_json_scanner_finalize;
}

static void
tend_json_scanner_init (TendJsonScanner *self)
{
  self->buffer = g_malloc (BUFFER_SIZE);
  self->text = g_string_new (NULL);
  self->at_start = TRUE;
  self->expect = EXPECT_VALUE;
  self->max_string = TEND_JSON_SCANNER_MAX_STRING;
  self->line = 1;
  self->token = TEND_JSON_TOKEN_END;
}

TendJsonScanner *
tend_json_scanner_new (GInputStream *stream)
{
  TendJsonScanner *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  self = g_object_new (TEND_TYPE_JSON_SCANNER, NULL);
  self->stream = g_object_ref (stream);
  return self;
}

void
tend_json_scanner_set_max_string (TendJsonScanner *self,
                                  gsize            max_string)
{
  g_return_if_fail (TEND_IS_JSON_SCANNER (self));

  self->max_string = max_string;
}

static guint
get_position (TendJsonScanner *self)
{
  return (guint) MIN (self->offset + self->pos - self->line_start + 1, G_MAXUINT);
}

static void
set_syntax_error (TendJsonScanner  *self,
                  GError          **error,
                  const char       *what)
{
  g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID,
               _("line %u, position %u: the file is not valid JSON (%s). Download the "
                 "export again"),
               self->line, get_position (self), what);
}

static void
set_truncated_error (TendJsonScanner  *self,
                     GError          **error)
{
  g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID,
               _("line %u, position %u: the file ends in the middle of the data, so it "
                 "was cut short. Download the export again"),
               self->line, get_position (self));
}

static void
set_utf8_error (TendJsonScanner  *self,
                GError          **error)
{
  g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID,
               _("line %u, position %u: the text is not valid UTF-8, so the file is "
                 "damaged. Download the export again"),
               self->line, get_position (self));
}

static gboolean
refill (TendJsonScanner  *self,
        gsize             wanted,
        GError          **error)
{
  if (self->pos > 0)
    {
      memmove (self->buffer, self->buffer + self->pos, self->len - self->pos);
      self->offset += self->pos;
      self->len -= self->pos;
      self->pos = 0;
    }

  while (self->len < wanted && !self->at_eof)
    {
      gssize n_read;

      /* Not every stream looks: a memory stream never does. */
      if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
        return FALSE;

      n_read = g_input_stream_read (self->stream, self->buffer + self->len,
                                    BUFFER_SIZE - self->len, self->cancellable, error);
      if (n_read < 0)
        return FALSE;
      if (n_read == 0)
        self->at_eof = TRUE;
      self->len += n_read;
    }

  return TRUE;
}

/* Makes @wanted bytes available from pos on, unless the stream ends
 * first; what is left of the buffer moves to its start. */
static inline gboolean
fill (TendJsonScanner  *self,
      gsize             wanted,
      GError          **error)
{
  if (G_LIKELY (self->len - self->pos >= wanted) || self->at_eof)
    return TRUE;

  return refill (self, wanted, error);
}

static gboolean
skip_space (TendJsonScanner  *self,
            GError          **error)
{
  while (TRUE)
    {
      guint8 c;

      if (self->pos == self->len)
        {
          if (!fill (self, 1, error))
            return FALSE;
          if (self->pos == self->len)
            return TRUE;
        }

      c = self->buffer[self->pos];
      if (c == '\n')
        {
          self->line++;
          self->line_start = self->offset + self->pos + 1;
        }
      else if (c != ' ' && c != '\t' && c != '\r')
        {
          return TRUE;
        }
      self->pos++;
    }
}

/* The length of the well-formed UTF-8 sequence at @p (Unicode table
 * 3-7), 0 when @avail bytes do not tell yet, -1 when it is malformed. */
static int
utf8_sequence (const guint8 *p,
               gsize         avail)
{
  guint8 lo = 0x80;
  guint8 hi = 0xbf;
  int n;

  if (p[0] < 0x80)
    return 1;
  else if (p[0] < 0xc2)
    return -1;
  else if (p[0] < 0xe0)
    n = 2;
  else if (p[0] < 0xf0)
    {
      n = 3;
      if (p[0] == 0xe0)
        lo = 0xa0;
      else if (p[0] == 0xed)
        hi = 0x9f;
    }
  else if (p[0] < 0xf5)
    {
      n = 4;
      if (p[0] == 0xf0)
        lo = 0x90;
      else if (p[0] == 0xf4)
        hi = 0x8f;
    }
  else
    return -1;

  for (int i = 1; i < n; i++)
    {
      if ((gsize) i >= avail)
        return 0;
      if (p[i] < lo || p[i] > hi)
        return -1;
      lo = 0x80;
      hi = 0xbf;
    }

  return n;
}

static gboolean
keep_text (TendJsonScanner  *self,
           const char       *text,
           gsize             len,
           GError          **error)
{
  GString *kept = self->text;

  /* g_string_append_len() took a tenth of reading a Messenger file. */
  if (G_LIKELY (kept->len + len < kept->allocated_len))
    {
      memcpy (kept->str + kept->len, text, len);
      kept->len += len;
      kept->str[kept->len] = '\0';
    }
  else
    g_string_append_len (kept, text, len);

  if (kept->len > self->max_string)
    {
      /* No token spans lines: only space does. */
      g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_TOO_LARGE,
                   _("line %u, position %u: a text is longer than %" G_GSIZE_FORMAT " bytes, "
                     "which no export has. The file is damaged or is not an export"),
                   self->line, self->token_position, self->max_string);
      return FALSE;
    }

  return TRUE;
}

static int
hex4 (const guint8 *p)
{
  int value = 0;

  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }

  return value;
}

/* At a backslash inside a string. */
static gboolean
scan_escape (TendJsonScanner  *self,
             gboolean          keep,
             GError          **error)
{
  static const char escapes[][2] = {
    { '"', '"' }, { '\\', '\\' }, { '/', '/' }, { 'b', '\b' },
    { 'f', '\f' }, { 'n', '\n' }, { 'r', '\r' }, { 't', '\t' },
  };
  gunichar u;
  int low;
  char utf8[6];

  if (!fill (self, 6, error))
    return FALSE;
  if (self->len - self->pos < 2)
    {
      set_truncated_error (self, error);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (escapes); i++)
    if (self->buffer[self->pos + 1] == escapes[i][0])
      {
        self->pos += 2;
        return !keep || keep_text (self, &escapes[i][1], 1, error);
      }

  if (self->buffer[self->pos + 1] != 'u')
    {
      set_syntax_error (self, error, _("“\\” followed by something that is no escape"));
      return FALSE;
    }

  if (self->len - self->pos < 6)
    {
      set_truncated_error (self, error);
      return FALSE;
    }
  u = hex4 (self->buffer + self->pos + 2);
  if (u == (gunichar) -1)
    {
      set_syntax_error (self, error, _("“\\u” not followed by four hexadecimal digits"));
      return FALSE;
    }
  self->pos += 6;

  if (u >= 0xd800 && u <= 0xdbff)
    {
      /* The other half must follow at once; a bad escape after it is
       * left to be read, and refused, on its own. */
      if (!fill (self, 6, error))
        return FALSE;
      if (self->len - self->pos >= 6 &&
          self->buffer[self->pos] == '\\' && self->buffer[self->pos + 1] == 'u' &&
          (low = hex4 (self->buffer + self->pos + 2)) >= 0xdc00 && low <= 0xdfff)
        {
          u = 0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00);
          self->pos += 6;
        }
      else
        u = 0xfffd;
    }
  else if (u >= 0xdc00 && u <= 0xdfff)
    u = 0xfffd;

  return !keep || keep_text (self, utf8, g_unichar_to_utf8 (u, utf8), error);
}

/* After the opening quote, up to and with the closing one. */
static gboolean
scan_string (TendJsonScanner  *self,
             gboolean          keep,
             GError          **error)
{
  if (keep)
    g_string_truncate (self->text, 0);

  while (TRUE)
    {
      gsize start = self->pos;
      gsize end = self->pos;
      guint8 c;
      int n;

      /* The run of plain text: whole UTF-8 sequences, no quote,
       * backslash or control character. */
      while (end < self->len)
        {
          c = self->buffer[end];
          if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\')
            end++;
          else if (c >= 0x80 && (n = utf8_sequence (self->buffer + end, self->len - end)) > 0)
            end += n;
          else
            break;
        }

      if (keep && end > start &&
          !keep_text (self, (const char *) self->buffer + start, end - start, error))
        return FALSE;
      self->pos = end;

      /* A character cut by the end of the buffer, or a bad one. */
      if (!fill (self, 4, error))
        return FALSE;
      if (self->pos == self->len)
        {
          set_truncated_error (self, error);
          return FALSE;
        }

      c = self->buffer[self->pos];
      if (c == '"')
        {
          self->pos++;
          return TRUE;
        }
      else if (c == '\\')
        {
          if (!scan_escape (self, keep, error))
            return FALSE;
        }
      else if (c < 0x20)
        {
          set_syntax_error (self, error, _("a line break or control character inside quotes"));
          return FALSE;
        }
      else if ((n = utf8_sequence (self->buffer + self->pos, self->len - self->pos)) < 0)
        {
          set_utf8_error (self, error);
          return FALSE;
        }
      else if (n == 0)
        {
          set_truncated_error (self, error);
          return FALSE;
        }
    }
}

/* Sets @out_c to the next byte, or -1 at the end of the stream. */
static gboolean
peek (TendJsonScanner  *self,
      int              *out_c,
      GError          **error)
{
  if (!fill (self, 1, error))
    return FALSE;

  *out_c = self->pos < self->len ? self->buffer[self->pos] : -1;
  return TRUE;
}

/* Takes a run of digits, at least one. */
static gboolean
scan_digits (TendJsonScanner  *self,
             gboolean          keep,
             GError          **error)
{
  gboolean any = FALSE;
  int c;

  while (TRUE)
    {
      gsize end = self->pos;

      while (end < self->len && g_ascii_isdigit (self->buffer[end]))
        end++;
      if (keep && !keep_text (self, (const char *) self->buffer + self->pos, end - self->pos, error))
        return FALSE;
      any |= end > self->pos;
      self->pos = end;

      if (!peek (self, &c, error))
        return FALSE;
      if (!g_ascii_isdigit (c))
        break;
    }

  if (any)
    return TRUE;

  if (c < 0)
    set_truncated_error (self, error);
  else
    set_syntax_error (self, error, _("a number with a digit missing"));
  return FALSE;
}

/* A whole number as the scanner took it, without strtoll()'s cost:
 * %FALSE when it does not fit. */
static gboolean
parse_int (const char *text,
           gint64     *out_value)
{
  gboolean negative = text[0] == '-';
  guint64 limit = negative ? (guint64) G_MAXINT64 + 1 : (guint64) G_MAXINT64;
  guint64 value = 0;

  for (const char *p = text + negative; *p != '\0'; p++)
    {
      guint digit = *p - '0';

      if (value > (limit - digit) / 10)
        return FALSE;
      value = value * 10 + digit;
    }

  *out_value = negative ? -(gint64) (value - 1) - 1 : (gint64) value;
  return TRUE;
}

/* -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? */
static gboolean
scan_number (TendJsonScanner  *self,
             gboolean          keep,
             GError          **error)
{
  gboolean whole = TRUE;
  int c;

  if (keep)
    g_string_truncate (self->text, 0);

  if (!peek (self, &c, error))
    return FALSE;
  if (c == '-')
    {
      if (keep && !keep_text (self, "-", 1, error))
        return FALSE;
      self->pos++;
      if (!peek (self, &c, error))
        return FALSE;
    }

  if (c == '0')
    {
      if (keep && !keep_text (self, "0", 1, error))
        return FALSE;
      self->pos++;
    }
  else if (!scan_digits (self, keep, error))
    return FALSE;

  if (!peek (self, &c, error))
    return FALSE;
  if (c == '.')
    {
      whole = FALSE;
      if (keep && !keep_text (self, ".", 1, error))
        return FALSE;
      self->pos++;
      if (!scan_digits (self, keep, error) || !peek (self, &c, error))
        return FALSE;
    }

  if (c == 'e' || c == 'E')
    {
      whole = FALSE;
      if (keep && !keep_text (self, (const char *) self->buffer + self->pos, 1, error))
        return FALSE;
      self->pos++;
      if (!peek (self, &c, error))
        return FALSE;
      if (c == '+' || c == '-')
        {
          if (keep && !keep_text (self, (const char *) self->buffer + self->pos, 1, error))
            return FALSE;
          self->pos++;
        }
      if (!scan_digits (self, keep, error))
        return FALSE;
    }

  self->has_int = keep && whole && parse_int (self->text->str, &self->int_value);
  return TRUE;
}

static gboolean
scan_word (TendJsonScanner  *self,
           const char       *word,
           GError          **error)
{
  gsize len = strlen (word);
  gsize avail;

  if (!fill (self, len, error))
    return FALSE;

  avail = MIN (self->len - self->pos, len);
  if (memcmp (self->buffer + self->pos, word, avail) != 0)
    {
      set_syntax_error (self, error, _("a word other than true, false or null"));
      return FALSE;
    }
  if (avail < len)
    {
      self->pos += avail;
      set_truncated_error (self, error);
      return FALSE;
    }

  self->pos += len;
  return TRUE;
}

static void
after_value (TendJsonScanner *self)
{
  self->expect = self->depth == 0 ? EXPECT_END_OF_TEXT : EXPECT_COMMA_OR_END;
}

static gboolean
top_is_object (TendJsonScanner *self)
{
  return (self->objects >> (self->depth - 1)) & 1;
}

static TendJsonToken
open_container (TendJsonScanner  *self,
                gboolean          object,
                GError          **error)
{
  guint64 bit;

  if (self->depth >= TEND_IMPORT_JSON_MAX_DEPTH)
    {
      g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_SUSPICIOUS,
                   _("line %u, position %u: the data is nested more than %u levels "
                     "deep, which no export is"),
                   self->line, get_position (self), TEND_IMPORT_JSON_MAX_DEPTH);
      return TEND_JSON_TOKEN_ERROR;
    }

  bit = G_GUINT64_CONSTANT (1) << self->depth;
  self->objects = object ? self->objects | bit : self->objects & ~bit;
  self->depth++;
  self->pos++;
  self->expect = object ? EXPECT_MEMBER_OR_END : EXPECT_VALUE_OR_END;

  return object ? TEND_JSON_TOKEN_BEGIN_OBJECT : TEND_JSON_TOKEN_BEGIN_ARRAY;
}

static TendJsonToken
close_container (TendJsonScanner *self)
{
  gboolean object = top_is_object (self);

  self->depth--;
  self->pos++;
  after_value (self);

  return object ? TEND_JSON_TOKEN_END_OBJECT : TEND_JSON_TOKEN_END_ARRAY;
}

static TendJsonToken
scan_value (TendJsonScanner  *self,
            guint8            c,
            gboolean          keep,
            GError          **error)
{
  TendJsonToken token;

  switch (c)
    {
    case '{':
    case '[':
      return open_container (self, c == '{', error);

    case '"':
      self->pos++;
      if (!scan_string (self, keep, error))
        return TEND_JSON_TOKEN_ERROR;
      token = TEND_JSON_TOKEN_STRING;
      break;

    case 't':
      if (!scan_word (self, "true", error))
        return TEND_JSON_TOKEN_ERROR;
      token = TEND_JSON_TOKEN_TRUE;
      break;

    case 'f':
      if (!scan_word (self, "false", error))
        return TEND_JSON_TOKEN_ERROR;
      token = TEND_JSON_TOKEN_FALSE;
      break;

    case 'n':
      if (!scan_word (self, "null", error))
        return TEND_JSON_TOKEN_ERROR;
      token = TEND_JSON_TOKEN_NULL;
      break;

    default:
      if (c != '-' && !g_ascii_isdigit (c))
        {
          set_syntax_error (self, error, _("a value is missing"));
          return TEND_JSON_TOKEN_ERROR;
        }
      if (!scan_number (self, keep, error))
        return TEND_JSON_TOKEN_ERROR;
      token = TEND_JSON_TOKEN_NUMBER;
      break;
    }

  after_value (self);
  return token;
}

/* One token; with @keep unset, strings and numbers are checked only. */
static TendJsonToken
scan (TendJsonScanner  *self,
      gboolean          keep,
      GError          **error)
{
  guint8 c;

  if (self->at_start)
    {
      self->at_start = FALSE;
      if (!fill (self, 3, error))
        return TEND_JSON_TOKEN_ERROR;
      if (self->len >= 3 && memcmp (self->buffer, "\xef\xbb\xbf", 3) == 0)
        self->pos = 3;
    }

  while (TRUE)
    {
      if (!skip_space (self, error))
        return TEND_JSON_TOKEN_ERROR;

      if (self->pos == self->len)
        {
          /* Nothing but space is an empty text, which the caller names. */
          if (self->expect == EXPECT_END_OF_TEXT || (self->expect == EXPECT_VALUE && self->depth == 0))
            return TEND_JSON_TOKEN_END;
          set_truncated_error (self, error);
          return TEND_JSON_TOKEN_ERROR;
        }

      c = self->buffer[self->pos];
      self->token_position = get_position (self);
      switch (self->expect)
        {
        case EXPECT_END_OF_TEXT:
          set_syntax_error (self, error, _("more after the end of the data"));
          return TEND_JSON_TOKEN_ERROR;

        case EXPECT_COMMA_OR_END:
          if (c == ',')
            {
              self->pos++;
              self->expect = top_is_object (self) ? EXPECT_MEMBER : EXPECT_VALUE;
              continue;
            }
          if (c == (top_is_object (self) ? '}' : ']'))
            return close_container (self);
          set_syntax_error (self, error, top_is_object (self) ? _("“,” or “}” missing")
                                                              : _("“,” or “]” missing"));
          return TEND_JSON_TOKEN_ERROR;

        case EXPECT_MEMBER_OR_END:
          if (c == '}')
            return close_container (self);
          G_GNUC_FALLTHROUGH;
        case EXPECT_MEMBER:
          if (c != '"')
            {
              set_syntax_error (self, error, _("a member name in double quotes missing"));
              return TEND_JSON_TOKEN_ERROR;
            }
          self->pos++;
          if (!scan_string (self, keep, error) || !skip_space (self, error))
            return TEND_JSON_TOKEN_ERROR;
          if (self->pos == self->len)
            {
              set_truncated_error (self, error);
              return TEND_JSON_TOKEN_ERROR;
            }
          if (self->buffer[self->pos] != ':')
            {
              set_syntax_error (self, error, _("“:” missing after a member name"));
              return TEND_JSON_TOKEN_ERROR;
            }
          self->pos++;
          self->expect = EXPECT_VALUE;
          return TEND_JSON_TOKEN_MEMBER;

        case EXPECT_VALUE_OR_END:
          if (c == ']')
            return close_container (self);
          G_GNUC_FALLTHROUGH;
        case EXPECT_VALUE:
          return scan_value (self, c, keep, error);

        default:
          g_assert_not_reached ();
        }
    }
}

/**
 * tend_json_scanner_next:
 *
 * Reads the next token. After %TEND_JSON_TOKEN_END it reads the end
 * again; after %TEND_JSON_TOKEN_ERROR the scanner must not be used.
 *
 * Returns: the token, or %TEND_JSON_TOKEN_ERROR with @error set
 */
TendJsonToken
tend_json_scanner_next (TendJsonScanner  *self,
                        GCancellable     *cancellable,
                        GError          **error)
{
  g_return_val_if_fail (TEND_IS_JSON_SCANNER (self), TEND_JSON_TOKEN_ERROR);
  g_return_val_if_fail (self->token != TEND_JSON_TOKEN_ERROR, TEND_JSON_TOKEN_ERROR);

  self->cancellable = cancellable;
  self->token = scan (self, TRUE, error);
  self->cancellable = NULL;

  return self->token;
}

/**
 * tend_json_scanner_skip_value:
 *
 * Skips, checking it but keeping nothing, the value the last token
 * began: after a member name, that member's value; after the beginning
 * of an object or array, the rest of it up to and with its end. After
 * any other token there is nothing to skip.
 *
 * Returns: %FALSE with @error set when the value is not valid JSON
 */
gboolean
tend_json_scanner_skip_value (TendJsonScanner  *self,
                              GCancellable     *cancellable,
                              GError          **error)
{
  TendJsonToken token;

  g_return_val_if_fail (TEND_IS_JSON_SCANNER (self), FALSE);
  g_return_val_if_fail (self->token != TEND_JSON_TOKEN_ERROR, FALSE);

  self->cancellable = cancellable;
  token = self->token;
  if (token == TEND_JSON_TOKEN_MEMBER)
    token = scan (self, FALSE, error);

  if (token == TEND_JSON_TOKEN_BEGIN_OBJECT || token == TEND_JSON_TOKEN_BEGIN_ARRAY)
    {
      guint depth = self->depth - 1;

      while (token != TEND_JSON_TOKEN_ERROR && self->depth > depth)
        token = scan (self, FALSE, error);
    }
  self->cancellable = NULL;

  /* Nothing of what was skipped can be read back. */
  g_string_truncate (self->text, 0);
  self->has_int = FALSE;
  self->token = token;

  return token != TEND_JSON_TOKEN_ERROR;
}

/**
 * tend_json_scanner_get_string:
 * @out_length: (out) (optional): its length in bytes, which may go past
 *   an escaped NUL
 *
 * Returns: the text of the last string, member name or number, valid
 *   until the next call; "" after any other token
 */
const char *
tend_json_scanner_get_string (TendJsonScanner *self,
                              gsize           *out_length)
{
  g_return_val_if_fail (TEND_IS_JSON_SCANNER (self), NULL);

  if (self->token != TEND_JSON_TOKEN_STRING && self->token != TEND_JSON_TOKEN_MEMBER &&
      self->token != TEND_JSON_TOKEN_NUMBER)
    g_string_truncate (self->text, 0);

  if (out_length != NULL)
    *out_length = self->text->len;

  return self->text->str;
}

/**
 * tend_json_scanner_get_int:
 *
 * Returns: %TRUE when the last token is a number without fraction or
 *   exponent that fits in 64 bits, and then sets @out_value
 */
gboolean
tend_json_scanner_get_int (TendJsonScanner *self,
                           gint64          *out_value)
{
  g_return_val_if_fail (TEND_IS_JSON_SCANNER (self), FALSE);
  g_return_val_if_fail (out_value != NULL, FALSE);

  if (self->token != TEND_JSON_TOKEN_NUMBER || !self->has_int)
    return FALSE;

  *out_value = self->int_value;
  return TRUE;
}

/**
 * tend_json_scanner_get_double:
 *
 * Returns: the last number, the nearest double to it (infinite when
 *   beyond the doubles), or 0 when the last token is no number
 */
double
tend_json_scanner_get_double (TendJsonScanner *self)
{
  g_return_val_if_fail (TEND_IS_JSON_SCANNER (self), 0);

  if (self->token != TEND_JSON_TOKEN_NUMBER)
    return 0;

  return g_ascii_strtod (self->text->str, NULL);
}
