package org.hvsim.core.timing;

import static org.hvsim.core.timing.InstructionProfile.FLAGS;

import org.hvsim.core.Registers;
import org.hvsim.core.decode.DecodedInstruction;
import org.hvsim.core.decode.Mnemonic;
import org.hvsim.core.decode.Operand;
import org.hvsim.core.decode.RegisterClass;
import org.hvsim.core.decode.Sensitivity;
import org.hvsim.core.timing.branch.BranchKind;

/**
 * Derives an {@link InstructionProfile} from a decoded instruction: which registers it reads
 * and writes (explicit operands, address registers, and the implicit ones of the SDM's
 * descriptions: rAX/rDX for MUL/DIV, RSP for stack operations, RCX/RSI/RDI for strings, the
 * flags), how many loads and stores it makes, its execution class and branch kind.
 */
public final class InstructionProfiles {
    private static final long RAX = bit(Registers.RAX);
    private static final long RCX = bit(Registers.RCX);
    private static final long RDX = bit(Registers.RDX);
    private static final long RSP = bit(Registers.RSP);
    private static final long RSI = bit(Registers.RSI);
    private static final long RDI = bit(Registers.RDI);
    private static final long F = bit(FLAGS);

    private InstructionProfiles() {
    }

    private static long bit(int n) {
        return 1L << n;
    }

