/* tend-import.c: read files, folders and .zip exports into the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An import takes what the owner chose: files, folders (walked, without
 * following links) and .zip archives (read entry by entry with
 * libarchive, never unpacked to disk). Each entry is shown to every
 * importer; the most confident one parses it into the sink. Entries no
 * importer recognises are passed over, unless the owner named that very
 * file. Sizes in archives are never believed: every entry is counted as
 * it is read, refused past a size or a compression ratio, and the number
 * of entries is capped.
 *
 * Only when every entry has been read does anything touch the store,
 * and then inside one transaction: people folded into follow states and
 * upserted, interactions added, people missing from a complete export
 * marked removed, a snapshot taken and compared with the previous one.
 * Any error or cancellation rolls everything back, so the store is
 * exactly as it was, and the error names the file, the line and why.
 */
#define G_LOG_DOMAIN "tend-import"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tend-entry-stream.h"
#include "tend-facebook-friends-importer.h"
#include "tend-facebook-messages-importer.h"
#include "tend-google-contacts-importer.h"
#include "tend-import-util.h"
#include "tend-import.h"
#include "tend-instagram-importer.h"
#include "tend-linkedin-connections-importer.h"
#include "tend-linkedin-messages-importer.h"
#include "tend-mastodon-csv-importer.h"
#include "tend-vcard-importer.h"
#include "tend-x-archive-importer.h"

/* Exports carry no owner account Tend could rely on in every format, so
 * each kind of export is one source: a newer export of the same network
 * updates it. */
#define EXPORT_ACCOUNT "export"

#define ARCHIVE_BLOCK_SIZE (64 * 1024)
#define BUFFER_SIZE (64 * 1024)
#define PROGRESS_INTERVAL_USEC (G_USEC_PER_SEC / 10)
/* Within an entry, progress is told each time reading advances by this
 * share of the whole: a bar moves smoothly through one large file, and
 * the main loop gets at most so many calls whatever the size. */
#define PROGRESS_STEPS 200
#define CANCEL_CHECK_ROWS 512

struct _TendImport
{
  GObject parent_instance;

  /* owned */
  GPtrArray              *importers;
  gpointer                progress_data;
  GDestroyNotify          progress_destroy;

  TendImportProgressFunc  progress_func;
  guint64                 max_entry_bytes;
  guint                   max_ratio;
  guint                   max_entries;
};

G_DEFINE_FINAL_TYPE (TendImport, tend_import, G_TYPE_OBJECT)

typedef struct {
  char     *path;
  char     *display;
  gboolean  chosen;       /* named by the owner, not found in a folder */
  guint64   size;
} InputFile;

typedef struct {
  /* borrowed */
  TendImport      *self;
  GCancellable    *cancellable;
  GMainContext    *progress_context;  /* NULL to call the progress func directly */
  struct archive  *current_archive;
  TendEntryStream *current_file;
  const char      *current_display;

  /* owned */
  TendImportSink  *sink;

  guint    n_entries;
  guint    n_recognised;
  guint64  bytes_total;
  guint64  bytes_done;
  guint64  bytes_unpacked;
  guint64  bytes_reported;
  gint64   last_progress;
} Run;

static void
input_file_free (gpointer data)
{
  InputFile *file = data;

  g_free (file->path);
  g_free (file->display);
  g_free (file);
}

static void
tend_import_finalize (GObject *object)
{
  TendImport *self = (TendImport *)object;

  g_clear_pointer (&self->importers, g_ptr_array_unref);
  if (self->progress_destroy != NULL)
    self->progress_destroy (self->progress_data);

  G_OBJECT_CLASS (tend_import_parent_class)->finalize (object);
}

static void
tend_import_class_init (TendImportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tend_import_finalize;
}

