/* tend-linkedin-messages-importer.c: LinkedIn's messages.csv
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per message: "CONVERSATION ID, CONVERSATION TITLE, FROM,
 * SENDER PROFILE URL, TO, RECIPIENT PROFILE URLS, DATE, SUBJECT,
 * CONTENT, FOLDER" in current exports; older ones have "From, To, Date,
 * Subject, Content, Direction, Folder". Drafts are not messages.
 *
 * Which way a message went. The export does not say who the owner is,
 * but the owner takes part in every message, as sender or recipient,
 * while anyone else only in their own conversations. So the owner is
 * the participant (by profile URL, else by name) found in the most
 * messages; a tie goes to the one in the most conversations. A message
 * from the owner is one interaction out to each recipient; any other
 * message is one interaction in from its sender. When the file has a
 * Direction column (INCOMING / OUTGOING), that wins. When nobody stands
 * out (one conversation between two people, both in every message), the
 * rows are skipped with that reason rather than guessed.
 */
#define G_LOG_DOMAIN "tend-linkedin-messages-importer"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tend-csv-reader.h"
#include "tend-import-csv.h"
#include "tend-import-util.h"
#include "tend-linkedin-messages-importer.h"

struct _TendLinkedinMessagesImporter
{
  GObject parent_instance;
};

typedef enum {
  DIRECTION_UNKNOWN,
  DIRECTION_INCOMING,
  DIRECTION_OUTGOING,
} DirectionHint;

typedef struct {
  guint          line;
  gint64         date;
  DirectionHint  hint;
  char          *sender_key;      /* participant key: "url:…" or "name:…" */
  char          *sender_name;
  char          *sender_url_key;  /* nullable */
  GPtrArray     *recipient_keys;
  GPtrArray     *recipient_names;
  GPtrArray     *recipient_url_keys;  /* nullable entries */
  char          *conversation;
  char          *external_id;
} Message;

typedef struct {
  guint       n_messages;
  GHashTable *conversations;   /* set */
} Participant;

static void importer_iface_init (TendImporterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TendLinkedinMessagesImporter, tend_linkedin_messages_importer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TEND_TYPE_IMPORTER, importer_iface_init))

static void
message_free (gpointer data)
{
  Message *message = data;

  g_free (message->sender_key);
  g_free (message->sender_name);
  g_free (message->sender_url_key);
  g_ptr_array_unref (message->recipient_keys);
  g_ptr_array_unref (message->recipient_names);
  g_ptr_array_unref (message->recipient_url_keys);
  g_free (message->conversation);
  g_free (message->external_id);
  g_free (message);
}

static void
participant_free (gpointer data)
{
  Participant *participant = data;

  g_hash_table_unref (participant->conversations);
  g_free (participant);
}

static gboolean
is_header (const char * const *record)
{
  return tend_import_find_column (record, "FROM") >= 0 &&
         tend_import_find_column (record, "TO") >= 0 &&
         tend_import_find_column (record, "DATE") >= 0 &&
         (tend_import_find_column (record, "CONTENT") >= 0 ||
          tend_import_find_column (record, "CONVERSATION ID") >= 0);
}

static TendSourceKind
tend_linkedin_messages_importer_get_source_kind (TendImporter *importer)
{
  return TEND_SOURCE_KIND_LINKEDIN;
}

static guint
tend_linkedin_messages_importer_detect (TendImporter *importer,
                                        const char   *name,
                                        const guint8 *head,
                                        gsize         head_len)
{
  return tend_import_csv_head_has_header (head, head_len, 0, 1, NULL, is_header)
         ? TEND_IMPORTER_CONFIDENCE_CERTAIN : TEND_IMPORTER_CONFIDENCE_NONE;
}

static char *
participant_key (const char *url_key,
                 const char *name)
{
  if (url_key != NULL)
    return g_strdup (url_key);

  return tend_import_name_key (name, 0);
}

static void
count_participant (GHashTable *participants,
                   const char *key,
                   const char *conversation)
{
  Participant *participant = g_hash_table_lookup (participants, key);

  if (participant == NULL)
    {
      participant = g_new0 (Participant, 1);
      participant->conversations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (participants, g_strdup (key), participant);
    }

  participant->n_messages++;
  if (conversation != NULL)
    g_hash_table_add (participant->conversations, g_strdup (conversation));
}

/* See the comment at the top of the file. */
static char *
find_owner (GHashTable *participants)
{
  GHashTableIter iter;
  gpointer key;
  gpointer value;
  const char *best = NULL;
  guint best_messages = 0;
  guint best_conversations = 0;
  gboolean tied = FALSE;

  g_hash_table_iter_init (&iter, participants);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Participant *participant = value;
      guint n_conversations = g_hash_table_size (participant->conversations);

      if (participant->n_messages > best_messages ||
          (participant->n_messages == best_messages && n_conversations > best_conversations))
        {
          best = key;
          best_messages = participant->n_messages;
          best_conversations = n_conversations;
          tied = FALSE;
        }
      else if (participant->n_messages == best_messages && n_conversations == best_conversations)
        {
          tied = TRUE;
        }
    }

  return tied ? NULL : g_strdup (best);
}

