/* byline-analysis.c: word counts, reading time and the outline of a body
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Words are counted the way Hugo counts them (runs of text between white
 * space in the rendered page's text, `strings.Fields (.Plain)`), so a Latin
 * post gets Hugo's `.WordCount` once its code blocks are added back. CJK
 * text has no spaces between words: there each character is a word, which
 * is what Hugo does with `hasCJKLanguage` and what the `reading-time`
 * package does.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <cmark-gfm.h>

#include "byline-analysis.h"
#include "byline-markdown-private.h"

struct _BylineAnalysis
{
  gatomicrefcount  ref_count;
  BylineTextStats  stats;
  GArray          *headings;  /* of BylineHeading, in document order */
};

/* --- counting words ---------------------------------------------------------- */

/* The state of one count across the pieces of text fed to it (a word may
 * span two text nodes: `foo*bar*` is one word). */
typedef struct
{
  BylineTextStats *stats;
  guint64         *words;      /* where this text's words go */
  gboolean         prose;      /* whether its characters count */
  guint64          field_cjk;  /* CJK characters in the current field */
  guint64          field_runs; /* runs of other characters with a letter or digit */
  gboolean         in_field;
  gboolean         in_run;
  gboolean         run_alnum;
} Counter;

static gboolean
is_cjk (gunichar c)
{
  switch ((int) g_unichar_get_script (c))
    {
    case G_UNICODE_SCRIPT_HAN:
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA:
    case G_UNICODE_SCRIPT_HANGUL:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
counter_end_run (Counter *c)
{
  if (c->in_run && c->run_alnum)
    c->field_runs++;
  c->in_run = c->run_alnum = FALSE;
}

/* A field with CJK text in it is its CJK characters plus the runs of other
 * text between them that hold a letter or a digit (`日本語とEnglish。` is
 * four words: three characters and "English"); a field without is a word. */
static void
counter_end_field (Counter *c)
{
  counter_end_run (c);
  if (c->in_field)
    {
      if (c->field_cjk > 0)
        {
          *c->words += c->field_cjk + c->field_runs;
          if (c->prose)
            c->stats->cjk += c->field_cjk;
        }
      else
        *c->words += 1;
    }
  c->in_field = FALSE;
  c->field_cjk = c->field_runs = 0;
}

static void
counter_feed (Counter    *c,
              const char *text,
              gsize       len)
{
  const char *end = text + len;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (g_unichar_isspace (ch) || ch == 0x200B /* zero width space */)
        {
          counter_end_field (c);
          continue;
        }
      c->in_field = TRUE;
      if (c->prose)
        c->stats->characters++;
      if (is_cjk (ch))
        {
          counter_end_run (c);
          c->field_cjk++;
        }
      else
        {
          c->in_run = TRUE;
          if (g_unichar_isalnum (ch))
            c->run_alnum = TRUE;
        }
    }
}

/* Text with its HTML tags left out, as Hugo's StripHTML leaves it: a tag
 * is from `<` to the next `>`. */
static void
counter_feed_html (Counter    *c,
                   const char *html)
{
  const char *p = html;

  while (*p != '\0')
    {
      const char *lt = strchr (p, '<');
      const char *gt;

      if (lt == NULL)
        {
          counter_feed (c, p, strlen (p));
          break;
        }
      counter_feed (c, p, lt - p);
      gt = strchr (lt, '>');
      if (gt == NULL)
        break;
      p = gt + 1;
    }
}

/**
 * byline_text_stats_add_text:
 * @stats: the counts to add to
 * @text: plain text (valid UTF-8)
 * @len: its length in bytes, or -1 if nul-terminated
 *
 * Adds the words and characters of @text, as prose, to @stats.
 */
void
byline_text_stats_add_text (BylineTextStats *stats,
                            const char      *text,
                            gssize           len)
{
  Counter c = { stats, &stats->words, TRUE, };

  g_return_if_fail (stats != NULL);
  g_return_if_fail (text != NULL || len == 0);

  if (len < 0)
    len = strlen (text);
  counter_feed (&c, text, len);
  counter_end_field (&c);
}

/**
 * byline_text_stats_reading_minutes:
 * @stats: the counts of a body
 * @rule: how the site computes it
 *
 * Returns: the reading time, in minutes, as the site shows it (0 for no
 *   words at all)
 */
guint64
byline_text_stats_reading_minutes (const BylineTextStats *stats,
                                   BylineReadingRule      rule)
{
  guint64 words;

  g_return_val_if_fail (stats != NULL, 0);

  words = stats->words + stats->code_words;
  switch (rule)
    {
    case BYLINE_READING_RULE_HUGO:
      /* hugolib: (wordCount + 212) / 213 */
      return (words + 212) / 213;
    case BYLINE_READING_RULE_DEFAULT:
    default:
      /* reading-time: Math.ceil (parseFloat ((words / 200).toFixed (2))).
       * The minutes are rounded to hundredths first, from the double's
       * exact value (201 words: 1.00499… → "1.00" → 1 minute); C's "%.2f"
       * rounds the same exact value the same way. */
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];

        g_ascii_formatd (buf, sizeof buf, "%.2f", (double) words / 200.);
        return (guint64) ceil (g_ascii_strtod (buf, NULL));
      }
    }
}

