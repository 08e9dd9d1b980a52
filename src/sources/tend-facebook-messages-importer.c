/* tend-facebook-messages-importer.c: Facebook Messenger's messages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every conversation is a folder messages/inbox/<thread>/ with
 * message_1.json, message_2.json… (long ones are split), each
 * {"participants": [{"name"}], "messages": [{"sender_name",
 * "timestamp_ms", "content"}], "thread_path"}. Names are mojibake and
 * repaired first (tend-facebook-text.c). There are no ids: people are
 * matched to the friends list by name.
 *
 * A file is read as a stream of tokens (tend-json-scanner.c), never as
 * a tree: participants and messages one at a time, every other member
 * skipped. Members come in any order, so what a message needs is kept
 * until the file ends and only then given to the sink, which therefore
 * gets nothing from a file that turns out to be damaged.
 *
 * Which way a message went. The export does not say who the owner is.
 * The owner is a participant of every conversation, so the owner is the
 * one name found among the participants (or senders) of every file read
 * so far in this import; when several names are (one conversation, or
 * all with the same person), the one who sent the most messages, if one
 * did strictly more. A message from the owner is one interaction out to
 * each other participant; any other message is one interaction in from
 * its sender. When nobody stands out the file's messages are skipped
 * with that reason rather than guessed.
 *
 * Because the answer can change as more conversations are read, and an
 * importer sees one file at a time, what was read is kept with the sink
 * of this import; when a later file changes who the owner is, what this
 * importer gave the sink for earlier files is taken back and given
 * again the right way round.
 */
#define G_LOG_DOMAIN "tend-facebook-messages-importer"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tend-facebook-messages-importer.h"
#include "tend-facebook-text.h"
#include "tend-import-json.h"
#include "tend-import-owner.h"
#include "tend-import-util.h"
#include "tend-json-scanner.h"

#define STATE_KEY "tend-facebook-messages-state"

struct _TendFacebookMessagesImporter
{
  GObject parent_instance;
};

typedef struct {
  char   *sender;
  gint64  occurred_at;
  char   *external_id;
} Message;

typedef struct {
  GPtrArray *participants;   /* repaired names */
  GPtrArray *messages;       /* Message */
} Thread;

typedef struct {
  GPtrArray  *threads;       /* Thread, every file read in this import */
  GHashTable *n_threads;     /* name → files in which it appears */
  GHashTable *n_sent;        /* name → messages sent */
  char       *owner;         /* the owner the sink's rows were given for */
  gboolean    emitted;
  GHashTable *given;         /* borrowed rows given to the sink: set */
} State;

static void importer_iface_init (TendImporterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TendFacebookMessagesImporter, tend_facebook_messages_importer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TEND_TYPE_IMPORTER, importer_iface_init))

static void
message_free (gpointer data)
{
  Message *message = data;

  g_free (message->sender);
  g_free (message->external_id);
  g_free (message);
}

static void
thread_free (gpointer data)
{
  Thread *thread = data;

  g_ptr_array_unref (thread->participants);
  g_ptr_array_unref (thread->messages);
  g_free (thread);
}

static void
state_free (gpointer data)
{
  State *state = data;

  g_ptr_array_unref (state->threads);
  g_hash_table_unref (state->n_threads);
  g_hash_table_unref (state->n_sent);
  g_hash_table_unref (state->given);
  g_free (state->owner);
  g_free (state);
}

static State *
get_state (TendImportSink *sink)
{
  State *state = g_object_get_data (G_OBJECT (sink), STATE_KEY);

  if (state == NULL)
    {
      state = g_new0 (State, 1);
      state->threads = g_ptr_array_new_with_free_func (thread_free);
      state->n_threads = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      state->n_sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      state->given = g_hash_table_new (NULL, NULL);
      g_object_set_data_full (G_OBJECT (sink), STATE_KEY, state, state_free);
    }

  return state;
}

