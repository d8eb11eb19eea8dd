/* byline-preview.h: the live preview of a post, patched block by block
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <webkit/webkit.h>

#include "byline-post.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_PREVIEW (byline_preview_get_type ())

G_DECLARE_FINAL_TYPE (BylinePreview, byline_preview, BYLINE, PREVIEW, WebKitWebView)

/* The script world the page's own code runs in (and where the "painted",
 * "line" and "link" messages come from). */
#define BYLINE_PREVIEW_SCRIPT_WORLD "byline"

/* Documents above this size show a "paused" notice instead of a render. */
#define BYLINE_PREVIEW_DEFAULT_SIZE_LIMIT (5 * 1024 * 1024)

GtkWidget *byline_preview_new                (void);
void       byline_preview_set_file           (BylinePreview *self,
                                              GFile         *file);
GFile     *byline_preview_get_file           (BylinePreview *self);
void       byline_preview_set_text           (BylinePreview *self,
                                              const char    *text,
                                              gssize         len);
void       byline_preview_set_post           (BylinePreview *self,
                                              BylinePost    *post);
void       byline_preview_scroll_to_line     (BylinePreview *self,
                                              guint          line);
void       byline_preview_scroll_to_heading  (BylinePreview *self,
                                              const char    *id);
void       byline_preview_sync_to_line       (BylinePreview *self,
                                              double         line);
guint      byline_preview_get_serial         (BylinePreview *self);
guint      byline_preview_get_painted_serial (BylinePreview *self);
gboolean   byline_preview_get_remote_content (BylinePreview *self);
void       byline_preview_set_remote_content (BylinePreview *self,
                                              gboolean       remote_content);
gboolean   byline_preview_get_paused         (BylinePreview *self);
guint64    byline_preview_get_size_limit     (BylinePreview *self);
void       byline_preview_set_size_limit     (BylinePreview *self,
                                              guint64        size_limit);

G_END_DECLS
