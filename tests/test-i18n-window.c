/* test-i18n-window.c: the window in German shows no English string
 *
 * Starts the window on the sample post with LANGUAGE=de and the de_DE.UTF-8
 * locale (made with localedef into the build folder when the system lacks
 * it), saves a picture of it (test-i18n-window-de.png in the build folder),
 * then walks every widget on screen, with its tooltip, placeholder and
 * accessible label, and the main menu: none may still say an English
 * message that po/de.po translates. Run it under build-aux/headless-run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "byline-datetime-row.h"
#include "byline-document.h"
#include "byline-form.h"
#include "byline-locale.h"
#include "byline-preview.h"
#include "byline-window.h"

#include "byline-test-loop.h"

#define LOCALE "de_DE.UTF-8"

static char *skip_reason;
/* English msgid -> German msgstr ("" when untranslated), for the messages
 * German words differently. */
static GHashTable *translated;

/* --- the catalogue ---------------------------------------------------------- */

/* The value of a PO string line: the text between the quotes, unescaped. */
static void
append_po_string (GString    *out,
                  const char *line)
{
  const char *start = strchr (line, '"');
  const char *end = strrchr (line, '"');
  g_autofree char *raw = NULL;
  g_autofree char *text = NULL;

  if (start == NULL || end == start)
    return;

  raw = g_strndup (start + 1, end - start - 1);
  text = g_strcompress (raw);
  g_string_append (out, text);
}

/* Reads de.po: the English of the singular messages without a format, which
 * a widget would show as they are, unless German words them the same. */
static GHashTable *
read_catalogue (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) blocks = NULL;
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  blocks = g_strsplit (contents, "\n\n", -1);
  for (guint i = 0; blocks[i] != NULL; i++)
    {
      g_auto(GStrv) lines = g_strsplit (blocks[i], "\n", -1);
      g_autoptr(GString) msgid = g_string_new (NULL);
      g_autoptr(GString) msgstr = g_string_new (NULL);
      GString *current = NULL;
      gboolean plural = FALSE;

      for (guint j = 0; lines[j] != NULL; j++)
        {
          if (g_str_has_prefix (lines[j], "msgid_plural "))
            plural = TRUE, current = NULL;
          else if (g_str_has_prefix (lines[j], "msgid "))
            current = msgid;
          else if (g_str_has_prefix (lines[j], "msgstr "))
            current = msgstr;
          else if (lines[j][0] != '"')
            current = NULL;

          if (current != NULL)
            append_po_string (current, lines[j]);
        }

      /* Left out: words German writes the same (Frontmatter, Editor), and
       * formats, which no widget shows as they are. An untranslated
       * message stays in: on screen it would be English. */
      if (plural || msgid->len == 0 || strchr (msgid->str, '%') != NULL ||
          strcmp (msgid->str, msgstr->str) == 0)
        continue;

      g_hash_table_insert (table, g_strdup (msgid->str), g_strdup (msgstr->str));
    }

  return table;
}

/* --- the walk --------------------------------------------------------------- */

static char *
strip_mnemonic (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (*p != '_' || p[1] == '_')
      g_string_append_c (out, *p);

  return g_string_free (out, FALSE);
}

/* Adds a line to @english when @text is an English message with a German
 * translation. */
static void
check_text (GString    *english,
            GtkWidget  *widget,
            const char *what,
            const char *text)
{
  g_autofree char *plain = NULL;

  if (text == NULL || text[0] == '\0')
    return;

  plain = strip_mnemonic (text);
  if (g_hash_table_contains (translated, text) || g_hash_table_contains (translated, plain))
    g_string_append_printf (english, "\n  %s %s: “%s”", widget ? G_OBJECT_TYPE_NAME (widget) : "menu",
                            what, text);
}

static void
check_accessible_label (GString   *english,
                        GtkWidget *widget)
{
  GHashTableIter iter;
  gpointer msgid;

  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return;

  /* GTK 4.8 has no getter: compare with each English message. */
  g_hash_table_iter_init (&iter, translated);
  while (g_hash_table_iter_next (&iter, &msgid, NULL))
    {
      g_autofree char *differs = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                                     GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                                     (const char *) msgid);

      if (differs == NULL)
        check_text (english, widget, "accessible label", msgid);
    }
}

