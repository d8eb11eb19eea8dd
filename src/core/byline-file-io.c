/* byline-file-io.c: reading posts and replacing them on disk, safely
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "byline-file-io.h"
#include "byline-file-io-private.h"

/* As many links as the kernel follows (MAXSYMLINKS) before ELOOP. */
#define MAX_LINK_HOPS 40

/* A temporary name is ".NAME.XXXXXX": keep it under NAME_MAX (255) even
 * for a post whose own name is that long. */
#define MAX_TEMP_BASE 200

typedef struct
{
  BylineFileReplaceHook hook;
  gpointer              user_data;
} ReplaceHook;

static GPrivate replace_hook = G_PRIVATE_INIT (g_free);

void
_byline_file_replace_set_hook (BylineFileReplaceHook hook,
                               gpointer              user_data)
{
  ReplaceHook *self = NULL;

  if (hook != NULL)
    {
      self = g_new0 (ReplaceHook, 1);
      self->hook = hook;
      self->user_data = user_data;
    }
  g_private_replace (&replace_hook, self);
}

static char *
display_file (const char *path)
{
  return g_filename_display_basename (path);
}

/* Folders are named by their full path: "the folder “.” is not writable"
 * would say nothing. Only called on error paths; getcwd() is thread-safe. */
static char *
display_folder (const char *dir)
{
  g_autofree char *absolute = g_canonicalize_filename (dir, NULL);

  return g_filename_display_name (absolute);
}

static void
stamp_from_stat (BylineFileStamp   *stamp,
                 const struct stat *st)
{
  stamp->dev = st->st_dev;
  stamp->ino = st->st_ino;
  stamp->size = st->st_size;
  stamp->mtime_ns = (gint64) st->st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) +
                    st->st_mtim.tv_nsec;
  stamp->exists = TRUE;
}

/**
 * byline_file_stamp_query:
 * @path: a file
 * @stamp: (out caller-allocates): where to store what @path looks like now
 * @error: a #GError
 *
 * Stats @path, following symbolic links. A file that does not exist is not
 * an error: @stamp then says so (`exists` is %FALSE, every other field 0).
 *
 * Returns: %TRUE unless @path could not be looked at (e.g. permission denied)
 */
gboolean
byline_file_stamp_query (const char       *path,
                         BylineFileStamp  *stamp,
                         GError          **error)
{
  struct stat st;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (stamp != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (stamp, 0, sizeof *stamp);

  if (stat (path, &st) != 0)
    {
      int saved_errno = errno;
      g_autofree char *name = NULL;

      if (saved_errno == ENOENT || saved_errno == ENOTDIR)
        return TRUE;

      name = display_file (path);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   /* Translators: %s is a file name, then the system's reason */
                   _("Could not look at “%s”: %s"), name, g_strerror (saved_errno));
      return FALSE;
    }

  stamp_from_stat (stamp, &st);
  return TRUE;
}

/**
 * byline_file_stamp_equal:
 * @a: a stamp
 * @b: another stamp
 *
 * Two stamps of files that do not exist are equal.
 *
 * Returns: %TRUE when @a and @b describe the same file content on disk
 */
gboolean
byline_file_stamp_equal (const BylineFileStamp *a,
                         const BylineFileStamp *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (!a->exists || !b->exists)
    return !a->exists && !b->exists;

  return a->dev == b->dev &&
         a->ino == b->ino &&
         a->size == b->size &&
         a->mtime_ns == b->mtime_ns;
}

static gboolean
same_file_state (const struct stat *a,
                 const struct stat *b)
{
  return a->st_dev == b->st_dev &&
         a->st_ino == b->st_ino &&
         a->st_size == b->st_size &&
         a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
         a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

static void
set_too_large_error (GError     **error,
                     const char  *path,
                     guint64      size,
                     gsize        max_size)
{
  g_autofree char *name = display_file (path);
  g_autofree char *size_text = g_format_size (size);
  g_autofree char *max_text = g_format_size (max_size);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
               /* Translators: a file name, its size and the largest size we open,
                * e.g. “big.md” is too large to open (60.2 MB; the limit is 50.0 MB) */
               _("“%s” is too large to open (%s; the limit is %s)"),
               name, size_text, max_text);
}

/* Reads from the start of @fd to its end. The size from fstat() is a hint
 * only: the file may grow or shrink while we read it. */
