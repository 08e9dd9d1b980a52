/* tend-summary-document.c: the relationship summary and card, as pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A document is a list of blocks (paragraphs, tables, the chart, a
 * timeline) built once from the store. Paginating measures every block
 * with real Pango layouts at the page width and places them on pages;
 * long tables continue on the next page under a repeated header. Drawing
 * a page only replays the placements, so the print preview, the printer
 * and the PDF export show the same pages.
 *
 * Every text from the store (names, tags, notes) is set with
 * pango_layout_set_text(), never parsed as markup. Layouts keep their
 * automatic direction, so a right-to-left name reads right to left, and
 * Pango's font fallback finds a font for any script.
 *
 * Units are PostScript points: Pango works at 72 dpi without hinted
 * metrics, so measuring and drawing agree on screen, paper and PDF.
 */
#define G_LOG_DOMAIN "tend-summary-document"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <langinfo.h>
#include <pango/pangocairo.h>
#include <cairo-pdf.h>

#include "tend-chart-renderer.h"
#include "tend-reciprocity.h"
#include "tend-summary-document.h"

#define HEADER_HEIGHT 30.0
#define FOOTER_HEIGHT 24.0
#define CELL_PADDING  3.0
#define PDF_MARGIN    42.0
#define CARD_INTERACTIONS 10

typedef enum {
  FONT_TITLE,
  FONT_HEADING,
  FONT_BODY,
  FONT_SMALL,
  FONT_TABLE,
  FONT_TABLE_BOLD,
  N_FONTS
} FontRole;

static const char * const font_names[N_FONTS] = {
  [FONT_TITLE]      = "Sans Bold 18",
  [FONT_HEADING]    = "Sans Bold 12",
  [FONT_BODY]       = "Sans 9.5",
  [FONT_SMALL]      = "Sans 8",
  [FONT_TABLE]      = "Sans 8",
  [FONT_TABLE_BOLD] = "Sans Bold 8",
};

typedef enum {
  BLOCK_TEXT,
  BLOCK_TABLE,
  BLOCK_CHART,
  BLOCK_TIMELINE,
} BlockKind;

typedef struct
{
  BlockKind  kind;
  double     space_before;
  double     height;          /* measured; whole blocks only */

  /* BLOCK_TEXT */
  FontRole   font;
  char      *text;

  /* BLOCK_TABLE */
  guint      n_columns;
  char     **headers;         /* NULL: no header row */
  double    *widths;          /* fractions of the page width */
  gboolean  *numeric;         /* right-aligned */
  GPtrArray *rows;            /* of GStrv */
  gboolean   bold_last_row;
  gboolean   keep_with_next;  /* headings and captions */
  double     header_height;
  GArray    *row_heights;     /* of double */

  /* BLOCK_CHART */
  TendChartData *chart;

  /* BLOCK_TIMELINE */
  GArray    *in_times;        /* of gint64 */
  GArray    *out_times;
  gint64     from;
  gint64     to;
} Block;

typedef struct
{
  Block *block;
  double y;
  guint  first_row;
  guint  end_row;
} Placement;

typedef struct
{
  guint connections;
  guint mutual;
  guint quadrants[TEND_N_QUADRANTS];
  guint kept;
  guint pruned;
} Figures;

struct _TendSummaryDocument
{
  GObject parent_instance;

  /* owned */
  TendStore    *store;
  GPtrArray    *blocks;        /* of Block */
  GPtrArray    *pages;         /* of GArray of Placement */
  PangoContext *context;
  PangoFontDescription *fonts[N_FONTS];
  char         *business_name;
  char         *date;
  char         *figures;       /* what remember() saves, summaries only */

  gboolean      card;
  double        width;
  double        height;
};

G_DEFINE_FINAL_TYPE (TendSummaryDocument, tend_summary_document, G_TYPE_OBJECT)

/* Helpers {{{ */

static void
block_free (Block *block)
{
  g_free (block->text);
  g_strfreev (block->headers);
  g_free (block->widths);
  g_free (block->numeric);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  g_clear_pointer (&block->row_heights, g_array_unref);
  g_clear_pointer (&block->chart, tend_chart_data_free);
  g_clear_pointer (&block->in_times, g_array_unref);
  g_clear_pointer (&block->out_times, g_array_unref);
  g_free (block);
}

static char *
format_date (gint64 unix_time)
{
  g_autoptr(GDateTime) date = NULL;

  if (unix_time <= 0)
    return g_strdup ("—");

  date = g_date_time_new_from_unix_local (unix_time);
  if (date == NULL)
    return g_strdup ("—");

  /* TRANSLATORS: a date in printed tables, see g_date_time_format() */
  return g_date_time_format (date, _("%-d %b %Y"));
}

static char *
format_delta (int delta)
{
  if (delta > 0)
    return g_strdup_printf ("+%d", delta);
  if (delta < 0)
    return g_strdup_printf ("−%d", -delta);
  return g_strdup ("±0");
}

static Block *
add_text (TendSummaryDocument *self,
          FontRole             font,
          double               space_before,
          const char          *text)
{
  Block *block = g_new0 (Block, 1);

  block->kind = BLOCK_TEXT;
  block->font = font;
  block->space_before = space_before;
  block->text = g_strdup (text);
  block->keep_with_next = font == FONT_HEADING || font == FONT_TITLE;
  g_ptr_array_add (self->blocks, block);

  return block;
}

static void
add_heading (TendSummaryDocument *self,
             const char          *text)
{
  add_text (self, FONT_HEADING, 14, text);
}

/* @columns: "title:fraction[:n]" per column; ":n" right-aligns numbers.
 * A %NULL title list gives a table without a header row. */
static Block *
add_table (TendSummaryDocument *self,
           gboolean             with_header,
           ...)
{
  Block *block = g_new0 (Block, 1);
  g_autoptr(GStrvBuilder) headers = g_strv_builder_new ();
  g_autoptr(GArray) widths = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) numeric = g_array_new (FALSE, FALSE, sizeof (gboolean));
  double total = 0;
  const char *title;
  va_list args;

  va_start (args, with_header);
  while ((title = va_arg (args, const char *)) != NULL)
    {
      double width = va_arg (args, double);
      gboolean is_numeric = va_arg (args, gboolean);

      g_strv_builder_add (headers, title);
      g_array_append_val (widths, width);
      g_array_append_val (numeric, is_numeric);
      total += width;
    }
  va_end (args);

  block->kind = BLOCK_TABLE;
  block->space_before = 6;
  block->n_columns = widths->len;
  block->headers = with_header ? g_strv_builder_end (headers) : NULL;
  for (guint i = 0; i < widths->len; i++)
    g_array_index (widths, double, i) /= total;
  block->widths = (double *) g_array_free (g_steal_pointer (&widths), FALSE);
  block->numeric = (gboolean *) g_array_free (g_steal_pointer (&numeric), FALSE);
  block->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_ptr_array_add (self->blocks, block);

  return block;
}

