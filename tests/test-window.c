/* test-window.c: the Byline window, driven headless
 *
 * Every test works on a temporary copy of a post, through the real widgets
 * and actions. Run it under build-aux/headless-run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <adwaita.h>

#include "byline-application.h"
#include "byline-document.h"
#include "byline-form.h"
#include "byline-preview.h"
#include "byline-session.h"
#include "byline-window.h"

#include "byline-test-loop.h"
#include "byline-test-window.h"

typedef struct
{
  char         *dir;
  char         *path;
  BylineWindow *window;
} Fixture;

static char *
sample_text (gsize *len)
{
  g_autofree char *path = g_build_filename (SOURCE_DATADIR, "sample", "sample-post.md", NULL);

  return byline_test_read_file (path, len);
}

static void
fixture_load (Fixture    *fixture,
              const char *text,
              gssize      len,
              const char *name)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("byline-window-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, name ? name : "post.md", NULL);
  byline_test_write_file (fixture->path, text, len);

  fixture->window = byline_window_new (NULL);
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *)&fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->window));

  file = g_file_new_for_path (fixture->path);
  byline_window_load_async (fixture->window, file, NULL, byline_test_store_result_cb, &result);
  WAIT_UNTIL (result != NULL);
  byline_window_load_finish (fixture->window, result, &error);
  g_assert_no_error (error);
}

static void
fixture_load_sample (Fixture *fixture)
{
  g_autofree char *text = NULL;
  gsize len = 0;

  text = sample_text (&len);
  fixture_load (fixture, text, len, "sample-post.md");
}

static void
fixture_teardown (Fixture *fixture)
{
  if (fixture->window != NULL)
    {
      /* Nothing of a test may survive into the next one: drop the changes. */
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

static char *
buffer_text (BylineWindow *window,
             gsize        *len)
{
  return byline_document_dup_text (byline_window_get_document (window), len);
}

/* Type @text at the end of the editor's buffer as a keyboard would: an
 * interactive insert inside a user action. */
static void
type_at_end (BylineWindow *window,
             const char   *text)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (byline_window_get_document (window));
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, text, -1, TRUE);
  gtk_text_buffer_end_user_action (buffer);
}

static void
save_and_wait (BylineWindow  *window,
               GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  byline_window_save_async (window, NULL, NULL, byline_test_store_result_cb, &result);
  WAIT_UNTIL (result != NULL);
  byline_window_save_finish (window, result, error);
}

static const char *
form_field_text (BylineWindow *window,
                 const char   *key)
{
  GtkWidget *widget = byline_form_get_field_widget (BYLINE_FORM (byline_window_get_form (window)), key);

  g_assert_nonnull (widget);
  g_assert_true (GTK_IS_EDITABLE (widget));

  return gtk_editable_get_text (GTK_EDITABLE (widget));
}

/* --- tests --------------------------------------------------------------- */

static void
test_open_shows_title (void)
{
  Fixture fixture = { 0 };
  GtkWidget *focus;

  fixture_load_sample (&fixture);

  g_assert_cmpstr (byline_window_get_title_text (fixture.window), ==,
                   "Writing posts in Byline: a field guide");
  g_assert_cmpstr (byline_window_get_subtitle_text (fixture.window), ==, "sample-post.md");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture.window)), ==,
                   "Writing posts in Byline: a field guide");

  /* The form shows the post's values. */
  WAIT_UNTIL (g_strcmp0 (form_field_text (fixture.window, "title"),
                         "Writing posts in Byline: a field guide") == 0);
  g_assert_cmpstr (form_field_text (fixture.window, "author"), ==, "Byline Team");

  /* Keyboard focus is in the editor. */
  focus = gtk_root_get_focus (GTK_ROOT (fixture.window));
  g_assert_true (focus == GTK_WIDGET (byline_window_get_source_view (fixture.window)));

  /* Not a draft: no banner; featured: the toggle's state says so. */
  g_assert_false (byline_document_get_draft (byline_window_get_document (fixture.window)));
  g_assert_true (byline_document_get_featured (byline_window_get_document (fixture.window)));

  fixture_teardown (&fixture);
}

static guint
count_lines (const char *text)
{
  guint n = 1;

  for (const char *p = text; *p; p++)
    if (*p == '\n')
      n++;

  return n;
}

static void
test_toggle_draft_one_line (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_auto(GStrv) lines_before = NULL;
  g_auto(GStrv) lines_after = NULL;
  BylineDocument *document;
  guint changed = 0;

  fixture_load_sample (&fixture);
  document = byline_window_get_document (fixture.window);
  before = buffer_text (fixture.window, NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "doc.toggle-draft", NULL));
  after = buffer_text (fixture.window, NULL);

  g_assert_true (byline_document_get_draft (document));
  g_assert_cmpuint (count_lines (before), ==, count_lines (after));
  lines_before = g_strsplit (before, "\n", -1);
  lines_after = g_strsplit (after, "\n", -1);
  for (guint i = 0; lines_before[i] != NULL; i++)
    {
      if (g_strcmp0 (lines_before[i], lines_after[i]) != 0)
        {
          changed++;
          g_assert_cmpstr (lines_before[i], ==, "draft: false # flip to true while you rework it");
          g_assert_cmpstr (lines_after[i], ==, "draft: true # flip to true while you rework it");
        }
    }
  g_assert_cmpuint (changed, ==, 1);
  g_assert_true (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document)));
  g_assert_cmpstr (byline_window_get_subtitle_text (fixture.window), !=, "sample-post.md");

  /* One undo restores the very same bytes. */
  g_assert_true (gtk_text_buffer_get_can_undo (GTK_TEXT_BUFFER (document)));
  gtk_text_buffer_undo (GTK_TEXT_BUFFER (document));
  undone = buffer_text (fixture.window, NULL);
  g_assert_cmpstr (undone, ==, before);
  g_assert_false (byline_document_get_draft (document));

  /* Featured works the same way, through its own action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "doc.toggle-featured", NULL));
  g_assert_false (byline_document_get_featured (document));
  g_free (after);
  after = buffer_text (fixture.window, NULL);
  g_assert_nonnull (strstr (after, "\nfeatured: false\n"));
  g_assert_cmpuint (strlen (after), ==, strlen (before) + 1);

  fixture_teardown (&fixture);
}

static void
test_typing_updates_form_and_preview (void)
{
  Fixture fixture = { 0 };
  GtkTextBuffer *buffer;
  GtkWidget *preview;
  GtkTextIter begin, end;
  guint serial;

  fixture_load_sample (&fixture);
  buffer = GTK_TEXT_BUFFER (byline_window_get_document (fixture.window));
  preview = byline_window_get_preview (fixture.window);
  g_assert_nonnull (preview);

  /* The preview renders the loaded post, then each change. */
  WAIT_UNTIL (byline_preview_get_serial (BYLINE_PREVIEW (preview)) > 0 &&
              byline_preview_get_painted_serial (BYLINE_PREVIEW (preview)) ==
              byline_preview_get_serial (BYLINE_PREVIEW (preview)));
  serial = byline_preview_get_serial (BYLINE_PREVIEW (preview));

  type_at_end (fixture.window, "\nA new paragraph typed in the editor.\n");
  WAIT_UNTIL (byline_preview_get_serial (BYLINE_PREVIEW (preview)) > serial &&
              byline_preview_get_painted_serial (BYLINE_PREVIEW (preview)) ==
              byline_preview_get_serial (BYLINE_PREVIEW (preview)));

  /* Retyping the title in the editor reaches the form. */
  gtk_text_buffer_get_iter_at_line (buffer, &begin, 1);
  end = begin;
  gtk_text_iter_forward_to_line_end (&end);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete_interactive (buffer, &begin, &end, TRUE);
  gtk_text_buffer_insert_interactive (buffer, &begin, "title: Typed in the editor", -1, TRUE);
  gtk_text_buffer_end_user_action (buffer);

  WAIT_UNTIL (g_strcmp0 (form_field_text (fixture.window, "title"), "Typed in the editor") == 0);
  g_assert_cmpstr (byline_window_get_title_text (fixture.window), ==, "Typed in the editor");

  fixture_teardown (&fixture);
}

