/* test-import-json.c: Facebook, Instagram and X exports, end to end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "tend-facebook-friends-importer.h"
#include "tend-facebook-messages-importer.h"
#include "tend-facebook-text.h"
#include "tend-google-contacts-importer.h"
#include "tend-import.h"
#include "tend-instagram-importer.h"
#include "tend-linkedin-connections-importer.h"
#include "tend-linkedin-messages-importer.h"
#include "tend-mastodon-csv-importer.h"
#include "tend-store.h"
#include "tend-test-import.h"
#include "tend-test-utils.h"
#include "tend-vcard-importer.h"
#include "tend-x-archive-importer.h"

typedef TendTestImportFixture Fixture;

static void
test_mojibake (void)
{
  struct {
    const char *in;
    const char *repaired;
  } cases[] = {
    { "Ren\u00c3\u00a9e", "Renée" },
    { "Nicol\u00c3\u00a0", "Nicolà" },
    { "Ma\u00c3\u00afa", "Maïa" },
    { "\xc3\xa7\xc2\xbe\xc2\x8e\xc3\xa5\xc2\x92\xc2\xb2", "美咲" },
    { "plain", "plain" },
    /* Already right: not valid UTF-8 once taken back to bytes. */
    { "Zoë", "Zoë" },
    { "José", "José" },
    /* Above U+00FF: never mangled. */
    { "美咲 Renée", "美咲 Renée" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *repaired = tend_facebook_text_repair (cases[i].in);

      g_assert_cmpstr (repaired, ==, cases[i].repaired);
    }

  /* U+00A0 is the second half of "à": repaired before anything trims. */
  {
    g_autofree char *cleaned = tend_facebook_text_clean ("  Nicol\u00c3\u00a0  ");
    g_autofree char *nbsp = tend_facebook_text_clean ("Nicol\u00c3\u00a0");

    g_assert_cmpstr (cleaned, ==, "Nicolà");
    g_assert_cmpstr (nbsp, ==, "Nicolà");
  }

  g_assert_null (tend_facebook_text_clean ("   "));
  g_assert_null (tend_facebook_text_repair (NULL));
}

static JsonNode *
load_text (const char  *text,
           gboolean     js,
           char       **assigned,
           GError     **error)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (g_strdup (text), strlen (text), g_free);

  return tend_import_json_load (stream, js, assigned, NULL, error);
}

static void
test_json_limits (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) fine = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *assigned = NULL;

  for (guint i = 0; i < 65; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 65; i++)
    g_string_append_c (deep, ']');
  node = load_text (deep->str, FALSE, NULL, &error);
  g_assert_null (node);
  g_assert_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_SUSPICIOUS);
  g_assert_nonnull (strstr (error->message, "line 1, position 65"));
  g_clear_error (&error);

  /* Brackets inside strings do not count. */
  g_string_append (fine, "[\"");
  for (guint i = 0; i < 100; i++)
    g_string_append (fine, "[{");
  g_string_append (fine, "\\\"\"]");
  node = load_text (fine->str, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_clear_pointer (&node, json_node_unref);

  node = load_text ("{\n  \"a\": [1,\n  2,,]\n}", FALSE, NULL, &error);
  g_assert_null (node);
  g_assert_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "line 3, position"));
  g_clear_error (&error);

  /* X's JavaScript: the assignment is blanked, positions are kept. */
  node = load_text ("window.YTD.following.part2 = [ {\"following\": {\"accountId\": \"1\"}} ]", TRUE,
                    &assigned, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  g_assert_cmpstr (assigned, ==, "following");
  g_clear_pointer (&node, json_node_unref);

  node = load_text ("window.YTD.following.part2 = [ , ]", TRUE, NULL, &error);
  g_assert_null (node);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "line 1, position 3"));
  g_clear_error (&error);

  node = load_text ("var x = []", TRUE, NULL, &error);
  g_assert_null (node);
  g_assert_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID);
}

