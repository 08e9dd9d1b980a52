/* tend-store.c: one profile's SQLite database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store never replaces or deletes a file it cannot read: a damaged,
 * locked, read-only or newer database is reported and left as it was.
 * Multi-row writes run inside a savepoint, so a failure halfway leaves
 * the previous state whole, whether or not a caller's transaction is open.
 */
#define G_LOG_DOMAIN "tend-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "tend-id-list.h"
#include "tend-store.h"

/* Long enough to ride out another window's short write, short enough
 * that a person is told quickly when another program holds the file. */
#define BUSY_TIMEOUT_MS 3000

struct _TendStore
{
  GObject parent_instance;

  /* owned */
  char *path;
  sqlite3 *db;
  GHashTable *statements;   /* static SQL text → sqlite3_stmt */

  /* owned: rows staged for a bulk import, see tend_store_clear_staged () */
  /* Connections are read where the caller keeps them. */
  TendConnectionRecordFunc get_staged_connection;
  gpointer      get_staged_connection_data;
  guint         n_staged_connections;
  GArray       *staged_interactions;  /* StagedInteraction, borrowed strings */
  GArray       *staged_key_order;     /* (nullable): StagedKey, connections by stable key */
  GHashTable   *staged_rows_by_key;   /* borrowed key → row + 1, built when first needed */

  gint64   merged_source_id;
  gboolean merged_into_empty;
};

typedef struct {
  gint64               connection_id;
  TendDirection        direction;
  TendInteractionKind  kind;
  gint64               occurred_at;
  const char          *external_id;
} StagedInteraction;

static gboolean register_functions     (TendStore  *self,
                                        GError    **error);

G_DEFINE_FINAL_TYPE (TendStore, tend_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (tend-store-error-quark, tend_store_error)

/* migrations[N] takes a database from version N to version N + 1. */
static const char * const migrations[] = {
  "CREATE TABLE sources ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL,"
  "  account TEXT NOT NULL,"
  "  title TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  last_import_at INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (kind, account)"
  ");"
  "CREATE TABLE connections ("
  "  id INTEGER PRIMARY KEY,"
  "  source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,"
  "  stable_key TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  handle TEXT,"
  "  profile_url TEXT,"
  "  avatar_url TEXT,"
  "  follow_state TEXT NOT NULL CHECK (follow_state IN"
  "    ('mutual', 'i_follow', 'follows_me', 'friends', 'contact')),"
  "  connected_since INTEGER NOT NULL DEFAULT 0,"
  "  first_seen_at INTEGER NOT NULL,"
  "  last_seen_at INTEGER NOT NULL,"
  "  removed_at INTEGER,"
  "  UNIQUE (source_id, stable_key)"
  ");"
  "CREATE TABLE interactions ("
  "  id INTEGER PRIMARY KEY,"
  "  connection_id INTEGER NOT NULL REFERENCES connections (id) ON DELETE CASCADE,"
  "  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),"
  "  kind TEXT NOT NULL CHECK (kind IN"
  "    ('message', 'reply', 'mention', 'quote', 'repost', 'like')),"
  "  occurred_at INTEGER NOT NULL,"
  "  external_id TEXT"
  ");"
  "CREATE INDEX interactions_by_connection ON interactions (connection_id, occurred_at);"
  "CREATE UNIQUE INDEX interactions_by_external_id ON interactions (connection_id, external_id)"
  "  WHERE external_id IS NOT NULL;"
  "CREATE TABLE tags ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
  "  builtin INTEGER NOT NULL DEFAULT 0"
  ");"
  "INSERT INTO tags (name, builtin) VALUES"
  "  ('Customer', 1), ('Partner', 1), ('Supplier', 1), ('Peer', 1), ('Friend', 1), ('Family', 1);"
  "CREATE TABLE connection_tags ("
  "  connection_id INTEGER NOT NULL REFERENCES connections (id) ON DELETE CASCADE,"
  "  tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (connection_id, tag_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX connection_tags_by_tag ON connection_tags (tag_id);"
  "CREATE TABLE decisions ("
  "  connection_id INTEGER PRIMARY KEY REFERENCES connections (id) ON DELETE CASCADE,"
  "  decision TEXT NOT NULL CHECK (decision IN ('undecided', 'keep', 'prune')),"
  "  decided_at INTEGER NOT NULL,"
  "  note TEXT"
  ");"
  /* The journal is the basis of undo: it only ever grows, and it keeps
   * plain ids so that nothing cascades into it. */
  "CREATE TABLE journal ("
  "  id INTEGER PRIMARY KEY,"
  "  at INTEGER NOT NULL,"
  "  action TEXT NOT NULL,"
  "  connection_id INTEGER,"
  "  before TEXT,"
  "  after TEXT"
  ");"
  "CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal"
  "  BEGIN SELECT RAISE (ABORT, 'the journal is append-only'); END;"
  "CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal"
  "  BEGIN SELECT RAISE (ABORT, 'the journal is append-only'); END;"
  "CREATE TABLE snapshots ("
  "  id INTEGER PRIMARY KEY,"
  "  source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,"
  "  taken_at INTEGER NOT NULL,"
  "  connection_count INTEGER NOT NULL"
  ");"
  /* Per-profile preferences, such as the measures' window and half-life. */
  "CREATE TABLE settings ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"
  "CREATE TABLE snapshot_members ("
  "  snapshot_id INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,"
  "  connection_id INTEGER NOT NULL REFERENCES connections (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (snapshot_id, connection_id)"
  ") WITHOUT ROWID;",

  /* Live sources: where the account lives and who it is there. */
  "ALTER TABLE sources ADD COLUMN server TEXT;"
  "ALTER TABLE sources ADD COLUMN remote_id TEXT;"
  "ALTER TABLE sources ADD COLUMN last_sync_at INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE connections ADD COLUMN remote_id TEXT;"
  "ALTER TABLE connections ADD COLUMN account_state TEXT NOT NULL DEFAULT 'active'"
  "  CHECK (account_state IN ('active', 'moved', 'suspended', 'deactivated', 'gone'));"
  "ALTER TABLE connections ADD COLUMN last_active_at INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE connections ADD COLUMN bio TEXT;"
  /* Bluesky unfollows by deleting the owner's follow record. */
  "ALTER TABLE connections ADD COLUMN follow_record TEXT;"
  /* One OAuth client per server, reused for every account there; its
   * secret lives in the keyring with the tokens. */
  "CREATE TABLE server_apps ("
  "  server TEXT PRIMARY KEY,"
  "  client_id TEXT NOT NULL,"
  "  redirect_uri TEXT NOT NULL,"
  "  scopes TEXT NOT NULL,"
  "  registered_at INTEGER NOT NULL"
  ") WITHOUT ROWID;"
  /* What applying decisions does, queued so that a restart resumes it
   * and nothing done is done twice. */
  "CREATE TABLE actions ("
  "  id INTEGER PRIMARY KEY,"
  "  connection_id INTEGER NOT NULL REFERENCES connections (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL CHECK (kind IN"
  "    ('unfollow', 'remove_follower', 'follow', 'checklist')),"
  "  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN"
  "    ('pending', 'running', 'done', 'failed', 'cancelled')),"
  "  created_at INTEGER NOT NULL,"
  "  finished_at INTEGER,"
  "  error TEXT"
  ");"
  "CREATE INDEX actions_by_state ON actions (state, id);"
  "CREATE INDEX actions_by_connection ON actions (connection_id);",

  /* A snapshot's members packed into one value (tend-id-list.c): a row
   * per member cost more than the rest of a large import, and grew the
   * file by every import. Connections are only ever deleted with their
   * source, which takes its snapshots along. */
  "ALTER TABLE snapshots ADD COLUMN members BLOB NOT NULL DEFAULT x'';"
  "UPDATE snapshots SET members ="
  "  (SELECT tend_id_list (connection_id) FROM snapshot_members WHERE snapshot_id = snapshots.id);"
  "DROP TABLE snapshot_members;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == TEND_STORE_SCHEMA_VERSION);

static const char * const protected_tags[] = { "Customer", "Partner", "Supplier", "Family", NULL };

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
set_error_from_code (GError     **error,
                     const char  *path,
                     int          code,
                     const char  *detail)
{
  g_autofree char *display = g_filename_display_name (path);

  switch (code & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_CORRUPT,
                   _("The profile database “%s” is damaged and cannot be read. "
                     "Tend has not changed it. Move the file somewhere safe or "
                     "restore it from a backup, then open Tend again."),
                   display);
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_READ_ONLY,
                   _("The profile database “%s” cannot be written to. Check that "
                     "the file and its folder belong to you and are not read-only, "
                     "then try again."),
                   display);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_LOCKED,
                   _("The profile database “%s” is in use by another program, "
                     "perhaps another Tend window. Close it and try again."),
                   display);
      break;

    case SQLITE_FULL:
      g_set_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_FULL,
                   _("There is no room left on the disk to save to “%s”. Free some "
                     "space and try again; nothing was changed."),
                   display);
      break;

    case SQLITE_CONSTRAINT:
      g_set_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_INVALID,
                   _("Tend refused to save data that does not fit the profile "
                     "database “%s” (%s). Nothing was changed."),
                   display, detail);
      break;

    default:
      g_set_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_FAILED,
                   _("Tend could not use the profile database “%s” (%s). Check "
                     "that the disk is connected and the folder belongs to you, "
                     "then try again."),
                   display, detail);
      break;
    }
}

static void
set_error_from_db (TendStore  *self,
                   GError    **error)
{
  set_error_from_code (error, self->path,
                       sqlite3_extended_errcode (self->db),
                       sqlite3_errmsg (self->db));
}

static gboolean
exec (TendStore   *self,
      const char  *sql,
      GError     **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      set_error_from_db (self, error);
      return FALSE;
    }

  return TRUE;
}

/* Statements are prepared once and kept, keyed by their static SQL text. */
static sqlite3_stmt *
get_statement (TendStore   *self,
               const char  *sql,
               GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      set_error_from_db (self, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

/* Runs a statement that returns no rows, or whose first row's first
 * column is wanted (RETURNING id, count (*)). */
static gboolean
step_done (TendStore     *self,
           sqlite3_stmt  *stmt,
           gint64        *first_column,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      if (first_column != NULL)
        *first_column = sqlite3_column_int64 (stmt, 0);
      rc = sqlite3_step (stmt);
    }
  else if (first_column != NULL)
    {
      *first_column = 0;
    }

  if (rc != SQLITE_DONE)
    {
      set_error_from_db (self, error);
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  return TRUE;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL && text[0] != '\0')
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static char *
dup_column_text (sqlite3_stmt *stmt,
                 int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static gboolean
savepoint_begin (TendStore  *self,
                 GError    **error)
{
  return exec (self, "SAVEPOINT tend_write", error);
}

static gboolean
savepoint_release (TendStore  *self,
                   GError    **error)
{
  return exec (self, "RELEASE tend_write", error);
}

static void
savepoint_rollback (TendStore *self)
{
  sqlite3_exec (self->db, "ROLLBACK TO tend_write; RELEASE tend_write", NULL, NULL, NULL);
}

static gboolean
read_user_version (TendStore  *self,
                   int        *version,
                   GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    {
      set_error_from_db (self, error);
      return FALSE;
    }

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW)
    {
      set_error_from_db (self, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_not_newer (TendStore  *self,
                 int         version,
                 GError    **error)
{
  g_autofree char *display = NULL;

  if (version <= TEND_STORE_SCHEMA_VERSION)
    return TRUE;

  display = g_filename_display_name (self->path);
  g_set_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_NEWER_VERSION,
               _("The profile database “%s” was saved by a newer version of Tend. "
                 "Update Tend to open it; it has not been changed."),
               display);
  return FALSE;
}

/* Runs inside BEGIN IMMEDIATE, so a second Tend opening the same file
 * waits for this one instead of migrating it twice. */
static gboolean
migrate (TendStore  *self,
         GError    **error)
{
  int version;

  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!read_user_version (self, &version, error) ||
      !check_not_newer (self, version, error))
    goto failed;

  for (int step = version; step < TEND_STORE_SCHEMA_VERSION; step++)
    {
      g_autofree char *set_version = NULL;

      g_debug ("Migrating %s from version %d to %d", self->path, step, step + 1);

      if (!exec (self, migrations[step], error))
        goto failed;

      set_version = g_strdup_printf ("PRAGMA user_version = %d", step + 1);
      if (!exec (self, set_version, error))
        goto failed;
    }

  if (!exec (self, "COMMIT", error))
    goto failed;

  return TRUE;

failed:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* A new profile file is created 0600 before SQLite sees it; SQLite
 * gives its -wal and -shm files the same mode. */
static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_READ_ONLY,
                   _("Tend could not create the folder “%s” for its data (%s). "
                     "Check that you may write there, or choose another folder."),
                   display, g_strerror (saved_errno));
      return FALSE;
    }

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 && errno != EEXIST)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_READ_ONLY,
                   _("Tend could not create its database “%s” (%s). Check that you "
                     "may write to that folder, or choose another folder."),
                   display, g_strerror (saved_errno));
      return FALSE;
    }

  if (fd >= 0)
    close (fd);

  return TRUE;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
tend_store_finalize (GObject *object)
{
  TendStore *self = (TendStore *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->staged_interactions, g_array_unref);
  g_clear_pointer (&self->staged_rows_by_key, g_hash_table_unref);
  g_clear_pointer (&self->staged_key_order, g_array_unref);
  g_free (self->path);

  G_OBJECT_CLASS (tend_store_parent_class)->finalize (object);
}

static void
tend_store_class_init (TendStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tend_store_finalize;
}

static void
tend_store_init (TendStore *self)
{
  self->statements = g_hash_table_new_full (NULL, NULL, NULL,
                                            finalize_statement);
  self->staged_interactions = g_array_new (FALSE, FALSE, sizeof (StagedInteraction));
}

/**
 * tend_store_build_path:
 * @data_dir: (nullable): a profile folder, or %NULL for the user's own
 *
 * Returns: (transfer full): where that profile's database lives
 */
