/* byline-filter-sort-list.h: the items of a list model a function keeps,
 * in the order of another
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BYLINE_TYPE_FILTER_SORT_LIST (byline_filter_sort_list_get_type ())

G_DECLARE_FINAL_TYPE (BylineFilterSortList, byline_filter_sort_list, BYLINE, FILTER_SORT_LIST, GObject)

/**
 * BylineKeepFunc:
 * @item: an item of the model
 * @user_data: what was given with the function
 *
 * Returns: whether the list shows @item
 */
typedef gboolean (*BylineKeepFunc) (gpointer item,
                                    gpointer user_data);

/**
 * BylineFilterChange:
 * @BYLINE_FILTER_CHANGE_DIFFERENT: any item may be kept or dropped anew
 * @BYLINE_FILTER_CHANGE_MORE_STRICT: no item dropped is kept now
 * @BYLINE_FILTER_CHANGE_LESS_STRICT: no item kept is dropped now
 *
 * How the keep function's answers changed, so that only the items whose
 * answer can have changed are asked again.
 */
typedef enum {
  BYLINE_FILTER_CHANGE_DIFFERENT,
  BYLINE_FILTER_CHANGE_MORE_STRICT,
  BYLINE_FILTER_CHANGE_LESS_STRICT,
} BylineFilterChange;

BylineFilterSortList *byline_filter_sort_list_new         (GListModel           *model);
void                  byline_filter_sort_list_set_keep    (BylineFilterSortList *self,
                                                           BylineKeepFunc        keep,
                                                           gpointer              user_data);
void                  byline_filter_sort_list_refilter    (BylineFilterSortList *self,
                                                           BylineFilterChange    change);
void                  byline_filter_sort_list_set_compare (BylineFilterSortList *self,
                                                           GCompareDataFunc      compare,
                                                           gpointer              user_data);
void                  byline_filter_sort_list_sort_async  (BylineFilterSortList *self,
                                                           GCompareDataFunc      compare,
                                                           gpointer              user_data,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              callback_data);
gboolean              byline_filter_sort_list_sort_finish (BylineFilterSortList *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);

G_END_DECLS
