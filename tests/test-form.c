/* test-form.c: the frontmatter form against a real document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "byline-datetime-row.h"
#include "byline-form.h"
#include "byline-frontmatter.h"
#include "byline-image-picker.h"
#include "byline-schema.h"
#include "byline-tag-entry.h"

#include "tests/byline-test-loop.h"

typedef struct
{
  GtkWidget     *window;
  BylineForm    *form;
  GtkTextBuffer *buffer;
  guint          goto_line;
  guint          goto_column;
  guint          n_goto;
} Fixture;

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

static char *
load_sample (void)
{
  const char *source = g_getenv ("BYLINE_SOURCE_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_nonnull (source);
  path = g_build_filename (source, "data", "sample", "sample-post.md", NULL);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);

  return text;
}

static void
on_go_to_line (BylineForm *form,
               guint       line,
               guint       column,
               Fixture    *fixture)
{
  fixture->goto_line = line;
  fixture->goto_column = column;
  fixture->n_goto++;
}

static void
set_text (Fixture    *fixture,
          const char *text)
{
  /* Loading a file is not an undoable step, as in the editor. */
  gtk_text_buffer_begin_irreversible_action (fixture->buffer);
  gtk_text_buffer_set_text (fixture->buffer, text, -1);
  gtk_text_buffer_end_irreversible_action (fixture->buffer);
  iterate ();
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 420, 1400);
  fixture->form = BYLINE_FORM (byline_form_new ());
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->form));
  fixture->buffer = GTK_TEXT_BUFFER (byline_document_new ());
  g_signal_connect (fixture->form, "go-to-line", G_CALLBACK (on_go_to_line), fixture);

  if (data != NULL)
    set_text (fixture, data);
  else
    {
      g_autofree char *sample = load_sample ();

      set_text (fixture, sample);
    }

  byline_form_set_document (fixture->form, BYLINE_DOCUMENT (fixture->buffer));
  gtk_window_present (GTK_WINDOW (fixture->window));
  iterate ();
  /* In the window the editor has the focus, not the form's first field (the
   * form never updates a field the user is typing in). */
  gtk_window_set_focus (GTK_WINDOW (fixture->window), NULL);
  iterate ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->buffer);
  iterate ();
}

static GtkWidget *
field (Fixture    *fixture,
       const char *key)
{
  GtkWidget *widget = byline_form_get_field_widget (fixture->form, key);

  g_assert_nonnull (widget);

  return widget;
}

static char *
text_view_text (GtkWidget *view)
{
  return buffer_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';

  return n;
}

/* Asserts that @after is @before with exactly the lines @first..@last
 * (1-based, inclusive, of @before) replaced by @n_new lines; returns the
 * new lines. */
static char *
assert_lines_replaced (const char *before,
                       const char *after,
                       guint       first,
                       guint       last,
                       guint       n_new)
{
  g_auto(GStrv) a = g_strsplit (before, "\n", -1);
  g_auto(GStrv) b = g_strsplit (after, "\n", -1);
  guint na = g_strv_length (a);
  guint nb = g_strv_length (b);
  guint removed = last - first + 1;
  g_autoptr(GString) added = g_string_new (NULL);

  g_assert_cmpuint (nb + removed, ==, na + n_new);

  for (guint i = 0; i < first - 1; i++)
    g_assert_cmpstr (a[i], ==, b[i]);
  for (guint i = 0; i < na - last; i++)
    g_assert_cmpstr (a[na - 1 - i], ==, b[nb - 1 - i]);
  for (guint i = first - 1; i < first - 1 + n_new; i++)
    {
      g_string_append (added, b[i]);
      g_string_append_c (added, '\n');
    }

  return g_string_free (g_steal_pointer (&added), FALSE);
}

/* --- opening --------------------------------------------------------------- */

static void
test_open_fills_fields (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *description = NULL;
  g_autoptr(GDateTime) pub = g_date_time_new_utc (2026, 11, 20, 9, 30, 0);
  g_autoptr(GDateTime) mod = g_date_time_new_utc (2026, 11, 23, 18, 5, 0);
  const char *tags[] = { "byline", "writing", "markdown", NULL };
  GDateTime *shown;

  g_assert_null (byline_form_get_message (fixture->form));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "title"))), ==,
                   "Writing posts in Byline: a field guide");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "author"))), ==,
                   "Byline Team");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "slug"))), ==,
                   "writing-posts-in-byline");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "ogImage"))), ==,
                   "./byline-og.png");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "canonicalURL"))), ==,
                   "https://example.org/posts/writing-posts-in-byline/");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "timezone"))), ==,
                   "Europe/Lisbon");

  description = text_view_text (field (fixture, "description"));
  g_assert_cmpstr (description, ==,
                   "A tour of the frontmatter form, the live preview and every bit of "
                   "GitHub-flavoured Markdown your site will publish.");

  g_assert_true (gtk_switch_get_active (GTK_SWITCH (field (fixture, "featured"))));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (field (fixture, "draft"))));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (field (fixture, "hideEditPost"))));

  g_assert_cmpstrv (byline_tag_entry_get_tags (BYLINE_TAG_ENTRY (field (fixture, "tags"))), tags);

  shown = byline_datetime_row_get_date_time (BYLINE_DATETIME_ROW (field (fixture, "pubDatetime")));
  g_assert_nonnull (shown);
  g_assert_true (g_date_time_equal (shown, pub));
  shown = byline_datetime_row_get_date_time (BYLINE_DATETIME_ROW (field (fixture, "modDatetime")));
  g_assert_nonnull (shown);
  g_assert_true (g_date_time_equal (shown, mod));

  g_assert_true (gtk_widget_is_sensitive (field (fixture, "title")));
}

/* --- editing --------------------------------------------------------------- */

static void
test_edit_title_and_undo (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *before = buffer_text (fixture->buffer);
  g_autofree char *after = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *undone = NULL;
  g_autoptr(BylineFrontmatter) fm = NULL;
  const BylineEntry *title;

  gtk_editable_set_text (GTK_EDITABLE (field (fixture, "title")), "Ünïcode: a new title");
  iterate ();

  after = buffer_text (fixture->buffer);
  changed = assert_lines_replaced (before, after, 2, 2, 1);
  g_assert_true (g_str_has_prefix (changed, "title: "));

  fm = byline_frontmatter_parse (after, strlen (after));
  title = byline_frontmatter_lookup (fm, "title");
  g_assert_nonnull (title);
  g_assert_cmpstr (title->value->string, ==, "Ünïcode: a new title");

  /* One user action: one undo gives back every byte. */
  g_assert_true (gtk_text_buffer_get_can_undo (fixture->buffer));
  gtk_text_buffer_undo (fixture->buffer);
  iterate ();
  undone = buffer_text (fixture->buffer);
  g_assert_cmpstr (undone, ==, before);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "title"))), ==,
                   "Writing posts in Byline: a field guide");
}

static void
test_edit_multibyte_offsets (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *after = NULL;
  g_autofree char *changed = NULL;

  /* Characters before the edit are multi-byte: byte offsets must be turned
   * into character offsets, or the edit lands in the wrong place. */
  gtk_editable_set_text (GTK_EDITABLE (field (fixture, "author")), "Zoë Ω");
  iterate ();

  after = buffer_text (fixture->buffer);
  changed = assert_lines_replaced ("---\ntitle: «Ça va» — ok\nauthor: Ana\n---\nBody ✓\n",
                                   after, 3, 3, 1);
  g_assert_cmpstr (changed, ==, "author: Zoë Ω\n");
}

static void
test_toggle_draft (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *before = buffer_text (fixture->buffer);
  g_autofree char *after = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *undone = NULL;

  gtk_switch_set_active (GTK_SWITCH (field (fixture, "draft")), TRUE);
  iterate ();

  after = buffer_text (fixture->buffer);
  changed = assert_lines_replaced (before, after, 8, 8, 1);
  g_assert_cmpstr (changed, ==, "draft: true # flip to true while you rework it\n");

  gtk_text_buffer_undo (fixture->buffer);
  iterate ();
  undone = buffer_text (fixture->buffer);
  g_assert_cmpstr (undone, ==, before);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (field (fixture, "draft"))));
}

