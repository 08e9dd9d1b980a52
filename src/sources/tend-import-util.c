/* tend-import-util.c: dates, URLs, names and keys shared by importers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Stable keys, per DESIGN.md, are what lets a re-import change nothing
 * and keeps two people of the same name apart. Each importer picks the
 * best it has, in this order: a profile URL (normalised, "url:…"), an
 * account address or handle ("acct:…"), an e-mail address for contacts
 * ("mailto:…"), else the name with the date connected ("name:…|date"),
 * made unique within one file by tend_import_dedup_key().
 */
#define G_LOG_DOMAIN "tend-import-util"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "tend-import-util.h"
#include "tend-importer.h"

static const char * const month_names[] = {
  "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
};

/* g_ascii_tolower () without a call, for every byte of every URL. */
static inline char
ascii_lower (char c)
{
  return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Where @text starts and how long it is without surrounding white space,
 * as g_strstrip() would leave it. */
static const char *
strip_span (const char *text,
            gsize      *out_len)
{
  gsize len;

  while (g_ascii_isspace (*text))
    text++;

  len = strlen (text);
  while (len > 0 && g_ascii_isspace (text[len - 1]))
    len--;

  *out_len = len;
  return text;
}

static int
parse_month_name (const char *token)
{
  char lower[3];

  for (guint i = 0; i < sizeof lower; i++)
    {
      if (token[i] == '\0')
        return 0;
      lower[i] = ascii_lower (token[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (month_names); i++)
    {
      if (memcmp (lower, month_names[i], sizeof lower) == 0)
        return i + 1;
    }

  /* "Sept" is common; anything longer must spell the month out. */
  return 0;
}

/* Days from 1970-01-01 to a date of the proleptic Gregorian calendar,
 * counted in 400-year eras of 146,097 days. Every row of an export has
 * a date; a GDateTime for each cost more than reading the row. */
static gint64
days_from_civil (int year,
                 int month,
                 int day)
{
  int y = month <= 2 ? year - 1 : year;
  int era = y / 400;
  int year_of_era = y - era * 400;
  int day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;

  return (gint64) era * 146097 + day_of_era - 719468;
}

static gboolean
make_date (int     year,
           int     month,
           int     day,
           gint64 *out_unix)
{
  if (year >= 0 && year < 100)
    year += year < 70 ? 2000 : 1900;

  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1900 || year > 9999 ||
      !g_date_valid_dmy (day, month, year))
    return FALSE;

  *out_unix = days_from_civil (year, month, day) * 86400;
  return TRUE;
}

/* "2023-01-06", "2023-01-06 14:03:12 UTC", "2023-01-06T14:03:12Z" */
static gboolean
parse_iso (const char *text,
           gint64     *out_unix)
{
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GString) iso = NULL;
  int year, month, day;
  char rest[2];

  if (sscanf (text, "%4d-%2d-%2d%1s", &year, &month, &day, rest) == 3)
    return make_date (year, month, day, out_unix);

  iso = g_string_new (text);
  if (iso->len > 10 && iso->str[10] == ' ')
    iso->str[10] = 'T';
  if (g_str_has_suffix (iso->str, " UTC"))
    g_string_truncate (iso, iso->len - 4);
  else if (g_str_has_suffix (iso->str, " GMT"))
    g_string_truncate (iso, iso->len - 4);

  date = g_date_time_new_from_iso8601 (iso->str, NULL);
  if (date == NULL)
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

      date = g_date_time_new_from_iso8601 (iso->str, utc);
    }
  if (date == NULL)
    return FALSE;

  *out_unix = g_date_time_to_unix (date);
  return TRUE;
}

/**
 * tend_import_parse_date:
 * @out_unix: (out): the date at 00:00 UTC (or the instant, when the text
 *   has a time), in Unix seconds
 *
 * Reads the dates exports and spreadsheets write: "06 Jan 2023",
 * "Jan 6, 2023", "6-Jan-23", ISO "2023-01-06" with or without a time,
 * "1/6/23" (month first, as LinkedIn's US exports and spreadsheets
 * re-saving them write it, unless the first number cannot be a month),
 * and "06.01.2023" (day first).
 *
 * Returns: %FALSE when @text is not a date
 */
