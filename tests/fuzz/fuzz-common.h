/* fuzz-common.h: what every fuzz target shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A target is one LLVMFuzzerTestOneInput (); it is linked either with
 * libFuzzer (clang, -Dfuzzing=enabled) or with fuzz-replay.c, which runs it
 * on the inputs kept in regressions/ as part of the normal suite. A broken
 * promise aborts with a message, so both drivers report it.
 */

#pragma once

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

#define FUZZ_CHECK(cond, ...) \
  G_STMT_START { \
    if (G_UNLIKELY (!(cond))) \
      { \
        fprintf (stderr, "%s:%d: %s: ", __FILE__, __LINE__, #cond); \
        fprintf (stderr, __VA_ARGS__); \
        fputc ('\n', stderr); \
        abort (); \
      } \
  } G_STMT_END

/* A critical or a warning is a bug the code reported itself: fatal, so both
 * drivers stop on it as on any broken promise. */
static inline void
fuzz_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
      g_once_init_leave (&done, 1);
    }
}

/* FNV-1a: the input picks its own variations, deterministically */
static inline guint32
fuzz_hash (const uint8_t *data,
           size_t         size)
{
  guint32 h = 2166136261u;

  for (size_t i = 0; i < size; i++)
    {
      h ^= data[i];
      h *= 16777619u;
    }
  return h;
}
