/* byline-cli-util.h: file I/O the verbs share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "byline-file-io.h"
#include "byline-frontmatter.h"
#include "byline-schema.h"

G_BEGIN_DECLS

char    *_byline_cli_read_post     (const char             *path,
                                    gsize                  *len,
                                    BylineFileStamp        *stamp,
                                    GError                **error);
gboolean _byline_cli_replace_post  (const char             *path,
                                    const char             *text,
                                    gsize                   len,
                                    const BylineFileStamp  *expected,
                                    GError                **error);
gboolean _byline_cli_write_stdout  (const char  *text,
                                    gsize        len);
gboolean _byline_cli_parse_options (GOptionContext  *context,
                                    const char      *verb,
                                    int             *argc,
                                    char          ***argv);
int      _byline_cli_usage_error   (const char      *verb,
                                    const char      *message);
BylineSchema *_byline_cli_load_schema (const char  *name,
                                       GError     **error);
gboolean _byline_cli_report_parse_error (const char        *verb,
                                         const char        *file_name,
                                         BylineFrontmatter *frontmatter);

G_END_DECLS