static void
split_recipients (Message    *message,
                  const char *names,
                  const char *urls)
{
  g_auto(GStrv) url_list = urls != NULL ? g_strsplit (urls, ",", -1) : NULL;
  g_auto(GStrv) name_list = names != NULL ? g_strsplit (names, ",", -1) : NULL;
  guint n_urls = 0;
  guint n_names = name_list ? g_strv_length (name_list) : 0;

  if (url_list != NULL)
    for (guint i = 0; url_list[i] != NULL; i++)
      if (g_strstrip (url_list[i])[0] != '\0')
        n_urls++;

  /* Names may hold commas themselves; trust the split only when it
   * matches the URLs, or when there are no URLs at all. */
  if (n_urls > 0 && n_urls != n_names)
    {
      g_strfreev (name_list);
      name_list = NULL;
    }

  for (guint i = 0; i < MAX (n_urls, 1); i++)
    {
      g_autofree char *name = NULL;
      char *url_key = NULL;

      if (n_urls > 0)
        url_key = tend_import_url_key (url_list[i]);

      if (name_list != NULL && i < g_strv_length (name_list))
        name = tend_import_clean_text (name_list[i]);
      else if (n_urls <= 1)
        name = tend_import_clean_text (names);

      if (n_urls == 0 && name_list != NULL && g_strv_length (name_list) > 1)
        {
          /* Several names and no URLs: one recipient each. */
          for (guint j = 0; name_list[j] != NULL; j++)
            {
              char *each = tend_import_clean_text (name_list[j]);

              if (each == NULL)
                continue;
              g_ptr_array_add (message->recipient_keys, participant_key (NULL, each));
              g_ptr_array_add (message->recipient_names, each);
              g_ptr_array_add (message->recipient_url_keys, NULL);
            }
          return;
        }

      if (url_key == NULL && name == NULL)
        continue;

      g_ptr_array_add (message->recipient_keys, participant_key (url_key, name));
      g_ptr_array_add (message->recipient_names, g_steal_pointer (&name));
      g_ptr_array_add (message->recipient_url_keys, url_key);
    }
}

