/* tend-source-row.h: one source and its number of connections
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tend-source.h"

G_BEGIN_DECLS

#define TEND_TYPE_SOURCE_ROW (tend_source_row_get_type ())

G_DECLARE_FINAL_TYPE (TendSourceRow, tend_source_row, TEND, SOURCE_ROW, AdwActionRow)

TendSourceRow *tend_source_row_new        (TendSource    *source);
TendSource    *tend_source_row_get_source (TendSourceRow *self);

G_END_DECLS
