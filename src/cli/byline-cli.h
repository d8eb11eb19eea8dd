/* byline-cli.h: the `byline` verbs that need no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean byline_cli_handles (int    argc,
                             char **argv);
int      byline_cli_main    (int    argc,
                             char **argv);

G_END_DECLS
