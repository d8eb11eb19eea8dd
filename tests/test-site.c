/* test-site.c: finding a post's site, its collection and its schema
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <utime.h>

#include <glib/gstdio.h>

#include "byline-js-date.h"
#include "byline-site.h"
#include "byline-test-corpus.h"

static char *tmp_dir;

/* Writes @text to @rel under @root (folders made) and returns the path. */
static char *
write_file (const char *root,
            const char *rel,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (root, rel, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);

  return path;
}

static char *
new_root (const char *name)
{
  char *root = g_build_filename (tmp_dir, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (root, 0755), ==, 0);
  return root;
}

static void
set_mtime (const char *path,
           time_t      when)
{
  struct utimbuf times = { when, when };

  g_assert_cmpint (utime (path, &times), ==, 0);
}

static char *
collection_of (BylineSite *site,
               const char *path)
{
  return byline_site_find_collection (site, path);
}

/* --- Astro ---------------------------------------------------------------- */

static const char astropaper_config[] =
  "import { defineCollection, z } from \"astro:content\";\n"
  "import { glob } from \"astro/loaders\";\n"
  "import { SITE } from \"@/config\";\n"
  "\n"
  "export const BLOG_PATH = \"src/data/blog\";\n"
  "\n"
  "// const old = defineCollection({ loader: glob({ base: 'nowhere' }) });\n"
  "const blog = defineCollection({\n"
  "  loader: glob({ pattern: \"**/[^_]*.md\", base: `./${BLOG_PATH}` }),\n"
  "  schema: ({ image }) =>\n"
  "    z.object({\n"
  "      author: z.string().default(SITE.author),\n"
  "      pubDatetime: z.date(),\n"
  "      modDatetime: z.date().optional().nullable(),\n"
  "      title: z.string(),\n"
  "      ogImage: image().or(z.string()).optional(),\n"
  "    }),\n"
  "});\n"
  "\n"
  "export const collections = { blog };\n";

static void
test_astropaper (void)
{
  g_autofree char *root = new_root ("astropaper");
  g_autofree char *config = write_file (root, "astro.config.ts", "export default {};\n");
  g_autofree char *content = write_file (root, "src/content.config.ts", astropaper_config);
  g_autofree char *post = write_file (root, "src/data/blog/_releases/hello.md", "---\ntitle: x\n---\n");
  g_autofree char *skipped = write_file (root, "src/data/blog/_draft.md", "---\n---\n");
  g_autofree char *page = write_file (root, "src/pages/about.md", "---\n---\n");
  g_autofree char *collection = NULL;
  g_autofree char *none = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineSite) site = NULL;
  g_autoptr(BylineSchema) schema = NULL;
  g_autoptr(BylineSchema) page_schema = NULL;
  const char * const *watched;
  const char *base = NULL;

  site = byline_site_find (post, &error);
  g_assert_no_error (error);
  g_assert_cmpint (byline_site_get_generator (site), ==, BYLINE_GENERATOR_ASTRO);
  g_assert_cmpstr (byline_generator_to_string (byline_site_get_generator (site)), ==, "astro");
  g_assert_cmpstr (byline_site_get_root (site), ==, root);
  g_assert_cmpstr (byline_site_get_config_path (site), ==, config);
  g_assert_cmpstr (byline_site_get_content_config (site), ==, content);
  g_assert_true (byline_site_is_astropaper (site));

  /* The commented-out collection is not one. */
  g_assert_cmpuint (byline_site_get_n_collections (site), ==, 1);
  g_assert_cmpstr (byline_site_get_collection (site, 0, &base), ==, "blog");
  g_assert_cmpstr (base, ==, "src/data/blog");
  {
    g_autofree char *folder = byline_site_dup_collection_folder (site, post);
    g_autofree char *expected = g_build_filename (root, "src", "data", "blog", NULL);
    g_autofree char *page_folder = byline_site_dup_collection_folder (site, page);
    g_autofree char *pages = g_build_filename (root, "src", "pages", NULL);

    g_assert_cmpstr (folder, ==, expected);
    g_assert_cmpstr (page_folder, ==, pages);
  }

  /* No schemas written yet: AstroPaper's built-in one, for its posts only. */
  g_assert_cmpint (byline_site_get_schema_state (site), ==, BYLINE_SITE_SCHEMAS_BUILT_IN);
  schema = byline_site_get_schema_for (site, post, &collection);
  g_assert_cmpstr (collection, ==, "blog");
  g_assert_cmpstr (byline_schema_get_source (schema), ==, "built-in:astropaper");

  page_schema = byline_site_get_schema_for (site, page, &none);
  g_assert_null (none);
  g_assert_null (byline_schema_get_source (page_schema));
  g_assert_cmpuint (byline_schema_get_n_fields (page_schema), ==, 0);

  /* The glob's [^_]*.md leaves _draft.md out. */
  g_assert_true (byline_site_takes_file (site, post));
  g_assert_false (byline_site_takes_file (site, skipped));
  g_assert_null (byline_site_find_collection (site, skipped));
  g_assert_true (byline_site_takes_file (site, page));

  watched = byline_site_get_watched_files (site);
  g_assert_true (g_strv_contains (watched, config));
  g_assert_true (g_strv_contains (watched, content));
  {
    g_autofree char *json = g_build_filename (root, ".astro", "collections", "blog.schema.json", NULL);
    g_autofree char *dir = g_build_filename (root, ".astro", "collections", NULL);
    g_autofree char *package = g_build_filename (root, "package.json", NULL);

    g_assert_true (g_strv_contains (watched, json));
    g_assert_true (g_strv_contains (watched, dir));
    g_assert_true (g_strv_contains (watched, package));
  }

  /* No node_modules: nothing to run. */
  g_assert_null (byline_site_sync_command (site));

  /* Once astro sync wrote its schema, that is the verdict; AstroPaper's
   * warnings (a post scheduled for later) stay. */
  {
    g_autofree char *json =
      write_file (root, ".astro/collections/blog.schema.json",
                  "{\"type\":\"object\",\"properties\":{\"title\":{\"type\":\"string\"},"
                  "\"pubDatetime\":{\"anyOf\":[{\"type\":\"string\",\"format\":\"date-time\"},"
                  "{\"type\":\"integer\",\"format\":\"unix-time\"}]}},"
                  "\"required\":[\"title\",\"pubDatetime\"]}");
    const char *text = "---\ntitle: Later\npubDatetime: 2099-01-01T00:00:00Z\n---\n";
    g_autoptr(BylineFrontmatter) fm = byline_frontmatter_parse (text, strlen (text));
    g_autoptr(BylineSite) synced = NULL;
    g_autoptr(BylineSchema) read = NULL;
    g_autoptr(GPtrArray) diags = NULL;

    set_mtime (content, time (NULL) - 100);
    synced = byline_site_find (post, NULL);
    g_assert_cmpint (byline_site_get_schema_state (synced), ==, BYLINE_SITE_SCHEMAS_CURRENT);
    read = byline_site_get_schema_for (synced, post, NULL);
    g_assert_cmpstr (byline_schema_get_source (read), ==, json);
    diags = byline_schema_validate (read, fm, NULL);
    g_assert_cmpuint (diags->len, ==, 1);
    g_assert_cmpint (((BylineDiagnostic *) g_ptr_array_index (diags, 0))->severity, ==,
                     BYLINE_SEVERITY_WARNING);
    g_assert_cmpstr (((BylineDiagnostic *) g_ptr_array_index (diags, 0))->key, ==, "pubDatetime");
  }
}

