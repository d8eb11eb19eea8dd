/* test-library.c: the site's posts (byline-library), new posts
 * (byline-new-post), on the hand-written sites in tests/data/sites (the
 * Hugo one has a TOML post)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "byline-check.h"
#include "byline-library.h"
#include "byline-new-post.h"
#include "byline-publish.h"

#include "tests/byline-test-loop.h"

static GDateTime *
test_now (void)
{
  return g_date_time_new_utc (2025, 1, 15, 12, 0, 0);
}

static GPtrArray *
scan (const char *root)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineSite) site = byline_site_find (root, &error);
  g_autoptr(GDateTime) now = test_now ();
  GPtrArray *posts;

  g_assert_no_error (error);
  posts = byline_library_scan (site, now, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (posts);

  return posts;
}

static char *
describe (BylineLibraryPost *post)
{
  GDateTime *published = byline_library_post_get_published (post);
  g_autofree char *date = published != NULL ? g_date_time_format (published, "%F") : g_strdup ("-");
  g_autofree char *tags = g_strjoinv (",", (char **) byline_library_post_get_tags (post));

  return g_strdup_printf ("%s|%s|%s|%s|%s%s%s%s|%s",
                          byline_library_post_get_relative_path (post),
                          byline_library_post_get_collection (post),
                          byline_library_post_get_display_title (post),
                          date,
                          byline_library_post_get_draft (post) ? "D" : "",
                          byline_library_post_get_scheduled (post) ? "S" : "",
                          byline_library_post_get_featured (post) ? "F" : "",
                          byline_library_post_get_invalid (post) ? "!" : "",
                          tags);
}

static void
assert_posts (GPtrArray          *posts,
              const char * const *expected)
{
  g_autoptr(GString) got = g_string_new (NULL);
  g_autoptr(GString) want = g_string_new (NULL);

  for (guint i = 0; i < posts->len; i++)
    {
      g_autofree char *line = describe (g_ptr_array_index (posts, i));

      g_string_append_printf (got, "%s\n", line);
    }
  for (guint i = 0; expected[i] != NULL; i++)
    g_string_append_printf (want, "%s\n", expected[i]);

  g_assert_cmpstr (got->str, ==, want->str);
}

static void
test_astro (void)
{
  g_autofree char *root = byline_test_copy_site ("astro");
  g_autoptr(GPtrArray) posts = scan (root);
  /* Newest first, undated last; _skipped.md is left out by the glob, but
   * _releases/ is searched; src/pages/ is in no collection. */
  const char * const expected[] = {
    "src/data/blog/future-post.md|blog|From the future|2099-01-01|S|astro",
    "src/data/blog/second-post.md|blog|Second post|2024-05-10|D|gtk",
    "src/data/blog/hello-world.md|blog|Hello, world|2024-03-01|F|astro,gtk",
    "src/data/notes/a-note.md|notes|A note|2024-02-02||",
    "src/data/blog/_releases/release-1.md|blog|Release 1|2023-06-01||",
    "src/data/blog/broken.md|blog|No description|2023-01-01|!|",
    NULL
  };
  BylineLibraryPost *broken;
  GPtrArray *problems;

  assert_posts (posts, expected);

  /* The problems are byline check's. */
  broken = g_ptr_array_index (posts, 5);
  problems = byline_library_post_get_problems (broken);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpuint (byline_library_post_get_n_errors (broken), ==, 1);
  g_assert_cmpstr (((BylineDiagnostic *) g_ptr_array_index (problems, 0))->key, ==, "description");

  byline_test_remove_site (root);
}

static void
test_hugo (void)
{
  g_autofree char *root = byline_test_copy_site ("hugo");
  g_autoptr(GPtrArray) posts = scan (root);
  /* No _index.md (sections' list pages) and no bundle resource; TOML read;
   * about.md is scheduled by its publishDate, which also dates it. */
  const char * const expected[] = {
    "content/about.md|content|About|2099-01-01|S|",
    "content/posts/draft-post.md|content|A draft|2024-03-03|D|",
    "content/posts/toml-post.md|content|A TOML post|2024-02-03||hugo,toml",
    "content/posts/first-post.md|content|First post|2024-01-02||hugo,go",
    "content/posts/bundle-post/index.md|content|A bundle|2023-12-24||",
    "content/undated.md|content|Undated|-||",
    NULL
  };
  BylineLibraryPost *toml;

  assert_posts (posts, expected);

  toml = g_ptr_array_index (posts, 2);
  g_assert_nonnull (byline_library_post_get_modified (toml));
  g_assert_cmpint (g_date_time_get_day_of_month (byline_library_post_get_modified (toml)), ==, 4);

  byline_test_remove_site (root);
}

