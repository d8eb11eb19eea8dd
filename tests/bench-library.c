/* bench-library.c: the library of a site of 10,000 posts
 *
 * Writes an AstroPaper site of 10,000 posts (100 folders of 100, a couple of
 * kilobytes of body each, every tenth a draft, every fiftieth scheduled,
 * some invalid) into a temporary folder, and times what the window does
 * with it: the index (byline_library_index_load_async(): find the site, walk
 * it, read and check every post on worker threads; target ≤ 1 s), a filter
 * over all of it (drafts, a tag), a search keystroke over title,
 * description and body (each prefix of a word typed, the whole list
 * filtered; target ≤ 16 ms, one frame), and an update of 500 files, as a
 * `git checkout` causes. Figures are printed, not asserted.
 *
 * `bench-library DIR` writes the site into DIR, unless it is there already,
 * and leaves it: for profiling the index alone (`perf record`) without the
 * writing. BYLINE_BENCH_LOADS=N loads it N times instead of three.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "byline-library.h"

#include "byline-bench-site.h"

#define N_DIRS    BYLINE_BENCH_N_DIRS
#define N_PER_DIR BYLINE_BENCH_N_PER_DIR
#define N_UPDATED 500

static void
remove_tree (const char *path)
{
  const char *argv[] = { "rm", "-rf", path, NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* CPU time of every thread of the process, in ms: the machine may be busy
 * with other work, which wall-clock time would count too. */
static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

/* CPU time of this thread, in ms: what a keystroke costs the main thread. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* Every post through the filter, as the library view does on a change. */
static guint
filter_all (GListModel                *model,
            const BylineLibraryFilter *filter)
{
  guint n = g_list_model_get_n_items (model);
  guint matched = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BylineLibraryPost) post = g_list_model_get_item (model, i);

      matched += byline_library_filter_matches (filter, post);
    }

  return matched;
}

/* @filter over every post, five times: the first reads posts the worker
 * made, cold in the cache; the best is what the machine does when it is
 * not busy. Returns how many posts it keeps. */
