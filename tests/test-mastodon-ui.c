/* test-mastodon-ui.c: connecting, syncing and disconnecting a Mastodon
 * account from the window, against the Mastodon test server, with the
 * keyring of tests/with-keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-mastodon-ui"

#include "config.h"

#include <adwaita.h>
#include <libsoup/soup.h>

#include "tend-apply-engine.h"
#include "tend-connect-mastodon-dialog.h"
#include "tend-connection-list.h"
#include "tend-reciprocity-chart.h"
#include "tend-mastodon-test-server.h"
#include "tend-secret-store.h"
#include "tend-source-row.h"
#include "tend-sync-page.h"
#include "tend-test-utils.h"
#include "tend-test-window.h"

#define N_FOLLOWERS_ONLY 60
#define N_FOLLOWING_ONLY 40
#define N_MUTUAL 20
#define N_CONNECTIONS (N_FOLLOWERS_ONLY + N_FOLLOWING_ONLY + N_MUTUAL)

typedef struct {
  TendMastodonTestServer *server;
  SoupSession            *browser;
  TendWindow             *window;
  TendApplication        *application;
  char                   *base_url;
  char                   *dir;
  char                   *shown_uri;
  guint                   n_shown;
} Fixture;

/* The dialog's pages go to the test's browser, not a real one. */
static gboolean
on_show_uri (TendConnectMastodonDialog *dialog,
             const char                *uri,
             Fixture                   *f)
{
  g_free (f->shown_uri);
  f->shown_uri = g_strdup (uri);
  f->n_shown++;
  return TRUE;
}

