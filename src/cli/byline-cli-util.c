/* byline-cli-util.c: file I/O the verbs share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "byline-cli-util.h"

G_DEFINE_QUARK (byline-cli-error-quark, _byline_cli_error)

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *path)
{
  g_set_error (error, BYLINE_CLI_ERROR, BYLINE_CLI_ERROR_IO,
               "%s: %s", path, g_strerror (saved_errno));
  return FALSE;
}

/**
 * _byline_cli_read_post:
 * @path: the file as the user named it
 * @len: (out): the length in bytes
 * @error: a #GError
 *
 * Reads a whole post with one open/fstat/read: `byline check` reads
 * thousands of them. Refuses what is not a regular text file (a directory,
 * a device, a file with NUL bytes) so no verb ever parses or rewrites one.
 *
 * Returns: (transfer full): the text, NUL-terminated, or %NULL
 */
char *
_byline_cli_read_post (const char  *path,
                       gsize       *len,
                       GError     **error)
{
  g_autofree char *buf = NULL;
  struct stat st;
  gsize size;
  gsize alloc;
  int fd;

  /* O_NONBLOCK: a FIFO named like a post must not hang us before fstat(). */
  fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0)
    return set_errno_error (error, errno, path), NULL;

  if (fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      close (fd);
      return set_errno_error (error, saved_errno, path), NULL;
    }

  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      if (S_ISDIR (st.st_mode))
        g_set_error (error, BYLINE_CLI_ERROR, BYLINE_CLI_ERROR_IO,
                     _("%s: is a directory, not a post"), path);
      else
        g_set_error (error, BYLINE_CLI_ERROR, BYLINE_CLI_ERROR_IO,
                     _("%s: not a regular file"), path);
      return NULL;
    }

  /* The size is a hint: the file may change while we read it. */
  alloc = (gsize) st.st_size + 1;
  buf = g_malloc (alloc);
  size = 0;

  for (;;)
    {
      gssize n;

      if (size + 1 >= alloc)
        {
          alloc *= 2;
          buf = g_realloc (buf, alloc);
        }

      n = read (fd, buf + size, alloc - 1 - size);
      if (n < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          close (fd);
          return set_errno_error (error, saved_errno, path), NULL;
        }
      if (n == 0)
        break;
      size += n;
    }

  close (fd);
  buf[size] = '\0';

  if (memchr (buf, '\0', size) != NULL)
    {
      g_set_error (error, BYLINE_CLI_ERROR, BYLINE_CLI_ERROR_BINARY,
                   _("%s: contains NUL bytes; not a text file"), path);
      return NULL;
    }

  *len = size;
  return g_steal_pointer (&buf);
}

static gboolean
write_all (int          fd,
           const char  *text,
           gsize        len)
{
  while (len > 0)
    {
      gssize n = write (fd, text, len);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      text += n;
      len -= n;
    }

  return TRUE;
}

/**
 * _byline_cli_write_atomic:
 * @path: the file to replace
 * @text: its new contents
 * @len: length of @text
 * @error: a #GError
 *
 * Replaces @path so that a crash leaves either the old or the new file, never
 * half of one: a temporary file in the same directory (so rename() is
 * atomic), written, given the old file's mode and owner, fsync'ed, renamed
 * over. A symbolic link stays a link: its target is what gets replaced.
 *
 * Returns: %TRUE on success
 */
gboolean
_byline_cli_write_atomic (const char  *path,
                          const char  *text,
                          gsize        len,
                          GError     **error)
{
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  struct stat st;
  int dir_fd;
  int fd;

  target = realpath (path, NULL);
  if (target == NULL)
    return set_errno_error (error, errno, path);

  if (stat (target, &st) != 0)
    return set_errno_error (error, errno, path);

  /* rename() could replace a read-only file; a read-only post is one its
   * owner chose not to have changed. */
  if (access (target, W_OK) != 0)
    return set_errno_error (error, errno, path);

  dir = g_path_get_dirname (target);
  base = g_path_get_basename (target);
  tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);

  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, BYLINE_CLI_ERROR, BYLINE_CLI_ERROR_IO,
                   /* Translators: the first %s is a file, the second a folder */
                   _("%s: cannot write a temporary file in %s: %s"),
                   path, dir, g_strerror (saved_errno));
      return FALSE;
    }

  /* The owner can only be kept when we may chown (root, or our own file);
   * failing that the file still gets the old mode. */
  if (fchown (fd, st.st_uid, st.st_gid) != 0)
    {
      /* not fatal: we are not allowed to give the file away */
    }

  if (!write_all (fd, text, len) ||
      fchmod (fd, st.st_mode & 07777) != 0 ||
      fsync (fd) != 0)
    {
      int saved_errno = errno;

      close (fd);
      g_unlink (tmp);
      return set_errno_error (error, saved_errno, path);
    }

  if (close (fd) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp);
      return set_errno_error (error, saved_errno, path);
    }

  if (rename (tmp, target) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp);
      return set_errno_error (error, saved_errno, path);
    }

  /* Make the rename itself durable. */
  dir_fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0)
    {
      fsync (dir_fd);
      close (dir_fd);
    }

  return TRUE;
}

/* stdout may be a pipe that closes early; report rather than lose output. */
gboolean
_byline_cli_write_stdout (const char *text,
                          gsize       len)
{
  if (len > 0 && fwrite (text, 1, len, stdout) != len)
    return FALSE;
  return fflush (stdout) == 0;
}

/**
 * _byline_cli_parse_options:
 * @context: the verb's option context
 * @verb: the verb, for messages
 * @argc: (inout): the verb's argc
 * @argv: (inout): the verb's argv
 *
 * Parses a verb's options; on a usage error prints one line and a hint.
 *
 * Returns: %TRUE when the verb should go on
 */
gboolean
_byline_cli_parse_options (GOptionContext  *context,
                           const char      *verb,
                           int             *argc,
                           char          ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      _byline_cli_usage_error (verb, error->message);
      return FALSE;
    }

  return TRUE;
}

/**
 * _byline_cli_usage_error:
 * @verb: the verb, for the message
 * @message: what was wrong with the command line
 *
 * Prints @message and where to find help.
 *
 * Returns: 2, the exit status of a usage error
 */
int
_byline_cli_usage_error (const char *verb,
                         const char *message)
{
  g_printerr ("byline %s: %s\n", verb, message);
  /* Translators: %s is a verb such as "get" */
  g_printerr (_("Try “byline %s --help” for more information."), verb);
  g_printerr ("\n");
  return 2;
}

/**
 * _byline_cli_report_parse_error:
 * @verb: the verb, for messages
 * @file_name: the file as the user named it
 * @frontmatter: a frontmatter that may have failed to parse
 *
 * Prints `FILE:LINE:COL: error: message` when @frontmatter's YAML is broken
 * (or is a block the engine cannot read, such as TOML).
 *
 * Returns: %TRUE when there was an error (and it was printed)
 */
gboolean
_byline_cli_report_parse_error (const char        *verb,
                                const char        *file_name,
                                BylineFrontmatter *frontmatter)
{
  const GError *error = byline_frontmatter_get_error (frontmatter);
  guint line = 0;
  guint column = 0;
  gsize offset = 0;

  if (error == NULL)
    return FALSE;

  if (byline_frontmatter_get_error_position (frontmatter, &line, &column, &offset))
    g_printerr ("%s:%u:%u: %s: %s\n", file_name, MAX (line, 1), MAX (column, 1),
                "error", error->message);
  else
    g_printerr ("%s: %s: %s\n", file_name, "error", error->message);

  return TRUE;
}
