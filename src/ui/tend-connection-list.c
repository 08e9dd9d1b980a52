/* tend-connection-list.c: every connection as a sortable, filterable table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * connections → GtkFilterListModel (TendConnectionFilter)
 *             → GtkSortListModel (one TendConnectionSorter)
 *             → GtkMultiSelection → GtkColumnView
 *
 * Why one sorter rather than gtk_column_view_get_sorter (): GTK 4.8 has no
 * way to read back which column the owner sorted by, which GSettings needs,
 * and the column view's sorter adds indirect calls to each of the two
 * million comparisons of a 100,000-row sort. Measured with
 * tests/bench/bench-list.c on two cores: 47–85 ms per column with the one
 * sorter on the model, 67–115 ms through the column view's sorter, 82–126 ms
 * through it with the probing column sorters below. So the columns carry
 * sorters only to make their headers clickable; when the column view's
 * sorter changes, the list asks it to order two blank probe connections:
 * the column sorter it consults first is the sorted column, and the sign of
 * the answer the direction. The list model's own sorter is then set to
 * match.
 */
#define G_LOG_DOMAIN "tend-connection-list"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "tend-connection-list.h"

/* Rows whose search text is folded per idle pass, after a model is set. */
#define PREPARE_CHUNK 4000

struct _TendConnectionList
{
  AdwBin parent_instance;

  /* template widgets */
  GtkStack *stack;
  GtkScrolledWindow *scrolled_window;
  GtkColumnView *column_view;
  AdwStatusPage *empty_page;
  GtkColumnViewColumn *columns[TEND_N_SORT_KEYS];

  /* owned references */
  GListModel *model;
  TendConnectionFilter *filter;
  GtkFilterListModel *filter_model;
  TendConnectionSorter *sorter;
  GtkSortListModel *sort_model;
  GtkMultiSelection *selection;
  GSettings *settings;
  TendConnection *probe_a;
  TendConnection *probe_b;

  /* borrowed: the column view's sorter, and our handler on it */
  GtkSorter *column_view_sorter;
  gulong column_view_sorter_changed_id;
  gulong model_items_changed_id;

  guint prepare_id;
  guint prepare_position;

  gboolean ignore_sorter_changes;
};

G_DEFINE_FINAL_TYPE (TendConnectionList, tend_connection_list, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_MODEL,
  N_PROPS
};

