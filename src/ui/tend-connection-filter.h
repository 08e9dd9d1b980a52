/* tend-connection-filter.h: which connections the list shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tend-connection.h"

G_BEGIN_DECLS

#define TEND_TYPE_CONNECTION_FILTER (tend_connection_filter_get_type ())

G_DECLARE_FINAL_TYPE (TendConnectionFilter, tend_connection_filter, TEND, CONNECTION_FILTER, GtkFilter)

TendConnectionFilter *tend_connection_filter_new             (void);

const char           *tend_connection_filter_get_search_text (TendConnectionFilter *self);
void                  tend_connection_filter_set_search_text (TendConnectionFilter *self,
                                                              const char           *search_text);
gint64                tend_connection_filter_get_source_id   (TendConnectionFilter *self);
void                  tend_connection_filter_set_source_id   (TendConnectionFilter *self,
                                                              gint64                source_id);
guint                 tend_connection_filter_get_quadrants   (TendConnectionFilter *self);
void                  tend_connection_filter_set_quadrants   (TendConnectionFilter *self,
                                                              guint                 quadrants);
const char           *tend_connection_filter_get_tag         (TendConnectionFilter *self);
void                  tend_connection_filter_set_tag         (TendConnectionFilter *self,
                                                              const char           *tag);
int                   tend_connection_filter_get_decision    (TendConnectionFilter *self);
void                  tend_connection_filter_set_decision    (TendConnectionFilter *self,
                                                              int                   decision);
gboolean              tend_connection_filter_is_empty        (TendConnectionFilter *self);

void                  tend_connection_filter_prepare         (GListModel           *connections,
                                                              guint                 position,
                                                              guint                 n_items);

G_END_DECLS
