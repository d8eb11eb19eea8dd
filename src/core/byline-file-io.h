/* byline-file-io.h: reading posts and replacing them on disk, safely
 *
 * The one place that touches post files. Reading refuses what is not a
 * text file; writing replaces a file so that, whatever fails (a full disk,
 * a read-only file, a folder that went away, a crash), the file on disk is
 * either its old content or its new content, never a mix or empty.
 *
 * Errors are in the G_IO_ERROR domain with messages meant for the user.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What a file looked like on disk at one moment: enough to tell that it
 * changed (a new inode after an atomic replace, a new mtime or size after
 * an in-place write). */
typedef struct
{
  guint64  dev;
  guint64  ino;
  guint64  size;
  gint64   mtime_ns;
  gboolean exists;
} BylineFileStamp;

typedef enum
{
  BYLINE_NEWLINE_LF,
  BYLINE_NEWLINE_CRLF,
  BYLINE_NEWLINE_CR,
  BYLINE_NEWLINE_MIXED,
} BylineNewline;

/* Characters that stand for bytes that were not UTF-8: byte 0xNN (0x80 ≤ NN
 * ≤ 0xFF) is U+10FF00 + NN, a private-use code point, so the text stays valid
 * UTF-8 and the bytes go back to disk unchanged. */
#define BYLINE_RAW_BYTE_FIRST 0x10FF80
#define BYLINE_RAW_BYTE_LAST  0x10FFFF

gboolean       byline_file_stamp_query        (const char             *path,
                                               BylineFileStamp        *stamp,
                                               GError                **error);
gboolean       byline_file_stamp_equal        (const BylineFileStamp  *a,
                                               const BylineFileStamp  *b);

char          *byline_file_read               (const char             *path,
                                               gsize                   max_size,
                                               gsize                  *len,
                                               BylineFileStamp        *stamp,
                                               GError                **error);
gboolean       byline_file_replace            (const char             *path,
                                               const char             *data,
                                               gsize                   len,
                                               const BylineFileStamp  *expected,
                                               BylineFileStamp        *written,
                                               GError                **error);

BylineNewline  byline_text_detect_newline     (const char             *text,
                                               gsize                   len);
char          *byline_text_decode             (const char             *data,
                                               gsize                   len,
                                               gsize                  *out_len,
                                               gsize                  *n_invalid,
                                               GError                **error);
char          *byline_text_encode             (const char             *text,
                                               gsize                   len,
                                               BylineNewline           newline,
                                               gboolean                raw_bytes,
                                               gsize                  *out_len);

G_END_DECLS
