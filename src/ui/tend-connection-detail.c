/* tend-connection-detail.c: the selected connections, and the owner's say on them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tend-connection-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "tend-connection-detail.h"
#include "tend-reciprocity.h"
#include "tend-summary-print-operation.h"
#include "tend-tag-edit.h"

/* How many interactions each direction lists. */
#define N_RECENT_INTERACTIONS 5

/* The note is written after this pause in typing, or when focus leaves. */
#define NOTE_SAVE_DELAY_MS 600

/* Interactions older than this are outside the measures' window. */
#define RECENT_WINDOW_SECONDS (365 * 24 * 60 * 60)

struct _TendConnectionDetail
{
  AdwBin parent_instance;

  /* the bin's child, owned by the bin */
  GtkStack          *stack;

  /* template widgets */
  GtkScrolledWindow *single_scroller;
  AdwAvatar         *avatar;
  GtkLabel          *name_label;
  GtkLabel          *handle_label;
  GtkButton         *profile_button;
  AdwActionRow      *source_row;
  AdwActionRow      *follow_row;
  AdwActionRow      *since_row;
  GtkLabel          *measures_label;
  GtkLabel          *score_label;
  AdwPreferencesGroup *in_group;
  AdwPreferencesGroup *out_group;
  GtkListBox        *in_list;
  GtkListBox        *out_list;
  GtkFlowBox        *tags_box;
  GtkLabel          *no_tags_label;
  GtkEntry          *tag_entry;
  GtkMenuButton     *tag_menu_button;
  GtkToggleButton   *undecided_button;
  GtkToggleButton   *keep_button;
  GtkToggleButton   *prune_button;
  GtkLabel          *decided_label;
  GtkTextView       *note_view;
  GtkLabel          *count_label;
  GtkButton         *keep_all_button;
  GtkEntry          *multi_tag_entry;
  GtkMenuButton     *multi_tag_menu_button;
  GtkMenuButton     *remove_tag_menu_button;

  /* owned references */
  TendStore         *store;
  GtkSelectionModel *selection;
  TendConnection    *connection;

  /* handlers and sources */
  gulong             selection_changed_id;
  gulong             items_changed_id;
  gulong             connection_notify_id;
  guint              note_save_id;

  /* set while controls follow the model, so they do not write back */
  guint              syncing : 1;
};

G_DEFINE_FINAL_TYPE (TendConnectionDetail, tend_connection_detail, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SELECTION,
  PROP_CONNECTION,
  N_PROPS
};

enum {
  ERROR,
  EDITED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef gboolean (*StoreEditFunc)  (TendStore       *store,
                                    TendConnection  *connection,
                                    gconstpointer    data,
                                    GError         **error);
typedef void     (*ObjectEditFunc) (TendConnection  *connection,
                                    gconstpointer    data);

static void tend_connection_detail_update          (TendConnectionDetail *self);
static void tend_connection_detail_refresh_note    (TendConnectionDetail *self);
static void fill_add_menu                          (TendConnectionDetail *self,
                                                    GtkMenuButton        *button,
                                                    const char           *action_name,
                                                    TendConnection       *connection);
static void fill_remove_menu                       (TendConnectionDetail *self,
                                                    GPtrArray            *selected);

/* Helpers */

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static char *
format_date (gint64      unix_time,
             const char *format)
{
  g_autoptr(GDateTime) date_time = NULL;

  if (unix_time <= 0)
    return NULL;

  date_time = g_date_time_new_from_unix_local (unix_time);
  if (date_time == NULL)
    return NULL;

  return g_date_time_format (date_time, format);
}

/* Profile URLs come from files and servers: only web addresses open. */
static char *
dup_profile_host (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (url == NULL || url[0] == '\0')
    return NULL;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return NULL;

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") != 0 &&
      g_ascii_strcasecmp (scheme, "http") != 0)
    return NULL;

  host = g_uri_get_host (uri);
  if (host == NULL || host[0] == '\0')
    return NULL;

  return g_strdup (host);
}

static void
connection_add_tag (TendConnection *connection,
                    gconstpointer   data)
{
  tend_tag_edit_add_to_object (connection, data);
}

static void
connection_remove_tag (TendConnection *connection,
                       gconstpointer   data)
{
  tend_tag_edit_remove_from_object (connection, data);
}

static gboolean
store_add_tag (TendStore       *store,
               TendConnection  *connection,
               gconstpointer    data,
               GError         **error)
{
  return tend_store_add_tag (store, tend_connection_get_id (connection), data, error);
}

static gboolean
store_remove_tag (TendStore       *store,
                  TendConnection  *connection,
                  gconstpointer    data,
                  GError         **error)
{
  return tend_store_remove_tag (store, tend_connection_get_id (connection), data, error);
}

static gboolean
store_decide (TendStore       *store,
              TendConnection  *connection,
              gconstpointer    data,
              GError         **error)
{
  return tend_store_set_decision (store,
                                  tend_connection_get_id (connection),
                                  GPOINTER_TO_INT (data),
                                  tend_connection_get_note (connection),
                                  error);
}

/* The store stamps a decision when it changes; so does the object. */
static void
connection_decide (TendConnection *connection,
                   gconstpointer   data)
{
  TendDecision decision = GPOINTER_TO_INT (data);

  if (tend_connection_get_decision (connection) == decision)
    return;

  tend_connection_set_decision (connection, decision);
  tend_connection_set_decided_at (connection, now_seconds ());
}

