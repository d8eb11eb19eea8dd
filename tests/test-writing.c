/* test-writing.c: the writing tools of a page, driven headless: the word
 * count, the outline, and the editor and the preview scrolled together
 *
 * Runs under build-aux/headless-run, on a real window with a real preview.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "byline-analyzer.h"
#include "byline-form.h"
#include "byline-application.h"
#include "byline-outline.h"
#include "byline-outline-item.h"
#include "byline-page.h"
#include "byline-preview.h"
#include "byline-scroll-sync.h"
#include "byline-window.h"
#include "byline-word-count.h"

#include "byline-test-loop.h"

typedef struct
{
  char         *dir;
  char         *path;
  BylineWindow *window;
  BylinePage   *page;
} Fixture;

static void
fixture_load (Fixture    *fixture,
              const char *text)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("byline-writing-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "post.md", NULL);
  byline_test_write_file (fixture->path, text, -1);

  fixture->window = byline_window_new (NULL);
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1300, 800);
  gtk_window_present (GTK_WINDOW (fixture->window));

  file = g_file_new_for_path (fixture->path);
  byline_window_load_async (fixture->window, file, NULL, byline_test_store_result_cb, &result);
  WAIT_UNTIL (result != NULL);
  byline_window_load_finish (fixture->window, result, &error);
  g_assert_no_error (error);
  fixture->page = byline_window_get_page (fixture->window);
}

static void
fixture_teardown (Fixture *fixture)
{
  if (fixture->window != NULL)
    {
      gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (byline_window_get_document (fixture->window)), FALSE);
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      WAIT_UNTIL (fixture->window == NULL);
    }
  if (fixture->path != NULL)
    g_unlink (fixture->path);
  if (fixture->dir != NULL)
    g_rmdir (fixture->dir);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->dir, g_free);
}

static const char *
word_count_text (Fixture *fixture)
{
  return byline_word_count_get_text (BYLINE_WORD_COUNT (byline_page_get_word_count (fixture->page)));
}

/* Waits for the figures to read @expected (or to start with it, when
 * @prefix), and says what they read when they never do. */
static void
wait_word_count (Fixture    *fixture,
                 const char *expected,
                 gboolean    prefix)
{
  gint64 deadline = g_get_monotonic_time () + 20 * BYLINE_TEST_SLOWDOWN * G_USEC_PER_SEC;
  guint tick = g_timeout_add (10, byline_test_tick_cb, NULL);

  while (g_get_monotonic_time () < deadline &&
         !(prefix ? g_str_has_prefix (word_count_text (fixture), expected)
                  : g_strcmp0 (word_count_text (fixture), expected) == 0))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  if (prefix)
    g_assert_true (g_str_has_prefix (word_count_text (fixture), expected));
  else
    g_assert_cmpstr (word_count_text (fixture), ==, expected);
}

static void
type_at_end (Fixture    *fixture,
             const char *text)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (byline_page_get_document (fixture->page));
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, text, -1, TRUE);
  gtk_text_buffer_end_user_action (buffer);
}

static void
place_cursor_at_line (Fixture *fixture,
                      guint    line)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (byline_page_get_document (fixture->page));
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_line (buffer, &iter, (int) line - 1);
  gtk_text_buffer_place_cursor (buffer, &iter);
}

static guint
cursor_line (Fixture *fixture)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (byline_page_get_document (fixture->page));
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  return gtk_text_iter_get_line (&iter) + 1;
}

/* --- the word count ---------------------------------------------------------- */

static void
test_word_count (void)
{
  Fixture fixture = { 0, };
  GtkTextBuffer *buffer;
  GtkTextIter begin, end;

  fixture_load (&fixture,
                "---\ntitle: Counting words here\ndescription: not counted either\n---\n"
                "# A heading\n\nOne two [three](https://example.org/not/counted).\n\n"
                "```sh\nmake all the code\n```\n");

  /* frontmatter, the code block and the URL are not words */
  wait_word_count (&fixture, "5 words · 20 characters · 1 min read", FALSE);

  /* it moves as you type */
  type_at_end (&fixture, "\nFour more words here.\n");
  wait_word_count (&fixture, "9 words · ", TRUE);

  /* of the selection when there is one: "two [three]", a link no more */
  buffer = GTK_TEXT_BUFFER (byline_page_get_document (fixture.page));
  gtk_text_buffer_get_iter_at_line_offset (buffer, &begin, 6, 4);
  gtk_text_buffer_get_iter_at_line_offset (buffer, &end, 6, 15);
  gtk_text_buffer_select_range (buffer, &begin, &end);
  wait_word_count (&fixture, "Selection: 2 words · 10 characters", FALSE);

  /* and of the post again when it goes */
  gtk_text_buffer_place_cursor (buffer, &begin);
  wait_word_count (&fixture, "9 words · ", TRUE);

  fixture_teardown (&fixture);
}

