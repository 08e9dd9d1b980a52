/* tend-connection.c: one person as seen through one source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tend-connection"

#include "config.h"

#include "tend-connection.h"
#include "tend-enum-types.h"
#include "tend-text.h"

struct _TendConnection
{
  GObject parent_instance;

  /* identity, fixed at construction */
  gint64 id;
  gint64 source_id;

  /* what the source says, owned */
  TendSourceKind source_kind;
  char *source_title;
  char *stable_key;
  char *name;
  char *name_sort_key;
  char *handle;
  char *profile_url;
  char *avatar_url;
  TendFollowState follow_state;
  gint64 connected_since;
  gboolean is_new;

  /* what only a live source knows, owned */
  char *remote_id;
  char *bio;
  TendAccountState account_state;
  gint64 last_active_at;

  /* measures, set by the metrics layer */
  gint64 last_in;
  gint64 last_out;
  double in_weight;
  double out_weight;
  TendQuadrant quadrant;
  guint score;

  /* the owner's own words, owned */
  GStrv tags;
  TendDecision decision;
  gint64 decided_at;
  char *note;
};

G_DEFINE_FINAL_TYPE (TendConnection, tend_connection, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_SOURCE_ID,
  PROP_SOURCE_KIND,
  PROP_SOURCE_TITLE,
  PROP_STABLE_KEY,
  PROP_NAME,
  PROP_HANDLE,
  PROP_PROFILE_URL,
  PROP_AVATAR_URL,
  PROP_FOLLOW_STATE,
  PROP_CONNECTED_SINCE,
  PROP_IS_NEW,
  PROP_LAST_IN,
  PROP_LAST_OUT,
  PROP_IN_WEIGHT,
  PROP_OUT_WEIGHT,
  PROP_BALANCE,
  PROP_HAS_BALANCE,
  PROP_QUADRANT,
  PROP_SCORE,
  PROP_TAGS,
  PROP_DECISION,
  PROP_DECIDED_AT,
  PROP_NOTE,
  PROP_REMOTE_ID,
  PROP_BIO,
  PROP_ACCOUNT_STATE,
  PROP_LAST_ACTIVE_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
replace_string (TendConnection *self,
                char          **field,
                const char     *value,
                guint           prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  return TRUE;
}

static void
replace_int64 (TendConnection *self,
               gint64         *field,
               gint64          value,
               guint           prop_id)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
tend_connection_finalize (GObject *object)
{
  TendConnection *self = (TendConnection *)object;

  g_free (self->source_title);
  g_free (self->stable_key);
  g_free (self->name);
  g_free (self->name_sort_key);
  g_free (self->handle);
  g_free (self->profile_url);
  g_free (self->avatar_url);
  g_strfreev (self->tags);
  g_free (self->note);
  g_free (self->remote_id);
  g_free (self->bio);

  G_OBJECT_CLASS (tend_connection_parent_class)->finalize (object);
}

static void
tend_connection_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TendConnection *self = TEND_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_SOURCE_ID: g_value_set_int64 (value, self->source_id); break;
    case PROP_SOURCE_KIND: g_value_set_enum (value, self->source_kind); break;
    case PROP_SOURCE_TITLE: g_value_set_string (value, self->source_title); break;
    case PROP_STABLE_KEY: g_value_set_string (value, self->stable_key); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_HANDLE: g_value_set_string (value, self->handle); break;
    case PROP_PROFILE_URL: g_value_set_string (value, self->profile_url); break;
    case PROP_AVATAR_URL: g_value_set_string (value, self->avatar_url); break;
    case PROP_FOLLOW_STATE: g_value_set_enum (value, self->follow_state); break;
    case PROP_CONNECTED_SINCE: g_value_set_int64 (value, self->connected_since); break;
    case PROP_IS_NEW: g_value_set_boolean (value, self->is_new); break;
    case PROP_LAST_IN: g_value_set_int64 (value, self->last_in); break;
    case PROP_LAST_OUT: g_value_set_int64 (value, self->last_out); break;
    case PROP_IN_WEIGHT: g_value_set_double (value, self->in_weight); break;
    case PROP_OUT_WEIGHT: g_value_set_double (value, self->out_weight); break;
    case PROP_BALANCE: g_value_set_double (value, tend_connection_get_balance (self)); break;
    case PROP_HAS_BALANCE: g_value_set_boolean (value, tend_connection_has_balance (self)); break;
    case PROP_QUADRANT: g_value_set_enum (value, self->quadrant); break;
    case PROP_SCORE: g_value_set_uint (value, self->score); break;
    case PROP_TAGS: g_value_set_boxed (value, self->tags); break;
    case PROP_DECISION: g_value_set_enum (value, self->decision); break;
    case PROP_DECIDED_AT: g_value_set_int64 (value, self->decided_at); break;
    case PROP_NOTE: g_value_set_string (value, self->note); break;
    case PROP_REMOTE_ID: g_value_set_string (value, self->remote_id); break;
    case PROP_BIO: g_value_set_string (value, self->bio); break;
    case PROP_ACCOUNT_STATE: g_value_set_enum (value, self->account_state); break;
    case PROP_LAST_ACTIVE_AT: g_value_set_int64 (value, self->last_active_at); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_connection_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TendConnection *self = TEND_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_ID: self->id = g_value_get_int64 (value); break;
    case PROP_SOURCE_ID: self->source_id = g_value_get_int64 (value); break;
    case PROP_SOURCE_KIND: tend_connection_set_source_kind (self, g_value_get_enum (value)); break;
    case PROP_SOURCE_TITLE: tend_connection_set_source_title (self, g_value_get_string (value)); break;
    case PROP_STABLE_KEY: tend_connection_set_stable_key (self, g_value_get_string (value)); break;
    case PROP_NAME: tend_connection_set_name (self, g_value_get_string (value)); break;
    case PROP_HANDLE: tend_connection_set_handle (self, g_value_get_string (value)); break;
    case PROP_PROFILE_URL: tend_connection_set_profile_url (self, g_value_get_string (value)); break;
    case PROP_AVATAR_URL: tend_connection_set_avatar_url (self, g_value_get_string (value)); break;
    case PROP_FOLLOW_STATE: tend_connection_set_follow_state (self, g_value_get_enum (value)); break;
    case PROP_CONNECTED_SINCE: tend_connection_set_connected_since (self, g_value_get_int64 (value)); break;
    case PROP_IS_NEW: tend_connection_set_is_new (self, g_value_get_boolean (value)); break;
    case PROP_TAGS: tend_connection_set_tags (self, g_value_get_boxed (value)); break;
    case PROP_DECISION: tend_connection_set_decision (self, g_value_get_enum (value)); break;
    case PROP_DECIDED_AT: tend_connection_set_decided_at (self, g_value_get_int64 (value)); break;
    case PROP_NOTE: tend_connection_set_note (self, g_value_get_string (value)); break;
    case PROP_REMOTE_ID: tend_connection_set_remote_id (self, g_value_get_string (value)); break;
    case PROP_BIO: tend_connection_set_bio (self, g_value_get_string (value)); break;
    case PROP_ACCOUNT_STATE: tend_connection_set_account_state (self, g_value_get_enum (value)); break;
    case PROP_LAST_ACTIVE_AT: tend_connection_set_last_active_at (self, g_value_get_int64 (value)); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_connection_class_init (TendConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  const GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = tend_connection_finalize;
  object_class->get_property = tend_connection_get_property;
  object_class->set_property = tend_connection_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, construct);
  properties[PROP_SOURCE_ID] = g_param_spec_int64 ("source-id", NULL, NULL, 0, G_MAXINT64, 0, construct);
  properties[PROP_SOURCE_KIND] = g_param_spec_enum ("source-kind", NULL, NULL, TEND_TYPE_SOURCE_KIND,
                                                    TEND_SOURCE_KIND_MASTODON, rw);
  properties[PROP_SOURCE_TITLE] = g_param_spec_string ("source-title", NULL, NULL, NULL, rw);
  properties[PROP_STABLE_KEY] = g_param_spec_string ("stable-key", NULL, NULL, NULL, rw);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, rw);
  properties[PROP_HANDLE] = g_param_spec_string ("handle", NULL, NULL, NULL, rw);
  properties[PROP_PROFILE_URL] = g_param_spec_string ("profile-url", NULL, NULL, NULL, rw);
  properties[PROP_AVATAR_URL] = g_param_spec_string ("avatar-url", NULL, NULL, NULL, rw);
  properties[PROP_FOLLOW_STATE] = g_param_spec_enum ("follow-state", NULL, NULL, TEND_TYPE_FOLLOW_STATE,
                                                     TEND_FOLLOW_STATE_MUTUAL, rw);
  /* Dates are Unix seconds, 0 when unknown: cheap to sort 100,000 of. */
  properties[PROP_CONNECTED_SINCE] = g_param_spec_int64 ("connected-since", NULL, NULL,
                                                         0, G_MAXINT64, 0, rw);
  /* New in the latest import of its source, compared with the one before. */
  properties[PROP_IS_NEW] = g_param_spec_boolean ("is-new", NULL, NULL, FALSE, rw);
  properties[PROP_LAST_IN] = g_param_spec_int64 ("last-in", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_LAST_OUT] = g_param_spec_int64 ("last-out", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_IN_WEIGHT] = g_param_spec_double ("in-weight", NULL, NULL, 0, G_MAXDOUBLE, 0, ro);
  properties[PROP_OUT_WEIGHT] = g_param_spec_double ("out-weight", NULL, NULL, 0, G_MAXDOUBLE, 0, ro);
  properties[PROP_BALANCE] = g_param_spec_double ("balance", NULL, NULL, -1, 1, 0, ro);
  properties[PROP_HAS_BALANCE] = g_param_spec_boolean ("has-balance", NULL, NULL, FALSE, ro);
  properties[PROP_QUADRANT] = g_param_spec_enum ("quadrant", NULL, NULL, TEND_TYPE_QUADRANT,
                                                 TEND_QUADRANT_DORMANT, ro);
  properties[PROP_SCORE] = g_param_spec_uint ("score", NULL, NULL, 0, 100, 0, ro);
  properties[PROP_TAGS] = g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_DECISION] = g_param_spec_enum ("decision", NULL, NULL, TEND_TYPE_DECISION,
                                                 TEND_DECISION_UNDECIDED, rw);
  properties[PROP_DECIDED_AT] = g_param_spec_int64 ("decided-at", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, rw);
  /* The network's own id for the account, for actions through its API. */
  properties[PROP_REMOTE_ID] = g_param_spec_string ("remote-id", NULL, NULL, NULL, rw);
  /* Plain text, never markup: it comes from the network. */
  properties[PROP_BIO] = g_param_spec_string ("bio", NULL, NULL, NULL, rw);
  properties[PROP_ACCOUNT_STATE] = g_param_spec_enum ("account-state", NULL, NULL,
                                                      TEND_TYPE_ACCOUNT_STATE,
                                                      TEND_ACCOUNT_STATE_ACTIVE, rw);
  /* When the account last posted, 0 when the source does not say. */
  properties[PROP_LAST_ACTIVE_AT] = g_param_spec_int64 ("last-active-at", NULL, NULL,
                                                        0, G_MAXINT64, 0, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tend_connection_init (TendConnection *self)
{
  self->quadrant = TEND_QUADRANT_DORMANT;
  self->decision = TEND_DECISION_UNDECIDED;
}

TendConnection *
tend_connection_new (gint64 id,
                     gint64 source_id)
{
  return g_object_new (TEND_TYPE_CONNECTION, "id", id, "source-id", source_id, NULL);
}

gint64
tend_connection_get_id (TendConnection *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION (self), 0);
  return self->id;
}