enum {
  ROW_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Set while the column view's sorter is asked which column leads; the
 * list is a main-thread widget, so one is enough.
 */
static struct {
  gboolean active;
  int key;
} probe = { FALSE, -1 };

typedef char *(*FormatFunc) (TendConnection *connection);

typedef struct {
  TendSortKey key;
  const char *template_id;
  const char *notify[3];
  gboolean numeric;
  FormatFunc format;
} ColumnInfo;

static GQuark column_info_quark;

/* {{{ Cell text */

static char *
format_date (gint64 unix_time)
{
  g_autoptr(GDateTime) date = NULL;
  char *text;

  if (unix_time <= 0)
    return g_strdup ("—");

  date = g_date_time_new_from_unix_local (unix_time);
  if (date == NULL)
    return g_strdup ("—");

  /* Translators: a date in the connections list, in g_date_time_format ()
   * notation: "%-d %b %Y" reads "12 Mar 2025". */
  /* xgettext:no-c-format */
  text = g_date_time_format (date, C_("connection list date", "%-d %b %Y"));

  /* A translation with a format GLib does not know gives nothing. */
  return text != NULL ? text : g_date_time_format (date, "%x");
}

static char *
format_source (TendConnection *connection)
{
  return g_strdup (tend_source_kind_get_label (tend_connection_get_source_kind (connection)));
}

static char *
format_follow_state (TendConnection *connection)
{
  return g_strdup (tend_follow_state_get_label (tend_connection_get_follow_state (connection)));
}

static char *
format_last_in (TendConnection *connection)
{
  return format_date (tend_connection_get_last_in (connection));
}

static char *
format_last_out (TendConnection *connection)
{
  return format_date (tend_connection_get_last_out (connection));
}

static char *
format_in (TendConnection *connection)
{
  return g_strdup_printf ("%.1f", tend_connection_get_in_weight (connection));
}

static char *
format_out (TendConnection *connection)
{
  return g_strdup_printf ("%.1f", tend_connection_get_out_weight (connection));
}

static char *
format_balance (TendConnection *connection)
{
  double balance;

  if (!tend_connection_has_balance (connection))
    return g_strdup ("—");

  /* Rounded first, so that a tiny negative reads 0.00 rather than −0.00. */
  balance = round (tend_connection_get_balance (connection) * 100.0) / 100.0;
  if (balance > 0)
    return g_strdup_printf ("+%.2f", balance);
  else if (balance < 0)
    return g_strdup_printf ("−%.2f", -balance);
  else
    return g_strdup_printf ("%.2f", 0.0);
}

static char *
format_quadrant (TendConnection *connection)
{
  return g_strdup (tend_quadrant_get_label (tend_connection_get_quadrant (connection)));
}

static char *
format_score (TendConnection *connection)
{
  return g_strdup_printf ("%u", tend_connection_get_score (connection));
}

static char *
format_tags (TendConnection *connection)
{
  return g_strjoinv (", ", (char **) tend_connection_get_tags (connection));
}

static char *
format_decision (TendConnection *connection)
{
  return g_strdup (tend_decision_get_label (tend_connection_get_decision (connection)));
}

/* In TendSortKey order, which is the order of the columns. */
static const ColumnInfo column_infos[TEND_N_SORT_KEYS] = {
  { TEND_SORT_KEY_NAME,         "name_column",         { "notify::name" },                          FALSE, NULL },
  { TEND_SORT_KEY_SOURCE,       "source_column",       { "notify::source-kind" },                   FALSE, format_source },
  { TEND_SORT_KEY_FOLLOW_STATE, "follow_state_column", { "notify::follow-state" },                  FALSE, format_follow_state },
  { TEND_SORT_KEY_LAST_IN,      "last_in_column",      { "notify::last-in" },                       TRUE,  format_last_in },
  { TEND_SORT_KEY_LAST_OUT,     "last_out_column",     { "notify::last-out" },                      TRUE,  format_last_out },
  { TEND_SORT_KEY_IN,           "in_column",           { "notify::in-weight" },                     TRUE,  format_in },
  { TEND_SORT_KEY_OUT,          "out_column",          { "notify::out-weight" },                    TRUE,  format_out },
  { TEND_SORT_KEY_BALANCE,      "balance_column",      { "notify::balance", "notify::has-balance" }, TRUE,  format_balance },
  { TEND_SORT_KEY_QUADRANT,     "quadrant_column",     { "notify::quadrant" },                      FALSE, format_quadrant },
  { TEND_SORT_KEY_SCORE,        "score_column",        { "notify::score" },                         TRUE,  format_score },
  { TEND_SORT_KEY_TAGS,         "tags_column",         { "notify::tags" },                          FALSE, format_tags },
  { TEND_SORT_KEY_DECISION,     "decision_column",     { "notify::decision" },                      FALSE, format_decision },
};

/* }}} */
/* {{{ Cells */

static void
cell_update (GtkWidget      *cell,
             TendConnection *connection)
{
  const ColumnInfo *info = g_object_get_qdata (G_OBJECT (cell), column_info_quark);

  if (info->key == TEND_SORT_KEY_NAME)
    {
      const char *name = tend_connection_get_name (connection);
      GtkWidget *avatar = gtk_widget_get_first_child (cell);
      GtkWidget *label = gtk_widget_get_last_child (cell);

      /* Names come from other people: text, never markup. */
      adw_avatar_set_text (ADW_AVATAR (avatar), name);
      gtk_label_set_text (GTK_LABEL (label), name != NULL ? name : "");
    }
  else
    {
      g_autofree char *text = info->format (connection);

      gtk_label_set_text (GTK_LABEL (cell), text);
    }
}

static void
cell_notify_cb (TendConnection *connection,
                GParamSpec     *pspec,
                GtkWidget      *cell)
{
  cell_update (cell, connection);
}

/* A cut-short name shows whole on hover. Asked for only then: setting a
 * tooltip on every bind would query the pointer for each row. */
static gboolean
name_query_tooltip_cb (GtkLabel   *label,
                       int         x,
                       int         y,
                       gboolean    keyboard_mode,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  if (!pango_layout_is_ellipsized (gtk_label_get_layout (label)))
    return FALSE;

  gtk_tooltip_set_text (tooltip, gtk_label_get_text (label));
  return TRUE;
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               const ColumnInfo         *info)
{
  GtkWidget *label;
  GtkWidget *cell;

  label = gtk_label_new (NULL);
  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);