static gboolean
read_whole (int          fd,
            const char  *path,
            gsize        size_hint,
            gsize        max_size,
            char       **out,
            gsize       *out_len,
            GError     **error)
{
  g_autofree char *buf = NULL;
  gsize alloc;
  gsize size = 0;

  /* One spare byte so that the read which finds the end needs no bigger
   * buffer, one for the terminating NUL. */
  alloc = size_hint + 2;

  for (;;)
    {
      gssize n;

      if (buf == NULL || size + 1 >= alloc)
        {
          char *bigger;

          if (buf != NULL)
            alloc = MAX (alloc * 2, 4096);
          /* With no limit, a file larger than memory is an error to show,
           * not a reason to abort. */
          bigger = alloc > size_hint ? g_try_realloc (buf, alloc) : NULL;
          if (bigger == NULL)
            {
              g_autofree char *name = display_file (path);
              g_autofree char *size_text = g_format_size (MAX (size_hint, size));

              g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                           /* Translators: a file name and its size */
                           _("“%s” is too large to open (%s; there is not enough memory)"),
                           name, size_text);
              return FALSE;
            }
          buf = bigger;
        }

      n = read (fd, buf + size, alloc - 1 - size);
      if (n < 0)
        {
          int saved_errno = errno;
          g_autofree char *name = NULL;

          if (saved_errno == EINTR)
            continue;

          name = display_file (path);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       /* Translators: %s is a file name, then the system's reason */
                       _("Could not read “%s”: %s"), name, g_strerror (saved_errno));
          return FALSE;
        }
      if (n == 0)
        break;

      /* Checked as it arrives, so a big binary file is refused at once. */
      if (memchr (buf + size, '\0', n) != NULL)
        {
          g_autofree char *name = display_file (path);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("“%s” looks like a binary file, not a post (it contains NUL bytes)"),
                       name);
          return FALSE;
        }

      size += n;
      if (max_size > 0 && size > max_size)
        {
          set_too_large_error (error, path, size, max_size);
          return FALSE;
        }
    }

  buf[size] = '\0';
  *out = g_steal_pointer (&buf);
  *out_len = size;
  return TRUE;
}

static gboolean
check_readable_kind (const struct stat  *st,
                     const char         *path,
                     gsize               max_size,
                     GError            **error)
{
  g_autofree char *name = NULL;

  if (S_ISREG (st->st_mode))
    {
      if (max_size > 0 && (guint64) st->st_size > max_size)
        {
          set_too_large_error (error, path, st->st_size, max_size);
          return FALSE;
        }
      return TRUE;
    }

  name = display_file (path);
  if (S_ISDIR (st->st_mode))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                 _("“%s” is a folder, not a post"), name);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                 _("“%s” is not a regular file, so it cannot be a post"), name);
  return FALSE;
}

static void
set_open_error (GError     **error,
                int          saved_errno,
                const char  *path)
{
  g_autofree char *name = display_file (path);

  switch (saved_errno)
    {
    case ENOENT:
    case ENOTDIR:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("“%s” does not exist"), name);
      break;

    case EACCES:
    case EPERM:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("You are not allowed to read “%s”"), name);
      break;

    default:
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   /* Translators: %s is a file name, then the system's reason */
                   _("Could not open “%s”: %s"), name, g_strerror (saved_errno));
      break;
    }
}

/**
 * byline_file_read:
 * @path: the post
 * @max_size: the largest file to read, in bytes, or 0 for no limit
 * @len: (out): the number of bytes read
 * @stamp: (out caller-allocates) (optional): what the file looked like when
 *   it was read, to pass to byline_file_replace() as `expected`
 * @error: a #GError
 *
 * Reads a whole post with one open, fstat and read. Refuses what is not a
 * regular text file: a folder (%G_IO_ERROR_IS_DIRECTORY), a FIFO, socket or
 * device (%G_IO_ERROR_NOT_REGULAR_FILE; opening does not wait for a FIFO's
 * writer), a file larger than @max_size (%G_IO_ERROR_MESSAGE_TOO_LARGE) and
 * a file with NUL bytes (%G_IO_ERROR_INVALID_DATA).
 *
 * @stamp describes exactly the bytes returned: when the file changes while
 * it is read, it is read again (a few times at most; if it never holds still
 * the stamp is the one from before the read, which will not match the file
 * later, so a save with it reports the change rather than missing it).
 *
 * Returns: (transfer full): the raw bytes, NUL-terminated, or %NULL
 */
