/* byline-wrap-layout.c: children in rows, wrapping like words
 *
 * The tag chips sit in rows that wrap at the widget's width. GtkFlowBox did
 * that, but it takes over the keyboard: its children are cells the arrow
 * keys move between, and Tab did not reach the chips' buttons at all. With
 * this layout the chips are plain children of a plain widget, so Tab visits
 * each of them in order, as it does any row of buttons.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "byline-wrap-layout.h"

struct _BylineWrapLayout
{
  GtkLayoutManager parent_instance;

  guint            spacing;
};

G_DEFINE_FINAL_TYPE (BylineWrapLayout, byline_wrap_layout, GTK_TYPE_LAYOUT_MANAGER)

enum {
  PROP_0,
  PROP_SPACING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Lays the children out in rows no wider than @width (when it is not -1),
 * each at its natural width (narrowed to @width when wider), and returns
 * the height the rows take. Allocates them when @allocate is set. */
static int
byline_wrap_layout_flow (BylineWrapLayout *self,
                         GtkWidget        *widget,
                         int               width,
                         gboolean          allocate)
{
  int x = 0;
  int y = 0;
  int row_height = 0;
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_width, child_height, minimum;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &child_width, NULL, NULL);
      if (width >= 0)
        child_width = MAX (minimum, MIN (child_width, width));

      if (x > 0 && width >= 0 && x + child_width > width)
        {
          x = 0;
          y += row_height + (int) self->spacing;
          row_height = 0;
        }

      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, child_width, NULL, &child_height, NULL, NULL);

      if (allocate)
        {
          GtkAllocation area = {
            rtl ? width - x - child_width : x, y, child_width, child_height,
          };

          gtk_widget_size_allocate (child, &area, -1);
        }

      x += child_width + (int) self->spacing;
      row_height = MAX (row_height, child_height);
    }

  return y + row_height;
}

static GtkSizeRequestMode
byline_wrap_layout_get_request_mode (GtkLayoutManager *manager,
                                     GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
byline_wrap_layout_measure (GtkLayoutManager *manager,
                            GtkWidget        *widget,
                            GtkOrientation    orientation,
                            int               for_size,
                            int              *minimum,
                            int              *natural,
                            int              *minimum_baseline,
                            int              *natural_baseline)
{
  BylineWrapLayout *self = BYLINE_WRAP_LAYOUT (manager);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* At least the widest child; at best all of them in one row. */
      int widest = 0;
      int row = 0;
      guint n = 0;

      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int child_minimum, child_natural;

          if (!gtk_widget_should_layout (child))
            continue;

          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_minimum, &child_natural, NULL, NULL);
          widest = MAX (widest, child_minimum);
          row += child_natural;
          n++;
        }

      *minimum = widest;
      *natural = row + (n > 1 ? (int) (n - 1) * (int) self->spacing : 0);
    }
  else
    {
      *minimum = *natural = byline_wrap_layout_flow (self, widget, for_size, FALSE);
    }
}

static void
byline_wrap_layout_allocate (GtkLayoutManager *manager,
                             GtkWidget        *widget,
                             int               width,
                             int               height,
                             int               baseline)
{
  byline_wrap_layout_flow (BYLINE_WRAP_LAYOUT (manager), widget, width, TRUE);
}

static void
byline_wrap_layout_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BylineWrapLayout *self = BYLINE_WRAP_LAYOUT (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      g_value_set_uint (value, self->spacing);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_wrap_layout_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  BylineWrapLayout *self = BYLINE_WRAP_LAYOUT (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      byline_wrap_layout_set_spacing (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_wrap_layout_class_init (BylineWrapLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  object_class->get_property = byline_wrap_layout_get_property;
  object_class->set_property = byline_wrap_layout_set_property;

  layout_class->get_request_mode = byline_wrap_layout_get_request_mode;
  layout_class->measure = byline_wrap_layout_measure;
  layout_class->allocate = byline_wrap_layout_allocate;

  /**
   * BylineWrapLayout:spacing:
   *
   * Pixels between two children of a row, and between two rows.
   */
  properties[PROP_SPACING] =
    g_param_spec_uint ("spacing", NULL, NULL,
                       0, G_MAXINT16, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
byline_wrap_layout_init (BylineWrapLayout *self)
{
}

/**
 * byline_wrap_layout_new:
 * @spacing: pixels between children and between rows
 *
 * Returns: (transfer full): a layout for a widget's children in wrapping rows
 */
GtkLayoutManager *
byline_wrap_layout_new (guint spacing)
{
  return g_object_new (BYLINE_TYPE_WRAP_LAYOUT, "spacing", spacing, NULL);
}

guint
byline_wrap_layout_get_spacing (BylineWrapLayout *self)
{
  g_return_val_if_fail (BYLINE_IS_WRAP_LAYOUT (self), 0);

  return self->spacing;
}

void
byline_wrap_layout_set_spacing (BylineWrapLayout *self,
                                guint             spacing)
{
  g_return_if_fail (BYLINE_IS_WRAP_LAYOUT (self));

  if (self->spacing == spacing)
    return;

  self->spacing = spacing;
  gtk_layout_manager_layout_changed (GTK_LAYOUT_MANAGER (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPACING]);
}
