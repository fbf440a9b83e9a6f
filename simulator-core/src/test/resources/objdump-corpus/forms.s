# General-purpose instruction forms for hvsim's objdump listing test: every prefix, REX, ModRM,
# SIB, RIP-relative, displacement and immediate form. Lines with a trailing '# CLASS' comment
# name the VMM sensitivity class of the instruction (default INNOCUOUS).
.text
push $1
push $0x1000
pushq 8(%rax)
pop 8(%rax)
push %r12
pushw %ax
pushf    # SENSITIVE_UNPRIVILEGED
popf    # SENSITIVE_UNPRIVILEGED
pushfw    # SENSITIVE_UNPRIVILEGED
call *%rax
call *8(%rax)
jmp *(,%rax,8)
notrack jmp *%rax
ret
ret $8
leave
enter $16,$0
movzbl (%rax),%eax
movzbw %al,%ax
movzbq %al,%rax
movzwq %ax,%rax
movsbw %al,%ax
movslq %eax,%rax
.byte 0x63,0xc0
movsxd (%rax),%eax
cbtw
cwtl
cltq
cwtd
cltd
cqto
shl %eax
shll (%rax)
shlb (%rax)
shl %cl,%eax
shlq %cl,(%rax)
sar $63,%rdx
sarw $3,(%rax)
imul $100,%eax,%eax
imul $-3,(%rax),%rcx
movl $0,-4(%rbp)
movb $-1,(%rax)
movw $-1,(%rax)
movq $-1,(%rax)
add $-128,%rsp
sub $-128,%esp
and $-16,%rsp
addw $-2,%ax
mov %fs:0x28,%rax
mov %fs:-8,%eax
mov 0x1000,%eax
mov 0x10(,%rax,8),%eax
mov -0x10(,%rax,8),%eax
mov (%rax,%rbx),%eax
mov (%r12),%eax
mov (%r13),%eax
mov (%rsp),%eax
mov 0x7f(%rbp),%eax
mov -0x80(%rbp,%rcx,4),%eax
lea 0x10(%rip),%rax
lea -0x10(%rip),%rax
mov %cs:(%rax),%eax
mov %ds:(%rax),%eax
mov %es:(%rax),%eax
mov %gs:(%rax),%eax
movabs $0x123456789,%rax
mov $0x12345678,%rax
movabs 0x1234,%eax
movabs %al,0x1234
mov $-1,%eax
rep stosq
rep stosb
rep movsq
rep movsb
repz cmpsb
repnz scasb
lodsb
lodsq
stosl
movsl
cmpsw
insb    # CONDITIONALLY_PRIVILEGED
outsl    # CONDITIONALLY_PRIVILEGED
in $0x60,%al    # CONDITIONALLY_PRIVILEGED
out %al,$0x80    # CONDITIONALLY_PRIVILEGED
in (%dx),%eax    # CONDITIONALLY_PRIVILEGED
out %ax,(%dx)    # CONDITIONALLY_PRIVILEGED
lock cmpxchg %edx,(%rdi)
lock xadd %eax,(%rdi)
lock incl (%rax)
lock orq $1,(%rax)
lock btsq $3,(%rax)
xchg %ax,%ax
xchg %eax,%r8d
xchg %rax,%rbx
xchg %eax,(%rdx)
nop
nopw 0x0(%rax,%rax,1)
nopl 0x0(%rax)
nopl (%rax)
.byte 0x66,0x2e,0x0f,0x1f,0x84,0,0,0,0,0
.byte 0x66,0x66,0x2e,0x0f,0x1f,0x84,0,0,0,0,0
.byte 0x66,0x66,0x66,0x2e,0x0f,0x1f,0x84,0,0,0,0,0
.byte 0xf3,0xc3
.byte 0x2e,0x8b,0x00
tzcnt %eax,%ecx
lzcnt (%rax),%rcx
popcnt %ax,%cx
bsr %eax,%ecx
bsf (%rax),%rdx
bt %eax,%ecx
btl $5,(%rax)
btq %rax,(%rdx)
btc $1,%eax
bswap %eax
bswap %r9
shld $3,%eax,%edx
shrd %cl,%rax,(%rdx)
mul %ecx
mulq (%rax)
div %cl
divb (%rax)
idivl (%rax)
neg %eax
notq (%rax)
incb %al
test $1,%al
testb $1,(%rax)
test %eax,(%rax)
sete %al
setne (%rax)
cmovge %eax,%edx
cmovl (%rax),%rdx
jrcxz .
loop .
endbr64
ud2
int3                        # SENSITIVE_UNPRIVILEGED
int $0x80                   # SENSITIVE_UNPRIVILEGED
cmpxchg8b (%rax)
cmpxchg16b (%rax)
lahf
sahf
xlat
cld
std
clc
stc
cmc
mfence
lfence
sfence
pause
rdrand %eax
movbe (%rax),%eax
movbe %rax,(%rdx)
prefetcht0 (%rax)
prefetchw (%rax)
clflush (%rax)
jmp .+0x100
call .+0x100
je .+2
je .+0x1000
movsbl %ah,%eax
mov %sil,%al
mov %ah,%bl
mov (%r8,%r9,2),%r10
mov 0x12345678(%r15,%r14,8),%r13d
mov (%rsp,%rax,4),%ax
mov 0x7f(%r12,%r13,1),%spl
mov %bpl,(%r13)
mov %dil,0x80(%rsi)
mov %r8b,%sil
mov %ah,(%rax)
mov %ch,%dh
mov 0x0(,%r9,1),%rax
mov 0x12345678,%r11
mov %eax,(%eax)
mov 0x10(%r8d,%ecx,4),%bx
lea (%eax,%ebx,2),%ecx
lea 0x8(%rip),%r8d
addr32 lea 0x10(%eip),%eax
movw $0x1234,(%rax)
mov $0x1234,%r9w
mov $0x12,%r10b
movabs $0x8000000000000000,%r15
mov $0x7fffffff,%r8
add $0x12345678,%eax
add $0x1234,%ax
add $0x12,%al
adc $0x7f,%bl
sbb $0xffffff80,%r12d
orw $0x8000,(%rdx)
andb $0x80,0x1(%rcx)
xorl $0x1,0x12345678(%rip)
cmpq $-1,%gs:0x18
testw $0x1,(%rsi)
test $0x12345678,%r9
imul %r8w,%r9w
imul $0x1234,%bx,%cx
imul $0x12345678,(%rdx),%esi
mulb 0x1(%rbx)
imulw (%rax)
negw %ax
notb (%r15)
inc %r15
decw 0x2(%rdx)
rcl %cl,%bh
rcrq $0x2,(%rax)
rol $0x1f,%r10d
ror %r11
sal %cl,%bl
shrw %cl,(%rdi)
shld %cl,%r8,%r9
shrdw $0x4,%ax,(%rbx)
xchg %r12,%rax
xchg %bl,%ch
xchgw %ax,(%rsi)
lock xchg %rax,(%rdi)
lock addb $0x1,(%rdi)
lock sub %r8,0x8(%r9)
lock adc %eax,(%rcx)
lock sbbw $0x2,(%rcx)
lock and %dl,(%rdx)
lock xor %r10d,-0x4(%rsp)
lock negq (%rax)
lock notl (%rbx)
lock decb (%rcx)
lock btr %eax,(%rdx)
lock btc %rsi,(%rdi)
lock btsw $0x1,(%rax)
lock cmpxchg %r8b,(%r9)
lock cmpxchg %cx,(%rdx)
lock xadd %r11,(%r12)
lock cmpxchg16b (%rdi)
lock cmpxchg8b 0x8(%rsi)
cmpxchg %al,%bl
xadd %ax,%dx
bsf %r8w,%r9w
bsr 0x10(%rsp),%eax
tzcnt %r8,%r9
lzcnt %ax,%dx
popcnt (%rsi),%r8d
bt $0x3f,%r9
bts $0x7,%ax
btr %ecx,%edx
btcq $0x2,0x8(%rax)
btsw %ax,(%rbx)
setae %r8b
seto (%rdi)
setle %ah
cmovo %r8,%r9
cmovnp (%rsi),%ax
cmovbe %eax,%ecx
movzbw (%rax),%ax
movzwl %r8w,%r9d
movzbl %ah,%edx
movsbq (%rdi),%r8
movswl 0x2(%rax),%ecx
movswq %r9w,%r10
movslq (%r8),%r9
cwtl
cbtw
push %r15
pushq $0x12345678
push 0x8(%r12,%r13,4)
pushw (%rax)
pop %r8
popw %ax
popq (%rsp)
call *%r11
call *(%r12)
.byte 0xff,0x15,0x10,0x00,0x00,0x00
jmp *%r12
jmp *0x8(%rsp,%rax,8)
notrack call *%rax
notrack jmp *(%rax,%rbx,8)
bnd ret
jo .+0x80
jno .-0x7e
jb .+2
jae .+2
jbe .+2
ja .+2
js .+2
jns .+2
jp .+2
jnp .+2
jl .+2
jge .+2
jle .+2
jg .+2
jne .+0x12345678
jecxz .+2
loope .+2
loopne .+2
rep lodsb
rep stosw
rep movsl
repnz scasq
repz cmpsq
repnz cmpsl
scasw
stosb %al,%es:(%edi)
movsb %fs:(%rsi),%es:(%rdi)
lodsl %gs:(%rsi),%eax
xlat %fs:(%rbx)
nopl 0x0(%rax,%rax,1)
nopw %ax
nopl %r8d
.byte 0x66,0x0f,0x1f,0x84,0x00,0x00,0x00,0x00,0x00
.byte 0x0f,0x1f,0x80,0x00,0x00,0x00,0x00
.byte 0x66,0x90
.byte 0x66,0x66,0x66,0x66,0x66,0x2e,0x0f,0x1f,0x84,0,0,0,0,0
.byte 0x2e,0xc3
.byte 0x3e,0xeb,0x00
.byte 0x66,0x88,0xc0
.byte 0x67,0x90
.byte 0x64,0x90
.byte 0x2e,0x48,0x8b,0x05,0x10,0x00,0x00,0x00
.byte 0x65,0x48,0x8b,0x04,0x25,0x28,0x00,0x00,0x00
.byte 0xf0,0x48,0x0f,0xc1,0x07
endbr32
ud1 (%rax),%eax
ud0 %eax,%ecx
rdseed %r9
movbe (%rdi),%r8w
prefetchnta (%rax)
prefetcht1 (%rbx)
prefetcht2 0x40(%rcx)
prefetch (%rdx)
sfence
lfence
mfence
enter $0x1234,$0x5
leave
ret $0xffff