static void
test_jekyll (void)
{
  g_autofree char *root = byline_test_copy_site ("jekyll");
  g_autoptr(GPtrArray) posts = scan (root);
  /* Dates from the file name unless `date` says otherwise; _drafts/ are
   * drafts; YAML that does not parse is marked (Jekyll warns); README.md
   * is no post. */
  const char * const expected[] = {
    "_posts/2024-06-01-bad-yaml.md|posts|2024-06-01-bad-yaml.md|2024-06-01|!|",
    "_posts/2024-05-01-may.md|posts|May|2024-05-02||",
    "_posts/2024-04-01-april.md|posts|April|2024-04-01||jekyll",
    "_drafts/an-idea.md|drafts|An idea|-|D|",
    "_posts/not-dated.md|posts|Jekyll skips this one|-||",
    NULL
  };
  BylineLibraryPost *not_dated;

  assert_posts (posts, expected);

  /* A warning, from the file name: a problem, but no error. */
  not_dated = g_ptr_array_index (posts, 4);
  g_assert_cmpuint (byline_library_post_get_problems (not_dated)->len, ==, 1);
  g_assert_false (byline_library_post_get_invalid (not_dated));

  byline_test_remove_site (root);
}

static guint
count_matches (GPtrArray                 *posts,
               const BylineLibraryFilter *filter,
               const char                *first)
{
  guint n = 0;

  for (guint i = 0; i < posts->len; i++)
    {
      BylineLibraryPost *post = g_ptr_array_index (posts, i);

      if (byline_library_filter_matches (filter, post))
        {
          if (n == 0 && first != NULL)
            g_assert_cmpstr (byline_library_post_get_relative_path (post), ==, first);
          n++;
        }
    }

  return n;
}

static void
test_filter (void)
{
  g_autofree char *root = byline_test_copy_site ("astro");
  g_autoptr(GPtrArray) posts = scan (root);
  BylineLibraryFilter filter = { 0 };

  g_assert_cmpuint (count_matches (posts, &filter, NULL), ==, 6);

  filter.state = BYLINE_LIBRARY_STATE_DRAFTS;
  g_assert_cmpuint (count_matches (posts, &filter, "src/data/blog/second-post.md"), ==, 1);
  filter.state = BYLINE_LIBRARY_STATE_SCHEDULED;
  g_assert_cmpuint (count_matches (posts, &filter, "src/data/blog/future-post.md"), ==, 1);
  filter.state = BYLINE_LIBRARY_STATE_PUBLISHED;
  g_assert_cmpuint (count_matches (posts, &filter, "src/data/blog/hello-world.md"), ==, 4);
  filter.state = BYLINE_LIBRARY_STATE_ANY;

  filter.tag = byline_library_intern_tag ("Gtk");   /* the post says gtk */
  g_assert_true (byline_library_post_has_tag (g_ptr_array_index (posts, 1), "GTK"));
  g_assert_cmpuint (count_matches (posts, &filter, "src/data/blog/second-post.md"), ==, 2);
  filter.tag = NULL;
  filter.collection = "notes";
  g_assert_cmpuint (count_matches (posts, &filter, "src/data/notes/a-note.md"), ==, 1);
  filter.collection = NULL;
  filter.featured_only = TRUE;
  g_assert_cmpuint (count_matches (posts, &filter, "src/data/blog/hello-world.md"), ==, 1);
  filter.featured_only = FALSE;
  filter.invalid_only = TRUE;
  g_assert_cmpuint (count_matches (posts, &filter, "src/data/blog/broken.md"), ==, 1);
  filter.invalid_only = FALSE;

  /* Every word, anywhere in title, description or body, any case. */
  {
    g_auto(GStrv) body = byline_library_split_search ("  RHINOceros ");
    g_auto(GStrv) both = byline_library_split_search ("rhino first");
    g_auto(GStrv) none = byline_library_split_search ("rhino zebra");
    g_auto(GStrv) blank = byline_library_split_search (" \t");

    filter.words = (const char * const *) body;
    g_assert_cmpuint (count_matches (posts, &filter, "src/data/blog/hello-world.md"), ==, 1);
    filter.words = (const char * const *) both;
    g_assert_cmpuint (count_matches (posts, &filter, "src/data/blog/hello-world.md"), ==, 1);
    filter.words = (const char * const *) none;
    g_assert_cmpuint (count_matches (posts, &filter, NULL), ==, 0);
    g_assert_cmpuint (g_strv_length (blank), ==, 0);
    filter.words = (const char * const *) blank;
    g_assert_cmpuint (count_matches (posts, &filter, NULL), ==, 6);
  }

  byline_test_remove_site (root);
}