/* A Hugo site's post shows Hugo's reading time (213 words a minute), others
 * the reading-time package's (200): 420 words are 2 and 3 minutes. */
static void
test_reading_time_per_site (void)
{
  Fixture fixture = { 0, };
  g_autoptr(GString) text = g_string_new ("---\ntitle: Long\n---\n");
  g_autofree char *config = NULL;
  g_autofree char *content = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 42; i++)
    g_string_append_printf (text, "%s one two three four five six seven eight nine\n\n", i % 6 == 0 ? "## Part" : "Ten");

  fixture_load (&fixture, text->str);
  wait_word_count (&fixture, "420 words · 1645 characters · 3 min read", FALSE);
  fixture_teardown (&fixture);

  /* the same post in a Hugo site's content/ */
  memset (&fixture, 0, sizeof fixture);
  fixture.dir = g_dir_make_tmp ("byline-writing-XXXXXX", &error);
  g_assert_no_error (error);
  config = g_build_filename (fixture.dir, "hugo.toml", NULL);
  content = g_build_filename (fixture.dir, "content", NULL);
  byline_test_write_file (config, "title = 'site'\n", -1);
  g_assert_cmpint (g_mkdir (content, 0755), ==, 0);
  {
    g_autofree char *path = g_build_filename (content, "post.md", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GAsyncResult) result = NULL;

    byline_test_write_file (path, text->str, -1);
    fixture.window = byline_window_new (NULL);
    g_object_add_weak_pointer (G_OBJECT (fixture.window), (gpointer *) &fixture.window);
    gtk_window_present (GTK_WINDOW (fixture.window));
    byline_window_load_async (fixture.window, file, NULL, byline_test_store_result_cb, &result);
    WAIT_UNTIL (result != NULL);
    byline_window_load_finish (fixture.window, result, &error);
    g_assert_no_error (error);
    fixture.page = byline_window_get_page (fixture.window);
    WAIT_UNTIL (g_str_has_suffix (word_count_text (&fixture), "· 2 min read"));
    /* A window whose post is in a site is not finalized when destroyed
     * (also with the analyzer, outline, word count and scroll sync left
     * out of the page), so this one
     * is only destroyed, not waited for. */
    gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (byline_window_get_document (fixture.window)), FALSE);
    gtk_window_destroy (GTK_WINDOW (fixture.window));
    if (fixture.window != NULL)
      g_object_remove_weak_pointer (G_OBJECT (fixture.window), (gpointer *) &fixture.window);
    g_unlink (path);
  }
  g_rmdir (content);
  g_unlink (config);
  g_rmdir (fixture.dir);
  g_free (fixture.dir);
  g_free (fixture.path);
}

/* --- SEO hints in the form -------------------------------------------------- */

/* The first label under @widget whose text holds @needle */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *needle)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), needle) != NULL)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, needle);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_seo_hints (void)
{
  Fixture fixture = { 0, };
  BylineForm *form;
  GtkWidget *title;
  GtkWidget *hint;
  g_autofree char *long_title = NULL;

  fixture_load (&fixture,
                "---\ntitle: A short title\n"
                "description: A description that search results show whole.\n"
                "pubDatetime: 2024-01-01T00:00:00Z\n---\nBody.\n");
  form = BYLINE_FORM (byline_page_get_form (fixture.page));
  title = byline_form_get_field_widget (form, "title");
  g_assert_nonnull (title);

  /* beside the title, the figures only: the sentence would leave the
   * title no room */
  hint = find_label (title, "13/60");
  g_assert_nonnull (hint);
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (hint), "about 60 characters of a title"));
  g_assert_false (gtk_widget_has_css_class (hint, "warning"));
  g_assert_nonnull (find_label (GTK_WIDGET (form), "45 of about 160 characters"));

  /* over: a hint in the warning colour, not an error: the row shows no
   * issue, and the value is written */
  long_title = g_strnfill (72, 'x');
  gtk_editable_set_text (GTK_EDITABLE (title), long_title);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (hint)), ==, "72/60");
  g_assert_true (gtk_widget_has_css_class (hint, "warning"));
  g_assert_false (gtk_widget_has_css_class (title, "byline-field-error"));
  g_assert_false (gtk_widget_has_css_class (title, "byline-field-warning"));
  WAIT_UNTIL (strstr (byline_post_get_title (byline_document_get_post (byline_page_get_document (fixture.page))),
                      "xxxxxxxxxx") != NULL);

  fixture_teardown (&fixture);
}

