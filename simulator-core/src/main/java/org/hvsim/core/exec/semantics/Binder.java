package org.hvsim.core.exec.semantics;

import org.hvsim.core.ExceptionVector;
import org.hvsim.core.decode.DecodedInstruction;
import org.hvsim.core.decode.Mnemonic;
import org.hvsim.core.decode.Operand;
import org.hvsim.core.decode.RegisterClass;
import org.hvsim.core.decode.Sensitivity;
import org.hvsim.core.exec.Insn;
import org.hvsim.core.system.SystemCpu;

/**
 * Binds a decoded instruction to its semantics, choosing a specialised implementation for the
 * hot operand forms (register-register and register-memory ALU and MOV at 32 and 64 bits,
 * near branches) and a generic {@link Loc}-based one otherwise. Runs once per decoded
 * instruction, never on the execution path.
 */
public final class Binder {
    /** The system CPU in system mode (full CPL 0-3 semantics); null in user-mode simulation. */
    private final SystemCpu system;
    /** What CPUID answers. */
    private final org.hvsim.core.cpu.Cpuid cpuid;

    /** A user-mode binder for the default CPU model. */
    public Binder() {
        this(org.hvsim.core.cpu.PresetLoader.defaultModel());
    }

    /** A binder for user-mode simulation: system instructions as a CPL 3 Linux process sees them. */
    public Binder(org.hvsim.core.cpu.CpuModel model) {
        this.system = null;
        this.cpuid = new org.hvsim.core.cpu.Cpuid(model);
    }

    /** A binder for system mode, where {@code system} supplies privilege state, devices and the CPU model. */
    public Binder(SystemCpu system) {
        this.system = system;
        this.cpuid = new org.hvsim.core.cpu.Cpuid(system.model());
    }

