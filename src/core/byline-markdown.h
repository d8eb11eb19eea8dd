/* byline-markdown.h: a post's body rendered as the site will publish it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "byline-analysis.h"

G_BEGIN_DECLS

/**
 * BylineBlock:
 * @html: the block's HTML, as Astro's pipeline would emit it
 * @first_line/@last_line: 1-based, in file coordinates (frontmatter counted)
 * @hash: a hash of @html; equal hashes mean the same DOM
 * @depth: how deep its elements nest, about (each block, list item and
 *   inline container counts one); a page builds only so deep a DOM
 *
 * One top-level block of the rendered body. The footnotes section, when the
 * post has footnotes, is the last block.
 */
typedef struct
{
  char    *html;
  guint    first_line;
  guint    last_line;
  guint64  hash;
  guint    depth;
} BylineBlock;

/**
 * BylineRenderOptions:
 * @post_dir: (nullable): the folder of the post, for relative images
 * @site_src_dir: (nullable): the site's `src/`, for Astro's `@/` alias;
 *   %NULL to look it up from @post_dir (the nearest `astro.config.*`)
 * @first_line: the file line of the body's first line (BylineSplit.body_line)
 *
 * Image sources stay as written, relative to the post (Astro's Markdown
 * processor emits them so; the preview loads its page with the post's folder
 * as base URI). Only `@/…` is rewritten, to a path from @post_dir into the
 * site's `src/`.
 */
typedef struct
{
  const char *post_dir;
  const char *site_src_dir;
  guint       first_line;
} BylineRenderOptions;

typedef struct _BylineRendered BylineRendered;

BylineRendered    *byline_markdown_render         (const char                *body,
                                                   gsize                      len,
                                                   const BylineRenderOptions *options);
BylineRendered    *byline_rendered_ref            (BylineRendered            *self);
void               byline_rendered_unref          (BylineRendered            *self);
guint              byline_rendered_get_n_blocks   (BylineRendered            *self);
const BylineBlock *byline_rendered_get_block      (BylineRendered            *self,
                                                   guint                      index);
char              *byline_rendered_to_html        (BylineRendered            *self);
char              *byline_markdown_find_site_src  (const char                *post_dir);
BylineAnalysis    *byline_markdown_analyze        (const char                *body,
                                                   gsize                      len,
                                                   guint                      first_line);

/**
 * BylineAnalyzeCache:
 *
 * What the last read of a body left behind for the next one: the counts
 * and headings of each top-level block. Not thread-safe: one thread at a
 * time.
 */
typedef struct _BylineAnalyzeCache BylineAnalyzeCache;

BylineAnalyzeCache *byline_analyze_cache_new      (void);
void                byline_analyze_cache_free     (BylineAnalyzeCache *self);
BylineAnalysis     *byline_analyze_cache_update   (BylineAnalyzeCache *self,
                                                   const char         *body,
                                                   gsize               len,
                                                   guint               first_line);
gsize               byline_analyze_cache_get_reparsed (BylineAnalyzeCache *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineRendered, byline_rendered_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineAnalyzeCache, byline_analyze_cache_free)

G_END_DECLS
