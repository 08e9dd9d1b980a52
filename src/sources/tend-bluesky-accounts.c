/* tend-bluesky-accounts.c: connect, open and disconnect Bluesky accounts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Connecting signs in with the handle and an app password and keeps
 * only the session's two tokens, in the keyring under the server and
 * the handle; the app password itself is not kept. The profile knows
 * the account as a live source: its handle, its server and its DID.
 */
#define G_LOG_DOMAIN "tend-bluesky-accounts"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tend-bluesky-accounts.h"

/**
 * tend_bluesky_list_accounts:
 *
 * Returns: (transfer full) (element-type TendLiveSource): the connected
 *   accounts, oldest first, or %NULL with @error set
 */
GPtrArray *
tend_bluesky_list_accounts (TendStore  *store,
                            GError    **error)
{
  g_return_val_if_fail (TEND_IS_STORE (store), NULL);
  return tend_store_list_live_sources (store, TEND_SOURCE_KIND_BLUESKY, TRUE, error);
}

typedef struct {
  TendStore         *store;
  TendSecretStore   *secrets;
  TendBlueskyClient *client;
  TendLiveSource    *source;
  char              *access;
  gint64             source_id;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->store);
  g_clear_object (&job->secrets);
  g_clear_object (&job->client);
  tend_live_source_free (job->source);
  if (job->access != NULL)
    memset (job->access, 0, strlen (job->access));
  g_free (job->access);
  g_free (job);
}

static Job *
new_job (GTask     *task,
         TendStore *store)
{
  Job *job = g_new0 (Job, 1);

  job->store = g_object_ref (store);
  job->secrets = tend_secret_store_new ();
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  return job;
}

/* Connecting. */

