/* test-import.c: importing exports into a profile, end to end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tend-import.h"
#include "tend-store.h"
#include "tend-test-import.h"
#include "tend-test-utils.h"

typedef TendTestImportFixture Fixture;

static char *
summary_of (const TendImportResult *result)
{
  char *text = tend_import_result_to_string (result);

  g_test_message ("%s", text);
  return text;
}

static void
assert_date (gint64      unix_time,
             const char *expected)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (unix_time);
  g_autofree char *iso = g_date_time_format (date, "%Y-%m-%d");

  g_assert_cmpstr (iso, ==, expected);
}

static void
test_linkedin (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(TendImportResult) result = tend_test_import_ok (fixture, "linkedin");
  g_autoptr(GHashTable) people = tend_test_connections_by_name (fixture, TEND_SOURCE_KIND_LINKEDIN);
  g_autofree char *summary = summary_of (result);
  TendConnection *zoe, *jose, *jose2, *misaki, *ada;

  g_assert_cmpstr (summary, ==,
                   "LinkedIn: 5 connections added, 0 updated, 4 interactions added, "
                   "1 interaction with someone not among your connections left out, "
                   "2 rows skipped (line 9: no name or profile, only the date connected; "
                   "line 10: 2 columns where 7 were expected)\n");

  g_assert_cmpuint (g_hash_table_size (people), ==, 5);
  zoe = tend_test_get_connection (people, "Zoë Ångström");
  jose = tend_test_get_connection (people, "José Núñez");
  jose2 = tend_test_get_connection (people, "José Núñez#2");
  misaki = tend_test_get_connection (people, "美咲 佐藤");
  ada = tend_test_get_connection (people, "Ada Owner-Friend");

  g_assert_cmpint (tend_connection_get_follow_state (zoe), ==, TEND_FOLLOW_STATE_FRIENDS);
  g_assert_cmpint (tend_connection_get_follow_state (misaki), ==, TEND_FOLLOW_STATE_FRIENDS);
  assert_date (tend_connection_get_connected_since (zoe), "2023-01-06");
  assert_date (tend_connection_get_connected_since (jose), "2022-02-15");
  assert_date (tend_connection_get_connected_since (misaki), "2021-03-03");
  assert_date (tend_connection_get_connected_since (ada), "2019-12-01");
  g_assert_cmpstr (tend_connection_get_profile_url (zoe), ==, "https://www.linkedin.com/in/zoe-angstrom");
  g_assert_cmpstr (tend_connection_get_stable_key (ada), ==, "url:linkedin.com/in/ada-friend");

  /* Same name, same date, different profiles: two people. */
  g_assert_cmpstr (tend_connection_get_stable_key (jose), !=, tend_connection_get_stable_key (jose2));

  /* messages.csv: Ada Owner is in every message, so she is the owner. */
  g_assert_cmpuint (tend_test_count_interactions (fixture, tend_connection_get_id (zoe), TEND_DIRECTION_IN), ==, 1);
  g_assert_cmpuint (tend_test_count_interactions (fixture, tend_connection_get_id (zoe), TEND_DIRECTION_OUT), ==, 2);
  g_assert_cmpuint (tend_test_count_interactions (fixture, tend_connection_get_id (jose), TEND_DIRECTION_OUT), ==, 1);
  g_assert_cmpuint (tend_test_count_interactions (fixture, tend_connection_get_id (jose), TEND_DIRECTION_IN), ==, 0);
  g_assert_cmpuint (tend_test_count_interactions (fixture, tend_connection_get_id (jose2), TEND_DIRECTION_OUT), ==, 0);
}

