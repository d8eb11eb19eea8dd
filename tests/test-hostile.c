/* test-hostile.c: pathological Markdown renders, and patches as it renders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each hostile shape of issue 14 (byline-test-hostile.c), small enough for
 * the suite under sanitizers but as deep or as wide as the issue asks
 * (10,000 levels, 5,000 columns): the whole post renders into well-formed
 * HTML with the structure the Markdown asks for and blocks in line order,
 * and after one character typed in the middle the preview's patch (the
 * changed blocks alone where it can) shows block for block what a render
 * of the whole new text shows. Timings are bench-hostile's.
 */

#include "config.h"

#include <string.h>

#include "byline-preview-patch.h"
#include "byline-test-hostile.h"

#define DEPTH 10000
#define COLUMNS 5000

typedef struct
{
  BylineTestHostile shape;
  gsize             size;
  guint             depth;
} Case;

static BylinePreviewPatch *
build (GString     *text,
       BylinePost  *previous,
       BylineShown *prev,
       gboolean     incremental,
       BylinePost **post_out)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text->str, text->len);
  g_autoptr(BylinePost) post = byline_post_new (bytes, FALSE, NULL, previous, 0, NULL);
  BylinePreviewPatch *patch = byline_preview_patch_new (post, 1, prev, NULL, NULL, NULL, NULL,
                                                        incremental);

  byline_preview_patch_build (patch);
  if (post_out != NULL)
    *post_out = g_steal_pointer (&post);
  return patch;
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;
  gsize len = strlen (needle);

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + len, needle))
    n++;
  return n;
}

static gboolean
is_void (const char *name,
         gsize       len)
{
  static const char *void_elements[] = { "br", "hr", "img", "input", "col", "wbr" };

  for (guint i = 0; i < G_N_ELEMENTS (void_elements); i++)
    if (strlen (void_elements[i]) == len && strncmp (name, void_elements[i], len) == 0)
      return TRUE;
  return FALSE;
}

/* Every element @html opens it closes, in order (no raw HTML in these
 * posts, so the tags are all ours). Returns how deep @element nests. */
static guint
assert_well_formed (const char *html,
                    const char *element)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func (g_free);
  guint depth = 0, max_depth = 0;

  for (const char *p = strchr (html, '<'); p != NULL; p = strchr (p + 1, '<'))
    {
      gboolean closing = p[1] == '/';
      const char *name = p + 1 + closing;
      gsize len = 0;

      while (g_ascii_isalnum (name[len]))
        len++;
      g_assert_cmpuint (len, >, 0);
      if (is_void (name, len))
        continue;
      if (!closing)
        {
          g_ptr_array_add (stack, g_strndup (name, len));
          if (strlen (element) == len && strncmp (name, element, len) == 0)
            {
              depth++;
              max_depth = MAX (max_depth, depth);
            }
        }
      else
        {
          g_autofree char *open = NULL;

          g_assert_cmpuint (stack->len, >, 0);
          open = g_ptr_array_steal_index (stack, stack->len - 1);
          g_assert_cmpuint (strlen (open), ==, len);
          g_assert_cmpint (strncmp (open, name, len), ==, 0);
          if (strlen (element) == len && strncmp (name, element, len) == 0)
            depth--;
        }
    }
  g_assert_cmpuint (stack->len, ==, 0);
  return max_depth;
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

      g_assert_cmpstr (got_html, ==, want_html);
      g_assert_cmpuint (got_first, ==, want_first);
      g_assert_cmpuint (got_last, ==, want_last);
    }
}

/* the blocks' lines lie in the body, in order; the footnotes section
 * spans the definitions */
static void
assert_lines (BylineShown                 *shown,
              const BylineTestHostilePost *post,
              guint                        body_line)
{
  guint n = byline_shown_get_n_blocks (shown);
  guint last_line = body_line + post->n_lines;
  guint prev_last = 0;

  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      guint first, last;
      const char *html = byline_shown_get_block (shown, i, &first, &last);

      g_assert_nonnull (html);
      g_assert_cmpuint (strlen (html), >, 0);
      g_assert_cmpuint (first, >=, body_line);
      g_assert_cmpuint (first, <=, last);
      g_assert_cmpuint (last, <=, last_line);
      if (!g_str_has_prefix (html, "<section data-footnotes"))
        g_assert_cmpuint (first, >, prev_last);
      prev_last = last;
    }
}

