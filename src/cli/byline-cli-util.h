/* byline-cli-util.h: file I/O the verbs share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "byline-frontmatter.h"

G_BEGIN_DECLS

#define BYLINE_CLI_ERROR (_byline_cli_error_quark ())

typedef enum
{
  BYLINE_CLI_ERROR_IO,          /* missing, unreadable, a directory, … */
  BYLINE_CLI_ERROR_BINARY,      /* NUL bytes: not a text file */
  BYLINE_CLI_ERROR_INVALID_UTF8,
} BylineCliError;

GQuark   _byline_cli_error_quark   (void);

char    *_byline_cli_read_post     (const char  *path,
                                    gsize       *len,
                                    GError     **error);
gboolean _byline_cli_write_atomic  (const char  *path,
                                    const char  *text,
                                    gsize        len,
                                    GError     **error);
gboolean _byline_cli_write_stdout  (const char  *text,
                                    gsize        len);
gboolean _byline_cli_parse_options (GOptionContext  *context,
                                    const char      *verb,
                                    int             *argc,
                                    char          ***argv);
int      _byline_cli_usage_error   (const char      *verb,
                                    const char      *message);
gboolean _byline_cli_report_parse_error (const char        *verb,
                                         const char        *file_name,
                                         BylineFrontmatter *frontmatter);

G_END_DECLS