gboolean
tend_import_parse_date (const char *text,
                        gint64     *out_unix)
{
  g_autofree char *long_copy = NULL;
  char short_copy[64];
  char *copy;
  const char *start;
  gsize len;
  char *tokens[4] = { NULL, };
  guint n_tokens = 0;
  char separator = 0;
  int numbers[3];
  int month = 0;
  int month_index = -1;

  g_return_val_if_fail (out_unix != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  /* Tokens are cut out of a copy; every date fits on the stack. */
  start = strip_span (text, &len);
  if (len == 0)
    return FALSE;
  copy = len < sizeof short_copy ? short_copy : (long_copy = g_malloc (len + 1));
  memcpy (copy, start, len);
  copy[len] = '\0';

  if (g_ascii_isdigit (copy[0]) && g_ascii_isdigit (copy[1]) && g_ascii_isdigit (copy[2]) &&
      g_ascii_isdigit (copy[3]) && copy[4] == '-')
    return parse_iso (copy, out_unix);

  /* Split into at most three words of letters or digits; a time after
   * them ("1/6/23 9:15") is ignored. */
  for (char *p = copy; *p != '\0' && n_tokens < 4;)
    {
      char *start;

      while (*p != '\0' && !g_ascii_isalnum (*p))
        p++;
      if (*p == '\0')
        break;

      start = p;
      if (g_ascii_isdigit (*p))
        while (g_ascii_isdigit (*p))
          p++;
      else
        while (g_ascii_isalpha (*p))
          p++;

      if (*p == ':')
        break;

      tokens[n_tokens++] = start;
      if (n_tokens == 1 && *p != ' ')
        separator = *p;
      if (*p != '\0')
        *p++ = '\0';
    }

  if (n_tokens != 3)
    return FALSE;

  for (guint i = 0; i < 3; i++)
    {
      if (g_ascii_isalpha (tokens[i][0]))
        {
          if (month_index >= 0 || (month = parse_month_name (tokens[i])) == 0)
            return FALSE;
          month_index = i;
          numbers[i] = 0;
        }
      else
        {
          /* A token is digits only: at most four make a number here. */
          numbers[i] = 0;
          for (const char *digit = tokens[i]; *digit != '\0'; digit++)
            {
              if (digit - tokens[i] == 4)
                return FALSE;
              numbers[i] = numbers[i] * 10 + (*digit - '0');
            }
        }
    }

  if (month_index == 0)             /* Jan 6, 2023 */
    return make_date (numbers[2], month, numbers[1], out_unix);
  if (month_index == 1)             /* 06 Jan 2023, 6-Jan-23 */
    return make_date (numbers[2], month, numbers[0], out_unix);
  if (month_index == 2)
    return FALSE;

  if (strlen (tokens[0]) == 4)      /* 2023/01/06 */
    return make_date (numbers[0], numbers[1], numbers[2], out_unix);

  if (separator == '/' && numbers[0] <= 12)
    return make_date (numbers[2], numbers[0], numbers[1], out_unix);

  return make_date (numbers[2], numbers[1], numbers[0], out_unix);
}

/* Plain ASCII is the same in every Unicode normal form, and folds as
 * ASCII does: most names and every URL skip the tables. */
static gboolean
is_ascii (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    if (*p >= 0x80)
      return FALSE;

  return TRUE;
}

/**
 * tend_import_casefold:
 *
 * g_utf8_casefold(), without its tables when @text is plain ASCII.
 *
 * Returns: (transfer full): @text folded for caseless comparison
 */
char *
tend_import_casefold (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  return is_ascii (text) ? g_ascii_strdown (text, -1) : g_utf8_casefold (text, -1);
}

/* Whether NFC leaves @text as it is: true when it has no code point from
 * U+0300 on (no lead byte from 0xCC), since none below that decomposes
 * or combines with what precedes it. Names in Latin scripts pass. */
static gboolean
is_nfc_below_combining (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    if (*p >= 0xcc)
      return FALSE;

  return TRUE;
}

static gboolean
is_simple_host_char (char c)
{
  return g_ascii_isalnum (c) || c == '.' || c == '-';
}

/* Path characters that GUri neither decodes nor refuses. */
static gboolean
is_simple_path_char (char c)
{
  return g_ascii_isalnum (c) || strchr ("/-._~!$&'()*+,;=:@", c) != NULL;
}

/* g_ascii_strncasecmp () for @len bytes of lower-case @lower, inlined:
 * every URL of an export goes through these. */
static inline gboolean
equal_ignoring_case (const char *text,
                     const char *lower,
                     gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (ascii_lower (text[i]) != lower[i])
      return FALSE;

  return TRUE;
}

static gboolean
has_ascii_prefix (const char *text,
                  gsize       len,
                  const char *prefix)
{
  gsize prefix_len = strlen (prefix);

  return len >= prefix_len && equal_ignoring_case (text, prefix, prefix_len);
}

static gboolean
has_ascii_suffix (const char *text,
                  gsize       len,
                  const char *suffix)
{
  gsize suffix_len = strlen (suffix);

  return len >= suffix_len && equal_ignoring_case (text + len - suffix_len, suffix, suffix_len);
}

/* The host as keys spell it: without "www.", and one LinkedIn for all
 * its country subdomains. Returns the part of @host to keep. */
static const char *
bare_host (const char *host,
           gsize      *len,
           gboolean   *is_linkedin)
{
  if (has_ascii_prefix (host, *len, "www."))
    {
      host += 4;
      *len -= 4;
    }

  *is_linkedin = has_ascii_suffix (host, *len, ".linkedin.com") ||
                 (*len == strlen ("linkedin.com") && has_ascii_prefix (host, *len, "linkedin.com"));
  if (*is_linkedin)
    {
      host = "linkedin.com";
      *len = strlen (host);
    }

  return host;
}

/* Returns the byte after the copy. */
static char *
copy_ascii_down (char       *out,
                 const char *text,
                 gsize       len)
{
  for (gsize i = 0; i < len; i++)
    out[i] = ascii_lower (text[i]);

  return out + len;
}

/* @prefix and "host/path" as the GUri path below gives it, for the plain
 * addresses exports are full of (http or https, a host of letters,
 * digits, dots and dashes, a path without escapes or dot segments, no
 * port, query or fragment); NULL for anything else. @url is @len bytes
 * of a longer string. */
static char *
normalize_simple_url (const char *prefix,
                      const char *url,
                      gsize       len)
{
  const char *url_end = url + len;
  const char *host = url;
  const char *host_end;
  const char *path;
  const char *kept_host;
  const char *separator = strstr (url, "://");
  gsize prefix_len = strlen (prefix);
  char *normalized;
  char *end;
  gsize host_len;
  gsize path_len;
  gboolean is_linkedin;

  if (separator != NULL && separator < url_end)
    {
      gsize scheme_len = separator - url;

      if (!((scheme_len == 4 && equal_ignoring_case (url, "http", 4)) ||
            (scheme_len == 5 && equal_ignoring_case (url, "https", 5))))
        return NULL;
      host = separator + 3;
    }

  for (host_end = host; host_end < url_end && *host_end != '/'; host_end++)
    if (!is_simple_host_char (*host_end))
      return NULL;

  if (host_end == host || memchr (host, '.', host_end - host) == NULL)
    return NULL;

  for (path = host_end; path < url_end; path++)
    {
      if (!is_simple_path_char (*path))
        return NULL;
      /* GUri removes "." and ".." segments: leave those to it. */
      if (*path == '.' && path[-1] == '/')
        return NULL;
    }
  path = host_end;

  path_len = url_end - path;
  while (path_len > 0 && path[path_len - 1] == '/')
    path_len--;

  host_len = host_end - host;
  kept_host = bare_host (host, &host_len, &is_linkedin);

  normalized = g_malloc (prefix_len + host_len + path_len + 1);
  end = copy_ascii_down (normalized + prefix_len, kept_host, host_len);
  memcpy (normalized, prefix, prefix_len);
  if (is_linkedin)
    end = copy_ascii_down (end, path, path_len);
  else
    end = (char *) memcpy (end, path, path_len) + path_len;
  *end = '\0';

  return normalized;
}

static char *
normalize_url (const char *prefix,
               const char *url)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *host = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *kept_host;
  const char *start;
  gsize host_len;
  gsize len;
  gboolean is_linkedin;

  if (url == NULL)
    return NULL;

  start = strip_span (url, &len);
  if (len == 0)
    return NULL;

  /* Parsing with GUri took longer than the rest of a row. */
  path = normalize_simple_url (prefix, start, len);
  if (path != NULL)
    return g_steal_pointer (&path);

  trimmed = g_strndup (start, len);
  if (strstr (trimmed, "://") == NULL)
    {
      char *with_scheme = g_strconcat ("https://", trimmed, NULL);

      g_free (trimmed);
      trimmed = with_scheme;
    }

  uri = g_uri_parse (trimmed, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    uri = g_uri_parse (trimmed, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || strchr (g_uri_get_host (uri), '.') == NULL)
    return NULL;

  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") != 0 &&
      g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0)
    return NULL;

  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  host_len = strlen (host);
  kept_host = bare_host (host, &host_len, &is_linkedin);

  if (is_linkedin)
    path = tend_import_casefold (g_uri_get_path (uri));
  else
    path = g_strdup (g_uri_get_path (uri));

  len = strlen (path);
  while (len > 0 && path[len - 1] == '/')
    path[--len] = '\0';

  return g_strdup_printf ("%s%.*s%s", prefix, (int) host_len, kept_host, path);
}

