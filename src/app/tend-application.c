/* tend-application.c: the application, one window per profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tend-application"

#include "config.h"

#include <glib/gi18n.h>

#include "tend-application.h"
#include "tend-store.h"
#include "tend-window.h"

struct _TendApplication
{
  AdwApplication parent_instance;

  /* owned; NULL for the default profile */
  char *data_dir;
};

G_DEFINE_FINAL_TYPE (TendApplication, tend_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_DATA_DIR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * tend_application_new:
 * @data_dir: (nullable): the profile folder, or %NULL for the default profile
 *
 * Creates the application. With a @data_dir the application is not unique,
 * so two profiles can be open at the same time.
 */
TendApplication *
tend_application_new (const char *data_dir)
{
  return g_object_new (TEND_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", RESOURCE_PREFIX,
                       "flags", data_dir != NULL ? G_APPLICATION_NON_UNIQUE
                                                 : G_APPLICATION_DEFAULT_FLAGS,
                       "data-dir", data_dir,
                       NULL);
}

const char *
tend_application_get_data_dir (TendApplication *self)
{
  g_return_val_if_fail (TEND_IS_APPLICATION (self), NULL);

  return self->data_dir;
}

/**
 * tend_application_set_data_dir:
 * @self: a #TendApplication
 * @data_dir: (nullable): the profile folder, or %NULL for the default profile
 *
 * Changes the profile the next window opens. Before the application is
 * registered, a profile folder also makes the application non-unique.
 */
void
tend_application_set_data_dir (TendApplication *self,
                               const char      *data_dir)
{
  g_return_if_fail (TEND_IS_APPLICATION (self));

  if (g_strcmp0 (self->data_dir, data_dir) == 0)
    return;

  g_free (self->data_dir);
  self->data_dir = g_strdup (data_dir);

  if (data_dir != NULL && !g_application_get_is_registered (G_APPLICATION (self)))
    {
      GApplicationFlags flags = g_application_get_flags (G_APPLICATION (self));

      g_application_set_flags (G_APPLICATION (self), flags | G_APPLICATION_NON_UNIQUE);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATA_DIR]);
}

static void
tend_application_quit_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  TendApplication *self = user_data;
  GList *windows;

  /* Closing the windows lets each one remember its size; the application
   * ends when the last one is gone.
   */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  for (const GList *iter = windows; iter != NULL; iter = iter->next)
    g_object_ref (iter->data);

  for (const GList *iter = windows; iter != NULL; iter = iter->next)
    gtk_window_close (iter->data);

  g_list_free_full (windows, g_object_unref);
}

static void
tend_application_about_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  TendApplication *self = user_data;
  const char *developers[] = { _("Tend developers"), NULL };
  GtkWindow *parent;

  parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  adw_show_about_window (parent,
                         "application-name", _("Tend"),
                         "application-icon", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Tend gathers the people you are connected to "
                                       "on the networks you use, shows who engages "
                                       "with you, and helps you keep the few "
                                       "relationships that matter. Everything stays "
                                       "on your computer."),
                         "website", "https://github.com/tendapp/tend",
                         "developer-name", _("Tend developers"),
                         "developers", developers,
                         "copyright", _("© Tend developers"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", tend_application_quit_action },
  { "about", tend_application_about_action },
};

static void
tend_application_startup (GApplication *application)
{
  TendApplication *self = (TendApplication *)application;
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (tend_application_parent_class)->startup (application);

  gtk_window_set_default_icon_name (APPLICATION_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions,
                                   G_N_ELEMENTS (app_actions),
                                   self);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
}

static void
tend_application_activate (GApplication *application)
{
  TendApplication *self = (TendApplication *)application;
  g_autoptr(TendStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      window = GTK_WINDOW (tend_window_new (self));
      path = tend_store_build_path (self->data_dir);

      if ((store = tend_store_open (path, &error)))
        {
          tend_window_set_store (TEND_WINDOW (window), store, FALSE);
        }
      else
        {
          g_message ("Could not open %s: %s", path, error->message);
          tend_window_show_error (TEND_WINDOW (window), error);
        }
    }

  gtk_window_present (window);
}

static void
tend_application_finalize (GObject *object)
{
  TendApplication *self = (TendApplication *)object;

  g_clear_pointer (&self->data_dir, g_free);

  G_OBJECT_CLASS (tend_application_parent_class)->finalize (object);
}

static void
tend_application_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TendApplication *self = TEND_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR:
      g_value_set_string (value, self->data_dir);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_application_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TendApplication *self = TEND_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR:
      tend_application_set_data_dir (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_application_class_init (TendApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = tend_application_finalize;
  object_class->get_property = tend_application_get_property;
  object_class->set_property = tend_application_set_property;

  app_class->startup = tend_application_startup;
  app_class->activate = tend_application_activate;

  /**
   * TendApplication:data-dir:
   *
   * The profile folder holding `tend.db`, or %NULL for the default profile
   * in the user data folder.
   */
  properties[PROP_DATA_DIR] =
    g_param_spec_string ("data-dir", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tend_application_init (TendApplication *self)
{
}
