/* bench-import.c: how fast exports are imported, next to sqlite3's .import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-import --connections 100000 --interactions 1000000 --threads 4000
 *
 * generates, in a temporary folder, a LinkedIn Connections.csv of
 * --connections rows and a Facebook export whose Messenger inbox holds
 * --interactions messages over --threads conversations (with the friends
 * list they belong to), imports each into a fresh profile with
 * tend_import_run(), and prints one "name: value" line per measure on
 * stdout. Reading alone (the importer into a sink, no store) is timed
 * too, so that the rest is what writing costs. The same CSV is then
 * imported by the sqlite3 command line tool's `.import` into a bare
 * table, and the ratio of the two times printed; the target is 2 or less.
 */
#define G_LOG_DOMAIN "bench-import"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "tend-facebook-messages-importer.h"
#include "tend-import.h"
#include "tend-linkedin-connections-importer.h"
#include "tend-store.h"
#include "tend-bench-utils.h"
#include "tend-test-utils.h"

/* LinkedIn's own preamble: four records before the data, header included. */
#define LINKEDIN_PREAMBLE \
  "Notes:\r\n" \
  "\"When exporting your connection data, you may notice that some of the email " \
  "addresses are missing. You will only see email addresses for connections who " \
  "have allowed it.\"\r\n" \
  "\r\n"
#define LINKEDIN_HEADER \
  "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
#define LINKEDIN_SKIP_RECORDS 4

#define OWNER_NAME "Maïa Owner"

typedef struct {
  const char *name;
  const char *slug;
} Name;

static const Name first_names[] = {
  { "Zoë", "zoe" }, { "José", "jose" }, { "Łukasz", "lukasz" }, { "Søren", "soren" },
  { "Chloé", "chloe" }, { "François", "francois" }, { "Mia", "mia" }, { "Jürgen", "jurgen" },
  { "Inès", "ines" }, { "Noah", "noah" }, { "Aoife", "aoife" }, { "Björn", "bjorn" },
  { "Renée", "renee" }, { "Omar", "omar" }, { "Yuki", "yuki" }, { "Priya", "priya" },
  { "Matteo", "matteo" }, { "Sofía", "sofia" }, { "Émile", "emile" }, { "Ana", "ana" },
};

static const Name last_names[] = {
  { "Ångström", "angstrom" }, { "Núñez", "nunez" }, { "Müller", "muller" },
  { "Dubois", "dubois" }, { "O'Brien", "obrien" }, { "García", "garcia" },
  { "Kowalski", "kowalski" }, { "Søndergaard", "sondergaard" }, { "Smith", "smith" },
  { "Nguyen", "nguyen" }, { "Rossi", "rossi" }, { "Öztürk", "ozturk" },
  { "Dvořák", "dvorak" }, { "Martin", "martin" }, { "Silva", "silva" }, { "Leroy", "leroy" },
};

/* As they appear in the file: some quoted, as LinkedIn writes them. */
static const char * const companies[] = {
  "\"Bakery, Ltd.\"", "Café Sol", "Acme", "\"Studio \"\"Nord\"\"\"", "", "Über Logistics",
};

static const char * const positions[] = {
  "Owner", "Head Chef", "Consultant", "\"Sales Manager, EMEA\"", "", "Développeuse",
};

