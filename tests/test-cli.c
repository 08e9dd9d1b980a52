/* test-cli.c: `tend` from a terminal: exit codes, messages, files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "tend-csv-export.h"
#include "tend-test-utils.h"

static void
test_version_and_help (void)
{
  g_auto(TendTestRun) version = { 0 };
  g_auto(TendTestRun) help = { 0 };
  g_auto(TendTestRun) bad = { 0 };
  g_auto(TendTestRun) extra = { 0 };

  tend_test_run_tend (&version, "--version", NULL);
  g_assert_cmpint (version.status, ==, 0);
  g_assert_cmpstr (version.out, ==, "Tend " PACKAGE_VERSION "\n");

  tend_test_run_tend (&help, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "--data-dir"));
  g_assert_nonnull (strstr (help.out, "--load-sample"));
  g_assert_nonnull (strstr (help.out, "--export-csv"));

  tend_test_run_tend (&bad, "--no-such-option", NULL);
  g_assert_cmpint (bad.status, !=, 0);
  g_assert_nonnull (strstr (bad.err, "--no-such-option"));

  tend_test_run_tend (&extra, "stray-argument", NULL);
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
  g_autofree char *dir = tend_test_make_tmp_dir ("tend-cli-XXXXXX");
  g_autofree char *db = g_build_filename (dir, "tend.db", NULL);
  g_autofree char *csv = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *contents = NULL;
  g_auto(TendTestRun) load = { 0 };
  g_auto(TendTestRun) again = { 0 };
  g_auto(TendTestRun) export = { 0 };
  g_autoptr(GError) error = NULL;
  GStatBuf buf;
  sqlite3 *sqlite = NULL;
  sqlite3_stmt *stmt = NULL;
  int n_connections;

  tend_test_run_tend (&load, "--data-dir", dir, "--load-sample", NULL);
  g_assert_cmpint (load.status, ==, 0);
  g_assert_cmpstr (load.err, ==, "");
  g_assert_cmpint (g_stat (db, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);

  /* A profile that holds connections is never filled again. */
  tend_test_run_tend (&again, "--data-dir", dir, "--load-sample", NULL);
  g_assert_cmpint (again.status, !=, 0);
  g_assert_cmpstr (again.out, ==, "");
  g_assert_nonnull (strstr (again.err, "already holds connections"));

  tend_test_run_tend (&export, "--data-dir", dir, "--export-csv", csv, NULL);
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
  g_autofree char *dir = tend_test_make_tmp_dir ("tend-cli-XXXXXX");
  g_autofree char *empty = g_build_filename (dir, "nothing-here", NULL);
  g_autofree char *csv = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *unwritable = g_build_filename (dir, "no-such-folder", "out.csv", NULL);
  g_autofree char *db = g_build_filename (dir, "tend.db", NULL);
  g_auto(TendTestRun) missing = { 0 };
  g_auto(TendTestRun) load = { 0 };
  g_auto(TendTestRun) nowhere = { 0 };
  g_auto(TendTestRun) newer = { 0 };
  sqlite3 *sqlite = NULL;

  /* Exporting a profile that does not exist creates nothing. */
  tend_test_run_tend (&missing, "--data-dir", empty, "--export-csv", csv, NULL);
  g_assert_cmpint (missing.status, !=, 0);
  g_assert_nonnull (strstr (missing.err, "There is no Tend profile"));
  g_assert_false (g_file_test (empty, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));

  tend_test_run_tend (&load, "--data-dir", dir, "--load-sample", NULL);
  g_assert_cmpint (load.status, ==, 0);

  tend_test_run_tend (&nowhere, "--data-dir", dir, "--export-csv", unwritable, NULL);
  g_assert_cmpint (nowhere.status, !=, 0);
  g_assert_cmpstr (nowhere.err, !=, "");

  g_assert_cmpint (sqlite3_open (db, &sqlite), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (sqlite, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (sqlite);

  tend_test_run_tend (&newer, "--data-dir", dir, "--export-csv", csv, NULL);
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
