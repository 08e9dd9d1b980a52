/* tend-import-sink.h: where importers put the rows they read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "tend-enums.h"

G_BEGIN_DECLS

/* How a person in an export relates to the owner. One person may appear
 * in several files of one export (followers, following); the runner
 * folds the relations into one follow state: follower and following
 * make mutual, friend wins over both, removed-friend alone means gone. */
typedef enum {
  TEND_IMPORT_RELATION_NONE           = 0,
  TEND_IMPORT_RELATION_FOLLOWER       = 1 << 0,
  TEND_IMPORT_RELATION_FOLLOWING      = 1 << 1,
  TEND_IMPORT_RELATION_FRIEND         = 1 << 2,
  TEND_IMPORT_RELATION_REMOVED_FRIEND = 1 << 3,
  TEND_IMPORT_RELATION_CONTACT        = 1 << 4,
} TendImportRelation;

/* One person as an importer read them. @stable_key is required and must
 * be the same in every export of that source (see tend-import-util.h);
 * the other strings may be NULL. */
typedef struct {
  const char         *stable_key;
  const char         *name;
  const char         *handle;
  const char         *profile_url;
  const char         *avatar_url;
  TendImportRelation  relation;
  gint64              since;        /* Unix seconds, 0 when unknown */
} TendImportPerson;

/* One interaction with a person named by their stable key; the name
 * helps to find them when an older export gave no key to match. */
typedef struct {
  char                *person_key;
  char                *person_name;
  TendDirection        direction;
  TendInteractionKind  kind;
  gint64               occurred_at;
  char                *external_id;
} TendImportInteraction;

/* A row left out, and where: a line of a text file, or, since JSON keeps
 * no lines per element, an entry's place in a list of a JSON file. */
typedef struct {
  char  *file;
  guint  line;      /* where the row starts, from 1, or 0 */
  guint  entry;     /* the entry's place in its list, from 1, or 0 */
  char  *list;      /* (nullable): that list, as the file names it */
  char  *reason;
} TendImportSkip;

#define TEND_TYPE_IMPORT_SINK (tend_import_sink_get_type ())

G_DECLARE_FINAL_TYPE (TendImportSink, tend_import_sink, TEND, IMPORT_SINK, GObject)

TendImportSink   *tend_import_sink_new                (void);

/* For importers. */
void              tend_import_sink_add_person         (TendImportSink         *self,
                                                       const TendImportPerson *person);
void              tend_import_sink_add_interaction    (TendImportSink         *self,
                                                       const char             *person_key,
                                                       const char             *person_name,
                                                       TendDirection           direction,
                                                       TendInteractionKind     kind,
                                                       gint64                  occurred_at,
                                                       const char             *external_id);
void              tend_import_sink_skip_row           (TendImportSink         *self,
                                                       guint                   line,
                                                       const char             *format,
                                                       ...) G_GNUC_PRINTF (3, 4);
void              tend_import_sink_skip_entry         (TendImportSink         *self,
                                                       const char             *list,
                                                       guint                   entry,
                                                       const char             *format,
                                                       ...) G_GNUC_PRINTF (4, 5);

/* For the runner. */
void              tend_import_sink_begin_entry        (TendImportSink         *self,
                                                       TendSourceKind          kind,
                                                       const char             *display_name);
guint             tend_import_sink_end_entry          (TendImportSink         *self);
gboolean          tend_import_sink_has_source         (TendImportSink         *self,
                                                       TendSourceKind          kind);
gboolean          tend_import_sink_is_roster          (TendImportSink         *self,
                                                       TendSourceKind          kind);
GPtrArray        *tend_import_sink_get_people         (TendImportSink         *self,
                                                       TendSourceKind          kind);
GPtrArray        *tend_import_sink_get_interactions   (TendImportSink         *self,
                                                       TendSourceKind          kind);
GPtrArray        *tend_import_sink_get_skipped        (TendImportSink         *self,
                                                       TendSourceKind          kind);
const TendImportPerson *
                  tend_import_sink_find_person        (TendImportSink         *self,
                                                       TendSourceKind          kind,
                                                       const char             *key);
const char       *tend_import_sink_find_key_by_name   (TendImportSink         *self,
                                                       TendSourceKind          kind,
                                                       const char             *name);

gboolean          tend_import_relation_fold           (TendImportRelation      relation,
                                                       TendFollowState        *state);

TendImportSkip   *tend_import_skip_copy               (const TendImportSkip   *skip);
void              tend_import_skip_free               (TendImportSkip         *skip);

G_END_DECLS
