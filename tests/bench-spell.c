/* bench-spell.c: the spell checker on a 1 MB post, in the window
 *
 * Opens the corpus as one post of about 1 MB (the first post whole, then
 * every post's body, over again, as bench-typing does), and prints how the
 * spell checker cut its work into idle slices: how many, the longest, and
 * the longest gap of the main loop meanwhile (which also holds GTK's drawing
 * and GtkSourceView's highlighting); then the same while typing a sentence
 * in the middle of the post, a key at a time. Each slice's CPU time is
 * printed beside its wall-clock time: on a loaded machine the latter counts
 * the time other processes had. Figures are printed, not asserted.
 *
 * Before all that, in a process that has loaded no dictionary yet, the
 * first post (one corpus post) is opened, and the main thread's CPU time is
 * printed: in all, from the load to the end of its check, and the most one
 * main-loop iteration took (a dictionary loaded on the main thread shows up
 * there).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <time.h>

#include <glib/gstdio.h>
#include <adwaita.h>

#include "byline-frontmatter.h"
#include "byline-page.h"
#include "byline-spell-checker.h"
#include "byline-window.h"

#include "byline-test-corpus.h"
#include "byline-test-loop.h"

#define DOC_SIZE (1024 * 1024)

typedef struct
{
  gint64 last;
  gint64 longest;
  gint64 longest_cpu;
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

static GString *
corpus_document (gsize size)
{
  g_autoptr(GPtrArray) paths = byline_test_corpus_files (BYLINE_TEST_CORPUS_WITH_MDX);
  GString *doc = g_string_new (NULL);

  if (paths == NULL)
    return doc;
  while (doc->len < size)
    {
      gsize before = doc->len;

      for (guint i = 0; i < paths->len && doc->len < size; i++)
        {
          g_autofree char *text = NULL;
          gsize len;
          BylineSplit split;

          if (!g_file_get_contents (g_ptr_array_index (paths, i), &text, &len, NULL))
            continue;
          byline_frontmatter_split (text, len, &split);
          if (doc->len == 0)
            g_string_append_len (doc, text, len);
          else
            g_string_append_len (doc, text + split.body_start, len - split.body_start);
          if (doc->len > 0 && doc->str[doc->len - 1] != '\n')
            g_string_append_c (doc, '\n');
          g_string_append_c (doc, '\n');
        }
      if (doc->len == before)
        break;
    }
  return doc;
}

static guint
count_underlined (GtkTextBuffer *buffer)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer),
                                               "byline-spell-error");
  GtkTextIter iter;
  guint n = 0;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  while (tag != NULL && gtk_text_iter_forward_to_tag_toggle (&iter, tag))
    if (gtk_text_iter_starts_tag (&iter, tag))
      n++;
  return n;
}

static gint64
thread_cpu_usec (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* The first post opened, with no dictionary loaded yet. */
static void
first_open (const char *dir)
{
  g_autoptr(GString) post = corpus_document (1);
  g_autofree char *path = g_build_filename (dir, "first.md", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  BylineWindow *window;
  BylineSpellChecker *checker = NULL;
  gint64 began_cpu;
  gint64 longest = 0;
  gint64 deadline;
  double load[3];

  byline_test_write_file (path, post->str, post->len);
  window = byline_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1300, 800);
  gtk_window_present (GTK_WINDOW (window));
  /* the window's first frames are not the post's */
  byline_test_spin (500);

  file = g_file_new_for_path (path);
  began_cpu = thread_cpu_usec ();
  byline_window_load_async (window, file, NULL, byline_test_store_result_cb, &result);
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    {
      gint64 before = thread_cpu_usec ();

      g_main_context_iteration (NULL, TRUE);
      longest = MAX (longest, thread_cpu_usec () - before);
      if (result != NULL && checker == NULL)
        {
          byline_window_load_finish (window, result, &error);
          g_assert_no_error (error);
          checker = byline_page_get_spell_checker (byline_window_get_page (window));
        }
      if (checker != NULL && !byline_spell_checker_get_checking (checker))
        break;
    }
  getloadavg (load, 3);
  g_print ("spell: first post open (%" G_GSIZE_FORMAT " bytes, %s): main thread CPU %.2f ms "
           "from the load to the end of its check, longest iteration %.2f ms (load %.2f %.2f %.2f)\n",
           post->len, checker != NULL ? byline_spell_checker_get_language (checker) : "no checker",
           (thread_cpu_usec () - began_cpu) / 1000.0, longest / 1000.0, load[0], load[1], load[2]);

  gtk_window_destroy (GTK_WINDOW (window));
  byline_test_spin (100);
  g_unlink (path);
}

/* The main thread's CPU time to ask for a language not loaded yet, alone:
 * what the editor waits for when a post in another language opens. */
