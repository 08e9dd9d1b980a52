/* tend-fuzz.h: what every fuzz target shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "tend-importer.h"

G_BEGIN_DECLS

/* The entry point libFuzzer calls, and fuzz-replay.c in plain builds. */
int           LLVMFuzzerTestOneInput  (const uint8_t  *data,
                                       size_t          size);

void          tend_fuzz_init          (void);
GInputStream *tend_fuzz_stream_new    (const uint8_t  *data,
                                       size_t          size);
void          tend_fuzz_importer      (TendImporter   *importer,
                                       const uint8_t  *data,
                                       size_t          size);

G_END_DECLS
