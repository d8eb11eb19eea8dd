/* test-slug.c: heading ids as github-slugger, post slugs as AstroPaper
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Expected values come from running the real packages (github-slugger 2.0.0,
 * slugify 1.6, lodash.kebabcase 4.1) on the same inputs.
 */

#include "config.h"

#include "byline-slug.h"

static void
test_github_slug (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "Hello, World!", "hello-world" },
    { "Hello, World! 🎉", "hello-world-" },
    { "Ünïcödé Straße — ok", "ünïcödé-straße--ok" },
    { "trailing -", "trailing--" },
    { "code span & html ", "code-span--html-" },
    { "C++ is fun", "c-is-fun" },
    { "Привет, мир", "привет-мир" },
    { "日本語のタイトル", "日本語のタイトル" },
    { "a\tb\nc", "abc" },
    { "under_score", "under_score" },
    { "ΣΊΣΥΦΟΣ", "σίσυφος" },
    { "", "" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *slug = byline_github_slug (cases[i].in);

      g_assert_cmpstr (slug, ==, cases[i].out);
    }
}

static void
test_slugger_repeats (void)
{
  g_autoptr(BylineSlugger) slugger = byline_slugger_new ();
  static const char *in[] = { "Intro", "Intro", "intro-1", "Intro", "" , "" };
  static const char *out[] = { "intro", "intro-1", "intro-1-1", "intro-2", "", "-1" };

  for (gsize i = 0; i < G_N_ELEMENTS (in); i++)
    {
      g_autofree char *slug = byline_slugger_slug (slugger, in[i]);

      g_assert_cmpstr (slug, ==, out[i]);
    }

  byline_slugger_reset (slugger);
  {
    g_autofree char *slug = byline_slugger_slug (slugger, "Intro");

    g_assert_cmpstr (slug, ==, "intro");
  }
}

static void
test_from_title (void)
{
  static const struct { const char *in, *out; } cases[] = {
    /* ASCII: slugify(str, { lower: true }) */
    { "E2E Testing", "e2e-testing" },
    { "Hello, World!", "hello-world!" },
    { "  spaces  here ", "spaces-here" },
    { "It's a \"test\"", "it's-a-\"test\"" },
    { "a - b", "a-b" },
    { "a--b", "a-b" },
    { "foo_bar", "foo_bar" },
    { "C++ & Rust", "c++-and-rust" },
    { "100% sure", "100percent-sure" },
    { "x | y", "x-or-y" },
    { "<tag>", "lesstaggreater" },
    { "Dollar $5", "dollar-dollar5" },
    /* anything else: lodash.kebabcase */
    { "Héllo Wörld", "hello-world" },
    { "日本語のタイトル", "日本語のタイトル" },
    { "Привет, мир", "привет-мир" },
    { "Café crème 2024", "cafe-creme-2024" },
    { "fooBar Ünïcode", "foo-bar-unicode" },
    { "XMLHttp Ünï", "xml-http-uni" },
    { "it’s über", "its-uber" },
    { "Straße", "strasse" },
    { "mixed 中文 and English", "mixed-中文-and-english" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *slug = byline_slug_from_title (cases[i].in);

      g_test_message ("%s", cases[i].in);
      g_assert_cmpstr (slug, ==, cases[i].out);
    }
}

/* Suggested slugs and file names hold only what the site's slugs hold,
 * and the site's slugger leaves them as they are. */
static void
test_suggest (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "My Great Post: Part 2", "my-great-post-part-2" },
    { "Form title: with 'quotes' #hash", "form-title-with-quotes-hash" },
    { "  spaces  here ", "spaces-here" },
    { "C++ & Rust", "c-rust" },
    { "a - b", "a-b" },
    { "foo_bar", "foo_bar" },
    { "Hello, World!", "hello-world" },
    { "日本語のタイトル", "日本語のタイトル" },
    { "Привет, мир", "привет-мир" },
    { "2024/12: a year", "202412-a-year" },
    { "!!!", "" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *slug = byline_slug_suggest (cases[i].in);
      g_autofree char *again = NULL;

      g_test_message ("%s", cases[i].in);
      g_assert_cmpstr (slug, ==, cases[i].out);
      if (slug[0] == '\0')
        continue;
      g_assert_true (byline_slug_is_valid (slug));
      again = byline_github_slug (slug);
      g_assert_cmpstr (again, ==, slug);
    }
}

static void
test_is_valid (void)
{
  g_assert_true (byline_slug_is_valid ("hello-world"));
  g_assert_true (byline_slug_is_valid ("2024/year-in-review"));
  g_assert_true (byline_slug_is_valid ("привет-мир"));
  g_assert_true (byline_slug_is_valid ("under_score"));
  g_assert_false (byline_slug_is_valid (""));
  g_assert_false (byline_slug_is_valid ("Hello"));
  g_assert_false (byline_slug_is_valid ("with space"));
  g_assert_false (byline_slug_is_valid ("/leading"));
  g_assert_false (byline_slug_is_valid ("trailing/"));
  g_assert_false (byline_slug_is_valid ("a//b"));
  g_assert_false (byline_slug_is_valid ("../up"));
  g_assert_false (byline_slug_is_valid ("query?x"));
  g_assert_false (byline_slug_is_valid ("hash#x"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/slug/github", test_github_slug);
  g_test_add_func ("/slug/slugger-repeats", test_slugger_repeats);
  g_test_add_func ("/slug/from-title", test_from_title);
  g_test_add_func ("/slug/suggest", test_suggest);
  g_test_add_func ("/slug/is-valid", test_is_valid);

  return g_test_run ();
}
