/* test-analysis.c: word counts, reading time and the outline of a body
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The outline's ids must be the rendered page's (checked on every corpus
 * post against byline_markdown_render ()); the word counts must be Hugo's
 * `.WordCount` and the reading time its `.ReadingTime` (checked against the
 * `hugo` on PATH, run on the corpus posts that use no shortcode).
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "byline-analysis.h"
#include "byline-frontmatter.h"
#include "byline-markdown.h"
#include "byline-seo.h"
#include "byline-test-corpus.h"

static BylineAnalysis *
analyze (const char *body)
{
  return byline_markdown_analyze (body, strlen (body), 1);
}

static void
test_words_latin (void)
{
  static const struct { const char *body; guint64 words, characters, code_words; } cases[] = {
    { "", 0, 0, 0 },
    { "One two three.", 3, 12, 0 },
    { "# Title\n\nOne *two*three.\n", 3, 17, 0 },
    /* a link's URL is not text; its words are */
    { "See [the docs](https://example.org/a/very/long/url) now.", 4, 14, 0 },
    /* an image's alt is an attribute */
    { "![a cat on a mat](cat.png) Purr.", 1, 5, 0 },
    /* code blocks count apart; inline code is text */
    { "Run `make all` now.\n\n```sh\nmake install && make check\n```\n", 4, 14, 5 },
    { "Text\n\n    indented code here\n", 1, 4, 3 },
    /* HTML tags go, the text inside stays */
    { "<div class=\"note\">\nA <b>bold</b> claim.\n</div>\n", 3, 11, 0 },
    { "Hello <span title=\"not counted\">world</span>!", 2, 11, 0 },
    /* a standalone dash is a field, as Hugo counts it */
    { "Yes - no", 3, 6, 0 },
    /* blocks never join words */
    { "- one\n- two\n\n| a | b |\n|---|---|\n| c | d |\n", 6, 10, 0 },
    { "Head\n===\nBody", 2, 8, 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BylineAnalysis) a = analyze (cases[i].body);
      const BylineTextStats *s = byline_analysis_get_stats (a);

      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, cases[i].body);
      g_assert_cmpuint (s->words, ==, cases[i].words);
      g_assert_cmpuint (s->characters, ==, cases[i].characters);
      g_assert_cmpuint (s->code_words, ==, cases[i].code_words);
      g_assert_cmpuint (s->cjk, ==, 0);
    }
}

static void
test_words_cjk (void)
{
  BylineTextStats s = { 0, };

  /* each CJK character is a word; Latin words among them are words; the
   * ideographic full stop and brackets are none */
  byline_text_stats_add_text (&s, "日本語とEnglish。「かな」", -1);
  g_assert_cmpuint (s.words, ==, 7);
  g_assert_cmpuint (s.cjk, ==, 6);
  g_assert_cmpuint (s.characters, ==, 16);

  memset (&s, 0, sizeof s);
  byline_text_stats_add_text (&s, "한국어 문장 test 2024", -1);
  g_assert_cmpuint (s.words, ==, 7);
  g_assert_cmpuint (s.cjk, ==, 5);

  {
    g_autoptr(BylineAnalysis) a = analyze ("## 标题\n\n这是一个测试。\n");
    const BylineTextStats *st = byline_analysis_get_stats (a);

    g_assert_cmpuint (st->words, ==, 8);
    g_assert_cmpuint (st->cjk, ==, 8);
  }
}