static TendSourceKind
tend_facebook_messages_importer_get_source_kind (TendImporter *importer)
{
  return TEND_SOURCE_KIND_FACEBOOK;
}

static guint
tend_facebook_messages_importer_detect (TendImporter *importer,
                                        const char   *name,
                                        const guint8 *head,
                                        gsize         head_len)
{
  g_autofree char *lower = g_utf8_strdown (name, -1);
  char open = 0;
  g_autofree char *key = tend_import_json_first_key (head, head_len, &open);

  /* Instagram's messages are written the same way. */
  if (open != '{' || strstr (lower, "instagram") != NULL)
    return TEND_IMPORTER_CONFIDENCE_NONE;

  if (tend_import_json_head_has (head, head_len, "\"participants\"") &&
      (tend_import_json_head_has (head, head_len, "\"sender_name\"") ||
       tend_import_json_head_has (head, head_len, "\"messages\"")))
    return TEND_IMPORTER_CONFIDENCE_CERTAIN;

  return TEND_IMPORTER_CONFIDENCE_NONE;
}

/* Gives the sink one interaction for @message with @name, and keeps
 * the row so that it can be taken back. */
static void
give_message (State          *state,
              TendImportSink *sink,
              Message        *message,
              const char     *name,
              TendDirection   direction)
{
  GPtrArray *interactions;

  tend_import_sink_add_interaction (sink, NULL, name, direction, TEND_INTERACTION_MESSAGE,
                                    message->occurred_at, message->external_id);
  interactions = tend_import_sink_get_interactions (sink, TEND_SOURCE_KIND_FACEBOOK);
  g_hash_table_add (state->given, g_ptr_array_index (interactions, interactions->len - 1));
}

static void
give_thread (State          *state,
             TendImportSink *sink,
             Thread         *thread)
{
  if (state->owner == NULL)
    {
      if (thread->messages->len > 0)
        {
          GPtrArray *skipped;

          tend_import_owner_skip_unknown (sink, thread->messages->len);
          skipped = tend_import_sink_get_skipped (sink, TEND_SOURCE_KIND_FACEBOOK);
          g_hash_table_add (state->given, g_ptr_array_index (skipped, skipped->len - 1));
        }
      return;
    }

  for (guint i = 0; i < thread->messages->len; i++)
    {
      Message *message = g_ptr_array_index (thread->messages, i);

      if (!g_str_equal (message->sender, state->owner))
        {
          give_message (state, sink, message, message->sender, TEND_DIRECTION_IN);
          continue;
        }

      for (guint j = 0; j < thread->participants->len; j++)
        {
          const char *recipient = g_ptr_array_index (thread->participants, j);

          if (!g_str_equal (recipient, state->owner))
            give_message (state, sink, message, recipient, TEND_DIRECTION_OUT);
        }
    }
}

/* Takes back every row this importer gave the sink in this import. */
static void
take_back (State          *state,
           TendImportSink *sink)
{
  GPtrArray *arrays[] = {
    tend_import_sink_get_interactions (sink, TEND_SOURCE_KIND_FACEBOOK),
    tend_import_sink_get_skipped (sink, TEND_SOURCE_KIND_FACEBOOK),
  };

  for (guint a = 0; a < G_N_ELEMENTS (arrays); a++)
    for (guint i = arrays[a]->len; i > 0; i--)
      if (g_hash_table_contains (state->given, g_ptr_array_index (arrays[a], i - 1)))
        g_ptr_array_remove_index_fast (arrays[a], i - 1);

  g_hash_table_remove_all (state->given);
}

/* A message read from the list, kept until the end of the file: the
 * thread's path, which its id needs, comes after the list. */
typedef struct {
  char   *sender;          /* repaired */
  gint64  timestamp_ms;
  gsize   content;         /* where its text starts in Reader.contents */
} Pending;

typedef enum {
  SKIP_NO_SENDER,
  SKIP_NO_TIME,
} SkipReason;

typedef struct {
  guint      entry;        /* from 1 */
  SkipReason reason;
} PendingSkip;

