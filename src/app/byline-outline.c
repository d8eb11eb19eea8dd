/* byline-outline.c: the post's headings, the current one highlighted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A view of the analyzer's headings (read on a worker, with the ids the
 * preview gives them): the model changes only where the headings did, so
 * typing in a paragraph of a post with thousands of headings touches no
 * row, and typing in a heading replaces that one item. A list view, not a
 * list box: only the visible rows exist (a list box of the 10 000 headings
 * of a 1 MB post took 0.67 s to build on the main thread).
 */

#define G_LOG_DOMAIN "Byline"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-outline.h"
#include "byline-outline-item.h"

struct _BylineOutline
{
  GtkWidget        parent_instance;

  GtkWidget       *title;
  GtkWidget       *scroller;
  GtkWidget       *placeholder;
  GtkListView     *list;
  GListStore      *store;
  GtkSingleSelection *selection;
  BylineAnalyzer  *analyzer;

  guint            current_line;
  gint             current;        /* index of the highlighted heading, or -1 */
};

G_DEFINE_FINAL_TYPE (BylineOutline, byline_outline, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ANALYZER,
  PROP_CURRENT_LINE,
  N_PROPS
};

enum {
  HEADING_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
byline_outline_update_current (BylineOutline *self)
{
  BylineAnalysis *analysis = self->analyzer != NULL ? byline_analyzer_get_analysis (self->analyzer) : NULL;
  gint current = -1;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  if (analysis != NULL && self->current_line > 0)
    current = byline_analysis_heading_at_line (analysis, self->current_line);
  if (current >= (gint) n)
    current = -1;
  if (current == self->current &&
      gtk_single_selection_get_selected (self->selection) == (current < 0 ? GTK_INVALID_LIST_POSITION : (guint) current))
    return;
  self->current = current;
  gtk_single_selection_set_selected (self->selection,
                                     current >= 0 ? (guint) current : GTK_INVALID_LIST_POSITION);
  /* keep it in view, as the editor's cursor moves through the post */
  if (current >= 0 && gtk_widget_get_mapped (GTK_WIDGET (self->list)))
    gtk_widget_activate_action (GTK_WIDGET (self->list), "list.scroll-to-item", "u", (guint) current);
}

static void
byline_outline_update_placeholder (BylineOutline *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->store)) == 0;

  gtk_widget_set_visible (self->placeholder, empty);
  gtk_widget_set_visible (self->scroller, !empty);
}

/* Keep the rows that still show the same heading; replace the run between
 * the unchanged head and tail of the list. */
static void
byline_outline_analyzer_notify_analysis_cb (BylineOutline  *self,
                                            GParamSpec     *pspec,
                                            BylineAnalyzer *analyzer)
{
  BylineAnalysis *analysis = byline_analyzer_get_analysis (analyzer);
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  guint n_new = analysis != NULL ? byline_analysis_get_n_headings (analysis) : 0;
  guint head = 0;
  guint tail = 0;

  while (head < n_old && head < n_new)
    {
      g_autoptr(BylineOutlineItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), head);
      const BylineHeading *heading = byline_analysis_get_heading (analysis, head);

      if (!byline_outline_item_is (item, heading))
        break;
      byline_outline_item_set_line (item, heading->line);
      head++;
    }
  while (tail < n_old - head && tail < n_new - head)
    {
      g_autoptr(BylineOutlineItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), n_old - 1 - tail);
      const BylineHeading *heading = byline_analysis_get_heading (analysis, n_new - 1 - tail);

      if (!byline_outline_item_is (item, heading))
        break;
      byline_outline_item_set_line (item, heading->line);
      tail++;
    }

  if (head + tail < n_old || head + tail < n_new)
    {
      guint n_added = n_new - head - tail;
      g_autoptr(GPtrArray) added = g_ptr_array_new_full (n_added, g_object_unref);

      for (guint i = head; i < n_new - tail; i++)
        g_ptr_array_add (added, byline_outline_item_new (byline_analysis_get_heading (analysis, i)));
      g_list_store_splice (self->store, head, n_old - head - tail, added->pdata, n_added);
      self->current = -2;   /* rows changed: select again */
      byline_outline_update_placeholder (self);
    }

  byline_outline_update_current (self);
}

