/* byline-renderer.c: how the window is drawn on this machine
 *
 * GTK before 4.14 draws windows with OpenGL even when OpenGL is Mesa's
 * software rasteriser (llvmpipe: virtual machines, remote desktops, Xvfb,
 * machines without a GPU driver). Every frame is then rasterised on the CPU
 * through GL, which measured about 90 ms per keystroke on two cores, where
 * GTK's own software renderer (cairo) draws the same frame in a few. GTK
 * 4.14 and later no longer pick their GL renderers on llvmpipe; on older
 * GTK Byline does the same, once, before the first window is drawn.
 *
 * The user's GSK_RENDERER always wins. WebKit, which composites with GL
 * too, is told the same (see byline_renderer_is_software()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Byline"

#include "config.h"

#include <string.h>

#include <epoxy/gl.h>
#include <gtk/gtk.h>

#include "byline-renderer.h"

static gboolean software_gl;

/* The values Mesa reads as true. */
static gboolean
env_is_true (const char *name)
{
  const char *s = g_getenv (name);

  return s != NULL && (g_strcmp0 (s, "1") == 0 || g_ascii_strcasecmp (s, "true") == 0 ||
                       g_ascii_strcasecmp (s, "y") == 0 || g_ascii_strcasecmp (s, "yes") == 0);
}

static gboolean
renderer_name_is_software (const char *name)
{
  return name != NULL &&
         (strstr (name, "llvmpipe") != NULL || strstr (name, "softpipe") != NULL ||
          strstr (name, "Software Rasterizer") != NULL || strstr (name, "SWR") != NULL);
}

/* Asks the display's OpenGL which renderer it is. */
static gboolean
display_gl_is_software (GdkDisplay *display)
{
  g_autoptr(GdkGLContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  gboolean software;

  if (!gdk_display_prepare_gl (display, &error))
    {
      /* No GL at all: GTK draws with cairo by itself. */
      g_debug ("Renderer: no OpenGL (%s)", error->message);
      return FALSE;
    }

  context = gdk_display_create_gl_context (display, &error);
  if (context == NULL || !gdk_gl_context_realize (context, &error))
    {
      g_debug ("Renderer: no OpenGL context (%s)", error != NULL ? error->message : "");
      return FALSE;
    }

  gdk_gl_context_make_current (context);
  name = (const char *) glGetString (GL_RENDERER);
  software = renderer_name_is_software (name);
  g_debug ("Renderer: OpenGL is %s%s", name != NULL ? name : "unknown",
           software ? ", a software rasteriser" : "");
  gdk_gl_context_clear_current ();

  return software;
}

/**
 * byline_renderer_choose:
 *
 * Call once, after gtk_init() and before the first window is shown: when
 * OpenGL here is a software rasteriser and GTK is older than 4.14, draws
 * windows with GTK's software renderer instead, unless the user chose one
 * with GSK_RENDERER.
 */
void
byline_renderer_choose (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  software_gl = env_is_true ("LIBGL_ALWAYS_SOFTWARE");

  if (display == NULL)
    return;

#if !GTK_CHECK_VERSION (4, 14, 0)
  if (g_getenv ("GSK_RENDERER") == NULL)
    {
      if (software_gl || display_gl_is_software (display))
        {
          software_gl = TRUE;
          /* Read by GTK when it makes the first window's renderer. */
          g_setenv ("GSK_RENDERER", "cairo", FALSE);
        }
      return;
    }
#endif

  if (!software_gl && g_strcmp0 (g_getenv ("GSK_RENDERER"), "cairo") != 0)
    software_gl = display_gl_is_software (display);
}

/**
 * byline_renderer_is_software:
 *
 * Returns: %TRUE when OpenGL here is a software rasteriser (as found by
 *   byline_renderer_choose()): WebKit then draws without it too
 */
gboolean
byline_renderer_is_software (void)
{
  /* Also for programs that never chose (the tests), from what Mesa reads. */
  return software_gl || env_is_true ("LIBGL_ALWAYS_SOFTWARE");
}
