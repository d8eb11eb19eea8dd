/* byline-filter-sort-list.c: the items of a list model a function keeps,
 * in the order of another
 *
 * What a GtkFilterListModel and a GtkSortListModel do for the library's
 * list, in one model at a fraction of their cost. GTK 4.8's sort model
 * wraps every item in a sort key of its own and reaches the compare
 * function through three layers of calls: sorting 10,000 posts by title
 * took it 12 to 15 ms, a frame on its own, where
 * g_ptr_array_sort_with_data() and the same function take about 4. Its
 * filter model keeps its answers in a bitset, and the sort model behind it
 * then read each item back out of that (bench-library-view).
 *
 * Here the model's items sit in one array with the keep function's answer
 * beside each. A change of the model asks about its new items only, and
 * shows them where the model has them, or, sorted, puts each in its place
 * by a binary search (a post saved, or a `git checkout` read a post at a
 * time), unless many changed at once. A change of the function asks about
 * all items, or only those kept (a stricter search) or only those dropped
 * (a looser one), and sorts the kept ones again; so does a change of the
 * order. That is announced as the span between the items that kept their
 * place at either end, so the list view binds only the rows in between.
 * A change of the order can be sorted on a worker thread instead, and put
 * in place when the caller's frame is ready for it.
 *
 * The compare function must be a total order (no two distinct items
 * equal), so the order is the same whatever the model's own order was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Byline"

#include "config.h"

#include <string.h>

#include "byline-filter-sort-list.h"

/* Up to this many items changed in the model go in and out of their
 * places one at a time; more, and all are sorted again. */
#define SMALL_CHANGE 16

/* An order of the items: the compare function and its data. */
typedef struct
{
  GCompareDataFunc  func;      /* NULL: the model's order */
  gpointer          data;
} Order;

struct _BylineFilterSortList
{
  GObject           parent_instance;

  GListModel       *model;
  GPtrArray        *items;     /* the model's items, in its order (owned) */
  GByteArray       *kept;      /* beside each, whether the keep function keeps it */
  GPtrArray        *shown;     /* those kept, in our order (owned) */
  BylineKeepFunc    keep;      /* NULL: every item */
  gpointer          keep_data;
  Order             order;
  guint64           generation; /* counts the changes, for a sort on a worker */
};

static void byline_filter_sort_list_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BylineFilterSortList, byline_filter_sort_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      byline_filter_sort_list_list_model_init))

static GType
byline_filter_sort_list_get_item_type (GListModel *list)
{
  return g_list_model_get_item_type (BYLINE_FILTER_SORT_LIST (list)->model);
}

static guint
byline_filter_sort_list_get_n_items (GListModel *list)
{
  return BYLINE_FILTER_SORT_LIST (list)->shown->len;
}

static gpointer
byline_filter_sort_list_get_item (GListModel *list,
                                  guint       position)
{
  BylineFilterSortList *self = BYLINE_FILTER_SORT_LIST (list);

  if (position >= self->shown->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->shown, position));
}

static void
byline_filter_sort_list_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = byline_filter_sort_list_get_item_type;
  iface->get_n_items = byline_filter_sort_list_get_n_items;
  iface->get_item = byline_filter_sort_list_get_item;
}

static int
compare_in_order (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const Order *order = user_data;

  return order->func (*(gpointer const *) a, *(gpointer const *) b, order->data);
}

/* Sorts @items by @order, unless it is the model's. */
static void
sort_items (GPtrArray   *items,
            const Order *order)
{
  if (order->func != NULL && items->len > 1)
    g_ptr_array_sort_with_data (items, compare_in_order, (gpointer) order);
}

static gboolean
keeps (BylineFilterSortList *self,
       gpointer              item)
{
  return self->keep == NULL || self->keep (item, self->keep_data);
}

/* Asks the keep function about the items from @start to @end whose answer
 * @change says can have changed. */
static void
ask (BylineFilterSortList *self,
     guint                 start,
     guint                 end,
     BylineFilterChange    change)
{
  for (guint i = start; i < end; i++)
    {
      if ((change == BYLINE_FILTER_CHANGE_MORE_STRICT && !self->kept->data[i]) ||
          (change == BYLINE_FILTER_CHANGE_LESS_STRICT && self->kept->data[i]))
        continue;
      self->kept->data[i] = keeps (self, g_ptr_array_index (self->items, i));
    }
}

