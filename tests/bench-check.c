/* bench-check.c: `byline check` over 10,000 generated posts
 *
 * Writes a blog of 10,000 posts (100 folders of 100, AstroPaper frontmatter,
 * a couple of kilobytes of body, some with problems) into a temporary folder
 * and times the real executable over it. Target: under a second on a 2-core
 * machine. Figures are printed, not asserted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#define N_DIRS 100
#define N_PER_DIR 100

static const char body[] =
  "Here are some rules and recommendations for writing posts, with a\n"
  "[link](https://example.org) and `code`, and a list:\n\n"
  "- one\n- two\n- three\n\n"
  "```js\nconsole.log(\"hello\");\n```\n\n"
  "| a | b |\n| - | - |\n| 1 | 2 |\n\n";

static void
write_blog (const char *root)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint d = 0; d < N_DIRS; d++)
    {
      g_autofree char *dir = g_strdup_printf ("%s/%s%02u", root, d % 10 == 0 ? "_" : "", d);

      g_mkdir_with_parents (dir, 0755);
      for (guint f = 0; f < N_PER_DIR; f++)
        {
          guint i = d * N_PER_DIR + f;
          g_autofree char *path = g_strdup_printf ("%s/post-%05u.md", dir, i);
          g_autoptr(GError) error = NULL;

          g_string_truncate (text, 0);
          g_string_append_printf (text,
                                  "---\n"
                                  "author: Writer %u\n"
                                  "pubDatetime: 2024-%02u-%02uT%02u:%02u:00Z\n"
                                  "%s"
                                  "title: Post number %u about things\n"
                                  "featured: %s\n"
                                  "draft: %s\n"
                                  "tags:\n  - docs\n  - tag-%u\n"
                                  "description: A post that says something about topic %u.\n"
                                  "---\n\n",
                                  i % 17, 1 + i % 12, 1 + i % 28, i % 24, i % 60,
                                  i % 3 == 0 ? "modDatetime: 2025-01-02T03:04:05.678Z\n" : "",
                                  i, i % 5 == 0 ? "true" : "false",
                                  i % 97 == 0 ? "no" : "false",   /* an error now and then */
                                  i % 50, i);
          for (guint k = 0; k < 10; k++)
            g_string_append (text, body);

          g_file_set_contents (path, text->str, text->len, &error);
          g_assert_no_error (error);
        }
    }
}

static double
children_cpu (void)
{
  struct rusage usage;

  getrusage (RUSAGE_CHILDREN, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

/* Wall time of one run; @cpu gets the CPU time it used (user + system, all
 * threads), which a busy shared machine does not inflate. */
static double
time_check (const char *exe,
            const char *root,
            int        *status,
            double     *cpu)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  double cpu_start = children_cpu ();

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                              exe, "check", root, NULL);
  g_assert_no_error (error);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  *status = g_subprocess_get_exit_status (process);
  *cpu = children_cpu () - cpu_start;

  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = NULL;
  g_autofree char *cmd = NULL;
  const char *exe = g_getenv ("BYLINE_EXE");
  double first, best = G_MAXDOUBLE;
  double cpu = 0, best_cpu = G_MAXDOUBLE;
  int status = 0;

  setlocale (LC_ALL, "");

  if (exe == NULL)
    {
      g_printerr ("BYLINE_EXE is not set\n");
      return 1;
    }

  root = g_dir_make_tmp ("byline-bench-check-XXXXXX", &error);
  g_assert_no_error (error);

  g_print ("writing %u posts …\n", N_DIRS * N_PER_DIR);
  write_blog (root);

  first = time_check (exe, root, &status, &cpu);
  best = first;
  best_cpu = cpu;
  for (guint i = 0; i < 3; i++)
    {
      int s = 0;
      double wall = time_check (exe, root, &s, &cpu);   /* MIN() evaluates twice */

      best = MIN (best, wall);
      best_cpu = MIN (best_cpu, cpu);
    }

  g_print ("byline check over %u posts (exit %d, %u processors):\n"
           "  first run  %.3f s wall\n"
           "  best of 4  %.3f s wall  (%.1f µs per post)  target < 1 s: %s\n"
           "  CPU time   %.3f s (user + system, all threads; best of 4)\n",
           N_DIRS * N_PER_DIR, status, g_get_num_processors (),
           first, best, best * 1e6 / (N_DIRS * N_PER_DIR),
           best < 1.0 ? "met" : "MISSED", best_cpu);

  cmd = g_strdup_printf ("rm -rf '%s'", root);
  if (system (cmd) != 0)
    g_printerr ("could not remove %s\n", root);

  return 0;
}
