/* test-a11y.c: the window for keyboard and screen-reader users, headless
 *
 * What an assistive technology is told comes from GTK's accessible
 * properties, roles and relations; GTK's test API (gtk_test_accessible_*)
 * reads them back. The keyboard is walked with gtk_widget_child_focus(), the
 * same step Tab takes. Run it under build-aux/headless-run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "byline-document.h"
#include "byline-form.h"
#include "byline-library-row.h"
#include "byline-library-view.h"
#include "byline-preview.h"
#include "byline-tag-entry.h"
#include "byline-window.h"

#include "byline-test-loop.h"

typedef struct
{
  char         *dir;
  char         *path;
  BylineWindow *window;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *sample = g_build_filename (SOURCE_DATADIR, "sample", "sample-post.md", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;

  text = byline_test_read_file (sample, &len);
  fixture->dir = g_dir_make_tmp ("byline-a11y-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "sample-post.md", NULL);
  byline_test_write_file (fixture->path, text, len);

  fixture->window = byline_window_new (NULL);
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->window));

  file = g_file_new_for_path (fixture->path);
  byline_window_load_async (fixture->window, file, NULL, byline_test_store_result_cb, &result);
  WAIT_UNTIL (result != NULL);
  byline_window_load_finish (fixture->window, result, &error);
  g_assert_no_error (error);
  WAIT_UNTIL (gtk_widget_get_mapped (byline_window_get_form (fixture->window)));
  byline_test_spin (100);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->window != NULL)
    {
      gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (byline_window_get_document (fixture->window)), FALSE);
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      WAIT_UNTIL (fixture->window == NULL);
    }

  g_unlink (fixture->path);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* --- finding widgets ------------------------------------------------------ */

static gboolean
is_inside (GtkWidget *widget,
           GType      type)
{
  return gtk_widget_get_ancestor (widget, type) != NULL;
}

/* The libraries' own widgets (window controls, tab bar, WebKit's insides)
 * are theirs to label; the preview itself is ours. */
static gboolean
is_ours (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  return !is_inside (widget, GTK_TYPE_WINDOW_CONTROLS) && !is_inside (widget, ADW_TYPE_TAB_BAR) &&
         (parent == NULL || !is_inside (parent, BYLINE_TYPE_PREVIEW));
}

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && is_ours (widget))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

static GPtrArray *
find_all (gpointer root,
          GType    type)
{
  GPtrArray *found = g_ptr_array_new ();

  collect (GTK_WIDGET (root), type, found);

  return found;
}

static GtkWidget *
find_by_action (gpointer    root,
                const char *action)
{
  g_autoptr(GPtrArray) all = find_all (root, GTK_TYPE_ACTIONABLE);

  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (all->pdata[i]), action) == 0)
      return all->pdata[i];

  return NULL;
}

static GtkWidget *
tag_entry (Fixture *fixture)
{
  GtkWidget *form = byline_window_get_form (fixture->window);
  GtkWidget *tags = byline_form_get_field_widget (BYLINE_FORM (form), "tags");

  g_assert_true (BYLINE_IS_TAG_ENTRY (tags));

  return tags;
}

/* The tag chips, in order: the buttons that remove a tag. */
static GPtrArray *
tag_chips (Fixture *fixture)
{
  GPtrArray *chips = find_all (tag_entry (fixture), GTK_TYPE_BUTTON);

  for (guint i = chips->len; i > 0; i--)
    if (!gtk_widget_has_css_class (chips->pdata[i - 1], "byline-tag-chip"))
      g_ptr_array_remove_index (chips, i - 1);

  return chips;
}

static gboolean
widget_is_inside_popover (GtkWidget *widget)
{
  return gtk_widget_get_ancestor (widget, GTK_TYPE_POPOVER) != NULL;
}

/* Whether an assistive technology gets a name for @widget: its own label
 * property, a label it is labelled by, or the text of a button's label. */
