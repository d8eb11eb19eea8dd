/* byline-cli-util.c: file I/O the verbs share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "byline-cli-util.h"

/* The core names a post by its base name, as the window does. On a command
 * line the user may have named it by a longer path (`check` walks folders):
 * then the path leads, as in "FILE: message", so each line says which file. */
static void
prefix_path (GError     **error,
             const char  *path)
{
  g_autofree char *base = g_path_get_basename (path);

  if (strcmp (base, path) != 0)
    g_prefix_error (error, "%s: ", path);
}

/**
 * _byline_cli_read_post:
 * @path: the file as the user named it
 * @len: (out): the length in bytes
 * @stamp: (out caller-allocates) (optional): the file as it was read
 * @error: a #GError
 *
 * Reads a whole post with byline_file_read(), so no verb ever parses or
 * rewrites a directory, a device or a binary file. No size limit: a verb
 * handles what it is given.
 *
 * Returns: (transfer full): the bytes, NUL-terminated, or %NULL
 */
char *
_byline_cli_read_post (const char       *path,
                       gsize            *len,
                       BylineFileStamp  *stamp,
                       GError          **error)
{
  char *text = byline_file_read (path, 0, len, stamp, error);

  if (text == NULL)
    prefix_path (error, path);
  return text;
}

/**
 * _byline_cli_replace_post:
 * @path: the file as the user named it
 * @text: its new contents
 * @len: length of @text
 * @expected: (optional): the file as it was read
 * @error: a #GError
 *
 * Replaces @path atomically with byline_file_replace(): old content or new,
 * never a mix; mode, owner and symbolic links kept; a read-only post refused
 * even for root; and, with @expected, a post changed by someone else since
 * it was read is left alone.
 *
 * Returns: %TRUE on success
 */
gboolean
_byline_cli_replace_post (const char             *path,
                          const char             *text,
                          gsize                   len,
                          const BylineFileStamp  *expected,
                          GError                **error)
{
  if (!byline_file_replace (path, text, len, expected, NULL, error))
    {
      prefix_path (error, path);
      return FALSE;
    }
  return TRUE;
}

/* stdout may be a pipe that closes early; report rather than lose output. */
gboolean
_byline_cli_write_stdout (const char *text,
                          gsize       len)
{
  if (len > 0 && fwrite (text, 1, len, stdout) != len)
    return FALSE;
  return fflush (stdout) == 0;
}

/**
 * _byline_cli_parse_options:
 * @context: the verb's option context
 * @verb: the verb, for messages
 * @argc: (inout): the verb's argc
 * @argv: (inout): the verb's argv
 *
 * Parses a verb's options; on a usage error prints one line and a hint.
 *
 * Returns: %TRUE when the verb should go on
 */
gboolean
_byline_cli_parse_options (GOptionContext  *context,
                           const char      *verb,
                           int             *argc,
                           char          ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      _byline_cli_usage_error (verb, error->message);
      return FALSE;
    }

  return TRUE;
}

/**
 * _byline_cli_usage_error:
 * @verb: the verb, for the message
 * @message: what was wrong with the command line
 *
 * Prints @message and where to find help.
 *
 * Returns: 2, the exit status of a usage error
 */
int
_byline_cli_usage_error (const char *verb,
                         const char *message)
{
  g_printerr ("byline %s: %s\n", verb, message);
  /* Translators: %s is a verb such as "get" */
  g_printerr (_("Try “byline %s --help” for more information."), verb);
  g_printerr ("\n");
  return 2;
}

/**
 * _byline_cli_report_parse_error:
 * @verb: the verb, for messages
 * @file_name: the file as the user named it
 * @frontmatter: a frontmatter that may have failed to parse
 *
 * Prints `FILE:LINE:COL: error: message` when @frontmatter's YAML or TOML
 * is broken.
 *
 * Returns: %TRUE when there was an error (and it was printed)
 */
gboolean
_byline_cli_report_parse_error (const char        *verb,
                                const char        *file_name,
                                BylineFrontmatter *frontmatter)
{
  const GError *error = byline_frontmatter_get_error (frontmatter);
  guint line = 0;
  guint column = 0;
  gsize offset = 0;

  if (error == NULL)
    return FALSE;

  if (byline_frontmatter_get_error_position (frontmatter, &line, &column, &offset))
    g_printerr ("%s:%u:%u: %s: %s\n", file_name, MAX (line, 1), MAX (column, 1),
                "error", error->message);
  else
    g_printerr ("%s: %s: %s\n", file_name, "error", error->message);

  return TRUE;
}

/**
 * _byline_cli_load_schema:
 * @name: `astropaper`, `hugo`, `jekyll`, or a JSON Schema file (`--schema`)
 * @error: a #GError
 *
 * Returns: (transfer full): the schema, or %NULL
 */
BylineSchema *
_byline_cli_load_schema (const char  *name,
                         GError     **error)
{
  if (strcmp (name, "astropaper") == 0)
    return byline_schema_new_astropaper ();
  if (strcmp (name, "hugo") == 0)
    return byline_schema_new_hugo ();
  if (strcmp (name, "jekyll") == 0)
    return byline_schema_new_jekyll ();

  if (!g_file_test (name, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--schema takes astropaper, hugo, jekyll or a JSON Schema file, not “%s”"),
                   name);
      return NULL;
    }

  /* A file of Astro's names its collection: blog.schema.json. */
  {
    g_autofree char *base = g_path_get_basename (name);
    g_autofree char *collection = NULL;

    if (g_str_has_suffix (base, ".schema.json"))
      collection = g_strndup (base, strlen (base) - strlen (".schema.json"));

    return byline_schema_new_from_json (name, collection, NULL, error);
  }
}
