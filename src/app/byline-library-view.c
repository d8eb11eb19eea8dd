/* byline-library-view.c: the site's posts beside the editor
 *
 * A list of every post of the site (a #BylineLibraryIndex, read on worker
 * threads) through a #BylineFilterSortList (the posts the search and the
 * filters keep, a keystroke among 10,000 in a few milliseconds, newest
 * first or sorted: titles compare by collation keys made on the worker
 * threads) and a GtkSliceListModel that, after a change of the whole list,
 * gives the list view a screenful of posts a frame. Each row is one
 * #BylineLibraryRow. Typing anywhere in the list searches; the arrows move;
 * Enter opens the post ("open-post"). Folders of posts are watched, and
 * what changes on disk is read again in batches, so a `git checkout`
 * updates the rows in place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Byline"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "byline-filter-sort-list.h"
#include "byline-library-row.h"
#include "byline-library-view.h"
#include "byline-recent.h"
#include "byline-new-post.h"

/* File monitor events are gathered this long before one update. */
#define UPDATE_DELAY_MS 150
/* How long watching folders may take at a stretch on the main thread. */
#define WATCH_SLICE_US  3000
#define WATCH_AT_ONCE   256
/* After a change of the whole list, the list view is given this many more
 * posts a frame, until it has as many as it makes rows for (GTK 4.8 makes
 * 200), then all of them. The first step fills a list 2,000 pixels high;
 * a row made costs about a quarter of a millisecond here, so 32 leave most
 * of the frame (the drafts filter's longest frame: 10.7 ms at the median
 * with 48, 6.9 with 32; bench-library-view). */
#define GROW_STEP       32
#define GROW_ALL_FROM   240
/* Before a change of the filters or the sort, it is given this many fewer
 * a frame, down to GROW_STEP: freeing a row costs about as much as making
 * one. */
#define ROWS_MADE       200
#define SHRINK_STEP     56

struct _BylineLibraryView
{
  GtkWidget            parent_instance;

  /* template widgets */
  GtkWidget           *box;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *state_dropdown;
  GtkDropDown         *sort_dropdown;
  GtkDropDown         *collection_dropdown;
  GtkDropDown         *tag_dropdown;
  GtkStringList       *collections;
  GtkStringList       *tags;
  GtkToggleButton     *featured_toggle;
  GtkToggleButton     *invalid_toggle;
  GtkStack            *stack;
  AdwStatusPage       *status_page;
  GtkListView         *list_view;
  GtkLabel            *count_label;

  /* owned */
  BylineLibraryIndex   *index;
  BylineFilterSortList *shown;          /* the posts the search and filters keep, sorted */
  GtkSliceListModel    *slice;          /* the first posts only, growing a frame at a time */
  GtkSingleSelection   *selection;
  GFile                *folder;
  GCancellable         *cancellable;
  GCancellable         *sort_cancellable; /* a sort on a worker, until a frame puts it in place */
  GAsyncResult         *sorted;         /* its result, until a frame puts it in place */
  GHashTable           *monitors;       /* folder path -> GFileMonitor */
  GHashTable           *pending;        /* paths changed on disk, not read yet */
  guint                 update_id;
  GPtrArray            *to_watch;       /* BylineLibraryPost whose folders are not watched yet */
  guint                 watch_id;
  guint                 choices_id;
  guint                 grow_id;        /* tick callback growing the slice */

  char                 *search_text;
  char                **words;
  char                 *collection;     /* NULL: all */
  const char           *tag;            /* byline_library_intern_tag(); NULL: all */
  BylineLibraryState    state;
  BylineLibrarySort     sort;           /* as asked for; the list may still be sorting */
  guint                 featured_only : 1;
  guint                 invalid_only : 1;
  guint                 updating_choices : 1;
  guint                 setting_text : 1;
  guint                 refilter_pending : 1;   /* for the next frame */
};

G_DEFINE_FINAL_TYPE (BylineLibraryView, byline_library_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FOLDER,
  PROP_LOADING,
  PROP_SORT_NAME,
  N_PROPS
};

