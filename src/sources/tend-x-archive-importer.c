/* tend-x-archive-importer.c: the X archive's followers, following and messages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The X (Twitter) archive is JavaScript, one assignment per file:
 *
 *   data/follower.js   window.YTD.follower.part0 = [{"follower": {"accountId", "userLink"}}]
 *   data/following.js  window.YTD.following.part0 = [{"following": {…}}]
 *   data/direct-messages.js
 *     window.YTD.direct_messages.part0 = [{"dmConversation": {"conversationId",
 *       "messages": [{"messageCreate": {"id", "senderId", "recipientId", "createdAt"}}]}}]
 *
 * Large lists are split into follower-part1.js… with ".part1" in the
 * assignment; the assignment, not the file name, says what a file is.
 * The prefix is blanked before the rest is parsed as JSON.
 *
 * Account ids have 19 digits, more than a double holds exactly, and
 * are written as strings; they are only ever read as text. An id
 * written as a number is left out with that reason. There are no
 * handles, names or dates: the key is "x:<id>", the profile the
 * archive's link or https://x.com/i/user/<id>.
 *
 * Which way a message went: the owner takes part in every conversation,
 * so the owner is the one id found in all of them; when several are
 * (one conversation), the one who sent strictly the most messages, else
 * the messages are skipped with that reason rather than guessed.
 * A message is in when someone else sent it, out to its recipient when
 * the owner did.
 */
#define G_LOG_DOMAIN "tend-x-archive-importer"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tend-import-json.h"
#include "tend-import-owner.h"
#include "tend-import-util.h"
#include "tend-x-archive-importer.h"

#define MAX_ID_LENGTH 20

struct _TendXArchiveImporter
{
  GObject parent_instance;
};

typedef struct {
  char   *sender;
  char   *recipient;   /* nullable */
  gint64  occurred_at;
  char   *external_id;
} Message;

static void importer_iface_init (TendImporterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TendXArchiveImporter, tend_x_archive_importer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TEND_TYPE_IMPORTER, importer_iface_init))

static const char * const known_lists[] = { "follower", "following", "direct_messages" };

static void
message_free (gpointer data)
{
  Message *message = data;

  g_free (message->sender);
  g_free (message->recipient);
  g_free (message->external_id);
  g_free (message);
}

static TendSourceKind
tend_x_archive_importer_get_source_kind (TendImporter *importer)
{
  return TEND_SOURCE_KIND_X;
}

static guint
tend_x_archive_importer_detect (TendImporter *importer,
                                const char   *name,
                                const guint8 *head,
                                gsize         head_len)
{
  gsize i = tend_import_skip_bom_and_space (head, head_len);

  for (guint k = 0; k < G_N_ELEMENTS (known_lists); k++)
    {
      g_autofree char *prefix = g_strconcat ("window.YTD.", known_lists[k], ".part", NULL);
      gsize len = strlen (prefix);

      if (head_len - i >= len && memcmp (head + i, prefix, len) == 0)
        return TEND_IMPORTER_CONFIDENCE_CERTAIN;
    }

  return TEND_IMPORTER_CONFIDENCE_NONE;
}

/* The id as text, or NULL with @why set when it is missing or no id. */
static const char *
get_id (JsonObject  *object,
        const char  *member,
        const char **why)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;
  const char *id;
  gsize len;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *why = _("no account id");
      return NULL;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      /* A number may already have lost its last digits. */
      *why = _("an account id that is not text, so it may have lost digits");
      return NULL;
    }

  id = json_node_get_string (node);
  len = strlen (id);
  if (len == 0 || len > MAX_ID_LENGTH || strspn (id, "0123456789") != len)
    {
      *why = _("an account id that is not a number");
      return NULL;
    }

  return id;
}

static void
read_account (JsonObject         *account,
              guint               index,
              TendImportRelation  relation,
              TendImportSink     *sink)
{
  const char *why = NULL;
  const char *id = get_id (account, "accountId", &why);
  const char *link = tend_import_json_get_string (account, "userLink");
  g_autofree char *key = NULL;
  g_autofree char *url = NULL;
  TendImportPerson person = { 0, };

  if (id == NULL)
    {
      /* The file is the list. */
      tend_import_sink_skip_entry (sink, NULL, index + 1, "%s", why);
      return;
    }

  if (link != NULL && (g_str_has_prefix (link, "https://") || g_str_has_prefix (link, "http://")))
    url = g_strdup (link);
  else
    url = g_strconcat ("https://x.com/i/user/", id, NULL);

  key = g_strconcat ("x:", id, NULL);

  person.stable_key = key;
  person.name = id;
  person.profile_url = url;
  person.relation = relation;
  tend_import_sink_add_person (sink, &person);
}

static void
read_accounts (JsonArray          *list,
               const char         *member,
               TendImportRelation  relation,
               TendImportSink     *sink)
{
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      JsonNode *account = NULL;

      if (JSON_NODE_HOLDS_OBJECT (node))
        account = json_object_get_member (json_node_get_object (node), member);

      if (account == NULL || !JSON_NODE_HOLDS_OBJECT (account))
        {
          tend_import_sink_skip_entry (sink, NULL, i + 1, _("not an account"));
          continue;
        }

      read_account (json_node_get_object (account), i, relation, sink);
    }
}

/* A message is an entry of its conversation's list. */
static void
skip_message (TendImportSink *sink,
              guint           conversation,
              guint           message,
              const char     *why)
{
  /* Translators: names the list a skipped message is in, as in
   * "entry 4 of conversation 2: no time" */
  g_autofree char *list = g_strdup_printf (_("conversation %u"), conversation + 1);

  tend_import_sink_skip_entry (sink, list, message + 1, "%s", why);
}

