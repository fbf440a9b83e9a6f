/* args.c - prints argc and argv (the test passes arguments), and walks envp/auxv without printing
 * them (they legitimately differ between the host and hvsim). */
#include "rt.h"

static const char *basename_of(const char *p) {
    const char *b = p;
    for (; *p; p++) if (*p == '/') b = p + 1;
    return b;
}

int main(int argc, char **argv) {
    printf("argc = %d\n", argc);
    printf("argv[0] basename = %s\n", basename_of(argv[0]));
    uint64_t h = 0;
    for (int i = 1; i < argc; i++) {
        size_t n = strlen(argv[i]);
        printf("argv[%d] = \"%s\" (%zu bytes)\n", i, argv[i], n);
        for (size_t k = 0; k < n; k++) h = h * 131 + (uint8_t)argv[i][k];
    }
    CHECK(argv[argc] == 0);
    char **envp = argv + argc + 1;
    int envc = 0;
    while (envp[envc]) envc++;
    uint64_t *auxv = (uint64_t *)(envp + envc + 1);
    int auxc = 0, have_pagesz = 0;
    uint64_t pagesz = 0;
    while (auxv[2 * auxc] != 0) {
        if (auxv[2 * auxc] == 6) { have_pagesz = 1; pagesz = auxv[2 * auxc + 1]; }   /* AT_PAGESZ */
        auxc++;
    }
    printf("auxv has AT_PAGESZ: %d (%s)\n", have_pagesz, pagesz == 4096 ? "4096" : "other");
    printf("argument hash %016lx\n", (unsigned long)h);
    rt_mix(h);
    rt_mix((uint64_t)argc);
    return rt_finish("args");
}
