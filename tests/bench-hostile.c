/* bench-hostile.c: pathological Markdown, timed where the preview spends it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For each hostile shape (byline-test-hostile.c), at two sizes (1 MiB and
 * half that; 10 MiB and half that for the single line), prints:
 * - full: byline_preview_patch_build () of the whole post onto an empty
 *   page, as the preview's worker runs it (render, blocks, diff, script);
 * - edit: the same after typing one character in the middle, given the
 *   previous render, as the preview runs it for a large post (the changed
 *   blocks alone when it can prove that safe, else in full), and whether
 *   it was incremental; the patch's size is what crosses to the web page;
 * - post: what the document does on the main thread per keystroke: copy
 *   the text and build the BylinePost (frontmatter parse reused);
 * - the growth from the smaller size to the larger (2.0 is linear); the
 *   nested shapes and the table grow in depth and columns (as many lines
 *   at half the depth, as many rows at half the columns).
 * Medians of a few runs, in CPU time of the thread (the machine may be
 * shared). Figures only, nothing asserted.
 * BYLINE_BENCH_SHAPES=name,name picks shapes; BYLINE_BENCH_RUNS the runs.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "byline-preview-patch.h"
#include "byline-schema.h"
#include "byline-test-hostile.h"

#define DEPTH 10000
#define COLUMNS 5000

typedef struct
{
  double   full_ms;
  double   edit_ms;
  double   post_ms;
  gboolean incremental;
  guint    n_blocks;
  gsize    full_script;
  gsize    edit_script;
  gsize    size;
  guint    n_units;
} Figures;

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

/* CPU time of the calling thread, in µs: the machine may be shared, and
 * the wall clock then also counts the time spent waiting for a core */
static gint64
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static BylinePreviewPatch *
build_patch (BylinePost  *post,
             BylineShown *prev,
             gboolean     incremental,
             double      *ms)
{
  BylinePreviewPatch *patch = byline_preview_patch_new (post, 1, prev, NULL, NULL, NULL, NULL,
                                                        incremental);
  gint64 t0 = cpu_now ();

  byline_preview_patch_build (patch);
  *ms = (cpu_now () - t0) / 1000.;
  return patch;
}

static void
measure (BylineTestHostile  shape,
         gsize              size,
         guint              depth,
         BylineSchema      *schema,
         guint              runs,
         Figures           *f)
{
  BylineTestHostilePost hostile;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(BylinePost) post = NULL;
  g_autoptr(BylinePreviewPatch) full = NULL;
  g_autofree double *full_ms = g_new (double, runs);
  g_autofree double *edit_ms = g_new (double, runs);
  g_autofree double *post_ms = g_new (double, runs);
  gsize at;

  byline_test_hostile_make (shape, size, depth, &hostile);
  f->size = hostile.text->len;
  f->n_units = hostile.n_units;
  before = g_bytes_new (hostile.text->str, hostile.text->len);
  post = byline_post_new (before, FALSE, schema, NULL, 1, NULL);

  full = build_patch (post, NULL, FALSE, &full_ms[0]);
  for (guint r = 1; r < runs; r++)
    {
      g_autoptr(BylinePreviewPatch) again = build_patch (post, NULL, FALSE, &full_ms[r]);
    }
  f->n_blocks = byline_shown_get_n_blocks (full->shown);
  f->full_script = full->script->len;

  at = byline_test_hostile_edit_at (hostile.text, hostile.body_start);
  g_string_insert_c (hostile.text, at, 'x');
  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(GBytes) after = NULL;
      g_autoptr(BylinePost) edited = NULL;
      g_autoptr(BylinePreviewPatch) edit = NULL;
      gint64 t0 = cpu_now ();

      /* the document: one copy of the buffer's text, one post */
      after = g_bytes_new (hostile.text->str, hostile.text->len);
      edited = byline_post_new (after, FALSE, schema, post, 2, NULL);
      post_ms[r] = (cpu_now () - t0) / 1000.;

      edit = build_patch (edited, full->shown, TRUE, &edit_ms[r]);
      f->incremental = edit->incremental;
      f->edit_script = edit->script->len;
    }

  f->full_ms = median (full_ms, runs);
  f->edit_ms = median (edit_ms, runs);
  f->post_ms = median (post_ms, runs);
  byline_test_hostile_clear (&hostile);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(BylineSchema) schema = byline_schema_new_astropaper ();
  const char *runs_env = g_getenv ("BYLINE_BENCH_RUNS");
  const char *shapes_env = g_getenv ("BYLINE_BENCH_SHAPES");
  g_auto(GStrv) shapes = shapes_env != NULL ? g_strsplit (shapes_env, ",", -1) : NULL;
  guint runs = runs_env != NULL ? MAX (1, (guint) g_ascii_strtoull (runs_env, NULL, 10)) : 3;

  printf ("# median of %u runs, thread CPU time; full = whole post onto an empty page (worker), edit = one\n"
          "# character typed in the middle (worker; inc = only the changed blocks rendered),\n"
          "# post = text copy + BylinePost per keystroke (main thread); growth = time at the\n"
          "# larger size / time at the smaller (2.0 linear, 4.0 quadratic; nested shapes and the\n"
          "# table: at twice the depth or columns, as many lines)\n", runs);
  printf ("%-12s %9s %8s %7s %9s %9s %4s %9s %8s | growth full  edit  post\n",
          "shape", "bytes", "units", "blocks", "full ms", "edit ms", "inc", "patch KB", "post ms");

  for (guint s = 0; s < BYLINE_TEST_HOSTILE_N_SHAPES; s++)
    {
      const char *name = byline_test_hostile_name (s);
      gsize size = s == BYLINE_TEST_HOSTILE_ONE_LINE ? 10 * 1024 * 1024 : 1024 * 1024;
      guint depth = s == BYLINE_TEST_HOSTILE_TABLE ? COLUMNS : DEPTH;
      /* nested shapes and the table grow in depth (columns): the same
       * number of lines at half the depth */
      gboolean deep = s == BYLINE_TEST_HOSTILE_TABLE || s == BYLINE_TEST_HOSTILE_BLOCKQUOTES ||
                      s == BYLINE_TEST_HOSTILE_LISTS;
      Figures small = { 0 }, large = { 0 };

      if (shapes != NULL && !g_strv_contains ((const char * const *) shapes, name))
        continue;
      measure (s, size / 2, deep ? depth / 2 : depth, schema, runs, &small);
      measure (s, size, depth, schema, runs, &large);
      printf ("%-12s %9" G_GSIZE_FORMAT " %8u %7u %9.1f %9.1f %4s %9.1f %8.2f | %10.2f %5.2f %5.2f\n",
              name, large.size, large.n_units, large.n_blocks, large.full_ms, large.edit_ms,
              large.incremental ? "yes" : "no", large.edit_script / 1024., large.post_ms,
              large.full_ms / MAX (small.full_ms, 0.001), large.edit_ms / MAX (small.edit_ms, 0.001),
              large.post_ms / MAX (small.post_ms, 0.001));
      fflush (stdout);
    }
  return 0;
}
