/* fuzz-replay.c: runs a fuzz target over its corpus, without libFuzzer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   fuzz-replay-csv-reader tests/fuzz/corpus/csv-reader [FILE…]
 *
 * Linked with one target; feeds it every file of each folder given (and
 * each file given), one at a time, so that `meson test` and the
 * sanitizer builds check the corpus with any compiler.
 */
#define G_LOG_DOMAIN "fuzz-replay"

#include "config.h"

#include "tend-fuzz.h"

static gboolean
replay_file (const char *path,
             guint      *n_inputs)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return FALSE;
    }

  g_print ("%s (%" G_GSIZE_FORMAT " bytes)\n", path, length);
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
  (*n_inputs)++;

  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static gboolean
replay_dir (const char *path,
            guint      *n_inputs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
  g_autoptr(GPtrArray) files = NULL;
  const char *name;

  if (dir == NULL)
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return FALSE;
    }

  /* In name order, so that runs are the same everywhere. */
  files = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (files, g_build_filename (path, name, NULL));
  g_ptr_array_sort (files, compare_strings);

  for (guint i = 0; i < files->len; i++)
    {
      const char *file = g_ptr_array_index (files, i);

      if (g_file_test (file, G_FILE_TEST_IS_REGULAR) && !replay_file (file, n_inputs))
        return FALSE;
    }

  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *prgname = g_path_get_basename (argv[0]);
  guint n_inputs = 0;

  g_set_prgname (prgname);

  if (argc < 2)
    {
      g_printerr ("Usage: %s CORPUS-FOLDER-OR-FILE…\n", g_get_prgname ());
      return 2;
    }

  for (int i = 1; i < argc; i++)
    {
      gboolean ok;

      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        ok = replay_dir (argv[i], &n_inputs);
      else
        ok = replay_file (argv[i], &n_inputs);

      if (!ok)
        return 1;
    }

  /* An empty corpus would pass without testing anything. */
  if (n_inputs == 0)
    {
      g_printerr ("%s: no input to replay\n", g_get_prgname ());
      return 1;
    }

  g_print ("%u inputs replayed\n", n_inputs);

  return 0;
}
