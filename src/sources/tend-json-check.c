/* tend-json-check.c: read JSON members with their types checked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A server is untrusted input: every member is looked at for its type
 * before use, and one of the wrong type is an error naming the member,
 * never a crash or a silently wrong value. A missing or null optional
 * member reads as absent (NULL, 0 or FALSE).
 */
#define G_LOG_DOMAIN "tend-json-check"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tend-json-check.h"

G_DEFINE_QUARK (tend-json-check-error-quark, tend_json_check_error)

static gboolean
fail (GError     **error,
      const char  *member,
      const char  *expected)
{
  /* Translators: the first %s is a field of a server's reply, the
   * second what it should have been, e.g. “text” or “a list” */
  g_set_error (error, TEND_JSON_CHECK_ERROR, TEND_JSON_CHECK_ERROR_INVALID,
               _("“%s” is not %s"), member, expected);
  return FALSE;
}

static gboolean
is_absent (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

gboolean
tend_json_check_object (JsonNode     *node,
                        const char   *what,
                        JsonObject  **out_object,
                        GError      **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, what, _("an object"));

  *out_object = json_node_get_object (node);
  return TRUE;
}

gboolean
tend_json_check_array (JsonNode    *node,
                       const char  *what,
                       JsonArray  **out_array,
                       GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, what, _("a list"));

  *out_array = json_node_get_array (node);
  return TRUE;
}

static gboolean
holds_type (JsonNode *node,
            GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/**
 * tend_json_get_string:
 * @out_value: (out) (transfer none): the text, valid UTF-8, or %NULL
 *   when an optional member is absent
 */
gboolean
tend_json_get_string (JsonObject   *object,
                      const char   *member,
                      gboolean      required,
                      const char  **out_value,
                      GError      **error)
{
  JsonNode *node = json_object_get_member (object, member);
  const char *value;

  *out_value = NULL;

  if (is_absent (node) && !required)
    return TRUE;

  if (is_absent (node) || !holds_type (node, G_TYPE_STRING))
    return fail (error, member, _("text"));

  /* json-glib checks UTF-8 while parsing; the check here is cheap. */
  value = json_node_get_string (node);
  if (!g_utf8_validate (value, -1, NULL))
    return fail (error, member, _("text"));

  *out_value = value;
  return TRUE;
}

/**
 * tend_json_get_id:
 *
 * Reads a required identifier: non-empty text of at most 256 bytes, as
 * networks give ids as strings so that they survive JavaScript.
 */
gboolean
tend_json_get_id (JsonObject   *object,
                  const char   *member,
                  const char  **out_value,
                  GError      **error)
{
  if (!tend_json_get_string (object, member, TRUE, out_value, error))
    return FALSE;

  if ((*out_value)[0] == '\0' || strlen (*out_value) > 256)
    {
      *out_value = NULL;
      return fail (error, member, _("an identifier"));
    }

  return TRUE;
}

gboolean
tend_json_get_int (JsonObject  *object,
                   const char  *member,
                   gint64      *out_value,
                   GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out_value = 0;

  if (is_absent (node))
    return TRUE;

  if (!holds_type (node, G_TYPE_INT64))
    return fail (error, member, _("a whole number"));

  *out_value = json_node_get_int (node);
  return TRUE;
}

gboolean
tend_json_get_bool (JsonObject  *object,
                    const char  *member,
                    gboolean    *out_value,
                    GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out_value = FALSE;

  if (is_absent (node))
    return TRUE;

  if (!holds_type (node, G_TYPE_BOOLEAN))
    return fail (error, member, _("true or false"));

  *out_value = json_node_get_boolean (node);
  return TRUE;
}

gboolean
tend_json_get_object (JsonObject   *object,
                      const char   *member,
                      gboolean      required,
                      JsonObject  **out_value,
                      GError      **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out_value = NULL;

  if (is_absent (node) && !required)
    return TRUE;

  return tend_json_check_object (node, member, out_value, error);
}

gboolean
tend_json_get_array (JsonObject  *object,
                     const char  *member,
                     JsonArray  **out_value,
                     GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out_value = NULL;

  if (is_absent (node))
    return TRUE;

  return tend_json_check_array (node, member, out_value, error);
}

/**
 * tend_json_get_time:
 * @out_unix: (out): Unix seconds, or 0 when the member is absent
 *
 * Reads an ISO 8601 time; a bare date (Mastodon's `last_status_at`)
 * counts as its midnight in UTC.
 */
gboolean
tend_json_get_time (JsonObject  *object,
                    const char  *member,
                    gint64      *out_unix,
                    GError     **error)
{
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  const char *text;

  *out_unix = 0;

  if (!tend_json_get_string (object, member, FALSE, &text, error))
    return FALSE;

  if (text == NULL)
    return TRUE;

  if (strlen (text) == 10)
    {
      g_autofree char *midnight = g_strconcat (text, "T00:00:00Z", NULL);

      time = g_date_time_new_from_iso8601 (midnight, utc);
    }
  else
    {
      time = g_date_time_new_from_iso8601 (text, utc);
    }

  if (time == NULL)
    return fail (error, member, _("a date"));

  *out_unix = g_date_time_to_unix (time);
  return TRUE;
}