char *
byline_file_read (const char       *path,
                  gsize             max_size,
                  gsize            *len,
                  BylineFileStamp  *stamp,
                  GError          **error)
{
  g_autofree char *buf = NULL;
  struct stat st;
  gsize size = 0;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (len != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* O_NONBLOCK: a FIFO named like a post must not hang us before fstat(). */
  fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0)
    {
      set_open_error (error, errno, path);
      return NULL;
    }

  for (guint attempt = 0; ; attempt++)
    {
      struct stat after;

      if (fstat (fd, &st) != 0)
        {
          set_open_error (error, errno, path);
          close (fd);
          return NULL;
        }

      if (!check_readable_kind (&st, path, max_size, error) ||
          !read_whole (fd, path, st.st_size, max_size, &buf, &size, error))
        {
          close (fd);
          return NULL;
        }

      if (stamp == NULL || attempt == 2)
        break;

      if (fstat (fd, &after) != 0)
        {
          set_open_error (error, errno, path);
          close (fd);
          return NULL;
        }

      if (same_file_state (&st, &after))
        break;

      /* Written to while we read: what we have may be half old, half new. */
      g_clear_pointer (&buf, g_free);
      if (lseek (fd, 0, SEEK_SET) != 0)
        {
          set_open_error (error, errno, path);
          close (fd);
          return NULL;
        }
    }

  close (fd);

  if (stamp != NULL)
    stamp_from_stat (stamp, &st);

  *len = size;
  return g_steal_pointer (&buf);
}

/* Errors about the folder a post is saved in: creating the temporary file
 * or renaming it there. */
static void
set_folder_error (GError     **error,
                  int          saved_errno,
                  const char  *dir,
                  const char  *path)
{
  g_autofree char *folder = display_folder (dir);
  g_autofree char *name = display_file (path);

  switch (saved_errno)
    {
    case ENOENT:
    case ENOTDIR:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The folder “%s” no longer exists"), folder);
      break;

    case EACCES:
    case EPERM:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("The folder “%s” is not writable"), folder);
      break;

    case EROFS:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY,
                   _("The folder “%s” is on a read-only disk"), folder);
      break;

    case ENOSPC:
    case EDQUOT:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   _("There is not enough space on the disk to save “%s”"), name);
      break;

    case EISDIR:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("“%s” is a folder, not a post"), name);
      break;

    default:
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   /* Translators: %s is a file name, then the system's reason */
                   _("Could not save “%s”: %s"), name, g_strerror (saved_errno));
      break;
    }
}

/* Errors writing the temporary file's content. */
static void
set_write_error (GError     **error,
                 int          saved_errno,
                 const char  *path)
{
  g_autofree char *name = display_file (path);

  if (saved_errno == ENOSPC || saved_errno == EDQUOT)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                 _("There is not enough space on the disk to save “%s”"), name);
  else
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 /* Translators: %s is a file name, then the system's reason */
                 _("Could not save “%s”: %s"), name, g_strerror (saved_errno));
}

/* Follows @path's chain of symbolic links one link at a time, as the kernel
 * does, so that a dangling link still tells where the post belongs. The
 * result is @path itself when it is not a link. */
static char *
resolve_target (const char   *path,
                struct stat  *st,
                gboolean     *exists,
                GError      **error)
{
  g_autofree char *current = g_strdup (path);

  for (guint hops = 0; hops <= MAX_LINK_HOPS; hops++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *link = NULL;

      if (lstat (current, st) != 0)
        {
          int saved_errno = errno;

          if (saved_errno == ENOENT || saved_errno == ENOTDIR)
            {
              *exists = FALSE;
              return g_steal_pointer (&current);
            }
          set_write_error (error, saved_errno, path);
          return NULL;
        }

      if (!S_ISLNK (st->st_mode))
        {
          *exists = TRUE;
          return g_steal_pointer (&current);
        }

      link = g_file_read_link (current, &local_error);
      if (link == NULL)
        {
          g_autofree char *name = display_file (path);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       /* Translators: %s is a file name, then the system's reason */
                       _("Could not save “%s”: %s"), name, local_error->message);
          return NULL;
        }

      /* A relative link is relative to the folder the link is in. */
      if (!g_path_is_absolute (link))
        {
          g_autofree char *dir = g_path_get_dirname (current);

          g_free (current);
          current = g_build_filename (dir, link, NULL);
        }
      else
        {
          g_free (current);
          current = g_steal_pointer (&link);
        }
    }

  {
    g_autofree char *name = display_file (path);

    g_set_error (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_LINKS,
                 _("“%s” is a symbolic link in a loop of links"), name);
  }
  return NULL;
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        len)
{
  while (len > 0)
    {
      gssize n = write (fd, data, MIN (len, (gsize) G_MAXSSIZE));

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      data += n;
      len -= n;
    }

  return TRUE;
}

