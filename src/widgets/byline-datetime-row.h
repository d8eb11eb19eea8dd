/* byline-datetime-row.h: a row that shows and picks a date and time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BYLINE_TYPE_DATETIME_ROW (byline_datetime_row_get_type ())

G_DECLARE_FINAL_TYPE (BylineDatetimeRow, byline_datetime_row, BYLINE, DATETIME_ROW, AdwActionRow)

GtkWidget *byline_datetime_row_new           (void);
GDateTime *byline_datetime_row_get_date_time (BylineDatetimeRow *self);
void       byline_datetime_row_set_date_time (BylineDatetimeRow *self,
                                              GDateTime         *value);
gboolean   byline_datetime_row_get_clearable (BylineDatetimeRow *self);
void       byline_datetime_row_set_clearable (BylineDatetimeRow *self,
                                              gboolean           clearable);
void       byline_datetime_row_pick          (BylineDatetimeRow *self,
                                              GDateTime         *value);

G_END_DECLS
