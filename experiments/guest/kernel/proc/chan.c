/*
 * chan.c - channels: tiny one-slot mailboxes between processes, used by the
 * ctxswitch and preempt workloads. send blocks while the slot is full, recv
 * blocks while it is empty; each wakes the other side. A ping-pong over two
 * channels therefore forces exactly one context switch per message.
 */
#include "proc.h"
#include "../../include/hvsim_abi.h"

static struct { bool full; u64 value; } chans[NCHANNELS];

i64 chan_send(u64 ch, u64 value) {
    if (ch >= NCHANNELS) return -1;
    while (chans[ch].full) proc_sleep(&chans[ch]);
    chans[ch].value = value;
    chans[ch].full = true;
    proc_wakeup(&chans[ch]);
    return 0;
}

i64 chan_recv(u64 ch) {
    if (ch >= NCHANNELS) return -1;
    while (!chans[ch].full) proc_sleep(&chans[ch]);
    chans[ch].full = false;
    proc_wakeup(&chans[ch]);
    return (i64)chans[ch].value;
}

i64 chan_poll(u64 ch) {
    if (ch >= NCHANNELS) return -1;
    return chans[ch].full;
}
