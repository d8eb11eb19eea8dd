/* fuzz-replay.c: run a fuzz target on kept inputs, without libFuzzer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * fuzz-replay-TARGET DIR|FILE...: one TAP line per input file (sorted),
 * so the inputs a fuzzer once found stay fixed in every `meson test`.
 * A broken promise aborts the run (the target's FUZZ_CHECK), which fails
 * the test with the input's name as the last line printed.
 */

#include "config.h"

#include <string.h>

#include "fuzz-common.h"

static void
collect (const char *path,
         GPtrArray  *files)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return;   /* no input kept for this target yet */
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_ptr_array_add (files, g_strdup (path));
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = NULL;

      if (name[0] == '.' || g_str_equal (name, "README.md"))
        continue;
      child = g_build_filename (path, name, NULL);
      collect (child, files);   /* folders too: a corpus keeps a folder per site */
    }
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  for (int i = 1; i < argc; i++)
    collect (argv[i], files);
  g_ptr_array_sort (files, compare_paths);

  if (files->len == 0)
    {
      printf ("1..0 # SKIP no inputs kept\n");
      return 0;
    }
  printf ("1..%u\n", files->len);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autofree char *data = NULL;
      g_autofree char *base = g_path_get_basename (path);
      gsize len = 0;

      printf ("# %s\n", path);
      fflush (stdout);
      if (!g_file_get_contents (path, &data, &len, NULL))
        {
          printf ("not ok %u - %s (unreadable)\n", i + 1, base);
          continue;
        }
      LLVMFuzzerTestOneInput ((const uint8_t *) data, len);
      printf ("ok %u - %s\n", i + 1, base);
      fflush (stdout);
    }
  return 0;
}