static void
test_reimport_and_changes (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(TendImportResult) first = tend_test_import_ok (fixture, "linkedin");
  g_autoptr(TendImportResult) again = NULL;
  g_autoptr(TendImportResult) newer = NULL;
  g_autoptr(GHashTable) people = NULL;
  g_autofree char *summary = NULL;
  const TendImportSourceResult *source;
  gint64 n_connections = tend_test_count_connections (fixture);
  gint64 n_interactions = tend_test_count_all_interactions (fixture);

  again = tend_test_import_ok (fixture, "linkedin");
  summary = summary_of (again);
  g_assert_true (g_str_has_prefix (summary,
                                   "LinkedIn: 0 connections added, 0 updated, 5 unchanged, "
                                   "0 interactions added, "));
  g_assert_true (g_str_has_suffix (summary, "; since the last import: 0 joined, 0 left\n"));
  g_assert_cmpint (tend_test_count_connections (fixture), ==, n_connections);
  g_assert_cmpint (tend_test_count_all_interactions (fixture), ==, n_interactions);

  /* The newer export: Ada is gone, Ola is new. */
  newer = tend_test_import_ok (fixture, "linkedin-newer/Connections.csv");
  g_clear_pointer (&summary, g_free);
  summary = summary_of (newer);
  g_assert_cmpstr (summary, ==,
                   "LinkedIn: 1 connection added, 0 updated, 4 unchanged; "
                   "since the last import: 1 joined, 1 left\n");

  source = tend_import_result_find_source (newer, TEND_SOURCE_KIND_LINKEDIN);
  g_assert_nonnull (source);
  g_assert_cmpuint (source->n_removed, ==, 1);
  g_assert_cmpuint (source->joined->len, ==, 1);
  g_assert_cmpuint (source->left->len, ==, 1);

  people = tend_test_connections_by_name (fixture, TEND_SOURCE_KIND_LINKEDIN);
  g_assert_false (g_hash_table_contains (people, "Ada Owner-Friend"));
  g_assert_cmpint (tend_connection_get_id (tend_test_get_connection (people, "Ola Nordmann")), ==,
                   g_array_index (source->joined, gint64, 0));
  g_assert_cmpint (tend_test_count_connections (fixture), ==, 5);
  /* Interactions with those who stay are kept. */
  g_assert_cmpint (tend_test_count_all_interactions (fixture), ==, n_interactions);
}

static void
test_linkedin_old (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(TendImportResult) result = tend_test_import_ok (fixture, "linkedin-old/Connections.csv");
  g_autoptr(GHashTable) people = tend_test_connections_by_name (fixture, TEND_SOURCE_KIND_LINKEDIN);
  g_autofree char *summary = summary_of (result);
  TendConnection *kim1, *kim2, *lukasz;

  g_assert_cmpstr (summary, ==, "LinkedIn: 3 connections added, 0 updated\n");
  kim1 = tend_test_get_connection (people, "Kim Lee");
  kim2 = tend_test_get_connection (people, "Kim Lee#2");
  lukasz = tend_test_get_connection (people, "Łukasz Żółw");
  assert_date (tend_connection_get_connected_since (kim1), "2023-01-06");
  assert_date (tend_connection_get_connected_since (kim2), "2023-02-07");
  assert_date (tend_connection_get_connected_since (lukasz), "2021-03-04");
  g_assert_cmpstr (tend_connection_get_stable_key (kim1), ==, "name:kim lee|2023-01-06");
  g_assert_null (tend_connection_get_profile_url (lukasz));
}

static void
test_mastodon (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(TendImportResult) result = tend_test_import_ok (fixture, "mastodon/following_accounts.csv");
  g_autoptr(TendImportResult) old = NULL;
  g_autoptr(GHashTable) people = tend_test_connections_by_name (fixture, TEND_SOURCE_KIND_MASTODON_CSV);
  g_autofree char *summary = summary_of (result);
  TendConnection *emile;

  g_assert_cmpstr (summary, ==,
                   "Mastodon export: 2 connections added, 0 updated, 1 row skipped "
                   "(line 4: “@not an address” is not an account address like name@server.example)\n");
  emile = tend_test_get_connection (people, "@Émile@social.example");
  g_assert_cmpstr (tend_connection_get_handle (emile), ==, "@Émile@social.example");
  g_assert_cmpstr (tend_connection_get_profile_url (emile), ==, "https://social.example/@Émile");
  g_assert_cmpstr (tend_connection_get_stable_key (emile), ==, "acct:émile@social.example");
  g_assert_cmpint (tend_connection_get_follow_state (emile), ==, TEND_FOLLOW_STATE_I_FOLLOW);
  g_assert_cmpint (tend_connection_get_follow_state (tend_test_get_connection (people, "@baker@bread.example")), ==,
                   TEND_FOLLOW_STATE_I_FOLLOW);

  /* The old form has no header: a newer export of the same source, where
   * everyone else is gone. */
  old = tend_test_import_ok (fixture, "mastodon-old/following_accounts.csv");
  g_clear_pointer (&people, g_hash_table_unref);
  people = tend_test_connections_by_name (fixture, TEND_SOURCE_KIND_MASTODON_CSV);
  g_assert_cmpuint (g_hash_table_size (people), ==, 3);
  tend_test_get_connection (people, "@alice@one.example");
  tend_test_get_connection (people, "@carol@three.example");
}

