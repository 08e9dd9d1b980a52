/* tend-preferences-window.c: how the measures are taken, per profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Changes apply at once, as in other GNOME applications: each one is
 * saved to the profile and announced with the "changed" signal, so the
 * window can measure again.
 */
#define G_LOG_DOMAIN "tend-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tend-preferences-window.h"
#include "tend-reciprocity.h"
#include "tend-summary-document.h"

struct _TendPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  /* template widgets */
  GtkSpinButton *window_spin;
  GtkSpinButton *half_life_spin;
  GtkSpinButton *threshold_spin;
  AdwEntryRow   *business_name_row;

  /* owned references */
  TendStore *store;

  /* set while the spin buttons are filled in from the store */
  gboolean loading;
};

G_DEFINE_FINAL_TYPE (TendPreferencesWindow, tend_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_params (TendPreferencesWindow       *self,
             const TendReciprocityParams *params)
{
  self->loading = TRUE;
  gtk_spin_button_set_value (self->window_spin, params->window_days);
  gtk_spin_button_set_value (self->half_life_spin, params->half_life_days);
  gtk_spin_button_set_value (self->threshold_spin, params->active_threshold);
  self->loading = FALSE;
}

static void
save_params (TendPreferencesWindow       *self,
             const TendReciprocityParams *params)
{
  g_autoptr(GError) error = NULL;

  if (!tend_reciprocity_params_save (params, self->store, &error))
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (escaped));
      return;
    }

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_value_changed (TendPreferencesWindow *self)
{
  TendReciprocityParams params;

  if (self->loading)
    return;

  params.window_days = (guint) gtk_spin_button_get_value_as_int (self->window_spin);
  params.half_life_days = gtk_spin_button_get_value (self->half_life_spin);
  params.active_threshold = gtk_spin_button_get_value (self->threshold_spin);

  save_params (self, &params);
}

/* The business name is saved as typed; the summary trims it. */
static void
on_business_name_changed (TendPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  const char *name;

  if (self->loading)
    return;

  name = gtk_editable_get_text (GTK_EDITABLE (self->business_name_row));
  if (!tend_store_set_setting (self->store, TEND_SUMMARY_SETTING_BUSINESS_NAME, name, &error))
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (escaped));
    }
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TendPreferencesWindow *self = TEND_PREFERENCES_WINDOW (widget);
  TendReciprocityParams params;

  tend_reciprocity_params_init_default (&params);
  show_params (self, &params);
  save_params (self, &params);
}

static void
tend_preferences_window_dispose (GObject *object)
{
  TendPreferencesWindow *self = TEND_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TEND_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tend_preferences_window_parent_class)->dispose (object);
}

static void
tend_preferences_window_class_init (TendPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_preferences_window_dispose;

  /**
   * TendPreferencesWindow::changed:
   *
   * The profile's measures settings were saved with new values.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/tend-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TendPreferencesWindow, window_spin);
  gtk_widget_class_bind_template_child (widget_class, TendPreferencesWindow, half_life_spin);
  gtk_widget_class_bind_template_child (widget_class, TendPreferencesWindow, threshold_spin);
  gtk_widget_class_bind_template_child (widget_class, TendPreferencesWindow, business_name_row);
  gtk_widget_class_bind_template_callback (widget_class, on_value_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_business_name_changed);

  gtk_widget_class_install_action (widget_class, "preferences.reset", NULL, reset_action);
}

static void
tend_preferences_window_init (TendPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

TendPreferencesWindow *
tend_preferences_window_new (GtkWindow *parent,
                             TendStore *store)
{
  TendPreferencesWindow *self;
  TendReciprocityParams params;
  g_autoptr(GError) error = NULL;
  g_autofree char *business_name = NULL;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TEND_IS_STORE (store), NULL);

  self = g_object_new (TEND_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);

  if (!tend_reciprocity_params_load (&params, store, &error))
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      tend_reciprocity_params_init_default (&params);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (escaped));
    }

  show_params (self, &params);

  business_name = tend_store_get_setting (store, TEND_SUMMARY_SETTING_BUSINESS_NAME, NULL);
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->business_name_row),
                         business_name != NULL ? business_name : "");
  self->loading = FALSE;

  return self;
}
