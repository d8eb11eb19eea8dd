/* byline-js-date.h: which text JavaScript's `new Date(text)` makes a date of
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean byline_js_date_is_valid (const char *text);

G_END_DECLS
