/* tend-import-json.c: reading the JSON exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The JSON exports of Facebook, Instagram and X are read whole into
 * memory (the runner caps the size of every entry), checked for nesting
 * deeper than any export has, and parsed with json-glib. Errors name the
 * line and the position in it.
 */
#define G_LOG_DOMAIN "tend-import-json"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "tend-import-json.h"
#include "tend-importer.h"

#define READ_CHUNK (64 * 1024)

static gboolean
read_all (GInputStream  *stream,
          GByteArray    *data,
          GCancellable  *cancellable,
          GError       **error)
{
  while (TRUE)
    {
      gsize before = data->len;
      gssize n_read;

      g_byte_array_set_size (data, before + READ_CHUNK);
      n_read = g_input_stream_read (stream, data->data + before, READ_CHUNK, cancellable, error);
      if (n_read < 0)
        {
          g_byte_array_set_size (data, before);
          return FALSE;
        }

      g_byte_array_set_size (data, before + n_read);
      if (n_read == 0)
        return TRUE;
    }
}

/* Blanks out "window.YTD.follower.part0 = " (X's archive is JavaScript),
 * keeping line and position numbers, and returns the "follower". */
static char *
strip_assignment (GByteArray  *data,
                  GError     **error)
{
  static const char prefix[] = "window.YTD.";
  gsize i = 0;
  gsize start;
  gsize name_start;
  gsize name_end;
  char *name;

  while (i < data->len && g_ascii_isspace (data->data[i]))
    i++;

  start = i;
  if (data->len - i < strlen (prefix) || memcmp (data->data + i, prefix, strlen (prefix)) != 0)
    goto fail;

  i += strlen (prefix);
  name_start = i;
  while (i < data->len && (g_ascii_isalnum (data->data[i]) || data->data[i] == '_'))
    i++;
  name_end = i;
  if (name_end == name_start)
    goto fail;

  while (i < data->len && (g_ascii_isalnum (data->data[i]) || data->data[i] == '_' || data->data[i] == '.'))
    i++;
  while (i < data->len && data->data[i] == ' ')
    i++;
  if (i >= data->len || data->data[i] != '=')
    goto fail;

  name = g_strndup ((const char *) data->data + name_start, name_end - name_start);
  memset (data->data + start, ' ', i + 1 - start);
  return name;

fail:
  g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID,
               _("line 1: the file does not start with “window.YTD.”. Use the file as "
                 "the X archive gave it"));
  return NULL;
}

/* json-glib 1.6 has no depth limit of its own. */
static gboolean
check_depth (const GByteArray  *data,
             GError           **error)
{
  gboolean in_string = FALSE;
  guint depth = 0;
  guint line = 1;
  gsize line_start = 0;

  for (gsize i = 0; i < data->len; i++)
    {
      guint8 c = data->data[i];

      if (c == '\n')
        {
          line++;
          line_start = i + 1;
        }
      else if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        {
          in_string = TRUE;
        }
      else if (c == '[' || c == '{')
        {
          if (++depth > TEND_IMPORT_JSON_MAX_DEPTH)
            {
              g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_SUSPICIOUS,
                           _("line %u, position %u: the data is nested more than %u levels "
                             "deep, which no export is"),
                           line, (guint) (i - line_start + 1), TEND_IMPORT_JSON_MAX_DEPTH);
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        {
          depth--;
        }
    }

  return TRUE;
}

/* "<data>:3:2: Parse error: unexpected character" → "line 3, position 2: …" */
static void
set_parse_error (GError     **error,
                 const char  *message)
{
  const char *rest = message;
  guint line = 0;
  guint column = 0;

  if (g_str_has_prefix (rest, "<data>:"))
    {
      char *end;

      rest += strlen ("<data>:");
      line = strtoul (rest, &end, 10);
      if (*end == ':')
        {
          rest = end + 1;
          column = strtoul (rest, &end, 10);
          rest = end;
        }
      while (*rest == ':' || *rest == ' ')
        rest++;
    }

  if (line > 0)
    g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID,
                 _("line %u, position %u: the file is not valid JSON (%s). Download the "
                   "export again"),
                 line, column, rest);
  else
    g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID,
                 _("the file is not valid JSON (%s). Download the export again"),
                 rest);
}

