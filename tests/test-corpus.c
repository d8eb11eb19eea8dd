/* test-corpus.c: every edit on every real post in the corpus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For each file: parsing and writing back is byte-identical; then each edit
 * a blog author makes is planned, applied and the result parsed again. The
 * re-parsed mapping must equal the original with just that change, and the
 * bytes of every other entry and of the body must be unchanged.
 */

#include "config.h"

#include <string.h>

#include "byline-frontmatter.h"
#include "byline-test-corpus.h"

static const char * const key_order[] = {
  "author", "pubDatetime", "modDatetime", "title", "slug", "featured", "draft",
  "tags", "ogImage", "description", "canonicalURL", "hideEditPost", "timezone", NULL
};

typedef struct
{
  guint files;
  guint with_yaml;
  guint without;
  guint broken;
  guint edits;
} Counts;

static char *
value_json (BylineFrontmatter *fm,
            const char        *key)
{
  return byline_frontmatter_to_json (fm, key);
}

/* Applies @edit and checks the result against @fm: no error, body bytes
 * the same, every entry but @key byte-identical and reading the same,
 * @key reads as @expected (JSON; NULL: absent; "timestamp": a timestamp). */
static void
check_result (const char           *path,
              BylineFrontmatter    *fm,
              const BylineTextEdit *edit,
              const char           *key,
              const char           *expected,
              Counts               *counts)
{
  gsize len;
  gsize new_len;
  const char *text = byline_frontmatter_get_text (fm, &len);
  g_autofree char *new_text = byline_text_edit_apply (edit, text, len, &new_len);
  g_autoptr(BylineFrontmatter) after = byline_frontmatter_parse (new_text, new_len);
  const BylineSplit *s0 = byline_frontmatter_get_split (fm);
  const BylineSplit *s1 = byline_frontmatter_get_split (after);
  const BylineEntry *target_before = byline_frontmatter_lookup (fm, key);
  const BylineEntry *target_after;
  guint n_before = byline_frontmatter_get_n_entries (fm);
  guint n_expected;

  g_test_message ("%s: %s", path, key);
  g_assert_no_error ((GError *) byline_frontmatter_get_error (after));
  counts->edits++;

  /* The edit stays inside the entry, or inserts at one point. */
  if (target_before != NULL)
    {
      g_assert_cmpuint (edit->offset, >=, target_before->start);
      g_assert_cmpuint (edit->offset + edit->length, <=, target_before->end);
    }
  else
    {
      g_assert_cmpuint (edit->length, ==, 0);
    }

  /* Body unchanged. */
  g_assert_cmpuint (len - s0->body_start, ==, new_len - s1->body_start);
  g_assert_true (memcmp (text + s0->body_start, new_text + s1->body_start, len - s0->body_start) == 0);

  for (guint i = 0; i < n_before; i++)
    {
      const BylineEntry *e0 = byline_frontmatter_get_entry (fm, i);
      const BylineEntry *e1;
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;

      if (g_str_equal (e0->key, key))
        continue;
      e1 = byline_frontmatter_lookup (after, e0->key);
      g_assert_nonnull (e1);
      g_assert_cmpuint (e0->end - e0->start, ==, e1->end - e1->start);
      g_assert_true (memcmp (text + e0->start, new_text + e1->start, e0->end - e0->start) == 0);
      a = byline_node_to_json (e0->value);
      b = byline_node_to_json (e1->value);
      g_assert_cmpstr (a, ==, b);
    }

  n_expected = n_before;
  if (expected == NULL && target_before != NULL)
    n_expected--;
  else if (expected != NULL && target_before == NULL)
    n_expected++;
  g_assert_cmpuint (byline_frontmatter_get_n_entries (after), ==, n_expected);

  target_after = byline_frontmatter_lookup (after, key);
  if (expected == NULL)
    {
      g_assert_null (target_after);
    }
  else if (g_str_equal (expected, "timestamp"))
    {
      g_assert_nonnull (target_after);
      g_assert_cmpint (target_after->value->type, ==, BYLINE_VALUE_TIMESTAMP);
    }
  else
    {
      g_autofree char *got = value_json (after, key);

      g_assert_cmpstr (got, ==, expected);
    }
}