static void
test_form_edit_undo (void)
{
  Fixture fixture = { 0 };
  GtkTextBuffer *buffer;
  GtkWidget *title;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_auto(GStrv) lines_before = NULL;
  g_auto(GStrv) lines_after = NULL;
  guint changed = 0;

  fixture_load_sample (&fixture);
  buffer = GTK_TEXT_BUFFER (byline_window_get_document (fixture.window));
  before = buffer_text (fixture.window, NULL);

  /* The title typed in the form reaches the editor and the header, on its
   * own line only. */
  title = byline_form_get_field_widget (BYLINE_FORM (byline_window_get_form (fixture.window)), "title");
  gtk_editable_set_text (GTK_EDITABLE (title), "Retitled from the form");
  WAIT_UNTIL (g_strcmp0 (byline_window_get_title_text (fixture.window), "Retitled from the form") == 0);

  after = buffer_text (fixture.window, NULL);
  lines_before = g_strsplit (before, "\n", -1);
  lines_after = g_strsplit (after, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines_before), ==, g_strv_length (lines_after));
  for (guint i = 0; lines_before[i] != NULL; i++)
    if (g_strcmp0 (lines_before[i], lines_after[i]) != 0)
      {
        changed++;
        g_assert_true (g_str_has_prefix (lines_after[i], "title: "));
      }
  g_assert_cmpuint (changed, ==, 1);

  /* One Ctrl+Z in the editor takes it back, byte for byte. */
  gtk_text_buffer_undo (buffer);
  undone = buffer_text (fixture.window, NULL);
  g_assert_cmpstr (undone, ==, before);

  fixture_teardown (&fixture);
}

static void
check_save_exact (const char *text,
                  gsize       len)
{
  g_autoptr(GSettings) settings = byline_settings_new ();
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *buffer = NULL;
  gsize saved_len = 0, buffer_len = 0;

  fixture_load (&fixture, text, len, "post.md");

  /* Untouched: the save writes the file's own bytes back. */
  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (byline_window_get_document (fixture.window)), TRUE);
  g_settings_set_boolean (settings, "update-mod-datetime", FALSE);
  save_and_wait (fixture.window, &error);
  g_assert_no_error (error);
  saved = byline_test_read_file (fixture.path, &saved_len);
  g_assert_cmpmem (saved, saved_len, text, len);
  g_clear_pointer (&saved, g_free);

  /* Edited: the file is the buffer, byte for byte. */
  type_at_end (fixture.window, "More words.");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "doc.toggle-draft", NULL));
  save_and_wait (fixture.window, &error);
  g_assert_no_error (error);
  saved = byline_test_read_file (fixture.path, &saved_len);
  buffer = buffer_text (fixture.window, &buffer_len);
  g_assert_cmpmem (saved, saved_len, buffer, buffer_len);
  g_assert_false (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (byline_window_get_document (fixture.window))));

  /* The file keeps its BOM, line breaks and (missing) final newline. */
  g_assert_cmpint (saved_len >= 3 && memcmp (saved, "\xEF\xBB\xBF", 3) == 0, ==,
                   len >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0);
  if (text[len - 1] != '\n')
    g_assert_cmpint (saved[saved_len - 1], !=, '\n');
  g_assert_cmpint (strstr (saved, "\r\n") != NULL, ==, strstr (text, "\r\n") != NULL);
  g_assert_true (g_str_has_suffix (saved, "More words."));

  fixture_teardown (&fixture);
}

/* A BOM, CRLF line breaks and no final newline: all three must survive. */
static const char crlf_bom[] =
  "\xEF\xBB\xBF---\r\n"
  "title: Carriage returns\r\n"
  "draft: false\r\n"
  "tags: [a, b]\r\n"
  "---\r\n"
  "\r\n"
  "Body without a final newline. ";

static void
test_save_byte_exact (void)
{
  g_autofree char *sample = NULL;
  gsize len = 0;

  sample = sample_text (&len);
  check_save_exact (sample, len);

  check_save_exact (crlf_bom, strlen (crlf_bom));

  /* Mixed line breaks come back as they were, too. */
  check_save_exact ("---\r\ntitle: Mixed\ndraft: false\r\n---\n\nText\r\nmore\r",
                    strlen ("---\r\ntitle: Mixed\ndraft: false\r\n---\n\nText\r\nmore\r"));

  check_save_exact ("---\ntitle: No final newline\ndraft: false\n---\nText ",
                    strlen ("---\ntitle: No final newline\ndraft: false\n---\nText "));
}

