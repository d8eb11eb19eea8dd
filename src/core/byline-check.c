/* byline-check.c: the walk and the verdict `byline check` and the library share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>

#include "byline-check.h"

struct _BylineEntryCache
{
  GMutex      lock;
  GHashTable *ids;   /* "ROOT\nCOLLECTION" -> GHashTable of ids (a set) */
};

/**
 * byline_entry_cache_new:
 *
 * Returns: (transfer full): an empty cache
 */
BylineEntryCache *
byline_entry_cache_new (void)
{
  BylineEntryCache *self = g_new0 (BylineEntryCache, 1);

  g_mutex_init (&self->lock);
  self->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify) g_hash_table_unref);

  return self;
}

void
byline_entry_cache_free (BylineEntryCache *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->ids);
  g_mutex_clear (&self->lock);
  g_free (self);
}

typedef struct
{
  BylineEntryCache *cache;
  BylineSite       *site;
} EntryLookup;

static gboolean
has_entry (const char *collection,
           const char *id,
           gpointer    user_data)
{
  EntryLookup *lookup = user_data;
  BylineEntryCache *cache = lookup->cache;
  g_autofree char *key = g_strdup_printf ("%s\n%s", byline_site_get_root (lookup->site), collection);
  g_autoptr(GMutexLocker) locker G_GNUC_UNUSED = g_mutex_locker_new (&cache->lock);
  GHashTable *ids = g_hash_table_lookup (cache->ids, key);

  if (ids == NULL)
    {
      g_auto(GStrv) list = byline_site_dup_entry_ids (lookup->site, collection, NULL, NULL);

      ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; list != NULL && list[i] != NULL; i++)
        g_hash_table_add (ids, g_strdup (list[i]));
      /* A collection we cannot list: every id passes. */
      if (list == NULL)
        g_hash_table_add (ids, g_strdup (""));
      g_hash_table_insert (cache->ids, g_steal_pointer (&key), ids);
    }

  return g_hash_table_contains (ids, id) || g_hash_table_contains (ids, "");
}

static int
compare_offsets (gconstpointer a,
                 gconstpointer b)
{
  const BylineDiagnostic *da = *(const BylineDiagnostic * const *) a;
  const BylineDiagnostic *db = *(const BylineDiagnostic * const *) b;

  return (da->offset > db->offset) - (da->offset < db->offset);
}

/**
 * byline_check_post:
 * @site: (nullable): the post's site, %NULL for a lone post
 * @path: the post's file
 * @schema: the schema to check it with (byline_schema_for_post(), or the
 *   one the user chose)
 * @frontmatter: the post's parse
 * @now: the time to judge future dates by
 * @entries: (nullable): where the ids references name are read once;
 *   %NULL checks no references
 *
 * Everything `byline check` says about a post: what the site says about its
 * file name (byline_site_check_path()) first, then the schema's verdict and
 * the references it makes, in the order of the text. Blocking (references
 * read the collections they name, once per @entries).
 *
 * Returns: (transfer full) (element-type BylineDiagnostic): the diagnostics
 */