static void
test_crlf (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *toggled = NULL;
  g_autofree char *added = NULL;
  g_autofree char *undone = NULL;

  /* Windows line endings stay: the edited line and an added one. */
  gtk_switch_set_active (GTK_SWITCH (field (fixture, "draft")), TRUE);
  iterate ();
  toggled = buffer_text (fixture->buffer);
  g_assert_cmpstr (toggled, ==, "---\r\ntitle: T\r\ndraft: true\r\n---\r\nBody\r\n");

  gtk_switch_set_active (GTK_SWITCH (field (fixture, "featured")), TRUE);
  iterate ();
  added = buffer_text (fixture->buffer);
  g_assert_nonnull (strstr (added, "featured: true\r\n"));
  g_assert_null (strstr (added, "true\n"));
  g_assert_cmpuint (strlen (added), ==, strlen (toggled) + strlen ("featured: true\r\n"));

  gtk_text_buffer_undo (fixture->buffer);
  gtk_text_buffer_undo (fixture->buffer);
  iterate ();
  undone = buffer_text (fixture->buffer);
  g_assert_cmpstr (undone, ==, data);
}

static void
test_switch_inserts_key (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *after = NULL;
  g_autoptr(BylineFrontmatter) fm = NULL;
  const BylineEntry *featured;

  gtk_switch_set_active (GTK_SWITCH (field (fixture, "featured")), TRUE);
  iterate ();

  after = buffer_text (fixture->buffer);
  g_assert_cmpuint (count_lines (after), ==, count_lines (data) + 1);
  g_assert_nonnull (strstr (after, "\nfeatured: true\n"));
  g_assert_true (g_str_has_suffix (after, "---\nBody\n"));

  fm = byline_frontmatter_parse (after, strlen (after));
  featured = byline_frontmatter_lookup (fm, "featured");
  g_assert_nonnull (featured);
  g_assert_cmpint (featured->value->type, ==, BYLINE_VALUE_BOOLEAN);
  g_assert_true (featured->value->boolean);
}

static void
test_tags_block (Fixture       *fixture,
                 gconstpointer  data)
{
  BylineTagEntry *tags = BYLINE_TAG_ENTRY (field (fixture, "tags"));
  g_autofree char *before = buffer_text (fixture->buffer);
  g_autofree char *added = NULL;
  g_autofree char *removed = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *undone = NULL;

  g_assert_true (byline_tag_entry_add_tag (tags, "gtk"));
  iterate ();
  added = buffer_text (fixture->buffer);
  /* Block style: one new item line after the last one. */
  changed = assert_lines_replaced (before, added, 14, 13, 1);
  g_assert_cmpstr (changed, ==, "  - gtk\n");
  g_clear_pointer (&changed, g_free);

  g_assert_true (byline_tag_entry_remove_tag (tags, "writing"));
  iterate ();
  removed = buffer_text (fixture->buffer);
  changed = assert_lines_replaced (added, removed, 12, 12, 0);
  g_assert_cmpstr (changed, ==, "");

  /* Each edit is its own step. */
  gtk_text_buffer_undo (fixture->buffer);
  gtk_text_buffer_undo (fixture->buffer);
  iterate ();
  undone = buffer_text (fixture->buffer);
  g_assert_cmpstr (undone, ==, before);
}

static void
test_tags_flow_and_typing (Fixture       *fixture,
                           gconstpointer  data)
{
  BylineTagEntry *tags = BYLINE_TAG_ENTRY (field (fixture, "tags"));
  GtkWidget *entry = byline_tag_entry_get_entry (tags);
  g_autofree char *after = NULL;
  g_autofree char *changed = NULL;
  g_autoptr(BylineFrontmatter) fm = NULL;
  const BylineEntry *list;
  const char *expected[] = { "a", "b", "c d", "e", NULL };

  /* A comma ends a tag; Enter adds what is typed. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "c d,");
  iterate ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  gtk_editable_set_text (GTK_EDITABLE (entry), "e");
  g_signal_emit_by_name (entry, "activate");
  iterate ();

  after = buffer_text (fixture->buffer);
  /* The flow list stays one line, in flow style. */
  changed = assert_lines_replaced (data, after, 3, 3, 1);
  g_assert_true (g_str_has_prefix (changed, "tags: ["));

  fm = byline_frontmatter_parse (after, strlen (after));
  list = byline_frontmatter_lookup (fm, "tags");
  g_assert_nonnull (list);
  g_assert_cmpint (list->value->style, ==, BYLINE_STYLE_FLOW);
  g_assert_cmpstrv (byline_tag_entry_get_tags (tags), expected);
  g_assert_cmpuint (list->value->items->len, ==, 4);
}

static GtkWidget *find_button_with_label (GtkWidget  *widget,
                                          const char *needle);

static GtkWidget *
find_button_with_tooltip (GtkWidget  *widget,
                          const char *tooltip)
{
  GtkWidget *child;

  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0)
    return widget;

  for (child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_with_tooltip (child, tooltip);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_tags_click_and_backspace (Fixture       *fixture,
                               gconstpointer  data)
{
  BylineTagEntry *tags = BYLINE_TAG_ENTRY (field (fixture, "tags"));
  GtkWidget *entry = byline_tag_entry_get_entry (tags);
  GtkWidget *chip = find_button_with_tooltip (GTK_WIDGET (tags), "Remove tag “writing”");
  g_autoptr(GListModel) controllers = NULL;
  g_autofree char *before = buffer_text (fixture->buffer);
  g_autofree char *clicked = NULL;
  g_autofree char *erased = NULL;
  g_autofree char *changed = NULL;
  const char *left[] = { "byline", NULL };
  gboolean handled = FALSE;

  /* Clicking a chip removes its tag: one line less. */
  g_assert_nonnull (chip);
  g_signal_emit_by_name (chip, "clicked");
  iterate ();
  clicked = buffer_text (fixture->buffer);
  changed = assert_lines_replaced (before, clicked, 12, 12, 0);

  /* Backspace in the empty entry removes the last tag. */
  controllers = gtk_widget_observe_controllers (entry);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) && !handled)
        g_signal_emit_by_name (controller, "key-pressed", GDK_KEY_BackSpace, 22, 0, &handled);
    }
  g_assert_true (handled);
  iterate ();
  erased = buffer_text (fixture->buffer);
  g_clear_pointer (&changed, g_free);
  changed = assert_lines_replaced (clicked, erased, 12, 12, 0);
  g_assert_cmpstrv (byline_tag_entry_get_tags (tags), left);
  g_assert_nonnull (strstr (erased, "tags:\n  - byline\nogImage:"));
}

static void
write_post (const char *dir,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

static void
test_tag_completion (Fixture       *fixture,
                     gconstpointer  data)
{
  BylineTagEntry *tags = BYLINE_TAG_ENTRY (field (fixture, "tags"));
  GtkWidget *entry = byline_tag_entry_get_entry (tags);
  GtkWidget *box = byline_tag_entry_get_suggestion_box (tags);
  g_autofree char *root = g_dir_make_tmp ("byline-form-XXXXXX", NULL);
  g_autofree char *collection = g_build_filename (root, "src", "content", "blog", NULL);
  g_autofree char *year = g_build_filename (collection, "2024", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (year);
  g_autofree char *after = NULL;
  GtkWidget *button;

  g_assert_cmpint (g_mkdir_with_parents (year, 0700), ==, 0);
  write_post (collection, "a.md", "---\ntags: [gnome, gtk, byline]\n---\n");
  write_post (collection, "b.md", "---\ntags:\n  - gnome\n  - Graphics\n---\n");
  write_post (year, "c.md", "---\ntags: [rust]\n---\n");

  /* The post is in blog/2024: tags come from the whole blog collection. */
  byline_form_set_folder (fixture->form, folder);
  g_assert_true (byline_form_get_folder (fixture->form) == folder);

  /* The scan runs on a worker; the suggestions show when it is done. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "g");
  WAIT_UNTIL (gtk_widget_get_first_child (box) != NULL);

  /* Most used first, case-insensitive prefix, tags the post has left out. */
  button = gtk_widget_get_first_child (box);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (box));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "gnome");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (gtk_widget_get_next_sibling (button))), ==, "Graphics");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (gtk_widget_get_last_child (box))), ==, "gtk");

  /* Down moves to the first suggestion. */
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (entry);
    gboolean handled = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_EVENT_CONTROLLER_KEY (controller) && !handled)
          g_signal_emit_by_name (controller, "key-pressed", GDK_KEY_Down, 116, 0, &handled);
      }
    g_assert_true (handled);
    g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->window)) == button);
  }

  gtk_editable_set_text (GTK_EDITABLE (entry), "by");
  g_assert_null (gtk_widget_get_first_child (box));
  g_assert_false (gtk_widget_get_visible (box));

  gtk_editable_set_text (GTK_EDITABLE (entry), "gn");
  button = gtk_widget_get_first_child (box);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  iterate ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  after = buffer_text (fixture->buffer);
  g_assert_nonnull (strstr (after, "  - markdown\n  - gnome\nogImage:"));

  byline_form_set_folder (fixture->form, NULL);
  {
    g_autofree char *p1 = g_build_filename (year, "c.md", NULL);
    g_autofree char *p2 = g_build_filename (collection, "a.md", NULL);
    g_autofree char *p3 = g_build_filename (collection, "b.md", NULL);
    g_autofree char *p4 = g_build_filename (root, "src", "content", NULL);
    g_autofree char *p5 = g_build_filename (root, "src", NULL);

    g_remove (p1);
    g_remove (p2);
    g_remove (p3);
    g_rmdir (year);
    g_rmdir (collection);
    g_rmdir (p4);
    g_rmdir (p5);
    g_rmdir (root);
  }
}

