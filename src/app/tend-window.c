/* tend-window.c: the main window of one profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tend-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tend-connect-bluesky-dialog.h"
#include "tend-connect-mastodon-dialog.h"
#include "tend-apply-engine.h"
#include "tend-connection-detail.h"
#include "tend-connection-filter.h"
#include "tend-connection-list.h"
#include "tend-history-view.h"
#include "tend-import-page.h"
#include "tend-import-result.h"
#include "tend-live-accounts.h"
#include "tend-preferences-window.h"
#include "tend-prune-session.h"
#include "tend-prune-wizard.h"
#include "tend-reciprocity-chart.h"
#include "tend-reciprocity.h"
#include "tend-sample-generator.h"
#include "tend-sidebar.h"
#include "tend-status-page-text.h"
#include "tend-summary-print-operation.h"
#include "tend-sync-page.h"
#include "tend-window.h"

struct _TendWindow
{
  AdwApplicationWindow parent_instance;

  /* template widgets */
  AdwViewSwitcherTitle *window_title;
  GtkMenuButton   *primary_menu_button;
  GtkButton       *sync_button;
  GtkButton       *prune_button;
  GtkRevealer     *sample_banner;
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  AdwStatusPage   *welcome_page;
  GtkButton       *explore_button;
  GtkSpinner      *loading_spinner;
  GtkButton       *cancel_button;
  GtkSpinner      *opening_spinner;
  TendSidebar     *sidebar;
  GtkSearchEntry  *search_entry;
  GtkMenuButton   *filter_button;
  GtkBox          *quadrant_chips;
  GtkDropDown     *tag_dropdown;
  GtkDropDown     *decision_dropdown;
  AdwViewStack    *view_stack;
  TendConnectionList   *connection_list;
  TendReciprocityChart *chart;
  TendConnectionDetail *connection_detail;
  TendImportPage  *import_page;
  TendSyncPage    *sync_page;
  AdwStatusPage   *error_page;

  /* owned references */
  char            *data_dir;
  TendStore       *store;
  GSettings       *settings;
  GCancellable    *sample_cancellable;
  GCancellable    *open_cancellable;
  TendApplyEngine *apply_engine;
  GCancellable    *apply_cancellable;
  GCancellable    *accounts_cancellable;
  GtkStringList   *tag_names;

  guint            showing_sample : 1;
  guint            n_accounts_opening;
  guint            has_live_accounts : 1;
};

G_DEFINE_FINAL_TYPE (TendWindow, tend_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DATA_DIR,
  PROP_STORE,
  PROP_SHOWING_SAMPLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What the worker thread reads so the window never waits on SQLite. */
typedef struct
{
  GListModel *connections;
  GListModel *sources;
  TendReciprocityParams params;
} LoadedProfile;

static void
loaded_profile_free (LoadedProfile *loaded)
{
  g_clear_object (&loaded->connections);
  g_clear_object (&loaded->sources);
  g_free (loaded);
}

/* What the worker thread needs to fill the sample profile. */
typedef struct
{
  char         *path;
  GApplication *application;  /* held while the sample is written */
} SampleJob;

static void
sample_job_free (SampleJob *job)
{
  g_free (job->path);
  g_clear_object (&job->application);
  g_free (job);
}

/**
 * tend_window_new:
 * @application: the #TendApplication
 *
 * Creates a window for the profile of @application. It shows nothing
 * useful until given a store with tend_window_set_store() or an error
 * with tend_window_show_error().
 */
TendWindow *
tend_window_new (TendApplication *application)
{
  g_return_val_if_fail (TEND_IS_APPLICATION (application), NULL);

  return g_object_new (TEND_TYPE_WINDOW,
                       "application", application,
                       "data-dir", tend_application_get_data_dir (application),
                       NULL);
}

const char *
tend_window_get_data_dir (TendWindow *self)
{
  g_return_val_if_fail (TEND_IS_WINDOW (self), NULL);

  return self->data_dir;
}

/**
 * tend_window_get_store:
 * @self: a #TendWindow
 *
 * Returns: (transfer none) (nullable): the store the window shows, or %NULL
 *   when it could not be opened
 */
TendStore *
tend_window_get_store (TendWindow *self)
{
  g_return_val_if_fail (TEND_IS_WINDOW (self), NULL);

  return self->store;
}

/**
 * tend_window_get_showing_sample:
 * @self: a #TendWindow
 *
 * Returns: %TRUE when the window shows the sample business rather than
 *   the owner's own profile
 */
gboolean
tend_window_get_showing_sample (TendWindow *self)
{
  g_return_val_if_fail (TEND_IS_WINDOW (self), FALSE);

  return self->showing_sample;
}

/**
 * tend_window_get_page:
 * @self: a #TendWindow
 *
 * Returns: the name of the visible page: "welcome", "loading", "opening",
 *   "connections", "importing", "syncing" or "error"
 */
const char *
tend_window_get_page (TendWindow *self)
{
  g_return_val_if_fail (TEND_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

static void
tend_window_update_actions (TendWindow *self)
{
  gboolean loading = self->sample_cancellable != NULL;
  gboolean busy;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.explore-sample",
                                 self->store != NULL && !self->showing_sample && !loading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-sample",
                                 self->showing_sample && !loading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-sample",
                                 loading && !g_cancellable_is_cancelled (self->sample_cancellable));

  busy = loading || tend_import_page_is_busy (self->import_page) ||
         tend_sync_page_is_busy (self->sync_page);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.connect-mastodon", self->store != NULL && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.connect-bluesky", self->store != NULL && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync", self->has_live_accounts && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.disconnect-source", self->has_live_accounts && !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->sync_button), self->has_live_accounts);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-folder", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.preferences", self->store != NULL && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print-summary", self->store != NULL && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.history", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.start-pruning",
                                 g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "connections") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-chart",
                                 g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "connections") == 0 &&
                                 g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "reciprocity") == 0);
}

/* A wizard left unfinished is offered to be continued. */
static void
tend_window_update_prune_label (TendWindow *self)
{
  gboolean saved = self->store != NULL && tend_prune_session_exists (self->store);

  gtk_button_set_label (self->prune_button, saved ? _("Continue _Pruning") : _("Start _Pruning"));
}