/* A config cut anywhere (an editor's half-saved file) reads as some site,
 * never a crash or a hang. */
static void
test_truncated_config (void)
{
  g_autofree char *root = new_root ("truncated");
  g_autofree char *config = write_file (root, "astro.config.mjs", "export default {};\n");
  g_autofree char *post = write_file (root, "src/data/blog/a.md", "---\n---\n");
  g_autofree char *content = g_build_filename (root, "src", "content.config.ts", NULL);
  gsize len = strlen (astropaper_config);

  for (gsize cut = 0; cut <= len; cut++)
    {
      g_autoptr(BylineSite) site = NULL;
      g_autoptr(BylineSchema) schema = NULL;

      g_assert_true (g_file_set_contents (content, astropaper_config, cut, NULL));
      site = byline_site_find (post, NULL);
      g_assert_nonnull (site);
      schema = byline_site_get_schema_for (site, post, NULL);
      g_assert_nonnull (schema);
    }

  (void) config;
}

static const char notes_json[] =
  "{\"$ref\":\"#/definitions/notes\",\"definitions\":{\"notes\":{\"type\":\"object\","
  "\"properties\":{"
  "\"headline\":{\"type\":\"string\",\"maxLength\":80},"
  "\"published\":{\"anyOf\":[{\"type\":\"string\",\"format\":\"date-time\"},"
  "{\"type\":\"string\",\"format\":\"date\"},{\"type\":\"integer\",\"format\":\"unix-time\"}]},"
  "\"status\":{\"type\":\"string\",\"enum\":[\"draft\",\"live\"],\"default\":\"draft\"},"
  "\"cover\":{\"type\":\"string\"},"
  "\"author\":{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"object\",\"properties\":"
  "{\"id\":{\"type\":\"string\"},\"collection\":{\"type\":\"string\"}},"
  "\"required\":[\"id\",\"collection\"]}]},"
  "\"$schema\":{\"type\":\"string\"}},"
  "\"required\":[\"headline\",\"published\"],\"additionalProperties\":false}},"
  "\"$schema\":\"http://json-schema.org/draft-07/schema#\"}";

