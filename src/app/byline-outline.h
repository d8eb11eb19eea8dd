/* byline-outline.h: the post's headings, the current one highlighted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "byline-analyzer.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_OUTLINE (byline_outline_get_type ())

G_DECLARE_FINAL_TYPE (BylineOutline, byline_outline, BYLINE, OUTLINE, GtkWidget)

GtkWidget      *byline_outline_new              (void);
BylineAnalyzer *byline_outline_get_analyzer     (BylineOutline  *self);
void            byline_outline_set_analyzer     (BylineOutline  *self,
                                                 BylineAnalyzer *analyzer);
guint           byline_outline_get_current_line (BylineOutline  *self);
void            byline_outline_set_current_line (BylineOutline  *self,
                                                 guint           line);
GListModel     *byline_outline_get_model        (BylineOutline  *self);
gint            byline_outline_get_current      (BylineOutline  *self);
void            byline_outline_focus            (BylineOutline  *self);

G_END_DECLS
