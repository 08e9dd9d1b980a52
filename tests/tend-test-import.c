/* tend-test-import.c: a fresh profile to import into, for the import suites
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tend-test-import"

#include "config.h"

#include <stdarg.h>

#include "tend-test-import.h"
#include "tend-test-utils.h"

/* An empty profile in a folder of its own. */
void
tend_test_import_fixture_set_up (TendTestImportFixture *fixture,
                                 gconstpointer          data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = tend_test_make_tmp_dir ("tend-import-XXXXXX");
  path = tend_store_build_path (fixture->dir);
  fixture->store = tend_store_open (path, &error);
  g_assert_no_error (error);
}

void
tend_test_import_fixture_tear_down (TendTestImportFixture *fixture,
                                    gconstpointer          data)
{
  g_clear_object (&fixture->store);
  tend_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

/* An export under tests/data/import, such as "linkedin/Connections.csv". */
char *
tend_test_import_data_path (const char *name)
{
  return tend_test_data_path ("import", name, NULL);
}

/* Imports the exports named after @error (under tests/data/import unless
 * absolute) into the fixture's profile, as one run.
 */
TendImportResult *
tend_test_import_paths (TendTestImportFixture  *fixture,
                        GError                **error,
                        ...)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TendImport) import = tend_import_new ();
  const char *name;
  va_list args;

  va_start (args, error);
  while ((name = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (paths, g_path_is_absolute (name) ? g_strdup (name) : tend_test_import_data_path (name));
  va_end (args);
  g_ptr_array_add (paths, NULL);

  return tend_import_run (import, fixture->store, (const char * const *) paths->pdata, NULL, error);
}

/* Imports the export @name, which must succeed, and logs its summary. */
TendImportResult *
tend_test_import_ok (TendTestImportFixture *fixture,
                     const char            *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  TendImportResult *result = tend_test_import_paths (fixture, &error, name, NULL);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  summary = tend_import_result_to_string (result);
  g_test_message ("%s", summary);
  return result;
}

/* Imports the export @name, which must fail with @code and change
 * nothing; returns the error, whose message the caller reads.
 */
GError *
tend_test_import_fails (TendTestImportFixture *fixture,
                        const char            *name,
                        TendImportError        code)
{
  g_autoptr(TendImportResult) result = NULL;
  GError *error = NULL;

  result = tend_test_import_paths (fixture, &error, name, NULL);
  g_assert_null (result);
  g_assert_error (error, TEND_IMPORT_ERROR, (int) code);
  g_test_message ("%s", error->message);
  return error;
}

/* The present connections of one source kind, by name; two of the same
 * name are "Name" and "Name#2" in list order. */
GHashTable *
tend_test_connections_by_name (TendTestImportFixture *fixture,
                               TendSourceKind         kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = tend_store_list_connections (fixture->store, &error);
  GHashTable *by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(TendConnection) connection = g_list_model_get_item (list, i);
      char *name;

      if (tend_connection_get_source_kind (connection) != kind)
        continue;

      name = g_strdup (tend_connection_get_name (connection));
      if (g_hash_table_contains (by_name, name))
        {
          char *second = g_strconcat (name, "#2", NULL);

          g_free (name);
          name = second;
        }
      g_hash_table_insert (by_name, name, g_object_ref (connection));
    }

  return by_name;
}

TendConnection *
tend_test_get_connection (GHashTable *by_name,
                          const char *name)
{
  TendConnection *connection = g_hash_table_lookup (by_name, name);

  if (connection == NULL)
    g_error ("No connection called “%s”", name);
  return connection;
}

guint
tend_test_count_interactions (TendTestImportFixture *fixture,
                              gint64                 connection_id,
                              TendDirection          direction)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) list = tend_store_list_recent_interactions (fixture->store, connection_id, direction,
                                                                 100, &error);

  g_assert_no_error (error);
  return list->len;
}

gint64
tend_test_count_connections (TendTestImportFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  gint64 count = tend_store_count_connections (fixture->store, &error);

  g_assert_no_error (error);
  return count;
}

gint64
tend_test_count_all_interactions (TendTestImportFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  gint64 count = tend_store_count_interactions (fixture->store, &error);

  g_assert_no_error (error);
  return count;
}

/* The importer among @importers most sure that @bytes, from a file called
 * @name, is its format; NULL if none is.
 */
TendImporter *
tend_test_best_importer (GPtrArray  *importers,
                         const char *name,
                         GBytes     *bytes)
{
  TendImporter *best = NULL;
  guint best_confidence = 0;
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  for (guint i = 0; i < importers->len; i++)
    {
      guint confidence = tend_importer_detect (importers->pdata[i], name, data,
                                               MIN (len, TEND_IMPORTER_HEAD_SIZE));

      if (confidence > best_confidence)
        {
          best = importers->pdata[i];
          best_confidence = confidence;
        }
    }

  return best;
}

/* Each export in @cases, renamed to @renamed_as, is still recognised by
 * what it holds.
 */
void
tend_test_assert_detected (GPtrArray                *importers,
                           const TendTestDetectCase *cases,
                           gsize                     n_cases,
                           const char               *renamed_as)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autoptr(GBytes) bytes = tend_test_read_data ("import", cases[i].fixture, NULL);
      TendImporter *importer;

      g_test_message ("%s", cases[i].fixture);
      importer = tend_test_best_importer (importers, renamed_as, bytes);
      g_assert_nonnull (importer);
      g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (importer, cases[i].type));
    }
}
