/* test-connection-list.c: the connections list sorts, filters and shows text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-connection-list"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tend-connection-filter.h"
#include "tend-connection-list.h"
#include "tend-text.h"
#include "tend-connection-sorter.h"
#include "tend-reciprocity.h"
#include "tend-sample-generator.h"
#include "tend-store.h"
#include "tend-test-utils.h"

/* 12 March 2025, noon UTC: the sample's histories end here. */
#define NOW G_GINT64_CONSTANT (1741780800)
#define SEED 20250312

#define BOLD_NAME "<b>Bold</b> & Co"

typedef gboolean (*RowMatchFunc) (TendConnection *connection,
                                  gpointer        data);


/* {{{ Helpers */

/* The same sample every time, in the test's own data folder. */
static GListModel *
load_connections (void)
{
  g_autoptr(TendStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  GListModel *connections;
  TendReciprocityParams params;
  TendSampleOptions options;

  dir = g_build_filename (g_get_user_data_dir (), "list", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  path = tend_store_build_path (dir);

  store = tend_store_open (path, &error);
  g_assert_no_error (error);

  tend_sample_options_init_default (&options);
  options.seed = SEED;
  options.now = NOW;
  g_assert_true (tend_sample_generate (store, &options, NULL, &error));
  g_assert_no_error (error);

  connections = tend_store_list_connections (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (connections), >, 100);

  tend_reciprocity_params_init_default (&params);
  g_assert_true (tend_reciprocity_apply (store, connections, &params, NOW, &error));
  g_assert_no_error (error);

  return connections;
}

static TendConnectionList *
show_list (GListModel  *connections,
           GtkWindow  **window_out)
{
  GtkWindow *window;
  GtkWidget *list;

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1280, 640);

  list = tend_connection_list_new ();
  tend_connection_list_set_model (TEND_CONNECTION_LIST (list), connections);
  gtk_window_set_child (window, list);
  gtk_window_present (window);

  while (!gtk_widget_get_mapped (list))
    tend_test_spin (10);
  tend_test_spin (50);

  *window_out = window;
  return TEND_CONNECTION_LIST (list);
}

static TendConnection *
find_connection (GListModel *connections,
                 const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (connections); i++)
    {
      g_autoptr(TendConnection) connection = g_list_model_get_item (connections, i);

      if (g_strcmp0 (tend_connection_get_name (connection), name) == 0)
        return connection;
    }

  return NULL;
}

/* }}} */
/* {{{ The documented order, computed here independently */

typedef struct {
  TendConnection *connection;
  char *name_key;
  char *source_key;
  char *tag_key;
} Row;

typedef struct {
  TendSortKey key;
  gboolean descending;
} SortSpec;

static char *
collation_key (const char *text)
{
  g_autofree char *folded = tend_text_fold (text);

  return g_utf8_collate_key (folded, -1);
}

static void
row_free (gpointer data)
{
  Row *row = data;

  g_object_unref (row->connection);
  g_free (row->name_key);
  g_free (row->source_key);
  g_free (row->tag_key);
  g_free (row);
}

static int
sign_of (double value)
{
  return (value > 0) - (value < 0);
}

/* The rule: by the column (descending reverses it), a missing balance or
 * tag last in both directions, then the name A to Z, then the id.
 */
static int
compare_rows (gconstpointer a_ptr,
              gconstpointer b_ptr,
              gpointer      user_data)
{
  const Row *a = *(const Row * const *) a_ptr;
  const Row *b = *(const Row * const *) b_ptr;
  const SortSpec *spec = user_data;
  TendConnection *ca = a->connection;
  TendConnection *cb = b->connection;
  int result = 0;

  switch (spec->key)
    {
    case TEND_SORT_KEY_NAME:
      result = strcmp (a->name_key, b->name_key);
      break;
    case TEND_SORT_KEY_SOURCE:
      result = strcmp (a->source_key, b->source_key);
      break;
    case TEND_SORT_KEY_FOLLOW_STATE:
      result = sign_of ((double) tend_connection_get_follow_state (ca) - tend_connection_get_follow_state (cb));
      break;
    case TEND_SORT_KEY_LAST_IN:
      result = sign_of ((double) tend_connection_get_last_in (ca) - tend_connection_get_last_in (cb));
      break;
    case TEND_SORT_KEY_LAST_OUT:
      result = sign_of ((double) tend_connection_get_last_out (ca) - tend_connection_get_last_out (cb));
      break;
    case TEND_SORT_KEY_IN:
      result = sign_of (tend_connection_get_in_weight (ca) - tend_connection_get_in_weight (cb));
      break;
    case TEND_SORT_KEY_OUT:
      result = sign_of (tend_connection_get_out_weight (ca) - tend_connection_get_out_weight (cb));
      break;
    case TEND_SORT_KEY_BALANCE:
      if (tend_connection_has_balance (ca) != tend_connection_has_balance (cb))
        return tend_connection_has_balance (ca) ? -1 : 1;
      if (tend_connection_has_balance (ca))
        result = sign_of (tend_connection_get_balance (ca) - tend_connection_get_balance (cb));
      break;
    case TEND_SORT_KEY_QUADRANT:
      result = sign_of ((double) tend_connection_get_quadrant (ca) - tend_connection_get_quadrant (cb));
      break;
    case TEND_SORT_KEY_SCORE:
      result = sign_of ((double) tend_connection_get_score (ca) - tend_connection_get_score (cb));
      break;
    case TEND_SORT_KEY_TAGS:
      if ((a->tag_key == NULL) != (b->tag_key == NULL))
        return a->tag_key != NULL ? -1 : 1;
      if (a->tag_key != NULL)
        result = strcmp (a->tag_key, b->tag_key);
      break;
    case TEND_SORT_KEY_DECISION:
      result = sign_of ((double) tend_connection_get_decision (ca) - tend_connection_get_decision (cb));
      break;
    default:
      g_assert_not_reached ();
    }

  if (spec->descending)
    result = -result;
  if (result == 0)
    result = strcmp (a->name_key, b->name_key);
  if (result == 0)
    result = sign_of ((double) tend_connection_get_id (ca) - tend_connection_get_id (cb));

  return result;
}

