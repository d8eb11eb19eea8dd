/* test-library-view.c: the site's posts in the window, driven headless
 *
 * Opens a copy of tests/data/sites/astro in a real window: the list fills
 * from worker threads, filters drafts, searches a word from a post's body,
 * sorts, opens posts in tabs (an open post switches to its tab) and follows
 * a post written to disk by someone else. Run it under build-aux/headless-run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <adwaita.h>

#include "byline-application.h"
#include "byline-library-row.h"
#include "byline-library-view.h"
#include "byline-page.h"
#include "byline-recent.h"
#include "byline-window-private.h"
#include "byline-window.h"

#include "byline-test-loop.h"
#include "byline-test-window.h"

static const char *
title_at (GListModel *model,
          guint       position)
{
  g_autoptr(BylineLibraryPost) post = g_list_model_get_item (model, position);

  return post != NULL ? byline_library_post_get_display_title (post) : NULL;
}

/* Whether the list is in the order of the titles, as the user reads it. */
static gboolean
sorted_by_title (GListModel *model)
{
  for (guint i = 1; i < g_list_model_get_n_items (model); i++)
    if (g_utf8_collate (title_at (model, i - 1), title_at (model, i)) > 0)
      return FALSE;

  return TRUE;
}

/* Whether the list is in the order of the last change, newest first. */
static gboolean
sorted_by_change (GListModel *model)
{
  for (guint i = 1; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(BylineLibraryPost) a = g_list_model_get_item (model, i - 1);
      g_autoptr(BylineLibraryPost) b = g_list_model_get_item (model, i);

      if (byline_library_post_get_mtime (a) < byline_library_post_get_mtime (b))
        return FALSE;
    }

  return TRUE;
}

static gboolean
shows_file (BylineWindow *window,
            const char   *path)
{
  GFile *file = byline_window_get_file (window);
  g_autofree char *shown = file != NULL ? g_file_get_path (file) : NULL;

  return g_strcmp0 (shown, path) == 0;
}

static guint
n_pages (BylineWindow *window)
{
  g_autoptr(GPtrArray) pages = byline_window_get_pages (window);

  return pages->len;
}

/* A window that shows the site at @root, its posts read; *@window is
 * cleared when the window goes. Returns the window's library. */
static BylineLibraryView *
show_site (const char    *root,
           BylineWindow **window)
{
  g_autoptr(GFile) folder = g_file_new_for_path (root);
  BylineLibraryView *library;

  *window = byline_window_new (NULL);
  g_object_add_weak_pointer (G_OBJECT (*window), (gpointer *) window);
  gtk_window_present (GTK_WINDOW (*window));
  library = byline_window_get_library (*window);
  byline_window_open_folder (*window, folder);
  WAIT_UNTIL (!byline_library_view_get_loading (library));

  return library;
}

/* The settings a test's window leaves behind (the library's sort) are the
 * next test's, in the one process: each test starts from the defaults. */
static void
reset_settings (void)
{
  g_autoptr(GSettings) settings = byline_settings_new ();

  g_settings_reset (settings, "library-sort");
}