/**
 * tend_import_normalize_url:
 *
 * Profile URLs come with and without "www.", a country subdomain
 * ("de.linkedin.com"), http or https, a trailing slash, tracking query
 * strings and percent-encoding in either case. LinkedIn's profile names
 * are case-insensitive, so they are folded too.
 *
 * Returns: (transfer full) (nullable): "host/path" in one spelling, or
 *   %NULL when @url is not a web address
 */
char *
tend_import_normalize_url (const char *url)
{
  return normalize_url ("", url);
}

/**
 * tend_import_url_key:
 *
 * Returns: (transfer full) (nullable): "url:" and the normalised URL
 */
char *
tend_import_url_key (const char *url)
{
  return normalize_url ("url:", url);
}

static char *
fold_name (const char *name)
{
  g_autofree char *normalized = NULL;
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;

  if (is_ascii (name))
    {
      folded = g_ascii_strdown (name, -1);
    }
  else
    {
      normalized = g_utf8_normalize (name, -1, G_NORMALIZE_NFKC);
      if (normalized == NULL)
        return g_strdup ("");

      folded = g_utf8_casefold (normalized, -1);
    }

  words = g_strsplit_set (folded, " \t\r\n", -1);

  /* One space between words, whatever the export put there. */
  {
    g_autoptr(GString) joined = g_string_new (NULL);

    for (guint i = 0; words[i] != NULL; i++)
      {
        if (words[i][0] == '\0')
          continue;
        if (joined->len > 0)
          g_string_append_c (joined, ' ');
        g_string_append (joined, words[i]);
      }

    return g_string_free (g_steal_pointer (&joined), FALSE);
  }
}

