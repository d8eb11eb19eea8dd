/* byline-application.c: the Byline GTK application
 *
 * One instance per session (GApplication): `byline FILE` from a shell hands
 * the file to the running instance, which opens it in a tab of its window
 * (or shows the tab that has it already).
 * `byline` alone brings back the posts that were open last time or, the
 * first time, the sample post that ships with Byline.
 *
 * The first start after a crash (or a `kill -9`) finds drafts of unsaved
 * changes in the session (byline-session.c) and opens each post with them,
 * whatever else was asked for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Byline"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-application.h"
#include "byline-window.h"

struct _BylineApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  BylineSession  *session;

  guint           quitting : 1;
  guint           restored : 1;
};

G_DEFINE_FINAL_TYPE (BylineApplication, byline_application, ADW_TYPE_APPLICATION)

/* TRUE when this program is the one in the build tree (developer runs and
 * tests): then the data comes from the source tree and the settings schema
 * from the build tree, whatever an older installed copy says. */
static gboolean
byline_running_from_build_tree (void)
{
  static gsize result;

  if (g_once_init_enter (&result))
    {
      g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
      gboolean in_tree = exe != NULL && g_str_has_prefix (exe, BYLINE_BUILD_ROOT "/");

      g_once_init_leave (&result, in_tree ? 2 : 1);
    }

  return result == 2;
}

/**
 * byline_data_dir:
 *
 * Returns: the folder holding the sample post and the language definition
 */
const char *
byline_data_dir (void)
{
  if (byline_running_from_build_tree ())
    return SOURCE_DATADIR;

  return PKGDATADIR;
}

/**
 * byline_settings_new:
 *
 * Returns: (transfer full): the application's settings, from the installed
 *   schema, or from the build tree's compiled schema when run from there
 */
GSettings *
byline_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchemaSource) build_source = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;

  if (byline_running_from_build_tree () || source == NULL ||
      !(schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE)))
    {
      build_source = g_settings_schema_source_new_from_directory (BYLINE_BUILD_ROOT "/data",
                                                                  source, FALSE, NULL);
      if (build_source != NULL)
        schema = g_settings_schema_source_lookup (build_source, APPLICATION_ID, TRUE);
    }

  if (schema == NULL && source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);

  if (schema == NULL)
    g_error ("The settings schema %s is not installed", APPLICATION_ID);

  return g_settings_new_full (schema, NULL, NULL);
}

/**
 * byline_application_find_sample:
 *
 * Returns: (transfer full) (nullable): the bundled sample post
 */
GFile *
byline_application_find_sample (void)
{
  g_autofree char *path = g_build_filename (byline_data_dir (), "sample", "sample-post.md", NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;

  return g_file_new_for_path (path);
}

/* The window with a tab showing @file, and that tab's page. */
static BylineWindow *
byline_application_find_page (BylineApplication  *self,
                              GFile              *file,
                              BylinePage        **page)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (BYLINE_IS_WINDOW (l->data) &&
          (*page = byline_window_find_page (l->data, file)) != NULL)
        return l->data;
    }

  return NULL;
}

/* The window new posts go to: the one used last, else a new one. */
static BylineWindow *
byline_application_get_window (BylineApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (active != NULL && BYLINE_IS_WINDOW (active))
    return BYLINE_WINDOW (active);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (BYLINE_IS_WINDOW (l->data))
      return l->data;

  return byline_window_new (GTK_APPLICATION (self));
}

/**
 * byline_application_open_file:
 *
 * Shows @file: its tab if it is open already, else in a tab of the window
 * used last (or of a new window).
 */