static char *
string_json (const char *s)
{
  g_autoptr(GString) doc = g_string_new ("---\nv: ");
  g_autoptr(BylineFrontmatter) fm = NULL;

  /* Let the engine's own JSON writer quote it, via a double-quoted scalar
   * with nothing to escape but quotes and backslashes. */
  g_string_append_c (doc, '"');
  for (const char *p = s; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (doc, '\\');
      g_string_append_c (doc, *p);
    }
  g_string_append (doc, "\"\n---\n");
  fm = byline_frontmatter_parse (doc->str, doc->len);
  return value_json (fm, "v");
}

static char *
list_json (const char * const *items)
{
  g_autoptr(GString) doc = g_string_new ("---\nv: [");
  g_autoptr(BylineFrontmatter) fm = NULL;

  for (guint i = 0; items[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (doc, ", ");
      g_string_append_c (doc, '"');
      for (const char *p = items[i]; *p != '\0'; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (doc, '\\');
          g_string_append_c (doc, *p);
        }
      g_string_append_c (doc, '"');
    }
  g_string_append (doc, "]\n---\n");
  fm = byline_frontmatter_parse (doc->str, doc->len);
  return value_json (fm, "v");
}

static void
edit_and_check (const char        *path,
                BylineFrontmatter *fm,
                BylineTextEdit    *edit,
                GError            *error,
                const char        *key,
                const char        *expected,
                Counts            *counts)
{
  g_assert_no_error (error);
  g_assert_nonnull (edit);
  check_result (path, fm, edit, key, expected, counts);
  byline_text_edit_free (edit);
}

static void
check_file (const char *path,
            Counts     *counts)
{
  g_autofree char *text = NULL;
  gsize len;
  g_autoptr(BylineFrontmatter) fm = NULL;
  g_autoptr(GError) error = NULL;
  const BylineSplit *split;
  const char *back;
  gsize back_len;

  g_assert_true (g_file_get_contents (path, &text, &len, NULL));
  fm = byline_frontmatter_parse (text, len);
  byline_frontmatter_set_key_order (fm, key_order);
  counts->files++;

  /* Identity: parse, no edit, the same bytes. */
  back = byline_frontmatter_get_text (fm, &back_len);
  g_assert_cmpuint (back_len, ==, len);
  g_assert_true (memcmp (back, text, len) == 0);

  split = byline_frontmatter_get_split (fm);
  if (byline_frontmatter_get_error (fm) != NULL)
    {
      BylineTextEdit *edit;

      /* Reported, with a position, and never edited. */
      counts->broken++;
      g_test_message ("%s: %s", path, byline_frontmatter_get_error (fm)->message);
      g_assert_true (byline_frontmatter_get_error_position (fm, NULL, NULL, NULL));
      edit = byline_frontmatter_plan_set_boolean (fm, "draft", TRUE, &error);
      g_assert_null (edit);
      g_assert_error (error, BYLINE_FRONTMATTER_ERROR, byline_frontmatter_get_error (fm)->code);
      return;
    }
  if (split->kind == BYLINE_BLOCK_NONE)
    {
      g_autofree char *expected = string_json ("Colon: and #hash");
      BylineTextEdit *edit;

      counts->without++;
      edit = byline_frontmatter_plan_set_string (fm, "title", "Colon: and #hash", &error);
      edit_and_check (path, fm, edit, error, "title", expected, counts);
      g_assert_cmpuint (byline_frontmatter_get_n_entries (fm), ==, 0);
      return;
    }
  counts->with_yaml++;

  /* Toggle draft. */
  {
    const BylineEntry *draft = byline_frontmatter_lookup (fm, "draft");
    gboolean now = draft != NULL && draft->value->type == BYLINE_VALUE_BOOLEAN && draft->value->boolean;
    BylineTextEdit *edit = byline_frontmatter_plan_set_boolean (fm, "draft", !now, &error);

    edit_and_check (path, fm, edit, error, "draft", now ? "false" : "true", counts);
  }

  /* A title that needs quotes. */
  {
    g_autofree char *expected = string_json ("Colon: and #hash");
    BylineTextEdit *edit = byline_frontmatter_plan_set_string (fm, "title", "Colon: and #hash", &error);

    edit_and_check (path, fm, edit, error, "title", expected, counts);
  }

  /* Add a tag, then remove one. */
  {
    const BylineEntry *tags = byline_frontmatter_lookup (fm, "tags");
    g_autoptr(GPtrArray) items = g_ptr_array_new ();
    gboolean all_strings = tags != NULL && tags->value->type == BYLINE_VALUE_SEQUENCE;

    for (guint i = 0; all_strings && i < tags->value->items->len; i++)
      {
        const BylineNode *item = g_ptr_array_index (tags->value->items, i);

        if (item->type != BYLINE_VALUE_STRING)
          all_strings = FALSE;
        else
          g_ptr_array_add (items, item->string);
      }
    if (!all_strings)
      g_ptr_array_set_size (items, 0);

    g_ptr_array_add (items, (gpointer) "byline test: tag");
    g_ptr_array_add (items, NULL);
    {
      g_autofree char *expected = list_json ((const char * const *) items->pdata);
      BylineTextEdit *edit = byline_frontmatter_plan_set_list (fm, "tags",
                                                               (const char * const *) items->pdata,
                                                               &error);

      edit_and_check (path, fm, edit, error, "tags", expected, counts);
    }
    g_ptr_array_remove_index (items, items->len - 1);
    g_ptr_array_remove_index (items, items->len - 1);
    if (items->len > 0)
      {
        g_autofree char *expected = NULL;
        BylineTextEdit *edit;

        g_ptr_array_remove_index (items, 0);
        g_ptr_array_add (items, NULL);
        expected = list_json ((const char * const *) items->pdata);
        edit = byline_frontmatter_plan_set_list (fm, "tags", (const char * const *) items->pdata, &error);
        edit_and_check (path, fm, edit, error, "tags", expected, counts);

        /* Removing one tag from a block list removes exactly one line. */
        if (tags->value->style == BYLINE_STYLE_BLOCK && items->len > 1)
          {
            g_autoptr(BylineTextEdit) again =
              byline_frontmatter_plan_set_list (fm, "tags", (const char * const *) items->pdata, NULL);
            const BylineNode *first = g_ptr_array_index (tags->value->items, 0);
            gsize nl = 0;

            for (gsize i = 0; i < again->length; i++)
              nl += text[again->offset + i] == '\n';
            g_assert_cmpstr (again->text, ==, "");
            if (strchr (first->string, '\n') == NULL && first->end <= tags->value->end)
              g_assert_cmpuint (nl, ==, 1);
          }
      }
  }

  /* modDatetime to now. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    BylineTextEdit *edit = byline_frontmatter_plan_set_timestamp (fm, "modDatetime", now, &error);

    edit_and_check (path, fm, edit, error, "modDatetime", "timestamp", counts);
  }

  /* Add a missing key. */
  {
    BylineTextEdit *edit = byline_frontmatter_plan_set_string (fm, "bylineAdded", "added value", &error);

    g_assert_null (byline_frontmatter_lookup (fm, "bylineAdded"));
    edit_and_check (path, fm, edit, error, "bylineAdded", "\"added value\"", counts);
  }

  /* Remove keys: the first, the middle and the last one. */
  {
    guint n = byline_frontmatter_get_n_entries (fm);
    guint which[] = { 0, n / 2, n - 1 };

    for (guint i = 0; n > 0 && i < G_N_ELEMENTS (which); i++)
      {
        const BylineEntry *entry = byline_frontmatter_get_entry (fm, which[i]);
        BylineTextEdit *edit = byline_frontmatter_plan_unset (fm, entry->key, &error);

        g_assert_cmpuint (edit->offset, ==, entry->start);
        g_assert_cmpuint (edit->length, ==, entry->end - entry->start);
        edit_and_check (path, fm, edit, error, entry->key, NULL, counts);
      }
  }
}

static void
test_corpus (void)
{
  g_autoptr(GPtrArray) files = byline_test_corpus_files (BYLINE_TEST_CORPUS_WITH_MDX);
  Counts counts = { 0 };

  if (files == NULL)
    {
      g_test_skip ("no corpus: BYLINE_CORPUS_DIR is not a folder of posts");
      return;
    }

  for (guint i = 0; i < files->len; i++)
    check_file (g_ptr_array_index (files, i), &counts);

  g_test_message ("corpus: %u files checked (%u with YAML frontmatter, %u without, %u broken), "
                  "%u edits verified", counts.files, counts.with_yaml, counts.without,
                  counts.broken, counts.edits);
  g_assert_cmpuint (counts.files, ==, files->len);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/corpus/every-file", test_corpus);

  return g_test_run ();
}
