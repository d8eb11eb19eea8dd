/* byline-smartypants.h: smart punctuation as remark-smartypants does it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <cmark-gfm.h>

G_BEGIN_DECLS

/* Curls quotes, turns `--`, `...` and backticks into typographic
 * characters in the text nodes of @doc, as remark-smartypants does. On the
 * way it collects the headings (document order) into @headings and the
 * links made by the autolink extension into @autolinks, for the passes that
 * run after it. @text_len is the length of the parsed text, to size its
 * buffer once. */
void _byline_smartypants_educate (cmark_node *doc,
                                  gsize       text_len,
                                  GPtrArray  *headings,
                                  GPtrArray  *autolinks);

G_END_DECLS
