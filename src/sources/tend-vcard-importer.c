/* tend-vcard-importer.c: vCard 2.1, 3.0 and 4.0 files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Several cards per file. Long lines are folded (a line starting with a
 * space or a tab continues the one before); vCard 2.1 values may be
 * QUOTED-PRINTABLE, where a line ending in "=" is a soft break, and may
 * name a CHARSET other than UTF-8. Properties may carry a group
 * ("item1.EMAIL"). The name is FN, else N, else ORG; the key is the
 * first e-mail address, else UID, else the first phone number, else
 * the name. Everyone is a contact.
 */
#define G_LOG_DOMAIN "tend-vcard-importer"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tend-import-util.h"
#include "tend-vcard-importer.h"

/* A logical line can hold a photo; more than this is not a card. */
#define MAX_LINE_BYTES (8 * 1024 * 1024)

struct _TendVcardImporter
{
  GObject parent_instance;
};

typedef struct {
  GBufferedInputStream *stream;
  GString              *pending;       /* the logical line being assembled */
  guint                 pending_line;  /* where it starts */
  guint                 line;          /* physical lines read */
  gboolean              at_eof;
} LineReader;

typedef struct {
  guint  line;
  char  *fn;
  char  *n;
  char  *org;
  char  *email;
  char  *uid;
  char  *tel;
  char  *url;
} Card;

static void importer_iface_init (TendImporterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TendVcardImporter, tend_vcard_importer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TEND_TYPE_IMPORTER, importer_iface_init))

static void
card_clear (Card *card)
{
  g_clear_pointer (&card->fn, g_free);
  g_clear_pointer (&card->n, g_free);
  g_clear_pointer (&card->org, g_free);
  g_clear_pointer (&card->email, g_free);
  g_clear_pointer (&card->uid, g_free);
  g_clear_pointer (&card->tel, g_free);
  g_clear_pointer (&card->url, g_free);
  card->line = 0;
}

static TendSourceKind
tend_vcard_importer_get_source_kind (TendImporter *importer)
{
  return TEND_SOURCE_KIND_VCARD;
}

static guint
tend_vcard_importer_detect (TendImporter *importer,
                            const char   *name,
                            const guint8 *head,
                            gsize         head_len)
{
  gsize i = tend_import_skip_bom_and_space (head, head_len);

  if (head_len - i >= 11 && g_ascii_strncasecmp ((const char *) head + i, "BEGIN:VCARD", 11) == 0)
    return TEND_IMPORTER_CONFIDENCE_CERTAIN;

  return TEND_IMPORTER_CONFIDENCE_NONE;
}

/* One physical line without its line end; FALSE at the end. */
static gboolean
read_physical_line (LineReader    *reader,
                    GString       *out,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_string_truncate (out, 0);

  if (reader->at_eof)
    return FALSE;

  while (TRUE)
    {
      g_autoptr(GError) local_error = NULL;
      int c = g_buffered_input_stream_read_byte (reader->stream, cancellable, &local_error);

      if (c < 0)
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          reader->at_eof = TRUE;
          if (out->len == 0)
            return FALSE;
          break;
        }

      if (c == '\n')
        break;

      g_string_append_c (out, c);
      if (out->len > MAX_LINE_BYTES)
        {
          g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_TOO_LARGE,
                       _("line %u is longer than %u MiB, which no card is. The file is "
                         "damaged or is not an address book"),
                       reader->line + 1, MAX_LINE_BYTES / (1024 * 1024));
          return FALSE;
        }
    }

  if (out->len > 0 && out->str[out->len - 1] == '\r')
    g_string_truncate (out, out->len - 1);

  reader->line++;
  return TRUE;
}

/* The part before the value: "item1.EMAIL;TYPE=work". */
static gsize
find_value_start (const char *line)
{
  gboolean quoted = FALSE;

  for (gsize i = 0; line[i] != '\0'; i++)
    {
      if (line[i] == '"')
        quoted = !quoted;
      else if (line[i] == ':' && !quoted)
        return i;
    }

  return strlen (line);
}

static gboolean
is_quoted_printable (const char *line)
{
  gsize end = find_value_start (line);
  g_autofree char *params = g_ascii_strup (line, end);

  return strstr (params, "QUOTED-PRINTABLE") != NULL;
}

