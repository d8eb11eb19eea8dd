/* test-spell.c: misspelled words underlined in the editor, driven headless
 *
 * Runs under build-aux/headless-run, on a real window. Needs the en_US
 * hunspell dictionary (Debian: hunspell-en-us) and skips without it. The
 * user's own word list is never touched: enchant keeps it in a folder of
 * the test's own (ENCHANT_CONFIG_DIR).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>

#include "byline-application.h"
#include "byline-page.h"
#include "byline-spell-checker.h"
#include "byline-window.h"

#include "byline-test-loop.h"
#include "byline-test-window.h"

static char *enchant_dir;

static const char post_text[] =
  "---\n"
  "title: \"A post with a mistaek\"\n"
  "description: Nothing wrong here\n"
  "mispeledkey: value\n"
  "pubDatetime: 2024-01-05T10:00:00Z\n"
  "slug: recieve-slug\n"
  "---\n"
  "\n"
  "This paragraph has a sentance error.\n"
  "\n"
  "Code `codemistke` here, a bare URL https://exampel.com/pathh and a\n"
  "[link](https://exampel.org/wrongg) and <https://exampel.net/autolinkk>.\n"
  "\n"
  "```\n"
  "fencedmistke inside a block\n"
  "```\n"
  "\n"
  "<span class=\"htmlmistke\">Ordinary</span> words, then anothr one.\n";

typedef struct
{
  char               *dir;
  char               *path;
  BylineWindow       *window;
  BylinePage         *page;
  BylineSpellChecker *checker;
  GtkTextBuffer      *buffer;
  GSettings          *settings;
} Fixture;

/* Opens the fixture's post in a new window. */
static void
fixture_open_window (Fixture *fixture)
{
  byline_test_open_window (fixture->path, &fixture->window);
  fixture->page = byline_window_get_page (fixture->window);
  fixture->checker = byline_page_get_spell_checker (fixture->page);
  fixture->buffer = GTK_TEXT_BUFFER (byline_page_get_document (fixture->page));
  g_assert_true (gtk_text_view_get_buffer (GTK_TEXT_VIEW (byline_page_get_source_view (fixture->page))) ==
                 fixture->buffer);
}

/* @text as a post, beside a Jekyll `_config.yml` holding @site_config
 * when that is not %NULL */
static void
fixture_load_in_site (Fixture    *fixture,
                      const char *site_config,
                      const char *text)
{
  g_autoptr(GError) error = NULL;

  fixture->settings = byline_settings_new ();
  g_settings_set_boolean (fixture->settings, "spell-check", TRUE);

  fixture->dir = g_dir_make_tmp ("byline-spell-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "post.md", NULL);
  byline_test_write_file (fixture->path, text, -1);
  if (site_config != NULL)
    {
      g_autofree char *config = g_build_filename (fixture->dir, "_config.yml", NULL);

      byline_test_write_file (config, site_config, -1);
    }

  fixture_open_window (fixture);
}

static void
fixture_load (Fixture    *fixture,
              const char *text)
{
  fixture_load_in_site (fixture, NULL, text);
}

static void
fixture_teardown (Fixture *fixture)
{
  if (fixture->window != NULL)
    {
      gtk_text_buffer_set_modified (fixture->buffer, FALSE);
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      WAIT_UNTIL (fixture->window == NULL);
    }
  if (fixture->path != NULL)
    g_unlink (fixture->path);
  if (fixture->dir != NULL)
    g_rmdir (fixture->dir);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_object (&fixture->settings);
}

/* Closes the post's window and opens the post again in a new one, as
 * after a restart. */
static void
fixture_reopen (Fixture *fixture)
{
  gtk_text_buffer_set_modified (fixture->buffer, FALSE);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  WAIT_UNTIL (fixture->window == NULL);
  fixture_open_window (fixture);
}

/* An iter inside the @n-th (from 0) @word of the text. */
static GtkTextIter
find_word (Fixture    *fixture,
           const char *word,
           guint       n)
{
  GtkTextIter iter;
  GtkTextIter match;

  gtk_text_buffer_get_start_iter (fixture->buffer, &iter);
  for (guint i = 0; i <= n; i++)
    {
      if (!gtk_text_iter_forward_search (&iter, word, GTK_TEXT_SEARCH_TEXT_ONLY, &match, &iter, NULL))
        g_error ("“%s” (%u) is not in the text", word, n);
    }
  gtk_text_iter_forward_char (&match);
  return match;
}

static gboolean
underlined (Fixture    *fixture,
            const char *word)
{
  GtkTextIter iter = find_word (fixture, word, 0);

  return byline_spell_checker_is_misspelled (fixture->checker, &iter);
}

static guint
count_underlined (Fixture *fixture)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (fixture->buffer),
                                               "byline-spell-error");
  GtkTextIter iter;
  guint n = 0;

  g_assert_nonnull (tag);
  gtk_text_buffer_get_start_iter (fixture->buffer, &iter);
  while (gtk_text_iter_forward_to_tag_toggle (&iter, tag))
    if (gtk_text_iter_starts_tag (&iter, tag))
      n++;
  return n;
}

