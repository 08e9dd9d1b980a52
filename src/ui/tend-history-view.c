/* tend-history-view.c: the journal in plain words, with a way back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Newest first, narrowed by kind, source and name. The latest decision
 * on a person can be reversed (journaled like any decision, and what
 * waited to be applied for it is dropped); an applied unfollow can be
 * restored through the network (following again), and a checklist tick
 * taken back, with a reminder that reconnecting there is done by hand.
 * The "requested" entries an action writes before its call stay in the
 * journal but not here: the result that follows says what happened.
 */
#define G_LOG_DOMAIN "tend-history-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tend-apply-engine.h"
#include "tend-history-view.h"

/* Rows are widgets: past this many, narrowing the list is the way in. */
#define MAX_ROWS 500

struct _TendHistoryView
{
  GtkWidget parent_instance;

  /* template widgets */
  GtkSearchEntry *search_entry;
  GtkDropDown    *kind_dropdown;
  GtkDropDown    *source_dropdown;
  GtkListBox     *list;
  GtkLabel       *status_label;

  /* owned references */
  TendStore       *store;
  TendApplyEngine *engine;
  GCancellable    *cancellable;
  GPtrArray       *journal;        /* TendJournalEntry, oldest first */
  GHashTable      *people;         /* connection id → TendPerson */
  GHashTable      *checklist;      /* connection id → TendActionItem of its checklist item */
  GArray          *source_ids;     /* gint64, index i + 1 of the source menu */

  guint            n_shown;
};

G_DEFINE_FINAL_TYPE (TendHistoryView, tend_history_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static TendHistoryShow
kind_of (const char *action)
{
  if (g_str_equal (action, "decision") || g_str_equal (action, "note"))
    return TEND_HISTORY_SHOW_DECISIONS;
  if (g_str_has_prefix (action, "tag-"))
    return TEND_HISTORY_SHOW_TAGS;
  return TEND_HISTORY_SHOW_ACTIONS;
}

/* A handle when the network knows one, as people search for it there. */
static const char *
handle_or_name (const TendPerson *person)
{
  return person->handle != NULL ? person->handle : person->name;
}

/* One journal entry as a sentence; names stay plain text. */
static char *
describe (const TendJournalEntry *entry,
          const TendPerson       *person)
{
  const char *name = person != NULL ? person->name : _("someone no longer in this profile");
  const char *who = person != NULL ? handle_or_name (person) : name;
  const char *network = person != NULL ? tend_source_kind_get_label (person->source_kind) : "";
  const char *action = entry->action;

  if (g_str_equal (action, "decision"))
    {
      if (g_strcmp0 (entry->after, "prune") == 0)
        return g_strdup_printf (_("Pruned %s"), name);
      if (g_strcmp0 (entry->after, "keep") == 0)
        return g_strdup_printf (_("Kept %s"), name);
      return g_strdup_printf (_("Left %s undecided"), name);
    }
  if (g_str_equal (action, "note"))
    return g_strdup_printf (_("Changed the note on %s"), name);
  if (g_str_equal (action, "tag-added"))
    /* Translators: "Tagged Ada Lovelace as Customer" */
    return g_strdup_printf (_("Tagged %s as %s"), name, entry->after);
  if (g_str_equal (action, "tag-removed"))
    /* Translators: "Removed the tag Customer from Ada Lovelace" */
    return g_strdup_printf (_("Removed the tag %s from %s"), entry->before, name);
  if (g_str_equal (action, "unfollow"))
    /* Translators: "Unfollowed @ada@example.org on Mastodon" */
    return g_strdup_printf (_("Unfollowed %s on %s"), who, network);
  if (g_str_equal (action, "remove_follower"))
    return g_strdup_printf (_("Removed %s as a follower on %s"), who, network);
  if (g_str_equal (action, "follow"))
    return g_strdup_printf (_("Followed %s again on %s"), who, network);
  if (g_str_equal (action, "unfollow-failed"))
    /* Translators: the last %s is the server's reason */
    return g_strdup_printf (_("Could not unfollow %s on %s: %s"), who, network, entry->after);
  if (g_str_equal (action, "remove_follower-failed"))
    return g_strdup_printf (_("Could not remove %s as a follower on %s: %s"), who, network, entry->after);
  if (g_str_equal (action, "follow-failed"))
    return g_strdup_printf (_("Could not follow %s again on %s: %s"), who, network, entry->after);
  if (g_str_equal (action, "checklist-done"))
    /* Translators: "Marked done: remove Kim Lee on LinkedIn" */
    return g_strdup_printf (_("Marked done: remove %s on %s"), name, network);
  if (g_str_equal (action, "checklist-undone"))
    return g_strdup_printf (_("Marked not done: remove %s on %s"), name, network);

  /* An entry a newer Tend wrote: its key, plainly. */
  return g_strdup_printf ("%s: %s", action, name);
}

static gboolean
is_shown (TendHistoryView        *self,
          const TendJournalEntry *entry,
          const TendPerson       *person,
          const char             *folded_search)
{
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);
  guint source = gtk_drop_down_get_selected (self->source_dropdown);

  if (g_str_has_suffix (entry->action, "-requested"))
    return FALSE;

  if (kind != GTK_INVALID_LIST_POSITION && kind != TEND_HISTORY_SHOW_ALL && kind != kind_of (entry->action))
    return FALSE;

  if (source != GTK_INVALID_LIST_POSITION && source > 0 &&
      (person == NULL || person->source_id != g_array_index (self->source_ids, gint64, source - 1)))
    return FALSE;

  if (folded_search != NULL)
    {
      g_autofree char *name = person != NULL ? g_utf8_casefold (person->name, -1) : NULL;
      g_autofree char *handle = person != NULL && person->handle != NULL ? g_utf8_casefold (person->handle, -1) : NULL;

      if ((name == NULL || strstr (name, folded_search) == NULL) &&
          (handle == NULL || strstr (handle, folded_search) == NULL))
        return FALSE;
    }

  return TRUE;
}