static void
emit_error (TendConnectionDetail *self,
            const GError         *error)
{
  g_signal_emit (self, signals[ERROR], 0, error);
}

static void
emit_edited (TendConnectionDetail *self)
{
  g_signal_emit (self, signals[EDITED], 0);
}

/* The name a typed tag is stored under: the way the store normalises it,
 * and spelled like the tag it already has when only the case differs.
 */
static char *
dup_canonical_tag (TendConnectionDetail  *self,
                   const char            *typed,
                   GError               **error)
{
  g_autofree char *normalized = g_utf8_normalize (typed, -1, G_NORMALIZE_NFC);
  g_auto(GStrv) known = NULL;

  if (normalized != NULL)
    g_strstrip (normalized);

  if (normalized == NULL || normalized[0] == '\0')
    {
      g_set_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_INVALID,
                   _("A tag needs a name. Type a word such as “Customer” and try again."));
      return NULL;
    }

  if (!(known = tend_store_list_tags (self->store, error)))
    return NULL;

  for (guint i = 0; known[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (known[i], normalized) == 0)
        return g_strdup (known[i]);
    }

  return g_steal_pointer (&normalized);
}

static GPtrArray *
dup_selected (TendConnectionDetail *self)
{
  g_autoptr(GPtrArray) selected = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GtkBitset) bitset = NULL;
  GtkBitsetIter iter;
  guint position;

  if (self->selection == NULL)
    return g_steal_pointer (&selected);

  bitset = gtk_selection_model_get_selection (self->selection);
  for (gboolean more = gtk_bitset_iter_init_first (&iter, bitset, &position);
       more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      gpointer item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

      if (TEND_IS_CONNECTION (item))
        g_ptr_array_add (selected, item);
      else
        g_clear_object (&item);
    }

  return g_steal_pointer (&selected);
}

/* Single page: following the connection */

static void
clear_list_box (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* Rows of the interaction lists: denser than action rows, for a narrow
 * pane. @end, when given, is dimmed at the end of the row.
 */
static GtkWidget *
make_plain_row (const char *start,
                const char *end,
                gboolean    dim)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);

  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  gtk_label_set_text (GTK_LABEL (label), start);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  if (dim)
    gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);

  if (end != NULL)
    {
      g_autofree char *accessible = NULL;

      label = gtk_label_new (NULL);
      gtk_label_set_text (GTK_LABEL (label), end);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "numeric");
      gtk_box_append (GTK_BOX (box), label);

      /* Translators: an interaction and its date, as a screen reader
       * says it: “Reply, 12 Mar 2026” */
      accessible = g_strdup_printf (C_("interaction", "%s, %s"), start, end);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      -1);
    }

  return row;
}

static void
refresh_interactions (TendConnectionDetail *self,
                      TendDirection         direction)
{
  GtkListBox *list = direction == TEND_DIRECTION_IN ? self->in_list : self->out_list;
  AdwPreferencesGroup *group = direction == TEND_DIRECTION_IN ? self->in_group : self->out_group;
  g_autoptr(GArray) interactions = NULL;
  g_autoptr(GError) error = NULL;
  gint64 latest = 0;

  clear_list_box (list);
  adw_preferences_group_set_description (group, NULL);

  if (self->store == NULL || self->connection == NULL)
    return;

  interactions = tend_store_list_recent_interactions (self->store,
                                                      tend_connection_get_id (self->connection),
                                                      direction,
                                                      N_RECENT_INTERACTIONS,
                                                      &error);
  if (interactions == NULL)
    {
      gtk_list_box_append (list, make_plain_row (_("Could not be read"), NULL, TRUE));
      emit_error (self, error);
      return;
    }

  if (interactions->len == 0)
    {
      gtk_list_box_append (list, make_plain_row (_("No interactions"), NULL, TRUE));
      return;
    }

  for (guint i = 0; i < interactions->len; i++)
    {
      const TendInteraction *interaction = &g_array_index (interactions, TendInteraction, i);
      /* Translators: the date of an interaction, as in “12 Mar 2026”; see
       * the GLib g_date_time_format() documentation. */
      g_autofree char *date = format_date (interaction->occurred_at, C_("interaction date", "%-d %b %Y"));

      gtk_list_box_append (list, make_plain_row (tend_interaction_kind_get_label (interaction->kind),
                                                 date != NULL ? date : _("Unknown date"),
                                                 FALSE));
      latest = MAX (latest, interaction->occurred_at);
    }

  if (latest < now_seconds () - RECENT_WINDOW_SECONDS)
    adw_preferences_group_set_description (group, _("Nothing in the last year"));
}