static void
tend_import_init (TendImport *self)
{
  self->importers = g_ptr_array_new_with_free_func (g_object_unref);
  self->max_entry_bytes = TEND_IMPORT_MAX_ENTRY_BYTES;
  self->max_ratio = TEND_IMPORT_MAX_RATIO;
  self->max_entries = TEND_IMPORT_MAX_ENTRIES;

  g_ptr_array_add (self->importers, tend_linkedin_connections_importer_new ());
  g_ptr_array_add (self->importers, tend_linkedin_messages_importer_new ());
  g_ptr_array_add (self->importers, tend_mastodon_csv_importer_new ());
  g_ptr_array_add (self->importers, tend_google_contacts_importer_new ());
  g_ptr_array_add (self->importers, tend_vcard_importer_new ());
  g_ptr_array_add (self->importers, tend_facebook_friends_importer_new ());
  g_ptr_array_add (self->importers, tend_facebook_messages_importer_new ());
  g_ptr_array_add (self->importers, tend_instagram_importer_new ());
  g_ptr_array_add (self->importers, tend_x_archive_importer_new ());
}

/**
 * tend_import_new:
 *
 * Returns: (transfer full): a runner that knows every built-in format
 */
TendImport *
tend_import_new (void)
{
  return g_object_new (TEND_TYPE_IMPORT, NULL);
}

/**
 * tend_import_add_importer:
 *
 * Adds a format. When two importers are equally confident about an
 * entry, the one added first wins. Not while an import runs.
 */
void
tend_import_add_importer (TendImport   *self,
                          TendImporter *importer)
{
  g_return_if_fail (TEND_IS_IMPORT (self));
  g_return_if_fail (TEND_IS_IMPORTER (importer));

  g_ptr_array_add (self->importers, g_object_ref (importer));
}

/**
 * tend_import_set_limits:
 * @max_entry_bytes: refuse a file or entry larger than this, unpacked
 * @max_ratio: refuse an archive entry that unpacks to this many times
 *   its packed size, or 0 for no limit
 * @max_entries: refuse an import of more files and entries than this
 */
void
tend_import_set_limits (TendImport *self,
                        guint64     max_entry_bytes,
                        guint       max_ratio,
                        guint       max_entries)
{
  g_return_if_fail (TEND_IS_IMPORT (self));

  self->max_entry_bytes = max_entry_bytes;
  self->max_ratio = max_ratio;
  self->max_entries = max_entries;
}

void
tend_import_set_progress_func (TendImport             *self,
                               TendImportProgressFunc  func,
                               gpointer                user_data,
                               GDestroyNotify          destroy)
{
  g_return_if_fail (TEND_IS_IMPORT (self));

  if (self->progress_destroy != NULL)
    self->progress_destroy (self->progress_data);

  self->progress_func = func;
  self->progress_data = user_data;
  self->progress_destroy = destroy;
}

typedef struct {
  TendImport *self;
  guint       entries_done;
  guint64     bytes_done;
  guint64     bytes_total;
  char       *current;
} Progress;

static void
progress_free (gpointer data)
{
  Progress *progress = data;

  g_object_unref (progress->self);
  g_free (progress->current);
  g_free (progress);
}

static gboolean
emit_progress (gpointer data)
{
  Progress *progress = data;

  if (progress->self->progress_func != NULL)
    progress->self->progress_func (progress->entries_done, progress->bytes_done,
                                   progress->bytes_total, progress->current,
                                   progress->self->progress_data);

  return G_SOURCE_REMOVE;
}

/* The bytes of the chosen files read so far: those of the files done,
 * and of the current one as far as read (packed, in an archive). */
static guint64
bytes_read_so_far (Run *run)
{
  guint64 bytes = run->bytes_done;

  if (run->current_archive != NULL)
    bytes += MAX (archive_filter_bytes (run->current_archive, -1), 0);
  else if (run->current_file != NULL)
    bytes += tend_entry_stream_get_bytes_read (run->current_file);

  /* A file that grew while read must not push the bar back later. */
  return CLAMP (bytes, run->bytes_reported, run->bytes_total);
}

static void
send_progress (Run        *run,
               const char *current,
               guint64     bytes)
{
  Progress *progress;

  run->last_progress = g_get_monotonic_time ();
  run->bytes_reported = bytes;

  progress = g_new0 (Progress, 1);
  progress->self = g_object_ref (run->self);
  progress->entries_done = run->n_entries;
  progress->bytes_done = bytes;
  progress->bytes_total = run->bytes_total;
  progress->current = g_strdup (current);

  if (run->progress_context != NULL)
    {
      /* Always through a source: g_main_context_invoke() would call the
       * function in this worker thread whenever it could acquire the
       * context, as it can between two iterations of the owner's loop. */
      g_autoptr(GSource) source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, emit_progress, progress, progress_free);
      g_source_set_static_name (source, "[tend] import progress");
      g_source_attach (source, run->progress_context);
    }
  else
    {
      emit_progress (progress);
      progress_free (progress);
    }
}