    public static InstructionProfile of(DecodedInstruction d) {
        Mnemonic m = d.mnemonic;
        Operand[] o = d.operands;
        long reads = 0;
        long writes = 0;
        int loads = 0;
        int stores = 0;
        // Address registers of memory operands are read by every form.
        for (Operand op : o) {
            if (op.isMemory()) {
                if (op.base != Operand.NONE) {
                    reads |= bit(op.base);
                }
                if (op.index != Operand.NONE) {
                    reads |= bit(op.index);
                }
            }
        }
        Operand dst = o.length > 0 ? o[0] : null;
        ExecClass exec = ExecClass.ALU;
        BranchKind branch = null;
        boolean serializing = false;
        switch (m) {
            case ADD: case OR: case AND: case SUB: case XOR: case ADC: case SBB:
            case ROL: case ROR: case RCL: case RCR: case SHL: case SHR: case SAR: case SHLD: case SHRD:
            case BTS: case BTR: case BTC: case XADD:
                reads |= regs(o) | (m == Mnemonic.ADC || m == Mnemonic.SBB || m == Mnemonic.RCL || m == Mnemonic.RCR ? F : 0);
                writes |= destination(dst) | F | (m == Mnemonic.XADD ? regsOf(o[1]) : 0);
                loads = memory(o);
                stores = dst != null && dst.isMemory() ? 1 : 0;
                break;
            case CMP: case TEST: case BT:
                reads |= regs(o);
                writes |= F;
                loads = memory(o);
                break;
            case INC: case DEC: case NEG: case NOT:
                reads |= regs(o);
                writes |= destination(dst) | (m == Mnemonic.NOT ? 0 : F);
                loads = memory(o);
                stores = dst.isMemory() ? 1 : 0;
                break;
            case MOV: case MOVZX: case MOVSX: case MOVSXD: case MOVBE: case MOV_SREG:
                exec = ExecClass.NONE;
                reads |= sources(o);
                writes |= destination(dst);
                loads = o.length > 1 && o[1].isMemory() ? 1 : 0;
                stores = dst.isMemory() ? 1 : 0;
                break;
            case LEA: // its address registers are counted above
                writes |= destination(dst);
                break;
            case XCHG: case CMPXCHG:
                reads |= regs(o) | (m == Mnemonic.CMPXCHG ? RAX : 0);
                writes |= regs(o) | (m == Mnemonic.CMPXCHG ? RAX | F : 0);
                loads = memory(o);
                stores = memory(o);
                break;
            case CMPXCHG8B: case CMPXCHG16B:
                reads |= RAX | RDX | RCX | bit(Registers.RBX);
                writes |= RAX | RDX | F;
                loads = 1;
                stores = 1;
                break;
            case CMOVCC:
                reads |= sources(o) | regsOf(dst) | F;
                writes |= destination(dst);
                loads = memory(o);
                break;
            case SETCC:
                reads |= F;
                writes |= destination(dst);
                stores = dst.isMemory() ? 1 : 0;
                break;
            case IMUL: case MUL:
                exec = ExecClass.MUL;
                reads |= regs(o) | (o.length == 1 ? RAX : 0);
                writes |= F | (o.length == 1 ? RAX | RDX : destination(dst));
                loads = memory(o);
                break;
            case DIV: case IDIV:
                exec = ExecClass.DIV;
                reads |= regs(o) | RAX | RDX;
                writes |= RAX | RDX | F;
                loads = memory(o);
                break;
            case BSF: case BSR: case TZCNT: case LZCNT: case POPCNT: case BSWAP:
                reads |= sources(o) | (m == Mnemonic.BSWAP ? regsOf(dst) : 0);
                writes |= destination(dst) | (m == Mnemonic.BSWAP ? 0 : F);
                loads = memory(o);
                break;
            case CBW: case CWDE: case CDQE:
                reads |= RAX;
                writes |= RAX;
                break;
            case CWD: case CDQ: case CQO:
                reads |= RAX;
                writes |= RDX;
                break;
            case PUSH: case PUSHF: case PUSH_SREG:
                exec = ExecClass.NONE;
                reads |= RSP | sources(o) | (m == Mnemonic.PUSHF ? F : 0);
                writes |= RSP;
                loads = memory(o);
                stores = 1;
                break;
            case POP: case POPF: case POP_SREG:
                exec = ExecClass.NONE;
                reads |= RSP;
                writes |= RSP | destination(dst) | (m == Mnemonic.POPF ? F : 0);
                loads = 1;
                stores = dst != null && dst.isMemory() ? 1 : 0;
                serializing = m == Mnemonic.POPF;
                break;
            case LEAVE:
                exec = ExecClass.NONE;
                reads |= bit(Registers.RBP);
                writes |= RSP | bit(Registers.RBP);
                loads = 1;
                break;
            case ENTER:
                reads |= RSP | bit(Registers.RBP);
                writes |= RSP | bit(Registers.RBP);
                stores = 1;
                break;
            case JCC:
                exec = ExecClass.BRANCH;
                reads |= F;
                branch = BranchKind.CONDITIONAL;
                break;
            case JRCXZ: case JECXZ: case LOOP: case LOOPE: case LOOPNE:
                exec = ExecClass.BRANCH;
                reads |= RCX | (m == Mnemonic.LOOPE || m == Mnemonic.LOOPNE ? F : 0);
                writes |= m == Mnemonic.JRCXZ || m == Mnemonic.JECXZ ? 0 : RCX;
                branch = BranchKind.CONDITIONAL;
                break;
            case JMP:
                exec = ExecClass.BRANCH;
                reads |= regs(o);
                loads = memory(o);
                branch = o[0].kind == Operand.Kind.REL ? BranchKind.JUMP_DIRECT : BranchKind.JUMP_INDIRECT;
                break;
            case CALL:
                exec = ExecClass.BRANCH;
                reads |= regs(o) | RSP;
                writes |= RSP;
                loads = memory(o);
                stores = 1;
                branch = o[0].kind == Operand.Kind.REL ? BranchKind.CALL_DIRECT : BranchKind.CALL_INDIRECT;
                break;
            case RET:
                exec = ExecClass.BRANCH;
                reads |= RSP;
                writes |= RSP;
                loads = 1;
                branch = BranchKind.RETURN;
                break;
            case MOVS: case CMPS: case STOS: case LODS: case SCAS: case INS: case OUTS:
                exec = ExecClass.STRING;
                reads |= RSI | RDI | RAX | (d.has(DecodedInstruction.PREFIX_REP | DecodedInstruction.PREFIX_REPNE) ? RCX : 0);
                writes |= RSI | RDI | RCX | RAX | F;
                break;
            case NOP: case PAUSE: case ENDBR64: case ENDBR32: case PREFETCH: case CLFLUSH:
                exec = ExecClass.NONE;
                break;
            case LFENCE: case SFENCE: case MFENCE:
                exec = ExecClass.NONE;
                serializing = true;
                break;
            case CLC: case STC: case CMC: case CLD: case STD: case SAHF:
                reads |= F | (m == Mnemonic.SAHF ? RAX : 0);
                writes |= F;
                break;
            case LAHF:
                reads |= F;
                writes |= RAX;
                break;
            case XLAT:
                reads |= RAX | bit(Registers.RBX);
                writes |= RAX;
                loads = 1;
                break;
            default:
                // System and other complex instructions: microcoded, and serializing when the
                // SDM lists them so (CPUID, MOV CR, WRMSR, IRETQ, LGDT, INVLPG, ...).
                exec = ExecClass.MICROCODE;
                reads |= 0xFFFFL | F; // conservatively depend on every register and the flags
                writes |= 0xFFFFL | F;
                serializing = serializes(m);
                branch = transfers(m);
                break;
        }
        writes &= ~bit(Registers.ZERO);
        reads &= ~bit(Registers.ZERO);
        return new InstructionProfile(exec, loads, stores, reads, writes, branch, serializing, d.length);
    }

