/* test-import-csv.c: the CSV reader, dates, keys and format detection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tend-csv-reader.h"
#include "tend-google-contacts-importer.h"
#include "tend-import-util.h"
#include "tend-importer.h"
#include "tend-linkedin-connections-importer.h"
#include "tend-linkedin-messages-importer.h"
#include "tend-mastodon-csv-importer.h"
#include "tend-test-import.h"
#include "tend-test-utils.h"
#include "tend-vcard-importer.h"

static TendCsvReader *
reader_for (const char *text,
            gssize      len)
{
  g_autoptr(GInputStream) stream = NULL;

  if (len < 0)
    len = strlen (text);
  stream = g_memory_input_stream_new_from_data (g_memdup2 (text, len), len, g_free);
  return tend_csv_reader_new (stream);
}

static void
assert_record (TendCsvReader *reader,
               guint          line,
               ...)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) record = tend_csv_reader_read_record (reader, NULL, &error);
  const char *expected;
  va_list args;
  guint i = 0;

  g_assert_no_error (error);
  g_assert_nonnull (record);
  g_assert_cmpuint (tend_csv_reader_get_record_line (reader), ==, line);

  va_start (args, line);
  while ((expected = va_arg (args, const char *)) != NULL)
    {
      g_assert_nonnull (record[i]);
      g_assert_cmpstr (record[i], ==, expected);
      i++;
    }
  va_end (args);

  g_assert_null (record[i]);
}

static void
assert_end (TendCsvReader *reader)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) record = tend_csv_reader_read_record (reader, NULL, &error);

  g_assert_no_error (error);
  g_assert_null (record);
}

static void
test_csv_rfc4180 (void)
{
  g_autoptr(TendCsvReader) reader =
    reader_for ("\xef\xbb\xbf" "a,b,c\r\n"
                "\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n"
                "\r\n"
                "1,,3\n"
                "\"\"\n"
                "last,no,newline", -1);

  assert_record (reader, 1, "a", "b", "c", NULL);
  assert_record (reader, 2, "x, y", "say \"hi\"", "two\nlines", NULL);
  /* The blank line 4 is no record; line numbers go on counting. */
  assert_record (reader, 5, "1", "", "3", NULL);
  assert_record (reader, 6, "", NULL);
  assert_record (reader, 7, "last", "no", "newline", NULL);
  assert_end (reader);
}

static void
test_csv_small_reads (void)
{
  /* The same text one byte per read: no state may be lost across reads. */
  const char *text = "a,\"b\r\nc\"\r\nd,e\r\n";
  g_autoptr(GInputStream) base = g_memory_input_stream_new ();
  g_autoptr(TendCsvReader) reader = NULL;

  for (const char *p = text; *p != '\0'; p++)
    g_memory_input_stream_add_data (G_MEMORY_INPUT_STREAM (base), g_strndup (p, 1), 1, g_free);

  reader = tend_csv_reader_new (base);
  assert_record (reader, 1, "a", "b\nc", NULL);
  assert_record (reader, 3, "d", "e", NULL);
  assert_end (reader);
}

static void
test_csv_errors (void)
{
  g_autoptr(TendCsvReader) open_quote = reader_for ("a,b\nc,\"never closed\nmore\n", -1);
  g_autoptr(TendCsvReader) long_field = NULL;
  g_autoptr(TendCsvReader) latin1 = reader_for ("caf\xe9,ok\n", -1);
  g_autoptr(TendCsvReader) utf16 = reader_for ("\xff\xfe" "a\0,\0", 6);
  g_autoptr(GError) error = NULL;
  g_autofree char *big = g_strnfill (100, 'x');
  g_auto(GStrv) record = NULL;

  assert_record (open_quote, 1, "a", "b", NULL);
  record = tend_csv_reader_read_record (open_quote, NULL, &error);
  g_assert_null (record);
  g_assert_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "line 2"));
  g_clear_error (&error);

  long_field = reader_for (big, -1);
  tend_csv_reader_set_limits (long_field, 50, 1000, 10);
  record = tend_csv_reader_read_record (long_field, NULL, &error);
  g_assert_null (record);
  g_assert_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* A spreadsheet's Windows-1252 re-save still reads. */
  assert_record (latin1, 1, "café", "ok", NULL);

  record = tend_csv_reader_read_record (utf16, NULL, &error);
  g_assert_null (record);
  g_assert_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "UTF-8"));
}

static void
assert_date (const char *text,
             const char *expected_iso)
{
  gint64 unix_time = 0;

  if (expected_iso == NULL)
    {
      g_assert_false (tend_import_parse_date (text, &unix_time));
      return;
    }

  g_assert_true (tend_import_parse_date (text, &unix_time));
  {
    g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (unix_time);
    g_autofree char *iso = g_date_time_format (date, "%Y-%m-%d");

    g_assert_cmpstr (iso, ==, expected_iso);
  }
}