static void
report_progress (Run        *run,
                 const char *current,
                 gboolean    force)
{
  if (run->self->progress_func == NULL)
    return;

  if (!force && g_get_monotonic_time () - run->last_progress < PROGRESS_INTERVAL_USEC)
    return;

  send_progress (run, current, bytes_read_so_far (run));
}

/* After each read of the current entry: tells how far reading got once
 * it advanced by a step, so that one large file moves the bar too. */
static void
on_entry_read (TendEntryStream *stream,
               guint64          bytes_read,
               gpointer         user_data)
{
  Run *run = user_data;
  guint64 step = MAX (run->bytes_total / PROGRESS_STEPS, 1);
  guint64 bytes;

  if (run->self->progress_func == NULL)
    return;

  bytes = bytes_read_so_far (run);
  if (bytes - run->bytes_reported >= step)
    send_progress (run, run->current_display, bytes);
}

/* Wraps an error from reading one entry so that it names the entry,
 * keeps its domain and code, and says that nothing was changed. */
static void
propagate_entry_error (GError     **error,
                       const char  *display,
                       GError      *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, cause);
      return;
    }

  g_set_error (error, cause->domain, cause->code,
               _("Could not import “%s”: %s. Nothing was imported; the profile is as it was."),
               display, cause->message);
  g_error_free (cause);
}

static gboolean
count_entry (Run         *run,
             const char  *display,
             GError     **error)
{
  if (++run->n_entries <= run->self->max_entries)
    return TRUE;

  g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_TOO_LARGE,
               _("“%s” holds more than %u files, which no export does. Nothing was "
                 "imported; choose the export itself, or a smaller folder."),
               display, run->self->max_entries);
  return FALSE;
}

static gboolean
has_zip_magic (const guint8 *head,
               gsize         head_len)
{
  return head_len >= 4 && memcmp (head, "PK\003\004", 4) == 0;
}

static TendImporter *
choose_importer (Run          *run,
                 const char   *name,
                 const guint8 *head,
                 gsize         head_len)
{
  TendImporter *best = NULL;
  guint best_confidence = TEND_IMPORTER_CONFIDENCE_NONE;

  for (guint i = 0; i < run->self->importers->len; i++)
    {
      TendImporter *importer = g_ptr_array_index (run->self->importers, i);
      guint confidence = tend_importer_detect (importer, name, head, head_len);

      if (confidence > best_confidence)
        {
          best = importer;
          best_confidence = confidence;
        }
    }

  return best;
}

