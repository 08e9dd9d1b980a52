/* tend-clock.h: the time network clients read and wait on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TEND_TYPE_CLOCK (tend_clock_get_type ())

G_DECLARE_FINAL_TYPE (TendClock, tend_clock, TEND, CLOCK, GObject)

TendClock *tend_clock_new              (void);
TendClock *tend_clock_new_scaled       (double               factor);
double     tend_clock_get_factor       (TendClock           *self);
gint64     tend_clock_get_now          (TendClock           *self);
gint64     tend_clock_from_wall        (TendClock           *self,
                                        gint64               wall_usec);
gint64     tend_clock_to_wall          (TendClock           *self,
                                        gint64               clock_usec);
void       tend_clock_sleep_async      (TendClock           *self,
                                        gint64               usec,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean   tend_clock_sleep_finish     (TendClock           *self,
                                        GAsyncResult        *result,
                                        GError             **error);

G_END_DECLS
