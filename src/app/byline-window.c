/* byline-window.c: the window: a header bar, tabs of posts, a search bar
 *
 * Each tab holds the page of one post (byline-page.c). The header bar shows
 * the selected page's title and its draft and featured toggles, the search
 * bar searches its editor, and the window's actions (in
 * byline-window-actions.c: win.* for the window, doc.* for the post shown)
 * act on it. The window follows the selected page and its document through
 * signal groups: selecting another tab rebinds in one place.
 *
 * Closing a tab, or the window, asks about each post with unsaved changes
 * in turn.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Byline"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-application.h"
#include "byline-recent.h"
#include "byline-window-private.h"

G_DEFINE_FINAL_TYPE (BylineWindow, byline_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_DRAFT,
  PROP_FEATURED,
  PROP_SHOW_FORM,
  PROP_SHOW_PREVIEW,
  PROP_SHOW_OUTLINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static BylineSession *
byline_window_get_session (BylineWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (app == NULL || !BYLINE_IS_APPLICATION (app))
    return NULL;

  return byline_application_get_session (BYLINE_APPLICATION (app));
}

/* The posts open now are the session: remembered at once, so a crash
 * can't forget them. */
void
_byline_window_save_session (BylineWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (app != NULL && BYLINE_IS_APPLICATION (app) && gtk_widget_get_realized (GTK_WIDGET (self)))
    byline_application_save_session (BYLINE_APPLICATION (app), NULL);
}

/* --- following the page --------------------------------------------------- */

static void
byline_window_update_title (BylineWindow *self)
{
  const char *title = byline_page_get_title (self->page);

  /* No post open: the window is the site's. */
  if (byline_window_get_empty (self))
    {
      GFile *folder = byline_library_view_get_folder (self->library);
      g_autofree char *name = folder != NULL ? g_file_get_basename (folder) : g_strdup ("");

      adw_window_title_set_title (self->window_title, name);
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), name);
      return;
    }

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, byline_page_get_subtitle (self->page));

  /* The title other programs see (task switchers, xdotool) says it too. */
  if (byline_page_get_modified (self->page))
    {
      g_autofree char *marked = g_strconcat ("• ", title, NULL);

      gtk_window_set_title (GTK_WINDOW (self), marked);
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), title);
    }
}

static void
byline_window_page_notify_title_cb (BylineWindow *self,
                                    GParamSpec   *pspec,
                                    BylinePage   *page)
{
  byline_window_update_title (self);
}

static void
byline_window_page_notify_draft_cb (BylineWindow *self,
                                    GParamSpec   *pspec,
                                    BylinePage   *page)
{
  if (byline_page_get_draft (page))
    gtk_widget_add_css_class (GTK_WIDGET (self), "draft");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "draft");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAFT]);
  /* A Jekyll post's draft toggle is there once its site is known. */
  _byline_window_update_actions (self);
}

static void
byline_window_page_notify_featured_cb (BylineWindow *self,
                                       GParamSpec   *pspec,
                                       BylinePage   *page)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FEATURED]);
}

static void
byline_window_page_notify_state_cb (BylineWindow *self,
                                    GParamSpec   *pspec,
                                    BylinePage   *page)
{
  _byline_window_update_actions (self);
}

