/* byline-word-count.c: the words, characters and reading time of the post or selection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A line under the editor, where GNOME Text Editor shows its figures. The
 * numbers come from the analyzer (counted on a worker); this only formats
 * them.
 */

#define G_LOG_DOMAIN "Byline"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-word-count.h"

struct _BylineWordCount
{
  GtkWidget       parent_instance;

  GtkWidget      *label;
  BylineAnalyzer *analyzer;
};

G_DEFINE_FINAL_TYPE (BylineWordCount, byline_word_count, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ANALYZER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_counts (const BylineTextStats *stats)
{
  g_autofree char *words = g_strdup_printf ("%'" G_GUINT64_FORMAT, stats->words);
  g_autofree char *chars = g_strdup_printf ("%'" G_GUINT64_FORMAT, stats->characters);
  g_autofree char *w = NULL;
  g_autofree char *c = NULL;

  /* Translators: %s is a number, formatted for the locale */
  w = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s word", "%s words", (gulong) MIN (stats->words, G_MAXULONG)), words);
  /* Translators: %s is a number, formatted for the locale; white space is not counted */
  c = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s character", "%s characters", (gulong) MIN (stats->characters, G_MAXULONG)), chars);
  /* Translators: the word count, then the character count */
  return g_strdup_printf (_("%s · %s"), w, c);
}

static void
byline_word_count_update (BylineWordCount *self)
{
  BylineAnalysis *analysis = self->analyzer != NULL ? byline_analyzer_get_analysis (self->analyzer) : NULL;
  BylineAnalysis *selection = self->analyzer != NULL ? byline_analyzer_get_selection (self->analyzer) : NULL;
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;

  if (selection != NULL)
    {
      g_autofree char *counts = format_counts (byline_analysis_get_stats (selection));

      /* Translators: %s is "N words · M characters" */
      text = g_strdup_printf (_("Selection: %s"), counts);
    }
  else if (analysis != NULL)
    {
      const BylineTextStats *stats = byline_analysis_get_stats (analysis);
      BylineReadingRule rule = byline_analyzer_get_reading_rule (self->analyzer);
      guint64 minutes = byline_text_stats_reading_minutes (stats, rule);
      g_autofree char *counts = format_counts (stats);
      g_autofree char *reading = NULL;

      /* Translators: reading time, as blogs show it */
      reading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u min read", "%u min read",
                                              (gulong) MIN (minutes, G_MAXUINT)),
                                 (guint) MIN (minutes, G_MAXUINT));
      /* Translators: "N words · M characters", then the reading time */
      text = g_strdup_printf (_("%s · %s"), counts, reading);
      if (rule == BYLINE_READING_RULE_HUGO)
        tooltip = g_strdup (_("Reading time as Hugo shows it: 213 words a minute, code included. "
                              "Code blocks, HTML tags, links' addresses and the frontmatter are not counted as words."));
      else
        tooltip = g_strdup (_("Reading time at 200 words a minute, code included, as the reading-time package shows it. "
                              "Code blocks, HTML tags, links' addresses and the frontmatter are not counted as words."));
    }

  else if (self->analyzer != NULL && byline_analyzer_get_too_large (self->analyzer))
    text = g_strdup (_("Too large to count words"));

  gtk_label_set_text (GTK_LABEL (self->label), text != NULL ? text : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);
}

static void
byline_word_count_analyzer_notify_cb (BylineWordCount *self,
                                      GParamSpec      *pspec,
                                      BylineAnalyzer  *analyzer)
{
  byline_word_count_update (self);
}

static void
byline_word_count_dispose (GObject *object)
{
  BylineWordCount *self = BYLINE_WORD_COUNT (object);

  /* not through the setter: nothing is shown any more */
  if (self->analyzer != NULL)
    g_signal_handlers_disconnect_by_data (self->analyzer, self);
  g_clear_object (&self->analyzer);
  g_clear_pointer (&self->label, gtk_widget_unparent);

  G_OBJECT_CLASS (byline_word_count_parent_class)->dispose (object);
}

static void
byline_word_count_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BylineWordCount *self = BYLINE_WORD_COUNT (object);

  switch (prop_id)
    {
    case PROP_ANALYZER:
      g_value_set_object (value, self->analyzer);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_word_count_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  BylineWordCount *self = BYLINE_WORD_COUNT (object);

  switch (prop_id)
    {
    case PROP_ANALYZER:
      byline_word_count_set_analyzer (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_word_count_class_init (BylineWordCountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_word_count_dispose;
  object_class->get_property = byline_word_count_get_property;
  object_class->set_property = byline_word_count_set_property;

  /**
   * BylineWordCount:analyzer:
   *
   * Where the figures come from.
   */
  properties[PROP_ANALYZER] =
    g_param_spec_object ("analyzer", NULL, NULL,
                         BYLINE_TYPE_ANALYZER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "wordcount");
}

static void
byline_word_count_init (BylineWordCount *self)
{
  self->label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->label), 1.f);
  /* the words first: what an ellipsis cuts is the least asked for */
  /* The figures never widen the editor's pane: they get what it has,
   * ellipsized when that is too little. */
  gtk_label_set_ellipsize (GTK_LABEL (self->label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (self->label), 1);
  gtk_widget_set_hexpand (self->label, TRUE);
  gtk_label_set_selectable (GTK_LABEL (self->label), FALSE);
  gtk_widget_add_css_class (self->label, "dim-label");
  gtk_widget_add_css_class (self->label, "caption");
  gtk_widget_add_css_class (self->label, "numeric");
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
  gtk_widget_set_margin_start (self->label, 12);
  gtk_widget_set_margin_end (self->label, 12);
  gtk_widget_set_margin_top (self->label, 3);
  gtk_widget_set_margin_bottom (self->label, 3);
}

GtkWidget *
byline_word_count_new (void)
{
  return g_object_new (BYLINE_TYPE_WORD_COUNT, NULL);
}

BylineAnalyzer *
byline_word_count_get_analyzer (BylineWordCount *self)
{
  g_return_val_if_fail (BYLINE_IS_WORD_COUNT (self), NULL);
  return self->analyzer;
}

void
byline_word_count_set_analyzer (BylineWordCount *self,
                                BylineAnalyzer  *analyzer)
{
  g_return_if_fail (BYLINE_IS_WORD_COUNT (self));
  g_return_if_fail (analyzer == NULL || BYLINE_IS_ANALYZER (analyzer));

  if (self->analyzer == analyzer)
    return;
  if (self->analyzer != NULL)
    g_signal_handlers_disconnect_by_data (self->analyzer, self);
  g_set_object (&self->analyzer, analyzer);
  if (analyzer != NULL)
    {
      g_signal_connect_object (analyzer, "notify::analysis",
                               G_CALLBACK (byline_word_count_analyzer_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (analyzer, "notify::selection",
                               G_CALLBACK (byline_word_count_analyzer_notify_cb), self, G_CONNECT_SWAPPED);
    }
  byline_word_count_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANALYZER]);
}

/**
 * byline_word_count_get_text:
 *
 * Returns: the figures shown
 */
const char *
byline_word_count_get_text (BylineWordCount *self)
{
  g_return_val_if_fail (BYLINE_IS_WORD_COUNT (self), NULL);
  return gtk_label_get_text (GTK_LABEL (self->label));
}
