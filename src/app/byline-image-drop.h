/* byline-image-drop.h: images pasted into or dropped on the editor, put where the site wants them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtksourceview/gtksource.h>

#include "byline-document.h"
#include "byline-image-place.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_IMAGE_DROP (byline_image_drop_get_type ())

G_DECLARE_FINAL_TYPE (BylineImageDrop, byline_image_drop, BYLINE, IMAGE_DROP, GObject)

BylineImageDrop *byline_image_drop_new          (GtkTextView     *view,
                                                 BylineDocument  *document);
void             byline_image_drop_insert_file  (BylineImageDrop *self,
                                                 GFile           *file);
void             byline_image_drop_insert_bytes (BylineImageDrop *self,
                                                 GBytes          *bytes,
                                                 const char      *extension);

const char       *byline_image_drop_get_extension     (GFile               *file);
void              byline_image_drop_place_file_async  (const char          *post_path,
                                                       GFile               *file,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
BylineImagePlace *byline_image_drop_place_file_finish (GAsyncResult        *result,
                                                       GError             **error);

G_END_DECLS
