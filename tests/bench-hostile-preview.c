/* bench-hostile-preview.c: the preview's main thread under pathological Markdown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real BylinePreview in a window shows each hostile shape
 * (byline-test-hostile.c) at 1 MiB (rendered on a worker) and at 90 KiB
 * (under the worker threshold), then takes one character typed in the
 * middle a few times. Measured in-process, per edit:
 * - main: the longest the main thread went without polling its main loop,
 *   from byline_preview_set_text () (which builds the post) until the page
 *   reported the change painted; wall clock and the thread's CPU time (the
 *   machine may be shared);
 * - render: the patch build as the preview logs it (worker or main thread);
 * - page: how long the page's script took to apply the patch (it runs in
 *   the web process, not on our main thread);
 * - latency: set_text () to painted.
 * Medians over the edits. Under each shape, where the page's script spent
 * its time, by phase (byline-preview.js), on the first paint and the last
 * edit. Figures only, nothing asserted; a post the page
 * does not paint within BYLINE_BENCH_TIMEOUT seconds (120) is reported so.
 * BYLINE_BENCH_SHAPES=name,name picks shapes; BYLINE_BENCH_EDITS the edits;
 * BYLINE_BENCH_SIZE=KiB one size.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <adwaita.h>
#include <gtk/gtk.h>

#include "byline-preview.h"
#include "byline-test-hostile.h"

/* how long the page may take to paint a post (BYLINE_BENCH_TIMEOUT) */
static guint timeout_s = 120;
/* how long to wait after the first paint before typing (BYLINE_BENCH_SETTLE) */
static guint settle_s = 0;

/* ---- main-thread stalls: time between two polls of the main loop -------- */

static GPollFunc real_poll;
static gint64 last_poll_return;
static gint64 last_poll_return_cpu;
static gint64 max_stall;
static gint64 max_stall_cpu;

static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gint
stall_poll (GPollFD *fds,
            guint    nfds,
            gint     timeout)
{
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_time ();
  gint r;

  if (last_poll_return != 0)
    {
      max_stall = MAX (max_stall, now - last_poll_return);
      max_stall_cpu = MAX (max_stall_cpu, cpu - last_poll_return_cpu);
    }
  r = real_poll (fds, nfds, timeout);
  last_poll_return = g_get_monotonic_time ();
  last_poll_return_cpu = thread_cpu_time ();
  return r;
}

static void
stall_reset (void)
{
  max_stall = 0;
  max_stall_cpu = 0;
  last_poll_return = g_get_monotonic_time ();
  last_poll_return_cpu = thread_cpu_time ();
}

/* ---- what the preview logs: its render times and the page's ------------ */

static double last_render_ms;
static double last_page_ms;
static char *last_page_phases;
static gboolean last_on_worker;

static double
number_after (const char *message,
              const char *marker)
{
  const char *p = strstr (message, marker);

  return p != NULL ? g_ascii_strtod (p + strlen (marker), NULL) : -1;
}

static void
log_cb (const char     *domain,
        GLogLevelFlags  level,
        const char     *message,
        gpointer        user_data)
{
  if ((level & G_LOG_LEVEL_MASK) != G_LOG_LEVEL_DEBUG)
    {
      g_log_default_handler (domain, level, message, user_data);
      return;
    }
  if (g_str_has_prefix (message, "Preview: rendered "))
    {
      last_on_worker = strstr (message, "on a worker") != NULL;
      last_render_ms = number_after (message, last_on_worker ? ") in " : " bytes in ");
    }
  else if (strstr (message, "applied in the page in ") != NULL)
    {
      const char *phases = strchr (message, '{');

      last_page_ms = number_after (message, "applied in the page in ");
      g_free (last_page_phases);
      last_page_phases = g_strdup (phases != NULL ? phases : "");
    }
}

/* ---- measuring ---------------------------------------------------------- */

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Until the page shows @serial or the preview pauses on it; %FALSE when
 * neither happened in time */
static gboolean
wait_painted (BylinePreview *preview,
              guint          serial)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add_seconds (timeout_s, timeout_cb, &expired);

  while (byline_preview_get_painted_serial (preview) < serial &&
         !byline_preview_get_paused (preview) && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (id);
  return !expired;
}

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