static const char * const months[] = {
  "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

/* Person @i of the Messenger export; distinct for the first 5,120. */
static char *
person_name (guint i)
{
  const Name *first = &first_names[i % G_N_ELEMENTS (first_names)];
  const Name *last = &last_names[(i / G_N_ELEMENTS (first_names)) % G_N_ELEMENTS (last_names)];
  const Name *last2 = &last_names[(i / (G_N_ELEMENTS (first_names) * G_N_ELEMENTS (last_names)))
                                  % G_N_ELEMENTS (last_names)];
  guint round = i / (G_N_ELEMENTS (first_names) * G_N_ELEMENTS (last_names) * G_N_ELEMENTS (last_names));

  if (round > 0)
    return g_strdup_printf ("%s %s-%s %u", first->name, last->name, last2->name, round);

  return g_strdup_printf ("%s %s-%s", first->name, last->name, last2->name);
}

static gboolean
write_file (const char  *path,
            GString     *contents,
            GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "Could not create %s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }

  return g_file_set_contents (path, contents->str, contents->len, error);
}

static char *
generate_connections_csv (const char  *dir,
                          guint        n_rows,
                          GRand       *rand,
                          GError     **error)
{
  g_autofree char *path = g_build_filename (dir, "linkedin", "Connections.csv", NULL);
  g_autoptr(GString) csv = g_string_sized_new ((gsize) n_rows * 120);

  g_string_append (csv, LINKEDIN_PREAMBLE LINKEDIN_HEADER);

  for (guint i = 0; i < n_rows; i++)
    {
      const Name *first = &first_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (first_names))];
      const Name *last = &last_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (last_names))];
      gboolean has_email = g_rand_int_range (rand, 0, 4) == 0;

      g_string_append_printf (csv, "%s,%s,https://www.linkedin.com/in/%s-%s-%x,",
                              first->name, last->name, first->slug, last->slug, i);
      if (has_email)
        g_string_append_printf (csv, "%s.%s.%u@example.com", first->slug, last->slug, i);
      g_string_append_printf (csv, ",%s,%s,%02d %s %d\r\n",
                              companies[g_rand_int_range (rand, 0, G_N_ELEMENTS (companies))],
                              positions[g_rand_int_range (rand, 0, G_N_ELEMENTS (positions))],
                              g_rand_int_range (rand, 1, 29),
                              months[g_rand_int_range (rand, 0, G_N_ELEMENTS (months))],
                              g_rand_int_range (rand, 2008, 2025));
    }

  if (!write_file (path, csv, error))
    return NULL;

  return g_steal_pointer (&path);
}

/* Facebook's mojibake: each UTF-8 byte above ASCII as a \u00XX escape. */
static void
append_facebook_string (GString    *json,
                        const char *text)
{
  g_string_append_c (json, '"');
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (*p >= 0x80)
        g_string_append_printf (json, "\\u00%02x", *p);
      else if (*p == '"' || *p == '\\')
        g_string_append_printf (json, "\\%c", *p);
      else
        g_string_append_c (json, *p);
    }
  g_string_append_c (json, '"');
}

/* One conversation between the owner and @name, newest message first. */
static void
append_thread (GString    *json,
               const char *name,
               const char *thread_path,
               guint       n_messages,
               gint64      newest_ms,
               GRand      *rand)
{
  gint64 when = newest_ms;

  g_string_append (json, "{\n  \"participants\": [\n    {\n      \"name\": ");
  append_facebook_string (json, name);
  g_string_append (json, "\n    },\n    {\n      \"name\": ");
  append_facebook_string (json, OWNER_NAME);
  g_string_append (json, "\n    }\n  ],\n  \"messages\": [\n");

  for (guint j = 0; j < n_messages; j++)
    {
      gboolean from_owner = g_rand_boolean (rand);

      g_string_append (json, "    {\n      \"sender_name\": ");
      append_facebook_string (json, from_owner ? OWNER_NAME : name);
      g_string_append_printf (json,
                              ",\n      \"timestamp_ms\": %" G_GINT64_FORMAT ",\n"
                              "      \"content\": ",
                              when);
      append_facebook_string (json, from_owner ? "Merci, à demain !" : "Can I order two loaves?");
      g_string_append (json, ",\n      \"is_geoblocked_for_viewer\": false\n    }");
      g_string_append (json, j + 1 < n_messages ? ",\n" : "\n");
      when -= g_rand_int_range (rand, 60, 3 * 86400) * (gint64) 1000;
    }

  g_string_append (json, "  ],\n  \"title\": ");
  append_facebook_string (json, name);
  g_string_append_printf (json,
                          ",\n  \"is_still_participant\": true,\n"
                          "  \"thread_path\": \"%s\",\n  \"magic_words\": []\n}\n",
                          thread_path);
}

