/* tend-instagram-importer.c: Instagram's followers and following
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Instagram's "Download your information" (JSON) gives
 *
 *   connections/followers_and_following/followers_1.json
 *     a top-level array, split every 10,000 into followers_2.json…
 *   connections/followers_and_following/following.json
 *     {"relationships_following": […]}
 *
 * whose entries are {"title", "string_list_data": [{"href", "value",
 * "timestamp"}]}. Older exports leave "title" empty and put the user
 * name in "value", with "https://www.instagram.com/<name>"; newer ones
 * put it in "title" only, with "https://www.instagram.com/_u/<name>";
 * one export can mix both. The files are told apart by their content:
 * the array is followers, the object names its list.
 *
 * User names are case-insensitive and the key for everyone, whichever
 * form they came in: "url:instagram.com/<name>".
 */
#define G_LOG_DOMAIN "tend-instagram-importer"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tend-facebook-text.h"
#include "tend-import-json.h"
#include "tend-import-util.h"
#include "tend-instagram-importer.h"

struct _TendInstagramImporter
{
  GObject parent_instance;
};

static void importer_iface_init (TendImporterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TendInstagramImporter, tend_instagram_importer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TEND_TYPE_IMPORTER, importer_iface_init))

static TendImportRelation
relation_for_key (const char *key)
{
  if (g_strcmp0 (key, "relationships_following") == 0)
    return TEND_IMPORT_RELATION_FOLLOWING;
  if (g_strcmp0 (key, "relationships_followers") == 0)
    return TEND_IMPORT_RELATION_FOLLOWER;
  return TEND_IMPORT_RELATION_NONE;
}

static TendSourceKind
tend_instagram_importer_get_source_kind (TendImporter *importer)
{
  return TEND_SOURCE_KIND_INSTAGRAM;
}

static guint
tend_instagram_importer_detect (TendImporter *importer,
                                const char   *name,
                                const guint8 *head,
                                gsize         head_len)
{
  char open = 0;
  g_autofree char *key = tend_import_json_first_key (head, head_len, &open);

  if (relation_for_key (key) != TEND_IMPORT_RELATION_NONE)
    return TEND_IMPORTER_CONFIDENCE_CERTAIN;

  if (open == '[' && tend_import_json_head_has (head, head_len, "\"string_list_data\""))
    {
      if (tend_import_name_matches (name, "followers_*.json"))
        return TEND_IMPORTER_CONFIDENCE_CERTAIN;
      return TEND_IMPORTER_CONFIDENCE_LIKELY;
    }

  return TEND_IMPORTER_CONFIDENCE_NONE;
}

/* "https://www.instagram.com/_u/alice" and "…/alice/" give "alice". */
static char *
name_from_href (const char *href)
{
  g_autoptr(GUri) uri = NULL;
  g_auto(GStrv) segments = NULL;
  const char *last = NULL;

  if (href == NULL)
    return NULL;

  uri = g_uri_parse (href, G_URI_FLAGS_PARSE_RELAXED, NULL);
  if (uri == NULL)
    return NULL;

  segments = g_strsplit (g_uri_get_path (uri), "/", -1);
  for (guint i = 0; segments[i] != NULL; i++)
    if (segments[i][0] != '\0' && !g_str_equal (segments[i], "_u"))
      last = segments[i];

  return g_strdup (last);
}

static gboolean
is_user_name (const char *name)
{
  if (name == NULL || name[0] == '\0' || strlen (name) > 64)
    return FALSE;

  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '_')
      return FALSE;

  return TRUE;
}

static void
read_entry (JsonObject         *entry,
            const char         *list_name,
            guint               index,
            TendImportRelation  relation,
            TendImportSink     *sink)
{
  JsonNode *list = json_object_get_member (entry, "string_list_data");
  JsonObject *data = NULL;
  g_autofree char *title = tend_facebook_text_clean (tend_import_json_get_string (entry, "title"));
  g_autofree char *value = NULL;
  g_autofree char *from_href = NULL;
  g_autofree char *user = NULL;
  g_autofree char *url = NULL;
  g_autofree char *key = NULL;
  g_autofree char *handle = NULL;
  TendImportPerson person = { 0, };
  gint64 since = 0;

  if (list != NULL && JSON_NODE_HOLDS_ARRAY (list) && json_array_get_length (json_node_get_array (list)) > 0)
    {
      JsonNode *first = json_array_get_element (json_node_get_array (list), 0);

      if (JSON_NODE_HOLDS_OBJECT (first))
        data = json_node_get_object (first);
    }

  if (data != NULL)
    {
      value = tend_facebook_text_clean (tend_import_json_get_string (data, "value"));
      from_href = name_from_href (tend_import_json_get_string (data, "href"));
      if (!tend_import_json_get_int (data, "timestamp", &since) || since < 0)
        since = 0;
    }

  if (is_user_name (value))
    user = g_ascii_strdown (value, -1);
  else if (is_user_name (title))
    user = g_ascii_strdown (title, -1);
  else if (is_user_name (from_href))
    user = g_ascii_strdown (from_href, -1);

  if (user == NULL)
    {
      tend_import_sink_skip_entry (sink, list_name, index + 1, _("no user name"));
      return;
    }

  url = g_strconcat ("https://www.instagram.com/", user, NULL);
  key = tend_import_url_key (url);
  handle = g_strconcat ("@", user, NULL);

  person.stable_key = key;
  person.name = user;
  person.handle = handle;
  person.profile_url = url;
  person.relation = relation;
  person.since = since;
  tend_import_sink_add_person (sink, &person);
}

static gboolean
tend_instagram_importer_parse (TendImporter    *importer,
                               GInputStream    *stream,
                               TendImportSink  *sink,
                               GCancellable    *cancellable,
                               GError         **error)
{
  g_autoptr(JsonNode) root = NULL;
  TendImportRelation relation = TEND_IMPORT_RELATION_NONE;
  JsonArray *list = NULL;
  g_autofree char *list_name = NULL;   /* NULL when the file is the list */

  root = tend_import_json_load (stream, FALSE, NULL, cancellable, error);
  if (root == NULL)
    return FALSE;

  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      relation = TEND_IMPORT_RELATION_FOLLOWER;
      list = json_node_get_array (root);
    }
  else if (JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *node = json_object_get_member (object, l->data);

          relation = relation_for_key (l->data);
          if (relation != TEND_IMPORT_RELATION_NONE && JSON_NODE_HOLDS_ARRAY (node))
            {
              list = json_node_get_array (node);
              list_name = g_strdup (l->data);
              break;
            }
        }
    }

  if (list == NULL)
    {
      g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID,
                   _("line 1: there is no list of followers or following in the file. Use "
                     "the JSON files Instagram gave you"));
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);

      if (i % 512 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          tend_import_sink_skip_entry (sink, list_name, i + 1, _("not an account"));
          continue;
        }

      read_entry (json_node_get_object (node), list_name, i, relation, sink);
    }

  return TRUE;
}

static void
importer_iface_init (TendImporterInterface *iface)
{
  iface->get_source_kind = tend_instagram_importer_get_source_kind;
  iface->detect = tend_instagram_importer_detect;
  iface->parse = tend_instagram_importer_parse;
}

static void
tend_instagram_importer_class_init (TendInstagramImporterClass *klass)
{
}

static void
tend_instagram_importer_init (TendInstagramImporter *self)
{
}

TendImporter *
tend_instagram_importer_new (void)
{
  return g_object_new (TEND_TYPE_INSTAGRAM_IMPORTER, NULL);
}
