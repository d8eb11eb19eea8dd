/* byline-library-row.c: one post in the library's list, drawn as one widget
 *
 * A row shows a post's title (and a mark when its frontmatter fails the
 * site), its date with the draft, scheduled and featured badges, and its
 * tags (or its path when it has none).
 *
 * It draws its three lines of text itself rather than holding a label for
 * each. A list view of GTK 4.8 makes about 200 rows whenever the posts at
 * the top of the list change (a search, a filter, a sort, opening a site),
 * and every widget in a row costs there: with a box and a label per line the
 * rows took three to five frames of the main thread each time, where one
 * widget drawing the same text takes about one (bench-library-view). The
 * badges and the mark are rare, so they stay widgets, made when a post first
 * needs them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "byline-diagnostic.h"
#include "byline-library-row.h"

#define MARGIN_Y       6   /* above and below the lines */
#define LINE_SPACING   2
#define ITEM_SPACING   6   /* between the date and the badges, the title and the mark */
/* The text of libadwaita's .heading and .caption style classes. */
#define HEADING_SIZE   (11 * PANGO_SCALE)
#define HEADING_WEIGHT PANGO_WEIGHT_BOLD
#define CAPTION_SIZE   (9 * PANGO_SCALE)
#define DIM_ALPHA      0.55

typedef enum {
  BADGE_DRAFT,
  BADGE_SCHEDULED,
  BADGE_FEATURED,
  N_BADGES
} Badge;

/* In the order they follow the date; the key is also the style class. */
static const struct {
  const char *key;
  const char *label;
} badges[N_BADGES] = {
  { "draft", N_("Draft") },
  { "scheduled", N_("Scheduled") },
  { "featured", N_("Featured") },
};

struct _BylineLibraryRow
{
  GtkWidget    parent_instance;

  char        *title;
  char        *date;
  char        *detail;        /* the tags, or the path when there are none */
  char        *path;          /* for the tooltip */
  PangoLayout *date_layout;   /* for where the badges go; made when needed */

  GtkWidget   *badges[N_BADGES];
  GtkWidget   *problem;
};

G_DEFINE_FINAL_TYPE (BylineLibraryRow, byline_library_row, GTK_TYPE_WIDGET)

/* --- text --------------------------------------------------------------------- */

/* A line of text in the title's font (@heading) or a caption's, cut to
 * @width with an ellipsis (-1: not cut). */
static PangoLayout *
make_layout (BylineLibraryRow *self,
             const char       *text,
             gboolean          heading,
             int               width)
{
  GtkWidget *widget = GTK_WIDGET (self);
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();

  if (heading)
    pango_attr_list_insert (attrs, pango_attr_weight_new (HEADING_WEIGHT));
  pango_attr_list_insert (attrs, pango_attr_size_new (heading ? HEADING_SIZE : CAPTION_SIZE));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  pango_layout_set_single_paragraph_mode (layout, TRUE);
  /* Each line starts where the row's language starts, as a label's would. */
  pango_layout_set_auto_dir (layout, FALSE);
  pango_layout_set_alignment (layout, gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL
                                      ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  if (width >= 0)
    {
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_width (layout, width * PANGO_SCALE);
    }

  return layout;
}

/* What line_height() found, for the title's font [TRUE] and a caption's
 * [FALSE]. pango_context_get_metrics() shapes a sample text each time it
 * is asked: a frame that made 48 rows asked it 200 times, a third of the
 * frame (bench-library-view). The answer depends only on the font, the
 * font map and the resolution; a change of the fonts clears it. */
static struct {
  PangoFontDescription *desc;
  PangoFontMap         *font_map;
  double                resolution;
  int                   height;
} line_heights[2];

static void
forget_line_heights (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (line_heights); i++)
    {
      g_clear_pointer (&line_heights[i].desc, pango_font_description_free);
      g_clear_object (&line_heights[i].font_map);
    }
}

/* The height of a line of text, the title's (@heading) or a caption's:
 * from the font, not from the text, so that measuring 200 rows shapes no
 * text. */
