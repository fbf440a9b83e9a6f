/* cmdline.h - parse `workload=NAME key=value ...`. */
#ifndef CMDLINE_H
#define CMDLINE_H
#include "../workloads/workload.h"

struct boot_args {
    const struct workload *workload;
    u64 params[MAX_PARAMS];        /* resolved: given value or default */
    int nparams;
    char priv[16];                 /* priv=NAME, default "native" */
};

/* Returns 0, or -1 after printing an ERROR line. */
int cmdline_parse(const char *cmdline, struct boot_args *out);
void cmdline_usage(void);
#endif
