/* bench-form.c: what the form costs per keystroke in the editor, and per
 * form edit, on short and long posts
 *
 * Typing in the body should cost nothing (the block can't change); typing
 * in the frontmatter costs one parse of the block; a form edit costs a plan,
 * a buffer edit and a parse. Figures are printed, not asserted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "byline-form.h"

#define N_KEYS 200

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static double
time_typing (GtkTextBuffer *buffer,
             int            line)
{
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < N_KEYS; i++)
    {
      GtkTextIter iter;

      gtk_text_buffer_get_iter_at_line_offset (buffer, &iter, line, 8);
      gtk_text_buffer_insert (buffer, &iter, "x", 1);
    }

  return (g_get_monotonic_time () - start) / (double) N_KEYS;
}

static double
time_form_edits (GtkWidget *draft)
{
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < N_KEYS; i++)
    {
      gtk_switch_set_active (GTK_SWITCH (draft), !gtk_switch_get_active (GTK_SWITCH (draft)));
      iterate ();
    }

  return (g_get_monotonic_time () - start) / (double) N_KEYS;
}

static void
run (gsize body_size)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *form = byline_form_new ();
  g_autoptr(GtkTextBuffer) buffer = GTK_TEXT_BUFFER (byline_document_new ());
  g_autoptr(GString) post = g_string_new ("---\n"
                                          "title: Adding new posts in AstroPaper theme\n"
                                          "author: Sat Naing\n"
                                          "pubDatetime: 2022-09-23T15:22:00Z\n"
                                          "draft: false\n"
                                          "tags:\n"
                                          "  - docs\n"
                                          "  - astro-paper\n"
                                          "description: Some rules and recommendations for posts.\n"
                                          "---\n");
  double body_us, frontmatter_us, edit_us;

  while (post->len < body_size)
    g_string_append (post, "A paragraph of the body, with *emphasis* and ünïcödé in it.\n\n");

  gtk_window_set_child (GTK_WINDOW (window), form);
  gtk_text_buffer_set_text (buffer, post->str, -1);
  byline_form_set_document (BYLINE_FORM (form), BYLINE_DOCUMENT (buffer));
  gtk_window_present (GTK_WINDOW (window));
  iterate ();

  body_us = time_typing (buffer, 12);
  frontmatter_us = time_typing (buffer, 1);
  edit_us = time_form_edits (byline_form_get_field_widget (BYLINE_FORM (form), "draft"));

  g_print ("%8" G_GSIZE_FORMAT " bytes: key in body %8.1f µs, key in frontmatter %8.1f µs, "
           "form edit %8.1f µs\n",
           post->len, body_us, frontmatter_us, edit_us);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

int
main (int    argc,
      char **argv)
{
  g_set_prgname ("bench-form");
  gtk_init ();
  adw_init ();

  run (2000);
  run (100000);
  run (1000000);

  return 0;
}
