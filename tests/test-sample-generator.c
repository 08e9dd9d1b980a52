/* test-sample-generator.c: the sample business is realistic and repeatable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tend-test-sample-generator"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tend-reciprocity.h"
#include "tend-sample-generator.h"
#include "tend-store.h"

/* 2026-01-01 00:00:00 UTC */
#define NOW ((gint64) 1767225600)

/* NULL fields print as a dash. */
#define S(text) ((text) != NULL ? (text) : "-")

static const char * const builtin_tags[] = {
  "Customer", "Partner", "Supplier", "Peer", "Friend", "Family", NULL,
};

typedef struct {
  char *dir;
  TendStore *store;
} TestProfile;

static void
test_profile_open (TestProfile *profile)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  profile->dir = g_dir_make_tmp ("tend-sample-XXXXXX", &error);
  g_assert_no_error (error);

  path = tend_store_build_path (profile->dir);
  profile->store = tend_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (profile->store);
}

static void
test_profile_close (TestProfile *profile)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&profile->store);

  dir = g_dir_open (profile->dir, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (profile->dir, name, NULL);

      g_assert_cmpint (g_remove (path), ==, 0);
    }

  g_assert_cmpint (g_rmdir (profile->dir), ==, 0);
  g_clear_pointer (&profile->dir, g_free);
}

