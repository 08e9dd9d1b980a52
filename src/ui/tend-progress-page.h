/* tend-progress-page.h: long work under way, with its progress and a way out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TEND_TYPE_PROGRESS_PAGE (tend_progress_page_get_type ())

G_DECLARE_FINAL_TYPE (TendProgressPage, tend_progress_page, TEND, PROGRESS_PAGE, GtkWidget)

GtkWidget    *tend_progress_page_new          (void);
GCancellable *tend_progress_page_begin        (TendProgressPage *self);
void          tend_progress_page_end          (TendProgressPage *self);
gboolean      tend_progress_page_is_busy      (TendProgressPage *self);
void          tend_progress_page_cancel       (TendProgressPage *self);
void          tend_progress_page_set_title    (TendProgressPage *self,
                                               const char       *title);
void          tend_progress_page_set_text     (TendProgressPage *self,
                                               const char       *text);
void          tend_progress_page_set_fraction (TendProgressPage *self,
                                               double            fraction);
void          tend_progress_page_pulse        (TendProgressPage *self);

G_END_DECLS