GPtrArray *
byline_check_post (BylineSite        *site,
                   const char        *path,
                   BylineSchema      *schema,
                   BylineFrontmatter *frontmatter,
                   GDateTime         *now,
                   BylineEntryCache  *entries)
{
  g_autoptr(GPtrArray) diagnostics = NULL;
  GPtrArray *all;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (schema != NULL, NULL);
  g_return_val_if_fail (frontmatter != NULL, NULL);

  diagnostics = byline_schema_validate (schema, frontmatter, now);
  if (site == NULL)
    return g_steal_pointer (&diagnostics);

  if (entries != NULL)
    {
      EntryLookup lookup = { entries, site };

      g_ptr_array_extend_and_steal (diagnostics,
                                    byline_schema_check_references (schema, frontmatter,
                                                                    has_entry, &lookup));
    }
  g_ptr_array_sort (diagnostics, compare_offsets);

  all = byline_site_check_path (site, path);
  g_ptr_array_extend_and_steal (all, g_steal_pointer (&diagnostics));

  return all;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* A folder reached twice (through a symbolic link) is walked once. */
static gboolean
first_visit (GHashTable *visited,
             const char *dir_path)
{
  struct stat st;
  char *id;

  if (stat (dir_path, &st) != 0)
    return TRUE;   /* opendir() will report it */

  id = g_strdup_printf ("%ju:%ju", (uintmax_t) st.st_dev, (uintmax_t) st.st_ino);
  if (g_hash_table_contains (visited, id))
    {
      g_free (id);
      return FALSE;
    }
  g_hash_table_add (visited, id);
  return TRUE;
}

/**
 * byline_collect_posts:
 * @dir: a folder
 * @sites: the sites the folders belong to, looked up once per folder
 * @visited: a set of strings, empty at first: the folders walked, so that a
 *   link loop ends
 * @paths: (element-type filename): where the posts' paths are added
 * @errors: (element-type utf8) (nullable): where a message is added per
 *   folder that could not be read
 * @cancellable: (nullable): a #GCancellable, checked once per folder
 *
 * Adds the files under @dir that their site's generator takes as posts
 * (byline_site_takes_file(); a file in no site: Markdown not starting with
 * `_`), in name order, files of a folder before its subfolders, so that the
 * output is the same on every run. Hidden names and `node_modules` are left
 * out (a site's root holds thousands of READMEs there). Symbolic links are
 * followed, as the generators' globs do; real folders come first, so a post
 * is named by its real path when a link leads to it too. Blocking.
 *
 * Returns: %FALSE when a folder could not be read or the walk was cancelled
 */
static gboolean collect_posts (const char      *dir_path,
                               BylineSiteCache *sites,
                               BylineSite      *parent_site,
                               GHashTable      *visited,
                               GPtrArray       *paths,
                               GPtrArray       *errors,
                               GCancellable    *cancellable);

gboolean
byline_collect_posts (const char      *dir_path,
                      BylineSiteCache *sites,
                      GHashTable      *visited,
                      GPtrArray       *paths,
                      GPtrArray       *errors,
                      GCancellable    *cancellable)
{
  g_return_val_if_fail (dir_path != NULL, FALSE);
  g_return_val_if_fail (sites != NULL, FALSE);
  g_return_val_if_fail (visited != NULL, FALSE);
  g_return_val_if_fail (paths != NULL, FALSE);

  return collect_posts (dir_path, sites, NULL, visited, paths, errors, cancellable);
}

/* @parent_site: the site of @dir_path's parent folder, %NULL at the top */
static gboolean
collect_posts (const char      *dir_path,
               BylineSiteCache *sites,
               BylineSite      *parent_site,
               GHashTable      *visited,
               GPtrArray       *paths,
               GPtrArray       *errors,
               GCancellable    *cancellable)
{
  g_autoptr(GPtrArray) dirs = NULL;
  g_autoptr(GPtrArray) linked_dirs = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(BylineSite) site = NULL;
  gboolean ok = TRUE;
  struct dirent *entry;
  DIR *dir;

  if (g_cancellable_is_cancelled (cancellable))
    return FALSE;
  if (!first_visit (visited, dir_path))
    return TRUE;

  dir = opendir (dir_path);
  if (dir == NULL)
    {
      if (errors != NULL)
        g_ptr_array_add (errors, g_strdup_printf ("%s: %s", dir_path, g_strerror (errno)));
      return FALSE;
    }

  dirs = g_ptr_array_new_with_free_func (g_free);
  linked_dirs = g_ptr_array_new_with_free_func (g_free);
  names = g_ptr_array_new_with_free_func (g_free);

  /* The site decides which files are posts: once per folder, and a folder
   * with no site of its own is in its parent's. */
  site = parent_site != NULL ? byline_site_cache_lookup_in (sites, dir_path, parent_site)
                             : byline_site_cache_lookup (sites, dir_path, NULL);

  while ((entry = readdir (dir)) != NULL)
    {
      const char *name = entry->d_name;
      gboolean is_dir = entry->d_type == DT_DIR;
      gboolean is_file = entry->d_type == DT_REG;

      /* Hidden files, and a site's dependencies: never its posts. */
      if (name[0] == '.' || strcmp (name, "node_modules") == 0)
        continue;

      /* Only links and file systems without d_type cost a stat(). */
      if (entry->d_type == DT_UNKNOWN || entry->d_type == DT_LNK)
        {
          g_autofree char *path = g_build_filename (dir_path, name, NULL);
          struct stat st;

          if (stat (path, &st) != 0)
            continue;   /* a dangling link is not a post */
          is_dir = S_ISDIR (st.st_mode);
          is_file = S_ISREG (st.st_mode);
        }

      if (is_dir)
        g_ptr_array_add (entry->d_type == DT_LNK ? linked_dirs : dirs, g_strdup (name));
      else if (is_file && byline_is_post_file_name (name))
        {
          g_autofree char *path = g_build_filename (dir_path, name, NULL);

          if (byline_site_takes_file (site, path))
            g_ptr_array_add (names, g_strdup (name));
        }
    }
  closedir (dir);

  g_ptr_array_sort (names, compare_names);
  g_ptr_array_sort (dirs, compare_names);
  g_ptr_array_sort (linked_dirs, compare_names);
  g_ptr_array_extend_and_steal (dirs, g_steal_pointer (&linked_dirs));

  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (paths, g_build_filename (dir_path, g_ptr_array_index (names, i), NULL));

  for (guint i = 0; i < dirs->len; i++)
    {
      g_autofree char *sub = g_build_filename (dir_path, g_ptr_array_index (dirs, i), NULL);

      ok &= collect_posts (sub, sites, site, visited, paths, errors, cancellable);
    }

  return ok && !g_cancellable_is_cancelled (cancellable);
}
