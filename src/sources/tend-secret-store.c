/* tend-secret-store.c: sign-in secrets in the desktop keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tokens and client secrets go to the Secret Service (GNOME Keyring,
 * KeePassXC, …) through libsecret and nowhere else: not the database, not
 * the settings, not the log. When no Secret Service answers, every call
 * fails with TEND_SECRET_STORE_ERROR_UNAVAILABLE and nothing is kept, so
 * the caller tells the person instead of falling back to a file.
 */
#define G_LOG_DOMAIN "tend-secret-store"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "tend-secret-store.h"

struct _TendSecretStore
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (TendSecretStore, tend_secret_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (tend-secret-store-error-quark, tend_secret_store_error)

static const SecretSchema schema = {
  "io.github.tendapp.Tend.Secret", SECRET_SCHEMA_NONE,
  {
    { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

static const char *
kind_to_string (TendSecretKind kind)
{
  switch (kind)
    {
    case TEND_SECRET_KIND_ACCESS_TOKEN:
      return "oauth-access-token";
    case TEND_SECRET_KIND_CLIENT_SECRET:
      return "oauth-client-secret";
    case TEND_SECRET_KIND_REFRESH_TOKEN:
      return "refresh-token";
    case TEND_SECRET_KIND_APP_PASSWORD:
      return "app-password";
    default:
      g_return_val_if_reached (NULL);
    }
}

static GHashTable *
make_attributes (TendSecretKind  kind,
                 const char     *server,
                 const char     *account)
{
  GHashTable *attributes = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (attributes, (char *) "kind", (char *) kind_to_string (kind));
  g_hash_table_insert (attributes, (char *) "server", (char *) server);
  if (account != NULL)
    g_hash_table_insert (attributes, (char *) "account", (char *) account);
  return attributes;
}

/* What a keyring manager shows for the entry. */
static char *
make_label (TendSecretKind  kind,
            const char     *server,
            const char     *account)
{
  if (account == NULL)
    account = "-";

  switch (kind)
    {
    case TEND_SECRET_KIND_CLIENT_SECRET:
      /* Translators: %s is a server address */
      return g_strdup_printf (_("Tend: app registration on %s"), server);
    case TEND_SECRET_KIND_REFRESH_TOKEN:
      /* Translators: the first %s is a server address, the second an account id */
      return g_strdup_printf (_("Tend: sign-in renewal for %s (account %s)"), server, account);
    case TEND_SECRET_KIND_APP_PASSWORD:
      /* Translators: the first %s is a server address, the second an account id */
      return g_strdup_printf (_("Tend: app password for %s (account %s)"), server, account);
    case TEND_SECRET_KIND_ACCESS_TOKEN:
    default:
      /* Translators: the first %s is a server address, the second an account id */
      return g_strdup_printf (_("Tend: sign-in to %s (account %s)"), server, account);
    }
}

/* Takes @error; returns the error the caller sees. libsecret's own
 * message is for the log only: it names D-Bus, not what to do. */
static GError *
translate_error (GError *error)
{
  GError *translated;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;

  g_debug ("Secret Service: %s", error->message);
  if (error->domain == G_DBUS_ERROR || error->domain == G_IO_ERROR)
    translated = g_error_new_literal (TEND_SECRET_STORE_ERROR, TEND_SECRET_STORE_ERROR_UNAVAILABLE,
                                      _("No keyring is available, so Tend did not save the sign-in, "
                                        "and will not keep it anywhere else. Install and start GNOME "
                                        "Keyring, or another Secret Service such as KeePassXC with its "
                                        "Secret Service integration turned on, then sign in again."));
  else if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    translated = g_error_new_literal (TEND_SECRET_STORE_ERROR, TEND_SECRET_STORE_ERROR_LOCKED,
                                      _("The keyring is locked. Unlock it, for example in Passwords "
                                        "and Keys, then try again."));
  else
    translated = g_error_new_literal (TEND_SECRET_STORE_ERROR, TEND_SECRET_STORE_ERROR_FAILED,
                                      _("The keyring refused to save or give back the sign-in. Try "
                                        "again; if it keeps failing, restart the keyring or sign in "
                                        "again."));
  g_error_free (error);
  return translated;
}

static void
propagate (GError **dest,
           GError  *src)
{
  g_propagate_error (dest, translate_error (src));
}

static void
store_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, translate_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

void
tend_secret_store_store_async (TendSecretStore     *self,
                               TendSecretKind       kind,
                               const char          *server,
                               const char          *account,
                               const char          *secret,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;
  GTask *task;

  g_return_if_fail (TEND_IS_SECRET_STORE (self));
  g_return_if_fail (server != NULL);
  g_return_if_fail (secret != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tend_secret_store_store_async);
  attributes = make_attributes (kind, server, account);
  label = make_label (kind, server, account);
  secret_password_storev (&schema, attributes, SECRET_COLLECTION_DEFAULT, label, secret,
                          cancellable, store_cb, task);
}

gboolean
tend_secret_store_store_finish (TendSecretStore  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
tend_secret_store_store_sync (TendSecretStore  *self,
                              TendSecretKind    kind,
                              const char       *server,
                              const char       *account,
                              const char       *secret,
                              GCancellable     *cancellable,
                              GError          **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (TEND_IS_SECRET_STORE (self), FALSE);
  g_return_val_if_fail (server != NULL, FALSE);
  g_return_val_if_fail (secret != NULL, FALSE);

  attributes = make_attributes (kind, server, account);
  label = make_label (kind, server, account);
  if (!secret_password_storev_sync (&schema, attributes, SECRET_COLLECTION_DEFAULT, label, secret,
                                    cancellable, &local_error))
    {
      propagate (error, local_error);
      return FALSE;
    }
  return TRUE;
}

/* libsecret's copy lives in memory it wipes; ours is plain. */
static char *
take_password (char *password)
{
  char *copy = g_strdup (password);

  secret_password_free (password);
  return copy;
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *password = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, translate_error (error));
  else
    g_task_return_pointer (task, password != NULL ? take_password (password) : NULL, g_free);
}

void
tend_secret_store_lookup_async (TendSecretStore     *self,
                                TendSecretKind       kind,
                                const char          *server,
                                const char          *account,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  GTask *task;

  g_return_if_fail (TEND_IS_SECRET_STORE (self));
  g_return_if_fail (server != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tend_secret_store_lookup_async);
  attributes = make_attributes (kind, server, account);
  secret_password_lookupv (&schema, attributes, cancellable, lookup_cb, task);
}

char *
tend_secret_store_lookup_finish (TendSecretStore  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
tend_secret_store_lookup_sync (TendSecretStore  *self,
                               TendSecretKind    kind,
                               const char       *server,
                               const char       *account,
                               GCancellable     *cancellable,
                               GError          **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  GError *local_error = NULL;
  char *password;

  g_return_val_if_fail (TEND_IS_SECRET_STORE (self), NULL);
  g_return_val_if_fail (server != NULL, NULL);

  attributes = make_attributes (kind, server, account);
  password = secret_password_lookupv_sync (&schema, attributes, cancellable, &local_error);
  if (local_error != NULL)
    {
      propagate (error, local_error);
      return NULL;
    }
  return password != NULL ? take_password (password) : NULL;
}

static void
clear_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error means there was nothing to remove. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, translate_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

void
tend_secret_store_clear_async (TendSecretStore     *self,
                               TendSecretKind       kind,
                               const char          *server,
                               const char          *account,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  GTask *task;

  g_return_if_fail (TEND_IS_SECRET_STORE (self));
  g_return_if_fail (server != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tend_secret_store_clear_async);
  attributes = make_attributes (kind, server, account);
  secret_password_clearv (&schema, attributes, cancellable, clear_cb, task);
}

gboolean
tend_secret_store_clear_finish (TendSecretStore  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
tend_secret_store_clear_sync (TendSecretStore  *self,
                              TendSecretKind    kind,
                              const char       *server,
                              const char       *account,
                              GCancellable     *cancellable,
                              GError          **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (TEND_IS_SECRET_STORE (self), FALSE);
  g_return_val_if_fail (server != NULL, FALSE);

  attributes = make_attributes (kind, server, account);
  secret_password_clearv_sync (&schema, attributes, cancellable, &local_error);
  if (local_error != NULL)
    {
      propagate (error, local_error);
      return FALSE;
    }
  return TRUE;
}

static void
tend_secret_store_class_init (TendSecretStoreClass *klass)
{
}

static void
tend_secret_store_init (TendSecretStore *self)
{
}

TendSecretStore *
tend_secret_store_new (void)
{
  return g_object_new (TEND_TYPE_SECRET_STORE, NULL);
}
