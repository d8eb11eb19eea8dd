/* byline-file-io-private.h: for tests of byline-file-io only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "byline-file-io.h"

G_BEGIN_DECLS

/* Called by byline_file_replace() on the calling thread once the new
 * content is on disk, right before the post is checked again and renamed
 * over: a test changes the post there, at the worst moment, with no sleep
 * and no race. %NULL removes it. Per thread, so no other save sees it. */
typedef void (*BylineFileReplaceHook) (const char *target,
                                       gpointer    user_data);

void _byline_file_replace_set_hook (BylineFileReplaceHook hook,
                                    gpointer              user_data);

G_END_DECLS