/* The first suggestion's label, once there is one. */
static const char *
first_suggestion (BylineTagEntry *tags)
{
  GtkWidget *button = gtk_widget_get_first_child (byline_tag_entry_get_suggestion_box (tags));

  return button != NULL ? gtk_button_get_label (GTK_BUTTON (button)) : NULL;
}

static void
load_library_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (byline_library_index_load_finish (BYLINE_LIBRARY_INDEX (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* With the window's library holding the site, the tags come from the
 * posts it read, not from the folder read again: a post deleted behind
 * the library's back still lends its tag. A form given a library that
 * is still reading waits for it. */
static void
test_tag_completion_from_library (Fixture       *fixture,
                                  gconstpointer  data)
{
  BylineTagEntry *tags = BYLINE_TAG_ENTRY (field (fixture, "tags"));
  GtkWidget *entry = byline_tag_entry_get_entry (tags);
  g_autofree char *site = byline_test_copy_site ("astro");
  g_autofree char *blog = g_build_filename (site, "src", "data", "blog", NULL);
  g_autofree char *zebra = g_build_filename (blog, "zebra.md", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (blog);
  g_autoptr(BylineLibraryIndex) library = byline_library_index_new ();
  gboolean loaded = FALSE;

  byline_test_write_file (zebra, "---\ntitle: Z\npubDatetime: 2024-01-01T00:00:00Z\n"
                                 "description: d\ntags: [zebra]\n---\n", -1);

  /* Given while the library reads: the form waits for it. */
  byline_library_index_load_async (library, site, NULL, load_library_cb, &loaded);
  byline_form_set_library (fixture->form, library);
  byline_form_set_folder (fixture->form, folder);
  WAIT_UNTIL (loaded);
  g_assert_cmpint (g_unlink (zebra), ==, 0);
  gtk_editable_set_text (GTK_EDITABLE (entry), "z");
  WAIT_UNTIL (g_strcmp0 (first_suggestion (tags), "zebra") == 0);

  /* Another folder of the same site, the library done: counted at once
   * from what it holds. */
  byline_form_set_folder (fixture->form, NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_assert_null (first_suggestion (tags));
  {
    g_autofree char *releases = g_build_filename (blog, "_releases", NULL);
    g_autoptr(GFile) other = g_file_new_for_path (releases);

    byline_form_set_folder (fixture->form, other);
    byline_form_set_folder (fixture->form, folder);
  }
  gtk_editable_set_text (GTK_EDITABLE (entry), "ze");
  WAIT_UNTIL (g_strcmp0 (first_suggestion (tags), "zebra") == 0);

  byline_form_set_folder (fixture->form, NULL);
  byline_form_set_library (fixture->form, NULL);
  byline_test_remove_site (site);
}

static void
test_tags_first (Fixture       *fixture,
                 gconstpointer  data)
{
  BylineTagEntry *tags = BYLINE_TAG_ENTRY (field (fixture, "tags"));
  g_autofree char *after = NULL;
  g_autoptr(BylineFrontmatter) fm = NULL;
  const BylineEntry *list;

  /* No tags yet: the first one adds the key, the rest stays. */
  g_assert_true (byline_tag_entry_add_tag (tags, "first"));
  iterate ();
  after = buffer_text (fixture->buffer);
  g_assert_true (g_str_has_prefix (after, "---\ntitle: T\n"));
  g_assert_true (g_str_has_suffix (after, "---\nBody\n"));
  fm = byline_frontmatter_parse (after, strlen (after));
  list = byline_frontmatter_lookup (fm, "tags");
  g_assert_nonnull (list);
  g_assert_cmpint (list->value->type, ==, BYLINE_VALUE_SEQUENCE);
  g_assert_cmpuint (list->value->items->len, ==, 1);
  g_assert_cmpstr (((BylineNode *) g_ptr_array_index (list->value->items, 0))->string, ==, "first");
}

static void
test_typing_updates_form (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *title = field (fixture, "title");
  GtkWidget *author = field (fixture, "author");
  GtkTextIter start, end;
  const char *typed = "Writing posts in Byline: a field guide";

  gtk_widget_grab_focus (title);
  iterate ();
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)), title));

  /* The editor changes both the title and the author. */
  gtk_text_buffer_get_iter_at_line_offset (fixture->buffer, &start, 2, 8);
  gtk_text_buffer_get_iter_at_line_offset (fixture->buffer, &end, 2, 19);
  gtk_text_buffer_delete (fixture->buffer, &start, &end);
  gtk_text_buffer_insert (fixture->buffer, &start, "Jane Doe", -1);
  gtk_text_buffer_get_iter_at_line_offset (fixture->buffer, &start, 1, 8);
  gtk_text_buffer_insert (fixture->buffer, &start, "Re-", -1);
  iterate ();

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (author)), ==, "Jane Doe");
  /* The field being typed in is left alone. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, typed);

  /* Once focus moves on, it follows the text again. */
  gtk_widget_grab_focus (author);
  gtk_text_buffer_get_end_iter (fixture->buffer, &end);
  gtk_text_buffer_insert (fixture->buffer, &end, "More body.\n", -1);
  iterate ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==,
                   "Re-Writing posts in Byline: a field guide");
}

static void
test_body_typing_then_form_edit (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *changed = NULL;
  GtkTextIter iter;

  /* Typing in the body (the form skips parsing for it), right at its first
   * character too; then a form edit must still land on the right line. */
  gtk_text_buffer_get_iter_at_line (fixture->buffer, &iter, 20);
  gtk_text_buffer_insert (fixture->buffer, &iter, "Body typing. ", -1);
  gtk_text_buffer_get_end_iter (fixture->buffer, &iter);
  gtk_text_buffer_insert (fixture->buffer, &iter, "The end.\n", -1);
  iterate ();

  before = buffer_text (fixture->buffer);
  gtk_switch_set_active (GTK_SWITCH (field (fixture, "draft")), TRUE);
  iterate ();
  after = buffer_text (fixture->buffer);
  changed = assert_lines_replaced (before, after, 8, 8, 1);
  g_assert_cmpstr (changed, ==, "draft: true # flip to true while you rework it\n");
}

static void
test_long_post (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GString) post = g_string_new (NULL);
  g_autofree char *sample = load_sample ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *undone = NULL;

  /* Far longer than the head the form reads first. */
  g_string_append (post, sample);
  while (post->len < 300000)
    g_string_append (post, "A paragraph of the body, with ünïcödé to count characters.\n\n");
  set_text (fixture, post->str);

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "author"))), ==, "Byline Team");
  before = buffer_text (fixture->buffer);
  gtk_switch_set_active (GTK_SWITCH (field (fixture, "draft")), TRUE);
  iterate ();
  after = buffer_text (fixture->buffer);
  changed = assert_lines_replaced (before, after, 8, 8, 1);
  g_assert_cmpstr (changed, ==, "draft: true # flip to true while you rework it\n");

  gtk_text_buffer_undo (fixture->buffer);
  iterate ();
  undone = buffer_text (fixture->buffer);
  g_assert_cmpstr (undone, ==, before);
}

