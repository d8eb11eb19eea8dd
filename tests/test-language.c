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

static GtkSourceLanguage *
language (void)
{
  GtkSourceLanguageManager *manager = gtk_source_language_manager_get_default ();
  static gsize done;

  if (g_once_init_enter (&done))
    {
      g_autofree char *dir = g_build_filename (g_getenv ("BYLINE_SOURCE_DIR"), "data",
                                               "language-specs", NULL);

      gtk_source_language_manager_prepend_search_path (manager, dir);
      g_once_init_leave (&done, 1);
    }

  return gtk_source_language_manager_get_language (manager, "byline-markdown");
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Per line: the context classes at its first character, and the names of
 * the style tags there. */
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

static void
assert_like_fresh (GtkSourceBuffer *buffer,
                   const char      *what)
{
  g_autofree char *text = text_of (GTK_TEXT_BUFFER (buffer));
  g_autoptr(GtkSourceBuffer) fresh = gtk_source_buffer_new_with_language (language ());
  g_autofree char *got = NULL;
  g_autofree char *want = NULL;

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
  g_autoptr(GtkSourceBuffer) buffer = gtk_source_buffer_new_with_language (language ());
  GtkTextBuffer *text = GTK_TEXT_BUFFER (buffer);
  g_autofree char *initial = NULL;

  gtk_text_buffer_set_text (text, POST, -1);
  initial = describe (buffer);
  /* The block is YAML and the body Markdown to begin with. */
  g_assert_nonnull (strstr (initial, "2: frontmatter;"));
  g_assert_nonnull (strstr (initial, "8: body;"));
  g_assert_nonnull (strstr (initial, "18: body;"));

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

/* Random edits anywhere, each checked against a fresh buffer. */
static void
test_random_edits (void)
{
  static const char *pieces[] = {
    "a", "\n", "---\n", "# ", "title: ", "- ", "*", "`", "```\n", ":", " ", "\"", "'",
  };
  g_autoptr(GtkSourceBuffer) buffer = gtk_source_buffer_new_with_language (language ());
  GtkTextBuffer *text = GTK_TEXT_BUFFER (buffer);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261205);

  gtk_text_buffer_set_text (text, POST, -1);

  for (int i = 0; i < 150; i++)
    {
      int n_chars = gtk_text_buffer_get_char_count (text);
      int offset = g_rand_int_range (rand, 0, n_chars + 1);
      GtkTextIter iter;
      char what[64];

      gtk_text_buffer_get_iter_at_offset (text, &iter, offset);
      if (n_chars > 20 && g_rand_boolean (rand))
        {
          GtkTextIter end = iter;

          gtk_text_iter_forward_chars (&end, g_rand_int_range (rand, 1, 6));
          gtk_text_buffer_delete (text, &iter, &end);
          g_snprintf (what, sizeof what, "edit %d (a deletion at %d)", i, offset);
        }
      else
        {
          gtk_text_buffer_insert (text, &iter, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))], -1);
          g_snprintf (what, sizeof what, "edit %d (an insertion at %d)", i, offset);
        }

      assert_like_fresh (buffer, what);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_set_prgname ("test-language");
  gtk_test_init (&argc, &argv, NULL);
  gtk_source_init ();

  g_test_add_func ("/language/frontmatter-edits", test_frontmatter_edits);
  g_test_add_func ("/language/random-edits", test_random_edits);

  return g_test_run ();
}
