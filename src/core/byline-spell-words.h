/* byline-spell-words.h: which words of a text a spell checker looks at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  byline_spell_next_word          (const char  *text,
                                           gsize        len,
                                           gsize       *pos,
                                           gsize       *start,
                                           gsize       *end);
char     *byline_spell_language_normalize (const char  *tag);

G_END_DECLS
