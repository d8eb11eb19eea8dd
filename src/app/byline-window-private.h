/* byline-window-private.h: what byline-window.c and its actions share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "byline-library-view.h"
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
  GtkWidget               *draft_toggle;
  GtkWidget               *featured_toggle;
  AdwTabBar               *tab_bar;
  BylineSearchBar         *search_bar;
  AdwTabView              *tab_view;
  BylineLibraryView       *library;
  GMenu                   *recent_section;
  GMenu                   *recent_sites_section;
  GtkStack                *content_stack;
  GtkWidget               *save_button;

  /* borrowed: the selected tab's page */
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
  guint                    show_outline : 1;
  guint                    close_confirmed : 1;
  guint                    closing : 1;     /* a save answering "Save Changes?" is under way */
};

/* Set on a page whose unsaved changes the user chose to give up (or just
 * saved) while closing it. */
#define BYLINE_PAGE_CLOSE_CONFIRMED "byline-close-confirmed"

void _byline_window_class_actions_init (BylineWindowClass *klass);
void _byline_window_update_actions     (BylineWindow      *self);
void _byline_window_abandon_close      (BylineWindow      *self);
void _byline_window_save_session       (BylineWindow      *self);
void _byline_window_close_page         (BylineWindow      *self,
                                        BylinePage        *page);

G_END_DECLS