static void
tend_window_show_page (TendWindow *self,
                       const char *name)
{
  GtkWidget *focus = NULL;

  gtk_stack_set_visible_child_name (self->stack, name);

  adw_view_switcher_title_set_view_switcher_enabled (self->window_title,
                                                     g_str_equal (name, "connections"));
  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (name, "loading"));
  gtk_spinner_set_spinning (self->opening_spinner, g_str_equal (name, "opening"));

  if (g_str_equal (name, "loading"))
    focus = GTK_WIDGET (self->cancel_button);
  else if (g_str_equal (name, "welcome"))
    focus = GTK_WIDGET (self->explore_button);
  else if (g_str_equal (name, "connections"))
    focus = GTK_WIDGET (self->search_entry);

  /* Keep the keyboard focus on the page: the control that had it may just
   * have been hidden with the page it was on.
   */
  if (focus != NULL)
    gtk_widget_grab_focus (focus);

  tend_window_update_prune_label (self);
  tend_window_update_actions (self);
}

/* Shows @error in a toast. A toast has one line, and the end of a message
 * says what to do, so the toast also offers the whole message in a dialog
 * headed @heading.
 */
static void
tend_window_add_error_toast (TendWindow   *self,
                             const char   *heading,
                             const GError *error)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  /* A toast title is markup; the message may carry a file name. */
  escaped = g_markup_escape_text (error->message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_button_label (toast, _("Details"));
  adw_toast_set_action_name (toast, "win.show-error");
  adw_toast_set_action_target_value (toast, g_variant_new ("(ss)", heading, error->message));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
tend_window_sample_failed (TendWindow   *self,
                           const GError *error)
{
  tend_window_add_error_toast (self, _("Sample Data Could Not Be Prepared"), error);
}

static void
tend_window_show_error_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  TendWindow *self = TEND_WINDOW (widget);
  const char *heading;
  const char *message;
  GtkWidget *dialog;

  g_variant_get (parameter, "(&s&s)", &heading, &message);

  /* Heading and body are plain text unless told otherwise. */
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
tend_window_set_showing_sample (TendWindow *self,
                                gboolean    showing_sample)
{
  showing_sample = !!showing_sample;

  if (self->showing_sample != showing_sample)
    {
      self->showing_sample = showing_sample;
      adw_view_switcher_title_set_subtitle (self->window_title,
                                            showing_sample ? _("Sample business") : NULL);
      gtk_revealer_set_reveal_child (self->sample_banner, showing_sample);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOWING_SAMPLE]);
    }
}

static void
tend_window_clear_connections (TendWindow *self)
{
  if (self->open_cancellable != NULL)
    g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);

  tend_connection_list_set_model (self->connection_list, NULL);
}

static void
tend_window_open_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(TendStore) store = NULL;
  g_autoptr(GError) error = NULL;
  LoadedProfile *loaded;

  /* A store belongs to the thread that opened it. */
  if (!(store = tend_store_open (path, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  loaded = g_new0 (LoadedProfile, 1);

  if (!tend_reciprocity_params_load (&loaded->params, store, &error) ||
      !(loaded->sources = tend_store_list_sources (store, &error)) ||
      !tend_live_accounts_mark_sources (store, loaded->sources, &error) ||
      !(loaded->connections = tend_store_list_connections (store, &error)) ||
      !tend_reciprocity_apply (store, loaded->connections, &loaded->params,
                               g_get_real_time () / G_USEC_PER_SEC, &error))
    {
      loaded_profile_free (loaded);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, loaded, (GDestroyNotify) loaded_profile_free);
}

static void
tend_window_update_tag_names (TendWindow *self)
{
  g_auto(GStrv) tags = NULL;
  g_autoptr(GError) error = NULL;
  guint n_old;

  if (self->store == NULL)
    return;

  if (!(tags = tend_store_list_tags (self->store, &error)))
    {
      g_warning ("Could not list tags: %s", error->message);
      return;
    }

  /* Item 0 is "Any tag"; the owner's tags follow. */
  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->tag_names));
  gtk_string_list_splice (self->tag_names, 1, n_old - 1, (const char * const *) tags);
}

/* Decisions change one at a time or in bulk, only through the detail pane. */
static void
tend_window_count_decisions (TendWindow *self)
{
  GListModel *connections = tend_connection_list_get_model (self->connection_list);
  guint counts[TEND_DECISION_PRUNE + 1] = { 0 };
  guint n_items = connections ? g_list_model_get_n_items (connections) : 0;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(TendConnection) connection = g_list_model_get_item (connections, i);

      counts[tend_connection_get_decision (connection)]++;
    }

  tend_sidebar_set_decision_counts (self->sidebar, counts[TEND_DECISION_KEEP], counts[TEND_DECISION_PRUNE]);
}

static void
tend_window_open_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(TendWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  LoadedProfile *loaded;

  loaded = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->stack == NULL)
    {
      g_clear_pointer (&loaded, loaded_profile_free);
      return;
    }

  g_clear_object (&self->open_cancellable);

  if (loaded == NULL)
    {
      tend_window_show_error (self, error);
      return;
    }

  tend_sidebar_set_sources (self->sidebar, loaded->sources,
                            g_list_model_get_n_items (loaded->connections));
  tend_connection_list_set_model (self->connection_list, loaded->connections);
  tend_reciprocity_chart_set_threshold (self->chart, loaded->params.active_threshold);
  tend_window_update_tag_names (self);
  tend_window_count_decisions (self);
  loaded_profile_free (loaded);

  tend_window_show_page (self, "connections");
}

/* Reads the connections and their measures in a worker, then shows them. */
static void
tend_window_open_connections (TendWindow *self)
{
  g_autoptr(GTask) task = NULL;

  tend_window_clear_connections (self);
  self->open_cancellable = g_cancellable_new ();

  /* As with the sample, the callback holds the window, not the task. */
  task = g_task_new (NULL, self->open_cancellable, tend_window_open_cb, g_object_ref (self));
  g_task_set_source_tag (task, tend_window_open_connections);
  g_task_set_task_data (task, g_strdup (tend_store_get_path (self->store)), g_free);

  tend_window_show_page (self, "opening");
  g_task_run_in_thread (task, tend_window_open_thread);
}

/* Stops what this window applies without cancelling it: it is left
 * waiting, and continues when the profile is opened again. */
