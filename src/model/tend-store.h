/* tend-store.h: one profile's SQLite database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tend-connection.h"
#include "tend-enums.h"
#include "tend-source.h"

G_BEGIN_DECLS

#define TEND_STORE_ERROR (tend_store_error_quark ())

typedef enum {
  TEND_STORE_ERROR_CORRUPT,
  TEND_STORE_ERROR_READ_ONLY,
  TEND_STORE_ERROR_LOCKED,
  TEND_STORE_ERROR_NEWER_VERSION,
  TEND_STORE_ERROR_FULL,
  TEND_STORE_ERROR_NOT_FOUND,
  TEND_STORE_ERROR_INVALID,
  TEND_STORE_ERROR_FAILED,
} TendStoreError;

/* The version this build writes; older files are migrated forward. */
#define TEND_STORE_SCHEMA_VERSION 3

/* What an importer or a sync knows about one connection. */
typedef struct {
  const char      *stable_key;
  const char      *name;
  const char      *handle;
  const char      *profile_url;
  const char      *avatar_url;
  TendFollowState  follow_state;
  gint64           connected_since;
  /* Known to live sources only; exports leave them empty. */
  const char      *remote_id;
  const char      *bio;
  TendAccountState account_state;
  gint64           last_active_at;
} TendConnectionRecord;

/* What tend_store_import_connection() did with a record. */
typedef enum {
  TEND_CONNECTION_ADDED,
  TEND_CONNECTION_UPDATED,
  TEND_CONNECTION_UNCHANGED,
} TendConnectionChange;

typedef struct {
  gint64  id;
  gint64  at;
  char   *action;
  gint64  connection_id;
  char   *before;
  char   *after;
} TendJournalEntry;

typedef struct {
  TendDirection       direction;
  TendInteractionKind kind;
  gint64              occurred_at;
} TendInteraction;

typedef void (*TendInteractionFunc) (gint64              connection_id,
                                     TendDirection       direction,
                                     TendInteractionKind kind,
                                     gint64              occurred_at,
                                     gpointer            user_data);

#define TEND_TYPE_STORE (tend_store_get_type ())

G_DECLARE_FINAL_TYPE (TendStore, tend_store, TEND, STORE, GObject)

GQuark       tend_store_error_quark          (void);

char        *tend_store_build_path           (const char           *data_dir);
char        *tend_store_build_sample_path    (const char           *data_dir);

TendStore   *tend_store_open                 (const char           *path,
                                              GError              **error);
const char  *tend_store_get_path             (TendStore            *self);
int          tend_store_get_schema_version   (TendStore            *self);

gboolean     tend_store_begin                (TendStore            *self,
                                              GError              **error);
gboolean     tend_store_commit               (TendStore            *self,
                                              GError              **error);
void         tend_store_rollback             (TendStore            *self);

gint64       tend_store_ensure_source        (TendStore            *self,
                                              TendSourceKind        kind,
                                              const char           *account,
                                              const char           *title,
                                              GError              **error);
gint64       tend_store_upsert_connection    (TendStore            *self,
                                              gint64                source_id,
                                              const TendConnectionRecord *record,
                                              GError              **error);
gint64       tend_store_import_connection    (TendStore            *self,
                                              gint64                source_id,
                                              const TendConnectionRecord *record,
                                              TendConnectionChange *out_change,
                                              GError              **error);
gboolean     tend_store_add_interaction      (TendStore            *self,
                                              gint64                connection_id,
                                              TendDirection         direction,
                                              TendInteractionKind   kind,
                                              gint64                occurred_at,
                                              const char           *external_id,
                                              GError              **error);

gboolean     tend_store_set_decision         (TendStore            *self,
                                              gint64                connection_id,
                                              TendDecision          decision,
                                              const char           *note,
                                              GError              **error);
gboolean     tend_store_add_tag              (TendStore            *self,
                                              gint64                connection_id,
                                              const char           *tag,
                                              GError              **error);
gboolean     tend_store_remove_tag           (TendStore            *self,
                                              gint64                connection_id,
                                              const char           *tag,
                                              GError              **error);
gboolean     tend_store_is_tag_protected     (const char           *tag);
GStrv        tend_store_list_tags            (TendStore            *self,
                                              GError              **error);
GArray      *tend_store_list_recent_interactions (TendStore        *self,
                                              gint64                connection_id,
                                              TendDirection         direction,
                                              guint                 limit,
                                              GError              **error);

char        *tend_store_get_setting          (TendStore            *self,
                                              const char           *key,
                                              GError              **error);
