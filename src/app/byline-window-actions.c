/* byline-window-actions.c: what the window's menus, buttons and keys do
 *
 * win.* act on the window (open, new, search, panes), doc.* on the post it
 * shows (save, the notices' buttons, the draft and featured toggles). Keys
 * are bound here too, and an action is enabled only while it can do
 * something: Escape and Ctrl+Return belong to the search bar only while it
 * is open, and the toggles are off while the frontmatter can't be edited.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Byline"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-application.h"
#include "byline-window-private.h"

void
_byline_window_update_actions (BylineWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  BylineDocument *document;
  BylineSchema *schema;
  gboolean busy, changed, search, replace;
  gboolean has_draft, has_featured;

  if (self->page == NULL)
    return;

  document = byline_page_get_document (self->page);
  busy = byline_document_get_busy (document);
  changed = byline_document_get_disk_state (document) == BYLINE_DISK_STATE_CHANGED;
  search = byline_search_bar_get_search_mode (self->search_bar);
  replace = byline_search_bar_get_replace_mode (self->search_bar);

  /* The toggles are for a site whose posts have such a key. */
  schema = byline_document_get_schema (document);
  has_draft = byline_schema_lookup (schema, "draft") != NULL ||
              byline_page_get_draft_is_folder (self->page);
  has_featured = byline_schema_lookup (schema, "featured") != NULL;
  /* No post shown (a site's library beside nothing): no toggles. */
  gtk_widget_set_visible (self->draft_toggle, has_draft && !byline_window_get_empty (self));
  gtk_widget_set_visible (self->featured_toggle, has_featured && !byline_window_get_empty (self));
  gtk_widget_action_set_enabled (widget, "doc.toggle-draft",
                                 has_draft && byline_page_get_editable (self->page) && !busy &&
                                 !byline_page_get_moving (self->page));
  gtk_widget_action_set_enabled (widget, "doc.toggle-featured",
                                 has_featured && byline_page_get_editable (self->page) && !busy);
  gtk_widget_action_set_enabled (widget, "doc.save", !busy);
  gtk_widget_action_set_enabled (widget, "doc.save-as", !busy);
  gtk_widget_action_set_enabled (widget, "doc.reload", !busy && changed);
  gtk_widget_action_set_enabled (widget, "doc.keep-mine", changed);
  gtk_widget_action_set_enabled (widget, "doc.discard-recovered",
                                 !busy && byline_page_get_recovered (self->page));
  gtk_widget_action_set_enabled (widget, "win.hide-search", search);
  gtk_widget_action_set_enabled (widget, "win.replace-one", replace);
  gtk_widget_action_set_enabled (widget, "win.replace-all", replace);
}

/* --- doc.* --------------------------------------------------------------- */

/* Ctrl+S, and the menu's Save As: failures are shown by the page. */
static void
byline_window_save_done_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (g_async_result_is_tagged (result, byline_page_save_as_async))
    byline_page_save_as_finish (BYLINE_PAGE (object), result, &error);
  else
    byline_page_save_finish (BYLINE_PAGE (object), result, &error);

  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Not saved: %s", error->message);
}

static void
byline_window_action_save (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);

  if (byline_document_get_file (byline_page_get_document (self->page)) == NULL)
    byline_page_save_as_async (self->page, NULL, byline_window_save_done_cb, NULL);
  else
    byline_page_save_async (self->page, NULL, NULL, byline_window_save_done_cb, NULL);
}

static void
byline_window_action_save_as (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  byline_page_save_as_async (BYLINE_WINDOW (widget)->page, NULL, byline_window_save_done_cb, NULL);
}

static void
byline_window_action_reload (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  byline_page_reload (BYLINE_WINDOW (widget)->page);
}

static void
byline_window_action_keep_mine (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  byline_page_keep_mine (BYLINE_WINDOW (widget)->page);
}

static void
byline_window_action_discard_recovered (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *param)
{
  byline_page_discard_recovered (BYLINE_WINDOW (widget)->page);
}

static void
byline_window_action_hide_encoding_notice (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *param)
{
  byline_page_hide_encoding_notice (BYLINE_WINDOW (widget)->page);
}

/* --- win.*: files -------------------------------------------------------- */

/* Each file in a tab of this window (or the tab it has already, in any
 * window). */