static void
generate (TendStore               *store,
          const TendSampleOptions *options)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = tend_sample_generate (store, options, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

static GListModel *
list_connections (TendStore *store)
{
  g_autoptr(GError) error = NULL;
  GListModel *connections = tend_store_list_connections (store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (connections);
  return connections;
}

static void
dump_interaction (gint64              connection_id,
                  TendDirection       direction,
                  TendInteractionKind kind,
                  gint64              occurred_at,
                  gpointer            user_data)
{
  GPtrArray *lines = user_data;

  g_ptr_array_add (lines, g_strdup_printf ("interaction %" G_GINT64_FORMAT " %s %s %" G_GINT64_FORMAT,
                                           connection_id,
                                           tend_direction_to_key (direction),
                                           tend_interaction_kind_to_key (kind),
                                           occurred_at));
}

/* Everything the sample wrote, one line per row, except the wall-clock
 * times the store stamps by itself (decided_at, journal times). */
static GPtrArray *
dump_content (TendStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) sources = NULL;
  g_autoptr(GListModel) connections = NULL;
  g_autoptr(GPtrArray) journal = NULL;
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  sources = tend_store_list_sources (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(TendSource) source = g_list_model_get_item (sources, i);

      g_ptr_array_add (lines, g_strdup_printf ("source %" G_GINT64_FORMAT " %s|%s|%s|%u",
                                               tend_source_get_id (source),
                                               tend_source_kind_to_key (tend_source_get_kind (source)),
                                               S (tend_source_get_account (source)),
                                               S (tend_source_get_title (source)),
                                               tend_source_get_connection_count (source)));
    }

  connections = list_connections (store);
  for (guint i = 0; i < g_list_model_get_n_items (connections); i++)
    {
      g_autoptr(TendConnection) c = g_list_model_get_item (connections, i);
      g_autofree char *tags = g_strjoinv (",", (char **) tend_connection_get_tags (c));

      g_ptr_array_add (lines, g_strdup_printf ("connection %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                                               " %s|%s|%s|%s|%s|%s|%s|%s|%" G_GINT64_FORMAT "|%s|%s|%s",
                                               tend_connection_get_id (c),
                                               tend_connection_get_source_id (c),
                                               tend_source_kind_to_key (tend_connection_get_source_kind (c)),
                                               S (tend_connection_get_source_title (c)),
                                               S (tend_connection_get_stable_key (c)),
                                               S (tend_connection_get_name (c)),
                                               S (tend_connection_get_handle (c)),
                                               S (tend_connection_get_profile_url (c)),
                                               S (tend_connection_get_avatar_url (c)),
                                               tend_follow_state_to_key (tend_connection_get_follow_state (c)),
                                               tend_connection_get_connected_since (c),
                                               tags,
                                               tend_decision_to_key (tend_connection_get_decision (c)),
                                               S (tend_connection_get_note (c))));
    }

  g_assert_true (tend_store_foreach_interaction (store, G_MININT64, dump_interaction, lines, &error));
  g_assert_no_error (error);

  journal = tend_store_list_journal (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < journal->len; i++)
    {
      TendJournalEntry *entry = g_ptr_array_index (journal, i);

      g_ptr_array_add (lines, g_strdup_printf ("journal %" G_GINT64_FORMAT " %s %" G_GINT64_FORMAT " %s %s",
                                               entry->id, S (entry->action), entry->connection_id,
                                               S (entry->before), S (entry->after)));
    }

  return lines;
}

static gboolean
same_content (GPtrArray *a,
              GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      if (!g_str_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
        {
          g_test_message ("First difference at line %u:\n  %s\n  %s", i,
                          (const char *) g_ptr_array_index (a, i),
                          (const char *) g_ptr_array_index (b, i));
          return FALSE;
        }
    }

  return TRUE;
}

static GPtrArray *
generate_and_dump (guint64 seed)
{
  TestProfile profile = { 0 };
  TendSampleOptions options;
  GPtrArray *lines;

  tend_sample_options_init_default (&options);
  options.seed = seed;
  options.now = NOW;

  test_profile_open (&profile);
  generate (profile.store, &options);
  lines = dump_content (profile.store);
  test_profile_close (&profile);

  return lines;
}

static void
test_deterministic (void)
{
  g_autoptr(GPtrArray) first = generate_and_dump (1);
  g_autoptr(GPtrArray) second = generate_and_dump (1);
  g_autoptr(GPtrArray) other = generate_and_dump (2);

  g_assert_cmpuint (first->len, >, 1000);
  g_assert_true (same_content (first, second));
  g_assert_false (same_content (first, other));
}

static void
test_default_shape (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) sources = NULL;
  g_autoptr(GListModel) connections = NULL;
  g_autoptr(GHashTable) scripts = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) script_list = g_string_new (NULL);
  gboolean seen_kind[TEND_N_SOURCE_KINDS] = { FALSE };
  TestProfile profile = { 0 };
  TendSampleOptions options;
  guint n_customers = 0;
  guint n_keep = 0;
  guint n_prune = 0;
  guint n_owner_tagged = 0;
  guint n_same_names = 0;
  guint n_connections;
  gint64 n_interactions;

  tend_sample_options_init_default (&options);
  g_assert_cmpuint (options.seed, ==, 1);
  g_assert_cmpuint (options.n_interactions, ==, 0);
  g_assert_cmpint (ABS (options.now - g_get_real_time () / G_USEC_PER_SEC), <, 60);

  test_profile_open (&profile);
  generate (profile.store, &options);

  sources = tend_store_list_sources (profile.store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (sources), ==, TEND_N_SOURCE_KINDS);
  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(TendSource) source = g_list_model_get_item (sources, i);

      g_assert_false (seen_kind[tend_source_get_kind (source)]);
      seen_kind[tend_source_get_kind (source)] = TRUE;
      g_assert_cmpuint (tend_source_get_connection_count (source), >, 0);
    }

  connections = list_connections (profile.store);
  n_connections = g_list_model_get_n_items (connections);
  g_assert_cmpuint (n_connections, >=, 350);
  g_assert_cmpuint (n_connections, <=, 450);

  n_interactions = tend_store_count_interactions (profile.store, &error);
  g_assert_no_error (error);
  g_test_message ("Default sample: %u connections, %" G_GINT64_FORMAT " interactions",
                  n_connections, n_interactions);
  g_assert_cmpint (n_interactions, >=, 1000);
  g_assert_cmpint (n_interactions, <=, 10000);

  for (guint i = 0; i < n_connections; i++)
    {
      g_autoptr(TendConnection) c = g_list_model_get_item (connections, i);
      TendSourceKind kind = tend_connection_get_source_kind (c);
      TendFollowState state = tend_connection_get_follow_state (c);
      const char *url = tend_connection_get_profile_url (c);
      const char *handle = tend_connection_get_handle (c);
      const char * const *tags = tend_connection_get_tags (c);
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT "|%s",
                                              tend_connection_get_source_id (c),
                                              tend_connection_get_stable_key (c));

      g_autofree char *name = g_strdup_printf ("%" G_GINT64_FORMAT "|%s",
                                               tend_connection_get_source_id (c),
                                               tend_connection_get_name (c));

      /* Stable keys are unique per source; names need not be. */
      g_assert_false (g_hash_table_contains (keys, key));
      g_hash_table_add (keys, g_steal_pointer (&key));
      if (!g_hash_table_add (names, g_steal_pointer (&name)))
        n_same_names++;

      for (const char *p = tend_connection_get_name (c); *p != '\0'; p = g_utf8_next_char (p))
        {
          GUnicodeScript script = g_unichar_get_script (g_utf8_get_char (p));

          if (script != G_UNICODE_SCRIPT_COMMON && script != G_UNICODE_SCRIPT_INHERITED &&
              script != G_UNICODE_SCRIPT_UNKNOWN)
            g_hash_table_add (scripts, GINT_TO_POINTER (script + 1));
        }

      /* Follow states, handles and URLs as each network has them. */
      switch (kind)
        {
        case TEND_SOURCE_KIND_FACEBOOK:
          g_assert_cmpint (state, ==, TEND_FOLLOW_STATE_FRIENDS);
          g_assert_null (handle);
          g_assert_null (url);
          break;
        case TEND_SOURCE_KIND_LINKEDIN:
          g_assert_cmpint (state, ==, TEND_FOLLOW_STATE_FRIENDS);
          g_assert_true (url == NULL || g_str_has_prefix (url, "https://www.linkedin.com/in/"));
          break;
        case TEND_SOURCE_KIND_GOOGLE_CONTACTS:
        case TEND_SOURCE_KIND_VCARD:
          g_assert_cmpint (state, ==, TEND_FOLLOW_STATE_CONTACT);
          g_assert_null (url);
          break;
        case TEND_SOURCE_KIND_MASTODON:
        case TEND_SOURCE_KIND_MASTODON_CSV:
          g_assert_true (state == TEND_FOLLOW_STATE_MUTUAL || state == TEND_FOLLOW_STATE_I_FOLLOW ||
                         state == TEND_FOLLOW_STATE_FOLLOWS_ME);
          g_assert_true (g_str_has_prefix (url, "https://"));
          g_assert_nonnull (strstr (url, "/@"));
          g_assert_true (handle[0] == '@' && strchr (handle + 1, '@') != NULL);
          break;
        case TEND_SOURCE_KIND_BLUESKY:
          g_assert_true (g_str_has_prefix (url, "https://bsky.app/profile/"));
          g_assert_true (g_str_has_prefix (tend_connection_get_stable_key (c), "did:plc:"));
          break;
        case TEND_SOURCE_KIND_INSTAGRAM:
          g_assert_true (g_str_has_prefix (url, "https://www.instagram.com/"));
          break;
        case TEND_SOURCE_KIND_X:
          g_assert_true (g_str_has_prefix (url, "https://x.com/"));
          g_assert_cmpuint (strlen (handle), <=, 16);
          break;
        default:
          g_assert_not_reached ();
        }

      if (kind != TEND_SOURCE_KIND_MASTODON_CSV)
        {
          g_assert_cmpint (tend_connection_get_connected_since (c), >, 0);
          g_assert_cmpint (tend_connection_get_connected_since (c), <, options.now);
        }

      if (tend_connection_has_tag (c, "Customer"))
        n_customers++;

      for (guint t = 0; tags[t] != NULL; t++)
        {
          if (!g_strv_contains (builtin_tags, tags[t]))
            {
              n_owner_tagged++;
              break;
            }
        }

      switch (tend_connection_get_decision (c))
        {
        case TEND_DECISION_KEEP:
          n_keep++;
          break;
        case TEND_DECISION_PRUNE:
          n_prune++;
          break;
        case TEND_DECISION_UNDECIDED:
        default:
          g_assert_null (tend_connection_get_note (c));
          break;
        }
    }

  for (guint k = 0; k < TEND_N_SOURCE_KINDS; k++)
    g_assert_true (seen_kind[k]);

  {
    GHashTableIter iter;
    gpointer script;

    g_hash_table_iter_init (&iter, scripts);
    while (g_hash_table_iter_next (&iter, &script, NULL))
      g_string_append_printf (script_list, " %d", GPOINTER_TO_INT (script) - 1);
  }

  g_test_message ("Scripts:%s; %u Customers, %u owner-tagged, %u keep, %u prune, "
                  "%u names repeated within a source",
                  script_list->str, n_customers, n_owner_tagged, n_keep, n_prune, n_same_names);

  g_assert_cmpuint (g_hash_table_size (scripts), >=, 5);
  g_assert_true (g_hash_table_contains (scripts, GINT_TO_POINTER (G_UNICODE_SCRIPT_LATIN + 1)));
  g_assert_cmpuint (n_customers, >=, 30);
  g_assert_cmpuint (n_owner_tagged, >=, 5);
  g_assert_cmpuint (n_keep, >=, 2);
  g_assert_cmpuint (n_prune, >=, 2);
  g_assert_cmpuint (n_same_names, >=, 1);

  test_profile_close (&profile);
}

