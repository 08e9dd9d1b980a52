/* tend-facebook-friends-importer.c: Facebook's friends and followers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Download your information" (JSON) lists people in one object per
 * file, under a key that says what the list is:
 *
 *   connections/friends/your_friends.json       {"friends_v2": […]}
 *   connections/friends/removed_friends.json    {"deleted_friends_v2": […]}
 *   …/who_you've_followed.json                  {"following_v3": […]}
 *   …/people_who_followed_you.json              {"followers_v3": […]}
 *   friends/friends.json (older exports)        {"friends": […]}
 *
 * with entries {"name": "…", "timestamp": 1600000000}. The key's
 * version suffix and spelling have changed over the years, so the list
 * is recognised by its key's words ("friends", "removed" or "deleted",
 * "following", "followers"), not by the file name, and friend requests
 * are left alone.
 *
 * Facebook gives names only, no ids or addresses. The stable key is the
 * repaired name with the date of the entry; two entries of the same name
 * and day in one file stay two people (tend_import_dedup_key()). Names
 * are mojibake and repaired first (tend-facebook-text.c).
 */
#define G_LOG_DOMAIN "tend-facebook-friends-importer"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tend-facebook-friends-importer.h"
#include "tend-facebook-text.h"
#include "tend-import-json.h"
#include "tend-import-util.h"

struct _TendFacebookFriendsImporter
{
  GObject parent_instance;
};

static void importer_iface_init (TendImporterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TendFacebookFriendsImporter, tend_facebook_friends_importer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TEND_TYPE_IMPORTER, importer_iface_init))

/* What a list's key says about the people in it. */
static TendImportRelation
relation_for_key (const char *key)
{
  g_autofree char *lower = NULL;

  if (key == NULL)
    return TEND_IMPORT_RELATION_NONE;

  lower = g_ascii_strdown (key, -1);

  if (strstr (lower, "request") != NULL || strstr (lower, "suggest") != NULL)
    return TEND_IMPORT_RELATION_NONE;

  if (strstr (lower, "friends") != NULL)
    {
      if (strstr (lower, "removed") != NULL || strstr (lower, "deleted") != NULL)
        return TEND_IMPORT_RELATION_REMOVED_FRIEND;
      if (g_str_has_prefix (lower, "friends"))
        return TEND_IMPORT_RELATION_FRIEND;
      return TEND_IMPORT_RELATION_NONE;
    }

  if (g_str_has_prefix (lower, "following"))
    return TEND_IMPORT_RELATION_FOLLOWING;
  if (g_str_has_prefix (lower, "followers"))
    return TEND_IMPORT_RELATION_FOLLOWER;

  return TEND_IMPORT_RELATION_NONE;
}

static TendSourceKind
tend_facebook_friends_importer_get_source_kind (TendImporter *importer)
{
  return TEND_SOURCE_KIND_FACEBOOK;
}

static guint
tend_facebook_friends_importer_detect (TendImporter *importer,
                                       const char   *name,
                                       const guint8 *head,
                                       gsize         head_len)
{
  g_autofree char *key = tend_import_json_first_key (head, head_len, NULL);

  if (relation_for_key (key) == TEND_IMPORT_RELATION_NONE)
    return TEND_IMPORTER_CONFIDENCE_NONE;

  /* Instagram's lists start with "relationships_…", X's with "window". */
  if (tend_import_json_head_has (head, head_len, "\"name\"") ||
      tend_import_json_head_has (head, head_len, "[]"))
    return TEND_IMPORTER_CONFIDENCE_CERTAIN;

  return TEND_IMPORTER_CONFIDENCE_LIKELY;
}

static char *
entry_name (JsonObject *entry)
{
  const char *name = tend_import_json_get_string (entry, "name");
  JsonNode *list;

  if (name == NULL)
    name = tend_import_json_get_string (entry, "title");

  /* Some newer lists are shaped like Instagram's. */
  list = json_object_get_member (entry, "string_list_data");
  if (name == NULL && list != NULL && JSON_NODE_HOLDS_ARRAY (list) &&
      json_array_get_length (json_node_get_array (list)) > 0)
    {
      JsonNode *first = json_array_get_element (json_node_get_array (list), 0);

      if (JSON_NODE_HOLDS_OBJECT (first))
        name = tend_import_json_get_string (json_node_get_object (first), "value");
    }

  return tend_facebook_text_clean (name);
}

static gboolean
tend_facebook_friends_importer_parse (TendImporter    *importer,
                                      GInputStream    *stream,
                                      TendImportSink  *sink,
                                      GCancellable    *cancellable,
                                      GError         **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GList) members = NULL;
  TendImportRelation relation = TEND_IMPORT_RELATION_NONE;
  JsonArray *list = NULL;
  const char *list_name = NULL;
  JsonObject *object;

  root = tend_import_json_load (stream, FALSE, NULL, cancellable, error);
  if (root == NULL)
    return FALSE;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    goto no_list;

  object = json_node_get_object (root);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (object, l->data);

      relation = relation_for_key (l->data);
      if (relation != TEND_IMPORT_RELATION_NONE && JSON_NODE_HOLDS_ARRAY (node))
        {
          list = json_node_get_array (node);
          list_name = l->data;
          break;
        }
    }

  if (list == NULL)
    goto no_list;

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      g_autofree char *name = NULL;
      g_autofree char *name_key = NULL;
      g_autofree char *key = NULL;
      TendImportPerson person = { 0, };
      gint64 since = 0;

      if (i % 512 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          tend_import_sink_skip_entry (sink, list_name, i + 1, _("not a person"));
          continue;
        }

      name = entry_name (json_node_get_object (node));
      if (name == NULL)
        {
          tend_import_sink_skip_entry (sink, list_name, i + 1, _("no name"));
          continue;
        }

      if (!tend_import_json_get_int (json_node_get_object (node), "timestamp", &since) || since < 0)
        since = 0;

      name_key = tend_import_name_key (name, since);
      key = tend_import_dedup_key (seen, name_key);

      person.stable_key = key;
      person.name = name;
      person.relation = relation;
      person.since = since;
      tend_import_sink_add_person (sink, &person);
    }

  return TRUE;

no_list:
  g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID,
               _("line 1: there is no list of friends or followers in the file. Use the "
                 "JSON files Facebook gave you"));
  return FALSE;
}

static void
importer_iface_init (TendImporterInterface *iface)
{
  iface->get_source_kind = tend_facebook_friends_importer_get_source_kind;
  iface->detect = tend_facebook_friends_importer_detect;
  iface->parse = tend_facebook_friends_importer_parse;
}

static void
tend_facebook_friends_importer_class_init (TendFacebookFriendsImporterClass *klass)
{
}

static void
tend_facebook_friends_importer_init (TendFacebookFriendsImporter *self)
{
}

TendImporter *
tend_facebook_friends_importer_new (void)
{
  return g_object_new (TEND_TYPE_FACEBOOK_FRIENDS_IMPORTER, NULL);
}
