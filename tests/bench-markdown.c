/* bench-markdown.c: how long a render of a 1 MB body takes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The corpus bodies (frontmatter cut off) are concatenated, and repeated
 * until the text is at least 1 MiB, then rendered 30 times. Prints the
 * median and p90 of the full render (parse, site touches, HTML, hashes) and
 * of the cmark-gfm parse alone (the floor), wall-clock, and the render's CPU
 * time (the machine may be shared). Then the writing tools' read of the
 * same body, per keystroke: typed at ten places, twenty letters each, read
 * whole (byline_markdown_analyze) and read again around the edit
 * (BylineAnalyzeCache). Figures only, nothing asserted.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "byline-frontmatter.h"
#include "byline-markdown.h"
#include "byline-test-corpus.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
report (const char *what,
        double     *ms,
        guint       n)
{
  qsort (ms, n, sizeof (double), compare_doubles);
  printf ("%-28s median %6.1f ms   p90 %6.1f ms\n", what, ms[n / 2], ms[(n * 9) / 10]);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) paths = byline_test_corpus_files (BYLINE_TEST_CORPUS_MARKDOWN);
  g_autoptr(GString) all = g_string_new (NULL);
  g_autoptr(GString) big = g_string_new (NULL);
  double full[30], cpu[30], parse[30];
  guint n_blocks = 0;

  if (paths == NULL)
    {
      printf ("no corpus: BYLINE_CORPUS_DIR is not a folder of posts\n");
      return 77;
    }
  for (guint i = 0; i < paths->len; i++)
    {
      g_autofree char *text = NULL;
      gsize len = 0;
      BylineSplit split;

      if (!g_file_get_contents (g_ptr_array_index (paths, i), &text, &len, NULL))
        continue;
      byline_frontmatter_split (text, len, &split);
      g_string_append_len (all, text + split.body_start, len - split.body_start);
      g_string_append (all, "\n\n");
    }
  if (all->len == 0)
    return 77;
  while (big->len < 1024 * 1024)
    g_string_append_len (big, all->str, all->len);

  for (guint r = 0; r < G_N_ELEMENTS (full); r++)
    {
      clock_t c0 = clock ();
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(BylineRendered) rendered = byline_markdown_render (big->str, big->len, NULL);
      gint64 t1 = g_get_monotonic_time ();
      clock_t c1 = clock ();
      cmark_parser *parser;
      cmark_node *doc;
      static const char *ext[] = { "table", "strikethrough", "autolink", "tasklist" };

      n_blocks = byline_rendered_get_n_blocks (rendered);
      full[r] = (t1 - t0) / 1000.0;
      cpu[r] = (c1 - c0) * 1000.0 / CLOCKS_PER_SEC;

      /* the bare parse, for comparison (extensions registered by the render) */
      t0 = g_get_monotonic_time ();
      parser = cmark_parser_new (CMARK_OPT_FOOTNOTES | CMARK_OPT_UNSAFE);
      for (guint e = 0; e < G_N_ELEMENTS (ext); e++)
        cmark_parser_attach_syntax_extension (parser, cmark_find_syntax_extension (ext[e]));
      cmark_parser_feed (parser, big->str, big->len);
      doc = cmark_parser_finish (parser);
      t1 = g_get_monotonic_time ();
      cmark_node_free (doc);
      cmark_parser_free (parser);
      parse[r] = (t1 - t0) / 1000.0;
    }

  printf ("body: %.2f MiB from %u posts, %u blocks\n",
          big->len / 1048576.0, paths->len, n_blocks);
  report ("byline_markdown_render", full, G_N_ELEMENTS (full));
  report ("  the same, CPU time", cpu, G_N_ELEMENTS (cpu));
  report ("cmark-gfm parse alone", parse, G_N_ELEMENTS (parse));

  {
    g_autoptr(BylineAnalyzeCache) cache = byline_analyze_cache_new ();
    g_autoptr(GString) body = g_string_new_len (big->str, big->len);
    double whole[200], partial[200], partial_cpu[200];
    guint n = 0, n_partial = 0;
    gsize reparsed_total = 0;

    byline_analysis_unref (byline_analyze_cache_update (cache, body->str, body->len, 1));
    for (guint place = 0; place < 10; place++)
      {
        /* a place in the text, after a letter, as a writer would type */
        gsize pos = (body->len / 10) * place + body->len / 20;

        while (pos < body->len && !g_ascii_isalpha (body->str[pos]))
          pos++;
        for (guint k = 0; k < 20; k++, n++)
          {
            gint64 t0, t1, t2;
            clock_t c1, c2;

            g_string_insert_c (body, (gssize) ++pos, 'a' + k % 26);
            t0 = g_get_monotonic_time ();
            byline_analysis_unref (byline_markdown_analyze (body->str, body->len, 1));
            t1 = g_get_monotonic_time ();
            c1 = clock ();
            byline_analysis_unref (byline_analyze_cache_update (cache, body->str, body->len, 1));
            c2 = clock ();
            t2 = g_get_monotonic_time ();
            partial_cpu[n] = (c2 - c1) * 1000.0 / CLOCKS_PER_SEC;
            whole[n] = (t1 - t0) / 1000.0;
            partial[n] = (t2 - t1) / 1000.0;
            reparsed_total += byline_analyze_cache_get_reparsed (cache);
            if (byline_analyze_cache_get_reparsed (cache) < body->len)
              n_partial++;
          }
      }
    report ("analysis, whole body", whole, n);
    report ("analysis, around the edit", partial, n);
    report ("  the same, CPU time", partial_cpu, n);
    printf ("%u of %u keystrokes read part of the body, %.1f KB a keystroke on average\n",
            n_partial, n, reparsed_total / 1024.0 / n);
  }
  return 0;
}