/* Gives the temporary file @fd the old file's owner and group. Only root
 * can give a file away, and only a member of a group can give it that
 * group, so a save by someone else may be unable to keep them. */
static gboolean
keep_owner (int                 fd,
            const struct stat  *old,
            const char         *path,
            GError            **error)
{
  struct stat st;
  g_autofree char *name = NULL;
  int saved_errno;

  if (fstat (fd, &st) != 0)
    {
      set_write_error (error, errno, path);
      return FALSE;
    }

  if (st.st_uid == old->st_uid && st.st_gid == old->st_gid)
    return TRUE;

  if (fchown (fd, old->st_uid, old->st_gid) == 0)
    return TRUE;

  saved_errno = errno;
  if (saved_errno != EPERM)
    {
      set_write_error (error, saved_errno, path);
      return FALSE;
    }

  name = display_file (path);

  /* Making someone else's post ours would change who may edit it: refuse
   * rather than do it silently. */
  if (st.st_uid != old->st_uid)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("“%s” belongs to another user; saving it would make it yours"),
                   name);
      return FALSE;
    }

  /* Our own post, but its group is one we are not in. A new group changes
   * nobody's access when the group has the same rights as everyone else
   * (0644, 0600 …); otherwise it would, so refuse. */
  if (((old->st_mode >> 3) & 07) != (old->st_mode & 07))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("“%s” belongs to a group you are not in; saving it would take "
                     "away that group’s access"),
                   name);
      return FALSE;
    }

  return TRUE;
}

/* POSIX ACLs live in this extended attribute */
#define ACL_XATTR "system.posix_acl_access"

/* The names of @path's extended attributes, NUL-separated, or %NULL when it
 * has none or the file system has none. */
static char *
list_xattrs (const char *path,
             gssize     *len)
{
  /* the list may grow between the two calls: try again */
  for (int attempt = 0; attempt < 3; attempt++)
    {
      g_autofree char *names = NULL;
      ssize_t size = listxattr (path, NULL, 0);

      if (size <= 0)
        return NULL;
      names = g_malloc (size);
      *len = listxattr (path, names, size);
      if (*len > 0)
        return g_steal_pointer (&names);
      if (*len == 0 || errno != ERANGE)
        return NULL;
    }
  return NULL;
}

static char *
list_xattrs_fd (int     fd,
                gssize *len)
{
  for (int attempt = 0; attempt < 3; attempt++)
    {
      g_autofree char *names = NULL;
      ssize_t size = flistxattr (fd, NULL, 0);

      if (size <= 0)
        return NULL;
      names = g_malloc (size);
      *len = flistxattr (fd, names, size);
      if (*len > 0)
        return g_steal_pointer (&names);
      if (*len == 0 || errno != ERANGE)
        return NULL;
    }
  return NULL;
}

static gboolean
has_xattr (const char *names,
           gssize      len,
           const char *name)
{
  for (gssize i = 0; i < len; i += strlen (names + i) + 1)
    if (strcmp (names + i, name) == 0)
      return TRUE;
  return FALSE;
}

/* Gives the copy @fd the extended attributes of the post @target: user.*
 * ones, and the POSIX ACL (ACL_XATTR), which is how a post shared with one
 * more user or group stays shared. Where the file system or our rights do
 * not allow one (security.* and trusted.* need privileges; a file system
 * without xattrs has none) it is left out and the save goes on: the text
 * matters more. An ACL the copy inherited from the folder's default ACL,
 * which the post did not have, is taken away. Called after the mode is set:
 * an ACL carries the mode's bits, the post's own. */