static void
refresh_identity (TendConnectionDetail *self)
{
  TendConnection *connection = self->connection;
  g_autofree char *host = NULL;
  g_autofree char *source = NULL;
  g_autofree char *since = NULL;
  const char *name;
  const char *handle;
  const char *source_title;

  name = tend_connection_get_name (connection);
  if (name == NULL || name[0] == '\0')
    name = _("Unnamed");
  handle = tend_connection_get_handle (connection);

  adw_avatar_set_text (self->avatar, name);
  gtk_label_set_text (self->name_label, name);
  gtk_label_set_text (self->handle_label, handle != NULL ? handle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->handle_label), handle != NULL && handle[0] != '\0');

  host = dup_profile_host (tend_connection_get_profile_url (connection));
  gtk_widget_set_visible (GTK_WIDGET (self->profile_button), host != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.open-profile", host != NULL);
  if (host != NULL)
    {
      /* Translators: the tooltip of “Open Profile”; %s is a web site such as “mastodon.social” */
      g_autofree char *tooltip = g_strdup_printf (_("Open the profile on %s in the browser"), host);

      gtk_widget_set_tooltip_text (GTK_WIDGET (self->profile_button), tooltip);
    }

  source_title = tend_connection_get_source_title (connection);
  if (source_title != NULL && source_title[0] != '\0')
    /* Translators: a kind of source and its title, as in “Mastodon · @rosa@bakery.social” */
    source = g_strdup_printf (C_("source", "%s · %s"),
                              tend_source_kind_get_label (tend_connection_get_source_kind (connection)),
                              source_title);
  else
    source = g_strdup (tend_source_kind_get_label (tend_connection_get_source_kind (connection)));
  adw_action_row_set_subtitle (self->source_row, source);

  adw_action_row_set_subtitle (self->follow_row,
                               tend_follow_state_get_label (tend_connection_get_follow_state (connection)));

  /* Translators: a full date, as in “12 March 2023”; see the GLib
   * g_date_time_format() documentation. */
  since = format_date (tend_connection_get_connected_since (connection), C_("full date", "%-d %B %Y"));
  if (tend_connection_get_is_new (connection))
    {
      /* Translators: the date connected, for someone who appeared in the latest import */
      g_autofree char *with_news = g_strdup_printf (_("%s · new since the previous import"),
                                                    since != NULL ? since : _("Unknown"));

      adw_action_row_set_subtitle (self->since_row, with_news);
    }
  else
    adw_action_row_set_subtitle (self->since_row, since != NULL ? since : _("Unknown"));
}

static void
refresh_measures (TendConnectionDetail *self)
{
  TendConnection *connection = self->connection;
  g_autofree char *balance = NULL;
  g_autofree char *text = NULL;
  g_autofree char *why = NULL;

  if (tend_connection_has_balance (connection))
    balance = g_strdup_printf ("%+.2f", tend_connection_get_balance (connection));
  else
    /* Translators: the balance of someone with no interactions */
    balance = g_strdup (C_("balance", "none"));

  /* Translators: the measures of a connection: weighted interactions in and
   * out, balance, score out of 100, and quadrant, as in
   * “In 12.3 · Out 4.0 · Balance +0.51 · Score 72 · Solid” */
  text = g_strdup_printf (_("In %.1f · Out %.1f · Balance %s · Score %u · %s"),
                          tend_connection_get_in_weight (connection),
                          tend_connection_get_out_weight (connection),
                          balance,
                          tend_connection_get_score (connection),
                          tend_quadrant_get_label (tend_connection_get_quadrant (connection)));
  gtk_label_set_text (self->measures_label, text);

  why = tend_reciprocity_explain (connection, g_get_real_time () / G_USEC_PER_SEC);
  gtk_label_set_text (self->score_label, why);
}

static GtkWidget *
make_tag_chip (const char *tag)
{
  g_autofree char *remove_label = NULL;
  GtkWidget *chip;
  GtkWidget *label;
  GtkWidget *button;

  chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  gtk_widget_add_css_class (chip, "card");

  label = gtk_label_new (NULL);
  gtk_label_set_text (GTK_LABEL (label), tag);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_widget_set_margin_start (label, 10);
  gtk_box_append (GTK_BOX (chip), label);

  if (tend_store_is_tag_protected (tag))
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("changes-prevent-symbolic");

      gtk_widget_add_css_class (icon, "dim-label");
      gtk_widget_set_margin_start (icon, 2);
      gtk_widget_set_tooltip_text (icon, _("Protected from prune suggestions"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Protected"),
                                      -1);
      gtk_box_append (GTK_BOX (chip), icon);
    }

  button = gtk_button_new_from_icon_name ("window-close-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Remove Tag"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "detail.remove-tag");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", tag);
  /* Translators: the accessible name of the ✕ on a tag; %s is the tag */
  remove_label = g_strdup_printf (_("Remove tag %s"), tag);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                  -1);
  gtk_box_append (GTK_BOX (chip), button);

  return chip;
}

static void
refresh_tags (TendConnectionDetail *self)
{
  const char * const *tags = tend_connection_get_tags (self->connection);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tags_box))) != NULL)
    gtk_flow_box_remove (self->tags_box, child);

  for (guint i = 0; tags[i] != NULL; i++)
    {
      GtkWidget *chip = make_tag_chip (tags[i]);

      gtk_flow_box_append (self->tags_box, chip);
      /* Only the ✕ takes focus, not the box around it. */
      gtk_widget_set_focusable (gtk_widget_get_parent (chip), FALSE);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->tags_box), tags[0] != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->no_tags_label), tags[0] == NULL);

  fill_add_menu (self, self->tag_menu_button, "detail.add-tag", self->connection);
}