gboolean     tend_store_set_setting          (TendStore            *self,
                                              const char           *key,
                                              const char           *value,
                                              GError              **error);

gint64       tend_store_count_connections    (TendStore            *self,
                                              GError              **error);
gint64       tend_store_count_interactions   (TendStore            *self,
                                              GError              **error);
GListModel  *tend_store_list_sources         (TendStore            *self,
                                              GError              **error);
GListModel  *tend_store_list_connections     (TendStore            *self,
                                              GError              **error);
gboolean     tend_store_foreach_interaction  (TendStore            *self,
                                              gint64                since,
                                              TendInteractionFunc   func,
                                              gpointer              user_data,
                                              GError              **error);
gboolean     tend_store_foreach_interaction_with (TendStore        *self,
                                              gint64                connection_id,
                                              TendInteractionFunc   func,
                                              gpointer              user_data,
                                              GError              **error);

gint64       tend_store_take_snapshot        (TendStore            *self,
                                              gint64                source_id,
                                              GError              **error);
gboolean     tend_store_diff_snapshots       (TendStore            *self,
                                              gint64                older_snapshot_id,
                                              gint64                newer_snapshot_id,
                                              GArray              **joined,
                                              GArray              **left,
                                              GError              **error);

gboolean     tend_store_compare_connection   (TendStore            *self,
                                              gint64                source_id,
                                              const TendConnectionRecord *record,
                                              gint64               *out_id,
                                              gboolean             *out_present,
                                              gboolean             *out_same,
                                              GError              **error);
gboolean     tend_store_mark_connections_removed (TendStore        *self,
                                              gint64                source_id,
                                              GArray               *kept_ids,
                                              gint64                removed_at,
                                              guint                *out_n_removed,
                                              GError              **error);
gint64       tend_store_get_latest_snapshot  (TendStore            *self,
                                              gint64                source_id,
                                              GError              **error);
gboolean     tend_store_get_latest_changes   (TendStore            *self,
                                              gint64                source_id,
                                              GArray              **joined,
                                              GArray              **left,
                                              GError              **error);
gboolean     tend_store_set_source_imported  (TendStore            *self,
                                              gint64                source_id,
                                              gint64                imported_at,
                                              GError              **error);

gboolean     tend_store_journal_action_requested (TendStore        *self,
                                                  gint64            connection_id,
                                                  TendActionKind    kind,
                                                  GError          **error);
gboolean     tend_store_record_action_result (TendStore            *self,
                                              gint64                connection_id,
                                              TendActionKind        kind,
                                              const GError         *failure,
                                              GError              **error);

GPtrArray   *tend_store_list_journal         (TendStore            *self,
                                              GError              **error);
void         tend_journal_entry_free         (TendJournalEntry     *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendJournalEntry, tend_journal_entry_free)

/* Bulk import: stage every row of a source, merge them in a few
 * statements (inside the caller's transaction), mark who was not staged
 * as removed, then clear. */

/* What tend_store_merge_staged_connections() did. */
typedef struct {
  guint n_added;
  guint n_updated;
  guint n_unchanged;
} TendConnectionCounts;

/* Fills in @record, the connection at @index, for staging. */
typedef void (*TendConnectionRecordFunc) (guint                 index,
                                          TendConnectionRecord *record,
                                          gpointer              user_data);

void         tend_store_clear_staged         (TendStore            *self);
void         tend_store_stage_connections    (TendStore            *self,
                                              guint                 n_records,
                                              TendConnectionRecordFunc get_record,
                                              gpointer              user_data);
gboolean     tend_store_merge_staged_connections (TendStore        *self,
                                                  gint64            source_id,
                                                  TendConnectionCounts *out_counts,
                                                  GError          **error);
gboolean     tend_store_remove_unstaged_connections (TendStore     *self,
                                                     gint64         source_id,
                                                     gint64         removed_at,
                                                     guint         *out_n_removed,
                                                     GError       **error);
void         tend_store_stage_interaction    (TendStore            *self,
                                              gint64                connection_id,
                                              TendDirection         direction,
                                              TendInteractionKind   kind,
                                              gint64                occurred_at,
                                              const char           *external_id);
gboolean     tend_store_merge_staged_interactions (TendStore       *self,
                                                   guint           *out_n_added,
                                                   GError         **error);

/* A network account Tend syncs with (Mastodon, Bluesky). */
typedef struct {
  gint64          id;
  TendSourceKind  kind;
  char           *account;
  char           *title;
  char           *server;       /* NULL once disconnected */
  char           *remote_id;
  gint64          last_sync_at;
} TendLiveSource;