void
byline_application_open_file (BylineApplication *self,
                              GFile             *file)
{
  BylineWindow *window;
  BylinePage *page = NULL;

  g_return_if_fail (BYLINE_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (file));

  if ((window = byline_application_find_page (self, file, &page)))
    {
      byline_window_select_page (window, page);
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  window = byline_application_get_window (self);
  byline_window_open_file (window, file);
  gtk_window_present (GTK_WINDOW (window));
}

/**
 * byline_application_new_post:
 *
 * Returns: (transfer none): the window that shows the new post
 */
GtkWindow *
byline_application_new_post (BylineApplication *self)
{
  BylineWindow *window;

  g_return_val_if_fail (BYLINE_IS_APPLICATION (self), NULL);

  window = byline_application_get_window (self);
  if (!byline_page_is_pristine (byline_window_get_page (window)))
    byline_window_add_page (window);
  byline_window_new_post (window);
  gtk_window_present (GTK_WINDOW (window));

  return GTK_WINDOW (window);
}

/**
 * byline_application_save_session:
 * @leaving: (nullable): a window that is closing and no longer counts
 *
 * Remembers which posts are open, to reopen them next time. When the last
 * window closes, what it showed stays the session.
 */
void
byline_application_save_session (BylineApplication *self,
                                 GtkWindow         *leaving)
{
  g_autoptr(GPtrArray) entries = NULL;
  guint n_windows = 0;

  g_return_if_fail (BYLINE_IS_APPLICATION (self));

  if (self->quitting)
    return;

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_session_entry_free);

  /* The windows in the order they were opened, each with its tabs in
   * order: GTK lists the most recently focused first. */
  for (GList *l = g_list_last (gtk_application_get_windows (GTK_APPLICATION (self))); l; l = l->prev)
    {
      g_autoptr(GPtrArray) pages = NULL;
      BylinePage *selected;

      if (!BYLINE_IS_WINDOW (l->data))
        continue;
      n_windows++;
      if (l->data == (gpointer)leaving)
        continue;

      pages = byline_window_get_pages (l->data);
      selected = byline_window_get_page (l->data);
      for (guint i = 0; i < pages->len; i++)
        {
          BylinePage *page = g_ptr_array_index (pages, i);
          BylineSessionEntry *entry;
          GFile *file;

          /* A post still loading counts: quitting early must not forget
           * it. An untitled post counts too: its draft is what a restart
           * brings back. An empty tab doesn't. */
          if (byline_page_is_pristine (page) && page != selected)
            continue;
          file = byline_page_get_file (page);
          entry = g_new0 (BylineSessionEntry, 1);
          entry->id = g_strdup (byline_document_get_id (byline_page_get_document (page)));
          entry->uri = file ? g_file_get_uri (file) : NULL;
          entry->window = n_windows - 1;
          entry->active = page == selected;
          g_ptr_array_add (entries, entry);
        }
    }

  if (leaving != NULL && n_windows <= 1)
    return;

  g_debug ("Session: %u posts", entries->len);
  byline_session_set_documents (self->session, entries);
}

/**
 * byline_application_quit_abandoned:
 *
 * A window asked to close by Quit stays open (Cancel, or a failed save):
 * the session follows the windows again.
 */
void
byline_application_quit_abandoned (BylineApplication *self)
{
  g_return_if_fail (BYLINE_IS_APPLICATION (self));

  if (!self->quitting)
    return;

  self->quitting = FALSE;
  byline_application_save_session (self, NULL);
}

/**
 * byline_application_get_session:
 *
 * Returns: (transfer none): where open posts and drafts are remembered
 */
BylineSession *
byline_application_get_session (BylineApplication *self)
{
  g_return_val_if_fail (BYLINE_IS_APPLICATION (self), NULL);

  return self->session;
}

/* Reopens what the last run left: every post with a draft (unsaved changes
 * that a crash kept from being saved or discarded) and, when @everything,
 * the other posts that were open, in their windows and tab order, with the
 * tab that was selected selected again. Returns how many posts it opened. */
static guint
byline_application_restore (BylineApplication *self,
                            gboolean           everything)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) windows = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) selected = g_ptr_array_new_with_free_func (g_object_unref);
  guint opened = 0;

  if (self->restored)
    return 0;
  self->restored = TRUE;

  entries = byline_session_load (self->session);

  for (guint i = 0; i < entries->len; i++)
    {
      BylineSessionEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(GFile) file = entry->uri ? g_file_new_for_uri (entry->uri) : NULL;
      BylinePage *page = NULL;
      BylineWindow *window;

      if (entry->draft_time == NULL &&
          !(everything && file != NULL && g_file_query_exists (file, NULL)))
        continue;
      if (file != NULL && byline_application_find_page (self, file, &page) != NULL)
        continue;

      /* Recovering puts every post in the window used last; a whole
       * session gets its windows back. */
      if (!everything)
        window = byline_application_get_window (self);
      else if (!(window = g_hash_table_lookup (windows, GUINT_TO_POINTER (entry->window))))
        {
          window = byline_window_new (GTK_APPLICATION (self));
          g_hash_table_insert (windows, GUINT_TO_POINTER (entry->window), window);
        }

      page = byline_window_get_page (window);
      if (!byline_page_is_pristine (page))
        page = byline_window_add_page (window);

      if (entry->draft_time != NULL)
        byline_window_recover (window, entry);
      else
        byline_window_load_async (window, file, NULL, NULL, NULL);

      if (entry->active)
        g_ptr_array_add (selected, g_object_ref (page));
      gtk_window_present (GTK_WINDOW (window));
      opened++;
    }

  for (guint i = 0; i < selected->len; i++)
    {
      BylinePage *page = g_ptr_array_index (selected, i);
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (page));

      if (BYLINE_IS_WINDOW (root))
        byline_window_select_page (BYLINE_WINDOW (root), page);
    }

  /* What is open now is the session. */
  if (opened > 0)
    byline_application_save_session (self, NULL);

  return opened;
}

