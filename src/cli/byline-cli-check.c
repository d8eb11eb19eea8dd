/* byline-cli-check.c: `byline check FILE|DIR…`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gi18n.h>

#include "byline-check.h"
#include "byline-frontmatter.h"
#include "byline-schema.h"
#include "byline-site.h"

#include "byline-cli-private.h"
#include "byline-cli-util.h"

/* Below this many files a thread costs more than it saves. */
#define MIN_FILES_PER_THREAD 64
#define MAX_THREADS 8

typedef struct
{
  char     *path;
  char     *out;        /* the diagnostics, one formatted line each */
  char     *io_error;   /* could not be read at all */
  gboolean  has_error;
} Job;

typedef struct
{
  GPtrArray       *jobs;
  BylineSchema    *schema;   /* --schema, or NULL: each post's site's */
  BylineSiteCache *sites;
  GDateTime       *now;
  gint             next;     /* atomic: the next job to take */

  BylineEntryCache *entries; /* the ids references may name, read once per collection */
} Batch;

static void
job_free (Job *job)
{
  g_free (job->path);
  g_free (job->out);
  g_free (job->io_error);
  g_free (job);
}

static void
add_job (GPtrArray  *jobs,
         char       *path)
{
  Job *job = g_new0 (Job, 1);

  job->path = path;
  g_ptr_array_add (jobs, job);
}

static void
append_diagnostics (Job       *job,
                    GString   *out,
                    GPtrArray *diagnostics)
{
  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    {
      const BylineDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);
      g_autofree char *line = byline_diagnostic_format (diagnostic, job->path);

      g_string_append (out, line);
      g_string_append_c (out, '\n');
      if (diagnostic->severity == BYLINE_SEVERITY_ERROR)
        job->has_error = TRUE;
    }
}

static void
check_one (Job   *job,
           Batch *batch)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineFrontmatter) frontmatter = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(BylineSite) site = NULL;
  g_autoptr(BylineSchema) schema = NULL;
  g_autoptr(GString) out = NULL;
  g_autofree char *text = NULL;
  gsize len = 0;

  text = _byline_cli_read_post (job->path, &len, NULL, &error);
  if (text == NULL)
    {
      job->io_error = g_strdup (error->message);
      return;
    }

  frontmatter = byline_frontmatter_parse (text, len);

  /* Each post by its own site's rules; a site that cannot be read is no
   * site, and its posts get only what YAML says. */
  site = byline_site_cache_lookup (batch->sites, job->path, NULL);
  if (batch->schema != NULL)
    schema = byline_schema_ref (batch->schema);
  else
    schema = byline_schema_for_post (site, job->path, frontmatter, NULL);

  diagnostics = byline_check_post (site, job->path, schema, frontmatter, batch->now,
                                   batch->entries);

  out = g_string_new (NULL);
  append_diagnostics (job, out, diagnostics);

  if (out->len > 0)
    job->out = g_string_free (g_steal_pointer (&out), FALSE);
}

static gpointer
check_worker (gpointer data)
{
  Batch *batch = data;
  guint i;

  while ((i = (guint) g_atomic_int_add (&batch->next, 1)) < batch->jobs->len)
    check_one (g_ptr_array_index (batch->jobs, i), batch);

  return NULL;
}

