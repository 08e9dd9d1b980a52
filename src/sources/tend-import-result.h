/* tend-import-result.h: what one import did, per source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "tend-enums.h"
#include "tend-import-sink.h"
#include "tend-store.h"

G_BEGIN_DECLS

typedef struct {
  TendSourceKind  kind;
  gint64          source_id;
  char           *title;

  /* Connections read this time, compared with the store before. */
  guint           n_added;
  guint           n_updated;
  guint           n_unchanged;
  /* Present before, absent from this (complete) export: marked removed. */
  guint           n_removed;

  guint           n_interactions_read;
  guint           n_interactions_added;
  guint           n_interactions_unmatched;

  GPtrArray      *skipped;          /* TendImportSkip */

  /* Set when the export listed people and a snapshot was taken. */
  gint64          snapshot_id;
  gboolean        has_previous_snapshot;
  GArray         *joined;           /* gint64 connection ids new since the previous snapshot */
  GArray         *left;             /* gint64 connection ids gone since then */
} TendImportSourceResult;

typedef struct {
  GPtrArray *sources;               /* TendImportSourceResult, in source kind order */
  guint      n_entries_read;
  guint64    n_bytes_read;
} TendImportResult;

TendImportResult *tend_import_result_new              (void);
void              tend_import_result_free             (TendImportResult             *result);
char             *tend_import_result_to_string        (const TendImportResult       *result);
const TendImportSourceResult *
                  tend_import_result_find_source      (const TendImportResult       *result,
                                                       TendSourceKind                kind);

TendImportSourceResult *tend_import_source_result_new (TendSourceKind                kind);
void              tend_import_source_result_free      (TendImportSourceResult       *result);
char             *tend_import_source_result_to_string (const TendImportSourceResult *result);
void              tend_import_source_result_count     (TendImportSourceResult       *result,
                                                       TendConnectionChange          change);
gboolean          tend_import_source_result_write_roster (TendImportSourceResult    *result,
                                                       TendStore                    *store,
                                                       GArray                       *kept,
                                                       gint64                        now,
                                                       GError                      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendImportResult, tend_import_result_free)

G_END_DECLS
