/* test-cli.c: `tend` from a terminal: exit codes, messages, files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "tend-csv-export.h"

typedef struct {
  int status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs the real binary, without a display, as a person would. */
static void
run_tend (Run *run,
          ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();
  const char *binary = g_getenv ("TEND_BINARY");
  const char *arg;
  va_list args;
  int wait_status;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (char *) binary);
  va_start (args, run);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");

  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  g_test_message ("exit %d\nstdout: %s\nstderr: %s", run->status, run->out, run->err);
}

static char *
make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("tend-cli-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
test_version_and_help (void)
{
  g_auto(Run) version = { 0 };
  g_auto(Run) help = { 0 };
  g_auto(Run) bad = { 0 };
  g_auto(Run) extra = { 0 };

  run_tend (&version, "--version", NULL);
  g_assert_cmpint (version.status, ==, 0);
  g_assert_cmpstr (version.out, ==, "Tend " PACKAGE_VERSION "\n");

  run_tend (&help, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "--data-dir"));
  g_assert_nonnull (strstr (help.out, "--load-sample"));
  g_assert_nonnull (strstr (help.out, "--export-csv"));

  run_tend (&bad, "--no-such-option", NULL);
  g_assert_cmpint (bad.status, !=, 0);
  g_assert_nonnull (strstr (bad.err, "--no-such-option"));

  run_tend (&extra, "stray-argument", NULL);
  g_assert_cmpint (extra.status, !=, 0);
  g_assert_nonnull (strstr (extra.err, "stray-argument"));
}

static guint
count_lines (const char *text)
{
  guint lines = 0;

  for (const char *p = text; (p = strstr (p, "\r\n")) != NULL; p += 2)
    lines++;

  return lines;
}

static void
test_sample_and_export (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *db = g_build_filename (dir, "tend.db", NULL);
  g_autofree char *csv = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *contents = NULL;
  g_auto(Run) load = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) export = { 0 };
  g_autoptr(GError) error = NULL;
  GStatBuf buf;
  sqlite3 *sqlite = NULL;
  sqlite3_stmt *stmt = NULL;
  int n_connections;

  run_tend (&load, "--data-dir", dir, "--load-sample", NULL);
  g_assert_cmpint (load.status, ==, 0);
  g_assert_cmpstr (load.err, ==, "");
  g_assert_cmpint (g_stat (db, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);

  /* A profile that holds connections is never filled again. */
  run_tend (&again, "--data-dir", dir, "--load-sample", NULL);
  g_assert_cmpint (again.status, !=, 0);
  g_assert_cmpstr (again.out, ==, "");
  g_assert_nonnull (strstr (again.err, "already holds connections"));

  run_tend (&export, "--data-dir", dir, "--export-csv", csv, NULL);
  g_assert_cmpint (export.status, ==, 0);
  g_file_get_contents (csv, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, TEND_CSV_EXPORT_HEADER "\r\n"));
  g_assert_true (g_utf8_validate (contents, -1, NULL));

  g_assert_cmpint (sqlite3_open (db, &sqlite), ==, SQLITE_OK);
  sqlite3_prepare_v2 (sqlite, "SELECT count (*) FROM connections", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n_connections = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (sqlite);

  g_assert_cmpint (n_connections, >, 300);
  g_assert_cmpuint (count_lines (contents), ==, n_connections + 1);
}

static void
test_failures (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *empty = g_build_filename (dir, "nothing-here", NULL);
  g_autofree char *csv = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *unwritable = g_build_filename (dir, "no-such-folder", "out.csv", NULL);
  g_autofree char *db = g_build_filename (dir, "tend.db", NULL);
  g_auto(Run) missing = { 0 };
  g_auto(Run) load = { 0 };
  g_auto(Run) nowhere = { 0 };
  g_auto(Run) newer = { 0 };
  sqlite3 *sqlite = NULL;

  /* Exporting a profile that does not exist creates nothing. */
  run_tend (&missing, "--data-dir", empty, "--export-csv", csv, NULL);
  g_assert_cmpint (missing.status, !=, 0);
  g_assert_nonnull (strstr (missing.err, "There is no Tend profile"));
  g_assert_false (g_file_test (empty, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));

  run_tend (&load, "--data-dir", dir, "--load-sample", NULL);
  g_assert_cmpint (load.status, ==, 0);

  run_tend (&nowhere, "--data-dir", dir, "--export-csv", unwritable, NULL);
  g_assert_cmpint (nowhere.status, !=, 0);
  g_assert_cmpstr (nowhere.err, !=, "");

  g_assert_cmpint (sqlite3_open (db, &sqlite), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (sqlite, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (sqlite);

  run_tend (&newer, "--data-dir", dir, "--export-csv", csv, NULL);
  g_assert_cmpint (newer.status, !=, 0);
  g_assert_nonnull (strstr (newer.err, "newer version of Tend"));
  g_assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/version-and-help", test_version_and_help);
  g_test_add_func ("/cli/sample-and-export", test_sample_and_export);
  g_test_add_func ("/cli/failures", test_failures);

  return g_test_run ();
}
