/* test-image-place.c: where pasted and dropped images go, per generator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "byline-image-place.h"
#include "byline-site.h"

static char *
write_file (const char *root,
            const char *rel,
            const char *text)
{
  char *path = g_build_filename (root, rel, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
remove_tree (const char *path)
{
  const char *argv[] = { "rm", "-rf", path, NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
}

static BylineImagePlace *
place (const char *post,
       const char *name,
       const char *source)
{
  g_autoptr(BylineSite) site = byline_site_find (post, NULL);

  return byline_image_place_new (site, post, name, "png", source);
}

static void
test_astro (void)
{
  g_autofree char *root = g_dir_make_tmp ("byline-img-XXXXXX", NULL);
  g_autofree char *config = write_file (root, "astro.config.mjs", "export default {};\n");
  g_autofree char *post = write_file (root, "src/data/blog/post.md", "---\ntitle: x\n---\n");
  g_autofree char *taken = NULL;
  g_autofree char *in_public = write_file (root, "public/img/logo.png", "");
  g_autofree char *in_src = write_file (root, "src/assets/pics/cat.png", "");
  g_autoptr(BylineImagePlace) a = place (post, "my-post", NULL);
  g_autoptr(BylineImagePlace) b = NULL;
  g_autoptr(BylineImagePlace) c = NULL;
  g_autoptr(BylineImagePlace) d = NULL;
  g_autofree char *expected = g_build_filename (root, "src/assets/images/my-post.png", NULL);

  g_assert_true (a->copy);
  g_assert_cmpstr (a->path, ==, expected);
  g_assert_cmpstr (a->reference, ==, "../../assets/images/my-post.png");

  /* named uniquely */
  taken = write_file (root, "src/assets/images/my-post.png", "");
  b = place (post, "my-post", NULL);
  g_assert_true (g_str_has_suffix (b->path, "/src/assets/images/my-post-2.png"));
  g_assert_cmpstr (b->reference, ==, "../../assets/images/my-post-2.png");

  /* already in the site: referenced where it is */
  c = place (post, "my-post", in_public);
  g_assert_false (c->copy);
  g_assert_cmpstr (c->reference, ==, "/img/logo.png");
  d = place (post, "my-post", in_src);
  g_assert_false (d->copy);
  g_assert_cmpstr (d->reference, ==, "../../assets/pics/cat.png");

  remove_tree (root);
}

static void
test_hugo (void)
{
  g_autofree char *root = g_dir_make_tmp ("byline-img-XXXXXX", NULL);
  g_autofree char *config = write_file (root, "hugo.toml", "title = 'x'\n");
  g_autofree char *bundle = write_file (root, "content/posts/trip/index.md", "---\ntitle: x\n---\n");
  g_autofree char *single = write_file (root, "content/posts/single.md", "---\ntitle: x\n---\n");
  g_autofree char *beside = write_file (root, "content/posts/trip/map.png", "");
  g_autofree char *outside = write_file (root, "../outside-XXXX.png", "");
  g_autoptr(BylineImagePlace) a = place (bundle, "trip", NULL);
  g_autoptr(BylineImagePlace) b = place (single, "single", NULL);
  g_autoptr(BylineImagePlace) c = place (bundle, "trip", beside);
  g_autoptr(BylineImagePlace) d = place (bundle, "trip", outside);

  g_assert_true (a->copy);
  g_assert_true (g_str_has_suffix (a->path, "/content/posts/trip/trip.png"));
  g_assert_cmpstr (a->reference, ==, "trip.png");
  g_assert_true (b->copy);
  g_assert_true (g_str_has_suffix (b->path, "/static/images/single.png"));
  g_assert_cmpstr (b->reference, ==, "/images/single.png");
  g_assert_false (c->copy);
  g_assert_cmpstr (c->reference, ==, "map.png");
  /* outside the site: copied in */
  g_assert_true (d->copy);
  g_assert_cmpstr (d->reference, ==, "trip.png");

  g_unlink (outside);
  remove_tree (root);
}

static void
test_jekyll_and_none (void)
{
  g_autofree char *root = g_dir_make_tmp ("byline-img-XXXXXX", NULL);
  g_autofree char *config = write_file (root, "_config.yml", "title: x\n");
  g_autofree char *post = write_file (root, "_posts/2024-01-01-hello.md", "---\ntitle: x\n---\n");
  g_autofree char *there = write_file (root, "assets/img/a.png", "");
  g_autoptr(BylineImagePlace) a = place (post, "hello", NULL);
  g_autoptr(BylineImagePlace) b = place (post, "hello", there);
  g_autofree char *loose_dir = g_dir_make_tmp ("byline-img-XXXXXX", NULL);
  g_autofree char *loose = write_file (loose_dir, "notes.md", "hello\n");
  g_autoptr(BylineImagePlace) c = byline_image_place_new (NULL, loose, "notes", "webp", NULL);

  g_assert_true (g_str_has_suffix (a->path, "/assets/images/hello.png"));
  g_assert_cmpstr (a->reference, ==, "/assets/images/hello.png");
  g_assert_false (b->copy);
  g_assert_cmpstr (b->reference, ==, "/assets/img/a.png");
  g_assert_true (g_str_has_suffix (c->path, "/notes.webp"));
  g_assert_cmpstr (c->reference, ==, "./notes.webp");

  remove_tree (root);
  remove_tree (loose_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/image-place/astro", test_astro);
  g_test_add_func ("/image-place/hugo", test_hugo);
  g_test_add_func ("/image-place/jekyll-and-none", test_jekyll_and_none);

  return g_test_run ();
}
