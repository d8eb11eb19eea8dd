/* test-file-io.c: reading posts, replacing them on disk, and their bytes
 *
 * Every save that fails must leave the old bytes, every save that succeeds
 * the new ones, and neither may leave a temporary file behind: each test
 * checks all three. The cases that need another identity (no
 * CAP_DAC_OVERRIDE, a full disk) run in a child process that changes its
 * own capabilities or mount namespace, never the test runner's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* unshare() and CLONE_NEWNS */
#define _GNU_SOURCE

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <linux/capability.h>

#include <glib/gstdio.h>

#include "byline-file-io.h"
#include "byline-file-io-private.h"
#include "byline-test-corpus.h"

static const char old_text[] = "---\ntitle: Old\n---\nThe old body.\n";
static const char new_text[] = "---\ntitle: New\n---\nThe new body, a little longer.\n";

typedef struct
{
  char *dir;
} Fixture;

/* --- helpers --------------------------------------------------------------- */

static void
remove_tree (const char *path)
{
  struct stat st;

  if (lstat (path, &st) != 0)
    return;

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = NULL;
      const char *name;

      /* Tests make folders unwritable; we own them, so we may undo that. */
      g_chmod (path, 0700);
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

/* Temporary files are ".NAME.XXXXXX"; no test makes a dot file itself. */
static void
assert_no_temp_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      struct stat st;

      if (name[0] == '.')
        g_error ("a temporary file was left behind: %s", child);
      if (lstat (child, &st) == 0 && S_ISDIR (st.st_mode))
        assert_no_temp_files (child);
    }
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("byline-test-file-io-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  assert_no_temp_files (f->dir);
  remove_tree (f->dir);
  g_free (f->dir);
}

static char *
write_file (const char *dir,
            const char *name,
            const char *data,
            gssize      len)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  int fd;

  if (len < 0)
    len = strlen (data);

  /* In place (O_TRUNC), as some other editor would: an existing file keeps
   * its inode. */
  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  fd = open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, data, len), ==, len);
  g_assert_cmpint (close (fd), ==, 0);
  return path;
}

static void
assert_file_is (const char *path,
                const char *data,
                gsize       len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *got = NULL;
  gsize got_len = 0;

  g_file_get_contents (path, &got, &got_len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (got, got_len, data, len);
}

#define assert_file_old(path) assert_file_is ((path), old_text, strlen (old_text))
#define assert_file_new(path) assert_file_is ((path), new_text, strlen (new_text))

static gboolean
replace (const char             *path,
         const char             *text,
         const BylineFileStamp  *expected,
         GError                **error)
{
  return byline_file_replace (path, text, strlen (text), expected, NULL, error);
}

/* Drops capabilities from the effective, permitted and inheritable sets of
 * this (child) process, with the raw syscalls: no libcap here. */
static void
drop_capabilities (const int *caps,
                   guint      n_caps)
{
  struct __user_cap_header_struct header = { _LINUX_CAPABILITY_VERSION_3, 0 };
  struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];

  memset (data, 0, sizeof data);
  g_assert_cmpint (syscall (SYS_capget, &header, data), ==, 0);
  for (guint i = 0; i < n_caps; i++)
    {
      data[CAP_TO_INDEX (caps[i])].effective &= ~CAP_TO_MASK (caps[i]);
      data[CAP_TO_INDEX (caps[i])].permitted &= ~CAP_TO_MASK (caps[i]);
      data[CAP_TO_INDEX (caps[i])].inheritable &= ~CAP_TO_MASK (caps[i]);
    }
  g_assert_cmpint (syscall (SYS_capset, &header, data), ==, 0);
}

static const int no_dac_caps[] = { CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH };
static const int no_dac_chown_caps[] = { CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH,
                                         CAP_CHOWN, CAP_FOWNER };

/* Runs the current test again in a child process, where it may drop
 * capabilities or make a mount namespace without changing the runner.
 * Returns TRUE in the child, which goes on with the test; FALSE in the
 * parent, whose job is done (the child passed) or which skipped. */