/* Takes the cells, n_columns of them. */
static void
table_add_row (Block *table,
               ...)
{
  char **row = g_new0 (char *, table->n_columns + 1);
  va_list args;

  va_start (args, table);
  for (guint i = 0; i < table->n_columns; i++)
    {
      char *cell = va_arg (args, char *);

      row[i] = cell != NULL ? cell : g_strdup ("");
    }
  va_end (args);

  g_ptr_array_add (table->rows, row);
}

static char *
join_tags (TendConnection *connection)
{
  const char * const *tags = tend_connection_get_tags (connection);

  if (tags == NULL || tags[0] == NULL)
    return g_strdup ("");

  return g_strjoinv (", ", (char **) tags);
}

static gint64
last_contact (TendConnection *connection)
{
  return MAX (tend_connection_get_last_in (connection),
              tend_connection_get_last_out (connection));
}

static gboolean
is_mutual (TendConnection *connection)
{
  TendFollowState state = tend_connection_get_follow_state (connection);

  return state == TEND_FOLLOW_STATE_MUTUAL || state == TEND_FOLLOW_STATE_FRIENDS;
}

static GListModel *
load_measured_connections (TendStore  *store,
                           gint64      now,
                           double     *threshold,
                           guint      *window_days,
                           GError    **error)
{
  g_autoptr(GListModel) connections = NULL;
  TendReciprocityParams params;

  if (!tend_reciprocity_params_load (&params, store, error))
    return NULL;

  connections = tend_store_list_connections (store, error);
  if (connections == NULL ||
      !tend_reciprocity_apply (store, connections, &params, now, error))
    return NULL;

  if (threshold != NULL)
    *threshold = params.active_threshold;
  if (window_days != NULL)
    *window_days = params.window_days;

  return g_steal_pointer (&connections);
}

static TendSummaryDocument *
document_new (TendStore  *store,
              gint64      now,
              gboolean    card,
              GError    **error)
{
  g_autoptr(TendSummaryDocument) self = g_object_new (TEND_TYPE_SUMMARY_DOCUMENT, NULL);
  g_autofree char *name = NULL;
  GError *local_error = NULL;

  name = tend_store_get_setting (store, TEND_SUMMARY_SETTING_BUSINESS_NAME, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  g_strstrip (name != NULL ? name : (name = g_strdup ("")));
  self->store = g_object_ref (store);
  self->card = card;
  self->business_name = *name != '\0' ? g_steal_pointer (&name)
                                      : g_strdup (_("Your relationships"));
  self->date = format_date (now);

  return g_steal_pointer (&self);
}

/* }}} */

/* The summary {{{ */

static void
count (Figures        *figures,
       TendConnection *connection)
{
  figures->connections++;
  if (is_mutual (connection))
    figures->mutual++;
  figures->quadrants[tend_connection_get_quadrant (connection)]++;
  if (tend_connection_get_decision (connection) == TEND_DECISION_KEEP)
    figures->kept++;
  else if (tend_connection_get_decision (connection) == TEND_DECISION_PRUNE)
    figures->pruned++;
}

static void
save_figures (GKeyFile      *key_file,
              const char    *group,
              const Figures *figures)
{
  g_key_file_set_integer (key_file, group, "connections", figures->connections);
  g_key_file_set_integer (key_file, group, "mutual", figures->mutual);
  g_key_file_set_integer (key_file, group, "kept", figures->kept);
  g_key_file_set_integer (key_file, group, "pruned", figures->pruned);
}

/* The change in connections since the last summary, or "new". */
static char *
format_change (GKeyFile      *last,
               const char    *group,
               const Figures *figures)
{
  int before;

  if (last == NULL)
    return g_strdup ("");
  if (!g_key_file_has_group (last, group))
    return g_strdup (C_("summary change", "new"));

  before = g_key_file_get_integer (last, group, "connections", NULL);
  return format_delta ((int) figures->connections - before);
}

static void
add_figures_row (Block         *table,
                 const char    *title,
                 const Figures *figures,
                 char          *change)
{
  table_add_row (table,
                 g_strdup (title),
                 g_strdup_printf ("%u", figures->connections),
                 g_strdup_printf ("%u", figures->mutual),
                 g_strdup_printf ("%u", figures->quadrants[TEND_QUADRANT_SOLID]),
                 g_strdup_printf ("%u", figures->quadrants[TEND_QUADRANT_YOU_INVEST]),
                 g_strdup_printf ("%u", figures->quadrants[TEND_QUADRANT_THEY_INVEST]),
                 g_strdup_printf ("%u", figures->quadrants[TEND_QUADRANT_DORMANT]),
                 g_strdup_printf ("%u", figures->kept),
                 g_strdup_printf ("%u", figures->pruned),
                 change);
}

static int
compare_core (gconstpointer a,
              gconstpointer b)
{
  TendConnection *x = *(TendConnection **) a;
  TendConnection *y = *(TendConnection **) b;
  guint sx = tend_connection_get_score (x);
  guint sy = tend_connection_get_score (y);

  if (sx != sy)
    return sx > sy ? -1 : 1;

  return g_strcmp0 (tend_connection_get_name_sort_key (x),
                    tend_connection_get_name_sort_key (y));
}

static int
compare_pruned (gconstpointer a,
                gconstpointer b)
{
  gint64 x = tend_connection_get_decided_at (*(TendConnection **) a);
  gint64 y = tend_connection_get_decided_at (*(TendConnection **) b);

  return x > y ? -1 : x < y ? 1 : 0;
}

/* Two sources can share an account name: say which network too. */
static char *
source_label (TendSourceKind  kind,
              const char     *title)
{
  const char *network = tend_source_kind_get_label (kind);

  if (title == NULL || *title == '\0' || g_strcmp0 (title, network) == 0)
    return g_strdup (network);

  /* TRANSLATORS: a source in printed tables: "Facebook · Rosa Martins" */
  return g_strdup_printf (_("%s · %s"), network, title);
}

static const char *
name_or_handle (TendConnection *connection)
{
  const char *name = tend_connection_get_name (connection);

  if (name == NULL || *name == '\0')
    name = tend_connection_get_handle (connection);

  return name != NULL ? name : "";
}

/* Per source, the checklist items not yet ticked: what the owner still
 * has to remove by hand on a network's website. */
static gboolean
add_checklist (TendSummaryDocument  *self,
               GListModel           *sources,
               GError              **error)
{
  g_autoptr(GPtrArray) actions = tend_store_list_actions (self->store, error);
  g_autoptr(GHashTable) pending = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint total = 0;
  Block *table;

  if (actions == NULL)
    return FALSE;

  for (guint i = 0; i < actions->len; i++)
    {
      TendActionItem *item = g_ptr_array_index (actions, i);
      guint n;

      if (item->kind != TEND_ACTION_CHECKLIST || item->state != TEND_ACTION_STATE_PENDING)
        continue;

      n = GPOINTER_TO_UINT (g_hash_table_lookup (pending, &item->person.source_id));
      g_hash_table_replace (pending, g_memdup2 (&item->person.source_id, sizeof (gint64)),
                            GUINT_TO_POINTER (n + 1));
      total++;
    }

  if (total == 0)
    return TRUE;

  add_heading (self, _("Still to Remove by Hand"));
  add_text (self, FONT_SMALL, 2,
            _("These networks offer no way for Tend to do it: open each profile on the "
              "website and remove the connection there, then tick it in Tend."))->keep_with_next = TRUE;
  table = add_table (self, TRUE,
                     _("Source"), 3.0, FALSE,
                     _("Not Yet Done"), 1.4, TRUE,
                     NULL);

  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(TendSource) source = g_list_model_get_item (sources, i);
      gint64 id = tend_source_get_id (source);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (pending, &id));

      if (n > 0)
        table_add_row (table,
                       source_label (tend_source_get_kind (source), tend_source_get_title (source)),
                       g_strdup_printf ("%u", n));
    }

  return TRUE;
}