char *
tend_store_build_path (const char *data_dir)
{
  if (data_dir != NULL)
    return g_build_filename (data_dir, "tend.db", NULL);

  return g_build_filename (g_get_user_data_dir (), "tend", "tend.db", NULL);
}

/**
 * tend_store_build_sample_path:
 * @data_dir: (nullable): a profile folder, or %NULL for the user's own
 *
 * The sample business lives beside the owner's profile, never inside it.
 *
 * Returns: (transfer full): where the sample profile's database lives
 */
char *
tend_store_build_sample_path (const char *data_dir)
{
  if (data_dir != NULL)
    return g_build_filename (data_dir, "sample", "tend.db", NULL);

  return g_build_filename (g_get_user_data_dir (), "tend", "sample", "tend.db", NULL);
}

/**
 * tend_store_open:
 * @path: the database file, created (mode 0600) when missing
 * @error: return location for a #TEND_STORE_ERROR
 *
 * Opens a profile and migrates it to the current schema. A file that is
 * damaged, locked, read-only or from a newer Tend is left untouched.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
TendStore *
tend_store_open (const char  *path,
                 GError     **error)
{
  g_autoptr(TendStore) self = NULL;
  int version;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!create_private_file (path, error))
    return NULL;

  self = g_object_new (TEND_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_code (error, path, rc, self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  if (!register_functions (self, error))
    return NULL;

  /* SQLite silently falls back to reading when it may not write. */
  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      set_error_from_code (error, path, SQLITE_READONLY, NULL);
      return NULL;
    }

  /* Read the version before anything writes, so a newer file stays as it is. */
  if (!read_user_version (self, &version, error) ||
      !check_not_newer (self, version, error))
    return NULL;

  /* A new file gets pages of 32 KiB: imports append whole pages, and
   * the list reads the table from end to end. With 100,000 connections
   * a first import took 1.6 times as long as sqlite3's own .import of
   * the file, against 2.2 with 8 KiB pages (a quarter of the writes to
   * the log and back); re-importing, generating the sample and loading
   * the list took no longer than with 4 KiB. The size is fixed once the
   * file holds anything, so existing profiles keep theirs. */
  if (version == 0 && !exec (self, "PRAGMA page_size = 32768", error))
    return NULL;

  if (!exec (self, "PRAGMA journal_mode = WAL", error) ||
      !exec (self, "PRAGMA synchronous = NORMAL", error) ||
      !exec (self, "PRAGMA foreign_keys = ON", error) ||
      /* SQLite's default of 2 MiB: merges read staged rows in key
       * order, the order of the unique index and, once imported, of the
       * rows themselves, so a page is read, changed and written once. A
       * cache that held a whole import (32 MiB) made it a fifth slower:
       * every page of it newly touched memory. */
      !exec (self, "PRAGMA cache_size = -2048", error) ||
      !exec (self, "PRAGMA temp_store = MEMORY", error))
    return NULL;

  /* Always taken, even when current: it proves the file can be written. */
  if (!migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
tend_store_get_path (TendStore *self)
{
  g_return_val_if_fail (TEND_IS_STORE (self), NULL);
  return self->path;
}

int
tend_store_get_schema_version (TendStore *self)
{
  int version = -1;

  g_return_val_if_fail (TEND_IS_STORE (self), -1);

  read_user_version (self, &version, NULL);
  return version;
}

/**
 * tend_store_begin:
 *
 * Starts a transaction for a whole import, sync or sample: either every
 * row lands with tend_store_commit() or none does.
 */
gboolean
tend_store_begin (TendStore  *self,
                  GError    **error)
{
  g_return_val_if_fail (TEND_IS_STORE (self), FALSE);
  return exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
tend_store_commit (TendStore  *self,
                   GError    **error)
{
  g_return_val_if_fail (TEND_IS_STORE (self), FALSE);

  if (exec (self, "COMMIT", error))
    return TRUE;

  tend_store_rollback (self);
  return FALSE;
}

void
tend_store_rollback (TendStore *self)
{
  g_return_if_fail (TEND_IS_STORE (self));

  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

gint64
tend_store_ensure_source (TendStore       *self,
                          TendSourceKind   kind,
                          const char      *account,
                          const char      *title,
                          GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (TEND_IS_STORE (self), 0);
  g_return_val_if_fail (account != NULL, 0);
  g_return_val_if_fail (title != NULL, 0);

  stmt = get_statement (self,
                        "INSERT INTO sources (kind, account, title, created_at)"
                        " VALUES (?1, ?2, ?3, ?4)"
                        " ON CONFLICT (kind, account) DO UPDATE SET title = excluded.title"
                        " RETURNING id",
                        error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, tend_source_kind_to_key (kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, account, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, now_seconds ());

  if (!step_done (self, stmt, &id, error))
    return 0;

  return id;
}

/* Binds what only live sources know to four parameters from @first. */
static void
bind_live_fields (sqlite3_stmt               *stmt,
                  int                         first,
                  const TendConnectionRecord *record)
{
  bind_text_or_null (stmt, first, record->remote_id);
  bind_text_or_null (stmt, first + 1, record->bio);
  sqlite3_bind_text (stmt, first + 2, tend_account_state_to_key (record->account_state), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, first + 3, MAX (record->last_active_at, 0));
}

/**
 * tend_store_upsert_connection:
 *
 * Adds a connection, or refreshes the one with the same stable key in
 * that source, so that reading the same export twice changes nothing.
 * Fields the record leaves empty keep what was known before.
 *
 * Returns: the connection's id, or 0 with @error set
 */
gint64
tend_store_upsert_connection (TendStore                   *self,
                              gint64                       source_id,
                              const TendConnectionRecord  *record,
                              GError                     **error)
{
  TendConnectionChange change;

  return tend_store_import_connection (self, source_id, record, &change, error);
}

/**
 * tend_store_import_connection:
 * @out_change: (out): whether the record added the connection (or
 *   brought back a removed one), updated it or changed nothing
 *
 * Adds or refreshes a connection as tend_store_upsert_connection()
 * describes, and tells an import which of the three it was. A new key
 * is inserted by one statement; a
 * known one is compared as tend_store_compare_connection() does and then
 * refreshed by its id.
 *
 * Returns: the connection's id, or 0 with @error set
 */
gint64
tend_store_import_connection (TendStore                   *self,
                              gint64                       source_id,
                              const TendConnectionRecord  *record,
                              TendConnectionChange        *out_change,
                              GError                     **error)
{
  sqlite3_stmt *stmt;
  gint64 now = now_seconds ();
  gboolean present;
  gboolean same;
  gint64 id;

  g_return_val_if_fail (TEND_IS_STORE (self), 0);
  g_return_val_if_fail (record != NULL, 0);
  g_return_val_if_fail (record->stable_key != NULL && record->stable_key[0] != '\0', 0);
  g_return_val_if_fail (record->name != NULL, 0);
  g_return_val_if_fail (out_change != NULL, 0);

  stmt = get_statement (self,
                        "INSERT INTO connections (source_id, stable_key, name, handle,"
                        "  profile_url, avatar_url, follow_state, connected_since,"
                        "  first_seen_at, last_seen_at, remote_id, bio, account_state,"
                        "  last_active_at)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10, ?11, ?12, ?13)"
                        " ON CONFLICT (source_id, stable_key) DO NOTHING"
                        " RETURNING id",
                        error);
  if (stmt == NULL)
    return 0;

  /* The strings outlive the step, and the next use clears the bindings. */
  sqlite3_bind_int64 (stmt, 1, source_id);
  sqlite3_bind_text (stmt, 2, record->stable_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, record->name, -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 4, record->handle);
  bind_text_or_null (stmt, 5, record->profile_url);
  bind_text_or_null (stmt, 6, record->avatar_url);
  sqlite3_bind_text (stmt, 7, tend_follow_state_to_key (record->follow_state), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, MAX (record->connected_since, 0));
  sqlite3_bind_int64 (stmt, 9, now);
  bind_live_fields (stmt, 10, record);

  if (!step_done (self, stmt, &id, error))
    return 0;

  if (id != 0)
    {
      *out_change = TEND_CONNECTION_ADDED;
      return id;
    }

  if (!tend_store_compare_connection (self, source_id, record, &id, &present, &same, error))
    return 0;

  if (id == 0)
    {
      set_error_from_code (error, self->path, SQLITE_INTERNAL, sqlite3_errstr (SQLITE_INTERNAL));
      return 0;
    }

  stmt = get_statement (self,
                        "UPDATE connections SET"
                        "  name = ?2,"
                        "  handle = coalesce (?3, handle),"
                        "  profile_url = coalesce (?4, profile_url),"
                        "  avatar_url = coalesce (?5, avatar_url),"
                        "  follow_state = ?6,"
                        "  connected_since = CASE WHEN ?7 > 0 THEN ?7 ELSE connected_since END,"
                        "  last_seen_at = ?8,"
                        "  removed_at = NULL,"
                        "  remote_id = coalesce (?9, remote_id),"
                        "  bio = coalesce (?10, bio),"
                        "  account_state = ?11,"
                        "  last_active_at = CASE WHEN ?12 > 0 THEN ?12 ELSE last_active_at END"
                        " WHERE id = ?1",
                        error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, record->name, -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 3, record->handle);
  bind_text_or_null (stmt, 4, record->profile_url);
  bind_text_or_null (stmt, 5, record->avatar_url);
  sqlite3_bind_text (stmt, 6, tend_follow_state_to_key (record->follow_state), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, MAX (record->connected_since, 0));
  sqlite3_bind_int64 (stmt, 8, now);
  bind_live_fields (stmt, 9, record);

  if (!step_done (self, stmt, NULL, error))
    return 0;

  if (!present)
    *out_change = TEND_CONNECTION_ADDED;
  else if (same)
    *out_change = TEND_CONNECTION_UNCHANGED;
  else
    *out_change = TEND_CONNECTION_UPDATED;

  return id;
}

/**
 * tend_store_add_interaction:
 * @external_id: (nullable): the network's id for the event; an event with
 *   an id already stored for that connection is not added twice
 */
gboolean
tend_store_add_interaction (TendStore            *self,
                            gint64                connection_id,
                            TendDirection         direction,
                            TendInteractionKind   kind,
                            gint64                occurred_at,
                            const char           *external_id,
                            GError              **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TEND_IS_STORE (self), FALSE);

  stmt = get_statement (self,
                        "INSERT INTO interactions (connection_id, direction, kind,"
                        "  occurred_at, external_id)"
                        " VALUES (?1, ?2, ?3, ?4, ?5)"
                        " ON CONFLICT (connection_id, external_id)"
                        "  WHERE external_id IS NOT NULL DO NOTHING",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, connection_id);
  sqlite3_bind_text (stmt, 2, tend_direction_to_key (direction), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, tend_interaction_kind_to_key (kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, occurred_at);
  bind_text_or_null (stmt, 5, external_id);

  return step_done (self, stmt, NULL, error);
}

static gboolean
append_journal (TendStore   *self,
                const char  *action,
                gint64       connection_id,
                const char  *before,
                const char  *after,
                GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = get_statement (self,
                        "INSERT INTO journal (at, action, connection_id, before, after)"
                        " VALUES (?1, ?2, ?3, ?4, ?5)",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, now_seconds ());
  sqlite3_bind_text (stmt, 2, action, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, connection_id);
  bind_text_or_null (stmt, 4, before);
  bind_text_or_null (stmt, 5, after);

  return step_done (self, stmt, NULL, error);
}

static gboolean
check_connection_exists (TendStore  *self,
                         gint64      connection_id,
                         GError    **error)
{
  sqlite3_stmt *stmt;
  gint64 found;

  stmt = get_statement (self, "SELECT count (*) FROM connections WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, connection_id);
  if (!step_done (self, stmt, &found, error))
    return FALSE;

  if (found == 0)
    {
      g_set_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_NOT_FOUND,
                   _("That connection is no longer in this profile. Reload the list and try again."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
write_decision (TendStore     *self,
                gint64         connection_id,
                TendDecision   decision,
                const char    *note,
                GError       **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *old_decision = NULL;
  g_autofree char *old_note = NULL;
  const char *new_decision = tend_decision_to_key (decision);

  if (!check_connection_exists (self, connection_id, error))
    return FALSE;

  stmt = get_statement (self, "SELECT decision, note FROM decisions WHERE connection_id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, connection_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      old_decision = dup_column_text (stmt, 0);
      old_note = dup_column_text (stmt, 1);
    }
  sqlite3_reset (stmt);

  if (old_decision == NULL)
    old_decision = g_strdup (tend_decision_to_key (TEND_DECISION_UNDECIDED));
  if (note != NULL && note[0] == '\0')
    note = NULL;

  if (g_str_equal (old_decision, new_decision) && g_strcmp0 (old_note, note) == 0)
    return TRUE;

  stmt = get_statement (self,
                        "INSERT INTO decisions (connection_id, decision, decided_at, note)"
                        " VALUES (?1, ?2, ?3, ?4)"
                        " ON CONFLICT (connection_id) DO UPDATE SET"
                        "  decision = excluded.decision,"
                        "  decided_at = excluded.decided_at,"
                        "  note = excluded.note",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, connection_id);
  sqlite3_bind_text (stmt, 2, new_decision, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, now_seconds ());
  bind_text_or_null (stmt, 4, note);

  if (!step_done (self, stmt, NULL, error))
    return FALSE;

  if (!g_str_equal (old_decision, new_decision) &&
      !append_journal (self, "decision", connection_id, old_decision, new_decision, error))
    return FALSE;

  if (g_strcmp0 (old_note, note) != 0 &&
      !append_journal (self, "note", connection_id, old_note, note, error))
    return FALSE;

  return TRUE;
}

/**
 * tend_store_set_decision:
 * @note: (nullable): the owner's note; %NULL or empty clears it
 *
 * Records a decision and note, journaled, in one step.
 */
gboolean
tend_store_set_decision (TendStore     *self,
                         gint64         connection_id,
                         TendDecision   decision,
                         const char    *note,
                         GError       **error)
{
  g_return_val_if_fail (TEND_IS_STORE (self), FALSE);

  if (!savepoint_begin (self, error))
    return FALSE;

  if (!write_decision (self, connection_id, decision, note, error))
    {
      savepoint_rollback (self);
      return FALSE;
    }

  return savepoint_release (self, error);
}

/* What a network action leaves of the owner's relation to a person;
 * %FALSE when nothing remains and the connection is gone. */
static gboolean
follow_state_after_action (TendFollowState  state,
                           TendActionKind   kind,
                           TendFollowState *out_state)
{
  *out_state = state;

  switch (kind)
    {
    case TEND_ACTION_UNFOLLOW:
      if (state == TEND_FOLLOW_STATE_MUTUAL)
        *out_state = TEND_FOLLOW_STATE_FOLLOWS_ME;
      return state == TEND_FOLLOW_STATE_MUTUAL || state == TEND_FOLLOW_STATE_FOLLOWS_ME;

    case TEND_ACTION_REMOVE_FOLLOWER:
      if (state == TEND_FOLLOW_STATE_MUTUAL)
        *out_state = TEND_FOLLOW_STATE_I_FOLLOW;
      return state == TEND_FOLLOW_STATE_MUTUAL || state == TEND_FOLLOW_STATE_I_FOLLOW;

    case TEND_ACTION_FOLLOW:
      if (state == TEND_FOLLOW_STATE_FOLLOWS_ME || state == TEND_FOLLOW_STATE_MUTUAL)
        *out_state = TEND_FOLLOW_STATE_MUTUAL;
      else
        *out_state = TEND_FOLLOW_STATE_I_FOLLOW;
      return TRUE;

    case TEND_ACTION_CHECKLIST:
    default:
      return FALSE;
    }
}

static gboolean
read_follow_state (TendStore        *self,
                   gint64            connection_id,
                   TendFollowState  *out_state,
                   gboolean         *out_present,
                   GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!check_connection_exists (self, connection_id, error))
    return FALSE;

  stmt = get_statement (self,
                        "SELECT follow_state, removed_at IS NULL FROM connections WHERE id = ?1",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, connection_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      tend_follow_state_from_key ((const char *) sqlite3_column_text (stmt, 0), out_state);
      *out_present = sqlite3_column_int (stmt, 1) != 0;
      rc = SQLITE_DONE;
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_error_from_db (self, error);
      return FALSE;
    }

  return TRUE;
}

/**
 * tend_store_journal_action_requested:
 *
 * Journals that @kind is about to be asked of the network for
 * @connection_id, before the request leaves: after a crash, the journal
 * shows what may have happened.
 */
gboolean
tend_store_journal_action_requested (TendStore       *self,
                                     gint64           connection_id,
                                     TendActionKind   kind,
                                     GError         **error)
{
  g_autofree char *action = NULL;
  TendFollowState state = TEND_FOLLOW_STATE_CONTACT;
  gboolean present = FALSE;

  g_return_val_if_fail (TEND_IS_STORE (self), FALSE);

  if (!read_follow_state (self, connection_id, &state, &present, error))
    return FALSE;

  action = g_strconcat (tend_action_kind_to_key (kind), "-requested", NULL);
  return append_journal (self, action, connection_id,
                         present ? tend_follow_state_to_key (state) : "removed", NULL, error);
}

/**
 * tend_store_record_action_result:
 * @failure: (nullable): why the network refused, or %NULL when it did it
 *
 * Journals how an action ended and, when it was done, what it left of
 * the relation: unfollowing someone who follows back leaves "follows
 * me", unfollowing someone who does not ends the connection (its
 * history stays), and following again brings it back.
 */
gboolean
tend_store_record_action_result (TendStore       *self,
                                 gint64           connection_id,
                                 TendActionKind   kind,
                                 const GError    *failure,
                                 GError         **error)
{
  g_autofree char *action = NULL;
  TendFollowState state = TEND_FOLLOW_STATE_CONTACT;
  TendFollowState new_state;
  gboolean present = FALSE;
  gboolean remains;
  sqlite3_stmt *stmt;
  const char *before;

  g_return_val_if_fail (TEND_IS_STORE (self), FALSE);

  if (!read_follow_state (self, connection_id, &state, &present, error))
    return FALSE;

  before = present ? tend_follow_state_to_key (state) : "removed";

  if (failure != NULL)
    {
      action = g_strconcat (tend_action_kind_to_key (kind), "-failed", NULL);
      return append_journal (self, action, connection_id, before, failure->message, error);
    }

  remains = follow_state_after_action (state, kind, &new_state);

  if (!savepoint_begin (self, error))
    return FALSE;

  stmt = get_statement (self,
                        "UPDATE connections SET follow_state = ?2,"
                        "  removed_at = CASE WHEN ?3 THEN NULL ELSE coalesce (removed_at, ?4) END"
                        " WHERE id = ?1",
                        error);
  if (stmt == NULL)
    {
      savepoint_rollback (self);
      return FALSE;
    }

  sqlite3_bind_int64 (stmt, 1, connection_id);
  sqlite3_bind_text (stmt, 2, tend_follow_state_to_key (new_state), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, remains);
  sqlite3_bind_int64 (stmt, 4, now_seconds ());

  if (!step_done (self, stmt, NULL, error) ||
      !append_journal (self, tend_action_kind_to_key (kind), connection_id, before,
                       remains ? tend_follow_state_to_key (new_state) : "removed", error))
    {
      savepoint_rollback (self);
      return FALSE;
    }

  return savepoint_release (self, error);
}

static char *
normalize_tag (const char  *tag,
               GError     **error)
{
  g_autofree char *normalized = g_utf8_normalize (tag, -1, G_NORMALIZE_NFC);

  if (normalized != NULL)
    g_strstrip (normalized);

  if (normalized == NULL || normalized[0] == '\0')
    {
      g_set_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_INVALID,
                   _("A tag needs a name. Type a word such as “Customer” and try again."));
      return NULL;
    }

  return g_steal_pointer (&normalized);
}

static gboolean
write_tag (TendStore   *self,
           gint64       connection_id,
           const char  *tag,
           gboolean     add,
           GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 tag_id;

  if (!check_connection_exists (self, connection_id, error))
    return FALSE;

  if (add)
    {
      stmt = get_statement (self,
                            "INSERT INTO tags (name) VALUES (?1)"
                            " ON CONFLICT (name) DO UPDATE SET name = name"
                            " RETURNING id",
                            error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_text (stmt, 1, tag, -1, SQLITE_TRANSIENT);
      if (!step_done (self, stmt, &tag_id, error))
        return FALSE;

      stmt = get_statement (self,
                            "INSERT INTO connection_tags (connection_id, tag_id)"
                            " VALUES (?1, ?2) ON CONFLICT DO NOTHING",
                            error);
    }
  else
    {
      stmt = get_statement (self,
                            "DELETE FROM connection_tags WHERE connection_id = ?1"
                            " AND tag_id = (SELECT id FROM tags WHERE name = ?2)",
                            error);
      tag_id = 0;
    }

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, connection_id);
  if (add)
    sqlite3_bind_int64 (stmt, 2, tag_id);
  else
    sqlite3_bind_text (stmt, 2, tag, -1, SQLITE_TRANSIENT);

  if (!step_done (self, stmt, NULL, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    return TRUE;

  return append_journal (self, add ? "tag-added" : "tag-removed", connection_id,
                         add ? NULL : tag, add ? tag : NULL, error);
}

static gboolean
change_tag (TendStore   *self,
            gint64       connection_id,
            const char  *tag,
            gboolean     add,
            GError     **error)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (TEND_IS_STORE (self), FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  normalized = normalize_tag (tag, error);
  if (normalized == NULL)
    return FALSE;

  if (!savepoint_begin (self, error))
    return FALSE;

  if (!write_tag (self, connection_id, normalized, add, error))
    {
      savepoint_rollback (self);
      return FALSE;
    }

  return savepoint_release (self, error);
}

gboolean
tend_store_add_tag (TendStore   *self,
                    gint64       connection_id,
                    const char  *tag,
                    GError     **error)
{
  return change_tag (self, connection_id, tag, TRUE, error);
}

gboolean
tend_store_remove_tag (TendStore   *self,
                       gint64       connection_id,
                       const char  *tag,
                       GError     **error)
{
  return change_tag (self, connection_id, tag, FALSE, error);
}

/* DESIGN.md: tagged Customers, Partners, Suppliers and Family are never
 * suggested for pruning. */
gboolean
tend_store_is_tag_protected (const char *tag)
{
  g_return_val_if_fail (tag != NULL, FALSE);

  for (guint i = 0; protected_tags[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (protected_tags[i], tag) == 0)
        return TRUE;
    }

  return FALSE;
}

/**
 * tend_store_list_tags:
 *
 * Returns: (transfer full): every tag name, the built-in ones first, then
 *   the owner's own in alphabetical order, or %NULL with @error set
 */
GStrv
tend_store_list_tags (TendStore  *self,
                      GError    **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TEND_IS_STORE (self), NULL);

  stmt = get_statement (self,
                        "SELECT name FROM tags"
                        " ORDER BY builtin DESC, CASE WHEN builtin THEN id END, name",
                        error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_error_from_db (self, error);
      return NULL;
    }

  return g_strv_builder_end (builder);
}

/**
 * tend_store_list_recent_interactions:
 * @limit: how many at most
 *
 * Returns: (transfer full) (element-type TendInteraction): the latest
 *   interactions with that connection in @direction, newest first, or
 *   %NULL with @error set
 */
GArray *
tend_store_list_recent_interactions (TendStore      *self,
                                     gint64          connection_id,
                                     TendDirection   direction,
                                     guint           limit,
                                     GError        **error)
{
  g_autoptr(GArray) interactions = g_array_new (FALSE, FALSE, sizeof (TendInteraction));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TEND_IS_STORE (self), NULL);

  stmt = get_statement (self,
                        "SELECT kind, occurred_at FROM interactions"
                        " WHERE connection_id = ?1 AND direction = ?2"
                        " ORDER BY occurred_at DESC, id DESC LIMIT ?3",
                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, connection_id);
  sqlite3_bind_text (stmt, 2, tend_direction_to_key (direction), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TendInteraction interaction = { direction, 0, sqlite3_column_int64 (stmt, 1) };

      if (tend_interaction_kind_from_key ((const char *) sqlite3_column_text (stmt, 0), &interaction.kind))
        g_array_append_val (interactions, interaction);
    }

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_error_from_db (self, error);
      return NULL;
    }

  return g_steal_pointer (&interactions);
}

/**
 * tend_store_get_setting:
 *
 * Returns: (transfer full) (nullable): the profile's value for @key, or
 *   %NULL when it was never set or could not be read (@error set)
 */
char *
tend_store_get_setting (TendStore   *self,
                        const char  *key,
                        GError     **error)
{
  sqlite3_stmt *stmt;
  char *value = NULL;
  int rc;

  g_return_val_if_fail (TEND_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = get_statement (self, "SELECT value FROM settings WHERE key = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    value = dup_column_text (stmt, 0);
  else if (rc != SQLITE_DONE)
    set_error_from_db (self, error);
  sqlite3_reset (stmt);

  return value;
}

gboolean
tend_store_set_setting (TendStore   *self,
                        const char  *key,
                        const char  *value,
                        GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TEND_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  stmt = get_statement (self,
                        "INSERT INTO settings (key, value) VALUES (?1, ?2)"
                        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);

  return step_done (self, stmt, NULL, error);
}

static gint64
count_rows (TendStore   *self,
            const char  *sql,
            GError     **error)
{
  sqlite3_stmt *stmt = get_statement (self, sql, error);
  gint64 count;

  if (stmt == NULL || !step_done (self, stmt, &count, error))
    return -1;

  return count;
}

/**
 * tend_store_count_connections:
 *
 * Returns: how many connections are present, or -1 with @error set
 */
gint64
tend_store_count_connections (TendStore  *self,
                              GError    **error)
{
  g_return_val_if_fail (TEND_IS_STORE (self), -1);
  return count_rows (self, "SELECT count (*) FROM connections WHERE removed_at IS NULL", error);
}

gint64
tend_store_count_interactions (TendStore  *self,
                               GError    **error)
{
  g_return_val_if_fail (TEND_IS_STORE (self), -1);
  return count_rows (self, "SELECT count (*) FROM interactions", error);
}

/**
 * tend_store_list_sources:
 *
 * Returns: (transfer full): a list of #TendSource with their counts
 */
GListModel *
tend_store_list_sources (TendStore  *self,
                         GError    **error)
{
  g_autoptr(GListStore) sources = g_list_store_new (TEND_TYPE_SOURCE);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TEND_IS_STORE (self), NULL);

  stmt = get_statement (self,
                        "SELECT s.id, s.kind, s.account, s.title, s.last_import_at,"
                        "  (SELECT count (*) FROM connections c"
                        "   WHERE c.source_id = s.id AND c.removed_at IS NULL)"
                        " FROM sources s ORDER BY s.id",
                        error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(TendSource) source = NULL;
      TendSourceKind kind;

      /* A kind this build does not know comes from a newer Tend: skip it. */
      if (!tend_source_kind_from_key ((const char *) sqlite3_column_text (stmt, 1), &kind))
        continue;

      source = tend_source_new (sqlite3_column_int64 (stmt, 0), kind,
                                (const char *) sqlite3_column_text (stmt, 2),
                                (const char *) sqlite3_column_text (stmt, 3));
      tend_source_set_last_import_at (source, sqlite3_column_int64 (stmt, 4));
      tend_source_set_connection_count (source, sqlite3_column_int (stmt, 5));
      g_list_store_append (sources, source);
    }

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_error_from_db (self, error);
      return NULL;
    }

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (sources)); i++)
    {
      g_autoptr(TendSource) source = g_list_model_get_item (G_LIST_MODEL (sources), i);
      g_autoptr(GArray) joined = NULL;
      g_autoptr(GArray) left = NULL;

      if (!tend_store_get_latest_changes (self, tend_source_get_id (source), &joined, &left, error))
        return NULL;

      tend_source_set_changes (source, joined->len, left->len);
    }

  return G_LIST_MODEL (g_steal_pointer (&sources));
}

static gboolean
load_tags (TendStore   *self,
           GHashTable  *by_id,
           GError     **error)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  TendConnection *current = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = get_statement (self,
                        "SELECT ct.connection_id, t.name FROM connection_tags ct"
                        " JOIN tags t ON t.id = ct.tag_id"
                        " ORDER BY ct.connection_id, t.name",
                        error);
  if (stmt == NULL)
    return FALSE;

  while (TRUE)
    {
      TendConnection *connection = NULL;
      gint64 id = 0;

      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          id = sqlite3_column_int64 (stmt, 0);
          connection = g_hash_table_lookup (by_id, &id);
        }

      if (current != NULL && (connection != current || rc != SQLITE_ROW))
        {
          g_auto(GStrv) tags = g_strv_builder_end (builder);

          tend_connection_set_tags (current, (const char * const *) tags);
          g_clear_pointer (&builder, g_strv_builder_unref);
          current = NULL;
        }

      if (rc != SQLITE_ROW)
        break;

      if (connection == NULL)
        continue;

      if (current == NULL)
        {
          current = connection;
          builder = g_strv_builder_new ();
        }

      g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 1));
    }

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_error_from_db (self, error);
      return FALSE;
    }

  return TRUE;
}