static gboolean
in_root_child (void)
{
  if (g_test_subprocess ())
    return TRUE;

  if (geteuid () != 0)
    {
      g_test_skip ("dropping capabilities needs root");
      return FALSE;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  return FALSE;
}

/* --- symbolic links ------------------------------------------------------- */

static void
assert_link_is (const char *link,
                const char *target)
{
  g_autofree char *got = NULL;
  struct stat st;

  g_assert_cmpint (lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  got = g_file_read_link (link, NULL);
  g_assert_cmpstr (got, ==, target);
}

static void
test_symlink_same_folder (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *real = write_file (f->dir, "real.md", old_text, -1);
  g_autofree char *link = g_build_filename (f->dir, "alias.md", NULL);
  g_autofree char *link2 = g_build_filename (f->dir, "alias2.md", NULL);

  g_assert_cmpint (symlink ("real.md", link), ==, 0);
  g_assert_true (replace (link, new_text, NULL, &error));
  g_assert_no_error (error);
  assert_link_is (link, "real.md");
  assert_file_new (real);

  /* A link to a link: the file at the end of the chain is replaced. */
  g_assert_cmpint (symlink ("alias.md", link2), ==, 0);
  g_assert_true (replace (link2, old_text, NULL, &error));
  g_assert_no_error (error);
  assert_link_is (link2, "alias.md");
  assert_link_is (link, "real.md");
  assert_file_old (real);
}

static void
test_symlink_other_folder (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *real = write_file (f->dir, "drafts/real.md", old_text, -1);
  g_autofree char *posts = g_build_filename (f->dir, "posts", NULL);
  g_autofree char *relative = g_build_filename (posts, "relative.md", NULL);
  g_autofree char *absolute = g_build_filename (posts, "absolute.md", NULL);
  BylineFileStamp stamp;
  BylineFileStamp written;

  g_assert_cmpint (g_mkdir (posts, 0755), ==, 0);
  g_assert_cmpint (symlink ("../drafts/real.md", relative), ==, 0);
  g_assert_cmpint (symlink (real, absolute), ==, 0);

  /* The stamp of a link is its file's: a save through it checks that. */
  g_assert_true (byline_file_stamp_query (relative, &stamp, &error));
  g_assert_no_error (error);
  g_assert_true (byline_file_replace (relative, new_text, strlen (new_text),
                                      &stamp, &written, &error));
  g_assert_no_error (error);
  assert_link_is (relative, "../drafts/real.md");
  assert_file_new (real);
  g_assert_true (byline_file_stamp_query (real, &stamp, &error));
  g_assert_true (byline_file_stamp_equal (&stamp, &written));

  g_assert_true (replace (absolute, old_text, &written, &error));
  g_assert_no_error (error);
  assert_link_is (absolute, real);
  assert_file_old (real);
}

static void
test_symlink_dangling (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *link = g_build_filename (f->dir, "alias.md", NULL);
  g_autofree char *real = g_build_filename (f->dir, "gone.md", NULL);
  g_autofree char *nowhere = g_build_filename (f->dir, "nowhere.md", NULL);
  g_autofree char *loop_a = g_build_filename (f->dir, "loop-a.md", NULL);
  g_autofree char *loop_b = g_build_filename (f->dir, "loop-b.md", NULL);

  /* The file the link led to was deleted: the save puts it back there. */
  g_assert_cmpint (symlink ("gone.md", link), ==, 0);
  g_assert_true (replace (link, new_text, NULL, &error));
  g_assert_no_error (error);
  assert_link_is (link, "gone.md");
  assert_file_new (real);

  /* …as long as that folder exists. */
  g_assert_cmpint (symlink ("no-such-folder/x.md", nowhere), ==, 0);
  g_assert_false (replace (nowhere, new_text, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-folder"));
  g_clear_error (&error);
  assert_link_is (nowhere, "no-such-folder/x.md");

  g_assert_cmpint (symlink ("loop-b.md", loop_a), ==, 0);
  g_assert_cmpint (symlink ("loop-a.md", loop_b), ==, 0);
  g_assert_false (replace (loop_a, new_text, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_LINKS);
  assert_link_is (loop_a, "loop-b.md");
  assert_link_is (loop_b, "loop-a.md");
}

/* --- mode and owner ------------------------------------------------------- */

static void
test_mode_kept (Fixture       *f,
                gconstpointer  data)
{
  const mode_t modes[] = { 0640, 0600, 0664, 0755, 0604 };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("mode-%o.md", modes[i]);
      g_autofree char *path = write_file (f->dir, name, old_text, -1);
      struct stat st;

      g_assert_cmpint (g_chmod (path, modes[i]), ==, 0);
      g_assert_true (replace (path, new_text, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 07777, ==, modes[i]);
      assert_file_new (path);
    }
}

static void
test_owner_kept (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f->dir, "owned.md", old_text, -1);
  struct stat st;

  if (geteuid () != 0)
    {
      g_test_skip ("giving a file to another user needs root");
      return;
    }

  g_assert_cmpint (chown (path, 1234, 1234), ==, 0);
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  g_assert_true (replace (path, new_text, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_uid, ==, 1234);
  g_assert_cmpuint (st.st_gid, ==, 1234);
  g_assert_cmpint (st.st_mode & 07777, ==, 0640);
  assert_file_new (path);
}

/* Without CAP_CHOWN, someone else's post cannot be kept theirs: the save
 * fails instead of quietly making it ours. Likewise a group that has rights
 * of its own; a group with no more rights than everyone may change. */
static void
test_owner_cannot_be_kept (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *group_matters = NULL;
  g_autofree char *group_does_not = NULL;
  struct stat st;

  if (!in_root_child ())
    return;

  /* Writable by us through "other", but not ours. */
  theirs = write_file (f->dir, "theirs.md", old_text, -1);
  g_assert_cmpint (chown (theirs, 1234, 1234), ==, 0);
  g_assert_cmpint (g_chmod (theirs, 0666), ==, 0);
  /* Ours, in a group we are not in. */
  group_matters = write_file (f->dir, "group-matters.md", old_text, -1);
  g_assert_cmpint (chown (group_matters, 0, 1234), ==, 0);
  g_assert_cmpint (g_chmod (group_matters, 0660), ==, 0);
  group_does_not = write_file (f->dir, "group-does-not.md", old_text, -1);
  g_assert_cmpint (chown (group_does_not, 0, 1234), ==, 0);
  g_assert_cmpint (g_chmod (group_does_not, 0644), ==, 0);

  drop_capabilities (no_dac_chown_caps, G_N_ELEMENTS (no_dac_chown_caps));

  g_assert_false (replace (theirs, new_text, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, "another user"));
  g_clear_error (&error);
  assert_file_old (theirs);
  g_assert_cmpint (g_stat (theirs, &st), ==, 0);
  g_assert_cmpuint (st.st_uid, ==, 1234);

  g_assert_false (replace (group_matters, new_text, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  assert_file_old (group_matters);
  g_assert_cmpint (g_stat (group_matters, &st), ==, 0);
  g_assert_cmpuint (st.st_gid, ==, 1234);

  g_assert_true (replace (group_does_not, new_text, NULL, &error));
  g_assert_no_error (error);
  assert_file_new (group_does_not);
  g_assert_cmpint (g_stat (group_does_not, &st), ==, 0);
  g_assert_cmpuint (st.st_gid, ==, getegid ());
  g_assert_cmpint (st.st_mode & 07777, ==, 0644);
}

/* --- read-only posts and folders ------------------------------------------ */

static void
test_read_only_mode (Fixture       *f,
                     gconstpointer  data)
{
  const mode_t modes[] = { 0444, 0400, 0440 };

  /* As root, access() says yes: the mode bits themselves decide. */
  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("read-only-%o.md", modes[i]);
      g_autofree char *path = write_file (f->dir, name, old_text, -1);

      g_assert_cmpint (g_chmod (path, modes[i]), ==, 0);
      g_assert_false (replace (path, new_text, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY);
      g_assert_nonnull (strstr (error->message, name));
      assert_file_old (path);
    }
}

static void
test_read_only_no_dac (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *theirs = NULL;

  if (!in_root_child ())
    return;

  drop_capabilities (no_dac_caps, G_N_ELEMENTS (no_dac_caps));
  path = write_file (f->dir, "read-only.md", old_text, -1);
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_assert_false (replace (path, new_text, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY);
  g_clear_error (&error);
  assert_file_old (path);

  /* A write bit, but not for us: only access() can tell. */
  theirs = write_file (f->dir, "theirs.md", old_text, -1);
  g_assert_cmpint (chown (theirs, 1234, 1234), ==, 0);   /* CAP_CHOWN is kept */
  g_assert_false (replace (theirs, new_text, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY);
  assert_file_old (theirs);
}

static void
test_folder_not_writable (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  g_autofree char *created = NULL;

  /* As root rename() would succeed: run without CAP_DAC_OVERRIDE. */
  if (geteuid () == 0)
    {
      if (!in_root_child ())
        return;
      drop_capabilities (no_dac_caps, G_N_ELEMENTS (no_dac_caps));
    }

  folder = g_build_filename (f->dir, "locked", NULL);
  path = write_file (f->dir, "locked/post.md", old_text, -1);
  created = g_build_filename (folder, "new.md", NULL);
  g_assert_cmpint (g_chmod (folder, 0555), ==, 0);
  if (access (folder, W_OK) == 0)
    {
      g_chmod (folder, 0755);
      g_test_skip ("the folder is writable even with mode 0555 (a capability?)");
      return;
    }

  g_assert_false (replace (path, new_text, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, folder));
  g_clear_error (&error);
  assert_file_old (path);

  g_assert_false (replace (created, new_text, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_false (g_file_test (created, G_FILE_TEST_EXISTS));

  g_assert_cmpint (g_chmod (folder, 0755), ==, 0);
}

/* --- a full disk ------------------------------------------------------------ */

/* Whether this process may make a mount namespace with a tmpfs in it,
 * tried in a throwaway child so the runner's namespace stays as it is.
 * Returns 0 or the errno that stopped it. */
static int
probe_tmpfs (const char *dir)
{
  pid_t pid = fork ();
  int status = 0;

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      if (unshare (CLONE_NEWNS) != 0 ||
          mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
          mount ("tmpfs", dir, "tmpfs", 0, "size=64k") != 0)
        _exit (errno);
      _exit (0);
    }

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_no_space (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *disk = g_build_filename (f->dir, "disk", NULL);
  g_autofree char *path = g_build_filename (disk, "post.md", NULL);
  g_autofree char *small = NULL;
  g_autofree char *big = NULL;
  g_autofree char *post = NULL;

  if (!g_test_subprocess ())
    {
      int probe;

      g_assert_cmpint (g_mkdir (disk, 0755), ==, 0);
      probe = probe_tmpfs (disk);
      if (probe != 0)
        {
          g_autofree char *reason =
            g_strdup_printf ("cannot mount a small tmpfs: %s", g_strerror (probe));

          g_test_skip (reason);
          return;
        }
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  g_assert_cmpint (g_mkdir (disk, 0755), ==, 0);
  g_assert_cmpint (unshare (CLONE_NEWNS), ==, 0);
  g_assert_cmpint (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL), ==, 0);
  g_assert_cmpint (mount ("tmpfs", disk, "tmpfs", 0, "size=64k"), ==, 0);

  post = g_strnfill (10 * 1024, 'o');
  big = g_strnfill (200 * 1024, 'B');
  small = g_strnfill (20 * 1024, 's');

  /* A new post on the small disk. */
  g_assert_true (replace (path, post, NULL, &error));
  g_assert_no_error (error);

  g_assert_false (replace (path, big, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_nonnull (strstr (error->message, "post.md"));
  g_clear_error (&error);
  assert_file_is (path, post, strlen (post));
  assert_no_temp_files (disk);

  /* The failed save gave back its space: a smaller one fits. */
  g_assert_true (replace (path, small, NULL, &error));
  g_assert_no_error (error);
  assert_file_is (path, small, strlen (small));
  assert_no_temp_files (disk);

  g_assert_cmpint (umount2 (disk, MNT_DETACH), ==, 0);
}

/* --- the post or its folder went away --------------------------------------- */

static void
test_folder_deleted (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (f->dir, "blog", NULL);
  g_autofree char *path = write_file (f->dir, "blog/post.md", old_text, -1);
  BylineFileStamp stamp;

  g_assert_true (byline_file_stamp_query (path, &stamp, &error));
  remove_tree (folder);

  g_assert_false (replace (path, new_text, &stamp, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, folder));
  g_clear_error (&error);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  /* The folder replaced by a file. */
  g_free (write_file (f->dir, "blog", "not a folder", -1));
  g_assert_false (replace (path, new_text, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  assert_file_is (folder, "not a folder", strlen ("not a folder"));
}

static void
test_now_a_directory (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f->dir, "post.md", old_text, -1);
  g_autofree char *inside = NULL;
  g_autofree char *fifo = g_build_filename (f->dir, "fifo.md", NULL);
  BylineFileStamp stamp;
  struct stat st;

  g_assert_true (byline_file_stamp_query (path, &stamp, &error));
  g_assert_cmpint (g_unlink (path), ==, 0);
  inside = write_file (path, "keep.txt", "kept", -1);

  g_assert_false (replace (path, new_text, &stamp, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_nonnull (strstr (error->message, "post.md"));
  g_clear_error (&error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  assert_file_is (inside, "kept", 4);

  /* Nor is a FIFO replaced by a file. */
  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  g_assert_false (replace (fifo, new_text, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_cmpint (lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
}

/* --- the expected stamp ------------------------------------------------------ */

static void
test_stamp_unchanged (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f->dir, "post.md", old_text, -1);
  g_autofree char *text = NULL;
  BylineFileStamp read_stamp;
  BylineFileStamp written;
  BylineFileStamp now;
  gsize len = 0;

  text = byline_file_read (path, 0, &len, &read_stamp, &error);
  g_assert_no_error (error);
  g_assert_true (byline_file_stamp_query (path, &now, &error));
  g_assert_true (byline_file_stamp_equal (&read_stamp, &now));
  g_assert_cmpuint (read_stamp.size, ==, strlen (old_text));

  g_assert_true (byline_file_replace (path, new_text, strlen (new_text),
                                      &read_stamp, &written, &error));
  g_assert_no_error (error);
  g_assert_true (byline_file_stamp_query (path, &now, &error));
  g_assert_true (written.exists);
  g_assert_cmpuint (written.size, ==, strlen (new_text));
  g_assert_true (byline_file_stamp_equal (&written, &now));
  g_assert_false (byline_file_stamp_equal (&written, &read_stamp));
  assert_file_new (path);

  /* The stamp of a save is the expected one of the next. */
  g_assert_true (byline_file_replace (path, old_text, strlen (old_text),
                                      &written, &written, &error));
  g_assert_no_error (error);
  assert_file_old (path);
}

static void
assert_conflict (const char            *path,
                 const BylineFileStamp *stamp,
                 const char            *on_disk)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (replace (path, new_text, stamp, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG);
  g_assert_nonnull (strstr (error->message, "changed on disk"));
  assert_file_is (path, on_disk, strlen (on_disk));
}

static void
test_stamp_changed (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f->dir, "post.md", old_text, -1);
  const char *theirs = "---\ntitle: Theirs\n---\n";
  BylineFileStamp stamp;
  BylineFileStamp now;
  struct timespec times[2];

  /* Written in place by another program. */
  g_assert_true (byline_file_stamp_query (path, &stamp, &error));
  g_free (write_file (f->dir, "post.md", theirs, -1));
  assert_conflict (path, &stamp, theirs);

  /* Only touched: a new modification time is a change too. */
  g_assert_true (byline_file_stamp_query (path, &stamp, &error));
  times[0].tv_nsec = UTIME_OMIT;
  times[1].tv_sec = stamp.mtime_ns / 1000000000 - 3600;
  times[1].tv_nsec = 0;
  g_assert_cmpint (utimensat (AT_FDCWD, path, times, 0), ==, 0);
  assert_conflict (path, &stamp, theirs);

  /* Replaced atomically by another program with the same size and time:
   * only the inode tells. */
  g_assert_true (byline_file_stamp_query (path, &stamp, &error));
  {
    g_autofree char *other = write_file (f->dir, "other", "---\ntitle: Thiers\n---\n", -1);

    times[1].tv_sec = stamp.mtime_ns / 1000000000;
    times[1].tv_nsec = stamp.mtime_ns % 1000000000;
    g_assert_cmpint (utimensat (AT_FDCWD, other, times, 0), ==, 0);
    g_assert_cmpint (g_rename (other, path), ==, 0);
  }
  g_assert_true (byline_file_stamp_query (path, &now, &error));
  g_assert_cmpuint (now.size, ==, stamp.size);
  g_assert_cmpint (now.mtime_ns, ==, stamp.mtime_ns);
  assert_conflict (path, &stamp, "---\ntitle: Thiers\n---\n");

  /* Not there when opened, there now: someone else made it. */
  {
    g_autofree char *later = g_build_filename (f->dir, "later.md", NULL);

    g_assert_true (byline_file_stamp_query (later, &stamp, &error));
    g_assert_false (stamp.exists);
    g_free (write_file (f->dir, "later.md", theirs, -1));
    assert_conflict (later, &stamp, theirs);
  }
}

/* A POSIX ACL as the kernel stores it in system.posix_acl_access: a version
 * and (tag, permissions, id) entries sorted by tag. This one gives user
 * 12345 read access, which no mode can say, so it is kept as an xattr. */
static const guint8 acl_user_12345[] = {
  2, 0, 0, 0,
  0x01, 0, 6, 0, 0xff, 0xff, 0xff, 0xff,    /* owner rw- */
  0x02, 0, 4, 0, 0x39, 0x30, 0, 0,          /* user 12345 r-- */
  0x04, 0, 4, 0, 0xff, 0xff, 0xff, 0xff,    /* group r-- */
  0x10, 0, 4, 0, 0xff, 0xff, 0xff, 0xff,    /* mask r-- */
  0x20, 0, 4, 0, 0xff, 0xff, 0xff, 0xff,    /* other r-- */
};

static gboolean
xattr_is (const char   *path,
          const char   *name,
          const void   *value,
          gsize         len)
{
  char got[256];
  ssize_t got_len = getxattr (path, name, got, sizeof got);

  return got_len == (ssize_t) len && memcmp (got, value, len) == 0;
}

/* A save keeps the post's extended attributes (user.*, a POSIX ACL) where
 * the file system allows them, and does not give the post an ACL it did not
 * have (one the copy inherited from the folder's default ACL). */
static void
test_xattrs_kept (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f->dir, "post.md", old_text, -1);
  g_autofree char *plain = write_file (f->dir, "plain.md", old_text, -1);
  struct stat before, after;

  if (setxattr (path, "user.byline.test", "kept", 4, 0) != 0)
    {
      g_test_skip ("the file system refuses user xattrs");
      return;
    }
  g_assert_cmpint (setxattr (path, "user.empty", "", 0, 0), ==, 0);
  g_assert_true (replace (path, new_text, NULL, &error));
  g_assert_no_error (error);
  assert_file_new (path);
  g_assert_true (xattr_is (path, "user.byline.test", "kept", 4));
  g_assert_true (xattr_is (path, "user.empty", "", 0));

  if (setxattr (path, "system.posix_acl_access", acl_user_12345, sizeof acl_user_12345, 0) != 0)
    {
      g_test_message ("no POSIX ACLs here (%s): their part is skipped", g_strerror (errno));
      return;
    }
  g_assert_cmpint (stat (path, &before), ==, 0);
  g_assert_true (replace (path, old_text, NULL, &error));
  g_assert_no_error (error);
  assert_file_old (path);
  g_assert_true (xattr_is (path, "system.posix_acl_access", acl_user_12345,
                           sizeof acl_user_12345));
  g_assert_cmpint (stat (path, &after), ==, 0);
  g_assert_cmpuint (after.st_mode, ==, before.st_mode);

  /* the folder's default ACL reaches the copy, but not the post */
  g_assert_cmpint (setxattr (f->dir, "system.posix_acl_default", acl_user_12345,
                             sizeof acl_user_12345, 0), ==, 0);
  g_assert_cmpint (stat (plain, &before), ==, 0);
  g_assert_true (replace (plain, new_text, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (getxattr (plain, "system.posix_acl_access", NULL, 0), <, 0);
  g_assert_cmpint (stat (plain, &after), ==, 0);
  g_assert_cmpuint (after.st_mode, ==, before.st_mode);
  g_assert_cmpint (removexattr (f->dir, "system.posix_acl_default"), ==, 0);
}

/* What another program does while our save writes and syncs its copy */
typedef enum
{
  MEANWHILE_WRITE_IN_PLACE,
  MEANWHILE_REPLACE,
  MEANWHILE_CREATE,
  MEANWHILE_DELETE,
} Meanwhile;

typedef struct
{
  Meanwhile   what;
  const char *dir;
  guint       calls;
} MeanwhileJob;

static void
meanwhile_cb (const char *target,
              gpointer    user_data)
{
  MeanwhileJob *job = user_data;
  g_autofree char *name = g_path_get_basename (target);

  job->calls++;
  switch (job->what)
    {
    case MEANWHILE_WRITE_IN_PLACE:
    case MEANWHILE_CREATE:
      g_free (write_file (job->dir, name, "---\ntitle: Theirs\n---\n", -1));
      break;
    case MEANWHILE_REPLACE:
      {
        g_autofree char *other = write_file (job->dir, "theirs.tmp", "---\ntitle: Theirs\n---\n", -1);

        g_assert_cmpint (g_rename (other, target), ==, 0);
      }
      break;
    case MEANWHILE_DELETE:
      g_assert_cmpint (g_unlink (target), ==, 0);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* An external write that lands after the stamp check, while our copy is
 * written and synced (the slow part of a save), is still a conflict: the
 * post is looked at again right before the rename. */
static void
test_stamp_changed_during_save (Fixture       *f,
                                gconstpointer  data)
{
  static const Meanwhile conflicts[] = {
    MEANWHILE_WRITE_IN_PLACE, MEANWHILE_REPLACE, MEANWHILE_CREATE,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (conflicts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_build_filename (f->dir, "post.md", NULL);
      MeanwhileJob job = { conflicts[i], f->dir, 0 };
      BylineFileStamp stamp;

      g_unlink (path);
      if (conflicts[i] != MEANWHILE_CREATE)
        g_free (write_file (f->dir, "post.md", old_text, -1));
      g_assert_true (byline_file_stamp_query (path, &stamp, &error));

      _byline_file_replace_set_hook (meanwhile_cb, &job);
      assert_conflict (path, &stamp, "---\ntitle: Theirs\n---\n");
      _byline_file_replace_set_hook (NULL, NULL);
      g_assert_cmpuint (job.calls, ==, 1);
    }

  /* Deleted meanwhile: no conflict (as when deleted before the save) */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *path = write_file (f->dir, "post.md", old_text, -1);
    MeanwhileJob job = { MEANWHILE_DELETE, f->dir, 0 };
    BylineFileStamp stamp;

    g_assert_true (byline_file_stamp_query (path, &stamp, &error));
    _byline_file_replace_set_hook (meanwhile_cb, &job);
    g_assert_true (replace (path, new_text, &stamp, &error));
    _byline_file_replace_set_hook (NULL, NULL);
    g_assert_no_error (error);
    assert_file_new (path);
  }

  /* Without an expected stamp the save replaces whatever is there */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *path = write_file (f->dir, "post.md", old_text, -1);
    MeanwhileJob job = { MEANWHILE_WRITE_IN_PLACE, f->dir, 0 };

    _byline_file_replace_set_hook (meanwhile_cb, &job);
    g_assert_true (replace (path, new_text, NULL, &error));
    _byline_file_replace_set_hook (NULL, NULL);
    g_assert_no_error (error);
    assert_file_new (path);
  }
}

/* A post deleted since it was opened is no conflict: saving it brings it
 * back, which is what a user who saves expects. */
static void
test_stamp_deleted (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f->dir, "post.md", old_text, -1);
  BylineFileStamp stamp;
  BylineFileStamp written;

  g_assert_true (byline_file_stamp_query (path, &stamp, &error));
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_true (byline_file_replace (path, new_text, strlen (new_text),
                                      &stamp, &written, &error));
  g_assert_no_error (error);
  assert_file_new (path);
  g_assert_true (written.exists);
}

static void
test_stamp_query (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f->dir, "post.md", old_text, -1);
  g_autofree char *missing = g_build_filename (f->dir, "missing.md", NULL);
  g_autofree char *under_file = g_build_filename (path, "x.md", NULL);
  BylineFileStamp a;
  BylineFileStamp b;
  struct stat st;

  g_assert_true (byline_file_stamp_query (path, &a, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_true (a.exists);
  g_assert_cmpuint (a.ino, ==, st.st_ino);
  g_assert_cmpuint (a.dev, ==, st.st_dev);
  g_assert_cmpuint (a.size, ==, st.st_size);
  g_assert_cmpint (a.mtime_ns, ==, st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) +
                                   st.st_mtim.tv_nsec);
  g_assert_true (byline_file_stamp_equal (&a, &a));

  g_assert_true (byline_file_stamp_query (missing, &a, &error));
  g_assert_no_error (error);
  g_assert_false (a.exists);
  g_assert_cmpuint (a.dev + a.ino + a.size, ==, 0);
  g_assert_cmpint (a.mtime_ns, ==, 0);

  /* A path through a file (ENOTDIR) is just as missing. */
  g_assert_true (byline_file_stamp_query (under_file, &b, &error));
  g_assert_no_error (error);
  g_assert_false (b.exists);
  g_assert_true (byline_file_stamp_equal (&a, &b));
}

/* --- new posts and reading ---------------------------------------------------- */

static void
test_new_file (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "new.md", NULL);
  g_autofree char *orphan = g_build_filename (f->dir, "no-folder", "new.md", NULL);
  BylineFileStamp written;
  mode_t mask;
  struct stat st;

  /* The test runs on one thread, so it may read the umask this way. */
  mask = umask (022);
  umask (mask);

  g_assert_true (byline_file_replace (path, new_text, strlen (new_text),
                                      NULL, &written, &error));
  g_assert_no_error (error);
  assert_file_new (path);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0666 & ~mask);
  g_assert_cmpuint (written.ino, ==, st.st_ino);

  /* With another umask, the kernel applies that one. */
  {
    g_autofree char *path2 = g_build_filename (f->dir, "new2.md", NULL);

    umask (077);
    g_assert_true (replace (path2, new_text, NULL, &error));
    umask (mask);
    g_assert_no_error (error);
    g_assert_cmpint (g_stat (path2, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 07777, ==, 0600);
  }

  g_assert_false (replace (orphan, new_text, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-folder"));
  g_clear_error (&error);

  /* Empty content is content. */
  g_assert_true (replace (path, "", NULL, &error));
  g_assert_no_error (error);
  assert_file_is (path, "", 0);
}

static void
test_read_refuses (Fixture       *f,
                   gconstpointer  data)
{
  static const char binary[] = "---\ntitle: x\n---\n\x89PNG\0\0\0\rIHDR";
  g_autoptr(GError) error = NULL;
  g_autofree char *fifo = g_build_filename (f->dir, "fifo.md", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "folder.md", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.md", NULL);
  g_autofree char *bin = write_file (f->dir, "a.bin", binary, sizeof binary - 1);
  g_autofree char *text = NULL;
  gsize len = 0;

  /* Opening a FIFO with no writer must not wait for one. */
  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  g_assert_null (byline_file_read (fifo, 0, &len, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&error);

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_null (byline_file_read (folder, 0, &len, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_cmpstr (error->message, ==, "“folder.md” is a folder, not a post");
  g_clear_error (&error);

  g_assert_null (byline_file_read (missing, 0, &len, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "missing.md"));
  g_clear_error (&error);

  g_assert_null (byline_file_read (bin, 0, &len, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==,
                   "“a.bin” looks like a binary file, not a post (it contains NUL bytes)");
  g_clear_error (&error);
}

static void
test_read_max_size (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *big = g_strnfill (3000000, 'x');
  g_autofree char *path = write_file (f->dir, "big.md", big, -1);
  g_autofree char *text = NULL;
  gsize len = 0;

  /* g_format_size () puts a no-break space before the unit. */
  g_assert_null (byline_file_read (path, 2000000, &len, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_assert_cmpstr (error->message, ==,
                   "“big.md” is too large to open (3.0\u00a0MB; the limit is 2.0\u00a0MB)");
  g_clear_error (&error);

  g_assert_null (byline_file_read (path, 2999999, &len, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_clear_error (&error);

  /* Exactly the limit is allowed; 0 is no limit. */
  text = byline_file_read (path, 3000000, &len, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (text, len, big, strlen (big));
  g_clear_pointer (&text, g_free);

  text = byline_file_read (path, 0, &len, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, ==, strlen (big));
  g_assert_cmpint (text[len], ==, '\0');

  /* A huge (sparse) file is refused by its size, before any of it is read
   * or memory is set aside for it. */
  {
    g_autofree char *huge = write_file (f->dir, "huge.md", "", 0);
    const gint64 huge_size = G_GINT64_CONSTANT (1) << 40;   /* 1 TiB, 1.1 TB */
    int fd = open (huge, O_WRONLY | O_CLOEXEC);

    g_assert_cmpint (fd, >=, 0);
    if (ftruncate (fd, huge_size) != 0)
      {
        close (fd);
        g_test_message ("no sparse 1 TiB file here: %s", g_strerror (errno));
        return;
      }
    close (fd);

    g_assert_null (byline_file_read (huge, 50 * 1000 * 1000, &len, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
    g_assert_nonnull (strstr (error->message, "(1.1"));
    g_assert_nonnull (strstr (error->message, "the limit is 50.0"));
    g_clear_error (&error);

    /* With no limit: too large for memory, or (where memory is promised
     * freely) binary from its first bytes; never read to the end. The
     * sanitizers abort on such an allocation instead of failing it. */
#ifndef __SANITIZE_ADDRESS__
    g_assert_null (byline_file_read (huge, 0, &len, NULL, &error));
    g_assert_true (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE) ||
                   g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA));
#endif
  }
}

static void
test_read_plain (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f->dir, "post.md", old_text, -1);
  g_autofree char *empty = write_file (f->dir, "empty.md", "", 0);
  g_autofree char *text = NULL;
  BylineFileStamp stamp;
  BylineFileStamp now;
  gsize len = 99;

  text = byline_file_read (path, 0, &len, &stamp, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (text, len, old_text, strlen (old_text));
  g_assert_true (byline_file_stamp_query (path, &now, &error));
  g_assert_true (byline_file_stamp_equal (&stamp, &now));
  g_clear_pointer (&text, g_free);

  text = byline_file_read (empty, 0, &len, &stamp, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, ==, 0);
  g_assert_cmpstr (text, ==, "");
  g_assert_true (stamp.exists);
}

/* Saves from several threads at once, to files of their own and of new
 * names: nothing shared may get in the way. */
typedef struct
{
  const char *dir;
  guint       id;
} SaveJob;

static gpointer
save_thread (gpointer data)
{
  const SaveJob *job = data;

  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("t%u-%u.md", job->id, i % 4);
      g_autofree char *path = g_build_filename (job->dir, name, NULL);
      g_autofree char *text = g_strdup_printf ("thread %u save %u\n", job->id, i);

      if (!replace (path, text, NULL, &error))
        return g_strdup (error->message);
    }

  return NULL;
}

static void
test_threads (Fixture       *f,
              gconstpointer  data)
{
  SaveJob jobs[4];
  GThread *threads[4];

  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    {
      jobs[t].dir = f->dir;
      jobs[t].id = t;
      threads[t] = g_thread_new ("save", save_thread, &jobs[t]);
    }
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    {
      g_autofree char *failure = g_thread_join (threads[t]);

      g_assert_null (failure);
      for (guint i = 36; i < 40; i++)
        {
          g_autofree char *name = g_strdup_printf ("t%u-%u.md", t, i % 4);
          g_autofree char *path = g_build_filename (f->dir, name, NULL);
          g_autofree char *text = g_strdup_printf ("thread %u save %u\n", t, i);

          assert_file_is (path, text, strlen (text));
        }
    }
}

/* --- bytes and text ------------------------------------------------------------ */

static char *
round_trip (const char *data,
            gsize       len,
            gsize      *n_invalid)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *back = NULL;
  gsize text_len = 0;
  gsize back_len = 0;

  text = byline_text_decode (data, len, &text_len, n_invalid, &error);
  g_assert_no_error (error);
  g_assert_nonnull (text);
  g_assert_true (g_utf8_validate_len (text, text_len, NULL));
  g_assert_cmpint (text[text_len], ==, '\0');

  back = byline_text_encode (text, text_len, byline_text_detect_newline (text, text_len),
                             *n_invalid > 0, &back_len);
  g_assert_cmpmem (back, back_len, data, len);
  return g_steal_pointer (&text);
}

static void
test_decode_invalid (void)
{
  static const struct
  {
    const char *data;
    gsize       n_invalid;
  } cases[] = {
    { "caf\xe9", 1 },
    { "caf\xc3\xa9 and caf\xe9 and caf\xc3\xa9", 1 },
    { "stray \xff in \xe2\x80\x9cUTF-8\xe2\x80\x9d", 1 },
    { "truncated at the end \xe2\x82", 2 },
    { "truncated in the middle \xf0\x9f\x98 ok", 3 },
    { "overlong slash \xc0\xaf and \xe0\x80\xaf", 5 },
    { "surrogate \xed\xa0\x80 half", 3 },
    { "above U+10FFFF \xf4\x90\x80\x80", 4 },
    { "lone continuations \x80\xbf", 2 },
    { "\xef\xbb\xbf BOM then \xe9\r\nCRLF\r\n", 1 },
    { "\xfe\xff", 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = NULL;
      gsize n_invalid = 0;

      text = round_trip (cases[i].data, strlen (cases[i].data), &n_invalid);
      g_assert_cmpuint (n_invalid, ==, cases[i].n_invalid);
    }

  {
    g_autofree char *text = NULL;
    gsize n_invalid = 0;

    text = round_trip ("caf\xe9", 4, &n_invalid);
    /* U+10FFE9 */
    g_assert_cmpstr (text, ==, "caf\xf4\x8f\xbf\xa9");
    g_assert_cmpuint (g_utf8_get_char (text + 3), ==, 0x10FF00 + 0xe9);
  }

  /* Every byte that can be invalid, alone and all in a row. */
  {
    char all[128];
    g_autofree char *text = NULL;
    gsize n_invalid = 0;

    for (guint b = 0x80; b <= 0xFF; b++)
      {
        char one[3] = { 'a', (char) b, 'z' };
        g_autofree char *t = round_trip (one, 3, &n_invalid);

        g_assert_cmpuint (n_invalid, ==, 1);
        all[b - 0x80] = (char) b;
      }
    text = round_trip (all, sizeof all, &n_invalid);
    g_assert_cmpuint (n_invalid, ==, 128);
  }
}

static void
test_decode_valid (void)
{
  static const struct
  {
    const char    *data;
    BylineNewline  newline;
  } cases[] = {
    { "", BYLINE_NEWLINE_LF },
    { "no line break", BYLINE_NEWLINE_LF },
    { "a\nb\n", BYLINE_NEWLINE_LF },
    { "\xef\xbb\xbf---\r\ntitle: BOM\r\n---\r\n", BYLINE_NEWLINE_CRLF },
    { "old\rMac\r", BYLINE_NEWLINE_CR },
    { "mixed\r\nand\n", BYLINE_NEWLINE_MIXED },
    { "mixed\rand\n", BYLINE_NEWLINE_MIXED },
    { "mixed\r\nand\r", BYLINE_NEWLINE_MIXED },
    { "\r\r\n", BYLINE_NEWLINE_MIXED },
    { "ends in CR\r", BYLINE_NEWLINE_CR },
    { "caf\xc3\xa9 \xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf (U+10FFFF itself)\n", BYLINE_NEWLINE_LF },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize len = strlen (cases[i].data);
      g_autofree char *text = NULL;
      gsize n_invalid = 99;

      g_assert_cmpint (byline_text_detect_newline (cases[i].data, len), ==, cases[i].newline);
      text = round_trip (cases[i].data, len, &n_invalid);
      g_assert_cmpuint (n_invalid, ==, 0);
      /* Valid UTF-8 is copied exactly, BOM and line breaks included. */
      g_assert_cmpstr (text, ==, cases[i].data);
    }
}

static void
assert_encodes (const char    *text,
                BylineNewline  newline,
                gboolean       raw_bytes,
                const char    *expected,
                gsize          expected_len)
{
  g_autofree char *out = NULL;
  gsize len = 0;

  out = byline_text_encode (text, strlen (text), newline, raw_bytes, &len);
  g_assert_cmpmem (out, len, expected, expected_len);
  g_assert_cmpint (out[len], ==, '\0');
}

#define ENCODES(text, newline, raw, expected) \
  assert_encodes ((text), (newline), (raw), (expected), sizeof (expected) - 1)

static void
test_encode (void)
{
  ENCODES ("a\nb\r\nc\rd", BYLINE_NEWLINE_CRLF, FALSE, "a\r\nb\r\nc\r\nd");
  ENCODES ("a\nb\r\nc\rd", BYLINE_NEWLINE_LF, FALSE, "a\nb\nc\nd");
  ENCODES ("a\nb\r\nc\rd", BYLINE_NEWLINE_CR, FALSE, "a\rb\rc\rd");
  ENCODES ("a\nb\r\nc\rd", BYLINE_NEWLINE_MIXED, FALSE, "a\nb\r\nc\rd");
  ENCODES ("\r\r\n\n\r", BYLINE_NEWLINE_LF, FALSE, "\n\n\n\n");
  ENCODES ("\r\r\n\n\r", BYLINE_NEWLINE_CRLF, FALSE, "\r\n\r\n\r\n\r\n");
  ENCODES ("\n\n", BYLINE_NEWLINE_CRLF, FALSE, "\r\n\r\n");
  ENCODES ("", BYLINE_NEWLINE_CRLF, TRUE, "");

  /* U+10FFE9: a raw 0xE9 only when asked. */
  ENCODES ("caf\xf4\x8f\xbf\xa9\n", BYLINE_NEWLINE_CRLF, TRUE, "caf\xe9\r\n");
  ENCODES ("caf\xf4\x8f\xbf\xa9\n", BYLINE_NEWLINE_MIXED, TRUE, "caf\xe9\n");
  ENCODES ("caf\xf4\x8f\xbf\xa9\n", BYLINE_NEWLINE_MIXED, FALSE, "caf\xf4\x8f\xbf\xa9\n");
  /* U+10FF80 and U+10FFBF are raw bytes, U+10FF7F is not. */
  ENCODES ("\xf4\x8f\xbe\x80\xf4\x8f\xbe\xbf\xf4\x8f\xbd\xbf", BYLINE_NEWLINE_LF, TRUE,
           "\x80\xbf\xf4\x8f\xbd\xbf");
  /* A character cut short at the end is left alone. */
  ENCODES ("x\xf4\x8f\xbf", BYLINE_NEWLINE_LF, TRUE, "x\xf4\x8f\xbf");
}

static void
test_decode_refuses (void)
{
  g_autoptr(GError) error = NULL;
  gsize n_invalid = 0;
  gsize len = 0;
  char *text;

  /* U+10FFE9 already in the file, and an invalid 0xE9: which is which? */
  text = byline_text_decode ("\xf4\x8f\xbf\xa9 and \xe9", 10, &len, &n_invalid, &error);
  g_assert_null (text);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  /* …in either order. */
  text = byline_text_decode ("\xe9 and \xf4\x8f\xbf\xa9", 10, &len, &n_invalid, &error);
  g_assert_null (text);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  /* U+10FF7F is outside the range: no ambiguity. */
  text = byline_text_decode ("\xf4\x8f\xbd\xbf and \xe9", 10, &len, &n_invalid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_invalid, ==, 1);
  g_free (text);

  /* NUL is not text, valid or not. */
  text = byline_text_decode ("a\0b", 3, &len, &n_invalid, &error);
  g_assert_null (text);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  text = byline_text_decode ("\xe9\0", 2, &len, &n_invalid, &error);
  g_assert_null (text);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

static void
test_corpus_round_trip (void)
{
  g_autoptr(GPtrArray) files = byline_test_corpus_files (BYLINE_TEST_CORPUS_WITH_MDX);
  guint n_with_invalid = 0;

  if (files == NULL)
    {
      g_test_skip ("no corpus (BYLINE_CORPUS_DIR)");
      return;
    }

  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *data = NULL;
      g_autofree char *text = NULL;
      gsize len = 0;
      gsize n_invalid = 0;

      data = byline_file_read (path, 0, &len, NULL, &error);
      g_assert_no_error (error);
      text = round_trip (data, len, &n_invalid);
      n_with_invalid += n_invalid > 0;
    }

  g_test_message ("%u posts read, decoded and encoded back; %u with invalid UTF-8",
                  files->len, n_with_invalid);
}

/* Random bytes, weighted towards the interesting ones: line breaks, bytes
 * that start or continue sequences, and the raw-byte characters. */
static void
test_random_round_trip (void)
{
  static const char * const pieces[] = {
    "\n", "\r", "\r\n", "\xc3\xa9", "\xe2\x80\x9c", "\xf0\x9f\x98\x80",
    "\xef\xbb\xbf", "\xed\xa0\x80", "\xf4\x8f",
    /* in one string out of ten: U+10FFE9, a raw-byte character, and the
     * start of one (a random continuation byte may complete it) */
    "\xf4\x8f\xbf\xa9", "\xf4\x8f\xbe",
  };
  guint n_refused = 0;
  guint n_invalid_total = 0;

  for (guint i = 0; i < 5000; i++)
    {
      g_autoptr(GString) s = g_string_new (NULL);
      guint n = g_test_rand_int_range (0, 200);
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      g_autofree char *back = NULL;
      gsize text_len = 0;
      gsize back_len = 0;
      gsize n_invalid = 0;
      guint n_pieces = G_N_ELEMENTS (pieces) - (i % 10 != 0 ? 2 : 0);

      for (guint j = 0; j < n; j++)
        {
          guint kind = g_test_rand_int_range (0, 4);

          if (kind == 0)
            g_string_append (s, pieces[g_test_rand_int_range (0, n_pieces)]);
          else if (kind == 1)
            g_string_append_c (s, (char) g_test_rand_int_range (0x80, 0x100));
          else
            g_string_append_c (s, (char) g_test_rand_int_range (1, 0x100));
        }

      text = byline_text_decode (s->str, s->len, &text_len, &n_invalid, &error);
      if (text == NULL)
        {
          /* Only ever for the one reason: a raw-byte character beside an
           * invalid byte. */
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
          g_assert_nonnull (g_strstr_len (s->str, s->len, "\xf4\x8f"));
          n_refused++;
          continue;
        }

      g_assert_true (g_utf8_validate_len (text, text_len, NULL));
      back = byline_text_encode (text, text_len, byline_text_detect_newline (text, text_len),
                                 n_invalid > 0, &back_len);
      g_assert_cmpmem (back, back_len, s->str, s->len);
      n_invalid_total += n_invalid;
    }

  g_test_message ("%u refused as ambiguous, %u invalid bytes kept", n_refused, n_invalid_total);
  g_assert_cmpuint (n_refused, <, 1000);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_setup, (func), fixture_teardown)

  ADD ("/file-io/replace/symlink/same-folder", test_symlink_same_folder);
  ADD ("/file-io/replace/symlink/other-folder", test_symlink_other_folder);
  ADD ("/file-io/replace/symlink/dangling", test_symlink_dangling);
  ADD ("/file-io/replace/mode-kept", test_mode_kept);
  ADD ("/file-io/replace/owner-kept", test_owner_kept);
  ADD ("/file-io/replace/xattrs-kept", test_xattrs_kept);
  ADD ("/file-io/replace/owner-cannot-be-kept", test_owner_cannot_be_kept);
  ADD ("/file-io/replace/read-only/mode", test_read_only_mode);
  ADD ("/file-io/replace/read-only/no-dac", test_read_only_no_dac);
  ADD ("/file-io/replace/folder-not-writable", test_folder_not_writable);
  ADD ("/file-io/replace/no-space", test_no_space);
  ADD ("/file-io/replace/folder-deleted", test_folder_deleted);
  ADD ("/file-io/replace/now-a-directory", test_now_a_directory);
  ADD ("/file-io/replace/stamp/unchanged", test_stamp_unchanged);
  ADD ("/file-io/replace/stamp/changed", test_stamp_changed);
  ADD ("/file-io/replace/stamp/deleted", test_stamp_deleted);
  ADD ("/file-io/replace/stamp/changed-during-save", test_stamp_changed_during_save);
  ADD ("/file-io/replace/new-file", test_new_file);
  ADD ("/file-io/replace/threads", test_threads);
  ADD ("/file-io/stamp/query", test_stamp_query);
  ADD ("/file-io/read/refuses", test_read_refuses);
  ADD ("/file-io/read/max-size", test_read_max_size);
  ADD ("/file-io/read/plain", test_read_plain);

  g_test_add_func ("/file-io/text/decode-invalid", test_decode_invalid);
  g_test_add_func ("/file-io/text/decode-valid", test_decode_valid);
  g_test_add_func ("/file-io/text/decode-refuses", test_decode_refuses);
  g_test_add_func ("/file-io/text/encode", test_encode);
  g_test_add_func ("/file-io/text/corpus", test_corpus_round_trip);
  g_test_add_func ("/file-io/text/random", test_random_round_trip);

  return g_test_run ();
}
