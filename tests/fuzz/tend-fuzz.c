/* tend-fuzz.c: what every fuzz target shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tend-fuzz"

#include "config.h"

#include "tend-fuzz.h"

static GLogWriterOutput
quiet_writer (GLogLevelFlags   log_level,
              const GLogField *fields,
              gsize            n_fields,
              gpointer         user_data)
{
  /* Bad input is expected to be refused, not to complain: a critical or a
   * warning means a precondition or an invariant broke, which is a bug. */
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    {
      g_log_writer_standard_streams (log_level, fields, n_fields, user_data);
      g_abort ();
    }

  return G_LOG_WRITER_HANDLED;
}

/* Once per process: makes every critical and warning fatal and keeps the
 * debug messages of millions of runs off the terminal. */
void
tend_fuzz_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      g_log_set_writer_func (quiet_writer, NULL, NULL);
      g_once_init_leave (&initialized, 1);
    }
}

/* A stream over @data that does not copy it: @data outlives the stream. */
GInputStream *
tend_fuzz_stream_new (const uint8_t *data,
                      size_t         size)
{
  return g_memory_input_stream_new_from_data (data, (gssize) size, NULL);
}

/* Reads @data with @importer the way the runner does: detect() on the
 * head, then parse() into a sink, whatever detect() answered. */
void
tend_fuzz_importer (TendImporter  *importer,
                    const uint8_t *data,
                    size_t         size)
{
  g_autoptr(TendImportSink) sink = tend_import_sink_new ();
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  TendSourceKind kind = tend_importer_get_source_kind (importer);
  GPtrArray *people;
  GPtrArray *interactions;
  GPtrArray *skipped;

  tend_importer_detect (importer, "fuzz", data, MIN (size, TEND_IMPORTER_HEAD_SIZE));

  stream = tend_fuzz_stream_new (data, size);
  tend_import_sink_begin_entry (sink, kind, "fuzz");
  if (!tend_importer_parse (importer, stream, sink, NULL, &error))
    g_assert (error != NULL);
  else
    g_assert (error == NULL);
  tend_import_sink_end_entry (sink);

  /* What the runner reads back before writing to the store. */
  people = tend_import_sink_get_people (sink, kind);
  interactions = tend_import_sink_get_interactions (sink, kind);
  skipped = tend_import_sink_get_skipped (sink, kind);
  g_assert (people == NULL || people->len < G_MAXUINT);
  g_assert (interactions == NULL || interactions->len < G_MAXUINT);
  g_assert (skipped == NULL || skipped->len < G_MAXUINT);
}