static void
wait_checked (Fixture *fixture)
{
  WAIT_UNTIL (!byline_spell_checker_get_checking (fixture->checker));
}

/* The context menu's entries for the word: suggestions first. */
static GMenuModel *
word_section (Fixture *fixture)
{
  GMenuModel *menu = byline_spell_checker_get_menu (fixture->checker);

  return g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
}

static char *
menu_action (GMenuModel *section,
             int         index,
             char      **target)
{
  char *action = NULL;
  g_autoptr(GVariant) value = NULL;

  g_menu_model_get_item_attribute (section, index, G_MENU_ATTRIBUTE_ACTION, "s", &action);
  value = g_menu_model_get_item_attribute_value (section, index, G_MENU_ATTRIBUTE_TARGET,
                                                 G_VARIANT_TYPE_STRING);
  if (target != NULL)
    *target = value != NULL ? g_variant_dup_string (value, NULL) : NULL;
  return action;
}

static void
open_menu_on (Fixture    *fixture,
              const char *word)
{
  GtkTextIter iter = find_word (fixture, word, 0);

  byline_spell_checker_update_menu (fixture->checker, &iter);
}

static void
activate (Fixture    *fixture,
          const char *action,
          GVariant   *target)
{
  GtkWidget *view = GTK_WIDGET (byline_page_get_source_view (fixture->page));

  g_assert_true (gtk_widget_activate_action_variant (view, action, target));
}

static void
test_underlines (void)
{
  Fixture fixture = { 0 };
  static const char * const unchecked[] = {
    "codemistke", "exampel", "pathh", "wrongg", "autolinkk", "fencedmistke",
    "htmlmistke", "mispeledkey", "recieve", "pubDatetime",
  };

  fixture_load (&fixture, post_text);
  g_assert_true (gtk_text_view_get_extra_menu (GTK_TEXT_VIEW (byline_page_get_source_view (fixture.page))) ==
                 byline_spell_checker_get_menu (fixture.checker));
  WAIT_UNTIL (underlined (&fixture, "sentance") && underlined (&fixture, "anothr"));
  g_assert_cmpstr (byline_spell_checker_get_language (fixture.checker), ==, "en_US");
  wait_checked (&fixture);

  /* prose and a title's value are checked */
  g_assert_true (underlined (&fixture, "sentance"));
  g_assert_true (underlined (&fixture, "mistaek"));
  g_assert_true (underlined (&fixture, "anothr"));
  /* code, URLs, HTML, keys, slugs and dates are not */
  for (guint i = 0; i < G_N_ELEMENTS (unchecked); i++)
    if (underlined (&fixture, unchecked[i]))
      g_error ("“%s” is underlined", unchecked[i]);
  /* nor are correct words */
  g_assert_false (underlined (&fixture, "paragraph"));
  g_assert_false (underlined (&fixture, "Ordinary"));
  g_assert_cmpuint (count_underlined (&fixture), ==, 3);

  fixture_teardown (&fixture);
}