/* Reads one entry, already limited and buffered. */
static gboolean
import_entry (Run                   *run,
              GBufferedInputStream  *buffered,
              const char            *name,
              const char            *display,
              gboolean               chosen,
              GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  TendImporter *importer;
  const guint8 *head;
  gsize head_len;

  report_progress (run, display, FALSE);

  if (!tend_import_fill_head (buffered, &head, &head_len, run->cancellable, &local_error))
    {
      propagate_entry_error (error, display, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (has_zip_magic (head, head_len))
    {
      /* Archives inside archives are not opened: exports have none, and
       * each level would multiply what a hostile file can unpack. */
      g_debug ("Not opening the archive %s inside an archive", display);
      return TRUE;
    }

  importer = choose_importer (run, name, head, head_len);
  if (importer == NULL)
    {
      if (!chosen)
        {
          g_debug ("No importer recognises %s", display);
          return TRUE;
        }

      g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_UNKNOWN_FORMAT,
                   _("“%s” is not an export Tend can read. Choose the .zip file or folder "
                     "the network gave you, or a file such as Connections.csv, "
                     "following_accounts.csv, a Google Contacts CSV or a vCard. "
                     "Nothing was imported."),
                   display);
      return FALSE;
    }

  g_debug ("Reading %s with %s", display, G_OBJECT_TYPE_NAME (importer));

  tend_import_sink_begin_entry (run->sink, tend_importer_get_source_kind (importer), display);
  if (!tend_importer_parse (importer, G_INPUT_STREAM (buffered), run->sink, run->cancellable, &local_error))
    {
      tend_import_sink_end_entry (run->sink);
      propagate_entry_error (error, display, g_steal_pointer (&local_error));
      return FALSE;
    }
  tend_import_sink_end_entry (run->sink);
  run->n_recognised++;

  return TRUE;
}

static gboolean
import_archive (Run        *run,
                InputFile  *file,
                GError    **error)
{
  struct archive *archive = archive_read_new ();
  struct archive_entry *entry;
  gboolean ok = FALSE;
  int rc;

  /* The streaming reader goes entry by entry through the local headers,
   * never seeking to the central directory and its declared sizes. */
  archive_read_support_format_zip_streamable (archive);

  if (archive_read_open_filename (archive, file->path, ARCHIVE_BLOCK_SIZE) != ARCHIVE_OK)
    {
      g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID,
                   _("“%s” cannot be opened as a .zip archive (%s). Download the export "
                     "again. Nothing was imported."),
                   file->display, archive_error_string (archive));
      goto out;
    }

  run->current_archive = archive;

  while ((rc = archive_read_next_header (archive, &entry)) == ARCHIVE_OK || rc == ARCHIVE_WARN)
    {
      g_autoptr(GInputStream) stream = NULL;
      g_autoptr(GInputStream) buffered = NULL;
      g_autofree char *display = NULL;
      g_autofree char *base = NULL;
      const char *name;

      if (g_cancellable_set_error_if_cancelled (run->cancellable, error))
        goto out;

      if (!count_entry (run, file->display, error))
        goto out;

      if (archive_entry_filetype (entry) != AE_IFREG)
        continue;

      name = archive_entry_pathname_utf8 (entry);
      if (name == NULL)
        name = archive_entry_pathname (entry);
      if (name == NULL)
        continue;

      /* Finder's resource forks are not part of any export. */
      base = g_path_get_basename (name);
      if (g_str_has_prefix (name, "__MACOSX/") || g_str_has_prefix (base, "._"))
        continue;

      display = g_strdup_printf ("%s/%s", file->display, name);
      stream = tend_entry_stream_new_for_archive (archive, run->self->max_entry_bytes,
                                                  run->self->max_ratio);
      tend_entry_stream_set_read_func (TEND_ENTRY_STREAM (stream), on_entry_read, run);
      buffered = g_buffered_input_stream_new_sized (stream, BUFFER_SIZE);

      run->current_display = display;
      if (!import_entry (run, G_BUFFERED_INPUT_STREAM (buffered), name, display, FALSE, error))
        goto out;
      run->current_display = NULL;

      run->bytes_unpacked += tend_entry_stream_get_bytes_read (TEND_ENTRY_STREAM (stream));
    }

  if (rc != ARCHIVE_EOF)
    {
      g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID,
                   _("“%s” is damaged and cannot be unpacked (%s). Download the export "
                     "again. Nothing was imported."),
                   file->display, archive_error_string (archive));
      goto out;
    }

  ok = TRUE;

out:
  run->current_archive = NULL;
  run->current_display = NULL;
  archive_read_free (archive);
  return ok;
}