/* A Facebook export: the friends list and one inbox thread per friend. */
static char *
generate_messenger_export (const char  *dir,
                           guint        n_messages,
                           guint        n_threads,
                           GRand       *rand,
                           GError     **error)
{
  g_autofree char *root = g_build_filename (dir, "facebook", NULL);
  g_autofree char *friends_path = g_build_filename (root, "connections", "friends",
                                                    "your_friends.json", NULL);
  g_autoptr(GString) friends = g_string_new ("{\n  \"friends_v2\": [\n");
  g_autoptr(GString) thread = g_string_new (NULL);
  gint64 now_ms = g_get_real_time () / 1000;

  for (guint i = 0; i < n_threads; i++)
    {
      g_autofree char *name = person_name (i);
      g_autofree char *thread_path = g_strdup_printf ("inbox/friend_%u", i);
      g_autofree char *path = g_build_filename (root, "messages", thread_path, "message_1.json", NULL);
      guint n = n_messages / n_threads + (i < n_messages % n_threads ? 1 : 0);

      g_string_append (friends, "    {\n      \"name\": ");
      append_facebook_string (friends, name);
      g_string_append_printf (friends, ",\n      \"timestamp\": %" G_GINT64_FORMAT "\n    }%s\n",
                              now_ms / 1000 - g_rand_int_range (rand, 86400, 10 * 365 * 86400),
                              i + 1 < n_threads ? "," : "");

      g_string_truncate (thread, 0);
      append_thread (thread, name, thread_path, n, now_ms - g_rand_int_range (rand, 0, 86400) * 1000,
                     rand);
      if (!write_file (path, thread, error))
        return NULL;
    }

  g_string_append (friends, "  ]\n}\n");
  if (!write_file (friends_path, friends, error))
    return NULL;

  return g_steal_pointer (&root);
}

static void
collect_files (const char *path,
               GPtrArray  *files)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_ptr_array_add (files, g_strdup (path));
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      collect_files (child, files);
    }
}

/* Reading alone: every file under @path that @importer claims, parsed into
 * one sink, as the runner does before it writes. Returns seconds. */
static double
time_parse (TendImporter  *importer,
            const char    *path,
            guint         *out_n_rows,
            GError       **error)
{
  g_autoptr(TendImportSink) sink = tend_import_sink_new ();
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  TendSourceKind kind = tend_importer_get_source_kind (importer);
  gint64 start = g_get_monotonic_time ();

  collect_files (path, files);

  for (guint i = 0; i < files->len; i++)
    {
      const char *file_path = g_ptr_array_index (files, i);
      g_autoptr(GFile) file = g_file_new_for_path (file_path);
      g_autoptr(GFileInputStream) input = NULL;
      g_autoptr(GInputStream) buffered = NULL;
      guint8 head[TEND_IMPORTER_HEAD_SIZE];
      gsize head_len = 0;
      g_autofree char *name = g_path_get_basename (file_path);

      input = g_file_read (file, NULL, error);
      if (input == NULL ||
          !g_input_stream_read_all (G_INPUT_STREAM (input), head, sizeof head, &head_len, NULL, error) ||
          !g_seekable_seek (G_SEEKABLE (input), 0, G_SEEK_SET, NULL, error))
        return -1;

      if (tend_importer_detect (importer, name, head, head_len) == TEND_IMPORTER_CONFIDENCE_NONE)
        continue;

      buffered = g_buffered_input_stream_new_sized (G_INPUT_STREAM (input), 64 * 1024);
      tend_import_sink_begin_entry (sink, kind, file_path);
      if (!tend_importer_parse (importer, buffered, sink, NULL, error))
        return -1;
      tend_import_sink_end_entry (sink);
    }

  *out_n_rows = tend_import_sink_get_people (sink, kind)->len +
                tend_import_sink_get_interactions (sink, kind)->len;

  return tend_bench_seconds_since (start);
}

/* The whole import into a fresh profile. Returns seconds, and in
 * @out_cpu the processor time it took. */
