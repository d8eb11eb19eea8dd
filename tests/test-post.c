/* test-post.c: the snapshot every view of a post reads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "byline-post.h"
#include "byline-test-corpus.h"

#define POST \
  "---\n" \
  "title: Hello\n" \
  "description: A post.\n" \
  "pubDatetime: 2024-01-02T03:04:05Z\n" \
  "tags:\n" \
  "  - gtk\n" \
  "  - c\n" \
  "featured: true\n" \
  "---\n" \
  "Body text.\n"

static BylinePost *
post_new (const char *text,
          BylinePost *previous)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(BylineSchema) schema = byline_schema_new_astropaper ();
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 1, 1, 0, 0, 0);

  /* The same schema object as the previous post's, as in a document. */
  if (previous != NULL && byline_post_get_schema (previous) != NULL)
    {
      g_clear_pointer (&schema, byline_schema_unref);
      schema = byline_schema_ref (byline_post_get_schema (previous));
    }

  return byline_post_new (bytes, FALSE, schema, previous,
                          previous ? byline_post_get_serial (previous) + 1 : 1, now);
}

static char *
apply (BylinePost     *post,
       BylineTextEdit *edit)
{
  gsize len = 0;
  const char *text = byline_post_peek_text (post, &len);

  return byline_text_edit_apply (edit, text, len, NULL);
}

static void
test_values (void)
{
  g_autoptr(BylinePost) post = post_new (POST, NULL);
  const char * const *tags = byline_post_get_tags (post);

  g_assert_cmpstr (byline_post_get_title (post), ==, "Hello");
  g_assert_cmpstr (byline_post_get_description (post), ==, "A post.");
  g_assert_false (byline_post_get_draft (post));
  g_assert_true (byline_post_get_featured (post));
  g_assert_nonnull (byline_post_get_published (post));
  g_assert_cmpint (g_date_time_get_year (byline_post_get_published (post)), ==, 2024);
  g_assert_cmpint (g_date_time_get_hour (byline_post_get_published (post)), ==, 3);
  g_assert_null (byline_post_get_modified (post));
  g_assert_cmpuint (g_strv_length ((char **) tags), ==, 2);
  g_assert_cmpstr (tags[1], ==, "c");
  g_assert_true (byline_post_get_editable (post));
  g_assert_false (byline_post_is_partial (post));
  g_assert_cmpuint (byline_post_get_body_line (post), ==, 10);
  g_assert_cmpuint (byline_post_get_body_offset (post), ==, strlen (POST) - strlen ("Body text.\n"));
  g_assert_cmpuint (byline_post_get_diagnostics (post)->len, ==, 0);
}

/* Other sites name their dates otherwise. */
static void
test_other_date_keys (void)
{
  g_autoptr(BylinePost) tutorial = post_new ("---\ntitle: T\npubDate: 2022-07-01\n---\n", NULL);
  g_autoptr(BylinePost) jekyll = post_new ("---\ntitle: T\ndate: 2019-08-04 10:43:31 -0500\n---\n", NULL);
  g_autoptr(BylinePost) hugo = post_new ("---\ntitle: T\ndate: '2023-01-02'\nlastmod: 2023-02-03\n---\n", NULL);

  g_assert_cmpint (g_date_time_get_year (byline_post_get_published (tutorial)), ==, 2022);
  g_assert_cmpint (g_date_time_get_month (byline_post_get_published (jekyll)), ==, 8);
  g_assert_cmpint (g_date_time_get_year (byline_post_get_published (hugo)), ==, 2023);
  g_assert_cmpint (g_date_time_get_month (byline_post_get_modified (hugo)), ==, 2);
}

/* Typing in the body reuses the block's parse; touching the block doesn't. */
static void
test_reuse (void)
{
  g_autoptr(BylinePost) first = post_new (POST, NULL);
  g_autoptr(BylinePost) body = post_new (POST "More.\n", first);
  g_autoptr(BylinePost) block = NULL;
  g_autofree char *changed = g_strdup (POST);

  g_assert_true (byline_post_same_frontmatter (body, first));
  g_assert_true (byline_post_get_frontmatter (body) == byline_post_get_frontmatter (first));
  g_assert_true (byline_post_get_diagnostics (body) == byline_post_get_diagnostics (first));
  g_assert_cmpuint (byline_post_get_serial (body), ==, 2);

  changed[strlen ("---\ntitle: Hel")] = 'p';
  changed[strlen ("---\ntitle: Hell")] = ' ';
  block = post_new (changed, body);
  g_assert_false (byline_post_same_frontmatter (block, body));
  g_assert_cmpstr (byline_post_get_title (block), ==, "Help");
  g_assert_cmpstr (byline_post_get_title (body), ==, "Hello");
}

