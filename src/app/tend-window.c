/* tend-window.c: the main window of one profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tend-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tend-sample-generator.h"
#include "tend-source-row.h"
#include "tend-window.h"

struct _TendWindow
{
  AdwApplicationWindow parent_instance;

  /* template widgets */
  AdwWindowTitle  *window_title;
  GtkMenuButton   *primary_menu_button;
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  AdwStatusPage   *welcome_page;
  GtkButton       *explore_button;
  GtkSpinner      *loading_spinner;
  GtkButton       *cancel_button;
  GtkLabel        *sources_total_label;
  GtkListBox      *sources_list;
  AdwStatusPage   *error_page;

  /* owned references */
  char            *data_dir;
  TendStore       *store;
  GListModel      *sources;
  GSettings       *settings;
  GCancellable    *sample_cancellable;

  guint            showing_sample : 1;
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
 * Returns: the name of the visible page: "welcome", "loading", "sources"
 *   or "error"
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

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.explore-sample",
                                 self->store != NULL && !self->showing_sample && !loading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-sample",
                                 self->showing_sample && !loading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-sample",
                                 loading && !g_cancellable_is_cancelled (self->sample_cancellable));
}

static void
tend_window_show_page (TendWindow *self,
                       const char *name)
{
  GtkWidget *focus = NULL;

  gtk_stack_set_visible_child_name (self->stack, name);

  if (g_str_equal (name, "loading"))
    {
      gtk_spinner_start (self->loading_spinner);
      focus = GTK_WIDGET (self->cancel_button);
    }
  else
    {
      gtk_spinner_stop (self->loading_spinner);

      if (g_str_equal (name, "welcome"))
        focus = GTK_WIDGET (self->explore_button);
    }

  /* Keep the keyboard focus on the page: the control that had it may just
   * have been hidden with the page it was on.
   */
  if (focus != NULL)
    gtk_widget_grab_focus (focus);
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
      adw_window_title_set_subtitle (self->window_title,
                                     showing_sample ? _("Sample business") : NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOWING_SAMPLE]);
    }
}

static GtkWidget *
tend_window_create_source_row (gpointer item,
                               gpointer user_data)
{
  return GTK_WIDGET (tend_source_row_new (TEND_SOURCE (item)));
}

static void
tend_window_clear_sources (TendWindow *self)
{
  gtk_list_box_bind_model (self->sources_list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->sources);
  gtk_label_set_text (self->sources_total_label, "");
}

static gboolean
tend_window_load_sources (TendWindow  *self,
                          guint        n_connections,
                          GError     **error)
{
  g_autoptr(GListModel) sources = NULL;
  g_autofree char *connections = NULL;
  g_autofree char *total = NULL;
  guint n_sources;

  if (!(sources = tend_store_list_sources (self->store, error)))
    return FALSE;

  n_sources = g_list_model_get_n_items (sources);

  /* Translators: the first part of “412 connections across 9 sources” */
  connections = g_strdup_printf (ngettext ("%u connection", "%u connections", n_connections),
                                 n_connections);
  /* Translators: %s is “412 connections”, %u the number of sources */
  total = g_strdup_printf (ngettext ("%s across %u source", "%s across %u sources", n_sources),
                           connections, n_sources);
  gtk_label_set_text (self->sources_total_label, total);

  g_set_object (&self->sources, sources);
  gtk_list_box_bind_model (self->sources_list,
                           self->sources,
                           tend_window_create_source_row,
                           NULL, NULL);

  return TRUE;
}

/**
 * tend_window_set_store:
 * @self: a #TendWindow
 * @store: the store to show
 * @is_sample: whether @store holds the sample business
 *
 * Shows @store: the welcome page when it holds no connections, its sources
 * otherwise.
 */
void
tend_window_set_store (TendWindow *self,
                       TendStore  *store,
                       gboolean    is_sample)
{
  g_autoptr(GError) error = NULL;
  gint64 n_connections;

  g_return_if_fail (TEND_IS_WINDOW (self));
  g_return_if_fail (TEND_IS_STORE (store));

  tend_window_clear_sources (self);

  if (g_set_object (&self->store, store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  tend_window_set_showing_sample (self, is_sample);
  tend_window_update_actions (self);

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

  if (!tend_window_load_sources (self, (guint) MIN (n_connections, G_MAXUINT), &error))
    {
      tend_window_show_error (self, error);
      return;
    }

  tend_window_show_page (self, "sources");
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
  g_autofree char *escaped = NULL;

  g_return_if_fail (TEND_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  tend_window_clear_sources (self);

  if (g_set_object (&self->store, NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  tend_window_set_showing_sample (self, FALSE);
  tend_window_update_actions (self);

  /* The description of a status page is markup. */
  escaped = g_markup_escape_text (error->message, -1);
  adw_status_page_set_description (self->error_page, escaped);

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

  if (self->sources_list != NULL)
    gtk_list_box_bind_model (self->sources_list, NULL, NULL, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), TEND_TYPE_WINDOW);

  g_clear_object (&self->sources);
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
  gtk_widget_class_bind_template_child (widget_class, TendWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, explore_button);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, sources_total_label);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, sources_list);
  gtk_widget_class_bind_template_child (widget_class, TendWindow, error_page);

  gtk_widget_class_install_action (widget_class, "win.explore-sample", NULL, tend_window_explore_sample);
  gtk_widget_class_install_action (widget_class, "win.cancel-sample", NULL, tend_window_cancel_sample);
  gtk_widget_class_install_action (widget_class, "win.leave-sample", NULL, tend_window_leave_sample);
  gtk_widget_class_install_action (widget_class, "win.show-error", "(ss)", tend_window_show_error_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel-sample", NULL);
}

static void
tend_window_init (TendWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The icon follows the application id, which a development build changes. */
  adw_status_page_set_icon_name (self->welcome_page, APPLICATION_ID);

  tend_window_restore_size (self);
  tend_window_update_actions (self);
}