static void
test_detect_by_content (void)
{
  g_autoptr(GPtrArray) importers = g_ptr_array_new_with_free_func (g_object_unref);
  const TendTestDetectCase cases[] = {
    { "facebook/connections/friends/your_friends.json", TEND_TYPE_FACEBOOK_FRIENDS_IMPORTER },
    { "facebook/connections/friends/removed_friends.json", TEND_TYPE_FACEBOOK_FRIENDS_IMPORTER },
    { "facebook/connections/followers_and_following/who_you've_followed.json", TEND_TYPE_FACEBOOK_FRIENDS_IMPORTER },
    { "facebook/connections/followers_and_following/people_who_followed_you.json", TEND_TYPE_FACEBOOK_FRIENDS_IMPORTER },
    { "facebook-old/friends/friends.json", TEND_TYPE_FACEBOOK_FRIENDS_IMPORTER },
    { "facebook/messages/inbox/renee_1/message_1.json", TEND_TYPE_FACEBOOK_MESSAGES_IMPORTER },
    { "instagram/connections/followers_and_following/followers_1.json", TEND_TYPE_INSTAGRAM_IMPORTER },
    { "instagram/connections/followers_and_following/following.json", TEND_TYPE_INSTAGRAM_IMPORTER },
    { "x/data/follower.js", TEND_TYPE_X_ARCHIVE_IMPORTER },
    { "x/data/follower-part1.js", TEND_TYPE_X_ARCHIVE_IMPORTER },
    { "x/data/following.js", TEND_TYPE_X_ARCHIVE_IMPORTER },
    { "x/data/direct-messages.js", TEND_TYPE_X_ARCHIVE_IMPORTER },
  };
  struct {
    const char *text;
  } others[] = {
    { "{\"received_requests_v2\": [{\"name\": \"A\", \"timestamp\": 1}]}" },
    { "{\"relationships_close_friends\": []}" },
    { "window.YTD.tweets.part0 = []" },
    { "[1, 2, 3]" },
  };

  g_ptr_array_add (importers, tend_linkedin_connections_importer_new ());
  g_ptr_array_add (importers, tend_linkedin_messages_importer_new ());
  g_ptr_array_add (importers, tend_mastodon_csv_importer_new ());
  g_ptr_array_add (importers, tend_google_contacts_importer_new ());
  g_ptr_array_add (importers, tend_vcard_importer_new ());
  g_ptr_array_add (importers, tend_facebook_friends_importer_new ());
  g_ptr_array_add (importers, tend_facebook_messages_importer_new ());
  g_ptr_array_add (importers, tend_instagram_importer_new ());
  g_ptr_array_add (importers, tend_x_archive_importer_new ());

  /* Renamed files are still recognised by what they hold. */
  tend_test_assert_detected (importers, cases, G_N_ELEMENTS (cases), "renamed-download (1).json");

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (others[i].text, strlen (others[i].text));

      g_test_message ("%s", others[i].text);
      g_assert_null (tend_test_best_importer (importers, "data.json", bytes));
    }
}

