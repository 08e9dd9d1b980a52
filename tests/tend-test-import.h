/* tend-test-import.h: a fresh profile to import into, for the import suites
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tend-import.h"
#include "tend-importer.h"
#include "tend-store.h"

G_BEGIN_DECLS

typedef struct {
  char      *dir;
  TendStore *store;
} TendTestImportFixture;

/* An export under tests/data/import and the importer that must claim it. */
typedef struct {
  const char *fixture;
  GType       type;
} TendTestDetectCase;

/* Adds a test case that runs on a fresh profile. */
#define tend_test_add_import(path, func) \
  g_test_add ((path), TendTestImportFixture, NULL, tend_test_import_fixture_set_up, (func), \
              tend_test_import_fixture_tear_down)

void              tend_test_import_fixture_set_up    (TendTestImportFixture  *fixture,
                                                      gconstpointer           data);
void              tend_test_import_fixture_tear_down (TendTestImportFixture  *fixture,
                                                      gconstpointer           data);

char             *tend_test_import_data_path         (const char             *name);
TendImportResult *tend_test_import_paths             (TendTestImportFixture  *fixture,
                                                      GError                **error,
                                                      ...) G_GNUC_NULL_TERMINATED;
GError           *tend_test_import_fails             (TendTestImportFixture  *fixture,
                                                      const char             *name,
                                                      TendImportError         code);
TendImportResult *tend_test_import_ok                (TendTestImportFixture  *fixture,
                                                      const char             *name);

GHashTable       *tend_test_connections_by_name      (TendTestImportFixture  *fixture,
                                                      TendSourceKind          kind);
TendConnection   *tend_test_get_connection           (GHashTable             *by_name,
                                                      const char             *name);
guint             tend_test_count_interactions       (TendTestImportFixture  *fixture,
                                                      gint64                  connection_id,
                                                      TendDirection           direction);
gint64            tend_test_count_connections        (TendTestImportFixture  *fixture);
gint64            tend_test_count_all_interactions   (TendTestImportFixture  *fixture);

TendImporter     *tend_test_best_importer            (GPtrArray              *importers,
                                                      const char             *name,
                                                      GBytes                 *bytes);
void              tend_test_assert_detected          (GPtrArray              *importers,
                                                      const TendTestDetectCase *cases,
                                                      gsize                   n_cases,
                                                      const char             *renamed_as);

G_END_DECLS
