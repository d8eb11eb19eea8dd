/* byline-test-loop.c: waiting for the main loop, and files, in UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

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

/* A copy of tests/data/sites/NAME in a new temporary folder, to change
 * freely: its canonical path. */
char *
byline_test_copy_site (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("byline-site-XXXXXX", &error);
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "sites", name, NULL);
  g_autofree char *target = NULL;
  const char *argv[] = { "cp", "-R", source, tmp, NULL };
  int status = 0;

  g_assert_no_error (error);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);

  target = g_build_filename (tmp, name, NULL);
  return g_canonicalize_filename (target, NULL);
}

/* Removes a copy byline_test_copy_site() made, and its temporary folder. */
void
byline_test_remove_site (const char *root)
{
  const char *argv[] = { "rm", "-rf", root, NULL };
  g_autofree char *parent = g_path_get_dirname (root);

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  g_rmdir (parent);
}