    public Insn bind(DecodedInstruction d) {
        Mnemonic m = d.mnemonic;
        Operand[] o = d.operands;
        if (system != null && m.sensitivity() != Sensitivity.INNOCUOUS) {
            Insn insn = bindSystem(d);
            if (insn != null) {
                return insn;
            }
        }
        switch (m) {
            case ADD: case OR: case ADC: case SBB: case AND: case SUB: case XOR: case CMP: case TEST:
                return alu(d, Alu.opOf(m));
            case INC: return incDec(d, true);
            case DEC: return incDec(d, false);
            case NEG: return new Unary.Generic(d, Unary.NEG, loc(d, 0));
            case NOT: return new Unary.Generic(d, Unary.NOT, loc(d, 0));
            case MOV: return move(d);
            case MOVZX: return extend(d, false);
            case MOVSX: case MOVSXD: return extend(d, true);
            case LEA: return lea(d);
            case XCHG: return new Moves.Exchange(d, loc(d, 0), loc(d, 1));
            case CMOVCC:
                if (wide(d) && isGpr(o[0], d.operandSize) && isGpr(o[1], d.operandSize)) {
                    return new Moves.ConditionalMoveRegister(d, o[0].reg, o[1].reg, d.operandSize);
                }
                return new Moves.ConditionalMove(d, loc(d, 0), loc(d, 1));
            case SETCC: return new Moves.SetCondition(d, loc(d, 0));
            case BSWAP: return new Moves.ByteSwap(d, loc(d, 0));
            case CBW: case CWDE: case CDQE: return new Moves.SignExtendAccumulator(d);
            case CWD: case CDQ: case CQO: return new Moves.SignExtendIntoDx(d);
            case XLAT: return new Moves.TableLookup(d);
            case MOVBE: return new Moves.MoveByteSwapped(d, loc(d, 0), loc(d, 1));
            case PUSH: return push(d);
            case POP: return pop(d);
            case PUSHF: return new Stack.PushFlags(d);
            case POPF: return new Stack.PopFlags(d);
            case LEAVE: return new Stack.Leave(d);
            case ENTER: return new Stack.Enter(d);
            case JMP:
                if (o[0].kind == Operand.Kind.REL && o[0].imm == d.address) {
                    return new Control.JumpToItself(d, system);
                }
                return o[0].kind == Operand.Kind.REL ? new Control.JumpRelative(d) : new Control.JumpIndirect(d, loc(d, 0));
            case JCC: return new Control.JumpConditional(d);
            case CALL:
                return o[0].kind == Operand.Kind.REL ? new Control.CallRelative(d) : new Control.CallIndirect(d, loc(d, 0));
            case RET: return new Control.Return(d);
            case LOOP: return new Control.Loop(d, Control.Loop.ALWAYS);
            case LOOPE: return new Control.Loop(d, Control.Loop.WHILE_EQUAL);
            case LOOPNE: return new Control.Loop(d, Control.Loop.WHILE_NOT_EQUAL);
            case JRCXZ: case JECXZ: return new Control.JumpIfCountZero(d);
            case ROL: return shift(d, Shifts.ROL);
            case ROR: return shift(d, Shifts.ROR);
            case RCL: return shift(d, Shifts.RCL);
            case RCR: return shift(d, Shifts.RCR);
            case SHL: return shift(d, Shifts.SHL);
            case SHR: return shift(d, Shifts.SHR);
            case SAR: return shift(d, Shifts.SAR);
            case SHLD: return new Shifts.DoubleShift(d, true, loc(d, 0), loc(d, 1), loc(d, 2));
            case SHRD: return new Shifts.DoubleShift(d, false, loc(d, 0), loc(d, 1), loc(d, 2));
            case MUL: return new MulDiv.Widening(d, loc(d, 0), false);
            case IMUL: return imul(d);
            case DIV: return new MulDiv.Divide(d, loc(d, 0), false);
            case IDIV: return new MulDiv.Divide(d, loc(d, 0), true);
            case BT: return new BitOps.BitTest(d, BitOps.BT, loc(d, 0), loc(d, 1));
            case BTS: return new BitOps.BitTest(d, BitOps.BTS, loc(d, 0), loc(d, 1));
            case BTR: return new BitOps.BitTest(d, BitOps.BTR, loc(d, 0), loc(d, 1));
            case BTC: return new BitOps.BitTest(d, BitOps.BTC, loc(d, 0), loc(d, 1));
            case BSF: return new BitOps.BitScan(d, false, loc(d, 0), loc(d, 1));
            case BSR: return new BitOps.BitScan(d, true, loc(d, 0), loc(d, 1));
            case TZCNT: return new BitOps.Count(d, BitOps.Count.TZCNT, loc(d, 0), loc(d, 1));
            case LZCNT: return new BitOps.Count(d, BitOps.Count.LZCNT, loc(d, 0), loc(d, 1));
            case POPCNT: return new BitOps.Count(d, BitOps.Count.POPCNT, loc(d, 0), loc(d, 1));
            case XADD: return new Atomics.ExchangeAdd(d, loc(d, 0), loc(d, 1));
            case CMPXCHG: return new Atomics.CompareExchange(d, loc(d, 0), loc(d, 1));
            case CMPXCHG8B: return new Atomics.CompareExchangeDouble(d, (Locs.Mem) loc(d, 0), false);
            case CMPXCHG16B: return new Atomics.CompareExchangeDouble(d, (Locs.Mem) loc(d, 0), true);
            case MOVS: case CMPS: case STOS: case LODS: case SCAS:
                return new Strings.StringOp(d, Strings.opOf(m));
            case CLC: return new FlagOps.FlagOp(d, FlagOps.CLC);
            case STC: return new FlagOps.FlagOp(d, FlagOps.STC);
            case CMC: return new FlagOps.FlagOp(d, FlagOps.CMC);
            case CLD: return new FlagOps.FlagOp(d, FlagOps.CLD);
            case STD: return new FlagOps.FlagOp(d, FlagOps.STD);
            case LAHF: return new FlagOps.FlagOp(d, FlagOps.LAHF);
            case SAHF: return new FlagOps.FlagOp(d, FlagOps.SAHF);
            case NOP: case PAUSE: case ENDBR64: case ENDBR32: case PREFETCH:
            case LFENCE: case SFENCE: case MFENCE: case CLFLUSH:
                return new UserModeSystem.NoOperation(d);
            default:
                return system(d);
        }
    }

