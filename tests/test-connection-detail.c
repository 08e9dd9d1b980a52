/* test-connection-detail.c: the detail pane shows the selection and writes through the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-connection-detail"

#include "config.h"

#include <adwaita.h>

#include "tend-connection-detail.h"
#include "tend-reciprocity.h"
#include "tend-sample-generator.h"
#include "tend-store.h"
#include "tend-test-utils.h"

/* The sample's histories end here: 8 March 2026, 20:00 UTC. */
#define SAMPLE_NOW G_GINT64_CONSTANT (1773000000)
#define SAMPLE_SEED 7
#define SAMPLE_CONNECTIONS 40

/* The pane sits in a column about this wide on the right of the window. */
#define PANE_WIDTH 340

/* Parts of the pane have no background of their own: pictures give them
 * the window's, as on screen.
 */
static const GdkRGBA PANE_BACKGROUND = { 0.98, 0.98, 0.98, 1.0 };

/* No connection has this id. */
#define MISSING_ID G_GINT64_CONSTANT (999999)

#define MARKUP_NAME "<b>x</b> & y"
#define MARKUP_SOURCE "<i>Shop</i> & co"

typedef struct {
  char                 *dir;
  TendStore            *store;
  GListModel           *connections;
  GtkSelectionModel    *selection;
  GtkWindow            *window;
  TendConnectionDetail *detail;
  gint64                markup_id;
  guint                 n_errors;
  GError               *last_error;
} Fixture;

static gboolean
is_mapped_tag_entry (GtkWidget *widget,
                     gpointer   data)
{
  return GTK_IS_ENTRY (widget) &&
         gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_entry_get_placeholder_text (GTK_ENTRY (widget)), "Add a tag…") == 0;
}

static gboolean
is_row_with_title (GtkWidget *widget,
                   gpointer   data)
{
  return ADW_IS_ACTION_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static gboolean
is_group_with_title (GtkWidget *widget,
                     gpointer   data)
{
  return ADW_IS_PREFERENCES_GROUP (widget) &&
         g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), data) == 0;
}

static gboolean
is_mapped_toggle_with_label (GtkWidget *widget,
                             gpointer   data)
{
  return GTK_IS_TOGGLE_BUTTON (widget) &&
         gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static gboolean
is_list_box (GtkWidget *widget,
             gpointer   data)
{
  return GTK_IS_LIST_BOX (widget) && gtk_widget_get_mapped (widget);
}

static gboolean
is_mapped_menu_button (GtkWidget *widget,
                       gpointer   data)
{
  return GTK_IS_MENU_BUTTON (widget) &&
         gtk_widget_get_mapped (widget) &&
         (g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0 ||
          g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)), data) == 0);
}

/* The tags the menu of @button offers. */
static GStrv
open_tag_menu (GtkWidget  *root,
               const char *name)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GtkWidget *button = tend_test_find_widget (root, is_mapped_menu_button, (gpointer) name);
  GMenuModel *menu;

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  g_assert_nonnull (menu);

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET,
                                                                          G_VARIANT_TYPE_STRING);

      g_assert_nonnull (target);
      g_strv_builder_add (builder, g_variant_get_string (target, NULL));
    }

  return g_strv_builder_end (builder);
}

static gboolean
is_mapped_scroller (GtkWidget *widget,
                    gpointer   data)
{
  return GTK_IS_SCROLLED_WINDOW (widget) && gtk_widget_get_mapped (widget);
}

static gboolean
is_text_view (GtkWidget *widget,
              gpointer   data)
{
  return GTK_IS_TEXT_VIEW (widget);
}

typedef struct {
  const char *action;
  const char *target;
} ActionTarget;

static gboolean
is_mapped_button_for (GtkWidget *widget,
                      gpointer   data)
{
  const ActionTarget *wanted = data;
  GVariant *target;

  if (!GTK_IS_BUTTON (widget) || !gtk_widget_get_mapped (widget))
    return FALSE;

  if (g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), wanted->action) != 0)
    return FALSE;

  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));
  if (wanted->target == NULL)
    return target == NULL;

  return target != NULL &&
         g_variant_is_of_type (target, G_VARIANT_TYPE_STRING) &&
         g_strcmp0 (g_variant_get_string (target, NULL), wanted->target) == 0;
}