static void
show_message (TendHistoryView *self,
              const char      *heading,
              const char      *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  /* Heading and body are plain text: they carry names. */
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
changed (TendHistoryView *self)
{
  tend_history_view_reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static const TendJournalEntry *
entry_of (GtkWidget *button)
{
  return g_object_get_data (G_OBJECT (button), "entry");
}

static void
on_reverse (GtkButton       *button,
            TendHistoryView *self)
{
  const TendJournalEntry *entry = entry_of (GTK_WIDGET (button));
  const TendPerson *person = g_hash_table_lookup (self->people, &entry->connection_id);
  g_autoptr(GError) error = NULL;
  TendDecision decision = TEND_DECISION_UNDECIDED;

  tend_decision_from_key (entry->before, &decision);

  if (!tend_store_begin (self->store, &error) ||
      !tend_store_set_decision (self->store, entry->connection_id, decision,
                                person != NULL ? person->note : NULL, &error) ||
      !tend_store_cancel_pending_actions (self->store, entry->connection_id, NULL, &error) ||
      !tend_store_commit (self->store, &error))
    {
      tend_store_rollback (self->store);
      show_message (self, _("The Decision Could Not Be Reversed"), error->message);
      return;
    }

  changed (self);
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(TendHistoryView) self = user_data;
  g_autoptr(TendApplyResult) applied = NULL;
  g_autoptr(GError) error = NULL;

  applied = tend_apply_engine_run_finish (TEND_APPLY_ENGINE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->list == NULL)
    return;

  if (applied == NULL)
    show_message (self, _("Following Again Did Not Work"), error->message);
  else if (applied->n_failed > 0)
    {
      TendActionItem *failed = NULL;

      for (guint i = 0; i < applied->finished->len && failed == NULL; i++)
        {
          TendActionItem *item = g_ptr_array_index (applied->finished, i);

          if (item->state == TEND_ACTION_STATE_FAILED)
            failed = item;
        }

      show_message (self, _("Following Again Did Not Work"), failed->error);
    }

  changed (self);
}

static void
on_restore (GtkButton       *button,
            TendHistoryView *self)
{
  const TendJournalEntry *entry = entry_of (GTK_WIDGET (button));
  const TendPerson *person = g_hash_table_lookup (self->people, &entry->connection_id);
  g_autoptr(GError) error = NULL;

  if (person == NULL)
    return;

  if (g_str_equal (entry->action, "checklist-done"))
    {
      TendActionItem *item = g_hash_table_lookup (self->checklist, &entry->connection_id);
      g_autofree char *body = NULL;

      if (item == NULL || !tend_store_set_checklist_done (self->store, item->id, FALSE, &error))
        {
          if (error != NULL)
            show_message (self, _("The Tick Could Not Be Taken Back"), error->message);
          return;
        }

      body = g_strdup_printf (_("Tend cannot connect on %s for you. Open the profile of %s there "
                                "and connect again by hand."),
                              tend_source_kind_get_label (person->source_kind), person->name);
      show_message (self, _("Reconnect by Hand"), body);
      changed (self);
      return;
    }

  if (!tend_apply_engine_restore (self->engine, entry->connection_id, &error))
    {
      show_message (self, _("Following Again Did Not Work"), error->message);
      return;
    }

  /* A run on its way picks it up; otherwise start one. */
  if (!tend_apply_engine_get_running (self->engine))
    tend_apply_engine_run_async (self->engine, self->cancellable, run_cb, g_object_ref (self));

  changed (self);
}

static GtkWidget *
create_row (TendHistoryView        *self,
            const TendJournalEntry *entry,
            const TendPerson       *person,
            const char             *button_label,
            const char             *button_tooltip,
            GCallback               button_callback,
            gboolean                button_sensitive)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  g_autofree char *sentence = describe (entry, person);
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (entry->at);
  g_autofree char *date = at != NULL ? g_date_time_format (at, "%x %X") : g_strdup ("");
  GtkWidget *label;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  /* Plain text: names and server replies are untrusted. */
  label = gtk_label_new (sentence);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (texts), label);

  label = gtk_label_new (date);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (texts), label);

  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (box), texts);

  if (button_label != NULL)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (button_label);
      g_autofree char *plain = g_strdup (button_label);
      g_autofree char *accessible = NULL;

      /* The mnemonic's underline is not read out. */
      g_strdelimit (plain, "_", ' ');
      g_strstrip (plain);
      accessible = g_strdup_printf ("%s: %s", plain, sentence);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, button_tooltip);
      gtk_widget_set_sensitive (button, button_sensitive);
      /* The label says what, the accessible name also whom. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      accessible, -1);
      g_object_set_data (G_OBJECT (button), "entry", (gpointer) entry);
      g_signal_connect (button, "clicked", button_callback, self);
      gtk_box_append (GTK_BOX (box), button);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, sentence, -1);
  return row;
}

/* Per connection, the index of its latest entry of each family. */
typedef struct {
  guint decision;
  guint network;     /* unfollow or follow */
  guint checklist;
} Latest;

