package org.hvsim.core.disasm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hvsim.core.decode.ByteSource;
import org.hvsim.core.decode.DecodedInstruction;
import org.hvsim.core.decode.Decoder;
import org.hvsim.core.decode.Mnemonic;
import org.hvsim.core.decode.Operand;
import org.hvsim.core.decode.RegisterClass;
import org.hvsim.core.decode.Sensitivity;
import org.hvsim.core.disasm.Disassembler.Syntax;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hand-written encodings with the text GNU objdump 2.40 prints for them (AT&amp;T and Intel),
 * covering prefixes, REX, ModRM/SIB, RIP-relative, displacement and immediate forms and the
 * system, VMX and SVM instructions. The expected strings were taken from objdump's output.
 */
class DisassemblerTest {
    private static final long BASE = 0x401000;
    private final Decoder decoder = new Decoder();
    private final Disassembler disassembler = new Disassembler();

    private DecodedInstruction decode(String hex) {
        String[] parts = hex.trim().split(" +");
        byte[] code = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            code[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return decoder.decode(BASE, ByteSource.of(code, BASE));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            55                            | push   %rbp                        | push   rbp
            48 89 e5                      | mov    %rsp,%rbp                   | mov    rbp,rsp
            c7 45 fc 00 00 00 00          | movl   $0x0,-0x4(%rbp)             | mov    DWORD PTR [rbp-0x4],0x0
            0f b6 00                      | movzbl (%rax),%eax                  | movzx  eax,BYTE PTR [rax]
            48 0f bf c1                   | movswq %cx,%rax                    | movsx  rax,cx
            48 63 c7                      | movslq %edi,%rax                   | movsxd rax,edi
            48 98                         | cltq                               | cdqe
            48 99                         | cqto                               | cqo
            98                            | cwtl                               | cwde
            c3                            | ret                                | ret
            f3 c3                         | repz ret                           | repz ret
            e8 00 00 00 00                | call   0x401005                    | call   0x401005
            ff e0                         | jmp    *%rax                       | jmp    rax
            3e ff e0                      | notrack jmp *%rax                  | notrack jmp rax
            ff 24 c5 00 00 00 00          | jmp    *0x0(,%rax,8)               | jmp    QWORD PTR [rax*8+0x0]
            66 0f 1f 44 00 00             | nopw   0x0(%rax,%rax,1)            | nop    WORD PTR [rax+rax*1+0x0]
            66 2e 0f 1f 84 00 00 00 00 00 | cs nopw 0x0(%rax,%rax,1)           | cs nop WORD PTR [rax+rax*1+0x0]
            66 66 2e 0f 1f 84 00 00 00 00 00 | data16 cs nopw 0x0(%rax,%rax,1) | data16 cs nop WORD PTR [rax+rax*1+0x0]
            66 90                         | xchg   %ax,%ax                     | xchg   ax,ax
            41 90                         | xchg   %eax,%r8d                   | xchg   r8d,eax
            f3 48 ab                      | rep stos %rax,%es:(%rdi)           | rep stos QWORD PTR es:[rdi],rax
            f3 a6                         | repz cmpsb %es:(%rdi),%ds:(%rsi)   | repz cmps BYTE PTR ds:[rsi],BYTE PTR es:[rdi]
            f3 a4                         | rep movsb %ds:(%rsi),%es:(%rdi)    | rep movs BYTE PTR es:[rdi],BYTE PTR ds:[rsi]
            f2 ae                         | repnz scas %es:(%rdi),%al          | repnz scas al,BYTE PTR es:[rdi]
            f0 0f b1 17                   | lock cmpxchg %edx,(%rdi)           | lock cmpxchg DWORD PTR [rdi],edx
            d1 e0                         | shl    %eax                        | shl    eax,1
            d1 20                         | shll   (%rax)                      | shl    DWORD PTR [rax],1
            48 d3 20                      | shlq   %cl,(%rax)                  | shl    QWORD PTR [rax],cl
            48 c1 fa 3f                   | sar    $0x3f,%rdx                  | sar    rdx,0x3f
            6b c0 64                      | imul   $0x64,%eax,%eax             | imul   eax,eax,0x64
            48 83 ec 80                   | sub    $0xffffffffffffff80,%rsp    | sub    rsp,0xffffffffffffff80
            66 83 c0 fe                   | add    $0xfffe,%ax                 | add    ax,0xfffe
            f3 0f bc c8                   | tzcnt  %eax,%ecx                   | tzcnt  ecx,eax
            0f bd c8                      | bsr    %eax,%ecx                   | bsr    ecx,eax
            f3 0f 1e fa                   | endbr64                            | endbr64
            64 48 8b 04 25 28 00 00 00    | mov    %fs:0x28,%rax               | mov    rax,QWORD PTR fs:0x28
            8b 04 25 00 10 00 00          | mov    0x1000,%eax                 | mov    eax,DWORD PTR ds:0x1000
            41 8b 45 00                   | mov    0x0(%r13),%eax              | mov    eax,DWORD PTR [r13+0x0]
            8b 44 8d 80                   | mov    -0x80(%rbp,%rcx,4),%eax     | mov    eax,DWORD PTR [rbp+rcx*4-0x80]
            4f 8b 14 48                   | mov    (%r8,%r9,2),%r10            | mov    r10,QWORD PTR [r8+r9*2]
            48 8d 05 10 00 00 00          | lea    0x10(%rip),%rax        # 0x401017 | lea    rax,[rip+0x10]        # 0x401017
            48 8d 05 f0 ff ff ff          | lea    -0x10(%rip),%rax        # 0x400ff7 | lea    rax,[rip+0xfffffffffffffff0]        # 0x400ff7
            67 8b 00                      | mov    (%eax),%eax                 | mov    eax,DWORD PTR [eax]
            2e 8b 00                      | cs mov (%rax),%eax                 | cs mov eax,DWORD PTR [rax]
            65 8b 00                      | mov    %gs:(%rax),%eax             | mov    eax,DWORD PTR gs:[rax]
            48 b8 89 67 45 23 01 00 00 00 | movabs $0x123456789,%rax           | movabs rax,0x123456789
            a1 34 12 00 00 00 00 00 00    | movabs 0x1234,%eax                 | movabs eax,ds:0x1234
            40 88 f0                      | mov    %sil,%al                    | mov    al,sil
            88 e3                         | mov    %ah,%bl                     | mov    bl,ah
            66 41 c7 c1 34 12             | mov    $0x1234,%r9w                | mov    r9w,0x1234
            c8 10 00 00                   | enter  $0x10,$0x0                  | enter  0x10,0x0
            0f 0b                         | ud2                                | ud2
            66 0f 1f 00                   | nopw   (%rax)                      | nop    WORD PTR [rax]
            0f 20 c0                      | mov    %cr0,%rax                   | mov    rax,cr0
            0f 22 d8                      | mov    %rax,%cr3                   | mov    cr3,rax
            0f 21 f8                      | mov    %db7,%rax                   | mov    rax,dr7
            0f 23 c1                      | mov    %rcx,%db0                   | mov    dr0,rcx
            0f 01 10                      | lgdt   (%rax)                      | lgdt   [rax]
            0f 01 18                      | lidt   (%rax)                      | lidt   [rax]
            0f 01 00                      | sgdt   (%rax)                      | sgdt   [rax]
            0f 01 0b                      | sidt   (%rbx)                      | sidt   [rbx]
            0f 00 d0                      | lldt   %ax                         | lldt   ax
            0f 00 c0                      | sldt   %eax                        | sldt   eax
            0f 00 00                      | sldt   (%rax)                      | sldt   WORD PTR [rax]
            0f 00 d9                      | ltr    %cx                         | ltr    cx
            0f 00 c8                      | str    %eax                        | str    eax
            0f 01 f0                      | lmsw   %ax                         | lmsw   ax
            0f 01 e0                      | smsw   %eax                        | smsw   eax
            0f 01 38                      | invlpg (%rax)                      | invlpg BYTE PTR [rax]
            66 0f 38 82 08                | invpcid (%rax),%rcx                | invpcid rcx,[rax]
            fa                            | cli                                | cli
            fb                            | sti                                | sti
            f4                            | hlt                                | hlt
            e4 60                         | in     $0x60,%al                   | in     al,0x60
            ef                            | out    %eax,(%dx)                  | out    dx,eax
            6c                            | insb   (%dx),%es:(%rdi)            | ins    BYTE PTR es:[rdi],dx
            66 6f                         | outsw  %ds:(%rsi),(%dx)            | outs   dx,WORD PTR ds:[rsi]
            cd 80                         | int    $0x80                       | int    0x80
            cc                            | int3                               | int3
            48 cf                         | iretq                              | iretq
            0f 05                         | syscall                            | syscall
            48 0f 07                      | sysretq                            | sysretq
            0f 34                         | sysenter                           | sysenter
            48 0f 35                      | sysexitq                           | sysexitq
            0f 01 f8                      | swapgs                             | swapgs
            0f 32                         | rdmsr                              | rdmsr
            0f 30                         | wrmsr                              | wrmsr
            0f 31                         | rdtsc                              | rdtsc
            0f 01 f9                      | rdtscp                             | rdtscp
            0f a2                         | cpuid                              | cpuid
            0f 09                         | wbinvd                             | wbinvd
            0f 06                         | clts                               | clts
            48 0f 02 08                   | lar    (%rax),%rcx                 | lar    rcx,WORD PTR [rax]
            0f 03 d1                      | lsl    %ecx,%edx                   | lsl    edx,ecx
            0f 00 e0                      | verr   %ax                         | verr   ax
            0f 00 28                      | verw   (%rax)                      | verw   WORD PTR [rax]
            8c d8                         | mov    %ds,%eax                    | mov    eax,ds
            8c 00                         | mov    %es,(%rax)                  | mov    WORD PTR [rax],es
            8e d0                         | mov    %eax,%ss                    | mov    ss,eax
            0f a0                         | push   %fs                         | push   fs
            0f a9                         | pop    %gs                         | pop    gs
            9c                            | pushf                              | pushf
            9d                            | popf                               | popf
            f3 0f c7 30                   | vmxon  (%rax)                      | vmxon  QWORD PTR [rax]
            0f 01 c4                      | vmxoff                             | vmxoff
            66 0f c7 30                   | vmclear (%rax)                     | vmclear QWORD PTR [rax]
            0f c7 30                      | vmptrld (%rax)                     | vmptrld QWORD PTR [rax]
            0f c7 38                      | vmptrst (%rax)                     | vmptrst QWORD PTR [rax]
            0f 78 c3                      | vmread %rax,%rbx                   | vmread rbx,rax
            0f 79 18                      | vmwrite (%rax),%rbx                | vmwrite rbx,QWORD PTR [rax]
            0f 01 c2                      | vmlaunch                           | vmlaunch
            0f 01 c3                      | vmresume                           | vmresume
            0f 01 c1                      | vmcall                             | vmcall
            66 0f 38 80 08                | invept (%rax),%rcx                 | invept rcx,OWORD PTR [rax]
            66 0f 38 81 10                | invvpid (%rax),%rdx                | invvpid rdx,OWORD PTR [rax]
            0f 01 d4                      | vmfunc                             | vmfunc
            0f 01 d8                      | vmrun                              | vmrun
            0f 01 d9                      | vmmcall                            | vmmcall
            0f 01 da                      | vmload                             | vmload
            0f 01 db                      | vmsave                             | vmsave
            0f 01 dc                      | stgi                               | stgi
            0f 01 dd                      | clgi                               | clgi
            0f 01 df                      | invlpga                            | invlpga
            0f 04                         | (bad)                              | (bad)
            06                            | (bad)                              | (bad)
            """)
    void formatsLikeObjdump(String hex, String att, String intel) {
        DecodedInstruction d = decode(hex);
        assertThat(d.length).as("length of %s", hex).isEqualTo(hex.trim().split(" +").length);
        assertThat(disassembler.format(d, Syntax.ATT)).isEqualTo(att);
        assertThat(disassembler.format(d, Syntax.INTEL)).isEqualTo(intel);
    }

    @Test
    void listingLinesWrapAfterSevenBytes() {
        DecodedInstruction d = decode("66 66 2e 0f 1f 84 00 00 00 00 00");
        assertThat(disassembler.formatLine(d, Syntax.ATT)).isEqualTo(
                "  401000:\t66 66 2e 0f 1f 84 00 \tdata16 cs nopw 0x0(%rax,%rax,1)\n"
                        + "  401007:\t00 00 00 00 ");
        assertThat(disassembler.formatLine(decode("48 89 e5"), Syntax.ATT))
                .isEqualTo("  401000:\t48 89 e5             \tmov    %rsp,%rbp");
    }

    @Test
    void addressColumnWidthFollowsTheSectionEnd() {
        assertThat(Disassembler.addressWidth(0x9bb)).isEqualTo(4);
        assertThat(Disassembler.addressWidth(0x1b46)).isEqualTo(8);
        assertThat(Disassembler.addressWidth(0x40438e)).isEqualTo(8);
        assertThat(Disassembler.addressWidth(0x1_0000_0000L)).isEqualTo(12);
    }

    @Test
    void disassemblesAByteStreamSequentially() {
        byte[] code = {0x55, 0x48, (byte) 0x89, (byte) 0xe5, 0x5d, (byte) 0xc3};
        List<String> lines = disassembler.disassemble(code, 0, Syntax.ATT);
        assertThat(lines).containsExactly(
                "   0:\t55                   \tpush   %rbp",
                "   1:\t48 89 e5             \tmov    %rsp,%rbp",
                "   4:\t5d                   \tpop    %rbp",
                "   5:\tc3                   \tret");
    }

    @Test
    void decoderFillsInAddressingFields() {
        DecodedInstruction d = decode("4f 8b 54 48 f8"); // mov -0x8(%r8,%r9,2),%r10
        assertThat(d.length).isEqualTo(5);
        assertThat(d.has(DecodedInstruction.PREFIX_REX_W)).isTrue();
        Operand mem = d.operand(1);
        assertThat(mem.isMemory()).isTrue();
        assertThat(mem.base).isEqualTo(8);
        assertThat(mem.index).isEqualTo(9);
        assertThat(mem.scale).isEqualTo(2);
        assertThat(mem.disp).isEqualTo(-8);
        assertThat(mem.dispBytes).isEqualTo(1);
        assertThat(mem.size).isEqualTo(8);

        DecodedInstruction rip = decode("48 8b 05 f0 ff ff ff"); // mov -0x10(%rip),%rax
        assertThat(rip.operand(1).ripRelative).isTrue();
        assertThat(rip.operand(1).imm).isEqualTo(BASE + 7 - 0x10);

        DecodedInstruction imm = decode("48 81 c4 00 01 00 00"); // add $0x100,%rsp
        assertThat(imm.operand(1).imm).isEqualTo(0x100);
        assertThat(imm.operand(1).size).isEqualTo(8);
    }

    @Test
    void segmentRegisterMovesStoreAWordButWriteWholeRegisters() {
        assertThat(decode("8c 00").operand(0).size).isEqualTo(2);      // mov %es,(%rax)
        assertThat(decode("48 8c d8").operand(0).size).isEqualTo(8);   // mov %ds,%rax
        assertThat(decode("0f 00 00").operand(0).size).isEqualTo(2);   // sldt (%rax)
        assertThat(decode("0f a0").operand(0).regClass).isEqualTo(RegisterClass.SEGMENT);
    }

    @Test
    void sensitivityOfSystemVmxAndSvmInstructions() {
        assertThat(decode("0f 01 00").sensitivity()).isEqualTo(Sensitivity.SENSITIVE_UNPRIVILEGED); // sgdt
        assertThat(decode("9c").sensitivity()).isEqualTo(Sensitivity.SENSITIVE_UNPRIVILEGED);       // pushf
        assertThat(decode("0f 22 d8").sensitivity()).isEqualTo(Sensitivity.PRIVILEGED);            // mov cr3
        assertThat(decode("ec").sensitivity()).isEqualTo(Sensitivity.CONDITIONALLY_PRIVILEGED);    // in
        assertThat(decode("0f 01 c2").sensitivity()).isEqualTo(Sensitivity.VMX);                   // vmlaunch
        assertThat(decode("0f 01 d8").sensitivity()).isEqualTo(Sensitivity.SVM);                   // vmrun
        assertThat(decode("48 01 d8").isSensitive()).isFalse();                                    // add
    }

    @Test
    void movbeAcceptsAnOperandSizePrefix() {
        DecodedInstruction d = decode("66 44 0f 38 f0 07"); // movbe (%rdi),%r8w
        assertThat(d.mnemonic).isEqualTo(Mnemonic.MOVBE);
        assertThat(d.operandSize).isEqualTo(2);
        assertThat(d.length).isEqualTo(6);
    }
}