/* The site whose library was shown last, shown again. */
static void
byline_application_restore_site (BylineApplication *self)
{
  g_autoptr(GSettings) settings = byline_settings_new ();
  g_autofree char *uri = g_settings_get_string (settings, "library-folder");
  g_autoptr(GFile) folder = NULL;
  BylineWindow *window;

  if (uri[0] == '\0')
    return;
  folder = g_file_new_for_uri (uri);
  if (g_file_query_file_type (folder, G_FILE_QUERY_INFO_NONE, NULL) != G_FILE_TYPE_DIRECTORY)
    return;

  window = byline_application_get_window (self);
  byline_window_open_folder (window, folder);
  gtk_window_present (GTK_WINDOW (window));
}

static void
byline_application_activate (GApplication *application)
{
  BylineApplication *self = BYLINE_APPLICATION (application);
  g_autoptr(GFile) sample = NULL;
  GtkWindow *window;

  if ((window = gtk_application_get_active_window (GTK_APPLICATION (self))))
    {
      gtk_window_present (window);
      return;
    }

  if (byline_application_restore (self, TRUE) == 0)
    {
      if ((sample = byline_application_find_sample ()))
        byline_application_open_file (self, sample);
      else
        byline_application_new_post (self);
    }

  byline_application_restore_site (self);
}