static gboolean
is_protected_icon (GtkWidget *widget,
                   gpointer   data)
{
  return GTK_IS_IMAGE (widget) &&
         g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (widget)), "changes-prevent-symbolic") == 0;
}

static GtkWidget *
find_button_for (GtkWidget  *root,
                 const char *action,
                 const char *target)
{
  ActionTarget wanted = { action, target };

  return tend_test_find_widget (root, is_mapped_button_for, &wanted);
}

static void
error_cb (TendConnectionDetail *detail,
          const GError         *error,
          Fixture              *fixture)
{
  g_assert_nonnull (error);
  fixture->n_errors++;
  g_clear_error (&fixture->last_error);
  fixture->last_error = g_error_copy (error);
}

static void
load_connections (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  TendReciprocityParams params;

  g_clear_object (&fixture->connections);
  fixture->connections = tend_store_list_connections (fixture->store, &error);
  g_assert_no_error (error);

  tend_reciprocity_params_init_default (&params);
  g_assert_true (tend_reciprocity_apply (fixture->store, fixture->connections, &params, SAMPLE_NOW, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  TendConnectionRecord record = { 0 };
  TendSampleOptions options;
  gint64 source_id;

  fixture->dir = g_build_filename (g_get_user_data_dir (), "profile", NULL);
  g_assert_cmpint (g_mkdir_with_parents (fixture->dir, 0700), ==, 0);
  path = tend_store_build_path (fixture->dir);

  fixture->store = tend_store_open (path, &error);
  g_assert_no_error (error);

  tend_sample_options_init_default (&options);
  options.seed = SAMPLE_SEED;
  options.n_connections = SAMPLE_CONNECTIONS;
  options.now = SAMPLE_NOW;
  g_assert_true (tend_sample_generate (fixture->store, &options, NULL, &error));
  g_assert_no_error (error);

  /* Someone whose name and source read like markup. */
  source_id = tend_store_ensure_source (fixture->store, TEND_SOURCE_KIND_VCARD,
                                        "contacts.vcf", MARKUP_SOURCE, &error);
  g_assert_no_error (error);
  record.stable_key = "markup";
  record.name = MARKUP_NAME;
  record.handle = "<i>handle</i>";
  record.follow_state = TEND_FOLLOW_STATE_CONTACT;
  fixture->markup_id = tend_store_upsert_connection (fixture->store, source_id, &record, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fixture->markup_id, >, 0);

  load_connections (fixture);
  fixture->selection = GTK_SELECTION_MODEL (gtk_multi_selection_new (g_object_ref (fixture->connections)));

  fixture->detail = TEND_CONNECTION_DETAIL (tend_connection_detail_new ());
  g_signal_connect (fixture->detail, "error", G_CALLBACK (error_cb), fixture);
  tend_connection_detail_set_store (fixture->detail, fixture->store);
  tend_connection_detail_set_selection (fixture->detail, fixture->selection);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, PANE_WIDTH, 720);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->detail));
  gtk_window_present (fixture->window);

  while (!gtk_widget_get_mapped (GTK_WIDGET (fixture->detail)))
    tend_test_spin (10);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  tend_test_spin (20);

  g_clear_object (&fixture->selection);
  g_clear_object (&fixture->connections);
  g_clear_object (&fixture->store);
  g_clear_error (&fixture->last_error);

  tend_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static guint
find_position (GListModel *model,
               gint64      id)
{
  guint n_items = g_list_model_get_n_items (model);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(TendConnection) connection = g_list_model_get_item (model, i);

      if (tend_connection_get_id (connection) == id)
        return i;
    }

  g_assert_not_reached ();
}

/* The connection with this id as the store has it now. */
static TendConnection *
reload (Fixture *fixture,
        gint64   id)
{
  g_autoptr(GListModel) fresh = NULL;
  g_autoptr(GError) error = NULL;

  fresh = tend_store_list_connections (fixture->store, &error);
  g_assert_no_error (error);

  return g_list_model_get_item (fresh, find_position (fresh, id));
}

static GPtrArray *
list_journal (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *journal = tend_store_list_journal (fixture->store, &error);

  g_assert_no_error (error);
  return journal;
}

static guint
count_journal (Fixture    *fixture,
               const char *action,
               gint64      connection_id,
               const char *after)
{
  g_autoptr(GPtrArray) journal = list_journal (fixture);
  guint count = 0;

  for (guint i = 0; i < journal->len; i++)
    {
      const TendJournalEntry *entry = g_ptr_array_index (journal, i);

      if (g_strcmp0 (entry->action, action) == 0 &&
          (connection_id == 0 || entry->connection_id == connection_id) &&
          (after == NULL || g_strcmp0 (entry->after, after) == 0))
        count++;
    }

  return count;
}

