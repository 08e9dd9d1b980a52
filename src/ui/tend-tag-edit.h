/* tend-tag-edit.h: offering tags and putting them on a person
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tend-store.h"

G_BEGIN_DECLS

int         tend_tag_compare                 (gconstpointer        a,
                                              gconstpointer        b);
GHashTable *tend_tag_set_new                 (void);
void        tend_tag_set_add                 (GHashTable          *set,
                                              const char          *tag);
gboolean    tend_tag_set_contains            (GHashTable          *set,
                                              const char          *tag);

GMenu      *tend_tag_menu_new                (const char * const  *tags,
                                              const char          *action_name);
GMenu      *tend_tag_menu_new_offered        (TendStore           *store,
                                              TendConnection      *connection,
                                              const char          *action_name,
                                              guint               *n_offered,
                                              GError             **error);

void        tend_tag_edit_add_to_object      (TendConnection      *connection,
                                              const char          *tag);
void        tend_tag_edit_remove_from_object (TendConnection      *connection,
                                              const char          *tag);

G_END_DECLS
