/* byline-bench-site.c: an AstroPaper site of 10,000 posts, for benchmarks
 *
 * 100 folders of 100 posts under src/data/blog/, a couple of kilobytes of
 * body each; every tenth a draft, every fiftieth scheduled, every hundredth
 * featured, every two-hundredth without its required description, and ten
 * with the word "rhinoceros" in their body.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "byline-bench-site.h"

#define N_DIRS    BYLINE_BENCH_N_DIRS
#define N_PER_DIR BYLINE_BENCH_N_PER_DIR

static const char * const words[] = {
  "gtk", "astro", "markdown", "frontmatter", "schema", "yaml", "preview", "editor",
  "hugo", "jekyll", "session", "tabs", "library", "search", "draft", "keyboard",
};

static void
write_body (GString *text,
            guint    n)
{
  for (guint p = 0; p < 12; p++)
    {
      g_string_append_printf (text, "Paragraph %u of post %u talks about %s and %s, with a "
                                    "[link](https://example.org/%u) and `code`.\n",
                              p, n, words[(n + p) % G_N_ELEMENTS (words)],
                              words[(n * 7 + p) % G_N_ELEMENTS (words)], p);
      g_string_append (text, "Some more words to make the body as long as a real post's, "
                             "since search reads every byte of it.\n\n");
    }
  if (n % 1000 == 7)
    g_string_append (text, "A rhinoceros appears in this one.\n");
}

void
byline_bench_write_site (const char *root)
{
  g_autofree char *config = g_build_filename (root, "astro.config.mjs", NULL);
  g_autofree char *src = g_build_filename (root, "src", NULL);
  g_autofree char *content = g_build_filename (root, "src", "content.config.ts", NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  g_file_set_contents (config, "export default {};\n", -1, NULL);
  g_mkdir_with_parents (src, 0755);
  /* AstroPaper's collection: its glob, and pubDatetime, by which Byline
   * knows the site and its built-in schema. */
  g_file_set_contents (content,
                       "import { defineCollection, z } from 'astro:content';\n"
                       "import { glob } from 'astro/loaders';\n"
                       "const blog = defineCollection({\n"
                       "  loader: glob({ pattern: '**/[^_]*.md', base: './src/data/blog' }),\n"
                       "  schema: z.object({ pubDatetime: z.date(), title: z.string() }),\n"
                       "});\n"
                       "export const collections = { blog };\n", -1, NULL);

  for (guint d = 0; d < N_DIRS; d++)
    {
      g_autofree char *dir = g_strdup_printf ("%s/src/data/blog/%02u", root, d);

      g_mkdir_with_parents (dir, 0755);
      for (guint i = 0; i < N_PER_DIR; i++)
        {
          guint n = d * N_PER_DIR + i;
          g_autofree char *path = g_strdup_printf ("%s/post-%05u.md", dir, n);

          g_string_truncate (text, 0);
          g_string_append_printf (text,
                                  "---\n"
                                  "author: Byline\n"
                                  "pubDatetime: %04u-%02u-%02uT%02u:00:00Z\n"
                                  "title: Post number %u about %s\n"
                                  "featured: %s\n"
                                  "draft: %s\n"
                                  "tags:\n  - %s\n  - %s\n"
                                  "%s"
                                  "---\n\n",
                                  n % 50 == 3 ? 2099 : 2015 + n % 10, 1 + n % 12, 1 + n % 28,
                                  n % 24, n, words[n % G_N_ELEMENTS (words)],
                                  n % 100 == 0 ? "true" : "false",
                                  n % 10 == 1 ? "true" : "false",
                                  words[n % G_N_ELEMENTS (words)],
                                  words[(n / 3) % G_N_ELEMENTS (words)],
                                  n % 200 == 5 ? "" : "description: A post the benchmark wrote.\n");
          write_body (text, n);
          g_file_set_contents (path, text->str, text->len, NULL);
        }
    }
}