static double
max_of (const double *values,
        guint         n)
{
  double m = 0;

  for (guint i = 0; i < n; i++)
    m = MAX (m, values[i]);
  return m;
}

static void
bench_shape (GtkWidget         *window,
             BylineTestHostile  shape,
             gsize              size,
             guint              n_edits)
{
  BylinePreview *preview = BYLINE_PREVIEW (byline_preview_new ());
  BylineTestHostilePost hostile;
  g_autofree double *main_ms = g_new0 (double, n_edits);
  g_autofree double *main_cpu_ms = g_new0 (double, n_edits);
  g_autofree double *set_ms = g_new0 (double, n_edits);
  g_autofree double *render_ms = g_new0 (double, n_edits);
  g_autofree double *page_ms = g_new0 (double, n_edits);
  g_autofree double *latency_ms = g_new0 (double, n_edits);
  g_autofree char *first_phases = NULL;
  double first_ms, first_main_ms, first_page_ms;
  gboolean worker;
  gsize at;
  gint64 t0;

  byline_test_hostile_make (shape, size,
                            shape == BYLINE_TEST_HOSTILE_TABLE ? 5000 : 10000, &hostile);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (preview));

  /* the page loads first */
  byline_preview_set_text (preview, "Loading.\n", -1);
  if (!wait_painted (preview, byline_preview_get_serial (preview)))
    g_error ("the preview's page did not load");

  stall_reset ();
  t0 = g_get_monotonic_time ();
  byline_preview_set_text (preview, hostile.text->str, hostile.text->len);
  if (!wait_painted (preview, byline_preview_get_serial (preview)) ||
      byline_preview_get_paused (preview))
    {
      g_print ("%-12s %9" G_GSIZE_FORMAT " %s after %.0f ms; longest main-thread stall %.2f ms "
               "(CPU %.2f ms)\n",
               byline_test_hostile_name (shape), hostile.text->len,
               byline_preview_get_paused (preview) ? "paused" : "not painted",
               (g_get_monotonic_time () - t0) / 1000., max_stall / 1000., max_stall_cpu / 1000.);
      gtk_window_set_child (GTK_WINDOW (window), NULL);
      byline_test_hostile_clear (&hostile);
      return;
    }
  first_ms = (g_get_monotonic_time () - t0) / 1000.;
  first_main_ms = max_stall_cpu / 1000.;
  first_page_ms = last_page_ms;
  first_phases = g_strdup (last_page_phases);

  /* BYLINE_BENCH_SETTLE=s: let the page show all it holds before typing */
  if (settle_s > 0)
    {
      gboolean settled = FALSE;

      g_timeout_add_seconds (settle_s, timeout_cb, &settled);
      while (!settled)
        g_main_context_iteration (NULL, TRUE);
    }

  at = byline_test_hostile_edit_at (hostile.text, hostile.body_start);
  for (guint i = 0; i < n_edits; i++)
    {
      gint64 c0, t_set;

      g_string_insert_c (hostile.text, at + i, 'a' + i % 26);
      last_render_ms = last_page_ms = -1;
      stall_reset ();
      t0 = g_get_monotonic_time ();
      c0 = thread_cpu_time ();
      byline_preview_set_text (preview, hostile.text->str, hostile.text->len);
      t_set = g_get_monotonic_time () - t0;
      set_ms[i] = t_set / 1000.;
      main_cpu_ms[i] = (thread_cpu_time () - c0) / 1000.;
      last_poll_return = g_get_monotonic_time ();
      last_poll_return_cpu = thread_cpu_time ();
      if (!wait_painted (preview, byline_preview_get_serial (preview)))
        g_error ("%s: edit %u not painted in %u s", byline_test_hostile_name (shape), i, timeout_s);
      latency_ms[i] = (g_get_monotonic_time () - t0) / 1000.;
      main_ms[i] = MAX (max_stall, t_set) / 1000.;
      main_cpu_ms[i] = MAX (max_stall_cpu / 1000., main_cpu_ms[i]);
      render_ms[i] = last_render_ms;
      page_ms[i] = last_page_ms;
    }
  worker = last_on_worker;

  g_print ("%-12s %9" G_GSIZE_FORMAT " %-6s %10.0f %9.0f %9.0f | %7.2f %8.2f %8.2f %8.2f | %9.1f %8.1f %9.1f\n",
           byline_test_hostile_name (shape), hostile.text->len, worker ? "worker" : "main",
           first_ms, first_main_ms, first_page_ms,
           median (set_ms, n_edits), median (main_ms, n_edits), max_of (main_ms, n_edits),
           median (main_cpu_ms, n_edits),
           median (render_ms, n_edits), median (page_ms, n_edits), median (latency_ms, n_edits));
  /* where the page's time went, in ms (byline-preview.js): the first paint
   * and the last edit */
  g_print ("#   page, first: %s\n#   page, last edit: %s\n",
           first_phases != NULL ? first_phases : "", last_page_phases != NULL ? last_page_phases : "");

  gtk_window_set_child (GTK_WINDOW (window), NULL);
  byline_test_hostile_clear (&hostile);
}