/* Marks who joined in the latest import of each source. */
static gboolean
mark_new_connections (TendStore   *self,
                      GHashTable  *by_id,
                      GError     **error)
{
  g_autoptr(GArray) source_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  stmt = get_statement (self, "SELECT id FROM sources", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (source_ids, id);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_error_from_db (self, error);
      return FALSE;
    }

  for (guint i = 0; i < source_ids->len; i++)
    {
      g_autoptr(GArray) joined = NULL;
      g_autoptr(GArray) left = NULL;

      if (!tend_store_get_latest_changes (self, g_array_index (source_ids, gint64, i), &joined, &left, error))
        return FALSE;

      for (guint j = 0; j < joined->len; j++)
        {
          TendConnection *connection = g_hash_table_lookup (by_id, &g_array_index (joined, gint64, j));

          if (connection != NULL)
            tend_connection_set_is_new (connection, TRUE);
        }
    }

  return TRUE;
}

static TendConnection *
connection_from_row (sqlite3_stmt *stmt)
{
  TendConnection *connection;
  TendSourceKind kind = TEND_SOURCE_KIND_VCARD;
  TendFollowState state = TEND_FOLLOW_STATE_CONTACT;
  TendDecision decision = TEND_DECISION_UNDECIDED;
  TendAccountState account_state = TEND_ACCOUNT_STATE_ACTIVE;

  tend_source_kind_from_key ((const char *) sqlite3_column_text (stmt, 2), &kind);
  tend_follow_state_from_key ((const char *) sqlite3_column_text (stmt, 9), &state);
  tend_decision_from_key ((const char *) sqlite3_column_text (stmt, 11), &decision);

  connection = tend_connection_new (sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1));
  tend_connection_set_source_kind (connection, kind);
  tend_connection_set_source_title (connection, (const char *) sqlite3_column_text (stmt, 3));
  tend_connection_set_stable_key (connection, (const char *) sqlite3_column_text (stmt, 4));
  tend_connection_set_name (connection, (const char *) sqlite3_column_text (stmt, 5));
  tend_connection_set_handle (connection, (const char *) sqlite3_column_text (stmt, 6));
  tend_connection_set_profile_url (connection, (const char *) sqlite3_column_text (stmt, 7));
  tend_connection_set_avatar_url (connection, (const char *) sqlite3_column_text (stmt, 8));
  tend_connection_set_follow_state (connection, state);
  tend_connection_set_connected_since (connection, sqlite3_column_int64 (stmt, 10));
  tend_connection_set_decision (connection, decision);
  tend_connection_set_decided_at (connection, sqlite3_column_int64 (stmt, 12));
  tend_connection_set_note (connection, (const char *) sqlite3_column_text (stmt, 13));
  tend_connection_set_remote_id (connection, (const char *) sqlite3_column_text (stmt, 14));
  tend_connection_set_bio (connection, (const char *) sqlite3_column_text (stmt, 15));
  tend_account_state_from_key ((const char *) sqlite3_column_text (stmt, 16), &account_state);
  tend_connection_set_account_state (connection, account_state);
  tend_connection_set_last_active_at (connection, sqlite3_column_int64 (stmt, 17));

  return connection;
}

