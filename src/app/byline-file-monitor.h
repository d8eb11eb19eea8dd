/* byline-file-monitor.h: tells when a file may have changed on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BYLINE_TYPE_FILE_MONITOR (byline_file_monitor_get_type ())

G_DECLARE_FINAL_TYPE (BylineFileMonitor, byline_file_monitor, BYLINE, FILE_MONITOR, GObject)

BylineFileMonitor *byline_file_monitor_new      (void);
GFile             *byline_file_monitor_get_file (BylineFileMonitor *self);
void               byline_file_monitor_set_file (BylineFileMonitor *self,
                                                 GFile             *file);

G_END_DECLS
