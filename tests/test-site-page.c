/* test-site-page.c: a page of an Astro site, driven headless
 *
 * A small Astro site in a temporary folder, opened in a real window: the
 * banner when its schemas are not written, `astro sync` run from it (a fake
 * `node_modules/.bin/astro` that writes the schema or fails, and the real
 * Astro 5 the site oracle installed, when it is there), and the form
 * following the schema files as they change. Run it under
 * build-aux/headless-run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <adwaita.h>

#include "byline-document.h"
#include "byline-form.h"
#include "byline-image-picker.h"
#include "byline-page.h"
#include "byline-reference-completion.h"
#include "byline-site-banner.h"
#include "byline-tag-entry.h"
#include "byline-window.h"

#include "byline-test-loop.h"
#include "byline-test-window.h"

static const char content_config[] =
  "import { defineCollection, z } from 'astro:content';\n"
  "import { glob } from 'astro/loaders';\n"
  "const notes = defineCollection({\n"
  "  loader: glob({ pattern: '**/*.md', base: './src/data/notes' }),\n"
  "  schema: z.object({\n"
  "    headline: z.string().max(80),\n"
  "    mood: z.enum(['calm', 'busy']).default('calm'),\n"
  "  }),\n"
  "});\n"
  "export const collections = { notes };\n";

/* What `astro sync` writes for content_config (Astro 5.x). */
#define NOTES_JSON(moods)                                                              \
  "{\"$ref\":\"#/definitions/notes\",\"definitions\":{\"notes\":{\"type\":\"object\","  \
  "\"properties\":{\"headline\":{\"type\":\"string\",\"maxLength\":80},"               \
  "\"mood\":{\"type\":\"string\",\"enum\":[" moods "],\"default\":\"calm\"},"          \
  "\"$schema\":{\"type\":\"string\"}},\"required\":[\"headline\"],"                    \
  "\"additionalProperties\":false}},"                                                  \
  "\"$schema\":\"http://json-schema.org/draft-07/schema#\"}"

typedef struct
{
  char         *root;
  char         *post;
  BylineWindow *window;
} Fixture;

static char *
write_file (const char *root,
            const char *relative,
            const char *contents)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  byline_test_write_file (path, contents, -1);

  return g_steal_pointer (&path);
}

/* A fake Astro: `sync` runs @script (a shell snippet) in the site's root. */
static void
write_fake_astro (const char *root,
                  const char *script)
{
  g_autofree char *text = g_strdup_printf ("#!/bin/sh\n"
                                           "[ \"$1\" = sync ] || exit 64\n"
                                           "%s\n", script);
  g_autofree char *path = write_file (root, "node_modules/.bin/astro", text);

  g_assert_cmpint (g_chmod (path, 0755), ==, 0);
}

static void
fixture_setup (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *config = NULL;
  g_autofree char *content = NULL;

  fixture->root = g_dir_make_tmp ("byline-site-page-XXXXXX", &error);
  g_assert_no_error (error);
  config = write_file (fixture->root, "astro.config.mjs", "export default {};\n");
  content = write_file (fixture->root, "src/content.config.ts", content_config);
  fixture->post = write_file (fixture->root, "src/data/notes/first.md",
                              "---\nheadline: Hello\nmood: calm\n---\n\nBody.\n");
}

static void
fixture_open (Fixture *fixture)
{
  byline_test_open_window (fixture->post, &fixture->window);
}

static void
fixture_teardown (Fixture *fixture)
{
  g_autofree char *argv0 = NULL;

  if (fixture->window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      WAIT_UNTIL (fixture->window == NULL);
    }

  {
    const char *argv[] = { "rm", "-rf", fixture->root, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH,
                                 NULL, NULL, NULL, NULL, NULL, NULL));
  }
  g_clear_pointer (&fixture->root, g_free);
  g_clear_pointer (&fixture->post, g_free);
}

static BylineSiteBanner *
banner_of (Fixture *fixture)
{
  return BYLINE_SITE_BANNER (byline_page_get_site_banner (byline_window_get_page (fixture->window)));
}

static GtkWidget *
field (Fixture    *fixture,
       const char *key)
{
  return byline_form_get_field_widget (BYLINE_FORM (byline_window_get_form (fixture->window)), key);
}

static guint
n_choices (GtkWidget *widget)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (widget));

  return model != NULL ? g_list_model_get_n_items (model) : 0;
}

/* A picture of the screen, for a person to look at, when
 * BYLINE_SCREENSHOT_DIR is set; once the banner's slide has ended. */
