/* knockon — which declarations are the library's interface.
 *
 * The library is built with hidden visibility (-fvisibility=hidden): a
 * function is exported from libknockon.so only when its declaration in
 * include/knockon/ carries KN_API, so everything else — the modules'
 * internal interfaces — stays out of the shared library's symbol table
 * (tests/scripts/exported_symbols.sh checks the two sets are equal).  For a
 * program using the library the attribute changes nothing. */
#ifndef KNOCKON_EXPORT_H
#define KNOCKON_EXPORT_H

#if defined(__GNUC__) || defined(__clang__)
#define KN_API __attribute__((visibility("default")))
#else
#define KN_API
#endif

#endif