/* Sorts the kept items again and announces what moved: the span between
 * the items that kept their place at the start and at the end. The old
 * array keeps its items alive until then, so an item freed and another
 * made at its address cannot pass for it. */
static void
byline_filter_sort_list_show (BylineFilterSortList *self,
                              GPtrArray            *shown)
{
  g_autoptr(GPtrArray) old = g_steal_pointer (&self->shown);
  guint start = 0;
  guint end_old;
  guint end_new;

  self->shown = g_ptr_array_ref (shown);
  self->generation++;

  while (start < old->len && start < self->shown->len &&
         g_ptr_array_index (old, start) == g_ptr_array_index (self->shown, start))
    start++;
  end_old = old->len;
  end_new = self->shown->len;
  while (end_old > start && end_new > start &&
         g_ptr_array_index (old, end_old - 1) == g_ptr_array_index (self->shown, end_new - 1))
    {
      end_old--;
      end_new--;
    }

  if (end_old > start || end_new > start)
    g_list_model_items_changed (G_LIST_MODEL (self), start, end_old - start, end_new - start);
}

/* The items kept, in the model's order. */
static GPtrArray *
collect_kept (BylineFilterSortList *self)
{
  GPtrArray *kept = g_ptr_array_new_full (self->items->len, g_object_unref);

  for (guint i = 0; i < self->items->len; i++)
    if (self->kept->data[i])
      g_ptr_array_add (kept, g_object_ref (g_ptr_array_index (self->items, i)));

  return kept;
}

static void
byline_filter_sort_list_update (BylineFilterSortList *self)
{
  g_autoptr(GPtrArray) shown = collect_kept (self);

  sort_items (shown, &self->order);
  byline_filter_sort_list_show (self, shown);
}

/* Where @item is among the items shown, or would go: the first place
 * whose item does not come before it. */
static guint
shown_lower_bound (BylineFilterSortList *self,
                   gpointer              item)
{
  guint lo = 0;
  guint hi = self->shown->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->order.func (g_ptr_array_index (self->shown, mid), item, self->order.data) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static guint
count_kept (BylineFilterSortList *self,
            guint                 start,
            guint                 end)
{
  guint n = 0;

  for (guint i = start; i < end; i++)
    n += self->kept->data[i];

  return n;
}

/* Splices the model's change into our copy of it, and asks about the
 * items it brought. */
static void
splice_items (BylineFilterSortList *self,
              GListModel           *model,
              guint                 position,
              guint                 removed,
              guint                 added)
{
  guint tail;

  g_ptr_array_remove_range (self->items, position, removed);
  g_byte_array_remove_range (self->kept, position, removed);
  tail = self->items->len - position;
  g_ptr_array_set_size (self->items, self->items->len + added);
  g_byte_array_set_size (self->kept, self->kept->len + added);
  /* (an empty array's data may be NULL, no pointer for memmove) */
  if (tail > 0 && added > 0)
    {
      memmove (self->items->pdata + position + added, self->items->pdata + position,
               tail * sizeof (gpointer));
      memmove (self->kept->data + position + added, self->kept->data + position, tail);
    }
  for (guint i = 0; i < added; i++)
    self->items->pdata[position + i] = g_list_model_get_item (model, position + i);
  ask (self, position, position + added, BYLINE_FILTER_CHANGE_DIFFERENT);
}

/* A few posts read again (a save, a `git checkout` a file at a time):
 * each goes out of and into its place by a binary search, rather than all
 * of them sorted again for each. */
static gboolean
splice_sorted (BylineFilterSortList *self,
               GListModel           *model,
               guint                 position,
               guint                 removed,
               guint                 added)
{
  /* Every item that goes must be where the order says; else sort all. */
  for (guint i = position; i < position + removed; i++)
    {
      gpointer item = g_ptr_array_index (self->items, i);
      guint at;

      if (!self->kept->data[i])
        continue;
      at = shown_lower_bound (self, item);
      if (at >= self->shown->len || g_ptr_array_index (self->shown, at) != item)
        return FALSE;
    }

  for (guint i = position; i < position + removed; i++)
    if (self->kept->data[i])
      {
        guint at = shown_lower_bound (self, g_ptr_array_index (self->items, i));

        g_ptr_array_remove_index (self->shown, at);
        g_list_model_items_changed (G_LIST_MODEL (self), at, 1, 0);
      }

  splice_items (self, model, position, removed, added);

  for (guint i = position; i < position + added; i++)
    if (self->kept->data[i])
      {
        gpointer item = g_ptr_array_index (self->items, i);
        guint at = shown_lower_bound (self, item);

        g_ptr_array_insert (self->shown, at, g_object_ref (item));
        g_list_model_items_changed (G_LIST_MODEL (self), at, 0, 1);
      }

  return TRUE;
}

/* In the model's order, the items shown change where the model's do. */
static void
splice_unsorted (BylineFilterSortList *self,
                 GListModel           *model,
                 guint                 position,
                 guint                 removed,
                 guint                 added)
{
  guint at = count_kept (self, 0, position);
  guint gone = count_kept (self, position, position + removed);
  guint came;
  guint tail;

  splice_items (self, model, position, removed, added);
  came = count_kept (self, position, position + added);

  g_ptr_array_remove_range (self->shown, at, gone);
  tail = self->shown->len - at;
  g_ptr_array_set_size (self->shown, self->shown->len + came);
  if (tail > 0 && came > 0)
    memmove (self->shown->pdata + at + came, self->shown->pdata + at, tail * sizeof (gpointer));
  for (guint i = position, j = at; i < position + added; i++)
    if (self->kept->data[i])
      self->shown->pdata[j++] = g_object_ref (g_ptr_array_index (self->items, i));

  if (gone > 0 || came > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), at, gone, came);
}