/**
 * tend_store_list_connections:
 *
 * Loads every present connection with its source, tags and decision.
 * Measures are left at zero for the metrics layer to fill in.
 *
 * Returns: (transfer full): a list of #TendConnection ordered by id
 */
GListModel *
tend_store_list_connections (TendStore  *self,
                             GError    **error)
{
  g_autoptr(GListStore) connections = g_list_store_new (TEND_TYPE_CONNECTION);
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TEND_IS_STORE (self), NULL);

  stmt = get_statement (self,
                        "SELECT c.id, c.source_id, s.kind, s.title, c.stable_key, c.name,"
                        "  c.handle, c.profile_url, c.avatar_url, c.follow_state,"
                        "  c.connected_since, d.decision, d.decided_at, d.note,"
                        "  c.remote_id, c.bio, c.account_state, c.last_active_at"
                        " FROM connections c"
                        " JOIN sources s ON s.id = c.source_id"
                        " LEFT JOIN decisions d ON d.connection_id = c.id"
                        " WHERE c.removed_at IS NULL"
                        " ORDER BY c.id",
                        error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TendConnection *connection = connection_from_row (stmt);

      g_ptr_array_add (loaded, connection);
    }

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_error_from_db (self, error);
      return NULL;
    }

  /* Keys point into the objects, which the array keeps alive. */
  for (guint i = 0; i < loaded->len; i++)
    {
      TendConnection *connection = g_ptr_array_index (loaded, i);
      gint64 *id = g_new (gint64, 1);

      *id = tend_connection_get_id (connection);
      g_object_set_data_full (G_OBJECT (connection), "tend-store-id", id, g_free);
      g_hash_table_insert (by_id, id, connection);
    }

  if (!load_tags (self, by_id, error) ||
      !mark_new_connections (self, by_id, error))
    return NULL;

  g_list_store_splice (connections, 0, 0, loaded->pdata, loaded->len);

  return G_LIST_MODEL (g_steal_pointer (&connections));
}

static gboolean
dispatch_interactions (TendStore            *self,
                       sqlite3_stmt         *stmt,
                       TendInteractionFunc   func,
                       gpointer              user_data,
                       GError              **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TendDirection direction;
      TendInteractionKind kind;

      if (!tend_direction_from_key ((const char *) sqlite3_column_text (stmt, 1), &direction) ||
          !tend_interaction_kind_from_key ((const char *) sqlite3_column_text (stmt, 2), &kind))
        continue;

      func (sqlite3_column_int64 (stmt, 0), direction, kind,
            sqlite3_column_int64 (stmt, 3), user_data);
    }

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_error_from_db (self, error);
      return FALSE;
    }

  return TRUE;
}

/**
 * tend_store_foreach_interaction:
 * @since: only interactions at or after this time (Unix seconds)
 *
 * Streams interactions ordered by connection, without holding them all
 * in memory, for the metrics layer to aggregate.
 */
gboolean
tend_store_foreach_interaction (TendStore            *self,
                                gint64                since,
                                TendInteractionFunc   func,
                                gpointer              user_data,
                                GError              **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TEND_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  stmt = get_statement (self,
                        "SELECT connection_id, direction, kind, occurred_at"
                        " FROM interactions WHERE occurred_at >= ?1"
                        " ORDER BY connection_id, occurred_at",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, since);
  return dispatch_interactions (self, stmt, func, user_data, error);
}

/**
 * tend_store_foreach_interaction_with:
 *
 * Streams the interactions with one connection, for measuring again only
 * what an import, a sync or an edit touched.
 */
gboolean
tend_store_foreach_interaction_with (TendStore            *self,
                                     gint64                connection_id,
                                     TendInteractionFunc   func,
                                     gpointer              user_data,
                                     GError              **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TEND_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  stmt = get_statement (self,
                        "SELECT connection_id, direction, kind, occurred_at"
                        " FROM interactions WHERE connection_id = ?1"
                        " ORDER BY occurred_at",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, connection_id);
  return dispatch_interactions (self, stmt, func, user_data, error);
}

/**
 * tend_store_take_snapshot:
 *
 * Records who is connected through @source_id right now, so a later
 * import can say who joined and who left.
 *
 * Returns: the snapshot's id, or 0 with @error set
 */
gint64
tend_store_take_snapshot (TendStore  *self,
                          gint64      source_id,
                          GError    **error)
{
  sqlite3_stmt *stmt;
  gint64 snapshot_id;

  g_return_val_if_fail (TEND_IS_STORE (self), 0);

  /* One statement, so nothing half done to undo. Reading the table in
   * id order ("+source_id" keeps SQLite off the index) costs less than
   * finding the source's rows by the index, and hands the ids over
   * sorted. */
  stmt = get_statement (self,
                        "INSERT INTO snapshots (source_id, taken_at, connection_count, members)"
                        " SELECT ?1, ?2, count (*), tend_id_list (id) FROM connections"
                        " WHERE +source_id = ?1 AND removed_at IS NULL"
                        " RETURNING id",
                        error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, source_id);
  sqlite3_bind_int64 (stmt, 2, now_seconds ());
  if (!step_done (self, stmt, &snapshot_id, error))
    return 0;

  return snapshot_id;
}

static GArray *
select_ids (TendStore   *self,
            const char  *sql,
            gint64       first,
            GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = get_statement (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, first);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_error_from_db (self, error);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/* The members of a snapshot; none for a snapshot that does not exist. */
static GArray *
read_snapshot_members (TendStore  *self,
                       gint64      snapshot_id,
                       GError    **error)
{
  sqlite3_stmt *stmt = get_statement (self, "SELECT members FROM snapshots WHERE id = ?1", error);
  GArray *members = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, snapshot_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      members = tend_id_list_decode (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
      if (members == NULL)
        set_error_from_code (error, self->path, SQLITE_CORRUPT, NULL);
    }
  else if (rc == SQLITE_DONE)
    {
      members = g_array_new (FALSE, FALSE, sizeof (gint64));
    }
  else
    {
      set_error_from_db (self, error);
    }

  sqlite3_reset (stmt);
  return members;
}

/**
 * tend_store_diff_snapshots:
 * @joined: (out) (transfer full): ids of connections only in the newer one
 * @left: (out) (transfer full): ids of connections only in the older one
 */
gboolean
tend_store_diff_snapshots (TendStore  *self,
                           gint64      older_snapshot_id,
                           gint64      newer_snapshot_id,
                           GArray    **joined,
                           GArray    **left,
                           GError    **error)
{
  g_autoptr(GArray) older = NULL;
  g_autoptr(GArray) newer = NULL;

  g_return_val_if_fail (TEND_IS_STORE (self), FALSE);
  g_return_val_if_fail (joined != NULL && left != NULL, FALSE);

  older = read_snapshot_members (self, older_snapshot_id, error);
  if (older == NULL)
    return FALSE;

  newer = read_snapshot_members (self, newer_snapshot_id, error);
  if (newer == NULL)
    return FALSE;

  *joined = g_array_new (FALSE, FALSE, sizeof (gint64));
  *left = g_array_new (FALSE, FALSE, sizeof (gint64));
  tend_id_list_diff (newer, older, *joined, *left);
  return TRUE;
}

/**
 * tend_store_compare_connection:
 * @record: what an import read; its empty fields are not compared, as
 *   tend_store_upsert_connection() keeps the stored ones
 * @out_id: (out): the stored connection's id, or 0 when there is none
 * @out_present: (out) (optional): whether it is stored and not removed
 * @out_same: (out) (optional): whether it is present and upserting
 *   @record would change nothing
 *
 * Tells an import whether a row adds, updates or leaves a connection.
 */
gboolean
tend_store_compare_connection (TendStore                   *self,
                               gint64                       source_id,
                               const TendConnectionRecord  *record,
                               gint64                      *out_id,
                               gboolean                    *out_present,
                               gboolean                    *out_same,
                               GError                     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TEND_IS_STORE (self), FALSE);
  g_return_val_if_fail (record != NULL && record->stable_key != NULL, FALSE);
  g_return_val_if_fail (out_id != NULL, FALSE);

  stmt = get_statement (self,
                        "SELECT id, removed_at IS NULL,"
                        "  removed_at IS NULL"
                        "  AND (?3 IS NULL OR name = ?3)"
                        "  AND (?4 IS NULL OR handle IS ?4)"
                        "  AND (?5 IS NULL OR profile_url IS ?5)"
                        "  AND (?6 IS NULL OR avatar_url IS ?6)"
                        "  AND follow_state = ?7"
                        "  AND (?8 <= 0 OR connected_since = ?8)"
                        "  AND (?9 IS NULL OR remote_id IS ?9)"
                        "  AND (?10 IS NULL OR bio IS ?10)"
                        "  AND account_state = ?11"
                        "  AND (?12 <= 0 OR last_active_at = ?12)"
                        " FROM connections WHERE source_id = ?1 AND stable_key = ?2",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, source_id);
  sqlite3_bind_text (stmt, 2, record->stable_key, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 3, record->name);
  bind_text_or_null (stmt, 4, record->handle);
  bind_text_or_null (stmt, 5, record->profile_url);
  bind_text_or_null (stmt, 6, record->avatar_url);
  sqlite3_bind_text (stmt, 7, tend_follow_state_to_key (record->follow_state), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, record->connected_since);
  bind_live_fields (stmt, 9, record);

  *out_id = 0;
  if (out_present != NULL)
    *out_present = FALSE;
  if (out_same != NULL)
    *out_same = FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_id = sqlite3_column_int64 (stmt, 0);
      if (out_present != NULL)
        *out_present = sqlite3_column_int (stmt, 1) != 0;
      if (out_same != NULL)
        *out_same = sqlite3_column_int (stmt, 2) != 0;
      rc = SQLITE_DONE;
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_error_from_db (self, error);
      return FALSE;
    }

  return TRUE;
}

