/* fuzz-markdown.c: a whole post split and its body rendered
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Block invariants the preview relies on: each block's lines lie within
 * the body and follow the previous block's (the footnotes section, last,
 * spans the definitions wherever they are), a block has HTML, and the same
 * text renders the same blocks every time. And the writing tools' figures
 * read again after an edit (BylineAnalyzeCache) are those of a whole read.
 */

#include "config.h"

#include <string.h>

#include "byline-frontmatter.h"
#include "byline-markdown.h"
#include "fuzz-common.h"

/* lines as cmark-gfm counts them: \n, \r\n and a lone \r each end one */
static guint
count_lines (const char *text,
             gsize       len)
{
  guint n = 1;

  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')
        i++;
      if (text[i] == '\n' || text[i] == '\r')
        n++;
    }
  return n;
}

/* The body with a few bytes taken out somewhere (where the input says),
 * read first; then the body itself, read again around the difference. */
static void
check_incremental (const uint8_t *data,
                   size_t         size,
                   const char    *body,
                   gsize          body_len,
                   guint          first_line)
{
  g_autoptr(BylineAnalyzeCache) cache = byline_analyze_cache_new ();
  g_autoptr(GString) edited = g_string_new_len (body, body_len);
  g_autoptr(BylineAnalysis) got = NULL;
  g_autoptr(BylineAnalysis) want = NULL;
  const BylineTextStats *g, *w;
  guint32 h = 2166136261u;
  gsize at, n;

  for (size_t i = 0; i < MIN (size, 64); i++)
    h = (h ^ data[i]) * 16777619u;
  at = body_len > 0 ? h % body_len : 0;
  n = MIN ((gsize) (h >> 24) % 9, body_len - at);
  g_string_erase (edited, (gssize) at, (gssize) n);

  byline_analysis_unref (byline_analyze_cache_update (cache, edited->str, edited->len, first_line));
  got = byline_analyze_cache_update (cache, body, body_len, first_line);
  want = byline_markdown_analyze (body, body_len, first_line);
  g = byline_analysis_get_stats (got);
  w = byline_analysis_get_stats (want);
  FUZZ_CHECK (g->words == w->words && g->characters == w->characters && g->cjk == w->cjk &&
              g->code_words == w->code_words,
              "read again after %" G_GSIZE_FORMAT " bytes at %" G_GSIZE_FORMAT ": %" G_GUINT64_FORMAT
              " words, %" G_GUINT64_FORMAT " characters; a whole read %" G_GUINT64_FORMAT ", %" G_GUINT64_FORMAT,
              n, at, g->words, g->characters, w->words, w->characters);
  FUZZ_CHECK (byline_analysis_get_n_headings (got) == byline_analysis_get_n_headings (want),
              "read again: %u headings, a whole read %u", byline_analysis_get_n_headings (got),
              byline_analysis_get_n_headings (want));
  for (guint i = 0; i < byline_analysis_get_n_headings (want); i++)
    {
      const BylineHeading *gh = byline_analysis_get_heading (got, i);
      const BylineHeading *wh = byline_analysis_get_heading (want, i);

      FUZZ_CHECK (gh->line == wh->line && gh->level == wh->level && g_strcmp0 (gh->id, wh->id) == 0 &&
                  g_strcmp0 (gh->text, wh->text) == 0,
                  "read again: heading %u is %s at %u, a whole read %s at %u", i, gh->id, gh->line,
                  wh->id, wh->line);
    }
}

static gboolean
is_footnotes (const BylineBlock *block)
{
  return g_str_has_prefix (block->html, "<section data-footnotes");
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *text = (const char *) data;
  BylineSplit split;
  BylineRenderOptions options = { NULL, NULL, 1 };
  g_autoptr(BylineRendered) a = NULL;
  g_autoptr(BylineRendered) b = NULL;
  const char *body;
  gsize body_len;
  guint body_last_line;
  guint n;

  fuzz_init ();

  byline_frontmatter_split (text, size, &split);
  body = text + split.body_start;
  body_len = size - split.body_start;
  options.first_line = split.body_line;
  FUZZ_CHECK (split.body_line == count_lines (text, split.body_start),
              "body_line %u, but %u lines before the body", split.body_line,
              count_lines (text, split.body_start));
  body_last_line = split.body_line + count_lines (body, body_len) - 1;

  a = byline_markdown_render (body, body_len, &options);
  b = byline_markdown_render (body, body_len, &options);

  n = byline_rendered_get_n_blocks (a);
  FUZZ_CHECK (n == byline_rendered_get_n_blocks (b), "two renders, %u and %u blocks", n,
              byline_rendered_get_n_blocks (b));
  for (guint i = 0; i < n; i++)
    {
      const BylineBlock *block = byline_rendered_get_block (a, i);
      const BylineBlock *again = byline_rendered_get_block (b, i);

      FUZZ_CHECK (g_strcmp0 (block->html, again->html) == 0 && block->hash == again->hash &&
                  block->first_line == again->first_line && block->last_line == again->last_line,
                  "block %u renders differently the second time", i);
      FUZZ_CHECK (block->html != NULL && block->html[0] != '\0', "block %u has no HTML", i);
      FUZZ_CHECK (block->first_line >= split.body_line && block->first_line <= block->last_line &&
                  block->last_line <= body_last_line,
                  "block %u at lines %u..%u, the body is %u..%u", i, block->first_line,
                  block->last_line, split.body_line, body_last_line);
      if (i > 0 && !(i == n - 1 && is_footnotes (block)))
        {
          const BylineBlock *prev = byline_rendered_get_block (a, i - 1);

          FUZZ_CHECK (block->first_line > prev->last_line,
                      "block %u at %u..%u after block %u at %u..%u", i, block->first_line,
                      block->last_line, i - 1, prev->first_line, prev->last_line);
        }
    }

  check_incremental (data, size, body, body_len, split.body_line);
  return 0;
}
