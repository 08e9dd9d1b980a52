/* test-store.c: the profile database keeps data whole and says what is wrong
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "tend-store.h"
#include "tend-test-utils.h"

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = tend_test_make_tmp_dir ("tend-store-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "tend.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  tend_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static TendStore *
open_store (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  TendStore *store = tend_store_open (fixture->path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static gint64
add_connection (TendStore  *store,
                gint64      source_id,
                const char *key,
                const char *name)
{
  g_autoptr(GError) error = NULL;
  TendConnectionRecord record = {
    .stable_key = key,
    .name = name,
    .handle = key,
    .profile_url = "https://example.org/profile",
    .follow_state = TEND_FOLLOW_STATE_MUTUAL,
    .connected_since = 1600000000,
  };
  gint64 id = tend_store_upsert_connection (store, source_id, &record, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static char *
read_file_contents (const char *path,
                    gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

static void
exec_raw (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(TendStore) store = open_store (fixture);
  g_autoptr(GListModel) connections = NULL;
  g_autoptr(GListModel) sources = NULL;
  g_autoptr(TendConnection) first = NULL;
  g_autoptr(TendSource) source = NULL;
  g_autoptr(GPtrArray) journal = NULL;
  g_autoptr(GError) error = NULL;
  TendConnectionRecord update = {
    .stable_key = "emile",
    .name = "Émile Zoë Łukasz",
    .follow_state = TEND_FOLLOW_STATE_FOLLOWS_ME,
  };
  gint64 source_id;
  gint64 emile;
  gint64 other;

  source_id = tend_store_ensure_source (store, TEND_SOURCE_KIND_MASTODON,
                                        "@rosa@example.social", "Mastodon", &error);
  g_assert_no_error (error);
  g_assert_cmpint (tend_store_ensure_source (store, TEND_SOURCE_KIND_MASTODON,
                                             "@rosa@example.social", "Mastodon", &error),
                   ==, source_id);

  emile = add_connection (store, source_id, "emile", "Émile");
  other = add_connection (store, source_id, "other", "Δήμητρα");

  /* The same stable key updates the row; empty fields keep what was known. */
  g_assert_cmpint (tend_store_upsert_connection (store, source_id, &update, &error), ==, emile);
  g_assert_no_error (error);

  g_assert_true (tend_store_add_interaction (store, emile, TEND_DIRECTION_IN,
                                             TEND_INTERACTION_MESSAGE, 1700000000, "m1", &error));
  g_assert_true (tend_store_add_interaction (store, emile, TEND_DIRECTION_IN,
                                             TEND_INTERACTION_MESSAGE, 1700000000, "m1", &error));
  g_assert_true (tend_store_add_interaction (store, emile, TEND_DIRECTION_OUT,
                                             TEND_INTERACTION_LIKE, 1700000100, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tend_store_count_interactions (store, NULL), ==, 2);

  g_assert_true (tend_store_add_tag (store, emile, "  Customer ", &error));
  g_assert_true (tend_store_add_tag (store, emile, "Market stall", &error));
  g_assert_true (tend_store_add_tag (store, emile, "Market stall", &error));
  g_assert_true (tend_store_add_tag (store, other, "Peer", &error));
  g_assert_true (tend_store_remove_tag (store, other, "Peer", &error));
  g_assert_true (tend_store_set_decision (store, emile, TEND_DECISION_KEEP, "Buys bread, =SUM(A1)", &error));
  g_assert_no_error (error);

  g_clear_object (&store);
  store = open_store (fixture);

  sources = tend_store_list_sources (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (sources), ==, 1);
  source = g_list_model_get_item (sources, 0);
  g_assert_cmpint (tend_source_get_kind (source), ==, TEND_SOURCE_KIND_MASTODON);
  g_assert_cmpstr (tend_source_get_account (source), ==, "@rosa@example.social");
  g_assert_cmpuint (tend_source_get_connection_count (source), ==, 2);

  connections = tend_store_list_connections (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (connections), ==, 2);
  first = g_list_model_get_item (connections, 0);
  g_assert_cmpint (tend_connection_get_id (first), ==, emile);
  g_assert_cmpstr (tend_connection_get_name (first), ==, "Émile Zoë Łukasz");
  g_assert_cmpstr (tend_connection_get_handle (first), ==, "emile");
  g_assert_cmpstr (tend_connection_get_profile_url (first), ==, "https://example.org/profile");
  g_assert_cmpint (tend_connection_get_follow_state (first), ==, TEND_FOLLOW_STATE_FOLLOWS_ME);
  g_assert_cmpint (tend_connection_get_connected_since (first), ==, 1600000000);
  g_assert_cmpint (tend_connection_get_source_kind (first), ==, TEND_SOURCE_KIND_MASTODON);
  g_assert_cmpint (tend_connection_get_decision (first), ==, TEND_DECISION_KEEP);
  g_assert_cmpstr (tend_connection_get_note (first), ==, "Buys bread, =SUM(A1)");
  g_assert_cmpuint (g_strv_length ((char **) tend_connection_get_tags (first)), ==, 2);
  g_assert_true (tend_connection_has_tag (first, "Customer"));
  g_assert_true (tend_connection_has_tag (first, "Market stall"));

  {
    g_autoptr(TendConnection) second = g_list_model_get_item (connections, 1);

    g_assert_cmpstr (tend_connection_get_name (second), ==, "Δήμητρα");
    g_assert_null (tend_connection_get_tags (second)[0]);
    g_assert_cmpint (tend_connection_get_decision (second), ==, TEND_DECISION_UNDECIDED);
  }

  /* Every change the owner made is journaled, in order. */
  journal = tend_store_list_journal (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (journal->len, ==, 6);
  {
    const char *expected[][3] = {
      { "tag-added", NULL, "Customer" },
      { "tag-added", NULL, "Market stall" },
      { "tag-added", NULL, "Peer" },
      { "tag-removed", "Peer", NULL },
      { "decision", "undecided", "keep" },
      { "note", NULL, "Buys bread, =SUM(A1)" },
    };

    for (guint i = 0; i < journal->len; i++)
      {
        TendJournalEntry *entry = g_ptr_array_index (journal, i);

        g_assert_cmpstr (entry->action, ==, expected[i][0]);
        g_assert_cmpstr (entry->before, ==, expected[i][1]);
        g_assert_cmpstr (entry->after, ==, expected[i][2]);
        g_assert_cmpint (entry->at, >, 0);
      }
  }

  /* Setting the same decision again is not a change. */
  g_assert_true (tend_store_set_decision (store, emile, TEND_DECISION_KEEP, "Buys bread, =SUM(A1)", &error));
  g_clear_pointer (&journal, g_ptr_array_unref);
  journal = tend_store_list_journal (store, &error);
  g_assert_cmpuint (journal->len, ==, 6);

  g_assert_cmpint (tend_store_get_schema_version (store), ==, TEND_STORE_SCHEMA_VERSION);
}

static void
test_file_mode (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(TendStore) store = open_store (fixture);
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  GStatBuf buf;

  g_assert_cmpint (tend_store_ensure_source (store, TEND_SOURCE_KIND_VCARD, "book", "Book", NULL), >, 0);

  g_assert_cmpint (g_stat (fixture->path, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (wal, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (fixture->dir, &buf), ==, 0);
}

/* Asserts that @ids holds exactly the ids given, ending with -1. */
static void
assert_ids (GArray *ids,
            ...)
{
  va_list args;
  guint n = 0;
  gint64 id;

  va_start (args, ids);
  while ((id = va_arg (args, int)) >= 0)
    {
      g_assert_cmpuint (n, <, ids->len);
      g_assert_cmpint (g_array_index (ids, gint64, n), ==, id);
      n++;
    }
  va_end (args);

  g_assert_cmpuint (ids->len, ==, n);
}

/* One fixture per schema version before the current one, each with data
 * in it; a new migration must add the fixture for the version it leaves. */
static const char * const earlier_versions[] = {
  /* 0: a brand-new, empty file */
  NULL,
  /* 1: two imports, a decision with a note, a tag, a message, a setting */
  "store-v1.sql",
  /* 2: and a live source, a moved account, an action done, a second
   * snapshot of the first source after one person left and one joined */
  "store-v2.sql",
};

G_STATIC_ASSERT (G_N_ELEMENTS (earlier_versions) == TEND_STORE_SCHEMA_VERSION);

static void
test_migrations (Fixture       *fixture,
                 gconstpointer  data)
{
  for (guint version = 0; version < G_N_ELEMENTS (earlier_versions); version++)
    {
      g_autofree char *path = g_strdup_printf ("%s/v%u.db", fixture->dir, version);
      g_autoptr(TendStore) store = NULL;
      g_autoptr(GListModel) connections = NULL;
      g_autoptr(GError) error = NULL;
      gint64 before;

      g_autofree char *sql = NULL;

      if (earlier_versions[version] != NULL)
        {
          g_autofree char *fixture_path = tend_test_data_path (earlier_versions[version], NULL);

          g_assert_true (g_file_get_contents (fixture_path, &sql, NULL, NULL));
        }
      exec_raw (path, sql != NULL ? sql : "");

      store = tend_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (tend_store_get_schema_version (store), ==, TEND_STORE_SCHEMA_VERSION);

      /* The migrated file is fully usable, and keeps what it held. */
      connections = tend_store_list_connections (store, &error);
      g_assert_no_error (error);
      before = g_list_model_get_n_items (connections);
      if (version >= 1)
        {
          g_autoptr(TendConnection) kim = g_list_model_get_item (connections, 0);

          g_assert_cmpuint (before, ==, 5);
          g_assert_cmpstr (tend_connection_get_name (kim), ==, "Kim Lee");
          g_assert_cmpint (tend_connection_get_decision (kim), ==, TEND_DECISION_KEEP);
          g_assert_cmpstr (tend_connection_get_note (kim), ==, "met at the fair");
          g_assert_true (tend_connection_has_tag (kim, "Customer"));
          g_assert_cmpint (tend_connection_get_account_state (kim), ==, TEND_ACCOUNT_STATE_ACTIVE);
          g_assert_null (tend_connection_get_remote_id (kim));
        }
      if (version >= 1)
        {
          g_autoptr(GArray) joined = NULL;
          g_autoptr(GArray) left = NULL;

          /* Snapshot members survive the move into one packed value. */
          g_assert_true (tend_store_diff_snapshots (store, 1, 2, &joined, &left, &error));
          g_assert_no_error (error);
          assert_ids (joined, 4, 5, -1);
          assert_ids (left, 1, 2, 3, -1);
        }
      if (version >= 2)
        {
          g_autoptr(GArray) joined = NULL;
          g_autoptr(GArray) left = NULL;

          g_assert_true (tend_store_get_latest_changes (store, 1, &joined, &left, &error));
          g_assert_no_error (error);
          assert_ids (joined, 6, -1);
          assert_ids (left, 3, -1);
        }
      add_connection (store,
                      tend_store_ensure_source (store, TEND_SOURCE_KIND_X, "x", "X", NULL),
                      "after-migration", "Amal");
      g_assert_cmpint (tend_store_count_connections (store, NULL), ==, before + 1);

      /* Opening again migrates nothing twice. */
      g_clear_object (&store);
      store = tend_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (tend_store_count_connections (store, NULL), ==, before + 1);
    }
}

static void
test_rollback (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(TendStore) store = open_store (fixture);
  g_autoptr(GPtrArray) journal = NULL;
  g_autoptr(GError) error = NULL;
  gint64 source_id;
  gint64 kept;

  source_id = tend_store_ensure_source (store, TEND_SOURCE_KIND_LINKEDIN, "export", "LinkedIn", &error);
  kept = add_connection (store, source_id, "kept", "Kept");

  /* An import that fails halfway leaves the store as it was. */
  g_assert_true (tend_store_begin (store, &error));
  add_connection (store, source_id, "new-1", "New one");
  add_connection (store, source_id, "new-2", "New two");
  g_assert_false (tend_store_add_interaction (store, 999999, TEND_DIRECTION_IN,
                                              TEND_INTERACTION_LIKE, 1, NULL, &error));
  g_assert_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_INVALID);
  g_clear_error (&error);
  tend_store_rollback (store);

  g_assert_cmpint (tend_store_count_connections (store, NULL), ==, 1);
  g_assert_cmpint (tend_store_count_interactions (store, NULL), ==, 0);

  /* A committed one lands whole. */
  g_assert_true (tend_store_begin (store, &error));
  add_connection (store, source_id, "new-1", "New one");
  g_assert_true (tend_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tend_store_count_connections (store, NULL), ==, 2);

  /* A decision about someone who is not there changes nothing. */
  g_assert_false (tend_store_set_decision (store, 424242, TEND_DECISION_PRUNE, "gone", &error));
  g_assert_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (tend_store_add_tag (store, kept, "   ", &error));
  g_assert_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_INVALID);
  g_clear_error (&error);

  journal = tend_store_list_journal (store, &error);
  g_assert_cmpuint (journal->len, ==, 0);

  /* Nothing can rewrite history. */
  {
    sqlite3 *db = NULL;

    g_assert_true (tend_store_set_decision (store, kept, TEND_DECISION_PRUNE, NULL, &error));
    g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE journal SET after = 'keep'", NULL, NULL, NULL), !=, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "DELETE FROM journal", NULL, NULL, NULL), !=, SQLITE_OK);
    sqlite3_close (db);
  }
}

static void
assert_open_fails_untouched (Fixture        *fixture,
                             TendStoreError  expected)
{
  g_autoptr(TendStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length;
  gsize after_length;

  before = read_file_contents (fixture->path, &before_length);
  store = tend_store_open (fixture->path, &error);
  g_assert_null (store);
  g_assert_error (error, TEND_STORE_ERROR, (int) expected);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_nonnull (strstr (error->message, "tend.db"));
  g_test_message ("%s", error->message);

  after = read_file_contents (fixture->path, &after_length);
  g_assert_cmpmem (before, before_length, after, after_length);
}

static void
test_corrupt (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  char junk[8192];

  for (guint i = 0; i < sizeof junk; i++)
    junk[i] = (char) (i * 7919 % 251);

  g_file_set_contents (fixture->path, junk, sizeof junk, &error);
  g_assert_no_error (error);

  assert_open_fails_untouched (fixture, TEND_STORE_ERROR_CORRUPT);
}

static void
test_newer_version (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(TendStore) store = open_store (fixture);

  add_connection (store, tend_store_ensure_source (store, TEND_SOURCE_KIND_X, "x", "X", NULL),
                  "kept", "Kept");
  g_clear_object (&store);
  exec_raw (fixture->path, "PRAGMA user_version = 99");

  assert_open_fails_untouched (fixture, TEND_STORE_ERROR_NEWER_VERSION);
}

static void
test_locked (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(TendStore) store = open_store (fixture);
  g_autoptr(TendStore) second = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *other = NULL;

  g_clear_object (&store);

  /* Another program holds the write lock. */
  g_assert_cmpint (sqlite3_open (fixture->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);

  store = tend_store_open (fixture->path, &error);
  g_assert_null (store);
  g_assert_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_LOCKED);
  g_clear_error (&error);

  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);

  second = tend_store_open (fixture->path, &error);
  g_assert_no_error (error);
}

static gboolean
make_read_only (const char *path,
                gboolean    read_only)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  /* root ignores file modes; the immutable flag binds it too. */
  if (geteuid () == 0)
    {
      const char *argv[] = { "chattr", read_only ? "+i" : "-i", path, NULL };

      return g_spawn_sync (NULL, (char **) argv, NULL,
                           G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                           NULL, NULL, NULL, NULL, &status, &error) &&
             g_spawn_check_wait_status (status, NULL);
    }

  return g_chmod (path, read_only ? 0400 : 0600) == 0;
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(TendStore) store = open_store (fixture);

  add_connection (store, tend_store_ensure_source (store, TEND_SOURCE_KIND_X, "x", "X", NULL),
                  "kept", "Kept");
  g_clear_object (&store);

  if (!make_read_only (fixture->path, TRUE))
    {
      g_test_skip ("This file system cannot make a file read-only for this user");
      return;
    }

  assert_open_fails_untouched (fixture, TEND_STORE_ERROR_READ_ONLY);
  g_assert_true (make_read_only (fixture->path, FALSE));

  store = open_store (fixture);
  g_assert_cmpint (tend_store_count_connections (store, NULL), ==, 1);
}

