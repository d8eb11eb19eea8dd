/* test-cli-site.c: `byline schema`, and `byline check` by each post's site
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

static char *tmp_dir;

static char *
write_file (const char *rel,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmp_dir, rel, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);

  return path;
}

static char *last_err;

/* byline ARGS…: the exit status, stdout in @out, stderr in last_err. */
static int
byline (char       **out,
        const char  *first,
        ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *err = NULL;
  const char *arg;
  va_list args;
  int status = 0;

  g_ptr_array_add (argv, (char *) g_getenv ("BYLINE_EXE"));
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (tmp_dir, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                out, &err, &status, &error);
  g_assert_no_error (error);
  g_test_message ("stdout: %s\nstderr: %s", *out, err);
  g_assert_true (WIFEXITED (status));
  g_free (last_err);
  last_err = err;

  return WEXITSTATUS (status);
}

static JsonObject *
schema_of (const char *path,
           JsonParser *parser)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (byline (&out, "schema", path, NULL), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);

  return json_node_get_object (json_parser_get_root (parser));
}

/* What --json and `byline schema` print is JSON every reader takes: no raw
 * control character (json-glib writes them as it read them) and no number
 * such as 1e+21.0 (json-glib 1.6 writes a double's exponent form so). */
static void
assert_strict_json (const char *out)
{
  for (const char *p = out; *p != '\0'; p++)
    g_assert_true ((guchar) *p >= 0x20 || *p == '\n' || *p == '\t' || *p == '\r');
  g_assert_null (strstr (out, "e+21.0"));
  g_assert_null (strstr (out, "inf"));
}

static void
test_json_output (void)
{
  g_autofree char *config = write_file ("strict/_config.yml", "title: x\n");
  g_autofree char *post = write_file ("strict/_posts/2024-01-01-odd.md",
                                      "---\ntitle: \"a\\x1fb\\tc\"\n---\nbody\n");
  g_autofree char *json = write_file ("strict/odd.schema.json",
                                      "{\"type\":\"object\",\"properties\":{"
                                      "\"views\":{\"type\":\"number\",\"maximum\":1e+21,"
                                      "\"description\":\"one\\u0007two\"}}}");
  g_autofree char *out = NULL;
  g_autofree char *schema = NULL;

  g_assert_cmpint (byline (&out, "list", "--json", "strict", NULL), ==, 0);
  assert_strict_json (out);
  g_assert_nonnull (strstr (out, "a\\u001fb\\tc"));

  g_assert_cmpint (byline (&schema, "schema", "--schema", json, post, NULL), ==, 0);
  assert_strict_json (schema);
  g_assert_nonnull (strstr (schema, "1e+21"));
  g_assert_nonnull (strstr (schema, "one\\u0007two"));
}

/* `byline list --tag` keeps the posts with the tag, in any case. */
static void
test_list_tag (void)
{
  g_autofree char *config = write_file ("tagged/_config.yml", "title: x\n");
  g_autofree char *a = write_file ("tagged/_posts/2024-01-01-a.md", "---\ntags: [GTK, c]\n---\n");
  g_autofree char *b = write_file ("tagged/_posts/2024-01-02-b.md", "---\ntags: [rust]\n---\n");
  g_autofree char *c = write_file ("tagged/_posts/2024-01-03-c.md", "---\ntitle: none\n---\n");
  g_autofree char *gtk = NULL;
  g_autofree char *rust = NULL;
  g_autofree char *nothing = NULL;
  g_autofree char *all = NULL;

  g_assert_cmpint (byline (&gtk, "list", "--tag", "gtk", "tagged", NULL), ==, 0);
  g_assert_nonnull (strstr (gtk, "2024-01-01-a.md"));
  g_assert_null (strstr (gtk, "2024-01-02-b.md"));
  g_assert_null (strstr (gtk, "2024-01-03-c.md"));
  g_assert_cmpint (byline (&rust, "list", "--tag", "RUST", "tagged", NULL), ==, 0);
  g_assert_null (strstr (rust, "2024-01-01-a.md"));
  g_assert_nonnull (strstr (rust, "2024-01-02-b.md"));
  g_assert_cmpint (byline (&nothing, "list", "--tag", "zebra", "tagged", NULL), ==, 0);
  g_assert_null (strstr (nothing, ".md"));
  g_assert_cmpint (byline (&all, "list", "tagged", NULL), ==, 0);
  g_assert_nonnull (strstr (all, "2024-01-03-c.md"));
}