/* What one file gives, read member by member. As with any JSON object,
 * a member given twice counts as its last value. */
typedef struct {
  TendJsonScanner *scanner;
  GCancellable    *cancellable;   /* borrowed */
  GPtrArray       *participants;  /* repaired names, from "participants" */
  gboolean         has_messages;  /* "messages" is a list */
  GArray          *pending;       /* Pending */
  GArray          *skips;         /* PendingSkip, given only once the file is read */
  GString         *contents;      /* the kept messages' texts, each NUL-ended */
  GString         *value;         /* a string being read */
  char            *path;          /* "thread_path" */
} Reader;

static void
pending_clear (gpointer data)
{
  Pending *pending = data;

  g_free (pending->sender);
}

static void
reader_clear (Reader *reader)
{
  g_clear_object (&reader->scanner);
  g_clear_pointer (&reader->participants, g_ptr_array_unref);
  g_clear_pointer (&reader->pending, g_array_unref);
  g_clear_pointer (&reader->skips, g_array_unref);
  if (reader->contents != NULL)
    g_string_free (g_steal_pointer (&reader->contents), TRUE);
  if (reader->value != NULL)
    g_string_free (g_steal_pointer (&reader->value), TRUE);
  g_clear_pointer (&reader->path, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reader, reader_clear)

static TendJsonToken
next_token (Reader  *reader,
            GError **error)
{
  return tend_json_scanner_next (reader->scanner, reader->cancellable, error);
}

static gboolean
skip_value (Reader  *reader,
            GError **error)
{
  return tend_json_scanner_skip_value (reader->scanner, reader->cancellable, error);
}

/* A member's name, as json-glib's trees would name it: up to a NUL. */
static gboolean
is_member (Reader     *reader,
           const char *name)
{
  return strcmp (tend_json_scanner_get_string (reader->scanner, NULL), name) == 0;
}

/* A member's value where a string or number belongs: an object or a
 * list there is skipped whole. */
static TendJsonToken
read_scalar (Reader  *reader,
             GError **error)
{
  TendJsonToken token = next_token (reader, error);

  if ((token == TEND_JSON_TOKEN_BEGIN_OBJECT || token == TEND_JSON_TOKEN_BEGIN_ARRAY) &&
      !skip_value (reader, error))
    return TEND_JSON_TOKEN_ERROR;

  return token;
}

/* As tend_import_json_get_int(): a whole number, or a string of digits. */
static gboolean
get_int (Reader        *reader,
         TendJsonToken  token,
         gint64        *out_value)
{
  if (token == TEND_JSON_TOKEN_NUMBER)
    {
      double value;

      if (tend_json_scanner_get_int (reader->scanner, out_value))
        return TRUE;

      value = tend_json_scanner_get_double (reader->scanner);
      if (value < -9.0e15 || value > 9.0e15)
        return FALSE;
      *out_value = (gint64) value;
      return TRUE;
    }

  if (token == TEND_JSON_TOKEN_STRING)
    return g_ascii_string_to_signed (tend_json_scanner_get_string (reader->scanner, NULL), 10,
                                     G_MININT64, G_MAXINT64, out_value, NULL);

  return FALSE;
}

/* Inside "participants", after its '['. */
static gboolean
read_participants (Reader  *reader,
                   GError **error)
{
  while (TRUE)
    {
      TendJsonToken token = next_token (reader, error);
      gboolean has_name = FALSE;
      char *name;

      if (token == TEND_JSON_TOKEN_END_ARRAY)
        return TRUE;
      if (token != TEND_JSON_TOKEN_BEGIN_OBJECT)
        {
          if (token == TEND_JSON_TOKEN_ERROR || !skip_value (reader, error))
            return FALSE;
          continue;
        }

      while ((token = next_token (reader, error)) == TEND_JSON_TOKEN_MEMBER)
        {
          if (!is_member (reader, "name"))
            {
              if (!skip_value (reader, error))
                return FALSE;
              continue;
            }

          token = read_scalar (reader, error);
          if (token == TEND_JSON_TOKEN_ERROR)
            return FALSE;
          has_name = token == TEND_JSON_TOKEN_STRING;
          if (has_name)
            g_string_assign (reader->value, tend_json_scanner_get_string (reader->scanner, NULL));
        }
      if (token == TEND_JSON_TOKEN_ERROR)
        return FALSE;

      name = has_name ? tend_facebook_text_clean (reader->value->str) : NULL;
      if (name == NULL || g_ptr_array_find_with_equal_func (reader->participants, name, g_str_equal, NULL))
        g_free (name);
      else
        g_ptr_array_add (reader->participants, name);
    }
}

/* Inside entry @entry of "messages", after its '{'. */
static gboolean
read_message (Reader  *reader,
              guint    entry,
              GError **error)
{
  g_autofree char *sender = NULL;
  gboolean has_time = FALSE;
  gboolean has_content = FALSE;
  gint64 timestamp_ms = 0;
  TendJsonToken token;

  while ((token = next_token (reader, error)) == TEND_JSON_TOKEN_MEMBER)
    {
      if (is_member (reader, "sender_name"))
        {
          token = read_scalar (reader, error);
          g_clear_pointer (&sender, g_free);
          if (token == TEND_JSON_TOKEN_STRING)
            sender = tend_facebook_text_clean (tend_json_scanner_get_string (reader->scanner, NULL));
        }
      else if (is_member (reader, "timestamp_ms"))
        {
          token = read_scalar (reader, error);
          has_time = get_int (reader, token, &timestamp_ms);
        }
      else if (is_member (reader, "content"))
        {
          token = read_scalar (reader, error);
          has_content = token == TEND_JSON_TOKEN_STRING;
          if (has_content)
            g_string_assign (reader->value, tend_json_scanner_get_string (reader->scanner, NULL));
        }
      else if (!skip_value (reader, error))
        return FALSE;

      if (token == TEND_JSON_TOKEN_ERROR)
        return FALSE;
    }
  if (token == TEND_JSON_TOKEN_ERROR)
    return FALSE;

  if (sender == NULL || !has_time || timestamp_ms <= 0)
    {
      PendingSkip skip = { entry, sender == NULL ? SKIP_NO_SENDER : SKIP_NO_TIME };

      g_array_append_val (reader->skips, skip);
    }
  else
    {
      Pending pending = { g_steal_pointer (&sender), timestamp_ms, reader->contents->len };

      g_array_append_val (reader->pending, pending);
      if (has_content)
        g_string_append (reader->contents, reader->value->str);
      g_string_append_c (reader->contents, '\0');
    }

  return TRUE;
}

/* Inside "messages", after its '['. */
static gboolean
read_messages (Reader  *reader,
               GError **error)
{
  for (guint entry = 1; ; entry++)
    {
      TendJsonToken token = next_token (reader, error);

      if (token == TEND_JSON_TOKEN_END_ARRAY)
        return TRUE;
      if (token == TEND_JSON_TOKEN_BEGIN_OBJECT)
        {
          if (!read_message (reader, entry, error))
            return FALSE;
        }
      else if (token == TEND_JSON_TOKEN_ERROR || !skip_value (reader, error))
        return FALSE;
    }
}

/* The whole file: one object, whose members may come in any order. */
static gboolean
read_conversation (Reader  *reader,
                   GError **error)
{
  TendJsonToken token = next_token (reader, error);

  if (token == TEND_JSON_TOKEN_ERROR)
    return FALSE;
  if (token == TEND_JSON_TOKEN_END)
    {
      g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID,
                   _("line 1: the file is empty. Download the export again"));
      return FALSE;
    }
  if (token != TEND_JSON_TOKEN_BEGIN_OBJECT)
    {
      /* Bad JSON further on is named first. */
      if (!skip_value (reader, error) || next_token (reader, error) == TEND_JSON_TOKEN_ERROR)
        return FALSE;
      g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID,
                   _("line 1: the file is not a Messenger conversation. Use the JSON files "
                     "Facebook gave you"));
      return FALSE;
    }

  while ((token = next_token (reader, error)) == TEND_JSON_TOKEN_MEMBER)
    {
      if (is_member (reader, "participants"))
        {
          g_ptr_array_set_size (reader->participants, 0);
          token = next_token (reader, error);
          if (token == TEND_JSON_TOKEN_ERROR ||
              (token == TEND_JSON_TOKEN_BEGIN_ARRAY ? !read_participants (reader, error)
                                                   : !skip_value (reader, error)))
            return FALSE;
        }
      else if (is_member (reader, "messages"))
        {
          g_array_set_size (reader->pending, 0);
          g_array_set_size (reader->skips, 0);
          g_string_truncate (reader->contents, 0);
          token = next_token (reader, error);
          reader->has_messages = token == TEND_JSON_TOKEN_BEGIN_ARRAY;
          if (token == TEND_JSON_TOKEN_ERROR ||
              (reader->has_messages ? !read_messages (reader, error) : !skip_value (reader, error)))
            return FALSE;
        }
      else if (is_member (reader, "thread_path"))
        {
          token = read_scalar (reader, error);
          if (token == TEND_JSON_TOKEN_ERROR)
            return FALSE;
          g_free (reader->path);
          reader->path = token == TEND_JSON_TOKEN_STRING
                           ? g_strdup (tend_json_scanner_get_string (reader->scanner, NULL))
                           : NULL;
        }
      else if (!skip_value (reader, error))
        return FALSE;
    }

  /* After the object, the end of the text and nothing else. */
  if (token == TEND_JSON_TOKEN_ERROR || next_token (reader, error) == TEND_JSON_TOKEN_ERROR)
    return FALSE;

  if (!reader->has_messages)
    {
      g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID,
                   _("line 1: the conversation has no list of messages. Use the JSON "
                     "files Facebook gave you"));
      return FALSE;
    }

  return TRUE;
}