static void
test_suggestion (void)
{
  Fixture fixture = { 0 };
  GMenuModel *section;
  g_autofree char *action = NULL;
  g_autofree char *suggestion = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start;
  GtkTextIter end;

  fixture_load (&fixture, post_text);
  WAIT_UNTIL (underlined (&fixture, "sentance"));
  wait_checked (&fixture);

  open_menu_on (&fixture, "sentance");
  section = word_section (&fixture);
  g_assert_cmpint (g_menu_model_get_n_items (section), >=, 3);
  g_assert_cmpint (g_menu_model_get_n_items (section), <=, 5 + 2);
  action = menu_action (section, 0, &suggestion);
  g_assert_cmpstr (action, ==, "spell.replace");
  g_assert_cmpstr (suggestion, ==, "sentence");
  g_clear_pointer (&action, g_free);
  action = menu_action (section, g_menu_model_get_n_items (section) - 2, NULL);
  g_assert_cmpstr (action, ==, "spell.add");
  g_clear_pointer (&action, g_free);
  action = menu_action (section, g_menu_model_get_n_items (section) - 1, NULL);
  g_assert_cmpstr (action, ==, "spell.ignore");

  activate (&fixture, "spell.replace", g_variant_new_string (suggestion));
  gtk_text_buffer_get_bounds (fixture.buffer, &start, &end);
  text = gtk_text_buffer_get_text (fixture.buffer, &start, &end, FALSE);
  g_assert_nonnull (strstr (text, "has a sentence error."));
  g_assert_null (strstr (text, "sentance"));
  /* the document took the edit like typing */
  WAIT_UNTIL (strstr (byline_post_peek_text (byline_document_get_post (BYLINE_DOCUMENT (fixture.buffer)), NULL),
                      "a sentence error") != NULL);
  wait_checked (&fixture);
  g_assert_false (underlined (&fixture, "sentence"));
  g_assert_true (underlined (&fixture, "anothr"));

  /* one Undo puts the word back, underlined again */
  g_assert_true (gtk_text_buffer_get_can_undo (fixture.buffer));
  gtk_text_buffer_undo (fixture.buffer);
  g_clear_pointer (&text, g_free);
  gtk_text_buffer_get_bounds (fixture.buffer, &start, &end);
  text = gtk_text_buffer_get_text (fixture.buffer, &start, &end, FALSE);
  g_assert_cmpstr (text, ==, post_text);
  WAIT_UNTIL (underlined (&fixture, "sentance"));

  fixture_teardown (&fixture);
}

static void
test_add_and_ignore (void)
{
  Fixture fixture = { 0 };
  g_autofree char *word_list = NULL;
  g_autofree char *contents = NULL;

  fixture_load (&fixture, post_text);
  WAIT_UNTIL (underlined (&fixture, "sentance") && underlined (&fixture, "mistaek"));
  wait_checked (&fixture);

  /* Add to Dictionary: into the test's own word list */
  open_menu_on (&fixture, "sentance");
  activate (&fixture, "spell.add", NULL);
  g_assert_false (underlined (&fixture, "sentance"));
  g_assert_true (underlined (&fixture, "mistaek"));
  word_list = g_build_filename (enchant_dir, "en_US.dic", NULL);
  g_assert_true (g_file_get_contents (word_list, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "sentance"));

  /* Ignore: for the session */
  open_menu_on (&fixture, "mistaek");
  activate (&fixture, "spell.ignore", NULL);
  g_assert_false (underlined (&fixture, "mistaek"));
  g_assert_true (underlined (&fixture, "anothr"));

  /* both stay so when the whole text is checked again */
  fixture_teardown (&fixture);
  fixture_load (&fixture, post_text);
  WAIT_UNTIL (underlined (&fixture, "anothr"));
  wait_checked (&fixture);
  g_assert_false (underlined (&fixture, "sentance"));
  g_assert_false (underlined (&fixture, "mistaek"));

  fixture_teardown (&fixture);
}