static GPtrArray *
expected_rows (GListModel   *connections,
               RowMatchFunc  match,
               gpointer      match_data,
               TendSortKey   key,
               gboolean      descending)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (row_free);
  SortSpec spec = { key, descending };

  for (guint i = 0; i < g_list_model_get_n_items (connections); i++)
    {
      TendConnection *connection = g_list_model_get_item (connections, i);
      const char *first_tag = tend_connection_get_tags (connection)[0];
      Row *row;

      if (match != NULL && !match (connection, match_data))
        {
          g_object_unref (connection);
          continue;
        }

      row = g_new0 (Row, 1);
      row->connection = connection;
      row->name_key = collation_key (tend_connection_get_name (connection));
      row->source_key = collation_key (tend_source_kind_get_label (tend_connection_get_source_kind (connection)));
      row->tag_key = first_tag != NULL ? collation_key (first_tag) : NULL;
      g_ptr_array_add (rows, row);
    }

  g_ptr_array_sort_with_data (rows, compare_rows, &spec);

  return rows;
}

/* The rows as shown equal @expected, in order; the first ones are logged. */
static void
assert_rows (TendConnectionList *list,
             GPtrArray          *expected,
             const char         *what)
{
  GListModel *shown = G_LIST_MODEL (tend_connection_list_get_selection (list));

  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, expected->len);

  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr(TendConnection) connection = g_list_model_get_item (shown, i);
      const Row *row = g_ptr_array_index (expected, i);

      if (i < 5)
        g_test_message ("%s #%u: %s", what, i, tend_connection_get_name (connection));

      if (connection != row->connection)
        g_error ("%s: row %u is “%s” (id %" G_GINT64_FORMAT "), expected “%s” (id %" G_GINT64_FORMAT ")",
                 what, i,
                 tend_connection_get_name (connection), tend_connection_get_id (connection),
                 tend_connection_get_name (row->connection), tend_connection_get_id (row->connection));
    }
}

/* }}} */
/* {{{ Sorting */

static void
test_list_sort_every_column (void)
{
  g_autoptr(GListModel) connections = load_connections ();
  TendConnectionList *list;
  GtkWindow *window;

  list = show_list (connections, &window);

  for (TendSortKey key = 0; key < TEND_N_SORT_KEYS; key++)
    {
      for (int descending = 0; descending <= 1; descending++)
        {
          g_autoptr(GPtrArray) expected = NULL;
          g_autofree char *what = g_strdup_printf ("%s %s", tend_sort_key_to_id (key),
                                                   descending ? "descending" : "ascending");
          TendConnectionSorter *sorter = tend_connection_list_get_sorter (list);

          gtk_column_view_sort_by_column (tend_connection_list_get_column_view (list),
                                          tend_connection_list_get_column (list, key),
                                          descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);

          /* The list's own sorter follows the header. */
          g_assert_cmpint (tend_connection_sorter_get_key (sorter), ==, key);
          g_assert_cmpint (tend_connection_sorter_get_descending (sorter), ==, descending);

          expected = expected_rows (connections, NULL, NULL, key, descending);
          assert_rows (list, expected, what);
        }
    }

  gtk_window_destroy (window);
}

static gboolean
starts_with_letter (TendConnection *connection,
                    gpointer        data)
{
  g_autofree char *folded = tend_text_fold (tend_connection_get_name (connection));

  return g_ascii_isalpha (folded[0]);
}