static void
test_mod_datetime_on_save (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GSettings) settings = byline_settings_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  BylineDocument *document;
  const char *text = "---\ntitle: Dated\nmodDatetime: 2020-01-01T00:00:00Z\ndraft: false\n---\nBody\n";

  g_settings_set_boolean (settings, "update-mod-datetime", TRUE);
  fixture_load (&fixture, text, -1, "post.md");
  document = byline_window_get_document (fixture.window);

  type_at_end (fixture.window, "More.\n");
  save_and_wait (fixture.window, &error);
  g_assert_no_error (error);

  saved = byline_test_read_file (fixture.path, NULL);
  g_assert_null (strstr (saved, "2020-01-01T00:00:00Z"));
  g_assert_true (g_str_has_prefix (saved, "---\ntitle: Dated\nmodDatetime: 20"));
  g_assert_true (g_str_has_suffix (saved, "draft: false\n---\nBody\nMore.\n"));

  /* The timestamp is one undoable step of its own. */
  gtk_text_buffer_undo (GTK_TEXT_BUFFER (document));
  g_free (saved);
  saved = buffer_text (fixture.window, NULL);
  g_assert_cmpstr (saved, ==, "---\ntitle: Dated\nmodDatetime: 2020-01-01T00:00:00Z\ndraft: false\n---\nBody\nMore.\n");

  fixture_teardown (&fixture);
}

static void
test_close_asks (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *on_disk = NULL;
  AdwMessageDialog *dialog;

  fixture_load_sample (&fixture);
  before = byline_test_read_file (fixture.path, NULL);

  /* Unchanged: closing just closes. */
  gtk_window_close (GTK_WINDOW (fixture.window));
  WAIT_UNTIL (fixture.window == NULL);
  fixture_teardown (&fixture);

  fixture_load_sample (&fixture);
  type_at_end (fixture.window, "unsaved words");

  /* Cancel keeps the window and the changes. */
  gtk_window_close (GTK_WINDOW (fixture.window));
  WAIT_UNTIL (byline_test_find_dialog (GTK_WINDOW (fixture.window)) != NULL);
  dialog = byline_test_find_dialog (GTK_WINDOW (fixture.window));
  adw_message_dialog_response (dialog, "cancel");
  byline_test_spin (100);
  g_assert_nonnull (fixture.window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture.window)));
  g_assert_true (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (byline_window_get_document (fixture.window))));

  /* Discard closes without writing. */
  gtk_window_close (GTK_WINDOW (fixture.window));
  WAIT_UNTIL (byline_test_find_dialog (GTK_WINDOW (fixture.window)) != NULL);
  dialog = byline_test_find_dialog (GTK_WINDOW (fixture.window));
  adw_message_dialog_response (dialog, "discard");
  WAIT_UNTIL (fixture.window == NULL);
  on_disk = byline_test_read_file (fixture.path, NULL);
  g_assert_cmpstr (on_disk, ==, before);

  fixture_teardown (&fixture);
}

static void
test_broken_yaml (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *buffer = NULL;
  const char *text = "---\ntitle: \"never closed\ndraft: false\n---\n\nBody.\n";

  fixture_load (&fixture, text, -1, "post.md");

  /* The title falls back to the file name; draft can't be toggled. */
  g_assert_cmpstr (byline_window_get_title_text (fixture.window), ==, "post.md");
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "doc.toggle-draft", NULL);
  buffer = buffer_text (fixture.window, NULL);
  g_assert_cmpstr (buffer, ==, text);
  g_clear_pointer (&buffer, g_free);

  type_at_end (fixture.window, "Still typing.\n");
  save_and_wait (fixture.window, &error);
  g_assert_no_error (error);

  saved = byline_test_read_file (fixture.path, NULL);
  buffer = buffer_text (fixture.window, NULL);
  g_assert_cmpstr (saved, ==, buffer);
  g_assert_true (g_str_has_suffix (saved, "Body.\nStill typing.\n"));

  fixture_teardown (&fixture);
}

static void
test_failed_save (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GFile) file = NULL;

  fixture_load_sample (&fixture);
  file = g_file_new_for_path (fixture.path);
  type_at_end (fixture.window, "words worth keeping");
  before = buffer_text (fixture.window, NULL);

  /* The folder goes away under the post (root may write anywhere, so a
   * read-only folder would not fail here). */
  g_assert_cmpint (g_unlink (fixture.path), ==, 0);
  g_assert_cmpint (g_rmdir (fixture.dir), ==, 0);

  save_and_wait (fixture.window, &error);
  g_assert_nonnull (error);

  after = buffer_text (fixture.window, NULL);
  g_assert_cmpstr (after, ==, before);
  {
    GtkTextBuffer *buffer = GTK_TEXT_BUFFER (byline_window_get_document (fixture.window));
    GtkTextIter cursor;

    /* The cursor stays where the user typed. */
    gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
    g_assert_true (gtk_text_iter_is_end (&cursor));
  }
  g_assert_true (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (byline_window_get_document (fixture.window))));
  g_assert_nonnull (byline_window_get_last_error (fixture.window));
  g_assert_true (g_str_has_prefix (byline_window_get_last_error (fixture.window), "The post was not saved"));
  g_assert_true (g_file_equal (byline_document_get_file (byline_window_get_document (fixture.window)), file));

  fixture_teardown (&fixture);
}

static void
test_language_frontmatter (void)
{
  Fixture fixture = { 0 };
  GtkSourceBuffer *buffer;
  GtkTextIter iter;
  const char *text = "---\ntitle: Hello\n---\n\nBody\n\n---\n\nafter: rule\n";

  fixture_load (&fixture, text, -1, "post.md");
  buffer = GTK_SOURCE_BUFFER (byline_window_get_document (fixture.window));

  g_assert_nonnull (gtk_source_buffer_get_language (buffer));
  g_assert_cmpstr (gtk_source_language_get_id (gtk_source_buffer_get_language (buffer)), ==, "byline-markdown");

  {
    GtkTextIter begin, end;

    gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (buffer), &begin, &end);
    gtk_source_buffer_ensure_highlight (buffer, &begin, &end);
  }

  /* `title` on line 2 is frontmatter; the body is not; a later `---` line
   * does not open a second frontmatter. */
  gtk_text_buffer_get_iter_at_line_offset (GTK_TEXT_BUFFER (buffer), &iter, 1, 2);
  g_assert_true (gtk_source_buffer_iter_has_context_class (buffer, &iter, "frontmatter"));
  gtk_text_buffer_get_iter_at_line_offset (GTK_TEXT_BUFFER (buffer), &iter, 4, 1);
  g_assert_false (gtk_source_buffer_iter_has_context_class (buffer, &iter, "frontmatter"));
  gtk_text_buffer_get_iter_at_line_offset (GTK_TEXT_BUFFER (buffer), &iter, 8, 1);
  g_assert_false (gtk_source_buffer_iter_has_context_class (buffer, &iter, "frontmatter"));

  fixture_teardown (&fixture);
}

static gboolean
buffer_has_tag (GtkTextBuffer *buffer,
                GtkTextTag    *tag)
{
  GtkTextIter iter;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  do
    {
      if (gtk_text_iter_has_tag (&iter, tag))
        return TRUE;
    }
  while (gtk_text_iter_forward_char (&iter));

  return FALSE;
}