static void
byline_window_page_discarded_cb (BylineWindow *self,
                                 BylinePage   *page)
{
  /* Recovered text that was all the post had, given up: nothing to keep. */
  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static void
byline_window_document_notify_file_cb (BylineWindow   *self,
                                       GParamSpec     *pspec,
                                       BylineDocument *document)
{
  _byline_window_save_session (self);
}

static void
byline_window_search_bar_notify_search_mode_cb (BylineWindow    *self,
                                                GParamSpec      *pspec,
                                                BylineSearchBar *search_bar)
{
  _byline_window_update_actions (self);
}

/* --- recent files ------------------------------------------------------- */

static void
byline_window_recent_manager_changed_cb (BylineWindow     *self,
                                         GtkRecentManager *manager)
{
  g_autoptr(GPtrArray) sites = byline_recent_list (manager, BYLINE_RECENT_GROUP_SITE, 4);
  g_autoptr(GPtrArray) posts = byline_recent_list (manager, BYLINE_RECENT_GROUP_POST, 8);

  g_menu_remove_all (self->recent_sites_section);
  for (guint i = 0; i < sites->len; i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (sites, i);
      g_autofree char *label = byline_recent_dup_label (info);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target (item, "win.open-recent-site", "s", gtk_recent_info_get_uri (info));
      g_menu_append_item (self->recent_sites_section, item);
    }

  g_menu_remove_all (self->recent_section);
  for (guint i = 0; i < posts->len; i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (posts, i);
      g_autofree char *label = byline_recent_dup_label (info);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target (item, "win.open-recent", "s", gtk_recent_info_get_uri (info));
      g_menu_append_item (self->recent_section, item);
    }
}

static void byline_window_update_empty (BylineWindow *self);

/* --- tabs ----------------------------------------------------------------- */

/* A tab says which post it holds, and marks unsaved changes as the
 * window's title does. */
static void
byline_window_update_tab (BylineWindow *self,
                          BylinePage   *page)
{
  AdwTabPage *tab = adw_tab_view_get_page (self->tab_view, GTK_WIDGET (page));
  GFile *file = byline_page_get_file (page);
  const char *title = byline_page_get_title (page);

  if (tab == NULL)
    return;

  if (byline_page_get_modified (page))
    {
      g_autofree char *marked = g_strconcat ("• ", title, NULL);

      adw_tab_page_set_title (tab, marked);
    }
  else
    {
      adw_tab_page_set_title (tab, title);
    }

  if (file != NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      adw_tab_page_set_tooltip (tab, name);
    }
  adw_tab_page_set_loading (tab, byline_document_get_loading (byline_page_get_document (page)));
  byline_window_update_empty (self);
}

/* With a site open and nothing but an empty untitled post, the window
 * shows what to do rather than a post nobody asked for (whose checks
 * against the site's rules would be errors). That page stays behind, and
 * the first post opened takes its place. */
static void
byline_window_update_empty (BylineWindow *self)
{
  gboolean empty;

  /* Tabs close as the window goes. */
  if (self->content_stack == NULL || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  empty = self->page != NULL &&
                   gtk_widget_get_visible (GTK_WIDGET (self->library)) &&
                   adw_tab_view_get_n_pages (self->tab_view) == 1 &&
                   byline_page_is_pristine (self->page);

  if (empty == byline_window_get_empty (self))
    return;
  gtk_stack_set_visible_child_name (self->content_stack, empty ? "empty" : "posts");
  gtk_widget_set_visible (self->save_button, !empty);
  byline_window_update_title (self);
  _byline_window_update_actions (self);
}

/**
 * byline_window_get_empty:
 *
 * Returns: %TRUE when the window shows that no post is open (beside a
 *   site's library) instead of an empty untitled post
 */
gboolean
byline_window_get_empty (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "empty") == 0;
}

static void
byline_window_page_notify_cb (BylineWindow *self,
                              GParamSpec   *pspec,
                              BylinePage   *page)
{
  byline_window_update_tab (self, page);
}

static void
byline_window_document_notify_loading_cb (BylinePage     *page,
                                          GParamSpec     *pspec,
                                          BylineDocument *document)
{
  BylineWindow *self = BYLINE_WINDOW (gtk_widget_get_root (GTK_WIDGET (page)));

  if (self != NULL)
    byline_window_update_tab (self, page);
}

static void
byline_window_tab_view_notify_selected_page_cb (BylineWindow *self,
                                                GParamSpec   *pspec,
                                                AdwTabView   *tab_view)
{
  AdwTabPage *tab = adw_tab_view_get_selected_page (tab_view);
  BylinePage *page = tab != NULL ? BYLINE_PAGE (adw_tab_page_get_child (tab)) : NULL;

  if (page == self->page || page == NULL)
    return;

  self->page = page;
  g_signal_group_set_target (self->page_signals, page);
  g_signal_group_set_target (self->document_signals, byline_page_get_document (page));
  byline_search_bar_set_view (self->search_bar, byline_page_get_source_view (page));

  byline_window_update_title (self);
  byline_window_page_notify_draft_cb (self, NULL, page);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FEATURED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  _byline_window_update_actions (self);
  /* The selected tab is part of the session. */
  _byline_window_save_session (self);
}

/**
 * byline_window_add_page:
 *
 * Opens a new tab with an empty untitled post, and selects it.
 *
 * Returns: (transfer none): its page
 */
BylinePage *
byline_window_add_page (BylineWindow *self)
{
  BylinePage *page;
  AdwTabPage *tab;

  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  page = byline_page_new (byline_window_get_session (self));
  byline_page_set_library (page, byline_library_view_get_index (self->library));
  gtk_widget_set_vexpand (GTK_WIDGET (page), TRUE);
  g_object_bind_property (self, "show-form", page, "show-form", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "show-preview", page, "show-preview", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "show-outline", page, "show-outline", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (page, "notify::title",
                           G_CALLBACK (byline_window_page_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (page, "notify::modified",
                           G_CALLBACK (byline_window_page_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (byline_page_get_document (page), "notify::loading",
                           G_CALLBACK (byline_window_document_notify_loading_cb), page, G_CONNECT_SWAPPED);
  g_signal_connect_object (byline_page_get_document (page), "notify::file",
                           G_CALLBACK (byline_window_document_notify_loading_cb), page, G_CONNECT_SWAPPED);

  tab = adw_tab_view_append (self->tab_view, GTK_WIDGET (page));
  byline_window_update_tab (self, page);
  adw_tab_view_set_selected_page (self->tab_view, tab);

  return page;
}

/**
 * byline_window_get_pages:
 *
 * Returns: (transfer container) (element-type BylinePage): the window's
 *   pages, in tab order
 */
GPtrArray *
byline_window_get_pages (BylineWindow *self)
{
  GPtrArray *pages;

  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  pages = g_ptr_array_new ();
  for (int i = 0; i < adw_tab_view_get_n_pages (self->tab_view); i++)
    g_ptr_array_add (pages, adw_tab_page_get_child (adw_tab_view_get_nth_page (self->tab_view, i)));

  return pages;
}

/**
 * byline_window_find_page:
 * @file: a post's file
 *
 * Returns: (transfer none) (nullable): the page that shows @file, or %NULL
 */
BylinePage *
byline_window_find_page (BylineWindow *self,
                         GFile        *file)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  for (int i = 0; i < adw_tab_view_get_n_pages (self->tab_view); i++)
    {
      BylinePage *page = BYLINE_PAGE (adw_tab_page_get_child (adw_tab_view_get_nth_page (self->tab_view, i)));
      GFile *page_file = byline_page_get_file (page);

      if (page_file != NULL && g_file_equal (page_file, file))
        return page;
    }

  return NULL;
}

/**
 * byline_window_select_page:
 *
 * Shows @page's tab.
 */
void
byline_window_select_page (BylineWindow *self,
                           BylinePage   *page)
{
  AdwTabPage *tab;

  g_return_if_fail (BYLINE_IS_WINDOW (self));
  g_return_if_fail (BYLINE_IS_PAGE (page));

  if ((tab = adw_tab_view_get_page (self->tab_view, GTK_WIDGET (page))))
    adw_tab_view_set_selected_page (self->tab_view, tab);
}

/**
 * byline_window_open_file:
 *
 * Shows @file: its tab if it is open in this window, else in the selected
 * tab if that holds nothing, else in a new tab.
 */
void
byline_window_open_file (BylineWindow *self,
                         GFile        *file)
{
  BylinePage *page;

  g_return_if_fail (BYLINE_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if ((page = byline_window_find_page (self, file)))
    {
      byline_window_select_page (self, page);
      return;
    }

  if (!byline_page_is_pristine (self->page))
    byline_window_add_page (self);

  byline_window_load_async (self, file, NULL, NULL, NULL);
}

/**
 * byline_window_open_folder:
 * @folder: a site's root, or a folder in it
 *
 * Shows the site's posts beside the editor.
 */
void
byline_window_open_folder (BylineWindow *self,
                           GFile        *folder)
{
  g_return_if_fail (BYLINE_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (folder));

  gtk_widget_set_visible (GTK_WIDGET (self->library), TRUE);
  byline_library_view_open_folder (self->library, folder);
  byline_library_view_focus_search (self->library);

  /* Shown again next time Byline starts. */
  {
    g_autofree char *uri = g_file_get_uri (folder);

    g_settings_set_string (self->settings, "library-folder", uri);
  }
}

/**
 * byline_window_get_library:
 *
 * Returns: (transfer none): the list of the site's posts
 */
BylineLibraryView *
byline_window_get_library (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  return self->library;
}

/* --- closing ------------------------------------------------------------ */

/**
 * _byline_window_abandon_close:
 *
 * The window stays open after all: a Quit that was closing it is over.
 */
void
_byline_window_abandon_close (BylineWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  self->closing = FALSE;
  if (app != NULL && BYLINE_IS_APPLICATION (app))
    byline_application_quit_abandoned (BYLINE_APPLICATION (app));
}

/* "Save Changes?" about one page, for closing its tab or the window. */
typedef void (*AskDone) (BylineWindow *self,
                         BylinePage   *page,
                         gboolean      close,
                         gpointer      data);

typedef struct
{
  BylineWindow *window;
  BylinePage   *page;
  AskDone       done;
  gpointer      data;
} Ask;

static void
ask_free (Ask *ask)
{
  g_clear_object (&ask->window);
  g_clear_object (&ask->page);
  g_free (ask);
}

static void
ask_finish (Ask      *ask,
            gboolean  close)
{

  if (close)
    g_object_set_data (G_OBJECT (ask->page), BYLINE_PAGE_CLOSE_CONFIRMED, GINT_TO_POINTER (TRUE));
  ask->done (ask->window, ask->page, close, ask->data);
  ask_free (ask);
}

static void
byline_window_ask_saved_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  Ask *ask = user_data;
  BylinePage *page = BYLINE_PAGE (object);
  gboolean saved;

  if (g_async_result_is_tagged (result, byline_page_save_as_async))
    saved = byline_page_save_as_finish (page, result, NULL);
  else
    saved = byline_page_save_finish (page, result, NULL);

  ask->window->closing = FALSE;
  ask_finish (ask, saved);
}

static void
byline_window_ask_response_cb (AdwMessageDialog *dialog,
                               const char       *response,
                               Ask              *ask)
{
  /* One answer: the dialog may say "cancel" again as it closes, and it is
   * no longer the question to show again. */
  g_signal_handlers_disconnect_by_data (dialog, ask);
  if (ask->window->close_dialog == GTK_WINDOW (dialog))
    {
      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *)&ask->window->close_dialog);
      ask->window->close_dialog = NULL;
    }
  gtk_window_close (GTK_WINDOW (dialog));

  if (g_str_equal (response, "discard"))
    {
      byline_page_forget_draft (ask->page);
      ask_finish (ask, TRUE);
    }
  else if (g_str_equal (response, "save"))
    {
      ask->window->closing = TRUE;
      if (byline_document_get_file (byline_page_get_document (ask->page)) != NULL)
        byline_page_save_async (ask->page, NULL, NULL, byline_window_ask_saved_cb, ask);
      else
        byline_page_save_as_async (ask->page, NULL, byline_window_ask_saved_cb, ask);
    }
  else
    {
      ask_finish (ask, FALSE);
    }
}

static void
byline_window_ask_save (BylineWindow *self,
                        BylinePage   *page,
                        AskDone       done,
                        gpointer      data)
{
  g_autofree char *name = byline_document_dup_display_name (byline_page_get_document (page));
  AdwMessageDialog *dialog;
  Ask *ask;

  byline_window_select_page (self, page);

  ask = g_new0 (Ask, 1);
  ask->window = g_object_ref (self);
  ask->page = g_object_ref (page);
  ask->done = done;
  ask->data = data;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"), NULL));
  /* Translators: %s is the file name */
  adw_message_dialog_format_body (dialog,
                                  _("“%s” has unsaved changes. Changes you do not save are lost."),
                                  name);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (byline_window_ask_response_cb), ask);
  self->close_dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->close_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
page_needs_asking (BylinePage *page)
{
  return byline_page_get_modified (page) &&
         !g_object_get_data (G_OBJECT (page), BYLINE_PAGE_CLOSE_CONFIRMED);
}

static void
byline_window_tab_asked (BylineWindow *self,
                         BylinePage   *page,
                         gboolean      close,
                         gpointer      data)
{
  AdwTabPage *tab = adw_tab_view_get_page (self->tab_view, GTK_WIDGET (page));

  if (tab != NULL)
    adw_tab_view_close_page_finish (self->tab_view, tab, close);
  if (!close)
    g_object_set_data (G_OBJECT (page), BYLINE_PAGE_CLOSE_CONFIRMED, NULL);
}

static gboolean
byline_window_tab_view_close_page_cb (BylineWindow *self,
                                      AdwTabPage   *tab,
                                      AdwTabView   *tab_view)
{
  BylinePage *page = BYLINE_PAGE (adw_tab_page_get_child (tab));

  if (!self->close_confirmed && page_needs_asking (page))
    {
      if (self->close_dialog != NULL)
        {
          adw_tab_view_close_page_finish (tab_view, tab, FALSE);
          gtk_window_present (self->close_dialog);
          return GDK_EVENT_STOP;
        }
      byline_window_ask_save (self, page, byline_window_tab_asked, NULL);
      return GDK_EVENT_STOP;
    }

  adw_tab_view_close_page_finish (tab_view, tab, TRUE);
  return GDK_EVENT_STOP;
}

static void
byline_window_tab_view_page_detached_cb (BylineWindow *self,
                                         AdwTabPage   *tab,
                                         int           position,
                                         AdwTabView   *tab_view)
{
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  /* The last tab closed: so is the window. */
  if (adw_tab_view_get_n_pages (tab_view) == 0)
    {
      self->page = NULL;
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  byline_window_update_empty (self);
  _byline_window_save_session (self);
}

/**
 * _byline_window_close_page:
 *
 * Closes @page's tab, asking first about unsaved changes.
 */
void
_byline_window_close_page (BylineWindow *self,
                           BylinePage   *page)
{
  AdwTabPage *tab = adw_tab_view_get_page (self->tab_view, GTK_WIDGET (page));

  if (tab != NULL)
    adw_tab_view_close_page (self->tab_view, tab);
}

static gboolean
byline_window_close_idle_cb (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));

  return G_SOURCE_REMOVE;
}

/* One post asked about while closing the window: on to the next, or stay. */
static void
byline_window_window_asked (BylineWindow *self,
                            BylinePage   *page,
                            gboolean      close,
                            gpointer      data)
{
  if (!close)
    {
      _byline_window_abandon_close (self);
      return;
    }

  /* Once the dialog is gone: it still refers to us as its parent while it
   * emits the response. */
  g_idle_add_full (G_PRIORITY_DEFAULT, byline_window_close_idle_cb,
                   g_object_ref (self), g_object_unref);
}

static gboolean
byline_window_close_request (GtkWindow *window)
{
  BylineWindow *self = BYLINE_WINDOW (window);
  GtkApplication *app = gtk_window_get_application (window);
  int width, height;

  /* Each post with unsaved changes is asked about in turn; Cancel keeps
   * the window, and every tab, open. */
  if (!self->close_confirmed)
    {
      for (int i = 0; i < adw_tab_view_get_n_pages (self->tab_view); i++)
        {
          BylinePage *page = BYLINE_PAGE (adw_tab_page_get_child (adw_tab_view_get_nth_page (self->tab_view, i)));

          if (!page_needs_asking (page))
            continue;

          /* Asked already (a second Quit, say): one question at a time;
           * and a save answering it goes on closing when it is done. */
          if (self->close_dialog != NULL)
            gtk_window_present (self->close_dialog);
          else if (!self->closing)
            byline_window_ask_save (self, page, byline_window_window_asked, NULL);
          return TRUE;
        }
    }

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }

  if (app != NULL)
    byline_application_save_session (BYLINE_APPLICATION (app), window);

  return GTK_WINDOW_CLASS (byline_window_parent_class)->close_request (window);
}

/* --- GObject ------------------------------------------------------------ */

static void
byline_window_notify_application_cb (BylineWindow *self,
                                     GParamSpec   *pspec,
                                     gpointer      user_data)
{
  BylineSession *session = byline_window_get_session (self);

  for (int i = 0; i < adw_tab_view_get_n_pages (self->tab_view); i++)
    {
      AdwTabPage *tab = adw_tab_view_get_nth_page (self->tab_view, i);

      byline_page_set_session (BYLINE_PAGE (adw_tab_page_get_child (tab)), session);
    }
}

static void
byline_window_constructed (GObject *object)
{
  BylineWindow *self = (BylineWindow *)object;

  G_OBJECT_CLASS (byline_window_parent_class)->constructed (object);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
byline_window_dispose (GObject *object)
{
  BylineWindow *self = (BylineWindow *)object;

  if (self->close_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->close_dialog), (gpointer *)&self->close_dialog);
  self->close_dialog = NULL;
#if !GTK_CHECK_VERSION (4, 10, 0)
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
#endif
  if (self->page_signals != NULL)
    g_signal_group_set_target (self->page_signals, NULL);
  if (self->document_signals != NULL)
    g_signal_group_set_target (self->document_signals, NULL);
  self->page = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_WINDOW);

  G_OBJECT_CLASS (byline_window_parent_class)->dispose (object);
}

