/* tend-mastodon-csv-importer.h: Mastodon's following_accounts.csv
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tend-importer.h"

G_BEGIN_DECLS

#define TEND_TYPE_MASTODON_CSV_IMPORTER (tend_mastodon_csv_importer_get_type ())

G_DECLARE_FINAL_TYPE (TendMastodonCsvImporter, tend_mastodon_csv_importer,
                      TEND, MASTODON_CSV_IMPORTER, GObject)

TendImporter *tend_mastodon_csv_importer_new (void);

G_END_DECLS
