/* tend-sample-generator.h: a realistic small business, the same every time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tend-store.h"

G_BEGIN_DECLS

typedef struct {
  guint64 seed;
  guint   n_connections;
  guint   n_interactions;   /* 0: as many as the business naturally has */
  gint64  now;              /* histories end here (Unix seconds) */
} TendSampleOptions;

void     tend_sample_options_init_default (TendSampleOptions        *options);
gboolean tend_sample_generate             (TendStore                *store,
                                           const TendSampleOptions  *options,
                                           GCancellable             *cancellable,
                                           GError                  **error);

G_END_DECLS