static void
keep_xattrs (int         fd,
             const char *target)
{
  gssize len = 0;
  g_autofree char *names = list_xattrs (target, &len);
  gssize copy_len = 0;
  g_autofree char *copy_names = NULL;

  for (gssize i = 0; names != NULL && i < len; i += strlen (names + i) + 1)
    {
      const char *name = names + i;
      g_autofree char *value = NULL;
      ssize_t size = getxattr (target, name, NULL, 0);

      if (size < 0)
        continue;
      value = g_malloc (MAX (size, 1));
      size = getxattr (target, name, value, size);
      if (size >= 0)
        (void) fsetxattr (fd, name, value, size, 0);
    }

  copy_names = list_xattrs_fd (fd, &copy_len);
  if (copy_names != NULL && has_xattr (copy_names, copy_len, ACL_XATTR) &&
      (names == NULL || !has_xattr (names, len, ACL_XATTR)))
    (void) fremovexattr (fd, ACL_XATTR);
}

/* Makes a rename in @dir durable. Only errors of the folder itself are
 * possible here, after the post was replaced: they are not reported,
 * because a failure would tell the user a save that took effect did not,
 * and their next save would then meet "changed on disk". */
static void
sync_folder (const char *dir)
{
  int dir_fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (dir_fd >= 0)
    {
      (void) fsync (dir_fd);
      close (dir_fd);
    }
}

/* Whether @target differs from what it was (@before, when it @existed):
 * another inode, size or modification time, or there now and not then. A
 * post deleted since is no conflict (the save creates it again), nor is one
 * we cannot stat any more: rename() will report what is wrong. */
static gboolean
changed_since (const char        *target,
               gboolean           existed,
               const struct stat *before)
{
  struct stat now;

  if (stat (target, &now) != 0)
    return FALSE;
  return !existed || !same_file_state (before, &now);
}

/**
 * byline_file_replace:
 * @path: the post
 * @data: its new content
 * @len: the length of @data
 * @expected: (optional): what the post looked like when it was read or last
 *   saved (byline_file_read(), byline_file_stamp_query() or @written of the
 *   last save), or %NULL to replace it whatever happened to it
 * @written: (out caller-allocates) (optional): what the post looks like
 *   after this save
 * @error: a #GError
 *
 * Replaces @path so that, whatever fails, the file on disk is either its old
 * content or @data, never a mix and never empty: @data goes into a new file
 * in the same folder (".NAME.XXXXXX"), which gets the old file's mode, owner
 * and group, and its extended attributes and POSIX ACL where the file system
 * allows them, is fsync()ed and renamed over the old one; the folder is then
 * fsync()ed too. There is no fallback to writing the file in place: when the
 * temporary file cannot be made the save fails and the post is untouched.
 *
 * - A symbolic link stays a link: the file it leads to is replaced. A link
 *   that leads nowhere (its file was deleted) is saved where it leads, like
 *   any deleted post; that folder must exist.
 * - A new post (@path does not exist) is created in its folder, which must
 *   exist, with the mode new files get (0666 less the umask, or the folder's
 *   default ACL: the kernel applies them when the file is created, so this
 *   is safe on any thread, unlike calling umask()).
 * - A read-only post (no write permission; or, for root, whom the kernel
 *   lets write anything, no write bit at all in its mode) is refused with
 *   %G_IO_ERROR_READ_ONLY even though rename() could replace it.
 * - With @expected: a post that changed on disk since (another inode, size
 *   or modification time; or one that exists now and did not then) is not
 *   saved, %G_IO_ERROR_WRONG_ETAG. A post that was deleted since is no
 *   conflict: the save creates it again. The post is looked at when the
 *   save starts and again right before the rename, so a change made while
 *   the copy is written and synced is caught too; one that lands between
 *   that last look and the rename (microseconds) is not: no lock exists that
 *   every editor honours.
 * - An owner that cannot be kept (we are not root) fails the save rather
 *   than silently making the post ours; so does a group that cannot be kept
 *   when the mode gives that group other rights than everyone else.
 * - Hard links to the post are not updated: the name gets a new file.
 *
 * Other errors: %G_IO_ERROR_IS_DIRECTORY (the post is now a folder),
 * %G_IO_ERROR_NOT_REGULAR_FILE, %G_IO_ERROR_NOT_FOUND (the folder is gone),
 * %G_IO_ERROR_PERMISSION_DENIED (the folder is not writable),
 * %G_IO_ERROR_NO_SPACE.
 *
 * Safe to call on a worker thread: no umask(), no chdir(), no shared state.
 *
 * Returns: %TRUE when @path now holds @data
 */
