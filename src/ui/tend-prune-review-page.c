/* tend-prune-review-page.c: step 5 of pruning: what applying does, per source, and applying it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The forward button applies: the backup is written and shown first,
 * then the queue runs with a progress bar, and the page ends with what
 * was done and what failed and why; only then does the button move on.
 * A run already on its way when the page opens (resumed at start) is
 * shown as it goes.
 */
#define G_LOG_DOMAIN "tend-prune-review-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tend-apply-engine.h"
#include "tend-prune-page.h"
#include "tend-prune-review-page.h"

struct _TendPruneReviewPage
{
  GtkWidget parent_instance;

  /* template widgets */
  GtkListBox     *plan_list;
  GtkBox         *backup_box;
  GtkLabel       *backup_label;
  GtkBox         *progress_box;
  GtkProgressBar *progress_bar;
  GtkLabel       *current_label;
  GtkButton      *cancel_button;
  AdwPreferencesGroup *result_group;
  GtkLabel       *result_label;
  GtkListBox     *result_list;

  /* owned references */
  TendPruneSession *session;
  TendApplyEngine  *engine;
  GCancellable     *cancellable;
  GHashTable       *source_labels;   /* gint64 source id → GtkLabel, borrowed */

  guint             n_people;
  gboolean          busy;
  gboolean          applied;
};

static void tend_prune_review_page_iface_init (TendPrunePageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TendPruneReviewPage, tend_prune_review_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (TEND_TYPE_PRUNE_PAGE,
                                                      tend_prune_review_page_iface_init))

enum {
  PROP_0,
  PROP_FIRST_PAGE_PROP,
};

static void
notify_buttons (TendPruneReviewPage *self)
{
  g_object_notify (G_OBJECT (self), "forward-label");
  g_object_notify (G_OBJECT (self), "can-forward");
  g_object_notify (G_OBJECT (self), "can-go-back");
}

static void
set_busy (TendPruneReviewPage *self,
          gboolean             busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->progress_box), busy);
  notify_buttons (self);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, child);
}

static GtkWidget *
new_row (const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* Names and titles come from other people and files: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

/* What applying does through one source, in a sentence or two. */
static char *
describe_plan (const TendApplySourcePlan *plan)
{
  GString *text = g_string_new (NULL);

  if (plan->n_unfollow > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "Unfollow %u person.", "Unfollow %u people.",
                                               plan->n_unfollow),
                            plan->n_unfollow);

  if (plan->n_remove_follower > 0)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "Remove %u follower.", "Remove %u followers.",
                                                 plan->n_remove_follower),
                              plan->n_remove_follower);
    }

  if (plan->n_kept_followers > 0)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "Bluesky has no way to remove a follower: %u person will still follow you.",
                                                 "Bluesky has no way to remove a follower: %u people will still follow you.",
                                                 plan->n_kept_followers),
                              plan->n_kept_followers);
    }

  if (plan->n_checklist > 0)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%s offers no way for Tend to do it: a checklist of %u person "
                                                 "to remove on the website follows (%u done).",
                                                 "%s offers no way for Tend to do it: a checklist of %u people "
                                                 "to remove on the website follows (%u done).",
                                                 plan->n_checklist),
                              tend_source_kind_get_label (plan->source_kind),
                              plan->n_checklist, plan->n_checklist_done);
    }

  if (plan->n_unfollow + plan->n_remove_follower > 0 && !plan->has_executor)
    g_string_append_printf (text, " %s",
                            _("Tend is not connected to this account now: the changes wait until you connect it again."));

  return g_string_free (text, FALSE);
}

static void
fill_plan (TendPruneReviewPage *self)
{
  g_autoptr(GArray) plans = NULL;
  g_autoptr(GError) error = NULL;

  clear_list (self->plan_list);
  g_hash_table_remove_all (self->source_labels);
  self->n_people = 0;

  if (!(plans = tend_apply_engine_plan (self->engine, &error)))
    {
      tend_prune_page_show_error (TEND_PRUNE_PAGE (self), _("The Changes Could Not Be Listed"), error);
      return;
    }

  for (guint i = 0; i < plans->len; i++)
    {
      const TendApplySourcePlan *plan = &g_array_index (plans, TendApplySourcePlan, i);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;
      GtkWidget *count;

      if (plan->n_people == 0)
        continue;

      self->n_people += plan->n_people;
      title = tend_apply_describe_source (plan->source_kind, plan->source_title);
      subtitle = describe_plan (plan);
      row = new_row (title, subtitle);

      /* Filled in while the source's queue runs. */
      count = gtk_label_new (NULL);
      gtk_widget_add_css_class (count, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), count);
      g_hash_table_insert (self->source_labels, g_memdup2 (&plan->source_id, sizeof (gint64)), count);

      gtk_list_box_append (self->plan_list, row);
    }

  if (self->n_people == 0)
    gtk_list_box_append (self->plan_list,
                         new_row (_("Nothing to apply"),
                                  _("No connection is marked Prune. Go back to choose whom to let go.")));
}

