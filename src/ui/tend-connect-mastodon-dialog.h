/* tend-connect-mastodon-dialog.h: connect a Mastodon account, step by step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tend-store.h"

G_BEGIN_DECLS

#define TEND_TYPE_CONNECT_MASTODON_DIALOG (tend_connect_mastodon_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TendConnectMastodonDialog, tend_connect_mastodon_dialog, TEND, CONNECT_MASTODON_DIALOG, AdwWindow)

TendConnectMastodonDialog *tend_connect_mastodon_dialog_new         (GtkWindow                 *parent,
                                                                     TendStore                 *store);
const char                *tend_connect_mastodon_dialog_get_step    (TendConnectMastodonDialog *self);
const char                *tend_connect_mastodon_dialog_get_account (TendConnectMastodonDialog *self);

G_END_DECLS
