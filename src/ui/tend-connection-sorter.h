/* tend-connection-sorter.h: the order of the connections list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tend-connection.h"

G_BEGIN_DECLS

/* One per column of the connections list. The ids are what GSettings
 * stores, so they never change.
 */
typedef enum {
  TEND_SORT_KEY_NAME,
  TEND_SORT_KEY_SOURCE,
  TEND_SORT_KEY_FOLLOW_STATE,
  TEND_SORT_KEY_LAST_IN,
  TEND_SORT_KEY_LAST_OUT,
  TEND_SORT_KEY_IN,
  TEND_SORT_KEY_OUT,
  TEND_SORT_KEY_BALANCE,
  TEND_SORT_KEY_QUADRANT,
  TEND_SORT_KEY_SCORE,
  TEND_SORT_KEY_TAGS,
  TEND_SORT_KEY_DECISION,
} TendSortKey;

#define TEND_N_SORT_KEYS (TEND_SORT_KEY_DECISION + 1)

#define TEND_TYPE_SORT_KEY (tend_sort_key_get_type ())

GType        tend_sort_key_get_type (void) G_GNUC_CONST;
const char  *tend_sort_key_to_id    (TendSortKey  key);
gboolean     tend_sort_key_from_id  (const char  *id,
                                     TendSortKey *key);

#define TEND_TYPE_CONNECTION_SORTER (tend_connection_sorter_get_type ())

G_DECLARE_FINAL_TYPE (TendConnectionSorter, tend_connection_sorter, TEND, CONNECTION_SORTER, GtkSorter)

TendConnectionSorter *tend_connection_sorter_new            (TendSortKey           key);
TendSortKey           tend_connection_sorter_get_key        (TendConnectionSorter *self);
void                  tend_connection_sorter_set_key        (TendConnectionSorter *self,
                                                             TendSortKey           key);
gboolean              tend_connection_sorter_get_descending (TendConnectionSorter *self);
void                  tend_connection_sorter_set_descending (TendConnectionSorter *self,
                                                             gboolean              descending);
void                  tend_connection_sorter_set_sort       (TendConnectionSorter *self,
                                                             TendSortKey           key,
                                                             gboolean              descending);
int                   tend_connection_sorter_compare        (TendConnectionSorter *self,
                                                             TendConnection       *a,
                                                             TendConnection       *b);

G_END_DECLS
