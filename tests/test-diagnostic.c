/* test-diagnostic.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "byline-diagnostic.h"

static void
test_format (void)
{
  g_autoptr(BylineDiagnostic) d = NULL;
  g_autofree char *line = NULL;

  d = byline_diagnostic_new (BYLINE_SEVERITY_ERROR, "title", "Required", 2, 1, 4, 0);
  line = byline_diagnostic_format (d, "post.md");
  g_assert_cmpstr (line, ==, "post.md:2:1: error: Required");
}

static void
test_format_unknown_position (void)
{
  g_autoptr(BylineDiagnostic) d = NULL;
  g_autofree char *line = NULL;

  /* Positions are 1-based for editors; an unknown place points at 1:1. */
  d = byline_diagnostic_new (BYLINE_SEVERITY_WARNING, NULL, "Draft", 0, 0, 0, 0);
  line = byline_diagnostic_format (d, NULL);
  g_assert_cmpstr (line, ==, "<stdin>:1:1: warning: Draft");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/diagnostic/format", test_format);
  g_test_add_func ("/diagnostic/format-unknown-position", test_format_unknown_position);

  return g_test_run ();
}