    /** Serializing instructions (SDM Vol. 3A 9.3) plus the privilege transitions that drain in practice. */
    private static boolean serializes(Mnemonic m) {
        switch (m) {
            case CPUID: case IRET: case RSM: case LGDT: case LIDT: case LLDT: case LTR: case WRMSR:
            case MOV_CR: case MOV_DR: case INVD: case WBINVD: case INVLPG: case INVPCID:
            case SYSCALL: case SYSRET: case SYSENTER: case SYSEXIT: case INT: case INT3: case INT1:
            case HLT: case LMSW: case CLTS: case SWAPGS: case RDMSR: case RDTSCP:
                return true;
            default:
                return m.sensitivity() == Sensitivity.VMX || m.sensitivity() == Sensitivity.SVM;
        }
    }

    /** Control transfers among the microcoded instructions (they always redirect fetch). */
    private static BranchKind transfers(Mnemonic m) {
        switch (m) {
            case SYSCALL: case SYSENTER: case INT: case INT3: case INT1: case CALL_FAR:
                return BranchKind.CALL_INDIRECT;
            case SYSRET: case SYSEXIT: case IRET: case RET_FAR:
                return BranchKind.RETURN;
            case JMP_FAR:
                return BranchKind.JUMP_INDIRECT;
            default:
                return null;
        }
    }

    private static long regsOf(Operand op) {
        if (op == null || op.kind != Operand.Kind.REG) {
            return 0;
        }
        if (op.regClass == RegisterClass.GPR) {
            return bit(op.reg);
        }
        if (op.regClass == RegisterClass.GPR_HIGH8) {
            return bit(op.reg); // AH..BH are parts of RAX..RBX
        }
        return 0;
    }

    /** Registers read as values by all register operands (destination included: read-modify-write). */
    private static long regs(Operand[] o) {
        long r = 0;
        for (Operand op : o) {
            r |= regsOf(op);
        }
        return r;
    }

    /** Registers read by the source operands (all but the first). */
    private static long sources(Operand[] o) {
        long r = 0;
        for (int i = 1; i < o.length; i++) {
            r |= regsOf(o[i]);
        }
        return r;
    }

    private static long destination(Operand dst) {
        return regsOf(dst);
    }

    private static int memory(Operand[] o) {
        for (Operand op : o) {
            if (op.isMemory() && op.size > 0) {
                return 1;
            }
        }
        return 0;
    }
}