static void
test_long_frontmatter (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GString) post = g_string_new ("---\ntitle: Long\nnotes: |\n");
  g_autofree char *after = NULL;

  /* A block longer than the head: the form must read on to its end. */
  while (post->len < 200000)
    g_string_append (post, "  a line of a long literal block in the frontmatter\n");
  g_string_append (post, "draft: true\n---\nBody\n");
  set_text (fixture, post->str);

  g_assert_null (byline_form_get_message (fixture->form));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "title"))), ==, "Long");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (field (fixture, "draft"))));

  gtk_switch_set_active (GTK_SWITCH (field (fixture, "draft")), FALSE);
  iterate ();
  after = buffer_text (fixture->buffer);
  g_assert_true (g_str_has_suffix (after, "\ndraft: false\n---\nBody\n"));
  g_assert_cmpuint (strlen (after), ==, post->len + 1);
}

static void
test_fence_without_newline (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkTextIter iter;

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "title"))), ==, "A");

  /* Text after a closing fence with no line break is on the fence line:
   * `---x` closes nothing, and the form must notice. */
  gtk_text_buffer_get_end_iter (fixture->buffer, &iter);
  gtk_text_buffer_insert (fixture->buffer, &iter, "x", -1);
  iterate ();
  g_assert_true (byline_form_get_message (fixture->form) != NULL ||
                 g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "title"))), "A") != 0);

  gtk_text_buffer_get_end_iter (fixture->buffer, &iter);
  gtk_text_buffer_backspace (fixture->buffer, &iter, FALSE, TRUE);
  iterate ();
  g_assert_null (byline_form_get_message (fixture->form));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "title"))), ==, "A");
}

static void
test_broken_yaml (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *before = buffer_text (fixture->buffer);
  g_autofree char *after = NULL;
  g_autofree char *fixed = NULL;
  const char *message;
  guint line = 0, column = 0;
  GtkTextIter start, end;

  message = byline_form_get_message (fixture->form);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "line"));
  g_assert_true (byline_form_get_error_position (fixture->form, &line, &column));
  g_assert_cmpuint (line, >=, 3);
  g_assert_cmpuint (line, <=, 5);
  g_assert_false (gtk_widget_is_sensitive (field (fixture, "title")));
  /* The last good values are not known here: nothing was ever parsed. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "title"))), ==, "");

  byline_form_go_to_error (fixture->form);
  g_assert_cmpuint (fixture->n_goto, ==, 1);
  g_assert_cmpuint (fixture->goto_line, ==, line);
  g_assert_cmpuint (fixture->goto_column, >=, 1);

  /* No edit is attempted on text the engine can't read. */
  gtk_switch_set_active (GTK_SWITCH (field (fixture, "draft")), TRUE);
  iterate ();
  after = buffer_text (fixture->buffer);
  g_assert_cmpstr (after, ==, before);

  /* Fixing it in the editor brings the form back. */
  gtk_text_buffer_get_iter_at_line (fixture->buffer, &start, 2);
  gtk_text_buffer_get_iter_at_line (fixture->buffer, &end, 3);
  gtk_text_buffer_delete (fixture->buffer, &start, &end);
  iterate ();
  fixed = buffer_text (fixture->buffer);
  g_assert_null (byline_form_get_message (fixture->form));
  g_assert_false (byline_form_get_error_position (fixture->form, NULL, NULL));
  g_assert_true (gtk_widget_is_sensitive (field (fixture, "title")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "title"))), ==, "Fine");
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (field (fixture, "draft"))));
}

static void
test_broken_while_field_focused (Fixture       *fixture,
                                 gconstpointer  data)
{
  GtkWidget *author = field (fixture, "author");
  GtkWidget *focus;
  GtkTextIter iter;

  gtk_widget_grab_focus (author);
  iterate ();

  /* The editor breaks the YAML while a field has the keyboard: the field
   * turns insensitive without GTK losing track of focus (a warning, fatal
   * in tests), and focus lands on "Go to Error". */
  gtk_text_buffer_get_iter_at_line (fixture->buffer, &iter, 1);
  gtk_text_buffer_insert (fixture->buffer, &iter, "oops: [\n", -1);
  iterate ();

  g_assert_nonnull (byline_form_get_message (fixture->form));
  g_assert_false (gtk_widget_is_sensitive (author));
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_nonnull (focus);
  g_assert_true (GTK_IS_BUTTON (focus) || gtk_widget_get_ancestor (focus, GTK_TYPE_BUTTON) != NULL);
  g_assert_false (gtk_widget_is_ancestor (focus, author));
}

static void
test_new_buffer_replaces_focused (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(BylineDocument) other = byline_document_new ();
  GtkWidget *title = field (fixture, "title");

  gtk_widget_grab_focus (title);
  iterate ();

  /* Another document: the focused field belongs to the old one. */
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (other), "---\ntitle: Other post\n---\n", -1);
  byline_form_set_document (fixture->form, other);
  iterate ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "Other post");
  g_assert_true (byline_form_get_document (fixture->form) == other);

  byline_form_set_document (fixture->form, BYLINE_DOCUMENT (fixture->buffer));
  iterate ();
}

static void
test_focus_leave_catches_up (Fixture       *fixture,
                             gconstpointer  data)
{
  GtkWidget *title = field (fixture, "title");
  GtkTextIter iter;

  gtk_widget_grab_focus (title);
  iterate ();
  gtk_text_buffer_get_iter_at_line_offset (fixture->buffer, &iter, 1, 8);
  gtk_text_buffer_insert (fixture->buffer, &iter, "New: ", -1);
  iterate ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==,
                   "Writing posts in Byline: a field guide");

  /* Moving on shows what the text says now, without another change. */
  gtk_widget_grab_focus (field (fixture, "author"));
  iterate ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==,
                   "New: Writing posts in Byline: a field guide");
}

static void
test_unknown_keys (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *button = field (fixture, "series");

  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_null (byline_form_get_field_widget (fixture->form, "nonexistent"));

  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpuint (fixture->n_goto, ==, 1);
  g_assert_cmpuint (fixture->goto_line, ==, 3);
  g_assert_cmpuint (fixture->goto_column, ==, 1);

  button = field (fixture, "extra");
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpuint (fixture->goto_line, ==, 4);
}

static void
test_datetime_style (Fixture       *fixture,
                     gconstpointer  data)
{
  BylineDatetimeRow *pub = BYLINE_DATETIME_ROW (field (fixture, "pubDatetime"));
  BylineDatetimeRow *mod = BYLINE_DATETIME_ROW (field (fixture, "modDatetime"));
  g_autoptr(GDateTime) value = g_date_time_new_utc (2025, 3, 4, 5, 6, 0);
  g_autofree char *after = NULL;
  g_autofree char *cleared = NULL;
  g_autofree char *changed = NULL;
  g_autoptr(BylineFrontmatter) fm = NULL;
  const BylineEntry *entry;

  /* The file writes +08:00 with a blank: the new instant is written so. */
  byline_datetime_row_pick (pub, value);
  iterate ();
  after = buffer_text (fixture->buffer);
  changed = assert_lines_replaced (data, after, 3, 3, 1);
  g_assert_cmpstr (changed, ==, "pubDatetime: 2025-03-04 13:06:00 +08:00\n");

  /* modDatetime may be cleared. */
  byline_datetime_row_pick (mod, NULL);
  iterate ();
  cleared = buffer_text (fixture->buffer);
  fm = byline_frontmatter_parse (cleared, strlen (cleared));
  entry = byline_frontmatter_lookup (fm, "modDatetime");
  g_assert_true (entry == NULL || entry->value->type == BYLINE_VALUE_NULL);
  g_assert_cmpuint (count_lines (cleared), >=, count_lines (after) - 1);
  g_assert_null (byline_datetime_row_get_date_time (mod));
}