static void
test_dates (void)
{
  assert_date ("06 Jan 2023", "2023-01-06");
  assert_date ("6 January 2023", "2023-01-06");
  assert_date ("Jan 6, 2023", "2023-01-06");
  assert_date ("6-Jan-23", "2023-01-06");
  assert_date ("2023-01-06", "2023-01-06");
  assert_date ("2023-01-06 14:03:12 UTC", "2023-01-06");
  assert_date ("1/6/23", "2023-01-06");
  assert_date ("01/06/2023", "2023-01-06");
  assert_date ("25/12/2022", "2022-12-25");
  assert_date ("06.01.2023", "2023-01-06");
  assert_date ("31 Feb 2023", NULL);
  assert_date ("soon", NULL);
  assert_date ("", NULL);
}

static void
test_keys (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *a = tend_import_url_key ("https://www.linkedin.com/in/Zoe-Angstrom/");
  g_autofree char *b = tend_import_url_key ("http://de.linkedin.com/in/zoe-angstrom?trk=abc");
  g_autofree char *c = tend_import_url_key ("linkedin.com/in/zoe-angstrom");
  g_autofree char *not_url = tend_import_url_key ("not a url");
  g_autofree char *email = tend_import_email_key (" Grace@Example.ORG ");
  g_autofree char *name = tend_import_name_key ("  Zoë   ÅNGSTRÖM ", 1672963200);
  g_autofree char *first = tend_import_dedup_key (seen, "name:kim lee|");
  g_autofree char *second = tend_import_dedup_key (seen, "name:kim lee|");

  g_assert_cmpstr (a, ==, "url:linkedin.com/in/zoe-angstrom");
  g_assert_cmpstr (b, ==, a);
  g_assert_cmpstr (c, ==, a);
  g_assert_null (not_url);
  g_assert_cmpstr (email, ==, "mailto:grace@example.org");
  g_assert_cmpstr (name, ==, "name:zoë ångström|2023-01-06");
  g_assert_cmpstr (first, ==, "name:kim lee|");
  g_assert_cmpstr (second, ==, "name:kim lee|#2");
}

static void
test_detect_by_content (void)
{
  g_autoptr(GPtrArray) importers = g_ptr_array_new_with_free_func (g_object_unref);
  const TendTestDetectCase cases[] = {
    { "linkedin/Connections.csv", TEND_TYPE_LINKEDIN_CONNECTIONS_IMPORTER },
    { "linkedin-old/Connections.csv", TEND_TYPE_LINKEDIN_CONNECTIONS_IMPORTER },
    { "linkedin/messages.csv", TEND_TYPE_LINKEDIN_MESSAGES_IMPORTER },
    { "mastodon/following_accounts.csv", TEND_TYPE_MASTODON_CSV_IMPORTER },
    { "mastodon-old/following_accounts.csv", TEND_TYPE_MASTODON_CSV_IMPORTER },
    { "google/contacts.csv", TEND_TYPE_GOOGLE_CONTACTS_IMPORTER },
    { "vcard/contacts.vcf", TEND_TYPE_VCARD_IMPORTER },
  };

  g_ptr_array_add (importers, tend_linkedin_connections_importer_new ());
  g_ptr_array_add (importers, tend_linkedin_messages_importer_new ());
  g_ptr_array_add (importers, tend_mastodon_csv_importer_new ());
  g_ptr_array_add (importers, tend_google_contacts_importer_new ());
  g_ptr_array_add (importers, tend_vcard_importer_new ());

  /* Renamed files are still recognised by what they hold. */
  tend_test_assert_detected (importers, cases, G_N_ELEMENTS (cases), "renamed-download.dat");

  {
    g_autoptr(GBytes) bytes = tend_test_read_data ("import", "unknown.txt", NULL);
    g_autoptr(GBytes) blocked = g_bytes_new_static ("troll@bad.example\n", 18);

    g_assert_null (tend_test_best_importer (importers, "unknown.txt", bytes));
    /* Old blocked-account lists look like old following lists. */
    g_assert_null (tend_test_best_importer (importers, "blocked_accounts.csv", blocked));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/import/csv/rfc4180", test_csv_rfc4180);
  g_test_add_func ("/import/csv/small-reads", test_csv_small_reads);
  g_test_add_func ("/import/csv/errors", test_csv_errors);
  g_test_add_func ("/import/util/dates", test_dates);
  g_test_add_func ("/import/util/keys", test_keys);
  g_test_add_func ("/import/detect/by-content", test_detect_by_content);

  return g_test_run ();
}