static void
test_astro_schemas (void)
{
  g_autofree char *root = new_root ("astro-json");
  g_autofree char *config = write_file (root, "astro.config.mjs", "export default {};\n");
  g_autofree char *content =
    write_file (root, "src/content.config.mjs",
                "import { defineCollection, reference, z } from 'astro:content';\n"
                "import { glob, file } from 'astro/loaders';\n"
                "const notesCollection = defineCollection({\n"
                "  loader: glob({ pattern: ['**/*.{md,markdown}', '!**/_*'], base: 'notes' }),\n"
                "  schema: ({ image }) => z.object({\n"
                "    headline: z.string().max(80),\n"
                "    published: z.coerce.date(),\n"
                "    status: z.enum(['draft', 'live']).default('draft'),\n"
                "    cover: image().optional(),\n"
                "    author: reference('people').optional(),\n"
                "  }),\n"
                "});\n"
                "export const collections = {\n"
                "  'my-notes': notesCollection,\n"
                "  people: defineCollection({ loader: file('people.json') }),\n"
                "  pages: defineCollection({ loader: glob({ pattern: '*.md', base: 'pages' }) }),\n"
                "};\n");
  g_autofree char *json = NULL;
  g_autofree char *post = write_file (root, "notes/2024/hello.markdown", "---\nheadline: H\n---\n");
  g_autofree char *hidden = write_file (root, "notes/2024/_hidden.md", "---\n---\n");
  g_autofree char *collection = NULL;
  g_autoptr(BylineSite) missing = NULL;
  g_autoptr(BylineSite) current = NULL;
  g_autoptr(BylineSite) stale = NULL;
  g_autoptr(BylineSchema) schema = NULL;
  g_autoptr(BylineSchema) yaml_only = NULL;
  g_autoptr(GError) error = NULL;
  const BylineField *f;

  missing = byline_site_find (post, &error);
  g_assert_no_error (error);
  g_assert_false (byline_site_is_astropaper (missing));
  g_assert_cmpuint (byline_site_get_n_collections (missing), ==, 3);
  g_assert_cmpstr (byline_site_get_collection (missing, 0, NULL), ==, "my-notes");
  {
    const char *base = "not set";

    g_assert_cmpstr (byline_site_get_collection (missing, 1, &base), ==, "people");
    g_assert_null (base);   /* file(): data, not Markdown posts */
    g_assert_cmpstr (byline_site_get_collection (missing, 2, &base), ==, "pages");
    g_assert_cmpstr (base, ==, "pages");
  }
  g_assert_cmpint (byline_site_get_schema_state (missing), ==, BYLINE_SITE_SCHEMAS_MISSING);

  /* What a reference to the collection may name: Astro's ids. */
  {
    g_autofree char *spaced = write_file (root, "notes/My Post.md", "---\n---\n");
    g_autofree char *index = write_file (root, "notes/guide/index.md", "---\n---\n");
    g_autofree char *slugged = write_file (root, "notes/x.md", "---\nslug: custom/slug\n---\n");
    g_autofree char *text = write_file (root, "notes/readme.txt", "");
    g_auto(GStrv) ids = byline_site_dup_entry_ids (missing, "my-notes", NULL, &error);
    const char *expected[] = { "2024/hello", "custom/slug", "guide", "my-post", NULL };

    g_assert_no_error (error);
    g_assert_cmpstrv (ids, expected);
    g_assert_null (byline_site_dup_entry_ids (missing, "people", NULL, &error));
    g_assert_error (error, BYLINE_SITE_ERROR, BYLINE_SITE_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_unlink (spaced);
    g_unlink (index);
    g_unlink (slugged);
    g_unlink (text);
  }

  /* Until astro sync writes the schema: YAML only, never another site's rules. */
  yaml_only = byline_site_get_schema_for (missing, post, &collection);
  g_assert_cmpstr (collection, ==, "my-notes");
  g_assert_cmpuint (byline_schema_get_n_fields (yaml_only), ==, 0);
  g_assert_false (byline_site_takes_file (missing, hidden));

  json = write_file (root, ".astro/collections/my-notes.schema.json", notes_json);
  g_assert_false (byline_site_is_current (missing));
  set_mtime (content, time (NULL) - 100);
  current = byline_site_find (post, &error);
  g_assert_no_error (error);
  g_assert_cmpint (byline_site_get_schema_state (current), ==, BYLINE_SITE_SCHEMAS_CURRENT);
  g_assert_true (byline_site_is_current (current));

  schema = byline_site_get_schema_for (current, post, NULL);
  g_assert_cmpstr (byline_schema_get_source (schema), ==, json);
  g_assert_cmpuint (byline_schema_get_n_fields (schema), ==, 5);
  g_assert_cmpstr (byline_schema_get_key_order (schema)[0], ==, "headline");
  g_assert_cmpstr (byline_schema_get_key_order (schema)[4], ==, "author");
  g_assert_null (byline_schema_lookup (schema, "$schema"));

  f = byline_schema_lookup (schema, "headline");
  g_assert_cmpint (f->type, ==, BYLINE_FIELD_STRING);
  g_assert_true (f->required);
  g_assert_cmpuint (f->max_length, ==, 80);
  f = byline_schema_lookup (schema, "published");
  g_assert_cmpint (f->type, ==, BYLINE_FIELD_TIMESTAMP);
  g_assert_true (f->coerce);
  f = byline_schema_lookup (schema, "status");
  g_assert_cmpint (f->type, ==, BYLINE_FIELD_ENUM);
  g_assert_cmpstr (f->default_yaml, ==, "\"draft\"");
  g_assert_cmpstr (f->enum_values[1], ==, "live");
  g_assert_null (f->enum_values[2]);
  f = byline_schema_lookup (schema, "cover");
  g_assert_cmpint (f->type, ==, BYLINE_FIELD_IMAGE);
  f = byline_schema_lookup (schema, "author");
  g_assert_cmpint (f->type, ==, BYLINE_FIELD_REFERENCE);
  g_assert_cmpstr (f->reference, ==, "people");
  g_assert_false (f->required);

  /* A content config newer than the schema: stale, but still used. */
  set_mtime (json, time (NULL) - 200);
  g_assert_false (byline_site_is_current (current));
  stale = byline_site_find (post, &error);
  g_assert_no_error (error);
  g_assert_cmpint (byline_site_get_schema_state (stale), ==, BYLINE_SITE_SCHEMAS_STALE);

  /* With Astro installed, astro sync can be offered. */
  {
    g_autofree char *astro = write_file (root, "node_modules/.bin/astro", "#!/bin/sh\n");
    g_auto(GStrv) argv = NULL;

    g_assert_cmpint (g_chmod (astro, 0755), ==, 0);
    argv = byline_site_sync_command (stale);
    g_assert_nonnull (argv);
    g_assert_cmpstr (argv[0], ==, astro);
    g_assert_cmpstr (argv[1], ==, "sync");
    g_assert_null (argv[2]);
  }

  (void) config;
}

static void
test_astropaper_changed (void)
{
  /* A fork that renamed AstroPaper's keys: its package says astro-paper,
   * but the built-in schema is not its own. */
  g_autofree char *root = new_root ("astropaper-fork");
  g_autofree char *config = write_file (root, "astro.config.mjs", "export default {};\n");
  g_autofree char *package = write_file (root, "package.json", "{ \"name\": \"astro-paper\" }\n");
  g_autofree char *content =
    write_file (root, "src/content.config.ts",
                "export const BLOG_PATH = \"src/data/blog\";\n"
                "const blog = defineCollection({\n"
                "  loader: glob({ pattern: \"**/[^_]*.md\", base: `./${BLOG_PATH}` }),\n"
                "  schema: ({ image }) => z.object({ date_created: z.date() }),\n"
                "});\n"
                "export const collections = { blog };\n");
  g_autofree char *post = write_file (root, "src/data/blog/a.md", "---\n---\n");
  g_autoptr(BylineSite) site = byline_site_find (post, NULL);
  g_autoptr(BylineSchema) schema = NULL;

  g_assert_nonnull (site);
  g_assert_false (byline_site_is_astropaper (site));
  g_assert_cmpint (byline_site_get_schema_state (site), ==, BYLINE_SITE_SCHEMAS_MISSING);
  schema = byline_site_get_schema_for (site, post, NULL);
  g_assert_cmpuint (byline_schema_get_n_fields (schema), ==, 0);

  (void) config;
  (void) package;
  (void) content;
}

static void
test_astro_legacy (void)
{
  g_autofree char *root = new_root ("astro-legacy");
  g_autofree char *config = write_file (root, "astro.config.mjs", "export default {};\n");
  g_autofree char *content =
    write_file (root, "src/content/config.ts",
                "import { defineCollection, z } from 'astro:content';\n"
                "const posts = defineCollection({\n"
                "  type: 'content',\n"
                "  schema: z.object({ title: z.string() }),\n"
                "});\n"
                "export const collections = { 'posts': posts };\n");
  g_autofree char *post = write_file (root, "src/content/posts/deep/a.md", "---\n---\n");
  g_autofree char *collection = NULL;
  g_autoptr(BylineSite) site = byline_site_find (post, NULL);

  g_assert_nonnull (site);
  g_assert_cmpstr (byline_site_get_content_config (site), ==, content);
  collection = collection_of (site, post);
  g_assert_cmpstr (collection, ==, "posts");
  g_assert_cmpint (byline_site_get_schema_state (site), ==, BYLINE_SITE_SCHEMAS_MISSING);

  (void) config;
}

static void
test_starlight (void)
{
  g_autofree char *root = new_root ("starlight");
  g_autofree char *config = write_file (root, "astro.config.mjs", "export default {};\n");
  g_autofree char *content =
    write_file (root, "src/content.config.ts",
                "import { defineCollection } from 'astro:content';\n"
                "import { docsLoader } from '@astrojs/starlight/loaders';\n"
                "import { docsSchema } from '@astrojs/starlight/schema';\n"
                "\n"
                "export const collections = {\n"
                "\tdocs: defineCollection({ loader: docsLoader(), schema: docsSchema() }),\n"
                "};\n");
  g_autofree char *post = write_file (root, "src/content/docs/guides/start.mdx", "---\n---\n");
  g_autofree char *partial = write_file (root, "src/content/docs/_partial.md", "---\n---\n");
  g_autofree char *collection = NULL;
  g_autoptr(BylineSite) site = byline_site_find (post, NULL);

  g_assert_nonnull (site);
  collection = collection_of (site, post);
  g_assert_cmpstr (collection, ==, "docs");
  g_assert_false (byline_site_takes_file (site, partial));
  g_assert_cmpint (byline_site_get_schema_state (site), ==, BYLINE_SITE_SCHEMAS_MISSING);

  (void) config;
  (void) content;
}

static void
test_astro_no_config (void)
{
  g_autofree char *root = new_root ("astro-folders");
  g_autofree char *config = write_file (root, "astro.config.mjs", "export default {};\n");
  g_autofree char *post = write_file (root, "src/content/blog/a.mdx", "---\n---\n");
  g_autofree char *collection = NULL;
  g_autoptr(BylineSite) site = byline_site_find (post, NULL);

  g_assert_nonnull (site);
  g_assert_null (byline_site_get_content_config (site));
  collection = collection_of (site, post);
  g_assert_cmpstr (collection, ==, "blog");
  g_assert_cmpint (byline_site_get_schema_state (site), ==, BYLINE_SITE_SCHEMAS_NONE);

  (void) config;
}

static void
test_json_2020 (void)
{
  /* zod 4's toJSONSchema (Astro 6): draft 2020-12, the object at the top. */
  static const char json[] =
    "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\","
    "\"properties\":{"
    "\"title\":{\"type\":\"string\",\"minLength\":1},"
    "\"date\":{\"type\":\"string\",\"format\":\"date-time\"},"
    "\"day\":{\"type\":\"string\",\"format\":\"date\"},"
    "\"note\":{\"type\":[\"string\",\"null\"]},"
    "\"kind\":{\"const\":\"post\"},"
    "\"count\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":9},"
    "\"meta\":{\"$ref\":\"#/$defs/meta\"},"
    "\"scores\":{\"type\":\"array\",\"items\":{\"type\":\"number\",\"exclusiveMaximum\":10}}},"
    "\"required\":[\"title\",\"date\"],\"additionalProperties\":false,"
    "\"$defs\":{\"meta\":{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"boolean\"}},"
    "\"required\":[\"a\"]}}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineSchema) schema = byline_schema_new_from_json_data (json, -1, "test.json", NULL,
                                                                     NULL, &error);
  const BylineField *f;

  /* Alone, {"type": "string", "format": "date-time"} is z.string().datetime()
   * in draft-07 (Astro 5), text; the config can say it is a date. */
  {
    static const char draft7[] =
      "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"object\","
      "\"properties\":{\"stamp\":{\"type\":\"string\",\"format\":\"date-time\"}}}";
    g_autoptr(BylineSchema) text = byline_schema_new_from_json_data (draft7, -1, "d.json", NULL,
                                                                     NULL, &error);
    g_autoptr(BylineSchema) date = byline_schema_new_from_json_data (draft7, -1, "d.json", NULL,
                                                                     "stamp: z.date(),", &error);

    g_assert_no_error (error);
    f = byline_schema_lookup (text, "stamp");
    g_assert_cmpint (f->type, ==, BYLINE_FIELD_STRING);
    g_assert_cmpstr (f->format, ==, "date-time");
    g_assert_cmpint (byline_schema_lookup (date, "stamp")->type, ==, BYLINE_FIELD_TIMESTAMP);
  }

  /* A date zod 4 could not write ({}), known from the config. */
  {
    g_autoptr(BylineSchema) hinted =
      byline_schema_new_from_json_data ("{\"type\":\"object\",\"properties\":{\"when\":{}}}", -1,
                                        "h.json", NULL, "  when: z.coerce.date(),\n", &error);

    g_assert_no_error (error);
    f = byline_schema_lookup (hinted, "when");
    g_assert_cmpint (f->type, ==, BYLINE_FIELD_TIMESTAMP);
    g_assert_true (f->coerce);
  }

  g_assert_no_error (error);
  g_assert_cmpuint (byline_schema_get_n_fields (schema), ==, 8);
  g_assert_cmpint (byline_schema_lookup (schema, "title")->min_length, ==, 1);
  g_assert_cmpint (byline_schema_lookup (schema, "date")->type, ==, BYLINE_FIELD_TIMESTAMP);
  g_assert_false (byline_schema_lookup (schema, "date")->coerce);
  g_assert_cmpint (byline_schema_lookup (schema, "day")->type, ==, BYLINE_FIELD_DATE);
  g_assert_true (byline_schema_lookup (schema, "note")->nullable);
  f = byline_schema_lookup (schema, "kind");
  g_assert_cmpint (f->type, ==, BYLINE_FIELD_ENUM);
  g_assert_cmpstr (f->enum_values[0], ==, "post");
  f = byline_schema_lookup (schema, "count");
  g_assert_true (f->has_minimum && f->has_maximum);
  g_assert_cmpfloat (f->maximum, ==, 9);
  f = byline_schema_lookup (schema, "meta");
  g_assert_cmpint (f->type, ==, BYLINE_FIELD_OBJECT);
  g_assert_cmpuint (f->n_fields, ==, 1);
  g_assert_true (f->fields[0].required);
  f = byline_schema_lookup (schema, "scores");
  g_assert_cmpint (f->type, ==, BYLINE_FIELD_LIST);
  g_assert_cmpint (f->item->type, ==, BYLINE_FIELD_NUMBER);
  g_assert_true (f->item->exclusive_maximum);

  {
    g_autoptr(BylineSchema) bad = byline_schema_new_from_json_data ("[1]", -1, "x.json", NULL,
                                                                    NULL, &error);

    g_assert_null (bad);
    g_assert_error (error, BYLINE_SCHEMA_ERROR, BYLINE_SCHEMA_ERROR_INVALID);
    g_clear_error (&error);
  }
  {
    g_autoptr(BylineSchema) none = byline_schema_new_from_json_data ("{\"definitions\": {}}", -1,
                                                                     "x.json", "blog", NULL, &error);

    g_assert_null (none);
    g_assert_error (error, BYLINE_SCHEMA_ERROR, BYLINE_SCHEMA_ERROR_NOT_FOUND);
  }
}