static void
test_default_quadrants (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) connections = NULL;
  guint counts[TEND_N_QUADRANTS] = { 0 };
  TendReciprocityParams params;
  TestProfile profile = { 0 };
  TendSampleOptions options;
  guint n_items;

  tend_sample_options_init_default (&options);
  tend_reciprocity_params_init_default (&params);

  test_profile_open (&profile);
  generate (profile.store, &options);

  connections = list_connections (profile.store);
  g_assert_true (tend_reciprocity_apply (profile.store, connections, &params, options.now, &error));
  g_assert_no_error (error);

  n_items = g_list_model_get_n_items (connections);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(TendConnection) c = g_list_model_get_item (connections, i);

      counts[tend_connection_get_quadrant (c)]++;
    }

  g_test_message ("Quadrants of %u: solid %u, you invest %u, they invest %u, dormant %u",
                  n_items,
                  counts[TEND_QUADRANT_SOLID], counts[TEND_QUADRANT_YOU_INVEST],
                  counts[TEND_QUADRANT_THEY_INVEST], counts[TEND_QUADRANT_DORMANT]);

  for (guint q = 0; q < TEND_N_QUADRANTS; q++)
    g_assert_cmpuint (counts[q], >=, 20);

  /* Most followers never talk: Dormant is the largest. */
  g_assert_cmpuint (counts[TEND_QUADRANT_DORMANT], >, n_items / 2);

  test_profile_close (&profile);
}

