/* tend-test-network.c: a network that records the actions asked of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * It offers the kinds it was made with, refuses the connections it was
 * told to with their message, and can take its time to answer, as a
 * rate-limited server would; a cancelled wait answers "cancelled". Each
 * request is recorded as it is received ("unfollow 12;"), in memory and,
 * when given a log file, on disk, so that a test can tell what a killed
 * process had sent.
 */
#define G_LOG_DOMAIN "tend-test-network"

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "tend-test-network.h"

struct _TendTestNetwork
{
  GObject parent_instance;

  guint       kinds;
  guint       delay_ms;
  GHashTable *refused;   /* gint64 connection id → message */
  GString    *calls;
  char       *log_path;
  guint       n_calls;
};

static void tend_test_network_executor_init (TendActionExecutorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TendTestNetwork, tend_test_network, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TEND_TYPE_ACTION_EXECUTOR,
                                                      tend_test_network_executor_init))

typedef struct {
  gint64  connection_id;
  guint   timeout_id;
  gulong  cancelled_id;
} Request;

static gboolean
tend_test_network_can_run (TendActionExecutor *executor,
                           TendActionKind      kind)
{
  return (TEND_TEST_NETWORK (executor)->kinds & TEND_TEST_KIND (kind)) != 0;
}

static void
append_log (const char *path,
            const char *line)
{
  int fd = g_open (path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, line, strlen (line)), ==, (gssize) strlen (line));
  fsync (fd);
  close (fd);
}

static void
answer (GTask *task)
{
  TendTestNetwork *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  const char *message = g_hash_table_lookup (self->refused, &request->connection_id);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (message != NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "%s", message);
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
answer_later (gpointer data)
{
  GTask *task = data;
  Request *request = g_task_get_task_data (task);

  request->timeout_id = 0;
  if (request->cancelled_id != 0)
    g_cancellable_disconnect (g_task_get_cancellable (task), request->cancelled_id);
  request->cancelled_id = 0;
  answer (task);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

static void
on_cancelled (GCancellable *cancellable,
              GTask        *task)
{
  Request *request = g_task_get_task_data (task);

  /* Answer from the main loop: a handler may not disconnect itself. */
  if (request->timeout_id != 0)
    {
      g_source_remove (request->timeout_id);
      request->timeout_id = g_idle_add (answer_later, task);
    }
}

static void
tend_test_network_run_async (TendActionExecutor  *executor,
                             TendActionKind       kind,
                             gint64               connection_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  TendTestNetwork *self = TEND_TEST_NETWORK (executor);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *line = g_strdup_printf ("%s %" G_GINT64_FORMAT ";",
                                           tend_action_kind_to_key (kind), connection_id);
  Request *request = g_new0 (Request, 1);

  request->connection_id = connection_id;
  g_task_set_task_data (task, request, g_free);

  self->n_calls++;
  g_string_append (self->calls, line);
  if (self->log_path != NULL)
    append_log (self->log_path, line);

  if (self->delay_ms == 0)
    {
      answer (task);
      return;
    }

  request->timeout_id = g_timeout_add (self->delay_ms, answer_later, g_object_ref (task));
  if (cancellable != NULL)
    request->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), task, NULL);
}

static gboolean
tend_test_network_run_finish (TendActionExecutor  *executor,
                              GAsyncResult        *result,
                              GError             **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
tend_test_network_executor_init (TendActionExecutorInterface *iface)
{
  iface->can_run = tend_test_network_can_run;
  iface->run_async = tend_test_network_run_async;
  iface->run_finish = tend_test_network_run_finish;
}

static void
tend_test_network_finalize (GObject *object)
{
  TendTestNetwork *self = (TendTestNetwork *)object;

  g_clear_pointer (&self->refused, g_hash_table_unref);
  g_string_free (self->calls, TRUE);
  g_free (self->log_path);

  G_OBJECT_CLASS (tend_test_network_parent_class)->finalize (object);
}

static void
tend_test_network_class_init (TendTestNetworkClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tend_test_network_finalize;
}

static void
tend_test_network_init (TendTestNetwork *self)
{
  self->refused = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->calls = g_string_new (NULL);
}

/* @kinds: TEND_TEST_KIND() of each action kind it offers, or'ed */
TendTestNetwork *
tend_test_network_new (guint kinds)
{
  TendTestNetwork *self = g_object_new (TEND_TYPE_TEST_NETWORK, NULL);

  self->kinds = kinds;
  return self;
}

void
tend_test_network_refuse (TendTestNetwork *self,
                          gint64           connection_id,
                          const char      *message)
{
  g_hash_table_replace (self->refused, g_memdup2 (&connection_id, sizeof connection_id),
                        g_strdup (message));
}

void
tend_test_network_set_delay (TendTestNetwork *self,
                             guint            ms)
{
  self->delay_ms = ms;
}

void
tend_test_network_set_log_path (TendTestNetwork *self,
                                const char      *path)
{
  g_free (self->log_path);
  self->log_path = g_strdup (path);
}

guint
tend_test_network_get_n_calls (TendTestNetwork *self)
{
  return self->n_calls;
}

/* Every request received, in order: "unfollow 12;remove_follower 12;" */
char *
tend_test_network_dup_calls (TendTestNetwork *self)
{
  return g_strdup (self->calls->str);
}