/* A connection of the sample with a profile link and interactions both ways. */
static TendConnection *
pick_lively (Fixture *fixture,
             guint   *position)
{
  guint n_items = g_list_model_get_n_items (fixture->connections);
  TendConnection *best = NULL;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(TendConnection) connection = g_list_model_get_item (fixture->connections, i);

      if (tend_connection_get_last_in (connection) > 0 &&
          tend_connection_get_last_out (connection) > 0 &&
          tend_connection_get_profile_url (connection) != NULL &&
          tend_connection_get_handle (connection) != NULL &&
          tend_connection_get_connected_since (connection) > 0 &&
          (best == NULL || tend_connection_get_score (connection) > tend_connection_get_score (best)))
        {
          g_set_object (&best, connection);
          *position = i;
        }
    }

  g_assert_nonnull (best);
  return best;
}

static void
select_one (Fixture *fixture,
            guint    position)
{
  gtk_selection_model_select_item (fixture->selection, position, TRUE);
  g_assert_cmpstr (tend_connection_detail_get_page (fixture->detail), ==, "single");
}

static char *
format_date (gint64      unix_time,
             const char *format)
{
  g_autoptr(GDateTime) date_time = g_date_time_new_from_unix_local (unix_time);

  return g_date_time_format (date_time, format);
}

static void
settle (Fixture *fixture)
{
  GtkStack *stack = GTK_STACK (adw_bin_get_child (ADW_BIN (fixture->detail)));

  tend_test_spin (50);
  while (gtk_stack_get_transition_running (stack))
    tend_test_spin (10);
  tend_test_spin (300);
}

/* Nothing selected: a page that says what to do. */
static void
test_detail_none (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (fixture->detail);

  g_assert_cmpstr (tend_connection_detail_get_page (fixture->detail), ==, "none");
  g_assert_null (tend_connection_detail_get_connection (fixture->detail));
  g_assert_nonnull (tend_test_find_widget (root, tend_test_is_mapped_label_with_text, (gpointer) "No Connection Selected"));
  g_assert_false (tend_connection_detail_focus (fixture->detail));

  /* Selecting and unselecting comes back to it. */
  select_one (fixture, 0);
  gtk_selection_model_unselect_all (fixture->selection);
  g_assert_cmpstr (tend_connection_detail_get_page (fixture->detail), ==, "none");
  g_assert_null (tend_connection_detail_get_connection (fixture->detail));
}