static void
test_facebook (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(TendImportResult) result = tend_test_import_ok (fixture, "facebook");
  g_autoptr(TendImportResult) again = NULL;
  g_autoptr(GHashTable) people = tend_test_connections_by_name (fixture, TEND_SOURCE_KIND_FACEBOOK);
  TendConnection *renee, *nicola, *sam, *sam2, *ann, *ann2, *page, *fan;
  gint64 n_interactions;

  g_assert_cmpuint (g_hash_table_size (people), ==, 8);
  g_assert_false (g_hash_table_contains (people, "Old Pal"));

  renee = tend_test_get_connection (people, "Renée Dubois");
  nicola = tend_test_get_connection (people, "Nicolà");
  sam = tend_test_get_connection (people, "Sam Lee");
  sam2 = tend_test_get_connection (people, "Sam Lee#2");
  ann = tend_test_get_connection (people, "Ann Kim");
  ann2 = tend_test_get_connection (people, "Ann Kim#2");
  page = tend_test_get_connection (people, "Bakery Page");
  fan = tend_test_get_connection (people, "Fan One");

  g_assert_cmpint (tend_connection_get_follow_state (renee), ==, TEND_FOLLOW_STATE_FRIENDS);
  g_assert_cmpint (tend_connection_get_follow_state (nicola), ==, TEND_FOLLOW_STATE_FRIENDS);
  g_assert_cmpint (tend_connection_get_follow_state (page), ==, TEND_FOLLOW_STATE_I_FOLLOW);
  g_assert_cmpint (tend_connection_get_follow_state (fan), ==, TEND_FOLLOW_STATE_FOLLOWS_ME);
  g_assert_cmpint (tend_connection_get_connected_since (renee), ==, 1600000000);
  g_assert_cmpint (tend_connection_get_connected_since (nicola), ==, 1500000000);
  g_assert_cmpint (tend_connection_get_connected_since (page), ==, 1610000000);

  /* Same name: different dates, or the same date twice, still two people. */
  g_assert_cmpstr (tend_connection_get_stable_key (sam), !=, tend_connection_get_stable_key (sam2));
  g_assert_cmpstr (tend_connection_get_stable_key (ann), !=, tend_connection_get_stable_key (ann2));
  g_assert_cmpint (tend_connection_get_connected_since (ann), ==, 1300000000);
  g_assert_cmpint (tend_connection_get_connected_since (ann2), ==, 1300000000);

  /* Messenger: Maïa Owner is in every conversation, so she is the owner,
   * though the first conversation read could not tell. */
  g_assert_cmpuint (tend_test_count_interactions (fixture, tend_connection_get_id (renee), TEND_DIRECTION_IN), ==, 2);
  g_assert_cmpuint (tend_test_count_interactions (fixture, tend_connection_get_id (renee), TEND_DIRECTION_OUT), ==, 1);
  g_assert_cmpuint (tend_test_count_interactions (fixture, tend_connection_get_id (nicola), TEND_DIRECTION_IN), ==, 1);
  g_assert_cmpuint (tend_test_count_interactions (fixture, tend_connection_get_id (nicola), TEND_DIRECTION_OUT), ==, 1);
  g_assert_cmpuint (tend_test_count_interactions (fixture, tend_connection_get_id (fan), TEND_DIRECTION_IN), ==, 0);
  g_assert_cmpuint (tend_test_count_interactions (fixture, tend_connection_get_id (fan), TEND_DIRECTION_OUT), ==, 1);
  n_interactions = tend_test_count_all_interactions (fixture);
  g_assert_cmpint (n_interactions, ==, 6);
  {
    const TendImportSourceResult *source = g_ptr_array_index (result->sources, 0);

    g_assert_cmpuint (source->skipped->len, ==, 0);
    g_assert_cmpuint (source->n_added, ==, 8);
  }

  /* Messages are told apart by ids made from the thread and the message;
   * stored in profiles, they must never change. */
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open_v2 (tend_store_get_path (fixture->store), &db, SQLITE_OPEN_READONLY, NULL),
                     ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db,
                                         "SELECT group_concat (external_id, ',') FROM"
                                         " (SELECT external_id FROM interactions ORDER BY external_id)",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==,
                     "1d07c6d407258cc7b833fa521f127f8cce446980,271b8fbbdccef26eef27848733fc1c90ef0c0bf6,"
                     "46874847fb85b6c33afa24c1f278cbe75ea1795e,46874847fb85b6c33afa24c1f278cbe75ea1795e,"
                     "5c8b78123ffe844117eeab57e6cc523eb66a3343,ad0862673b7d93133745e057f8e828b99a47b5d8");
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }

  /* Importing the same export again changes nothing. */
  again = tend_test_import_ok (fixture, "facebook");
  {
    const TendImportSourceResult *source = g_ptr_array_index (again->sources, 0);

    g_assert_cmpuint (source->n_added, ==, 0);
    g_assert_cmpuint (source->n_updated, ==, 0);
    g_assert_cmpuint (source->n_removed, ==, 0);
    g_assert_cmpuint (source->n_interactions_added, ==, 0);
  }
  g_assert_cmpint (tend_test_count_connections (fixture), ==, 8);
  g_assert_cmpint (tend_test_count_all_interactions (fixture), ==, n_interactions);
}

/* JSON keeps no lines, so a skipped entry is named by its place in its
 * list, never as "line 0". */
static void
test_skipped_entries (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "your_friends.json", NULL);
  g_autoptr(TendImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  const char *json =
    "{\"friends_v2\": [\n"
    "  {\"name\": \"Ren\\u00c3\\u00a9e Dubois\", \"timestamp\": 1600000000},\n"
    "  {\"timestamp\": 1600000000},\n"
    "  \"Nicola\"\n"
    "]}\n";

  g_assert_true (g_file_set_contents (path, json, -1, &error));
  result = tend_test_import_paths (fixture, &error, path, NULL);
  g_assert_no_error (error);

  summary = tend_import_result_to_string (result);
  g_assert_cmpstr (summary, ==,
                   "Facebook: 1 connection added, 0 updated, 2 rows skipped "
                   "(entry 2 of friends_v2: no name; entry 3 of friends_v2: not a person)\n");
}

