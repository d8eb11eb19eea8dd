/* byline-form.h: the frontmatter of a post as a form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "byline-document.h"
#include "byline-library.h"
#include "byline-site.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_FORM (byline_form_get_type ())

G_DECLARE_FINAL_TYPE (BylineForm, byline_form, BYLINE, FORM, GtkWidget)

GtkWidget     *byline_form_new              (void);
BylineDocument *byline_form_get_document    (BylineForm    *self);
void           byline_form_set_document     (BylineForm    *self,
                                             BylineDocument *document);
GFile         *byline_form_get_folder       (BylineForm    *self);
void           byline_form_set_folder       (BylineForm    *self,
                                             GFile         *folder);
void           byline_form_set_library      (BylineForm    *self,
                                             BylineLibraryIndex *library);
void           byline_form_set_site         (BylineForm    *self,
                                             BylineSite    *site);
GtkWidget     *byline_form_get_field_widget (BylineForm    *self,
                                             const char    *key);
const char    *byline_form_get_message      (BylineForm    *self);
gboolean       byline_form_get_error_position (BylineForm  *self,
                                             guint         *line,
                                             guint         *column);
void           byline_form_go_to_error      (BylineForm    *self);

G_END_DECLS