static void
assert_interactions (Fixture        *fixture,
                     TendConnection *connection,
                     TendDirection   direction,
                     const char     *group_title)
{
  g_autoptr(GArray) expected = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *group;
  GtkWidget *list;
  guint n_rows = 0;

  expected = tend_store_list_recent_interactions (fixture->store, tend_connection_get_id (connection),
                                                  direction, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (expected->len, >, 0);

  group = tend_test_find_widget (GTK_WIDGET (fixture->detail), is_group_with_title, (gpointer) group_title);
  g_assert_nonnull (group);
  list = tend_test_find_widget (group, is_list_box, NULL);
  g_assert_nonnull (list);

  for (GtkWidget *row = gtk_widget_get_first_child (list);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      const TendInteraction *interaction;
      g_autofree char *date = NULL;

      if (!GTK_IS_LIST_BOX_ROW (row))
        continue;

      g_assert_cmpuint (n_rows, <, expected->len);
      interaction = &g_array_index (expected, TendInteraction, n_rows);
      date = format_date (interaction->occurred_at, "%-d %b %Y");

      /* “Reply” … “12 Mar 2026” */
      g_assert_nonnull (tend_test_find_widget (row, tend_test_is_mapped_label_with_text,
                                     (gpointer) tend_interaction_kind_get_label (interaction->kind)));
      g_assert_nonnull (tend_test_find_widget (row, tend_test_is_mapped_label_with_text, date));
      n_rows++;
    }

  g_assert_cmpuint (n_rows, ==, expected->len);
}

/* One selected: who, where from, since when, and the latest interactions. */
static void
test_detail_single (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (fixture->detail);
  g_autoptr(TendConnection) connection = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *since = NULL;
  g_autofree char *source = NULL;
  const char *tooltip;
  GtkWidget *widget;
  guint position;

  connection = pick_lively (fixture, &position);
  select_one (fixture, position);
  g_assert_true (tend_connection_detail_get_connection (fixture->detail) == connection);

  g_assert_nonnull (tend_test_find_widget (root, tend_test_is_mapped_label_with_text, (gpointer) tend_connection_get_name (connection)));
  g_assert_nonnull (tend_test_find_widget (root, tend_test_is_mapped_label_with_text, (gpointer) tend_connection_get_handle (connection)));

  widget = tend_test_find_widget (root, is_row_with_title, (gpointer) "Source");
  g_assert_nonnull (widget);
  source = g_strdup_printf ("%s · %s",
                            tend_source_kind_get_label (tend_connection_get_source_kind (connection)),
                            tend_connection_get_source_title (connection));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), ==, source);

  widget = tend_test_find_widget (root, is_row_with_title, (gpointer) "Follow State");
  g_assert_nonnull (widget);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), ==,
                   tend_follow_state_get_label (tend_connection_get_follow_state (connection)));

  widget = tend_test_find_widget (root, is_row_with_title, (gpointer) "Connected Since");
  g_assert_nonnull (widget);
  since = format_date (tend_connection_get_connected_since (connection), "%-d %B %Y");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), ==, since);

  assert_interactions (fixture, connection, TEND_DIRECTION_IN, "From Them");
  assert_interactions (fixture, connection, TEND_DIRECTION_OUT, "From You");

  /* The profile opens in the browser; its host is in the tooltip. */
  widget = find_button_for (root, "detail.open-profile", NULL);
  g_assert_nonnull (widget);
  g_assert_true (gtk_widget_is_sensitive (widget));
  uri = g_uri_parse (tend_connection_get_profile_url (connection), G_URI_FLAGS_NONE, NULL);
  g_assert_nonnull (uri);
  tooltip = gtk_widget_get_tooltip_text (widget);
  g_assert_nonnull (strstr (tooltip, g_uri_get_host (uri)));

  /* Enter on a list row brings the keyboard here. */
  g_assert_true (tend_connection_detail_focus (fixture->detail));
  g_assert_true (gtk_window_get_focus (fixture->window) == widget);

  /* Without a web address there is nothing to open. */
  tend_connection_set_profile_url (connection, "file:///etc/passwd");
  g_assert_null (find_button_for (root, "detail.open-profile", NULL));
  tend_connection_set_profile_url (connection, NULL);
  g_assert_null (find_button_for (root, "detail.open-profile", NULL));

  /* Someone gone from the list leaves the pane. */
  gtk_selection_model_unselect_all (fixture->selection);
  g_assert_cmpstr (tend_connection_detail_get_page (fixture->detail), ==, "none");
}

/* Untrusted text is shown as it is. */
static void
test_detail_markup (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (fixture->detail);
  GtkWidget *widget;

  select_one (fixture, find_position (fixture->connections, fixture->markup_id));

  widget = tend_test_find_widget (root, tend_test_is_mapped_label_with_text, (gpointer) MARKUP_NAME);
  g_assert_nonnull (widget);
  g_assert_false (gtk_label_get_use_markup (GTK_LABEL (widget)));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (widget)), ==, MARKUP_NAME);

  widget = tend_test_find_widget (root, tend_test_is_mapped_label_with_text, (gpointer) "<i>handle</i>");
  g_assert_nonnull (widget);
  g_assert_false (gtk_label_get_use_markup (GTK_LABEL (widget)));

  widget = tend_test_find_widget (root, is_row_with_title, (gpointer) "Source");
  g_assert_false (adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (widget)));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), ==, "Address book · " MARKUP_SOURCE);
  g_assert_nonnull (tend_test_find_widget (widget, tend_test_is_mapped_label_with_text, (gpointer) "Address book · " MARKUP_SOURCE));

  widget = tend_test_find_widget (root, is_row_with_title, (gpointer) "Connected Since");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), ==, "Unknown");

  /* No web address, no button; no interactions, said so. */
  g_assert_null (find_button_for (root, "detail.open-profile", NULL));
  g_assert_nonnull (tend_test_find_widget (root, tend_test_is_mapped_label_with_text, (gpointer) "No interactions"));

  /* A tag that reads like markup stays text too. */
  tend_connection_set_tags (tend_connection_detail_get_connection (fixture->detail),
                            (const char *[]) { "<u>odd</u>", NULL });
  widget = tend_test_find_widget (root, tend_test_is_mapped_label_with_text, (gpointer) "<u>odd</u>");
  g_assert_nonnull (widget);
  g_assert_false (gtk_label_get_use_markup (GTK_LABEL (widget)));
}