/* A search finds a word in a post exactly when strstr() finds it in the
 * post's folded title, description and body: the pairs of bytes the post
 * notes to skip most bodies never skip one that holds the word. Random
 * posts of letters, digits, punctuation and non-ASCII text, and words cut
 * out of them or made up. */
static void
test_search_words (void)
{
  static const char * const pieces[] = {
    "a", "e", "r", "h", "t", "s", "o", "n", "R", "H", "Q", " ", " ", "\n", ".", ",", "-", "'",
    "0", "7", "é", "É", "ß", "ẞ", "東", "京", "Σ", "ς", "ﬃ", "İ", "\t", "#", "_",
  };
  /* what a quoted YAML title keeps as it is */
  static const char * const title_pieces[] = {
    "a", "r", "h", "T", "H", " ", ".", "-", "0", "é", "É", "ß", "東", "Σ", "ς", "ﬃ", "İ",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (6122026);
  g_autofree char *dir = g_dir_make_tmp ("byline-test-search-XXXXXX", NULL);
  guint found = 0;

  for (guint n = 0; n < 60; n++)
    {
      g_autoptr(GString) title = g_string_new (NULL);
      g_autoptr(GString) body = g_string_new (NULL);
      g_autofree char *path = g_strdup_printf ("%s/post-%u.md", dir, n);
      g_autofree char *file = NULL;
      g_autofree char *folded_title = NULL;
      g_autofree char *folded_body = NULL;
      g_autofree char *haystack = NULL;
      g_autoptr(BylineLibraryPost) post = NULL;

      for (guint i = 0; i < 8; i++)
        g_string_append (title, title_pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (title_pieces))]);
      for (guint i = 0, len = g_rand_int_range (rand, 0, 600); i < len; i++)
        g_string_append (body, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      g_string_prepend_c (title, 'z');
      file = g_strdup_printf ("---\ntitle: '%s'\n---\n%s", title->str, body->str);
      byline_test_write_file (path, file, -1);
      post = byline_library_post_read (NULL, path, NULL, NULL);
      g_assert_nonnull (post);
      g_assert_cmpstr (byline_library_post_get_title (post), ==, title->str);

      folded_title = byline_library_fold (byline_library_post_get_title (post), -1);
      folded_body = byline_library_fold (body->str, -1);
      haystack = g_strconcat (folded_title, "\n\n", folded_body, NULL);

      for (guint k = 0; k < 200; k++)
        {
          g_autofree char *word = NULL;
          const char *words[2] = { NULL, NULL };
          gsize hay = strlen (haystack);

          if (k % 2 == 0 && hay > 0)
            {
              /* cut out of the text, on character boundaries */
              const char *start = g_utf8_offset_to_pointer (haystack,
                                                            g_rand_int_range (rand, 0, g_utf8_strlen (haystack, -1)));
              glong chars = MIN (g_utf8_strlen (start, -1), g_rand_int_range (rand, 1, 7));

              word = g_strndup (start, g_utf8_offset_to_pointer (start, chars) - start);
            }
          else
            {
              g_autoptr(GString) made = g_string_new (NULL);

              for (guint i = 0, len = g_rand_int_range (rand, 1, 5); i < len; i++)
                g_string_append (made, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
              word = byline_library_fold (made->str, -1);
            }
          words[0] = word;
          g_assert_cmpint (byline_library_post_matches_words (post, words), ==,
                           strstr (haystack, word) != NULL);
          found += strstr (haystack, word) != NULL;
        }
      g_remove (path);
    }
  /* both answers came up many times */
  g_assert_cmpuint (found, >, 3000);
  g_assert_cmpuint (found, <, 11000);
  g_rmdir (dir);
}

/* The library's fold is g_utf8_casefold() made fast for ASCII: the same
 * result on mixed text, whole or up to its first space. */
static void
test_fold (void)
{
  static const char * const texts[] = {
    "",
    "Plain ASCII, MIXED case: [Link](HTTPS://Example.ORG) `Code`",
    "Straße ÄÖÜ İstanbul ΣΊΣΥΦΟΣ ǅ ﬃ",
    "Tags: GTK, Über-Größe, 東京, Ünïcödé\nSecond LINE\twith TAB",
    "ASCII then Ä",
    "Ä then ASCII",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      const char *space = strchr (texts[i], ' ');
      gsize n = space != NULL ? (gsize) (space - texts[i]) : strlen (texts[i]);
      g_autofree char *expected = g_utf8_casefold (texts[i], -1);
      g_autofree char *expected_word = g_utf8_casefold (texts[i], n);
      g_autofree char *folded = byline_library_fold (texts[i], -1);
      g_autofree char *word = byline_library_fold (texts[i], n);

      g_assert_cmpstr (folded, ==, expected);
      g_assert_cmpstr (word, ==, expected_word);
    }
}

typedef struct
{
  guint n_signals;
  guint removed;
  guint added;
} Changes;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->n_signals++;
  changes->removed += removed;
  changes->added += added;
}

