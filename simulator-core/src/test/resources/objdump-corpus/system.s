# System, VMX and SVM instructions for hvsim's objdump listing test. Each instruction is
# annotated with the VMM sensitivity class hvsim must give it (org.hvsim.core.decode.Sensitivity):
# PRIVILEGED traps at CPL > 0; CONDITIONALLY_PRIVILEGED traps depending on IOPL, the I/O bitmap
# or a CR4 bit; SENSITIVE_UNPRIVILEGED is the Robin & Irvine (2000) set that does not trap.
.text
mov %cr0,%rax               # PRIVILEGED
mov %rax,%cr3               # PRIVILEGED
mov %cr4,%r9                # PRIVILEGED
mov %r8,%cr8                # PRIVILEGED
mov %cr2,%rdx               # PRIVILEGED
mov %db7,%rax               # PRIVILEGED
mov %rcx,%db0               # PRIVILEGED
lgdt (%rax)                 # PRIVILEGED
lidt 8(%rsp)                # PRIVILEGED
sgdt (%rax)                 # SENSITIVE_UNPRIVILEGED
sidt 0x10(%rbx,%rcx,2)      # SENSITIVE_UNPRIVILEGED
lldt %ax                    # PRIVILEGED
lldt (%rax)                 # PRIVILEGED
sldt %eax                   # SENSITIVE_UNPRIVILEGED
sldt (%rax)                 # SENSITIVE_UNPRIVILEGED
ltr %cx                     # PRIVILEGED
ltr 2(%rdi)                 # PRIVILEGED
str %eax                    # SENSITIVE_UNPRIVILEGED
str (%rax)                  # SENSITIVE_UNPRIVILEGED
lmsw %ax                    # PRIVILEGED
lmsw (%rsi)                 # PRIVILEGED
smsw %eax                   # SENSITIVE_UNPRIVILEGED
smsw %rax                   # SENSITIVE_UNPRIVILEGED
smsw (%rax)                 # SENSITIVE_UNPRIVILEGED
invlpg (%rax)               # PRIVILEGED
invlpg 0x1000(%r12)         # PRIVILEGED
invpcid (%rax),%rcx         # PRIVILEGED
cli                         # CONDITIONALLY_PRIVILEGED
sti                         # CONDITIONALLY_PRIVILEGED
hlt                         # PRIVILEGED
in $0x60,%al                # CONDITIONALLY_PRIVILEGED
in $0x60,%eax               # CONDITIONALLY_PRIVILEGED
in $0x61,%ax                # CONDITIONALLY_PRIVILEGED
in (%dx),%al                # CONDITIONALLY_PRIVILEGED
in (%dx),%ax                # CONDITIONALLY_PRIVILEGED
in (%dx),%eax               # CONDITIONALLY_PRIVILEGED
out %al,$0x80               # CONDITIONALLY_PRIVILEGED
out %eax,$0x80              # CONDITIONALLY_PRIVILEGED
out %al,(%dx)               # CONDITIONALLY_PRIVILEGED
out %ax,(%dx)               # CONDITIONALLY_PRIVILEGED
out %eax,(%dx)              # CONDITIONALLY_PRIVILEGED
insb                        # CONDITIONALLY_PRIVILEGED
insw                        # CONDITIONALLY_PRIVILEGED
insl                        # CONDITIONALLY_PRIVILEGED
outsb                       # CONDITIONALLY_PRIVILEGED
outsw                       # CONDITIONALLY_PRIVILEGED
outsl                       # CONDITIONALLY_PRIVILEGED
rep insb                    # CONDITIONALLY_PRIVILEGED
rep insl                    # CONDITIONALLY_PRIVILEGED
rep outsb                   # CONDITIONALLY_PRIVILEGED
rep outsw                   # CONDITIONALLY_PRIVILEGED
int $3                      # SENSITIVE_UNPRIVILEGED
int3                        # SENSITIVE_UNPRIVILEGED
int $0x80                   # SENSITIVE_UNPRIVILEGED
int1                        # SENSITIVE_UNPRIVILEGED
iretq                       # SENSITIVE_UNPRIVILEGED
iretl                       # SENSITIVE_UNPRIVILEGED
iretw                       # SENSITIVE_UNPRIVILEGED
syscall                     # SENSITIVE_UNPRIVILEGED
sysretl                     # PRIVILEGED
sysretq                     # PRIVILEGED
sysenter                    # SENSITIVE_UNPRIVILEGED
sysexitl                    # PRIVILEGED
sysexitq                    # PRIVILEGED
swapgs                      # PRIVILEGED
rdmsr                       # PRIVILEGED
wrmsr                       # PRIVILEGED
rdtsc                       # CONDITIONALLY_PRIVILEGED
rdtscp                      # CONDITIONALLY_PRIVILEGED
rdpmc                       # CONDITIONALLY_PRIVILEGED
cpuid                       # CONDITIONALLY_PRIVILEGED
wbinvd                      # PRIVILEGED
invd                        # PRIVILEGED
clts                        # PRIVILEGED
lar %ax,%eax                # SENSITIVE_UNPRIVILEGED
lar (%rax),%rcx             # SENSITIVE_UNPRIVILEGED
lsl %cx,%edx                # SENSITIVE_UNPRIVILEGED
lsl (%rbx),%r10d            # SENSITIVE_UNPRIVILEGED
verr %ax                    # SENSITIVE_UNPRIVILEGED
verr (%rcx)                 # SENSITIVE_UNPRIVILEGED
verw %dx                    # SENSITIVE_UNPRIVILEGED
verw (%rax)                 # SENSITIVE_UNPRIVILEGED
mov %ds,%eax                # SENSITIVE_UNPRIVILEGED
mov %es,(%rax)              # SENSITIVE_UNPRIVILEGED
mov %cs,%ecx                # SENSITIVE_UNPRIVILEGED
mov %ax,%ss                 # SENSITIVE_UNPRIVILEGED
mov (%rax),%fs              # SENSITIVE_UNPRIVILEGED
mov %eax,%gs                # SENSITIVE_UNPRIVILEGED
mov %fs,%rax                # SENSITIVE_UNPRIVILEGED
mov %gs,%r11d               # SENSITIVE_UNPRIVILEGED
push %fs                    # SENSITIVE_UNPRIVILEGED
push %gs                    # SENSITIVE_UNPRIVILEGED
pop %fs                     # SENSITIVE_UNPRIVILEGED
pop %gs                     # SENSITIVE_UNPRIVILEGED
pushf                       # SENSITIVE_UNPRIVILEGED
popf                        # SENSITIVE_UNPRIVILEGED
pushfw                      # SENSITIVE_UNPRIVILEGED
popfw                       # SENSITIVE_UNPRIVILEGED
lretl                       # SENSITIVE_UNPRIVILEGED
lretq                       # SENSITIVE_UNPRIVILEGED
lretl $8                    # SENSITIVE_UNPRIVILEGED
lcall *(%rax)               # SENSITIVE_UNPRIVILEGED
ljmp *8(%rax)               # SENSITIVE_UNPRIVILEGED
monitor                     # PRIVILEGED
mwait                       # PRIVILEGED
xgetbv                      # SENSITIVE_UNPRIVILEGED
xsetbv                      # PRIVILEGED
clac                        # PRIVILEGED
stac                        # PRIVILEGED
rsm                         # PRIVILEGED
vmxon (%rax)                # VMX
vmxoff                      # VMX
vmclear (%rax)              # VMX
vmclear 0x40(%rsp)          # VMX
vmptrld (%rax)              # VMX
vmptrld (%rip)              # VMX
vmptrst (%rax)              # VMX
vmread %rax,%rbx            # VMX
vmread %rax,(%rbx)          # VMX
vmread %r8,%r15             # VMX
vmwrite %rax,%rbx           # VMX
vmwrite (%rax),%rbx         # VMX
vmwrite 0x8(%rsp),%r9       # VMX
vmlaunch                    # VMX
vmresume                    # VMX
vmcall                      # VMX
invept (%rax),%rcx          # VMX
invept 0x10(%rsp),%r8       # VMX
invvpid (%rax),%rdx         # VMX
vmfunc                      # VMX
vmrun                       # SVM
vmmcall                     # SVM
vmload                      # SVM
vmsave                      # SVM
stgi                        # SVM
clgi                        # SVM
invlpga                     # SVM
skinit                      # SVM