/* Tags: added and removed in the store and on the object at once. */
static void
test_detail_tags (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (fixture->detail);
  g_autoptr(TendConnection) connection = NULL;
  g_autoptr(TendConnection) stored = NULL;
  GtkWidget *entry;
  GtkWidget *button;
  guint position;
  gint64 id;

  connection = pick_lively (fixture, &position);
  id = tend_connection_get_id (connection);
  select_one (fixture, position);

  entry = tend_test_find_widget (root, is_mapped_tag_entry, NULL);
  g_assert_nonnull (entry);

  /* Typed with spaces: stored trimmed. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "  Regular ");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (fixture->n_errors, ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_true (tend_connection_has_tag (connection, "Regular"));
  stored = reload (fixture, id);
  g_assert_true (tend_connection_has_tag (stored, "Regular"));
  g_assert_cmpuint (count_journal (fixture, "tag-added", id, "Regular"), ==, 1);

  /* Typed in lower case: the built-in tag, with its protected hint. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "customer");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (fixture->n_errors, ==, 0);
  g_assert_true (tend_connection_has_tag (connection, "Customer"));
  g_assert_true (tend_connection_has_tag (connection, "Regular"));
  g_assert_false (tend_connection_has_tag (connection, "customer"));
  g_clear_object (&stored);
  stored = reload (fixture, id);
  g_assert_true (g_strv_equal (tend_connection_get_tags (stored), tend_connection_get_tags (connection)));
  g_assert_nonnull (tend_test_find_widget (root, is_protected_icon, NULL));

  /* From the menu of known tags. */
  {
    g_auto(GStrv) offered = open_tag_menu (root, "Choose a Tag");

    g_assert_true (g_strv_contains ((const char * const *) offered, "Peer") ||
                   tend_connection_has_tag (connection, "Peer"));
    g_assert_false (g_strv_contains ((const char * const *) offered, "Regular"));
    g_assert_false (g_strv_contains ((const char * const *) offered, "Customer"));
  }
  gtk_widget_activate_action (root, "detail.add-tag", "s", "Peer");
  g_assert_true (tend_connection_has_tag (connection, "Peer"));

  /* The ✕ of a chip removes it. */
  button = find_button_for (root, "detail.remove-tag", "Regular");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_focusable (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_false (tend_connection_has_tag (connection, "Regular"));
  g_clear_object (&stored);
  stored = reload (fixture, id);
  g_assert_false (tend_connection_has_tag (stored, "Regular"));
  g_assert_true (tend_connection_has_tag (stored, "Customer"));
  g_assert_cmpuint (count_journal (fixture, "tag-removed", id, NULL), ==, 1);
  g_assert_null (find_button_for (root, "detail.remove-tag", "Regular"));
  g_assert_true (gtk_window_get_focus (fixture->window) == gtk_widget_get_first_child (entry) ||
                 gtk_widget_is_ancestor (gtk_window_get_focus (fixture->window), entry));

  /* The object lists what the store lists, in the same order. */
  g_clear_object (&stored);
  stored = reload (fixture, id);
  g_assert_true (g_strv_equal (tend_connection_get_tags (stored), tend_connection_get_tags (connection)));

  /* The keyboard reaches every control, the ✕ of a chip included. */
  {
    GtkWidget *wanted[] = {
      find_button_for (root, "detail.remove-tag", "Customer"),
      tend_test_find_widget (root, is_mapped_menu_button, (gpointer) "Choose a Tag"),
      tend_test_find_widget (root, is_mapped_toggle_with_label, (gpointer) "P_rune"),
      tend_test_find_widget (root, is_text_view, NULL),
    };
    gboolean reached[G_N_ELEMENTS (wanted)] = { FALSE, };

    gtk_window_set_focus (fixture->window, NULL);
    for (guint step = 0; step < 80; step++)
      {
        GtkWidget *focus;

        if (!gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_FORWARD))
          break;

        focus = gtk_window_get_focus (fixture->window);
        for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
          {
            if (focus == wanted[i] || (focus != NULL && gtk_widget_is_ancestor (focus, wanted[i])))
              reached[i] = TRUE;
          }
      }

    for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
      {
        g_assert_nonnull (wanted[i]);
        g_assert_true (reached[i]);
      }
  }

  /* A blank tag is refused with a message, and nothing changes. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "   ");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (fixture->n_errors, ==, 1);
  g_assert_error (fixture->last_error, TEND_STORE_ERROR, TEND_STORE_ERROR_INVALID);
  g_assert_true (g_strv_equal (tend_connection_get_tags (stored), tend_connection_get_tags (connection)));
}

/* Decision and note: written at once, together. */
static void
test_detail_decision_and_note (Fixture       *fixture,
                               gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (fixture->detail);
  g_autoptr(TendConnection) connection = NULL;
  g_autoptr(TendConnection) stored = NULL;
  GtkTextBuffer *buffer;
  GtkWidget *keep;
  guint position;
  gint64 id;

  connection = pick_lively (fixture, &position);
  id = tend_connection_get_id (connection);
  g_assert_cmpint (tend_connection_get_decision (connection), ==, TEND_DECISION_UNDECIDED);
  select_one (fixture, position);

  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
    tend_test_find_widget (root, is_mapped_toggle_with_label, (gpointer) "_Undecided"))));

  keep = tend_test_find_widget (root, is_mapped_toggle_with_label, (gpointer) "_Keep");
  g_assert_nonnull (keep);
  g_signal_emit_by_name (keep, "clicked");
  g_assert_cmpuint (fixture->n_errors, ==, 0);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (keep)));
  g_assert_cmpint (tend_connection_get_decision (connection), ==, TEND_DECISION_KEEP);
  g_assert_cmpint (tend_connection_get_decided_at (connection), >, 0);
  stored = reload (fixture, id);
  g_assert_cmpint (tend_connection_get_decision (stored), ==, TEND_DECISION_KEEP);
  g_assert_cmpuint (count_journal (fixture, "decision", id, "keep"), ==, 1);

  /* The note is written after a pause in typing. */
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (tend_test_find_widget (root, is_text_view, NULL)));
  gtk_text_buffer_set_text (buffer, "Met at the <b>market</b>", -1);
  g_assert_null (tend_connection_get_note (connection));
  tend_test_spin (1000);
  g_assert_cmpuint (fixture->n_errors, ==, 0);
  g_assert_cmpstr (tend_connection_get_note (connection), ==, "Met at the <b>market</b>");
  g_clear_object (&stored);
  stored = reload (fixture, id);
  g_assert_cmpstr (tend_connection_get_note (stored), ==, "Met at the <b>market</b>");
  g_assert_cmpint (tend_connection_get_decision (stored), ==, TEND_DECISION_KEEP);
  g_assert_cmpuint (count_journal (fixture, "note", id, NULL), ==, 1);

  /* Or as soon as the selection moves on. */
  gtk_text_buffer_set_text (buffer, "Bought the big cake", -1);
  select_one (fixture, position == 0 ? 1 : 0);
  g_clear_object (&stored);
  stored = reload (fixture, id);
  g_assert_cmpstr (tend_connection_get_note (stored), ==, "Bought the big cake");
  g_assert_cmpstr (tend_connection_get_note (connection), ==, "Bought the big cake");

  /* And shows again when the connection does. */
  select_one (fixture, position);
  {
    GtkTextIter start, end;
    g_autofree char *text = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (text, ==, "Bought the big cake");
  }
}