enum {
  OPEN_POST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* --- filtering and sorting -------------------------------------------------- */

/* The sorts read only what a post never changes: the worker sorting them
 * (byline_filter_sort_list_sort_async()) runs them beside the main thread. */
static int
byline_library_view_compare_title (gconstpointer a,
                                   gconstpointer b,
                                   gpointer      user_data)
{
  BylineLibraryPost *pa = (BylineLibraryPost *) a;
  BylineLibraryPost *pb = (BylineLibraryPost *) b;
  int order = strcmp (byline_library_post_get_title_key (pa),
                      byline_library_post_get_title_key (pb));

  return order != 0 ? order : byline_library_post_compare (pa, pb);
}

static int
byline_library_view_compare_changed (gconstpointer a,
                                     gconstpointer b,
                                     gpointer      user_data)
{
  BylineLibraryPost *pa = (BylineLibraryPost *) a;
  BylineLibraryPost *pb = (BylineLibraryPost *) b;
  gint64 ma = byline_library_post_get_mtime (pa);
  gint64 mb = byline_library_post_get_mtime (pb);

  if (ma != mb)
    return ma > mb ? -1 : 1;
  return byline_library_post_compare (pa, pb);
}

/* NULL for newest first: the index's own order. */
static GCompareDataFunc
byline_library_view_compare_func (BylineLibrarySort sort)
{
  switch (sort)
    {
    case BYLINE_LIBRARY_SORT_TITLE:
      return byline_library_view_compare_title;
    case BYLINE_LIBRARY_SORT_CHANGED:
      return byline_library_view_compare_changed;
    case BYLINE_LIBRARY_SORT_DATE:
    default:
      return NULL;
    }
}

static void
byline_library_view_cancel_sort (BylineLibraryView *self)
{
  g_cancellable_cancel (self->sort_cancellable);
  g_clear_object (&self->sort_cancellable);
  g_clear_object (&self->sorted);
}

/* The search's and the filters' change, or the sort's, held for the frame
 * after the one the slice shrank in (see byline_library_view_begin_growing()).
 * A sort waits for its worker when @wait, and the filters' change with it;
 * else (no frames to wait for) it is done here. */
static void
byline_library_view_apply_pending (BylineLibraryView *self,
                                   gboolean           wait)
{
  if (self->sort_cancellable != NULL)
    {
      if (self->sorted != NULL)
        {
          g_autoptr(GAsyncResult) sorted = g_steal_pointer (&self->sorted);

          byline_filter_sort_list_sort_finish (self->shown, sorted, NULL);
          g_clear_object (&self->sort_cancellable);
        }
      else if (wait)
        return;
      else
        {
          byline_library_view_cancel_sort (self);
          byline_filter_sort_list_set_compare (self->shown,
                                               byline_library_view_compare_func (self->sort), NULL);
        }
    }
  if (self->refilter_pending)
    {
      self->refilter_pending = FALSE;
      byline_filter_sort_list_refilter (self->shown, BYLINE_FILTER_CHANGE_DIFFERENT);
    }
}

static void
byline_library_view_sorted_cb (GObject      *source,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  g_autoptr(BylineLibraryView) self = user_data;

  /* the sort asked for last, not one given up; the next frame shows it */
  if (self->sort_cancellable != NULL &&
      g_task_get_cancellable (G_TASK (result)) == self->sort_cancellable)
    g_set_object (&self->sorted, result);
}

static gboolean
byline_library_view_grow_cb (GtkWidget     *widget,
                             GdkFrameClock *clock,
                             gpointer       user_data)
{
  BylineLibraryView *self = user_data;
  guint size = gtk_slice_list_model_get_size (self->slice);

  /* Until the rows out of sight are freed and the worker has sorted the
   * posts, the list stays as it is; then this frame makes the first rows of
   * the new list, and the next ones more. */
  if (self->sort_cancellable != NULL || self->refilter_pending)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->slice));

      if (n > GROW_STEP)
        gtk_slice_list_model_set_size (self->slice, MAX (n - SHRINK_STEP, GROW_STEP));
      else
        byline_library_view_apply_pending (self, TRUE);
      return G_SOURCE_CONTINUE;
    }

  if (size + GROW_STEP < GROW_ALL_FROM)
    {
      gtk_slice_list_model_set_size (self->slice, size + GROW_STEP);
      return G_SOURCE_CONTINUE;
    }

  gtk_slice_list_model_set_size (self->slice, G_MAXUINT);
  self->grow_id = 0;
  return G_SOURCE_REMOVE;
}

/* Before a change of the whole list: the list view sees only its first
 * posts, then more each frame. Not inside another model's items-changed:
 * the slice must shrink while its model is still as it was.
 *
 * @gradually, for a change that waits: the list shrinks a step a frame
 * (byline_library_view_grow_cb()), and the change of the search, the
 * filters or the sort waits until the last step's frame has passed. Each
 * frame then frees or makes a few dozen rows, where freeing 150 rows and
 * then making 48 took the better part of a frame each (bench-library-view).
 *
 * Returns: whether the list grows a frame at a time */
static gboolean
byline_library_view_begin_growing (BylineLibraryView *self,
                                   gboolean           gradually)
{
  guint size = MIN (g_list_model_get_n_items (G_LIST_MODEL (self->slice)), ROWS_MADE);

  /* Hidden, the list makes no frames: it gets everything at once. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self->list_view)))
    return FALSE;

  if (gradually && size > GROW_STEP + SHRINK_STEP)
    gtk_slice_list_model_set_size (self->slice, size - SHRINK_STEP);
  else
    gtk_slice_list_model_set_size (self->slice, GROW_STEP);
  if (self->grow_id == 0)
    self->grow_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view),
                                                  byline_library_view_grow_cb, self, NULL);
  return TRUE;
}

static void
byline_library_view_unmap_cb (BylineLibraryView *self)
{
  /* A tick callback stops with the frames: show everything at once. */
  if (self->grow_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->grow_id);
      self->grow_id = 0;
    }
  byline_library_view_apply_pending (self, FALSE);
  gtk_slice_list_model_set_size (self->slice, G_MAXUINT);
}

static gboolean
byline_library_view_filter_func (gpointer item,
                                 gpointer user_data)
{
  BylineLibraryView *self = user_data;
  BylineLibraryFilter filter = {
    .state = self->state,
    .collection = self->collection,
    .tag = self->tag,
    .featured_only = self->featured_only,
    .invalid_only = self->invalid_only,
    .words = (const char * const *) self->words,
  };

  return byline_library_filter_matches (&filter, item);
}

static void
byline_library_view_update_count (BylineLibraryView *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->shown));
  guint all = g_list_model_get_n_items (G_LIST_MODEL (self->index));
  g_autofree char *text = NULL;

  if (byline_library_index_get_loading (self->index))
    text = g_strdup (_("Reading the posts…"));
  else if (shown == all)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u post", "%u posts", all), all);
  else
    /* Translators: “3 of 120 posts” under the list, when a filter hides some */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u post", "%u of %u posts", all),
                            shown, all);
  gtk_label_set_label (self->count_label, text);

  if (shown > 0 || byline_library_index_get_loading (self->index))
    gtk_stack_set_visible_child_name (self->stack, "list");
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      if (all > 0)
        {
          adw_status_page_set_title (self->status_page, _("No Posts Found"));
          adw_status_page_set_description (self->status_page,
                                           _("No post matches the search and the filters"));
        }
    }
}

