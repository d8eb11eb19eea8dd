/* bench-text.c: 50 MB of post through byline_text_decode/encode
 *
 * Moved from test-file-io, where it asserted wall-clock limits: what it
 * catches (a quadratic loop) shows here as a figure, and the test suite
 * asserts behaviour only. Each line prints the time of one path.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "byline-file-io.h"

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

int
main (int    argc,
      char **argv)
{
  const gsize size = 50 * 1024 * 1024;
  g_autoptr(GString) valid = g_string_sized_new (size + 64);
  g_autoptr(GString) latin1 = g_string_sized_new (size + 64);
  g_autofree char *text = NULL;
  g_autofree char *back = NULL;
  gsize text_len = 0;
  gsize back_len = 0;
  gsize n_invalid = 0;
  gint64 start;

  while (valid->len < size)
    g_string_append (valid, "A line of a post, with a caf\xc3\xa9 in it.\r\n");
  while (latin1->len < size)
    g_string_append (latin1, "A line of a post, with a caf\xe9 in it.\n");

  start = g_get_monotonic_time ();
  text = byline_text_decode (valid->str, valid->len, &text_len, &n_invalid, NULL);
  g_print ("decode 50 MB of UTF-8: %.3f s\n", seconds_since (start));
  g_assert_true (text_len == valid->len && memcmp (text, valid->str, text_len) == 0);

  start = g_get_monotonic_time ();
  g_assert_cmpint (byline_text_detect_newline (text, text_len), ==, BYLINE_NEWLINE_CRLF);
  back = byline_text_encode (text, text_len, BYLINE_NEWLINE_CRLF, FALSE, &back_len);
  g_print ("detect + encode 50 MB, CRLF kept: %.3f s\n", seconds_since (start));
  g_assert_true (back_len == valid->len && memcmp (back, valid->str, back_len) == 0);
  g_clear_pointer (&back, g_free);

  start = g_get_monotonic_time ();
  back = byline_text_encode (text, text_len, BYLINE_NEWLINE_LF, FALSE, &back_len);
  g_print ("encode 50 MB, CRLF to LF: %.3f s\n", seconds_since (start));
  g_assert_cmpuint (back_len, <, text_len);
  g_clear_pointer (&back, g_free);
  g_clear_pointer (&text, g_free);

  start = g_get_monotonic_time ();
  text = byline_text_decode (latin1->str, latin1->len, &text_len, &n_invalid, NULL);
  back = byline_text_encode (text, text_len, BYLINE_NEWLINE_CRLF, TRUE, &back_len);
  g_print ("decode + encode 50 MB of Latin-1 (%" G_GSIZE_FORMAT " bad bytes), LF to CRLF: %.3f s\n",
           n_invalid, seconds_since (start));
  g_assert_cmpuint (n_invalid, >, 1000000);
  g_assert_cmpuint (back_len, >, latin1->len);

  return 0;
}