static void
byline_window_finalize (GObject *object)
{
  BylineWindow *self = (BylineWindow *)object;

  g_clear_object (&self->page_signals);
  g_clear_object (&self->document_signals);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (byline_window_parent_class)->finalize (object);
}

static void
byline_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  BylineWindow *self = BYLINE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->page != NULL ? byline_page_get_document (self->page) : NULL);
      break;

    case PROP_DRAFT:
      g_value_set_boolean (value, self->page != NULL && byline_page_get_draft (self->page));
      break;

    case PROP_FEATURED:
      g_value_set_boolean (value, self->page != NULL && byline_page_get_featured (self->page));
      break;

    case PROP_SHOW_FORM:
      g_value_set_boolean (value, self->show_form);
      break;

    case PROP_SHOW_PREVIEW:
      g_value_set_boolean (value, self->show_preview);
      break;

    case PROP_SHOW_OUTLINE:
      g_value_set_boolean (value, self->show_outline);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  BylineWindow *self = BYLINE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DRAFT:
      if (self->page != NULL)
        byline_page_set_draft (self->page, g_value_get_boolean (value));
      break;

    case PROP_FEATURED:
      if (self->page != NULL)
        byline_page_set_featured (self->page, g_value_get_boolean (value));
      break;

    case PROP_SHOW_FORM:
      if (self->show_form != g_value_get_boolean (value))
        {
          self->show_form = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_SHOW_PREVIEW:
      if (self->show_preview != g_value_get_boolean (value))
        {
          self->show_preview = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_SHOW_OUTLINE:
      if (self->show_outline != g_value_get_boolean (value))
        {
          self->show_outline = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_window_class_init (BylineWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = byline_window_constructed;
  object_class->dispose = byline_window_dispose;
  object_class->finalize = byline_window_finalize;
  object_class->get_property = byline_window_get_property;
  object_class->set_property = byline_window_set_property;

  window_class->close_request = byline_window_close_request;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         BYLINE_TYPE_DOCUMENT,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  /* Draft and featured are the post's, as window properties so that the
   * header toggles can be stateful property actions. */
  properties[PROP_DRAFT] =
    g_param_spec_boolean ("draft", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FEATURED] =
    g_param_spec_boolean ("featured", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SHOW_FORM] =
    g_param_spec_boolean ("show-form", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SHOW_PREVIEW] =
    g_param_spec_boolean ("show-preview", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SHOW_OUTLINE] =
    g_param_spec_boolean ("show-outline", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (BYLINE_TYPE_SEARCH_BAR);
  g_type_ensure (BYLINE_TYPE_LIBRARY_VIEW);
  g_type_ensure (ADW_TYPE_TAB_BAR);
  g_type_ensure (ADW_TYPE_TAB_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/byline/Byline/ui/byline-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, draft_toggle);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, featured_toggle);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, tab_bar);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, library);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, tab_view);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, recent_section);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, recent_sites_section);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, BylineWindow, save_button);

  _byline_window_class_actions_init (klass);
}

