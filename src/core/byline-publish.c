/* byline-publish.c: moving a post's file: Jekyll's publish, a new slug
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A Jekyll draft is a file in `_drafts/`, not a key: `jekyll publish`
 * (jekyll-compose) moves `_drafts/SLUG.md` to `_posts/YYYY-MM-DD-SLUG.md`,
 * and `jekyll unpublish` moves it back. The same `_posts/` and `_drafts/`
 * may sit in a category's folder (`news/_posts/`); each is paired with its
 * sibling.
 *
 * A post's file name often follows its slug (Astro's id, Hugo's and
 * Jekyll's default URL): byline_post_rename_slug() gives it a new one, the
 * way the generator names it.
 */

#ifndef _GNU_SOURCE
#define _GNU_SOURCE   /* renameat2() */
#endif

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "byline-publish.h"

/* The post's path under the site's root, split; %NULL when outside it. */
static char **
split_relative (BylineSite *site,
                const char *path)
{
  const char *root = byline_site_get_root (site);
  gsize root_len = strlen (root);

  if (strncmp (path, root, root_len) != 0 || path[root_len] != G_DIR_SEPARATOR)
    return NULL;

  return g_strsplit (path + root_len + 1, G_DIR_SEPARATOR_S, -1);
}

/* The index of the innermost `_posts` or `_drafts` folder of @parts (the
 * file name itself excluded), or -1. */
static int
folder_index (char **parts)
{
  guint n = g_strv_length (parts);
  int found = -1;

  for (guint i = 0; i + 1 < n; i++)
    {
      if (strcmp (parts[i], "_posts") == 0 || strcmp (parts[i], "_drafts") == 0)
        found = (int) i;
    }

  return found;
}

/**
 * byline_jekyll_folder_of:
 * @site: (nullable): the post's site
 * @path: the post's absolute path
 *
 * Whether @path is a Jekyll post whose draft state is its folder.
 *
 * Returns: its folder, or %BYLINE_JEKYLL_FOLDER_NONE
 */
BylineJekyllFolder
byline_jekyll_folder_of (BylineSite *site,
                         const char *path)
{
  g_auto(GStrv) parts = NULL;
  int i;

  g_return_val_if_fail (path != NULL, BYLINE_JEKYLL_FOLDER_NONE);

  if (site == NULL || byline_site_get_generator (site) != BYLINE_GENERATOR_JEKYLL)
    return BYLINE_JEKYLL_FOLDER_NONE;

  if (!(parts = split_relative (site, path)) || (i = folder_index (parts)) < 0)
    return BYLINE_JEKYLL_FOLDER_NONE;

  return strcmp (parts[i], "_drafts") == 0 ? BYLINE_JEKYLL_FOLDER_DRAFTS
                                           : BYLINE_JEKYLL_FOLDER_POSTS;
}

/* @name without a leading `YYYY-MM-DD-`, as Jekyll reads a post's name. */
static const char *
skip_date_prefix (const char *name)
{
  if (g_regex_match_simple ("^[0-9]{2,4}-[0-9]{1,2}-[0-9]{1,2}-.", name, 0, 0))
    {
      const char *p = name;

      for (int dashes = 0; dashes < 3; p++)
        dashes += *p == '-';
      return p;
    }

  return name;
}

/**
 * byline_jekyll_publish_path:
 * @site: a Jekyll site
 * @path: a post in its `_drafts/` (to publish) or `_posts/` (to unpublish)
 * @publish: %TRUE to publish, %FALSE to unpublish
 * @date: (nullable): the date for the published file's name (the post's
 *   `date`, in its own time zone), %NULL for today
 * @error: a #GError
 *
 * Where jekyll-compose would move the post: `_drafts/SLUG.md` becomes
 * `_posts/YYYY-MM-DD-SLUG.md`, and `_posts/YYYY-MM-DD-SLUG.md` becomes
 * `_drafts/SLUG.md`. Folders below `_posts/` or `_drafts/` are kept. Reads
 * nothing.
 *
 * Returns: (transfer full): the new absolute path, or %NULL when the post is
 *   not one to move that way
 */
