/* test-document.c: a post's file on disk under pressure
 *
 * Changes made by other programs (silent reload, banner, no silent
 * overwrite), Byline's own saves not reported, the hard save cases seen from
 * the editor (the buffer intact, the file old or new), and odd files: invalid
 * UTF-8, binary, 50 MB.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE  /* unshare() */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <adwaita.h>

#include "byline-document.h"
#include "byline-preview.h"
#include "byline-window.h"

#include "byline-test-loop.h"

/* What `git checkout` does: a new file renamed over the old one. */
static void
replace_file (const char *path,
              const char *contents)
{
  g_autofree char *tmp = g_strconcat (path, ".tmp", NULL);

  byline_test_write_file (tmp, contents, -1);
  g_assert_cmpint (g_rename (tmp, path), ==, 0);
}

/* What an editor or a hook writing in place does. */
static void
overwrite_in_place (const char *path,
                    const char *contents)
{
  FILE *fp = fopen (path, "w");

  g_assert_nonnull (fp);
  fputs (contents, fp);
  fclose (fp);
}

static char *
buffer_text (BylineDocument *document)
{
  return byline_document_dup_text (document, NULL);
}

static gboolean
buffer_is (BylineDocument *document,
           const char     *text)
{
  g_autofree char *now = buffer_text (document);

  return g_strcmp0 (now, text) == 0;
}

typedef struct
{
  char           *dir;
  char           *path;
  BylineDocument *document;
} Fixture;

static gboolean
load (BylineDocument  *document,
      const char      *path,
      GError         **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;

  byline_document_load_async (document, file, NULL, byline_test_store_result_cb, &result);
  WAIT_UNTIL (result != NULL);

  return byline_document_load_finish (document, result, error);
}

static gboolean
save (BylineDocument   *document,
      GFile            *target,
      BylineSaveFlags   flags,
      GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  byline_document_save_async (document, target, flags, NULL, byline_test_store_result_cb, &result);
  /* test_big_file saves 50 MB: generously, as its load */
  WAIT_UNTIL_FOR (result != NULL, 240);

  return byline_document_save_finish (document, result, error);
}