/**
 * tend_import_json_load:
 * @js_assignment: the file is X's "window.YTD.name.partN = …"
 * @out_assigned: (out) (optional) (transfer full): the "name" of it
 *
 * Reads @stream to its end and parses it.
 *
 * Returns: (transfer full) (nullable): the root node, or %NULL with
 *   @error set
 */
JsonNode *
tend_import_json_load (GInputStream  *stream,
                       gboolean       js_assignment,
                       char         **out_assigned,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *assigned = NULL;
  JsonNode *root;

  if (!read_all (stream, data, cancellable, error))
    return NULL;

  /* A byte-order mark is no JSON; blank it. */
  if (data->len >= 3 && memcmp (data->data, "\xef\xbb\xbf", 3) == 0)
    memset (data->data, ' ', 3);

  if (js_assignment)
    {
      assigned = strip_assignment (data, error);
      if (assigned == NULL)
        return NULL;
    }

  if (!g_utf8_validate_len ((const char *) data->data, data->len, NULL))
    {
      g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID,
                   _("the file is not UTF-8 text. Download the export again"));
      return NULL;
    }

  if (!check_depth (data, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, (const char *) data->data, data->len, &local_error))
    {
      set_parse_error (error, local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID,
                   _("line 1: the file is empty. Download the export again"));
      return NULL;
    }

  if (out_assigned != NULL)
    *out_assigned = g_steal_pointer (&assigned);

  return json_node_ref (root);
}

/**
 * tend_import_json_head_has:
 *
 * Returns: whether @needle occurs in the first bytes of an entry
 */
gboolean
tend_import_json_head_has (const guint8 *head,
                           gsize         head_len,
                           const char   *needle)
{
  gsize needle_len = strlen (needle);

  if (head_len < needle_len)
    return FALSE;

  for (gsize i = 0; i + needle_len <= head_len; i++)
    if (head[i] == (guint8) needle[0] && memcmp (head + i, needle, needle_len) == 0)
      return TRUE;

  return FALSE;
}

/**
 * tend_import_json_first_key:
 * @out_open: (out) (optional): the first character: '{', '[', or 0 when
 *   the head is no JSON
 *
 * Returns: (transfer full) (nullable): the first member's name when the
 *   text starts with an object
 */
char *
tend_import_json_first_key (const guint8 *head,
                            gsize         head_len,
                            char         *out_open)
{
  gsize i = 0;
  gsize start;

  if (out_open != NULL)
    *out_open = 0;

  if (head_len >= 3 && memcmp (head, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < head_len && g_ascii_isspace (head[i]))
    i++;
  if (i >= head_len || (head[i] != '{' && head[i] != '['))
    return NULL;

  if (out_open != NULL)
    *out_open = head[i];
  if (head[i] != '{')
    return NULL;

  i++;
  while (i < head_len && g_ascii_isspace (head[i]))
    i++;
  if (i >= head_len || head[i] != '"')
    return NULL;

  start = ++i;
  while (i < head_len && head[i] != '"' && head[i] != '\\')
    i++;
  if (i >= head_len || head[i] != '"')
    return NULL;

  return g_strndup ((const char *) head + start, i - start);
}

/**
 * tend_import_json_get_string:
 *
 * Returns: (nullable): the member's text, when it is a string
 */
const char *
tend_import_json_get_string (JsonObject *object,
                             const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/**
 * tend_import_json_get_int:
 *
 * Reads a whole number, or a string of digits.
 *
 * Returns: %FALSE when the member is missing or no whole number
 */
gboolean
tend_import_json_get_int (JsonObject *object,
                          const char *member,
                          gint64     *out_value)
{
  JsonNode *node;
  GType type;

  if (object == NULL)
    return FALSE;

  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      *out_value = json_node_get_int (node);
      return TRUE;
    }
  if (type == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node);

      if (value < -9.0e15 || value > 9.0e15)
        return FALSE;
      *out_value = (gint64) value;
      return TRUE;
    }
  if (type == G_TYPE_STRING)
    return g_ascii_string_to_signed (json_node_get_string (node), 10, G_MININT64, G_MAXINT64,
                                     out_value, NULL);

  return FALSE;
}
