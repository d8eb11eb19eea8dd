/* byline-cli-private.h: one function per verb, each in its own file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each takes the verb's own argv (argv[0] is the verb) and returns the exit
 * status: 0 success, 1 the verb's "no" (check found errors), 2 usage or I/O. */
int _byline_cli_get    (int    argc,
                        char **argv);
int _byline_cli_set    (int    argc,
                        char **argv);
int _byline_cli_check  (int    argc,
                        char **argv);
int _byline_cli_render (int    argc,
                        char **argv);
int _byline_cli_schema (int    argc,
                        char **argv);
int _byline_cli_list   (int    argc,
                        char **argv);
int _byline_cli_new    (int    argc,
                        char **argv);
int _byline_cli_publish (int    argc,
                         char **argv);
int _byline_cli_unpublish (int    argc,
                           char **argv);

G_END_DECLS
