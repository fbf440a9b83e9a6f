/* switch.c - dense switches (jump tables) and a tiny stack-bytecode interpreter. */
#include "rt.h"

static int classify(int c) {
    switch (c) {
    case 0: return 17;  case 1: return 3;   case 2: return 99;  case 3: return -4;
    case 4: return 12;  case 5: return 8;   case 6: return 1;   case 7: return 77;
    case 8: return -13; case 9: return 21;  case 10: return 5;  case 11: return 0;
    case 12: return 64; case 13: return 33; case 14: return -2; case 15: return 9;
    default: return -1;
    }
}

static const char *day_name(unsigned d) {
    switch (d % 7) {
    case 0: return "Mon"; case 1: return "Tue"; case 2: return "Wed"; case 3: return "Thu";
    case 4: return "Fri"; case 5: return "Sat"; default: return "Sun";
    }
}

/* A switch on a char with a sparse and a dense part. */
static int char_kind(char c) {
    switch (c) {
    case 'a': case 'e': case 'i': case 'o': case 'u': return 1;
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9': return 2;
    case ' ': return 3;
    case '!': case '?': case '.': return 4;
    default: return 0;
    }
}

/* Bytecode */
enum {
    OP_HALT, OP_PUSH, OP_POP, OP_DUP, OP_SWAP, OP_OVER, OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD,
    OP_NEG, OP_AND, OP_OR, OP_XOR, OP_SHL, OP_SHR, OP_EQ, OP_LT, OP_JMP, OP_JZ, OP_JNZ,
    OP_LOAD, OP_STORE, OP_PRINT, OP_CALL, OP_RET, OP_INC, OP_DEC, OP_NOP
};

typedef struct {
    int64_t stack[64];
    int sp;
    int64_t vars[8];
    int rstack[16];
    int rsp;
    long steps;
    uint64_t out_hash;
} vm;

static int64_t run(vm *m, const int32_t *code) {
    int pc = 0;
    m->sp = m->rsp = 0;
    for (;;) {
        int32_t op = code[pc++];
        m->steps++;
        int64_t a, b;
        switch (op) {
        case OP_HALT: return m->sp ? m->stack[m->sp - 1] : 0;
        case OP_PUSH: m->stack[m->sp++] = code[pc++]; break;
        case OP_POP: m->sp--; break;
        case OP_DUP: m->stack[m->sp] = m->stack[m->sp - 1]; m->sp++; break;
        case OP_SWAP: a = m->stack[m->sp - 1]; m->stack[m->sp - 1] = m->stack[m->sp - 2]; m->stack[m->sp - 2] = a; break;
        case OP_OVER: m->stack[m->sp] = m->stack[m->sp - 2]; m->sp++; break;
        case OP_ADD: b = m->stack[--m->sp]; m->stack[m->sp - 1] += b; break;
        case OP_SUB: b = m->stack[--m->sp]; m->stack[m->sp - 1] -= b; break;
        case OP_MUL: b = m->stack[--m->sp]; m->stack[m->sp - 1] *= b; break;
        case OP_DIV: b = m->stack[--m->sp]; m->stack[m->sp - 1] = b ? m->stack[m->sp - 1] / b : 0; break;
        case OP_MOD: b = m->stack[--m->sp]; m->stack[m->sp - 1] = b ? m->stack[m->sp - 1] % b : 0; break;
        case OP_NEG: m->stack[m->sp - 1] = -m->stack[m->sp - 1]; break;
        case OP_AND: b = m->stack[--m->sp]; m->stack[m->sp - 1] &= b; break;
        case OP_OR: b = m->stack[--m->sp]; m->stack[m->sp - 1] |= b; break;
        case OP_XOR: b = m->stack[--m->sp]; m->stack[m->sp - 1] ^= b; break;
        case OP_SHL: b = m->stack[--m->sp]; m->stack[m->sp - 1] = (int64_t)((uint64_t)m->stack[m->sp - 1] << (b & 63)); break;
        case OP_SHR: b = m->stack[--m->sp]; m->stack[m->sp - 1] >>= (b & 63); break;
        case OP_EQ: b = m->stack[--m->sp]; m->stack[m->sp - 1] = m->stack[m->sp - 1] == b; break;
        case OP_LT: b = m->stack[--m->sp]; m->stack[m->sp - 1] = m->stack[m->sp - 1] < b; break;
        case OP_JMP: pc = code[pc]; break;
        case OP_JZ: a = m->stack[--m->sp]; pc = a == 0 ? code[pc] : pc + 1; break;
        case OP_JNZ: a = m->stack[--m->sp]; pc = a != 0 ? code[pc] : pc + 1; break;
        case OP_LOAD: m->stack[m->sp++] = m->vars[code[pc++]]; break;
        case OP_STORE: m->vars[code[pc++]] = m->stack[--m->sp]; break;
        case OP_PRINT: a = m->stack[--m->sp]; m->out_hash = (m->out_hash ^ (uint64_t)a) * 0x100000001b3ULL; break;
        case OP_CALL: m->rstack[m->rsp++] = pc + 1; pc = code[pc]; break;
        case OP_RET: pc = m->rstack[--m->rsp]; break;
        case OP_INC: m->stack[m->sp - 1]++; break;
        case OP_DEC: m->stack[m->sp - 1]--; break;
        case OP_NOP: break;
        default: printf("bad opcode %d at %d\n", op, pc - 1); return -1;
        }
    }
}

