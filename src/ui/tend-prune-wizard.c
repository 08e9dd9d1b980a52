/* tend-prune-wizard.c: the pruning wizard, one step a page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The wizard owns the frame: the step heading and "Step 2 of 7", a
 * progress bar, Back, the forward button and "Save and Close". The pages
 * (TendPrunePage) own what happens in a step and say, through their
 * properties, what those buttons read and whether they work. The step
 * shown is saved in the session, so the wizard reopens where it was left.
 */
#define G_LOG_DOMAIN "tend-prune-wizard"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tend-prune-checklist-page.h"
#include "tend-prune-core-page.h"
#include "tend-prune-done-page.h"
#include "tend-prune-goal-page.h"
#include "tend-prune-one-by-one-page.h"
#include "tend-prune-page.h"
#include "tend-prune-quick-wins-page.h"
#include "tend-prune-review-page.h"
#include "tend-prune-wizard.h"

typedef struct {
  TendPruneStep step;
  GType       (*get_type) (void);
} StepPage;

/* The pages in the order the steps run. */
static const StepPage step_pages[] = {
  { TEND_PRUNE_STEP_GOAL,       tend_prune_goal_page_get_type },
  { TEND_PRUNE_STEP_QUICK_WINS, tend_prune_quick_wins_page_get_type },
  { TEND_PRUNE_STEP_ONE_BY_ONE, tend_prune_one_by_one_page_get_type },
  { TEND_PRUNE_STEP_CORE,       tend_prune_core_page_get_type },
  { TEND_PRUNE_STEP_REVIEW,     tend_prune_review_page_get_type },
  { TEND_PRUNE_STEP_CHECKLIST,  tend_prune_checklist_page_get_type },
  { TEND_PRUNE_STEP_DONE,       tend_prune_done_page_get_type },
};

struct _TendPruneWizard
{
  AdwWindow parent_instance;

  /* template widgets */
  AdwWindowTitle *window_title;
  GtkProgressBar *progress_bar;
  AdwToastOverlay *toast_overlay;
  GtkStack *stack;
  GtkButton *forward_button;

  /* owned references */
  TendPruneSession *session;

  /* borrowed: the stack holds them, in step order */
  TendPrunePage *pages[G_N_ELEMENTS (step_pages)];
  guint current;
};

G_DEFINE_FINAL_TYPE (TendPruneWizard, tend_prune_wizard, ADW_TYPE_WINDOW)

static void
add_error_toast (TendPruneWizard *self,
                 const GError    *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  /* A toast's title is markup. */
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

/* Brings the header and the buttons in line with the current page. */
static void
sync_frame (TendPruneWizard *self)
{
  TendPrunePage *page = self->pages[self->current];
  g_autofree char *title = tend_prune_page_dup_title (page);
  g_autofree char *forward_label = tend_prune_page_dup_forward_label (page);
  g_autofree char *subtitle = NULL;
  gboolean can_go_back = tend_prune_page_get_can_go_back (page);
  guint n_steps = G_N_ELEMENTS (step_pages);

  /* Translators: the first %u is the current step, the second how many there are */
  subtitle = g_strdup_printf (_("Step %u of %u"), self->current + 1, n_steps);
  adw_window_title_set_title (self->window_title, title != NULL ? title : "");
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_progress_bar_set_fraction (self->progress_bar, (double) (self->current + 1) / n_steps);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, subtitle,
                                  -1);

  gtk_button_set_label (self->forward_button, forward_label != NULL ? forward_label : _("_Continue"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.forward",
                                 tend_prune_page_get_can_forward (page));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.back",
                                 can_go_back && self->current > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.save-close", can_go_back);
}

static void
show_page (TendPruneWizard *self,
           guint            index)
{
  g_autoptr(GError) error = NULL;
  TendPrunePage *page = self->pages[index];

  self->current = index;
  if (!tend_prune_session_set_step (self->session, step_pages[index].step, &error))
    add_error_toast (self, error);

  tend_prune_page_enter (page, self->session);
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (page));
  sync_frame (self);
  gtk_widget_child_focus (GTK_WIDGET (page), GTK_DIR_TAB_FORWARD);
}

static void
on_page_notify (TendPruneWizard *self,
                GParamSpec      *pspec,
                TendPrunePage   *page)
{
  if (page != NULL && page == self->pages[self->current])
    sync_frame (self);
}