static int
line_height (BylineLibraryRow *self,
             gboolean          heading)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  g_autoptr(PangoFontDescription) desc = pango_font_description_copy (pango_context_get_font_description (context));
  PangoFontMap *font_map = pango_context_get_font_map (context);
  double resolution = pango_cairo_context_get_resolution (context);
  PangoFontMetrics *metrics;
  int height;

  if (heading)
    pango_font_description_set_weight (desc, HEADING_WEIGHT);
  pango_font_description_set_size (desc, heading ? HEADING_SIZE : CAPTION_SIZE);

  if (line_heights[heading].desc != NULL &&
      line_heights[heading].font_map == font_map &&
      line_heights[heading].resolution == resolution &&
      pango_font_description_equal (line_heights[heading].desc, desc))
    return line_heights[heading].height;

  metrics = pango_context_get_metrics (context, desc, NULL);
  height = pango_font_metrics_get_height (metrics);
  if (height <= 0)
    height = pango_font_metrics_get_ascent (metrics) + pango_font_metrics_get_descent (metrics);
  pango_font_metrics_unref (metrics);

  g_clear_pointer (&line_heights[heading].desc, pango_font_description_free);
  line_heights[heading].desc = g_steal_pointer (&desc);
  g_set_object (&line_heights[heading].font_map, font_map);
  line_heights[heading].resolution = resolution;
  line_heights[heading].height = PANGO_PIXELS_CEIL (height);

  return line_heights[heading].height;
}

static void
get_color (GtkWidget *widget,
           GdkRGBA   *color)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (widget, color);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
#endif
}

/* --- children ----------------------------------------------------------------- */

static gboolean
shows (GtkWidget *child)
{
  return child != NULL && gtk_widget_get_visible (child);
}

static int
child_height (GtkWidget *child)
{
  int height = 0;

  if (shows (child))
    gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, -1, NULL, &height, NULL, NULL);
  return height;
}

static int
child_width (GtkWidget *child)
{
  int width = 0;

  if (shows (child))
    gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
  return width;
}

static void
show_badge (BylineLibraryRow *self,
            Badge             badge,
            gboolean          show)
{
  GtkWidget *widget = self->badges[badge];

  if (widget == NULL)
    {
      if (!show)
        return;

      widget = gtk_label_new (_(badges[badge].label));
      gtk_widget_add_css_class (widget, "library-badge");
      gtk_widget_add_css_class (widget, badges[badge].key);
      gtk_widget_add_css_class (widget, "caption");
      gtk_widget_set_parent (widget, GTK_WIDGET (self));
      self->badges[badge] = widget;
    }

  gtk_widget_set_visible (widget, show);
}

static void
show_problem (BylineLibraryRow *self,
              gboolean          show,
              const char       *message)
{
  if (self->problem == NULL)
    {
      if (!show)
        return;

      self->problem = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_widget_add_css_class (self->problem, "error");
      gtk_widget_set_parent (self->problem, GTK_WIDGET (self));
    }

  gtk_widget_set_visible (self->problem, show);
  gtk_widget_set_tooltip_text (self->problem, show ? message : NULL);
}

/* The heights of a row's three lines: the title (with the mark), the date
 * (with the badges) and the tags. */
typedef struct
{
  int title;
  int date;
  int detail;
} Lines;

static void
measure_lines (BylineLibraryRow *self,
               Lines            *lines)
{
  lines->title = MAX (line_height (self, TRUE), child_height (self->problem));
  lines->detail = line_height (self, FALSE);
  lines->date = lines->detail;
  for (guint i = 0; i < N_BADGES; i++)
    lines->date = MAX (lines->date, child_height (self->badges[i]));
}

/* --- GtkWidget ----------------------------------------------------------------- */

static void
byline_library_row_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  BylineLibraryRow *self = BYLINE_LIBRARY_ROW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Like an ellipsized label: any width, the text is cut to fit. */
      *minimum = *natural = 0;
    }
  else
    {
      Lines lines;

      measure_lines (self, &lines);
      *minimum = *natural = MARGIN_Y + lines.title + LINE_SPACING + lines.date +
                            LINE_SPACING + lines.detail + MARGIN_Y;
    }
}

static int
date_width (BylineLibraryRow *self)
{
  int width;

  if (self->date_layout == NULL)
    self->date_layout = make_layout (self, self->date, FALSE, -1);
  pango_layout_get_pixel_size (self->date_layout, &width, NULL);
  return width;
}

/* Places @child at @x from the row's start (mirrored for a right-to-left
 * language), centred on the line from @y of @line_height. */
