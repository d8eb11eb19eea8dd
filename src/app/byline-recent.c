/* byline-recent.c: recent sites and posts, by their names
 *
 * Open Recent lists sites by their own title (byline_site_dup_title()) and
 * posts by their title with their path in the site, since a bare file name
 * says little when every Hugo bundle is an `index.md`. Both live in GTK's
 * recent files, in groups of their own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "byline-recent.h"

/* GTK refuses an item with no application; a program that set neither
 * name (a benchmark) is still Byline. */
static const char *
app_name (void)
{
  return g_get_application_name () != NULL ? g_get_application_name () : "Byline";
}

static void
add_item (GtkRecentManager *manager,
          const char       *uri,
          const char       *display_name,
          const char       *description,
          const char       *mime_type,
          const char       *group)
{
  /* gtk_recent_manager_add_full() tells whether there are groups by the
   * first byte of the array, that is the low byte of its first pointer,
   * not the name's first character: a name whose address ends in 0x00 is
   * dropped (a string constant can land there, as it did in CI's build).
   * One byte into a copy from malloc, which aligns to 8 or more, the
   * address never ends in 0x00. */
  g_autofree char *group_copy = g_strconcat (" ", group, NULL);
  const char *groups[] = { group_copy + 1, NULL };
  g_autofree char *exec = g_strdup_printf ("%s %%u", g_get_prgname () != NULL ? g_get_prgname () : "byline");
  GtkRecentData data = {
    .display_name = (char *) display_name,
    .description = (char *) description,
    .mime_type = (char *) mime_type,
    .app_name = (char *) app_name (),
    .app_exec = exec,
    .groups = (char **) groups,
    .is_private = FALSE,
  };

  gtk_recent_manager_add_full (manager, uri, &data);
}

static void
read_title_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  g_task_return_pointer (task, byline_site_dup_title (task_data), g_free);
}

static void
read_title_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GtkRecentManager *manager = GTK_RECENT_MANAGER (object);
  BylineSite *site = g_task_get_task_data (G_TASK (result));
  g_autofree char *title = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autofree char *uri = g_filename_to_uri (byline_site_get_root (site), NULL, NULL);

  if (title != NULL && uri != NULL)
    add_item (manager, uri, title, byline_site_get_root (site), "inode/directory",
              BYLINE_RECENT_GROUP_SITE);
}

/**
 * byline_recent_add_site:
 * @manager: the recent files
 * @site: a site just opened
 *
 * Remembers @site under its own title, read on a worker.
 */
void
byline_recent_add_site (GtkRecentManager *manager,
                        BylineSite       *site)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GTK_IS_RECENT_MANAGER (manager));
  g_return_if_fail (site != NULL);

  task = g_task_new (manager, NULL, read_title_cb, NULL);
  g_task_set_source_tag (task, byline_recent_add_site);
  g_task_set_task_data (task, byline_site_ref (site), (GDestroyNotify) byline_site_unref);
  g_task_run_in_thread (task, read_title_thread);
}

/**
 * byline_recent_add_post:
 * @manager: the recent files
 * @file: a post opened or saved
 * @title: (nullable): its title
 * @site_root: (nullable): the root of its site
 *
 * Remembers @file under its title, with its path in its site.
 */
void
byline_recent_add_post (GtkRecentManager *manager,
                        GFile            *file,
                        const char       *title,
                        const char       *site_root)
{
  g_autofree char *uri = NULL;
  g_autofree char *name = NULL;
  const char *path;
  const char *where;
  gsize len;

  g_return_if_fail (GTK_IS_RECENT_MANAGER (manager));
  g_return_if_fail (G_IS_FILE (file));

  uri = g_file_get_uri (file);
  path = g_file_peek_path (file);
  name = g_file_get_basename (file);
  len = site_root != NULL ? strlen (site_root) : 0;
  where = path != NULL && len > 0 && strncmp (path, site_root, len) == 0 && path[len] == G_DIR_SEPARATOR
          ? path + len + 1 : name;

  add_item (manager, uri, title != NULL && *title != '\0' ? title : name, where,
            "text/markdown", BYLINE_RECENT_GROUP_POST);
}

/**
 * byline_recent_dup_label:
 * @info: a recent site or post
 *
 * Returns: (transfer full): what the menu says: a site's title; a post's
 *   title and its path in its site
 */
char *
byline_recent_dup_label (GtkRecentInfo *info)
{
  const char *name = gtk_recent_info_get_display_name (info);
  const char *description = gtk_recent_info_get_description (info);

  if (gtk_recent_info_has_group (info, BYLINE_RECENT_GROUP_POST) &&
      description != NULL && *description != '\0' && g_strcmp0 (description, name) != 0)
    /* Translators: a recent post in the menu: its title, then its path in its site */
    return g_strdup_printf (_("%s — %s"), name, description);

  return g_strdup (name);
}

static int
compare_visited (gconstpointer a,
                 gconstpointer b)
{
  GDateTime *da = gtk_recent_info_get_visited (*(GtkRecentInfo **) a);
  GDateTime *db = gtk_recent_info_get_visited (*(GtkRecentInfo **) b);

  return g_date_time_compare (db, da);
}

/* Posts Byline opened before it grouped them are listed too. */
static gboolean
is_post (GtkRecentInfo *info)
{
  const char *uri = gtk_recent_info_get_uri (info);

  return gtk_recent_info_has_group (info, BYLINE_RECENT_GROUP_POST) ||
         g_str_has_suffix (uri, ".md") || g_str_has_suffix (uri, ".markdown") ||
         g_str_has_suffix (uri, ".mdx");
}

/**
 * byline_recent_list:
 * @manager: the recent files
 * @group: %BYLINE_RECENT_GROUP_SITE or %BYLINE_RECENT_GROUP_POST
 * @max: how many at most
 *
 * Returns: (transfer container) (element-type GtkRecentInfo): Byline's
 *   recent sites or posts, the last visited first
 */
GPtrArray *
byline_recent_list (GtkRecentManager *manager,
                    const char       *group,
                    guint             max)
{
  GList *items = gtk_recent_manager_get_items (manager);
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) gtk_recent_info_unref);
  gboolean sites = g_strcmp0 (group, BYLINE_RECENT_GROUP_SITE) == 0;

  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      if (!gtk_recent_info_has_application (info, app_name ()))
        continue;
      if (sites ? gtk_recent_info_has_group (info, BYLINE_RECENT_GROUP_SITE) : is_post (info))
        g_ptr_array_add (found, gtk_recent_info_ref (info));
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);

  g_ptr_array_sort (found, compare_visited);
  if (found->len > max)
    g_ptr_array_set_size (found, max);

  return found;
}
