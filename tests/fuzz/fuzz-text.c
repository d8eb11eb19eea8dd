/* fuzz-text.c: a post's bytes decoded to editor text and encoded back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Whatever a file holds (Latin-1, stray bytes, mixed line breaks), the
 * decoded text is valid UTF-8 and encoding it back gives the same bytes;
 * with the file's own line-break style the same bytes too.
 */

#include "config.h"

#include <string.h>

#include "byline-file-io.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *bytes = (const char *) data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize text_len = 0, n_invalid = 0;
  BylineNewline newline;

  fuzz_init ();

  text = byline_text_decode (bytes, size, &text_len, &n_invalid, &error);
  if (text == NULL)
    {
      FUZZ_CHECK (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA),
                  "decode failed without INVALID_DATA");
      return 0;
    }
  FUZZ_CHECK (g_utf8_validate (text, text_len, NULL), "decoded text is not UTF-8");
  FUZZ_CHECK (text[text_len] == '\0' && memchr (text, '\0', text_len) == NULL,
              "decoded text holds a NUL");
  FUZZ_CHECK ((n_invalid == 0) == (text_len == size && memcmp (text, bytes, size) == 0),
              "%zu invalid bytes, text %s the input", n_invalid,
              text_len == size ? "equal to" : "unlike");

  newline = byline_text_detect_newline (bytes, size);
  for (int style = BYLINE_NEWLINE_LF; style <= BYLINE_NEWLINE_MIXED; style++)
    {
      g_autofree char *out = NULL;
      gsize out_len = 0;

      if (style != BYLINE_NEWLINE_MIXED && style != (int) newline)
        {
          /* another style: the same text but for its line breaks */
          g_autofree char *back = NULL;
          gsize back_len = 0, back_invalid = 0;

          out = byline_text_encode (text, text_len, style, n_invalid > 0, &out_len);
          back = byline_text_decode (out, out_len, &back_len, &back_invalid, NULL);
          FUZZ_CHECK (back != NULL && back_invalid == n_invalid,
                      "re-encoded text decodes with %zu invalid bytes, not %zu", back_invalid,
                      n_invalid);
          FUZZ_CHECK (byline_text_detect_newline (out, out_len) == (BylineNewline) style ||
                      (memchr (out, '\n', out_len) == NULL && memchr (out, '\r', out_len) == NULL),
                      "encoded with style %d, detected %d", style,
                      byline_text_detect_newline (out, out_len));
          continue;
        }
      out = byline_text_encode (text, text_len, style, n_invalid > 0, &out_len);
      FUZZ_CHECK (out_len == size && memcmp (out, bytes, size) == 0,
                  "style %d: %zu bytes in, %zu bytes out, not the same", style, size, out_len);
    }
  return 0;
}