static void
test_schema_verb (void)
{
  g_autofree char *jekyll_config = write_file ("jekyll/_config.yml", "title: x\n");
  g_autofree char *jekyll_post = write_file ("jekyll/_posts/2024-01-02-a.markdown", "---\n---\n");
  g_autofree char *hugo_config = write_file ("hugo/hugo.yaml", "title: x\n");
  g_autofree char *hugo_post = g_build_filename (tmp_dir, "hugo", "content", "posts", "new.md", NULL);
  g_autofree char *lone = write_file ("lone/a.md", "---\npubDatetime: 2024-01-02\n---\n");
  g_autofree char *json = write_file ("blog.schema.json",
                                      "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\","
                                      "\"minimum\":1}},\"required\":[\"n\"]}");
  g_autoptr(JsonParser) p1 = json_parser_new ();
  g_autoptr(JsonParser) p2 = json_parser_new ();
  g_autoptr(JsonParser) p3 = json_parser_new ();
  JsonObject *o;
  JsonArray *fields;

  o = schema_of (jekyll_post, p1);
  g_assert_cmpstr (json_object_get_string_member (o, "generator"), ==, "jekyll");
  g_assert_cmpstr (json_object_get_string_member (o, "collection"), ==, "posts");
  g_assert_cmpstr (json_object_get_string_member (o, "source"), ==, "built-in:jekyll");
  fields = json_object_get_array_member (o, "fields");
  /* In key order: where a new key goes. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (fields, 0), "name"),
                   ==, "layout");

  /* A post that does not exist yet has its schema too. */
  o = schema_of (hugo_post, p2);
  g_assert_cmpstr (json_object_get_string_member (o, "generator"), ==, "hugo");
  g_assert_cmpstr (json_object_get_string_member (o, "source"), ==, "built-in:hugo");
  g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "built-in");

  o = schema_of (lone, p3);
  g_assert_true (json_object_get_null_member (o, "site"));
  g_assert_true (json_object_get_null_member (o, "generator"));
  g_assert_cmpstr (json_object_get_string_member (o, "source"), ==, "built-in:astropaper");

  {
    g_autofree char *out = NULL;
    g_autofree char *bad = write_file ("bad.md", "---\nn: 0\n---\n");
    g_autofree char *good = write_file ("good.md", "---\nn: 2\n---\n");

    g_assert_cmpint (byline (&out, "check", "--schema", json, bad, NULL), ==, 1);
    g_clear_pointer (&out, g_free);
    g_assert_cmpint (byline (&out, "check", "--schema", json, good, NULL), ==, 0);
    g_clear_pointer (&out, g_free);
    g_assert_cmpint (byline (&out, "check", "--schema", "nonsense", good, NULL), ==, 2);
    g_clear_pointer (&out, g_free);
    g_assert_cmpint (byline (&out, "schema", NULL), ==, 2);
  }

  (void) jekyll_config;
  (void) hugo_config;
}

static void
test_check_sites (void)
{
  g_autofree char *config = write_file ("site/_config.yml", "title: x\n");
  g_autofree char *good = write_file ("site/_posts/2024-01-02-good.markdown",
                                      "---\ntitle: T\ndate: 2024-01-02 10:00:00 +0800\n---\n");
  g_autofree char *bad = write_file ("site/_posts/2024-01-03-bad.md",
                                     "---\ntitle: T\ndate: someday\n---\n");
  g_autofree char *misnamed = write_file ("site/_posts/misnamed.mkd", "---\ntitle: T\n---\n");
  g_autofree char *dir = g_build_filename (tmp_dir, "site", NULL);
  g_autofree char *out = NULL;

  /* .markdown and .mkd posts are Jekyll's too; a date it cannot read stops
   * its build; a post not named by its date is skipped, with a warning. */
  g_assert_cmpint (byline (&out, "check", dir, NULL), ==, 1);
  g_assert_nonnull (strstr (out, "2024-01-03-bad.md:3:7: error: "));
  g_assert_null (strstr (out, "good.markdown"));
  g_assert_nonnull (strstr (out, "misnamed.mkd:1:1: warning: "));

  (void) config;
  (void) good;
  (void) bad;
  (void) misnamed;
}

static void
test_check_unsynced (void)
{
  g_autofree char *config = write_file ("unsynced/astro.config.mjs", "export default {};\n");
  g_autofree char *content =
    write_file ("unsynced/src/content.config.ts",
                "import { defineCollection, z } from 'astro:content';\n"
                "export const collections = {\n"
                "  blog: defineCollection({ schema: z.object({ title: z.string() }) }),\n"
                "};\n");
  g_autofree char *a = write_file ("unsynced/src/content/blog/a.md", "---\ntitle: 1\n---\n");
  g_autofree char *b = write_file ("unsynced/src/content/blog/b.md", "---\ntitle: 2\n---\n");
  g_autofree char *dep = write_file ("unsynced/node_modules/pkg/README.md", "---\ntitle: [x\n---\n");
  g_autofree char *dir = g_build_filename (tmp_dir, "unsynced", NULL);
  g_autofree char *out = NULL;

  /* Nothing but YAML to check until astro sync runs, and a note, once;
   * node_modules is no part of the site's posts. */
  g_assert_cmpint (byline (&out, "check", dir, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (last_err, "astro sync"));
  g_assert_null (strstr (strstr (last_err, "astro sync") + 1, "astro sync"));

  /* set keeps the types the post has: the schema does not know them yet. */
  {
    g_autofree char *c = write_file ("unsynced/src/content/blog/c.md",
                                     "---\ntitle: C\ndraft: true\nweight: 2\ntags: [a]\n---\n");
    g_autofree char *set_out = NULL;
    g_autofree char *text = NULL;

    g_assert_cmpint (byline (&set_out, "set", c, "draft=false", "weight=3", "tags=a,b",
                             "title=true", NULL), ==, 0);
    g_assert_true (g_file_get_contents (c, &text, NULL, NULL));
    g_assert_cmpstr (text, ==, "---\ntitle: \"true\"\ndraft: false\nweight: 3\ntags: [a, b]\n---\n");
  }

  (void) config;
  (void) content;
  (void) a;
  (void) b;
  (void) dep;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("byline-test-cli-site-XXXXXX", &error);
  g_assert_no_error (error);
  {
    char *canonical = g_canonicalize_filename (tmp_dir, NULL);

    g_free (tmp_dir);
    tmp_dir = canonical;
  }

  g_test_add_func ("/cli-site/schema", test_schema_verb);
  g_test_add_func ("/cli-site/json-output", test_json_output);
  g_test_add_func ("/cli-site/list-tag", test_list_tag);
  g_test_add_func ("/cli-site/check", test_check_sites);
  g_test_add_func ("/cli-site/check-unsynced", test_check_unsynced);

  status = g_test_run ();

  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp_dir);

    if (system (cmd) != 0)
      g_printerr ("could not remove %s\n", tmp_dir);
  }
  g_free (tmp_dir);
  g_free (last_err);

  return status;
}