static void
fill (TendHistoryView *self)
{
  g_autoptr(GHashTable) latest = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  g_autofree char *folded = NULL;
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  GtkWidget *child;
  guint n_matching = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))))
    gtk_list_box_remove (self->list, child);
  self->n_shown = 0;

  if (self->journal == NULL)
    return;

  if (search != NULL && search[0] != '\0')
    folded = g_utf8_casefold (search, -1);

  for (guint i = 0; i < self->journal->len; i++)
    {
      TendJournalEntry *entry = g_ptr_array_index (self->journal, i);
      Latest *found = g_hash_table_lookup (latest, &entry->connection_id);

      if (found == NULL)
        {
          found = g_new0 (Latest, 1);
          g_hash_table_insert (latest, &entry->connection_id, found);
        }

      /* Indexes from 1, so that 0 means none. */
      if (g_str_equal (entry->action, "decision"))
        found->decision = i + 1;
      else if (g_str_equal (entry->action, "unfollow") || g_str_equal (entry->action, "follow"))
        found->network = i + 1;
      else if (g_str_has_prefix (entry->action, "checklist-"))
        found->checklist = i + 1;
    }

  for (guint i = self->journal->len; i > 0; i--)
    {
      TendJournalEntry *entry = g_ptr_array_index (self->journal, i - 1);
      TendPerson *person = g_hash_table_lookup (self->people, &entry->connection_id);
      Latest *found = g_hash_table_lookup (latest, &entry->connection_id);
      const char *button = NULL;
      const char *tooltip = NULL;
      GCallback callback = NULL;
      gboolean sensitive = TRUE;

      if (!is_shown (self, entry, person, folded))
        continue;

      if (++n_matching > MAX_ROWS)
        continue;

      if (g_str_equal (entry->action, "decision") && found->decision == i &&
          g_strcmp0 (entry->before, entry->after) != 0)
        {
          button = _("_Reverse");
          tooltip = _("Set the decision back to what it was");
          callback = G_CALLBACK (on_reverse);
        }
      else if (g_str_equal (entry->action, "unfollow") && found->network == i && person != NULL)
        {
          button = _("_Restore");
          callback = G_CALLBACK (on_restore);
          sensitive = tend_apply_engine_get_executor (self->engine, person->source_id) != NULL;
          tooltip = sensitive ? _("Follow again on the network")
                              : _("Connect this account again to follow again from Tend");
        }
      else if (g_str_equal (entry->action, "checklist-done") && found->checklist == i &&
               g_hash_table_contains (self->checklist, &entry->connection_id))
        {
          button = _("_Restore");
          tooltip = _("Take the tick back; you reconnect on the website by hand");
          callback = G_CALLBACK (on_restore);
        }

      gtk_list_box_append (self->list,
                           create_row (self, entry, person, button, tooltip, callback, sensitive));
      self->n_shown++;
    }

  if (n_matching == 0)
    gtk_label_set_text (self->status_label,
                        self->journal->len == 0
                          ? _("Nothing has been decided or applied yet.")
                          : _("Nothing matches. Change the search or the filters."));
  else if (n_matching > MAX_ROWS)
    {
      g_autofree char *text = g_strdup_printf (_("Showing the latest %u of %u changes. Search by name "
                                                 "or choose a kind or source to see older ones."),
                                               MAX_ROWS, n_matching);

      gtk_label_set_text (self->status_label, text);
    }
  else
    gtk_label_set_text (self->status_label, "");
}