static gint
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static gboolean
write_removed (TendStore  *self,
               gint64      source_id,
               GArray     *kept_ids,
               gint64      removed_at,
               guint      *n_removed,
               GError    **error)
{
  g_autoptr(GArray) present = NULL;
  g_autoptr(GArray) kept = g_array_copy (kept_ids);
  sqlite3_stmt *stmt;

  present = select_ids (self,
                        "SELECT id FROM connections WHERE source_id = ?1 AND removed_at IS NULL",
                        source_id, error);
  if (present == NULL)
    return FALSE;

  g_array_sort (kept, compare_ids);

  for (guint i = 0; i < present->len; i++)
    {
      gint64 id = g_array_index (present, gint64, i);

      /* An empty GArray has no data, which bsearch() may not be given. */
      if (kept->len > 0 &&
          bsearch (&id, kept->data, kept->len, sizeof (gint64), compare_ids) != NULL)
        continue;

      stmt = get_statement (self, "UPDATE connections SET removed_at = ?2 WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, removed_at);
      if (!step_done (self, stmt, NULL, error))
        return FALSE;

      (*n_removed)++;
    }

  return TRUE;
}

/**
 * tend_store_mark_connections_removed:
 * @kept_ids: (element-type gint64): the connections a complete export
 *   of @source_id still lists
 * @out_n_removed: (out) (optional): how many were marked
 *
 * Marks every other present connection of @source_id as removed at
 * @removed_at: they are gone from the network, but their history stays.
 */
gboolean
tend_store_mark_connections_removed (TendStore  *self,
                                     gint64      source_id,
                                     GArray     *kept_ids,
                                     gint64      removed_at,
                                     guint      *out_n_removed,
                                     GError    **error)
{
  guint n_removed = 0;

  g_return_val_if_fail (TEND_IS_STORE (self), FALSE);
  g_return_val_if_fail (kept_ids != NULL, FALSE);

  if (!savepoint_begin (self, error))
    return FALSE;

  if (!write_removed (self, source_id, kept_ids, removed_at, &n_removed, error))
    {
      savepoint_rollback (self);
      return FALSE;
    }

  if (!savepoint_release (self, error))
    return FALSE;

  if (out_n_removed != NULL)
    *out_n_removed = n_removed;

  return TRUE;
}

/**
 * tend_store_get_latest_snapshot:
 *
 * Returns: the id of the newest snapshot of @source_id, 0 when there is
 *   none, or -1 with @error set
 */
gint64
tend_store_get_latest_snapshot (TendStore  *self,
                                gint64      source_id,
                                GError    **error)
{
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (TEND_IS_STORE (self), -1);

  stmt = get_statement (self,
                        "SELECT coalesce (max (id), 0) FROM snapshots WHERE source_id = ?1",
                        error);
  if (stmt == NULL)
    return -1;

  sqlite3_bind_int64 (stmt, 1, source_id);
  if (!step_done (self, stmt, &id, error))
    return -1;

  return id;
}

/**
 * tend_store_get_latest_changes:
 * @joined: (out) (transfer full): ids of connections new in the latest
 *   snapshot of @source_id
 * @left: (out) (transfer full): ids of connections gone since the one
 *   before
 *
 * Compares the two latest snapshots of a source; both arrays are empty
 * until the source was imported twice.
 */
gboolean
tend_store_get_latest_changes (TendStore  *self,
                               gint64      source_id,
                               GArray    **joined,
                               GArray    **left,
                               GError    **error)
{
  sqlite3_stmt *stmt;
  gint64 latest;
  gint64 previous;

  g_return_val_if_fail (TEND_IS_STORE (self), FALSE);
  g_return_val_if_fail (joined != NULL && left != NULL, FALSE);

  latest = tend_store_get_latest_snapshot (self, source_id, error);
  if (latest < 0)
    return FALSE;

  stmt = get_statement (self,
                        "SELECT coalesce (max (id), 0) FROM snapshots"
                        " WHERE source_id = ?1 AND id < ?2",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, source_id);
  sqlite3_bind_int64 (stmt, 2, latest);
  if (!step_done (self, stmt, &previous, error))
    return FALSE;

  if (previous == 0)
    {
      *joined = g_array_new (FALSE, FALSE, sizeof (gint64));
      *left = g_array_new (FALSE, FALSE, sizeof (gint64));
      return TRUE;
    }

  return tend_store_diff_snapshots (self, previous, latest, joined, left, error);
}

gboolean
tend_store_set_source_imported (TendStore  *self,
                                gint64      source_id,
                                gint64      imported_at,
                                GError    **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TEND_IS_STORE (self), FALSE);

  stmt = get_statement (self, "UPDATE sources SET last_import_at = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, source_id);
  sqlite3_bind_int64 (stmt, 2, imported_at);
  return step_done (self, stmt, NULL, error);
}

/**
 * tend_store_list_journal:
 *
 * Returns: (transfer full) (element-type TendJournalEntry): every entry,
 *   oldest first
 */
GPtrArray *
tend_store_list_journal (TendStore  *self,
                         GError    **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TEND_IS_STORE (self), NULL);

  stmt = get_statement (self,
                        "SELECT id, at, action, connection_id, before, after"
                        " FROM journal ORDER BY id",
                        error);
  if (stmt == NULL)
    return NULL;

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) tend_journal_entry_free);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TendJournalEntry *entry = g_new0 (TendJournalEntry, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->at = sqlite3_column_int64 (stmt, 1);
      entry->action = dup_column_text (stmt, 2);
      entry->connection_id = sqlite3_column_int64 (stmt, 3);
      entry->before = dup_column_text (stmt, 4);
      entry->after = dup_column_text (stmt, 5);
      g_ptr_array_add (entries, entry);
    }

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_error_from_db (self, error);
      return NULL;
    }

  return g_steal_pointer (&entries);
}

void
tend_journal_entry_free (TendJournalEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->action);
  g_free (entry->before);
  g_free (entry->after);
  g_free (entry);
}

/* A bulk import stages its rows in memory and merges them with a few
 * statements that read them through two virtual tables. Besides saving
 * a statement per row (and copying each row into a table first), this
 * evaluates the tables' CHECK (x IN (…)) constraints with one lookup
 * table per statement: SQLite builds that table anew each time a
 * statement runs, which, run once per row, cost more than the rows. */
#define STAGED_CONNECTIONS_COLUMNS \
  "stable_key, name, handle, profile_url, avatar_url, follow_state, connected_since," \
  " remote_id, bio, account_state, last_active_at"
#define STAGED_INTERACTIONS_COLUMNS \
  "connection_id, direction, kind, occurred_at, external_id"

typedef struct {
  sqlite3_vtab  base;
  TendStore    *store;   /* borrowed */
  gboolean      interactions;
} StagedTable;

typedef struct {
  sqlite3_vtab_cursor  base;
  guint                row;
  guint                end;
  GArray              *order;       /* (nullable): borrowed StagedKey, by stable key */
  /* The connection on the current row, read once for all its columns. */
  TendConnectionRecord record;
  guint                record_row;  /* G_MAXUINT for none */
} StagedCursor;

typedef struct {
  const char *stable_key;  /* borrowed */
  guint       row;
} StagedKey;

/* How staged_filter () finds rows: all of them in the order staged
 * (interactions) or in stable key order (connections), or one by
 * stable key. */
enum {
  STAGED_SCAN,
  STAGED_SCAN_BY_KEY,
  STAGED_BY_KEY,
};

static void
get_staged_connection (TendStore            *self,
                       guint                 row,
                       TendConnectionRecord *record)
{
  self->get_staged_connection (row, record, self->get_staged_connection_data);
}

static guint
count_staged_rows (StagedTable *table)
{
  return table->interactions ? table->store->staged_interactions->len
                             : table->store->n_staged_connections;
}

static int
staged_connect (sqlite3             *db,
                void                *aux,
                int                  argc,
                const char * const  *argv,
                sqlite3_vtab       **out_table,
                char               **out_error)
{
  TendStore *self = aux;
  gboolean interactions = g_str_equal (argv[0], "tend_staged_interactions");
  StagedTable *table;
  int rc;

  rc = sqlite3_declare_vtab (db, interactions
                                 ? "CREATE TABLE x (" STAGED_INTERACTIONS_COLUMNS ")"
                                 : "CREATE TABLE x (" STAGED_CONNECTIONS_COLUMNS ")");
  if (rc != SQLITE_OK)
    return rc;

  table = sqlite3_malloc (sizeof *table);
  if (table == NULL)
    return SQLITE_NOMEM;

  memset (table, 0, sizeof *table);
  table->store = self;
  table->interactions = interactions;
  *out_table = &table->base;
  return SQLITE_OK;
}

static int
staged_disconnect (sqlite3_vtab *table)
{
  sqlite3_free (table);
  return SQLITE_OK;
}

/* Interactions are scanned in the order staged, rowid order, so "ORDER
 * BY rowid" costs nothing. Connections are scanned in stable key order
 * (sorted once), which is the order of the unique index on stored ones:
 * new ones are appended to it, and a join with the stored ones walks it
 * from end to end rather than all over. A staged connection is also
 * found by its stable key through a hash table: without statistics,
 * SQLite may well put the staged rows in the inner loop of a join with
 * the stored ones. */
static int
staged_best_index (sqlite3_vtab       *vtab,
                   sqlite3_index_info *info)
{
  StagedTable *table = (StagedTable *) vtab;

  for (int i = 0; i < info->nConstraint && !table->interactions; i++)
    {
      if (info->aConstraint[i].usable &&
          info->aConstraint[i].iColumn == 0 &&
          info->aConstraint[i].op == SQLITE_INDEX_CONSTRAINT_EQ)
        {
          info->aConstraintUsage[i].argvIndex = 1;
          info->aConstraintUsage[i].omit = 1;
          info->idxNum = STAGED_BY_KEY;
          info->idxFlags = SQLITE_INDEX_SCAN_UNIQUE;
          info->estimatedRows = 1;
          info->estimatedCost = 1;
          return SQLITE_OK;
        }
    }

  info->idxNum = table->interactions ? STAGED_SCAN : STAGED_SCAN_BY_KEY;
  info->estimatedRows = MAX (count_staged_rows (table), 1);
  info->estimatedCost = MAX (count_staged_rows (table), 1);
  info->orderByConsumed = info->nOrderBy == 1 &&
                          !info->aOrderBy[0].desc &&
                          info->aOrderBy[0].iColumn == (table->interactions ? -1 : 0);
  return SQLITE_OK;
}

static int
compare_staged_keys (gconstpointer a,
                     gconstpointer b)
{
  /* strcmp () orders UTF-8 as SQLite's BINARY collation does. */
  return strcmp (((const StagedKey *) a)->stable_key, ((const StagedKey *) b)->stable_key);
}

static GArray *
ensure_staged_key_order (TendStore *self)
{
  guint n_rows = self->n_staged_connections;

  if (self->staged_key_order != NULL)
    return self->staged_key_order;

  self->staged_key_order = g_array_sized_new (FALSE, FALSE, sizeof (StagedKey), n_rows);
  for (guint i = 0; i < n_rows; i++)
    {
      TendConnectionRecord record;
      StagedKey key;

      get_staged_connection (self, i, &record);
      key.stable_key = record.stable_key;
      key.row = i;
      g_array_append_val (self->staged_key_order, key);
    }
  g_array_sort (self->staged_key_order, compare_staged_keys);

  return self->staged_key_order;
}

static GHashTable *
ensure_staged_rows_by_key (TendStore *self)
{
  if (self->staged_rows_by_key != NULL)
    return self->staged_rows_by_key;

  self->staged_rows_by_key = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < self->n_staged_connections; i++)
    {
      TendConnectionRecord record;

      get_staged_connection (self, i, &record);
      g_hash_table_insert (self->staged_rows_by_key, (char *) record.stable_key, GUINT_TO_POINTER (i + 1));
    }

  return self->staged_rows_by_key;
}

static int
staged_open (sqlite3_vtab         *vtab,
             sqlite3_vtab_cursor **out_cursor)
{
  StagedCursor *cursor = sqlite3_malloc (sizeof *cursor);

  if (cursor == NULL)
    return SQLITE_NOMEM;

  memset (cursor, 0, sizeof *cursor);
  *out_cursor = &cursor->base;
  return SQLITE_OK;
}

static int
staged_close (sqlite3_vtab_cursor *cursor)
{
  sqlite3_free (cursor);
  return SQLITE_OK;
}

static int
staged_filter (sqlite3_vtab_cursor  *vcursor,
               int                   index_number,
               const char           *index_text,
               int                   argc,
               sqlite3_value       **argv)
{
  StagedTable *table = (StagedTable *) vcursor->pVtab;
  StagedCursor *cursor = (StagedCursor *) vcursor;
  const char *key;
  guint found;

  cursor->row = 0;
  cursor->end = count_staged_rows (table);
  cursor->record_row = G_MAXUINT;
  cursor->order = index_number == STAGED_SCAN_BY_KEY ? ensure_staged_key_order (table->store) : NULL;

  if (index_number != STAGED_BY_KEY)
    return SQLITE_OK;

  key = (const char *) sqlite3_value_text (argv[0]);
  found = key != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (ensure_staged_rows_by_key (table->store), key)) : 0;
  cursor->row = found > 0 ? found - 1 : cursor->end;
  cursor->end = found > 0 ? found : cursor->end;
  return SQLITE_OK;
}

static int
staged_next (sqlite3_vtab_cursor *cursor)
{
  ((StagedCursor *) cursor)->row++;
  return SQLITE_OK;
}

static int
staged_eof (sqlite3_vtab_cursor *cursor)
{
  return ((StagedCursor *) cursor)->row >= ((StagedCursor *) cursor)->end;
}

static void
result_text_or_null (sqlite3_context *context,
                     const char      *text)
{
  if (text != NULL && text[0] != '\0')
    sqlite3_result_text (context, text, -1, SQLITE_STATIC);
  else
    sqlite3_result_null (context);
}

/* An enum value without a key would reach the table unchecked, as
 * merging skips the CHECK constraints: it fails the statement instead. */
static void
result_key (sqlite3_context *context,
            const char      *key)
{
  if (key != NULL)
    sqlite3_result_text (context, key, -1, SQLITE_STATIC);
  else
    sqlite3_result_error (context, "a staged connection has a state without a key", -1);
}

