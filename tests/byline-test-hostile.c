/* byline-test-hostile.c: posts made of pathological Markdown, generated
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shapes issue 14 names, and plain prose to compare them with, each
 * built to about the size asked for, so a
 * test can run them small and a benchmark large, nothing committed:
 * headings by the hundred thousand, block quotes and lists nested thousands
 * deep, a paragraph of megabytes on one line, long emphasis runs, tens of
 * thousands of footnotes, a table thousands of columns wide.
 */

#include "config.h"

#include "byline-test-hostile.h"

static const char *head =
  "---\ntitle: Hostile\npubDatetime: 2026-11-20T09:30:00Z\n"
  "description: Pathological Markdown\ntags:\n  - bench\n---\n\n";

static const char *names[] = {
  "headings", "blockquotes", "lists", "one-line", "emphasis", "footnotes", "table", "prose",
};

G_STATIC_ASSERT (G_N_ELEMENTS (names) == BYLINE_TEST_HOSTILE_N_SHAPES);

const char *
byline_test_hostile_name (BylineTestHostile shape)
{
  g_return_val_if_fail (shape < BYLINE_TEST_HOSTILE_N_SHAPES, NULL);

  return names[shape];
}

/* lines of @prefix repeated @depth times, then some text; one block */
static void
make_nested (GString               *s,
             const char            *prefix,
             const char            *text,
             gsize                  end,
             guint                  depth,
             BylineTestHostilePost *post)
{
  do
    {
      for (guint d = 0; d < depth; d++)
        g_string_append (s, prefix);
      g_string_append_printf (s, "%s %u\n", text, post->n_lines);
      post->n_lines++;
    }
  while (s->len < end);
  post->n_units = depth;
}

/* words and a little inline markup, no line break */
static void
make_one_line (GString               *s,
               gsize                  end,
               BylineTestHostilePost *post)
{
  static const char *words[] = {
    "Lorem ", "ipsum ", "'dolor' ", "sit ", "*amet*, ", "consectetur ", "`adipiscing` ",
    "elit -- ", "sed ", "\"do\" ", "eiusmod... ", "tempor ",
  };
  gsize start = s->len;

  for (guint i = 0; s->len < end; i++)
    g_string_append (s, words[i % G_N_ELEMENTS (words)]);
  g_string_append (s, "end.");
  post->n_units = (guint) (s->len - start);
  post->n_lines = 1;
}

/* "*a **b " runs: every one an opener or closer cmark-gfm must match
 * against the others, ten to a line, one paragraph */
static void
make_emphasis (GString               *s,
               gsize                  end,
               BylineTestHostilePost *post)
{
  while (s->len < end)
    {
      for (guint i = 0; i < 10; i++)
        g_string_append (s, "*a **b ");
      g_string_append_c (s, '\n');
      post->n_units += 10;
      post->n_lines++;
    }
}

/* paragraphs of ten references each, then one definition per reference,
 * a line each (about 22 bytes per footnote: 50,000 in a megabyte) */
static void
make_footnotes (GString               *s,
                gsize                  end,
                BylineTestHostilePost *post)
{
  gsize body = end - s->len;
  guint n = MAX (1, (guint) (body / 22));

  for (guint i = 1; i <= n; i++)
    {
      g_string_append_printf (s, "x[^%u]", i);
      g_string_append (s, i % 10 == 0 || i == n ? "\n\n" : " ");
    }
  for (guint i = 1; i <= n; i++)
    g_string_append_printf (s, "[^%u]: y\n", i);
  post->n_units = n;
  post->n_lines = n + 2 * ((n + 9) / 10);
}

