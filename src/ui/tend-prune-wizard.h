/* tend-prune-wizard.h: the pruning wizard, one step a page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tend-prune-session.h"

G_BEGIN_DECLS

#define TEND_TYPE_PRUNE_WIZARD (tend_prune_wizard_get_type ())

G_DECLARE_FINAL_TYPE (TendPruneWizard, tend_prune_wizard, TEND, PRUNE_WIZARD, AdwWindow)

TendPruneWizard  *tend_prune_wizard_new         (GtkWindow        *parent,
                                                 TendPruneSession *session);
TendPruneSession *tend_prune_wizard_get_session (TendPruneWizard  *self);
GtkWidget        *tend_prune_wizard_get_page    (TendPruneWizard  *self);

G_END_DECLS