/* The same values tend_store_import_connection() binds. */
static void
connection_column (const TendConnectionRecord *record,
                   sqlite3_context            *context,
                   int                         column)
{
  switch (column)
    {
    case 0: sqlite3_result_text (context, record->stable_key, -1, SQLITE_STATIC); break;
    case 1: sqlite3_result_text (context, record->name, -1, SQLITE_STATIC); break;
    case 2: result_text_or_null (context, record->handle); break;
    case 3: result_text_or_null (context, record->profile_url); break;
    case 4: result_text_or_null (context, record->avatar_url); break;
    case 5: result_key (context, tend_follow_state_to_key (record->follow_state)); break;
    case 6: sqlite3_result_int64 (context, record->connected_since); break;
    case 7: result_text_or_null (context, record->remote_id); break;
    case 8: result_text_or_null (context, record->bio); break;
    case 9: result_key (context, tend_account_state_to_key (record->account_state)); break;
    case 10: sqlite3_result_int64 (context, MAX (record->last_active_at, 0)); break;
    default: g_assert_not_reached ();
    }
}

static void
interaction_column (const StagedInteraction *interaction,
                    sqlite3_context         *context,
                    int                      column)
{
  switch (column)
    {
    case 0: sqlite3_result_int64 (context, interaction->connection_id); break;
    case 1: sqlite3_result_text (context, tend_direction_to_key (interaction->direction), -1, SQLITE_STATIC); break;
    case 2: sqlite3_result_text (context, tend_interaction_kind_to_key (interaction->kind), -1, SQLITE_STATIC); break;
    case 3: sqlite3_result_int64 (context, interaction->occurred_at); break;
    case 4: result_text_or_null (context, interaction->external_id); break;
    default: g_assert_not_reached ();
    }
}

/* The staged row the cursor is on. */
static guint
staged_row (StagedCursor *cursor)
{
  return cursor->order != NULL ? g_array_index (cursor->order, StagedKey, cursor->row).row : cursor->row;
}

static int
staged_column (sqlite3_vtab_cursor *cursor,
               sqlite3_context     *context,
               int                  column)
{
  StagedTable *table = (StagedTable *) cursor->pVtab;
  StagedCursor *staged = (StagedCursor *) cursor;
  guint row = staged_row (staged);

  if (table->interactions)
    {
      interaction_column (&g_array_index (table->store->staged_interactions, StagedInteraction, row),
                          context, column);
      return SQLITE_OK;
    }

  if (staged->record_row != row)
    {
      get_staged_connection (table->store, row, &staged->record);
      staged->record_row = row;
    }

  connection_column (&staged->record, context, column);
  return SQLITE_OK;
}

static int
staged_rowid (sqlite3_vtab_cursor *cursor,
              sqlite3_int64       *out_rowid)
{
  *out_rowid = staged_row ((StagedCursor *) cursor) + 1;
  return SQLITE_OK;
}

/* Eponymous only (no xCreate): the tables exist in every connection by
 * their module's name and cannot be created or written by SQL. */
static const sqlite3_module staged_module = {
  .iVersion = 1,
  .xConnect = staged_connect,
  .xBestIndex = staged_best_index,
  .xDisconnect = staged_disconnect,
  .xOpen = staged_open,
  .xClose = staged_close,
  .xFilter = staged_filter,
  .xNext = staged_next,
  .xEof = staged_eof,
  .xColumn = staged_column,
  .xRowid = staged_rowid,
};

/* tend_id_list (id): the ids of a group packed by tend_id_list_encode(),
 * an empty list for none. */
typedef struct {
  GArray   *ids;
  gboolean  sorted;
} IdListAggregate;

static void
id_list_step (sqlite3_context  *context,
              int               argc,
              sqlite3_value   **argv)
{
  IdListAggregate *aggregate = sqlite3_aggregate_context (context, sizeof (IdListAggregate));
  gint64 id;

  if (aggregate == NULL)
    {
      sqlite3_result_error_nomem (context);
      return;
    }

  if (aggregate->ids == NULL)
    {
      aggregate->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      aggregate->sorted = TRUE;
    }

  id = sqlite3_value_int64 (argv[0]);
  if (id <= 0)
    {
      sqlite3_result_error (context, "tend_id_list () takes positive ids", -1);
      return;
    }

  if (aggregate->ids->len > 0 && id <= g_array_index (aggregate->ids, gint64, aggregate->ids->len - 1))
    aggregate->sorted = FALSE;
  g_array_append_val (aggregate->ids, id);
}

static void
id_list_final (sqlite3_context *context)
{
  IdListAggregate *aggregate = sqlite3_aggregate_context (context, 0);
  g_autoptr(GArray) ids = aggregate != NULL ? g_steal_pointer (&aggregate->ids) : NULL;
  g_autoptr(GByteArray) packed = NULL;
  guint n_distinct = 0;

  if (ids != NULL && !aggregate->sorted)
    {
      g_array_sort (ids, compare_ids);
      for (guint i = 0; i < ids->len; i++)
        if (n_distinct == 0 || g_array_index (ids, gint64, i) != g_array_index (ids, gint64, n_distinct - 1))
          g_array_index (ids, gint64, n_distinct++) = g_array_index (ids, gint64, i);
      g_array_set_size (ids, n_distinct);
    }

  packed = ids != NULL ? tend_id_list_encode ((const gint64 *) (gpointer) ids->data, ids->len)
                       : g_byte_array_new ();
  sqlite3_result_blob (context, packed->data != NULL ? (const void *) packed->data : "", packed->len,
                       SQLITE_TRANSIENT);
}

static gboolean
register_functions (TendStore  *self,
                    GError    **error)
{
  if (sqlite3_create_function (self->db, "tend_id_list", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                               NULL, NULL, id_list_step, id_list_final) != SQLITE_OK ||
      sqlite3_create_module (self->db, "tend_staged_connections", &staged_module, self) != SQLITE_OK ||
      sqlite3_create_module (self->db, "tend_staged_interactions", &staged_module, self) != SQLITE_OK)
    {
      set_error_from_db (self, error);
      return FALSE;
    }

  return TRUE;
}

/**
 * tend_store_clear_staged:
 *
 * Forgets the staged connections and interactions: call it before
 * staging an import's rows and after merging them.
 */
void
tend_store_clear_staged (TendStore *self)
{
  g_return_if_fail (TEND_IS_STORE (self));

  self->get_staged_connection = NULL;
  self->get_staged_connection_data = NULL;
  self->n_staged_connections = 0;
  g_array_set_size (self->staged_interactions, 0);
  g_clear_pointer (&self->staged_rows_by_key, g_hash_table_unref);
  g_clear_pointer (&self->staged_key_order, g_array_unref);
  self->merged_source_id = 0;
  self->merged_into_empty = FALSE;
}

/**
 * tend_store_stage_connections:
 * @n_records: how many connections to stage
 * @get_record: fills in connection @index, from 0; it is called again
 *   for the same one, and must give the same values and keep their
 *   strings as they are until tend_store_clear_staged()
 *
 * Stages @n_records connections for tend_store_merge_staged_connections(),
 * each stable key once, without copying them: an import reads them where
 * it keeps them, a hundred thousand at a time. A state without a key
 * fails the merge.
 */
void
tend_store_stage_connections (TendStore                *self,
                              guint                     n_records,
                              TendConnectionRecordFunc  get_record,
                              gpointer                  user_data)
{
  g_return_if_fail (TEND_IS_STORE (self));
  g_return_if_fail (get_record != NULL);
  g_return_if_fail (self->n_staged_connections == 0);

  self->get_staged_connection = get_record;
  self->get_staged_connection_data = user_data;
  self->n_staged_connections = n_records;
  g_clear_pointer (&self->staged_rows_by_key, g_hash_table_unref);
  g_clear_pointer (&self->staged_key_order, g_array_unref);
}

/* Counts what merging would do, with the same comparison as
 * tend_store_compare_connection(): returns the number of staged keys
 * already stored, of those marked removed, and of those unchanged. */
