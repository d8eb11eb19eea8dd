/* bench-preview.c: keystroke-to-painted latency of the preview
 *
 * Types one character at a time into the middle of a 10 KB post and of a
 * 1 MB document (the corpus bodies concatenated), waiting for each change to
 * be painted, and reports the median and 90th percentile latency and the
 * longest main-thread stall per keystroke; then the same for the naive way,
 * rendering everything and replacing the whole body's innerHTML.
 * Figures are printed, not asserted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <time.h>

#include <adwaita.h>
#include <gtk/gtk.h>

#include "byline-frontmatter.h"
#include "byline-markdown.h"
#include "byline-preview.h"
#include "byline-test-corpus.h"

#define TIMEOUT_S 120
/* keystrokes typed first and not counted: caches, JIT, first layout */
#define WARMUP 5

static const char *head =
  "---\ntitle: Benchmark\npubDatetime: 2026-11-20T09:30:00Z\ntags:\n  - bench\n---\n\n";

/* ---- main-thread stalls: time spent between two polls of the main loop -- */

static GPollFunc real_poll;
static gint64 last_poll_return;
static gint64 last_poll_return_cpu;
static gint64 max_stall;
static gint64 max_stall_cpu;

/* CPU time of the calling thread: on a loaded machine the wall-clock stall
 * also counts the time the main thread waited for a core. */
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

/* ---- corpus ------------------------------------------------------------- */

static GString *
corpus_bodies (void)
{
  g_autoptr(GPtrArray) paths = byline_test_corpus_files (BYLINE_TEST_CORPUS_WITH_MDX);
  GString *bodies = g_string_new (NULL);

  if (paths == NULL)
    g_error ("no corpus: BYLINE_CORPUS_DIR is not a folder of posts");
  for (guint i = 0; i < paths->len; i++)
    {
      g_autofree char *text = NULL;
      gsize len;
      BylineSplit split;

      if (!g_file_get_contents (g_ptr_array_index (paths, i), &text, &len, NULL))
        continue;
      byline_frontmatter_split (text, len, &split);
      g_string_append_len (bodies, text + split.body_start, len - split.body_start);
      g_string_append (bodies, "\n\n");
    }
  g_print ("# corpus: %u posts, %" G_GSIZE_FORMAT " bytes of body\n", paths->len, bodies->len);
  return bodies;
}

/* A document of about @size bytes: the bodies, cut at a paragraph break or
 * repeated until long enough. */
static GString *
make_document (const GString *bodies,
               gsize          size)
{
  GString *doc = g_string_new (head);

  while (doc->len < size)
    {
      gsize want = size - doc->len;

      if (want >= bodies->len)
        g_string_append_len (doc, bodies->str, bodies->len);
      else
        {
          const char *cut = g_strstr_len (bodies->str + want, bodies->len - want, "\n\n");

          g_string_append_len (doc, bodies->str, cut != NULL ? (gsize) (cut - bodies->str) + 2 : bodies->len);
        }
    }
  return doc;
}

/* Where to type: after the first word of a line of prose near the middle
 * (a line starting with two letters and holding a space). */
static gsize
typing_position (const GString *doc)
{
  for (guint pass = 0; pass < 2; pass++)
    {
      /* the second pass starts after the frontmatter */
      const char *p = doc->str + (pass == 0 ? doc->len / 2 : strlen (head));

      while ((p = strchr (p, '\n')) != NULL)
        {
          const char *space, *eol;

          p++;
          if (!g_ascii_isalpha (p[0]) || !g_ascii_isalpha (p[1]))
            continue;
          space = strchr (p, ' ');
          eol = strchr (p, '\n');
          if (space != NULL && eol != NULL && space < eol)
            return space - doc->str;
        }
    }
  g_error ("no line of prose to type into");
}

static guint
line_of (const GString *doc,
         gsize          offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    line += doc->str[i] == '\n';
  return line;
}

/* ---- measuring ---------------------------------------------------------- */

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_painted (BylinePreview *preview,
              guint          serial)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add_seconds (TIMEOUT_S, timeout_cb, &expired);

  while (byline_preview_get_painted_serial (preview) < serial && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (expired)
    g_error ("timed out waiting for serial %u", serial);
  g_source_remove (id);
}

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *values,
            double  p)
{
  guint i;

  g_array_sort (values, cmp_double);
  i = (guint) (p * (values->len - 1) + 0.5);
  return g_array_index (values, double, i);
}

static void
report (const char *doc_name,
        const char *mode,
        GArray     *latency,
        GArray     *stall,
        GArray     *stall_cpu)
{
  g_print ("%-5s %-9s %3u edits | latency median %6.1f ms, p90 %6.1f ms | longest main-thread "
           "stall per edit (wall): median %5.1f, max %5.1f ms | (thread CPU): median %5.1f, max %5.1f ms\n",
           doc_name, mode, latency->len,
           percentile (latency, 0.5), percentile (latency, 0.9),
           percentile (stall, 0.5), percentile (stall, 1.0),
           percentile (stall_cpu, 0.5), percentile (stall_cpu, 1.0));
}