/**
 * byline_reading_rule_for_schema:
 * @schema: (nullable): the schema of a post's site
 *
 * Returns: how the post's site computes reading time: Hugo's rule for a
 *   Hugo site, else the `reading-time` package's
 */
BylineReadingRule
byline_reading_rule_for_schema (BylineSchema *schema)
{
  if (schema != NULL && g_strcmp0 (byline_schema_get_source (schema), "built-in:hugo") == 0)
    return BYLINE_READING_RULE_HUGO;
  return BYLINE_READING_RULE_DEFAULT;
}

/* --- the tree ---------------------------------------------------------------- */

static gboolean
is_block (cmark_node *node)
{
  return (cmark_node_get_type (node) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK;
}

/* Every node between blocks ends a word: a heading's last word and the next
 * paragraph's first are two. So no word spans two top-level blocks, and a
 * body's counts are the sum of its top-level blocks' (which is what lets
 * the analyzer count only the blocks a keystroke changed). */
static void
count_tree (BylineTextStats *stats,
            cmark_node      *doc)
{
  Counter prose = { stats, &stats->words, TRUE, };
  Counter code = { stats, &stats->code_words, FALSE, };
  cmark_iter *iter = cmark_iter_new (doc);
  cmark_event_type ev;

  while ((ev = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      const char *literal;

      if (is_block (node))
        {
          counter_end_field (&prose);
          if (ev != CMARK_EVENT_ENTER)
            continue;
        }
      else if (ev != CMARK_EVENT_ENTER)
        continue;

      switch ((int) cmark_node_get_type (node))
        {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
          literal = cmark_node_get_literal (node);
          counter_feed (&prose, literal, strlen (literal));
          break;
        case CMARK_NODE_FOOTNOTE_REFERENCE:
          /* the page shows its number */
          literal = cmark_node_get_literal (node);
          counter_feed (&prose, literal, strlen (literal));
          break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
          counter_end_field (&prose);
          break;
        case CMARK_NODE_HTML_BLOCK:
        case CMARK_NODE_HTML_INLINE:
          counter_feed_html (&prose, cmark_node_get_literal (node));
          if (cmark_node_get_type (node) == CMARK_NODE_HTML_BLOCK)
            counter_end_field (&prose);
          break;
        case CMARK_NODE_CODE_BLOCK:
          literal = cmark_node_get_literal (node);
          counter_feed (&code, literal, strlen (literal));
          counter_end_field (&code);
          break;
        case CMARK_NODE_IMAGE:
          /* the alt text is an attribute, not text of the page */
          cmark_iter_reset (iter, node, CMARK_EVENT_EXIT);
          break;
        default:
          break;
        }
    }
  counter_end_field (&prose);
  cmark_iter_free (iter);
}

static void
heading_clear (gpointer data)
{
  BylineHeading *heading = data;

  g_free (heading->text);
  g_free (heading->id);
}

/* Takes @headings (of BylineHeading); counts the words of @doc. */
BylineAnalysis *
_byline_analysis_new (cmark_node *doc,
                      GArray     *headings)
{
  BylineTextStats stats = { 0, };

  count_tree (&stats, doc);
  return _byline_analysis_new_with_stats (&stats, headings);
}

/* Takes @headings (of BylineHeading); the counts are @stats. */
BylineAnalysis *
_byline_analysis_new_with_stats (const BylineTextStats *stats,
                                 GArray                *headings)
{
  BylineAnalysis *self = g_new0 (BylineAnalysis, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->headings = headings;
  g_array_set_clear_func (self->headings, heading_clear);
  self->stats = *stats;
  return self;
}

/* Adds the counts of @node and everything in it (a top-level block) */
void
_byline_text_stats_add_node (BylineTextStats *stats,
                             cmark_node      *node)
{
  count_tree (stats, node);
}

void
_byline_text_stats_add (BylineTextStats       *stats,
                        const BylineTextStats *other)
{
  stats->words += other->words;
  stats->characters += other->characters;
  stats->cjk += other->cjk;
  stats->code_words += other->code_words;
}

G_DEFINE_BOXED_TYPE (BylineAnalysis, byline_analysis, byline_analysis_ref, byline_analysis_unref)

BylineAnalysis *
byline_analysis_ref (BylineAnalysis *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
byline_analysis_unref (BylineAnalysis *self)
{
  if (self == NULL)
    return;
  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_array_unref (self->headings);
      g_free (self);
    }
}

const BylineTextStats *
byline_analysis_get_stats (BylineAnalysis *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->stats;
}

guint
byline_analysis_get_n_headings (BylineAnalysis *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->headings->len;
}

const BylineHeading *
byline_analysis_get_heading (BylineAnalysis *self,
                             guint           index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->headings->len, NULL);
  return &g_array_index (self->headings, BylineHeading, index);
}

/**
 * byline_analysis_heading_at_line:
 * @line: a line of the post, 1-based, in file coordinates
 *
 * Returns: the index of the last heading at or above @line, or -1 when
 *   @line is above the first heading
 */
gint
byline_analysis_heading_at_line (BylineAnalysis *self,
                                 guint           line)
{
  guint lo = 0;
  guint hi;

  g_return_val_if_fail (self != NULL, -1);

  hi = self->headings->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (self->headings, BylineHeading, mid).line <= line)
        lo = mid + 1;
      else
        hi = mid;
    }
  return (gint) lo - 1;
}
