/* byline-library-row.h: one post in the library's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "byline-library.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_LIBRARY_ROW (byline_library_row_get_type ())

G_DECLARE_FINAL_TYPE (BylineLibraryRow, byline_library_row, BYLINE, LIBRARY_ROW, GtkWidget)

GtkWidget *byline_library_row_new      (void);
void       byline_library_row_set_post (BylineLibraryRow  *self,
                                        BylineLibraryPost *post);

G_END_DECLS