static void
test_library (void)
{
  g_autofree char *root = byline_test_copy_site ("astro");
  g_autofree char *hello = g_build_filename (root, "src/data/blog/hello-world.md", NULL);
  g_autofree char *second = g_build_filename (root, "src/data/blog/second-post.md", NULL);
  g_autofree char *outside = g_build_filename (root, "src/data/blog/from-outside.md", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (root);
  BylineWindow *window = byline_window_new (NULL);
  BylineLibraryView *library;
  GListModel *model;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_present (GTK_WINDOW (window));
  library = byline_window_get_library (window);
  model = byline_library_view_get_model (library);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (library)));
  g_assert_false (byline_window_get_empty (window));

  /* Open the site: the list fills from worker threads. No post is open:
   * the window says so, rather than showing an untitled post. */
  byline_window_open_folder (window, folder);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (library)));
  WAIT_UNTIL (!byline_library_view_get_loading (library) && g_list_model_get_n_items (model) == 6);
  g_assert_cmpstr (title_at (model, 0), ==, "From the future");
  g_assert_true (byline_window_get_empty (window));

  /* Find the drafts. */
  byline_library_view_set_state (library, BYLINE_LIBRARY_STATE_DRAFTS);
  WAIT_UNTIL (g_list_model_get_n_items (model) == 1);
  g_assert_cmpstr (title_at (model, 0), ==, "Second post");
  byline_library_view_set_state (library, BYLINE_LIBRARY_STATE_ANY);
  WAIT_UNTIL (g_list_model_get_n_items (model) == 6);

  /* Search a word from a post's body, typed a letter at a time. */
  for (gsize i = 1; i <= strlen ("rhinoceros"); i++)
    {
      g_autofree char *typed = g_strndup ("rhinoceros", i);

      byline_library_view_set_search_text (library, typed);
    }
  WAIT_UNTIL (g_list_model_get_n_items (model) == 1);
  g_assert_cmpstr (title_at (model, 0), ==, "Hello, world");

  /* Enter opens it, in the empty tab the window started with. */
  g_assert_true (byline_library_view_activate_selected (library));
  WAIT_UNTIL (shows_file (window, hello));
  g_assert_cmpuint (n_pages (window), ==, 1);
  g_assert_false (byline_window_get_empty (window));

  /* Another post opens in a tab of its own. */
  byline_library_view_set_search_text (library, "");
  WAIT_UNTIL (g_list_model_get_n_items (model) == 6);
  byline_library_view_set_sort (library, BYLINE_LIBRARY_SORT_TITLE);
  WAIT_UNTIL (g_strcmp0 (title_at (model, 0), "A note") == 0);
  g_assert_true (sorted_by_title (model));
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (model), 5);
  g_assert_cmpstr (title_at (model, 5), ==, "Second post");
  g_assert_true (byline_library_view_activate_selected (library));
  WAIT_UNTIL (shows_file (window, second));
  g_assert_cmpuint (n_pages (window), ==, 2);

  /* A post that is open already: its tab, no new one. */
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (model), 2);
  g_assert_cmpstr (title_at (model, 2), ==, "Hello, world");
  g_assert_true (byline_library_view_activate_selected (library));
  WAIT_UNTIL (shows_file (window, hello));
  g_assert_cmpuint (n_pages (window), ==, 2);

  /* A post written by someone else appears (the folders are watched). */
  byline_test_write_file (outside,
                          "---\ntitle: From outside\npubDatetime: 2024-04-01T00:00:00Z\n"
                          "description: d\n---\n", -1);
  WAIT_UNTIL (g_list_model_get_n_items (model) == 7);
  g_assert_true (sorted_by_title (model));
  g_assert_nonnull (byline_library_index_lookup (byline_library_view_get_index (library), outside));
  g_assert_cmpint (g_unlink (outside), ==, 0);
  WAIT_UNTIL (g_list_model_get_n_items (model) == 6);

  gtk_window_destroy (GTK_WINDOW (window));
  WAIT_UNTIL (window == NULL);
  byline_test_remove_site (root);
}

/* After a change of the whole list the list view is given its first posts,
 * then more each frame, not hundreds of new rows in one frame; a hidden
 * library, which draws no frames, gets them all at once. */
/* @n more posts in the AstroPaper site at @root, every other one a draft */
static void
write_many_posts (const char *root,
                  guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/src/data/blog/many-%03u.md", root, i);
      g_autofree char *text = g_strdup_printf ("---\ntitle: Many %u\npubDatetime: 2020-01-01T00:00:00Z\n"
                                               "description: d\ndraft: %s\n---\n",
                                               i, i % 2 == 0 ? "true" : "false");

      byline_test_write_file (path, text, -1);
    }
}

