/* tend-trickle-stream.c: a stream that gives one byte per read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Readers that work through a buffer see every token, escape and UTF-8
 * sequence cut by the buffer's end when they read through this; the
 * JSON scanner's test and fuzz target compare what they read through it
 * with what they read at once.
 */
#define G_LOG_DOMAIN "tend-trickle-stream"

#include "config.h"

#include "tend-trickle-stream.h"

struct _TendTrickleStream
{
  GFilterInputStream parent_instance;
};

G_DEFINE_FINAL_TYPE (TendTrickleStream, tend_trickle_stream, G_TYPE_FILTER_INPUT_STREAM)

static gssize
tend_trickle_stream_read (GInputStream  *stream,
                          void          *buffer,
                          gsize          count,
                          GCancellable  *cancellable,
                          GError       **error)
{
  GInputStream *base = g_filter_input_stream_get_base_stream (G_FILTER_INPUT_STREAM (stream));

  return g_input_stream_read (base, buffer, MIN (count, 1), cancellable, error);
}

static void
tend_trickle_stream_class_init (TendTrickleStreamClass *klass)
{
  G_INPUT_STREAM_CLASS (klass)->read_fn = tend_trickle_stream_read;
}

static void
tend_trickle_stream_init (TendTrickleStream *self)
{
}

GInputStream *
tend_trickle_stream_new (GInputStream *base_stream)
{
  g_return_val_if_fail (G_IS_INPUT_STREAM (base_stream), NULL);

  return g_object_new (TEND_TYPE_TRICKLE_STREAM, "base-stream", base_stream, NULL);
}