static void
test_diagnostics_underline (void)
{
  Fixture fixture = { 0 };
  GtkTextBuffer *buffer;
  GtkTextTag *tag;
  GtkTextIter begin, end;
  /* pubDatetime is required by the AstroPaper schema: its absence is an error. */
  const char *text = "---\ntitle: No date\ndescription: x\n---\n\nBody\n";

  fixture_load (&fixture, text, -1, "post.md");
  buffer = GTK_TEXT_BUFFER (byline_window_get_document (fixture.window));
  tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "byline-error");
  g_assert_nonnull (tag);

  WAIT_UNTIL (buffer_has_tag (buffer, tag));

  /* The underline explains itself (the editor's tooltip). */
  {
    g_autofree char *message = NULL;
    GtkTextIter iter;

    gtk_text_buffer_get_start_iter (buffer, &iter);
    while (!gtk_text_iter_has_tag (&iter, tag) && gtk_text_iter_forward_char (&iter))
      ;
    message = byline_window_dup_diagnostics_at (fixture.window, &iter);
    g_assert_nonnull (message);
    g_assert_nonnull (strstr (message, "pubDatetime"));
  }

  /* Adding the date clears it. */
  gtk_text_buffer_get_iter_at_line (buffer, &begin, 3);
  gtk_text_buffer_insert (buffer, &begin, "pubDatetime: 2024-01-01T00:00:00Z\n", -1);
  WAIT_UNTIL (!buffer_has_tag (buffer, tag));

  /* Broken YAML is underlined where the parser stopped. */
  gtk_text_buffer_get_iter_at_line (buffer, &begin, 1);
  end = begin;
  gtk_text_iter_forward_to_line_end (&end);
  gtk_text_buffer_delete (buffer, &begin, &end);
  gtk_text_buffer_insert (buffer, &begin, "title: \"never closed", -1);
  WAIT_UNTIL (buffer_has_tag (buffer, tag));

  fixture_teardown (&fixture);
}

static gboolean
selection_is (GtkTextBuffer *buffer,
              int            begin_offset,
              int            end_offset)
{
  GtkTextIter begin, end;

  return gtk_text_buffer_get_selection_bounds (buffer, &begin, &end) &&
         gtk_text_iter_get_offset (&begin) == begin_offset &&
         gtk_text_iter_get_offset (&end) == end_offset;
}

/* The first descendant of @widget of @type whose placeholder is @placeholder. */
static GtkWidget *
find_entry (GtkWidget  *widget,
            const char *placeholder)
{
  if (GTK_IS_ENTRY (widget) &&
      g_strcmp0 (gtk_entry_get_placeholder_text (GTK_ENTRY (widget)), placeholder) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_entry (child, placeholder);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_search (void)
{
  Fixture fixture = { 0 };
  GtkTextBuffer *buffer;
  GtkWidget *focus;
  const char *text = "---\ntitle: Find me\n---\n\nneedle, hay, needle.\n";
  int first = strstr (text, "needle") - text;
  int second = strstr (text + first + 1, "needle") - text;

  fixture_load (&fixture, text, -1, "post.md");
  buffer = GTK_TEXT_BUFFER (byline_window_get_document (fixture.window));

  /* Ctrl+F puts the focus in the search entry; typing there finds. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.find", NULL));
  focus = gtk_root_get_focus (GTK_ROOT (fixture.window));
  g_assert_true (GTK_IS_EDITABLE (focus));
  gtk_editable_set_text (GTK_EDITABLE (focus), "needle");
  WAIT_UNTIL (selection_is (buffer, first, first + 6));

  /* F3 goes to the next match, and wraps around. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.find-next", NULL));
  WAIT_UNTIL (selection_is (buffer, second, second + 6));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.find-next", NULL));
  WAIT_UNTIL (selection_is (buffer, first, first + 6));

  /* Replace all, as one undoable step. */
  {
    GtkWidget *replace = find_entry (GTK_WIDGET (fixture.window), "Replace with");
    g_autofree char *replaced = NULL;
    g_autofree char *undone = NULL;

    g_assert_nonnull (replace);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.replace", NULL));
    gtk_editable_set_text (GTK_EDITABLE (replace), "pin");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.replace-all", NULL));
    replaced = buffer_text (fixture.window, NULL);
    g_assert_cmpstr (replaced, ==, "---\ntitle: Find me\n---\n\npin, hay, pin.\n");
    gtk_text_buffer_undo (buffer);
    undone = buffer_text (fixture.window, NULL);
    g_assert_cmpstr (undone, ==, text);
  }

  /* Escape closes the bar and gives the editor the focus back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.hide-search", NULL));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture.window)) ==
                 GTK_WIDGET (byline_window_get_source_view (fixture.window)));

  fixture_teardown (&fixture);
}

static void
cursor_position (GtkTextBuffer *buffer,
                 guint         *line,
                 guint         *column)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  *line = gtk_text_iter_get_line (&iter) + 1;
  *column = gtk_text_iter_get_line_offset (&iter) + 1;
}

static void
test_panes_and_jumps (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GSettings) settings = byline_settings_new ();
  GtkTextBuffer *buffer;
  GtkWidget *form = NULL;
  GtkWidget *preview = NULL;
  guint line = 0, column = 0;
  GtkTextIter end;
  guint serial;

  fixture_load_sample (&fixture);
  buffer = GTK_TEXT_BUFFER (byline_window_get_document (fixture.window));

  /* The form and the preview hide and show with their actions, and the
   * choice is remembered. */
  g_assert_true (g_settings_get_boolean (settings, "show-form"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.show-form", NULL));
  g_assert_false (g_settings_get_boolean (settings, "show-form"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.show-preview", NULL));
  g_assert_false (g_settings_get_boolean (settings, "show-preview"));
  form = byline_window_get_form (fixture.window);
  g_assert_false (gtk_widget_is_visible (form));
  preview = byline_window_get_preview (fixture.window);
  g_assert_false (gtk_widget_is_visible (preview));

  /* A hidden preview is not fed every keystroke; shown again, it catches up. */
  serial = byline_preview_get_serial (BYLINE_PREVIEW (preview));
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "\nTyped while the preview was hidden.\n", -1);
  g_assert_cmpuint (byline_preview_get_serial (BYLINE_PREVIEW (preview)), ==, serial);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.show-form", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.show-preview", NULL));
  g_assert_cmpuint (byline_preview_get_serial (BYLINE_PREVIEW (preview)), ==, serial + 1);
  g_assert_true (g_settings_get_boolean (settings, "show-form"));
  g_assert_true (g_settings_get_boolean (settings, "show-preview"));
  if (form != NULL)
    g_assert_true (gtk_widget_is_visible (form));
  if (preview != NULL)
    g_assert_true (gtk_widget_is_visible (preview));

  /* "Go to line" from the form and a click in the preview move the cursor. */
  if (form != NULL)
    {
      g_signal_emit_by_name (form, "go-to-line", 8, 3);
      cursor_position (buffer, &line, &column);
      g_assert_cmpuint (line, ==, 8);
      g_assert_cmpuint (column, ==, 3);
      g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture.window)) ==
                     GTK_WIDGET (byline_window_get_source_view (fixture.window)));
    }
  if (preview != NULL)
    {
      g_signal_emit_by_name (preview, "line-activated", 40);
      cursor_position (buffer, &line, &column);
      g_assert_cmpuint (line, ==, 40);
      g_assert_cmpuint (column, ==, 1);
    }
  if (form == NULL && preview == NULL)
    g_test_skip ("this build has no form and no preview");

  fixture_teardown (&fixture);
}