static gboolean
build_summary (TendSummaryDocument  *self,
               gint64                now,
               GError              **error)
{
  g_autoptr(GListModel) connections = NULL;
  g_autoptr(GListModel) sources = NULL;
  g_autoptr(GHashTable) source_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) core = g_ptr_array_new ();
  g_autoptr(GPtrArray) pruned = g_ptr_array_new ();
  g_autoptr(GPtrArray) journal = NULL;
  g_autoptr(GKeyFile) last = NULL;
  g_autoptr(GKeyFile) next = g_key_file_new ();
  g_autofree char *last_text = NULL;
  g_autofree Figures *per_source = NULL;
  g_autofree char *intro = NULL;
  Figures total = { 0, };
  GError *local_error = NULL;
  gint64 last_at = 0;
  guint n_sources, n_connections, window_days;
  guint journal_decisions = 0;
  double threshold;
  Block *table;
  Block *chart;

  connections = load_measured_connections (self->store, now, &threshold, &window_days, error);
  if (connections == NULL)
    return FALSE;
  sources = tend_store_list_sources (self->store, error);
  if (sources == NULL)
    return FALSE;
  journal = tend_store_list_journal (self->store, error);
  if (journal == NULL)
    return FALSE;

  last_text = tend_store_get_setting (self->store, TEND_SUMMARY_SETTING_LAST_FIGURES, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (last_text != NULL)
    {
      last = g_key_file_new ();
      if (!g_key_file_load_from_data (last, last_text, -1, G_KEY_FILE_NONE, NULL))
        g_clear_pointer (&last, g_key_file_unref);
      else
        last_at = g_key_file_get_int64 (last, "summary", "printed-at", NULL);
    }

  n_sources = g_list_model_get_n_items (sources);
  n_connections = g_list_model_get_n_items (connections);
  per_source = g_new0 (Figures, n_sources);
  for (guint i = 0; i < n_sources; i++)
    {
      g_autoptr(TendSource) source = g_list_model_get_item (sources, i);

      g_hash_table_insert (source_index,
                           g_memdup2 (&(gint64) { tend_source_get_id (source) }, sizeof (gint64)),
                           GUINT_TO_POINTER (i + 1));
    }

  chart = g_new0 (Block, 1);
  chart->kind = BLOCK_CHART;
  chart->space_before = 6;
  chart->chart = tend_chart_data_new (threshold);
  tend_chart_data_splice (chart->chart, 0, 0, n_connections);

  for (guint i = 0; i < n_connections; i++)
    {
      g_autoptr(TendConnection) connection = g_list_model_get_item (connections, i);
      gint64 source_id = tend_connection_get_source_id (connection);
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (source_index, &source_id));

      count (&total, connection);
      if (index > 0)
        count (&per_source[index - 1], connection);

      tend_chart_data_set_dot (chart->chart, i,
                               tend_connection_get_out_weight (connection),
                               tend_connection_get_in_weight (connection));

      if (tend_connection_get_decision (connection) == TEND_DECISION_KEEP)
        g_ptr_array_add (core, g_object_ref (connection));
      else if (tend_connection_get_decision (connection) == TEND_DECISION_PRUNE)
        g_ptr_array_add (pruned, g_object_ref (connection));
    }
  tend_chart_data_changed (chart->chart);
  g_ptr_array_set_free_func (core, g_object_unref);
  g_ptr_array_set_free_func (pruned, g_object_unref);

  for (guint i = 0; i < journal->len; i++)
    {
      TendJournalEntry *entry = g_ptr_array_index (journal, i);

      if (g_strcmp0 (entry->action, "decision") == 0 && entry->at > last_at)
        journal_decisions++;
    }

  add_text (self, FONT_TITLE, 0, _("Relationship Summary"));
  {
    g_autofree char *connections = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u connection", "%u connections",
                                                                 n_connections),
                                                    n_connections);
    g_autofree char *sources = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u source", "%u sources", n_sources),
                                                n_sources);

    /* Translators: “403 connections from 10 sources, measured over the last 365 days.” */
    intro = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%s from %s, measured over the last %u day.",
                                          "%s from %s, measured over the last %u days.",
                                          window_days),
                             connections, sources, window_days);
  }
  add_text (self, FONT_BODY, 4, intro);

  /* Key figures */
  add_heading (self, _("Key Figures"));
  table = add_table (self, TRUE,
                     _("Source"), 3.0, FALSE,
                     _("Connections"), 1.35, TRUE,
                     _("Mutual"), 1.0, TRUE,
                     tend_quadrant_get_label (TEND_QUADRANT_SOLID), 1.0, TRUE,
                     tend_quadrant_get_label (TEND_QUADRANT_YOU_INVEST), 1.1, TRUE,
                     tend_quadrant_get_label (TEND_QUADRANT_THEY_INVEST), 1.1, TRUE,
                     tend_quadrant_get_label (TEND_QUADRANT_DORMANT), 1.1, TRUE,
                     _("Kept"), 0.9, TRUE,
                     _("Pruned"), 0.9, TRUE,
                     _("Change"), 1.0, TRUE,
                     NULL);
  for (guint i = 0; i < n_sources; i++)
    {
      g_autoptr(TendSource) source = g_list_model_get_item (sources, i);
      g_autofree char *group = g_strdup_printf ("source %" G_GINT64_FORMAT,
                                                tend_source_get_id (source));

      g_autofree char *label = source_label (tend_source_get_kind (source),
                                             tend_source_get_title (source));

      add_figures_row (table, label, &per_source[i],
                       format_change (last, group, &per_source[i]));
      save_figures (next, group, &per_source[i]);
    }
  add_figures_row (table, _("All sources"), &total, format_change (last, "all", &total));
  table->bold_last_row = TRUE;
  save_figures (next, "all", &total);
  g_key_file_set_int64 (next, "summary", "printed-at", now);
  self->figures = g_key_file_to_data (next, NULL, NULL);

  if (last_at > 0)
    {
      g_autofree char *date = format_date (last_at);
      g_autofree char *text = g_strdup_printf (_("“Change” counts connections gained or lost since the summary of %s."), date);

      add_text (self, FONT_SMALL, 4, text);
    }

  /* The chart */
  add_heading (self, _("Who Reciprocates"));
  add_text (self, FONT_SMALL, 2,
            _("What you give (across) against what you get (up), one dot per connection."))->keep_with_next = TRUE;
  g_ptr_array_add (self->blocks, chart);

  /* The core */
  add_heading (self, _("Your Core"));
  if (core->len == 0)
    {
      add_text (self, FONT_BODY, 4,
                _("No connection is marked Keep yet. Review your connections in Tend "
                  "and keep the ones that matter."));
    }
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u kept connection, highest score first.",
                                                            "%u kept connections, highest score first.",
                                                            core->len),
                                               core->len);

      add_text (self, FONT_BODY, 4, text)->keep_with_next = TRUE;
      g_ptr_array_sort (core, compare_core);
      table = add_table (self, TRUE,
                         "#", 0.6, TRUE,
                         _("Name"), 3.4, FALSE,
                         _("Source"), 1.8, FALSE,
                         _("Score"), 0.8, TRUE,
                         _("Tags"), 2.0, FALSE,
                         _("Last Contact"), 1.6, FALSE,
                         _("Note"), 3.4, FALSE,
                         NULL);
      for (guint i = 0; i < core->len; i++)
        {
          TendConnection *connection = g_ptr_array_index (core, i);

          table_add_row (table,
                         g_strdup_printf ("%u", i + 1),
                         g_strdup (name_or_handle (connection)),
                         g_strdup (tend_source_kind_get_label (tend_connection_get_source_kind (connection))),
                         g_strdup_printf ("%u", tend_connection_get_score (connection)),
                         join_tags (connection),
                         format_date (last_contact (connection)),
                         g_strdup (tend_connection_get_note (connection)));
        }
    }

  /* What was pruned */
  add_heading (self, _("Pruned"));
  if (pruned->len == 0)
    {
      add_text (self, FONT_BODY, 4, _("Nothing has been pruned."));
    }
  else
    {
      g_ptr_array_sort (pruned, compare_pruned);
      table = add_table (self, TRUE,
                         _("Name"), 3.4, FALSE,
                         _("Source"), 2.2, FALSE,
                         _("Pruned On"), 1.6, FALSE,
                         _("Note"), 4.0, FALSE,
                         NULL);
      for (guint i = 0; i < pruned->len; i++)
        {
          TendConnection *connection = g_ptr_array_index (pruned, i);

          table_add_row (table,
                         g_strdup (name_or_handle (connection)),
                         g_strdup (tend_source_kind_get_label (tend_connection_get_source_kind (connection))),
                         format_date (tend_connection_get_decided_at (connection)),
                         g_strdup (tend_connection_get_note (connection)));
        }
    }

  if (!add_checklist (self, sources, error))
    return FALSE;

  /* The closing line */
  add_heading (self, _("What Changed"));
  if (last == NULL)
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf (_("This is your first summary: %u connections, %u kept and %u pruned. "
                                "The next one will show what changed since today."),
                              total.connections, total.kept, total.pruned);
      add_text (self, FONT_BODY, 4, text);
    }
  else
    {
      g_autofree char *date = format_date (last_at);
      g_autofree char *connections_delta = NULL;
      g_autofree char *kept_delta = NULL;
      g_autofree char *pruned_delta = NULL;
      g_autofree char *text = NULL;
      int before_connections = g_key_file_get_integer (last, "all", "connections", NULL);
      int before_kept = g_key_file_get_integer (last, "all", "kept", NULL);
      int before_pruned = g_key_file_get_integer (last, "all", "pruned", NULL);

      connections_delta = format_delta ((int) total.connections - before_connections);
      kept_delta = format_delta ((int) total.kept - before_kept);
      pruned_delta = format_delta ((int) total.pruned - before_pruned);
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Since the summary of %s: %s connections, %s kept, "
                                           "%s pruned, with %u decision recorded in the journal.",
                                           "Since the summary of %s: %s connections, %s kept, "
                                           "%s pruned, with %u decisions recorded in the journal.",
                                           journal_decisions),
                              date, connections_delta, kept_delta, pruned_delta,
                              journal_decisions);
      add_text (self, FONT_BODY, 4, text);
    }

  return TRUE;
}

