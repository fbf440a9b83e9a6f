package org.hvsim.core.decode;

/**
 * Operand descriptors of the opcode maps, named after the Intel SDM Vol. 2D Appendix A notation
 * (addressing method letter + operand type): {@code Ev} is a ModRM r/m operand of the effective
 * operand size, {@code Gb} a ModRM reg byte register, {@code Iz} a 16/32-bit immediate, and so on.
 */
enum OperandSpec {
    /** r/m byte. */
    Eb,
    /** r/m word. */
    Ew,
    /** r/m doubleword. */
    Ed,
    /** r/m of the effective operand size. */
    Ev,
    /**
     * r/m: a word in memory, a register of the effective operand size (SDM "Mw/Rv": MOV to and
     * from segment registers, SLDT, STR, LAR and LSL).
     */
    MwRv,
    /** r/m, 64-bit in 64-bit mode regardless of prefixes (MOV CR/DR, VMREAD/VMWRITE). */
    Eq,
    /** ModRM reg, byte. */
    Gb,
    /** ModRM reg, word. */
    Gw,
    /** ModRM reg, effective operand size. */
    Gv,
    /** ModRM reg, 64-bit (INVEPT, INVVPID, INVPCID, VMREAD, VMWRITE). */
    Gq,
    /** Immediate byte. */
    Ib,
    /** Immediate byte, sign-extended to the operand size. */
    Ibs,
    /** Immediate word. */
    Iw,
    /** Immediate of 16 or 32 bits (by operand size), sign-extended to 64 for 64-bit operands. */
    Iz,
    /** Immediate of the full operand size: 16, 32 or 64 bits (MOV r, imm). */
    Iv,
    /** Relative branch displacement, byte. */
    Jb,
    /** Relative branch displacement, 32 bits in 64-bit mode. */
    Jz,
    /** Memory only, no data access (LEA, INVLPG, CLFLUSH): size 0. */
    M,
    /** Memory only, operand size. */
    Mv,
    /** Memory only, 8 bytes. */
    Mq,
    /** Memory only, 16 bytes (CMPXCHG16B, INVEPT descriptor). */
    Mdq,
    /** Memory only, far pointer (offset + selector). */
    Mp,
    /** Memory only, pseudo-descriptor (limit + base, 10 bytes in 64-bit mode). */
    Ms,
    /** Register in the low three opcode bits (+REX.B), byte. */
    Zb,
    /** Register in the low three opcode bits (+REX.B), operand size. */
    Zv,
    /** AL. */
    AL,
    /** AL/AX/EAX/RAX by operand size. */
    rAX,
    /** AX or EAX (I/O: never 64 bits). */
    eAX,
    /** CL (shift counts). */
    CL,
    /** DX (I/O port). */
    DX,
    /** The constant 1 of the shift-by-one forms (D0-D3). */
    ONE,
    /** Segment register from ModRM reg. */
    Sw,
    /** The FS segment register (PUSH FS, POP FS). */
    FS,
    /** The GS segment register (PUSH GS, POP GS). */
    GS,
    /** Control register from ModRM reg. */
    Cd,
    /** Debug register from ModRM reg. */
    Dd,
    /** Register from ModRM r/m (mod must be 3), 64 bits: MOV to/from CR/DR. */
    Rq,
    /** Memory offset (moffs) of A0-A3, byte access. */
    Ob,
    /** Memory offset (moffs) of A0-A3, operand-size access. */
    Ov
}
