/* tend-progress-page.c: long work under way, with its progress and a way out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What imports and syncs show while they run: a title, a bar, a line
 * saying what is being done, and Cancel. The page owns the work's
 * cancellable: Cancel, or the page going away, cancels it.
 */
#define G_LOG_DOMAIN "tend-progress-page"

#include "config.h"

#include "tend-progress-page.h"

struct _TendProgressPage
{
  GtkWidget parent_instance;

  /* template widgets */
  AdwStatusPage  *status_page;
  GtkProgressBar *progress_bar;
  GtkLabel       *text_label;
  GtkButton      *cancel_button;

  /* owned references */
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (TendProgressPage, tend_progress_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_ICON_NAME,
  PROP_PROGRESS_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tend_progress_page_dispose (GObject *object)
{
  TendProgressPage *self = TEND_PROGRESS_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), TEND_TYPE_PROGRESS_PAGE);

  G_OBJECT_CLASS (tend_progress_page_parent_class)->dispose (object);
}

static void
tend_progress_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TendProgressPage *self = TEND_PROGRESS_PAGE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, adw_status_page_get_title (self->status_page));
      break;

    case PROP_ICON_NAME:
      g_value_set_string (value, adw_status_page_get_icon_name (self->status_page));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_progress_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TendProgressPage *self = TEND_PROGRESS_PAGE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      tend_progress_page_set_title (self, g_value_get_string (value));
      break;

    case PROP_ICON_NAME:
      adw_status_page_set_icon_name (self->status_page, g_value_get_string (value));
      break;

    case PROP_PROGRESS_LABEL:
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, g_value_get_string (value),
                                      -1);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_progress_page_class_init (TendProgressPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_progress_page_dispose;
  object_class->get_property = tend_progress_page_get_property;
  object_class->set_property = tend_progress_page_set_property;

  /**
   * TendProgressPage:title:
   *
   * What is under way, as plain text: "Importing…".
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  /**
   * TendProgressPage:progress-label:
   *
   * What a screen reader calls the progress bar.
   */
  properties[PROP_PROGRESS_LABEL] =
    g_param_spec_string ("progress-label", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/tend-progress-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TendProgressPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, TendProgressPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TendProgressPage, text_label);
  gtk_widget_class_bind_template_child (widget_class, TendProgressPage, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, tend_progress_page_cancel);
}

static void
tend_progress_page_init (TendProgressPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
tend_progress_page_new (void)
{
  return g_object_new (TEND_TYPE_PROGRESS_PAGE, NULL);
}

/**
 * tend_progress_page_begin:
 *
 * Starts showing new work from nothing, and moves the keyboard focus to
 * Cancel.
 *
 * Returns: (transfer none) (nullable): the work's cancellable, which the
 *   page keeps until tend_progress_page_end(); %NULL when other work is
 *   still under way
 */
GCancellable *
tend_progress_page_begin (TendProgressPage *self)
{
  g_return_val_if_fail (TEND_IS_PROGRESS_PAGE (self), NULL);

  if (self->cancellable != NULL)
    return NULL;

  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_label_set_text (self->text_label, "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));

  return self->cancellable;
}

/**
 * tend_progress_page_end:
 *
 * The work is over, however it ended.
 */
void
tend_progress_page_end (TendProgressPage *self)
{
  g_return_if_fail (TEND_IS_PROGRESS_PAGE (self));

  g_clear_object (&self->cancellable);
}

gboolean
tend_progress_page_is_busy (TendProgressPage *self)
{
  g_return_val_if_fail (TEND_IS_PROGRESS_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

void
tend_progress_page_cancel (TendProgressPage *self)
{
  g_return_if_fail (TEND_IS_PROGRESS_PAGE (self));

  if (self->cancellable == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
}

/**
 * tend_progress_page_set_title:
 * @title: plain text, never markup
 */
void
tend_progress_page_set_title (TendProgressPage *self,
                              const char       *title)
{
  g_return_if_fail (TEND_IS_PROGRESS_PAGE (self));

  if (g_strcmp0 (title, adw_status_page_get_title (self->status_page)) == 0)
    return;

  adw_status_page_set_title (self->status_page, title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * tend_progress_page_set_text:
 * @text: (nullable): what is being done, as plain text
 */
void
tend_progress_page_set_text (TendProgressPage *self,
                             const char       *text)
{
  g_return_if_fail (TEND_IS_PROGRESS_PAGE (self));

  gtk_label_set_text (self->text_label, text != NULL ? text : "");
}

void
tend_progress_page_set_fraction (TendProgressPage *self,
                                 double            fraction)
{
  g_return_if_fail (TEND_IS_PROGRESS_PAGE (self));

  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
}

/* For work that cannot say how much is left. */
void
tend_progress_page_pulse (TendProgressPage *self)
{
  g_return_if_fail (TEND_IS_PROGRESS_PAGE (self));

  gtk_progress_bar_pulse (self->progress_bar);
}