/* }}} */

/* The card {{{ */

static GArray *
load_times (TendSummaryDocument  *self,
            TendConnection       *connection,
            TendDirection         direction,
            GArray               *recent,
            GError              **error)
{
  g_autoptr(GArray) interactions = NULL;
  GArray *times = g_array_new (FALSE, FALSE, sizeof (gint64));

  interactions = tend_store_list_recent_interactions (self->store,
                                                      tend_connection_get_id (connection),
                                                      direction, 1000, error);
  if (interactions == NULL)
    {
      g_array_unref (times);
      return NULL;
    }

  for (guint i = 0; i < interactions->len; i++)
    {
      const TendInteraction *interaction = &g_array_index (interactions, TendInteraction, i);

      g_array_append_val (times, interaction->occurred_at);
      if (i < CARD_INTERACTIONS)
        {
          TendInteraction copy = *interaction;

          copy.direction = direction;
          g_array_append_val (recent, copy);
        }
    }

  return times;
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  gint64 x = ((const TendInteraction *) a)->occurred_at;
  gint64 y = ((const TendInteraction *) b)->occurred_at;

  return x > y ? -1 : x < y ? 1 : 0;
}

static void
add_identity_row (Block      *table,
                  const char *label,
                  char       *value)
{
  if (value == NULL || *value == '\0')
    {
      g_free (value);
      return;
    }

  table_add_row (table, g_strdup (label), value);
}