static void
byline_outline_activate (BylineOutline *self,
                         guint          position)
{
  g_autoptr(BylineOutlineItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), position);

  if (item == NULL)
    return;
  g_signal_emit (self, signals[HEADING_ACTIVATED], 0,
                 byline_outline_item_get_line (item), byline_outline_item_get_id (item));
}

/* Enter, or a double click */
static void
byline_outline_list_activate_cb (BylineOutline *self,
                                 guint          position,
                                 GtkListView   *list)
{
  byline_outline_activate (self, position);
}

/* One click jumps too (a list view's own single-click activation would
 * also select rows under the pointer, and the selection is the heading
 * the cursor is in). */
static void
byline_outline_row_click_released_cb (GtkGestureClick *gesture,
                                      int              n_press,
                                      double           x,
                                      double           y,
                                      GtkListItem     *list_item)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  BylineOutline *self = BYLINE_OUTLINE (gtk_widget_get_ancestor (widget, BYLINE_TYPE_OUTLINE));
  guint position = gtk_list_item_get_position (list_item);

  if (self == NULL || position == GTK_INVALID_LIST_POSITION || n_press != 1)
    return;
  byline_outline_activate (self, position);
}

static void
byline_outline_factory_setup_cb (GtkSignalListItemFactory *factory,
                                 GtkListItem              *list_item,
                                 gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0.f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  g_signal_connect (click, "released", G_CALLBACK (byline_outline_row_click_released_cb), list_item);
  gtk_widget_add_controller (label, GTK_EVENT_CONTROLLER (click));
  gtk_list_item_set_child (list_item, label);
}

static void
byline_outline_factory_bind_cb (GtkSignalListItemFactory *factory,
                                GtkListItem              *list_item,
                                gpointer                  user_data)
{
  BylineOutlineItem *heading = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  guint level = byline_outline_item_get_level (heading);
  const char *text = byline_outline_item_get_text (heading);

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_margin_start (label, 12 * (level - 1));
  gtk_widget_set_tooltip_text (label, text);
  if (level == 1)
    gtk_widget_add_css_class (label, "heading");
  else
    gtk_widget_remove_css_class (label, "heading");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  GTK_ACCESSIBLE_PROPERTY_LEVEL, (int) level,
                                  -1);
}

static void
byline_outline_dispose (GObject *object)
{
  BylineOutline *self = BYLINE_OUTLINE (object);

  byline_outline_set_analyzer (self, NULL);
  g_clear_pointer (&self->title, gtk_widget_unparent);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_pointer (&self->placeholder, gtk_widget_unparent);

  G_OBJECT_CLASS (byline_outline_parent_class)->dispose (object);
}

static void
byline_outline_finalize (GObject *object)
{
  BylineOutline *self = BYLINE_OUTLINE (object);

  g_clear_object (&self->selection);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (byline_outline_parent_class)->finalize (object);
}