/* --- Hugo, Jekyll, none ----------------------------------------------------- */

static void
test_hugo (void)
{
  g_autofree char *root = new_root ("hugo");
  g_autofree char *config = write_file (root, "hugo.toml", "title = 'x'\n");
  g_autofree char *post = write_file (root, "content/posts/2024/hello/index.md", "---\n---\n");
  g_autofree char *section = write_file (root, "content/posts/_index.md", "---\n---\n");
  g_autofree char *collection = NULL;
  g_autoptr(BylineSite) site = byline_site_find (post, NULL);
  g_autoptr(BylineSchema) schema = NULL;

  g_assert_nonnull (site);
  g_assert_cmpint (byline_site_get_generator (site), ==, BYLINE_GENERATOR_HUGO);
  g_assert_cmpstr (byline_site_get_config_path (site), ==, config);
  schema = byline_site_get_schema_for (site, post, &collection);
  g_assert_cmpstr (collection, ==, "content");
  g_assert_cmpstr (byline_schema_get_source (schema), ==, "built-in:hugo");
  /* Hugo builds a section's _index.md. */
  g_assert_true (byline_site_takes_file (site, section));
  g_assert_false (byline_site_takes_file (site, "content/posts/a.mdx"));
  g_assert_null (byline_site_sync_command (site));

  /* Before Hugo 0.110: config.toml beside content/. */
  {
    g_autofree char *old = new_root ("hugo-old");
    g_autofree char *old_config = write_file (old, "config.yaml", "title: x\n");
    g_autofree char *old_post = write_file (old, "content/a.markdown", "---\n---\n");
    g_autofree char *not_hugo = write_file (old, "elsewhere/config.toml", "");
    g_autofree char *not_hugo_post = write_file (old, "elsewhere/b.md", "");
    g_autoptr(BylineSite) old_site = byline_site_find (old_post, NULL);
    g_autoptr(BylineSite) parent = byline_site_find (not_hugo_post, NULL);

    g_assert_nonnull (old_site);
    g_assert_cmpint (byline_site_get_generator (old_site), ==, BYLINE_GENERATOR_HUGO);
    g_assert_cmpstr (byline_site_get_config_path (old_site), ==, old_config);
    /* A configuration directory (Hugo's docs use one). */
    {
      g_autofree char *dir_root = new_root ("hugo-dir");
      g_autofree char *dir_config = write_file (dir_root, "config/_default/hugo.toml", "");
      g_autofree char *dir_post = write_file (dir_root, "content/en/a.md", "---\n---\n");
      g_autoptr(BylineSite) dir_site = byline_site_find (dir_post, NULL);

      g_assert_nonnull (dir_site);
      g_assert_cmpint (byline_site_get_generator (dir_site), ==, BYLINE_GENERATOR_HUGO);
      g_assert_cmpstr (byline_site_get_config_path (dir_site), ==, dir_config);
    }

    /* A config.toml without content/ beside it is not a Hugo site: the walk
     * goes on up, to the site above. */
    g_assert_nonnull (parent);
    g_assert_cmpstr (byline_site_get_root (parent), ==, old);
    (void) not_hugo;
  }
}

