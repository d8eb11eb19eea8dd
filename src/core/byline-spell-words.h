/* byline-spell-words.h: which words of a text a spell checker looks at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * BylineSpellFence:
 * @first_line: the line of the opening fence, from 0
 * @last_line: the line of the closing fence, or %G_MAXUINT when the block
 *   is not closed (it then runs to the end of the text)
 *
 * A fenced code block, fences included.
 */
typedef struct
{
  guint first_line;
  guint last_line;
} BylineSpellFence;

GArray   *byline_spell_find_fences        (const char  *text,
                                           gsize        len);
gboolean  byline_spell_next_word          (const char  *text,
                                           gsize        len,
                                           gsize       *pos,
                                           gsize       *start,
                                           gsize       *end);
char     *byline_spell_language_normalize (const char  *tag);

G_END_DECLS