static void
on_filter_changed (TendHistoryView *self)
{
  fill (self);
}

static void
setup_label (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (ellipsize))
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_label (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  ellipsize)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  /* Source titles come from files and servers: plain text. */
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (string));
}

/* The closed menu shortens a long title, so the bar fits a phone. */
static void
set_factories (GtkDropDown *drop_down)
{
  for (int ellipsize = 0; ellipsize <= 1; ellipsize++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", G_CALLBACK (setup_label), GINT_TO_POINTER (ellipsize));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_label), GINT_TO_POINTER (ellipsize));
      if (ellipsize)
        gtk_drop_down_set_factory (drop_down, factory);
      else
        gtk_drop_down_set_list_factory (drop_down, factory);
    }
}

static void
fill_sources (TendHistoryView *self)
{
  g_autoptr(GListModel) sources = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new ((const char * const []) { _("All sources"), NULL });

  g_array_set_size (self->source_ids, 0);

  if ((sources = tend_store_list_sources (self->store, NULL)) != NULL)
    {
      for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
        {
          g_autoptr(TendSource) source = g_list_model_get_item (sources, i);
          g_autofree char *name = tend_apply_describe_source (tend_source_get_kind (source),
                                                              tend_source_get_title (source));
          gint64 id = tend_source_get_id (source);

          gtk_string_list_append (names, name);
          g_array_append_val (self->source_ids, id);
        }
    }

  gtk_drop_down_set_model (self->source_dropdown, G_LIST_MODEL (names));
}

/**
 * tend_history_view_reload:
 *
 * Reads the journal again, after a change made elsewhere.
 */