/* “Émile” sorts among the E names, not after Z. */
static void
test_list_sort_accents (void)
{
  g_autoptr(GListModel) connections = load_connections ();
  GListModel *shown;
  TendConnectionList *list;
  GtkWindow *window;
  gboolean seen_emile = FALSE;
  char previous = 'a';

  list = show_list (connections, &window);
  tend_connection_list_sort_by (list, TEND_SORT_KEY_NAME, FALSE);
  shown = G_LIST_MODEL (tend_connection_list_get_selection (list));

  /* Among names in Latin letters, the first letters without accents never
   * go back, and Émile Girard is among the e's. */
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(TendConnection) connection = g_list_model_get_item (shown, i);
      g_autofree char *folded = NULL;

      if (!starts_with_letter (connection, NULL))
        continue;

      folded = tend_text_fold (tend_connection_get_name (connection));
      g_assert_cmpint (folded[0], >=, previous);
      previous = folded[0];

      if (g_strcmp0 (tend_connection_get_name (connection), "Émile Girard") == 0)
        {
          g_assert_cmpint (folded[0], ==, 'e');
          seen_emile = TRUE;
        }
    }

  g_assert_true (seen_emile);

  gtk_window_destroy (window);
}

static GtkWidget *
find_title (TendConnectionList *list,
            const char         *text)
{
  GtkWidget *title = tend_test_find_widget (GTK_WIDGET (list), tend_test_is_mapped_label_with_text, (gpointer) text);

  while (title != NULL && !tend_test_is_widget_type_named (title, (gpointer) "GtkColumnViewTitle"))
    title = gtk_widget_get_parent (title);

  return title;
}

static gboolean
is_sort_indicator (GtkWidget *widget,
                   gpointer   data)
{
  return g_strcmp0 (gtk_widget_get_css_name (widget), "sort-indicator") == 0;
}

/* "ascending", "descending" or NULL, as the header draws it. */
static const char *
sort_arrow (GtkWidget *title)
{
  GtkWidget *indicator = tend_test_find_widget (title, is_sort_indicator, NULL);

  g_assert_nonnull (indicator);
  if (gtk_widget_has_css_class (indicator, "ascending"))
    return "ascending";
  if (gtk_widget_has_css_class (indicator, "descending"))
    return "descending";

  return NULL;
}

/* The header shows the sort; every column can be sorted by.
 *
 * (A click cannot be synthesized here: the header reads the button from a
 * real event. It goes through the same column view sorter and "changed"
 * signal as gtk_column_view_sort_by_column ().)
 */
static void
test_list_sort_headers (void)
{
  g_autoptr(GListModel) connections = load_connections ();
  static const char * const titles[] = {
    "Name", "Source", "Follow State", "Last In", "Last Out", "In", "Out",
    "Balance", "Quadrant", "Score", "Tags", "Decision",
  };
  TendConnectionList *list;
  GtkWindow *window;

  G_STATIC_ASSERT (G_N_ELEMENTS (titles) == TEND_N_SORT_KEYS);

  list = show_list (connections, &window);

  for (TendSortKey key = 0; key < TEND_N_SORT_KEYS; key++)
    {
      GtkColumnViewColumn *column = tend_connection_list_get_column (list, key);

      g_assert_cmpstr (gtk_column_view_column_get_title (column), ==, titles[key]);
      g_assert_true (gtk_column_view_column_get_resizable (column));
      g_assert_nonnull (gtk_column_view_column_get_sorter (column));
      g_assert_nonnull (gtk_column_view_column_get_factory (column));
      g_assert_cmpint (gtk_column_view_column_get_expand (column), ==, key == TEND_SORT_KEY_NAME);
    }

  tend_connection_list_sort_by (list, TEND_SORT_KEY_SCORE, TRUE);
  tend_test_spin (50);
  g_assert_cmpstr (sort_arrow (find_title (list, "Score")), ==, "descending");
  g_assert_null (sort_arrow (find_title (list, "Name")));

  tend_connection_list_sort_by (list, TEND_SORT_KEY_NAME, FALSE);
  tend_test_spin (50);
  g_assert_cmpstr (sort_arrow (find_title (list, "Name")), ==, "ascending");
  g_assert_null (sort_arrow (find_title (list, "Score")));

  gtk_window_destroy (window);
}

