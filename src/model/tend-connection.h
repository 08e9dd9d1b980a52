/* tend-connection.h: one person as seen through one source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "tend-enums.h"

G_BEGIN_DECLS

#define TEND_TYPE_CONNECTION (tend_connection_get_type ())

G_DECLARE_FINAL_TYPE (TendConnection, tend_connection, TEND, CONNECTION, GObject)

TendConnection     *tend_connection_new                (gint64           id,
                                                        gint64           source_id);
gint64              tend_connection_get_id             (TendConnection  *self);
gint64              tend_connection_get_source_id      (TendConnection  *self);

TendSourceKind      tend_connection_get_source_kind    (TendConnection  *self);
void                tend_connection_set_source_kind    (TendConnection  *self,
                                                        TendSourceKind   kind);
const char         *tend_connection_get_source_title   (TendConnection  *self);
void                tend_connection_set_source_title   (TendConnection  *self,
                                                        const char      *title);
const char         *tend_connection_get_stable_key     (TendConnection  *self);
void                tend_connection_set_stable_key     (TendConnection  *self,
                                                        const char      *stable_key);
const char         *tend_connection_get_name           (TendConnection  *self);
void                tend_connection_set_name           (TendConnection  *self,
                                                        const char      *name);
const char         *tend_connection_get_name_sort_key  (TendConnection  *self);
const char         *tend_connection_get_handle         (TendConnection  *self);
void                tend_connection_set_handle         (TendConnection  *self,
                                                        const char      *handle);
const char         *tend_connection_get_profile_url    (TendConnection  *self);
void                tend_connection_set_profile_url    (TendConnection  *self,
                                                        const char      *profile_url);
const char         *tend_connection_get_avatar_url     (TendConnection  *self);
void                tend_connection_set_avatar_url     (TendConnection  *self,
                                                        const char      *avatar_url);
TendFollowState     tend_connection_get_follow_state   (TendConnection  *self);
void                tend_connection_set_follow_state   (TendConnection  *self,
                                                        TendFollowState  state);
gint64              tend_connection_get_connected_since (TendConnection *self);
void                tend_connection_set_connected_since (TendConnection *self,
                                                         gint64          unix_time);
gboolean            tend_connection_get_is_new         (TendConnection  *self);
void                tend_connection_set_is_new         (TendConnection  *self,
                                                        gboolean         is_new);

gint64              tend_connection_get_last_in        (TendConnection  *self);
gint64              tend_connection_get_last_out       (TendConnection  *self);
double              tend_connection_get_in_weight      (TendConnection  *self);
double              tend_connection_get_out_weight     (TendConnection  *self);
gboolean            tend_connection_has_balance        (TendConnection  *self);
double              tend_connection_get_balance        (TendConnection  *self);
TendQuadrant        tend_connection_get_quadrant       (TendConnection  *self);
guint               tend_connection_get_score          (TendConnection  *self);
void                tend_connection_set_measures       (TendConnection  *self,
                                                        gint64           last_in,
                                                        gint64           last_out,
                                                        double           in_weight,
                                                        double           out_weight,
                                                        TendQuadrant     quadrant,
                                                        guint            score);

const char * const *tend_connection_get_tags           (TendConnection  *self);
void                tend_connection_set_tags           (TendConnection  *self,
                                                        const char * const *tags);
gboolean            tend_connection_has_tag            (TendConnection  *self,
                                                        const char      *tag);
TendDecision        tend_connection_get_decision       (TendConnection  *self);
void                tend_connection_set_decision       (TendConnection  *self,
                                                        TendDecision     decision);
gint64              tend_connection_get_decided_at     (TendConnection  *self);
void                tend_connection_set_decided_at     (TendConnection  *self,
                                                        gint64           unix_time);
const char         *tend_connection_get_note           (TendConnection  *self);
void                tend_connection_set_note           (TendConnection  *self,
                                                        const char      *note);

const char         *tend_connection_get_remote_id      (TendConnection  *self);
void                tend_connection_set_remote_id      (TendConnection  *self,
                                                        const char      *remote_id);
const char         *tend_connection_get_bio            (TendConnection  *self);
void                tend_connection_set_bio            (TendConnection  *self,
                                                        const char      *bio);
TendAccountState    tend_connection_get_account_state  (TendConnection  *self);
void                tend_connection_set_account_state  (TendConnection  *self,
                                                        TendAccountState state);
gint64              tend_connection_get_last_active_at (TendConnection  *self);
void                tend_connection_set_last_active_at (TendConnection  *self,
                                                        gint64           unix_time);

G_END_DECLS