gint64
tend_connection_get_source_id (TendConnection *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION (self), 0);
  return self->source_id;
}

TendSourceKind
tend_connection_get_source_kind (TendConnection *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION (self), 0);
  return self->source_kind;
}

void
tend_connection_set_source_kind (TendConnection *self,
                                 TendSourceKind  kind)
{
  g_return_if_fail (TEND_IS_CONNECTION (self));

  if (self->source_kind == kind)
    return;

  self->source_kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE_KIND]);
}

const char *
tend_connection_get_source_title (TendConnection *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION (self), NULL);
  return self->source_title;
}

void
tend_connection_set_source_title (TendConnection *self,
                                  const char     *title)
{
  g_return_if_fail (TEND_IS_CONNECTION (self));
  replace_string (self, &self->source_title, title, PROP_SOURCE_TITLE);
}

const char *
tend_connection_get_stable_key (TendConnection *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION (self), NULL);
  return self->stable_key;
}

void
tend_connection_set_stable_key (TendConnection *self,
                                const char     *stable_key)
{
  g_return_if_fail (TEND_IS_CONNECTION (self));
  replace_string (self, &self->stable_key, stable_key, PROP_STABLE_KEY);
}

const char *
tend_connection_get_name (TendConnection *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION (self), NULL);
  return self->name;
}