/* Whether the open post has an error about @key. */
static gboolean
has_error_at (Fixture    *fixture,
              const char *key)
{
  BylinePost *post = byline_document_get_post (byline_window_get_document (fixture->window));
  GPtrArray *diagnostics = byline_post_get_diagnostics (post);

  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    {
      const BylineDiagnostic *d = g_ptr_array_index (diagnostics, i);

      if (d->severity == BYLINE_SEVERITY_ERROR && g_strcmp0 (d->key, key) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
save_screenshot (Fixture    *fixture,
                 const char *name)
{
  const char *dir = g_getenv ("BYLINE_SCREENSHOT_DIR");
  GtkRevealer *revealer = GTK_REVEALER (gtk_widget_get_first_child (GTK_WIDGET (banner_of (fixture))));
  g_autofree char *path = NULL;
  const char *argv[] = { "import", "-window", "root", NULL, NULL };

  if (dir == NULL)
    return;
  WAIT_UNTIL (gtk_revealer_get_child_revealed (revealer) == gtk_revealer_get_reveal_child (revealer));
  byline_test_spin (200);
  path = g_build_filename (dir, name, NULL);
  argv[3] = path;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
}

/* No schema written and no Astro installed: YAML only, and the command to
 * run named, to copy. */
static void
test_missing_without_astro (void)
{
  Fixture fixture = { 0 };
  BylineSiteBanner *banner;

  fixture_setup (&fixture);
  fixture_open (&fixture);
  banner = banner_of (&fixture);

  WAIT_UNTIL (byline_site_banner_get_revealed (banner));
  g_assert_nonnull (strstr (byline_site_banner_get_message (banner), "“notes”"));
  g_assert_nonnull (strstr (byline_site_banner_get_message (banner), "not installed"));
  g_assert_nonnull (strstr (byline_site_banner_get_command (banner), "npx astro sync"));
  g_assert_false (byline_site_banner_get_running (banner));

  /* Nothing of another site's rules: no AstroPaper fields, and the
   * collection's keys read-only under Other Keys. */
  g_assert_null (field (&fixture, "pubDatetime"));
  g_assert_true (GTK_IS_BUTTON (field (&fixture, "mood")));

  /* Running needs Astro: nothing happens. */
  byline_site_banner_run_sync (banner);
  g_assert_false (byline_site_banner_get_running (banner));
  save_screenshot (&fixture, "site-banner-not-installed.png");

  fixture_teardown (&fixture);
}

/* Inside a Flatpak sandbox (the Flatpak build runs this suite there) the
 * banner runs nothing unless `flatpak-spawn --host` works, and offers the
 * command to copy instead: the tests that run a sync have nothing to run. */
static gboolean
skip_in_sandbox (void)
{
  GStatBuf st;

  if (g_stat ("/.flatpak-info", &st) != 0 || st.st_size == 0)
    return FALSE;
  g_test_skip ("inside a Flatpak sandbox the banner offers the command instead of running it");
  return TRUE;
}

/* A failed sync shows Astro's last lines; a good one re-reads the site and
 * the form shows the collection's fields. */
static void
test_sync_fails_then_works (void)
{
  Fixture fixture = { 0 };
  BylineSiteBanner *banner;
  const char *output;

  if (skip_in_sandbox ())
    return;
  fixture_setup (&fixture);
  write_fake_astro (fixture.root,
                    "for i in $(seq 1 40); do echo \"line $i\"; done\n"
                    "echo '[ERROR] [InvalidContentEntryDataError] notes → first data does not match' >&2\n"
                    "exit 1");
  fixture_open (&fixture);
  banner = banner_of (&fixture);

  WAIT_UNTIL (byline_site_banner_get_revealed (banner));
  g_assert_null (strstr (byline_site_banner_get_message (banner), "not installed"));

  byline_site_banner_run_sync (banner);
  g_assert_true (byline_site_banner_get_running (banner));
  WAIT_UNTIL (!byline_site_banner_get_running (banner));
  g_assert_true (byline_site_banner_get_revealed (banner));
  output = byline_site_banner_get_output (banner);
  g_assert_nonnull (output);
  g_assert_nonnull (strstr (output, "InvalidContentEntryDataError"));
  g_assert_nonnull (strstr (output, "exit status 1"));
  g_assert_nonnull (strstr (output, "line 40"));
  g_assert_null (strstr (output, "line 20\n"));   /* only the last lines */
  g_assert_nonnull (strstr (byline_site_banner_get_message (banner), "failed"));
  save_screenshot (&fixture, "site-banner-failed.png");

  /* Slow enough to see it run: the spinner, and a Cancel that stops it. */
  write_fake_astro (fixture.root, "sleep 30");
  byline_site_banner_run_sync (banner);
  g_assert_true (byline_site_banner_get_running (banner));
  save_screenshot (&fixture, "site-banner-running.png");
  byline_site_banner_cancel (banner);
  g_assert_false (byline_site_banner_get_running (banner));
  g_assert_true (byline_site_banner_get_revealed (banner));

  write_fake_astro (fixture.root,
                    "mkdir -p .astro/collections\n"
                    "cat > .astro/collections/notes.schema.json <<'EOF'\n"
                    NOTES_JSON ("\"calm\",\"busy\"") "\n"
                    "EOF");
  byline_site_banner_run_sync (banner);
  WAIT_UNTIL (!byline_site_banner_get_running (banner));
  g_assert_null (byline_site_banner_get_output (banner));
  WAIT_UNTIL (ADW_IS_COMBO_ROW (field (&fixture, "mood")));
  g_assert_cmpuint (n_choices (field (&fixture, "mood")), ==, 3);   /* and "Not set" */
  WAIT_UNTIL (!byline_site_banner_get_revealed (banner));
  save_screenshot (&fixture, "site-banner-synced.png");

  fixture_teardown (&fixture);
}

/* The first `astro sync` of a site, run in a terminal: .astro/ did not
 * exist, so the watcher watched the site's root for it, and watches the
 * new folder once it appears: the form follows the schemas it writes, and
 * a later change of them too. */
static void
test_schemas_appear (void)
{
  Fixture fixture = { 0 };
  g_autofree char *json = NULL;
  g_autofree char *astro = NULL;
  BylineSiteBanner *banner;
  gint64 start;

  fixture_setup (&fixture);
  astro = g_build_filename (fixture.root, ".astro", NULL);
  g_assert_false (g_file_test (astro, G_FILE_TEST_EXISTS));
  fixture_open (&fixture);
  banner = banner_of (&fixture);
  WAIT_UNTIL (byline_site_banner_get_revealed (banner));
  g_assert_true (GTK_IS_BUTTON (field (&fixture, "mood")));

  start = g_get_monotonic_time ();
  json = write_file (fixture.root, ".astro/collections/notes.schema.json",
                     NOTES_JSON ("\"calm\",\"busy\""));
  WAIT_UNTIL (ADW_IS_COMBO_ROW (field (&fixture, "mood")));
  /* (a figure for people: GLib's own polling of a missing path took up to 4 s) */
  g_test_message ("schemas noticed after %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpuint (n_choices (field (&fixture, "mood")), ==, 3);   /* and "Not set" */
  WAIT_UNTIL (!byline_site_banner_get_revealed (banner));

  /* Inside the new folder, a schema that changes is seen too. */
  byline_test_spin (50);
  json = (g_free (json), write_file (fixture.root, ".astro/collections/notes.schema.json",
                                     NOTES_JSON ("\"calm\",\"busy\",\"sleepy\"")));
  WAIT_UNTIL (ADW_IS_COMBO_ROW (field (&fixture, "mood")) &&
              n_choices (field (&fixture, "mood")) == 4);

  fixture_teardown (&fixture);
}

/* A button under @widget showing @label (its mnemonic aside) that is
 * visible, or %NULL. */
static GtkWidget *
find_visible_button (GtkWidget  *widget,
                     const char *label)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_visible (widget) &&
      gtk_button_get_label (GTK_BUTTON (widget)) != NULL &&
      strstr (gtk_button_get_label (GTK_BUTTON (widget)), label) != NULL)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_visible_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A fake `flatpak-spawn` first on PATH: it appends its arguments (one a
 * line, then `--`) to @log and, when @works, runs the command as the real
 * one does (in --directory, with each --env); else it fails as it does
 * when the sandbox may not reach the host. Returns the folder to remove. */
static char *
fake_flatpak_spawn (const char *log,
                    gboolean    works)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("byline-fake-flatpak-XXXXXX", &error);
  g_autofree char *quoted = g_shell_quote (log);
  g_autofree char *script = NULL;
  g_autofree char *path = NULL;
  g_autofree char *search = NULL;

  g_assert_no_error (error);
  script = g_strdup_printf ("#!/bin/sh\n"
                            "printf '%%s\\n' \"$@\" -- >> %s\n"
                            "%s"
                            "dir=.\n"
                            "while [ $# -gt 0 ]; do\n"
                            "  case \"$1\" in\n"
                            "    --host) ;;\n"
                            "    --directory=*) dir=\"${1#--directory=}\" ;;\n"
                            "    --env=*) export \"${1#--env=}\" ;;\n"
                            "    *) break ;;\n"
                            "  esac\n"
                            "  shift\n"
                            "done\n"
                            "cd \"$dir\" && exec \"$@\"\n",
                            quoted,
                            works ? "" : "echo 'Portal call failed: org.freedesktop.DBus.Error.ServiceUnknown' >&2\n"
                                         "exit 1\n");
  path = write_file (dir, "flatpak-spawn", script);
  g_assert_cmpint (g_chmod (path, 0755), ==, 0);
  search = g_strconcat (dir, ":", g_getenv ("PATH"), NULL);
  g_setenv ("PATH", search, TRUE);

  return g_steal_pointer (&dir);
}

static void
forget_fake_flatpak_spawn (char *dir)
{
  const char *path = g_getenv ("PATH");
  g_autofree char *prefix = g_strconcat (dir, ":", NULL);
  g_autofree char *script = g_build_filename (dir, "flatpak-spawn", NULL);

  if (g_str_has_prefix (path, prefix))
    {
      g_autofree char *rest = g_strdup (path + strlen (prefix));

      g_setenv ("PATH", rest, TRUE);
    }
  g_remove (script);
  g_rmdir (dir);
  g_free (dir);
  _byline_site_banner_set_sandboxed (-1);
}

/* In a (fake) Flatpak sandbox whose flatpak-spawn reaches the host: the
 * banner asks it once, then runs the site's Astro through it, in the
 * site's root, and the form follows the schema it writes. */
static void
test_sandbox_host_sync (void)
{
  Fixture fixture = { 0 };
  BylineSiteBanner *banner;
  g_autofree char *log = NULL;
  g_autofree char *calls = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *astro = NULL;
  char *fake;

  fixture_setup (&fixture);
  log = g_build_filename (fixture.root, "flatpak-spawn.log", NULL);
  fake = fake_flatpak_spawn (log, TRUE);
  _byline_site_banner_set_sandboxed (1);
  write_fake_astro (fixture.root,
                    "[ \"$NO_COLOR\" = 1 ] && [ \"$ASTRO_TELEMETRY_DISABLED\" = 1 ] || exit 2\n"
                    "mkdir -p .astro/collections\n"
                    "cat > .astro/collections/notes.schema.json <<'EOF'\n"
                    NOTES_JSON ("\"calm\",\"busy\"") "\n"
                    "EOF");
  fixture_open (&fixture);
  banner = banner_of (&fixture);

  WAIT_UNTIL (byline_site_banner_get_revealed (banner));
  /* The check `flatpak-spawn --host true`, then the Run button. */
  WAIT_UNTIL (find_visible_button (GTK_WIDGET (banner), "Run astro sync") != NULL);
  g_assert_true (g_file_get_contents (log, &calls, NULL, NULL));
  g_assert_cmpstr (calls, ==, "--host\ntrue\n--\n");
  g_clear_pointer (&calls, g_free);
  byline_site_banner_run_sync (banner);
  g_assert_true (byline_site_banner_get_running (banner));
  WAIT_UNTIL (!byline_site_banner_get_running (banner));
  g_assert_null (byline_site_banner_get_output (banner));

  astro = g_build_filename (fixture.root, "node_modules", ".bin", "astro", NULL);
  expected = g_strdup_printf ("--host\ntrue\n--\n"
                              "--host\n--directory=%s\n--env=NO_COLOR=1\n--env=ASTRO_TELEMETRY_DISABLED=1\n"
                              "%s\nsync\n--\n", fixture.root, astro);
  g_assert_true (g_file_get_contents (log, &calls, NULL, NULL));
  g_assert_cmpstr (calls, ==, expected);
  WAIT_UNTIL (ADW_IS_COMBO_ROW (field (&fixture, "mood")));
  WAIT_UNTIL (!byline_site_banner_get_revealed (banner));

  fixture_teardown (&fixture);
  forget_fake_flatpak_spawn (fake);
}

/* In a sandbox that may not reach the host: nothing runs; the banner says
 * why and offers the command to copy. */
static void
test_sandbox_host_refused (void)
{
  Fixture fixture = { 0 };
  BylineSiteBanner *banner;
  g_autofree char *log = NULL;
  g_autofree char *calls = NULL;
  g_autofree char *schema = NULL;
  char *fake;

  fixture_setup (&fixture);
  log = g_build_filename (fixture.root, "flatpak-spawn.log", NULL);
  fake = fake_flatpak_spawn (log, FALSE);
  _byline_site_banner_set_sandboxed (1);
  write_fake_astro (fixture.root, "mkdir -p .astro/collections && touch .astro/collections/ran");
  fixture_open (&fixture);
  banner = banner_of (&fixture);

  WAIT_UNTIL (byline_site_banner_get_revealed (banner));
  WAIT_UNTIL (strstr (byline_site_banner_get_message (banner), "outside its sandbox") != NULL);
  g_assert_nonnull (strstr (byline_site_banner_get_message (banner), "“notes”"));
  g_assert_nonnull (strstr (byline_site_banner_get_message (banner), byline_site_banner_get_command (banner)));
  g_assert_true (g_str_has_suffix (byline_site_banner_get_command (banner), "&& npx astro sync"));
  g_assert_nonnull (find_visible_button (GTK_WIDGET (banner), "Copy Command"));
  g_assert_null (find_visible_button (GTK_WIDGET (banner), "Run astro sync"));

  /* Nothing runs: not through flatpak-spawn, not in the sandbox. */
  byline_site_banner_run_sync (banner);
  g_assert_false (byline_site_banner_get_running (banner));
  byline_test_spin (200);
  g_assert_true (g_file_get_contents (log, &calls, NULL, NULL));
  g_assert_cmpstr (calls, ==, "--host\ntrue\n--\n");
  schema = g_build_filename (fixture.root, ".astro", "collections", "ran", NULL);
  g_assert_false (g_file_test (schema, G_FILE_TEST_EXISTS));
  save_screenshot (&fixture, "site-banner-sandbox-refused.png");

  fixture_teardown (&fixture);
  forget_fake_flatpak_spawn (fake);
}

/* The schemas change under an open post (astro dev, or an edit of the
 * config): the form follows without reopening the post. */
static void
test_watches_site (void)
{
  Fixture fixture = { 0 };
  g_autofree char *json = NULL;
  g_autofree char *content = NULL;
  BylineSiteBanner *banner;

  fixture_setup (&fixture);
  byline_test_write_file (fixture.post, "---\nheadline: Hello\nmood: sleepy\n---\n\nBody.\n", -1);
  json = write_file (fixture.root, ".astro/collections/notes.schema.json",
                     NOTES_JSON ("\"calm\",\"busy\""));
  fixture_open (&fixture);
  banner = banner_of (&fixture);

  WAIT_UNTIL (ADW_IS_COMBO_ROW (field (&fixture, "mood")));
  g_assert_cmpuint (n_choices (field (&fixture, "mood")), ==, 3);   /* and "Not set" */
  g_assert_false (byline_site_banner_get_revealed (banner));
  g_assert_true (has_error_at (&fixture, "mood"));

  /* A new value in the enum: the combo offers it. */
  byline_test_spin (50);
  json = (g_free (json), write_file (fixture.root, ".astro/collections/notes.schema.json",
                                     NOTES_JSON ("\"calm\",\"busy\",\"sleepy\"")));
  WAIT_UNTIL (ADW_IS_COMBO_ROW (field (&fixture, "mood")) &&
              n_choices (field (&fixture, "mood")) == 4);
  g_assert_false (has_error_at (&fixture, "mood"));

  /* The content config edited after: the schemas are stale. */
  byline_test_spin (50);
  content = write_file (fixture.root, "src/content.config.ts", content_config);
  WAIT_UNTIL (byline_site_banner_get_revealed (banner));
  g_assert_nonnull (strstr (byline_site_banner_get_message (banner), "out of date"));

  /* The schema removed: YAML only again. */
  g_assert_cmpint (g_unlink (json), ==, 0);
  WAIT_UNTIL (GTK_IS_BUTTON (field (&fixture, "mood")));

  fixture_teardown (&fixture);
}

static const char image_config[] =
  "import { defineCollection, z } from 'astro:content';\n"
  "import { glob } from 'astro/loaders';\n"
  "const notes = defineCollection({\n"
  "  loader: glob({ pattern: '**/*.md', base: './src/data/notes' }),\n"
  "  schema: ({ image }) => z.object({\n"
  "    headline: z.string().max(80),\n"
  "    cover: image().optional(),\n"
  "  }),\n"
  "});\n"
  "export const collections = { notes };\n";

static const char image_json[] =
  "{\"$ref\":\"#/definitions/notes\",\"definitions\":{\"notes\":{\"type\":\"object\","
  "\"properties\":{\"headline\":{\"type\":\"string\",\"maxLength\":80},"
  "\"cover\":{\"type\":\"string\"},\"$schema\":{\"type\":\"string\"}},"
  "\"required\":[\"headline\"],\"additionalProperties\":false}},"
  "\"$schema\":\"http://json-schema.org/draft-07/schema#\"}";

static void
write_png (const char *root,
           const char *relative,
           guint32     argb)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  guint32 pixels[16 * 16];
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (pixels); i++)
    pixels[i] = argb;
  bytes = g_bytes_new (pixels, sizeof pixels);
  texture = gdk_memory_texture_new (16, 16, GDK_MEMORY_DEFAULT, bytes, 16 * 4);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
text_has (Fixture    *fixture,
          const char *needle)
{
  g_autofree char *text = byline_document_dup_text (byline_window_get_document (fixture->window), NULL);

  return strstr (text, needle) != NULL;
}

/* An image() field: a thumbnail of the image the site finds, and a chosen
 * file written as the site wants it. */
static void
test_image_field (void)
{
  Fixture fixture = { 0 };
  g_autofree char *content = NULL;
  g_autofree char *json = NULL;
  g_autofree char *tsconfig = NULL;
  g_autofree char *expected = NULL;
  BylineImagePicker *picker;

  fixture_setup (&fixture);
  content = write_file (fixture.root, "src/content.config.ts", image_config);
  json = write_file (fixture.root, ".astro/collections/notes.schema.json", image_json);
  tsconfig = write_file (fixture.root, "tsconfig.json",
                         "{ \"compilerOptions\": { \"paths\": { \"@/*\": [\"./src/*\"] } } }\n");
  byline_test_write_file (fixture.post, "---\nheadline: Hello\ncover: \"@/assets/images/cover.png\"\n---\n", -1);
  write_png (fixture.root, "src/assets/images/cover.png", 0xff3070c0);
  write_png (fixture.root, "src/data/notes/local.png", 0xffc07030);
  fixture_open (&fixture);

  WAIT_UNTIL (field (&fixture, "cover") != NULL &&
              find_descendant (field (&fixture, "cover"), BYLINE_TYPE_IMAGE_PICKER) != NULL);
  picker = BYLINE_IMAGE_PICKER (find_descendant (field (&fixture, "cover"), BYLINE_TYPE_IMAGE_PICKER));
  WAIT_UNTIL (byline_image_picker_get_has_thumbnail (picker));
  expected = g_build_filename (fixture.root, "src", "assets", "images", "cover.png", NULL);
  g_assert_cmpstr (byline_image_picker_get_image_path (picker), ==, expected);
  save_screenshot (&fixture, "image-field.png");

  /* Beside the post: relative to it. */
  {
    g_autofree char *path = g_build_filename (fixture.root, "src", "data", "notes", "local.png", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);

    byline_image_picker_choose_file (picker, file);
    /* (the planner keeps the double quotes the value had) */
    WAIT_UNTIL (text_has (&fixture, "cover: \"./local.png\"\n"));
    WAIT_UNTIL (g_strcmp0 (byline_image_picker_get_image_path (picker), path) == 0 &&
                byline_image_picker_get_has_thumbnail (picker));
  }

  /* Under src/assets: through the alias. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (expected);

    byline_image_picker_choose_file (picker, file);
    WAIT_UNTIL (text_has (&fixture, "cover: \"@/assets/images/cover.png\"\n"));
  }

  /* A file that is not there: no thumbnail. */
  byline_image_picker_set_value (picker, "./missing.png");
  WAIT_UNTIL (!byline_image_picker_get_has_thumbnail (picker));

  fixture_teardown (&fixture);
}

/* drops @path on @row through the row's own drop target */
static gboolean
drop_on_row (GtkWidget  *row,
             const char *path)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (row);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GSList *files = g_slist_prepend (NULL, file);
  GValue value = G_VALUE_INIT;
  gboolean handled = FALSE;
  guint n_targets = 0;

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_slist_free (files);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller) &&
          gdk_content_formats_contain_gtype (gtk_drop_target_get_formats (GTK_DROP_TARGET (controller)),
                                             GDK_TYPE_FILE_LIST))
        {
          g_signal_emit_by_name (controller, "drop", &value, 10., 10., &handled);
          n_targets++;
        }
    }
  g_value_unset (&value);
  g_assert_cmpuint (n_targets, ==, 1);
  return handled;
}