static void
test_datetime_zulu (Fixture       *fixture,
                    gconstpointer  data)
{
  BylineDatetimeRow *pub = BYLINE_DATETIME_ROW (field (fixture, "pubDatetime"));
  g_autoptr(GDateTime) value = g_date_time_new_utc (2026, 12, 1, 8, 0, 0);
  g_autofree char *before = buffer_text (fixture->buffer);
  g_autofree char *after = NULL;
  g_autofree char *changed = NULL;

  byline_datetime_row_pick (pub, value);
  iterate ();
  after = buffer_text (fixture->buffer);
  changed = assert_lines_replaced (before, after, 4, 4, 1);
  g_assert_cmpstr (changed, ==, "pubDatetime: 2026-12-01T08:00:00Z\n");
}

static void
test_datetime_now (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *row = field (fixture, "pubDatetime");
  GtkWidget *now = find_button_with_label (row, "Now");
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) after = NULL;
  g_autoptr(GDateTime) written = NULL;
  g_autoptr(BylineFrontmatter) fm = NULL;
  g_autofree char *text = NULL;
  const BylineEntry *entry;

  g_assert_nonnull (now);
  g_signal_emit_by_name (now, "clicked");
  iterate ();
  after = g_date_time_new_now_utc ();

  text = buffer_text (fixture->buffer);
  fm = byline_frontmatter_parse (text, strlen (text));
  entry = byline_frontmatter_lookup (fm, "pubDatetime");
  g_assert_nonnull (entry);
  g_assert_cmpint (entry->value->type, ==, BYLINE_VALUE_TIMESTAMP);
  /* Whole seconds, in the file's Z style. */
  g_assert_cmpint (entry->value->timestamp.zone, ==, BYLINE_ZONE_Z);
  g_assert_cmpstr (entry->value->timestamp.fraction, ==, "");
  written = byline_timestamp_to_date_time (&entry->value->timestamp);
  g_assert_cmpint (g_date_time_difference (written, before), >=, -G_USEC_PER_SEC);
  g_assert_cmpint (g_date_time_difference (after, written), >=, 0);
}

static GtkWidget *
find_widget_of_type (GtkWidget *widget,
                     GType      type)
{
  GtkWidget *child;

  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_of_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_datetime_popover (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *row = field (fixture, "modDatetime");
  GtkWidget *menu_button = find_widget_of_type (row, GTK_TYPE_MENU_BUTTON);
  GtkWidget *popover, *calendar, *set;
  GtkWidget *spin;
  g_autoptr(GDateTime) day = g_date_time_new_utc (2027, 2, 3, 0, 0, 0);
  g_autofree char *before = buffer_text (fixture->buffer);
  g_autofree char *after = NULL;
  g_autofree char *changed = NULL;

  g_assert_nonnull (menu_button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  iterate ();
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button)));
  g_assert_true (gtk_widget_get_visible (popover));

  /* It opens on the value shown: 18:05 on the 23rd. */
  calendar = find_widget_of_type (popover, GTK_TYPE_CALENDAR);
  spin = find_widget_of_type (popover, GTK_TYPE_SPIN_BUTTON);
  {
    g_autoptr(GDateTime) shown = gtk_calendar_get_date (GTK_CALENDAR (calendar));

    g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, 23);
  }
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 18);

  gtk_calendar_select_day (GTK_CALENDAR (calendar), day);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 7);
  set = find_button_with_label (popover, "_Set");
  g_assert_nonnull (set);
  g_signal_emit_by_name (set, "clicked");
  iterate ();

  after = buffer_text (fixture->buffer);
  changed = assert_lines_replaced (before, after, 5, 5, 1);
  g_assert_cmpstr (changed, ==, "modDatetime: 2027-02-03T07:05:00Z\n");
}

static void
test_no_frontmatter (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *after = NULL;
  g_autoptr(BylineFrontmatter) fm = NULL;
  const BylineEntry *title;

  g_assert_null (byline_form_get_message (fixture->form));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "title"))), ==, "");
  g_assert_true (gtk_widget_is_sensitive (field (fixture, "title")));

  gtk_editable_set_text (GTK_EDITABLE (field (fixture, "title")), "Hello");
  iterate ();

  after = buffer_text (fixture->buffer);
  g_assert_true (g_str_has_prefix (after, "---\n"));
  g_assert_true (g_str_has_suffix (after, "---\nJust a body.\n"));
  fm = byline_frontmatter_parse (after, strlen (after));
  title = byline_frontmatter_lookup (fm, "title");
  g_assert_nonnull (title);
  g_assert_cmpstr (title->value->string, ==, "Hello");
}

/* A TOML post (Hugo's +++) opens with its values in the form, and a form
 * edit rewrites exactly one line in TOML. */
static void
test_toml (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *before = buffer_text (fixture->buffer);
  g_autofree char *after = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *retitled = NULL;

  g_assert_null (byline_form_get_message (fixture->form));
  g_assert_true (gtk_widget_is_sensitive (field (fixture, "title")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "title"))), ==, "T");
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (field (fixture, "draft"))));

  gtk_switch_set_active (GTK_SWITCH (field (fixture, "draft")), TRUE);
  iterate ();
  after = buffer_text (fixture->buffer);
  changed = assert_lines_replaced (before, after, 4, 4, 1);
  g_assert_cmpstr (changed, ==, "draft = true\n");

  gtk_editable_set_text (GTK_EDITABLE (field (fixture, "title")), "Say \"hi\"");
  iterate ();
  g_free (changed);
  retitled = buffer_text (fixture->buffer);
  changed = assert_lines_replaced (after, retitled, 2, 2, 1);
  g_assert_cmpstr (changed, ==, "title = \"Say \\\"hi\\\"\" # the title\n");
}

