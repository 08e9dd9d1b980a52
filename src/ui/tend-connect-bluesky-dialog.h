/* tend-connect-bluesky-dialog.h: connect a Bluesky account with an app password
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tend-store.h"

G_BEGIN_DECLS

#define TEND_TYPE_CONNECT_BLUESKY_DIALOG (tend_connect_bluesky_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TendConnectBlueskyDialog, tend_connect_bluesky_dialog, TEND, CONNECT_BLUESKY_DIALOG, AdwWindow)

TendConnectBlueskyDialog *tend_connect_bluesky_dialog_new         (GtkWindow                *parent,
                                                                   TendStore                *store);
const char               *tend_connect_bluesky_dialog_get_step    (TendConnectBlueskyDialog *self);
const char               *tend_connect_bluesky_dialog_get_account (TendConnectBlueskyDialog *self);

G_END_DECLS