static void
bench_patch (BylinePreview *preview,
             GString       *doc,
             gsize          pos,
             guint          n_edits,
             const char    *name)
{
  g_autoptr(GArray) latency = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) stall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) stall_cpu = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < n_edits + WARMUP; i++)
    {
      gint64 t0, t1, t_set, c0, c_set;
      double ms, stall_ms, cpu_ms;

      g_string_insert_c (doc, pos + i, 'a' + i % 26);
      stall_reset ();
      t0 = g_get_monotonic_time ();
      c0 = thread_cpu_time ();
      byline_preview_set_text (preview, doc->str, doc->len);
      t_set = g_get_monotonic_time () - t0;
      c_set = thread_cpu_time () - c0;
      last_poll_return = g_get_monotonic_time ();
      last_poll_return_cpu = thread_cpu_time ();
      wait_painted (preview, byline_preview_get_serial (preview));
      t1 = g_get_monotonic_time ();

      ms = (t1 - t0) / 1000.;
      stall_ms = MAX (max_stall, t_set) / 1000.;
      cpu_ms = MAX (max_stall_cpu, c_set) / 1000.;
      if (i < WARMUP)
        continue;
      g_array_append_val (latency, ms);
      g_array_append_val (stall, stall_ms);
      g_array_append_val (stall_cpu, cpu_ms);
    }
  report (name, "patch", latency, stall, stall_cpu);
}

/* A JavaScript string literal */
static void
append_js_string (GString    *s,
                  const char *str)
{
  g_string_append_c (s, '"');
  for (const char *p = str; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (s, '\\');
          g_string_append_c (s, c);
        }
      else if (c < 0x20)
        g_string_append_printf (s, "\\u%04x", c);
      else if (c == 0xe2 && (guchar) p[1] == 0x80 && ((guchar) p[2] & 0xfe) == 0xa8)
        {
          g_string_append_printf (s, "\\u%04x", (guchar) p[2] == 0xa8 ? 0x2028 : 0x2029);
          p += 2;
        }
      else
        g_string_append_c (s, c);
    }
  g_string_append_c (s, '"');
}

static void
eval_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, &error);

  if (error != NULL)
    g_error ("baseline script failed: %s", error->message);
}

/* What a preview without patches does on every keystroke: render the whole
 * body on the main thread and replace the page's content. */
static void
bench_innerhtml (BylinePreview *preview,
                 GString       *doc,
                 gsize          pos,
                 guint          n_edits,
                 const char    *name)
{
  g_autoptr(GArray) latency = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) stall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) stall_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  guint serial = byline_preview_get_painted_serial (preview) + 1000;

  for (guint i = 0; i < n_edits + WARMUP; i++, serial++)
    {
      g_autoptr(BylineRendered) rendered = NULL;
      g_autofree char *html = NULL;
      g_autoptr(GString) script = g_string_new ("document.getElementById('content').innerHTML = ");
      BylineRenderOptions options = { 0 };
      BylineSplit split;
      gint64 t0, t1, t_main, c0, c_main;
      double ms, stall_ms, cpu_ms;

      g_string_insert_c (doc, pos + i, 'a' + i % 26);
      stall_reset ();
      t0 = g_get_monotonic_time ();
      c0 = thread_cpu_time ();
      byline_frontmatter_split (doc->str, doc->len, &split);
      options.first_line = split.body_line;
      rendered = byline_markdown_render (doc->str + split.body_start, doc->len - split.body_start, &options);
      html = byline_rendered_to_html (rendered);
      append_js_string (script, html);
      g_string_append_printf (script, "; requestAnimationFrame(() => setTimeout(() => "
                              "window.webkit.messageHandlers.byline.postMessage({type: 'painted', serial: %u}), 0));"
                              "void 0", serial);
      webkit_web_view_evaluate_javascript (WEBKIT_WEB_VIEW (preview), script->str, script->len,
                                           BYLINE_PREVIEW_SCRIPT_WORLD, NULL, NULL, eval_cb, NULL);
      t_main = g_get_monotonic_time () - t0;
      c_main = thread_cpu_time () - c0;
      last_poll_return = g_get_monotonic_time ();
      last_poll_return_cpu = thread_cpu_time ();
      wait_painted (preview, serial);
      t1 = g_get_monotonic_time ();

      ms = (t1 - t0) / 1000.;
      stall_ms = MAX (max_stall, t_main) / 1000.;
      cpu_ms = MAX (max_stall_cpu, c_main) / 1000.;
      if (i < WARMUP)
        continue;
      g_array_append_val (latency, ms);
      g_array_append_val (stall, stall_ms);
      g_array_append_val (stall_cpu, cpu_ms);
    }
  report (name, "innerHTML", latency, stall, stall_cpu);
}