static const char *
path_at (GListModel *model,
         guint       position)
{
  g_autoptr(BylineLibraryPost) post = g_list_model_get_item (model, position);

  /* The index holds its own reference: the path outlives this one. */
  return byline_library_post_get_relative_path (post);
}

static gboolean
has_tag (BylineLibraryIndex *index,
         const char         *tag)
{
  g_auto(GStrv) tags = byline_library_index_dup_tags (index);

  return g_strv_contains ((const char * const *) tags, tag);
}

static void
update (BylineLibraryIndex *index,
        const char         *path)
{
  const char *paths[] = { path, NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  byline_library_index_update_async (index, paths, NULL, byline_test_store_result_cb, &result);
  WAIT_UNTIL (result != NULL);
  g_assert_true (byline_library_index_update_finish (index, result, &error));
  g_assert_no_error (error);
}

static void
test_index (void)
{
  g_autofree char *root = byline_test_copy_site ("astro");
  g_autoptr(BylineLibraryIndex) index = byline_library_index_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *new_path = g_build_filename (root, "src/data/blog/newest.md", NULL);
  g_autofree char *hello = g_build_filename (root, "src/data/blog/hello-world.md", NULL);
  g_autofree char *skipped = g_build_filename (root, "src/data/blog/_skipped.md", NULL);
  GListModel *model = G_LIST_MODEL (index);
  Changes changes = { 0 };

  g_assert_true (g_type_is_a (g_list_model_get_item_type (model), BYLINE_TYPE_LIBRARY_POST));
  g_signal_connect (index, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  byline_library_index_load_async (index, root, NULL, byline_test_store_result_cb, &result);
  g_assert_true (byline_library_index_get_loading (index));
  WAIT_UNTIL (result != NULL);
  g_assert_true (byline_library_index_load_finish (index, result, &error));
  g_assert_no_error (error);
  g_assert_false (byline_library_index_get_loading (index));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 6);
  /* All at once: one signal. */
  g_assert_cmpuint (changes.n_signals, ==, 1);
  g_assert_cmpstr (byline_site_get_root (byline_library_index_get_site (index)), ==, root);

  /* A new post joins in its place: the newest dated in the past. */
  /* (the tags were counted as the site was read) */
  g_assert_false (has_tag (index, "fresh"));
  byline_test_write_file (new_path,
                          "---\ntitle: Newest\npubDatetime: 2024-12-01T00:00:00Z\n"
                          "description: d\ntags: [fresh]\n---\n", -1);
  changes = (Changes) { 0 };
  update (index, new_path);
  g_assert_true (has_tag (index, "fresh"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 7);
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpstr (path_at (model, 1), ==, "src/data/blog/newest.md");
  g_assert_nonnull (byline_library_index_lookup (index, new_path));

  /* A changed post is replaced where it stands: one row. */
  byline_test_write_file (hello,
                          "---\npubDatetime: 2024-03-01T10:00:00Z\ntitle: Hello again\n"
                          "description: d\n---\n", -1);
  changes = (Changes) { 0 };
  update (index, hello);
  g_assert_cmpuint (changes.n_signals, ==, 1);
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpstr (byline_library_post_get_title (byline_library_index_lookup (index, hello)),
                   ==, "Hello again");

  /* A file the collection does not take is no post. */
  update (index, skipped);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 7);
  g_assert_null (byline_library_index_lookup (index, skipped));

  /* A file gone leaves the list. */
  g_assert_cmpint (g_unlink (new_path), ==, 0);
  update (index, new_path);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 6);
  g_assert_null (byline_library_index_lookup (index, new_path));
  g_assert_false (has_tag (index, "fresh"));

  g_assert_true (byline_library_index_remove (index, hello));
  g_assert_false (byline_library_index_remove (index, hello));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);

  {
    g_auto(GStrv) tags = byline_library_index_dup_tags (index);

    g_assert_cmpstr (tags[0], ==, "astro");
  }

  byline_test_remove_site (root);
}