static void
test_list_grows (void)
{
  g_autofree char *root = byline_test_copy_site ("astro");
  BylineWindow *window = NULL;
  BylineLibraryView *library;
  GListModel *model;
  guint first_seen = 0;

  write_many_posts (root, 300);

  library = show_site (root, &window);
  model = byline_library_view_get_model (library);
  first_seen = g_list_model_get_n_items (model);
  g_assert_cmpuint (first_seen, >, 0);
  g_assert_cmpuint (first_seen, <, 306);
  WAIT_UNTIL (g_list_model_get_n_items (model) == 306);

  /* A filter that changes the whole list: the same. */
  byline_library_view_set_state (library, BYLINE_LIBRARY_STATE_DRAFTS);
  g_assert_cmpuint (g_list_model_get_n_items (model), <, 151);
  WAIT_UNTIL (g_list_model_get_n_items (model) == 151);

  /* A search typed while the filter's change waits for its frame: every
   * post is asked again, not only the drafts the list held. */
  byline_library_view_set_state (library, BYLINE_LIBRARY_STATE_ANY);
  byline_library_view_set_search_text (library, "many");
  WAIT_UNTIL (g_list_model_get_n_items (model) == 300);
  byline_library_view_set_search_text (library, "");
  byline_library_view_set_state (library, BYLINE_LIBRARY_STATE_DRAFTS);
  WAIT_UNTIL (g_list_model_get_n_items (model) == 151);

  /* Sorts asked for one after another, before a worker has sorted the
   * first: the last one counts. */
  g_assert_false (sorted_by_title (model));
  byline_library_view_set_sort (library, BYLINE_LIBRARY_SORT_TITLE);
  byline_library_view_set_sort (library, BYLINE_LIBRARY_SORT_CHANGED);
  byline_library_view_set_sort (library, BYLINE_LIBRARY_SORT_TITLE);
  WAIT_UNTIL (g_list_model_get_n_items (model) == 151 && sorted_by_title (model));
  g_assert_false (sorted_by_change (model));

  /* Hidden: everything at once, also a sort still on its worker. */
  byline_library_view_set_sort (library, BYLINE_LIBRARY_SORT_CHANGED);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-library", NULL);
  WAIT_UNTIL (!gtk_widget_get_mapped (GTK_WIDGET (library)));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 151);
  g_assert_true (sorted_by_change (model));
  byline_library_view_set_state (library, BYLINE_LIBRARY_STATE_ANY);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 306);
  g_assert_true (sorted_by_change (model));

  gtk_window_destroy (GTK_WINDOW (window));
  WAIT_UNTIL (window == NULL);
  byline_test_remove_site (root);
}

static gboolean
file_exists (const char *path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static gboolean
listed_draft (BylineLibraryView *library,
              const char        *path,
              gboolean           draft)
{
  BylineLibraryPost *post = byline_library_index_lookup (byline_library_view_get_index (library), path);

  return post != NULL && byline_library_post_get_draft (post) == draft;
}

/* A Jekyll draft is a file in _drafts/: the Draft toggle moves it to
 * _posts/YYYY-MM-DD-SLUG.md and back, as `jekyll publish` does; the tab
 * follows the file, unsaved edits stay unsaved and are saved to the new
 * place, and the library follows. A taken name is never replaced. */
static void
test_jekyll_publish (void)
{
  g_autofree char *root = byline_test_copy_site ("jekyll");
  g_autofree char *draft = g_build_filename (root, "_drafts/an-idea.md", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = g_strdup_printf ("_posts/%s-an-idea.md", day);
  g_autofree char *published = g_build_filename (root, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (draft);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  BylineWindow *window = NULL;
  BylineLibraryView *library;
  BylinePage *page;
  GtkTextBuffer *buffer;
  GtkTextIter end;

  library = show_site (root, &window);
  WAIT_UNTIL (listed_draft (library, draft, TRUE));

  byline_window_open_file (window, file);
  WAIT_UNTIL (shows_file (window, draft));
  page = byline_window_get_page (window);
  /* The draft is its folder, once the site is known. */
  WAIT_UNTIL (byline_page_get_draft_is_folder (page));
  g_assert_true (byline_page_get_draft (page));

  /* Unsaved words, then publish. */
  buffer = GTK_TEXT_BUFFER (byline_window_get_document (window));
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "Unsaved words.\n", -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "doc.toggle-draft", NULL));
  WAIT_UNTIL (shows_file (window, published));
  g_assert_false (file_exists (draft));
  g_assert_true (file_exists (published));
  g_assert_false (byline_page_get_draft (page));
  g_assert_true (byline_page_get_modified (page));
  g_assert_cmpuint (n_pages (window), ==, 1);
  WAIT_UNTIL (listed_draft (library, published, FALSE) &&
              byline_library_index_lookup (byline_library_view_get_index (library), draft) == NULL);

  /* The unsaved words are saved where the post is now. */
  byline_window_save_async (window, NULL, NULL, byline_test_store_result_cb, &result);
  WAIT_UNTIL (result != NULL);
  g_assert_true (byline_window_save_finish (window, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  saved = byline_test_read_file (published, NULL);
  g_assert_nonnull (strstr (saved, "Unsaved words."));
  g_assert_false (file_exists (draft));
  g_assert_false (byline_page_get_modified (page));

  /* And back: a draft again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "doc.toggle-draft", NULL));
  WAIT_UNTIL (shows_file (window, draft));
  g_assert_false (file_exists (published));
  g_assert_true (byline_page_get_draft (page));
  g_assert_false (byline_page_get_modified (page));
  WAIT_UNTIL (listed_draft (library, draft, TRUE) &&
              byline_library_index_lookup (byline_library_view_get_index (library), published) == NULL);

  /* A taken name: nothing moves, nothing is replaced, the user is told. */
  byline_test_write_file (published, "---\ntitle: Someone else's\n---\n", -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "doc.toggle-draft", NULL));
  WAIT_UNTIL (byline_window_get_last_error (window) != NULL);
  g_assert_true (shows_file (window, draft));
  g_assert_true (file_exists (draft));
  g_clear_pointer (&saved, g_free);
  saved = byline_test_read_file (published, NULL);
  g_assert_cmpstr (saved, ==, "---\ntitle: Someone else's\n---\n");
  g_assert_true (byline_page_get_draft (page));

  gtk_window_destroy (GTK_WINDOW (window));
  WAIT_UNTIL (window == NULL);
  byline_test_remove_site (root);
}

/* Replaces the first @old in the buffer by @new, as typing would. */
static void
replace_in_buffer (GtkTextBuffer *buffer,
                   const char    *old,
                   const char    *new)
{
  GtkTextIter start, begin, end;

  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, old, 0, &begin, &end, NULL));
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &begin, &end);
  gtk_text_buffer_insert (buffer, &begin, new, -1);
  gtk_text_buffer_end_user_action (buffer);
}

