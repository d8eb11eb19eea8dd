/* test-lines.c: one notion of a line break
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "byline-lines.h"

static void
test_next_line_break (void)
{
  const char *text = "a\nb\r\nc\rd";
  gsize len = strlen (text);
  gsize break_len = 99;

  g_assert_cmpuint (byline_next_line_break (text, len, 0, &break_len), ==, 1);
  g_assert_cmpuint (break_len, ==, 1);
  g_assert_cmpuint (byline_next_line_break (text, len, 2, &break_len), ==, 3);
  g_assert_cmpuint (break_len, ==, 2);
  /* between the \r and the \n: the \n alone */
  g_assert_cmpuint (byline_next_line_break (text, len, 4, &break_len), ==, 4);
  g_assert_cmpuint (break_len, ==, 1);
  g_assert_cmpuint (byline_next_line_break (text, len, 5, &break_len), ==, 6);
  g_assert_cmpuint (break_len, ==, 1);
  g_assert_cmpuint (byline_next_line_break (text, len, 7, &break_len), ==, len);
  g_assert_cmpuint (break_len, ==, 0);
  g_assert_cmpuint (byline_next_line_break (text, len, len + 3, NULL), ==, len);
  /* a \r at the end of what is given is a lone \r */
  g_assert_cmpuint (byline_next_line_break (text, 4, 2, &break_len), ==, 3);
  g_assert_cmpuint (break_len, ==, 1);
}

static void
test_line_start (void)
{
  const char *text = "a\nb\r\nc\rd";
  gsize len = strlen (text);

  g_assert_cmpuint (byline_line_start (text, len, 0), ==, 0);
  g_assert_cmpuint (byline_line_start (text, len, 1), ==, 0);
  g_assert_cmpuint (byline_line_start (text, len, 2), ==, 2);
  g_assert_cmpuint (byline_line_start (text, len, 3), ==, 2);
  g_assert_cmpuint (byline_line_start (text, len, 4), ==, 2);   /* inside \r\n */
  g_assert_cmpuint (byline_line_start (text, len, 5), ==, 5);
  g_assert_cmpuint (byline_line_start (text, len, 7), ==, 7);
  g_assert_cmpuint (byline_line_start (text, len, len), ==, 7);
}

static void
test_count_line_breaks (void)
{
  g_assert_cmpuint (byline_count_line_breaks ("", 0), ==, 0);
  g_assert_cmpuint (byline_count_line_breaks ("a\nb\r\nc\rd", 8), ==, 3);
  g_assert_cmpuint (byline_count_line_breaks ("\r\r\n\n\r", 5), ==, 4);
  /* a \r\n cut after its \r: the \r counts */
  g_assert_cmpuint (byline_count_line_breaks ("a\r\n", 2), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lines/next-line-break", test_next_line_break);
  g_test_add_func ("/lines/line-start", test_line_start);
  g_test_add_func ("/lines/count-line-breaks", test_count_line_breaks);

  return g_test_run ();
}