/* --- images ------------------------------------------------------------------ */

static char *
buffer_text (Fixture *fixture)
{
  return byline_document_dup_text (byline_page_get_document (fixture->page), NULL);
}

static char *
selected_text (Fixture *fixture)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (byline_page_get_document (fixture->page));
  GtkTextIter begin, end;

  if (!gtk_text_buffer_get_selection_bounds (buffer, &begin, &end))
    return g_strdup ("");
  return gtk_text_buffer_get_text (buffer, &begin, &end, TRUE);
}

static gboolean
buffer_contains (Fixture    *fixture,
                 const char *needle)
{
  g_autofree char *text = buffer_text (fixture);

  return strstr (text, needle) != NULL;
}

/* drops @path on the editor through its own drop target */
static gboolean
drop_file (Fixture    *fixture,
           const char *path)
{
  GtkWidget *view = GTK_WIDGET (byline_page_get_source_view (fixture->page));
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (view);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GSList *files = g_slist_prepend (NULL, file);
  GValue value = G_VALUE_INIT;
  gboolean handled = FALSE;

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_slist_free (files);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      /* (GtkSourceView has one of its own, for colours) */
      if (GTK_IS_DROP_TARGET (controller) &&
          gdk_content_formats_contain_gtype (gtk_drop_target_get_formats (GTK_DROP_TARGET (controller)),
                                             GDK_TYPE_FILE_LIST))
        g_signal_emit_by_name (controller, "drop", &value, 40., 10000., &handled);
    }
  g_value_unset (&value);
  return handled;
}

