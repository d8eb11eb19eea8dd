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

/* The message dialog shown over @parent, if any. */
AdwMessageDialog *
byline_test_find_dialog (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) &&
          gtk_window_get_transient_for (window) == parent &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}