static void
select_all_of (GtkSelectionModel *selection,
               guint              first,
               guint              n)
{
  gtk_selection_model_unselect_all (selection);
  gtk_selection_model_select_range (selection, first, n, FALSE);
}

/* Several selected: one transaction for all of them. */
static void
test_detail_multiple (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (fixture->detail);
  g_autoptr(GPtrArray) before = list_journal (fixture);
  GtkWidget *button;

  select_all_of (fixture->selection, 2, 3);
  g_assert_cmpstr (tend_connection_detail_get_page (fixture->detail), ==, "multiple");
  g_assert_nonnull (tend_test_find_widget (root, tend_test_is_mapped_label_with_text, (gpointer) "3 connections selected"));

  g_assert_true (tend_connection_detail_focus (fixture->detail));

  button = find_button_for (root, "detail.decide-all", "prune");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpuint (fixture->n_errors, ==, 0);

  for (guint i = 2; i < 5; i++)
    {
      g_autoptr(TendConnection) connection = g_list_model_get_item (fixture->connections, i);
      g_autoptr(TendConnection) stored = reload (fixture, tend_connection_get_id (connection));

      g_assert_cmpint (tend_connection_get_decision (connection), ==, TEND_DECISION_PRUNE);
      g_assert_cmpint (tend_connection_get_decided_at (connection), >, 0);
      g_assert_cmpint (tend_connection_get_decision (stored), ==, TEND_DECISION_PRUNE);
      g_assert_cmpuint (count_journal (fixture, "decision", tend_connection_get_id (connection), "prune"), ==, 1);
    }

  {
    g_autoptr(GPtrArray) after = list_journal (fixture);

    g_assert_cmpuint (after->len, ==, before->len + 3);
  }

  /* A tag for all, typed; then taken off all. */
  {
    GtkWidget *entry = tend_test_find_widget (root, is_mapped_tag_entry, NULL);

    g_assert_nonnull (entry);
    gtk_editable_set_text (GTK_EDITABLE (entry), "supplier");
    g_signal_emit_by_name (entry, "activate");
    g_assert_cmpuint (fixture->n_errors, ==, 0);
  }

  for (guint i = 2; i < 5; i++)
    {
      g_autoptr(TendConnection) connection = g_list_model_get_item (fixture->connections, i);
      g_autoptr(TendConnection) stored = reload (fixture, tend_connection_get_id (connection));

      g_assert_true (tend_connection_has_tag (connection, "Supplier"));
      g_assert_true (tend_connection_has_tag (stored, "Supplier"));
    }

  {
    g_auto(GStrv) offered = open_tag_menu (root, "Re_move Tag");

    g_assert_true (g_strv_contains ((const char * const *) offered, "Supplier"));
  }
  gtk_widget_activate_action (root, "detail.untag-all", "s", "Supplier");
  for (guint i = 2; i < 5; i++)
    {
      g_autoptr(TendConnection) connection = g_list_model_get_item (fixture->connections, i);
      g_autoptr(TendConnection) stored = reload (fixture, tend_connection_get_id (connection));

      g_assert_false (tend_connection_has_tag (connection, "Supplier"));
      g_assert_false (tend_connection_has_tag (stored, "Supplier"));
    }
  g_assert_cmpuint (fixture->n_errors, ==, 0);
}