static void
byline_outline_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BylineOutline *self = BYLINE_OUTLINE (object);

  switch (prop_id)
    {
    case PROP_ANALYZER:
      g_value_set_object (value, self->analyzer);
      break;
    case PROP_CURRENT_LINE:
      g_value_set_uint (value, self->current_line);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_outline_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  BylineOutline *self = BYLINE_OUTLINE (object);

  switch (prop_id)
    {
    case PROP_ANALYZER:
      byline_outline_set_analyzer (self, g_value_get_object (value));
      break;
    case PROP_CURRENT_LINE:
      byline_outline_set_current_line (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_outline_class_init (BylineOutlineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_outline_dispose;
  object_class->finalize = byline_outline_finalize;
  object_class->get_property = byline_outline_get_property;
  object_class->set_property = byline_outline_set_property;

  /**
   * BylineOutline:analyzer:
   *
   * Where the headings come from.
   */
  properties[PROP_ANALYZER] =
    g_param_spec_object ("analyzer", NULL, NULL,
                         BYLINE_TYPE_ANALYZER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * BylineOutline:current-line:
   *
   * The editor's cursor line (1-based, file coordinates): the heading
   * above it is highlighted.
   */
  properties[PROP_CURRENT_LINE] =
    g_param_spec_uint ("current-line", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BylineOutline::heading-activated:
   * @line: the heading's line, 1-based, in file coordinates
   * @id: the heading's id in the preview
   *
   * The user clicked a heading or pressed Enter on it.
   */
  signals[HEADING_ACTIVATED] =
    g_signal_new ("heading-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "outline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
byline_outline_init (BylineOutline *self)
{
  GtkListItemFactory *factory;

  self->current = -1;
  self->store = g_list_store_new (BYLINE_TYPE_OUTLINE_ITEM);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  /* Translators: the title of the list of the post's headings */
  self->title = gtk_label_new (_("Outline"));
  gtk_label_set_xalign (GTK_LABEL (self->title), 0.f);
  gtk_widget_add_css_class (self->title, "heading");
  gtk_widget_set_margin_start (self->title, 12);
  gtk_widget_set_margin_top (self->title, 8);
  gtk_widget_set_margin_bottom (self->title, 4);
  gtk_widget_set_parent (self->title, GTK_WIDGET (self));

  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->store)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (byline_outline_factory_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (byline_outline_factory_bind_cb), NULL);
  self->list = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)), factory));
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Outline of the post"),
                                  -1);
  g_signal_connect_object (self->list, "activate",
                           G_CALLBACK (byline_outline_list_activate_cb), self, G_CONNECT_SWAPPED);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (self->scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->list));
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  self->placeholder = gtk_label_new (_("No Headings"));
  gtk_widget_add_css_class (self->placeholder, "dim-label");
  gtk_widget_set_vexpand (self->placeholder, TRUE);
  gtk_widget_set_valign (self->placeholder, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->placeholder, 12);
  gtk_widget_set_parent (self->placeholder, GTK_WIDGET (self));
  byline_outline_update_placeholder (self);
}

GtkWidget *
byline_outline_new (void)
{
  return g_object_new (BYLINE_TYPE_OUTLINE, NULL);
}

BylineAnalyzer *
byline_outline_get_analyzer (BylineOutline *self)
{
  g_return_val_if_fail (BYLINE_IS_OUTLINE (self), NULL);
  return self->analyzer;
}

void
byline_outline_set_analyzer (BylineOutline  *self,
                             BylineAnalyzer *analyzer)
{
  g_return_if_fail (BYLINE_IS_OUTLINE (self));
  g_return_if_fail (analyzer == NULL || BYLINE_IS_ANALYZER (analyzer));

  if (self->analyzer == analyzer)
    return;
  if (self->analyzer != NULL)
    g_signal_handlers_disconnect_by_data (self->analyzer, self);
  g_set_object (&self->analyzer, analyzer);
  if (analyzer != NULL)
    {
      g_signal_connect_object (analyzer, "notify::analysis",
                               G_CALLBACK (byline_outline_analyzer_notify_analysis_cb), self,
                               G_CONNECT_SWAPPED);
      byline_outline_analyzer_notify_analysis_cb (self, NULL, analyzer);
    }
  else if (self->store != NULL)
    {
      g_list_store_remove_all (self->store);
      if (self->placeholder != NULL)
        byline_outline_update_placeholder (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANALYZER]);
}

guint
byline_outline_get_current_line (BylineOutline *self)
{
  g_return_val_if_fail (BYLINE_IS_OUTLINE (self), 0);
  return self->current_line;
}

void
byline_outline_set_current_line (BylineOutline *self,
                                 guint          line)
{
  g_return_if_fail (BYLINE_IS_OUTLINE (self));

  if (self->current_line == line)
    return;
  self->current_line = line;
  byline_outline_update_current (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_LINE]);
}

/**
 * byline_outline_get_model:
 *
 * Returns: (transfer none): the headings shown, of #BylineOutlineItem
 */
GListModel *
byline_outline_get_model (BylineOutline *self)
{
  g_return_val_if_fail (BYLINE_IS_OUTLINE (self), NULL);
  return G_LIST_MODEL (self->store);
}

/**
 * byline_outline_get_current:
 *
 * Returns: the index of the highlighted heading, or -1
 */
gint
byline_outline_get_current (BylineOutline *self)
{
  g_return_val_if_fail (BYLINE_IS_OUTLINE (self), -1);
  return self->current;
}

/**
 * byline_outline_focus:
 *
 * Moves the keyboard focus to the highlighted heading (or the first).
 */
void
byline_outline_focus (BylineOutline *self)
{
  g_return_if_fail (BYLINE_IS_OUTLINE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->list));
}
