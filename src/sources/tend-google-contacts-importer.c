/* tend-google-contacts-importer.c: a Google Contacts CSV export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Google writes "Name, Given Name, Additional Name, Family Name, …,
 * E-mail 1 - Type, E-mail 1 - Value, …" (newer exports: "First Name,
 * Middle Name, Last Name, …, E-mail 1 - Label"). A cell with several
 * values joins them with " ::: ", and notes and addresses keep their
 * newlines inside quotes. Everyone is a contact; the key is the first
 * e-mail address, else the first phone number, else the name.
 */
#define G_LOG_DOMAIN "tend-google-contacts-importer"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tend-csv-reader.h"
#include "tend-google-contacts-importer.h"
#include "tend-import-csv.h"
#include "tend-import-util.h"

#define MULTI_VALUE_SEPARATOR " ::: "

struct _TendGoogleContactsImporter
{
  GObject parent_instance;
};

typedef struct {
  int name;
  int given;
  int additional;
  int family;
  int nickname;
  int file_as;
  int organization;
  int email;
  int phone;
} Columns;

static void importer_iface_init (TendImporterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TendGoogleContactsImporter, tend_google_contacts_importer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TEND_TYPE_IMPORTER, importer_iface_init))

static void
find_columns (const char * const *header,
              Columns            *columns)
{
  const TendImportCsvColumn wanted[] = {
    { "Name", NULL, &columns->name },
    { "Given Name", "First Name", &columns->given },
    { "Additional Name", "Middle Name", &columns->additional },
    { "Family Name", "Last Name", &columns->family },
    { "Nickname", NULL, &columns->nickname },
    { "File As", NULL, &columns->file_as },
    { "Organization 1 - Name", "Organization Name", &columns->organization },
    { "E-mail 1 - Value", NULL, &columns->email },
    { "Phone 1 - Value", NULL, &columns->phone },
  };

  tend_import_csv_find_columns (header, wanted, G_N_ELEMENTS (wanted));
}

static gboolean
is_header (const char * const *record)
{
  Columns columns;

  find_columns (record, &columns);
  return (columns.name >= 0 || columns.given >= 0) &&
         (columns.email >= 0 || tend_import_find_column (record, "Group Membership") >= 0 ||
          tend_import_find_column (record, "Labels") >= 0);
}

static TendSourceKind
tend_google_contacts_importer_get_source_kind (TendImporter *importer)
{
  return TEND_SOURCE_KIND_GOOGLE_CONTACTS;
}

static guint
tend_google_contacts_importer_detect (TendImporter *importer,
                                      const char   *name,
                                      const guint8 *head,
                                      gsize         head_len)
{
  return tend_import_csv_head_has_header (head, head_len, 0, 1, NULL, is_header)
         ? TEND_IMPORTER_CONFIDENCE_CERTAIN : TEND_IMPORTER_CONFIDENCE_NONE;
}

static const char *
cell (char **record,
      int    column)
{
  return column >= 0 ? record[column] : NULL;
}

/* The first of " ::: "-joined values, trimmed. */
static char *
first_value (const char *text)
{
  g_autofree char *copy = NULL;
  char *separator;

  if (text == NULL)
    return NULL;

  copy = g_strdup (text);
  separator = strstr (copy, MULTI_VALUE_SEPARATOR);
  if (separator != NULL)
    *separator = '\0';

  return tend_import_clean_text (copy);
}

static char *
phone_key (const char *phone)
{
  g_autoptr(GString) digits = g_string_new ("tel:");

  if (phone == NULL)
    return NULL;

  for (const char *p = phone; *p != '\0'; p++)
    if (g_ascii_isdigit (*p) || (*p == '+' && digits->len == 4))
      g_string_append_c (digits, *p);

  if (digits->len < 4 + 3)
    return NULL;

  return g_string_free (g_steal_pointer (&digits), FALSE);
}

static gboolean
tend_google_contacts_importer_parse (TendImporter    *importer,
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
  Columns columns;

  buffered = tend_import_buffer_stream (stream, &head, &head_len, cancellable, error);
  if (buffered == NULL)
    return FALSE;

  reader = tend_csv_reader_new (buffered);
  tend_csv_reader_set_delimiter (reader, tend_csv_sniff_delimiter ((const char *) head, head_len));

  if (!tend_import_csv_read_header (reader, 1, is_header, &header, cancellable, error))
    return FALSE;

  if (header == NULL)
    {
      g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID,
                   _("line 1: there is no header row with “Name” and “E-mail 1 - Value”. "
                     "Export your contacts again as “Google CSV”"));
      return FALSE;
    }

  n_columns = g_strv_length (header);
  find_columns ((const char * const *) header, &columns);

  while (TRUE)
    {
      char **record = NULL;
      g_autofree char *name = NULL;
      g_autofree char *email = NULL;
      g_autofree char *phone = NULL;
      g_autofree char *key = NULL;
      guint n_fields;
      guint line;

      if (!tend_import_csv_next_record (reader, &record, &line, cancellable, error))
        return FALSE;
      if (record == NULL)
        break;

      n_fields = g_strv_length (record);
      if (n_fields != n_columns)
        {
          tend_import_csv_skip_column_count (sink, line, n_fields, n_columns);
          continue;
        }

      name = tend_import_clean_text (cell (record, columns.name));
      if (name == NULL)
        {
          g_autofree char *joined = tend_import_join_name (cell (record, columns.given),
                                                           cell (record, columns.additional),
                                                           cell (record, columns.family));

          name = tend_import_clean_text (joined);
        }
      if (name == NULL)
        name = tend_import_clean_text (cell (record, columns.nickname));
      if (name == NULL)
        name = tend_import_clean_text (cell (record, columns.file_as));
      if (name == NULL)
        name = first_value (cell (record, columns.organization));

      email = first_value (cell (record, columns.email));
      phone = first_value (cell (record, columns.phone));

      if (name == NULL && email == NULL && phone == NULL)
        {
          tend_import_sink_skip_row (sink, line, _("no name, e-mail address or phone number"));
          continue;
        }

      key = tend_import_email_key (email);
      if (key == NULL)
        key = phone_key (phone);
      if (key == NULL)
        {
          g_autofree char *name_key = tend_import_name_key (name, 0);

          key = tend_import_dedup_key (seen, name_key);
        }

      {
        TendImportPerson person = {
          .stable_key = key,
          .name = name != NULL ? name : (email != NULL ? email : phone),
          .handle = email,
          .relation = TEND_IMPORT_RELATION_CONTACT,
        };

        tend_import_sink_add_person (sink, &person);
      }
    }

  return TRUE;
}

static void
importer_iface_init (TendImporterInterface *iface)
{
  iface->get_source_kind = tend_google_contacts_importer_get_source_kind;
  iface->detect = tend_google_contacts_importer_detect;
  iface->parse = tend_google_contacts_importer_parse;
}

static void
tend_google_contacts_importer_class_init (TendGoogleContactsImporterClass *klass)
{
}

static void
tend_google_contacts_importer_init (TendGoogleContactsImporter *self)
{
}

TendImporter *
tend_google_contacts_importer_new (void)
{
  return g_object_new (TEND_TYPE_GOOGLE_CONTACTS_IMPORTER, NULL);
}
