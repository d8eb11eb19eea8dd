/* bench-frontmatter.c: parse + validate one typical AstroPaper frontmatter
 *
 * What every keystroke in the form costs, and what `byline check` pays per
 * post. Target: under 50 µs per parse + validate. Figures are printed, not
 * asserted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <time.h>

#include "byline-frontmatter.h"
#include "byline-schema.h"

static const char post[] =
  "---\n"
  "author: Sat Naing\n"
  "pubDatetime: 2022-09-23T15:22:00Z\n"
  "modDatetime: 2025-03-22T09:25:46.734Z\n"
  "title: Adding new posts in AstroPaper theme\n"
  "slug: adding-new-posts-in-astropaper-theme\n"
  "featured: true\n"
  "draft: false\n"
  "tags:\n"
  "  - docs\n"
  "  - astro-paper\n"
  "ogImage: ../../assets/images/AstroPaper-v5.png\n"
  "canonicalURL: https://astro-paper.pages.dev/posts/adding-new-posts-in-astropaper-theme/\n"
  "timezone: Asia/Yangon\n"
  "description:\n"
  "  Some rules & recommendations for creating or adding new posts using AstroPaper\n"
  "  theme.\n"
  "---\n"
  "\n"
  "Here are some rules/recommendations, tips & ticks for creating new posts in\n"
  "AstroPaper blog theme.\n";

typedef enum
{
  PARSE,
  PARSE_VALIDATE,
  PARSE_JSON,
} Op;

/* CPU time: on a shared machine wall time also counts other processes. */
static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double
measure (Op            op,
         BylineSchema *schema,
         GDateTime    *now,
         guint        *iterations,
         double       *cpu_us)
{
  const gint64 budget = G_USEC_PER_SEC;   /* run each for about a second */
  gint64 start = g_get_monotonic_time ();
  double cpu_start = cpu_seconds ();
  gint64 elapsed;
  guint n = 0;

  do
    {
      for (guint i = 0; i < 256; i++)
        {
          g_autoptr(BylineFrontmatter) frontmatter = byline_frontmatter_parse (post, strlen (post));

          g_assert_null (byline_frontmatter_get_error (frontmatter));
          if (op == PARSE_VALIDATE)
            {
              g_autoptr(GPtrArray) diagnostics = NULL;

              byline_frontmatter_set_key_order (frontmatter, byline_schema_get_key_order (schema));
              diagnostics = byline_schema_validate (schema, frontmatter, now);
              g_assert_nonnull (diagnostics);
            }
          else if (op == PARSE_JSON)
            {
              g_autofree char *json = byline_frontmatter_to_json (frontmatter, NULL);

              g_assert_nonnull (json);
            }
        }
      n += 256;
      elapsed = g_get_monotonic_time () - start;
    }
  while (elapsed < budget);

  *iterations = n;
  *cpu_us = (cpu_seconds () - cpu_start) * 1e6 / n;
  return (double) elapsed / n;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(BylineSchema) schema = byline_schema_new_astropaper ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const struct { Op op; const char *name; } ops[] = {
    { PARSE,          "parse" },
    { PARSE_VALIDATE, "parse + validate" },
    { PARSE_JSON,     "parse + to_json" },
  };

  setlocale (LC_ALL, "");

  g_print ("frontmatter of %zu bytes (AstroPaper, every field)\n", strlen (post));
  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    {
      guint n = 0;
      double cpu = 0;
      double us = measure (ops[i].op, schema, now, &n, &cpu);

      g_print ("%-18s %8.2f µs/op wall, %8.2f µs/op CPU  (%u iterations)%s\n",
               ops[i].name, us, cpu, n,
               ops[i].op == PARSE_VALIDATE ? (cpu < 50 ? "  target < 50 µs: met"
                                                       : "  target < 50 µs: MISSED") : "");
    }

  return 0;
}