static gboolean
build_card (TendSummaryDocument  *self,
            TendConnection       *connection,
            gint64                now,
            GError              **error)
{
  g_autofree char *explanation = NULL;
  g_autofree char *tags = join_tags (connection);
  g_autofree char *decision = NULL;
  g_autoptr(GArray) recent = g_array_new (FALSE, FALSE, sizeof (TendInteraction));
  guint window_days = 365;
  TendReciprocityParams params;
  Block *table;
  Block *timeline;
  Block *history;
  const char *note;

  if (!tend_reciprocity_params_load (&params, self->store, error))
    return FALSE;
  window_days = params.window_days;

  add_text (self, FONT_TITLE, 0, name_or_handle (connection));
  add_text (self, FONT_BODY, 2, _("Relationship Card"));

  add_heading (self, _("Identity"));
  table = add_table (self, FALSE, "", 1.0, FALSE, "", 3.0, FALSE, NULL);
  add_identity_row (table, _("Source"),
                    source_label (tend_connection_get_source_kind (connection),
                                  tend_connection_get_source_title (connection)));
  add_identity_row (table, _("Handle"), g_strdup (tend_connection_get_handle (connection)));
  add_identity_row (table, _("Profile"), g_strdup (tend_connection_get_profile_url (connection)));
  add_identity_row (table, _("Follow State"),
                    g_strdup (tend_follow_state_get_label (tend_connection_get_follow_state (connection))));
  if (tend_connection_get_connected_since (connection) > 0)
    add_identity_row (table, _("Connected Since"),
                      format_date (tend_connection_get_connected_since (connection)));
  add_identity_row (table, _("Quadrant"),
                    g_strdup (tend_quadrant_get_label (tend_connection_get_quadrant (connection))));
  add_identity_row (table, _("Score"),
                    g_strdup_printf ("%u", tend_connection_get_score (connection)));

  add_heading (self, _("Interactions"));
  {
    g_autofree char *text = g_strdup_printf (_("The last %u days: what they sent you above the line, "
                                               "what you sent them below."),
                                             window_days);
    add_text (self, FONT_SMALL, 2, text)->keep_with_next = TRUE;
  }
  timeline = g_new0 (Block, 1);
  timeline->kind = BLOCK_TIMELINE;
  timeline->space_before = 4;
  timeline->from = now - (gint64) window_days * 24 * 3600;
  timeline->to = now;
  g_ptr_array_add (self->blocks, timeline);

  history = add_table (self, TRUE,
                       _("Direction"), 1.0, FALSE,
                       _("Date"), 1.0, FALSE,
                       _("Kind"), 1.5, FALSE,
                       NULL);
  timeline->in_times = load_times (self, connection, TEND_DIRECTION_IN, recent, error);
  if (timeline->in_times == NULL)
    return FALSE;
  timeline->out_times = load_times (self, connection, TEND_DIRECTION_OUT, recent, error);
  if (timeline->out_times == NULL)
    return FALSE;

  /* Both directions in one list, newest first. */
  g_array_sort (recent, compare_newest_first);
  for (guint i = 0; i < recent->len && i < CARD_INTERACTIONS; i++)
    {
      const TendInteraction *interaction = &g_array_index (recent, TendInteraction, i);

      table_add_row (history,
                     g_strdup (interaction->direction == TEND_DIRECTION_IN ? _("They → you")
                                                                           : _("You → them")),
                     format_date (interaction->occurred_at),
                     g_strdup (tend_interaction_kind_get_label (interaction->kind)));
    }
  if (history->rows->len == 0)
    {
      g_ptr_array_remove (self->blocks, history);
      add_text (self, FONT_BODY, 4, _("No interactions in either direction."));
    }

  explanation = tend_reciprocity_explain (connection, now);
  if (explanation != NULL)
    add_text (self, FONT_SMALL, 6, explanation);

  add_heading (self, _("Tags"));
  add_text (self, FONT_BODY, 4, *tags != '\0' ? tags : _("No tags"));

  add_heading (self, _("Decision"));
  if (tend_connection_get_decision (connection) != TEND_DECISION_UNDECIDED &&
      tend_connection_get_decided_at (connection) > 0)
    {
      g_autofree char *date = format_date (tend_connection_get_decided_at (connection));

      /* TRANSLATORS: "Keep, since 3 May 2025" */
      decision = g_strdup_printf (_("%s, since %s"),
                                  tend_decision_get_label (tend_connection_get_decision (connection)),
                                  date);
    }
  else
    {
      decision = g_strdup (tend_decision_get_label (tend_connection_get_decision (connection)));
    }
  add_text (self, FONT_BODY, 4, decision);

  note = tend_connection_get_note (connection);
  add_heading (self, _("Note"));
  add_text (self, FONT_BODY, 4, note != NULL && *note != '\0' ? note : _("No note"));

  return TRUE;
}

