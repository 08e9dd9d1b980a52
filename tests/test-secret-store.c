/* test-secret-store.c: sign-in secrets round-trip through a real keyring,
 * stay apart per kind, server and account, and are refused plainly when
 * no keyring exists
 *
 * Runs under tests/with-keyring, which gives it a private session bus and
 * gnome-keyring-daemon.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsecret/secret.h>
#include <string.h>

#include "tend-secret-store.h"
#include "tend-test-utils.h"

#define SERVER_A "https://a.example"
#define SERVER_B "https://b.example"
#define NO_KEYRING_SECRET "never-stored-anywhere"

static char *
lookup (TendSecretStore *store,
        TendSecretKind   kind,
        const char      *server,
        const char      *account)
{
  g_autoptr(GError) error = NULL;
  char *secret = tend_secret_store_lookup_sync (store, kind, server, account, NULL, &error);

  g_assert_no_error (error);
  return secret;
}

static void
store (TendSecretStore *store,
       TendSecretKind   kind,
       const char      *server,
       const char      *account,
       const char      *secret)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tend_secret_store_store_sync (store, kind, server, account, secret, NULL, &error));
  g_assert_no_error (error);
}

static void
test_round_trip_async (void)
{
  g_autoptr(TendSecretStore) secrets = tend_secret_store_new ();
  g_autoptr(GAsyncResult) stored = NULL;
  g_autoptr(GAsyncResult) found = NULL;
  g_autoptr(GAsyncResult) cleared = NULL;
  g_autoptr(GAsyncResult) gone = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *after = NULL;

  tend_secret_store_store_async (secrets, TEND_SECRET_KIND_ACCESS_TOKEN, SERVER_A, "42", "token-α-42",
                                 NULL, tend_test_store_result, &stored);
  while (stored == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (tend_secret_store_store_finish (secrets, stored, &error));
  g_assert_no_error (error);

  tend_secret_store_lookup_async (secrets, TEND_SECRET_KIND_ACCESS_TOKEN, SERVER_A, "42",
                                  NULL, tend_test_store_result, &found);
  while (found == NULL)
    g_main_context_iteration (NULL, TRUE);
  secret = tend_secret_store_lookup_finish (secrets, found, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, "token-α-42");

  tend_secret_store_clear_async (secrets, TEND_SECRET_KIND_ACCESS_TOKEN, SERVER_A, "42",
                                 NULL, tend_test_store_result, &cleared);
  while (cleared == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (tend_secret_store_clear_finish (secrets, cleared, &error));
  g_assert_no_error (error);

  tend_secret_store_lookup_async (secrets, TEND_SECRET_KIND_ACCESS_TOKEN, SERVER_A, "42",
                                  NULL, tend_test_store_result, &gone);
  while (gone == NULL)
    g_main_context_iteration (NULL, TRUE);
  after = tend_secret_store_lookup_finish (secrets, gone, &error);
  g_assert_no_error (error);
  g_assert_null (after);
}

static void
test_kept_apart (void)
{
  g_autoptr(TendSecretStore) secrets = tend_secret_store_new ();
  g_autoptr(GError) error = NULL;
  struct {
    TendSecretKind kind;
    const char *server;
    const char *account;
    const char *secret;
  } entries[] = {
    { TEND_SECRET_KIND_ACCESS_TOKEN, SERVER_A, "1", "a-1" },
    { TEND_SECRET_KIND_ACCESS_TOKEN, SERVER_A, "2", "a-2" },
    { TEND_SECRET_KIND_ACCESS_TOKEN, SERVER_B, "1", "b-1" },
    { TEND_SECRET_KIND_REFRESH_TOKEN, SERVER_A, "1", "refresh-a-1" },
    { TEND_SECRET_KIND_APP_PASSWORD, SERVER_B, "1", "password-b-1" },
    { TEND_SECRET_KIND_CLIENT_SECRET, SERVER_A, NULL, "client-a" },
    { TEND_SECRET_KIND_CLIENT_SECRET, SERVER_B, NULL, "client-b" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    store (secrets, entries[i].kind, entries[i].server, entries[i].account, entries[i].secret);
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_autofree char *found = lookup (secrets, entries[i].kind, entries[i].server, entries[i].account);
      g_assert_cmpstr (found, ==, entries[i].secret);
    }

  /* Storing again replaces, and touches no other entry. */
  store (secrets, TEND_SECRET_KIND_ACCESS_TOKEN, SERVER_A, "1", "a-1-renewed");
  {
    g_autofree char *renewed = lookup (secrets, TEND_SECRET_KIND_ACCESS_TOKEN, SERVER_A, "1");
    g_autofree char *other = lookup (secrets, TEND_SECRET_KIND_ACCESS_TOKEN, SERVER_A, "2");
    g_autofree char *refresh = lookup (secrets, TEND_SECRET_KIND_REFRESH_TOKEN, SERVER_A, "1");

    g_assert_cmpstr (renewed, ==, "a-1-renewed");
    g_assert_cmpstr (other, ==, "a-2");
    g_assert_cmpstr (refresh, ==, "refresh-a-1");
  }

  /* Clearing one leaves the rest. */
  g_assert_true (tend_secret_store_clear_sync (secrets, TEND_SECRET_KIND_ACCESS_TOKEN, SERVER_A, "1", NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *cleared = lookup (secrets, TEND_SECRET_KIND_ACCESS_TOKEN, SERVER_A, "1");
    g_autofree char *kept = lookup (secrets, TEND_SECRET_KIND_ACCESS_TOKEN, SERVER_B, "1");
    g_autofree char *client = lookup (secrets, TEND_SECRET_KIND_CLIENT_SECRET, SERVER_A, NULL);

    g_assert_null (cleared);
    g_assert_cmpstr (kept, ==, "b-1");
    g_assert_cmpstr (client, ==, "client-a");
  }
  /* Clearing what is not there is no error. */
  g_assert_true (tend_secret_store_clear_sync (secrets, TEND_SECRET_KIND_ACCESS_TOKEN, SERVER_A, "1", NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    g_assert_true (tend_secret_store_clear_sync (secrets, entries[i].kind, entries[i].server, entries[i].account, NULL, NULL));
}

/* Every call fails plainly, and says so without the secret. */
static void
assert_unavailable (void)
{
  g_autoptr(TendSecretStore) secrets = tend_secret_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;

  g_assert_false (tend_secret_store_store_sync (secrets, TEND_SECRET_KIND_ACCESS_TOKEN, SERVER_A, "7",
                                                NO_KEYRING_SECRET, NULL, &error));
  g_assert_error (error, TEND_SECRET_STORE_ERROR, TEND_SECRET_STORE_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "No keyring is available"));
  g_assert_nonnull (strstr (error->message, "anywhere else"));
  g_assert_null (strstr (error->message, NO_KEYRING_SECRET));
  g_clear_error (&error);

  found = tend_secret_store_lookup_sync (secrets, TEND_SECRET_KIND_ACCESS_TOKEN, SERVER_A, "7", NULL, &error);
  g_assert_null (found);
  g_assert_error (error, TEND_SECRET_STORE_ERROR, TEND_SECRET_STORE_ERROR_UNAVAILABLE);
  g_clear_error (&error);

  g_assert_false (tend_secret_store_clear_sync (secrets, TEND_SECRET_KIND_ACCESS_TOKEN, SERVER_A, "7", NULL, &error));
  g_assert_error (error, TEND_SECRET_STORE_ERROR, TEND_SECRET_STORE_ERROR_UNAVAILABLE);
}

/* Runs the current test again in a child, which sets itself up without a
 * keyring; checks that nothing reached the log or this process's keyring. */
static void
assert_child_stored_nothing (void)
{
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  /* The secret never leaks into the log… */
  g_test_trap_assert_stdout_unmatched ("*" NO_KEYRING_SECRET "*");
  g_test_trap_assert_stderr_unmatched ("*" NO_KEYRING_SECRET "*");

  /* …nor into the keyring this process does reach. */
  {
    g_autoptr(TendSecretStore) secrets = tend_secret_store_new ();
    g_autofree char *found = lookup (secrets, TEND_SECRET_KIND_ACCESS_TOKEN, SERVER_A, "7");

    g_assert_null (found);
  }
}

static void
test_no_bus (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *nowhere = g_build_filename (g_get_tmp_dir (), "tend-no-such-bus", "socket", NULL);
      g_autofree char *address = g_strconcat ("unix:path=", nowhere, NULL);

      /* This process has not touched D-Bus yet: point it at nothing. */
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
      assert_unavailable ();
      return;
    }
  assert_child_stored_nothing ();
}

static void
test_bus_without_keyring (void)
{
  if (g_test_subprocess ())
    {
      /* A session bus of its own that no keyring is on, nor can start on. */
      g_autoptr(GTestDBus) bus = g_test_dbus_new (G_TEST_DBUS_NONE);

      g_test_dbus_up (bus);
      assert_unavailable ();
      /* libsecret keeps the bus connection, which the bus waits for;
       * callbacks still queued hold it too, on a slow machine. */
      secret_service_disconnect ();
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_test_dbus_down (bus);
      return;
    }
  assert_child_stored_nothing ();
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/secret-store/round-trip-async", test_round_trip_async);
  g_test_add_func ("/secret-store/kept-apart", test_kept_apart);
  g_test_add_func ("/secret-store/no-bus", test_no_bus);
  g_test_add_func ("/secret-store/bus-without-keyring", test_bus_without_keyring);

  return g_test_run ();
}