static void
test_google_contacts (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(TendImportResult) result = tend_test_import_ok (fixture, "google/contacts.csv");
  g_autoptr(GHashTable) people = tend_test_connections_by_name (fixture, TEND_SOURCE_KIND_GOOGLE_CONTACTS);
  g_autofree char *summary = summary_of (result);
  TendConnection *grace;

  g_assert_cmpstr (summary, ==,
                   "Google Contacts: 4 connections added, 0 updated, 1 row skipped "
                   "(line 6: no name, e-mail address or phone number)\n");
  grace = tend_test_get_connection (people, "Grace Hopper");
  g_assert_cmpstr (tend_connection_get_handle (grace), ==, "Grace@Example.org");
  g_assert_cmpstr (tend_connection_get_stable_key (grace), ==, "mailto:grace@example.org");
  g_assert_cmpint (tend_connection_get_follow_state (grace), ==, TEND_FOLLOW_STATE_CONTACT);
  g_assert_cmpstr (tend_connection_get_stable_key (tend_test_get_connection (people, "Ingrid Bergman")), ==,
                   "name:ingrid bergman|");
  g_assert_cmpstr (tend_connection_get_stable_key (tend_test_get_connection (people, "+46 70 123 45 67")), ==,
                   "tel:+46701234567");
  tend_test_get_connection (people, "Σωκράτης Παπαδόπουλος");
}

static void
test_vcard (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(TendImportResult) result = tend_test_import_ok (fixture, "vcard/contacts.vcf");
  g_autoptr(GHashTable) people = tend_test_connections_by_name (fixture, TEND_SOURCE_KIND_VCARD);
  g_autofree char *summary = summary_of (result);
  TendConnection *amelie;
  TendConnection *jan;

  g_assert_cmpstr (summary, ==,
                   "Address book: 3 connections added, 0 updated, 1 row skipped "
                   "(line 22: the card has no name, e-mail address or phone number)\n");
  /* Quoted-printable Latin-1 with a soft line break. */
  tend_test_get_connection (people, "Jürgen Müller");
  /* A folded line, and a grouped e-mail address. */
  amelie = tend_test_get_connection (people, "Amélie Longname-With-A-Very-Long-Family-Name-That-Needs-To-Be-Folded-Over-Two-Lines");
  g_assert_cmpstr (tend_connection_get_stable_key (amelie), ==, "mailto:amelie@example.fr");
  /* vCard 4.0 in lower case, named by N only. */
  jan = tend_test_get_connection (people, "Jan Kowalski");
  g_assert_cmpstr (tend_connection_get_stable_key (jan), ==,
                   "uid:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1");
  g_assert_cmpint (tend_connection_get_follow_state (jan), ==, TEND_FOLLOW_STATE_CONTACT);
}

static void
assert_store_as_before (Fixture *fixture,
                        gint64   n_connections,
                        guint    n_sources)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) sources = tend_store_list_sources (fixture->store, &error);

  g_assert_no_error (error);
  g_assert_cmpint (tend_test_count_connections (fixture), ==, n_connections);
  g_assert_cmpuint (g_list_model_get_n_items (sources), ==, n_sources);
}

