/* test-session.c: the open posts and their drafts, on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "byline-session.h"

#include "byline-test-loop.h"

static char *
make_state_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("byline-session-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tree (const char *dir)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", dir);

  g_assert_cmpint (system (command), ==, 0);
}

static BylineSessionEntry *
entry (const char *id,
       const char *uri)
{
  BylineSessionEntry *e = g_new0 (BylineSessionEntry, 1);

  e->id = g_strdup (id);
  e->uri = g_strdup (uri);
  return e;
}

static void
test_order_and_drafts (void)
{
  g_autofree char *dir = make_state_dir ();
  g_autoptr(BylineSession) session = byline_session_new (dir);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_session_entry_free);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GBytes) text = g_bytes_new_static ("unsaved\r\ntext \xf4\x8f\xbf\xbf", 18);
  g_autoptr(GBytes) read = NULL;
  g_autoptr(GError) error = NULL;
  BylineFileStamp base = { 1, 2, 3, 4000000001, TRUE };
  const BylineSessionEntry *e;

  g_ptr_array_add (entries, entry ("b-id", "file:///tmp/b.md"));
  g_ptr_array_add (entries, entry ("a-id", "file:///tmp/a.md"));
  g_ptr_array_add (entries, entry ("untitled-id", NULL));
  byline_session_set_documents (session, entries);
  byline_session_write_draft (session, "a-id", "file:///tmp/a.md", &base, text);
  byline_session_write_draft (session, "untitled-id", NULL, NULL, text);
  /* Written then deleted, in that order, whatever the worker's pace. */
  byline_session_write_draft (session, "b-id", "file:///tmp/b.md", NULL, text);
  byline_session_delete_draft (session, "b-id");
  byline_session_flush (session);

  loaded = byline_session_load (session);
  g_assert_cmpuint (loaded->len, ==, 3);

  e = g_ptr_array_index (loaded, 0);
  g_assert_cmpstr (e->id, ==, "b-id");
  g_assert_cmpstr (e->uri, ==, "file:///tmp/b.md");
  g_assert_null (e->draft_time);

  e = g_ptr_array_index (loaded, 1);
  g_assert_cmpstr (e->id, ==, "a-id");
  g_assert_nonnull (e->draft_time);
  g_assert_true (e->has_base);
  g_assert_true (byline_file_stamp_equal (&e->base, &base));

  e = g_ptr_array_index (loaded, 2);
  g_assert_cmpstr (e->id, ==, "untitled-id");
  g_assert_null (e->uri);
  g_assert_nonnull (e->draft_time);
  g_assert_false (e->has_base);

  /* The draft's text comes back byte for byte (raw-byte characters too). */
  read = byline_session_read_draft (session, "a-id", &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (read, text));

  remove_tree (dir);
}

/* A draft the session doesn't name (a crash between a Save As and the next
 * session write) is still brought back, with its own file; leftovers of a
 * crash mid-write are cleaned up. */
static void
test_orphans_and_leftovers (void)
{
  g_autofree char *dir = make_state_dir ();
  g_autoptr(BylineSession) session = byline_session_new (dir);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GBytes) text = g_bytes_new_static ("orphan", 6);
  g_autofree char *drafts = g_build_filename (dir, "drafts", NULL);
  g_autofree char *temp = g_build_filename (drafts, ".x.md.AB12CD", NULL);
  g_autofree char *lone_info = g_build_filename (drafts, "gone.ini", NULL);
  g_autofree char *evil = g_build_filename (drafts, "..md", NULL);
  const BylineSessionEntry *e;

  byline_session_write_draft (session, "orphan-id", "file:///tmp/o.md", NULL, text);
  byline_session_flush (session);
  byline_test_write_file (temp, "half a draft", -1);
  byline_test_write_file (lone_info, "[Draft]\nuri=\n", -1);

  loaded = byline_session_load (session);
  g_assert_cmpuint (loaded->len, ==, 1);
  e = g_ptr_array_index (loaded, 0);
  g_assert_cmpstr (e->id, ==, "orphan-id");
  g_assert_cmpstr (e->uri, ==, "file:///tmp/o.md");
  g_assert_nonnull (e->draft_time);

  g_assert_false (g_file_test (temp, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (lone_info, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (evil, G_FILE_TEST_EXISTS));

  remove_tree (dir);
}

/* Ids name files: nothing from session.ini may climb out of the folder. */
static void
test_hostile_ids (void)
{
  g_autofree char *dir = make_state_dir ();
  g_autoptr(BylineSession) session = byline_session_new (dir);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autofree char *path = g_build_filename (dir, "session.ini", NULL);

  byline_test_write_file (path,
                          "[Session]\n"
                          "documents=../../etc/passwd;ok-id;ok-id;a/b;;\n"
                          "[ok-id]\n"
                          "uri=file:///tmp/ok.md\n", -1);

  loaded = byline_session_load (session);
  g_assert_cmpuint (loaded->len, ==, 1);
  g_assert_cmpstr (((BylineSessionEntry *) g_ptr_array_index (loaded, 0))->id, ==, "ok-id");

  remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/session/order-and-drafts", test_order_and_drafts);
  g_test_add_func ("/session/orphans-and-leftovers", test_orphans_and_leftovers);
  g_test_add_func ("/session/hostile-ids", test_hostile_ids);

  return g_test_run ();
}