char *
byline_jekyll_publish_path (BylineSite  *site,
                            const char  *path,
                            gboolean     publish,
                            GDateTime   *date,
                            GError     **error)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GDateTime) today = NULL;
  g_autofree char *relative = NULL;
  BylineJekyllFolder folder;
  guint n;
  int i;

  g_return_val_if_fail (site != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  folder = byline_jekyll_folder_of (site, path);
  if (folder == BYLINE_JEKYLL_FOLDER_NONE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Only a Jekyll post in _drafts/ or _posts/ is published by moving it"));
      return NULL;
    }
  if (publish && folder == BYLINE_JEKYLL_FOLDER_POSTS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The post is in _posts/: it is published already"));
      return NULL;
    }
  if (!publish && folder == BYLINE_JEKYLL_FOLDER_DRAFTS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The post is in _drafts/: it is a draft already"));
      return NULL;
    }

  parts = split_relative (site, path);
  i = folder_index (parts);
  n = g_strv_length (parts);

  g_free (parts[i]);
  parts[i] = g_strdup (publish ? "_posts" : "_drafts");

  {
    const char *slug = skip_date_prefix (parts[n - 1]);
    char *name;

    if (publish)
      {
        g_autofree char *day = NULL;

        if (date == NULL)
          date = today = g_date_time_new_now_local ();
        day = g_date_time_format (date, "%Y-%m-%d");
        name = g_strdup_printf ("%s-%s", day, slug);
      }
    else
      {
        name = g_strdup (slug);
      }
    g_free (parts[n - 1]);
    parts[n - 1] = name;
  }

  relative = g_strjoinv (G_DIR_SEPARATOR_S, parts);
  return g_build_filename (byline_site_get_root (site), relative, NULL);
}

/**
 * byline_file_move_exclusive:
 * @from: an existing file
 * @to: where it goes, in the same file system; its folder is made
 * @error: a #GError
 *
 * Renames @from to @to, never replacing anything: a file at @to fails with
 * %G_IO_ERROR_EXISTS, even one that appears while this runs. The file keeps
 * its inode, times and mode. Blocking.
 *
 * Returns: %TRUE when moved
 */
gboolean
byline_file_move_exclusive (const char  *from,
                            const char  *to,
                            GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (to);
  int saved;

  g_return_val_if_fail (from != NULL, FALSE);
  g_return_val_if_fail (to != NULL, FALSE);

  if (g_mkdir_with_parents (folder, 0777) != 0)
    {
      saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not make the folder “%s”: %s"), folder, g_strerror (saved));
      return FALSE;
    }

  if (renameat2 (AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
    return TRUE;
  saved = errno;

  /* A file system without RENAME_NOREPLACE: a hard link fails on an
   * existing name too. */
  if (saved == EINVAL || saved == ENOSYS || saved == ENOTSUP)
    {
      if (link (from, to) == 0)
        {
          if (g_unlink (from) == 0)
            return TRUE;
          saved = errno;
          g_unlink (to);
        }
      else
        {
          saved = errno;
        }
    }

  if (saved == EEXIST)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                 _("“%s” exists already; Byline does not replace it"), to);
  else
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                 _("Could not move “%s” to “%s”: %s"), from, to, g_strerror (saved));
  return FALSE;
}

/**
 * byline_jekyll_publish:
 * @site: a Jekyll site
 * @path: a post in `_drafts/` (to publish) or `_posts/` (to unpublish)
 * @publish: %TRUE to publish, %FALSE to unpublish
 * @date: (nullable): as for byline_jekyll_publish_path()
 * @error: a #GError
 *
 * Moves the post as `jekyll publish` or `jekyll unpublish` would
 * (byline_jekyll_publish_path()), never replacing a file. Its text is not
 * touched. Blocking.
 *
 * Returns: (transfer full): the new absolute path, or %NULL
 */