/* What the queue holds now: done, failed and why, waiting. */
static void
show_result (TendPruneReviewPage *self)
{
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint n_done = 0, n_failed = 0, n_waiting = 0, n_checklist = 0;

  clear_list (self->result_list);

  if (!(actions = tend_store_list_actions (tend_apply_engine_get_store (self->engine), &error)))
    {
      tend_prune_page_show_error (TEND_PRUNE_PAGE (self), _("The Result Could Not Be Read"), error);
      return;
    }

  for (guint i = 0; i < actions->len; i++)
    {
      TendActionItem *item = g_ptr_array_index (actions, i);

      if (item->kind == TEND_ACTION_CHECKLIST)
        {
          n_checklist += item->state == TEND_ACTION_STATE_PENDING;
          continue;
        }

      switch (item->state)
        {
        case TEND_ACTION_STATE_DONE:
          n_done++;
          break;

        case TEND_ACTION_STATE_FAILED:
          {
            g_autofree char *title = NULL;

            /* Translators: what failed for whom, e.g. "Unfollow: Ada Lovelace" */
            title = g_strdup_printf (_("%s: %s"), tend_action_kind_get_label (item->kind), item->person.name);
            gtk_list_box_append (self->result_list, new_row (title, item->error));
            n_failed++;
          }
          break;

        case TEND_ACTION_STATE_PENDING:
        case TEND_ACTION_STATE_RUNNING:
          n_waiting++;
          break;

        case TEND_ACTION_STATE_CANCELLED:
        default:
          break;
        }
    }

  text = g_strdup_printf (_("Done: %u. Failed: %u. Waiting: %u. Still to remove by hand: %u."),
                          n_done, n_failed, n_waiting, n_checklist);
  gtk_label_set_text (self->result_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->result_list), n_failed > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->result_group), TRUE);
}

static void
update_progress (TendPruneReviewPage *self)
{
  guint done = tend_apply_engine_get_n_done (self->engine);
  guint total = tend_apply_engine_get_n_total (self->engine);
  const char *name = tend_apply_engine_get_current_name (self->engine);
  g_autofree char *text = NULL;
  g_autofree char *current = NULL;
  GHashTableIter iter;
  gpointer key, value;

  /* Translators: progress of applying, e.g. "3 of 12" */
  text = g_strdup_printf (_("%u of %u"), done, total);
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 0.0);

  if (name != NULL)
    /* Translators: whose change is on its way; the name is plain text */
    current = g_strdup_printf (_("Now: %s"), name);
  gtk_label_set_text (self->current_label, current != NULL ? current : "");

  g_hash_table_iter_init (&iter, self->source_labels);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *count = NULL;
      guint source_done, source_total;

      if (tend_apply_engine_get_source_progress (self->engine, *(gint64 *) key, &source_done, &source_total) &&
          source_total > 0)
        /* Translators: one source's progress, e.g. "3 / 5" */
        count = g_strdup_printf (_("%u / %u"), source_done, source_total);
      gtk_label_set_text (value, count != NULL ? count : "");
    }
}

static void
on_engine_running (TendPruneReviewPage *self)
{
  /* A run this page did not start (resumed at start) ended. */
  if (self->busy && self->cancellable == NULL && !tend_apply_engine_get_running (self->engine))
    {
      set_busy (self, FALSE);
      self->applied = TRUE;
      show_result (self);
      notify_buttons (self);
    }
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(TendPruneReviewPage) self = user_data;
  g_autoptr(TendApplyResult) applied = NULL;
  g_autoptr(GError) error = NULL;

  applied = tend_apply_engine_run_finish (TEND_APPLY_ENGINE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);

  if (applied == NULL)
    {
      tend_prune_page_show_error (TEND_PRUNE_PAGE (self), _("The Changes Could Not Be Applied"), error);
      return;
    }

  /* The plan stays as it was, with each source's count: what was done. */
  self->applied = TRUE;
  update_progress (self);
  show_result (self);
  notify_buttons (self);
}

static void
prepare_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TendPruneReviewPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *text = NULL;
  g_autofree char *display = NULL;

  backup = tend_apply_engine_prepare_finish (TEND_APPLY_ENGINE (object), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (backup == NULL)
    {
      g_clear_object (&self->cancellable);
      set_busy (self, FALSE);
      tend_prune_page_show_error (TEND_PRUNE_PAGE (self), _("Nothing Was Applied"), error);
      return;
    }

  display = g_filename_display_name (backup);
  text = g_strdup_printf (_("A backup of every connection was written to %s"), display);
  gtk_label_set_text (self->backup_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->backup_box), TRUE);

  tend_apply_engine_run_async (self->engine, self->cancellable, run_cb, g_object_ref (self));
  update_progress (self);
}

