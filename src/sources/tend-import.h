/* tend-import.h: read files, folders and .zip exports into the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tend-import-result.h"
#include "tend-importer.h"
#include "tend-store.h"

G_BEGIN_DECLS

/* Limits against hostile input; see tend_import_set_limits(). */
#define TEND_IMPORT_MAX_ENTRY_BYTES  (G_GUINT64_CONSTANT (512) * 1024 * 1024)
#define TEND_IMPORT_MAX_RATIO        100
#define TEND_IMPORT_MAX_ENTRIES      100000
#define TEND_IMPORT_MAX_DEPTH        16

/**
 * TendImportProgressFunc:
 * @entries_done: files and archive entries looked at so far
 * @bytes_done: bytes of the chosen files read so far (packed, for archives)
 * @bytes_total: the chosen files' size on disk
 * @current: (nullable): the entry being read, for display
 *
 * Called in the thread that called tend_import_run(), or, for
 * tend_import_run_async(), in the thread-default main context of the
 * caller: at each file, as reading one advances by a two-hundredth of
 * @bytes_total, and otherwise at most a few times a second. @bytes_done
 * never goes back.
 */
typedef void (*TendImportProgressFunc) (guint        entries_done,
                                        guint64      bytes_done,
                                        guint64      bytes_total,
                                        const char  *current,
                                        gpointer     user_data);

#define TEND_TYPE_IMPORT (tend_import_get_type ())

G_DECLARE_FINAL_TYPE (TendImport, tend_import, TEND, IMPORT, GObject)

TendImport       *tend_import_new                (void);
void              tend_import_add_importer       (TendImport              *self,
                                                  TendImporter            *importer);
void              tend_import_set_limits         (TendImport              *self,
                                                  guint64                  max_entry_bytes,
                                                  guint                    max_ratio,
                                                  guint                    max_entries);
void              tend_import_set_progress_func  (TendImport              *self,
                                                  TendImportProgressFunc   func,
                                                  gpointer                 user_data,
                                                  GDestroyNotify           destroy);

TendImportResult *tend_import_run                (TendImport              *self,
                                                  TendStore               *store,
                                                  const char * const      *paths,
                                                  GCancellable            *cancellable,
                                                  GError                 **error);
void              tend_import_run_async          (TendImport              *self,
                                                  const char              *database_path,
                                                  const char * const      *paths,
                                                  GCancellable            *cancellable,
                                                  GAsyncReadyCallback      callback,
                                                  gpointer                 user_data);
TendImportResult *tend_import_run_finish         (TendImport              *self,
                                                  GAsyncResult            *result,
                                                  GError                 **error);

G_END_DECLS