void
tend_connection_set_name (TendConnection *self,
                          const char     *name)
{
  g_return_if_fail (TEND_IS_CONNECTION (self));

  if (replace_string (self, &self->name, name, PROP_NAME))
    g_clear_pointer (&self->name_sort_key, g_free);
}

/* Computed once per name, so sorting 100,000 rows compares plain bytes.
 * Folding accents first sorts “Émile” with “E” whatever the locale. */
const char *
tend_connection_get_name_sort_key (TendConnection *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION (self), NULL);

  if (self->name_sort_key == NULL)
    {
      g_autofree char *folded = tend_text_fold (self->name);

      self->name_sort_key = g_utf8_collate_key (folded, -1);
    }

  return self->name_sort_key;
}

const char *
tend_connection_get_handle (TendConnection *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION (self), NULL);
  return self->handle;
}

void
tend_connection_set_handle (TendConnection *self,
                            const char     *handle)
{
  g_return_if_fail (TEND_IS_CONNECTION (self));
  replace_string (self, &self->handle, handle, PROP_HANDLE);
}

const char *
tend_connection_get_profile_url (TendConnection *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION (self), NULL);
  return self->profile_url;
}

void
tend_connection_set_profile_url (TendConnection *self,
                                 const char     *profile_url)
{
  g_return_if_fail (TEND_IS_CONNECTION (self));
  replace_string (self, &self->profile_url, profile_url, PROP_PROFILE_URL);
}