static void
walk (GtkWidget *widget,
      GString   *english,
      GString   *seen,
      guint     *n_widgets)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  (*n_widgets)++;

  if (GTK_IS_LABEL (widget))
    {
      check_text (english, widget, "label", gtk_label_get_label (GTK_LABEL (widget)));
      g_string_append_printf (seen, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
    }
  if (GTK_IS_TEXT (widget))
    check_text (english, widget, "placeholder", gtk_text_get_placeholder_text (GTK_TEXT (widget)));
  if (GTK_IS_ENTRY (widget))
    check_text (english, widget, "placeholder", gtk_entry_get_placeholder_text (GTK_ENTRY (widget)));
  if (ADW_IS_PREFERENCES_ROW (widget))
    check_text (english, widget, "title", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  if (ADW_IS_PREFERENCES_GROUP (widget))
    {
      check_text (english, widget, "title", adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)));
      check_text (english, widget, "description",
                  adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (widget)));
    }
  check_text (english, widget, "tooltip", gtk_widget_get_tooltip_text (widget));
  check_accessible_label (english, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    walk (child, english, seen, n_widgets);
}

static void
walk_menu (GMenuModel *model,
           GString    *english,
           guint      *n_items)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GMenuLinkIter) links = NULL;
      GMenuModel *link;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        {
          check_text (english, NULL, "item", label);
          (*n_items)++;
        }

      links = g_menu_model_iterate_item_links (model, i);
      while (g_menu_link_iter_get_next (links, NULL, &link))
        {
          walk_menu (link, english, n_items);
          g_object_unref (link);
        }
    }
}

/* --- the picture ------------------------------------------------------------ */

static void
save_rendering (GtkWidget  *widget,
                const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* The screen as X has it, WebKit's preview included; GTK's own rendering
 * of the window when ImageMagick's import is missing. */
static void
save_picture (GtkWidget  *widget,
              const char *path)
{
  g_autofree char *import = g_find_program_in_path ("import");
  int status = 0;

  if (import != NULL &&
      g_spawn_sync (NULL, (char *[]) { import, "-window", "root", (char *) path, NULL }, NULL,
                    G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                    NULL, NULL, &status, NULL) &&
      g_spawn_check_wait_status (status, NULL))
    return;

  save_rendering (widget, path);
}

/* --- the test --------------------------------------------------------------- */

static void
test_window_in_german (void)
{
  g_autofree char *sample = g_build_filename (SOURCE_DATADIR, "sample", "sample-post.md", NULL);
  g_autofree char *po = g_build_filename (g_getenv ("BYLINE_SOURCE_DIR"), "po", "de.po", NULL);
  g_autofree char *shot = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "test-i18n-window-de.png", NULL);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) english = g_string_new (NULL);
  g_autoptr(GString) seen = g_string_new (NULL);
  BylineWindow *window;
  GtkWidget *form;
  GtkWidget *published;
  BylinePreview *preview;
  GMenuModel *menu = NULL;
  guint n_widgets = 0;
  guint n_items = 0;
  gsize len = 0;

  if (skip_reason != NULL)
    {
      g_test_skip (skip_reason);
      return;
    }

  translated = read_catalogue (po);
  g_assert_cmpuint (g_hash_table_size (translated), >, 200);
  /* The catalogue is found and German is on: not a vacuous pass. */
  g_assert_cmpstr (_("_Save"), ==, "_Speichern");

  text = byline_test_read_file (sample, &len);
  dir = g_dir_make_tmp ("byline-i18n-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "sample-post.md", NULL);
  byline_test_write_file (path, text, len);

  window = byline_window_new (NULL);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1380, 860);
  gtk_window_present (GTK_WINDOW (window));
  file = g_file_new_for_path (path);
  byline_window_load_async (window, file, NULL, byline_test_store_result_cb, &result);
  WAIT_UNTIL (result != NULL);
  byline_window_load_finish (window, result, &error);
  g_assert_no_error (error);
  /* The task holds the window. */
  g_clear_object (&result);

  /* The search bar with its replace row, so its words are on screen too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.replace", NULL));
  form = byline_window_get_form (window);
  WAIT_UNTIL (gtk_widget_get_mapped (form));
  /* The preview painted the post before the picture is taken. */
  preview = BYLINE_PREVIEW (byline_window_get_preview (window));
  WAIT_UNTIL (byline_preview_get_serial (preview) > 0 &&
              byline_preview_get_painted_serial (preview) == byline_preview_get_serial (preview));
  byline_test_spin (200);
  save_picture (GTK_WIDGET (window), shot);
  g_test_message ("picture: %s", shot);

  walk (GTK_WIDGET (window), english, seen, &n_widgets);
  g_test_message ("%u widgets on screen", n_widgets);
  g_assert_cmpuint (n_widgets, >, 100);

  /* The main menu's items. */
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (window)); w; )
    {
      if (GTK_IS_MENU_BUTTON (w) && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (w)) != NULL)
        menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (w));
      /* depth first */
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && gtk_widget_get_next_sibling (w) == NULL)
            {
              w = gtk_widget_get_parent (w);
              if (w == GTK_WIDGET (window))
                w = NULL;
            }
          if (w != NULL)
            w = gtk_widget_get_next_sibling (w);
        }
    }
  g_assert_nonnull (menu);
  walk_menu (menu, english, &n_items);
  g_assert_cmpuint (n_items, >, 10);

  /* German words, dates and numbers where the English ones were. */
  g_assert_nonnull (strstr (seen->str, "Speichern\n"));
  g_assert_nonnull (strstr (seen->str, "Schlagwörter\n"));
  g_assert_nonnull (strstr (seen->str, "115 von etwa 160 Zeichen\n"));
  published = byline_form_get_field_widget (BYLINE_FORM (form), "pubDatetime");
  g_assert_true (BYLINE_IS_DATETIME_ROW (published));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (published)), ==, "20.11.2026, 09:30");

  if (english->len > 0)
    g_error ("English on screen in German:%s", english->str);

  gtk_text_buffer_set_modified (GTK_TEXT_BUFFER (byline_window_get_document (window)), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  WAIT_UNTIL (window == NULL);
  g_unlink (path);
  g_rmdir (dir);
  g_clear_pointer (&translated, g_hash_table_unref);
}

