/* tend-test-window.h: the application's window in display tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tend-application.h"
#include "tend-window.h"

G_BEGIN_DECLS

/* Generous: work runs in worker threads, and sanitizer builds are slow.
 * A timeout is a failure, never a measurement. */
#define TEND_TEST_PAGE_TIMEOUT_MS 120000

TendWindow *tend_test_open_window              (const char       *data_dir,
                                                TendApplication **application);
void        tend_test_close_window             (TendApplication  *application);
gboolean    tend_test_wait_for_page            (TendWindow       *window,
                                                const char       *page);
void        tend_test_settle                   (TendWindow       *window);
GtkWindow  *tend_test_find_toplevel            (GType             type);
GtkWindow  *tend_test_wait_for_toplevel        (GType             type);

G_END_DECLS