static void
test_setting (void)
{
  Fixture fixture = { 0 };

  fixture_load (&fixture, post_text);
  WAIT_UNTIL (underlined (&fixture, "anothr"));
  wait_checked (&fixture);
  g_assert_cmpuint (count_underlined (&fixture), >, 0);

  g_settings_set_boolean (fixture.settings, "spell-check", FALSE);
  g_assert_false (byline_spell_checker_get_enabled (fixture.checker));
  g_assert_cmpuint (count_underlined (&fixture), ==, 0);
  /* typing does not bring them back */
  {
    GtkTextIter end;

    gtk_text_buffer_get_end_iter (fixture.buffer, &end);
    gtk_text_buffer_begin_user_action (fixture.buffer);
    gtk_text_buffer_insert (fixture.buffer, &end, "More wrds.\n", -1);
    gtk_text_buffer_end_user_action (fixture.buffer);
  }
  byline_test_spin (200);
  g_assert_false (byline_spell_checker_get_checking (fixture.checker));
  g_assert_cmpuint (count_underlined (&fixture), ==, 0);

  g_settings_set_boolean (fixture.settings, "spell-check", TRUE);
  WAIT_UNTIL (underlined (&fixture, "wrds"));
  g_assert_true (underlined (&fixture, "anothr"));

  fixture_teardown (&fixture);
}

static void
test_typing (void)
{
  Fixture fixture = { 0 };
  GtkTextIter end;

  fixture_load (&fixture, post_text);
  WAIT_UNTIL (underlined (&fixture, "anothr"));
  wait_checked (&fixture);

  /* the word being typed is left alone until the cursor leaves it */
  gtk_text_buffer_get_end_iter (fixture.buffer, &end);
  gtk_text_buffer_place_cursor (fixture.buffer, &end);
  gtk_text_buffer_begin_user_action (fixture.buffer);
  gtk_text_buffer_insert_interactive_at_cursor (fixture.buffer, "Typng", -1, TRUE);
  gtk_text_buffer_end_user_action (fixture.buffer);
  wait_checked (&fixture);
  g_assert_false (underlined (&fixture, "Typng"));

  gtk_text_buffer_begin_user_action (fixture.buffer);
  gtk_text_buffer_insert_interactive_at_cursor (fixture.buffer, " on", -1, TRUE);
  gtk_text_buffer_end_user_action (fixture.buffer);
  WAIT_UNTIL (underlined (&fixture, "Typng"));
  wait_checked (&fixture);
  g_assert_false (underlined (&fixture, "on"));

  /* an edit inside a word checks it again */
  {
    GtkTextIter iter = find_word (&fixture, "anothr", 0);

    gtk_text_iter_forward_chars (&iter, 4);
    gtk_text_buffer_begin_user_action (fixture.buffer);
    gtk_text_buffer_insert (fixture.buffer, &iter, "e", -1);
    gtk_text_buffer_end_user_action (fixture.buffer);
  }
  WAIT_UNTIL (!underlined (&fixture, "another"));

  fixture_teardown (&fixture);
}

