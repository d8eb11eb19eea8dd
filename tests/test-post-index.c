/* test-post-index.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "byline-post-index.h"
#include "byline-test-loop.h"

static void
write_file (const char *root,
            const char *relative,
            const char *contents)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;

  enumerator = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (enumerator != NULL)
    {
      GFile *child;

      while (g_file_enumerator_iterate (enumerator, NULL, &child, NULL, NULL) && child != NULL)
        remove_tree (child);
    }
  g_file_delete (file, NULL, NULL);
}

static char *
make_tree (void)
{
  g_autoptr(GError) error = NULL;
  char *root = g_dir_make_tmp ("byline-post-index-XXXXXX", &error);

  g_assert_no_error (error);

  write_file (root, "blog/one.md",
              "---\ntitle: One\ntags:\n  - astro\n  - gtk\n  - astro\n---\nBody\n");
  write_file (root, "blog/2024/two.mdx",
              "---\r\ntitle: Two\r\ntags: [astro, \"c\", ' spaced ']\r\n---\r\n");
  write_file (root, "blog/three.markdown", "---\ntags: solo\n---\n");
  /* Other lists of text: categories, an Astro collection's enum list. */
  write_file (root, "blog/four.mkd",
              "---\ncategories: news\ntopics: [gtk, c]\nseo: {k: [no]}\ntitle: Four\n---\n");
  write_file (root, "blog/five.md", "---\ncategories: [news, notes]\ntopics: [gtk]\n---\n");
  /* Counted as posts, but they give no tags. */
  write_file (root, "blog/broken.md", "---\ntags: [unclosed\n---\n");
  write_file (root, "blog/plain.md", "No frontmatter here.\n");
  /* TOML frontmatter (Hugo's `+++`) gives its tags as YAML does: the
   * library reads both. */
  write_file (root, "blog/toml.md", "+++\ntags = [\"toml\"]\n+++\n");
  /* Never read: not a post, hidden, or a dependency. */
  write_file (root, "blog/notes.txt", "---\ntags: [txt]\n---\n");
  write_file (root, "blog/.drafts/hidden.md", "---\ntags: [hidden]\n---\n");
  write_file (root, "node_modules/pkg/README.md", "---\ntags: [npm]\n---\n");

  return root;
}

static void
check_tree_index (BylinePostIndex *index)
{
  g_auto(GStrv) tags = NULL;
  const char *expected[] = { "astro", "c", "gtk", "solo", "spaced", "toml", NULL };
  guint n_posts = 0;

  g_assert_nonnull (index);
  g_assert_cmpuint (byline_post_index_get_n_posts (index), ==, 8);
  g_assert_cmpuint (byline_post_index_get_n_tags (index), ==, 6);

  /* Most used first, then by name; a tag counts once per post. */
  tags = byline_post_index_dup_tags (index);
  g_assert_cmpstrv (tags, expected);
  g_assert_cmpstr (byline_post_index_get_tag (index, 0, &n_posts), ==, "astro");
  g_assert_cmpuint (n_posts, ==, 2);
  g_assert_cmpstr (byline_post_index_get_tag (index, 3, &n_posts), ==, "solo");
  g_assert_cmpuint (n_posts, ==, 1);

  {
    const char *categories[] = { "news", "notes", NULL };
    const char *topics[] = { "gtk", "c", NULL };
    const char *none[] = { NULL };
    g_auto(GStrv) got_categories = byline_post_index_dup_values (index, "categories");
    g_auto(GStrv) got_topics = byline_post_index_dup_values (index, "topics");
    g_auto(GStrv) got_titles = byline_post_index_dup_values (index, "title");
    g_auto(GStrv) got_tags = byline_post_index_dup_values (index, "tags");

    g_assert_cmpstrv (got_categories, categories);
    g_assert_cmpstrv (got_topics, topics);
    /* Single values are not lists but for tags, categories and keywords. */
    g_assert_cmpstrv (got_titles, none);
    g_assert_cmpstrv (got_tags, expected);
  }
}

static void
test_scan_tree (void)
{
  g_autofree char *root = make_tree ();
  g_autoptr(GFile) folder = g_file_new_for_path (root);
  g_autoptr(BylinePostIndex) index = NULL;
  g_autoptr(GError) error = NULL;

  index = byline_post_index_scan (folder, NULL, &error);
  g_assert_no_error (error);
  check_tree_index (index);

  remove_tree (folder);
}

