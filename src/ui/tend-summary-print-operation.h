/* tend-summary-print-operation.h: printing the summary or a card with GTK
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tend-connection.h"
#include "tend-store.h"
#include "tend-summary-document.h"

G_BEGIN_DECLS

/* The profile setting that keeps the print settings and page setup. */
#define TEND_SUMMARY_SETTING_PRINT "print.settings"

#define TEND_TYPE_SUMMARY_PRINT_OPERATION (tend_summary_print_operation_get_type ())

G_DECLARE_FINAL_TYPE (TendSummaryPrintOperation, tend_summary_print_operation, TEND, SUMMARY_PRINT_OPERATION, GtkPrintOperation)

TendSummaryPrintOperation *tend_summary_print_operation_new          (TendStore                  *store,
                                                                      GError                    **error);
TendSummaryPrintOperation *tend_summary_print_operation_new_card     (TendStore                  *store,
                                                                      TendConnection             *connection,
                                                                      GError                    **error);
TendSummaryDocument       *tend_summary_print_operation_get_document (TendSummaryPrintOperation  *self);
void                       tend_summary_print_operation_run          (TendSummaryPrintOperation  *self,
                                                                      GtkWindow                  *parent);

G_END_DECLS