static void
test_list_sort_persistence (void)
{
  g_autoptr(GListModel) connections = load_connections ();
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  g_autoptr(GPtrArray) expected = NULL;
  g_autofree char *column = NULL;
  TendConnectionList *list;
  GtkWindow *window;

  list = show_list (connections, &window);
  tend_connection_list_sort_by (list, TEND_SORT_KEY_SCORE, TRUE);
  column = g_settings_get_string (settings, "connections-sort-column");
  g_assert_cmpstr (column, ==, "score");
  g_clear_pointer (&column, g_free);
  g_assert_true (g_settings_get_boolean (settings, "connections-sort-descending"));

  tend_connection_list_sort_by (list, TEND_SORT_KEY_LAST_IN, FALSE);
  column = g_settings_get_string (settings, "connections-sort-column");
  g_assert_cmpstr (column, ==, "last-in");
  g_assert_false (g_settings_get_boolean (settings, "connections-sort-descending"));

  tend_connection_list_sort_by (list, TEND_SORT_KEY_BALANCE, TRUE);
  gtk_window_destroy (window);

  /* A new list opens sorted as the last one was left. */
  list = show_list (connections, &window);
  g_assert_cmpint (tend_connection_sorter_get_key (tend_connection_list_get_sorter (list)), ==,
                   TEND_SORT_KEY_BALANCE);
  g_assert_true (tend_connection_sorter_get_descending (tend_connection_list_get_sorter (list)));
  expected = expected_rows (connections, NULL, NULL, TEND_SORT_KEY_BALANCE, TRUE);
  assert_rows (list, expected, "restored balance descending");
  gtk_window_destroy (window);

  /* An unknown column falls back to the name. */
  g_settings_set_string (settings, "connections-sort-column", "shoe-size");
  list = show_list (connections, &window);
  g_assert_cmpint (tend_connection_sorter_get_key (tend_connection_list_get_sorter (list)), ==,
                   TEND_SORT_KEY_NAME);
  g_assert_false (tend_connection_sorter_get_descending (tend_connection_list_get_sorter (list)));
  gtk_window_destroy (window);

  g_settings_reset (settings, "connections-sort-column");
  g_settings_reset (settings, "connections-sort-descending");
}

static void
test_list_sort_keys (void)
{
  TendSortKey key;

  for (key = 0; key < TEND_N_SORT_KEYS; key++)
    {
      TendSortKey back;

      g_assert_true (tend_sort_key_from_id (tend_sort_key_to_id (key), &back));
      g_assert_cmpint (back, ==, key);
    }

  g_assert_cmpstr (tend_sort_key_to_id (TEND_SORT_KEY_FOLLOW_STATE), ==, "follow-state");
  g_assert_cmpstr (tend_sort_key_to_id (TEND_SORT_KEY_LAST_OUT), ==, "last-out");
  g_assert_false (tend_sort_key_from_id ("Name", &key));
  g_assert_false (tend_sort_key_from_id (NULL, &key));
}

/* }}} */
/* {{{ Filtering */

typedef struct {
  const char *needle;   /* folded */
  gint64 source_id;
  guint quadrants;
  const char *tag;
  int decision;
} Criteria;

/* Case and accents dropped the plain way: decompose, drop the marks. */
static char *
plain (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text != NULL ? text : "", -1);
  g_autofree char *decomposed = g_utf8_normalize (lower, -1, G_NORMALIZE_DEFAULT);
  GString *out = g_string_new (NULL);

  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) != G_UNICODE_NON_SPACING_MARK)
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static gboolean
field_contains (const char *field,
                const char *needle)
{
  g_autofree char *haystack = plain (field);

  return strstr (haystack, needle) != NULL;
}

static gboolean
matches_criteria (TendConnection *connection,
                  gpointer        data)
{
  const Criteria *criteria = data;

  if (criteria->source_id != 0 && tend_connection_get_source_id (connection) != criteria->source_id)
    return FALSE;
  if (criteria->quadrants != 0 &&
      (criteria->quadrants & (1u << tend_connection_get_quadrant (connection))) == 0)
    return FALSE;
  if (criteria->tag != NULL && !tend_connection_has_tag (connection, criteria->tag))
    return FALSE;
  if (criteria->decision >= 0 && (int) tend_connection_get_decision (connection) != criteria->decision)
    return FALSE;
  if (criteria->needle != NULL &&
      !field_contains (tend_connection_get_name (connection), criteria->needle) &&
      !field_contains (tend_connection_get_handle (connection), criteria->needle) &&
      !field_contains (tend_connection_get_note (connection), criteria->needle))
    return FALSE;

  return TRUE;
}

static void
apply_criteria (TendConnectionFilter *filter,
                const Criteria       *criteria,
                const char           *search_text)
{
  tend_connection_filter_set_search_text (filter, search_text);
  tend_connection_filter_set_source_id (filter, criteria->source_id);
  tend_connection_filter_set_quadrants (filter, criteria->quadrants);
  tend_connection_filter_set_tag (filter, criteria->tag);
  tend_connection_filter_set_decision (filter, criteria->decision);
}

static guint
check_criteria (TendConnectionList *list,
                GListModel         *connections,
                const Criteria     *criteria,
                const char         *search_text)
{
  g_autoptr(GPtrArray) expected = NULL;
  TendConnectionSorter *sorter = tend_connection_list_get_sorter (list);

  apply_criteria (tend_connection_list_get_filter (list), criteria, search_text);

  expected = expected_rows (connections, matches_criteria, (gpointer) criteria,
                            tend_connection_sorter_get_key (sorter),
                            tend_connection_sorter_get_descending (sorter));
  assert_rows (list, expected, search_text != NULL ? search_text : "filtered");

  return expected->len;
}

static void
record_change_cb (GtkFilter       *filter,
                  GtkFilterChange  change,
                  GtkFilterChange *last)
{
  *last = change;
}

