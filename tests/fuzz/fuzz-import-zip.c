/* fuzz-import-zip.c: the runner on an arbitrary .zip file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes the input to export.zip in a temporary folder and imports it
 * into a fresh profile there, as `tend --import export.zip` would: the
 * archive walk, the entry limits, every importer the content picks and
 * the writes to the store.
 */
#define G_LOG_DOMAIN "fuzz-import-zip"

#include "config.h"

#include <glib/gstdio.h>

#include "tend-import.h"
#include "tend-store.h"
#include "tend-fuzz.h"

/* Small limits, so that the fuzzer reaches them with small inputs. */
#define FUZZ_MAX_ENTRY_BYTES  (256 * 1024)
#define FUZZ_MAX_RATIO        100
#define FUZZ_MAX_ENTRIES      64

static gboolean
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children != NULL)
    {
      GFile *child;

      while (g_file_enumerator_iterate (children, NULL, &child, NULL, NULL) && child != NULL)
        remove_tree (child);
    }

  return g_file_delete (file, NULL, NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *zip_path = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr(TendStore) store = NULL;
  g_autoptr(TendImport) import = NULL;
  g_autoptr(TendImportResult) result = NULL;
  g_autoptr(GFile) dir_file = NULL;
  const char *paths[2] = { NULL, NULL };

  tend_fuzz_init ();

  dir = g_dir_make_tmp ("tend-fuzz-XXXXXX", &error);
  g_assert_no_error (error);
  dir_file = g_file_new_for_path (dir);

  zip_path = g_build_filename (dir, "export.zip", NULL);
  g_file_set_contents (zip_path, (const char *) data, (gssize) size, &error);
  g_assert_no_error (error);

  db_path = g_build_filename (dir, "tend.db", NULL);
  store = tend_store_open (db_path, &error);
  g_assert_no_error (error);

  import = tend_import_new ();
  tend_import_set_limits (import, FUZZ_MAX_ENTRY_BYTES, FUZZ_MAX_RATIO, FUZZ_MAX_ENTRIES);

  paths[0] = zip_path;
  result = tend_import_run (import, store, paths, NULL, &error);
  g_assert ((result == NULL) == (error != NULL));

  g_clear_object (&store);
  remove_tree (dir_file);

  return 0;
}
