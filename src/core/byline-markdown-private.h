/* byline-markdown-private.h: what the render passes and the HTML writer share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <cmark-gfm.h>

#include "byline-analysis.h"

G_BEGIN_DECLS

typedef struct
{
  GString      *out;
  const char   *src;        /* the body, LF line endings */
  GPtrArray    *lines;      /* offsets of each line start (as pointers) */
  GHashTable   *heading_ids;  /* cmark_node* -> id */
  GPtrArray    *fn_labels;  /* safe id of footnote n (index n-1) */
  GArray       *fn_counts;  /* references seen so far, per footnote */
  const char   *post_dir;
  char         *site_src;
  gboolean      site_src_looked_up;
  const char   *site_src_option;
  guint         depth;      /* elements open while rendering */
  guint         max_depth;  /* the deepest since the last block was pushed */
} Ctx;

typedef enum
{
  TEXT_ASTRO_ID,    /* rehypeHeadingIds: text, code, footnote numbers; no tags */
  TEXT_TOC,         /* mdast-util-to-string, includeImageAlt: false */
  TEXT_COLLAPSE,    /* mdast-util-to-string 1.x: alt or title instead of children */
  TEXT_ALT,         /* an image's alt: mdast-util-to-string, nested alts included */
} TextFlavour;

typedef enum
{
  INLINE_NORMAL,
  INLINE_TOC,       /* a TOC entry: no links, no footnote references */
} InlineMode;

gboolean  _byline_markdown_node_is          (cmark_node  *node,
                                             const char  *type_string);
gboolean  _byline_markdown_is_footnote_def  (cmark_node  *node);
void      _byline_markdown_escape_text      (GString     *out,
                                             const char  *s,
                                             gssize       len);
guint64   _byline_markdown_hash_html        (const char  *s,
                                             gsize        len);
char     *_byline_markdown_plain_text       (cmark_node  *node,
                                             TextFlavour  flavour);
void      _byline_markdown_render_block     (Ctx         *ctx,
                                             cmark_node  *node,
                                             gboolean     tight);
char     *_byline_markdown_footnote_safe_id (Ctx         *ctx,
                                             cmark_node  *def);
void      _byline_markdown_render_footnotes (Ctx         *ctx,
                                             GPtrArray   *defs);
void      _byline_markdown_render_toc       (Ctx         *ctx,
                                             GPtrArray   *entries,
                                             GPtrArray   *slugs);

/* byline-analysis.c: takes @headings (of BylineHeading) */
struct _BylineAnalysis *_byline_analysis_new (cmark_node  *doc,
                                             GArray      *headings);
struct _BylineAnalysis *_byline_analysis_new_with_stats (const BylineTextStats *stats,
                                                        GArray                *headings);
void      _byline_text_stats_add_node       (BylineTextStats       *stats,
                                             cmark_node            *node);
void      _byline_text_stats_add            (BylineTextStats       *stats,
                                             const BylineTextStats *other);

G_END_DECLS