static GtkWidget *
find_button_with_label (GtkWidget  *widget,
                        const char *needle)
{
  GtkWidget *child;

  if (GTK_IS_BUTTON (widget) && gtk_widget_get_visible (widget) &&
      gtk_button_get_label (GTK_BUTTON (widget)) != NULL &&
      strstr (gtk_button_get_label (GTK_BUTTON (widget)), needle) != NULL)
    return widget;

  for (child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_with_label (child, needle);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_slug_suggestion (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *slug = field (fixture, "slug");
  GtkWidget *button = find_button_with_label (slug, "hello-gtk-world");
  g_autofree char *after = NULL;

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  iterate ();

  after = buffer_text (fixture->buffer);
  g_assert_nonnull (strstr (after, "\nslug: hello-gtk-world\n"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (slug)), ==, "hello-gtk-world");
  g_assert_false (gtk_widget_get_visible (button));

  /* A title with punctuation: the slug holds only what the site's slugs
   * hold (it was `form-title:-with-'quotes'-hash`). */
  set_text (fixture, "---\ntitle: \"Form title: with 'quotes' #hash\"\nslug:\n---\n");
  g_assert_nonnull (find_button_with_label (slug, "form-title-with-quotes-hash"));
}

static void
test_diagnostics_at_field (Fixture       *fixture,
                           gconstpointer  data)
{
  GtkWidget *title = field (fixture, "title");
  GtkTextIter end;

  /* No title: the site's build would fail; the title row says so. */
  g_assert_true (gtk_widget_has_css_class (title, "byline-field-error"));
  g_assert_false (gtk_widget_has_css_class (field (fixture, "author"), "byline-field-error"));

  gtk_text_buffer_get_iter_at_line (fixture->buffer, &end, 1);
  gtk_text_buffer_insert (fixture->buffer, &end, "title: Now there is one\n", -1);
  iterate ();
  g_assert_false (gtk_widget_has_css_class (title, "byline-field-error"));
}

static void
test_description_edit (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *view = field (fixture, "description");
  g_autofree char *before = buffer_text (fixture->buffer);
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autoptr(BylineFrontmatter) fm = NULL;
  const BylineEntry *description;
  const char *fence;

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "Short and sweet.", -1);
  iterate ();

  after = buffer_text (fixture->buffer);
  /* Everything up to the description and the whole body stay. */
  fence = strstr (before + 4, "\n---\n");
  g_assert_nonnull (fence);
  g_assert_true (g_str_has_suffix (after, fence));
  g_assert_cmpint (strncmp (before, after, strstr (before, "description:") - before), ==, 0);

  fm = byline_frontmatter_parse (after, strlen (after));
  description = byline_frontmatter_lookup (fm, "description");
  g_assert_nonnull (description);
  g_assert_cmpstr (description->value->string, ==, "Short and sweet.");

  gtk_text_buffer_undo (fixture->buffer);
  iterate ();
  undone = buffer_text (fixture->buffer);
  g_assert_cmpstr (undone, ==, before);
}

/* Not a check: a picture of the form on the sample post, for people to look
 * at (BYLINE_FORM_SNAPSHOT=/tmp/form.png). */
static void
test_snapshot (Fixture       *fixture,
               gconstpointer  data)
{
  const char *path = g_getenv ("BYLINE_FORM_SNAPSHOT");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width, height;

  if (path == NULL)
    {
      g_test_skip ("BYLINE_FORM_SNAPSHOT is not set");
      return;
    }

  /* Another post to picture (broken YAML, unknown keys...). */
  if (g_getenv ("BYLINE_FORM_SNAPSHOT_POST") != NULL)
    {
      g_autofree char *text = NULL;

      g_assert_true (g_file_get_contents (g_getenv ("BYLINE_FORM_SNAPSHOT_POST"), &text, NULL, NULL));
      gtk_root_set_focus (GTK_ROOT (fixture->window), NULL);
      set_text (fixture, text);
    }

  if (g_getenv ("BYLINE_FORM_SNAPSHOT_DARK") != NULL)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);

  for (guint i = 0; i < 20; i++)
    {
      iterate ();
      g_usleep (10000);
    }

  /* The bottom of the form: unknown keys, the last fields. */
  if (g_getenv ("BYLINE_FORM_SNAPSHOT_BOTTOM") != NULL)
    {
      GtkWidget *scroller = gtk_widget_get_ancestor (field (fixture, "title"), GTK_TYPE_SCROLLED_WINDOW);
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      for (guint i = 0; i < 20; i++)
        {
          iterate ();
          g_usleep (10000);
        }
    }

  width = gtk_widget_get_width (fixture->window);
  height = gtk_widget_get_height (fixture->window);
  g_assert_cmpint (width, >, 0);

  paintable = gtk_widget_paintable_new (fixture->window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (GTK_NATIVE (fixture->window));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* Whether a label inside @widget shows @text. */
static gboolean
has_label_text (GtkWidget  *widget,
                const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (has_label_text (child, text))
      return TRUE;

  return FALSE;
}

/* A site's own schema: the form has its fields, with a widget per kind, and
 * an edit in one of them writes that key. */
static void
test_site_schema (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char *json =
    "{\"$ref\":\"#/definitions/notes\",\"definitions\":{\"notes\":{\"type\":\"object\","
    "\"properties\":{"
    "\"headline\":{\"type\":\"string\",\"maxLength\":80},"
    "\"status\":{\"type\":\"string\",\"enum\":[\"idea\",\"writing\",\"done\"]},"
    "\"rating\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":5},"
    "\"topics\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
    "\"seo\":{\"type\":\"object\",\"properties\":{\"title\":{\"type\":\"string\"}}},"
    "\"hero_image\":{\"type\":\"string\"}"
    "},\"required\":[\"headline\",\"status\"]}}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineSchema) schema = byline_schema_new_from_json_data (json, -1, "test", "notes", NULL, &error);
  BylineDocument *document = BYLINE_DOCUMENT (fixture->buffer);
  g_autofree char *after = NULL;
  GtkWidget *status;
  GtkWidget *hero;

  g_assert_no_error (error);
  set_text (fixture, "---\nheadline: A note\nstatus: idea\nrating: 3\ntopics: [c]\nseo:\n  title: T\n"
                     "hero_image: h.png\n---\nBody\n");
  byline_document_set_schema (document, schema);
  iterate ();

  /* AstroPaper's fields are gone; the site's are there. */
  g_assert_null (byline_form_get_field_widget (fixture->form, "pubDatetime"));
  g_assert_true (ADW_IS_ENTRY_ROW (field (fixture, "headline")));
  status = field (fixture, "status");
  g_assert_true (ADW_IS_COMBO_ROW (status));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (status)), ==, 0);
  g_assert_true (GTK_IS_SPIN_BUTTON (field (fixture, "rating")));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (field (fixture, "rating"))), ==, 3);
  g_assert_true (BYLINE_IS_TAG_ENTRY (field (fixture, "topics")));
  /* A nested object is an expander with a row per field. */
  g_assert_true (ADW_IS_EXPANDER_ROW (field (fixture, "seo")));
  g_assert_true (ADW_IS_ENTRY_ROW (field (fixture, "seo.title")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "seo.title"))), ==, "T");
  /* A key with underscores shows them: they are not taken for mnemonics. */
  hero = gtk_widget_get_ancestor (field (fixture, "hero_image"), ADW_TYPE_PREFERENCES_ROW);
  g_assert_nonnull (hero);
  g_assert_true (has_label_text (hero, "hero_image"));

  adw_combo_row_set_selected (ADW_COMBO_ROW (status), 2);
  iterate ();
  after = buffer_text (fixture->buffer);
  g_assert_cmpstr (after, ==, "---\nheadline: A note\nstatus: done\nrating: 3\ntopics: [c]\nseo:\n  title: T\n"
                              "hero_image: h.png\n---\nBody\n");

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (field (fixture, "rating")), 5);
  iterate ();
  g_clear_pointer (&after, g_free);
  after = buffer_text (fixture->buffer);
  g_assert_nonnull (strstr (after, "\nrating: 5\n"));
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (widget), type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_hint_row (GtkWidget *widget)
{
  if (gtk_widget_has_css_class (widget, "byline-hint-row"))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_hint_row (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A schema with an object in an object; author.avatar is an image(). */
static const char nested_json[] =
  "{\"$ref\":\"#/definitions/notes\",\"definitions\":{\"notes\":{\"type\":\"object\","
  "\"properties\":{"
  "\"headline\":{\"type\":\"string\"},"
  "\"author\":{\"type\":\"object\",\"properties\":{"
  "\"name\":{\"type\":\"string\"},"
  "\"email\":{\"type\":\"string\",\"format\":\"email\"},"
  "\"avatar\":{\"type\":\"string\"},"
  "\"social\":{\"type\":\"object\",\"properties\":{\"mastodon\":{\"type\":\"string\"}},"
  "\"additionalProperties\":false},"
  "\"verified\":{\"type\":\"boolean\"}"
  "},\"required\":[\"name\"],\"additionalProperties\":false},"
  "\"status\":{\"type\":\"string\",\"enum\":[\"idea\",\"done\"]}"
  "},\"required\":[\"headline\"]}}}";

static const char nested_config[] =
  "schema: ({ image }) => z.object({\n"
  "  headline: z.string(),\n"
  "  author: z.object({ name: z.string(), email: z.string().email().optional(),\n"
  "    avatar: image().optional(),\n"
  "    social: z.object({ mastodon: z.string().optional() }).optional(),\n"
  "    verified: z.boolean().optional() }).optional(),\n"
  "  status: z.enum(['idea', 'done']).optional(),\n"
  "})\n";

static void
use_nested_schema (Fixture    *fixture,
                   const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineSchema) schema = byline_schema_new_from_json_data (nested_json, -1, "test", "notes",
                                                                     nested_config, &error);

  g_assert_no_error (error);
  set_text (fixture, text);
  byline_document_set_schema (BYLINE_DOCUMENT (fixture->buffer), schema);
  iterate ();
}

/* A nested object: an expander whose rows are built as the top level's and
 * edit their own key in place, one line at a time. */
static void
test_nested_object (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char text[] =
    "---\n"
    "headline: A note\n"
    "author:\n"
    "  name: Ada   # who\n"
    "  email: ada@example.org\n"
    "  social:\n"
    "    mastodon: \"@ada\"\n"
    "status: idea\n"
    "---\n"
    "Body\n";
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *line = NULL;
  GtkWidget *name;

  use_nested_schema (fixture, text);

  g_assert_true (ADW_IS_EXPANDER_ROW (field (fixture, "author")));
  g_assert_true (ADW_IS_EXPANDER_ROW (field (fixture, "author.social")));
  name = field (fixture, "author.name");
  g_assert_true (ADW_IS_ENTRY_ROW (name));
  g_assert_true (gtk_widget_get_ancestor (name, ADW_TYPE_EXPANDER_ROW) == field (fixture, "author"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "Ada");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "author.social.mastodon"))), ==, "@ada");
  g_assert_true (GTK_IS_SWITCH (field (fixture, "author.verified")));
  /* An image inside the object has the picker the top level's have. */
  g_assert_nonnull (find_descendant (field (fixture, "author.avatar"), BYLINE_TYPE_IMAGE_PICKER));

  /* Typing in a nested field changes its line only (the comment stays). */
  before = buffer_text (fixture->buffer);
  gtk_editable_set_text (GTK_EDITABLE (name), "Grace Hopper");
  iterate ();
  after = buffer_text (fixture->buffer);
  line = assert_lines_replaced (before, after, 4, 4, 1);
  g_assert_cmpstr (line, ==, "  name: Grace Hopper   # who\n");
  g_clear_pointer (&line, g_free);

  /* Two levels down. */
  g_free (before);
  before = g_steal_pointer (&after);
  gtk_editable_set_text (GTK_EDITABLE (field (fixture, "author.social.mastodon")), "@grace");
  iterate ();
  after = buffer_text (fixture->buffer);
  line = assert_lines_replaced (before, after, 7, 7, 1);
  g_assert_cmpstr (line, ==, "    mastodon: \"@grace\"\n");
  g_clear_pointer (&line, g_free);

  /* A key the object lacks: one new line at the end of the object. */
  g_free (before);
  before = g_steal_pointer (&after);
  gtk_switch_set_active (GTK_SWITCH (field (fixture, "author.verified")), TRUE);
  iterate ();
  after = buffer_text (fixture->buffer);
  line = assert_lines_replaced (before, after, 8, 7, 1);
  g_assert_cmpstr (line, ==, "  verified: true\n");
  g_clear_pointer (&line, g_free);

  /* An optional field emptied goes away: one line less. */
  g_free (before);
  before = g_steal_pointer (&after);
  gtk_editable_set_text (GTK_EDITABLE (field (fixture, "author.email")), "");
  iterate ();
  after = buffer_text (fixture->buffer);
  line = assert_lines_replaced (before, after, 5, 5, 0);
  g_clear_pointer (&line, g_free);

  /* The text changed from elsewhere: the nested rows follow. */
  set_text (fixture, text);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "author.name"))), ==, "Ada");
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (field (fixture, "author.verified"))));
}