static gboolean
classify_staged (TendStore  *self,
                 gint64      source_id,
                 gint64     *out_known,
                 gint64     *out_removed,
                 gint64     *out_same,
                 GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = get_statement (self,
                        "SELECT count (*), coalesce (sum (c.removed_at IS NOT NULL), 0),"
                        "  coalesce (sum (c.removed_at IS NULL"
                        "    AND (s.name = '' OR c.name = s.name)"
                        "    AND (s.handle IS NULL OR c.handle IS s.handle)"
                        "    AND (s.profile_url IS NULL OR c.profile_url IS s.profile_url)"
                        "    AND (s.avatar_url IS NULL OR c.avatar_url IS s.avatar_url)"
                        "    AND c.follow_state = s.follow_state"
                        "    AND (s.connected_since <= 0 OR c.connected_since = s.connected_since)"
                        "    AND (s.remote_id IS NULL OR c.remote_id IS s.remote_id)"
                        "    AND (s.bio IS NULL OR c.bio IS s.bio)"
                        "    AND c.account_state = s.account_state"
                        "    AND (s.last_active_at <= 0 OR c.last_active_at = s.last_active_at)), 0)"
                        " FROM tend_staged_connections AS s"
                        " JOIN connections AS c ON c.source_id = ?1 AND c.stable_key = s.stable_key",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, source_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_known = sqlite3_column_int64 (stmt, 0);
      *out_removed = sqlite3_column_int64 (stmt, 1);
      *out_same = sqlite3_column_int64 (stmt, 2);
      rc = SQLITE_DONE;
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_error_from_db (self, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
merge_staged (TendStore             *self,
              gint64                 source_id,
              TendConnectionCounts  *counts,
              GError               **error)
{
  sqlite3_stmt *stmt;
  gint64 now = now_seconds ();
  gint64 known = 0;
  gint64 removed = 0;
  gint64 same = 0;
  gboolean any_stored;

  stmt = get_statement (self, "SELECT EXISTS (SELECT 1 FROM connections WHERE source_id = ?1)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, source_id);
  if (!step_done (self, stmt, &known, error))
    return FALSE;
  any_stored = known != 0;
  known = 0;

  self->merged_source_id = source_id;
  self->merged_into_empty = !any_stored;

  /* A source imported for the first time has nothing to compare. */
  if (any_stored && !classify_staged (self, source_id, &known, &removed, &same, error))
    return FALSE;

  if (known > 0)
    {
      /* As tend_store_import_connection() refreshes a known key. */
      stmt = get_statement (self,
                            "UPDATE connections SET"
                            "  name = s.name,"
                            "  handle = coalesce (s.handle, connections.handle),"
                            "  profile_url = coalesce (s.profile_url, connections.profile_url),"
                            "  avatar_url = coalesce (s.avatar_url, connections.avatar_url),"
                            "  follow_state = s.follow_state,"
                            "  connected_since = CASE WHEN s.connected_since > 0 THEN s.connected_since"
                            "    ELSE connections.connected_since END,"
                            "  last_seen_at = ?2,"
                            "  removed_at = NULL,"
                            "  remote_id = coalesce (s.remote_id, connections.remote_id),"
                            "  bio = coalesce (s.bio, connections.bio),"
                            "  account_state = s.account_state,"
                            "  last_active_at = CASE WHEN s.last_active_at > 0 THEN s.last_active_at"
                            "    ELSE connections.last_active_at END"
                            " FROM tend_staged_connections AS s"
                            " WHERE connections.source_id = ?1 AND connections.stable_key = s.stable_key",
                            error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, source_id);
      sqlite3_bind_int64 (stmt, 2, now);
      if (!step_done (self, stmt, NULL, error))
        return FALSE;
    }

  counts->n_added = removed;
  counts->n_updated = known - removed - same;
  counts->n_unchanged = same;

  if (known == self->n_staged_connections)
    return TRUE;

  /* New keys in key order: the unique index then grows at its end
   * instead of splitting pages all over, which took 40% of the insert.
   * Their ids follow the keys, not the file. */
  stmt = get_statement (self,
                        "INSERT INTO connections (source_id, first_seen_at, last_seen_at,"
                        "  " STAGED_CONNECTIONS_COLUMNS ")"
                        " SELECT ?1, ?2, ?2, stable_key, name, handle, profile_url, avatar_url,"
                        "  follow_state, max (connected_since, 0), remote_id, bio, account_state,"
                        "  last_active_at"
                        " FROM tend_staged_connections WHERE true ORDER BY stable_key"
                        " ON CONFLICT (source_id, stable_key) DO NOTHING",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, source_id);
  sqlite3_bind_int64 (stmt, 2, now);
  if (!step_done (self, stmt, NULL, error))
    return FALSE;

  counts->n_added += sqlite3_changes (self->db);
  return TRUE;
}

/* Merging skips the CHECK constraints on follow_state, account_state,
 * direction and kind: SQLite builds a lookup table for each "IN (…)"
 * every time it checks a row. Staged rows can only hold valid values:
 * staging refuses a value that has no key in the enums' key tables, and
 * the staged tables give those keys only. */
static gboolean
set_check_constraints (TendStore  *self,
                       gboolean    enabled,
                       GError    **error)
{
  return exec (self,
               enabled ? "PRAGMA ignore_check_constraints = OFF"
                       : "PRAGMA ignore_check_constraints = ON",
               error);
}

/**
 * tend_store_merge_staged_connections:
 * @out_counts: (out): how many staged records added a connection (or
 *   brought back a removed one), updated one or changed nothing
 *
 * Adds or refreshes every staged connection in @source_id, as
 * tend_store_import_connection() does one at a time: fields a record
 * leaves empty keep what was known before. The staged rows stay, for
 * tend_store_remove_unstaged_connections().
 */
gboolean
tend_store_merge_staged_connections (TendStore             *self,
                                     gint64                 source_id,
                                     TendConnectionCounts  *out_counts,
                                     GError               **error)
{
  TendConnectionCounts counts = { 0, };

  g_return_val_if_fail (TEND_IS_STORE (self), FALSE);
  g_return_val_if_fail (out_counts != NULL, FALSE);

  if (!savepoint_begin (self, error))
    return FALSE;

  if (!set_check_constraints (self, FALSE, error) ||
      !merge_staged (self, source_id, &counts, error))
    {
      set_check_constraints (self, TRUE, NULL);
      savepoint_rollback (self);
      return FALSE;
    }

  if (!set_check_constraints (self, TRUE, error) ||
      !savepoint_release (self, error))
    {
      savepoint_rollback (self);
      return FALSE;
    }

  *out_counts = counts;
  return TRUE;
}

/**
 * tend_store_remove_unstaged_connections:
 * @out_n_removed: (out) (optional): how many were marked
 *
 * Marks every present connection of @source_id whose key was not staged
 * as removed at @removed_at, as tend_store_mark_connections_removed()
 * does for a complete export.
 */
gboolean
tend_store_remove_unstaged_connections (TendStore  *self,
                                        gint64      source_id,
                                        gint64      removed_at,
                                        guint      *out_n_removed,
                                        GError    **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TEND_IS_STORE (self), FALSE);

  if (out_n_removed != NULL)
    *out_n_removed = 0;

  /* Merged into a source that had no connections, the staged rows are
   * every connection it has. */
  if (source_id == self->merged_source_id && self->merged_into_empty)
    return TRUE;

  stmt = get_statement (self,
                        "UPDATE connections SET removed_at = ?2"
                        " WHERE source_id = ?1 AND removed_at IS NULL"
                        /* One lookup in the staged rows' hash table each,
                         * not a copy of all their keys to look in. */
                        "  AND NOT EXISTS (SELECT 1 FROM tend_staged_connections AS s"
                        "   WHERE s.stable_key = connections.stable_key)",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, source_id);
  sqlite3_bind_int64 (stmt, 2, removed_at);
  if (!step_done (self, stmt, NULL, error))
    return FALSE;

  if (out_n_removed != NULL)
    *out_n_removed = sqlite3_changes (self->db);

  return TRUE;
}

/**
 * tend_store_stage_interaction:
 * @external_id: (nullable): borrowed, as the strings of staged
 *   connections are, until tend_store_clear_staged()
 *
 * Stages an interaction for tend_store_merge_staged_interactions(), as
 * tend_store_add_interaction() would add it.
 */
void
tend_store_stage_interaction (TendStore            *self,
                              gint64                connection_id,
                              TendDirection         direction,
                              TendInteractionKind   kind,
                              gint64                occurred_at,
                              const char           *external_id)
{
  StagedInteraction interaction = {
    .connection_id = connection_id,
    .direction = direction,
    .kind = kind,
    .occurred_at = occurred_at,
  };

  g_return_if_fail (TEND_IS_STORE (self));
  g_return_if_fail (tend_direction_to_key (direction) != NULL);
  g_return_if_fail (tend_interaction_kind_to_key (kind) != NULL);

  interaction.external_id = external_id;
  g_array_append_val (self->staged_interactions, interaction);
}

/**
 * tend_store_merge_staged_interactions:
 * @out_n_added: (out) (optional): how many were new; one whose external
 *   id is already stored for that connection is not added twice
 */
gboolean
tend_store_merge_staged_interactions (TendStore  *self,
                                      guint      *out_n_added,
                                      GError    **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (TEND_IS_STORE (self), FALSE);

  if (!set_check_constraints (self, FALSE, error))
    return FALSE;

  stmt = get_statement (self,
                        "INSERT INTO interactions (connection_id, direction, kind,"
                        "  occurred_at, external_id)"
                        " SELECT connection_id, direction, kind, occurred_at, external_id"
                        " FROM tend_staged_interactions WHERE true ORDER BY rowid"
                        " ON CONFLICT (connection_id, external_id)"
                        "  WHERE external_id IS NOT NULL DO NOTHING",
                        error);
  ok = stmt != NULL && step_done (self, stmt, NULL, error);

  if (ok && out_n_added != NULL)
    *out_n_added = sqlite3_changes (self->db);

  if (!ok)
    {
      set_check_constraints (self, TRUE, NULL);
      return FALSE;
    }

  return set_check_constraints (self, TRUE, error);
}

void
tend_live_source_free (TendLiveSource *source)
{
  if (source == NULL)
    return;

  g_free (source->account);
  g_free (source->title);
  g_free (source->server);
  g_free (source->remote_id);
  g_free (source);
}

/**
 * tend_store_set_source_live:
 * @server: (nullable): the server's base URL; %NULL when disconnected
 * @remote_id: (nullable): the owner's account id there
 *
 * Marks a source as a connected network account, or as no longer
 * connected (its people and history stay).
 */
gboolean
tend_store_set_source_live (TendStore   *self,
                            gint64       source_id,
                            const char  *server,
                            const char  *remote_id,
                            GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TEND_IS_STORE (self), FALSE);

  stmt = get_statement (self,
                        "UPDATE sources SET server = ?2, remote_id = coalesce (?3, remote_id)"
                        " WHERE id = ?1",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, source_id);
  bind_text_or_null (stmt, 2, server);
  bind_text_or_null (stmt, 3, remote_id);
  return step_done (self, stmt, NULL, error);
}

/**
 * tend_store_set_source_synced:
 *
 * Records a complete sync, which counts as an import for the sidebar.
 */
gboolean
tend_store_set_source_synced (TendStore  *self,
                              gint64      source_id,
                              gint64      synced_at,
                              GError    **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TEND_IS_STORE (self), FALSE);

  stmt = get_statement (self,
                        "UPDATE sources SET last_sync_at = ?2, last_import_at = ?2 WHERE id = ?1",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, source_id);
  sqlite3_bind_int64 (stmt, 2, synced_at);
  return step_done (self, stmt, NULL, error);
}

static TendLiveSource *
live_source_from_row (sqlite3_stmt *stmt)
{
  TendLiveSource *source = g_new0 (TendLiveSource, 1);

  source->id = sqlite3_column_int64 (stmt, 0);
  tend_source_kind_from_key ((const char *) sqlite3_column_text (stmt, 1), &source->kind);
  source->account = dup_column_text (stmt, 2);
  source->title = dup_column_text (stmt, 3);
  source->server = dup_column_text (stmt, 4);
  source->remote_id = dup_column_text (stmt, 5);
  source->last_sync_at = sqlite3_column_int64 (stmt, 6);
  return source;
}

/**
 * tend_store_list_live_sources:
 * @connected_only: leave out accounts that were disconnected
 *
 * Returns: (transfer full) (element-type TendLiveSource): the network
 *   accounts of @kind, oldest first, or %NULL with @error set
 */
GPtrArray *
tend_store_list_live_sources (TendStore       *self,
                              TendSourceKind   kind,
                              gboolean         connected_only,
                              GError         **error)
{
  g_autoptr(GPtrArray) sources = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TEND_IS_STORE (self), NULL);

  stmt = get_statement (self,
                        "SELECT id, kind, account, title, server, remote_id, last_sync_at"
                        " FROM sources WHERE kind = ?1 AND (NOT ?2 OR server IS NOT NULL)"
                        " ORDER BY id",
                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, tend_source_kind_to_key (kind), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, connected_only);

  sources = g_ptr_array_new_with_free_func ((GDestroyNotify) tend_live_source_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (sources, live_source_from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_error_from_db (self, error);
      return NULL;
    }

  return g_steal_pointer (&sources);
}

/**
 * tend_store_find_live_source:
 *
 * Returns: (transfer full) (nullable): the account, or %NULL when there
 *   is none (with @error set only when the store failed)
 */
TendLiveSource *
tend_store_find_live_source (TendStore       *self,
                             TendSourceKind   kind,
                             const char      *account,
                             GError         **error)
{
  TendLiveSource *source = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TEND_IS_STORE (self), NULL);
  g_return_val_if_fail (account != NULL, NULL);

  stmt = get_statement (self,
                        "SELECT id, kind, account, title, server, remote_id, last_sync_at"
                        " FROM sources WHERE kind = ?1 AND account = ?2",
                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, tend_source_kind_to_key (kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, account, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    source = live_source_from_row (stmt);
  else if (rc != SQLITE_DONE)
    set_error_from_db (self, error);
  sqlite3_reset (stmt);

  return source;
}

/**
 * tend_store_get_server_app:
 * @out_client_id: (out) (transfer full)
 * @out_redirect_uri: (out) (transfer full)
 * @out_scopes: (out) (transfer full)
 *
 * Returns: %TRUE when Tend registered itself with @server before;
 *   %FALSE when not, with @error set only when the store failed
 */
gboolean
tend_store_get_server_app (TendStore   *self,
                           const char  *server,
                           char       **out_client_id,
                           char       **out_redirect_uri,
                           char       **out_scopes,
                           GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;
  int rc;

  g_return_val_if_fail (TEND_IS_STORE (self), FALSE);
  g_return_val_if_fail (server != NULL, FALSE);

  stmt = get_statement (self,
                        "SELECT client_id, redirect_uri, scopes FROM server_apps WHERE server = ?1",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, server, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_client_id = dup_column_text (stmt, 0);
      *out_redirect_uri = dup_column_text (stmt, 1);
      *out_scopes = dup_column_text (stmt, 2);
      found = TRUE;
    }
  else if (rc != SQLITE_DONE)
    {
      set_error_from_db (self, error);
    }
  sqlite3_reset (stmt);

  return found;
}

gboolean
tend_store_save_server_app (TendStore   *self,
                            const char  *server,
                            const char  *client_id,
                            const char  *redirect_uri,
                            const char  *scopes,
                            GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TEND_IS_STORE (self), FALSE);
  g_return_val_if_fail (server != NULL && client_id != NULL, FALSE);
  g_return_val_if_fail (redirect_uri != NULL && scopes != NULL, FALSE);

  stmt = get_statement (self,
                        "INSERT INTO server_apps (server, client_id, redirect_uri, scopes, registered_at)"
                        " VALUES (?1, ?2, ?3, ?4, ?5)"
                        " ON CONFLICT (server) DO UPDATE SET client_id = excluded.client_id,"
                        "  redirect_uri = excluded.redirect_uri, scopes = excluded.scopes,"
                        "  registered_at = excluded.registered_at",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, server, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, client_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, redirect_uri, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, scopes, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, now_seconds ());
  return step_done (self, stmt, NULL, error);
}

/**
 * tend_store_forget_server_app:
 *
 * Drops a registration the server no longer knows, so the next connect
 * registers again.
 */
gboolean
tend_store_forget_server_app (TendStore   *self,
                              const char  *server,
                              GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TEND_IS_STORE (self), FALSE);
  g_return_val_if_fail (server != NULL, FALSE);

  stmt = get_statement (self, "DELETE FROM server_apps WHERE server = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, server, -1, SQLITE_TRANSIENT);
  return step_done (self, stmt, NULL, error);
}

/**
 * tend_store_dup_connection_remote_id:
 * @out_source_id: (out) (optional): the connection's source
 *
 * Returns: (transfer full) (nullable): the network's id for the person,
 *   or %NULL with @error set (not found, or never synced from a network)
 */
char *
tend_store_dup_connection_remote_id (TendStore  *self,
                                     gint64      connection_id,
                                     gint64     *out_source_id,
                                     GError    **error)
{
  sqlite3_stmt *stmt;
  char *remote_id = NULL;
  int rc;

  g_return_val_if_fail (TEND_IS_STORE (self), NULL);

  if (!check_connection_exists (self, connection_id, error))
    return NULL;

  stmt = get_statement (self, "SELECT remote_id, source_id FROM connections WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, connection_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      remote_id = dup_column_text (stmt, 0);
      if (out_source_id != NULL)
        *out_source_id = sqlite3_column_int64 (stmt, 1);
    }
  else
    {
      set_error_from_db (self, error);
    }
  sqlite3_reset (stmt);

  if (rc == SQLITE_ROW && remote_id == NULL)
    g_set_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_NOT_FOUND,
                 _("Tend does not know this person’s account on the network yet. "
                   "Sync the account, then try again."));

  return remote_id;
}

/**
 * tend_store_get_follow_states:
 *
 * Returns: (transfer full) (element-type utf8 TendFollowState): each
 *   present connection's stable key → its follow state + 1, or %NULL
 *   with @error set
 */
GHashTable *
tend_store_get_follow_states (TendStore  *self,
                              gint64      source_id,
                              GError    **error)
{
  g_autoptr(GHashTable) states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TEND_IS_STORE (self), NULL);

  stmt = get_statement (self,
                        "SELECT stable_key, follow_state FROM connections"
                        " WHERE source_id = ?1 AND removed_at IS NULL",
                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, source_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TendFollowState state;

      if (tend_follow_state_from_key ((const char *) sqlite3_column_text (stmt, 1), &state))
        g_hash_table_insert (states, dup_column_text (stmt, 0), GINT_TO_POINTER (state + 1));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_error_from_db (self, error);
      return NULL;
    }

  return g_steal_pointer (&states);
}

/**
 * tend_store_list_external_ids:
 *
 * Returns: (transfer full) (element-type utf8 utf8): the set of the
 *   network's ids of the interactions stored for @source_id, for a sync
 *   to stop reading where the previous one got to; %NULL with @error
 */