static double
time_import (const char  *db_path,
             const char  *path,
             double      *out_cpu,
             GError     **error)
{
  g_autoptr(TendStore) store = tend_store_open (db_path, error);
  g_autoptr(TendImport) import = NULL;
  g_autoptr(TendImportResult) result = NULL;
  const char *paths[] = { path, NULL };
  gint64 start;

  if (store == NULL)
    return -1;

  import = tend_import_new ();
  *out_cpu = tend_bench_cpu_seconds (FALSE);
  start = g_get_monotonic_time ();
  result = tend_import_run (import, store, paths, NULL, error);
  if (result == NULL)
    return -1;

  *out_cpu = tend_bench_cpu_seconds (FALSE) - *out_cpu;
  return tend_bench_seconds_since (start);
}

/* sqlite3's own CSV import of the same file into a bare table. Returns
 * seconds, and in @out_cpu the processor time the tool took. */
static double
time_sqlite3_import (const char  *db_path,
                     const char  *csv_path,
                     guint        n_rows,
                     double      *out_cpu,
                     GError     **error)
{
  g_autofree char *script = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GSubprocess) sqlite3 = NULL;
  gint64 start;
  double seconds;

  script = g_strdup_printf ("CREATE TABLE connections (first_name TEXT, last_name TEXT, url TEXT, "
                            "email TEXT, company TEXT, position TEXT, connected_on TEXT);\n"
                            ".import --csv --skip %d '%s' connections\n"
                            "SELECT count(*) FROM connections;\n",
                            LINKEDIN_SKIP_RECORDS, csv_path);

  *out_cpu = tend_bench_cpu_seconds (TRUE);
  start = g_get_monotonic_time ();
  sqlite3 = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, error,
                              "sqlite3", db_path, NULL);
  if (sqlite3 == NULL ||
      !g_subprocess_communicate_utf8 (sqlite3, script, NULL, &out, NULL, error) ||
      !g_subprocess_wait_check (sqlite3, NULL, error))
    return -1;
  seconds = tend_bench_seconds_since (start);
  *out_cpu = tend_bench_cpu_seconds (TRUE) - *out_cpu;

  if (g_ascii_strtoull (out, NULL, 10) != n_rows)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "sqlite3 imported %s rows, not %u", g_strstrip (out), n_rows);
      return -1;
    }

  return seconds;
}

/* Rounds of the CSV import and sqlite3's, one after the other, so that
 * both meet the same load; the medians are compared. */
#define CSV_ROUNDS 3

static gboolean
compare_csv_imports (const char  *dir,
                     const char  *csv_path,
                     guint        n_connections,
                     double       csv_parse,
                     GError     **error)
{
  g_autoptr(GArray) imports = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sqlite3_imports = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) imports_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sqlite3_imports_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  double import;
  double sqlite3;

  for (guint round = 1; round <= CSV_ROUNDS; round++)
    {
      g_autofree char *name = g_strdup_printf ("connections-%u.db", round);
      g_autofree char *sqlite3_name = g_strdup_printf ("sqlite3-import-%u.db", round);
      g_autofree char *db_path = g_build_filename (dir, name, NULL);
      g_autofree char *sqlite3_path = g_build_filename (dir, sqlite3_name, NULL);
      double import_cpu;
      double sqlite3_cpu;

      import = time_import (db_path, csv_path, &import_cpu, error);
      if (import < 0)
        return FALSE;
      sqlite3 = time_sqlite3_import (sqlite3_path, csv_path, n_connections, &sqlite3_cpu, error);
      if (sqlite3 < 0)
        return FALSE;

      g_print ("round %u: connections import %.2f s (processor %.2f s), sqlite3 .import %.2f s "
               "(processor %.2f s): %.2fx\n",
               round, import, import_cpu, sqlite3, sqlite3_cpu, import / sqlite3);
      g_array_append_val (imports, import);
      g_array_append_val (sqlite3_imports, sqlite3);
      g_array_append_val (imports_cpu, import_cpu);
      g_array_append_val (sqlite3_imports_cpu, sqlite3_cpu);
    }

  import = tend_bench_median (imports);
  sqlite3 = tend_bench_median (sqlite3_imports);
  g_print ("connections import: %u rows in %.2f s, %.0f rows/s (writing: %.2f s)\n",
           n_connections, import, n_connections / import, import - csv_parse);
  g_print ("sqlite3 .import: %u rows in %.2f s, %.0f rows/s\n",
           n_connections, sqlite3, n_connections / sqlite3);
  g_print ("connections import / sqlite3 .import: %.2fx (target: 2x or less)\n", import / sqlite3);
  g_print ("processor time, import / sqlite3 .import: %.2fx\n",
           tend_bench_median (imports_cpu) / tend_bench_median (sqlite3_imports_cpu));

  return TRUE;
}