static gboolean
has_accessible_name (GtkWidget *widget)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (widget);

  if (gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;

  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL &&
      gtk_button_get_icon_name (GTK_BUTTON (widget)) == NULL)
    return TRUE;

  /* A button whose child shows text (AdwButtonContent, a box with a label). */
  if (GTK_IS_BUTTON (widget))
    {
      g_autoptr(GPtrArray) labels = find_all (widget, GTK_TYPE_LABEL);

      for (guint i = 0; i < labels->len; i++)
        {
          const char *text = gtk_label_get_text (labels->pdata[i]);

          if (text != NULL && text[0] != '\0')
            return TRUE;
        }
    }

  return FALSE;
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  g_autoptr(GPtrArray) labels = find_all (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (labels->pdata[i]), text) == 0)
      return labels->pdata[i];

  return NULL;
}

static char *
describe (GtkWidget *widget)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  GtkWidget *parent = gtk_widget_get_parent (widget);
  GtkWidget *grandparent = parent != NULL ? gtk_widget_get_parent (parent) : NULL;

  return g_strdup_printf ("%s%s%s%s in %s in %s", G_OBJECT_TYPE_NAME (widget),
                          tooltip ? " (tooltip “" : "", tooltip ? tooltip : "", tooltip ? "”)" : "",
                          parent ? G_OBJECT_TYPE_NAME (parent) : "nothing",
                          grandparent ? G_OBJECT_TYPE_NAME (grandparent) : "nothing");
}

/* --- tests ---------------------------------------------------------------- */

/* Every icon button of the header bar and the search bar says what it does. */
static void
test_icon_buttons (Fixture       *fixture,
                   gconstpointer  data)
{
  static const struct
  {
    const char        *action;
    const char        *label;
    GtkAccessibleRole  role;
  } buttons[] = {
    { "win.open", "Open a Post", GTK_ACCESSIBLE_ROLE_BUTTON },
    { "win.new-post", "New Post", GTK_ACCESSIBLE_ROLE_BUTTON },
    { "win.show-preview", "Show Preview", GTK_ACCESSIBLE_ROLE_BUTTON },
    { "win.show-form", "Show Frontmatter Form", GTK_ACCESSIBLE_ROLE_BUTTON },
    { "win.find-previous", "Previous Match", GTK_ACCESSIBLE_ROLE_BUTTON },
    { "win.find-next", "Next Match", GTK_ACCESSIBLE_ROLE_BUTTON },
    { "win.hide-search", "Close the Search Bar", GTK_ACCESSIBLE_ROLE_BUTTON },
  };
  g_autoptr(GPtrArray) menus = find_all (fixture->window, GTK_TYPE_MENU_BUTTON);

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkWidget *button = find_by_action (fixture->window, buttons[i].action);

      g_test_message ("%s", buttons[i].action);
      g_assert_nonnull (button);
      gtk_test_accessible_assert_role (button, buttons[i].role);
      gtk_test_accessible_assert_property (button, GTK_ACCESSIBLE_PROPERTY_LABEL, buttons[i].label);
    }

  /* The main menu, and the calendar buttons of the date rows. */
  g_assert_cmpuint (menus->len, >, 0);
  for (guint i = 0; i < menus->len; i++)
    {
      g_autofree char *what = describe (menus->pdata[i]);

      g_test_message ("%s", what);
      g_assert_true (gtk_test_accessible_has_property (menus->pdata[i], GTK_ACCESSIBLE_PROPERTY_LABEL));
    }
}

