/* tend-mastodon-csv-importer.c: Mastodon's following_accounts.csv
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Account address,Show boosts,Notify on new posts,Languages", one
 * account followed per row; very old exports have no header and only
 * the address. Blocked and muted account lists look the same without a
 * header, so those are told apart by their file names and left alone.
 * The key is the account address, which is what Mastodon itself uses.
 */
#define G_LOG_DOMAIN "tend-mastodon-csv-importer"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tend-csv-reader.h"
#include "tend-import-csv.h"
#include "tend-import-util.h"
#include "tend-mastodon-csv-importer.h"

#define HEADER_FIRST_COLUMN "Account address"
#define MAX_DETECT_RECORDS 20

struct _TendMastodonCsvImporter
{
  GObject parent_instance;
};

static void importer_iface_init (TendImporterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TendMastodonCsvImporter, tend_mastodon_csv_importer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TEND_TYPE_IMPORTER, importer_iface_init))

/* "name@server.example", with or without a leading "@"; the user part
 * and the lower-cased server are returned. */
static gboolean
split_address (const char  *text,
               char       **out_user,
               char       **out_server)
{
  g_autofree char *address = g_strstrip (g_strdup (text));
  const char *start = address;
  const char *at;

  if (start[0] == '@')
    start++;

  at = strchr (start, '@');
  if (at == NULL || at == start || strchr (at + 1, '@') != NULL ||
      strchr (at + 1, '.') == NULL || at[1] == '.')
    return FALSE;

  for (const char *p = start; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p) || *p == '/' || *p == ':' || *p == ',' || *p == '"')
        return FALSE;
    }

  *out_user = g_strndup (start, at - start);
  *out_server = g_ascii_strdown (at + 1, -1);
  return TRUE;
}

static TendSourceKind
tend_mastodon_csv_importer_get_source_kind (TendImporter *importer)
{
  return TEND_SOURCE_KIND_MASTODON_CSV;
}

static guint
tend_mastodon_csv_importer_detect (TendImporter *importer,
                                   const char   *name,
                                   const guint8 *head,
                                   gsize         head_len)
{
  g_autoptr(GInputStream) memory = NULL;
  g_autoptr(TendCsvReader) reader = NULL;
  g_auto(GStrv) first = tend_csv_parse_head (head, head_len, ',', 1, NULL, NULL);
  guint n_addresses = 0;

  if (first != NULL && g_ascii_strcasecmp (first[0], HEADER_FIRST_COLUMN) == 0)
    return TEND_IMPORTER_CONFIDENCE_CERTAIN;

  if (tend_import_name_matches (name, "*block*") || tend_import_name_matches (name, "*mute*"))
    return TEND_IMPORTER_CONFIDENCE_NONE;

  /* The old form: every row one account address. The last record of the
   * head may be cut short, so it does not count. */
  memory = g_memory_input_stream_new_from_data (head, head_len, NULL);
  reader = tend_csv_reader_new (memory);
  for (guint i = 0; i < MAX_DETECT_RECORDS; i++)
    {
      char **record = tend_csv_reader_next_record (reader, NULL, NULL);
      g_autofree char *user = NULL;
      g_autofree char *server = NULL;

      if (record == NULL)
        break;

      if (g_strv_length (record) != 1 || !split_address (record[0], &user, &server))
        {
          if (i == 0 || head_len < TEND_IMPORTER_HEAD_SIZE)
            return TEND_IMPORTER_CONFIDENCE_NONE;
          break;
        }

      n_addresses++;
    }

  if (n_addresses == 0)
    return TEND_IMPORTER_CONFIDENCE_NONE;

  if (tend_import_name_matches (name, "following_accounts*.csv"))
    return TEND_IMPORTER_CONFIDENCE_CERTAIN;

  return TEND_IMPORTER_CONFIDENCE_LIKELY;
}

static gboolean
tend_mastodon_csv_importer_parse (TendImporter    *importer,
                                  GInputStream    *stream,
                                  TendImportSink  *sink,
                                  GCancellable    *cancellable,
                                  GError         **error)
{
  g_autoptr(TendCsvReader) reader = tend_csv_reader_new (stream);
  gboolean first = TRUE;

  while (TRUE)
    {
      char **record = NULL;
      g_autofree char *user = NULL;
      g_autofree char *server = NULL;
      g_autofree char *handle = NULL;
      g_autofree char *key = NULL;
      g_autofree char *url = NULL;
      g_autofree char *folded_user = NULL;
      guint line;

      if (!tend_import_csv_next_record (reader, &record, &line, cancellable, error))
        return FALSE;
      if (record == NULL)
        break;

      if (first)
        {
          first = FALSE;
          if (g_ascii_strcasecmp (g_strstrip (record[0]), HEADER_FIRST_COLUMN) == 0)
            continue;
        }

      if (!split_address (record[0], &user, &server))
        {
          g_autofree char *shown = g_strstrip (g_strdup (record[0]));

          tend_import_sink_skip_row (sink, line,
                                     _("“%s” is not an account address like name@server.example"),
                                     shown);
          continue;
        }

      /* Mastodon matches user names without regard to case. */
      folded_user = g_utf8_strdown (user, -1);
      handle = g_strdup_printf ("@%s@%s", user, server);
      key = g_strdup_printf ("acct:%s@%s", folded_user, server);
      url = g_strdup_printf ("https://%s/@%s", server, user);

      {
        TendImportPerson person = {
          .stable_key = key,
          .name = handle,
          .handle = handle,
          .profile_url = url,
          .relation = TEND_IMPORT_RELATION_FOLLOWING,
        };

        tend_import_sink_add_person (sink, &person);
      }
    }

  return TRUE;
}

static void
importer_iface_init (TendImporterInterface *iface)
{
  iface->get_source_kind = tend_mastodon_csv_importer_get_source_kind;
  iface->detect = tend_mastodon_csv_importer_detect;
  iface->parse = tend_mastodon_csv_importer_parse;
}

static void
tend_mastodon_csv_importer_class_init (TendMastodonCsvImporterClass *klass)
{
}

static void
tend_mastodon_csv_importer_init (TendMastodonCsvImporter *self)
{
}

TendImporter *
tend_mastodon_csv_importer_new (void)
{
  return g_object_new (TEND_TYPE_MASTODON_CSV_IMPORTER, NULL);
}