static void
refresh_decision (TendConnectionDetail *self)
{
  TendDecision decision = tend_connection_get_decision (self->connection);
  gint64 decided_at = tend_connection_get_decided_at (self->connection);
  GtkToggleButton *button;
  g_autofree char *date = NULL;

  switch (decision)
    {
    case TEND_DECISION_KEEP: button = self->keep_button; break;
    case TEND_DECISION_PRUNE: button = self->prune_button; break;
    case TEND_DECISION_UNDECIDED:
    default: button = self->undecided_button; break;
    }

  self->syncing = TRUE;
  gtk_toggle_button_set_active (button, TRUE);
  self->syncing = FALSE;

  if (decision != TEND_DECISION_UNDECIDED)
    date = format_date (decided_at, C_("full date", "%-d %B %Y"));

  if (date != NULL)
    {
      /* Translators: %s is a date, as in “Decided on 12 March 2026” */
      g_autofree char *text = g_strdup_printf (_("Decided on %s"), date);

      gtk_label_set_text (self->decided_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->decided_label), date != NULL);
}

static char *
dup_note_text (TendConnectionDetail *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  GtkTextIter start, end;
  char *text;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (text[0] == '\0')
    g_clear_pointer (&text, g_free);

  return text;
}

static void
tend_connection_detail_refresh_note (TendConnectionDetail *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  const char *note = self->connection ? tend_connection_get_note (self->connection) : NULL;
  g_autofree char *current = dup_note_text (self);

  if (g_strcmp0 (current, note && note[0] ? note : NULL) == 0)
    return;

  self->syncing = TRUE;
  gtk_text_buffer_set_text (buffer, note != NULL ? note : "", -1);
  self->syncing = FALSE;
}

static void
connection_notify_cb (TendConnectionDetail *self,
                      GParamSpec           *pspec,
                      TendConnection       *connection)
{
  const char *name = pspec->name;

  if (g_str_equal (name, "tags"))
    refresh_tags (self);
  else if (g_str_equal (name, "decision") || g_str_equal (name, "decided-at"))
    refresh_decision (self);
  else if (g_str_equal (name, "note"))
    {
      /* What the owner is typing wins over a change from elsewhere. */
      if (self->note_save_id == 0)
        tend_connection_detail_refresh_note (self);
    }
  else if (g_str_equal (name, "last-in") || g_str_equal (name, "last-out"))
    {
      refresh_interactions (self, TEND_DIRECTION_IN);
      refresh_interactions (self, TEND_DIRECTION_OUT);
      refresh_measures (self);
    }
  else
    {
      refresh_identity (self);
      refresh_measures (self);
    }
}

static void
refresh_single (TendConnectionDetail *self)
{
  GtkAdjustment *adjustment;

  if (self->connection == NULL)
    return;

  refresh_identity (self);
  refresh_measures (self);
  refresh_interactions (self, TEND_DIRECTION_IN);
  refresh_interactions (self, TEND_DIRECTION_OUT);
  refresh_tags (self);
  refresh_decision (self);
  tend_connection_detail_refresh_note (self);

  adjustment = gtk_scrolled_window_get_vadjustment (self->single_scroller);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
}

static void
set_connection (TendConnectionDetail *self,
                TendConnection       *connection)
{
  if (self->connection == connection)
    return;

  /* Whatever was typed about the previous connection is kept. */
  tend_connection_detail_save_note (self);

  if (self->connection != NULL)
    g_clear_signal_handler (&self->connection_notify_id, self->connection);

  g_set_object (&self->connection, connection);

  if (connection != NULL)
    self->connection_notify_id =
      g_signal_connect_object (connection, "notify",
                               G_CALLBACK (connection_notify_cb), self,
                               G_CONNECT_SWAPPED);

  gtk_entry_buffer_set_text (gtk_entry_get_buffer (self->tag_entry), "", 0);
  refresh_single (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTION]);
}

static void
tend_connection_detail_update (TendConnectionDetail *self)
{
  g_autoptr(GPtrArray) selected = dup_selected (self);
  gboolean editable = self->store != NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->tag_entry), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->undecided_button), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->keep_button), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->prune_button), editable);
  gtk_text_view_set_editable (self->note_view, editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->multi_tag_entry), editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.decide-all", editable);

  if (selected->len == 0)
    {
      set_connection (self, NULL);
      gtk_stack_set_visible_child_name (self->stack, "none");
    }
  else if (selected->len == 1)
    {
      set_connection (self, g_ptr_array_index (selected, 0));
      gtk_stack_set_visible_child_name (self->stack, "single");
    }
  else
    {
      g_autofree char *count = NULL;

      set_connection (self, NULL);
      count = g_strdup_printf (ngettext ("%u connection selected",
                                         "%u connections selected",
                                         selected->len),
                               selected->len);
      gtk_label_set_text (self->count_label, count);
      fill_add_menu (self, self->multi_tag_menu_button, "detail.tag-all", NULL);
      fill_remove_menu (self, selected);
      gtk_stack_set_visible_child_name (self->stack, "multiple");
    }
}

static void
selection_changed_cb (TendConnectionDetail *self)
{
  tend_connection_detail_update (self);
}

/* Single page: editing */

static gboolean
note_save_timeout_cb (gpointer data)
{
  TendConnectionDetail *self = data;

  self->note_save_id = 0;
  tend_connection_detail_save_note (self);

  return G_SOURCE_REMOVE;
}

