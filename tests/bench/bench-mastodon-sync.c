/* bench-mastodon-sync.c: a Mastodon sync against a rate-limited server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-mastodon-sync --followers 20000 --following 20000 --mutual 10000 \
 *                       --limit 300 --window 300 --clock-factor 100
 *
 * fills the Mastodon test server (in a thread of its own) with an owner
 * who has --followers followers and follows --following accounts,
 * --mutual of them both ways, with a year of interactions; limits it to
 * --limit requests per --window seconds of a clock that runs
 * --clock-factor times faster than the wall clock (the client waits on
 * the same clock); then syncs into a fresh profile, and again. It prints
 * one "name: value" line per measure: requests made against the minimum
 * (one per 80 accounts for the two lists), wall time and what it is at
 * the real clock, the most requests the server saw in any one window
 * (never above --limit), and the 429s it had to send (none).
 */
#define G_LOG_DOMAIN "bench-mastodon-sync"

#include "config.h"

#include <gio/gio.h>

#include "tend-bench-utils.h"
#include "tend-mastodon-sync.h"
#include "tend-mastodon-test-server.h"
#include "tend-store.h"
#include "tend-test-utils.h"

#define OWNER "owner@127.0.0.1"

static TendSyncResult *
run_sync (TendMastodonClient  *client,
          TendStore           *store,
          GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tend_mastodon_sync_async (client, store, OWNER, NULL, NULL, tend_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return tend_mastodon_sync_finish (client, result, error);
}

static void
print_sync (const char             *name,
            TendMastodonTestServer *server,
            TendSyncResult         *result,
            guint                   n_requests,
            double                  seconds,
            double                  factor)
{
  g_print ("%s requests: %u\n", name, n_requests);
  g_print ("%s requests for followers: %u\n", name,
           tend_mastodon_test_server_count_requests (server, "GET /api/v1/accounts/1/followers"));
  g_print ("%s requests for following: %u\n", name,
           tend_mastodon_test_server_count_requests (server, "GET /api/v1/accounts/1/following"));
  g_print ("%s requests for interactions: %u\n", name,
           tend_mastodon_test_server_count_requests (server, "GET /api/v1/notifications") +
           tend_mastodon_test_server_count_requests (server, "GET /api/v1/accounts/1/statuses") +
           tend_mastodon_test_server_count_requests (server, "GET /api/v1/favourites"));
  g_print ("%s wall time: %.2f s\n", name, seconds);
  g_print ("%s time at the real clock: %.1f min\n", name, seconds * factor / 60);
  g_print ("%s connections added, updated, unchanged: %u, %u, %u\n", name,
           result->source->n_added, result->source->n_updated, result->source->n_unchanged);
  g_print ("%s interactions added: %u\n", name, result->source->n_interactions_added);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(TendMastodonTestServer) server = NULL;
  g_autoptr(TendMastodonClient) client = NULL;
  g_autoptr(TendClock) clock = NULL;
  g_autoptr(TendStore) store = NULL;
  g_autoptr(TendSyncResult) first = NULL;
  g_autoptr(TendSyncResult) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *token = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  int followers = 20000;
  int following = 20000;
  int mutual = 10000;
  int limit = 300;
  int window = 300;
  double factor = 100;
  guint minimum;
  guint n_first;
  gint64 source_id;
  gint64 start;
  double seconds;
  const GOptionEntry entries[] = {
    { "followers", 0, 0, G_OPTION_ARG_INT, &followers, "Accounts following the owner", "N" },
    { "following", 0, 0, G_OPTION_ARG_INT, &following, "Accounts the owner follows", "N" },
    { "mutual", 0, 0, G_OPTION_ARG_INT, &mutual, "Of those, how many both ways", "N" },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, "Requests allowed per window", "N" },
    { "window", 0, 0, G_OPTION_ARG_INT, &window, "The rate-limit window, in seconds", "S" },
    { "clock-factor", 0, 0, G_OPTION_ARG_DOUBLE, &factor, "How much faster the clock runs", "F" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      mutual > followers || mutual > following || factor < 1 || limit < 1 || window < 1)
    {
      g_printerr ("bench-mastodon-sync: %s\n", error != NULL ? error->message : "invalid sizes");
      return 1;
    }

  server = tend_mastodon_test_server_new_threaded (&error);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  tend_mastodon_test_server_populate (server, followers - mutual, following - mutual, mutual);
  g_print ("populate the server: %.2f s\n", tend_bench_seconds_since (start));
  tend_mastodon_test_server_set_rate_limit (server, limit, window);
  tend_mastodon_test_server_set_clock_scale (server, factor);
  base_url = tend_mastodon_test_server_dup_base_url (server);
  token = tend_mastodon_test_server_issue_token (server, TEND_MASTODON_SCOPES);

  /* Connecting is measured by the tests; the profile starts connected. */
  dir = tend_test_make_tmp_dir ("bench-mastodon-XXXXXX");
  path = g_build_filename (dir, "tend.db", NULL);
  store = tend_store_open (path, &error);
  g_assert_no_error (error);
  source_id = tend_store_ensure_source (store, TEND_SOURCE_KIND_MASTODON, OWNER, "@" OWNER, &error);
  g_assert_no_error (error);
  tend_store_set_source_live (store, source_id, base_url, "1", &error);
  g_assert_no_error (error);

  client = tend_mastodon_client_new (base_url, &error);
  g_assert_no_error (error);
  clock = tend_clock_new_scaled (factor);
  tend_web_client_set_clock (tend_mastodon_client_get_web_client (client), clock);
  tend_mastodon_client_set_token (client, token);

  minimum = (followers + TEND_MASTODON_ACCOUNTS_PAGE - 1) / TEND_MASTODON_ACCOUNTS_PAGE +
            (following + TEND_MASTODON_ACCOUNTS_PAGE - 1) / TEND_MASTODON_ACCOUNTS_PAGE;
  g_print ("followers, following: %d, %d\n", followers, following);
  g_print ("rate limit: %d requests per %d s, clock %.0fx faster\n", limit, window, factor);
  g_print ("minimum requests for the two lists: %u\n", minimum);

  start = g_get_monotonic_time ();
  first = run_sync (client, store, &error);
  seconds = tend_bench_seconds_since (start);
  g_assert_no_error (error);
  n_first = tend_web_client_get_n_requests (tend_mastodon_client_get_web_client (client));
  print_sync ("first sync", server, first, n_first, seconds, factor);

  tend_mastodon_test_server_clear_requests (server);
  start = g_get_monotonic_time ();
  second = run_sync (client, store, &error);
  seconds = tend_bench_seconds_since (start);
  g_assert_no_error (error);
  print_sync ("second sync", server, second,
              tend_web_client_get_n_requests (tend_mastodon_client_get_web_client (client)) - n_first,
              seconds, factor);

  g_print ("most requests in one window: %u (limit %d)\n",
           tend_mastodon_test_server_get_max_requests_in_window (server), limit);
  g_print ("requests refused for the rate limit: %u\n",
           tend_mastodon_test_server_get_n_rate_limited (server));
  g_print ("peak resident memory: %.1f MiB\n", tend_bench_peak_rss_mib ());

  g_clear_object (&store);
  tend_test_remove_tree (dir);
  return tend_mastodon_test_server_get_max_requests_in_window (server) <= (guint) limit ? 0 : 1;
}