static void
byline_filter_sort_list_model_changed_cb (BylineFilterSortList *self,
                                          guint                 position,
                                          guint                 removed,
                                          guint                 added,
                                          GListModel           *model)
{
  g_return_if_fail (position + removed <= self->items->len);

  self->generation++;
  if (self->order.func == NULL)
    splice_unsorted (self, model, position, removed, added);
  else if (removed + added > SMALL_CHANGE || !splice_sorted (self, model, position, removed, added))
    {
      splice_items (self, model, position, removed, added);
      byline_filter_sort_list_update (self);
    }
}

static void
byline_filter_sort_list_dispose (GObject *object)
{
  BylineFilterSortList *self = BYLINE_FILTER_SORT_LIST (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, byline_filter_sort_list_model_changed_cb, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (byline_filter_sort_list_parent_class)->dispose (object);
}

static void
byline_filter_sort_list_finalize (GObject *object)
{
  BylineFilterSortList *self = BYLINE_FILTER_SORT_LIST (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->kept, g_byte_array_unref);
  g_clear_pointer (&self->shown, g_ptr_array_unref);

  G_OBJECT_CLASS (byline_filter_sort_list_parent_class)->finalize (object);
}

static void
byline_filter_sort_list_class_init (BylineFilterSortListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = byline_filter_sort_list_dispose;
  object_class->finalize = byline_filter_sort_list_finalize;
}

static void
byline_filter_sort_list_init (BylineFilterSortList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->kept = g_byte_array_new ();
  self->shown = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * byline_filter_sort_list_new:
 * @model: the items
 *
 * Returns: (transfer full): all of @model's items, in its own order, until
 *   byline_filter_sort_list_set_keep() and
 *   byline_filter_sort_list_set_compare() say otherwise
 */
BylineFilterSortList *
byline_filter_sort_list_new (GListModel *model)
{
  BylineFilterSortList *self;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (BYLINE_TYPE_FILTER_SORT_LIST, NULL);
  self->model = g_object_ref (model);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->items, g_list_model_get_item (model, i));
  g_byte_array_set_size (self->kept, n);
  if (n > 0)
    memset (self->kept->data, TRUE, n);
  byline_filter_sort_list_update (self);
  g_signal_connect_object (model, "items-changed",
                           G_CALLBACK (byline_filter_sort_list_model_changed_cb), self,
                           G_CONNECT_SWAPPED);

  return self;
}

/**
 * byline_filter_sort_list_set_keep:
 * @self: a list
 * @keep: (nullable): which items to show, or %NULL for all
 * @user_data: for @keep
 *
 * Shows the items @keep keeps.
 */
void
byline_filter_sort_list_set_keep (BylineFilterSortList *self,
                                  BylineKeepFunc        keep,
                                  gpointer              user_data)
{
  g_return_if_fail (BYLINE_IS_FILTER_SORT_LIST (self));

  self->keep = keep;
  self->keep_data = user_data;
  byline_filter_sort_list_refilter (self, BYLINE_FILTER_CHANGE_DIFFERENT);
}

/**
 * byline_filter_sort_list_refilter:
 * @self: a list
 * @change: how the keep function's answers changed
 *
 * Asks the keep function again, after what it reads changed.
 */
void
byline_filter_sort_list_refilter (BylineFilterSortList *self,
                                  BylineFilterChange    change)
{
  g_return_if_fail (BYLINE_IS_FILTER_SORT_LIST (self));

  ask (self, 0, self->items->len, change);
  byline_filter_sort_list_update (self);
}

typedef struct {
  GPtrArray        *shown;         /* the items kept, sorted on the worker */
  Order             order;
  guint64           generation;    /* the list's, when they were taken */
} SortJob;

static void
sort_job_free (gpointer data)
{
  SortJob *job = data;

  g_ptr_array_unref (job->shown);
  g_free (job);
}

static void
sort_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SortJob *job = task_data;

  if (!g_task_return_error_if_cancelled (task))
    {
      sort_items (job->shown, &job->order);
      g_task_return_boolean (task, TRUE);
    }
}

