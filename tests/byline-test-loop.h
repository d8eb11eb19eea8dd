/* byline-test-loop.h: waiting for the main loop, and files, in UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How much longer waits may take: sanitizers slow the code 5-12 times. A
 * wait is for a condition; the limit is only there so a test that will
 * never see it fails instead of hanging. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_UNDEFINED__)
# define BYLINE_TEST_SLOWDOWN 8
#else
# define BYLINE_TEST_SLOWDOWN 1
#endif

/* Spin the main loop until @cond holds, for at most @seconds (times the
 * slowdown). A timer keeps the loop waking up so @cond is looked at even
 * when nothing else happens. */
#define WAIT_UNTIL_FOR(cond, seconds)                                         \
  G_STMT_START {                                                              \
    gint64 _deadline = g_get_monotonic_time () +                              \
                       (gint64) (seconds) * BYLINE_TEST_SLOWDOWN * G_USEC_PER_SEC; \
    guint _tick = g_timeout_add (10, byline_test_tick_cb, NULL);              \
    while (!(cond) && g_get_monotonic_time () < _deadline)                    \
      g_main_context_iteration (NULL, TRUE);                                  \
    g_source_remove (_tick);                                                  \
    g_assert_true (cond);                                                     \
  } G_STMT_END

/* The same, for at most 20 seconds (times the slowdown) */
#define WAIT_UNTIL(cond) WAIT_UNTIL_FOR (cond, 20)

gboolean byline_test_tick_cb         (gpointer       data);
void     byline_test_spin            (guint          ms);
void     byline_test_store_result_cb (GObject       *object,
                                      GAsyncResult  *result,
                                      gpointer       user_data);
void     byline_test_write_file      (const char    *path,
                                      const char    *contents,
                                      gssize         len);
char    *byline_test_read_file       (const char    *path,
                                      gsize         *len);
char    *byline_test_copy_site       (const char    *name);
void     byline_test_remove_site     (const char    *root);

G_END_DECLS