GHashTable *
tend_store_list_external_ids (TendStore  *self,
                              gint64      source_id,
                              GError    **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TEND_IS_STORE (self), NULL);

  stmt = get_statement (self,
                        "SELECT i.external_id FROM interactions i"
                        " JOIN connections c ON c.id = i.connection_id"
                        " WHERE c.source_id = ?1 AND i.external_id IS NOT NULL",
                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, source_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (ids, dup_column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_error_from_db (self, error);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

void
tend_person_clear (TendPerson *person)
{
  g_clear_pointer (&person->source_title, g_free);
  g_clear_pointer (&person->name, g_free);
  g_clear_pointer (&person->handle, g_free);
  g_clear_pointer (&person->profile_url, g_free);
  g_clear_pointer (&person->note, g_free);
}

void
tend_action_item_free (TendActionItem *item)
{
  if (item == NULL)
    return;

  tend_person_clear (&item->person);
  g_free (item->error);
  g_free (item);
}

/* The person columns every query below selects from @first on:
 * c.id, c.source_id, s.kind, s.title, c.name, c.handle, c.profile_url,
 * c.follow_state, c.removed_at IS NULL, the decision and its note. */
#define PERSON_COLUMNS \
  "c.id, c.source_id, s.kind, s.title, c.name, c.handle, c.profile_url," \
  " c.follow_state, c.removed_at IS NULL, coalesce (d.decision, 'undecided'), d.note"
#define PERSON_JOINS \
  " JOIN sources s ON s.id = c.source_id" \
  " LEFT JOIN decisions d ON d.connection_id = c.id"

static void
person_from_row (sqlite3_stmt *stmt,
                 int           first,
                 TendPerson   *person)
{
  person->connection_id = sqlite3_column_int64 (stmt, first);
  person->source_id = sqlite3_column_int64 (stmt, first + 1);
  person->source_kind = TEND_SOURCE_KIND_VCARD;
  tend_source_kind_from_key ((const char *) sqlite3_column_text (stmt, first + 2), &person->source_kind);
  person->source_title = dup_column_text (stmt, first + 3);
  person->name = dup_column_text (stmt, first + 4);
  person->handle = dup_column_text (stmt, first + 5);
  person->profile_url = dup_column_text (stmt, first + 6);
  person->follow_state = TEND_FOLLOW_STATE_CONTACT;
  tend_follow_state_from_key ((const char *) sqlite3_column_text (stmt, first + 7), &person->follow_state);
  person->present = sqlite3_column_int (stmt, first + 8) != 0;
  person->decision = TEND_DECISION_UNDECIDED;
  tend_decision_from_key ((const char *) sqlite3_column_text (stmt, first + 9), &person->decision);
  person->note = dup_column_text (stmt, first + 10);
}

/**
 * tend_store_queue_action:
 * @out_queued: (out) (optional): whether this call queued it, rather than
 *   finding it queued already
 *
 * Queues @kind for @connection_id, at most once: an action of that kind
 * waiting or running is kept as it is, a failed or cancelled one is
 * queued again, and a checklist item once ticked stays done. A network
 * action that was done is not found here: it changed the follow state,
 * so the engine plans it only if it is needed again (after a restore).
 *
 * Returns: the action's id, or 0 with @error set
 */
gint64
tend_store_queue_action (TendStore       *self,
                         gint64           connection_id,
                         TendActionKind   kind,
                         gboolean        *out_queued,
                         GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  g_autofree char *state = NULL;
  gboolean queued = FALSE;
  int rc;

  g_return_val_if_fail (TEND_IS_STORE (self), 0);

  if (!check_connection_exists (self, connection_id, error))
    return 0;

  stmt = get_statement (self,
                        "SELECT id, state FROM actions"
                        " WHERE connection_id = ?1 AND kind = ?2"
                        "  AND (state != 'done' OR kind = 'checklist')"
                        " ORDER BY id DESC LIMIT 1",
                        error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, connection_id);
  sqlite3_bind_text (stmt, 2, tend_action_kind_to_key (kind), -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      state = dup_column_text (stmt, 1);
      rc = SQLITE_DONE;
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_error_from_db (self, error);
      return 0;
    }

  if (id == 0)
    {
      stmt = get_statement (self,
                            "INSERT INTO actions (connection_id, kind, state, created_at)"
                            " VALUES (?1, ?2, 'pending', ?3) RETURNING id",
                            error);
      if (stmt == NULL)
        return 0;

      sqlite3_bind_int64 (stmt, 1, connection_id);
      sqlite3_bind_text (stmt, 2, tend_action_kind_to_key (kind), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, now_seconds ());
      if (!step_done (self, stmt, &id, error))
        return 0;
      queued = TRUE;
    }
  else if (g_str_equal (state, "failed") || g_str_equal (state, "cancelled"))
    {
      if (!tend_store_set_action_state (self, id, TEND_ACTION_STATE_PENDING, NULL, error))
        return 0;
      queued = TRUE;
    }

  if (out_queued != NULL)
    *out_queued = queued;

  return id;
}

/**
 * tend_store_set_action_state:
 * @failure: (nullable): why it failed, kept with a failed action
 *
 * Moves an action along; an ended one (done, failed, cancelled) gets its
 * time, a waiting or running one loses it. The journal is not written
 * here: the action executor journals the network call itself.
 */
gboolean
tend_store_set_action_state (TendStore        *self,
                             gint64            action_id,
                             TendActionState   state,
                             const char       *failure,
                             GError          **error)
{
  sqlite3_stmt *stmt;
  gboolean ended = state == TEND_ACTION_STATE_DONE ||
                   state == TEND_ACTION_STATE_FAILED ||
                   state == TEND_ACTION_STATE_CANCELLED;

  g_return_val_if_fail (TEND_IS_STORE (self), FALSE);

  stmt = get_statement (self,
                        "UPDATE actions SET state = ?2, finished_at = ?3, error = ?4"
                        " WHERE id = ?1",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, action_id);
  sqlite3_bind_text (stmt, 2, tend_action_state_to_key (state), -1, SQLITE_STATIC);
  if (ended)
    sqlite3_bind_int64 (stmt, 3, now_seconds ());
  else
    sqlite3_bind_null (stmt, 3);
  bind_text_or_null (stmt, 4, state == TEND_ACTION_STATE_FAILED ? failure : NULL);

  return step_done (self, stmt, NULL, error);
}

/**
 * tend_store_set_checklist_done:
 * @done: %TRUE when the owner did it on the network's website, %FALSE
 *   to take the tick back
 *
 * Ticks or unticks a checklist item, journaled as "checklist-done" or
 * "checklist-undone", in one step. Ticking twice changes nothing.
 */
gboolean
tend_store_set_checklist_done (TendStore  *self,
                               gint64      action_id,
                               gboolean    done,
                               GError    **error)
{
  g_autoptr(TendActionItem) item = NULL;
  TendActionState state = done ? TEND_ACTION_STATE_DONE : TEND_ACTION_STATE_PENDING;

  g_return_val_if_fail (TEND_IS_STORE (self), FALSE);

  item = tend_store_get_action (self, action_id, error);
  if (item == NULL)
    return FALSE;

  if (item->kind != TEND_ACTION_CHECKLIST)
    {
      g_set_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_INVALID,
                   _("Only a checklist item can be ticked by hand. Reload the list and try again."));
      return FALSE;
    }

  if (item->state == state)
    return TRUE;

  if (!savepoint_begin (self, error))
    return FALSE;

  if (!tend_store_set_action_state (self, action_id, state, NULL, error) ||
      !append_journal (self, done ? "checklist-done" : "checklist-undone",
                       item->person.connection_id,
                       tend_action_state_to_key (item->state),
                       tend_action_state_to_key (state), error))
    {
      savepoint_rollback (self);
      return FALSE;
    }

  return savepoint_release (self, error);
}

#define ACTION_QUERY \
  "SELECT a.id, a.kind, a.state, a.created_at," \
  "  coalesce (a.finished_at, 0), a.error, " PERSON_COLUMNS \
  " FROM actions a" \
  " JOIN connections c ON c.id = a.connection_id" \
  PERSON_JOINS

static GPtrArray *
read_actions (TendStore     *self,
              sqlite3_stmt  *stmt,
              GError       **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) tend_action_item_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TendActionItem *item = g_new0 (TendActionItem, 1);

      item->id = sqlite3_column_int64 (stmt, 0);
      tend_action_kind_from_key ((const char *) sqlite3_column_text (stmt, 1), &item->kind);
      tend_action_state_from_key ((const char *) sqlite3_column_text (stmt, 2), &item->state);
      item->created_at = sqlite3_column_int64 (stmt, 3);
      item->finished_at = sqlite3_column_int64 (stmt, 4);
      item->error = dup_column_text (stmt, 5);
      person_from_row (stmt, 6, &item->person);
      g_ptr_array_add (items, item);
    }

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_error_from_db (self, error);
      return NULL;
    }

  return g_steal_pointer (&items);
}

static GPtrArray *
select_actions (TendStore  *self,
                gint64      action_id,
                GError    **error)
{
  sqlite3_stmt *stmt;

  stmt = get_statement (self,
                        ACTION_QUERY
                        " WHERE ?1 = 0 OR a.id = ?1"
                        " ORDER BY a.id",
                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, action_id);
  return read_actions (self, stmt, error);
}

/**
 * tend_store_dup_next_action:
 * @out_item: (out) (transfer full) (nullable): the oldest waiting network
 *   action of @source_id, or %NULL when none waits
 *
 * Gives the apply engine one action at a time, so that what is queued
 * while it runs (a restore from History) is picked up too.
 */
gboolean
tend_store_dup_next_action (TendStore       *self,
                            gint64           source_id,
                            TendActionItem **out_item,
                            GError         **error)
{
  g_autoptr(GPtrArray) items = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TEND_IS_STORE (self), FALSE);
  g_return_val_if_fail (out_item != NULL, FALSE);

  stmt = get_statement (self,
                        ACTION_QUERY
                        " WHERE a.state = 'pending' AND a.kind != 'checklist'"
                        "  AND c.source_id = ?1"
                        " ORDER BY a.id LIMIT 1",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, source_id);
  items = read_actions (self, stmt, error);
  if (items == NULL)
    return FALSE;

  *out_item = items->len > 0 ? g_ptr_array_steal_index (items, 0) : NULL;
  return TRUE;
}

/**
 * tend_store_list_actions:
 *
 * Returns: (transfer full) (element-type TendActionItem): every queued
 *   action, oldest first, with the person it concerns
 */
GPtrArray *
tend_store_list_actions (TendStore  *self,
                         GError    **error)
{
  g_return_val_if_fail (TEND_IS_STORE (self), NULL);

  return select_actions (self, 0, error);
}

/**
 * tend_store_get_action:
 *
 * Returns: (transfer full): the action, or %NULL with @error set
 */
TendActionItem *
tend_store_get_action (TendStore  *self,
                       gint64      action_id,
                       GError    **error)
{
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (TEND_IS_STORE (self), NULL);
  g_return_val_if_fail (action_id > 0, NULL);

  items = select_actions (self, action_id, error);
  if (items == NULL)
    return NULL;

  if (items->len == 0)
    {
      g_set_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_NOT_FOUND,
                   _("That change is no longer in this profile. Reload the list and try again."));
      return NULL;
    }

  return g_ptr_array_steal_index (items, 0);
}

/**
 * tend_store_get_follow_state:
 * @out_present: (out): %FALSE when nothing remains of the relation
 *
 * Reads what the store knows of the owner's relation to a person now.
 */
gboolean
tend_store_get_follow_state (TendStore        *self,
                             gint64            connection_id,
                             TendFollowState  *out_state,
                             gboolean         *out_present,
                             GError          **error)
{
  g_return_val_if_fail (TEND_IS_STORE (self), FALSE);
  g_return_val_if_fail (out_state != NULL && out_present != NULL, FALSE);

  return read_follow_state (self, connection_id, out_state, out_present, error);
}

static void
person_free (TendPerson *person)
{
  tend_person_clear (person);
  g_free (person);
}

/**
 * tend_store_index_people:
 *
 * Names every connection the journal may mention, removed ones too.
 *
 * Returns: (transfer full) (element-type gint64 TendPerson): connection
 *   id → person, or %NULL with @error set
 */
GHashTable *
tend_store_index_people (TendStore  *self,
                         GError    **error)
{
  g_autoptr(GHashTable) people = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TEND_IS_STORE (self), NULL);

  stmt = get_statement (self,
                        "SELECT " PERSON_COLUMNS
                        " FROM connections c" PERSON_JOINS,
                        error);
  if (stmt == NULL)
    return NULL;

  /* The key is the person's own connection_id field. */
  people = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) person_free);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TendPerson *person = g_new0 (TendPerson, 1);

      person_from_row (stmt, 0, person);
      g_hash_table_replace (people, &person->connection_id, person);
    }

  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_error_from_db (self, error);
      return NULL;
    }

  return g_steal_pointer (&people);
}

/**
 * tend_store_cancel_pending_actions:
 * @out_n_cancelled: (out) (optional): how many were waiting
 *
 * Drops what waits to be applied for @connection_id, when the owner
 * takes the decision back before it was applied.
 */
gboolean
tend_store_cancel_pending_actions (TendStore  *self,
                                   gint64      connection_id,
                                   guint      *out_n_cancelled,
                                   GError    **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TEND_IS_STORE (self), FALSE);

  stmt = get_statement (self,
                        "UPDATE actions SET state = 'cancelled', finished_at = ?2"
                        " WHERE connection_id = ?1 AND state = 'pending'",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, connection_id);
  sqlite3_bind_int64 (stmt, 2, now_seconds ());
  if (!step_done (self, stmt, NULL, error))
    return FALSE;

  if (out_n_cancelled != NULL)
    *out_n_cancelled = sqlite3_changes (self->db);

  return TRUE;
}

/**
 * tend_store_set_follow_record:
 * @remote_id: the person's id on the network (a Bluesky DID)
 * @follow_record: (nullable): the address of the owner's record that
 *   follows them, %NULL when the owner does not follow them
 *
 * Keeps what a network needs to undo a follow.
 */
gboolean
tend_store_set_follow_record (TendStore   *self,
                              gint64       source_id,
                              const char  *remote_id,
                              const char  *follow_record,
                              GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TEND_IS_STORE (self), FALSE);
  g_return_val_if_fail (remote_id != NULL, FALSE);

  stmt = get_statement (self, "UPDATE connections SET follow_record = ?3 "
                              "WHERE source_id = ?1 AND remote_id = ?2", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, source_id);
  sqlite3_bind_text (stmt, 2, remote_id, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 3, follow_record);
  return step_done (self, stmt, NULL, error);
}

/**
 * tend_store_dup_follow_record:
 *
 * Returns: (transfer full) (nullable): the connection's follow record,
 *   or %NULL: with @error set when the store failed, without when none
 *   is known
 */
char *
tend_store_dup_follow_record (TendStore  *self,
                              gint64      connection_id,
                              GError    **error)
{
  sqlite3_stmt *stmt;
  char *record = NULL;
  int rc;

  g_return_val_if_fail (TEND_IS_STORE (self), NULL);

  stmt = get_statement (self, "SELECT follow_record FROM connections WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, connection_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    record = dup_column_text (stmt, 0);
  else if (rc != SQLITE_DONE)
    set_error_from_db (self, error);
  sqlite3_reset (stmt);

  return record;
}
