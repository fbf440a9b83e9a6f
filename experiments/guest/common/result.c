/* result.c - the machine-readable RESULT line (see docs/guest.md). */
#include "common.h"

int format_result(char *buf, csize_t size, const char *workload, const char *op,
                  unsigned long iters, unsigned long cycles) {
    unsigned long per100 = iters ? cycles * 100 / iters : 0;   /* two decimals, no floating point */
    return snformat(buf, size, "RESULT workload=%s op=%s iters=%u cycles=%u cycles_per_op=%u.%02u\n",
                    workload, op, iters, cycles, per100 / 100, per100 % 100);
}
