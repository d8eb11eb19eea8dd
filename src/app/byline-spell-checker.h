/* byline-spell-checker.h: misspelled words underlined in the editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BYLINE_TYPE_SPELL_CHECKER (byline_spell_checker_get_type ())

G_DECLARE_FINAL_TYPE (BylineSpellChecker, byline_spell_checker, BYLINE, SPELL_CHECKER, GObject)

BylineSpellChecker *byline_spell_checker_new            (GtkTextView        *view);
gboolean            byline_spell_checker_get_enabled    (BylineSpellChecker *self);
void                byline_spell_checker_set_enabled    (BylineSpellChecker *self,
                                                         gboolean            enabled);
const char         *byline_spell_checker_get_language   (BylineSpellChecker *self);
void                byline_spell_checker_set_language   (BylineSpellChecker *self,
                                                         const char         *language);
void                byline_spell_checker_set_site_language (BylineSpellChecker *self,
                                                           const char         *language);
const char         *byline_spell_checker_get_wanted_language (BylineSpellChecker *self);
gboolean            byline_spell_checker_get_checking   (BylineSpellChecker *self);
GMenuModel         *byline_spell_checker_get_menu       (BylineSpellChecker *self);
void                byline_spell_checker_update_menu    (BylineSpellChecker *self,
                                                         const GtkTextIter  *iter);
gboolean            byline_spell_checker_is_misspelled  (BylineSpellChecker *self,
                                                         const GtkTextIter  *iter);
void                byline_spell_checker_get_stats      (BylineSpellChecker *self,
                                                         guint              *n_slices,
                                                         gint64             *longest_usec,
                                                         gint64             *longest_cpu_usec);
void                byline_spell_checker_reset_stats    (BylineSpellChecker *self);
gboolean            byline_spell_checker_has_dictionary (const char         *language);

G_END_DECLS
