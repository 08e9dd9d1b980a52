/* tend-csv-reader.c: RFC 4180 records from a stream, with hard limits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Follows RFC 4180 (quoted fields, "" for a quote, newlines inside
 * quotes) and what spreadsheets write besides: LF, CRLF or lone CR line
 * ends, a UTF-8 byte order mark, blank lines (skipped), text after a
 * closing quote (kept). A field that is not valid UTF-8 is read as
 * Windows-1252, which is what a spreadsheet re-save usually means.
 * A quote left open at the end, or a field, record or column count over
 * the limits, is an error naming the line where the record starts.
 */
#define G_LOG_DOMAIN "tend-csv-reader"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tend-csv-reader.h"
#include "tend-importer.h"

#define BUFFER_SIZE (64 * 1024)

typedef enum {
  STATE_FIELD_START,
  STATE_UNQUOTED,
  STATE_QUOTED,
  STATE_QUOTE_IN_QUOTED,
} State;

struct _TendCsvReader
{
  GObject parent_instance;

  /* owned */
  GInputStream *stream;
  guint8       *buffer;
  GString      *text;          /* the record's cells, each ending in a NUL */
  gsize        *field_starts;  /* where each cell starts in text */
  char        **fields;        /* the cells, for the caller, NULL-terminated */
  guint         n_fields;
  guint         fields_size;   /* how many field_starts and fields can hold */
  gsize         field_start;   /* where the cell being read starts in text */

  gsize  pos;
  gsize  len;
  gboolean at_start;
  gboolean at_eof;
  gboolean previous_cr;

  char   delimiter;
  /* Which bytes end a run of plain cell text, outside and inside quotes. */
  guint8 stops_unquoted[256];
  guint8 stops_quoted[256];
  gsize  max_field;
  gsize  max_record;
  guint  max_fields;

  guint  line;          /* the physical line being read, from 1 */
  guint  record_line;   /* where the last record started */
};

G_DEFINE_FINAL_TYPE (TendCsvReader, tend_csv_reader, G_TYPE_OBJECT)

static void
tend_csv_reader_finalize (GObject *object)
{
  TendCsvReader *self = (TendCsvReader *)object;

  g_clear_object (&self->stream);
  g_free (self->buffer);
  g_string_free (self->text, TRUE);
  g_free (self->field_starts);
  g_free (self->fields);

  G_OBJECT_CLASS (tend_csv_reader_parent_class)->finalize (object);
}

static void
tend_csv_reader_class_init (TendCsvReaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tend_csv_reader_finalize;
}

static void
tend_csv_reader_init (TendCsvReader *self)
{
  self->buffer = g_malloc (BUFFER_SIZE);
  self->text = g_string_new (NULL);
  self->at_start = TRUE;
  self->stops_quoted['"'] = TRUE;
  self->stops_quoted['\n'] = TRUE;
  self->stops_quoted['\r'] = TRUE;
  self->stops_unquoted['\n'] = TRUE;
  self->stops_unquoted['\r'] = TRUE;
  self->stops_unquoted[','] = TRUE;
  self->delimiter = ',';
  self->max_field = TEND_CSV_READER_MAX_FIELD;
  self->max_record = TEND_CSV_READER_MAX_RECORD;
  self->max_fields = TEND_CSV_READER_MAX_FIELDS;
  self->line = 1;
}

TendCsvReader *
tend_csv_reader_new (GInputStream *stream)
{
  TendCsvReader *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  self = g_object_new (TEND_TYPE_CSV_READER, NULL);
  self->stream = g_object_ref (stream);
  return self;
}

void
tend_csv_reader_set_delimiter (TendCsvReader *self,
                               char           delimiter)
{
  g_return_if_fail (TEND_IS_CSV_READER (self));
  g_return_if_fail (delimiter != '"' && delimiter != '\n' && delimiter != '\r');

  self->stops_unquoted[(guint8) self->delimiter] = FALSE;
  self->stops_unquoted[(guint8) delimiter] = TRUE;
  self->delimiter = delimiter;
}

void
tend_csv_reader_set_limits (TendCsvReader *self,
                            gsize          max_field,
                            gsize          max_record,
                            guint          max_fields)
{
  g_return_if_fail (TEND_IS_CSV_READER (self));

  self->max_field = max_field;
  self->max_record = max_record;
  self->max_fields = max_fields;
}

