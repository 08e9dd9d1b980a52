/* tend-trickle-stream.h: a stream that gives one byte per read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TEND_TYPE_TRICKLE_STREAM (tend_trickle_stream_get_type ())

G_DECLARE_FINAL_TYPE (TendTrickleStream, tend_trickle_stream, TEND, TRICKLE_STREAM, GFilterInputStream)

GInputStream *tend_trickle_stream_new (GInputStream *base_stream);

G_END_DECLS
