/* byline-test-hostile.h: posts made of pathological Markdown, generated
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  BYLINE_TEST_HOSTILE_HEADINGS,     /* "# Heading" on every line, all alike */
  BYLINE_TEST_HOSTILE_BLOCKQUOTES,  /* lines of "> > > … text", one quote @depth deep */
  BYLINE_TEST_HOSTILE_LISTS,        /* lines of "- - - … item", one list @depth deep */
  BYLINE_TEST_HOSTILE_ONE_LINE,     /* one paragraph on one line, no line break */
  BYLINE_TEST_HOSTILE_EMPHASIS,     /* one paragraph of "*a **b " runs */
  BYLINE_TEST_HOSTILE_FOOTNOTES,    /* references, then a definition for each */
  BYLINE_TEST_HOSTILE_TABLE,        /* a table @depth columns wide */
  BYLINE_TEST_HOSTILE_PROSE,        /* not hostile: paragraphs of prose, to compare */
  BYLINE_TEST_HOSTILE_N_SHAPES
} BylineTestHostile;

/**
 * BylineTestHostilePost:
 * @text: the whole post: a small frontmatter block, then the body
 * @body_start: where the body starts in @text
 * @n_units: how many of the shape's units the body holds: headings,
 *   nesting levels, footnotes, columns, paragraphs; the paragraph's bytes
 *   for ONE_LINE and the runs for EMPHASIS
 * @n_lines: how many lines of the shape (rows for TABLE)
 */
typedef struct
{
  GString *text;
  gsize    body_start;
  guint    n_units;
  guint    n_lines;
} BylineTestHostilePost;

const char *byline_test_hostile_name     (BylineTestHostile      shape);
void        byline_test_hostile_make     (BylineTestHostile      shape,
                                          gsize                  size,
                                          guint                  depth,
                                          BylineTestHostilePost *post);
gsize       byline_test_hostile_edit_at  (const GString         *text,
                                          gsize                  body_start);
void        byline_test_hostile_clear    (BylineTestHostilePost *post);

G_END_DECLS