/**
 * tend_csv_reader_get_record_line:
 *
 * Returns: the line on which the last record read starts, from 1
 */
guint
tend_csv_reader_get_record_line (TendCsvReader *self)
{
  g_return_val_if_fail (TEND_IS_CSV_READER (self), 0);
  return self->record_line;
}

static gboolean
fill (TendCsvReader  *self,
      GCancellable   *cancellable,
      GError        **error)
{
  gssize n_read;

  if (self->at_eof)
    return TRUE;

  n_read = g_input_stream_read (self->stream, self->buffer, BUFFER_SIZE, cancellable, error);
  if (n_read < 0)
    return FALSE;

  self->pos = 0;
  self->len = n_read;
  if (n_read == 0)
    self->at_eof = TRUE;

  if (self->at_start && self->len > 0)
    {
      /* A byte order mark may arrive split across reads only when the
       * stream gives fewer than three bytes, which the buffered streams
       * the runner uses never do at the start. */
      if (self->len >= 3 && memcmp (self->buffer, "\xef\xbb\xbf", 3) == 0)
        self->pos = 3;
      else if (self->len >= 2 &&
               (memcmp (self->buffer, "\xff\xfe", 2) == 0 || memcmp (self->buffer, "\xfe\xff", 2) == 0))
        {
          g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID,
                       _("the file is saved as UTF-16 text. Save it again as “CSV UTF-8” "
                         "from your spreadsheet, or use the file as the network gave it"));
          return FALSE;
        }
      self->at_start = FALSE;
    }

  return TRUE;
}

/* Eight bytes at a time: most cells are plain ASCII. */
static gboolean
is_ascii (const char *text,
          gsize       len)
{
  guint64 bits = 0;
  gsize i = 0;

  for (; i + sizeof bits <= len; i += sizeof bits)
    {
      guint64 word;

      memcpy (&word, text + i, sizeof word);
      bits |= word;
    }
  for (; i < len; i++)
    bits |= (guchar) text[i];

  return (bits & G_GUINT64_CONSTANT (0x8080808080808080)) == 0;
}

/* g_string_append_len () without its call, for every run of a cell. */
static inline void
append_bytes (GString      *text,
              const guint8 *bytes,
              gsize         len)
{
  gsize old_len = text->len;

  if (old_len + len >= text->allocated_len)
    {
      g_string_set_size (text, old_len + len);
      text->len = old_len;
    }

  memcpy (text->str + old_len, bytes, len);
  text->len = old_len + len;
  text->str[text->len] = '\0';
}

/* Ends the cell being read: it stays in the record's text, in UTF-8. */
static void
end_field (TendCsvReader *self)
{
  const char *field = self->text->str + self->field_start;
  gsize len = self->text->len - self->field_start;

  if (!is_ascii (field, len) && !g_utf8_validate_len (field, len, NULL))
    {
      g_autofree char *text = g_convert (field, len, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);

      if (text == NULL)
        text = g_convert (field, len, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
      if (text == NULL)
        text = g_utf8_make_valid (field, len);

      g_string_truncate (self->text, self->field_start);
      g_string_append (self->text, text);
    }

  g_string_append_c (self->text, '\0');

  /* One more for the NULL that ends fields. */
  if (self->n_fields + 1 >= self->fields_size)
    {
      self->fields_size = MAX (16, self->fields_size * 2);
      self->field_starts = g_renew (gsize, self->field_starts, self->fields_size);
      self->fields = g_renew (char *, self->fields, self->fields_size);
    }
  self->field_starts[self->n_fields++] = self->field_start;
  self->field_start = self->text->len;
}

static void
clear_record (TendCsvReader *self)
{
  g_string_truncate (self->text, 0);
  self->n_fields = 0;
  self->field_start = 0;
}

static void
set_size_error (TendCsvReader  *self,
                gsize           record_size,
                GError        **error)
{
  if (record_size > self->max_record)
    g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_TOO_LARGE,
                 _("line %u: the row is longer than %" G_GSIZE_FORMAT " bytes, which "
                   "no export has. The file is damaged or is not an export"),
                 self->record_line, self->max_record);
  else
    g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_TOO_LARGE,
                 _("line %u: a cell is longer than %" G_GSIZE_FORMAT " bytes, which "
                   "no export has. The file is damaged or is not an export"),
                 self->record_line, self->max_field);
}

