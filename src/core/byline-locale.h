/* byline-locale.h: where the translations are
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *byline_locale_dir (void);

G_END_DECLS
