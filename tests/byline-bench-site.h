/* byline-bench-site.h: an AstroPaper site of 10,000 posts, for benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BYLINE_BENCH_N_DIRS    100
#define BYLINE_BENCH_N_PER_DIR 100

void byline_bench_write_site (const char *root);

G_END_DECLS
