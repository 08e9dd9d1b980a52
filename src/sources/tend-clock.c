/* tend-clock.c: the time network clients read and wait on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Clients never call g_get_real_time() or sleep directly, so tests and
 * benchmarks can run a server's five-minute rate-limit window in a
 * fraction of a second: a scaled clock runs @factor times faster than
 * the wall clock from the moment it is made, and waits that much
 * shorter. The real clock is a scaled one with a factor of 1.
 */
#define G_LOG_DOMAIN "tend-clock"

#include "config.h"

#include "tend-clock.h"

struct _TendClock
{
  GObject parent_instance;

  double factor;
  gint64 origin;    /* wall time when the clock was made, Unix µs */
};

G_DEFINE_FINAL_TYPE (TendClock, tend_clock, G_TYPE_OBJECT)

static void
tend_clock_class_init (TendClockClass *klass)
{
}

static void
tend_clock_init (TendClock *self)
{
  self->factor = 1.0;
  self->origin = g_get_real_time ();
}

/**
 * tend_clock_new:
 *
 * Returns: (transfer full): the wall clock
 */
TendClock *
tend_clock_new (void)
{
  return g_object_new (TEND_TYPE_CLOCK, NULL);
}

/**
 * tend_clock_new_scaled:
 * @factor: how many times faster than the wall clock, at least 1
 *
 * Returns: (transfer full): a clock for tests and benchmarks
 */
TendClock *
tend_clock_new_scaled (double factor)
{
  TendClock *self;

  g_return_val_if_fail (factor >= 1.0, NULL);

  self = tend_clock_new ();
  self->factor = factor;
  return self;
}

double
tend_clock_get_factor (TendClock *self)
{
  g_return_val_if_fail (TEND_IS_CLOCK (self), 1.0);
  return self->factor;
}

/**
 * tend_clock_get_now:
 *
 * Returns: the clock's time, Unix microseconds
 */
gint64
tend_clock_get_now (TendClock *self)
{
  g_return_val_if_fail (TEND_IS_CLOCK (self), 0);

  return tend_clock_from_wall (self, g_get_real_time ());
}

/**
 * tend_clock_from_wall:
 * @wall_usec: a wall-clock time a server gave, Unix µs
 *
 * Servers give absolute times (a rate limit's reset) by the wall clock;
 * this says when that is by this clock, so waiting for it takes as long
 * as it would in reality.
 */
gint64
tend_clock_from_wall (TendClock *self,
                      gint64     wall_usec)
{
  g_return_val_if_fail (TEND_IS_CLOCK (self), 0);

  return self->origin + (gint64) ((wall_usec - self->origin) * self->factor);
}

/**
 * tend_clock_to_wall:
 *
 * The inverse of tend_clock_from_wall(), for showing a person a time.
 */
gint64
tend_clock_to_wall (TendClock *self,
                    gint64     clock_usec)
{
  g_return_val_if_fail (TEND_IS_CLOCK (self), 0);

  return self->origin + (gint64) ((clock_usec - self->origin) / self->factor);
}

typedef struct {
  guint   source_id;
  gulong  cancelled_id;
  GCancellable *cancellable;
} SleepData;

static void
sleep_data_free (SleepData *data)
{
  g_clear_handle_id (&data->source_id, g_source_remove);
  if (data->cancelled_id != 0)
    g_cancellable_disconnect (data->cancellable, data->cancelled_id);
  g_clear_object (&data->cancellable);
  g_free (data);
}

static gboolean
sleep_done (gpointer user_data)
{
  GTask *task = user_data;
  SleepData *data = g_task_get_task_data (task);

  data->source_id = 0;
  g_task_return_boolean (task, TRUE);
  return G_SOURCE_REMOVE;
}

static gboolean
sleep_cancelled_idle (gpointer user_data)
{
  GTask *task = user_data;
  SleepData *data = g_task_get_task_data (task);

  /* The wait may have ended just before the cancellation. */
  if (data->source_id == 0)
    return G_SOURCE_REMOVE;

  g_clear_handle_id (&data->source_id, g_source_remove);
  g_task_return_error_if_cancelled (task);
  return G_SOURCE_REMOVE;
}

static void
sleep_cancelled (GCancellable *cancellable,
                 gpointer      user_data)
{
  /* Called with the cancellable's lock held: answer from the loop. */
  g_idle_add_full (G_PRIORITY_DEFAULT, sleep_cancelled_idle,
                   g_object_ref (user_data), g_object_unref);
}

/**
 * tend_clock_sleep_async:
 * @usec: how long, in this clock's microseconds
 *
 * Waits, or fails with %G_IO_ERROR_CANCELLED as soon as @cancellable is.
 */
void
tend_clock_sleep_async (TendClock           *self,
                        gint64               usec,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SleepData *data;
  guint ms;

  g_return_if_fail (TEND_IS_CLOCK (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tend_clock_sleep_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  data = g_new0 (SleepData, 1);
  g_task_set_task_data (task, data, (GDestroyNotify) sleep_data_free);

  ms = (guint) CLAMP (MAX (usec, 0) / self->factor / 1000.0, 0, G_MAXUINT);
  /* The timeout and the cancellation each hold the task; whichever
   * comes first answers, and the task data removes the other. */
  data->source_id = g_timeout_add_full (G_PRIORITY_DEFAULT, ms, sleep_done,
                                        g_object_ref (task), g_object_unref);
  if (cancellable != NULL)
    {
      data->cancellable = g_object_ref (cancellable);
      data->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (sleep_cancelled),
                                                  task, NULL);
    }
}

gboolean
tend_clock_sleep_finish (TendClock     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