/* No message id in the export: the same message read again must give
 * the same id, so it is derived from what the message says: the SHA-1
 * of the path, time, sender and content with \x1f between them. Ids are
 * stored; they must not change. */
static char *
message_id (GChecksum  *checksum,
            const char *path,
            gint64      timestamp_ms,
            const char *sender,
            const char *content)
{
  char digits[24];
  char *when = digits + sizeof digits;
  guint64 magnitude = timestamp_ms < 0 ? -(guint64) timestamp_ms : (guint64) timestamp_ms;

  /* As "%" G_GINT64_FORMAT writes it; printf is a tenth of the cost. */
  *--when = '\0';
  do
    *--when = '0' + magnitude % 10;
  while ((magnitude /= 10) > 0);
  if (timestamp_ms < 0)
    *--when = '-';

  g_checksum_reset (checksum);
  g_checksum_update (checksum, (const guchar *) path, -1);
  g_checksum_update (checksum, (const guchar *) "\x1f", 1);
  g_checksum_update (checksum, (const guchar *) when, -1);
  g_checksum_update (checksum, (const guchar *) "\x1f", 1);
  g_checksum_update (checksum, (const guchar *) sender, -1);
  g_checksum_update (checksum, (const guchar *) "\x1f", 1);
  g_checksum_update (checksum, (const guchar *) content, -1);

  return g_strdup (g_checksum_get_string (checksum));
}