static void
tend_window_stop_apply (TendWindow *self)
{
  if (self->apply_cancellable != NULL)
    g_cancellable_cancel (self->apply_cancellable);
  if (self->accounts_cancellable != NULL)
    g_cancellable_cancel (self->accounts_cancellable);
  g_clear_object (&self->apply_cancellable);
  g_clear_object (&self->accounts_cancellable);
  g_clear_object (&self->apply_engine);
  self->n_accounts_opening = 0;
}

static void
tend_window_apply_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(TendWindow) self = user_data;
  g_autoptr(TendApplyResult) applied = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  AdwToast *toast;

  applied = tend_apply_engine_run_finish (TEND_APPLY_ENGINE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->stack == NULL)
    return;

  g_clear_object (&self->apply_cancellable);

  if (applied == NULL)
    {
      tend_window_add_error_toast (self, _("Your Changes Could Not Be Applied"), error);
      return;
    }

  if (applied->n_failed > 0)
    /* Translators: after changes were applied at start, e.g. "Applied 10 changes; 2 failed" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Applied %u change; %u failed",
                                         "Applied %u changes; %u failed", applied->n_succeeded),
                            applied->n_succeeded, applied->n_failed);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Applied %u change",
                                         "Applied %u changes", applied->n_succeeded),
                            applied->n_succeeded);

  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_History"));
  adw_toast_set_action_name (toast, "win.history");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  /* Applying changed who is connected. */
  if (applied->n_succeeded > 0 && g_str_equal (tend_window_get_page (self), "connections"))
    tend_window_open_connections (self);
}

/* What a previous run left (the app was closed, or crashed, while
 * applying) continues now, in view. */
static void
tend_window_resume_apply (TendWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint n_ready = 0;
  guint n_waiting = 0;

  if (tend_apply_engine_get_running (self->apply_engine))
    return;

  if (!tend_apply_engine_recover (self->apply_engine, &n_ready, &n_waiting, &error))
    {
      tend_window_add_error_toast (self, _("Your Changes Could Not Be Continued"), error);
      return;
    }

  if (n_ready > 0)
    {
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Continuing to apply %u change…",
                                           "Continuing to apply %u changes…", n_ready),
                              n_ready);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));

      self->apply_cancellable = g_cancellable_new ();
      tend_apply_engine_run_async (self->apply_engine, self->apply_cancellable,
                                   tend_window_apply_cb, g_object_ref (self));
    }
  else if (n_waiting > 0)
    {
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u change waits until its account is connected again",
                                           "%u changes wait until their accounts are connected again",
                                           n_waiting),
                              n_waiting);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
    }
}

static void
tend_window_executor_opened_cb (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  g_autoptr(TendWindow) self = user_data;
  g_autoptr(TendActionExecutor) executor = NULL;
  g_autoptr(GError) error = NULL;
  gint64 source_id = 0;

  executor = tend_live_accounts_open_executor_finish (result, &source_id, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->stack == NULL)
    return;

  /* An account whose sign-in cannot be read keeps its changes waiting;
   * resuming says so, and syncing says why. */
  if (executor != NULL)
    tend_apply_engine_set_executor (self->apply_engine, source_id, executor);
  else
    g_debug ("Changes to source %" G_GINT64_FORMAT " wait: %s", source_id, error->message);

  if (--self->n_accounts_opening == 0)
    tend_window_resume_apply (self);
}

/* Each connected account's client, opened with its sign-in from the
 * keyring, carries out what the engine applies on its network; what a
 * previous run left continues once they are all open. */
static void
tend_window_start_apply (TendWindow *self,
                         GPtrArray  *live)
{
  tend_window_stop_apply (self);
  self->apply_engine = tend_apply_engine_dup_for_store (self->store);

  if (live->len == 0)
    {
      tend_window_resume_apply (self);
      return;
    }

  self->accounts_cancellable = g_cancellable_new ();
  self->n_accounts_opening = live->len;
  for (guint i = 0; i < live->len; i++)
    tend_live_accounts_open_executor_async (self->store, g_ptr_array_index (live, i),
                                            self->accounts_cancellable,
                                            tend_window_executor_opened_cb, g_object_ref (self));
}

/**
 * tend_window_get_apply_engine:
 * @self: a #TendWindow
 *
 * The engine that applies the shown profile's decisions, shared with
 * the pruning wizard and History. A live source's client registers its
 * executor here (tend_apply_engine_set_executor()).
 *
 * Returns: (transfer none) (nullable): the engine, or %NULL without a store
 */
TendApplyEngine *
tend_window_get_apply_engine (TendWindow *self)
{
  g_return_val_if_fail (TEND_IS_WINDOW (self), NULL);

  return self->apply_engine;
}

/**
 * tend_window_set_store:
 * @self: a #TendWindow
 * @store: the store to show
 * @is_sample: whether @store holds the sample business
 *
 * Shows @store: the welcome page when it holds no connections, its
 * connections otherwise, read without blocking the window.
 */
