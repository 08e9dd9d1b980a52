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

static Thread *
read_thread (JsonObject     *object,
             TendImportSink *sink,
             GError        **error)
{
  Thread *thread = g_new0 (Thread, 1);
  JsonNode *participants = json_object_get_member (object, "participants");
  JsonNode *messages = json_object_get_member (object, "messages");
  const char *path = tend_import_json_get_string (object, "thread_path");

  thread->participants = g_ptr_array_new_with_free_func (g_free);
  thread->messages = g_ptr_array_new_with_free_func (message_free);

  if (participants != NULL && JSON_NODE_HOLDS_ARRAY (participants))
    {
      JsonArray *array = json_node_get_array (participants);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          char *name;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;

          name = tend_facebook_text_clean (tend_import_json_get_string (json_node_get_object (node), "name"));
          if (name == NULL || g_ptr_array_find_with_equal_func (thread->participants, name, g_str_equal, NULL))
            g_free (name);
          else
            g_ptr_array_add (thread->participants, name);
        }
    }

  if (messages == NULL || !JSON_NODE_HOLDS_ARRAY (messages))
    {
      thread_free (thread);
      g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID,
                   _("line 1: the conversation has no list of messages. Use the JSON "
                     "files Facebook gave you"));
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (json_node_get_array (messages)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (messages), i);
      g_autofree char *sender = NULL;
      g_autofree char *input = NULL;
      JsonObject *entry;
      const char *content;
      Message *message;
      gint64 timestamp_ms;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      entry = json_node_get_object (node);

      sender = tend_facebook_text_clean (tend_import_json_get_string (entry, "sender_name"));
      if (sender == NULL)
        {
          tend_import_sink_skip_entry (sink, "messages", i + 1, _("no sender"));
          continue;
        }

      if (!tend_import_json_get_int (entry, "timestamp_ms", &timestamp_ms) || timestamp_ms <= 0)
        {
          tend_import_sink_skip_entry (sink, "messages", i + 1, _("no time"));
          continue;
        }

      content = tend_import_json_get_string (entry, "content");

      /* No message id in the export: the same message read again must
       * give the same id, so it is derived from what the message says. */
      input = g_strdup_printf ("%s\x1f%" G_GINT64_FORMAT "\x1f%s\x1f%s",
                               path ? path : "", timestamp_ms, sender, content ? content : "");

      message = g_new0 (Message, 1);
      message->sender = g_steal_pointer (&sender);
      message->occurred_at = timestamp_ms / 1000;
      message->external_id = g_compute_checksum_for_string (G_CHECKSUM_SHA1, input, -1);
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
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *owner = NULL;
  State *state;
  Thread *thread;

  root = tend_import_json_load (stream, FALSE, NULL, cancellable, error);
  if (root == NULL)
    return FALSE;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID,
                   _("line 1: the file is not a Messenger conversation. Use the JSON files "
                     "Facebook gave you"));
      return FALSE;
    }

  thread = read_thread (json_node_get_object (root), sink, error);
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