static void
on_page_finished (TendPruneWizard *self,
                  TendPrunePage   *page)
{
  g_autoptr(GError) error = NULL;

  if (page == NULL || page != self->pages[self->current])
    return;

  for (guint i = self->current + 1; i < G_N_ELEMENTS (step_pages); i++)
    {
      if (tend_prune_page_is_needed (self->pages[i], self->session))
        {
          show_page (self, i);
          return;
        }
    }

  /* Past the last step the wizard is done; a later one starts afresh. */
  if (step_pages[self->current].step == TEND_PRUNE_STEP_DONE &&
      !tend_prune_session_discard (self->session, &error))
    {
      add_error_toast (self, error);
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

static void
forward_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TendPruneWizard *self = TEND_PRUNE_WIZARD (widget);

  tend_prune_page_forward (self->pages[self->current]);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TendPruneWizard *self = TEND_PRUNE_WIZARD (widget);

  for (guint i = self->current; i-- > 0;)
    {
      if (tend_prune_page_is_needed (self->pages[i], self->session))
        {
          show_page (self, i);
          return;
        }
    }
}

/* Every choice is already saved; closing keeps the step for next time. */
static void
save_close_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static gboolean
tend_prune_wizard_close_request (GtkWindow *window)
{
  TendPruneWizard *self = TEND_PRUNE_WIZARD (window);

  /* A page at work that must not be left (Apply) keeps the window open. */
  if (!tend_prune_page_get_can_go_back (self->pages[self->current]))
    return TRUE;

  return GTK_WINDOW_CLASS (tend_prune_wizard_parent_class)->close_request (window);
}

static void
tend_prune_wizard_dispose (GObject *object)
{
  TendPruneWizard *self = (TendPruneWizard *)object;

  /* The pages go with the stack and may still notify: forget them first. */
  memset (self->pages, 0, sizeof self->pages);
  gtk_widget_dispose_template (GTK_WIDGET (self), TEND_TYPE_PRUNE_WIZARD);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (tend_prune_wizard_parent_class)->dispose (object);
}

static void
tend_prune_wizard_class_init (TendPruneWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tend_prune_wizard_dispose;
  window_class->close_request = tend_prune_wizard_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/tend-prune-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, TendPruneWizard, window_title);
  gtk_widget_class_bind_template_child (widget_class, TendPruneWizard, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TendPruneWizard, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TendPruneWizard, stack);
  gtk_widget_class_bind_template_child (widget_class, TendPruneWizard, forward_button);

  gtk_widget_class_install_action (widget_class, "wizard.forward", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "wizard.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "wizard.save-close", NULL, save_close_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "wizard.save-close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "wizard.back", NULL);
}

static void
tend_prune_wizard_init (TendPruneWizard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (step_pages); i++)
    {
      TendPrunePage *page = g_object_new (step_pages[i].get_type (), NULL);

      g_assert (TEND_IS_PRUNE_PAGE (page));
      self->pages[i] = page;
      gtk_stack_add_child (self->stack, GTK_WIDGET (page));
      g_signal_connect_object (page, "notify", G_CALLBACK (on_page_notify), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (page, "finished", G_CALLBACK (on_page_finished), self, G_CONNECT_SWAPPED);
    }
}

/**
 * tend_prune_wizard_new:
 * @parent: the main window
 * @session: the wizard's state; the wizard opens at its step
 */
TendPruneWizard *
tend_prune_wizard_new (GtkWindow        *parent,
                       TendPruneSession *session)
{
  TendPruneWizard *self;
  TendPruneStep saved;
  guint index = 0;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TEND_IS_PRUNE_SESSION (session), NULL);

  self = g_object_new (TEND_TYPE_PRUNE_WIZARD,
                       "transient-for", parent,
                       NULL);
  self->session = g_object_ref (session);

  /* The page of the saved step, or the last one before it. */
  saved = tend_prune_session_get_step (session);
  for (guint i = 0; i < G_N_ELEMENTS (step_pages); i++)
    {
      if (step_pages[i].step <= saved)
        index = i;
    }
  show_page (self, index);

  return self;
}

TendPruneSession *
tend_prune_wizard_get_session (TendPruneWizard *self)
{
  g_return_val_if_fail (TEND_IS_PRUNE_WIZARD (self), NULL);

  return self->session;
}

/**
 * tend_prune_wizard_get_page:
 *
 * Returns: (transfer none): the page shown now
 */
GtkWidget *
tend_prune_wizard_get_page (TendPruneWizard *self)
{
  g_return_val_if_fail (TEND_IS_PRUNE_WIZARD (self), NULL);

  return GTK_WIDGET (self->pages[self->current]);
}