static void
test_language (void)
{
  Fixture fixture = { 0 };
  GMenuModel *section;
  g_autofree char *action = NULL;

  /* a post's `lang` without a dictionary: no underlines, and a hint */
  fixture_load (&fixture,
                "---\n"
                "title: Ein Beitrag\n"
                "lang: xx-YY\n"
                "---\n"
                "\n"
                "Wrods of no language.\n");
  g_assert_cmpstr (byline_spell_checker_get_wanted_language (fixture.checker), ==, "xx_YY");
  g_assert_null (byline_spell_checker_get_language (fixture.checker));
  byline_test_spin (100);
  wait_checked (&fixture);
  g_assert_cmpuint (count_underlined (&fixture), ==, 0);
  open_menu_on (&fixture, "Wrods");
  section = word_section (&fixture);
  g_assert_cmpint (g_menu_model_get_n_items (section), ==, 1);
  action = menu_action (section, 0, NULL);
  g_assert_cmpstr (action, ==, "spell.unavailable");

  /* chosen from the menu, for this post */
  activate (&fixture, "spell.language", g_variant_new_string ("en_US"));
  g_assert_cmpstr (byline_spell_checker_get_language (fixture.checker), ==, "en_US");
  WAIT_UNTIL (underlined (&fixture, "Wrods"));
  /* back to the post's own */
  activate (&fixture, "spell.language", g_variant_new_string (""));
  g_assert_null (byline_spell_checker_get_language (fixture.checker));
  g_assert_cmpuint (count_underlined (&fixture), ==, 0);
  fixture_teardown (&fixture);

  /* a post's `lang` of a bare language finds its dictionary */
  fixture_load (&fixture,
                "---\n"
                "title: A post\n"
                "lang: en\n"
                "---\n"
                "\n"
                "Wrods of English.\n");
  WAIT_UNTIL (underlined (&fixture, "Wrods"));
  g_assert_cmpstr (byline_spell_checker_get_language (fixture.checker), ==, "en_US");
  fixture_teardown (&fixture);

  /* a post without `lang` takes its site's (here Jekyll's `lang`), once the
   * site is read; its own `lang` still comes first */
  fixture_load_in_site (&fixture, "title: A site\nlang: xx-ZZ\n",
                        "---\ntitle: A post\n---\n\nWrods.\n");
  WAIT_UNTIL (g_strcmp0 (byline_spell_checker_get_wanted_language (fixture.checker), "xx_ZZ") == 0);
  fixture_teardown (&fixture);
  fixture_load_in_site (&fixture, "title: A site\nlang: xx-ZZ\n",
                        "---\ntitle: A post\nlang: en\n---\n\nWrods.\n");
  WAIT_UNTIL (underlined (&fixture, "Wrods"));
  g_assert_cmpstr (byline_spell_checker_get_wanted_language (fixture.checker), ==, "en");
  fixture_teardown (&fixture);
}

static gboolean
view_underlined (BylineSpellChecker *checker,
                 GtkTextView        *view,
                 const char         *word)
{
  GtkTextIter start;
  GtkTextIter match;

  gtk_text_buffer_get_start_iter (gtk_text_view_get_buffer (view), &start);
  if (!gtk_text_iter_forward_search (&start, word, GTK_TEXT_SEARCH_TEXT_ONLY, &match, NULL, NULL))
    g_error ("“%s” is not in the text", word);
  return byline_spell_checker_is_misspelled (checker, &match);
}

/* The language chosen from the menu is the post's next time too, until the
 * post's own `lang` changes; Automatic forgets it. */
static void
test_language_remembered (void)
{
  Fixture fixture = { 0 };

  fixture_load (&fixture, "---\ntitle: A post\nlang: en\n---\n\nWrods.\n");
  WAIT_UNTIL (g_strcmp0 (byline_spell_checker_get_language (fixture.checker), "en_US") == 0);
  activate (&fixture, "spell.language", g_variant_new_string ("xx_YY"));
  g_assert_cmpstr (byline_spell_checker_get_wanted_language (fixture.checker), ==, "xx_YY");

  fixture_reopen (&fixture);
  WAIT_UNTIL (g_strcmp0 (byline_spell_checker_get_wanted_language (fixture.checker), "xx_YY") == 0);
  wait_checked (&fixture);
  g_assert_null (byline_spell_checker_get_language (fixture.checker));

  /* the post names another language since: that one */
  byline_test_write_file (fixture.path, "---\ntitle: A post\nlang: de\n---\n\nWrods.\n", -1);
  fixture_reopen (&fixture);
  WAIT_UNTIL (g_strcmp0 (byline_spell_checker_get_wanted_language (fixture.checker), "de") == 0);

  /* chosen again, then Automatic: forgotten */
  activate (&fixture, "spell.language", g_variant_new_string ("xx_YY"));
  fixture_reopen (&fixture);
  WAIT_UNTIL (g_strcmp0 (byline_spell_checker_get_wanted_language (fixture.checker), "xx_YY") == 0);
  activate (&fixture, "spell.language", g_variant_new_string (""));
  g_assert_cmpstr (byline_spell_checker_get_wanted_language (fixture.checker), ==, "de");
  fixture_reopen (&fixture);
  byline_test_spin (200);
  wait_checked (&fixture);
  g_assert_cmpstr (byline_spell_checker_get_wanted_language (fixture.checker), ==, "de");

  fixture_teardown (&fixture);
}