static void
fixture_set_up (Fixture    *fixture,
                const char *text)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("byline-document-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "post.md", NULL);
  byline_test_write_file (fixture->path, text, -1);

  fixture->document = byline_document_new ();
  load (fixture->document, fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (buffer_is (fixture->document, text));
}

static void
fixture_tear_down (Fixture *fixture)
{
  g_autofree char *command = g_strdup_printf ("chmod -R u+w '%s'; rm -rf '%s'", fixture->dir, fixture->dir);

  g_clear_object (&fixture->document);
  g_assert_cmpint (system (command), ==, 0);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static void
type_at_end (BylineDocument *document,
             const char     *text)
{
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (GTK_TEXT_BUFFER (document), &end);
  gtk_text_buffer_begin_user_action (GTK_TEXT_BUFFER (document));
  gtk_text_buffer_insert (GTK_TEXT_BUFFER (document), &end, text, -1);
  gtk_text_buffer_end_user_action (GTK_TEXT_BUFFER (document));
}

#define POST "---\ntitle: Before\n---\n\nLine one.\nLine two.\nLine three.\n"

/* --- external changes --------------------------------------------------- */

static void
test_external_change_unmodified (void)
{
  Fixture fixture = { 0 };
  GtkTextBuffer *buffer;
  GtkTextIter iter;
  const char *after = "---\ntitle: After a git checkout\n---\n\nLine one.\nLine two.\nLine three.\n";

  fixture_set_up (&fixture, POST);
  buffer = GTK_TEXT_BUFFER (fixture.document);

  /* The cursor in the body, on "two". */
  gtk_text_buffer_get_iter_at_line_offset (buffer, &iter, 5, 5);
  gtk_text_buffer_place_cursor (buffer, &iter);

  replace_file (fixture.path, after);
  WAIT_UNTIL (buffer_is (fixture.document, after));

  g_assert_false (gtk_text_buffer_get_modified (buffer));
  g_assert_cmpint (byline_document_get_disk_state (fixture.document), ==, BYLINE_DISK_STATE_IN_SYNC);
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  g_assert_cmpint (gtk_text_iter_get_line (&iter), ==, 5);
  g_assert_cmpint (gtk_text_iter_get_line_offset (&iter), ==, 5);
  g_assert_cmpstr (byline_document_get_title (fixture.document), ==, "After a git checkout");

  /* A hook rewriting the file in place is seen too. */
  overwrite_in_place (fixture.path, POST);
  WAIT_UNTIL (buffer_is (fixture.document, POST));
  g_assert_false (gtk_text_buffer_get_modified (buffer));

  /* And the reload was an edit: Undo brings back what was there. */
  g_assert_true (gtk_text_buffer_get_can_undo (buffer));

  fixture_tear_down (&fixture);
}

static void
test_external_change_modified (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *on_disk = NULL;
  const char *theirs = "---\ntitle: Theirs\n---\n\nSomeone else's text.\n";

  fixture_set_up (&fixture, POST);
  type_at_end (fixture.document, "Mine.\n");
  mine = buffer_text (fixture.document);

  replace_file (fixture.path, theirs);
  WAIT_UNTIL (byline_document_get_disk_state (fixture.document) == BYLINE_DISK_STATE_CHANGED);

  /* Nothing of mine is lost, nothing of theirs overwritten. */
  g_assert_true (buffer_is (fixture.document, mine));
  g_assert_true (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (fixture.document)));
  byline_test_spin (300);
  on_disk = byline_test_read_file (fixture.path, NULL);
  g_assert_cmpstr (on_disk, ==, theirs);

  /* A plain save asks first: it fails as "changed on disk". */
  g_assert_false (save (fixture.document, NULL, BYLINE_SAVE_FLAGS_NONE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);
  g_clear_error (&error);
  g_clear_pointer (&on_disk, g_free);
  on_disk = byline_test_read_file (fixture.path, NULL);
  g_assert_cmpstr (on_disk, ==, theirs);
  g_assert_true (buffer_is (fixture.document, mine));

  /* Keep mine: the next save overwrites without asking again. */
  byline_document_keep_mine (fixture.document);
  g_assert_cmpint (byline_document_get_disk_state (fixture.document), ==, BYLINE_DISK_STATE_IN_SYNC);
  g_assert_true (save (fixture.document, NULL, BYLINE_SAVE_FLAGS_NONE, &error));
  g_assert_no_error (error);
  g_clear_pointer (&on_disk, g_free);
  on_disk = byline_test_read_file (fixture.path, NULL);
  g_assert_cmpstr (on_disk, ==, mine);

  fixture_tear_down (&fixture);
}

static void
test_external_change_reload (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *mine = NULL;
  const char *theirs = "---\ntitle: Theirs\n---\n\nLine one.\nLine two.\nLine three.\nMore.\n";

  fixture_set_up (&fixture, POST);
  type_at_end (fixture.document, "Mine.\n");
  mine = buffer_text (fixture.document);

  replace_file (fixture.path, theirs);
  WAIT_UNTIL (byline_document_get_disk_state (fixture.document) == BYLINE_DISK_STATE_CHANGED);

  byline_document_reload_async (fixture.document, NULL, byline_test_store_result_cb, &result);
  WAIT_UNTIL (result != NULL);
  g_assert_true (byline_document_reload_finish (fixture.document, result, &error));
  g_assert_no_error (error);

  g_assert_true (buffer_is (fixture.document, theirs));
  g_assert_false (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (fixture.document)));
  g_assert_cmpint (byline_document_get_disk_state (fixture.document), ==, BYLINE_DISK_STATE_IN_SYNC);

  /* The text given up is one Undo away. */
  gtk_text_buffer_undo (GTK_TEXT_BUFFER (fixture.document));
  g_assert_true (buffer_is (fixture.document, mine));

  fixture_tear_down (&fixture);
}

static void
test_own_save_not_reported (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  guint64 serial;

  fixture_set_up (&fixture, POST);

  for (guint i = 0; i < 3; i++)
    {
      type_at_end (fixture.document, "More.\n");
      g_assert_true (save (fixture.document, NULL, BYLINE_SAVE_FLAGS_NONE, &error));
      g_assert_no_error (error);
    }

  serial = byline_document_get_change_serial (fixture.document);
  byline_test_spin (600);

  /* No reload (the text would have been touched), no banner, and the next
   * save doesn't think the file changed under it. */
  g_assert_cmpuint (byline_document_get_change_serial (fixture.document), ==, serial);
  g_assert_cmpint (byline_document_get_disk_state (fixture.document), ==, BYLINE_DISK_STATE_IN_SYNC);
  type_at_end (fixture.document, "Last.\n");
  g_assert_true (save (fixture.document, NULL, BYLINE_SAVE_FLAGS_NONE, &error));
  g_assert_no_error (error);

  fixture_tear_down (&fixture);
}

static void
test_deleted_then_saved (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *on_disk = NULL;

  fixture_set_up (&fixture, POST);

  g_assert_cmpint (g_unlink (fixture.path), ==, 0);
  WAIT_UNTIL (byline_document_get_disk_state (fixture.document) == BYLINE_DISK_STATE_DELETED);

  /* The text lives only in the buffer now: closing must ask. */
  g_assert_true (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (fixture.document)));
  g_assert_true (buffer_is (fixture.document, POST));

  g_assert_true (save (fixture.document, NULL, BYLINE_SAVE_FLAGS_NONE, &error));
  g_assert_no_error (error);
  on_disk = byline_test_read_file (fixture.path, NULL);
  g_assert_cmpstr (on_disk, ==, POST);
  g_assert_cmpint (byline_document_get_disk_state (fixture.document), ==, BYLINE_DISK_STATE_IN_SYNC);

  fixture_tear_down (&fixture);
}

