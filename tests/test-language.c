/* test-language.c: the editor's highlighting of a post, after any edit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GtkSourceView highlights a buffer incrementally: after an edit it
 * analyses again from the edit on. Whatever the edits, each line must end
 * up in the same context (frontmatter or body) and with the same styles as
 * in a buffer that was given the same text at once.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <gtksourceview/gtksource.h>

#include "byline-frontmatter.h"
#include "byline-language.h"
#include "byline-test-loop.h"

/* The language the editor gives @text: see byline-language.c. */
static GtkSourceLanguage *
language_for (const char *text)
{
  BylineSplit split;

  byline_frontmatter_split (text, strlen (text), &split);
  return byline_language_for_block (split.kind);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* A style tag, which GtkSourceView leaves unnamed, by what it shows */
static char *
describe_style (GtkTextTag *tag)
{
  g_autoptr(GdkRGBA) foreground = NULL;
  gboolean foreground_set, weight_set, style_set;
  int weight;
  PangoStyle style;
  g_autoptr(GString) out = g_string_new ("style");

  g_object_get (tag,
                "foreground-rgba", &foreground, "foreground-set", &foreground_set,
                "weight", &weight, "weight-set", &weight_set,
                "style", &style, "style-set", &style_set,
                NULL);
  if (foreground_set && foreground != NULL)
    {
      g_autofree char *color = gdk_rgba_to_string (foreground);

      g_string_append_printf (out, ":%s", color);
    }
  if (weight_set)
    g_string_append_printf (out, ":w%d", weight);
  if (style_set)
    g_string_append_printf (out, ":s%d", (int) style);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Per line: the context classes at its first character, and the styles
 * there. */
static char *
describe (GtkSourceBuffer *buffer)
{
  GtkTextBuffer *text_buffer = GTK_TEXT_BUFFER (buffer);
  g_autoptr(GString) out = g_string_new (NULL);
  GtkTextIter begin, end;
  int n;

  gtk_text_buffer_get_bounds (text_buffer, &begin, &end);
  gtk_source_buffer_ensure_highlight (buffer, &begin, &end);

  n = gtk_text_buffer_get_line_count (text_buffer);
  for (int line = 0; line < n; line++)
    {
      GtkTextIter iter;
      g_auto(GStrv) classes = NULL;
      g_autoptr(GSList) tags = NULL;
      g_autofree char *joined = NULL;

      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

      gtk_text_buffer_get_iter_at_line (text_buffer, &iter, line);
      if (gtk_text_iter_ends_line (&iter))
        continue;
      /* In a stable order: the order GtkSourceView lists them in is not. */
      classes = gtk_source_buffer_get_context_classes_at_iter (buffer, &iter);
      qsort (classes, g_strv_length (classes), sizeof (char *), compare_strings);
      joined = g_strjoinv (",", classes);
      g_string_append_printf (out, "%d: %s;", line + 1, joined);
      tags = gtk_text_iter_get_tags (&iter);
      for (GSList *l = tags; l != NULL; l = l->next)
        {
          char *name = NULL;

          g_object_get (l->data, "name", &name, NULL);
          if (name == NULL)
            name = describe_style (l->data);
          if (name != NULL && !g_str_has_prefix (name, "gtksourceview:context-classes:"))
            g_ptr_array_add (names, name);
          else
            g_free (name);
        }
      g_ptr_array_sort (names, compare_strings);
      for (guint i = 0; i < names->len; i++)
        g_string_append_printf (out, " %s", (char *) g_ptr_array_index (names, i));
      g_string_append_c (out, '\n');
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
text_of (GtkTextBuffer *buffer)
{
  GtkTextIter begin, end;

  gtk_text_buffer_get_bounds (buffer, &begin, &end);
  return gtk_text_buffer_get_text (buffer, &begin, &end, TRUE);
}

/* After an edit: the editor switches language when the first line starts
 * or ends a block, and whatever it shows must be what a buffer given the
 * same text at once shows. */
static void
assert_like_fresh (GtkSourceBuffer *buffer,
                   const char      *what)
{
  g_autofree char *text = text_of (GTK_TEXT_BUFFER (buffer));
  g_autoptr(GtkSourceBuffer) fresh = gtk_source_buffer_new_with_language (language_for (text));
  g_autofree char *got = NULL;
  g_autofree char *want = NULL;
  BylineSplit split;

  byline_frontmatter_split (text, strlen (text), &split);
  byline_language_follow (buffer, text, strlen (text), &split);
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (fresh), text, -1);
  got = describe (buffer);
  want = describe (fresh);
  if (g_strcmp0 (got, want) != 0)
    g_test_message ("after %s, text:\n%s", what, text);
  g_assert_cmpstr (got, ==, want);
}

#define POST \
  "---\n" \
  "title: Hello\n" \
  "tags:\n" \
  "  - gtk\n" \
  "draft: true\n" \
  "---\n" \
  "\n" \
  "# A heading\n" \
  "\n" \
  "Some *text* and `code`.\n" \
  "\n" \
  "---\n" \
  "\n" \
  "```yaml\n" \
  "key: value\n" \
  "```\n" \
  "\n" \
  "The end.\n"

static void
insert_at (GtkTextBuffer *buffer,
           int            line,
           int            column,
           const char    *text)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_line_offset (buffer, &iter, line, column);
  gtk_text_buffer_insert (buffer, &iter, text, -1);
}

static void
delete_at (GtkTextBuffer *buffer,
           int            line,
           int            column,
           int            n)
{
  GtkTextIter begin, end;

  gtk_text_buffer_get_iter_at_line_offset (buffer, &begin, line, column);
  end = begin;
  gtk_text_iter_forward_chars (&end, n);
  gtk_text_buffer_delete (buffer, &begin, &end);
}

/* The edits that broke it: a key typed in the frontmatter, a line added
 * there, the opening fence damaged and mended. */
static void
test_frontmatter_edits (void)
{
  g_autoptr(GtkSourceBuffer) buffer = gtk_source_buffer_new_with_language (language_for (POST));
  GtkTextBuffer *text = GTK_TEXT_BUFFER (buffer);
  g_autofree char *initial = NULL;

  gtk_text_buffer_set_text (text, POST, -1);
  assert_like_fresh (buffer, "loading");
  initial = describe (buffer);
  g_test_message ("initially:\n%s", initial);
  /* The block is YAML and the body Markdown to begin with; the body's
   * thematic break (line 12) does not start another block, and its fenced
   * code is code. */
  g_assert_nonnull (strstr (initial, "1: frontmatter; style:"));
  g_assert_nonnull (strstr (initial, "2: frontmatter; style:"));
  g_assert_nonnull (strstr (initial, "6: frontmatter; style:"));
  g_assert_nonnull (strstr (initial, "8: ; style:"));
  g_assert_nonnull (strstr (initial, "12: ; style:"));
  g_assert_nonnull (strstr (initial, "15: no-spell-check; style:"));
  g_assert_nonnull (strstr (initial, "18: ;\n"));

  insert_at (text, 1, 8, "x");
  assert_like_fresh (buffer, "a key in the title");
  insert_at (text, 2, 0, "featured: false\n");
  assert_like_fresh (buffer, "a new line in the block");
  insert_at (text, 0, 0, "X");
  assert_like_fresh (buffer, "a damaged fence");
  delete_at (text, 0, 0, 1);
  assert_like_fresh (buffer, "the fence mended");
  delete_at (text, 5, 0, 4);
  assert_like_fresh (buffer, "the closing fence deleted");
  insert_at (text, 5, 0, "---\n");
  assert_like_fresh (buffer, "the closing fence back");
}

/* Every small edit around the opening fence line, each from the whole post:
 * GtkSourceView's once-only block needs help there (byline-language.c). */
static void
test_fence_edits (void)
{
  static const char *inserts[] = { "\n", "-", "a", "---\n" };
  g_autoptr(GtkSourceBuffer) buffer = gtk_source_buffer_new_with_language (language_for (POST));
  GtkTextBuffer *text = GTK_TEXT_BUFFER (buffer);

  for (int offset = 0; offset < (BYLINE_TEST_SLOWDOWN > 1 ? 5 : 10); offset++)
    for (guint edit = 0; edit < G_N_ELEMENTS (inserts) + 2; edit++)
      {
        GtkTextIter iter;
        char what[64];

        gtk_text_buffer_set_text (text, POST, -1);
        assert_like_fresh (buffer, "loading");
        gtk_text_buffer_get_iter_at_offset (text, &iter, offset);
        if (edit < G_N_ELEMENTS (inserts))
          {
            gtk_text_buffer_insert (text, &iter, inserts[edit], -1);
            g_snprintf (what, sizeof what, "inserting %s at %d", inserts[edit], offset);
          }
        else
          {
            GtkTextIter end = iter;

            gtk_text_iter_forward_chars (&end, edit - G_N_ELEMENTS (inserts) + 1);
            gtk_text_buffer_delete (text, &iter, &end);
            g_snprintf (what, sizeof what, "deleting %u at %d", edit - (guint) G_N_ELEMENTS (inserts) + 1, offset);
          }
        assert_like_fresh (buffer, what);
      }
}

/* Random edits anywhere, each checked against a fresh buffer. */
static void
test_random_edits (gconstpointer data)
{
  static const char *pieces[] = {
    "a", "\n", "---\n", "+++\n", "# ", "title: ", "- ", "*", "`", "```\n", ":", " ", "\"", "'",
    "title = \"x\"\n", "[params]\n",
  };
  g_autoptr(GtkSourceBuffer) buffer = gtk_source_buffer_new_with_language (language_for (data));
  GtkTextBuffer *text = GTK_TEXT_BUFFER (buffer);

  /* Under the sanitizers GtkSourceView's analysis is slow enough that fewer
   * random edits are made; the edits at the fence are all made. */
  for (guint32 seed = 20261205; seed < 20261205 + (BYLINE_TEST_SLOWDOWN > 1 ? 1 : 2); seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

      gtk_text_buffer_set_text (text, data, -1);
      assert_like_fresh (buffer, "loading");

      for (int i = 0; i < (BYLINE_TEST_SLOWDOWN > 1 ? 20 : 80); i++)
        {
          int n_chars = gtk_text_buffer_get_char_count (text);
          /* half of the edits in the first lines, where the block is */
          int offset = g_rand_int_range (rand, 0, (g_rand_boolean (rand) ? MIN (n_chars, 40) : n_chars) + 1);
          GtkTextIter iter;
          char what[96];

          gtk_text_buffer_get_iter_at_offset (text, &iter, offset);
          if (n_chars > 20 && g_rand_boolean (rand))
            {
              GtkTextIter end = iter;

              gtk_text_iter_forward_chars (&end, g_rand_int_range (rand, 1, 6));
              gtk_text_buffer_delete (text, &iter, &end);
              g_snprintf (what, sizeof what, "seed %u, edit %d (a deletion at %d)", seed, i, offset);
            }
          else
            {
              gtk_text_buffer_insert (text, &iter, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))], -1);
              g_snprintf (what, sizeof what, "seed %u, edit %d (an insertion at %d)", seed, i, offset);
            }

          assert_like_fresh (buffer, what);
        }
    }
}

#define TOML_POST \
  "+++\n" \
  "title = \"Hello\"\n" \
  "tags = [\"gtk\"]\n" \
  "[params]\n" \
  "draft = true\n" \
  "+++\n" \
  "\n" \
  "# A heading\n" \
  "\n" \
  "+++\n" \
  "\n" \
  "---\n" \
  "\n" \
  "The end.\n"

int
main (int   argc,
      char *argv[])
{
  g_set_prgname ("test-language");
  gtk_test_init (&argc, &argv, NULL);
  gtk_source_init ();

  g_test_add_func ("/language/frontmatter-edits", test_frontmatter_edits);
  g_test_add_func ("/language/fence-edits", test_fence_edits);
  g_test_add_data_func ("/language/random-edits/yaml", POST, test_random_edits);
  g_test_add_data_func ("/language/random-edits/toml", TOML_POST, test_random_edits);
  g_test_add_data_func ("/language/random-edits/none", "# Title\n\n---\n\ntitle: x\n---\n", test_random_edits);

  return g_test_run ();
}
