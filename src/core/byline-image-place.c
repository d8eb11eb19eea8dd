/* byline-image-place.c: where a pasted or dropped image goes in a post's site,
 * and how the post refers to it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Per generator, the folder the site's own documentation puts post images
 * in, and the reference its build resolves:
 *
 * - Astro: `src/assets/images/`, referenced relatively from the post (Astro
 *   optimizes images under src/ that Markdown refers to by a relative path);
 *   an image already under `public/` is referenced as `/…`.
 * - Hugo, a page bundle (`index.md`): beside the post, by its name (a page
 *   resource); otherwise `static/images/`, referenced as `/images/…`.
 * - Jekyll: `assets/images/`, referenced as `/assets/images/…`.
 * - A post in no site: beside it, by name.
 *
 * Reading whether a name is taken is file I/O: call this on a worker.
 */

#include "config.h"

#include <string.h>

#include "byline-image-place.h"

/* @path relative to @dir, with "/" separators, or NULL when it is not under it */
static char *
path_under (const char *dir,
            const char *path)
{
  g_autofree char *d = g_canonicalize_filename (dir, NULL);
  g_autofree char *p = g_canonicalize_filename (path, NULL);
  gsize n = strlen (d);

  if (strncmp (p, d, n) != 0 || (p[n] != G_DIR_SEPARATOR && d[n - 1] != G_DIR_SEPARATOR))
    return NULL;
  return g_strdup (p + n + (p[n] == G_DIR_SEPARATOR ? 1 : 0));
}

/* a relative path from folder @from to file @to, both absolute */
static char *
relative_path (const char *from,
               const char *to)
{
  g_autofree char *f = g_canonicalize_filename (from, NULL);
  g_autofree char *t = g_canonicalize_filename (to, NULL);
  g_auto(GStrv) a = g_strsplit (f, G_DIR_SEPARATOR_S, -1);
  g_auto(GStrv) b = g_strsplit (t, G_DIR_SEPARATOR_S, -1);
  GString *out = g_string_new (NULL);
  guint i = 0;

  while (a[i] != NULL && b[i] != NULL && b[i + 1] != NULL && g_strcmp0 (a[i], b[i]) == 0)
    i++;
  for (guint k = i; a[k] != NULL; k++)
    if (*a[k] != '\0')
      g_string_append (out, "../");
  for (guint k = i; b[k] != NULL; k++)
    {
      g_string_append (out, b[k]);
      if (b[k + 1] != NULL)
        g_string_append_c (out, '/');
    }
  if (out->len > 0 && out->str[0] != '.')
    g_string_prepend (out, "./");
  return g_string_free (out, FALSE);
}

/* @folder/@name.@extension, or @name-2, -3… when that is taken */
static char *
unique_path (const char *folder,
             const char *name,
             const char *extension)
{
  for (guint n = 1; ; n++)
    {
      g_autofree char *file = n == 1 ? g_strdup_printf ("%s.%s", name, extension)
                                     : g_strdup_printf ("%s-%u.%s", name, n, extension);
      char *path = g_build_filename (folder, file, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return path;
      g_free (path);
    }
}

static gboolean
is_bundle (const char *post_path)
{
  g_autofree char *base = g_path_get_basename (post_path);

  return g_str_has_prefix (base, "index.") || g_str_has_prefix (base, "_index.");
}

/**
 * byline_image_place_new:
 * @site: (nullable): the post's site
 * @post_path: the post's file
 * @name: the image's name without extension (the post's slug, say)
 * @extension: `png`, `jpg`, `webp`…
 * @source_path: (nullable): a dropped image's file, or %NULL for pasted data
 *
 * Returns: (transfer full): where the image goes and how the post refers
 *   to it; for a @source_path already where the site takes images from,
 *   that file itself
 */
BylineImagePlace *
byline_image_place_new (BylineSite *site,
                        const char *post_path,
                        const char *name,
                        const char *extension,
                        const char *source_path)
{
  BylineImagePlace *self;
  g_autofree char *post_dir = NULL;
  g_autofree char *folder = NULL;
  BylineGenerator generator;
  const char *root;

  g_return_val_if_fail (post_path != NULL, NULL);
  g_return_val_if_fail (name != NULL && *name != '\0', NULL);
  g_return_val_if_fail (extension != NULL, NULL);

  self = g_new0 (BylineImagePlace, 1);
  post_dir = g_path_get_dirname (post_path);
  generator = site != NULL ? byline_site_get_generator (site) : BYLINE_GENERATOR_NONE;
  root = site != NULL ? byline_site_get_root (site) : NULL;

  /* An image the site already has: refer to it where it is. */
  if (source_path != NULL && root != NULL)
    {
      g_autofree char *src_dir = g_build_filename (root, "src", NULL);
      g_autofree char *public_dir = g_build_filename (root, generator == BYLINE_GENERATOR_HUGO ? "static" : "public", NULL);
      g_autofree char *in_public = path_under (public_dir, source_path);
      g_autofree char *in_src = path_under (src_dir, source_path);
      g_autofree char *in_post_dir = path_under (post_dir, source_path);
      g_autofree char *in_root = path_under (root, source_path);

      if ((generator == BYLINE_GENERATOR_ASTRO || generator == BYLINE_GENERATOR_HUGO) && in_public != NULL)
        self->reference = g_strconcat ("/", in_public, NULL);
      else if (generator == BYLINE_GENERATOR_ASTRO && in_src != NULL)
        self->reference = relative_path (post_dir, source_path);
      else if (generator == BYLINE_GENERATOR_HUGO && in_post_dir != NULL && is_bundle (post_path))
        self->reference = g_strdup (in_post_dir);
      else if (generator == BYLINE_GENERATOR_JEKYLL && in_root != NULL && in_root[0] != '_')
        self->reference = g_strconcat ("/", in_root, NULL);
      if (self->reference != NULL)
        {
          self->path = g_strdup (source_path);
          return self;
        }
    }

  self->copy = TRUE;
  switch ((int) generator)
    {
    case BYLINE_GENERATOR_ASTRO:
      folder = g_build_filename (root, "src", "assets", "images", NULL);
      self->path = unique_path (folder, name, extension);
      self->reference = relative_path (post_dir, self->path);
      break;
    case BYLINE_GENERATOR_HUGO:
      if (is_bundle (post_path))
        {
          g_autofree char *base = NULL;

          self->path = unique_path (post_dir, name, extension);
          base = g_path_get_basename (self->path);
          self->reference = g_strdup (base);
        }
      else
        {
          g_autofree char *base = NULL;

          folder = g_build_filename (root, "static", "images", NULL);
          self->path = unique_path (folder, name, extension);
          base = g_path_get_basename (self->path);
          self->reference = g_strconcat ("/images/", base, NULL);
        }
      break;
    case BYLINE_GENERATOR_JEKYLL:
      {
        g_autofree char *base = NULL;

        folder = g_build_filename (root, "assets", "images", NULL);
        self->path = unique_path (folder, name, extension);
        base = g_path_get_basename (self->path);
        self->reference = g_strconcat ("/assets/images/", base, NULL);
      }
      break;
    default:
      self->path = unique_path (post_dir, name, extension);
      self->reference = relative_path (post_dir, self->path);
      break;
    }
  return self;
}

void
byline_image_place_free (BylineImagePlace *self)
{
  if (self == NULL)
    return;
  g_free (self->path);
  g_free (self->reference);
  g_free (self);
}