/* A refused edit changes nothing, puts the control back and says why. */
static void
test_detail_errors (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (fixture->detail);
  g_autoptr(TendConnection) missing = NULL;
  g_autoptr(TendConnection) first = NULL;
  g_autoptr(TendConnection) second = NULL;
  g_autoptr(GListStore) model = g_list_store_new (TEND_TYPE_CONNECTION);
  g_autoptr(GtkSelectionModel) selection = NULL;
  g_autoptr(GPtrArray) before = list_journal (fixture);
  g_autoptr(GPtrArray) after = NULL;
  GtkWidget *widget;
  GtkWidget *entry;

  first = g_list_model_get_item (fixture->connections, 0);
  second = g_list_model_get_item (fixture->connections, 1);
  missing = tend_connection_new (MISSING_ID, tend_connection_get_source_id (first));
  tend_connection_set_name (missing, "Gone Away");

  /* The one in the middle is not in the store: the others are rolled back. */
  g_list_store_append (model, first);
  g_list_store_append (model, missing);
  g_list_store_append (model, second);
  selection = GTK_SELECTION_MODEL (gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (model))));
  tend_connection_detail_set_selection (fixture->detail, selection);
  g_assert_cmpstr (tend_connection_detail_get_page (fixture->detail), ==, "none");

  gtk_selection_model_select_all (selection);
  g_assert_cmpstr (tend_connection_detail_get_page (fixture->detail), ==, "multiple");
  widget = find_button_for (root, "detail.decide-all", "keep");
  g_signal_emit_by_name (widget, "clicked");

  g_assert_cmpuint (fixture->n_errors, ==, 1);
  g_assert_error (fixture->last_error, TEND_STORE_ERROR, TEND_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (tend_connection_get_decision (first), ==, TEND_DECISION_UNDECIDED);
  g_assert_cmpint (tend_connection_get_decision (second), ==, TEND_DECISION_UNDECIDED);
  {
    g_autoptr(TendConnection) stored = reload (fixture, tend_connection_get_id (first));

    g_assert_cmpint (tend_connection_get_decision (stored), ==, TEND_DECISION_UNDECIDED);
  }

  gtk_widget_activate_action (root, "detail.tag-all", "s", "Wholesale");
  g_assert_cmpuint (fixture->n_errors, ==, 2);
  g_assert_false (tend_connection_has_tag (first, "Wholesale"));
  {
    g_autoptr(TendConnection) stored = reload (fixture, tend_connection_get_id (first));

    g_assert_false (tend_connection_has_tag (stored, "Wholesale"));
  }

  after = list_journal (fixture);
  g_assert_cmpuint (after->len, ==, before->len);

  /* The missing one alone: the toggle goes back. */
  gtk_selection_model_select_item (selection, 1, TRUE);
  g_assert_cmpstr (tend_connection_detail_get_page (fixture->detail), ==, "single");
  widget = tend_test_find_widget (root, is_mapped_toggle_with_label, (gpointer) "P_rune");
  g_signal_emit_by_name (widget, "clicked");
  g_assert_cmpuint (fixture->n_errors, ==, 3);
  g_assert_error (fixture->last_error, TEND_STORE_ERROR, TEND_STORE_ERROR_NOT_FOUND);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (widget)));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
    tend_test_find_widget (root, is_mapped_toggle_with_label, (gpointer) "_Undecided"))));
  g_assert_cmpint (tend_connection_get_decision (missing), ==, TEND_DECISION_UNDECIDED);

  /* A tag: the object keeps its tags, the entry keeps what was typed. */
  entry = tend_test_find_widget (root, is_mapped_tag_entry, NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Partner");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (fixture->n_errors, ==, 4);
  g_assert_null (tend_connection_get_tags (missing)[0]);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Partner");

  /* Removed from the list: the pane lets go of it. */
  g_list_store_remove (model, 1);
  g_assert_cmpstr (tend_connection_detail_get_page (fixture->detail), ==, "none");
  g_assert_null (tend_connection_detail_get_connection (fixture->detail));

  tend_connection_detail_set_selection (fixture->detail, fixture->selection);
}