const char *
tend_connection_get_avatar_url (TendConnection *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION (self), NULL);
  return self->avatar_url;
}

void
tend_connection_set_avatar_url (TendConnection *self,
                                const char     *avatar_url)
{
  g_return_if_fail (TEND_IS_CONNECTION (self));
  replace_string (self, &self->avatar_url, avatar_url, PROP_AVATAR_URL);
}

TendFollowState
tend_connection_get_follow_state (TendConnection *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION (self), 0);
  return self->follow_state;
}

void
tend_connection_set_follow_state (TendConnection  *self,
                                  TendFollowState  state)
{
  g_return_if_fail (TEND_IS_CONNECTION (self));

  if (self->follow_state == state)
    return;

  self->follow_state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOW_STATE]);
}

gint64
tend_connection_get_connected_since (TendConnection *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION (self), 0);
  return self->connected_since;
}

void
tend_connection_set_connected_since (TendConnection *self,
                                     gint64          unix_time)
{
  g_return_if_fail (TEND_IS_CONNECTION (self));
  replace_int64 (self, &self->connected_since, unix_time, PROP_CONNECTED_SINCE);
}

gboolean
tend_connection_get_is_new (TendConnection *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION (self), FALSE);
  return self->is_new;
}

void
tend_connection_set_is_new (TendConnection *self,
                            gboolean        is_new)
{
  g_return_if_fail (TEND_IS_CONNECTION (self));

  is_new = !!is_new;
  if (self->is_new == is_new)
    return;

  self->is_new = is_new;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_NEW]);
}

gint64
tend_connection_get_last_in (TendConnection *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION (self), 0);
  return self->last_in;
}

gint64
tend_connection_get_last_out (TendConnection *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION (self), 0);
  return self->last_out;
}

double
tend_connection_get_in_weight (TendConnection *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION (self), 0);
  return self->in_weight;
}

double
tend_connection_get_out_weight (TendConnection *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION (self), 0);
  return self->out_weight;
}

gboolean
tend_connection_has_balance (TendConnection *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION (self), FALSE);
  return self->in_weight + self->out_weight > 0;
}

/* DESIGN.md: (in_w − out_w) / (in_w + out_w), none when both are 0. */
double
tend_connection_get_balance (TendConnection *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION (self), 0);

  if (!tend_connection_has_balance (self))
    return 0;

  return (self->in_weight - self->out_weight) / (self->in_weight + self->out_weight);
}

TendQuadrant
tend_connection_get_quadrant (TendConnection *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION (self), TEND_QUADRANT_DORMANT);
  return self->quadrant;
}

guint
tend_connection_get_score (TendConnection *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION (self), 0);
  return self->score;
}

void
tend_connection_set_measures (TendConnection *self,
                              gint64          last_in,
                              gint64          last_out,
                              double          in_weight,
                              double          out_weight,
                              TendQuadrant    quadrant,
                              guint           score)
{
  GObject *object = G_OBJECT (self);
  gboolean had_balance;
  double old_balance;

  g_return_if_fail (TEND_IS_CONNECTION (self));
  g_return_if_fail (in_weight >= 0 && out_weight >= 0);
  g_return_if_fail (score <= 100);

  had_balance = tend_connection_has_balance (self);
  old_balance = tend_connection_get_balance (self);

  g_object_freeze_notify (object);

  replace_int64 (self, &self->last_in, last_in, PROP_LAST_IN);
  replace_int64 (self, &self->last_out, last_out, PROP_LAST_OUT);

  if (self->in_weight != in_weight)
    {
      self->in_weight = in_weight;
      g_object_notify_by_pspec (object, properties[PROP_IN_WEIGHT]);
    }

  if (self->out_weight != out_weight)
    {
      self->out_weight = out_weight;
      g_object_notify_by_pspec (object, properties[PROP_OUT_WEIGHT]);
    }

  if (had_balance != tend_connection_has_balance (self))
    g_object_notify_by_pspec (object, properties[PROP_HAS_BALANCE]);

  if (old_balance != tend_connection_get_balance (self))
    g_object_notify_by_pspec (object, properties[PROP_BALANCE]);

  if (self->quadrant != quadrant)
    {
      self->quadrant = quadrant;
      g_object_notify_by_pspec (object, properties[PROP_QUADRANT]);
    }

  if (self->score != score)
    {
      self->score = score;
      g_object_notify_by_pspec (object, properties[PROP_SCORE]);
    }

  g_object_thaw_notify (object);
}