/* The floor: no DOM change at all, just the wait for the page's next frame
 * and the message back, which every patch pays too. */
static void
bench_floor (BylinePreview *preview,
             guint          n_edits,
             const char    *name)
{
  g_autoptr(GArray) latency = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) stall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) stall_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  guint serial = byline_preview_get_painted_serial (preview) + 1000;

  for (guint i = 0; i < n_edits + WARMUP; i++, serial++)
    {
      g_autofree char *script = g_strdup_printf ("requestAnimationFrame(() => setTimeout(() => "
                                                 "window.webkit.messageHandlers.byline.postMessage({type: 'painted', serial: %u}), 0));"
                                                 "void 0", serial);
      gint64 t0;
      double ms, stall_ms, cpu_ms;

      stall_reset ();
      t0 = g_get_monotonic_time ();
      webkit_web_view_evaluate_javascript (WEBKIT_WEB_VIEW (preview), script, -1,
                                           BYLINE_PREVIEW_SCRIPT_WORLD, NULL, NULL, eval_cb, NULL);
      wait_painted (preview, serial);
      ms = (g_get_monotonic_time () - t0) / 1000.;
      stall_ms = max_stall / 1000.;
      cpu_ms = max_stall_cpu / 1000.;
      if (i < WARMUP)
        continue;
      g_array_append_val (latency, ms);
      g_array_append_val (stall, stall_ms);
      g_array_append_val (stall_cpu, cpu_ms);
    }
  report (name, "no-change", latency, stall, stall_cpu);
}

static void
bench_document (GtkWidget  *window,
                GString    *doc,
                guint       n_edits,
                const char *name)
{
  BylinePreview *preview = BYLINE_PREVIEW (byline_preview_new ());
  gsize pos = typing_position (doc);
  gint64 t0;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (preview));

  t0 = g_get_monotonic_time ();
  /* the page loads first: wait for an empty document to be painted */
  byline_preview_set_text (preview, "Loading.\n", -1);
  wait_painted (preview, byline_preview_get_serial (preview));
  t0 = g_get_monotonic_time ();
  byline_preview_set_text (preview, doc->str, doc->len);
  wait_painted (preview, byline_preview_get_serial (preview));
  g_print ("# %s: %" G_GSIZE_FORMAT " bytes, typing at line %u; first full render painted in %.1f ms\n",
           name, doc->len, line_of (doc, pos), (g_get_monotonic_time () - t0) / 1000.);
  /* the figures differ a lot between the two (GL compositing is llvmpipe
   * under headless-run): say which one they are for */
  g_print ("# %s: WebKit hardware acceleration %s, LIBGL_ALWAYS_SOFTWARE=%s\n", name,
           webkit_settings_get_hardware_acceleration_policy (webkit_web_view_get_settings (WEBKIT_WEB_VIEW (preview))) ==
             WEBKIT_HARDWARE_ACCELERATION_POLICY_NEVER ? "never" : "always",
           g_getenv ("LIBGL_ALWAYS_SOFTWARE") != NULL ? g_getenv ("LIBGL_ALWAYS_SOFTWARE") : "(unset)");

  /* the editor keeps the cursor's block in view */
  byline_preview_scroll_to_line (preview, line_of (doc, pos));

  bench_patch (preview, doc, pos, n_edits, name);
  bench_floor (preview, MIN (n_edits, 30), name);
  /* BYLINE_BENCH_BASELINE=0 skips the (slow) baseline */
  if (g_strcmp0 (g_getenv ("BYLINE_BENCH_BASELINE"), "0") != 0)
    bench_innerhtml (preview, doc, pos + n_edits + WARMUP, n_edits, name);

  gtk_window_set_child (GTK_WINDOW (window), NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GString) bodies = NULL;
  g_autoptr(GString) small = NULL;
  g_autoptr(GString) large = NULL;
  const char *edits_env = g_getenv ("BYLINE_BENCH_EDITS");
  guint n_edits = edits_env != NULL ? (guint) g_ascii_strtoull (edits_env, NULL, 10) : 60;
  GtkWidget *window;

  g_set_prgname ("bench-preview");
  gtk_init ();
  adw_init ();

  real_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, stall_poll);

  bodies = corpus_bodies ();
  small = make_document (bodies, 10 * 1024);
  large = make_document (bodies, 1024 * 1024);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_present (GTK_WINDOW (window));

  g_print ("# targets: 10 KB median < 16 ms, 1 MB median < 100 ms, no stall > 8 ms\n");
  bench_document (window, small, n_edits, "10KB");
  bench_document (window, large, n_edits, "1MB");

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