static void
test_new_post (void)
{
  BylineWindow *window = byline_window_new (NULL);
  BylineDocument *document = byline_window_get_document (window);
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *)&window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (byline_window_is_pristine (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-post", NULL));

  text = byline_document_dup_text (document, NULL);
  g_assert_true (g_str_has_prefix (text, "---\ntitle: "));
  g_assert_nonnull (strstr (text, "\ndraft: true\n"));
  g_assert_nonnull (strstr (text, "\npubDatetime: "));
  g_assert_nonnull (strstr (text, "\ntags:\n"));
  g_assert_true (byline_document_get_draft (document));
  g_assert_null (byline_document_get_file (document));

  name = byline_document_dup_suggested_name (document);
  g_assert_cmpstr (name, ==, "a-new-post.md");
  g_clear_pointer (&name, g_free);

  /* Only what the site's slugs hold: no colon, no quotes. */
  g_assert_true (byline_document_set_boolean (document, "draft", FALSE, NULL));
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (document),
                            "---\ntitle: \"My Great Post: Part 2 — it's 'here'\"\n---\n", -1);
  name = byline_document_dup_suggested_name (document);
  g_assert_cmpstr (name, ==, "my-great-post-part-2-its-here.md");

  gtk_window_destroy (GTK_WINDOW (window));
  WAIT_UNTIL (window == NULL);
}

typedef struct
{
  GApplication *app;
  const char  **expect_titles;
  guint         check;
  guint         timeout;
  guint         checked : 1;
} AppRun;

/* One window, whose tabs show the posts titled @titles, in that order,
 * loaded, and the last one selected. */
static gboolean
app_windows_have_titles (GApplication  *app,
                         const char   **titles)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));
  g_autoptr(GPtrArray) pages = NULL;
  guint n = g_strv_length ((char **)titles);

  if (g_list_length (windows) != 1 || !BYLINE_IS_WINDOW (windows->data))
    return FALSE;

  pages = byline_window_get_pages (windows->data);
  if (pages->len != n)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      BylinePage *page = g_ptr_array_index (pages, i);

      if (byline_document_get_loading (byline_page_get_document (page)) ||
          g_strcmp0 (byline_page_get_title (page), titles[i]) != 0)
        return FALSE;
    }

  return byline_window_get_page (windows->data) == g_ptr_array_index (pages, n - 1);
}

static void
app_check (AppRun *run)
{
  if (run->checked || !g_application_get_is_registered (run->app) ||
      !app_windows_have_titles (run->app, run->expect_titles))
    return;

  run->checked = TRUE;
  g_action_group_activate_action (G_ACTION_GROUP (run->app), "quit", NULL);
}

/* Checked as the windows and their tabs fill. */
static gboolean
app_check_cb (gpointer user_data)
{
  app_check (user_data);

  return G_SOURCE_CONTINUE;
}

static gboolean
app_timeout_cb (gpointer user_data)
{
  AppRun *run = user_data;

  run->timeout = 0;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (run->app)); l; l = l->next)
    g_test_message ("still open: %s", BYLINE_IS_WINDOW (l->data) ? byline_window_get_title_text (l->data)
                                                                  : G_OBJECT_TYPE_NAME (l->data));

  g_action_group_activate_action (G_ACTION_GROUP (run->app), "quit", NULL);

  return G_SOURCE_REMOVE;
}

/* Runs the application on @args until it shows windows with @titles. */
static void
run_application (const char **args,
                 const char **titles)
{
  g_autoptr(BylineApplication) app = byline_application_new ();
  g_autofree char *path = g_build_filename (g_get_user_state_dir (), "byline", "session.ini", NULL);
  g_autofree char *joined = NULL;
  AppRun run = { G_APPLICATION (app), titles, 0, 0, FALSE };
  int status;

  /* Each run is its own instance: the name may still be on the bus. */
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  if (!g_file_get_contents (path, &joined, NULL, NULL))
    joined = g_strdup ("(none)");
  g_test_message ("session before the run: %s", joined);
  run.check = g_timeout_add (50, app_check_cb, &run);
  run.timeout = g_timeout_add_seconds (20 * BYLINE_TEST_SLOWDOWN, app_timeout_cb, &run);
  status = g_application_run (G_APPLICATION (app), g_strv_length ((char **)args), (char **)args);
  g_clear_handle_id (&run.timeout, g_source_remove);
  g_clear_handle_id (&run.check, g_source_remove);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (run.checked);
}

static void
test_application (void)
{
  g_autofree char *state = g_build_filename (g_get_user_state_dir (), "byline", NULL);
  g_autofree char *session_path = g_build_filename (state, "session.ini", NULL);
  g_autoptr(BylineSession) session = byline_session_new (state);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("byline-app-XXXXXX", &error);
  g_autofree char *a = g_build_filename (dir, "a.md", NULL);
  g_autofree char *b = g_build_filename (dir, "b.md", NULL);
  const char *open_args[] = { "byline", a, b, NULL };
  const char *no_args[] = { "byline", NULL };
  const char *both[] = { "First post", "Second post", NULL };
  const char *sample[] = { "Writing posts in Byline: a field guide", NULL };

  g_assert_no_error (error);
  byline_test_write_file (a, "---\ntitle: First post\n---\nA\n", -1);
  byline_test_write_file (b, "---\ntitle: Second post\n---\nB\n", -1);

  /* The first time, no file: the bundled sample post. */
  g_unlink (session_path);
  run_application (no_args, sample);

  /* `byline A B`: a tab each, in one window, B's selected; they become the
   * session. */
  run_application (open_args, both);
  entries = byline_session_load (session);
  g_assert_cmpuint (entries->len, ==, 2);

  /* `byline` alone brings them back, in that order, B's tab selected. */
  run_application (no_args, both);

  g_unlink (a);
  g_unlink (b);
  g_rmdir (dir);
  g_unlink (session_path);
}