static void
note_changed_cb (TendConnectionDetail *self,
                 GtkTextBuffer        *buffer)
{
  if (self->syncing || self->connection == NULL)
    return;

  g_clear_handle_id (&self->note_save_id, g_source_remove);
  self->note_save_id = g_timeout_add (NOTE_SAVE_DELAY_MS, note_save_timeout_cb, self);
}

static void
note_focus_leave_cb (TendConnectionDetail *self)
{
  tend_connection_detail_save_note (self);
}

static void
decision_toggled_cb (TendConnectionDetail *self,
                     GtkToggleButton      *button)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  TendDecision decision;

  if (self->syncing || !gtk_toggle_button_get_active (button) ||
      self->connection == NULL || self->store == NULL)
    return;

  if (button == self->keep_button)
    decision = TEND_DECISION_KEEP;
  else if (button == self->prune_button)
    decision = TEND_DECISION_PRUNE;
  else
    decision = TEND_DECISION_UNDECIDED;

  if (decision == tend_connection_get_decision (self->connection))
    return;

  /* Decision and note go in together, with the note as it reads now. */
  note = dup_note_text (self);
  if (!tend_store_set_decision (self->store,
                                tend_connection_get_id (self->connection),
                                decision, note, &error))
    {
      refresh_decision (self);
      emit_error (self, error);
      return;
    }

  g_clear_handle_id (&self->note_save_id, g_source_remove);
  connection_decide (self->connection, GINT_TO_POINTER (decision));
  emit_edited (self);
  tend_connection_set_note (self->connection, note);
}

static void
add_typed_tag (TendConnectionDetail *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tag = NULL;
  const char *typed;

  if (self->connection == NULL || self->store == NULL)
    return;

  typed = gtk_editable_get_text (GTK_EDITABLE (self->tag_entry));
  if (typed[0] == '\0')
    return;

  if (!(tag = dup_canonical_tag (self, typed, &error)) ||
      !tend_store_add_tag (self->store, tend_connection_get_id (self->connection), tag, &error))
    {
      emit_error (self, error);
      return;
    }

  connection_add_tag (self->connection, tag);
  emit_edited (self);
  gtk_editable_set_text (GTK_EDITABLE (self->tag_entry), "");
}

static void
tag_entry_activate_cb (TendConnectionDetail *self,
                       GtkEntry             *entry)
{
  add_typed_tag (self);
}

static void
tag_entry_icon_release_cb (TendConnectionDetail *self,
                           GtkEntryIconPosition  position,
                           GtkEntry             *entry)
{
  add_typed_tag (self);
}

static void
add_tag_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TendConnectionDetail *self = TEND_CONNECTION_DETAIL (widget);
  g_autoptr(GError) error = NULL;
  /* A copy: the ✕ that carries the name goes away with the tag. */
  g_autofree char *tag = g_variant_dup_string (parameter, NULL);

  if (self->connection == NULL || self->store == NULL)
    return;

  if (!tend_store_add_tag (self->store, tend_connection_get_id (self->connection), tag, &error))
    {
      emit_error (self, error);
      return;
    }

  connection_add_tag (self->connection, tag);
  emit_edited (self);
}

static void
remove_tag_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TendConnectionDetail *self = TEND_CONNECTION_DETAIL (widget);
  g_autoptr(GError) error = NULL;
  /* A copy: the ✕ that carries the name goes away with the tag. */
  g_autofree char *tag = g_variant_dup_string (parameter, NULL);

  if (self->connection == NULL || self->store == NULL)
    return;

  if (!tend_store_remove_tag (self->store, tend_connection_get_id (self->connection), tag, &error))
    {
      emit_error (self, error);
      return;
    }

  connection_remove_tag (self->connection, tag);
  emit_edited (self);

  /* The ✕ that had focus is gone with its tag. */
  gtk_widget_grab_focus (GTK_WIDGET (self->tag_entry));
}

/* One page for the shown connection, through the print dialog. */
static void
print_card_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TendConnectionDetail *self = TEND_CONNECTION_DETAIL (widget);
  g_autoptr(TendSummaryPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWindow *parent = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;

  if (self->store == NULL || self->connection == NULL)
    return;

  /* The card prints the note as it is now. */
  tend_connection_detail_save_note (self);

  operation = tend_summary_print_operation_new_card (self->store, self->connection, &error);
  if (operation == NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (parent, _("Could Not Print"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  tend_summary_print_operation_run (operation, parent);
}

static void
open_profile_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TendConnectionDetail *self = TEND_CONNECTION_DETAIL (widget);
  g_autofree char *host = NULL;
  GtkRoot *root;
  const char *url;

  if (self->connection == NULL)
    return;

  url = tend_connection_get_profile_url (self->connection);
  host = dup_profile_host (url);
  if (host == NULL)
    return;

  root = gtk_widget_get_root (widget);
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, url, GDK_CURRENT_TIME);
}

/* The menus follow the store's tags and the connection's. */
static void
fill_add_menu (TendConnectionDetail *self,
               GtkMenuButton        *button,
               const char           *action_name,
               TendConnection       *connection)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMenu) menu = NULL;
  guint n_offered = 0;

  gtk_menu_button_set_menu_model (button, NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);

  if (self->store == NULL)
    return;

  if (!(menu = tend_tag_menu_new_offered (self->store, connection, action_name, &n_offered, &error)))
    {
      emit_error (self, error);
      return;
    }

  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
  gtk_widget_set_sensitive (GTK_WIDGET (button), n_offered > 0);
}

