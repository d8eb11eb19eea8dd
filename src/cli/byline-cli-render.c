/* byline-cli-render.c: `byline render FILE`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "byline-cli-private.h"

/* Placeholder until the renderer lands (issue: preview); replaced wholesale. */
int
_byline_cli_render (int    argc,
                    char **argv)
{
  g_printerr ("%s\n", _("byline render: not available yet"));
  return 2;
}