static void
test_list_filter (void)
{
  g_autoptr(GListModel) connections = load_connections ();
  TendConnection *emile = find_connection (connections, "Émile Girard");
  TendConnection *helene = find_connection (connections, "Hélène Dupré");
  TendConnectionFilter *filter;
  TendConnectionList *list;
  GtkFilterChange last_change = -1;
  GtkWindow *window;
  gint64 source_id;
  guint n, n_source, n_quadrants;

  g_assert_nonnull (emile);
  g_assert_nonnull (helene);
  source_id = tend_connection_get_source_id (helene);

  list = show_list (connections, &window);
  filter = tend_connection_list_get_filter (list);
  g_signal_connect (filter, "changed", G_CALLBACK (record_change_cb), &last_change);
  tend_connection_list_sort_by (list, TEND_SORT_KEY_SCORE, TRUE);
  g_assert_true (tend_connection_filter_is_empty (filter));

  /* Typed without the accent, in capitals, or with it. */
  n = check_criteria (list, connections, &(Criteria) { "emile", 0, 0, NULL, -1 }, "emile");
  g_assert_cmpuint (n, >=, 1);
  g_assert_false (tend_connection_filter_is_empty (filter));
  g_assert_cmpuint (check_criteria (list, connections, &(Criteria) { "emile", 0, 0, NULL, -1 }, "ÉMILE"), ==, n);
  g_assert_cmpuint (check_criteria (list, connections, &(Criteria) { "emile", 0, 0, NULL, -1 }, "  Emile "), ==, n);
  g_assert_cmpuint (check_criteria (list, connections, &(Criteria) { "helene dupre", 0, 0, NULL, -1 }, "helene dupre"), >=, 1);

  /* The handle and the note match too. */
  g_assert_nonnull (tend_connection_get_handle (emile));
  {
    g_autofree char *handle = plain (tend_connection_get_handle (emile));

    g_assert_cmpuint (check_criteria (list, connections, &(Criteria) { handle, 0, 0, NULL, -1 }, handle), >=, 1);
  }
  g_assert_nonnull (tend_connection_get_note (helene));
  g_assert_cmpuint (check_criteria (list, connections, &(Criteria) { "our flour", 0, 0, NULL, -1 }, "Our Flour"), >=, 1);

  /* Typing on narrows, deleting widens, anything else is different. */
  tend_connection_filter_set_search_text (filter, "an");
  tend_connection_filter_set_search_text (filter, "ann");
  g_assert_cmpint (last_change, ==, GTK_FILTER_CHANGE_MORE_STRICT);
  tend_connection_filter_set_search_text (filter, "an");
  g_assert_cmpint (last_change, ==, GTK_FILTER_CHANGE_LESS_STRICT);
  tend_connection_filter_set_search_text (filter, "bo");
  g_assert_cmpint (last_change, ==, GTK_FILTER_CHANGE_DIFFERENT);
  tend_connection_filter_set_search_text (filter, NULL);
  g_assert_cmpint (last_change, ==, GTK_FILTER_CHANGE_LESS_STRICT);

  /* One source. */
  n_source = check_criteria (list, connections, &(Criteria) { NULL, source_id, 0, NULL, -1 }, NULL);
  g_assert_cmpuint (n_source, >, 0);
  g_assert_cmpuint (n_source, <, g_list_model_get_n_items (connections));
  g_assert_cmpint (last_change, ==, GTK_FILTER_CHANGE_MORE_STRICT);

  /* Two quadrants, with and without the source. */
  n_quadrants = check_criteria (list, connections,
                                &(Criteria) { NULL, 0, (1u << TEND_QUADRANT_SOLID) | (1u << TEND_QUADRANT_THEY_INVEST), NULL, -1 },
                                NULL);
  g_assert_cmpuint (n_quadrants, >, 0);
  check_criteria (list, connections, &(Criteria) { NULL, 0, 1u << TEND_QUADRANT_SOLID, NULL, -1 }, NULL);
  g_assert_cmpint (last_change, ==, GTK_FILTER_CHANGE_MORE_STRICT);
  check_criteria (list, connections, &(Criteria) { NULL, 0, 1u << TEND_QUADRANT_DORMANT, NULL, -1 }, NULL);
  g_assert_cmpint (last_change, ==, GTK_FILTER_CHANGE_DIFFERENT);
  check_criteria (list, connections,
                  &(Criteria) { NULL, source_id, (1u << TEND_QUADRANT_SOLID) | (1u << TEND_QUADRANT_THEY_INVEST), NULL, -1 },
                  NULL);

  /* A tag, a decision, and everything at once. */
  g_assert_cmpuint (check_criteria (list, connections, &(Criteria) { NULL, 0, 0, "Friend", -1 }, NULL), >, 0);
  g_assert_cmpuint (check_criteria (list, connections, &(Criteria) { NULL, 0, 0, NULL, TEND_DECISION_KEEP }, NULL), >, 0);
  g_assert_cmpuint (check_criteria (list, connections, &(Criteria) { NULL, 0, 0, "Supplier", TEND_DECISION_KEEP }, NULL), >, 0);
  g_assert_cmpuint (check_criteria (list, connections,
                                    &(Criteria) { "dupre", source_id, 1u << tend_connection_get_quadrant (helene),
                                                  "Supplier", tend_connection_get_decision (helene) },
                                    "Dupré"), >=, 1);

  /* Cleared, everything shows again. */
  g_assert_cmpuint (check_criteria (list, connections, &(Criteria) { NULL, 0, 0, NULL, -1 }, NULL), ==,
                    g_list_model_get_n_items (connections));
  g_assert_true (tend_connection_filter_is_empty (filter));

  gtk_window_destroy (window);
}