/* A problem inside a nested object shows at its own row, not the object's. */
static void
test_nested_diagnostics (Fixture       *fixture,
                         gconstpointer  data)
{
  use_nested_schema (fixture, "---\nheadline: H\nauthor:\n  name: Ada\n  email: not an address\n---\n");

  g_assert_true (gtk_widget_has_css_class (field (fixture, "author.email"), "byline-field-error"));
  g_assert_false (gtk_widget_has_css_class (field (fixture, "author.name"), "byline-field-error"));
  g_assert_false (gtk_widget_has_css_class (field (fixture, "author"), "byline-field-error"));

  /* Fixed in the form: the mark goes. */
  gtk_editable_set_text (GTK_EDITABLE (field (fixture, "author.email")), "ada@example.org");
  iterate ();
  g_assert_false (gtk_widget_has_css_class (field (fixture, "author.email"), "byline-field-error"));

  /* A required nested key missing: at the object. */
  set_text (fixture, "---\nheadline: H\nauthor:\n  email: ada@example.org\n---\n");
  g_assert_true (gtk_widget_has_css_class (field (fixture, "author"), "byline-field-error"));
}

/* A one-line mapping, an absent object and TOML tables, edited in place. */
static void
test_nested_forms (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *after = NULL;

  use_nested_schema (fixture, "---\nheadline: H\nauthor: {name: Ada, email: a@b.org}\nstatus: idea\n---\n");
  gtk_editable_set_text (GTK_EDITABLE (field (fixture, "author.name")), "Grace, Admiral");
  iterate ();
  after = buffer_text (fixture->buffer);
  g_assert_cmpstr (after, ==, "---\nheadline: H\nauthor: {name: \"Grace, Admiral\", email: a@b.org}\n"
                              "status: idea\n---\n");
  g_clear_pointer (&after, g_free);

  /* Keys the schema doesn't name are said to be there. */
  use_nested_schema (fixture, "---\nheadline: H\nauthor:\n  name: Ada\n  twitter: ada\n  x: 1\n---\n");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (field (fixture, "author"))), ==,
                   "Keys the schema doesn’t know: twitter, x");

  /* No author yet: the object is written out around the key, where the
   * schema's key order puts it. */
  use_nested_schema (fixture, "---\nheadline: H\nstatus: idea\n---\n");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (field (fixture, "author"))), ==,
                   "Not set");
  gtk_editable_set_text (GTK_EDITABLE (field (fixture, "author.social.mastodon")), "@ada");
  iterate ();
  after = buffer_text (fixture->buffer);
  g_assert_cmpstr (after, ==, "---\nheadline: H\nauthor:\n  social:\n    mastodon: \"@ada\"\nstatus: idea\n---\n");
  g_clear_pointer (&after, g_free);

  /* TOML: a key under a [table] header, and one added to it. */
  use_nested_schema (fixture, "+++\nheadline = \"H\"\n\n[author]\nname = \"Ada\" # who\n+++\nBody\n");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "author.name"))), ==, "Ada");
  gtk_editable_set_text (GTK_EDITABLE (field (fixture, "author.name")), "Grace");
  iterate ();
  after = buffer_text (fixture->buffer);
  g_assert_cmpstr (after, ==, "+++\nheadline = \"H\"\n\n[author]\nname = \"Grace\" # who\n+++\nBody\n");
  g_clear_pointer (&after, g_free);
  gtk_switch_set_active (GTK_SWITCH (field (fixture, "author.verified")), TRUE);
  iterate ();
  after = buffer_text (fixture->buffer);
  g_assert_cmpstr (after, ==,
                   "+++\nheadline = \"H\"\n\n[author]\nname = \"Grace\" # who\nverified = true\n+++\nBody\n");
}

/* The note sits under its field: the field's row, its issue row, the note */
static GtkWidget *
og_image_hint (Fixture    *fixture,
               const char *key)
{
  GtkWidget *hint = find_hint_row (GTK_WIDGET (fixture->form));
  GtkWidget *row = gtk_widget_get_ancestor (field (fixture, key), ADW_TYPE_PREFERENCES_ROW);

  g_assert_nonnull (hint);
  g_assert_true (gtk_widget_get_prev_sibling (gtk_widget_get_prev_sibling (hint)) == row);
  return hint;
}

/* A switch whose key the post leaves out shows what the site takes it to
 * be: Jekyll's `published` is on (a post without it is published), Hugo's
 * `draft` off; showing it writes nothing, and turning it off writes false. */
static void
test_switch_default (Fixture       *fixture,
                     gconstpointer  data)
{
  BylineDocument *document = BYLINE_DOCUMENT (fixture->buffer);
  g_autoptr(BylineSchema) jekyll = byline_schema_new_jekyll ();
  g_autoptr(BylineSchema) hugo = byline_schema_new_hugo ();
  g_autofree char *shown = NULL;
  g_autofree char *off = NULL;

  set_text (fixture, "---\ntitle: T\n---\nBody\n");
  byline_document_set_schema (document, jekyll);
  iterate ();
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (field (fixture, "published"))));
  shown = buffer_text (fixture->buffer);
  g_assert_cmpstr (shown, ==, "---\ntitle: T\n---\nBody\n");

  gtk_switch_set_active (GTK_SWITCH (field (fixture, "published")), FALSE);
  iterate ();
  off = buffer_text (fixture->buffer);
  g_assert_cmpstr (off, ==, "---\ntitle: T\npublished: false\n---\nBody\n");
  set_text (fixture, "---\ntitle: T\npublished: true\n---\nBody\n");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (field (fixture, "published"))));
  set_text (fixture, "---\ntitle: T\n---\nBody\n");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (field (fixture, "published"))));

  byline_document_set_schema (document, hugo);
  iterate ();
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (field (fixture, "draft"))));
}