typedef struct
{
  BylineLibraryIndex *index;
  const char         *path;
  GAsyncResult       *result;
  char               *title;   /* the post's title when the update said it was in */
  guint               order;
  guint              *n_done;
} UpdateRun;

static void
update_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  UpdateRun *run = user_data;
  BylineLibraryPost *post = byline_library_index_lookup (run->index, run->path);

  run->result = g_object_ref (result);
  run->title = g_strdup (post != NULL ? byline_library_post_get_title (post) : NULL);
  run->order = ++*run->n_done;
}

/* Updates go into the index in the order they were asked for, whichever
 * is read first, and each says it is in only once it is: a file read
 * twice ends as it was read last. Between them, an update of hundreds of
 * posts, which goes in a few milliseconds at a time. */
static void
test_update_order (void)
{
  g_autofree char *root = byline_test_copy_site ("astro");
  g_autofree char *path = g_build_filename (root, "src/data/blog/twice.md", NULL);
  g_autoptr(BylineLibraryIndex) index = byline_library_index_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_free);
  guint n_done = 0;
  UpdateRun runs[3] = {
    { index, path, NULL, NULL, 0, &n_done },
    { index, path, NULL, NULL, 0, &n_done },
    { index, path, NULL, NULL, 0, &n_done },
  };
  const char *once[] = { path, NULL };

  byline_library_index_load_async (index, root, NULL, byline_test_store_result_cb, &result);
  WAIT_UNTIL (result != NULL);
  g_assert_true (byline_library_index_load_finish (index, result, &error));

  byline_test_write_file (path, "---\ntitle: One\npubDatetime: 2024-01-01T00:00:00Z\n"
                          "description: d\n---\n", -1);
  byline_library_index_update_async (index, once, NULL, update_done_cb, &runs[0]);

  for (guint i = 0; i < 600; i++)
    {
      char *many_path = g_strdup_printf ("%s/src/data/blog/many-%03u.md", root, i);
      g_autofree char *text = g_strdup_printf ("---\ntitle: Many %u\npubDatetime: 2021-01-01T00:00:00Z\n"
                                               "description: d\n---\n", i);

      byline_test_write_file (many_path, text, -1);
      g_ptr_array_add (many, many_path);
    }
  g_ptr_array_add (many, NULL);
  byline_library_index_update_async (index, (const char * const *) many->pdata, NULL,
                                     update_done_cb, &runs[1]);

  byline_test_write_file (path, "---\ntitle: Two\npubDatetime: 2024-01-01T00:00:00Z\n"
                          "description: d\n---\n", -1);
  byline_library_index_update_async (index, once, NULL, update_done_cb, &runs[2]);

  WAIT_UNTIL (n_done == 3);
  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      g_assert_true (byline_library_index_update_finish (index, runs[i].result, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (runs[i].order, ==, i + 1);
    }
  g_assert_cmpstr (runs[0].title, ==, "One");
  g_assert_cmpstr (runs[1].title, ==, "One");
  g_assert_cmpstr (runs[2].title, ==, "Two");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (index)), ==, 6 + 1 + 600);

  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      g_clear_object (&runs[i].result);
      g_free (runs[i].title);
    }
  byline_test_remove_site (root);
}

static void
test_cancelled (void)
{
  g_autofree char *root = byline_test_copy_site ("hugo");
  g_autoptr(BylineSite) site = byline_site_find (root, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) posts = NULL;

  g_cancellable_cancel (cancellable);
  posts = byline_library_scan (site, NULL, cancellable, &error);
  g_assert_null (posts);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  byline_test_remove_site (root);
}