/* --- rows ------------------------------------------------------------------- */

static void
byline_library_view_setup_cb (GtkSignalListItemFactory *factory,
                              GtkListItem              *item,
                              gpointer                  user_data)
{
  gtk_list_item_set_child (item, byline_library_row_new ());
}

static void
byline_library_view_bind_cb (GtkSignalListItemFactory *factory,
                             GtkListItem              *item,
                             gpointer                  user_data)
{
  byline_library_row_set_post (BYLINE_LIBRARY_ROW (gtk_list_item_get_child (item)),
                               gtk_list_item_get_item (item));
}

/* --- what the user asks for -------------------------------------------------- */

static void
byline_library_view_search_changed_cb (BylineLibraryView *self,
                                       GtkSearchEntry    *entry)
{
  /* Setting the entry's text empties it first, which the entry reports at
   * once: not a search for everything. */
  if (self->setting_text)
    return;
  byline_library_view_set_search_text (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
byline_library_view_search_activate_cb (BylineLibraryView *self,
                                        GtkSearchEntry    *entry)
{
  byline_library_view_activate_selected (self);
}

static gboolean
byline_library_view_search_key_pressed_cb (BylineLibraryView     *self,
                                           guint                  keyval,
                                           guint                  keycode,
                                           GdkModifierType        state,
                                           GtkEventControllerKey *controller)
{
  /* Down from the search goes into the list, where the arrows move. */
  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down) &&
      g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
      return TRUE;
    }

  return FALSE;
}

static void
byline_library_view_filters_changed_cb (BylineLibraryView *self)
{
  guint collection = gtk_drop_down_get_selected (self->collection_dropdown);
  guint tag = gtk_drop_down_get_selected (self->tag_dropdown);
  BylineLibraryState state = gtk_drop_down_get_selected (self->state_dropdown);
  gboolean featured_only = gtk_toggle_button_get_active (self->featured_toggle);
  gboolean invalid_only = gtk_toggle_button_get_active (self->invalid_toggle);
  g_autofree char *new_collection = NULL;
  const char *new_tag = NULL;

  if (self->updating_choices)
    return;

  if (collection != GTK_INVALID_LIST_POSITION && collection > 0)
    new_collection = g_strdup (gtk_string_list_get_string (self->collections, collection));
  if (tag != GTK_INVALID_LIST_POSITION && tag > 0)
    new_tag = byline_library_intern_tag (gtk_string_list_get_string (self->tags, tag));

  /* Refiltering 10,000 posts sorts them again and has the list bind its
   * rows again: not for a site's choices read anew (each load), where the
   * filters stay "all". */
  if (state == self->state &&
      featured_only == self->featured_only &&
      invalid_only == self->invalid_only &&
      g_strcmp0 (new_collection, self->collection) == 0 &&
      new_tag == self->tag)
    return;

  self->state = state;
  self->featured_only = featured_only;
  self->invalid_only = invalid_only;
  g_free (self->collection);
  self->collection = g_steal_pointer (&new_collection);
  self->tag = new_tag;

  if (byline_library_view_begin_growing (self, TRUE))
    self->refilter_pending = TRUE;
  else
    {
      self->refilter_pending = FALSE;
      byline_filter_sort_list_refilter (self->shown, BYLINE_FILTER_CHANGE_DIFFERENT);
    }
}

static void
byline_library_view_sort_changed_cb (BylineLibraryView *self)
{
  byline_library_view_set_sort (self, gtk_drop_down_get_selected (self->sort_dropdown));
}

static void
byline_library_view_activate_cb (BylineLibraryView *self,
                                 guint              position,
                                 GtkListView       *list_view)
{
  g_autoptr(BylineLibraryPost) post = g_list_model_get_item (G_LIST_MODEL (self->selection),
                                                             position);
  g_autoptr(GFile) file = NULL;

  if (post == NULL)
    return;
  file = g_file_new_for_path (byline_library_post_get_path (post));
  g_signal_emit (self, signals[OPEN_POST], 0, file);
}

static void
byline_library_view_model_changed_cb (BylineLibraryView *self)
{
  byline_library_view_update_count (self);
}

/* --- the site's choices: collections and tags -------------------------------- */

static void
replace_strings (GtkStringList      *list,
                 const char         *all,
                 const char * const *items)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) strings = NULL;

  g_strv_builder_add (builder, all);
  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    g_strv_builder_add (builder, items[i]);
  strings = g_strv_builder_end (builder);
  gtk_string_list_splice (list, 0, g_list_model_get_n_items (G_LIST_MODEL (list)),
                          (const char * const *) strings);
}

static void
byline_library_view_update_choices (BylineLibraryView *self)
{
  BylineSite *site = byline_library_index_get_site (self->index);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) tags = byline_library_index_dup_tags (self->index);

  for (guint i = 0; site != NULL && i < byline_site_get_n_collections (site); i++)
    {
      const char *base = NULL;
      const char *name = byline_site_get_collection (site, i, &base);

      if (base != NULL)
        g_strv_builder_add (builder, name);
    }
  names = g_strv_builder_end (builder);

  self->updating_choices = TRUE;
  replace_strings (self->collections, _("All collections"), (const char * const *) names);
  replace_strings (self->tags, _("All tags"), (const char * const *) tags);
  gtk_drop_down_set_selected (self->collection_dropdown, 0);
  gtk_drop_down_set_selected (self->tag_dropdown, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->collection_dropdown), g_strv_length (names) > 1);
  self->updating_choices = FALSE;

  byline_library_view_filters_changed_cb (self);
}