char *
byline_jekyll_publish (BylineSite  *site,
                       const char  *path,
                       gboolean     publish,
                       GDateTime   *date,
                       GError     **error)
{
  g_autofree char *target = NULL;

  g_return_val_if_fail (site != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (!(target = byline_jekyll_publish_path (site, path, publish, date, error)))
    return NULL;
  if (!byline_file_move_exclusive (path, target, error))
    return NULL;

  return g_steal_pointer (&target);
}

/* A Markdown file's name without its extension. */
static char *
stem_of (const char *name)
{
  const char *dot = strrchr (name, '.');

  return dot != NULL && dot != name ? g_strndup (name, dot - name) : g_strdup (name);
}

/* Whether @path is a bundle's (a folder's) index: `SLUG/index.md`, whose
 * slug is its folder's name (Hugo's leaf bundle, Astro's id). */
static gboolean
is_index (const char *path)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *stem = stem_of (name);

  return strcmp (stem, "index") == 0;
}

/**
 * byline_post_file_slug:
 * @path: a post's path
 *
 * The part of the post's path that follows its slug, as the generators
 * name posts: the file's name without its extension, without Jekyll's
 * `YYYY-MM-DD-` prefix, or for `SLUG/index.md` the folder's name.
 *
 * Returns: (transfer full): that part, possibly empty
 */
char *
byline_post_file_slug (const char *path)
{
  g_autofree char *name = NULL;
  g_autofree char *stem = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (is_index (path))
    {
      g_autofree char *folder = g_path_get_dirname (path);

      return g_path_get_basename (folder);
    }

  name = g_path_get_basename (path);
  stem = stem_of (name);
  return g_strdup (skip_date_prefix (stem));
}

/**
 * byline_post_path_for_slug:
 * @path: a post's path
 * @slug: a new slug (a valid file name)
 *
 * The post's path once renamed after @slug: the part
 * byline_post_file_slug() reads is replaced; the folder, the extension and
 * a Jekyll date stay.
 *
 * Returns: (transfer full): the new path
 */
char *
byline_post_path_for_slug (const char *path,
                           const char *slug)
{
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;
  const char *dot;
  const char *rest;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (slug != NULL, NULL);

  folder = g_path_get_dirname (path);
  name = g_path_get_basename (path);

  if (is_index (path))
    {
      g_autofree char *parent = g_path_get_dirname (folder);

      return g_build_filename (parent, slug, name, NULL);
    }

  dot = strrchr (name, '.');
  if (dot == name)
    dot = NULL;
  rest = skip_date_prefix (name);
  {
    g_autofree char *renamed = g_strdup_printf ("%.*s%s%s", (int) (rest - name), name, slug,
                                                dot != NULL ? dot : "");

    return g_build_filename (folder, renamed, NULL);
  }
}

/**
 * byline_post_rename_slug:
 * @path: a post's path
 * @slug: its new slug (a valid file name: no `/`)
 * @error: a #GError
 *
 * Renames the post after @slug (byline_post_path_for_slug()): the file, or
 * for `SLUG/index.md` its whole folder with the images beside it. Never
 * replaces a file or a folder. Blocking.
 *
 * Returns: (transfer full): the post's new path, or %NULL
 */
char *
byline_post_rename_slug (const char  *path,
                         const char  *slug,
                         GError     **error)
{
  g_autofree char *target = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (slug != NULL, NULL);

  if (*slug == '\0' || strchr (slug, G_DIR_SEPARATOR) != NULL || strcmp (slug, ".") == 0 ||
      strcmp (slug, "..") == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("“%s” is not a file name"), slug);
      return NULL;
    }

  target = byline_post_path_for_slug (path, slug);
  if (is_index (path))
    {
      g_autofree char *from = g_path_get_dirname (path);
      g_autofree char *to = g_path_get_dirname (target);

      if (!byline_file_move_exclusive (from, to, error))
        return NULL;
    }
  else if (!byline_file_move_exclusive (path, target, error))
    {
      return NULL;
    }

  return g_steal_pointer (&target);
}
