/* bench-library-view.c: the window's library of 10,000 posts
 *
 * Opens a generated site of 10,000 posts (byline-bench-site.c) in a real
 * window under Xvfb and times what a user waits for: the list filled after
 * Open Folder, each keystroke of a search until the list shows its result,
 * the drafts filter, sorting by title, and a `git checkout` of 500 posts
 * seen by the folders' monitors. Throughout, a tick callback on the list
 * records the longest gap between two frames: how long the main thread was
 * busy at a stretch (target: nothing over a frame, 16.7 ms, beyond the
 * noise of a shared machine), until the window has drawn the result.
 *
 * Beside it, the floor: a bare GtkListView of the same 10,000 items, one
 * label a row, filled and filtered to a tenth the same way, in the same run.
 * GTK 4.8 makes about 200 rows whenever the top of a list changes, so even
 * that costs more than a frame here; the ratio says what is Byline's.
 * Figures are printed, not asserted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "byline-library-view.h"
#include "byline-window.h"

#include "byline-bench-site.h"

#define N_CHECKOUT 500

typedef struct
{
  gint64 last;
  gint64 worst;
  double last_cpu;
  double worst_cpu;
  guint  ticks;
} Frames;

/* CPU time of the main thread, in ms: what it spent between two frames is
 * its own work, whatever else the machine was doing. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  Frames *frames = user_data;
  gint64 now = g_get_monotonic_time ();
  double cpu = thread_cpu_ms ();

  if (frames->last != 0)
    {
      frames->worst = MAX (frames->worst, now - frames->last);
      frames->worst_cpu = MAX (frames->worst_cpu, cpu - frames->last_cpu);
    }
  frames->last = now;
  frames->last_cpu = cpu;
  frames->ticks++;

  return G_SOURCE_CONTINUE;
}

/* Starts a measurement. The frame the action runs in counts from the tick
 * before it: the tick callback keeps the frame clock running, so an idle
 * window ticks every frame. */