static void
test_scale (void)
{
  g_autoptr(GError) error = NULL;
  TestProfile profile = { 0 };
  TendSampleOptions options;

  tend_sample_options_init_default (&options);
  options.now = NOW;
  options.n_connections = 2000;
  options.n_interactions = 20000;

  test_profile_open (&profile);
  generate (profile.store, &options);
  g_assert_cmpint (tend_store_count_connections (profile.store, &error), ==, 2000);
  g_assert_no_error (error);
  g_assert_cmpint (tend_store_count_interactions (profile.store, &error), ==, 20000);
  g_assert_no_error (error);
  test_profile_close (&profile);

  /* Fewer connections than sources: every source is still there. */
  options.n_connections = 5;
  options.n_interactions = 77;

  test_profile_open (&profile);
  generate (profile.store, &options);
  g_assert_cmpint (tend_store_count_connections (profile.store, &error), ==, 5);
  g_assert_cmpint (tend_store_count_interactions (profile.store, &error), ==, 77);
  {
    g_autoptr(GListModel) sources = tend_store_list_sources (profile.store, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (sources), ==, TEND_N_SOURCE_KINDS);
  }
  test_profile_close (&profile);
}

static void
test_no_connections (void)
{
  g_autoptr(GError) error = NULL;
  TestProfile profile = { 0 };
  TendSampleOptions options;

  tend_sample_options_init_default (&options);
  options.n_connections = 0;
  options.n_interactions = 10;

  test_profile_open (&profile);
  g_assert_false (tend_sample_generate (profile.store, &options, NULL, &error));
  g_assert_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpint (tend_store_count_connections (profile.store, &error), ==, 0);
  {
    g_autoptr(GListModel) sources = tend_store_list_sources (profile.store, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (sources), ==, 0);
  }
  test_profile_close (&profile);
}

static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) sources = NULL;
  g_autoptr(GPtrArray) journal = NULL;
  TestProfile profile = { 0 };
  TendSampleOptions options;

  tend_sample_options_init_default (&options);
  g_cancellable_cancel (cancellable);

  test_profile_open (&profile);
  g_assert_false (tend_sample_generate (profile.store, &options, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_assert_cmpint (tend_store_count_connections (profile.store, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpint (tend_store_count_interactions (profile.store, &error), ==, 0);
  g_assert_no_error (error);
  sources = tend_store_list_sources (profile.store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (sources), ==, 0);
  journal = tend_store_list_journal (profile.store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (journal->len, ==, 0);

  /* The store is still usable: a later, uncancelled run fills it. */
  generate (profile.store, &options);
  g_assert_cmpint (tend_store_count_connections (profile.store, &error), ==, options.n_connections);

  test_profile_close (&profile);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sample-generator/deterministic", test_deterministic);
  g_test_add_func ("/sample-generator/default-shape", test_default_shape);
  g_test_add_func ("/sample-generator/default-quadrants", test_default_quadrants);
  g_test_add_func ("/sample-generator/scale", test_scale);
  g_test_add_func ("/sample-generator/no-connections", test_no_connections);
  g_test_add_func ("/sample-generator/cancelled", test_cancelled);

  return g_test_run ();
}
