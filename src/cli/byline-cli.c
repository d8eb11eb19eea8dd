/* byline-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "byline-cli.h"

gboolean
byline_cli_handles (int    argc,
                    char **argv)
{
  return TRUE;
}

int
byline_cli_main (int    argc,
                 char **argv)
{
  g_printerr ("%s\n", _("byline: not built yet"));
  return 2;
}