/**
 * tend_import_name_key:
 * @since: the date connected, or 0
 *
 * The last resort, for exports that name people and nothing else.
 *
 * Returns: (transfer full): "name:" with the folded name, "|" and the
 *   ISO date when known
 */
char *
tend_import_name_key (const char *name,
                      gint64      since)
{
  g_autofree char *folded = fold_name (name != NULL ? name : "");
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *day = NULL;

  if (since > 0)
    {
      /* A date past the year 9999 still tells same-name people apart. */
      date = g_date_time_new_from_unix_utc (since);
      day = date != NULL ? g_date_time_format (date, "%Y-%m-%d")
                         : g_strdup_printf ("%" G_GINT64_FORMAT, since);
    }

  return g_strconcat ("name:", folded, "|", day ? day : "", NULL);
}

/**
 * tend_import_email_key:
 *
 * Returns: (transfer full) (nullable): "mailto:" and the address in lower
 *   case, or %NULL when @email is not an address
 */
char *
tend_import_email_key (const char *email)
{
  g_autofree char *trimmed = NULL;

  if (email == NULL)
    return NULL;

  trimmed = g_strstrip (g_strdup (email));
  if (g_str_has_prefix (trimmed, "mailto:"))
    memmove (trimmed, trimmed + 7, strlen (trimmed + 7) + 1);

  if (strchr (trimmed, '@') == NULL || strchr (trimmed, ' ') != NULL)
    return NULL;

  {
    g_autofree char *lower = g_utf8_strdown (trimmed, -1);

    return g_strconcat ("mailto:", lower, NULL);
  }
}

