/* tend-html-text.c: HTML from a server reduced to plain text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Names and bios arrive as HTML. Tend shows them as text, so tags are
 * dropped (what scripts and styles contain with them), line and
 * paragraph ends become newlines, and entities are decoded. Nothing is
 * ever interpreted as markup afterwards; this only makes the text read
 * as the person wrote it. Control characters and invalid UTF-8 go too.
 */
#define G_LOG_DOMAIN "tend-html-text"

#include "config.h"

#include <string.h>

#include "tend-html-text.h"

static const struct {
  const char *name;
  gunichar    ch;
} named_entities[] = {
  { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' },
  { "apos", '\'' }, { "nbsp", 0x00a0 }, { "hellip", 0x2026 },
  { "mdash", 0x2014 }, { "ndash", 0x2013 }, { "copy", 0x00a9 },
};

/* Longest entity read: "&#x10FFFF;" and the names above fit. */
#define MAX_ENTITY 12

static gboolean
is_allowed_char (gunichar ch)
{
  if (ch == '\n' || ch == '\t')
    return TRUE;

  return ch >= 0x20 && !(ch >= 0x7f && ch < 0xa0) &&
         g_unichar_validate (ch) && ch != 0xfeff;
}

static void
append_char (GString  *out,
             gunichar  ch)
{
  if (ch == '\t' || ch == 0x00a0)
    ch = ' ';

  if (is_allowed_char (ch))
    g_string_append_unichar (out, ch);
}

/* Reads "&…;" at @p; returns the bytes used, 0 when it is no entity. */
static gsize
read_entity (const char *p,
             gunichar   *out_ch)
{
  const char *semicolon;
  gsize len;
  char name[MAX_ENTITY + 1];

  semicolon = memchr (p + 1, ';', strnlen (p + 1, MAX_ENTITY + 1));
  if (semicolon == NULL)
    return 0;

  len = semicolon - (p + 1);
  if (len == 0 || len > MAX_ENTITY)
    return 0;

  memcpy (name, p + 1, len);
  name[len] = '\0';

  if (name[0] == '#')
    {
      gboolean hex = name[1] == 'x' || name[1] == 'X';
      const char *digits = name + (hex ? 2 : 1);
      char *end = NULL;
      guint64 value;

      if (digits[0] == '\0' || !g_ascii_isxdigit (digits[0]))
        return 0;

      value = g_ascii_strtoull (digits, &end, hex ? 16 : 10);
      if (end == NULL || *end != '\0' || value > 0x10ffff)
        return 0;

      *out_ch = (gunichar) value;
      return len + 2;
    }

  for (guint i = 0; i < G_N_ELEMENTS (named_entities); i++)
    {
      if (g_str_equal (name, named_entities[i].name))
        {
          *out_ch = named_entities[i].ch;
          return len + 2;
        }
    }

  return 0;
}

/* The tag's name, lower case, from just after '<' (and a '/'). */
static void
read_tag_name (const char *p,
               char       *name,
               gsize       size)
{
  gsize i = 0;

  while (i + 1 < size && g_ascii_isalnum (p[i]))
    {
      name[i] = g_ascii_tolower (p[i]);
      i++;
    }
  name[i] = '\0';
}

static void
append_newline (GString *out)
{
  /* At most one empty line in a row, none at the start. */
  if (out->len == 0)
    return;
  if (out->len >= 2 && out->str[out->len - 1] == '\n' && out->str[out->len - 2] == '\n')
    return;
  g_string_append_c (out, '\n');
}

/* Skips a tag starting at '<'; returns where the text resumes. */
static const char *
skip_tag (const char *p,
          GString    *out)
{
  gboolean closing = p[1] == '/';
  char name[16];
  const char *end;

  if (g_str_has_prefix (p, "<!--"))
    {
      end = strstr (p + 4, "-->");
      return end != NULL ? end + 3 : p + strlen (p);
    }

  read_tag_name (p + 1 + (closing ? 1 : 0), name, sizeof name);
  end = strchr (p, '>');
  end = end != NULL ? end + 1 : p + strlen (p);

  if (g_str_equal (name, "br") || (closing && g_str_equal (name, "p")))
    append_newline (out);
  if (closing && g_str_equal (name, "p"))
    append_newline (out);

  /* What a script or style holds is not text meant to be read. */
  if (!closing && (g_str_equal (name, "script") || g_str_equal (name, "style")))
    {
      g_autofree char *closer = g_strconcat ("</", name, NULL);
      const char *q = end;

      while (*q != '\0' && g_ascii_strncasecmp (q, closer, strlen (closer)) != 0)
        q++;
      if (*q == '\0')
        return q;
      end = strchr (q, '>');
      return end != NULL ? end + 1 : q + strlen (q);
    }

  return end;
}

/**
 * tend_html_to_text:
 * @html: (nullable): HTML as a server sent it, trusted in nothing
 *
 * Returns: (transfer full) (nullable): plain text, trimmed, at most
 *   %TEND_HTML_TEXT_MAX_CHARS characters, or %NULL when nothing is left
 */
char *
tend_html_to_text (const char *html)
{
  g_autofree char *valid = NULL;
  g_autoptr(GString) out = NULL;
  g_autofree char *text = NULL;
  const char *p;

  if (html == NULL)
    return NULL;

  valid = g_utf8_make_valid (html, -1);
  out = g_string_sized_new (strlen (valid));

  for (p = valid; *p != '\0';)
    {
      gunichar ch;
      gsize used;

      if (*p == '<' && (g_ascii_isalpha (p[1]) || p[1] == '/' || p[1] == '!'))
        {
          p = skip_tag (p, out);
          continue;
        }

      if (*p == '&' && (used = read_entity (p, &ch)) > 0)
        {
          append_char (out, ch);
          p += used;
          continue;
        }

      if (*p == '\r')
        {
          p++;
          continue;
        }

      ch = g_utf8_get_char (p);
      append_char (out, ch);
      p = g_utf8_next_char (p);
    }

  text = g_strstrip (g_string_free (g_steal_pointer (&out), FALSE));
  if (text[0] == '\0')
    return NULL;

  if (g_utf8_strlen (text, -1) > TEND_HTML_TEXT_MAX_CHARS)
    {
      const char *cut = g_utf8_offset_to_pointer (text, TEND_HTML_TEXT_MAX_CHARS);
      g_autofree char *head = g_strndup (text, cut - text);

      return g_strconcat (head, "…", NULL);
    }

  return g_steal_pointer (&text);
}