static gboolean
run (const char  *dir,
     guint        n_connections,
     guint        n_messages,
     guint        n_threads,
     GError     **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);
  g_autoptr(TendImporter) connections_importer = tend_linkedin_connections_importer_new ();
  g_autoptr(TendImporter) messages_importer = tend_facebook_messages_importer_new ();
  g_autofree char *csv_path = NULL;
  g_autofree char *messenger_path = NULL;
  g_autofree char *messenger_db = g_build_filename (dir, "messenger.db", NULL);
  double csv_parse;
  double messages_parse;
  double messages_import;
  double messages_import_cpu;
  guint n_read = 0;
  gint64 start;

  start = g_get_monotonic_time ();
  csv_path = generate_connections_csv (dir, n_connections, rand, error);
  if (csv_path == NULL)
    return FALSE;
  messenger_path = generate_messenger_export (dir, n_messages, n_threads, rand, error);
  if (messenger_path == NULL)
    return FALSE;
  g_print ("generate: %.2f s\n", tend_bench_seconds_since (start));

  csv_parse = time_parse (connections_importer, csv_path, &n_read, error);
  if (csv_parse < 0)
    return FALSE;
  g_print ("connections read (no store): %u rows in %.2f s, %.0f rows/s\n",
           n_read, csv_parse, n_read / csv_parse);

  if (!compare_csv_imports (dir, csv_path, n_connections, csv_parse, error))
    return FALSE;

  messages_parse = time_parse (messages_importer, messenger_path, &n_read, error);
  if (messages_parse < 0)
    return FALSE;
  g_print ("messages read (no store): %u messages in %.2f s, %.0f messages/s\n",
           n_read, messages_parse, n_read / messages_parse);

  messages_import = time_import (messenger_db, messenger_path, &messages_import_cpu, error);
  if (messages_import < 0)
    return FALSE;
  g_print ("messages import: %u messages, %u friends in %.2f s, %.0f messages/s "
           "(writing: %.2f s, processor time: %.2f s)\n",
           n_messages, n_threads, messages_import, n_messages / messages_import,
           messages_import - messages_parse, messages_import_cpu);

  g_print ("peak resident memory: %.1f MiB\n", tend_bench_peak_rss_mib ());

  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *sqlite3 = NULL;
  int n_connections = 100000;
  int n_messages = 1000000;
  int n_threads = 4000;
  gboolean ok;
  const GOptionEntry entries[] = {
    { "connections", 'c', 0, G_OPTION_ARG_INT, &n_connections, "Rows of Connections.csv", "N" },
    { "interactions", 'i', 0, G_OPTION_ARG_INT, &n_messages, "Messenger messages", "N" },
    { "threads", 't', 0, G_OPTION_ARG_INT, &n_threads, "Messenger conversations", "N" },
    { NULL }
  };

  context = g_option_context_new ("— time importing generated exports");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!tend_bench_parse_options (context, &argc, &argv, &n_connections, &n_messages))
    return 2;
  if (n_threads <= 0)
    {
      g_printerr ("%s: --threads must be positive\n", g_get_prgname ());
      return 2;
    }

  sqlite3 = g_find_program_in_path ("sqlite3");
  if (sqlite3 == NULL)
    {
      g_printerr ("%s: the sqlite3 command line tool is needed for the comparison\n",
                  g_get_prgname ());
      return 1;
    }

  dir = g_dir_make_tmp ("bench-import-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return 1;
    }

  ok = run (dir, n_connections, n_messages, n_threads, &error);
  if (!ok)
    g_printerr ("%s: %s\n", g_get_prgname (), error->message);

  tend_test_remove_tree (dir);

  return ok ? 0 : 1;
}