/* A post whose file name is its title's slug: a new title offers to rename
 * the file; the tab and the library follow; Undo renames it back; a taken
 * name is never replaced. A name that did not follow is never offered. */
static void
test_rename_after_slug (void)
{
  g_autofree char *root = byline_test_copy_site ("astro");
  g_autofree char *hello = g_build_filename (root, "src/data/blog/hello-world.md", NULL);
  g_autofree char *renamed = g_build_filename (root, "src/data/blog/goodbye-world.md", NULL);
  g_autofree char *taken = g_build_filename (root, "src/data/blog/see-you-world.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (hello);
  g_autofree char *text = NULL;
  BylineWindow *window = NULL;
  BylineLibraryView *library;
  BylineLibraryIndex *index;
  BylinePage *page;
  GtkTextBuffer *buffer;

  library = show_site (root, &window);
  index = byline_library_view_get_index (library);
  WAIT_UNTIL (byline_library_index_lookup (index, hello) != NULL);

  byline_window_open_file (window, file);
  WAIT_UNTIL (shows_file (window, hello) && !byline_document_get_loading (byline_window_get_document (window)));
  page = byline_window_get_page (window);
  buffer = GTK_TEXT_BUFFER (byline_window_get_document (window));
  g_assert_null (byline_page_get_rename_offer (page));

  /* A new title: the offer follows it. */
  replace_in_buffer (buffer, "title: Hello, world", "title: Goodbye, world");
  WAIT_UNTIL (g_strcmp0 (byline_page_get_rename_offer (page), "goodbye-world") == 0);
  g_assert_true (byline_page_rename_file (page));
  WAIT_UNTIL (shows_file (window, renamed));
  g_assert_false (g_file_test (hello, G_FILE_TEST_EXISTS));
  g_assert_true (byline_page_get_modified (page));   /* the new title is not saved */
  g_assert_null (byline_page_get_rename_offer (page));
  WAIT_UNTIL (byline_library_index_lookup (index, renamed) != NULL &&
              byline_library_index_lookup (index, hello) == NULL);

  /* Undo: the old name again, the edit kept. */
  g_assert_true (byline_page_undo_rename (page));
  WAIT_UNTIL (shows_file (window, hello));
  g_assert_false (g_file_test (renamed, G_FILE_TEST_EXISTS));
  g_assert_true (byline_page_get_modified (page));
  WAIT_UNTIL (byline_library_index_lookup (index, hello) != NULL &&
              byline_library_index_lookup (index, renamed) == NULL);

  /* Its name no longer follows its title: no offer, whatever the title. */
  replace_in_buffer (buffer, "title: Goodbye, world", "title: Goodbye, worlds");
  byline_test_spin (1500);
  g_assert_null (byline_page_get_rename_offer (page));
  g_assert_false (byline_page_rename_file (page));

  /* Saved with the title its name follows, then a title whose name is
   * taken. */
  replace_in_buffer (buffer, "title: Goodbye, worlds", "title: Hello, world");
  byline_window_save_async (window, NULL, NULL, NULL, NULL);
  WAIT_UNTIL (!byline_page_get_modified (page));
  byline_test_write_file (taken, "---\ntitle: Someone else's\n---\n", -1);
  replace_in_buffer (buffer, "title: Hello, world", "title: See you, world");
  WAIT_UNTIL (g_strcmp0 (byline_page_get_rename_offer (page), "see-you-world") == 0);
  g_assert_true (byline_page_rename_file (page));
  WAIT_UNTIL (byline_window_get_last_error (window) != NULL);
  g_assert_true (shows_file (window, hello));
  g_assert_true (g_file_test (hello, G_FILE_TEST_EXISTS));
  text = byline_test_read_file (taken, NULL);
  g_assert_cmpstr (text, ==, "---\ntitle: Someone else's\n---\n");

  gtk_window_destroy (GTK_WINDOW (window));
  WAIT_UNTIL (window == NULL);
  byline_test_remove_site (root);
}

/* The window closed while its library still reads the site: the read is
 * called off, and its end finds the view gone, without a warning. */
static void
test_close_while_reading (void)
{
  g_autofree char *root = byline_test_copy_site ("astro");
  g_autoptr(GFile) folder = g_file_new_for_path (root);
  BylineWindow *window = byline_window_new (NULL);
  BylineLibraryView *library;

  write_many_posts (root, 300);

  gtk_window_present (GTK_WINDOW (window));
  library = g_object_ref (byline_window_get_library (window));
  g_object_add_weak_pointer (G_OBJECT (library), (gpointer *) &library);
  byline_window_open_folder (window, folder);
  g_assert_true (byline_library_view_get_loading (library));
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (library);
  /* the read holds the view until it ends */
  WAIT_UNTIL (library == NULL);
  byline_test_spin (100);
  byline_test_remove_site (root);
}

/* A post of a collection that keeps its titles under `headline` is titled
 * so in its tab and the window, as in the list; typing a new headline
 * retitles it. */
static void
test_title_key (void)
{
  g_autofree char *root = byline_test_copy_site ("astro");
  g_autofree char *note = g_build_filename (root, "src", "data", "notes", "a-note.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (note);
  BylineWindow *window = NULL;
  BylineDocument *document;
  GtkTextIter start;

  show_site (root, &window);
  byline_window_open_file (window, file);
  WAIT_UNTIL (shows_file (window, note));
  WAIT_UNTIL (g_strcmp0 (byline_page_get_title (byline_window_get_page (window)), "A note") == 0);
  g_assert_cmpstr (byline_window_get_title_text (window), ==, "A note");

  /* headline: A note -> A longer note */
  document = byline_window_get_document (window);
  gtk_text_buffer_get_iter_at_line_offset (GTK_TEXT_BUFFER (document), &start, 1, 12);
  gtk_text_buffer_insert (GTK_TEXT_BUFFER (document), &start, "longer ", -1);
  WAIT_UNTIL (g_strcmp0 (byline_window_get_title_text (window), "A longer note") == 0);

  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (document), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  WAIT_UNTIL (window == NULL);
  byline_test_remove_site (root);
}

/* The library's order is a setting: a window sorted by title leaves the
 * next one (and Byline's next start) sorted by title, and a window follows
 * the setting. */
static void
test_sort_remembered (void)
{
  g_autoptr(GSettings) settings = byline_settings_new ();
  BylineWindow *first = byline_window_new (NULL);
  BylineWindow *second = NULL;
  g_autofree char *kept = NULL;

  g_object_add_weak_pointer (G_OBJECT (first), (gpointer *) &first);
  g_assert_cmpint (byline_library_view_get_sort (byline_window_get_library (first)), ==,
                   BYLINE_LIBRARY_SORT_DATE);

  byline_library_view_set_sort (byline_window_get_library (first), BYLINE_LIBRARY_SORT_TITLE);
  kept = g_settings_get_string (settings, "library-sort");
  g_assert_cmpstr (kept, ==, "title");

  second = byline_window_new (NULL);
  g_object_add_weak_pointer (G_OBJECT (second), (gpointer *) &second);
  g_assert_cmpint (byline_library_view_get_sort (byline_window_get_library (second)), ==,
                   BYLINE_LIBRARY_SORT_TITLE);

  g_settings_set_string (settings, "library-sort", "changed");
  g_assert_cmpint (byline_library_view_get_sort (byline_window_get_library (second)), ==,
                   BYLINE_LIBRARY_SORT_CHANGED);
  g_settings_reset (settings, "library-sort");
  g_assert_cmpint (byline_library_view_get_sort (byline_window_get_library (first)), ==,
                   BYLINE_LIBRARY_SORT_DATE);

  gtk_window_destroy (GTK_WINDOW (first));
  gtk_window_destroy (GTK_WINDOW (second));
  WAIT_UNTIL (first == NULL && second == NULL);
}

/* The dialog New Post shows over @parent, if any. */
static AdwMessageDialog *
find_new_post_dialog (GtkWindow *parent)
{
  AdwMessageDialog *dialog = byline_test_find_dialog (parent);

  return dialog != NULL && g_object_get_data (G_OBJECT (dialog), "title-entry") != NULL ? dialog : NULL;
}

/* New Post as a user goes through it: Enter in an empty title does
 * nothing; Enter after a title creates the post where the site keeps its
 * posts, closes the dialog, lists the post and opens it. */
static void
test_new_post_dialog (void)
{
  g_autofree char *root = byline_test_copy_site ("astro");
  g_autofree char *expected = g_build_filename (root, "src", "data", "blog", "walking-the-docs.md", NULL);
  BylineWindow *window = NULL;
  BylineLibraryView *library;
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  library = show_site (root, &window);

  byline_library_view_new_post (library);
  WAIT_UNTIL ((dialog = find_new_post_dialog (GTK_WINDOW (window))) != NULL);
  entry = g_object_get_data (G_OBJECT (dialog), "title-entry");
  /* the title's entry has the focus, to type in at once */
  WAIT_UNTIL (gtk_root_get_focus (GTK_ROOT (dialog)) != NULL &&
              gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (dialog)), entry));

  /* Enter: what its key binding does in the entry's text */
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (entry)), "activate");
  byline_test_spin (200);
  g_assert_true (find_new_post_dialog (GTK_WINDOW (window)) == dialog);
  g_assert_false (g_file_test (expected, G_FILE_TEST_EXISTS));

  gtk_editable_set_text (GTK_EDITABLE (entry), "Walking the docs");
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (entry)), "activate");
  WAIT_UNTIL (find_new_post_dialog (GTK_WINDOW (window)) == NULL);
  WAIT_UNTIL (shows_file (window, expected));
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
  WAIT_UNTIL (byline_library_index_lookup (byline_library_view_get_index (library), expected) != NULL);

  /* The notes keep a status, not a draft flag: chosen, the post cannot
   * start as a draft (it would fail their schema), and goes in as it is. */
  {
    g_autofree char *note = g_build_filename (root, "src", "data", "notes", "field-notes.md", NULL);
    GtkDropDown *collection;
    GtkWidget *draft;
    GListModel *names;
    guint notes = GTK_INVALID_LIST_POSITION;

    byline_library_view_new_post (library);
    WAIT_UNTIL ((dialog = find_new_post_dialog (GTK_WINDOW (window))) != NULL);
    entry = g_object_get_data (G_OBJECT (dialog), "title-entry");
    collection = g_object_get_data (G_OBJECT (dialog), "collection");
    draft = g_object_get_data (G_OBJECT (dialog), "draft");
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (collection)));
    g_assert_true (gtk_widget_get_sensitive (draft));
    g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (draft)));

    names = gtk_drop_down_get_model (collection);
    for (guint i = 0; i < g_list_model_get_n_items (names); i++)
      if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "notes") == 0)
        notes = i;
    g_assert_cmpuint (notes, !=, GTK_INVALID_LIST_POSITION);
    gtk_drop_down_set_selected (collection, notes);
    g_assert_false (gtk_widget_get_sensitive (draft));
    g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (draft)));

    gtk_editable_set_text (GTK_EDITABLE (entry), "Field notes");
    g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (entry)), "activate");
    WAIT_UNTIL (find_new_post_dialog (GTK_WINDOW (window)) == NULL);
    WAIT_UNTIL (shows_file (window, note));
    g_assert_true (g_file_test (note, G_FILE_TEST_IS_REGULAR));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  WAIT_UNTIL (window == NULL);
  byline_test_remove_site (root);
}

