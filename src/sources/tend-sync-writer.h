/* tend-sync-writer.h: write what a sync fetched, in one transaction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tend-store.h"
#include "tend-sync-progress.h"
#include "tend-sync-result.h"

G_BEGIN_DECLS

/* A follower or follow, flagged by which list named them. */
typedef struct {
  char             *key;            /* the stable key */
  char             *handle;
  char             *name;
  char             *url;
  char             *avatar;
  char             *remote_id;
  char             *bio;
  char             *follow_record;  /* kept only with keep_follow_records */
  TendAccountState  state;
  gint64            last_active_at;
  gboolean          follows_me;
  gboolean          i_follow;
} TendSyncPerson;

typedef struct {
  char                *key;         /* the person's stable key */
  char                *external_id;
  TendDirection        direction;
  TendInteractionKind  kind;
  gint64               occurred_at;
} TendSyncEvent;

/* Everything one sync fetched, for one account. */
typedef struct {
  TendSourceKind  kind;
  char           *title;
  gint64          source_id;
  char           *server;
  char           *remote_id;          /* the owner's id on the server */
  gboolean        keep_follow_records;
  GHashTable     *people;             /* key → TendSyncPerson */
  GArray         *events;             /* TendSyncEvent */
} TendSyncData;

TendSyncData   *tend_sync_data_new          (TendSourceKind        kind,
                                             gint64                source_id);
void            tend_sync_data_free         (TendSyncData         *data);
TendSyncPerson *tend_sync_data_add_person   (TendSyncData         *data,
                                             const char           *key);
void            tend_sync_data_add_event    (TendSyncData         *data,
                                             const char           *key,
                                             TendDirection         direction,
                                             TendInteractionKind   kind,
                                             gint64                occurred_at,
                                             const char           *external_id);

void            tend_sync_write_async       (const char           *database_path,
                                             TendSyncData         *data,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
TendSyncResult *tend_sync_write_finish      (GAsyncResult         *result,
                                             TendWebClient        *web,
                                             TendSyncProgress     *progress,
                                             guint                 n_phases,
                                             GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendSyncData, tend_sync_data_free)

G_END_DECLS