/* One logical line: unfolded, soft breaks joined; FALSE at the end. */
static gboolean
read_logical_line (LineReader    *reader,
                   GString       *out,
                   guint         *out_line,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GString) physical = g_string_new (NULL);

  while (TRUE)
    {
      if (!read_physical_line (reader, physical, cancellable, error))
        {
          if (error != NULL && *error != NULL)
            return FALSE;

          if (reader->pending->len == 0)
            return FALSE;

          g_string_assign (out, reader->pending->str);
          *out_line = reader->pending_line;
          g_string_truncate (reader->pending, 0);
          return TRUE;
        }

      if (reader->pending->len > 0)
        {
          gboolean soft_break = reader->pending->str[reader->pending->len - 1] == '=' &&
                                is_quoted_printable (reader->pending->str);

          if (soft_break)
            {
              g_string_truncate (reader->pending, reader->pending->len - 1);
              g_string_append (reader->pending, physical->str);
              continue;
            }

          if (physical->len > 0 && (physical->str[0] == ' ' || physical->str[0] == '\t'))
            {
              g_string_append (reader->pending, physical->str + 1);
              if (reader->pending->len > MAX_LINE_BYTES)
                {
                  g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_TOO_LARGE,
                               _("line %u is longer than %u MiB, which no card is. The file is "
                                 "damaged or is not an address book"),
                               reader->pending_line, MAX_LINE_BYTES / (1024 * 1024));
                  return FALSE;
                }
              continue;
            }

          /* The next line starts a new property: hand the pending one out. */
          g_string_assign (out, reader->pending->str);
          *out_line = reader->pending_line;
          g_string_assign (reader->pending, physical->str);
          reader->pending_line = reader->line;
          return TRUE;
        }

      if (physical->len == 0)
        continue;

      g_string_assign (reader->pending, physical->str);
      reader->pending_line = reader->line;
    }
}

static GByteArray *
decode_quoted_printable (const char *value)
{
  GByteArray *bytes = g_byte_array_new ();

  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '=' && g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]))
        {
          guint8 byte = g_ascii_xdigit_value (p[1]) * 16 + g_ascii_xdigit_value (p[2]);

          g_byte_array_append (bytes, &byte, 1);
          p += 2;
        }
      else
        {
          g_byte_array_append (bytes, (const guint8 *) p, 1);
        }
    }

  return bytes;
}

static char *
to_utf8 (const char *data,
         gsize       len,
         const char *charset)
{
  char *text = NULL;

  if (charset != NULL && g_ascii_strcasecmp (charset, "UTF-8") != 0 &&
      g_ascii_strcasecmp (charset, "UTF8") != 0)
    text = g_convert (data, len, "UTF-8", charset, NULL, NULL, NULL);

  if (text == NULL && g_utf8_validate_len (data, len, NULL))
    text = g_strndup (data, len);

  if (text == NULL)
    text = g_convert (data, len, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);

  if (text == NULL)
    text = g_utf8_make_valid (data, len);

  return text;
}

/* Backslash escapes of text values; ';' separates the parts of N. */
static char *
unescape (const char *value,
          gboolean    structured)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          if (*p == 'n' || *p == 'N')
            g_string_append_c (text, '\n');
          else
            g_string_append_c (text, *p);
        }
      else if (structured && *p == ';')
        {
          g_string_append_c (text, '\x1f');
        }
      else
        {
          g_string_append_c (text, *p);
        }
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* "Family;Given;Additional;Prefix;Suffix" → "Given Additional Family" */
static char *
name_from_n (const char *n)
{
  g_auto(GStrv) parts = NULL;
  guint n_parts;

  if (n == NULL)
    return NULL;

  parts = g_strsplit (n, "\x1f", 5);
  n_parts = g_strv_length (parts);

  {
    g_autofree char *joined = tend_import_join_name (n_parts > 1 ? parts[1] : NULL,
                                                     n_parts > 2 ? parts[2] : NULL,
                                                     parts[0]);

    return tend_import_clean_text (joined);
  }
}

static void
set_once (char       **field,
          const char  *value)
{
  if (*field == NULL)
    *field = tend_import_clean_text (value);
}

static void
handle_property (Card       *card,
                 const char *line)
{
  gsize value_start = find_value_start (line);
  g_autofree char *head = g_strndup (line, value_start);
  const char *raw_value = line[value_start] == ':' ? line + value_start + 1 : "";
  g_auto(GStrv) params = g_strsplit (head, ";", -1);
  g_autofree char *name = NULL;
  g_autofree char *charset = NULL;
  g_autofree char *decoded = NULL;
  g_autofree char *value = NULL;
  const char *dot;
  gboolean quoted_printable = FALSE;
  gboolean base64 = FALSE;

  /* A line such as ":x" names no property: nothing to read. */
  if (params[0] == NULL || params[0][0] == '\0')
    return;

  dot = strrchr (params[0], '.');
  name = g_ascii_strup (dot != NULL ? dot + 1 : params[0], -1);

  for (guint i = 1; params[i] != NULL; i++)
    {
      const char *param = params[i];

      if (g_ascii_strcasecmp (param, "QUOTED-PRINTABLE") == 0 ||
          g_ascii_strcasecmp (param, "ENCODING=QUOTED-PRINTABLE") == 0)
        quoted_printable = TRUE;
      else if (g_ascii_strncasecmp (param, "ENCODING=", 9) == 0 || g_ascii_strcasecmp (param, "BASE64") == 0)
        base64 = TRUE;
      else if (g_ascii_strncasecmp (param, "CHARSET=", 8) == 0)
        {
          g_free (charset);
          charset = g_strdup (param + 8);
        }
    }

  if (base64)
    return;

  if (quoted_printable)
    {
      g_autoptr(GByteArray) bytes = decode_quoted_printable (raw_value);

      decoded = to_utf8 ((const char *) bytes->data, bytes->len, charset);
    }
  else
    {
      decoded = to_utf8 (raw_value, strlen (raw_value), charset);
    }

  value = unescape (decoded, g_str_equal (name, "N") || g_str_equal (name, "ORG"));

  if (g_str_equal (name, "FN"))
    set_once (&card->fn, value);
  else if (g_str_equal (name, "N"))
    {
      if (card->n == NULL)
        card->n = g_strdup (value);
    }
  else if (g_str_equal (name, "ORG"))
    {
      char *unit = strchr (value, '\x1f');

      if (unit != NULL)
        *unit = '\0';
      set_once (&card->org, value);
    }
  else if (g_str_equal (name, "EMAIL"))
    set_once (&card->email, value);
  else if (g_str_equal (name, "UID"))
    set_once (&card->uid, value);
  else if (g_str_equal (name, "TEL"))
    set_once (&card->tel, value);
  else if (g_str_equal (name, "URL"))
    set_once (&card->url, value);
}