static void
test_moved_away (void)
{
  Fixture fixture = { 0 };
  g_autofree char *moved = NULL;

  fixture_set_up (&fixture, POST);
  moved = g_build_filename (fixture.dir, "renamed.md", NULL);

  g_assert_cmpint (g_rename (fixture.path, moved), ==, 0);
  WAIT_UNTIL (byline_document_get_disk_state (fixture.document) == BYLINE_DISK_STATE_DELETED);
  g_assert_true (buffer_is (fixture.document, POST));

  fixture_tear_down (&fixture);
}

static void
test_deleted_then_restored (void)
{
  Fixture fixture = { 0 };
  const char *restored = "---\ntitle: Restored by git\n---\n\nLine one.\n";

  fixture_set_up (&fixture, POST);

  /* git checkout of a branch without the post, then back to one with it. */
  g_assert_cmpint (g_unlink (fixture.path), ==, 0);
  WAIT_UNTIL (byline_document_get_disk_state (fixture.document) == BYLINE_DISK_STATE_DELETED);
  replace_file (fixture.path, restored);

  /* Nothing was typed meanwhile: the new text comes in silently. */
  WAIT_UNTIL (buffer_is (fixture.document, restored));
  g_assert_false (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (fixture.document)));
  g_assert_cmpint (byline_document_get_disk_state (fixture.document), ==, BYLINE_DISK_STATE_IN_SYNC);

  fixture_tear_down (&fixture);
}

/* Edits typed before the file went away are the user's: a file coming back
 * (another branch checked out) must not replace them unasked. */
static void
test_deleted_with_edits_then_restored (void)
{
  Fixture fixture = { 0 };
  g_autofree char *mine = NULL;

  fixture_set_up (&fixture, POST);
  type_at_end (fixture.document, "My unsaved edit.\n");
  mine = buffer_text (fixture.document);

  g_assert_cmpint (g_unlink (fixture.path), ==, 0);
  WAIT_UNTIL (byline_document_get_disk_state (fixture.document) == BYLINE_DISK_STATE_DELETED);
  replace_file (fixture.path, "---\ntitle: From another branch\n---\n");

  WAIT_UNTIL (byline_document_get_disk_state (fixture.document) == BYLINE_DISK_STATE_CHANGED);
  g_assert_true (buffer_is (fixture.document, mine));
  g_assert_true (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (fixture.document)));

  fixture_tear_down (&fixture);
}

/* Type while a save runs, then undo: GTK's history puts its save point
 * where the save began and would call the buffer unmodified while it differs
 * from the file. */
