/* byline-lines.h: one notion of a line break
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * A line break is "\n", "\r\n" or a lone "\r": what YAML (libyaml and
 * js-yaml) and Markdown (cmark-gfm and micromark) count as one. Entry
 * spans and positions in the frontmatter, the body's first line and the
 * rendered blocks' lines are all counted with these, so they agree with
 * each other and with the tools that read the post.
 */

gsize  byline_next_line_break   (const char *text,
                                 gsize       len,
                                 gsize       pos,
                                 gsize      *break_len);
gsize  byline_line_start        (const char *text,
                                 gsize       len,
                                 gsize       pos);
guint  byline_count_line_breaks (const char *text,
                                 gsize       len);

G_END_DECLS