static void
test_jekyll (void)
{
  g_autofree char *root = new_root ("jekyll");
  g_autofree char *config = write_file (root, "_config.yml", "title: x\n");
  g_autofree char *post = write_file (root, "_posts/2024-01-02-hello.markdown", "---\n---\n");
  g_autofree char *misnamed = write_file (root, "_posts/hello.md", "---\n---\n");
  g_autofree char *draft = write_file (root, "_drafts/idea.md", "---\n---\n");
  g_autofree char *collection = NULL;
  g_autofree char *draft_collection = NULL;
  g_autoptr(BylineSite) site = byline_site_find (post, NULL);
  g_autoptr(BylineSchema) schema = NULL;
  g_autoptr(GPtrArray) fine = NULL;
  g_autoptr(GPtrArray) skipped = NULL;

  g_assert_nonnull (site);
  g_assert_cmpint (byline_site_get_generator (site), ==, BYLINE_GENERATOR_JEKYLL);
  g_assert_cmpstr (byline_site_get_config_path (site), ==, config);
  schema = byline_site_get_schema_for (site, post, &collection);
  g_assert_cmpstr (collection, ==, "posts");
  g_assert_cmpstr (byline_schema_get_source (schema), ==, "built-in:jekyll");
  draft_collection = byline_site_find_collection (site, draft);
  g_assert_cmpstr (draft_collection, ==, "drafts");

  {
    g_autoptr(GDateTime) date = byline_site_dup_path_date (site, post);
    g_autoptr(GDateTime) none = byline_site_dup_path_date (site, misnamed);
    g_autofree char *folder = byline_site_dup_collection_folder (site, post);
    g_autofree char *posts = g_build_filename (root, "_posts", NULL);

    g_assert_nonnull (date);
    g_assert_cmpint (g_date_time_get_year (date), ==, 2024);
    g_assert_cmpint (g_date_time_get_month (date), ==, 1);
    g_assert_cmpint (g_date_time_get_day_of_month (date), ==, 2);
    g_assert_null (none);
    g_assert_cmpstr (folder, ==, posts);
  }

  fine = byline_site_check_path (site, post);
  g_assert_cmpuint (fine->len, ==, 0);
  skipped = byline_site_check_path (site, misnamed);
  g_assert_cmpuint (skipped->len, ==, 1);
  g_assert_cmpint (((BylineDiagnostic *) g_ptr_array_index (skipped, 0))->severity, ==,
                   BYLINE_SEVERITY_WARNING);
}