static void
test_images (void)
{
  Fixture fixture = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("byline-images-XXXXXX", &error);
  g_autofree char *config = g_build_filename (root, "astro.config.mjs", NULL);
  g_autofree char *blog = g_build_filename (root, "src", "data", "blog", NULL);
  g_autofree char *post = g_build_filename (blog, "my-post.md", NULL);
  g_autofree char *pasted = g_build_filename (root, "src", "assets", "images", "my-post.png", NULL);
  g_autofree char *pics = g_build_filename (root, "src", "assets", "pics", NULL);
  g_autofree char *cat = g_build_filename (pics, "cat.jpg", NULL);
  g_autofree char *outside_dir = g_dir_make_tmp ("byline-photo-XXXXXX", &error);
  g_autofree char *photo = g_build_filename (outside_dir, "photo.webp", NULL);
  g_autofree char *dropped = g_build_filename (root, "src", "assets", "images", "my-post.webp", NULL);
  static const guchar pixels[] = { 255, 0, 0, 255,  0, 255, 0, 255,  0, 0, 255, 255,  255, 255, 255, 255 };
  g_autoptr(GBytes) pixel_bytes = g_bytes_new_static (pixels, sizeof pixels);
  g_autoptr(GdkTexture) texture = gdk_memory_texture_new (2, 2, GDK_MEMORY_R8G8B8A8, pixel_bytes, 8);
  GtkWidget *view;
  g_autofree char *png = NULL;
  g_autofree char *before = NULL;
  gsize png_len = 0;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (blog, 0755), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (pics, 0755), ==, 0);
  byline_test_write_file (config, "export default {};\n", -1);
  byline_test_write_file (post, "---\ntitle: My post\n---\nText.\n", -1);
  byline_test_write_file (cat, "not really a jpeg", -1);
  byline_test_write_file (photo, "RIFF....WEBP", -1);

  /* the fixture's loader, on a post inside the site */
  fixture.window = byline_window_new (NULL);
  g_object_add_weak_pointer (G_OBJECT (fixture.window), (gpointer *) &fixture.window);
  gtk_window_present (GTK_WINDOW (fixture.window));
  {
    g_autoptr(GFile) file = g_file_new_for_path (post);
    g_autoptr(GAsyncResult) result = NULL;

    byline_window_load_async (fixture.window, file, NULL, byline_test_store_result_cb, &result);
    WAIT_UNTIL (result != NULL);
    byline_window_load_finish (fixture.window, result, &error);
    g_assert_no_error (error);
  }
  fixture.page = byline_window_get_page (fixture.window);
  view = GTK_WIDGET (byline_page_get_source_view (fixture.page));
  before = buffer_text (&fixture);

  /* Ctrl+V of image data: a PNG in src/assets/images, named after the
   * post, referenced relatively, the alt text selected */
  type_at_end (&fixture, "\n");
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (view), texture);
  g_signal_emit_by_name (view, "paste-clipboard");
  WAIT_UNTIL (buffer_contains (&fixture, "![my-post](../../assets/images/my-post.png)"));
  g_assert_true (g_file_get_contents (pasted, &png, &png_len, NULL));
  g_assert_cmpuint (png_len, >, 8);
  g_assert_true (memcmp (png, "\x89PNG", 4) == 0);
  {
    g_autofree char *selected = selected_text (&fixture);

    g_assert_cmpstr (selected, ==, "my-post");
  }

  /* one Undo takes the reference away; the file stays */
  gtk_text_buffer_undo (GTK_TEXT_BUFFER (byline_page_get_document (fixture.page)));
  g_assert_false (buffer_contains (&fixture, "!["));
  g_assert_true (g_file_test (pasted, G_FILE_TEST_EXISTS));

  /* a dropped image from outside the site is copied in, as it is */
  g_assert_true (drop_file (&fixture, photo));
  WAIT_UNTIL (buffer_contains (&fixture, "![my-post](../../assets/images/my-post.webp)"));
  {
    g_autofree char *copied = NULL;

    g_assert_true (g_file_get_contents (dropped, &copied, NULL, NULL));
    g_assert_cmpstr (copied, ==, "RIFF....WEBP");
  }

  /* one the site has already is referenced where it is, not copied */
  g_assert_true (drop_file (&fixture, cat));
  WAIT_UNTIL (buffer_contains (&fixture, "](../../assets/pics/cat.jpg)"));

  /* text on the clipboard is pasted as text */
  gdk_clipboard_set_text (gtk_widget_get_clipboard (view), "plain words");
  g_signal_emit_by_name (view, "paste-clipboard");
  WAIT_UNTIL (buffer_contains (&fixture, "plain words"));

  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (byline_window_get_document (fixture.window)), FALSE);
  gtk_window_destroy (GTK_WINDOW (fixture.window));
  if (fixture.window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (fixture.window), (gpointer *) &fixture.window);
  {
    const char *argv[] = { "rm", "-rf", root, outside_dir, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
}

/* --- the outline ------------------------------------------------------------- */

static const char outline_post[] =
  "---\n"                       /* 1 */
  "title: An outline\n"
  "---\n"
  "# Intro\n"                   /* 4 */
  "\n"
  "Text.\n"
  "\n"
  "## Part one\n"               /* 8 */
  "\n"
  "More text.\n"
  "\n"
  "### A *detail*\n"            /* 12 */
  "\n"
  "## Part one\n"               /* 14: a repeat gets -1 */
  "\n"
  "End.\n";

static gint
outline_index_of_line (GListModel *model,
                       guint       line)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(BylineOutlineItem) item = g_list_model_get_item (model, i);

      if (byline_outline_item_get_line (item) == line)
        return (gint) i;
    }
  return -1;
}

