/* byline-lines.c: one notion of a line break
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "byline-lines.h"

/**
 * byline_next_line_break:
 * @text: the text
 * @len: its length in bytes
 * @pos: where to start looking
 * @break_len: (out) (optional): the break's length: 2 for "\r\n", 1 for
 *   "\n" or a lone "\r", 0 when there is none
 *
 * Finds the first line break at or after @pos. A "\r" at @len - 1 is a
 * lone "\r": @len ends the text.
 *
 * Returns: the break's offset, or @len when the line runs to the end
 */
gsize
byline_next_line_break (const char *text,
                        gsize       len,
                        gsize       pos,
                        gsize      *break_len)
{
  g_return_val_if_fail (text != NULL || len == 0, 0);

  for (gsize i = pos; i < len; i++)
    {
      if (text[i] == '\n' || text[i] == '\r')
        {
          if (break_len != NULL)
            *break_len = text[i] == '\r' && i + 1 < len && text[i + 1] == '\n' ? 2 : 1;
          return i;
        }
    }
  if (break_len != NULL)
    *break_len = 0;
  return len;
}

/**
 * byline_line_start:
 * @text: the text
 * @len: its length in bytes
 * @pos: an offset in @text, at most @len
 *
 * The start of the line holding @pos: just after the line break before
 * it, or 0. An offset between the "\r" and the "\n" of a "\r\n" belongs to
 * the line that break ends.
 *
 * Returns: the line's first byte
 */
gsize
byline_line_start (const char *text,
                   gsize       len,
                   gsize       pos)
{
  g_return_val_if_fail (text != NULL || len == 0, 0);

  pos = MIN (pos, len);
  while (pos > 0)
    {
      char c = text[pos - 1];

      if (c == '\n' || (c == '\r' && !(pos < len && text[pos] == '\n')))
        break;
      pos--;
    }
  return pos;
}

/**
 * byline_count_line_breaks:
 * @text: the text
 * @len: its length in bytes
 *
 * How many line breaks @text holds; the 1-based line number of the
 * offset @len is that plus one. A "\r" at the very end counts as a break.
 *
 * Returns: the number of line breaks
 */
guint
byline_count_line_breaks (const char *text,
                          gsize       len)
{
  guint n = 0;

  g_return_val_if_fail (text != NULL || len == 0, 0);

  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '\r')
        {
          n++;
          if (i + 1 < len && text[i + 1] == '\n')
            i++;
        }
      else if (text[i] == '\n')
        n++;
    }
  return n;
}