static Thread *
read_thread (GInputStream    *stream,
             TendImportSink  *sink,
             GCancellable    *cancellable,
             GError         **error)
{
  g_auto(Reader) reader = { 0 };
  g_autoptr(GChecksum) checksum = NULL;
  Thread *thread;

  reader.scanner = tend_json_scanner_new (stream);
  reader.cancellable = cancellable;
  reader.participants = g_ptr_array_new_with_free_func (g_free);
  reader.pending = g_array_new (FALSE, FALSE, sizeof (Pending));
  g_array_set_clear_func (reader.pending, pending_clear);
  reader.skips = g_array_new (FALSE, FALSE, sizeof (PendingSkip));
  reader.contents = g_string_new (NULL);
  reader.value = g_string_new (NULL);

  if (!read_conversation (&reader, error))
    return NULL;

  for (guint i = 0; i < reader.skips->len; i++)
    {
      const PendingSkip *skip = &g_array_index (reader.skips, PendingSkip, i);

      if (skip->reason == SKIP_NO_SENDER)
        tend_import_sink_skip_entry (sink, "messages", skip->entry, _("no sender"));
      else
        tend_import_sink_skip_entry (sink, "messages", skip->entry, _("no time"));
    }

  thread = g_new0 (Thread, 1);
  thread->participants = g_steal_pointer (&reader.participants);
  thread->messages = g_ptr_array_new_full (reader.pending->len, message_free);
  checksum = g_checksum_new (G_CHECKSUM_SHA1);

  for (guint i = 0; i < reader.pending->len; i++)
    {
      Pending *pending = &g_array_index (reader.pending, Pending, i);
      Message *message = g_new0 (Message, 1);

      message->external_id = message_id (checksum, reader.path ? reader.path : "", pending->timestamp_ms,
                                         pending->sender, reader.contents->str + pending->content);
      message->sender = g_steal_pointer (&pending->sender);
      message->occurred_at = pending->timestamp_ms / 1000;
      g_ptr_array_add (thread->messages, message);

      /* Someone who wrote but has left the conversation still took part. */
      if (!g_ptr_array_find_with_equal_func (thread->participants, message->sender, g_str_equal, NULL))
        g_ptr_array_add (thread->participants, g_strdup (message->sender));
    }

  return thread;
}

