/* byline-test-corpus.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "byline-test-corpus.h"

static void
collect (const char            *dir,
         BylineTestCorpusFlags  flags,
         GPtrArray             *out)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect (path, flags, out);
      else if (g_str_has_suffix (name, ".md") || g_str_has_suffix (name, ".markdown") ||
               ((flags & BYLINE_TEST_CORPUS_WITH_MDX) && g_str_has_suffix (name, ".mdx")))
        g_ptr_array_add (out, g_steal_pointer (&path));
    }
}

/* g_ptr_array_sort () passes pointers to the elements. */
static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/**
 * byline_test_corpus_files:
 *
 * The posts under $BYLINE_CORPUS_DIR (set by tests/meson.build), recursively,
 * in a fixed order so that a failure names the same file every run.
 *
 * Returns: (transfer full) (nullable): the paths, or %NULL when there is no
 *   corpus (a Flatpak build, a tarball without ../shared)
 */
GPtrArray *
byline_test_corpus_files (BylineTestCorpusFlags flags)
{
  const char *dir = g_getenv ("BYLINE_CORPUS_DIR");
  g_autoptr(GPtrArray) files = NULL;

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    return NULL;

  files = g_ptr_array_new_with_free_func (g_free);
  collect (dir, flags, files);
  g_ptr_array_sort (files, compare_paths);

  return files->len > 0 ? g_steal_pointer (&files) : NULL;
}