static void
test_broken_folder_rolls_back (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(TendImportResult) before = tend_test_import_ok (fixture, "mastodon-old");
  g_autoptr(GError) error = tend_test_import_fails (fixture, "broken", TEND_IMPORT_ERROR_INVALID);

  g_assert_nonnull (strstr (error->message, "broken/b-Connections.csv"));
  g_assert_nonnull (strstr (error->message, "line 3"));
  g_assert_nonnull (strstr (error->message, "never closed"));

  /* Neither the good file before it nor the one after left a trace. */
  assert_store_as_before (fixture, 3, 1);
}

static void
test_unknown_file (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = tend_test_import_fails (fixture, "unknown.txt", TEND_IMPORT_ERROR_UNKNOWN_FORMAT);

  g_assert_nonnull (strstr (error->message, "unknown.txt"));
  assert_store_as_before (fixture, 0, 0);
}

typedef struct {
  const char *name;
  GBytes     *data;
} ZipEntry;

static void
write_zip (const char     *path,
           const ZipEntry *entries,
           guint           n_entries)
{
  struct archive *archive = archive_write_new ();

  g_assert_cmpint (archive_write_set_format_zip (archive), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_open_filename (archive, path), ==, ARCHIVE_OK);

  for (guint i = 0; i < n_entries; i++)
    {
      struct archive_entry *entry = archive_entry_new ();
      gsize len;
      const void *bytes = g_bytes_get_data (entries[i].data, &len);

      archive_entry_set_pathname (entry, entries[i].name);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      archive_entry_set_size (entry, len);
      g_assert_cmpint (archive_write_header (archive, entry), ==, ARCHIVE_OK);
      g_assert_cmpint (archive_write_data (archive, bytes, len), ==, (la_ssize_t) len);
      archive_entry_free (entry);
    }

  g_assert_cmpint (archive_write_close (archive), ==, ARCHIVE_OK);
  archive_write_free (archive);
}

/* A Mastodon CSV that unpacks to many megabytes of one repeated row. */
static GBytes *
make_bomb (gsize size)
{
  static const char header[] = "Account address,Show boosts,Notify on new posts,Languages\n";
  static const char row[] = "same@one.example,true,false,\n";
  GString *text = g_string_sized_new (size + sizeof row);

  g_string_append (text, header);
  while (text->len < size)
    g_string_append (text, row);

  return g_string_free_to_bytes (text);
}

static void
test_zip (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *good = g_build_filename (fixture->dir, "linkedin-export.zip", NULL);
  g_autofree char *bomb = g_build_filename (fixture->dir, "bomb.zip", NULL);
  g_autoptr(GBytes) connections = tend_test_read_data ("import", "linkedin/Connections.csv", NULL);
  g_autoptr(GBytes) messages = tend_test_read_data ("import", "linkedin/messages.csv", NULL);
  g_autoptr(GBytes) mastodon = tend_test_read_data ("import", "mastodon/following_accounts.csv", NULL);
  g_autoptr(GBytes) notes = tend_test_read_data ("import", "unknown.txt", NULL);
  g_autoptr(GBytes) bomb_data = make_bomb (24 * 1024 * 1024);
  g_autoptr(TendImportResult) result = NULL;
  g_autoptr(TendImportResult) refused = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  const ZipEntry good_entries[] = {
    { "Basic_LinkedInDataExport/Connections.csv", connections },
    { "Basic_LinkedInDataExport/messages.csv", messages },
    { "Basic_LinkedInDataExport/Notes.txt", notes },
    { "__MACOSX/Basic_LinkedInDataExport/._Connections.csv", notes },
  };
  const ZipEntry bomb_entries[] = {
    { "following_accounts.csv", mastodon },
    { "followers.csv", bomb_data },
  };

  write_zip (good, good_entries, G_N_ELEMENTS (good_entries));
  write_zip (bomb, bomb_entries, G_N_ELEMENTS (bomb_entries));

  result = tend_test_import_paths (fixture, &error, good, NULL);
  g_assert_no_error (error);
  summary = summary_of (result);
  g_assert_true (g_str_has_prefix (summary, "LinkedIn: 5 connections added, 0 updated, 4 interactions added"));
  g_assert_cmpuint (result->n_entries_read, ==, 5);

  refused = tend_test_import_paths (fixture, &error, bomb, NULL);
  g_assert_null (refused);
  g_assert_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_SUSPICIOUS);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "bomb.zip/followers.csv"));
  g_assert_nonnull (strstr (error->message, "100 times"));
  assert_store_as_before (fixture, 5, 1);
}