/* sum of i*i for i in 1..n, n in var 0 */
static const int32_t prog_sumsq[] = {
    OP_PUSH, 0, OP_STORE, 1,                    /* 0: acc = 0 */
    OP_LOAD, 0, OP_JZ, -1,                      /* 4: while n != 0 (target patched) */
    OP_LOAD, 0, OP_DUP, OP_MUL, OP_LOAD, 1, OP_ADD, OP_STORE, 1,  /* 8: acc += n*n */
    OP_LOAD, 0, OP_DEC, OP_STORE, 0, OP_JMP, 4,  /* 17; the epilogue is appended at run time */
};

/* gcd(a, b) with a in var 0, b in var 1 (Euclid via MOD) */
static const int32_t prog_gcd[] = {
    OP_LOAD, 1, OP_JZ, 17,                      /* 0: while b != 0 */
    OP_LOAD, 0, OP_LOAD, 1, OP_MOD,             /* 4: t = a % b */
    OP_LOAD, 1, OP_STORE, 0, OP_STORE, 1,       /* 9: a = b; b = t */
    OP_JMP, 0,                                  /* 15 */
    OP_LOAD, 0, OP_HALT,                        /* 17 */
};

/* factorial via a called subroutine: fact(n) iterative, prints each partial product */
static const int32_t prog_fact[] = {
    OP_CALL, 4, OP_HALT, OP_NOP,                /* 0 */
    OP_PUSH, 1, OP_STORE, 1,                    /* 4: acc = 1 */
    OP_LOAD, 0, OP_PUSH, 1, OP_LT, OP_JNZ, 31,  /* 8: while !(n < 1) */
    OP_LOAD, 1, OP_LOAD, 0, OP_MUL, OP_DUP, OP_PRINT, OP_STORE, 1,  /* 15 */
    OP_LOAD, 0, OP_DEC, OP_STORE, 0, OP_JMP, 8, /* 24 */
    OP_LOAD, 1, OP_RET,                         /* 31 */
};

/* collatz steps for var 0, bit ops mix */
static const int32_t prog_collatz[] = {
    OP_PUSH, 0, OP_STORE, 2,                    /* 0: steps = 0 */
    OP_LOAD, 0, OP_PUSH, 1, OP_EQ, OP_JNZ, 43,  /* 4: while n != 1 */
    OP_LOAD, 0, OP_PUSH, 1, OP_AND, OP_JZ, 29,  /* 11: if odd */
    OP_LOAD, 0, OP_PUSH, 3, OP_MUL, OP_INC, OP_STORE, 0, OP_JMP, 36, OP_NOP,  /* 18: n = 3n+1 */
    OP_LOAD, 0, OP_PUSH, 1, OP_SHR, OP_STORE, 0, /* 29: n >>= 1 */
    OP_LOAD, 2, OP_INC, OP_STORE, 2, OP_JMP, 4, /* 36: steps++ */
    OP_LOAD, 2, OP_HALT,                        /* 43 */
};

int main(void) {
    uint64_t acc = 0;
    for (int i = -3; i < 40; i++) {
        int c = classify(i & 0x1f ? i : i - 1);
        acc = acc * 3 + (uint64_t)(int64_t)c;
    }
    printf("classify acc %lu\n", (unsigned long)acc);
    rt_mix(acc);
    for (unsigned d = 0; d < 10; d++) printf("%s%c", day_name(d * 3), d == 9 ? '\n' : ' ');
    const char *s = "hello world 2024, is this it? yes! 0123456789 aeiou.";
    int kinds[5] = {0};
    for (const char *p = s; *p; p++) kinds[char_kind(*p)]++;
    printf("kinds: other %d vowel %d digit %d space %d punct %d\n", kinds[0], kinds[1], kinds[2], kinds[3], kinds[4]);
    CHECK_EQ(kinds[2], 14);
    rt_mix((uint64_t)kinds[0] << 32 | (uint64_t)kinds[1] << 16 | (uint64_t)kinds[3]);

    static vm m;
    /* prog_sumsq: append the epilogue and point the loop exit at it */
    int32_t sumsq[sizeof prog_sumsq / sizeof prog_sumsq[0] + 3];
    int n = (int)(sizeof prog_sumsq / sizeof prog_sumsq[0]);
    memcpy(sumsq, prog_sumsq, sizeof prog_sumsq);
    sumsq[n] = OP_LOAD; sumsq[n + 1] = 1; sumsq[n + 2] = OP_HALT;
    sumsq[7] = n;
    for (int k = 1; k <= 400; k += 57) {
        m.vars[0] = k;
        int64_t v = run(&m, sumsq);
        int64_t want = (int64_t)k * (k + 1) * (2 * k + 1) / 6;
        printf("sumsq(%d) = %ld\n", k, (long)v);
        CHECK_EQ(v, want);
        rt_mix((uint64_t)v);
    }
    for (int k = 0; k < 6; k++) {
        m.vars[0] = 1071L * (k + 1) * 3;
        m.vars[1] = 462L * (k + 2);
        int64_t g = run(&m, prog_gcd);
        printf("vm gcd = %ld\n", (long)g);
        rt_mix((uint64_t)g);
    }
    m.out_hash = 0;
    m.vars[0] = 20;
    int64_t f = run(&m, prog_fact);
    printf("vm 20! = %ld out_hash %016lx\n", (long)f, (unsigned long)m.out_hash);
    CHECK_EQ(f, 2432902008176640000LL);
    rt_mix(m.out_hash);
    int64_t total = 0;
    for (int k = 1; k <= 300; k++) {
        m.vars[0] = k;
        total += run(&m, prog_collatz);
    }
    printf("vm collatz total steps 1..300 = %ld, vm steps %ld\n", (long)total, m.steps);
    rt_mix((uint64_t)total);
    rt_mix((uint64_t)m.steps);
    return rt_finish("switch");
}