static gboolean
is_button_labelled (GtkWidget *widget,
                    gpointer   label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

/* As a click does: at once (activating a button waits for its animation). */
static void
click (GtkWidget *button)
{
  g_signal_emit_by_name (button, "clicked");
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  GtkWidget *button = tend_test_find_widget (root, is_button_labelled, (gpointer) label);

  g_assert_nonnull (button);
  return button;
}

static GtkWidget *
find_of_type (GtkWidget *root,
              GType      type)
{
  GtkWidget *widget = tend_test_find_widget (root, tend_test_is_widget_of_type, GSIZE_TO_POINTER (type));

  g_assert_nonnull (widget);
  return widget;
}

static void
assert_all_named (GtkWidget *root)
{
  g_autoptr(GString) unnamed = g_string_new (NULL);

  tend_test_collect_unnamed_controls (root, TEND_TYPE_RECIPROCITY_CHART, unnamed);
  g_assert_cmpstr (unnamed->str, ==, "");
}

typedef struct {
  TendConnectMastodonDialog *dialog;
  const char                *step;
} StepWait;

static gboolean
is_on_step (gpointer data)
{
  StepWait *wait = data;

  return g_strcmp0 (tend_connect_mastodon_dialog_get_step (wait->dialog), wait->step) == 0;
}

static void
wait_for_step (TendConnectMastodonDialog *dialog,
               const char                *step)
{
  StepWait wait = { dialog, step };

  g_assert_true (tend_test_wait_until (is_on_step, &wait, TEND_TEST_PAGE_TIMEOUT_MS));
  tend_test_spin (300);
}

static gboolean
has_shown (gpointer data)
{
  Fixture *f = data;

  return f->shown_uri != NULL;
}

/* What a browser does with the consent page: load it, following the
 * redirect back to Tend. */
static GBytes *
browse (Fixture    *f,
        const char *uri)
{
  g_autoptr(SoupMessage) message = soup_message_new ("GET", uri);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *body;

  soup_session_send_and_read_async (f->browser, message, G_PRIORITY_DEFAULT, NULL,
                                    tend_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  body = soup_session_send_and_read_finish (f->browser, result, &error);
  g_assert_no_error (error);
  return body;
}

static TendConnectMastodonDialog *
open_dialog (Fixture *f)
{
  GtkWidget *button = tend_test_find_widget (GTK_WIDGET (f->window), tend_test_is_button_for_action,
                                             (gpointer) "win.connect-mastodon");
  TendConnectMastodonDialog *dialog;

  /* From the welcome page, as the owner would; from the main menu later. */
  g_assert_nonnull (button);
  if (g_str_equal (tend_window_get_page (f->window), "welcome"))
    {
      g_assert_true (gtk_widget_get_mapped (button));
      click (button);
    }
  else
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.connect-mastodon", NULL));

  dialog = TEND_CONNECT_MASTODON_DIALOG (tend_test_wait_for_toplevel (TEND_TYPE_CONNECT_MASTODON_DIALOG));
  g_signal_connect (dialog, "show-uri", G_CALLBACK (on_show_uri), f);
  g_assert_cmpstr (tend_connect_mastodon_dialog_get_step (dialog), ==, "server");
  return dialog;
}

/* Types the server and presses Enter; returns once the browser was asked
 * to show the consent page. */
static void
enter_server (Fixture                   *f,
              TendConnectMastodonDialog *dialog)
{
  GtkWidget *row = find_of_type (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW);

  g_clear_pointer (&f->shown_uri, g_free);
  gtk_editable_set_text (GTK_EDITABLE (row), f->base_url);
  g_signal_emit_by_name (row, "entry-activated");
  g_assert_true (tend_test_wait_until (has_shown, f, TEND_TEST_PAGE_TIMEOUT_MS));
  g_assert_true (g_str_has_prefix (f->shown_uri, f->base_url));
  g_assert_nonnull (strstr (f->shown_uri, "/oauth/authorize"));
  wait_for_step (dialog, "waiting");
}

static gint64
count_rows (TendStore  *store,
            const char *what)
{
  g_autoptr(GError) error = NULL;
  gint64 n = g_str_equal (what, "connections") ? tend_store_count_connections (store, &error)
                                               : tend_store_count_interactions (store, &error);

  g_assert_no_error (error);
  return n;
}

/* The progress page's bar and the line under it. */
typedef struct {
  GtkProgressBar *bar;
  GtkLabel       *label;
  const char     *prefix;
  double          above;
} ProgressWait;

static gboolean
progress_reached (gpointer data)
{
  ProgressWait *wait = data;

  return g_str_has_prefix (gtk_label_get_text (wait->label), wait->prefix) &&
         gtk_progress_bar_get_fraction (wait->bar) > wait->above;
}

static gboolean
sync_button_hidden (gpointer data)
{
  Fixture *f = data;
  GtkWidget *button = tend_test_find_widget (GTK_WIDGET (f->window), tend_test_is_button_for_action,
                                             (gpointer) "win.sync");

  return button != NULL && !gtk_widget_get_visible (button);
}

/* Closes the summary the window shows at the end of a sync; returns its body. */
static char *
take_summary (const char *heading)
{
  AdwMessageDialog *summary = ADW_MESSAGE_DIALOG (tend_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  char *body = g_strdup (adw_message_dialog_get_body (summary));

  g_assert_cmpstr (adw_message_dialog_get_heading (summary), ==, heading);
  adw_message_dialog_response (summary, "close");
  gtk_window_destroy (GTK_WINDOW (summary));
  tend_test_spin (100);
  return body;
}

static TendSourceRow *
find_source_row (Fixture *f)
{
  return TEND_SOURCE_ROW (find_of_type (GTK_WIDGET (f->window), TEND_TYPE_SOURCE_ROW));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->server = tend_mastodon_test_server_new (&error);
  g_assert_no_error (error);
  tend_mastodon_test_server_populate (f->server, N_FOLLOWERS_ONLY, N_FOLLOWING_ONLY, N_MUTUAL);
  f->base_url = tend_mastodon_test_server_dup_base_url (f->server);
  f->browser = soup_session_new ();
  f->dir = g_build_filename (g_get_user_data_dir (), "mastodon", NULL);
  g_assert_cmpint (g_mkdir_with_parents (f->dir, 0700), ==, 0);

  f->window = tend_test_open_window (f->dir, &f->application);
  g_assert_cmpstr (tend_window_get_page (f->window), ==, "welcome");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  tend_test_close_window (f->application);
  g_clear_object (&f->browser);
  g_clear_object (&f->server);
  g_free (f->base_url);
  g_free (f->dir);
  g_free (f->shown_uri);
}

/* Where the browser cannot come back, the code the server shows is pasted. */
static void
connect_with_code (Fixture *f)
{
  g_autoptr(GBytes) page = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GRegex) code_regex = g_regex_new ("class=\"oauth-code\"[^>]* value=\"([^\"]+)\"", 0, 0, NULL);
  g_autofree char *code = NULL;
  g_autofree char *html = NULL;
  TendConnectMastodonDialog *dialog;
  GtkWidget *code_row;

  dialog = open_dialog (f);
  enter_server (f, dialog);
  gtk_expander_set_expanded (GTK_EXPANDER (find_of_type (GTK_WIDGET (dialog), GTK_TYPE_EXPANDER)), TRUE);
  click (find_button (GTK_WIDGET (dialog), "Open the Page with a _Code"));
  page = browse (f, f->shown_uri);
  html = g_strndup (g_bytes_get_data (page, NULL), g_bytes_get_size (page));
  g_assert_true (g_regex_match (code_regex, html, 0, &match));
  code = g_match_info_fetch (match, 1);

  /* The code row is the entry row under the expander. */
  code_row = tend_test_find_widget (find_of_type (GTK_WIDGET (dialog), GTK_TYPE_EXPANDER),
                                    tend_test_is_widget_of_type, GSIZE_TO_POINTER (ADW_TYPE_ENTRY_ROW));
  g_assert_nonnull (code_row);
  gtk_editable_set_text (GTK_EDITABLE (code_row), code);
  g_signal_emit_by_name (code_row, "entry-activated");
  wait_for_step (dialog, "done");
  g_assert_true (g_str_has_prefix (tend_connect_mastodon_dialog_get_account (dialog), "owner@127.0.0.1"));

  /* The window can sync the account now. */
  g_assert_true (gtk_widget_get_visible (tend_test_find_widget (GTK_WIDGET (f->window),
                                                                tend_test_is_button_for_action,
                                                                (gpointer) "win.sync")));
}

static gboolean
has_executor (gpointer data)
{
  Fixture *f = data;
  TendApplyEngine *engine = tend_window_get_apply_engine (f->window);
  TendSource *source = tend_source_row_get_source (find_source_row (f));

  return engine != NULL && tend_apply_engine_get_executor (engine, tend_source_get_id (source)) != NULL;
}

static void
apply_prune_to_mutual (Fixture *f)
{
  TendStore *store = tend_window_get_store (f->window);
  g_autoptr(GListModel) connections = tend_store_list_connections (store, NULL);
  g_autoptr(TendConnection) mutual = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(TendApplyResult) applied = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *unfollow = NULL;
  g_autofree char *remove = NULL;
  TendApplyEngine *engine;
  guint n_queued = 0;

  for (guint i = 0; mutual == NULL && i < g_list_model_get_n_items (connections); i++)
    {
      g_autoptr(TendConnection) connection = g_list_model_get_item (connections, i);

      if (tend_connection_get_follow_state (connection) == TEND_FOLLOW_STATE_MUTUAL)
        mutual = g_steal_pointer (&connection);
    }
  g_assert_nonnull (mutual);
  g_assert_true (tend_store_set_decision (store, tend_connection_get_id (mutual), TEND_DECISION_PRUNE,
                                          NULL, &error));

  /* The window opens the account's client with its token from the keyring. */
  g_assert_true (tend_test_wait_until (has_executor, f, TEND_TEST_PAGE_TIMEOUT_MS));
  engine = tend_window_get_apply_engine (f->window);
  tend_apply_engine_prepare_async (engine, NULL, tend_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_free (tend_apply_engine_prepare_finish (engine, result, &n_queued, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_queued, ==, 2);

  g_clear_object (&result);
  tend_apply_engine_run_async (engine, NULL, tend_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  applied = tend_apply_engine_run_finish (engine, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (applied->n_succeeded, ==, 2);
  g_assert_cmpuint (applied->n_failed, ==, 0);

  unfollow = g_strdup_printf ("POST /api/v1/accounts/%s/unfollow", tend_connection_get_remote_id (mutual));
  remove = g_strdup_printf ("POST /api/v1/accounts/%s/remove_from_followers",
                            tend_connection_get_remote_id (mutual));
  g_assert_cmpuint (tend_mastodon_test_server_count_requests (f->server, unfollow), ==, 1);
  g_assert_cmpuint (tend_mastodon_test_server_count_requests (f->server, remove), ==, 1);
}

static void
test_connect_sync_disconnect (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendStore) store = NULL;
  g_autoptr(TendLiveSource) source = NULL;
  g_autoptr(TendSecretStore) secrets = tend_secret_store_new ();
  g_autoptr(GPtrArray) ids = NULL;
  g_autofree char *path = NULL;
  g_autofree char *token = NULL;
  g_autofree char *account = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *gone = NULL;
  g_autofree char *remove_url = NULL;
  g_autofree char *api_token = NULL;
  TendConnectMastodonDialog *dialog;
  TendSyncPage *sync_page;
  ProgressWait progress;
  const char *follower_id = NULL;
  const char *text;
  guint n_requests;

  path = g_build_filename (f->dir, "tend.db", NULL);
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sync", NULL) &&
                  !g_str_equal (tend_window_get_page (f->window), "welcome"));

  /* (1) The server says no: the dialog says so, and starts over. */
  dialog = open_dialog (f);
  assert_all_named (GTK_WIDGET (dialog));
  gtk_editable_set_text (GTK_EDITABLE (find_of_type (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW)), f->base_url);
  tend_test_spin (300);
  g_object_unref (tend_test_render_to_png (GTK_WIDGET (dialog), "connect-mastodon-server.png", NULL));

  tend_mastodon_test_server_set_deny_authorization (f->server, TRUE);
  enter_server (f, dialog);
  g_bytes_unref (browse (f, f->shown_uri));
  wait_for_step (dialog, "error");
  assert_all_named (GTK_WIDGET (dialog));
  g_object_unref (tend_test_render_to_png (GTK_WIDGET (dialog), "connect-mastodon-error.png", NULL));
  click (find_button (GTK_WIDGET (dialog), "_Try Again"));
  wait_for_step (dialog, "server");

  /* (2) The browser opens the consent page; the page can be opened
   * again, and the out-of-band page is there for pasting a code. */
  tend_mastodon_test_server_set_deny_authorization (f->server, FALSE);
  enter_server (f, dialog);
  g_assert_cmpuint (f->n_shown, ==, 2);
  click (find_button (GTK_WIDGET (dialog), "_Open the Page Again"));
  g_assert_cmpuint (f->n_shown, ==, 3);
  gtk_expander_set_expanded (GTK_EXPANDER (find_of_type (GTK_WIDGET (dialog), GTK_TYPE_EXPANDER)), TRUE);
  click (find_button (GTK_WIDGET (dialog), "Open the Page with a _Code"));
  g_assert_nonnull (strstr (f->shown_uri, "urn%3Aietf%3Awg%3Aoauth%3A2.0%3Aoob"));
  tend_test_spin (300);
  assert_all_named (GTK_WIDGET (dialog));
  g_object_unref (tend_test_render_to_png (GTK_WIDGET (dialog), "connect-mastodon-waiting.png", NULL));

  /* The browser approves, and comes back to Tend's loopback address. */
  click (find_button (GTK_WIDGET (dialog), "_Open the Page Again"));
  g_bytes_unref (browse (f, f->shown_uri));
  wait_for_step (dialog, "done");
  account = g_strdup (tend_connect_mastodon_dialog_get_account (dialog));
  g_assert_true (g_str_has_prefix (account, "owner@127.0.0.1"));
  assert_all_named (GTK_WIDGET (dialog));
  g_object_unref (tend_test_render_to_png (GTK_WIDGET (dialog), "connect-mastodon-done.png", NULL));

  store = tend_store_open (path, &error);
  g_assert_no_error (error);
  source = tend_store_find_live_source (store, TEND_SOURCE_KIND_MASTODON, account, &error);
  g_assert_no_error (error);
  g_assert_nonnull (source);
  g_assert_nonnull (source->server);
  token = tend_secret_store_lookup_sync (secrets, TEND_SECRET_KIND_ACCESS_TOKEN, source->server,
                                         account, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (tend_mastodon_test_server_is_token_valid (f->server, token));

  /* (3) Sync, every reply slowed down so the progress can be seen; then cancel. */
  tend_mastodon_test_server_set_slow_delay (f->server, 600);
  tend_mastodon_test_server_set_misbehaviour (f->server, TEND_MASTODON_MISBEHAVIOUR_SLOW, NULL, 0, 0);
  click (find_button (GTK_WIDGET (dialog), "_Sync Now"));
  g_assert_true (tend_test_wait_for_page (f->window, "syncing"));
  tend_test_spin (100);
  g_assert_null (tend_test_find_toplevel (TEND_TYPE_CONNECT_MASTODON_DIALOG));

  sync_page = TEND_SYNC_PAGE (find_of_type (GTK_WIDGET (f->window), TEND_TYPE_SYNC_PAGE));
  g_assert_true (tend_sync_page_is_busy (sync_page));
  progress.bar = GTK_PROGRESS_BAR (find_of_type (GTK_WIDGET (sync_page), GTK_TYPE_PROGRESS_BAR));
  progress.label = GTK_LABEL (gtk_widget_get_next_sibling (GTK_WIDGET (progress.bar)));
  progress.prefix = "Followers ";
  progress.above = 0.0;
  g_assert_true (tend_test_wait_until (progress_reached, &progress, TEND_TEST_PAGE_TIMEOUT_MS));

  /* "Followers 80 of 80": the count and the bar move on. */
  text = gtk_label_get_text (progress.label);
  g_assert_true (g_regex_match_simple ("^Followers [0-9,]+ of [0-9,]+$", text, 0, 0));
  tend_test_settle (f->window);
  assert_all_named (GTK_WIDGET (f->window));
  g_object_unref (tend_test_render_to_png (GTK_WIDGET (f->window), "sync-progress.png", NULL));

  progress.prefix = "";
  progress.above = gtk_progress_bar_get_fraction (progress.bar);
  g_assert_true (tend_test_wait_until (progress_reached, &progress, TEND_TEST_PAGE_TIMEOUT_MS));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (progress.bar), <, 1.0);

  click (find_button (GTK_WIDGET (sync_page), "Cancel"));
  g_assert_true (tend_test_wait_for_page (f->window, "welcome"));
  g_assert_false (tend_sync_page_is_busy (sync_page));
  g_assert_cmpint (count_rows (store, "connections"), ==, 0);
  g_assert_cmpint (count_rows (store, "interactions"), ==, 0);
  g_clear_pointer (&source, tend_live_source_free);
  source = tend_store_find_live_source (store, TEND_SOURCE_KIND_MASTODON, account, &error);
  g_assert_cmpint (source->last_sync_at, ==, 0);

  /* (4) Sync to the end, held back once by the rate limit, which the
   * page says instead of failing. */
  tend_mastodon_test_server_set_misbehaviour (f->server, TEND_MASTODON_MISBEHAVIOUR_NONE, NULL, 0, 0);
  tend_mastodon_test_server_set_misbehaviour (f->server, TEND_MASTODON_MISBEHAVIOUR_RATE_LIMIT_429,
                                              "/api/v1/accounts/1/following", 0, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sync", NULL));
  g_assert_cmpstr (tend_window_get_page (f->window), ==, "syncing");
  progress.prefix = "Waiting for 127.0.0.1";
  progress.above = 0.0;
  g_assert_true (tend_test_wait_until (progress_reached, &progress, TEND_TEST_PAGE_TIMEOUT_MS));
  g_assert_true (g_regex_match_simple ("^Waiting for 127\\.0\\.0\\.1(:[0-9]+)?’s limit, continuing at [0-9]{2}:[0-9]{2}$",
                                       gtk_label_get_text (progress.label), 0, 0));
  tend_test_settle (f->window);
  g_object_unref (tend_test_render_to_png (GTK_WIDGET (f->window), "sync-waiting.png", NULL));

  g_assert_true (tend_test_wait_for_page (f->window, "connections"));
  summary = take_summary ("Sync Finished");
  g_assert_nonnull (strstr (summary, "connections added"));
  g_assert_cmpint (count_rows (store, "connections"), ==, N_CONNECTIONS);
  g_assert_cmpuint (g_list_model_get_n_items (tend_connection_list_get_model (
                      TEND_CONNECTION_LIST (find_of_type (GTK_WIDGET (f->window), TEND_TYPE_CONNECTION_LIST)))),
                    ==, N_CONNECTIONS);
  g_assert_true (tend_source_get_connected (tend_source_row_get_source (find_source_row (f))));

  /* (5) Someone stops following the owner; the next sync names them,
   * and the sidebar counts them as gone. */
  ids = tend_mastodon_test_server_dup_account_ids (f->server);
  for (guint i = 0; i < ids->len && follower_id == NULL; i++)
    if (tend_mastodon_test_server_get_follow (f->server, g_ptr_array_index (ids, i)) == TEND_MASTODON_TEST_FOLLOWED_BY)
      follower_id = g_ptr_array_index (ids, i);
  g_assert_nonnull (follower_id);
  api_token = tend_mastodon_test_server_issue_token (f->server, "write:follows");
  remove_url = g_strdup_printf ("%s/api/v1/accounts/%s/remove_from_followers", f->base_url, follower_id);
  {
    g_autoptr(SoupMessage) message = soup_message_new ("POST", remove_url);
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GBytes) body = NULL;
    g_autofree char *bearer = g_strconcat ("Bearer ", api_token, NULL);

    soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", bearer);
    soup_session_send_and_read_async (f->browser, message, G_PRIORITY_DEFAULT, NULL,
                                      tend_test_store_result, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    body = soup_session_send_and_read_finish (f->browser, result, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (soup_message_get_status (message), ==, SOUP_STATUS_OK);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sync", NULL));
  g_assert_true (tend_test_wait_for_page (f->window, "connections"));
  g_free (summary);
  summary = take_summary ("Sync Finished");
  gone = g_strdup_printf ("1 stopped following you: @%s",
                          tend_mastodon_test_server_get_account_acct (f->server, follower_id));
  if (strstr (summary, gone) == NULL)
    g_error ("%s not in %s", gone, summary);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_source_row (f))), "1 gone"));
  tend_test_settle (f->window);
  assert_all_named (GTK_WIDGET (f->window));
  g_object_unref (tend_test_render_to_png (GTK_WIDGET (f->window), "window-synced.png", NULL));

  /* (6) Disconnect: confirmed first; the server revokes the token, the
   * keyring forgets it, the connections stay. */
  n_requests = tend_mastodon_test_server_count_requests (f->server, "POST /oauth/revoke");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.disconnect-source", "x",
                                             tend_source_get_id (tend_source_row_get_source (find_source_row (f)))));
  {
    AdwMessageDialog *confirm = ADW_MESSAGE_DIALOG (tend_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));

    g_assert_nonnull (strstr (adw_message_dialog_get_heading (confirm), account));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (confirm), "keyring"));
    tend_test_spin (300);
    g_object_unref (tend_test_render_to_png (GTK_WIDGET (confirm), "disconnect-confirm.png", NULL));
    adw_message_dialog_response (confirm, "disconnect");
  }
  g_assert_true (tend_test_wait_until (sync_button_hidden, f, TEND_TEST_PAGE_TIMEOUT_MS));
  g_assert_cmpuint (tend_mastodon_test_server_count_requests (f->server, "POST /oauth/revoke"), ==, n_requests + 1);
  g_assert_false (tend_mastodon_test_server_is_token_valid (f->server, token));
  g_clear_pointer (&token, g_free);
  token = tend_secret_store_lookup_sync (secrets, TEND_SECRET_KIND_ACCESS_TOKEN, source->server,
                                         account, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (token);
  /* Everyone but the one who left. */
  g_assert_cmpint (count_rows (store, "connections"), ==, N_CONNECTIONS - 1);
  g_assert_true (tend_test_wait_for_page (f->window, "connections"));
  g_assert_false (tend_source_get_connected (tend_source_row_get_source (find_source_row (f))));

  /* (7) Connected again, this time with a pasted code. */
  connect_with_code (f);
  g_assert_true (tend_test_wait_for_page (f->window, "connections"));
  g_assert_true (tend_source_get_connected (tend_source_row_get_source (find_source_row (f))));

  /* (8) Pruning someone who follows back, applied from the window, both
   * unfollows them and removes them as a follower on the server. */
  apply_prune_to_mutual (f);
}

int
main (int   argc,
      char *argv[])
{
  /* The test backend keeps accessible properties where the test reads them. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  tend_test_init_display (&argc, &argv);

  g_test_add ("/mastodon-ui/connect-sync-disconnect", Fixture, NULL, fixture_set_up,
              test_connect_sync_disconnect, fixture_tear_down);

  return g_test_run ();
}
