/* test-bluesky-ui.c: connecting a Bluesky account from the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small server on 127.0.0.1 answers the sign-in as a Bluesky server
 * does: tokens for the right app password, AuthenticationRequired for any
 * other. The suite runs in a keyring of its own (tests/with-keyring).
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "tend-bluesky-accounts.h"
#include "tend-connect-bluesky-dialog.h"
#include "tend-reciprocity-chart.h"
#include "tend-test-utils.h"
#include "tend-test-window.h"

#define APP_PASSWORD "abcd-efgh-ijkl-mnop"

typedef struct {
  SoupServer      *server;
  char            *base_url;
  char            *dir;
  TendWindow      *window;
  TendApplication *application;
  guint            n_sign_ins;
} Fixture;

static void
reply_json (SoupServerMessage *msg,
            guint              status,
            const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, strlen (json));
}

static void
handle_create_session (SoupServer        *server,
                       SoupServerMessage *msg,
                       const char        *path,
                       GHashTable        *query,
                       gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *input;

  f->n_sign_ins++;
  g_assert_true (json_parser_load_from_data (parser, body->data, body->length, NULL));
  input = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (input, "identifier"), ==, "owner.test");

  if (g_strcmp0 (json_object_get_string_member (input, "password"), APP_PASSWORD) != 0)
    reply_json (msg, 401, "{\"error\":\"AuthenticationRequired\",\"message\":\"Invalid identifier or password\"}");
  else
    reply_json (msg, 200, "{\"accessJwt\":\"access-1\",\"refreshJwt\":\"refresh-1\","
                          "\"did\":\"did:plc:owner\",\"handle\":\"owner.test\"}");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, "/xrpc/com.atproto.server.createSession",
                           handle_create_session, f, NULL);
  soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  f->base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));

  f->dir = g_build_filename (g_get_user_data_dir (), "bluesky", NULL);
  g_assert_cmpint (g_mkdir_with_parents (f->dir, 0700), ==, 0);
  f->window = tend_test_open_window (f->dir, &f->application);
  g_assert_cmpstr (tend_window_get_page (f->window), ==, "welcome");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  tend_test_close_window (f->application);
  g_clear_object (&f->server);
  g_free (f->base_url);
  g_free (f->dir);
}

static gboolean
is_row_titled (GtkWidget *widget,
               gpointer   title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  return tend_test_find_widget (root, is_row_titled, (gpointer) title);
}

static gboolean
is_button_with_label (GtkWidget *widget,
                      gpointer   label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  GtkWidget *button = tend_test_find_widget (root, is_button_with_label, (gpointer) label);

  g_assert_nonnull (button);
  return button;
}

static gboolean
is_on_step (gpointer data)
{
  gpointer *args = data;

  return g_strcmp0 (tend_connect_bluesky_dialog_get_step (args[0]), args[1]) == 0;
}

static void
wait_for_step (TendConnectBlueskyDialog *dialog,
               const char               *step)
{
  gpointer args[] = { dialog, (gpointer) step };

  g_assert_true (tend_test_wait_until (is_on_step, args, TEND_TEST_PAGE_TIMEOUT_MS));
}

static gboolean
has_live_account (gpointer data)
{
  Fixture *f = data;
  GtkWidget *sync = tend_test_find_widget (GTK_WIDGET (f->window), tend_test_is_button_for_action,
                                           (gpointer) "win.sync");

  return sync != NULL && gtk_widget_get_visible (sync);
}

static void
test_connect (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GString) unnamed = g_string_new (NULL);
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *database = NULL;
  TendConnectBlueskyDialog *dialog;
  GtkWidget *handle_row, *password_row, *service_row, *connect;
  GtkWidget *welcome_button;
  gsize length;

  /* Offered on the welcome page. */
  welcome_button = tend_test_find_widget (GTK_WIDGET (f->window), tend_test_is_button_for_action,
                                          (gpointer) "win.connect-bluesky");
  g_assert_nonnull (welcome_button);
  g_assert_true (gtk_widget_get_mapped (welcome_button));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.connect-bluesky", NULL));
  dialog = TEND_CONNECT_BLUESKY_DIALOG (tend_test_wait_for_toplevel (TEND_TYPE_CONNECT_BLUESKY_DIALOG));
  g_assert_cmpstr (tend_connect_bluesky_dialog_get_step (dialog), ==, "account");

  handle_row = find_row (GTK_WIDGET (dialog), "Handle, such as you.bsky.social");
  password_row = tend_test_find_widget (GTK_WIDGET (dialog), tend_test_is_widget_of_type,
                                        GSIZE_TO_POINTER (ADW_TYPE_PASSWORD_ENTRY_ROW));
  /* The server is asked under "Advanced" only. */
  g_assert_null (find_row (GTK_WIDGET (dialog), "Server, if not https://bsky.social"));
  gtk_expander_set_expanded (GTK_EXPANDER (tend_test_find_widget (GTK_WIDGET (dialog), tend_test_is_widget_of_type,
                                                                  GSIZE_TO_POINTER (GTK_TYPE_EXPANDER))),
                             TRUE);
  service_row = find_row (GTK_WIDGET (dialog), "Server, if not https://bsky.social");
  g_assert_nonnull (handle_row);
  g_assert_nonnull (password_row);
  g_assert_nonnull (service_row);
  tend_test_collect_unnamed_controls (GTK_WIDGET (dialog), TEND_TYPE_RECIPROCITY_CHART, unnamed);
  g_assert_cmpstr (unnamed->str, ==, "");

  /* Nothing to send until both the handle and a password are there. */
  connect = find_button (GTK_WIDGET (dialog), "_Connect");
  g_assert_false (gtk_widget_get_sensitive (connect));
  gtk_editable_set_text (GTK_EDITABLE (handle_row), "@owner.test");
  gtk_editable_set_text (GTK_EDITABLE (service_row), f->base_url);
  g_assert_false (gtk_widget_get_sensitive (connect));
  gtk_editable_set_text (GTK_EDITABLE (password_row), "my-main-password");
  g_assert_true (gtk_widget_get_sensitive (connect));
  tend_test_spin (300);
  g_object_unref (tend_test_render_to_png (GTK_WIDGET (dialog), "connect-bluesky.png", NULL));

  /* A refused password says what an app password is, and stores nothing. */
  g_signal_emit_by_name (password_row, "entry-activated");
  wait_for_step (dialog, "error");
  g_assert_cmpuint (f->n_sign_ins, ==, 1);
  accounts = tend_bluesky_list_accounts (tend_window_get_store (f->window), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (accounts->len, ==, 0);
  g_clear_pointer (&accounts, g_ptr_array_unref);
  tend_test_spin (300);
  g_object_unref (tend_test_render_to_png (GTK_WIDGET (dialog), "connect-bluesky-refused.png", NULL));

  /* Again, with the app password, asked anew. */
  g_signal_emit_by_name (find_button (GTK_WIDGET (dialog), "_Try Again"), "clicked");
  wait_for_step (dialog, "account");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (password_row)), ==, "");
  gtk_editable_set_text (GTK_EDITABLE (password_row), APP_PASSWORD);
  g_signal_emit_by_name (connect, "clicked");
  wait_for_step (dialog, "done");
  g_assert_cmpstr (tend_connect_bluesky_dialog_get_account (dialog), ==, "owner.test");

  /* The account is in the profile, the window offers to sync it, and
   * neither the tokens nor the password are in the database. */
  accounts = tend_bluesky_list_accounts (tend_window_get_store (f->window), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (accounts->len, ==, 1);
  g_assert_true (tend_test_wait_until (has_live_account, f, TEND_TEST_PAGE_TIMEOUT_MS));
  database = g_build_filename (f->dir, "tend.db", NULL);
  {
    g_autofree char *bytes = NULL;

    g_assert_true (g_file_get_contents (database, &bytes, &length, NULL));
    g_assert_null (g_strstr_len (bytes, length, "access-1"));
    g_assert_null (g_strstr_len (bytes, length, APP_PASSWORD));
  }

  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  /* The test backend keeps accessible properties where the test reads them. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  tend_test_init_display (&argc, &argv);

  g_test_add ("/bluesky-ui/connect", Fixture, NULL, fixture_set_up, test_connect, fixture_tear_down);

  return g_test_run ();
}
