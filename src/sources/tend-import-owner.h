/* tend-import-owner.h: telling who the owner of a message export is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "tend-import-sink.h"

G_BEGIN_DECLS

void  tend_import_owner_count        (GHashTable     *counts,
                                      const char     *participant,
                                      guint           n);
char *tend_import_owner_find         (GHashTable     *n_conversations,
                                      GHashTable     *n_sent,
                                      guint           n_total);
void  tend_import_owner_skip_unknown (TendImportSink *sink,
                                      guint           n_messages);

G_END_DECLS
