/* tend-source.c: one network account or one imported export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tend-source"

#include "config.h"

#include "tend-enum-types.h"
#include "tend-source.h"

struct _TendSource
{
  GObject parent_instance;

  /* fixed at construction, owned */
  gint64 id;
  TendSourceKind kind;
  char *account;
  char *title;

  /* what the store counted when it loaded the source */
  guint connection_count;
  gint64 last_import_at;
  guint joined_count;
  guint left_count;
  gboolean connected;
};

G_DEFINE_FINAL_TYPE (TendSource, tend_source, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_ACCOUNT,
  PROP_TITLE,
  PROP_CONNECTION_COUNT,
  PROP_LAST_IMPORT_AT,
  PROP_JOINED_COUNT,
  PROP_LEFT_COUNT,
  PROP_CONNECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tend_source_finalize (GObject *object)
{
  TendSource *self = (TendSource *)object;

  g_free (self->account);
  g_free (self->title);

  G_OBJECT_CLASS (tend_source_parent_class)->finalize (object);
}

static void
tend_source_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  TendSource *self = TEND_SOURCE (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_KIND: g_value_set_enum (value, self->kind); break;
    case PROP_ACCOUNT: g_value_set_string (value, self->account); break;
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_CONNECTION_COUNT: g_value_set_uint (value, self->connection_count); break;
    case PROP_LAST_IMPORT_AT: g_value_set_int64 (value, self->last_import_at); break;
    case PROP_JOINED_COUNT: g_value_set_uint (value, self->joined_count); break;
    case PROP_LEFT_COUNT: g_value_set_uint (value, self->left_count); break;
    case PROP_CONNECTED: g_value_set_boolean (value, self->connected); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_source_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  TendSource *self = TEND_SOURCE (object);

  switch (prop_id)
    {
    case PROP_ID: self->id = g_value_get_int64 (value); break;
    case PROP_KIND: self->kind = g_value_get_enum (value); break;
    case PROP_ACCOUNT: self->account = g_value_dup_string (value); break;
    case PROP_TITLE: self->title = g_value_dup_string (value); break;
    case PROP_CONNECTION_COUNT: tend_source_set_connection_count (self, g_value_get_uint (value)); break;
    case PROP_LAST_IMPORT_AT: tend_source_set_last_import_at (self, g_value_get_int64 (value)); break;
    case PROP_CONNECTED: tend_source_set_connected (self, g_value_get_boolean (value)); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_source_class_init (TendSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = tend_source_finalize;
  object_class->get_property = tend_source_get_property;
  object_class->set_property = tend_source_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, construct);
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, TEND_TYPE_SOURCE_KIND,
                                             TEND_SOURCE_KIND_MASTODON, construct);
  properties[PROP_ACCOUNT] = g_param_spec_string ("account", NULL, NULL, NULL, construct);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, construct);
  properties[PROP_CONNECTION_COUNT] = g_param_spec_uint ("connection-count", NULL, NULL,
                                                         0, G_MAXUINT, 0, rw);
  properties[PROP_LAST_IMPORT_AT] = g_param_spec_int64 ("last-import-at", NULL, NULL,
                                                        0, G_MAXINT64, 0, rw);

  /* Who is new, and who is gone, since the import before the latest. */
  properties[PROP_JOINED_COUNT] = g_param_spec_uint ("joined-count", NULL, NULL,
                                                     0, G_MAXUINT, 0,
                                                     G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LEFT_COUNT] = g_param_spec_uint ("left-count", NULL, NULL,
                                                   0, G_MAXUINT, 0,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /* A network account Tend can sync now: signed in, its secret in the keyring. */
  properties[PROP_CONNECTED] = g_param_spec_boolean ("connected", NULL, NULL, FALSE, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tend_source_init (TendSource *self)
{
}

TendSource *
tend_source_new (gint64          id,
                 TendSourceKind  kind,
                 const char     *account,
                 const char     *title)
{
  return g_object_new (TEND_TYPE_SOURCE,
                       "id", id,
                       "kind", kind,
                       "account", account,
                       "title", title,
                       NULL);
}

gint64
tend_source_get_id (TendSource *self)
{
  g_return_val_if_fail (TEND_IS_SOURCE (self), 0);
  return self->id;
}

TendSourceKind
tend_source_get_kind (TendSource *self)
{
  g_return_val_if_fail (TEND_IS_SOURCE (self), 0);
  return self->kind;
}

const char *
tend_source_get_account (TendSource *self)
{
  g_return_val_if_fail (TEND_IS_SOURCE (self), NULL);
  return self->account;
}

const char *
tend_source_get_title (TendSource *self)
{
  g_return_val_if_fail (TEND_IS_SOURCE (self), NULL);
  return self->title;
}

guint
tend_source_get_connection_count (TendSource *self)
{
  g_return_val_if_fail (TEND_IS_SOURCE (self), 0);
  return self->connection_count;
}

void
tend_source_set_connection_count (TendSource *self,
                                  guint       count)
{
  g_return_if_fail (TEND_IS_SOURCE (self));

  if (self->connection_count == count)
    return;

  self->connection_count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTION_COUNT]);
}

gint64
tend_source_get_last_import_at (TendSource *self)
{
  g_return_val_if_fail (TEND_IS_SOURCE (self), 0);
  return self->last_import_at;
}

void
tend_source_set_last_import_at (TendSource *self,
                                gint64      unix_time)
{
  g_return_if_fail (TEND_IS_SOURCE (self));

  if (self->last_import_at == unix_time)
    return;

  self->last_import_at = unix_time;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_IMPORT_AT]);
}

guint
tend_source_get_joined_count (TendSource *self)
{
  g_return_val_if_fail (TEND_IS_SOURCE (self), 0);
  return self->joined_count;
}

guint
tend_source_get_left_count (TendSource *self)
{
  g_return_val_if_fail (TEND_IS_SOURCE (self), 0);
  return self->left_count;
}

void
tend_source_set_changes (TendSource *self,
                         guint       joined_count,
                         guint       left_count)
{
  g_return_if_fail (TEND_IS_SOURCE (self));

  if (self->joined_count != joined_count)
    {
      self->joined_count = joined_count;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOINED_COUNT]);
    }

  if (self->left_count != left_count)
    {
      self->left_count = left_count;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEFT_COUNT]);
    }
}

gboolean
tend_source_get_connected (TendSource *self)
{
  g_return_val_if_fail (TEND_IS_SOURCE (self), FALSE);
  return self->connected;
}

void
tend_source_set_connected (TendSource *self,
                           gboolean    connected)
{
  g_return_if_fail (TEND_IS_SOURCE (self));

  connected = !!connected;
  if (self->connected == connected)
    return;

  self->connected = connected;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
}