  if (info->numeric)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_widget_add_css_class (label, "numeric");
    }
  else
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
    }

  if (info->key == TEND_SORT_KEY_NAME)
    {
      cell = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      gtk_box_append (GTK_BOX (cell), adw_avatar_new (24, NULL, TRUE));
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_set_has_tooltip (label, TRUE);
      g_signal_connect (label, "query-tooltip", G_CALLBACK (name_query_tooltip_cb), NULL);
      gtk_box_append (GTK_BOX (cell), label);
    }
  else
    {
      cell = label;
    }

  g_object_set_qdata (G_OBJECT (cell), column_info_quark, (gpointer) info);
  gtk_list_item_set_child (list_item, cell);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              const ColumnInfo         *info)
{
  TendConnection *connection = gtk_list_item_get_item (list_item);
  GtkWidget *cell = gtk_list_item_get_child (list_item);

  cell_update (cell, connection);

  /* An edit in the detail pane shows at once. */
  for (guint i = 0; i < G_N_ELEMENTS (info->notify) && info->notify[i] != NULL; i++)
    g_signal_connect_object (connection, info->notify[i],
                             G_CALLBACK (cell_notify_cb), cell, 0);
}

static void
cell_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                const ColumnInfo         *info)
{
  TendConnection *connection = gtk_list_item_get_item (list_item);
  GtkWidget *cell = gtk_list_item_get_child (list_item);

  if (connection != NULL)
    g_signal_handlers_disconnect_by_func (connection, cell_notify_cb, cell);
}

/* }}} */
/* {{{ Sorting */

/* After a new order or a new search, the top of the list. GTK 4.8 would
 * otherwise keep following the row that was at the top, wherever it went,
 * and has no gtk_column_view_scroll_to (): the column view's inner list
 * view has the action.
 */
static void
scroll_to_top (TendConnectionList *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_VIEW (child))
        {
          if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
            gtk_widget_activate_action (child, "list.scroll-to-item", "u", 0);
          return;
        }
    }
}

/* The column sorters make the headers clickable and tell which column
 * leads; the list model sorts with self->sorter.
 */
static int
column_sort_func (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  TendConnectionSorter *sorter = user_data;

  if (probe.active && probe.key < 0)
    probe.key = tend_connection_sorter_get_key (sorter);

  return tend_connection_sorter_compare (sorter, (TendConnection *) a, (TendConnection *) b);
}

static void
save_sort (TendConnectionList *self,
           TendSortKey         key,
           gboolean            descending)
{
  g_autofree char *saved = NULL;

  if (self->settings == NULL)
    return;

  saved = g_settings_get_string (self->settings, "connections-sort-column");
  if (g_strcmp0 (saved, tend_sort_key_to_id (key)) != 0)
    g_settings_set_string (self->settings, "connections-sort-column", tend_sort_key_to_id (key));

  if (g_settings_get_boolean (self->settings, "connections-sort-descending") != descending)
    g_settings_set_boolean (self->settings, "connections-sort-descending", descending);
}

static void
column_view_sorter_changed_cb (GtkSorter          *sorter,
                               GtkSorterChange     change,
                               TendConnectionList *self)
{
  TendSortKey key = TEND_SORT_KEY_NAME;
  gboolean descending = FALSE;
  gboolean chosen;
  GtkOrdering order;

  if (self->ignore_sorter_changes)
    return;

  /* Both probes tie on every column; only their ids differ, and a
   * column sorter orders them 1 before 2 when ascending. */
  probe.active = TRUE;
  probe.key = -1;
  order = gtk_sorter_compare (sorter, self->probe_a, self->probe_b);
  probe.active = FALSE;
  chosen = probe.key >= 0;

  if (chosen)
    {
      key = probe.key;
      descending = order == GTK_ORDERING_LARGER;
    }

  g_debug ("Sorting by %s, %s", tend_sort_key_to_id (key), descending ? "descending" : "ascending");

  tend_connection_sorter_set_sort (self->sorter, key, descending);
  scroll_to_top (self);

  /* Only an owner's choice is saved, not the default of an empty header. */
  if (chosen)
    save_sort (self, key, descending);
}

/**
 * tend_connection_list_sort_by:
 * @self: a #TendConnectionList
 * @key: the column to sort by
 * @descending: whether to sort from the highest value down
 *
 * Sorts as a click on the column header would, and remembers it.
 */