/* Multiple page: one transaction for all */

static void
apply_to_selected (TendConnectionDetail *self,
                   StoreEditFunc         store_edit,
                   ObjectEditFunc        object_edit,
                   gconstpointer         data)
{
  g_autoptr(GPtrArray) selected = dup_selected (self);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || selected->len == 0)
    return;

  if (!tend_store_begin (self->store, &error))
    {
      emit_error (self, error);
      return;
    }

  for (guint i = 0; i < selected->len; i++)
    {
      if (!store_edit (self->store, g_ptr_array_index (selected, i), data, &error))
        {
          tend_store_rollback (self->store);
          emit_error (self, error);
          return;
        }
    }

  if (!tend_store_commit (self->store, &error))
    {
      emit_error (self, error);
      return;
    }

  for (guint i = 0; i < selected->len; i++)
    object_edit (g_ptr_array_index (selected, i), data);
  emit_edited (self);

  fill_add_menu (self, self->multi_tag_menu_button, "detail.tag-all", NULL);
  fill_remove_menu (self, selected);
}

static void
decide_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TendConnectionDetail *self = TEND_CONNECTION_DETAIL (widget);
  TendDecision decision;

  if (!tend_decision_from_key (g_variant_get_string (parameter, NULL), &decision))
    return;

  apply_to_selected (self, store_decide, connection_decide, GINT_TO_POINTER (decision));
}

static void
tag_all_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TendConnectionDetail *self = TEND_CONNECTION_DETAIL (widget);

  apply_to_selected (self, store_add_tag, connection_add_tag,
                     g_variant_get_string (parameter, NULL));
}

static void
untag_all_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TendConnectionDetail *self = TEND_CONNECTION_DETAIL (widget);

  apply_to_selected (self, store_remove_tag, connection_remove_tag,
                     g_variant_get_string (parameter, NULL));
}

static void
tag_all_typed (TendConnectionDetail *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tag = NULL;
  const char *typed;

  if (self->store == NULL)
    return;

  typed = gtk_editable_get_text (GTK_EDITABLE (self->multi_tag_entry));
  if (typed[0] == '\0')
    return;

  if (!(tag = dup_canonical_tag (self, typed, &error)))
    {
      emit_error (self, error);
      return;
    }

  gtk_widget_activate_action (GTK_WIDGET (self), "detail.tag-all", "s", tag);
  gtk_editable_set_text (GTK_EDITABLE (self->multi_tag_entry), "");
}

static void
multi_tag_entry_activate_cb (TendConnectionDetail *self,
                             GtkEntry             *entry)
{
  tag_all_typed (self);
}

static void
multi_tag_entry_icon_release_cb (TendConnectionDetail *self,
                                 GtkEntryIconPosition  position,
                                 GtkEntry             *entry)
{
  tag_all_typed (self);
}

/* The tags present in the selection, to take off all that have them. */
static void
fill_remove_menu (TendConnectionDetail *self,
                  GPtrArray            *selected)
{
  g_autoptr(GHashTable) seen = tend_tag_set_new ();
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GMenu) menu = NULL;

  for (guint i = 0; i < selected->len; i++)
    {
      const char * const *own = tend_connection_get_tags (g_ptr_array_index (selected, i));

      for (guint j = 0; own[j] != NULL; j++)
        {
          if (tend_tag_set_contains (seen, own[j]))
            continue;

          tend_tag_set_add (seen, own[j]);
          g_ptr_array_add (tags, g_strdup (own[j]));
        }
    }

  g_ptr_array_sort (tags, tend_tag_compare);
  g_ptr_array_add (tags, NULL);

  menu = tend_tag_menu_new ((const char * const *) tags->pdata, "detail.untag-all");
  gtk_menu_button_set_menu_model (self->remove_tag_menu_button, G_MENU_MODEL (menu));
  gtk_widget_set_sensitive (GTK_WIDGET (self->remove_tag_menu_button),
                            self->store != NULL && tags->len > 1);
}

/* Public API */

/**
 * tend_connection_detail_new:
 *
 * Returns: (transfer floating): a detail pane with nothing selected
 */
GtkWidget *
tend_connection_detail_new (void)
{
  return g_object_new (TEND_TYPE_CONNECTION_DETAIL, NULL);
}

/**
 * tend_connection_detail_get_store:
 *
 * Returns: (transfer none) (nullable): where edits are written
 */
TendStore *
tend_connection_detail_get_store (TendConnectionDetail *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION_DETAIL (self), NULL);

  return self->store;
}