const char * const *
tend_connection_get_tags (TendConnection *self)
{
  static const char * const no_tags[] = { NULL };

  g_return_val_if_fail (TEND_IS_CONNECTION (self), NULL);
  return self->tags ? (const char * const *) self->tags : no_tags;
}

void
tend_connection_set_tags (TendConnection     *self,
                          const char * const *tags)
{
  GStrv copy;

  g_return_if_fail (TEND_IS_CONNECTION (self));

  if (tags != NULL && tags[0] == NULL)
    tags = NULL;

  if (self->tags == NULL && tags == NULL)
    return;

  if (self->tags != NULL && tags != NULL &&
      g_strv_equal ((const char * const *) self->tags, tags))
    return;

  /* Copy first: @tags may be this connection's own list. */
  copy = g_strdupv ((char **) tags);
  g_strfreev (self->tags);
  self->tags = copy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
}

gboolean
tend_connection_has_tag (TendConnection *self,
                         const char     *tag)
{
  g_return_val_if_fail (TEND_IS_CONNECTION (self), FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  return self->tags != NULL && g_strv_contains ((const char * const *) self->tags, tag);
}

TendDecision
tend_connection_get_decision (TendConnection *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION (self), TEND_DECISION_UNDECIDED);
  return self->decision;
}

void
tend_connection_set_decision (TendConnection *self,
                              TendDecision    decision)
{
  g_return_if_fail (TEND_IS_CONNECTION (self));

  if (self->decision == decision)
    return;

  self->decision = decision;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DECISION]);
}

gint64
tend_connection_get_decided_at (TendConnection *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION (self), 0);
  return self->decided_at;
}

void
tend_connection_set_decided_at (TendConnection *self,
                                gint64          unix_time)
{
  g_return_if_fail (TEND_IS_CONNECTION (self));
  replace_int64 (self, &self->decided_at, unix_time, PROP_DECIDED_AT);
}

const char *
tend_connection_get_note (TendConnection *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION (self), NULL);
  return self->note;
}

void
tend_connection_set_note (TendConnection *self,
                          const char     *note)
{
  g_return_if_fail (TEND_IS_CONNECTION (self));
  replace_string (self, &self->note, note, PROP_NOTE);
}

const char *
tend_connection_get_remote_id (TendConnection *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION (self), NULL);
  return self->remote_id;
}

void
tend_connection_set_remote_id (TendConnection *self,
                               const char     *remote_id)
{
  g_return_if_fail (TEND_IS_CONNECTION (self));
  replace_string (self, &self->remote_id, remote_id, PROP_REMOTE_ID);
}

const char *
tend_connection_get_bio (TendConnection *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION (self), NULL);
  return self->bio;
}

void
tend_connection_set_bio (TendConnection *self,
                         const char     *bio)
{
  g_return_if_fail (TEND_IS_CONNECTION (self));
  replace_string (self, &self->bio, bio, PROP_BIO);
}

TendAccountState
tend_connection_get_account_state (TendConnection *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION (self), TEND_ACCOUNT_STATE_ACTIVE);
  return self->account_state;
}

void
tend_connection_set_account_state (TendConnection   *self,
                                   TendAccountState  state)
{
  g_return_if_fail (TEND_IS_CONNECTION (self));

  if (self->account_state == state)
    return;

  self->account_state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT_STATE]);
}

gint64
tend_connection_get_last_active_at (TendConnection *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION (self), 0);
  return self->last_active_at;
}

void
tend_connection_set_last_active_at (TendConnection *self,
                                    gint64          unix_time)
{
  g_return_if_fail (TEND_IS_CONNECTION (self));
  replace_int64 (self, &self->last_active_at, unix_time, PROP_LAST_ACTIVE_AT);
}