static void
test_size_limit (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "following_accounts.csv", NULL);
  g_autoptr(GBytes) big = make_bomb (2 * 1024 * 1024);
  g_autoptr(TendImport) import = tend_import_new ();
  g_autoptr(TendImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[] = { path, NULL };

  g_file_set_contents (path, g_bytes_get_data (big, NULL), g_bytes_get_size (big), &error);
  g_assert_no_error (error);

  tend_import_set_limits (import, 1024 * 1024, TEND_IMPORT_MAX_RATIO, TEND_IMPORT_MAX_ENTRIES);
  result = tend_import_run (import, fixture->store, paths, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "following_accounts.csv"));
  assert_store_as_before (fixture, 0, 0);
}

typedef struct {
  GMainLoop        *loop;
  TendImportResult *result;
  GError           *error;
  guint             n_progress;
  GThread          *main_thread;
} AsyncRun;

static void
on_progress (guint       entries_done,
             guint64     bytes_done,
             guint64     bytes_total,
             const char *current,
             gpointer    user_data)
{
  AsyncRun *run = user_data;

  g_assert_true (g_thread_self () == run->main_thread);
  g_assert_cmpuint (bytes_done, <=, bytes_total);
  run->n_progress++;
}

static void
on_imported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncRun *run = user_data;

  run->result = tend_import_run_finish (TEND_IMPORT (object), result, &run->error);
  g_main_loop_quit (run->loop);
}