/* }}} */

/* Layout {{{ */

static PangoLayout *
make_layout (TendSummaryDocument *self,
             FontRole             font,
             const char          *text,
             double               width)
{
  PangoLayout *layout = pango_layout_new (self->context);

  pango_layout_set_font_description (layout, self->fonts[font]);
  pango_layout_set_auto_dir (layout, TRUE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, pango_units_from_double (MAX (width, 1)));
  pango_layout_set_text (layout, text != NULL ? text : "", -1);

  return layout;
}

static PangoLayout *
make_cell_layout (TendSummaryDocument *self,
                  Block               *table,
                  guint                column,
                  const char          *text,
                  gboolean             bold)
{
  double width = table->widths[column] * self->width - 2 * CELL_PADDING;
  PangoLayout *layout = make_layout (self, bold ? FONT_TABLE_BOLD : FONT_TABLE, text, width);

  /* Notes can be long: three lines at most. */
  pango_layout_set_height (layout, -3);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  if (table->numeric[column])
    pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);

  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return pango_units_to_double (height);
}

static double
measure_row (TendSummaryDocument  *self,
             Block                *table,
             const char * const   *cells,
             gboolean              bold)
{
  double height = 0;

  for (guint i = 0; i < table->n_columns; i++)
    {
      g_autoptr(PangoLayout) layout = make_cell_layout (self, table, i, cells[i], bold);

      height = MAX (height, layout_height (layout));
    }

  return height + 2 * CELL_PADDING;
}

static void
measure (TendSummaryDocument *self,
         Block               *block)
{
  switch (block->kind)
    {
    case BLOCK_TEXT:
      {
        g_autoptr(PangoLayout) layout = make_layout (self, block->font, block->text, self->width);

        block->height = layout_height (layout);
      }
      break;

    case BLOCK_TABLE:
      g_clear_pointer (&block->row_heights, g_array_unref);
      block->row_heights = g_array_sized_new (FALSE, FALSE, sizeof (double), block->rows->len);
      block->header_height = block->headers != NULL
        ? measure_row (self, block, (const char * const *) block->headers, TRUE)
        : 0;
      for (guint i = 0; i < block->rows->len; i++)
        {
          gboolean bold = block->bold_last_row && i + 1 == block->rows->len;
          double height = measure_row (self, block, g_ptr_array_index (block->rows, i), bold);

          g_array_append_val (block->row_heights, height);
        }
      break;

    case BLOCK_CHART:
      block->height = MIN (self->width * 0.6, (self->height - HEADER_HEIGHT - FOOTER_HEIGHT) * 0.45);
      break;

    case BLOCK_TIMELINE:
      block->height = 64;
      break;

    default:
      g_assert_not_reached ();
    }
}

/* The least of @index that must go on one page, with what it is kept with. */
static double
min_height (TendSummaryDocument *self,
            guint                index)
{
  Block *block = g_ptr_array_index (self->blocks, index);
  double height;

  if (block->kind == BLOCK_TABLE)
    height = block->header_height +
             (block->rows->len > 0 ? g_array_index (block->row_heights, double, 0) : 0);
  else
    height = block->height;

  if (block->keep_with_next && index + 1 < self->blocks->len)
    {
      Block *next = g_ptr_array_index (self->blocks, index + 1);

      height += next->space_before + min_height (self, index + 1);
    }

  return height;
}

static GArray *
new_page (TendSummaryDocument *self)
{
  GArray *page = g_array_new (FALSE, FALSE, sizeof (Placement));

  g_ptr_array_add (self->pages, page);
  return page;
}

static void
configure_context (TendSummaryDocument *self,
                   cairo_t             *cr)
{
  cairo_font_options_t *options;

  if (self->context == NULL)
    self->context = pango_cairo_create_context (cr);
  else
    pango_cairo_update_context (cr, self->context);

  /* Unhinted metrics at 72 dpi: a point is a unit, on any surface. */
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  pango_cairo_context_set_resolution (self->context, 72);
  cairo_font_options_destroy (options);
}

/**
 * tend_summary_document_paginate:
 * @cr: the context the pages will be drawn on
 * @width: the printable width, in points
 * @height: the printable height, in points
 *
 * Measures every block at this size and splits the document into pages.
 */
void
tend_summary_document_paginate (TendSummaryDocument *self,
                                cairo_t             *cr,
                                double               width,
                                double               height)
{
  double top = HEADER_HEIGHT;
  double bottom;
  double y;
  GArray *page;

  g_return_if_fail (TEND_IS_SUMMARY_DOCUMENT (self));
  g_return_if_fail (cr != NULL);

  self->width = MAX (width, 72);
  self->height = MAX (height, 3 * (HEADER_HEIGHT + FOOTER_HEIGHT));
  bottom = self->height - FOOTER_HEIGHT;
  configure_context (self, cr);

  g_ptr_array_set_size (self->pages, 0);
  page = new_page (self);
  y = top;

  for (guint i = 0; i < self->blocks->len; i++)
    measure (self, g_ptr_array_index (self->blocks, i));

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);
      Placement placement = { block, 0, 0, 0 };

      if (block->kind != BLOCK_TABLE)
        {
          double space = y > top ? block->space_before : 0;

          /* A heading stays with what follows it. */
          if (y > top && y + space + min_height (self, i) > bottom)
            {
              page = new_page (self);
              y = top;
              space = 0;
            }

          placement.y = y + space;
          g_array_append_val (page, placement);
          y = placement.y + block->height;
          continue;
        }

      /* Tables: as many rows as fit, then the header again on the next page. */
      for (guint row = 0; row < block->rows->len;)
        {
          double space = y > top ? block->space_before : 0;
          double first = g_array_index (block->row_heights, double, row);

          if (y > top && y + space + block->header_height + first > bottom)
            {
              page = new_page (self);
              y = top;
              space = 0;
            }

          placement.y = y + space;
          placement.first_row = row;
          y = placement.y + block->header_height;

          do
            {
              y += g_array_index (block->row_heights, double, row);
              row++;
            }
          while (row < block->rows->len &&
                 y + g_array_index (block->row_heights, double, row) <= bottom);

          placement.end_row = row;
          g_array_append_val (page, placement);

          if (row < block->rows->len)
            {
              page = new_page (self);
              y = top;
            }
        }
    }
}