    /**
     * System mode: the sensitive instructions with their full semantics, or null for those whose
     * behaviour does not depend on privilege state (they bind as in user mode).
     */
    private Insn bindSystem(DecodedInstruction d) {
        SystemCpu sys = system;
        Operand[] o = d.operands;
        switch (d.mnemonic) {
            case MOV_CR: {
                boolean toCr = o[0].regClass == RegisterClass.CONTROL;
                return new SystemInstructions.MoveControlRegister(d, sys, toCr ? o[0].reg : o[1].reg,
                        toCr ? o[1].reg : o[0].reg, toCr);
            }
            case MOV_DR: {
                boolean toDr = o[0].regClass == RegisterClass.DEBUG;
                return new SystemInstructions.MoveDebugRegister(d, sys, toDr ? o[0].reg : o[1].reg,
                        toDr ? o[1].reg : o[0].reg, toDr);
            }
            case LGDT: return new SystemInstructions.DescriptorTableRegister(d, sys, mem(d, 0), false, true);
            case LIDT: return new SystemInstructions.DescriptorTableRegister(d, sys, mem(d, 0), true, true);
            case SGDT: return new SystemInstructions.DescriptorTableRegister(d, sys, mem(d, 0), false, false);
            case SIDT: return new SystemInstructions.DescriptorTableRegister(d, sys, mem(d, 0), true, false);
            case SLDT: return new SystemInstructions.StoreSystemValue(d, sys, SystemInstructions.StoreSystemValue.LDTR, loc(d, 0));
            case STR: return new SystemInstructions.StoreSystemValue(d, sys, SystemInstructions.StoreSystemValue.TR, loc(d, 0));
            case SMSW: return new SystemInstructions.StoreSystemValue(d, sys, SystemInstructions.StoreSystemValue.MSW, loc(d, 0));
            case LLDT: return new SystemInstructions.LoadSystemSegment(d, sys, loc(d, 0), false);
            case LTR: return new SystemInstructions.LoadSystemSegment(d, sys, loc(d, 0), true);
            case LMSW: return new SystemInstructions.LoadMachineStatusWord(d, sys, loc(d, 0));
            case INVLPG: return new SystemInstructions.InvalidatePage(d, sys, mem(d, 0));
            case INVPCID: return new SystemInstructions.InvalidatePcid(d, sys, o[0].reg, mem(d, 1));
            case HLT: return new SystemInstructions.Privileged(d, sys, SystemInstructions.Privileged.HLT);
            case CLTS: return new SystemInstructions.Privileged(d, sys, SystemInstructions.Privileged.CLTS);
            case WBINVD: case INVD: return new SystemInstructions.Privileged(d, sys, SystemInstructions.Privileged.WBINVD);
            case SWAPGS: return new SystemInstructions.Privileged(d, sys, SystemInstructions.Privileged.SWAPGS);
            case RDMSR: return new SystemInstructions.ModelSpecificRegister(d, sys, false);
            case WRMSR: return new SystemInstructions.ModelSpecificRegister(d, sys, true);
            case RDTSC: return new SystemInstructions.ReadTimeStampCounter(d, sys, false);
            case RDTSCP: return new SystemInstructions.ReadTimeStampCounter(d, sys, true);
            case CLI: return new SystemInstructions.InterruptFlag(d, sys, false);
            case STI: return new SystemInstructions.InterruptFlag(d, sys, true);
            case IN:
                return new SystemInstructions.PortIo(d, sys, false, o[1].isImmediate() ? (int) o[1].imm & 0xFF : -1);
            case OUT:
                return new SystemInstructions.PortIo(d, sys, true, o[0].isImmediate() ? (int) o[0].imm & 0xFF : -1);
            case INS: return new SystemInstructions.StringIo(d, sys, false);
            case OUTS: return new SystemInstructions.StringIo(d, sys, true);
            case POPF: return new SystemInstructions.PopFlags(d, sys);
            case PUSHF: return null; // no IOPL check in 64-bit mode (VME does not apply)
            case SYSCALL: return new SystemInstructions.SystemCall(d, sys);
            case SYSRET: return new SystemInstructions.Return(d, sys, SystemInstructions.Return.SYSRET);
            case SYSENTER: return new SystemInstructions.Return(d, sys, SystemInstructions.Return.SYSENTER);
            case SYSEXIT: return new SystemInstructions.Return(d, sys, SystemInstructions.Return.SYSEXIT);
            case IRET: return new SystemInstructions.Return(d, sys, SystemInstructions.Return.IRET);
            case RET_FAR: return new SystemInstructions.Return(d, sys, SystemInstructions.Return.FAR_RET);
            case JMP_FAR: return new SystemInstructions.FarTransfer(d, sys, mem(d, 0), false);
            case CALL_FAR: return new SystemInstructions.FarTransfer(d, sys, mem(d, 0), true);
            case INT: return new SystemInstructions.SoftwareInterrupt(d, sys, (int) o[0].imm & 0xFF, true);
            case INT1: return new SystemInstructions.SoftwareInterrupt(d, sys, 1, false);
            case MOV_SREG:
                if (o[0].regClass == RegisterClass.SEGMENT) {
                    return new SystemInstructions.LoadSegment(d, sys, o[0].reg, loc(d, 1), false);
                }
                return new SystemInstructions.StoreSegment(d, sys, o[1].reg,
                        o[0].isMemory() ? Locs.of(o[0].withSize(2), d) : loc(d, 0));
            case PUSH_SREG: return new SystemInstructions.StoreSegment(d, sys, o[0].reg, null);
            case POP_SREG: return new SystemInstructions.LoadSegment(d, sys, o[0].reg, null, true);
            case LAR: return new SystemInstructions.SelectorQuery(d, sys, SystemInstructions.SelectorQuery.LAR, loc(d, 0), loc(d, 1));
            case LSL: return new SystemInstructions.SelectorQuery(d, sys, SystemInstructions.SelectorQuery.LSL, loc(d, 0), loc(d, 1));
            case VERR: return new SystemInstructions.SelectorQuery(d, sys, SystemInstructions.SelectorQuery.VERR, null, loc(d, 0));
            case VERW: return new SystemInstructions.SelectorQuery(d, sys, SystemInstructions.SelectorQuery.VERW, null, loc(d, 0));
            case CLAC: return new SystemInstructions.AlignmentCheckFlag(d, sys, false);
            case STAC: return new SystemInstructions.AlignmentCheckFlag(d, sys, true);
            case CPUID: return new SystemInstructions.Cpuid(d, sys, cpuid);
            case RDPMC:
                // No performance counters are modelled: every counter index is out of range.
                return raise(d, ExceptionVector.GP, 0);
            default:
                return null; // CPUID, INT3 (below), VMX/SVM (#UD: CPUID reports neither), ...
        }
    }