static gboolean
read_file (Run        *run,
             InputFile  *file,
             GError    **error)
{
  g_autoptr(GFile) gfile = g_file_new_for_path (file->path);
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GInputStream) buffered = NULL;
  g_autoptr(GError) local_error = NULL;
  const guint8 *head;
  gsize head_len;
  gboolean ok;

  input = g_file_read (gfile, run->cancellable, &local_error);
  if (input == NULL)
    {
      propagate_entry_error (error, file->display, g_steal_pointer (&local_error));
      return FALSE;
    }

  stream = tend_entry_stream_new_for_stream (G_INPUT_STREAM (input), run->self->max_entry_bytes);
  tend_entry_stream_set_read_func (TEND_ENTRY_STREAM (stream), on_entry_read, run);
  buffered = g_buffered_input_stream_new_sized (stream, BUFFER_SIZE);

  if (!tend_import_fill_head (G_BUFFERED_INPUT_STREAM (buffered), &head, &head_len, run->cancellable, &local_error))
    {
      propagate_entry_error (error, file->display, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (has_zip_magic (head, head_len))
    {
      g_input_stream_close (buffered, NULL, NULL);
      return import_archive (run, file, error);
    }

  run->current_file = TEND_ENTRY_STREAM (stream);
  ok = import_entry (run, G_BUFFERED_INPUT_STREAM (buffered), file->path, file->display,
                     file->chosen, error);
  run->current_file = NULL;
  run->bytes_unpacked += tend_entry_stream_get_bytes_read (TEND_ENTRY_STREAM (stream));

  return ok;
}

/* Reads a file the owner chose or a folder held, or the archive it is. */
static gboolean
import_file (Run        *run,
             InputFile  *file,
             GError    **error)
{
  gboolean ok;

  run->current_display = file->display;
  ok = read_file (run, file, error);
  run->current_display = NULL;

  return ok;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
walk_folder (Run         *run,
             const char  *path,
             const char  *display,
             guint        depth,
             GPtrArray   *files,
             GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  const char *name;

  if (depth > TEND_IMPORT_MAX_DEPTH)
    {
      g_debug ("Not descending into %s: deeper than any export", display);
      return TRUE;
    }

  dir = g_dir_open (path, 0, &local_error);
  if (dir == NULL)
    {
      propagate_entry_error (error, display, g_steal_pointer (&local_error));
      return FALSE;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (name[0] == '.')
        continue;

      if (names->len >= run->self->max_entries)
        {
          g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_TOO_LARGE,
                       _("“%s” holds more than %u files, which no export does. Nothing was "
                         "imported; choose the export itself, or a smaller folder."),
                       display, run->self->max_entries);
          return FALSE;
        }

      g_ptr_array_add (names, g_strdup (name));
    }

  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (path, names->pdata[i], NULL);
      g_autofree char *shown = g_filename_display_name (names->pdata[i]);
      g_autofree char *child_display = g_strdup_printf ("%s/%s", display, shown);
      GStatBuf buf;

      /* Links are not followed: a folder must not lead outside itself or
       * round in a circle. */
      if (g_lstat (child, &buf) != 0)
        continue;

      if (S_ISDIR (buf.st_mode))
        {
          if (!walk_folder (run, child, child_display, depth + 1, files, error))
            return FALSE;
        }
      else if (S_ISREG (buf.st_mode))
        {
          InputFile *file = g_new0 (InputFile, 1);

          if (files->len >= run->self->max_entries)
            {
              input_file_free (file);
              g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_TOO_LARGE,
                           _("“%s” holds more than %u files, which no export does. Nothing was "
                             "imported; choose the export itself, or a smaller folder."),
                           display, run->self->max_entries);
              return FALSE;
            }

          file->path = g_steal_pointer (&child);
          file->display = g_steal_pointer (&child_display);
          file->size = buf.st_size;
          g_ptr_array_add (files, file);
        }
    }

  return TRUE;
}

static GPtrArray *
collect_inputs (Run                 *run,
                const char * const  *paths,
                GError             **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (input_file_free);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *display = g_filename_display_basename (paths[i]);
      GStatBuf buf;

      if (g_stat (paths[i], &buf) != 0)
        {
          g_autofree char *full = g_filename_display_name (paths[i]);

          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                       _("“%s” does not exist or cannot be read. Check the name and try "
                         "again. Nothing was imported."),
                       full);
          return NULL;
        }

      if (S_ISDIR (buf.st_mode))
        {
          if (!walk_folder (run, paths[i], display, 0, files, error))
            return NULL;
        }
      else
        {
          InputFile *file = g_new0 (InputFile, 1);

          file->path = g_strdup (paths[i]);
          file->display = g_steal_pointer (&display);
          file->chosen = TRUE;
          file->size = buf.st_size;
          g_ptr_array_add (files, file);
        }
    }

  for (guint i = 0; i < files->len; i++)
    run->bytes_total += ((InputFile *) files->pdata[i])->size;

  return g_steal_pointer (&files);
}

static gboolean
check_cancelled (Run     *run,
                 guint    row,
                 GError **error)
{
  return row % CANCEL_CHECK_ROWS == 0 &&
         g_cancellable_set_error_if_cancelled (run->cancellable, error);
}

/* The people of one source that an import keeps, staged where the sink
 * holds them. */