static void
byline_application_open (GApplication  *application,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  BylineApplication *self = BYLINE_APPLICATION (application);

  /* Unsaved changes from a crash come back even when Byline is started on
   * another file. */
  byline_application_restore (self, FALSE);

  for (int i = 0; i < n_files; i++)
    {
      /* `byline DIR`: the site's library. */
      if (g_file_query_file_type (files[i], G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
        {
          BylineWindow *window = byline_application_get_window (self);

          byline_window_open_folder (window, files[i]);
          gtk_window_present (GTK_WINDOW (window));
        }
      else
        byline_application_open_file (self, files[i]);
    }
}

static gboolean
window_has_changes (gpointer window)
{
  g_autoptr(GPtrArray) pages = NULL;

  if (!BYLINE_IS_WINDOW (window))
    return FALSE;

  pages = byline_window_get_pages (window);
  for (guint i = 0; i < pages->len; i++)
    if (byline_page_get_modified (g_ptr_array_index (pages, i)))
      return TRUE;

  return FALSE;
}

static gboolean
byline_application_has_changes (BylineApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (window_has_changes (l->data))
      return TRUE;

  return FALSE;
}

static gpointer
ref_window (gconstpointer window,
            gpointer      user_data)
{
  return g_object_ref ((gpointer) window);
}

static void
byline_application_close_all (BylineApplication *self)
{
  GList *windows = g_list_copy_deep (gtk_application_get_windows (GTK_APPLICATION (self)),
                                     ref_window, NULL);

  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
  g_list_free_full (windows, g_object_unref);
}

static void
byline_application_close_changed (BylineApplication *self)
{
  /* Held: a window closing can close others (see window_removed). */
  GList *windows = g_list_copy_deep (gtk_application_get_windows (GTK_APPLICATION (self)),
                                     ref_window, NULL);

  for (GList *l = windows; l; l = l->next)
    if (window_has_changes (l->data))
      gtk_window_close (l->data);
  g_list_free_full (windows, g_object_unref);
}

static void
byline_application_action_quit (GSimpleAction *action,
                                GVariant      *param,
                                gpointer       user_data)
{
  BylineApplication *self = user_data;

  byline_application_save_session (self, NULL);

  /* Windows with unsaved changes close first, each asking about them,
   * perhaps after this returns; the others close once those are gone, so a
   * Cancel leaves every window open. Until the quit is over (or a window
   * stays, see byline_application_quit_abandoned()), the session is what
   * was open when it began: windows closing one by one must not shrink it. */
  self->quitting = TRUE;
  if (!byline_application_has_changes (self))
    {
      byline_application_close_all (self);
      return;
    }

  byline_application_close_changed (self);
}

static void
byline_application_window_removed (GtkApplication *application,
                                   GtkWindow      *window)
{
  BylineApplication *self = BYLINE_APPLICATION (application);

  GTK_APPLICATION_CLASS (byline_application_parent_class)->window_removed (application, window);

  if (!self->quitting)
    return;

  /* The last window with changes was saved or discarded: the rest go.
   * Else ask again: a window may have changes it didn't have when Quit
   * began (its file deleted meanwhile); those asking already just show
   * their question again. */
  if (!byline_application_has_changes (self))
    byline_application_close_all (self);
  else
    byline_application_close_changed (self);
}

static void
byline_application_action_about (GSimpleAction *action,
                                 GVariant      *param,
                                 gpointer       user_data)
{
  BylineApplication *self = user_data;
  const char *developers[] = { _("The Byline authors"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-icon", APPLICATION_ID,
                        "application-name", _("Byline"),
                        "developer-name", _("The Byline authors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Write blog posts in Markdown with their frontmatter "
                                      "and a live preview"),
                        "website", "https://github.com/byline/byline",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", byline_application_action_quit },
  { "about", byline_application_action_about },
};

static void
byline_application_startup (GApplication *application)
{
  BylineApplication *self = BYLINE_APPLICATION (application);
  g_autoptr(GAction) update_mod = NULL;
  g_autoptr(GAction) remote_content = NULL;
  g_autoptr(GAction) sync_scroll = NULL;
  g_autoptr(GAction) spell_check = NULL;
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "win.new-post", { "<Control>n", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.open-folder", { "<Control><Shift>o", NULL } },
    { "win.toggle-library", { "F9", NULL } },
    { "win.close-tab", { "<Control>w", NULL } },
    { "win.close", { "<Control><Shift>w", NULL } },
    { "win.find", { "<Control>f", NULL } },
    { "win.replace", { "<Control>h", NULL } },
    { "win.find-next", { "F3", "<Control>g", NULL } },
    { "win.find-previous", { "<Shift>F3", "<Control><Shift>g", NULL } },
    { "win.hide-search", { "Escape", NULL } },
    { "win.replace-one", { "<Control>Return", NULL } },
    { "win.replace-all", { "<Control><Shift>Return", NULL } },
    { "win.show-form", { "<Control><Shift>m", NULL } },
    { "win.show-preview", { "<Control><Shift>p", NULL } },
    { "win.show-outline", { "<Control><Shift>l", NULL } },
    { "win.focus-editor", { "<Control>e", NULL } },
    { "doc.save", { "<Control>s", NULL } },
    { "doc.save-as", { "<Control><Shift>s", NULL } },
    { "doc.toggle-draft", { "<Control><Shift>d", NULL } },
    { "doc.toggle-featured", { "<Control><Shift>f", NULL } },
  };

  G_APPLICATION_CLASS (byline_application_parent_class)->startup (application);

  /* Once per process: GLib warns when it is set twice. */
  if (g_strcmp0 (g_get_application_name (), _("Byline")) != 0)
    g_set_application_name (_("Byline"));
  gtk_window_set_default_icon_name (APPLICATION_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  update_mod = g_settings_create_action (self->settings, "update-mod-datetime");
  g_action_map_add_action (G_ACTION_MAP (self), update_mod);
  remote_content = g_settings_create_action (self->settings, "preview-remote-content");
  g_action_map_add_action (G_ACTION_MAP (self), remote_content);
  sync_scroll = g_settings_create_action (self->settings, "sync-scroll");
  g_action_map_add_action (G_ACTION_MAP (self), sync_scroll);
  spell_check = g_settings_create_action (self->settings, "spell-check");
  g_action_map_add_action (G_ACTION_MAP (self), spell_check);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, accels[i].accels);
}

static void
byline_application_shutdown (GApplication *application)
{
  BylineApplication *self = BYLINE_APPLICATION (application);

  /* The last session and draft writes reach the disk before we exit. */
  byline_session_flush (self->session);

  G_APPLICATION_CLASS (byline_application_parent_class)->shutdown (application);
}

static void
byline_application_finalize (GObject *object)
{
  BylineApplication *self = (BylineApplication *)object;

  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (byline_application_parent_class)->finalize (object);
}

static void
byline_application_class_init (BylineApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->finalize = byline_application_finalize;

  gtk_app_class->window_removed = byline_application_window_removed;

  app_class->startup = byline_application_startup;
  app_class->shutdown = byline_application_shutdown;
  app_class->activate = byline_application_activate;
  app_class->open = byline_application_open;
}

static void
byline_application_init (BylineApplication *self)
{
  self->settings = byline_settings_new ();
  self->session = byline_session_new (NULL);
  g_settings_bind (self->settings, "draft-delay", self->session, "draft-delay", G_SETTINGS_BIND_GET);
}

BylineApplication *
byline_application_new (void)
{
  return g_object_new (BYLINE_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/byline/Byline",
                       NULL);
}

/**
 * byline_application_run:
 *
 * Runs the GTK application: the part of `byline` that needs a display.
 *
 * Returns: the exit status
 */
int
byline_application_run (int    argc,
                        char **argv)
{
  g_autoptr(BylineApplication) app = NULL;

  g_set_prgname (APPLICATION_ID);
  app = byline_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