int
_byline_cli_check (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GPtrArray) threads = NULL;
  g_autoptr(BylineSchema) schema = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GHashTable) visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(BylineSiteCache) sites = byline_site_cache_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *schema_name = NULL;
  GOptionEntry entries[] = {
    { "schema", 0, 0, G_OPTION_ARG_FILENAME, &schema_name,
      N_("Check every post with this schema: astropaper, hugo, jekyll or a JSON Schema file"),
      N_("SCHEMA") },
    { NULL }
  };
  gboolean io_failed = FALSE;
  gboolean any_error = FALSE;
  Batch batch = { 0 };
  guint n_threads;

  context = g_option_context_new (_("FILE|DIR… — validate posts"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Checks posts against their site’s schema and prints one line\n"
                                  "per problem:\n"
                                  "  FILE:LINE:COL: error|warning: message\n"
                                  "An error is what would make the site’s build fail; a warning is\n"
                                  "worth knowing (a draft, a date in the future, …).\n"
                                  "\n"
                                  "Each post’s site is found by walking up from it, as “byline\n"
                                  "schema” does: an Astro site’s collection schema (from\n"
                                  ".astro/collections/, written by `astro sync`; AstroPaper’s\n"
                                  "built in), Hugo’s or Jekyll’s. Until an Astro site’s schemas are\n"
                                  "written, its posts are checked for YAML only. A post in no site\n"
                                  "is checked as AstroPaper’s when it has pubDatetime.\n"
                                  "\n"
                                  "A folder is searched recursively for the files the generator\n"
                                  "takes (.md, .mdx, .markdown, …; an Astro collection’s glob),\n"
                                  "leaving out elsewhere files whose names start with “_”, and\n"
                                  "following symbolic links. A FILE named on the command line is\n"
                                  "checked whatever its name."));
  g_option_context_set_description (context,
                                    _("Exit status:\n"
                                      "  0  no errors (warnings may have been printed)\n"
                                      "  1  at least one error\n"
                                      "  2  usage error, or a file or folder could not be read"));
  if (!_byline_cli_parse_options (context, "check", &argc, &argv))
    return 2;

  if (argc < 2)
    return _byline_cli_usage_error ("check", _("expected at least one FILE or DIR"));

  jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) job_free);
  for (int i = 1; i < argc; i++)
    {
      struct stat st;

      if (stat (argv[i], &st) == 0 && S_ISDIR (st.st_mode))
        {
          g_autoptr(GPtrArray) paths = g_ptr_array_new ();
          g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);

          io_failed |= !byline_collect_posts (argv[i], sites, visited, paths, errors, NULL);
          for (guint e = 0; e < errors->len; e++)
            g_printerr ("byline check: %s\n", (char *) g_ptr_array_index (errors, e));
          for (guint p = 0; p < paths->len; p++)
            add_job (jobs, g_ptr_array_index (paths, p));
        }
      else
        add_job (jobs, g_strdup (argv[i]));   /* named explicitly: checked whatever its name */
    }

  if (schema_name != NULL)
    {
      schema = _byline_cli_load_schema (schema_name, &error);
      if (schema == NULL)
        {
          g_printerr ("byline check: %s\n", error->message);
          return 2;
        }
    }

  now = g_date_time_new_now_utc ();
  batch.jobs = jobs;
  batch.schema = schema;
  batch.sites = sites;
  batch.entries = byline_entry_cache_new ();
  batch.now = now;

  n_threads = CLAMP (MIN (g_get_num_processors (), jobs->len / MIN_FILES_PER_THREAD),
                     1, MAX_THREADS);
  threads = g_ptr_array_new ();
  for (guint i = 1; i < n_threads; i++)
    g_ptr_array_add (threads, g_thread_new ("byline-check", check_worker, &batch));
  check_worker (&batch);
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (g_ptr_array_index (threads, i));

  byline_entry_cache_free (batch.entries);

  /* Printed in order once all are done, so output never depends on timing. */
  for (guint i = 0; i < jobs->len; i++)
    {
      const Job *job = g_ptr_array_index (jobs, i);

      if (job->io_error != NULL)
        {
          g_printerr ("byline check: %s\n", job->io_error);
          io_failed = TRUE;
          continue;
        }
      if (job->out != NULL)
        fputs (job->out, stdout);
      any_error |= job->has_error;
    }

  if (fflush (stdout) != 0)
    {
      g_printerr ("byline check: %s\n", g_strerror (errno));
      return 2;
    }

  /* Say once per site when its own rules were not known, so that a clean
   * result is not mistaken for one against the site's schema. */
  if (schema == NULL)
    {
      g_autoptr(GHashTable) told = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; i < jobs->len; i++)
        {
          const Job *job = g_ptr_array_index (jobs, i);
          g_autoptr(BylineSite) site = byline_site_cache_lookup (sites, job->path, NULL);
          BylineSiteSchemaState state;
          const char *root;

          if (site == NULL || job->io_error != NULL)
            continue;
          root = byline_site_get_root (site);
          state = byline_site_get_schema_state (site);
          if ((state != BYLINE_SITE_SCHEMAS_MISSING && state != BYLINE_SITE_SCHEMAS_STALE) ||
              g_hash_table_contains (told, root))
            continue;
          g_hash_table_add (told, g_strdup (root));
          if (state == BYLINE_SITE_SCHEMAS_MISSING)
            /* Translators: %s is a site's folder; keep “astro sync” as it is */
            g_printerr (_("byline check: %s: the site’s schemas are not written yet, so its posts "
                          "were checked for YAML only; run “astro sync” there"), root);
          else
            g_printerr (_("byline check: %s: the site’s schemas are older than its content "
                          "config; run “astro sync” there"), root);
          g_printerr ("\n");
        }
    }

  if (io_failed)
    return 2;
  return any_error ? 1 : 0;
}
