/* trap.h - exception and interrupt handling. */
#ifndef TRAP_H
#define TRAP_H
#include "cpu.h"

#define TIMER_HZ 1000            /* scheduler tick: 1 ms */
extern volatile u64 timer_ticks;

void trap_dispatch(struct trapframe *tf);   /* called from entry.S */
void syscall_dispatch(struct trapframe *tf);
#endif