static void
byline_window_open_files (BylineWindow *self,
                          GListModel   *files)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);

      if (app != NULL)
        byline_application_open_file (BYLINE_APPLICATION (app), file);
      else
        byline_window_open_file (self, file);
    }
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
byline_window_open_dialog_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(BylineWindow) self = user_data;
  g_autoptr(GListModel) files = gtk_file_dialog_open_multiple_finish (GTK_FILE_DIALOG (object),
                                                                      result, NULL);

  if (files != NULL)
    byline_window_open_files (self, files);
}
#else
static void
byline_window_chooser_response_cb (BylineWindow         *self,
                                   int                   response,
                                   GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      byline_window_open_files (self, files);
    }

  g_clear_object (&self->chooser);
}
#endif

static void
byline_window_action_open (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);
  g_autoptr(GtkFileFilter) markdown = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GFile *file = byline_document_get_file (byline_page_get_document (self->page));
  g_autoptr(GFile) folder = NULL;

  gtk_file_filter_set_name (markdown, _("Markdown Posts"));
  gtk_file_filter_add_mime_type (markdown, "text/markdown");
  gtk_file_filter_add_pattern (markdown, "*.md");
  gtk_file_filter_add_pattern (markdown, "*.markdown");
  gtk_file_filter_add_pattern (markdown, "*.mdx");
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");

  if (file != NULL)
    folder = g_file_get_parent (file);

#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
    g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

    g_list_store_append (filters, markdown);
    g_list_store_append (filters, all);
    gtk_file_dialog_set_title (dialog, _("Open Post"));
    gtk_file_dialog_set_modal (dialog, TRUE);
    gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
    gtk_file_dialog_set_default_filter (dialog, markdown);
    if (folder != NULL)
      gtk_file_dialog_set_initial_folder (dialog, folder);
    gtk_file_dialog_open_multiple (dialog, GTK_WINDOW (self), NULL,
                                   byline_window_open_dialog_cb, g_object_ref (self));
  }
#else
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Open Post"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), markdown);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (self->chooser), markdown);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (byline_window_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
#endif
}

/* --- win.open-folder: a site's library ------------------------------------- */

#if GTK_CHECK_VERSION (4, 10, 0)
static void
byline_window_open_folder_dialog_cb (GObject      *object,
                                     GAsyncResult *result,
                                     gpointer      user_data)
{
  g_autoptr(BylineWindow) self = user_data;
  g_autoptr(GFile) folder = gtk_file_dialog_select_folder_finish (GTK_FILE_DIALOG (object),
                                                                  result, NULL);

  if (folder != NULL)
    byline_window_open_folder (self, folder);
}
#else
static void
byline_window_folder_chooser_response_cb (BylineWindow         *self,
                                          int                   response,
                                          GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (folder != NULL)
        byline_window_open_folder (self, folder);
    }

  g_clear_object (&self->chooser);
}
#endif

static void
byline_window_action_open_folder (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);

#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

    gtk_file_dialog_set_title (dialog, _("Open a Site’s Folder"));
    gtk_file_dialog_set_modal (dialog, TRUE);
    gtk_file_dialog_select_folder (dialog, GTK_WINDOW (self), NULL,
                                   byline_window_open_folder_dialog_cb, g_object_ref (self));
  }
#else
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Open a Site’s Folder"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (byline_window_folder_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
#endif
}

static void
byline_window_action_toggle_library (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);

  gtk_widget_set_visible (GTK_WIDGET (self->library),
                          !gtk_widget_get_visible (GTK_WIDGET (self->library)));
  if (gtk_widget_get_visible (GTK_WIDGET (self->library)))
    byline_library_view_focus_search (self->library);
}

static void
byline_window_action_open_recent (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (app != NULL)
    byline_application_open_file (BYLINE_APPLICATION (app), file);
  else
    byline_window_open_file (self, file);
}

static void
byline_window_action_open_recent_site (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *param)
{
  g_autoptr(GFile) folder = g_file_new_for_uri (g_variant_get_string (param, NULL));

  byline_window_open_folder (BYLINE_WINDOW (widget), folder);
}

static void
byline_window_action_new_post (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);
  GFile *file = byline_document_get_file (byline_page_get_document (self->page));
  g_autoptr(GFile) folder = file ? g_file_get_parent (file) : NULL;

  /* With a site open, the post goes where the site wants it. */
  if (gtk_widget_get_visible (GTK_WIDGET (self->library)) &&
      byline_library_index_get_site (byline_library_view_get_index (self->library)) != NULL)
    {
      byline_library_view_new_post (self->library);
      return;
    }

  /* In a tab of its own, unless this one holds nothing. */
  if (!byline_page_is_pristine (self->page))
    byline_window_add_page (self);
  byline_window_new_post (self);

  /* A new post most likely belongs beside the one the user was editing. */
  if (folder != NULL)
    byline_window_set_folder_hint (self, folder);
}