/* One key order for every edit: the schema's. A new `draft` goes where
 * AstroPaper's own posts have it, after `featured`, not at the end. */
static void
test_key_order (void)
{
  g_autoptr(BylinePost) post = post_new (POST, NULL);
  g_autoptr(BylineTextEdit) draft = NULL;
  g_autoptr(BylineTextEdit) mod = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_utc (2024, 5, 6, 7, 8, 9);
  g_autoptr(GError) error = NULL;
  g_autofree char *with_draft = NULL;
  g_autofree char *with_mod = NULL;

  draft = byline_frontmatter_plan_set_boolean (byline_post_get_frontmatter (post), "draft", TRUE, &error);
  g_assert_no_error (error);
  with_draft = apply (post, draft);
  g_assert_cmpstr (with_draft, ==,
                   "---\n"
                   "title: Hello\n"
                   "description: A post.\n"
                   "pubDatetime: 2024-01-02T03:04:05Z\n"
                   "tags:\n"
                   "  - gtk\n"
                   "  - c\n"
                   "featured: true\n"
                   "draft: true\n"
                   "---\n"
                   "Body text.\n");

  mod = byline_frontmatter_plan_set_timestamp (byline_post_get_frontmatter (post), "modDatetime", when, &error);
  g_assert_no_error (error);
  with_mod = apply (post, mod);
  g_assert_nonnull (strstr (with_mod, "pubDatetime: 2024-01-02T03:04:05Z\nmodDatetime: 2024-05-06T07:08:09Z\ntags:"));
}

/* A post without a block: an edit adds one at the top, in the file's line
 * breaks. */
static void
test_no_block (void)
{
  g_autoptr(BylinePost) post = post_new ("Just a body.\r\nSecond line.\r\n", NULL);
  g_autoptr(BylineTextEdit) edit = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *result = NULL;

  g_assert_cmpint (byline_post_get_split (post)->kind, ==, BYLINE_BLOCK_NONE);
  g_assert_true (byline_post_get_editable (post));
  edit = byline_frontmatter_plan_set_string (byline_post_get_frontmatter (post), "title", "T", &error);
  g_assert_no_error (error);
  result = apply (post, edit);
  g_assert_cmpstr (result, ==, "---\r\ntitle: T\r\n---\r\nJust a body.\r\nSecond line.\r\n");
}