typedef struct {
  GPtrArray *people;   /* borrowed from the sink */
  GArray    *kept;     /* owned indices into people */
} StagedPeople;

static void
staged_people_clear (StagedPeople *staged)
{
  g_clear_pointer (&staged->kept, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StagedPeople, staged_people_clear)

static void
get_staged_person (guint                 index,
                   TendConnectionRecord *record,
                   gpointer              user_data)
{
  StagedPeople *staged = user_data;
  const TendImportPerson *person = g_ptr_array_index (staged->people, g_array_index (staged->kept, guint, index));

  *record = (TendConnectionRecord) {
    .stable_key = person->stable_key,
    .name = person->name != NULL ? person->name : person->stable_key,
    .handle = person->handle,
    .profile_url = person->profile_url,
    .avatar_url = person->avatar_url,
    .connected_since = person->since,
  };
  tend_import_relation_fold (person->relation, &record->follow_state);
}

/* Stages everyone the export still lists and merges them in one go. */
static gboolean
write_people (Run                     *run,
              TendStore               *store,
              TendImportSourceResult  *result,
              StagedPeople            *staged,
              GError                 **error)
{
  TendConnectionCounts counts;

  staged->people = tend_import_sink_get_people (run->sink, result->kind);
  staged->kept = g_array_sized_new (FALSE, FALSE, sizeof (guint), staged->people->len);

  for (guint i = 0; i < staged->people->len; i++)
    {
      const TendImportPerson *person = g_ptr_array_index (staged->people, i);
      TendFollowState state;

      if (check_cancelled (run, i, error))
        return FALSE;

      /* Someone the export lists only as removed is not kept, so the
       * removal below marks them. */
      if (tend_import_relation_fold (person->relation, &state))
        g_array_append_val (staged->kept, i);
    }

  tend_store_stage_connections (store, staged->kept->len, get_staged_person, staged);
  if (!tend_store_merge_staged_connections (store, result->source_id, &counts, error))
    return FALSE;

  result->n_added = counts.n_added;
  result->n_updated = counts.n_updated;
  result->n_unchanged = counts.n_unchanged;
  return TRUE;
}

static gboolean
is_kept (Run                           *run,
         const TendImportSourceResult  *result,
         const char                    *key)
{
  const TendImportPerson *person;
  TendFollowState state;

  if (key == NULL)
    return FALSE;

  person = tend_import_sink_find_person (run->sink, result->kind, key);
  return person != NULL && tend_import_relation_fold (person->relation, &state);
}

/* Who the interactions of one source are with, as found so far: a
 * conversation has many messages with one person. */
typedef struct {
  GHashTable *by_key;    /* owned stable key → owned gint64 id, 0 for no one */
  GHashTable *by_name;   /* owned name → owned gint64 id, for interactions without a key */
} Resolver;

static void
resolver_clear (Resolver *resolver)
{
  g_clear_pointer (&resolver->by_key, g_hash_table_unref);
  g_clear_pointer (&resolver->by_name, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Resolver, resolver_clear)

/* Finds who an interaction is with: someone this import keeps, by key,
 * else by name (older exports give names where the messages give URLs),
 * else someone stored and still present. */
static gboolean
find_person (Run                           *run,
             TendStore                     *store,
             TendImportSourceResult        *result,
             GHashTable                    *ids,
             const TendImportInteraction   *interaction,
             gint64                        *out_id,
             GError                       **error)
{
  const char *key = interaction->person_key;
  TendConnectionRecord record = { 0, };
  gboolean present = FALSE;
  gint64 *cached;

  *out_id = 0;

  if (!is_kept (run, result, key))
    {
      const char *by_name = tend_import_sink_find_key_by_name (run->sink, result->kind,
                                                               interaction->person_name);

      if (is_kept (run, result, by_name))
        key = by_name;
    }

  if (key == NULL)
    return TRUE;

  cached = g_hash_table_lookup (ids, key);
  if (cached != NULL)
    {
      *out_id = *cached;
      return TRUE;
    }

  record.stable_key = key;
  if (!tend_store_compare_connection (store, result->source_id, &record, out_id, &present, NULL, error))
    return FALSE;

  if (!present)
    *out_id = 0;

  g_hash_table_insert (ids, g_strdup (key), g_memdup2 (out_id, sizeof *out_id));
  return TRUE;
}

static gboolean
resolve_person (Run                           *run,
                TendStore                     *store,
                TendImportSourceResult        *result,
                Resolver                      *resolver,
                const TendImportInteraction   *interaction,
                gint64                        *out_id,
                GError                       **error)
{
  /* Without a key, the answer depends on the name alone. */
  gboolean by_name = interaction->person_key == NULL && interaction->person_name != NULL;
  gint64 *cached;

  if (by_name && (cached = g_hash_table_lookup (resolver->by_name, interaction->person_name)) != NULL)
    {
      *out_id = *cached;
      return TRUE;
    }

  if (!find_person (run, store, result, resolver->by_key, interaction, out_id, error))
    return FALSE;

  if (by_name)
    g_hash_table_insert (resolver->by_name, g_strdup (interaction->person_name),
                         g_memdup2 (out_id, sizeof *out_id));

  return TRUE;
}

static gboolean
write_interactions (Run                     *run,
                    TendStore               *store,
                    TendImportSourceResult  *result,
                    GError                 **error)
{
  GPtrArray *interactions = tend_import_sink_get_interactions (run->sink, result->kind);
  g_auto(Resolver) resolver = { NULL, };

  if (interactions->len == 0)
    return TRUE;

  resolver.by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  resolver.by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < interactions->len; i++)
    {
      const TendImportInteraction *interaction = g_ptr_array_index (interactions, i);
      gint64 id;

      if (check_cancelled (run, i, error))
        return FALSE;

      if (!resolve_person (run, store, result, &resolver, interaction, &id, error))
        return FALSE;

      result->n_interactions_read++;

      if (id == 0)
        {
          result->n_interactions_unmatched++;
          continue;
        }

      tend_store_stage_interaction (store, id, interaction->direction, interaction->kind,
                                    interaction->occurred_at, interaction->external_id);
    }

  return tend_store_merge_staged_interactions (store, &result->n_interactions_added, error);
}

static gboolean
write_source (Run                     *run,
              TendStore               *store,
              TendImportSourceResult  *result,
              gint64                   now,
              GError                 **error)
{
  GPtrArray *skipped = tend_import_sink_get_skipped (run->sink, result->kind);
  g_auto(StagedPeople) staged = { NULL, };
  gboolean ok;

  for (guint i = 0; i < skipped->len; i++)
    g_ptr_array_add (result->skipped, tend_import_skip_copy (g_ptr_array_index (skipped, i)));

  result->source_id = tend_store_ensure_source (store, result->kind, EXPORT_ACCOUNT, result->title, error);
  if (result->source_id == 0)
    return FALSE;

  tend_store_clear_staged (store);
  ok = write_people (run, store, result, &staged, error) &&
       write_interactions (run, store, result, error) &&
       /* Only an export that lists people says who is gone; a file of
        * messages alone says nothing about who is still connected. */
       (!tend_import_sink_is_roster (run->sink, result->kind) ||
        (tend_store_remove_unstaged_connections (store, result->source_id, now,
                                                 &result->n_removed, error) &&
         tend_import_source_result_take_snapshot (result, store, error)));
  /* The store reads the staged people where they are: not after this. */
  tend_store_clear_staged (store);

  return ok && tend_store_set_source_imported (store, result->source_id, now, error);
}

static TendImportResult *
run_import (TendImport          *self,
            TendStore           *store,
            const char * const  *paths,
            GMainContext        *progress_context,
            GCancellable        *cancellable,
            GError             **error)
{
  g_autoptr(TendImportResult) result = tend_import_result_new ();
  g_autoptr(TendImportSink) sink = tend_import_sink_new ();
  g_autoptr(GPtrArray) files = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  Run run = {
    .self = self,
    .cancellable = cancellable,
    .progress_context = progress_context,
    .sink = sink,
  };

  files = collect_inputs (&run, paths, error);
  if (files == NULL)
    return NULL;

  report_progress (&run, NULL, TRUE);

  for (guint i = 0; i < files->len; i++)
    {
      InputFile *file = g_ptr_array_index (files, i);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      if (!count_entry (&run, file->display, error) ||
          !import_file (&run, file, error))
        return NULL;

      run.bytes_done += file->size;
      report_progress (&run, file->display, TRUE);
    }

  if (run.n_recognised == 0)
    {
      if (paths[0] != NULL && paths[1] == NULL)
        {
          g_autofree char *display = g_filename_display_basename (paths[0]);

          g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_NOTHING_FOUND,
                       _("Nothing in “%s” is an export Tend can read. Choose the .zip file or "
                         "folder the network gave you. Nothing was imported."),
                       display);
        }
      else
        {
          g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_NOTHING_FOUND,
                       _("Nothing in what you chose is an export Tend can read. Choose the "
                         ".zip file or folder the network gave you. Nothing was imported."));
        }
      return NULL;
    }

  if (!tend_store_begin (store, error))
    return NULL;

  for (guint kind = 0; kind < TEND_N_SOURCE_KINDS; kind++)
    {
      TendImportSourceResult *source;

      if (!tend_import_sink_has_source (sink, kind))
        continue;

      source = tend_import_source_result_new (kind);
      g_ptr_array_add (result->sources, source);

      if (!write_source (&run, store, source, now, error))
        {
          tend_store_rollback (store);
          return NULL;
        }
    }

  /* The last chance to cancel: after this, everything is kept. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      tend_store_rollback (store);
      return NULL;
    }

  if (!tend_store_commit (store, error))
    return NULL;

  result->n_entries_read = run.n_entries;
  result->n_bytes_read = run.bytes_unpacked;
  return g_steal_pointer (&result);
}

/**
 * tend_import_run:
 * @store: the profile, in no transaction
 * @paths: (array zero-terminated=1): files, folders and .zip archives
 *
 * Imports synchronously, for the command line and tests. On error the
 * store is as it was, and @error names the file, the line and why.
 *
 * Returns: (transfer full): what was imported, or %NULL with @error set
 */
