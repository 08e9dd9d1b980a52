/* tend-entry-stream.c: one file or archive entry, read under limits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sizes written in a file or an archive are never believed: this stream
 * counts the bytes as they come and fails as soon as an entry grows past
 * its limit, or, inside an archive, unpacks to more than so many times
 * the compressed bytes it consumed. Nothing is written to disk.
 */
#define G_LOG_DOMAIN "tend-entry-stream"

#include "config.h"

#include <glib/gi18n.h>

#include "tend-entry-stream.h"
#include "tend-importer.h"

/* Below this, small entries that compress very well (a CSV of empty
 * cells) are not held to the ratio; a bomb is far larger. */
#define RATIO_GRACE_BYTES (1024 * 1024)

/* libarchive reads ahead by blocks; an entry may have been paid for by
 * up to one block read before its header was returned. */
#define RATIO_SLACK_BYTES (64 * 1024)

struct _TendEntryStream
{
  GInputStream parent_instance;

  /* owned */
  GInputStream *base;

  /* borrowed: the archive, positioned at this entry's data */
  struct archive *archive;
  gpointer        read_data;

  TendEntryStreamReadFunc read_func;

  guint64 max_bytes;
  guint   max_ratio;
  guint64 bytes_read;
  gint64  raw_at_start;
};

G_DEFINE_FINAL_TYPE (TendEntryStream, tend_entry_stream, G_TYPE_INPUT_STREAM)

static gboolean
check_limits (TendEntryStream  *self,
              GError          **error)
{
  if (self->bytes_read > self->max_bytes)
    {
      g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_TOO_LARGE,
                   _("it is larger than %" G_GUINT64_FORMAT " MiB once unpacked, which no "
                     "export is. It was not read. If it really is an export, import the "
                     "files you need from it one by one"),
                   self->max_bytes / (1024 * 1024));
      return FALSE;
    }

  if (self->archive != NULL && self->max_ratio > 0 && self->bytes_read > RATIO_GRACE_BYTES)
    {
      gint64 raw = archive_filter_bytes (self->archive, -1) - self->raw_at_start;
      guint64 packed = MAX (raw, 0) + RATIO_SLACK_BYTES;

      if (self->bytes_read / packed >= self->max_ratio)
        {
          g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_SUSPICIOUS,
                       _("it unpacks to more than %u times its packed size, which exports "
                         "never do: the archive is damaged or built to harm. It was not read. "
                         "Download the export again from the network"),
                       self->max_ratio);
          return FALSE;
        }
    }

  return TRUE;
}

static gssize
tend_entry_stream_read (GInputStream  *stream,
                        void          *buffer,
                        gsize          count,
                        GCancellable  *cancellable,
                        GError       **error)
{
  TendEntryStream *self = TEND_ENTRY_STREAM (stream);
  gssize n_read;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;

  /* Once over a limit, always over it: a buffering stream above may have
   * dropped the first error along with the bytes it already had. */
  if (!check_limits (self, error))
    return -1;

  /* Ask for one byte past the limit at most, so crossing it is seen. */
  if (self->bytes_read + count > self->max_bytes + 1)
    count = self->max_bytes + 1 - self->bytes_read;

  if (count == 0)
    return 0;

  if (self->archive != NULL)
    {
      la_ssize_t n = archive_read_data (self->archive, buffer, count);

      if (n < 0)
        {
          g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID,
                       _("it cannot be unpacked (%s). Download the export again"),
                       archive_error_string (self->archive) ? archive_error_string (self->archive) : "?");
          return -1;
        }
      n_read = n;
    }
  else
    {
      n_read = g_input_stream_read (self->base, buffer, count, cancellable, error);
      if (n_read < 0)
        return -1;
    }

  self->bytes_read += n_read;

  if (!check_limits (self, error))
    return -1;

  if (self->read_func != NULL)
    self->read_func (self, self->bytes_read, self->read_data);

  return n_read;
}

static gboolean
tend_entry_stream_close (GInputStream  *stream,
                         GCancellable  *cancellable,
                         GError       **error)
{
  TendEntryStream *self = TEND_ENTRY_STREAM (stream);

  if (self->base != NULL)
    return g_input_stream_close (self->base, cancellable, error);

  return TRUE;
}

static void
tend_entry_stream_finalize (GObject *object)
{
  TendEntryStream *self = (TendEntryStream *)object;

  g_clear_object (&self->base);

  G_OBJECT_CLASS (tend_entry_stream_parent_class)->finalize (object);
}

static void
tend_entry_stream_class_init (TendEntryStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = tend_entry_stream_finalize;
  stream_class->read_fn = tend_entry_stream_read;
  stream_class->close_fn = tend_entry_stream_close;
}

static void
tend_entry_stream_init (TendEntryStream *self)
{
}

/**
 * tend_entry_stream_new_for_stream:
 * @max_bytes: fail once more than this was read
 *
 * Returns: (transfer full): a stream over @base that fails when @base is
 *   longer than @max_bytes
 */
GInputStream *
tend_entry_stream_new_for_stream (GInputStream *base,
                                  guint64       max_bytes)
{
  TendEntryStream *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (base), NULL);

  self = g_object_new (TEND_TYPE_ENTRY_STREAM, NULL);
  self->base = g_object_ref (base);
  self->max_bytes = max_bytes;
  return G_INPUT_STREAM (self);
}

/**
 * tend_entry_stream_new_for_archive:
 * @archive: an archive whose current entry is to be read; it must stay
 *   on that entry while the stream is used
 * @max_ratio: fail when the entry unpacks to this many times the bytes
 *   read from the archive for it, or 0 for no limit
 *
 * Returns: (transfer full): a stream over the current entry's data
 */
GInputStream *
tend_entry_stream_new_for_archive (struct archive *archive,
                                   guint64         max_bytes,
                                   guint           max_ratio)
{
  TendEntryStream *self;

  g_return_val_if_fail (archive != NULL, NULL);

  self = g_object_new (TEND_TYPE_ENTRY_STREAM, NULL);
  self->archive = archive;
  self->max_bytes = max_bytes;
  self->max_ratio = max_ratio;
  self->raw_at_start = archive_filter_bytes (archive, -1);
  return G_INPUT_STREAM (self);
}

guint64
tend_entry_stream_get_bytes_read (TendEntryStream *self)
{
  g_return_val_if_fail (TEND_IS_ENTRY_STREAM (self), 0);
  return self->bytes_read;
}

/**
 * tend_entry_stream_set_read_func:
 * @func: (nullable): told how far reading got, so that progress can move
 *   within one large entry
 */
void
tend_entry_stream_set_read_func (TendEntryStream         *self,
                                 TendEntryStreamReadFunc  func,
                                 gpointer                 user_data)
{
  g_return_if_fail (TEND_IS_ENTRY_STREAM (self));

  self->read_func = func;
  self->read_data = user_data;
}
