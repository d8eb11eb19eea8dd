/* byline-scroll-sync.c: the editor and the preview scrolled together
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both panes speak of the source line at the top of their view, with the
 * fraction of it scrolled past: the editor from its line geometry, the
 * preview from its blocks' source lines (data-first/data-last). Scrolling
 * one puts that line at the top of the other.
 *
 * No feedback loop: each side ignores the echo of the scrolling the other
 * asked of it. The page's script does not report a scroll that lands where
 * its own last scroll did; here, a change of the editor's adjustment to
 * the value we just set is not sent back. And no more than one update a
 * frame goes either way: the editor's through a tick callback, the
 * preview's through requestAnimationFrame.
 */

#define G_LOG_DOMAIN "Byline"

#include "config.h"

#include <math.h>

#include "byline-scroll-sync.h"

struct _BylineScrollSync
{
  GObject        parent_instance;

  /* weak: they belong to the page */
  GtkTextView   *view;
  BylinePreview *preview;
  GtkAdjustment *vadjustment;

  guint          tick_id;
  double         own_value;     /* the editor's value we set last, or NAN */
  guint          enabled : 1;
};

G_DEFINE_FINAL_TYPE (BylineScrollSync, byline_scroll_sync, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ENABLED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
byline_scroll_sync_tick_cb (GtkWidget     *widget,
                            GdkFrameClock *clock,
                            gpointer       user_data)
{
  BylineScrollSync *self = user_data;

  self->tick_id = 0;
  /* a paused preview (a text too large for it) has nothing to follow */
  if (self->enabled && self->preview != NULL && gtk_widget_get_mapped (GTK_WIDGET (self->preview)) &&
      !byline_preview_get_paused (self->preview))
    byline_preview_sync_to_line (self->preview, byline_scroll_sync_get_top_line (self));
  return G_SOURCE_REMOVE;
}

static void
byline_scroll_sync_adjustment_value_changed_cb (BylineScrollSync *self,
                                                GtkAdjustment    *adjustment)
{
  double value = gtk_adjustment_get_value (adjustment);

  if (!isnan (self->own_value) && fabs (value - self->own_value) < 1.)
    return;   /* the preview's scrolling, coming back */
  self->own_value = NAN;
  if (!self->enabled || self->tick_id != 0 || self->view == NULL ||
      self->preview == NULL || byline_preview_get_paused (self->preview))
    return;
  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->view),
                                                byline_scroll_sync_tick_cb, self, NULL);
}

static void
byline_scroll_sync_set_adjustment (BylineScrollSync *self,
                                   GtkAdjustment    *adjustment)
{
  if (self->vadjustment == adjustment)
    return;
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_set_object (&self->vadjustment, adjustment);
  if (adjustment != NULL)
    g_signal_connect_object (adjustment, "value-changed",
                             G_CALLBACK (byline_scroll_sync_adjustment_value_changed_cb),
                             self, G_CONNECT_SWAPPED);
}

static void
byline_scroll_sync_view_notify_vadjustment_cb (BylineScrollSync *self,
                                               GParamSpec       *pspec,
                                               GtkScrollable    *view)
{
  byline_scroll_sync_set_adjustment (self, gtk_scrollable_get_vadjustment (view));
}

static void
byline_scroll_sync_preview_scrolled_cb (BylineScrollSync *self,
                                        double            line,
                                        BylinePreview    *preview)
{
  if (!self->enabled)
    return;
  byline_scroll_sync_scroll_editor_to_line (self, line);
}

static void
byline_scroll_sync_dispose (GObject *object)
{
  BylineScrollSync *self = BYLINE_SCROLL_SYNC (object);

  if (self->tick_id != 0 && self->view != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->view), self->tick_id);
  self->tick_id = 0;
  byline_scroll_sync_set_adjustment (self, NULL);
  if (self->view != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->view, self);
      g_object_remove_weak_pointer (G_OBJECT (self->view), (gpointer *) &self->view);
      self->view = NULL;
    }
  if (self->preview != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->preview, self);
      g_object_remove_weak_pointer (G_OBJECT (self->preview), (gpointer *) &self->preview);
      self->preview = NULL;
    }

  G_OBJECT_CLASS (byline_scroll_sync_parent_class)->dispose (object);
}