guint
tend_summary_document_get_n_pages (TendSummaryDocument *self)
{
  g_return_val_if_fail (TEND_IS_SUMMARY_DOCUMENT (self), 0);

  return self->pages->len;
}

/* }}} */

/* Drawing {{{ */

static void
show_layout_at (cairo_t     *cr,
                PangoLayout *layout,
                double       x,
                double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_row (TendSummaryDocument *self,
          cairo_t             *cr,
          Block               *table,
          const char * const  *cells,
          gboolean             bold,
          double               y)
{
  double x = 0;

  for (guint i = 0; i < table->n_columns; i++)
    {
      g_autoptr(PangoLayout) layout = make_cell_layout (self, table, i, cells[i], bold);

      show_layout_at (cr, layout, x + CELL_PADDING, y + CELL_PADDING);
      x += table->widths[i] * self->width;
    }
}

static void
draw_table (TendSummaryDocument *self,
            cairo_t             *cr,
            const Placement     *placement)
{
  Block *table = placement->block;
  double y = placement->y;

  if (table->headers != NULL)
    {
      cairo_set_source_rgb (cr, 0.92, 0.92, 0.92);
      cairo_rectangle (cr, 0, y, self->width, table->header_height);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      draw_row (self, cr, table, (const char * const *) table->headers, TRUE, y);
      y += table->header_height;
    }

  for (guint row = placement->first_row; row < placement->end_row; row++)
    {
      double height = g_array_index (table->row_heights, double, row);
      gboolean bold = table->bold_last_row && row + 1 == table->rows->len;

      cairo_set_source_rgb (cr, 0, 0, 0);
      draw_row (self, cr, table, g_ptr_array_index (table->rows, row), bold, y);
      y += height;

      cairo_set_source_rgb (cr, 0.8, 0.8, 0.8);
      cairo_set_line_width (cr, 0.4);
      cairo_move_to (cr, 0, y);
      cairo_line_to (cr, self->width, y);
      cairo_stroke (cr);
    }
}

static void
draw_chart (TendSummaryDocument *self,
            cairo_t             *cr,
            const Placement     *placement)
{
  TendChartStyle style;

  tend_chart_style_init_default (&style);
  style.font_size = 8;
  style.scale_factor = 4;

  cairo_save (cr);
  cairo_translate (cr, 0, placement->y);
  cairo_rectangle (cr, 0, 0, self->width, placement->block->height);
  cairo_clip (cr);
  tend_chart_render (cr, self->width, placement->block->height,
                     placement->block->chart, &style, NULL);
  cairo_restore (cr);
}

static void
draw_ticks (cairo_t      *cr,
            const Block  *block,
            const GArray *times,
            double        x0,
            double        span,
            double        y0,
            double        y1)
{
  for (guint i = 0; i < times->len; i++)
    {
      gint64 at = g_array_index (times, gint64, i);
      double x;

      if (at < block->from || at > block->to)
        continue;

      x = x0 + span * (double) (at - block->from) / (double) MAX (block->to - block->from, 1);
      cairo_move_to (cr, x, y0);
      cairo_line_to (cr, x, y1);
    }
  cairo_stroke (cr);
}

static void
draw_timeline (TendSummaryDocument *self,
               cairo_t             *cr,
               const Placement     *placement)
{
  Block *block = placement->block;
  g_autoptr(PangoLayout) in_label = make_layout (self, FONT_SMALL, _("They → you"), 80);
  g_autoptr(PangoLayout) out_label = make_layout (self, FONT_SMALL, _("You → them"), 80);
  g_autofree char *from = format_date (block->from);
  g_autofree char *to = format_date (block->to);
  g_autoptr(PangoLayout) from_label = make_layout (self, FONT_SMALL, from, 100);
  g_autoptr(PangoLayout) to_label = make_layout (self, FONT_SMALL, to, 100);
  double x0 = 84;
  double span = self->width - x0;
  double mid = placement->y + 26;

  cairo_set_source_rgb (cr, 0, 0, 0);
  show_layout_at (cr, in_label, 0, mid - 20);
  show_layout_at (cr, out_label, 0, mid + 6);

  cairo_set_line_width (cr, 0.8);
  cairo_move_to (cr, x0, mid);
  cairo_line_to (cr, x0 + span, mid);
  cairo_stroke (cr);

  cairo_set_line_width (cr, 1.2);
  cairo_set_source_rgb (cr, 0.208, 0.518, 0.894);
  draw_ticks (cr, block, block->in_times, x0, span, mid - 2, mid - 18);
  cairo_set_source_rgb (cr, 1.0, 0.471, 0.0);
  draw_ticks (cr, block, block->out_times, x0, span, mid + 2, mid + 18);

  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  pango_layout_set_alignment (to_label, PANGO_ALIGN_RIGHT);
  show_layout_at (cr, from_label, x0, mid + 22);
  show_layout_at (cr, to_label, self->width - 100, mid + 22);
}

static void
draw_frame (TendSummaryDocument *self,
            cairo_t             *cr,
            guint                page)
{
  g_autoptr(PangoLayout) name = make_layout (self, FONT_TABLE_BOLD, self->business_name,
                                             self->width * 0.7);
  g_autoptr(PangoLayout) date = make_layout (self, FONT_SMALL, self->date, self->width * 0.3);
  g_autofree char *number = NULL;
  g_autoptr(PangoLayout) footer = NULL;

  /* The header is one line whatever the name. */
  pango_layout_set_height (name, -1);
  pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (date, PANGO_ALIGN_RIGHT);

  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  show_layout_at (cr, name, 0, 0);
  show_layout_at (cr, date, self->width * 0.7, 0);

  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, 0, HEADER_HEIGHT - 12);
  cairo_line_to (cr, self->width, HEADER_HEIGHT - 12);
  cairo_stroke (cr);

  /* TRANSLATORS: the footer of every printed page */
  number = g_strdup_printf (_("Page %u of %u"), page + 1, self->pages->len);
  footer = make_layout (self, FONT_SMALL, number, self->width);
  pango_layout_set_alignment (footer, PANGO_ALIGN_CENTER);
  show_layout_at (cr, footer, 0, self->height - FOOTER_HEIGHT + 10);
}

