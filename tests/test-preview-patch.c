/* test-preview-patch.c: the preview's patches, against a render from scratch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A large post is patched by rendering only the blocks an edit touched.
 * After any edit, what the page then shows must be block for block what a
 * render of the whole post gives: the same HTML, the same source lines.
 */

#include "config.h"

#include <string.h>

#include "byline-preview-patch.h"
#include "byline-test-corpus.h"

static BylinePost *
post_new (const char *text,
          gsize       len)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, len);

  return byline_post_new (bytes, FALSE, NULL, NULL, 0, NULL);
}

static BylinePreviewPatch *
build (const char  *text,
       gsize        len,
       BylineShown *prev,
       gboolean     incremental)
{
  g_autoptr(BylinePost) post = post_new (text, len);
  BylinePreviewPatch *patch = byline_preview_patch_new (post, 1, prev, NULL, NULL, NULL, NULL, incremental);

  byline_preview_patch_build (patch);

  return patch;
}

static void
assert_same_blocks (BylineShown *got,
                    BylineShown *want)
{
  g_assert_cmpuint (byline_shown_get_n_blocks (got), ==, byline_shown_get_n_blocks (want));

  for (guint i = 0; i < byline_shown_get_n_blocks (want); i++)
    {
      guint got_first, got_last, want_first, want_last;
      const char *got_html = byline_shown_get_block (got, i, &got_first, &got_last);
      const char *want_html = byline_shown_get_block (want, i, &want_first, &want_last);

      if (got_first != want_first)
        g_test_message ("block %u: got %u-%u want %u-%u: %.60s", i, got_first, got_last,
                        want_first, want_last, want_html);
      g_assert_cmpstr (got_html, ==, want_html);
      g_assert_cmpuint (got_first, ==, want_first);
      g_assert_cmpuint (got_last, ==, want_last);
    }
}

/* The corpus, one post after another, with the first post's frontmatter. */
static GString *
long_post (void)
{
  g_autoptr(GPtrArray) files = byline_test_corpus_files (BYLINE_TEST_CORPUS_MARKDOWN);
  GString *text = g_string_new (NULL);

  for (guint i = 0; files != NULL && i < files->len; i++)
    {
      g_autofree char *contents = NULL;
      gsize len = 0;
      BylineSplit split;

      g_assert_true (g_file_get_contents (g_ptr_array_index (files, i), &contents, &len, NULL));
      if (!g_utf8_validate_len (contents, len, NULL))
        continue;
      byline_frontmatter_split (contents, len, &split);
      if (text->len == 0)
        g_string_append_len (text, contents, len);
      else
        g_string_append_len (text, contents + split.body_start, len - split.body_start);
      g_string_append (text, "\n\n");
    }

  return text;
}

static void
test_random_edits (void)
{
  static const char *pieces[] = {
    "word ", "\n", "\n\n", "*", "# ", "- ", "> ", "`", "[x]", "(", "|", "\r", "é",
  };
  g_autoptr(GString) text = long_post ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (1205);
  g_autoptr(BylinePreviewPatch) first = NULL;
  g_autoptr(BylineShown) shown = NULL;
  guint incremental = 0;

  if (text->len == 0)
    {
      g_test_skip ("no corpus: BYLINE_CORPUS_DIR is not a folder of posts");
      return;
    }

  first = build (text->str, text->len, NULL, FALSE);
  shown = byline_shown_ref (first->shown);
  g_assert_cmpuint (text->len, >, 100 * 1024);

  for (guint i = 0; i < 60; i++)
    {
      g_autoptr(BylinePreviewPatch) patched = NULL;
      g_autoptr(BylinePreviewPatch) full = NULL;
      gsize at = g_rand_int_range (rand, 0, text->len);

      /* Whole characters only. */
      while (at > 0 && (text->str[at] & 0xC0) == 0x80)
        at--;
      if (g_rand_boolean (rand))
        {
          const char *piece = pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))];
          g_autofree char *escaped = g_strescape (piece, NULL);

          g_test_message ("insert %s", escaped);
          g_string_insert (text, at, piece);
        }
      else
        {
          gsize n = 1;

          while (at + n < text->len && (text->str[at + n] & 0xC0) == 0x80)
            n++;
          g_string_erase (text, at, n);
        }

      patched = build (text->str, text->len, shown, TRUE);
      full = build (text->str, text->len, NULL, FALSE);
      g_test_message ("edit %u at %" G_GSIZE_FORMAT " (%s)", i, at,
                      patched->incremental ? "changed blocks" : "in full");
      assert_same_blocks (patched->shown, full->shown);
      incremental += patched->incremental;

      g_clear_pointer (&shown, byline_shown_unref);
      shown = byline_shown_ref (patched->shown);
    }

  /* Most edits stay within their blocks. */
  g_assert_cmpuint (incremental, >, 10);
}

