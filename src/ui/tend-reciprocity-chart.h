/* tend-reciprocity-chart.h: who gives and who takes, one dot per connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tend-enums.h"

G_BEGIN_DECLS

#define TEND_TYPE_RECIPROCITY_CHART (tend_reciprocity_chart_get_type ())

G_DECLARE_FINAL_TYPE (TendReciprocityChart, tend_reciprocity_chart, TEND, RECIPROCITY_CHART, GtkWidget)

GtkWidget         *tend_reciprocity_chart_new                (void);

GListModel        *tend_reciprocity_chart_get_model          (TendReciprocityChart  *self);
void               tend_reciprocity_chart_set_model          (TendReciprocityChart  *self,
                                                              GListModel            *model);
GtkSelectionModel *tend_reciprocity_chart_get_selection      (TendReciprocityChart  *self);
void               tend_reciprocity_chart_set_selection      (TendReciprocityChart  *self,
                                                              GtkSelectionModel     *selection);
double             tend_reciprocity_chart_get_threshold      (TendReciprocityChart  *self);
void               tend_reciprocity_chart_set_threshold      (TendReciprocityChart  *self,
                                                              double                 threshold);

guint              tend_reciprocity_chart_get_count          (TendReciprocityChart  *self,
                                                              TendQuadrant           quadrant);
guint              tend_reciprocity_chart_get_position_at    (TendReciprocityChart  *self,
                                                              double                 x,
                                                              double                 y);
gboolean           tend_reciprocity_chart_get_dot_point      (TendReciprocityChart  *self,
                                                              guint                  position,
                                                              graphene_point_t      *point);
guint              tend_reciprocity_chart_get_focus_position (TendReciprocityChart  *self);
void               tend_reciprocity_chart_set_focus_position (TendReciprocityChart  *self,
                                                              guint                  position);
char              *tend_reciprocity_chart_dup_dot_text       (TendReciprocityChart  *self,
                                                              guint                  position);

gboolean           tend_reciprocity_chart_export_png         (TendReciprocityChart  *self,
                                                              GFile                 *file,
                                                              int                    width,
                                                              int                    height,
                                                              GError               **error);

G_END_DECLS
