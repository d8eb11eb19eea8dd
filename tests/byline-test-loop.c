/* byline-test-loop.c: waiting for the main loop, and files, in UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "byline-test-loop.h"

gboolean
byline_test_tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Run the main loop for @ms milliseconds. */
void
byline_test_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;
  guint tick = g_timeout_add (5, byline_test_tick_cb, NULL);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}

/* A GAsyncReadyCallback that keeps the result in *(GAsyncResult **)user_data. */
void
byline_test_store_result_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

void
byline_test_write_file (const char *path,
                        const char *contents,
                        gssize      len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
}

char *
byline_test_read_file (const char *path,
                       gsize      *len)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, len, &error);
  g_assert_no_error (error);

  return contents;
}