static void
test_typing_during_save (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *on_disk = NULL;
  GtkTextBuffer *buffer;

  fixture_set_up (&fixture, POST);
  buffer = GTK_TEXT_BUFFER (fixture.document);

  type_at_end (fixture.document, "a");
  byline_document_save_async (fixture.document, NULL, BYLINE_SAVE_FLAGS_NONE, NULL,
                              byline_test_store_result_cb, &result);
  type_at_end (fixture.document, "b");
  WAIT_UNTIL (result != NULL);
  g_assert_true (byline_document_save_finish (fixture.document, result, &error));
  g_assert_no_error (error);

  on_disk = byline_test_read_file (fixture.path, NULL);
  g_assert_cmpstr (on_disk, ==, POST "a");
  g_assert_true (gtk_text_buffer_get_modified (buffer));

  /* Whatever Undo takes back, the buffer is unmodified only when it is
   * the file's text. */
  while (gtk_text_buffer_get_can_undo (buffer))
    {
      g_autofree char *text = NULL;

      gtk_text_buffer_undo (buffer);
      text = buffer_text (fixture.document);
      g_assert_cmpint (gtk_text_buffer_get_modified (buffer), ==, g_strcmp0 (text, on_disk) != 0);
    }

  fixture_tear_down (&fixture);
}

/* A file without line feeds still goes into the buffer a slice at a time. */
static void
test_no_line_feeds (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new ("---\rtitle: Old Mac\r---\r");
  g_autofree char *loaded = NULL;

  fixture_set_up (&fixture, POST);
  while (text->len < 1000000)
    g_string_append (text, "A line that ends the old way, caf\xc3\xa9.\r");
  byline_test_write_file (fixture.path, text->str, text->len);
  WAIT_UNTIL (buffer_is (fixture.document, text->str));

  g_assert_true (load (fixture.document, fixture.path, &error));
  g_assert_no_error (error);
  loaded = buffer_text (fixture.document);
  g_assert_cmpstr (loaded, ==, text->str);

  fixture_tear_down (&fixture);
}

/* --- hard save cases, seen from the editor ------------------------------ */

/* After a failed save: the buffer as it was, still unsaved, and the file on
 * disk exactly the old content. */
static void
assert_failed_save (Fixture    *fixture,
                    GQuark      domain,
                    int         code,
                    const char *old_content)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *mine = NULL;

  type_at_end (fixture->document, "An edit that must not be lost.\n");
  mine = buffer_text (fixture->document);

  g_assert_false (save (fixture->document, NULL, BYLINE_SAVE_FLAGS_NONE, &error));
  g_assert_error (error, domain, code);
  g_test_message ("the error says: %s", error->message);
  g_assert_true (buffer_is (fixture->document, mine));
  g_assert_true (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (fixture->document)));

  if (old_content != NULL)
    {
      g_autofree char *on_disk = byline_test_read_file (fixture->path, NULL);

      g_assert_cmpstr (on_disk, ==, old_content);
    }
}

