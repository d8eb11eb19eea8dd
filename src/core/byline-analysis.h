/* byline-analysis.h: what the writing tools read from a post's body: word
 * counts, reading time, the outline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "byline-schema.h"

G_BEGIN_DECLS

/**
 * BylineTextStats:
 * @words: words of prose: runs of text between white space, as Hugo's
 *   `.WordCount` counts them, except that each CJK character (Han, kana,
 *   Hangul) is a word of its own, and a run of punctuation touching CJK
 *   text is none
 * @characters: characters of prose, white space not counted
 * @cjk: how many of @words are CJK characters
 * @code_words: words in code blocks, counted as @words are; not in @words,
 *   but read by the generators' reading times
 *
 * Prose is what the rendered page shows as text: headings, paragraphs,
 * lists, tables, footnotes, inline code and the text inside raw HTML.
 * The frontmatter, code blocks, HTML tags, link and image URLs and image
 * alt text are not prose.
 */
typedef struct
{
  guint64 words;
  guint64 characters;
  guint64 cjk;
  guint64 code_words;
} BylineTextStats;

/**
 * BylineReadingRule:
 * @BYLINE_READING_RULE_DEFAULT: 200 words a minute, rounded up: what the
 *   `reading-time` npm package (the one Astro's recipe and AstroPaper's
 *   guide use) shows
 * @BYLINE_READING_RULE_HUGO: Hugo's `.ReadingTime` for Latin text:
 *   213 words a minute, rounded up
 *
 * Both read the words of code blocks too, as the generators do.
 */
typedef enum
{
  BYLINE_READING_RULE_DEFAULT,
  BYLINE_READING_RULE_HUGO,
} BylineReadingRule;

void      byline_text_stats_add_text        (BylineTextStats   *stats,
                                             const char        *text,
                                             gssize             len);
guint64   byline_text_stats_reading_minutes (const BylineTextStats *stats,
                                             BylineReadingRule  rule);
BylineReadingRule byline_reading_rule_for_schema (BylineSchema *schema);

/**
 * BylineHeading:
 * @level: 1 to 6
 * @line: the heading's first line, 1-based, in file coordinates
 * @text: its text, as a table of contents shows it
 * @id: the id the rendered page gives it (rehypeHeadingIds, as the
 *   preview renders it)
 */
typedef struct
{
  guint  level;
  guint  line;
  char  *text;
  char  *id;
} BylineHeading;

/**
 * BylineAnalysis:
 *
 * The word counts and the headings of one body. Immutable, reference
 * counted, safe to share between threads.
 */
typedef struct _BylineAnalysis BylineAnalysis;

#define BYLINE_TYPE_ANALYSIS (byline_analysis_get_type ())

GType                  byline_analysis_get_type       (void) G_GNUC_CONST;

BylineAnalysis        *byline_analysis_ref            (BylineAnalysis *self);
void                   byline_analysis_unref          (BylineAnalysis *self);
const BylineTextStats *byline_analysis_get_stats      (BylineAnalysis *self);
guint                  byline_analysis_get_n_headings (BylineAnalysis *self);
const BylineHeading   *byline_analysis_get_heading    (BylineAnalysis *self,
                                                       guint           index);
gint                   byline_analysis_heading_at_line (BylineAnalysis *self,
                                                       guint           line);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineAnalysis, byline_analysis_unref)

G_END_DECLS