/* An edit to the name, handle or note is found by the next search. */
static void
test_list_filter_edit (void)
{
  g_autoptr(GListModel) connections = load_connections ();
  TendConnection *emile = find_connection (connections, "Émile Girard");
  TendConnectionFilter *filter = tend_connection_filter_new ();

  tend_connection_filter_set_search_text (filter, "GIRARD");
  g_assert_true (gtk_filter_match (GTK_FILTER (filter), emile));

  tend_connection_set_name (emile, "Zed Ørsted");
  tend_connection_set_handle (emile, "zed");
  tend_connection_set_note (emile, NULL);
  g_assert_false (gtk_filter_match (GTK_FILTER (filter), emile));
  tend_connection_filter_set_search_text (filter, "@zed");
  g_assert_false (gtk_filter_match (GTK_FILTER (filter), emile));
  tend_connection_filter_set_search_text (filter, "zed");
  g_assert_true (gtk_filter_match (GTK_FILTER (filter), emile));
  tend_connection_filter_set_search_text (filter, "orsted");
  g_assert_true (gtk_filter_match (GTK_FILTER (filter), emile));

  tend_connection_set_note (emile, "Straße und Œuvre");
  tend_connection_filter_set_search_text (filter, "strasse");
  g_assert_true (gtk_filter_match (GTK_FILTER (filter), emile));
  tend_connection_filter_set_search_text (filter, "oeuvre");
  g_assert_true (gtk_filter_match (GTK_FILTER (filter), emile));

  g_object_unref (filter);
}

static gboolean
is_status_page (GtkWidget *widget,
                gpointer   data)
{
  return ADW_IS_STATUS_PAGE (widget);
}

static void
test_list_empty_state (void)
{
  g_autoptr(GListModel) connections = load_connections ();
  g_autoptr(GListStore) nothing = g_list_store_new (TEND_TYPE_CONNECTION);
  TendConnectionFilter *filter;
  TendConnectionList *list;
  AdwStatusPage *page;
  GtkStack *stack;
  GtkWindow *window;

  list = show_list (connections, &window);
  filter = tend_connection_list_get_filter (list);
  stack = GTK_STACK (tend_test_find_widget (GTK_WIDGET (list), tend_test_is_widget_of_type, GSIZE_TO_POINTER (GTK_TYPE_STACK)));
  page = ADW_STATUS_PAGE (tend_test_find_widget (GTK_WIDGET (list), is_status_page, NULL));
  g_assert_nonnull (stack);
  g_assert_nonnull (page);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");

  tend_connection_filter_set_search_text (filter, "xyzzy");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "No Connections Found");
  g_assert_cmpstr (adw_status_page_get_icon_name (page), ==, "edit-find-symbolic");
  g_assert_cmpstr (adw_status_page_get_description (page), ==, "No connections match “xyzzy”");
  tend_test_spin (50);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));

  /* What was typed is escaped: the description is markup. */
  tend_connection_filter_set_search_text (filter, "<i>Tom & Jerry</i>");
  g_assert_cmpstr (adw_status_page_get_description (page), ==,
                   "No connections match “&lt;i&gt;Tom &amp; Jerry&lt;/i&gt;”");
  tend_test_spin (50);
  g_assert_nonnull (tend_test_find_widget (GTK_WIDGET (page), tend_test_is_mapped_label_with_text,
                                 (gpointer) "No connections match “<i>Tom & Jerry</i>”"));

  tend_connection_filter_set_search_text (filter, NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");

  tend_connection_filter_set_tag (filter, "No Such Tag");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_description (page), ==, "No connections match these filters");

  tend_connection_filter_set_tag (filter, NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");

  /* An empty profile is not a search that found nothing. */
  tend_connection_filter_set_search_text (filter, "xyzzy");
  tend_connection_list_set_model (list, G_LIST_MODEL (nothing));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");
  tend_connection_list_set_model (list, connections);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");

  gtk_window_destroy (window);
}

/* }}} */
/* {{{ Cells */

