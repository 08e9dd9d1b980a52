/* tend-prune-review-card.h: one person on a card, to keep or prune
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tend-store.h"

G_BEGIN_DECLS

#define TEND_TYPE_PRUNE_REVIEW_CARD (tend_prune_review_card_get_type ())

G_DECLARE_FINAL_TYPE (TendPruneReviewCard, tend_prune_review_card, TEND, PRUNE_REVIEW_CARD, AdwBin)

GtkWidget *tend_prune_review_card_new            (void);
gboolean   tend_prune_review_card_set_connection (TendPruneReviewCard  *self,
                                                  TendStore            *store,
                                                  TendConnection       *connection,
                                                  GError              **error);

G_END_DECLS