gboolean
byline_file_replace (const char             *path,
                     const char             *data,
                     gsize                   len,
                     const BylineFileStamp  *expected,
                     BylineFileStamp        *written,
                     GError                **error)
{
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  struct stat st;
  struct stat tmp_st;
  gboolean exists = FALSE;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  target = resolve_target (path, &st, &exists, error);
  if (target == NULL)
    return FALSE;

  if (exists && !S_ISREG (st.st_mode))
    {
      g_autofree char *name = display_file (path);

      if (S_ISDIR (st.st_mode))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                     _("“%s” is a folder, not a post"), name);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                     _("“%s” is not a regular file, so it cannot be saved as a post"), name);
      return FALSE;
    }

  if (expected != NULL && exists)
    {
      BylineFileStamp now;

      stamp_from_stat (&now, &st);
      if (!byline_file_stamp_equal (expected, &now))
        {
          g_autofree char *name = display_file (path);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG,
                       _("“%s” changed on disk since it was opened or last saved"), name);
          return FALSE;
        }
    }

  /* rename() could replace a read-only file; a read-only post is one its
   * owner chose not to have changed. Root passes access(), so for root the
   * mode itself decides. */
  if (exists &&
      (access (target, W_OK) != 0 || (geteuid () == 0 && (st.st_mode & 0222) == 0)))
    {
      g_autofree char *name = display_file (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY,
                   _("“%s” is read-only"), name);
      return FALSE;
    }

  dir = g_path_get_dirname (target);
  base = g_path_get_basename (target);
  if (strlen (base) > MAX_TEMP_BASE)
    base[MAX_TEMP_BASE] = '\0';
  tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);

  /* An existing post's copy starts private (0600) and gets the post's mode
   * once written; a new post gets the default mode from the kernel. */
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, exists ? 0600 : 0666);
  if (fd < 0)
    {
      set_folder_error (error, errno, dir, path);
      return FALSE;
    }

  if (!write_all (fd, data, len))
    {
      set_write_error (error, errno, path);
      goto fail;
    }

  /* chown() clears set-id bits, so the owner first, then the mode. */
  if (exists)
    {
      if (!keep_owner (fd, &st, path, error))
        goto fail;

      if (fstat (fd, &tmp_st) != 0 ||
          ((tmp_st.st_mode & 07777) != (st.st_mode & 07777) &&
           fchmod (fd, st.st_mode & 07777) != 0))
        {
          set_write_error (error, errno, path);
          goto fail;
        }

      keep_xattrs (fd, target);
    }

  /* The data must be on disk before the name points at it: a crash after
   * the rename would otherwise leave an empty post. Writeback errors such
   * as ENOSPC or EIO may only show up here. */
  if (fsync (fd) != 0 && errno != EINVAL)
    {
      set_write_error (error, errno, path);
      goto fail;
    }

  if (fstat (fd, &tmp_st) != 0)
    {
      set_write_error (error, errno, path);
      goto fail;
    }

  if (close (fd) != 0)
    {
      fd = -1;
      set_write_error (error, errno, path);
      goto fail;
    }
  fd = -1;

  {
    ReplaceHook *hook = g_private_get (&replace_hook);

    if (hook != NULL)
      hook->hook (target, hook->user_data);
  }

  /* Another program may have written the post while our copy was written
   * and synced, the slow part: look again right before the rename. Only the
   * moment between this look and rename() stays open; closing it would take
   * a lock every editor honours, and there is none. */
  if (expected != NULL && changed_since (target, exists, &st))
    {
      g_autofree char *name = display_file (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG,
                   _("“%s” changed on disk since it was opened or last saved"), name);
      goto fail;
    }

  if (rename (tmp, target) != 0)
    {
      set_folder_error (error, errno, dir, path);
      goto fail;
    }

  sync_folder (dir);

  if (written != NULL)
    stamp_from_stat (written, &tmp_st);

  return TRUE;

fail:
  if (fd >= 0)
    close (fd);
  g_unlink (tmp);
  return FALSE;
}

/**
 * byline_text_detect_newline:
 * @text: text
 * @len: length of @text in bytes
 *
 * Returns: the kind of line break @text uses: %BYLINE_NEWLINE_MIXED when it
 *   uses more than one, %BYLINE_NEWLINE_LF when it has none
 */