static void
test_facebook_old (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(TendImportResult) result = tend_test_import_ok (fixture, "facebook-old");
  g_autoptr(GHashTable) people = tend_test_connections_by_name (fixture, TEND_SOURCE_KIND_FACEBOOK);
  TendConnection *zoe;

  g_assert_cmpuint (g_hash_table_size (people), ==, 2);
  zoe = tend_test_get_connection (people, "Zoë");
  g_assert_cmpint (tend_connection_get_follow_state (zoe), ==, TEND_FOLLOW_STATE_FRIENDS);
  g_assert_cmpint (tend_connection_get_connected_since (zoe), ==, 1262390400);
  g_assert_cmpint (tend_connection_get_follow_state (tend_test_get_connection (people, "Old Style")), ==,
                   TEND_FOLLOW_STATE_FRIENDS);
}

static void
test_facebook_broken_rolls_back (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(TendImportResult) before = tend_test_import_ok (fixture, "facebook-old");
  g_autoptr(GError) error = tend_test_import_fails (fixture, "facebook-broken", TEND_IMPORT_ERROR_INVALID);

  g_assert_nonnull (strstr (error->message, "facebook-broken/b-people_who_followed_you.json"));
  g_assert_nonnull (strstr (error->message, "line 3, position"));

  /* The good file read before it left no trace. */
  g_assert_cmpint (tend_test_count_connections (fixture), ==, 2);
}

static void
test_instagram (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(TendImportResult) result = tend_test_import_ok (fixture, "instagram");
  g_autoptr(TendImportResult) again = NULL;
  g_autoptr(GHashTable) people = tend_test_connections_by_name (fixture, TEND_SOURCE_KIND_INSTAGRAM);
  TendConnection *alice, *bob, *carol, *dave;

  g_assert_cmpuint (g_hash_table_size (people), ==, 4);
  alice = tend_test_get_connection (people, "alice");
  bob = tend_test_get_connection (people, "bob.smith");
  carol = tend_test_get_connection (people, "carol_c");
  dave = tend_test_get_connection (people, "dave.d");

  /* alice follows in the old form and is followed in the new one. */
  g_assert_cmpint (tend_connection_get_follow_state (alice), ==, TEND_FOLLOW_STATE_MUTUAL);
  g_assert_cmpint (tend_connection_get_follow_state (bob), ==, TEND_FOLLOW_STATE_FOLLOWS_ME);
  g_assert_cmpint (tend_connection_get_follow_state (carol), ==, TEND_FOLLOW_STATE_FOLLOWS_ME);
  g_assert_cmpint (tend_connection_get_follow_state (dave), ==, TEND_FOLLOW_STATE_I_FOLLOW);

  g_assert_cmpstr (tend_connection_get_stable_key (alice), ==, "url:instagram.com/alice");
  g_assert_cmpstr (tend_connection_get_stable_key (bob), ==, "url:instagram.com/bob.smith");
  g_assert_cmpstr (tend_connection_get_profile_url (bob), ==, "https://www.instagram.com/bob.smith");
  g_assert_cmpstr (tend_connection_get_handle (carol), ==, "@carol_c");
  g_assert_cmpint (tend_connection_get_connected_since (alice), ==, 1590000000);
  g_assert_cmpint (tend_connection_get_connected_since (carol), ==, 1620000000);

  again = tend_test_import_ok (fixture, "instagram");
  {
    const TendImportSourceResult *source = g_ptr_array_index (again->sources, 0);

    g_assert_cmpuint (source->n_added, ==, 0);
    g_assert_cmpuint (source->n_updated, ==, 0);
    g_assert_cmpuint (source->n_removed, ==, 0);
  }
  g_assert_cmpint (tend_test_count_connections (fixture), ==, 4);
}