static void
allocate_child (BylineLibraryRow *self,
                GtkWidget        *child,
                int               x,
                int               y,
                int               line_height,
                int               row_width)
{
  GtkAllocation allocation;

  allocation.width = child_width (child);
  allocation.height = child_height (child);
  allocation.x = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL
                 ? row_width - x - allocation.width : x;
  allocation.y = y + (line_height - allocation.height) / 2;
  gtk_widget_size_allocate (child, &allocation, -1);
}

static void
byline_library_row_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  BylineLibraryRow *self = BYLINE_LIBRARY_ROW (widget);
  Lines lines;
  int x;

  measure_lines (self, &lines);

  if (shows (self->problem))
    allocate_child (self, self->problem, width - child_width (self->problem), MARGIN_Y, lines.title, width);

  x = -1;
  for (guint i = 0; i < N_BADGES; i++)
    {
      if (!shows (self->badges[i]))
        continue;
      if (x < 0)
        x = date_width (self) + ITEM_SPACING;
      allocate_child (self, self->badges[i], x, MARGIN_Y + lines.title + LINE_SPACING, lines.date, width);
      x += child_width (self->badges[i]) + ITEM_SPACING;
    }
}

static void
append_line (BylineLibraryRow *self,
             GtkSnapshot      *snapshot,
             PangoLayout      *layout,
             int               x,
             int               y,
             int               line_height,
             const GdkRGBA    *color)
{
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y + (line_height - height) / 2));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
byline_library_row_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  BylineLibraryRow *self = BYLINE_LIBRARY_ROW (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int width = gtk_widget_get_width (widget);
  Lines lines;
  int title_width = width;
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) detail = NULL;
  GdkRGBA color, dim;
  int x, y;

  measure_lines (self, &lines);
  get_color (widget, &color);
  dim = color;
  dim.alpha *= DIM_ALPHA;

  if (shows (self->problem))
    title_width -= child_width (self->problem) + ITEM_SPACING;
  title = make_layout (self, self->title, TRUE, MAX (title_width, 0));
  y = MARGIN_Y;
  append_line (self, snapshot, title, rtl ? width - MAX (title_width, 0) : 0, y, lines.title, &color);

  x = date_width (self);   /* makes the date's layout */
  x = rtl ? width - x : 0;
  y += lines.title + LINE_SPACING;
  append_line (self, snapshot, self->date_layout, x, y, lines.date, &dim);

  detail = make_layout (self, self->detail, FALSE, width);
  y += lines.date + LINE_SPACING;
  append_line (self, snapshot, detail, 0, y, lines.detail, &dim);

  for (guint i = 0; i < N_BADGES; i++)
    if (shows (self->badges[i]))
      gtk_widget_snapshot_child (widget, self->badges[i], snapshot);
  if (shows (self->problem))
    gtk_widget_snapshot_child (widget, self->problem, snapshot);
}

static gboolean
byline_library_row_query_tooltip (GtkWidget  *widget,
                                  int         x,
                                  int         y,
                                  gboolean    keyboard_mode,
                                  GtkTooltip *tooltip)
{
  BylineLibraryRow *self = BYLINE_LIBRARY_ROW (widget);

  if (self->path == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, self->path);
  return TRUE;
}

static void
byline_library_row_forget_text (BylineLibraryRow *self)
{
  g_clear_object (&self->date_layout);
}

static void
byline_library_row_direction_changed (GtkWidget        *widget,
                                      GtkTextDirection  previous)
{
  byline_library_row_forget_text (BYLINE_LIBRARY_ROW (widget));
  GTK_WIDGET_CLASS (byline_library_row_parent_class)->direction_changed (widget, previous);
}

static void
byline_library_row_system_setting_changed (GtkWidget         *widget,
                                           GtkSystemSetting   setting)
{
  byline_library_row_forget_text (BYLINE_LIBRARY_ROW (widget));
  forget_line_heights ();
  gtk_widget_queue_resize (widget);
  GTK_WIDGET_CLASS (byline_library_row_parent_class)->system_setting_changed (widget, setting);
}

/* --- GObject -------------------------------------------------------------------- */

static void
byline_library_row_dispose (GObject *object)
{
  BylineLibraryRow *self = BYLINE_LIBRARY_ROW (object);

  for (guint i = 0; i < N_BADGES; i++)
    g_clear_pointer (&self->badges[i], gtk_widget_unparent);
  g_clear_pointer (&self->problem, gtk_widget_unparent);

  G_OBJECT_CLASS (byline_library_row_parent_class)->dispose (object);
}