void
tend_connection_list_sort_by (TendConnectionList *self,
                              TendSortKey         key,
                              gboolean            descending)
{
  g_return_if_fail (TEND_IS_CONNECTION_LIST (self));
  g_return_if_fail (key < TEND_N_SORT_KEYS);

  /* GTK 4.8 redraws the arrow of the new column only: clearing first
   * takes the old one down too. The list is not re-sorted in between. */
  self->ignore_sorter_changes = TRUE;
  gtk_column_view_sort_by_column (self->column_view, NULL, GTK_SORT_ASCENDING);
  self->ignore_sorter_changes = FALSE;

  gtk_column_view_sort_by_column (self->column_view, self->columns[key],
                                  descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
}

static void
restore_sort (TendConnectionList *self)
{
  TendSortKey key = TEND_SORT_KEY_NAME;
  gboolean descending = FALSE;

  if (self->settings != NULL)
    {
      g_autofree char *id = g_settings_get_string (self->settings, "connections-sort-column");

      if (!tend_sort_key_from_id (id, &key))
        {
          g_debug ("Unknown sort column “%s”; sorting by name", id);
          key = TEND_SORT_KEY_NAME;
        }
      else
        descending = g_settings_get_boolean (self->settings, "connections-sort-descending");
    }

  tend_connection_list_sort_by (self, key, descending);
}

/* }}} */
/* {{{ Empty state and preparation */

static void
update_empty_state (TendConnectionList *self)
{
  gboolean empty;

  empty = self->model != NULL &&
          g_list_model_get_n_items (self->model) > 0 &&
          g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) == 0;

  if (empty)
    {
      g_autofree char *search = g_strdup (tend_connection_filter_get_search_text (self->filter));
      g_autofree char *description = NULL;

      if (search != NULL)
        g_strstrip (search);

      /* The description is markup; what was typed is not. */
      if (search != NULL && search[0] != '\0')
        description = g_markup_printf_escaped (_("No connections match “%s”"), search);
      else
        description = g_markup_escape_text (_("No connections match these filters"), -1);

      adw_status_page_set_description (self->empty_page, description);
    }

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
}

static void
items_changed_cb (GListModel         *model,
                  guint               position,
                  guint               removed,
                  guint               added,
                  TendConnectionList *self)
{
  update_empty_state (self);
}

static void
filter_changed_cb (GtkFilter          *filter,
                   GtkFilterChange     change,
                   TendConnectionList *self)
{
  scroll_to_top (self);
  update_empty_state (self);
}

/* Folds every row's search text in idle time, so that the first
 * keystroke is as quick as the next ones. */
static gboolean
prepare_cb (gpointer user_data)
{
  TendConnectionList *self = user_data;
  guint n_items = g_list_model_get_n_items (self->model);

  tend_connection_filter_prepare (self->model, self->prepare_position, PREPARE_CHUNK);
  self->prepare_position += PREPARE_CHUNK;

  if (self->prepare_position < n_items)
    return G_SOURCE_CONTINUE;

  self->prepare_id = 0;
  return G_SOURCE_REMOVE;
}

/* }}} */
/* {{{ GObject */

static void
column_view_activate_cb (GtkColumnView      *column_view,
                         guint               position,
                         TendConnectionList *self)
{
  g_autoptr(TendConnection) connection = NULL;

  connection = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (connection != NULL)
    g_signal_emit (self, signals[ROW_ACTIVATED], 0, connection);
}

