package org.hvsim.core.timing.ooo;

import java.util.Arrays;

/** A tiny x86-64 emitter for the test programs (hand-encoded forms only). */
final class Code {
    private int[] bytes = new int[64];
    private int size;

    Code emit(int... b) {
        for (int x : b) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, size * 2);
            }
            bytes[size++] = x & 0xFF;
        }
        return this;
    }

    int here() {
        return size;
    }

    private Code imm32(long v) {
        return emit((int) v, (int) (v >> 8), (int) (v >> 16), (int) (v >> 24));
    }

    private Code imm64(long v) {
        return imm32(v).imm32(v >>> 32);
    }

    /** add $imm8, %r8..%r15 ({@code k} = 0..7). */
    Code addR(int k, int imm8) {
        return emit(0x49, 0x83, 0xC0 + k, imm8);
    }

    /** imul %rax, %rax. */
    Code imulRaxRax() {
        return emit(0x48, 0x0F, 0xAF, 0xC0);
    }

    /** imul %rbx, %rbx. */
    Code imulRbxRbx() {
        return emit(0x48, 0x0F, 0xAF, 0xDB);
    }

    /** add $1, %rax. */
    Code incRax() {
        return emit(0x48, 0x83, 0xC0, 0x01);
    }

    /** mov (%rax), %rax. */
    Code chase() {
        return emit(0x48, 0x8B, 0x00);
    }

    /** mov $imm64, %rax. */
    Code movRax(long v) {
        return emit(0x48, 0xB8).imm64(v);
    }

    /** mov $imm64, %rsi. */
    Code movRsi(long v) {
        return emit(0x48, 0xBE).imm64(v);
    }

    /** mov (%rsi), %rax. */
    Code loadRsi() {
        return emit(0x48, 0x8B, 0x06);
    }

    /** add $imm32, %rsi. */
    Code addRsi(int v) {
        return emit(0x48, 0x81, 0xC6).imm32(v);
    }

    Code nop() {
        return emit(0x90);
    }

    /** jmp to byte offset {@code target} (rel32). */
    Code jmp(int target) {
        int rel = target - (size + 5);
        return emit(0xE9).imm32(rel);
    }

    int[] bytes() {
        return Arrays.copyOf(bytes, size);
    }
}