static void
test_lone (void)
{
  g_autofree char *root = new_root ("lone");
  g_autofree char *post = write_file (root, "post.md", "---\npubDatetime: 2024-01-02\n---\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineSite) site = byline_site_find (post, &error);
  g_autoptr(BylineFrontmatter) astropaper = NULL;
  g_autoptr(BylineFrontmatter) other = NULL;
  g_autoptr(BylineSchema) a = NULL;
  g_autoptr(BylineSchema) b = NULL;
  g_autofree char *collection = NULL;
  const char *text = "---\npubDatetime: 2024-01-02\n---\n";
  const char *text2 = "---\ndate: 2024-01-02\n---\n";

  g_assert_null (site);
  g_assert_error (error, BYLINE_SITE_ERROR, BYLINE_SITE_ERROR_NOT_FOUND);

  astropaper = byline_frontmatter_parse (text, strlen (text));
  other = byline_frontmatter_parse (text2, strlen (text2));
  a = byline_schema_for_post (NULL, post, astropaper, &collection);
  b = byline_schema_for_post (NULL, post, other, NULL);
  g_assert_null (collection);
  g_assert_cmpstr (byline_schema_get_source (a), ==, "built-in:astropaper");
  g_assert_null (byline_schema_get_source (b));
  g_assert_true (byline_site_takes_file (NULL, post));
  g_assert_false (byline_site_takes_file (NULL, "/x/_post.md"));
  g_assert_false (byline_site_takes_file (NULL, "/x/notes.txt"));
  g_assert_true (byline_is_post_file_name ("a.markdown"));
  g_assert_false (byline_is_post_file_name (".md"));
}

static void
test_cache (void)
{
  g_autofree char *root = new_root ("cached");
  g_autofree char *config = write_file (root, "_config.yml", "title: x\n");
  g_autofree char *post = write_file (root, "_posts/2024-01-02-a.md", "---\n---\n");
  g_autoptr(BylineSiteCache) cache = byline_site_cache_new ();
  g_autoptr(BylineSite) first = byline_site_cache_lookup (cache, post, NULL);
  g_autoptr(BylineSite) again = byline_site_cache_lookup (cache, post, NULL);
  g_autoptr(BylineSite) changed = NULL;
  g_autoptr(BylineSite) reread = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (first);
  g_assert_true (first == again);

  set_mtime (config, time (NULL) - 1000);
  changed = byline_site_cache_lookup (cache, post, NULL);
  g_assert_true (changed != first);

  byline_site_cache_invalidate (cache, byline_site_get_root (changed));
  reread = byline_site_cache_lookup (cache, post, NULL);
  g_assert_true (reread != changed);

  g_assert_null (byline_site_cache_lookup (cache, "/", &error));
  g_assert_error (error, BYLINE_SITE_ERROR, BYLINE_SITE_ERROR_NOT_FOUND);
}

/* --- JavaScript's Date, as z.coerce.date() uses it ------------------------- */

static void
test_js_date (void)
{
  /* Each checked with node 20: `isNaN (new Date (s))`. */
  static const char * const valid[] = {
    "2024-01-02", "2024-01-02 10:00", "2024/01/02", "Jan 2, 2024", "1", "version 2",
    "2024-1-2", "2024-01-02T10:00:00+0800", "02.01.2024", "2024-02-30",
    "Tue, 02 Jan 2024 10:00:00 GMT", "2024-01-02Z", "2024-01-02 10:00 PST", "12/31/2024",
    "Jan 2024", "45", "2024", "12", "1 2", "2024 1", "2 Jan", "2024-01-02 10:00:00 +0800",
    "2024-01-02 10:00:00+08:00", "2024-01-02T10:00:00.123456Z", "99-1-2", "1/2/99",
    "Sunday 2024-01-02", "(c) 2024-01-02", "2024-01-02 (c)", "+002024-01-02", "2024-01-02T24:00",
    "2024-01-02t10:00", "Janfoo 2 2024", "2024-01-02 10:00 am", "1.5", "2024.01.02", "-1",
    "2024-001",
  };
  static const char * const invalid[] = {
    "next tuesday", "hello", "2024-13-01", "20240102", "2024-01-02T25:00", "", " ",
    "31/12/2024", "2024 foo", "foo 2024 bar", "13", "foo 1 2 3 4", "10:00", "Jan",
    "2024-01-02T10:00:00+08", "2024-01-02 foo", "2024-1-2T10:00", "2 pm", "1 2 pm",
    "2024-01-02 2pm", "2024-01-02 13:00 pm", "2024-01-02 10:00 XYZ",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    if (!byline_js_date_is_valid (valid[i]))
      g_error ("“%s” should be a date", valid[i]);
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    if (byline_js_date_is_valid (invalid[i]))
      g_error ("“%s” should not be a date", invalid[i]);
}

/* --- corpus posts in sites of their own generator --------------------------- */

static guint
check_in_site (const char *root,
               const char *rel_dir,
               const char *corpus_dir)
{
  const char *corpus = g_getenv ("BYLINE_CORPUS_DIR");
  g_autofree char *from = g_build_filename (corpus, corpus_dir, NULL);
  g_autoptr(GDir) dir = g_dir_open (from, 0, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 1, 1, 0, 0, 0);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *src = g_build_filename (from, name, NULL);
      g_autofree char *text = NULL;
      g_autofree char *rel = NULL;
      g_autofree char *path = NULL;
      g_autoptr(BylineSite) site = NULL;
      g_autoptr(BylineSchema) schema = NULL;
      g_autoptr(BylineFrontmatter) fm = NULL;
      g_autoptr(GPtrArray) diags = NULL;
      gsize len = 0;

      if (!byline_is_post_file_name (name))
        continue;
      g_assert_true (g_file_get_contents (src, &text, &len, NULL));
      /* A post not named by its date is a page, outside _posts/. */
      rel = g_regex_match_simple ("^[0-9]{4}-", name, 0, 0) ? g_build_filename (rel_dir, name, NULL)
                                                            : g_strdup (name);
      path = write_file (root, rel, "");
      g_assert_true (g_file_set_contents (path, text, len, NULL));

      site = byline_site_find (path, NULL);
      g_assert_nonnull (site);
      fm = byline_frontmatter_parse (text, len);
      schema = byline_schema_for_post (site, path, fm, NULL);
      diags = byline_schema_validate (schema, fm, now);
      for (guint i = 0; i < diags->len; i++)
        {
          const BylineDiagnostic *d = g_ptr_array_index (diags, i);
          g_autofree char *line = byline_diagnostic_format (d, rel);

          g_test_message ("%s", line);
          g_assert_cmpint (d->severity, !=, BYLINE_SEVERITY_ERROR);
        }
      n++;
    }

  return n;
}

static void
test_corpus_sites (void)
{
  g_autofree char *hugo = new_root ("corpus-hugo");
  g_autofree char *jekyll = new_root ("corpus-jekyll");
  const char *corpus = g_getenv ("BYLINE_CORPUS_DIR");
  guint n = 0;

  if (corpus == NULL || !g_file_test (corpus, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("no corpus: BYLINE_CORPUS_DIR is not a folder of posts");
      return;
    }

  g_free (write_file (hugo, "hugo.toml", "title = 'corpus'\n"));
  g_free (write_file (jekyll, "_config.yml", "title: corpus\n"));

  /* The sites build these posts; so must byline check say: no errors. */
  n += check_in_site (hugo, "content/posts", "adityatelange__hugo-PaperMod");
  n += check_in_site (hugo, "content/docs", "gohugoio__hugoDocs");
  n += check_in_site (jekyll, "_posts", "jekyll__jekyll");
  n += check_in_site (jekyll, "_posts", "jekyll__minima");
  g_assert_cmpuint (n, >=, 20);
}

/* Image fields: resolved and written as the site resolves them. */
static void
test_images (void)
{
  g_autofree char *root = new_root ("images");
  g_autofree char *config = write_file (root, "astro.config.mjs", "export default {};\n");
  g_autofree char *tsconfig =
    write_file (root, "tsconfig.json",
                "{\n  // AstroPaper's\n  \"compilerOptions\": {\n    \"baseUrl\": \".\",\n"
                "    \"paths\": { \"@/*\": [\"./src/*\"] },\n  },\n}\n");
  g_autofree char *post = write_file (root, "src/data/blog/2024/hello.md", "---\n---\n");
  g_autofree char *src = g_build_filename (root, "src", NULL);
  g_autoptr(BylineSite) site = byline_site_find (post, NULL);
  g_autoptr(BylineSite) plain = NULL;
  struct { const char *value; const char *path; } resolved[] = {
    { "./cover.png", "src/data/blog/2024/cover.png" },
    { "cover.png", "src/data/blog/2024/cover.png" },
    { "../../../assets/a.jpg", "src/assets/a.jpg" },
    { "@/assets/images/a.jpg", "src/assets/images/a.jpg" },
    { "/og.png", "public/og.png" },
  };
  struct { const char *path; const char *value; } written[] = {
    { "src/data/blog/2024/cover.png", "./cover.png" },
    { "src/data/blog/2024/img/c.png", "./img/c.png" },
    { "src/assets/images/a.jpg", "@/assets/images/a.jpg" },
    { "public/og.png", "../../../../public/og.png" },
  };

  g_assert_nonnull (site);
  for (guint i = 0; i < G_N_ELEMENTS (resolved); i++)
    {
      g_autofree char *expected = g_build_filename (root, resolved[i].path, NULL);
      g_autofree char *path = byline_site_resolve_image (site, post, resolved[i].value);

      g_assert_cmpstr (path, ==, expected);
    }
  g_assert_null (byline_site_resolve_image (site, post, "https://example.com/a.png"));
  g_assert_null (byline_site_resolve_image (site, post, ""));

  for (guint i = 0; i < G_N_ELEMENTS (written); i++)
    {
      g_autofree char *path = g_build_filename (root, written[i].path, NULL);
      g_autofree char *value = byline_site_image_value (site, post, path);
      g_autofree char *back = byline_site_resolve_image (site, post, value);

      g_assert_cmpstr (value, ==, written[i].value);
      g_assert_cmpstr (back, ==, path);
    }

  /* Without the alias: relative to the post, and `@/` is not the site's. */
  g_assert_cmpint (g_unlink (tsconfig), ==, 0);
  plain = byline_site_find (post, NULL);
  {
    g_autofree char *path = g_build_filename (src, "assets", "a.jpg", NULL);
    g_autofree char *value = byline_site_image_value (plain, post, path);

    g_assert_cmpstr (value, ==, "../../../assets/a.jpg");
  }
  g_assert_false (byline_site_is_current (site));
  (void) config;
}

/* The site's own name, as Open Recent lists it. */
static void
test_title (void)
{
  static const struct { const char *name, *file, *text, *title; } cases[] = {
    { "title-hugo", "hugo.toml", "baseURL = 'https://x.org/'\ntitle = \"My \\\"Hugo\\\" blog\"\n[params]\ntitle = 'no'\n",
      "My \"Hugo\" blog" },
    { "title-hugo-yaml", "hugo.yaml", "baseURL: https://x.org/\ntitle: 'Notes: on things'\n", "Notes: on things" },
    { "title-hugo-json", "hugo.json", "{ \"title\": \"Jay Son\" }", "Jay Son" },
    { "title-jekyll", "_config.yml", "# comment\ntitle: Jekyll Days\ndescription: x\n", "Jekyll Days" },
    { "title-none", "_config.yml", "description: x\n", "title-none" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *root = new_root (cases[i].name);
      g_autofree char *config = write_file (root, cases[i].file, cases[i].text);
      g_autoptr(BylineSite) site = byline_site_load (root, BYLINE_GENERATOR_NONE, NULL);
      g_autofree char *title = NULL;

      g_assert_nonnull (site);
      title = byline_site_dup_title (site);
      g_assert_cmpstr (title, ==, cases[i].title);
    }

  /* Astro: AstroPaper's SITE.title, else package.json's name, else the folder. */
  {
    g_autofree char *root = new_root ("title-astro");
    g_autofree char *config = write_file (root, "astro.config.mjs", "export default {};\n");
    g_autofree char *title = NULL;
    g_autoptr(BylineSite) site = NULL;

    site = byline_site_load (root, BYLINE_GENERATOR_NONE, NULL);
    title = byline_site_dup_title (site);
    g_assert_cmpstr (title, ==, "title-astro");
    g_free (config);
    config = write_file (root, "package.json", "{ \"name\": \"astro-paper\", \"version\": \"5.0.0\" }");
    g_free (title);
    title = byline_site_dup_title (site);
    g_assert_cmpstr (title, ==, "astro-paper");
    g_free (config);
    config = write_file (root, "src/config.ts",
                         "export const SITE = {\n  website: \"https://x.org/\",\n  author: \"Me\",\n"
                         "  desc: \"A {braced} blog\",\n  title: 'Paper Trail',\n  ogImage: \"x.jpg\",\n} as const;\n");
    g_free (title);
    title = byline_site_dup_title (site);
    g_assert_cmpstr (title, ==, "Paper Trail");
  }
}

/* The language the site writes in, for spelling. */
static void
test_language (void)
{
  static const struct { const char *name, *file, *text, *language; } cases[] = {
    { "lang-hugo", "hugo.toml", "title = 'x'\nlanguageCode = 'de-de'\ndefaultContentLanguage = 'en'\n", "de-de" },
    { "lang-hugo-default", "hugo.yaml", "title: x\ndefaultContentLanguage: fr\n", "fr" },
    { "lang-hugo-none", "hugo.toml", "title = 'x'\n[params]\nlanguageCode = 'no'\n", NULL },
    { "lang-jekyll", "_config.yml", "title: x\nlang: en-GB\n", "en-GB" },
    { "lang-jekyll-none", "_config.yml", "title: x\n", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *root = new_root (cases[i].name);
      g_autofree char *config = write_file (root, cases[i].file, cases[i].text);
      g_autoptr(BylineSite) site = byline_site_load (root, BYLINE_GENERATOR_NONE, NULL);
      g_autofree char *language = NULL;

      g_assert_nonnull (site);
      language = byline_site_dup_language (site);
      g_assert_cmpstr (language, ==, cases[i].language);
    }

  /* Astro: AstroPaper's SITE.lang, a key after strings that hold braces */
  {
    g_autofree char *root = new_root ("lang-astro");
    g_autofree char *config = write_file (root, "astro.config.mjs", "export default {};\n");
    g_autofree char *language = NULL;
    g_autoptr(BylineSite) site = NULL;

    site = byline_site_load (root, BYLINE_GENERATOR_NONE, NULL);
    language = byline_site_dup_language (site);
    g_assert_null (language);
    g_free (config);
    config = write_file (root, "src/config.ts",
                         "export const SITE = {\n  title: \"A {braced} blog\",\n"
                         "  lang: \"pt-BR\", // html lang code\n} as const;\n");
    language = byline_site_dup_language (site);
    g_assert_cmpstr (language, ==, "pt-BR");
  }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("byline-test-site-XXXXXX", &error);
  g_assert_no_error (error);
  {
    /* Canonical, so roots compare as strings (/tmp may be a link). */
    char *canonical = g_canonicalize_filename (tmp_dir, NULL);

    g_free (tmp_dir);
    tmp_dir = canonical;
  }

  g_test_add_func ("/site/astropaper", test_astropaper);
  g_test_add_func ("/site/astro-schemas", test_astro_schemas);
  g_test_add_func ("/site/truncated-config", test_truncated_config);
  g_test_add_func ("/site/astropaper-changed", test_astropaper_changed);
  g_test_add_func ("/site/astro-legacy", test_astro_legacy);
  g_test_add_func ("/site/astro-no-config", test_astro_no_config);
  g_test_add_func ("/site/starlight", test_starlight);
  g_test_add_func ("/site/json-2020-12", test_json_2020);
  g_test_add_func ("/site/hugo", test_hugo);
  g_test_add_func ("/site/jekyll", test_jekyll);
  g_test_add_func ("/site/lone", test_lone);
  g_test_add_func ("/site/cache", test_cache);
  g_test_add_func ("/site/images", test_images);
  g_test_add_func ("/site/js-date", test_js_date);
  g_test_add_func ("/site/corpus", test_corpus_sites);
  g_test_add_func ("/site/title", test_title);
  g_test_add_func ("/site/language", test_language);

  status = g_test_run ();

  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp_dir);

    if (system (cmd) != 0)
      g_printerr ("could not remove %s\n", tmp_dir);
  }
  g_free (tmp_dir);

  return status;
}