static void
test_og_image_hint (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char *json_with =
    "{\"type\":\"object\",\"properties\":{\"title\":{\"type\":\"string\"},"
    "\"heroImage\":{\"type\":\"string\"},\"ogImage\":{\"type\":\"string\"}}}";
  static const char *json_without =
    "{\"type\":\"object\",\"properties\":{\"title\":{\"type\":\"string\"},"
    "\"heroImage\":{\"type\":\"string\"}}}";
  BylineDocument *document = BYLINE_DOCUMENT (fixture->buffer);
  g_autoptr(BylineSchema) hugo = byline_schema_new_hugo ();
  g_autoptr(BylineSchema) jekyll = byline_schema_new_jekyll ();
  g_autoptr(BylineSchema) with = byline_schema_new_from_json_data (json_with, -1, "test", "blog", NULL, NULL);
  g_autoptr(BylineSchema) without = byline_schema_new_from_json_data (json_without, -1, "test", "blog", NULL, NULL);
  GtkTextIter iter;

  /* AstroPaper: ogImage not set, then set, then empty */
  g_assert_true (gtk_widget_get_visible (og_image_hint (fixture, "ogImage")));
  gtk_text_buffer_get_iter_at_line (fixture->buffer, &iter, 1);
  gtk_text_buffer_insert (fixture->buffer, &iter, "ogImage: ./cover.png\n", -1);
  iterate ();
  g_assert_false (gtk_widget_get_visible (og_image_hint (fixture, "ogImage")));
  set_text (fixture, "---\ntitle: T\n---\nBody\n");
  g_assert_true (gtk_widget_get_visible (og_image_hint (fixture, "ogImage")));
  /* empty is not set, but the warning row says more: the note waits */
  set_text (fixture, "---\ntitle: T\nogImage: \"\"\n---\nBody\n");
  g_assert_false (gtk_widget_get_visible (og_image_hint (fixture, "ogImage")));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_prev_sibling (og_image_hint (fixture, "ogImage"))));

  /* Hugo: the images list */
  set_text (fixture, "+++\ntitle = \"T\"\nimages = []\n+++\nBody\n");
  byline_document_set_schema (document, hugo);
  iterate ();
  g_assert_true (gtk_widget_get_visible (og_image_hint (fixture, "images")));
  set_text (fixture, "+++\ntitle = \"T\"\nimages = [\"/img/a.png\"]\n+++\nBody\n");
  g_assert_false (gtk_widget_get_visible (og_image_hint (fixture, "images")));

  /* Jekyll: jekyll-seo-tag's image, a path or a mapping */
  set_text (fixture, "---\ntitle: T\nimage:\n  path: /a.png\n  alt: A\n---\nBody\n");
  byline_document_set_schema (document, jekyll);
  iterate ();
  g_assert_false (gtk_widget_get_visible (og_image_hint (fixture, "image")));
  set_text (fixture, "---\ntitle: T\n---\nBody\n");
  g_assert_true (gtk_widget_get_visible (og_image_hint (fixture, "image")));

  /* a site's own schema: a field named so, and not a hero image */
  g_assert_nonnull (with);
  byline_document_set_schema (document, with);
  iterate ();
  g_assert_true (gtk_widget_get_visible (og_image_hint (fixture, "ogImage")));
  set_text (fixture, "---\ntitle: T\nogImage: ./a.png\n---\nBody\n");
  g_assert_false (gtk_widget_get_visible (og_image_hint (fixture, "ogImage")));
  g_assert_nonnull (without);
  byline_document_set_schema (document, without);
  set_text (fixture, "---\ntitle: T\n---\nBody\n");
  g_assert_nonnull (field (fixture, "heroImage"));
  g_assert_null (find_hint_row (GTK_WIDGET (fixture->form)));
}

int
main (int    argc,
      char **argv)
{
#ifdef __SANITIZE_ADDRESS__
  /* The cairo renderer needs no GL; without it no Mesa driver is loaded,
   * whose allocations LeakSanitizer can't name once it is unloaded. */
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
#endif
  g_set_prgname ("test-form");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, text, func) \
  g_test_add (path, Fixture, text, fixture_setup, func, fixture_teardown)

  ADD ("/form/open-fills-fields", NULL, test_open_fills_fields);
  ADD ("/form/edit-title-and-undo", NULL, test_edit_title_and_undo);
  ADD ("/form/edit-multibyte-offsets",
       "---\ntitle: «Ça va» — ok\nauthor: Ana\n---\nBody ✓\n", test_edit_multibyte_offsets);
  ADD ("/form/toggle-draft", NULL, test_toggle_draft);
  ADD ("/form/crlf", "---\r\ntitle: T\r\ndraft: false\r\n---\r\nBody\r\n", test_crlf);
  ADD ("/form/switch-inserts-key", "---\ntitle: T\n---\nBody\n", test_switch_inserts_key);
  ADD ("/form/tags-block", NULL, test_tags_block);
  ADD ("/form/tags-flow-and-typing",
       "---\ntitle: T\ntags: [a, b]\ndraft: false\n---\nBody\n", test_tags_flow_and_typing);
  ADD ("/form/tags-click-and-backspace", NULL, test_tags_click_and_backspace);
  ADD ("/form/tag-completion", NULL, test_tag_completion);
  ADD ("/form/tag-completion-from-library", NULL, test_tag_completion_from_library);
  ADD ("/form/tags-first", "---\ntitle: T\n---\nBody\n", test_tags_first);
  ADD ("/form/typing-updates-form", NULL, test_typing_updates_form);
  ADD ("/form/body-typing-then-form-edit", NULL, test_body_typing_then_form_edit);
  ADD ("/form/long-post", NULL, test_long_post);
  ADD ("/form/long-frontmatter", "", test_long_frontmatter);
  ADD ("/form/fence-without-newline", "---\ntitle: A\n---", test_fence_without_newline);
  ADD ("/form/broken-yaml",
       "---\ntitle: Fine\ntags: [unclosed\ndraft: false\n---\nBody\n", test_broken_yaml);
  ADD ("/form/broken-while-field-focused", NULL, test_broken_while_field_focused);
  ADD ("/form/new-buffer-replaces-focused", NULL, test_new_buffer_replaces_focused);
  ADD ("/form/focus-leave-catches-up", NULL, test_focus_leave_catches_up);
  ADD ("/form/unknown-keys",
       "---\ntitle: T\nseries: Getting started\nextra:\n  nested: [1, 2]\n---\n", test_unknown_keys);
  ADD ("/form/datetime-style",
       "---\ntitle: T\npubDatetime: 2024-01-02 10:00:00 +08:00\nmodDatetime: 2024-01-03 10:00:00 +08:00\n---\n",
       test_datetime_style);
  ADD ("/form/datetime-zulu", NULL, test_datetime_zulu);
  ADD ("/form/datetime-now", NULL, test_datetime_now);
  ADD ("/form/datetime-popover", NULL, test_datetime_popover);
  ADD ("/form/no-frontmatter", "Just a body.\n", test_no_frontmatter);
  ADD ("/form/toml",
       "+++\ntitle = \"T\" # the title\npubDatetime = 2024-01-02T03:04:05Z\ndraft = false\n"
       "tags = [\"a\", \"b\"]\n\n[params]\nx = 1\n+++\nBody\n", test_toml);
  ADD ("/form/slug-suggestion", "---\ntitle: Hello GTK World\nslug:\n---\n", test_slug_suggestion);
  ADD ("/form/diagnostics-at-field", "---\nauthor: A\n---\n", test_diagnostics_at_field);
  ADD ("/form/description-edit", NULL, test_description_edit);
  ADD ("/form/snapshot", NULL, test_snapshot);
  ADD ("/form/site-schema", NULL, test_site_schema);
  ADD ("/form/nested-object", NULL, test_nested_object);
  ADD ("/form/nested-diagnostics", NULL, test_nested_diagnostics);
  ADD ("/form/nested-forms", NULL, test_nested_forms);
  ADD ("/form/og-image-hint", "---\ntitle: T\n---\nBody\n", test_og_image_hint);
  ADD ("/form/switch-default", "---\ntitle: T\n---\nBody\n", test_switch_default);

#undef ADD

  return g_test_run ();
}
