/* tend-mastodon-accounts.c: the Mastodon accounts Tend is connected to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An account is connected while its source has a server and the
 * keyring has its token. Opening one gives a client that can sync and
 * act; disconnecting asks the server to revoke the token, removes it
 * from the keyring and marks the source as no longer connected, keeping
 * its people and history.
 */
#define G_LOG_DOMAIN "tend-mastodon-accounts"

#include "config.h"

#include <glib/gi18n.h>

#include "tend-mastodon-accounts.h"
#include "tend-mastodon-connect.h"
#include "tend-secret-store.h"

/**
 * tend_mastodon_list_accounts:
 *
 * Returns: (transfer full) (element-type TendLiveSource): the connected
 *   accounts, oldest first, or %NULL with @error set
 */
GPtrArray *
tend_mastodon_list_accounts (TendStore  *store,
                             GError    **error)
{
  g_return_val_if_fail (TEND_IS_STORE (store), NULL);
  return tend_store_list_live_sources (store, TEND_SOURCE_KIND_MASTODON, TRUE, error);
}

typedef struct {
  TendStore          *store;
  TendSecretStore    *secrets;
  TendLiveSource     *source;
  TendMastodonClient *client;
  char               *token;
  char               *client_id;
  char               *client_secret;
  GError             *revoke_error;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->store);
  g_clear_object (&job->secrets);
  tend_live_source_free (job->source);
  g_clear_object (&job->client);
  g_free (job->token);
  g_free (job->client_id);
  g_free (job->client_secret);
  g_clear_error (&job->revoke_error);
  g_free (job);
}

/* Starts a job on a connected account, or fails the task. */
static Job *
start_job (GTask       *task,
           TendStore   *store,
           const char  *account)
{
  g_autoptr(TendLiveSource) source = NULL;
  Job *job;
  GError *error = NULL;

  source = tend_store_find_live_source (store, TEND_SOURCE_KIND_MASTODON, account, &error);
  if (source == NULL || source->server == NULL)
    {
      if (error == NULL)
        error = g_error_new (TEND_MASTODON_ERROR, TEND_MASTODON_ERROR_NOT_CONNECTED,
                             _("@%s is not connected to Tend. Connect it first."), account);
      g_task_return_error (task, error);
      return NULL;
    }

  job = g_new0 (Job, 1);
  job->store = g_object_ref (store);
  job->secrets = tend_secret_store_new ();
  job->client = tend_mastodon_client_new (source->server, &error);
  job->source = g_steal_pointer (&source);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);

  if (job->client == NULL)
    {
      g_task_return_error (task, error);
      return NULL;
    }

  return job;
}

static void
token_found (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;
  g_autofree char *token = NULL;

  token = tend_secret_store_lookup_finish (TEND_SECRET_STORE (object), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (token == NULL)
    {
      g_task_return_new_error (task, TEND_MASTODON_ERROR, TEND_MASTODON_ERROR_NOT_CONNECTED,
                               _("The keyring holds no access for @%s. Connect the account "
                                 "again."),
                               job->source->account);
      return;
    }

  tend_mastodon_client_set_token (job->client, token);
  g_task_return_pointer (task, g_object_ref (job->client), g_object_unref);
}

/**
 * tend_mastodon_open_async:
 * @account: "user@host", as tend_mastodon_list_accounts() gives it
 *
 * Gets a client for a connected account, its token from the keyring.
 */
void
tend_mastodon_open_async (TendStore           *store,
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
  g_task_set_source_tag (task, tend_mastodon_open_async);

  job = start_job (task, store, account);
  if (job == NULL)
    return;

  tend_secret_store_lookup_async (job->secrets, TEND_SECRET_KIND_ACCESS_TOKEN, job->source->server,
                                      job->source->account, cancellable, token_found,
                                      g_steal_pointer (&task));
}

/**
 * tend_mastodon_open_finish:
 *
 * Returns: (transfer full): a client with the account's token, or
 *   %NULL with @error set
 */
TendMastodonClient *
tend_mastodon_open_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
forgotten (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;

  if (!tend_secret_store_clear_finish (TEND_SECRET_STORE (object), result, &error) ||
      !tend_store_set_source_live (job->store, job->source->id, NULL, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (job->revoke_error != NULL)
    {
      g_task_return_new_error (task, TEND_MASTODON_ERROR, TEND_MASTODON_ERROR_NOT_CONNECTED,
                               _("Tend forgot @%s, but could not ask %s to revoke its access "
                                 "(%s). Remove Tend from the authorized apps in your account’s "
                                 "settings on the server."),
                               job->source->account,
                               tend_mastodon_client_get_host (job->client),
                               job->revoke_error->message);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
forget_token (GTask *task)
{
  Job *job = g_task_get_task_data (task);

  tend_secret_store_clear_async (job->secrets, TEND_SECRET_KIND_ACCESS_TOKEN, job->source->server,
                                     job->source->account, NULL, forgotten, task);
}

static void
revoked (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Job *job = g_task_get_task_data (task);

  /* The token goes from the keyring either way: the person asked to
   * disconnect, and is told when the server did not hear of it. */
  if (!tend_mastodon_client_revoke_finish (job->client, result, &job->revoke_error) &&
      g_error_matches (job->revoke_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&job->revoke_error));
      g_object_unref (task);
      return;
    }

  forget_token (task);
}

static void
client_secret_found (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  Job *job = g_task_get_task_data (task);
  g_autofree char *redirect = NULL;
  g_autofree char *scopes = NULL;

  job->client_secret = tend_secret_store_lookup_finish (TEND_SECRET_STORE (object), result, &job->revoke_error);
  if (job->revoke_error != NULL)
    {
      forget_token (task);
      return;
    }

  /* Without the token or the registration there is nothing to revoke. */
  if (job->token == NULL || job->client_secret == NULL ||
      !tend_store_get_server_app (job->store, job->source->server, &job->client_id,
                                  &redirect, &scopes, &job->revoke_error))
    {
      forget_token (task);
      return;
    }

  tend_mastodon_client_revoke_async (job->client, job->client_id, job->client_secret, job->token,
                                     g_task_get_cancellable (task), revoked, task);
}

static void
token_found_for_revoke (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  GTask *task = user_data;
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;

  job->token = tend_secret_store_lookup_finish (TEND_SECRET_STORE (object), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  tend_secret_store_lookup_async (job->secrets, TEND_SECRET_KIND_CLIENT_SECRET, job->source->server, NULL,
                                      g_task_get_cancellable (task), client_secret_found, task);
}

/**
 * tend_mastodon_disconnect_async:
 *
 * Revokes the account's token on the server, removes it from the
 * keyring, and marks the account as disconnected. Its people and
 * history stay in the profile.
 */
void
tend_mastodon_disconnect_async (TendStore           *store,
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
  g_task_set_source_tag (task, tend_mastodon_disconnect_async);

  job = start_job (task, store, account);
  if (job == NULL)
    return;

  tend_secret_store_lookup_async (job->secrets, TEND_SECRET_KIND_ACCESS_TOKEN, job->source->server,
                                      job->source->account, cancellable, token_found_for_revoke,
                                      g_steal_pointer (&task));
}

gboolean
tend_mastodon_disconnect_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
