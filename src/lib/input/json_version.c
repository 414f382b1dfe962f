/* The jansson library JSON is read with (knockon version). */
#include <jansson.h>

#include "knockon/json.h"

const char *kn_json_jansson_version(void)
{
#if JANSSON_VERSION_HEX >= 0x020d00
	return jansson_version_str(); /* the library loaded, since 2.13 */
#else
	return JANSSON_VERSION; /* the headers built against */
#endif
}