static GtkRecentInfo *
lookup_recent (const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);

  return gtk_recent_manager_lookup_item (gtk_recent_manager_get_default (), uri, NULL);
}

/* Says what it finds each time that changes, so a wait that gives up
 * tells why: on stderr, which the test log keeps for a failed test (a TAP
 * comment shows only when run by hand). */
static gboolean
recent_is (const char *path,
           const char *group,
           const char *label)
{
  static char *last_seen;
  g_autoptr(GtkRecentInfo) info = lookup_recent (path);
  g_autofree char *shown = info != NULL ? byline_recent_dup_label (info) : NULL;
  g_autofree char *seen = NULL;

  if (info == NULL)
    {
      GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());

      seen = g_strdup_printf ("%s: not among the %u recent items", path, g_list_length (items));
      g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
    }
  else
    seen = g_strdup_printf ("%s: “%s”%s", path, shown,
                            gtk_recent_info_has_group (info, group) ? "" : ", not in its group");
  if (g_strcmp0 (seen, last_seen) != 0)
    {
      g_printerr ("recent: %s\n", seen);
      g_free (last_seen);
      last_seen = g_steal_pointer (&seen);
    }

  return info != NULL && gtk_recent_info_has_group (info, group) && g_strcmp0 (shown, label) == 0;
}

