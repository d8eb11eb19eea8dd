/* byline-test-window.c: helpers for tests that drive a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "byline-test-loop.h"
#include "byline-test-window.h"

/* Opens @path in a new, presented window of 1300x800 and waits until it is
 * loaded. @weak is cleared when the window is finalized. */
BylineWindow *
byline_test_open_window (const char    *path,
                         BylineWindow **weak)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  BylineWindow *window = byline_window_new (NULL);

  *weak = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) weak);
  gtk_window_set_default_size (GTK_WINDOW (window), 1300, 800);
  gtk_window_present (GTK_WINDOW (window));

  byline_window_load_async (window, file, NULL, byline_test_store_result_cb, &result);
  WAIT_UNTIL (result != NULL);
  byline_window_load_finish (window, result, &error);
  g_assert_no_error (error);

  return window;
}