/* de_DE.UTF-8 from the system, or else made into the build folder. */
static gboolean
make_locale (void)
{
  g_autofree char *locpath = NULL;
  g_autofree char *target = NULL;
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (setlocale (LC_ALL, LOCALE) != NULL)
    return TRUE;

  locpath = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "locale", NULL);
  target = g_build_filename (locpath, LOCALE, NULL);
  g_mkdir_with_parents (locpath, 0755);

  /* Made by an earlier run, or now. (Not setlocale() before it is there:
   * the C library remembers a locale it did not find.) */
  if (!g_file_test (target, G_FILE_TEST_IS_DIR) &&
      (!g_spawn_sync (NULL, (char *[]) { "localedef", "-i", "de_DE", "-f", "UTF-8", target, NULL },
                      NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                      NULL, &output, &status, &error) ||
       !g_spawn_check_wait_status (status, NULL)))
    g_clear_pointer (&target, g_free);

  if (target != NULL)
    g_setenv ("LOCPATH", locpath, TRUE);
  if (target == NULL || setlocale (LC_ALL, LOCALE) == NULL)
    {
      skip_reason = g_strdup_printf ("the %s locale is not installed and localedef could not make it "
                                     "(apt-get install locales; localedef -i de_DE -f UTF-8 %s): %s",
                                     LOCALE, LOCALE,
                                     error != NULL ? error->message : output != NULL ? output : "");
      g_unsetenv ("LOCPATH");
      return FALSE;
    }

  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  gboolean have_locale;

  g_set_prgname ("test-i18n-window");

  /* The language comes from the environment, as for a user: set it before
   * GTK reads it. */
  have_locale = make_locale ();
  if (have_locale)
    {
      g_setenv ("LC_ALL", LOCALE, TRUE);
      g_setenv ("LANGUAGE", "de", TRUE);
    }
  /* Accessible labels are kept only with an accessibility backend. */
  g_setenv ("GTK_A11Y", "test", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  bindtextdomain (GETTEXT_PACKAGE, byline_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add_func ("/i18n/window-in-german", test_window_in_german);

  return g_test_run ();
}