static void
tend_connection_list_dispose (GObject *object)
{
  TendConnectionList *self = (TendConnectionList *)object;

  g_clear_handle_id (&self->prepare_id, g_source_remove);

  if (self->column_view_sorter != NULL)
    {
      g_clear_signal_handler (&self->column_view_sorter_changed_id, self->column_view_sorter);
      self->column_view_sorter = NULL;
    }

  if (self->model != NULL)
    g_clear_signal_handler (&self->model_items_changed_id, self->model);

  /* The bin owns the stack; the template would unparent it behind its back. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TEND_TYPE_CONNECTION_LIST);

  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->sorter);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->model);
  g_clear_object (&self->settings);
  g_clear_object (&self->probe_a);
  g_clear_object (&self->probe_b);

  G_OBJECT_CLASS (tend_connection_list_parent_class)->dispose (object);
}

static void
tend_connection_list_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TendConnectionList *self = TEND_CONNECTION_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_connection_list_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  TendConnectionList *self = TEND_CONNECTION_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      tend_connection_list_set_model (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_connection_list_class_init (TendConnectionListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_connection_list_dispose;
  object_class->get_property = tend_connection_list_get_property;
  object_class->set_property = tend_connection_list_set_property;

  /* The connections to show, each a TendConnection. */
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TendConnectionList::row-activated:
   * @self: the list
   * @connection: the connection of the row
   *
   * Enter or a double click on a row.
   */
  signals[ROW_ACTIVATED] =
    g_signal_new ("row-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL,
                  g_cclosure_marshal_VOID__OBJECT,
                  G_TYPE_NONE, 1, TEND_TYPE_CONNECTION);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/tend-connection-list.ui");
  gtk_widget_class_bind_template_child (widget_class, TendConnectionList, stack);
  gtk_widget_class_bind_template_child (widget_class, TendConnectionList, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, TendConnectionList, column_view);
  gtk_widget_class_bind_template_child (widget_class, TendConnectionList, empty_page);
  for (guint i = 0; i < TEND_N_SORT_KEYS; i++)
    gtk_widget_class_bind_template_child_full (widget_class, column_infos[i].template_id, FALSE,
                                               G_STRUCT_OFFSET (TendConnectionList, columns)
                                               + i * sizeof (GtkColumnViewColumn *));
  gtk_widget_class_bind_template_callback (widget_class, column_view_activate_cb);

  column_info_quark = g_quark_from_static_string ("tend-connection-list-column");
}

static GSettings *
new_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* From the build tree without compiled schemas the sort is not kept. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, BASE_ID, TRUE);

  if (schema == NULL)
    {
      g_debug ("Schema %s is not installed; the sort order is not kept", BASE_ID);
      return NULL;
    }

  return g_settings_new (BASE_ID);
}

/* On GTK 4.8, Tab walks from row to row, so with thousands of rows the
 * keyboard could never leave the list. Tab and Shift+Tab move on to the
 * next control instead; the arrow keys still move between rows. */
static gboolean
on_key_pressed (TendConnectionList    *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  GtkDirectionType direction;
  GtkWidget *view = GTK_WIDGET (self->column_view);
  GtkRoot *root;

  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab)
    direction = (state & GDK_SHIFT_MASK) ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD;
  else if (keyval == GDK_KEY_ISO_Left_Tab)
    direction = GTK_DIR_TAB_BACKWARD;
  else
    return GDK_EVENT_PROPAGATE;

  if ((state & GDK_CONTROL_MASK) || (root = gtk_widget_get_root (view)) == NULL)
    return GDK_EVENT_PROPAGATE;

  /* A widget that cannot take the focus is stepped over as a whole. */
  gtk_widget_set_can_focus (view, FALSE);
  gtk_widget_child_focus (GTK_WIDGET (root), direction);
  gtk_widget_set_can_focus (view, TRUE);

  return GDK_EVENT_STOP;
}

static void
tend_connection_list_init (TendConnectionList *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), keys);

  for (guint i = 0; i < TEND_N_SORT_KEYS; i++)
    {
      const ColumnInfo *info = &column_infos[i];
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkCustomSorter) sorter = NULL;

      g_assert (info->key == i);

      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), (gpointer) info);
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), (gpointer) info);
      g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind_cb), (gpointer) info);
      gtk_column_view_column_set_factory (self->columns[i], factory);

      sorter = gtk_custom_sorter_new (column_sort_func,
                                      tend_connection_sorter_new (info->key),
                                      g_object_unref);
      gtk_column_view_column_set_sorter (self->columns[i], GTK_SORTER (sorter));
    }

  self->filter = tend_connection_filter_new ();
  self->filter_model = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  gtk_filter_list_model_set_incremental (self->filter_model, FALSE);

  self->sorter = tend_connection_sorter_new (TEND_SORT_KEY_NAME);
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                              g_object_ref (GTK_SORTER (self->sorter)));
  gtk_sort_list_model_set_incremental (self->sort_model, FALSE);

  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (items_changed_cb), self, 0);
  g_signal_connect_object (self->filter, "changed",
                           G_CALLBACK (filter_changed_cb), self, G_CONNECT_AFTER);

  /* Blank, so that every column ties and only the ids (1 < 2) differ. */
  self->probe_a = tend_connection_new (1, 0);
  self->probe_b = tend_connection_new (2, 0);

  self->settings = new_settings ();
  self->column_view_sorter = gtk_column_view_get_sorter (self->column_view);
  self->column_view_sorter_changed_id =
    g_signal_connect (self->column_view_sorter, "changed",
                      G_CALLBACK (column_view_sorter_changed_cb), self);
  restore_sort (self);
}

