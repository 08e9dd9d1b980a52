/* tend-test-utils.h: helpers the test suites share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef gboolean (*TendTestWidgetMatchFunc) (GtkWidget *widget,
                                             gpointer   data);

typedef gboolean (*TendTestPredicate) (gpointer data);

/* What a run of the `tend` binary left behind. */
typedef struct {
  int   status;
  char *out;
  char *err;
} TendTestRun;

void        tend_test_init_display              (int                       *argc,
                                                 char                    ***argv);

void        tend_test_spin                      (guint                      ms);
gboolean    tend_test_wait_until                (TendTestPredicate          predicate,
                                                 gpointer                   data,
                                                 guint                      timeout_ms);

void        tend_test_store_result              (GObject                   *source,
                                                 GAsyncResult              *result,
                                                 gpointer                   slot);

GtkWidget  *tend_test_find_widget               (GtkWidget                 *root,
                                                 TendTestWidgetMatchFunc    match,
                                                 gpointer                   data);
GtkEventController *tend_test_find_controller  (GtkWidget                 *widget,
                                                 GType                      type);
gboolean    tend_test_is_widget_of_type         (GtkWidget                 *widget,
                                                 gpointer                   type);
gboolean    tend_test_is_widget_type_named      (GtkWidget                 *widget,
                                                 gpointer                   type_name);
gboolean    tend_test_is_label_with_text        (GtkWidget                 *widget,
                                                 gpointer                   text);
gboolean    tend_test_is_mapped_label_with_text (GtkWidget                 *widget,
                                                 gpointer                   text);
gboolean    tend_test_is_button_for_action      (GtkWidget                 *widget,
                                                 gpointer                   action_name);

char       *tend_test_output_path               (const char                *name);
GdkTexture *tend_test_render_to_png             (GtkWidget                 *widget,
                                                 const char                *name,
                                                 const GdkRGBA             *background);

char       *tend_test_data_path                 (const char                *first,
                                                 ...) G_GNUC_NULL_TERMINATED;
GBytes     *tend_test_read_data                 (const char                *first,
                                                 ...) G_GNUC_NULL_TERMINATED;
char       *tend_test_make_tmp_dir              (const char                *tmpl);
gboolean    tend_test_remove_tree               (const char                *path);

void        tend_test_collect_unnamed_controls  (GtkWidget                 *widget,
                                                 GType                      extra_control,
                                                 GString                   *unnamed);

void        tend_test_run_clear                 (TendTestRun               *run);
void        tend_test_run_tend                  (TendTestRun               *run,
                                                 ...) G_GNUC_NULL_TERMINATED;

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TendTestRun, tend_test_run_clear)

G_END_DECLS