static void
byline_library_row_finalize (GObject *object)
{
  BylineLibraryRow *self = BYLINE_LIBRARY_ROW (object);

  g_free (self->title);
  g_free (self->date);
  g_free (self->detail);
  g_free (self->path);
  g_clear_object (&self->date_layout);

  G_OBJECT_CLASS (byline_library_row_parent_class)->finalize (object);
}

static void
byline_library_row_class_init (BylineLibraryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_library_row_dispose;
  object_class->finalize = byline_library_row_finalize;

  widget_class->measure = byline_library_row_measure;
  widget_class->size_allocate = byline_library_row_size_allocate;
  widget_class->snapshot = byline_library_row_snapshot;
  widget_class->query_tooltip = byline_library_row_query_tooltip;
  widget_class->direction_changed = byline_library_row_direction_changed;
  widget_class->system_setting_changed = byline_library_row_system_setting_changed;

  gtk_widget_class_set_css_name (widget_class, "libraryrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
byline_library_row_init (BylineLibraryRow *self)
{
  self->title = g_strdup ("");
  self->date = g_strdup ("");
  self->detail = g_strdup ("");
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

GtkWidget *
byline_library_row_new (void)
{
  return g_object_new (BYLINE_TYPE_LIBRARY_ROW, NULL);
}

static char *
format_date (BylineLibraryPost *post)
{
  GDateTime *published = byline_library_post_get_published (post);
  g_autoptr(GDateTime) local = NULL;

  if (published == NULL)
    return g_strdup (_("No date"));
  local = g_date_time_to_local (published);
  return g_date_time_format (local, "%-d %b %Y");
}

/* The first error of a post's problems, else its first problem. */
static const char *
first_problem (BylineLibraryPost *post)
{
  GPtrArray *problems = byline_library_post_get_problems (post);

  for (guint i = 0; i < problems->len; i++)
    {
      const BylineDiagnostic *d = g_ptr_array_index (problems, i);

      if (d->severity == BYLINE_SEVERITY_ERROR)
        return d->message;
    }
  if (problems->len > 0)
    return ((const BylineDiagnostic *) g_ptr_array_index (problems, 0))->message;
  return NULL;
}

/**
 * byline_library_row_set_post:
 * @post: the post the row shows
 *
 * What a list item's bind does: cheap, since a list binds about 200 rows at
 * a time.
 */
void
byline_library_row_set_post (BylineLibraryRow  *self,
                             BylineLibraryPost *post)
{
  const char * const *tags;
  g_autoptr(GString) spoken = NULL;
  gboolean flags[N_BADGES];

  g_return_if_fail (BYLINE_IS_LIBRARY_ROW (self));
  g_return_if_fail (BYLINE_IS_LIBRARY_POST (post));

  tags = byline_library_post_get_tags (post);
  g_free (self->title);
  self->title = g_strdup (byline_library_post_get_display_title (post));
  g_free (self->date);
  self->date = format_date (post);
  g_free (self->detail);
  self->detail = tags != NULL && tags[0] != NULL
                 ? g_strjoinv (" · ", (char **) tags)
                 : g_strdup (byline_library_post_get_relative_path (post));
  g_free (self->path);
  self->path = g_strdup (byline_library_post_get_relative_path (post));
  byline_library_row_forget_text (self);

  flags[BADGE_DRAFT] = byline_library_post_get_draft (post);
  flags[BADGE_SCHEDULED] = byline_library_post_get_scheduled (post);
  flags[BADGE_FEATURED] = byline_library_post_get_featured (post);
  for (guint i = 0; i < N_BADGES; i++)
    show_badge (self, i, flags[i]);
  show_problem (self, byline_library_post_get_invalid (post), first_problem (post));

  /* What a screen reader says: the lines in order, the badges by name. */
  spoken = g_string_new (self->date);
  for (guint i = 0; i < N_BADGES; i++)
    if (flags[i])
      g_string_append_printf (spoken, ", %s", _(badges[i].label));
  g_string_append_printf (spoken, ", %s", self->detail);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, spoken->str,
                                  -1);

  /* A badge or the mark shown or hidden has already asked for a new size. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