static void
test_snapshots (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(TendStore) store = open_store (fixture);
  g_autoptr(GArray) joined = NULL;
  g_autoptr(GArray) left = NULL;
  g_autoptr(GError) error = NULL;
  gint64 source_id;
  gint64 first_snapshot;
  gint64 second_snapshot;
  gint64 newcomer;

  source_id = tend_store_ensure_source (store, TEND_SOURCE_KIND_INSTAGRAM, "export", "Instagram", &error);
  add_connection (store, source_id, "a", "Ana");
  add_connection (store, source_id, "b", "Ben");
  first_snapshot = tend_store_take_snapshot (store, source_id, &error);
  g_assert_no_error (error);

  newcomer = add_connection (store, source_id, "c", "Chloé");
  second_snapshot = tend_store_take_snapshot (store, source_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (second_snapshot, >, first_snapshot);

  g_assert_true (tend_store_diff_snapshots (store, first_snapshot, second_snapshot, &joined, &left, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (joined->len, ==, 1);
  g_assert_cmpint (g_array_index (joined, gint64, 0), ==, newcomer);
  g_assert_cmpuint (left->len, ==, 0);

  /* The latest changes are the same diff, and reach sources and connections. */
  g_clear_pointer (&joined, g_array_unref);
  g_clear_pointer (&left, g_array_unref);
  g_assert_true (tend_store_get_latest_changes (store, source_id, &joined, &left, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (joined->len, ==, 1);
  g_assert_cmpint (g_array_index (joined, gint64, 0), ==, newcomer);

  {
    g_autoptr(GListModel) sources = tend_store_list_sources (store, &error);
    g_autoptr(GListModel) connections = tend_store_list_connections (store, &error);
    g_autoptr(TendSource) source = g_list_model_get_item (sources, 0);

    g_assert_cmpuint (tend_source_get_joined_count (source), ==, 1);
    g_assert_cmpuint (tend_source_get_left_count (source), ==, 0);
    for (guint i = 0; i < g_list_model_get_n_items (connections); i++)
      {
        g_autoptr(TendConnection) connection = g_list_model_get_item (connections, i);

        g_assert_cmpint (tend_connection_get_is_new (connection), ==,
                         tend_connection_get_id (connection) == newcomer);
      }
  }

  /* Each snapshot counts its members and packs their ids, one byte each
   * here (the distance from the one before); the insert fails its check
   * if not. */
  exec_raw (fixture->path,
            "CREATE TEMP TABLE counted (ok CHECK (ok));"
            "INSERT INTO counted SELECT (SELECT group_concat (connection_count || ':' || hex (members))"
            "  FROM (SELECT connection_count, members FROM snapshots ORDER BY id)) = '2:0101,3:010101';");
}

static void
get_record (guint                 index,
            TendConnectionRecord *record,
            gpointer              user_data)
{
  *record = ((const TendConnectionRecord *) user_data)[index];
}

/* Staged where the caller keeps them; new ones are added in key order. */
static void
test_stage_by_function (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(TendStore) store = open_store (fixture);
  g_autoptr(GListModel) connections = NULL;
  g_autoptr(TendConnection) first = NULL;
  g_autoptr(GError) error = NULL;
  TendConnectionRecord records[] = {
    { .stable_key = "url:example.org/zoe", .name = "Zoë", .follow_state = TEND_FOLLOW_STATE_MUTUAL },
    { .stable_key = "url:example.org/ana", .name = "Ana", .follow_state = TEND_FOLLOW_STATE_I_FOLLOW },
  };
  TendConnectionCounts counts;
  gint64 source_id;

  source_id = tend_store_ensure_source (store, TEND_SOURCE_KIND_MASTODON_CSV, "export", "Mastodon", &error);
  g_assert_no_error (error);

  tend_store_stage_connections (store, G_N_ELEMENTS (records), get_record, records);
  g_assert_true (tend_store_merge_staged_connections (store, source_id, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.n_added, ==, 2);
  tend_store_clear_staged (store);

  connections = tend_store_list_connections (store, &error);
  g_assert_no_error (error);
  first = g_list_model_get_item (connections, 0);
  g_assert_cmpstr (tend_connection_get_name (first), ==, "Ana");

  /* A state without a key (a caller's mistake) fails the merge, and
   * nothing is written. */
  records[1].stable_key = "url:example.org/bo";
  records[1].follow_state = 99;
  tend_store_stage_connections (store, G_N_ELEMENTS (records), get_record, records);
  g_test_expect_message ("tend-enums", G_LOG_LEVEL_CRITICAL, "*follow_state*");
  g_assert_false (tend_store_merge_staged_connections (store, source_id, &counts, &error));
  g_test_assert_expected_messages ();
  g_assert_nonnull (error);
  tend_store_clear_staged (store);
  g_assert_cmpint (tend_store_count_connections (store, NULL), ==, 2);
}

/* An import learns from the write itself whether a row added, updated
 * or left a connection. */
static void
test_import_connection (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(TendStore) store = open_store (fixture);
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  TendConnectionRecord record = {
    .stable_key = "url:example.org/ana",
    .name = "Ana",
    .handle = "ana",
    .profile_url = "https://example.org/ana",
    .follow_state = TEND_FOLLOW_STATE_MUTUAL,
    .connected_since = 1600000000,
  };
  TendConnectionChange change;
  gint64 source_id;
  gint64 id;

  source_id = tend_store_ensure_source (store, TEND_SOURCE_KIND_LINKEDIN, "export", "LinkedIn", &error);
  g_assert_no_error (error);

  id = tend_store_import_connection (store, source_id, &record, &change, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (change, ==, TEND_CONNECTION_ADDED);

  g_assert_cmpint (tend_store_import_connection (store, source_id, &record, &change, &error), ==, id);
  g_assert_cmpint (change, ==, TEND_CONNECTION_UNCHANGED);

  /* Empty fields keep what is stored, so they change nothing. */
  record.handle = NULL;
  record.connected_since = 0;
  g_assert_cmpint (tend_store_import_connection (store, source_id, &record, &change, &error), ==, id);
  g_assert_cmpint (change, ==, TEND_CONNECTION_UNCHANGED);

  record.name = "Ana Lima";
  g_assert_cmpint (tend_store_import_connection (store, source_id, &record, &change, &error), ==, id);
  g_assert_cmpint (change, ==, TEND_CONNECTION_UPDATED);
  g_assert_cmpint (tend_store_import_connection (store, source_id, &record, &change, &error), ==, id);
  g_assert_cmpint (change, ==, TEND_CONNECTION_UNCHANGED);

  /* Someone who left and comes back is added again, under the same id. */
  g_assert_true (tend_store_mark_connections_removed (store, source_id, kept, 1700000000, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tend_store_import_connection (store, source_id, &record, &change, &error), ==, id);
  g_assert_no_error (error);
  g_assert_cmpint (change, ==, TEND_CONNECTION_ADDED);

  {
    g_autoptr(GListModel) connections = tend_store_list_connections (store, &error);
    g_autoptr(TendConnection) connection = g_list_model_get_item (connections, 0);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (connections), ==, 1);
    g_assert_cmpstr (tend_connection_get_name (connection), ==, "Ana Lima");
    g_assert_cmpstr (tend_connection_get_handle (connection), ==, "ana");
  }
}

static void
test_tags_and_recent (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(TendStore) store = open_store (fixture);
  g_autoptr(GArray) recent = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) tags = NULL;
  const char *expected[] = { "Customer", "Partner", "Supplier", "Peer", "Friend", "Family",
                             "Market stall", "wholesale", NULL };
  gint64 id;

  id = add_connection (store, tend_store_ensure_source (store, TEND_SOURCE_KIND_X, "x", "X", NULL),
                       "a", "Ana");
  tend_store_add_tag (store, id, "wholesale", &error);
  tend_store_add_tag (store, id, "Market stall", &error);
  tend_store_add_tag (store, id, "customer", &error);
  g_assert_no_error (error);

  tags = tend_store_list_tags (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (tags, expected);

  for (guint i = 0; i < 5; i++)
    tend_store_add_interaction (store, id, TEND_DIRECTION_IN, i % 2 ? TEND_INTERACTION_LIKE : TEND_INTERACTION_REPLY,
                                1700000000 + i, NULL, &error);
  tend_store_add_interaction (store, id, TEND_DIRECTION_OUT, TEND_INTERACTION_MESSAGE, 1800000000, NULL, &error);
  g_assert_no_error (error);

  recent = tend_store_list_recent_interactions (store, id, TEND_DIRECTION_IN, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recent->len, ==, 3);
  g_assert_cmpint (g_array_index (recent, TendInteraction, 0).occurred_at, ==, 1700000004);
  g_assert_cmpint (g_array_index (recent, TendInteraction, 0).kind, ==, TEND_INTERACTION_REPLY);
  g_assert_cmpint (g_array_index (recent, TendInteraction, 1).kind, ==, TEND_INTERACTION_LIKE);
  g_assert_cmpint (g_array_index (recent, TendInteraction, 2).occurred_at, ==, 1700000002);
  g_assert_cmpint (g_array_index (recent, TendInteraction, 2).direction, ==, TEND_DIRECTION_IN);
}

static void
merge_expecting (TendStore                  *store,
                 gint64                      source_id,
                 const TendConnectionRecord *records,
                 guint                       n_records,
                 guint                       n_added,
                 guint                       n_updated,
                 guint                       n_unchanged)
{
  g_autoptr(GError) error = NULL;
  TendConnectionCounts counts;

  tend_store_clear_staged (store);
  tend_store_stage_connections (store, n_records, get_record, (gpointer) records);
  g_assert_true (tend_store_merge_staged_connections (store, source_id, &counts, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (counts.n_added, ==, n_added);
  g_assert_cmpuint (counts.n_updated, ==, n_updated);
  g_assert_cmpuint (counts.n_unchanged, ==, n_unchanged);
}

/* Staged rows merge as tend_store_import_connection() writes them one
 * by one: same counts, empty fields keep what is stored, live fields
 * included, and the keys not staged are the ones marked removed. */
static void
test_merge_staged (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(TendStore) store = open_store (fixture);
  g_autoptr(GError) error = NULL;
  TendConnectionRecord records[] = {
    { .stable_key = "url:example.org/ana", .name = "Ana", .handle = "ana",
      .follow_state = TEND_FOLLOW_STATE_FRIENDS, .connected_since = 1600000000 },
    { .stable_key = "url:example.org/bo", .name = "Bo",
      .follow_state = TEND_FOLLOW_STATE_FRIENDS },
    { .stable_key = "url:example.org/cy", .name = "Cy", .bio = "Baker",
      .follow_state = TEND_FOLLOW_STATE_FRIENDS, .account_state = TEND_ACCOUNT_STATE_MOVED },
  };
  guint n_removed = 99;
  guint n_interactions = 0;
  gint64 source_id;

  source_id = tend_store_ensure_source (store, TEND_SOURCE_KIND_LINKEDIN, "export", "LinkedIn", &error);
  g_assert_no_error (error);

  g_assert_true (tend_store_begin (store, &error));
  merge_expecting (store, source_id, records, 3, 3, 0, 0);
  g_assert_true (tend_store_remove_unstaged_connections (store, source_id, 1700000000, &n_removed, &error));
  g_assert_cmpuint (n_removed, ==, 0);
  g_assert_true (tend_store_commit (store, &error));

  merge_expecting (store, source_id, records, 3, 0, 0, 3);

  /* Empty fields change nothing; a new name or bio does. */
  records[0].handle = NULL;
  records[0].connected_since = 0;
  records[1].name = "Bo Berg";
  records[2].bio = "Baker and florist";
  merge_expecting (store, source_id, records, 3, 0, 2, 1);

  /* Cy is no longer listed, then comes back under the same id. */
  merge_expecting (store, source_id, records, 2, 0, 0, 2);
  g_assert_true (tend_store_remove_unstaged_connections (store, source_id, 1700000000, &n_removed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_removed, ==, 1);
  merge_expecting (store, source_id, records, 3, 1, 0, 2);

  {
    g_autoptr(GListModel) connections = tend_store_list_connections (store, &error);
    g_autoptr(TendConnection) ana = g_list_model_get_item (connections, 0);
    g_autoptr(TendConnection) bo = g_list_model_get_item (connections, 1);
    g_autoptr(TendConnection) cy = g_list_model_get_item (connections, 2);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (connections), ==, 3);
    g_assert_cmpint (tend_connection_get_id (ana), <, tend_connection_get_id (bo));
    g_assert_cmpint (tend_connection_get_id (bo), <, tend_connection_get_id (cy));
    g_assert_cmpstr (tend_connection_get_handle (ana), ==, "ana");
    g_assert_cmpint (tend_connection_get_connected_since (ana), ==, 1600000000);
    g_assert_cmpstr (tend_connection_get_name (bo), ==, "Bo Berg");
    g_assert_cmpstr (tend_connection_get_bio (cy), ==, "Baker and florist");
    g_assert_cmpint (tend_connection_get_account_state (cy), ==, TEND_ACCOUNT_STATE_MOVED);

    /* An interaction staged twice under one external id is added once. */
    for (guint i = 0; i < 2; i++)
      tend_store_stage_interaction (store, tend_connection_get_id (ana), TEND_DIRECTION_IN,
                                    TEND_INTERACTION_MESSAGE, 1650000000, "m1");
    tend_store_stage_interaction (store, tend_connection_get_id (bo), TEND_DIRECTION_OUT,
                                  TEND_INTERACTION_MESSAGE, 1650000000, NULL);
    g_assert_true (tend_store_merge_staged_interactions (store, &n_interactions, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n_interactions, ==, 2);
    g_assert_true (tend_store_merge_staged_interactions (store, &n_interactions, &error));
    g_assert_cmpuint (n_interactions, ==, 1);
    g_assert_cmpint (tend_store_count_interactions (store, &error), ==, 3);
  }

  tend_store_clear_staged (store);
}

static void
test_protected_tags (void)
{
  g_assert_true (tend_store_is_tag_protected ("Customer"));
  g_assert_true (tend_store_is_tag_protected ("family"));
  g_assert_false (tend_store_is_tag_protected ("Peer"));
  g_assert_false (tend_store_is_tag_protected ("Market stall"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/round-trip", test_round_trip);
  ADD ("/store/file-mode", test_file_mode);
  ADD ("/store/migrations", test_migrations);
  ADD ("/store/rollback", test_rollback);
  ADD ("/store/corrupt", test_corrupt);
  ADD ("/store/newer-version", test_newer_version);
  ADD ("/store/locked", test_locked);
  ADD ("/store/read-only", test_read_only);
  ADD ("/store/snapshots", test_snapshots);
  ADD ("/store/import-connection", test_import_connection);
  ADD ("/store/merge-staged", test_merge_staged);
  ADD ("/store/stage-by-function", test_stage_by_function);
  ADD ("/store/tags-and-recent", test_tags_and_recent);
#undef ADD
  g_test_add_func ("/store/protected-tags", test_protected_tags);

  return g_test_run ();
}