static gboolean
row_has_label (GtkWidget  *widget,
               const char *needle)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      strstr (gtk_label_get_label (GTK_LABEL (widget)), needle) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (row_has_label (child, needle))
      return TRUE;
  return FALSE;
}

/* An image file dropped on an image() field goes where the site keeps
 * images first, as one dropped on the editor does, then in as if chosen. */
static void
test_image_field_drop (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *content = NULL;
  g_autofree char *json = NULL;
  g_autofree char *tsconfig = NULL;
  g_autofree char *outside = g_dir_make_tmp ("byline-field-drop-XXXXXX", &error);
  g_autofree char *photo = g_build_filename (outside, "holiday photo.png", NULL);
  g_autofree char *notes = g_build_filename (outside, "notes.txt", NULL);
  g_autofree char *copied = NULL;
  g_autofree char *local = NULL;
  g_autofree char *before = NULL;
  GtkWidget *row;
  GtkWidget *issue;

  g_assert_no_error (error);
  fixture_setup (&fixture);
  content = write_file (fixture.root, "src/content.config.ts", image_config);
  json = write_file (fixture.root, ".astro/collections/notes.schema.json", image_json);
  tsconfig = write_file (fixture.root, "tsconfig.json",
                         "{ \"compilerOptions\": { \"paths\": { \"@/*\": [\"./src/*\"] } } }\n");
  byline_test_write_file (fixture.post, "---\nheadline: Hello\n---\n", -1);
  write_png (outside, "holiday photo.png", 0xff3070c0);
  byline_test_write_file (notes, "not a picture", -1);
  write_png (fixture.root, "src/data/notes/local.png", 0xffc07030);
  local = g_build_filename (fixture.root, "src", "data", "notes", "local.png", NULL);
  copied = g_build_filename (fixture.root, "src", "assets", "images", "first.png", NULL);
  fixture_open (&fixture);

  WAIT_UNTIL (field (&fixture, "cover") != NULL &&
              find_descendant (field (&fixture, "cover"), BYLINE_TYPE_IMAGE_PICKER) != NULL);
  row = gtk_widget_get_ancestor (field (&fixture, "cover"), ADW_TYPE_PREFERENCES_ROW);
  issue = gtk_widget_get_next_sibling (row);

  /* not an image: refused, and the field says why; nothing is written */
  before = byline_document_dup_text (byline_window_get_document (fixture.window), NULL);
  g_assert_false (drop_on_row (row, notes));
  g_assert_true (gtk_widget_get_visible (issue));
  g_assert_true (row_has_label (issue, "“notes.txt” is not an image file"));
  {
    g_autofree char *after = byline_document_dup_text (byline_window_get_document (fixture.window), NULL);

    g_assert_cmpstr (after, ==, before);
  }

  /* from outside the site: copied to src/assets/images, named after the
   * post, and written as choosing it would (through the alias) */
  g_assert_true (drop_on_row (row, photo));
  WAIT_UNTIL (text_has (&fixture, "cover: \"@/assets/images/first.png\"\n"));
  g_assert_true (g_file_test (copied, G_FILE_TEST_IS_REGULAR));
  g_assert_false (gtk_widget_get_visible (issue));
  {
    BylineImagePicker *picker = BYLINE_IMAGE_PICKER (find_descendant (field (&fixture, "cover"),
                                                                      BYLINE_TYPE_IMAGE_PICKER));

    WAIT_UNTIL (g_strcmp0 (byline_image_picker_get_image_path (picker), copied) == 0 &&
                byline_image_picker_get_has_thumbnail (picker));
  }

  /* one the site has already: referenced where it is, not copied */
  g_assert_true (drop_on_row (row, local));
  WAIT_UNTIL (text_has (&fixture, "cover: \"./local.png\"\n"));
  {
    g_autofree char *second = g_build_filename (fixture.root, "src", "assets", "images", "first-2.png", NULL);

    g_assert_false (g_file_test (second, G_FILE_TEST_EXISTS));
  }

  fixture_teardown (&fixture);
  {
    const char *argv[] = { "rm", "-rf", outside, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
}

static const char reference_config[] =
  "import { defineCollection, reference, z } from 'astro:content';\n"
  "import { glob } from 'astro/loaders';\n"
  "const notes = defineCollection({\n"
  "  loader: glob({ pattern: '**/*.md', base: './src/data/notes' }),\n"
  "  schema: z.object({\n"
  "    headline: z.string().max(80),\n"
  "    author: reference('people').optional(),\n"
  "  }),\n"
  "});\n"
  "const people = defineCollection({\n"
  "  loader: glob({ pattern: '**/*.md', base: './src/data/people' }),\n"
  "});\n"
  "export const collections = { notes, people };\n";

static const char reference_json[] =
  "{\"$ref\":\"#/definitions/notes\",\"definitions\":{\"notes\":{\"type\":\"object\","
  "\"properties\":{\"headline\":{\"type\":\"string\",\"maxLength\":80},"
  "\"author\":{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"object\",\"properties\":"
  "{\"id\":{\"type\":\"string\"},\"collection\":{\"type\":\"string\"}},"
  "\"required\":[\"id\",\"collection\"]}]},"
  "\"$schema\":{\"type\":\"string\"}},"
  "\"required\":[\"headline\"],\"additionalProperties\":false}},"
  "\"$schema\":\"http://json-schema.org/draft-07/schema#\"}";

/* A reference('people') field: the entry offers the ids of people. */
static void
test_reference_field (void)
{
  Fixture fixture = { 0 };
  g_autofree char *content = NULL;
  g_autofree char *json = NULL;
  BylineReferenceCompletion *completion;
  GtkWidget *row;
  const char *all[] = { "ada", "alan-turing", "grace", NULL };

  fixture_setup (&fixture);
  content = write_file (fixture.root, "src/content.config.ts", reference_config);
  json = write_file (fixture.root, ".astro/collections/notes.schema.json", reference_json);
  for (guint i = 0; all[i] != NULL; i++)
    {
      g_autofree char *name = g_strdup_printf ("src/data/people/%s.md",
                                               i == 1 ? "Alan Turing" : all[i]);
      g_autofree char *person = write_file (fixture.root, name, "---\nname: x\n---\n");
    }
  byline_test_write_file (fixture.post, "---\nheadline: Hello\nauthor: ada\n---\n", -1);
  fixture_open (&fixture);

  WAIT_UNTIL (field (&fixture, "author") != NULL &&
              find_descendant (field (&fixture, "author"), BYLINE_TYPE_REFERENCE_COMPLETION) != NULL);
  row = field (&fixture, "author");
  completion = BYLINE_REFERENCE_COMPLETION (find_descendant (row, BYLINE_TYPE_REFERENCE_COMPLETION));
  WAIT_UNTIL (byline_reference_completion_get_ids (completion) != NULL);
  g_assert_cmpstrv (byline_reference_completion_get_ids (completion), all);

  /* Typing narrows the list, and shows it. */
  gtk_widget_grab_focus (row);
  WAIT_UNTIL (gtk_widget_has_focus (row) || gtk_widget_get_focus_child (row) != NULL);
  gtk_editable_set_text (GTK_EDITABLE (row), "AL");
  {
    g_auto(GStrv) found = byline_reference_completion_dup_matches (completion);
    const char *expected[] = { "alan-turing", NULL };

    g_assert_cmpstrv (found, expected);
  }
  WAIT_UNTIL (byline_reference_completion_get_open (completion));
  save_screenshot (&fixture, "reference-field.png");

  byline_reference_completion_choose (completion, "alan-turing");
  WAIT_UNTIL (text_has (&fixture, "author: alan-turing\n"));
  WAIT_UNTIL (!byline_reference_completion_get_open (completion));

  fixture_teardown (&fixture);
}

static const char reference_list_config[] =
  "import { defineCollection, reference, z } from 'astro:content';\n"
  "import { glob } from 'astro/loaders';\n"
  "const notes = defineCollection({\n"
  "  loader: glob({ pattern: '**/*.md', base: './src/data/notes' }),\n"
  "  schema: ({ image }) => z.object({\n"
  "    headline: z.string().max(80),\n"
  "    author: z.object({\n"
  "      name: z.string(),\n"
  "      avatar: image().optional(),\n"
  "      links: z.object({ mastodon: z.string().optional() }).optional(),\n"
  "    }).optional(),\n"
  "    related: z.array(reference('people')).optional(),\n"
  "  }),\n"
  "});\n"
  "const people = defineCollection({\n"
  "  loader: glob({ pattern: '**/*.md', base: './src/data/people' }),\n"
  "});\n"
  "export const collections = { notes, people };\n";

/* What `astro sync` writes for it (Astro 5.x). */
static const char reference_list_json[] =
  "{\"$ref\":\"#/definitions/notes\",\"definitions\":{\"notes\":{\"type\":\"object\","
  "\"properties\":{\"headline\":{\"type\":\"string\",\"maxLength\":80},"
  "\"author\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},"
  "\"avatar\":{\"type\":\"string\"},\"links\":{\"type\":\"object\",\"properties\":"
  "{\"mastodon\":{\"type\":\"string\"}},\"additionalProperties\":false}},"
  "\"required\":[\"name\"],\"additionalProperties\":false},"
  "\"related\":{\"type\":\"array\",\"items\":{\"anyOf\":[{\"type\":\"string\"},"
  "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"},"
  "\"collection\":{\"type\":\"string\"}},\"required\":[\"id\",\"collection\"]}]}},"
  "\"$schema\":{\"type\":\"string\"}},"
  "\"required\":[\"headline\"],\"additionalProperties\":false}},"
  "\"$schema\":\"http://json-schema.org/draft-07/schema#\"}";

/* z.array(reference('people')): the chips complete from the ids of people,
 * not from the site's tags; and a nested object with an image() in it. */
static void
test_reference_list (void)
{
  Fixture fixture = { 0 };
  g_autofree char *content = NULL;
  g_autofree char *json = NULL;
  const char *all[] = { "ada", "alan-turing", "grace", NULL };
  BylineTagEntry *chips;
  GtkWidget *entry;
  GtkWidget *box;
  GtkWidget *button;

  fixture_setup (&fixture);
  content = write_file (fixture.root, "src/content.config.ts", reference_list_config);
  json = write_file (fixture.root, ".astro/collections/notes.schema.json", reference_list_json);
  for (guint i = 0; all[i] != NULL; i++)
    {
      g_autofree char *name = g_strdup_printf ("src/data/people/%s.md", all[i]);
      g_autofree char *person = write_file (fixture.root, name, "---\nname: x\n---\n");
    }
  /* a tag elsewhere in the site, which must not be offered */
  {
    g_autofree char *other = write_file (fixture.root, "src/data/notes/other.md",
                                         "---\nheadline: Other\ntags: [alpha]\n---\n");
  }
  byline_test_write_file (fixture.post,
                          "---\nheadline: Hello\nauthor:\n  name: Ada\n  avatar: ./ada.png\n"
                          "related: [ada]\n---\n", -1);
  fixture_open (&fixture);

  WAIT_UNTIL (field (&fixture, "related") != NULL && BYLINE_IS_TAG_ENTRY (field (&fixture, "related")));
  chips = BYLINE_TAG_ENTRY (field (&fixture, "related"));
  entry = byline_tag_entry_get_entry (chips);
  box = byline_tag_entry_get_suggestion_box (chips);

  /* The ids are read on a worker: type until they are offered. */
  gtk_widget_grab_focus (entry);
  WAIT_UNTIL ((gtk_editable_set_text (GTK_EDITABLE (entry), ""),
               gtk_editable_set_text (GTK_EDITABLE (entry), "al"),
               gtk_widget_get_first_child (box) != NULL));
  button = gtk_widget_get_first_child (box);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "alan-turing");
  g_assert_null (gtk_widget_get_next_sibling (button));
  g_signal_emit_by_name (button, "clicked");
  WAIT_UNTIL (text_has (&fixture, "related: [ada, alan-turing]\n"));

  /* The nested object: its rows, the image picker among them. */
  g_assert_true (ADW_IS_EXPANDER_ROW (field (&fixture, "author")));
  g_assert_nonnull (find_descendant (field (&fixture, "author.avatar"), BYLINE_TYPE_IMAGE_PICKER));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (field (&fixture, "author")), TRUE);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (field (&fixture, "author.links")), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (field (&fixture, "author.links.mastodon")), "@ada@example.org");
  WAIT_UNTIL (text_has (&fixture, "  avatar: ./ada.png\n  links:\n    mastodon: \"@ada@example.org\"\n"));
  WAIT_UNTIL (gtk_widget_get_mapped (field (&fixture, "author.links.mastodon")));
  save_screenshot (&fixture, "nested-object.png");

  fixture_teardown (&fixture);
}

