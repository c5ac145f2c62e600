/*
 * xdg.h — where herald keeps its files, by the XDG base directory rules.
 *
 * Configuration: $XDG_CONFIG_HOME/herald (default ~/.config/herald).
 * Data (the database: feed cache, read state, positions):
 * $XDG_DATA_HOME/herald (default ~/.local/share/herald).
 * A relative XDG variable is ignored, as the specification says.
 */
#ifndef HERALD_BASE_XDG_H
#define HERALD_BASE_XDG_H

#include "base/error.h"

/* The path of NAME inside herald's config or data folder, on the heap
 * (the caller frees it), or NULL with *err set when neither the XDG
 * variable nor HOME says where that is. */
char *xdg_config_path(const char *name, struct hr_error *err);
char *xdg_data_path(const char *name, struct hr_error *err);

/* Create the folders above path (mode 0700 for ones herald makes); 0 or
 * -1 with *err set. */
int xdg_make_parents(const char *path, struct hr_error *err);

#endif /* HERALD_BASE_XDG_H */