BylineNewline
byline_text_detect_newline (const char *text,
                            gsize       len)
{
  enum { SEEN_LF = 1 << 0, SEEN_CRLF = 1 << 1, SEEN_CR = 1 << 2 };
  const char *p = text;
  const char *end = text + len;
  guint seen = 0;

  g_return_val_if_fail (text != NULL || len == 0, BYLINE_NEWLINE_LF);

  for (; p < end; p++)
    {
      if (*p == '\n')
        seen |= SEEN_LF;
      else if (*p == '\r')
        {
          if (p + 1 < end && p[1] == '\n')
            {
              seen |= SEEN_CRLF;
              p++;
            }
          else
            seen |= SEEN_CR;
        }
      else
        continue;

      /* More than one bit set */
      if ((seen & (seen - 1)) != 0)
        return BYLINE_NEWLINE_MIXED;
    }

  switch (seen)
    {
    case SEEN_CRLF:
      return BYLINE_NEWLINE_CRLF;
    case SEEN_CR:
      return BYLINE_NEWLINE_CR;
    default:
      return BYLINE_NEWLINE_LF;
    }
}

/* Whether a valid UTF-8 run holds one of the characters that stand for raw
 * bytes: U+10FF80..U+10FFFF is F4 8F BE/BF xx. In valid UTF-8, F4 is always
 * the lead byte of a 4-byte sequence, so the next two bytes are there. */
static gboolean
has_raw_byte_char (const char *run,
                   gsize       len)
{
  const char *end = run + len;
  const char *p = run;

  while ((p = memchr (p, 0xF4, end - p)) != NULL)
    {
      if ((guchar) p[1] == 0x8F && ((guchar) p[2] & 0xFE) == 0xBE)
        return TRUE;
      p++;
    }

  return FALSE;
}

/**
 * byline_text_decode:
 * @data: bytes read from a post
 * @len: the number of bytes
 * @out_len: (out) (optional): the length of the text returned
 * @n_invalid: (out) (optional): how many bytes were not UTF-8
 * @error: a #GError
 *
 * Turns a post's bytes into text an editor can hold without losing any of
 * them. Valid UTF-8 comes back as an exact copy (a BOM stays, as U+FEFF;
 * line breaks are untouched). Each byte that is not part of valid UTF-8 (a
 * Latin-1 "é", a stray 0xFF, a truncated or overlong sequence, an encoded
 * surrogate) becomes the character U+10FF00 + byte, which
 * byline_text_encode() with `raw_bytes` writes back as that byte. Pass
 * `raw_bytes` = (@n_invalid > 0): in a file that was valid UTF-8 those
 * characters are themselves.
 *
 * Refused with %G_IO_ERROR_INVALID_DATA: a NUL byte (byline_file_read()
 * never returns one; the text would end there for every C string API), and
 * invalid bytes in a file that already contains a character of
 * %BYLINE_RAW_BYTE_FIRST..%BYLINE_RAW_BYTE_LAST, because that character
 * could not be told from a raw byte when saving.
 *
 * Returns: (transfer full): valid UTF-8, NUL-terminated, or %NULL
 */