/* What the owner sees, as pictures to look at. */
static void
test_detail_render (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(TendConnection) connection = NULL;
  GtkWidget *scroller;
  GtkWidget *content;
  guint position;

  connection = pick_lively (fixture, &position);
  tend_connection_set_tags (connection, (const char *[]) { "Customer", "Regular", NULL });
  tend_connection_set_note (connection, "Orders the sourdough every Friday; ask about the wedding cake.");
  gtk_window_set_focus (fixture->window, NULL);
  select_one (fixture, position);
  settle (fixture);

  /* The whole single page, as it scrolls, at the width of the pane. */
  scroller = tend_test_find_widget (GTK_WIDGET (fixture->detail), is_mapped_scroller, NULL);
  g_assert_nonnull (scroller);
  content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
  if (GTK_IS_VIEWPORT (content))
    content = gtk_viewport_get_child (GTK_VIEWPORT (content));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->detail)), ==, PANE_WIDTH);
  g_object_unref (tend_test_render_to_png (content, "connection-detail.png", &PANE_BACKGROUND));

  select_all_of (fixture->selection, 0, 12);
  settle (fixture);
  g_object_unref (tend_test_render_to_png (GTK_WIDGET (fixture->detail), "connection-detail-multiple.png",
                                           &PANE_BACKGROUND));

  gtk_selection_model_unselect_all (fixture->selection);
  settle (fixture);
  g_object_unref (tend_test_render_to_png (GTK_WIDGET (fixture->detail), "connection-detail-none.png",
                                           &PANE_BACKGROUND));
}

int
main (int   argc,
      char *argv[])
{
  tend_test_init_display (&argc, &argv);

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("/connection-detail/none", test_detail_none);
  ADD_TEST ("/connection-detail/single", test_detail_single);
  ADD_TEST ("/connection-detail/markup", test_detail_markup);
  ADD_TEST ("/connection-detail/tags", test_detail_tags);
  ADD_TEST ("/connection-detail/decision-and-note", test_detail_decision_and_note);
  ADD_TEST ("/connection-detail/multiple", test_detail_multiple);
  ADD_TEST ("/connection-detail/errors", test_detail_errors);
  ADD_TEST ("/connection-detail/render", test_detail_render);

#undef ADD_TEST

  return g_test_run ();
}