/* The real `astro sync` of Astro 5, when the site oracle installed it. */
static void
test_real_astro_sync (void)
{
  const char *modules = g_getenv ("BYLINE_ASTRO_NODE_MODULES");
  g_autofree char *astro = NULL;
  g_autofree char *link = NULL;
  Fixture fixture = { 0 };
  BylineSiteBanner *banner;

  if (skip_in_sandbox ())
    return;
  astro = modules != NULL ? g_build_filename (modules, ".bin", "astro", NULL) : NULL;
  if (astro == NULL || !g_file_test (astro, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("Astro is not installed (the site oracle installs it with -Dnetwork_tests=true)");
      return;
    }

  fixture_setup (&fixture);
  {
    g_autofree char *package = write_file (fixture.root, "package.json",
                                           "{ \"name\": \"notes\", \"type\": \"module\" }\n");
  }
  link = g_build_filename (fixture.root, "node_modules", NULL);
  g_assert_cmpint (symlink (modules, link), ==, 0);
  fixture_open (&fixture);
  banner = banner_of (&fixture);

  WAIT_UNTIL (byline_site_banner_get_revealed (banner));
  byline_site_banner_run_sync (banner);
  g_assert_true (byline_site_banner_get_running (banner));
  WAIT_UNTIL (!byline_site_banner_get_running (banner));
  if (byline_site_banner_get_output (banner) != NULL)
    g_printerr ("%s\n", byline_site_banner_get_output (banner));
  g_assert_null (byline_site_banner_get_output (banner));
  WAIT_UNTIL (ADW_IS_COMBO_ROW (field (&fixture, "mood")));
  g_assert_cmpuint (n_choices (field (&fixture, "mood")), ==, 3);   /* and "Not set" */
  g_assert_false (byline_site_banner_get_revealed (banner));

  fixture_teardown (&fixture);
}

int
main (int    argc,
      char **argv)
{
  g_set_prgname ("test-site-page");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/site-page/missing-without-astro", test_missing_without_astro);
  g_test_add_func ("/site-page/sync-fails-then-works", test_sync_fails_then_works);
  g_test_add_func ("/site-page/watches-site", test_watches_site);
  g_test_add_func ("/site-page/schemas-appear", test_schemas_appear);
  g_test_add_func ("/site-page/sandbox-host-sync", test_sandbox_host_sync);
  g_test_add_func ("/site-page/sandbox-host-refused", test_sandbox_host_refused);
  g_test_add_func ("/site-page/image-field", test_image_field);
  g_test_add_func ("/site-page/image-field-drop", test_image_field_drop);
  g_test_add_func ("/site-page/reference-field", test_reference_field);
  g_test_add_func ("/site-page/reference-list", test_reference_list);
  g_test_add_func ("/site-page/real-astro-sync", test_real_astro_sync);

  return g_test_run ();
}