/* No focusable control anywhere in the window is nameless. */
static void
test_every_control_named (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) widgets = find_all (fixture->window, GTK_TYPE_WIDGET);
  g_autoptr(GString) nameless = g_string_new (NULL);
  guint checked = 0;

  for (guint i = 0; i < widgets->len; i++)
    {
      GtkWidget *widget = widgets->pdata[i];
      GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget));

      if (role != GTK_ACCESSIBLE_ROLE_BUTTON &&
          role != GTK_ACCESSIBLE_ROLE_SWITCH && role != GTK_ACCESSIBLE_ROLE_SPIN_BUTTON &&
          role != GTK_ACCESSIBLE_ROLE_CHECKBOX && role != GTK_ACCESSIBLE_ROLE_TEXT_BOX &&
          role != GTK_ACCESSIBLE_ROLE_SEARCH_BOX && role != GTK_ACCESSIBLE_ROLE_COMBO_BOX)
        continue;
      /* A menu button's inner button is labelled by the menu button. */
      if (GTK_IS_MENU_BUTTON (gtk_widget_get_parent (widget)))
        continue;
      /* An entry row's text is named by its row, in libadwaita. */
      if (gtk_widget_get_ancestor (widget, ADW_TYPE_ENTRY_ROW) != NULL && GTK_IS_TEXT (widget))
        continue;
      /* A drop-down's own search entry, inside its popover, is GTK's. */
      if (gtk_widget_get_ancestor (widget, GTK_TYPE_DROP_DOWN) != NULL && widget_is_inside_popover (widget))
        continue;
      /* The text inside an entry is named through the entry. */
      if (GTK_IS_TEXT (widget) && (GTK_IS_ENTRY (gtk_widget_get_parent (widget)) ||
                                   GTK_IS_SEARCH_ENTRY (gtk_widget_get_parent (widget)) ||
                                   GTK_IS_SPIN_BUTTON (gtk_widget_get_parent (widget))))
        continue;

      checked++;
      if (!has_accessible_name (widget))
        {
          g_autofree char *what = describe (widget);

          g_string_append_printf (nameless, "\n  %s", what);
        }
    }

  g_test_message ("%u controls checked", checked);
  g_assert_cmpuint (checked, >, 20);
  if (nameless->len > 0)
    g_error ("controls without an accessible name:%s", nameless->str);
}