/* Whether the first label of the window's Open Recent section @section
 * is @expected. */
static gboolean
menu_label_is (GMenu      *section,
               const char *expected)
{
  g_autofree char *label = NULL;

  return g_menu_model_get_n_items (G_MENU_MODEL (section)) > 0 &&
         g_menu_model_get_item_attribute (G_MENU_MODEL (section), 0, G_MENU_ATTRIBUTE_LABEL, "s", &label) &&
         g_strcmp0 (label, expected) == 0;
}

/* Open Recent names a site by its own title and a post by its title and
 * its path in the site (a bundle is no bare index.md). */
static void
test_recent (void)
{
  g_autofree char *root = byline_test_copy_site ("hugo");
  g_autofree char *bundle = g_build_filename (root, "content/posts/bundle-post/index.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (bundle);
  BylineWindow *window = NULL;
  BylineLibraryView *library;
  BylineSite *site;

  library = show_site (root, &window);
  site = byline_library_index_get_site (byline_library_view_get_index (library));
  g_assert_nonnull (site);
  g_assert_cmpstr (byline_site_get_root (site), ==, root);
  WAIT_UNTIL (recent_is (root, BYLINE_RECENT_GROUP_SITE, "Byline Hugo test"));
  WAIT_UNTIL (menu_label_is (window->recent_sites_section, "Byline Hugo test"));

  byline_window_open_file (window, file);
  WAIT_UNTIL (recent_is (bundle, BYLINE_RECENT_GROUP_POST, "A bundle — content/posts/bundle-post/index.md"));
  WAIT_UNTIL (menu_label_is (window->recent_section, "A bundle — content/posts/bundle-post/index.md"));

  gtk_window_destroy (GTK_WINDOW (window));
  WAIT_UNTIL (window == NULL);
  byline_test_remove_site (root);
}

typedef struct
{
  GApplication *app;
  const char   *root;
  guint         check;
  gboolean      shown;
} AppRun;

/* Quits once a window shows the library of @root, all read. */
static gboolean
app_check_cb (gpointer user_data)
{
  AppRun *run = user_data;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (run->app)); l; l = l->next)
    {
      BylineLibraryView *library;
      GFile *folder;
      g_autofree char *path = NULL;

      if (!BYLINE_IS_WINDOW (l->data))
        continue;
      library = byline_window_get_library (l->data);
      folder = byline_library_view_get_folder (library);
      path = folder != NULL ? g_file_get_path (folder) : NULL;
      if (g_strcmp0 (path, run->root) == 0 && !byline_library_view_get_loading (library) &&
          gtk_widget_get_visible (GTK_WIDGET (library)) &&
          g_list_model_get_n_items (byline_library_view_get_model (library)) == 6)
        {
          run->shown = TRUE;
          run->check = 0;
          g_application_quit (run->app);
          return G_SOURCE_REMOVE;
        }
    }

  return G_SOURCE_CONTINUE;
}

