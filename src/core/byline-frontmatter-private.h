/* byline-frontmatter-private.h: what the parser and the edit planner share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "byline-frontmatter.h"

G_BEGIN_DECLS

typedef struct
{
  BylineNode  pub;
  gsize       header_end;   /* block scalar: end of the indicator line, break excluded */
  gsize       block_end;    /* block scalar: start of the first line after it (trailing blank lines included) */
} Node;

typedef struct
{
  BylineEntry pub;
  gsize       colon_end;    /* just after the `:`; 0 for an explicit (`? key`) entry */
  gsize       indent_start; /* start of the key's line */
} Entry;

struct _BylineFrontmatter
{
  gatomicrefcount  ref_count;
  char            *text;
  gsize            len;
  BylineSplit      split;
  GError          *error;
  gsize            error_offset;
  gboolean         has_error_position;
  Node            *root;
  GHashTable      *root_index;    /* key → Entry, borrowed from root */
  GHashTable      *used_anchors;  /* anchor names some alias refers to */
  char           **key_order;
  gint             utf8_state;    /* 0 unknown, 1 valid, 2 invalid; computed lazily */
  guint            data_line;
};

gboolean  _byline_node_is_block_scalar (const BylineNode  *node);
gboolean  _byline_node_is_collection   (const BylineNode  *node);
gboolean  _byline_entry_is_merge_key   (const BylineEntry *entry);
char     *_byline_node_to_compact_json (const BylineNode  *node);
gsize     _byline_line_start_of        (const char        *text,
                                        gsize              pos,
                                        gsize              limit);
gsize     _byline_line_end_after       (const char        *text,
                                        gsize              pos,
                                        gsize              limit);
gsize     _byline_line_content_end     (const char        *text,
                                        gsize              pos,
                                        gsize              limit);
gboolean  _byline_blanks_only          (const char        *text,
                                        gsize              from,
                                        gsize              to);

G_END_DECLS
