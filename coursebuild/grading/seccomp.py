"""The sandbox's system-call filter: threads may start, processes may not (classic BPF, for bwrap)."""

import platform
import struct

# linux/audit.h and the syscall tables: (AUDIT_ARCH, clone, clone3, other calls that make a process)
ARCHES = {
    "x86_64": (0xC000003E, 56, 435, (57, 58)),  # fork, vfork
    "aarch64": (0xC00000B7, 220, 435, ()),  # aarch64 has only clone and clone3
}
X32_BIT = 0x40000000  # x86_64's x32 ABI numbers its calls above this; refuse them all
CLONE_THREAD = 0x00010000
EAGAIN, ENOSYS = 11, 38
RET_ALLOW, RET_ERRNO, RET_KILL = 0x7FFF0000, 0x00050000, 0x80000000
LD_W_ABS, JEQ_K, JGE_K, JSET_K, RET_K = 0x20, 0x15, 0x35, 0x45, 0x06
NR, ARCH, ARG0 = 0, 4, 16  # offsets in struct seccomp_data (arg0's low 32 bits on little-endian)


def supported() -> bool:
    """Whether this machine's architecture has a filter here."""
    return platform.machine() in ARCHES


def process_filter() -> bytes:
    """The filter bwrap installs: clone without CLONE_THREAD (a new process) fails with EAGAIN, as a
    process limit of one would; clone3, whose flags a filter cannot read, fails with ENOSYS so that
    the C library falls back to clone."""
    arch, clone, clone3, forks = ARCHES[platform.machine()]
    # a jump names the return it goes to, or 0 for the next instruction
    body = [(LD_W_ABS, 0, 0, ARCH), (JEQ_K, 0, "kill", arch), (LD_W_ABS, 0, 0, NR),
            (JGE_K, "kill", 0, X32_BIT), (JEQ_K, "nosys", 0, clone3),
            *((JEQ_K, "again", 0, number) for number in forks),
            (JEQ_K, 0, "allow", clone), (LD_W_ABS, 0, 0, ARG0), (JSET_K, "allow", "again", CLONE_THREAD)]
    returns = {"allow": RET_ALLOW, "again": RET_ERRNO | EAGAIN, "nosys": RET_ERRNO | ENOSYS,
               "kill": RET_KILL}
    at = {name: len(body) + i for i, name in enumerate(returns)}
    program = [(code, *(at[jump] - index - 1 if jump else 0 for jump in (jt, jf)), k)
               for index, (code, jt, jf, k) in enumerate(body)]
    program += [(RET_K, 0, 0, value) for value in returns.values()]
    return b"".join(struct.pack("<HBBI", *instruction) for instruction in program)
