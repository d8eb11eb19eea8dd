/* byline-post-index.c: the values the posts of a folder or a library use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <errno.h>

#include "byline-post-index.h"

/* A blog is a few thousand posts at most; this bound keeps a scan of a
 * wrongly chosen folder (a home directory) from keeping tens of thousands
 * of posts in memory. */
#define MAX_POSTS     20000

typedef struct
{
  char  *tag;
  guint  n_posts;
} TagCount;

struct _BylinePostIndex
{
  gatomicrefcount  ref_count;
  guint            n_posts;
  GArray          *tags;     /* TagCount, most used first: the values of "tags" */
  GHashTable      *values;   /* key -> GArray of TagCount, most used first */
};

static void
tag_count_clear (gpointer data)
{
  TagCount *tc = data;

  g_free (tc->tag);
}

/* Each post's values were gathered when the library read it
 * (byline_library_post_get_list_values()), once each: here they are only
 * counted. */
static void
count_post (GHashTable        *counts,
            BylineLibraryPost *post)
{
  const char * const *pairs = byline_library_post_get_list_values (post);

  for (guint i = 0; pairs[i] != NULL && pairs[i + 1] != NULL; i += 2)
    {
      GHashTable *key_counts = g_hash_table_lookup (counts, pairs[i]);
      gpointer n;

      if (key_counts == NULL)
        {
          key_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_insert (counts, g_strdup (pairs[i]), key_counts);
        }
      n = g_hash_table_lookup (key_counts, pairs[i + 1]);
      if (n == NULL)
        g_hash_table_insert (key_counts, g_strdup (pairs[i + 1]), GUINT_TO_POINTER (1));
      else
        g_hash_table_insert (key_counts, g_strdup (pairs[i + 1]),
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (n) + 1));
    }
}

static int
compare_tag_counts (gconstpointer a,
                    gconstpointer b)
{
  const TagCount *ta = a;
  const TagCount *tb = b;

  if (ta->n_posts != tb->n_posts)
    return ta->n_posts > tb->n_posts ? -1 : 1;

  return strcmp (ta->tag, tb->tag);
}

static BylinePostIndex *
post_index_new (GHashTable *counts,
                guint       n_posts)
{
  BylinePostIndex *self;
  GHashTableIter iter;
  gpointer key, value;

  self = g_new0 (BylinePostIndex, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->n_posts = n_posts;
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_array_unref);

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GHashTable *key_counts = value;
      GArray *sorted = g_array_sized_new (FALSE, FALSE, sizeof (TagCount),
                                          g_hash_table_size (key_counts));
      GHashTableIter inner;
      gpointer v, c;

      g_array_set_clear_func (sorted, tag_count_clear);
      g_hash_table_iter_init (&inner, key_counts);
      while (g_hash_table_iter_next (&inner, &v, &c))
        {
          TagCount tc;

          tc.tag = v;
          tc.n_posts = GPOINTER_TO_UINT (c);
          g_hash_table_iter_steal (&inner);
          g_array_append_val (sorted, tc);
        }
      g_array_sort (sorted, compare_tag_counts);
      g_hash_table_insert (self->values, g_strdup (key), sorted);
    }

  self->tags = g_hash_table_lookup (self->values, "tags");
  if (self->tags != NULL)
    g_array_ref (self->tags);
  else
    self->tags = g_array_new (FALSE, FALSE, sizeof (TagCount));

  return self;
}

static GHashTable *
counts_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                (GDestroyNotify) g_hash_table_unref);
}

/**
 * byline_post_index_new:
 * @posts: (element-type BylineLibraryPost): posts the library read
 *
 * Counts the values @posts use.
 *
 * Returns: (transfer full): the index
 */
BylinePostIndex *
byline_post_index_new (GPtrArray *posts)
{
  g_autoptr(GHashTable) counts = counts_new ();

  g_return_val_if_fail (posts != NULL, NULL);

  for (guint i = 0; i < posts->len; i++)
    count_post (counts, g_ptr_array_index (posts, i));

  return post_index_new (counts, posts->len);
}

/**
 * byline_post_index_scan:
 * @folder: the top of the tree to scan
 * @cancellable: (nullable): a #GCancellable
 * @error: the place for a #GError
 *
 * Reads the posts under @folder with the library's walk and reader
 * (byline_library_scan_folder(): hidden folders and `node_modules` left
 * out, the site's rules for which files are posts) and counts the values
 * they use. Blocking: call it from a worker thread, or use
 * byline_post_index_scan_async().
 *
 * Returns: (transfer full) (nullable): the index, or %NULL when @folder
 *   can't be read or the scan was cancelled
 */
BylinePostIndex *
byline_post_index_scan (GFile         *folder,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GPtrArray) posts = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (folder), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  path = g_file_get_path (folder);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           g_strerror (ENOTSUP));
      return NULL;
    }

  posts = byline_library_scan_folder (path, MAX_POSTS, cancellable, error);
  if (posts == NULL)
    return NULL;

  return byline_post_index_new (posts);
}

typedef struct
{
  GFile     *folder;
  GPtrArray *posts;   /* (nullable): the folder's posts, as a library holds them */
} ScanData;

static void
scan_data_free (ScanData *data)
{
  g_object_unref (data->folder);
  g_clear_pointer (&data->posts, g_ptr_array_unref);
  g_free (data);
}

