/* byline-wrap-layout.h: children in rows, wrapping like words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BYLINE_TYPE_WRAP_LAYOUT (byline_wrap_layout_get_type ())

G_DECLARE_FINAL_TYPE (BylineWrapLayout, byline_wrap_layout, BYLINE, WRAP_LAYOUT, GtkLayoutManager)

GtkLayoutManager *byline_wrap_layout_new         (guint             spacing);
guint             byline_wrap_layout_get_spacing (BylineWrapLayout *self);
void              byline_wrap_layout_set_spacing (BylineWrapLayout *self,
                                                  guint             spacing);

G_END_DECLS