/* A post chosen in the library: its tab if it is open, else a tab. */
static void
byline_window_library_open_post_cb (BylineWindow *self,
                                    GFile        *file)
{
  byline_window_open_file (self, file);
}

static void
byline_window_init (BylineWindow *self)
{
  self->settings = byline_settings_new ();
  self->show_form = TRUE;
  self->show_preview = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->page_signals = g_signal_group_new (BYLINE_TYPE_PAGE);
  g_signal_group_connect_object (self->page_signals, "notify::title",
                                 G_CALLBACK (byline_window_page_notify_title_cb),
                                 self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->page_signals, "notify::subtitle",
                                 G_CALLBACK (byline_window_page_notify_title_cb),
                                 self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->page_signals, "notify::modified",
                                 G_CALLBACK (byline_window_page_notify_title_cb),
                                 self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->page_signals, "notify::draft",
                                 G_CALLBACK (byline_window_page_notify_draft_cb),
                                 self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->page_signals, "notify::featured",
                                 G_CALLBACK (byline_window_page_notify_featured_cb),
                                 self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->page_signals, "notify::editable",
                                 G_CALLBACK (byline_window_page_notify_state_cb),
                                 self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->page_signals, "notify::recovered",
                                 G_CALLBACK (byline_window_page_notify_state_cb),
                                 self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->page_signals, "discarded",
                                 G_CALLBACK (byline_window_page_discarded_cb),
                                 self, G_CONNECT_SWAPPED);

  self->document_signals = g_signal_group_new (BYLINE_TYPE_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "notify::schema",
                                 G_CALLBACK (byline_window_page_notify_state_cb),
                                 self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "notify::busy",
                                 G_CALLBACK (byline_window_page_notify_state_cb),
                                 self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "notify::disk-state",
                                 G_CALLBACK (byline_window_page_notify_state_cb),
                                 self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "notify::file",
                                 G_CALLBACK (byline_window_document_notify_file_cb),
                                 self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->search_bar, "notify::search-mode",
                           G_CALLBACK (byline_window_search_bar_notify_search_mode_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_bar, "notify::replace-mode",
                           G_CALLBACK (byline_window_search_bar_notify_search_mode_cb),
                           self, G_CONNECT_SWAPPED);

  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (byline_window_recent_manager_changed_cb),
                           self, G_CONNECT_SWAPPED);
  byline_window_recent_manager_changed_cb (self, gtk_recent_manager_get_default ());

  g_settings_bind (self->settings, "show-form", self, "show-form", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-preview", self, "show-preview", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-outline", self, "show-outline", G_SETTINGS_BIND_DEFAULT);
  /* The library's order stays as the user left it, as a file manager's does. */
  g_settings_bind (self->settings, "library-sort", self->library, "sort-name", G_SETTINGS_BIND_DEFAULT);

  /* Ctrl+Home and Ctrl+End go to the start and end of the text in an
   * editor; the tab view's own use of them would steal them. */
  adw_tab_view_remove_shortcuts (self->tab_view,
                                 ADW_TAB_VIEW_SHORTCUT_CONTROL_HOME |
                                 ADW_TAB_VIEW_SHORTCUT_CONTROL_END |
                                 ADW_TAB_VIEW_SHORTCUT_CONTROL_SHIFT_HOME |
                                 ADW_TAB_VIEW_SHORTCUT_CONTROL_SHIFT_END);
  g_signal_connect_object (self->tab_view, "notify::selected-page",
                           G_CALLBACK (byline_window_tab_view_notify_selected_page_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tab_view, "close-page",
                           G_CALLBACK (byline_window_tab_view_close_page_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tab_view, "page-detached",
                           G_CALLBACK (byline_window_tab_view_page_detached_cb),
                           self, G_CONNECT_SWAPPED);
  /* Pages keep drafts in the application's session. */
  g_signal_connect (self, "notify::application",
                    G_CALLBACK (byline_window_notify_application_cb), NULL);

  g_signal_connect_object (self->library, "notify::visible",
                           G_CALLBACK (byline_window_update_empty), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library, "notify::folder",
                           G_CALLBACK (byline_window_update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library, "open-post",
                           G_CALLBACK (byline_window_library_open_post_cb), self, G_CONNECT_SWAPPED);

  byline_window_add_page (self);
  gtk_widget_grab_focus (GTK_WIDGET (byline_page_get_source_view (self->page)));
}

BylineWindow *
byline_window_new (GtkApplication *application)
{
  return g_object_new (BYLINE_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * byline_window_get_page:
 *
 * Returns: (transfer none): the page of the post the window shows
 */
BylinePage *
byline_window_get_page (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  return self->page;
}

/**
 * byline_window_get_document:
 *
 * Returns: (transfer none): the window's post
 */
BylineDocument *
byline_window_get_document (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  return byline_page_get_document (self->page);
}

GtkSourceView *
byline_window_get_source_view (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  return byline_page_get_source_view (self->page);
}

/**
 * byline_window_get_form:
 *
 * Returns: (transfer none): the frontmatter form
 */
GtkWidget *
byline_window_get_form (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  return byline_page_get_form (self->page);
}

/**
 * byline_window_get_preview:
 *
 * Returns: (transfer none): the preview
 */
GtkWidget *
byline_window_get_preview (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  return byline_page_get_preview (self->page);
}

const char *
byline_window_get_title_text (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  return adw_window_title_get_title (self->window_title);
}

const char *
byline_window_get_subtitle_text (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  return adw_window_title_get_subtitle (self->window_title);
}

/**
 * byline_window_get_file:
 *
 * Returns: (transfer none) (nullable): the post's file, or the file being
 *   loaded into the window
 */
GFile *
byline_window_get_file (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  return byline_page_get_file (self->page);
}

/**
 * byline_window_get_last_error:
 *
 * Returns: (nullable): the last error message the window showed, cleared by a
 *   successful save
 */
const char *
byline_window_get_last_error (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  return byline_page_get_last_error (self->page);
}

/**
 * byline_window_is_pristine:
 *
 * Returns: %TRUE when the window holds nothing worth keeping (no file, no
 *   changes), so opening a post can reuse it
 */
gboolean
byline_window_is_pristine (BylineWindow *self)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), FALSE);

  return adw_tab_view_get_n_pages (self->tab_view) == 1 && byline_page_is_pristine (self->page);
}

char *
byline_window_dup_diagnostics_at (BylineWindow      *self,
                                  const GtkTextIter *iter)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), NULL);

  return byline_page_dup_diagnostics_at (self->page, iter);
}