static void
read_messages (JsonArray      *list,
               TendImportSink *sink)
{
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (message_free);
  g_autoptr(GHashTable) n_conversations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) n_sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *owner = NULL;
  guint n_total = 0;

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      g_autoptr(GHashTable) present = g_hash_table_new (g_str_hash, g_str_equal);
      JsonNode *conversation = NULL;
      JsonNode *items;
      GHashTableIter iter;
      gpointer id;

      if (JSON_NODE_HOLDS_OBJECT (node))
        conversation = json_object_get_member (json_node_get_object (node), "dmConversation");
      if (conversation == NULL || !JSON_NODE_HOLDS_OBJECT (conversation))
        {
          tend_import_sink_skip_entry (sink, NULL, i + 1, _("not a conversation"));
          continue;
        }

      items = json_object_get_member (json_node_get_object (conversation), "messages");
      if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items))
        continue;

      for (guint j = 0; j < json_array_get_length (json_node_get_array (items)); j++)
        {
          JsonNode *item = json_array_get_element (json_node_get_array (items), j);
          JsonNode *create = NULL;
          JsonObject *object;
          g_autoptr(GDateTime) date = NULL;
          const char *sender, *recipient, *created, *message_id;
          const char *why = NULL;
          Message *message;

          if (JSON_NODE_HOLDS_OBJECT (item))
            create = json_object_get_member (json_node_get_object (item), "messageCreate");
          if (create == NULL || !JSON_NODE_HOLDS_OBJECT (create))
            continue;   /* joins, leaves and reactions */
          object = json_node_get_object (create);

          sender = get_id (object, "senderId", &why);
          if (sender == NULL)
            {
              skip_message (sink, i, j, why);
              continue;
            }
          recipient = get_id (object, "recipientId", &why);

          created = tend_import_json_get_string (object, "createdAt");
          if (created != NULL)
            {
              g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

              date = g_date_time_new_from_iso8601 (created, utc);
            }
          if (date == NULL)
            {
              skip_message (sink, i, j, _("no time"));
              continue;
            }

          message_id = tend_import_json_get_string (object, "id");

          message = g_new0 (Message, 1);
          message->sender = g_strdup (sender);
          message->recipient = g_strdup (recipient);
          message->occurred_at = g_date_time_to_unix (date);
          if (message_id != NULL)
            message->external_id = g_strconcat ("x-dm:", message_id, NULL);
          g_ptr_array_add (messages, message);

          g_hash_table_add (present, message->sender);
          if (message->recipient != NULL)
            g_hash_table_add (present, message->recipient);
          tend_import_owner_count (n_sent, message->sender, 1);
        }

      if (g_hash_table_size (present) == 0)
        continue;

      n_total++;
      g_hash_table_iter_init (&iter, present);
      while (g_hash_table_iter_next (&iter, &id, NULL))
        tend_import_owner_count (n_conversations, id, 1);
    }

  owner = tend_import_owner_find (n_conversations, n_sent, n_total);
  if (owner == NULL)
    {
      if (messages->len > 0)
        tend_import_owner_skip_unknown (sink, messages->len);
      return;
    }

  for (guint i = 0; i < messages->len; i++)
    {
      Message *message = g_ptr_array_index (messages, i);
      g_autofree char *key = NULL;

      if (g_str_equal (message->sender, owner))
        {
          if (message->recipient == NULL || g_str_equal (message->recipient, owner))
            continue;
          key = g_strconcat ("x:", message->recipient, NULL);
          tend_import_sink_add_interaction (sink, key, NULL, TEND_DIRECTION_OUT,
                                            TEND_INTERACTION_MESSAGE, message->occurred_at,
                                            message->external_id);
        }
      else
        {
          key = g_strconcat ("x:", message->sender, NULL);
          tend_import_sink_add_interaction (sink, key, NULL, TEND_DIRECTION_IN,
                                            TEND_INTERACTION_MESSAGE, message->occurred_at,
                                            message->external_id);
        }
    }
}

static gboolean
tend_x_archive_importer_parse (TendImporter    *importer,
                               GInputStream    *stream,
                               TendImportSink  *sink,
                               GCancellable    *cancellable,
                               GError         **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *assigned = NULL;

  root = tend_import_json_load (stream, TRUE, &assigned, cancellable, error);
  if (root == NULL)
    return FALSE;

  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID,
                   _("line 1: the file holds no list. Use the file as the X archive gave it"));
      return FALSE;
    }

  if (g_str_equal (assigned, "follower"))
    read_accounts (json_node_get_array (root), "follower", TEND_IMPORT_RELATION_FOLLOWER, sink);
  else if (g_str_equal (assigned, "following"))
    read_accounts (json_node_get_array (root), "following", TEND_IMPORT_RELATION_FOLLOWING, sink);
  else if (g_str_equal (assigned, "direct_messages"))
    read_messages (json_node_get_array (root), sink);
  else
    {
      g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_UNKNOWN_FORMAT,
                   _("line 1: “%s” is not a part of the X archive Tend reads"), assigned);
      return FALSE;
    }

  return TRUE;
}

static void
importer_iface_init (TendImporterInterface *iface)
{
  iface->get_source_kind = tend_x_archive_importer_get_source_kind;
  iface->detect = tend_x_archive_importer_detect;
  iface->parse = tend_x_archive_importer_parse;
}

static void
tend_x_archive_importer_class_init (TendXArchiveImporterClass *klass)
{
}

static void
tend_x_archive_importer_init (TendXArchiveImporter *self)
{
}

TendImporter *
tend_x_archive_importer_new (void)
{
  return g_object_new (TEND_TYPE_X_ARCHIVE_IMPORTER, NULL);
}