static void
test_list_text_not_markup (void)
{
  g_autoptr(GListModel) connections = load_connections ();
  g_autoptr(TendConnection) bold = tend_connection_new (999999, 1);
  TendConnectionList *list;
  GtkWidget *label;
  GtkWindow *window;

  tend_connection_set_name (bold, BOLD_NAME);
  tend_connection_set_handle (bold, "bold");
  g_list_store_append (G_LIST_STORE (connections), bold);

  list = show_list (connections, &window);
  tend_connection_filter_set_search_text (tend_connection_list_get_filter (list), "<b>bold");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tend_connection_list_get_selection (list))), ==, 1);
  tend_test_spin (100);

  label = tend_test_find_widget (GTK_WIDGET (list), tend_test_is_mapped_label_with_text, (gpointer) BOLD_NAME);
  g_assert_nonnull (label);
  g_assert_false (gtk_label_get_use_markup (GTK_LABEL (label)));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, BOLD_NAME);

  gtk_window_destroy (window);
}

static void
test_list_cells_follow_edits (void)
{
  g_autoptr(GListModel) connections = load_connections ();
  TendConnection *emile = find_connection (connections, "Émile Girard");
  TendConnectionList *list;
  GtkWindow *window;
  const double in_w = 1.25, out_w = 3.75;

  list = show_list (connections, &window);
  tend_connection_filter_set_search_text (tend_connection_list_get_filter (list), "Émile Girard");
  tend_connection_filter_set_source_id (tend_connection_list_get_filter (list),
                                        tend_connection_get_source_id (emile));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tend_connection_list_get_selection (list))), ==, 1);
  tend_connection_set_decision (emile, TEND_DECISION_UNDECIDED);
  tend_connection_set_tags (emile, NULL);
  tend_test_spin (100);

  g_assert_nonnull (tend_test_find_widget (GTK_WIDGET (list), tend_test_is_mapped_label_with_text, (gpointer) "Undecided"));
  g_assert_null (tend_test_find_widget (GTK_WIDGET (list), tend_test_is_mapped_label_with_text, (gpointer) "Prune"));

  tend_connection_set_decision (emile, TEND_DECISION_PRUNE);
  g_assert_nonnull (tend_test_find_widget (GTK_WIDGET (list), tend_test_is_mapped_label_with_text, (gpointer) "Prune"));
  g_assert_null (tend_test_find_widget (GTK_WIDGET (list), tend_test_is_mapped_label_with_text, (gpointer) "Undecided"));

  tend_connection_set_tags (emile, (const char * const[]) { "Friend", "Neighbour", NULL });
  g_assert_nonnull (tend_test_find_widget (GTK_WIDGET (list), tend_test_is_mapped_label_with_text, (gpointer) "Friend, Neighbour"));

  tend_connection_set_name (emile, "Émile G.");
  g_assert_nonnull (tend_test_find_widget (GTK_WIDGET (list), tend_test_is_mapped_label_with_text, (gpointer) "Émile G."));

  /* Numbers: one decimal, a signed balance with a real minus, a score. */
  tend_connection_set_measures (emile, NOW - 86400, 0, in_w, out_w, TEND_QUADRANT_YOU_INVEST, 42);
  g_assert_nonnull (tend_test_find_widget (GTK_WIDGET (list), tend_test_is_mapped_label_with_text, (gpointer) "1.2"));
  g_assert_nonnull (tend_test_find_widget (GTK_WIDGET (list), tend_test_is_mapped_label_with_text, (gpointer) "3.8"));
  g_assert_nonnull (tend_test_find_widget (GTK_WIDGET (list), tend_test_is_mapped_label_with_text, (gpointer) "−0.50"));
  g_assert_nonnull (tend_test_find_widget (GTK_WIDGET (list), tend_test_is_mapped_label_with_text, (gpointer) "42"));
  g_assert_nonnull (tend_test_find_widget (GTK_WIDGET (list), tend_test_is_mapped_label_with_text, (gpointer) "You invest"));
  g_assert_nonnull (tend_test_find_widget (GTK_WIDGET (list), tend_test_is_mapped_label_with_text, (gpointer) "11 Mar 2025"));
  g_assert_nonnull (tend_test_find_widget (GTK_WIDGET (list), tend_test_is_mapped_label_with_text, (gpointer) "—"));

  {
    GtkWidget *score = tend_test_find_widget (GTK_WIDGET (list), tend_test_is_mapped_label_with_text, (gpointer) "42");

    g_assert_true (gtk_widget_has_css_class (score, "numeric"));
    g_assert_cmpfloat (gtk_label_get_xalign (GTK_LABEL (score)), ==, 1.0);
  }

  tend_connection_set_measures (emile, 0, 0, 0, 0, TEND_QUADRANT_DORMANT, 0);
  g_assert_nonnull (tend_test_find_widget (GTK_WIDGET (list), tend_test_is_mapped_label_with_text, (gpointer) "Dormant"));

  gtk_window_destroy (window);
}

static void
row_activated_cb (TendConnectionList  *list,
                  TendConnection      *connection,
                  TendConnection     **out)
{
  *out = connection;
}

