/* test-cli.c: the `byline` verbs, run as a process the way users run them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

typedef struct
{
  int    status;
  char  *out;
  gsize  out_len;
  char  *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static char *tmp_dir;

/* Runs byline with the display variables removed: the verbs must not need
 * one. A crash (a signal) fails the test; the exit status is returned. */
static void
run_byline (Run        *run,
            const char *first_arg,
            ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  const char *exe = g_getenv ("BYLINE_EXE");
  const char *arg;
  va_list args;

  g_assert_nonnull (exe);
  g_ptr_array_add (argv, (char *) exe);
  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_set_cwd (launcher, tmp_dir);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  run->status = g_subprocess_get_exit_status (process);
  run->out = g_bytes_unref_to_data (g_steal_pointer (&out), &run->out_len);
  run->out = g_realloc (run->out, run->out_len + 1);
  run->out[run->out_len] = '\0';
  run->err = g_bytes_get_size (err) > 0
               ? g_strndup (g_bytes_get_data (err, NULL), g_bytes_get_size (err))
               : g_strdup ("");
}

static char *
write_post (const char *name,
            const char *text,
            gssize      len)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmp_dir, name, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_mkdir_with_parents (dir, 0755);
  g_file_set_contents (path, text, len, &error);
  g_assert_no_error (error);

  return path;
}

static char *
read_back (const char *path,
           gsize      *len)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, len, &error);
  g_assert_no_error (error);

  return text;
}

static void
assert_file_is (const char *path,
                const char *text,
                gsize       len)
{
  g_autofree char *now = NULL;
  gsize now_len = 0;

  now = read_back (path, &now_len);
  g_assert_cmpmem (now, now_len, text, len);
}

/* JSON without the blanks between tokens, so the engine may print it
 * compact or pretty. */
static char *
squeeze_json (const char *json)
{
  GString *out = g_string_new (NULL);
  gboolean in_string = FALSE;

  for (const char *p = json; *p != '\0'; p++)
    {
      if (in_string)
        {
          g_string_append_c (out, *p);
          if (*p == '\\' && p[1] != '\0')
            g_string_append_c (out, *++p);
          else if (*p == '"')
            in_string = FALSE;
        }
      else if (*p == '"')
        {
          in_string = TRUE;
          g_string_append_c (out, *p);
        }
      else if (!g_ascii_isspace (*p))
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';

  return n;
}

static const char post[] =
  "---\n"
  "title: Hello\n"
  "description: A post\n"
  "pubDatetime: 2024-01-02T03:04:05Z\n"
  "draft: false # flip later\n"
  "tags:\n"
  "  - a\n"
  "  - b\n"
  "---\n"
  "\n"
  "Body text with a --- and `title: not this`.\n";

/* ---------------------------------------------------------------------- */

static void
test_version (void)
{
  g_auto(Run) run = { 0 };

  run_byline (&run, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "byline " PACKAGE_VERSION "\n"));
}

/* Without a verb byline opens the window; with no display that is one
 * clear line and status 2, not GTK's "cannot open display". */
static void
test_no_display (void)
{
  g_auto(Run) run = { 0 };

  run_byline (&run, "post.md", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "no display"));
  g_assert_nonnull (strstr (run.err, "byline --help"));
}

static void
test_help (void)
{
  const char *verbs[] = { "get", "set", "check" };

  {
    g_auto(Run) run = { 0 };

    run_byline (&run, "--help", NULL);
    g_assert_cmpint (run.status, ==, 0);
    for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
      g_assert_nonnull (strstr (run.out, verbs[i]));
  }

  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    {
      g_auto(Run) run = { 0 };
      g_auto(Run) run2 = { 0 };

      run_byline (&run, verbs[i], "--help", NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, "Exit status"));

      run_byline (&run2, "help", verbs[i], NULL);
      g_assert_cmpint (run2.status, ==, 0);
      g_assert_cmpstr (run2.out, ==, run.out);
    }
}