static gboolean
tend_facebook_messages_importer_parse (TendImporter    *importer,
                                       GInputStream    *stream,
                                       TendImportSink  *sink,
                                       GCancellable    *cancellable,
                                       GError         **error)
{
  g_autofree char *owner = NULL;
  State *state;
  Thread *thread;

  thread = read_thread (stream, sink, cancellable, error);
  if (thread == NULL)
    return FALSE;

  state = get_state (sink);
  g_ptr_array_add (state->threads, thread);
  for (guint i = 0; i < thread->participants->len; i++)
    tend_import_owner_count (state->n_threads, g_ptr_array_index (thread->participants, i), 1);
  for (guint i = 0; i < thread->messages->len; i++)
    tend_import_owner_count (state->n_sent, ((Message *) g_ptr_array_index (thread->messages, i))->sender, 1);

  owner = tend_import_owner_find (state->n_threads, state->n_sent, state->threads->len);
  if (state->emitted && g_strcmp0 (owner, state->owner) == 0)
    {
      give_thread (state, sink, thread);
      return TRUE;
    }

  if (state->emitted)
    g_debug ("The owner is now %s, not %s", owner ? owner : "unknown",
             state->owner ? state->owner : "unknown");

  take_back (state, sink);
  g_free (state->owner);
  state->owner = g_steal_pointer (&owner);
  state->emitted = TRUE;

  for (guint i = 0; i < state->threads->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      give_thread (state, sink, g_ptr_array_index (state->threads, i));
    }

  return TRUE;
}

static void
importer_iface_init (TendImporterInterface *iface)
{
  iface->get_source_kind = tend_facebook_messages_importer_get_source_kind;
  iface->detect = tend_facebook_messages_importer_detect;
  iface->parse = tend_facebook_messages_importer_parse;
}

static void
tend_facebook_messages_importer_class_init (TendFacebookMessagesImporterClass *klass)
{
}

static void
tend_facebook_messages_importer_init (TendFacebookMessagesImporter *self)
{
}

TendImporter *
tend_facebook_messages_importer_new (void)
{
  return g_object_new (TEND_TYPE_FACEBOOK_MESSAGES_IMPORTER, NULL);
}