/* A dictionary loads on a worker: the editor never waits for it. No other
 * test asks for German, so this is its first load in the process. */
static void
test_loading (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkTextView *views[2];
  BylineSpellChecker *checkers[2];
  GtkTextIter start;

  if (!byline_spell_checker_has_dictionary ("de_DE"))
    {
      g_test_skip ("no de_DE dictionary for enchant (Debian: hunspell-de-de)");
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }
  gtk_window_set_child (GTK_WINDOW (window), box);
  for (guint i = 0; i < 2; i++)
    {
      views[i] = GTK_TEXT_VIEW (gtk_source_view_new ());
      gtk_widget_set_vexpand (GTK_WIDGET (views[i]), TRUE);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (views[i]));
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (views[i]),
                                "Ein Satz mit einem Fehlerr.\n", -1);
    }
  gtk_window_present (GTK_WINDOW (window));

  checkers[0] = byline_spell_checker_new (views[0]);
  byline_spell_checker_set_language (checkers[0], "de_DE");
  /* back at once, with the dictionary still to come: nothing checked yet */
  g_assert_cmpstr (byline_spell_checker_get_wanted_language (checkers[0]), ==, "de_DE");
  g_assert_null (byline_spell_checker_get_language (checkers[0]));
  g_assert_true (byline_spell_checker_get_checking (checkers[0]));
  gtk_text_buffer_get_start_iter (gtk_text_view_get_buffer (views[0]), &start);
  byline_spell_checker_update_menu (checkers[0], &start);
  g_assert_cmpint (g_menu_model_get_n_items (g_menu_model_get_item_link (byline_spell_checker_get_menu (checkers[0]),
                                                                         0, G_MENU_LINK_SECTION)), ==, 0);

  WAIT_UNTIL (!byline_spell_checker_get_checking (checkers[0]));
  g_assert_cmpstr (byline_spell_checker_get_language (checkers[0]), ==, "de_DE");
  g_assert_true (view_underlined (checkers[0], views[0], "Fehlerr"));
  g_assert_false (view_underlined (checkers[0], views[0], "Satz"));

  /* loaded once: another editor in that language has it at once */
  checkers[1] = byline_spell_checker_new (views[1]);
  byline_spell_checker_set_language (checkers[1], "de_DE");
  g_assert_cmpstr (byline_spell_checker_get_language (checkers[1]), ==, "de_DE");
  WAIT_UNTIL (view_underlined (checkers[1], views[1], "Fehlerr"));

  for (guint i = 0; i < 2; i++)
    g_object_unref (checkers[i]);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Off screen, GtkSourceView has not highlighted the text yet: once scrolled
 * to, code there is not underlined either. */
static void
test_off_screen (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GString) text = g_string_new ("---\ntitle: Long\n---\n\n");
  GtkTextView *view;
  GtkTextIter iter;

  for (guint i = 0; i < 400; i++)
    g_string_append (text, "A line of ordinary prose.\n\n");
  g_string_append (text, "```\nfarcodemistke here\n```\n\nThen farmistke in prose.\n");

  fixture_load (&fixture, text->str);
  view = GTK_TEXT_VIEW (byline_page_get_source_view (fixture.page));
  WAIT_UNTIL (underlined (&fixture, "farmistke"));
  wait_checked (&fixture);

  iter = find_word (&fixture, "farcodemistke", 0);
  gtk_text_view_scroll_to_iter (view, &iter, 0, TRUE, 0, 0.5);
  WAIT_UNTIL (!underlined (&fixture, "farcodemistke") &&
              !byline_spell_checker_get_checking (fixture.checker));
  g_assert_true (underlined (&fixture, "farmistke"));

  fixture_teardown (&fixture);
}

