/* tend-import-sink.c: where importers put the rows they read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sink belongs to the runner. It keeps the rows of every entry of
 * one import in memory, per source, merging a person who appears in
 * several files, so that the runner can fold relations into follow
 * states and write everything in one transaction at the end.
 */
#define G_LOG_DOMAIN "tend-import-sink"

#include "config.h"

#include "tend-import-sink.h"
#include "tend-import-util.h"

typedef struct {
  GStringChunk *text;        /* the strings of people and interactions */
  GPtrArray  *people;        /* TendImportPerson in person_blocks, in order read */
  GPtrArray  *person_blocks; /* owned arrays of PERSON_BLOCK_SIZE people */
  GHashTable *by_key;        /* borrowed stable_key → TendImportPerson */
  GPtrArray  *other_names;   /* NameOfKey: names a person had besides the one kept */
  GHashTable *by_name;       /* owned casefolded name → borrowed key, or NULL when
                              * ambiguous; built when first asked for */
  GPtrArray  *interactions;  /* TendImportInteraction */
  GPtrArray  *skipped;       /* TendImportSkip */
  gboolean    roster;        /* some entry listed people, so absence means gone */
} SourceRows;

struct _TendImportSink
{
  GObject parent_instance;

  /* owned */
  SourceRows *sources[TEND_N_SOURCE_KINDS];
  char       *display_name;

  TendSourceKind kind;
  gboolean       in_entry;
  guint          n_entry_rows;
};

G_DEFINE_FINAL_TYPE (TendImportSink, tend_import_sink, G_TYPE_OBJECT)

typedef struct {
  char       *name;
  const char *key;           /* borrowed from the person */
} NameOfKey;

/* People are allocated by the thousand rather than one by one. */
#define PERSON_BLOCK_SIZE 1024

static void
name_of_key_free (gpointer data)
{
  NameOfKey *name = data;

  g_free (name->name);
  g_free (name);
}

void
tend_import_skip_free (TendImportSkip *skip)
{
  if (skip == NULL)
    return;

  g_free (skip->file);
  g_free (skip->list);
  g_free (skip->reason);
  g_free (skip);
}

TendImportSkip *
tend_import_skip_copy (const TendImportSkip *skip)
{
  TendImportSkip *copy;

  g_return_val_if_fail (skip != NULL, NULL);

  copy = g_new0 (TendImportSkip, 1);
  copy->file = g_strdup (skip->file);
  copy->line = skip->line;
  copy->entry = skip->entry;
  copy->list = g_strdup (skip->list);
  copy->reason = g_strdup (skip->reason);
  return copy;
}

static void
source_rows_free (SourceRows *rows)
{
  if (rows == NULL)
    return;

  g_hash_table_unref (rows->by_key);
  g_ptr_array_unref (rows->other_names);
  g_clear_pointer (&rows->by_name, g_hash_table_unref);
  g_ptr_array_unref (rows->people);
  g_ptr_array_unref (rows->person_blocks);
  g_string_chunk_free (rows->text);
  g_ptr_array_unref (rows->interactions);
  g_ptr_array_unref (rows->skipped);
  g_free (rows);
}

static SourceRows *
get_rows (TendImportSink *self)
{
  SourceRows *rows;

  g_return_val_if_fail (self->in_entry, NULL);

  rows = self->sources[self->kind];
  if (rows == NULL)
    {
      rows = g_new0 (SourceRows, 1);
      /* One chunk rather than a block per string: an export may list
       * a hundred thousand people. */
      rows->text = g_string_chunk_new (64 * 1024);
      rows->people = g_ptr_array_new ();
      rows->person_blocks = g_ptr_array_new_with_free_func (g_free);
      rows->by_key = g_hash_table_new (g_str_hash, g_str_equal);
      rows->other_names = g_ptr_array_new_with_free_func (name_of_key_free);
      rows->interactions = g_ptr_array_new_with_free_func (g_free);
      rows->skipped = g_ptr_array_new_with_free_func ((GDestroyNotify) tend_import_skip_free);
      self->sources[self->kind] = rows;
    }

  return rows;
}