static void
test_archetype (void)
{
  g_autoptr(GDateTime) date = g_date_time_new_utc (2024, 6, 1, 10, 20, 30);
  g_autoptr(GTimeZone) zone = g_time_zone_new_offset (2 * 3600);
  g_autoptr(GDateTime) local = g_date_time_new (zone, 2024, 6, 1, 10, 20, 30);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *zoned = NULL;

  text = byline_hugo_archetype_eval ("title = '{{ replace .File.ContentBaseName \"-\" \" \" | title }}'\n"
                                     "date = {{ .Date }}\n"
                                     "{{- /* gone */ -}}\n"
                                     "x = \"{{ .Name | humanize }} {{ .Section | upper }}\"\n",
                                     "my-first-post", "posts", date, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==,
                   "title = 'My First Post'\n"
                   "date = 2024-06-01T10:20:30Z"
                   "x = \"My first post POSTS\"\n");

  zoned = byline_hugo_archetype_eval ("{{ .Date }}", "a", "posts", local, &error);
  g_assert_cmpstr (zoned, ==, "2024-06-01T10:20:30+02:00");

  g_assert_null (byline_hugo_archetype_eval ("{{ .Site.Title }}", "a", "posts", date, &error));
  g_assert_error (error, BYLINE_NEW_POST_ERROR, BYLINE_NEW_POST_ERROR_TEMPLATE);
}

/* What byline check would say: no error. */
static void
assert_checks (BylineSite *site,
               const char *path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(BylineLibraryPost) post = byline_library_post_read (site, path, now, NULL);

  if (byline_library_post_get_n_errors (post) > 0)
    {
      const BylineDiagnostic *d = g_ptr_array_index (byline_library_post_get_problems (post), 0);

      g_error ("%s: %s", path, d->message);
    }
}

static void
test_new_astro (void)
{
  g_autofree char *root = byline_test_copy_site ("astro");
  g_autoptr(BylineSite) site = byline_site_find (root, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2025, 2, 3, 4, 5, 6);
  g_autoptr(GError) error = NULL;
  g_autofree char *blog = NULL;
  g_autofree char *blog2 = NULL;
  g_autofree char *note = NULL;
  g_autofree char *text = NULL;
  g_autofree char *relative = NULL;

  /* Two collections: which one must be said. */
  g_assert_null (byline_new_post_create (site, NULL, "Hello", FALSE, now, &error));
  g_assert_error (error, BYLINE_NEW_POST_ERROR, BYLINE_NEW_POST_ERROR_COLLECTION);
  g_clear_error (&error);
  g_assert_null (byline_new_post_create (site, "authors", "Hello", FALSE, now, &error));
  g_assert_error (error, BYLINE_NEW_POST_ERROR, BYLINE_NEW_POST_ERROR_COLLECTION);
  g_clear_error (&error);
  g_assert_null (byline_new_post_create (site, "blog", " !? ", FALSE, now, &error));
  g_assert_error (error, BYLINE_NEW_POST_ERROR, BYLINE_NEW_POST_ERROR_TITLE);
  g_clear_error (&error);

  /* AstroPaper's blog: the required keys and the defaults, in its order. */
  blog = byline_new_post_create (site, "blog", "Hello, World: “Quotes”", TRUE, now, &error);
  g_assert_no_error (error);
  relative = g_strdup (blog + strlen (root) + 1);
  g_assert_cmpstr (relative, ==, "src/data/blog/hello-world-quotes.md");
  g_file_get_contents (blog, &text, NULL, NULL);
  g_assert_cmpstr (text, ==,
                   "---\n"
                   "pubDatetime: 2025-02-03T04:05:06Z\n"
                   "title: \"Hello, World: “Quotes”\"\n"
                   "featured: false\n"
                   "draft: true\n"
                   "tags: [\"others\"]\n"
                   "description: \"\"\n"
                   "hideEditPost: false\n"
                   "---\n\n");
  assert_checks (site, blog);

  /* Never over an existing file. */
  blog2 = byline_new_post_create (site, "blog", "Hello, World: “Quotes”", FALSE, now, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (blog2, "/src/data/blog/hello-world-quotes-2.md"));
  g_clear_pointer (&text, g_free);
  g_file_get_contents (blog, &text, NULL, NULL);
  g_assert_nonnull (strstr (text, "draft: true"));

  /* A collection of its own: its title key, its date, its defaults. */
  note = byline_new_post_create (site, "notes", "A new note", FALSE, now, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (note, "/src/data/notes/a-new-note.md"));
  g_clear_pointer (&text, g_free);
  g_file_get_contents (note, &text, NULL, NULL);
  g_assert_cmpstr (text, ==,
                   "---\nheadline: A new note\npublished: 2025-02-03T04:05:06Z\n"
                   "status: \"draft\"\ntags: []\n---\n\n");
  assert_checks (site, note);

  /* The notes schema has no draft key: a draft would fail it. */
  g_assert_null (byline_new_post_create (site, "notes", "Draft note", TRUE, now, &error));
  g_assert_error (error, BYLINE_NEW_POST_ERROR, BYLINE_NEW_POST_ERROR_COLLECTION);

  byline_test_remove_site (root);
}