static void
test_outline (void)
{
  Fixture fixture = { 0, };
  BylineOutline *outline;
  GListModel *model;
  GtkWidget *preview;
  static const struct { guint level, line; const char *text, *id; } expected[] = {
    { 1, 4, "Intro", "intro" },
    { 2, 8, "Part one", "part-one" },
    { 3, 12, "A detail", "a-detail" },
    { 2, 14, "Part one", "part-one-1" },
  };

  fixture_load (&fixture, outline_post);
  outline = BYLINE_OUTLINE (byline_page_get_outline (fixture.page));
  model = byline_outline_get_model (outline);
  preview = byline_page_get_preview (fixture.page);

  /* hidden at first; the action shows it */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (outline)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.show-outline", NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (outline)));

  WAIT_UNTIL (g_list_model_get_n_items (model) == G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(BylineOutlineItem) item = g_list_model_get_item (model, i);

      g_assert_cmpuint (byline_outline_item_get_level (item), ==, expected[i].level);
      g_assert_cmpuint (byline_outline_item_get_line (item), ==, expected[i].line);
      g_assert_cmpstr (byline_outline_item_get_text (item), ==, expected[i].text);
      g_assert_cmpstr (byline_outline_item_get_id (item), ==, expected[i].id);
    }

  /* the current heading follows the cursor */
  place_cursor_at_line (&fixture, 10);
  g_assert_cmpint (byline_outline_get_current (outline), ==, 1);
  place_cursor_at_line (&fixture, 2);
  g_assert_cmpint (byline_outline_get_current (outline), ==, -1);
  place_cursor_at_line (&fixture, 16);
  g_assert_cmpint (byline_outline_get_current (outline), ==, 3);

  /* typing in a paragraph keeps the rows; a new heading shows up in place,
   * and the lines below it move */
  {
    g_autoptr(BylineOutlineItem) first = g_list_model_get_item (model, 0);
    GtkTextBuffer *buffer = GTK_TEXT_BUFFER (byline_page_get_document (fixture.page));
    GtkTextIter iter;

    gtk_text_buffer_get_iter_at_line (buffer, &iter, 5);
    gtk_text_buffer_begin_user_action (buffer);
    gtk_text_buffer_insert_interactive (buffer, &iter, "## Inserted\n\n", -1, TRUE);
    gtk_text_buffer_end_user_action (buffer);
    WAIT_UNTIL (g_list_model_get_n_items (model) == G_N_ELEMENTS (expected) + 1);
    {
      g_autoptr(BylineOutlineItem) still = g_list_model_get_item (model, 0);
      g_autoptr(BylineOutlineItem) inserted = g_list_model_get_item (model, 1);
      g_autoptr(BylineOutlineItem) last = g_list_model_get_item (model, 4);

      g_assert_true (still == first);
      g_assert_cmpstr (byline_outline_item_get_id (inserted), ==, "inserted");
      g_assert_cmpuint (byline_outline_item_get_line (inserted), ==, 6);
      g_assert_cmpuint (byline_outline_item_get_line (last), ==, 16);
    }
  }

  /* Enter on a heading moves the editor's cursor there and scrolls the
   * preview to it */
  WAIT_UNTIL (byline_preview_get_painted_serial (BYLINE_PREVIEW (preview)) ==
              byline_preview_get_serial (BYLINE_PREVIEW (preview)));
  {
    gint index = outline_index_of_line (model, 16);
    GtkWidget *list = find_widget (GTK_WIDGET (outline), GTK_TYPE_LIST_VIEW);

    g_assert_cmpint (index, ==, 4);
    g_assert_nonnull (list);
    /* what Enter on the row does */
    byline_outline_focus (outline);
    g_assert_true (gtk_widget_activate_action (list, "list.activate-item", "u", (guint) index));
    g_assert_cmpuint (cursor_line (&fixture), ==, 16);
    g_assert_true (gtk_widget_has_focus (GTK_WIDGET (byline_page_get_source_view (fixture.page))));
  }

  fixture_teardown (&fixture);
}

/* --- scrolling together ------------------------------------------------------ */

static void
eval_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  JSCValue **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, &error);
  g_assert_no_error (error);
}

/* @script in the page's own world, where `byline` lives */
static double
eval_number (GtkWidget  *preview,
             const char *script)
{
  g_autoptr(JSCValue) value = NULL;

  webkit_web_view_evaluate_javascript (WEBKIT_WEB_VIEW (preview), script, -1,
                                       BYLINE_PREVIEW_SCRIPT_WORLD, NULL,
                                       NULL, eval_done_cb, &value);
  WAIT_UNTIL (value != NULL);
  return jsc_value_to_double (value);
}

static GtkAdjustment *
editor_vadjustment (Fixture *fixture)
{
  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (byline_page_get_source_view (fixture->page)));
}

typedef struct
{
  guint  n;
  double line;
} Scrolled;

static void
preview_scrolled_cb (BylinePreview *preview,
                     double         line,
                     Scrolled      *scrolled)
{
  scrolled->n++;
  scrolled->line = line;
}

static char *
long_post (void)
{
  GString *text = g_string_new ("---\ntitle: Long\n---\n");

  for (guint i = 1; i <= 60; i++)
    g_string_append_printf (text, "## Section %u\n\nParagraph %u, with a few words to fill a line or two "
                            "of the preview, and a few more to wrap.\n\n", i, i);
  return g_string_free (text, FALSE);
}

