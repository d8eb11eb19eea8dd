/* test-spell-words.c: which words the spell checker looks at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "byline-spell-words.h"

/* The words of @text, joined by "|". */
static char *
words (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gsize len = strlen (text);
  gsize pos = 0;
  gsize start;
  gsize end;

  while (byline_spell_next_word (text, len, &pos, &start, &end))
    {
      g_assert_cmpuint (start, <, end);
      g_assert_cmpuint (end, <=, len);
      if (out->len > 0)
        g_string_append_c (out, '|');
      g_string_append_len (out, text + start, end - start);
    }
  g_assert_cmpuint (pos, ==, len);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_words (const char *text,
              const char *expected)
{
  g_autofree char *found = words (text);

  g_assert_cmpstr (found, ==, expected);
}

static void
test_prose (void)
{
  assert_words ("", "");
  assert_words ("   \n\t ", "");
  assert_words ("Hello, world!", "Hello|world");
  assert_words ("A cat sat.", "cat|sat");
  assert_words ("*emphasis* and **strong** _text_", "emphasis|and|strong");
  assert_words ("# Heading\n\n- item one", "Heading|item|one");
}

static void
test_apostrophes (void)
{
  assert_words ("don't won’t", "don't|won’t");
  /* a quote around a word is not part of it */
  assert_words ("'quoted' ’curly’ students'", "quoted|curly|students");
  assert_words ("l’homme qu'il", "l’homme|qu'il");
}

static void
test_hyphens (void)
{
  assert_words ("well-known self-hosted", "well|known|self|hosted");
  assert_words ("em—dash and – en", "em|dash|and|en");
}

static void
test_skipped (void)
{
  /* digits, single letters, acronyms, inner capitals */
  assert_words ("mp3 2nd 2024-01-05 x86 v1", "");
  assert_words ("a I GTK HTML5 iPhone GtkSourceView", "");
  assert_words ("Capitalised words count", "Capitalised|words|count");
  /* URLs, addresses, paths, file names, identifiers */
  assert_words ("see https://exampel.com/pathh or www.exampel.org", "see|or");
  assert_words ("mail mee@exampel.com now", "mail|now");
  assert_words ("in /usr/lib/foo and ./bar or ~/baz (/etc/qux)", "in|and|or");
  assert_words ("READMEE.md and snake_case_name", "and");
  assert_words ("the end. Next", "the|end|Next");
  /* a link's text is prose, its destination is not */
  assert_words ("[link text](https://exampel.org/wrongg) <https://exampel.net>",
                "link|text");
  assert_words ("[docs](/docs/intro) and `code` (see ~/dir)", "docs|and|code|see");
}

static void
test_scripts (void)
{
  /* accented Latin, Greek, Cyrillic are words; CJK and Thai are left alone */
  assert_words ("café naïve Straße", "café|naïve|Straße");
  assert_words ("καλημέρα привет", "καλημέρα|привет");
  assert_words ("日本語のテキスト 中文 한국어 ภาษาไทย word", "word");
  /* a combining accent stays in its word */
  assert_words ("cafe\xcc\x81 ok", "cafe\xcc\x81|ok");
}

static void
test_positions (void)
{
  const char *text = "one two";
  gsize pos = 0;
  gsize start;
  gsize end;

  g_assert_true (byline_spell_next_word (text, strlen (text), &pos, &start, &end));
  g_assert_cmpuint (start, ==, 0);
  g_assert_cmpuint (end, ==, 3);
  g_assert_true (byline_spell_next_word (text, strlen (text), &pos, &start, &end));
  g_assert_cmpuint (start, ==, 4);
  g_assert_cmpuint (end, ==, 7);
  g_assert_false (byline_spell_next_word (text, strlen (text), &pos, &start, &end));
  /* a length short of the text's end is respected */
  pos = 0;
  g_assert_true (byline_spell_next_word (text, 6, &pos, &start, &end));
  g_assert_true (byline_spell_next_word (text, 6, &pos, &start, &end));
  g_assert_cmpuint (end, ==, 6);
  g_assert_false (byline_spell_next_word (text, 6, &pos, &start, &end));
}

static void
test_language_normalize (void)
{
  static const struct { const char *tag; const char *expected; } cases[] = {
    { "en-US", "en_US" },
    { "en_us", "en_US" },
    { "de_DE.UTF-8", "de_DE" },
    { "pt_BR@euro", "pt_BR" },
    { "FR", "fr" },
    { " de ", "de" },
    { "zh-Hant-TW", "zh" },
    { "C", NULL },
    { "C.UTF-8", NULL },
    { "POSIX", NULL },
    { "", NULL },
    { "-", NULL },
    { "e", NULL },
    { "en-", NULL },
    { "en US", "en" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *found = byline_spell_language_normalize (cases[i].tag);

      g_assert_cmpstr (found, ==, cases[i].expected);
    }
  g_assert_null (byline_spell_language_normalize (NULL));
}

/* The fenced blocks of @text as "first-last" lines, joined by ","; an
 * unclosed block's last line is "end". */
static char *
fences (const char *text)
{
  g_autoptr(GArray) found = byline_spell_find_fences (text, strlen (text));
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < found->len; i++)
    {
      const BylineSpellFence *fence = &g_array_index (found, BylineSpellFence, i);

      if (out->len > 0)
        g_string_append_c (out, ',');
      g_string_append_printf (out, "%u-", fence->first_line);
      if (fence->last_line == G_MAXUINT)
        g_string_append (out, "end");
      else
        g_string_append_printf (out, "%u", fence->last_line);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_fences (const char *text,
               const char *expected)
{
  g_autofree char *found = fences (text);

  g_assert_cmpstr (found, ==, expected);
}

/* CommonMark's fenced code blocks (spec 0.31, 4.5), tildes as backticks. */
static void
test_fences (void)
{
  assert_fences ("", "");
  assert_fences ("Prose ~~ and `` here.\n", "");
  assert_fences ("a\n```\ncode\n```\nb\n", "1-3");
  assert_fences ("a\n~~~\ncode\n~~~\nb\n", "1-3");
  /* an info string; a longer closing fence */
  assert_fences ("~~~ python\ncode\n~~~~~\n", "0-2");
  /* the closing fence must be at least as long, of the same character */
  assert_fences ("~~~~\naa\n~~~\n```\n~~~~\n", "0-4");
  assert_fences ("```\n~~~\n```\n", "0-2");
  assert_fences ("~~~\n```\n~~~\n", "0-2");
  /* two characters are no fence */
  assert_fences ("~~\ncode\n~~\n", "");
  /* up to three spaces of indentation, on either fence */
  assert_fences ("   ~~~\ncode\n   ~~~\n", "0-2");
  assert_fences ("    ~~~\ncode\n    ~~~\n", "");
  assert_fences ("\t~~~\ncode\n", "");
  assert_fences ("~~~\ncode\n    ~~~\nmore\n~~~\n", "0-4");
  /* a closing fence has nothing after it but spaces */
  assert_fences ("~~~\n~~~ no\n~~~  \n", "0-2");
  /* a backtick fence's info string has no backtick; a tilde's may */
  assert_fences ("``` a`b\ntext\n", "");
  assert_fences ("~~~ a`b\ntext\n~~~\n", "0-2");
  /* unclosed: to the end */
  assert_fences ("a\n\n~~~\nrest of the post\n", "2-end");
  assert_fences ("~~~\nx\n~~~\n\n~~~\ny", "0-2,4-end");
  /* CRLF line ends */
  assert_fences ("~~~\r\nx\r\n~~~\r\n", "0-2");
  /* in a block quote: up to its end, a line without its `>` */
  assert_fences ("> ```\n> code\n> ```\nafter\n", "0-2");
  assert_fences ("> ```\n>\n> code\n\nprose\n", "0-2");
  assert_fences ("> > ~~~\n> > x\n> > ~~~\n", "0-2");
  assert_fences ("> ```\n> > quoted in code\n> ```\n", "0-2");
  /* in a list item: indented from its content, up to its end */
  assert_fences ("- item\n\n  ```\n  code\n\n  more\n  ```\n", "2-6");
  assert_fences ("10. Step\n\n    ```sh\n    apt install\n    ```\n", "2-4");
  assert_fences ("- a\n  - b\n\n      ```\n      x\n      ```\n", "3-5");
  assert_fences ("- ```\n  code\n  ```\n", "0-2");
  assert_fences ("- a\n\n  ```\n  code\nafter\n", "2-3");
  assert_fences ("> - ```\n>   code\n>   ```\n", "0-2");
  /* outside a list, four spaces are an indented code block's */
  assert_fences ("para\n\n    ```\n    x\n", "");
  assert_fences ("- a\n\npara\n\n    ```\n    x\n", "");
  /* a thematic break is no list item */
  assert_fences ("---\n    ```\n", "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/spell-words/prose", test_prose);
  g_test_add_func ("/spell-words/apostrophes", test_apostrophes);
  g_test_add_func ("/spell-words/hyphens", test_hyphens);
  g_test_add_func ("/spell-words/skipped", test_skipped);
  g_test_add_func ("/spell-words/scripts", test_scripts);
  g_test_add_func ("/spell-words/positions", test_positions);
  g_test_add_func ("/spell-words/language-normalize", test_language_normalize);
  g_test_add_func ("/spell-words/fences", test_fences);

  return g_test_run ();
}