/**
 * byline_window_set_folder_hint:
 * @folder: (nullable): where an untitled post is saved by default
 */
void
byline_window_set_folder_hint (BylineWindow *self,
                               GFile        *folder)
{
  g_return_if_fail (BYLINE_IS_WINDOW (self));

  byline_page_set_folder_hint (self->page, folder);
}

/**
 * byline_window_new_post:
 *
 * Fills the window's (untitled) post with a new post's template.
 */
void
byline_window_new_post (BylineWindow *self)
{
  g_return_if_fail (BYLINE_IS_WINDOW (self));

  byline_page_new_post (self->page);
}

/**
 * byline_window_recover:
 * @entry: a session entry with a draft
 *
 * Shows the entry's post with the draft's text (see byline_page_recover()).
 */
void
byline_window_recover (BylineWindow             *self,
                       const BylineSessionEntry *entry)
{
  g_return_if_fail (BYLINE_IS_WINDOW (self));

  byline_page_recover (self->page, entry);
}

static void
byline_window_load_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BylineWindow *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (!byline_page_load_finish (BYLINE_PAGE (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A window that closed while its post loaded no longer counts. */
  if (!g_task_return_error_if_cancelled (task))
    {
      _byline_window_save_session (self);
      g_task_return_boolean (task, TRUE);
    }
}

/**
 * byline_window_load_async:
 *
 * Opens @file in the window's page; on failure the page shows why.
 */
void
byline_window_load_async (BylineWindow        *self,
                          GFile               *file,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (BYLINE_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_window_load_async);
  /* The file, for whoever waits: what was asked for, whatever happens. */
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);

  byline_page_load_async (self->page, file, cancellable, byline_window_load_cb, task);
}

gboolean
byline_window_load_finish (BylineWindow  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
byline_window_save_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!byline_page_save_finish (BYLINE_PAGE (object), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * byline_window_save_async:
 * @target: (nullable): a new file (Save As), or %NULL for the post's file
 *
 * Saves the post as byline_page_save_async() does.
 */
void
byline_window_save_async (BylineWindow        *self,
                          GFile               *target,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (BYLINE_IS_WINDOW (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_window_save_async);
  byline_page_save_async (self->page, target, cancellable, byline_window_save_cb, task);
}

gboolean
byline_window_save_finish (BylineWindow  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (BYLINE_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
