/* tend-prune-review-card.c: one person on a card, to keep or prune
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Names, handles, bios and tags come from files and servers: every label
 * that shows them is plain text.
 */
#define G_LOG_DOMAIN "tend-prune-review-card"

#include "config.h"

#include <glib/gi18n.h>

#include "tend-prune-review-card.h"

#define N_RECENT 3

struct _TendPruneReviewCard
{
  AdwBin parent_instance;

  /* template widgets */
  GtkLabel *name_label;
  GtkLabel *handle_label;
  GtkLabel *follow_label;
  GtkLabel *bio_label;
  GtkDrawingArea *figure;
  GtkLabel *figure_label;
  GtkLabel *last_in_label;
  GtkLabel *last_out_label;
  GtkLabel *tags_label;

  double in_weight;
  double out_weight;
};

G_DEFINE_FINAL_TYPE (TendPruneReviewCard, tend_prune_review_card, ADW_TYPE_BIN)

/* Anything above nothing shows at least a sliver. */
static double
bar_length (double weight,
            double most,
            int    width)
{
  return weight > 0 ? MAX (1.0, width * weight / most) : 0.0;
}

/* Two bars, what they gave above what the owner gave, on one scale. */
static void
draw_figure (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  TendPruneReviewCard *self = user_data;
  double most = MAX (MAX (self->in_weight, self->out_weight), 1e-9);
  double bar = (height - 4) / 2.0;
  GdkRGBA color;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &color);

  cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha * 0.12);
  cairo_rectangle (cr, 0, 0, width, bar);
  cairo_rectangle (cr, 0, bar + 4, width, bar);
  cairo_fill (cr);

  cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 1.0);
  cairo_rectangle (cr, 0, 0, bar_length (self->in_weight, most, width), bar);
  cairo_fill (cr);

  cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha * 0.7);
  cairo_rectangle (cr, 0, bar + 4, bar_length (self->out_weight, most, width), bar);
  cairo_fill (cr);
}

static gboolean
set_recent (TendPruneReviewCard  *self,
            GtkLabel             *label,
            TendStore            *store,
            TendConnection       *connection,
            TendDirection         direction,
            GError              **error)
{
  g_autoptr(GArray) recent = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  recent = tend_store_list_recent_interactions (store, tend_connection_get_id (connection),
                                                direction, N_RECENT, error);
  if (recent == NULL)
    {
      gtk_label_set_text (label, _("Could not be read"));
      return FALSE;
    }

  for (guint i = 0; i < recent->len; i++)
    {
      const TendInteraction *interaction = &g_array_index (recent, TendInteraction, i);
      g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (interaction->occurred_at);
      /* Translators: the date of an interaction, as in “12 Mar 2026”; see
       * the GLib g_date_time_format() documentation. */
      g_autofree char *when = date != NULL ? g_date_time_format (date, C_("interaction date", "%-d %b %Y")) : NULL;

      if (i > 0)
        g_string_append_c (text, '\n');
      /* Translators: an interaction's kind, then its date, e.g. "Reply, 12 Mar 2026" */
      g_string_append_printf (text, _("%s, %s"), tend_interaction_kind_get_label (interaction->kind),
                              when != NULL ? when : _("Unknown date"));
    }

  gtk_label_set_text (label, recent->len > 0 ? text->str : _("Nothing on record"));
  return TRUE;
}

/**
 * tend_prune_review_card_set_connection:
 * @store: where the latest interactions are read from
 *
 * Shows @connection. The card is filled even when the interactions cannot
 * be read; it then says so and returns %FALSE.
 */
gboolean
tend_prune_review_card_set_connection (TendPruneReviewCard  *self,
                                       TendStore            *store,
                                       TendConnection       *connection,
                                       GError              **error)
{
  g_autofree char *source = NULL;
  g_autofree char *figure_text = NULL;
  g_autofree char *tags = NULL;
  const char *handle, *bio;
  gboolean ok;

  g_return_val_if_fail (TEND_IS_PRUNE_REVIEW_CARD (self), FALSE);
  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);
  g_return_val_if_fail (TEND_IS_CONNECTION (connection), FALSE);

  gtk_label_set_text (self->name_label, tend_connection_get_name (connection));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tend_connection_get_name (connection),
                                  -1);

  handle = tend_connection_get_handle (connection);
  if (handle != NULL && handle[0] != '\0')
    /* Translators: a handle, then the source's title, e.g. "@maria · Rosa's Instagram" */
    source = g_strdup_printf (_("%s · %s"), handle, tend_connection_get_source_title (connection));
  else
    source = g_strdup (tend_connection_get_source_title (connection));
  gtk_label_set_text (self->handle_label, source);
  gtk_label_set_text (self->follow_label,
                      tend_follow_state_get_label (tend_connection_get_follow_state (connection)));

  bio = tend_connection_get_bio (connection);
  gtk_label_set_text (self->bio_label, bio != NULL ? bio : "");
  gtk_widget_set_visible (GTK_WIDGET (self->bio_label), bio != NULL && bio[0] != '\0');

  self->in_weight = tend_connection_get_in_weight (connection);
  self->out_weight = tend_connection_get_out_weight (connection);
  /* Translators: the weighted exchanges each way, e.g. "From them 4.2 · from you 12.0" */
  figure_text = g_strdup_printf (_("From them %.1f · from you %.1f"), self->in_weight, self->out_weight);
  gtk_label_set_text (self->figure_label, figure_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->figure),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, figure_text,
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self->figure));

  tags = g_strjoinv (", ", (char **) tend_connection_get_tags (connection));
  gtk_label_set_text (self->tags_label, tags[0] != '\0' ? tags : _("No tags"));

  ok = set_recent (self, self->last_in_label, store, connection, TEND_DIRECTION_IN, error);
  return set_recent (self, self->last_out_label, store, connection, TEND_DIRECTION_OUT,
                     ok ? error : NULL) && ok;
}

static void
tend_prune_review_card_dispose (GObject *object)
{
  /* The bin owns its child; the template would unparent it behind its back. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), TEND_TYPE_PRUNE_REVIEW_CARD);

  G_OBJECT_CLASS (tend_prune_review_card_parent_class)->dispose (object);
}

static void
tend_prune_review_card_class_init (TendPruneReviewCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tend_prune_review_card_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/tend-prune-review-card.ui");
  gtk_widget_class_bind_template_child (widget_class, TendPruneReviewCard, name_label);
  gtk_widget_class_bind_template_child (widget_class, TendPruneReviewCard, handle_label);
  gtk_widget_class_bind_template_child (widget_class, TendPruneReviewCard, follow_label);
  gtk_widget_class_bind_template_child (widget_class, TendPruneReviewCard, bio_label);
  gtk_widget_class_bind_template_child (widget_class, TendPruneReviewCard, figure);
  gtk_widget_class_bind_template_child (widget_class, TendPruneReviewCard, figure_label);
  gtk_widget_class_bind_template_child (widget_class, TendPruneReviewCard, last_in_label);
  gtk_widget_class_bind_template_child (widget_class, TendPruneReviewCard, last_out_label);
  gtk_widget_class_bind_template_child (widget_class, TendPruneReviewCard, tags_label);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
tend_prune_review_card_init (TendPruneReviewCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drawing_area_set_draw_func (self->figure, draw_figure, self, NULL);
}

GtkWidget *
tend_prune_review_card_new (void)
{
  return g_object_new (TEND_TYPE_PRUNE_REVIEW_CARD, NULL);
}