    /** System-level instructions as seen by a CPL 3 process with IOPL 0 (user-mode simulation). */
    private Insn system(DecodedInstruction d) {
        switch (d.mnemonic) {
            case SYSCALL: return new UserModeSystem.SystemCall(d);
            case CPUID: return new UserModeSystem.Cpuid(d, cpuid);
            case RDTSC: return new UserModeSystem.ReadTimeStampCounter(d, false);
            case RDTSCP: return new UserModeSystem.ReadTimeStampCounter(d, true);
            case INT3:
                if (system != null) {
                    return new SystemInstructions.SoftwareInterrupt(d, system, 3, true);
                }
                return raise(d, ExceptionVector.BP, 0);
            case INT:
                // Linux IDT gates other than 3 and 4 have DPL 0: INT n from CPL 3 is #GP(n*8+2).
                return raise(d, ExceptionVector.GP, (int) (d.operands[0].imm & 0xFF) * 8 + 2);
            case SGDT: case SIDT: return new UserModeSystem.StoreDescriptorTableRegister(d, (Locs.Mem) loc(d, 0));
            case SLDT: return new UserModeSystem.StoreValue(d, loc(d, 0), 0);
            case STR: return new UserModeSystem.StoreValue(d, loc(d, 0), 0);
            case SMSW: return new UserModeSystem.StoreValue(d, loc(d, 0), UserModeSystem.CR0 & 0xFFFF);
            case LAR: case LSL: return new UserModeSystem.SelectorCheck(d, loc(d, 1));
            case VERR: case VERW: return new UserModeSystem.SelectorCheck(d, loc(d, 0));
            case MOV_SREG: return moveSegment(d);
            case PUSH_SREG: return new UserModeSystem.PushSegment(d);
            default: break;
        }
        Sensitivity s = d.mnemonic.sensitivity();
        if (d.mnemonic == Mnemonic.INVALID || s == Sensitivity.VMX || s == Sensitivity.SVM
                || d.mnemonic == Mnemonic.UD0 || d.mnemonic == Mnemonic.UD1 || d.mnemonic == Mnemonic.UD2
                || d.mnemonic == Mnemonic.CLAC || d.mnemonic == Mnemonic.STAC || d.mnemonic == Mnemonic.XGETBV
                || d.mnemonic == Mnemonic.MONITOR || d.mnemonic == Mnemonic.MWAIT
                || d.mnemonic == Mnemonic.RDRAND || d.mnemonic == Mnemonic.RDSEED || d.mnemonic == Mnemonic.RSM
                || d.mnemonic == Mnemonic.SYSEXIT) {
            return raise(d, ExceptionVector.UD, 0);
        }
        // Privileged, IOPL-sensitive (IOPL 0 < CPL 3), far transfers and segment loads without
        // descriptor tables, SYSENTER with IA32_SYSENTER_CS = 0: #GP(0).
        return raise(d, ExceptionVector.GP, 0);
    }