static gboolean
byline_library_view_update_choices_idle_cb (gpointer user_data)
{
  BylineLibraryView *self = user_data;

  self->choices_id = 0;
  byline_library_view_update_choices (self);
  return G_SOURCE_REMOVE;
}

/* --- watching the folders ---------------------------------------------------- */

static gboolean
byline_library_view_update_timeout_cb (gpointer user_data)
{
  BylineLibraryView *self = user_data;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key;

  self->update_id = 0;
  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_ptr_array_add (paths, key);
      g_hash_table_iter_steal (&iter);
    }
  g_ptr_array_add (paths, NULL);

  byline_library_index_update_async (self->index, (const char * const *) paths->pdata,
                                     self->cancellable, NULL, NULL);

  return G_SOURCE_REMOVE;
}

static void
byline_library_view_queue_update (BylineLibraryView *self,
                                  GFile             *file)
{
  g_autofree char *name = NULL;
  char *path;

  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;
  name = g_path_get_basename (path);
  if (!byline_is_post_file_name (name))
    {
      g_free (path);
      return;
    }

  g_hash_table_add (self->pending, path);
  if (self->update_id == 0)
    self->update_id = g_timeout_add (UPDATE_DELAY_MS, byline_library_view_update_timeout_cb, self);
}

static void
byline_library_view_monitor_changed_cb (BylineLibraryView *self,
                                        GFile             *file,
                                        GFile             *other,
                                        GFileMonitorEvent  event,
                                        GFileMonitor      *monitor)
{
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
      byline_library_view_queue_update (self, file);
      break;
    case G_FILE_MONITOR_EVENT_RENAMED:
      byline_library_view_queue_update (self, file);
      byline_library_view_queue_update (self, other);
      break;
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    case G_FILE_MONITOR_EVENT_MOVED:
    default:
      break;
    }
}

static void
byline_library_view_watch (BylineLibraryView *self,
                           const char        *dir)
{
  g_autoptr(GFile) folder = NULL;
  GFileMonitor *monitor;

  if (g_hash_table_contains (self->monitors, dir))
    return;

  folder = g_file_new_for_path (dir);
  monitor = g_file_monitor_directory (folder, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (monitor == NULL)
    return;
  g_signal_connect_object (monitor, "changed",
                           G_CALLBACK (byline_library_view_monitor_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_hash_table_insert (self->monitors, g_strdup (dir), monitor);
}

/* Watches the folders of the posts in self->to_watch, a few milliseconds a
 * turn of the main loop: a site of Hugo bundles has a folder per post, and
 * 10,000 folder monitors at once would hold up a frame. */
static gboolean
byline_library_view_watch_idle_cb (gpointer user_data)
{
  BylineLibraryView *self = user_data;
  gint64 until = g_get_monotonic_time () + WATCH_SLICE_US;

  while (self->to_watch->len > 0)
    {
      BylineLibraryPost *post = g_ptr_array_index (self->to_watch, self->to_watch->len - 1);
      g_autofree char *dir = g_path_get_dirname (byline_library_post_get_path (post));

      byline_library_view_watch (self, dir);
      g_ptr_array_set_size (self->to_watch, self->to_watch->len - 1);
      if (self->to_watch->len % 64 == 0 && g_get_monotonic_time () >= until)
        return G_SOURCE_CONTINUE;
    }

  self->watch_id = 0;
  return G_SOURCE_REMOVE;
}

/* The folders the posts are in, and the collections' own folders: where a
 * post can appear, change or go. A folder made later is watched once a post
 * in it is read (a new post, a reload). */
static void
byline_library_view_watch_folders (BylineLibraryView *self)
{
  BylineSite *site = byline_library_index_get_site (self->index);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->index));

  for (guint i = 0; site != NULL && i < byline_site_get_n_collections (site); i++)
    {
      const char *base = NULL;
      g_autofree char *dir = NULL;

      byline_site_get_collection (site, i, &base);
      if (base == NULL)
        continue;
      dir = g_build_filename (byline_site_get_root (site), base, NULL);
      byline_library_view_watch (self, dir);
    }

  g_ptr_array_set_size (self->to_watch, 0);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->to_watch, g_list_model_get_item (G_LIST_MODEL (self->index), i));
  /* A small site is watched at once; a big one after the list is drawn. */
  if (self->to_watch->len <= WATCH_AT_ONCE)
    byline_library_view_watch_idle_cb (self);
  else if (self->watch_id == 0)
    self->watch_id = g_idle_add_full (G_PRIORITY_LOW, byline_library_view_watch_idle_cb,
                                      self, NULL);
}

/* --- loading ------------------------------------------------------------------ */

