/* tend-source.h: one network account or one imported export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "tend-enums.h"

G_BEGIN_DECLS

#define TEND_TYPE_SOURCE (tend_source_get_type ())

G_DECLARE_FINAL_TYPE (TendSource, tend_source, TEND, SOURCE, GObject)

TendSource     *tend_source_new                  (gint64          id,
                                                  TendSourceKind  kind,
                                                  const char     *account,
                                                  const char     *title);
gint64          tend_source_get_id               (TendSource     *self);
TendSourceKind  tend_source_get_kind             (TendSource     *self);
const char     *tend_source_get_account          (TendSource     *self);
const char     *tend_source_get_title            (TendSource     *self);
guint           tend_source_get_connection_count (TendSource     *self);
void            tend_source_set_connection_count (TendSource     *self,
                                                  guint           count);
gint64          tend_source_get_last_import_at   (TendSource     *self);
void            tend_source_set_last_import_at   (TendSource     *self,
                                                  gint64          unix_time);
guint           tend_source_get_joined_count     (TendSource     *self);
guint           tend_source_get_left_count       (TendSource     *self);
void            tend_source_set_changes          (TendSource     *self,
                                                  guint           joined_count,
                                                  guint           left_count);
gboolean        tend_source_get_connected        (TendSource     *self);
void            tend_source_set_connected        (TendSource     *self,
                                                  gboolean        connected);

G_END_DECLS