static void
byline_scroll_sync_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BylineScrollSync *self = BYLINE_SCROLL_SYNC (object);

  switch (prop_id)
    {
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_scroll_sync_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  BylineScrollSync *self = BYLINE_SCROLL_SYNC (object);

  switch (prop_id)
    {
    case PROP_ENABLED:
      byline_scroll_sync_set_enabled (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_scroll_sync_class_init (BylineScrollSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = byline_scroll_sync_dispose;
  object_class->get_property = byline_scroll_sync_get_property;
  object_class->set_property = byline_scroll_sync_set_property;

  /**
   * BylineScrollSync:enabled:
   *
   * Whether scrolling either pane scrolls the other (the `sync-scroll`
   * setting).
   */
  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
byline_scroll_sync_init (BylineScrollSync *self)
{
  self->enabled = TRUE;
  self->own_value = NAN;
}

/**
 * byline_scroll_sync_new:
 * @view: the editor
 * @preview: the preview
 *
 * Returns: (transfer full): an object that keeps @view and @preview
 *   scrolled to the same line while it lives (it holds neither)
 */
BylineScrollSync *
byline_scroll_sync_new (GtkTextView   *view,
                        BylinePreview *preview)
{
  BylineScrollSync *self;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);
  g_return_val_if_fail (BYLINE_IS_PREVIEW (preview), NULL);

  self = g_object_new (BYLINE_TYPE_SCROLL_SYNC, NULL);
  self->view = view;
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &self->view);
  self->preview = preview;
  g_object_add_weak_pointer (G_OBJECT (preview), (gpointer *) &self->preview);

  g_signal_connect_object (view, "notify::vadjustment",
                           G_CALLBACK (byline_scroll_sync_view_notify_vadjustment_cb),
                           self, G_CONNECT_SWAPPED);
  byline_scroll_sync_set_adjustment (self, gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view)));
  g_signal_connect_object (preview, "scrolled",
                           G_CALLBACK (byline_scroll_sync_preview_scrolled_cb),
                           self, G_CONNECT_SWAPPED);
  return self;
}

gboolean
byline_scroll_sync_get_enabled (BylineScrollSync *self)
{
  g_return_val_if_fail (BYLINE_IS_SCROLL_SYNC (self), FALSE);
  return self->enabled;
}

void
byline_scroll_sync_set_enabled (BylineScrollSync *self,
                                gboolean          enabled)
{
  g_return_if_fail (BYLINE_IS_SCROLL_SYNC (self));

  enabled = !!enabled;
  if (self->enabled == (guint) enabled)
    return;
  self->enabled = enabled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
}

/**
 * byline_scroll_sync_get_top_line:
 *
 * Returns: the editor's line (1-based) at the top of its view, with the
 *   fraction of it scrolled past
 */
double
byline_scroll_sync_get_top_line (BylineScrollSync *self)
{
  GdkRectangle visible;
  GtkTextIter iter;
  int line_top = 0;
  int y = 0;
  int height = 0;

  g_return_val_if_fail (BYLINE_IS_SCROLL_SYNC (self), 1.);

  if (self->view == NULL)
    return 1.;
  gtk_text_view_get_visible_rect (self->view, &visible);
  gtk_text_view_get_line_at_y (self->view, &iter, MAX (visible.y, 0), &line_top);
  gtk_text_view_get_line_yrange (self->view, &iter, &y, &height);
  return gtk_text_iter_get_line (&iter) + 1. +
         (height > 0 ? CLAMP ((double) (visible.y - y) / height, 0., 1.) : 0.);
}

/**
 * byline_scroll_sync_scroll_editor_to_line:
 * @line: a line (1-based), with the fraction of it to scroll past
 *
 * Scrolls the editor so @line is at the top of its view (as far as it can
 * scroll). The change this makes is not sent back to the preview.
 */
void
byline_scroll_sync_scroll_editor_to_line (BylineScrollSync *self,
                                          double            line)
{
  GtkTextBuffer *buffer;
  GdkRectangle visible;
  GtkTextIter iter;
  int y = 0;
  int height = 0;
  double value;
  int index;

  g_return_if_fail (BYLINE_IS_SCROLL_SYNC (self));

  if (self->view == NULL || self->vadjustment == NULL)
    return;
  buffer = gtk_text_view_get_buffer (self->view);
  index = (int) floor (MAX (line, 1.)) - 1;
  gtk_text_buffer_get_iter_at_line (buffer, &iter, index);
  gtk_text_view_get_line_yrange (self->view, &iter, &y, &height);
  gtk_text_view_get_visible_rect (self->view, &visible);
  /* the adjustment and the buffer's coordinates differ by the margins */
  value = gtk_adjustment_get_value (self->vadjustment) +
          (y + (line - 1. - gtk_text_iter_get_line (&iter)) * height - visible.y);
  value = CLAMP (value, gtk_adjustment_get_lower (self->vadjustment),
                 gtk_adjustment_get_upper (self->vadjustment) -
                 gtk_adjustment_get_page_size (self->vadjustment));
  if (fabs (value - gtk_adjustment_get_value (self->vadjustment)) < 1.)
    return;
  self->own_value = value;
  gtk_adjustment_set_value (self->vadjustment, value);
  self->own_value = gtk_adjustment_get_value (self->vadjustment);
}