static void
byline_library_view_load_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(BylineLibraryView) self = user_data;
  g_autoptr(GError) error = NULL;

  byline_library_view_begin_growing (self, FALSE);
  if (!byline_library_index_load_finish (BYLINE_LIBRARY_INDEX (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_stack_set_visible_child_name (self->stack, "empty");
      adw_status_page_set_title (self->status_page, _("No Site Here"));
      adw_status_page_set_description (self->status_page, error->message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
      return;
    }

  byline_recent_add_site (gtk_recent_manager_get_default (),
                          byline_library_index_get_site (self->index));
  /* The collections and tags to filter by, counted over every post, come
   * after the list is drawn. */
  if (self->choices_id == 0)
    self->choices_id = g_idle_add (byline_library_view_update_choices_idle_cb, self);
  byline_library_view_watch_folders (self);
  byline_library_view_update_count (self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->index)) == 0)
    {
      adw_status_page_set_title (self->status_page, _("No Posts Yet"));
      adw_status_page_set_description (self->status_page, _("Create one with New Post (Ctrl+N)"));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/**
 * byline_library_view_open_folder:
 * @folder: a site's root, or a folder in it
 *
 * Lists the posts of the site @folder is in, read on worker threads.
 */
void
byline_library_view_open_folder (BylineLibraryView *self,
                                 GFile             *folder)
{
  g_autofree char *path = NULL;

  g_return_if_fail (BYLINE_IS_LIBRARY_VIEW (self));
  g_return_if_fail (G_IS_FILE (folder));

  path = g_file_get_path (folder);
  if (path == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_hash_table_remove_all (self->monitors);
  g_hash_table_remove_all (self->pending);
  g_clear_handle_id (&self->update_id, g_source_remove);
  g_clear_handle_id (&self->watch_id, g_source_remove);
  g_clear_handle_id (&self->choices_id, g_source_remove);
  g_ptr_array_set_size (self->to_watch, 0);
  g_set_object (&self->folder, folder);

  byline_library_index_load_async (self->index, path, self->cancellable,
                                   byline_library_view_load_cb, g_object_ref (self));
  byline_library_view_update_count (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDER]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/**
 * byline_library_view_refresh:
 * @file: a post that changed (saved, created)
 *
 * Reads @file again soon, as a file monitor's event would.
 */
void
byline_library_view_refresh (BylineLibraryView *self,
                             GFile             *file)
{
  g_autoptr(GFile) parent = NULL;
  g_autofree char *dir = NULL;

  g_return_if_fail (BYLINE_IS_LIBRARY_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (byline_library_index_get_site (self->index) == NULL)
    return;
  parent = g_file_get_parent (file);
  if (parent != NULL && (dir = g_file_get_path (parent)) != NULL)
    byline_library_view_watch (self, dir);
  byline_library_view_queue_update (self, file);
}

/* --- new posts ------------------------------------------------------------------ */

typedef struct
{
  BylineSite *site;
  char       *collection;
  char       *title;
  gboolean    draft;
} NewPost;

static void
new_post_free (NewPost *data)
{
  byline_site_unref (data->site);
  g_free (data->collection);
  g_free (data->title);
  g_free (data);
}

static void
byline_library_view_new_post_thread (GTask        *task,
                                     gpointer      source_object,
                                     gpointer      task_data,
                                     GCancellable *cancellable)
{
  NewPost *data = task_data;
  GError *error = NULL;
  char *path = byline_new_post_create (data->site, data->collection, data->title, data->draft,
                                       NULL, &error);

  if (path == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, path, g_free);
}

static void
byline_library_view_show_error (BylineLibraryView *self,
                                const char        *heading,
                                const char        *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
byline_library_view_new_post_cb (GObject      *object,
                                 GAsyncResult *result,
                                 gpointer      user_data)
{
  BylineLibraryView *self = BYLINE_LIBRARY_VIEW (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GFile) file = NULL;

  if (path == NULL)
    {
      byline_library_view_show_error (self, _("The Post Was Not Created"), error->message);
      return;
    }

  file = g_file_new_for_path (path);
  byline_library_view_refresh (self, file);
  g_signal_emit (self, signals[OPEN_POST], 0, file);
}

static void
byline_library_view_new_post_response_cb (AdwMessageDialog  *dialog,
                                          const char        *response,
                                          BylineLibraryView *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "title-entry");
  GtkDropDown *collection = g_object_get_data (G_OBJECT (dialog), "collection");
  GtkCheckButton *draft = g_object_get_data (G_OBJECT (dialog), "draft");
  g_autoptr(GTask) task = NULL;
  NewPost *data;

  if (g_strcmp0 (response, "create") != 0 || byline_library_index_get_site (self->index) == NULL)
    return;

  data = g_new0 (NewPost, 1);
  data->site = byline_site_ref (byline_library_index_get_site (self->index));
  data->title = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  data->draft = gtk_check_button_get_active (draft);
  if (gtk_widget_get_visible (GTK_WIDGET (collection)))
    {
      GtkStringObject *item = gtk_drop_down_get_selected_item (collection);

      data->collection = item != NULL ? g_strdup (gtk_string_object_get_string (item)) : NULL;
    }

  task = g_task_new (self, self->cancellable, byline_library_view_new_post_cb, NULL);
  g_task_set_source_tag (task, byline_library_view_new_post);
  g_task_set_task_data (task, data, (GDestroyNotify) new_post_free);
  g_task_run_in_thread (task, byline_library_view_new_post_thread);
}

/* Whether a post of the collection @name can start as a draft: its schema
 * has a `draft` field, or says nothing yet (byline_new_post_frontmatter() refuses
 * a draft flag the schema would reject). */
static gboolean
collection_takes_draft (BylineSite *site,
                        const char *name)
{
  for (guint i = 0; name != NULL && i < byline_site_get_n_collections (site); i++)
    {
      const char *base = NULL;

      if (g_strcmp0 (byline_site_get_collection (site, i, &base), name) == 0 && base != NULL)
        {
          g_autofree char *path = g_build_filename (byline_site_get_root (site), base, "new.md", NULL);
          g_autoptr(BylineSchema) schema = byline_site_get_schema_for (site, path, NULL);

          return byline_schema_get_n_fields (schema) == 0 ||
                 byline_schema_lookup (schema, "draft") != NULL;
        }
    }

  return TRUE;
}

/* The collection chosen for the new post decides whether it can start as
 * a draft (the test site's notes have a status, not a draft flag). */
static void
byline_library_view_new_post_collection_cb (GtkDropDown       *collection,
                                            GParamSpec        *pspec,
                                            BylineLibraryView *self)
{
  GtkWidget *draft = g_object_get_data (G_OBJECT (collection), "draft");
  GtkStringObject *item = gtk_drop_down_get_selected_item (collection);
  BylineSite *site = byline_library_index_get_site (self->index);
  gboolean takes = site == NULL || item == NULL ||
                   collection_takes_draft (site, gtk_string_object_get_string (item));

  if (takes == gtk_widget_get_sensitive (draft))
    return;
  gtk_widget_set_sensitive (draft, takes);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (draft), takes);
  gtk_widget_set_tooltip_text (draft, takes ? NULL : _("The collection’s posts have no draft flag"));
}

static void
byline_library_view_title_changed_cb (GtkEditable      *entry,
                                      AdwMessageDialog *dialog)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "create", title[0] != '\0');
}

/**
 * byline_library_view_new_post:
 *
 * Asks for a title (and a collection, when the site has several), then
 * creates the post where the site wants it (byline_new_post_create(), on a
 * worker thread) and asks for it to be opened ("open-post").
 */
void
byline_library_view_new_post (BylineLibraryView *self)
{
  BylineSite *site;
  GtkRoot *root;
  GtkWidget *dialog, *box, *entry, *collection, *draft;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_return_if_fail (BYLINE_IS_LIBRARY_VIEW (self));

  site = byline_library_index_get_site (self->index);
  g_return_if_fail (site != NULL);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("New Post"), NULL);
  switch (byline_site_get_generator (site))
    {
    case BYLINE_GENERATOR_ASTRO:
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                                   _("The post goes into its collection’s folder, named after its "
                                     "title, with the fields the collection’s schema requires."));
      break;
    case BYLINE_GENERATOR_HUGO:
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                                   _("The post goes into content/posts/, named after its title, "
                                     "made from the site’s archetype."));
      break;
    case BYLINE_GENERATOR_JEKYLL:
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                                   _("A draft goes into _drafts/, a post into _posts/ with "
                                     "today’s date in its name."));
      break;
    case BYLINE_GENERATOR_NONE:
    default:
      break;
    }

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Title"));
  /* Enter presses Create, when it can be pressed: the dialog's button
   * closes the dialog as it answers, where adw_message_dialog_response()
   * only answers. */
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Title"), -1);
  gtk_box_append (GTK_BOX (box), entry);

  for (guint i = 0; i < byline_site_get_n_collections (site); i++)
    {
      const char *base = NULL;
      const char *name = byline_site_get_collection (site, i, &base);

      if (base != NULL && byline_site_get_generator (site) == BYLINE_GENERATOR_ASTRO)
        gtk_string_list_append (names, name);
    }
  collection = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
  gtk_widget_set_tooltip_text (collection, _("The collection the post belongs to"));
  gtk_widget_set_visible (collection, g_list_model_get_n_items (G_LIST_MODEL (names)) > 1);
  /* The collection the list shows, if one. */
  for (guint i = 0; self->collection != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (names)); i++)
    if (g_strcmp0 (gtk_string_list_get_string (names, i), self->collection) == 0)
      gtk_drop_down_set_selected (GTK_DROP_DOWN (collection), i);
  gtk_box_append (GTK_BOX (box), collection);

  draft = gtk_check_button_new_with_mnemonic (_("Start as a _draft"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (draft), TRUE);
  gtk_box_append (GTK_BOX (box), draft);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "create", _("C_reate"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "create",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "create");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create", FALSE);

  g_object_set_data (G_OBJECT (dialog), "title-entry", entry);
  g_object_set_data (G_OBJECT (dialog), "collection", collection);
  g_object_set_data (G_OBJECT (dialog), "draft", draft);
  g_object_set_data (G_OBJECT (collection), "draft", draft);
  g_signal_connect_object (collection, "notify::selected",
                           G_CALLBACK (byline_library_view_new_post_collection_cb), self, 0);
  byline_library_view_new_post_collection_cb (GTK_DROP_DOWN (collection), NULL, self);
  g_signal_connect (entry, "changed", G_CALLBACK (byline_library_view_title_changed_cb), dialog);
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (byline_library_view_new_post_response_cb), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* --- GObject ------------------------------------------------------------------- */

static void
byline_library_view_dispose (GObject *object)
{
  BylineLibraryView *self = BYLINE_LIBRARY_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  byline_library_view_cancel_sort (self);
  g_clear_handle_id (&self->update_id, g_source_remove);
  g_clear_handle_id (&self->watch_id, g_source_remove);
  g_clear_handle_id (&self->choices_id, g_source_remove);
  if (self->grow_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->grow_id);
  self->grow_id = 0;
  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_LIBRARY_VIEW);
  g_clear_pointer (&self->monitors, g_hash_table_unref);

  G_OBJECT_CLASS (byline_library_view_parent_class)->dispose (object);
}

