/* tend-sync-progress.c: how far a sync is, for a progress bar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every network's sync reports through this object: the phase in words
 * with its counts ("Followers 2,400 of 5,310"), a fraction for the bar,
 * and, while the server's rate limit holds the sync back, until when
 * ("Waiting for mastodon.social’s limit, continuing at 14:05"), which
 * :text then says instead. The UI binds :text and :fraction; the
 * command line prints them.
 */
#define G_LOG_DOMAIN "tend-sync-progress"

#include "config.h"

#include <glib/gi18n.h>

#include "tend-sync-progress.h"

struct _TendSyncProgress
{
  GObject parent_instance;

  /* owned */
  char          *phase_text;
  char          *text;
  char          *server_name;
  TendWebClient *client;

  gulong  waiting_handler;
  double  fraction;
  gint64  waiting_until;
};

G_DEFINE_FINAL_TYPE (TendSyncProgress, tend_sync_progress, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_FRACTION,
  PROP_WAITING_UNTIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tend_sync_progress_dispose (GObject *object)
{
  tend_sync_progress_unwatch_client (TEND_SYNC_PROGRESS (object));

  G_OBJECT_CLASS (tend_sync_progress_parent_class)->dispose (object);
}

static void
tend_sync_progress_finalize (GObject *object)
{
  TendSyncProgress *self = (TendSyncProgress *)object;

  g_free (self->phase_text);
  g_free (self->text);
  g_free (self->server_name);

  G_OBJECT_CLASS (tend_sync_progress_parent_class)->finalize (object);
}

static void
tend_sync_progress_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TendSyncProgress *self = TEND_SYNC_PROGRESS (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, tend_sync_progress_get_text (self));
      break;

    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;

    case PROP_WAITING_UNTIL:
      g_value_set_int64 (value, self->waiting_until);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_sync_progress_class_init (TendSyncProgressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tend_sync_progress_dispose;
  object_class->finalize = tend_sync_progress_finalize;
  object_class->get_property = tend_sync_progress_get_property;

  /**
   * TendSyncProgress:text:
   *
   * What the sync is doing, translated, for a person to read.
   */
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * TendSyncProgress:fraction:
   *
   * How much is done, from 0 to 1.
   */
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * TendSyncProgress:waiting-until:
   *
   * While the server's rate limit holds the sync back, when it goes on
   * (wall clock, Unix seconds); 0 otherwise.
   */
  properties[PROP_WAITING_UNTIL] =
    g_param_spec_int64 ("waiting-until", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tend_sync_progress_init (TendSyncProgress *self)
{
  self->phase_text = g_strdup ("");
}

TendSyncProgress *
tend_sync_progress_new (void)
{
  return g_object_new (TEND_TYPE_SYNC_PROGRESS, NULL);
}

/**
 * tend_sync_progress_format_count:
 *
 * Returns: (transfer full): @n with the locale's digit grouping: "2,400"
 */
char *
tend_sync_progress_format_count (guint64 n)
{
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, n);
}

const char *
tend_sync_progress_get_text (TendSyncProgress *self)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *time = NULL;

  g_return_val_if_fail (TEND_IS_SYNC_PROGRESS (self), NULL);

  if (self->waiting_until == 0)
    return self->phase_text;

  local = g_date_time_new_from_unix_local (self->waiting_until);
  time = g_date_time_format (local, "%H:%M");
  g_free (self->text);
  /* Translators: a server's name, then a time such as 14:05 */
  self->text = g_strdup_printf (_("Waiting for %s’s limit, continuing at %s"),
                                self->server_name != NULL ? self->server_name : "", time);
  return self->text;
}

double
tend_sync_progress_get_fraction (TendSyncProgress *self)
{
  g_return_val_if_fail (TEND_IS_SYNC_PROGRESS (self), 0.0);
  return self->fraction;
}

gint64
tend_sync_progress_get_waiting_until (TendSyncProgress *self)
{
  g_return_val_if_fail (TEND_IS_SYNC_PROGRESS (self), 0);
  return self->waiting_until;
}

/**
 * tend_sync_progress_set_phase:
 * @label: the phase, translated: "Followers"
 * @phase: which phase, from 0
 * @n_phases: how many phases the sync has
 * @done: items done in this phase
 * @total: items expected in it; 0 when not known
 *
 * Says "Followers 2,400 of 5,310" (or "Followers 2,400" without a
 * total), and moves the fraction within the phase's share.
 */
void
tend_sync_progress_set_phase (TendSyncProgress *self,
                              const char       *label,
                              guint             phase,
                              guint             n_phases,
                              guint64           done,
                              guint64           total)
{
  g_autofree char *done_text = tend_sync_progress_format_count (done);
  double within = 0.0;
  double fraction;

  g_return_if_fail (TEND_IS_SYNC_PROGRESS (self));
  g_return_if_fail (label != NULL);
  g_return_if_fail (n_phases > 0 && phase <= n_phases);

  g_free (self->phase_text);
  if (total > 0)
    {
      g_autofree char *total_text = tend_sync_progress_format_count (total);

      /* Translators: a phase of a sync and its counts: “Followers 2,400 of 5,310” */
      self->phase_text = g_strdup_printf (_("%s %s of %s"), label, done_text, total_text);
      within = MIN ((double) done / total, 1.0);
    }
  else if (done > 0)
    {
      /* Translators: a phase of a sync and its count: “Notifications 400” */
      self->phase_text = g_strdup_printf (_("%s %s"), label, done_text);
    }
  else
    {
      self->phase_text = g_strdup (label);
    }

  fraction = CLAMP ((phase + within) / n_phases, 0.0, 1.0);
  if (fraction != self->fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

static void
waiting_changed (TendWebClient    *client,
                 GParamSpec       *pspec,
                 TendSyncProgress *self)
{
  gint64 until = tend_web_client_get_waiting_until (client);

  if (until == self->waiting_until)
    return;

  self->waiting_until = until;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WAITING_UNTIL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

/**
 * tend_sync_progress_watch_client:
 *
 * Follows @client's waits for its server's rate limit until
 * tend_sync_progress_unwatch_client().
 */
void
tend_sync_progress_watch_client (TendSyncProgress *self,
                                 TendWebClient    *client)
{
  g_return_if_fail (TEND_IS_SYNC_PROGRESS (self));
  g_return_if_fail (TEND_IS_WEB_CLIENT (client));

  tend_sync_progress_unwatch_client (self);

  self->client = g_object_ref (client);
  g_free (self->server_name);
  self->server_name = g_strdup (tend_web_client_get_server_name (client));
  self->waiting_handler = g_signal_connect (client, "notify::waiting-until",
                                            G_CALLBACK (waiting_changed), self);
  waiting_changed (client, NULL, self);
}

void
tend_sync_progress_unwatch_client (TendSyncProgress *self)
{
  g_return_if_fail (TEND_IS_SYNC_PROGRESS (self));

  if (self->client == NULL)
    return;

  g_clear_signal_handler (&self->waiting_handler, self->client);
  g_clear_object (&self->client);

  if (self->waiting_until != 0)
    {
      self->waiting_until = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WAITING_UNTIL]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
    }
}