static void
frames_reset (Frames *frames)
{
  frames->worst = 0;
  frames->worst_cpu = 0;
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* Spins until @cond holds, at most a minute. */
#define SPIN_UNTIL(cond)                                                      \
  G_STMT_START {                                                              \
    gint64 _deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;         \
    while (!(cond) && g_get_monotonic_time () < _deadline)                    \
      g_main_context_iteration (NULL, TRUE);                                  \
  } G_STMT_END

/* Spins until the window has drawn what the model shows: two more ticks,
 * so that the layout and drawing of the changed rows count too. */
#define SPIN_UNTIL_DRAWN(frames)                                              \
  G_STMT_START {                                                              \
    guint _ticks = (frames)->ticks;                                           \
    SPIN_UNTIL ((frames)->ticks >= _ticks + 2);                               \
  } G_STMT_END

static gboolean
floor_filter_func (gpointer item,
                   gpointer user_data)
{
  gboolean *tenth = user_data;

  return !*tenth || g_str_has_suffix (gtk_string_object_get_string (item), "1");
}

static void
floor_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
floor_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("byline-bench-library-view-XXXXXX", &error);
  g_autoptr(GFile) folder = NULL;
  const char *query = "rhinoceros";
  BylineWindow *window;
  BylineLibraryView *library;
  GListModel *model;
  Frames frames = { 0 };
  double worst_key = 0, total_key = 0, worst_key_frame = 0, worst_key_cpu = 0;
  gint64 start;
  guint wake;

  gtk_init ();
  adw_init ();
  g_assert_no_error (error);
  {
    double load[1] = { 0 };

    if (getloadavg (load, 1) > 0)
      g_print ("load average: %.2f on %u cores (wall-clock figures include other work)\n",
               load[0], g_get_num_processors ());
  }

  byline_bench_write_site (root);
  folder = g_file_new_for_path (root);

  window = byline_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  library = byline_window_get_library (window);
  model = byline_library_view_get_model (library);
  gtk_widget_add_tick_callback (GTK_WIDGET (window), tick_cb, &frames, NULL);
  /* Keep the loop turning, so that a wait ends as soon as it can. */
  wake = g_timeout_add (5, wake_cb, NULL);
  SPIN_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));

  /* Showing the library the first time builds its widgets, whatever the
   * site: a folder that is no site shows it, empty. */
  {
    g_autofree char *empty = g_dir_make_tmp ("byline-bench-empty-XXXXXX", NULL);
    g_autoptr(GFile) nothing = g_file_new_for_path (empty);

    frames_reset (&frames);
    byline_window_open_folder (window, nothing);
    SPIN_UNTIL (!byline_library_view_get_loading (library));
    SPIN_UNTIL_DRAWN (&frames);
    g_print ("library shown, on a folder that is no site: longest frame %.1f ms wall, %.1f ms of "
             "main-thread CPU\n", frames.worst / 1000.0, frames.worst_cpu);
    g_rmdir (empty);
  }

  frames_reset (&frames);
  start = g_get_monotonic_time ();
  byline_window_open_folder (window, folder);
  SPIN_UNTIL (!byline_library_view_get_loading (library) &&
              g_list_model_get_n_items (model) == BYLINE_BENCH_N_DIRS * BYLINE_BENCH_N_PER_DIR);
  SPIN_UNTIL_DRAWN (&frames);
  g_print ("open folder: %u posts listed and drawn in %.0f ms; longest frame %.1f ms wall, %.1f ms of "
           "main-thread CPU\n", g_list_model_get_n_items (model), ms_since (start),
           frames.worst / 1000.0, frames.worst_cpu);

  for (gsize len = 1; len <= strlen (query); len++)
    {
      g_autofree char *typed = g_strndup (query, len);
      double ms;

      frames_reset (&frames);
      start = g_get_monotonic_time ();
      /* Filtering is done when this returns; the list then grows. */
      byline_library_view_set_search_text (library, typed);
      ms = ms_since (start);
      SPIN_UNTIL_DRAWN (&frames);
      worst_key = MAX (worst_key, ms);
      total_key += ms;
      worst_key_frame = MAX (worst_key_frame, frames.worst / 1000.0);
      worst_key_cpu = MAX (worst_key_cpu, frames.worst_cpu);
    }
  g_print ("search \"%s\" typed a key at a time: %u shown; until shown: mean %.1f ms, worst "
           "%.1f ms; longest frame %.1f ms wall, %.1f ms of main-thread CPU\n", query,
           g_list_model_get_n_items (model), total_key / strlen (query), worst_key,
           worst_key_frame, worst_key_cpu);

  /* Clearing the search brings back every post: the list grows from 10. */
  frames_reset (&frames);
  start = g_get_monotonic_time ();
  byline_library_view_set_search_text (library, "");
  SPIN_UNTIL (g_list_model_get_n_items (model) == BYLINE_BENCH_N_DIRS * BYLINE_BENCH_N_PER_DIR);
  SPIN_UNTIL_DRAWN (&frames);
  g_print ("search cleared: %u shown and drawn in %.1f ms; longest frame %.1f ms wall, %.1f ms CPU\n",
           g_list_model_get_n_items (model), ms_since (start), frames.worst / 1000.0,
           frames.worst_cpu);

  frames_reset (&frames);
  start = g_get_monotonic_time ();
  byline_library_view_set_state (library, BYLINE_LIBRARY_STATE_DRAFTS);
  SPIN_UNTIL (g_list_model_get_n_items (model) == 1000);
  SPIN_UNTIL_DRAWN (&frames);
  g_print ("drafts filter: %u shown and drawn in %.1f ms; longest frame %.1f ms wall, %.1f ms CPU\n",
           g_list_model_get_n_items (model), ms_since (start), frames.worst / 1000.0,
           frames.worst_cpu);
  byline_library_view_set_state (library, BYLINE_LIBRARY_STATE_ANY);
  SPIN_UNTIL (g_list_model_get_n_items (model) == BYLINE_BENCH_N_DIRS * BYLINE_BENCH_N_PER_DIR);
  SPIN_UNTIL_DRAWN (&frames);

  frames_reset (&frames);
  start = g_get_monotonic_time ();
  byline_library_view_set_sort (library, BYLINE_LIBRARY_SORT_TITLE);
  SPIN_UNTIL (g_list_model_get_n_items (model) == BYLINE_BENCH_N_DIRS * BYLINE_BENCH_N_PER_DIR);
  SPIN_UNTIL_DRAWN (&frames);
  g_print ("sort by title: drawn in %.0f ms; longest frame %.1f ms wall, %.1f ms CPU\n",
           ms_since (start), frames.worst / 1000.0, frames.worst_cpu);

  /* A `git checkout` that rewrites 500 posts while the list is sorted by
   * title: the folders' monitors see them, the view reads them again in a
   * batch, and each goes to its new place. */
  {
    g_autofree char *last = NULL;
    BylineLibraryIndex *index = byline_library_view_get_index (library);

    for (guint n = 0; n < N_CHECKOUT; n++)
      {
        guint k = n * (BYLINE_BENCH_N_DIRS * BYLINE_BENCH_N_PER_DIR / N_CHECKOUT);
        g_autofree char *text = NULL;
        gsize len;

        g_free (last);
        last = g_strdup_printf ("%s/src/data/blog/%02u/post-%05u.md", root,
                                k / BYLINE_BENCH_N_PER_DIR, k);
        if (!g_file_get_contents (last, &text, &len, NULL) || strstr (text, "title: ") == NULL)
          g_error ("bench-library-view: no title in %s", last);
        strstr (text, "title: ")[7] = 'X';
        if (!g_file_set_contents (last, text, len, NULL))
          g_error ("bench-library-view: cannot write %s", last);
      }
    /* the frame the writes held up is not the list's; the view waits a
     * while for more events before it reads the files again */
    {
      guint ticks = frames.ticks;

      SPIN_UNTIL (frames.ticks > ticks);
    }
    frames_reset (&frames);
    start = g_get_monotonic_time ();
    SPIN_UNTIL (byline_library_index_lookup (index, last) != NULL &&
                g_str_has_prefix (byline_library_post_get_title (byline_library_index_lookup (index, last)),
                                  "X"));
    SPIN_UNTIL_DRAWN (&frames);
    g_print ("checkout of %u posts, sorted by title: in the list in %.0f ms; longest frame "
             "%.1f ms wall, %.1f ms CPU\n",
             N_CHECKOUT, ms_since (start), frames.worst / 1000.0, frames.worst_cpu);
  }

  gtk_window_destroy (GTK_WINDOW (window));

  {
    g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
    g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
    GtkFilterListModel *filtered;
    GtkCustomFilter *filter;
    GtkWidget *floor_window = gtk_window_new ();
    GtkWidget *scrolled = gtk_scrolled_window_new ();
    GtkWidget *list = gtk_list_view_new (NULL, NULL);
    gboolean tenth = FALSE;

    for (guint i = 0; i < BYLINE_BENCH_N_DIRS * BYLINE_BENCH_N_PER_DIR; i++)
      {
        g_autofree char *title = g_strdup_printf ("Post number %u", i);

        gtk_string_list_append (strings, title);
      }
    filter = gtk_custom_filter_new (floor_filter_func, &tenth, NULL);
    filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (strings)),
                                          GTK_FILTER (g_object_ref (filter)));
    g_signal_connect (factory, "setup", G_CALLBACK (floor_setup_cb), NULL);
    g_signal_connect (factory, "bind", G_CALLBACK (floor_bind_cb), NULL);
    gtk_list_view_set_factory (GTK_LIST_VIEW (list), factory);
    gtk_window_set_default_size (GTK_WINDOW (floor_window), 1200, 800);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
    gtk_window_set_child (GTK_WINDOW (floor_window), scrolled);
    gtk_widget_add_tick_callback (floor_window, tick_cb, &frames, NULL);
    gtk_window_present (GTK_WINDOW (floor_window));
    SPIN_UNTIL (gtk_widget_get_mapped (floor_window));
    SPIN_UNTIL_DRAWN (&frames);

    frames_reset (&frames);
    gtk_list_view_set_model (GTK_LIST_VIEW (list),
                             GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (filtered))));
    SPIN_UNTIL_DRAWN (&frames);
    g_print ("floor, a bare list of one label a row: filled: longest frame %.1f ms CPU; ",
             frames.worst_cpu);

    frames_reset (&frames);
    tenth = TRUE;
    gtk_filter_changed (GTK_FILTER (filter), GTK_FILTER_CHANGE_MORE_STRICT);
    SPIN_UNTIL_DRAWN (&frames);
    g_print ("filtered to a tenth (%u): longest frame %.1f ms CPU\n",
             g_list_model_get_n_items (G_LIST_MODEL (filtered)), frames.worst_cpu);

    g_object_unref (filter);
    gtk_window_destroy (GTK_WINDOW (floor_window));
  }

  g_source_remove (wake);
  {
    const char *rm[] = { "rm", "-rf", root, NULL };

    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }

  return 0;
}