/**
 * tend_summary_document_draw_page:
 * @cr: a context with its origin at the printable area's top left corner
 * @page: from 0 to tend_summary_document_get_n_pages() - 1
 *
 * Draws one page as laid out by the last tend_summary_document_paginate().
 */
void
tend_summary_document_draw_page (TendSummaryDocument *self,
                                 cairo_t             *cr,
                                 guint                page)
{
  GArray *placements;

  g_return_if_fail (TEND_IS_SUMMARY_DOCUMENT (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < self->pages->len);

  configure_context (self, cr);
  placements = g_ptr_array_index (self->pages, page);

  cairo_save (cr);
  draw_frame (self, cr, page);

  for (guint i = 0; i < placements->len; i++)
    {
      const Placement *placement = &g_array_index (placements, Placement, i);
      Block *block = placement->block;

      switch (block->kind)
        {
        case BLOCK_TEXT:
          {
            g_autoptr(PangoLayout) layout = make_layout (self, block->font, block->text, self->width);

            cairo_set_source_rgb (cr, 0, 0, 0);
            show_layout_at (cr, layout, 0, placement->y);
          }
          break;

        case BLOCK_TABLE:
          draw_table (self, cr, placement);
          break;

        case BLOCK_CHART:
          draw_chart (self, cr, placement);
          break;

        case BLOCK_TIMELINE:
          draw_timeline (self, cr, placement);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  cairo_restore (cr);
}

/* }}} */

/* Output {{{ */

/**
 * tend_summary_document_remember:
 *
 * Saves this summary's figures in the profile, so the next summary shows
 * the change since this one. Call it once the summary was printed or
 * written; cards have nothing to remember.
 */
gboolean
tend_summary_document_remember (TendSummaryDocument  *self,
                                GError              **error)
{
  g_return_val_if_fail (TEND_IS_SUMMARY_DOCUMENT (self), FALSE);

  if (self->figures == NULL)
    return TRUE;

  return tend_store_set_setting (self->store, TEND_SUMMARY_SETTING_LAST_FIGURES,
                                 self->figures, error);
}

/**
 * tend_summary_document_get_default_paper:
 *
 * The paper of the locale (LC_PAPER) in points: US Letter where the
 * locale uses it, A4 everywhere else.
 */
void
tend_summary_document_get_default_paper (double *width,
                                         double *height)
{
  gboolean letter = FALSE;

#ifdef __GLIBC__
  {
    /* glibc hands the millimetres over as the pointer's value. */
    int mm_width = (int) (gintptr) nl_langinfo (_NL_PAPER_WIDTH);
    int mm_height = (int) (gintptr) nl_langinfo (_NL_PAPER_HEIGHT);

    letter = mm_width == 216 && mm_height == 279;
  }
#endif

  *width = letter ? 612 : 595.276;
  *height = letter ? 792 : 841.89;
}

/**
 * tend_summary_document_write_pdf:
 * @path: where to write; an earlier file stays whole when writing fails
 *
 * Writes every page to a PDF on the locale's paper with 15 mm margins.
 */
gboolean
tend_summary_document_write_pdf (TendSummaryDocument  *self,
                                 const char           *path,
                                 GError              **error)
{
  g_autofree char *tmp_path = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double width, height;

  g_return_val_if_fail (TEND_IS_SUMMARY_DOCUMENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  tend_summary_document_get_default_paper (&width, &height);
  tmp_path = g_strconcat (path, ".part", NULL);

  surface = cairo_pdf_surface_create (tmp_path, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  self->card ? _("Relationship Card") : _("Relationship Summary"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Tend " PACKAGE_VERSION);
  cr = cairo_create (surface);

  tend_summary_document_paginate (self, cr, width - 2 * PDF_MARGIN, height - 2 * PDF_MARGIN);
  for (guint page = 0; page < self->pages->len; page++)
    {
      cairo_save (cr);
      cairo_translate (cr, PDF_MARGIN, PDF_MARGIN);
      tend_summary_document_draw_page (self, cr, page);
      cairo_restore (cr);
      cairo_show_page (cr);
    }

  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_unlink (tmp_path);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not write “%s”: %s. Check that the folder exists and "
                     "that you may write to it."),
                   display, cairo_status_to_string (status));
      return FALSE;
    }

  if (g_rename (tmp_path, path) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_unlink (tmp_path);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/* }}} */

/* GObject {{{ */

static void
tend_summary_document_finalize (GObject *object)
{
  TendSummaryDocument *self = TEND_SUMMARY_DOCUMENT (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_object (&self->context);
  for (guint i = 0; i < N_FONTS; i++)
    g_clear_pointer (&self->fonts[i], pango_font_description_free);
  g_free (self->business_name);
  g_free (self->date);
  g_free (self->figures);

  G_OBJECT_CLASS (tend_summary_document_parent_class)->finalize (object);
}

static void
tend_summary_document_class_init (TendSummaryDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tend_summary_document_finalize;
}

static void
tend_summary_document_init (TendSummaryDocument *self)
{
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint i = 0; i < N_FONTS; i++)
    self->fonts[i] = pango_font_description_from_string (font_names[i]);
}

/**
 * tend_summary_document_new_summary:
 * @now: the date printed on the summary, and the end of the measures' window
 *
 * Returns: (transfer full): the relationship summary of the profile
 */
TendSummaryDocument *
tend_summary_document_new_summary (TendStore  *store,
                                   gint64      now,
                                   GError    **error)
{
  g_autoptr(TendSummaryDocument) self = NULL;

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = document_new (store, now, FALSE, error);
  if (self == NULL || !build_summary (self, now, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * tend_summary_document_new_card:
 * @connection: a connection with its measures applied
 *
 * Returns: (transfer full): one person's relationship card
 */
TendSummaryDocument *
tend_summary_document_new_card (TendStore       *store,
                                TendConnection  *connection,
                                gint64           now,
                                GError         **error)
{
  g_autoptr(TendSummaryDocument) self = NULL;

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);
  g_return_val_if_fail (TEND_IS_CONNECTION (connection), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = document_new (store, now, TRUE, error);
  if (self == NULL || !build_card (self, connection, now, error))
    return NULL;

  return g_steal_pointer (&self);
}

gboolean
tend_summary_document_is_card (TendSummaryDocument *self)
{
  g_return_val_if_fail (TEND_IS_SUMMARY_DOCUMENT (self), FALSE);

  return self->card;
}

/* }}} */
