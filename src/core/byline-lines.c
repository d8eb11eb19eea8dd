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
  const char *nl;
  const char *cr;
  gsize end;

  g_return_val_if_fail (text != NULL || len == 0, 0);

  if (break_len != NULL)
    *break_len = 0;
  if (pos >= len)
    return len;

  /* memchr () is much faster than a loop over bytes on a long line */
  nl = memchr (text + pos, '\n', len - pos);
  end = nl != NULL ? (gsize) (nl - text) : len;
  cr = memchr (text + pos, '\r', end - pos);
  if (cr != NULL)
    {
      gsize at = cr - text;

      if (break_len != NULL)
        *break_len = at + 1 < len && text[at + 1] == '\n' ? 2 : 1;
      return at;
    }
  if (nl != NULL && break_len != NULL)
    *break_len = 1;
  return end;
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
  const char *end = text + len;
  guint n = 0;

  g_return_val_if_fail (text != NULL || len == 0, 0);

  /* every \n, then every \r that no \n follows: two memchr () passes */
  for (const char *p = text; p < end && (p = memchr (p, '\n', end - p)) != NULL; p++)
    n++;
  for (const char *p = text; p < end && (p = memchr (p, '\r', end - p)) != NULL; p++)
    if (p + 1 == end || p[1] != '\n')
      n++;
  return n;
}