static void
byline_window_action_close (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
byline_window_action_close_tab (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);

  _byline_window_close_page (self, self->page);
}

/* --- win.*: search ------------------------------------------------------- */

static void
byline_window_action_find (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  byline_search_bar_show (BYLINE_WINDOW (widget)->search_bar, g_str_equal (action_name, "win.replace"));
}

static void
byline_window_action_hide_search (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  byline_search_bar_hide (BYLINE_WINDOW (widget)->search_bar);
}

static void
byline_window_action_find_next (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);

  if (!byline_search_bar_has_query (self->search_bar))
    {
      byline_search_bar_show (self->search_bar, FALSE);
      return;
    }

  byline_search_bar_find (self->search_bar, g_str_equal (action_name, "win.find-previous"));
}

static void
byline_window_action_replace (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  BylineWindow *self = BYLINE_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gboolean done;

  if (g_str_equal (action_name, "win.replace-all"))
    done = byline_search_bar_replace_all (self->search_bar, &error);
  else
    done = byline_search_bar_replace (self->search_bar, &error);

  if (!done)
    byline_page_show_error (self->page, error->message, FALSE);
}

static void
byline_window_action_focus_editor (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  gtk_widget_grab_focus (GTK_WIDGET (byline_window_get_source_view (BYLINE_WINDOW (widget))));
}

void
_byline_window_class_actions_init (BylineWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.new-post", NULL, byline_window_action_new_post);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, byline_window_action_open);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", byline_window_action_open_recent);
  gtk_widget_class_install_action (widget_class, "win.open-recent-site", "s",
                                   byline_window_action_open_recent_site);
  gtk_widget_class_install_action (widget_class, "win.open-folder", NULL, byline_window_action_open_folder);
  gtk_widget_class_install_action (widget_class, "win.toggle-library", NULL, byline_window_action_toggle_library);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, byline_window_action_close);
  gtk_widget_class_install_action (widget_class, "win.close-tab", NULL, byline_window_action_close_tab);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, byline_window_action_find);
  gtk_widget_class_install_action (widget_class, "win.replace", NULL, byline_window_action_find);
  gtk_widget_class_install_action (widget_class, "win.find-next", NULL, byline_window_action_find_next);
  gtk_widget_class_install_action (widget_class, "win.find-previous", NULL, byline_window_action_find_next);
  gtk_widget_class_install_action (widget_class, "win.hide-search", NULL, byline_window_action_hide_search);
  gtk_widget_class_install_action (widget_class, "win.replace-one", NULL, byline_window_action_replace);
  gtk_widget_class_install_action (widget_class, "win.replace-all", NULL, byline_window_action_replace);
  gtk_widget_class_install_action (widget_class, "win.focus-editor", NULL, byline_window_action_focus_editor);
  gtk_widget_class_install_property_action (widget_class, "win.show-form", "show-form");
  gtk_widget_class_install_property_action (widget_class, "win.show-preview", "show-preview");
  gtk_widget_class_install_property_action (widget_class, "win.show-outline", "show-outline");
  gtk_widget_class_install_action (widget_class, "doc.save", NULL, byline_window_action_save);
  gtk_widget_class_install_action (widget_class, "doc.save-as", NULL, byline_window_action_save_as);
  gtk_widget_class_install_action (widget_class, "doc.reload", NULL, byline_window_action_reload);
  gtk_widget_class_install_action (widget_class, "doc.keep-mine", NULL, byline_window_action_keep_mine);
  gtk_widget_class_install_action (widget_class, "doc.discard-recovered", NULL, byline_window_action_discard_recovered);
  gtk_widget_class_install_action (widget_class, "doc.hide-encoding-notice", NULL, byline_window_action_hide_encoding_notice);
  gtk_widget_class_install_property_action (widget_class, "doc.toggle-draft", "draft");
  gtk_widget_class_install_property_action (widget_class, "doc.toggle-featured", "featured");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-post", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_O, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.open-folder", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-library", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close-tab", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_W, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK, "win.replace", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F3, 0, "win.find-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "win.find-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F3, GDK_SHIFT_MASK, "win.find-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.find-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.hide-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "win.replace-one", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.replace-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.focus-editor", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_M, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.show-form", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_P, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.show-preview", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_L, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.show-outline", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "doc.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_S, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "doc.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_D, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "doc.toggle-draft", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "doc.toggle-featured", NULL);
}