static void
test_damaged_fence (void)
{
  const char *damaged[] = {
    "X---\ntitle: A\n---\nBody\n",
    "--\ntitle: A\n---\nBody\n",
    "---x\ntitle: A\n---\nBody\n",
    "----\ntitle: A\n---\nBody\n",
    "-x-\r\ntitle: A\r\n---\r\nBody\r\n",
  };
  const char *fine[] = {
    "---\ntitle: A\n---\nBody\n",
    "Just text\n---\nmore\n",
    "----\nA thematic break, and no fence after it.\n",
    "---\ntitle: still typing the block\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (damaged); i++)
    {
      g_autoptr(BylinePost) post = post_new (damaged[i], NULL);
      GPtrArray *diagnostics = byline_post_get_diagnostics (post);
      const BylineDiagnostic *d;

      g_test_message ("damaged: %s", damaged[i]);
      g_assert_true (byline_post_get_damaged_fence (post));
      g_assert_false (byline_post_get_editable (post));
      /* The damage, and not a list of missing fields. */
      g_assert_cmpuint (diagnostics->len, ==, 1);
      d = g_ptr_array_index (diagnostics, 0);
      g_assert_cmpint (d->severity, ==, BYLINE_SEVERITY_ERROR);
      g_assert_cmpuint (d->line, ==, 1);
      g_assert_cmpuint (d->offset, ==, 0);
      g_assert_cmpuint (d->length, ==, strcspn (damaged[i], "\r\n"));
    }

  for (guint i = 0; i < G_N_ELEMENTS (fine); i++)
    {
      g_autoptr(BylinePost) post = post_new (fine[i], NULL);

      g_test_message ("fine: %s", fine[i]);
      g_assert_false (byline_post_get_damaged_fence (post));
    }
}

/* Repairing the fence makes the post editable again, and the reuse does
 * not carry the damage over. */
static void
test_damage_repaired (void)
{
  g_autoptr(BylinePost) damaged = post_new ("X---\ntitle: A\n---\nBody\n", NULL);
  g_autoptr(BylinePost) repaired = post_new ("---\ntitle: A\n---\nBody\n", damaged);

  g_assert_true (byline_post_get_damaged_fence (damaged));
  g_assert_false (byline_post_get_damaged_fence (repaired));
  g_assert_true (byline_post_get_editable (repaired));
  g_assert_cmpstr (byline_post_get_title (repaired), ==, "A");
}

static void
test_diagnostics (void)
{
  g_autoptr(BylinePost) broken = post_new ("---\ntitle: [\n---\n", NULL);
  g_autoptr(BylinePost) missing = post_new ("---\ndescription: D\npubDatetime: 2024-01-02\n---\n", NULL);
  g_autoptr(BylinePost) toml = post_new ("+++\ntitle = \"T\"\n+++\n", NULL);
  g_autoptr(BylinePost) bad_toml = post_new ("+++\ntitle = \n+++\n", NULL);
  const BylineDiagnostic *d;

  g_assert_false (byline_post_get_editable (broken));
  g_assert_cmpuint (byline_post_get_diagnostics (broken)->len, ==, 1);
  d = g_ptr_array_index (byline_post_get_diagnostics (broken), 0);
  g_assert_cmpint (d->severity, ==, BYLINE_SEVERITY_ERROR);
  g_assert_null (d->key);

  g_assert_true (byline_post_get_editable (missing));
  d = g_ptr_array_index (byline_post_get_diagnostics (missing), 0);
  g_assert_cmpstr (d->key, ==, "title");

  /* TOML is read and edited like YAML; broken TOML like broken YAML. */
  g_assert_true (byline_post_get_editable (toml));
  g_assert_false (byline_post_get_editable (bad_toml));
  g_assert_cmpuint (byline_post_get_diagnostics (bad_toml)->len, ==, 1);
  d = g_ptr_array_index (byline_post_get_diagnostics (bad_toml), 0);
  g_assert_cmpint (d->severity, ==, BYLINE_SEVERITY_ERROR);
  g_assert_cmpuint (d->line, ==, 2);
}

/* The parse covers the block only; on every real post it reads exactly as
 * a parse of the whole text does. */
static void
test_corpus (void)
{
  g_autoptr(GPtrArray) files = byline_test_corpus_files (BYLINE_TEST_CORPUS_WITH_MDX);

  if (files == NULL)
    {
      g_test_skip ("no corpus: BYLINE_CORPUS_DIR is not a folder of posts");
      return;
    }

  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autofree char *text = NULL;
      g_autofree char *whole_json = NULL;
      g_autofree char *head_json = NULL;
      g_autoptr(BylineFrontmatter) whole = NULL;
      g_autoptr(BylinePost) post = NULL;
      gsize len = 0;

      g_assert_true (g_file_get_contents (path, &text, &len, NULL));
      if (!g_utf8_validate_len (text, len, NULL))
        continue;
      whole = byline_frontmatter_parse (text, len);
      post = post_new (text, NULL);
      whole_json = byline_frontmatter_to_json (whole, NULL);
      head_json = byline_frontmatter_to_json (byline_post_get_frontmatter (post), NULL);
      g_assert_cmpstr (head_json, ==, whole_json);
      g_assert_cmpuint (byline_post_get_body_offset (post), ==,
                        byline_frontmatter_get_split (whole)->body_start);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/post/values", test_values);
  g_test_add_func ("/post/other-date-keys", test_other_date_keys);
  g_test_add_func ("/post/reuse", test_reuse);
  g_test_add_func ("/post/key-order", test_key_order);
  g_test_add_func ("/post/no-block", test_no_block);
  g_test_add_func ("/post/damaged-fence", test_damaged_fence);
  g_test_add_func ("/post/damage-repaired", test_damage_repaired);
  g_test_add_func ("/post/diagnostics", test_diagnostics);
  g_test_add_func ("/post/corpus", test_corpus);

  return g_test_run ();
}
