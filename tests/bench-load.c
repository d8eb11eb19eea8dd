/* bench-load.c: opening and saving big posts in the window
 *
 * For 1, 10 and 50 MB posts: how long opening takes, the longest the main
 * loop went without running meanwhile (what the user feels as a freeze), the
 * cost of one key typed, and of a save. Figures are printed, not asserted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "byline-document.h"
#include "byline-window.h"

#include "byline-test-loop.h"

typedef struct
{
  gint64 last;
  gint64 longest;
} Gaps;

static gboolean
gap_cb (gpointer user_data)
{
  Gaps *gaps = user_data;
  gint64 now = g_get_monotonic_time ();

  gaps->longest = MAX (gaps->longest, now - gaps->last);
  gaps->last = now;

  return G_SOURCE_CONTINUE;
}

static void
bench_size (gsize megabytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new ("---\ntitle: A long post\n---\n\n");
  g_autofree char *dir = g_dir_make_tmp ("byline-bench-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "big.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  BylineWindow *window;
  BylineDocument *document;
  Gaps gaps = { 0, 0 };
  gint64 start, loaded, typed;
  GtkTextIter iter;
  guint source;

  g_assert_no_error (error);
  for (guint i = 0; text->len < megabytes * 1000 * 1000; i++)
    g_string_append_printf (text, "Paragraph %u of a post that goes on and on, "
                                  "with *some* Markdown in it.\n\n", i);
  byline_test_write_file (path, text->str, text->len);

  window = byline_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  document = byline_window_get_document (window);
  byline_test_spin (200);

  gaps.last = start = g_get_monotonic_time ();
  source = g_timeout_add (1, gap_cb, &gaps);
  byline_window_load_async (window, file, NULL, byline_test_store_result_cb, &result);
  WAIT_UNTIL (result != NULL);
  loaded = g_get_monotonic_time () - start;
  g_source_remove (source);
  g_assert_true (byline_window_load_finish (window, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  start = g_get_monotonic_time ();
  gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (document), &iter);
  gtk_text_buffer_insert (GTK_TEXT_BUFFER (document), &iter, "x", 1);
  typed = g_get_monotonic_time () - start;

  start = g_get_monotonic_time ();
  byline_document_save_async (document, NULL, BYLINE_SAVE_FLAGS_NONE, NULL,
                              byline_test_store_result_cb, &result);
  WAIT_UNTIL (result != NULL);
  g_assert_true (byline_document_save_finish (document, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  g_print ("%3zu MB: open %6.0f ms, longest main-loop gap %5.1f ms, "
           "one key %6.1f ms, save %6.0f ms\n",
           megabytes, loaded / 1e3, gaps.longest / 1e3, typed / 1e3,
           (g_get_monotonic_time () - start) / 1e3);

  gtk_window_destroy (GTK_WINDOW (window));
  byline_test_spin (100);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_set_prgname ("bench-load");
  gtk_init ();
  adw_init ();

  bench_size (1);
  bench_size (10);
  bench_size (50);

  return 0;
}