static void
tend_import_sink_finalize (GObject *object)
{
  TendImportSink *self = (TendImportSink *)object;

  for (guint i = 0; i < TEND_N_SOURCE_KINDS; i++)
    g_clear_pointer (&self->sources[i], source_rows_free);
  g_free (self->display_name);

  G_OBJECT_CLASS (tend_import_sink_parent_class)->finalize (object);
}

static void
tend_import_sink_class_init (TendImportSinkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tend_import_sink_finalize;
}

static void
tend_import_sink_init (TendImportSink *self)
{
}

TendImportSink *
tend_import_sink_new (void)
{
  return g_object_new (TEND_TYPE_IMPORT_SINK, NULL);
}

static TendImportPerson *
new_person (SourceRows *rows)
{
  guint in_block = rows->people->len % PERSON_BLOCK_SIZE;

  if (in_block == 0)
    g_ptr_array_add (rows->person_blocks, g_new0 (TendImportPerson, PERSON_BLOCK_SIZE));

  return (TendImportPerson *) g_ptr_array_index (rows->person_blocks, rows->person_blocks->len - 1) + in_block;
}

static char *
dup_nonempty (SourceRows *rows,
              const char *text)
{
  return text != NULL && text[0] != '\0' ? g_string_chunk_insert (rows->text, text) : NULL;
}

/* For what many interactions share: the person they are with. */
static char *
dup_nonempty_shared (SourceRows *rows,
                     const char *text)
{
  return text != NULL && text[0] != '\0' ? g_string_chunk_insert_const (rows->text, text) : NULL;
}

static void
fill_if_empty (SourceRows  *rows,
               const char **field,
               const char  *text)
{
  if (*field == NULL)
    *field = dup_nonempty (rows, text);
}

/**
 * tend_import_sink_add_person:
 *
 * Adds a person to the current entry's source, or merges them with the
 * one of the same stable key read earlier in this import: relations add
 * up, empty fields are filled, the earliest known date wins.
 */
void
tend_import_sink_add_person (TendImportSink         *self,
                             const TendImportPerson *person)
{
  SourceRows *rows;
  TendImportPerson *known;

  g_return_if_fail (TEND_IS_IMPORT_SINK (self));
  g_return_if_fail (person != NULL);
  g_return_if_fail (person->stable_key != NULL && person->stable_key[0] != '\0');

  rows = get_rows (self);
  if (rows == NULL)
    return;

  self->n_entry_rows++;
  rows->roster = TRUE;

  known = g_hash_table_lookup (rows->by_key, person->stable_key);
  if (known == NULL)
    {
      known = new_person (rows);
      known->stable_key = g_string_chunk_insert (rows->text, person->stable_key);
      known->name = dup_nonempty (rows, person->name);
      known->handle = dup_nonempty (rows, person->handle);
      known->profile_url = dup_nonempty (rows, person->profile_url);
      known->avatar_url = dup_nonempty (rows, person->avatar_url);
      known->relation = person->relation;
      known->since = MAX (person->since, 0);
      g_ptr_array_add (rows->people, known);
      g_hash_table_insert (rows->by_key, (char *) known->stable_key, known);
    }
  else
    {
      fill_if_empty (rows, &known->name, person->name);
      fill_if_empty (rows, &known->handle, person->handle);
      fill_if_empty (rows, &known->profile_url, person->profile_url);
      fill_if_empty (rows, &known->avatar_url, person->avatar_url);
      known->relation |= person->relation;
      if (person->since > 0 && (known->since == 0 || person->since < known->since))
        known->since = person->since;
    }

  /* Names are folded only if an interaction must be found by name;
   * until then, only a second name for the same person is noted. */
  if (person->name != NULL && person->name[0] != '\0' && !g_str_equal (person->name, known->name))
    {
      NameOfKey *other = g_new0 (NameOfKey, 1);

      other->name = g_strdup (person->name);
      other->key = known->stable_key;
      g_ptr_array_add (rows->other_names, other);
    }
  g_clear_pointer (&rows->by_name, g_hash_table_unref);
}

/* A name maps to the one person who had it, or to NULL when several did;
 * that does not depend on the order the names are added in. */
static void
add_name (GHashTable *by_name,
          const char *name,
          const char *key)
{
  g_autofree char *folded = tend_import_casefold (name);
  gpointer value;

  if (!g_hash_table_lookup_extended (by_name, folded, NULL, &value))
    g_hash_table_insert (by_name, g_steal_pointer (&folded), (char *) key);
  else if (value != NULL && !g_str_equal (value, key))
    g_hash_table_insert (by_name, g_steal_pointer (&folded), NULL);
}