char *
byline_text_decode (const char  *data,
                    gsize        len,
                    gsize       *out_len,
                    gsize       *n_invalid,
                    GError     **error)
{
  g_autoptr(GString) out = NULL;
  const char *end = data + len;
  const char *p = data;
  const char *valid_end = NULL;
  gsize invalid = 0;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_utf8_validate_len (data, len, &valid_end))
    {
      char *copy = g_malloc (len + 1);

      memcpy (copy, data, len);
      copy[len] = '\0';
      if (out_len != NULL)
        *out_len = len;
      if (n_invalid != NULL)
        *n_invalid = 0;
      return copy;
    }

  /* Latin-1 text grows by 3 bytes per accented letter. */
  out = g_string_sized_new (len + len / 8 + 16);

  for (;;)
    {
      guchar byte;

      if (has_raw_byte_char (p, valid_end - p))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The file is not valid UTF-8 and contains characters "
                                 "from the range used to keep its invalid bytes, so it "
                                 "cannot be opened without changing it"));
          return NULL;
        }
      g_string_append_len (out, p, valid_end - p);

      if (valid_end == end)
        break;

      /* g_utf8_validate_len() stops at a NUL as well as at bad bytes. */
      byte = (guchar) *valid_end;
      if (byte == '\0')
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The file contains NUL bytes, so it is binary, not text"));
          return NULL;
        }
      g_assert (byte >= 0x80);

      /* U+10FF00 + byte, in UTF-8: F4 8F (BC | byte >> 6) (80 | byte & 3F).
       * One byte at a time: the next byte of a bad sequence is checked on
       * its own, and is either the start of valid text or bad as well. */
      {
        char seq[4] = { (char) 0xF4, (char) 0x8F,
                        (char) (0xBC | (byte >> 6)), (char) (0x80 | (byte & 0x3F)) };

        g_string_append_len (out, seq, sizeof seq);
      }
      invalid++;

      p = valid_end + 1;
      g_utf8_validate_len (p, end - p, &valid_end);
    }

  if (out_len != NULL)
    *out_len = out->len;
  if (n_invalid != NULL)
    *n_invalid = invalid;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * byline_text_encode:
 * @text: the editor's text
 * @len: its length in bytes
 * @newline: the line breaks to write: every CRLF, lone LF and lone CR in
 *   @text is written as @newline; with %BYLINE_NEWLINE_MIXED each is
 *   written as it is
 * @raw_bytes: whether U+10FF80..U+10FFFF stand for the bytes 0x80..0xFF
 *   (see byline_text_decode()); if %FALSE they are written as UTF-8
 * @out_len: (out) (optional): the number of bytes returned
 *
 * The bytes to write for @text, in one pass.
 *
 * Returns: (transfer full): the bytes, NUL-terminated
 */
char *
byline_text_encode (const char    *text,
                    gsize          len,
                    BylineNewline  newline,
                    gboolean       raw_bytes,
                    gsize         *out_len)
{
  const char *breaks[] = { "\n", "\r\n", "\r" };
  const guchar *p = (const guchar *) text;
  const guchar *end = p + len;
  const guchar *run = p;
  char *out;
  char *o;
  gsize alloc;

  g_return_val_if_fail (text != NULL || len == 0, NULL);
  g_return_val_if_fail (newline <= BYLINE_NEWLINE_MIXED, NULL);
  g_return_val_if_fail (len < G_MAXSIZE / 2, NULL);

  /* Only CRLF makes the text longer: at most one byte per lone LF or CR. */
  alloc = (newline == BYLINE_NEWLINE_CRLF ? 2 * len : len) + 1;
  out = g_malloc (alloc);
  o = out;

  if (newline == BYLINE_NEWLINE_MIXED && !raw_bytes)
    {
      memcpy (out, text, len);
      o = out + len;
      run = end;
      p = end;
    }

  while (p < end)
    {
      guchar c = *p;

      if ((c == '\n' || c == '\r') && newline != BYLINE_NEWLINE_MIXED)
        {
          gboolean crlf = c == '\r' && p + 1 < end && p[1] == '\n';
          gsize skip = crlf ? 2 : 1;
          const char *nl = breaks[newline];

          /* Already the right kind: part of the run. */
          if ((newline == BYLINE_NEWLINE_LF && c == '\n') ||
              (newline == BYLINE_NEWLINE_CRLF && crlf) ||
              (newline == BYLINE_NEWLINE_CR && c == '\r' && !crlf))
            {
              p += skip;
              continue;
            }

          memcpy (o, run, p - run);
          o += p - run;
          *o++ = nl[0];
          if (nl[1] != '\0')
            *o++ = nl[1];
          p += skip;
          run = p;
        }
      else if (c == 0xF4 && raw_bytes && end - p >= 4 &&
               p[1] == 0x8F && (p[2] & 0xFE) == 0xBE && (p[3] & 0xC0) == 0x80)
        {
          memcpy (o, run, p - run);
          o += p - run;
          *o++ = (char) (((p[2] & 0x03) << 6) | (p[3] & 0x3F));
          p += 4;
          run = p;
        }
      else
        p++;
    }

  memcpy (o, run, end - run);
  o += end - run;
  *o = '\0';

  if (out_len != NULL)
    *out_len = o - out;

  /* Give back what CRLF reserved but did not need. */
  if ((gsize) (o - out) + 1 < alloc / 2)
    out = g_realloc (out, (o - out) + 1);

  return out;
}

