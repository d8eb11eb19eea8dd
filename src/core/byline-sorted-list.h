/* byline-sorted-list.h: a list model's items in the order of a function
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BYLINE_TYPE_SORTED_LIST (byline_sorted_list_get_type ())

G_DECLARE_FINAL_TYPE (BylineSortedList, byline_sorted_list, BYLINE, SORTED_LIST, GObject)

BylineSortedList *byline_sorted_list_new          (GListModel       *model);
void              byline_sorted_list_set_compare  (BylineSortedList *self,
                                                   GCompareDataFunc  compare,
                                                   gpointer          user_data);
void              byline_sorted_list_resort       (BylineSortedList *self);

G_END_DECLS