static void
test_reading_minutes (void)
{
  static const struct { guint64 words; guint64 code; guint64 dflt; guint64 hugo; } cases[] = {
    { 0, 0, 0, 0 },
    { 1, 0, 1, 1 },
    { 200, 0, 1, 1 },
    /* reading-time rounds to hundredths first: 1.005 min shows as 1
     * (all of 0…4999 words checked against node's arithmetic) */
    { 201, 0, 1, 1 },
    { 401, 0, 2, 2 },
    { 202, 0, 2, 1 },
    { 213, 0, 2, 1 },
    { 214, 0, 2, 2 },
    { 400, 26, 3, 2 },
    { 4001, 0, 20, 19 },
    { 1000, 0, 5, 5 },
    { 1065, 0, 6, 5 },
    { 1066, 0, 6, 6 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      BylineTextStats s = { cases[i].words, 0, 0, cases[i].code };

      g_assert_cmpuint (byline_text_stats_reading_minutes (&s, BYLINE_READING_RULE_DEFAULT), ==, cases[i].dflt);
      g_assert_cmpuint (byline_text_stats_reading_minutes (&s, BYLINE_READING_RULE_HUGO), ==, cases[i].hugo);
    }
}

static void
test_outline (void)
{
  const char *body =
    "# Intro\n"
    "\n"
    "Text.\n"
    "\n"
    "## Table of contents\n"
    "\n"
    "## Intro\n"
    "\n"
    "> ### Quoted *heading* `code`\n"
    "\n"
    "Setext\n"
    "------\n"
    "\n"
    "```md\n"
    "# not a heading\n"
    "```\n";
  g_autoptr(BylineAnalysis) a = byline_markdown_analyze (body, strlen (body), 5);
  static const struct { guint level, line; const char *text, *id; } expected[] = {
    { 1, 5, "Intro", "intro" },
    { 2, 9, "Table of contents", "table-of-contents" },
    { 2, 11, "Intro", "intro-1" },
    { 3, 13, "Quoted heading code", "quoted-heading-code" },
    { 2, 15, "Setext", "setext" },
  };

  g_assert_cmpuint (byline_analysis_get_n_headings (a), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const BylineHeading *h = byline_analysis_get_heading (a, i);

      g_assert_cmpuint (h->level, ==, expected[i].level);
      g_assert_cmpuint (h->line, ==, expected[i].line);
      g_assert_cmpstr (h->text, ==, expected[i].text);
      g_assert_cmpstr (h->id, ==, expected[i].id);
    }

  g_assert_cmpint (byline_analysis_heading_at_line (a, 1), ==, -1);
  g_assert_cmpint (byline_analysis_heading_at_line (a, 5), ==, 0);
  g_assert_cmpint (byline_analysis_heading_at_line (a, 10), ==, 1);
  g_assert_cmpint (byline_analysis_heading_at_line (a, 12), ==, 2);
  g_assert_cmpint (byline_analysis_heading_at_line (a, 1000), ==, 4);
}

/* Every id of the outline is an id of the rendered page, in the same order,
 * and sits at its block's lines. */
static void
test_outline_corpus (void)
{
  g_autoptr(GPtrArray) files = byline_test_corpus_files (BYLINE_TEST_CORPUS_MARKDOWN);
  guint n_headings = 0;

  if (files == NULL || files->len == 0)
    {
      g_test_skip ("no corpus");
      return;
    }

  for (guint f = 0; f < files->len; f++)
    {
      const char *path = g_ptr_array_index (files, f);
      g_autofree char *text = NULL;
      gsize len = 0;
      BylineSplit split;
      BylineRenderOptions options = { NULL, NULL, 0 };
      g_autoptr(BylineRendered) rendered = NULL;
      g_autoptr(BylineAnalysis) a = NULL;
      g_autofree char *html = NULL;
      const char *p;

      g_assert_true (g_file_get_contents (path, &text, &len, NULL));
      byline_frontmatter_split (text, len, &split);
      options.first_line = split.body_line;
      rendered = byline_markdown_render (text + split.body_start, len - split.body_start, &options);
      a = byline_markdown_analyze (text + split.body_start, len - split.body_start, split.body_line);
      html = byline_rendered_to_html (rendered);

      p = html;
      for (guint i = 0; i < byline_analysis_get_n_headings (a); i++)
        {
          const BylineHeading *h = byline_analysis_get_heading (a, i);
          g_autofree char *open = g_strdup_printf ("<h%u id=\"%s\">", h->level, h->id);
          const char *at = strstr (p, open);

          if (at == NULL)
            g_error ("%s: heading %u (%s) is not in the render as %s", path, i, h->text, open);
          p = at + strlen (open);
          n_headings++;
        }
    }
  g_test_message ("%u headings in %u posts", n_headings, files->len);
  g_assert_cmpuint (n_headings, >, 100);
}

static void
test_seo_hints (void)
{
  BylineSeoHint hint;
  g_autofree char *sixty = g_strnfill (60, 'a');
  g_autofree char *sixty_one = g_strnfill (61, 'a');

  g_assert_cmpint (byline_seo_field_for_key ("title"), ==, BYLINE_SEO_FIELD_TITLE);
  g_assert_cmpint (byline_seo_field_for_key ("description"), ==, BYLINE_SEO_FIELD_DESCRIPTION);
  g_assert_cmpint (byline_seo_field_for_key ("summary"), ==, BYLINE_SEO_FIELD_NONE);
  g_assert_false (byline_seo_hint (BYLINE_SEO_FIELD_NONE, "x", &hint));

  g_assert_true (byline_seo_hint (BYLINE_SEO_FIELD_TITLE, sixty, &hint));
  g_assert_cmpuint (hint.length, ==, 60);
  g_assert_cmpuint (hint.limit, ==, 60);
  g_assert_false (hint.over);
  g_assert_true (byline_seo_hint (BYLINE_SEO_FIELD_TITLE, sixty_one, &hint));
  g_assert_true (hint.over);
  /* characters, not bytes; outer white space is not shown */
  g_assert_true (byline_seo_hint (BYLINE_SEO_FIELD_TITLE, "  Ünïcödé 日本  ", &hint));
  g_assert_cmpuint (hint.length, ==, 10);
  g_assert_true (byline_seo_hint (BYLINE_SEO_FIELD_DESCRIPTION, NULL, &hint));
  g_assert_cmpuint (hint.length, ==, 0);
  g_assert_cmpuint (hint.limit, ==, 160);
}

static void
test_reading_rule_for_schema (void)
{
  g_autoptr(BylineSchema) hugo = byline_schema_new_hugo ();

  g_autoptr(BylineSchema) astropaper = byline_schema_new_astropaper ();

  g_assert_cmpint (byline_reading_rule_for_schema (hugo), ==, BYLINE_READING_RULE_HUGO);
  g_assert_cmpint (byline_reading_rule_for_schema (astropaper), ==, BYLINE_READING_RULE_DEFAULT);
  g_assert_cmpint (byline_reading_rule_for_schema (NULL), ==, BYLINE_READING_RULE_DEFAULT);
}

/* --- Hugo as the oracle ---------------------------------------------------- */

static gboolean
uses_shortcodes (const char *text)
{
  return strstr (text, "{{<") != NULL || strstr (text, "{{%") != NULL;
}

static void
test_hugo_word_count (void)
{
  g_autoptr(GPtrArray) files = byline_test_corpus_files (BYLINE_TEST_CORPUS_MARKDOWN);
  g_autofree char *hugo = g_find_program_in_path ("hugo");
  g_autofree char *work = NULL;
  g_autofree char *content = NULL;
  g_autofree char *layouts = NULL;
  g_autofree char *out = NULL;
  g_autofree char *out_err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  guint differ = 0;
  guint minutes_differ = 0;
  g_auto(GStrv) lines = NULL;
  int status = 0;
  guint checked = 0;

  if (hugo == NULL)
    {
      g_test_skip ("hugo is not installed");
      return;
    }
  if (files == NULL || files->len == 0)
    {
      g_test_skip ("no corpus");
      return;
    }

  work = g_dir_make_tmp ("byline-hugo-XXXXXX", &error);
  g_assert_no_error (error);
  content = g_build_filename (work, "content", NULL);
  layouts = g_build_filename (work, "layouts", "_default", NULL);
  g_assert_cmpint (g_mkdir_with_parents (content, 0755), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (layouts, 0755), ==, 0);

  /* Raw HTML rendered as Astro renders it (Hugo's default drops it); the
   * home page lists every page's figures. */
  {
    g_autofree char *config = g_build_filename (work, "hugo.toml", NULL);
    g_autofree char *single = g_build_filename (layouts, "single.html", NULL);
    g_autofree char *home = g_build_filename (work, "layouts", "index.html", NULL);

    g_assert_true (g_file_set_contents (config,
                                        "baseURL = 'https://example.org/'\n"
                                        "disableKinds = ['taxonomy', 'term', 'RSS', 'sitemap', 'section']\n"
                                        "[markup.goldmark.renderer]\nunsafe = true\n", -1, NULL));
    g_assert_true (g_file_set_contents (single, "{{ .Content }}\n", -1, NULL));
    g_assert_true (g_file_set_contents (home,
                                        "{{ range .Site.RegularPages }}{{ .File.BaseFileName }} "
                                        "{{ .WordCount }} {{ .ReadingTime }}\n{{ end }}", -1, NULL));
  }

  /* Each post with its body only, under a front matter Hugo reads alike
   * for all (their own would hold dates and keys it may refuse). */
  for (guint f = 0; f < files->len; f++)
    {
      const char *path = g_ptr_array_index (files, f);
      g_autofree char *text = NULL;
      g_autofree char *name = NULL;
      g_autofree char *file = NULL;
      g_autofree char *page = NULL;
      gsize len = 0;
      BylineSplit split;

      g_assert_true (g_file_get_contents (path, &text, &len, NULL));
      if (uses_shortcodes (text) || !g_utf8_validate (text, len, NULL))
        continue;
      byline_frontmatter_split (text, len, &split);
      /* Without hasCJKLanguage Hugo counts a run of CJK text as one word;
       * with it, every non-ASCII run by its characters, punctuation too:
       * neither is the count a reader of CJK text wants (see
       * test_words_cjk), so only Latin posts are compared. */
      {
        g_autoptr(BylineAnalysis) a = byline_markdown_analyze (text + split.body_start,
                                                               len - split.body_start, 1);

        if (byline_analysis_get_stats (a)->cjk > 0)
          continue;
      }
      name = g_strdup_printf ("p%u", f);
      file = g_strconcat (content, "/", name, ".md", NULL);
      page = g_strconcat ("---\ntitle: post\n---\n", text + split.body_start, NULL);
      g_assert_true (g_file_set_contents (file, page, -1, NULL));
      g_ptr_array_add (names, g_steal_pointer (&name));
      g_ptr_array_add (paths, (gpointer) path);
      g_ptr_array_add (bodies, g_strdup (text + split.body_start));
    }

  {
    g_autofree char *public = g_build_filename (work, "public", "index.html", NULL);
    const char *argv[] = { hugo, "--quiet", "-s", work, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                  NULL, &out_err, &status, &error);
    g_assert_no_error (error);
    if (!g_spawn_check_wait_status (status, NULL))
      g_error ("hugo failed: %s", out_err);
    g_assert_true (g_file_get_contents (public, &out, NULL, NULL));
  }

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (g_strstrip (lines[i]), " ", -1);
      g_autoptr(BylineAnalysis) a = NULL;
      const BylineTextStats *s;
      const char *body = NULL;
      guint64 words, minutes;
      guint index = 0;

      if (g_strv_length (fields) != 3)
        continue;
      for (guint n = 0; n < names->len; n++)
        if (g_strcmp0 (g_ptr_array_index (names, n), fields[0]) == 0)
          {
            body = g_ptr_array_index (bodies, n);
            index = n;
          }
      g_assert_nonnull (body);

      words = g_ascii_strtoull (fields[1], NULL, 10);
      minutes = g_ascii_strtoull (fields[2], NULL, 10);
      a = byline_markdown_analyze (body, strlen (body), 1);
      s = byline_analysis_get_stats (a);
      g_test_message ("%s: hugo %" G_GUINT64_FORMAT " words, %" G_GUINT64_FORMAT " min; "
                      "byline %" G_GUINT64_FORMAT " + %" G_GUINT64_FORMAT " in code",
                      fields[0], words, minutes, s->words, s->code_words);
      /* goldmark and cmark-gfm part a few words differently (3 posts of
       * 77, by one word each): every post within one word, and the
       * reading time then almost always the same */
      g_assert_cmpuint (s->words + s->code_words, <=, words + 1);
      g_assert_cmpuint (s->words + s->code_words + 1, >=, words);
      if (s->words + s->code_words != words)
        {
          g_test_message ("%s: one word apart", (char *) g_ptr_array_index (paths, index));
          differ++;
        }
      if (byline_text_stats_reading_minutes (s, BYLINE_READING_RULE_HUGO) != minutes)
        minutes_differ++;
      checked++;
    }
  g_test_message ("%u of %u posts agree with hugo", checked - differ, checked);
  g_assert_cmpuint (differ * 20, <=, checked);
  g_assert_cmpuint (minutes_differ * 50, <=, checked);
  g_assert_cmpuint (checked, ==, names->len);
  g_assert_cmpuint (checked, >, 20);

  {
    const char *argv[] = { "rm", "-rf", work, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
}

static void
assert_same_analysis (BylineAnalysis *got,
                      BylineAnalysis *want,
                      const char     *what)
{
  const BylineTextStats *g = byline_analysis_get_stats (got);
  const BylineTextStats *w = byline_analysis_get_stats (want);

  if (g->words != w->words || g->characters != w->characters || g->cjk != w->cjk ||
      g->code_words != w->code_words)
    g_error ("%s: counted %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT
             ", a whole read %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT,
             what, g->words, g->characters, g->cjk, g->code_words,
             w->words, w->characters, w->cjk, w->code_words);
  if (byline_analysis_get_n_headings (got) != byline_analysis_get_n_headings (want))
    g_error ("%s: %u headings, a whole read %u", what,
             byline_analysis_get_n_headings (got), byline_analysis_get_n_headings (want));
  for (guint i = 0; i < byline_analysis_get_n_headings (want); i++)
    {
      const BylineHeading *gh = byline_analysis_get_heading (got, i);
      const BylineHeading *wh = byline_analysis_get_heading (want, i);

      if (gh->level != wh->level || gh->line != wh->line ||
          g_strcmp0 (gh->text, wh->text) != 0 || g_strcmp0 (gh->id, wh->id) != 0)
        g_error ("%s: heading %u is %u/%u/%s/%s, a whole read %u/%u/%s/%s", what, i,
                 gh->level, gh->line, gh->text, gh->id, wh->level, wh->line, wh->text, wh->id);
    }
}

/* Edits that can't be read on their own must be read whole; the others
 * read a few blocks. Either way the figures are a whole read's. */
static void
test_incremental_cases (void)
{
  static const char *steps[] = {
    "# Intro\n\nOne two.\n\nThree four.\n\n## Next\n\nFive.\n",
    "# Intro\n\nOne two and more.\n\nThree four.\n\n## Next\n\nFive.\n",
    /* a fence opened swallows the rest */
    "# Intro\n\nOne two and more.\n\n```\nThree four.\n\n## Next\n\nFive.\n",
    "# Intro\n\nOne two and more.\n\n```\nThree four.\n```\n\n## Next\n\nFive.\n",
    /* a heading renamed like the next: ids change down the page */
    "# Next\n\nOne two and more.\n\n```\nThree four.\n```\n\n## Next\n\nFive.\n",
    /* remark-toc's heading: the section under it goes */
    "# Next\n\n## Table of contents\n\nOne.\n\n## Next\n\nFive.\n",
    /* a reference to a definition elsewhere */
    "[a]: https://example.org\n\nSee [a] now.\n\nMore.\n",
    "[a]: https://example.org\n\nSee [a] and [a] now.\n\nMore.\n",
    "[b]: https://example.org\n\nSee [a] and [a] now.\n\nMore.\n",
    /* a footnote */
    "Text[^1] here.\n\nMore.\n\n[^1]: A note with words.\n",
    "Text here.\n\nMore.\n\n[^1]: A note with words.\n",
    /* lazy continuation and a list's end */
    "- one\n- two\n\nPara\n\nAfter\n",
    "- one\n- two\nPara\n\nAfter\n",
    "- one\n- two\n\n  Para\n\nAfter\n",
    /* a setext heading, a table */
    "Para\n\nTitle\n\nAfter\n",
    "Para\n\nTitle\n---\n\nAfter\n",
    "Para\n\n| a | b |\n|---|---|\n| c | d |\n\nAfter\n",
    "Para\n| a | b |\n|---|---|\n| c | d |\n\nAfter\n",
    "",
    "漢字とEnglish。\n\nMore.\n",
  };
  g_autoptr(BylineAnalyzeCache) cache = byline_analyze_cache_new ();
  guint partial = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(BylineAnalysis) got = byline_analyze_cache_update (cache, steps[i], strlen (steps[i]), 3);
      g_autoptr(BylineAnalysis) want = byline_markdown_analyze (steps[i], strlen (steps[i]), 3);
      g_autofree char *what = g_strdup_printf ("step %" G_GSIZE_FORMAT, i);

      assert_same_analysis (got, want, what);
      if (byline_analyze_cache_get_reparsed (cache) < strlen (steps[i]))
        partial++;
    }
  /* the first edit reads only the paragraph it is in, and its neighbours */
  {
    g_autoptr(BylineAnalyzeCache) c = byline_analyze_cache_new ();
    g_autoptr(BylineAnalysis) a = byline_analyze_cache_update (c, steps[0], strlen (steps[0]), 1);
    g_autoptr(BylineAnalysis) b = byline_analyze_cache_update (c, steps[1], strlen (steps[1]), 1);

    g_assert_cmpuint (byline_analyze_cache_get_reparsed (c), ==, strlen ("# Intro\n\nOne two and more.\n\nThree four.\n\n"));
    g_assert_cmpuint (byline_analysis_get_stats (b)->words, ==, 9);

    /* the same body under a longer frontmatter: nothing read, lines moved */
    {
      g_autoptr(BylineAnalysis) again = byline_analyze_cache_update (c, steps[1], strlen (steps[1]), 4);
      g_autoptr(BylineAnalysis) whole = byline_markdown_analyze (steps[1], strlen (steps[1]), 4);

      g_assert_cmpuint (byline_analyze_cache_get_reparsed (c), ==, 0);
      assert_same_analysis (again, whole, "a frontmatter edit");
      g_assert_cmpuint (byline_analysis_get_heading (again, 1)->line, ==, 10);
    }
  }
  g_assert_cmpuint (partial, >, 3);
}

static const char *snippets[] = {
  "a", "word ", " ", "\n", "\n\n", "# ", "## Heading\n", "```\n", "~~~", "- ", "1. ", "> ",
  "[x]", "[x]: /u\n", "[^1]", "[^1]: note\n", "| a | b |\n|---|---|\n", "<div>\n", "</div>",
  "<!--", "-->", "***", "---\n", "===\n", "    ", "é漢字", "`", "**", "_", "Table of contents",
  "![alt](i.png)", "https://example.org ", "\t", "--", "...", "\"", "'", "\r\n",
};

/* Random edits to real posts: every figure an update gives is a whole
 * read's, and most updates read a few blocks only. */
static void
test_incremental_random (void)
{
  g_autoptr(GPtrArray) files = byline_test_corpus_files (BYLINE_TEST_CORPUS_MARKDOWN);
  guint updates = 0, partial = 0;
  guint n_files;

  if (files == NULL || files->len == 0)
    {
      g_test_skip ("no corpus");
      return;
    }

  n_files = g_test_slow () ? files->len : MIN (files->len, 40);
  for (guint f = 0; f < n_files; f++)
    {
      const char *path = g_ptr_array_index (files, (f * 7919) % files->len);
      g_autofree char *text = NULL;
      gsize len = 0;
      BylineSplit split;
      GString *body;
      g_autoptr(BylineAnalyzeCache) cache = byline_analyze_cache_new ();

      g_assert_true (g_file_get_contents (path, &text, &len, NULL));
      if (!g_utf8_validate (text, len, NULL))
        continue;
      byline_frontmatter_split (text, len, &split);
      body = g_string_new_len (text + split.body_start, len - split.body_start);
      byline_analysis_unref (byline_analyze_cache_update (cache, body->str, body->len, split.body_line));

      for (guint e = 0; e < 60; e++)
        {
          gsize pos = body->len > 0 ? (gsize) g_test_rand_int_range (0, (gint32) body->len + 1) : 0;
          g_autoptr(BylineAnalysis) got = NULL;
          g_autoptr(BylineAnalysis) want = NULL;
          g_autofree char *what = NULL;

          while (pos > 0 && pos < body->len && (body->str[pos] & 0xC0) == 0x80)
            pos--;
          if (g_test_rand_bit () || body->len == 0)
            g_string_insert (body, (gssize) pos, snippets[g_test_rand_int_range (0, G_N_ELEMENTS (snippets))]);
          else
            {
              const char *end = body->str + pos;

              for (gint k = g_test_rand_int_range (1, 12); k > 0 && end < body->str + body->len; k--)
                end = g_utf8_next_char (end);
              g_string_erase (body, (gssize) pos, end - (body->str + pos));
            }

          what = g_strdup_printf ("%s, edit %u at %" G_GSIZE_FORMAT, path, e, pos);
          got = byline_analyze_cache_update (cache, body->str, body->len, split.body_line);
          want = byline_markdown_analyze (body->str, body->len, split.body_line);
          assert_same_analysis (got, want, what);
          updates++;
          if (byline_analyze_cache_get_reparsed (cache) * 2 < body->len)
            partial++;
        }
      g_string_free (body, TRUE);
    }
  g_test_message ("%u updates, %u read less than half the body", updates, partial);
  g_assert_cmpuint (partial * 3, >, updates);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/analysis/words/latin", test_words_latin);
  g_test_add_func ("/analysis/words/cjk", test_words_cjk);
  g_test_add_func ("/analysis/reading-minutes", test_reading_minutes);
  g_test_add_func ("/analysis/outline", test_outline);
  g_test_add_func ("/analysis/outline/corpus", test_outline_corpus);
  g_test_add_func ("/analysis/hugo", test_hugo_word_count);
  g_test_add_func ("/analysis/incremental/cases", test_incremental_cases);
  g_test_add_func ("/analysis/incremental/random", test_incremental_random);
  g_test_add_func ("/analysis/seo-hints", test_seo_hints);
  g_test_add_func ("/analysis/reading-rule-for-schema", test_reading_rule_for_schema);

  return g_test_run ();
}