static char *
joined_html (BylineShown *shown)
{
  GString *html = g_string_new (NULL);

  for (guint i = 0; i < byline_shown_get_n_blocks (shown); i++)
    {
      g_string_append (html, byline_shown_get_block (shown, i, NULL, NULL));
      g_string_append_c (html, '\n');
    }
  return g_string_free (html, FALSE);
}

/* what the Markdown asks for, shape by shape */
static void
assert_structure (const Case                  *c,
                  const BylineTestHostilePost *post,
                  BylineShown                 *shown)
{
  g_autofree char *html = joined_html (shown);
  guint n = byline_shown_get_n_blocks (shown);

  switch (c->shape)
    {
    case BYLINE_TEST_HOSTILE_HEADINGS:
      {
        g_autofree char *last_id = g_strdup_printf ("id=\"heading-%u\"", post->n_units - 1);

        /* one block per heading; github-slugger numbers the repeats */
        g_assert_cmpuint (n, ==, post->n_units);
        g_assert_cmpuint (count (html, "<h1 id=\"heading"), ==, post->n_units);
        g_assert_nonnull (strstr (byline_shown_get_block (shown, n - 1, NULL, NULL), last_id));
        assert_well_formed (html, "h1");
      }
      break;
    case BYLINE_TEST_HOSTILE_BLOCKQUOTES:
      g_assert_cmpuint (n, ==, 1);
      g_assert_cmpuint (assert_well_formed (html, "blockquote"), ==, c->depth);
      g_assert_cmpuint (count (html, "<blockquote>"), ==, c->depth);
      /* deeper than a page builds: the preview pauses on it */
      g_assert_cmpuint (byline_shown_get_max_depth (shown), >=, c->depth);
      break;
    case BYLINE_TEST_HOSTILE_LISTS:
      /* each line starts a new item of the outermost list */
      g_assert_cmpuint (n, ==, 1);
      g_assert_cmpuint (assert_well_formed (html, "ul"), ==, c->depth);
      g_assert_cmpuint (count (html, "<li>"), ==, c->depth * post->n_lines);
      g_assert_cmpuint (byline_shown_get_max_depth (shown), >=, 2 * c->depth);
      break;
    case BYLINE_TEST_HOSTILE_ONE_LINE:
      g_assert_cmpuint (n, ==, 1);
      g_assert_true (g_str_has_prefix (html, "<p>"));
      assert_well_formed (html, "p");
      /* smartypants ran over the whole line */
      g_assert_cmpuint (count (html, "\xe2\x80\x98" "dolor\xe2\x80\x99"), >, 1000);
      break;
    case BYLINE_TEST_HOSTILE_EMPHASIS:
      g_assert_cmpuint (n, ==, 1);
      /* openers that no closer matches: the text stays as written */
      assert_well_formed (html, "em");
      g_assert_cmpuint (count (html, "<em>"), ==, 0);
      g_assert_cmpuint (count (html, "*a **b"), ==, post->n_units);
      break;
    case BYLINE_TEST_HOSTILE_FOOTNOTES:
      /* the paragraphs, then the footnotes section with every note */
      g_assert_cmpuint (n, ==, (post->n_units + 9) / 10 + 1);
      g_assert_true (g_str_has_prefix (byline_shown_get_block (shown, n - 1, NULL, NULL),
                                       "<section data-footnotes"));
      g_assert_cmpuint (count (html, "<li id=\"user-content-fn-"), ==, post->n_units);
      g_assert_cmpuint (count (html, "data-footnote-ref=\"\""), ==, post->n_units);
      g_assert_cmpuint (count (html, "data-footnote-backref=\"\""), ==, post->n_units);
      assert_well_formed (html, "li");
      break;
    case BYLINE_TEST_HOSTILE_TABLE:
      g_assert_cmpuint (n, ==, 1);
      g_assert_cmpuint (count (html, "<th>") + count (html, "<th align="), ==, c->depth);
      g_assert_cmpuint (count (html, "<td>") + count (html, "<td align="), ==, c->depth * (post->n_lines - 2));
      assert_well_formed (html, "table");
      break;
    case BYLINE_TEST_HOSTILE_PROSE:
      g_assert_cmpuint (n, ==, post->n_units);
      assert_well_formed (html, "p");
      break;
    case BYLINE_TEST_HOSTILE_N_SHAPES:
    default:
      g_assert_not_reached ();
    }
}

