/* tend-importer.c: one export format: recognise it, read it into rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An importer never touches the store. detect () looks at the entry's
 * name (its path inside a folder or .zip) and its first bytes, and must
 * recognise the format by its content wherever it can: people rename
 * files. parse () reads the whole stream and hands what it found to the
 * sink: people with their relation to the owner, interactions keyed by
 * the person's stable key, and rows it skipped, with their line and why.
 * A file it cannot read at all is an error naming the line; the runner
 * then rolls the whole import back.
 */
#define G_LOG_DOMAIN "tend-importer"

#include "config.h"

#include "tend-importer.h"

G_DEFINE_INTERFACE (TendImporter, tend_importer, G_TYPE_OBJECT)

G_DEFINE_QUARK (tend-import-error-quark, tend_import_error)

static void
tend_importer_default_init (TendImporterInterface *iface)
{
}

TendSourceKind
tend_importer_get_source_kind (TendImporter *self)
{
  g_return_val_if_fail (TEND_IS_IMPORTER (self), TEND_SOURCE_KIND_VCARD);
  return TEND_IMPORTER_GET_IFACE (self)->get_source_kind (self);
}

/**
 * tend_importer_detect:
 * @name: the entry's path inside the folder or archive, or its file name
 * @head: the entry's first bytes, at most %TEND_IMPORTER_HEAD_SIZE
 *
 * Returns: a confidence from %TEND_IMPORTER_CONFIDENCE_NONE to
 *   %TEND_IMPORTER_CONFIDENCE_CERTAIN
 */
guint
tend_importer_detect (TendImporter  *self,
                      const char    *name,
                      const guint8  *head,
                      gsize          head_len)
{
  g_return_val_if_fail (TEND_IS_IMPORTER (self), TEND_IMPORTER_CONFIDENCE_NONE);
  g_return_val_if_fail (name != NULL, TEND_IMPORTER_CONFIDENCE_NONE);
  g_return_val_if_fail (head != NULL || head_len == 0, TEND_IMPORTER_CONFIDENCE_NONE);

  return TEND_IMPORTER_GET_IFACE (self)->detect (self, name, head, head_len);
}

/**
 * tend_importer_parse:
 * @stream: the entry, positioned at its first byte
 * @sink: where the rows go
 *
 * Returns: %TRUE when the entry was read to its end; %FALSE with @error
 *   set (a #TEND_IMPORT_ERROR, a #G_IO_ERROR) whose message says which
 *   line and why
 */
gboolean
tend_importer_parse (TendImporter    *self,
                     GInputStream    *stream,
                     TendImportSink  *sink,
                     GCancellable    *cancellable,
                     GError         **error)
{
  g_return_val_if_fail (TEND_IS_IMPORTER (self), FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (TEND_IS_IMPORT_SINK (sink), FALSE);

  return TEND_IMPORTER_GET_IFACE (self)->parse (self, stream, sink, cancellable, error);
}