static void
scan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ScanData *data = task_data;
  GError *error = NULL;
  BylinePostIndex *index;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (data->posts != NULL)
    index = byline_post_index_new (data->posts);
  else
    index = byline_post_index_scan (data->folder, cancellable, &error);
  if (index == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, index, (GDestroyNotify) byline_post_index_unref);
}

/**
 * byline_post_index_scan_async:
 * @folder: the top of the tree to scan
 * @library: (nullable): a library that may hold @folder's posts already
 *   (a window's, with the site open)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the thread-default main context when done
 * @user_data: data for @callback
 *
 * Runs byline_post_index_scan() on a worker thread, or, when @library
 * holds the site @folder is in, counts the posts it holds below @folder
 * there instead of reading them again (byline_library_index_dup_posts_in()).
 */
void
byline_post_index_scan_async (GFile               *folder,
                              BylineLibraryIndex  *library,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ScanData *data;

  g_return_if_fail (G_IS_FILE (folder));
  g_return_if_fail (library == NULL || BYLINE_IS_LIBRARY_INDEX (library));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (ScanData, 1);
  data->folder = g_object_ref (folder);
  if (library != NULL && g_file_peek_path (folder) != NULL)
    data->posts = byline_library_index_dup_posts_in (library, g_file_peek_path (folder));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_post_index_scan_async);
  g_task_set_task_data (task, data, (GDestroyNotify) scan_data_free);
  g_task_run_in_thread (task, scan_thread);
}

/**
 * byline_post_index_scan_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: the place for a #GError
 *
 * Returns: (transfer full) (nullable): the index, or %NULL on error
 */
BylinePostIndex *
byline_post_index_scan_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == byline_post_index_scan_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * byline_post_index_find_root:
 * @post_folder: the folder a post is in
 *
 * Finds the folder whose posts belong with the post's: its content
 * collection. Astro keeps collections in `src/content/NAME/` and Hugo
 * sections in `content/NAME/`, with posts in subfolders of their own
 * (`content/posts/2024/hello/index.md`): the collection is the folder just
 * below the nearest `content`. Elsewhere (Jekyll's `_posts`) it is
 * @post_folder itself. Looks at the path only, touches no file.
 *
 * Returns: (transfer full): the folder to scan
 */
GFile *
byline_post_index_find_root (GFile *post_folder)
{
  g_autoptr(GFile) child = NULL;
  g_autoptr(GFile) current = NULL;

  g_return_val_if_fail (G_IS_FILE (post_folder), NULL);

  current = g_object_ref (post_folder);
  while (current != NULL)
    {
      g_autofree char *name = g_file_get_basename (current);
      GFile *parent;

      if (child != NULL && name != NULL && strcmp (name, "content") == 0)
        return g_steal_pointer (&child);

      parent = g_file_get_parent (current);
      g_set_object (&child, current);
      g_clear_object (&current);
      current = parent;
    }

  return g_object_ref (post_folder);
}

BylinePostIndex *
byline_post_index_ref (BylinePostIndex *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
byline_post_index_unref (BylinePostIndex *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_array_unref (self->tags);
      g_hash_table_unref (self->values);
      g_free (self);
    }
}

/**
 * byline_post_index_get_n_posts:
 *
 * Returns: how many post files the scan read
 */
guint
byline_post_index_get_n_posts (BylinePostIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_posts;
}

/**
 * byline_post_index_get_n_tags:
 *
 * Returns: how many distinct tags the posts use
 */
guint
byline_post_index_get_n_tags (BylinePostIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->tags->len;
}

/**
 * byline_post_index_get_tag:
 * @index: 0 for the most used tag
 * @n_posts: (out) (optional): how many posts use it
 *
 * Returns: (transfer none): the tag, exactly as the posts write it
 */
const char *
byline_post_index_get_tag (BylinePostIndex *self,
                           guint            index,
                           guint           *n_posts)
{
  const TagCount *tc;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->tags->len, NULL);

  tc = &g_array_index (self->tags, TagCount, index);
  if (n_posts != NULL)
    *n_posts = tc->n_posts;

  return tc->tag;
}

/**
 * byline_post_index_dup_tags:
 *
 * Returns: (transfer full): the tags, most used first, %NULL-terminated
 */
char **
byline_post_index_dup_tags (BylinePostIndex *self)
{
  GStrvBuilder *builder;
  char **tags;

  g_return_val_if_fail (self != NULL, NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->tags->len; i++)
    g_strv_builder_add (builder, g_array_index (self->tags, TagCount, i).tag);
  tags = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return tags;
}

/**
 * byline_post_index_dup_values:
 * @self: an index
 * @key: a frontmatter key, such as "categories"
 *
 * The values the posts give @key in lists (`key: [a, b]`; for tags,
 * categories and keywords also `key: a`), most used first: suggestions
 * for any list of text a schema has. byline_post_index_dup_tags() is this
 * for "tags".
 *
 * Returns: (transfer full) (array zero-terminated=1): the values
 */
char **
byline_post_index_dup_values (BylinePostIndex *self,
                              const char      *key)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  GArray *values;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  builder = g_strv_builder_new ();
  values = g_hash_table_lookup (self->values, key);
  for (guint i = 0; values != NULL && i < values->len; i++)
    g_strv_builder_add (builder, g_array_index (values, TagCount, i).tag);

  return g_strv_builder_end (builder);
}