/* Drafts come and go with unsaved changes, without touching undo, the
 * modified flag or the post's file; a save or a discard deletes them. */
static void
test_drafts (void)
{
  g_autoptr(BylineApplication) app = byline_application_new ();
  g_autoptr(GSettings) settings = byline_settings_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("byline-drafts-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "post.md", NULL);
  g_autofree char *draft = NULL;
  g_autofree char *on_disk = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  const char *post = "---\ntitle: Drafted\n---\n\nBody.\n";
  BylineWindow *window;
  BylineDocument *document;
  BylineSession *session;
  AdwMessageDialog *dialog;

  g_assert_no_error (error);
  byline_test_write_file (path, post, -1);
  g_settings_set_uint (settings, "draft-delay", 200);

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  session = byline_application_get_session (BYLINE_APPLICATION (app));

  window = byline_window_new (GTK_APPLICATION (app));
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *)&window);
  gtk_window_present (GTK_WINDOW (window));
  byline_window_load_async (window, file, NULL, byline_test_store_result_cb, &result);
  WAIT_UNTIL (result != NULL);
  g_assert_true (byline_window_load_finish (window, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  document = byline_window_get_document (window);
  draft = g_strdup_printf ("%s/drafts/%s.md", byline_session_get_dir (session),
                           byline_document_get_id (document));

  /* No changes, no draft. */
  byline_test_spin (400);
  byline_session_flush (session);
  g_assert_false (g_file_test (draft, G_FILE_TEST_EXISTS));

  type_at_end (window, "Typed words.\n");
  WAIT_UNTIL (g_file_test (draft, G_FILE_TEST_EXISTS));
  byline_session_flush (session);
  contents = byline_test_read_file (draft, NULL);
  g_assert_cmpstr (contents, ==, "---\ntitle: Drafted\n---\n\nBody.\nTyped words.\n");

  /* The draft touched nothing of the editor's or the file's. */
  g_assert_true (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document)));
  g_assert_true (gtk_text_buffer_get_can_undo (GTK_TEXT_BUFFER (document)));
  on_disk = byline_test_read_file (path, NULL);
  g_assert_cmpstr (on_disk, ==, post);

  /* Saved: the draft goes. */
  g_settings_set_boolean (settings, "update-mod-datetime", FALSE);
  save_and_wait (window, &error);
  g_assert_no_error (error);
  byline_session_flush (session);
  g_assert_false (g_file_test (draft, G_FILE_TEST_EXISTS));

  /* Changed again, then discarded on close: the draft goes too. */
  type_at_end (window, "More.\n");
  WAIT_UNTIL (g_file_test (draft, G_FILE_TEST_EXISTS));
  gtk_window_close (GTK_WINDOW (window));
  WAIT_UNTIL (byline_test_find_dialog (GTK_WINDOW (window)) != NULL);
  dialog = byline_test_find_dialog (GTK_WINDOW (window));
  adw_message_dialog_response (dialog, "discard");
  WAIT_UNTIL (window == NULL);
  byline_session_flush (session);
  g_assert_false (g_file_test (draft, G_FILE_TEST_EXISTS));

  g_settings_reset (settings, "draft-delay");
  g_settings_reset (settings, "update-mod-datetime");
  g_unlink (path);
  g_rmdir (dir);
}

/* Ctrl+S over a file another program changed asks before overwriting. */
static void
test_save_asks_when_changed_on_disk (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *on_disk = NULL;
  g_autofree char *mine = NULL;
  BylineDocument *document;
  AdwMessageDialog *dialog;
  const char *theirs = "---\ntitle: Theirs\n---\n\nChanged by git.\n";

  fixture_load (&fixture, "---\ntitle: Mine\n---\n\nBody.\n", -1, "post.md");
  document = byline_window_get_document (fixture.window);
  type_at_end (fixture.window, "My edit.\n");
  mine = buffer_text (fixture.window, NULL);

  byline_test_write_file (fixture.path, theirs, -1);
  WAIT_UNTIL (byline_document_get_disk_state (document) == BYLINE_DISK_STATE_CHANGED);

  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "doc.save", NULL);
  WAIT_UNTIL (byline_test_find_dialog (GTK_WINDOW (fixture.window)) != NULL);
  on_disk = byline_test_read_file (fixture.path, NULL);
  g_assert_cmpstr (on_disk, ==, theirs);

  /* Cancel: nothing written, nothing lost. */
  dialog = byline_test_find_dialog (GTK_WINDOW (fixture.window));
  /* A click responds and closes; response() alone doesn't close. */
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_clear_pointer (&on_disk, g_free);
  on_disk = byline_test_read_file (fixture.path, NULL);
  g_assert_cmpstr (on_disk, ==, theirs);
  g_assert_true (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document)));

  /* Save Anyway: mine replaces theirs. */
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "doc.save", NULL);
  WAIT_UNTIL (byline_test_find_dialog (GTK_WINDOW (fixture.window)) != NULL);
  dialog = byline_test_find_dialog (GTK_WINDOW (fixture.window));
  adw_message_dialog_response (dialog, "overwrite");
  WAIT_UNTIL (!gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document)));
  g_clear_pointer (&on_disk, g_free);
  on_disk = byline_test_read_file (fixture.path, NULL);
  g_assert_true (g_str_has_suffix (on_disk, "Body.\nMy edit.\n"));

  fixture_teardown (&fixture);
}

static gboolean
buffer_has (BylineWindow *window,
            const char   *needle)
{
  g_autofree char *text = buffer_text (window, NULL);

  return strstr (text, needle) != NULL;
}

/* A hook rewrites the open post's frontmatter while the author reads the
 * middle of it: the text changes in place and the view doesn't move. */