/* a header, the delimiter row, then body rows, @columns cells each */
static void
make_table (GString               *s,
            gsize                  end,
            guint                  columns,
            BylineTestHostilePost *post)
{
  for (guint c = 0; c < columns; c++)
    g_string_append_printf (s, "| h%u ", c % 100);
  g_string_append (s, "|\n");
  for (guint c = 0; c < columns; c++)
    g_string_append (s, c % 3 == 0 ? "|:--" : c % 3 == 1 ? "|--:" : "|---");
  g_string_append (s, "|\n");
  post->n_lines = 2;
  do
    {
      for (guint c = 0; c < columns; c++)
        g_string_append_printf (s, "| c%u ", post->n_lines % 10);
      g_string_append (s, "|\n");
      post->n_lines++;
    }
  while (s->len < end);
  post->n_units = columns;
}

/* what a post usually is: paragraphs of a few lines */
static void
make_prose (GString               *s,
            gsize                  end,
            BylineTestHostilePost *post)
{
  while (s->len < end)
    {
      g_string_append_printf (s, "Paragraph %u: lorem ipsum dolor sit amet, consectetur\n"
                              "adipiscing elit, sed do eiusmod tempor incididunt ut labore\n"
                              "et dolore magna aliqua.\n\n", post->n_units);
      post->n_units++;
      post->n_lines += 4;
    }
}

/**
 * byline_test_hostile_make:
 * @shape: which
 * @size: about how many bytes the whole post takes (the nested shapes and
 *   the table write at least one whole line)
 * @depth: nesting levels for BLOCKQUOTES and LISTS, columns for TABLE
 * @post: (out caller-allocates): the post, freed with byline_test_hostile_clear()
 */
void
byline_test_hostile_make (BylineTestHostile      shape,
                          gsize                  size,
                          guint                  depth,
                          BylineTestHostilePost *post)
{
  GString *s = g_string_sized_new (size + 64 * 1024);
  gsize end;

  g_return_if_fail (shape < BYLINE_TEST_HOSTILE_N_SHAPES);

  g_string_append (s, head);
  post->text = s;
  post->body_start = s->len;
  post->n_units = 0;
  post->n_lines = 0;
  end = MAX (size, s->len + 1);

  switch (shape)
    {
    case BYLINE_TEST_HOSTILE_HEADINGS:
      while (s->len < end)
        {
          g_string_append (s, "# Heading\n");
          post->n_units++;
        }
      post->n_lines = post->n_units;
      break;
    case BYLINE_TEST_HOSTILE_BLOCKQUOTES:
      make_nested (s, "> ", "quoted", end, depth, post);
      break;
    case BYLINE_TEST_HOSTILE_LISTS:
      make_nested (s, "- ", "item", end, depth, post);
      break;
    case BYLINE_TEST_HOSTILE_ONE_LINE:
      make_one_line (s, end, post);
      break;
    case BYLINE_TEST_HOSTILE_EMPHASIS:
      make_emphasis (s, end, post);
      break;
    case BYLINE_TEST_HOSTILE_FOOTNOTES:
      make_footnotes (s, end, post);
      break;
    case BYLINE_TEST_HOSTILE_TABLE:
      make_table (s, end, depth, post);
      break;
    case BYLINE_TEST_HOSTILE_PROSE:
      make_prose (s, end, post);
      break;
    case BYLINE_TEST_HOSTILE_N_SHAPES:
    default:
      g_assert_not_reached ();
    }
}

/**
 * byline_test_hostile_edit_at:
 *
 * Where a one-character edit "in the middle" goes: before the first ASCII
 * letter in the second half of the body that is not the first character
 * of a footnote label (typing there would only rename the note).
 *
 * Returns: a byte offset into @text
 */
gsize
byline_test_hostile_edit_at (const GString *text,
                             gsize          body_start)
{
  gsize at = body_start + (text->len - body_start) / 2;

  while (at < text->len && !(g_ascii_isalpha (text->str[at]) && text->str[at - 1] != '^'))
    at++;
  g_assert (at < text->len);
  return at;
}

void
byline_test_hostile_clear (BylineTestHostilePost *post)
{
  if (post->text != NULL)
    g_string_free (post->text, TRUE);
  post->text = NULL;
}