TendImportResult *
tend_import_run (TendImport          *self,
                 TendStore           *store,
                 const char * const  *paths,
                 GCancellable        *cancellable,
                 GError             **error)
{
  g_return_val_if_fail (TEND_IS_IMPORT (self), NULL);
  g_return_val_if_fail (TEND_IS_STORE (store), NULL);
  g_return_val_if_fail (paths != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return run_import (self, store, paths, NULL, cancellable, error);
}

typedef struct {
  char         *database_path;
  GStrv         paths;
  GMainContext *context;
} RunData;

static void
run_data_free (gpointer data)
{
  RunData *run_data = data;

  g_free (run_data->database_path);
  g_strfreev (run_data->paths);
  g_main_context_unref (run_data->context);
  g_free (run_data);
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TendImport *self = source_object;
  RunData *run_data = task_data;
  g_autoptr(TendStore) store = NULL;
  g_autoptr(GError) error = NULL;
  TendImportResult *result;

  /* The worker has a connection of its own: SQLite connections are not
   * shared between threads here. */
  store = tend_store_open (run_data->database_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result = run_import (self, store, (const char * const *) run_data->paths,
                       run_data->context, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, (GDestroyNotify) tend_import_result_free);
}

/**
 * tend_import_run_async:
 * @database_path: the profile database (tend_store_get_path()); the
 *   worker thread opens its own connection to it
 * @paths: (array zero-terminated=1): files, folders and .zip archives
 *
 * Imports in a worker thread. Progress is reported in the caller's
 * thread-default main context. Cancelling rolls everything back.
 */
void
tend_import_run_async (TendImport          *self,
                       const char          *database_path,
                       const char * const  *paths,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *run_data;

  g_return_if_fail (TEND_IS_IMPORT (self));
  g_return_if_fail (database_path != NULL);
  g_return_if_fail (paths != NULL);

  run_data = g_new0 (RunData, 1);
  run_data->database_path = g_strdup (database_path);
  run_data->paths = g_strdupv ((char **) paths);
  run_data->context = g_main_context_ref_thread_default ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tend_import_run_async);
  g_task_set_task_data (task, run_data, run_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, run_in_thread);
}

/**
 * tend_import_run_finish:
 *
 * Returns: (transfer full): what was imported, or %NULL with @error set
 */
TendImportResult *
tend_import_run_finish (TendImport    *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (TEND_IS_IMPORT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
