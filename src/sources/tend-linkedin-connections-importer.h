/* tend-linkedin-connections-importer.h: LinkedIn's Connections.csv
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tend-importer.h"

G_BEGIN_DECLS

#define TEND_TYPE_LINKEDIN_CONNECTIONS_IMPORTER (tend_linkedin_connections_importer_get_type ())

G_DECLARE_FINAL_TYPE (TendLinkedinConnectionsImporter, tend_linkedin_connections_importer,
                      TEND, LINKEDIN_CONNECTIONS_IMPORTER, GObject)

TendImporter *tend_linkedin_connections_importer_new (void);

G_END_DECLS