static gboolean
app_timeout_cb (gpointer user_data)
{
  g_application_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
run_application (const char **args,
                 const char  *root)
{
  g_autoptr(BylineApplication) app = byline_application_new ();
  AppRun run = { G_APPLICATION (app), root, 0, FALSE };
  guint timeout;
  int status;

  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  run.check = g_timeout_add (50, app_check_cb, &run);
  timeout = g_timeout_add_seconds (20 * BYLINE_TEST_SLOWDOWN, app_timeout_cb, app);
  status = g_application_run (G_APPLICATION (app), g_strv_length ((char **) args), (char **) args);
  g_source_remove (timeout);
  g_clear_handle_id (&run.check, g_source_remove);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (run.shown);
}

/* `byline DIR` shows the site's library; `byline` alone shows it again. */
static void
test_application (void)
{
  g_autofree char *root = byline_test_copy_site ("astro");
  g_autoptr(GSettings) settings = byline_settings_new ();
  g_autofree char *uri = NULL;
  const char *dir_args[] = { "byline", root, NULL };
  const char *no_args[] = { "byline", NULL };

  g_settings_reset (settings, "library-folder");
  run_application (dir_args, root);
  uri = g_settings_get_string (settings, "library-folder");
  g_assert_true (g_str_has_prefix (uri, "file:///"));
  run_application (no_args, root);

  g_settings_reset (settings, "library-folder");
  byline_test_remove_site (root);
}

static int
row_height (GtkWidget *row)
{
  int height;

  gtk_widget_measure (row, GTK_ORIENTATION_VERTICAL, -1, &height, NULL, NULL, NULL);
  return height;
}

/* A row's lines are as high as the font says (the rows remember that for
 * all of them): larger text (the resolution, as GNOME's large text sets it)
 * makes the rows higher, and back again. */
static void
test_row_follows_font (void)
{
  GtkSettings *settings = gtk_settings_get_default ();
  int dpi;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *row = byline_library_row_new ();
  GtkWidget *other = byline_library_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  int normal;

  g_object_get (settings, "gtk-xft-dpi", &dpi, NULL);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_box_append (GTK_BOX (box), row);
  gtk_box_append (GTK_BOX (box), other);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_UNTIL (gtk_widget_get_mapped (row));
  normal = row_height (row);
  g_assert_cmpint (normal, >, 0);
  g_assert_cmpint (row_height (other), ==, normal);

  g_object_set (settings, "gtk-xft-dpi", 96 * 1024 * 3, NULL);
  WAIT_UNTIL (row_height (row) > normal * 2);
  g_assert_cmpint (row_height (other), ==, row_height (row));

  g_object_set (settings, "gtk-xft-dpi", dpi, NULL);
  WAIT_UNTIL (row_height (row) == normal);
  g_assert_cmpint (row_height (other), ==, normal);

  gtk_window_destroy (GTK_WINDOW (window));
  WAIT_UNTIL (window == NULL);
}

/* Runs the test @data from the default settings. */
static void
run_from_defaults (gconstpointer data)
{
  GTestFunc test = (GTestFunc) data;

  reset_settings ();
  test ();
}

int
main (int    argc,
      char **argv)
{
  g_set_prgname ("test-library-view");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_data_func ("/library-view/open-filter-search-open", (gconstpointer) test_library, run_from_defaults);
  g_test_add_data_func ("/library-view/list-grows", (gconstpointer) test_list_grows, run_from_defaults);
  g_test_add_data_func ("/library-view/application", (gconstpointer) test_application, run_from_defaults);
  g_test_add_data_func ("/library-view/jekyll-publish", (gconstpointer) test_jekyll_publish, run_from_defaults);
  g_test_add_data_func ("/library-view/rename-after-slug", (gconstpointer) test_rename_after_slug, run_from_defaults);
  g_test_add_data_func ("/library-view/recent", (gconstpointer) test_recent, run_from_defaults);
  g_test_add_data_func ("/library-view/close-while-reading", (gconstpointer) test_close_while_reading, run_from_defaults);
  g_test_add_data_func ("/library-view/row-follows-font", (gconstpointer) test_row_follows_font, run_from_defaults);
  g_test_add_data_func ("/library-view/new-post-dialog", (gconstpointer) test_new_post_dialog, run_from_defaults);
  g_test_add_data_func ("/library-view/title-key", (gconstpointer) test_title_key, run_from_defaults);
  g_test_add_data_func ("/library-view/sort-remembered", (gconstpointer) test_sort_remembered, run_from_defaults);

  return g_test_run ();
}