/* The form's rows, the tag chips and the preview have names and roles. */
static void
test_form_and_preview (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *form = byline_window_get_form (fixture->window);
  GtkWidget *tags = tag_entry (fixture);
  GtkWidget *draft = byline_form_get_field_widget (BYLINE_FORM (form), "draft");
  GtkWidget *description = byline_form_get_field_widget (BYLINE_FORM (form), "description");
  GtkWidget *title = byline_form_get_field_widget (BYLINE_FORM (form), "title");
  g_autoptr(GPtrArray) chips = tag_chips (fixture);
  GtkWidget *title_label;
  static const char * const expected_chips[] = {
    "Remove tag “byline”", "Remove tag “writing”", "Remove tag “markdown”",
  };

  /* A switch is named by its row's title label (a label: GTK 4.8 takes no
   * name from a row). */
  gtk_test_accessible_assert_role (draft, GTK_ACCESSIBLE_ROLE_SWITCH);
  g_assert_true (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (draft),
                                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY));
  title_label = find_label (gtk_widget_get_ancestor (draft, ADW_TYPE_ACTION_ROW), "Draft");
  g_assert_nonnull (title_label);
  gtk_test_accessible_assert_relation (draft, GTK_ACCESSIBLE_RELATION_LABELLED_BY, title_label, NULL);

  gtk_test_accessible_assert_role (description, GTK_ACCESSIBLE_ROLE_TEXT_BOX);
  g_assert_true (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (description),
                                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY));
  gtk_test_accessible_assert_property (gtk_widget_get_ancestor (description, ADW_TYPE_PREFERENCES_ROW),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Description");
  gtk_test_accessible_assert_property (gtk_widget_get_ancestor (tags, ADW_TYPE_PREFERENCES_ROW),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Tags");
  g_assert_true (ADW_IS_ENTRY_ROW (title));

  gtk_test_accessible_assert_property (byline_tag_entry_get_entry (BYLINE_TAG_ENTRY (tags)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "New tag");
  g_assert_cmpuint (chips->len, ==, G_N_ELEMENTS (expected_chips));
  for (guint i = 0; i < chips->len; i++)
    {
      gtk_test_accessible_assert_role (chips->pdata[i], GTK_ACCESSIBLE_ROLE_BUTTON);
      gtk_test_accessible_assert_property (chips->pdata[i], GTK_ACCESSIBLE_PROPERTY_LABEL, expected_chips[i]);
      g_assert_true (gtk_widget_get_focusable (chips->pdata[i]));
    }

  gtk_test_accessible_assert_property (byline_window_get_preview (fixture->window),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Preview");
}

/* Where @widget is in the walk, or -1. */
static int
visited_at (GPtrArray *visited,
            GtkWidget *widget)
{
  for (guint i = 0; i < visited->len; i++)
    if (visited->pdata[i] == widget || gtk_widget_is_ancestor (visited->pdata[i], widget))
      return i;

  return -1;
}

/* Tab from the editor goes through the form, its tag chips included, to
 * the preview and round to the editor again, never stuck on one widget. */
static void
test_focus_chain (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *editor = GTK_WIDGET (byline_window_get_source_view (fixture->window));
  GtkWidget *form = byline_window_get_form (fixture->window);
  GtkWidget *preview = byline_window_get_preview (fixture->window);
  GtkWidget *tags = tag_entry (fixture);
  g_autoptr(GPtrArray) chips = tag_chips (fixture);
  g_autoptr(GPtrArray) visited = g_ptr_array_new ();
  static const char * const keys[] = { "title", "description", "pubDatetime", "tags", "draft", "featured" };
  int at_editor, at_preview, at_entry, last = -1;

  gtk_widget_grab_focus (editor);
  g_assert_true (gtk_widget_has_focus (editor));
  g_ptr_array_add (visited, editor);

  for (guint step = 0; step < 300; step++)
    {
      GtkWidget *focus;

      g_assert_true (gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD));
      focus = gtk_root_get_focus (GTK_ROOT (window));
      g_assert_nonnull (focus);
      /* Stuck: Tab left the focus where it was. */
      g_assert_true (focus != visited->pdata[visited->len - 1]);
      if (focus == editor)
        break;
      g_ptr_array_add (visited, focus);
    }
  g_test_message ("Tab visits %u widgets", visited->len);
  for (guint i = 0; i < visited->len; i++)
    {
      g_autofree char *what = describe (visited->pdata[i]);

      g_test_message ("  %u: %s", i, what);
    }
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == editor);

  at_editor = visited_at (visited, editor);
  at_preview = visited_at (visited, preview);
  g_assert_cmpint (at_editor, ==, 0);
  g_assert_cmpint (at_preview, >, 0);

  /* The form's fields, in the order they are shown, between the editor and
   * the preview. */
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkWidget *field = byline_form_get_field_widget (BYLINE_FORM (form), keys[i]);
      int at = visited_at (visited, field);

      g_test_message ("%s at %d", keys[i], at);
      g_assert_cmpint (at, >, last);
      g_assert_cmpint (at, <, at_preview);
      last = at;
    }

  /* Each chip, in order, then the entry for a new tag. */
  last = visited_at (visited, byline_form_get_field_widget (BYLINE_FORM (form), "pubDatetime"));
  for (guint i = 0; i < chips->len; i++)
    {
      int at = visited_at (visited, chips->pdata[i]);

      g_assert_cmpint (at, >, last);
      last = at;
    }
  at_entry = visited_at (visited, byline_tag_entry_get_entry (BYLINE_TAG_ENTRY (tags)));
  g_assert_cmpint (at_entry, >, last);

  /* Shift+Tab goes back the same way: from the entry to the last chip. */
  gtk_widget_grab_focus (byline_tag_entry_get_entry (BYLINE_TAG_ENTRY (tags)));
  g_assert_true (gtk_widget_child_focus (window, GTK_DIR_TAB_BACKWARD));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == chips->pdata[chips->len - 1]);
}