static guint
time_filter (GListModel                *model,
             const BylineLibraryFilter *filter,
             double                    *first,
             double                    *fastest)
{
  guint n = 0;

  *fastest = G_MAXDOUBLE;
  for (guint i = 0; i < 5; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      n = filter_all (model, filter);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      if (i == 0)
        *first = ms;
      *fastest = MIN (*fastest, ms);
    }

  return n;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = NULL;
  g_autoptr(BylineLibraryIndex) index = byline_library_index_new ();
  GListModel *model = G_LIST_MODEL (index);
  BylineLibraryFilter filter = { 0 };
  const char *query = "rhinoceros";
  double best = G_MAXDOUBLE, worst = 0, total = 0, cpu_total = 0, cpu_worst = 0;
  guint runs = 0;
  guint n_loads = 3;
  gboolean keep = argc > 1;
  gint64 start;
  double ms;

  setlocale (LC_ALL, "");
  if (g_getenv ("BYLINE_BENCH_LOADS") != NULL)
    n_loads = MAX (1, atoi (g_getenv ("BYLINE_BENCH_LOADS")));
  root = keep ? g_canonicalize_filename (argv[1], NULL)
              : g_dir_make_tmp ("byline-bench-library-XXXXXX", &error);
  g_assert_no_error (error);
  {
    double load[3] = { 0 };

    if (getloadavg (load, 3) > 0)
      g_print ("load average: %.2f (other work on the machine inflates wall-clock times)\n",
               load[0]);
  }

  if (!keep || !g_file_test (root, G_FILE_TEST_IS_DIR))
    {
      start = g_get_monotonic_time ();
      g_mkdir_with_parents (root, 0700);
      byline_bench_write_site (root);
      g_print ("wrote %u posts in %.0f ms (%s)\n", N_DIRS * N_PER_DIR, ms_since (start), root);
    }

  /* Three loads, the first with a cold page cache as far as we can tell. */
  for (guint run = 0; run < n_loads; run++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      double cpu = cpu_ms ();
      double main_cpu;

      start = g_get_monotonic_time ();
      byline_library_index_load_async (index, root, NULL, store_result_cb, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      /* What the main thread spends taking the posts in: one frame at most. */
      main_cpu = thread_cpu_ms ();
      if (!byline_library_index_load_finish (index, result, &error))
        g_error ("%s", error->message);
      main_cpu = thread_cpu_ms () - main_cpu;
      ms = ms_since (start);
      g_print ("index: %u posts in %.0f ms wall, %.0f ms CPU over %u cores, %.1f ms CPU on "
               "the main thread to take them (run %u; target ≤ 1000 ms)\n",
               g_list_model_get_n_items (model), ms, cpu_ms () - cpu,
               g_get_num_processors (), main_cpu, run + 1);
    }

  filter.state = BYLINE_LIBRARY_STATE_DRAFTS;
  {
    double first, fastest;
    guint n = time_filter (model, &filter, &first, &fastest);

    g_print ("filter drafts: %u of %u in %.2f ms the first time, %.2f ms at best\n", n,
             g_list_model_get_n_items (model), first, fastest);
  }
  filter.state = BYLINE_LIBRARY_STATE_ANY;
  filter.tag = byline_library_intern_tag ("keyboard");
  {
    double first, fastest;
    guint n = time_filter (model, &filter, &first, &fastest);

    g_print ("filter tag: %u in %.2f ms the first time, %.2f ms at best\n", n, first, fastest);
  }
  filter.tag = NULL;

  /* Typing "rhinoceros": each keystroke filters the whole list again (the
   * worst case: the library view refilters only the remaining matches when
   * the filter grows stricter). */
  for (guint repeat = 0; repeat < 3; repeat++)
    for (gsize len = 1; len <= strlen (query); len++)
      {
        g_autofree char *typed = g_strndup (query, len);
        g_auto(GStrv) split = NULL;
        double cpu = thread_cpu_ms ();
        guint n;

        start = g_get_monotonic_time ();
        split = byline_library_split_search (typed);
        filter.words = (const char * const *) split;
        n = filter_all (model, &filter);
        ms = ms_since (start);
        cpu = thread_cpu_ms () - cpu;
        cpu_total += cpu;
        cpu_worst = MAX (cpu_worst, cpu);
        filter.words = NULL;
        best = MIN (best, ms);
        worst = MAX (worst, ms);
        total += ms;
        runs++;
        if (repeat == 0 && len == strlen (query))
          g_print ("search \"%s\": %u matches\n", typed, n);
      }
  g_print ("search keystroke over title, description and body: mean %.2f ms, "
           "best %.2f ms, worst %.2f ms wall; mean %.2f ms, worst %.2f ms CPU "
           "(%u keystrokes, each refiltering all posts; target ≤ 16 ms)\n",
           total / runs, best, worst, cpu_total / runs, cpu_worst, runs);

  /* A checkout that rewrites 500 posts. */
  {
    g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
    g_auto(GStrv) paths = NULL;
    g_autoptr(GAsyncResult) result = NULL;

    for (guint n = 0; n < N_UPDATED; n++)
      {
        guint k = n * 20;
        g_autofree char *path = g_strdup_printf ("%s/src/data/blog/%02u/post-%05u.md", root,
                                                 k / N_PER_DIR, k);
        g_autofree char *text = NULL;
        gsize len;

        g_file_get_contents (path, &text, &len, NULL);
        text[strstr (text, "title: ") - text + 7] = 'X';
        g_file_set_contents (path, text, len, NULL);
        g_strv_builder_add (builder, path);
      }
    paths = g_strv_builder_end (builder);

    start = g_get_monotonic_time ();
    byline_library_index_update_async (index, (const char * const *) paths, NULL,
                                       store_result_cb, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    ms = ms_since (start);
    if (!byline_library_index_update_finish (index, result, &error))
      g_error ("%s", error->message);
    g_print ("update of %u changed files: %.0f ms until the list holds them\n", N_UPDATED, ms);
  }

  if (!keep)
    remove_tree (root);
  return 0;
}
