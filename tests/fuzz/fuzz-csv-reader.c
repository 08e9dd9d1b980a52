/* fuzz-csv-reader.c: the RFC 4180 reader on arbitrary bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fuzz-csv-reader"

#include "config.h"

#include "tend-csv-reader.h"
#include "tend-fuzz.h"

/* Small limits, so that the fuzzer reaches them with small inputs. The
 * limit counts the bytes read: a cell that is not UTF-8 is re-decoded as
 * Windows-1252, up to three bytes for each. */
#define FUZZ_MAX_FIELD   256
#define FUZZ_MAX_RECORD  1024
#define FUZZ_MAX_FIELDS  16

static void
read_all (const uint8_t *data,
          size_t         size,
          char           delimiter,
          gboolean       limited)
{
  g_autoptr(GInputStream) stream = tend_fuzz_stream_new (data, size);
  g_autoptr(TendCsvReader) reader = tend_csv_reader_new (stream);

  tend_csv_reader_set_delimiter (reader, delimiter);
  if (limited)
    tend_csv_reader_set_limits (reader, FUZZ_MAX_FIELD, FUZZ_MAX_RECORD, FUZZ_MAX_FIELDS);

  while (TRUE)
    {
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) record = tend_csv_reader_read_record (reader, NULL, &error);

      if (record == NULL)
        break;

      g_assert (error == NULL);
      g_assert (tend_csv_reader_get_record_line (reader) > 0);
      if (limited)
        {
          g_assert (g_strv_length (record) <= FUZZ_MAX_FIELDS);
          for (guint i = 0; record[i] != NULL; i++)
            g_assert (strlen (record[i]) <= 3 * FUZZ_MAX_FIELD);
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  size_t head_len = MIN (size, TEND_IMPORTER_HEAD_SIZE);
  const uint8_t *newline = memchr (data, '\n', head_len);
  char delimiter;
  guint n_records = 0;
  g_auto(GStrv) head = NULL;

  tend_fuzz_init ();

  delimiter = tend_csv_sniff_delimiter ((const char *) data,
                                        newline != NULL ? (gsize) (newline - data) : head_len);
  if (delimiter == '\0')
    delimiter = ',';

  head = tend_csv_parse_head (data, head_len, delimiter, 4, NULL, &n_records);
  g_clear_pointer (&head, g_strfreev);
  head = tend_csv_parse_head (data, head_len, 0, 8, "First Name", &n_records);

  read_all (data, size, delimiter, FALSE);
  read_all (data, size, delimiter, TRUE);

  return 0;
}