    private static Insn raise(DecodedInstruction d, ExceptionVector v, int errorCode) {
        return new UserModeSystem.Raise(d, v, errorCode);
    }

    private Insn moveSegment(DecodedInstruction d) {
        Operand dst = d.operands[0];
        if (dst.kind == Operand.Kind.REG && dst.regClass == RegisterClass.SEGMENT) {
            return raise(d, ExceptionVector.GP, 0); // loading segment registers needs a GDT
        }
        int sreg = d.operands[1].reg;
        long value = sreg == DecodedInstruction.CS ? UserModeSystem.USER_CS
                : sreg == DecodedInstruction.SS ? UserModeSystem.USER_DS : 0;
        Loc target = dst.isMemory() ? Locs.of(dst.withSize(2), d) : loc(d, 0);
        return new UserModeSystem.StoreValue(d, target, value);
    }

    private static Locs.Mem mem(DecodedInstruction d, int i) {
        return (Locs.Mem) Locs.of(d.operands[i], d);
    }

    private static Loc loc(DecodedInstruction d, int i) {
        return Locs.of(d.operands[i], d);
    }

    private static boolean isGpr(Operand o, int size) {
        return o.kind == Operand.Kind.REG && o.regClass == RegisterClass.GPR && o.size == size;
    }

    private static boolean wide(DecodedInstruction d) {
        return d.operandSize == 4 || d.operandSize == 8;
    }

    private Insn alu(DecodedInstruction d, int op) {
        Operand dst = d.operands[0];
        Operand src = d.operands[1];
        int size = d.operandSize;
        if (wide(d) && !d.has(DecodedInstruction.PREFIX_LOCK) && isGpr(dst, size)) {
            if (isGpr(src, size)) {
                return size == 8 ? new Alu.Reg64Reg64(d, op, dst.reg, src.reg)
                        : new Alu.Reg32Reg32(d, op, dst.reg, src.reg);
            }
            if (src.isImmediate()) {
                return new Alu.RegImm(d, op, dst.reg, src.imm, size * 8);
            }
            if (src.isMemory() && src.size == size) {
                return new Alu.RegMem(d, op, dst.reg, new EffectiveAddress(src, d), size * 8);
            }
        }
        if (dst.isMemory() && !d.has(DecodedInstruction.PREFIX_LOCK)) {
            EffectiveAddress ea = new EffectiveAddress(dst, d);
            if (src.isImmediate()) {
                return new Alu.MemorySource(d, op, ea, dst.size, src.imm, -1);
            }
            if (isGpr(src, dst.size)) {
                return new Alu.MemorySource(d, op, ea, dst.size, 0, src.reg);
            }
        }
        return new Alu.Generic(d, op, Locs.of(dst, d), Locs.of(src, d));
    }

    /** MOVZX, MOVSX, MOVSXD into a 32/64-bit register from memory or a (non-AH..BH) register. */
    private Insn extend(DecodedInstruction d, boolean signed) {
        Operand dst = d.operands[0];
        Operand src = d.operands[1];
        if (wide(d) && isGpr(dst, d.operandSize)) {
            if (src.isMemory()) {
                return new Moves.ExtendLoad(d, dst.reg, new EffectiveAddress(src, d), src.size, signed, d.operandSize);
            }
            if (src.isGpr()) {
                return new Moves.ExtendRegister(d, dst.reg, src.reg, src.size, signed, d.operandSize);
            }
        }
        return new Moves.Extend(d, loc(d, 0), loc(d, 1), signed);
    }

    private Insn incDec(DecodedInstruction d, boolean increment) {
        Operand dst = d.operands[0];
        if (wide(d) && isGpr(dst, d.operandSize)) {
            return new Unary.IncDecReg(d, dst.reg, increment, d.operandSize * 8);
        }
        return new Unary.Generic(d, increment ? Unary.INC : Unary.DEC, loc(d, 0));
    }