static gboolean
tend_linkedin_messages_importer_parse (TendImporter    *importer,
                                       GInputStream    *stream,
                                       TendImportSink  *sink,
                                       GCancellable    *cancellable,
                                       GError         **error)
{
  g_autoptr(TendCsvReader) reader = tend_csv_reader_new (stream);
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (message_free);
  g_autoptr(GHashTable) participants = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, participant_free);
  g_auto(GStrv) header = NULL;
  g_autofree char *owner = NULL;
  guint n_columns;
  int from_col, sender_url_col, to_col, recipient_urls_col, date_col;
  int conversation_col, content_col, direction_col, folder_col, draft_col;

  if (!tend_import_csv_read_header (reader, 1, is_header, &header, cancellable, error))
    return FALSE;

  if (header == NULL)
    {
      g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID,
                   _("line 1: there is no header row with “FROM”, “TO” and “DATE”. "
                     "Use messages.csv as LinkedIn gave it"));
      return FALSE;
    }

  n_columns = g_strv_length (header);
  {
    const TendImportCsvColumn columns[] = {
      { "FROM", NULL, &from_col },
      { "TO", NULL, &to_col },
      { "DATE", NULL, &date_col },
      { "SENDER PROFILE URL", NULL, &sender_url_col },
      { "RECIPIENT PROFILE URLS", NULL, &recipient_urls_col },
      { "CONVERSATION ID", NULL, &conversation_col },
      { "CONTENT", NULL, &content_col },
      { "DIRECTION", NULL, &direction_col },
      { "FOLDER", NULL, &folder_col },
      { "IS MESSAGE DRAFT", NULL, &draft_col },
    };

    tend_import_csv_find_columns ((const char * const *) header, columns, G_N_ELEMENTS (columns));
  }

  while (TRUE)
    {
      char **record = NULL;
      g_autofree char *sender_name = NULL;
      g_autofree char *date_text = NULL;
      g_autofree char *checksum_input = NULL;
      Message *message;
      guint line;
      gint64 date;

      if (!tend_import_csv_next_record (reader, &record, &line, cancellable, error))
        return FALSE;
      if (record == NULL)
        break;

      if (g_strv_length (record) < n_columns)
        {
          tend_import_csv_skip_column_count (sink, line, g_strv_length (record), n_columns);
          continue;
        }

      if ((folder_col >= 0 && g_ascii_strcasecmp (g_strstrip (record[folder_col]), "DRAFT") == 0) ||
          (draft_col >= 0 && g_ascii_strcasecmp (g_strstrip (record[draft_col]), "Yes") == 0))
        continue;

      date_text = tend_import_clean_text (record[date_col]);
      if (!tend_import_parse_date (date_text, &date))
        {
          tend_import_sink_skip_row (sink, line, _("“%s” is not a date"), date_text ? date_text : "");
          continue;
        }

      sender_name = tend_import_clean_text (record[from_col]);
      message = g_new0 (Message, 1);
      message->line = line;
      message->date = date;
      message->sender_url_key = sender_url_col >= 0 ? tend_import_url_key (record[sender_url_col]) : NULL;
      message->sender_name = g_steal_pointer (&sender_name);
      message->recipient_keys = g_ptr_array_new_with_free_func (g_free);
      message->recipient_names = g_ptr_array_new_with_free_func (g_free);
      message->recipient_url_keys = g_ptr_array_new_with_free_func (g_free);
      message->conversation = conversation_col >= 0 ? g_strdup (record[conversation_col]) : NULL;

      if (message->sender_url_key == NULL && message->sender_name == NULL)
        {
          message_free (message);
          tend_import_sink_skip_row (sink, line, _("the message has no sender"));
          continue;
        }

      message->sender_key = participant_key (message->sender_url_key, message->sender_name);
      split_recipients (message, record[to_col],
                        recipient_urls_col >= 0 ? record[recipient_urls_col] : NULL);

      if (direction_col >= 0)
        {
          const char *hint = g_strstrip (record[direction_col]);

          if (g_ascii_strcasecmp (hint, "INCOMING") == 0)
            message->hint = DIRECTION_INCOMING;
          else if (g_ascii_strcasecmp (hint, "OUTGOING") == 0)
            message->hint = DIRECTION_OUTGOING;
        }

      /* No message id in the export: the same message read again must
       * give the same id, so it is derived from what the row says. */
      checksum_input = g_strjoin ("\x1f",
                                  message->conversation ? message->conversation : "",
                                  date_text, message->sender_key,
                                  content_col >= 0 ? record[content_col] : "",
                                  NULL);
      message->external_id = g_compute_checksum_for_string (G_CHECKSUM_SHA1, checksum_input, -1);

      count_participant (participants, message->sender_key, message->conversation);
      for (guint i = 0; i < message->recipient_keys->len; i++)
        if (!g_str_equal (message->recipient_keys->pdata[i], message->sender_key))
          count_participant (participants, message->recipient_keys->pdata[i], message->conversation);

      g_ptr_array_add (messages, message);
    }

  owner = find_owner (participants);

  for (guint i = 0; i < messages->len; i++)
    {
      Message *message = g_ptr_array_index (messages, i);
      gboolean outgoing;

      if (message->hint != DIRECTION_UNKNOWN)
        outgoing = message->hint == DIRECTION_OUTGOING;
      else if (owner != NULL)
        outgoing = g_str_equal (message->sender_key, owner);
      else
        {
          tend_import_sink_skip_row (sink, message->line,
                                     _("cannot tell which participant is you, so not "
                                       "whether the message came in or went out"));
          continue;
        }

      if (!outgoing)
        {
          tend_import_sink_add_interaction (sink, message->sender_url_key, message->sender_name,
                                            TEND_DIRECTION_IN, TEND_INTERACTION_MESSAGE,
                                            message->date, message->external_id);
          continue;
        }

      for (guint j = 0; j < message->recipient_keys->len; j++)
        {
          if (owner != NULL && g_str_equal (message->recipient_keys->pdata[j], owner))
            continue;

          tend_import_sink_add_interaction (sink, message->recipient_url_keys->pdata[j],
                                            message->recipient_names->pdata[j],
                                            TEND_DIRECTION_OUT, TEND_INTERACTION_MESSAGE,
                                            message->date, message->external_id);
        }
    }

  return TRUE;
}

static void
importer_iface_init (TendImporterInterface *iface)
{
  iface->get_source_kind = tend_linkedin_messages_importer_get_source_kind;
  iface->detect = tend_linkedin_messages_importer_detect;
  iface->parse = tend_linkedin_messages_importer_parse;
}

static void
tend_linkedin_messages_importer_class_init (TendLinkedinMessagesImporterClass *klass)
{
}

static void
tend_linkedin_messages_importer_init (TendLinkedinMessagesImporter *self)
{
}

TendImporter *
tend_linkedin_messages_importer_new (void)
{
  return g_object_new (TEND_TYPE_LINKEDIN_MESSAGES_IMPORTER, NULL);
}