static void
tokens_saved (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Job *job = g_task_get_task_data (task);
  const char *handle = tend_bluesky_client_get_handle (job->client);
  g_autofree char *title = NULL;
  GError *error = NULL;

  if (!tend_bluesky_client_save_tokens_finish (job->client, result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  title = g_strconcat ("@", handle, NULL);
  job->source_id = tend_store_ensure_source (job->store, TEND_SOURCE_KIND_BLUESKY, handle, title,
                                             &error);
  if (job->source_id == 0 ||
      !tend_store_set_source_live (job->store, job->source_id,
                                   tend_bluesky_client_get_base_url (job->client),
                                   tend_bluesky_client_get_did (job->client), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_strdup (handle), g_free);
}

static void
signed_in (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;

  if (!tend_bluesky_client_create_session_finish (job->client, result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  tend_bluesky_client_save_tokens_async (job->client, job->secrets,
                                         tend_bluesky_client_get_handle (job->client),
                                         g_task_get_cancellable (task), tokens_saved,
                                         g_object_ref (task));
}

/**
 * tend_bluesky_connect_async:
 * @handle: "name.bsky.social", with or without "@"
 * @app_password: an app password made for Tend
 * @service: (nullable): the account's server; %TEND_BLUESKY_DEFAULT_SERVICE
 *   when %NULL or empty
 *
 * Signs in, keeps the session in the keyring and adds the account to
 * the profile (or marks it connected again).
 */
void
tend_bluesky_connect_async (TendStore           *store,
                            const char          *handle,
                            const char          *app_password,
                            const char          *service,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *identifier = NULL;
  GError *error = NULL;
  Job *job;

  g_return_if_fail (TEND_IS_STORE (store));
  g_return_if_fail (handle != NULL && app_password != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tend_bluesky_connect_async);
  job = new_job (task, store);

  identifier = g_strstrip (g_strdup (handle[0] == '@' ? handle + 1 : handle));
  if (identifier[0] == '\0' || app_password[0] == '\0')
    {
      g_task_return_new_error (task, TEND_BLUESKY_ERROR, TEND_BLUESKY_ERROR_SIGN_IN,
                               _("Enter your Bluesky handle and an app password."));
      return;
    }

  job->client = tend_bluesky_client_new (service != NULL && service[0] != '\0' ? service : NULL,
                                         &error);
  if (job->client == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  tend_bluesky_client_create_session_async (job->client, identifier, app_password, cancellable,
                                            signed_in, g_steal_pointer (&task));
}

/**
 * tend_bluesky_connect_finish:
 * @out_source_id: (out) (optional): the account's source in the store
 *
 * Returns: (transfer full): the account's handle, as the profile knows
 *   it, or %NULL with @error set
 */
char *
tend_bluesky_connect_finish (GAsyncResult  *result,
                             gint64        *out_source_id,
                             GError       **error)
{
  char *handle;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  handle = g_task_propagate_pointer (G_TASK (result), error);
  if (handle != NULL && out_source_id != NULL)
    *out_source_id = ((Job *) g_task_get_task_data (G_TASK (result)))->source_id;
  return handle;
}

/* Opening and disconnecting. */

static Job *
start_job (GTask      *task,
           TendStore  *store,
           const char *account)
{
  g_autoptr(TendLiveSource) source = NULL;
  GError *error = NULL;
  Job *job;

  source = tend_store_find_live_source (store, TEND_SOURCE_KIND_BLUESKY, account, &error);
  if (source == NULL || source->server == NULL)
    {
      if (error == NULL)
        error = g_error_new (TEND_BLUESKY_ERROR, TEND_BLUESKY_ERROR_NOT_CONNECTED,
                             _("@%s is not connected to Tend. Connect it first."), account);
      g_task_return_error (task, error);
      return NULL;
    }

  job = new_job (task, store);
  job->client = tend_bluesky_client_new (source->server, &error);
  job->source = g_steal_pointer (&source);
  if (job->client == NULL)
    {
      g_task_return_error (task, error);
      return NULL;
    }

  return job;
}

static gboolean
check_found (GTask      *task,
             const char *secret,
             GError     *error)
{
  Job *job = g_task_get_task_data (task);

  if (error != NULL)
    {
      g_task_return_error (task, error);
      return FALSE;
    }

  if (secret == NULL)
    {
      g_task_return_new_error (task, TEND_BLUESKY_ERROR, TEND_BLUESKY_ERROR_SIGN_IN_AGAIN,
                               _("The keyring holds no session for @%s. Connect the account "
                                 "again with an app password."),
                               job->source->account);
      return FALSE;
    }

  return TRUE;
}

static void
refresh_found (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Job *job = g_task_get_task_data (task);
  g_autofree char *refresh = NULL;
  GError *error = NULL;

  refresh = tend_secret_store_lookup_finish (TEND_SECRET_STORE (object), result, &error);
  if (!check_found (task, refresh, error))
    return;

  tend_bluesky_client_set_session (job->client, job->source->remote_id, job->source->account,
                                   job->access, refresh);
  tend_bluesky_client_keep_tokens_in (job->client, job->secrets, job->source->account);
  memset (refresh, 0, strlen (refresh));
  g_task_return_pointer (task, g_object_ref (job->client), g_object_unref);
}

static void
access_found (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;

  job->access = tend_secret_store_lookup_finish (TEND_SECRET_STORE (object), result, &error);
  if (!check_found (task, job->access, error))
    return;

  tend_secret_store_lookup_async (job->secrets, TEND_SECRET_KIND_REFRESH_TOKEN, job->source->server,
                                  job->source->account, g_task_get_cancellable (task),
                                  refresh_found, g_object_ref (task));
}

/**
 * tend_bluesky_open_async:
 * @account: the handle, as tend_bluesky_list_accounts() gives it
 *
 * Gets a client for a connected account, its session from the keyring.
 * Tokens the client renews go back to the keyring.
 */
void
tend_bluesky_open_async (TendStore           *store,
                         const char          *account,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (TEND_IS_STORE (store));
  g_return_if_fail (account != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tend_bluesky_open_async);

  job = start_job (task, store, account);
  if (job == NULL)
    return;

  tend_secret_store_lookup_async (job->secrets, TEND_SECRET_KIND_ACCESS_TOKEN, job->source->server,
                                  job->source->account, cancellable, access_found,
                                  g_steal_pointer (&task));
}

/**
 * tend_bluesky_open_finish:
 *
 * Returns: (transfer full): a client with the account's session, or
 *   %NULL with @error set
 */
TendBlueskyClient *
tend_bluesky_open_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
refresh_cleared (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;

  if (!tend_secret_store_clear_finish (TEND_SECRET_STORE (object), result, &error) ||
      !tend_store_set_source_live (job->store, job->source->id, NULL, NULL, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
access_cleared (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;

  if (!tend_secret_store_clear_finish (TEND_SECRET_STORE (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  tend_secret_store_clear_async (job->secrets, TEND_SECRET_KIND_REFRESH_TOKEN, job->source->server,
                                 job->source->account, g_task_get_cancellable (task),
                                 refresh_cleared, g_object_ref (task));
}

/**
 * tend_bluesky_disconnect_async:
 *
 * Forgets the session; the account's connections stay in the profile.
 */
void
tend_bluesky_disconnect_async (TendStore           *store,
                               const char          *account,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (TEND_IS_STORE (store));
  g_return_if_fail (account != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tend_bluesky_disconnect_async);

  job = start_job (task, store, account);
  if (job == NULL)
    return;

  tend_secret_store_clear_async (job->secrets, TEND_SECRET_KIND_ACCESS_TOKEN, job->source->server,
                                 job->source->account, cancellable, access_cleared,
                                 g_steal_pointer (&task));
}

gboolean
tend_bluesky_disconnect_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