/* }}} */
/* {{{ Public API */

GtkWidget *
tend_connection_list_new (void)
{
  return g_object_new (TEND_TYPE_CONNECTION_LIST, NULL);
}

/**
 * tend_connection_list_get_model:
 * @self: a #TendConnectionList
 *
 * Returns: (transfer none) (nullable): the connections, unfiltered
 */
GListModel *
tend_connection_list_get_model (TendConnectionList *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION_LIST (self), NULL);

  return self->model;
}

/**
 * tend_connection_list_set_model:
 * @self: a #TendConnectionList
 * @connections: (nullable): a list of #TendConnection
 *
 * Shows @connections, filtered and sorted as the list is.
 */
void
tend_connection_list_set_model (TendConnectionList *self,
                                GListModel         *connections)
{
  g_return_if_fail (TEND_IS_CONNECTION_LIST (self));
  g_return_if_fail (connections == NULL || G_IS_LIST_MODEL (connections));
  g_return_if_fail (connections == NULL ||
                    g_type_is_a (g_list_model_get_item_type (connections), TEND_TYPE_CONNECTION));

  if (self->model == connections)
    return;

  g_clear_handle_id (&self->prepare_id, g_source_remove);
  if (self->model != NULL)
    g_clear_signal_handler (&self->model_items_changed_id, self->model);

  g_set_object (&self->model, connections);

  if (self->model != NULL)
    self->model_items_changed_id =
      g_signal_connect (self->model, "items-changed", G_CALLBACK (items_changed_cb), self);

  gtk_filter_list_model_set_model (self->filter_model, connections);

  if (self->model != NULL)
    {
      self->prepare_position = 0;
      self->prepare_id = g_idle_add_full (G_PRIORITY_LOW, prepare_cb, self, NULL);
      g_source_set_name_by_id (self->prepare_id, "[tend] fold search text");
    }

  update_empty_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/**
 * tend_connection_list_get_filter:
 * @self: a #TendConnectionList
 *
 * Returns: (transfer none): the filter: set its search text, source,
 *   quadrants, tag and decision
 */
TendConnectionFilter *
tend_connection_list_get_filter (TendConnectionList *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION_LIST (self), NULL);

  return self->filter;
}

/**
 * tend_connection_list_refresh:
 * @self: a #TendConnectionList
 *
 * Filters and sorts the rows again, for when many of their connections
 * changed at once outside the list (the pruning wizard decides and tags
 * them). A change made in the list itself leaves its row where it is,
 * so that it does not jump away from the pointer.
 */
void
tend_connection_list_refresh (TendConnectionList *self)
{
  g_return_if_fail (TEND_IS_CONNECTION_LIST (self));

  if (!tend_connection_filter_is_empty (self->filter))
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

/**
 * tend_connection_list_get_selection:
 * @self: a #TendConnectionList
 *
 * Returns: (transfer none): the rows as shown, filtered and sorted, and
 *   which are selected; the items are #TendConnection
 */
GtkSelectionModel *
tend_connection_list_get_selection (TendConnectionList *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION_LIST (self), NULL);

  return GTK_SELECTION_MODEL (self->selection);
}

/**
 * tend_connection_list_get_sorter:
 * @self: a #TendConnectionList
 *
 * Returns: (transfer none): the sorter the rows are in the order of; its
 *   key and direction follow the column headers
 */
TendConnectionSorter *
tend_connection_list_get_sorter (TendConnectionList *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION_LIST (self), NULL);

  return self->sorter;
}

/**
 * tend_connection_list_get_column_view:
 * @self: a #TendConnectionList
 *
 * Returns: (transfer none): the column view, for focus and keyboard
 */
GtkColumnView *
tend_connection_list_get_column_view (TendConnectionList *self)
{
  g_return_val_if_fail (TEND_IS_CONNECTION_LIST (self), NULL);

  return self->column_view;
}

/**
 * tend_connection_list_get_column:
 * @self: a #TendConnectionList
 * @key: which column
 *
 * Returns: (transfer none): the column that shows and sorts by @key
 */
GtkColumnViewColumn *
tend_connection_list_get_column (TendConnectionList *self,
                                 TendSortKey         key)
{
  g_return_val_if_fail (TEND_IS_CONNECTION_LIST (self), NULL);
  g_return_val_if_fail (key < TEND_N_SORT_KEYS, NULL);

  return self->columns[key];
}

/* }}} */