void            tend_live_source_free             (TendLiveSource       *source);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendLiveSource, tend_live_source_free)

gboolean        tend_store_set_source_live        (TendStore            *self,
                                                   gint64                source_id,
                                                   const char           *server,
                                                   const char           *remote_id,
                                                   GError              **error);
gboolean        tend_store_set_source_synced      (TendStore            *self,
                                                   gint64                source_id,
                                                   gint64                synced_at,
                                                   GError              **error);
GPtrArray      *tend_store_list_live_sources      (TendStore            *self,
                                                   TendSourceKind        kind,
                                                   gboolean              connected_only,
                                                   GError              **error);
TendLiveSource *tend_store_find_live_source       (TendStore            *self,
                                                   TendSourceKind        kind,
                                                   const char           *account,
                                                   GError              **error);
gboolean        tend_store_get_server_app         (TendStore            *self,
                                                   const char           *server,
                                                   char                **out_client_id,
                                                   char                **out_redirect_uri,
                                                   char                **out_scopes,
                                                   GError              **error);
gboolean        tend_store_save_server_app        (TendStore            *self,
                                                   const char           *server,
                                                   const char           *client_id,
                                                   const char           *redirect_uri,
                                                   const char           *scopes,
                                                   GError              **error);
gboolean        tend_store_forget_server_app      (TendStore            *self,
                                                   const char           *server,
                                                   GError              **error);
char           *tend_store_dup_connection_remote_id (TendStore          *self,
                                                   gint64                connection_id,
                                                   gint64               *out_source_id,
                                                   GError              **error);
GHashTable     *tend_store_get_follow_states      (TendStore            *self,
                                                   gint64                source_id,
                                                   GError              **error);
GHashTable     *tend_store_list_external_ids      (TendStore            *self,
                                                   gint64                source_id,
                                                   GError              **error);

gboolean        tend_store_set_follow_record      (TendStore            *self,
                                                   gint64                source_id,
                                                   const char           *remote_id,
                                                   const char           *follow_record,
                                                   GError              **error);
char           *tend_store_dup_follow_record      (TendStore            *self,
                                                   gint64                connection_id,
                                                   GError              **error);

G_END_DECLS

/* Applying decisions: the queued actions and the people they concern. */

/* One connection as the apply engine, the checklist and History name it;
 * removed connections too, since an applied unfollow removes them. */
typedef struct {
  gint64           connection_id;
  gint64           source_id;
  TendSourceKind   source_kind;
  char            *source_title;
  char            *name;
  char            *handle;
  char            *profile_url;
  TendFollowState  follow_state;
  gboolean         present;
  TendDecision     decision;
  char            *note;
} TendPerson;

typedef struct {
  gint64           id;
  TendActionKind   kind;
  TendActionState  state;
  gint64           created_at;
  gint64           finished_at;
  char            *error;
  TendPerson       person;
} TendActionItem;

void         tend_person_clear               (TendPerson           *person);
void         tend_action_item_free           (TendActionItem       *item);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendActionItem, tend_action_item_free)

gint64       tend_store_queue_action         (TendStore            *self,
                                              gint64                connection_id,
                                              TendActionKind        kind,
                                              gboolean             *out_queued,
                                              GError              **error);
gboolean     tend_store_set_action_state     (TendStore            *self,
                                              gint64                action_id,
                                              TendActionState       state,
                                              const char           *failure,
                                              GError              **error);
gboolean     tend_store_set_checklist_done   (TendStore            *self,
                                              gint64                action_id,
                                              gboolean              done,
                                              GError              **error);
GPtrArray   *tend_store_list_actions         (TendStore            *self,
                                              GError              **error);
gboolean     tend_store_dup_next_action      (TendStore            *self,
                                              gint64                source_id,
                                              TendActionItem      **out_item,
                                              GError              **error);
TendActionItem *tend_store_get_action        (TendStore            *self,
                                              gint64                action_id,
                                              GError              **error);
gboolean     tend_store_get_follow_state     (TendStore            *self,
                                              gint64                connection_id,
                                              TendFollowState      *out_state,
                                              gboolean             *out_present,
                                              GError              **error);
GHashTable  *tend_store_index_people         (TendStore            *self,
                                              GError              **error);
gboolean     tend_store_cancel_pending_actions (TendStore          *self,
                                              gint64                connection_id,
                                              guint                *out_n_cancelled,
                                              GError              **error);