/* Tilde fences are code blocks as much as backtick ones are, by
 * CommonMark's rules; typing a fence changes what the lines below are. */
static void
test_tilde_fence (void)
{
  Fixture fixture = { 0 };
  GtkTextIter iter;

  fixture_load (&fixture,
                "---\ntitle: Fences\n---\n\n"
                "Prose with a wrnog word.\n"
                "\n"
                "~~~~ sh\n"
                "tildemistke inside\n"
                "~~~\n"
                "still cdoe inside, that fence was too short\n"
                "~~~~\n"
                "\n"
                "   ~~~\n"
                "indentedmistke inside\n"
                "   ~~~\n"
                "\n"
                "After the blokc.\n");
  WAIT_UNTIL (underlined (&fixture, "blokc"));
  wait_checked (&fixture);
  g_assert_true (underlined (&fixture, "wrnog"));
  g_assert_false (underlined (&fixture, "tildemistke"));
  g_assert_false (underlined (&fixture, "cdoe"));
  g_assert_false (underlined (&fixture, "indentedmistke"));
  g_assert_false (underlined (&fixture, "sh"));
  g_assert_cmpuint (count_underlined (&fixture), ==, 2);

  /* an unclosed fence runs to the end */
  iter = find_word (&fixture, "After", 0);
  gtk_text_iter_set_line_offset (&iter, 0);
  gtk_text_buffer_begin_user_action (fixture.buffer);
  gtk_text_buffer_insert (fixture.buffer, &iter, "~~~\n", -1);
  gtk_text_buffer_end_user_action (fixture.buffer);
  WAIT_UNTIL (!underlined (&fixture, "blokc"));
  wait_checked (&fixture);
  g_assert_true (underlined (&fixture, "wrnog"));

  /* and without it, the prose is prose again */
  gtk_text_buffer_undo (fixture.buffer);
  WAIT_UNTIL (underlined (&fixture, "blokc"));
  wait_checked (&fixture);
  g_assert_false (underlined (&fixture, "cdoe"));

  fixture_teardown (&fixture);
}

static void
test_no_dictionary (void)
{
  g_test_skip ("no en_US dictionary for enchant (Debian: hunspell-en-us)");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* before enchant reads it: the user's word list stays untouched */
  enchant_dir = g_dir_make_tmp ("byline-enchant-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("ENCHANT_CONFIG_DIR", enchant_dir, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  if (!byline_spell_checker_has_dictionary ("en_US"))
    g_test_add_func ("/spell/no-dictionary", test_no_dictionary);
  else
    {
      g_test_add_func ("/spell/loading", test_loading);
      g_test_add_func ("/spell/underlines", test_underlines);
      g_test_add_func ("/spell/suggestion", test_suggestion);
      g_test_add_func ("/spell/add-and-ignore", test_add_and_ignore);
      g_test_add_func ("/spell/setting", test_setting);
      g_test_add_func ("/spell/typing", test_typing);
      g_test_add_func ("/spell/language", test_language);
      g_test_add_func ("/spell/language-remembered", test_language_remembered);
      g_test_add_func ("/spell/off-screen", test_off_screen);
      g_test_add_func ("/spell/tilde-fence", test_tilde_fence);
    }

  status = g_test_run ();

  {
    g_autofree char *word_list = g_build_filename (enchant_dir, "en_US.dic", NULL);
    g_autofree char *exclude = g_build_filename (enchant_dir, "en_US.exc", NULL);

    g_unlink (word_list);
    g_unlink (exclude);
    g_rmdir (enchant_dir);
  }
  g_free (enchant_dir);
  return status;
}