static GHashTable *
ensure_by_name (SourceRows *rows)
{
  if (rows->by_name != NULL)
    return rows->by_name;

  rows->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < rows->people->len; i++)
    {
      const TendImportPerson *person = g_ptr_array_index (rows->people, i);

      if (person->name != NULL)
        add_name (rows->by_name, person->name, person->stable_key);
    }

  for (guint i = 0; i < rows->other_names->len; i++)
    {
      const NameOfKey *other = g_ptr_array_index (rows->other_names, i);

      add_name (rows->by_name, other->name, other->key);
    }

  return rows->by_name;
}

void
tend_import_sink_add_interaction (TendImportSink      *self,
                                  const char          *person_key,
                                  const char          *person_name,
                                  TendDirection        direction,
                                  TendInteractionKind  kind,
                                  gint64               occurred_at,
                                  const char          *external_id)
{
  TendImportInteraction *interaction;
  SourceRows *rows;

  g_return_if_fail (TEND_IS_IMPORT_SINK (self));
  g_return_if_fail (person_key != NULL || person_name != NULL);

  rows = get_rows (self);
  if (rows == NULL)
    return;

  self->n_entry_rows++;

  interaction = g_new0 (TendImportInteraction, 1);
  interaction->person_key = dup_nonempty_shared (rows, person_key);
  interaction->person_name = dup_nonempty_shared (rows, person_name);
  interaction->direction = direction;
  interaction->kind = kind;
  interaction->occurred_at = occurred_at;
  interaction->external_id = dup_nonempty (rows, external_id);
  g_ptr_array_add (rows->interactions, interaction);
}

static void
add_skip (TendImportSink *self,
          guint           line,
          guint           entry,
          const char     *list,
          const char     *format,
          va_list         args)
{
  TendImportSkip *skip;
  SourceRows *rows;

  rows = get_rows (self);
  if (rows == NULL)
    return;

  skip = g_new0 (TendImportSkip, 1);
  skip->file = g_strdup (self->display_name);
  skip->line = line;
  skip->entry = entry;
  skip->list = g_strdup (list);
  skip->reason = g_strdup_vprintf (format, args);
  g_ptr_array_add (rows->skipped, skip);
}

/**
 * tend_import_sink_skip_row:
 * @line: the line where the row starts, 1 for the first, or 0 when the
 *   reason concerns the whole entry
 * @format: why, translated, as a clause: "2 columns where 7 were expected"
 */
void
tend_import_sink_skip_row (TendImportSink *self,
                           guint           line,
                           const char     *format,
                           ...)
{
  va_list args;

  g_return_if_fail (TEND_IS_IMPORT_SINK (self));
  g_return_if_fail (format != NULL);

  va_start (args, format);
  add_skip (self, line, 0, NULL, format, args);
  va_end (args);
}

/**
 * tend_import_sink_skip_entry:
 * @list: (nullable): the list's name in the file ("friends_v2"), or
 *   %NULL when the file is the list
 * @entry: the entry's place in the list, 1 for the first
 * @format: why, translated, as a clause: "no name"
 *
 * Skips an element of a JSON list, which has no line to name.
 */
void
tend_import_sink_skip_entry (TendImportSink *self,
                             const char     *list,
                             guint           entry,
                             const char     *format,
                             ...)
{
  va_list args;

  g_return_if_fail (TEND_IS_IMPORT_SINK (self));
  g_return_if_fail (entry > 0);
  g_return_if_fail (format != NULL);

  va_start (args, format);
  add_skip (self, 0, entry, list, format, args);
  va_end (args);
}

void
tend_import_sink_begin_entry (TendImportSink *self,
                              TendSourceKind  kind,
                              const char     *display_name)
{
  g_return_if_fail (TEND_IS_IMPORT_SINK (self));
  g_return_if_fail ((guint) kind < TEND_N_SOURCE_KINDS);

  g_free (self->display_name);
  self->display_name = g_strdup (display_name);
  self->kind = kind;
  self->in_entry = TRUE;
  self->n_entry_rows = 0;
  get_rows (self);
}

