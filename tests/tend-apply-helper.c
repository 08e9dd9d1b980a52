/* tend-apply-helper.c: applies a profile's queue through a slow test
 * network, for test-apply-engine to kill halfway and start again
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: tend-apply-helper DB LOG DELAY_MS SOURCE_ID…
 * Every source given gets a network that unfollows and removes
 * followers, answering after DELAY_MS and logging each request to LOG
 * as it arrives. Prints "succeeded N failed M" when the queue is through.
 */
#define G_LOG_DOMAIN "tend-apply-helper"

#include "config.h"

#include "tend-apply-engine.h"
#include "tend-test-network.h"
#include "tend-test-utils.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TendStore) store = NULL;
  g_autoptr(TendApplyEngine) engine = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(TendApplyResult) applied = NULL;
  g_autoptr(GError) error = NULL;
  guint delay_ms;

  if (argc < 5)
    {
      g_printerr ("Usage: %s DB LOG DELAY_MS SOURCE_ID…\n", argv[0]);
      return 2;
    }

  store = tend_store_open (argv[1], &error);
  g_assert_no_error (error);
  engine = tend_apply_engine_new (store);
  delay_ms = (guint) g_ascii_strtoull (argv[3], NULL, 10);

  for (int i = 4; i < argc; i++)
    {
      g_autoptr(TendTestNetwork) network = NULL;

      network = tend_test_network_new (TEND_TEST_KIND (TEND_ACTION_UNFOLLOW) |
                                       TEND_TEST_KIND (TEND_ACTION_REMOVE_FOLLOWER));
      tend_test_network_set_delay (network, delay_ms);
      tend_test_network_set_log_path (network, argv[2]);
      tend_apply_engine_set_executor (engine, g_ascii_strtoll (argv[i], NULL, 10),
                                      TEND_ACTION_EXECUTOR (network));
    }

  tend_apply_engine_run_async (engine, NULL, tend_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  applied = tend_apply_engine_run_finish (engine, result, &error);
  g_assert_no_error (error);
  g_print ("succeeded %u failed %u\n", applied->n_succeeded, applied->n_failed);
  return 0;
}
