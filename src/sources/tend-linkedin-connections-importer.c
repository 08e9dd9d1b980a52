/* tend-linkedin-connections-importer.c: LinkedIn's Connections.csv
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Newer exports put a "Notes:" preamble (a line, a quoted paragraph and
 * a blank line) before the header; older ones, and files a spreadsheet
 * saved again, start with the header, perhaps after a byte order mark,
 * perhaps with semicolons. Older exports have no URL column. Dates are
 * "06 Jan 2023", or whatever the spreadsheet wrote. Rows with nothing
 * but the date (deactivated members) are skipped with a reason.
 *
 * LinkedIn connections are symmetric, so everyone is a friend. The key
 * is the profile URL, else the name and the date connected.
 */
#define G_LOG_DOMAIN "tend-linkedin-connections-importer"

#include "config.h"

#include <glib/gi18n.h>

#include "tend-csv-reader.h"
#include "tend-import-csv.h"
#include "tend-import-util.h"
#include "tend-linkedin-connections-importer.h"

/* The preamble is a handful of records; a header further down is not
 * this format. */
#define MAX_PREAMBLE_RECORDS 12

struct _TendLinkedinConnectionsImporter
{
  GObject parent_instance;
};

static void importer_iface_init (TendImporterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TendLinkedinConnectionsImporter, tend_linkedin_connections_importer,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TEND_TYPE_IMPORTER, importer_iface_init))

static gboolean
is_header (const char * const *record)
{
  return tend_import_find_column (record, "First Name") >= 0 &&
         tend_import_find_column (record, "Last Name") >= 0 &&
         tend_import_find_column (record, "Connected On") >= 0;
}

static TendSourceKind
tend_linkedin_connections_importer_get_source_kind (TendImporter *importer)
{
  return TEND_SOURCE_KIND_LINKEDIN;
}

static guint
tend_linkedin_connections_importer_detect (TendImporter *importer,
                                           const char   *name,
                                           const guint8 *head,
                                           gsize         head_len)
{
  return tend_import_csv_head_has_header (head, head_len, 0, MAX_PREAMBLE_RECORDS, "First Name", is_header)
         ? TEND_IMPORTER_CONFIDENCE_CERTAIN : TEND_IMPORTER_CONFIDENCE_NONE;
}

static gboolean
tend_linkedin_connections_importer_parse (TendImporter    *importer,
                                          GInputStream    *stream,
                                          TendImportSink  *sink,
                                          GCancellable    *cancellable,
                                          GError         **error)
{
  g_autoptr(GInputStream) buffered = NULL;
  g_autoptr(TendCsvReader) reader = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) header = NULL;
  const guint8 *head;
  gsize head_len;
  guint n_columns;
  int first_col, last_col, url_col, date_col;
  char delimiter = ',';

  buffered = tend_import_buffer_stream (stream, &head, &head_len, cancellable, error);
  if (buffered == NULL)
    return FALSE;

  /* The header decides the delimiter; the preamble has none to count. */
  if (tend_import_csv_head_has_header (head, head_len, ';', MAX_PREAMBLE_RECORDS, "First Name", is_header))
    delimiter = ';';

  reader = tend_csv_reader_new (buffered);
  tend_csv_reader_set_delimiter (reader, delimiter);

  if (!tend_import_csv_read_header (reader, MAX_PREAMBLE_RECORDS, is_header, &header, cancellable, error))
    return FALSE;

  if (header == NULL)
    {
      g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID,
                   _("line %u: there is no header row with “First Name”, “Last Name” and "
                     "“Connected On”. Use Connections.csv as LinkedIn gave it"),
                   MAX (tend_csv_reader_get_record_line (reader), 1));
      return FALSE;
    }

  n_columns = g_strv_length (header);
  {
    const TendImportCsvColumn columns[] = {
      { "First Name", NULL, &first_col },
      { "Last Name", NULL, &last_col },
      { "URL", NULL, &url_col },
      { "Connected On", NULL, &date_col },
    };

    tend_import_csv_find_columns ((const char * const *) header, columns, G_N_ELEMENTS (columns));
  }

  while (TRUE)
    {
      char **record = NULL;
      g_autofree char *name = NULL;
      g_autofree char *url = NULL;
      g_autofree char *key = NULL;
      const char *date_text;
      guint line;
      guint n_fields;
      gint64 since = 0;

      if (!tend_import_csv_next_record (reader, &record, &line, cancellable, error))
        return FALSE;
      if (record == NULL)
        break;

      n_fields = g_strv_length (record);

      /* A spreadsheet may leave empty cells after the last column. */
      while (n_fields > n_columns && g_strstrip (record[n_fields - 1])[0] == '\0')
        n_fields--;

      if (n_fields != n_columns)
        {
          tend_import_csv_skip_column_count (sink, line, n_fields, n_columns);
          continue;
        }

      {
        g_autofree char *joined = tend_import_join_name (record[first_col], NULL, record[last_col]);

        name = tend_import_clean_text (joined);
      }
      url = url_col >= 0 ? tend_import_clean_text (record[url_col]) : NULL;
      date_text = g_strstrip (record[date_col]);

      if (name == NULL && url == NULL)
        {
          tend_import_sink_skip_row (sink, line, _("no name or profile, only the date connected"));
          continue;
        }

      if (date_text[0] != '\0' && !tend_import_parse_date (date_text, &since))
        {
          tend_import_sink_skip_row (sink, line, _("“%s” is not a date"), date_text);
          continue;
        }

      if (url != NULL)
        key = tend_import_url_key (url);
      if (key == NULL)
        {
          g_autofree char *name_key = tend_import_name_key (name, since);

          key = tend_import_dedup_key (seen, name_key);
        }

      {
        TendImportPerson person = {
          .stable_key = key,
          .name = name != NULL ? name : url,
          .profile_url = url,
          .relation = TEND_IMPORT_RELATION_FRIEND,
          .since = since,
        };

        tend_import_sink_add_person (sink, &person);
      }
    }

  return TRUE;
}

static void
importer_iface_init (TendImporterInterface *iface)
{
  iface->get_source_kind = tend_linkedin_connections_importer_get_source_kind;
  iface->detect = tend_linkedin_connections_importer_detect;
  iface->parse = tend_linkedin_connections_importer_parse;
}

static void
tend_linkedin_connections_importer_class_init (TendLinkedinConnectionsImporterClass *klass)
{
}

static void
tend_linkedin_connections_importer_init (TendLinkedinConnectionsImporter *self)
{
}

TendImporter *
tend_linkedin_connections_importer_new (void)
{
  return g_object_new (TEND_TYPE_LINKEDIN_CONNECTIONS_IMPORTER, NULL);
}