/**
 * byline_filter_sort_list_sort_async:
 * @self: a list
 * @compare: a total order of the items, safe to call on another thread
 *   (it may read only what does not change), or %NULL for the model's
 *   own order
 * @user_data: for @compare
 * @cancellable: (nullable): to give up
 * @callback: called on this thread when the items are sorted
 * @callback_data: for @callback
 *
 * byline_filter_sort_list_set_compare(), with the sorting done on a worker
 * thread: the list stays in its old order until
 * byline_filter_sort_list_sort_finish() puts the new one in place, in
 * whichever frame the caller chooses.
 */
void
byline_filter_sort_list_sort_async (BylineFilterSortList *self,
                                    GCompareDataFunc      compare,
                                    gpointer              user_data,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              callback_data)
{
  g_autoptr(GTask) task = NULL;
  SortJob *job;

  g_return_if_fail (BYLINE_IS_FILTER_SORT_LIST (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, callback_data);
  g_task_set_source_tag (task, byline_filter_sort_list_sort_async);
  job = g_new0 (SortJob, 1);
  job->shown = collect_kept (self);
  job->order.func = compare;
  job->order.data = user_data;
  job->generation = self->generation;
  g_task_set_task_data (task, job, sort_job_free);

  /* the items kept are in the model's order already */
  if (compare == NULL || job->shown->len < 2)
    g_task_return_boolean (task, TRUE);
  else
    g_task_run_in_thread (task, sort_thread);
}

/**
 * byline_filter_sort_list_sort_finish:
 * @self: a list
 * @result: what the callback was given
 * @error: where to say why not (cancelled)
 *
 * Puts the order asked for in place: the items as sorted on the worker,
 * unless the list changed since they were taken (a change of the model, a
 * refilter); then they are sorted again here.
 *
 * Returns: whether the order is in place; not when the sort was cancelled
 */
gboolean
byline_filter_sort_list_sort_finish (BylineFilterSortList  *self,
                                     GAsyncResult          *result,
                                     GError               **error)
{
  SortJob *job;

  g_return_val_if_fail (BYLINE_IS_FILTER_SORT_LIST (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  job = g_task_get_task_data (G_TASK (result));
  self->order = job->order;
  if (job->generation == self->generation)
    byline_filter_sort_list_show (self, job->shown);
  else
    byline_filter_sort_list_update (self);

  return TRUE;
}

/**
 * byline_filter_sort_list_set_compare:
 * @self: a list
 * @compare: (nullable): a total order of the items, or %NULL for the
 *   model's own order
 * @user_data: for @compare
 *
 * Sorts the items by @compare; called again with the same function, sorts
 * them again, after what it reads changed.
 */
void
byline_filter_sort_list_set_compare (BylineFilterSortList *self,
                                     GCompareDataFunc      compare,
                                     gpointer              user_data)
{
  g_return_if_fail (BYLINE_IS_FILTER_SORT_LIST (self));

  self->order.func = compare;
  self->order.data = user_data;
  byline_filter_sort_list_update (self);
}