/* What a collection's schema gives a new post, for any key and default a
 * schema can name: keys YAML would misread are quoted, one too long for a
 * simple key is written in the explicit form, and a default YAML cannot
 * hold as written is left for the site to fill in. */
static void
test_new_from_schema (void)
{
  g_autoptr(GString) json = g_string_new ("{\"type\":\"object\",\"properties\":{"
                                          "\"title\":{\"type\":\"string\"},"
                                          "\"a: b\":{\"type\":\"string\"},"
                                          "\"#tag\":{\"type\":\"boolean\",\"default\":true},"
                                          "\"views\":{\"type\":\"number\",\"default\":100000000000000000000},"
                                          "\"wide\":{\"type\":\"object\",\"default\":{\"");
  g_autofree char *long_key = g_strnfill (1100, 'k');
  g_autoptr(BylineSchema) schema = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(BylineFrontmatter) fm = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2024, 5, 6, 7, 8, 9);
  g_autofree char *views = NULL;

  g_string_append_printf (json, "%s\":1}},\"%s\":{\"type\":\"string\"}},"
                          "\"required\":[\"title\",\"a: b\",\"%s\"]}", long_key, long_key, long_key);
  schema = byline_schema_new_from_json_data (json->str, -1, "t.json", NULL, NULL, &error);
  g_assert_no_error (error);

  text = byline_new_post_frontmatter (schema, "Hello: world", FALSE, now, &error);
  g_assert_no_error (error);
  fm = byline_frontmatter_parse (text, strlen (text));
  g_assert_no_error ((GError *) byline_frontmatter_get_error (fm));
  g_assert_cmpstr (byline_frontmatter_lookup (fm, "title")->value->string, ==, "Hello: world");
  g_assert_cmpstr (byline_frontmatter_lookup (fm, "a: b")->value->string, ==, "");
  g_assert_true (byline_frontmatter_lookup (fm, "#tag")->value->boolean);
  views = byline_frontmatter_to_json (fm, "views");
  g_assert_cmpstr (views, ==, "100000000000000000000");
  g_assert_nonnull (byline_frontmatter_lookup (fm, long_key));
  g_assert_nonnull (strstr (text, "? "));
  g_assert_null (byline_frontmatter_lookup (fm, "wide"));

  g_clear_pointer (&text, g_free);
  text = byline_new_post_frontmatter (schema, "Hello", TRUE, now, &error);
  g_assert_error (error, BYLINE_NEW_POST_ERROR, BYLINE_NEW_POST_ERROR_COLLECTION);
  g_assert_null (text);
}

static void
test_new_jekyll (void)
{
  g_autofree char *root = byline_test_copy_site ("jekyll");
  g_autoptr(BylineSite) site = byline_site_find (root, NULL);
  g_autoptr(GTimeZone) zone = g_time_zone_new_offset (-5 * 3600);
  g_autoptr(GDateTime) now = g_date_time_new (zone, 2025, 2, 3, 22, 5, 6);
  g_autoptr(GError) error = NULL;
  g_autofree char *draft = NULL;
  g_autofree char *post = NULL;
  g_autofree char *text = NULL;
  g_autoptr(BylineLibraryPost) listed = NULL;

  draft = byline_new_post_create (site, NULL, "An Idea", TRUE, now, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (draft, "/_drafts/an-idea-2.md"));   /* an-idea.md is taken */
  assert_checks (site, draft);

  post = byline_new_post_create (site, NULL, "Late night", FALSE, now, &error);
  g_assert_no_error (error);
  /* The local day, as jekyll-compose names it. */
  g_assert_true (g_str_has_suffix (post, "/_posts/2025-02-03-late-night.md"));
  g_file_get_contents (post, &text, NULL, NULL);
  g_assert_cmpstr (text, ==,
                   "---\nlayout: post\ntitle: Late night\ndate: 2025-02-03 22:05:06 -0500\n---\n\n");
  assert_checks (site, post);

  listed = byline_library_post_read (site, post, NULL, NULL);
  g_assert_cmpint (g_date_time_to_unix (byline_library_post_get_published (listed)), ==,
                   g_date_time_to_unix (now));
  g_assert_false (byline_library_post_get_draft (listed));

  byline_test_remove_site (root);
}