static void
test_save_symlink (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) link_file = NULL;
  g_autofree char *link = NULL;
  g_autofree char *target = NULL;
  g_autofree char *on_disk = NULL;
  g_autofree char *mine = NULL;
  g_autoptr(BylineDocument) document = byline_document_new ();
  GStatBuf st;

  fixture_set_up (&fixture, POST);
  link = g_build_filename (fixture.dir, "link.md", NULL);
  g_assert_cmpint (symlink ("post.md", link), ==, 0);

  load (document, link, &error);
  g_assert_no_error (error);
  type_at_end (document, "Through the link.\n");
  mine = buffer_text (document);
  g_assert_true (save (document, NULL, BYLINE_SAVE_FLAGS_NONE, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  target = g_file_read_link (link, &error);
  g_assert_cmpstr (target, ==, "post.md");
  on_disk = byline_test_read_file (fixture.path, NULL);
  g_assert_cmpstr (on_disk, ==, mine);

  fixture_tear_down (&fixture);
}

static void
test_save_keeps_mode (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  fixture_set_up (&fixture, POST);
  g_assert_cmpint (g_chmod (fixture.path, 0640), ==, 0);
  if (geteuid () == 0)
    g_assert_cmpint (chown (fixture.path, 1234, 1234), ==, 0);

  type_at_end (fixture.document, "x\n");
  g_assert_true (save (fixture.document, NULL, BYLINE_SAVE_FLAGS_NONE, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (fixture.path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0640);
  if (geteuid () == 0)
    {
      g_assert_cmpint (st.st_uid, ==, 1234);
      g_assert_cmpint (st.st_gid, ==, 1234);
    }

  fixture_tear_down (&fixture);
}

static void
test_save_read_only (void)
{
  Fixture fixture = { 0 };

  fixture_set_up (&fixture, POST);
  g_assert_cmpint (g_chmod (fixture.path, 0444), ==, 0);
  assert_failed_save (&fixture, G_IO_ERROR, G_IO_ERROR_READ_ONLY, POST);

  fixture_tear_down (&fixture);
}

static void
test_save_folder_deleted (void)
{
  Fixture fixture = { 0 };
  g_autofree char *command = NULL;

  fixture_set_up (&fixture, POST);
  command = g_strdup_printf ("rm -rf '%s'", fixture.dir);
  g_assert_cmpint (system (command), ==, 0);
  WAIT_UNTIL (byline_document_get_disk_state (fixture.document) == BYLINE_DISK_STATE_DELETED);

  assert_failed_save (&fixture, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, NULL);
  g_assert_false (g_file_test (fixture.dir, G_FILE_TEST_EXISTS));

  g_mkdir (fixture.dir, 0700);
  fixture_tear_down (&fixture);
}

static void
test_save_replaced_by_directory (void)
{
  Fixture fixture = { 0 };

  fixture_set_up (&fixture, POST);
  g_assert_cmpint (g_unlink (fixture.path), ==, 0);
  g_assert_cmpint (g_mkdir (fixture.path, 0755), ==, 0);
  WAIT_UNTIL (byline_document_get_disk_state (fixture.document) != BYLINE_DISK_STATE_IN_SYNC);

  assert_failed_save (&fixture, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, NULL);
  g_assert_true (g_file_test (fixture.path, G_FILE_TEST_IS_DIR));

  fixture_tear_down (&fixture);
}

/* A 64 KiB tmpfs, mounted in main() in a mount namespace of the test's own
 * (before any thread exists, so every thread sees it), or %NULL. */
static char *small_disk;

static void
mount_small_disk (void)
{
  g_autofree char *dir = NULL;

  /* Mounting takes CAP_SYS_ADMIN; CI runs as root. */
  if (geteuid () != 0 || !(dir = g_dir_make_tmp ("byline-full-XXXXXX", NULL)))
    return;

  if (unshare (CLONE_NEWNS) != 0 ||
      mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
      mount ("tmpfs", dir, "tmpfs", 0, "size=64k") != 0)
    {
      g_printerr ("# no small tmpfs: %s\n", g_strerror (errno));
      g_rmdir (dir);
      return;
    }

  small_disk = g_steal_pointer (&dir);
}

/* A 10 KB post on a disk with no room for a 200 KB save. */
static void
test_save_full_disk (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) post = g_string_new ("---\ntitle: Full disk\n---\n\n");
  g_autoptr(GString) big = g_string_new (NULL);
  g_autofree char *on_disk = NULL;
  GDir *dir;
  const char *name;
  guint n_files = 0;

  if (small_disk == NULL)
    {
      g_test_skip ("no small tmpfs could be mounted (needs root)");
      return;
    }

  while (post->len < 10000)
    g_string_append (post, "A line of the post that fills the disk.\n");
  while (big->len < 200000)
    g_string_append (big, "Far more text than the disk can hold.\n");

  fixture.dir = g_strdup (small_disk);
  fixture.path = g_build_filename (fixture.dir, "post.md", NULL);
  byline_test_write_file (fixture.path, post->str, post->len);
  fixture.document = byline_document_new ();
  load (fixture.document, fixture.path, &error);
  g_assert_no_error (error);

  type_at_end (fixture.document, big->str);
  g_assert_false (save (fixture.document, NULL, BYLINE_SAVE_FLAGS_NONE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_test_message ("the error says: %s", error->message);
  g_clear_error (&error);

  on_disk = byline_test_read_file (fixture.path, NULL);
  g_assert_cmpstr (on_disk, ==, post->str);
  g_assert_true (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (fixture.document)));

  /* No temporary file left behind to fill the disk further. */
  dir = g_dir_open (fixture.dir, 0, NULL);
  while ((name = g_dir_read_name (dir)))
    n_files++;
  g_dir_close (dir);
  g_assert_cmpuint (n_files, ==, 1);

  /* Room made: the same buffer saves. */
  gtk_text_buffer_undo (GTK_TEXT_BUFFER (fixture.document));
  type_at_end (fixture.document, "A short addition.\n");
  g_assert_true (save (fixture.document, NULL, BYLINE_SAVE_FLAGS_NONE, &error));
  g_assert_no_error (error);

  g_clear_object (&fixture.document);
  g_unlink (fixture.path);
  g_free (fixture.dir);
  g_free (fixture.path);
}

/* --- odd files ---------------------------------------------------------- */

static void
test_invalid_utf8_round_trip (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *on_disk = NULL;
  const char *post = "---\ntitle: caf\xe9\n---\n\nA stray \xff byte.\n";

  fixture_set_up (&fixture, "");
  byline_test_write_file (fixture.path, post, -1);
  load (fixture.document, fixture.path, &error);
  g_assert_no_error (error);

  /* Opened, with a count for the notice, and no replacement character. */
  g_assert_cmpuint (byline_document_get_n_invalid_bytes (fixture.document), ==, 2);
  {
    g_autofree char *text = buffer_text (fixture.document);

    g_assert_null (strstr (text, "\xef\xbf\xbd"));
  }

  type_at_end (fixture.document, "Typed.\n");
  g_assert_true (save (fixture.document, NULL, BYLINE_SAVE_FLAGS_NONE, &error));
  g_assert_no_error (error);

  on_disk = byline_test_read_file (fixture.path, NULL);
  g_assert_cmpstr (on_disk, ==, "---\ntitle: caf\xe9\n---\n\nA stray \xff byte.\nTyped.\n");

  fixture_tear_down (&fixture);
}

static void
test_binary_refused (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *binary = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "test-document", NULL);

  fixture_set_up (&fixture, POST);

  g_assert_false (load (fixture.document, binary, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_test_message ("the error says: %s", error->message);

  /* The post that was open stays open, and stays its file. */
  g_assert_true (buffer_is (fixture.document, POST));
  g_assert_false (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (fixture.document)));
  g_assert_true (g_str_has_suffix (g_file_peek_path (byline_document_get_file (fixture.document)), "post.md"));

  fixture_tear_down (&fixture);
}

static gboolean
count_tick_cb (gpointer user_data)
{
  gint64 *ticks = user_data;

  ticks[0]++;
  ticks[2] = MAX (ticks[2], g_get_monotonic_time () - ticks[1]);
  ticks[1] = g_get_monotonic_time ();

  return G_SOURCE_CONTINUE;
}

/* 50 MB opens while the main loop goes on: the window can draw and take
 * input while it loads, and the preview says it is paused. */
static void
test_big_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new ("---\ntitle: A very long post\n---\n\n");
  g_autofree char *dir = g_dir_make_tmp ("byline-big-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "big.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  BylineWindow *window;
  BylineDocument *document;
  GtkWidget *preview;
  gint64 ticks[3] = { 0, 0, 0 };
  gint64 start;
  guint tick;
  gboolean paused = FALSE;
  gsize len = 0;
  g_autofree char *loaded = NULL;

  g_assert_no_error (error);
  for (guint i = 0; text->len < 50 * 1000 * 1000; i++)
    g_string_append_printf (text, "Paragraph %u of a post that goes on and on, "
                                  "with *some* Markdown in it.\n\n", i);
  byline_test_write_file (path, text->str, text->len);

  window = byline_window_new (NULL);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *)&window);
  gtk_window_present (GTK_WINDOW (window));
  document = byline_window_get_document (window);

  start = g_get_monotonic_time ();
  ticks[1] = start;
  tick = g_timeout_add (5, count_tick_cb, ticks);
  byline_window_load_async (window, file, NULL, byline_test_store_result_cb, &result);
  /* A condition, not a time: the load takes seconds, and many more on a
   * busy machine (bench-load measures it); the limit only ends a load that
   * never finishes. */
  WAIT_UNTIL_FOR (result != NULL, 240);
  g_source_remove (tick);

  g_assert_true (byline_window_load_finish (window, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);  /* it holds the window */
  g_test_message ("50 MB: loaded in %.2f s; the main loop ran %" G_GINT64_FORMAT
                  " ticks meanwhile, longest gap %.1f ms",
                  (g_get_monotonic_time () - start) / 1e6, ticks[0], ticks[2] / 1e3);

  /* The loop kept running (a blocking load would give a handful of ticks). */
  g_assert_cmpint (ticks[0], >, 20);

  loaded = byline_document_dup_text (document, &len);
  g_assert_cmpuint (len, ==, text->len);
  g_assert_true (memcmp (loaded, text->str, len) == 0);
  g_assert_cmpstr (byline_document_get_title (document), ==, "A very long post");
  g_assert_false (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document)));

  preview = byline_window_get_preview (window);
  if (preview != NULL)
    {
      g_object_get (preview, "paused", &paused, NULL);
      g_assert_true (paused);
    }

  /* Typing at the end parses only the head: the frontmatter is still
   * read, and edited, and the save writes all of it. */
  start = g_get_monotonic_time ();
  type_at_end (document, "x");
  g_test_message ("50 MB: one key typed in %.1f ms", (g_get_monotonic_time () - start) / 1e3);
  g_assert_true (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document)));
  g_assert_cmpstr (byline_document_get_title (document), ==, "A very long post");
  g_assert_true (byline_document_set_boolean (document, "draft", TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (byline_document_get_draft (document));
  g_assert_true (save (document, NULL, BYLINE_SAVE_FLAGS_NONE, &error));
  g_assert_no_error (error);
  {
    g_autofree char *saved = NULL;
    gsize saved_len = 0;

    g_file_get_contents (path, &saved, &saved_len, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (saved_len, ==, text->len + strlen ("draft: true\n") + 1);
    g_assert_true (g_str_has_prefix (saved, "---\ntitle: A very long post\ndraft: true\n---\n"));
    g_assert_true (g_str_has_suffix (saved, "\n\nx"));
  }

  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (document), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  WAIT_UNTIL (window == NULL);
  g_unlink (path);
  g_rmdir (dir);
}

static void
count_posts_cb (BylineDocument *document,
                GParamSpec     *pspec,
                guint          *n_posts)
{
  (*n_posts)++;
}

/* One post per user action: a form edit (a deletion and an insertion) or a
 * key is one, a change outside any action is one, an undo is one. */
static void
test_one_post_per_action (void)
{
  g_autoptr(BylineDocument) document = byline_document_new ();
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (document);
  g_autoptr(GError) error = NULL;
  guint n_posts = 0;
  GtkTextIter iter;
  BylinePost *post;

  gtk_text_buffer_set_text (buffer, "---\ntitle: A\ndraft: false\n---\nBody\n", -1);
  g_signal_connect (document, "notify::post", G_CALLBACK (count_posts_cb), &n_posts);

  g_assert_true (byline_document_set_boolean (document, "draft", TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_posts, ==, 1);
  g_assert_true (byline_post_get_draft (byline_document_get_post (document)));

  gtk_text_buffer_get_end_iter (buffer, &iter);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_insert (buffer, &iter, "x", 1);
  gtk_text_buffer_insert (buffer, &iter, "y", 1);
  gtk_text_buffer_end_user_action (buffer);
  g_assert_cmpuint (n_posts, ==, 2);

  gtk_text_buffer_get_end_iter (buffer, &iter);
  gtk_text_buffer_insert (buffer, &iter, "z", 1);
  g_assert_cmpuint (n_posts, ==, 3);

  gtk_text_buffer_undo (buffer);
  g_assert_cmpuint (n_posts, ==, 4);

  /* An edit planned on an older post is refused, and changes nothing. */
  post = byline_document_get_post (document);
  {
    g_autoptr(BylinePost) old = byline_post_ref (post);
    g_autoptr(BylineTextEdit) edit = byline_frontmatter_plan_set_string (byline_post_get_frontmatter (old),
                                                                          "title", "B", &error);
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;

    g_assert_no_error (error);
    gtk_text_buffer_get_end_iter (buffer, &iter);
    gtk_text_buffer_insert (buffer, &iter, "w", 1);
    before = byline_document_dup_text (document, NULL);
    g_assert_false (byline_document_apply_edit (document, old, edit, &error));
    g_assert_error (error, BYLINE_DOCUMENT_ERROR, BYLINE_DOCUMENT_ERROR_STALE);
    g_clear_error (&error);
    after = byline_document_dup_text (document, NULL);
    g_assert_cmpstr (after, ==, before);
  }
}

/* The document keeps its own copy of the text in step with every edit (a
 * copy out of the buffer cost 8 ms a key in a 1 MB post): after any edits,
 * each post's text is the buffer's, byte for byte. */
static void
test_post_text_follows_edits (void)
{
  static const char *pieces[] = {
    "a", "\n", "\r\n", "é", "日本", "😀", "---\n", "title: x\n", "\xf4\x8f\xbc\x80",
  };
  g_autoptr(BylineDocument) document = byline_document_new ();
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (document);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  gtk_text_buffer_set_text (buffer, "---\r\ntitle: Ünïcödé\r\n---\r\nBödy 日本語\r\n", -1);

  for (guint i = 0; i < 2000; i++)
    {
      int n = gtk_text_buffer_get_char_count (buffer);
      int at = g_rand_int_range (rand, 0, n + 1);
      GtkTextIter begin, end;
      g_autofree char *want = NULL;
      gsize len = 0;
      const char *got;

      gtk_text_buffer_get_iter_at_offset (buffer, &begin, at);
      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0:
        case 1:
          gtk_text_buffer_insert (buffer, &begin, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))], -1);
          break;
        case 2:
          end = begin;
          gtk_text_iter_forward_chars (&end, g_rand_int_range (rand, 1, 8));
          gtk_text_buffer_delete (buffer, &begin, &end);
          break;
        default:
          /* A jump far from the last edit, then a deletion backwards. */
          gtk_text_buffer_get_iter_at_offset (buffer, &end, g_rand_int_range (rand, 0, n + 1));
          gtk_text_buffer_delete (buffer, &end, &begin);
          break;
        }

      if (gtk_text_buffer_get_char_count (buffer) < 10)
        gtk_text_buffer_set_text (buffer, "---\ntitle: again\n---\nbody\n", -1);

      want = byline_document_dup_text (document, NULL);
      got = byline_post_peek_text (byline_document_get_post (document), &len);
      g_assert_cmpuint (len, ==, strlen (want));
      g_assert_cmpmem (got, len, want, strlen (want));
    }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_set_prgname ("test-document");
  mount_small_disk ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/document/post/one-per-action", test_one_post_per_action);
  g_test_add_func ("/document/post/text-follows-edits", test_post_text_follows_edits);
  g_test_add_func ("/document/external-change/unmodified", test_external_change_unmodified);
  g_test_add_func ("/document/external-change/modified", test_external_change_modified);
  g_test_add_func ("/document/external-change/reload", test_external_change_reload);
  g_test_add_func ("/document/external-change/own-save", test_own_save_not_reported);
  g_test_add_func ("/document/external-change/deleted", test_deleted_then_saved);
  g_test_add_func ("/document/external-change/moved", test_moved_away);
  g_test_add_func ("/document/external-change/deleted-then-restored", test_deleted_then_restored);
  g_test_add_func ("/document/external-change/deleted-with-edits", test_deleted_with_edits_then_restored);
  g_test_add_func ("/document/save/typing-during-save", test_typing_during_save);
  g_test_add_func ("/document/open/no-line-feeds", test_no_line_feeds);
  g_test_add_func ("/document/save/symlink", test_save_symlink);
  g_test_add_func ("/document/save/mode-and-owner", test_save_keeps_mode);
  g_test_add_func ("/document/save/read-only", test_save_read_only);
  g_test_add_func ("/document/save/folder-deleted", test_save_folder_deleted);
  g_test_add_func ("/document/save/replaced-by-directory", test_save_replaced_by_directory);
  g_test_add_func ("/document/save/full-disk", test_save_full_disk);
  g_test_add_func ("/document/open/invalid-utf8", test_invalid_utf8_round_trip);
  g_test_add_func ("/document/open/binary", test_binary_refused);
  g_test_add_func ("/document/open/50-mb", test_big_file);

  status = g_test_run ();

  if (small_disk != NULL)
    {
      umount (small_disk);
      g_rmdir (small_disk);
    }

  return status;
}