void
tend_history_view_reload (TendHistoryView *self)
{
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TEND_IS_HISTORY_VIEW (self));

  g_clear_pointer (&self->journal, g_ptr_array_unref);
  g_clear_pointer (&self->people, g_hash_table_unref);
  g_hash_table_remove_all (self->checklist);

  if (!(self->journal = tend_store_list_journal (self->store, &error)) ||
      !(self->people = tend_store_index_people (self->store, &error)) ||
      !(actions = tend_store_list_actions (self->store, &error)))
    {
      g_clear_pointer (&self->journal, g_ptr_array_unref);
      gtk_label_set_text (self->status_label, error->message);
      fill (self);
      return;
    }

  for (guint i = 0; i < actions->len; i++)
    {
      TendActionItem *item = g_ptr_array_index (actions, i);

      if (item->kind == TEND_ACTION_CHECKLIST && item->state == TEND_ACTION_STATE_DONE)
        {
          item = g_ptr_array_steal_index (actions, i--);
          g_hash_table_replace (self->checklist, &item->person.connection_id, item);
        }
    }

  fill (self);
}

/**
 * tend_history_view_new:
 * @store: the profile whose journal to show
 */
GtkWidget *
tend_history_view_new (TendStore *store)
{
  g_return_val_if_fail (TEND_IS_STORE (store), NULL);

  return g_object_new (TEND_TYPE_HISTORY_VIEW, "store", store, NULL);
}

TendStore *
tend_history_view_get_store (TendHistoryView *self)
{
  g_return_val_if_fail (TEND_IS_HISTORY_VIEW (self), NULL);

  return self->store;
}

/* How many entries the list shows now. */
guint
tend_history_view_get_n_shown (TendHistoryView *self)
{
  g_return_val_if_fail (TEND_IS_HISTORY_VIEW (self), 0);

  return self->n_shown;
}

static void
tend_history_view_constructed (GObject *object)
{
  TendHistoryView *self = (TendHistoryView *)object;

  G_OBJECT_CLASS (tend_history_view_parent_class)->constructed (object);

  self->engine = tend_apply_engine_dup_for_store (self->store);
  g_signal_connect_object (self->engine, "notify::running", G_CALLBACK (tend_history_view_reload),
                           self, G_CONNECT_SWAPPED);
  fill_sources (self);
  tend_history_view_reload (self);
}

static void
tend_history_view_dispose (GObject *object)
{
  TendHistoryView *self = (TendHistoryView *)object;
  GtkWidget *root;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), TEND_TYPE_HISTORY_VIEW);
  /* The template's root has no id, so it is not among the children
   * disposed above. */
  if ((root = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (root);

  g_clear_object (&self->engine);
  g_clear_object (&self->store);
  g_clear_pointer (&self->journal, g_ptr_array_unref);
  g_clear_pointer (&self->people, g_hash_table_unref);
  g_clear_pointer (&self->checklist, g_hash_table_unref);
  g_clear_pointer (&self->source_ids, g_array_unref);

  G_OBJECT_CLASS (tend_history_view_parent_class)->dispose (object);
}

static void
tend_history_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TendHistoryView *self = TEND_HISTORY_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_history_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TendHistoryView *self = TEND_HISTORY_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_history_view_class_init (TendHistoryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = tend_history_view_constructed;
  object_class->dispose = tend_history_view_dispose;
  object_class->get_property = tend_history_view_get_property;
  object_class->set_property = tend_history_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         TEND_TYPE_STORE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TendHistoryView::changed:
   *
   * A decision, a tick or a follow state changed from here.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/tend-history-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TendHistoryView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TendHistoryView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TendHistoryView, source_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TendHistoryView, list);
  gtk_widget_class_bind_template_child (widget_class, TendHistoryView, status_label);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
tend_history_view_init (TendHistoryView *self)
{
  self->cancellable = g_cancellable_new ();
  self->source_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->checklist = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                           (GDestroyNotify) tend_action_item_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  set_factories (self->kind_dropdown);
  set_factories (self->source_dropdown);
}