/* The part of a path that follows the slug, and the path for a new slug,
 * as each generator names posts; renaming never replaces anything. */
static void
test_rename_slug (void)
{
  static const struct { const char *path, *file_slug, *slug, *renamed; } cases[] = {
    { "/s/src/data/blog/hello-world.md", "hello-world", "bye", "/s/src/data/blog/bye.md" },
    { "/s/content/posts/my-trip/index.md", "my-trip", "our-trip", "/s/content/posts/our-trip/index.md" },
    { "/s/content/posts/notes.markdown", "notes", "memo", "/s/content/posts/memo.markdown" },
    { "/s/_posts/2024-05-01-may.md", "may", "june", "/s/_posts/2024-05-01-june.md" },
    { "/s/_drafts/an-idea.md", "an-idea", "a-plan", "/s/_drafts/a-plan.md" },
    { "/s/README", "README", "x", "/s/x" },
  };
  g_autofree char *root = byline_test_copy_site ("hugo");
  g_autofree char *dir = NULL;
  g_autofree char *index = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *taken = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *file_slug = byline_post_file_slug (cases[i].path);
      g_autofree char *renamed = byline_post_path_for_slug (cases[i].path, cases[i].slug);

      g_assert_cmpstr (file_slug, ==, cases[i].file_slug);
      g_assert_cmpstr (renamed, ==, cases[i].renamed);
    }

  /* A bundle moves with its folder (and the images in it). */
  dir = g_build_filename (root, "content", "posts", "trip", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  index = g_build_filename (dir, "index.md", NULL);
  byline_test_write_file (index, "---\ntitle: Trip\n---\n", -1);
  g_free (dir);
  dir = g_build_filename (root, "content", "posts", "trip", "photo.jpg", NULL);
  byline_test_write_file (dir, "jpeg", -1);
  moved = byline_post_rename_slug (index, "the-trip", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (moved, "/content/posts/the-trip/index.md"));
  g_assert_true (g_file_test (moved, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (index, G_FILE_TEST_EXISTS));
  g_free (dir);
  dir = g_build_filename (root, "content", "posts", "the-trip", "photo.jpg", NULL);
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_REGULAR));

  /* A name that is taken is never replaced. */
  taken = g_build_filename (root, "content", "posts", "taken.md", NULL);
  byline_test_write_file (taken, "mine", -1);
  g_free (index);
  index = byline_post_rename_slug (moved, "../taken", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME);
  g_assert_null (index);
  g_clear_error (&error);
  g_free (dir);
  dir = g_build_filename (root, "content", "posts", "solo.md", NULL);
  byline_test_write_file (dir, "---\ntitle: Solo\n---\n", -1);
  index = byline_post_rename_slug (dir, "taken", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_null (index);
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_REGULAR));
  g_free (index);
  index = byline_test_read_file (taken, NULL);
  g_assert_cmpstr (index, ==, "mine");

  byline_test_remove_site (root);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/library/astro", test_astro);
  g_test_add_func ("/library/hugo", test_hugo);
  g_test_add_func ("/library/jekyll", test_jekyll);
  g_test_add_func ("/library/fold", test_fold);
  g_test_add_func ("/library/filter", test_filter);
  g_test_add_func ("/library/search-words", test_search_words);
  g_test_add_func ("/library/index", test_index);
  g_test_add_func ("/library/update-order", test_update_order);
  g_test_add_func ("/library/cancelled", test_cancelled);
  g_test_add_func ("/library/archetype", test_archetype);
  g_test_add_func ("/library/new/astro", test_new_astro);
  g_test_add_func ("/library/new/jekyll", test_new_jekyll);
  g_test_add_func ("/library/new/from-schema", test_new_from_schema);
  g_test_add_func ("/library/rename-slug", test_rename_slug);

  return g_test_run ();
}
