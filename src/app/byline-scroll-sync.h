/* byline-scroll-sync.h: the editor and the preview scrolled together
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "byline-preview.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_SCROLL_SYNC (byline_scroll_sync_get_type ())

G_DECLARE_FINAL_TYPE (BylineScrollSync, byline_scroll_sync, BYLINE, SCROLL_SYNC, GObject)

BylineScrollSync *byline_scroll_sync_new          (GtkTextView      *view,
                                                   BylinePreview    *preview);
gboolean          byline_scroll_sync_get_enabled  (BylineScrollSync *self);
void              byline_scroll_sync_set_enabled  (BylineScrollSync *self,
                                                   gboolean          enabled);
double            byline_scroll_sync_get_top_line (BylineScrollSync *self);
void              byline_scroll_sync_scroll_editor_to_line (BylineScrollSync *self,
                                                   double            line);

G_END_DECLS