void
tend_window_set_store (TendWindow *self,
                       TendStore  *store,
                       gboolean    is_sample)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) live = NULL;
  gint64 n_connections;

  g_return_if_fail (TEND_IS_WINDOW (self));
  g_return_if_fail (TEND_IS_STORE (store));

  tend_window_clear_connections (self);

  if (g_set_object (&self->store, store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  tend_connection_detail_set_store (self->connection_detail, store);
  tend_window_set_showing_sample (self, is_sample);

  /* Accounts can be synced even before they brought any connection. */
  if (!(live = tend_live_accounts_list (store, &error)))
    {
      tend_window_show_error (self, error);
      return;
    }
  self->has_live_accounts = live->len > 0;
  tend_window_update_actions (self);
  tend_window_start_apply (self, live);

  n_connections = tend_store_count_connections (store, &error);

  if (error != NULL)
    {
      tend_window_show_error (self, error);
      return;
    }

  if (n_connections <= 0)
    {
      tend_window_show_page (self, "welcome");
      return;
    }

  tend_window_open_connections (self);
}

/**
 * tend_window_show_error:
 * @self: a #TendWindow
 * @error: why the profile could not be opened
 *
 * Shows the error page with the message of @error, which says what to do.
 * The window then holds no store, and nothing is written.
 */
void
tend_window_show_error (TendWindow   *self,
                        const GError *error)
{
  g_return_if_fail (TEND_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  tend_window_clear_connections (self);
  tend_window_stop_apply (self);
  tend_connection_detail_set_store (self->connection_detail, NULL);

  if (g_set_object (&self->store, NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  self->has_live_accounts = FALSE;
  tend_window_set_showing_sample (self, FALSE);
  tend_window_update_actions (self);

  tend_status_page_set_plain_description (self->error_page, error->message);

  tend_window_show_page (self, "error");
}

static void
tend_window_generate_sample_thread (GTask        *task,
                                    gpointer      source_object,
                                    gpointer      task_data,
                                    GCancellable *cancellable)
{
  SampleJob *job = task_data;
  g_autoptr(TendStore) store = NULL;
  g_autoptr(GError) error = NULL;
  TendSampleOptions options;

  /* A store belongs to the thread that opened it: this one is opened,
   * filled and closed here.
   */
  if (!(store = tend_store_open (job->path, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  tend_sample_options_init_default (&options);

  if (!tend_sample_generate (store, &options, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
tend_window_generate_sample_cb (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data)
{
  g_autoptr(TendWindow) self = user_data;
  SampleJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(TendStore) sample = NULL;
  g_autoptr(GError) error = NULL;
  gboolean success;

  success = g_task_propagate_boolean (G_TASK (result), &error);

  if (job->application != NULL)
    {
      g_application_release (job->application);
      g_clear_object (&job->application);
    }

  g_clear_object (&self->sample_cancellable);

  /* The window was closed while the sample was written. */
  if (self->stack == NULL)
    return;

  tend_window_update_actions (self);

  if (!success)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        tend_window_sample_failed (self, error);
      tend_window_show_page (self, "welcome");
      return;
    }

  if (!(sample = tend_store_open (job->path, &error)))
    {
      tend_window_sample_failed (self, error);
      tend_window_show_page (self, "welcome");
      return;
    }

  tend_window_set_store (self, sample, TRUE);
}

static void
tend_window_explore_sample (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  TendWindow *self = TEND_WINDOW (widget);
  g_autoptr(TendStore) sample = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  GtkApplication *application;
  SampleJob *job;
  gint64 n_connections;

  if (self->sample_cancellable != NULL)
    return;

  path = tend_store_build_sample_path (self->data_dir);

  if (!(sample = tend_store_open (path, &error)))
    {
      tend_window_sample_failed (self, error);
      return;
    }

  n_connections = tend_store_count_connections (sample, &error);

  if (error != NULL)
    {
      tend_window_sample_failed (self, error);
      return;
    }

  /* Filled on an earlier visit: show it as it was left. */
  if (n_connections > 0)
    {
      tend_window_set_store (self, sample, TRUE);
      return;
    }

  /* The worker opens its own store on the same file. */
  g_clear_object (&sample);

  job = g_new0 (SampleJob, 1);
  job->path = g_steal_pointer (&path);

  /* Keep the application running until the worker is done, so that
   * closing the window cancels the work instead of cutting it off.
   */
  if ((application = gtk_window_get_application (GTK_WINDOW (self))))
    {
      job->application = g_object_ref (G_APPLICATION (application));
      g_application_hold (job->application);
    }

  self->sample_cancellable = g_cancellable_new ();

  /* The task does not hold the window: its last reference may be dropped
   * in the worker thread, and a widget must be released where it lives.
   * The callback owns the reference passed as user data instead.
   */
  task = g_task_new (NULL,
                     self->sample_cancellable,
                     tend_window_generate_sample_cb,
                     g_object_ref (self));
  g_task_set_source_tag (task, tend_window_explore_sample);
  g_task_set_task_data (task, job, (GDestroyNotify) sample_job_free);

  tend_window_update_actions (self);
  tend_window_show_page (self, "loading");

  g_task_run_in_thread (task, tend_window_generate_sample_thread);
}

static void
tend_window_cancel_sample (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  TendWindow *self = TEND_WINDOW (widget);

  if (self->sample_cancellable == NULL)
    return;

  g_cancellable_cancel (self->sample_cancellable);
  tend_window_update_actions (self);
}

static void
tend_window_leave_sample (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  TendWindow *self = TEND_WINDOW (widget);
  g_autoptr(TendStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (!self->showing_sample)
    return;

  path = tend_store_build_path (self->data_dir);

  if (!(store = tend_store_open (path, &error)))
    {
      tend_window_show_error (self, error);
      return;
    }

  tend_window_set_store (self, store, FALSE);
}

static TendConnectionFilter *
tend_window_get_filter (TendWindow *self)
{
  return tend_connection_list_get_filter (self->connection_list);
}

static void
on_search_changed (TendWindow *self)
{
  g_object_set (tend_window_get_filter (self),
                "search-text", gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                NULL);
}

static void
on_source_selected (TendWindow *self)
{
  g_object_set (tend_window_get_filter (self),
                "source-id", tend_sidebar_get_selected_source_id (self->sidebar),
                NULL);
}

/* Item 0 of the tag and decision menus is "Any": it narrows nothing. */
static gboolean
drop_down_narrows (GtkDropDown *drop_down)
{
  guint selected = gtk_drop_down_get_selected (drop_down);

  return selected != 0 && selected != GTK_INVALID_LIST_POSITION;
}

/* The button says how many filters narrow the list, so none is forgotten. */
static void
tend_window_update_filter_button (TendWindow *self)
{
  guint n_active = 0;
  g_autofree char *label = NULL;

  for (GtkWidget *chip = gtk_widget_get_first_child (GTK_WIDGET (self->quadrant_chips));
       chip != NULL;
       chip = gtk_widget_get_next_sibling (chip))
    n_active += gtk_check_button_get_active (GTK_CHECK_BUTTON (chip));

  n_active += drop_down_narrows (self->tag_dropdown);
  n_active += drop_down_narrows (self->decision_dropdown);

  if (n_active == 0)
    label = g_strdup (_("Filters"));
  else
    /* Translators: the filter button when some filters are on, e.g. “Filters (2)” */
    label = g_strdup_printf (_("Filters (%u)"), n_active);

  gtk_menu_button_set_label (self->filter_button, label);
}

static void
on_quadrant_toggled (TendWindow *self)
{
  guint quadrants = 0;
  guint i = 0;

  for (GtkWidget *chip = gtk_widget_get_first_child (GTK_WIDGET (self->quadrant_chips));
       chip != NULL;
       chip = gtk_widget_get_next_sibling (chip), i++)
    {
      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (chip)))
        quadrants |= 1u << i;
    }

  g_object_set (tend_window_get_filter (self), "quadrants", quadrants, NULL);
  tend_window_update_filter_button (self);
}

static void
tend_window_clear_filters (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  TendWindow *self = TEND_WINDOW (widget);

  for (GtkWidget *chip = gtk_widget_get_first_child (GTK_WIDGET (self->quadrant_chips));
       chip != NULL;
       chip = gtk_widget_get_next_sibling (chip))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (chip), FALSE);

  gtk_drop_down_set_selected (self->tag_dropdown, 0);
  gtk_drop_down_set_selected (self->decision_dropdown, 0);
}

static void
on_tag_selected (TendWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->tag_dropdown);
  const char *tag = NULL;

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    tag = gtk_string_list_get_string (self->tag_names, selected);

  g_object_set (tend_window_get_filter (self), "tag", tag, NULL);
  tend_window_update_filter_button (self);
}

static void
on_decision_selected (TendWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->decision_dropdown);

  /* Item 0 is "Any decision"; the others follow TendDecision's order. */
  g_object_set (tend_window_get_filter (self),
                "decision", selected == GTK_INVALID_LIST_POSITION ? -1 : (int) selected - 1,
                NULL);
  tend_window_update_filter_button (self);
}

static void
on_row_activated (TendWindow *self)
{
  tend_connection_detail_focus (self->connection_detail);
}

static void
on_detail_edited (TendWindow *self)
{
  tend_window_count_decisions (self);
  tend_window_update_tag_names (self);
}

static void
on_detail_error (TendWindow   *self,
                 const GError *error)
{
  tend_window_add_error_toast (self, _("The Change Could Not Be Saved"), error);
}

/* The wizard decided on the list's own objects; what is counted from
 * them is counted again, and the list filtered and sorted again. */
static gboolean
on_prune_wizard_close (TendWindow *self)
{
  tend_connection_list_refresh (self->connection_list);
  tend_window_count_decisions (self);
  tend_window_update_tag_names (self);
  tend_window_update_prune_label (self);

  return FALSE;
}

static void
tend_window_start_pruning (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  TendWindow *self = TEND_WINDOW (widget);
  GListModel *connections = tend_connection_list_get_model (self->connection_list);
  g_autoptr(TendPruneSession) session = NULL;
  g_autoptr(GError) error = NULL;
  TendPruneWizard *wizard;

  if (self->store == NULL || connections == NULL)
    return;

  session = tend_prune_session_new (self->store, connections,
                                    g_get_real_time () / G_USEC_PER_SEC, &error);
  if (session == NULL)
    {
      tend_window_add_error_toast (self, _("Pruning Could Not Start"), error);
      return;
    }

  wizard = tend_prune_wizard_new (GTK_WINDOW (self), session);
  g_signal_connect_object (wizard, "close-request", G_CALLBACK (on_prune_wizard_close),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (wizard));
}

static void
on_history_changed (TendWindow *self,
                    GtkWidget  *view)
{
  g_object_set_data (G_OBJECT (view), "tend-changed", GINT_TO_POINTER (TRUE));
}

/* What History reversed or restored shows in the list once it closes. */
static gboolean
on_history_close (TendWindow *self,
                  GtkWindow  *history)
{
  GtkWidget *view = g_object_get_data (G_OBJECT (history), "tend-view");

  if (g_object_get_data (G_OBJECT (view), "tend-changed") != NULL && self->store != NULL &&
      g_str_equal (tend_window_get_page (self), "connections"))
    tend_window_open_connections (self);

  return FALSE;
}

static void
tend_window_history (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TendWindow *self = TEND_WINDOW (widget);
  GtkWidget *history;
  GtkWidget *box;
  GtkWidget *header;
  GtkWidget *view;
  GtkEventController *keys;

  if (self->store == NULL)
    return;

  history = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (history), _("History"));
  gtk_window_set_transient_for (GTK_WINDOW (history), GTK_WINDOW (self));
  gtk_window_set_default_size (GTK_WINDOW (history), 560, 640);
  gtk_widget_set_size_request (history, 360, 360);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  view = tend_history_view_new (self->store);
  gtk_widget_set_vexpand (view, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), view);
  adw_window_set_content (ADW_WINDOW (history), box);

  /* Escape closes it, as other secondary windows do. */
  keys = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (history, keys);

  g_object_set_data (G_OBJECT (history), "tend-view", view);
  g_signal_connect_object (view, "changed", G_CALLBACK (on_history_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (history, "close-request", G_CALLBACK (on_history_close), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (history));
}

static void
tend_window_search (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TendWindow *self = TEND_WINDOW (widget);

  if (gtk_widget_is_visible (GTK_WIDGET (self->search_entry)) &&
      g_str_equal (tend_window_get_page (self), "connections"))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* The chips and menus are built here, from the labels of the model layer. */
static void
tend_window_setup_filters (TendWindow *self)
{
  g_autoptr(GtkStringList) decisions = gtk_string_list_new (NULL);
  GtkSelectionModel *selection;

  for (guint quadrant = 0; quadrant < TEND_N_QUADRANTS; quadrant++)
    {
      GtkWidget *chip = gtk_check_button_new_with_label (tend_quadrant_get_label (quadrant));

      g_signal_connect_swapped (chip, "toggled", G_CALLBACK (on_quadrant_toggled), self);
      gtk_box_append (self->quadrant_chips, chip);
    }

  self->tag_names = gtk_string_list_new ((const char * const []) { _("Any tag"), NULL });
  gtk_drop_down_set_model (self->tag_dropdown, G_LIST_MODEL (self->tag_names));

  gtk_string_list_append (decisions, _("Any decision"));
  for (guint decision = TEND_DECISION_UNDECIDED; decision <= TEND_DECISION_PRUNE; decision++)
    gtk_string_list_append (decisions, tend_decision_get_label (decision));
  gtk_drop_down_set_model (self->decision_dropdown, G_LIST_MODEL (decisions));

  selection = tend_connection_list_get_selection (self->connection_list);
  tend_connection_detail_set_selection (self->connection_detail, selection);

  /* The chart shows what the list shows, filters included, and shares its selection. */
  tend_reciprocity_chart_set_model (self->chart, G_LIST_MODEL (selection));
  tend_reciprocity_chart_set_selection (self->chart, selection);
}

static void
on_view_changed (TendWindow *self)
{
  const char *view = adw_view_stack_get_visible_child_name (self->view_stack);

  if (self->settings != NULL && view != NULL)
    g_settings_set_string (self->settings, "last-view", view);

  tend_window_update_actions (self);
}

/* Imports always go to the owner's own profile, never into the sample. */
static void
tend_window_start_import (TendWindow         *self,
                          const char * const *paths)
{
  g_autofree char *own_path = tend_store_build_path (self->data_dir);

  if (!tend_import_page_start (self->import_page, own_path, paths))
    return;

  tend_window_show_page (self, "importing");
}

static void
tend_window_show_message (TendWindow *self,
                          const char *heading,
                          const char *body)
{
  GtkWidget *dialog;

  /* Heading and body are plain text: file and entry names come from exports. */
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Shows the owner's profile afresh, with whatever was just added to it. */
static void
tend_window_show_own_profile (TendWindow *self)
{
  g_autofree char *own_path = tend_store_build_path (self->data_dir);
  g_autoptr(TendStore) own = NULL;
  g_autoptr(GError) error = NULL;

  if (!(own = tend_store_open (own_path, &error)))
    {
      tend_window_show_error (self, error);
      return;
    }

  tend_window_set_store (self, own, FALSE);
}

static void
on_import_finished (TendWindow             *self,
                    const TendImportResult *result,
                    const GError           *error)
{
  if (result != NULL)
    {
      g_autofree char *summary = tend_import_result_to_string (result);

      tend_window_show_message (self, _("Import Finished"), summary);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new (_("Import cancelled; nothing was changed")));
  else if (error != NULL)
    tend_window_show_message (self, _("Nothing Was Imported"), error->message);

  tend_window_show_own_profile (self);
}

static void
tend_window_sync (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TendWindow *self = TEND_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  /* Accounts are connected in the owner's profile only, never in the sample. */
  if (self->store == NULL || self->showing_sample)
    return;

  if (!tend_sync_page_start (self->sync_page, self->store, &error))
    {
      if (error != NULL)
        tend_window_add_error_toast (self, _("Nothing Was Synced"), error);
      return;
    }

  tend_window_show_page (self, "syncing");
}

static void
on_sync_finished (TendWindow   *self,
                  GPtrArray    *results,
                  const GError *error)
{
  g_autoptr(GString) summary = g_string_new (NULL);

  /* One line per account: what changed, and who stopped following. */
  for (guint i = 0; i < results->len; i++)
    {
      g_autofree char *line = tend_sync_result_to_string (g_ptr_array_index (results, i));

      g_string_append_printf (summary, "%s%s", i > 0 ? "\n" : "", line);
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && results->len == 0)
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new (_("Sync cancelled; nothing was changed")));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_string_append_printf (summary, "\n%s", _("The rest was cancelled and left as it was."));
      tend_window_show_message (self, _("Sync Cancelled"), summary->str);
    }
  else if (error != NULL)
    {
      g_string_append_printf (summary, "%s%s", summary->len > 0 ? "\n" : "", error->message);
      tend_window_show_message (self, _("The Sync Did Not Finish"), summary->str);
    }
  else
    tend_window_show_message (self, _("Sync Finished"), summary->str);

  tend_window_show_own_profile (self);
}

static void
on_sync_requested (TendWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.sync", NULL);
}

/* Accounts join the owner's own profile, never the sample. */
static TendStore *
tend_window_dup_own_store (TendWindow *self)
{
  g_autofree char *own_path = tend_store_build_path (self->data_dir);
  g_autoptr(GError) error = NULL;
  TendStore *own;

  if (self->store != NULL && !self->showing_sample)
    return g_object_ref (self->store);

  if (!(own = tend_store_open (own_path, &error)))
    tend_window_add_error_toast (self, _("Your Profile Could Not Be Opened"), error);

  return own;
}

/* A connect dialog's account joins the list, and can be synced at once. */
static void
tend_window_present_connect_dialog (TendWindow *self,
                                    GtkWindow  *dialog)
{
  g_signal_connect_object (dialog, "connected", G_CALLBACK (tend_window_show_own_profile),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "sync-requested", G_CALLBACK (on_sync_requested),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (dialog);
}

static void
tend_window_connect_mastodon (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  TendWindow *self = TEND_WINDOW (widget);
  g_autoptr(TendStore) own = tend_window_dup_own_store (self);

  if (own != NULL)
    tend_window_present_connect_dialog (self, GTK_WINDOW (tend_connect_mastodon_dialog_new (GTK_WINDOW (self), own)));
}

static void
tend_window_connect_bluesky (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  TendWindow *self = TEND_WINDOW (widget);
  g_autoptr(TendStore) own = tend_window_dup_own_store (self);

  if (own != NULL)
    tend_window_present_connect_dialog (self, GTK_WINDOW (tend_connect_bluesky_dialog_new (GTK_WINDOW (self), own)));
}

/* An account being disconnected, and what to call it meanwhile. */
typedef struct {
  TendWindow     *window;
  TendSourceKind  kind;
  char           *account;
  char           *title;
} Disconnect;

static void
disconnect_free (Disconnect *disconnect)
{
  g_clear_object (&disconnect->window);
  g_free (disconnect->account);
  g_free (disconnect->title);
  g_free (disconnect);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Disconnect, disconnect_free)

static void
disconnect_closure_free (gpointer  data,
                         GClosure *closure)
{
  disconnect_free (data);
}

static void
disconnected_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Disconnect) disconnect = user_data;
  TendWindow *self = disconnect->window;
  g_autoptr(GError) error = NULL;
  gboolean success;

  success = tend_live_accounts_disconnect_finish (result, &error);

  /* The window was closed meanwhile. */
  if (self->stack == NULL)
    return;

  if (!success)
    tend_window_add_error_toast (self, _("The Account Was Not Fully Disconnected"), error);
  else
    {
      g_autofree char *text = NULL;
      g_autofree char *escaped = NULL;

      /* Translators: an account: “Disconnected @me@mastodon.social; …” */
      text = g_strdup_printf (_("Disconnected %s; its connections stay in Tend"), disconnect->title);
      escaped = g_markup_escape_text (text, -1);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
    }

  /* The sidebar and the sync button follow the accounts still connected. */
  tend_window_show_own_profile (self);
}

static void
disconnect_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        Disconnect       *disconnect)
{
  Disconnect *job;

  if (!g_str_equal (response, "disconnect") || disconnect->window->store == NULL)
    return;

  job = g_new0 (Disconnect, 1);
  job->window = g_object_ref (disconnect->window);
  job->kind = disconnect->kind;
  job->account = g_strdup (disconnect->account);
  job->title = g_strdup (disconnect->title);
  tend_live_accounts_disconnect_async (job->window->store, job->kind, job->account, NULL,
                                       disconnected_cb, job);
}

static void
tend_window_disconnect_source (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  TendWindow *self = TEND_WINDOW (widget);
  gint64 source_id = g_variant_get_int64 (parameter);
  g_autoptr(GPtrArray) live = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) server = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  const TendLiveSource *source = NULL;
  Disconnect *disconnect;
  GtkWidget *dialog;

  if (self->store == NULL)
    return;

  if (!(live = tend_live_accounts_list (self->store, &error)))
    {
      tend_window_add_error_toast (self, _("The Account Could Not Be Disconnected"), error);
      return;
    }

  for (guint i = 0; i < live->len && source == NULL; i++)
    if (((TendLiveSource *) g_ptr_array_index (live, i))->id == source_id)
      source = g_ptr_array_index (live, i);

  if (source == NULL)
    return;

  server = g_uri_parse (source->server, G_URI_FLAGS_NONE, NULL);

  /* Translators: an account: “Disconnect @me@mastodon.social?” */
  heading = g_strdup_printf (_("Disconnect %s?"), source->title);
  /* Translators: a server's name */
  body = g_strdup_printf (_("Tend asks %s to revoke its access to the account and removes the "
                            "sign-in from your keyring. The connections and interactions already "
                            "synced stay in Tend; connect the account again to sync it."),
                          server != NULL && g_uri_get_host (server) != NULL ? g_uri_get_host (server)
                                                                             : source->server);

  /* Heading and body are plain text: titles and servers come from the network. */
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "disconnect", _("_Disconnect"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "disconnect",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  disconnect = g_new0 (Disconnect, 1);
  disconnect->window = g_object_ref (self);
  disconnect->kind = source->kind;
  disconnect->account = g_strdup (source->account);
  disconnect->title = g_strdup (source->title);
  g_signal_connect_data (dialog, "response", G_CALLBACK (disconnect_response_cb), disconnect,
                         disconnect_closure_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(TendWindow) self = user_data;
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

  g_object_unref (chooser);

  for (guint i = 0; files != NULL && i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      char *path = g_file_get_path (file);

      if (path != NULL)
        g_ptr_array_add (paths, path);
    }

  if (paths->len == 0 || self->stack == NULL)
    return;

  g_ptr_array_add (paths, NULL);
  tend_window_start_import (self, (const char * const *) paths->pdata);
}

static void
tend_window_choose_import (TendWindow           *self,
                           GtkFileChooserAction  action)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) exports = NULL;
  g_autoptr(GtkFileFilter) everything = NULL;
  gboolean folder = action == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER;

  chooser = gtk_file_chooser_native_new (folder ? _("Import a Folder") : _("Import an Export"),
                                         GTK_WINDOW (self), action,
                                         _("_Import"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);

  if (!folder)
    {
      const char * const patterns[] = { "*.zip", "*.json", "*.js", "*.csv", "*.vcf", NULL };

      exports = gtk_file_filter_new ();
      gtk_file_filter_set_name (exports, _("Exports and address books"));
      for (guint i = 0; patterns[i] != NULL; i++)
        gtk_file_filter_add_pattern (exports, patterns[i]);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), exports);

      everything = gtk_file_filter_new ();
      gtk_file_filter_set_name (everything, _("All files"));
      gtk_file_filter_add_pattern (everything, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), everything);
    }

  g_signal_connect (chooser, "response", G_CALLBACK (import_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
tend_window_import (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  tend_window_choose_import (TEND_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
tend_window_import_folder (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  tend_window_choose_import (TEND_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         TendWindow    *self)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  GSList *files = g_value_get_boxed (value);

  /* One thing at a time: not while the sample or another import is written. */
  if (self->sample_cancellable != NULL || tend_import_page_is_busy (self->import_page))
    return FALSE;

  for (const GSList *iter = files; iter != NULL; iter = iter->next)
    {
      char *path = g_file_get_path (iter->data);

      if (path != NULL)
        g_ptr_array_add (paths, path);
    }

  if (paths->len == 0)
    return FALSE;

  g_ptr_array_add (paths, NULL);
  tend_window_start_import (self, (const char * const *) paths->pdata);
  return TRUE;
}

static void
on_preferences_changed (TendWindow *self)
{
  if (self->store != NULL && g_str_equal (tend_window_get_page (self), "connections"))
    tend_window_open_connections (self);
}

static void
tend_window_preferences (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  TendWindow *self = TEND_WINDOW (widget);
  TendPreferencesWindow *preferences;

  if (self->store == NULL)
    return;

  preferences = tend_preferences_window_new (GTK_WINDOW (self), self->store);
  g_signal_connect_object (preferences, "changed", G_CALLBACK (on_preferences_changed),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
export_chart_response_cb (GtkNativeDialog *chooser,
                          int              response,
                          gpointer         user_data)
{
  g_autoptr(TendWindow) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_object_unref (chooser);

  if (file == NULL || self->stack == NULL)
    return;

  if (!tend_reciprocity_chart_export_png (self->chart, file, 1600, 1200, &error))
    {
      tend_window_add_error_toast (self, _("The Chart Could Not Be Saved"), error);
      return;
    }

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Chart saved")));
}

static void
tend_window_export_chart (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  TendWindow *self = TEND_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) png = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Export Chart as Image"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  /* Translators: the suggested file name of the exported chart */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("reciprocity.png"));
  gtk_file_filter_set_name (png, _("PNG images"));
  gtk_file_filter_add_mime_type (png, "image/png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), png);

  g_signal_connect (chooser, "response", G_CALLBACK (export_chart_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
tend_window_print_summary (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  TendWindow *self = TEND_WINDOW (widget);
  g_autoptr(TendSummaryPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;

  if (!(operation = tend_summary_print_operation_new (self->store, &error)))
    {
      tend_window_show_message (self, _("The Summary Could Not Be Prepared"), error->message);
      return;
    }

  tend_summary_print_operation_run (operation, GTK_WINDOW (self));
}

static gboolean
tend_window_close_request (GtkWindow *window)
{
  TendWindow *self = (TendWindow *)window;
  int width, height;

  if (self->settings != NULL)
    {
      gtk_window_get_default_size (window, &width, &height);

      g_settings_delay (self->settings);
      g_settings_set_boolean (self->settings, "window-maximized",
                              gtk_window_is_maximized (window));
      if (width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
      g_settings_apply (self->settings);
    }

  return GTK_WINDOW_CLASS (tend_window_parent_class)->close_request (window);
}

static void
tend_window_restore_size (TendWindow *self)
{
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;
  int width, height;

  /* Running from the build tree without the compiled schema is allowed:
   * the window then opens at its default size and remembers nothing.
   */
  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, BASE_ID, TRUE);

  if (schema == NULL)
    {
      g_debug ("Schema %s is not installed; the window size is not kept", BASE_ID);
      return;
    }

  self->settings = g_settings_new (BASE_ID);

  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");

  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
tend_window_dispose (GObject *object)
{
  TendWindow *self = (TendWindow *)object;

  if (self->sample_cancellable != NULL)
    g_cancellable_cancel (self->sample_cancellable);
  g_clear_object (&self->sample_cancellable);

  if (self->open_cancellable != NULL)
    g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);

  tend_window_stop_apply (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), TEND_TYPE_WINDOW);

  g_clear_object (&self->tag_names);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tend_window_parent_class)->dispose (object);
}

static void
tend_window_finalize (GObject *object)
{
  TendWindow *self = (TendWindow *)object;

  g_clear_pointer (&self->data_dir, g_free);

  G_OBJECT_CLASS (tend_window_parent_class)->finalize (object);
}

static void
tend_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  TendWindow *self = TEND_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR:
      g_value_set_string (value, self->data_dir);
      break;

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SHOWING_SAMPLE:
      g_value_set_boolean (value, self->showing_sample);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_window_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  TendWindow *self = TEND_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR:
      self->data_dir = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_window_class_init (TendWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tend_window_dispose;
  object_class->finalize = tend_window_finalize;
  object_class->get_property = tend_window_get_property;
  object_class->set_property = tend_window_set_property;

  window_class->close_request = tend_window_close_request;

  /**
   * TendWindow:data-dir:
   *
   * The profile folder, or %NULL for the default profile.
   */
  properties[PROP_DATA_DIR] =
    g_param_spec_string ("data-dir", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * TendWindow:store:
   *
   * The store shown, or %NULL when the profile could not be opened.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         TEND_TYPE_STORE,
                         (G_PARAM_READABLE |
                          G_PARAM_STATIC_STRINGS));

  /**
   * TendWindow:showing-sample:
   *
   * Whether the window shows the sample business.
   */
  properties[PROP_SHOWING_SAMPLE] =
    g_param_spec_boolean ("showing-sample", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/app/tend-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TendWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, sync_button);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, prune_button);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, sample_banner);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, explore_button);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, opening_spinner);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, filter_button);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, quadrant_chips);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, tag_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, decision_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, connection_list);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, chart);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, connection_detail);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, import_page);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, sync_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_source_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_tag_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_decision_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_detail_error);
  gtk_widget_class_bind_template_callback (widget_class, on_detail_edited);
  gtk_widget_class_bind_template_callback (widget_class, on_view_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_import_finished);
  gtk_widget_class_bind_template_callback (widget_class, on_sync_finished);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, error_page);

  gtk_widget_class_install_action (widget_class, "win.explore-sample", NULL, tend_window_explore_sample);
  gtk_widget_class_install_action (widget_class, "win.cancel-sample", NULL, tend_window_cancel_sample);
  gtk_widget_class_install_action (widget_class, "win.leave-sample", NULL, tend_window_leave_sample);
  gtk_widget_class_install_action (widget_class, "win.show-error", "(ss)", tend_window_show_error_action);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, tend_window_search);
  gtk_widget_class_install_action (widget_class, "win.clear-filters", NULL, tend_window_clear_filters);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, tend_window_import);
  gtk_widget_class_install_action (widget_class, "win.import-folder", NULL, tend_window_import_folder);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, tend_window_preferences);
  gtk_widget_class_install_action (widget_class, "win.export-chart", NULL, tend_window_export_chart);
  gtk_widget_class_install_action (widget_class, "win.print-summary", NULL, tend_window_print_summary);
  gtk_widget_class_install_action (widget_class, "win.connect-mastodon", NULL, tend_window_connect_mastodon);
  gtk_widget_class_install_action (widget_class, "win.connect-bluesky", NULL, tend_window_connect_bluesky);
  gtk_widget_class_install_action (widget_class, "win.sync", NULL, tend_window_sync);
  gtk_widget_class_install_action (widget_class, "win.disconnect-source", "x", tend_window_disconnect_source);
  gtk_widget_class_install_action (widget_class, "win.start-pruning", NULL, tend_window_start_pruning);
  gtk_widget_class_install_action (widget_class, "win.history", NULL, tend_window_history);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel-sample", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.preferences", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print-summary", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.sync", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK, "win.history", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_P, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.start-pruning", NULL);

  g_type_ensure (TEND_TYPE_SIDEBAR);
  g_type_ensure (TEND_TYPE_CONNECTION_LIST);
  g_type_ensure (TEND_TYPE_CONNECTION_DETAIL);
  g_type_ensure (TEND_TYPE_RECIPROCITY_CHART);
  g_type_ensure (TEND_TYPE_IMPORT_PAGE);
  g_type_ensure (TEND_TYPE_SYNC_PAGE);
}

static void
tend_window_init (TendWindow *self)
{
  GtkDropTarget *drop_target;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The icon follows the application id, which a development build changes. */
  adw_status_page_set_icon_name (self->welcome_page, APPLICATION_ID);

  /* Exports dropped anywhere on the window are imported. */
  drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop_target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));

  tend_window_setup_filters (self);
  tend_window_restore_size (self);

  if (self->settings != NULL)
    {
      g_autofree char *view = g_settings_get_string (self->settings, "last-view");

      adw_view_stack_set_visible_child_name (self->view_stack, view);
    }

  tend_window_update_actions (self);
}