/**
 * tend_import_dedup_key:
 * @seen: (element-type utf8 guint): keys given out so far in this file
 *
 * Two people with the same name and date in one file stay two people:
 * the second gets "#2", in file order, which re-reading the same export
 * repeats.
 *
 * Returns: (transfer full): @key, or @key with a counter
 */
char *
tend_import_dedup_key (GHashTable *seen,
                       const char *key)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (seen, key)) + 1;

  g_hash_table_insert (seen, g_strdup (key), GUINT_TO_POINTER (count));

  if (count == 1)
    return g_strdup (key);

  return g_strdup_printf ("%s#%u", key, count);
}

/**
 * tend_import_find_column:
 *
 * Returns: the index of the column called @name (case and surrounding
 *   spaces ignored), or -1
 */
int
tend_import_find_column (const char * const *header,
                         const char         *name)
{
  for (guint i = 0; header[i] != NULL; i++)
    {
      g_autofree char *cell = g_strstrip (g_strdup (header[i]));

      if (g_ascii_strcasecmp (cell, name) == 0)
        return i;
    }

  return -1;
}

/**
 * tend_import_find_any_column:
 * @other_name: (nullable): the name in other versions of the export
 *
 * Returns: the index of the column called @name, else of the one called
 *   @other_name, or -1
 */
int
tend_import_find_any_column (const char * const *header,
                             const char         *name,
                             const char         *other_name)
{
  int column = tend_import_find_column (header, name);

  if (column < 0 && other_name != NULL)
    column = tend_import_find_column (header, other_name);

  return column;
}

/**
 * tend_import_name_matches:
 * @name: an entry's path
 * @pattern: a glob matched against the entry's base name, case ignored
 */
gboolean
tend_import_name_matches (const char *name,
                          const char *pattern)
{
  g_autofree char *base = g_path_get_basename (name);
  g_autofree char *lower = g_utf8_strdown (base, -1);

  return g_pattern_match_simple (pattern, lower);
}

/**
 * tend_import_join_name:
 *
 * Returns: (transfer full): the non-empty parts joined by one space
 */
char *
tend_import_join_name (const char *first,
                       const char *middle,
                       const char *last)
{
  const char *parts[] = { first, middle, last };
  const char *starts[G_N_ELEMENTS (parts)];
  gsize lens[G_N_ELEMENTS (parts)];
  guint n_parts = 0;
  gsize size = 1;
  char *name;
  char *end;

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i] == NULL)
        continue;

      starts[n_parts] = strip_span (parts[i], &lens[n_parts]);
      if (lens[n_parts] > 0)
        size += lens[n_parts++] + 1;
    }

  name = end = g_malloc (size);
  for (guint i = 0; i < n_parts; i++)
    {
      if (i > 0)
        *end++ = ' ';
      memcpy (end, starts[i], lens[i]);
      end += lens[i];
    }
  *end = '\0';

  return name;
}

