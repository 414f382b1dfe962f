/* The one font every map is laid out with.
 *
 * Graphviz measures every label with the fonts fontconfig offers, so a map's
 * layout (node widths, the SVG's coordinates, the PNG's pixels) would depend
 * on which fonts a machine happens to have.  Before the first Graphviz
 * context starts, knockon makes fontconfig's current configuration one that
 * holds knockon's own font files and nothing else: every family any label
 * asks for is then served by that face, on every machine.  KNOCKON_FONT_FILE
 * names another file, or "system" for the machine's own configuration
 * (docs/maps.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fontconfig/fontconfig.h>

#include "map_internal.h"

#ifndef KN_FONT_DIR
#define KN_FONT_DIR "/usr/share/fonts/truetype/dejavu"
#endif
#define KN_FONT_PACKAGE "fonts-dejavu-core"

static const char *const default_files[] = {
	KN_FONT_DIR "/DejaVuSans.ttf",
	KN_FONT_DIR "/DejaVuSans-Bold.ttf",
};

static struct {
	int done;
	char warning[640];
} font_state;

/* A configuration holding only the fonts of the given files (those after
 * the first are optional); NULL when the first gives no font (missing,
 * unreadable, a folder, not a font). */
static FcConfig *config_of(const char *const *files, size_t n)
{
	FcConfig *cfg = FcConfigCreate();
	FcFontSet *set;
	size_t i;

	if (!cfg)
		return NULL;
	for (i = 0; i < n; i++) {
		if (FcConfigAppFontAddFile(cfg, (const FcChar8 *)files[i]))
			continue;
		if (i == 0)
			break;
	}
	set = FcConfigGetFonts(cfg, FcSetApplication);
	if (i < n || !set || set->nfont == 0) {
		FcConfigDestroy(cfg);
		return NULL;
	}
	return cfg;
}

static void set_up(void)
{
	const char *own = getenv("KNOCKON_FONT_FILE");
	FcConfig *cfg;

	if (own && strcmp(own, "system") == 0)
		return; /* the machine's fonts, as the user asked */
	if (own && *own) {
		cfg = config_of(&own, 1);
		if (!cfg)
			snprintf(font_state.warning, sizeof font_state.warning,
				 "KNOCKON_FONT_FILE %.300s is not a font file "
				 "that can be read; maps use the machine's fonts "
				 "and their layout may differ between machines",
				 own);
	} else {
		cfg = config_of(default_files,
				sizeof default_files / sizeof *default_files);
		if (!cfg)
			snprintf(font_state.warning, sizeof font_state.warning,
				 "%s not found (install the Debian package %s); "
				 "maps use the machine's fonts and their layout "
				 "may differ between machines",
				 default_files[0], KN_FONT_PACKAGE);
	}
	if (!cfg)
		return;
	/* FcConfigSetCurrent takes a reference of its own */
	if (!FcConfigSetCurrent(cfg))
		snprintf(font_state.warning, sizeof font_state.warning,
			 "fontconfig refused knockon's font configuration; "
			 "maps use the machine's fonts and their layout may "
			 "differ between machines");
	FcConfigDestroy(cfg);
}

const char *kn_map_font_setup(void)
{
	if (!font_state.done) {
		font_state.done = 1;
		set_up();
	}
	return font_state.warning[0] ? font_state.warning : NULL;
}
