/* tend-window.h: the main window of one profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "tend-application.h"
#include "tend-apply-engine.h"
#include "tend-store.h"

G_BEGIN_DECLS

#define TEND_TYPE_WINDOW (tend_window_get_type ())

G_DECLARE_FINAL_TYPE (TendWindow, tend_window, TEND, WINDOW, AdwApplicationWindow)

TendWindow *tend_window_new                (TendApplication *application);
const char *tend_window_get_data_dir       (TendWindow      *self);
TendStore  *tend_window_get_store          (TendWindow      *self);
gboolean    tend_window_get_showing_sample (TendWindow      *self);
const char *tend_window_get_page           (TendWindow      *self);
void        tend_window_set_store          (TendWindow      *self,
                                            TendStore       *store,
                                            gboolean         is_sample);
void        tend_window_show_error         (TendWindow      *self,
                                            const GError    *error);
TendApplyEngine *tend_window_get_apply_engine (TendWindow   *self);

G_END_DECLS