/* An empty previous text has no bytes at all (UBSan: arithmetic on a NULL
 * pointer), and a lone CR is a line break to cmark-gfm. */
static void
test_edge_cases (void)
{
  g_autoptr(BylinePreviewPatch) empty = build ("", 0, NULL, FALSE);
  g_autoptr(BylinePreviewPatch) from_empty = build ("Text.\n", 6, empty->shown, TRUE);
  const char *cr = "---\rtitle: A\r---\rOne\r\rTwo\r\rThree\r\rFour\r";
  g_autoptr(BylinePreviewPatch) cr_first = build (cr, strlen (cr), NULL, FALSE);
  g_autofree char *cr_edited = g_strdup (cr);
  g_autoptr(BylinePreviewPatch) cr_patched = NULL;
  g_autoptr(BylinePreviewPatch) cr_full = NULL;

  g_assert_cmpuint (byline_shown_get_n_blocks (from_empty->shown), ==, 1);

  cr_edited[strlen ("---\rtitle: A\r---\rOne\r\rT")] = 'W';
  cr_patched = build (cr_edited, strlen (cr_edited), cr_first->shown, TRUE);
  cr_full = build (cr_edited, strlen (cr_edited), NULL, FALSE);
  assert_same_blocks (cr_patched->shown, cr_full->shown);
}

static guint
count_substrings (const char *haystack,
                  const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* @n notes, each referenced once; note @odd (if any) holds @odd_text */
static GString *
footnotes_post (guint       n,
                guint       odd,
                const char *odd_text)
{
  GString *s = g_string_new ("---\ntitle: Notes\n---\n");

  for (guint i = 1; i <= n; i++)
    g_string_append_printf (s, "x[^%u]%s", i, i % 10 == 0 ? "\n\n" : " ");
  g_string_append (s, "\n\n");
  for (guint i = 1; i <= n; i++)
    g_string_append_printf (s, "[^%u]: %s\n", i,
                            i == odd ? odd_text : "*note* with `code`, a [link](https://example.org) and<br>a break");
  return s;
}

/* Typing in one note of many changes that note only: the page is sent its
 * <li>, not the whole section (which it would parse afresh: 6 s for 50,000
 * notes). A note whose markup does not nest plainly replaces the section. */
static void
test_footnote_edit (void)
{
  g_autoptr(GString) text = footnotes_post (300, 0, NULL);
  g_autoptr(BylinePreviewPatch) first = build (text->str, text->len, NULL, FALSE);
  g_autoptr(BylinePreviewPatch) edited = NULL;
  g_autoptr(BylinePreviewPatch) full = NULL;
  g_autoptr(BylinePreviewPatch) raw_first = NULL;
  g_autoptr(BylinePreviewPatch) raw_edited = NULL;
  g_autoptr(GString) raw = NULL;
  char *at = strstr (text->str, "[^150]: ") + strlen ("[^150]: ");

  g_string_insert (text, at - text->str, "Edited ");
  edited = build (text->str, text->len, first->shown, TRUE);
  full = build (text->str, text->len, NULL, FALSE);
  assert_same_blocks (edited->shown, full->shown);
  g_test_message ("%.300s", edited->script->str);
  g_assert_true (g_str_has_prefix (edited->script->str, "byline.patch(1,[[3,"));
  g_assert_cmpuint (count_substrings (edited->script->str, "],[3,"), ==, 0);
  g_assert_cmpuint (count_substrings (edited->script->str, "<li"), ==, 1);
  g_assert_nonnull (strstr (edited->script->str, "<li id=\\\"user-content-fn-150\\\">\\n<p>Edited <em>"));
  g_assert_nonnull (strstr (edited->script->str, ",[149],300],"));
  g_assert_null (strstr (edited->script->str, "<section"));

  /* an element left open in a note: the whole section */
  raw = footnotes_post (300, 150, "<div>open");
  raw_first = build (raw->str, raw->len, NULL, FALSE);
  at = strstr (raw->str, "<div>open") + strlen ("<div>");
  g_string_insert (raw, at - raw->str, "Edited ");
  raw_edited = build (raw->str, raw->len, raw_first->shown, TRUE);
  g_assert_nonnull (strstr (raw_edited->script->str, "[0,"));
  g_assert_nonnull (strstr (raw_edited->script->str, "<section"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/preview-patch/random-edits", test_random_edits);
  g_test_add_func ("/preview-patch/edge-cases", test_edge_cases);
  g_test_add_func ("/preview-patch/footnote-edit", test_footnote_edit);

  return g_test_run ();
}