/**
 * tend_import_clean_text:
 *
 * Returns: (transfer full) (nullable): @text in NFC without surrounding
 *   white space, or %NULL when nothing is left
 */
char *
tend_import_clean_text (const char *text)
{
  g_autofree char *normalized = NULL;
  const char *start;
  gsize len;

  if (text == NULL)
    return NULL;

  if (is_nfc_below_combining (text))
    {
      start = strip_span (text, &len);
      return len > 0 ? g_strndup (start, len) : NULL;
    }

  normalized = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  if (normalized == NULL)
    return NULL;

  g_strstrip (normalized);
  if (normalized[0] == '\0')
    return NULL;

  return g_steal_pointer (&normalized);
}

/**
 * tend_import_buffer_stream:
 * @stream: an entry
 * @head: (out) (transfer none): its first bytes, which stay unread
 * @head_len: (out): how many, at most %TEND_IMPORTER_HEAD_SIZE
 *
 * Lets a parser look at the start of an entry (to sniff a delimiter, to
 * skip a preamble) before reading it through.
 *
 * Returns: (transfer full) (nullable): the stream to read from instead
 *   of @stream, or %NULL with @error set
 */
GInputStream *
tend_import_buffer_stream (GInputStream   *stream,
                           const guint8  **head,
                           gsize          *head_len,
                           GCancellable   *cancellable,
                           GError        **error)
{
  g_autoptr(GInputStream) buffered = NULL;
  GBufferedInputStream *buffer;

  if (G_IS_BUFFERED_INPUT_STREAM (stream) &&
      g_buffered_input_stream_get_buffer_size (G_BUFFERED_INPUT_STREAM (stream)) >= TEND_IMPORTER_HEAD_SIZE)
    buffered = g_object_ref (stream);
  else
    buffered = g_buffered_input_stream_new_sized (stream, 64 * 1024);

  buffer = G_BUFFERED_INPUT_STREAM (buffered);

  if (!tend_import_fill_head (buffer, head, head_len, cancellable, error))
    return NULL;

  return g_steal_pointer (&buffered);
}

/**
 * tend_import_fill_head:
 * @head: (out) (transfer none): the first bytes of @buffered, unread
 * @head_len: (out): how many, at most %TEND_IMPORTER_HEAD_SIZE
 *
 * Fills @buffered until it holds %TEND_IMPORTER_HEAD_SIZE bytes or the
 * stream ends, without consuming any of them.
 *
 * Returns: %FALSE with @error set when reading failed
 */
gboolean
tend_import_fill_head (GBufferedInputStream  *buffered,
                       const guint8         **head,
                       gsize                 *head_len,
                       GCancellable          *cancellable,
                       GError               **error)
{
  while (g_buffered_input_stream_get_available (buffered) < TEND_IMPORTER_HEAD_SIZE)
    {
      gsize available = g_buffered_input_stream_get_available (buffered);
      gssize n_read = g_buffered_input_stream_fill (buffered, TEND_IMPORTER_HEAD_SIZE - available,
                                                    cancellable, error);

      if (n_read < 0)
        return FALSE;
      if (n_read == 0)
        break;
    }

  *head = g_buffered_input_stream_peek_buffer (buffered, head_len);
  *head_len = MIN (*head_len, TEND_IMPORTER_HEAD_SIZE);
  return TRUE;
}

/**
 * tend_import_skip_bom_and_space:
 *
 * Returns: the offset in @head of the first byte after a UTF-8 byte
 *   order mark and white space, or @head_len
 */
gsize
tend_import_skip_bom_and_space (const guint8 *head,
                                gsize         head_len)
{
  gsize i = 0;

  if (head_len >= 3 && memcmp (head, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < head_len && g_ascii_isspace (head[i]))
    i++;

  return i;
}