static void
on_cancel (TendPruneReviewPage *self)
{
  tend_apply_engine_cancel (self->engine);
}

static void
on_open_folder (TendPruneReviewPage *self)
{
  g_autofree char *dir = tend_apply_engine_build_backup_dir (tend_apply_engine_get_store (self->engine));
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autofree char *uri = g_file_get_uri (file);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

/* TendPrunePage */

static void
tend_prune_review_page_enter (TendPrunePage    *page,
                              TendPruneSession *session)
{
  TendPruneReviewPage *self = TEND_PRUNE_REVIEW_PAGE (page);

  g_set_object (&self->session, session);

  if (self->engine == NULL)
    {
      self->engine = tend_apply_engine_dup_for_store (tend_prune_session_get_store (session));
      g_signal_connect_object (self->engine, "notify::n-done", G_CALLBACK (update_progress), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->engine, "notify::n-total", G_CALLBACK (update_progress), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->engine, "notify::current-name", G_CALLBACK (update_progress), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->engine, "notify::running", G_CALLBACK (on_engine_running), self, G_CONNECT_SWAPPED);
    }

  fill_plan (self);

  if (tend_apply_engine_get_running (self->engine) && !self->busy)
    {
      set_busy (self, TRUE);
      update_progress (self);
    }

  notify_buttons (self);
}

static void
tend_prune_review_page_forward (TendPrunePage *page)
{
  TendPruneReviewPage *self = TEND_PRUNE_REVIEW_PAGE (page);

  if (self->applied)
    {
      tend_prune_page_finish (page);
      return;
    }

  if (self->busy)
    return;

  self->cancellable = g_cancellable_new ();
  gtk_widget_set_visible (GTK_WIDGET (self->result_group), FALSE);
  set_busy (self, TRUE);
  tend_apply_engine_prepare_async (self->engine, self->cancellable, prepare_cb, g_object_ref (self));
}

static void
tend_prune_review_page_iface_init (TendPrunePageInterface *iface)
{
  iface->enter = tend_prune_review_page_enter;
  iface->forward = tend_prune_review_page_forward;
}

/* GObject */

static void
tend_prune_review_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  TendPruneReviewPage *self = TEND_PRUNE_REVIEW_PAGE (object);

  switch (prop_id - PROP_FIRST_PAGE_PROP)
    {
    case TEND_PRUNE_PAGE_PROP_TITLE:
      g_value_set_string (value, _("Review and Apply"));
      break;

    case TEND_PRUNE_PAGE_PROP_FORWARD_LABEL:
      g_value_set_string (value, self->applied ? _("_Continue") : _("_Apply"));
      break;

    case TEND_PRUNE_PAGE_PROP_CAN_FORWARD:
      g_value_set_boolean (value, !self->busy && (self->applied || self->n_people > 0));
      break;

    case TEND_PRUNE_PAGE_PROP_CAN_GO_BACK:
      g_value_set_boolean (value, !self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_prune_review_page_dispose (GObject *object)
{
  TendPruneReviewPage *self = (TendPruneReviewPage *)object;
  GtkWidget *root;

  /* Closing mid-run leaves the rest for the next start. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), TEND_TYPE_PRUNE_REVIEW_PAGE);
  /* The template's root has no id, so it is not among the children
   * disposed above. */
  if ((root = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (root);

  g_clear_object (&self->session);
  g_clear_object (&self->engine);
  g_clear_pointer (&self->source_labels, g_hash_table_unref);

  G_OBJECT_CLASS (tend_prune_review_page_parent_class)->dispose (object);
}

static void
tend_prune_review_page_class_init (TendPruneReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_prune_review_page_dispose;
  object_class->get_property = tend_prune_review_page_get_property;

  tend_prune_page_override_properties (object_class, PROP_FIRST_PAGE_PROP);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/tend-prune-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TendPruneReviewPage, plan_list);
  gtk_widget_class_bind_template_child (widget_class, TendPruneReviewPage, backup_box);
  gtk_widget_class_bind_template_child (widget_class, TendPruneReviewPage, backup_label);
  gtk_widget_class_bind_template_child (widget_class, TendPruneReviewPage, progress_box);
  gtk_widget_class_bind_template_child (widget_class, TendPruneReviewPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TendPruneReviewPage, current_label);
  gtk_widget_class_bind_template_child (widget_class, TendPruneReviewPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TendPruneReviewPage, result_group);
  gtk_widget_class_bind_template_child (widget_class, TendPruneReviewPage, result_label);
  gtk_widget_class_bind_template_child (widget_class, TendPruneReviewPage, result_list);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel);
  gtk_widget_class_bind_template_callback (widget_class, on_open_folder);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tend_prune_review_page_init (TendPruneReviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->source_labels = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}
