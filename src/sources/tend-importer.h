/* tend-importer.h: one export format: recognise it, read it into rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tend-enums.h"
#include "tend-import-sink.h"

G_BEGIN_DECLS

#define TEND_IMPORT_ERROR (tend_import_error_quark ())

typedef enum {
  TEND_IMPORT_ERROR_UNKNOWN_FORMAT,
  TEND_IMPORT_ERROR_INVALID,
  TEND_IMPORT_ERROR_TOO_LARGE,
  TEND_IMPORT_ERROR_SUSPICIOUS,
  TEND_IMPORT_ERROR_NOTHING_FOUND,
  TEND_IMPORT_ERROR_FAILED,
} TendImportError;

/* What detect () answers: how sure the importer is that it can read the
 * entry. The runner picks the highest; NONE means "not mine". */
#define TEND_IMPORTER_CONFIDENCE_NONE    0
#define TEND_IMPORTER_CONFIDENCE_NAME    20   /* the file name alone fits */
#define TEND_IMPORTER_CONFIDENCE_LIKELY  60   /* the content looks right */
#define TEND_IMPORTER_CONFIDENCE_CERTAIN 100  /* header or keys match exactly */

/* How many bytes of each entry detect () sees, at most. */
#define TEND_IMPORTER_HEAD_SIZE 8192

#define TEND_TYPE_IMPORTER (tend_importer_get_type ())

G_DECLARE_INTERFACE (TendImporter, tend_importer, TEND, IMPORTER, GObject)

struct _TendImporterInterface
{
  GTypeInterface parent_iface;

  TendSourceKind (*get_source_kind) (TendImporter    *self);
  guint          (*detect)          (TendImporter    *self,
                                     const char      *name,
                                     const guint8    *head,
                                     gsize            head_len);
  gboolean       (*parse)           (TendImporter    *self,
                                     GInputStream    *stream,
                                     TendImportSink  *sink,
                                     GCancellable    *cancellable,
                                     GError         **error);
};

GQuark          tend_import_error_quark        (void);

TendSourceKind  tend_importer_get_source_kind  (TendImporter    *self);
guint           tend_importer_detect           (TendImporter    *self,
                                                const char      *name,
                                                const guint8    *head,
                                                gsize            head_len);
gboolean        tend_importer_parse            (TendImporter    *self,
                                                GInputStream    *stream,
                                                TendImportSink  *sink,
                                                GCancellable    *cancellable,
                                                GError         **error);

G_END_DECLS