static gboolean
send_key (GtkWidget *widget,
          guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }

  return handled;
}

static char *
frontmatter_tags (Fixture *fixture)
{
  g_autofree char *text = byline_document_dup_text (byline_window_get_document (fixture->window), NULL);
  const char *start = strstr (text, "tags:\n");
  const char *end;

  g_assert_nonnull (start);
  end = strstr (start, "\nogImage:");
  g_assert_nonnull (end);

  return g_strndup (start, end - start);
}

/* Delete (or BackSpace) on a focused chip removes its tag and leaves the
 * focus on the chip that took its place; Enter on a chip removes it too. */
static void
test_chip_keys (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *tags = tag_entry (fixture);
  g_autoptr(GPtrArray) chips = tag_chips (fixture);
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *before_text = frontmatter_tags (fixture);
  g_autofree char *after_delete = NULL;
  g_autofree char *after_enter = NULL;
  GtkWidget *focus;

  g_assert_cmpstr (before_text, ==, "tags:\n  - byline\n  - writing\n  - markdown");

  /* Delete on “writing”, the middle chip. */
  gtk_widget_grab_focus (chips->pdata[1]);
  g_assert_true (gtk_widget_has_focus (chips->pdata[1]));
  g_assert_false (send_key (chips->pdata[1], GDK_KEY_a));
  g_assert_true (send_key (chips->pdata[1], GDK_KEY_Delete));
  WAIT_UNTIL (g_strv_length ((char **) byline_tag_entry_get_tags (BYLINE_TAG_ENTRY (tags))) == 2);
  after_delete = frontmatter_tags (fixture);
  g_assert_cmpstr (after_delete, ==, "tags:\n  - byline\n  - markdown");

  after = tag_chips (fixture);
  g_assert_cmpuint (after->len, ==, 2);
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_true (focus == after->pdata[1]);
  gtk_test_accessible_assert_property (focus, GTK_ACCESSIBLE_PROPERTY_LABEL, "Remove tag “markdown”");

  /* Enter (the button's activation) on the last chip. */
  g_assert_true (gtk_widget_activate (focus));
  WAIT_UNTIL (g_strv_length ((char **) byline_tag_entry_get_tags (BYLINE_TAG_ENTRY (tags))) == 1);
  after_enter = frontmatter_tags (fixture);
  g_assert_cmpstr (after_enter, ==, "tags:\n  - byline");
  g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->window)) ==
                 gtk_widget_get_first_child (byline_tag_entry_get_entry (BYLINE_TAG_ENTRY (tags))) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                         byline_tag_entry_get_entry (BYLINE_TAG_ENTRY (tags))));

  /* BackSpace on the last chip left: the focus falls back to the entry. */
  g_clear_pointer (&after, g_ptr_array_unref);
  after = tag_chips (fixture);
  gtk_widget_grab_focus (after->pdata[0]);
  g_assert_true (send_key (after->pdata[0], GDK_KEY_BackSpace));
  WAIT_UNTIL (g_strv_length ((char **) byline_tag_entry_get_tags (BYLINE_TAG_ENTRY (tags))) == 0);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                         byline_tag_entry_get_entry (BYLINE_TAG_ENTRY (tags))));
}

/* The row of the list view that shows the post titled @title. */
static GtkWidget *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (BYLINE_IS_LIBRARY_ROW (widget))
    {
      g_autofree char *differs = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                                      title);

      return differs == NULL ? widget : NULL;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = find_row (child, title);

      if (row != NULL)
        return row;
    }

  return NULL;
}

/* Rows draw their text; badges and the problem mark are widgets a row makes
 * only for a post that needs them, and a screen reader hears all of it. */