static void
test_shape (gconstpointer data)
{
  const Case *c = data;
  BylineTestHostilePost hostile;
  g_autoptr(BylinePost) post = NULL;
  g_autoptr(BylinePreviewPatch) full = NULL;
  g_autoptr(BylinePreviewPatch) patched = NULL;
  g_autoptr(BylinePreviewPatch) again = NULL;
  g_autofree char *before = NULL;
  guint body_line;
  gsize at;

  byline_test_hostile_make (c->shape, c->size, c->depth, &hostile);
  full = build (hostile.text, NULL, NULL, FALSE, &post);
  body_line = byline_post_get_body_line (post);
  assert_lines (full->shown, &hostile, body_line);
  assert_structure (c, &hostile, full->shown);
  if (c->shape != BYLINE_TEST_HOSTILE_BLOCKQUOTES && c->shape != BYLINE_TEST_HOSTILE_LISTS)
    g_assert_cmpuint (byline_shown_get_max_depth (full->shown), <, 10);
  g_assert_true (full->changed);

  /* one character typed in the middle, patched as the preview patches a
   * large post, against the whole text rendered afresh */
  at = byline_test_hostile_edit_at (hostile.text, hostile.body_start);
  g_string_insert_c (hostile.text, at, 'x');
  patched = build (hostile.text, post, full->shown, TRUE, NULL);
  again = build (hostile.text, NULL, NULL, FALSE, NULL);
  g_test_message ("%s: %u blocks, edit at byte %" G_GSIZE_FORMAT " %s", byline_test_hostile_name (c->shape),
                  byline_shown_get_n_blocks (full->shown), at,
                  patched->incremental ? "patched incrementally" : "rendered in full");
  assert_same_blocks (patched->shown, again->shown);
  /* the control takes the short way, so the comparison above means something */
  if (c->shape == BYLINE_TEST_HOSTILE_PROSE)
    g_assert_true (patched->incremental);
  g_assert_true (patched->changed);
  before = joined_html (full->shown);
  {
    g_autofree char *after = joined_html (patched->shown);

    g_assert_cmpstr (before, !=, after);
  }

  byline_test_hostile_clear (&hostile);
}

int
main (int   argc,
      char *argv[])
{
  static const Case cases[] = {
    { BYLINE_TEST_HOSTILE_HEADINGS, 40 * 1024, 0 },
    { BYLINE_TEST_HOSTILE_BLOCKQUOTES, 30 * 1024, DEPTH },
    { BYLINE_TEST_HOSTILE_LISTS, 30 * 1024, DEPTH },
    { BYLINE_TEST_HOSTILE_ONE_LINE, 256 * 1024, 0 },
    { BYLINE_TEST_HOSTILE_EMPHASIS, 32 * 1024, 0 },
    { BYLINE_TEST_HOSTILE_FOOTNOTES, 64 * 1024, 0 },
    { BYLINE_TEST_HOSTILE_TABLE, 1, COLUMNS },
    { BYLINE_TEST_HOSTILE_PROSE, 64 * 1024, 0 },
  };

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/hostile/%s",
                                               byline_test_hostile_name (cases[i].shape));

      g_test_add_data_func (path, &cases[i], test_shape);
    }

  return g_test_run ();
}