static void
emit_card (Card           *card,
           TendImportSink *sink,
           GHashTable     *seen)
{
  g_autofree char *name = NULL;
  g_autofree char *key = NULL;

  name = g_strdup (card->fn);
  if (name == NULL)
    name = name_from_n (card->n);
  if (name == NULL)
    name = g_strdup (card->org);

  if (name == NULL && card->email == NULL && card->tel == NULL)
    {
      tend_import_sink_skip_row (sink, card->line, _("the card has no name, e-mail address or phone number"));
      return;
    }

  key = tend_import_email_key (card->email);
  if (key == NULL && card->uid != NULL)
    key = g_strconcat ("uid:", card->uid, NULL);
  if (key == NULL && card->tel != NULL)
    {
      g_autoptr(GString) digits = g_string_new ("tel:");

      for (const char *p = card->tel; *p != '\0'; p++)
        if (g_ascii_isdigit (*p) || (*p == '+' && digits->len == 4))
          g_string_append_c (digits, *p);
      if (digits->len > 4)
        key = g_string_free (g_steal_pointer (&digits), FALSE);
    }
  if (key == NULL)
    {
      g_autofree char *name_key = tend_import_name_key (name, 0);

      key = tend_import_dedup_key (seen, name_key);
    }

  {
    TendImportPerson person = {
      .stable_key = key,
      .name = name != NULL ? name : (card->email != NULL ? card->email : card->tel),
      .handle = card->email,
      .profile_url = card->url,
      .relation = TEND_IMPORT_RELATION_CONTACT,
    };

    tend_import_sink_add_person (sink, &person);
  }
}

static gboolean
tend_vcard_importer_parse (TendImporter    *importer,
                           GInputStream    *stream,
                           TendImportSink  *sink,
                           GCancellable    *cancellable,
                           GError         **error)
{
  g_autoptr(GInputStream) buffered = NULL;
  g_autoptr(GString) pending = g_string_new (NULL);
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) local_error = NULL;
  LineReader reader = { 0, };
  Card card = { 0, };
  gboolean in_card = FALSE;
  guint line_number = 0;
  const guint8 *head;
  gsize head_len;

  buffered = tend_import_buffer_stream (stream, &head, &head_len, cancellable, error);
  if (buffered == NULL)
    return FALSE;

  /* The byte order mark, if any, is not part of the first line. */
  if (head_len >= 3 && memcmp (head, "\xef\xbb\xbf", 3) == 0)
    g_input_stream_skip (buffered, 3, NULL, NULL);

  reader.stream = G_BUFFERED_INPUT_STREAM (buffered);
  reader.pending = pending;

  while (read_logical_line (&reader, line, &line_number, cancellable, &local_error))
    {
      if (g_ascii_strncasecmp (line->str, "BEGIN:VCARD", 11) == 0)
        {
          card_clear (&card);
          card.line = line_number;
          in_card = TRUE;
        }
      else if (g_ascii_strncasecmp (line->str, "END:VCARD", 9) == 0)
        {
          if (in_card)
            emit_card (&card, sink, seen);
          card_clear (&card);
          in_card = FALSE;
        }
      else if (in_card)
        {
          handle_property (&card, line->str);
        }
    }

  if (local_error != NULL)
    {
      card_clear (&card);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (in_card)
    {
      guint start = card.line;

      card_clear (&card);
      g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID,
                   _("line %u: the card that starts here never ends with END:VCARD. The file "
                     "may be cut short; export the address book again"),
                   start);
      return FALSE;
    }

  return TRUE;
}

static void
importer_iface_init (TendImporterInterface *iface)
{
  iface->get_source_kind = tend_vcard_importer_get_source_kind;
  iface->detect = tend_vcard_importer_detect;
  iface->parse = tend_vcard_importer_parse;
}

static void
tend_vcard_importer_class_init (TendVcardImporterClass *klass)
{
}

static void
tend_vcard_importer_init (TendVcardImporter *self)
{
}

TendImporter *
tend_vcard_importer_new (void)
{
  return g_object_new (TEND_TYPE_VCARD_IMPORTER, NULL);
}
