/* tend-summary-document.h: the relationship summary and card, as pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A document needs cairo and Pango only: the print operation, the PDF
 * export and `tend --print-summary` all lay it out and draw it through
 * the same three calls, paginate, get_n_pages and draw_page.
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "tend-connection.h"
#include "tend-store.h"

G_BEGIN_DECLS

/* Profile settings the summary reads and writes. */
#define TEND_SUMMARY_SETTING_BUSINESS_NAME "summary.business-name"
#define TEND_SUMMARY_SETTING_LAST_FIGURES  "summary.last-figures"

#define TEND_TYPE_SUMMARY_DOCUMENT (tend_summary_document_get_type ())

G_DECLARE_FINAL_TYPE (TendSummaryDocument, tend_summary_document, TEND, SUMMARY_DOCUMENT, GObject)

TendSummaryDocument *tend_summary_document_new_summary  (TendStore            *store,
                                                         gint64                now,
                                                         GError              **error);
TendSummaryDocument *tend_summary_document_new_card     (TendStore            *store,
                                                         TendConnection       *connection,
                                                         gint64                now,
                                                         GError              **error);
gboolean             tend_summary_document_is_card      (TendSummaryDocument  *self);

void                 tend_summary_document_paginate     (TendSummaryDocument  *self,
                                                         cairo_t              *cr,
                                                         double                width,
                                                         double                height);
guint                tend_summary_document_get_n_pages  (TendSummaryDocument  *self);
void                 tend_summary_document_draw_page    (TendSummaryDocument  *self,
                                                         cairo_t              *cr,
                                                         guint                 page);

gboolean             tend_summary_document_remember     (TendSummaryDocument  *self,
                                                         GError              **error);
void                 tend_summary_document_get_default_paper (double          *width,
                                                         double               *height);
gboolean             tend_summary_document_write_pdf    (TendSummaryDocument  *self,
                                                         const char           *path,
                                                         GError              **error);

G_END_DECLS
