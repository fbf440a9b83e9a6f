/*
 * workload.h - the table of workloads a boot can run (`workload=NAME`).
 *
 * A workload is either
 *  - a kernel workload: `run` is called in the kernel (ring 0) with the
 *    resolved parameters and prints its own CHECK/RESULT lines, or
 *  - a user workload: the kernel starts the user program `program` as the
 *    first process, passing the resolved parameters as main(params, n), and
 *    runs the scheduler until every process has exited.
 * Either way, status 0 means success; the kernel prints the DONE line.
 */
#ifndef WORKLOAD_H
#define WORKLOAD_H
#include "../lib/types.h"
#include "../proc/proc.h"

struct param_def {
    const char *name;
    u64 def;                       /* default value (an index for choice params) */
    const char *const *choices;    /* NULL-terminated names, or NULL for a number */
    const char *help;
};

struct workload {
    const char *name;
    const char *help;
    const char *program;                   /* user workloads */
    int (*run)(const u64 *params);         /* kernel workloads */
    struct param_def params[MAX_PARAMS];   /* ends at the first entry without a name */
};

extern const struct workload workloads[];  /* ends with an entry without a name */
const struct workload *workload_find(const char *name, size_t len);

/* Print a RESULT line (common/result.c format). */
void report_result(const char *workload, const char *op, u64 iters, u64 cycles);

/* kernel workloads */
int wl_in(const u64 *params);
int wl_cr8wr(const u64 *params);
int wl_callret(const u64 *params);
int wl_ptemod(const u64 *params);
int wl_io(const u64 *params);
#endif
