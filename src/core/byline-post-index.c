/* byline-post-index.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "byline-frontmatter.h"
#include "byline-post-index.h"
#include "byline-site.h"

/* A blog is a few thousand posts at most; these bounds keep a scan of a
 * wrongly chosen folder (a home directory) from running for minutes. */
#define MAX_DEPTH     12
#define MAX_POSTS     20000
#define MAX_POST_SIZE (4 * 1024 * 1024)

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

typedef struct
{
  GHashTable *counts;        /* key -> (value -> GUINT_TO_POINTER (posts using it)) */
  guint       n_posts;
} ScanState;

static void
tag_count_clear (gpointer data)
{
  TagCount *tc = data;

  g_free (tc->tag);
}

/* Keys that a site may give one value where it usually gives a list. */
static gboolean
takes_one_value (const char *key)
{
  return strcmp (key, "tags") == 0 || strcmp (key, "categories") == 0 ||
         strcmp (key, "keywords") == 0;
}

static void
count_value (ScanState  *state,
             GHashTable *seen,
             const char *key,
             const char *value)
{
  g_autofree char *stripped = NULL;
  g_autofree char *seen_key = NULL;
  GHashTable *counts;
  gpointer n;

  if (value == NULL)
    return;

  stripped = g_strstrip (g_strdup (value));
  seen_key = g_strdup_printf ("%s\n%s", key, stripped);
  if (stripped[0] == '\0' || g_hash_table_contains (seen, seen_key))
    return;

  /* A post that lists a value twice still uses it once. */
  g_hash_table_add (seen, g_steal_pointer (&seen_key));
  counts = g_hash_table_lookup (state->counts, key);
  if (counts == NULL)
    {
      counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (state->counts, g_strdup (key), counts);
    }
  n = g_hash_table_lookup (counts, stripped);
  g_hash_table_insert (counts, g_steal_pointer (&stripped),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (n) + 1));
}

static void
index_post (ScanState  *state,
            const char *text,
            gsize       len)
{
  g_autoptr(BylineFrontmatter) fm = NULL;
  g_autoptr(GHashTable) seen = NULL;
  BylineSplit split;
  guint n;

  state->n_posts++;

  /* Only the frontmatter matters; don't hand the body to the parser. */
  byline_frontmatter_split (text, len, &split);
  if (split.kind != BYLINE_BLOCK_YAML)
    return;

  fm = byline_frontmatter_parse (text, split.close_end);
  if (fm == NULL || byline_frontmatter_get_error (fm) != NULL)
    return;

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  n = byline_frontmatter_get_n_entries (fm);

  /* Every list of text (tags, categories, an Astro collection's enum
   * lists): a form suggests what other posts use. */
  for (guint k = 0; k < n; k++)
    {
      const BylineEntry *entry = byline_frontmatter_get_entry (fm, k);

      if (entry->value == NULL)
        continue;

      if (entry->value->type == BYLINE_VALUE_SEQUENCE && entry->value->items != NULL)
        {
          for (guint i = 0; i < entry->value->items->len; i++)
            {
              const BylineNode *item = g_ptr_array_index (entry->value->items, i);

              if (item->type != BYLINE_VALUE_SEQUENCE && item->type != BYLINE_VALUE_MAPPING &&
                  item->type != BYLINE_VALUE_NULL)
                count_value (state, seen, entry->key, item->string);
            }
        }
      else if (entry->value->type == BYLINE_VALUE_STRING && takes_one_value (entry->key))
        {
          /* `tags: astro` — one tag, as some sites write it. */
          count_value (state, seen, entry->key, entry->value->string);
        }
    }
}

static gboolean
scan_folder (ScanState     *state,
             GFile         *folder,
             guint          depth,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GError) local_error = NULL;

  if (depth > MAX_DEPTH)
    return TRUE;

  enumerator = g_file_enumerate_children (folder,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                          G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                          cancellable, &local_error);
  if (enumerator == NULL)
    {
      /* The top folder must be readable; an unreadable subfolder is skipped. */
      if (depth == 0)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      return !g_cancellable_is_cancelled (cancellable);
    }

  for (;;)
    {
      GFileInfo *info = NULL;
      GFile *child = NULL;
      const char *name;

      if (!g_file_enumerator_iterate (enumerator, &info, &child, cancellable, error))
        return FALSE;
      if (info == NULL)
        break;

      name = g_file_info_get_name (info);

      /* .git, .astro, node_modules: never posts, often huge. */
      if (name[0] == '.' || strcmp (name, "node_modules") == 0)
        continue;

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        {
          if (!scan_folder (state, child, depth + 1, cancellable, error))
            return FALSE;
        }
      else if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR &&
               byline_is_post_file_name (name) &&
               g_file_info_get_size (info) <= MAX_POST_SIZE)
        {
          g_autofree char *contents = NULL;
          gsize len = 0;

          if (state->n_posts >= MAX_POSTS)
            return TRUE;

          if (g_file_load_contents (child, cancellable, &contents, &len, NULL, NULL))
            index_post (state, contents, len);
          else if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
        }
    }

  return TRUE;
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

/**
 * byline_post_index_scan:
 * @folder: the top of the tree to scan
 * @cancellable: (nullable): a #GCancellable
 * @error: the place for a #GError
 *
 * Reads every post under @folder (hidden folders and `node_modules`
 * skipped, symbolic links not followed). Blocking: call it from a worker
 * thread, or use byline_post_index_scan_async().
 *
 * Returns: (transfer full) (nullable): the index, or %NULL when @folder
 *   can't be read or the scan was cancelled
 */
BylinePostIndex *
byline_post_index_scan (GFile         *folder,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GHashTable) counts = NULL;
  BylinePostIndex *self;
  ScanState state = { 0 };
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (G_IS_FILE (folder), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                  (GDestroyNotify) g_hash_table_unref);
  state.counts = counts;

  if (!scan_folder (&state, folder, 0, cancellable, error))
    return NULL;

  self = g_new0 (BylinePostIndex, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->n_posts = state.n_posts;
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

static void
scan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  BylinePostIndex *index;

  index = byline_post_index_scan (task_data, cancellable, &error);
  if (index == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, index, (GDestroyNotify) byline_post_index_unref);
}

/**
 * byline_post_index_scan_async:
 * @folder: the top of the tree to scan
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the thread-default main context when done
 * @user_data: data for @callback
 *
 * Runs byline_post_index_scan() on a worker thread.
 */
void
byline_post_index_scan_async (GFile               *folder,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (folder));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_post_index_scan_async);
  g_task_set_task_data (task, g_object_ref (folder), g_object_unref);
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