static void
test_usage_errors (void)
{
  struct {
    const char *args[4];
  } cases[] = {
    { { "get", NULL } },
    { { "get", "a.md", "b", "c" } },
    { { "get", "--bogus", "a.md", NULL } },
    { { "set", "a.md", NULL } },
    { { "set", "a.md", "novalue", NULL } },
    { { "set", "a.md", "=value", NULL } },
    { { "set", "a.md", "draft=true", "--unset" } },
    { { "check", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      g_test_message ("byline %s %s", cases[i].args[0], cases[i].args[1]);
      run_byline (&run, cases[i].args[0], cases[i].args[1], cases[i].args[2],
                  cases[i].args[3], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_cmpstr (run.err, !=, "");
    }
}

static void
test_get (void)
{
  g_autofree char *path = write_post ("get.md", post, -1);
  g_autofree char *all = NULL;

  {
    g_auto(Run) run = { 0 };

    run_byline (&run, "get", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.err, ==, "");
    all = squeeze_json (run.out);
    g_assert_true (g_str_has_prefix (all, "{\"title\":\"Hello\",\"description\":\"A post\""));
    g_assert_nonnull (strstr (all, "\"draft\":false"));
    g_assert_nonnull (strstr (all, "\"tags\":[\"a\",\"b\"]"));
    g_assert_nonnull (strstr (all, "\"pubDatetime\":\"2024-01-02T03:04:05"));
    g_assert_true (g_str_has_suffix (run.out, "\n"));
  }

  {
    g_auto(Run) run = { 0 };
    g_autofree char *json = NULL;

    run_byline (&run, "get", path, "tags", NULL);
    g_assert_cmpint (run.status, ==, 0);
    json = squeeze_json (run.out);
    g_assert_cmpstr (json, ==, "[\"a\",\"b\"]");
  }

  {
    g_auto(Run) run = { 0 };

    run_byline (&run, "get", path, "title", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "\"Hello\"\n");
  }

  {
    g_auto(Run) run = { 0 };

    /* An absent key is the verb's "no": exit 1, nothing on stdout. */
    run_byline (&run, "get", path, "author", NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_cmpuint (count_lines (run.err), ==, 1);
  }
}

static void
test_get_no_frontmatter (void)
{
  g_autofree char *path = write_post ("plain.md", "# Just a heading\n\n---\n\ntext\n", -1);
  g_auto(Run) run = { 0 };
  g_autofree char *json = NULL;

  run_byline (&run, "get", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  json = squeeze_json (run.out);
  g_assert_cmpstr (json, ==, "{}");
}

static void
test_set_typed (void)
{
  g_autofree char *path = write_post ("set.md", post, -1);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  gsize len = 0;

  {
    g_auto(Run) run = { 0 };

    run_byline (&run, "set", path, "draft=true", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "");
  }

  /* One line changed, the comment kept. */
  text = read_back (path, &len);
  {
    g_autoptr(GString) expected = g_string_new (post);

    g_string_replace (expected, "draft: false # flip later", "draft: true # flip later", 1);
    g_assert_cmpstr (text, ==, expected->str);
  }
  g_clear_pointer (&text, g_free);

  {
    g_auto(Run) run = { 0 };
    g_auto(Run) get = { 0 };

    run_byline (&run, "set", path, "title=Colon: and #hash", NULL);
    g_assert_cmpint (run.status, ==, 0);
    run_byline (&get, "get", path, "title", NULL);
    g_assert_cmpstr (get.out, ==, "\"Colon: and #hash\"\n");
  }

  /* Only the title line differs. */
  text = read_back (path, &len);
  lines = g_strsplit (text, "\n", -1);
  g_clear_pointer (&text, g_free);
  {
    g_auto(GStrv) orig = g_strsplit (post, "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, g_strv_length (orig));
    for (guint i = 0; orig[i] != NULL; i++)
      {
        if (i == 1)
          g_assert_cmpstr (lines[i], !=, orig[i]);
        else if (i == 4)
          g_assert_cmpstr (lines[i], ==, "draft: true # flip later");
        else
          g_assert_cmpstr (lines[i], ==, orig[i]);
      }
  }

  {
    g_auto(Run) run = { 0 };
    g_auto(Run) get = { 0 };
    g_autofree char *json = NULL;

    run_byline (&run, "set", path, "tags=x, y z ,w", NULL);
    g_assert_cmpint (run.status, ==, 0);
    run_byline (&get, "get", path, "tags", NULL);
    json = squeeze_json (get.out);
    g_assert_cmpstr (json, ==, "[\"x\",\"y z\",\"w\"]");
  }

  {
    g_auto(Run) run = { 0 };
    g_auto(Run) get = { 0 };
    g_autofree char *json = NULL;

    run_byline (&run, "set", path, "tags=[a, \"b c\", 'd, e', \"42\"]", NULL);
    g_assert_cmpint (run.status, ==, 0);
    run_byline (&get, "get", path, "tags", NULL);
    json = squeeze_json (get.out);
    g_assert_cmpstr (json, ==, "[\"a\",\"b c\",\"d, e\",\"42\"]");
  }

  {
    g_auto(Run) run = { 0 };
    g_auto(Run) get = { 0 };

    /* A schema timestamp, written in the zone style the file uses (Z). */
    run_byline (&run, "set", path, "modDatetime=2025-06-01T14:34:56+02:00", NULL);
    g_assert_cmpint (run.status, ==, 0);
    run_byline (&get, "get", path, "modDatetime", NULL);
    g_assert_cmpint (get.status, ==, 0);
    g_assert_true (g_str_has_prefix (get.out, "\"2025-06-01T12:34:56"));

    text = read_back (path, &len);
    /* Placed after pubDatetime, as the schema orders them. */
    g_assert_nonnull (strstr (text, "pubDatetime: 2024-01-02T03:04:05Z\nmodDatetime: "));
    g_clear_pointer (&text, g_free);
  }

  {
    g_auto(Run) run = { 0 };
    g_auto(Run) get = { 0 };
    g_auto(Run) get2 = { 0 };
    g_auto(Run) get3 = { 0 };
    g_autofree char *json = NULL;

    /* Unknown keys are strings; := is raw YAML. */
    run_byline (&run, "set", path, "series=true", "weight:=3", "extra:=[1, 2]", NULL);
    g_assert_cmpint (run.status, ==, 0);
    run_byline (&get, "get", path, "series", NULL);
    g_assert_cmpstr (get.out, ==, "\"true\"\n");
    run_byline (&get2, "get", path, "weight", NULL);
    g_assert_cmpstr (get2.out, ==, "3\n");
    run_byline (&get3, "get", path, "extra", NULL);
    json = squeeze_json (get3.out);
    g_assert_cmpstr (json, ==, "[1,2]");
  }

  {
    g_auto(Run) run = { 0 };
    g_auto(Run) get = { 0 };

    run_byline (&run, "set", path, "--unset", "extra", "--unset", "weight", "--unset", "series", NULL);
    g_assert_cmpint (run.status, ==, 0);
    run_byline (&get, "get", path, "weight", NULL);
    g_assert_cmpint (get.status, ==, 1);
    text = read_back (path, &len);
    g_assert_null (strstr (text, "extra"));
    g_assert_null (strstr (text, "series"));
    g_assert_true (g_str_has_suffix (text, "---\n\nBody text with a --- and `title: not this`.\n"));
  }
}

static void
test_set_now (void)
{
  g_autofree char *path = write_post ("now.md", post, -1);
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) after = NULL;
  g_autoptr(GDateTime) got = NULL;
  g_autofree char *iso = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) get = { 0 };

  run_byline (&run, "set", path, "pubDatetime=now", NULL);
  g_assert_cmpint (run.status, ==, 0);
  after = g_date_time_new_now_utc ();
  run_byline (&get, "get", path, "pubDatetime", NULL);
  g_assert_cmpint (get.status, ==, 0);
  g_assert_true (get.out[0] == '"');
  iso = g_strndup (get.out + 1, strcspn (get.out + 1, "\""));
  got = g_date_time_new_from_iso8601 (iso, NULL);
  g_assert_nonnull (got);
  /* The file keeps whole seconds (its style), so allow the truncation. */
  g_assert_cmpint (g_date_time_to_unix (got), >=, g_date_time_to_unix (before) - 1);
  g_assert_cmpint (g_date_time_to_unix (got), <=, g_date_time_to_unix (after));
}

/* A post whose dates are date-only still takes a time the user gives: the
 * time is written, not dropped. A date stays a date. */
static void
test_set_time_on_dates (void)
{
  static const char dated[] =
    "---\ntitle: Dated\npubDatetime: 2024-01-02\n---\nBody\n";
  g_autofree char *path = write_post ("dated.md", dated, -1);
  const char *expected;

  {
    g_auto(Run) run = { 0 };
    g_auto(Run) get = { 0 };

    run_byline (&run, "set", path, "pubDatetime=2024-02-03T04:05:06Z", NULL);
    g_assert_cmpint (run.status, ==, 0);
    expected = "---\ntitle: Dated\npubDatetime: 2024-02-03T04:05:06Z\n---\nBody\n";
    assert_file_is (path, expected, strlen (expected));
    run_byline (&get, "get", path, "pubDatetime", NULL);
    g_assert_cmpint (get.status, ==, 0);
    g_assert_true (g_str_has_prefix (get.out, "\"2024-02-03T04:05:06.000Z\""));
  }
  {
    g_auto(Run) run = { 0 };

    g_assert_true (g_file_set_contents (path, dated, -1, NULL));
    run_byline (&run, "set", path, "pubDatetime=2024-02-03", NULL);
    g_assert_cmpint (run.status, ==, 0);
    expected = "---\ntitle: Dated\npubDatetime: 2024-02-03\n---\nBody\n";
    assert_file_is (path, expected, strlen (expected));
  }
}

/* A lone \r ends a line for YAML: the entry before it is one line, so
 * unsetting it leaves the next entry alone. */
static void
test_set_lone_cr (void)
{
  static const char text[] = "---\na: 1\rc: 3\nb: 2\n---\nbody\n";
  static const char expected[] = "---\nc: 3\nb: 2\n---\nbody\n";
  g_autofree char *path = write_post ("lone-cr.md", text, -1);
  g_auto(Run) run = { 0 };

  run_byline (&run, "set", path, "--unset", "a", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  assert_file_is (path, expected, strlen (expected));
}

static void
test_set_bad_values (void)
{
  const char *bad[] = {
    "draft=yes",
    "featured=1",
    "pubDatetime=last tuesday",
    "tags=[unclosed",
    "tags=[[nested]]",
    "title:=[unclosed",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *path = write_post ("bad-value.md", post, -1);
      g_auto(Run) run = { 0 };

      run_byline (&run, "set", path, "featured=true", bad[i], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpuint (count_lines (run.err), ==, 1);
      /* The good edit before it is not written either: all or nothing. */
      assert_file_is (path, post, strlen (post));
    }
}

static void
test_set_dry_run (void)
{
  g_autofree char *path = write_post ("dry.md", post, -1);
  g_auto(Run) run = { 0 };
  g_autoptr(GString) expected = g_string_new (post);
  struct stat before, after;

  g_assert_cmpint (g_stat (path, &before), ==, 0);
  run_byline (&run, "set", path, "--dry-run", "draft=true", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_string_replace (expected, "draft: false", "draft: true", 1);
  g_assert_cmpstr (run.out, ==, expected->str);
  assert_file_is (path, post, strlen (post));
  g_assert_cmpint (g_stat (path, &after), ==, 0);
  g_assert_cmpint (before.st_ino, ==, after.st_ino);
  g_assert_cmpint (before.st_mtime, ==, after.st_mtime);
}

static void
test_set_atomic_mode (void)
{
  g_autofree char *path = write_post ("mode/post.md", post, -1);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GDir) listing = NULL;
  g_auto(Run) run = { 0 };
  struct stat before, after;
  guint n_files = 0;

  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  g_assert_cmpint (g_stat (path, &before), ==, 0);
  run_byline (&run, "set", path, "draft=true", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (g_stat (path, &after), ==, 0);

  g_assert_cmpint (after.st_mode & 07777, ==, 0640);
  /* Replaced by rename, not rewritten in place. */
  g_assert_cmpint (before.st_ino, !=, after.st_ino);

  /* No temporary file left behind. */
  listing = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (listing) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 1);
}

static void
test_set_read_only (void)
{
  g_autofree char *path = write_post ("read-only.md", post, -1);
  g_auto(Run) run = { 0 };

  /* Refused for root too: root may write anything, but a post with no
   * write bit is one its owner chose not to have changed. */
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  run_byline (&run, "set", path, "draft=true", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpuint (count_lines (run.err), ==, 1);
  g_assert_nonnull (strstr (run.err, "read-only"));
  assert_file_is (path, post, strlen (post));
}

static void
test_set_symlink (void)
{
  g_autofree char *target = write_post ("link/real.md", post, -1);
  g_autofree char *link = g_build_filename (tmp_dir, "link", "alias.md", NULL);
  g_autofree char *text = NULL;
  g_auto(Run) run = { 0 };
  gsize len = 0;

  g_assert_cmpint (symlink ("real.md", link), ==, 0);
  run_byline (&run, "set", link, "draft=true", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  text = read_back (target, &len);
  g_assert_nonnull (strstr (text, "draft: true # flip later"));
}

/* Every verb on input it must refuse: one line on stderr, the file as it was. */
static void
check_bad_input (const char *name,
                 const char *text,
                 gsize       len,
                 int         get_status,
                 int         set_status,
                 int         check_status)
{
  g_autofree char *path = write_post (name, text, len);
  g_auto(Run) get = { 0 };
  g_auto(Run) set = { 0 };
  g_auto(Run) check = { 0 };

  g_test_message ("%s", name);

  run_byline (&get, "get", path, NULL);
  g_assert_cmpint (get.status, ==, get_status);
  if (get_status != 0)
    {
      g_assert_cmpuint (count_lines (get.err), ==, 1);
      g_assert_cmpstr (get.out, ==, "");
    }

  run_byline (&set, "set", path, "draft=true", NULL);
  g_assert_cmpint (set.status, ==, set_status);
  if (set_status != 0)
    g_assert_cmpuint (count_lines (set.err), ==, 1);
  assert_file_is (path, text, len);

  run_byline (&check, "check", path, NULL);
  g_assert_cmpint (check.status, ==, check_status);
  assert_file_is (path, text, len);
}

static void
test_bad_malformed (void)
{
  const char text[] = "---\ntitle: Hello\ntags: [a, b\ndraft: false\n---\nbody\n";
  g_autofree char *path = write_post ("malformed.md", text, -1);
  g_auto(Run) get = { 0 };
  g_auto(Run) check = { 0 };
  g_autofree char *prefix = g_strdup_printf ("%s:", path);

  check_bad_input ("malformed.md", text, strlen (text), 2, 2, 1);

  /* FILE:LINE:COL: in file coordinates (the fence is line 1). */
  run_byline (&get, "get", path, NULL);
  g_assert_true (g_str_has_prefix (get.err, prefix));
  g_assert_true (g_regex_match_simple ("^[^:]+:[3-5]:[0-9]+: error: ", get.err, 0, 0));

  run_byline (&check, "check", path, NULL);
  g_assert_true (g_regex_match_simple ("^[^:]+:[3-5]:[0-9]+: error: ", check.out, 0, 0));
}

static void
test_bad_duplicate_key (void)
{
  const char text[] = "---\ntitle: One\ntitle: Two\n---\nbody\n";

  check_bad_input ("duplicate.md", text, strlen (text), 2, 2, 1);
}

static void
test_bad_missing (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "no-such-post.md", NULL);
  const char *verbs[][3] = {
    { "get", path, NULL },
    { "set", path, "draft=true" },
    { "check", path, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    {
      g_auto(Run) run = { 0 };

      run_byline (&run, verbs[i][0], verbs[i][1], verbs[i][2], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpuint (count_lines (run.err), ==, 1);
      g_assert_nonnull (strstr (run.err, "no-such-post.md"));
    }
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_bad_directory (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "a-folder.md", NULL);
  g_auto(Run) get = { 0 };
  g_auto(Run) set = { 0 };

  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
  run_byline (&get, "get", path, NULL);
  g_assert_cmpint (get.status, ==, 2);
  g_assert_cmpuint (count_lines (get.err), ==, 1);
  run_byline (&set, "set", path, "draft=true", NULL);
  g_assert_cmpint (set.status, ==, 2);
  g_assert_cmpuint (count_lines (set.err), ==, 1);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
}

/* Hugo's TOML front matter: get prints it as JSON, set changes one line. */
static void
test_toml (void)
{
  static const char text[] = "+++\ntitle = 'T' # t\ndraft = true\n\n[params]\nx = 1\n+++\nbody\n";
  g_autofree char *path = write_post ("toml-ok.md", text, -1);
  g_autofree char *after = NULL;
  g_auto(Run) get = { 0 };
  g_auto(Run) set = { 0 };
  gsize len = 0;

  run_byline (&get, "get", path, NULL);
  g_assert_cmpint (get.status, ==, 0);
  g_assert_cmpstr (get.out, ==,
                   "{\n  \"title\": \"T\",\n  \"draft\": true,\n  \"params\": {\n    \"x\": 1\n  }\n}\n");

  run_byline (&set, "set", path, "draft=false", "description=D", NULL);
  g_assert_cmpint (set.status, ==, 0);
  after = read_back (path, &len);
  g_assert_cmpstr (after, ==,
                   "+++\ntitle = 'T' # t\ndraft = false\ndescription = \"D\"\n\n[params]\nx = 1\n+++\nbody\n");
}

static void
test_bad_toml (void)
{
  static const char text[] = "+++\ntitle = \"x\"\ndraft = maybe\n+++\nbody\n";

  /* Broken TOML is refused like broken YAML: get and set fail, check errs. */
  check_bad_input ("toml.md", text, strlen (text), 2, 2, 1);
}

static void
test_bad_fifo (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "fifo.md", NULL);
  g_auto(Run) get = { 0 };
  g_auto(Run) set = { 0 };
  g_auto(Run) render = { 0 };

  /* Opening a FIFO for reading would wait for a writer forever. */
  g_assert_cmpint (mkfifo (path, 0644), ==, 0);
  run_byline (&get, "get", path, NULL);
  g_assert_cmpint (get.status, ==, 2);
  g_assert_cmpuint (count_lines (get.err), ==, 1);
  run_byline (&set, "set", path, "draft=true", NULL);
  g_assert_cmpint (set.status, ==, 2);
  run_byline (&render, "render", path, NULL);
  g_assert_cmpint (render.status, ==, 2);
  g_assert_cmpuint (count_lines (render.err), ==, 1);
  g_unlink (path);
}

static void
test_set_no_frontmatter_crlf (void)
{
  static const char crlf[] =
    "\xef\xbb\xbf---\r\ntitle: x\r\ntags: [a, b]\r\n---\r\nbody\r\n";
  static const char expected_crlf[] =
    "\xef\xbb\xbf---\r\ntitle: x\r\ndraft: true\r\ntags: [a, b, c]\r\n---\r\nbody\r\n";
  g_autofree char *plain = write_post ("plain-set.md", "just a body\n", -1);
  g_autofree char *path = write_post ("crlf.md", crlf, -1);
  g_autofree char *text = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) run2 = { 0 };
  gsize len = 0;

  /* The first set on a post without frontmatter gives it a block. */
  run_byline (&run, "set", plain, "title=Hello", NULL);
  g_assert_cmpint (run.status, ==, 0);
  text = read_back (plain, &len);
  g_assert_true (g_str_has_prefix (text, "---\ntitle: Hello\n---\n"));
  g_assert_true (g_str_has_suffix (text, "just a body\n"));

  /* BOM and CRLF stay; a flow list stays a flow list. */
  run_byline (&run2, "set", path, "draft=true", "tags=a,b,c", NULL);
  g_assert_cmpint (run2.status, ==, 0);
  assert_file_is (path, expected_crlf, strlen (expected_crlf));
}

static void
test_bad_binary (void)
{
  static const char text[] = "---\ntitle: x\n---\n\x89PNG\0\0\0\rIHDR";

  check_bad_input ("binary.md", text, sizeof text - 1, 2, 2, 2);
}

static void
test_bad_utf8 (void)
{
  /* Latin-1 in the body: readable, but `set` refuses to edit it. */
  static const char body_text[] =
    "---\ntitle: Hello\ndescription: d\npubDatetime: 2024-01-02T03:04:05Z\n---\ncaf\xe9\n";
  static const char fm_text[] =
    "---\ntitle: caf\xe9\ndescription: d\npubDatetime: 2024-01-02T03:04:05Z\n---\nbody\n";
  g_autofree char *path = write_post ("latin1.md", body_text, -1);
  g_auto(Run) check = { 0 };
  g_auto(Run) set = { 0 };
  g_auto(Run) get = { 0 };

  /* get still answers, with a warning. */
  run_byline (&get, "get", path, "title", NULL);
  g_assert_cmpint (get.status, ==, 0);
  g_assert_cmpstr (get.out, ==, "\"Hello\"\n");
  g_assert_cmpuint (count_lines (get.err), ==, 1);
  g_assert_nonnull (strstr (get.err, "UTF-8"));

  run_byline (&set, "set", path, "draft=true", NULL);
  g_assert_cmpint (set.status, ==, 2);
  g_assert_cmpuint (count_lines (set.err), ==, 1);
  assert_file_is (path, body_text, strlen (body_text));

  /* check says so (a warning, or an error where the YAML itself breaks). */
  run_byline (&check, "check", path, NULL);
  g_assert_cmpint (check.status, !=, 2);
  g_assert_nonnull (strstr (check.out, "UTF-8"));

  {
    g_autofree char *path2 = write_post ("latin1-fm.md", fm_text, -1);
    g_auto(Run) set2 = { 0 };
    g_auto(Run) check2 = { 0 };
    g_auto(Run) get2 = { 0 };

    /* As the site reads it: the bad byte becomes U+FFFD. */
    run_byline (&get2, "get", path2, "title", NULL);
    g_assert_cmpint (get2.status, ==, 0);
    g_assert_cmpstr (get2.out, ==, "\"caf\xef\xbf\xbd\"\n");
    g_assert_true (g_str_has_prefix (get2.err, path2));
    g_assert_nonnull (strstr (get2.err, ":2:11: warning: "));

    run_byline (&set2, "set", path2, "draft=true", NULL);
    g_assert_cmpint (set2.status, ==, 2);
    g_assert_cmpuint (count_lines (set2.err), ==, 1);
    assert_file_is (path2, fm_text, strlen (fm_text));
    run_byline (&check2, "check", path2, NULL);
    g_assert_cmpint (check2.status, !=, 2);
    g_assert_cmpstr (check2.out, !=, "");
  }
}

static void
test_big_file (void)
{
  const gsize body_size = 50 * 1024 * 1024;
  g_autoptr(GString) text = g_string_sized_new (body_size + 256);
  g_autofree char *path = NULL;
  g_autofree char *back = NULL;
  gsize len = 0;
  gint64 start;

  g_string_append (text, post);
  while (text->len < body_size)
    g_string_append (text, "A line of a very long post, over and over again.\n");
  path = write_post ("big.md", text->str, text->len);

  start = g_get_monotonic_time ();
  {
    g_auto(Run) get = { 0 };
    g_auto(Run) set = { 0 };
    g_auto(Run) check = { 0 };

    run_byline (&get, "get", path, "title", NULL);
    g_assert_cmpint (get.status, ==, 0);
    g_assert_cmpstr (get.out, ==, "\"Hello\"\n");

    run_byline (&set, "set", path, "draft=true", NULL);
    g_assert_cmpint (set.status, ==, 0);

    run_byline (&check, "check", path, NULL);
    g_assert_cmpint (check.status, ==, 0);
  }
  g_test_message ("get + set + check of a 50 MB post: %.2f s",
                  (g_get_monotonic_time () - start) / 1e6);

  back = read_back (path, &len);
  g_string_replace (text, "draft: false", "draft: true", 1);
  g_assert_cmpmem (back, len, text->str, text->len);
  g_unlink (path);
}

static void
test_check (void)
{
  static const char good[] =
    "---\ntitle: Good\ndescription: Fine\npubDatetime: 2024-01-02T03:04:05Z\n"
    "tags:\n  - a\n---\nBody\n";
  static const char bad[] =
    "---\ntitle: Bad\ndescription: Wrong draft\npubDatetime: 2024-01-02T03:04:05Z\n"
    "draft: no\n---\nBody\n";
  g_autofree char *site = g_build_filename (tmp_dir, "site", NULL);
  g_autofree char *good_path = write_post ("site/blog/good.md", good, -1);
  g_autofree char *bad_path = write_post ("site/blog/_releases/bad.mdx", bad, -1);
  g_autofree char *skipped = write_post ("site/blog/_skipped.md", bad, -1);
  g_autofree char *txt = write_post ("site/blog/notes.txt", bad, -1);
  g_autofree char *hidden = write_post ("site/blog/.hidden.md", bad, -1);
  g_auto(Run) run = { 0 };
  g_auto(Run) one = { 0 };
  g_auto(Run) explicit_skipped = { 0 };
  g_auto(GStrv) lines = NULL;
  g_autofree char *bad_prefix = g_strdup_printf ("%s:5:", bad_path);

  run_byline (&run, "check", site, NULL);
  g_assert_cmpint (run.status, ==, 1);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, 2);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_assert_true (g_regex_match_simple ("^[^:]+:[0-9]+:[0-9]+: (error|warning): .+$",
                                           lines[i], 0, 0));
      g_assert_null (strstr (lines[i], "_skipped"));
      g_assert_null (strstr (lines[i], "notes.txt"));
      g_assert_null (strstr (lines[i], ".hidden"));
    }
  /* `draft: no` is a string: the site's build fails on line 5. */
  g_assert_nonnull (strstr (run.out, bad_prefix));

  run_byline (&one, "check", good_path, NULL);
  g_assert_cmpint (one.status, ==, 0);
  g_assert_null (strstr (one.out, "error"));

  /* A file named on the command line is checked whatever its name. */
  run_byline (&explicit_skipped, "check", good_path, skipped, NULL);
  g_assert_cmpint (explicit_skipped.status, ==, 1);
  g_assert_nonnull (strstr (explicit_skipped.out, "_skipped.md:5:"));

  {
    g_auto(Run) mixed = { 0 };
    g_autofree char *missing = g_build_filename (tmp_dir, "site", "gone.md", NULL);

    /* I/O trouble wins over content errors: exit 2, the rest still checked. */
    run_byline (&mixed, "check", missing, bad_path, NULL);
    g_assert_cmpint (mixed.status, ==, 2);
    g_assert_nonnull (strstr (mixed.out, bad_path));
    g_assert_cmpuint (count_lines (mixed.err), ==, 1);
  }

  (void) txt;
  (void) hidden;
}

static void
test_check_links (void)
{
  static const char bad[] =
    "---\ntitle: Bad\ndescription: d\npubDatetime: 2024-01-02T03:04:05Z\ndraft: no\n---\n";
  g_autofree char *post_path = write_post ("links/blog/real/post.md", bad, -1);
  g_autofree char *blog = g_build_filename (tmp_dir, "links", "blog", NULL);
  g_autofree char *loop = g_build_filename (blog, "real", "loop", NULL);
  g_autofree char *alias = g_build_filename (blog, "alias", NULL);
  g_autofree char *dangling = g_build_filename (blog, "dangling.md", NULL);
  g_autofree char *outside = write_post ("links/elsewhere/far.md", bad, -1);
  g_autofree char *far_link = g_build_filename (blog, "far", NULL);
  g_autofree char *outside_dir = g_path_get_dirname (outside);
  g_auto(Run) run = { 0 };
  g_autofree char *expected = NULL;

  /* Links are followed as the site's glob follows them; a loop ends, a
   * folder reached twice is walked once under its real name, a dangling
   * link is no post. */
  g_assert_cmpint (symlink ("..", loop), ==, 0);
  g_assert_cmpint (symlink ("real", alias), ==, 0);
  g_assert_cmpint (symlink ("nowhere", dangling), ==, 0);
  g_assert_cmpint (symlink (outside_dir, far_link), ==, 0);

  run_byline (&run, "check", blog, NULL);
  g_assert_cmpint (run.status, ==, 1);
  expected = g_strdup_printf ("%s/real/post.md:5:8: error: ", blog);
  g_assert_true (g_str_has_prefix (run.out, expected));
  g_assert_nonnull (strstr (run.out, "/far/far.md:5:8: error: "));
  g_assert_cmpuint (count_lines (run.out), ==, 2);
  g_assert_cmpstr (run.err, ==, "");
}

static void
test_check_many (void)
{
  /* Enough posts to use worker threads: output must stay in name order. */
  g_autofree char *dir = g_build_filename (tmp_dir, "many", NULL);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_auto(Run) run = { 0 };

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *name = g_strdup_printf ("many/post-%03u.md", i);
      g_autofree char *text = g_strdup_printf ("---\ntitle: Post %u\ndescription: d\n"
                                               "pubDatetime: 2024-01-02T03:04:05Z\n"
                                               "%s---\nBody\n", i,
                                               i % 7 == 0 ? "featured: nope\n" : "");
      g_autofree char *path = write_post (name, text, -1);

      if (i % 7 == 0)
        g_string_append_printf (expected, "%s:5:", path);
    }

  run_byline (&run, "check", dir, NULL);
  g_assert_cmpint (run.status, ==, 1);
  {
    g_auto(GStrv) lines = g_strsplit (run.out, "\n", -1);
    g_autoptr(GString) got = g_string_new (NULL);

    for (guint i = 0; lines[i] != NULL; i++)
      {
        if (strstr (lines[i], ": error: ") != NULL)
          g_string_append_len (got, lines[i], strstr (lines[i], ":5:") + 3 - lines[i]);
      }
    g_assert_cmpstr (got->str, ==, expected->str);
  }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("byline-test-cli-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/no-display", test_no_display);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/get", test_get);
  g_test_add_func ("/cli/get/no-frontmatter", test_get_no_frontmatter);
  g_test_add_func ("/cli/set/typed", test_set_typed);
  g_test_add_func ("/cli/set/now", test_set_now);
  g_test_add_func ("/cli/set/time-on-dates", test_set_time_on_dates);
  g_test_add_func ("/cli/set/lone-cr", test_set_lone_cr);
  g_test_add_func ("/cli/set/bad-values", test_set_bad_values);
  g_test_add_func ("/cli/set/dry-run", test_set_dry_run);
  g_test_add_func ("/cli/set/atomic-mode", test_set_atomic_mode);
  g_test_add_func ("/cli/set/symlink", test_set_symlink);
  g_test_add_func ("/cli/set/read-only", test_set_read_only);
  g_test_add_func ("/cli/set/no-frontmatter-crlf", test_set_no_frontmatter_crlf);
  g_test_add_func ("/cli/bad/malformed", test_bad_malformed);
  g_test_add_func ("/cli/bad/duplicate-key", test_bad_duplicate_key);
  g_test_add_func ("/cli/bad/missing", test_bad_missing);
  g_test_add_func ("/cli/bad/directory", test_bad_directory);
  g_test_add_func ("/cli/bad/binary", test_bad_binary);
  g_test_add_func ("/cli/bad/toml", test_bad_toml);
  g_test_add_func ("/cli/toml", test_toml);
  g_test_add_func ("/cli/bad/fifo", test_bad_fifo);
  g_test_add_func ("/cli/bad/utf8", test_bad_utf8);
  g_test_add_func ("/cli/bad/big-file", test_big_file);
  g_test_add_func ("/cli/check", test_check);
  g_test_add_func ("/cli/check/many", test_check_many);
  g_test_add_func ("/cli/check/links", test_check_links);

  status = g_test_run ();

  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp_dir);

    /* The temporary tree only holds what the tests wrote. */
    if (system (cmd) != 0)
      g_printerr ("could not remove %s\n", tmp_dir);
  }
  g_free (tmp_dir);

  return status;
}
