/* byline-language.h: how the editor highlights a post
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtksourceview/gtksource.h>

#include "byline-frontmatter.h"

G_BEGIN_DECLS

GtkSourceLanguage *byline_language_for_block (BylineBlockKind    kind);
void               byline_language_follow    (GtkSourceBuffer   *buffer,
                                              const char        *text,
                                              gsize              len,
                                              const BylineSplit *split);

G_END_DECLS
