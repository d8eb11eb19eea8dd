/* byline-window-private.h: what byline-window.c and its actions share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "byline-page.h"
#include "byline-search-bar.h"
#include "byline-window.h"

G_BEGIN_DECLS

struct _BylineWindow
{
  AdwApplicationWindow     parent_instance;

  /* template widgets */
  AdwHeaderBar            *header_bar;
  AdwWindowTitle          *window_title;
  BylineSearchBar         *search_bar;
  GtkBox                  *page_box;
  GMenu                   *recent_section;

  /* borrowed: a child of page_box */
  BylinePage              *page;

  /* owned */
  GSettings               *settings;
  GSignalGroup            *page_signals;
  GSignalGroup            *document_signals;
  GtkWindow               *close_dialog;   /* weak: "Save Changes?" while shown */
#if !GTK_CHECK_VERSION (4, 10, 0)
  GtkFileChooserNative    *chooser;
#endif

  guint                    show_form : 1;
  guint                    show_preview : 1;
  guint                    close_confirmed : 1;
  guint                    closing : 1;     /* a save answering "Save Changes?" is under way */
};

void _byline_window_class_actions_init (BylineWindowClass *klass);
void _byline_window_update_actions     (BylineWindow      *self);
void _byline_window_abandon_close      (BylineWindow      *self);
void _byline_window_save_session       (BylineWindow      *self);

G_END_DECLS
