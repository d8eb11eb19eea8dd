/* byline-renderer.h: how the window is drawn on this machine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void     byline_renderer_choose      (void);
gboolean byline_renderer_is_software (void);

G_END_DECLS
