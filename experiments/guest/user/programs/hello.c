/* hello - the program forkwait exec()s to show exec works: it receives the
 * parameters passed to exec and exits with a status built from them. */
#include "../lib/ulib.h"

int main(const u64 *params, int n) {
    printf("CHECK exec program=hello nparams=%d param0=%u ok\n", (long)n, n > 0 ? params[0] : 0);
    return n > 0 ? (int)params[0] : 0;
}
