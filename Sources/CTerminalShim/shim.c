#include "CTerminalShim.h"
int ehc_shim_placeholder(void) { return 0; }