static void
first_request (const char *language)
{
  GtkWidget *view = g_object_ref_sink (gtk_text_view_new ());
  BylineSpellChecker *checker;
  gint64 began;
  gint64 spent;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "Ein Satz.\n", -1);
  checker = byline_spell_checker_new (GTK_TEXT_VIEW (view));
  byline_test_spin (50);
  began = thread_cpu_usec ();
  byline_spell_checker_set_language (checker, language);
  spent = thread_cpu_usec () - began;
  while (byline_spell_checker_get_checking (checker) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_print ("spell: asking for %s, not loaded yet: %.2f ms of the main thread's CPU (dictionary: %s)\n",
           language, spent / 1000.0, byline_spell_checker_get_language (checker));
  g_object_unref (checker);
  g_object_unref (view);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GString) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  BylineWindow *window;
  BylinePage *page;
  BylineSpellChecker *checker;
  GtkTextBuffer *buffer;
  GtkTextView *view;
  Gaps gaps = { 0 };
  guint gap_id;
  guint n_slices;
  gint64 longest;
  gint64 longest_cpu;
  gint64 began;
  gint64 longest_key = 0;
  GtkTextIter iter;
  const char *sentence = "Thiss is a sentance typed in the middel of a long post. ";

  gtk_init ();
  adw_init ();

  doc = corpus_document (DOC_SIZE);
  if (doc->len < DOC_SIZE)
    {
      g_print ("# no corpus (BYLINE_CORPUS_DIR); skipped\n");
      return 0;
    }
  dir = g_dir_make_tmp ("byline-bench-spell-XXXXXX", &error);
  g_assert_no_error (error);

  /* first: no dictionary asked for before it */
  first_open (dir);
  first_request ("de_DE");
  if (!byline_spell_checker_has_dictionary ("en_US"))
    {
      g_print ("# no en_US dictionary; skipped\n");
      g_rmdir (dir);
      return 0;
    }

  path = g_build_filename (dir, "post.md", NULL);
  byline_test_write_file (path, doc->str, doc->len);

  window = byline_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1300, 800);
  gtk_window_present (GTK_WINDOW (window));
  file = g_file_new_for_path (path);

  gaps.last = g_get_monotonic_time ();
  gap_id = g_timeout_add (1, gap_cb, &gaps);
  began = g_get_monotonic_time ();
  byline_window_load_async (window, file, NULL, byline_test_store_result_cb, &result);
  WAIT_UNTIL (result != NULL);
  byline_window_load_finish (window, result, &error);
  g_assert_no_error (error);
  page = byline_window_get_page (window);
  checker = byline_page_get_spell_checker (page);
  buffer = GTK_TEXT_BUFFER (byline_page_get_document (page));
  view = GTK_TEXT_VIEW (byline_page_get_source_view (page));

  /* the whole post, once loaded */
  byline_spell_checker_reset_stats (checker);
  gaps.longest = 0;
  gaps.last = g_get_monotonic_time ();
  byline_test_spin (50);
  {
    gint64 deadline = g_get_monotonic_time () + 300 * G_USEC_PER_SEC;

    while (byline_spell_checker_get_checking (checker) && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
  }
  byline_spell_checker_get_stats (checker, &n_slices, &longest, &longest_cpu);
  g_print ("spell: 1 MB post (%" G_GSIZE_FORMAT " bytes, %d lines) checked in %.2f s after opening, "
           "%u slices, longest %.2f ms (CPU %.2f ms); longest main-loop gap %.2f ms; %u words underlined\n",
           doc->len, gtk_text_buffer_get_line_count (buffer),
           (g_get_monotonic_time () - began) / 1e6, n_slices, longest / 1000.0, longest_cpu / 1000.0,
           gaps.longest / 1000.0, count_underlined (buffer));

  /* typing in the middle: one key, then the loop until the check is done */
  gtk_text_buffer_get_iter_at_line (buffer, &iter, gtk_text_buffer_get_line_count (buffer) / 2);
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_text_view_scroll_to_iter (view, &iter, 0, TRUE, 0, 0.5);
  byline_test_spin (200);
  while (byline_spell_checker_get_checking (checker))
    g_main_context_iteration (NULL, TRUE);
  byline_spell_checker_reset_stats (checker);
  gaps.longest = 0;
  for (const char *p = sentence; *p != '\0'; p++)
    {
      gint64 key = g_get_monotonic_time ();

      gtk_text_buffer_begin_user_action (buffer);
      gtk_text_buffer_insert_interactive_at_cursor (buffer, p, 1, TRUE);
      gtk_text_buffer_end_user_action (buffer);
      gaps.last = g_get_monotonic_time ();
      while (byline_spell_checker_get_checking (checker))
        g_main_context_iteration (NULL, TRUE);
      longest_key = MAX (longest_key, g_get_monotonic_time () - key);
    }
  byline_spell_checker_get_stats (checker, &n_slices, &longest, &longest_cpu);
  g_print ("spell: typing %d keys in the middle: %u slices, longest %.2f ms (CPU %.2f ms); "
           "longest key to checked %.2f ms; longest main-loop gap %.2f ms\n",
           (int) strlen (sentence), n_slices, longest / 1000.0, longest_cpu / 1000.0, longest_key / 1000.0,
           gaps.longest / 1000.0);

  g_source_remove (gap_id);
  gtk_text_buffer_set_modified (buffer, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
  return 0;
}
