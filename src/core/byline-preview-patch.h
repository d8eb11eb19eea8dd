/* byline-preview-patch.h: the script that turns one render of a post into the next
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "byline-post.h"

G_BEGIN_DECLS

/**
 * BylineShown:
 *
 * The blocks a preview page shows, and the text they were rendered from.
 * Immutable, reference counted, safe to share between threads.
 */
typedef struct _BylineShown BylineShown;

BylineShown *byline_shown_ref   (BylineShown *self);
void         byline_shown_unref (BylineShown *self);
guint        byline_shown_get_n_blocks (BylineShown *self);
guint        byline_shown_get_max_depth (BylineShown *self);
const char  *byline_shown_get_block    (BylineShown *self,
                                        guint        index,
                                        guint       *first_line,
                                        guint       *last_line);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineShown, byline_shown_unref)

/**
 * BylinePreviewPatch:
 *
 * One update of a preview page: what it is made from (set by
 * byline_preview_patch_new()) and, once byline_preview_patch_build() ran,
 * what the page will show and the script that gets it there. Build it on
 * any thread; read it on the thread that built it or after handing it over.
 *
 * @shown: the blocks the page shows once the script ran
 * @incremental: whether only the changed blocks were rendered
 * @header/@footer: the page's header and footer (built from the post's
 *   frontmatter; the last good ones while the YAML is broken)
 * @script: `byline.patch(…)`: the block operations, the line shifts of
 *   kept blocks, the header and footer when they changed
 * @changed: whether the script changes anything on the page
 */
typedef struct
{
  /*< private >*/
  BylinePost     *post;
  GBytes         *text;
  guint           serial;
  BylineShown    *prev;
  gboolean        allow_incremental;
  char           *prev_header;
  char           *prev_footer;
  char           *post_dir;
  char           *site_src;
  /*< public >*/
  BylineShown    *shown;
  gboolean        incremental;
  char           *header;
  char           *footer;
  GString        *script;
  gboolean        changed;
} BylinePreviewPatch;

BylinePreviewPatch *byline_preview_patch_new   (BylinePost         *post,
                                                guint               serial,
                                                BylineShown        *prev,
                                                const char         *prev_header,
                                                const char         *prev_footer,
                                                const char         *post_dir,
                                                const char         *site_src,
                                                gboolean            allow_incremental);
void                byline_preview_patch_build (BylinePreviewPatch *self);
void                byline_preview_patch_free  (BylinePreviewPatch *self);

void                byline_js_append_string    (GString            *string,
                                                const char         *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylinePreviewPatch, byline_preview_patch_free)

G_END_DECLS