static void
test_x (Fixture       *fixture,
        gconstpointer  data)
{
  g_autoptr(TendImportResult) result = tend_test_import_ok (fixture, "x");
  g_autoptr(TendImportResult) again = NULL;
  g_autoptr(GHashTable) people = tend_test_connections_by_name (fixture, TEND_SOURCE_KIND_X);
  TendConnection *both, *followed, *split;
  const TendImportSourceResult *source = g_ptr_array_index (result->sources, 0);
  const TendImportSkip *skip;

  g_assert_cmpuint (g_hash_table_size (people), ==, 3);
  both = tend_test_get_connection (people, "1234567890123456789");
  followed = tend_test_get_connection (people, "1111111111111111111");
  split = tend_test_get_connection (people, "2222222222222222223");

  /* As a double, 1234567890123456789 would be …768. */
  g_assert_cmpstr (tend_connection_get_stable_key (both), ==, "x:1234567890123456789");
  g_assert_cmpstr (tend_connection_get_profile_url (both), ==,
                   "https://twitter.com/intent/user?user_id=1234567890123456789");
  g_assert_cmpstr (tend_connection_get_profile_url (split), ==, "https://x.com/i/user/2222222222222222223");
  g_assert_cmpint (tend_connection_get_follow_state (both), ==, TEND_FOLLOW_STATE_MUTUAL);
  g_assert_cmpint (tend_connection_get_follow_state (followed), ==, TEND_FOLLOW_STATE_I_FOLLOW);
  g_assert_cmpint (tend_connection_get_follow_state (split), ==, TEND_FOLLOW_STATE_FOLLOWS_ME);
  g_assert_cmpint (tend_connection_get_connected_since (both), ==, 0);

  /* The id written as a number is left out, with the reason. */
  g_assert_cmpuint (source->skipped->len, ==, 1);
  skip = g_ptr_array_index (source->skipped, 0);
  g_assert_nonnull (strstr (skip->file, "follower.js"));
  g_assert_cmpuint (skip->line, ==, 0);
  g_assert_cmpuint (skip->entry, ==, 2);
  g_assert_null (skip->list);
  g_assert_cmpstr (skip->reason, ==, "an account id that is not text, so it may have lost digits");

  /* 9007199254740993123 is in both conversations: the owner. */
  g_assert_cmpuint (tend_test_count_interactions (fixture, tend_connection_get_id (both), TEND_DIRECTION_IN), ==, 1);
  g_assert_cmpuint (tend_test_count_interactions (fixture, tend_connection_get_id (both), TEND_DIRECTION_OUT), ==, 2);
  g_assert_cmpuint (tend_test_count_interactions (fixture, tend_connection_get_id (followed), TEND_DIRECTION_OUT), ==, 1);
  g_assert_cmpuint (tend_test_count_interactions (fixture, tend_connection_get_id (split), TEND_DIRECTION_IN), ==, 0);
  g_assert_cmpint (tend_test_count_all_interactions (fixture), ==, 4);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GArray) list = tend_store_list_recent_interactions (fixture->store, tend_connection_get_id (both),
                                                                   TEND_DIRECTION_IN, 10, &error);

    g_assert_no_error (error);
    g_assert_cmpint (g_array_index (list, TendInteraction, 0).occurred_at, ==, 1700000000);
  }

  again = tend_test_import_ok (fixture, "x");
  source = g_ptr_array_index (again->sources, 0);
  g_assert_cmpuint (source->n_added, ==, 0);
  g_assert_cmpuint (source->n_updated, ==, 0);
  g_assert_cmpuint (source->n_interactions_added, ==, 0);
  g_assert_cmpint (tend_test_count_connections (fixture), ==, 3);
  g_assert_cmpint (tend_test_count_all_interactions (fixture), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/import/json/mojibake", test_mojibake);
  g_test_add_func ("/import/json/limits", test_json_limits);
  g_test_add_func ("/import/json/detect-by-content", test_detect_by_content);
  tend_test_add_import ("/import/json/facebook", test_facebook);
  tend_test_add_import ("/import/json/facebook-old", test_facebook_old);
  tend_test_add_import ("/import/json/skipped-entries", test_skipped_entries);
  tend_test_add_import ("/import/json/facebook-broken-rolls-back", test_facebook_broken_rolls_back);
  tend_test_add_import ("/import/json/instagram", test_instagram);
  tend_test_add_import ("/import/json/x", test_x);

  return g_test_run ();
}