/**
 * tend_import_sink_end_entry:
 *
 * Returns: how many people and interactions the entry gave
 */
guint
tend_import_sink_end_entry (TendImportSink *self)
{
  g_return_val_if_fail (TEND_IS_IMPORT_SINK (self), 0);

  self->in_entry = FALSE;
  return self->n_entry_rows;
}

gboolean
tend_import_sink_has_source (TendImportSink *self,
                             TendSourceKind  kind)
{
  g_return_val_if_fail (TEND_IS_IMPORT_SINK (self), FALSE);
  g_return_val_if_fail ((guint) kind < TEND_N_SOURCE_KINDS, FALSE);

  return self->sources[kind] != NULL;
}

gboolean
tend_import_sink_is_roster (TendImportSink *self,
                            TendSourceKind  kind)
{
  g_return_val_if_fail (tend_import_sink_has_source (self, kind), FALSE);
  return self->sources[kind]->roster;
}

/**
 * tend_import_sink_get_people:
 *
 * Returns: (transfer none) (element-type TendImportPerson): everyone read
 *   for @kind, merged, in the order first read
 */
GPtrArray *
tend_import_sink_get_people (TendImportSink *self,
                             TendSourceKind  kind)
{
  g_return_val_if_fail (tend_import_sink_has_source (self, kind), NULL);
  return self->sources[kind]->people;
}

/**
 * tend_import_sink_get_interactions:
 *
 * Returns: (transfer none) (element-type TendImportInteraction)
 */
GPtrArray *
tend_import_sink_get_interactions (TendImportSink *self,
                                   TendSourceKind  kind)
{
  g_return_val_if_fail (tend_import_sink_has_source (self, kind), NULL);
  return self->sources[kind]->interactions;
}

/**
 * tend_import_sink_get_skipped:
 *
 * Returns: (transfer none) (element-type TendImportSkip)
 */
GPtrArray *
tend_import_sink_get_skipped (TendImportSink *self,
                              TendSourceKind  kind)
{
  g_return_val_if_fail (tend_import_sink_has_source (self, kind), NULL);
  return self->sources[kind]->skipped;
}

/**
 * tend_import_sink_find_key_by_name:
 *
 * Returns: (nullable): the stable key of the one person of that name read
 *   for @kind in this import, or %NULL when there is none or several
 */
const char *
tend_import_sink_find_key_by_name (TendImportSink *self,
                                   TendSourceKind  kind,
                                   const char     *name)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (tend_import_sink_has_source (self, kind), NULL);

  if (name == NULL)
    return NULL;

  folded = tend_import_casefold (name);
  return g_hash_table_lookup (ensure_by_name (self->sources[kind]), folded);
}

/**
 * tend_import_sink_find_person:
 *
 * Returns: (nullable): the person of that stable key read for @kind in
 *   this import, merged
 */
const TendImportPerson *
tend_import_sink_find_person (TendImportSink *self,
                              TendSourceKind  kind,
                              const char     *key)
{
  g_return_val_if_fail (tend_import_sink_has_source (self, kind), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return g_hash_table_lookup (self->sources[kind]->by_key, key);
}

/**
 * tend_import_relation_fold:
 *
 * Returns: %FALSE when @relation says the person is no longer connected
 */
gboolean
tend_import_relation_fold (TendImportRelation  relation,
                           TendFollowState    *state)
{
  g_return_val_if_fail (state != NULL, FALSE);

  if (relation & TEND_IMPORT_RELATION_FRIEND)
    *state = TEND_FOLLOW_STATE_FRIENDS;
  else if ((relation & TEND_IMPORT_RELATION_FOLLOWER) && (relation & TEND_IMPORT_RELATION_FOLLOWING))
    *state = TEND_FOLLOW_STATE_MUTUAL;
  else if (relation & TEND_IMPORT_RELATION_FOLLOWING)
    *state = TEND_FOLLOW_STATE_I_FOLLOW;
  else if (relation & TEND_IMPORT_RELATION_FOLLOWER)
    *state = TEND_FOLLOW_STATE_FOLLOWS_ME;
  else if (relation & TEND_IMPORT_RELATION_CONTACT)
    *state = TEND_FOLLOW_STATE_CONTACT;
  else
    return FALSE;

  return TRUE;
}
