/* fuzz-importer.c: one importer's detect() and parse() on arbitrary bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built once per importer, with -DTEND_FUZZ_IMPORTER_NEW= naming the
 * importer's constructor (see meson.build).
 */
#define G_LOG_DOMAIN "fuzz-importer"

#include "config.h"

#include "tend-facebook-friends-importer.h"
#include "tend-facebook-messages-importer.h"
#include "tend-google-contacts-importer.h"
#include "tend-instagram-importer.h"
#include "tend-linkedin-connections-importer.h"
#include "tend-linkedin-messages-importer.h"
#include "tend-mastodon-csv-importer.h"
#include "tend-vcard-importer.h"
#include "tend-x-archive-importer.h"
#include "tend-fuzz.h"

#ifndef TEND_FUZZ_IMPORTER_NEW
# error "Define TEND_FUZZ_IMPORTER_NEW to an importer's constructor"
#endif

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* A new importer each time: some keep state across the files of one
   * import, and one input must not change how the next one is read. */
  g_autoptr(TendImporter) importer = NULL;

  tend_fuzz_init ();

  importer = TEND_FUZZ_IMPORTER_NEW ();
  tend_fuzz_importer (importer, data, size);

  return 0;
}
