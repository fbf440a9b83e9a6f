/*
 * hvsim_abi.h - the contract between the guest kernel and its user programs.
 *
 * Shared by kernel/ and user/ so the two can never disagree about a system
 * call number or the user address-space layout.
 *
 * System call convention (the same as Linux x86-64, so it looks familiar):
 *   RAX = call number, arguments in RDI, RSI, RDX, R10, R8, R9,
 *   result in RAX (negative = error). SYSCALL itself overwrites RCX (the user
 *   RIP) and R11 (the user RFLAGS), so user code must treat them as clobbered.
 */
#ifndef HVSIM_ABI_H
#define HVSIM_ABI_H

#define SYS_EXIT        0  /* exit(status)                    never returns    */
#define SYS_WRITE       1  /* write(buf, len)   to the console -> len          */
#define SYS_FORK        2  /* fork()            -> child pid / 0 in the child  */
#define SYS_EXEC        3  /* exec(name, params, nparams)  -> only on error    */
#define SYS_WAIT        4  /* wait(&status)     -> pid of a reaped child, -1   */
#define SYS_GETPID      5  /* getpid()          -> pid                         */
#define SYS_YIELD       6  /* yield()           give up the CPU                */
#define SYS_SBRK        7  /* sbrk(increment)   -> old break (demand-zero heap)*/
#define SYS_CHAN_SEND   8  /* chan_send(ch, value)   blocks while slot full    */
#define SYS_CHAN_RECV   9  /* chan_recv(ch)     -> value, blocks while empty   */
#define SYS_CHAN_POLL  10  /* chan_poll(ch)     -> 1 if a value waits, else 0  */
#define SYS_SET_RESUME 11  /* set_resume(vector, rip): on that exception, resume at rip */
#define SYS_MAP_LARGE  12  /* map_large(bytes)  -> address of 2 MiB-page memory */
#define SYS_TICKS      13  /* ticks()           -> timer interrupts so far     */
#define NSYSCALLS      14

#define NCHANNELS       4  /* one-slot kernel mailboxes 0..3 */

/* User address-space layout (all below 2 GiB so -mcmodel=small works). */
#define USER_BASE        0x40000000UL  /* programs are linked here (1 GiB)      */
#define USER_STACK_TOP   0x7FFFF000UL  /* initial RSP region top                */
#define USER_STACK_SIZE  0x00100000UL  /* 1 MiB demand-zero stack               */
#define USER_LARGE_BASE  0x80000000UL  /* map_large() hands out memory from here */
#define USER_LARGE_LIMIT 0x100000000UL

/* Exit status the kernel gives a process it kills for an unhandled fault. */
#define EXIT_KILLED_BASE 128  /* + exception vector */

#endif