static void
test_reload_keeps_scroll (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GString) post = g_string_new ("---\ntitle: Long\nmodDatetime: 2024-01-01T00:00:00Z\n---\n\n");
  g_autoptr(GString) after = NULL;
  GtkAdjustment *vadjustment;
  BylineDocument *document;
  GtkTextIter iter;
  double value;

  for (guint i = 0; i < 400; i++)
    g_string_append_printf (post, "Paragraph %u.\n\n", i);
  after = g_string_new (post->str);
  g_string_replace (after, "2024-01-01T00:00:00Z", "2024-06-30T12:00:00Z", 1);

  fixture_load (&fixture, post->str, post->len, "post.md");
  document = byline_window_get_document (fixture.window);
  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (byline_window_get_source_view (fixture.window)));

  gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (document), &iter, 400);
  gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (document), &iter);
  WAIT_UNTIL (gtk_adjustment_get_upper (vadjustment) > 4 * gtk_adjustment_get_page_size (vadjustment));
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_upper (vadjustment) / 3);
  byline_test_spin (500);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), >, 300);
  value = gtk_adjustment_get_value (vadjustment);
  g_test_message ("scrolled to %.0f px of %.0f", value, gtk_adjustment_get_upper (vadjustment));

  byline_test_write_file (fixture.path, after->str, after->len);
  WAIT_UNTIL (buffer_has (fixture.window, "2024-06-30"));
  g_assert_false (gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (document)));
  byline_test_spin (200);

  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (vadjustment), value, 1.0);
  gtk_text_buffer_get_iter_at_mark (GTK_TEXT_BUFFER (document), &iter,
                                    gtk_text_buffer_get_insert (GTK_TEXT_BUFFER (document)));
  g_assert_cmpint (gtk_text_iter_get_line (&iter), ==, 400);

  fixture_teardown (&fixture);
}


/* --- one post per action, and what it fixed ------------------------------ */

#define NO_DRAFT_POST \
  "---\n" \
  "title: Keys in order\n" \
  "pubDatetime: 2024-01-02T03:04:05Z\n" \
  "description: Where does draft go?\n" \
  "tags:\n" \
  "  - order\n" \
  "---\n" \
  "\n" \
  "The body.\n"

/* Ctrl+Shift+D and Ctrl+S, the form's switch and `byline set` all write the
 * same bytes: `draft: true` where the schema puts it, after the title. */
static void
test_one_key_order (void)
{
  const char *want = "---\n"
                     "title: Keys in order\n"
                     "draft: true\n"
                     "pubDatetime: 2024-01-02T03:04:05Z\n"
                     "description: Where does draft go?\n"
                     "tags:\n"
                     "  - order\n"
                     "---\n"
                     "\n"
                     "The body.\n";
  Fixture shortcut = { 0 }, form = { 0 };
  g_autofree char *on_disk = NULL;
  g_autofree char *by_form = NULL;
  g_autofree char *by_cli = NULL;
  g_autofree char *cli_path = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[6];
  GtkWidget *draft;
  int status = 0;

  fixture_load (&shortcut, NO_DRAFT_POST, -1, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (shortcut.window), "doc.toggle-draft", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (shortcut.window), "doc.save", NULL));
  WAIT_UNTIL (!gtk_text_buffer_get_modified (GTK_TEXT_BUFFER (byline_window_get_document (shortcut.window))));
  on_disk = byline_test_read_file (shortcut.path, NULL);
  g_assert_cmpstr (on_disk, ==, want);
  fixture_teardown (&shortcut);

  fixture_load (&form, NO_DRAFT_POST, -1, NULL);
  draft = byline_form_get_field_widget (BYLINE_FORM (byline_window_get_form (form.window)), "draft");
  g_assert_true (GTK_IS_SWITCH (draft));
  gtk_switch_set_active (GTK_SWITCH (draft), TRUE);
  by_form = buffer_text (form.window, NULL);
  g_assert_cmpstr (by_form, ==, want);

  cli_path = g_build_filename (form.dir, "cli.md", NULL);
  byline_test_write_file (cli_path, NO_DRAFT_POST, -1);
  argv[0] = g_getenv ("BYLINE_EXE");
  argv[1] = "set";
  argv[2] = cli_path;
  argv[3] = "draft=true";
  argv[4] = NULL;
  g_assert_nonnull (argv[0]);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  by_cli = byline_test_read_file (cli_path, NULL);
  g_assert_cmpstr (by_cli, ==, want);
  g_unlink (cli_path);
  fixture_teardown (&form);
}

/* A post opens with the cursor where the writing is, not on the fence. */
static void
test_opens_at_body (void)
{
  Fixture fixture = { 0 };
  GtkTextBuffer *buffer;
  GtkTextIter iter;

  fixture_load (&fixture, NO_DRAFT_POST, -1, NULL);
  buffer = GTK_TEXT_BUFFER (byline_window_get_document (fixture.window));
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  g_assert_cmpint (gtk_text_iter_get_line (&iter), ==, 8);
  g_assert_cmpint (gtk_text_iter_get_line_offset (&iter), ==, 0);
  fixture_teardown (&fixture);

  /* No frontmatter: the start of the text. */
  fixture_load (&fixture, "Just a body.\n", -1, NULL);
  buffer = GTK_TEXT_BUFFER (byline_window_get_document (fixture.window));
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  g_assert_cmpint (gtk_text_iter_get_offset (&iter), ==, 0);
  fixture_teardown (&fixture);
}

/* Ctrl+S with nothing changed leaves the file alone: same inode, same
 * modification time. */
static void
test_save_unchanged (void)
{
  Fixture fixture = { 0 };
  GStatBuf before, after;
  g_autoptr(GError) error = NULL;

  fixture_load (&fixture, NO_DRAFT_POST, -1, NULL);
  g_assert_cmpint (g_stat (fixture.path, &before), ==, 0);
  byline_test_spin (20);
  save_and_wait (fixture.window, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (fixture.path, &after), ==, 0);
  g_assert_cmpuint (before.st_ino, ==, after.st_ino);
  g_assert_cmpint (before.st_mtim.tv_sec, ==, after.st_mtim.tv_sec);
  g_assert_cmpint (before.st_mtim.tv_nsec, ==, after.st_mtim.tv_nsec);

  /* A change undone is no change either. */
  type_at_end (fixture.window, "x");
  gtk_text_buffer_undo (GTK_TEXT_BUFFER (byline_window_get_document (fixture.window)));
  save_and_wait (fixture.window, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (fixture.path, &after), ==, 0);
  g_assert_cmpuint (before.st_ino, ==, after.st_ino);
  fixture_teardown (&fixture);
}

/* A stray key on the opening fence: the form says what happened and edits
 * nothing, so no second block appears above the broken one. */
static void
test_damaged_fence (void)
{
  Fixture fixture = { 0 };
  BylineForm *form;
  GtkWidget *draft;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  fixture_load (&fixture, NO_DRAFT_POST, -1, NULL);
  form = BYLINE_FORM (byline_window_get_form (fixture.window));
  g_assert_null (byline_form_get_message (form));

  {
    GtkTextBuffer *buffer = GTK_TEXT_BUFFER (byline_window_get_document (fixture.window));
    GtkTextIter start;

    gtk_text_buffer_get_start_iter (buffer, &start);
    gtk_text_buffer_insert_interactive (buffer, &start, "X", -1, TRUE);
  }

  g_assert_nonnull (byline_form_get_message (form));
  g_assert_nonnull (strstr (byline_form_get_message (form), "first line"));
  draft = byline_form_get_field_widget (form, "draft");
  g_assert_false (gtk_widget_is_sensitive (draft));

  before = buffer_text (fixture.window, NULL);
  /* Ctrl+Shift+D is off while the fence is broken. */
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "doc.toggle-draft", NULL);
  gtk_switch_set_active (GTK_SWITCH (draft), TRUE);
  after = buffer_text (fixture.window, NULL);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (g_str_has_prefix (after, "X---\ntitle:"));
  fixture_teardown (&fixture);
}