static void
on_scanned (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  BylinePostIndex **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = byline_post_index_scan_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_scan_async (void)
{
  g_autofree char *root = make_tree ();
  g_autoptr(GFile) folder = g_file_new_for_path (root);
  g_autoptr(BylinePostIndex) index = NULL;

  byline_post_index_scan_async (folder, NULL, NULL, on_scanned, &index);
  while (index == NULL)
    g_main_context_iteration (NULL, TRUE);

  check_tree_index (index);
  remove_tree (folder);
}

static void
test_scan_missing (void)
{
  g_autoptr(GFile) folder = g_file_new_for_path ("/nonexistent/byline/posts");
  g_autoptr(BylinePostIndex) index = NULL;
  g_autoptr(GError) error = NULL;

  index = byline_post_index_scan (folder, NULL, &error);
  g_assert_null (index);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_scan_cancelled (void)
{
  g_autofree char *root = make_tree ();
  g_autoptr(GFile) folder = g_file_new_for_path (root);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(BylinePostIndex) index = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  index = byline_post_index_scan (folder, cancellable, &error);
  g_assert_null (index);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  remove_tree (folder);
}

static guint
count_posts (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (name[0] == '.' || g_strcmp0 (name, "node_modules") == 0)
        continue;
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        n += count_posts (child);
      /* Outside a site, a Markdown file whose name starts with `_` is no
       * post (Hugo's _index.md, a draft Jekyll and Astro leave out). */
      else if (name[0] != '_' &&
               (g_str_has_suffix (name, ".md") || g_str_has_suffix (name, ".mdx") ||
                g_str_has_suffix (name, ".markdown")))
        n++;
    }

  return n;
}

static void
test_scan_corpus (void)
{
  const char *corpus = g_getenv ("BYLINE_CORPUS_DIR");
  g_autoptr(GFile) folder = NULL;
  g_autoptr(BylinePostIndex) index = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  guint n_posts, n_tags, previous = G_MAXUINT;

  if (corpus == NULL || !g_file_test (corpus, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("BYLINE_CORPUS_DIR is not set");
      return;
    }

  folder = g_file_new_for_path (corpus);
  index = byline_post_index_scan (folder, NULL, &error);
  g_assert_no_error (error);

  n_posts = byline_post_index_get_n_posts (index);
  n_tags = byline_post_index_get_n_tags (index);
  g_test_message ("corpus: %u posts, %u distinct tags, scanned in %.1f ms",
                  n_posts, n_tags, g_timer_elapsed (timer, NULL) * 1000);

  g_assert_cmpuint (n_posts, ==, count_posts (corpus));
  /* Most corpus posts are tagged; dozens of distinct tags at least. */
  g_assert_cmpuint (n_tags, >=, 50);

  for (guint i = 0; i < n_tags; i++)
    {
      guint n = 0;
      const char *tag = byline_post_index_get_tag (index, i, &n);

      g_assert_true (g_utf8_validate (tag, -1, NULL));
      g_assert_cmpstr (tag, !=, "");
      g_assert_cmpuint (n, >=, 1);
      g_assert_cmpuint (n, <=, n_posts);
      g_assert_cmpuint (n, <=, previous);
      previous = n;
    }
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static BylinePostIndex *
scan_and_wait (GFile              *folder,
               BylineLibraryIndex *library)
{
  g_autoptr(BylinePostIndex) index = NULL;

  byline_post_index_scan_async (folder, library, NULL, on_scanned, &index);
  while (index == NULL)
    g_main_context_iteration (NULL, TRUE);

  return g_steal_pointer (&index);
}

/* In a site, a folder's posts are the ones the site takes: the library's
 * walk and reader, the same as the site's library. A library that holds
 * the site gives the same counts without reading the folder again. */
static void
test_scan_site (void)
{
  g_autofree char *site = byline_test_copy_site ("astro");
  g_autofree char *blog = g_build_filename (site, "src", "data", "blog", NULL);
  g_autofree char *gone = NULL;
  g_autoptr(GFile) folder = g_file_new_for_path (blog);
  g_autoptr(GFile) elsewhere = NULL;
  g_autoptr(BylinePostIndex) index = NULL;
  g_autoptr(BylineLibraryIndex) library = byline_library_index_new ();
  g_autoptr(BylinePostIndex) from_library = NULL;
  g_autoptr(BylinePostIndex) from_disk = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  const char *tags[] = { "astro", "gtk", NULL };
  g_auto(GStrv) got = NULL;
  g_auto(GStrv) got_library = NULL;
  guint n = 0;

  /* AstroPaper's glob leaves out _skipped.md; _releases/ is searched. */
  index = byline_post_index_scan (folder, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (byline_post_index_get_n_posts (index), ==, 5);
  got = byline_post_index_dup_tags (index);
  g_assert_cmpstrv (got, tags);

  /* A library still reading holds nothing to count. */
  byline_library_index_load_async (library, site, NULL, store_result_cb, &result);
  g_assert_null (byline_library_index_dup_posts_in (library, blog));
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (byline_library_index_load_finish (library, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, 6);

  /* The blog's five of the site's six, the same whichever way the path
   * is written; none for a folder outside the site. */
  posts = byline_library_index_dup_posts_in (library, blog);
  g_assert_nonnull (posts);
  g_assert_cmpuint (posts->len, ==, 5);
  g_clear_pointer (&posts, g_ptr_array_unref);
  {
    g_autofree char *indirect = g_build_filename (site, "src", "..", "src", "data", "blog", NULL);

    posts = byline_library_index_dup_posts_in (library, indirect);
    g_assert_cmpuint (posts->len, ==, 5);
    g_clear_pointer (&posts, g_ptr_array_unref);
  }
  g_assert_null (byline_library_index_dup_posts_in (library, g_get_tmp_dir ()));

  /* A post deleted behind the library's back: the count from the library
   * still has it (the files were not read again), the one from disk not. */
  gone = g_build_filename (blog, "hello-world.md", NULL);
  g_assert_cmpint (g_unlink (gone), ==, 0);
  from_library = scan_and_wait (folder, library);
  g_assert_cmpuint (byline_post_index_get_n_posts (from_library), ==, 5);
  got_library = byline_post_index_dup_tags (from_library);
  g_assert_cmpstrv (got_library, tags);
  g_assert_cmpstr (byline_post_index_get_tag (from_library, 0, &n), ==, "astro");
  g_assert_cmpuint (n, ==, 2);
  {
    g_auto(GStrv) statuses = byline_post_index_dup_values (from_library, "status");
    const char *none[] = { NULL };

    /* A single value is not a list: only tags, categories and keywords. */
    g_assert_cmpstrv (statuses, none);
  }
  from_disk = scan_and_wait (folder, NULL);
  g_assert_cmpuint (byline_post_index_get_n_posts (from_disk), ==, 4);

  /* A folder of another site is read from disk. */
  {
    g_autofree char *other = byline_test_copy_site ("hugo");
    g_autoptr(BylinePostIndex) other_index = NULL;

    elsewhere = g_file_new_for_path (other);
    other_index = scan_and_wait (elsewhere, library);
    g_assert_cmpuint (byline_post_index_get_n_posts (other_index), >, 0);
    byline_test_remove_site (other);
  }

  byline_test_remove_site (site);
}

static void
check_root (const char *folder,
            const char *expected)
{
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  g_autoptr(GFile) root = byline_post_index_find_root (file);
  g_autofree char *path = g_file_get_path (root);

  g_assert_cmpstr (path, ==, expected);
}

static void
test_find_root (void)
{
  check_root ("/site/src/content/blog", "/site/src/content/blog");
  check_root ("/site/src/content/blog/2024/05", "/site/src/content/blog");
  check_root ("/hugo/content/posts/hello", "/hugo/content/posts");
  check_root ("/jekyll/_posts", "/jekyll/_posts");
  /* A post straight in content/ has no collection: its own folder. */
  check_root ("/hugo/content", "/hugo/content");
  check_root ("/", "/");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/post-index/scan-tree", test_scan_tree);
  g_test_add_func ("/post-index/scan-async", test_scan_async);
  g_test_add_func ("/post-index/scan-missing", test_scan_missing);
  g_test_add_func ("/post-index/scan-cancelled", test_scan_cancelled);
  g_test_add_func ("/post-index/scan-corpus", test_scan_corpus);
  g_test_add_func ("/post-index/scan-site", test_scan_site);
  g_test_add_func ("/post-index/find-root", test_find_root);

  return g_test_run ();
}
