#ifndef CTERMINALSHIM_H
#define CTERMINALSHIM_H
int ehc_shim_placeholder(void);
#endif