void
tend_connection_detail_set_store (TendConnectionDetail *self,
                                  TendStore            *store)
{
  g_return_if_fail (TEND_IS_CONNECTION_DETAIL (self));
  g_return_if_fail (store == NULL || TEND_IS_STORE (store));

  if (self->store == store)
    return;

  /* A note typed against the previous profile goes to that profile. */
  tend_connection_detail_save_note (self);

  g_set_object (&self->store, store);
  refresh_single (self);
  tend_connection_detail_update (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * tend_connection_detail_get_selection:
 *
 * Returns: (transfer none) (nullable): the selection the pane follows
 */
GtkSelectionModel *
tend_connection_detail_get_selection (TendConnectionDetail *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION_DETAIL (self), NULL);

  return self->selection;
}

void
tend_connection_detail_set_selection (TendConnectionDetail *self,
                                      GtkSelectionModel    *selection)
{
  g_return_if_fail (TEND_IS_CONNECTION_DETAIL (self));
  g_return_if_fail (selection == NULL || GTK_IS_SELECTION_MODEL (selection));

  if (self->selection == selection)
    return;

  if (self->selection != NULL)
    {
      g_clear_signal_handler (&self->selection_changed_id, self->selection);
      g_clear_signal_handler (&self->items_changed_id, self->selection);
    }

  g_set_object (&self->selection, selection);

  if (selection != NULL)
    {
      self->selection_changed_id =
        g_signal_connect_object (selection, "selection-changed",
                                 G_CALLBACK (selection_changed_cb), self,
                                 G_CONNECT_SWAPPED);
      self->items_changed_id =
        g_signal_connect_object (selection, "items-changed",
                                 G_CALLBACK (selection_changed_cb), self,
                                 G_CONNECT_SWAPPED);
    }

  tend_connection_detail_update (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
}

/**
 * tend_connection_detail_get_connection:
 *
 * Returns: (transfer none) (nullable): the connection on show when exactly
 *   one is selected
 */
TendConnection *
tend_connection_detail_get_connection (TendConnectionDetail *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION_DETAIL (self), NULL);

  return self->connection;
}

/**
 * tend_connection_detail_get_page:
 *
 * Returns: "none", "single" or "multiple"
 */
const char *
tend_connection_detail_get_page (TendConnectionDetail *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION_DETAIL (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * tend_connection_detail_focus:
 *
 * Moves the keyboard focus to the first control of the page on show, as
 * when Enter is pressed on a row of the list.
 *
 * Returns: %TRUE if a control took the focus
 */
gboolean
tend_connection_detail_focus (TendConnectionDetail *self)
{
  const char *page;

  g_return_val_if_fail (TEND_IS_CONNECTION_DETAIL (self), FALSE);

  page = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (page, "single") == 0)
    {
      if (gtk_widget_get_visible (GTK_WIDGET (self->profile_button)))
        return gtk_widget_grab_focus (GTK_WIDGET (self->profile_button));

      return gtk_widget_grab_focus (GTK_WIDGET (self->tag_entry));
    }

  if (g_strcmp0 (page, "multiple") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->keep_all_button));

  return FALSE;
}

/**
 * tend_connection_detail_save_note:
 *
 * Writes the note being typed now rather than after the pause. The
 * pane does so itself when focus leaves the note, the selection changes
 * or the pane goes away.
 *
 * Returns: %FALSE if the store refused it (the error signal says why)
 */
gboolean
tend_connection_detail_save_note (TendConnectionDetail *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  const char *old_note;

  g_return_val_if_fail (TEND_IS_CONNECTION_DETAIL (self), FALSE);

  g_clear_handle_id (&self->note_save_id, g_source_remove);

  if (self->connection == NULL || self->store == NULL)
    return TRUE;

  note = dup_note_text (self);
  old_note = tend_connection_get_note (self->connection);
  if (g_strcmp0 (note, old_note != NULL && old_note[0] != '\0' ? old_note : NULL) == 0)
    return TRUE;

  /* The text stays in the view on error: the owner's words are not
   * thrown away, and the next pause tries again.
   */
  if (!tend_store_set_decision (self->store,
                                tend_connection_get_id (self->connection),
                                tend_connection_get_decision (self->connection),
                                note, &error))
    {
      emit_error (self, error);
      return FALSE;
    }

  tend_connection_set_note (self->connection, note);
  tend_connection_set_decided_at (self->connection, now_seconds ());

  return TRUE;
}

/* GObject */

static void
tend_connection_detail_dispose (GObject *object)
{
  TendConnectionDetail *self = (TendConnectionDetail *)object;

  if (self->note_save_id != 0)
    tend_connection_detail_save_note (self);

  if (self->selection != NULL)
    {
      g_clear_signal_handler (&self->selection_changed_id, self->selection);
      g_clear_signal_handler (&self->items_changed_id, self->selection);
    }
  if (self->connection != NULL)
    g_clear_signal_handler (&self->connection_notify_id, self->connection);

  gtk_widget_dispose_template (GTK_WIDGET (self), TEND_TYPE_CONNECTION_DETAIL);

  g_clear_object (&self->selection);
  g_clear_object (&self->connection);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tend_connection_detail_parent_class)->dispose (object);
}