static void
test_async_and_cancel (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(TendImport) import = tend_import_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *folder = tend_test_import_data_path ("linkedin");
  const char *paths[] = { folder, NULL };
  AsyncRun run = { 0, };

  run.loop = g_main_loop_new (NULL, FALSE);
  run.main_thread = g_thread_self ();
  tend_import_set_progress_func (import, on_progress, &run, NULL);

  tend_import_run_async (import, tend_store_get_path (fixture->store), paths, NULL, on_imported, &run);
  g_main_loop_run (run.loop);
  g_assert_no_error (run.error);
  g_assert_nonnull (run.result);
  g_assert_cmpuint (run.n_progress, >, 0);
  g_clear_pointer (&run.result, tend_import_result_free);
  g_assert_cmpint (tend_test_count_connections (fixture), ==, 5);

  /* Cancelled: everything rolled back, the error is G_IO_ERROR_CANCELLED. */
  g_cancellable_cancel (cancellable);
  tend_import_run_async (import, tend_store_get_path (fixture->store), paths, cancellable, on_imported, &run);
  g_main_loop_run (run.loop);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (run.result);
  g_clear_error (&run.error);
  g_assert_cmpint (tend_test_count_connections (fixture), ==, 5);

  /* Let the queued progress callbacks run before the loop goes. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_main_loop_unref (run.loop);
}

typedef struct {
  GArray  *bytes_done;
  guint64  bytes_total;
} Progress;

static void
on_progress_recorded (guint       entries_done,
                      guint64     bytes_done,
                      guint64     bytes_total,
                      const char *current,
                      gpointer    user_data)
{
  Progress *progress = user_data;

  progress->bytes_total = bytes_total;
  g_array_append_val (progress->bytes_done, bytes_done);
}

/* One large file moves the progress by the bytes read of it, never back,
 * up to its size; not only when it is done. */
static void
test_progress_within_file (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(TendImport) import = tend_import_new ();
  g_autoptr(TendImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) csv = g_string_new ("First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n");
  g_autofree char *path = g_build_filename (fixture->dir, "Connections.csv", NULL);
  const char *paths[] = { path, NULL };
  Progress progress = { g_array_new (FALSE, FALSE, sizeof (guint64)), 0 };
  guint n_between = 0;

  for (guint i = 0; i < 40000; i++)
    g_string_append_printf (csv, "Ana,Lima %u,https://www.linkedin.com/in/ana-lima-%u,,Acme,Owner,06 Jan 2023\r\n",
                            i, i);
  g_assert_true (g_file_set_contents (path, csv->str, csv->len, &error));

  tend_import_set_progress_func (import, on_progress_recorded, &progress, NULL);
  result = tend_import_run (import, fixture->store, paths, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);

  g_assert_cmpuint (progress.bytes_total, ==, csv->len);
  g_assert_cmpuint (progress.bytes_done->len, >, 0);
  for (guint i = 0; i < progress.bytes_done->len; i++)
    {
      guint64 bytes = g_array_index (progress.bytes_done, guint64, i);

      if (i > 0)
        g_assert_cmpuint (bytes, >=, g_array_index (progress.bytes_done, guint64, i - 1));
      if (bytes > 0 && bytes < csv->len)
        n_between++;
    }
  g_assert_cmpuint (g_array_index (progress.bytes_done, guint64, progress.bytes_done->len - 1), ==, csv->len);

  /* About 4 MB read 64 KiB at a time: every read is more than a step. */
  g_assert_cmpuint (n_between, >=, 40);
  g_array_unref (progress.bytes_done);
}

static void
test_cli (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *dir = NULL;
  g_autofree char *connections = tend_test_import_data_path ("linkedin/Connections.csv");
  g_autofree char *mastodon = tend_test_import_data_path ("mastodon-old/following_accounts.csv");
  g_autofree char *broken = tend_test_import_data_path ("broken/b-Connections.csv");
  g_autofree char *db = NULL;
  g_autoptr(TendStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(TendTestRun) good = { 0, };
  g_auto(TendTestRun) bad = { 0, };

  dir = g_dir_make_tmp ("tend-cli-import-XXXXXX", &error);
  g_assert_no_error (error);

  tend_test_run_tend (&good, "--data-dir", dir, "--import", connections, mastodon, NULL);
  g_assert_cmpint (good.status, ==, 0);
  g_assert_cmpstr (good.out, ==,
                   "LinkedIn: 5 connections added, 0 updated, 2 rows skipped (line 9: no name or "
                   "profile, only the date connected; line 10: 2 columns where 7 were expected)\n"
                   "Mastodon export: 3 connections added, 0 updated\n");

  tend_test_run_tend (&bad, "--data-dir", dir, "--import", broken, NULL);
  g_assert_cmpint (bad.status, !=, 0);
  g_assert_cmpstr (bad.out, ==, "");
  g_assert_nonnull (strstr (bad.err, "b-Connections.csv"));
  g_assert_nonnull (strstr (bad.err, "line 3"));

  db = tend_store_build_path (dir);
  store = tend_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tend_store_count_connections (store, &error), ==, 8);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  tend_test_add_import ("/import/linkedin/connections-and-messages", test_linkedin);
  tend_test_add_import ("/import/linkedin/reimport-and-changes", test_reimport_and_changes);
  tend_test_add_import ("/import/linkedin/old-export", test_linkedin_old);
  tend_test_add_import ("/import/mastodon-csv", test_mastodon);
  tend_test_add_import ("/import/google-contacts", test_google_contacts);
  tend_test_add_import ("/import/vcard", test_vcard);
  tend_test_add_import ("/import/runner/broken-folder-rolls-back", test_broken_folder_rolls_back);
  tend_test_add_import ("/import/runner/unknown-file", test_unknown_file);
  tend_test_add_import ("/import/runner/zip-and-bomb", test_zip);
  tend_test_add_import ("/import/runner/size-limit", test_size_limit);
  tend_test_add_import ("/import/runner/async-and-cancel", test_async_and_cancel);
  tend_test_add_import ("/import/runner/progress-within-file", test_progress_within_file);
  tend_test_add_import ("/import/cli", test_cli);

  return g_test_run ();
}