static void
test_library_rows (void)
{
  g_autofree char *root = byline_test_copy_site ("astro");
  g_autoptr(GFile) folder = g_file_new_for_path (root);
  BylineWindow *window = byline_window_new (NULL);
  BylineLibraryView *library;
  GListModel *model;
  GtkWidget *row;
  GtkWidget *badge;
  g_autofree char *differs = NULL;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_present (GTK_WINDOW (window));
  library = byline_window_get_library (window);
  model = byline_library_view_get_model (library);
  byline_window_open_folder (window, folder);
  WAIT_UNTIL (!byline_library_view_get_loading (library) && g_list_model_get_n_items (model) == 6);
  WAIT_UNTIL (find_row (GTK_WIDGET (library), "Second post") != NULL);

  /* A draft: one badge, "Draft", and the screen reader says so. */
  row = find_row (GTK_WIDGET (library), "Second post");
  badge = gtk_widget_get_first_child (row);
  g_assert_true (GTK_IS_LABEL (badge));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (badge)), ==, "Draft");
  g_assert_true (gtk_widget_get_visible (badge));
  g_assert_null (gtk_widget_get_next_sibling (badge));
  differs = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row),
                                                GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                "10 May 2024, Draft, gtk");
  g_assert_cmpstr (differs, ==, NULL);

  /* A post that fails the schema: the mark, with the problem as tooltip. */
  row = find_row (GTK_WIDGET (library), "No description");
  g_assert_nonnull (row);
  badge = gtk_widget_get_first_child (row);
  g_assert_true (GTK_IS_IMAGE (badge));
  g_assert_true (gtk_widget_get_visible (badge));
  g_assert_nonnull (gtk_widget_get_tooltip_text (badge));

  /* A featured post with tags. */
  row = find_row (GTK_WIDGET (library), "Hello, world");
  badge = gtk_widget_get_first_child (row);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (badge)), ==, "Featured");
  g_clear_pointer (&differs, g_free);
  differs = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row),
                                                GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                "1 Mar 2024, Featured, astro · gtk");
  g_assert_cmpstr (differs, ==, NULL);

  /* Filtered to the drafts, the top row shows the draft: a row that showed
   * another post has its badges hidden or made as that post needs. */
  byline_library_view_set_state (library, BYLINE_LIBRARY_STATE_DRAFTS);
  WAIT_UNTIL (g_list_model_get_n_items (model) == 1);
  WAIT_UNTIL (find_row (GTK_WIDGET (library), "Hello, world") == NULL);
  row = find_row (GTK_WIDGET (library), "Second post");
  g_assert_nonnull (row);
  for (badge = gtk_widget_get_first_child (row); badge != NULL; badge = gtk_widget_get_next_sibling (badge))
    if (gtk_widget_get_visible (badge))
      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (badge)), ==, "Draft");

  gtk_window_destroy (GTK_WINDOW (window));
  WAIT_UNTIL (window == NULL);
  byline_test_remove_site (root);
}

int
main (int    argc,
      char **argv)
{
  g_set_prgname ("test-a11y");
  /* Names are checked in English; the German run is test-i18n-window. */
  g_setenv ("LANGUAGE", "C", TRUE);
  /* headless-run turns accessibility off (GTK_A11Y=none): GTK then keeps no
   * accessible state at all. The test backend keeps it, without a bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/a11y/icon-buttons", Fixture, NULL, fixture_setup, test_icon_buttons, fixture_teardown);
  g_test_add ("/a11y/every-control-named", Fixture, NULL, fixture_setup, test_every_control_named, fixture_teardown);
  g_test_add ("/a11y/form-and-preview", Fixture, NULL, fixture_setup, test_form_and_preview, fixture_teardown);
  g_test_add ("/a11y/focus-chain", Fixture, NULL, fixture_setup, test_focus_chain, fixture_teardown);
  g_test_add ("/a11y/chip-keys", Fixture, NULL, fixture_setup, test_chip_keys, fixture_teardown);
  g_test_add_func ("/a11y/library-rows", test_library_rows);

  return g_test_run ();
}