static void
tend_connection_detail_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  TendConnectionDetail *self = TEND_CONNECTION_DETAIL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SELECTION:
      g_value_set_object (value, self->selection);
      break;

    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_connection_detail_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  TendConnectionDetail *self = TEND_CONNECTION_DETAIL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      tend_connection_detail_set_store (self, g_value_get_object (value));
      break;

    case PROP_SELECTION:
      tend_connection_detail_set_selection (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_connection_detail_class_init (TendConnectionDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_connection_detail_dispose;
  object_class->get_property = tend_connection_detail_get_property;
  object_class->set_property = tend_connection_detail_set_property;

  /**
   * TendConnectionDetail:store:
   *
   * Where tags, decisions and notes are written.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         TEND_TYPE_STORE,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * TendConnectionDetail:selection:
   *
   * The selection the pane follows; its items are #TendConnection.
   */
  properties[PROP_SELECTION] =
    g_param_spec_object ("selection", NULL, NULL,
                         GTK_TYPE_SELECTION_MODEL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * TendConnectionDetail:connection:
   *
   * The connection on show when exactly one is selected, or %NULL.
   */
  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL,
                         TEND_TYPE_CONNECTION,
                         (G_PARAM_READABLE |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TendConnectionDetail::error:
   * @self: a #TendConnectionDetail
   * @error: what the store refused, with a message that says what to do
   *
   * Emitted when an edit could not be written. The pane has already put
   * its controls back; the window shows the message.
   */
  signals[ERROR] =
    g_signal_new ("error",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE,
                  1,
                  G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * TendConnectionDetail::edited:
   *
   * Emitted after tags or decisions were written and the connections
   * updated, so that counts elsewhere can follow.
   */
  signals[EDITED] =
    g_signal_new ("edited",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "detail.open-profile", NULL, open_profile_action);
  gtk_widget_class_install_action (widget_class, "detail.print-card", NULL, print_card_action);
  gtk_widget_class_install_action (widget_class, "detail.add-tag", "s", add_tag_action);
  gtk_widget_class_install_action (widget_class, "detail.remove-tag", "s", remove_tag_action);
  gtk_widget_class_install_action (widget_class, "detail.decide-all", "s", decide_all_action);
  gtk_widget_class_install_action (widget_class, "detail.tag-all", "s", tag_all_action);
  gtk_widget_class_install_action (widget_class, "detail.untag-all", "s", untag_all_action);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/tend-connection-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, TendConnectionDetail, single_scroller);
  gtk_widget_class_bind_template_child (widget_class, TendConnectionDetail, avatar);
  gtk_widget_class_bind_template_child (widget_class, TendConnectionDetail, name_label);
  gtk_widget_class_bind_template_child (widget_class, TendConnectionDetail, handle_label);
  gtk_widget_class_bind_template_child (widget_class, TendConnectionDetail, profile_button);
  gtk_widget_class_bind_template_child (widget_class, TendConnectionDetail, source_row);
  gtk_widget_class_bind_template_child (widget_class, TendConnectionDetail, follow_row);
  gtk_widget_class_bind_template_child (widget_class, TendConnectionDetail, since_row);
  gtk_widget_class_bind_template_child (widget_class, TendConnectionDetail, measures_label);
  gtk_widget_class_bind_template_child (widget_class, TendConnectionDetail, score_label);
  gtk_widget_class_bind_template_child (widget_class, TendConnectionDetail, in_group);
  gtk_widget_class_bind_template_child (widget_class, TendConnectionDetail, out_group);
  gtk_widget_class_bind_template_child (widget_class, TendConnectionDetail, in_list);
  gtk_widget_class_bind_template_child (widget_class, TendConnectionDetail, out_list);
  gtk_widget_class_bind_template_child (widget_class, TendConnectionDetail, tags_box);
  gtk_widget_class_bind_template_child (widget_class, TendConnectionDetail, no_tags_label);
  gtk_widget_class_bind_template_child (widget_class, TendConnectionDetail, tag_entry);
  gtk_widget_class_bind_template_child (widget_class, TendConnectionDetail, tag_menu_button);
  gtk_widget_class_bind_template_child (widget_class, TendConnectionDetail, undecided_button);
  gtk_widget_class_bind_template_child (widget_class, TendConnectionDetail, keep_button);
  gtk_widget_class_bind_template_child (widget_class, TendConnectionDetail, prune_button);
  gtk_widget_class_bind_template_child (widget_class, TendConnectionDetail, decided_label);
  gtk_widget_class_bind_template_child (widget_class, TendConnectionDetail, note_view);
  gtk_widget_class_bind_template_child (widget_class, TendConnectionDetail, count_label);
  gtk_widget_class_bind_template_child (widget_class, TendConnectionDetail, keep_all_button);
  gtk_widget_class_bind_template_child (widget_class, TendConnectionDetail, multi_tag_entry);
  gtk_widget_class_bind_template_child (widget_class, TendConnectionDetail, multi_tag_menu_button);
  gtk_widget_class_bind_template_child (widget_class, TendConnectionDetail, remove_tag_menu_button);
  gtk_widget_class_bind_template_callback (widget_class, tag_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, tag_entry_icon_release_cb);
  gtk_widget_class_bind_template_callback (widget_class, decision_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, multi_tag_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, multi_tag_entry_icon_release_cb);
}

static void
tend_connection_detail_init (TendConnectionDetail *self)
{
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Not a template child: AdwBin unparents its child itself when
   * disposed, after gtk_widget_dispose_template() would have.
   */
  self->stack = GTK_STACK (adw_bin_get_child (ADW_BIN (self)));

  g_signal_connect_object (gtk_text_view_get_buffer (self->note_view), "changed",
                           G_CALLBACK (note_changed_cb), self,
                           G_CONNECT_SWAPPED);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave",
                           G_CALLBACK (note_focus_leave_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->note_view), focus);

  tend_connection_detail_update (self);
}