/* Checked after every run of bytes, so kept out of a call. */
static inline gboolean
check_sizes (TendCsvReader  *self,
             gsize           record_size,
             GError        **error)
{
  if (G_LIKELY (record_size <= self->max_record &&
                self->text->len - self->field_start <= self->max_field))
    return TRUE;

  set_size_error (self, record_size, error);
  return FALSE;
}

/* How many bytes from the current position are plain cell text: up to a
 * line end, and a quote inside quotes or a delimiter outside them. */
static gsize
scan_run (TendCsvReader *self,
          gboolean       quoted)
{
  const guint8 *stops = quoted ? self->stops_quoted : self->stops_unquoted;
  gsize end = self->pos;

  while (end < self->len && !stops[self->buffer[end]])
    end++;

  return end - self->pos;
}

/**
 * tend_csv_reader_next_record:
 *
 * Reads the next record into the reader's own memory, without a copy
 * per cell: rows are read by the hundred thousand.
 *
 * Returns: (transfer none) (nullable): the next record's fields, %NULL
 *   terminated, which the caller may change in place (trimming them,
 *   say) and which stay valid until the next call; or %NULL at the end
 *   of the stream or with @error set
 */
char **
tend_csv_reader_next_record (TendCsvReader  *self,
                             GCancellable   *cancellable,
                             GError        **error)
{
  State state = STATE_FIELD_START;
  gsize record_size = 0;
  gboolean started = FALSE;
  gboolean any_quoted = FALSE;

  g_return_val_if_fail (TEND_IS_CSV_READER (self), NULL);

  clear_record (self);

  while (TRUE)
    {
      guint8 c;

      if (self->pos >= self->len)
        {
          if (!fill (self, cancellable, error))
            return NULL;

          if (self->at_eof)
            {
              if (state == STATE_QUOTED)
                {
                  g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID,
                               _("line %u: a quoted cell is never closed. The file may be cut "
                                 "short; download the export again"),
                               self->record_line);
                  return NULL;
                }

              if (!started)
                return NULL;

              end_field (self);
              break;
            }
        }

      /* Most bytes are inside a cell: take the run up to the next byte
       * that matters at once rather than byte by byte. */
      if (state == STATE_UNQUOTED || state == STATE_QUOTED)
        {
          gsize run = scan_run (self, state == STATE_QUOTED);

          if (run > 0)
            {
              append_bytes (self->text, self->buffer + self->pos, run);
              self->pos += run;
              self->previous_cr = FALSE;
              record_size += run;
              if (!check_sizes (self, record_size, error))
                return NULL;
              continue;
            }
        }

      c = self->buffer[self->pos++];

      /* The LF of a CRLF: the CR already ended the line (or, inside
       * quotes, became the newline). */
      if (c == '\n' && self->previous_cr)
        {
          self->previous_cr = FALSE;
          continue;
        }
      self->previous_cr = (c == '\r');

      if (!started)
        {
          started = TRUE;
          self->record_line = self->line;
        }

      if (c == '\n' || c == '\r')
        self->line++;

      if (++record_size > self->max_record)
        {
          check_sizes (self, record_size, error);
          return NULL;
        }

      switch (state)
        {
        case STATE_FIELD_START:
          if (c == '"')
            {
              state = STATE_QUOTED;
              any_quoted = TRUE;
              continue;
            }
          state = STATE_UNQUOTED;
          G_GNUC_FALLTHROUGH;

        case STATE_UNQUOTED:
        case STATE_QUOTE_IN_QUOTED:
          if (state == STATE_QUOTE_IN_QUOTED && c == '"')
            {
              g_string_append_c (self->text, '"');
              state = STATE_QUOTED;
              continue;
            }

          if (c == (guint8) self->delimiter)
            {
              end_field (self);
              state = STATE_FIELD_START;
            }
          else if (c == '\n' || c == '\r')
            {
              end_field (self);

              /* A blank line is not a record. */
              if (self->n_fields == 1 && !any_quoted && self->text->str[0] == '\0')
                {
                  clear_record (self);
                  started = FALSE;
                  record_size = 0;
                  state = STATE_FIELD_START;
                  continue;
                }
              goto done;
            }
          else
            {
              /* Text after a closing quote is kept, as spreadsheets do. */
              g_string_append_c (self->text, c);
              state = STATE_UNQUOTED;
            }
          break;

        case STATE_QUOTED:
          if (c == '"')
            state = STATE_QUOTE_IN_QUOTED;
          else if (c == '\r')
            g_string_append_c (self->text, '\n');
          else
            g_string_append_c (self->text, c);
          break;

        default:
          g_assert_not_reached ();
        }

      if (!check_sizes (self, record_size, error))
        return NULL;

      if (self->n_fields >= self->max_fields)
        {
          g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_TOO_LARGE,
                       _("line %u: the row has more than %u columns, which no export has. "
                         "The file is damaged or is not an export"),
                       self->record_line, self->max_fields);
          return NULL;
        }
    }