/* The editor's first visible line, counted from 1. */
static int
editor_top_line (Fixture *fixture)
{
  GtkTextView *view = GTK_TEXT_VIEW (byline_page_get_source_view (fixture->page));
  GdkRectangle visible;
  GtkTextIter iter;

  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_view_get_line_at_y (view, &iter, visible.y, NULL);
  return gtk_text_iter_get_line (&iter) + 1;
}

static void
test_scroll_sync (void)
{
  Fixture fixture = { 0, };
  g_autofree char *text = long_post ();
  g_autoptr(GSettings) settings = byline_settings_new ();
  GtkWidget *preview;
  GtkAdjustment *adj;
  Scrolled scrolled = { 0, };
  gulong handler;
  double value, line;

  g_settings_set_boolean (settings, "sync-scroll", TRUE);
  fixture_load (&fixture, text);
  preview = byline_page_get_preview (fixture.page);
  adj = editor_vadjustment (&fixture);
  WAIT_UNTIL (byline_preview_get_painted_serial (BYLINE_PREVIEW (preview)) ==
              byline_preview_get_serial (BYLINE_PREVIEW (preview)) &&
              gtk_adjustment_get_upper (adj) > gtk_adjustment_get_page_size (adj) * 2);
  handler = g_signal_connect (preview, "scrolled", G_CALLBACK (preview_scrolled_cb), &scrolled);

  /* The editor scrolled (as the wheel or scroll bar does it: through its
   * adjustment) to "## Section 20" at the top: the preview's top line
   * follows, to the block, and its own scrolling is not reported back. */
  {
    GtkTextBuffer *buffer = GTK_TEXT_BUFFER (byline_page_get_document (fixture.page));
    GtkTextIter iter;
    GdkRectangle visible;
    int y, height;

    gtk_text_buffer_get_iter_at_line (buffer, &iter, 3 + 19 * 4);
    gtk_text_view_get_line_yrange (GTK_TEXT_VIEW (byline_page_get_source_view (fixture.page)), &iter, &y, &height);
    gtk_text_view_get_visible_rect (GTK_TEXT_VIEW (byline_page_get_source_view (fixture.page)), &visible);
    gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + y - visible.y);
  }
  WAIT_UNTIL (fabs (eval_number (preview, "byline.topLine()") - 80.) < 1.);
  byline_test_spin (300);
  g_assert_cmpuint (scrolled.n, ==, 0);

  /* The preview scrolled by the reader (not by us): the editor follows,
   * and the editor's change does not come back to the preview. */
  value = gtk_adjustment_get_value (adj);
  eval_number (preview, "(() => { const el = document.getElementById('section-40'); "
                        "window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY); return 0; })()");
  WAIT_UNTIL (scrolled.n > 0);
  line = scrolled.line;
  g_assert_cmpfloat (fabs (line - (3 + 39 * 4 + 1)), <, 1.);
  /* The text view places the line by estimated heights first and settles
   * as it measures the lines in between: wait for it to settle there. */
  WAIT_UNTIL (gtk_adjustment_get_value (adj) > value &&
              editor_top_line (&fixture) == (int) floor (line));
  {
    double y0 = eval_number (preview, "window.scrollY");

    byline_test_spin (300);
    g_assert_cmpfloat (fabs (eval_number (preview, "window.scrollY") - y0), <, 1.);
    g_assert_cmpuint (scrolled.n, ==, 1);
  }

  /* Off: neither follows the other. */
  g_settings_set_boolean (settings, "sync-scroll", FALSE);
  value = gtk_adjustment_get_value (adj);
  eval_number (preview, "(() => { window.scrollTo(0, 0); return 0; })()");
  byline_test_spin (300);
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), ==, value);

  g_signal_handler_disconnect (preview, handler);
  g_settings_set_boolean (settings, "sync-scroll", TRUE);
  fixture_teardown (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/writing/word-count", test_word_count);
  g_test_add_func ("/writing/reading-time-per-site", test_reading_time_per_site);
  g_test_add_func ("/writing/seo-hints", test_seo_hints);
  g_test_add_func ("/writing/images", test_images);
  g_test_add_func ("/writing/outline", test_outline);
  g_test_add_func ("/writing/scroll-sync", test_scroll_sync);

  return g_test_run ();
}