    private Insn move(DecodedInstruction d) {
        Operand dst = d.operands[0];
        Operand src = d.operands[1];
        int size = d.operandSize;
        if (wide(d)) {
            if (isGpr(dst, size) && isGpr(src, size)) {
                return size == 8 ? new Moves.Reg64FromReg64(d, dst.reg, src.reg)
                        : new Moves.Reg32FromReg32(d, dst.reg, src.reg);
            }
            if (isGpr(dst, size) && src.isImmediate()) {
                long v = size == 8 ? src.imm : src.imm & 0xFFFF_FFFFL;
                return new Moves.RegFromImm(d, dst.reg, v);
            }
            if (isGpr(dst, size) && src.isMemory()) {
                EffectiveAddress ea = new EffectiveAddress(src, d);
                return size == 8 ? new Moves.Reg64FromMem(d, dst.reg, ea) : new Moves.Reg32FromMem(d, dst.reg, ea);
            }
            if (dst.isMemory() && isGpr(src, size)) {
                EffectiveAddress ea = new EffectiveAddress(dst, d);
                return size == 8 ? new Moves.MemFromReg64(d, ea, src.reg) : new Moves.MemFromReg32(d, ea, src.reg);
            }
        }
        if (dst.isMemory() && src.isImmediate()) {
            return new Moves.StoreImmediate(d, new EffectiveAddress(dst, d), src.imm, size);
        }
        if (dst.isMemory() && (size == 1 || size == 2) && isGpr(src, size)) {
            return new Moves.StoreNarrowRegister(d, new EffectiveAddress(dst, d), src.reg, size);
        }
        return new Moves.Move(d, Locs.of(dst, d), Locs.of(src, d));
    }

    private Insn lea(DecodedInstruction d) {
        Operand dst = d.operands[0];
        EffectiveAddress ea = new EffectiveAddress(d.operands[1], d);
        if (isGpr(dst, 8)) {
            return new Moves.Lea64(d, dst.reg, ea);
        }
        return new Moves.Lea(d, Locs.of(dst, d), ea);
    }

    private Insn push(DecodedInstruction d) {
        Operand src = d.operands[0];
        if (d.operandSize == 8 && isGpr(src, 8)) {
            return new Stack.PushReg64(d, src.reg);
        }
        // A pushed immediate is sign-extended to the operand size before the push.
        Loc l = src.isImmediate() ? new Locs.Imm(src.imm, d.operandSize) : loc(d, 0);
        return new Stack.Push(d, l);
    }

    private Insn pop(DecodedInstruction d) {
        Operand dst = d.operands[0];
        if (d.operandSize == 8 && isGpr(dst, 8)) {
            return new Stack.PopReg64(d, dst.reg);
        }
        return new Stack.Pop(d, loc(d, 0));
    }

    private Insn shift(DecodedInstruction d, int op) {
        Operand dst = d.operands[0];
        Operand count = d.operands[1];
        boolean simple = op == Shifts.SHL || op == Shifts.SHR || op == Shifts.SAR || op == Shifts.ROL || op == Shifts.ROR;
        if (simple && wide(d) && isGpr(dst, d.operandSize) && count.isImmediate()) {
            return new Shifts.RegisterByImmediate(d, op, dst.reg, (int) count.imm, d.operandSize * 8);
        }
        boolean shift = op == Shifts.SHL || op == Shifts.SHR || op == Shifts.SAR;
        if (shift && wide(d) && isGpr(dst, d.operandSize) && count.isGpr() && count.reg == 1) {
            return new Shifts.RegisterByCl(d, op, dst.reg, d.operandSize * 8);
        }
        return new Shifts.Shift(d, op, loc(d, 0), loc(d, 1));
    }

    private Insn imul(DecodedInstruction d) {
        Operand[] o = d.operands;
        switch (o.length) {
            case 1: return new MulDiv.Widening(d, loc(d, 0), true);
            case 2:
                if (wide(d) && isGpr(o[1], d.operandSize)) {
                    return new MulDiv.RegisterTruncating(d, o[0].reg, o[1].reg, false, 0);
                }
                return new MulDiv.Truncating(d, loc(d, 0), loc(d, 0), loc(d, 1));
            default:
                if (wide(d) && isGpr(o[1], d.operandSize)) {
                    return new MulDiv.RegisterTruncating(d, o[0].reg, o[1].reg, true, o[2].imm);
                }
                return new MulDiv.Truncating(d, loc(d, 0), loc(d, 1), new Locs.Imm(o[2].imm, d.operandSize));
        }
    }
}