static void
test_list_keyboard (void)
{
  g_autoptr(GListModel) connections = load_connections ();
  g_autoptr(TendConnection) first = NULL;
  g_autoptr(GtkBitset) selected = NULL;
  TendConnection *activated = NULL;
  GtkSelectionModel *selection;
  TendConnectionList *list;
  GtkColumnView *column_view;
  GtkWidget *list_view;
  GtkWindow *window;
  guint n;

  list = show_list (connections, &window);
  selection = tend_connection_list_get_selection (list);
  column_view = tend_connection_list_get_column_view (list);
  n = g_list_model_get_n_items (G_LIST_MODEL (selection));

  /* Named for screen readers. */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (column_view),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Connections");

  /* Enter on a row. */
  g_signal_connect (list, "row-activated", G_CALLBACK (row_activated_cb), &activated);
  g_signal_emit_by_name (column_view, "activate", 0u);
  first = g_list_model_get_item (G_LIST_MODEL (selection), 0);
  g_assert_true (activated == first);

  /* Ctrl+A, through the list's own action. */
  list_view = tend_test_find_widget (GTK_WIDGET (column_view), tend_test_is_widget_of_type, GSIZE_TO_POINTER (GTK_TYPE_LIST_VIEW));
  g_assert_nonnull (list_view);
  g_assert_true (gtk_widget_activate_action (list_view, "list.select-all", NULL));
  selected = gtk_selection_model_get_selection (selection);
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, n);

  /* Several rows at once, as Ctrl-click and Shift-click do. */
  gtk_selection_model_unselect_all (selection);
  gtk_selection_model_select_item (selection, 1, FALSE);
  gtk_selection_model_select_item (selection, 3, FALSE);
  g_assert_true (gtk_selection_model_is_selected (selection, 1));
  g_assert_true (gtk_selection_model_is_selected (selection, 3));
  g_assert_false (gtk_selection_model_is_selected (selection, 2));

  gtk_window_destroy (window);
}

/* }}} */
/* {{{ Picture */

static void
test_list_render (void)
{
  g_autoptr(GListModel) connections = load_connections ();
  g_autoptr(TendConnection) bold = tend_connection_new (999999, 1);
  TendConnectionList *list;
  GtkWindow *window;

  tend_connection_set_name (bold, BOLD_NAME " — a rather long name that has to be cut short");
  tend_connection_set_tags (bold, (const char * const[]) { "Customer", "Partner", "Supplier", NULL });
  tend_connection_set_measures (bold, NOW - 3600, NOW - 7200, 40.25, 38.5, TEND_QUADRANT_SOLID, 100);
  g_list_store_insert (G_LIST_STORE (connections), 0, bold);

  list = show_list (connections, &window);
  tend_connection_list_sort_by (list, TEND_SORT_KEY_SCORE, TRUE);
  gtk_selection_model_select_item (tend_connection_list_get_selection (list), 2, TRUE);
  tend_test_spin (300);
  g_assert_true (gtk_selection_model_is_selected (tend_connection_list_get_selection (list), 2));
  /* A new order shows its top, not the row that used to be there. */
  {
    GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (tend_test_find_widget (GTK_WIDGET (list), tend_test_is_widget_of_type,
                                                                    GSIZE_TO_POINTER (GTK_TYPE_SCROLLED_WINDOW)));

    g_assert_cmpfloat (gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (scrolled)), ==, 0);
  }
  g_object_unref (tend_test_render_to_png (GTK_WIDGET (window), "connection-list.png", NULL));

  tend_connection_filter_set_search_text (tend_connection_list_get_filter (list), "<i>nobody</i>");
  tend_test_spin (300);
  g_object_unref (tend_test_render_to_png (GTK_WIDGET (window), "connection-list-empty.png", NULL));

  gtk_window_destroy (window);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  /* The test backend keeps accessible properties where the test reads
   * them, without a bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);

  /* Dates in the cells are local: keep them the same everywhere. */
  g_setenv ("TZ", "UTC", TRUE);

  tend_test_init_display (&argc, &argv);

  g_test_add_func ("/connection-list/sort/keys", test_list_sort_keys);
  g_test_add_func ("/connection-list/sort/every-column", test_list_sort_every_column);
  g_test_add_func ("/connection-list/sort/accents", test_list_sort_accents);
  g_test_add_func ("/connection-list/sort/headers", test_list_sort_headers);
  g_test_add_func ("/connection-list/sort/persistence", test_list_sort_persistence);
  g_test_add_func ("/connection-list/filter/criteria", test_list_filter);
  g_test_add_func ("/connection-list/filter/edit", test_list_filter_edit);
  g_test_add_func ("/connection-list/empty-state", test_list_empty_state);
  g_test_add_func ("/connection-list/cells/text-not-markup", test_list_text_not_markup);
  g_test_add_func ("/connection-list/cells/follow-edits", test_list_cells_follow_edits);
  g_test_add_func ("/connection-list/keyboard", test_list_keyboard);
  g_test_add_func ("/connection-list/render", test_list_render);

  return g_test_run ();
}