static void
byline_library_view_finalize (GObject *object)
{
  BylineLibraryView *self = BYLINE_LIBRARY_VIEW (object);

  g_clear_object (&self->selection);
  g_clear_object (&self->slice);
  g_clear_object (&self->shown);
  g_clear_object (&self->index);
  g_clear_object (&self->folder);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->to_watch, g_ptr_array_unref);
  g_free (self->search_text);
  g_strfreev (self->words);
  g_free (self->collection);

  G_OBJECT_CLASS (byline_library_view_parent_class)->finalize (object);
}

/* The sorts by name, as the settings keep them ("library-sort"). */
static const char * const sort_names[] = { "date", "title", "changed" };

static void
byline_library_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BylineLibraryView *self = BYLINE_LIBRARY_VIEW (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      g_value_set_object (value, self->folder);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, byline_library_view_get_loading (self));
      break;
    case PROP_SORT_NAME:
      g_value_set_static_string (value, sort_names[self->sort]);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_library_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  BylineLibraryView *self = BYLINE_LIBRARY_VIEW (object);

  switch (prop_id)
    {
    case PROP_SORT_NAME:
      for (guint i = 0; i < G_N_ELEMENTS (sort_names); i++)
        if (g_strcmp0 (g_value_get_string (value), sort_names[i]) == 0)
          byline_library_view_set_sort (self, i);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_library_view_class_init (BylineLibraryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_library_view_dispose;
  object_class->finalize = byline_library_view_finalize;
  object_class->get_property = byline_library_view_get_property;
  object_class->set_property = byline_library_view_set_property;

  properties[PROP_FOLDER] =
    g_param_spec_object ("folder", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The order of the list by name ("date", "title", "changed"), for the
   * settings to keep: another name changes nothing. */
  properties[PROP_SORT_NAME] =
    g_param_spec_string ("sort-name", NULL, NULL, "date",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BylineLibraryView::open-post:
   * @file: the post to show
   *
   * The user asked to open a post (Enter, a double click, a new post).
   */
  signals[OPEN_POST] =
    g_signal_new ("open-post", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/byline/Byline/ui/byline-library-view.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineLibraryView, box);
  gtk_widget_class_bind_template_child (widget_class, BylineLibraryView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BylineLibraryView, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BylineLibraryView, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BylineLibraryView, collection_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BylineLibraryView, tag_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BylineLibraryView, collections);
  gtk_widget_class_bind_template_child (widget_class, BylineLibraryView, tags);
  gtk_widget_class_bind_template_child (widget_class, BylineLibraryView, featured_toggle);
  gtk_widget_class_bind_template_child (widget_class, BylineLibraryView, invalid_toggle);
  gtk_widget_class_bind_template_child (widget_class, BylineLibraryView, stack);
  gtk_widget_class_bind_template_child (widget_class, BylineLibraryView, status_page);
  gtk_widget_class_bind_template_child (widget_class, BylineLibraryView, list_view);
  gtk_widget_class_bind_template_child (widget_class, BylineLibraryView, count_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "library");
}

static void
byline_library_view_init (BylineLibraryView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->monitors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->to_watch = g_ptr_array_new_with_free_func (g_object_unref);
  self->words = g_new0 (char *, 1);
  self->cancellable = g_cancellable_new ();

  self->index = byline_library_index_new ();
  /* The search and the filters keep posts, in the order asked for (none
   * for newest first, the index's own): one model of Byline's own, at a
   * fraction of the cost of GTK's two. It filters and sorts all at once,
   * not a batch a frame as GTK's models can: 10,000 posts filter in about
   * 2 ms and sort by title in about 4, and each batch of GTK's incremental
   * sort had the list bind its 200 rows again, a frame's worth of work
   * every frame for a second (bench-library-view). */
  self->shown = byline_filter_sort_list_new (G_LIST_MODEL (self->index));
  byline_filter_sort_list_set_keep (self->shown, byline_library_view_filter_func, self);
  /* A list view makes a row for each of about 200 posts at the top whenever
   * they all change (a site read, a filter, a sort): a few frames of work
   * at once. Shown a slice that grows a frame at a time, it makes the first
   * screenful in one frame and the rest, out of sight, in the next ones. */
  self->slice = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->shown)), 0, G_MAXUINT);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->slice)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);

  g_signal_connect (factory, "setup", G_CALLBACK (byline_library_view_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (byline_library_view_bind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->list_view, "unmap",
                           G_CALLBACK (byline_library_view_unmap_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list_view, "activate",
                           G_CALLBACK (byline_library_view_activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->shown, "items-changed",
                           G_CALLBACK (byline_library_view_model_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->index, "notify::loading",
                           G_CALLBACK (byline_library_view_model_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->index, "items-changed",
                           G_CALLBACK (byline_library_view_model_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (byline_library_view_search_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "activate",
                           G_CALLBACK (byline_library_view_search_activate_cb), self, G_CONNECT_SWAPPED);
  keys = gtk_event_controller_key_new ();
  g_signal_connect_object (keys, "key-pressed",
                           G_CALLBACK (byline_library_view_search_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  /* Type to search: keys typed in the list go to the search. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));

  g_signal_connect_object (self->state_dropdown, "notify::selected",
                           G_CALLBACK (byline_library_view_filters_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->collection_dropdown, "notify::selected",
                           G_CALLBACK (byline_library_view_filters_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tag_dropdown, "notify::selected",
                           G_CALLBACK (byline_library_view_filters_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->featured_toggle, "toggled",
                           G_CALLBACK (byline_library_view_filters_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->invalid_toggle, "toggled",
                           G_CALLBACK (byline_library_view_filters_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sort_dropdown, "notify::selected",
                           G_CALLBACK (byline_library_view_sort_changed_cb), self, G_CONNECT_SWAPPED);

  adw_status_page_set_title (self->status_page, _("No Site Open"));
  adw_status_page_set_description (self->status_page,
                                   _("Open a site’s folder with Open Folder (Ctrl+Shift+O)"));
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* --- public API ---------------------------------------------------------------- */

GtkWidget *
byline_library_view_new (void)
{
  return g_object_new (BYLINE_TYPE_LIBRARY_VIEW, NULL);
}

/**
 * byline_library_view_get_folder:
 *
 * Returns: (transfer none) (nullable): the folder opened last
 */
GFile *
byline_library_view_get_folder (BylineLibraryView *self)
{
  g_return_val_if_fail (BYLINE_IS_LIBRARY_VIEW (self), NULL);

  return self->folder;
}

gboolean
byline_library_view_get_loading (BylineLibraryView *self)
{
  g_return_val_if_fail (BYLINE_IS_LIBRARY_VIEW (self), FALSE);

  return byline_library_index_get_loading (self->index);
}

/**
 * byline_library_view_get_index:
 *
 * Returns: (transfer none): all the site's posts
 */
BylineLibraryIndex *
byline_library_view_get_index (BylineLibraryView *self)
{
  g_return_val_if_fail (BYLINE_IS_LIBRARY_VIEW (self), NULL);

  return self->index;
}

/**
 * byline_library_view_get_model:
 *
 * Returns: (transfer none): the posts the list shows, filtered and sorted
 */
GListModel *
byline_library_view_get_model (BylineLibraryView *self)
{
  g_return_val_if_fail (BYLINE_IS_LIBRARY_VIEW (self), NULL);

  return G_LIST_MODEL (self->selection);
}

/**
 * byline_library_view_set_search_text:
 * @text: words each post must hold in its title, description or body
 *
 * What typing in the search does. A longer search narrows the list, so only
 * the posts still shown are searched again.
 */
void
byline_library_view_set_search_text (BylineLibraryView *self,
                                     const char        *text)
{
  BylineFilterChange change = BYLINE_FILTER_CHANGE_DIFFERENT;
  const char *old;

  g_return_if_fail (BYLINE_IS_LIBRARY_VIEW (self));

  text = text != NULL ? text : "";
  old = self->search_text != NULL ? self->search_text : "";
  if (strcmp (old, text) == 0)
    return;

  /* Adding to the end of a word, or a word, only narrows the search. */
  if (g_str_has_prefix (text, old) && strchr (text + strlen (old), ' ') == NULL)
    change = BYLINE_FILTER_CHANGE_MORE_STRICT;
  else if (g_str_has_prefix (old, text) && strchr (old + strlen (text), ' ') == NULL)
    change = BYLINE_FILTER_CHANGE_LESS_STRICT;

  g_free (self->search_text);
  self->search_text = g_strdup (text);
  g_strfreev (self->words);
  self->words = byline_library_split_search (text);

  if (strcmp (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text) != 0)
    {
      self->setting_text = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
      self->setting_text = FALSE;
    }

  /* A filter's change still waiting for its frame asks every post again. */
  if (self->refilter_pending)
    {
      self->refilter_pending = FALSE;
      change = BYLINE_FILTER_CHANGE_DIFFERENT;
    }
  /* A search that can bring posts back (the last letter taken away, the
   * search cleared) grows the list a frame at a time: from 10 posts to all,
   * the list view made 190 rows in one frame of 33 to 40 ms. Not a narrower one,
   * which keeps the rows of the posts still at the top. */
  if (change != BYLINE_FILTER_CHANGE_MORE_STRICT)
    byline_library_view_begin_growing (self, FALSE);
  byline_filter_sort_list_refilter (self->shown, change);
}

/**
 * byline_library_view_set_state:
 *
 * Shows all posts, or only drafts, published or scheduled ones.
 */
void
byline_library_view_set_state (BylineLibraryView  *self,
                               BylineLibraryState  state)
{
  g_return_if_fail (BYLINE_IS_LIBRARY_VIEW (self));

  gtk_drop_down_set_selected (self->state_dropdown, state);
}

/**
 * byline_library_view_set_sort:
 */
void
byline_library_view_set_sort (BylineLibraryView *self,
                              BylineLibrarySort  sort)
{
  g_return_if_fail (BYLINE_IS_LIBRARY_VIEW (self));

  if (gtk_drop_down_get_selected (self->sort_dropdown) != sort)
    gtk_drop_down_set_selected (self->sort_dropdown, sort);
  if (self->sort == sort)
    return;
  self->sort = sort;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT_NAME]);
  byline_library_view_cancel_sort (self);
  /* Hidden, the list makes no frames to wait for: sorted here. */
  if (!byline_library_view_begin_growing (self, TRUE))
    {
      byline_filter_sort_list_set_compare (self->shown, byline_library_view_compare_func (sort), NULL);
      return;
    }
  /* Sorting 10,000 posts by title takes about 4 ms: on a worker, while
   * this frame frees the rows the slice let go. */
  self->sort_cancellable = g_cancellable_new ();
  byline_filter_sort_list_sort_async (self->shown, byline_library_view_compare_func (sort), NULL,
                                      self->sort_cancellable, byline_library_view_sorted_cb,
                                      g_object_ref (self));
}

/**
 * byline_library_view_get_sort:
 *
 * Returns: the order asked for (the list may still be sorting)
 */
BylineLibrarySort
byline_library_view_get_sort (BylineLibraryView *self)
{
  g_return_val_if_fail (BYLINE_IS_LIBRARY_VIEW (self), BYLINE_LIBRARY_SORT_DATE);

  return self->sort;
}

/**
 * byline_library_view_activate_selected:
 *
 * Opens the selected post, as Enter does.
 *
 * Returns: whether a post was selected
 */
gboolean
byline_library_view_activate_selected (BylineLibraryView *self)
{
  guint position;

  g_return_val_if_fail (BYLINE_IS_LIBRARY_VIEW (self), FALSE);

  position = gtk_single_selection_get_selected (self->selection);
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;

  byline_library_view_activate_cb (self, position, self->list_view);
  return TRUE;
}

/**
 * byline_library_view_focus_search:
 */
void
byline_library_view_focus_search (BylineLibraryView *self)
{
  g_return_if_fail (BYLINE_IS_LIBRARY_VIEW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
