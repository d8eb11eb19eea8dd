/* byline-test-window.h: helpers for tests that drive a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "byline-window.h"

G_BEGIN_DECLS

BylineWindow     *byline_test_open_window (const char    *path,
                                           BylineWindow **weak);
AdwMessageDialog *byline_test_find_dialog (GtkWindow     *parent);

G_END_DECLS
