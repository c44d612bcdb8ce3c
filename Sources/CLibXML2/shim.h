// libxml2's streaming writer, for the SEN2 return: well-formed, escaped XML written as it is made.
#include <libxml/xmlversion.h>
// Debian's libxml2 is built with ICU and would pull the system's ICU headers in beside the copy
// Foundation bundles, which clash; only the encoding handler's private fields use them, and
// ehcdesk never touches that structure (it writes UTF-8 through opaque pointers).
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlwriter.h>