int
main (int   argc,
      char *argv[])
{
  const char *edits_env = g_getenv ("BYLINE_BENCH_EDITS");
  const char *shapes_env = g_getenv ("BYLINE_BENCH_SHAPES");
  g_auto(GStrv) shapes = shapes_env != NULL ? g_strsplit (shapes_env, ",", -1) : NULL;
  guint n_edits = edits_env != NULL ? MAX (1, (guint) g_ascii_strtoull (edits_env, NULL, 10)) : 5;
  const char *size_env = g_getenv ("BYLINE_BENCH_SIZE");
  const char *timeout_env = g_getenv ("BYLINE_BENCH_TIMEOUT");
  gsize sizes[] = { 1024 * 1024, 90 * 1024 };
  GtkWidget *window;

  /* BYLINE_BENCH_SIZE=KiB: that size only (the single line too) */
  if (size_env != NULL)
    sizes[0] = sizes[1] = g_ascii_strtoull (size_env, NULL, 10) * 1024;
  if (timeout_env != NULL)
    timeout_s = MAX (1, (guint) g_ascii_strtoull (timeout_env, NULL, 10));
  if (g_getenv ("BYLINE_BENCH_SETTLE") != NULL)
    settle_s = (guint) g_ascii_strtoull (g_getenv ("BYLINE_BENCH_SETTLE"), NULL, 10);

  /* the preview's timings arrive as debug messages */
  g_setenv ("G_MESSAGES_DEBUG", "Byline", TRUE);
  g_set_prgname ("bench-hostile-preview");
  gtk_init ();
  adw_init ();
  g_log_set_handler ("Byline", G_LOG_LEVEL_MASK, log_cb, NULL);

  real_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, stall_poll);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_present (GTK_WINDOW (window));

  g_print ("# in-process; ms; medians over %u one-character edits in the middle\n"
           "# first: the whole post onto an empty page (latency, longest main-thread stall in CPU, page script)\n"
           "# set: byline_preview_set_text () (the post); main: longest main-thread stall per edit\n"
           "# (wall median, wall max, CPU median); render: the patch build (where); page: the page's\n"
           "# script in the web process; latency: set_text to painted\n", n_edits);
  g_print ("%-12s %9s %-6s %10s %9s %9s | %7s %8s %8s %8s | %9s %8s %9s\n",
           "shape", "bytes", "render", "first", "1st main", "1st page",
           "set", "main", "main max", "main cpu", "render", "page", "latency");
  for (guint z = 0; z < (size_env != NULL ? 1 : G_N_ELEMENTS (sizes)); z++)
    for (guint s = 0; s < BYLINE_TEST_HOSTILE_N_SHAPES; s++)
      {
        gsize size = sizes[z];

        if (shapes != NULL &&
            !g_strv_contains ((const char * const *) shapes, byline_test_hostile_name (s)))
          continue;
        if (s == BYLINE_TEST_HOSTILE_ONE_LINE && z == 0 && size_env == NULL)
          size = 10 * 1024 * 1024;
        bench_shape (window, s, size, n_edits);
      }

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