/* Tabs: a post opened twice shows its tab; Ctrl+W asks about unsaved
 * changes and closes the tab; the last tab closed closes the window. */
static void
test_tabs (void)
{
  Fixture fixture = { 0 };
  g_autofree char *second = NULL;
  g_autoptr(GFile) first_file = NULL;
  g_autoptr(GFile) second_file = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  BylinePage *first;
  AdwMessageDialog *dialog;

  fixture_load (&fixture, NO_DRAFT_POST, -1, NULL);
  first = byline_window_get_page (fixture.window);
  first_file = g_file_new_for_path (fixture.path);
  second = g_build_filename (fixture.dir, "second.md", NULL);
  byline_test_write_file (second, "---\ntitle: The second post\n---\n\nTwo.\n", -1);
  second_file = g_file_new_for_path (second);

  byline_window_open_file (fixture.window, second_file);
  WAIT_UNTIL (g_strcmp0 (byline_window_get_title_text (fixture.window), "The second post") == 0);
  pages = byline_window_get_pages (fixture.window);
  g_assert_cmpuint (pages->len, ==, 2);
  g_clear_pointer (&pages, g_ptr_array_unref);

  /* Already open: its tab, not another one. */
  byline_window_open_file (fixture.window, first_file);
  g_assert_true (byline_window_get_page (fixture.window) == first);
  g_assert_cmpstr (byline_window_get_title_text (fixture.window), ==, "Keys in order");
  pages = byline_window_get_pages (fixture.window);
  g_assert_cmpuint (pages->len, ==, 2);
  g_clear_pointer (&pages, g_ptr_array_unref);

  /* Ctrl+W on unsaved changes asks; Cancel keeps the tab. */
  type_at_end (fixture.window, "unsaved");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.close-tab", NULL));
  WAIT_UNTIL (byline_test_find_dialog (GTK_WINDOW (fixture.window)) != NULL);
  adw_message_dialog_response (byline_test_find_dialog (GTK_WINDOW (fixture.window)), "cancel");
  byline_test_spin (100);
  pages = byline_window_get_pages (fixture.window);
  g_assert_cmpuint (pages->len, ==, 2);
  g_clear_pointer (&pages, g_ptr_array_unref);

  /* Discard closes it, the file untouched; the other tab is shown. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.close-tab", NULL));
  WAIT_UNTIL (byline_test_find_dialog (GTK_WINDOW (fixture.window)) != NULL);
  dialog = byline_test_find_dialog (GTK_WINDOW (fixture.window));
  adw_message_dialog_response (dialog, "discard");
  WAIT_UNTIL (byline_window_get_page (fixture.window) != first);
  pages = byline_window_get_pages (fixture.window);
  g_assert_cmpuint (pages->len, ==, 1);
  g_clear_pointer (&pages, g_ptr_array_unref);
  g_assert_cmpstr (byline_window_get_title_text (fixture.window), ==, "The second post");
  {
    g_autofree char *on_disk = byline_test_read_file (fixture.path, NULL);

    g_assert_cmpstr (on_disk, ==, NO_DRAFT_POST);
  }

  /* The last tab: the window goes with it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.close-tab", NULL));
  WAIT_UNTIL (fixture.window == NULL);

  g_unlink (second);
  fixture_teardown (&fixture);
}

/* A post that writes its dates as days gets a day for modDatetime too. */
static void
test_mod_date_on_save (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  const char *line;

  fixture_load (&fixture, "---\ntitle: Days\npubDatetime: 2020-01-01\nmodDatetime: 2020-01-02\n---\nBody\n", -1, NULL);
  type_at_end (fixture.window, "More.\n");
  save_and_wait (fixture.window, &error);
  g_assert_no_error (error);
  saved = byline_test_read_file (fixture.path, NULL);
  line = strstr (saved, "\nmodDatetime: ");
  g_assert_nonnull (line);
  line += strlen ("\nmodDatetime: ");
  g_assert_cmpuint (strcspn (line, "\n"), ==, strlen ("2026-12-05"));
  g_assert_cmpstr (line + 10, !=, "");
  g_assert_true (line[10] == '\n');
  fixture_teardown (&fixture);
}

int
main (int    argc,
      char **argv)
{
  g_set_prgname ("test-window");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window/application", test_application);
  g_test_add_func ("/window/open-shows-title", test_open_shows_title);
  g_test_add_func ("/window/toggle-draft-one-line", test_toggle_draft_one_line);
  g_test_add_func ("/window/typing-updates-form-and-preview", test_typing_updates_form_and_preview);
  g_test_add_func ("/window/form-edit-undo", test_form_edit_undo);
  g_test_add_func ("/window/save-byte-exact", test_save_byte_exact);
  g_test_add_func ("/window/mod-datetime-on-save", test_mod_datetime_on_save);
  g_test_add_func ("/window/mod-date-on-save", test_mod_date_on_save);
  g_test_add_func ("/window/close-asks", test_close_asks);
  g_test_add_func ("/window/broken-yaml", test_broken_yaml);
  g_test_add_func ("/window/failed-save", test_failed_save);
  g_test_add_func ("/window/language-frontmatter", test_language_frontmatter);
  g_test_add_func ("/window/diagnostics-underline", test_diagnostics_underline);
  g_test_add_func ("/window/search", test_search);
  g_test_add_func ("/window/panes-and-jumps", test_panes_and_jumps);
  g_test_add_func ("/window/new-post", test_new_post);
  g_test_add_func ("/window/drafts", test_drafts);
  g_test_add_func ("/window/save-asks-when-changed-on-disk", test_save_asks_when_changed_on_disk);
  g_test_add_func ("/window/reload-keeps-scroll", test_reload_keeps_scroll);
  g_test_add_func ("/window/one-key-order", test_one_key_order);
  g_test_add_func ("/window/opens-at-body", test_opens_at_body);
  g_test_add_func ("/window/save-unchanged", test_save_unchanged);
  g_test_add_func ("/window/damaged-fence", test_damaged_fence);
  g_test_add_func ("/window/tabs", test_tabs);

  return g_test_run ();
}