done:
  /* The text may have moved as it grew: point at the cells only now. */
  for (guint i = 0; i < self->n_fields; i++)
    self->fields[i] = self->text->str + self->field_starts[i];
  self->fields[self->n_fields] = NULL;

  return self->fields;
}

/**
 * tend_csv_reader_read_record:
 *
 * Returns: (transfer full) (nullable): a copy of the next record's
 *   fields, or %NULL at the end of the stream or with @error set
 */
GStrv
tend_csv_reader_read_record (TendCsvReader  *self,
                             GCancellable   *cancellable,
                             GError        **error)
{
  return g_strdupv (tend_csv_reader_next_record (self, cancellable, error));
}

/**
 * tend_csv_sniff_delimiter:
 *
 * Spreadsheets in many languages re-save a CSV with semicolons.
 *
 * Returns: ';' when a header line uses semicolons rather than commas,
 *   else ','
 */
char
tend_csv_sniff_delimiter (const char *line,
                          gsize       len)
{
  guint commas = 0;
  guint semicolons = 0;
  gboolean quoted = FALSE;

  for (gsize i = 0; i < len && line[i] != '\n' && line[i] != '\r'; i++)
    {
      if (line[i] == '"')
        quoted = !quoted;
      else if (!quoted && line[i] == ',')
        commas++;
      else if (!quoted && line[i] == ';')
        semicolons++;
    }

  return semicolons > commas ? ';' : ',';
}

static GStrv
find_head_record (const guint8 *head,
                  gsize         head_len,
                  char          delimiter,
                  guint         max_records,
                  const char   *first_column,
                  guint        *out_n_records)
{
  g_autoptr(GInputStream) memory = g_memory_input_stream_new_from_data (head, head_len, NULL);
  g_autoptr(TendCsvReader) reader = tend_csv_reader_new (memory);

  tend_csv_reader_set_delimiter (reader, delimiter);
  tend_csv_reader_set_limits (reader, TEND_IMPORTER_HEAD_SIZE, TEND_IMPORTER_HEAD_SIZE, 256);

  for (guint n = 0; n < max_records; n++)
    {
      g_auto(GStrv) record = tend_csv_reader_read_record (reader, NULL, NULL);

      /* The head is cut anywhere: a last record open in a quote ends it. */
      if (record == NULL)
        return NULL;

      for (guint i = 0; record[i] != NULL; i++)
        g_strstrip (record[i]);

      if (first_column == NULL || g_ascii_strcasecmp (record[0], first_column) == 0)
        {
          if (out_n_records != NULL)
            *out_n_records = n;
          return g_steal_pointer (&record);
        }
    }

  return NULL;
}

/**
 * tend_csv_parse_head:
 * @delimiter: the delimiter, or 0 to try commas, then semicolons
 * @max_records: how many records to look at
 * @first_column: (nullable): find the first record whose first cell is
 *   this (case-insensitively) instead of returning the first record
 * @out_n_records: (out) (optional): how many records preceded the result
 *
 * Reads a record from an entry's first bytes, for detect (): leading
 * lines such as LinkedIn's "Notes:" preamble are passed over when
 * @first_column is given.
 *
 * Returns: (transfer full) (nullable): the record's cells, trimmed
 */
GStrv
tend_csv_parse_head (const guint8 *head,
                     gsize         head_len,
                     char          delimiter,
                     guint         max_records,
                     const char   *first_column,
                     guint        *out_n_records)
{
  GStrv record;

  if (head == NULL || head_len == 0)
    return NULL;

  if (delimiter != 0)
    return find_head_record (head, head_len, delimiter, max_records, first_column, out_n_records);

  record = find_head_record (head, head_len, ',', max_records, first_column, out_n_records);
  if (record != NULL && (first_column != NULL || g_strv_length (record) > 1))
    return record;

  g_strfreev (record);
  return find_head_record (head, head_len, ';', max_records, first_column, out_n_records);
}
